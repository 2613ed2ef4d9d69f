//! The `summitry` command-line tool: a thin layer that parses arguments, calls the library
//! and prints.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use summitry::{Dataset, LangTag, LoadError, Loader, PartialDate};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
}

fn parse_lang(s: &str) -> Result<LangTag, String> {
    s.parse().map_err(|e: summitry::LangTagError| e.to_string())
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse().map_err(|e: summitry::DateError| e.to_string())
}

/// Today's date (UTC), from the system clock.
fn today() -> Option<PartialDate> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    let now = chrono::DateTime::from_timestamp(i64::try_from(secs).ok()?, 0)?;
    PartialDate::day(now.date_naive()).ok()
}

/// Prints a result; a domain error goes to stderr with exit code 2 (a bad argument).
fn emit(out: Result<String, summitry::Error>) -> ExitCode {
    match out {
        Ok(text) => {
            let mut o = std::io::stdout().lock();
            let _ = o.write_all(text.as_bytes());
            if !text.ends_with('\n') {
                let _ = writeln!(o);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(2)
        }
    }
}

fn json(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Track diplomatic commitments: summits, schedules, promises and compliance.
#[derive(Parser)]
#[command(name = "summitry", version, about, long_about = None)]
struct Cli {
    /// A data directory or file to use instead of the bundled dataset.
    #[arg(long, global = true, value_name = "PATH")]
    data: Option<PathBuf>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The language for labels (BCP 47), falling back to English.
    #[arg(long, global = true, default_value = "en", value_parser = parse_lang)]
    lang: LangTag,
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
    Overview,
    /// List a mechanism's editions: held, decided and projected, with hosts or candidates.
    ///
    /// Example: summitry schedule china-central-asia --count 8 --format json
    Schedule {
        /// The mechanism id.
        mechanism: String,
        /// Start with the first edition not definitely before this date.
        #[arg(long, value_parser = parse_date)]
        from: Option<PartialDate>,
        /// How many editions to list.
        #[arg(long, default_value_t = 8)]
        count: usize,
        /// Also list special (unnumbered) editions, which are outside the count.
        #[arg(long)]
        special: bool,
    },
    /// The next edition of a mechanism: its date, host or candidates, status and provenance.
    ///
    /// Example: summitry next central-asia-russia --after 2026-01-01
    Next {
        /// The mechanism id.
        mechanism: String,
        /// The reference date (default: today).
        #[arg(long, value_parser = parse_date)]
        after: Option<PartialDate>,
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
        Command::Overview => match load(cli.data.as_ref()) {
            Ok(ds) => emit(Ok(ds.overview(&cli.lang))),
            Err(e) => report(&e),
        },
        Command::Schedule {
            mechanism,
            from,
            count,
            special,
        } => {
            let ds = match load(cli.data.as_ref()) {
                Ok(ds) => ds,
                Err(e) => return report(&e),
            };
            emit(ds.schedule(&mechanism).map(|it| {
                let editions: Vec<_> = it
                    .skip_while(|e| match (from, e.date) {
                        (Some(f), Some(d)) => d.is_definitely_before(&f),
                        _ => false,
                    })
                    .filter(|e| special || e.ordinal.is_some())
                    .take(count)
                    .collect();
                match cli.format {
                    Format::Json => json(&summitry::schedule_json(&editions)),
                    _ => summitry::schedule_text(&ds, &editions, cli.lang.as_str()),
                }
            }))
        }
        Command::Next { mechanism, after } => {
            let ds = match load(cli.data.as_ref()) {
                Ok(ds) => ds,
                Err(e) => return report(&e),
            };
            let Some(after) = after.or_else(today) else {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: cannot read today's date: give `--after`"
                );
                return ExitCode::from(2);
            };
            emit(ds.next_edition(&mechanism, after).map(|next| {
                let editions: Vec<_> = next.into_iter().collect();
                match cli.format {
                    Format::Json => json(
                        summitry::schedule_json(&editions)
                            .as_array()
                            .and_then(|a| a.first())
                            .unwrap_or(&serde_json::Value::Null),
                    ),
                    _ if editions.is_empty() => {
                        format!("no edition of `{mechanism}` is known or projected after {after}")
                    }
                    _ => summitry::schedule_text(&ds, &editions, cli.lang.as_str()),
                }
            }))
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
