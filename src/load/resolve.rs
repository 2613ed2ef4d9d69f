//! Checks across records and files: duplicates, references, membership, obligors, cycles.

use super::diag::{Code, Loc, Sink};
use super::records::{Kind, Raw, RawSet, RecordPath, Ref};
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
        mechanisms,
        summits,
        mut documents,
        mut commitments,
        assessments,
        doc_mechanism_from_summit,
        summit_editions,
        refs,
        bases,
        syms,
        ..
    } = set;

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
                    sink.error(
                        Code::NotAMember,
                        m.loc_of(&refs, &bases, &format!("{spath}.decision[{i}].host")),
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
    Some(Records {
        parties: values(parties),
        sources: values(sources),
        areas: values(areas),
        mechanisms: values(mechanisms),
        summits: values(summits),
        documents: values(documents),
        commitments: values(commitments),
        assessments: values(assessments),
    })
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
        HostRule::Ordered(ps) => parties.extend(ps),
        HostRule::Alphabetical {
            lang,
            among,
            except,
        } => {
            langs.push(lang);
            parties.extend(among.iter().flatten());
            parties.extend(except);
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
