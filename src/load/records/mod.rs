//! Reading each kind of record from one file's spanned tree, one room per family of
//! tables, as FORMAT.md and `format.toml` list them: parties, sources and areas
//! ([`parties`]); mechanisms and their schedules ([`mechanisms`]); summits ([`summits`]);
//! documents, commitments and assessments ([`commitments`]). This module holds what they
//! share: references, declarations and the set of everything read.

mod commitments;
mod mechanisms;
mod parties;
mod summits;

use super::diag::{Code, Loc};
use super::read::{self, Cx, Fields, KeyPath, Value};
use super::spec;
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

    /// The key that makes the reference (`supersedes`).
    pub(crate) fn key(&self) -> &'static str {
        REF_KEYS.get(self.key as usize).copied().unwrap_or("")
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
    /// Whether the id passed every check of its record (a state's id that is no alpha-2
    /// code is declared, so that references to it are not reported twice, but it is never
    /// suggested).
    pub valid: bool,
}

/// Everything read from all files so far.
#[derive(Default, Debug)]
pub(crate) struct RawSet {
    pub decls: Vec<Decl>,
    /// How many records of each kind had an id too malformed to declare.
    pub undeclared: [u32; Kind::COUNT],
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
    /// The place of each summit's `edition` value, summit by summit.
    pub summit_editions: Vec<Loc>,
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
    /// The place of the `edition` of the summit being read, kept with it.
    pending_edition: Loc,
    /// Whether the document being read takes its mechanism from its summit.
    pending_from_summit: bool,
    /// The places of the decisions and exceptions of the mechanism being read.
    pending_locs: Option<ScheduleLocs>,
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
    "assessment-defaults",
    "decision",
    "exception",
];

/// A record's table in a file, with its place and path.
struct Item<'a, 'i> {
    t: &'a Table<'i>,
    span: std::ops::Range<usize>,
    path: Rc<str>,
    /// Its table in the spec.
    table: usize,
}

/// What a record's reader works with: the file, the record's keys, its references and its
/// declared id (`None` when its kind has none, or it could not be read).
struct Rec<'c, 'x, 'a, 'i> {
    cx: &'c mut Cx<'x>,
    f: &'c mut Fields<'a, 'i>,
    r: &'c mut Refs,
    id: Option<(String, Loc)>,
    /// The file's `[assessment-defaults]`, once checked (`None` when absent or wrong).
    defaults: Option<&'a Value<'i>>,
}

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
            f.take(cx, key, read::REQ, read::strs)?
        } else {
            match f.take(cx, key, read::OPT, read::strs) {
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
            let loc = f.get_loc(cx, "sources");
            let what = if had {
                "an empty `sources`"
            } else {
                "no `sources`"
            };
            cx.sink
                .error(
                    Code::NoSources,
                    loc,
                    format!("`{}` cites no source: it has {what}", f.path),
                )
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
        self.summit_editions.shrink_to_fit();
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
        let defaults = commitments::assessment_defaults(cx, root);
        for (key, value) in root.iter() {
            let name: &str = key.get_ref();
            let loc = cx.loc(key.span());
            if name == "assessment-defaults" {
                continue;
            }
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
                    .error(Code::UnknownTable, loc, format!("unknown table `{name}`"))
                    .help(help);
                continue;
            }
            let Node::Array(items) = value.get_ref() else {
                cx.sink
                    .error(
                        Code::NotArrayOfTables,
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
            // The record's table in the spec, found once for the whole array.
            let table = spec::records_index(name);
            for (i, item) in items.iter().enumerate() {
                let path = self.path_of(format_args!("{name}[{i}]"));
                self.slot = u32::try_from(i).unwrap_or(u32::MAX);
                let Node::Table(t) = item.get_ref() else {
                    cx.wrong_type(item, "a table", &path);
                    continue;
                };
                let item = Item {
                    t,
                    span: item.span(),
                    path,
                    table,
                };
                match name {
                    "party" => self.read(
                        cx,
                        item,
                        defaults,
                        Some(Kind::Party),
                        Self::party,
                        |s, r| s.parties.push(r),
                    ),
                    "source" => self.read(
                        cx,
                        item,
                        defaults,
                        Some(Kind::Source),
                        Self::source,
                        |s, r| s.sources.push(r),
                    ),
                    "area" => {
                        self.read(cx, item, defaults, Some(Kind::Area), Self::area, |s, r| {
                            s.areas.push(r)
                        })
                    }
                    "mechanism" => self.read(
                        cx,
                        item,
                        defaults,
                        Some(Kind::Mechanism),
                        Self::mechanism,
                        |s, r| {
                            if let Some(l) = s.pending_locs.take() {
                                s.schedule_locs.push(l);
                            }
                            s.mechanisms.push(r)
                        },
                    ),
                    "summit" => self.read(
                        cx,
                        item,
                        defaults,
                        Some(Kind::Summit),
                        Self::summit,
                        |s, r| {
                            s.summits.push(r);
                            s.summit_editions.push(s.pending_edition);
                        },
                    ),
                    "document" => self.read(
                        cx,
                        item,
                        defaults,
                        Some(Kind::Document),
                        Self::document,
                        |s, r| {
                            s.documents.push(r);
                            s.doc_mechanism_from_summit.push(s.pending_from_summit);
                        },
                    ),
                    "commitment" => self.read(
                        cx,
                        item,
                        defaults,
                        Some(Kind::Commitment),
                        Self::commitment,
                        |s, r| s.commitments.push(r),
                    ),
                    "decision" => {
                        self.read(cx, item, defaults, None, Self::loose_decision, |s, r| {
                            s.decisions.push(r)
                        })
                    }
                    "exception" => {
                        self.read(cx, item, defaults, None, Self::loose_exception, |s, r| {
                            s.exceptions.push(r)
                        })
                    }
                    _ => self.read(cx, item, defaults, None, Self::assessment, |s, r| {
                        s.assessments.push(r)
                    }),
                }
            }
        }
    }

    /// Reads one record: its keys as its table in the spec states them, its id (declared)
    /// when its kind has one, and its references; `build` makes the record from them, and
    /// `keep` keeps it when it was read whole.
    fn read<'a, 'i, T>(
        &mut self,
        cx: &mut Cx<'_>,
        item: Item<'a, 'i>,
        defaults: Option<&'a Value<'i>>,
        kind: Option<Kind>,
        build: fn(&mut RawSet, Rec<'_, '_, '_, '_>) -> Option<T>,
        keep: fn(&mut RawSet, Raw<T>),
    ) {
        let mut f = Fields::new(item.t, item.span, item.path, spec::table(item.table));
        let mut r = self.new_refs();
        let id = kind.and_then(|k| self.declare(cx, &mut f, k));
        let rec = Rec {
            cx: &mut *cx,
            f: &mut f,
            r: &mut r,
            id,
            defaults,
        };
        let v = build(self, rec);
        if let Some(raw) = self.finish(cx, f, r, v) {
            keep(self, raw);
        }
    }

    /// Reads the `id` key, declares it, and names the record's path after it.
    fn declare(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        kind: Kind,
    ) -> Option<(String, Loc)> {
        let (s, loc) = f.take(cx, "id", read::REQ, read::string)?;
        let s = if kind == Kind::Party {
            s.to_ascii_lowercase()
        } else {
            s
        };
        if let Err(e) = check_id_syntax(&s) {
            read::bad_id(cx, &s, loc, &f.key_path("id"), &e);
            if let Some(n) = self.undeclared.get_mut(kind as usize) {
                *n += 1;
            }
            return None;
        }
        f.path = self.path_of(format_args!("{}.{s}", kind.name()));
        self.decls.push(Decl {
            kind,
            sym: intern_sym(&s).0,
            loc,
            valid: true,
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
}

/// The words of closed vocabularies whose types list none.
const PARTY_KINDS: &[(&str, PartyKind)] = &[
    ("state", PartyKind::State),
    ("organisation", PartyKind::Organisation),
];
const LEVELS: &[(&str, Level)] = &[
    ("heads-of-state", Level::HeadsOfState),
    ("ministerial", Level::Ministerial),
    ("other", Level::Other),
];
const CONFIDENCES: &[(&str, Confidence)] = &[
    ("confirmed", Confidence::Confirmed),
    ("reported", Confidence::Reported),
];
const SUMMIT_STATUSES: &[(&str, SummitStatus)] = &[
    ("planned", SummitStatus::Planned),
    ("held", SummitStatus::Held),
    ("postponed", SummitStatus::Postponed),
    ("cancelled", SummitStatus::Cancelled),
];

fn confidence(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>) -> Option<Confidence> {
    if !f.has("confidence") {
        return Some(Confidence::Confirmed);
    }
    f.word_of(read::OPT, cx, "confidence", "confidence", CONFIDENCES)
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
