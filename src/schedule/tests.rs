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
    let years: Vec<_> = e.iter().map(|x| x.date.unwrap().year_number()).collect();
    assert_eq!(years, [2023, 2025, 2027, 2029, 2031, 2033, 2035, 2037]);
    assert_eq!(e[0].status, EditionStatus::Held);
    assert_eq!(e[1].status, EditionStatus::Held);
    assert_eq!(e[0].source(), "summit cca-2023-xian");
    assert_eq!(e[2].status, EditionStatus::Projected);
    assert_eq!(e[2].date.unwrap().to_string(), "2027");
    assert_eq!(e[2].summit.as_ref().unwrap().as_str(), "cca-2027");
    assert!(e[2].provenance.iter().any(|c| c.field == ClaimField::Host
        && matches!(
            c.basis,
            Basis::Report {
                agrees: Some(true),
                ..
            }
        )));
    assert_eq!(
        e[2].source(),
        "rule, one period after edition 2, held 2025-06-17 (xian-declaration-2023); reported cca-2027 (cca-2027-src)"
    );
    assert!(e[3..].iter().all(|x| x.status == EditionStatus::Projected));
    assert!(e.iter().all(|x| x.candidates.is_empty()));

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
    assert_eq!(e4.candidates.len(), 6);
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
    assert!(ds.next_edition("nope", d("2025")).is_err());
    assert!(ds.reconcile("nope").is_err());
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
    assert!(e[1].provenance.iter().any(|c| matches!(
        c.basis,
        Basis::Report {
            agrees: Some(false),
            ..
        }
    )));
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
    assert_eq!(ds.schedule("end").unwrap().count(), 10);
    assert_eq!(
        ds.next_edition("end", d("9999-06"))
            .unwrap()
            .unwrap()
            .ordinal,
        Some(10)
    );
}

#[test]
fn rendering() {
    let ds = china_central_asia();
    let e: Vec<_> = ds.schedule("china-central-asia").unwrap().take(4).collect();
    let json = schedule_json(&e);
    assert_eq!(json[0]["date"], "2023-05-18/2023-05-19");
    assert_eq!(json[0]["status"], "held");
    assert_eq!(json[0]["source"], "summit cca-2023-xian");
    assert_eq!(json[3]["host"], "kg");
    assert_eq!(json[3]["ordinal"], 4);
    assert_eq!(json[3]["candidates"], serde_json::json!([]));
    assert_eq!(json[3]["provenance"][0]["basis"], "rule");
    let text = schedule_text(&ds, &e, "en");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(text.contains("Kyrgyzstan"), "{text}");

    let car = central_asia_russia();
    let n = car
        .next_edition("central-asia-russia", d("2026"))
        .unwrap()
        .unwrap();
    let text = schedule_text(&car, std::slice::from_ref(&n), "en");
    assert!(text.contains("one of KG, KZ, RU, TJ, TM, UZ"), "{text}");
    assert_eq!(schedule_json(&[n])[0]["host"], serde_json::Value::Null);
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn editions_ordered_and_hosts_are_members(g in arb_gen()) {
        let ds = gen_dataset(&g, vec![]);
        let m = ds.mechanism("m").unwrap();
        let e: Vec<_> = ds.schedule("m").unwrap().take(40).collect();
        prop_assert_eq!(e.len(), 40);
        for w in e.windows(2) {
            prop_assert!(w[0].ordinal < w[1].ordinal);
            prop_assert!(w[0].date.unwrap().is_definitely_before(&w[1].date.unwrap()));
        }
        for x in &e {
            let h = x.host.as_ref().unwrap();
            prop_assert!(m.is_member(h.as_str(), &x.date.unwrap()));
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

    #[test]
    fn swap_changes_exactly_two(g in arb_gen(), a in 1u32..12, k in 1u32..6) {
        let g = Gen { joiner: false, ..g };
        let k = 1 + k % (g.n as u32 - 1).max(1);
        let k = k.min(g.n as u32 - 1);
        let b = a + k;
        let base = host_list(&gen_dataset(&g, vec![]), 24);
        let swapped = host_list(
            &gen_dataset(&g, vec![exception(a, ExceptionKind::Swap { with: b })]),
            24,
        );
        let diff: Vec<usize> = (0..24).filter(|i| base[*i] != swapped[*i]).collect();
        prop_assert_eq!(diff, vec![a as usize - 1, b as usize - 1]);
        prop_assert_eq!(&swapped[a as usize - 1], &base[b as usize - 1]);
    }

    #[test]
    fn skip_changes_nothing_before(g in arb_gen(), at in 1u32..20) {
        let base = host_list(&gen_dataset(&g, vec![]), 24);
        let skipped = host_list(&gen_dataset(&g, vec![exception(at, ExceptionKind::Skip)]), 24);
        let before = at as usize - 1;
        prop_assert_eq!(&base[..before], &skipped[..before]);
        prop_assert_ne!(&base[before], &skipped[before]);
    }

    #[test]
    fn deterministic_and_agrees_with_next(g in arb_gen(), year in 1995i32..2030, m in 1u32..=12) {
        let ds = gen_dataset(&g, vec![exception(3, ExceptionKind::Skip)]);
        let a: Vec<_> = ds.schedule("m").unwrap().take(80).collect();
        let b: Vec<_> = ds.schedule("m").unwrap().take(80).collect();
        prop_assert_eq!(&a, &b);
        let after = PartialDate::month(year, m).unwrap();
        let expected = a
            .iter()
            .find(|e| !e.date.unwrap().is_definitely_before(&after))
            .cloned();
        prop_assert_eq!(ds.next_edition("m", after).unwrap(), expected);
    }
}
