//! Rendering a schedule for the command line: JSON and text.

use super::{EditionStatus, ProjectedEdition};
use crate::{Dataset, Messages, PartialDate, Precision, ReportOptions};
use chrono::Datelike;
use serde_json::{Value, json};

/// The JSON form of a schedule: an array with one object per edition, holding `ordinal`
/// (null for a special edition), `date` (the partial-date string as written in data files,
/// or null), `host` (a party id or null), `candidates` (party ids, empty when the host is
/// known), `status` (`held`, `decided`, `projected` or `cancelled`), `summit` (a summit id
/// or null), `source` (the short provenance of [`ProjectedEdition::source`]) and
/// `provenance` (every claim, with its field, basis and sources).
pub fn schedule_json(editions: &[ProjectedEdition]) -> Value {
    Value::Array(editions.iter().map(edition_json).collect())
}

fn edition_json(e: &ProjectedEdition) -> Value {
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
/// when the rule cannot decide), status and short provenance, cut with `…` when too long.
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
            "{ordinal:>3}  {date:<date_width$}  {host:<14}  {status:<status_width$}  {source}",
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

/// The host's name, or the candidates (`one of KG, TJ`), in the language of `m`.
pub(crate) fn host_text(ds: &Dataset, e: &ProjectedEdition, m: &Messages, lang: &str) -> String {
    match &e.host {
        Some(h) => ds.party_name(h.as_str(), lang).to_owned(),
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

/// A date as in data files, except that a range within one month or year is shortened:
/// `2023-05-18/19`, `2023-05-30/06-02`.
fn compact_date(d: &PartialDate) -> String {
    let full = d.to_string();
    if d.precision() != Precision::Range {
        return full;
    }
    let (a, b) = (d.first_day(), d.last_day());
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
