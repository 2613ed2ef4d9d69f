//! Cadence: the projected date of each edition.

use crate::{Cadence, CadenceChange, PartialDate, SourceId};

/// Walks a cadence forward, one edition at a time. Ordinals must be asked in increasing
/// order (the iterator prepares editions in order).
#[derive(Clone, Debug)]
pub(crate) struct CadenceWalker<'a> {
    cadence: &'a Cadence,
    changes: Vec<&'a CadenceChange>,
    /// The ordinal whose date is `date`.
    ordinal: u32,
    /// `None` once the dates left the supported years.
    date: Option<PartialDate>,
    period: i64,
    /// The change that set the current period, if any (its sources back the dates).
    change: Option<&'a CadenceChange>,
    next_change: usize,
}

impl<'a> CadenceWalker<'a> {
    pub(crate) fn new(cadence: &'a Cadence) -> Self {
        let mut changes: Vec<&CadenceChange> = cadence.changes.iter().collect();
        changes.sort_by_key(|c| c.from);
        let mut w = CadenceWalker {
            cadence,
            changes,
            ordinal: cadence.first_edition,
            date: Some(cadence.first),
            period: cadence.every.months(),
            change: None,
            next_change: 0,
        };
        // A change from the anchor or earlier sets the period from the start.
        while let Some(ch) = w.changes.get(w.next_change) {
            if ch.from.first() <= cadence.first.first() {
                w.period = ch.every.months();
                w.change = Some(ch);
                w.next_change += 1;
            } else {
                break;
            }
        }
        w
    }

    /// The projected date of edition `n` and the change whose period produced it, if any.
    /// `None` when the date leaves the supported years.
    pub(crate) fn date_of(&mut self, n: u32) -> Option<(PartialDate, Option<&'a [SourceId]>)> {
        if n < self.cadence.first_edition {
            // Before the anchor: count back with the initial period.
            let back = i64::from(self.cadence.first_edition - n);
            let d = self
                .cadence
                .first
                .add_months_coarse(-back.checked_mul(self.cadence.every.months())?)?;
            return Some((d, None));
        }
        while self.ordinal < n {
            let cur = self.date?;
            // Changes not after the current date can no longer apply.
            while self
                .changes
                .get(self.next_change)
                .is_some_and(|ch| ch.from.first() <= cur.first())
            {
                self.next_change += 1;
            }
            let candidate = cur.add_months_coarse(self.period);
            let change = self.changes.get(self.next_change).copied();
            match (candidate, change) {
                (c, Some(ch)) if c.is_none_or(|c| c.last() >= ch.from.first()) => {
                    self.date = Some(ch.from);
                    self.period = ch.every.months();
                    self.change = Some(ch);
                    self.next_change += 1;
                }
                (c, _) => self.date = c,
            }
            self.ordinal = self.ordinal.checked_add(1)?;
        }
        let d = self.date?;
        Some((d, self.change.map(|c| c.sources.as_slice())))
    }
}
