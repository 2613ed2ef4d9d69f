//! The data format, stated once: every table, its keys, what each key takes, whether it is
//! required, which variants it belongs to, and what it means. The statement is the data
//! file `src/load/format.toml`, read once.
//!
//! The loader's key checks ([`super::read::Fields`]), the JSON Schema
//! (`crate::export::schema`), the canonical TOML writer's key order (`crate::export::toml`)
//! and FORMAT.md's key reference ([`reference`], held equal to FORMAT.md by a test) all come
//! from it. A key read by the loader but not stated there is rejected as unknown (and trips
//! a debug assertion in tests).

use std::sync::OnceLock;
use toml::de::{DeTable, DeValue};

/// The statement of the format.
const FORMAT: &str = include_str!("format.toml");

/// What a key takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Val {
    /// The id of a record of this kind (`"party"`, `"source"`).
    Id(String),
    /// A list of ids of this kind, with at least this many.
    Ids(String, u8),
    /// A non-empty string.
    Text,
    /// A string (English) or a table of language tag to text.
    Labels,
    /// A BCP 47 language tag.
    Lang,
    /// A partial date.
    Date,
    /// A partial date, or a half-year term (`"2025-H2"`).
    Term,
    /// One word of a closed list.
    Word(Vec<String>),
    /// An edition number, from 1.
    Ordinal,
    /// `true` or `false`.
    Bool,
    /// An amount: zero or more, kept exactly.
    Amount,
    /// An `http` or `https` address.
    Url,
    /// A period, `2y` or `6m`.
    Period,
    /// An ISO 4217 code.
    Currency,
    /// -1, 0, 1 or `"n/a"`.
    Score,
    /// A label as printed (`"12a"`), or a number from 0.
    Number,
    /// An ordinal, or `"special"`.
    Edition,
    /// `"all"`, or a list of party ids.
    Obligors,
    /// Party ids, or tables of this shape (an index in [`Spec::tables`]).
    Members(usize),
    /// A host rule: a table of this shape.
    HostRule(usize),
    /// Two host rules or more.
    Rules,
    /// A table of this shape.
    Table(usize),
    /// An array of tables of this shape.
    Tables(usize),
}

/// Whether a key must be there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    Required,
    Optional,
    /// Optional, with this default.
    Default(String),
    /// Required unless the table has this other key.
    Unless(String),
    /// Required unless the file's table at this path (`assessment-defaults`) gives it.
    Defaulted(String),
}

/// One key of a table.
#[derive(Debug)]
pub(crate) struct Key {
    pub name: String,
    pub val: Val,
    pub need: Need,
    /// The variants the key belongs to; empty: every variant.
    pub variants: Vec<String>,
    pub doc: String,
}

/// How a table's variant is told.
#[derive(Debug)]
pub(crate) enum Variant {
    /// By the word of this key (`kind = "swap"`).
    Word(String),
    /// By which one of these keys the table has (`{ fixed = ... }`).
    Presence(Vec<String>),
}

/// A rule across the keys of a table.
#[derive(Debug)]
pub(crate) enum Rule {
    /// At least one of these keys.
    AnyOf(Vec<String>),
    /// Both keys or neither.
    Together(String, String),
    /// The first key with this value excludes the other key (`score = "n/a"`, `status`).
    Excludes(String, String, String),
}

/// One kind of table.
#[derive(Debug)]
pub(crate) struct Table {
    /// Its path from the top of a file (`mechanism.schedule.exception`).
    pub path: String,
    pub doc: String,
    pub keys: Vec<Key>,
    pub variant: Option<Variant>,
    pub rules: Vec<Rule>,
    /// A single table at the top of a file (`[assessment-defaults]`), not a kind of record.
    pub single: bool,
}

impl Table {
    /// The key named `name`, with its place in the table.
    pub(crate) fn key(&self, name: &str) -> Option<(usize, &Key)> {
        self.keys.iter().enumerate().find(|(_, k)| k.name == name)
    }

    /// The names of the keys, in order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.keys.iter().map(|k| k.name.as_str())
    }

    /// Whether it is a kind of record (a top-level array of tables).
    pub(crate) fn is_record(&self) -> bool {
        !self.path.contains('.') && !self.single
    }
}

/// Every table of the format, in the order of `format.toml`.
#[derive(Debug, Default)]
pub(crate) struct Spec {
    pub tables: Vec<Table>,
}

/// The place of each table in [`Spec::tables`] (a unit test checks them against the paths).
pub(crate) const PARTY: usize = 0;
pub(crate) const SOURCE: usize = 1;
pub(crate) const AREA: usize = 2;
pub(crate) const MECHANISM: usize = 3;
pub(crate) const MEMBER: usize = 4;
pub(crate) const SECRETARIAT: usize = 5;
pub(crate) const SCHEDULE: usize = 6;
pub(crate) const HOSTS: usize = 7;
pub(crate) const CHANGE: usize = 8;
pub(crate) const DECISION: usize = 9;
pub(crate) const EXCEPTION: usize = 10;
pub(crate) const SUMMIT: usize = 11;
pub(crate) const VENUE: usize = 12;
pub(crate) const PARTICIPANT: usize = 13;
pub(crate) const DOCUMENT: usize = 14;
pub(crate) const COMMITMENT: usize = 15;
pub(crate) const QUOTE: usize = 16;
pub(crate) const TARGET: usize = 17;
pub(crate) const ASSESSMENT: usize = 18;
pub(crate) const ASSESSMENT_DEFAULTS: usize = 19;

/// The format, read from `format.toml` once (a unit test checks that it reads whole).
pub(crate) fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| parse(FORMAT).unwrap_or_default())
}

/// The table at `index` (one of the constants above).
pub(crate) fn table(index: usize) -> &'static Table {
    static NONE: Table = Table {
        path: String::new(),
        doc: String::new(),
        keys: Vec::new(),
        variant: None,
        rules: Vec::new(),
        single: false,
    };
    spec().tables.get(index).unwrap_or(&NONE)
}

/// The place in [`Spec::tables`] of the table of the kind of record `name` (`party`).
pub(crate) fn records_index(name: &str) -> usize {
    spec()
        .tables
        .iter()
        .position(|t| t.path == name)
        .unwrap_or(usize::MAX)
}

/// The kinds of records, in the order of FORMAT.md, the schema and the canonical export.
pub(crate) fn records() -> impl Iterator<Item = &'static Table> {
    spec().tables.iter().filter(|t| t.is_record())
}

/// The string at `key` of a TOML table.
fn string(t: &DeTable<'_>, key: &str) -> Option<String> {
    let (_, v) = t.iter().find(|(k, _)| k.get_ref().as_ref() == key)?;
    match v.get_ref() {
        DeValue::String(s) => Some(s.to_string()),
        _ => None,
    }
}

/// The strings of the array at `key` (none when absent).
fn strings(t: &DeTable<'_>, key: &str) -> Option<Vec<String>> {
    let Some((_, v)) = t.iter().find(|(k, _)| k.get_ref().as_ref() == key) else {
        return Some(Vec::new());
    };
    match v.get_ref() {
        DeValue::Array(a) => a
            .iter()
            .map(|x| match x.get_ref() {
                DeValue::String(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The tables of the array at `key`.
fn tables<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Option<Vec<&'a DeTable<'i>>> {
    let (_, v) = t.iter().find(|(k, _)| k.get_ref().as_ref() == key)?;
    match v.get_ref() {
        DeValue::Array(a) => a
            .iter()
            .map(|x| match x.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// Reads `format.toml`; `None` if any of it does not read (a unit test checks it does).
fn parse(text: &str) -> Option<Spec> {
    let root = DeTable::parse(text).ok()?;
    let raw = tables(root.get_ref(), "table")?;
    let paths: Vec<String> = raw
        .iter()
        .map(|t| string(t, "path"))
        .collect::<Option<_>>()?;
    let index = |path: &str| paths.iter().position(|p| p == path);
    let mut out = Vec::new();
    for t in raw {
        let mut keys = Vec::new();
        for k in tables(t, "keys")? {
            let value = string(k, "value")?;
            let mut words = value.split(' ');
            let what = words.next()?;
            let rest: Vec<&str> = words.collect();
            let first = rest.first().copied().unwrap_or("");
            let val = match what {
                "id" => Val::Id(first.to_owned()),
                "ids" => Val::Ids(
                    first.to_owned(),
                    rest.get(1).map_or(Some(0), |n| n.parse().ok())?,
                ),
                "text" => Val::Text,
                "labels" => Val::Labels,
                "lang" => Val::Lang,
                "date" => Val::Date,
                "term" => Val::Term,
                "word" => Val::Word(rest.iter().map(|w| (*w).to_owned()).collect()),
                "ordinal" => Val::Ordinal,
                "bool" => Val::Bool,
                "amount" => Val::Amount,
                "url" => Val::Url,
                "period" => Val::Period,
                "currency" => Val::Currency,
                "score" => Val::Score,
                "number" => Val::Number,
                "edition" => Val::Edition,
                "obligors" => Val::Obligors,
                "members" => Val::Members(index(first)?),
                "host-rule" => Val::HostRule(index(first)?),
                "rules" => Val::Rules,
                "table" => Val::Table(index(first)?),
                "tables" => Val::Tables(index(first)?),
                _ => return None,
            };
            let need = match (
                string(k, "need").as_deref(),
                string(k, "default"),
                string(k, "unless"),
                string(k, "defaulted"),
            ) {
                (Some("optional"), None, None, None) => Need::Optional,
                (None, Some(d), None, None) => Need::Default(d),
                (None, None, Some(u), None) => Need::Unless(u),
                (None, None, None, Some(t)) => Need::Defaulted(t),
                (None, None, None, None) => Need::Required,
                _ => return None,
            };
            keys.push(Key {
                name: string(k, "name")?,
                val,
                need,
                variants: strings(k, "variants")?,
                doc: string(k, "doc")?,
            });
        }
        let variant = match (string(t, "variant-word"), strings(t, "variant-key")?) {
            (Some(w), v) if v.is_empty() => Some(Variant::Word(w)),
            (None, v) if v.is_empty() => None,
            (None, v) => Some(Variant::Presence(v)),
            _ => return None,
        };
        let mut rules = Vec::new();
        let any = strings(t, "any-of")?;
        if !any.is_empty() {
            rules.push(Rule::AnyOf(any));
        }
        if let [a, b] = strings(t, "together")?.as_slice() {
            rules.push(Rule::Together(a.clone(), b.clone()));
        }
        if let [a, v, b] = strings(t, "excludes")?.as_slice() {
            rules.push(Rule::Excludes(a.clone(), v.clone(), b.clone()));
        }
        let single = match t.iter().find(|(k, _)| k.get_ref().as_ref() == "single") {
            None => false,
            Some((_, v)) => match v.get_ref() {
                DeValue::Boolean(b) => *b,
                _ => return None,
            },
        };
        out.push(Table {
            path: string(t, "path")?,
            doc: string(t, "doc")?,
            keys,
            variant,
            rules,
            single,
        });
    }
    Some(Spec { tables: out })
}

/// The table a key's value holds, if any.
pub(crate) fn inner(val: &Val) -> Option<&'static Table> {
    match val {
        Val::Members(t) | Val::HostRule(t) | Val::Table(t) | Val::Tables(t) => Some(table(*t)),
        _ => None,
    }
}

/// The header a table is written under in a file (`[[party]]`, `[mechanism.schedule]`), or
/// its path for a table written inline.
#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
fn header(t: &Table) -> String {
    let held = spec()
        .tables
        .iter()
        .flat_map(|p| &p.keys)
        .find(|k| inner(&k.val).is_some_and(|i| std::ptr::eq(i, t)));
    match held.map(|k| &k.val) {
        None if t.single => format!("[{}]", t.path),
        None => format!("[[{}]]", t.path),
        Some(Val::Table(_)) if t.path.starts_with("mechanism.") => format!("[{}]", t.path),
        Some(Val::Tables(_)) if t.path.starts_with("mechanism.") => format!("[[{}]]", t.path),
        _ => t.path.clone(),
    }
}

/// How a value is written in FORMAT.md's key reference.
fn val_text(val: &Val) -> String {
    match val {
        Val::Id(kind) => format!("{kind} id"),
        Val::Ids(kind, 0) => format!("list of {kind} ids"),
        Val::Ids(kind, n) => format!("list of {kind} ids ({n} or more)"),
        Val::Text => "text".into(),
        Val::Labels => "label".into(),
        Val::Lang => "language tag".into(),
        Val::Date => "date".into(),
        Val::Term => "date, or half-year (`\"2025-H2\"`)".into(),
        Val::Word(words) => words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(" \\| "),
        Val::Ordinal => "edition number (1 or more)".into(),
        Val::Bool => "boolean".into(),
        Val::Amount => "amount (0 or more, kept exactly)".into(),
        Val::Url => "`http` or `https` address".into(),
        Val::Period => "period (`2y`, `6m`)".into(),
        Val::Currency => "ISO 4217 code".into(),
        Val::Score => "`-1` \\| `0` \\| `1` \\| `\"n/a\"`".into(),
        Val::Number => "number (0 or more), or label text".into(),
        Val::Edition => "edition number, or `\"special\"`".into(),
        Val::Obligors => "`\"all\"`, or list of party ids (1 or more)".into(),
        Val::Members(t) => format!("list of party ids or `{}` tables", table(*t).path),
        Val::HostRule(t) => format!("`{}` table", table(*t).path),
        Val::Rules => "list of host rules (2 or more)".into(),
        Val::Table(t) => format!("`{}` table", table(*t).path),
        Val::Tables(t) => format!("array of `{}` tables", table(*t).path),
    }
}

/// Names in backticks, separated by commas.
#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
fn ticked(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
fn need_text(k: &Key, t: &Table) -> String {
    let when = match &t.variant {
        Some(Variant::Word(w)) => {
            let vs: Vec<String> = k
                .variants
                .iter()
                .map(|v| format!("{w} = \"{v}\""))
                .collect();
            format!(" with {}", ticked(&vs))
        }
        _ => format!(" with {}", ticked(&k.variants)),
    };
    let need = match &k.need {
        Need::Required => "required".to_owned(),
        Need::Optional => "optional".to_owned(),
        Need::Default(d) => format!("optional, default {d}"),
        Need::Unless(other) => format!("required unless `{other}` is given"),
        Need::Defaulted(t) => format!("required unless the file's `[{t}]` gives it"),
    };
    if k.variants.is_empty() {
        need
    } else {
        format!("{need}{when}, and only there")
    }
}

#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
/// FORMAT.md's key reference: a table of keys for every table, generated from the spec.
pub(crate) fn reference() -> String {
    let mut out = String::new();
    for t in &spec().tables {
        let header = header(t);
        out.push_str(&format!("### `{header}`\n\n{}", t.doc));
        for r in &t.rules {
            match r {
                Rule::AnyOf(keys) => {
                    out.push_str(&format!(" At least one of {} is given.", ticked(keys)));
                }
                Rule::Together(a, b) => {
                    out.push_str(&format!(" `{a}` and `{b}` go together."));
                }
                Rule::Excludes(a, v, b) => {
                    out.push_str(&format!(" `{b}` is not given with `{a} = \"{v}\"`."));
                }
            }
        }
        out.push_str("\n\n| key | value | required | meaning |\n|---|---|---|---|\n");
        for k in &t.keys {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                k.name,
                val_text(&k.val),
                need_text(k, t),
                k.doc
            ));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn format_toml_reads_whole_and_the_constants_name_its_tables() {
        let spec = parse(FORMAT).expect("src/load/format.toml reads whole");
        let paths: Vec<&str> = spec.tables.iter().map(|t| t.path.as_str()).collect();
        let at = [
            (PARTY, "party"),
            (SOURCE, "source"),
            (AREA, "area"),
            (MECHANISM, "mechanism"),
            (MEMBER, "mechanism.members"),
            (SECRETARIAT, "mechanism.secretariat"),
            (SCHEDULE, "mechanism.schedule"),
            (HOSTS, "mechanism.schedule.hosts"),
            (CHANGE, "mechanism.schedule.change"),
            (DECISION, "mechanism.schedule.decision"),
            (EXCEPTION, "mechanism.schedule.exception"),
            (SUMMIT, "summit"),
            (VENUE, "summit.venue"),
            (PARTICIPANT, "summit.participants"),
            (DOCUMENT, "document"),
            (COMMITMENT, "commitment"),
            (QUOTE, "commitment.quote"),
            (TARGET, "commitment.target"),
            (ASSESSMENT, "assessment"),
            (ASSESSMENT_DEFAULTS, "assessment-defaults"),
            // Read by name (`records_index`), as every kind of record is.
            (ASSESSMENT_DEFAULTS + 1, "decision"),
            (ASSESSMENT_DEFAULTS + 2, "exception"),
        ];
        assert_eq!(paths.len(), at.len());
        for (i, p) in at {
            assert_eq!(paths[i], p);
        }
    }

    #[test]
    fn vocabularies_are_the_models() {
        fn words(t: usize, key: &str) -> Vec<&'static str> {
            match &table(t).key(key).unwrap().1.val {
                Val::Word(w) => w.iter().map(String::as_str).collect(),
                other => panic!("{other:?}"),
            }
        }
        let as_str = |w: &[&'static str]| w.to_vec();
        let keys = [
            (DOCUMENT, "kind"),
            (COMMITMENT, "kind"),
            (COMMITMENT, "strength"),
            (ASSESSMENT, "status"),
            (SUMMIT, "status"),
        ];
        let of_model = [
            as_str(&DocumentKind::ALL.map(DocumentKind::as_str)),
            as_str(&CommitmentKind::ALL.map(CommitmentKind::as_str)),
            as_str(&Strength::ALL.map(Strength::as_str)),
            as_str(&Completion::ALL.map(Completion::as_str)),
            as_str(&SummitStatus::ALL.map(SummitStatus::as_str)),
        ];
        let model = keys.into_iter().zip(of_model).map(|((t, k), w)| (t, k, w));
        for (t, key, words_of_model) in model {
            assert_eq!(words(t, key), words_of_model, "{key}");
        }
    }

    /// FORMAT.md's key reference is the spec's: run with `UPDATE_SNAPSHOTS=1` to rewrite it.
    #[test]
    fn format_md_states_the_spec() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/FORMAT.md");
        let text = std::fs::read_to_string(path).unwrap();
        let (start, end) = (
            "<!-- keys: generated from src/load/spec.rs -->\n",
            "<!-- keys: end -->",
        );
        let from = text
            .find(start)
            .expect("FORMAT.md has the key reference markers")
            + start.len();
        let to = text.find(end).expect("FORMAT.md has the end marker");
        let generated = reference();
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            let mut new = text.clone();
            new.replace_range(from..to, &generated);
            std::fs::write(path, new).unwrap();
            return;
        }
        assert!(
            text.get(from..to) == Some(generated.as_str()),
            "FORMAT.md's key reference differs from src/load/format.toml: run \
             `UPDATE_SNAPSHOTS=1 cargo test --lib format_md` and review the diff"
        );
    }
}
