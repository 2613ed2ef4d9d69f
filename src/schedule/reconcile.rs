//! Reconciliation: decisions compared with what happened.

use crate::{
    Dataset, DateRelation, Decision, Edition, ExceptionKind, Mechanism, PartialDate, PartyId,
    SummitId, SummitStatus,
};

/// What became of a decision.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let r = ds.reconcile("china-central-asia")?;
/// assert_eq!(r[0].outcome, summitry::Outcome::Kept);
/// assert_eq!(r[0].outcome.to_string(), "kept");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Outcome {
    /// The edition was held as decided: the held date overlaps the decided one and the
    /// host is the decided one (where each was decided).
    Kept,
    /// The edition was held, but elsewhere or at another time.
    Moved {
        /// The decided host and the actual one, when they differ.
        host: Option<(PartyId, PartyId)>,
        /// The decided date and the actual one, when they do not overlap.
        date: Option<(PartialDate, PartialDate)>,
    },
    /// The edition was cancelled (a summit record or a `cancel` exception).
    Cancelled,
    /// Not held yet.
    Pending,
}

impl Outcome {
    /// The word used in output: `kept`, `moved`, `cancelled` or `pending`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Kept => "kept",
            Outcome::Moved { .. } => "moved",
            Outcome::Cancelled => "cancelled",
            Outcome::Pending => "pending",
        }
    }
}

impl std::fmt::Display for Outcome {
    /// The word (`kept`, `moved`, `cancelled`, `pending`), with what moved: `moved (host kz
    /// -> kg; date 2025 -> 2026-05)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())?;
        if let Outcome::Moved { host, date } = self {
            let mut parts = Vec::new();
            if let Some((a, b)) = host {
                parts.push(format!("host {a} -> {b}"));
            }
            if let Some((a, b)) = date {
                parts.push(format!("date {a} -> {b}"));
            }
            if !parts.is_empty() {
                write!(f, " ({})", parts.join("; "))?;
            }
        }
        Ok(())
    }
}

impl std::fmt::Display for Reconciliation {
    /// `edition 2: kept`, `edition 3: moved (host kz -> kg)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "edition {}: {}", self.edition, self.outcome)
    }
}

/// One decision and what became of it, from [`Dataset::reconcile`].
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let r = ds.reconcile("china-central-asia")?;
/// assert_eq!(r[0].to_string(), "edition 2: kept");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Reconciliation {
    /// The mechanism.
    pub mechanism: crate::MechanismId,
    /// The edition decided.
    pub edition: u32,
    /// The decision, as recorded (with its confidence and sources).
    pub decision: Decision,
    /// The summit record compared with, if any.
    pub summit: Option<SummitId>,
    /// What became of it.
    pub outcome: Outcome,
}

pub(crate) fn reconcile(ds: &Dataset, m: &Mechanism) -> Vec<Reconciliation> {
    let Some(schedule) = &m.schedule else {
        return Vec::new();
    };
    let summits_of = |n: u32| {
        ds.summits()
            .iter()
            .filter(move |s| s.mechanism == m.id && s.edition == Edition::Ordinal(n))
    };
    schedule
        .decisions
        .iter()
        .map(|d| {
            let n = d.edition;
            let held = summits_of(n).find(|s| s.status == SummitStatus::Held);
            let cancelled_summit = summits_of(n).find(|s| s.status == SummitStatus::Cancelled);
            let cancel_exception = schedule
                .exceptions
                .iter()
                .any(|e| e.edition == n && e.kind == ExceptionKind::Cancel);
            let (summit, outcome) = if let Some(s) = held {
                let host = match (&d.host, &s.host) {
                    (Some(a), Some(b)) if a != b => Some((a.clone(), b.clone())),
                    _ => None,
                };
                let date = match d.date {
                    Some(a) if a.relation(&s.date) != DateRelation::Overlapping => {
                        Some((a, s.date))
                    }
                    _ => None,
                };
                let outcome = if host.is_none() && date.is_none() {
                    Outcome::Kept
                } else {
                    Outcome::Moved { host, date }
                };
                (Some(s.id.clone()), outcome)
            } else if let Some(s) = cancelled_summit {
                (Some(s.id.clone()), Outcome::Cancelled)
            } else if cancel_exception {
                (None, Outcome::Cancelled)
            } else {
                let planned = summits_of(n).next().map(|s| s.id.clone());
                (planned, Outcome::Pending)
            };
            Reconciliation {
                mechanism: m.id.clone(),
                edition: n,
                decision: d.clone(),
                summit,
                outcome,
            }
        })
        .collect()
}
