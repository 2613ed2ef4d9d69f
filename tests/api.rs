//! The 0.2 public API as a user meets it (issue 13): ids at the boundary, `Display` and
//! `FromStr` on every value, serde both ways, the day type, errors that read well.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::borrow::Borrow;
use std::str::FromStr;
use summitry::export::Table;
use summitry::{
    By, ClaimField, CommitmentKind, Completion, Confidence, Dataset, DateRelation, Day,
    DeadlineStateKind, DocumentKind, EditionStatus, Level, PartialDate, PartyId, PartyKind,
    PeriodUnit, Precision, Strength, SummitStatus, UnknownWord,
};

#[test]
fn lookups_take_the_typed_id_or_a_string() {
    let ds = Dataset::bundled();
    let kz = ds.party("kz").unwrap();
    let by_id = ds.party(&kz.id).unwrap();
    let owned = String::from("kz");
    assert!(std::ptr::eq(kz, by_id));
    assert!(std::ptr::eq(kz, ds.party(&owned).unwrap()));
    let astana = ds.summit("cca-2025-astana").unwrap();
    assert!(ds.mechanism(&astana.mechanism).is_some());
    assert!(ds.schedule(&astana.mechanism).unwrap().take(5).count() > 3);
    let id: &str = kz.id.borrow();
    assert_eq!(id, "kz");
    assert_eq!(String::from(kz.id.clone()), "kz");
    assert_eq!(String::from(&kz.id), "kz");
}

#[test]
fn records_print_themselves() {
    let ds = Dataset::bundled();
    assert_eq!(ds.party("kz").unwrap().to_string(), "Kazakhstan");
    assert_eq!(ds.party("kz").unwrap().name_in("uk"), Some("Казахстан"));
    assert_eq!(ds.party_name("no-such-party", "en"), None);
    assert_eq!(
        ds.mechanism("china-central-asia").unwrap().to_string(),
        "China–Central Asia Summit"
    );
    assert_eq!(
        ds.summit("cca-2025-astana").unwrap().to_string(),
        "Second China–Central Asia Summit (Astana)"
    );
    assert_eq!(
        ds.document("xian-declaration-2023").unwrap().to_string(),
        "Xi'an Declaration of the China–Central Asia Summit"
    );
    let c = ds.commitment("xian-scholarships").unwrap();
    assert_eq!(c.to_string(), c.text());
    assert_eq!(c.obligors.to_string(), "cn");
    let lines: Vec<String> = ds
        .schedule("china-central-asia")
        .unwrap()
        .skip(3)
        .take(2)
        .map(|e| e.to_string())
        .collect();
    assert_eq!(
        lines,
        ["2027  China  projected", "2029  Kyrgyzstan  projected"]
    );
    let r = ds.reconcile("china-central-asia").unwrap();
    assert_eq!(r[0].to_string(), "edition 2: kept");
}

#[test]
fn an_undecided_host_prints_the_candidates() {
    let ds = Dataset::bundled();
    let e = ds
        .schedule("central-asia-russia")
        .unwrap()
        .find(|e| e.host.is_none() && e.date.is_some())
        .unwrap();
    assert_eq!(
        e.to_string(),
        "2027  one of KG, KZ, RU, TJ, TM, UZ  decided"
    );
}

/// Every word of a vocabulary prints as it parses, and a wrong word lists the valid ones.
#[track_caller]
fn vocabulary<T>(all: &[T], what: &str)
where
    T: FromStr<Err = UnknownWord> + std::fmt::Display + PartialEq + std::fmt::Debug,
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let words: Vec<String> = all.iter().map(ToString::to_string).collect();
    for (v, w) in all.iter().zip(&words) {
        assert_eq!(&w.parse::<T>().unwrap(), v);
        assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{w}\""));
        assert_eq!(&serde_json::from_str::<T>(&format!("\"{w}\"")).unwrap(), v);
    }
    let err = "zzzz".parse::<T>().unwrap_err();
    assert_eq!(err.what(), what);
    assert_eq!(err.word(), "zzzz");
    assert_eq!(
        err.valid(),
        words.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(serde_json::from_str::<T>("\"zzzz\"").is_err());
}

#[test]
fn every_vocabulary_parses_and_prints_its_words() {
    vocabulary(&SummitStatus::ALL, "summit status");
    vocabulary(&Completion::ALL, "completion");
    vocabulary(&CommitmentKind::ALL, "commitment kind");
    vocabulary(&Strength::ALL, "strength");
    vocabulary(&DocumentKind::ALL, "document kind");
    vocabulary(&Level::ALL, "level");
    vocabulary(&Confidence::ALL, "confidence");
    vocabulary(&PartyKind::ALL, "party kind");
    vocabulary(&PeriodUnit::ALL, "period unit");
    vocabulary(&Precision::ALL, "precision");
    vocabulary(&DateRelation::ALL, "date relation");
    vocabulary(&EditionStatus::ALL, "edition status");
    vocabulary(&ClaimField::ALL, "claim field");
    vocabulary(&DeadlineStateKind::ALL, "deadline state");
    vocabulary(&By::ALL, "grouping");
    vocabulary(&Table::ALL, "table");
    assert_eq!(
        "not_started".parse::<Completion>().unwrap_err().to_string(),
        "unknown completion `not_started` (did you mean `not-started`?): use unknown, not-started, limited, substantial or complete"
    );
    assert_eq!(
        "x".parse::<Strength>().unwrap_err().to_string(),
        "unknown strength `x`: use binding, pledge, readiness or support"
    );
}

#[test]
fn records_and_answers_round_trip_through_serde() {
    let ds = Dataset::bundled();
    macro_rules! round_trip {
        ($items:expr, $ty:ty) => {
            for x in $items {
                let text = serde_json::to_string(x).unwrap();
                let back: $ty = serde_json::from_str(&text).unwrap();
                assert_eq!(&back, x, "{text}");
            }
        };
    }
    round_trip!(ds.parties(), summitry::Party);
    round_trip!(ds.sources(), summitry::Source);
    round_trip!(ds.areas(), summitry::Area);
    round_trip!(ds.mechanisms(), summitry::Mechanism);
    round_trip!(ds.summits(), summitry::Summit);
    round_trip!(ds.documents(), summitry::Document);
    round_trip!(ds.commitments(), summitry::Commitment);
    round_trip!(ds.assessments(), summitry::Assessment);
    for m in ds.mechanisms() {
        let editions: Vec<_> = ds.schedule(&m.id).unwrap().take(6).collect();
        round_trip!(&editions, summitry::ProjectedEdition);
        round_trip!(&ds.reconcile(&m.id).unwrap(), summitry::Reconciliation);
    }
    let card = ds.scorecard(&summitry::ScorecardQuery::new()).unwrap();
    round_trip!([&card], summitry::Scorecard);
    let day = Day::new(2026, 1, 1).unwrap();
    for pc in ds.party_commitments("kz", day).unwrap() {
        let v = serde_json::to_value(pc).unwrap();
        assert_eq!(v["commitment"]["id"], pc.commitment.id.as_str());
        let back: summitry::DeadlineState = serde_json::from_value(v["deadline"].clone()).unwrap();
        assert_eq!(back, pc.deadline);
    }
    // Ids and dates are checked when read.
    assert!(serde_json::from_str::<PartyId>("\"KZ\"").is_err());
    assert!(serde_json::from_str::<PartialDate>("\"2023-02-30\"").is_err());
    assert_eq!(
        serde_json::from_str::<Day>("\"2025-06-17\"").unwrap(),
        Day::new(2025, 6, 17).unwrap()
    );
}

#[test]
fn one_day_type_and_an_explicit_today() {
    let d: Day = "2025-06-17".parse().unwrap();
    assert_eq!(d.to_string(), "2025-06-17");
    assert_eq!(
        "2025-06".parse::<Day>().unwrap_err().to_string(),
        "`2025-06` is not a day: write `YYYY-MM-DD`"
    );
    let p: PartialDate = d.into();
    assert_eq!(p.first_day(), d);
    assert_eq!(p.last_day(), d);
    assert_eq!(
        PartialDate::from_year(2025).unwrap().last_day(),
        Day::new(2025, 12, 31).unwrap()
    );
    assert_eq!(PartialDate::from_month(2024, 2).unwrap().year(), 2024);
    assert!(Day::today() >= Day::new(2026, 1, 1).unwrap());
}

#[test]
fn load_errors_read_in_one_line_and_render_in_full() {
    let err = summitry::Loader::new()
        .text("a.toml", "[[party]]\nid = \"kz\"\nkind = \"stat\"\nname = \"Kazakhstan\"\n")
        .text("b.toml", "[[party]]\nid = \"kg\"\nkind = \"state\"\nname = \"Kyrgyzstan\"\nsources = [\"nowhere\"]\n")
        .load()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "2 problems in 2 files; first: unknown party kind `stat` in `party.kz.kind` (a.toml:3:8)"
    );
    let d = &err.diagnostics()[0];
    assert_eq!(d.key_path(), Some("party.kz.kind"));
    assert_eq!((d.line(), d.column()), (Some(3), Some(8)));
    assert_eq!(err.diagnostics()[1].key_path(), Some("party.kg.sources[0]"));
    let full = format!("{err:?}");
    assert!(
        full.starts_with(
            "error[S0206]: unknown party kind `stat` in `party.kz.kind`\n --> a.toml:3:8\n"
        ),
        "{full}"
    );
    assert!(full.contains(" --> b.toml:5:12\n"), "{full}");
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["diagnostics"][0]["key_path"], "party.kz.kind");
    assert_eq!(v["diagnostics"][0]["line"], 3);
}

#[test]
fn the_bundled_dataset_is_parsed_once_and_loads_clean() {
    let a = Dataset::try_bundled().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(std::ptr::eq(a, Dataset::bundled()));
    assert!(!a.commitments().is_empty());
}

#[test]
fn exports_write_into_any_writer() {
    let ds = Dataset::bundled();
    let mut toml = Vec::new();
    ds.export_toml(&mut toml).unwrap();
    assert_eq!(String::from_utf8(toml).unwrap(), ds.export_toml_string());
    let mut json = Vec::new();
    ds.export_json(&mut json).unwrap();
    assert_eq!(String::from_utf8(json).unwrap(), ds.export_json_string());
    /// A writer that always fails.
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("device full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let err = ds.export_toml(Full).unwrap_err();
    assert!(err.is_io());
    assert_eq!(err.to_string(), "cannot write the export: device full");
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Day>();
    check::<UnknownWord>();
    check::<summitry::ProjectedEdition>();
    check::<summitry::Scorecard>();
    check::<summitry::render::ReportOptions>();
    check::<summitry::export::ExportOptions>();
}
