//! Validating a user's own data directory: loads every `*.toml` file under the directory
//! given as the first argument (default `data/`), prints every problem found with its file,
//! line and column, and exits with status 1 when there is any.
//!
//! Run: `cargo run --example validate_directory -- path/to/your/data`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use summitry::Dataset;

fn main() -> ExitCode {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "data".to_owned());
    match Dataset::load_dir(&dir) {
        Ok(ds) => {
            println!(
                "{dir}: valid ({} mechanisms, {} summits, {} commitments, {} sources)",
                ds.mechanisms().len(),
                ds.summits().len(),
                ds.commitments().len(),
                ds.sources().len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            // The error renders every diagnostic like the Rust compiler does.
            eprintln!("{e:?}");
            eprintln!("{dir}: {} problem(s)", e.diagnostics().len());
            ExitCode::from(1)
        }
    }
}
