//! Compliance scorecards by the G20 Research Group method.

use super::{AssessmentFilter, Index, resolve};
use crate::model::Records;
use crate::{Completion, Dataset, Error, Mark, PartialDate};

/// What a scorecard groups by.
///
/// ```
/// use summitry::By;
///
/// assert_eq!("area".parse::<By>()?, By::Area);
/// assert_eq!(By::default(), By::Party);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum By {
    /// One row per obligor party.
    #[default]
    Party,
    /// One row per commitment.
    Commitment,
    /// One row per area a commitment is listed under (exactly, without rolling up into
    /// broader areas); a commitment in two areas counts in both rows.
    Area,
    /// One row per summit; commitments in documents adopted outside a summit are in no row.
    Summit,
    /// One row per mechanism.
    Mechanism,
}

impl By {
    /// Every grouping.
    pub const ALL: [By; 5] = [
        By::Party,
        By::Commitment,
        By::Area,
        By::Summit,
        By::Mechanism,
    ];

    /// The word used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Party => "party",
            By::Commitment => "commitment",
            By::Area => "area",
            By::Summit => "summit",
            By::Mechanism => "mechanism",
        }
    }
}

/// How a scorecard turns a mean score into a percentage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// The G20 Research Group's: `(mean + 1) / 2 × 100`, rounded half up (0 to 100).
    #[default]
    G20rg,
    /// `mean × 100`, rounded half up, as older G8 reports did (−100 to 100).
    Mean,
}

impl Method {
    /// Every method.
    pub const ALL: [Method; 2] = [Method::G20rg, Method::Mean];

    /// The word used on the command line and in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::G20rg => "g20rg",
            Method::Mean => "mean",
        }
    }

    /// How the method is described under a scorecard.
    pub fn describe(self) -> &'static str {
        match self {
            Method::G20rg => {
                "compliance % = (mean + 1) / 2 × 100, rounded half up (G20 Research Group)"
            }
            Method::Mean => "compliance % = mean × 100, rounded half up (may be negative)",
        }
    }
}

/// What a scorecard covers and how it groups.
///
/// ```
/// use summitry::{By, ScorecardQuery};
///
/// let q = ScorecardQuery::new().mechanism("china-central-asia").by(By::Party);
/// # let _ = q;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScorecardQuery {
    pub(super) mechanism: Option<String>,
    by: By,
    then_by: Option<By>,
    pub(super) method: Method,
    pub(super) scope: super::CommitmentQuery,
    pub(super) party: Option<String>,
    pub(super) assessments: AssessmentFilter,
}

impl ScorecardQuery {
    /// Every commitment of every mechanism, by party, from every assessment.
    pub fn new() -> Self {
        ScorecardQuery::default()
    }

    /// Only commitments of this mechanism.
    pub fn mechanism(mut self, id: impl Into<String>) -> Self {
        self.mechanism = Some(id.into());
        self
    }

    /// The grouping; [`By::Party`] unless set.
    pub fn by(mut self, by: By) -> Self {
        self.by = by;
        self
    }

    /// A second grouping: one row per cell (first key, second key), in long form, e.g.
    /// `by(By::Party).then_by(By::Summit)` for each member's trend across summits.
    pub fn then_by(mut self, by: By) -> Self {
        self.then_by = Some(by);
        self
    }

    /// The percentage method; [`Method::G20rg`] unless set.
    pub fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }

    /// Only commitments adopted at this summit.
    pub fn summit(mut self, id: impl Into<String>) -> Self {
        self.scope = self.scope.summit(id);
        self
    }

    /// Only commitments of this document.
    pub fn document(mut self, id: impl Into<String>) -> Self {
        self.scope = self.scope.document(id);
        self
    }

    /// Only commitments in this area or its sub-areas.
    pub fn area(mut self, id: impl Into<String>) -> Self {
        self.scope = self.scope.area(id);
        self
    }

    /// Only this party's pairs.
    pub fn party(mut self, id: impl Into<String>) -> Self {
        let id = id.into();
        self.scope = self.scope.party(id.clone());
        self.party = Some(id);
        self
    }

    pub(super) fn scoped(&self) -> bool {
        self.then_by.is_some()
            || self.party.is_some()
            || self.scope != super::CommitmentQuery::new()
    }

    /// As known on `date` (see [`AssessmentFilter::as_of`]).
    pub fn as_of(mut self, date: impl Into<PartialDate>) -> Self {
        self.assessments = self.assessments.as_of(date);
        self
    }

    /// Only this rater's assessments.
    pub fn rater(mut self, rater: impl Into<String>) -> Self {
        self.assessments = self.assessments.rater(rater);
        self
    }
}

/// How many obligor–commitment pairs stand at each completion level.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let card = ds.scorecard(&summitry::ScorecardQuery::new())?;
/// assert_eq!(card.total.statuses.get(Some(summitry::Completion::Complete)), card.total.statuses.complete);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[non_exhaustive]
pub struct StatusCounts {
    /// Current status `unknown`.
    pub unknown: u32,
    /// Current status `not-started`.
    pub not_started: u32,
    /// Current status `limited`.
    pub limited: u32,
    /// Current status `substantial`.
    pub substantial: u32,
    /// Current status `complete`.
    pub complete: u32,
    /// No assessment rates a status.
    pub unrated: u32,
}

impl StatusCounts {
    /// The count for one level, or for unrated pairs with `None`.
    pub fn get(&self, status: Option<Completion>) -> u32 {
        match status {
            Some(Completion::Unknown) => self.unknown,
            Some(Completion::NotStarted) => self.not_started,
            Some(Completion::Limited) => self.limited,
            Some(Completion::Substantial) => self.substantial,
            Some(Completion::Complete) => self.complete,
            None => self.unrated,
        }
    }

    fn add(&mut self, status: Option<Completion>) {
        let slot = match status {
            Some(Completion::Unknown) => &mut self.unknown,
            Some(Completion::NotStarted) => &mut self.not_started,
            Some(Completion::Limited) => &mut self.limited,
            Some(Completion::Substantial) => &mut self.substantial,
            Some(Completion::Complete) => &mut self.complete,
            None => &mut self.unrated,
        };
        *slot += 1;
    }
}

/// One row of a [`Scorecard`]: the pairs (commitment, obligor party) that fall under a key.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let card = ds.scorecard(&summitry::ScorecardQuery::new())?;
/// let kz = card.rows.iter().find(|r| r.key == "kz").ok_or("no row")?;
/// assert_eq!(kz.mean.is_some(), kz.assessed > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ScorecardRow {
    /// The id grouped by: a party, commitment, area, summit or mechanism id; `total` for
    /// [`Scorecard::total`].
    pub key: String,
    /// The id of the second grouping, for a cross-tabulation ([`ScorecardQuery::then_by`]).
    pub key2: Option<String>,
    /// Pairs whose current assessment has a score.
    pub assessed: u32,
    /// Pairs with no scored assessment: reported apart, never counted as 0.
    pub unassessed: u32,
    /// Pairs whose current mark is not applicable (`score = "n/a"`): in neither numerator
    /// nor denominator.
    pub not_applicable: u32,
    /// The sum of the scores of the assessed pairs (each -1, 0 or +1).
    pub score_sum: i64,
    /// `score_sum / assessed`, or `None` when nothing is assessed.
    pub mean: Option<f64>,
    /// The Research Group's percentage, `(mean + 1) / 2 × 100` rounded half up to a whole
    /// percent, computed exactly in integers; `None` when nothing is assessed.
    pub percent: Option<u32>,
    /// The current completion status of every pair (assessed or not).
    pub statuses: StatusCounts,
}

impl ScorecardRow {
    /// The compliance percentage by `method`: [`percent`](Self::percent) for
    /// [`Method::G20rg`], `mean × 100` rounded half up for [`Method::Mean`].
    pub fn percent_by(&self, method: Method) -> Option<i64> {
        let n = i64::from(self.assessed);
        match method {
            _ if n == 0 => None,
            Method::G20rg => self.percent.map(i64::from),
            // Half up in integers: floor((200 × sum + n) / 2n).
            Method::Mean => Some((200 * self.score_sum + n).div_euclid(2 * n)),
        }
    }
}

impl ScorecardRow {
    pub(super) fn new(key: String) -> Self {
        ScorecardRow {
            key,
            key2: None,
            assessed: 0,
            unassessed: 0,
            not_applicable: 0,
            score_sum: 0,
            mean: None,
            percent: None,
            statuses: StatusCounts::default(),
        }
    }

    pub(super) fn add(&mut self, mark: Option<Mark>, status: Option<Completion>) {
        match mark {
            Some(Mark::Score(s)) => {
                self.assessed += 1;
                self.score_sum += i64::from(s.value());
            }
            Some(Mark::NotApplicable) => self.not_applicable += 1,
            None => self.unassessed += 1,
        }
        self.statuses.add(status);
    }

    pub(super) fn finish(&mut self) {
        if self.assessed > 0 {
            self.mean = Some(self.score_sum as f64 / f64::from(self.assessed));
            self.percent = percent(self.score_sum, self.assessed);
        }
    }
}

/// `(sum / n + 1) / 2 × 100`, rounded half up, in integers: `(sum + n) × 100 / (2n)`, and
/// rounding `x / y` half up is `(2x + y) / (2y)` floored. `None` when `n` is 0.
pub(crate) fn percent(sum: i64, n: u32) -> Option<u32> {
    let n = i64::from(n);
    if n == 0 {
        return None;
    }
    let x = (sum + n) * 100;
    let y = 2 * n;
    u32::try_from((2 * x + y).div_euclid(2 * y)).ok()
}

/// Adds a pair to the row of `key`, making the row on first use.
fn add<'a>(
    rows: &mut crate::hash::HashMap<(&'a str, &'a str), ScorecardRow>,
    key: (&'a str, &'a str),
    score: Option<Mark>,
    status: Option<Completion>,
) {
    if let Some(row) = rows.get_mut(&key) {
        row.add(score, status);
    } else {
        let mut row = ScorecardRow::new(key.0.to_owned());
        if !key.1.is_empty() {
            row.key2 = Some(key.1.to_owned());
        }
        row.add(score, status);
        rows.insert(key, row);
    }
}

/// A compliance scorecard: rows ordered by key, and a total over every pair.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let card = ds.scorecard(&summitry::ScorecardQuery::new().by(summitry::By::Mechanism))?;
/// let total: u32 = card.rows.iter().map(|r| r.assessed + r.unassessed).sum();
/// assert_eq!(total, card.total.assessed + card.total.unassessed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Scorecard {
    /// The grouping.
    pub by: By,
    /// The second grouping of a cross-tabulation, if any.
    pub then_by: Option<By>,
    /// The percentage method.
    pub method: Method,
    /// The rater whose assessments were used, when one was asked for.
    pub rater: Option<String>,
    /// The raters whose assessments decided some pair's mark, in byte order: more than one
    /// means pairs were taken from whichever rater assessed them last.
    pub raters_used: Vec<String>,
    /// Pairs with an assessment in the data that the rater or the as-of date left out (they
    /// are counted as not assessed).
    pub excluded: u32,
    /// One row per key, ordered by key (byte order of the ids).
    pub rows: Vec<ScorecardRow>,
    /// Every pair counted once, whatever the grouping.
    pub total: ScorecardRow,
}

impl Dataset {
    /// A compliance scorecard by the G20 Research Group method.
    ///
    /// The unit is the pair (commitment, obligor party): a party that is not bound by a
    /// commitment is in neither numerator nor denominator. Each pair's score is that of its
    /// latest assessment that has a score (among those the query's rater and date allow; see
    /// [`current_assessment`](Self::current_assessment) for "latest"); a pair with none is
    /// *unassessed*, counted apart and never as 0. Status counts use each pair's current
    /// completion status (the latest assessment that rates one).
    ///
    /// # Errors
    ///
    /// When the mechanism or the rater is unknown (with a suggestion).
    ///
    /// ```
    /// use summitry::{By, ScorecardQuery};
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let card = ds.scorecard(&ScorecardQuery::new().mechanism("china-central-asia").by(By::Party))?;
    /// assert_eq!(card.by, By::Party);
    /// assert!(card.rows.iter().any(|r| r.key == "kz"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn scorecard(&self, q: &ScorecardQuery) -> Result<Scorecard, Error> {
        self.check_filter(&q.assessments)?;
        let ix = &self.index;
        let f = &q.assessments;
        // The default scorecard by party was tallied at load time.
        if q.by == By::Party
            && !q.scoped()
            && q.method == Method::G20rg
            && q.mechanism.is_none()
            && self.accepts_all(f)
        {
            if let Some(card) = &ix.party_scorecard {
                return Ok(card.clone());
            }
        }
        self.scorecard_pair_by_pair(q)
    }

    /// [`scorecard`](Self::scorecard) computed pair by pair, never from the scorecard
    /// tallied at load time.
    pub(crate) fn scorecard_pair_by_pair(&self, q: &ScorecardQuery) -> Result<Scorecard, Error> {
        self.check_filter(&q.assessments)?;
        let ix = &self.index;
        let mut commitments: Vec<u32> = match &q.mechanism {
            Some(m) => {
                let m = resolve(&self.ids.mechanisms, "mechanism", m)?;
                ix.commitments_by_mechanism
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
        let party = match &q.party {
            Some(p) => {
                let i = super::resolve_party(&self.ids, p)?;
                self.records.parties.get(i as usize).map(|p| p.id.as_str())
            }
            None => None,
        };
        let f = &q.assessments;
        // Keys borrow from the dataset: no allocation per pair, one per row.
        // Hashed, not ordered: the rows are sorted by key once at the end.
        let mut rows: crate::hash::HashMap<(&str, &str), ScorecardRow> =
            crate::hash::HashMap::default();
        let mut total = ScorecardRow::new("total".to_owned());
        // Without a rater, and with no date or one after every recorded date, every pair's
        // view is the one precomputed at load time.
        let default_view = self.accepts_all(f);
        // Rows by party, in slots by party position rather than looked up by id per pair.
        let mut party_rows: Vec<Option<ScorecardRow>> = vec![None; self.records.parties.len()];
        let single_party = q.by == By::Party && q.then_by.is_none();
        let mut raters_used: Vec<&str> = Vec::new();
        let mut excluded = 0;
        let mut keys1: Vec<&str> = Vec::new();
        let mut keys2: Vec<&str> = Vec::new();
        for c in commitments {
            let Some(commitment) = self.records.commitments.get(c as usize) else {
                continue;
            };
            let document = ix
                .commitment_document
                .get(c as usize)
                .copied()
                .flatten()
                .and_then(|d| self.records.documents.get(d as usize));
            let pairs = ix.pairs_of(c);
            for (j, obligor) in commitment.obligor_parties.iter().enumerate() {
                let p = obligor.as_str();
                if party.is_some_and(|x| x != p) {
                    continue;
                }
                // The default view of each pair was derived at load time; a filtered one
                // takes one pass over the pair's history.
                let pair = pairs.get(j);
                let (score, status, decided_by) = match pair.filter(|_| default_view) {
                    Some(pair) => (
                        pair.mark,
                        pair.status,
                        pair.marked_by()
                            .and_then(|a| self.records.assessments.get(a as usize)),
                    ),
                    None => {
                        let v = self.view_at(c, p, f);
                        if v.marked_by.is_none() && v.marked_unfiltered {
                            excluded += 1;
                        }
                        (v.mark(), v.status, v.marked_by)
                    }
                };
                if let Some(a) = decided_by {
                    if !raters_used.contains(&&*a.rater) {
                        raters_used.push(&a.rater);
                    }
                }
                total.add(score, status);
                if single_party {
                    match pair
                        .and_then(|x| x.party())
                        .and_then(|i| party_rows.get_mut(i as usize))
                    {
                        Some(slot) => slot
                            .get_or_insert_with(|| ScorecardRow::new(p.to_owned()))
                            .add(score, status),
                        None => add(&mut rows, (p, ""), score, status),
                    }
                    continue;
                }
                group_keys(&mut keys1, q.by, p, commitment, document);
                match q.then_by {
                    None => {
                        for k in &keys1 {
                            add(&mut rows, (k, ""), score, status);
                        }
                    }
                    Some(by2) => {
                        group_keys(&mut keys2, by2, p, commitment, document);
                        for k in &keys1 {
                            for k2 in &keys2 {
                                add(&mut rows, (k, k2), score, status);
                            }
                        }
                    }
                }
            }
        }
        total.finish();
        let mut rows: Vec<ScorecardRow> = rows
            .into_values()
            .chain(party_rows.into_iter().flatten())
            .map(|mut r| {
                r.finish();
                r
            })
            .collect();
        // Ordered by key (byte order of the ids), as the map alone would be.
        rows.sort_by(|a, b| a.key.cmp(&b.key).then(a.key2.cmp(&b.key2)));
        raters_used.sort_unstable();
        raters_used.dedup();
        Ok(Scorecard {
            by: q.by,
            then_by: q.then_by,
            method: q.method,
            rater: f.get_rater().map(str::to_owned),
            raters_used: raters_used.into_iter().map(str::to_owned).collect(),
            excluded,
            rows,
            total,
        })
    }
}

/// The keys a pair falls under when grouped `by`: one (party, commitment, summit,
/// mechanism), none (a summit for a document adopted outside one), or each distinct area.
fn group_keys<'a>(
    out: &mut Vec<&'a str>,
    by: By,
    party: &'a str,
    commitment: &'a crate::Commitment,
    document: Option<&'a crate::Document>,
) {
    out.clear();
    match by {
        By::Party => out.push(party),
        By::Commitment => out.push(commitment.id.as_str()),
        By::Area => {
            for a in commitment.areas.iter() {
                if !out.contains(&a.as_str()) {
                    out.push(a.as_str());
                }
            }
        }
        By::Summit => {
            if let Some(s) = document.and_then(|d| d.summit.as_ref()) {
                out.push(s.as_str());
            }
        }
        By::Mechanism => {
            if let Some(d) = document {
                out.push(d.mechanism.as_str());
            }
        }
    }
}

/// The raters whose assessment gives some pair its default mark, in byte order.
fn raters_deciding(r: &Records, ix: &Index) -> Vec<String> {
    let mut raters: Vec<&str> = Vec::new();
    for a in ix
        .pairs
        .iter()
        .filter_map(|p| p.marked_by())
        .filter_map(|a| r.assessments.get(a as usize))
    {
        if !raters.contains(&&*a.rater) {
            raters.push(&a.rater);
        }
    }
    raters.sort_unstable();
    raters.into_iter().map(str::to_owned).collect()
}

/// One party's tally in [`default_by_party`].
#[derive(Clone, Copy, Default)]
struct Tally {
    pairs: u32,
    assessed: u32,
    not_applicable: u32,
    score_sum: i64,
    statuses: StatusCounts,
}

/// The scorecard by party over every commitment and every assessment, in one pass over the
/// pairs' default view (`Index::pairs`): what [`Dataset::scorecard`] computes for
/// `ScorecardQuery::new()`, which returns a copy of it.
pub(crate) fn default_by_party(r: &Records, ix: &Index) -> Scorecard {
    let mut tallies = vec![Tally::default(); r.parties.len()];
    let mut total = ScorecardRow::new("total".to_owned());
    // Pairs whose obligor names no party, by the id as written (none in a validated dataset).
    let mut others: crate::hash::HashMap<(&str, &str), ScorecardRow> =
        crate::hash::HashMap::default();
    let mut unresolved = false;
    for pair in &ix.pairs {
        let score = pair.mark;
        let status = pair.status;
        total.add(score, status);
        match pair.party().and_then(|p| tallies.get_mut(p as usize)) {
            Some(t) => {
                t.pairs += 1;
                match score {
                    Some(Mark::Score(s)) => {
                        t.assessed += 1;
                        t.score_sum += i64::from(s.value());
                    }
                    Some(Mark::NotApplicable) => t.not_applicable += 1,
                    None => {}
                }
                t.statuses.add(status);
            }
            None => unresolved = true,
        }
    }
    if unresolved {
        for (c, commitment) in r.commitments.iter().enumerate() {
            let pairs = ix.pairs_of(c as u32);
            for (party, pair) in commitment.obligor_parties.iter().zip(pairs) {
                let in_range = pair.party().is_some_and(|p| (p as usize) < r.parties.len());
                if !in_range {
                    add(&mut others, (party.as_str(), ""), pair.mark, pair.status);
                }
            }
        }
    }
    total.finish();
    let mut rows: Vec<ScorecardRow> = others.into_values().collect();
    for (party, t) in r.parties.iter().zip(&tallies) {
        if t.pairs == 0 {
            continue;
        }
        rows.push(ScorecardRow {
            key: party.id.as_str().to_owned(),
            key2: None,
            assessed: t.assessed,
            unassessed: t.pairs - t.assessed - t.not_applicable,
            not_applicable: t.not_applicable,
            score_sum: t.score_sum,
            mean: None,
            percent: None,
            statuses: t.statuses,
        });
    }
    for row in &mut rows {
        row.finish();
    }
    rows.sort_by(|a, b| a.key.cmp(&b.key));
    Scorecard {
        by: By::Party,
        then_by: None,
        method: Method::G20rg,
        rater: None,
        raters_used: raters_deciding(r, ix),
        excluded: 0,
        rows,
        total,
    }
}

crate::model::vocabulary!(By, "grouping");
crate::model::vocabulary!(Method, "method");

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::query::fixture::{d, dataset};

    /// A date on or after the last recorded day lets every assessment through: the answer
    /// is the unfiltered one (served from the load-time views); a day earlier it is not.
    #[test]
    fn an_as_of_after_every_record_is_no_filter() {
        let ds = dataset();
        // The fixture's last assessment was recorded on 2025-02-01.
        let all = AssessmentFilter::new();
        assert!(ds.accepts_all(&all));
        assert!(ds.accepts_all(&AssessmentFilter::new().as_of(d("2025-02-01"))));
        assert!(ds.accepts_all(&AssessmentFilter::new().as_of(d("2025-02"))));
        assert!(!ds.accepts_all(&AssessmentFilter::new().as_of(d("2025-01"))));
        assert!(!ds.accepts_all(&AssessmentFilter::new().rater("g20")));
        for by in By::ALL {
            let plain = ds.scorecard(&ScorecardQuery::new().by(by)).unwrap();
            let later = ds
                .scorecard(&ScorecardQuery::new().by(by).as_of(d("2030")))
                .unwrap();
            assert_eq!(later, plain, "{by}");
            let earlier = ds
                .scorecard(&ScorecardQuery::new().by(by).as_of(d("2025-01")))
                .unwrap();
            assert_ne!(earlier.total, plain.total, "{by}");
        }
    }

    /// Each level reads its own count (a missed mutant of `get` returned 0 for all).
    #[test]
    fn status_counts_get_reads_each_level() {
        let c = StatusCounts {
            unknown: 1,
            not_started: 2,
            limited: 3,
            substantial: 4,
            complete: 5,
            unrated: 6,
        };
        let got: Vec<u32> = [
            Some(Completion::Unknown),
            Some(Completion::NotStarted),
            Some(Completion::Limited),
            Some(Completion::Substantial),
            Some(Completion::Complete),
            None,
        ]
        .into_iter()
        .map(|s| c.get(s))
        .collect();
        assert_eq!(got, [1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn percent_rounds_half_up_exactly() {
        assert_eq!(percent(1, 4), Some(63)); // mean 0.25 -> 62.5 -> 63
        assert_eq!(percent(-1, 4), Some(38)); // mean -0.25 -> 37.5 -> 38
        assert_eq!(percent(3, 4), Some(88)); // 87.5 -> 88
        assert_eq!(percent(-1, 1), Some(0));
        assert_eq!(percent(1, 1), Some(100));
        assert_eq!(percent(0, 3), Some(50));
        assert_eq!(percent(1, 3), Some(67)); // 66.67
        assert_eq!(percent(2, 7), Some(64)); // 64.29
        assert_eq!(percent(-1, 3), Some(33)); // 33.33
        assert_eq!(percent(0, 0), None);
        // 1/40 -> 51.25 -> 51; 3/40 -> 53.75 -> 54; 1/8 -> 56.25 -> 56; 3/8 -> 68.75 -> 69
        assert_eq!(percent(1, 40), Some(51));
        assert_eq!(percent(3, 40), Some(54));
        assert_eq!(percent(1, 8), Some(56));
        assert_eq!(percent(3, 8), Some(69));
    }

    fn row<'a>(s: &'a Scorecard, key: &str) -> &'a ScorecardRow {
        s.rows.iter().find(|r| r.key == key).unwrap()
    }

    #[test]
    fn by_party_hand_computed() {
        let ds = dataset();
        let s = ds
            .scorecard(&ScorecardQuery::new().mechanism("cca"))
            .unwrap();
        let keys: Vec<&str> = s.rows.iter().map(|r| r.key.as_str()).collect();
        // ru is not an obligor of any cca commitment: no row at all.
        assert_eq!(keys, ["cn", "kg", "kz", "uz"]);
        // cn: c0 +1, c1 0 (ogp is later than g20), c2 0, c3 unassessed, c4 +1.
        let cn = row(&s, "cn");
        assert_eq!((cn.assessed, cn.unassessed, cn.score_sum), (4, 1, 2));
        assert_eq!((cn.mean, cn.percent), (Some(0.5), Some(75)));
        assert_eq!(
            (
                cn.statuses.complete,
                cn.statuses.limited,
                cn.statuses.unrated
            ),
            (1, 2, 2)
        );
        // kz: c0 +1 (latest), c2 status only (unassessed), c3 unassessed, c4 0.
        let kz = row(&s, "kz");
        assert_eq!(
            (kz.assessed, kz.unassessed, kz.score_sum, kz.percent),
            (2, 2, 1, Some(75))
        );
        assert_eq!(
            (
                kz.statuses.complete,
                kz.statuses.unknown,
                kz.statuses.unrated
            ),
            (1, 1, 2)
        );
        let kg = row(&s, "kg");
        assert_eq!(
            (kg.assessed, kg.unassessed, kg.mean, kg.percent),
            (1, 2, Some(-1.0), Some(0))
        );
        // uz: bound by three commitments, none assessed: no mean, never 0.
        let uz = row(&s, "uz");
        assert_eq!(
            (uz.assessed, uz.unassessed, uz.mean, uz.percent),
            (0, 3, None, None)
        );
        // Total: 7 assessed pairs summing to 2 -> 64.29% -> 64; 8 unassessed.
        assert_eq!(
            (s.total.assessed, s.total.unassessed, s.total.score_sum),
            (7, 8, 2)
        );
        assert_eq!(s.total.percent, Some(64));
    }

    #[test]
    fn rater_and_as_of() {
        let ds = dataset();
        // g20 only: cn c0 +1, c1 +1, c2 0, c4 +1 -> 3/4 -> 87.5 -> 88.
        let s = ds
            .scorecard(&ScorecardQuery::new().mechanism("cca").rater("g20"))
            .unwrap();
        assert_eq!(row(&s, "cn").percent, Some(88));
        // As known at the end of 2024: kz c0 was 0 (the +1 was recorded in 2025); c4 unknown.
        let s = ds
            .scorecard(&ScorecardQuery::new().mechanism("cca").as_of(d("2024")))
            .unwrap();
        let kz = row(&s, "kz");
        assert_eq!((kz.assessed, kz.score_sum, kz.percent), (1, 0, Some(50)));
        // cn: c0 +1, c1 0 (ogp recorded 2024-10-01) -> 1/2 -> 75.
        assert_eq!(row(&s, "cn").percent, Some(75));
    }

    #[test]
    fn other_groupings() {
        let ds = dataset();
        let s = ds
            .scorecard(&ScorecardQuery::new().by(By::Commitment))
            .unwrap();
        let c0 = row(&s, "c0-secretariat");
        // cn +1, kz +1, kg -1, uz unassessed: 1/3 -> 66.67 -> 67.
        assert_eq!((c0.assessed, c0.unassessed, c0.percent), (3, 1, Some(67)));
        // c5: ru +1, cn unassessed.
        let c5 = row(&s, "c5-other");
        assert_eq!((c5.assessed, c5.unassessed, c5.percent), (1, 1, Some(100)));

        let s = ds.scorecard(&ScorecardQuery::new().by(By::Area)).unwrap();
        let keys: Vec<&str> = s.rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "economy",
                "economy.trade",
                "education",
                "security",
                "security.cyber"
            ]
        );
        // security: c4 cn +1, kz 0; c5 cn unassessed, ru +1 -> 2/3.
        let sec = row(&s, "security");
        assert_eq!(
            (sec.assessed, sec.unassessed, sec.score_sum, sec.percent),
            (3, 1, 2, Some(83))
        );

        let s = ds
            .scorecard(&ScorecardQuery::new().by(By::Mechanism))
            .unwrap();
        assert_eq!(row(&s, "other").assessed, 1);
        assert_eq!(row(&s, "cca").assessed, 7);
        let s = ds.scorecard(&ScorecardQuery::new().by(By::Summit)).unwrap();
        assert_eq!(row(&s, "cca-2025").assessed, 2);
        assert_eq!(row(&s, "cca-2025").unassessed, 4);
        assert!(
            ds.scorecard(&ScorecardQuery::new().mechanism("cc"))
                .unwrap_err()
                .is_unknown_id()
        );
        assert_eq!("area".parse::<By>().unwrap(), By::Area);
    }
}
