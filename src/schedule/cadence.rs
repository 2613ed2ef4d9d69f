//! Cadence: the projected date of each edition.

use super::{Anchor, AnchorKind};
use crate::{Cadence, CadenceChange, PartialDate, Precision, ScheduleKind, SourceId};
use chrono::Datelike;

/// The date `months` months after `d`, counted from the month of its last day: a year
/// when `years` (the cadence speaks in years), else a month. Always definitely after `d`
/// when `months` is positive. `None` outside the supported years.
fn after(d: &PartialDate, months: i64, years: bool) -> Option<PartialDate> {
    let last = d.last();
    let total = i64::from(last.year())
        .checked_mul(12)?
        .checked_add(i64::from(last.month0()))?
        .checked_add(months)?;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    if years {
        return PartialDate::from_year(year).ok();
    }
    let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
    PartialDate::from_month(year, month).ok()
}

/// Whether a run of the cadence starting at `start` with a period of `months` speaks in
/// years: its start is a year and its period whole years.
fn in_years(start: &PartialDate, months: i64) -> bool {
    start.precision() == Precision::Year && months % 12 == 0
}

/// A projected date: the date, the sources of the change whose period produced it (if
/// any), and what it is counted from (meetings only).
pub(crate) type Projected<'a> = (PartialDate, Option<&'a [SourceId]>, Option<Anchor>);

/// Walks a cadence forward, one edition at a time. Ordinals must be asked in increasing
/// order (the iterator prepares editions in order).
#[derive(Clone, Debug)]
pub(crate) struct CadenceWalker<'a> {
    cadence: &'a Cadence,
    kind: ScheduleKind,
    changes: Vec<&'a CadenceChange>,
    /// The ordinal whose date is `date`.
    ordinal: u32,
    /// `None` once the dates left the supported years. For meetings, the date the edition
    /// took place or was decided for, once [`CadenceWalker::settle`] said so.
    date: Option<PartialDate>,
    period: i64,
    years: bool,
    /// The change that set the current period, if any (its sources back the dates).
    change: Option<&'a CadenceChange>,
    next_change: usize,
    /// What the next date is counted from.
    anchor: Option<Anchor>,
}

impl<'a> CadenceWalker<'a> {
    pub(crate) fn new(cadence: &'a Cadence, kind: ScheduleKind) -> Self {
        let mut changes: Vec<&CadenceChange> = cadence.changes.iter().collect();
        changes.sort_by_key(|c| c.from);
        let mut w = CadenceWalker {
            cadence,
            kind,
            changes,
            ordinal: cadence.first_edition,
            date: Some(cadence.first),
            period: cadence.every.months(),
            years: in_years(&cadence.first, cadence.every.months()),
            change: None,
            next_change: 0,
            anchor: Some(Anchor {
                edition: cadence.first_edition,
                date: cadence.first,
                how: AnchorKind::First,
                periods: 0,
            }),
        };
        // A change from the anchor or earlier sets the period from the start.
        while let Some(ch) = w.changes.get(w.next_change) {
            if ch.from.first() <= cadence.first.first() {
                w.set_period(ch);
            } else {
                break;
            }
        }
        w
    }

    fn set_period(&mut self, ch: &'a CadenceChange) {
        self.period = ch.every.months();
        self.years = in_years(&ch.from, self.period);
        self.change = Some(ch);
        self.next_change += 1;
    }

    /// Edition `n` took place, or is decided or postponed, on `date`: for meetings, the
    /// next edition is counted from it. `n` is the ordinal last asked of
    /// [`CadenceWalker::date_of`].
    pub(crate) fn settle(&mut self, n: u32, date: PartialDate, how: AnchorKind) {
        if self.kind == ScheduleKind::Meetings && n == self.ordinal {
            self.date = Some(date);
            self.anchor = Some(Anchor {
                edition: n,
                date,
                how,
                periods: 0,
            });
        }
    }

    /// The date of edition `n`, the sources of the change whose period produced it (if
    /// any), and, for meetings after the anchor, what it is counted from. `None` when the
    /// date leaves the supported years.
    pub(crate) fn date_of(&mut self, n: u32) -> Option<Projected<'a>> {
        if self.kind == ScheduleKind::Terms {
            let term = self.cadence.term(n)?;
            let change = self
                .changes
                .iter()
                .rev()
                .find(|c| c.from.first() <= term.first());
            return Some((term, change.map(|c| c.sources.as_slice()), None));
        }
        if n < self.cadence.first_edition {
            // Before the anchor: count back with the initial period.
            let back = i64::from(self.cadence.first_edition - n);
            let d = self
                .cadence
                .first
                .add_months_coarse(-back.checked_mul(self.cadence.every.months())?)?;
            return Some((d, None, None));
        }
        if n == self.cadence.first_edition {
            return Some((self.date?, None, None));
        }
        while self.ordinal < n {
            let cur = self.date?;
            // A change that does not come after the current date (an edition slipped past
            // it) still sets the period from its date on.
            while let Some(ch) = self.changes.get(self.next_change).copied() {
                if ch.from.is_definitely_after(&cur) {
                    break;
                }
                self.set_period(ch);
            }
            let candidate = after(&cur, self.period, self.years);
            let change = self.changes.get(self.next_change).copied();
            match (candidate, change) {
                (c, Some(ch)) if c.is_none_or(|c| c.last() >= ch.from.first()) => {
                    self.date = Some(ch.from);
                    self.set_period(ch);
                    self.anchor = Some(Anchor {
                        edition: self.ordinal.checked_add(1)?,
                        date: ch.from,
                        how: AnchorKind::Change,
                        periods: 0,
                    });
                }
                (c, _) => {
                    self.date = c;
                    if let Some(a) = &mut self.anchor {
                        a.periods = a.periods.saturating_add(1);
                    }
                }
            }
            self.ordinal = self.ordinal.checked_add(1)?;
        }
        let d = self.date?;
        let anchor = self.anchor.clone().filter(|a| a.edition != n);
        Some((d, self.change.map(|c| c.sources.as_slice()), anchor))
    }
}
