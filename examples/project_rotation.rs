//! Projecting a rotation: the China–Central Asia summits alternate between China and the
//! Central Asian states in English alphabetical order; this prints the next editions with
//! the status and provenance of each claim, then how decisions compare with what happened.
//!
//! Run: `cargo run --example project_rotation [MECHANISM] [COUNT]`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use summitry::Dataset;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mechanism = args
        .next()
        .unwrap_or_else(|| "china-central-asia".to_owned());
    let count: usize = args.next().map_or(Ok(10), |s| s.parse())?;
    let ds = Dataset::bundled();
    let editions: Vec<_> = ds.schedule(&mechanism)?.take(count).collect();
    print!("{}", summitry::render::schedule_text(ds, &editions, "en"));
    println!("\nDecisions against what happened:");
    for r in ds.reconcile(&mechanism)? {
        println!("  edition {}: {}", r.edition, r.outcome.as_str());
    }
    Ok(())
}
