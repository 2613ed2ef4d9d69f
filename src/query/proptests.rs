//! Property test: on generated datasets and random query options, the indexed answer equals
//! a naive filter over every record, in the same order.
//!
//! The oracles never call the code they check: dates are read from their written form by
//! [`days`] (not `PartialDate::first_day`, `last_day`, `relation` or its `Ord`), deadline
//! states, "latest" assessments, percentages and obligor tests are computed here by plain
//! arithmetic (not `DeadlineState::of`, `Commitment::binds`, `scorecard::percent`).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::fixture::{area, assessment, commitment, document, mechanism, party, summit};
use super::{CommitmentQuery, DeadlineState, DeadlineStateKind};
use crate::model::Records;
use crate::{
    Assessment, Commitment, CommitmentKind, Completion, Dataset, Day, DocumentKind, PartialDate,
    Strength, SummitStatus,
};
use chrono::NaiveDate;
use proptest::prelude::*;

const PARTIES: [&str; 5] = ["pa", "pb", "pc", "pd", "pe"];
const AREAS: [&str; 6] = ["a0", "a1", "a2", "a3", "a4", "a5"];
const WORDS: [&str; 6] = [
    "Trade",
    "cyber",
    "Grant",
    "ÉCOLE",
    "secretariat",
    "Стипендії",
];
const RATERS: [&str; 2] = ["r1", "r2"];

/// Dates from a small domain, so that boundaries (a deadline ending the day a window
/// starts) come up often.
fn date() -> impl Strategy<Value = PartialDate> {
    (2023i32..2026, 0usize..3, 0usize..2, 0u8..4).prop_map(|(y, m, d, k)| {
        let m = [1, 6, 12][m];
        let d = [1, 30][d];
        let s = match k {
            0 => format!("{y}"),
            1 => format!("{y}-{m:02}"),
            2 => format!("{y}-{m:02}-{d:02}"),
            _ => format!("{y}-{m:02}-01/{y}-{m:02}-{d:02}"),
        };
        s.parse().unwrap()
    })
}

fn subset(n: usize) -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::btree_set(0..n, 1..=n.min(3)).prop_map(|s| s.into_iter().collect())
}

#[derive(Clone, Debug)]
struct GenCommitment {
    document: usize,
    obligors: Option<Vec<usize>>,
    areas: Vec<usize>,
    kind: usize,
    strength: usize,
    deadline: Option<PartialDate>,
    text: (usize, usize),
    quote: Option<usize>,
}

fn gen_commitment() -> impl Strategy<Value = GenCommitment> {
    (
        0usize..4,
        proptest::option::of(subset(PARTIES.len())),
        subset(AREAS.len()),
        0usize..4,
        0usize..4,
        proptest::option::of(date()),
        (0usize..WORDS.len(), 0usize..WORDS.len()),
        proptest::option::of(0usize..WORDS.len()),
    )
        .prop_map(
            |(document, obligors, areas, kind, strength, deadline, text, quote)| GenCommitment {
                document,
                obligors,
                areas,
                kind,
                strength,
                deadline,
                text,
                quote,
            },
        )
}

fn records() -> impl Strategy<Value = Records> {
    (
        proptest::collection::vec(proptest::option::of(0usize..6), 6),
        proptest::collection::vec((0usize..2, subset(PARTIES.len())), 4),
        proptest::collection::vec(gen_commitment(), 0..30),
        proptest::collection::vec(
            (
                0usize..30,
                0usize..PARTIES.len(),
                proptest::option::of(-1i64..=1),
                proptest::option::of(0usize..5),
                0usize..2,
                date(),
                date(),
            ),
            0..40,
        ),
    )
        .prop_map(|(parents, docs, commitments, assessments)| {
            let areas = AREAS
                .iter()
                .enumerate()
                // Parents only point backwards, so there are no cycles.
                .map(|(i, a)| area(a, parents[i].filter(|&p| p < i).map(|p| AREAS[p])))
                .collect();
            let mechanisms = vec![
                mechanism("m0", &[("pa", None), ("pb", None), ("pc", None)]),
                mechanism("m1", &[("pc", None), ("pd", None), ("pe", None)]),
            ];
            let summits = vec![
                summit(
                    "s0",
                    "m0",
                    "2023",
                    Some("pa"),
                    &["pa", "pb"],
                    SummitStatus::Held,
                ),
                summit(
                    "s1",
                    "m1",
                    "2024-05",
                    Some("pd"),
                    &["pd"],
                    SummitStatus::Held,
                ),
            ];
            let signatories: Vec<Vec<&str>> = docs
                .iter()
                .map(|(_, s)| s.iter().map(|&p| PARTIES[p]).collect())
                .collect();
            let documents = docs
                .iter()
                .enumerate()
                .map(|(i, (m, _))| {
                    let summit = if i < 2 {
                        Some(if *m == 0 { "s0" } else { "s1" })
                    } else {
                        None
                    };
                    document(
                        &format!("d{i}"),
                        DocumentKind::Declaration,
                        ["m0", "m1"][*m],
                        summit,
                        "2023",
                        &signatories[i],
                    )
                })
                .collect();
            let commitments: Vec<Commitment> = commitments
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    let obligors: Vec<&str> =
                        g.obligors.iter().flatten().map(|&p| PARTIES[p]).collect();
                    let areas: Vec<&str> = g.areas.iter().map(|&a| AREAS[a]).collect();
                    let deadline = g.deadline.map(|d| d.to_string());
                    commitment(
                        &format!("c{i}"),
                        &format!("d{}", g.document),
                        &signatories[g.document],
                        &obligors,
                        &areas,
                        CommitmentKind::ALL[g.kind],
                        Strength::ALL[g.strength],
                        deadline.as_deref(),
                        &format!("{} and {}", WORDS[g.text.0], WORDS[g.text.1]),
                        g.quote.map(|q| ("uk", WORDS[q])),
                    )
                })
                .collect();
            let assessments = assessments
                .iter()
                .filter(|a| a.0 < commitments.len())
                .map(|&(c, p, score, status, rater, as_of, recorded)| {
                    assessment(
                        &format!("c{c}"),
                        PARTIES[p],
                        score,
                        status.map(|s| Completion::ALL[s]),
                        RATERS[rater],
                        &as_of.to_string(),
                        &recorded.to_string(),
                    )
                })
                .collect();
            Records {
                parties: PARTIES.iter().map(|p| party(p, p)).collect(),
                sources: vec![],
                areas,
                mechanisms,
                summits,
                documents,
                commitments,
                assessments,
            }
        })
}

fn query() -> impl Strategy<Value = CommitmentQuery> {
    (
        (
            proptest::option::of(0usize..7),
            proptest::option::of(0usize..6),
            proptest::option::of(0usize..3),
            proptest::option::of(0usize..2),
            proptest::option::of(0usize..4),
            proptest::option::of(0usize..4),
            proptest::option::of(0usize..4),
        ),
        (
            proptest::option::of(date()),
            proptest::option::of(date()),
            proptest::option::of(0usize..5),
            proptest::option::of((0usize..5, 0u32..400)),
            proptest::option::of(0usize..WORDS.len() + 1),
            proptest::option::of(date()),
            proptest::option::of(0usize..2),
            2023i32..2027,
        ),
    )
        .prop_map(
            |(
                (area, party, mech, summit, doc, kind, strength),
                (before, after, status, state, text, as_of, rater, ref_year),
            )| {
                let mut q = CommitmentQuery::new().reference(Day::new(ref_year, 1, 1).unwrap());
                if let Some(a) = area {
                    // Index 6 is an area that does not exist.
                    q = q.area(AREAS.get(a).copied().unwrap_or("a9"));
                }
                if let Some(p) = party {
                    q = q.party(PARTIES.get(p).copied().unwrap_or("PA"));
                }
                if let Some(m) = mech {
                    q = q.mechanism(["m0", "m1", "mx"][m]);
                }
                if let Some(s) = summit {
                    q = q.summit(["s0", "s1"][s]);
                }
                if let Some(d) = doc {
                    q = q.document(format!("d{d}"));
                }
                if let Some(k) = kind {
                    q = q.kind(CommitmentKind::ALL[k]);
                }
                if let Some(s) = strength {
                    q = q.strength(Strength::ALL[s]);
                }
                if let Some(d) = before {
                    q = q.due_before(d);
                }
                if let Some(d) = after {
                    q = q.due_after(d);
                }
                if let Some(s) = status {
                    q = q.status(Completion::ALL[s]);
                }
                if let Some((k, days)) = state {
                    q = q
                        .deadline_state(DeadlineStateKind::ALL[k])
                        .due_soon_days(days);
                }
                if let Some(t) = text {
                    let words: String = WORDS
                        .get(t)
                        .map_or("ad ".to_owned(), |w| w.chars().skip(1).collect());
                    q = q.text(words.to_uppercase());
                }
                if let Some(d) = as_of {
                    q = q.as_of(d);
                }
                if let Some(r) = rater {
                    q = q.rater(RATERS[r]);
                }
                q
            },
        )
}

/// The first and last day and the precision rank (year 0, month 1, day 2, range 3) of a date,
/// read from its written form (`2025`, `2025-06`, `2025-06-17`, `2025-06-01/2025-06-30`)
/// with chrono alone.
fn days(d: &PartialDate) -> (NaiveDate, NaiveDate, u8) {
    let text = d.to_string();
    let ymd = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let month_end = |y: i32, m: u32| {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        NaiveDate::from_ymd_opt(ny, nm, 1)
            .unwrap()
            .pred_opt()
            .unwrap()
    };
    if let Some((a, b)) = text.split_once('/') {
        return (ymd(a), ymd(b), 3);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let y: i32 = parts[0].parse().unwrap();
    match parts.len() {
        1 => (
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
            0,
        ),
        2 => {
            let m: u32 = parts[1].parse().unwrap();
            (
                NaiveDate::from_ymd_opt(y, m, 1).unwrap(),
                month_end(y, m),
                1,
            )
        }
        _ => (ymd(&text), ymd(&text), 2),
    }
}

/// The order of "latest": as-of, then recorded, then file order, each date by its first day,
/// last day and precision.
fn later(a: &Assessment, i: usize, b: &Assessment, j: usize) -> bool {
    (days(&a.as_of), days(&a.recorded), i) > (days(&b.as_of), days(&b.recorded), j)
}

/// Whether `party` is one of the commitment's obligors (not `Commitment::binds`).
fn bound(c: &Commitment, party: &str) -> bool {
    c.obligor_parties.iter().any(|p| p.as_str() == party)
}

/// The deadline state by its definition (not `DeadlineState::of`): met when complete, else
/// no deadline; when the last day is before the reference, overdue if assessed and passed
/// (not assessed) if not; due soon within `window` days of it, upcoming after.
fn expected_state(
    c: &Commitment,
    complete: bool,
    assessed: bool,
    reference: NaiveDate,
    window: u32,
) -> DeadlineState {
    if complete {
        return DeadlineState::Met;
    }
    let Some(deadline) = c.deadline else {
        return DeadlineState::NoDeadline;
    };
    let last = days(&deadline).1;
    let ahead = last.signed_duration_since(reference).num_days();
    if ahead < 0 && assessed {
        DeadlineState::Overdue
    } else if ahead < 0 {
        DeadlineState::PassedNotAssessed
    } else if ahead <= i64::from(window) {
        DeadlineState::DueSoon {
            days: u32::try_from(ahead).unwrap(),
        }
    } else {
        DeadlineState::Upcoming
    }
}

/// `(mean + 1) / 2 × 100` rounded half up, in floating point (exact at these sizes: the
/// quotient of two small integers is correctly rounded, so a true half stays a half).
fn expected_percent(sum: i64, n: u32) -> Option<u32> {
    (n > 0).then(|| ((sum + i64::from(n)) as f64 * 50.0 / f64::from(n) + 0.5).floor() as u32)
}

/// The current status by reading every assessment, without the indexes.
fn naive_status(
    ds: &Dataset,
    q: &CommitmentQuery,
    c: &Commitment,
    party: &str,
) -> Option<Completion> {
    let f = &q.assessments;
    let mut best: Option<(usize, &Assessment)> = None;
    for (i, a) in ds.assessments().iter().enumerate() {
        if a.commitment != c.id || a.party.as_str() != party || a.status.is_none() {
            continue;
        }
        if f.get_rater().is_some_and(|r| *a.rater != *r) {
            continue;
        }
        if f.get_as_of()
            .is_some_and(|d| days(&a.recorded).1 > days(&d).1)
        {
            continue;
        }
        if best.is_none_or(|(bi, b)| later(a, i, b, bi)) {
            best = Some((i, a));
        }
    }
    best.and_then(|(_, a)| a.status)
}

/// Whether any assessment of the pair passes the query's filter, by reading every one.
fn naive_assessed(ds: &Dataset, q: &CommitmentQuery, c: &Commitment, party: &str) -> bool {
    let f = &q.assessments;
    ds.assessments().iter().any(|a| {
        a.commitment == c.id
            && a.party.as_str() == party
            && f.get_rater().is_none_or(|r| *a.rater == *r)
            && f.get_as_of()
                .is_none_or(|d| days(&a.recorded).1 <= days(&d).1)
    })
}

fn in_area(ds: &Dataset, c: &Commitment, area: &str) -> bool {
    c.areas.iter().any(|a| {
        let mut cur = Some(a.as_str());
        for _ in 0..ds.areas().len() + 1 {
            match cur {
                Some(x) if x == area => return true,
                Some(x) => {
                    cur = ds
                        .areas()
                        .iter()
                        .find(|a| a.id.as_str() == x)
                        .and_then(|a| a.parent.as_ref())
                        .map(|p| p.as_str())
                }
                None => return false,
            }
        }
        false
    })
}

fn naive<'a>(ds: &'a Dataset, q: &CommitmentQuery) -> Vec<&'a str> {
    let party = q.party.as_ref().map(|p| p.to_ascii_lowercase());
    ds.commitments()
        .iter()
        .filter(|c| {
            let doc = ds
                .documents()
                .iter()
                .find(|d| d.id.as_str() == c.document.as_str())
                .unwrap();
            let obligors: Vec<&str> = match &party {
                Some(p) => vec![p.as_str()],
                None => c.obligor_parties.iter().map(|p| p.as_str()).collect(),
            };
            party.as_ref().is_none_or(|p| bound(c, p))
                && q.area.as_ref().is_none_or(|a| in_area(ds, c, a))
                && q.mechanism
                    .as_ref()
                    .is_none_or(|m| doc.mechanism.as_str() == m)
                && q.summit
                    .as_ref()
                    .is_none_or(|s| doc.summit.as_ref().is_some_and(|x| x.as_str() == s))
                && q.document.as_ref().is_none_or(|d| c.document.as_str() == d)
                && q.kind.is_none_or(|k| c.kind == k)
                && q.strength.is_none_or(|s| c.strength == s)
                && q.due_before
                    .is_none_or(|d| c.deadline.is_some_and(|dl| days(&dl).1 < days(&d).0))
                && q.due_after
                    .is_none_or(|d| c.deadline.is_some_and(|dl| days(&dl).0 > days(&d).1))
                && q.status.is_none_or(|s| {
                    obligors
                        .iter()
                        .any(|p| naive_status(ds, q, c, p) == Some(s))
                })
                && q.deadline_state.is_none_or(|k| {
                    let complete = !obligors.is_empty()
                        && obligors
                            .iter()
                            .all(|p| naive_status(ds, q, c, p) == Some(Completion::Complete));
                    let assessed = obligors.iter().any(|p| {
                        naive_status(ds, q, c, p) != Some(Completion::Complete)
                            && naive_assessed(ds, q, c, p)
                    });
                    expected_state(c, complete, assessed, q.reference.unwrap(), q.due_soon_days)
                        .kind()
                        == k
                })
                && q.text.as_ref().is_none_or(|t| {
                    let t = t.to_lowercase();
                    c.text.to_lowercase().contains(&t)
                        || c.quote
                            .as_ref()
                            .is_some_and(|qu| qu.text.to_lowercase().contains(&t))
                })
        })
        .map(|c| c.id.as_str())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn indexed_equals_naive(r in records(), queries in proptest::collection::vec(query(), 8)) {
        let ds = Dataset::from_records(r);
        for q in &queries {
            let unknown = q.area.as_deref() == Some("a9") || q.mechanism.as_deref() == Some("mx");
            match ds.commitments_where(q) {
                Ok(found) => {
                    prop_assert!(!unknown);
                    let found: Vec<&str> = found.map(|c| c.id.as_str()).collect();
                    prop_assert_eq!(found, naive(&ds, q), "{:?}", q);
                }
                Err(e) => {
                    // Only unknown ids fail, and the raters always exist when assessed.
                    prop_assert!(unknown || (q.assessments.get_rater().is_some() && ds.assessments().iter().all(|a| Some(&*a.rater) != q.assessments.get_rater())), "{}", e);
                }
            }
        }
    }
}

/// The latest assessment of a pair passing `pred`, by reading every assessment.
fn naive_latest<'a>(
    ds: &'a Dataset,
    c: &Commitment,
    party: &str,
    pred: impl Fn(&Assessment) -> bool,
) -> Option<&'a Assessment> {
    let mut best: Option<(usize, &Assessment)> = None;
    for (i, a) in ds.assessments().iter().enumerate() {
        if a.commitment != c.id || a.party.as_str() != party || !pred(a) {
            continue;
        }
        if best.is_none_or(|(bi, b)| later(a, i, b, bi)) {
            best = Some((i, a));
        }
    }
    best.map(|(_, a)| a)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// One party across mechanisms and the default scorecard use each pair's view
    /// precomputed at load time: they equal a naive reading of every assessment, and the
    /// scorecard equals the one computed pair by pair under a filter that keeps everything.
    #[test]
    fn precomputed_pairs_equal_naive(r in records(), reference in date()) {
        let ds = Dataset::from_records(r);
        let reference = days(&reference).0;
        for p in PARTIES {
            let Ok(rows) = ds.party_commitments(p, Day::from_naive(reference)) else { continue };
            let rows: Vec<_> = rows.collect();
            let naive_ids: Vec<&str> = ds
                .commitments()
                .iter()
                .filter(|c| bound(c, p))
                .map(|c| c.id.as_str())
                .collect();
            let ids: Vec<&str> = rows.iter().map(|r| r.commitment.id.as_str()).collect();
            prop_assert_eq!(ids, naive_ids);
            for row in &rows {
                let c = row.commitment;
                let latest = naive_latest(&ds, c, p, |_| true);
                prop_assert_eq!(row.assessment.map(|a| a as *const Assessment), latest.map(|a| a as *const Assessment));
                let status = naive_latest(&ds, c, p, |a| a.status.is_some()).and_then(|a| a.status);
                let score = naive_latest(&ds, c, p, |a| a.score.is_some()).and_then(|a| a.score);
                prop_assert_eq!(row.status, status);
                prop_assert_eq!(row.score, score);
                prop_assert_eq!(
                    row.deadline,
                    expected_state(c, status == Some(Completion::Complete), latest.is_some(), reference, super::DUE_SOON_DAYS)
                );
            }
        }
        // Each party's rows: one per commitment binding it, in order, each equal to the
        // party's first pair in that commitment, with the commitment's document and deadline.
        let ix = &ds.index;
        for (p, commitments) in ix.commitments_by_party.iter().enumerate() {
            let rows = &ix.party_rows[p];
            prop_assert_eq!(rows.len(), commitments.len());
            for (&c, row) in commitments.iter().zip(rows) {
                let first = ix.pairs_of(c).iter().find(|x| x.is_party(p as u32)).unwrap();
                prop_assert_eq!(row.commitment, c);
                prop_assert_eq!(row.latest(), first.latest());
                prop_assert_eq!((row.mark, row.status), (first.mark, first.status));
                prop_assert_eq!(row.document(), ix.commitment_document[c as usize]);
                prop_assert_eq!(
                    row.last_day,
                    ds.records.commitments[c as usize].deadline.map(|d| days(&d).1)
                );
            }
        }
        let everything: PartialDate = "9998".parse().unwrap();
        for by in super::By::ALL {
            let fast = ds.scorecard(&super::ScorecardQuery::new().by(by)).unwrap();
            let slow = ds
                .scorecard(&super::ScorecardQuery::new().by(by).as_of(everything))
                .unwrap();
            prop_assert_eq!(fast, slow);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The shape of the party + area + window benchmark, and its neighbours: the party's
    /// deadline list filtered by the area mask and the first day before the sort, and the
    /// area mask alone (a party's postings checked against it), equal the naive filter.
    #[test]
    fn party_area_window_equals_naive(
        r in records(),
        party in 0usize..PARTIES.len(),
        area in proptest::option::of(0usize..AREAS.len()),
        before in proptest::option::of(date()),
        after in proptest::option::of(date()),
    ) {
        let ds = Dataset::from_records(r);
        let mut q = CommitmentQuery::new().party(PARTIES[party]);
        if let Some(a) = area {
            q = q.area(AREAS[a]);
        }
        if let Some(d) = before {
            q = q.due_before(d);
        }
        if let Some(d) = after {
            q = q.due_after(d);
        }
        let found: Vec<&str> = ds.commitments_where(&q).unwrap().map(|c| c.id.as_str()).collect();
        prop_assert_eq!(found, naive(&ds, &q), "{:?}", q);
    }

    /// Each commitment's area positions with a mask over an area's subtree say exactly
    /// whether the commitment is listed under the area or below it; the first and last days
    /// kept per commitment are its deadline's.
    #[test]
    fn area_mask_equals_parent_walk(r in records()) {
        let ds = Dataset::from_records(r);
        let ix = &ds.index;
        for (a, area) in ds.areas().iter().enumerate() {
            let mask = ix.area_mask(&ix.area_subtree(a as u32));
            for (c, commitment) in ds.commitments().iter().enumerate() {
                prop_assert_eq!(
                    ix.listed_under(c as u32, &mask),
                    in_area(&ds, commitment, area.id.as_str())
                );
            }
        }
        let expected: Vec<_> = ds.commitments().iter().map(|c| c.deadline.map(|d| (days(&d).0, days(&d).1))).collect();
        prop_assert_eq!(&ix.deadline_days, &expected);
    }

    /// The default scorecard by party tallied at load time equals the one computed pair by
    /// pair, and a naive one from every assessment.
    #[test]
    fn tallied_scorecard_equals_pair_by_pair(r in records()) {
        let ds = Dataset::from_records(r);
        let q = super::ScorecardQuery::new();
        let tallied = ds.scorecard(&q).unwrap();
        prop_assert_eq!(Some(&tallied), ds.index.party_scorecard.as_ref());
        prop_assert_eq!(&tallied, &ds.scorecard_pair_by_pair(&q).unwrap());
        // Naive: (assessed, unassessed, score sum, statuses) by party id.
        let mut rows: std::collections::BTreeMap<&str, (u32, u32, i64, super::StatusCounts)> =
            std::collections::BTreeMap::new();
        for c in ds.commitments() {
            for p in c.obligor_parties.iter() {
                let score = naive_latest(&ds, c, p.as_str(), |a| a.score.is_some()).and_then(|a| a.score);
                let status = naive_latest(&ds, c, p.as_str(), |a| a.status.is_some()).and_then(|a| a.status);
                let row = rows.entry(p.as_str()).or_default();
                match score {
                    Some(s) => {
                        row.0 += 1;
                        row.2 += i64::from(s.value());
                    }
                    None => row.1 += 1,
                }
                match status {
                    Some(Completion::Unknown) => row.3.unknown += 1,
                    Some(Completion::NotStarted) => row.3.not_started += 1,
                    Some(Completion::Limited) => row.3.limited += 1,
                    Some(Completion::Substantial) => row.3.substantial += 1,
                    Some(Completion::Complete) => row.3.complete += 1,
                    None => row.3.unrated += 1,
                }
            }
        }
        let naive: Vec<_> = rows.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let got: Vec<_> = tallied
            .rows
            .iter()
            .map(|r| (r.key.clone(), (r.assessed, r.unassessed, r.score_sum, r.statuses)))
            .collect();
        prop_assert_eq!(got, naive);
        let assessed: u32 = tallied.rows.iter().map(|r| r.assessed).sum();
        prop_assert_eq!(tallied.total.assessed, assessed);
        for row in &tallied.rows {
            prop_assert_eq!(row.percent, expected_percent(row.score_sum, row.assessed));
        }
    }
}

/// A scorecard by reading every pair and every assessment: rows `(key, assessed,
/// unassessed, score sum, mean, percent, statuses)` in key order, and the total.
type NaiveRow = (String, u32, u32, i64, Option<f64>, Option<u32>, [u32; 6]);

fn naive_scorecard(
    ds: &Dataset,
    by: super::By,
    mechanism: Option<&str>,
    rater: Option<&str>,
    as_of: Option<&PartialDate>,
) -> (Vec<NaiveRow>, NaiveRow) {
    use super::By;
    let allowed = |a: &Assessment| {
        rater.is_none_or(|r| &*a.rater == r)
            && as_of.is_none_or(|d| days(&a.recorded).1 <= days(d).1)
    };
    let slot = |s: Option<Completion>| match s {
        Some(Completion::Unknown) => 0,
        Some(Completion::NotStarted) => 1,
        Some(Completion::Limited) => 2,
        Some(Completion::Substantial) => 3,
        Some(Completion::Complete) => 4,
        None => 5,
    };
    // key -> (assessed, unassessed, sum, statuses)
    let mut rows: std::collections::BTreeMap<String, (u32, u32, i64, [u32; 6])> =
        std::collections::BTreeMap::new();
    let mut total = (0u32, 0u32, 0i64, [0u32; 6]);
    let add = |row: &mut (u32, u32, i64, [u32; 6]), score: Option<i64>, status| {
        match score {
            Some(s) => {
                row.0 += 1;
                row.2 += s;
            }
            None => row.1 += 1,
        }
        row.3[slot(status)] += 1;
    };
    for c in ds.commitments() {
        let doc = ds
            .documents()
            .iter()
            .find(|d| d.id.as_str() == c.document.as_str())
            .unwrap();
        if mechanism.is_some_and(|m| doc.mechanism.as_str() != m) {
            continue;
        }
        for p in c.obligor_parties.iter() {
            let score = naive_latest(ds, c, p.as_str(), |a| allowed(a) && a.score.is_some())
                .and_then(|a| a.score)
                .map(|s| i64::from(s.value()));
            let status = naive_latest(ds, c, p.as_str(), |a| allowed(a) && a.status.is_some())
                .and_then(|a| a.status);
            add(&mut total, score, status);
            let mut keys: Vec<String> = match by {
                By::Party => vec![p.as_str().to_owned()],
                By::Commitment => vec![c.id.as_str().to_owned()],
                By::Area => c.areas.iter().map(|a| a.as_str().to_owned()).collect(),
                By::Summit => doc.summit.iter().map(|s| s.as_str().to_owned()).collect(),
                By::Mechanism => vec![doc.mechanism.as_str().to_owned()],
            };
            keys.sort();
            keys.dedup();
            for k in keys {
                add(rows.entry(k).or_default(), score, status);
            }
        }
    }
    let finish = |key: String, (assessed, unassessed, sum, statuses): (u32, u32, i64, [u32; 6])| {
        let mean = (assessed > 0).then(|| sum as f64 / f64::from(assessed));
        (
            key,
            assessed,
            unassessed,
            sum,
            mean,
            expected_percent(sum, assessed),
            statuses,
        )
    };
    (
        rows.into_iter().map(|(k, v)| finish(k, v)).collect(),
        finish("total".to_owned(), total),
    )
}

/// The raters whose assessment gives some pair in the mechanism its score, in byte order,
/// and the pairs that some assessment scores but none the rater and date allow.
fn naive_raters_excluded(
    ds: &Dataset,
    mechanism: Option<&str>,
    rater: Option<&str>,
    as_of: Option<&PartialDate>,
) -> (Vec<String>, u32) {
    let allowed = |a: &Assessment| {
        rater.is_none_or(|r| &*a.rater == r)
            && as_of.is_none_or(|d| days(&a.recorded).1 <= days(d).1)
    };
    let mut raters: Vec<String> = Vec::new();
    let mut excluded = 0;
    for c in ds.commitments() {
        let doc = ds
            .documents()
            .iter()
            .find(|d| d.id.as_str() == c.document.as_str())
            .unwrap();
        if mechanism.is_some_and(|m| doc.mechanism.as_str() != m) {
            continue;
        }
        for p in c.obligor_parties.iter() {
            match naive_latest(ds, c, p.as_str(), |a| allowed(a) && a.score.is_some()) {
                Some(a) => raters.push(a.rater.to_string()),
                None => {
                    if naive_latest(ds, c, p.as_str(), |a| a.score.is_some()).is_some() {
                        excluded += 1;
                    }
                }
            }
        }
    }
    raters.sort();
    raters.dedup();
    (raters, excluded)
}

fn as_naive(r: &super::ScorecardRow) -> NaiveRow {
    let s = &r.statuses;
    (
        r.key.clone(),
        r.assessed,
        r.unassessed,
        r.score_sum,
        r.mean,
        r.percent,
        [
            s.unknown,
            s.not_started,
            s.limited,
            s.substantial,
            s.complete,
            s.unrated,
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every scorecard, filtered by mechanism, rater and date or not, in every grouping,
    /// equals a tally of every pair from every assessment; an unknown mechanism or rater is
    /// an error.
    #[test]
    fn scorecard_equals_naive(
        r in records(),
        by in 0usize..5,
        mechanism in proptest::option::of(0usize..3),
        rater in proptest::option::of(0usize..2),
        as_of in proptest::option::of(date()),
    ) {
        let ds = Dataset::from_records(r);
        let by = super::By::ALL[by];
        let mechanism = mechanism.map(|m| ["m0", "m1", "mx"][m]);
        let rater = rater.map(|r| RATERS[r]);
        let mut q = super::ScorecardQuery::new().by(by);
        if let Some(m) = mechanism {
            q = q.mechanism(m);
        }
        if let Some(r) = rater {
            q = q.rater(r);
        }
        if let Some(d) = as_of {
            q = q.as_of(d);
        }
        let unknown_rater = rater.is_some_and(|r| ds.assessments().iter().all(|a| &*a.rater != r));
        match ds.scorecard(&q) {
            Ok(card) => {
                prop_assert!(mechanism != Some("mx") && !unknown_rater);
                prop_assert_eq!(card.by, by);
                let (rows, total) = naive_scorecard(&ds, by, mechanism, rater, as_of.as_ref());
                let got: Vec<NaiveRow> = card.rows.iter().map(as_naive).collect();
                prop_assert_eq!(got, rows);
                prop_assert_eq!(as_naive(&card.total), total);
                let (raters, excluded) = naive_raters_excluded(&ds, mechanism, rater, as_of.as_ref());
                prop_assert_eq!(&card.raters_used, &raters);
                prop_assert_eq!(card.excluded, excluded);
            }
            Err(e) => prop_assert!(mechanism == Some("mx") || unknown_rater, "{}", e),
        }
    }
}
