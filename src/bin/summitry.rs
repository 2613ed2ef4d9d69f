//! The `summitry` command-line tool: a thin layer that parses arguments, calls the library
//! and prints.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use summitry::{Dataset, LoadError, Loader};

/// Track diplomatic commitments: summits, schedules, promises and compliance.
#[derive(Parser)]
#[command(name = "summitry", version, about, long_about = None)]
struct Cli {
    /// A data directory or file to use instead of the bundled dataset.
    #[arg(long, global = true, value_name = "PATH")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate data files and print every problem found.
    ///
    /// Exits 0 when the data is valid, 1 when there is any problem.
    ///
    /// Example: summitry check data/
    /// Show the mechanisms, their summits and the commitments by area.
    ///
    /// Example: summitry overview --lang uk
    Overview {
        /// The language for labels (BCP 47), falling back to English.
        #[arg(long, default_value = "en")]
        lang: String,
    },
    Check {
        /// Directories or files to check (default: the bundled dataset).
        paths: Vec<PathBuf>,
    },
}

fn load(data: Option<&PathBuf>) -> Result<Dataset, LoadError> {
    match data {
        Some(p) => Loader::new().path(p).load(),
        None => Dataset::bundled(),
    }
}

fn report(err: &LoadError) -> ExitCode {
    let mut e = std::io::stderr().lock();
    let _ = writeln!(e, "{err}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Overview { lang } => {
            let Ok(lang) = lang.parse::<summitry::LangTag>() else {
                let _ = writeln!(std::io::stderr(), "error: invalid language tag `{lang}`");
                return ExitCode::from(2);
            };
            match load(cli.data.as_ref()) {
                Ok(ds) => {
                    let _ = write!(std::io::stdout().lock(), "{}", ds.overview(&lang));
                    ExitCode::SUCCESS
                }
                Err(e) => report(&e),
            }
        }
        Command::Check { paths } => {
            let result = if paths.is_empty() {
                load(cli.data.as_ref())
            } else {
                paths.iter().fold(Loader::new(), |l, p| l.path(p)).load()
            };
            match result {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => report(&e),
            }
        }
    }
}
