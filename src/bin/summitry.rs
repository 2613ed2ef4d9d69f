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
    Check {
        /// Directories or files to check (default: the bundled dataset).
        paths: Vec<PathBuf>,
    },
    /// Write the whole dataset in a canonical form.
    ///
    /// Loading the output back gives an equal dataset; exporting twice gives the same bytes.
    ///
    /// Example: summitry export toml > all.toml
    Export {
        /// The output format.
        #[arg(value_enum)]
        format: ExportFormat,
    },
}

/// The formats `export` writes.
#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFormat {
    /// One TOML document in the data format.
    Toml,
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
        Command::Export { format } => match load(cli.data.as_ref()) {
            Ok(data) => {
                let text = match format {
                    ExportFormat::Toml => data.to_toml(),
                };
                let mut out = std::io::stdout().lock();
                match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        let _ = writeln!(std::io::stderr().lock(), "error: cannot write: {e}");
                        ExitCode::from(1)
                    }
                }
            }
            Err(e) => report(&e),
        },
    }
}
