//! Calendar terms: the editions of a [`ScheduleKind::Terms`](super::ScheduleKind) schedule.
//!
//! Term `k` of a cadence starts `k - first_edition` periods after the first day of `first`
//! (a cadence change starts a new run of terms at its `from`, which is a term boundary) and
//! ends the day before the next term starts, so terms tile time with no gap or overlap.

use super::{Cadence, PartialDate};
use chrono::{Datelike, NaiveDate};

/// A month as a count of months since year 0 (January of year 0 is 0).
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn first_of(index: i64) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The term of `months` months starting in month `start`: a year, a month, or a range of
/// days. `None` outside the supported years.
fn term_at(start: i64, months: i64) -> Option<PartialDate> {
    let first = first_of(start)?;
    if months == 1 {
        return PartialDate::from_month(first.year(), first.month()).ok();
    }
    if months == 12 && first.month() == 1 {
        return PartialDate::from_year(first.year()).ok();
    }
    let last = first_of(start.checked_add(months)?)?.pred_opt()?;
    PartialDate::naive_range(first, last).ok()
}

/// A run of terms of one length: ordinal `ordinal` starts in month `start`.
#[derive(Clone, Copy, Debug)]
struct Run {
    ordinal: i64,
    start: i64,
    months: i64,
}

impl Cadence {
    /// The runs of terms, one per period in force; a change that does not fall on a term
    /// boundary (which `summitry check` rejects) is left out.
    fn runs(&self) -> Vec<Run> {
        let mut runs = vec![Run {
            ordinal: i64::from(self.first_edition),
            start: month_index(self.first.first()),
            months: self.every.months().max(1),
        }];
        for ch in &self.changes {
            let Some(last) = runs.last().copied() else {
                break;
            };
            let from = month_index(ch.from.first());
            let offset = from - last.start;
            if ch.from.first().day() != 1 || offset <= 0 || offset % last.months != 0 {
                continue;
            }
            runs.push(Run {
                ordinal: last.ordinal + offset / last.months,
                start: from,
                months: ch.every.months().max(1),
            });
        }
        runs
    }

    /// Whether `date` starts a term of this cadence: its first day is the first day of a
    /// term. Used to check a change of a term schedule.
    pub fn is_term_boundary(&self, date: &PartialDate) -> bool {
        let day = date.first();
        day.day() == 1
            && self
                .term_containing(day)
                .is_some_and(|(_, t)| t.first() == day)
    }

    /// Edition `n` as a calendar term (for a [`ScheduleKind::Terms`](super::ScheduleKind)
    /// schedule): a year for yearly terms starting in January, a month for monthly terms,
    /// else the range of its days (`2025-07-01/2025-12-31` for a half-year). `None` when it
    /// falls outside the supported years.
    pub fn term(&self, n: u32) -> Option<PartialDate> {
        let runs = self.runs();
        let n = i64::from(n);
        let run = runs
            .iter()
            .rev()
            .find(|r| r.ordinal <= n)
            .or_else(|| runs.first())?;
        let start = run
            .start
            .checked_add((n - run.ordinal).checked_mul(run.months)?)?;
        term_at(start, run.months)
    }

    /// The term containing `day` and its ordinal, or `None` before the first edition (1)
    /// or outside the supported years.
    pub fn term_containing(&self, day: NaiveDate) -> Option<(u32, PartialDate)> {
        let runs = self.runs();
        let m = month_index(day);
        let run = runs
            .iter()
            .rev()
            .find(|r| r.start <= m)
            .or_else(|| runs.first())?;
        let k = (m - run.start).div_euclid(run.months);
        let n = u32::try_from(run.ordinal.checked_add(k)?).ok()?;
        if n == 0 {
            return None;
        }
        Some((n, self.term(n)?))
    }
}

/// Reads a term or a date: `2025-H1` or `2025-H2` (a half-year: January to June, July to
/// December), or any partial date (`2025`, `2025-07`, `2025-07-01/2025-09-30`).
///
/// ```
/// use summitry::parse_term;
/// assert_eq!(parse_term("2025-H2").unwrap().to_string(), "2025-07-01/2025-12-31");
/// assert_eq!(parse_term("2025-07").unwrap().to_string(), "2025-07");
/// assert!(parse_term("2025-H3").is_err());
/// ```
///
/// # Errors
///
/// When the text is neither a half-year nor a partial date.
pub fn parse_term(s: &str) -> Result<PartialDate, super::DateError> {
    if let Some((y, h)) = s.split_once("-H") {
        if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) && h != "1" && h != "2" {
            return Err(super::DateError::new(format!(
                "`{s}` is not a half-year: write `{y}-H1` (January to June) or `{y}-H2` (July to December)"
            )));
        }
        if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
            let year: i32 = y.parse().unwrap_or(0);
            let (a, b) = if h == "1" { (1, 6) } else { (7, 12) };
            let first = NaiveDate::from_ymd_opt(year, a, 1);
            let last = NaiveDate::from_ymd_opt(year, b, if b == 6 { 30 } else { 31 });
            if let (Some(first), Some(last)) = (first, last) {
                return PartialDate::naive_range(first, last);
            }
        }
    }
    s.parse()
}

/// A date written as a term when it is one: `2025-H2` for the second half of 2025,
/// otherwise the date as in data files.
pub fn term_label(d: &PartialDate) -> String {
    let (a, b) = (d.first(), d.last());
    if a.year() == b.year() && a.day() == 1 {
        let half = match (a.month(), b.month(), b.day()) {
            (1, 6, 30) => Some(1),
            (7, 12, 31) => Some(2),
            _ => None,
        };
        if let Some(h) = half {
            return format!("{:04}-H{h}", a.year());
        }
    }
    d.to_string()
}
