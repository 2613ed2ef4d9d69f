//! Load diagnostics: every problem found, with its place, rendered like rustc's.

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
    pub loc: Option<Loc>,
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
    pub(crate) fn error(&mut self, loc: Loc, message: impl Into<String>) -> Report<'_> {
        self.push(Some(loc), message)
    }

    pub(crate) fn push(&mut self, loc: Option<Loc>, message: impl Into<String>) -> Report<'_> {
        Report {
            sink: self,
            problem: Some(Problem {
                loc,
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

    pub(crate) fn note(mut self, note: impl Into<String>) -> Self {
        if let Some(p) = &mut self.problem {
            p.note = Some(note.into());
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
/// error: unknown party `kzz` in `summit.cca-2025-astana.host`
///   --> data/china-central-asia.toml:41:8
///    |
/// 41 | host = "kzz"
///    |        ^^^^^
///    = help: did you mean `kz`?
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub(crate) message: String,
    pub(crate) file: Option<String>,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) source_line: Option<String>,
    pub(crate) width: usize,
    pub(crate) help: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) path: Option<String>,
}

impl Diagnostic {
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
        writeln!(f, "error: {}", self.message)?;
        let digits = if self.line > 0 {
            self.line.to_string().len()
        } else {
            1
        };
        let pad = " ".repeat(digits);
        if let Some(file) = &self.file {
            if self.line > 0 {
                writeln!(f, "{pad}--> {file}:{}:{}", self.line, self.column)?;
            } else {
                writeln!(f, "{pad}--> {file}")?;
            }
        }
        if let Some(src) = &self.source_line {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{} | {}", self.line, src)?;
            let lead: String = src
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {lead}{}", "^".repeat(self.width.max(1)))?;
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
        let n = self.diagnostics.len();
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
        let n = self.diagnostics.len();
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

/// Places a problem in its file.
pub(crate) fn place(
    problem: Problem,
    files: &[(String, Option<(&str, &LineIndex)>)],
) -> Diagnostic {
    let mut d = Diagnostic {
        message: problem.message,
        file: None,
        line: 0,
        column: 0,
        source_line: None,
        width: 1,
        help: problem.help,
        note: problem.note,
        path: problem.path,
    };
    if let Some(loc) = problem.loc {
        if let Some((name, text)) = files.get(loc.file as usize) {
            d.file = Some(name.clone());
            if let Some((text, index)) = text {
                let (line, col, line_text) = index.place(text, loc.start as usize);
                d.line = line;
                d.column = col;
                let rest = line_text.chars().count().saturating_sub(col - 1);
                let span_chars = text
                    .get(loc.start as usize..(loc.end as usize).max(loc.start as usize))
                    .map_or(1, |s| s.chars().take_while(|&c| c != '\n').count());
                d.width = span_chars.min(rest).max(1);
                d.source_line = Some(line_text.to_owned());
            }
        }
    }
    d
}
