//! The tracker as a static web site: one page per mechanism, summit, document, commitment,
//! party and area, scorecards, numbered sources, a search page over a JSON index, a sitemap
//! and the downloads (iCalendar, JSON, CSV). See [`Dataset::export_site`].
//!
//! # What is written
//!
//! | path | what |
//! |---|---|
//! | `index.html` | each mechanism's next edition (host or candidates, how sure), deadlines due soon, latest assessments, downloads |
//! | `mechanism/<id>/index.html`, `mechanism/<id>/timeline.svg` | members, schedule rule, the timeline, editions, decisions and what became of them, the schedule ahead with provenance, documents, the matrix |
//! | `summit/<id>/index.html` | date, host, venue, status, participants, documents adopted |
//! | `document/<id>/index.html` | title, date, signatories, its commitments |
//! | `commitment/<id>/index.html` | text, quote in its language, obligors, deadline state, each party's assessment history with evidence, reiterates and supersedes |
//! | `party/<id>/index.html` | mechanisms, summits hosted, commitments across mechanisms, scorecard |
//! | `area/<id>/index.html` | the area's place in the tree, its commitments (sub-areas included) |
//! | `scorecards/index.html` | by party, by area, by mechanism; links to each mechanism's matrix |
//! | `sources/index.html` | every source, numbered: every claim links here |
//! | `search/index.html`, `search/…/*.json` | search and filters (see below) |
//! | `sitemap.xml` | every page; above 50,000 pages a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, ... (the protocol's limit per file) |
//! | `assets/site.css`, `assets/search.js`, `assets/icon.svg` | the style, the search script and the icon every page links to |
//! | `summitry.ics`, `summitry.json`, `commitments.csv` | [`Dataset::export_ics`], [`Dataset::export_json`], [`Dataset::export_csv`] |
//! | `.summitry-site` | the list of files written, so that `force` removes only those |
//!
//! A party or area page lists at most 1000 commitments (in data order) and links to the
//! search page filtered by that party or area for the rest: at 100,000 commitments an area
//! holds tens of thousands, and a page of that size is no use to a reader.
//!
//! Every internal link is relative (`../../party/kz/`), so the site works from any
//! directory or sub-path of a web server. Pages link to directories (`party/kz/`): a web
//! server answers them with `index.html`. No page loads anything from another site, no page
//! has an inline script or event handler (a strict `Content-Security-Policy: default-src
//! 'self'` holds), and every page but search works without JavaScript.
//!
//! # Search
//!
//! The search page loads, on demand, only the parts of the index a query needs:
//! `search/w/<key>.json` (the words starting with the two characters `key`, each with the
//! commitments that contain it), `search/<facet>/<value>.json` (the commitments of one party,
//! area — sub-areas included —, status or deadline state) and `search/r/<n>.json` (the
//! headings of commitments `100 n` to `100 n + 99`, for the results shown). Lists of
//! commitments are ascending positions, written as differences (`[3,1,7]` is 3, 4, 11).
//! A word of the query matches the words that start with it; a one-character word loads
//! every shard whose key starts with that character's key (`a`, `ab`, `a_441`, ...).
//!
//! # Templates
//!
//! HTML is written with [`maud`]: templates are Rust code checked at compile time, and every
//! value spliced into them is escaped (`&`, `<`, `>`, `"`) unless wrapped in
//! `PreEscaped`, which this module never does with data. Data text is also cleared of
//! control and bidirectional formatting characters (shown as visible escapes, as on a
//! terminal). Clean builds of the three candidates measured on this 2-core machine, added
//! one at a time to summitry's dependency tree (serde and syn 3 already built; the machine
//! was shared, load average 6–8, so times are upper bounds), `nice -n 10 cargo build -p X`:
//!
//! | crate | crates added | clean build | escapes by default |
//! |---|---|---|---|
//! | `maud` 0.27 (chosen) | 3 (`maud`, `maud_macros`, `proc-macro2-diagnostics`) and `syn` 2 | ~78 s | yes |
//! | `askama` 0.14 | 6 (`askama`, `askama_derive`, `askama_parser`, `basic-toml`, `winnow`, `percent-encoding`) and `syn` 2 | ~99 s | yes (per template extension) |
//! | `minijinja` 3.1 | 1 | ~127 s | only for templates named `.html` (auto-escape by name) |
//!
//! maud is the cheapest and the strictest: a template is Rust, so a misspelt field or an
//! unclosed element is a compile error, and escaping cannot be switched off by a file
//! name. minijinja is one crate but a large interpreter, and its templates are checked only
//! when rendered.
//!
//! # Determinism
//!
//! Two runs with the same data and [`SiteOptions`] write the same bytes: nothing reads the
//! clock (the site's "today" is [`SiteOptions::new`]'s date, printed on every page) and every
//! list is in a documented order.

mod pages;
mod search;

use crate::{Dataset, Day, Error};
use std::path::{Path, PathBuf};

/// The name of the list of files a site export writes, in the output directory.
pub const MANIFEST: &str = ".summitry-site";

/// The first line of [`MANIFEST`].
const MANIFEST_HEAD: &str =
    "# files written by `summitry export site`; `--force` removes these only";

/// How to build a site: the language, the reference date, the public address and whether
/// an earlier site may be replaced.
///
/// ```
/// use summitry::{Day, export::site::SiteOptions};
///
/// let o = SiteOptions::new(Day::new(2026, 1, 1)?)
///     .lang("uk")
///     .base_url("https://example.org/tracker/")
///     .force(true);
/// # let _ = o;
/// # Ok::<(), summitry::DateError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteOptions {
    lang: String,
    as_of: Day,
    base_url: Option<String>,
    force: bool,
    upcoming: usize,
    threads: usize,
}

impl SiteOptions {
    /// English pages as of `as_of` (the site's "today": what is ahead, deadline states,
    /// assessments known), no public address, refusing a non-empty directory.
    ///
    /// ```
    /// let o = summitry::export::site::SiteOptions::new(summitry::Day::new(2026, 1, 1)?);
    /// # let _ = o;
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn new(as_of: Day) -> SiteOptions {
        SiteOptions {
            lang: "en".to_owned(),
            as_of,
            base_url: None,
            force: false,
            upcoming: super::DEFAULT_UPCOMING,
            threads: 0,
        }
    }

    /// Names and interface words in this language (a BCP 47 tag); `<html lang>` says it.
    ///
    /// ```
    /// let o = summitry::export::site::SiteOptions::new(summitry::Day::new(2026, 1, 1)?).lang("zh");
    /// # let _ = o;
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = lang.into();
        self
    }

    /// The address the site will be served from (`http` or `https`), for the absolute
    /// addresses of `sitemap.xml`. Without it the sitemap lists paths relative to the site's
    /// root (`commitment/x/`), which browsers follow but search engines do not accept.
    ///
    /// ```
    /// let o = summitry::export::site::SiteOptions::new(summitry::Day::new(2026, 1, 1)?)
    ///     .base_url("https://example.org/");
    /// # let _ = o;
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Write into a directory that is not empty: first remove the files an earlier site
    /// export listed in its [`MANIFEST`] there. Other files are kept; a file in the way
    /// that summitry did not write is an error, never overwritten.
    ///
    /// ```
    /// let o = summitry::export::site::SiteOptions::new(summitry::Day::new(2026, 1, 1)?).force(true);
    /// # let _ = o;
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    /// How many editions not yet held each mechanism page shows;
    /// [`DEFAULT_UPCOMING`](super::DEFAULT_UPCOMING) unless set.
    ///
    /// ```
    /// let o = summitry::export::site::SiteOptions::new(summitry::Day::new(2026, 1, 1)?).upcoming(3);
    /// # let _ = o;
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn upcoming(mut self, n: usize) -> Self {
        self.upcoming = n;
        self
    }

    /// How many threads may write the site: `0`, the default, uses as many as the machine
    /// offers ([`std::thread::available_parallelism`], at most 8); `1` writes everything on
    /// the calling thread. The files written are the same whatever the number; when a thread
    /// cannot be started the others do its share.
    ///
    /// ```
    /// let o = summitry::export::site::SiteOptions::new(summitry::Day::new(2026, 1, 1)?).threads(1);
    /// # let _ = o;
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n;
        self
    }

    /// The number of threads to use: [`threads`](Self::threads), `0` resolved.
    fn thread_count(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get().min(8)),
            n => n,
        }
    }
}

/// What a site export wrote.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("summitry-doc-summary-{}", std::process::id()));
/// # let _ = std::fs::remove_dir_all(&dir);
/// use summitry::{Dataset, Day, export::site::SiteOptions};
///
/// let s = Dataset::bundled().export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1)?))?;
/// assert!(s.pages > 10 && s.files > s.pages);
/// assert!(s.largest.1 <= s.bytes);
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SiteSummary {
    /// Files written (pages, index parts, assets, downloads, the manifest).
    pub files: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Bytes written in all.
    pub bytes: u64,
    /// The largest HTML page: its path (relative, with `/`) and size in bytes.
    pub largest: (String, u64),
    /// The search index's files and bytes.
    pub index: (usize, u64),
}

/// Writes files below the output directory, remembering what it wrote.
struct Out {
    dir: PathBuf,
    /// Directories (relative, with `/`) known to exist and not to be links.
    dirs: crate::hash::HashSet<String>,
    written: Vec<String>,
    bytes: u64,
    pages: usize,
    largest: (String, u64),
    index: (usize, u64),
}

impl Out {
    /// An empty writer into `dir`.
    fn new(dir: PathBuf) -> Out {
        Out {
            dir,
            dirs: crate::hash::HashSet::default(),
            written: Vec::new(),
            bytes: 0,
            pages: 0,
            largest: (String::new(), 0),
            index: (0, 0),
        }
    }

    /// A writer into the same directory for another thread, knowing the directories this one
    /// made, with nothing written yet.
    fn fork(&self) -> Out {
        Out {
            dirs: self.dirs.clone(),
            ..Out::new(self.dir.clone())
        }
    }

    /// Takes in what a [`fork`](Self::fork) wrote.
    fn join(&mut self, other: Out) {
        self.dirs.extend(other.dirs);
        self.written.extend(other.written);
        self.bytes += other.bytes;
        self.pages += other.pages;
        self.note_largest(other.largest.0, other.largest.1);
        self.index.0 += other.index.0;
        self.index.1 += other.index.1;
    }

    /// Keeps the larger page; of two the same size, the first by path (so the answer does
    /// not depend on which thread wrote which).
    fn note_largest(&mut self, rel: String, n: u64) {
        if n > self.largest.1 || (n == self.largest.1 && n > 0 && rel < self.largest.0) {
            self.largest = (rel, n);
        }
    }

    /// Makes `rel`'s directories (never following a link) and writes the file, which must
    /// not exist yet.
    fn write(&mut self, rel: &str, content: &[u8]) -> Result<(), Error> {
        self.write_with(rel, |w| w.write_all(content).map_err(|e| Error::io(&e)))
    }

    /// [`write`](Self::write), the content written by `fill` straight into the file (a large
    /// download is never held whole in memory).
    fn write_with(
        &mut self,
        rel: &str,
        fill: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Error>,
    ) -> Result<(), Error> {
        use std::io::Write as _;
        let mut path = self.dir.clone();
        let mut parts = rel.split('/').peekable();
        let mut at = 0;
        while let Some(part) = parts.next() {
            path.push(part);
            at += part.len() + 1;
            if parts.peek().is_some() {
                let d = rel.get(..at - 1).unwrap_or(rel);
                if !self.dirs.contains(d) {
                    dir_no_link(&path).map_err(|e| Error::io(&e))?;
                    self.dirs.insert(d.to_owned());
                }
            }
        }
        let f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| {
                let e = if e.kind() == std::io::ErrorKind::AlreadyExists {
                    std::io::Error::new(
                        e.kind(),
                        format!(
                            "`{}` exists and was not written by an earlier site export",
                            path.display()
                        ),
                    )
                } else {
                    e
                };
                Error::io(&e)
            })?;
        let mut w = Counting {
            inner: std::io::BufWriter::with_capacity(1 << 16, f),
            n: 0,
        };
        fill(&mut w)?;
        w.inner.flush().map_err(|e| Error::io(&e))?;
        let n = w.n;
        self.bytes += n;
        if rel.ends_with(".html") {
            self.pages += 1;
            if n >= self.largest.1 {
                self.note_largest(rel.to_owned(), n);
            }
        }
        if rel.starts_with("search/") && rel.ends_with(".json") {
            self.index.0 += 1;
            self.index.1 += n;
        }
        self.written.push(rel.to_owned());
        Ok(())
    }
}

/// A writer that counts the bytes written through it.
struct Counting<W> {
    inner: W,
    n: u64,
}

impl<W: std::io::Write> std::io::Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Makes sure `path` is a directory and not a symbolic link, creating it when missing.
fn dir_no_link(path: &Path) -> std::io::Result<()> {
    // Most directories are new: one call to make them.
    match std::fs::create_dir(path) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e),
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("`{}` is not a directory", path.display()),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir(path),
        Err(e) => Err(e),
    }
}

/// Whether a manifest line names a file below the output directory: relative, with plain
/// components only (no `..`, `.`, empty part or backslash).
fn safe_relative(line: &str) -> bool {
    !line.is_empty()
        && !line.starts_with('/')
        && !line.contains('\\')
        && line
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != ".." && !p.contains('\0'))
}

/// Removes the files an earlier export listed in the manifest of `dir` (links removed, never
/// followed), then the directories left empty, then the manifest.
fn remove_earlier(dir: &Path) -> std::io::Result<()> {
    let manifest = dir.join(MANIFEST);
    let text = match std::fs::read_to_string(&manifest) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let mut parents: Vec<PathBuf> = Vec::new();
    for line in text.lines().skip(1) {
        if !safe_relative(line) {
            continue;
        }
        let path = dir.join(line);
        match std::fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => continue,
            Ok(_) => std::fs::remove_file(&path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        }
        let mut p = path.parent();
        while let Some(parent) = p {
            if parent == dir {
                break;
            }
            parents.push(parent.to_path_buf());
            p = parent.parent();
        }
    }
    // Deepest first; a directory that still holds other files is kept.
    parents.sort_by_key(|p| std::cmp::Reverse(p.components().count()));
    parents.dedup();
    for p in parents {
        let _ = std::fs::remove_dir(p);
    }
    std::fs::remove_file(manifest)
}

/// Percent-encodes an id for a URL path segment: every byte but ASCII letters, digits and
/// `-._~`.
pub(crate) fn enc(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    enc_into(&mut out, id);
    out
}

/// [`enc`] onto the end of `out`.
pub(crate) fn enc_into(out: &mut String, id: &str) {
    let safe = |b: u8| b.is_ascii_alphanumeric() || b"-._~".contains(&b);
    if id.bytes().all(safe) {
        out.push_str(id);
        return;
    }
    for b in id.bytes() {
        if safe(b) {
            out.push(char::from(b));
        } else {
            let hex =
                |n: u8| char::from_digit(u32::from(n), 16).map_or('0', |c| c.to_ascii_uppercase());
            out.push('%');
            out.push(hex(b >> 4));
            out.push(hex(b & 15));
        }
    }
}

impl Dataset {
    /// Writes the tracker as a static web site into `dir` (created if needed), as
    /// described in [the module docs](crate::export::site): a page per mechanism, summit,
    /// document, commitment, party and area, the home page, scorecards, sources, search, a
    /// sitemap and the downloads. Returns what was written.
    ///
    /// `dir` must be empty or not exist, unless [`SiteOptions::force`]: then the files an
    /// earlier export listed in `dir/.summitry-site` are removed first, and no other file is
    /// ever removed or overwritten.
    ///
    /// # Errors
    ///
    /// - when `dir` is not empty and not `force` ([`Error::is_io`], and the message says
    ///   "is not empty");
    /// - when the base address is not an `http` or `https` address with a host
    ///   ([`Error::is_invalid_argument`]);
    /// - when a file cannot be written, or a file in the way was not written by summitry
    ///   ([`Error::is_io`]); the directory may then hold part of the site.
    ///
    /// ```
    /// # let dir = std::env::temp_dir().join(format!("summitry-doc-site-{}", std::process::id()));
    /// # let _ = std::fs::remove_dir_all(&dir);
    /// use summitry::{Dataset, Day, export::site::SiteOptions};
    ///
    /// let ds = Dataset::bundled();
    /// ds.export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1)?))?;
    /// let page = std::fs::read_to_string(dir.join("commitment/xian-scholarships/index.html"))?;
    /// assert!(page.starts_with("<!DOCTYPE html><html lang=\"en\">"));
    /// // A second run needs `force`.
    /// assert!(ds.export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1)?)).is_err());
    /// ds.export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1)?).force(true))?;
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_site(
        &self,
        dir: impl AsRef<Path>,
        o: &SiteOptions,
    ) -> Result<SiteSummary, Error> {
        let dir = dir.as_ref();
        let base = match &o.base_url {
            Some(u) if crate::neutral::web_url(u) => {
                let mut u = u.clone();
                if !u.ends_with('/') {
                    u.push('/');
                }
                Some(u)
            }
            Some(u) => {
                return Err(Error::invalid(format!(
                    "the base address `{}` is not an http or https address with a host",
                    crate::neutral::terminal(u)
                )));
            }
            None => None,
        };
        std::fs::create_dir_all(dir).map_err(|e| Error::io(&e))?;
        if o.force {
            remove_earlier(dir).map_err(|e| Error::io(&e))?;
        } else if std::fs::read_dir(dir)
            .map_err(|e| Error::io(&e))?
            .next()
            .is_some()
        {
            return Err(Error::io(&std::io::Error::new(
                std::io::ErrorKind::DirectoryNotEmpty,
                format!(
                    "`{}` is not empty: give `force` to replace an earlier site",
                    dir.display()
                ),
            )));
        }
        let mut out = Out::new(dir.to_path_buf());
        let site = pages::Site::new(self, o);
        site.write_all(&mut out, base.as_deref(), o.thread_count())?;
        let mut list = out.written.clone();
        list.sort();
        let mut manifest = String::from(MANIFEST_HEAD);
        manifest.push('\n');
        for f in &list {
            manifest.push_str(f);
            manifest.push('\n');
        }
        out.write(MANIFEST, manifest.as_bytes())?;
        Ok(SiteSummary {
            files: out.written.len(),
            pages: out.pages,
            bytes: out.bytes,
            largest: out.largest,
            index: out.index,
        })
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_percent_encoded() {
        assert_eq!(enc("xian-scholarships"), "xian-scholarships");
        assert_eq!(enc("a b/\"<"), "a%20b%2F%22%3C");
        assert_eq!(enc("é"), "%C3%A9");
    }

    #[test]
    fn more_than_50000_pages_make_a_sitemap_index() {
        let urls: Vec<String> = (0..50_001).map(|i| format!("commitment/c{i}/")).collect();
        let files = pages::sitemaps(&urls, Some("https://example.org/"));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        assert_eq!(
            files[0].1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>https://example.org/sitemap-1.xml</loc></sitemap><sitemap><loc>https://example.org/sitemap-2.xml</loc></sitemap></sitemapindex>\n"
        );
        assert_eq!(files[1].1.matches("<url>").count(), 50_000);
        assert_eq!(
            files[2].1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://example.org/commitment/c50000/</loc></url></urlset>\n"
        );
        let one = pages::sitemaps(&urls[..2], None);
        assert_eq!(one.len(), 1);
        assert!(one[0].1.ends_with(
            "<url><loc>commitment/c0/</loc></url><url><loc>commitment/c1/</loc></url></urlset>\n"
        ));
    }

    #[test]
    fn manifest_lines_stay_below_the_directory() {
        assert!(safe_relative("party/kz/index.html"));
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a\\b",
        ] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }
}
