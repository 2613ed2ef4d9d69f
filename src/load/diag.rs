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
    pub(crate) source_line: Option<String>,
    pub(crate) width: usize,
    pub(crate) help: Option<String>,
    pub(crate) note: Option<String>,
    pub(crate) also: Option<Box<Place>>,
}

/// A second place a diagnostic points at, drawn under the first with its label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    file: String,
    line: usize,
    column: usize,
    source_line: Option<String>,
    width: usize,
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

    /// The line, counted from 1; 0 when the problem has no place in a file.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column in characters, counted from 1; 0 when the problem has no place.
    pub fn column(&self) -> usize {
        self.column
    }

    /// How to fix it, when there is something to suggest.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// More context, such as where a duplicate was first defined.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
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
        if let Some(src) = &self.source_line {
            writeln!(f, "{pad} |")?;
            writeln!(f, "{:>digits$} | {}", self.line, src)?;
            let lead: String = src
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {lead}{}", "^".repeat(self.width.max(1)))?;
        }
        if let Some(p) = &self.also {
            if p.line > 0 {
                writeln!(f, "{pad}::: {}:{}:{}", p.file, p.line, p.column)?;
            } else {
                writeln!(f, "{pad}::: {}", p.file)?;
            }
            if let Some(src) = &p.source_line {
                writeln!(f, "{pad} |")?;
                writeln!(f, "{:>digits$} | {src}", p.line)?;
                let lead: String = src
                    .chars()
                    .take(p.column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(
                    f,
                    "{pad} | {lead}{} {}",
                    "-".repeat(p.width.max(1)),
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
#[derive(Clone, Debug, PartialEq, Eq)]
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
        code: problem.code,
        message: problem.message,
        file: None,
        line: 0,
        column: 0,
        source_line: None,
        width: 1,
        help: problem.help,
        note: problem.note,
        also: None,
    };
    if let Some(p) = problem.loc.and_then(|loc| place_loc(loc, files)) {
        d.file = Some(p.file);
        d.line = p.line;
        d.column = p.column;
        d.source_line = p.source_line;
        d.width = p.width;
    }
    d.also = problem
        .also
        .and_then(|(loc, label)| place_loc(loc, files).map(|p| Box::new(Place { label, ..p })));
    d
}

/// The file, line, column, line text and width of a place.
fn place_loc(loc: Loc, files: &[(String, Option<(&str, &LineIndex)>)]) -> Option<Place> {
    let (name, text) = files.get(loc.file as usize)?;
    let mut p = Place {
        file: name.clone(),
        line: 0,
        column: 0,
        source_line: None,
        width: 1,
        label: String::new(),
    };
    if let Some((text, index)) = text {
        let (line, col, line_text) = index.place(text, loc.start as usize);
        p.line = line;
        p.column = col;
        let rest = line_text.chars().count().saturating_sub(col - 1);
        let span_chars = text
            .get(loc.start as usize..(loc.end as usize).max(loc.start as usize))
            .map_or(1, |s| s.chars().take_while(|&c| c != '\n').count());
        p.width = span_chars.min(rest).max(1);
        p.source_line = Some(line_text.to_owned());
    }
    Some(p)
}
