//! Queries over a loaded dataset, answered from indexes built at load time.
//!
//! Every query method lives on [`Dataset`](crate::Dataset) and takes an options struct built
//! in the style of jiff's option builders: `CommitmentQuery::new().party("kz").area("security")`.
//! Results borrow from the dataset. Lists of records come back as [`Matches`], an iterator
//! in a documented deterministic order.
//!
//! # How queries are answered
//!
//! [`Index::build`] runs once when a dataset is made. For commitments it keeps *postings
//! lists*: for each party, area, document, summit, mechanism, kind and strength, the sorted
//! positions of the commitments it concerns. A query picks the postings of each of its
//! filters, intersects them smallest first, and only then checks the filters that need the
//! records themselves (text, status, deadline state) on the few candidates left. Deadlines
//! are kept sorted by their first and last days so a deadline window is a binary search;
//! each party also has its own deadline-ordered list, and each commitment its area
//! positions, so a party + area + window query reads one slice of the party's list and
//! checks each entry against a mask of the area's subtree. Where each obligor stands on
//! each commitment (counting every assessment) is derived once, and the default scorecard
//! by party is tallied from it at load time.

mod assessments;
mod commitments;
mod deadline;
mod matrix;
mod party;
mod scorecard;
mod summits;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod proptests;

pub use assessments::AssessmentFilter;
pub use commitments::CommitmentQuery;
pub use deadline::{DUE_SOON_DAYS, DeadlineState, DeadlineStateKind};
pub(crate) use matrix::NOT_BOUND;
pub use matrix::{Agreement, Cell, Matrix, MatrixRow};
pub use party::PartyCommitment;
pub use scorecard::{By, Method, Scorecard, ScorecardQuery, ScorecardRow, StatusCounts};
pub use summits::{DocumentQuery, SummitQuery};

use crate::Error;
use crate::error::did_you_mean;
use crate::hash::HashMap;
use crate::model::{IdMaps, Records};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::iter::FusedIterator;

/// Indexes built once at load time.
///
/// Every list of positions is sorted ascending and free of duplicates. Lists per record are
/// indexed by the record's position in [`Records`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    /// Party position → commitments that bind it.
    pub(crate) commitments_by_party: Vec<Vec<u32>>,
    /// Area position → commitments listed under exactly that area.
    pub(crate) commitments_by_area: Vec<Vec<u32>>,
    /// Area position → its direct sub-areas.
    pub(crate) area_children: Vec<Vec<u32>>,
    /// Document position → its commitments.
    pub(crate) commitments_by_document: Vec<Vec<u32>>,
    /// Summit position → commitments in documents it adopted.
    pub(crate) commitments_by_summit: Vec<Vec<u32>>,
    /// Mechanism position → commitments in its documents.
    pub(crate) commitments_by_mechanism: Vec<Vec<u32>>,
    /// Kind (in `CommitmentKind::ALL` order) → commitments.
    pub(crate) commitments_by_kind: Vec<Vec<u32>>,
    /// Strength (in `Strength::ALL` order) → commitments.
    pub(crate) commitments_by_strength: Vec<Vec<u32>>,
    /// `(deadline last day, commitment)`, sorted.
    pub(crate) deadline_by_last: Vec<(NaiveDate, u32)>,
    /// `(deadline first day, commitment)`, sorted.
    pub(crate) deadline_by_first: Vec<(NaiveDate, u32)>,
    /// Commitment position → its document's position.
    pub(crate) commitment_document: Vec<Option<u32>>,
    /// Commitment position → where its area positions start in `commitment_areas`; one more
    /// entry ends the last.
    pub(crate) commitment_area_start: Vec<u32>,
    /// The positions of every commitment's areas (those that name an area), commitment by
    /// commitment: with a mask over areas, "is it listed under this subtree" is a few reads.
    pub(crate) commitment_areas: Vec<u32>,
    /// Commitment position → its deadline's first and last days, if it has a deadline.
    pub(crate) deadline_days: Vec<Option<(NaiveDate, NaiveDate)>>,
    /// Every word (maximal run of alphanumeric characters) of the lowercase texts and
    /// quotes, sorted, with the commitments whose text or quote holds it.
    pub(crate) words: Words,
    /// Commitment position → its assessments, oldest first (as-of, recorded, load order).
    pub(crate) assessments_by_commitment: Lists,
    /// Every rater named by an assessment, sorted.
    pub(crate) raters: Vec<Box<str>>,
    /// The last day any assessment was recorded on (the latest `recorded` date's last day).
    pub(crate) last_recorded: Option<NaiveDate>,
    /// Mechanism position → its summits.
    pub(crate) summits_by_mechanism: Vec<Vec<u32>>,
    /// Party position → summits it hosted or attended.
    pub(crate) summits_by_party: Vec<Vec<u32>>,
    /// Summit position → rank in (date, id) order.
    pub(crate) summit_rank: Vec<u32>,
    /// Mechanism position → its documents.
    pub(crate) documents_by_mechanism: Vec<Vec<u32>>,
    /// Summit position → the documents it adopted.
    pub(crate) documents_by_summit: Vec<Vec<u32>>,
    /// Party position → the documents it signed.
    pub(crate) documents_by_party: Vec<Vec<u32>>,
    /// Party position → the mechanisms it ever belonged to.
    pub(crate) mechanisms_by_party: Vec<Vec<u32>>,
    /// Party position → `(deadline last day, commitment)` for the commitments binding it that
    /// have a deadline, sorted: a deadline window for one party is a binary search in its
    /// own list.
    pub(crate) deadlines_by_party: Vec<Vec<(NaiveDate, u32)>>,
    /// Party position → one row for each commitment of `commitments_by_party` (same
    /// order): the party's first pair in that commitment and the commitment's document and
    /// deadline, side by side, so one party's commitments are read in one sequential pass.
    pub(crate) party_rows: Vec<Vec<PartyRow>>,
    /// Commitment position → where its pairs start in `pairs`; one more entry ends the last.
    pub(crate) pair_start: Vec<u32>,
    /// Every (commitment, obligor) pair, commitment by commitment in `obligor_parties` order,
    /// with where the obligor stands counting every assessment (any rater, whenever
    /// recorded): the default view, so queries without a rater or date need not re-derive it.
    pub(crate) pairs: Vec<Pair>,
    /// The default scorecard by party (every commitment, every assessment), tallied from
    /// `pairs` at load time: [`Dataset::scorecard`](crate::Dataset::scorecard) returns a copy
    /// instead of walking every pair.
    pub(crate) party_scorecard: Option<Scorecard>,
}

/// Lists of positions, one per record, in one allocation: list `i` is
/// `items[start[i]..start[i + 1]]`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lists {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Lists {
    /// `n` lists, item `i` of `slots` (in order) going to the list at its slot, if any.
    fn build(n: usize, slots: impl Iterator<Item = Option<u32>> + Clone) -> Lists {
        let mut start = vec![0u32; n + 1];
        for s in slots.clone().flatten() {
            if let Some(c) = start.get_mut(s as usize + 1) {
                *c += 1;
            }
        }
        let mut acc = 0;
        for c in &mut start {
            acc += *c;
            *c = acc;
        }
        let mut next = start.clone();
        let mut items = vec![0u32; start.last().copied().unwrap_or(0) as usize];
        for (i, s) in slots.enumerate() {
            let Some(at) = s.and_then(|s| next.get_mut(s as usize)) else {
                continue;
            };
            if let Some(slot) = items.get_mut(*at as usize) {
                *slot = i as u32;
            }
            *at += 1;
        }
        Lists { start, items }
    }

    /// The lists given, in order.
    fn from_lists(lists: Vec<Vec<u32>>) -> Lists {
        let mut start = Vec::with_capacity(lists.len() + 1);
        let mut items = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        start.push(0);
        for l in lists {
            items.extend(l);
            start.push(u32::try_from(items.len()).unwrap_or(u32::MAX));
        }
        Lists { start, items }
    }

    /// The list at `i`.
    pub(crate) fn get(&self, i: usize) -> Option<&[u32]> {
        let from = *self.start.get(i)? as usize;
        let to = *self.start.get(i + 1)? as usize;
        self.items.get(from..to)
    }

    /// Every list, to be reordered in place.
    fn lists_mut(&mut self) -> impl Iterator<Item = &mut [u32]> {
        let mut rest: &mut [u32] = &mut self.items;
        self.start.windows(2).map(move |w| {
            let len = match w {
                [a, b] => b.saturating_sub(*a) as usize,
                _ => 0,
            };
            let taken = std::mem::take(&mut rest);
            let (head, tail) = taken.split_at_mut(len.min(taken.len()));
            rest = tail;
            head
        })
    }
}

/// Where one obligor stands on one commitment, counting every assessment.
///
/// Twelve bytes: positions are kept as `u32` with `NONE` for none (there is one of
/// these per pair, 1.5 million at 100k commitments).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Pair {
    /// The obligor's party position, or `NONE`.
    party: u32,
    /// Its latest assessment, or `NONE`.
    latest: u32,
    /// Its current mark: that of its latest assessment that scores or says not applicable.
    pub(crate) mark: Option<crate::Mark>,
    /// Its current status: that of its latest assessment that rates one.
    pub(crate) status: Option<crate::Completion>,
    /// The assessment that gives it its mark, or `NONE`.
    marked_by: u32,
}

impl Pair {
    /// No position.
    const NONE: u32 = u32::MAX;

    /// A pair of the obligor at `party` with no assessment yet.
    fn new(party: Option<u32>) -> Pair {
        Pair {
            party: party.unwrap_or(Pair::NONE),
            latest: Pair::NONE,
            mark: None,
            status: None,
            marked_by: Pair::NONE,
        }
    }

    /// The position of the assessment that gives the pair its mark, if any.
    pub(crate) fn marked_by(&self) -> Option<u32> {
        Some(self.marked_by).filter(|&a| a != Pair::NONE)
    }

    /// The obligor's party position, if its id names a party.
    pub(crate) fn party(&self) -> Option<u32> {
        Some(self.party).filter(|&p| p != Pair::NONE)
    }

    /// Whether the obligor is the party at `p`.
    pub(crate) fn is_party(&self, p: u32) -> bool {
        self.party == p && p != Pair::NONE
    }

    /// The position of the obligor's latest assessment, if any.
    pub(crate) fn latest(&self) -> Option<u32> {
        Some(self.latest).filter(|&a| a != Pair::NONE)
    }
}

/// One party's standing on one commitment binding it, for
/// [`Dataset::party_commitments`](crate::Dataset::party_commitments): its first pair's
/// default view, with the commitment's document and deadline copied beside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PartyRow {
    /// The commitment's position.
    pub(crate) commitment: u32,
    /// The party's latest assessment, or `Pair::NONE`.
    latest: u32,
    /// The commitment's document position, or `Pair::NONE`.
    document: u32,
    /// The last day of the commitment's deadline, if it has one.
    pub(crate) last_day: Option<NaiveDate>,
    /// The party's current mark.
    pub(crate) mark: Option<crate::Mark>,
    /// The party's current status.
    pub(crate) status: Option<crate::Completion>,
}

impl PartyRow {
    /// The position of the party's latest assessment, if any.
    pub(crate) fn latest(&self) -> Option<u32> {
        Some(self.latest).filter(|&a| a != Pair::NONE)
    }

    /// The position of the commitment's document, if it is known.
    pub(crate) fn document(&self) -> Option<u32> {
        Some(self.document).filter(|&d| d != Pair::NONE)
    }
}

/// Every party's rows (see [`Index::party_rows`]), from the pairs, documents and deadlines
/// already in `ix`.
fn party_rows(ix: &Index) -> Vec<Vec<PartyRow>> {
    ix.commitments_by_party
        .iter()
        .enumerate()
        .map(|(p, commitments)| {
            let p = p as u32;
            let mut rows = Vec::with_capacity(commitments.len());
            for &c in commitments {
                // The party's first pair: the first obligor that is the party.
                let Some(pair) = ix.pairs_of(c).iter().find(|x| x.is_party(p)) else {
                    continue;
                };
                rows.push(PartyRow {
                    commitment: c,
                    latest: pair.latest,
                    document: ix
                        .commitment_document
                        .get(c as usize)
                        .copied()
                        .flatten()
                        .unwrap_or(Pair::NONE),
                    last_day: ix
                        .deadline_days
                        .get(c as usize)
                        .copied()
                        .flatten()
                        .map(|(_, last)| last),
                    mark: pair.mark,
                    status: pair.status,
                });
            }
            rows
        })
        .collect()
}

/// Appends `i` to the list at `slot` unless it is already its last element (positions are
/// pushed in ascending order, so this keeps lists sorted and free of duplicates).
fn push(lists: &mut [Vec<u32>], slot: Option<u32>, i: u32) {
    if let Some(list) = slot.and_then(|s| lists.get_mut(s as usize)) {
        if list.last() != Some(&i) {
            list.push(i);
        }
    }
}

fn pos(map: &HashMap<std::sync::Arc<str>, u32>, id: &str) -> Option<u32> {
    map.get(id).copied()
}

impl Index {
    pub(crate) fn build(r: &Records, ids: &IdMaps) -> Index {
        let lists = |n: usize| vec![Vec::new(); n];
        let mut ix = Index {
            commitments_by_party: lists(r.parties.len()),
            commitments_by_area: lists(r.areas.len()),
            area_children: lists(r.areas.len()),
            commitments_by_document: lists(r.documents.len()),
            commitments_by_summit: lists(r.summits.len()),
            commitments_by_mechanism: lists(r.mechanisms.len()),
            commitments_by_kind: lists(crate::CommitmentKind::ALL.len()),
            commitments_by_strength: lists(crate::Strength::ALL.len()),
            summits_by_mechanism: lists(r.mechanisms.len()),
            summits_by_party: lists(r.parties.len()),
            documents_by_mechanism: lists(r.mechanisms.len()),
            documents_by_summit: lists(r.summits.len()),
            documents_by_party: lists(r.parties.len()),
            mechanisms_by_party: lists(r.parties.len()),
            deadlines_by_party: vec![Vec::new(); r.parties.len()],
            commitment_area_start: Vec::with_capacity(r.commitments.len() + 1),
            commitment_document: Vec::with_capacity(r.commitments.len()),
            deadline_days: Vec::with_capacity(r.commitments.len()),
            ..Index::default()
        };

        for (i, a) in r.areas.iter().enumerate() {
            let parent = a.parent.as_ref().and_then(|p| pos(&ids.areas, p.as_str()));
            push(&mut ix.area_children, parent, i as u32);
        }

        for (i, c) in r.commitments.iter().enumerate() {
            let i = i as u32;
            for p in c.obligor_parties.iter() {
                push(
                    &mut ix.commitments_by_party,
                    pos(&ids.parties, p.as_str()),
                    i,
                );
            }
            ix.commitment_area_start
                .push(ix.commitment_areas.len() as u32);
            for a in c.areas.iter() {
                let a = pos(&ids.areas, a.as_str());
                push(&mut ix.commitments_by_area, a, i);
                ix.commitment_areas.extend(a);
            }
            let d = pos(&ids.documents, c.document.as_str());
            ix.commitment_document.push(d);
            push(&mut ix.commitments_by_document, d, i);
            if let Some(doc) = d.and_then(|d| r.documents.get(d as usize)) {
                let m = pos(&ids.mechanisms, doc.mechanism.as_str());
                push(&mut ix.commitments_by_mechanism, m, i);
                let s = doc
                    .summit
                    .as_ref()
                    .and_then(|s| pos(&ids.summits, s.as_str()));
                push(&mut ix.commitments_by_summit, s, i);
            }
            push(&mut ix.commitments_by_kind, Some(c.kind as u32), i);
            push(&mut ix.commitments_by_strength, Some(c.strength as u32), i);
            if let Some(dl) = &c.deadline {
                ix.deadline_by_last.push((dl.last(), i));
                ix.deadline_by_first.push((dl.first(), i));
            }
            ix.deadline_days
                .push(c.deadline.map(|dl| (dl.first(), dl.last())));
        }
        ix.commitment_area_start
            .push(ix.commitment_areas.len() as u32);
        ix.commitment_areas.shrink_to_fit();
        ix.deadline_by_last.sort_unstable();
        ix.deadline_by_first.sort_unstable();
        // Per party, in last-day order (`deadline_by_last` is sorted, so each list is).
        for &(day, c) in &ix.deadline_by_last {
            let Some(cm) = r.commitments.get(c as usize) else {
                continue;
            };
            let mut seen: Vec<u32> = Vec::with_capacity(cm.obligor_parties.len());
            for p in cm.obligor_parties.iter() {
                if let Some(p) = pos(&ids.parties, p.as_str()) {
                    if !seen.contains(&p) {
                        seen.push(p);
                        if let Some(list) = ix.deadlines_by_party.get_mut(p as usize) {
                            list.push((day, c));
                        }
                    }
                }
            }
        }
        ix.words = word_postings(&r.commitments);

        ix.assessments_by_commitment = Lists::build(
            r.commitments.len(),
            r.assessments
                .iter()
                .map(|a| pos(&ids.commitments, a.commitment.as_str())),
        );
        for list in ix.assessments_by_commitment.lists_mut() {
            // Oldest first; ties keep load order (the sort is stable).
            list.sort_by(|&x, &y| {
                match (r.assessments.get(x as usize), r.assessments.get(y as usize)) {
                    (Some(a), Some(b)) => a.as_of.cmp(&b.as_of).then(a.recorded.cmp(&b.recorded)),
                    _ => x.cmp(&y),
                }
            });
        }
        // The default view of every (commitment, obligor) pair, from the sorted histories.
        ix.pair_start.reserve_exact(r.commitments.len() + 1);
        ix.pairs
            .reserve_exact(r.commitments.iter().map(|c| c.obligor_parties.len()).sum());
        for (i, c) in r.commitments.iter().enumerate() {
            ix.pair_start.push(ix.pairs.len() as u32);
            let history = ix.assessments_by_commitment.get(i).unwrap_or(&[]);
            for p in c.obligor_parties.iter() {
                let party = pos(&ids.parties, p.as_str());
                let mut pair = Pair::new(party);
                for &a in history.iter().rev() {
                    let Some(x) = r.assessments.get(a as usize) else {
                        continue;
                    };
                    if x.party.as_str() != p.as_str() {
                        continue;
                    }
                    if pair.latest == Pair::NONE {
                        pair.latest = a;
                    }
                    if pair.mark.is_none() && x.mark().is_some() {
                        pair.mark = x.mark();
                        pair.marked_by = a;
                    }
                    pair.status = pair.status.or(x.status);
                    if pair.mark.is_some() && pair.status.is_some() {
                        break;
                    }
                }
                ix.pairs.push(pair);
            }
        }
        ix.pair_start.push(ix.pairs.len() as u32);
        ix.party_rows = party_rows(&ix);
        ix.party_scorecard = Some(scorecard::default_by_party(r, &ix));

        // Raters are few and each is named by many assessments: a set first, then sorted.
        let raters: crate::hash::HashSet<&str> = r.assessments.iter().map(|a| &*a.rater).collect();
        let mut raters: Vec<&str> = raters.into_iter().collect();
        raters.sort_unstable();
        ix.raters = raters.into_iter().map(Box::from).collect();
        ix.last_recorded = r.assessments.iter().map(|a| a.recorded.last()).max();

        for (i, s) in r.summits.iter().enumerate() {
            let i = i as u32;
            push(
                &mut ix.summits_by_mechanism,
                pos(&ids.mechanisms, s.mechanism.as_str()),
                i,
            );
            let mut parties: Vec<u32> = s
                .host
                .iter()
                .chain(s.participants.iter().map(|p| &p.party))
                .filter_map(|p| pos(&ids.parties, p.as_str()))
                .collect();
            parties.sort_unstable();
            parties.dedup();
            for p in parties {
                push(&mut ix.summits_by_party, Some(p), i);
            }
        }
        let mut order: Vec<u32> = (0..r.summits.len() as u32).collect();
        order.sort_by(
            |&x, &y| match (r.summits.get(x as usize), r.summits.get(y as usize)) {
                (Some(a), Some(b)) => a.date.cmp(&b.date).then(a.id.cmp(&b.id)),
                _ => x.cmp(&y),
            },
        );
        ix.summit_rank = vec![0; r.summits.len()];
        for (rank, s) in order.iter().enumerate() {
            if let Some(slot) = ix.summit_rank.get_mut(*s as usize) {
                *slot = rank as u32;
            }
        }

        for (i, d) in r.documents.iter().enumerate() {
            let i = i as u32;
            push(
                &mut ix.documents_by_mechanism,
                pos(&ids.mechanisms, d.mechanism.as_str()),
                i,
            );
            let s = d
                .summit
                .as_ref()
                .and_then(|s| pos(&ids.summits, s.as_str()));
            push(&mut ix.documents_by_summit, s, i);
            let mut parties: Vec<u32> = d
                .signatories
                .iter()
                .filter_map(|p| pos(&ids.parties, p.as_str()))
                .collect();
            parties.sort_unstable();
            parties.dedup();
            for p in parties {
                push(&mut ix.documents_by_party, Some(p), i);
            }
        }

        for (i, m) in r.mechanisms.iter().enumerate() {
            let mut parties: Vec<u32> = m
                .members
                .iter()
                .filter_map(|p| pos(&ids.parties, p.party.as_str()))
                .collect();
            parties.sort_unstable();
            parties.dedup();
            for p in parties {
                push(&mut ix.mechanisms_by_party, Some(p), i as u32);
            }
        }
        ix.shrink();
        ix
    }

    /// Frees the room the postings lists grew into (a list grown by pushes keeps up to half
    /// its capacity unused): 4.2 MB at 100k commitments. (The 100,000 short lists of
    /// `assessments_by_commitment` are left: 0.4 MB for most of the time.)
    fn shrink(&mut self) {
        for lists in [
            &mut self.commitments_by_party,
            &mut self.commitments_by_area,
            &mut self.commitments_by_document,
            &mut self.commitments_by_summit,
            &mut self.commitments_by_mechanism,
            &mut self.commitments_by_kind,
            &mut self.commitments_by_strength,
        ] {
            lists.iter_mut().for_each(Vec::shrink_to_fit);
        }
        self.deadlines_by_party
            .iter_mut()
            .for_each(Vec::shrink_to_fit);
        self.deadline_by_last.shrink_to_fit();
        self.deadline_by_first.shrink_to_fit();
    }

    /// The pairs of the commitment at `c`, in its `obligor_parties` order.
    pub(crate) fn pairs_of(&self, c: u32) -> &[Pair] {
        let start = self.pair_start.get(c as usize).copied().unwrap_or(0) as usize;
        let end = self.pair_start.get(c as usize + 1).copied().unwrap_or(0) as usize;
        self.pairs.get(start..end).unwrap_or(&[])
    }

    /// A mask over area positions: `true` for each of `areas`.
    pub(crate) fn area_mask(&self, areas: &[u32]) -> Vec<bool> {
        let mut mask = vec![false; self.area_children.len()];
        for &a in areas {
            if let Some(m) = mask.get_mut(a as usize) {
                *m = true;
            }
        }
        mask
    }

    /// Whether the commitment at `c` is listed under an area set in `mask`.
    pub(crate) fn listed_under(&self, c: u32, mask: &[bool]) -> bool {
        let start = self.commitment_area_start.get(c as usize).copied();
        let end = self.commitment_area_start.get(c as usize + 1).copied();
        let (Some(start), Some(end)) = (start, end) else {
            return false;
        };
        self.commitment_areas
            .get(start as usize..end as usize)
            .unwrap_or(&[])
            .iter()
            .any(|&a| mask.get(a as usize).copied().unwrap_or(false))
    }

    /// The positions of `area` and every area below it, through the parent links.
    pub(crate) fn area_subtree(&self, area: u32) -> Vec<u32> {
        let mut seen = vec![false; self.area_children.len()];
        let mut out = Vec::new();
        let mut stack = vec![area];
        while let Some(a) = stack.pop() {
            match seen.get_mut(a as usize) {
                Some(s) if !*s => *s = true,
                // Already visited (a cycle would be a load error) or out of range.
                _ => continue,
            }
            out.push(a);
            if let Some(children) = self.area_children.get(a as usize) {
                stack.extend(children.iter().copied());
            }
        }
        out
    }
}

/// The maximal runs of alphanumeric characters of a text.
pub(crate) fn word_pieces(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Postings of every word of the lowercase texts and quotes, sorted by word.
fn word_postings(commitments: &[crate::Commitment]) -> Words {
    let mut map: HashMap<Box<str>, Vec<u32>> = HashMap::default();
    for (i, c) in commitments.iter().enumerate() {
        let i = i as u32;
        let text = c.text.to_lowercase();
        let quote = c.quote.as_ref().map(|q| q.text.to_lowercase());
        for w in word_pieces(&text).chain(quote.iter().flat_map(|q| word_pieces(q))) {
            match map.get_mut(w) {
                Some(list) => {
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
                None => {
                    map.insert(w.into(), vec![i]);
                }
            }
        }
    }
    let mut words: Vec<(Box<str>, Vec<u32>)> = map.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = Words::default();
    let mut lists = Vec::with_capacity(words.len());
    for (w, l) in words {
        out.text.push_str(&w);
        out.ends
            .push(u32::try_from(out.text.len()).unwrap_or(u32::MAX));
        lists.push(l);
    }
    out.text.shrink_to_fit();
    out.postings = Lists::from_lists(lists);
    out
}

/// Words with their postings: the words written one after another in one string (scanned
/// in one pass of contiguous memory), the postings in one [`Lists`].
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    text: String,
    /// Where each word ends in `text` (it starts where the previous one ends).
    ends: Vec<u32>,
    postings: Lists,
}

impl Words {
    /// Every word, in order, with its postings.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &[u32])> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).enumerate().map(|(i, (from, &to))| {
            (
                self.text.get(from as usize..to as usize).unwrap_or(""),
                self.postings.get(i).unwrap_or(&[]),
            )
        })
    }
}

impl Index {
    /// The commitments whose lowercase text or quote may contain `needle` (lowercase): for
    /// each word piece of the needle, the union of the postings of every indexed word that
    /// contains it, intersected over the pieces. Every real match is among them, since a
    /// piece of the needle lies inside one word of any text that contains the needle.
    /// `None` when the needle has no alphanumeric character (no restriction).
    pub(crate) fn text_candidates(&self, needle: &str) -> Option<Vec<u32>> {
        let mut pieces: Vec<&str> = word_pieces(needle).collect();
        if pieces.is_empty() {
            return None;
        }
        pieces.sort_unstable();
        pieces.dedup();
        let lists: Vec<Cow<'_, [u32]>> = pieces
            .iter()
            .map(|piece| {
                let hits: Vec<&[u32]> = self
                    .words
                    .iter()
                    .filter(|(w, _)| w.contains(piece))
                    .map(|(_, l)| l)
                    .collect();
                match hits.as_slice() {
                    [one] => Cow::Borrowed(*one),
                    _ => Cow::Owned(union(&hits)),
                }
            })
            .collect();
        intersect_all(lists)
    }
}

/// Looks up an id in one of the id maps, or says it is unknown with a suggestion.
pub(crate) fn resolve(
    map: &HashMap<std::sync::Arc<str>, u32>,
    what: &'static str,
    id: &str,
) -> Result<u32, Error> {
    match map.get(id) {
        Some(&i) => Ok(i),
        None => Err(Error::unknown(
            what,
            id,
            did_you_mean(id, map.keys().map(|k| &**k)),
        )),
    }
}

/// Looks up a party id, folding ASCII case first (`KZ` is `kz`).
pub(crate) fn resolve_party(ids: &IdMaps, id: &str) -> Result<u32, Error> {
    resolve(&ids.parties, "party", &id.to_ascii_lowercase())
}

/// Whether the commitment's text or quote, lowercased with [`str::to_lowercase`], contains
/// `needle` (lowercase). No lowercase copies are kept: an ASCII text is compared in place,
/// any other is lowercased here.
pub(crate) fn text_matches(c: &crate::Commitment, needle: &str) -> bool {
    lower_contains(&c.text, needle)
        || c.quote
            .as_ref()
            .is_some_and(|q| lower_contains(&q.text, needle))
}

/// Whether `text.to_lowercase()` contains `needle` (lowercase). Most matches hold the
/// needle as it is: they are found first by a plain search (lowercasing leaves lowercase
/// characters as they are, and only a capital sigma looks at its neighbours). Otherwise an
/// ASCII text is searched ignoring ASCII case (its lowercase is its ASCII lowercase, byte
/// for byte), and another is lowercased.
fn lower_contains(text: &str, needle: &str) -> bool {
    if text.contains(needle) {
        return true;
    }
    if text.is_ascii() {
        ascii_lower_contains(text.as_bytes(), needle.as_bytes())
    } else {
        text.to_lowercase().contains(needle)
    }
}

/// Whether the ASCII `hay`, lowercased, contains `needle` (lowercase).
fn ascii_lower_contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let upper = first.to_ascii_uppercase();
    let mut from = 0;
    while let Some(p) = hay
        .get(from..)
        .and_then(|h| h.iter().position(|&b| b == first || b == upper))
    {
        let at = from + p + 1;
        match hay.get(at..at + rest.len()) {
            Some(w) if w.eq_ignore_ascii_case(rest) => return true,
            Some(_) => from = at,
            None => return false,
        }
    }
    false
}

/// The postings list at `i`, or an empty one.
pub(crate) fn list(lists: &[Vec<u32>], i: u32) -> Cow<'_, [u32]> {
    Cow::Borrowed(lists.get(i as usize).map_or(&[][..], Vec::as_slice))
}

/// The sorted union of several sorted lists.
pub(crate) fn union(lists: &[&[u32]]) -> Vec<u32> {
    let mut out: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The intersection of two sorted lists. When one is much longer, each element of the shorter
/// is found by a binary search that only moves forward, so the cost follows the shorter list.
pub(crate) fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(small.len());
    if large.len() / 8 > small.len() {
        let mut rest = large;
        for &x in small {
            match rest.binary_search(&x) {
                Ok(i) => {
                    out.push(x);
                    rest = rest.get(i + 1..).unwrap_or(&[]);
                }
                Err(i) => rest = rest.get(i..).unwrap_or(&[]),
            }
        }
    } else {
        let (mut i, mut j) = (0, 0);
        while let (Some(&x), Some(&y)) = (small.get(i), large.get(j)) {
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    out.push(x);
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    out
}

/// Intersects postings lists smallest first; `None` when there are no lists (no restriction).
pub(crate) fn intersect_all(mut lists: Vec<Cow<'_, [u32]>>) -> Option<Vec<u32>> {
    lists.sort_by_key(|l| l.len());
    let mut it = lists.into_iter();
    let mut acc = it.next()?.into_owned();
    for l in it {
        if acc.is_empty() {
            break;
        }
        acc = intersect(&acc, &l);
    }
    Some(acc)
}

/// Records selected by a query, in the order the query documents.
///
/// Holds the positions of the selected records and borrows the records from the dataset.
///
/// ```
/// use summitry::CommitmentQuery;
///
/// let ds = summitry::Dataset::bundled();
/// let found = ds.commitments_where(&CommitmentQuery::new().party("cn").area("education"))?;
/// let n = found.len(); // an exact size, known before iterating
/// assert_eq!(found.count(), n);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Matches<'a, T> {
    items: &'a [T],
    positions: std::vec::IntoIter<u32>,
}

impl<'a, T> Matches<'a, T> {
    pub(crate) fn new(items: &'a [T], positions: Vec<u32>) -> Self {
        Matches {
            items,
            positions: positions.into_iter(),
        }
    }

    /// The positions of the matches not yet taken.
    pub(crate) fn positions(&self) -> &[u32] {
        self.positions.as_slice()
    }
}

impl<'a, T> Iterator for Matches<'a, T> {
    type Item = &'a T;

    fn next(&mut self) -> Option<&'a T> {
        // Positions come from indexes over `items`, so the lookup always succeeds.
        self.positions.find_map(|i| self.items.get(i as usize))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.positions.size_hint()
    }
}

impl<T> DoubleEndedIterator for Matches<'_, T> {
    fn next_back(&mut self) -> Option<Self::Item> {
        while let Some(i) = self.positions.next_back() {
            if let Some(t) = self.items.get(i as usize) {
                return Some(t);
            }
        }
        None
    }
}

impl<T> ExactSizeIterator for Matches<'_, T> {}

impl<T> FusedIterator for Matches<'_, T> {}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn public_types_are_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<crate::CommitmentQuery>();
        check::<crate::SummitQuery>();
        check::<crate::DocumentQuery>();
        check::<crate::ScorecardQuery>();
        check::<crate::Scorecard>();
        check::<crate::AssessmentFilter>();
        check::<crate::DeadlineState>();
        check::<crate::PartyCommitment<'static>>();
        check::<Matches<'static, crate::Commitment>>();
        check::<crate::render::ReportOptions>();
    }

    #[test]
    fn compact_index_entries() {
        // One `Pair` per (commitment, obligor): 1.5 million at 100k commitments.
        assert_eq!(std::mem::size_of::<Pair>(), 16);
        assert_eq!(std::mem::size_of::<Option<(NaiveDate, NaiveDate)>>(), 8);
        let p = Pair::new(Some(3));
        assert_eq!((p.party(), p.latest()), (Some(3), None));
        assert!(p.is_party(3) && !p.is_party(Pair::NONE));
        assert_eq!(Pair::new(None).party(), None);
        assert_eq!(p.marked_by(), None);
        // The fixture's c1 (position 1) for cn: g20 scored +1 in 2024-06, ogp 0 in 2024-09
        // (assessment position 5): ogp's decides the mark.
        let ds = fixture::dataset();
        let cn = ds.index.pairs_of(1).first().unwrap();
        assert_eq!(cn.marked_by(), Some(5));
        assert_eq!(ds.assessments()[5].rater.as_ref(), "ogp");
    }

    #[test]
    fn intersections() {
        let big: Vec<u32> = (0..1000).collect();
        assert_eq!(intersect(&[3, 500, 999, 2000], &big), vec![3, 500, 999]);
        // A match at the very start of what is left, then one further on.
        assert_eq!(intersect(&[0, 1, 900], &big), vec![0, 1, 900]);
        assert_eq!(intersect(&[1, 2, 3], &[2, 3, 4]), vec![2, 3]);
        assert_eq!(
            intersect_all(vec![
                Cow::Borrowed(&big[..]),
                Cow::Owned(vec![5, 7]),
                Cow::Owned(vec![7])
            ]),
            Some(vec![7])
        );
        assert_eq!(intersect_all(vec![]), None);
        assert_eq!(union(&[&[1, 5], &[2, 5, 9]]), vec![1, 2, 5, 9]);
    }
}

#[cfg(test)]
mod lower_tests {
    use super::lower_contains;

    #[test]
    fn lower_contains_is_contains_of_the_lowercase() {
        let texts = [
            "The Parties will build Supply Chains.",
            "supply chains",
            "SUPPLY",
            "",
            "Стороны ПРОФИНАНСИРУЮТ проекты",
            "ΟΔΟΣ Σ",
            "a\u{130}b",
        ];
        let needles = [
            "",
            "s",
            "supply chains",
            "supply  chains",
            "chains.",
            "профинансируют",
            "ς",
            "σ",
            "i\u{307}",
            "y c",
            "x",
        ];
        for t in texts {
            for n in needles {
                assert_eq!(
                    lower_contains(t, n),
                    t.to_lowercase().contains(n),
                    "{t:?} {n:?}"
                );
            }
        }
    }
}
