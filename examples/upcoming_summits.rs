//! Upcoming summits: for every mechanism in the bundled data, the next edition after a date,
//! with its host (or the candidates when the rule cannot decide), status and provenance.
//!
//! Run: `cargo run --example upcoming_summits [DATE]` (default: today, from the clock).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use summitry::{Dataset, PartialDate};

/// Today (UTC) from the system clock: the caller decides what "today" is.
fn today() -> Result<PartialDate, Box<dyn std::error::Error>> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let now =
        chrono::DateTime::from_timestamp(i64::try_from(secs)?, 0).ok_or("clock out of range")?;
    Ok(PartialDate::day(now.date_naive())?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let after: PartialDate = match std::env::args().nth(1) {
        Some(date) => date.parse()?,
        None => today()?,
    };
    let ds = Dataset::bundled()?;
    println!("Next editions after {after}:\n");
    for m in ds.mechanisms() {
        let name = m.name.get("en").unwrap_or(m.id.as_str());
        match ds.next_edition(m.id.as_str(), after)? {
            None => println!("{name}: nothing known or projected"),
            Some(e) => {
                let date = e
                    .date
                    .map_or_else(|| "date not known".to_owned(), |d| d.to_string());
                let host = match &e.host {
                    Some(h) => ds.party_name(h.as_str(), "en").to_owned(),
                    None if e.candidates.is_empty() => "host not known".to_owned(),
                    None => format!(
                        "one of {}",
                        e.candidates
                            .iter()
                            .map(|c| c.as_str().to_uppercase())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                let ordinal = e
                    .ordinal
                    .map_or_else(|| "special".to_owned(), |n| format!("#{n}"));
                println!("{name} {ordinal}: {date}, {host} [{}]", e.status.as_str());
                println!("    based on: {}", e.source());
            }
        }
    }
    Ok(())
}
