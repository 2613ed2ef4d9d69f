//! The pages of the site, as maud templates. Every value from the data goes through [`tx`]
//! and is escaped by maud; nothing here builds markup from strings.

use super::{Out, SiteOptions, enc};
use crate::export::markdown::{commitment_text, date_words, host_words, mean_cell, rule_words};
use crate::export::{ExportOptions, Table, mechanism_name};
use crate::hash::HashMap;
use crate::render::Messages;
use crate::{
    AssessmentFilter, Basis, By, Commitment, CommitmentQuery, Completion, Confidence,
    DUE_SOON_DAYS, Dataset, DeadlineStateKind, DocumentQuery, Edition, EditionStatus, Error,
    Mechanism, PartialDate, ProjectedEdition, Score, ScorecardQuery, ScorecardRow, SourceId,
};
use maud::{DOCTYPE, Markup, html};
use std::borrow::Cow;

/// The site's fixed files, by path below the site's root: the style sheet, the search
/// script and the icon every page links to.
pub(super) const ASSETS: &[(&str, &str)] = &[
    ("assets/site.css", include_str!("site.css")),
    ("assets/search.js", include_str!("search.js")),
    ("assets/icon.svg", include_str!("icon.svg")),
];

/// How many rows the home page's lists show at most (the rest are a search away).
const HOME_ROWS: usize = 50;

/// How many commitments a party or area page lists at most; the rest are a filtered search
/// away (at 100,000 commitments an area holds tens of thousands).
const LIST_ROWS: usize = 1000;

/// The longest heading of a commitment page taken from its text.
const HEADING_CHARS: usize = 90;

/// Data text made safe to show: control and bidirectional formatting characters as visible
/// escapes (`\u{202e}`), and the two non-characters XML forbids (U+FFFE, U+FFFF) as U+FFFD.
/// maud then escapes `&`, `<`, `>` and `"`.
pub(super) fn tx(s: &str) -> Cow<'_, str> {
    // Most texts are printable ASCII: nothing to clear, found byte by byte.
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return Cow::Borrowed(s);
    }
    if s.chars()
        .all(|c| !crate::neutral::unprintable(c) && crate::neutral::xml_char(c))
    {
        return Cow::Borrowed(s);
    }
    let t = crate::neutral::terminal(s);
    if t.chars().all(crate::neutral::xml_char) {
        t
    } else {
        Cow::Owned(
            t.chars()
                .map(|c| {
                    if crate::neutral::xml_char(c) {
                        c
                    } else {
                        '\u{fffd}'
                    }
                })
                .collect(),
        )
    }
}

/// A catalogue text written for Markdown, where `*word*` marks emphasis: the marked runs in
/// `<em>`, everything as text (the catalogues are ours, but nothing is spliced as markup).
fn emphasised(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('*').enumerate() {
            @if i % 2 == 1 { em { (part) } } @else { (part) }
        }
    }
}

/// A table's column headings: one `<th scope="col">` each, as text.
fn table_head(cols: &[&str]) -> Markup {
    html! {
        thead { tr { @for c in cols { th scope="col" { (c) } } } }
    }
}

/// The column heading of a scorecard's keys: `Party`, `Area`, ... (the `scorecard.*` words
/// are lowercase, for use inside a sentence such as "By party").
fn by_heading(m: &Messages, by: By) -> &'static str {
    match by {
        By::Party => m.get("report.col.party"),
        By::Commitment => m.get("report.col.commitment"),
        By::Area => m.get("report.col.area"),
        By::Summit => m.get("report.col.summit"),
        By::Mechanism => m.get("report.col.mechanism"),
    }
}

/// The dates in a text (`2025-06`, `2025-06-17`, each end of `2023-05-18/2023-05-19`) in
/// `<span class="nowrap">`, so a narrow screen does not break them at a hyphen; the rest as
/// text. A date here is four digits and one or two `-NN` parts, neither preceded nor
/// followed by a letter or digit (a year alone has no hyphen to break at).
fn nowrap_dates(text: &str) -> Markup {
    // Most cells hold no date with a hyphen: no scan, no list.
    if !text.contains('-') {
        return html! { (text) };
    }
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut last = 0;
    let mut i = 0;
    let b = text.as_bytes();
    while i < b.len() {
        let end = date_end(text, i);
        if end > i {
            if last < i {
                parts.push((false, text.get(last..i).unwrap_or("")));
            }
            parts.push((true, text.get(i..end).unwrap_or("")));
            last = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if last < b.len() {
        parts.push((false, text.get(last..).unwrap_or("")));
    }
    html! {
        @for (date, part) in parts {
            @if date { span.nowrap { (part) } } @else { (part) }
        }
    }
}

/// Where a date `YYYY-MM` or `YYYY-MM-DD` starting at byte `i` of `text` ends, or `i` when
/// none starts there.
fn date_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let digit = |j: usize| b.get(j).is_some_and(u8::is_ascii_digit);
    // Not in the middle of a word or number: the character before is no letter or digit.
    if text
        .get(..i)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
    {
        return i;
    }
    if !(i..i + 4).all(digit) {
        return i;
    }
    let mut end = i + 4;
    let mut groups = 0;
    while groups < 2 && b.get(end) == Some(&b'-') && digit(end + 1) && digit(end + 2) {
        end += 3;
        groups += 1;
    }
    let after = text.get(end..).and_then(|s| s.chars().next());
    if groups == 0 || after.is_some_and(char::is_alphanumeric) {
        return i;
    }
    end
}

/// `../` repeated `depth` times: from a page `depth` directories down to the site's root.
fn up(depth: usize) -> &'static str {
    match depth {
        0 => "",
        1 => "../",
        _ => "../../",
    }
}

/// The kinds of record pages, by their directory.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Mechanism,
    Summit,
    Document,
    Commitment,
    Party,
    Area,
}

impl Kind {
    fn dir(self) -> &'static str {
        match self {
            Kind::Mechanism => "mechanism",
            Kind::Summit => "summit",
            Kind::Document => "document",
            Kind::Commitment => "commitment",
            Kind::Party => "party",
            Kind::Area => "area",
        }
    }
}

/// The place of a mark and completion in [`Site::mark_table`]: not applicable wins over a
/// score, as the words say.
fn mark_slot(not_applicable: bool, score: Option<Score>, status: Option<Completion>) -> usize {
    let mark = if not_applicable {
        1
    } else {
        match score {
            None => 0,
            Some(s) if s == Score::NONE => 2,
            Some(s) if s == Score::PARTIAL => 3,
            Some(_) => 4,
        }
    };
    let st = status.map_or(0, |st| {
        Completion::ALL
            .iter()
            .position(|c| *c == st)
            .map_or(0, |i| i + 1)
    });
    mark * (Completion::ALL.len() + 1) + st
}

/// The shared parts of the pages at one depth (see [`Site::frame`]).
struct Frame {
    head: Markup,
    links: Markup,
    header: Markup,
    footer: Markup,
    suffix: Markup,
}

/// Pages of one kind a job writes at most.
const PAGES_PER_JOB: usize = 1000;

/// A piece of a site's work that one thread does (see [`Site::write_all`]); ranges are
/// positions in the dataset's records of that kind.
enum Job {
    Home,
    Mechanism(usize),
    Summits(std::ops::Range<usize>),
    Documents(std::ops::Range<usize>),
    Commitments(std::ops::Range<usize>),
    Parties(std::ops::Range<usize>),
    Areas(std::ops::Range<usize>),
    Scorecards,
    Sources,
    Search,
    Assets,
    Sitemaps,
    Ics,
    Json,
    Csv,
    Index,
}

/// One build of a site: the dataset, the options and what every page shares.
pub(super) struct Site<'a> {
    pub(super) ds: &'a Dataset,
    pub(super) o: &'a SiteOptions,
    pub(super) m: Messages,
    pub(super) lang: &'a str,
    /// The site's "today".
    pub(super) as_of: PartialDate,
    /// Assessments known on the site's date.
    pub(super) filter: AssessmentFilter,
    /// Source id → its number on the sources page.
    numbers: HashMap<&'a str, usize>,
    /// The scorecard by party (all mechanisms), by party id.
    by_party: HashMap<String, ScorecardRow>,
    /// The frames of pages 0, 1 and 2 directories down.
    frames: [Frame; 3],
    /// Every mark and completion in words (see [`Site::mark_words`]).
    mark_texts: Vec<String>,
    /// The accessible name of each source's citation link ("source 3"), by number − 1.
    cite_labels: Vec<String>,
}

impl<'a> Site<'a> {
    pub(super) fn new(ds: &'a Dataset, o: &'a SiteOptions) -> Site<'a> {
        let as_of = PartialDate::from(o.as_of);
        let m = Messages::new(&o.lang);
        let frames = [0, 1, 2].map(|d| Site::frame(&m, as_of, d));
        let by_party = ds
            .scorecard(&ScorecardQuery::new().by(By::Party).as_of(as_of))
            .map(|s| s.rows.into_iter().map(|r| (r.key.clone(), r)).collect())
            .unwrap_or_default();
        let mark_texts = Site::mark_table(&m);
        let cite_labels = (1..=ds.sources().len())
            .map(|n| m.format("site.source-n", &[("n", &n.to_string())]))
            .collect();
        Site {
            ds,
            o,
            m,
            lang: o.lang.as_str(),
            as_of,
            filter: AssessmentFilter::new().as_of(as_of),
            numbers: ds
                .sources()
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i + 1))
                .collect(),
            by_party,
            frames,
            mark_texts,
            cite_labels,
        }
    }

    fn export_options(&self) -> ExportOptions {
        ExportOptions::new()
            .lang(self.lang)
            .as_of(self.as_of)
            .upcoming(self.o.upcoming)
    }

    /// The address of a record's page from a page `depth` directories down.
    pub(super) fn href(&self, depth: usize, kind: Kind, id: &str) -> String {
        let (base, dir) = (up(depth), kind.dir());
        let mut h = String::with_capacity(base.len() + dir.len() + id.len() + 2);
        h.push_str(base);
        h.push_str(dir);
        h.push('/');
        super::enc_into(&mut h, id);
        h.push('/');
        h
    }

    fn party_link(&self, depth: usize, id: &str) -> Markup {
        html! { a href=(self.href(depth, Kind::Party, id)) { (tx(self.ds.party_label(id, self.lang))) } }
    }

    fn parties(&self, depth: usize, ids: &[crate::PartyId]) -> Markup {
        html! {
            @for (i, p) in ids.iter().enumerate() {
                @if i > 0 { ", " }
                (self.party_link(depth, p.as_str()))
            }
        }
    }

    fn mechanism_link(&self, depth: usize, m: &Mechanism) -> Markup {
        html! { a href=(self.href(depth, Kind::Mechanism, m.id.as_str())) { (tx(mechanism_name(m, self.lang))) } }
    }

    fn document_title<'b>(&self, d: &'b crate::Document) -> &'b str {
        d.title.get(self.lang).unwrap_or(d.id.as_str())
    }

    fn summit_name(&self, s: &crate::Summit) -> String {
        s.name
            .as_ref()
            .and_then(|n| n.get(self.lang))
            .map_or_else(|| s.to_string(), str::to_owned)
    }

    /// A commitment's label in lists: its short title, else its text in the site's
    /// language (the quote when it is in that language).
    pub(super) fn commitment_label<'b>(&self, c: &'b Commitment) -> &'b str {
        c.title().unwrap_or_else(|| commitment_text(c, self.lang))
    }

    /// A commitment page's heading: its short title, else the start of its text (at most
    /// [`HEADING_CHARS`] characters, cut at a space, with `…`); the page shows the whole
    /// text below.
    pub(super) fn commitment_heading(&self, c: &Commitment) -> String {
        if let Some(t) = c.title() {
            return t.to_owned();
        }
        let label = self.commitment_label(c);
        if label.chars().count() <= HEADING_CHARS {
            return label.to_owned();
        }
        let cut: String = label.chars().take(HEADING_CHARS).collect();
        let cut = match cut.rfind(' ') {
            Some(i) if i > HEADING_CHARS / 2 => cut.get(..i).unwrap_or(&cut).to_owned(),
            _ => cut,
        };
        format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
    }

    fn commitment_link(&self, depth: usize, c: &Commitment) -> Markup {
        html! { a href=(self.href(depth, Kind::Commitment, c.id.as_str())) { (tx(self.commitment_label(c))) } }
    }

    /// Links to the sources page, `[1][4]`, each source once, in number order.
    fn cites<'s>(&self, depth: usize, ids: impl IntoIterator<Item = &'s SourceId>) -> Markup {
        let mut n: Vec<usize> = ids
            .into_iter()
            .filter_map(|s| self.numbers.get(s.as_str()).copied())
            .collect();
        n.sort_unstable();
        n.dedup();
        let base = up(depth);
        html! {
            @if !n.is_empty() {
                span.cites {
                    @for n in n {
                        " "
                        a href={ (base) "sources/#source-" (n) } aria-label=(self.cite_labels.get(n - 1).map_or("", String::as_str)) { "[" (n) "]" }
                    }
                }
            }
        }
    }

    /// A language's name from the catalogue (`Ukrainian`, `українською`), by the primary
    /// subtag of `tag`; the tag itself for a language the catalogue does not name.
    fn lang_name(&self, tag: &str) -> String {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or(tag)
            .to_ascii_lowercase();
        let key = format!("lang-name.{primary}");
        match self.m.get(&key) {
            name if name == key => tx(tag).into_owned(),
            name => name.to_owned(),
        }
    }

    fn date_text(&self, d: &PartialDate) -> String {
        match d.precision() {
            crate::Precision::Year => self
                .m
                .format("report.year-only", &[("date", &d.to_string())]),
            crate::Precision::Month => self
                .m
                .format("report.month-only", &[("date", &d.to_string())]),
            _ => d.to_string(),
        }
    }

    /// The parts of the frame every page at `depth` shares, rendered once per build: the
    /// links of `<head>`, the skip link and header, and the footer. They hold interface words
    /// and the site's date only, no data.
    fn frame(m: &Messages, as_of: PartialDate, depth: usize) -> Frame {
        let base = up(depth);
        let home = if depth == 0 { "./" } else { base };
        Frame {
            head: html! {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
            },
            links: html! {
                link rel="stylesheet" href=(format!("{base}assets/site.css"));
                link rel="icon" href=(format!("{base}assets/icon.svg")) type="image/svg+xml";
                link rel="alternate" type="text/calendar" title=(m.get("site.calendar")) href=(format!("{base}summitry.ics"));
            },
            header: html! {
                a.skip href="#main" { (m.get("site.skip")) }
                header {
                    p.brand { a href=(home) { (m.get("site.name")) } }
                    nav aria-label=(m.get("site.nav")) {
                        ul {
                            li { a href=(home) { (m.get("site.home")) } }
                            li { a href=(format!("{base}scorecards/")) { (m.get("report.scorecards")) } }
                            li { a href=(format!("{base}sources/")) { (m.get("report.sources")) } }
                            li { a href=(format!("{base}search/")) { (m.get("site.search")) } }
                        }
                    }
                }
            },
            footer: html! {
                footer {
                    p { (m.format("report.situation", &[("date", &as_of.to_string())])) " " (m.get("site.dates-note")) }
                    p {
                        (m.get("site.downloads")) ": "
                        a href=(format!("{base}summitry.ics")) { (m.get("site.calendar")) }
                        ", "
                        a href=(format!("{base}summitry.json")) { "JSON" }
                        ", "
                        a href=(format!("{base}commitments.csv")) { "CSV" }
                    }
                }
            },
            suffix: html! { " – " (m.get("site.name")) },
        }
    }

    /// A whole page: the frame of its depth around its heading and body.
    fn layout(&self, depth: usize, title: &str, body: Markup) -> Markup {
        let [f0, f1, f2] = &self.frames;
        let f = match depth {
            0 => f0,
            1 => f1,
            _ => f2,
        };
        html! {
            (DOCTYPE)
            html lang=(self.lang) {
                head {
                    (f.head)
                    title { (tx(title)) (f.suffix) }
                    (f.links)
                }
                body {
                    (f.header)
                    main id="main" {
                        h1 { (tx(title)) }
                        (body)
                    }
                    (f.footer)
                }
            }
        }
    }

    fn page(&self, out: &mut Out, rel_dir: &str, title: &str, body: Markup) -> Result<(), Error> {
        let depth = if rel_dir.is_empty() {
            0
        } else {
            rel_dir.matches('/').count() + 1
        };
        let html = self.layout(depth, title, body).into_string();
        let path = if rel_dir.is_empty() {
            "index.html".to_owned()
        } else {
            format!("{rel_dir}/index.html")
        };
        out.write(&path, html.as_bytes())
    }

    /// Writes every page, the assets, the sitemap, the downloads and the search index, on up
    /// to `threads` threads. The work is cut into [`Job`]s that idle threads take in turn;
    /// each thread writes through its own [`Out`], joined into `out` at the end. On failure
    /// the error of the first failing job (in job order) is returned.
    pub(super) fn write_all(
        &self,
        out: &mut Out,
        base: Option<&str>,
        threads: usize,
    ) -> Result<(), Error> {
        let urls = self.urls();
        let jobs = self.jobs();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let failed = std::sync::atomic::AtomicBool::new(false);
        let work = |mut mine: Out| -> (Out, Option<(usize, Error)>) {
            use std::sync::atomic::Ordering;
            while !failed.load(Ordering::Relaxed) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                if let Err(e) = self.run(job, &mut mine, base, &urls) {
                    failed.store(true, Ordering::Relaxed);
                    return (mine, Some((i, e)));
                }
            }
            (mine, None)
        };
        let mut first: Option<(usize, Error)> = None;
        let mut keep = |err: Option<(usize, Error)>| {
            if let Some((i, e)) = err {
                if first.as_ref().is_none_or(|(j, _)| i < *j) {
                    first = Some((i, e));
                }
            }
        };
        std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads.max(1))
                .filter_map(|_| {
                    let mine = out.fork();
                    std::thread::Builder::new()
                        .name("summitry-site".to_owned())
                        .spawn_scoped(scope, || work(mine))
                        .ok()
                })
                .collect();
            let (mine, err) = work(out.fork());
            out.join(mine);
            keep(err);
            for h in helpers {
                // A helper never panics (the library does not); were it to, its share is
                // reported as a failure rather than lost in silence.
                match h.join() {
                    Ok((mine, err)) => {
                        out.join(mine);
                        keep(err);
                    }
                    Err(_) => keep(Some((
                        usize::MAX,
                        Error::io(&std::io::Error::other("a site-writing thread failed")),
                    ))),
                }
            }
        });
        match first {
            Some((_, e)) => Err(e),
            None => Ok(()),
        }
    }

    /// The site's page addresses for the sitemap, relative to the site's root, in order: home,
    /// mechanisms, summits, documents, commitments, parties, areas, then the lists.
    fn urls(&self) -> Vec<String> {
        let ds = self.ds;
        let mut urls: Vec<String> = Vec::with_capacity(
            ds.mechanisms().len()
                + ds.summits().len()
                + ds.documents().len()
                + ds.commitments().len()
                + ds.parties().len()
                + ds.areas().len()
                + 4,
        );
        urls.push("./".to_owned());
        let mut add = |kind: Kind, id: &str| {
            let mut u = String::with_capacity(kind.dir().len() + id.len() + 2);
            u.push_str(kind.dir());
            u.push('/');
            super::enc_into(&mut u, id);
            u.push('/');
            urls.push(u);
        };
        ds.mechanisms()
            .iter()
            .for_each(|m| add(Kind::Mechanism, m.id.as_str()));
        ds.summits()
            .iter()
            .for_each(|s| add(Kind::Summit, s.id.as_str()));
        ds.documents()
            .iter()
            .for_each(|d| add(Kind::Document, d.id.as_str()));
        ds.commitments()
            .iter()
            .for_each(|c| add(Kind::Commitment, c.id.as_str()));
        ds.parties()
            .iter()
            .for_each(|p| add(Kind::Party, p.id.as_str()));
        ds.areas()
            .iter()
            .for_each(|a| add(Kind::Area, a.id.as_str()));
        urls.extend(["scorecards/", "sources/", "search/"].map(str::to_owned));
        urls
    }

    /// The site's work, largest single pieces first so that threads finish together.
    fn jobs(&self) -> Vec<Job> {
        let ds = self.ds;
        let mut jobs = vec![Job::Json, Job::Index, Job::Csv, Job::Ics];
        let chunks = |n: usize, make: fn(std::ops::Range<usize>) -> Job, jobs: &mut Vec<Job>| {
            let mut at = 0;
            while at < n {
                let end = (at + PAGES_PER_JOB).min(n);
                jobs.push(make(at..end));
                at = end;
            }
        };
        chunks(ds.commitments().len(), Job::Commitments, &mut jobs);
        chunks(ds.documents().len(), Job::Documents, &mut jobs);
        chunks(ds.summits().len(), Job::Summits, &mut jobs);
        chunks(ds.parties().len(), Job::Parties, &mut jobs);
        chunks(ds.areas().len(), Job::Areas, &mut jobs);
        jobs.extend((0..ds.mechanisms().len()).map(Job::Mechanism));
        jobs.extend([
            Job::Home,
            Job::Scorecards,
            Job::Sources,
            Job::Search,
            Job::Assets,
            Job::Sitemaps,
        ]);
        jobs
    }

    /// Does one job, writing through `out`.
    fn run(
        &self,
        job: &Job,
        out: &mut Out,
        base: Option<&str>,
        urls: &[String],
    ) -> Result<(), Error> {
        let ds = self.ds;
        match job {
            Job::Home => self.page(out, "", self.m.get("report.title"), self.home()),
            Job::Mechanism(i) => {
                let Some(m) = ds.mechanisms().get(*i) else {
                    return Ok(());
                };
                let dir = format!("mechanism/{}", m.id);
                let svg = ds.export_svg_string(&self.export_options().mechanism(m.id.as_str()))?;
                out.write(&format!("{dir}/timeline.svg"), svg.as_bytes())?;
                self.page(out, &dir, mechanism_name(m, self.lang), self.mechanism(m))
            }
            Job::Summits(r) => each(ds.summits(), r, |s| {
                let dir = format!("summit/{}", s.id);
                self.page(out, &dir, &self.summit_name(s), self.summit(s))
            }),
            Job::Documents(r) => each(ds.documents(), r, |d| {
                let dir = format!("document/{}", d.id);
                self.page(out, &dir, self.document_title(d), self.document(d))
            }),
            Job::Commitments(r) => each(ds.commitments(), r, |c| {
                let dir = format!("commitment/{}", c.id);
                self.page(out, &dir, &self.commitment_heading(c), self.commitment(c))
            }),
            Job::Parties(r) => each(ds.parties(), r, |p| {
                let title = ds.party_label(p.id.as_str(), self.lang);
                self.page(out, &format!("party/{}", p.id), title, self.party(p))
            }),
            Job::Areas(r) => each(ds.areas(), r, |a| {
                let title = a.label.get(self.lang).unwrap_or(a.id.as_str());
                self.page(out, &format!("area/{}", a.id), title, self.area(a))
            }),
            Job::Scorecards => self.page(
                out,
                "scorecards",
                self.m.get("report.scorecards"),
                self.scorecards(),
            ),
            Job::Sources => self.page(out, "sources", self.m.get("report.sources"), self.sources()),
            Job::Search => self.page(out, "search", self.m.get("site.search"), self.search()),
            Job::Assets => ASSETS
                .iter()
                .try_for_each(|(path, text)| out.write(path, text.as_bytes())),
            Job::Sitemaps => sitemaps(urls, base)
                .into_iter()
                .try_for_each(|(name, text)| out.write(&name, text.as_bytes())),
            Job::Ics => {
                let o = self.export_options();
                out.write_with("summitry.ics", |w| ds.export_ics(w, &o))
            }
            // Serialised into memory first: serde_json's many small writes cost more through
            // a `dyn Write` than the copy does.
            Job::Json => out.write("summitry.json", ds.export_json_string().as_bytes()),
            Job::Csv => {
                let o = self.export_options();
                out.write_with("commitments.csv", |w| {
                    ds.export_csv(w, Table::Commitments, &o)
                })
            }
            Job::Index => super::search::write_index(self, out),
        }
    }

    /// The next edition of a mechanism on the site's date: the first not held and not
    /// definitely past.
    fn next_edition(&self, m: &Mechanism) -> Option<ProjectedEdition> {
        self.ahead(m).into_iter().next()
    }

    /// The editions ahead of a mechanism on the site's date (as the Markdown report).
    fn ahead(&self, m: &Mechanism) -> Vec<ProjectedEdition> {
        self.ds
            .export_editions(m, &self.export_options())
            .into_iter()
            .filter(|e| {
                e.status != EditionStatus::Held
                    && !matches!(e.date, Some(d) if d.is_definitely_before(&self.as_of))
            })
            .collect()
    }

    fn edition_no(&self, e: &ProjectedEdition) -> String {
        e.ordinal.map_or_else(
            || self.m.get("summits.special").to_owned(),
            |n| n.to_string(),
        )
    }

    /// What an edition's date, host and status rest on, each claim with its sources.
    fn provenance(&self, depth: usize, e: &ProjectedEdition) -> Markup {
        let m = &self.m;
        let mut parts: Vec<(String, &[SourceId], Option<String>)> = Vec::new();
        for c in &e.provenance {
            let (text, sources, link) = match &c.basis {
                Basis::Summit { summit, sources } => (
                    self.ds.summit(summit.as_str()).map_or_else(
                        || m.format("report.prov.summit", &[("summit", summit.as_str())]),
                        |s| m.format("site.prov-summit", &[("name", &self.summit_name(s))]),
                    ),
                    sources.as_slice(),
                    Some(self.href(depth, Kind::Summit, summit.as_str())),
                ),
                Basis::Decision { document, sources } => {
                    let doc = document.as_ref().and_then(|d| self.ds.document(d.as_str()));
                    match doc {
                        Some(d) => (
                            m.format(
                                "report.prov.decision-in",
                                &[("title", self.document_title(d))],
                            ),
                            sources.as_slice(),
                            Some(self.href(depth, Kind::Document, d.id.as_str())),
                        ),
                        None => (
                            m.get("report.prov.decision").to_owned(),
                            sources.as_slice(),
                            None,
                        ),
                    }
                }
                Basis::Rule { sources, anchor } => (
                    match anchor {
                        Some(a) => format!("{}, {}", m.get("report.prov.rule"), a.text(m)),
                        None => m.get("report.prov.rule").to_owned(),
                    },
                    sources.as_slice(),
                    None,
                ),
                Basis::RuleEnded { until, sources } => (
                    m.format("decisions.rule-ended", &[("date", &until.to_string())]),
                    sources.as_slice(),
                    None,
                ),
                Basis::Exception { exception, sources } => (
                    m.format(
                        "report.prov.exception",
                        &[("kind", m.word("basis", exception.as_str()))],
                    ),
                    sources.as_slice(),
                    None,
                ),
                Basis::Report {
                    sources, agrees, ..
                } => (
                    m.get(match agrees {
                        Some(true) => "report.prov.report-agrees",
                        Some(false) => "report.prov.report-disagrees",
                        None => "report.prov.report",
                    })
                    .to_owned(),
                    sources.as_slice(),
                    None,
                ),
            };
            if !parts.iter().any(|(t, s, _)| *t == text && *s == sources) {
                parts.push((text, sources, link));
            }
        }
        html! {
            @if parts.is_empty() {
                (m.get("report.prov.none"))
            }
            @for (i, (text, sources, link)) in parts.iter().enumerate() {
                @if i > 0 { "; " }
                @match link {
                    Some(l) => a href=(l) { (nowrap_dates(&tx(text))) },
                    None => (nowrap_dates(&tx(text))),
                }
                (self.cites(depth, *sources))
            }
        }
    }

    fn home(&self) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let day = self.o.as_of;
        let soon: Vec<&Commitment> = ds
            .commitments_where(
                &CommitmentQuery::new()
                    .deadline_state(DeadlineStateKind::DueSoon)
                    .reference(day)
                    .as_of(self.as_of),
            )
            .map(|it| it.collect())
            .unwrap_or_default();
        // Latest first: recorded, then as of, then load order.
        let mut latest: Vec<(usize, &crate::Assessment)> = ds
            .assessments()
            .iter()
            .enumerate()
            .filter(|(_, a)| self.filter.accepts(a))
            .collect();
        let key = |(i, a): &(usize, &crate::Assessment)| {
            (a.recorded.first_day(), a.as_of.first_day(), *i)
        };
        if latest.len() > HOME_ROWS {
            latest.select_nth_unstable_by(HOME_ROWS, |a, b| key(b).cmp(&key(a)));
            latest.truncate(HOME_ROWS);
        }
        latest.sort_by_key(|x| std::cmp::Reverse(key(x)));
        let top_areas: Vec<&crate::Area> =
            ds.areas().iter().filter(|a| a.parent.is_none()).collect();
        html! {
            p {
                (m.format("report.covers", &[
                    ("mechanisms", &m.count("count.mechanism", ds.mechanisms().len())),
                    ("summits", &m.count("count.summit", ds.summits().len())),
                    ("documents", &m.count("count.document", ds.documents().len())),
                    ("commitments", &m.count("count.commitment", ds.commitments().len())),
                    ("assessments", &m.count("count.compliance-assessment", ds.assessments().len())),
                ]))
            }
            section aria-labelledby="next" {
                h2 id="next" { (m.get("site.next-editions")) }
                p { (emphasised(m.get("report.ahead-note"))) }
                table {
                    (table_head(&[m.get("report.col.mechanism"), "#", m.get("report.col.date"), m.get("report.col.host"), m.get("report.col.status"), m.get("report.col.based-on")]))
                    tbody {
                        @for mech in ds.mechanisms() {
                            tr {
                                th scope="row" { (self.mechanism_link(0, mech)) }
                                @match self.next_edition(mech) {
                                    Some(e) => {
                                        td { (self.edition_no(&e)) }
                                        td { (nowrap_dates(&date_words(&e, m))) }
                                        td { (tx(&host_words(ds, &e, self.lang, m))) }
                                        td { (m.word("edition-status", e.status.as_str())) }
                                        td { (self.provenance(0, &e)) }
                                    }
                                    None => { td colspan="5" { (m.get("report.nothing-ahead")) } }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="soon" {
                h2 id="soon" { (m.get("site.due-soon")) }
                @if soon.is_empty() {
                    p { (m.get("site.none")) }
                } @else {
                    ul {
                        @for c in soon.iter().take(HOME_ROWS) {
                            li {
                                (self.commitment_link(0, c))
                                @if let Some(d) = c.deadline { " — " (m.format("commitments.due", &[("date", &self.date_text(&d))])) }
                            }
                        }
                    }
                    @if soon.len() > HOME_ROWS {
                        p { a href="search/?deadline=due-soon" { (m.count("count.commitment", soon.len())) } }
                    }
                }
            }
            section aria-labelledby="latest" {
                h2 id="latest" { (m.get("site.latest-assessments")) }
                @if latest.is_empty() {
                    p { (m.get("site.none")) }
                } @else {
                    table {
                        (table_head(&[m.get("report.col.commitment"), m.get("report.col.party"), m.get("report.col.status"), m.get("site.assessed-as-of"), m.get("site.recorded"), m.get("report.col.evidence")]))
                        tbody {
                            @for (_, a) in &latest {
                                tr {
                                    td { @if let Some(c) = ds.commitment(a.commitment.as_str()) { (self.commitment_link(0, c)) } }
                                    td { (self.party_link(0, a.party.as_str())) }
                                    td { (self.mark_words(a)) }
                                    td { (nowrap_dates(&a.as_of.to_string())) }
                                    td { (nowrap_dates(&a.recorded.to_string())) }
                                    td { (self.cites(0, a.evidence())) }
                                }
                            }
                        }
                    }
                }
            }
            section aria-labelledby="browse" {
                h2 id="browse" { (m.get("site.browse")) }
                h3 { (m.get("report.mechanisms")) }
                ul { @for mech in ds.mechanisms() { li { (self.mechanism_link(0, mech)) } } }
                h3 { (m.get("site.parties")) }
                ul.columns { @for p in ds.parties() { li { (self.party_link(0, p.id.as_str())) } } }
                h3 { (m.get("site.areas")) }
                ul.columns { @for a in top_areas { li { a href=(self.href(0, Kind::Area, a.id.as_str())) { (tx(a.label.get(self.lang).unwrap_or(a.id.as_str()))) } } } }
            }
            section aria-labelledby="downloads" {
                h2 id="downloads" { (m.get("site.downloads")) }
                ul {
                    li { a href="summitry.ics" type="text/calendar" { (m.get("site.calendar")) } " (iCalendar, RFC 5545)" }
                    li { a href="summitry.json" type="application/json" { "summitry.json" } " (JSON)" }
                    li { a href="commitments.csv" type="text/csv" { "commitments.csv" } " (CSV)" }
                    li { a href="sitemap.xml" { "sitemap.xml" } }
                }
            }
        }
    }

    /// An assessment's mark and status in words: `+1, complete`, `n/a`.
    /// An assessment's mark and completion in words ("score +1, completion: complete"),
    /// from the table made once per build.
    fn mark_words(&self, a: &crate::Assessment) -> &str {
        let slot = mark_slot(a.not_applicable, a.score, a.status);
        self.mark_texts.get(slot).map_or("", String::as_str)
    }

    /// The words of every mark and completion, by [`mark_slot`].
    fn mark_table(m: &Messages) -> Vec<String> {
        let scores = [Score::NONE, Score::PARTIAL, Score::FULL];
        let marks = [(false, None), (true, None)]
            .into_iter()
            .chain(scores.map(|s| (false, Some(s))));
        let statuses = std::iter::once(None).chain(Completion::ALL.map(Some));
        let mut table = vec![String::new(); 5 * (Completion::ALL.len() + 1)];
        for (na, score) in marks {
            for st in statuses.clone() {
                let mut parts: Vec<String> = Vec::new();
                if na {
                    parts.push(m.get("commitments.not-applicable").to_owned());
                } else if let Some(s) = score {
                    parts.push(m.format("commitments.score", &[("score", &s.to_string())]));
                }
                if let Some(st) = st {
                    parts.push(m.format(
                        "commitments.completion",
                        &[("status", m.word("completion", st.as_str()))],
                    ));
                }
                let text = if parts.is_empty() {
                    m.get("completion.no-status").to_owned()
                } else {
                    parts.join(", ")
                };
                if let Some(cell) = table.get_mut(mark_slot(na, score, st)) {
                    *cell = text;
                }
            }
        }
        table
    }

    fn mechanism(&self, mech: &Mechanism) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let d = 2;
        let mut summits: Vec<&crate::Summit> = ds
            .summits()
            .iter()
            .filter(|s| s.mechanism == mech.id)
            .collect();
        summits.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let decisions = ds.reconcile(mech.id.as_str()).unwrap_or_default();
        let ahead = self.ahead(mech);
        let docs: Vec<&crate::Document> = ds
            .documents_where(&DocumentQuery::new().mechanism(mech.id.as_str()))
            .map(|it| it.collect())
            .unwrap_or_default();
        let card = ds
            .scorecard(
                &ScorecardQuery::new()
                    .mechanism(mech.id.as_str())
                    .by(By::Party)
                    .as_of(self.as_of),
            )
            .ok();
        let matrix = ds
            .compliance_matrix(
                &ScorecardQuery::new()
                    .mechanism(mech.id.as_str())
                    .as_of(self.as_of),
            )
            .ok();
        html! {
            p { (self.cites(d, &mech.sources)) }
            dl {
                dt { (m.get("report.members")) }
                dd {
                    @for (i, x) in mech.members.iter().enumerate() {
                        @if i > 0 { ", " }
                        (self.party_link(d, x.party.as_str()))
                        @match (x.since, x.until) {
                            (Some(a), Some(b)) => { " (" (m.format("report.member-between", &[("from", &a.to_string()), ("to", &b.to_string())])) ")" }
                            (Some(a), None) => { " (" (m.format("report.member-since", &[("date", &a.to_string())])) ")" }
                            (None, Some(b)) => { " (" (m.format("report.member-until", &[("date", &b.to_string())])) ")" }
                            (None, None) => {}
                        }
                    }
                }
                dt { (m.get("report.level")) }
                dd { (m.word("level", mech.level.as_str())) }
                @if let Some(e) = mech.established {
                    dt { (m.get("report.established")) }
                    dd { (self.date_text(&e)) }
                }
                dt { (m.get("report.secretariat")) }
                dd {
                    @match &mech.secretariat {
                        Some(s) => {
                            (tx(s.seat.get(self.lang).unwrap_or("")))
                            @if let Some(e) = s.established { ", " (m.format("report.member-since", &[("date", &e.to_string())])) }
                            (self.cites(d, &s.sources))
                        }
                        None => (m.get("report.none-recorded")),
                    }
                }
                dt { (m.get("report.schedule")) }
                dd {
                    @match &mech.schedule {
                        Some(s) => {
                            (m.get("report.hosts")) ": " (tx(&rule_words(ds, &s.hosts, self.lang, m)))
                            @if let Some(u) = s.hosts_until { " (" (m.format("decisions.until", &[("date", &u.to_string())])) ")" }
                            (self.cites(d, &s.sources))
                        }
                        None => (m.get("report.nothing-known")),
                    }
                }
                @if let Some(n) = &mech.note {
                    dt { (m.get("report.note")) }
                    dd { (tx(n)) }
                }
            }
            // The picture links to itself: on a phone the figure scrolls sideways (site.css)
            // and the link is what a keyboard reaches it by, and opens it full size.
            figure {
                a href="timeline.svg" { img src="timeline.svg" width="1000" alt=(m.format("site.timeline-alt", &[("mechanism", &tx(mechanism_name(mech, self.lang)))])); }
                figcaption { (m.format("site.timeline-alt", &[("mechanism", &tx(mechanism_name(mech, self.lang)))])) }
            }
            h2 { (m.get("report.editions")) }
            @if summits.is_empty() {
                p { (m.get("report.no-edition")) }
            } @else {
                div.scroll tabindex="0" { table {
                    (table_head(&["#", m.get("report.col.date"), m.get("report.col.host"), m.get("report.col.city"), m.get("report.col.status"), m.get("report.col.sources")]))
                    tbody {
                        @for s in &summits {
                            tr {
                                th scope="row" {
                                    a href=(self.href(d, Kind::Summit, s.id.as_str())) {
                                        @match s.edition { Edition::Ordinal(n) => (n), Edition::Special => (m.get("summits.special")) }
                                    }
                                }
                                td { (nowrap_dates(&self.date_text(&s.date))) }
                                td { @match &s.host { Some(h) => (self.party_link(d, h.as_str())), None => (m.get("summits.host-unknown")) } }
                                td { @if let Some(v) = &s.venue { (tx(v.city.get(self.lang).unwrap_or(""))) } @else if s.online { (m.get("overview.video-link")) } }
                                td {
                                    (m.word("summit-status", s.status.as_str()))
                                    @if s.confidence == Confidence::Reported { " (" (m.get("overview.reported-once")) ")" }
                                }
                                td { (self.cites(d, &s.sources)) }
                            }
                        }
                    }
                } }
            }
            @if !decisions.is_empty() {
                h2 { (m.get("decisions.heading")) }
                div.scroll tabindex="0" { table {
                    (table_head(&["#", m.get("decisions.col-decided"), m.get("decisions.col-outcome"), m.get("decisions.col-summit"), m.get("report.col.sources")]))
                    tbody {
                        @for r in &decisions {
                            tr {
                                th scope="row" { (r.edition) }
                                td { (nowrap_dates(&tx(&crate::schedule::decided_words(ds, &r.decision, m, self.lang)))) }
                                td { (nowrap_dates(&tx(&crate::schedule::outcome_words(ds, &r.outcome, m, self.lang)))) }
                                td {
                                    @if let Some(s) = &r.summit {
                                        a href=(self.href(d, Kind::Summit, s.as_str())) {
                                            @match ds.summit(s.as_str()) { Some(x) => (tx(&self.summit_name(x))), None => (tx(s.as_str())) }
                                        }
                                    } @else { "–" }
                                }
                                td { (self.cites(d, &r.decision.sources)) }
                            }
                        }
                    }
                } }
            }
            h2 { (m.get("report.ahead")) }
            @if ahead.is_empty() {
                p { (m.get("report.nothing-ahead")) }
            } @else {
                p { (emphasised(m.get("report.ahead-note"))) }
                div.scroll tabindex="0" { table {
                    (table_head(&["#", m.get("report.col.date"), m.get("report.col.host"), m.get("report.col.status"), m.get("report.col.based-on")]))
                    tbody {
                        @for e in &ahead {
                            tr {
                                th scope="row" { (self.edition_no(e)) }
                                td { (nowrap_dates(&date_words(e, m))) }
                                td { (tx(&host_words(ds, e, self.lang, m))) }
                                td { (m.word("edition-status", e.status.as_str())) }
                                td { (self.provenance(d, e)) }
                            }
                        }
                    }
                } }
            }
            h2 { (m.get("site.documents")) }
            @if docs.is_empty() {
                p { (m.get("site.none")) }
            } @else {
                ul { @for doc in &docs { li { a href=(self.href(d, Kind::Document, doc.id.as_str())) { (tx(self.document_title(doc))) } " (" (self.date_text(&doc.date)) ")" } } }
            }
            h2 { (m.get("report.scorecards")) }
            p { (m.get("report.scorecards-note")) }
            @if let Some(card) = &card {
                (self.score_table(d, By::Party, card))
            }
            @if let Some(mx) = &matrix {
                @if !mx.rows.is_empty() && !mx.parties.is_empty() {
                    h2 id="matrix" { (m.get("site.matrix")) }
                    p { (m.get("site.matrix-note")) }
                    div.scroll tabindex="0" { table {
                        thead { tr {
                            th scope="col" { (m.get("report.col.commitment")) }
                            @for p in &mx.parties { th scope="col" { (self.party_link(d, p.as_str())) } }
                            th scope="col" { (m.get("report.col.compliance")) }
                        } }
                        tbody {
                            @for r in &mx.rows {
                                tr {
                                    th scope="row" { (self.commitment_link(d, r.commitment)) }
                                    @for cell in &r.cells {
                                        td { @match cell { crate::Cell::NotBound => "–", other => (other.as_text()) } }
                                    }
                                    td { @match r.percent { Some(p) => { (p) "%" }, None => "–" } }
                                }
                            }
                            tr {
                                th scope="row" { (m.get("report.col.compliance")) }
                                @for p in &mx.party_percent { td { @match p { Some(p) => { (p) "%" }, None => "–" } } }
                                td { @match mx.total_percent { Some(p) => { (p) "%" }, None => "–" } }
                            }
                        }
                    } }
                }
            }
        }
    }

    /// A scorecard as a table: one row per key (linked), then the total.
    fn score_table(&self, depth: usize, by: By, card: &crate::Scorecard) -> Markup {
        let m = &self.m;
        let name = |key: &str| -> Markup {
            match by {
                By::Party => self.party_link(depth, key),
                By::Area => match self.ds.area(key) {
                    Some(a) => {
                        html! { a href=(self.href(depth, Kind::Area, key)) { (tx(a.label.get(self.lang).unwrap_or(key))) } }
                    }
                    None => html! { (tx(key)) },
                },
                By::Mechanism => match self.ds.mechanism(key) {
                    Some(x) => self.mechanism_link(depth, x),
                    None => html! { (tx(key)) },
                },
                _ => html! { (tx(key)) },
            }
        };
        html! {
            div.scroll tabindex="0" { table {
                (table_head(&[by_heading(m, by), m.get("report.col.mean"), m.get("report.col.compliance"), m.get("report.col.assessed"), m.get("report.col.not-assessed"), m.get("report.col.not-applicable"), m.get("report.col.statuses")]))
                tbody {
                    @for r in card.rows.iter().chain(std::iter::once(&card.total)) {
                        @let (mean, pct) = mean_cell(r);
                        tr {
                            th scope="row" {
                                @if std::ptr::eq(r, &card.total) { (m.get("site.total")) } @else { (name(&r.key)) }
                            }
                            td { (mean) }
                            td { (pct) }
                            td { (r.assessed) }
                            td { (r.unassessed) }
                            td { (r.not_applicable) }
                            td { (crate::report::status_counts_words(r, m, None)) }
                        }
                    }
                }
            } }
        }
    }

    fn summit(&self, s: &crate::Summit) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let d = 2;
        let docs: Vec<&crate::Document> = ds
            .documents_where(&DocumentQuery::new().summit(s.id.as_str()))
            .map(|it| it.collect())
            .unwrap_or_default();
        html! {
            p { (self.cites(d, &s.sources)) }
            dl {
                dt { (m.get("report.col.mechanism")) }
                dd { @match ds.mechanism(s.mechanism.as_str()) { Some(x) => (self.mechanism_link(d, x)), None => (tx(s.mechanism.as_str())) } }
                dt { "#" }
                dd { @match s.edition { Edition::Ordinal(n) => (n), Edition::Special => (m.get("summits.special")) } }
                dt { (m.get("report.col.date")) }
                dd { (self.date_text(&s.date)) }
                dt { (m.get("report.col.host")) }
                dd { @match &s.host { Some(h) => (self.party_link(d, h.as_str())), None => (m.get("summits.host-unknown")) } }
                dt { (m.get("report.col.city")) }
                dd {
                    @match (&s.venue, s.online) {
                        (Some(v), _) => {
                            (tx(v.city.get(self.lang).unwrap_or("")))
                            @if let Some(p) = v.place.as_ref().and_then(|p| p.get(self.lang)) { ", " (tx(p)) }
                        }
                        (None, true) => (m.get("overview.video-link")),
                        (None, false) => (m.get("overview.venue-unknown")),
                    }
                }
                dt { (m.get("report.col.status")) }
                dd {
                    (m.word("summit-status", s.status.as_str()))
                    @if s.confidence == Confidence::Reported { " (" (m.get("overview.reported-once")) ")" }
                }
                @if let Some(n) = &s.note {
                    dt { (m.get("report.note")) }
                    dd { (tx(n)) }
                }
            }
            @if !s.participants.is_empty() {
                h2 { (m.get("site.participants")) }
                table {
                    (table_head(&[m.get("report.col.party"), m.get("site.person"), m.get("site.role")]))
                    tbody {
                        @for p in &s.participants {
                            tr {
                                th scope="row" { (self.party_link(d, p.party.as_str())) }
                                td { (tx(p.person.as_deref().unwrap_or(""))) }
                                td { (tx(p.role.as_deref().unwrap_or(""))) }
                            }
                        }
                    }
                }
            }
            h2 { (m.get("report.col.documents")) }
            @if docs.is_empty() {
                p { (m.get("site.none")) }
            } @else {
                ul { @for doc in &docs { li { a href=(self.href(d, Kind::Document, doc.id.as_str())) { (tx(self.document_title(doc))) } } } }
            }
        }
    }

    /// A table of commitments: label (linked), bound parties, strength, deadline.
    fn commitment_table(
        &self,
        depth: usize,
        cs: &[&Commitment],
        more: Option<(&str, &str)>,
    ) -> Markup {
        let m = &self.m;
        let shown = if more.is_some() {
            LIST_ROWS.min(cs.len())
        } else {
            cs.len()
        };
        html! {
            @if shown < cs.len() {
                @if let Some((facet, value)) = more {
                    (self.more_link(depth, shown, cs.len(), facet, value))
                }
            }
            @if cs.is_empty() {
                p { (m.get("report.no-commitment")) }
            } @else {
                div.scroll tabindex="0" { table {
                    (table_head(&[m.get("report.col.commitment"), m.get("report.col.bound"), m.get("report.col.strength"), m.get("report.col.deadline")]))
                    tbody {
                        @for c in cs.iter().take(shown) {
                            tr {
                                th scope="row" { (self.commitment_link(depth, c)) }
                                td { (self.parties(depth, c.obligor_parties())) }
                                td { (m.word("strength", c.strength.as_str())) }
                                td { @if let Some(dl) = c.deadline { (nowrap_dates(&self.date_text(&dl))) } @else { (m.get("deadline.no-deadline")) } }
                            }
                        }
                    }
                } }
            }
        }
    }

    fn document(&self, doc: &crate::Document) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let d = 2;
        let cs: Vec<&Commitment> = ds
            .commitments_where(&CommitmentQuery::new().document(doc.id.as_str()))
            .map(|it| it.collect())
            .unwrap_or_default();
        html! {
            p { (self.cites(d, &doc.sources)) }
            dl {
                dt { (m.get("report.col.mechanism")) }
                dd { @match ds.mechanism(doc.mechanism.as_str()) { Some(x) => (self.mechanism_link(d, x)), None => (tx(doc.mechanism.as_str())) } }
                @if let Some(s) = doc.summit.as_ref().and_then(|s| ds.summit(s.as_str())) {
                    dt { (m.get("report.col.summit")) }
                    dd { a href=(self.href(d, Kind::Summit, s.id.as_str())) { (tx(&self.summit_name(s))) } }
                }
                dt { (m.get("report.col.date")) }
                dd { (self.date_text(&doc.date)) }
                dt { (m.get("site.kind")) }
                dd { (tx(doc.kind.as_str())) @if doc.binding { ", " (m.word("strength", "binding")) } }
                dt { (m.get("site.signatories")) }
                dd { (self.parties(d, &doc.signatories)) }
                @if let Some(n) = &doc.note {
                    dt { (m.get("report.note")) }
                    dd { (tx(n)) }
                }
            }
            h2 { (m.get("site.commitments")) }
            (self.commitment_table(d, &cs, None))
        }
    }

    /// "The first 1000 of 23,456 are listed; search them all" with a link to the search page
    /// filtered by `facet=value`.
    fn more_link(
        &self,
        depth: usize,
        shown: usize,
        all: usize,
        facet: &str,
        value: &str,
    ) -> Markup {
        html! {
            p.note {
                (self.m.format("site.list-capped", &[("shown", &shown.to_string()), ("all", &all.to_string())]))
                " "
                a href=(format!("{}search/?{facet}={}", up(depth), enc(value))) { (self.m.get("site.search-all")) }
            }
        }
    }

    fn commitment(&self, c: &Commitment) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let d = 2;
        let doc = ds.document(c.document.as_str());
        let state = ds
            .deadline_state(
                c.id.as_str(),
                None,
                &self.filter,
                self.o.as_of,
                DUE_SOON_DAYS,
            )
            .ok();
        let mut sources: Vec<&SourceId> = c.sources().iter().collect();
        if let Some(q) = c.quote() {
            sources.push(&q.source);
        }
        html! {
            @if let Some(n) = c.number() { p { (m.get("site.number")) " " (tx(n)) } }
            blockquote lang="en" {
                p { (tx(c.text())) }
            }
            @if let Some(q) = c.quote() {
                // The data records the quote's language and source, not whether these are the
                // document's own words or a translation the source published (the Xi'an
                // quotes are Ukrinform's Ukrainian), so the heading names the language only.
                h2 { (m.format("site.quote-in", &[("lang", &self.lang_name(q.lang.as_str()))])) }
                blockquote lang=(q.lang.as_str()) {
                    p { (tx(q.text())) }
                }
                p { (m.get("site.quote-source")) (self.cites(d, [&q.source])) }
            }
            dl {
                dt { (m.get("site.document")) }
                dd {
                    @match doc {
                        Some(doc) => {
                            a href=(self.href(d, Kind::Document, doc.id.as_str())) { (tx(self.document_title(doc))) }
                            @if let Some(x) = ds.mechanism(doc.mechanism.as_str()) { " (" (self.mechanism_link(d, x)) ")" }
                        }
                        None => (tx(c.document.as_str())),
                    }
                }
                dt { (m.get("report.col.bound")) }
                dd { (self.parties(d, c.obligor_parties())) }
                dt { (m.get("site.kind")) }
                dd { (m.word("kind", c.kind.as_str())) }
                dt { (m.get("report.col.strength")) }
                dd { (m.word("strength", c.strength.as_str())) }
                @if let Some(t) = c.target() {
                    dt { (m.get("site.target")) }
                    dd { (tx(&t.to_string())) }
                }
                dt { (m.get("report.col.deadline")) }
                dd {
                    @match c.deadline {
                        Some(dl) => {
                            (self.date_text(&dl))
                            @if let Some(st) = state { " — " (crate::report::describe_deadline(st, m)) }
                        }
                        None => (m.get("deadline.no-deadline")),
                    }
                }
                dt { (m.get("site.areas")) }
                dd {
                    @for (i, a) in c.areas().iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(self.href(d, Kind::Area, a.as_str())) { (tx(ds.area(a.as_str()).and_then(|x| x.label.get(self.lang)).unwrap_or(a.as_str()))) }
                    }
                }
                @if !c.reiterates().is_empty() {
                    dt { (m.get("site.reiterates")) }
                    dd { (self.commitment_refs(d, c.reiterates())) }
                }
                @if !c.supersedes().is_empty() {
                    dt { (m.get("site.supersedes")) }
                    dd { (self.commitment_refs(d, c.supersedes())) }
                }
                @if let Some(n) = c.note() {
                    dt { (m.get("report.note")) }
                    dd { (tx(n)) }
                }
                dt { (m.get("report.col.sources")) }
                dd { (self.cites(d, sources)) }
            }
            h2 { (m.get("site.assessments")) }
            @for p in c.obligor_parties() {
                @let history: Vec<&crate::Assessment> = ds.assessments_of(c.id.as_str(), p.as_str()).map(|it| it.collect()).unwrap_or_default();
                h3 { (self.party_link(d, p.as_str())) }
                @if history.is_empty() {
                    p { (m.get("report.not-assessed")) }
                } @else {
                    div.scroll tabindex="0" { table {
                        (table_head(&[m.get("site.assessed-as-of"), m.get("report.col.status"), m.get("site.rater"), m.get("site.recorded"), m.get("report.col.evidence"), m.get("report.note")]))
                        tbody {
                            @for a in &history {
                                tr {
                                    th scope="row" { (nowrap_dates(&a.as_of.to_string())) }
                                    td { (self.mark_words(a)) }
                                    td { (tx(a.rater())) }
                                    td { (nowrap_dates(&a.recorded.to_string())) }
                                    td { (self.cites(d, a.evidence())) }
                                    td { (tx(a.note().unwrap_or(""))) }
                                }
                            }
                        }
                    } }
                }
            }
        }
    }

    fn commitment_refs(&self, depth: usize, ids: &[crate::CommitmentId]) -> Markup {
        html! {
            @for (i, id) in ids.iter().enumerate() {
                @if i > 0 { ", " }
                @match self.ds.commitment(id.as_str()) {
                    Some(c) => (self.commitment_link(depth, c)),
                    None => (tx(id.as_str())),
                }
            }
        }
    }

    fn party(&self, p: &crate::Party) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let d = 2;
        let mechanisms: Vec<&Mechanism> = ds
            .mechanisms()
            .iter()
            .filter(|x| x.members.iter().any(|mm| mm.party == p.id))
            .collect();
        let hosted: Vec<&crate::Summit> = ds
            .summits()
            .iter()
            .filter(|s| s.host.as_ref() == Some(&p.id))
            .collect();
        let rows: Vec<crate::PartyCommitment<'_>> = ds
            .party_commitments(p.id.as_str(), self.o.as_of)
            .map(|it| it.collect())
            .unwrap_or_default();
        let row = self.by_party.get(p.id.as_str());
        html! {
            p { (tx(p.kind.as_str())) (self.cites(d, &p.sources)) }
            h2 { (m.get("report.mechanisms")) }
            @if mechanisms.is_empty() { p { (m.get("site.none")) } } @else {
                ul { @for x in &mechanisms { li { (self.mechanism_link(d, x)) } } }
            }
            h2 { (m.get("site.hosted")) }
            @if hosted.is_empty() { p { (m.get("site.none")) } } @else {
                ul { @for s in &hosted { li { a href=(self.href(d, Kind::Summit, s.id.as_str())) { (tx(&self.summit_name(s))) } " (" (self.date_text(&s.date)) ")" } } }
            }
            h2 { (m.get("report.scorecards")) }
            @match row {
                Some(r) => {
                    @let (mean, pct) = mean_cell(r);
                    dl {
                        dt { (m.get("report.col.mean")) } dd { (mean) }
                        dt { (m.get("report.col.compliance")) } dd { (pct) }
                        dt { (m.get("report.col.assessed")) } dd { (r.assessed) }
                        dt { (m.get("report.col.not-assessed")) } dd { (r.unassessed) }
                        dt { (m.get("report.col.not-applicable")) } dd { (r.not_applicable) }
                        dt { (m.get("report.col.statuses")) } dd { (crate::report::status_counts_words(r, m, None)) }
                    }
                }
                None => p { (m.get("report.not-assessed")) },
            }
            h2 { (m.get("site.commitments")) }
            @if rows.len() > LIST_ROWS { (self.more_link(d, LIST_ROWS, rows.len(), "party", p.id.as_str())) }
            @if rows.is_empty() { p { (m.get("report.no-commitment")) } } @else {
                div.scroll tabindex="0" { table {
                    (table_head(&[m.get("report.col.commitment"), m.get("report.col.mechanism"), m.get("report.col.status"), m.get("report.col.deadline")]))
                    tbody {
                        @for r in rows.iter().take(LIST_ROWS) {
                            tr {
                                th scope="row" { (self.commitment_link(d, r.commitment)) }
                                td { @if let Some(x) = r.mechanism.and_then(|x| ds.mechanism(x.as_str())) { (self.mechanism_link(d, x)) } }
                                td {
                                    @match r.assessment { Some(a) => (self.mark_words(a)), None => (m.get("report.not-assessed")) }
                                }
                                td {
                                    @if let Some(dl) = r.commitment.deadline { (nowrap_dates(&self.date_text(&dl))) " — " }
                                    (crate::report::describe_deadline(r.deadline, m))
                                }
                            }
                        }
                    }
                } }
            }
        }
    }

    fn area(&self, a: &crate::Area) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let d = 2;
        let label = |x: &crate::Area| -> String {
            tx(x.label.get(self.lang).unwrap_or(x.id.as_str())).into_owned()
        };
        let mut path: Vec<&crate::Area> = Vec::new();
        let mut p = a.parent.as_ref().and_then(|p| ds.area(p.as_str()));
        while let Some(x) = p {
            if path.iter().any(|y| y.id == x.id) || path.len() > 64 {
                break;
            }
            path.push(x);
            p = x.parent.as_ref().and_then(|p| ds.area(p.as_str()));
        }
        path.reverse();
        let children: Vec<&crate::Area> = ds
            .areas()
            .iter()
            .filter(|x| x.parent.as_ref() == Some(&a.id))
            .collect();
        let cs: Vec<&Commitment> = ds
            .commitments_where(&CommitmentQuery::new().area(a.id.as_str()))
            .map(|it| it.collect())
            .unwrap_or_default();
        html! {
            @if !path.is_empty() {
                nav aria-label=(m.get("site.area-path")) {
                    ol.path {
                        @for x in &path { li { a href=(self.href(d, Kind::Area, x.id.as_str())) { (label(x)) } } }
                        li aria-current="page" { (label(a)) }
                    }
                }
            }
            @if !children.is_empty() {
                h2 { (m.get("site.sub-areas")) }
                ul { @for x in &children { li { a href=(self.href(d, Kind::Area, x.id.as_str())) { (label(x)) } } } }
            }
            h2 { (m.get("site.commitments")) " (" (cs.len()) ")" }
            (self.commitment_table(d, &cs, Some(("area", a.id.as_str()))))
        }
    }

    fn scorecards(&self) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        let d = 1;
        let card = |by: By| {
            ds.scorecard(&ScorecardQuery::new().by(by).as_of(self.as_of))
                .ok()
        };
        let has_matrix = |id: &str| {
            ds.compliance_matrix(&ScorecardQuery::new().mechanism(id).as_of(self.as_of))
                .is_ok_and(|mx| !mx.rows.is_empty() && !mx.parties.is_empty())
        };
        html! {
            p { (m.get("report.scorecards-note")) }
            @for by in [By::Party, By::Area, By::Mechanism] {
                h2 { (m.format("site.scorecard-by", &[("by", m.word("scorecard", by.as_str()))])) }
                @if let Some(c) = card(by) { (self.score_table(d, by, &c)) }
            }
            h2 { (m.get("site.matrix")) }
            p { (m.get("site.matrix-note")) }
            ul {
                // Only the mechanisms whose page has a matrix (`id="matrix"`) to link to.
                @for x in ds.mechanisms().iter().filter(|x| has_matrix(x.id.as_str())) {
                    li { a href=(format!("{}#matrix", self.href(d, Kind::Mechanism, x.id.as_str()))) { (tx(mechanism_name(x, self.lang))) } }
                }
            }
        }
    }

    fn sources(&self) -> Markup {
        let m = &self.m;
        html! {
            ol.sources {
                @for (i, s) in self.ds.sources().iter().enumerate() {
                    li id=(format!("source-{}", i + 1)) {
                        (tx(&s.publisher)) ": “" (tx(&s.title)) "”"
                        @if let Some(d) = s.date { ", " (self.date_text(&d)) }
                        " (" (tx(s.lang.as_str())) ")"
                        @if let Some(u) = &s.url {
                            ". "
                            @if crate::neutral::web_url(u) {
                                a href=(u) rel="external noopener" { (tx(u)) }
                            } @else {
                                (tx(u))
                            }
                        }
                        @if let Some(n) = &s.note { ". " (m.get("report.note")) ": " (tx(n)) }
                    }
                }
            }
        }
    }

    fn search(&self) -> Markup {
        let ds = self.ds;
        let m = &self.m;
        html! {
            noscript { p.note { (m.get("site.noscript")) } }
            form id="search" role="search" action="./" method="get" {
                p {
                    label for="q" { (m.get("site.search-words")) }
                    " "
                    input type="search" id="q" name="q" autocomplete="off";
                }
                div.filters {
                    p {
                        label for="f-party" { (m.get("report.col.party")) }
                        " "
                        select id="f-party" name="party" {
                            option value="" { (m.get("site.any")) }
                            @for p in ds.parties() { option value=(p.id.as_str()) { (tx(ds.party_label(p.id.as_str(), self.lang))) } }
                        }
                    }
                    p {
                        label for="f-area" { (m.get("site.areas")) }
                        " "
                        select id="f-area" name="area" {
                            option value="" { (m.get("site.any")) }
                            @for a in self.area_order() { option value=(a.0.id.as_str()) { (a.1) (tx(a.0.label.get(self.lang).unwrap_or(a.0.id.as_str()))) } }
                        }
                    }
                    p {
                        label for="f-status" { (m.get("report.col.status")) }
                        " "
                        select id="f-status" name="status" {
                            option value="" { (m.get("site.any")) }
                            @for s in crate::Completion::ALL { option value=(s.as_str()) { (m.word("completion", s.as_str())) } }
                        }
                    }
                    p {
                        label for="f-deadline" { (m.get("report.col.deadline")) }
                        " "
                        select id="f-deadline" name="deadline" {
                            option value="" { (m.get("site.any")) }
                            @for k in DeadlineStateKind::ALL { option value=(k.as_str()) { (m.word("deadline", k.as_str())) } }
                        }
                    }
                }
            }
            p id="count" role="status" aria-live="polite" { }
            ul id="results" { }
            script src="../assets/search.js" { }
        }
    }

    /// Areas in tree order (each parent before its children), with an indent of
    /// non-breaking spaces for the depth.
    pub(super) fn area_order(&self) -> Vec<(&'a crate::Area, String)> {
        let areas = self.ds.areas();
        let mut out = Vec::with_capacity(areas.len());
        let mut stack: Vec<(&crate::Area, usize)> = areas
            .iter()
            .filter(|a| {
                a.parent.is_none()
                    || a.parent
                        .as_ref()
                        .and_then(|p| self.ds.area(p.as_str()))
                        .is_none()
            })
            .rev()
            .map(|a| (a, 0))
            .collect();
        while let Some((a, depth)) = stack.pop() {
            if out.len() > areas.len() {
                break;
            }
            out.push((a, "\u{a0}\u{a0}".repeat(depth)));
            let children: Vec<&crate::Area> = areas
                .iter()
                .filter(|x| x.parent.as_ref() == Some(&a.id))
                .collect();
            stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
        }
        out
    }
}
/// The most addresses in one sitemap file (sitemaps.org: 50,000).
const SITEMAP_URLS: usize = 50_000;

/// The sitemap files: `sitemap.xml` alone, or when there are more than [`SITEMAP_URLS`]
/// pages, `sitemap.xml` as a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, ...
pub(super) fn sitemaps(urls: &[String], base: Option<&str>) -> Vec<(String, String)> {
    if urls.len() <= SITEMAP_URLS {
        return vec![("sitemap.xml".to_owned(), sitemap(urls, base))];
    }
    let parts: Vec<&[String]> = urls.chunks(SITEMAP_URLS).collect();
    let index = html! {
        sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" {
            @for i in 1..=parts.len() {
                sitemap { loc { @if let Some(b) = base { (b) } "sitemap-" (i) ".xml" } }
            }
        }
    };
    let mut out = vec![(
        "sitemap.xml".to_owned(),
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
            index.into_string()
        ),
    )];
    for (i, p) in parts.iter().enumerate() {
        out.push((format!("sitemap-{}.xml", i + 1), sitemap(p, base)));
    }
    out
}

/// One sitemap (sitemaps.org 0.9): one `<url>` per page, absolute when `base` is given.
fn sitemap(urls: &[String], base: Option<&str>) -> String {
    let markup = html! {
        urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" {
            @for u in urls {
                url { loc { @match base { Some(b) => { (b) @if u != "./" { (u) } }, None => (u) } } }
            }
        }
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
        markup.into_string()
    )
}

/// Calls `f` on the items of `items` in `range` (none when the range is out of bounds), in
/// order, stopping at the first error: one job's share of the pages of one kind.
fn each<T>(
    items: &[T],
    range: &std::ops::Range<usize>,
    f: impl FnMut(&T) -> Result<(), Error>,
) -> Result<(), Error> {
    items
        .get(range.clone())
        .unwrap_or_default()
        .iter()
        .try_for_each(f)
}

#[cfg(test)]
mod tests {
    use super::{Completion, Score, Site, emphasised, mark_slot, nowrap_dates, table_head};

    #[test]
    fn every_mark_and_completion_has_its_own_words() {
        let m = crate::render::Messages::new("en");
        let table = Site::mark_table(&m);
        assert_eq!(table.len(), 30);
        // Every (mark, completion) has its own slot, and every slot is filled.
        let mut seen = std::collections::BTreeSet::new();
        for na in [false, true] {
            for score in [
                None,
                Some(Score::NONE),
                Some(Score::PARTIAL),
                Some(Score::FULL),
            ] {
                for st in std::iter::once(None).chain(Completion::ALL.map(Some)) {
                    let slot = mark_slot(na, score, st);
                    assert!(slot < table.len());
                    if !na || score.is_none() {
                        assert!(seen.insert(slot), "slot {slot} given twice");
                    }
                }
            }
        }
        assert_eq!(seen.len(), 30);
        let at = |na, score, st| table[mark_slot(na, score, st)].as_str();
        assert_eq!(at(false, None, None), "no status");
        assert_eq!(at(false, Some(Score::FULL), None), "score +1");
        assert_eq!(
            at(false, Some(Score::NONE), Some(Completion::Limited)),
            "score -1, completion limited"
        );
        assert_eq!(
            at(false, Some(Score::PARTIAL), Some(Completion::Complete)),
            "score 0, completion complete"
        );
        assert_eq!(
            at(true, None, Some(Completion::NotStarted)),
            "not applicable, completion not started"
        );
        // Not applicable wins over a score, as the words say.
        assert_eq!(at(true, Some(Score::FULL), None), "not applicable");
    }

    #[test]
    fn a_table_head_is_one_column_heading_per_text() {
        assert_eq!(
            table_head(&["#", "Date", "<b> & co"]).into_string(),
            "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Date</th><th scope=\"col\">&lt;b&gt; &amp; co</th></tr></thead>"
        );
    }

    #[test]
    fn dates_with_a_hyphen_are_kept_on_one_line_and_the_rest_stays_text() {
        let n = |t: &str| nowrap_dates(t).into_string();
        assert_eq!(
            n("2023-05-18/2023-05-19, Kazakhstan"),
            "<span class=\"nowrap\">2023-05-18</span>/<span class=\"nowrap\">2023-05-19</span>, Kazakhstan"
        );
        assert_eq!(
            n("2025-06 (month only)"),
            "<span class=\"nowrap\">2025-06</span> (month only)"
        );
        assert_eq!(
            n("held 2025-06-17."),
            "held <span class=\"nowrap\">2025-06-17</span>."
        );
        assert_eq!(n("до 2025-06"), "до <span class=\"nowrap\">2025-06</span>");
        // Not dates: a year alone, a range of years, part of an id or a longer number.
        assert_eq!(n("2027 (year only)"), "2027 (year only)");
        assert_eq!(n("Roadmap 2022-2024"), "Roadmap 2022-2024");
        assert_eq!(n("cca-2025-06x"), "cca-2025-06x");
        assert_eq!(n("x2025-06"), "x2025-06");
        assert_eq!(n("12025-06"), "12025-06");
        assert_eq!(n("2025-6"), "2025-6");
        assert_eq!(n(""), "");
        // Markup in the text stays text, in a date's span or not.
        assert_eq!(
            n("<i>2025-06-17</i>&"),
            "&lt;i&gt;<span class=\"nowrap\">2025-06-17</span>&lt;/i&gt;&amp;"
        );
    }

    #[test]
    fn catalogue_emphasis_becomes_em_and_the_rest_stays_text() {
        assert_eq!(
            emphasised("*decided*: settled; *projected*: <rule> & more").into_string(),
            "<em>decided</em>: settled; <em>projected</em>: &lt;rule&gt; &amp; more"
        );
        assert_eq!(emphasised("plain").into_string(), "plain");
    }
}
