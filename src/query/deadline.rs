//! Deadline states: where a commitment stands against its deadline on a reference date.

use super::{AssessmentFilter, resolve, resolve_party};
use crate::{Commitment, Completion, Dataset, Error};
use chrono::NaiveDate;

/// The default window, in days, within which a deadline counts as due soon.
pub const DUE_SOON_DAYS: u32 = 30;

/// Where a commitment stands against its deadline on a reference date, given its latest
/// assessment.
///
/// The rules, applied in this order:
/// 1. [`Met`](Self::Met): the current completion status is `complete` (for one party; for a
///    whole commitment, for every obligor). This holds with or without a deadline.
/// 2. [`NoDeadline`](Self::NoDeadline): no deadline is stated.
/// 3. The deadline's *last* possible day is before the reference date (a deadline of `2025`
///    has passed from 2026-01-01 on, never earlier: an imprecise deadline is given the benefit
///    of the doubt), and:
///    - [`Overdue`](Self::Overdue) when an assessment records that the commitment is not
///      complete: for one party, the party has been assessed; for a whole commitment, some
///      obligor that is not complete has been assessed;
///    - [`PassedNotAssessed`](Self::PassedNotAssessed) otherwise: nobody has recorded where it
///      stands, so no failure is implied.
/// 4. [`DueSoon`](Self::DueSoon): the deadline's last day is at most `window` days after the
///    reference date; `days` counts the days left (0 = due on the reference date).
/// 5. [`Upcoming`](Self::Upcoming): later than that.
///
/// ```
/// use summitry::{DeadlineState, Day};
///
/// let ds = summitry::Dataset::bundled();
/// let c = ds.commitment("astana-grants-1-5bn-yuan-2025").ok_or("none")?;
/// assert_eq!(DeadlineState::of(c, false, true, Day::new(2026, 1, 1)?, 30), DeadlineState::Overdue);
/// assert_eq!(DeadlineState::of(c, false, true, Day::new(2025, 12, 20)?, 30).to_string(), "due in 11 days");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum DeadlineState {
    /// No deadline is stated and the commitment is not complete.
    NoDeadline,
    /// The deadline has passed, the commitment is not complete, and an assessment says so.
    Overdue,
    /// The deadline has passed and no assessment says where the commitment stands.
    PassedNotAssessed,
    /// The deadline ends within the window.
    DueSoon {
        /// Days from the reference date to the deadline's last day.
        days: u32,
    },
    /// The deadline ends after the window.
    Upcoming,
    /// The latest assessment says complete.
    Met,
}

/// The kind of a [`DeadlineState`], without its data: what a query filters on.
///
/// ```
/// use summitry::DeadlineStateKind;
///
/// assert_eq!("due-soon".parse::<DeadlineStateKind>()?, DeadlineStateKind::DueSoon);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineStateKind {
    /// See [`DeadlineState::NoDeadline`].
    NoDeadline,
    /// See [`DeadlineState::Overdue`].
    Overdue,
    /// See [`DeadlineState::PassedNotAssessed`].
    PassedNotAssessed,
    /// See [`DeadlineState::DueSoon`].
    DueSoon,
    /// See [`DeadlineState::Upcoming`].
    Upcoming,
    /// See [`DeadlineState::Met`].
    Met,
}

impl DeadlineStateKind {
    /// Every kind.
    pub const ALL: [DeadlineStateKind; 6] = [
        DeadlineStateKind::NoDeadline,
        DeadlineStateKind::Overdue,
        DeadlineStateKind::PassedNotAssessed,
        DeadlineStateKind::DueSoon,
        DeadlineStateKind::Upcoming,
        DeadlineStateKind::Met,
    ];

    /// The word used on the command line and in JSON: `no-deadline`, `overdue`,
    /// `passed-not-assessed`, `due-soon`, `upcoming`, `met`.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineStateKind::NoDeadline => "no-deadline",
            DeadlineStateKind::Overdue => "overdue",
            DeadlineStateKind::PassedNotAssessed => "passed-not-assessed",
            DeadlineStateKind::DueSoon => "due-soon",
            DeadlineStateKind::Upcoming => "upcoming",
            DeadlineStateKind::Met => "met",
        }
    }
}

impl DeadlineState {
    /// The kind of this state.
    pub fn kind(self) -> DeadlineStateKind {
        match self {
            DeadlineState::NoDeadline => DeadlineStateKind::NoDeadline,
            DeadlineState::Overdue => DeadlineStateKind::Overdue,
            DeadlineState::PassedNotAssessed => DeadlineStateKind::PassedNotAssessed,
            DeadlineState::DueSoon { .. } => DeadlineStateKind::DueSoon,
            DeadlineState::Upcoming => DeadlineStateKind::Upcoming,
            DeadlineState::Met => DeadlineStateKind::Met,
        }
    }

    /// The state of a commitment with this deadline, by the rules on [`DeadlineState`]:
    /// `complete` when it is complete (for the party, or for every obligor), `assessed` when
    /// an assessment records where the incomplete part stands (the party has been assessed,
    /// or some obligor that is not complete has been).
    pub fn of(
        commitment: &Commitment,
        complete: bool,
        assessed: bool,
        reference: crate::Day,
        window: u32,
    ) -> Self {
        DeadlineState::of_last_day(
            commitment.deadline.map(|d| d.last()),
            complete,
            assessed,
            reference.naive(),
            window,
        )
    }

    /// [`of`](Self::of) from the last day of the commitment's deadline, if it has one.
    pub(crate) fn of_last_day(
        last: Option<NaiveDate>,
        complete: bool,
        assessed: bool,
        reference: NaiveDate,
        window: u32,
    ) -> Self {
        if complete {
            return DeadlineState::Met;
        }
        let Some(last) = last else {
            return DeadlineState::NoDeadline;
        };
        if last < reference {
            return if assessed {
                DeadlineState::Overdue
            } else {
                DeadlineState::PassedNotAssessed
            };
        }
        let days = (last - reference).num_days();
        match u32::try_from(days) {
            Ok(days) if days <= window => DeadlineState::DueSoon { days },
            _ => DeadlineState::Upcoming,
        }
    }

    /// A short English description: `overdue`, `deadline passed, not assessed`,
    /// `due in 12 days`, `no deadline`.
    pub fn describe(self) -> String {
        match self {
            DeadlineState::PassedNotAssessed => "deadline passed, not assessed".to_owned(),
            DeadlineState::DueSoon { days: 0 } => "due today".to_owned(),
            DeadlineState::DueSoon { days: 1 } => "due in 1 day".to_owned(),
            DeadlineState::DueSoon { days } => format!("due in {days} days"),
            other => other.kind().as_str().replace('-', " "),
        }
    }
}

impl std::fmt::Display for DeadlineState {
    /// The words of [`DeadlineState::describe`]: `overdue`, `due in 12 days`, `no deadline`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&self.describe())
    }
}

impl Dataset {
    /// The deadline state of the commitment at `c`: for `party`, or for the whole commitment
    /// (met only when every obligor is complete) when `party` is `None`.
    pub(crate) fn deadline_state_at(
        &self,
        c: u32,
        party: Option<&str>,
        f: &AssessmentFilter,
        reference: NaiveDate,
        window: u32,
    ) -> DeadlineState {
        let Some(commitment) = self.records.commitments.get(c as usize) else {
            return DeadlineState::NoDeadline;
        };
        let complete = |p: &str| self.status_at(c, p, f) == Some(Completion::Complete);
        let assessed = |p: &str| self.latest_at(c, p, f, |_| true).is_some();
        let (done, recorded) = match party {
            Some(p) => (complete(p), assessed(p)),
            None => {
                let obligors = &commitment.obligor_parties;
                let done = !obligors.is_empty() && obligors.iter().all(|p| complete(p.as_str()));
                let recorded = obligors
                    .iter()
                    .any(|p| !complete(p.as_str()) && assessed(p.as_str()));
                (done, recorded)
            }
        };
        DeadlineState::of_last_day(
            commitment.deadline.map(|d| d.last()),
            done,
            recorded,
            reference,
            window,
        )
    }

    /// Where `commitment` stands against its deadline on `reference`, for `party` (its current
    /// status) or, when `party` is `None`, for the whole commitment (met only when every
    /// obligor's current status is complete). Deadlines within `window` days are due soon
    /// (see [`DUE_SOON_DAYS`]). The rules are listed on [`DeadlineState`].
    ///
    /// # Errors
    ///
    /// When the commitment, the party or the filter's rater is unknown.
    ///
    /// ```
    /// use summitry::{AssessmentFilter, DeadlineState, Day};
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let st = ds.deadline_state("astana-grants-1-5bn-yuan-2025", Some("cn"), &AssessmentFilter::new(), Day::new(2026, 1, 1)?, 30)?;
    /// assert_eq!(st, DeadlineState::PassedNotAssessed); // due in 2025, and nobody assessed it
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deadline_state(
        &self,
        commitment: impl AsRef<str>,
        party: Option<&str>,
        filter: &AssessmentFilter,
        reference: crate::Day,
        window: u32,
    ) -> Result<DeadlineState, Error> {
        let commitment = commitment.as_ref();
        self.check_filter(filter)?;
        let c = resolve(&self.ids.commitments, "commitment", commitment)?;
        let party = match party {
            Some(p) => {
                let i = resolve_party(&self.ids, p)?;
                self.records.parties.get(i as usize).map(|p| p.id.as_str())
            }
            None => None,
        };
        Ok(self.deadline_state_at(c, party, filter, reference.naive(), window))
    }
}

crate::model::vocabulary!(DeadlineStateKind, "deadline state");

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::query::fixture::{d, dataset, day};

    #[test]
    fn states() {
        let ds = dataset();
        let f = AssessmentFilter::new();
        let st = |c: &str, p: Option<&str>, r: &str| {
            ds.deadline_state(c, p, &f, day(r), DUE_SOON_DAYS).unwrap()
        };
        // c0: deadline 2024; cn complete, kg not started, uz unassessed.
        assert_eq!(
            st("c0-secretariat", Some("cn"), "2025-03-01"),
            DeadlineState::Met
        );
        assert_eq!(
            st("c0-secretariat", Some("kg"), "2025-03-01"),
            DeadlineState::Overdue
        );
        assert_eq!(
            st("c0-secretariat", None, "2025-03-01"),
            DeadlineState::Overdue
        );
        // A year deadline is not overdue on its last day.
        assert_eq!(
            st("c0-secretariat", Some("uz"), "2024-12-31"),
            DeadlineState::DueSoon { days: 0 }
        );
        assert_eq!(
            st("c1-scholarships", Some("cn"), "2025-03-01"),
            DeadlineState::NoDeadline
        );
        // c2: deadline 2025-06, ends 2025-06-30.
        assert_eq!(st("c2-cyber", None, "2025-03-01"), DeadlineState::Upcoming);
        assert_eq!(
            st("c2-cyber", None, "2025-05-31"),
            DeadlineState::DueSoon { days: 30 }
        );
        assert_eq!(st("c2-cyber", None, "2025-05-30"), DeadlineState::Upcoming);
        assert_eq!(
            st("c2-cyber", Some("kz"), "2025-06-10"),
            DeadlineState::DueSoon { days: 20 }
        );
        assert_eq!(
            st("c4-security", Some("cn"), "2026-01-01"),
            DeadlineState::Overdue
        );
        // As known before kz's completion was recorded, c0 is overdue for kz.
        let early = AssessmentFilter::new().as_of(d("2025-01"));
        assert_eq!(
            ds.deadline_state("c0-secretariat", Some("kz"), &early, day("2025-01-15"), 30)
                .unwrap(),
            DeadlineState::Overdue
        );
        assert_eq!(
            st("c0-secretariat", Some("kz"), "2025-03-01"),
            DeadlineState::Met
        );
        // uz has never been assessed on c0: its deadline has passed, but no failure is
        // recorded, so it is not overdue.
        assert_eq!(
            st("c0-secretariat", Some("uz"), "2025-03-01"),
            DeadlineState::PassedNotAssessed
        );
        // c5: ru complete, cn never assessed: as a whole, passed and not assessed.
        assert_eq!(
            st("c5-other", None, "2025-03-01"),
            DeadlineState::PassedNotAssessed
        );
        // A score-only assessment is an assessment: c4 is overdue for cn.
        assert_eq!(
            st("c4-security", None, "2026-01-01"),
            DeadlineState::Overdue
        );
        // Before any assessment was recorded, c0 was passed and unassessed for kg.
        let none_yet = AssessmentFilter::new().as_of(d("2024-01"));
        assert_eq!(
            ds.deadline_state("c0-secretariat", None, &none_yet, day("2025-01-15"), 30)
                .unwrap(),
            DeadlineState::PassedNotAssessed
        );
        assert_eq!(DeadlineState::Overdue.describe(), "overdue");
        assert_eq!(
            DeadlineState::PassedNotAssessed.describe(),
            "deadline passed, not assessed"
        );
        assert_eq!(
            DeadlineState::PassedNotAssessed.kind().as_str(),
            "passed-not-assessed"
        );
        assert_eq!(
            "passed-not-assessed".parse::<DeadlineStateKind>().unwrap(),
            DeadlineStateKind::PassedNotAssessed
        );
        assert_eq!(
            DeadlineState::DueSoon { days: 3 }.describe(),
            "due in 3 days"
        );
        assert_eq!(DeadlineState::NoDeadline.describe(), "no deadline");
        assert_eq!(
            "due-soon".parse::<DeadlineStateKind>().unwrap(),
            DeadlineStateKind::DueSoon
        );
        assert_eq!(
            "overdu"
                .parse::<DeadlineStateKind>()
                .unwrap_err()
                .to_string(),
            "unknown deadline state `overdu` (did you mean `overdue`?): use no-deadline, overdue, passed-not-assessed, due-soon, upcoming or met"
        );
        assert_eq!(
            DeadlineState::DueSoon { days: 3 }.to_string(),
            "due in 3 days"
        );
    }

    #[test]
    fn whole_commitment_met_only_when_every_obligor_complete() {
        use crate::query::fixture::{assessment, records};
        let mut r = records();
        for p in ["kz", "kg", "uz"] {
            r.assessments.push(assessment(
                "c0-secretariat",
                p,
                None,
                Some(Completion::Complete),
                "g20",
                "2025-03",
                "2025-04-01",
            ));
        }
        let ds = Dataset::from_records(r);
        let f = AssessmentFilter::new();
        assert_eq!(
            ds.deadline_state("c0-secretariat", None, &f, day("2025-05-01"), 30)
                .unwrap(),
            DeadlineState::Met
        );
        let before = AssessmentFilter::new().as_of(d("2025-03"));
        assert_eq!(
            ds.deadline_state("c0-secretariat", None, &before, day("2025-05-01"), 30)
                .unwrap(),
            DeadlineState::Overdue
        );
    }
}
