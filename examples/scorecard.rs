//! A compliance scorecard: the G20 Research Group method by party for the China–Central Asia
//! mechanism, with unassessed commitments counted apart (never as zero).
//!
//! Run: `cargo run --example scorecard`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use summitry::{By, Dataset, ScorecardQuery};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ds = Dataset::bundled();
    let card = ds.scorecard(
        &ScorecardQuery::new()
            .mechanism("china-central-asia")
            .by(By::Party),
    )?;
    println!(
        "{:<14} {:>6} {:>5} {:>9} {:>11}",
        "party", "mean", "%", "assessed", "unassessed"
    );
    for r in card.rows.iter().chain(std::iter::once(&card.total)) {
        let name = if r.key == "total" {
            "total"
        } else {
            ds.party_name(&r.key, "en").unwrap_or(&r.key)
        };
        let mean = r
            .mean
            .map_or_else(|| "-".to_owned(), |m| format!("{m:+.2}"));
        let pct = r
            .percent
            .map_or_else(|| "-".to_owned(), |p| format!("{p}%"));
        println!(
            "{name:<14} {mean:>6} {pct:>5} {:>9} {:>11}",
            r.assessed, r.unassessed
        );
    }
    Ok(())
}
