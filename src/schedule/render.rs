//! Rendering a schedule for the command line: JSON and text.

use super::ProjectedEdition;
use crate::{Dataset, PartialDate, Precision};
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

/// The width of the text output.
const WIDTH: usize = 80;
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
    let date_width = editions
        .iter()
        .map(|e| e.date.map_or(1, |d| compact_date(&d).len()))
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = String::new();
    for e in editions {
        let ordinal = e
            .ordinal
            .map_or_else(|| "sp.".to_owned(), |n| n.to_string());
        let date = e.date.map_or_else(|| "?".to_owned(), |d| compact_date(&d));
        let host = match &e.host {
            Some(h) => ds.party_name(h.as_str(), lang).to_owned(),
            None if e.candidates.is_empty() => "unknown".to_owned(),
            None if e.candidates.len() > MAX_LISTED => {
                format!("one of {} members", e.candidates.len())
            }
            None => format!(
                "one of {}",
                e.candidates
                    .iter()
                    .map(|c| c.as_str().to_uppercase())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let line = format!(
            "{ordinal:>3}  {date:<date_width$}  {host:<14}  {status:<9}  {source}",
            status = e.status.as_str(),
            source = e.source(),
        );
        out.push_str(&fit(line.trim_end(), WIDTH));
        out.push('\n');
    }
    crate::neutral::terminal_owned(out)
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
