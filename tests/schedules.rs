//! Schedules that follow the world, through the data format: slips, terms, first holders,
//! rules that end, ordered positions, hostless editions, several decisions, editions named
//! by date, decisions written apart, and the errors `check` gives for what the engine
//! cannot use as written. Invented parties `aa`, `bb`, … as in FORMAT.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use summitry::{Dataset, EditionStatus, Loader, PartialDate};

const HEAD: &str = r#"
[[source]]
id = "s"
publisher = "Agency"
title = "Report"
lang = "en"
date = 2020-01-01

[[source]]
id = "s-2021"
publisher = "Agency"
title = "Later report"
lang = "en"
date = 2021-06-01

[[party]]
id = "aa"
kind = "state"
name = "Aland"

[[party]]
id = "bb"
kind = "state"
name = "Borduria"

[[party]]
id = "cc"
kind = "state"
name = "Carpania"

[[party]]
id = "dd"
kind = "state"
name = "Dorsetia"
"#;

fn d(s: &str) -> PartialDate {
    s.parse().unwrap()
}

#[track_caller]
fn load(body: &str) -> Dataset {
    match Loader::new().text("m.toml", format!("{HEAD}{body}")).load() {
        Ok(ds) => ds,
        Err(e) => panic!("{e}"),
    }
}

/// The rendered diagnostics of data that must be rejected (`LoadError`'s `Debug` form).
#[track_caller]
fn errors(body: &str) -> String {
    match Loader::new().text("m.toml", format!("{HEAD}{body}")).load() {
        Ok(_) => panic!("expected the data to be rejected"),
        Err(e) => format!("{e:?}"),
    }
}

/// Messages only (one per line), for failure modes whose place is pinned elsewhere.
#[track_caller]
fn messages(body: &str) -> Vec<String> {
    match Loader::new().text("m.toml", format!("{HEAD}{body}")).load() {
        Ok(_) => panic!("expected the data to be rejected"),
        Err(e) => e
            .diagnostics()
            .iter()
            .map(|d| d.message().to_owned())
            .collect(),
    }
}

#[track_caller]
fn hosts(ds: &Dataset, m: &str, n: usize) -> Vec<String> {
    ds.schedule(m)
        .unwrap()
        .take(n)
        .map(|e| e.host.map_or_else(|| "?".to_owned(), |h| h.to_string()))
        .collect()
}

#[track_caller]
fn dates(ds: &Dataset, m: &str, n: usize) -> Vec<String> {
    ds.schedule(m)
        .unwrap()
        .take(n)
        .map(|e| e.date.map_or_else(|| "?".to_owned(), |d| d.to_string()))
        .collect()
}

/// A `[[summit]]` of mechanism `m` (id `m-N`): edition `n` on `date`, with `extra` lines.
fn summit(n: u32, date: &str, extra: &str) -> String {
    format!(
        "\n[[summit]]\nid = \"m-{n}\"\nmechanism = \"m\"\nedition = {n}\ndate = {date}\n{extra}\nsources = [\"s\"]\n"
    )
}

/// [`MEETINGS`] with another host rule in place of `hosts = { ordered = ["aa", "bb"] }`.
fn meetings(hosts: &str) -> String {
    MEETINGS.replace(r#"hosts = { ordered = ["aa", "bb"] }"#, hosts)
}

const MEETINGS: &str = r#"
[[mechanism]]
id = "m"
name = "M"
level = "heads-of-state"
members = ["aa", "bb", "cc"]
sources = ["s"]

[mechanism.schedule]
every = "1y"
first = 2017
hosts = { ordered = ["aa", "bb"] }
sources = ["s"]
"#;

#[test]
fn a_slip_moves_the_cadence() {
    let ds = load(&format!(
        r#"{MEETINGS}
[[summit]]
id = "m-2"
mechanism = "m"
edition = 2
date = 2019-07-24
host = "bb"
status = "held"
sources = ["s"]
"#
    ));
    let next = ds.next_edition("m", d("2019-08-01")).unwrap().unwrap();
    assert_eq!(
        summitry::render::schedule_text(&ds, &[next], "en"),
        "  3  2020  Aland  projected  1 period after edition 2, held 2019-07-24; rule (s)\n"
    );
}

const TERMS: &str = r#"
[[mechanism]]
id = "p"
name = "Presidency"
level = "other"
members = ["aa", "bb", "cc", "dd"]
sources = ["s"]

[mechanism.schedule]
kind = "terms"
every = "6m"
first = "2025-H1"
hosts = { ordered = ["cc", "aa", "cc", "bb"], start = "aa" }
sources = ["s"]
"#;

#[test]
fn terms_half_years_positions_and_a_start_holder() {
    let ds = load(TERMS);
    // Positions from aa's: aa, cc, bb, cc, aa, … (cc holds two positions).
    assert_eq!(hosts(&ds, "p", 6), ["aa", "cc", "bb", "cc", "aa", "cc"]);
    assert_eq!(
        dates(&ds, "p", 2),
        ["2025-01-01/2025-06-30", "2025-07-01/2025-12-31"]
    );
    let h = ds.holder_on("p", d("2025-09-30")).unwrap().unwrap();
    assert_eq!(h.ordinal, Some(2));
    let j: serde_json::Value =
        serde_json::from_str(&summitry::render::holder_json(Some(&h))).unwrap();
    assert_eq!(
        (&j["first"], &j["last"], &j["term"], &j["host"]),
        (
            &serde_json::json!("2025-07-01"),
            &serde_json::json!("2025-12-31"),
            &serde_json::json!("2025-H2"),
            &serde_json::json!("cc")
        )
    );
    assert_eq!(
        summitry::render::schedule_text(&ds, &[h], "en"),
        "  2  2025-H2  Carpania  projected  rule (s)\n"
    );
}

#[test]
fn a_half_year_may_name_an_edition_in_a_file_of_its_own() {
    let ds = Loader::new()
        .text("m.toml", format!("{HEAD}{TERMS}"))
        .text(
            "news.toml",
            r#"
[[decision]]
mechanism = "p"
edition-date = "2026-H1"
host = "dd"
sources = ["s-2021"]

[[exception]]
mechanism = "p"
edition-date = 2027-02-01
kind = "skip"
sources = ["s"]
"#,
        )
        .load()
        .unwrap();
    let s = ds.mechanism("p").unwrap().schedule.as_ref().unwrap();
    assert_eq!((s.decisions[0].edition, s.exceptions[0].edition), (3, 5));
    // Term 3 is decided for dd, who is not in the list: the list goes on after bb's
    // position (whose turn it was), so term 4 is cc's; term 5 skips aa and cc takes it.
    let e: Vec<_> = ds.schedule("p").unwrap().take(6).collect();
    assert_eq!(e[2].status, EditionStatus::Decided);
    assert_eq!(hosts(&ds, "p", 6), ["aa", "cc", "dd", "cc", "cc", "bb"]);
    // The canonical export writes them in the schedule, by date, and loads back equal.
    let toml = ds.export_toml_string();
    assert!(toml.contains("edition-date = \"2026-H1\""), "{toml}");
    assert!(toml.contains("first = \"2025-H1\""), "{toml}");
    let back = Dataset::from_toml_str("all.toml", &toml).unwrap();
    assert_eq!(back, ds);
}

#[test]
fn the_latest_decision_wins_and_unordered_disagreement_is_an_error() {
    let two = |a: &str, b: &str| {
        format!(
            r#"{MEETINGS}
[[mechanism.schedule.decision]]
edition = 3
host = "aa"
{a}
sources = ["s"]

[[mechanism.schedule.decision]]
edition = 3
host = "bb"
{b}
sources = ["s"]
"#
        )
    };
    // Dated by `decided`: the first in the file is the later one, and wins.
    let ds = load(&two("decided = 2020-06-01", "decided = 2020-05-01"));
    assert_eq!(hosts(&ds, "m", 3)[2], "aa");
    // Both dated by their only source (2020-01-01): they cannot be ordered.
    assert_eq!(
        errors(&two("", "")),
        "error[S0510]: `mechanism.m.schedule.decision[0]` and `mechanism.m.schedule.decision[1]` decide edition 3 of `m` differently (host `aa` and `bb`) and cannot be ordered\n  --> m.toml:55:1\n   |\n55 | [[mechanism.schedule.decision]]\n   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n   = help: give each a `decided` date (or cite dated sources): the latest decision wins\n\nerror: could not load the dataset due to 1 previous error"
    );
}

#[test]
fn what_the_engine_cannot_use_is_an_error() {
    assert_eq!(
        messages(&meetings(
            r#"hosts = { ordered = ["aa", "bb", "aa"], start = "aa" }"#
        )),
        [
            "the first holder `aa` of the `ordered` rule in `mechanism.m.schedule.hosts` holds 2 positions in the list"
        ]
    );
    assert_eq!(
        messages(&meetings(
            r#"hosts = { ordered = ["aa", "bb"], start = "cc" }"#
        )),
        [
            "the first holder `cc` of the `ordered` rule in `mechanism.m.schedule.hosts` is not in the list"
        ]
    );
    assert_eq!(
        messages(&meetings(
            r#"hosts = { alphabetical = "en", except = ["cc"], start = "cc" }"#
        )),
        [
            "the first holder `cc` of the `alphabetical` rule in `mechanism.m.schedule.hosts` does not take part in it"
        ]
    );
    assert_eq!(
        messages(&meetings(r#"hosts = { fixed = "aa", start = "aa" }"#)),
        [
            "`mechanism.m.schedule.hosts.start` applies only to `ordered` or `alphabetical` rules, not to `fixed`"
        ]
    );
    assert_eq!(
        messages(&meetings(
            r#"hosts = { alternate = [{ fixed = "aa" }, { fixed = "bb", until = 2030 }] }"#
        )),
        [
            "`mechanism.m.schedule.hosts.alternate[1].until` ends a side of `alternate`, not the whole rule"
        ]
    );
    let changes = format!(
        "{MEETINGS}\n[[mechanism.schedule.change]]\nfrom = 2020\nevery = \"2y\"\nsources = [\"s\"]\n\n[[mechanism.schedule.change]]\nfrom = 2020\nevery = \"3y\"\nsources = [\"s\"]\n"
    );
    assert_eq!(
        messages(&changes),
        ["`mechanism.m.schedule.change` has two changes from 2020 (2y and 3y)"]
    );
    let swaps = format!(
        "{MEETINGS}\n[[mechanism.schedule.exception]]\nedition = 3\nkind = \"swap\"\nwith = 4\nsources = [\"s\"]\n\n[[mechanism.schedule.exception]]\nedition = 5\nkind = \"swap\"\nwith = 4\nsources = [\"s\"]\n"
    );
    assert_eq!(
        messages(&swaps),
        ["edition 4 of `m` is in two swaps (`mechanism.m.schedule.exception[1]`)"]
    );
    let both = format!(
        "{MEETINGS}\n[[mechanism.schedule.decision]]\nedition = 3\nedition-date = 2019\nhost = \"aa\"\nsources = [\"s\"]\n"
    );
    assert_eq!(
        messages(&both),
        ["`mechanism.m.schedule.decision[0]` names its edition twice"]
    );
    let nowhere = format!(
        "{MEETINGS}\n[[mechanism.schedule.decision]]\nedition-date = 2016\nhost = \"aa\"\nsources = [\"s\"]\n"
    );
    assert_eq!(
        messages(&nowhere),
        ["no edition of `m` falls in 2016 (`mechanism.m.schedule.decision[0].edition-date`)"]
    );
    let two = MEETINGS.replace("every = \"1y\"", "every = \"6m\"")
        + "\n[[mechanism.schedule.decision]]\nedition-date = 2018\nhost = \"aa\"\nsources = [\"s\"]\n";
    assert_eq!(
        messages(&two),
        ["2018 in `mechanism.m.schedule.decision[0].edition-date` matches editions 2 and 3 of `m`"]
    );
}

#[test]
fn terms_must_be_whole_and_do_not_move() {
    assert_eq!(
        errors(&TERMS.replace("first = \"2025-H1\"", "first = \"2025-01\"")),
        "error[S0511]: `mechanism.p.schedule.first` (2025-01) is not a whole term of 6m\n  --> m.toml:36:1\n   |\n36 | [[mechanism]]\n   | ^^^^^^^^^^^^^\n   = help: write the first term whole: `2025-H1`: a year (`2025`) for yearly terms from January, a month (\"2025-07\") for monthly ones, a half-year (\"2025-H2\"), or the term's days\n\nerror: could not load the dataset due to 1 previous error"
    );
    let postponed = format!(
        "{TERMS}\n[[mechanism.schedule.exception]]\nedition = 2\nkind = \"postpone\"\ndate = \"2026-02\"\nsources = [\"s\"]\n"
    );
    assert_eq!(
        messages(&postponed),
        ["`mechanism.p.schedule.exception[0]` postpones a term of `p`"]
    );
    let change = format!(
        "{TERMS}\n[[mechanism.schedule.change]]\nfrom = \"2026-03\"\nevery = \"1y\"\nsources = [\"s\"]\n"
    );
    assert_eq!(
        messages(&change),
        ["`mechanism.p.schedule.change[0].from` (2026-03) does not start a term"]
    );
    let outside = format!(
        "{TERMS}\n[[summit]]\nid = \"p-2\"\nmechanism = \"p\"\nedition = 2\ndate = 2026-01-15\nhost = \"cc\"\nstatus = \"held\"\nsources = [\"s\"]\n"
    );
    assert_eq!(
        messages(&outside),
        ["`summit.p-2` (2026-01-15) falls outside term 2 of `p` (2025-H2)"]
    );
    assert_eq!(
        messages(&TERMS.replace("first = \"2025-H1\"", "first = \"2025-H3\"")),
        [
            "invalid term in `mechanism.p.schedule.first`: `2025-H3` is not a half-year: write `2025-H1` (January to June) or `2025-H2` (July to December)"
        ]
    );
}

#[test]
fn a_loose_decision_needs_a_schedule() {
    let body = r#"
[[mechanism]]
id = "n"
name = "N"
level = "other"
members = ["aa", "bb"]
sources = ["s"]

[[decision]]
mechanism = "n"
edition = 1
host = "aa"
sources = ["s"]
"#;
    assert_eq!(
        messages(body),
        ["`decision[0]` is for `n`, which has no `[mechanism.schedule]`"]
    );
}

#[test]
fn a_rule_that_ends_and_an_online_edition() {
    let body = meetings(r#"hosts = { ordered = ["aa", "bb", "cc"], until = 2020 }"#)
        + r#"
[[summit]]
id = "m-2"
mechanism = "m"
edition = 2
date = 2018-03-01
online = true
status = "held"
sources = ["s"]
"#;
    let ds = load(&body);
    // The online edition 2 keeps no host and no turn: bb holds 3; after 2020 no rule.
    assert_eq!(hosts(&ds, "m", 6), ["aa", "?", "bb", "cc", "?", "?"]);
    let e5 = ds.schedule("m").unwrap().nth(4).unwrap();
    assert_eq!(e5.candidates.len(), 3);
    assert_eq!(e5.source(), "no host rule after 2020 (s)");
    let two: Vec<_> = ds.schedule("m").unwrap().take(2).collect();
    assert_eq!(
        summitry::render::schedule_text(&ds, &two[1..], "en"),
        "  2  2018-03-01  no host  held       summit m-2\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(&summitry::render::schedule_json(&two)).unwrap();
    assert_eq!(json[1]["host"], serde_json::Value::Null);
    assert_eq!(json[1]["candidates"], serde_json::json!([]));
    // With `hostless-uses-turn`, edition 2 uses bb's turn.
    let uses = body.replace(
        "sources = [\"s\"]\n\n[[summit]]",
        "hostless-uses-turn = true\nsources = [\"s\"]\n\n[[summit]]",
    );
    let uses = uses.replacen(
        "hosts = { ordered = [\"aa\", \"bb\", \"cc\"], until = 2020 }\nsources = [\"s\"]",
        "hosts = { ordered = [\"aa\", \"bb\", \"cc\"], until = 2020 }\nhostless-uses-turn = true\nsources = [\"s\"]",
        1,
    );
    let ds = load(&uses);
    assert_eq!(hosts(&ds, "m", 4), ["aa", "?", "cc", "aa"]);
    let toml = ds.export_toml_string();
    assert!(toml.contains("hostless-uses-turn = true"), "{toml}");
    assert!(toml.contains("until = \"2020\""), "{toml}");
    assert_eq!(Dataset::from_toml_str("all.toml", &toml).unwrap(), ds);
}

/// `holder_on` at the edges: a term holds on its first and its last day; a meeting holds from
/// its own day; a mechanism with no rule is held by its last edition, however far ahead.
#[test]
fn holder_on_the_boundary_days() {
    let ds = load(TERMS);
    let on =
        |ds: &Dataset, m: &str, day: &str| ds.holder_on(m, d(day)).unwrap().and_then(|e| e.ordinal);
    assert_eq!(on(&ds, "p", "2025-06-30"), Some(1));
    assert_eq!(on(&ds, "p", "2025-07-01"), Some(2));
    assert_eq!(on(&ds, "p", "2025-12-31"), Some(2));
    assert_eq!(on(&ds, "p", "2026-01-01"), Some(3));

    let ds = load(&format!(
        r#"{MEETINGS}
[[summit]]
id = "m-2"
mechanism = "m"
edition = 2
date = 2018-03-01
host = "bb"
status = "held"
sources = ["s"]
"#
    ));
    assert_eq!(on(&ds, "m", "2018-02-28"), Some(1));
    assert_eq!(on(&ds, "m", "2018-03-01"), Some(2));

    let ds = load(
        r#"
[[mechanism]]
id = "n"
name = "N"
level = "heads-of-state"
members = ["aa", "bb"]
sources = ["s"]

[[summit]]
id = "n-1"
mechanism = "n"
edition = 1
date = 2019-05-02
host = "aa"
status = "held"
sources = ["s"]
"#,
    );
    assert_eq!(on(&ds, "n", "2019-05-01"), None);
    assert_eq!(on(&ds, "n", "2040"), Some(1));
}

/// An anchor that is not the first edition: the editions before it are counted back from it
/// with the period, and a record of an earlier edition does not move the anchor.
#[test]
fn editions_before_a_later_anchor_count_back() {
    let body = MEETINGS
        .replace("every = \"1y\"", "every = \"2y\"")
        .replace("first = 2017", "first = 2029\nfirst-edition = 3");
    let ds = load(&body);
    // With no record, the schedule starts at its anchor.
    assert_eq!(dates(&ds, "m", 3), ["2029", "2031", "2033"]);
    // Editions 1 and 2 held on their own days: edition 3 stays on the anchor's year.
    let ds = load(&format!(
        "{body}{}{}",
        summit(1, "2025-05-10", "host = \"aa\"\nstatus = \"held\""),
        summit(2, "2027-06-01", "host = \"bb\"\nstatus = \"held\"")
    ));
    assert_eq!(
        dates(&ds, "m", 4),
        ["2025-05-10", "2027-06-01", "2029", "2031"]
    );
    // Anchored at edition 5 (2033), edition 2 held: 3 and 4 are counted back from 2033
    // (two and one periods), and 5 stays on the anchor.
    let ds = load(&format!(
        "{}{}",
        body.replace(
            "first = 2029\nfirst-edition = 3",
            "first = 2033\nfirst-edition = 5"
        ),
        summit(2, "2027-06-01", "host = \"bb\"\nstatus = \"held\"")
    ));
    let s = ds.mechanism("m").unwrap().schedule.as_ref().unwrap();
    assert_eq!(s.cadence.as_ref().map(|c| c.first_edition), Some(5));
    let e: Vec<(Option<u32>, String)> = ds
        .schedule("m")
        .unwrap()
        .take(5)
        .map(|e| (e.ordinal, e.date.unwrap().to_string()))
        .collect();
    assert_eq!(
        e,
        [
            (Some(2), "2027-06-01".to_owned()),
            (Some(3), "2029".to_owned()),
            (Some(4), "2031".to_owned()),
            (Some(5), "2033".to_owned()),
            (Some(6), "2035".to_owned()),
        ]
    );
}

/// A cadence in years from a month stays in months; one from a year stays in years.
#[test]
fn a_yearly_cadence_from_a_month_keeps_the_month() {
    let ds = load(&MEETINGS.replace("first = 2017", "first = \"2017-05\""));
    assert_eq!(dates(&ds, "m", 3), ["2017-05", "2018-05", "2019-05"]);
    let ds = load(&MEETINGS.replace("every = \"1y\"", "every = \"6m\""));
    // From the year 2017 every six months: counted from the year's last month.
    assert_eq!(dates(&ds, "m", 3), ["2017", "2018-06", "2018-12"]);
}

/// The sources of a change of period back the terms from the change on, not before.
#[test]
fn a_change_of_term_backs_the_terms_after_it() {
    let ds = load(&format!(
        "{TERMS}\n[[mechanism.schedule.change]]\nfrom = \"2026-H1\"\nevery = \"1y\"\nsources = [\"s-2021\"]\n"
    ));
    assert_eq!(
        dates(&ds, "p", 4),
        [
            "2025-01-01/2025-06-30",
            "2025-07-01/2025-12-31",
            "2026",
            "2027"
        ]
    );
    // The sources of each term's date claim.
    let sources: Vec<Vec<String>> = ds
        .schedule("p")
        .unwrap()
        .take(4)
        .map(|e| {
            e.provenance
                .iter()
                .filter(|c| c.field == summitry::ClaimField::Date)
                .flat_map(|c| match &c.basis {
                    summitry::Basis::Rule { sources, .. } => {
                        sources.iter().map(|s| s.to_string()).collect()
                    }
                    other => vec![format!("{other:?}")],
                })
                .collect()
        })
        .collect();
    let (rule, change) = (
        vec!["s".to_owned()],
        vec!["s".to_owned(), "s-2021".to_owned()],
    );
    assert_eq!(sources, [rule.clone(), rule, change.clone(), change]);
}

/// Special editions (outside the count) keep their record's status; one without a host that
/// is not held lists the members on its date as candidates, and a reported plan is only
/// projected.
#[test]
fn special_editions_keep_their_status_and_candidates() {
    let special = |id: &str, date: &str, extra: &str| {
        format!(
            "\n[[summit]]\nid = \"{id}\"\nmechanism = \"m\"\nedition = \"special\"\ndate = {date}\n{extra}\nsources = [\"s\"]\n"
        )
    };
    let body = [
        MEETINGS.to_owned(),
        special("sp-held", "2017-09-01", "online = true\nstatus = \"held\""),
        special("sp-planned", "2018-09-01", "status = \"planned\""),
        special(
            "sp-cancelled",
            "2019-09-01",
            "host = \"bb\"\nstatus = \"cancelled\"",
        ),
        special(
            "sp-reported",
            "2020-09-01",
            "host = \"cc\"\nstatus = \"planned\"\nconfidence = \"reported\"",
        ),
    ]
    .concat();
    let ds = load(&body);
    let specials: Vec<(String, EditionStatus, Vec<String>)> = ds
        .schedule("m")
        .unwrap()
        .take(10)
        .filter(|e| e.ordinal.is_none())
        .map(|e| {
            (
                e.summit.unwrap().to_string(),
                e.status,
                e.candidates.iter().map(|c| c.to_string()).collect(),
            )
        })
        .collect();
    // The iterator's debug form names its mechanism and the next ordinal.
    assert_eq!(
        format!("{:?}", ds.schedule("m").unwrap()),
        r#"ScheduleIter { mechanism: "m", next: 1, .. }"#
    );
    // A special edition on the same date as a regular one comes after it.
    let same = load(
        &[
            MEETINGS.to_owned(),
            special("sp-2019", "2019", "status = \"planned\"\nhost = \"cc\""),
        ]
        .concat(),
    );
    let order: Vec<String> = same
        .schedule("m")
        .unwrap()
        .take(5)
        .map(|e| match (e.ordinal, e.summit) {
            (Some(n), _) => n.to_string(),
            (None, s) => s.map(|s| s.to_string()).unwrap_or_default(),
        })
        .collect();
    assert_eq!(order, ["1", "2", "3", "sp-2019", "4"]);
    let members = || vec!["aa".to_owned(), "bb".to_owned(), "cc".to_owned()];
    assert_eq!(
        specials,
        [
            ("sp-held".to_owned(), EditionStatus::Held, vec![]),
            ("sp-planned".to_owned(), EditionStatus::Decided, members()),
            ("sp-cancelled".to_owned(), EditionStatus::Cancelled, vec![]),
            ("sp-reported".to_owned(), EditionStatus::Projected, vec![]),
        ]
    );
}

/// Each decision against what happened: kept, moved (host and date, host, date), cancelled by a
/// record or by an exception, pending with or without a planned record.
#[test]
fn reconcile_every_outcome() {
    let decision = |n: u32, extra: &str| {
        format!("\n[[mechanism.schedule.decision]]\nedition = {n}\n{extra}\nsources = [\"s\"]\n")
    };
    let body = [
        MEETINGS.to_owned(),
        decision(1, "date = 2017\nhost = \"aa\""),
        decision(2, "date = 2018\nhost = \"bb\""),
        decision(3, "host = \"aa\""),
        decision(4, "host = \"bb\""),
        decision(5, "date = 2021"),
        decision(6, "host = \"bb\""),
        decision(7, "date = 2023\nhost = \"aa\""),
        decision(8, "date = 2024\nhost = \"bb\""),
        "\n[[mechanism.schedule.exception]]\nedition = 4\nkind = \"cancel\"\nsources = [\"s\"]\n"
            .to_owned(),
        summit(1, "2017-05-01", "host = \"aa\"\nstatus = \"held\""),
        summit(2, "2019-03-01", "host = \"cc\"\nstatus = \"held\""),
        summit(3, "2019-11-01", "status = \"cancelled\""),
        summit(5, "2021-06-01", "status = \"planned\""),
        summit(7, "2023-04-01", "host = \"bb\"\nstatus = \"held\""),
        summit(8, "2025-01-10", "host = \"bb\"\nstatus = \"held\""),
    ]
    .concat();
    let ds = load(&body);
    let r = ds.reconcile("m").unwrap();
    let got: Vec<(String, Option<String>)> = r
        .iter()
        .map(|x| (x.to_string(), x.summit.as_ref().map(|s| s.to_string())))
        .collect();
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        got,
        [
            ("edition 1: kept".to_owned(), some("m-1")),
            (
                "edition 2: moved (host bb -> cc; date 2018 -> 2019-03-01)".to_owned(),
                some("m-2")
            ),
            ("edition 3: cancelled".to_owned(), some("m-3")),
            ("edition 4: cancelled".to_owned(), None),
            ("edition 5: pending".to_owned(), some("m-5")),
            ("edition 6: pending".to_owned(), None),
            ("edition 7: moved (host aa -> bb)".to_owned(), some("m-7")),
            (
                "edition 8: moved (date 2024 -> 2025-01-10)".to_owned(),
                some("m-8")
            ),
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&summitry::render::reconcile_json(&r)).unwrap();
    assert_eq!(
        (&json[1]["outcome"], &json[3]["outcome"], &json[4]["summit"]),
        (
            &serde_json::json!({
                "outcome": "moved",
                "host": {"decided": "bb", "actual": "cc"},
                "date": {"decided": "2018", "actual": "2019-03-01"}
            }),
            &serde_json::json!({"outcome": "cancelled"}),
            &serde_json::json!("m-5")
        )
    );
}

/// The host rule covers an edition that starts on its `until` day; three alternating sides
/// take turns in order; a cancelled record's host and a replacement host do not move the
/// rotation.
#[test]
fn rule_edges_sides_and_what_does_not_move_the_rotation() {
    let until = meetings(r#"hosts = { ordered = ["aa", "bb"], until = 2020-12-01 }"#)
        .replace("first = 2017", "first = \"2017-12\"");
    assert_eq!(hosts(&load(&until), "m", 5), ["aa", "bb", "aa", "bb", "?"]);

    let sides = meetings(
        r#"hosts = { alternate = [{ fixed = "aa" }, { fixed = "bb" }, { fixed = "cc" }] }"#,
    );
    assert_eq!(
        hosts(&load(&sides), "m", 7),
        ["aa", "bb", "cc", "aa", "bb", "cc", "aa"]
    );

    let three = meetings(r#"hosts = { ordered = ["aa", "bb", "cc"] }"#);
    // Edition 2 (bb's turn) was to be in cc and was cancelled: cc's turn is still 3.
    let cancelled = format!(
        "{three}{}",
        summit(2, "2018-05-01", "host = \"cc\"\nstatus = \"cancelled\"")
    );
    assert_eq!(hosts(&load(&cancelled), "m", 4), ["aa", "cc", "cc", "aa"]);
    // Edition 2 replaced to cc: bb's turn is used, cc's turn is still 3.
    let replaced = format!(
        "{three}\n[[mechanism.schedule.exception]]\nedition = 2\nkind = \"replace\"\nhost = \"cc\"\nsources = [\"s\"]\n"
    );
    assert_eq!(hosts(&load(&replaced), "m", 4), ["aa", "cc", "cc", "aa"]);
    // The same when the replaced edition's record says where it was held.
    let replaced_held = format!(
        "{replaced}{}",
        summit(2, "2018-05-01", "host = \"cc\"\nstatus = \"held\"")
    );
    assert_eq!(
        hosts(&load(&replaced_held), "m", 4),
        ["aa", "cc", "cc", "aa"]
    );
    // A side of an alternating rule re-syncs to where its edition was held: bb's turn
    // held in dd, so that side goes on with bb (after dd, wrapping).
    let alternate =
        meetings(r#"hosts = { alternate = [{ fixed = "aa" }, { ordered = ["bb", "cc", "dd"] }] }"#)
            .replace(
                r#"members = ["aa", "bb", "cc"]"#,
                r#"members = ["aa", "bb", "cc", "dd"]"#,
            );
    assert_eq!(
        hosts(&load(&alternate), "m", 6),
        ["aa", "bb", "aa", "cc", "aa", "dd"]
    );
    let held_elsewhere = format!(
        "{alternate}{}",
        summit(2, "2018-05-01", "host = \"dd\"\nstatus = \"held\"")
    );
    assert_eq!(
        hosts(&load(&held_elsewhere), "m", 6),
        ["aa", "dd", "aa", "bb", "aa", "cc"]
    );
}

/// What comes next: a cancelled edition is never next, and a term that starts on the day
/// asked about is under way, not next.
#[test]
fn next_skips_cancelled_editions_and_terms_under_way() {
    let ds = load(&format!(
        "{MEETINGS}{}",
        summit(3, "2019-05-01", "status = \"cancelled\"")
    ));
    let next = ds.next_edition("m", d("2019-01-01")).unwrap().unwrap();
    assert_eq!((next.ordinal, next.date), (Some(4), Some(d("2020"))));
    let ds = load(TERMS);
    let next = ds.next_edition("p", d("2025-07-01")).unwrap().unwrap();
    assert_eq!(next.ordinal, Some(3));
    let next = ds.next_edition("p", d("2025-06-30")).unwrap().unwrap();
    assert_eq!(next.ordinal, Some(2));
}

/// The alphabetical rule: `except` leaves a member out, a held edition elsewhere re-syncs
/// the order to its host, and a skip with no one else to take the turn leaves it open.
#[test]
fn alphabetical_except_resync_and_a_lone_skip() {
    let four = |hosts: &str| {
        meetings(hosts).replace(
            r#"members = ["aa", "bb", "cc"]"#,
            r#"members = ["aa", "bb", "cc", "dd"]"#,
        )
    };
    // Aland, Carpania, Dorsetia: Borduria is left out.
    let except = four(r#"hosts = { alphabetical = "en", except = ["bb"] }"#);
    assert_eq!(hosts(&load(&except), "m", 4), ["aa", "cc", "dd", "aa"]);
    // Edition 2 (Borduria's turn) held in Dorsetia: Aland follows.
    let all = four(r#"hosts = { alphabetical = "en" }"#);
    let held = format!(
        "{all}{}",
        summit(2, "2018-05-01", "host = \"dd\"\nstatus = \"held\"")
    );
    assert_eq!(hosts(&load(&held), "m", 4), ["aa", "dd", "aa", "bb"]);
    // Only Aland takes part; it skips edition 2 and nobody else is in line.
    let lone = format!(
        "{}\n[[mechanism.schedule.exception]]\nedition = 2\nkind = \"skip\"\nsources = [\"s\"]\n",
        four(r#"hosts = { alphabetical = "en", among = ["aa"] }"#)
    );
    let ds = load(&lone);
    assert_eq!(hosts(&ds, "m", 3), ["aa", "?", "aa"]);
    let two = ds.schedule("m").unwrap().nth(1).unwrap();
    // The candidates are the other members: the one that skips is not one.
    let c: Vec<String> = two.candidates.iter().map(|p| p.to_string()).collect();
    assert_eq!(c, ["bb", "cc", "dd"]);
}

/// A reported decision's date is shown beside the settled one, marked as agreeing when the
/// dates overlap and as disagreeing when they do not; alone, it fills the date unmarked.
#[test]
fn reported_decisions_agree_or_disagree_with_the_date() {
    let reported = |n: u32, date: &str| {
        format!(
            "\n[[mechanism.schedule.decision]]\nedition = {n}\ndate = \"{date}\"\nconfidence = \"reported\"\nsources = [\"s\"]\n"
        )
    };
    let body = [
        MEETINGS.to_owned(),
        // Edition 2 (2018 by the rule): one report within the year, one outside it.
        reported(2, "2018-05"),
        reported(2, "2019-02"),
    ]
    .concat();
    let ds = load(&body);
    let e = ds.schedule("m").unwrap().nth(1).unwrap();
    let agrees: Vec<Option<bool>> = e
        .provenance
        .iter()
        .filter(|c| c.field == summitry::ClaimField::Date)
        .filter_map(|c| match &c.basis {
            summitry::Basis::Report { agrees, .. } => Some(*agrees),
            _ => None,
        })
        .collect();
    assert_eq!(agrees, [Some(true), Some(false)]);
    assert_eq!(e.date, Some(d("2018")));
}

/// An edition decided for a host and then held online keeps no host and no turn: the
/// decision does not move the rotation either.
#[test]
fn a_decided_host_held_online_does_not_move_the_rotation() {
    let body = meetings(r#"hosts = { ordered = ["aa", "bb", "cc"] }"#)
        + "\n[[mechanism.schedule.decision]]\nedition = 2\nhost = \"cc\"\nsources = [\"s\"]\n"
        + &summit(2, "2018-03-01", "online = true\nstatus = \"held\"");
    let ds = load(&body);
    assert_eq!(hosts(&ds, "m", 4), ["aa", "?", "bb", "cc"]);
}

/// Without a cadence, the next edition after a date is the first undated one that may
/// come, even when a later edition is already decided; a host the rule cannot give is
/// backed by no rule claim.
#[test]
fn irregular_next_and_undecided_hosts_claim_no_rule() {
    let body = meetings(r#"hosts = { ordered = ["aa", "bb", "cc"] }"#)
        .replace("every = \"1y\"\nfirst = 2017\n", "")
        + &summit(1, "2017-05-01", "host = \"aa\"\nstatus = \"held\"")
        + r#"
[[mechanism.schedule.decision]]
edition = 3
host = "cc"
sources = ["s"]
"#;
    let ds = load(&body);
    assert_eq!(dates(&ds, "m", 3), ["2017-05-01", "?", "?"]);
    let next = ds.next_edition("m", d("2018-01-01")).unwrap().unwrap();
    assert_eq!(
        (next.ordinal, next.host.map(|h| h.to_string())),
        (Some(2), Some("bb".to_owned()))
    );

    // After the rule ends, and when the only member in line skips: no rule claim on the host.
    let rule_claims = |ds: &Dataset, n: usize| {
        let e = ds.schedule("m").unwrap().nth(n).unwrap();
        let rule = e
            .provenance
            .iter()
            .filter(|c| {
                c.field == summitry::ClaimField::Host
                    && matches!(c.basis, summitry::Basis::Rule { .. })
            })
            .count();
        (e.host.is_some(), rule)
    };
    let ended = meetings(r#"hosts = { ordered = ["aa", "bb"], until = 2018 }"#);
    let ds = load(&ended);
    assert_eq!(
        [rule_claims(&ds, 1), rule_claims(&ds, 2)],
        [(true, 1), (false, 0)]
    );
}
