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
    assert_eq!(ds.mechanisms().len(), 3);
    assert!(ds.party("cn").is_some() && ds.party("ru").is_some());
    let cca = ds.mechanism("china-central-asia").unwrap();
    assert_eq!(cca.members.len(), 6);
    let sec = cca.secretariat.as_ref().unwrap();
    assert_eq!(sec.established.unwrap().to_string(), "2024-03-30");
    assert!(ds.mechanism("central-asia-russia").is_some());
    let cca_summits: Vec<_> = ds
        .summits()
        .iter()
        .filter(|s| s.mechanism == "china-central-asia")
        .collect();
    assert!(
        cca_summits
            .iter()
            .any(|s| s.edition == Edition::Special && s.date.to_string() == "2022-01-25")
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
    assert!(ukrinform.len() >= 25, "{}", ukrinform.len());
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
                .is_some_and(|t| t.amount == summitry::Amount::from_u64(26_000_000_000))
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
    assert!(!ds.assessments().is_empty());
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
