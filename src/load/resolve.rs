//! Checks across records and files: duplicates, references, membership, obligors, cycles.

use super::diag::{Code, Loc, Sink};
use super::records::{Kind, Raw, RawSet, RecordPath, Ref, ScheduleLocs};
use super::suggest::Suggester;
use crate::hash::{HashMap, HashSet};
use crate::model::*;

/// Every declared id of each kind, with the place of its first declaration.
struct Declared {
    /// One map per [`Kind`], at the kind's position (no hashing of the kind), by symbol.
    by_kind: [HashMap<u32, (Loc, bool)>; Kind::COUNT],
}

impl Declared {
    /// Whether the reference names a declared id of its kind.
    fn has(&self, r: &Ref) -> bool {
        self.by_kind
            .get(r.kind as usize)
            .is_some_and(|ids| ids.contains_key(&r.sym))
    }
}

/// The references of `raws` that name no declared id, each with its record's path.
fn unresolved_in<'a, T: RecordPath>(
    raws: &[Raw<T>],
    refs: &'a [Ref],
    declared: &Declared,
    out: &mut Vec<(&'a Ref, String)>,
) {
    for raw in raws {
        for r in raw.refs(refs) {
            if !declared.has(r) {
                out.push((r, raw.path()));
            }
        }
    }
}

/// Checks a fully read set and, when nothing is wrong, turns it into records.
pub(crate) fn resolve(mut set: RawSet, sink: &mut Sink) -> Option<Records> {
    // 1. Duplicate ids, per kind, reported at the later definition.
    let mut declared = Declared {
        by_kind: Default::default(),
    };
    // The declarations go as they are counted: the maps keep what is needed.
    for d in std::mem::take(&mut set.decls) {
        let Some(map) = declared.by_kind.get_mut(d.kind as usize) else {
            continue;
        };
        match map.entry(d.sym) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let (first, _) = first.get();
                let id = set.syms.get(d.sym as usize).map_or("", |s| s);
                sink.error(
                    Code::DuplicateId,
                    d.loc,
                    format!("duplicate {} id `{id}`", d.kind.name()),
                )
                .also(*first, "first defined here")
                .help("ids are unique across the dataset: rename or remove one of them");
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert((d.loc, d.valid));
            }
        }
    }

    // 2. Every reference resolves. The unresolved ones are reported in the order of their
    //    places (the sort is stable: references at one place keep their load order).
    let empty = HashMap::default();
    let mut unresolved: Vec<(&Ref, String)> = Vec::new();
    let d = &declared;
    unresolved_in(&set.parties, &set.refs, d, &mut unresolved);
    unresolved_in(&set.sources, &set.refs, d, &mut unresolved);
    unresolved_in(&set.areas, &set.refs, d, &mut unresolved);
    unresolved_in(&set.mechanisms, &set.refs, d, &mut unresolved);
    unresolved_in(&set.summits, &set.refs, d, &mut unresolved);
    unresolved_in(&set.documents, &set.refs, d, &mut unresolved);
    unresolved_in(&set.commitments, &set.refs, d, &mut unresolved);
    unresolved_in(&set.assessments, &set.refs, d, &mut unresolved);
    unresolved_in(&set.decisions, &set.refs, d, &mut unresolved);
    unresolved_in(&set.exceptions, &set.refs, d, &mut unresolved);
    for r in &set.orphan_refs {
        if !d.has(r) {
            unresolved.push((r, String::new()));
        }
    }
    unresolved.sort_by_key(|(r, _)| (r.loc.file, r.loc.start));
    // The ids of a kind are indexed once, when the first unknown reference of that kind
    // is met; each unknown id is looked up once (see `suggest`).
    let mut suggester: Suggester<'_, usize> = Suggester::new();
    let syms = &set.syms;
    for (r, record) in unresolved {
        let ids = declared.by_kind.get(r.kind as usize).unwrap_or(&empty);
        // Ids that failed a check of their record are never suggested.
        let all = || {
            ids.iter()
                .filter(|(_, (_, valid))| *valid)
                .map(|(k, _)| syms.get(*k as usize).map_or("", |s| &**s))
        };
        let found = suggester.nearest(r.kind as usize, r.sym, r.id(syms), all);
        let help = found.map(|s| format!("did you mean `{s}`?"));
        let candidates = suggester.index(r.kind as usize, all).sorted();
        let malformed = set.undeclared.get(r.kind as usize).copied().unwrap_or(0) as usize
            + ids.len()
            - candidates.len();
        let help = help.or_else(|| {
            if candidates.is_empty() && malformed > 0 {
                Some(format!(
                    "no {} with a valid id is defined ({malformed} with an invalid id)",
                    r.kind.name(),
                ))
            } else if candidates.is_empty() {
                Some(format!(
                    "no {} is defined: add a `[[{}]]` table",
                    r.kind.name(),
                    r.kind.name()
                ))
            } else if candidates.len() <= 12 {
                Some(format!(
                    "known {} ids: {}",
                    r.kind.name(),
                    candidates
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            } else {
                None
            }
        });
        sink.error(
            Code::UnknownReference,
            r.loc,
            format!(
                "unknown {} `{}` in `{}`",
                r.kind.name(),
                r.id(&set.syms),
                r.path(&record, &set.bases)
            ),
        )
        .path(r.path(&record, &set.bases))
        .help_opt(help);
    }
    drop(suggester);

    // Every reference resolved: the declarations and the references that name nothing
    // whole go before the later checks.
    drop(declared);
    set.orphan_refs = Vec::new();

    let RawSet {
        parties,
        sources,
        areas,
        summits,
        mut mechanisms,
        mut documents,
        mut commitments,
        assessments,
        decisions: loose_decisions,
        exceptions: loose_exceptions,
        schedule_locs,
        doc_mechanism_from_summit,
        summit_editions,
        refs,
        bases,
        syms,
        ..
    } = set;

    // Decisions and exceptions written outside their mechanism join its schedule, after
    // its own, in load order.
    let mut item_locs = merge_loose(
        &mut mechanisms,
        loose_decisions,
        loose_exceptions,
        schedule_locs,
        sink,
    );

    // Lookups over the records that were read whole (first definition wins).
    let mech_ix: HashMap<&str, usize> = first_index(mechanisms.iter().map(|m| m.v.id.as_str()));
    let summit_ix: HashMap<&str, usize> = first_index(summits.iter().map(|s| s.v.id.as_str()));
    let party_ix: HashMap<&str, usize> = first_index(parties.iter().map(|p| p.v.id.as_str()));

    // 3. Documents take their mechanism from their summit when not given.
    for (doc, from_summit) in documents.iter_mut().zip(&doc_mechanism_from_summit) {
        let Some(s) = doc
            .v
            .summit
            .as_ref()
            .and_then(|s| summit_ix.get(s.as_str()))
            .and_then(|&i| summits.get(i))
        else {
            continue;
        };
        if *from_summit {
            doc.v.mechanism = s.v.mechanism.clone();
        } else if doc.v.mechanism != s.v.mechanism {
            let loc = doc.loc_of(&refs, &bases, &format!("{}.mechanism", doc.path()));
            sink.error(
                Code::DocumentMechanism,
                loc,
                format!(
                    "`{}` belongs to `{}`, but its summit `{}` belongs to `{}`",
                    doc.path(),
                    doc.v.mechanism,
                    s.v.id,
                    s.v.mechanism
                ),
            )
            .help("remove `mechanism`: a document adopted at a summit belongs to the summit's mechanism");
        }
    }

    // 4. Summits: hosts and participants are members on the summit's date; ordinals are unique.
    let mut editions: HashMap<(String, u32), (&str, Loc)> = HashMap::default();
    for (s, &edition_at) in summits.iter().zip(&summit_editions) {
        let Some(m) = mech_ix
            .get(s.v.mechanism.as_str())
            .and_then(|&i| mechanisms.get(i))
        else {
            continue;
        };
        let members_then = || {
            let mut ids: Vec<&str> = m.v.members_on(&s.v.date).map(PartyId::as_str).collect();
            ids.sort_unstable();
            format!("members on {}: {}", s.v.date, ids.join(", "))
        };
        if let Some(h) = &s.v.host {
            if party_ix.contains_key(h.as_str()) && !m.v.is_member(h.as_str(), &s.v.date) {
                sink.error(
                    Code::NotAMember,
                    s.loc_of(&refs, &bases, &format!("{}.host", s.path())),
                    format!(
                        "host `{h}` of `{}` is not a member of `{}` on {}",
                        s.path(),
                        m.v.id,
                        s.v.date
                    ),
                )
                .help(members_then());
            }
        }
        for (i, p) in s.v.participants.iter().enumerate() {
            if party_ix.contains_key(p.party.as_str())
                && !m.v.is_member(p.party.as_str(), &s.v.date)
            {
                sink.error(
                    Code::NotAMember,
                    s.loc_of(
                        &refs,
                        &bases,
                        &format!("{}.participants[{i}].party", s.path()),
                    ),
                    format!(
                        "participant `{}` of `{}` is not a member of `{}` on {}",
                        p.party,
                        s.path(),
                        m.v.id,
                        s.v.date
                    ),
                )
                .help(members_then());
            }
        }
        if let Edition::Ordinal(n) = s.v.edition {
            match editions.get(&(m.v.id.to_string(), n)) {
                Some((other, first_at)) => {
                    sink.error(Code::DuplicateEdition, edition_at, format!("edition {n} of `{}` is recorded twice: `{other}` and `{}`", m.v.id, s.v.id))
                        .also(*first_at, format!("`{other}` is edition {n}"))
                        .help("each numbered edition has one summit record; use `edition = \"special\"` for an extra one");
                }
                None => {
                    editions.insert((m.v.id.to_string(), n), (s.v.id.as_str(), edition_at));
                }
            }
        }
    }

    // 5. Mechanisms: rule parties are members; alphabetical rules have the names they need;
    //    decisions' hosts are members; swaps point at another edition.
    for m in &mechanisms {
        let Some(sch) = &m.v.schedule else { continue };
        let spath = format!("{}.schedule", m.path());
        let mut rule_parties = Vec::new();
        collect_rule(&sch.hosts, &mut rule_parties, &mut Vec::new());
        for p in &rule_parties {
            if party_ix.contains_key(p.as_str()) && !m.v.members.iter().any(|x| x.party == **p) {
                let record = m.path();
                let loc = m
                    .refs(&refs)
                    .iter()
                    .find(|r| {
                        r.id(&syms) == p.as_str()
                            && r.path(&record, &bases)
                                .starts_with(&format!("{spath}.hosts"))
                    })
                    .map_or(m.at, |r| r.loc);
                sink.error(Code::NotAMember, loc, format!("`{p}` in `{spath}.hosts` is not a member of `{}`", m.v.id))
                    .help("a host rule can only name members: add it to `members`, or remove it from the rule");
            }
        }
        let mut langs = Vec::new();
        collect_rule(&sch.hosts, &mut Vec::new(), &mut langs);
        for lang in langs {
            for mem in &m.v.members {
                let Some(p) = party_ix
                    .get(mem.party.as_str())
                    .and_then(|&i| parties.get(i))
                else {
                    continue;
                };
                if p.v.name.get_exact(lang.as_str()).is_none() {
                    sink.error(
                        Code::MissingRuleName,
                        p.at,
                        format!(
                            "party `{}` has no name in `{lang}`, which the alphabetical rule of `{}` orders by",
                            p.v.id, m.v.id
                        ),
                    )
                    .help(format!("add `{lang} = \"...\"` to the party's `name`"));
                }
            }
        }
        for (i, d) in sch.decisions.iter().enumerate() {
            if let (Some(h), Some(date)) = (&d.host, &d.date) {
                if party_ix.contains_key(h.as_str()) && !m.v.is_member(h.as_str(), date) {
                    // A decision written apart from its mechanism is found by its table.
                    let loose = item_locs
                        .get(m.v.id.as_str())
                        .and_then(|l| l.decisions.get(i))
                        .filter(|(p, _)| !p.starts_with("mechanism."));
                    let at = match loose {
                        Some((_, loc)) => *loc,
                        None => m.loc_of(&refs, &bases, &format!("{spath}.decision[{i}].host")),
                    };
                    sink.error(
                        Code::NotAMember,
                        at,
                        format!(
                            "decided host `{h}` of edition {} is not a member of `{}` on {date}",
                            d.edition, m.v.id
                        ),
                    )
                    .help("hosts must be members on the date of the edition");
                }
            }
        }
        for e in &sch.exceptions {
            if let ExceptionKind::Swap { with } = e.kind {
                if with == e.edition {
                    sink.error(
                        Code::SwapWithItself,
                        m.at,
                        format!("`{spath}` swaps edition {with} with itself"),
                    )
                    .help("`with` names another edition");
                }
            }
        }
    }

    for m in &mechanisms {
        let locs = item_locs.get(m.v.id.as_str());
        check_schedule(m, &summits, locs, sink);
    }

    // 6. Commitments: obligors resolved and checked against signatories; supersedes cycles.
    let doc_ix: HashMap<&str, usize> = first_index(documents.iter().map(|d| d.v.id.as_str()));
    // Each document's signatories, shared by every commitment of it that binds them all.
    let mut shared_sigs: Vec<Option<std::sync::Arc<[PartyId]>>> = vec![None; documents.len()];
    for c in &mut commitments {
        let Some((&di, doc)) = doc_ix
            .get(c.v.document.as_str())
            .and_then(|i| Some((i, documents.get(*i)?)))
        else {
            continue;
        };
        c.v.obligor_parties = match &c.v.obligors {
            Obligors::All => match shared_sigs.get_mut(di) {
                Some(slot) => std::sync::Arc::clone(
                    slot.get_or_insert_with(|| doc.v.signatories.as_slice().into()),
                ),
                None => doc.v.signatories.as_slice().into(),
            },
            Obligors::Parties(ps) => {
                for (i, p) in ps.iter().enumerate() {
                    if party_ix.contains_key(p.as_str()) && !doc.v.signatories.contains(p) {
                        let sigs: Vec<&str> =
                            doc.v.signatories.iter().map(PartyId::as_str).collect();
                        sink.error(
                            Code::ObligorNotSignatory,
                            c.loc_of(&refs, &bases, &format!("{}.obligors[{i}]", c.path())),
                            format!(
                                "obligor `{p}` of `{}` is not a signatory of `{}`",
                                c.path(),
                                doc.v.id
                            ),
                        )
                        .help(format!(
                            "signatories of `{}`: {}",
                            doc.v.id,
                            sigs.join(", ")
                        ));
                    }
                }
                ps.iter().cloned().collect()
            }
        };
    }
    check_cycles(
        sink,
        "commitment",
        "supersedes",
        commitments
            .iter()
            .map(|c| (c.v.id.as_str(), links(c.refs(&refs), "supersedes", &syms))),
    );
    check_cycles(
        sink,
        "area",
        "parent",
        areas
            .iter()
            .map(|a| (a.v.id.as_str(), links(a.refs(&refs), "parent", &syms))),
    );

    // 7. Assessments only for obligors.
    let com_ix: HashMap<&str, usize> = first_index(commitments.iter().map(|c| c.v.id.as_str()));
    for a in &assessments {
        let Some(c) = com_ix
            .get(a.v.commitment.as_str())
            .and_then(|&i| commitments.get(i))
        else {
            continue;
        };
        if party_ix.contains_key(a.v.party.as_str())
            && !c.v.obligor_parties.is_empty()
            && !c.v.binds(a.v.party.as_str())
        {
            let obl: Vec<&str> = c.v.obligor_parties.iter().map(PartyId::as_str).collect();
            sink.error(
                Code::AssessedNotObligor,
                a.loc_of(&refs, &bases, &format!("{}.party", a.path())),
                format!(
                    "`{}` is not an obligor of `{}`, so it cannot be assessed on it",
                    a.v.party, c.v.id
                ),
            )
            .help(format!("obligors of `{}`: {}", c.v.id, obl.join(", ")));
        }
    }

    if !sink.is_empty() {
        return None;
    }
    let mut records = Records {
        parties: values(parties),
        sources: values(sources),
        areas: values(areas),
        mechanisms: values(mechanisms),
        summits: values(summits),
        documents: values(documents),
        commitments: values(commitments),
        assessments: values(assessments),
    };
    editions_by_date(&mut records, &mut item_locs, sink);
    sink.is_empty().then_some(records)
}

/// The records out of their `Raw`s, each `Raw`'s references freed as it is moved out, in
/// a vector no longer than needed.
fn values<T>(raws: Vec<Raw<T>>) -> Vec<T> {
    let mut out: Vec<T> = raws.into_iter().map(|r| r.v).collect();
    out.shrink_to_fit();
    out
}

fn first_index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut m = HashMap::default();
    for (i, id) in ids.enumerate() {
        m.entry(id).or_insert(i);
    }
    m
}

fn collect_rule<'a>(
    rule: &'a HostRule,
    parties: &mut Vec<&'a PartyId>,
    langs: &mut Vec<&'a LangTag>,
) {
    match rule {
        HostRule::None => {}
        HostRule::Fixed(p) => parties.push(p),
        HostRule::Ordered { list, start } => {
            parties.extend(list);
            parties.extend(start);
        }
        HostRule::Alphabetical {
            lang,
            among,
            except,
            start,
        } => {
            langs.push(lang);
            parties.extend(among.iter().flatten());
            parties.extend(except);
            parties.extend(start);
        }
        HostRule::Alternate(sides) => sides.iter().for_each(|s| collect_rule(s, parties, langs)),
    }
}

/// The ids a record links to through `key`, each with the place of the link.
fn links<'a>(refs: &[Ref], key: &str, syms: &'a [std::sync::Arc<str>]) -> Vec<(&'a str, Loc)> {
    refs.iter()
        .filter(|r| r.key() == key)
        .map(|r| (r.id(syms), r.loc))
        .collect()
}

/// Reports every cycle in a graph of `id -> next ids` (each link with its place), once per
/// cycle, at the link from its first member in load order.
fn check_cycles<'a>(
    sink: &mut Sink,
    what: &str,
    link: &str,
    nodes: impl Iterator<Item = (&'a str, Vec<(&'a str, Loc)>)> + Clone,
) {
    // A node without links is on no cycle: only linked nodes are kept, in load order, so the
    // cycles and the order they are reported in are those of the whole graph. An id links
    // to its last node, as in a map of every node, which is dropped when that one has no
    // links.
    let nodes_all = nodes.clone();
    let nodes: Vec<(&str, Vec<(&str, Loc)>)> = nodes.filter(|n| !n.1.is_empty()).collect();
    let mut last: HashMap<&str, Option<usize>> = nodes
        .iter()
        .flat_map(|n| n.1.iter().map(|t| (t.0, None)))
        .collect();
    let mut linked = 0;
    for n in nodes_all {
        if let Some(slot) = last.get_mut(n.0) {
            *slot = (!n.1.is_empty()).then_some(linked);
        }
        if !n.1.is_empty() {
            linked += 1;
        }
    }
    let ix: HashMap<&str, usize> = last
        .into_iter()
        .filter_map(|(id, i)| Some((id, i?)))
        .collect();
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut state = vec![0u8; nodes.len()];
    let mut reported: HashSet<usize> = HashSet::default();
    for start in 0..nodes.len() {
        if state.get(start) != Some(&0) {
            continue;
        }
        // Iterative depth-first search: (node, next edge to follow).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            let next = nodes
                .get(node)
                .and_then(|n| n.1.get(*edge))
                .and_then(|(id, _)| ix.get(id))
                .copied();
            let has_edge = nodes.get(node).is_some_and(|n| *edge < n.1.len());
            if !has_edge {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                stack.pop();
                continue;
            }
            *edge += 1;
            let Some(next) = next else { continue };
            match state.get(next) {
                Some(0) => {
                    if let Some(s) = state.get_mut(next) {
                        *s = 1;
                    }
                    stack.push((next, 0));
                }
                Some(1) => {
                    // A cycle: the part of the stack from `next` to the top.
                    let pos = stack.iter().position(|(n, _)| *n == next).unwrap_or(0);
                    let cycle: Vec<usize> = stack
                        .get(pos..)
                        .unwrap_or(&[])
                        .iter()
                        .map(|(n, _)| *n)
                        .collect();
                    let first = cycle.iter().copied().min().unwrap_or(next);
                    if cycle.iter().any(|c| reported.contains(c)) {
                        continue;
                    }
                    reported.extend(cycle.iter().copied());
                    // Start the printed path at the cycle's first member in load order.
                    let k = cycle.iter().position(|c| *c == first).unwrap_or(0);
                    let mut names: Vec<&str> = cycle
                        .iter()
                        .cycle()
                        .skip(k)
                        .take(cycle.len())
                        .filter_map(|c| nodes.get(*c).map(|n| n.0))
                        .collect();
                    let head = names.first().copied().unwrap_or("");
                    let second = names.get(1).copied().unwrap_or(head);
                    names.push(head);
                    // The caret goes on the link from the first member to the next.
                    let loc = nodes
                        .get(first)
                        .and_then(|n| n.1.iter().find(|(t, _)| *t == second))
                        .map_or(Loc::default(), |(_, l)| *l);
                    let msg = if cycle.len() == 1 {
                        format!("{what} `{head}` names itself in `{link}`")
                    } else {
                        format!(
                            "{what} `{head}` is part of a `{link}` cycle: {}",
                            names.join(" -> ")
                        )
                    };
                    sink.error(Code::Cycle, loc, msg)
                        .help(format!("break the cycle by removing one `{link}` link"));
                }
                _ => {}
            }
        }
    }
}

/// The places of each mechanism's decisions and exceptions (its own, then those written
/// outside it), by mechanism id.
type ItemLocs = HashMap<String, ScheduleLocs>;

/// Joins `[[decision]]` and `[[exception]]` tables to their mechanism's schedule.
fn merge_loose(
    mechanisms: &mut [Raw<Mechanism>],
    decisions: Vec<Raw<super::records::LooseDecision>>,
    exceptions: Vec<Raw<super::records::LooseException>>,
    locs: Vec<ScheduleLocs>,
    sink: &mut Sink,
) -> ItemLocs {
    let mut out: ItemLocs = locs.into_iter().map(|l| (l.mechanism.clone(), l)).collect();
    let mut ix: HashMap<String, usize> = HashMap::default();
    for (i, m) in mechanisms.iter().enumerate() {
        ix.entry(m.v.id.to_string()).or_insert(i);
    }
    let no_schedule = |sink: &mut Sink, at: Loc, path: &str, m: &str| {
        sink.error(
            Code::NoSchedule, at,
            format!("`{path}` is for `{m}`, which has no `[mechanism.schedule]`"),
        )
        .help("add a schedule to the mechanism (with its sources), then its decisions and exceptions apply to it");
    };
    for d in decisions {
        let id = d.v.mechanism.to_string();
        let Some(m) = ix.get(&id).and_then(|&i| mechanisms.get_mut(i)) else {
            continue;
        };
        match &mut m.v.schedule {
            Some(s) => {
                let entry = out.entry(id).or_default();
                entry.decisions.push((d.path(), d.at));
                s.decisions.push(d.v.decision);
            }
            None => no_schedule(sink, d.at, &d.path(), &id),
        }
    }
    for e in exceptions {
        let id = e.v.mechanism.to_string();
        let Some(m) = ix.get(&id).and_then(|&i| mechanisms.get_mut(i)) else {
            continue;
        };
        match &mut m.v.schedule {
            Some(s) => {
                let entry = out.entry(id).or_default();
                entry.exceptions.push((e.path(), e.at));
                s.exceptions.push(e.v.exception);
            }
            None => no_schedule(sink, e.at, &e.path(), &id),
        }
    }
    out
}

/// The path and place of decision (`d`) or exception `i` of a mechanism.
fn item_at(
    locs: Option<&ScheduleLocs>,
    decision: bool,
    i: usize,
    m: &str,
    at: Loc,
) -> (String, Loc) {
    let list = locs.map(|l| {
        if decision {
            &l.decisions
        } else {
            &l.exceptions
        }
    });
    match list.and_then(|l| l.get(i)) {
        Some((p, loc)) => (p.clone(), *loc),
        None => {
            let what = if decision { "decision" } else { "exception" };
            (format!("mechanism.{m}.schedule.{what}[{i}]"), at)
        }
    }
}

/// The checks of one schedule that the engine relies on: a rule's first holder is in it
/// once, a schedule of terms has whole terms, terms do not move, an edition swaps once.
fn check_schedule(
    m: &Raw<Mechanism>,
    summits: &[Raw<Summit>],
    locs: Option<&ScheduleLocs>,
    sink: &mut Sink,
) {
    let Some(sch) = &m.v.schedule else { return };
    let id = m.v.id.as_str();
    let spath = format!("{}.schedule", m.path());
    let item = |decision: bool, i: usize| item_at(locs, decision, i, id, m.at);

    // A rule's first holder.
    let mut rules = vec![&sch.hosts];
    while let Some(r) = rules.pop() {
        match r {
            HostRule::Alternate(sides) => rules.extend(sides),
            HostRule::Ordered {
                list,
                start: Some(p),
            } => {
                let n = list.iter().filter(|q| *q == p).count();
                if n != 1 {
                    let why = if n == 0 {
                        "is not in the list".to_owned()
                    } else {
                        format!("holds {n} positions in the list")
                    };
                    sink.error(Code::StartNotInRule, m.at, format!("the first holder `{p}` of the `ordered` rule in `{spath}.hosts` {why}"))
                        .help("`start` names a party that appears once in `ordered`; for a party listed twice, write the list from the position that holds the first turn");
                }
            }
            HostRule::Alphabetical {
                among,
                except,
                start: Some(p),
                ..
            } => {
                let out = except.contains(p) || among.as_ref().is_some_and(|a| !a.contains(p));
                if out {
                    sink.error(Code::StartNotInRule, m.at, format!("the first holder `{p}` of the `alphabetical` rule in `{spath}.hosts` does not take part in it"))
                        .help("`start` names a party the rule takes turns among (see `among` and `except`)");
                }
            }
            _ => {}
        }
    }

    // An edition swaps once.
    let mut swapped: HashMap<u32, usize> = HashMap::default();
    for (i, e) in sch.exceptions.iter().enumerate() {
        if let ExceptionKind::Swap { with } = e.kind {
            // A swap with itself is its own error (S0504), not a second swap.
            let others = (with != e.edition).then_some(with);
            for n in std::iter::once(e.edition).chain(others) {
                if n != 0 && swapped.insert(n, i).is_some() {
                    let (path, at) = item(false, i);
                    sink.error(
                        Code::Contradiction,
                        at,
                        format!("edition {n} of `{id}` is in two swaps (`{path}`)"),
                    )
                    .help("an edition swaps once: write the final hosts with `replace` exceptions");
                }
            }
        }
    }

    // One period from a date: two changes from the same day would leave one unused.
    if let Some(c) = &sch.cadence {
        for (i, w) in c.changes.windows(2).enumerate() {
            if let [a, b] = w {
                if a.from.first_day() == b.from.first_day() {
                    sink.error(
                        Code::Contradiction, m.at,
                        format!(
                            "`{spath}.change` has two changes from {} ({} and {})",
                            b.from, a.every, b.every
                        ),
                    )
                    .help(format!("one period applies from a date: remove one of them (changes {i} and {} in date order)", i + 1));
                }
            }
        }
    }
    if sch.kind != ScheduleKind::Terms {
        return;
    }
    let Some(c) = &sch.cadence else { return };
    if c.term(c.first_edition) != Some(c.first) {
        let suggestion =
            PartialDate::from_month(c.first.first_day().year(), c.first.first_day().month())
                .ok()
                .and_then(|start| {
                    Cadence {
                        first: start,
                        ..c.clone()
                    }
                    .term(c.first_edition)
                })
                .map(|t| format!("write the first term whole: `{}`", crate::term_label(&t)))
                .unwrap_or_else(|| "write the first term whole".to_owned());
        sink.error(
            Code::NotATerm, m.at,
            format!(
                "`{spath}.first` ({}) is not a whole term of {}",
                c.first, c.every
            ),
        )
        .help(format!("{suggestion}: a year (`2025`) for yearly terms from January, a month (\"2025-07\") for monthly ones, a half-year (\"2025-H2\"), or the term's days"));
        return;
    }
    for (i, ch) in c.changes.iter().enumerate() {
        if !c.is_term_boundary(&ch.from) {
            sink.error(
                Code::NotATerm, m.at,
                format!("`{spath}.change[{i}].from` ({}) does not start a term", ch.from),
            )
            .help("a change of a schedule of terms starts on the first day of a term, so terms keep tiling time");
        }
    }
    for (i, e) in sch.exceptions.iter().enumerate() {
        if matches!(e.kind, ExceptionKind::Postpone { .. }) {
            let (path, at) = item(false, i);
            sink.error(Code::NotATerm, at, format!("`{path}` postpones a term of `{id}`"))
                .help("a term does not move: record the meeting's date in its summit, or `cancel` the edition");
        }
    }
    let within = |d: &PartialDate, t: &PartialDate| {
        t.first_day() <= d.first_day() && d.last_day() <= t.last_day()
    };
    for s in summits.iter().filter(|s| s.v.mechanism == m.v.id) {
        let Edition::Ordinal(n) = s.v.edition else {
            continue;
        };
        if let Some(t) = c.term(n) {
            if !within(&s.v.date, &t) {
                sink.error(
                    Code::NotATerm,
                    s.at,
                    format!(
                        "`{}` ({}) falls outside term {n} of `{id}` ({})",
                        s.path(),
                        s.v.date,
                        crate::term_label(&t)
                    ),
                )
                .help("a summit of a term happens within it: check `edition` and `date`");
            }
        }
    }
    for (i, d) in sch.decisions.iter().enumerate() {
        let (Some(date), Some(t)) = (d.date, c.term(d.edition)) else {
            continue;
        };
        if d.edition != 0 && !within(&date, &t) {
            let (path, at) = item(true, i);
            sink.error(
                Code::NotATerm,
                at,
                format!(
                    "`{path}.date` ({date}) falls outside term {} of `{id}` ({})",
                    d.edition,
                    crate::term_label(&t)
                ),
            )
            .help("the date of a term is the term itself: decide the host, or a date within it");
        }
    }
}

/// When a decision or exception was taken: `decided`, else its earliest source's date.
fn taken_at(
    decided: Option<PartialDate>,
    sources: &[SourceId],
    source_dates: &HashMap<&str, PartialDate>,
) -> Option<PartialDate> {
    decided.or_else(|| {
        sources
            .iter()
            .filter_map(|s| source_dates.get(s.as_str()).copied())
            .min_by_key(PartialDate::first_day)
    })
}

/// Finds the editions named by their date, then checks that decisions (and `postpone` and
/// `replace` exceptions) on one edition that disagree can be ordered by when they were
/// taken.
fn editions_by_date(records: &mut Records, item_locs: &mut ItemLocs, sink: &mut Sink) {
    for mi in 0..records.mechanisms.len() {
        let Some(m) = records.mechanisms.get(mi) else {
            continue;
        };
        let Some(sch) = &m.schedule else { continue };
        let named: Vec<PartialDate> = sch
            .decisions
            .iter()
            .filter_map(|d| d.edition_date)
            .chain(sch.exceptions.iter().filter_map(|e| e.edition_date))
            .collect();
        if named.is_empty() {
            continue;
        }
        let id = m.id.to_string();
        // The schedule as it stands without the items that name editions by date.
        let mut plain = m.clone();
        if let Some(s) = &mut plain.schedule {
            s.decisions.retain(|d| d.edition_date.is_none());
            s.exceptions.retain(|e| e.edition_date.is_none());
        }
        let ds = Dataset::from_records(Records {
            parties: records.parties.clone(),
            sources: records.sources.clone(),
            mechanisms: vec![plain],
            summits: records
                .summits
                .iter()
                .filter(|s| s.mechanism == m.id)
                .cloned()
                .collect(),
            ..Records::default()
        });
        let until = named.iter().map(PartialDate::last_day).max();
        let mut editions: Vec<(u32, PartialDate)> = Vec::new();
        let mut undated = 0;
        if let Ok(iter) = ds.schedule(&id) {
            for e in iter {
                let Some(n) = e.ordinal else { continue };
                match e.date {
                    Some(d) if until.is_some_and(|u| d.first_day() > u) => break,
                    Some(d) => {
                        undated = 0;
                        editions.push((n, d));
                    }
                    None => {
                        undated += 1;
                        if undated > 1000 {
                            break;
                        }
                    }
                }
            }
        }
        let locs = item_locs.get(&id);
        let find = |d: &PartialDate| -> Vec<u32> {
            editions
                .iter()
                .filter(|(_, x)| x.relation(d) == DateRelation::Overlapping)
                .map(|(n, _)| *n)
                .collect()
        };
        let report = |sink: &mut Sink, decision: bool, i: usize, d: &PartialDate, found: &[u32]| {
            let (path, at) = item_at(locs, decision, i, &id, Loc::default());
            let label = crate::term_label(d);
            if found.is_empty() {
                sink.error(
                    Code::EditionDateUnmatched,
                    at,
                    format!("no edition of `{id}` falls in {label} (`{path}.edition-date`)"),
                )
                .help("name the edition by its ordinal with `edition`");
            } else {
                let list: Vec<String> = found.iter().map(u32::to_string).collect();
                sink.error(
                    Code::EditionDateUnmatched,
                    at,
                    format!(
                        "{label} in `{path}.edition-date` matches editions {} of `{id}`",
                        list.join(" and ")
                    ),
                )
                .help("name one edition: give a date within it, or its ordinal with `edition`");
            }
        };
        let mut resolved_d = Vec::new();
        let mut resolved_e = Vec::new();
        for (i, d) in sch.decisions.iter().enumerate() {
            if let Some(date) = &d.edition_date {
                match find(date).as_slice() {
                    [n] => resolved_d.push((i, *n)),
                    found => report(sink, true, i, date, found),
                }
            }
        }
        for (i, e) in sch.exceptions.iter().enumerate() {
            if let Some(date) = &e.edition_date {
                match find(date).as_slice() {
                    [n] => resolved_e.push((i, *n)),
                    found => report(sink, false, i, date, found),
                }
            }
        }
        if let Some(s) = records
            .mechanisms
            .get_mut(mi)
            .and_then(|m| m.schedule.as_mut())
        {
            for (i, n) in resolved_d {
                if let Some(d) = s.decisions.get_mut(i) {
                    d.edition = n;
                }
            }
            for (i, n) in resolved_e {
                if let Some(e) = s.exceptions.get_mut(i) {
                    e.edition = n;
                }
            }
        }
    }
    let source_dates: HashMap<&str, PartialDate> = records
        .sources
        .iter()
        .filter_map(|s| Some((s.id.as_str(), s.date?)))
        .collect();
    for m in &records.mechanisms {
        let Some(sch) = &m.schedule else { continue };
        let id = m.id.as_str();
        let locs = item_locs.get(id);
        let when = |decided, sources: &[SourceId]| taken_at(decided, sources, &source_dates);
        let decisions: Vec<(usize, &Decision)> = sch
            .decisions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.confidence == Confidence::Confirmed)
            .collect();
        for (k, (j, b)) in decisions.iter().enumerate() {
            for (i, a) in decisions.iter().take(k) {
                if a.edition != b.edition {
                    continue;
                }
                let hosts = match (&a.host, &b.host) {
                    (Some(x), Some(y)) if x != y => Some(format!("host `{x}` and `{y}`")),
                    _ => None,
                };
                let dates = match (&a.date, &b.date) {
                    (Some(x), Some(y)) if x != y => Some(format!("date {x} and {y}")),
                    _ => None,
                };
                let what = match (hosts, dates) {
                    (Some(h), Some(d)) => format!("{h}, {d}"),
                    (Some(h), None) => h,
                    (None, Some(d)) => d,
                    (None, None) => continue,
                };
                let (ta, tb) = (when(a.decided, &a.sources), when(b.decided, &b.sources));
                if !unordered(ta, tb) {
                    continue;
                }
                let (pa, _) = item_at(locs, true, *i, id, Loc::default());
                let (pb, at) = item_at(locs, true, *j, id, Loc::default());
                sink.error(Code::Contradiction, at, format!("`{pa}` and `{pb}` decide edition {} of `{id}` differently ({what}) and cannot be ordered", b.edition))
                    .help("give each a `decided` date (or cite dated sources): the latest decision wins");
            }
        }
        let exceptions: Vec<(usize, &Exception)> = sch
            .exceptions
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                matches!(
                    e.kind,
                    ExceptionKind::Postpone { .. } | ExceptionKind::Replace { .. }
                )
            })
            .collect();
        for (k, (j, b)) in exceptions.iter().enumerate() {
            for (i, a) in exceptions.iter().take(k) {
                let differ = a.edition == b.edition
                    && a.kind.as_str() == b.kind.as_str()
                    && a.kind != b.kind;
                if !differ || !unordered(when(a.decided, &a.sources), when(b.decided, &b.sources)) {
                    continue;
                }
                let (pa, _) = item_at(locs, false, *i, id, Loc::default());
                let (pb, at) = item_at(locs, false, *j, id, Loc::default());
                sink.error(Code::Contradiction, at, format!("`{pa}` and `{pb}` {} edition {} of `{id}` differently and cannot be ordered", b.kind.as_str(), b.edition))
                    .help("give each a `decided` date (or cite dated sources): the latest exception wins");
            }
        }
    }
}

/// Whether neither date is definitely after the other (or one is unknown).
fn unordered(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => !a.is_definitely_after(&b) && !b.is_definitely_after(&a),
        _ => true,
    }
}
