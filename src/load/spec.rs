//! The data format, stated once: every table, its keys, what each key takes, whether it is
//! required, which variants it belongs to, and what it means.
//!
//! The loader's key checks ([`super::read::Fields`]), the JSON Schema
//! (`crate::export::schema`), the canonical TOML writer's key order (`crate::export::toml`)
//! and FORMAT.md's key reference ([`reference`], held equal to FORMAT.md by a test) all come
//! from here. A key read by the loader but not stated here is rejected as unknown (and
//! trips a debug assertion in tests).

/// What a key takes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Val {
    /// The id of a record of this kind (`"party"`, `"source"`).
    Id(&'static str),
    /// A list of ids of this kind, with at least this many.
    Ids(&'static str, u8),
    /// A non-empty string.
    Text,
    /// A string (English) or a table of language tag to text.
    Labels,
    /// A BCP 47 language tag.
    Lang,
    /// A partial date.
    Date,
    /// One word of a closed list.
    Word(&'static [&'static str]),
    /// An edition number, from 1.
    Ordinal,
    /// `true` or `false`.
    Bool,
    /// A finite number.
    Number,
    /// A period, `2y` or `6m`.
    Period,
    /// An ISO 4217 code.
    Currency,
    /// -1, 0 or 1.
    Score,
    /// An ordinal, or `"special"`.
    Edition,
    /// `"all"`, or a list of party ids.
    Obligors,
    /// Party ids, or tables of this shape.
    Members(&'static Table),
    /// A host rule: a table of this shape.
    HostRule(#[cfg_attr(not(test), allow(dead_code))] &'static Table),
    /// Two host rules or more.
    Rules,
    /// A table of this shape.
    Table(&'static Table),
    /// An array of tables of this shape.
    Tables(&'static Table),
}

/// Whether a key must be there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Need {
    Required,
    Optional,
    /// Optional, with this default.
    Default(&'static str),
    /// Required unless the table has this other key.
    Unless(&'static str),
}

/// One key of a table.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key {
    pub name: &'static str,
    pub val: Val,
    pub need: Need,
    /// The variants the key belongs to; empty: every variant.
    pub variants: &'static [&'static str],
    pub doc: &'static str,
}

/// How a table's variant is told.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Variant {
    /// By the word of this key (`kind = "swap"`).
    Word(&'static str),
    /// By which one of these keys the table has (`{ fixed = ... }`).
    Presence(&'static [&'static str]),
}

/// A rule across the keys of a table.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Rule {
    /// At least one of these keys.
    AnyOf(&'static [&'static str]),
    /// Both keys or neither.
    Together(&'static str, &'static str),
}

/// One kind of table.
#[derive(Debug)]
pub(crate) struct Table {
    /// Its path from the top of a file (`mechanism.schedule.exception`).
    pub path: &'static str,
    pub doc: &'static str,
    pub keys: &'static [Key],
    pub variant: Option<Variant>,
    pub rules: &'static [Rule],
}

impl Table {
    /// The key named `name`, with its place in the table.
    pub(crate) fn key(&self, name: &str) -> Option<(usize, &'static Key)> {
        self.keys.iter().enumerate().find(|(_, k)| k.name == name)
    }

    /// The names of the keys, in order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.keys.iter().map(|k| k.name)
    }
}

const fn key(name: &'static str, val: Val, need: Need, doc: &'static str) -> Key {
    Key {
        name,
        val,
        need,
        variants: &[],
        doc,
    }
}

const fn req(name: &'static str, val: Val, doc: &'static str) -> Key {
    key(name, val, Need::Required, doc)
}

const fn opt(name: &'static str, val: Val, doc: &'static str) -> Key {
    key(name, val, Need::Optional, doc)
}

const fn only(
    name: &'static str,
    val: Val,
    variants: &'static [&'static str],
    doc: &'static str,
) -> Key {
    Key {
        name,
        val,
        need: Need::Required,
        variants,
        doc,
    }
}

const SOURCES: Key = req(
    "sources",
    Val::Ids("source", 1),
    "The sources of these facts, at least one.",
);
const NOTE: Key = opt("note", Val::Text, "A remark, shown with the record.");
const CONFIDENCE: Key = key(
    "confidence",
    Val::Word(&["confirmed", "reported"]),
    Need::Default("confirmed"),
    "`reported` when known from a single secondary source: shown, never taken as settled.",
);

/// The words of a party's `kind`.
pub(crate) const PARTY_KINDS: &[&str] = &["state", "organisation"];
/// The words of a mechanism's `level`.
pub(crate) const LEVELS: &[&str] = &["heads-of-state", "ministerial", "other"];
/// The words of a summit's `status`.
pub(crate) const SUMMIT_STATUSES: &[&str] = &["planned", "held", "postponed", "cancelled"];
/// The words of a document's `kind`.
pub(crate) const DOCUMENT_KINDS: &[&str] = &[
    "declaration",
    "joint-statement",
    "communique",
    "treaty",
    "action-plan",
    "mou",
    "list-of-outcomes",
    "speech",
    "other",
];
/// The words of a commitment's `kind`.
pub(crate) const COMMITMENT_KINDS: &[&str] = &["institutional", "policy", "financial", "schedule"];
/// The words of a commitment's `strength`.
pub(crate) const STRENGTHS: &[&str] = &["binding", "pledge", "readiness", "support"];
/// The words of an assessment's `status`.
pub(crate) const COMPLETIONS: &[&str] = &[
    "unknown",
    "not-started",
    "limited",
    "substantial",
    "complete",
];
/// The words of an exception's `kind`.
pub(crate) const EXCEPTION_KINDS: &[&str] = &["skip", "swap", "replace", "postpone", "cancel"];
/// The keys that name a host rule.
pub(crate) const HOST_RULES: &[&str] = &["fixed", "ordered", "alphabetical", "alternate"];

pub(crate) static SOURCE: Table = Table {
    path: "source",
    doc: "A publication that facts cite.",
    keys: &[
        req("id", Val::Id("source"), "The source's id."),
        req("publisher", Val::Text, "Who published it."),
        req("title", Val::Text, "Its title, in its own language."),
        req("lang", Val::Lang, "The language it is written in."),
        opt("date", Val::Date, "When it was published."),
        opt("url", Val::Text, "Where it can be read."),
        NOTE,
    ],
    variant: None,
    rules: &[],
};

pub(crate) static PARTY: Table = Table {
    path: "party",
    doc: "A state (its id is its ISO 3166-1 alpha-2 code) or an organisation.",
    keys: &[
        req(
            "id",
            Val::Id("party"),
            "The party's id; case-insensitive (`KZ` reads as `kz`).",
        ),
        req("kind", Val::Word(PARTY_KINDS), "State or organisation."),
        req("name", Val::Labels, "Its name, in one language or more."),
        opt(
            "sources",
            Val::Ids("source", 0),
            "The sources of these facts.",
        ),
    ],
    variant: None,
    rules: &[],
};

pub(crate) static AREA: Table = Table {
    path: "area",
    doc: "An area of cooperation; `parent` makes it a sub-area.",
    keys: &[
        req("id", Val::Id("area"), "The area's id."),
        opt(
            "parent",
            Val::Id("area"),
            "The wider area it belongs to (no cycles).",
        ),
        req("label", Val::Labels, "Its name, in one language or more."),
    ],
    variant: None,
    rules: &[],
};

pub(crate) static MEMBER: Table = Table {
    path: "mechanism.members",
    doc: "A member with the dates it joined or left (a plain party id is a founding member).",
    keys: &[
        req("party", Val::Id("party"), "The member."),
        opt("since", Val::Date, "The first date of membership."),
        opt(
            "until",
            Val::Date,
            "The last date of membership, not before `since`.",
        ),
    ],
    variant: None,
    rules: &[],
};

pub(crate) static SECRETARIAT: Table = Table {
    path: "mechanism.secretariat",
    doc: "The mechanism's permanent secretariat.",
    keys: &[
        req("seat", Val::Labels, "Where it sits."),
        opt("established", Val::Date, "When it was set up."),
        SOURCES,
    ],
    variant: None,
    rules: &[],
};

pub(crate) static HOSTS: Table = Table {
    path: "mechanism.schedule.hosts",
    doc: "Who hosts: exactly one of `fixed`, `ordered`, `alphabetical` or `alternate`.",
    keys: &[
        only("fixed", Val::Id("party"), &["fixed"], "Always this party."),
        only(
            "ordered",
            Val::Ids("party", 1),
            &["ordered"],
            "These parties, in turn.",
        ),
        only(
            "alphabetical",
            Val::Lang,
            &["alphabetical"],
            "The members in turn, by their names in this language.",
        ),
        Key {
            need: Need::Optional,
            ..only(
                "among",
                Val::Ids("party", 0),
                &["alphabetical"],
                "Only these members.",
            )
        },
        Key {
            need: Need::Optional,
            ..only(
                "except",
                Val::Ids("party", 0),
                &["alphabetical"],
                "All members but these.",
            )
        },
        only(
            "alternate",
            Val::Rules,
            &["alternate"],
            "Sides that take turns, each with its own rule.",
        ),
    ],
    variant: Some(Variant::Presence(HOST_RULES)),
    rules: &[],
};

pub(crate) static CHANGE: Table = Table {
    path: "mechanism.schedule.change",
    doc: "A new period from a date on.",
    keys: &[
        req(
            "from",
            Val::Date,
            "The date the new period starts, after `first`.",
        ),
        req("every", Val::Period, "The new period."),
        SOURCES,
    ],
    variant: None,
    rules: &[],
};

pub(crate) static DECISION: Table = Table {
    path: "mechanism.schedule.decision",
    doc: "An edition decided by a document: its date, its host or both.",
    keys: &[
        req("edition", Val::Ordinal, "The edition decided."),
        opt("date", Val::Date, "Its date."),
        opt("host", Val::Id("party"), "Its host, a member on that date."),
        opt(
            "document",
            Val::Id("document"),
            "The document that decided it.",
        ),
        CONFIDENCE,
        SOURCES,
        NOTE,
    ],
    variant: None,
    rules: &[Rule::AnyOf(&["date", "host"])],
};

pub(crate) static EXCEPTION: Table = Table {
    path: "mechanism.schedule.exception",
    doc: "A departure from the rule for one edition.",
    keys: &[
        req("edition", Val::Ordinal, "The edition it concerns."),
        req("kind", Val::Word(EXCEPTION_KINDS), "What happens to it."),
        only(
            "with",
            Val::Ordinal,
            &["swap"],
            "The edition whose host it swaps with.",
        ),
        only("host", Val::Id("party"), &["replace"], "Who hosts instead."),
        only("date", Val::Date, &["postpone"], "The new date."),
        SOURCES,
        NOTE,
    ],
    variant: Some(Variant::Word("kind")),
    rules: &[],
};

pub(crate) static SCHEDULE: Table = Table {
    path: "mechanism.schedule",
    doc: "How a mechanism schedules its meetings: cadence, host rule, decisions, exceptions.",
    keys: &[
        opt("every", Val::Period, "The period; irregular when absent."),
        opt(
            "first",
            Val::Date,
            "The date of the anchor edition (with `every`).",
        ),
        key(
            "first-edition",
            Val::Ordinal,
            Need::Default("1"),
            "The ordinal of the anchor edition.",
        ),
        opt(
            "hosts",
            Val::HostRule(&HOSTS),
            "Who hosts; agreed each time when absent.",
        ),
        SOURCES,
        NOTE,
        opt("change", Val::Tables(&CHANGE), "Changes of period."),
        opt(
            "decision",
            Val::Tables(&DECISION),
            "Editions decided by documents.",
        ),
        opt(
            "exception",
            Val::Tables(&EXCEPTION),
            "Departures from the rule.",
        ),
    ],
    variant: None,
    rules: &[Rule::Together("every", "first")],
};

pub(crate) static MECHANISM: Table = Table {
    path: "mechanism",
    doc: "A recurring format: a summit series, a ministerial, a chairmanship.",
    keys: &[
        req("id", Val::Id("mechanism"), "The mechanism's id."),
        req("name", Val::Labels, "Its name, in one language or more."),
        req("level", Val::Word(LEVELS), "Who meets."),
        req(
            "members",
            Val::Members(&MEMBER),
            "Its members, at least one.",
        ),
        opt("established", Val::Date, "When it was set up."),
        SOURCES,
        NOTE,
        opt(
            "secretariat",
            Val::Table(&SECRETARIAT),
            "Its permanent secretariat.",
        ),
        opt(
            "schedule",
            Val::Table(&SCHEDULE),
            "How it schedules its meetings.",
        ),
    ],
    variant: None,
    rules: &[],
};

pub(crate) static VENUE: Table = Table {
    path: "summit.venue",
    doc: "Where a summit takes place.",
    keys: &[
        req("city", Val::Labels, "The city."),
        opt("place", Val::Labels, "The building or site."),
    ],
    variant: None,
    rules: &[],
};

pub(crate) static PARTICIPANT: Table = Table {
    path: "summit.participants",
    doc: "Someone who took part for a party.",
    keys: &[
        req(
            "party",
            Val::Id("party"),
            "The party, a member on the summit's date.",
        ),
        opt("person", Val::Text, "Who came."),
        opt("role", Val::Text, "In what role."),
    ],
    variant: None,
    rules: &[],
};

pub(crate) static SUMMIT: Table = Table {
    path: "summit",
    doc: "One edition of a mechanism.",
    keys: &[
        req("id", Val::Id("summit"), "The summit's id."),
        req(
            "mechanism",
            Val::Id("mechanism"),
            "The mechanism it is an edition of.",
        ),
        req(
            "edition",
            Val::Edition,
            "Its ordinal, or \"special\" outside the count.",
        ),
        opt("name", Val::Labels, "Its name, when it has one."),
        req("date", Val::Date, "When it takes place."),
        opt(
            "host",
            Val::Id("party"),
            "Who hosts, a member on that date.",
        ),
        opt("venue", Val::Table(&VENUE), "Where it takes place."),
        key(
            "online",
            Val::Bool,
            Need::Default("false"),
            "Whether it is held online.",
        ),
        req("status", Val::Word(SUMMIT_STATUSES), "Where it stands."),
        CONFIDENCE,
        opt("participants", Val::Tables(&PARTICIPANT), "Who took part."),
        SOURCES,
        NOTE,
    ],
    variant: None,
    rules: &[],
};

pub(crate) static DOCUMENT: Table = Table {
    path: "document",
    doc: "A document adopted at a summit or by a mechanism.",
    keys: &[
        req("id", Val::Id("document"), "The document's id."),
        req("kind", Val::Word(DOCUMENT_KINDS), "The kind of document."),
        req("title", Val::Labels, "Its title, in one language or more."),
        opt("summit", Val::Id("summit"), "The summit that adopted it."),
        key(
            "mechanism",
            Val::Id("mechanism"),
            Need::Unless("summit"),
            "Its mechanism; the summit's when left out.",
        ),
        req("date", Val::Date, "When it was adopted."),
        req(
            "signatories",
            Val::Ids("party", 0),
            "The parties that signed it.",
        ),
        key(
            "binding",
            Val::Bool,
            Need::Default("true for a treaty, else false"),
            "Whether it binds in law.",
        ),
        SOURCES,
        NOTE,
    ],
    variant: None,
    rules: &[],
};

pub(crate) static QUOTE: Table = Table {
    path: "commitment.quote",
    doc: "The commitment's words in the original language.",
    keys: &[
        req("lang", Val::Lang, "The language of the words."),
        req("text", Val::Text, "The words, verbatim."),
        req("source", Val::Id("source"), "Where they are quoted from."),
    ],
    variant: None,
    rules: &[],
};

pub(crate) static TARGET: Table = Table {
    path: "commitment.target",
    doc: "A quantified target: an amount with a unit or a currency.",
    keys: &[
        req("amount", Val::Number, "How much."),
        opt("unit", Val::Text, "What is counted, when it is not money."),
        opt(
            "currency",
            Val::Currency,
            "The ISO 4217 currency, when it is money.",
        ),
    ],
    variant: None,
    rules: &[Rule::AnyOf(&["unit", "currency"])],
};

pub(crate) static COMMITMENT: Table = Table {
    path: "commitment",
    doc: "A promise in a document.",
    keys: &[
        req("id", Val::Id("commitment"), "The commitment's id."),
        req(
            "document",
            Val::Id("document"),
            "The document that makes it.",
        ),
        req("text", Val::Text, "What is promised, in English."),
        opt(
            "quote",
            Val::Table(&QUOTE),
            "The words in the original language.",
        ),
        req(
            "areas",
            Val::Ids("area", 1),
            "The areas it concerns, at least one.",
        ),
        req(
            "obligors",
            Val::Obligors,
            "Who is bound: \"all\" signatories, or a list of them.",
        ),
        req("kind", Val::Word(COMMITMENT_KINDS), "What sort of promise."),
        req(
            "strength",
            Val::Word(STRENGTHS),
            "How strongly it is worded.",
        ),
        opt("target", Val::Table(&TARGET), "A quantified target."),
        opt("deadline", Val::Date, "When it is due."),
        opt(
            "reiterates",
            Val::Ids("commitment", 0),
            "Earlier commitments it repeats.",
        ),
        opt(
            "supersedes",
            Val::Ids("commitment", 0),
            "Earlier commitments it replaces (no cycles).",
        ),
        key(
            "sources",
            Val::Ids("source", 1),
            Need::Unless("quote"),
            "The sources of these facts, at least one.",
        ),
        NOTE,
    ],
    variant: None,
    rules: &[],
};

pub(crate) static ASSESSMENT: Table = Table {
    path: "assessment",
    doc: "The state of one commitment for one party at one time.",
    keys: &[
        req(
            "commitment",
            Val::Id("commitment"),
            "The commitment assessed.",
        ),
        req(
            "party",
            Val::Id("party"),
            "The party assessed, an obligor of the commitment.",
        ),
        opt("score", Val::Score, "-1 no compliance, 0 partial, 1 full."),
        opt(
            "status",
            Val::Word(COMPLETIONS),
            "How far it has been carried out.",
        ),
        req("rater", Val::Text, "Who assessed it."),
        req("as-of", Val::Date, "The date the assessment describes."),
        req(
            "recorded",
            Val::Date,
            "When it was recorded, not before `as-of`.",
        ),
        req(
            "evidence",
            Val::Ids("source", 1),
            "The sources it rests on, at least one.",
        ),
        NOTE,
    ],
    variant: None,
    rules: &[Rule::AnyOf(&["score", "status"])],
};

/// The kinds of records, in the order of FORMAT.md, the schema and the canonical export.
pub(crate) static RECORDS: &[&Table] = &[
    &PARTY,
    &SOURCE,
    &AREA,
    &MECHANISM,
    &SUMMIT,
    &DOCUMENT,
    &COMMITMENT,
    &ASSESSMENT,
];

#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
/// The tables a key's value holds, if any.
pub(crate) fn inner(val: Val) -> Option<&'static Table> {
    match val {
        Val::Members(t) | Val::HostRule(t) | Val::Table(t) | Val::Tables(t) => Some(t),
        _ => None,
    }
}

#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
/// Every table, each record followed by the tables inside it, with the header it is
/// written under in a file (`[[party]]`, `[mechanism.schedule]`), or its path for a table
/// written inline.
pub(crate) fn all_tables() -> Vec<(&'static Table, String)> {
    fn walk(t: &'static Table, header: String, out: &mut Vec<(&'static Table, String)>) {
        out.push((t, header));
        for k in t.keys {
            let header = match k.val {
                Val::Table(t) if t.path.starts_with("mechanism.") => format!("[{}]", t.path),
                Val::Tables(t) if t.path.starts_with("mechanism.") => format!("[[{}]]", t.path),
                _ => inner(k.val).map_or(String::new(), |t| t.path.to_owned()),
            };
            if let Some(inner) = inner(k.val) {
                walk(inner, header, out);
            }
        }
    }
    let mut out = Vec::new();
    for t in RECORDS {
        walk(t, format!("[[{}]]", t.path), &mut out);
    }
    out
}

#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
/// How a value is written in FORMAT.md's key reference.
fn val_text(val: Val) -> String {
    match val {
        Val::Id(kind) => format!("{kind} id"),
        Val::Ids(kind, 0) => format!("list of {kind} ids"),
        Val::Ids(kind, n) => format!("list of {kind} ids ({n} or more)"),
        Val::Text => "text".into(),
        Val::Labels => "label".into(),
        Val::Lang => "language tag".into(),
        Val::Date => "date".into(),
        Val::Word(words) => words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(" \\| "),
        Val::Ordinal => "edition number (1 or more)".into(),
        Val::Bool => "boolean".into(),
        Val::Number => "number".into(),
        Val::Period => "period (`2y`, `6m`)".into(),
        Val::Currency => "ISO 4217 code".into(),
        Val::Score => "`-1` \\| `0` \\| `1`".into(),
        Val::Edition => "edition number, or `\"special\"`".into(),
        Val::Obligors => "`\"all\"`, or list of party ids (1 or more)".into(),
        Val::Members(t) => format!("list of party ids or `{}` tables", t.path),
        Val::HostRule(t) => format!("`{}` table", t.path),
        Val::Rules => "list of host rules (2 or more)".into(),
        Val::Table(t) => format!("`{}` table", t.path),
        Val::Tables(t) => format!("array of `{}` tables", t.path),
    }
}

#[cfg_attr(not(test), allow(dead_code))] // FORMAT.md's reference is checked by a test.
fn need_text(k: &Key, t: &Table) -> String {
    let when = match (k.variants, t.variant) {
        ([], _) => String::new(),
        (vs, Some(Variant::Word(w))) => format!(
            " with {}",
            vs.iter()
                .map(|v| format!("`{w} = \"{v}\"`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (vs, _) => format!(
            " with {}",
            vs.iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let need = match k.need {
        Need::Required => "required".to_owned(),
        Need::Optional => "optional".to_owned(),
        Need::Default(d) => format!("optional, default {d}"),
        Need::Unless(other) => format!("required unless `{other}` is given"),
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
    for (t, header) in all_tables() {
        out.push_str(&format!("### `{header}`\n\n{}", t.doc));
        for r in t.rules {
            match r {
                Rule::AnyOf(keys) => out.push_str(&format!(
                    " At least one of {} is given.",
                    keys.iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                Rule::Together(a, b) => {
                    out.push_str(&format!(" `{a}` and `{b}` go together."));
                }
            }
        }
        out.push_str("\n\n| key | value | required | meaning |\n|---|---|---|---|\n");
        for k in t.keys {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                k.name,
                val_text(k.val),
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
    fn vocabularies_are_the_models() {
        let words = |v: Vec<&'static str>| v;
        assert_eq!(
            DOCUMENT_KINDS,
            words(DocumentKind::ALL.iter().map(|k| k.as_str()).collect())
        );
        assert_eq!(
            COMMITMENT_KINDS,
            words(CommitmentKind::ALL.iter().map(|k| k.as_str()).collect())
        );
        assert_eq!(
            STRENGTHS,
            words(Strength::ALL.iter().map(|k| k.as_str()).collect())
        );
        assert_eq!(
            COMPLETIONS,
            words(Completion::ALL.iter().map(|k| k.as_str()).collect())
        );
        assert_eq!(
            SUMMIT_STATUSES,
            words(SummitStatus::ALL.iter().map(|k| k.as_str()).collect())
        );
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
            "FORMAT.md's key reference differs from src/load/spec.rs: run \
             `UPDATE_SNAPSHOTS=1 cargo test --lib format_md` and review the diff"
        );
    }
}
