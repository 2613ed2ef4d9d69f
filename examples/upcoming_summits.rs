//! Upcoming summits: for every mechanism in the bundled data, the next edition after a date,
//! with its host (or the candidates when the rule cannot decide), status and provenance.
//!
//! Run: `cargo run --example upcoming_summits [DATE]` (default: today, from the clock).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use summitry::{Dataset, PartialDate};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let after: PartialDate = match std::env::args().nth(1) {
        Some(date) => date.parse()?,
        None => summitry::Day::today().into(), // the caller decides what "today" is
    };
    let ds = Dataset::bundled();
    println!("Next editions after {after}:\n");
    for m in ds.mechanisms() {
        // A mechanism prints its English name; an edition prints `date  host  status`, with
        // the candidates when the rule cannot decide the host.
        match ds.next_edition(&m.id, after)? {
            None => println!("{m}: nothing known or projected"),
            Some(e) => {
                let ordinal = e.ordinal.map_or("special".to_owned(), |n| format!("#{n}"));
                println!("{m} {ordinal}: {e}");
                println!("    based on: {}", e.source());
            }
        }
    }
    Ok(())
}
