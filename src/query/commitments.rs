//! Commitments filtered by any combination of options.

use super::{
    AssessmentFilter, DUE_SOON_DAYS, DeadlineStateKind, Matches, intersect_all, list, resolve,
    resolve_party, union,
};
use crate::{Commitment, CommitmentKind, Completion, Dataset, Day, Error, PartialDate, Strength};
use chrono::NaiveDate;
use std::borrow::Cow;

/// Which commitments to select: every option set must hold (they combine with AND); an
/// option set twice keeps the last value.
///
/// Results come in load order (the order of [`Dataset::commitments`]).
///
/// | option | a commitment matches when |
/// |---|---|
/// | [`area`](Self::area) | it is listed under the area or any area below it (through `parent` links) |
/// | [`party`](Self::party) | the party is one of its obligors (`all` resolved to the signatories) |
/// | [`mechanism`](Self::mechanism), [`summit`](Self::summit), [`document`](Self::document) | its document belongs to the mechanism, was adopted at the summit, is the document |
/// | [`kind`](Self::kind), [`strength`](Self::strength) | equal |
/// | [`due_before`](Self::due_before) | it has a deadline definitely before the date: the deadline's last day is before the date's first day |
/// | [`due_after`](Self::due_after) | it has a deadline definitely after the date: the deadline's first day is after the date's last day |
/// | [`status`](Self::status) | the current completion status (the latest assessment that rates one) of the queried party, or of any obligor when no party is set, is this one |
/// | [`deadline_state`](Self::deadline_state) | its [`DeadlineState`](crate::DeadlineState) on the [`reference`](Self::reference) date is of this kind: for the queried party, or for the whole commitment |
/// | [`text`](Self::text) | the English text or the quote contains the words, ignoring case (both sides are lowercased with [`str::to_lowercase`]) |
///
/// [`as_of`](Self::as_of) and [`rater`](Self::rater) choose which assessments the status and
/// deadline state use (see [`AssessmentFilter`]).
///
/// ```
/// use summitry::CommitmentQuery;
///
/// let q = CommitmentQuery::new().party("kz").area("security").text("exercise");
/// # let _ = q;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommitmentQuery {
    pub(crate) area: Option<String>,
    pub(crate) party: Option<String>,
    pub(crate) mechanism: Option<String>,
    pub(crate) summit: Option<String>,
    pub(crate) document: Option<String>,
    pub(crate) kind: Option<CommitmentKind>,
    pub(crate) strength: Option<Strength>,
    pub(crate) due_before: Option<PartialDate>,
    pub(crate) due_after: Option<PartialDate>,
    pub(crate) status: Option<Completion>,
    pub(crate) deadline_state: Option<DeadlineStateKind>,
    pub(crate) reference: Option<NaiveDate>,
    pub(crate) due_soon_days: u32,
    pub(crate) text: Option<String>,
    pub(crate) assessments: AssessmentFilter,
}

impl Default for CommitmentQuery {
    fn default() -> Self {
        CommitmentQuery {
            area: None,
            party: None,
            mechanism: None,
            summit: None,
            document: None,
            kind: None,
            strength: None,
            due_before: None,
            due_after: None,
            status: None,
            deadline_state: None,
            reference: None,
            due_soon_days: DUE_SOON_DAYS,
            text: None,
            assessments: AssessmentFilter::new(),
        }
    }
}

impl CommitmentQuery {
    /// A query that selects every commitment.
    pub fn new() -> Self {
        CommitmentQuery::default()
    }

    /// Only commitments in this area or below it.
    pub fn area(mut self, id: impl Into<String>) -> Self {
        self.area = Some(id.into());
        self
    }

    /// Only commitments that bind this party (case-insensitive: `KZ` is `kz`).
    pub fn party(mut self, id: impl Into<String>) -> Self {
        self.party = Some(id.into());
        self
    }

    /// Only commitments in documents of this mechanism.
    pub fn mechanism(mut self, id: impl Into<String>) -> Self {
        self.mechanism = Some(id.into());
        self
    }

    /// Only commitments in documents adopted at this summit.
    pub fn summit(mut self, id: impl Into<String>) -> Self {
        self.summit = Some(id.into());
        self
    }

    /// Only commitments in this document.
    pub fn document(mut self, id: impl Into<String>) -> Self {
        self.document = Some(id.into());
        self
    }

    /// Only commitments of this kind.
    pub fn kind(mut self, kind: CommitmentKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Only commitments of this strength.
    pub fn strength(mut self, strength: Strength) -> Self {
        self.strength = Some(strength);
        self
    }

    /// Only commitments whose deadline is definitely before `date`.
    pub fn due_before(mut self, date: PartialDate) -> Self {
        self.due_before = Some(date);
        self
    }

    /// Only commitments whose deadline is definitely after `date`.
    pub fn due_after(mut self, date: PartialDate) -> Self {
        self.due_after = Some(date);
        self
    }

    /// Only commitments whose current completion status is `status`.
    pub fn status(mut self, status: Completion) -> Self {
        self.status = Some(status);
        self
    }

    /// Only commitments in this deadline state on the [`reference`](Self::reference) date,
    /// which must be set.
    pub fn deadline_state(mut self, kind: DeadlineStateKind) -> Self {
        self.deadline_state = Some(kind);
        self
    }

    /// The date deadline states are computed for (usually today).
    pub fn reference(mut self, day: Day) -> Self {
        self.reference = Some(day.naive());
        self
    }

    /// How many days ahead a deadline counts as due soon; [`DUE_SOON_DAYS`] unless set.
    pub fn due_soon_days(mut self, days: u32) -> Self {
        self.due_soon_days = days;
        self
    }

    /// Only commitments whose text or quote contains `words`, ignoring case.
    pub fn text(mut self, words: impl Into<String>) -> Self {
        self.text = Some(words.into());
        self
    }

    /// Status and deadline state as known on `date` (see [`AssessmentFilter::as_of`]).
    pub fn as_of(mut self, date: impl Into<PartialDate>) -> Self {
        self.assessments = self.assessments.as_of(date);
        self
    }

    /// Status and deadline state from this rater's assessments only.
    pub fn rater(mut self, rater: impl Into<String>) -> Self {
        self.assessments = self.assessments.rater(rater);
        self
    }
}

impl Dataset {
    /// The commitments selected by `query`, in load order.
    ///
    /// Answered from the indexes: the postings of every indexed option are intersected,
    /// smallest first, and only the remaining candidates are read for text, status and
    /// deadline state.
    ///
    /// ```
    /// # fn run(ds: &summitry::Dataset) -> Result<(), summitry::Error> {
    /// use summitry::CommitmentQuery;
    ///
    /// for c in ds.commitments_where(&CommitmentQuery::new().party("kz").area("security"))? {
    ///     let _ = c.text();
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// When an id in the query (area, party, mechanism, summit, document, rater) names nothing
    /// in the dataset (the error suggests a close id), or when a deadline state is asked
    /// without a reference date.
    pub fn commitments_where(&self, q: &CommitmentQuery) -> Result<Matches<'_, Commitment>, Error> {
        Ok(Matches::new(
            &self.records.commitments,
            self.select_commitments(q)?,
        ))
    }

    /// The positions of the commitments selected by `q`, ascending.
    pub(crate) fn select_commitments(&self, q: &CommitmentQuery) -> Result<Vec<u32>, Error> {
        let ix = &self.index;
        let ids = &self.ids;
        self.check_filter(&q.assessments)?;
        if q.deadline_state.is_some() && q.reference.is_none() {
            return Err(Error::invalid(
                "a deadline state filter needs a reference date (usually today)",
            ));
        }
        let mut postings: Vec<Cow<'_, [u32]>> = Vec::new();
        let mut party = None;
        let windowed = q.due_before.is_some() || q.due_after.is_some();
        // The party's commitments whose deadline's last day can fall in the window (a slice
        // of its deadline-ordered list), when a party and a window are both set.
        let mut party_window: Option<&[(NaiveDate, u32)]> = None;
        if let Some(p) = &q.party {
            let i = resolve_party(ids, p)?;
            party = self.records.parties.get(i as usize).map(|p| p.id.as_str());
            if windowed {
                // The party's own deadline-ordered list: the window is a binary search in it.
                let list = ix
                    .deadlines_by_party
                    .get(i as usize)
                    .map_or(&[][..], Vec::as_slice);
                let end = q.due_before.map_or(list.len(), |d| {
                    list.partition_point(|(day, _)| *day < d.first())
                });
                // A first day after `d` means a last day after it too.
                let start = q
                    .due_after
                    .map_or(0, |d| list.partition_point(|(day, _)| *day <= d.last()));
                party_window = Some(list.get(start..end).unwrap_or(&[]));
            } else {
                postings.push(list(&ix.commitments_by_party, i));
            }
        }
        let mut area_lists: Vec<&[u32]> = Vec::new();
        // Area positions of the queried area and every area below it.
        let mut area_mask: Option<Vec<bool>> = None;
        if let Some(a) = &q.area {
            let i = resolve(&ids.areas, "area", a)?;
            let areas = ix.area_subtree(i);
            area_lists = areas
                .iter()
                .filter_map(|&a| ix.commitments_by_area.get(a as usize).map(Vec::as_slice))
                .collect();
            area_mask = Some(ix.area_mask(&areas));
        }
        // Whether the party's window already applied the area (every candidate is checked
        // against the area mask before the sort).
        let mut area_done = false;
        if let Some(window) = party_window {
            // Every entry's last day is in the window; the first day is checked here, and
            // the area on the same pass, so that only the survivors are sorted.
            let mask = area_mask.as_deref();
            let mut v: Vec<u32> = window
                .iter()
                .map(|&(_, c)| c)
                .filter(|&c| {
                    q.due_after.is_none_or(|d| {
                        ix.deadline_days
                            .get(c as usize)
                            .copied()
                            .flatten()
                            .is_some_and(|(first, _)| first > d.last())
                    })
                })
                .filter(|&c| mask.is_none_or(|m| ix.listed_under(c, m)))
                .collect();
            v.sort_unstable();
            postings.push(Cow::Owned(v));
            area_done = mask.is_some();
        }
        if let Some(m) = &q.mechanism {
            postings.push(list(
                &ix.commitments_by_mechanism,
                resolve(&ids.mechanisms, "mechanism", m)?,
            ));
        }
        if let Some(s) = &q.summit {
            postings.push(list(
                &ix.commitments_by_summit,
                resolve(&ids.summits, "summit", s)?,
            ));
        }
        if let Some(d) = &q.document {
            postings.push(list(
                &ix.commitments_by_document,
                resolve(&ids.documents, "document", d)?,
            ));
        }
        if let Some(k) = q.kind {
            postings.push(list(&ix.commitments_by_kind, k as u32));
        }
        if let Some(s) = q.strength {
            postings.push(list(&ix.commitments_by_strength, s as u32));
        }
        let needle = q.text.as_ref().map(|t| t.to_lowercase());
        if let Some(words) = needle.as_deref().and_then(|n| ix.text_candidates(n)) {
            postings.push(Cow::Owned(words));
        }
        // An area with sub-areas: merging their lists costs their length (and a sort), so
        // when a shorter list already selects the candidates, each is checked against the
        // area mask instead (a few reads a candidate).
        let mut area_filter = false;
        if q.area.is_some() && !area_done {
            let smallest = postings.iter().map(|l| l.len()).min();
            let area_len: usize = area_lists.iter().map(|l| l.len()).sum();
            match area_lists.as_slice() {
                [one] => postings.push(Cow::Borrowed(*one)),
                _ if smallest.is_some_and(|s| s < area_len) => area_filter = true,
                lists => postings.push(Cow::Owned(union(lists))),
            }
        }
        // Deadline bounds checked on each candidate rather than as postings lists (when a
        // smaller list already selects the candidates); the party's window checked its own.
        let mut deadline_filter = false;
        if party_window.is_some() {
            // Done above.
        } else if windowed && !postings.is_empty() {
            deadline_filter = true;
        } else {
            if let Some(d) = q.due_before {
                // Deadlines whose last day is before the date's first day: a prefix.
                let end = ix
                    .deadline_by_last
                    .partition_point(|(day, _)| *day < d.first());
                let mut v: Vec<u32> = ix
                    .deadline_by_last
                    .get(..end)
                    .unwrap_or(&[])
                    .iter()
                    .map(|x| x.1)
                    .collect();
                v.sort_unstable();
                postings.push(Cow::Owned(v));
            }
            if let Some(d) = q.due_after {
                // Deadlines whose first day is after the date's last day: a suffix.
                let start = ix
                    .deadline_by_first
                    .partition_point(|(day, _)| *day <= d.last());
                let mut v: Vec<u32> = ix
                    .deadline_by_first
                    .get(start..)
                    .unwrap_or(&[])
                    .iter()
                    .map(|x| x.1)
                    .collect();
                v.sort_unstable();
                postings.push(Cow::Owned(v));
            }
        }
        let candidates = intersect_all(postings)
            .unwrap_or_else(|| (0..self.records.commitments.len() as u32).collect());

        let candidates: Vec<u32> = if area_filter || deadline_filter {
            let mask = area_mask.as_deref().unwrap_or(&[]);
            candidates
                .into_iter()
                .filter(|&c| !area_filter || ix.listed_under(c, mask))
                .filter(|&c| {
                    !deadline_filter
                        || ix
                            .deadline_days
                            .get(c as usize)
                            .copied()
                            .flatten()
                            .is_some_and(|(first, last)| {
                                q.due_before.is_none_or(|d| last < d.first())
                                    && q.due_after.is_none_or(|d| first > d.last())
                            })
                })
                .collect()
        } else {
            candidates
        };
        if needle.is_none() && q.status.is_none() && q.deadline_state.is_none() {
            return Ok(candidates);
        }

        let f = &q.assessments;
        let out = candidates
            .into_iter()
            .filter(|&c| {
                needle.as_ref().is_none_or(|n| {
                    self.records
                        .commitments
                        .get(c as usize)
                        .is_some_and(|cm| super::text_matches(cm, n))
                })
            })
            .filter(|&c| {
                q.status.is_none_or(|s| match party {
                    Some(p) => self.status_at(c, p, f) == Some(s),
                    None => self.records.commitments.get(c as usize).is_some_and(|cm| {
                        cm.obligor_parties
                            .iter()
                            .any(|p| self.status_at(c, p.as_str(), f) == Some(s))
                    }),
                })
            })
            .filter(|&c| match (q.deadline_state, q.reference) {
                (Some(k), Some(r)) => {
                    self.deadline_state_at(c, party, f, r, q.due_soon_days)
                        .kind()
                        == k
                }
                _ => true,
            })
            .collect();
        Ok(out)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::query::fixture::{d, dataset, day, ids};

    #[track_caller]
    fn check(q: CommitmentQuery, expected: &[&str]) {
        let ds = dataset();
        assert_eq!(ids(ds.commitments_where(&q).unwrap()), expected);
    }

    #[test]
    fn no_filter_is_load_order() {
        check(
            CommitmentQuery::new(),
            &[
                "c0-secretariat",
                "c1-scholarships",
                "c2-cyber",
                "c3-trade",
                "c4-security",
                "c5-other",
            ],
        );
    }

    #[test]
    fn area_includes_sub_areas() {
        check(
            CommitmentQuery::new().area("security"),
            &["c2-cyber", "c4-security", "c5-other"],
        );
        check(CommitmentQuery::new().area("security.cyber"), &["c2-cyber"]);
        check(
            CommitmentQuery::new().area("economy"),
            &["c0-secretariat", "c3-trade", "c5-other"],
        );
    }

    #[test]
    fn party_excludes_commitments_of_others() {
        check(
            CommitmentQuery::new().party("cn").area("security"),
            &["c2-cyber", "c4-security", "c5-other"],
        );
        // The scholarships are China's alone.
        check(
            CommitmentQuery::new().party("KZ"),
            &["c0-secretariat", "c2-cyber", "c3-trade", "c4-security"],
        );
        check(
            CommitmentQuery::new().party("kg").area("security"),
            &["c2-cyber"],
        );
        check(CommitmentQuery::new().party("ru"), &["c5-other"]);
    }

    #[test]
    fn document_summit_mechanism_kind_strength() {
        check(CommitmentQuery::new().mechanism("other"), &["c5-other"]);
        check(
            CommitmentQuery::new().summit("cca-2025"),
            &["c3-trade", "c4-security"],
        );
        check(
            CommitmentQuery::new().document("xian"),
            &["c0-secretariat", "c1-scholarships", "c2-cyber"],
        );
        check(
            CommitmentQuery::new().kind(CommitmentKind::Financial),
            &["c5-other"],
        );
        check(CommitmentQuery::new().kind(CommitmentKind::Schedule), &[]);
        check(
            CommitmentQuery::new().strength(Strength::Readiness),
            &["c2-cyber"],
        );
        check(
            CommitmentQuery::new()
                .mechanism("cca")
                .strength(Strength::Pledge),
            &["c0-secretariat", "c1-scholarships", "c4-security"],
        );
    }

    #[test]
    fn deadline_window() {
        // Deadlines: c0 2024, c2 2025-06, c3 2026-12-31, c4 2025, c5 2024-12.
        check(
            CommitmentQuery::new().due_before(d("2025")),
            &["c0-secretariat", "c5-other"],
        );
        // 2025 overlaps 2025-06: not definitely before it.
        check(
            CommitmentQuery::new().due_before(d("2025-06")),
            &["c0-secretariat", "c5-other"],
        );
        check(
            CommitmentQuery::new().due_before(d("2025-07-01")),
            &["c0-secretariat", "c2-cyber", "c5-other"],
        );
        check(CommitmentQuery::new().due_after(d("2025")), &["c3-trade"]);
        check(
            CommitmentQuery::new().due_after(d("2024-06")),
            &["c2-cyber", "c3-trade", "c4-security", "c5-other"],
        );
        check(
            CommitmentQuery::new()
                .due_after(d("2024"))
                .due_before(d("2026")),
            &["c2-cyber", "c4-security"],
        );
    }

    #[test]
    fn deadline_window_edges_are_strict() {
        // Deadlines: c0 2024, c2 2025-06, c3 2026-12-31, c4 2025, c5 2024-12.
        // "Before 2026-12-31": c3's last day is that day, so it is not before it.
        check(
            CommitmentQuery::new().due_before(d("2026-12-31")),
            &["c0-secretariat", "c2-cyber", "c4-security", "c5-other"],
        );
        check(
            CommitmentQuery::new().due_before(d("2025-06-30")),
            &["c0-secretariat", "c5-other"],
        );
        // "After 2025-06-01": c2's first day is that day, so it is not after it.
        check(
            CommitmentQuery::new().due_after(d("2025-06-01")),
            &["c3-trade"],
        );
        check(
            CommitmentQuery::new().due_after(d("2025-05-31")),
            &["c2-cyber", "c3-trade"],
        );
        // The same edges when another filter selects the candidates first.
        check(
            CommitmentQuery::new()
                .mechanism("cca")
                .due_after(d("2025-06-01")),
            &["c3-trade"],
        );
        check(
            CommitmentQuery::new()
                .mechanism("cca")
                .due_after(d("2025-05-31")),
            &["c2-cyber", "c3-trade"],
        );
        check(
            CommitmentQuery::new()
                .mechanism("cca")
                .due_before(d("2026-12-31")),
            &["c0-secretariat", "c2-cyber", "c4-security"],
        );
    }

    #[test]
    fn status() {
        use Completion::*;
        check(
            CommitmentQuery::new().status(Complete),
            &["c0-secretariat", "c5-other"],
        );
        check(
            CommitmentQuery::new().party("kg").status(NotStarted),
            &["c0-secretariat"],
        );
        check(CommitmentQuery::new().party("uz").status(Complete), &[]);
        // The latest status for cn on c1 is ogp's `limited`; g20 alone says complete.
        check(
            CommitmentQuery::new().party("cn").status(Limited),
            &["c1-scholarships", "c2-cyber"],
        );
        check(
            CommitmentQuery::new()
                .party("cn")
                .status(Complete)
                .rater("g20"),
            &["c0-secretariat", "c1-scholarships"],
        );
        // Before kz's completion was recorded, kz was `substantial` on c0.
        check(
            CommitmentQuery::new()
                .party("kz")
                .status(Substantial)
                .as_of(d("2024-12")),
            &["c0-secretariat"],
        );
        check(CommitmentQuery::new().party("kz").status(Substantial), &[]);
    }

    #[test]
    fn deadline_states() {
        let r = day("2025-06-10");
        check(
            CommitmentQuery::new()
                .mechanism("cca")
                .deadline_state(DeadlineStateKind::Overdue)
                .reference(r),
            &["c0-secretariat"],
        );
        check(
            CommitmentQuery::new()
                .deadline_state(DeadlineStateKind::DueSoon)
                .reference(r),
            &["c2-cyber"],
        );
        // c5 is complete for ru but cn has not been assessed: not met as a whole.
        check(
            CommitmentQuery::new()
                .deadline_state(DeadlineStateKind::Met)
                .reference(r),
            &[],
        );
        check(
            CommitmentQuery::new()
                .party("cn")
                .deadline_state(DeadlineStateKind::Met)
                .reference(r),
            &["c0-secretariat"],
        );
        check(
            CommitmentQuery::new()
                .deadline_state(DeadlineStateKind::Upcoming)
                .reference(r)
                .due_soon_days(5),
            &["c2-cyber", "c3-trade", "c4-security"],
        );
        let ds = dataset();
        let e = ds
            .commitments_where(&CommitmentQuery::new().deadline_state(DeadlineStateKind::Met))
            .unwrap_err();
        assert!(e.is_invalid_argument());
    }

    #[test]
    fn text_in_any_language() {
        check(
            CommitmentQuery::new().text("SECRETARIAT"),
            &["c0-secretariat"],
        );
        check(
            CommitmentQuery::new().text("стипендії"),
            &["c1-scholarships"],
        );
        check(
            CommitmentQuery::new().text("секретаріат"),
            &["c0-secretariat"],
        );
        check(
            CommitmentQuery::new().text("kazakhstan will").party("kz"),
            &["c4-security"],
        );
        check(CommitmentQuery::new().text("nothing like this"), &[]);
        // The words index only narrows the candidates: c4 has both words ("China and
        // Kazakhstan will hold"), but not side by side.
        check(
            CommitmentQuery::new().text("china will"),
            &["c1-scholarships"],
        );
    }

    #[test]
    fn unknown_ids_suggest() {
        let ds = dataset();
        let e = |q: CommitmentQuery| ds.commitments_where(&q).unwrap_err().to_string();
        assert_eq!(
            e(CommitmentQuery::new().area("securty")),
            "unknown area `securty` (did you mean `security`?)"
        );
        assert_eq!(
            e(CommitmentQuery::new().party("kzz")),
            "unknown party `kzz` (did you mean `kz`?)"
        );
        assert_eq!(
            e(CommitmentQuery::new().mechanism("ca")),
            "unknown mechanism `ca` (did you mean `cca`?)"
        );
        assert_eq!(e(CommitmentQuery::new().summit("x")), "unknown summit `x`");
        assert_eq!(
            e(CommitmentQuery::new().document("xia")),
            "unknown document `xia` (did you mean `xian`?)"
        );
        assert_eq!(
            e(CommitmentQuery::new().rater("g21")),
            "unknown rater `g21` (did you mean `g20`?)"
        );
    }
}
