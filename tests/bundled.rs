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
    let ds = Dataset::bundled().unwrap_or_else(|e| panic!("{e}"));
    let ids = |v: Vec<&str>| v.join(" ");
    assert_eq!(
        ids(ds.mechanisms().iter().map(|m| m.id.as_str()).collect()),
        "central-asia-russia china-central-asia-foreign-ministers china-central-asia"
    );
    assert_eq!(
        ids(ds.parties().iter().map(|p| p.id.as_str()).collect()),
        "cn kz kg tj tm uz ru"
    );
    let counts = (
        ds.areas().len(),
        ds.sources().len(),
        ds.summits().len(),
        ds.documents().len(),
        ds.commitments().len(),
        ds.assessments().len(),
    );
    assert_eq!(counts, (29, 29, 12, 11, 42, 24));
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
        .filter(|c| c.quote.as_ref().is_some_and(|q| q.lang.as_str() == "uk"))
        .collect();
    assert_eq!(ukrinform.len(), 30);
    let scholarships = ds.commitment("xian-scholarships").unwrap();
    assert_eq!(
        scholarships.obligors,
        Obligors::Parties(Box::new(["cn".parse().unwrap()]))
    );
    let financing = ds
        .commitments()
        .iter()
        .find(|c| {
            c.target
                .as_ref()
                .is_some_and(|t| t.amount == 26_000_000_000.0)
        })
        .unwrap();
    assert_eq!(
        financing.target.as_ref().unwrap().currency.as_deref(),
        Some("CNY")
    );
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
    assert_eq!(on_disk, Dataset::bundled().unwrap());
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
    let ds = Dataset::bundled().unwrap();
    let rec = ds.reconcile("china-central-asia").unwrap();
    let ed2 = rec.iter().find(|r| r.edition == 2).unwrap();
    assert_eq!(ed2.outcome, summitry::Outcome::Kept);
    assert_eq!(ed2.summit.as_ref().unwrap().as_str(), "cca-2025-astana");
}
