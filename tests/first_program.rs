//! The first program a user wrote against 0.1 (issue 13), unchanged: it must compile and run
//! against the 0.2 API. It runs as a test without the harness (`harness = false` in
//! Cargo.toml): a failure is an error returned from `main` or a failed assertion.
#![allow(clippy::print_stdout, clippy::unwrap_used)]

use summitry::{Dataset, ScorecardQuery, SummitStatus};
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ds: &'static Dataset = Dataset::bundled();
    let kz = ds.party("kz").ok_or("no kz")?;
    let again = ds.party(&kz.id).ok_or("no kz")?;
    println!("{kz} / {again}");
    let astana = ds.summit("cca-2025-astana").ok_or("no Astana")?;
    println!("{astana} on {}", astana.date);
    for e in ds.schedule("china-central-asia")?.take(4) {
        println!("{e}");
    }
    let held: SummitStatus = "held".parse()?;
    assert_eq!(held, astana.status);
    let card = ds.scorecard(&ScorecardQuery::new())?;
    println!("{}", serde_json::to_string(&card)?);
    let mut out: Vec<u8> = Vec::new();
    ds.export_json(&mut out)?;
    let err = Dataset::from_toml_str("bad.toml", "[[party]]\nid = \"kz\"\n").unwrap_err();
    assert!(format!("{err:?}").contains("bad.toml:"));
    Ok(())
}
