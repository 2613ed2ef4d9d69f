//! Host rotation: who holds each turn under a [`HostRule`].

use crate::{Dataset, HostRule, LangTag, PartyId};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use std::cmp::Ordering;

/// The outcome of one turn under the rule.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct RuleTurn {
    /// The host the rule gives, if it can decide.
    pub host: Option<PartyId>,
    /// When it cannot: who may host, sorted by id.
    pub candidates: Vec<PartyId>,
}

impl RuleTurn {
    pub(crate) fn undecided(members: &[&PartyId], without: Option<&PartyId>) -> RuleTurn {
        let mut candidates: Vec<PartyId> = members
            .iter()
            .filter(|p| Some(**p) != without)
            .map(|p| (*p).clone())
            .collect();
        candidates.sort();
        candidates.dedup();
        RuleTurn {
            host: None,
            candidates,
        }
    }

    fn decided(host: &PartyId) -> RuleTurn {
        RuleTurn {
            host: Some(host.clone()),
            candidates: Vec::new(),
        }
    }
}

/// What a turn needs to know about its edition.
pub(crate) struct TurnCtx<'a> {
    pub ds: &'a Dataset,
    /// The members at the date of the turn, in data order.
    pub members: &'a [&'a PartyId],
}

/// The rotation state of a rule: for cyclic rules, the previous holder's position.
pub(crate) enum Rotor<'a> {
    None,
    Fixed(&'a PartyId),
    Ordered {
        list: &'a [PartyId],
        /// The position of the first turn's holder, when the rule names it.
        start: Option<usize>,
        /// The previous holder's position.
        last: Option<usize>,
        /// The previous holder's position before the latest turn (for a re-sync).
        before: Option<usize>,
    },
    Alphabetical {
        lang: &'a LangTag,
        among: Option<&'a [PartyId]>,
        except: &'a [PartyId],
        /// `None` only if no collation data could be loaded at all: names then compare by
        /// code point.
        collator: Option<CollatorBorrowed<'static>>,
        /// The holder of the first turn, when the rule names it.
        start: Option<&'a PartyId>,
        /// The previous holder's name and id: its position survives its leaving.
        last: Option<(String, PartyId)>,
    },
    Alternate(Vec<Rotor<'a>>),
}

/// A collator for a language, created once per projection. Falls back to the root
/// collation when the tag has no data of its own.
fn collator_for(lang: &LangTag) -> Option<CollatorBorrowed<'static>> {
    let prefs = match icu_locale_core::Locale::try_from_str(lang.as_str()) {
        Ok(locale) => CollatorPreferences::from(&locale),
        Err(_) => CollatorPreferences::default(),
    };
    Collator::try_new(prefs, CollatorOptions::default())
        .ok()
        .or_else(|| {
            Collator::try_new(CollatorPreferences::default(), CollatorOptions::default()).ok()
        })
}

/// The first position strictly after the previous holder, wrapping to the first.
fn next_position<T>(items: &[T], after_last: impl Fn(&T) -> bool) -> usize {
    items.iter().position(after_last).unwrap_or(0)
}

impl<'a> Rotor<'a> {
    pub(crate) fn new(rule: &'a HostRule) -> Rotor<'a> {
        match rule {
            HostRule::None => Rotor::None,
            HostRule::Fixed(p) => Rotor::Fixed(p),
            HostRule::Ordered { list, start } => Rotor::Ordered {
                list,
                start: start
                    .as_ref()
                    .and_then(|s| list.iter().position(|p| p == s)),
                last: None,
                before: None,
            },
            HostRule::Alphabetical {
                lang,
                among,
                except,
                start,
            } => Rotor::Alphabetical {
                lang,
                among: among.as_deref(),
                except,
                collator: collator_for(lang),
                start: start.as_ref(),
                last: None,
            },
            HostRule::Alternate(sides) => Rotor::Alternate(sides.iter().map(Rotor::new).collect()),
        }
    }

    /// The positions of the list held by members, in rotation order, each with its
    /// position: a party listed twice holds two positions.
    fn ordered_candidates(&self, ctx: &TurnCtx<'_>) -> Vec<(PartyId, usize)> {
        let Rotor::Ordered { list, .. } = self else {
            return Vec::new();
        };
        list.iter()
            .enumerate()
            .filter(|(_, p)| ctx.members.contains(p))
            .map(|(i, p)| (p.clone(), i))
            .collect()
    }

    fn alphabetical_candidates(&self, ctx: &TurnCtx<'_>) -> Vec<(String, PartyId)> {
        let Rotor::Alphabetical {
            lang,
            among,
            except,
            collator,
            ..
        } = self
        else {
            return Vec::new();
        };
        let mut out: Vec<(String, PartyId)> = Vec::new();
        for p in ctx.members {
            let eligible = among.is_none_or(|a| a.contains(p)) && !except.contains(p);
            if eligible && !out.iter().any(|(_, q)| q == *p) {
                let name = ctx
                    .ds
                    .party(p.as_str())
                    .and_then(|party| {
                        party
                            .name
                            .get_exact(lang.as_str())
                            .or_else(|| party.name.get(lang.as_str()))
                    })
                    .unwrap_or(p.as_str());
                out.push((name.to_owned(), (*p).clone()));
            }
        }
        out.sort_by(|a, b| compare_names(collator.as_ref(), a, b));
        out
    }

    /// The turn of the `idx`-th edition counted from the anchor (`idx` may be negative
    /// before it). With `skip`, the party whose turn it is gives it up.
    pub(crate) fn turn(&mut self, idx: i64, ctx: &TurnCtx<'_>, skip: bool) -> RuleTurn {
        match self {
            Rotor::None => RuleTurn::undecided(ctx.members, None),
            Rotor::Fixed(p) => {
                if !ctx.members.contains(p) {
                    RuleTurn::undecided(ctx.members, None)
                } else if skip {
                    RuleTurn::undecided(ctx.members, Some(p))
                } else {
                    RuleTurn::decided(p)
                }
            }
            Rotor::Ordered { .. } => {
                let cands = self.ordered_candidates(ctx);
                let Rotor::Ordered {
                    last,
                    before,
                    start,
                    ..
                } = self
                else {
                    return RuleTurn::undecided(ctx.members, None);
                };
                let prev = *last;
                *before = prev;
                let i = match (prev, *start) {
                    // The first turn goes to the named holder (or the next position held
                    // by a member).
                    (None, Some(s)) => next_position(&cands, |(_, i)| *i >= s),
                    _ => next_position(&cands, |(_, i)| prev.is_none_or(|l| *i > l)),
                };
                let Some((holder, key)) = cands.get(i) else {
                    return RuleTurn::undecided(ctx.members, None);
                };
                if !skip {
                    *last = Some(*key);
                    return RuleTurn::decided(holder);
                }
                // The turn passes to the next position held by another party.
                let n = cands.len();
                let taker = (1..n)
                    .filter_map(|k| cands.get((i + k) % n))
                    .find(|(p, _)| p != holder);
                match taker {
                    Some((taker, k)) => {
                        *last = Some(*k);
                        RuleTurn::decided(taker)
                    }
                    None => {
                        *last = Some(*key);
                        RuleTurn::undecided(ctx.members, Some(holder))
                    }
                }
            }
            Rotor::Alphabetical { .. } => {
                let start = self.start_entry(ctx);
                let cands = self.alphabetical_candidates(ctx);
                let Rotor::Alphabetical { collator, last, .. } = self else {
                    return RuleTurn::undecided(ctx.members, None);
                };
                let col = collator.as_ref();
                let pick = |from: Option<&(String, PartyId)>| {
                    next_position(&cands, |c| {
                        from.is_none_or(|l| compare_names(col, c, l) == Ordering::Greater)
                    })
                };
                let i = match (&last, &start) {
                    // The first turn goes to the named holder, or the first name after
                    // it when it cannot hold the turn.
                    (None, Some(s)) => {
                        next_position(&cands, |c| compare_names(col, c, s) != Ordering::Less)
                    }
                    _ => pick(last.as_ref()),
                };
                let Some(holder) = cands.get(i) else {
                    return RuleTurn::undecided(ctx.members, None);
                };
                if !skip {
                    *last = Some(holder.clone());
                    return RuleTurn::decided(&holder.1);
                }
                let j = pick(Some(holder));
                match cands.get(j) {
                    Some(taker) if j != i => {
                        *last = Some(taker.clone());
                        RuleTurn::decided(&taker.1)
                    }
                    _ => {
                        *last = Some(holder.clone());
                        RuleTurn::undecided(ctx.members, Some(&holder.1))
                    }
                }
            }
            Rotor::Alternate(sides) => {
                let n = i64::try_from(sides.len()).unwrap_or(i64::MAX);
                if n == 0 {
                    return RuleTurn::undecided(ctx.members, None);
                }
                let side = usize::try_from(idx.rem_euclid(n)).ok();
                match side.and_then(|s| sides.get_mut(s)) {
                    Some(r) => r.turn(idx.div_euclid(n), ctx, skip),
                    None => RuleTurn::undecided(ctx.members, None),
                }
            }
        }
    }

    /// Re-syncs the rotation of the `idx`-th turn to its actual host, when the host is one
    /// of that turn's candidates: later turns continue after it.
    pub(crate) fn resync(&mut self, idx: i64, host: &PartyId, ctx: &TurnCtx<'_>) {
        match self {
            Rotor::None | Rotor::Fixed(_) => {}
            Rotor::Ordered { .. } => {
                let cands = self.ordered_candidates(ctx);
                let Rotor::Ordered { last, before, .. } = self else {
                    return;
                };
                // The host's first position after the previous holder's, wrapping.
                let after = *before;
                let found = cands
                    .iter()
                    .find(|(p, i)| p == host && after.is_none_or(|b| *i > b))
                    .or_else(|| cands.iter().find(|(p, _)| p == host));
                if let Some((_, k)) = found {
                    *last = Some(*k);
                }
            }
            Rotor::Alphabetical { .. } => {
                let cands = self.alphabetical_candidates(ctx);
                if let (Some(c), Rotor::Alphabetical { last, .. }) =
                    (cands.iter().find(|(_, p)| p == host), self)
                {
                    *last = Some(c.clone());
                }
            }
            Rotor::Alternate(sides) => {
                let n = i64::try_from(sides.len()).unwrap_or(i64::MAX);
                if n == 0 {
                    return;
                }
                let side = usize::try_from(idx.rem_euclid(n)).ok();
                if let Some(r) = side.and_then(|s| sides.get_mut(s)) {
                    r.resync(idx.div_euclid(n), host, ctx);
                }
            }
        }
    }
}

impl Rotor<'_> {
    /// The name and id of an alphabetical rule's first holder, in the rule's language.
    fn start_entry(&self, ctx: &TurnCtx<'_>) -> Option<(String, PartyId)> {
        let Rotor::Alphabetical {
            lang,
            start: Some(p),
            last: None,
            ..
        } = self
        else {
            return None;
        };
        let name = ctx
            .ds
            .party(p.as_str())
            .and_then(|party| {
                party
                    .name
                    .get_exact(lang.as_str())
                    .or_else(|| party.name.get(lang.as_str()))
            })
            .unwrap_or(p.as_str());
        Some((name.to_owned(), (*p).clone()))
    }
}

/// Orders two named parties by name under the collator, then by id so the order is total.
fn compare_names(
    collator: Option<&CollatorBorrowed<'static>>,
    a: &(String, PartyId),
    b: &(String, PartyId),
) -> Ordering {
    let by_name = match collator {
        Some(c) => c.compare(&a.0, &b.0),
        None => a.0.cmp(&b.0),
    };
    by_name.then_with(|| a.1.cmp(&b.1))
}
