//! The compliance report's own table: commitments × parties.

use super::scorecard::ScorecardRow;
use super::{ScorecardQuery, resolve};
use crate::{Commitment, Dataset, Error, Mark, PartyId};

/// One cell of a [`Matrix`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// The party is not an obligor of the commitment.
    NotBound,
    /// The party is bound, and no assessment (of the rater, known on the date) marks it.
    NotAssessed,
    /// The current mark: a score or not applicable.
    Mark(Mark),
}

impl Cell {
    /// The cell as written in the CSV matrix: `+1`, `0`, `-1`, `n/a`, empty when not
    /// assessed, `not bound` when the party is not an obligor.
    pub fn as_text(self) -> String {
        match self {
            Cell::NotBound => NOT_BOUND.to_owned(),
            Cell::NotAssessed => String::new(),
            Cell::Mark(m) => m.to_string(),
        }
    }
}

/// How the matrix writes a party that is not an obligor of a commitment.
pub(crate) const NOT_BOUND: &str = "not bound";

/// One commitment's row of a [`Matrix`].
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow<'a> {
    /// The commitment.
    pub commitment: &'a Commitment,
    /// One cell per party of [`Matrix::parties`], in that order.
    pub cells: Vec<Cell>,
    /// The commitment's compliance percentage across the parties (by the query's method).
    pub percent: Option<i64>,
}

/// Commitments × parties, as compliance reports print them: a row per commitment in data
/// order, a column per party bound by any of them, and the percentages by column, by row
/// and overall (by the query's [`Method`](crate::Method)).
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix<'a> {
    /// The columns: every party bound by a commitment of the matrix, in party order.
    pub parties: Vec<&'a PartyId>,
    /// The rows.
    pub rows: Vec<MatrixRow<'a>>,
    /// Each party's compliance percentage, in the order of [`parties`](Self::parties).
    pub party_percent: Vec<Option<i64>>,
    /// The percentage over every cell.
    pub total_percent: Option<i64>,
}

impl Dataset {
    /// The commitments × parties table of the commitments a scorecard query covers (its
    /// mechanism, summit, document, area and party scope), with each pair's current mark
    /// under its rater and as-of date; the grouping is ignored.
    ///
    /// # Errors
    ///
    /// When an id or the rater in the query is unknown.
    pub fn compliance_matrix(&self, q: &ScorecardQuery) -> Result<Matrix<'_>, Error> {
        self.check_filter(&q.assessments)?;
        let mut commitments: Vec<u32> = match &q.mechanism {
            Some(m) => {
                let m = resolve(&self.ids.mechanisms, "mechanism", m)?;
                self.index
                    .commitments_by_mechanism
                    .get(m as usize)
                    .cloned()
                    .unwrap_or_default()
            }
            None => (0..self.records.commitments.len() as u32).collect(),
        };
        if q.scoped() {
            let mut within = self.commitments_where(&q.scope)?.positions().to_vec();
            within.sort_unstable();
            commitments.retain(|c| within.binary_search(c).is_ok());
        }
        commitments.sort_unstable();
        let party = match &q.party {
            Some(p) => Some(super::resolve_party(&self.ids, p)?),
            None => None,
        };
        // Columns: the parties bound by some commitment, in party order.
        let mut bound = vec![false; self.records.parties.len()];
        for &c in &commitments {
            if let Some(cm) = self.records.commitments.get(c as usize) {
                for p in cm.obligor_parties.iter() {
                    if let Some(&i) = self.ids.parties.get(p.as_str()) {
                        if party.is_none_or(|x| x == i) {
                            if let Some(b) = bound.get_mut(i as usize) {
                                *b = true;
                            }
                        }
                    }
                }
            }
        }
        let parties: Vec<&PartyId> = self
            .records
            .parties
            .iter()
            .zip(&bound)
            .filter(|(_, b)| **b)
            .map(|(p, _)| &p.id)
            .collect();
        let f = &q.assessments;
        let mut columns: Vec<ScorecardRow> = parties
            .iter()
            .map(|p| ScorecardRow::new(p.as_str().to_owned()))
            .collect();
        let mut total = ScorecardRow::new("total".to_owned());
        let mut rows = Vec::with_capacity(commitments.len());
        for c in commitments {
            let Some(cm) = self.records.commitments.get(c as usize) else {
                continue;
            };
            let mut row = ScorecardRow::new(cm.id.as_str().to_owned());
            let mut cells = Vec::with_capacity(parties.len());
            for (p, column) in parties.iter().zip(columns.iter_mut()) {
                if !cm.binds(p.as_str()) {
                    cells.push(Cell::NotBound);
                    continue;
                }
                let mark = self.mark_at(c, p.as_str(), f);
                row.add(mark, None);
                column.add(mark, None);
                total.add(mark, None);
                cells.push(mark.map_or(Cell::NotAssessed, Cell::Mark));
            }
            row.finish();
            rows.push(MatrixRow {
                commitment: cm,
                cells,
                percent: row.percent_by(q.method),
            });
        }
        total.finish();
        Ok(Matrix {
            parties,
            rows,
            party_percent: columns
                .iter_mut()
                .map(|c| {
                    c.finish();
                    c.percent_by(q.method)
                })
                .collect(),
            total_percent: total.percent_by(q.method),
        })
    }
}
