//! One statement of the format: FORMAT.md's key reference (generated from the loader's spec
//! and held equal to it by a unit test) against the four places that restate it.
//!
//! - the reader: `examples/data/example.toml` uses every key of the reference (active, or in
//!   a commented alternative), uses no other, and loads, as does each commented alternative
//!   put in place of the line it stands for;
//! - the JSON Schema: its tables have exactly the reference's keys, and it accepts the
//!   example and each alternative;
//! - the canonical TOML writer: the export of the example writes the reference's keys, and
//!   no other, in the reference's order; a key it leaves out has a default;
//! - FORMAT.md itself, through the reference.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use summitry::{Dataset, Loader};
use toml::de::{DeTable, DeValue};

const FORMAT: &str = include_str!("../FORMAT.md");
const EXAMPLE: &str = include_str!("../examples/data/example.toml");

/// A table of the reference: its path, its keys in order, and the keys with a default.
struct RefTable {
    keys: Vec<String>,
    defaults: BTreeSet<String>,
}

/// FORMAT.md's key reference, by table path (`mechanism.schedule.exception`).
fn reference() -> BTreeMap<String, RefTable> {
    let start = FORMAT
        .find("<!-- keys: generated from src/load/spec.rs -->")
        .unwrap();
    let end = FORMAT.find("<!-- keys: end -->").unwrap();
    let mut out = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in FORMAT[start..end].lines() {
        if let Some(h) = line.strip_prefix("### `") {
            let path = h.trim_end_matches('`').trim_matches(['[', ']']).to_owned();
            out.insert(
                path.clone(),
                RefTable {
                    keys: Vec::new(),
                    defaults: BTreeSet::new(),
                },
            );
            current = Some(path);
        } else if let (Some(p), Some(row)) = (&current, line.strip_prefix("| `")) {
            let key = row.split('`').next().unwrap().to_owned();
            let t = out.get_mut(p).unwrap();
            // A key at its default, or given by the file's single table of defaults
            // (`[assessment-defaults]`), is left out of the record.
            if line.contains("| optional, default") || line.contains("` gives it |") {
                t.defaults.insert(key.clone());
            }
            t.keys.push(key);
        }
    }
    assert_eq!(out.len(), 22, "tables in FORMAT.md's reference");
    out
}

/// Every `table.key` path of the reference.
fn reference_paths(r: &BTreeMap<String, RefTable>) -> BTreeSet<String> {
    r.iter()
        .flat_map(|(t, rt)| rt.keys.iter().map(move |k| format!("{t}.{k}")))
        .collect()
}

/// The `table.key` paths a TOML document uses, each table's keys in order of appearance,
/// walking into the tables the reference describes (host rules inside `alternate` count
/// as host rules).
fn used(text: &str, r: &BTreeMap<String, RefTable>) -> Vec<(String, Vec<String>)> {
    fn walk(
        path: &str,
        t: &DeTable<'_>,
        r: &BTreeMap<String, RefTable>,
        out: &mut Vec<(String, Vec<String>)>,
    ) {
        let mut keys = Vec::new();
        // In the order they are written (the parsed table sorts them).
        let mut entries: Vec<_> = t.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (k, v) in entries {
            let k: &str = k.get_ref();
            keys.push(k.to_owned());
            let inner = if path.ends_with(".hosts") && k == "alternate" {
                path.to_owned()
            } else {
                format!("{path}.{k}")
            };
            if !r.contains_key(&inner) {
                continue;
            }
            let items: Vec<&DeValue<'_>> = match v.get_ref() {
                DeValue::Array(a) => a.iter().map(|x| x.get_ref()).collect(),
                other => vec![other],
            };
            for item in items {
                if let DeValue::Table(t) = item {
                    walk(&inner, t, r, out);
                }
            }
        }
        out.push((path.to_owned(), keys));
    }
    let root = DeTable::parse(text).unwrap();
    let mut out = Vec::new();
    for (k, v) in root.get_ref().iter() {
        let k: &str = k.get_ref();
        match v.get_ref() {
            DeValue::Array(a) => {
                for item in a {
                    if let DeValue::Table(t) = item.get_ref() {
                        walk(k, t, r, &mut out);
                    }
                }
            }
            // A single table (`[assessment-defaults]`).
            DeValue::Table(t) => walk(k, t, r, &mut out),
            _ => {}
        }
    }
    out
}

fn paths(used: &[(String, Vec<String>)]) -> BTreeSet<String> {
    used.iter()
        .flat_map(|(t, ks)| ks.iter().map(move |k| format!("{t}.{k}")))
        .collect()
}

/// The example with each commented alternative (`# key = value  # comment`) put in place
/// of the next active line of that key.
fn alternatives() -> Vec<(String, String)> {
    let lines: Vec<&str> = EXAMPLE.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("# ") else {
            continue;
        };
        let Some((key, _)) = rest.split_once(" = ") else {
            continue;
        };
        if key.contains(' ') {
            continue;
        }
        let target = lines[i..]
            .iter()
            .position(|l| l.starts_with(&format!("{key} = ")))
            .map(|p| p + i)
            .unwrap_or_else(|| panic!("no active `{key}` after line {}", i + 1));
        let mut edited: Vec<&str> = lines.clone();
        edited[target] = rest;
        out.push((rest.to_owned(), edited.join("\n") + "\n"));
    }
    out
}

#[test]
fn the_example_uses_every_key_and_each_alternative_loads() {
    let r = reference();
    Loader::new().text("example.toml", EXAMPLE).load().unwrap();
    let mut found = paths(&used(EXAMPLE, &r));
    let alts = alternatives();
    assert_eq!(alts.len(), 7, "commented alternatives in the example");
    for (line, text) in &alts {
        if let Err(e) = Loader::new().text("example.toml", text).load() {
            panic!("with `{line}`:\n{e}");
        }
        found.extend(paths(&used(text, &r)));
    }
    let expected = reference_paths(&r);
    let missing: Vec<&String> = expected.difference(&found).collect();
    let extra: Vec<&String> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "keys of the reference the example does not use: {missing:?}; keys it uses that the reference does not state: {extra:?}"
    );
}

#[test]
fn every_commented_line_of_format_md_that_looks_like_toml_is_toml() {
    // A commented key in any TOML block of FORMAT.md parses once uncommented.
    let mut n = 0;
    for block in FORMAT.split("```toml\n").skip(1) {
        let block = block.split("```").next().unwrap();
        for line in block.lines() {
            let Some(rest) = line.strip_prefix("# ") else {
                continue;
            };
            let Some((key, _)) = rest.split_once(" = ") else {
                continue;
            };
            if key.contains(' ') {
                continue;
            }
            if let Err(e) = DeTable::parse(rest) {
                panic!("`{rest}` is not TOML once uncommented: {e}");
            }
            n += 1;
        }
    }
    assert_eq!(n, 7);
}

#[test]
fn the_export_writes_the_reference_keys_in_order() {
    let r = reference();
    let mut texts = vec![EXAMPLE.to_owned()];
    texts.extend(alternatives().into_iter().map(|(_, t)| t));
    let mut written = BTreeSet::new();
    for text in &texts {
        let ds = Dataset::from_toml_str("example.toml", text).unwrap();
        let export = ds.export_toml_string();
        let used = used(&export, &r);
        for (table, keys) in &used {
            let order = &r[table].keys;
            let ranks: Vec<usize> = keys
                .iter()
                .map(|k| {
                    order.iter().position(|o| o == k).unwrap_or_else(|| {
                        panic!("the export writes `{table}.{k}`, not in the reference")
                    })
                })
                .collect();
            assert!(
                ranks.windows(2).all(|w| w[0] < w[1]),
                "`{table}`: {keys:?} is not in the order {order:?}"
            );
        }
        written.extend(paths(&used));
    }
    // `[[decision]]` and `[[exception]]` tables join their mechanism's schedule: the export
    // writes them there, never apart.
    let apart = |p: &String| p.starts_with("decision.") || p.starts_with("exception.");
    // The example's schedule of terms writes `kind`, whose default is `meetings`.
    let defaults: BTreeSet<String> = r
        .iter()
        .flat_map(|(t, rt)| rt.defaults.iter().map(move |k| format!("{t}.{k}")))
        .filter(|p| !apart(p) && p != "mechanism.schedule.kind")
        .collect();
    let unwritten: BTreeSet<String> = reference_paths(&r)
        .difference(&written)
        .filter(|p| !apart(p))
        .cloned()
        .collect();
    assert_eq!(
        unwritten, defaults,
        "the export leaves out only keys at their default"
    );
}

#[test]
fn the_schema_has_exactly_the_reference_keys() {
    fn props(v: &Value, path: &str, out: &mut BTreeSet<String>, defs: &Value, depth: usize) {
        if depth > 12 {
            return;
        }
        if let Some(r) = v.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            if name == "host-rule" {
                props(&defs[name], path, out, defs, depth + 1);
            }
            return;
        }
        for k in ["allOf", "oneOf", "anyOf"] {
            for s in v.get(k).and_then(Value::as_array).into_iter().flatten() {
                props(s, path, out, defs, depth + 1);
            }
        }
        if let Some(items) = v.get("items") {
            props(items, path, out, defs, depth + 1);
        }
        if let Some(p) = v.get("properties").and_then(Value::as_object) {
            for (k, sub) in p {
                // `properties` inside a conditional restates a key already listed.
                if sub.get("description").is_none() && !path.is_empty() {
                    continue;
                }
                let inner = if path.is_empty() {
                    k.clone()
                } else if path.ends_with(".hosts") && k == "alternate" {
                    out.insert(format!("{path}.{k}"));
                    continue;
                } else {
                    out.insert(format!("{path}.{k}"));
                    format!("{path}.{k}")
                };
                props(sub, &inner, out, defs, depth + 1);
            }
        }
    }
    let schema: serde_json::Value = serde_json::from_str(&summitry::export::json_schema()).unwrap();
    let mut found = BTreeSet::new();
    props(&schema, "", &mut found, &schema["$defs"], 0);
    let r = reference();
    // The reference names a member table `mechanism.members` and a participant table
    // `summit.participants`; in the schema they are the items of those keys: the same paths.
    assert_eq!(found, reference_paths(&r));
}
