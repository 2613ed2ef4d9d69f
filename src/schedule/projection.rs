//! Projection: the iterator of editions.

use super::cadence::CadenceWalker;
use super::rotation::{Rotor, RuleTurn, TurnCtx};
use super::{AnchorKind, Basis, Claim, ClaimField, EditionStatus, ProjectedEdition};
use crate::{
    Confidence, Dataset, Decision, Edition, Exception, ExceptionKind, Mechanism, PartialDate,
    PartyId, Schedule, ScheduleKind, SourceId, Summit, SummitStatus,
};
use std::collections::{BTreeMap, HashMap, VecDeque};

/// The editions of a mechanism in order, from [`Dataset::schedule`].
///
/// Ends quietly when projected dates leave the supported years (see
/// [`MAX_YEAR`](crate::MAX_YEAR)) or ordinals run out; never panics.
///
/// # Semantics
///
/// - **Cadence, meetings** ([`ScheduleKind::Meetings`], the default). Edition
///   `first_edition` falls on `first`; each later edition is due one period after the date
///   of the edition before it as it stands: held (a summit record), decided (a confirmed
///   decision or planned summit) or postponed, else projected. A slip thus moves every later
///   edition, and no projected edition falls on or before an earlier held or decided one. A
///   cadence that speaks in years (`first` a year, the period whole years) projects years;
///   otherwise months (counted from the month of the previous date's last day), never a day.
///   A [`CadenceChange`](crate::CadenceChange) puts an edition at its `from` date when the
///   projection reaches it and continues with the new period; when an edition slipped past
///   it, the new period applies from that edition on. Each projected date says what it is
///   counted from ([`Anchor`](super::Anchor)). Without a cadence, dates come only from
///   summits, decisions and exceptions.
/// - **Cadence, terms** ([`ScheduleKind::Terms`]). Edition `k` is the `k`-th calendar term
///   ([`Cadence::term`](crate::Cadence::term)): its date is the term, whatever the records
///   say about meetings within it, and terms never drift.
/// - **Hosts.** Cyclic rules (`ordered`, `alphabetical`) remember the previous holder of
///   their turn and give the turn to the first candidate strictly after it, among the members
///   at the date of the turn, wrapping around; joiners and leavers change the order from their
///   dates without restarting the cycle. An `ordered` list is a list of positions: a party
///   listed twice holds two turns per cycle. The first turn goes to the rule's `start` (or,
///   when it cannot hold it, the next candidate after it), else to the first position or name.
///   In an `alternate`, turn `t` belongs to side `t mod sides`, and each side keeps its own
///   rotation; turns are counted from the anchor edition. A held edition, or one decided by a
///   confirmed summit record or decision, re-syncs its side's rotation to the actual host
///   when that host is one of the side's candidates (for a repeated party, its first position
///   after the previous holder's), unless a `replace` or `swap` exception covers the edition.
///   Editions whose date starts after the rule's `until` have no rule: the members are the
///   candidates and the provenance says the rule ended.
/// - **Hostless editions.** A held edition with no host keeps none (no candidates are
///   guessed). It uses up a turn only when the schedule says `hostless-uses-turn`.
/// - **Priority.** For the date: a summit record (held, cancelled, or planned with confirmed
///   confidence), then a `postpone` exception, then a confirmed decision, then the cadence. For
///   the host: the summit record, then a `replace` exception, then a confirmed decision, then
///   a `swap` (the partner's host in the un-swapped sequence), then the rule. Reported
///   decisions and reported planned summits never make an edition `decided`. Among several
///   confirmed decisions on one edition the latest (by `decided`, else its earliest source's
///   date) gives each field; likewise the latest `postpone` or `replace`. Reported ones are
///   listed in the provenance as corroborating or contradicting the projection, and fill a field
///   only when nothing else gives it a value (the claim then says it is a report).
/// - **Exceptions.** `skip`: the turn passes to the next candidate, who becomes the previous
///   holder for later turns (so later turns move up by one). `swap`: the two editions exchange
///   the hosts of the un-swapped sequence. `replace`: another host; the rotation continues as
///   if the original holder had held it. `postpone`: a new date, same ordinal; for meetings,
///   later editions follow it. `cancel`: status cancelled; the turn is used up.
/// - **Special editions** (summits with [`Edition::Special`](crate::Edition)) appear in date
///   order with no ordinal and never consume a turn.
/// - **Members at a turn** are those on the edition's date ([`Membership::covers`](crate::Membership::covers));
///   an undated edition uses the last known date before it (or, with none, the current
///   members). `ordered` lists are filtered to the members; a `fixed` host who is not a member
///   leaves the host undecided; a `skip` on a `fixed` side leaves it undecided too.
/// - **Unknown hosts.** When the rule cannot decide (no rule, or nobody eligible), the host
///   is `None` and `candidates` lists the members on that date, sorted by id.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let mut it = ds.schedule("china-central-asia")?;
/// let held = it.by_ref().take_while(|e| e.status == summitry::EditionStatus::Held).count();
/// assert_eq!(held, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ScheduleIter<'a> {
    ds: &'a Dataset,
    mechanism: &'a Mechanism,
    schedule: Option<&'a Schedule>,
    summits: BTreeMap<u32, Vec<&'a Summit>>,
    specials: VecDeque<&'a Summit>,
    decisions: BTreeMap<u32, Vec<&'a Decision>>,
    exceptions: BTreeMap<u32, Vec<&'a Exception>>,
    swaps: HashMap<u32, u32>,
    /// The highest ordinal any record speaks about: beyond it, without a cadence, nothing
    /// is dated.
    last_informed: u32,
    walker: Option<CadenceWalker<'a>>,
    rotor: Rotor<'a>,
    /// The index of the next turn of the host rule, counted from the anchor edition (turns
    /// not used by hostless editions or after the rule's end are not counted).
    turn: i64,
    /// The next ordinal to prepare; `None` once the regular editions ended.
    next_prepare: Option<u32>,
    /// The next ordinal to emit.
    next_emit: u32,
    prepared: BTreeMap<u32, Prepared<'a>>,
    /// Rule turns of editions swapped with a later one, kept until the later one is out.
    kept_turns: HashMap<u32, RuleTurn>,
    last_date: Option<PartialDate>,
    pending: Option<ProjectedEdition>,
    regular_done: bool,
}

/// Everything about one regular edition that does not depend on swaps.
struct Prepared<'a> {
    date: Option<PartialDate>,
    date_claims: Vec<Claim>,
    primary: Option<&'a Summit>,
    reported_summits: Vec<&'a Summit>,
    /// The latest confirmed decision.
    decision: Option<&'a Decision>,
    /// The latest confirmed decision that names a host.
    host_decision: Option<&'a Decision>,
    reported_decisions: Vec<&'a Decision>,
    exceptions: Vec<&'a Exception>,
    turn: RuleTurn,
    /// Held with no host: it keeps none.
    hostless: bool,
    /// After the end of the host rule.
    ended: bool,
}

impl std::fmt::Debug for ScheduleIter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScheduleIter")
            .field("mechanism", &self.mechanism.id)
            .field("next", &self.next_emit)
            .finish_non_exhaustive()
    }
}

fn is_reported_plan(s: &Summit) -> bool {
    s.confidence == Confidence::Reported
        && matches!(s.status, SummitStatus::Planned | SummitStatus::Postponed)
}

/// When a decision or exception was taken: its `decided` date, else the earliest date
/// of its sources.
pub(crate) fn taken(
    ds: &Dataset,
    decided: Option<PartialDate>,
    sources: &[SourceId],
) -> Option<PartialDate> {
    decided.or_else(|| {
        sources
            .iter()
            .filter_map(|s| ds.source(s.as_str()).and_then(|s| s.date))
            .min_by_key(PartialDate::first_day)
    })
}

/// Sorts items by when they were taken, undated ones first, keeping data order among
/// equals: the last one is the latest. (`summitry check` rejects disagreeing items that
/// cannot be ordered.)
fn by_taken<T>(
    ds: &Dataset,
    items: &mut [&T],
    when: impl Fn(&T) -> (Option<PartialDate>, &[SourceId]),
) {
    items.sort_by_cached_key(|x| {
        let (d, s) = when(x);
        taken(ds, d, s).map(|d| d.first_day())
    });
}

fn members_at<'a>(m: &'a Mechanism, date: Option<&PartialDate>) -> Vec<&'a PartyId> {
    match date {
        Some(d) => m
            .members
            .iter()
            .filter(|x| x.covers(d))
            .map(|x| &x.party)
            .collect(),
        // No date known at all: the current members.
        None => m
            .members
            .iter()
            .filter(|x| x.until.is_none())
            .map(|x| &x.party)
            .collect(),
    }
}

fn sorted_members(m: &Mechanism, date: Option<&PartialDate>) -> Vec<PartyId> {
    let mut v: Vec<PartyId> = members_at(m, date).into_iter().cloned().collect();
    v.sort();
    v.dedup();
    v
}

fn claim(field: ClaimField, basis: Basis) -> Claim {
    Claim { field, basis }
}

fn summit_basis(s: &Summit) -> Basis {
    Basis::Summit {
        summit: s.id.clone(),
        sources: s.sources.clone(),
    }
}

fn decision_basis(d: &Decision) -> Basis {
    Basis::Decision {
        document: d.document.clone(),
        sources: d.sources.clone(),
    }
}

fn exception_basis(e: &Exception) -> Basis {
    Basis::Exception {
        exception: e.kind.clone(),
        sources: e.sources.clone(),
    }
}

fn report_of_summit(s: &Summit, agrees: Option<bool>) -> Basis {
    Basis::Report {
        summit: Some(s.id.clone()),
        document: None,
        sources: s.sources.clone(),
        agrees,
    }
}

fn report_of_decision(d: &Decision, agrees: Option<bool>) -> Basis {
    Basis::Report {
        summit: None,
        document: d.document.clone(),
        sources: d.sources.clone(),
        agrees,
    }
}

impl<'a> ScheduleIter<'a> {
    pub(crate) fn new(ds: &'a Dataset, mechanism: &'a Mechanism) -> Self {
        let schedule = mechanism.schedule.as_ref();
        let mut summits: BTreeMap<u32, Vec<&Summit>> = BTreeMap::new();
        let mut specials: Vec<&Summit> = Vec::new();
        for s in ds.summits().iter().filter(|s| s.mechanism == mechanism.id) {
            match s.edition {
                Edition::Ordinal(n) => summits.entry(n).or_default().push(s),
                Edition::Special => specials.push(s),
            }
        }
        specials.sort_by_key(|s| s.date);
        let mut decisions: BTreeMap<u32, Vec<&Decision>> = BTreeMap::new();
        let mut exceptions: BTreeMap<u32, Vec<&Exception>> = BTreeMap::new();
        let mut swaps = HashMap::new();
        if let Some(sch) = schedule {
            for d in &sch.decisions {
                decisions.entry(d.edition).or_default().push(d);
            }
            for list in decisions.values_mut() {
                by_taken(ds, list, |d: &Decision| (d.decided, &d.sources));
            }
            for e in &sch.exceptions {
                exceptions.entry(e.edition).or_default().push(e);
                if let ExceptionKind::Swap { with } = e.kind {
                    if with != e.edition
                        && !swaps.contains_key(&e.edition)
                        && !swaps.contains_key(&with)
                    {
                        swaps.insert(e.edition, with);
                        swaps.insert(with, e.edition);
                    }
                }
            }
        }
        for list in exceptions.values_mut() {
            by_taken(ds, list, |e: &Exception| (e.decided, &e.sources));
        }
        let cadence = schedule.and_then(|s| s.cadence.as_ref());
        let kind = schedule.map_or(ScheduleKind::Meetings, |s| s.kind);
        let known = summits
            .keys()
            .chain(decisions.keys())
            .chain(exceptions.keys())
            .chain(swaps.keys())
            .copied();
        let first = known
            .clone()
            .chain(cadence.map(|c| c.first_edition))
            .min()
            .unwrap_or(1)
            .max(1);
        let last_informed = known.max().unwrap_or(0);
        let rotor = match schedule {
            Some(s) => Rotor::new(&s.hosts),
            None => Rotor::None,
        };
        ScheduleIter {
            ds,
            mechanism,
            schedule,
            summits,
            specials: specials.into(),
            decisions,
            exceptions,
            swaps,
            last_informed,
            walker: cadence.map(|c| CadenceWalker::new(c, kind)),
            rotor,
            turn: i64::from(first) - i64::from(cadence.map_or(1, |c| c.first_edition)),
            next_prepare: Some(first),
            next_emit: first,
            prepared: BTreeMap::new(),
            kept_turns: HashMap::new(),
            last_date: None,
            pending: None,
            regular_done: false,
        }
    }

    /// Meetings or terms.
    pub(crate) fn kind(&self) -> ScheduleKind {
        self.schedule.map_or(ScheduleKind::Meetings, |s| s.kind)
    }

    /// Whether any record (summit, decision, exception) speaks about editions after `n`.
    pub(crate) fn informed_after(&self, n: u32) -> bool {
        self.last_informed > n || self.walker.is_some()
    }

    fn rule_sources(&self) -> Vec<SourceId> {
        self.schedule.map(|s| s.sources.clone()).unwrap_or_default()
    }

    /// Prepares editions up to and including `n`; false when the schedule ends before.
    fn prepare_through(&mut self, n: u32) -> bool {
        while let Some(k) = self.next_prepare {
            if k > n {
                return true;
            }
            match self.prepare(k) {
                Some(p) => {
                    self.prepared.insert(k, p);
                    self.next_prepare = k.checked_add(1);
                }
                None => self.next_prepare = None,
            }
        }
        self.prepared.contains_key(&n)
    }

    fn prepare(&mut self, n: u32) -> Option<Prepared<'a>> {
        let summits = self.summits.get(&n).map(Vec::as_slice).unwrap_or_default();
        let primary = summits
            .iter()
            .find(|s| s.status == SummitStatus::Held)
            .or_else(|| summits.iter().find(|s| !is_reported_plan(s)))
            .copied();
        let reported_summits: Vec<&Summit> = summits
            .iter()
            .filter(|s| is_reported_plan(s))
            .copied()
            .collect();
        let decisions = self
            .decisions
            .get(&n)
            .map(Vec::as_slice)
            .unwrap_or_default();
        // Decisions are in the order they were taken: the latest wins, field by field.
        let confirmed = || {
            decisions
                .iter()
                .rev()
                .filter(|d| d.confidence == Confidence::Confirmed)
        };
        let decision = confirmed().next().copied();
        let date_decision = confirmed().find(|d| d.date.is_some()).copied();
        let host_decision = confirmed().find(|d| d.host.is_some()).copied();
        let reported_decisions: Vec<&Decision> = decisions
            .iter()
            .filter(|d| d.confidence == Confidence::Reported)
            .copied()
            .collect();
        let exceptions: Vec<&Exception> = self.exceptions.get(&n).cloned().unwrap_or_default();
        let postpone = exceptions.iter().rev().find_map(|e| match &e.kind {
            ExceptionKind::Postpone { date } => Some((*date, *e)),
            _ => None,
        });
        let skip = exceptions
            .iter()
            .any(|e| matches!(e.kind, ExceptionKind::Skip));
        let replaced = exceptions
            .iter()
            .any(|e| matches!(e.kind, ExceptionKind::Replace { .. }));
        let terms = self.kind() == ScheduleKind::Terms;

        // The cadence date is computed for every edition so the walker stays in step.
        let projected = match self.walker.as_mut() {
            Some(w) => Some(w.date_of(n)?),
            None => None,
        };

        let mut date_claims = Vec::new();
        let rule_date = |this: &Self, date_claims: &mut Vec<Claim>| {
            projected.clone().map(|(d, change_sources, anchor)| {
                let mut sources = this.rule_sources();
                sources.extend(change_sources.unwrap_or_default().iter().cloned());
                date_claims.push(claim(ClaimField::Date, Basis::Rule { sources, anchor }));
                d
            })
        };
        let (date, settled) = if terms && projected.is_some() {
            // A term is its own date: records do not move it.
            (rule_date(self, &mut date_claims), None)
        } else if let Some(s) = primary {
            date_claims.push(claim(ClaimField::Date, summit_basis(s)));
            let how = match s.status {
                SummitStatus::Held => Some(AnchorKind::Held),
                SummitStatus::Planned | SummitStatus::Postponed => Some(AnchorKind::Decided),
                SummitStatus::Cancelled => None,
            };
            (Some(s.date), how)
        } else if let Some((d, e)) = postpone {
            date_claims.push(claim(ClaimField::Date, exception_basis(e)));
            (Some(d), Some(AnchorKind::Postponed))
        } else if let Some((d, dec)) = date_decision.and_then(|d| d.date.map(|x| (x, d))) {
            date_claims.push(claim(ClaimField::Date, decision_basis(dec)));
            (Some(d), Some(AnchorKind::Decided))
        } else {
            (rule_date(self, &mut date_claims), None)
        };
        if let (Some(d), Some(how), Some(w)) = (date, settled, self.walker.as_mut()) {
            w.settle(n, d, how);
        }
        // Reports: corroborating or contradicting; they fill the date only when nothing
        // else gives one.
        let mut date = date;
        for s in &reported_summits {
            let agrees = date.map(|d| d.relation(&s.date) == crate::DateRelation::Overlapping);
            date_claims.push(claim(ClaimField::Date, report_of_summit(s, agrees)));
            date = date.or(Some(s.date));
        }
        for d in &reported_decisions {
            if let Some(rd) = d.date {
                let agrees = date.map(|x| x.relation(&rd) == crate::DateRelation::Overlapping);
                date_claims.push(claim(ClaimField::Date, report_of_decision(d, agrees)));
                date = date.or(Some(rd));
            }
        }

        let member_date = date.or(self.last_date);
        if date.is_some() {
            self.last_date = date;
        }
        let members = members_at(self.mechanism, member_date.as_ref());
        let ctx = TurnCtx {
            ds: self.ds,
            members: &members,
        };
        let hostless = primary.is_some_and(|s| s.status == SummitStatus::Held && s.host.is_none());
        let ended = self
            .schedule
            .and_then(|s| s.hosts_until)
            .zip(member_date)
            .is_some_and(|(u, d)| d.first_day() > u.last_day());
        let uses_turn =
            !ended && (!hostless || self.schedule.is_some_and(|s| s.hostless_uses_turn));
        let idx = self.turn;
        let turn = if ended {
            RuleTurn::undecided(&members, None)
        } else if uses_turn {
            self.turn += 1;
            self.rotor.turn(idx, &ctx, skip)
        } else {
            RuleTurn::undecided(&[], None)
        };

        // Re-sync the rotation to what actually happened (or is settled).
        if uses_turn && !replaced && !self.swaps.contains_key(&n) {
            let actual = match primary {
                Some(s) if s.status != SummitStatus::Cancelled => s.host.as_ref(),
                _ => None,
            }
            .or_else(|| host_decision.and_then(|d| d.host.as_ref()));
            if let Some(h) = actual {
                if turn.host.as_ref() != Some(h) {
                    self.rotor.resync(idx, h, &ctx);
                }
            }
        }

        Some(Prepared {
            date,
            date_claims,
            primary,
            reported_summits,
            decision,
            host_decision,
            reported_decisions,
            exceptions,
            turn,
            hostless,
            ended,
        })
    }

    /// The next regular edition, or `None` when they ended.
    fn next_regular(&mut self) -> Option<ProjectedEdition> {
        let n = self.next_emit;
        if !self.prepare_through(n) {
            return None;
        }
        let partner = self.swaps.get(&n).copied();
        let partner_turn = match partner {
            Some(p) if p > n => {
                if self.prepare_through(p) {
                    self.prepared.get(&p).map(|x| x.turn.clone())
                } else {
                    None
                }
            }
            Some(p) => self.kept_turns.remove(&p),
            None => None,
        };
        let prep = self.prepared.remove(&n)?;
        if partner.is_some_and(|p| p > n) {
            self.kept_turns.insert(n, prep.turn.clone());
        }
        self.next_emit = n.checked_add(1).unwrap_or(n);
        if n == u32::MAX {
            self.next_prepare = None;
        }
        Some(self.finish(n, prep, partner_turn))
    }

    fn finish(
        &self,
        n: u32,
        prep: Prepared<'a>,
        partner_turn: Option<RuleTurn>,
    ) -> ProjectedEdition {
        let rule = self
            .schedule
            .is_some_and(|s| s.hosts != crate::HostRule::None);
        let mut provenance = Vec::new();

        // The edition itself.
        let edition_basis = if let Some(s) = prep.primary {
            Some(summit_basis(s))
        } else if let Some(d) = prep.decision {
            Some(decision_basis(d))
        } else if let Some(e) = prep.exceptions.first() {
            Some(exception_basis(e))
        } else if self.schedule.is_some_and(|s| s.cadence.is_some()) {
            // Only a cadence claims that an edition will exist; without one, later editions
            // are an open question and carry no basis ("no rule").
            Some(Basis::Rule {
                sources: self.rule_sources(),
                anchor: None,
            })
        } else if let Some(s) = prep.reported_summits.first() {
            Some(report_of_summit(s, None))
        } else {
            prep.reported_decisions
                .first()
                .map(|d| report_of_decision(d, None))
        };
        if let Some(b) = edition_basis {
            provenance.push(claim(ClaimField::Edition, b));
        }
        provenance.extend(prep.date_claims);

        // The host.
        let replace = prep.exceptions.iter().rev().find_map(|e| match &e.kind {
            ExceptionKind::Replace { host } => Some((host, *e)),
            _ => None,
        });
        let swap = prep
            .exceptions
            .iter()
            .find(|e| matches!(e.kind, ExceptionKind::Swap { .. }))
            .copied()
            .or_else(|| {
                // The swap may be recorded on the partner edition.
                let p = self.swaps.get(&n)?;
                self.exceptions
                    .get(p)?
                    .iter()
                    .copied()
                    .find(|e| matches!(e.kind, ExceptionKind::Swap { with } if with == n))
            });
        let mut candidates = Vec::new();
        let mut host: Option<PartyId>;
        if let Some(h) = prep.primary.and_then(|s| s.host.as_ref()) {
            host = Some(h.clone());
            provenance.extend(
                prep.primary
                    .map(|s| claim(ClaimField::Host, summit_basis(s))),
            );
        } else if let (true, Some(s)) = (prep.hostless, prep.primary) {
            // Held with no host (online): there was none, and nothing is guessed.
            host = None;
            provenance.push(claim(ClaimField::Host, summit_basis(s)));
        } else if let Some((h, e)) = replace {
            host = Some(h.clone());
            provenance.push(claim(ClaimField::Host, exception_basis(e)));
        } else if let Some((h, d)) = prep
            .host_decision
            .and_then(|d| d.host.as_ref().map(|h| (h, d)))
        {
            host = Some(h.clone());
            provenance.push(claim(ClaimField::Host, decision_basis(d)));
        } else {
            let (turn, swapped) = match (partner_turn, swap) {
                (Some(t), Some(_)) => (t, true),
                _ => (prep.turn, false),
            };
            if let (true, Some(e)) = (swapped, swap) {
                provenance.push(claim(ClaimField::Host, exception_basis(e)));
            }
            if turn.host.is_some() && rule {
                provenance.push(claim(
                    ClaimField::Host,
                    Basis::Rule {
                        sources: self.rule_sources(),
                        anchor: None,
                    },
                ));
            }
            if let (true, Some(until)) = (prep.ended, self.schedule.and_then(|s| s.hosts_until)) {
                provenance.push(claim(
                    ClaimField::Host,
                    Basis::RuleEnded {
                        until,
                        sources: self.rule_sources(),
                    },
                ));
            }
            host = turn.host;
            candidates = turn.candidates;
        }
        // Reports about the host (a hostless held edition had none).
        let reported_summits = if prep.hostless {
            &[][..]
        } else {
            &prep.reported_summits[..]
        };
        for s in reported_summits {
            if let Some(rh) = &s.host {
                let agrees = host.as_ref().map(|h| h == rh);
                provenance.push(claim(ClaimField::Host, report_of_summit(s, agrees)));
                if host.is_none() {
                    host = Some(rh.clone());
                }
            }
        }
        for d in &prep.reported_decisions {
            if let Some(rh) = &d.host {
                let agrees = host.as_ref().map(|h| h == rh);
                provenance.push(claim(ClaimField::Host, report_of_decision(d, agrees)));
                if host.is_none() {
                    host = Some(rh.clone());
                }
            }
        }
        if host.is_some() {
            candidates.clear();
        }

        let cancelled = prep
            .exceptions
            .iter()
            .any(|e| matches!(e.kind, ExceptionKind::Cancel));
        let status = match prep.primary.map(|s| s.status) {
            Some(SummitStatus::Held) => EditionStatus::Held,
            Some(SummitStatus::Cancelled) => EditionStatus::Cancelled,
            _ if cancelled => EditionStatus::Cancelled,
            Some(SummitStatus::Planned | SummitStatus::Postponed) => EditionStatus::Decided,
            None if prep.decision.is_some() => EditionStatus::Decided,
            None => EditionStatus::Projected,
        };
        let summit = prep
            .primary
            .or_else(|| prep.reported_summits.first().copied())
            .map(|s| s.id.clone());
        ProjectedEdition {
            ordinal: Some(n),
            date: prep.date,
            host,
            candidates,
            status,
            summit,
            provenance,
            host_name: None,
        }
    }

    fn special(&self, s: &Summit) -> ProjectedEdition {
        let reported = is_reported_plan(s);
        let basis = || {
            if reported {
                report_of_summit(s, None)
            } else {
                summit_basis(s)
            }
        };
        let mut provenance = vec![
            claim(ClaimField::Edition, basis()),
            claim(ClaimField::Date, basis()),
        ];
        if s.host.is_some() {
            provenance.push(claim(ClaimField::Host, basis()));
        }
        // A held edition with no host (a video summit) had none: there is nothing to guess.
        let candidates = if s.host.is_some() || s.status == SummitStatus::Held {
            Vec::new()
        } else {
            sorted_members(self.mechanism, Some(&s.date))
        };
        let status = match s.status {
            SummitStatus::Held => EditionStatus::Held,
            SummitStatus::Cancelled => EditionStatus::Cancelled,
            _ if reported => EditionStatus::Projected,
            _ => EditionStatus::Decided,
        };
        ProjectedEdition {
            ordinal: None,
            date: Some(s.date),
            host: s.host.clone(),
            candidates,
            status,
            summit: Some(s.id.clone()),
            provenance,
            host_name: None,
        }
    }
}

impl Iterator for ScheduleIter<'_> {
    type Item = ProjectedEdition;

    fn next(&mut self) -> Option<ProjectedEdition> {
        let mut e = self.next_unnamed()?;
        e.host_name = e
            .host
            .as_ref()
            .and_then(|h| self.ds.party_name(h, "en"))
            .map(str::to_owned);
        Some(e)
    }
}

impl ScheduleIter<'_> {
    /// The next edition, before the host's name is filled in.
    fn next_unnamed(&mut self) -> Option<ProjectedEdition> {
        if self.pending.is_none() && !self.regular_done {
            self.pending = self.next_regular();
            if self.pending.is_none() {
                self.regular_done = true;
            }
        }
        let special_first = match (self.specials.front(), &self.pending) {
            (Some(_), None) => true,
            (Some(s), Some(p)) => p.date.is_none_or(|d| s.date < d),
            (None, _) => false,
        };
        if special_first {
            let s = self.specials.pop_front()?;
            return Some(self.special(s));
        }
        self.pending.take()
    }
}

/// Whether a dated edition may be the next one after `after` (see
/// [`Dataset::next_edition`]): for terms, the first term that starts after it.
fn qualifies(e: &ProjectedEdition, date: &PartialDate, after: &PartialDate, terms: bool) -> bool {
    if terms {
        return e.status != EditionStatus::Cancelled && date.first_day() > after.last_day();
    }
    match e.status {
        EditionStatus::Cancelled => false,
        EditionStatus::Held => date.is_definitely_after(after),
        _ => !date.is_definitely_before(after),
    }
}

pub(crate) fn next_after(
    mut iter: ScheduleIter<'_>,
    after: &PartialDate,
) -> Option<ProjectedEdition> {
    // The first undated edition that may be next, waiting to learn whether a later
    // edition is dated before `after`.
    let mut pending: Option<ProjectedEdition> = None;
    let terms = iter.kind() == ScheduleKind::Terms;
    while let Some(e) = iter.next() {
        match e.date {
            Some(d) if terms => {
                if qualifies(&e, &d, after, true) {
                    return Some(e);
                }
            }
            Some(d) if d.is_definitely_before(after) => pending = None,
            Some(d) => {
                if pending.is_some() {
                    return pending;
                }
                if qualifies(&e, &d, after, false) {
                    return Some(e);
                }
            }
            None => {
                let eligible = !matches!(e.status, EditionStatus::Cancelled | EditionStatus::Held);
                let beyond = e.ordinal.is_some_and(|n| !iter.informed_after(n));
                if pending.is_none() && eligible {
                    if beyond {
                        return Some(e);
                    }
                    pending = Some(e);
                } else if beyond {
                    return pending;
                }
            }
        }
    }
    pending
}
