//! An iCalendar (RFC 5545) feed of editions, written by hand.

use super::{ExportOptions, edition_city, host_words, mechanism_name, precision_note};
use crate::{Dataset, EditionStatus, Error, Mechanism, Precision, ProjectedEdition};
use chrono::{Datelike, NaiveDate};

/// The DTSTAMP used when no source in the dataset has a date: 2000-01-01 00:00:00 UTC.
const EPOCH_STAMP: &str = "20000101T000000Z";

/// The longest content line, in octets, before folding (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\`, `;`, `,` and newlines; a control
/// character TEXT may not hold (RFC 5545 `CONTROL`: U+0000–U+0008, U+000A–U+001F, U+007F)
/// becomes U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if !crate::neutral::ics_char(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a UTF-8 character, with
/// CRLF line ends (RFC 5545 §3.1). Continuation lines start with one space, which counts
/// towards their 75 octets.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > FOLD_AT {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn ics_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The DTSTAMP of every event: the last day of the latest dated source, at midnight UTC, so
/// that the same data always gives the same feed; [`EPOCH_STAMP`] when no source is dated.
fn stamp(ds: &Dataset) -> String {
    ds.sources()
        .iter()
        .filter_map(|s| s.date.map(|d| d.last()))
        .max()
        .map_or_else(
            || EPOCH_STAMP.to_owned(),
            |d| format!("{}T000000Z", ics_date(d)),
        )
}

fn ordinal_words(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The stable UID of an edition: `{mechanism}-{ordinal}@summitry`, or `{summit}@summitry`
/// for a special edition (which always has a summit record).
fn uid(m: &Mechanism, e: &ProjectedEdition) -> String {
    match (e.ordinal, &e.summit) {
        (Some(n), _) => format!("{}-{n}@summitry", m.id),
        (None, Some(s)) => format!("{s}@summitry"),
        (None, None) => format!("{}-special@summitry", m.id),
    }
}

impl Dataset {
    /// An iCalendar feed (RFC 5545) of the editions of every mechanism, or of the one named
    /// in the options: held editions and those ahead, up to [`ExportOptions::upcoming`] per
    /// mechanism. Editions without any date are left out (a calendar cannot hold them).
    ///
    /// Each edition is an all-day `VEVENT`: `DTSTART;VALUE=DATE` is its first possible day and
    /// `DTEND;VALUE=DATE` the day after its last, so `DTEND` is always after `DTSTART`.
    ///
    /// - A date known only to the year or month is encoded as that whole year or month, with
    ///   `STATUS:TENTATIVE`, and the summary and description say "date known to the year
    ///   only" (or month): a day is never invented.
    /// - Held editions, and decided ones whose day is known, are `STATUS:CONFIRMED`;
    ///   projected ones `TENTATIVE`; cancelled ones `CANCELLED`.
    /// - `LOCATION` is the city and host when known, the host alone, or "one of …" the
    ///   candidates when the rule cannot decide.
    /// - `UID` is stable from run to run: `china-central-asia-3@summitry`, or the summit id
    ///   for a special edition (`cca-2022-virtual@summitry`).
    /// - `DTSTAMP` is derived from the data, not the clock: the last day of the latest dated
    ///   source, at 00:00:00 UTC (or 2000-01-01 when no source is dated). Two runs on the same
    ///   data and options give byte-identical output.
    ///
    /// Lines end with CRLF, are folded at 75 octets (never inside a UTF-8 character) and TEXT
    /// values escape `\`, `;`, `,` and newlines.
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism.
    ///
    /// ```
    /// use summitry::export::ExportOptions;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let o = ExportOptions::new().mechanism("china-central-asia").as_of(summitry::Day::new(2026, 1, 1)?);
    /// let ics = ds.export_ics_string(&o)?;
    /// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_ics_string(&self, o: &ExportOptions) -> Result<String, Error> {
        let mechanisms = self.export_mechanisms(o)?;
        let dtstamp = stamp(self);
        let mut out = String::new();
        line(&mut out, "BEGIN:VCALENDAR");
        line(&mut out, "VERSION:2.0");
        line(
            &mut out,
            &format!(
                "PRODID:-//summitry//summitry {}//EN",
                env!("CARGO_PKG_VERSION")
            ),
        );
        line(&mut out, "CALSCALE:GREGORIAN");
        line(&mut out, "METHOD:PUBLISH");
        let calname = match mechanisms.as_slice() {
            [m] => mechanism_name(m, &o.lang).to_owned(),
            _ => "Summits (summitry)".to_owned(),
        };
        line(&mut out, &format!("X-WR-CALNAME:{}", escape(&calname)));
        for m in mechanisms {
            for e in self.export_editions(m, o) {
                self.ics_event(&mut out, m, &e, &dtstamp, o);
            }
        }
        line(&mut out, "END:VCALENDAR");
        Ok(out)
    }

    fn ics_event(
        &self,
        out: &mut String,
        m: &Mechanism,
        e: &ProjectedEdition,
        dtstamp: &str,
        o: &ExportOptions,
    ) {
        let Some(date) = e.date else {
            return;
        };
        let lang = o.lang.as_str();
        let end = date.last().succ_opt().unwrap_or(date.last());
        let exact = matches!(date.precision(), Precision::Day | Precision::Range);
        let status = match e.status {
            EditionStatus::Cancelled => "CANCELLED",
            EditionStatus::Held => "CONFIRMED",
            EditionStatus::Decided if exact => "CONFIRMED",
            _ => "TENTATIVE",
        };
        let host = host_words(self, e, lang);
        let city = edition_city(self, e, lang);
        let location = match (city, &e.host) {
            (Some(c), Some(_)) => format!("{c}, {host}"),
            (Some(c), None) => c.to_owned(),
            (None, _) => host.clone(),
        };
        let edition = match e.ordinal {
            Some(n) => format!("{} ({} edition)", mechanism_name(m, lang), ordinal_words(n)),
            None => format!("{} (special edition)", mechanism_name(m, lang)),
        };
        let mut summary = format!("{edition}, {location}");
        if e.status != EditionStatus::Held {
            summary.push_str(&format!(" [{}]", e.status.as_str()));
        }
        if let Some(p) = precision_note(&date) {
            summary.push_str(&format!(" ({p}: {date})"));
        }
        let mut description = format!("Status: {}.", e.status.as_str());
        match precision_note(&date) {
            Some(p) => description.push_str(&format!(
                " Date: {date} ({p}; the event spans the whole {}).",
                if date.precision() == Precision::Year {
                    "year"
                } else {
                    "month"
                }
            )),
            None => description.push_str(&format!(" Date: {date}.")),
        }
        description.push_str(&format!(" Host: {host}."));
        description.push_str(&format!(" Provenance: {}.", e.source()));
        line(out, "BEGIN:VEVENT");
        line(out, &format!("UID:{}", uid(m, e)));
        line(out, &format!("DTSTAMP:{dtstamp}"));
        line(
            out,
            &format!("DTSTART;VALUE=DATE:{}", ics_date(date.first())),
        );
        line(out, &format!("DTEND;VALUE=DATE:{}", ics_date(end)));
        line(out, &format!("SUMMARY:{}", escape(&summary)));
        line(out, &format!("LOCATION:{}", escape(&location)));
        line(out, &format!("DESCRIPTION:{}", escape(&description)));
        line(out, &format!("STATUS:{status}"));
        line(out, "TRANSP:TRANSPARENT");
        line(out, &format!("CATEGORIES:{}", e.status.as_str()));
        line(out, "END:VEVENT");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_never_splits_a_character() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "Саміт «Китай – Центральна Азія», ".repeat(5));
        line(&mut out, &text);
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= FOLD_AT, "{l:?} is {} octets", l.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, text);
    }

    #[test]
    fn text_escaping() {
        assert_eq!(escape("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(
            escape("a\0b\x1bc\x7fd\te"),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\te"
        );
    }

    #[test]
    fn ordinals() {
        let w: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101]
            .into_iter()
            .map(ordinal_words)
            .collect();
        assert_eq!(
            w,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"
            ]
        );
    }
}
