//! Shared by the benchmarks: generated datasets (cached per size), the benchmark queries
//! answered through summitry's indexes, and the same queries answered by a naive linear
//! scan over the same records. Every pair is checked to give the same answer.

#![allow(dead_code, clippy::type_complexity)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;
use summitry::generate::Generator;
use summitry::{
    Assessment, By, CommitmentQuery, Completion, Dataset, Loader, PartialDate, ScorecardQuery,
};

/// The seed of every benchmark dataset.
pub const SEED: u64 = 1;

/// The date every benchmark dataset is generated as of: fixed, so the data (and the
/// figures) do not change with the day the benchmark runs.
pub fn now() -> summitry::Day {
    summitry::Day::new(2026, 1, 1).unwrap()
}

/// The generated files of a dataset with `n` commitments (and default other counts).
pub fn files(n: usize) -> &'static [(String, String)] {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<usize, &'static [(String, String)]>>> =
        OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry(n).or_insert_with(|| {
        Generator {
            now: now(),
            ..Generator::new(n, SEED)
        }
        .files()
        .leak()
    })
}

/// The total size of the files, in bytes.
pub fn bytes(n: usize) -> usize {
    files(n).iter().map(|(_, t)| t.len()).sum()
}

/// A loader holding copies of the files (made outside the timed section).
pub fn loader(n: usize) -> Loader {
    files(n).iter().fold(Loader::new(), |l, (name, text)| {
        l.text(name.clone(), text.clone())
    })
}

/// The loaded dataset with `n` commitments.
pub fn dataset(n: usize) -> &'static Dataset {
    static CACHE: OnceLock<std::sync::Mutex<HashMap<usize, &'static Dataset>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry(n).or_insert_with(|| {
        let ds = loader(n)
            .load()
            .unwrap_or_else(|e| panic!("generated data must load: {e}"));
        Box::leak(Box::new(ds))
    })
}

/// The bare parse: every file into a generic spanned TOML table, nothing else.
pub fn bare_parse(files: &[(String, String)]) -> usize {
    files
        .iter()
        .map(|(_, t)| {
            let table = toml::de::DeTable::parse(t).unwrap();
            table.get_ref().len()
        })
        .sum()
}

// ---------------------------------------------------------------- the queries

/// The party bound by the most commitments: the hardest case for a party index.
pub fn busiest_party(ds: &Dataset) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in ds.commitments() {
        for p in c.obligor_parties().iter() {
            *counts.entry(p.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v[0].0.to_owned()
}

/// The median party by the number of commitments binding it (among parties bound by any):
/// a typical party, for the labelled second variant of the party + area + window query.
pub fn median_party(ds: &Dataset) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in ds.commitments() {
        for p in c.obligor_parties().iter() {
            *counts.entry(p.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v[v.len() / 2].0.to_owned()
}

pub const AREA: &str = "economy";
pub const TEXT: &str = "semiconductor supply chains";
pub fn window() -> (PartialDate, PartialDate) {
    // Deadlines from 2009 to 2013: first day after 2008, last day before 2014.
    ("2008".parse().unwrap(), "2014".parse().unwrap())
}
pub fn reference() -> summitry::Day {
    summitry::Day::new(2025, 1, 1).unwrap()
}

/// Party + area (with sub-areas) + deadline window, through the indexes.
pub fn q_party_area_window(ds: &Dataset, party: &str) -> usize {
    let (after, before) = window();
    let q = CommitmentQuery::new()
        .party(party)
        .area(AREA)
        .due_after(after)
        .due_before(before);
    ds.commitments_where(&q).unwrap().count()
}

/// The same by a linear scan.
pub fn scan_party_area_window(ds: &Dataset, party: &str) -> usize {
    let (after, before) = window();
    let mut subtree: HashSet<&str> = HashSet::from([AREA]);
    // Areas come parents first in the generated data; loop to a fixed point anyway.
    loop {
        let n = subtree.len();
        for a in ds.areas() {
            if a.parent
                .as_ref()
                .is_some_and(|p| subtree.contains(p.as_str()))
            {
                subtree.insert(a.id.as_str());
            }
        }
        if subtree.len() == n {
            break;
        }
    }
    ds.commitments()
        .iter()
        .filter(|c| {
            c.binds(party)
                && c.areas().iter().any(|a| subtree.contains(a.as_str()))
                && c.deadline.is_some_and(|d| {
                    d.first_day() > after.last_day() && d.last_day() < before.first_day()
                })
        })
        .count()
}

/// Text search through the indexes.
pub fn q_text(ds: &Dataset) -> usize {
    ds.commitments_where(&CommitmentQuery::new().text(TEXT))
        .unwrap()
        .count()
}

/// The same by a linear scan (case-insensitive, over text and quote).
pub fn scan_text(ds: &Dataset) -> usize {
    let needle = TEXT.to_lowercase();
    ds.commitments()
        .iter()
        .filter(|c| {
            c.text().to_lowercase().contains(&needle)
                || c.quote()
                    .is_some_and(|q| q.text().to_lowercase().contains(&needle))
        })
        .count()
}

/// One party across mechanisms: (commitments, those with a current score).
pub fn q_party(ds: &Dataset, party: &str) -> (usize, usize) {
    let mut n = 0;
    let mut scored = 0;
    for pc in ds.party_commitments(party, reference()).unwrap() {
        n += 1;
        scored += usize::from(pc.score.is_some());
    }
    (n, scored)
}

/// "Later" as summitry orders assessments: as-of, then recorded, then load order.
fn later(a: (&Assessment, usize), b: (&Assessment, usize)) -> bool {
    (a.0.as_of, a.0.recorded, a.1) > (b.0.as_of, b.0.recorded, b.1)
}

/// The same by a linear scan: one pass over the assessments, one over the commitments.
pub fn scan_party(ds: &Dataset, party: &str) -> (usize, usize) {
    let mut latest_score: HashMap<&str, (&Assessment, usize)> = HashMap::new();
    for (i, a) in ds.assessments().iter().enumerate() {
        if a.party.as_str() == party && a.score.is_some() {
            let e = latest_score.entry(a.commitment.as_str()).or_insert((a, i));
            if later((a, i), *e) {
                *e = (a, i);
            }
        }
    }
    let mut n = 0;
    let mut scored = 0;
    for c in ds.commitments() {
        if c.binds(party) {
            let _mechanism = ds.document(c.document.as_str()).map(|d| &d.mechanism);
            n += 1;
            scored += usize::from(latest_score.contains_key(c.id.as_str()));
        }
    }
    (n, scored)
}

/// A scorecard by party over every assessment: (rows, assessed pairs, score sum).
pub fn q_scorecard(ds: &Dataset) -> (usize, u32, i64) {
    let card = ds.scorecard(&ScorecardQuery::new().by(By::Party)).unwrap();
    (card.rows.len(), card.total.assessed, card.total.score_sum)
}

/// The same by a linear scan: latest score and status of every pair, then rows.
pub fn scan_scorecard(ds: &Dataset) -> (usize, u32, i64) {
    type Latest<'a, T> = Option<((&'a Assessment, usize), T)>;
    let mut pairs: HashMap<(&str, &str), (Latest<'_, i8>, Latest<'_, Completion>)> = HashMap::new();
    for (i, a) in ds.assessments().iter().enumerate() {
        let e = pairs
            .entry((a.commitment.as_str(), a.party.as_str()))
            .or_insert((None, None));
        if let Some(s) = a.score {
            if e.0.is_none_or(|(b, _)| later((a, i), b)) {
                e.0 = Some(((a, i), s.value()));
            }
        }
        if let Some(s) = a.status {
            if e.1.is_none_or(|(b, _)| later((a, i), b)) {
                e.1 = Some(((a, i), s));
            }
        }
    }
    let mut rows: BTreeMap<&str, (u32, u32, i64, [u32; 6])> = BTreeMap::new();
    let mut total = (0u32, 0i64);
    for c in ds.commitments() {
        for p in c.obligor_parties().iter() {
            let (score, status) = pairs
                .get(&(c.id.as_str(), p.as_str()))
                .map_or((None, None), |(s, t)| (s.map(|x| x.1), t.map(|x| x.1)));
            let row = rows.entry(p.as_str()).or_default();
            match score {
                Some(s) => {
                    row.0 += 1;
                    row.2 += i64::from(s);
                    total.0 += 1;
                    total.1 += i64::from(s);
                }
                None => row.1 += 1,
            }
            row.3[status.map_or(5, |s| s as usize)] += 1;
        }
    }
    (rows.len(), total.0, total.1)
}

/// The filters of a scoped or filtered scorecard: only commitments of a mechanism, only one
/// rater's assessments, only assessments recorded by a date.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scope<'a> {
    pub mechanism: Option<&'a str>,
    pub rater: Option<&'a str>,
    pub as_of: Option<PartialDate>,
}

/// The rater of the filtered scorecard (one of the generator's four).
pub const RATER: &str = "g20rg";

/// The date of the as-of scorecard: everything recorded by the end of 2012.
pub fn as_of() -> PartialDate {
    "2012".parse().unwrap()
}

/// The mechanism with the most commitments: the largest mechanism-scoped scorecard.
pub fn busiest_mechanism(ds: &Dataset) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let docs: HashMap<&str, &str> = ds
        .documents()
        .iter()
        .map(|d| (d.id.as_str(), d.mechanism.as_str()))
        .collect();
    for c in ds.commitments() {
        *counts.entry(docs[c.document.as_str()]).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v[0].0.to_owned()
}

/// A scorecard by party under a scope, through summitry: (rows, assessed pairs, score sum).
/// Every such scorecard is computed at query time (only the unscoped one is tallied at load).
pub fn q_scorecard_where(ds: &Dataset, scope: Scope<'_>) -> (usize, u32, i64) {
    let mut q = ScorecardQuery::new().by(By::Party);
    if let Some(m) = scope.mechanism {
        q = q.mechanism(m);
    }
    if let Some(r) = scope.rater {
        q = q.rater(r);
    }
    if let Some(d) = scope.as_of {
        q = q.as_of(d);
    }
    let card = ds.scorecard(&q).unwrap();
    (card.rows.len(), card.total.assessed, card.total.score_sum)
}

/// The same by a linear scan: every assessment the scope allows, then every pair of every
/// commitment in scope.
pub fn scan_scorecard_where(ds: &Dataset, scope: Scope<'_>) -> (usize, u32, i64) {
    type Latest<'a, T> = Option<((&'a Assessment, usize), T)>;
    let as_of_last = scope.as_of.map(|d| d.last_day());
    let mut pairs: HashMap<(&str, &str), (Latest<'_, i8>, Latest<'_, Completion>)> = HashMap::new();
    for (i, a) in ds.assessments().iter().enumerate() {
        if scope.rater.is_some_and(|r| a.rater() != r)
            || as_of_last.is_some_and(|d| a.recorded.last_day() > d)
        {
            continue;
        }
        let e = pairs
            .entry((a.commitment.as_str(), a.party.as_str()))
            .or_insert((None, None));
        if let Some(s) = a.score {
            if e.0.is_none_or(|(b, _)| later((a, i), b)) {
                e.0 = Some(((a, i), s.value()));
            }
        }
        if let Some(s) = a.status {
            if e.1.is_none_or(|(b, _)| later((a, i), b)) {
                e.1 = Some(((a, i), s));
            }
        }
    }
    let docs: HashMap<&str, &str> = match scope.mechanism {
        Some(_) => ds
            .documents()
            .iter()
            .map(|d| (d.id.as_str(), d.mechanism.as_str()))
            .collect(),
        None => HashMap::new(),
    };
    let mut rows: BTreeMap<&str, (u32, u32, i64, [u32; 6])> = BTreeMap::new();
    let mut total = (0u32, 0i64);
    for c in ds.commitments() {
        if scope
            .mechanism
            .is_some_and(|m| docs.get(c.document.as_str()) != Some(&m))
        {
            continue;
        }
        for p in c.obligor_parties() {
            let (score, status) = pairs
                .get(&(c.id.as_str(), p.as_str()))
                .map_or((None, None), |(s, t)| (s.map(|x| x.1), t.map(|x| x.1)));
            let row = rows.entry(p.as_str()).or_default();
            match score {
                Some(s) => {
                    row.0 += 1;
                    row.2 += i64::from(s);
                    total.0 += 1;
                    total.1 += i64::from(s);
                }
                None => row.1 += 1,
            }
            row.3[status.map_or(5, |s| s as usize)] += 1;
        }
    }
    (rows.len(), total.0, total.1)
}

/// The by-party scorecard of every mechanism in turn, through summitry: the pass over every
/// pair's load-time view that the load-time tally makes, done at query time (plus a
/// mechanism lookup and a map per mechanism), so an upper bound on what the tally adds to
/// the load. (rows summed, assessed pairs, score sum.)
pub fn q_scorecard_every_mechanism(ds: &Dataset) -> (usize, u32, i64) {
    ds.mechanisms().iter().fold((0, 0, 0), |acc, m| {
        let (r, a, s) = q_scorecard_where(
            ds,
            Scope {
                mechanism: Some(m.id.as_str()),
                ..Scope::default()
            },
        );
        (acc.0 + r, acc.1 + a, acc.2 + s)
    })
}

/// Projects `editions` editions of every mechanism; returns how many were produced.
pub fn project(ds: &Dataset, editions: usize) -> usize {
    ds.mechanisms()
        .iter()
        .map(|m| ds.schedule(m.id.as_str()).unwrap().take(editions).count())
        .sum()
}
