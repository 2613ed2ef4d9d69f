//! Schedules: when and where the next editions of a mechanism take place, and how sure we
//! are.
//!
//! A mechanism's [`Schedule`](crate::Schedule) is data: a cadence, a host rule, decisions and
//! exceptions. This module turns it, together with the summit records, into a projection:
//! [`Dataset::schedule`] yields every edition in order as a [`ProjectedEdition`], each with
//! the provenance of every claim it makes. [`Dataset::next_edition`] answers "what comes next"
//! from the same iterator, and [`Dataset::reconcile`] compares decisions with what happened.
//!
//! The semantics of every field are documented on [`ScheduleIter`].

mod cadence;
mod projection;
mod reconcile;
mod render;
mod rotation;
#[cfg(test)]
mod tests;

pub use projection::ScheduleIter;
pub use reconcile::{Outcome, Reconciliation};
pub(crate) use render::host_text;
pub use render::{schedule_csv, schedule_json, schedule_table, schedule_text};

use crate::error::did_you_mean;
use crate::{
    Dataset, DocumentId, Error, ExceptionKind, Mechanism, PartialDate, PartyId, SourceId, SummitId,
};

/// Where an edition stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EditionStatus {
    /// It took place (a summit record with status held).
    Held,
    /// Not held yet, but settled by a confirmed decision or a confirmed planned summit.
    Decided,
    /// Only projected from the rule (possibly corroborated by reports).
    Projected,
    /// It will not take place, or did not.
    Cancelled,
}

impl EditionStatus {
    /// Every status, in the order of an edition's life.
    pub const ALL: [EditionStatus; 4] = [
        EditionStatus::Held,
        EditionStatus::Decided,
        EditionStatus::Projected,
        EditionStatus::Cancelled,
    ];

    /// The word used in output: `held`, `decided`, `projected` or `cancelled`.
    pub fn as_str(self) -> &'static str {
        match self {
            EditionStatus::Held => "held",
            EditionStatus::Decided => "decided",
            EditionStatus::Projected => "projected",
            EditionStatus::Cancelled => "cancelled",
        }
    }
}

/// The field of a [`ProjectedEdition`] that a [`Claim`] supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimField {
    /// That the edition exists (with its ordinal).
    Edition,
    /// Its date.
    Date,
    /// Its host.
    Host,
}

/// What a [`Claim`] rests on.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "basis", rename_all = "lowercase")]
pub enum Basis {
    /// A summit record.
    Summit {
        /// The summit.
        summit: SummitId,
        /// The record's sources.
        sources: Vec<SourceId>,
    },
    /// A confirmed decision.
    Decision {
        /// The document recording it, if it is in the dataset.
        document: Option<DocumentId>,
        /// The decision's sources.
        sources: Vec<SourceId>,
    },
    /// The schedule's rule (cadence or host rule).
    Rule {
        /// The sources stating the rule (and, for a date after a change of cadence, the
        /// change's sources).
        sources: Vec<SourceId>,
    },
    /// An exception to the rule.
    Exception {
        /// The exception.
        exception: ExceptionKind,
        /// Its sources.
        sources: Vec<SourceId>,
    },
    /// A report that does not settle anything: a reported decision or a reported planned
    /// summit.
    Report {
        /// The reported planned summit, if the report is a summit record.
        summit: Option<SummitId>,
        /// The document of a reported decision, if any.
        document: Option<DocumentId>,
        /// The report's sources.
        sources: Vec<SourceId>,
        /// Whether the report agrees with the value shown (`None` when the report itself
        /// gives the value, nothing else being known).
        agrees: Option<bool>,
    },
}

/// One piece of provenance: a field of an edition and what supports it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Claim {
    /// The field supported.
    pub field: ClaimField,
    /// What supports it.
    #[serde(flatten)]
    pub basis: Basis,
}

/// One edition of a mechanism as the schedule sees it: held, decided, projected or
/// cancelled.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ProjectedEdition {
    /// The ordinal; `None` for a special edition outside the count.
    pub ordinal: Option<u32>,
    /// The date, as precisely as it is known; `None` when nothing gives one.
    pub date: Option<PartialDate>,
    /// The host, when known or decided by the rule.
    pub host: Option<PartyId>,
    /// When the host is unknown: the parties that may host, sorted by id. Empty when the
    /// host is known.
    pub candidates: Vec<PartyId>,
    /// Where the edition stands.
    pub status: EditionStatus,
    /// The summit record of this edition, if any (including a reported planned summit).
    pub summit: Option<SummitId>,
    /// What supports each field.
    pub provenance: Vec<Claim>,
}

fn join_ids<T: AsRef<str>>(ids: &[T]) -> String {
    ids.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", ")
}

fn with_sources(head: &str, sources: &[SourceId]) -> String {
    if sources.is_empty() {
        head.to_owned()
    } else {
        format!("{head} ({})", join_ids(sources))
    }
}

impl Basis {
    fn rank(&self) -> u8 {
        match self {
            Basis::Summit { .. } => 0,
            Basis::Decision { .. } => 1,
            Basis::Exception { .. } => 2,
            Basis::Rule { .. } => 3,
            Basis::Report { .. } => 4,
        }
    }

    /// A short description: `summit cca-2023-xian`, `decision in doc (src)`, `rule (src)`,
    /// in the language of `m`.
    fn short(&self, m: &crate::Messages) -> String {
        match self {
            Basis::Summit { summit, .. } => m.format("basis.summit", &[("id", summit.as_str())]),
            Basis::Decision { document, sources } => match document {
                Some(d) => with_sources(
                    &m.format("basis.decision-in", &[("document", d.as_str())]),
                    sources,
                ),
                None => with_sources(m.get("basis.decision"), sources),
            },
            Basis::Rule { sources } => with_sources(m.get("basis.rule"), sources),
            Basis::Exception { exception, sources } => {
                with_sources(m.word("basis", exception.as_str()), sources)
            }
            Basis::Report {
                summit, sources, ..
            } => match summit {
                Some(s) => with_sources(
                    &m.format("basis.reported-at", &[("summit", s.as_str())]),
                    sources,
                ),
                None => with_sources(m.get("basis.reported"), sources),
            },
        }
    }
}

impl ProjectedEdition {
    /// A short provenance string for people: the strongest basis among the claims
    /// (summit record, then decision, exception, rule, report), followed by
    /// `; reported (...)` when a report also speaks about this edition. Examples:
    /// `summit cca-2023-xian`, `decision in xian-declaration-2023 (xinhua-2023-05-19)`,
    /// `rule (xian-declaration-2023)`, `no rule` when nothing supports it.
    pub fn source(&self) -> String {
        self.source_in(&crate::Messages::english())
    }

    /// [`ProjectedEdition::source`] in the language of `m`.
    pub fn source_in(&self, m: &crate::Messages) -> String {
        let best = self.provenance.iter().min_by_key(|c| c.basis.rank());
        let mut out = match best {
            Some(c) => c.basis.short(m),
            None => m.get("basis.no-rule").to_owned(),
        };
        if best.is_some_and(|c| c.basis.rank() < 4) {
            let report = self
                .provenance
                .iter()
                .find(|c| matches!(c.basis, Basis::Report { .. }));
            if let Some(r) = report {
                out.push_str("; ");
                out.push_str(&r.basis.short(m));
            }
        }
        out
    }
}

impl Dataset {
    fn mechanism_or_error(&self, mechanism: &str) -> Result<&Mechanism, Error> {
        self.mechanism(mechanism).ok_or_else(|| {
            Error::unknown(
                "mechanism",
                mechanism,
                did_you_mean(mechanism, self.mechanisms().iter().map(|m| m.id.as_str())),
            )
        })
    }

    /// The schedule of a mechanism: every edition in order, held, decided, projected or
    /// cancelled, with special editions in date order among them.
    ///
    /// The iterator is unbounded for a mechanism with a cadence until dates leave the
    /// supported years (it then ends quietly), and practically unbounded without one (later
    /// editions have no date): take what you need. To start at a date, skip the editions
    /// definitely before it:
    ///
    /// ```ignore
    /// let from: PartialDate = "2030".parse()?;
    /// let editions: Vec<_> = ds
    ///     .schedule("china-central-asia")?
    ///     .skip_while(|e| e.date.is_some_and(|d| d.is_definitely_before(&from)))
    ///     .take(5)
    ///     .collect();
    /// ```
    ///
    /// See [`ScheduleIter`] for how each field is decided.
    ///
    /// # Errors
    ///
    /// When no mechanism has this id (with a suggestion when one is close).
    pub fn schedule(&self, mechanism: &str) -> Result<ScheduleIter<'_>, Error> {
        let m = self.mechanism_or_error(mechanism)?;
        Ok(ScheduleIter::new(self, m))
    }

    /// The next edition after `after`, answered from [`Dataset::schedule`].
    ///
    /// It is the first edition in schedule order that:
    /// - is not cancelled;
    /// - if held, has a date definitely after `after` (editions held on or during `after`
    ///   are skipped);
    /// - otherwise has a date that is not definitely before the first day of `after` (a
    ///   decided `2025` is still next when asked after `2025-06-17`);
    /// - or, when undated, is not followed by an edition dated definitely before `after`
    ///   (editions keep their order, so an undated edition sits after the last dated one
    ///   before it).
    ///
    /// Returns `None` when the schedule ends (dates beyond the supported years) first.
    ///
    /// # Errors
    ///
    /// When no mechanism has this id.
    pub fn next_edition(
        &self,
        mechanism: &str,
        after: PartialDate,
    ) -> Result<Option<ProjectedEdition>, Error> {
        let iter = self.schedule(mechanism)?;
        Ok(projection::next_after(iter, &after))
    }

    /// Every decision of a mechanism's schedule, in data order, compared with what
    /// happened: kept, moved (host or date), cancelled, or pending.
    ///
    /// A decided date is kept when the held date overlaps it ([`PartialDate::relation`]):
    /// a decided `2025` is kept by a summit on `2025-06-17`. A decided host is kept unless
    /// the summit record names another host. Reported decisions are reconciled too; their
    /// confidence is in [`Reconciliation::decision`].
    ///
    /// # Errors
    ///
    /// When no mechanism has this id.
    pub fn reconcile(&self, mechanism: &str) -> Result<Vec<Reconciliation>, Error> {
        let m = self.mechanism_or_error(mechanism)?;
        Ok(reconcile::reconcile(self, m))
    }
}
