//! The JSON Schema of the TOML data format, written by hand.
//!
//! The loader is a hand-written reader of the spanned TOML tree (`src/load/records.rs`), so
//! there is no serde shape to derive a schema from: this one restates its rules. It checks
//! the shape of each file (keys, types, required keys, closed vocabularies, id and date
//! syntax); what only the whole dataset can tell (references, membership, cycles) is left to
//! `summitry check`.

use serde_json::{Value, json};

fn id() -> Value {
    json!({ "$ref": "#/$defs/id" })
}

fn party() -> Value {
    json!({ "$ref": "#/$defs/party-id" })
}

fn ids(min: u32) -> Value {
    json!({ "type": "array", "items": { "$ref": "#/$defs/id" }, "minItems": min })
}

fn parties(min: u32) -> Value {
    json!({ "type": "array", "items": { "$ref": "#/$defs/party-id" }, "minItems": min })
}

fn def(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

fn words(desc: &str, list: &[&str]) -> Value {
    json!({ "description": desc, "enum": list })
}

/// A closed object: these properties, these required, nothing else.
fn object(desc: &str, props: Value, required: &[&str]) -> Value {
    json!({
        "description": desc,
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

/// The host rule; `top` for the whole rule (`hosts`), which may also end (`until`).
fn host_rule(top: bool) -> Value {
    let until = |mut props: Value| {
        if let (true, Some(o)) = (top, props.as_object_mut()) {
            o.insert("until".into(), def("date"));
        }
        props
    };
    let one =
        |key: &str, value: Value, desc: &str| object(desc, until(json!({ key: value })), &[key]);
    let start = json!({ "description": "The holder of the rule's first turn.", "$ref": "#/$defs/party-id" });
    json!({
        "description": if top {
            "Who hosts: exactly one of `fixed`, `ordered`, `alphabetical` (with optional `among`/`except`) or `alternate`; `start` names the first holder of an `ordered` or `alphabetical` rule, `until` the last date the rule covers."
        } else {
            "A side of `alternate`: exactly one of `fixed`, `ordered`, `alphabetical` or `alternate`."
        },
        "oneOf": [
            one("fixed", party(), "Always the same party: `{ fixed = \"cn\" }`."),
            object(
                "A cycle over an explicit list of positions (a party may appear twice): `{ ordered = [\"kz\", \"uz\"], start = \"uz\" }`.",
                until(json!({ "ordered": parties(1), "start": start })),
                &["ordered"],
            ),
            object(
                "The members at each turn, by their names in a language: `{ alphabetical = \"en\", except = [\"cn\"] }`.",
                until(json!({
                    "alphabetical": def("lang"),
                    "among": parties(0),
                    "except": parties(0),
                    "start": start,
                })),
                &["alphabetical"],
            ),
            one(
                "alternate",
                json!({ "type": "array", "items": def("host-rule"), "minItems": 2 }),
                "Sides take turns, each with its own rule: `{ alternate = [rule, rule] }`.",
            ),
        ],
    })
}

/// A decision; `loose` for a `[[decision]]` of its own, which names its mechanism.
fn decision(loose: bool) -> Value {
    let mut props = json!({
        "edition": def("ordinal"),
        "edition-date": { "description": "The edition named by its date (or term) instead of its ordinal.", "$ref": "#/$defs/term" },
        "decided": { "description": "When the decision was taken: the latest decision on an edition wins.", "$ref": "#/$defs/date" },
        "date": def("date"),
        "host": party(),
        "document": id(),
        "confidence": def("confidence"),
        "sources": ids(1),
        "note": def("text"),
    });
    let mut required = vec!["sources"];
    if let (true, Some(o)) = (loose, props.as_object_mut()) {
        o.insert("mechanism".into(), id());
        required.push("mechanism");
    }
    json!({
        "allOf": [
            object("An edition decided by a document: its date, its host or both.", props, &required),
            { "anyOf": [ { "required": ["date"] }, { "required": ["host"] } ] },
            { "oneOf": [ { "required": ["edition"] }, { "required": ["edition-date"] } ] },
        ],
    })
}

/// An exception; `loose` for an `[[exception]]` of its own, which names its mechanism.
fn exception(loose: bool) -> Value {
    let mut props = json!({
        "edition": def("ordinal"),
        "edition-date": { "description": "The edition named by its date (or term) instead of its ordinal.", "$ref": "#/$defs/term" },
        "decided": { "description": "When the exception was decided: the latest of one kind on an edition wins.", "$ref": "#/$defs/date" },
        "kind": words("What happens.", &["skip", "swap", "replace", "postpone", "cancel"]),
        "with": def("ordinal"),
        "host": party(),
        "date": def("date"),
        "sources": ids(1),
        "note": def("text"),
    });
    let mut required = vec!["kind", "sources"];
    if let (true, Some(o)) = (loose, props.as_object_mut()) {
        o.insert("mechanism".into(), id());
        required.push("mechanism");
    }
    json!({
        "allOf": [
            object("A departure from the rule for one edition.", props, &required),
            { "oneOf": [ { "required": ["edition"] }, { "required": ["edition-date"] } ] },
            { "if": { "properties": { "kind": { "const": "swap" } } }, "then": { "required": ["with"] } },
            { "if": { "properties": { "kind": { "const": "replace" } } }, "then": { "required": ["host"] } },
            { "if": { "properties": { "kind": { "const": "postpone" } } }, "then": { "required": ["date"] } },
        ],
    })
}

fn records() -> Value {
    let sources_req = || {
        let mut s = ids(1);
        if let Some(o) = s.as_object_mut() {
            o.insert(
                "description".into(),
                json!("The ids of the sources for these facts (at least one)."),
            );
        }
        s
    };
    json!({
        "party": object(
            "A state (its id is its ISO 3166-1 alpha-2 code) or an organisation.",
            json!({
                "id": party(),
                "kind": words("State or organisation.", &["state", "organisation"]),
                "name": def("labels"),
                "sources": ids(0),
            }),
            &["id", "kind", "name"],
        ),
        "source": object(
            "A publication that facts cite.",
            json!({
                "id": id(),
                "publisher": def("text"),
                "title": def("text"),
                "lang": def("lang"),
                "date": def("date"),
                "url": {
                    "description": "An `http` or `https` address with a host; spaces, quotes, angle brackets and backslashes percent-encoded.",
                    "type": "string",
                    "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s\"<>\\\\^`{|}]+([/?#][^\\s\"<>\\\\^`{|}]*)?$",
                },
                "note": def("text"),
            }),
            &["id", "publisher", "title", "lang"],
        ),
        "area": object(
            "An area of cooperation; `parent` makes it a sub-area.",
            json!({ "id": id(), "parent": id(), "label": def("labels") }),
            &["id", "label"],
        ),
        "mechanism": object(
            "A recurring format: a summit series, a ministerial, a chairmanship.",
            json!({
                "id": id(),
                "name": def("labels"),
                "level": words("Who meets.", &["heads-of-state", "ministerial", "other"]),
                "members": {
                    "description": "Members: party ids, or tables with `party`, `since` and `until`.",
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "anyOf": [
                            party(),
                            object(
                                "A member with the dates it joined and left.",
                                json!({ "party": party(), "since": def("date"), "until": def("date") }),
                                &["party"],
                            ),
                        ],
                    },
                },
                "established": def("date"),
                "secretariat": object(
                    "The mechanism's permanent secretariat.",
                    json!({ "seat": def("labels"), "established": def("date"), "sources": sources_req() }),
                    &["seat", "sources"],
                ),
                "schedule": def("schedule"),
                "sources": sources_req(),
                "note": def("text"),
            }),
            &["id", "name", "level", "members", "sources"],
        ),
        "summit": object(
            "One edition of a mechanism.",
            json!({
                "id": id(),
                "mechanism": id(),
                "edition": {
                    "description": "The ordinal (from 1), or \"special\" for an edition outside the count.",
                    "anyOf": [
                        { "type": "integer", "minimum": 1, "maximum": 4294967295u64 },
                        { "const": "special" },
                    ],
                },
                "name": def("labels"),
                "date": def("date"),
                "host": party(),
                "venue": object(
                    "Where the summit takes place.",
                    json!({ "city": def("labels"), "place": def("labels") }),
                    &["city"],
                ),
                "online": { "type": "boolean" },
                "status": words("Where it stands.", &["planned", "held", "postponed", "cancelled"]),
                "confidence": def("confidence"),
                "participants": {
                    "type": "array",
                    "items": object(
                        "Someone who took part for a party.",
                        json!({ "party": party(), "person": def("text"), "role": def("text") }),
                        &["party"],
                    ),
                },
                "sources": sources_req(),
                "note": def("text"),
            }),
            &["id", "mechanism", "edition", "date", "status", "sources"],
        ),
        "document": {
            "allOf": [
                object(
                    "A document adopted at a summit or by a mechanism: give `summit`, `mechanism` or both.",
                    json!({
                        "id": id(),
                        "kind": words("The kind of document.", &[
                            "declaration", "joint-statement", "communique", "treaty", "action-plan",
                            "mou", "list-of-outcomes", "speech", "other",
                        ]),
                        "title": def("labels"),
                        "summit": id(),
                        "mechanism": id(),
                        "date": def("date"),
                        "signatories": parties(0),
                        "binding": { "type": "boolean" },
                        "sources": sources_req(),
                        "note": def("text"),
                    }),
                    &["id", "kind", "title", "date", "signatories", "sources"],
                ),
                { "anyOf": [ { "required": ["summit"] }, { "required": ["mechanism"] } ] },
            ],
        },
        "commitment": {
            "allOf": [
                object(
                    "A promise in a document. `sources` may be left out when `quote` cites one.",
                    json!({
                        "id": id(),
                        "document": id(),
                        "text": def("text"),
                        "quote": object(
                            "The verbatim words in the original language.",
                            json!({ "lang": def("lang"), "text": def("text"), "source": id() }),
                            &["lang", "text", "source"],
                        ),
                        "areas": ids(1),
                        "obligors": {
                            "description": "\"all\" (every signatory) or the parties bound.",
                            "anyOf": [ { "const": "all" }, parties(1) ],
                        },
                        "kind": words("What sort of promise.", &["institutional", "policy", "financial", "schedule"]),
                        "strength": words("How strongly worded.", &["binding", "pledge", "readiness", "support"]),
                        "target": {
                            "allOf": [
                                object(
                                    "A quantified target: an amount with a unit or an ISO 4217 currency.",
                                    json!({
                                        "amount": { "type": "number", "minimum": 0 },
                                        "unit": def("text"),
                                        "currency": { "type": "string", "pattern": "^[A-Z]{3}$" },
                                    }),
                                    &["amount"],
                                ),
                                { "anyOf": [ { "required": ["unit"] }, { "required": ["currency"] } ] },
                            ],
                        },
                        "deadline": def("date"),
                        "reiterates": ids(0),
                        "supersedes": ids(0),
                        "sources": ids(0),
                        "note": def("text"),
                    }),
                    &["id", "document", "text", "areas", "obligors", "kind", "strength"],
                ),
                {
                    "anyOf": [
                        { "required": ["quote"] },
                        { "required": ["sources"], "properties": { "sources": { "minItems": 1 } } },
                    ],
                },
            ],
        },
        "assessment": {
            "allOf": [
                object(
                    "The state of one commitment for one party at one time: a `score`, a `status` or both.",
                    json!({
                        "commitment": id(),
                        "party": party(),
                        "score": {
                            "description": "G20 Research Group scale: -1 no compliance, 0 partial, 1 full.",
                            "enum": [-1, 0, 1],
                        },
                        "status": words("How far it has been carried out.", &[
                            "unknown", "not-started", "limited", "substantial", "complete",
                        ]),
                        "rater": def("text"),
                        "as-of": def("date"),
                        "recorded": def("date"),
                        "evidence": ids(1),
                        "note": def("text"),
                    }),
                    &["commitment", "party", "rater", "as-of", "recorded", "evidence"],
                ),
                { "anyOf": [ { "required": ["score"] }, { "required": ["status"] } ] },
            ],
        },
    })
}

fn schedule() -> Value {
    let sources = ids(1);
    json!({
        "allOf": [
            object(
                "How a mechanism schedules its meetings: cadence, host rule, decisions, exceptions.",
                json!({
                    "every": {
                        "description": "The period: `2y` every two years, `6m` every six months.",
                        "type": "string",
                        "pattern": "^[0-9]{1,4}[ym]$",
                    },
                    "kind": words("Meetings (the default: a slip moves the editions after it) or calendar terms (chairmanships, presidencies).", &["meetings", "terms"]),
                    "first": { "description": "The date of the anchor edition; for terms, the whole first term.", "$ref": "#/$defs/term" },
                    "first-edition": { "type": "integer", "minimum": 1 },
                    "hosts": def("hosts"),
                    "hostless-uses-turn": { "description": "Whether a held edition with no host uses up a turn (default false).", "type": "boolean" },
                    "sources": sources,
                    "change": {
                        "type": "array",
                        "items": object(
                            "A new period from a date on.",
                            json!({
                                "from": def("term"),
                                "every": { "type": "string", "pattern": "^[0-9]{1,4}[ym]$" },
                                "sources": sources,
                            }),
                            &["from", "every", "sources"],
                        ),
                    },
                    "decision": { "type": "array", "items": decision(false) },
                    "exception": { "type": "array", "items": exception(false) },
                    "note": def("text"),
                }),
                &["sources"],
            ),
            { "dependentRequired": { "every": ["first"], "first": ["every"] } },
        ],
    })
}

/// The JSON Schema (draft 2020-12) of a summitry TOML data file, for editors: Taplo and VS
/// Code's Even Better TOML validate a file against it as the user types (see the
/// [format documentation](crate::format)). `summitry export schema` prints it; the repository
/// ships it as `schema/summitry.schema.json`.
///
/// It describes a file as TOML-to-JSON converters see it: a TOML local date (`2025-06-17`)
/// is the string `"2025-06-17"`. Every table is closed (`additionalProperties: false`), so a
/// misspelt key is flagged. Checks that need the whole dataset (unknown ids, membership,
/// cycles) are left to `summitry check`.
///
/// ```
/// let schema = summitry::json_schema();
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["additionalProperties"], false);
/// ```
pub fn json_schema() -> Value {
    let records = records();
    let top = |kind: &str, desc: &str| {
        json!({
            "description": desc,
            "type": "array",
            "items": records.get(kind).cloned().unwrap_or(Value::Null),
        })
    };
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "summitry data file",
        "description": "A summitry data file: arrays of tables `[[party]]`, `[[source]]`, `[[area]]`, `[[mechanism]]`, `[[summit]]`, `[[document]]`, `[[commitment]]`, `[[assessment]]`, `[[decision]]`, `[[exception]]`. See FORMAT.md.",
        "type": "object",
        "properties": {
            "party": top("party", "States and organisations."),
            "source": top("source", "Publications that facts cite."),
            "area": top("area", "The taxonomy of areas."),
            "mechanism": top("mechanism", "Recurring formats and their schedules."),
            "summit": top("summit", "Editions of mechanisms."),
            "document": top("document", "Documents adopted."),
            "commitment": top("commitment", "Promises in documents."),
            "assessment": top("assessment", "Compliance assessments."),
            "decision": { "description": "Decisions written outside their mechanism, which they name.", "type": "array", "items": decision(true) },
            "exception": { "description": "Exceptions written outside their mechanism, which they name.", "type": "array", "items": exception(true) },
        },
        "additionalProperties": false,
        "$defs": {
            "id": {
                "description": "An id: lowercase ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit.",
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9._-]*$",
                "maxLength": 128,
            },
            "party-id": {
                "description": "A party id (case-insensitive: `KZ` is `kz`).",
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                "maxLength": 128,
            },
            "ordinal": { "description": "An edition number, from 1.", "type": "integer", "minimum": 1, "maximum": 4294967295u64 },
            "text": { "type": "string", "pattern": "\\S" },
            "lang": {
                "description": "A BCP 47 language tag: `en`, `uk`, `zh-Hans`.",
                "type": "string",
                "pattern": "^[A-Za-z]{2,3}([-_][A-Za-z]{4})?([-_]([A-Za-z]{2}|[0-9]{3}))?([-_]([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$",
            },
            "labels": {
                "description": "Text in one or more languages: a string (English) or a table of language tag to text.",
                "anyOf": [
                    def("text"),
                    {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": def("lang"),
                        "additionalProperties": def("text"),
                    },
                ],
            },
            "date": {
                "description": "A year (`2027`), or a string `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`; a bare TOML date (`2025-06-17`) is a day. Never a date-time.",
                "anyOf": [
                    { "type": "integer", "minimum": 1, "maximum": 9998 },
                    { "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?)?)?$" },
                ],
            },
            "confidence": {
                "description": "confirmed (default) or reported (a single secondary source).",
                "enum": ["confirmed", "reported"],
            },
            "term": {
                "description": "A date, or a half-year term `YYYY-H1` (January to June) or `YYYY-H2` (July to December).",
                "anyOf": [
                    def("date"),
                    { "type": "string", "pattern": "^[0-9]{4}-H[12]$" },
                ],
            },
            "hosts": host_rule(true),
            "host-rule": host_rule(false),
            "schedule": schedule(),
        },
    })
}
