//! Loading a dataset from TOML files: reading, checking, and reporting every problem.

mod diag;
mod read;
mod records;
mod resolve;
mod tree;

pub use diag::{Diagnostic, LoadError};

use crate::model::Dataset;
use diag::{LineIndex, Loc, Sink};
use read::Cx;
use records::RawSet;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use tree::{Node, Value};

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// Limits on what the loader accepts, so that no input can exhaust memory or time.
///
/// Each limit, when exceeded, is reported as a diagnostic naming the file and the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes. Default: 64 MiB.
    pub max_file_bytes: u64,
    /// The most files a dataset may span. Default: 10,000.
    pub max_files: usize,
    /// The deepest nesting of tables and arrays accepted in a file. Default: 16 (the
    /// format itself needs at most 6).
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_files: 10_000,
            max_depth: 16,
        }
    }
}

#[derive(Clone, Debug)]
enum Input {
    Dir(PathBuf),
    File(PathBuf),
    Text { name: String, text: String },
    Bytes { name: String, bytes: Vec<u8> },
}

/// Loads a dataset from any mix of directories, files and in-memory texts.
///
/// Directories are searched recursively for `*.toml` files, taken in path order; symbolic
/// links inside a directory are refused, so a dataset never reads outside its directory.
/// Every problem in every file is reported, not just the first: see [`LoadError`].
///
/// ```
/// use summitry::Loader;
///
/// let example = include_str!("../../examples/data/example.toml");
/// let dataset = Loader::new().text("example.toml", example).load()?;
/// assert_eq!(dataset.summits().len(), 1);
/// assert_eq!(dataset.commitments().len(), 2);
/// # Ok::<(), summitry::LoadError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Loader {
    inputs: Vec<Input>,
    limits: Limits,
}

/// One file to read: its display name, and its bytes or the problem met getting them, or
/// the path to read them from when their turn comes (so that only one file's bytes are
/// held at a time).
struct FileIn {
    name: String,
    src: Src,
}

enum Src {
    Bytes(Result<Vec<u8>, String>),
    Path(PathBuf),
}

impl Loader {
    /// A loader with nothing to load yet and default [`Limits`].
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Adds every `*.toml` file below a directory.
    pub fn dir(mut self, path: impl Into<PathBuf>) -> Loader {
        self.inputs.push(Input::Dir(path.into()));
        self
    }

    /// Adds one file, or, when the path is a directory, every `*.toml` file below it.
    pub fn path(mut self, path: impl Into<PathBuf>) -> Loader {
        let path = path.into();
        if path.is_dir() {
            self.inputs.push(Input::Dir(path));
        } else {
            self.inputs.push(Input::File(path));
        }
        self
    }

    /// Adds one in-memory text, named `name` in diagnostics.
    pub fn text(mut self, name: impl Into<String>, text: impl Into<String>) -> Loader {
        self.inputs.push(Input::Text {
            name: name.into(),
            text: text.into(),
        });
        self
    }

    /// Adds in-memory bytes, named `name` in diagnostics; they must be UTF-8.
    pub fn bytes(mut self, name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Loader {
        self.inputs.push(Input::Bytes {
            name: name.into(),
            bytes: bytes.into(),
        });
        self
    }

    /// Replaces the limits.
    pub fn limits(mut self, limits: Limits) -> Loader {
        self.limits = limits;
        self
    }

    /// Reads, checks and indexes everything added.
    ///
    /// # Errors
    ///
    /// A [`LoadError`] with every problem found: files that cannot be read, are too large or
    /// are not UTF-8, TOML syntax errors, unknown or missing keys, values of the wrong type,
    /// invalid ids, dates and language tags, duplicate ids, unresolved references, and the
    /// checks across records (membership, obligors, cycles). Nothing is loaded when there is
    /// any problem.
    pub fn load(self) -> Result<Dataset, LoadError> {
        let mut sink = Sink::default();
        let mut files: Vec<FileIn> = Vec::new();
        let limits = self.limits;
        for input in self.inputs {
            match input {
                Input::Dir(dir) => collect_dir(&dir, &limits, &mut files, &mut sink),
                Input::File(p) => files.push(file_in(p)),
                Input::Text { name, text } => files.push(FileIn {
                    name,
                    src: Src::Bytes(Ok(text.into_bytes())),
                }),
                Input::Bytes { name, bytes } => files.push(FileIn {
                    name,
                    src: Src::Bytes(Ok(bytes)),
                }),
            }
        }
        if files.len() > limits.max_files {
            sink.push(
                None,
                format!(
                    "the dataset spans {} files, more than the limit of {}",
                    files.len(),
                    limits.max_files
                ),
            )
            .help("raise `Limits::max_files`, or load fewer files");
            files.truncate(limits.max_files);
        }
        load_files(files, &limits, sink)
    }
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn file_in(p: PathBuf) -> FileIn {
    FileIn {
        name: display(&p),
        src: Src::Path(p),
    }
}

fn read_file(p: &Path, name: &str, limits: &Limits) -> Result<Vec<u8>, String> {
    match std::fs::metadata(p) {
        Err(e) => Err(format!("cannot read `{name}`: {}", io_reason(&e))),
        Ok(m) if m.is_dir() => Err(format!("`{name}` is a directory, not a file")),
        Ok(m) if m.len() > limits.max_file_bytes => Err(format!(
            "`{name}` is {} bytes, more than the limit of {} bytes",
            m.len(),
            limits.max_file_bytes
        )),
        Ok(_) => std::fs::read(p).map_err(|e| format!("cannot read `{name}`: {}", io_reason(&e))),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn collect_dir(dir: &Path, limits: &Limits, files: &mut Vec<FileIn>, sink: &mut Sink) {
    let mut found: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            files.push(file_in(dir.to_path_buf()));
            return;
        }
        Err(e) => {
            sink.push(
                None,
                format!("cannot read `{}`: {}", display(dir), io_reason(&e)),
            )
            .help("give a data directory or a `.toml` file");
            return;
        }
    }
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                sink.push(
                    None,
                    format!("cannot read `{}`: {}", display(&d), io_reason(&e)),
                );
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if meta.file_type().is_symlink() {
                sink.push(
                    None,
                    format!("symbolic link `{}` refused", display(&p)),
                )
                .help("a dataset reads only the files inside its directory: copy the file in instead of linking it");
            } else if meta.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "toml") {
                found.push(p);
            }
            if found.len() > limits.max_files {
                break;
            }
        }
    }
    found.sort();
    files.extend(found.into_iter().map(file_in));
}

fn depth(v: &Node<'_>) -> usize {
    match v {
        Node::Array(a) => 1 + a.iter().map(|x| depth(x.get_ref())).max().unwrap_or(0),
        Node::Table(t) => {
            1 + t
                .entries()
                .iter()
                .map(|(_, x)| depth(x.get_ref()))
                .max()
                .unwrap_or(0)
        }
        _ => 0,
    }
}

fn first_too_deep(v: &Value<'_>, left: usize) -> Option<std::ops::Range<usize>> {
    if left == 0 {
        return Some(v.span());
    }
    match v.get_ref() {
        Node::Array(a) => a.iter().find_map(|x| first_too_deep(x, left - 1)),
        Node::Table(t) => t.iter().find_map(|(_, x)| first_too_deep(x, left - 1)),
        _ => None,
    }
}

/// A file's text once it is read. A file with a problem keeps its text, to place the
/// problem on its lines; so does an in-memory input, which cannot be read again. Any other
/// file's text is dropped as soon as its records are read, and read again from its path
/// only if a later check (a duplicate id, an unresolved reference) reports a problem in it.
enum Text {
    Missing,
    Kept(String),
    Dropped(PathBuf),
}

/// Reads a dropped text again, to place a problem found after it was dropped.
fn reread(p: &Path, name: &str, limits: &Limits) -> Option<String> {
    let bytes = read_file(p, name, limits).ok()?;
    Some(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

fn load_files(files: Vec<FileIn>, limits: &Limits, mut sink: Sink) -> Result<Dataset, LoadError> {
    let _interning = crate::model::InternScope::begin();
    let mut texts: Vec<(String, Text)> = Vec::with_capacity(files.len());
    let mut set = RawSet::default();
    // Places of syntax errors: problems found at the same place later are their echoes.
    let mut syntax: Vec<Loc> = Vec::new();
    // The lexer's tokens, in one buffer reused across files.
    let mut tokens = Vec::new();
    for (i, f) in files.into_iter().enumerate() {
        let file = u32::try_from(i).unwrap_or(u32::MAX);
        let problems_before = sink.problems.len();
        let (bytes, path) = match f.src {
            Src::Bytes(b) => (b, None),
            Src::Path(p) => (read_file(&p, &f.name, limits), Some(p)),
        };
        let bytes = match bytes {
            Ok(b) => b,
            Err(msg) => {
                sink.push(
                    Some(Loc {
                        file,
                        start: 0,
                        end: 0,
                    }),
                    msg,
                );
                texts.push((f.name, Text::Missing));
                continue;
            }
        };
        if bytes.len() as u64 > limits.max_file_bytes {
            sink.push(
                Some(Loc {
                    file,
                    start: 0,
                    end: 0,
                }),
                format!(
                    "`{}` is {} bytes, more than the limit of {} bytes",
                    f.name,
                    bytes.len(),
                    limits.max_file_bytes
                ),
            )
            .help("split the file, or raise `Limits::max_file_bytes`");
            texts.push((f.name, Text::Missing));
            continue;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                sink.error(Loc::new(file, at..at + 1), "file is not valid UTF-8")
                    .help("save the file as UTF-8");
                texts.push((f.name, Text::Kept(lossy)));
                continue;
            }
        };
        {
            let tree::Parsed {
                root,
                errors,
                depth_bound,
            } = tree::parse(&text, &mut tokens);
            for e in &errors {
                let span = e.span().unwrap_or(0..0);
                let msg = e
                    .message()
                    .lines()
                    .next()
                    .unwrap_or("invalid TOML")
                    .trim_end_matches('.');
                syntax.push(Loc::new(file, span.clone()));
                sink.error(Loc::new(file, span), format!("invalid TOML: {msg}"));
            }
            // The root table counts as one level; checked in place, without a copy, and only
            // when the fast builder's bound on the depth is over the limit.
            let too_deep = depth_bound.is_none_or(|b| b > limits.max_depth)
                && 1 + root
                    .entries()
                    .iter()
                    .map(|(_, x)| depth(x.get_ref()))
                    .max()
                    .unwrap_or(0)
                    > limits.max_depth;
            if too_deep {
                // The root table's place is empty, at the start of the file.
                let span = if limits.max_depth == 0 {
                    Some(0..0)
                } else {
                    root.iter()
                        .find_map(|(_, x)| first_too_deep(x, limits.max_depth - 1))
                }
                .unwrap_or(0..0);
                sink.error(
                    Loc::new(file, span),
                    format!(
                        "nesting deeper than the limit of {} levels",
                        limits.max_depth
                    ),
                )
                .help("data files need only a few levels of tables and arrays");
            } else {
                let mut cx = Cx {
                    file,
                    sink: &mut sink,
                };
                set.read_file(&mut cx, &root);
            }
            // The parsed tree is dropped here, before the next file is read.
        }
        let text = match path {
            Some(p) if sink.problems.len() == problems_before => Text::Dropped(p),
            _ => Text::Kept(text),
        };
        texts.push((f.name, text));
    }

    set.shrink();
    // Texts and line indexes of the files with problems, made when first asked for.
    let reread_texts: Vec<OnceCell<Option<String>>> =
        texts.iter().map(|_| OnceCell::new()).collect();
    let indexes: Vec<OnceCell<Option<LineIndex>>> = texts.iter().map(|_| OnceCell::new()).collect();
    let text_of = |file: usize| -> Option<&str> {
        match &texts.get(file)?.1 {
            Text::Missing => None,
            Text::Kept(t) => Some(t.as_str()),
            Text::Dropped(p) => reread_texts
                .get(file)?
                .get_or_init(|| {
                    let name = texts.get(file).map_or("", |(n, _)| n.as_str());
                    reread(p, name, limits)
                })
                .as_deref(),
        }
    };
    let placed = |file: usize| -> Option<(&str, &LineIndex)> {
        let t = text_of(file)?;
        let ix = indexes
            .get(file)?
            .get_or_init(|| Some(LineIndex::new(t)))
            .as_ref()?;
        Some((t, ix))
    };
    let names: Vec<String> = texts.iter().map(|(n, _)| n.clone()).collect();
    let line_col = |loc: Loc| -> (usize, usize) {
        match placed(loc.file as usize) {
            Some((t, ix)) => {
                let (l, c, _) = ix.place(t, loc.start as usize);
                (l, c)
            }
            None => (0, 0),
        }
    };
    let records = resolve::resolve(set, &mut sink, &names, &line_col);
    match records {
        Some(r) if sink.is_empty() => {
            // Nothing to place: the texts go before the indexes are built.
            drop(indexes);
            drop(reread_texts);
            drop(texts);
            Ok(Dataset::from_records(r))
        }
        _ => {
            let mut problems = sink.problems;
            problems.retain(|p| {
                let Some(l) = p.loc else { return true };
                let echo = syntax.iter().any(|s| {
                    s.file == l.file
                        && s.start < l.end.max(l.start + 1)
                        && l.start < s.end.max(s.start + 1)
                });
                !echo || p.message.starts_with("invalid TOML")
            });
            problems.sort_by_key(|p| p.loc.map(|l| (1, l.file, l.start)).unwrap_or((0, 0, 0)));
            // The TOML parser's recovery can report one problem several times at one place.
            problems.dedup_by(|a, b| a.loc == b.loc && a.message == b.message);
            // Only the files with a problem are placed (and, if dropped, read again).
            let mut with_problems = vec![false; names.len()];
            for l in problems.iter().filter_map(|p| p.loc) {
                if let Some(w) = with_problems.get_mut(l.file as usize) {
                    *w = true;
                }
            }
            let placed_files: Vec<(String, Option<(&str, &LineIndex)>)> = names
                .iter()
                .zip(&with_problems)
                .enumerate()
                .map(|(i, (n, w))| (n.clone(), if *w { placed(i) } else { None }))
                .collect();
            let diagnostics = problems
                .into_iter()
                .map(|p| diag::place(p, &placed_files))
                .collect();
            Err(LoadError { diagnostics })
        }
    }
}

impl Dataset {
    /// The bundled dataset (China–Central Asia, its foreign ministers' meetings, and
    /// Central Asia–Russia), embedded in the crate: no file system access is needed.
    ///
    /// # Errors
    ///
    /// Never in a released crate: a test checks that the bundled data loads with no problem.
    /// The `Result` keeps the promise that no input, not even our own, can panic.
    pub fn bundled() -> Result<Dataset, LoadError> {
        BUNDLED
            .iter()
            .fold(Loader::new(), |l, (name, text)| l.text(*name, *text))
            .load()
    }

    /// The names of the bundled data files, in load order.
    pub fn bundled_files() -> impl Iterator<Item = (&'static str, &'static str)> {
        BUNDLED.iter().copied()
    }

    /// Loads every `*.toml` file below a directory. See [`Loader`].
    ///
    /// # Errors
    ///
    /// As [`Loader::load`].
    pub fn load_dir(path: impl AsRef<Path>) -> Result<Dataset, LoadError> {
        Loader::new().dir(path.as_ref()).load()
    }

    /// Loads the given files (or directories). See [`Loader`].
    ///
    /// # Errors
    ///
    /// As [`Loader::load`].
    pub fn load_files<P: AsRef<Path>>(
        paths: impl IntoIterator<Item = P>,
    ) -> Result<Dataset, LoadError> {
        paths
            .into_iter()
            .fold(Loader::new(), |l, p| l.path(p.as_ref()))
            .load()
    }

    /// Loads a dataset from one TOML text, named `name` in diagnostics.
    ///
    /// # Errors
    ///
    /// As [`Loader::load`].
    pub fn from_toml_str(name: &str, text: &str) -> Result<Dataset, LoadError> {
        Loader::new().text(name, text).load()
    }
}
