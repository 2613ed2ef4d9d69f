//! Everything one party promised, across every mechanism.

use super::{DUE_SOON_DAYS, DeadlineState, resolve_party};
use crate::{Assessment, Commitment, Completion, Dataset, Error, MechanismId, Score};

/// One commitment binding a party, with where the party stands on it.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let first = ds.party_commitments("kz", summitry::Day::new(2026, 1, 1)?)?.next().ok_or("none")?;
/// assert!(first.commitment.binds("kz"));
/// let json = serde_json::to_string(&first)?;
/// assert!(json.contains(r#""deadline":{"state":"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct PartyCommitment<'a> {
    /// The commitment.
    pub commitment: &'a Commitment,
    /// The mechanism of the commitment's document, if the document is known.
    pub mechanism: Option<&'a MechanismId>,
    /// The party's latest assessment (any rater), if any.
    pub assessment: Option<&'a Assessment>,
    /// The party's current completion status: that of its latest assessment that rates one.
    pub status: Option<Completion>,
    /// The party's current score: that of its latest assessment that scores or says not
    /// applicable (`None` when that one says not applicable).
    pub score: Option<Score>,
    /// Whether the party's latest assessment that scores says not applicable (`score = "n/a"`).
    pub not_applicable: bool,
    /// The deadline state on the reference date, for this party, with the
    /// [`DUE_SOON_DAYS`] window.
    pub deadline: DeadlineState,
}

impl Dataset {
    /// Every commitment binding `party`, in every mechanism, in load order, each with the
    /// party's current assessment, status, score and deadline state on `reference`.
    ///
    /// # Errors
    ///
    /// When the party is unknown (with a suggestion).
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let n = ds.party_commitments("kz", summitry::Day::new(2026, 1, 1)?)?.count();
    /// assert_eq!(n, ds.commitments().iter().filter(|c| c.binds("kz")).count());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn party_commitments(
        &self,
        party: impl AsRef<str>,
        reference: crate::Day,
    ) -> Result<impl Iterator<Item = PartyCommitment<'_>> + '_, Error> {
        let party = party.as_ref();
        let p = resolve_party(&self.ids, party)?;
        // One row per commitment binding the party, in load order, made at load time.
        let rows = self
            .index
            .party_rows
            .get(p as usize)
            .map_or(&[][..], Vec::as_slice);
        Ok(rows.iter().filter_map(move |row| {
            Some(PartyCommitment {
                commitment: self.records.commitments.get(row.commitment as usize)?,
                mechanism: row
                    .document()
                    .and_then(|d| self.records.documents.get(d as usize))
                    .map(|d| &d.mechanism),
                assessment: row
                    .latest()
                    .and_then(|a| self.records.assessments.get(a as usize)),
                status: row.status,
                score: row.mark.and_then(crate::Mark::score),
                not_applicable: row.mark == Some(crate::Mark::NotApplicable),
                deadline: DeadlineState::of_last_day(
                    row.last_day,
                    row.status == Some(Completion::Complete),
                    row.latest().is_some(),
                    reference.naive(),
                    DUE_SOON_DAYS,
                ),
            })
        }))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::query::fixture::{dataset, day};
    use crate::{Completion, DeadlineState, Score};

    #[test]
    fn one_party_across_mechanisms() {
        let ds = dataset();
        let rows: Vec<_> = ds
            .party_commitments("CN", day("2025-06-10"))
            .unwrap()
            .collect();
        let ids: Vec<&str> = rows.iter().map(|r| r.commitment.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "c0-secretariat",
                "c1-scholarships",
                "c2-cyber",
                "c3-trade",
                "c4-security",
                "c5-other"
            ]
        );
        let mechs: Vec<&str> = rows.iter().map(|r| r.mechanism.unwrap().as_str()).collect();
        assert_eq!(mechs, ["cca", "cca", "cca", "cca", "cca", "other"]);
        assert_eq!(rows[0].status, Some(Completion::Complete));
        assert_eq!(rows[0].deadline, DeadlineState::Met);
        assert_eq!(
            (rows[1].status, rows[1].score),
            (Some(Completion::Limited), Some(Score::PARTIAL))
        );
        assert_eq!(&*rows[1].assessment.unwrap().rater, "ogp");
        assert_eq!(rows[2].deadline, DeadlineState::DueSoon { days: 20 });
        assert_eq!(rows[4].status, None);
        assert_eq!(rows[4].score, Some(Score::FULL));
        // c5's deadline has passed, but nobody has assessed China on it: not "overdue".
        assert_eq!(rows[5].deadline, DeadlineState::PassedNotAssessed);
        assert_eq!(rows[5].deadline.describe(), "deadline passed, not assessed");
        assert!(rows[5].assessment.is_none());
        assert_eq!(
            ds.party_commitments("ru", day("2025-01-01"))
                .unwrap()
                .count(),
            1
        );
        assert!(ds.party_commitments("zz", day("2025-01-01")).is_err());
    }
}
