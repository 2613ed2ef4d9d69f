#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::expect_used,
    clippy::panic
)]

use super::*;
use crate::model::Records;
use crate::{
    Cadence, CadenceChange, Confidence, Decision, Edition, Exception, ExceptionKind, HostRule,
    Labels, LangTag, Level, Mechanism, MechanismId, Membership, Party, PartyKind, Period, Schedule,
    Summit, SummitStatus,
};
use proptest::prelude::*;

fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

fn pid(s: &str) -> PartyId {
    PartyId::new(s).unwrap()
}

fn pids(ids: &[&str]) -> Vec<PartyId> {
    ids.iter().map(|s| pid(s)).collect()
}

fn src(s: &str) -> SourceId {
    SourceId::new(s).unwrap()
}

/// A state with names: `[("en", "Kazakhstan"), ("ru", "Казахстан")]`.
fn party(id: &str, names: &[(&str, &str)]) -> Party {
    let mut name = Labels::new();
    for (l, t) in names {
        name.insert(LangTag::new(l).unwrap(), *t);
    }
    Party {
        id: pid(id),
        kind: PartyKind::State,
        name,
        sources: vec![],
    }
}

fn en(id: &str, name: &str) -> Party {
    party(id, &[("en", name)])
}

fn member(id: &str) -> Membership {
    Membership {
        party: pid(id),
        since: None,
        until: None,
    }
}

fn member_between(id: &str, since: Option<&str>, until: Option<&str>) -> Membership {
    Membership {
        party: pid(id),
        since: since.map(d),
        until: until.map(d),
    }
}

fn cadence(every: &str, first: &str) -> Option<Cadence> {
    Some(Cadence {
        every: every.parse::<Period>().unwrap(),
        first: d(first),
        first_edition: 1,
        changes: vec![],
    })
}

fn schedule(cadence: Option<Cadence>, hosts: HostRule) -> Schedule {
    Schedule {
        kind: crate::ScheduleKind::Meetings,
        cadence,
        hosts,
        hosts_until: None,
        hostless_uses_turn: false,
        sources: vec![src("rule-src")],
        decisions: vec![],
        exceptions: vec![],
        note: None,
    }
}

fn alpha(lang: &str) -> HostRule {
    HostRule::Alphabetical {
        lang: LangTag::new(lang).unwrap(),
        among: None,
        except: vec![],
        start: None,
    }
}

fn ordered(list: Vec<PartyId>) -> HostRule {
    HostRule::Ordered { list, start: None }
}

fn mechanism(id: &str, members: Vec<Membership>, schedule: Option<Schedule>) -> Mechanism {
    Mechanism {
        id: MechanismId::new(id).unwrap(),
        name: Labels::english(id),
        level: Level::HeadsOfState,
        members,
        established: None,
        secretariat: None,
        schedule,
        sources: vec![],
        note: None,
    }
}

fn summit(
    id: &str,
    mech: &str,
    edition: Edition,
    date: &str,
    host: Option<&str>,
    status: SummitStatus,
    confidence: Confidence,
) -> Summit {
    Summit {
        id: SummitId::new(id).unwrap(),
        mechanism: MechanismId::new(mech).unwrap(),
        edition,
        name: None,
        date: d(date),
        host: host.map(pid),
        venue: None,
        online: false,
        status,
        confidence,
        participants: vec![],
        sources: vec![src(&format!("{id}-src"))],
        note: None,
    }
}

fn held(id: &str, mech: &str, n: u32, date: &str, host: &str) -> Summit {
    summit(
        id,
        mech,
        Edition::Ordinal(n),
        date,
        Some(host),
        SummitStatus::Held,
        Confidence::Confirmed,
    )
}

fn decision(n: u32, date: Option<&str>, host: Option<&str>, confidence: Confidence) -> Decision {
    Decision {
        edition: n,
        edition_date: None,
        decided: None,
        date: date.map(d),
        host: host.map(pid),
        document: Some(DocumentId::new("decl").unwrap()),
        confidence,
        sources: vec![src("decision-src")],
        note: None,
    }
}

fn exception(n: u32, kind: ExceptionKind) -> Exception {
    Exception {
        edition: n,
        edition_date: None,
        decided: None,
        kind,
        sources: vec![src("exception-src")],
        note: None,
    }
}

fn dataset(parties: Vec<Party>, mechanisms: Vec<Mechanism>, summits: Vec<Summit>) -> Dataset {
    Dataset::from_records(Records {
        parties,
        mechanisms,
        summits,
        ..Records::default()
    })
}

/// Hosts of the first `n` editions, `?` when unknown.
#[track_caller]
fn hosts(ds: &Dataset, mech: &str, n: usize) -> Vec<String> {
    ds.schedule(mech)
        .unwrap()
        .take(n)
        .map(|e| e.host.map_or_else(|| "?".to_owned(), |h| h.to_string()))
        .collect()
}

#[track_caller]
fn dates(ds: &Dataset, mech: &str, n: usize) -> Vec<String> {
    ds.schedule(mech)
        .unwrap()
        .take(n)
        .map(|e| e.date.map_or_else(|| "?".to_owned(), |d| d.to_string()))
        .collect()
}

fn five() -> Vec<Party> {
    vec![
        en("aa", "Austria"),
        en("bb", "Belgium"),
        en("cc", "Chile"),
        en("dd", "Denmark"),
        en("ff", "Finland"),
        en("ee", "Egypt"),
    ]
}

fn members(ids: &[&str]) -> Vec<Membership> {
    ids.iter().map(|i| member(i)).collect()
}

#[test]
fn fixed_host() {
    let m = mechanism(
        "m",
        members(&["aa", "bb"]),
        Some(schedule(cadence("1y", "2020"), HostRule::Fixed(pid("bb")))),
    );
    let ds = dataset(five(), vec![m], vec![]);
    assert_eq!(hosts(&ds, "m", 3), ["bb", "bb", "bb"]);
    assert_eq!(dates(&ds, "m", 3), ["2020", "2021", "2022"]);
    let e = ds.schedule("m").unwrap().next().unwrap();
    assert_eq!(e.status, EditionStatus::Projected);
    assert_eq!(e.source(), "rule (rule-src)");
}

#[test]
fn no_rule_gives_candidates() {
    let m = mechanism(
        "m",
        members(&["cc", "aa", "bb"]),
        Some(schedule(cadence("2y", "2020"), HostRule::None)),
    );
    let ds = dataset(five(), vec![m], vec![]);
    let e = ds.schedule("m").unwrap().next().unwrap();
    assert_eq!(e.host, None);
    assert_eq!(e.candidates, pids(&["aa", "bb", "cc"]));
}

#[test]
fn half_yearly_ordered_list() {
    let m = mechanism(
        "m",
        members(&["aa", "bb", "cc"]),
        Some(schedule(
            cadence("6m", "2024-01"),
            ordered(pids(&["cc", "aa", "bb"])),
        )),
    );
    let ds = dataset(five(), vec![m], vec![]);
    assert_eq!(hosts(&ds, "m", 5), ["cc", "aa", "bb", "cc", "aa"]);
    assert_eq!(
        dates(&ds, "m", 5),
        ["2024-01", "2024-07", "2025-01", "2025-07", "2026-01"]
    );
}

#[test]
fn monthly_alphabetical_carries_across_membership_change() {
    // Belgium holds December 2024 and leaves; Egypt joins in 2025. The turn passes to the
    // first name after "Belgium" among the new members: Chile, not a restart at Austria.
    let m = mechanism(
        "m",
        vec![
            member("aa"),
            member_between("bb", None, Some("2024")),
            member("cc"),
            member("dd"),
            member_between("ee", Some("2025"), None),
            member("ff"),
        ],
        Some(schedule(cadence("1m", "2024-01"), alpha("en"))),
    );
    let ds = dataset(five(), vec![m], vec![]);
    let all = hosts(&ds, "m", 18);
    assert_eq!(
        all[..12],
        [
            "aa", "bb", "cc", "dd", "ff", "aa", "bb", "cc", "dd", "ff", "aa", "bb"
        ]
    );
    assert_eq!(all[12..], ["cc", "dd", "ee", "ff", "aa", "cc"]);
    assert_eq!(dates(&ds, "m", 13)[12], "2025-01");
}

fn annual_five(exceptions: Vec<Exception>) -> Dataset {
    let mut s = schedule(cadence("1y", "2020"), alpha("en"));
    s.exceptions = exceptions;
    let m = mechanism("m", members(&["ee", "dd", "cc", "bb", "aa"]), Some(s));
    dataset(five(), vec![m], vec![])
}

#[test]
fn annual_alphabetical_with_swap_and_skip() {
    let base = hosts(&annual_five(vec![]), "m", 11);
    assert_eq!(
        base,
        [
            "aa", "bb", "cc", "dd", "ee", "aa", "bb", "cc", "dd", "ee", "aa"
        ]
    );
    let ds = annual_five(vec![
        exception(2, ExceptionKind::Swap { with: 3 }),
        exception(7, ExceptionKind::Skip),
    ]);
    assert_eq!(
        hosts(&ds, "m", 11),
        [
            "aa", "cc", "bb", "dd", "ee", "aa", "cc", "dd", "ee", "aa", "bb"
        ]
    );
    let e2 = ds.schedule("m").unwrap().nth(1).unwrap();
    assert_eq!(e2.source(), "swap (exception-src)");
}

#[test]
fn replace_postpone_cancel() {
    let ds = annual_five(vec![
        exception(2, ExceptionKind::Replace { host: pid("ee") }),
        exception(3, ExceptionKind::Postpone { date: d("2023-03") }),
        exception(4, ExceptionKind::Cancel),
    ]);
    let e: Vec<_> = ds.schedule("m").unwrap().take(6).collect();
    let h: Vec<_> = e
        .iter()
        .map(|x| x.host.clone().unwrap().to_string())
        .collect();
    // Replace: ee hosts 2, the rotation continues as if bb had: cc next.
    assert_eq!(h, ["aa", "ee", "cc", "dd", "ee", "aa"]);
    assert_eq!(e[2].date, Some(d("2023-03")));
    // A meeting postponed to March 2023 moves the next one a year after it.
    assert_eq!(e[3].date, Some(d("2024")));
    assert_eq!(e[3].status, EditionStatus::Cancelled);
    assert_eq!(e[4].date, Some(d("2025")));
}

#[test]
fn triennial_alternation() {
    let m = mechanism(
        "m",
        members(&["aa", "bb", "cc", "dd"]),
        Some(schedule(
            cadence("3y", "2021"),
            HostRule::Alternate(vec![
                HostRule::Fixed(pid("dd")),
                ordered(pids(&["aa", "bb", "cc"])),
            ]),
        )),
    );
    let ds = dataset(five(), vec![m], vec![]);
    assert_eq!(
        hosts(&ds, "m", 8),
        ["dd", "aa", "dd", "bb", "dd", "cc", "dd", "aa"]
    );
    assert_eq!(dates(&ds, "m", 3), ["2021", "2024", "2027"]);
}

#[test]
fn english_collation_with_accents() {
    let parties = vec![
        en("tv", "Tuvalu"),
        en("tr", "Türkiye"),
        en("cz", "Czechia"),
        en("ci", "Côte d'Ivoire"),
        en("ca", "Canada"),
    ];
    let m = mechanism(
        "m",
        members(&["tv", "tr", "cz", "ci", "ca"]),
        Some(schedule(cadence("1y", "2020"), alpha("en"))),
    );
    let ds = dataset(parties, vec![m], vec![]);
    assert_eq!(hosts(&ds, "m", 5), ["ca", "ci", "cz", "tr", "tv"]);
}

#[test]
fn russian_collation_with_yo_and_short_i() {
    // Code-point order would put Ё before А; root collation would put Й with И.
    let parties = vec![
        party("ee", &[("en", "Estonia"), ("ru", "Эстония")]),
        party("yo", &[("en", "Yolkania"), ("ru", "Ёлкания")]),
        party("eg", &[("en", "Egypt"), ("ru", "Египет")]),
        party("at", &[("en", "Austria"), ("ru", "Австрия")]),
        party("ye", &[("en", "Yemen"), ("ru", "Йемен")]),
        party("iq", &[("en", "Iraq"), ("ru", "Ирак")]),
        party("ir", &[("en", "Iran"), ("ru", "Иран")]),
    ];
    let m = mechanism(
        "m",
        members(&["ee", "yo", "eg", "at", "ye", "iq", "ir"]),
        Some(schedule(cadence("1y", "2020"), alpha("ru"))),
    );
    let ds = dataset(parties, vec![m], vec![]);
    assert_eq!(
        hosts(&ds, "m", 8),
        ["at", "eg", "yo", "iq", "ir", "ye", "ee", "at"]
    );
}

fn central_asia() -> Vec<Party> {
    vec![
        en("cn", "China"),
        en("kz", "Kazakhstan"),
        en("kg", "Kyrgyzstan"),
        en("tj", "Tajikistan"),
        en("tm", "Turkmenistan"),
        en("uz", "Uzbekistan"),
        en("ru", "Russia"),
    ]
}

fn china_central_asia() -> Dataset {
    let mut s = schedule(
        cadence("2y", "2023"),
        HostRule::Alternate(vec![
            HostRule::Fixed(pid("cn")),
            HostRule::Alphabetical {
                lang: LangTag::new("en").unwrap(),
                among: None,
                except: pids(&["cn"]),
                start: None,
            },
        ]),
    );
    s.sources = vec![src("xian-declaration-2023")];
    s.decisions = vec![Decision {
        document: Some(DocumentId::new("xian-declaration-2023").unwrap()),
        sources: vec![src("xinhua-2023-05-19")],
        ..decision(2, Some("2025"), Some("kz"), Confidence::Confirmed)
    }];
    let m = mechanism(
        "china-central-asia",
        members(&["cn", "kz", "kg", "tj", "tm", "uz"]),
        Some(s),
    );
    let summits = vec![
        held(
            "cca-2023-xian",
            "china-central-asia",
            1,
            "2023-05-18/2023-05-19",
            "cn",
        ),
        held(
            "cca-2025-astana",
            "china-central-asia",
            2,
            "2025-06-17",
            "kz",
        ),
        summit(
            "cca-2027",
            "china-central-asia",
            Edition::Ordinal(3),
            "2027",
            Some("cn"),
            SummitStatus::Planned,
            Confidence::Reported,
        ),
    ];
    dataset(central_asia(), vec![m], summits)
}

#[test]
fn china_central_asia_case() {
    let ds = china_central_asia();
    let e: Vec<_> = ds.schedule("china-central-asia").unwrap().take(8).collect();
    let h: Vec<_> = e
        .iter()
        .map(|x| x.host.clone().unwrap().to_string())
        .collect();
    assert_eq!(h, ["cn", "kz", "cn", "kg", "cn", "tj", "cn", "tm"]);
    let years: Vec<_> = e.iter().map(|x| x.date.unwrap().year()).collect();
    assert_eq!(years, [2023, 2025, 2027, 2029, 2031, 2033, 2035, 2037]);
    assert_eq!(e[0].status, EditionStatus::Held);
    assert_eq!(e[1].status, EditionStatus::Held);
    assert_eq!(e[0].source(), "summit cca-2023-xian");
    assert_eq!(e[2].status, EditionStatus::Projected);
    assert_eq!(e[2].date.unwrap().to_string(), "2027");
    assert_eq!(e[2].summit.as_ref().unwrap().as_str(), "cca-2027");
    assert_eq!(
        serde_json::to_string(&e[2].provenance).unwrap(),
        concat!(
            r#"[{"field":"edition","basis":"rule","sources":["xian-declaration-2023"],"anchor":null},"#,
            r#"{"field":"date","basis":"rule","sources":["xian-declaration-2023"],"anchor":{"edition":2,"date":"2025-06-17","how":"held","periods":1}},"#,
            r#"{"field":"date","basis":"report","summit":"cca-2027","document":null,"sources":["cca-2027-src"],"agrees":true},"#,
            r#"{"field":"host","basis":"rule","sources":["xian-declaration-2023"],"anchor":null},"#,
            r#"{"field":"host","basis":"report","summit":"cca-2027","document":null,"sources":["cca-2027-src"],"agrees":true}]"#
        )
    );
    assert_eq!(
        e[2].source(),
        "1 period after edition 2, held 2025-06-17; rule (xian-declaration-2023); reported cca-2027 (cca-2027-src)"
    );
    let status: Vec<_> = e.iter().map(|x| x.status).collect();
    assert_eq!(
        status,
        [EditionStatus::Held, EditionStatus::Held]
            .into_iter()
            .chain([EditionStatus::Projected; 6])
            .collect::<Vec<_>>()
    );
    assert_eq!(e.iter().map(|x| x.candidates.len()).sum::<usize>(), 0);

    let r = ds.reconcile("china-central-asia").unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].outcome, Outcome::Kept);
    assert_eq!(r[0].summit.as_ref().unwrap().as_str(), "cca-2025-astana");

    let next = ds
        .next_edition("china-central-asia", d("2025-10-01"))
        .unwrap()
        .unwrap();
    assert_eq!(next.ordinal, Some(3));
}

fn central_asia_russia() -> Dataset {
    let mut s = schedule(None, HostRule::None);
    s.decisions = vec![decision(3, Some("2027"), None, Confidence::Confirmed)];
    let m = mechanism(
        "central-asia-russia",
        members(&["ru", "kz", "kg", "tj", "tm", "uz"]),
        Some(s),
    );
    let summits = vec![
        held("car-2022", "central-asia-russia", 1, "2022-10-14", "kz"),
        held("car-2025", "central-asia-russia", 2, "2025-10-09", "tj"),
    ];
    dataset(central_asia(), vec![m], summits)
}

#[test]
fn central_asia_russia_next() {
    let ds = central_asia_russia();
    let next = ds
        .next_edition("central-asia-russia", d("2025-10-10"))
        .unwrap()
        .unwrap();
    assert_eq!(next.ordinal, Some(3));
    assert_eq!(next.date, Some(d("2027")));
    assert_eq!(next.host, None);
    assert_eq!(next.candidates, pids(&["kg", "kz", "ru", "tj", "tm", "uz"]));
    assert_eq!(next.status, EditionStatus::Decided);
    assert_eq!(next.source(), "decision in decl (decision-src)");
    // Beyond the records: undated, still candidates.
    let e4 = ds.schedule("central-asia-russia").unwrap().nth(3).unwrap();
    assert_eq!(
        (e4.ordinal, e4.date, e4.status),
        (Some(4), None, EditionStatus::Projected)
    );
    assert_eq!(e4.candidates, pids(&["kg", "kz", "ru", "tj", "tm", "uz"]));
    // After 2027, the next is the undated edition 4.
    let after = ds
        .next_edition("central-asia-russia", d("2028"))
        .unwrap()
        .unwrap();
    assert_eq!(after.ordinal, Some(4));
    // Held editions after the date count.
    let early = ds
        .next_edition("central-asia-russia", d("2020"))
        .unwrap()
        .unwrap();
    assert_eq!(early.ordinal, Some(1));
    // During a held edition's year, the held edition is passed over.
    let during = ds
        .next_edition("central-asia-russia", d("2022"))
        .unwrap()
        .unwrap();
    assert_eq!(during.ordinal, Some(2));
}

#[test]
fn unknown_mechanism() {
    let ds = china_central_asia();
    let err = ds.schedule("china-centralasia").unwrap_err();
    assert!(err.is_unknown_id());
    assert_eq!(
        err.to_string(),
        "unknown mechanism `china-centralasia` (did you mean `china-central-asia`?)"
    );
    let message = "unknown mechanism `nope`";
    let err = ds.next_edition("nope", d("2025")).unwrap_err();
    assert_eq!(
        (err.is_unknown_id(), err.to_string().as_str()),
        (true, message)
    );
    let err = ds.reconcile("nope").unwrap_err();
    assert_eq!(
        (err.is_unknown_id(), err.to_string().as_str()),
        (true, message)
    );
}

#[test]
fn no_schedule_uses_summits_only() {
    let m = mechanism("m", members(&["aa", "bb"]), None);
    let summits = vec![
        held("m-1", "m", 1, "2019", "aa"),
        summit(
            "m-sp",
            "m",
            Edition::Special,
            "2020-04",
            None,
            SummitStatus::Held,
            Confidence::Confirmed,
        ),
        held("m-2", "m", 2, "2021", "bb"),
    ];
    let ds = dataset(five(), vec![m], summits);
    let e: Vec<_> = ds.schedule("m").unwrap().take(5).collect();
    let ords: Vec<_> = e.iter().map(|x| x.ordinal).collect();
    assert_eq!(ords, [Some(1), None, Some(2), Some(3), Some(4)]);
    // A held special edition with no host had none: no candidates are guessed.
    assert!(e[1].candidates.is_empty());
    assert_eq!(e[3].date, None);
    assert_eq!(e[3].source(), "no rule");
    assert!(ds.reconcile("m").unwrap().is_empty());
}

#[test]
fn special_editions_do_not_consume_turns() {
    let mut ds_parts = annual_five(vec![]).records.clone();
    ds_parts.summits.push(summit(
        "sp",
        "m",
        Edition::Special,
        "2021-06",
        Some("ee"),
        SummitStatus::Held,
        Confidence::Confirmed,
    ));
    let ds = Dataset::from_records(ds_parts);
    let e: Vec<_> = ds.schedule("m").unwrap().take(4).collect();
    let h: Vec<_> = e
        .iter()
        .map(|x| x.host.clone().unwrap().to_string())
        .collect();
    assert_eq!(h, ["aa", "bb", "ee", "cc"]);
    assert_eq!(e[2].ordinal, None);
    assert_eq!(e[3].ordinal, Some(3));
}

#[test]
fn held_edition_resyncs_rotation() {
    let mut records = annual_five(vec![]).records.clone();
    records.summits.push(held("m-2", "m", 2, "2021-05", "dd"));
    let ds = Dataset::from_records(records);
    assert_eq!(hosts(&ds, "m", 4), ["aa", "dd", "ee", "aa"]);
}

#[test]
fn reported_decision_does_not_decide() {
    let mut records = annual_five(vec![]).records.clone();
    let s = records.mechanisms[0].schedule.as_mut().unwrap();
    s.decisions = vec![
        decision(2, None, Some("cc"), Confidence::Reported),
        decision(3, Some("2022-09"), None, Confidence::Confirmed),
    ];
    let ds = Dataset::from_records(records);
    let e: Vec<_> = ds.schedule("m").unwrap().take(3).collect();
    assert_eq!(e[1].status, EditionStatus::Projected);
    assert_eq!(e[1].host, Some(pid("bb")));
    assert_eq!(
        serde_json::to_string(&e[1].provenance).unwrap(),
        concat!(
            r#"[{"field":"edition","basis":"rule","sources":["rule-src"],"anchor":null},"#,
            r#"{"field":"date","basis":"rule","sources":["rule-src"],"anchor":{"edition":1,"date":"2020","how":"first","periods":1}},"#,
            r#"{"field":"host","basis":"rule","sources":["rule-src"],"anchor":null},"#,
            r#"{"field":"host","basis":"report","summit":null,"document":"decl","sources":["decision-src"],"agrees":false}]"#
        )
    );
    assert_eq!(e[2].status, EditionStatus::Decided);
    assert_eq!(e[2].date, Some(d("2022-09")));
    let r = ds.reconcile("m").unwrap();
    assert_eq!(r[0].outcome, Outcome::Pending);
}

#[test]
fn reconcile_moved_and_cancelled() {
    let mut records = annual_five(vec![exception(4, ExceptionKind::Cancel)])
        .records
        .clone();
    let s = records.mechanisms[0].schedule.as_mut().unwrap();
    s.decisions = vec![
        decision(2, Some("2021"), Some("bb"), Confidence::Confirmed),
        decision(3, Some("2022-06"), Some("cc"), Confidence::Confirmed),
        decision(4, Some("2023"), None, Confidence::Confirmed),
    ];
    records.summits = vec![
        held("m-2", "m", 2, "2021-03-01", "bb"),
        held("m-3", "m", 3, "2023-01-10", "aa"),
    ];
    let ds = Dataset::from_records(records);
    let r = ds.reconcile("m").unwrap();
    assert_eq!(r[0].outcome, Outcome::Kept);
    assert_eq!(
        r[1].outcome,
        Outcome::Moved {
            host: Some((pid("cc"), pid("aa"))),
            date: Some((d("2022-06"), d("2023-01-10"))),
        }
    );
    assert_eq!(r[2].outcome, Outcome::Cancelled);
}

#[test]
fn cadence_change_and_end_of_years() {
    let mut c = cadence("1y", "2020").unwrap();
    c.changes = vec![CadenceChange {
        from: d("2023-06"),
        every: "6m".parse().unwrap(),
        sources: vec![src("change-src")],
    }];
    let m = mechanism(
        "m",
        members(&["aa"]),
        Some(schedule(Some(c), HostRule::Fixed(pid("aa")))),
    );
    let end = mechanism(
        "end",
        members(&["aa"]),
        Some(schedule(cadence("1y", "9990"), HostRule::None)),
    );
    let ds = dataset(five(), vec![m, end], vec![]);
    assert_eq!(
        dates(&ds, "m", 6),
        ["2020", "2021", "2022", "2023-06", "2023-12", "2024-06"]
    );
    // 9990 to 9998 (`MAX_YEAR`): nine editions, then the schedule ends quietly.
    assert_eq!(ds.schedule("end").unwrap().count(), 9);
    assert_eq!(
        ds.next_edition("end", d("9998-06"))
            .unwrap()
            .unwrap()
            .ordinal,
        Some(9)
    );
}

#[test]
fn rendering() {
    let ds = china_central_asia();
    let e: Vec<_> = ds.schedule("china-central-asia").unwrap().take(4).collect();
    let json = schedule_value(&e);
    assert_eq!(json[0]["date"], "2023-05-18/2023-05-19");
    assert_eq!(json[0]["status"], "held");
    assert_eq!(json[0]["source"], "summit cca-2023-xian");
    assert_eq!(json[3]["host"], "kg");
    assert_eq!(json[3]["ordinal"], 4);
    assert_eq!(json[3]["candidates"], serde_json::json!([]));
    assert_eq!(json[3]["provenance"][0]["basis"], "rule");
    let text = schedule_text(&ds, &e, "en");
    assert_eq!(
        text,
        concat!(
            "  1  2023-05-18/19  China       held       summit cca-2023-xian\n",
            "  2  2025-06-17     Kazakhstan  held       summit cca-2025-astana\n",
            "  3  2027           China       projected  1 period after edition 2, held 2025-…\n",
            "  4  2029           Kyrgyzstan  projected  2 periods after edition 2, held 2025…\n",
        )
    );

    let car = central_asia_russia();
    let n = car
        .next_edition("central-asia-russia", d("2026"))
        .unwrap()
        .unwrap();
    let text = schedule_text(&car, std::slice::from_ref(&n), "en");
    assert_eq!(
        text,
        "  3  2027  one of KG, KZ, RU, TJ, TM, UZ  decided    decision in decl (decision…\n"
    );
    assert_eq!(schedule_value(&[n])[0]["host"], serde_json::Value::Null);
}

#[test]
fn public_types_are_send_and_sync() {
    fn ok<T: Send + Sync>() {}
    ok::<ProjectedEdition>();
    ok::<Reconciliation>();
    ok::<ScheduleIter<'static>>();
}

// ---- properties ------------------------------------------------------------------------

const NAMES: [&str; 8] = [
    "Åland",
    "Zambia",
    "Ecuador",
    "Éire",
    "Mali",
    "Malta",
    "Oman",
    "Österreich",
];
const IDS: [&str; 8] = ["p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"];

#[derive(Clone, Debug)]
struct Gen {
    n: usize,
    /// Ordered list (a permutation of the members) or alphabetical.
    ordered: Option<Vec<usize>>,
    monthly: bool,
    /// A member who joins in 2010 (not a founding member), if any.
    joiner: bool,
}

fn arb_gen() -> impl Strategy<Value = Gen> {
    (2usize..=6, any::<bool>(), any::<bool>(), any::<bool>())
        .prop_flat_map(|(n, ordered, monthly, joiner)| {
            let perm = Just((0..n).collect::<Vec<_>>()).prop_shuffle();
            (Just(n), perm, Just(ordered), Just(monthly), Just(joiner))
        })
        .prop_map(|(n, perm, ordered, monthly, joiner)| Gen {
            n,
            ordered: ordered.then_some(perm),
            monthly,
            joiner,
        })
}

fn gen_dataset(g: &Gen, exceptions: Vec<Exception>) -> Dataset {
    let parties = (0..8).map(|i| en(IDS[i], NAMES[i])).collect();
    let mut ms: Vec<Membership> = (0..g.n).map(|i| member(IDS[i])).collect();
    if g.joiner {
        ms.push(member_between(IDS[7], Some("2010"), None));
    }
    let hosts = match &g.ordered {
        Some(p) => {
            let mut list: Vec<PartyId> = p.iter().map(|i| pid(IDS[*i])).collect();
            if g.joiner {
                list.push(pid(IDS[7]));
            }
            ordered(list)
        }
        None => alpha("en"),
    };
    let (every, first) = if g.monthly {
        ("6m", "2000-01")
    } else {
        ("1y", "2000")
    };
    let mut s = schedule(cadence(every, first), hosts);
    s.exceptions = exceptions;
    dataset(parties, vec![mechanism("m", ms, Some(s))], vec![])
}

fn host_list(ds: &Dataset, n: usize) -> Vec<Option<PartyId>> {
    ds.schedule("m").unwrap().take(n).map(|e| e.host).collect()
}

/// The members' ids in English collation order, written out by hand rather than sorted by
/// the collator under test: Åland, Ecuador, Éire, Mali, Malta, Oman, Österreich, Zambia.
const ENGLISH_ORDER: [usize; 8] = [0, 2, 3, 4, 5, 6, 7, 1];

/// The rotation order of a generated mechanism without a joiner.
fn expected_order(g: &Gen) -> Vec<&'static str> {
    match &g.ordered {
        Some(p) => p.iter().map(|&i| IDS[i]).collect(),
        None => ENGLISH_ORDER
            .iter()
            .filter(|&&i| i < g.n)
            .map(|&i| IDS[i])
            .collect(),
    }
}

/// The hosts of the first `n` editions without a joiner, by turns: edition `e` (from 1)
/// is the `(e - 1)`th turn, one turn later from a skipped edition on.
fn expected_hosts(g: &Gen, n: usize, skip: Option<usize>) -> Vec<Option<PartyId>> {
    let order = expected_order(g);
    (1..=n)
        .map(|e| {
            let turn = if skip.is_some_and(|k| e >= k) {
                e
            } else {
                e - 1
            };
            Some(pid(order[turn % order.len()]))
        })
        .collect()
}

/// The date of edition `e` (from 1) as written: every year from 2000, or every six months
/// from January 2000.
fn expected_date(g: &Gen, e: usize) -> String {
    if g.monthly {
        let months = 6 * (e - 1);
        format!("{}-{:02}", 2000 + months / 12, 1 + months % 12)
    } else {
        format!("{}", 2000 + e - 1)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Ordinals count from 1, dates follow the cadence exactly, and hosts take turns in
    /// the rotation order; a joiner (from 2010) hosts only from 2010, and everyone else is
    /// a founding member.
    #[test]
    fn editions_follow_cadence_and_rotation(g in arb_gen()) {
        let ds = gen_dataset(&g, vec![]);
        let e: Vec<_> = ds.schedule("m").unwrap().take(40).collect();
        let ordinals: Vec<_> = e.iter().map(|x| x.ordinal).collect();
        let expected: Vec<_> = (1..=40).map(Some).collect();
        prop_assert_eq!(ordinals, expected);
        let dates: Vec<_> = e.iter().map(|x| x.date.unwrap().to_string()).collect();
        let expected: Vec<_> = (1..=40).map(|k| expected_date(&g, k)).collect();
        prop_assert_eq!(dates, expected);
        if g.joiner {
            for x in &e {
                let h = x.host.as_ref().unwrap().as_str();
                let year: usize = x.date.unwrap().to_string()[..4].parse().unwrap();
                let founder = IDS[..g.n].contains(&h);
                prop_assert!(founder || (h == IDS[7] && year >= 2010), "{} in {}", h, year);
            }
            prop_assert!(e.iter().any(|x| x.host.as_ref().unwrap().as_str() == IDS[7]));
        } else {
            prop_assert_eq!(host_list(&ds, 40), expected_hosts(&g, 40, None));
        }
    }

    #[test]
    fn one_turn_per_member_per_cycle(g in arb_gen()) {
        let g = Gen { joiner: false, ..g };
        let ds = gen_dataset(&g, vec![]);
        let h = host_list(&ds, g.n * 3);
        for cycle in h.chunks(g.n) {
            let mut ids: Vec<_> = cycle.iter().map(|x| x.clone().unwrap()).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), g.n);
        }
    }

    /// A swap exchanges exactly the two editions' hosts.
    #[test]
    fn swap_exchanges_two_hosts(g in arb_gen(), a in 1u32..12, k in 1u32..6) {
        let g = Gen { joiner: false, ..g };
        let k = 1 + k % (g.n as u32 - 1).max(1);
        let k = k.min(g.n as u32 - 1);
        let b = a + k;
        let swapped = host_list(
            &gen_dataset(&g, vec![exception(a, ExceptionKind::Swap { with: b })]),
            24,
        );
        let mut expected = expected_hosts(&g, 24, None);
        expected.swap(a as usize - 1, b as usize - 1);
        prop_assert_eq!(swapped, expected);
    }

    /// A skip leaves the editions before it alone and moves every later turn up by one.
    #[test]
    fn skip_moves_later_turns_up(g in arb_gen(), at in 1usize..20) {
        let g = Gen { joiner: false, ..g };
        let skipped = host_list(&gen_dataset(&g, vec![exception(at as u32, ExceptionKind::Skip)]), 24);
        prop_assert_eq!(skipped, expected_hosts(&g, 24, Some(at)));
    }

    /// Projection is deterministic, and the next edition after a month is the first whose
    /// date does not end before that month begins (by the dates' written form).
    #[test]
    fn deterministic_and_agrees_with_next(g in arb_gen(), year in 1995usize..2030, m in 1usize..=12) {
        let ds = gen_dataset(&g, vec![exception(3, ExceptionKind::Skip)]);
        let a: Vec<_> = ds.schedule("m").unwrap().take(80).collect();
        let b: Vec<_> = ds.schedule("m").unwrap().take(80).collect();
        prop_assert_eq!(&a, &b);
        let after = PartialDate::from_month(year as i32, m as u32).unwrap();
        // An edition dated a year ends before the month when its year is earlier; one dated
        // a month, when its (year, month) is earlier.
        let expected = (1..=80).find(|&e| {
            let text = expected_date(&g, e);
            let y: usize = text[..4].parse().unwrap();
            match text.get(5..) {
                Some(mm) => (y, mm.parse::<usize>().unwrap()) >= (year, m),
                None => y >= year,
            }
        });
        let next = ds.next_edition("m", after).unwrap();
        prop_assert_eq!(next.as_ref().and_then(|x| x.ordinal), expected.map(|e| e as u32));
        prop_assert_eq!(next, expected.map(|e| a[e - 1].clone()));
    }
}

// ---- slips, terms, starts, positions (issue 11) ----------------------------------------

/// The first day of the month `months` months after January of `year` (test oracle).
fn month_start(year: i32, months: i64) -> chrono::NaiveDate {
    let total = i64::from(year) * 12 + months;
    chrono::NaiveDate::from_ymd_opt(
        total.div_euclid(12) as i32,
        total.rem_euclid(12) as u32 + 1,
        1,
    )
    .unwrap()
}

fn terms_schedule(every: &str, first: &str, hosts: HostRule) -> Schedule {
    let mut s = schedule(cadence(every, first), hosts);
    s.kind = crate::ScheduleKind::Terms;
    s
}

#[test]
fn a_slip_moves_the_editions_after_it() {
    // The issue's reproduction: edition 2 held late, in July 2019.
    let m = mechanism(
        "m",
        members(&["aa", "bb"]),
        Some(schedule(
            cadence("1y", "2017"),
            ordered(pids(&["aa", "bb"])),
        )),
    );
    let ds = dataset(
        five(),
        vec![m],
        vec![held("m-2", "m", 2, "2019-07-24", "bb")],
    );
    let next = ds.next_edition("m", d("2019-08-01")).unwrap().unwrap();
    assert_eq!((next.ordinal, next.date), (Some(3), Some(d("2020"))));
    assert_eq!(next.host, Some(pid("aa")));
    assert_eq!(next.status, EditionStatus::Projected);
    assert_eq!(
        next.source(),
        "1 period after edition 2, held 2019-07-24; rule (rule-src)"
    );
    let a = next.anchor().unwrap();
    assert_eq!((a.edition, a.how, a.periods), (2, AnchorKind::Held, 1));
    assert_eq!(
        dates(&ds, "m", 5),
        ["2017", "2019-07-24", "2020", "2021", "2022"]
    );
    let e5 = ds.schedule("m").unwrap().nth(4).unwrap();
    assert_eq!(
        e5.source(),
        "3 periods after edition 2, held 2019-07-24; rule (rule-src)"
    );
}

#[test]
fn a_series_held_late_is_not_shown_twice_in_one_year() {
    // Edition 25 of a yearly series from 2000 (due 2024) was held in July 2025: the next is
    // edition 26 in 2026, not a 26th "in 2025" and a 27th in 2026.
    let m = mechanism(
        "m",
        members(&["aa", "bb"]),
        Some(schedule(cadence("1y", "2000"), HostRule::None)),
    );
    let ds = dataset(
        five(),
        vec![m],
        vec![held("m-25", "m", 25, "2025-07-24", "aa")],
    );
    let next = ds.next_edition("m", d("2025-08-01")).unwrap().unwrap();
    assert_eq!((next.ordinal, next.date), (Some(26), Some(d("2026"))));
    assert_eq!(
        next.source(),
        "1 period after edition 25, held 2025-07-24; rule (rule-src)"
    );
}

#[test]
fn monthly_cadence_follows_a_decided_date_and_a_postponement() {
    let mut s = schedule(cadence("6m", "2024-01"), HostRule::None);
    s.decisions = vec![decision(2, Some("2024-09"), None, Confidence::Confirmed)];
    s.exceptions = vec![exception(4, ExceptionKind::Postpone { date: d("2026-02") })];
    let m = mechanism("m", members(&["aa"]), Some(s));
    let ds = dataset(five(), vec![m], vec![]);
    assert_eq!(
        dates(&ds, "m", 6),
        [
            "2024-01", "2024-09", "2025-03", "2026-02", "2026-08", "2027-02"
        ]
    );
    let e3 = ds.schedule("m").unwrap().nth(2).unwrap();
    assert_eq!(
        e3.source(),
        "1 period after edition 2, decided for 2024-09; rule (rule-src)"
    );
    let e5 = ds.schedule("m").unwrap().nth(4).unwrap();
    assert_eq!(
        e5.source(),
        "1 period after edition 4, postponed to 2026-02; rule (rule-src)"
    );
}

#[test]
fn a_cadence_change_still_applies_after_a_slip_past_it() {
    let mut c = cadence("1y", "2020").unwrap();
    c.changes = vec![CadenceChange {
        from: d("2023"),
        every: "2y".parse().unwrap(),
        sources: vec![src("change-src")],
    }];
    let m = mechanism(
        "m",
        members(&["aa"]),
        Some(schedule(Some(c), HostRule::None)),
    );
    // Edition 3 (due 2022) slipped to 2023-03: the change from 2023 sets the period from
    // then on, so edition 4 is two years after it.
    let ds = dataset(
        five(),
        vec![m],
        vec![held("m-3", "m", 3, "2023-03-10", "aa")],
    );
    assert_eq!(
        dates(&ds, "m", 5),
        ["2020", "2021", "2023-03-10", "2025", "2027"]
    );
}

#[test]
fn half_year_terms_never_drift() {
    let m = mechanism(
        "m",
        members(&["aa", "bb", "cc"]),
        Some(terms_schedule(
            "6m",
            "2025-01-01/2025-06-30",
            ordered(pids(&["aa", "bb", "cc"])),
        )),
    );
    // A summit of term 2 held late in the term does not move term 3.
    let ds = dataset(
        five(),
        vec![m],
        vec![held("m-2", "m", 2, "2025-12-15", "bb")],
    );
    let e: Vec<_> = ds.schedule("m").unwrap().take(4).collect();
    let labels: Vec<_> = e
        .iter()
        .map(|x| crate::term_label(&x.date.unwrap()))
        .collect();
    assert_eq!(labels, ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]);
    assert_eq!(e[1].status, EditionStatus::Held);
    assert_eq!(e[1].summit.as_ref().unwrap().as_str(), "m-2");
    assert_eq!(e[2].source(), "rule (rule-src)");
    // The holder on a day is the term containing it; the next after a day is the first
    // term that starts after it.
    let h = ds.holder_on("m", d("2026-03-15")).unwrap().unwrap();
    assert_eq!((h.ordinal, h.host.clone()), (Some(3), Some(pid("cc"))));
    let n = ds.next_edition("m", d("2026-03-15")).unwrap().unwrap();
    assert_eq!(n.ordinal, Some(4));
    let n = ds.next_edition("m", d("2025-12-31")).unwrap().unwrap();
    assert_eq!(n.ordinal, Some(3));
    assert_eq!(
        ds.holder_on("m", d("2026")).unwrap_err().to_string(),
        "2026 spans more than one term of `m`: ask for a day or a date within one term"
    );
    assert_eq!(ds.holder_on("m", d("2024-12-31")).unwrap(), None);
}

#[test]
fn yearly_and_monthly_terms_are_years_and_months() {
    let y = mechanism(
        "y",
        members(&["aa"]),
        Some(terms_schedule("1y", "2030", HostRule::Fixed(pid("aa")))),
    );
    let mo = mechanism(
        "mo",
        members(&["aa"]),
        Some(terms_schedule("1m", "2030-11", HostRule::Fixed(pid("aa")))),
    );
    let q = mechanism(
        "q",
        members(&["aa"]),
        Some(terms_schedule(
            "3m",
            "2030-02-01/2030-04-30",
            HostRule::Fixed(pid("aa")),
        )),
    );
    let ds = dataset(five(), vec![y, mo, q], vec![]);
    assert_eq!(dates(&ds, "y", 2), ["2030", "2031"]);
    assert_eq!(dates(&ds, "mo", 3), ["2030-11", "2030-12", "2031-01"]);
    assert_eq!(
        dates(&ds, "q", 2),
        ["2030-02-01/2030-04-30", "2030-05-01/2030-07-31"]
    );
}

#[test]
fn meetings_holder_is_the_latest_edition_by_then() {
    let ds = china_central_asia();
    let h = ds
        .holder_on("china-central-asia", d("2026-03-01"))
        .unwrap()
        .unwrap();
    assert_eq!((h.ordinal, h.host), (Some(2), Some(pid("kz"))));
    let h = ds
        .holder_on("china-central-asia", d("2023-05-19"))
        .unwrap()
        .unwrap();
    assert_eq!(h.ordinal, Some(1));
    assert_eq!(ds.holder_on("china-central-asia", d("2022")).unwrap(), None);
    let json = holder_value(Some(
        &ds.holder_on("china-central-asia", d("2024-01-01"))
            .unwrap()
            .unwrap(),
    ));
    assert_eq!(json["first"], "2023-05-18");
    assert_eq!(json["last"], "2023-05-19");
    assert_eq!(json["host"], "cn");
    assert_eq!(holder_value(None), serde_json::Value::Null);
}

#[test]
fn ordered_start_and_positions() {
    let m = mechanism(
        "m",
        members(&["aa", "bb", "cc"]),
        Some(schedule(
            cadence("1y", "2020"),
            HostRule::Ordered {
                list: pids(&["aa", "bb", "aa", "cc"]),
                start: Some(pid("cc")),
            },
        )),
    );
    let ds = dataset(five(), vec![m], vec![]);
    assert_eq!(hosts(&ds, "m", 6), ["cc", "aa", "bb", "aa", "cc", "aa"]);
}

#[test]
fn positions_survive_a_resync_to_a_repeated_party() {
    // Edition 2 is held by aa where the list gives bb: the rotation continues after aa's
    // next position (the third), so cc follows.
    let m = mechanism(
        "m",
        members(&["aa", "bb", "cc"]),
        Some(schedule(
            cadence("1y", "2020"),
            ordered(pids(&["aa", "bb", "aa", "cc"])),
        )),
    );
    let ds = dataset(five(), vec![m], vec![held("m-2", "m", 2, "2021-04", "aa")]);
    assert_eq!(hosts(&ds, "m", 5), ["aa", "aa", "cc", "aa", "bb"]);
}

#[test]
fn alphabetical_start() {
    let mut s = schedule(cadence("1y", "2020"), alpha("en"));
    if let HostRule::Alphabetical { start, .. } = &mut s.hosts {
        *start = Some(pid("cc"));
    }
    let m = mechanism("m", members(&["aa", "bb", "cc", "dd"]), Some(s));
    let ds = dataset(five(), vec![m], vec![]);
    assert_eq!(hosts(&ds, "m", 5), ["cc", "dd", "aa", "bb", "cc"]);
}

#[test]
fn a_rule_that_ends_leaves_candidates() {
    let mut s = schedule(cadence("1y", "2020"), ordered(pids(&["bb", "aa"])));
    s.hosts_until = Some(d("2021-12-31"));
    let m = mechanism("m", members(&["aa", "bb"]), Some(s));
    let ds = dataset(five(), vec![m], vec![]);
    let e: Vec<_> = ds.schedule("m").unwrap().take(3).collect();
    assert_eq!(e[1].host, Some(pid("aa")));
    assert_eq!(e[2].host, None);
    assert_eq!(e[2].candidates, pids(&["aa", "bb"]));
    assert_eq!(e[2].source(), "no host rule after 2021-12-31 (rule-src)");
}

fn online(id: &str, n: u32, date: &str) -> Summit {
    Summit {
        online: true,
        ..summit(
            id,
            "m",
            Edition::Ordinal(n),
            date,
            None,
            SummitStatus::Held,
            Confidence::Confirmed,
        )
    }
}

#[test]
fn a_hostless_edition_keeps_no_host_and_by_default_no_turn() {
    let mk = |uses: bool| {
        let mut s = schedule(cadence("1y", "2020"), ordered(pids(&["aa", "bb", "cc"])));
        s.hostless_uses_turn = uses;
        let m = mechanism("m", members(&["aa", "bb", "cc"]), Some(s));
        dataset(five(), vec![m], vec![online("m-2", 2, "2021-06-01")])
    };
    let ds = mk(false);
    let e2 = ds.schedule("m").unwrap().nth(1).unwrap();
    assert_eq!((e2.host.clone(), e2.candidates.clone()), (None, vec![]));
    assert_eq!(e2.source(), "summit m-2");
    assert_eq!(schedule_value(&[e2])[0]["host"], serde_json::Value::Null);
    // bb's turn was not used: edition 3 is bb's.
    assert_eq!(hosts(&ds, "m", 4), ["aa", "?", "bb", "cc"]);
    // When the data says a hostless edition uses its turn, edition 3 is cc's.
    assert_eq!(hosts(&mk(true), "m", 4), ["aa", "?", "cc", "aa"]);
}

#[test]
fn a_hostless_edition_keeps_the_alternation_in_step() {
    let s = schedule(
        cadence("1y", "2020"),
        HostRule::Alternate(vec![
            HostRule::Fixed(pid("aa")),
            ordered(pids(&["bb", "cc"])),
        ]),
    );
    let m = mechanism("m", members(&["aa", "bb", "cc"]), Some(s));
    let ds = dataset(five(), vec![m], vec![online("m-1", 1, "2020-06-01")]);
    // aa's side did not use its turn: edition 2 is aa's, then the other side.
    assert_eq!(hosts(&ds, "m", 4), ["?", "aa", "bb", "aa"]);
}

fn dated_decision(
    n: u32,
    date: Option<&str>,
    host: Option<&str>,
    decided: Option<&str>,
) -> Decision {
    Decision {
        decided: decided.map(d),
        ..decision(n, date, host, Confidence::Confirmed)
    }
}

#[test]
fn the_latest_decision_wins_field_by_field() {
    let mut s = schedule(cadence("1y", "2020"), ordered(pids(&["aa", "bb", "cc"])));
    s.decisions = vec![
        dated_decision(3, None, Some("cc"), Some("2021-05")),
        dated_decision(3, Some("2022-10"), Some("aa"), Some("2020-02")),
    ];
    let m = mechanism("m", members(&["aa", "bb", "cc"]), Some(s));
    let ds = dataset(five(), vec![m], vec![]);
    let e3 = ds.schedule("m").unwrap().nth(2).unwrap();
    // The later decision (2021-05) gives the host; the date comes from the only decision
    // that gives one.
    assert_eq!(e3.host, Some(pid("cc")));
    assert_eq!(e3.date, Some(d("2022-10")));
    assert_eq!(e3.status, EditionStatus::Decided);
}

#[test]
fn source_dates_order_decisions_without_their_own() {
    let mut records = Records {
        parties: five(),
        ..Records::default()
    };
    for (id, date) in [("early", "2020-01-10"), ("late", "2020-09-01")] {
        records.sources.push(crate::Source {
            id: src(id),
            publisher: "P".into(),
            title: "T".into(),
            url: None,
            lang: LangTag::new("en").unwrap(),
            date: Some(d(date)),
            note: None,
        });
    }
    let mut s = schedule(cadence("1y", "2020"), ordered(pids(&["aa", "bb"])));
    s.decisions = vec![
        Decision {
            sources: vec![src("late")],
            ..decision(2, None, Some("bb"), Confidence::Confirmed)
        },
        Decision {
            sources: vec![src("early")],
            ..decision(2, None, Some("aa"), Confidence::Confirmed)
        },
    ];
    records.mechanisms = vec![mechanism("m", members(&["aa", "bb"]), Some(s))];
    let ds = Dataset::from_records(records);
    assert_eq!(hosts(&ds, "m", 2), ["aa", "bb"]);
}

#[test]
fn reconcile_text_and_json() {
    let mut records = annual_five(vec![]).records.clone();
    let s = records.mechanisms[0].schedule.as_mut().unwrap();
    s.decisions = vec![
        decision(2, Some("2021"), Some("bb"), Confidence::Confirmed),
        decision(3, Some("2022-06"), Some("cc"), Confidence::Confirmed),
        decision(4, Some("2023"), None, Confidence::Reported),
    ];
    records.summits = vec![
        held("m-2", "m", 2, "2021-03-01", "bb"),
        held("m-3", "m", 3, "2023-01-10", "aa"),
    ];
    let ds = Dataset::from_records(records);
    let r = ds.reconcile("m").unwrap();
    assert_eq!(
        reconcile_text(&ds, &r, "en"),
        "m\n\
         \x20   2  decided 2021, Belgium: kept (m-2)\n\
         \x20   3  decided 2022-06, Chile:\n\
         \x20      moved: host Chile → Austria, date 2022-06 → 2023-01-10 (m-3)\n\
         \x20   4  decided 2023 (reported): pending\n"
    );
    let j = reconcile_value(&r);
    assert_eq!(j[1]["mechanism"], "m");
    assert_eq!(j[1]["outcome"]["outcome"], "moved");
    assert_eq!(j[1]["outcome"]["host"]["decided"], "cc");
    assert_eq!(j[1]["outcome"]["host"]["actual"], "aa");
    assert_eq!(j[1]["outcome"]["date"]["actual"], "2023-01-10");
    assert_eq!(j[2]["decided"]["confidence"], "reported");
    assert_eq!(j[0]["outcome"], serde_json::json!({"outcome": "kept"}));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Held editions 2..=k+1 slip by random amounts, and the next may be decided for a later
    /// month: no projected edition falls on or before the latest held or decided one, and
    /// ordinals and dates rise together.
    #[test]
    fn projections_follow_the_latest_held(
        monthly in any::<bool>(),
        gaps in proptest::collection::vec(0i64..30, 1..6),
        decided in proptest::option::of(13i64..40),
    ) {
        let (every, first) = if monthly { ("6m", "2000-01") } else { ("1y", "2000") };
        let mut summits = Vec::new();
        let mut months = 0i64;
        for (i, g) in gaps.iter().enumerate() {
            // Held at least a month after the previous edition (a year for a yearly
            // cadence, whose first edition is a whole year).
            months += g + if monthly { 1 } else { 12 };
            let day = month_start(2000, months);
            let n = i as u32 + 2;
            summits.push(held(&format!("m-{n}"), "m", n, &day.to_string(), "aa"));
        }
        let mut s = schedule(cadence(every, first), HostRule::None);
        // Optionally the next edition is decided for a month some time after the last
        // held one: the projections then follow it.
        let mut latest = summits.last().unwrap().date;
        let mut last_n = gaps.len() as u32 + 1;
        if let Some(g) = decided {
            let day = month_start(2000, months + g);
            let date = PartialDate::from_month(chrono::Datelike::year(&day), chrono::Datelike::month(&day)).unwrap();
            last_n += 1;
            s.decisions = vec![Decision {
                date: Some(date),
                ..decision(last_n, None, None, Confidence::Confirmed)
            }];
            latest = date;
        }
        let m = mechanism("m", members(&["aa", "bb"]), Some(s));
        let ds = dataset(five(), vec![m], summits.clone());
        let e: Vec<_> = ds.schedule("m").unwrap().take(gaps.len() + 8).collect();
        for w in e.windows(2) {
            prop_assert!(w[0].ordinal < w[1].ordinal);
            let (a, b) = (w[0].date.unwrap(), w[1].date.unwrap());
            prop_assert!(a.last_day() < b.first_day(), "{} then {}", a, b);
        }
        for x in e.iter().filter(|x| x.ordinal > Some(last_n)) {
            prop_assert_eq!(x.status, EditionStatus::Projected);
            let d = x.date.unwrap();
            prop_assert!(d.first_day() > latest.last_day(), "{} after {}", d, latest);
        }
    }

    /// Terms of any length tile time: each starts the day after the previous one ends, at
    /// the month the oracle counts.
    #[test]
    fn terms_tile_time(months in 1u32..=24, start in 0i64..12, change in proptest::option::of((1i64..6, 1u32..=12))) {
        let first = month_start(2020, start);
        let period = i64::from(months);
        let last = month_start(2020, start + period).pred_opt().unwrap();
        let first_term = match (months, start) {
            (12, 0) => "2020".to_owned(),
            (1, _) => format!("{}", first.format("%Y-%m")),
            _ => format!("{first}/{last}"),
        };
        let every = format!("{months}m");
        let mut s = terms_schedule(&every, &first_term, HostRule::None);
        let mut expected: Vec<chrono::NaiveDate> = (0..30).map(|k| month_start(2020, start + k * period)).collect();
        if let Some((after, new)) = change {
            // A change at the start of term `after + 1` to terms of `new` months.
            let from = month_start(2020, start + after * period);
            s.cadence.as_mut().unwrap().changes = vec![CadenceChange {
                from: PartialDate::from_month(chrono::Datelike::year(&from), chrono::Datelike::month(&from)).unwrap(),
                every: format!("{new}m").parse().unwrap(),
                sources: vec![],
            }];
            for (k, e) in expected.iter_mut().enumerate().skip(after as usize) {
                *e = month_start(2020, start + after * period + (k as i64 - after) * i64::from(new));
            }
        }
        let m = mechanism("m", members(&["aa"]), Some(s));
        let ds = dataset(five(), vec![m], vec![]);
        let e: Vec<_> = ds.schedule("m").unwrap().take(29).collect();
        for (k, x) in e.iter().enumerate() {
            let d = x.date.unwrap();
            prop_assert_eq!(d.first_day().naive(), expected[k]);
            prop_assert_eq!(d.last_day().naive(), expected[k + 1].pred_opt().unwrap());
        }
    }

    /// An ordered rule with a start holder and no exceptions gives list[(s + k) mod len].
    #[test]
    fn ordered_rule_from_its_start(
        list in proptest::collection::vec(0usize..5, 2..7),
        pick in 0usize..7,
    ) {
        let names = ["aa", "bb", "cc", "dd", "ee"];
        // A start holder that appears once in the list, if there is one.
        let once: Vec<usize> = (0..list.len())
            .filter(|&i| list.iter().filter(|&&x| x == list[i]).count() == 1)
            .collect();
        prop_assume!(!once.is_empty());
        let s = once[pick % once.len()];
        let ids: Vec<PartyId> = list.iter().map(|&i| pid(names[i])).collect();
        let rule = HostRule::Ordered { list: ids, start: Some(pid(names[list[s]])) };
        let m = mechanism("m", members(&names), Some(schedule(cadence("1y", "2000"), rule)));
        let ds = dataset(five(), vec![m], vec![]);
        let got = hosts(&ds, "m", 3 * list.len());
        let expected: Vec<String> = (0..3 * list.len())
            .map(|k| names[list[(s + k) % list.len()]].to_owned())
            .collect();
        prop_assert_eq!(got, expected);
    }
}

/// Each form of an edition's one-line display, with the boundary of listed candidates
/// (eight by id, nine counted), and an anchor's wording.
#[test]
fn projected_edition_and_anchor_display() {
    let ids = ["ae", "bh", "kg", "kw", "kz", "om", "qa", "sa", "tj"];
    let edition = |host: Option<&str>, name: Option<&str>, candidates: &[&str]| ProjectedEdition {
        ordinal: Some(3),
        date: Some(d("2027")),
        host: host.map(pid),
        candidates: pids(candidates),
        status: EditionStatus::Projected,
        summit: None,
        provenance: Vec::new(),
        host_name: name.map(str::to_owned),
    };
    assert_eq!(
        edition(Some("kg"), Some("Kyrgyzstan"), &[]).to_string(),
        "2027  Kyrgyzstan  projected"
    );
    assert_eq!(
        edition(Some("kg"), None, &[]).to_string(),
        "2027  kg  projected"
    );
    assert_eq!(
        edition(None, None, &[]).to_string(),
        "2027  host unknown  projected"
    );
    assert_eq!(
        edition(None, None, &ids[..8]).to_string(),
        "2027  one of AE, BH, KG, KW, KZ, OM, QA, SA  projected"
    );
    assert_eq!(
        edition(None, None, &ids).to_string(),
        "2027  one of 9 members  projected"
    );
    let mut undated = edition(None, None, &ids[..1]);
    undated.date = None;
    assert_eq!(undated.to_string(), "?  one of AE  projected");

    let anchor = Anchor {
        edition: 25,
        date: d("2025-07-24"),
        how: AnchorKind::Held,
        periods: 1,
    };
    assert_eq!(
        anchor.to_string(),
        "1 period after edition 25, held 2025-07-24"
    );
}

/// The host column of the table: a name, `no host` for a held edition without one, the
/// catalogue's `unknown` for an unheld one with no candidates, up to eight candidate
/// ids listed, more only counted. The JSON and CSV forms carry the same editions.
#[test]
fn host_column_and_the_edition_forms() {
    let ds = dataset(vec![en("kg", "Kyrgyzstan")], vec![], vec![]);
    let ids = ["ae", "bh", "kg", "kw", "kz", "om", "qa", "sa", "tj"];
    let edition =
        |host: Option<&str>, candidates: &[&str], status: EditionStatus| ProjectedEdition {
            ordinal: Some(3),
            date: Some(d("2027")),
            host: host.map(pid),
            candidates: pids(candidates),
            status,
            summit: None,
            provenance: Vec::new(),
            host_name: None,
        };
    let rows = [
        edition(Some("kg"), &[], EditionStatus::Held),
        edition(None, &[], EditionStatus::Held),
        edition(None, &[], EditionStatus::Projected),
        edition(None, &ids[..8], EditionStatus::Projected),
        edition(None, &ids, EditionStatus::Projected),
    ];
    let hosts: Vec<String> = rows
        .iter()
        .map(|e| host_text(&ds, e, &crate::render::Messages::english(), "en"))
        .collect();
    assert_eq!(
        hosts,
        [
            "Kyrgyzstan",
            "no host",
            "unknown",
            "one of AE, BH, KG, KW, KZ, OM, QA, SA",
            "one of 9 members",
        ]
    );
    let one = edition(None, &ids[..2], EditionStatus::Projected);
    let json: serde_json::Value = serde_json::from_str(&edition_json(&one)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "ordinal": 3, "date": "2027", "host": null, "candidates": ["ae", "bh"],
            "status": "projected", "summit": null, "source": "no rule", "provenance": []
        })
    );
    assert_eq!(
        schedule_csv(
            &[one, edition(Some("kg"), &[], EditionStatus::Held)],
            &crate::render::ReportOptions::new()
        ),
        concat!(
            "ordinal,date,host,candidates,status,summit,source\r\n",
            "3,2027,,ae;bh,projected,,no rule\r\n",
            "3,2027,kg,,held,,no rule\r\n"
        )
    );
}
