//! The JSON Schema of the TOML data format, generated from the loader's statement of the
//! format (`src/load/spec.rs`): the same tables, keys, required keys, variants and rules.
//!
//! It checks the shape of each file (keys, types, required keys, closed vocabularies, id and
//! date syntax); what only the whole dataset can tell (references, membership, cycles) is
//! left to `summitry check`.

use crate::load::spec::{self, Need, Rule, Val, Variant};
use serde_json::{Map, Value, json};

fn def(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

fn id(kind: &str) -> Value {
    if kind == "party" {
        def("party-id")
    } else {
        def("id")
    }
}

/// The schema of a key's value.
fn value(val: &Val) -> Value {
    match val {
        Val::Id(kind) => id(kind),
        Val::Ids(kind, min) => json!({ "type": "array", "items": id(kind), "minItems": min }),
        Val::Text => def("text"),
        Val::Labels => def("labels"),
        Val::Lang => def("lang"),
        Val::Date => def("date"),
        Val::Term => def("term"),
        Val::Word(words) => json!({ "enum": words }),
        Val::Ordinal => def("ordinal"),
        Val::Bool => json!({ "type": "boolean" }),
        Val::Amount => json!({ "type": "number", "minimum": 0 }),
        Val::Url => json!({
            "type": "string",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s\"<>\\\\^`{|}]+([/?#][^\\s\"<>\\\\^`{|}]*)?$",
        }),
        Val::Period => json!({ "type": "string", "pattern": "^[0-9]{1,4}[ym]$" }),
        Val::Currency => json!({ "type": "string", "pattern": "^[A-Z]{3}$" }),
        Val::Score => json!({ "enum": [-1, 0, 1, crate::model::NOT_APPLICABLE] }),
        Val::Number => json!({ "anyOf": [{ "type": "integer", "minimum": 0 }, def("text")] }),
        Val::Edition => json!({ "anyOf": [def("ordinal"), { "const": "special" }] }),
        Val::Obligors => json!({
            "anyOf": [
                { "const": "all" },
                { "type": "array", "items": def("party-id"), "minItems": 1 },
            ],
        }),
        Val::Members(t) => json!({
            "type": "array",
            "minItems": 1,
            "items": { "anyOf": [def("party-id"), object(spec::table(*t))] },
        }),
        Val::HostRule(_) => def("host-rule"),
        Val::Rules => json!({ "type": "array", "items": def("host-rule-side"), "minItems": 2 }),
        Val::Table(t) => object(spec::table(*t)),
        Val::Tables(t) => json!({ "type": "array", "items": object(spec::table(*t)) }),
    }
}

/// A key's schema, with its description.
fn property(k: &spec::Key) -> Value {
    let mut v = value(&k.val);
    if let Some(o) = v.as_object_mut() {
        o.insert("description".into(), json!(k.doc));
    }
    v
}

/// A closed object of these keys (of one variant, when given), these required.
fn closed(t: &spec::Table, keys: &[&spec::Key], required: &[&str]) -> Value {
    let props: Map<String, Value> = keys.iter().map(|k| (k.name.clone(), property(k))).collect();
    json!({
        "description": t.doc,
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": false,
    })
}

/// The schema of a table: its keys, the required ones, its variants and its rules.
fn object(t: &spec::Table) -> Value {
    object_without(t, &[])
}

/// [`object`], leaving out the keys of every variant named in `leave_out` (the whole host
/// rule's `until`, which a side of `alternate` does not take).
fn object_without(t: &spec::Table, leave_out: &[&str]) -> Value {
    // Tables told apart by which key they have (host rules): one closed object per variant.
    if let Some(Variant::Presence(variants)) = &t.variant {
        let sides: Vec<Value> = variants
            .iter()
            .map(|v| {
                let keys: Vec<&spec::Key> = t
                    .keys
                    .iter()
                    .filter(|k| {
                        k.variants.contains(v)
                            || (k.variants.is_empty() && !leave_out.contains(&k.name.as_str()))
                    })
                    .collect();
                closed(t, &keys, &[v.as_str()])
            })
            .collect();
        return json!({ "description": t.doc, "oneOf": sides });
    }
    let keys: Vec<&spec::Key> = t.keys.iter().collect();
    let required: Vec<&str> = t
        .keys
        .iter()
        .filter(|k| k.need == Need::Required && k.variants.is_empty())
        .map(|k| k.name.as_str())
        .collect();
    let mut all = vec![closed(t, &keys, &required)];
    for k in &t.keys {
        if let Need::Unless(other) = &k.need {
            all.push(json!({
                "anyOf": [
                    { "required": [other] },
                    { "required": [k.name], "properties": { k.name.as_str(): value(&k.val) } },
                ],
            }));
        }
        if let (Some(Variant::Word(word)), false) = (&t.variant, k.variants.is_empty()) {
            // Required with its variants, and found on no other.
            let mut cond = json!({
                "if": { "required": [word], "properties": { word.as_str(): { "enum": k.variants } } },
                "else": { "not": { "required": [k.name] } },
            });
            if k.need == Need::Required {
                if let Some(o) = cond.as_object_mut() {
                    o.insert("then".into(), json!({ "required": [k.name] }));
                }
            }
            all.push(cond);
        }
    }
    for r in &t.rules {
        all.push(match r {
            Rule::AnyOf(keys) => json!({
                "anyOf": keys.iter().map(|k| json!({ "required": [k] })).collect::<Vec<_>>(),
            }),
            Rule::Together(a, b) => {
                json!({ "dependentRequired": { a.as_str(): [b], b.as_str(): [a] } })
            }
            Rule::Excludes(a, v, b) => json!({
                "not": { "required": [a, b], "properties": { a.as_str(): { "const": v } } },
            }),
        });
    }
    match all.len() {
        1 => all.pop().unwrap_or(Value::Null),
        _ => json!({ "allOf": all }),
    }
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
/// The text is pretty-printed JSON ending with a newline, as in the repository.
///
/// ```
/// let schema = summitry::export::json_schema();
/// assert!(schema.contains(r#""$schema": "https://json-schema.org/draft/2020-12/schema""#));
/// ```
pub fn json_schema() -> String {
    let mut text = serde_json::to_string_pretty(&json_schema_value()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema as a JSON value (inside the crate).
pub(crate) fn json_schema_value() -> Value {
    let mut properties: Map<String, Value> = spec::records()
        .map(|t| {
            (
                t.path.clone(),
                json!({ "description": t.doc, "type": "array", "items": object(t) }),
            )
        })
        .collect();
    // Single tables (`[assessment-defaults]`), and the keys of records that they may give:
    // such a key is required in every record unless the file's table gives it.
    let mut defaulted = Vec::new();
    for t in &spec::spec().tables {
        if t.single {
            properties.insert(t.path.clone(), object(t));
        }
        if !t.is_record() {
            continue;
        }
        for k in &t.keys {
            if let Need::Defaulted(single) = &k.need {
                defaulted.push(json!({
                    "if": { "not": { "required": [single], "properties": { single.as_str(): { "required": [k.name] } } } },
                    "then": { "properties": { t.path.as_str(): { "items": { "required": [k.name] } } } },
                }));
            }
        }
    }
    let tables: Vec<String> = spec::records()
        .map(|t| format!("`[[{}]]`", t.path))
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "summitry data file",
        "description": format!("A summitry data file: arrays of tables {}. See FORMAT.md.", tables.join(", ")),
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
        "allOf": defaulted,
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
            "term": {
                "description": "A date, or a half-year term `YYYY-H1` (January to June) or `YYYY-H2` (July to December).",
                "anyOf": [
                    def("date"),
                    { "type": "string", "pattern": "^[0-9]{4}-H[12]$" },
                ],
            },
            "confidence": {
                "description": "confirmed (default) or reported (a single secondary source).",
                "enum": ["confirmed", "reported"],
            },
            "host-rule": object(spec::table(spec::HOSTS)),
            "host-rule-side": object_without(spec::table(spec::HOSTS), &["until"]),
        },
    })
}
