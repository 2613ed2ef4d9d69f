//! The whole dataset as one JSON document.

use crate::Dataset;
use crate::Error;

/// The value of the `format` key of [`Dataset::export_json`]. It changes only when a field
/// changes meaning or disappears; new fields may be added within a format.
pub const JSON_FORMAT: &str = "summitry/1";

impl serde::Serialize for Dataset {
    /// The object described on [`Dataset::export_json`]: `format`, then every record by kind.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = &self.records;
        let mut st = s.serialize_struct("Dataset", 10)?;
        st.serialize_field("format", JSON_FORMAT)?;
        st.serialize_field("parties", &r.parties)?;
        st.serialize_field("sources", &r.sources)?;
        st.serialize_field("areas", &r.areas)?;
        st.serialize_field("mechanisms", &r.mechanisms)?;
        st.serialize_field("summits", &r.summits)?;
        st.serialize_field("documents", &r.documents)?;
        st.serialize_field("commitments", &r.commitments)?;
        st.serialize_field("assessments", &r.assessments)?;
        let reconciliation: Vec<_> = r
            .mechanisms
            .iter()
            .flat_map(|m| self.reconcile(m.id.as_str()).unwrap_or_default())
            .collect();
        st.serialize_field(
            "reconciliation",
            &crate::schedule::reconcile_value(&reconciliation),
        )?;
        st.end()
    }
}

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
    ///   [`reconcile_json`](crate::render::reconcile_json).
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
    /// The text is pretty-printed and ends with a newline; the same object is the
    /// [`Serialize`](serde::Serialize) form of a [`Dataset`].
    ///
    /// # Errors
    ///
    /// When writing fails ([`Error::is_io`]).
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let mut out = Vec::new();
    /// ds.export_json(&mut out)?;
    /// let v: serde_json::Value = serde_json::from_slice(&out)?;
    /// assert_eq!(v["format"], "summitry/1");
    /// assert_eq!(v["summits"].as_array().map(Vec::len), Some(ds.summits().len()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_json(&self, w: impl std::io::Write) -> Result<(), Error> {
        let mut w = w;
        serde_json::to_writer_pretty(&mut w, self)
            .map_err(|e| Error::io(&std::io::Error::from(e)))?;
        w.write_all(b"\n").map_err(|e| Error::io(&e))
    }

    /// [`export_json`](Self::export_json) into a `String`.
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let text = ds.export_json_string();
    /// assert!(text.starts_with("{\n  \"format\": \"summitry/1\","));
    /// ```
    pub fn export_json_string(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
