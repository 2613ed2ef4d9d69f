//! Assessment history: every assessment of a commitment for a party, the current one, and
//! what was known on a given date.

use super::{Matches, resolve, resolve_party};
use crate::{Assessment, Completion, Dataset, Error, Mark, PartialDate};

/// Which assessments count: all of them, those known on a date, those of one rater.
///
/// "Known on a date" means recorded by then: an assessment counts for `as_of(d)` when its
/// `recorded` date ends on or before the last day of `d` (`recorded.last() <=
/// d.last()`). An assessment recorded only as "2025-06" is therefore not known on
/// `2025-06-10`, but is known on `2025-06` and on `2025`: we never claim knowledge earlier
/// than the record proves.
///
/// ```
/// use summitry::{AssessmentFilter, PartialDate};
///
/// let f = AssessmentFilter::new().as_of("2025-06".parse::<PartialDate>()?).rater("g20rg");
/// assert_ne!(f, AssessmentFilter::new());
/// # Ok::<(), summitry::DateError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AssessmentFilter {
    as_of: Option<PartialDate>,
    rater: Option<String>,
}

impl AssessmentFilter {
    /// Every assessment, by every rater, whenever recorded.
    pub fn new() -> Self {
        AssessmentFilter::default()
    }

    /// Only assessments known on `date`: recorded on or before its last day.
    pub fn as_of(mut self, date: impl Into<PartialDate>) -> Self {
        self.as_of = Some(date.into());
        self
    }

    /// Only assessments by this rater (exact match).
    pub fn rater(mut self, rater: impl Into<String>) -> Self {
        self.rater = Some(rater.into());
        self
    }

    /// The date set by [`as_of`](Self::as_of), if any.
    pub(crate) fn get_as_of(&self) -> Option<PartialDate> {
        self.as_of
    }

    /// The rater set by [`rater`](Self::rater), if any.
    pub(crate) fn get_rater(&self) -> Option<&str> {
        self.rater.as_deref()
    }

    /// Whether an assessment passes this filter.
    pub fn accepts(&self, a: &Assessment) -> bool {
        self.rater.as_deref().is_none_or(|r| *a.rater == *r)
            && self.as_of.is_none_or(|d| a.recorded.last() <= d.last())
    }
}

/// One pair's view under a filter (see [`Dataset::view_at`]).
#[derive(Clone, Copy, Default)]
pub(crate) struct View<'a> {
    /// The latest accepted assessment that scores or says not applicable.
    pub(crate) marked_by: Option<&'a Assessment>,
    /// The status of the latest accepted assessment that rates one.
    pub(crate) status: Option<Completion>,
    /// Whether some assessment marks the pair, accepted or not. Only meaningful when the
    /// pass did not stop early, that is when `marked_by` is `None`.
    pub(crate) marked_unfiltered: bool,
}

impl View<'_> {
    /// The pair's mark.
    pub(crate) fn mark(&self) -> Option<Mark> {
        self.marked_by.and_then(Assessment::mark)
    }
}

impl Dataset {
    /// Checks that a rater named by a filter rates something.
    pub(crate) fn check_filter(&self, f: &AssessmentFilter) -> Result<(), Error> {
        if let Some(r) = f.get_rater() {
            if self
                .index
                .raters
                .binary_search_by(|x| (**x).cmp(r))
                .is_err()
            {
                let s = crate::error::did_you_mean(r, self.index.raters.iter().map(|x| &**x));
                return Err(Error::unknown("rater", r, s));
            }
        }
        Ok(())
    }

    /// Whether `f` lets every assessment of the dataset through: no rater, and no as-of
    /// date or one on or after the last day any assessment was recorded. The views derived
    /// at load time (each pair's mark and status, the scorecard by party) then answer for it.
    pub(crate) fn accepts_all(&self, f: &AssessmentFilter) -> bool {
        f.get_rater().is_none()
            && f.get_as_of()
                .is_none_or(|d| self.index.last_recorded.is_none_or(|last| last <= d.last()))
    }

    /// The assessments of the commitment at `c` for `party` that pass `f`, oldest first.
    pub(crate) fn history_at<'a>(
        &'a self,
        c: u32,
        party: &'a str,
        f: &'a AssessmentFilter,
    ) -> impl DoubleEndedIterator<Item = &'a Assessment> + 'a {
        self.index
            .assessments_by_commitment
            .get(c as usize)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&a| self.records.assessments.get(a as usize))
            .filter(move |a| a.party.as_str() == party && f.accepts(a))
    }

    /// The latest assessment of the commitment at `c` for `party` that passes `f` and `pred`.
    pub(crate) fn latest_at<'a>(
        &'a self,
        c: u32,
        party: &'a str,
        f: &'a AssessmentFilter,
        pred: impl Fn(&Assessment) -> bool,
    ) -> Option<&'a Assessment> {
        self.history_at(c, party, f).rev().find(|a| pred(a))
    }

    /// The current completion status: that of the latest assessment which rates one. An
    /// assessment that only scores does not erase an earlier status.
    pub(crate) fn status_at(
        &self,
        c: u32,
        party: &str,
        f: &AssessmentFilter,
    ) -> Option<Completion> {
        self.latest_at(c, party, f, |a| a.status.is_some())
            .and_then(|a| a.status)
    }

    /// A pair's view under `f` in one pass over its history, newest first: what
    /// [`mark_at`](Self::mark_at), [`status_at`](Self::status_at) and the latest marking
    /// assessment would give, and whether any assessment at all (whatever `f` says) marks it.
    pub(crate) fn view_at<'a>(&'a self, c: u32, party: &str, f: &AssessmentFilter) -> View<'a> {
        let mut v = View::default();
        let history = self
            .index
            .assessments_by_commitment
            .get(c as usize)
            .unwrap_or(&[]);
        for a in history
            .iter()
            .rev()
            .filter_map(|&a| self.records.assessments.get(a as usize))
            .filter(|a| a.party.as_str() == party)
        {
            let marks = a.mark().is_some();
            v.marked_unfiltered |= marks;
            if !f.accepts(a) {
                continue;
            }
            if v.marked_by.is_none() && marks {
                v.marked_by = Some(a);
            }
            if v.status.is_none() {
                v.status = a.status;
            }
            if v.marked_by.is_some() && v.status.is_some() {
                break;
            }
        }
        v
    }

    /// The current mark: that of the latest assessment which scores or says not applicable.
    pub(crate) fn mark_at(&self, c: u32, party: &str, f: &AssessmentFilter) -> Option<Mark> {
        self.latest_at(c, party, f, |a| a.mark().is_some())
            .and_then(Assessment::mark)
    }

    fn commitment_and_party(&self, commitment: &str, party: &str) -> Result<(u32, String), Error> {
        let c = resolve(&self.ids.commitments, "commitment", commitment)?;
        let p = resolve_party(&self.ids, party)?;
        let id = self
            .records
            .parties
            .get(p as usize)
            .map_or_else(|| party.to_ascii_lowercase(), |p| p.id.as_str().to_owned());
        Ok((c, id))
    }

    /// Every assessment of `commitment` for `party` that passes `filter`, oldest first: by
    /// as-of date, then recorded date (in [`PartialDate`]'s sort order), then load order.
    ///
    /// # Errors
    ///
    /// When the commitment, the party or the filter's rater is unknown. A party that is not
    /// bound by the commitment has no assessments: the answer is empty, not an error.
    ///
    /// ```
    /// use summitry::AssessmentFilter;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let f = AssessmentFilter::new().rater("summitry-maintainers");
    /// let n = ds.assessments_where("xian-heads-of-state-mechanism", "kz", &f)?.count();
    /// assert_eq!(n, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assessments_where(
        &self,
        commitment: impl AsRef<str>,
        party: impl AsRef<str>,
        filter: &AssessmentFilter,
    ) -> Result<Matches<'_, Assessment>, Error> {
        let commitment = commitment.as_ref();
        let party = party.as_ref();
        self.check_filter(filter)?;
        let (c, party) = self.commitment_and_party(commitment, party)?;
        let positions: Vec<u32> = self
            .index
            .assessments_by_commitment
            .get(c as usize)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|&a| {
                self.records
                    .assessments
                    .get(a as usize)
                    .is_some_and(|a| a.party.as_str() == party && filter.accepts(a))
            })
            .collect();
        Ok(Matches::new(&self.records.assessments, positions))
    }

    /// Every assessment of `commitment` for `party`, by every rater, oldest first (see
    /// [`assessments_where`](Self::assessments_where)).
    ///
    /// # Errors
    ///
    /// When the commitment or the party is unknown.
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let all: Vec<_> = ds.assessments_of("xian-heads-of-state-mechanism", "kz")?.collect();
    /// assert_eq!(all.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn assessments_of(
        &self,
        commitment: impl AsRef<str>,
        party: impl AsRef<str>,
    ) -> Result<Matches<'_, Assessment>, Error> {
        let commitment = commitment.as_ref();
        let party = party.as_ref();
        self.assessments_where(commitment, party, &AssessmentFilter::new())
    }

    /// The latest assessment of `commitment` for `party` that passes `filter`: the greatest
    /// as-of date, then the greatest recorded date, then the last loaded. `None` when there is
    /// none.
    ///
    /// Raters are not merged: without a rater in the filter, the latest assessment by anyone
    /// wins; use [`current_assessment_by`](Self::current_assessment_by) to keep one rater's
    /// view.
    ///
    /// # Errors
    ///
    /// When the commitment, the party or the filter's rater is unknown.
    ///
    /// ```
    /// use summitry::{AssessmentFilter, PartialDate};
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let before = AssessmentFilter::new().as_of("2025".parse::<PartialDate>()?);
    /// assert!(ds.current_assessment_where("xian-heads-of-state-mechanism", "kz", &before)?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn current_assessment_where(
        &self,
        commitment: impl AsRef<str>,
        party: impl AsRef<str>,
        filter: &AssessmentFilter,
    ) -> Result<Option<&Assessment>, Error> {
        let commitment = commitment.as_ref();
        let party = party.as_ref();
        Ok(self
            .assessments_where(commitment, party, filter)?
            .next_back())
    }

    /// The latest assessment of `commitment` for `party` by any rater.
    ///
    /// # Errors
    ///
    /// When the commitment or the party is unknown.
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let a = ds.current_assessment("xian-heads-of-state-mechanism", "kz")?.ok_or("none")?;
    /// assert_eq!(a.score, Some(summitry::Score::FULL));
    /// assert!(ds.current_assessment("xian-scholarships", "kz")?.is_none()); // kz is not bound
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn current_assessment(
        &self,
        commitment: impl AsRef<str>,
        party: impl AsRef<str>,
    ) -> Result<Option<&Assessment>, Error> {
        let commitment = commitment.as_ref();
        let party = party.as_ref();
        self.current_assessment_where(commitment, party, &AssessmentFilter::new())
    }

    /// The latest assessment of `commitment` for `party` by `rater`.
    ///
    /// # Errors
    ///
    /// When the commitment, the party or the rater is unknown.
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let a = ds.current_assessment_by("xian-heads-of-state-mechanism", "cn", "summitry-maintainers")?;
    /// assert!(a.is_some());
    /// assert!(ds.current_assessment_by("xian-heads-of-state-mechanism", "cn", "nobody").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn current_assessment_by(
        &self,
        commitment: impl AsRef<str>,
        party: impl AsRef<str>,
        rater: impl AsRef<str>,
    ) -> Result<Option<&Assessment>, Error> {
        let commitment = commitment.as_ref();
        let party = party.as_ref();
        let rater = rater.as_ref();
        self.current_assessment_where(commitment, party, &AssessmentFilter::new().rater(rater))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::query::fixture::{d, dataset};

    fn dates<'a>(it: impl Iterator<Item = &'a Assessment>) -> Vec<String> {
        it.map(|a| format!("{} {}", a.rater, a.as_of)).collect()
    }

    #[test]
    fn history_oldest_first() {
        let ds = dataset();
        let h = ds.assessments_of("c0-secretariat", "kz").unwrap();
        assert_eq!(h.len(), 2);
        assert_eq!(dates(h), ["g20 2024-01", "g20 2025-01"]);
        assert_eq!(ds.assessments_of("c1-scholarships", "KZ").unwrap().len(), 0);
        let cur = ds
            .current_assessment("c0-secretariat", "kz")
            .unwrap()
            .unwrap();
        assert_eq!(cur.status, Some(Completion::Complete));
    }

    #[test]
    fn raters_stay_distinct() {
        let ds = dataset();
        let any = ds
            .current_assessment("c1-scholarships", "cn")
            .unwrap()
            .unwrap();
        assert_eq!(&*any.rater, "ogp");
        let g20 = ds
            .current_assessment_by("c1-scholarships", "cn", "g20")
            .unwrap()
            .unwrap();
        assert_eq!((&*g20.rater, g20.score), ("g20", Some(crate::Score::FULL)));
        let ogp = ds
            .current_assessment_by("c1-scholarships", "cn", "ogp")
            .unwrap()
            .unwrap();
        assert_eq!(ogp.status, Some(Completion::Limited));
        assert_eq!(
            ds.current_assessment_by("c1-scholarships", "cn", "g2O")
                .unwrap_err()
                .to_string(),
            "unknown rater `g2O` (did you mean `g20`?)"
        );
    }

    #[test]
    fn as_of_means_recorded_by_then() {
        let ds = dataset();
        let at = |date: &str| {
            let f = AssessmentFilter::new().as_of(d(date));
            ds.current_assessment_where("c0-secretariat", "kz", &f)
                .unwrap()
                .map(|a| a.as_of.to_string())
        };
        assert_eq!(at("2024-01-31"), None);
        assert_eq!(at("2024-02-01"), Some("2024-01".into()));
        assert_eq!(at("2024"), Some("2024-01".into()));
        assert_eq!(at("2025-02"), Some("2025-01".into()));
        // Recorded 2025-02-01 is not known on a date ending before it.
        assert_eq!(at("2025-01"), Some("2024-01".into()));
    }

    #[test]
    fn recorded_breaks_ties_then_load_order() {
        use crate::query::fixture::{assessment, records};
        let mut r = records();
        r.assessments = vec![
            assessment(
                "c2-cyber",
                "cn",
                Some(1),
                None,
                "a",
                "2025-01",
                "2025-03-01",
            ),
            assessment(
                "c2-cyber",
                "cn",
                Some(-1),
                None,
                "b",
                "2025-01",
                "2025-02-01",
            ),
            assessment(
                "c2-cyber",
                "cn",
                Some(0),
                None,
                "c",
                "2025-01",
                "2025-03-01",
            ),
        ];
        let ds = Dataset::from_records(r);
        assert_eq!(
            dates(ds.assessments_of("c2-cyber", "cn").unwrap()),
            ["b 2025-01", "a 2025-01", "c 2025-01"]
        );
        assert_eq!(
            &*ds.current_assessment("c2-cyber", "cn")
                .unwrap()
                .unwrap()
                .rater,
            "c"
        );
    }

    #[test]
    fn unknown_ids() {
        let ds = dataset();
        assert_eq!(
            ds.assessments_of("c0-secretariat", "kzz")
                .unwrap_err()
                .to_string(),
            "unknown party `kzz` (did you mean `kz`?)"
        );
        assert!(
            ds.current_assessment("nope", "kz")
                .unwrap_err()
                .is_unknown_id()
        );
    }
}
