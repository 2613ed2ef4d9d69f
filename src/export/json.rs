//! The whole dataset as one JSON document.

use crate::Dataset;
use serde_json::{Value, json};

/// The value of the `format` key of [`Dataset::export_json`]. It changes only when a field
/// changes meaning or disappears; new fields may be added within a format.
pub const JSON_FORMAT: &str = "summitry/1";

impl Dataset {
    /// The whole dataset as one JSON object, stable and documented:
    ///
    /// ```text
    /// {"format": "summitry/1", "parties": [...], "sources": [...], "areas": [...],
    ///  "mechanisms": [...], "summits": [...], "documents": [...], "commitments": [...],
    ///  "assessments": [...]}
    /// ```
    ///
    /// Records are in load order and keep the field names of the Rust types ([`Party`],
    /// [`Source`], [`Area`], [`Mechanism`], [`Summit`], [`Document`], [`Commitment`],
    /// [`Assessment`]), in snake case. Values:
    ///
    /// - ids and language tags are strings; absent optional values are `null`; lists are
    ///   arrays (empty when nothing is listed);
    /// - dates are strings as written in data files: `"2027"`, `"2025-06"`, `"2025-06-17"`,
    ///   `"2023-05-18/2023-05-19"`;
    /// - a target's `amount` is a string holding the exact decimal (`"9007199254740993"`,
    ///   `"0.1"`; see [`Amount`](crate::Amount)): most programs read JSON numbers as
    ///   doubles, which cannot hold every amount;
    /// - labels (names, titles, cities) are objects of language tag → text, `{"en": "Astana",
    ///   "uk": "Астана"}`;
    /// - closed vocabularies are the lowercase words of the data format (`"held"`,
    ///   `"heads-of-state"`, `"joint-statement"`, `"not-started"`);
    /// - a summit's `edition` is `{"ordinal": 2}` or `"special"`;
    /// - a commitment's `obligors` is `"all"` or `{"parties": ["cn"]}` as written, and
    ///   `obligor_parties` the resolved list;
    /// - a score is `-1`, `0` or `1`;
    /// - a schedule's `kind` is `"meetings"` or `"terms"`; its `cadence` is `{"every":
    ///   {"count": 2, "unit": "years"}, "first": "2023", "first_edition": 1, "changes":
    ///   [...]}` or `null`; its `hosts` rule is `"none"`, `{"fixed": "cn"}`, `{"ordered":
    ///   {"list": [...], "start" (or null)}}`, `{"alphabetical": {"lang", "among" (array or
    ///   null), "except", "start" (or null)}}` or `{"alternate": [rule, ...]}`;
    ///   `hosts_until` (a date or null) and `hostless_uses_turn`; decisions and exceptions
    ///   carry `edition`, `edition_date` and `decided` (dates or null); an exception's
    ///   `kind` is `"skip"`, `"cancel"`, `{"swap": {"with": 3}}`, `{"replace": {"host":
    ///   "kz"}}` or `{"postpone": {"date": "2028"}}`;
    /// - `reconciliation` lists every decision against what happened, as
    ///   [`reconcile_json`](crate::reconcile_json).
    ///
    /// [`Party`]: crate::Party
    /// [`Source`]: crate::Source
    /// [`Area`]: crate::Area
    /// [`Mechanism`]: crate::Mechanism
    /// [`Summit`]: crate::Summit
    /// [`Document`]: crate::Document
    /// [`Commitment`]: crate::Commitment
    /// [`Assessment`]: crate::Assessment
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled()?;
    /// let v = ds.export_json();
    /// assert_eq!(v["format"], "summitry/1");
    /// assert_eq!(v["summits"].as_array().unwrap().len(), ds.summits().len());
    /// # Ok::<(), summitry::LoadError>(())
    /// ```
    pub fn export_json(&self) -> Value {
        let r = &self.records;
        let v = |x: Result<Value, serde_json::Error>| x.unwrap_or(Value::Null);
        json!({
            "format": JSON_FORMAT,
            "parties": v(serde_json::to_value(&r.parties)),
            "sources": v(serde_json::to_value(&r.sources)),
            "areas": v(serde_json::to_value(&r.areas)),
            "mechanisms": v(serde_json::to_value(&r.mechanisms)),
            "summits": v(serde_json::to_value(&r.summits)),
            "documents": v(serde_json::to_value(&r.documents)),
            "commitments": v(serde_json::to_value(&r.commitments)),
            "assessments": v(serde_json::to_value(&r.assessments)),
            "reconciliation": crate::reconcile_json(
                &r.mechanisms
                    .iter()
                    .flat_map(|m| self.reconcile(m.id.as_str()).unwrap_or_default())
                    .collect::<Vec<_>>()
            ),
        })
    }
}
