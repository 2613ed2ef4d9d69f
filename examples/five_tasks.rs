//! The five tasks of a newcomer, with only the public API: upcoming editions with their host
//! or candidates, Kazakhstan's security commitments with their current assessment, a
//! scorecard by party, a broken directory's diagnostics, and a dataset from a TOML string.
//!
//! Run from the crate root: `cargo run --example five_tasks`. `tests/five_tasks.rs` runs
//! [`run`] and compares its output with `tests/five_tasks.out`.
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use summitry::render::{ReportOptions, scorecard_text};
use summitry::{By, CommitmentQuery, Dataset, Day, EditionStatus, ScorecardQuery};

/// The reference date: fixed, so the output does not change with the clock. A program that
/// wants today passes `Day::today()`.
const REFERENCE: &str = "2026-01-01";

/// Does the five tasks, writing what a user would print into a `String`.
pub fn run(broken_dir: &str) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = String::new();
    let ds = Dataset::bundled();
    let today: Day = REFERENCE.parse()?;

    // 1. The next edition of every mechanism, with its host or candidates, and what the
    //    claim rests on; then the next three editions of one mechanism.
    writeln!(out, "1. Next editions after {today}")?;
    for m in ds.mechanisms() {
        match ds.next_edition(&m.id, today.into())? {
            Some(e) => writeln!(out, "{m}\n  {e}  ({})", e.source())?,
            None => writeln!(out, "{m}\n  nothing known or projected")?,
        }
    }
    let upcoming = ds
        .schedule("china-central-asia")?
        .filter(|e| e.status != EditionStatus::Held)
        .take(3);
    writeln!(out, "China–Central Asia, the next three:")?;
    for e in upcoming {
        writeln!(out, "  {e}")?;
    }

    // 2. Kazakhstan's security commitments, with their current assessment.
    let kz = ds.party("kz").ok_or("no party kz")?;
    writeln!(out, "\n2. Security commitments binding {kz}")?;
    let q = CommitmentQuery::new().party(&kz.id).area("security");
    for c in ds.commitments_where(&q)? {
        let now = match ds.current_assessment(&c.id, &kz.id)? {
            Some(a) => a.to_string(),
            None => "not assessed".to_owned(),
        };
        writeln!(out, "- {}: {c}\n  {now}", c.id)?;
    }

    // 3. A scorecard by party.
    writeln!(out, "\n3. Scorecard by party")?;
    let card = ds.scorecard(
        &ScorecardQuery::new()
            .mechanism("china-central-asia")
            .by(By::Party),
    )?;
    out.push_str(&scorecard_text(ds, &card, &ReportOptions::new()));

    // 4. A broken directory's diagnostics: every problem at once.
    writeln!(out, "\n4. Checking {broken_dir}")?;
    match Dataset::load_dir(broken_dir) {
        Ok(_) => writeln!(out, "unexpectedly valid")?,
        Err(err) => {
            writeln!(out, "{err}")?;
            for d in err.diagnostics() {
                let place = match (d.file(), d.line(), d.column()) {
                    (Some(f), Some(l), Some(c)) => format!("{f}:{l}:{c}"),
                    (Some(f), _, _) => f.to_owned(),
                    _ => "-".to_owned(),
                };
                write!(out, "{place}: {}", d.message())?;
                match d.help() {
                    Some(h) => writeln!(out, " (help: {h})")?,
                    None => writeln!(out)?,
                }
            }
        }
    }

    // 5. A dataset from a TOML string, and its canonical form.
    writeln!(out, "\n5. A dataset from a string")?;
    let mine = Dataset::from_toml_str(
        "mine.toml",
        r#"
[[source]]
id = "mfa-kz"
publisher = "Ministry of Foreign Affairs of Kazakhstan"
title = "Statement"
lang = "en"

[[party]]
id = "kz"
kind = "state"
name = { en = "Kazakhstan", kk = "Қазақстан" }
sources = ["mfa-kz"]
"#,
    )?;
    for p in mine.parties() {
        let kk = p.name_in("kk").unwrap_or("(no Kazakh name)");
        writeln!(out, "{} = {p} = {kk}", p.id)?;
    }
    out.push_str(&mine.export_toml_string());
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    print!("{}", run("examples/broken")?);
    Ok(())
}
