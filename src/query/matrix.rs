//! The compliance report's own table: commitments × parties.

use super::scorecard::ScorecardRow;
use super::{ScorecardQuery, resolve};
use crate::{Commitment, Dataset, Error, Mark, PartyId};

/// How far two raters agree: see [`Dataset::agreement`].
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Agreement {
    /// The first rater.
    pub rater_a: String,
    /// The second rater.
    pub rater_b: String,
    /// Counts by (first rater's score, second rater's score), each indexed −1, 0, +1.
    pub table: [[u32; 3]; 3],
    /// Pairs both raters scored.
    pub pairs: u32,
    /// Pairs both scored the same.
    pub agreed: u32,
    /// `agreed / pairs × 100`, or `None` without pairs.
    pub percent: Option<f64>,
    /// Cohen's weighted kappa (linear weights), or `None` without pairs or when chance
    /// agreement is already total.
    pub kappa: Option<f64>,
}

impl Agreement {
    fn from_table(a: &str, b: &str, table: [[u32; 3]; 3]) -> Agreement {
        let pairs: u32 = table.iter().flatten().sum();
        let agreed: u32 = (0..3)
            .map(|i| table.get(i).and_then(|r| r.get(i)).copied().unwrap_or(0))
            .sum();
        let n = f64::from(pairs);
        let weight = |i: usize, j: usize| 1.0 - (i.abs_diff(j) as f64) / 2.0;
        let rows: Vec<f64> = table
            .iter()
            .map(|r| f64::from(r.iter().sum::<u32>()))
            .collect();
        let cols: Vec<f64> = (0..3)
            .map(|j| {
                f64::from(
                    table
                        .iter()
                        .map(|r| r.get(j).copied().unwrap_or(0))
                        .sum::<u32>(),
                )
            })
            .collect();
        let mut po = 0.0;
        let mut pe = 0.0;
        for (i, r) in table.iter().enumerate() {
            for (j, &x) in r.iter().enumerate() {
                po += weight(i, j) * f64::from(x);
                pe += weight(i, j)
                    * rows.get(i).copied().unwrap_or(0.0)
                    * cols.get(j).copied().unwrap_or(0.0);
            }
        }
        let (percent, kappa) = if pairs == 0 {
            (None, None)
        } else {
            let (po, pe) = (po / n, pe / (n * n));
            (
                Some(f64::from(agreed) * 100.0 / n),
                (pe < 1.0).then(|| (po - pe) / (1.0 - pe)),
            )
        };
        Agreement {
            rater_a: a.to_owned(),
            rater_b: b.to_owned(),
            table,
            pairs,
            agreed,
            percent,
            kappa,
        }
    }
}

/// One cell of a [`Matrix`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
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

impl std::fmt::Display for Cell {
    /// `not bound`, nothing when not assessed, or the mark (`+1`, `n/a`).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::NotBound => f.pad(NOT_BOUND),
            Cell::NotAssessed => f.pad(""),
            Cell::Mark(m) => f.pad(&m.to_string()),
        }
    }
}

impl serde::Serialize for Cell {
    /// `"not bound"`, `null` when not assessed, or the mark (`1`, `0`, `-1`, `"n/a"`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::NotBound => s.serialize_str(NOT_BOUND),
            Cell::NotAssessed => s.serialize_none(),
            Cell::Mark(m) => serde::Serialize::serialize(m, s),
        }
    }
}

/// One commitment's row of a [`Matrix`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[non_exhaustive]
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
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[non_exhaustive]
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
    /// The positions of the commitments a query's scope covers, in data order, and the
    /// position of its party, if it names one.
    pub(crate) fn scoped(&self, q: &ScorecardQuery) -> Result<(Vec<u32>, Option<u32>), Error> {
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
        Ok((commitments, party))
    }

    /// How far two raters agree on the pairs in a query's scope that both scored (as known
    /// on the query's as-of date; the query's own rater is ignored): percent agreement and
    /// Cohen's weighted kappa with linear weights on −1, 0, +1 (agreement weight
    /// `1 − |i − j| / 2`). Pairs either rater marked not applicable are left out.
    ///
    /// # Errors
    ///
    /// When a rater or an id in the query is unknown.
    ///
    /// ```
    /// use summitry::{Dataset, ScorecardQuery};
    ///
    /// let ds = Dataset::bundled();
    /// let q = ScorecardQuery::new().mechanism("china-central-asia");
    /// let same = ds.agreement("summitry-maintainers", "summitry-maintainers", &q)?;
    /// assert_eq!(same.agreed, same.pairs);
    /// assert!(ds.agreement("summitry-maintainers", "nobody", &q).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn agreement(
        &self,
        a: impl AsRef<str>,
        b: impl AsRef<str>,
        q: &ScorecardQuery,
    ) -> Result<Agreement, Error> {
        let (a, b) = (a.as_ref(), b.as_ref());
        let base = q.assessments.clone();
        let fa = base.clone().rater(a);
        let fb = base.rater(b);
        self.check_filter(&fa)?;
        self.check_filter(&fb)?;
        let (commitments, party) = self.scoped(q)?;
        let mut table = [[0u32; 3]; 3];
        for c in commitments {
            let Some(cm) = self.records.commitments.get(c as usize) else {
                continue;
            };
            for p in cm.obligor_parties.iter() {
                if party.is_some_and(|x| self.ids.parties.get(p.as_str()) != Some(&x)) {
                    continue;
                }
                let score = |f| self.mark_at(c, p.as_str(), f).and_then(Mark::score);
                if let (Some(x), Some(y)) = (score(&fa), score(&fb)) {
                    let (i, j) = ((x.value() + 1) as usize, (y.value() + 1) as usize);
                    if let Some(n) = table.get_mut(i).and_then(|r| r.get_mut(j)) {
                        *n += 1;
                    }
                }
            }
        }
        Ok(Agreement::from_table(a, b, table))
    }

    /// The commitments × parties table of the commitments a scorecard query covers (its
    /// mechanism, summit, document, area and party scope), with each pair's current mark
    /// under its rater and as-of date; the grouping is ignored.
    ///
    /// # Errors
    ///
    /// When an id or the rater in the query is unknown.
    ///
    /// ```
    /// use summitry::{Dataset, ScorecardQuery};
    ///
    /// let ds = Dataset::bundled();
    /// let m = ds.compliance_matrix(&ScorecardQuery::new().mechanism("china-central-asia"))?;
    /// assert!(!m.rows.is_empty());
    /// assert!(m.rows.iter().all(|r| r.cells.len() == m.parties.len()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compliance_matrix(&self, q: &ScorecardQuery) -> Result<Matrix<'_>, Error> {
        self.check_filter(&q.assessments)?;
        let (commitments, party) = self.scoped(q)?;
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
