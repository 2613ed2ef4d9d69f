//! Rendering a schedule for the command line: JSON and text.

use super::{EditionStatus, Outcome, ProjectedEdition, Reconciliation};
use crate::render::{Messages, ReportOptions};
use crate::{Dataset, PartialDate, Precision};
use chrono::Datelike;
use serde_json::{Value, json};

/// The JSON form of a schedule: an array with one object per edition, holding `ordinal`
/// (null for a special edition), `date` (the partial-date string as written in data files,
/// or null), `host` (a party id or null), `candidates` (party ids, empty when the host is
/// known), `status` (`held`, `decided`, `projected` or `cancelled`), `summit` (a summit id
/// or null), `source` (the short provenance of [`ProjectedEdition::source`]) and
/// `provenance` (every claim, with its field, basis and sources).
pub fn schedule_json(editions: &[ProjectedEdition]) -> String {
    crate::report::pretty(&schedule_value(editions))
}

/// One edition as a JSON object (pretty-printed), in the shape of the elements of
/// [`schedule_json`]: what `summitry next --format json` prints.
pub fn edition_json(e: &ProjectedEdition) -> String {
    crate::report::pretty(&edition_value(e))
}

/// [`schedule_json`] as a JSON value.
pub(crate) fn schedule_value(editions: &[ProjectedEdition]) -> Value {
    Value::Array(editions.iter().map(edition_value).collect())
}

fn edition_value(e: &ProjectedEdition) -> Value {
    json!({
        "ordinal": e.ordinal,
        "date": e.date.map(|d| d.to_string()),
        "host": e.host.as_ref().map(|h| h.as_str()),
        "candidates": e.candidates.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "status": e.status.as_str(),
        "summit": e.summit.as_ref().map(|s| s.as_str()),
        "source": e.source(),
        "provenance": serde_json::to_value(&e.provenance).unwrap_or(Value::Null),
    })
}

/// The most candidates listed by id before they are only counted.
const MAX_LISTED: usize = 8;

/// The text form of a schedule, one line per edition, at most 80 columns: ordinal (or
/// `sp.` for a special edition), date, host name in `lang` (or `one of KG, TJ, TM, UZ`
/// when the rule cannot decide, `no host` for a held edition that had none; the column is as wide as the longest, up to 14), status
/// and short provenance, cut with `…` when too long.
///
/// ```text
///   1  2023-05-18/19  China           held       summit cca-2023-xian
///   3  2027           China           projected  rule (xian-declaration-2023); r…
///   4  2029           Kyrgyzstan      projected  rule (xian-declaration-2023)
/// ```
pub fn schedule_text(ds: &Dataset, editions: &[ProjectedEdition], lang: &str) -> String {
    schedule_table(ds, editions, &ReportOptions::new().lang(lang))
}

/// [`schedule_text`] with the interface words and names in [`ReportOptions::lang`], fitted
/// to [`ReportOptions::width`] (never cut when it is `None`).
pub fn schedule_table(ds: &Dataset, editions: &[ProjectedEdition], o: &ReportOptions) -> String {
    let m = o.messages();
    let lang = o.lang_str();
    let date_width = editions
        .iter()
        .map(|e| e.date.map_or(1, |d| compact_date(&d).len()))
        .max()
        .unwrap_or(4)
        .max(4);
    // The host column is as wide as its longest name, up to 14 characters.
    let host_width = editions
        .iter()
        .map(|e| host_text(ds, e, &m, lang).chars().count())
        .max()
        .unwrap_or(4)
        .clamp(4, 14);
    let status_width = EditionStatus::ALL
        .iter()
        .map(|s| m.word("edition-status", s.as_str()).chars().count())
        .max()
        .unwrap_or(9);
    let mut out = String::new();
    for e in editions {
        let ordinal = e
            .ordinal
            .map_or_else(|| m.get("schedule.special").to_owned(), |n| n.to_string());
        let date = e.date.map_or_else(|| "?".to_owned(), |d| compact_date(&d));
        let host = host_text(ds, e, &m, lang);
        let line = format!(
            "{ordinal:>3}  {date:<date_width$}  {host:<host_width$}  {status:<status_width$}  {source}",
            status = m.word("edition-status", e.status.as_str()),
            source = e.source_in(&m),
        );
        match o.fit_width() {
            Some(w) => out.push_str(&fit(line.trim_end(), w)),
            None => out.push_str(line.trim_end()),
        }
        out.push('\n');
    }
    crate::neutral::terminal_owned(out)
}

/// The host's name, `no host` for a held edition that had none, or the candidates (`one
/// of KG, TJ`), in the language of `m`.
pub(crate) fn host_text(ds: &Dataset, e: &ProjectedEdition, m: &Messages, lang: &str) -> String {
    match &e.host {
        Some(h) => ds.party_label(h.as_str(), lang).to_owned(),
        // Held with no host (online): there was none.
        None if e.candidates.is_empty() && e.status == EditionStatus::Held => {
            m.get("schedule.no-host").to_owned()
        }
        None if e.candidates.is_empty() => m.get("schedule.host-unknown").to_owned(),
        None if e.candidates.len() > MAX_LISTED => m.format(
            "schedule.one-of-members",
            &[("n", &e.candidates.len().to_string())],
        ),
        None => m.format(
            "schedule.one-of",
            &[(
                "list",
                &e.candidates
                    .iter()
                    .map(|c| c.as_str().to_uppercase())
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        ),
    }
}

/// A date as in data files, except that a half-year is written as a term (`2025-H2`) and
/// a range within one month or year is shortened: `2023-05-18/19`, `2023-05-30/06-02`.
fn compact_date(d: &PartialDate) -> String {
    let full = d.to_string();
    let term = crate::term_label(d);
    if term != full {
        return term;
    }
    if d.precision() != Precision::Range {
        return full;
    }
    let (a, b) = (d.first(), d.last());
    let tail = if a.year() != b.year() {
        return full;
    } else if a.month() == b.month() {
        format!("{:02}", b.day())
    } else {
        format!("{:02}-{:02}", b.month(), b.day())
    };
    format!("{:04}-{:02}-{:02}/{tail}", a.year(), a.month(), a.day())
}

/// Cuts a line to `width` characters, ending it with `…` when cut.
fn fit(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        return line.to_owned();
    }
    let mut s: String = line.chars().take(width.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// A schedule as CSV (RFC 4180, quoted like the other CSV renderers): one row per edition
/// with `ordinal` (empty for a special edition), `date`, `host` (a party id), `candidates`
/// (`;`-separated ids), `status`, `summit` and `source` (the short provenance). Formula-like
/// cells are neutralised unless [`ReportOptions::raw_csv`].
pub fn schedule_csv(editions: &[ProjectedEdition], o: &ReportOptions) -> String {
    let mut out = String::new();
    let raw = o.raw_csv;
    crate::report::csv::record(
        &mut out,
        raw,
        &[
            "ordinal",
            "date",
            "host",
            "candidates",
            "status",
            "summit",
            "source",
        ],
    );
    for e in editions {
        crate::report::csv::record(
            &mut out,
            raw,
            &[
                e.ordinal.map(|n| n.to_string()).unwrap_or_default(),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                e.host
                    .as_ref()
                    .map(|h| h.as_str().to_owned())
                    .unwrap_or_default(),
                e.candidates
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
                e.status.as_str().to_owned(),
                e.summit
                    .as_ref()
                    .map(|s| s.as_str().to_owned())
                    .unwrap_or_default(),
                e.source(),
            ],
        );
    }
    out
}

/// The JSON form of [`Dataset::holder_on`]'s answer: `null` when no edition holds the
/// mechanism on that date, else an object with `ordinal`, `date`, `host`, `candidates`,
/// `status`, `summit` and `source` as in [`schedule_json`], plus `first` and `last` (the
/// first and last day of the edition's date: for a term, the term) and `term` (the date
/// written as a term, `2025-H2` for a half-year).
pub fn holder_json(e: Option<&ProjectedEdition>) -> String {
    crate::report::pretty(&holder_value(e))
}

/// [`holder_json`] as a JSON value.
pub(crate) fn holder_value(e: Option<&ProjectedEdition>) -> Value {
    let Some(e) = e else { return Value::Null };
    let mut v = edition_value(e);
    if let Value::Object(o) = &mut v {
        o.remove("provenance");
        o.insert(
            "first".into(),
            json!(e.date.map(|d| d.first_day().to_string())),
        );
        o.insert(
            "last".into(),
            json!(e.date.map(|d| d.last_day().to_string())),
        );
        o.insert("term".into(), json!(e.date.map(|d| crate::term_label(&d))));
    }
    v
}

fn outcome_json(o: &Outcome) -> Value {
    match o {
        Outcome::Moved { host, date } => json!({
            "outcome": "moved",
            "host": host.as_ref().map(|(a, b)| json!({"decided": a.as_str(), "actual": b.as_str()})),
            "date": date.as_ref().map(|(a, b)| json!({"decided": a.to_string(), "actual": b.to_string()})),
        }),
        other => json!({ "outcome": other.as_str() }),
    }
}

/// The JSON form of reconciliations ([`Dataset::reconcile`]): an array with one object
/// per decision: `mechanism`, `edition`, `decided` (`date`, `host`, `confidence`,
/// `document`, `sources`, `decided` (when the decision was taken, if given)), `summit`
/// (the summit record compared with, or null), and `outcome`: `{"outcome": "kept"}`,
/// `"cancelled"`, `"pending"`, or `{"outcome": "moved", "host": {"decided", "actual"} or
/// null, "date": {"decided", "actual"} or null}`.
pub fn reconcile_json(items: &[Reconciliation]) -> String {
    crate::report::pretty(&reconcile_value(items))
}

/// [`reconcile_json`] as a JSON value.
pub(crate) fn reconcile_value(items: &[Reconciliation]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|r| {
                let d = &r.decision;
                json!({
                    "mechanism": r.mechanism.as_str(),
                    "edition": r.edition,
                    "decided": {
                        "date": d.date.map(|x| x.to_string()),
                        "host": d.host.as_ref().map(|h| h.as_str()),
                        "confidence": d.confidence.as_str(),
                        "document": d.document.as_ref().map(|x| x.as_str()),
                        "sources": d.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                        "decided": d.decided.map(|x| x.to_string()),
                    },
                    "summit": r.summit.as_ref().map(|s| s.as_str()),
                    "outcome": outcome_json(&r.outcome),
                })
            })
            .collect(),
    )
}

/// What a reconciliation says, in words: `kept`, `moved: host Kazakhstan → Tajikistan,
/// date 2025 → 2026-03`, `cancelled`, `pending`, in the language of `m`.
pub(crate) fn outcome_words(ds: &Dataset, o: &Outcome, m: &Messages, lang: &str) -> String {
    match o {
        Outcome::Moved { host, date } => {
            let mut parts = Vec::new();
            if let Some((a, b)) = host {
                parts.push(m.format(
                    "decisions.moved-host",
                    &[
                        ("from", ds.party_label(a.as_str(), lang)),
                        ("to", ds.party_label(b.as_str(), lang)),
                    ],
                ));
            }
            if let Some((a, b)) = date {
                parts.push(m.format(
                    "decisions.moved-date",
                    &[("from", &a.to_string()), ("to", &b.to_string())],
                ));
            }
            format!("{}: {}", m.get("decisions.moved"), parts.join(", "))
        }
        Outcome::Kept => m.get("decisions.kept").to_owned(),
        Outcome::Cancelled => m.get("decisions.cancelled").to_owned(),
        Outcome::Pending => m.get("decisions.pending").to_owned(),
    }
}

/// What a decision decided, in words: `2025, Kazakhstan`, `Kazakhstan`, `2027`, with
/// `(reported)` for a reported decision, in the language of `m`.
pub(crate) fn decided_words(ds: &Dataset, d: &crate::Decision, m: &Messages, lang: &str) -> String {
    let mut parts = Vec::new();
    if let Some(x) = d.date {
        parts.push(x.to_string());
    }
    if let Some(h) = &d.host {
        parts.push(ds.party_label(h.as_str(), lang).to_owned());
    }
    let mut s = parts.join(", ");
    if d.confidence == crate::Confidence::Reported {
        s.push(' ');
        s.push_str(m.get("decisions.reported"));
    }
    s
}

/// The text form of reconciliations, with the interface words in `lang`, by mechanism:
/// the mechanism's id, then one line per decision (edition, what was decided, what became of it, the summit compared with), the
/// outcome on a line of its own when the line would pass 80 columns.
///
/// ```text
/// china-central-asia
///     2  decided 2025, Kazakhstan: kept (cca-2025-astana)
/// ```
pub fn reconcile_text(ds: &Dataset, items: &[Reconciliation], lang: &str) -> String {
    const WIDTH: usize = 80;
    let m = Messages::new(lang);
    let mut out = String::new();
    let mut current: Option<&str> = None;
    for r in items {
        if current != Some(r.mechanism.as_str()) {
            current = Some(r.mechanism.as_str());
            out.push_str(&fit(r.mechanism.as_str(), WIDTH));
            out.push('\n');
        }
        let head = format!(
            "  {:>3}  {}",
            r.edition,
            m.format(
                "decisions.decided",
                &[("what", &decided_words(ds, &r.decision, &m, lang))]
            )
        );
        let mut outcome = outcome_words(ds, &r.outcome, &m, lang);
        if let Some(s) = &r.summit {
            outcome.push_str(&format!(" ({s})"));
        }
        let one = format!("{head}: {outcome}");
        if one.chars().count() <= WIDTH {
            out.push_str(&one);
        } else {
            out.push_str(&fit(&format!("{head}:"), WIDTH));
            out.push('\n');
            out.push_str(&fit(&format!("       {outcome}"), WIDTH));
        }
        out.push('\n');
    }
    // Names come from the data: nothing in them may control the terminal.
    crate::neutral::terminal_owned(out)
}
