//! The bundled dataset loads with no problem and holds what the issue promised.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use summitry::{Dataset, Edition, Obligors, SummitStatus};

#[test]
fn bundled_loads_with_zero_issues_and_expected_counts() {
    let ds = Dataset::try_bundled().unwrap_or_else(|e| panic!("{e:?}"));
    let ids = |v: Vec<&str>| v.join(" ");
    assert_eq!(
        ids(ds.mechanisms().iter().map(|m| m.id.as_str()).collect()),
        "c5-plus-1 central-asia-consultative-meetings central-asia-russia \
         china-central-asia-foreign-ministers china-central-asia eu-central-asia \
         gcc-central-asia germany-central-asia india-central-asia central-asia-japan \
         korea-central-asia korea-central-asia-forum"
    );
    assert_eq!(
        ids(ds.parties().iter().map(|p| p.id.as_str()).collect()),
        "cn kz kg tj tm uz ru az us eu de jp kr in sa ae kw qa om bh"
    );
    let counts = (
        ds.areas().len(),
        ds.sources().len(),
        ds.summits().len(),
        ds.documents().len(),
        ds.commitments().len(),
        ds.assessments().len(),
    );
    assert_eq!(counts, (31, 126, 35, 41, 79, 52));
    let cca = ds.mechanism("china-central-asia").unwrap();
    assert_eq!(
        ids(cca.members.iter().map(|m| m.party.as_str()).collect()),
        "cn kz kg tj tm uz"
    );
    assert!(
        cca.members
            .iter()
            .all(|m| m.since.is_none() && m.until.is_none())
    );
    let sec = cca.secretariat.as_ref().unwrap();
    assert_eq!(sec.established.unwrap().to_string(), "2024-03-30");
    let cca_summits: Vec<_> = ds
        .summits()
        .iter()
        .filter(|s| s.mechanism == "china-central-asia")
        .collect();
    let listed: Vec<_> = cca_summits
        .iter()
        .map(|s| (s.id.as_str(), s.edition, s.date.to_string(), s.status))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "cca-2022-virtual",
                Edition::Special,
                "2022-01-25".to_owned(),
                SummitStatus::Held
            ),
            (
                "cca-2023-xian",
                Edition::Ordinal(1),
                "2023-05-18/2023-05-19".to_owned(),
                SummitStatus::Held
            ),
            (
                "cca-2025-astana",
                Edition::Ordinal(2),
                "2025-06-17".to_owned(),
                SummitStatus::Held
            ),
            (
                "cca-2027",
                Edition::Ordinal(3),
                "2027".to_owned(),
                SummitStatus::Planned
            ),
        ]
    );
    let astana = cca_summits
        .iter()
        .find(|s| s.edition == Edition::Ordinal(2))
        .unwrap();
    assert_eq!(astana.status, SummitStatus::Held);
    assert_eq!(astana.host.as_ref().unwrap().as_str(), "kz");
    assert_eq!(astana.participants.len(), 6);
    // Every Ukrinform commitment is its own record, quoted in Ukrainian.
    let ukrinform: Vec<_> = ds
        .commitments()
        .iter()
        .filter(|c| c.quote().is_some_and(|q| q.lang.as_str() == "uk"))
        .collect();
    assert_eq!(ukrinform.len(), 32);
    let scholarships = ds.commitment("xian-scholarships").unwrap();
    assert_eq!(
        scholarships.obligors,
        Obligors::Parties(Box::new(["cn".parse().unwrap()]))
    );
    let financing = ds
        .commitments()
        .iter()
        .find(|c| {
            c.target()
                .is_some_and(|t| t.amount == summitry::Amount::from_u64(26_000_000_000))
        })
        .unwrap();
    assert_eq!(financing.target().unwrap().currency.as_deref(), Some("CNY"));
    // Every area used exists (the loader checks it) and has English and Ukrainian labels.
    for a in ds.areas() {
        assert!(
            a.label.get_exact("en").is_some() && a.label.get_exact("uk").is_some(),
            "{}",
            a.id
        );
    }
}

#[test]
fn bundled_files_match_the_data_directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let on_disk = Dataset::load_dir(dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(&on_disk, Dataset::bundled());
}

#[test]
fn format_md_shows_the_example_file_verbatim() {
    let format = include_str!("../FORMAT.md");
    let example = include_str!("../examples/data/example.toml");
    assert!(
        format.contains(example),
        "FORMAT.md is out of date with examples/data/example.toml"
    );
    summitry::Dataset::from_toml_str("example.toml", example).unwrap();
}

#[test]
fn xian_decision_reconciles_as_kept() {
    let ds = Dataset::bundled();
    let rec = ds.reconcile("china-central-asia").unwrap();
    let ed2 = rec.iter().find(|r| r.edition == 2).unwrap();
    assert_eq!(ed2.outcome, summitry::Outcome::Kept);
    assert_eq!(ed2.summit.as_ref().unwrap().as_str(), "cca-2025-astana");
}

/// Collapses every run of whitespace (spaces, line breaks) into one space.
fn normalise_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seed report: the Ukrinform text every Ukrainian quote comes from. A copy lives in the
/// repository so the test never depends on a directory outside it.
const SEED: &str = include_str!("fixtures/ukrinform-2023-05-19.uk.txt");

#[test]
fn every_ukrainian_quote_is_verbatim_in_the_seed_report() {
    let ds = Dataset::bundled();
    let seed = normalise_whitespace(SEED);
    let uk: Vec<_> = ds
        .commitments()
        .iter()
        .filter_map(|c| c.quote().map(|q| (c, q)))
        .filter(|(_, q)| q.lang.as_str() == "uk")
        .collect();
    assert_eq!(uk.len(), 32);
    for (c, q) in &uk {
        assert_eq!(q.source.as_str(), "ukrinform-2023-05-19", "{}", c.id);
        let text = normalise_whitespace(q.text());
        assert!(
            seed.contains(&text),
            "{}: not in the seed report: {text}",
            c.id
        );
    }
    // The check is on exact text: dropping a word, or changing the apostrophe, is caught.
    assert!(!seed.contains("Китай обіцяє продовжувати"));
    assert!(!seed.contains("з п'ятьма країнами"));
    // ... and whitespace differences (a line break in the seed) are not.
    assert!(SEED.contains("передає кореспондент Укрінформу.\nЦей механізм"));
    assert!(seed.contains("передає кореспондент Укрінформу. Цей механізм"));
}

#[test]
fn the_seed_copy_matches_the_shared_facts_when_they_are_present() {
    // CI places a copy of shared/ beside the clone; elsewhere there is nothing to compare.
    let shared = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/facts/ukrinform-2023-05-19.uk.txt"
    );
    if let Ok(text) = std::fs::read_to_string(shared) {
        assert_eq!(text, SEED);
    }
}

#[test]
fn every_source_has_an_address_but_the_seed() {
    let ds = Dataset::bundled();
    let without: Vec<&str> = ds
        .sources()
        .iter()
        .filter(|s| s.url.is_none())
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(without, ["ukrinform-2023-05-19"]);
}

#[test]
fn every_mechanism_but_korea_has_a_held_summit() {
    let ds = Dataset::bundled();
    let without: Vec<&str> = ds
        .mechanisms()
        .iter()
        .filter(|m| {
            !ds.summits()
                .iter()
                .any(|s| s.mechanism == m.id && s.status == SummitStatus::Held)
        })
        .map(|m| m.id.as_str())
        .collect();
    // The first Korea–Central Asia summit (16–17 September 2026) is planned; no report that
    // it was held was found (data/README.md).
    assert_eq!(without, ["korea-central-asia"]);
    let korea: Vec<_> = ds
        .summits()
        .iter()
        .filter(|s| s.mechanism == "korea-central-asia")
        .collect();
    assert_eq!(korea.len(), 1);
    assert_eq!(korea[0].status, SummitStatus::Planned);
    assert_eq!(korea[0].date.to_string(), "2026-09-16/2026-09-17");
}

#[test]
fn kazakhstan_commitments_span_the_formats() {
    let ds = Dataset::bundled();
    let day = summitry::Day::new(2026, 12, 6).unwrap();
    let rows: Vec<_> = ds.party_commitments("kz", day).unwrap().collect();
    assert_eq!(rows.len(), 61);
    let mut mechanisms: Vec<&str> = rows.iter().map(|r| r.mechanism.unwrap().as_str()).collect();
    mechanisms.sort_unstable();
    mechanisms.dedup();
    assert_eq!(
        mechanisms,
        [
            "c5-plus-1",
            "central-asia-consultative-meetings",
            "central-asia-japan",
            "china-central-asia",
            "eu-central-asia",
            "gcc-central-asia",
            "germany-central-asia",
            "india-central-asia",
            "korea-central-asia-forum",
        ]
    );
    // Azerbaijan joined the Consultative Meetings on 16 November 2025 and took part that day.
    let cam = ds.mechanism("central-asia-consultative-meetings").unwrap();
    assert_eq!(cam.members.len(), 6);
    let tashkent = ds.summit("cam-2025-tashkent").unwrap();
    assert!(tashkent.participants.iter().any(|p| p.party == "az"));
    // A pledge whose deadline passed with nobody assessing it is not called overdue.
    let forum = rows
        .iter()
        .find(|r| r.commitment.id == "gcca-2023-investment-forum")
        .unwrap();
    assert_eq!(forum.deadline, summitry::DeadlineState::PassedNotAssessed);
}
