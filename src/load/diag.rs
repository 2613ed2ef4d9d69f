//! Load diagnostics: every problem found, with its place, rendered like rustc's.

pub use super::codes::Code;
use std::fmt;

/// A place in a loaded file: which file and which bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Loc {
    pub file: u32,
    pub start: u32,
    pub end: u32,
}

impl Loc {
    pub(crate) fn new(file: u32, span: std::ops::Range<usize>) -> Loc {
        Loc {
            file,
            start: u32::try_from(span.start).unwrap_or(u32::MAX),
            end: u32::try_from(span.end).unwrap_or(u32::MAX),
        }
    }
}

/// A problem as the readers record it, before it is placed on a line and column.
#[derive(Clone, Debug)]
pub(crate) struct Problem {
    pub code: Code,
    pub loc: Option<Loc>,
    /// A second place, with its label (where a duplicate was first defined).
    pub also: Option<(Loc, String)>,
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
    /// The key path of the value at fault (`summit.cca-2025-astana.host`), when known.
    pub path: Option<String>,
}

/// Collects problems while a dataset is read and checked.
#[derive(Default, Debug)]
pub(crate) struct Sink {
    pub problems: Vec<Problem>,
}

impl Sink {
    pub(crate) fn error(&mut self, code: Code, loc: Loc, message: impl Into<String>) -> Report<'_> {
        self.push(code, Some(loc), message)
    }

    pub(crate) fn push(
        &mut self,
        code: Code,
        loc: Option<Loc>,
        message: impl Into<String>,
    ) -> Report<'_> {
        Report {
            sink: self,
            problem: Some(Problem {
                code,
                loc,
                also: None,
                message: message.into(),
                help: None,
                note: None,
                path: None,
            }),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A problem being reported; it is recorded when dropped, so help and notes can be chained.
pub(crate) struct Report<'a> {
    sink: &'a mut Sink,
    problem: Option<Problem>,
}

impl Report<'_> {
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        if let Some(p) = &mut self.problem {
            p.help = Some(help.into());
        }
        self
    }

    pub(crate) fn help_opt(self, help: Option<String>) -> Self {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }

    /// The key path of the value at fault.
    pub(crate) fn path(mut self, path: impl fmt::Display) -> Self {
        if let Some(p) = &mut self.problem {
            p.path = Some(path.to_string());
        }
        self
    }

    /// Points at where the same thing was first defined, as a second place.
    pub(crate) fn first_at(self, loc: Loc) -> Self {
        self.also(loc, "first defined here")
    }

    /// A second place the problem involves, with a label: "first defined here".
    pub(crate) fn also(mut self, loc: Loc, label: impl Into<String>) -> Self {
        if let Some(p) = &mut self.problem {
            p.also = Some((loc, label.into()));
        }
        self
    }
}

impl Drop for Report<'_> {
    fn drop(&mut self) {
        if let Some(p) = self.problem.take() {
            self.sink.problems.push(p);
        }
    }
}

/// One problem found while loading: where it is, what is wrong, and how to fix it.
///
/// Its [`Display`](fmt::Display) draws the problem like the Rust compiler does:
///
/// ```text
/// error[S0402]: unknown party `kzz` in `summit.cca-2025-astana.host`
///   --> data/china-central-asia.toml:41:8
///    |
/// 41 | host = "kzz"
///    |        ^^^^^
///    = help: did you mean `kz`?
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) code: Code,
    pub(crate) message: String,
    pub(crate) file: Option<String>,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// The line shown under the place: escaped, and cut to a window around the place when
    /// it is long.
    pub(crate) snippet: Option<Snippet>,
    pub(crate) help: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) path: Option<String>,
    pub(crate) also: Option<Box<Place>>,
}

/// A second place a diagnostic points at, drawn under the first with its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    file: String,
    line: usize,
    column: usize,
    snippet: Option<Snippet>,
    label: String,
}

impl Diagnostic {
    /// The problem's stable code (`S0103`); `summitry explain CODE` says what it means.
    pub fn code(&self) -> Code {
        self.code
    }

    /// The second place the problem involves, if any, as file, line, column and label:
    /// for a duplicate, where it was first defined.
    pub fn related(&self) -> Option<(&str, usize, usize, &str)> {
        self.also
            .as_deref()
            .map(|p| (p.file.as_str(), p.line, p.column, p.label.as_str()))
    }

    /// What is wrong, in one line: lowercase, with names in backticks.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The file, as it was named when loading, if the problem is in a file.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The line, counted from 1; `None` when the problem has no place in a file.
    pub fn line(&self) -> Option<usize> {
        (self.line > 0).then_some(self.line)
    }

    /// The column in characters, counted from 1; `None` when the problem has no place.
    pub fn column(&self) -> Option<usize> {
        (self.column > 0).then_some(self.column)
    }

    /// How to fix it, when there is something to suggest.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The key path of the value at fault, as data files spell it: a record by its kind and
    /// id, then keys and array positions (`summit.cca-2025-astana.host`,
    /// `commitment.c1.areas[0]`, `assessment[3].evidence[0]`). `None` when the problem is not
    /// about one value (a file that cannot be read, a syntax error, a check across records).
    ///
    /// ```
    /// let err = summitry::Dataset::from_toml_str("a.toml", "[[party]]\nid = \"kz\"\nkind = \"stat\"\nname = \"Kazakhstan\"\n").unwrap_err();
    /// assert_eq!(err.diagnostics()[0].key_path(), Some("party.kz.kind"));
    /// ```
    pub fn key_path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// More context, such as where a duplicate was first defined.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

impl serde::Serialize for Diagnostic {
    /// `{"message", "key_path", "file", "line", "column", "help", "note"}`; absent values are
    /// `null`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Diagnostic", 7)?;
        st.serialize_field("message", &self.message)?;
        st.serialize_field("key_path", &self.path)?;
        st.serialize_field("file", &self.file)?;
        st.serialize_field("line", &self.line())?;
        st.serialize_field("column", &self.column())?;
        st.serialize_field("help", &self.help)?;
        st.serialize_field("note", &self.note)?;
        st.end()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error[{}]: {}", self.code, self.message)?;
        let also_line = self.also.as_ref().map_or(0, |p| p.line);
        let digits = self.line.max(also_line).max(1).to_string().len();
        let pad = " ".repeat(digits);
        if let Some(file) = &self.file {
            if self.line > 0 {
                writeln!(f, "{pad}--> {file}:{}:{}", self.line, self.column)?;
            } else {
                writeln!(f, "{pad}--> {file}")?;
            }
        }
        if let Some(snip) = &self.snippet {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{:>digits$} | {}", self.line, snip.text)?;
            writeln!(f, "{pad} | {}{}", snip.lead, "^".repeat(snip.width.max(1)))?;
        }
        if let Some(p) = &self.also {
            if p.line > 0 {
                writeln!(f, "{pad}::: {}:{}:{}", p.file, p.line, p.column)?;
            } else {
                writeln!(f, "{pad}::: {}", p.file)?;
            }
            if let Some(snip) = &p.snippet {
                writeln!(f, "{pad} |")?;
                writeln!(f, "{:>digits$} | {}", p.line, snip.text)?;
                writeln!(
                    f,
                    "{pad} | {}{} {}",
                    snip.lead,
                    "-".repeat(snip.width.max(1)),
                    p.label
                )?;
            }
        }
        if let Some(note) = &self.note {
            writeln!(f, "{pad} = note: {note}")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// A dataset that could not be loaded: every problem found, in file and line order.
///
/// Nothing is loaded when there is any problem: a dataset is either complete and valid, or
/// not there. Its [`Display`](fmt::Display) renders every diagnostic, separated by blank
/// lines, then a summary line.
///
/// ```
/// let err = summitry::Dataset::from_toml_str("a.toml", "[[party]]\nid = \"kz\"\n").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "2 problems in 1 file; first: missing key `kind` in `party.kz` (a.toml:1:1)"
/// );
/// assert!(format!("{err:?}").contains(" --> a.toml:1:1"));
/// assert_eq!(err.diagnostics().len(), 2);
/// ```
#[derive(Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoadError {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Every problem found, counting those left out by the cap per file.
    pub(crate) total: usize,
}

impl LoadError {
    /// Every problem found, ordered by file, line and column.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }
}

impl fmt::Display for LoadError {
    /// One line: how many problems in how many files, and the first one with its place:
    /// ``3 problems in 2 files; first: unknown party `kzz` in `summit.x.host` (data/a.toml:4:8)``.
    /// The full rendering of every diagnostic is the [`Debug`](fmt::Debug) form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.total;
        let mut files: Vec<&str> = self.diagnostics.iter().filter_map(|d| d.file()).collect();
        files.sort_unstable();
        files.dedup();
        let s = |k: usize| if k == 1 { "" } else { "s" };
        write!(f, "{n} problem{}", s(n))?;
        if !files.is_empty() {
            write!(f, " in {} file{}", files.len(), s(files.len()))?;
        }
        if let Some(d) = self.diagnostics.first() {
            write!(f, "; first: {}", d.message)?;
            match (d.file(), d.line()) {
                (Some(file), Some(line)) => {
                    write!(f, " ({file}:{line}:{})", d.column().unwrap_or(1))?
                }
                (Some(file), None) => write!(f, " ({file})")?,
                _ => {}
            }
        }
        Ok(())
    }
}

impl fmt::Debug for LoadError {
    /// Every diagnostic rendered as `summitry check` prints it (file, line, column, the source
    /// line with a caret, help), separated by blank lines, then a summary line: what
    /// `fn main() -> Result<(), Box<dyn Error>>` shows when `?` returns a `LoadError`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let n = self.total;
        write!(
            f,
            "error: could not load the dataset due to {n} previous error{}",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for LoadError {}

/// Line starts of one file, to turn byte offsets into lines and columns.
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset, and the line's text.
    pub(crate) fn place<'t>(&self, text: &'t str, offset: usize) -> (usize, usize, &'t str) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let end = self
            .starts
            .get(line)
            .map(|e| e.saturating_sub(1))
            .unwrap_or(text.len());
        let line_text = text.get(start..end).unwrap_or("");
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        let col = text.get(start..offset).map_or(1, |p| p.chars().count() + 1);
        (line, col, line_text)
    }
}

/// The most problems shown for one file; the rest are counted in one last diagnostic
/// ("and N more problems in `file`").
pub(crate) const MAX_PER_FILE: usize = 50;
/// The longest source line shown whole, in displayed characters; a longer one is shown as
/// a window of [`WINDOW`] characters around the place, cut with `...` on either side.
pub(crate) const MAX_LINE: usize = 120;
/// The width of the window shown of a long line.
pub(crate) const WINDOW: usize = 100;
/// How much of the window goes before the place.
const BEFORE: usize = 40;

/// A source line as shown under a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Snippet {
    /// The line (or its window), with unprintable characters escaped.
    pub text: String,
    /// What goes before the caret: spaces, and tabs where the line has tabs.
    pub lead: String,
    /// How many carets.
    pub width: usize,
}

/// Whether a character is shown escaped in diagnostics: control characters (C0, DEL, C1),
/// the bidirectional formatting characters (which reorder the text around them on screen)
/// and the line and paragraph separators.
pub(crate) fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// A text with every [`unprintable`] character written `\u{1b}`, so that a diagnostic
/// never passes a control sequence to the terminal.
pub(crate) fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(unprintable) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_shown(&mut out, c);
    }
    std::borrow::Cow::Owned(out)
}

fn push_shown(out: &mut String, c: char) {
    use std::fmt::Write as _;
    if unprintable(c) {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
    } else {
        out.push(c);
    }
}

/// How many characters a character takes once shown (tabs are kept as they are).
fn shown_len(c: char) -> usize {
    if c != '\t' && unprintable(c) {
        // `\u{` + hex digits + `}`
        let digits = (32 - u32::from(c).leading_zeros()).div_ceil(4).max(1) as usize;
        4 + digits
    } else {
        1
    }
}

/// The snippet of a line for a place `col` (in characters, from 1) spanning `width`
/// characters: unprintable characters escaped (tabs kept), and a window around the place
/// when the line is long.
pub(crate) fn snippet(line: &str, col: usize, width: usize) -> Snippet {
    let at = col.saturating_sub(1);
    // Shown offsets of the place's start and end, and of the whole line.
    let (mut start, mut end, mut total) = (0, 0, 0);
    for (i, c) in line.chars().enumerate() {
        if i == at {
            start = total;
        }
        if i == at + width {
            end = total;
        }
        total += shown_len(c);
    }
    if at >= line.chars().count() {
        start = total;
    }
    if at + width >= line.chars().count() {
        end = total;
    }
    let end = end.max(start);
    let (from, to) = if total <= MAX_LINE {
        (0, total)
    } else {
        let from = start.saturating_sub(BEFORE);
        let to = (from + WINDOW).min(total);
        (to.saturating_sub(WINDOW).min(from), to)
    };
    let mut text = String::new();
    let mut lead = String::new();
    if from > 0 {
        text.push_str("...");
        lead.push_str("   ");
    }
    let mut pos = 0;
    for c in line.chars() {
        let n = shown_len(c);
        // A character is shown when it starts inside the window and ends inside it.
        if pos >= from && pos + n <= to {
            if c == '\t' {
                text.push(c);
            } else {
                push_shown(&mut text, c);
            }
            if pos < start {
                lead.push(if c == '\t' { '\t' } else { ' ' });
                lead.extend(std::iter::repeat_n(' ', n - 1));
            }
        }
        pos += n;
        if pos >= to {
            break;
        }
    }
    if to < total {
        text.push_str("...");
    }
    let width = end.min(to).saturating_sub(start).max(1);
    Snippet { text, lead, width }
}

/// Places a problem in its file.
pub(crate) fn place(
    problem: Problem,
    files: &[(String, Option<(&str, &LineIndex)>)],
) -> Diagnostic {
    let mut d = Diagnostic {
        code: problem.code,
        message: escape(&problem.message).into_owned(),
        file: None,
        line: 0,
        column: 0,
        snippet: None,
        help: problem.help.map(|h| escape(&h).into_owned()),
        note: problem.note.map(|n| escape(&n).into_owned()),
        path: problem.path,
        also: None,
    };
    if let Some(p) = problem.loc.and_then(|loc| place_loc(loc, files)) {
        d.file = Some(p.file);
        d.line = p.line;
        d.column = p.column;
        d.snippet = p.snippet;
    }
    d.also = problem.also.and_then(|(loc, label)| {
        place_loc(loc, files).map(|p| {
            Box::new(Place {
                label: escape(&label).into_owned(),
                ..p
            })
        })
    });
    d
}

/// The file, line, column and shown line of a place.
fn place_loc(loc: Loc, files: &[(String, Option<(&str, &LineIndex)>)]) -> Option<Place> {
    let (name, text) = files.get(loc.file as usize)?;
    let mut p = Place {
        file: escape(name).into_owned(),
        line: 0,
        column: 0,
        snippet: None,
        label: String::new(),
    };
    if let Some((text, index)) = text {
        let (line, col, line_text) = index.place(text, loc.start as usize);
        p.line = line;
        p.column = col;
        let span_chars = text
            .get(loc.start as usize..(loc.end as usize).max(loc.start as usize))
            .map_or(1, |s| s.chars().take_while(|&c| c != '\n').count());
        p.snippet = Some(snippet(line_text, col, span_chars.max(1)));
    }
    Some(p)
}

/// The diagnostic standing for the problems of a file left out by [`MAX_PER_FILE`].
pub(crate) fn more(name: &str, n: usize) -> Diagnostic {
    Diagnostic {
        code: Code::TooManyProblems,
        message: format!(
            "and {n} more problem{} in `{}`",
            if n == 1 { "" } else { "s" },
            escape(name)
        ),
        file: Some(escape(name).into_owned()),
        line: 0,
        column: 0,
        snippet: None,
        help: Some(format!(
            "only the first {MAX_PER_FILE} problems of a file are shown: fix them and check again"
        )),
        note: None,
        path: None,
        also: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(line: &str, col: usize, width: usize) -> (String, String) {
        let s = snippet(line, col, width);
        (s.text, format!("{}{}", s.lead, "^".repeat(s.width)))
    }

    #[test]
    fn short_lines_are_shown_whole_and_escaped() {
        assert_eq!(
            show("a = \"x\"", 5, 3),
            ("a = \"x\"".into(), "    ^^^".into())
        );
        // An escaped character is as wide as its escape, before and under the caret.
        assert_eq!(
            show("\u{1b}b = 1", 2, 1),
            ("\\u{1b}b = 1".into(), "      ^".into())
        );
        assert_eq!(
            show("k\u{202e}z = 1", 2, 1),
            ("k\\u{202e}z = 1".into(), " ^^^^^^^^".into())
        );
        // Tabs are kept, and kept in the lead so that the caret lines up.
        assert_eq!(show("\tx = 1", 2, 1), ("\tx = 1".into(), "\t^".into()));
        // A place at the end of the line.
        assert_eq!(show("ab", 3, 1), ("ab".into(), "  ^".into()));
    }

    #[test]
    fn long_lines_are_shown_as_a_window() {
        let line = format!("{}X{}", "a".repeat(200), "b".repeat(200));
        let (text, caret) = show(&line, 201, 1);
        assert_eq!(text, format!("...{}X{}...", "a".repeat(40), "b".repeat(59)));
        assert_eq!(caret, format!("{}^", " ".repeat(43)));
        // Near the start: no cut before.
        let (text, caret) = show(&line, 3, 2);
        assert_eq!(text, format!("{}...", "a".repeat(100)));
        assert_eq!(caret, "  ^^");
        // Near the end: the window ends with the line.
        let (text, caret) = show(&line, 401, 1);
        assert_eq!(text, format!("...{}", "b".repeat(100)));
        assert_eq!(caret, format!("{}^", " ".repeat(102)));
        // A span running past the window is cut at it.
        let (_, caret) = show(&line, 150, 250);
        assert_eq!(caret, format!("{}{}", " ".repeat(43), "^".repeat(60)));
    }

    #[test]
    fn escape_leaves_printable_text_alone() {
        assert!(matches!(
            escape("plain é 中"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            escape("a\u{0}b\u{7f}\u{9b}\u{2066}\n"),
            "a\\u{0}b\\u{7f}\\u{9b}\\u{2066}\\u{a}"
        );
    }
}
