//! Reading each kind of record from one file's spanned tree.

use super::diag::Loc;
use super::read::{self, Cx, Fields, KeyPath, Value};
use super::tree::{Node, Table};
use crate::hash::HashMap;
use crate::model::*;
use std::fmt::{self, Display};
use std::rc::Rc;
use std::sync::Arc;

/// The kinds of records that have ids and can be referenced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    Party,
    Source,
    Area,
    Mechanism,
    Summit,
    Document,
    Commitment,
}

impl Kind {
    /// How many kinds there are (checked at compile time against the last kind).
    pub(crate) const COUNT: usize = 7;

    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Party => "party",
            Kind::Source => "source",
            Kind::Area => "area",
            Kind::Mechanism => "mechanism",
            Kind::Summit => "summit",
            Kind::Document => "document",
            Kind::Commitment => "commitment",
        }
    }
}

const _: () = assert!(Kind::Commitment as usize + 1 == Kind::COUNT);

/// The key path of a reference while its record is read, `base.key` or `base.key[index]`,
/// kept in parts and written out only when a problem is reported. `base` (the table's path)
/// is shared by every reference the table makes.
#[derive(Clone, Debug)]
pub(crate) struct RefPath {
    pub base: Rc<str>,
    pub key: &'static str,
    pub index: Option<u32>,
}

impl Display for RefPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.base, self.key)?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        Ok(())
    }
}

impl RefPath {
    fn key_path(&self) -> KeyPath<'_> {
        KeyPath {
            base: &self.base,
            key: Some(self.key),
            index: self.index.map(|i| i as usize),
        }
    }
}

/// A reference being read, before its record is finished.
#[derive(Clone, Debug)]
struct NewRef {
    kind: Kind,
    sym: u32,
    loc: Loc,
    path: RefPath,
}

/// Every key that holds references, so that a [`Ref`] names its key in one byte.
const REF_KEYS: &[&str] = &[
    "sources",
    "parent",
    "members",
    "party",
    "document",
    "summit",
    "mechanism",
    "signatories",
    "areas",
    "obligors",
    "reiterates",
    "supersedes",
    "commitment",
    "evidence",
    "source",
    "host",
    "fixed",
    "ordered",
    "among",
    "except",
    "start",
];

/// The position of `key` in [`REF_KEYS`] (a `match`, not a search).
fn key_code(key: &str) -> u8 {
    match key {
        "sources" => 0,
        "parent" => 1,
        "members" => 2,
        "party" => 3,
        "document" => 4,
        "summit" => 5,
        "mechanism" => 6,
        "signatories" => 7,
        "areas" => 8,
        "obligors" => 9,
        "reiterates" => 10,
        "supersedes" => 11,
        "commitment" => 12,
        "evidence" => 13,
        "source" => 14,
        "host" => 15,
        "fixed" => 16,
        "ordered" => 17,
        "among" => 18,
        "except" => 19,
        "start" => 20,
        _ => u8::MAX,
    }
}

/// No index: the reference is a key's whole value.
const NO_INDEX: u32 = u32::MAX;

/// A reference to another record, checked once every file is read: 28 bytes. Its id is a
/// symbol (see [`RawSet::syms`]); its key path is written out only when a problem is
/// reported, from its record (see [`Raw::path`]) or from a table path kept in
/// [`RawSet::bases`].
#[derive(Clone, Debug)]
pub(crate) struct Ref {
    pub sym: u32,
    pub loc: Loc,
    /// 0: the path of the record that makes the reference; `n`: `RawSet::bases[n - 1]`.
    base: u32,
    index: u32,
    key: u8,
    pub kind: Kind,
}

const _: () = assert!(std::mem::size_of::<Ref>() == 28);

impl Ref {
    /// The id named, out of the symbols' strings.
    pub(crate) fn id<'s>(&self, syms: &'s [Arc<str>]) -> &'s str {
        syms.get(self.sym as usize).map_or("", |s| s)
    }

    /// Writes the reference's key path, its record's path being `record`.
    pub(crate) fn path(&self, record: &str, bases: &[Rc<str>]) -> String {
        let base: &str = match self.base {
            0 => record,
            n => bases.get(n as usize - 1).map_or("", |b| b),
        };
        let key = REF_KEYS.get(self.key as usize).copied().unwrap_or("");
        if self.index == NO_INDEX {
            format!("{base}.{key}")
        } else {
            format!("{base}.{key}[{}]", self.index)
        }
    }
}

/// How the path of a record read whole is written again from the record.
pub(crate) trait RecordPath {
    /// The path, `kind.id`, or `kind[slot]` for records without an id (`slot` being the
    /// record's place in its file's array).
    fn record_path(&self, slot: u32) -> String;
}

macro_rules! record_path {
    ($($ty:ty => $name:literal),*) => {$(
        impl RecordPath for $ty {
            fn record_path(&self, _slot: u32) -> String {
                format!(concat!($name, ".{}"), self.id)
            }
        }
    )*};
}

record_path!(Party => "party", Source => "source", Area => "area", Mechanism => "mechanism",
    Summit => "summit", Document => "document", Commitment => "commitment");

impl RecordPath for Assessment {
    fn record_path(&self, slot: u32) -> String {
        format!("assessment[{slot}]")
    }
}

/// A decision written in its own `[[decision]]` table, naming its mechanism.
#[derive(Clone, Debug)]
pub(crate) struct LooseDecision {
    pub mechanism: MechanismId,
    pub decision: Decision,
}

/// An exception written in its own `[[exception]]` table, naming its mechanism.
#[derive(Clone, Debug)]
pub(crate) struct LooseException {
    pub mechanism: MechanismId,
    pub exception: Exception,
}

impl RecordPath for LooseDecision {
    fn record_path(&self, slot: u32) -> String {
        format!("decision[{slot}]")
    }
}

impl RecordPath for LooseException {
    fn record_path(&self, slot: u32) -> String {
        format!("exception[{slot}]")
    }
}

/// Where a schedule's own decisions and exceptions are, in data order.
#[derive(Clone, Debug, Default)]
pub(crate) struct ScheduleLocs {
    pub mechanism: String,
    pub decisions: Vec<(String, Loc)>,
    pub exceptions: Vec<(String, Loc)>,
}

/// A record read from a file, with its place and the references it makes (a range of
/// [`RawSet::refs`]).
#[derive(Clone, Debug)]
pub(crate) struct Raw<T> {
    pub v: T,
    pub at: Loc,
    slot: u32,
    refs_start: u32,
    refs_len: u32,
}

impl<T: RecordPath> Raw<T> {
    /// The record's path (`commitment.c-1`), written out when a problem is reported.
    pub(crate) fn path(&self) -> String {
        self.v.record_path(self.slot)
    }

    /// The references the record makes, out of every record's.
    pub(crate) fn refs<'r>(&self, all: &'r [Ref]) -> &'r [Ref] {
        let start = self.refs_start as usize;
        all.get(start..start + self.refs_len as usize)
            .unwrap_or(&[])
    }

    /// The place of the reference at `path` (a full key path), or of the record.
    pub(crate) fn loc_of(&self, all: &[Ref], bases: &[Rc<str>], path: &str) -> Loc {
        let record = self.path();
        self.refs(all)
            .iter()
            .find(|r| r.path(&record, bases) == path)
            .map_or(self.at, |r| r.loc)
    }
}

/// An id declared by a record, good or broken, for duplicate and reference checks.
#[derive(Clone, Debug)]
pub(crate) struct Decl {
    pub kind: Kind,
    /// The id's symbol (see [`RawSet::syms`]).
    pub sym: u32,
    pub loc: Loc,
}

/// Everything read from all files so far.
#[derive(Default, Debug)]
pub(crate) struct RawSet {
    pub decls: Vec<Decl>,
    pub parties: Vec<Raw<Party>>,
    pub sources: Vec<Raw<Source>>,
    pub areas: Vec<Raw<Area>>,
    pub mechanisms: Vec<Raw<Mechanism>>,
    pub summits: Vec<Raw<Summit>>,
    pub documents: Vec<Raw<Document>>,
    pub commitments: Vec<Raw<Commitment>>,
    pub assessments: Vec<Raw<Assessment>>,
    /// Decisions written outside their mechanism (`[[decision]]`).
    pub decisions: Vec<Raw<LooseDecision>>,
    /// Exceptions written outside their mechanism (`[[exception]]`).
    pub exceptions: Vec<Raw<LooseException>>,
    /// The places of each schedule's own decisions and exceptions, by mechanism id, for
    /// checks across records.
    pub schedule_locs: Vec<ScheduleLocs>,
    /// Documents whose mechanism comes from their summit, resolved later.
    pub doc_mechanism_from_summit: Vec<bool>,
    /// The references made by records read whole, record after record.
    pub refs: Vec<Ref>,
    /// References made by records that could not be read whole (their paths in `bases`).
    pub orphan_refs: Vec<Ref>,
    /// The table paths references are made under, when not their record's own path.
    pub bases: Vec<Rc<str>>,
    /// The strings of the ids, by symbol, once every file is read.
    pub syms: Vec<Arc<str>>,
    /// The references of the record being read, reused from record to record.
    ref_buf: Vec<NewRef>,
    /// Where record paths are written before they are shared (one allocation a path).
    path_buf: String,
    /// The place of the record being read in its file's array.
    slot: u32,
    /// Equal lists of ids, made once.
    lists: SharedLists,
}

pub(crate) const TOP_KEYS: &[&str] = &[
    "party",
    "source",
    "area",
    "mechanism",
    "summit",
    "document",
    "commitment",
    "assessment",
    "decision",
    "exception",
];

/// The references a record makes while it is read.
struct Refs {
    list: Vec<NewRef>,
}

impl Refs {
    /// Reads a reference (a string id) at `key`, required or not.
    fn id(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        key: &'static str,
        kind: Kind,
        required: bool,
    ) -> Option<Arc<str>> {
        let v = if required {
            f.req(cx, key)?
        } else {
            f.get(key)?
        };
        let path = RefPath {
            base: f.path.clone(),
            key,
            index: None,
        };
        self.value(cx, v, path, kind)
    }

    fn value(
        &mut self,
        cx: &mut Cx<'_>,
        v: &Value<'_>,
        path: RefPath,
        kind: Kind,
    ) -> Option<Arc<str>> {
        let (s, loc) = read::str_ref(cx, v, &path.key_path())?;
        self.checked(cx, s, loc, path, kind)
    }

    fn checked(
        &mut self,
        cx: &mut Cx<'_>,
        s: &str,
        loc: Loc,
        path: RefPath,
        kind: Kind,
    ) -> Option<Arc<str>> {
        // Party ids are folded to lowercase; a copy is made only when there is a capital.
        let s: std::borrow::Cow<'_, str> =
            if kind == Kind::Party && s.bytes().any(|b| b.is_ascii_uppercase()) {
                s.to_ascii_lowercase().into()
            } else {
                s.into()
            };
        if let Err(e) = check_id_syntax(&s) {
            read::bad_id(cx, &s, loc, &path, &e);
            return None;
        }
        let (sym, s) = intern_sym(&s);
        self.list.push(NewRef {
            kind,
            sym,
            loc,
            path,
        });
        Some(s)
    }

    /// Reads an array of references.
    fn ids(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        key: &'static str,
        kind: Kind,
        required: bool,
    ) -> Option<Vec<Arc<str>>> {
        let items = if required {
            f.req_strs(cx, key)?
        } else {
            match f.opt_strs(cx, key) {
                Some(v) => v,
                None if f.has(key) => return None,
                None => return Some(Vec::new()),
            }
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, (s, loc)) in items.into_iter().enumerate() {
            let path = RefPath {
                base: f.path.clone(),
                key,
                index: Some(u32::try_from(i).unwrap_or(u32::MAX)),
            };
            match self.checked(cx, s, loc, path, kind) {
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// `sources = [...]`, required to be non-empty when `required`.
    fn sources(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        required: bool,
    ) -> Option<Vec<SourceId>> {
        self.source_strs(cx, f, required).map(to_ids)
    }

    /// `sources = [...]` as [`Refs::sources`], the ids as strings.
    fn source_strs(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        required: bool,
    ) -> Option<Vec<Arc<str>>> {
        let had = f.has("sources");
        let ids = self.ids(cx, f, "sources", Kind::Source, false)?;
        if required && ids.is_empty() {
            let loc = cx.loc(f.span.clone());
            let what = if had {
                "an empty `sources`"
            } else {
                "no `sources`"
            };
            cx.sink
                .error(loc, format!("`{}` cites no source: it has {what}", f.path))
                .help("every fact cites a source: add `sources = [\"source-id\"]`");
            return None;
        }
        Some(ids)
    }
}

/// Lists of ids made once for every equal list read (`areas = ["economy"]` is one list
/// however many commitments have it), until every file is read.
#[derive(Default, Debug)]
struct SharedLists {
    areas: HashMap<Box<[Arc<str>]>, Arc<[AreaId]>>,
    sources: HashMap<Box<[Arc<str>]>, Arc<[SourceId]>>,
}

/// The shared list of the ids `ids` (strings already checked by [`Refs`]).
fn shared_list<T: SharedId>(
    table: &mut HashMap<Box<[Arc<str>]>, Arc<[T]>>,
    ids: Vec<Arc<str>>,
) -> Arc<[T]> {
    if let Some(list) = table.get(ids.as_slice()) {
        return Arc::clone(list);
    }
    let list: Arc<[T]> = ids.iter().cloned().map(T::from_shared).collect();
    table.insert(ids.into_boxed_slice(), Arc::clone(&list));
    list
}

/// Ids from strings already checked by [`Refs`]: they share their strings.
fn to_ids<T: SharedId>(v: Vec<Arc<str>>) -> Vec<T> {
    v.into_iter().map(T::from_shared).collect()
}

/// Where an id's string comes from: a reference already checked and shared by [`Refs`]
/// (used as is), or any other string (checked, then shared).
trait IdSource {
    fn to_id<T: SharedId>(&self) -> Option<T>;
}

impl IdSource for str {
    fn to_id<T: SharedId>(&self) -> Option<T> {
        interned(self)
    }
}

impl IdSource for String {
    fn to_id<T: SharedId>(&self) -> Option<T> {
        interned(self)
    }
}

impl IdSource for Arc<str> {
    fn to_id<T: SharedId>(&self) -> Option<T> {
        Some(T::from_shared(Arc::clone(self)))
    }
}

/// An id from a string, sharing the load's copy of the string.
fn to_id<S: IdSource + ?Sized, T: SharedId>(s: &S) -> Option<T> {
    s.to_id()
}

impl RawSet {
    /// A record's path, written in a reused buffer, then shared.
    fn path_of(&mut self, args: fmt::Arguments<'_>) -> Rc<str> {
        self.path_buf.clear();
        // Writing into a `String` cannot fail.
        let _ = fmt::Write::write_fmt(&mut self.path_buf, args);
        Rc::from(self.path_buf.as_str())
    }

    /// Gives back the growth slack of every list once every file is read.
    pub(crate) fn shrink(&mut self) {
        self.decls.shrink_to_fit();
        self.parties.shrink_to_fit();
        self.sources.shrink_to_fit();
        self.areas.shrink_to_fit();
        self.mechanisms.shrink_to_fit();
        self.summits.shrink_to_fit();
        self.documents.shrink_to_fit();
        self.commitments.shrink_to_fit();
        self.assessments.shrink_to_fit();
        self.decisions.shrink_to_fit();
        self.exceptions.shrink_to_fit();
        self.doc_mechanism_from_summit.shrink_to_fit();
        self.refs.shrink_to_fit();
        self.orphan_refs.shrink_to_fit();
        self.bases.shrink_to_fit();
        self.ref_buf = Vec::new();
        self.syms = take_symbols();
        self.lists = SharedLists::default();
        self.path_buf = String::new();
    }

    /// Reads one file's top-level tables.
    pub(crate) fn read_file(&mut self, cx: &mut Cx<'_>, root: &Table<'_>) {
        for (key, value) in root.iter() {
            let name: &str = key.get_ref();
            let loc = cx.loc(key.span());
            if !TOP_KEYS.contains(&name) {
                let help = match crate::error::did_you_mean(name, TOP_KEYS.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!(
                        "a data file holds arrays of tables: {}",
                        TOP_KEYS
                            .iter()
                            .map(|k| format!("`[[{k}]]`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                cx.sink
                    .error(loc, format!("unknown table `{name}`"))
                    .help(help);
                continue;
            }
            let Node::Array(items) = value.get_ref() else {
                cx.sink
                    .error(
                        loc,
                        format!(
                            "expected an array of tables for `{name}`, found {}",
                            read::type_name(value.get_ref())
                        ),
                    )
                    .help(format!(
                        "write each record under its own `[[{name}]]` header"
                    ));
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let path = self.path_of(format_args!("{name}[{i}]"));
                self.slot = u32::try_from(i).unwrap_or(u32::MAX);
                let Node::Table(t) = item.get_ref() else {
                    cx.wrong_type(item, "a table", &path);
                    continue;
                };
                match name {
                    "party" => self.party(cx, t, item.span(), path),
                    "source" => self.source(cx, t, item.span(), path),
                    "area" => self.area(cx, t, item.span(), path),
                    "mechanism" => self.mechanism(cx, t, item.span(), path),
                    "summit" => self.summit(cx, t, item.span(), path),
                    "document" => self.document(cx, t, item.span(), path),
                    "commitment" => self.commitment(cx, t, item.span(), path),
                    "decision" | "exception" => self.loose(cx, t, item.span(), path, name),
                    _ => self.assessment(cx, t, item.span(), path),
                }
            }
        }
    }

    /// Reads the `id` key, declares it, and names the record's path after it.
    fn declare(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        kind: Kind,
    ) -> Option<(String, Loc)> {
        let (s, loc) = f.req_string(cx, "id")?;
        let s = if kind == Kind::Party {
            s.to_ascii_lowercase()
        } else {
            s
        };
        if let Err(e) = check_id_syntax(&s) {
            read::bad_id(cx, &s, loc, &f.key_path("id"), &e);
            return None;
        }
        f.path = self.path_of(format_args!("{}.{s}", kind.name()));
        self.decls.push(Decl {
            kind,
            sym: intern_sym(&s).0,
            loc,
        });
        Some((s, loc))
    }

    /// The references of a new record, in the reused buffer.
    fn new_refs(&mut self) -> Refs {
        Refs {
            list: std::mem::take(&mut self.ref_buf),
        }
    }

    /// The number of `base` in `bases`, added unless it is the last one added.
    fn base_of(&mut self, base: &Rc<str>) -> u32 {
        if !self.bases.last().is_some_and(|b| Rc::ptr_eq(b, base)) {
            self.bases.push(Rc::clone(base));
        }
        u32::try_from(self.bases.len()).unwrap_or(u32::MAX)
    }

    fn finish<T>(
        &mut self,
        cx: &mut Cx<'_>,
        f: Fields<'_, '_>,
        mut refs: Refs,
        v: Option<T>,
    ) -> Option<Raw<T>> {
        let at = cx.loc(f.span.clone());
        let whole = v.is_some();
        let refs_start = u32::try_from(self.refs.len()).unwrap_or(u32::MAX);
        for r in refs.list.drain(..) {
            // A reference under the record's own path finds it again from the record.
            let base = if whole && Rc::ptr_eq(&r.path.base, &f.path) {
                0
            } else {
                self.base_of(&r.path.base)
            };
            let r = Ref {
                sym: r.sym,
                loc: r.loc,
                base,
                index: r.path.index.unwrap_or(NO_INDEX),
                key: key_code(r.path.key),
                kind: r.kind,
            };
            if whole {
                self.refs.push(r);
            } else {
                self.orphan_refs.push(r);
            }
        }
        self.ref_buf = refs.list;
        let refs_end = u32::try_from(self.refs.len()).unwrap_or(u32::MAX);
        f.finish(cx);
        v.map(|v| Raw {
            v,
            at,
            slot: self.slot,
            refs_start,
            refs_len: refs_end.saturating_sub(refs_start),
        })
    }

    fn party(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(t, span, path, &["id", "kind", "name", "sources"]);
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Party);
        let kind = f.req_word(
            cx,
            "kind",
            "party kind",
            &[
                ("state", PartyKind::State),
                ("organisation", PartyKind::Organisation),
            ],
        );
        let name = f.req_labels(cx, "name");
        let sources = r.sources(cx, &mut f, false);
        if let (Some((id, loc)), Some(PartyKind::State)) = (&id, kind) {
            if !(id.len() == 2 && id.bytes().all(|b| b.is_ascii_lowercase())) {
                cx.sink
                    .error(*loc, format!("state id `{id}` is not an ISO 3166-1 alpha-2 code"))
                    .help("a state's id is its two-letter code, such as `kz`; use `kind = \"organisation\"` for other parties");
            }
        }
        let v = (|| {
            Some(Party {
                id: to_id(&id?.0)?,
                kind: kind?,
                name: name?,
                sources: sources?,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.parties.push(raw);
        }
    }

    fn source(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(
            t,
            span,
            path,
            &["id", "publisher", "title", "lang", "date", "url", "note"],
        );
        let r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Source);
        let publisher = f.req_text(cx, "publisher");
        let title = f.req_text(cx, "title");
        let lang = f.req_lang(cx, "lang");
        let had_date = f.has("date");
        let date = f.opt_date(cx, "date").map(|d| d.0);
        let url = f.opt_url(cx, "url");
        let note = f.opt_text(cx, "note");
        let v = (|| {
            if had_date && date.is_none() {
                return None;
            }
            let url = url.ok()?;
            Some(Source {
                id: to_id(&id?.0)?,
                publisher: publisher?,
                title: title?,
                url,
                lang: lang?,
                date,
                note,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.sources.push(raw);
        }
    }

    fn area(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(t, span, path, &["id", "parent", "label"]);
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Area);
        let had_parent = f.has("parent");
        let parent = r.id(cx, &mut f, "parent", Kind::Area, false);
        let label = f.req_labels(cx, "label");
        let v = (|| {
            if had_parent && parent.is_none() {
                return None;
            }
            Some(Area {
                id: to_id(&id?.0)?,
                parent: parent.as_deref().and_then(to_id),
                label: label?,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.areas.push(raw);
        }
    }

    fn mechanism(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(
            t,
            span,
            path,
            &[
                "id",
                "name",
                "level",
                "members",
                "established",
                "secretariat",
                "schedule",
                "sources",
                "note",
            ],
        );
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Mechanism);
        let name = f.req_labels(cx, "name");
        let level = f.req_word(
            cx,
            "level",
            "level",
            &[
                ("heads-of-state", Level::HeadsOfState),
                ("ministerial", Level::Ministerial),
                ("other", Level::Other),
            ],
        );
        let members = self.members(cx, &mut f, &mut r);
        let had_est = f.has("established");
        let established = f.opt_date(cx, "established").map(|d| d.0);
        let secretariat = match f.get("secretariat") {
            None => Some(None),
            Some(v) => secretariat(cx, v, f.key_path("secretariat").to_string(), &mut r).map(Some),
        };
        let mut locs = ScheduleLocs::default();
        let schedule = match f.get("schedule") {
            None => Some(None),
            Some(v) => {
                schedule(cx, v, f.key_path("schedule").to_string(), &mut r, &mut locs).map(Some)
            }
        };
        let sources = r.sources(cx, &mut f, true);
        let note = f.opt_text(cx, "note");
        let v = (|| {
            if had_est && established.is_none() {
                return None;
            }
            Some(Mechanism {
                id: to_id(&id?.0)?,
                name: name?,
                level: level?,
                members: members?,
                established,
                secretariat: secretariat?,
                schedule: schedule?,
                sources: sources?,
                note,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            locs.mechanism = raw.v.id.to_string();
            if !locs.decisions.is_empty() || !locs.exceptions.is_empty() {
                self.schedule_locs.push(locs);
            }
            self.mechanisms.push(raw);
        }
    }

    fn members(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        r: &mut Refs,
    ) -> Option<Vec<Membership>> {
        // Mechanisms are few: their member paths are written out eagerly.
        let path = f.key_path("members").to_string();
        let v = f.req(cx, "members")?;
        let Node::Array(items) = v.get_ref() else {
            cx.wrong_type(v, "an array of party ids or tables", &path);
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            match item.get_ref() {
                Node::String(_) => match r.value(
                    cx,
                    item,
                    RefPath {
                        base: f.path.clone(),
                        key: "members",
                        index: Some(u32::try_from(i).unwrap_or(u32::MAX)),
                    },
                    Kind::Party,
                ) {
                    Some(p) => out.push(Membership {
                        party: to_id(&p)?,
                        since: None,
                        until: None,
                    }),
                    None => ok = false,
                },
                Node::Table(t) => {
                    let mut m =
                        Fields::new(t, item.span(), ipath.clone(), &["party", "since", "until"]);
                    let party = r.id(cx, &mut m, "party", Kind::Party, true);
                    let had = (m.has("since"), m.has("until"));
                    let since = m.opt_date(cx, "since");
                    let until = m.opt_date(cx, "until");
                    if let (Some((s, _)), Some((u, uloc))) = (since, until) {
                        if u.is_definitely_before(&s) {
                            cx.sink
                                .error(uloc, format!("membership in `{ipath}` ends ({u}) before it starts ({s})"))
                                .help("`until` is the last date of membership and must not come before `since`");
                            ok = false;
                        }
                    }
                    m.finish(cx);
                    if (had.0 && since.is_none()) || (had.1 && until.is_none()) {
                        ok = false;
                    }
                    match party {
                        Some(p) => out.push(Membership {
                            party: to_id(&p)?,
                            since: since.map(|d| d.0),
                            until: until.map(|d| d.0),
                        }),
                        None => ok = false,
                    }
                }
                _ => {
                    cx.wrong_type(item, "a party id or a table", &ipath);
                    ok = false;
                }
            }
        }
        if ok && out.is_empty() {
            let loc = cx.loc(v.span());
            cx.sink
                .error(loc, format!("`{path}` is empty"))
                .help("list the members, e.g. `members = [\"kz\", \"uz\"]`");
            return None;
        }
        ok.then_some(out)
    }

    fn summit(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(
            t,
            span,
            path,
            &[
                "id",
                "mechanism",
                "edition",
                "name",
                "date",
                "host",
                "venue",
                "online",
                "status",
                "confidence",
                "participants",
                "sources",
                "note",
            ],
        );
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Summit);
        let mechanism = r.id(cx, &mut f, "mechanism", Kind::Mechanism, true);
        let edition = match f.req(cx, "edition") {
            None => None,
            Some(v) => match v.get_ref() {
                Node::String(s) if s.as_ref() == "special" => Some(Edition::Special),
                Node::Integer(_) => match read::int(cx, v, &f.key_path("edition")) {
                    Some((n, loc)) => match u32::try_from(n) {
                        Ok(n) if n >= 1 => Some(Edition::Ordinal(n)),
                        _ => {
                            cx.sink
                                .error(loc, format!("edition {n} in `{}` is out of range", f.key_path("edition")))
                                .help("editions are counted from 1; write \"special\" for an unnumbered edition");
                            None
                        }
                    },
                    None => None,
                },
                _ => {
                    cx.wrong_type(v, "an ordinal or \"special\"", &f.key_path("edition"));
                    None
                }
            },
        };
        let had_name = f.has("name");
        let name = f.opt_labels(cx, "name");
        let date = f.req_date(cx, "date").map(|d| d.0);
        let had_host = f.has("host");
        let host = r.id(cx, &mut f, "host", Kind::Party, false);
        let venue = match f.get("venue") {
            None => Some(None),
            Some(v) => venue(cx, v, f.key_path("venue").to_string()).map(Some),
        };
        let online = f.opt_bool(cx, "online");
        let status = f.req_word(
            cx,
            "status",
            "status",
            &[
                ("planned", SummitStatus::Planned),
                ("held", SummitStatus::Held),
                ("postponed", SummitStatus::Postponed),
                ("cancelled", SummitStatus::Cancelled),
            ],
        );
        let confidence = confidence(cx, &mut f);
        let participants = participants(cx, &mut f, &mut r);
        let sources = r.sources(cx, &mut f, true);
        let note = f.opt_text(cx, "note");
        let v = (|| {
            if (had_name && name.is_none()) || (had_host && host.is_none()) {
                return None;
            }
            Some(Summit {
                id: to_id(&id?.0)?,
                mechanism: to_id(&mechanism?)?,
                edition: edition?,
                name,
                date: date?,
                host: host.as_deref().and_then(to_id),
                venue: venue?,
                online: online.unwrap_or(false),
                status: status?,
                confidence: confidence?,
                participants: participants?,
                sources: sources?,
                note,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.summits.push(raw);
        }
    }

    fn document(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(
            t,
            span,
            path,
            &[
                "id",
                "kind",
                "title",
                "summit",
                "mechanism",
                "date",
                "signatories",
                "binding",
                "sources",
                "note",
            ],
        );
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Document);
        let words: Vec<(&str, DocumentKind)> =
            DocumentKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let kind = f.req_word(cx, "kind", "document kind", &words);
        let title = f.req_labels(cx, "title");
        let had_summit = f.has("summit");
        let summit = r.id(cx, &mut f, "summit", Kind::Summit, false);
        let mechanism = r.id(cx, &mut f, "mechanism", Kind::Mechanism, !had_summit);
        let date = f.req_date(cx, "date").map(|d| d.0);
        let signatories = r.ids(cx, &mut f, "signatories", Kind::Party, true);
        let binding = f.opt_bool(cx, "binding");
        let sources = r.sources(cx, &mut f, true);
        let note = f.opt_text(cx, "note");
        let from_summit = mechanism.is_none();
        let v = (|| {
            if had_summit && summit.is_none() {
                return None;
            }
            let kind = kind?;
            Some(Document {
                id: to_id(&id?.0)?,
                kind,
                title: title?,
                // Filled from the summit after every file is read when not given.
                mechanism: to_id(mechanism.as_deref().unwrap_or("pending"))?,
                summit: summit.as_deref().and_then(to_id),
                date: date?,
                signatories: to_ids(signatories?),
                binding: binding.unwrap_or(kind == DocumentKind::Treaty),
                sources: sources?,
                note,
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.documents.push(raw);
            self.doc_mechanism_from_summit.push(from_summit);
        }
    }

    fn commitment(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(
            t,
            span,
            path,
            &[
                "id",
                "document",
                "text",
                "quote",
                "areas",
                "obligors",
                "kind",
                "strength",
                "target",
                "deadline",
                "reiterates",
                "supersedes",
                "sources",
                "note",
            ],
        );
        let mut r = self.new_refs();
        let id = self.declare(cx, &mut f, Kind::Commitment);
        let document = r.id(cx, &mut f, "document", Kind::Document, true);
        let text = f.req_text(cx, "text");
        let quote = match f.get("quote") {
            None => Some(None),
            Some(v) => quote(cx, v, f.key_path("quote").to_string(), &mut r).map(Some),
        };
        let areas = r.ids(cx, &mut f, "areas", Kind::Area, true);
        if let Some(a) = &areas {
            if a.is_empty() {
                let loc = cx.loc(f.span.clone());
                cx.sink
                    .error(loc, format!("`{}` has no areas", f.path))
                    .help("list at least one area, e.g. `areas = [\"economy\"]`");
            }
        }
        let obligors = match f.req(cx, "obligors") {
            None => None,
            Some(v) => match v.get_ref() {
                Node::String(s) if s.as_ref() == "all" => Some(Obligors::All),
                Node::Array(_) => r
                    .ids(cx, &mut f, "obligors", Kind::Party, true)
                    .and_then(|ids| {
                        if ids.is_empty() {
                            let loc = cx.loc(v.span());
                            cx.sink
                                .error(loc, format!("`{}` is empty", f.key_path("obligors")))
                                .help("write `obligors = \"all\"` for every signatory, or list the parties bound");
                            None
                        } else {
                            Some(Obligors::Parties(to_ids(ids).into()))
                        }
                    }),
                _ => {
                    cx.wrong_type(v, "\"all\" or an array of party ids", &f.key_path("obligors"));
                    None
                }
            },
        };
        let kwords: Vec<(&str, CommitmentKind)> = CommitmentKind::ALL
            .iter()
            .map(|k| (k.as_str(), *k))
            .collect();
        let kind = f.req_word(cx, "kind", "commitment kind", &kwords);
        let swords: Vec<(&str, Strength)> =
            Strength::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let strength = f.req_word(cx, "strength", "strength", &swords);
        let target = match f.get("target") {
            None => Some(None),
            Some(v) => target(cx, v, f.key_path("target").to_string()).map(Some),
        };
        let had_deadline = f.has("deadline");
        let deadline = f.opt_date(cx, "deadline").map(|d| d.0);
        let reiterates = r.ids(cx, &mut f, "reiterates", Kind::Commitment, false);
        let supersedes = r.ids(cx, &mut f, "supersedes", Kind::Commitment, false);
        let has_quote = matches!(quote, Some(Some(_)));
        let sources = r
            .source_strs(cx, &mut f, !has_quote)
            .map(|s| shared_list(&mut self.lists.sources, s));
        let areas = areas.map(|a| shared_list(&mut self.lists.areas, a));
        let note = f.opt_text(cx, "note");
        let v = (|| {
            if had_deadline && deadline.is_none() {
                return None;
            }
            let areas = areas?;
            if areas.is_empty() {
                return None;
            }
            Some(Commitment {
                id: to_id(&id?.0)?,
                document: to_id(&document?)?,
                text: text?.into(),
                quote: quote?.map(Box::new),
                areas,
                obligors: obligors?,
                obligor_parties: Arc::from([]),
                kind: kind?,
                strength: strength?,
                target: target?.map(Box::new),
                deadline,
                reiterates: to_ids(reiterates?).into(),
                supersedes: to_ids(supersedes?).into(),
                sources: sources?,
                note: note.map(String::into_boxed_str),
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.commitments.push(raw);
        }
    }

    fn assessment(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
    ) {
        let mut f = Fields::new(
            t,
            span,
            path,
            &[
                "commitment",
                "party",
                "score",
                "status",
                "rater",
                "as-of",
                "recorded",
                "evidence",
                "note",
            ],
        );
        let mut r = self.new_refs();
        let commitment = r.id(cx, &mut f, "commitment", Kind::Commitment, true);
        let party = r.id(cx, &mut f, "party", Kind::Party, true);
        let had_score = f.has("score");
        let score = match f.opt_int(cx, "score") {
            None => None,
            Some((n, loc)) => {
                match Score::new(n) {
                    Ok(s) => Some(s),
                    Err(_) => {
                        cx.sink
                        .error(loc, format!("score {n} in `{}` is out of range", f.key_path("score")))
                        .help("use -1 (no compliance), 0 (partial compliance) or 1 (full compliance)");
                        None
                    }
                }
            }
        };
        let had_status = f.has("status");
        let cwords: Vec<(&str, Completion)> =
            Completion::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let status = f.opt_word(cx, "status", "completion status", &cwords);
        if !had_score && !had_status {
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(
                    loc,
                    format!("`{}` has neither `score` nor `status`", f.path),
                )
                .help("give a `score` (-1, 0 or 1), a completion `status`, or both");
        }
        let rater = f.req_text(cx, "rater");
        let as_of = f.req_date(cx, "as-of");
        let recorded = f.req_date(cx, "recorded");
        if let (Some((a, _)), Some((rec, rloc))) = (as_of, recorded) {
            if rec.is_definitely_before(&a) {
                cx.sink
                    .error(rloc, format!("`{}` was recorded ({rec}) before the date it describes ({a})", f.path))
                    .help("`as-of` is the date the assessment describes; `recorded` cannot come before it");
            }
        }
        let evidence = r.ids(cx, &mut f, "evidence", Kind::Source, true);
        if let Some(e) = &evidence {
            if e.is_empty() {
                let loc = cx.loc(f.span.clone());
                cx.sink
                    .error(loc, format!("`{}` cites no evidence", f.path))
                    .help("every assessment cites its evidence: `evidence = [\"source-id\"]`");
            }
        }
        let note = f.opt_text(cx, "note");
        let evidence = evidence.map(|e| shared_list(&mut self.lists.sources, e));
        let v = (|| {
            if (had_score && score.is_none())
                || (had_status && status.is_none())
                || (!had_score && !had_status)
            {
                return None;
            }
            let evidence = evidence?;
            if evidence.is_empty() {
                return None;
            }
            let (as_of, recorded) = (as_of?.0, recorded?.0);
            if recorded.is_definitely_before(&as_of) {
                return None;
            }
            Some(Assessment {
                commitment: to_id(&commitment?)?,
                party: to_id(&party?)?,
                score,
                status,
                rater: intern(&rater?),
                as_of,
                recorded,
                evidence,
                note: note.map(String::into_boxed_str),
            })
        })();
        if let Some(raw) = self.finish(cx, f, r, v) {
            self.assessments.push(raw);
        }
    }
}

fn confidence(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>) -> Option<Confidence> {
    if !f.has("confidence") {
        return Some(Confidence::Confirmed);
    }
    f.opt_word(
        cx,
        "confidence",
        "confidence",
        &[
            ("confirmed", Confidence::Confirmed),
            ("reported", Confidence::Reported),
        ],
    )
}

fn participants(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>, r: &mut Refs) -> Option<Vec<Participant>> {
    let Some(v) = f.get("participants") else {
        return Some(Vec::new());
    };
    let path = f.key_path("participants");
    let Node::Array(items) = v.get_ref() else {
        cx.wrong_type(v, "an array of tables", &path);
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let Some(mut p) = Fields::of(
            cx,
            item,
            format!("{path}[{i}]"),
            &["party", "person", "role"],
        ) else {
            ok = false;
            continue;
        };
        let party = r.id(cx, &mut p, "party", Kind::Party, true);
        let person = p.opt_text(cx, "person");
        let role = p.opt_text(cx, "role");
        let bad = (p.has("person") && person.is_none()) || (p.has("role") && role.is_none());
        p.finish(cx);
        match party.as_deref().and_then(to_id) {
            Some(party) if !bad => out.push(Participant {
                party,
                person,
                role,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn venue(cx: &mut Cx<'_>, v: &Value<'_>, path: String) -> Option<Venue> {
    let mut f = Fields::of(cx, v, path, &["city", "place"])?;
    let city = f.req_labels(cx, "city");
    let had_place = f.has("place");
    let place = f.opt_labels(cx, "place");
    f.finish(cx);
    if had_place && place.is_none() {
        return None;
    }
    Some(Venue { city: city?, place })
}

fn quote(cx: &mut Cx<'_>, v: &Value<'_>, path: String, r: &mut Refs) -> Option<Quote> {
    let mut f = Fields::of(cx, v, path, &["lang", "text", "source"])?;
    let lang = f.req_lang(cx, "lang");
    let text = f.req_text(cx, "text");
    let source = r.id(cx, &mut f, "source", Kind::Source, true);
    f.finish(cx);
    Some(Quote {
        lang: lang?,
        text: text?.into(),
        source: to_id(&source?)?,
    })
}

fn target(cx: &mut Cx<'_>, v: &Value<'_>, path: String) -> Option<Target> {
    let mut f = Fields::of(cx, v, path, &["amount", "unit", "currency"])?;
    let amount = match f.req(cx, "amount") {
        Some(a) => read::amount(cx, a, &f.key_path("amount")),
        None => None,
    };
    let had = (f.has("unit"), f.has("currency"));
    let unit = f.opt_text(cx, "unit");
    let currency = f.opt_string(cx, "currency");
    let mut ok = (!had.0 || unit.is_some()) && (!had.1 || currency.is_some());
    if let Some((c, loc)) = &currency {
        if !(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())) {
            cx.sink
                .error(
                    *loc,
                    format!(
                        "`{c}` in `{}` is not an ISO 4217 currency code",
                        f.key_path("currency")
                    ),
                )
                .help("use three capital letters, such as `CNY`, `USD` or `EUR`");
            ok = false;
        }
    }
    if !had.0 && !had.1 {
        let loc = cx.loc(f.span.clone());
        cx.sink
            .error(loc, format!("`{}` has an amount but neither `unit` nor `currency`", f.path))
            .help("say what is counted: `currency = \"CNY\"` for money, `unit = \"scholarships\"` otherwise");
        ok = false;
    }
    f.finish(cx);
    if !ok {
        return None;
    }
    Some(Target {
        amount: amount?,
        unit,
        currency: currency.map(|c| c.0),
    })
}

fn secretariat(cx: &mut Cx<'_>, v: &Value<'_>, path: String, r: &mut Refs) -> Option<Secretariat> {
    let mut f = Fields::of(cx, v, path, &["seat", "established", "sources"])?;
    let seat = f.req_labels(cx, "seat");
    let had = f.has("established");
    let established = f.opt_date(cx, "established").map(|d| d.0);
    let sources = r.sources(cx, &mut f, true);
    f.finish(cx);
    if had && established.is_none() {
        return None;
    }
    Some(Secretariat {
        seat: seat?,
        established,
        sources: sources?,
    })
}

fn period(
    cx: &mut Cx<'_>,
    f: &mut Fields<'_, '_>,
    key: &str,
    required: bool,
) -> Option<Option<Period>> {
    let got = if required {
        f.req_string(cx, key)
    } else {
        f.opt_string(cx, key)
    };
    let path = f.key_path(key);
    match got {
        None if f.has(key) || required => None,
        None => Some(None),
        Some((s, loc)) => match s.parse::<Period>() {
            Ok(p) => Some(Some(p)),
            Err(e) => {
                cx.sink
                    .error(loc, format!("invalid period in `{path}`: {e}"))
                    .help("write `2y` for every two years, `6m` for every six months");
                None
            }
        },
    }
}

/// A date that may also be written as a half-year term (`"2025-H2"`), see
/// [`crate::parse_term`].
fn term_date(
    cx: &mut Cx<'_>,
    f: &mut Fields<'_, '_>,
    key: &str,
    required: bool,
) -> Option<(PartialDate, Loc)> {
    let v = if required {
        f.req(cx, key)?
    } else {
        f.get(key)?
    };
    let path = f.key_path(key);
    match v.get_ref() {
        Node::String(s) if s.contains("-H") => {
            let loc = cx.loc(v.span());
            match crate::parse_term(s) {
                Ok(d) => Some((d, loc)),
                Err(e) => {
                    cx.sink
                        .error(loc, format!("invalid term in `{path}`: {e}"))
                        .help("write a half-year as \"2025-H1\" or \"2025-H2\"");
                    None
                }
            }
        }
        _ => read::date(cx, v, &path),
    }
}

fn schedule(
    cx: &mut Cx<'_>,
    v: &Value<'_>,
    path: String,
    r: &mut Refs,
    locs: &mut ScheduleLocs,
) -> Option<Schedule> {
    let mut f = Fields::of(
        cx,
        v,
        path,
        &[
            "kind",
            "every",
            "first",
            "first-edition",
            "hosts",
            "hostless-uses-turn",
            "sources",
            "change",
            "decision",
            "exception",
            "note",
        ],
    )?;
    let kind = if f.has("kind") {
        f.opt_word(
            cx,
            "kind",
            "schedule kind",
            &[
                ("meetings", ScheduleKind::Meetings),
                ("terms", ScheduleKind::Terms),
            ],
        )
    } else {
        Some(ScheduleKind::Meetings)
    };
    let every = period(cx, &mut f, "every", false);
    let first = term_date(cx, &mut f, "first", matches!(every, Some(Some(_))));
    let first_edition = match f.opt_int(cx, "first-edition") {
        None => Some(1),
        Some((n, loc)) => match u32::try_from(n) {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                cx.sink
                    .error(
                        loc,
                        format!("`{}` must be 1 or more", f.key_path("first-edition")),
                    )
                    .help("editions are counted from 1");
                None
            }
        },
    };
    if let (Some(None), Some(_)) = (&every, &first) {
        let loc = cx.loc(f.span.clone());
        cx.sink
            .error(loc, format!("`{}` has `first` but no `every`", f.path))
            .help("give the period, e.g. `every = \"2y\"`, or remove `first`");
    }
    if kind == Some(ScheduleKind::Terms) && matches!(every, Some(None)) {
        let loc = cx.loc(f.span.clone());
        cx.sink
            .error(
                loc,
                format!("`{}` is a schedule of terms without `every`", f.path),
            )
            .help("terms need a length and a first term: `every = \"6m\"`, `first = \"2025-H1\"`");
    }
    let mut hosts_until = None;
    let hosts = match f.get("hosts") {
        None => Some(HostRule::None),
        Some(h) => host_rule(
            cx,
            h,
            f.key_path("hosts").to_string(),
            r,
            0,
            &mut hosts_until,
        ),
    };
    let had_hostless = f.has("hostless-uses-turn");
    let hostless_uses_turn = f.opt_bool(cx, "hostless-uses-turn");
    let sources = r.sources(cx, &mut f, true);
    let mut changes = Vec::new();
    let mut ok = !(had_hostless && hostless_uses_turn.is_none());
    for (i, t) in tables(cx, &mut f, "change", &mut ok) {
        let Some(mut c) = Fields::of(
            cx,
            t,
            format!("{}.change[{i}]", f.path),
            &["from", "every", "sources"],
        ) else {
            ok = false;
            continue;
        };
        let from = term_date(cx, &mut c, "from", true);
        let every = period(cx, &mut c, "every", true);
        let sources = r.sources(cx, &mut c, true);
        if let (Some((fd, floc)), Some((first, _))) = (from, first) {
            if !first.is_definitely_before(&fd) {
                cx.sink
                    .error(
                        floc,
                        format!(
                            "`{}` starts ({fd}) before the first edition ({first})",
                            c.key_path("from")
                        ),
                    )
                    .help("a cadence change comes after the anchor edition");
                ok = false;
            }
        }
        c.finish(cx);
        match (from, every, sources) {
            (Some((from, _)), Some(Some(every)), Some(sources)) => changes.push(CadenceChange {
                from,
                every,
                sources,
            }),
            _ => ok = false,
        }
    }
    changes.sort_by_key(|c| c.from);
    let mut decisions = Vec::new();
    for (i, t) in tables(cx, &mut f, "decision", &mut ok) {
        let path = format!("{}.decision[{i}]", f.path);
        locs.decisions.push((path.clone(), cx.loc(t.span())));
        match Fields::of(cx, t, path, DECISION_KEYS).and_then(|mut d| {
            let v = decision(cx, &mut d, r);
            d.finish(cx);
            v
        }) {
            Some(d) => decisions.push(d),
            None => ok = false,
        }
    }
    let mut exceptions = Vec::new();
    for (i, t) in tables(cx, &mut f, "exception", &mut ok) {
        let path = format!("{}.exception[{i}]", f.path);
        locs.exceptions.push((path.clone(), cx.loc(t.span())));
        match Fields::of(cx, t, path, EXCEPTION_KEYS).and_then(|mut e| {
            let v = exception(cx, &mut e, r);
            e.finish(cx);
            v
        }) {
            Some(e) => exceptions.push(e),
            None => ok = false,
        }
    }
    let note = f.opt_text(cx, "note");
    f.finish(cx);
    let cadence = match (every?, first) {
        (Some(every), Some((first, _))) => Some(Cadence {
            every,
            first,
            first_edition: first_edition?,
            changes,
        }),
        (None, None) => None,
        _ => return None,
    };
    if !ok {
        return None;
    }
    Some(Schedule {
        kind: kind?,
        cadence,
        hosts: hosts?,
        hosts_until,
        hostless_uses_turn: hostless_uses_turn.unwrap_or(false),
        sources: sources?,
        decisions,
        exceptions,
        note,
    })
}

/// The keys of a decision in a schedule; a `[[decision]]` of its own adds `mechanism`.
const DECISION_KEYS: &[&str] = &[
    "edition",
    "edition-date",
    "decided",
    "date",
    "host",
    "document",
    "confidence",
    "sources",
    "note",
];
const LOOSE_DECISION_KEYS: &[&str] = &[
    "mechanism",
    "edition",
    "edition-date",
    "decided",
    "date",
    "host",
    "document",
    "confidence",
    "sources",
    "note",
];
/// The keys of an exception in a schedule; an `[[exception]]` of its own adds `mechanism`.
const EXCEPTION_KEYS: &[&str] = &[
    "edition",
    "edition-date",
    "decided",
    "kind",
    "with",
    "host",
    "date",
    "sources",
    "note",
];
const LOOSE_EXCEPTION_KEYS: &[&str] = &[
    "mechanism",
    "edition",
    "edition-date",
    "decided",
    "kind",
    "with",
    "host",
    "date",
    "sources",
    "note",
];

/// The edition a decision or exception is about: `edition = 3` or `edition-date = 2025`
/// (exactly one). An edition named by its date has ordinal 0 until the checks across
/// records find it.
fn edition_of(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>) -> Option<(u32, Option<PartialDate>)> {
    match (f.has("edition"), f.has("edition-date")) {
        (true, true) => {
            let _ = (f.get("edition"), f.get("edition-date"));
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(loc, format!("`{}` names its edition twice", f.path))
                .help("give `edition` (its ordinal) or `edition-date` (its date), not both");
            None
        }
        (false, true) => term_date(cx, f, "edition-date", true).map(|(d, _)| (0, Some(d))),
        _ => ordinal(cx, f, "edition").map(|n| (n, None)),
    }
}

fn decision(cx: &mut Cx<'_>, d: &mut Fields<'_, '_>, r: &mut Refs) -> Option<Decision> {
    let edition = edition_of(cx, d);
    let had = (
        d.has("date"),
        d.has("host"),
        d.has("document"),
        d.has("decided"),
    );
    let decided = d.opt_date(cx, "decided").map(|x| x.0);
    let date = d.opt_date(cx, "date").map(|x| x.0);
    let host = r.id(cx, d, "host", Kind::Party, false);
    let document = r.id(cx, d, "document", Kind::Document, false);
    let confidence = confidence(cx, d);
    let sources = r.sources(cx, d, true);
    let note = d.opt_text(cx, "note");
    if !had.0 && !had.1 {
        let loc = cx.loc(d.span.clone());
        cx.sink
            .error(
                loc,
                format!("`{}` decides neither a date nor a host", d.path),
            )
            .help("give `date`, `host` or both");
        return None;
    }
    if (had.0 && date.is_none())
        || (had.1 && host.is_none())
        || (had.2 && document.is_none())
        || (had.3 && decided.is_none())
    {
        return None;
    }
    let (edition, edition_date) = edition?;
    Some(Decision {
        edition,
        edition_date,
        decided,
        date,
        host: host.as_deref().and_then(to_id),
        document: document.as_deref().and_then(to_id),
        confidence: confidence?,
        sources: sources?,
        note,
    })
}

fn exception(cx: &mut Cx<'_>, e: &mut Fields<'_, '_>, r: &mut Refs) -> Option<Exception> {
    let edition = edition_of(cx, e);
    let had_decided = e.has("decided");
    let decided = e.opt_date(cx, "decided").map(|x| x.0);
    let kind: Option<&str> = e.req_word(
        cx,
        "kind",
        "exception kind",
        &[
            ("skip", "skip"),
            ("swap", "swap"),
            ("replace", "replace"),
            ("postpone", "postpone"),
            ("cancel", "cancel"),
        ],
    );
    let kind = match kind {
        Some("swap") => e
            .req(cx, "with")
            .and_then(|_| ordinal(cx, e, "with"))
            .map(|with| ExceptionKind::Swap { with }),
        Some("replace") => r
            .id(cx, e, "host", Kind::Party, true)
            .and_then(|h| to_id(&h))
            .map(|host| ExceptionKind::Replace { host }),
        Some("postpone") => e
            .req_date(cx, "date")
            .map(|(date, _)| ExceptionKind::Postpone { date }),
        Some("skip") => Some(ExceptionKind::Skip),
        Some(_) => Some(ExceptionKind::Cancel),
        None => None,
    };
    let sources = r.sources(cx, e, true);
    let note = e.opt_text(cx, "note");
    if had_decided && decided.is_none() {
        return None;
    }
    let (edition, edition_date) = edition?;
    Some(Exception {
        edition,
        edition_date,
        decided,
        kind: kind?,
        sources: sources?,
        note,
    })
}

impl RawSet {
    /// A `[[decision]]` or `[[exception]]` written outside its mechanism.
    fn loose(
        &mut self,
        cx: &mut Cx<'_>,
        t: &Table<'_>,
        span: std::ops::Range<usize>,
        path: Rc<str>,
        name: &str,
    ) {
        let decision_table = name == "decision";
        let keys = if decision_table {
            LOOSE_DECISION_KEYS
        } else {
            LOOSE_EXCEPTION_KEYS
        };
        let mut f = Fields::new(t, span, path, keys);
        let mut r = self.new_refs();
        let mechanism = r.id(cx, &mut f, "mechanism", Kind::Mechanism, true);
        if decision_table {
            let d = decision(cx, &mut f, &mut r);
            let v = (|| {
                Some(LooseDecision {
                    mechanism: to_id(&mechanism?)?,
                    decision: d?,
                })
            })();
            if let Some(raw) = self.finish(cx, f, r, v) {
                self.decisions.push(raw);
            }
        } else {
            let e = exception(cx, &mut f, &mut r);
            let v = (|| {
                Some(LooseException {
                    mechanism: to_id(&mechanism?)?,
                    exception: e?,
                })
            })();
            if let Some(raw) = self.finish(cx, f, r, v) {
                self.exceptions.push(raw);
            }
        }
    }
}

/// The tables of an array-of-tables key (`[[mechanism.schedule.decision]]`).
fn tables<'a, 'i>(
    cx: &mut Cx<'_>,
    f: &mut Fields<'a, 'i>,
    key: &str,
    ok: &mut bool,
) -> Vec<(usize, &'a Value<'i>)> {
    match f.get(key) {
        None => Vec::new(),
        Some(v) => match v.get_ref() {
            Node::Array(a) => a.iter().enumerate().collect(),
            _ => {
                cx.wrong_type(v, "an array of tables", &f.key_path(key));
                *ok = false;
                Vec::new()
            }
        },
    }
}

fn ordinal(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>, key: &str) -> Option<u32> {
    let (n, loc) = f.req_int(cx, key)?;
    match u32::try_from(n) {
        Ok(n) if n >= 1 => Some(n),
        _ => {
            cx.sink
                .error(
                    loc,
                    format!("edition {n} in `{}` is out of range", f.key_path(key)),
                )
                .help("editions are counted from 1");
            None
        }
    }
}

/// Whether the rule table is an `ordered` or `alphabetical` rule (alone), which may name
/// the holder of its first turn.
fn which_start_applies(f: &Fields<'_, '_>) -> bool {
    let rules = ["fixed", "ordered", "alphabetical", "alternate"];
    let n = rules.iter().filter(|k| f.has(k)).count();
    n == 1 && (f.has("ordered") || f.has("alphabetical"))
}

/// The deepest nesting of `alternate` rules accepted.
const MAX_RULE_DEPTH: usize = 8;

/// The keys of a host rule; the whole rule (not a side of `alternate`) may also end.
const RULE_KEYS: &[&str] = &[
    "fixed",
    "ordered",
    "alphabetical",
    "among",
    "except",
    "start",
    "alternate",
];
const TOP_RULE_KEYS: &[&str] = &[
    "fixed",
    "ordered",
    "alphabetical",
    "among",
    "except",
    "start",
    "alternate",
    "until",
];

fn host_rule(
    cx: &mut Cx<'_>,
    v: &Value<'_>,
    path: String,
    r: &mut Refs,
    depth: usize,
    until: &mut Option<PartialDate>,
) -> Option<HostRule> {
    let keys = if depth == 0 { TOP_RULE_KEYS } else { RULE_KEYS };
    let mut f = Fields::of(cx, v, path, keys)?;
    // `until` belongs to the whole rule; in a side of `alternate` it is an unknown key.
    if depth == 0 && f.has("until") {
        *until = f.opt_date(cx, "until").map(|d| d.0);
        if until.is_none() {
            f.finish(cx);
            return None;
        }
    }
    let had_start = f.has("start");
    let start = if which_start_applies(&f) {
        r.id(cx, &mut f, "start", Kind::Party, false)
    } else {
        None
    };
    if had_start && which_start_applies(&f) && start.is_none() {
        f.finish(cx);
        return None;
    }
    let start: Option<PartyId> = start.as_deref().and_then(to_id);
    let which: Vec<&str> = ["fixed", "ordered", "alphabetical", "alternate"]
        .into_iter()
        .filter(|k| f.has(k))
        .collect();
    let rule = match which.as_slice() {
        ["fixed"] => r
            .id(cx, &mut f, "fixed", Kind::Party, true)
            .and_then(|p| to_id(&p))
            .map(HostRule::Fixed),
        ["ordered"] => r
            .ids(cx, &mut f, "ordered", Kind::Party, true)
            .and_then(|ids| {
                if ids.is_empty() {
                    let loc = cx.loc(f.span.clone());
                    cx.sink
                        .error(loc, format!("`{}` is empty", f.key_path("ordered")))
                        .help("list the parties in the order they host");
                    None
                } else {
                    Some(HostRule::Ordered {
                        list: to_ids(ids),
                        start: start.clone(),
                    })
                }
            }),
        ["alphabetical"] => {
            let lang = f
                .req_string(cx, "alphabetical")
                .and_then(|(s, loc)| read::lang(cx, &s, loc, &f.key_path("alphabetical")));
            let had_among = f.has("among");
            let among = r.ids(cx, &mut f, "among", Kind::Party, false);
            let except = r.ids(cx, &mut f, "except", Kind::Party, false);
            match (lang, among, except) {
                (Some(lang), Some(among), Some(except)) => Some(HostRule::Alphabetical {
                    lang,
                    among: had_among.then(|| to_ids(among)),
                    except: to_ids(except),
                    start: start.clone(),
                }),
                _ => None,
            }
        }
        ["alternate"] => {
            let a = f.get("alternate")?;
            let apath = f.key_path("alternate").to_string();
            match a.get_ref() {
                Node::Array(items) if depth < MAX_RULE_DEPTH && items.len() >= 2 => {
                    let mut sides = Vec::new();
                    let mut ok = true;
                    for (i, item) in items.iter().enumerate() {
                        let mut none = None;
                        let side = format!("{apath}[{i}]");
                        match host_rule(cx, item, side, r, depth + 1, &mut none) {
                            Some(rule) => sides.push(rule),
                            None => ok = false,
                        }
                    }
                    ok.then_some(HostRule::Alternate(sides))
                }
                Node::Array(_) if depth >= MAX_RULE_DEPTH => {
                    let loc = cx.loc(a.span());
                    cx.sink
                        .error(
                            loc,
                            format!(
                                "`{apath}` nests `alternate` rules more than {MAX_RULE_DEPTH} deep"
                            ),
                        )
                        .help("flatten the rule");
                    None
                }
                Node::Array(_) => {
                    let loc = cx.loc(a.span());
                    cx.sink
                        .error(loc, format!("`{apath}` needs at least two sides"))
                        .help("write `alternate = [rule, rule]`, e.g. `[{ fixed = \"cn\" }, { alphabetical = \"en\", except = [\"cn\"] }]`");
                    None
                }
                _ => {
                    cx.wrong_type(a, "an array of host rules", &apath);
                    None
                }
            }
        }
        [] => {
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(loc, format!("`{}` names no host rule", f.path))
                .help("use one of `fixed`, `ordered`, `alphabetical` or `alternate`; remove `hosts` when the host is agreed each time");
            None
        }
        _ => {
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(loc, format!("`{}` names several host rules: {}", f.path, which.join(", ")))
                .help("a host rule is one of `fixed`, `ordered`, `alphabetical` or `alternate`; combine sides with `alternate`");
            None
        }
    };
    if had_start && !which_start_applies(&f) {
        let _ = f.get("start");
        let loc = cx.loc(f.span.clone());
        cx.sink
            .error(
                loc,
                format!(
                    "`{}` only applies to an `ordered` or `alphabetical` rule",
                    f.key_path("start")
                ),
            )
            .help("remove `start`, or give it to the side of `alternate` it belongs to");
    }
    // `among` and `except` only belong to an alphabetical rule.
    if !matches!(rule, Some(HostRule::Alphabetical { .. })) && which.as_slice() != ["alphabetical"]
    {
        for k in ["among", "except"] {
            if f.has(k) {
                let _ = f.get(k);
                let loc = cx.loc(f.span.clone());
                cx.sink
                    .error(
                        loc,
                        format!("`{}` only applies to an `alphabetical` rule", f.key_path(k)),
                    )
                    .help(format!("remove `{k}`, or use `alphabetical`"));
            }
        }
    }
    f.finish(cx);
    rule
}

#[cfg(test)]
mod tests {
    use super::{REF_KEYS, key_code};

    #[test]
    fn key_codes_are_positions() {
        for (i, k) in REF_KEYS.iter().enumerate() {
            assert_eq!(key_code(k) as usize, i, "{k}");
        }
        assert_eq!(key_code("nothing"), u8::MAX);
    }
}
