//! Mechanisms: members, secretariat, schedule, cadence changes, decisions, exceptions and host rules.

use super::*;

impl RawSet {
    pub(super) fn mechanism(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<Mechanism> {
        let Rec { cx, f, r, id, .. } = c;
        let name = f.take(cx, "name", read::REQ, read::labels);
        let level = f.word_of(read::REQ, cx, "level", "level", LEVELS);
        let members = self.members(cx, f, r);
        let had_est = f.has("established");
        let established = f
            .take(cx, "established", read::OPT, read::date)
            .map(|d| d.0);
        let secretariat = match f.get("secretariat") {
            None => Some(None),
            Some(v) => secretariat(cx, v, f.key_path("secretariat").to_string(), r).map(Some),
        };
        self.pending_locs = None;
        let mut locs = ScheduleLocs::default();
        let schedule = match f.get("schedule") {
            None => Some(None),
            Some(v) => schedule(cx, v, f.key_path("schedule").to_string(), r, &mut locs).map(Some),
        };
        let sources = r.sources(cx, f, true);
        let note = f.take(cx, "note", read::OPT, read::text);
        let m = (|| {
            if had_est && established.is_none() {
                return None;
            }
            Some(Mechanism {
                id: to_id(&id?.0)?,
                name: name?,
                level: level?,
                members: members?,
                established,
                secretariat: secretariat?,
                schedule: schedule?,
                sources: sources?,
                note,
            })
        })();
        if let Some(m) = &m {
            locs.mechanism = m.id.to_string();
            if !locs.decisions.is_empty() || !locs.exceptions.is_empty() {
                self.pending_locs = Some(locs);
            }
        }
        m
    }

    pub(super) fn members(
        &mut self,
        cx: &mut Cx<'_>,
        f: &mut Fields<'_, '_>,
        r: &mut Refs,
    ) -> Option<Vec<Membership>> {
        // Mechanisms are few: their member paths are written out eagerly.
        let path = f.key_path("members").to_string();
        let v = f.req(cx, "members")?;
        let Node::Array(items) = v.get_ref() else {
            cx.wrong_type(v, "an array of party ids or tables", &path);
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let ipath = format!("{path}[{i}]");
            match item.get_ref() {
                Node::String(_) => match r.value(
                    cx,
                    item,
                    RefPath {
                        base: f.path.clone(),
                        key: "members",
                        index: Some(u32::try_from(i).unwrap_or(u32::MAX)),
                    },
                    Kind::Party,
                ) {
                    Some(p) => out.push(Membership {
                        party: to_id(&p)?,
                        since: None,
                        until: None,
                    }),
                    None => ok = false,
                },
                Node::Table(t) => {
                    let mut m =
                        Fields::new(t, item.span(), ipath.clone(), spec::table(spec::MEMBER));
                    let party = r.id(cx, &mut m, "party", Kind::Party, true);
                    let had = (m.has("since"), m.has("until"));
                    let since = m.take(cx, "since", read::OPT, read::date);
                    let until = m.take(cx, "until", read::OPT, read::date);
                    if let (Some((s, _)), Some((u, uloc))) = (since, until) {
                        if u.is_definitely_before(&s) {
                            cx.sink
                                .error(Code::DatesOutOfOrder, uloc, format!("membership in `{ipath}` ends ({u}) before it starts ({s})"))
                                .help("`until` is the last date of membership and must not come before `since`");
                            ok = false;
                        }
                    }
                    m.finish(cx);
                    if (had.0 && since.is_none()) || (had.1 && until.is_none()) {
                        ok = false;
                    }
                    match party {
                        Some(p) => out.push(Membership {
                            party: to_id(&p)?,
                            since: since.map(|d| d.0),
                            until: until.map(|d| d.0),
                        }),
                        None => ok = false,
                    }
                }
                _ => {
                    cx.wrong_type(item, "a party id or a table", &ipath);
                    ok = false;
                }
            }
        }
        if ok && out.is_empty() {
            let loc = cx.loc(v.span());
            cx.sink
                .error(Code::EmptyList, loc, format!("`{path}` is empty"))
                .help("list the members, e.g. `members = [\"kz\", \"uz\"]`");
            return None;
        }
        ok.then_some(out)
    }
}

fn secretariat(cx: &mut Cx<'_>, v: &Value<'_>, path: String, r: &mut Refs) -> Option<Secretariat> {
    let mut f = Fields::of(cx, v, path, spec::table(spec::SECRETARIAT))?;
    let seat = f.take(cx, "seat", read::REQ, read::labels);
    let had = f.has("established");
    let established = f
        .take(cx, "established", read::OPT, read::date)
        .map(|d| d.0);
    let sources = r.sources(cx, &mut f, true);
    f.finish(cx);
    if had && established.is_none() {
        return None;
    }
    Some(Secretariat {
        seat: seat?,
        established,
        sources: sources?,
    })
}

fn period(
    cx: &mut Cx<'_>,
    f: &mut Fields<'_, '_>,
    key: &str,
    required: bool,
) -> Option<Option<Period>> {
    let got = if required {
        f.take(cx, key, read::REQ, read::string)
    } else {
        f.take(cx, key, read::OPT, read::string)
    };
    let path = f.key_path(key);
    match got {
        None if f.has(key) || required => None,
        None => Some(None),
        Some((s, loc)) => match s.parse::<Period>() {
            Ok(p) => Some(Some(p)),
            Err(e) => {
                cx.sink
                    .error(
                        Code::InvalidPeriod,
                        loc,
                        format!("invalid period in `{path}`: {e}"),
                    )
                    .help("write `2y` for every two years, `6m` for every six months");
                None
            }
        },
    }
}

/// A date that may also be written as a half-year term (`"2025-H2"`), see
/// [`crate::parse_term`].
fn term_date(
    cx: &mut Cx<'_>,
    f: &mut Fields<'_, '_>,
    key: &str,
    required: bool,
) -> Option<(PartialDate, Loc)> {
    let v = if required {
        f.req(cx, key)?
    } else {
        f.get(key)?
    };
    let path = f.key_path(key);
    match v.get_ref() {
        Node::String(s) if s.contains("-H") => {
            let loc = cx.loc(v.span());
            match crate::parse_term(s) {
                Ok(d) => Some((d, loc)),
                Err(e) => {
                    cx.sink
                        .error(
                            Code::InvalidDate,
                            loc,
                            format!("invalid term in `{path}`: {e}"),
                        )
                        .help("write a half-year as \"2025-H1\" or \"2025-H2\"");
                    None
                }
            }
        }
        _ => read::date(cx, v, &path),
    }
}

fn schedule(
    cx: &mut Cx<'_>,
    v: &Value<'_>,
    path: String,
    r: &mut Refs,
    locs: &mut ScheduleLocs,
) -> Option<Schedule> {
    let mut f = Fields::of(cx, v, path, spec::table(spec::SCHEDULE))?;
    let kind = if f.has("kind") {
        f.word_of(
            read::OPT,
            cx,
            "kind",
            "schedule kind",
            &[
                ("meetings", ScheduleKind::Meetings),
                ("terms", ScheduleKind::Terms),
            ],
        )
    } else {
        Some(ScheduleKind::Meetings)
    };
    let every = period(cx, &mut f, "every", false);
    let first = term_date(cx, &mut f, "first", matches!(every, Some(Some(_))));
    let first_edition = if f.has("first-edition") {
        ordinal(cx, &mut f, "first-edition")
    } else {
        Some(1)
    };
    if let (Some(None), Some(_)) = (&every, &first) {
        let loc = cx.loc(f.span.clone());
        cx.sink
            .error(
                Code::FirstWithoutEvery,
                loc,
                format!("`{}` has `first` but no `every`", f.path),
            )
            .help("give the period, e.g. `every = \"2y\"`, or remove `first`");
    }
    if kind == Some(ScheduleKind::Terms) && matches!(every, Some(None)) {
        let loc = cx.loc(f.span.clone());
        cx.sink
            .error(
                Code::MissingKey,
                loc,
                format!("`{}` is a schedule of terms without `every`", f.path),
            )
            .help("terms need a length and a first term: `every = \"6m\"`, `first = \"2025-H1\"`");
    }
    let mut hosts_until = None;
    let hosts = match f.get("hosts") {
        None => Some(HostRule::None),
        Some(h) => host_rule(
            cx,
            h,
            f.key_path("hosts").to_string(),
            r,
            0,
            &mut hosts_until,
        ),
    };
    let had_hostless = f.has("hostless-uses-turn");
    let hostless_uses_turn = f.take(cx, "hostless-uses-turn", read::OPT, read::boolean);
    let sources = r.sources(cx, &mut f, true);
    let mut ok = !(had_hostless && hostless_uses_turn.is_none());
    let first_date = first.map(|d| d.0);
    let mut changes = each(cx, &mut f, "change", spec::CHANGE, &mut ok, |cx, c| {
        let from = term_date(cx, c, "from", true);
        let every = period(cx, c, "every", true);
        let sources = r.sources(cx, c, true);
        if let (Some((fd, floc)), Some(first)) = (from, first_date) {
            if !first.is_definitely_before(&fd) {
                cx.sink
                    .error(
                        Code::DatesOutOfOrder,
                        floc,
                        format!(
                            "`{}` starts ({fd}) before the first edition ({first})",
                            c.key_path("from")
                        ),
                    )
                    .help("a cadence change comes after the anchor edition");
                return None;
            }
        }
        Some(CadenceChange {
            from: from?.0,
            every: every??,
            sources: sources?,
        })
    });
    changes.sort_by_key(|c| c.from);
    let decisions = each(cx, &mut f, "decision", spec::DECISION, &mut ok, |cx, d| {
        locs.decisions
            .push((d.path.to_string(), cx.loc(d.span.clone())));
        decision(cx, d, r)
    });
    let exceptions = each(
        cx,
        &mut f,
        "exception",
        spec::EXCEPTION,
        &mut ok,
        |cx, e| {
            locs.exceptions
                .push((e.path.to_string(), cx.loc(e.span.clone())));
            exception(cx, e, r)
        },
    );
    let note = f.take(cx, "note", read::OPT, read::text);
    f.finish(cx);
    let cadence = match (every?, first) {
        (Some(every), Some((first, _))) => Some(Cadence {
            every,
            first,
            first_edition: first_edition?,
            changes,
        }),
        (None, None) => None,
        _ => return None,
    };
    if !ok {
        return None;
    }
    Some(Schedule {
        kind: kind?,
        cadence,
        hosts: hosts?,
        hosts_until,
        hostless_uses_turn: hostless_uses_turn.unwrap_or(false),
        sources: sources?,
        decisions,
        exceptions,
        note,
    })
}

/// Reads each table of an array-of-tables key (`[[mechanism.schedule.decision]]`) with
/// `read`, then reports its unread keys; `ok` turns false when one cannot be read.
fn each<T>(
    cx: &mut Cx<'_>,
    f: &mut Fields<'_, '_>,
    key: &str,
    table: usize,
    ok: &mut bool,
    mut read: impl FnMut(&mut Cx<'_>, &mut Fields<'_, '_>) -> Option<T>,
) -> Vec<T> {
    let items = match f.get(key) {
        None => return Vec::new(),
        Some(v) => match v.get_ref() {
            Node::Array(a) => a,
            _ => {
                cx.wrong_type(v, "an array of tables", &f.key_path(key));
                *ok = false;
                return Vec::new();
            }
        },
    };
    let mut out = Vec::new();
    for (i, t) in items.iter().enumerate() {
        let path = format!("{}.{key}[{i}]", f.path);
        let Some(mut fields) = Fields::of(cx, t, path, spec::table(table)) else {
            *ok = false;
            continue;
        };
        let v = read(cx, &mut fields);
        fields.finish(cx);
        match v {
            Some(v) => out.push(v),
            None => *ok = false,
        }
    }
    out
}

fn ordinal(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>, key: &str) -> Option<u32> {
    let (n, loc) = f.take(cx, key, read::REQ, read::int)?;
    match u32::try_from(n) {
        Ok(n) if n >= 1 => Some(n),
        _ => {
            cx.sink
                .error(
                    Code::EditionOutOfRange,
                    loc,
                    format!("edition {n} in `{}` is out of range", f.key_path(key)),
                )
                .help("editions are counted from 1");
            None
        }
    }
}

/// The deepest nesting of `alternate` rules accepted.
const MAX_RULE_DEPTH: usize = 8;

/// Whether the rule table is an `ordered` or `alphabetical` rule (alone), which may name
/// the holder of its first turn.
fn which_start_applies(f: &Fields<'_, '_>) -> bool {
    let rules = ["fixed", "ordered", "alphabetical", "alternate"];
    let n = rules.iter().filter(|k| f.has(k)).count();
    n == 1 && (f.has("ordered") || f.has("alphabetical"))
}

fn host_rule(
    cx: &mut Cx<'_>,
    v: &Value<'_>,
    path: String,
    r: &mut Refs,
    depth: usize,
    until: &mut Option<PartialDate>,
) -> Option<HostRule> {
    let mut f = Fields::of(cx, v, path, spec::table(spec::HOSTS))?;
    // `until` belongs to the whole rule, not to a side of `alternate`.
    if f.has("until") {
        if depth == 0 {
            *until = f.take(cx, "until", read::OPT, read::date).map(|d| d.0);
            if until.is_none() {
                f.finish(cx);
                return None;
            }
        } else {
            let _ = f.get("until");
            let loc = f.get_loc(cx, "until");
            cx.sink
                .error(
                    Code::UnknownKey,
                    loc,
                    format!(
                        "`{}` ends a side of `alternate`, not the whole rule",
                        f.key_path("until")
                    ),
                )
                .help("give `until` to the whole rule, next to `alternate`");
            f.finish(cx);
            return None;
        }
    }
    let had_start = f.has("start");
    let start = if which_start_applies(&f) {
        r.id(cx, &mut f, "start", Kind::Party, false)
    } else {
        None
    };
    if had_start && which_start_applies(&f) && start.is_none() {
        f.finish(cx);
        return None;
    }
    let start: Option<PartyId> = start.as_deref().and_then(to_id);
    let which: Vec<&str> = ["fixed", "ordered", "alphabetical", "alternate"]
        .into_iter()
        .filter(|k| f.has(k))
        .collect();
    if let [one] = which.as_slice() {
        f.set_variant(one);
    }
    let rule = match which.as_slice() {
        ["fixed"] => r
            .id(cx, &mut f, "fixed", Kind::Party, true)
            .and_then(|p| to_id(&p))
            .map(HostRule::Fixed),
        ["ordered"] => r
            .ids(cx, &mut f, "ordered", Kind::Party, true)
            .and_then(|ids| {
                if ids.is_empty() {
                    let loc = f.get_loc(cx, "ordered");
                    cx.sink
                        .error(
                            Code::EmptyList,
                            loc,
                            format!("`{}` is empty", f.key_path("ordered")),
                        )
                        .help("list the parties in the order they host");
                    None
                } else {
                    Some(HostRule::Ordered {
                        list: to_ids(ids),
                        start: start.clone(),
                    })
                }
            }),
        ["alphabetical"] => {
            let lang = f
                .take(cx, "alphabetical", read::REQ, read::string)
                .and_then(|(s, loc)| read::lang(cx, &s, loc, &f.key_path("alphabetical")));
            let had_among = f.has("among");
            let among = r.ids(cx, &mut f, "among", Kind::Party, false);
            let except = r.ids(cx, &mut f, "except", Kind::Party, false);
            match (lang, among, except) {
                (Some(lang), Some(among), Some(except)) => Some(HostRule::Alphabetical {
                    lang,
                    among: had_among.then(|| to_ids(among)),
                    except: to_ids(except),
                    start: start.clone(),
                }),
                _ => None,
            }
        }
        ["alternate"] => {
            let a = f.get("alternate")?;
            let apath = f.key_path("alternate").to_string();
            match a.get_ref() {
                Node::Array(items) if depth < MAX_RULE_DEPTH && items.len() >= 2 => {
                    let mut sides = Vec::new();
                    let mut ok = true;
                    for (i, item) in items.iter().enumerate() {
                        let mut none = None;
                        let side = format!("{apath}[{i}]");
                        match host_rule(cx, item, side, r, depth + 1, &mut none) {
                            Some(rule) => sides.push(rule),
                            None => ok = false,
                        }
                    }
                    ok.then_some(HostRule::Alternate(sides))
                }
                Node::Array(_) if depth >= MAX_RULE_DEPTH => {
                    let loc = cx.loc(a.span());
                    cx.sink
                        .error(
                            Code::AlternateTooDeep,
                            loc,
                            format!(
                                "`{apath}` nests `alternate` rules more than {MAX_RULE_DEPTH} deep"
                            ),
                        )
                        .help("flatten the rule");
                    None
                }
                Node::Array(_) => {
                    let loc = cx.loc(a.span());
                    cx.sink
                        .error(Code::AlternateTooFew, loc, format!("`{apath}` needs at least two sides"))
                        .help("write `alternate = [rule, rule]`, e.g. `[{ fixed = \"cn\" }, { alphabetical = \"en\", except = [\"cn\"] }]`");
                    None
                }
                _ => {
                    cx.wrong_type(a, "an array of host rules", &apath);
                    None
                }
            }
        }
        [] => {
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(Code::HostRuleCount, loc, format!("`{}` names no host rule", f.path))
                .help("use one of `fixed`, `ordered`, `alphabetical` or `alternate`; remove `hosts` when the host is agreed each time");
            None
        }
        _ => {
            // The rules named are known keys: they are not reported again as unknown.
            for k in &which {
                let _ = f.get(k);
            }
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(Code::HostRuleCount, loc, format!("`{}` names several host rules: {}", f.path, which.join(", ")))
                .help("a host rule is one of `fixed`, `ordered`, `alphabetical` or `alternate`; combine sides with `alternate`");
            None
        }
    };
    f.finish(cx);
    rule
}

/// The edition a decision or exception is about: `edition = 3` or `edition-date = 2025`
/// (exactly one). An edition named by its date has ordinal 0 until the checks across
/// records find it.
fn edition_of(cx: &mut Cx<'_>, f: &mut Fields<'_, '_>) -> Option<(u32, Option<PartialDate>)> {
    match (f.has("edition"), f.has("edition-date")) {
        (true, true) => {
            let _ = (f.get("edition"), f.get("edition-date"));
            let loc = cx.loc(f.span.clone());
            cx.sink
                .error(
                    Code::ExclusiveKeys,
                    loc,
                    format!("`{}` names its edition twice", f.path),
                )
                .help("give `edition` (its ordinal) or `edition-date` (its date), not both");
            None
        }
        (false, true) => term_date(cx, f, "edition-date", true).map(|(d, _)| (0, Some(d))),
        _ => ordinal(cx, f, "edition").map(|n| (n, None)),
    }
}

/// A decision, in a schedule or in a `[[decision]]` of its own.
fn decision(cx: &mut Cx<'_>, d: &mut Fields<'_, '_>, r: &mut Refs) -> Option<Decision> {
    let edition = edition_of(cx, d);
    let had = (
        d.has("date"),
        d.has("host"),
        d.has("document"),
        d.has("decided"),
    );
    let decided = d.take(cx, "decided", read::OPT, read::date).map(|x| x.0);
    let date = d.take(cx, "date", read::OPT, read::date).map(|x| x.0);
    let host = r.id(cx, d, "host", Kind::Party, false);
    let document = r.id(cx, d, "document", Kind::Document, false);
    let confidence = confidence(cx, d);
    let sources = r.sources(cx, d, true);
    let note = d.take(cx, "note", read::OPT, read::text);
    if !had.0 && !had.1 {
        let loc = cx.loc(d.span.clone());
        cx.sink
            .error(
                Code::NoneOfKeys,
                loc,
                format!("`{}` decides neither a date nor a host", d.path),
            )
            .help("give `date`, `host` or both");
        return None;
    }
    if (had.0 && date.is_none())
        || (had.1 && host.is_none())
        || (had.2 && document.is_none())
        || (had.3 && decided.is_none())
    {
        return None;
    }
    let (edition, edition_date) = edition?;
    Some(Decision {
        edition,
        edition_date,
        decided,
        date,
        host: host.as_deref().and_then(to_id),
        document: document.as_deref().and_then(to_id),
        confidence: confidence?,
        sources: sources?,
        note,
    })
}

/// An exception, in a schedule or in an `[[exception]]` of its own.
fn exception(cx: &mut Cx<'_>, e: &mut Fields<'_, '_>, r: &mut Refs) -> Option<Exception> {
    let edition = edition_of(cx, e);
    let had_decided = e.has("decided");
    let decided = e.take(cx, "decided", read::OPT, read::date).map(|x| x.0);
    let kind: Option<&str> = e.word_of(
        read::REQ,
        cx,
        "kind",
        "exception kind",
        &[
            ("skip", "skip"),
            ("swap", "swap"),
            ("replace", "replace"),
            ("postpone", "postpone"),
            ("cancel", "cancel"),
        ],
    );
    if let Some(k) = kind {
        e.set_variant(k);
    }
    let kind = match kind {
        Some("swap") => e
            .req(cx, "with")
            .and_then(|_| ordinal(cx, e, "with"))
            .map(|with| ExceptionKind::Swap { with }),
        Some("replace") => r
            .id(cx, e, "host", Kind::Party, true)
            .and_then(|h| to_id(&h))
            .map(|host| ExceptionKind::Replace { host }),
        Some("postpone") => e
            .take(cx, "date", read::REQ, read::date)
            .map(|(date, _)| ExceptionKind::Postpone { date }),
        Some("skip") => Some(ExceptionKind::Skip),
        Some(_) => Some(ExceptionKind::Cancel),
        None => None,
    };
    let sources = r.sources(cx, e, true);
    let note = e.take(cx, "note", read::OPT, read::text);
    if had_decided && decided.is_none() {
        return None;
    }
    let (edition, edition_date) = edition?;
    Some(Exception {
        edition,
        edition_date,
        decided,
        kind: kind?,
        sources: sources?,
        note,
    })
}

impl RawSet {
    /// A `[[decision]]` written outside its mechanism.
    pub(super) fn loose_decision(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<LooseDecision> {
        let Rec { cx, f, r, .. } = c;
        let mechanism = r.id(cx, f, "mechanism", Kind::Mechanism, true);
        let d = decision(cx, f, r);
        Some(LooseDecision {
            mechanism: to_id(&mechanism?)?,
            decision: d?,
        })
    }

    /// An `[[exception]]` written outside its mechanism.
    pub(super) fn loose_exception(&mut self, c: Rec<'_, '_, '_, '_>) -> Option<LooseException> {
        let Rec { cx, f, r, .. } = c;
        let mechanism = r.id(cx, f, "mechanism", Kind::Mechanism, true);
        let e = exception(cx, f, r);
        Some(LooseException {
            mechanism: to_id(&mechanism?)?,
            exception: e?,
        })
    }
}
