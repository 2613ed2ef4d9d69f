//! "Did you mean" for unknown references, at a bounded cost.
//!
//! [`crate::error::did_you_mean`] compares a word with every candidate by the full edit
//! distance: fine for a closed vocabulary, quadratic when hundreds of unknown references
//! meet tens of thousands of ids (250 renamed commitments in a dataset of 10k: 23 s). Here
//! the ids of a kind are indexed once, by length; a word is looked at only with the ids
//! whose length is within its edit limit; for each a cheap lower bound (the difference of
//! their letter counts) is computed, and the edit distance, which stops as soon as it
//! passes the best found, only for those whose bound can still beat it, lowest bound first.
//! Each unknown id is looked up once, however often it is referenced; and a load looks at
//! most [`MAX_COMPARED`] pairs of ids, after which unknown references get no suggestion, so
//! that the cost of suggestions has a ceiling whatever the number of unknown references.
//! The suggestion is the one `did_you_mean` gives (the nearest id within a third of the
//! word's length, the first in byte order among the nearest), as a test checks.

use crate::hash::HashMap;

/// The most pairs of ids a load compares for suggestions (about a quarter of a second).
pub(crate) const MAX_COMPARED: usize = 10_000_000;

/// A letter count, in 40 buckets: a lower bound on the edit distance of two words is half
/// the difference of their counts (a substitution changes two counts, an insertion or a
/// deletion one, a swap none).
type Bag = [u8; 40];

fn bucket(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        '0'..='9' => 26 + (c as usize - '0' as usize),
        '-' => 36,
        '_' => 37,
        '.' => 38,
        _ => 39,
    }
}

fn bag(word: &[char]) -> Bag {
    let mut b = [0u8; 40];
    for &c in word {
        if let Some(n) = b.get_mut(bucket(c)) {
            *n = n.saturating_add(1);
        }
    }
    b
}

fn bag_bound(a: &Bag, b: &Bag) -> usize {
    let l1: usize = a
        .iter()
        .zip(b)
        .map(|(x, y)| usize::from(x.abs_diff(*y)))
        .sum();
    l1.div_ceil(2)
}

/// One candidate: its text, lowercased characters and letter count.
struct Candidate<'a> {
    text: &'a str,
    chars: Vec<char>,
    bag: Bag,
}

/// The ids of one kind, sorted by length (in characters), then text.
pub(crate) struct Index<'a> {
    candidates: Vec<Candidate<'a>>,
    /// The ids in byte order, for the list of known ids.
    sorted: Vec<&'a str>,
}

impl<'a> Index<'a> {
    pub(crate) fn new(ids: impl IntoIterator<Item = &'a str>) -> Index<'a> {
        let mut sorted: Vec<&'a str> = ids.into_iter().collect();
        sorted.sort_unstable();
        let mut candidates: Vec<Candidate<'a>> = sorted
            .iter()
            .map(|t| {
                let chars: Vec<char> = t.to_lowercase().chars().collect();
                let bag = bag(&chars);
                Candidate {
                    text: t,
                    chars,
                    bag,
                }
            })
            .collect();
        candidates.sort_by(|a, b| (a.chars.len(), a.text).cmp(&(b.chars.len(), b.text)));
        Index { candidates, sorted }
    }

    /// Every id, in byte order.
    pub(crate) fn sorted(&self) -> &[&'a str] {
        &self.sorted
    }

    /// The nearest id to `word`, as [`crate::error::did_you_mean`] finds it; `budget` is
    /// the number of comparisons left, and `None` once it is spent.
    pub(crate) fn nearest(&self, word: &str, budget: &mut usize) -> Option<&'a str> {
        let w: Vec<char> = word.to_lowercase().chars().collect();
        let limit = (word.chars().count() / 3).max(1);
        let wbag = bag(&w);
        let lo = w.len().saturating_sub(limit);
        let hi = w.len() + limit;
        let from = self.candidates.partition_point(|c| c.chars.len() < lo);
        // Filter, then verify: each candidate's lower bound first (cheap), then the edit
        // distance of the candidates in the order of their bounds, until the bound passes
        // the best distance found.
        let mut by_bound: Vec<Vec<&Candidate<'a>>> = vec![Vec::new(); limit + 1];
        for c in self.candidates.get(from..).unwrap_or(&[]) {
            if c.chars.len() > hi {
                break;
            }
            // The word itself is never a suggestion: it was just rejected.
            if c.text == word {
                continue;
            }
            if *budget == 0 {
                return None;
            }
            *budget -= 1;
            let bound = c
                .chars
                .len()
                .abs_diff(w.len())
                .max(bag_bound(&wbag, &c.bag));
            if let Some(b) = by_bound.get_mut(bound) {
                b.push(c);
            }
        }
        let mut best: Option<(usize, &'a str)> = None;
        let mut scratch = Scratch::default();
        for (bound, cs) in by_bound.iter().enumerate() {
            if best.is_some_and(|(d, _)| bound > d) {
                break;
            }
            for c in cs {
                // Only a nearer id, or one as near and first in byte order, can replace it.
                let k = match best {
                    Some((d, t)) if c.text < t => d,
                    Some((d, _)) => match d.checked_sub(1) {
                        Some(k) => k,
                        None => continue,
                    },
                    None => limit,
                };
                if bound > k {
                    continue;
                }
                if let Some(d) = scratch.within(&w, &c.chars, k) {
                    best = Some((d, c.text));
                }
            }
        }
        best.map(|(_, t)| t)
    }
}

/// Rows reused across comparisons.
#[derive(Default)]
struct Scratch {
    rows: [Vec<usize>; 3],
}

impl Scratch {
    /// The edit distance of `a` and `b` (optimal string alignment: a swap of neighbours is
    /// one edit), if it is at most `k`; stops as soon as no later row can be within `k`.
    fn within(&mut self, a: &[char], b: &[char], k: usize) -> Option<usize> {
        let w = b.len() + 1;
        let [r2, r1, r0] = &mut self.rows;
        for r in [&mut *r2, &mut *r1, &mut *r0] {
            r.clear();
            r.resize(w, usize::MAX / 2);
        }
        // r1: the previous row, r2: the one before, r0: the current one.
        for (j, x) in r1.iter_mut().enumerate() {
            *x = j;
        }
        let mut prev_min = 0;
        for i in 1..=a.len() {
            let ca = a.get(i - 1);
            if let Some(x) = r0.first_mut() {
                *x = i;
            }
            let mut row_min = i;
            for j in 1..w {
                let cb = b.get(j - 1);
                let cost = usize::from(ca != cb);
                let up = r1.get(j).copied().unwrap_or(usize::MAX / 2);
                let left = r0.get(j - 1).copied().unwrap_or(usize::MAX / 2);
                let diag = r1.get(j - 1).copied().unwrap_or(usize::MAX / 2);
                let mut v = (up + 1).min(left + 1).min(diag + cost);
                if i > 1 && j > 1 && ca == b.get(j - 2) && a.get(i - 2) == cb {
                    v = v.min(r2.get(j - 2).copied().unwrap_or(usize::MAX / 2) + 1);
                }
                if let Some(x) = r0.get_mut(j) {
                    *x = v;
                }
                row_min = row_min.min(v);
            }
            // A later cell comes from this row, or from the previous one by a swap (+1).
            if row_min.min(prev_min + 1) > k {
                return None;
            }
            prev_min = row_min;
            std::mem::swap(r2, r1);
            std::mem::swap(r1, r0);
        }
        let d = r1.last().copied().unwrap_or(usize::MAX);
        (d <= k).then_some(d)
    }
}

/// Suggestions for the unknown references of a load: one index per kind of id, made when
/// first needed, one answer per unknown id, and one budget of comparisons.
pub(crate) struct Suggester<'a, K> {
    indexes: HashMap<K, Index<'a>>,
    answers: HashMap<(K, u32), Option<&'a str>>,
    budget: usize,
}

impl<'a, K: std::hash::Hash + Eq + Copy> Suggester<'a, K> {
    pub(crate) fn new() -> Self {
        Suggester {
            indexes: HashMap::default(),
            answers: HashMap::default(),
            budget: MAX_COMPARED,
        }
    }

    /// The index of a kind, made from `ids` the first time.
    pub(crate) fn index<I: IntoIterator<Item = &'a str>>(
        &mut self,
        kind: K,
        ids: impl FnOnce() -> I,
    ) -> &Index<'a> {
        self.indexes
            .entry(kind)
            .or_insert_with(|| Index::new(ids()))
    }

    /// The suggestion for an unknown id (symbol `sym`, text `word`) of a kind.
    pub(crate) fn nearest<I: IntoIterator<Item = &'a str>>(
        &mut self,
        kind: K,
        sym: u32,
        word: &str,
        ids: impl FnOnce() -> I,
    ) -> Option<&'a str> {
        if let Some(a) = self.answers.get(&(kind, sym)) {
            return *a;
        }
        let mut budget = self.budget;
        let found = self.index(kind, ids).nearest(word, &mut budget);
        self.budget = budget;
        self.answers.insert((kind, sym), found);
        found
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;
    use crate::error::did_you_mean;
    use proptest::prelude::*;

    #[test]
    fn known_answers() {
        let ids = [
            "kz", "kg", "uz", "summit", "source", "held", "c-0001", "c-0002",
        ];
        let ix = Index::new(ids);
        let mut budget = 1000;
        assert_eq!(ix.nearest("kzz", &mut budget), Some("kz"));
        assert_eq!(ix.nearest("xx", &mut budget), None);
        assert_eq!(ix.nearest("sumit", &mut budget), Some("summit"));
        assert_eq!(ix.nearest("hled", &mut budget), Some("held"));
        // Two ids one edit away: the first in byte order.
        assert_eq!(ix.nearest("c-0003", &mut budget), Some("c-0001"));
        assert_eq!(ix.nearest("KZ", &mut budget), Some("kz"));
    }

    #[test]
    fn no_suggestion_once_the_budget_is_spent() {
        let ix = Index::new(["abc", "abd", "abe"]);
        let mut budget = 2;
        assert_eq!(ix.nearest("abf", &mut budget), None);
        assert_eq!(budget, 0);
        let mut budget = 3;
        assert_eq!(ix.nearest("abf", &mut budget), Some("abc"));
    }

    #[test]
    fn each_unknown_id_is_looked_up_once() {
        let ids = ["alpha", "beta"];
        let mut s: Suggester<'_, u8> = Suggester::new();
        assert_eq!(s.nearest(0, 7, "alpah", || ids), Some("alpha"));
        let spent = MAX_COMPARED - s.budget;
        assert_eq!(s.nearest(0, 7, "alpah", || ids), Some("alpha"));
        assert_eq!(MAX_COMPARED - s.budget, spent);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// The index gives what the plain scan gives (the oracle compares with every
        /// candidate, by the full edit distance).
        #[test]
        fn same_as_did_you_mean(
            ids in prop::collection::btree_set("[a-c0-2-]{1,7}", 0..30),
            word in "[a-cA-C0-2.-]{0,8}",
        ) {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let ix = Index::new(ids.iter().copied());
            let mut budget = usize::MAX;
            prop_assert_eq!(ix.nearest(&word, &mut budget), did_you_mean(&word, ids.iter().copied()));
        }
    }
}
