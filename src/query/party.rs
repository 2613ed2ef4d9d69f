//! Everything one party promised, across every mechanism.

use super::{AssessmentFilter, DUE_SOON_DAYS, DeadlineState, resolve_party};
use crate::{Assessment, Commitment, Completion, Dataset, Error, MechanismId, Score};
use chrono::NaiveDate;

/// One commitment binding a party, with where the party stands on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartyCommitment<'a> {
    /// The commitment.
    pub commitment: &'a Commitment,
    /// The mechanism of the commitment's document, if the document is known.
    pub mechanism: Option<&'a MechanismId>,
    /// The party's latest assessment (any rater), if any.
    pub assessment: Option<&'a Assessment>,
    /// The party's current completion status: that of its latest assessment that rates one.
    pub status: Option<Completion>,
    /// The party's current score: that of its latest assessment that scores.
    pub score: Option<Score>,
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
    pub fn party_commitments(
        &self,
        party: &str,
        reference: NaiveDate,
    ) -> Result<impl Iterator<Item = PartyCommitment<'_>> + '_, Error> {
        let p = resolve_party(&self.ids, party)?;
        let id = self
            .records
            .parties
            .get(p as usize)
            .map_or("", |p| p.id.as_str());
        let positions = self
            .index
            .commitments_by_party
            .get(p as usize)
            .map_or(&[][..], Vec::as_slice);
        // Where the party's pair is among each commitment's pairs, recorded at load time for
        // every commitment of the party (in the same order).
        let offsets = self
            .index
            .party_pair_offsets
            .get(p as usize)
            .map_or(&[][..], Vec::as_slice);
        let offsets = if offsets.len() == positions.len() {
            offsets
        } else {
            &[]
        };
        static ALL: AssessmentFilter = AssessmentFilter::EVERY;
        Ok(positions.iter().enumerate().filter_map(move |(k, &c)| {
            let commitment = self.records.commitments.get(c as usize)?;
            let mechanism = self
                .index
                .commitment_document
                .get(c as usize)
                .copied()
                .flatten()
                .and_then(|d| self.records.documents.get(d as usize))
                .map(|d| &d.mechanism);
            // The pair's default view was derived at load time: the party's first pair (the
            // first obligor that is the party, as in `obligor_parties`), at its recorded
            // offset, or searched for by party position.
            let pairs = self.index.pairs_of(c);
            let pair = offsets
                .get(k)
                .and_then(|&j| pairs.get(usize::from(j)))
                .filter(|pair| pair.is_party(p))
                .or_else(|| pairs.iter().find(|pair| pair.is_party(p)));
            Some(match pair {
                Some(pair) => PartyCommitment {
                    commitment,
                    mechanism,
                    assessment: pair
                        .latest()
                        .and_then(|a| self.records.assessments.get(a as usize)),
                    status: pair.status,
                    score: pair.score,
                    deadline: DeadlineState::of_last_day(
                        self.index
                            .deadline_days
                            .get(c as usize)
                            .copied()
                            .flatten()
                            .map(|(_, last)| last),
                        pair.status == Some(Completion::Complete),
                        reference,
                        DUE_SOON_DAYS,
                    ),
                },
                None => PartyCommitment {
                    commitment,
                    mechanism,
                    assessment: self.latest_at(c, id, &ALL, |_| true),
                    status: self.status_at(c, id, &ALL),
                    score: self.score_at(c, id, &ALL),
                    deadline: self.deadline_state_at(c, Some(id), &ALL, reference, DUE_SOON_DAYS),
                },
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
        assert_eq!(rows[5].deadline, DeadlineState::Overdue);
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
