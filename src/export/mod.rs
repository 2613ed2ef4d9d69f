//! Exports: the dataset in the formats people already use.
//!
//! - [`Dataset::export_json`]: the whole dataset as one JSON document (`summitry/1`).
//! - [`Dataset::export_csv`]: one RFC 4180 table per kind ([`Table`]).
//! - [`Dataset::export_ics`]: an iCalendar (RFC 5545) feed of past and upcoming editions.
//! - [`Dataset::export_markdown`]: a report a person can publish.
//! - [`Dataset::export_svg`]: a timeline picture, one lane per mechanism.
//! - [`json_schema`]: the JSON Schema (draft 2020-12) of the TOML data format.
//! - [`Dataset::export_toml`]: the canonical TOML form, which loads back into an equal dataset.
//! - `Dataset::export_site` (feature `site`, on by default through `cli`): the tracker as
//!   a static web site, see the `site` module.
//!
//! Each writes into any [`std::io::Write`]; the `*_string` methods return the same text.
//!
//! Every export is deterministic: the same data and [`ExportOptions`] give byte-identical
//! output. Nothing reads the clock; the reference date ("today") is
//! [`ExportOptions::as_of`].
//!
//! The library writes every format by hand (no iCalendar, XML or schema dependency). The tests
//! check each one with an independent implementation, as dev-dependencies only; clean builds
//! measured on this 2-core machine (shared, so times are upper bounds):
//!
//! | check | crate | crates compiled (new to this project) | clean build alone |
//! |---|---|---|---|
//! | JSON Schema 2020-12 | `boon` 0.6 | 53 (about 30) | ~110 s |
//! | (rejected) JSON Schema | `jsonschema` 0.x, no default features | 63 (about 50) | ~250 s |
//! | iCalendar | `ical` 0.11 (`ical` feature only) | 7 (5) | ~18 s |
//! | XML well-formedness | `roxmltree` 0.21 | 3 (2) | ~5 s |

mod csv;
mod ics;
mod import;
mod json;
mod markdown;
mod schema;
#[cfg(feature = "site")]
pub mod site;
mod svg;
pub(crate) mod toml;

pub use csv::Table;
pub use import::MatrixImport;
pub use json::JSON_FORMAT;
pub use schema::json_schema;
pub use svg::SVG_WIDTH;

use crate::error::did_you_mean;
use crate::{Dataset, EditionStatus, Error, Mechanism, PartialDate, ProjectedEdition};

/// The default number of editions not yet held that schedule-based exports show for each
/// mechanism.
pub const DEFAULT_UPCOMING: usize = 6;

/// How to export: the language of names, the reference date, the mechanism and how far
/// ahead schedules go.
///
/// ```
/// use summitry::export::ExportOptions;
///
/// let o = ExportOptions::new()
///     .lang("uk")
///     .as_of("2026-01-01".parse::<summitry::Day>()?)
///     .mechanism("china-central-asia")
///     .upcoming(4);
/// # let _ = o;
/// # Ok::<(), summitry::DateError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    lang: String,
    as_of: Option<PartialDate>,
    mechanism: Option<String>,
    upcoming: usize,
    raw_csv: bool,
    summit: Option<String>,
    rater: Option<String>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            lang: "en".to_owned(),
            as_of: None,
            mechanism: None,
            upcoming: DEFAULT_UPCOMING,
            raw_csv: false,
            summit: None,
            rater: None,
        }
    }
}

impl ExportOptions {
    /// English names, no reference date, every mechanism, [`DEFAULT_UPCOMING`] editions ahead.
    pub fn new() -> Self {
        ExportOptions::default()
    }

    /// Names in this language (a BCP 47 tag), with the fallback of
    /// [`Labels::get`](crate::Labels::get).
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = lang.into();
        self
    }

    /// The reference date ("today"). It decides which editions are *ahead* (those not
    /// definitely before it) and commitments' deadline states. Without it, every edition not
    /// held counts as ahead and no deadline state is shown.
    pub fn as_of(mut self, date: impl Into<PartialDate>) -> Self {
        self.as_of = Some(date.into());
        self
    }

    /// Only this mechanism (for the schedule table, the calendar, the report and the
    /// timeline).
    pub fn mechanism(mut self, id: impl Into<String>) -> Self {
        self.mechanism = Some(id.into());
        self
    }

    /// How many editions not yet held to show per mechanism (special editions and cancelled
    /// ones included); [`DEFAULT_UPCOMING`] unless set.
    pub fn upcoming(mut self, n: usize) -> Self {
        self.upcoming = n;
        self
    }

    /// CSV for programs: text cells exactly as in the data, without the `'` that
    /// [`Dataset::export_csv`] puts before a cell a spreadsheet would read as a formula.
    /// Never open such a file in a spreadsheet.
    pub fn raw_csv(mut self, raw: bool) -> Self {
        self.raw_csv = raw;
        self
    }

    /// Only commitments adopted at this summit (the matrix table).
    pub fn summit(mut self, id: impl Into<String>) -> Self {
        self.summit = Some(id.into());
        self
    }

    /// Only this rater's assessments (the matrix table and the report's matrices).
    pub fn rater(mut self, rater: impl Into<String>) -> Self {
        self.rater = Some(rater.into());
        self
    }

    /// The scorecard query these options describe: mechanism, summit, rater, as-of date.
    pub(crate) fn scorecard_query(&self) -> crate::ScorecardQuery {
        let mut q = crate::ScorecardQuery::new();
        if let Some(m) = &self.mechanism {
            q = q.mechanism(m.clone());
        }
        if let Some(s) = &self.summit {
            q = q.summit(s.clone());
        }
        if let Some(r) = &self.rater {
            q = q.rater(r.clone());
        }
        if let Some(a) = self.as_of {
            q = q.as_of(a);
        }
        q
    }
}

/// The most editions read from one schedule, whatever the options: a bound that keeps every
/// export finite.
const MAX_EDITIONS: usize = 10_000;

/// Writes an export's text into `w`.
fn write_text(mut w: impl std::io::Write, text: &str) -> Result<(), Error> {
    w.write_all(text.as_bytes()).map_err(|e| Error::io(&e))
}

impl Dataset {
    /// Writes the canonical TOML form ([`export_toml_string`](Self::export_toml_string))
    /// into `w`.
    ///
    /// # Errors
    ///
    /// When writing fails ([`Error::is_io`]).
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let mut out = Vec::new();
    /// ds.export_toml(&mut out)?;
    /// assert_eq!(String::from_utf8(out)?, ds.export_toml_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_toml(&self, w: impl std::io::Write) -> Result<(), Error> {
        write_text(w, &self.export_toml_string())
    }

    /// Writes one CSV table ([`export_csv_string`](Self::export_csv_string)) into `w`.
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism (schedule table only), or writing fails.
    ///
    /// ```
    /// use summitry::export::{ExportOptions, Table};
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let mut out = Vec::new();
    /// ds.export_csv(&mut out, Table::Summits, &ExportOptions::new())?;
    /// assert!(out.starts_with(b"id,mechanism,edition,"));
    /// # Ok::<(), summitry::Error>(())
    /// ```
    pub fn export_csv(
        &self,
        w: impl std::io::Write,
        table: Table,
        o: &ExportOptions,
    ) -> Result<(), Error> {
        write_text(w, &self.export_csv_string(table, o)?)
    }

    /// Writes the iCalendar feed ([`export_ics_string`](Self::export_ics_string)) into `w`.
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism, or writing fails.
    ///
    /// ```
    /// use summitry::export::ExportOptions;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let mut out = Vec::new();
    /// ds.export_ics(&mut out, &ExportOptions::new().as_of("2026-01-01".parse::<summitry::Day>()?))?;
    /// assert!(out.starts_with(b"BEGIN:VCALENDAR\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_ics(&self, w: impl std::io::Write, o: &ExportOptions) -> Result<(), Error> {
        write_text(w, &self.export_ics_string(o)?)
    }

    /// Writes the Markdown report ([`export_markdown_string`](Self::export_markdown_string))
    /// into `w`.
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism, or writing fails.
    ///
    /// ```
    /// use summitry::export::ExportOptions;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let mut out = Vec::new();
    /// ds.export_markdown(&mut out, &ExportOptions::new().mechanism("china-central-asia"))?;
    /// assert!(out.starts_with(b"# "));
    /// # Ok::<(), summitry::Error>(())
    /// ```
    pub fn export_markdown(&self, w: impl std::io::Write, o: &ExportOptions) -> Result<(), Error> {
        write_text(w, &self.export_markdown_string(o)?)
    }

    /// Writes the SVG timeline ([`export_svg_string`](Self::export_svg_string)) into `w`.
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism, or writing fails.
    ///
    /// ```
    /// use summitry::export::ExportOptions;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let mut out = Vec::new();
    /// ds.export_svg(&mut out, &ExportOptions::new())?;
    /// assert!(String::from_utf8(out)?.contains("<svg "));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_svg(&self, w: impl std::io::Write, o: &ExportOptions) -> Result<(), Error> {
        write_text(w, &self.export_svg_string(o)?)
    }
}

impl Dataset {
    /// The mechanisms an export covers: the one named in the options, or all of them.
    fn export_mechanisms(&self, o: &ExportOptions) -> Result<Vec<&Mechanism>, Error> {
        match &o.mechanism {
            Some(id) => match self.mechanism(id) {
                Some(m) => Ok(vec![m]),
                None => Err(Error::unknown(
                    "mechanism",
                    id,
                    did_you_mean(id, self.mechanisms().iter().map(|m| m.id.as_str())),
                )),
            },
            None => Ok(self.mechanisms().iter().collect()),
        }
    }

    /// A mechanism's editions for an export: every edition up to and including the
    /// `o.upcoming`-th one that is not held, not definitely before the reference date and not
    /// before the mechanism's last held numbered edition, special editions included. (A
    /// dataset may record only some editions, say the 9th, 12th and 17th: the unrecorded ones
    /// in between are behind, not ahead, so they never crowd out a later held edition.)
    pub(crate) fn export_editions(
        &self,
        m: &Mechanism,
        o: &ExportOptions,
    ) -> Vec<ProjectedEdition> {
        let Ok(iter) = self.schedule(m.id.as_str()) else {
            return Vec::new();
        };
        let last_held = self
            .summits()
            .iter()
            .filter(|s| s.mechanism == m.id && s.status == crate::SummitStatus::Held)
            .filter_map(|s| match s.edition {
                crate::Edition::Ordinal(n) => Some(n),
                crate::Edition::Special => None,
            })
            .max();
        let mut out = Vec::new();
        let mut ahead = 0;
        for e in iter.take(MAX_EDITIONS) {
            if ahead >= o.upcoming {
                break;
            }
            let past = match (o.as_of, e.date) {
                (Some(a), Some(d)) => d.is_definitely_before(&a),
                _ => false,
            };
            let behind = matches!((e.ordinal, last_held), (Some(n), Some(last)) if n <= last);
            if e.status != EditionStatus::Held && !past && !behind {
                ahead += 1;
            }
            out.push(e);
        }
        out
    }
}

/// The name of a mechanism in `lang`, or its id.
pub(crate) fn mechanism_name<'a>(m: &'a Mechanism, lang: &str) -> &'a str {
    m.name.get(lang).unwrap_or(m.id.as_str())
}

/// Words for how precisely a date is known, for people: `date known to the year only`.
fn precision_note(d: &PartialDate) -> Option<&'static str> {
    match d.precision() {
        crate::Precision::Year => Some("date known to the year only"),
        crate::Precision::Month => Some("date known to the month only"),
        _ => None,
    }
}

/// The host of an edition for people: the host's name, `one of A, B, C`, or `host not known`.
fn host_words(ds: &Dataset, e: &ProjectedEdition, lang: &str) -> String {
    match &e.host {
        Some(h) => ds.party_label(h.as_str(), lang).to_owned(),
        None if e.candidates.is_empty() => "host not known".to_owned(),
        None => format!(
            "one of {}",
            e.candidates
                .iter()
                .map(|c| ds.party_label(c.as_str(), lang))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The city of an edition's summit record, if any.
fn edition_city<'a>(ds: &'a Dataset, e: &ProjectedEdition, lang: &str) -> Option<&'a str> {
    let s = ds.summit(e.summit.as_ref()?.as_str())?;
    s.venue.as_ref()?.city.get(lang)
}
