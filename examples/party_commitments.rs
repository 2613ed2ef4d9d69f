//! A party's commitments by area: every commitment that binds one party (default `kz`),
//! grouped under the areas they cover, with the party's current status on each.
//!
//! Run: `cargo run --example party_commitments [PARTY]`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use summitry::{CommitmentQuery, Dataset};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let party = std::env::args().nth(1).unwrap_or_else(|| "kz".to_owned());
    let ds = Dataset::bundled();
    // An unknown party is an error with a suggestion ("did you mean `kz`?").
    let found = ds.commitments_where(&CommitmentQuery::new().party(party.clone()))?;
    let mut by_area: BTreeMap<String, Vec<&summitry::Commitment>> = BTreeMap::new();
    for c in found {
        for a in c.areas().iter() {
            let label = ds
                .area(a.as_str())
                .map_or(a.as_str(), |x| x.label.en())
                .to_owned();
            by_area.entry(label).or_default().push(c);
        }
    }
    println!(
        "Commitments binding {}:\n",
        ds.party_name(&party, "en").unwrap_or(&party)
    );
    for (area, cs) in by_area {
        println!("{area} ({})", cs.len());
        for c in cs {
            let status = ds
                .current_assessment(c.id.as_str(), &party)?
                .and_then(|a| a.status)
                .map_or("not assessed", |s| s.as_str());
            let due = c.deadline.map(|d| format!(", due {d}")).unwrap_or_default();
            println!("  - {} [{status}{due}]", c.text());
        }
        println!();
    }
    Ok(())
}
