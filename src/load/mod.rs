//! Loading a dataset from TOML files: reading, checking, and reporting every problem.

mod codes;
mod diag;
mod read;
mod records;
mod resolve;
pub(crate) mod spec;
mod suggest;
mod tree;

pub use codes::{Code, UnknownCode};
pub use diag::{Diagnostic, LoadError};

use crate::model::Dataset;
use diag::{LineIndex, Loc, Sink};
use read::Cx;
use records::RawSet;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;
use std::sync::{Mutex, OnceLock};
use toml_parser::lexer::Token;
use tree::{Node, Value};

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// Limits on what the loader accepts, so that no input can exhaust memory or time.
///
/// Each limit, when exceeded, is reported as a diagnostic naming the file and the limit.
///
/// ```
/// use summitry::{Limits, Loader};
///
/// let limits = Limits { max_file_bytes: 1024, ..Limits::default() };
/// let big = format!("# {}\n", "x".repeat(2000));
/// let err = Loader::new().limits(limits).text("big.toml", big).load().unwrap_err();
/// assert!(err.diagnostics()[0].message().contains("1024"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes. Default: 64 MiB. A file is never read past
    /// one byte more.
    pub max_file_bytes: u64,
    /// The most files a dataset may span. Default: 10,000.
    pub max_files: usize,
    /// The deepest nesting of tables and arrays accepted in a file. Default: 16 (the
    /// format itself needs at most 6). Values nested in brackets and braces past it stop
    /// the reading of the file as they are lexed, before any tree is built.
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
/// Directories are searched recursively for `*.toml` files (the extension in any case:
/// `X.TOML` too), taken in path order. Hidden entries (a name starting with `.`, such as
/// `.git`) are skipped and other files ignored; a symbolic link named `*.toml` or leading
/// to a directory is refused, so a dataset never reads outside its directory, and any other
/// link is ignored like the file it names. Only regular files are read (not a FIFO or a
/// device), and never more than [`Limits::max_file_bytes`] and one byte.
/// Every problem in every file is reported, not just the first: see [`LoadError`]; at most
/// 50 a file are shown, then their count.
///
/// ```
/// use summitry::Loader;
///
/// let example = include_str!("../../examples/data/example.toml");
/// let dataset = Loader::new().text("example.toml", example).load()?;
/// assert_eq!(dataset.summits().len(), 1);
/// assert_eq!(dataset.commitments().len(), 3);
/// # Ok::<(), summitry::LoadError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Loader {
    inputs: Vec<Input>,
    limits: Limits,
    threads: usize,
}

impl Default for Loader {
    fn default() -> Self {
        Loader {
            inputs: Vec::new(),
            limits: Limits::default(),
            threads: 1,
        }
    }
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

    /// How many threads a load may use: `1`, the default, reads every file on the calling
    /// thread; more (at most two are used) lets a second thread read and parse the next
    /// files while the calling thread reads the records of the current one; `0` uses two
    /// when the machine has more than one core ([`std::thread::available_parallelism`]).
    /// The dataset and every diagnostic are the same either way; if the second thread
    /// cannot be started, the load goes on with one. Two threads load a large dataset
    /// faster (100k commitments: about 20% less wall-clock time) for more CPU time in all
    /// and a higher peak memory (see `PERFORMANCE.md`), which is why they are not the
    /// default.
    ///
    /// ```
    /// use summitry::Loader;
    ///
    /// let example = include_str!("../../examples/data/example.toml");
    /// let one = Loader::new().text("example.toml", example).threads(1).load()?;
    /// let two = Loader::new().text("example.toml", example).threads(2).load()?;
    /// assert_eq!(one.export_toml_string(), two.export_toml_string());
    /// # Ok::<(), summitry::LoadError>(())
    /// ```
    pub fn threads(mut self, threads: usize) -> Loader {
        self.threads = threads;
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
                Code::TooManyFiles,
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
        load_files(files, &limits, self.threads, sink)
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

/// Reads a file's bytes: only a regular file (a FIFO, a device or a socket would block or
/// never end), and at most one byte more than the size limit, so that a file growing while
/// it is read cannot pass the limit either.
fn read_file(p: &Path, name: &str, limits: &Limits) -> Result<Vec<u8>, String> {
    use std::io::Read as _;
    let cannot = |e: std::io::Error| format!("cannot read `{name}`: {}", io_reason(&e));
    let too_large = |len: u64| {
        format!(
            "`{name}` is {len} bytes, more than the limit of {} bytes",
            limits.max_file_bytes
        )
    };
    // Checked before opening: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(p).map_err(cannot)?;
    if meta.is_dir() {
        return Err(format!("`{name}` is a directory, not a file"));
    }
    if !meta.is_file() {
        return Err(format!(
            "`{name}` is not a regular file (a device, a FIFO or a socket)"
        ));
    }
    if meta.len() > limits.max_file_bytes {
        return Err(too_large(meta.len()));
    }
    let file = std::fs::File::open(p).map_err(cannot)?;
    // And again on what was opened, in case the path was replaced in between.
    if !file.metadata().map_err(cannot)?.is_file() {
        return Err(format!(
            "`{name}` is not a regular file (a device, a FIFO or a socket)"
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
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
                Code::Unreadable,
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
                    Code::Unreadable,
                    None,
                    format!("cannot read `{}`: {}", display(&d), io_reason(&e)),
                );
                continue;
            }
        };
        for entry in entries.flatten() {
            let p = entry.path();
            // Hidden entries (`.git`, `.x.toml`, editors' files) are not data.
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            if meta.file_type().is_symlink() {
                // A link is refused only where it would be read: a `.toml` name or a
                // directory. Links to anything else are ignored, as the files are.
                let to_dir = std::fs::metadata(&p).is_ok_and(|m| m.is_dir());
                if is_toml(&p) || to_dir {
                    sink.push(
                        Code::SymbolicLink,
                        None,
                        format!("symbolic link `{}` refused", display(&p)),
                    )
                    .help("a dataset reads only the files inside its directory: copy the file in instead of linking it");
                }
            } else if meta.is_dir() {
                stack.push(p);
            } else if is_toml(&p) {
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

/// Whether a path names a TOML file: its extension is `toml` in any case (`x.toml`,
/// `X.TOML`), as file systems that ignore case would have it.
fn is_toml(p: &Path) -> bool {
    p.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
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

/// A file's problem met before it could be parsed.
enum Early {
    /// It could not be read (the message says why).
    Unreadable(String),
    /// Its bytes are more than the limit: how many.
    TooLarge(usize),
    /// It is not UTF-8: where the first bad byte is, and the text with replacements.
    NotUtf8 { at: usize, lossy: String },
}

/// A file's bytes, checked: its text, or the problem met getting it; and its path, if it
/// was read from one.
fn fetch(src: Src, name: &str, limits: &Limits) -> (Option<PathBuf>, Result<String, Early>) {
    let (bytes, path) = match src {
        Src::Bytes(b) => (b, None),
        Src::Path(p) => (read_file(&p, name, limits), Some(p)),
    };
    let got = match bytes {
        Err(msg) => Err(Early::Unreadable(msg)),
        Ok(b) if b.len() as u64 > limits.max_file_bytes => Err(Early::TooLarge(b.len())),
        Ok(b) => String::from_utf8(b).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            Early::NotUtf8 {
                at,
                lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(),
            }
        }),
    };
    (path, got)
}

/// The state of a load while files are read, one after the other, in file order.
struct Reading<'l> {
    limits: &'l Limits,
    sink: Sink,
    set: RawSet,
    /// Places of syntax errors: problems found at the same place later are their echoes.
    syntax: Vec<Loc>,
    /// Every file's name and text, in file order.
    texts: Vec<(String, Text)>,
}

impl Reading<'_> {
    /// The number the next file gets.
    fn file(&self) -> u32 {
        u32::try_from(self.texts.len()).unwrap_or(u32::MAX)
    }

    /// Reports the problem met before a file could be parsed.
    fn early(&mut self, name: String, early: Early) {
        let file = self.file();
        let start = Some(Loc {
            file,
            start: 0,
            end: 0,
        });
        let text = match early {
            Early::Unreadable(msg) => {
                self.sink.push(Code::Unreadable, start, msg);
                Text::Missing
            }
            Early::TooLarge(len) => {
                self.sink
                    .push(
                        Code::FileTooLarge,
                        start,
                        format!(
                            "`{name}` is {len} bytes, more than the limit of {} bytes",
                            self.limits.max_file_bytes
                        ),
                    )
                    .help("split the file, or raise `Limits::max_file_bytes`");
                Text::Missing
            }
            Early::NotUtf8 { at, lossy } => {
                self.sink
                    .error(
                        Code::NotUtf8,
                        Loc::new(file, at..at + 1),
                        "file is not valid UTF-8",
                    )
                    .help("save the file as UTF-8");
                Text::Kept(lossy)
            }
        };
        self.texts.push((name, text));
    }

    /// Reports a parsed file's syntax errors, checks its depth and reads its records; the
    /// file's text is to be pushed next, with [`Reading::done`]. Gives whether a problem
    /// was reported in it.
    fn parsed(&mut self, parsed: tree::Parsed<'_>) -> bool {
        let file = self.file();
        let limits = self.limits;
        let problems_before = self.sink.problems.len();
        let tree::Parsed {
            root,
            errors,
            depth_bound,
            too_deep,
        } = parsed;
        if let Some(span) = too_deep {
            self.deep(file, span);
            return true;
        }
        for e in &errors {
            let span = e.span().unwrap_or(0..0);
            let msg = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .trim_end_matches('.');
            self.syntax.push(Loc::new(file, span.clone()));
            self.sink.error(
                Code::TomlSyntax,
                Loc::new(file, span),
                format!("invalid TOML: {msg}"),
            );
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
            self.deep(file, span);
        } else {
            let mut cx = Cx {
                file,
                sink: &mut self.sink,
            };
            self.set.read_file(&mut cx, &root);
        }
        self.sink.problems.len() != problems_before
    }

    /// Reports a value nested past the depth limit.
    fn deep(&mut self, file: u32, span: std::ops::Range<usize>) {
        self.sink
            .error(
                Code::TooDeep,
                Loc::new(file, span),
                format!(
                    "nesting deeper than the limit of {} levels",
                    self.limits.max_depth
                ),
            )
            .help("data files need only a few levels of tables and arrays");
    }

    /// Records a parsed file's text: dropped if it was read from a path and has no problem
    /// (it is read again if a later check reports one), kept otherwise.
    fn done(&mut self, name: String, path: Option<PathBuf>, problems: bool, text: String) {
        let text = match path {
            Some(p) if !problems => Text::Dropped(p),
            _ => Text::Kept(text),
        };
        self.texts.push((name, text));
    }

    /// Reads files one after the other on this thread.
    fn sequential(&mut self, files: impl Iterator<Item = FileIn>, tokens: &mut Vec<Token>) {
        for f in files {
            match fetch(f.src, &f.name, self.limits) {
                (_, Err(early)) => self.early(f.name, early),
                (path, Ok(text)) => {
                    let problems = self.parsed(tree::parse(&text, tokens, self.limits.max_depth));
                    // The parsed tree is dropped here, before the next file is read.
                    self.done(f.name, path, problems, text);
                }
            }
        }
    }

    /// Reads files with a second thread that reads and parses the next files while this
    /// one reads the records of the current one, in file order: the records and problems
    /// are those of [`Reading::sequential`]. The texts of the files read from paths are
    /// held a chunk of [`CHUNK_BYTES`] at a time. Falls back to reading sequentially if the
    /// thread cannot be started.
    fn pipelined(&mut self, files: Vec<FileIn>) {
        let queue = Mutex::new(files.into_iter());
        let mut tokens = Vec::new();
        loop {
            let left = lock(&queue).len();
            if left == 0 {
                return;
            }
            // Each chunk's texts are parsed in place, in slots that live until its end.
            let slots: Vec<OnceLock<String>> = (0..left).map(|_| OnceLock::new()).collect();
            let mut pending: Vec<(usize, usize, Option<PathBuf>, bool)> = Vec::new();
            let limits = self.limits;
            let run = std::thread::scope(|s| {
                let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Parsing<'_>>>(2);
                let (queue, slots) = (&queue, slots.as_slice());
                let producer = std::thread::Builder::new()
                    .name("summitry-parse".into())
                    .spawn_scoped(s, move || produce(queue, slots, limits, &tx));
                let Ok(producer) = producer else {
                    return Run::NotStarted;
                };
                for p in rx.into_iter().flatten() {
                    match p.got {
                        Err(early) => self.early(p.name, early),
                        Ok(parsed) => {
                            let problems = self.parsed(parsed);
                            pending.push((self.texts.len(), p.slot, p.path, problems));
                            self.texts.push((p.name, Text::Missing));
                        }
                    }
                }
                if producer.join().is_err() {
                    self.sink
                        .push(
                            Code::Internal,
                            None,
                            "internal error: the thread parsing the files stopped; nothing is loaded",
                        )
                        .help("load with `Loader::threads(1)`, and report the problem");
                    return Run::Failed;
                }
                Run::Done
            });
            if run == Run::NotStarted {
                self.sequential(lock(&queue).by_ref(), &mut tokens);
                return;
            }
            let mut taken: Vec<Option<String>> =
                slots.into_iter().map(OnceLock::into_inner).collect();
            for (at, slot, path, problems) in pending {
                let text = taken
                    .get_mut(slot)
                    .and_then(Option::take)
                    .unwrap_or_default();
                let text = match path {
                    Some(p) if !problems => Text::Dropped(p),
                    _ => Text::Kept(text),
                };
                if let Some(t) = self.texts.get_mut(at) {
                    t.1 = text;
                }
            }
            if run == Run::Failed {
                return;
            }
        }
    }
}

/// The most bytes of texts read from paths a chunk of [`Reading::pipelined`] holds (texts
/// given in memory are held anyway); at least one file.
const CHUNK_BYTES: usize = 8 << 20;
/// The most files read from paths in one chunk.
const CHUNK_PATHS: usize = 128;
/// The producer hands files over in batches of about this many bytes of text (or one
/// file), so that small files do not cost a hand-over (and a wake-up) each.
const BATCH_BYTES: usize = 64 << 10;

/// How a chunk of [`Reading::pipelined`] went.
#[derive(PartialEq, Eq)]
enum Run {
    /// Every file of the chunk read.
    Done,
    /// The second thread could not be started: nothing read.
    NotStarted,
    /// The second thread stopped (a bug): the problem is reported.
    Failed,
}

/// A file as read and parsed by the producer thread: its text is in its slot.
struct Parsing<'s> {
    name: String,
    path: Option<PathBuf>,
    slot: usize,
    got: Result<tree::Parsed<'s>, Early>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The producer: reads and parses the next files into the chunk's slots, in order, until
/// the slots, [`CHUNK_BYTES`] or [`CHUNK_PATHS`] are used up, or the files.
fn produce<'s>(
    queue: &Mutex<std::vec::IntoIter<FileIn>>,
    slots: &'s [OnceLock<String>],
    limits: &Limits,
    tx: &SyncSender<Vec<Parsing<'s>>>,
) {
    let mut tokens = Vec::new();
    let (mut bytes, mut paths) = (0, 0);
    let mut batch = Vec::new();
    let mut batch_bytes = 0;
    for (slot, cell) in slots.iter().enumerate() {
        if bytes >= CHUNK_BYTES || paths >= CHUNK_PATHS {
            break;
        }
        let Some(f) = lock(queue).next() else {
            break;
        };
        let (path, got) = fetch(f.src, &f.name, limits);
        if path.is_some() {
            paths += 1;
        }
        let got = got.map(|text| {
            if path.is_some() {
                bytes += text.len();
            }
            batch_bytes += text.len();
            tree::parse(cell.get_or_init(|| text), &mut tokens, limits.max_depth)
        });
        batch.push(Parsing {
            name: f.name,
            path,
            slot,
            got,
        });
        if batch_bytes >= BATCH_BYTES {
            batch_bytes = 0;
            if tx.send(std::mem::take(&mut batch)).is_err() {
                return;
            }
        }
    }
    if !batch.is_empty() {
        // A failed send means the reader stopped: nothing left to do either way.
        let _ = tx.send(batch);
    }
}

fn load_files(
    files: Vec<FileIn>,
    limits: &Limits,
    threads: usize,
    sink: Sink,
) -> Result<Dataset, LoadError> {
    let _interning = crate::model::InternScope::begin();
    let mut reading = Reading {
        limits,
        sink,
        set: RawSet::default(),
        syntax: Vec::new(),
        texts: Vec::with_capacity(files.len()),
    };
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        n => n,
    };
    if threads > 1 && files.len() > 1 {
        reading.pipelined(files);
    } else {
        // The lexer's tokens, in one buffer reused across files.
        reading.sequential(files.into_iter(), &mut Vec::new());
    }
    let Reading {
        mut sink,
        mut set,
        syntax,
        texts,
        ..
    } = reading;

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
    let records = resolve::resolve(set, &mut sink);
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
            // A problem at the place of a syntax error is its echo: dropped. The syntax
            // errors' places are sorted, each with the furthest end of those before it in
            // its file, so that each problem is checked with one binary search.
            let mut syntax: Vec<(u32, u32, u32)> = syntax
                .iter()
                .map(|s| (s.file, s.start, s.end.max(s.start.saturating_add(1))))
                .collect();
            syntax.sort_unstable();
            let mut reach: Vec<u32> = Vec::with_capacity(syntax.len());
            let mut prev: Option<(u32, u32)> = None;
            for &(file, _, end) in &syntax {
                let r = match prev {
                    Some((f, r)) if f == file => r.max(end),
                    _ => end,
                };
                reach.push(r);
                prev = Some((file, r));
            }
            let is_echo = |l: Loc| {
                let end = l.end.max(l.start.saturating_add(1));
                let i = syntax.partition_point(|&(f, s, _)| (f, s) < (l.file, end));
                i > 0
                    && syntax.get(i - 1).is_some_and(|s| s.0 == l.file)
                    && reach.get(i - 1).is_some_and(|&r| l.start < r)
            };
            problems.retain(|p| match p.loc {
                Some(l) => !is_echo(l) || p.code == Code::TomlSyntax,
                None => true,
            });
            problems.sort_by_key(|p| p.loc.map(|l| (1, l.file, l.start)).unwrap_or((0, 0, 0)));
            // The TOML parser's recovery can report one problem several times at one place.
            problems.dedup_by(|a, b| a.loc == b.loc && a.message == b.message);
            let total = problems.len();
            // At most `MAX_PER_FILE` problems a file are placed; the rest are counted.
            let mut shown = vec![0usize; names.len()];
            let mut hidden = vec![0usize; names.len()];
            problems.retain(|p| {
                let Some(l) = p.loc else { return true };
                let file = l.file as usize;
                match shown.get_mut(file) {
                    Some(n) if *n >= diag::MAX_PER_FILE => {
                        if let Some(h) = hidden.get_mut(file) {
                            *h += 1;
                        }
                        false
                    }
                    Some(n) => {
                        *n += 1;
                        true
                    }
                    None => true,
                }
            });
            // Only the files with a problem are placed (and, if dropped, read again).
            let mut with_problems = vec![false; names.len()];
            for l in problems
                .iter()
                .flat_map(|p| p.loc.into_iter().chain(p.also.as_ref().map(|a| a.0)))
            {
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
            let mut diagnostics: Vec<Diagnostic> = Vec::with_capacity(problems.len());
            let mut problems = problems.into_iter().peekable();
            while let Some(p) = problems.next() {
                let file = p.loc.map(|l| l.file as usize);
                diagnostics.push(diag::place(p, &placed_files));
                // After a file's last problem shown, the count of those left out.
                let next_file = problems.peek().and_then(|q| q.loc).map(|l| l.file as usize);
                if let Some(f) = file.filter(|f| next_file != Some(*f)) {
                    if let Some(&h) = hidden.get(f).filter(|h| **h > 0) {
                        let name = names.get(f).map_or("", String::as_str);
                        diagnostics.push(diag::more(name, h));
                    }
                }
            }
            Err(LoadError { diagnostics, total })
        }
    }
}

impl Dataset {
    /// The bundled dataset (China–Central Asia, its foreign ministers' meetings, and
    /// Central Asia–Russia), embedded in the crate: no file system access is needed. It is
    /// parsed once, on first use, and shared by every later call.
    ///
    /// It cannot fail: a test checks that the bundled data loads with no problem, so a
    /// released crate always holds a valid bundle. Should a modified build embed invalid data,
    /// this returns an empty dataset; [`try_bundled`](Self::try_bundled) says why.
    ///
    /// ```
    /// use summitry::Dataset;
    ///
    /// let ds: &'static Dataset = Dataset::bundled();
    /// let kz = ds.party("kz").ok_or("no kz")?;
    /// assert_eq!(kz.to_string(), "Kazakhstan");
    /// assert!(std::ptr::eq(ds, Dataset::bundled())); // parsed once
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bundled() -> &'static Dataset {
        static EMPTY: OnceLock<Dataset> = OnceLock::new();
        match Dataset::try_bundled() {
            Ok(ds) => ds,
            Err(_) => EMPTY.get_or_init(|| Dataset::from_records(Default::default())),
        }
    }

    /// The bundled dataset, or the problems found in it (never, in a released crate: see
    /// [`bundled`](Self::bundled)). Parsed once, on first use.
    ///
    /// # Errors
    ///
    /// When the embedded data does not load.
    ///
    /// ```
    /// let ds = summitry::Dataset::try_bundled()?;
    /// assert!(!ds.summits().is_empty());
    /// # Ok::<(), &summitry::LoadError>(())
    /// ```
    pub fn try_bundled() -> Result<&'static Dataset, &'static LoadError> {
        static BUNDLED_DATASET: OnceLock<Result<Dataset, LoadError>> = OnceLock::new();
        BUNDLED_DATASET
            .get_or_init(|| {
                BUNDLED
                    .iter()
                    .fold(Loader::new(), |l, (name, text)| l.text(*name, *text))
                    .load()
            })
            .as_ref()
    }

    /// The names of the bundled data files, in load order.
    ///
    /// ```
    /// let names: Vec<&str> = summitry::Dataset::bundled_files().map(|(name, _)| name).collect();
    /// assert!(names.contains(&"data/parties.toml"));
    /// ```
    pub fn bundled_files() -> impl Iterator<Item = (&'static str, &'static str)> {
        BUNDLED.iter().copied()
    }

    /// Loads every `*.toml` file below a directory. See [`Loader`].
    ///
    /// # Errors
    ///
    /// As [`Loader::load`].
    ///
    /// ```
    /// let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    /// let ds = summitry::Dataset::load_dir(dir)?;
    /// assert_eq!(&ds, summitry::Dataset::bundled());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load_dir(path: impl AsRef<Path>) -> Result<Dataset, LoadError> {
        Loader::new().dir(path.as_ref()).load()
    }

    /// Loads the given files (or directories). See [`Loader`].
    ///
    /// # Errors
    ///
    /// As [`Loader::load`].
    ///
    /// ```
    /// let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/example.toml");
    /// let ds = summitry::Dataset::load_files([file])?;
    /// assert!(!ds.mechanisms().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
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
    ///
    /// ```
    /// let ds = summitry::Dataset::from_toml_str("mine.toml", r#"
    /// [[source]]
    /// id = "mfa"
    /// publisher = "Ministry"
    /// title = "Statement"
    /// lang = "en"
    ///
    /// [[party]]
    /// id = "kz"
    /// kind = "state"
    /// name = "Kazakhstan"
    /// sources = ["mfa"]
    /// "#)?;
    /// assert_eq!(ds.parties().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(name: &str, text: &str) -> Result<Dataset, LoadError> {
        Loader::new().text(name, text).load()
    }
}
