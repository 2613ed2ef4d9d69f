//! The `summitry` command-line tool: a thin layer that parses arguments, calls the library
//! and prints.

use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use summitry::{
    By, CommitmentQuery, Completion, Dataset, ExportOptions, LangTag, LoadError, Loader,
    PartialDate, ReportOptions, ScorecardQuery, SummitQuery, SummitStatus, Table,
};

/// `error:` in bold red when stderr is a terminal and `NO_COLOR` is not set, else plain.
fn error_label() -> &'static str {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if !no_color && std::io::stderr().is_terminal() {
        "\x1b[1;31merror\x1b[0m:"
    } else {
        "error:"
    }
}

/// Exit code 3: the results could not be written (a full disk, `/dev/full`, a directory
/// that cannot be written).
const OUTPUT_ERROR: u8 = 3;

/// Where results go: `--output`, else standard output.
static OUTPUT: OnceLock<PathBuf> = OnceLock::new();

fn usage(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{} {msg}", error_label());
    ExitCode::from(2)
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
}

fn parse_lang(s: &str) -> Result<LangTag, String> {
    s.parse().map_err(|e: summitry::LangTagError| e.to_string())
}

fn parse_term(s: &str) -> Result<PartialDate, String> {
    summitry::parse_term(s).map_err(|e| e.to_string())
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
        Ok(mut text) => {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            write_results(text.as_bytes())
        }
        Err(e) => usage(&e.to_string()),
    }
}

/// Writes the results to `--output` or standard output. A failed write is reported with
/// exit code [`OUTPUT_ERROR`]; a reader that stopped early (a closed pipe, `| head`) is not
/// an error: the command ends quietly with exit code 0.
fn write_results(bytes: &[u8]) -> ExitCode {
    let (result, target) = match OUTPUT.get() {
        Some(path) => (
            replace_file(path, |f| f.write_all(bytes)),
            format!("`{}`", path.display()),
        ),
        None => {
            let mut o = std::io::stdout().lock();
            (
                o.write_all(bytes).and_then(|()| o.flush()),
                "standard output".to_owned(),
            )
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "{} cannot write to {target}: {e}",
                error_label()
            );
            ExitCode::from(OUTPUT_ERROR)
        }
    }
}

/// Writes a file so that it is either fully written or left as it was: into a new
/// temporary file in the same directory, flushed to disk, then renamed over `path` (a
/// symbolic link at `path` is replaced, not followed). A file that is not a regular file
/// (a terminal, a pipe, `/dev/null`) is written in place.
fn replace_file(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Ok(m) = std::fs::metadata(path) {
        if m.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a directory",
            ));
        }
        if !m.is_file() {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            write(&mut f)?;
            return f.flush();
        }
    }
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        if let Ok(m) = std::fs::metadata(path) {
            let _ = f.set_permissions(m.permissions());
        }
        write(&mut f)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn json(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Track diplomatic commitments: summits, schedules, promises and compliance.
#[derive(Parser)]
#[command(name = "summitry", version, about, long_about = None, max_term_width = 80)]
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
    /// The reference date ("today") for `next`, deadline states and exports [default: today].
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<PartialDate>,
    /// Write the results to this file instead of standard output. The file is replaced
    /// only once it is completely written: a failed write leaves the old one in place.
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    output: Option<PathBuf>,
    /// CSV for programs: text cells exactly as in the data. By default a text cell that
    /// starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` so
    /// that spreadsheets never run it as a formula.
    #[arg(long, global = true)]
    raw_csv: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        /// The reference date (default: `--as-of`, else today).
        #[arg(long, value_parser = parse_date)]
        after: Option<PartialDate>,
    },
    /// Who holds a mechanism on a date: the term containing it, or for meetings the latest
    /// edition by then, with host or candidates, status and the edition's first and last day.
    ///
    /// Example: summitry holder china-central-asia --on 2026-03-01
    Holder {
        /// The mechanism id.
        mechanism: String,
        /// The date (default: `--as-of`, else today); a half-year is written `2025-H2`.
        #[arg(long, value_parser = parse_term)]
        on: Option<PartialDate>,
    },
    /// Every decision of a mechanism's schedule (or of all mechanisms) against what
    /// happened: kept, moved, cancelled or pending.
    ///
    /// Example: summitry reconcile china-central-asia --format json
    Reconcile {
        /// The mechanism id (default: every mechanism).
        mechanism: Option<String>,
    },
    /// List commitments: what was promised, by whom, in which area, by when, and its status.
    ///
    /// Example: summitry commitments --party cn --area security
    Commitments {
        /// Only this area and its sub-areas.
        #[arg(long)]
        area: Option<String>,
        /// Only commitments binding this party.
        #[arg(long)]
        party: Option<String>,
        /// Only commitments of this mechanism.
        #[arg(long)]
        mechanism: Option<String>,
        /// Only commitments adopted at this summit.
        #[arg(long)]
        summit: Option<String>,
        /// Only commitments of this document.
        #[arg(long)]
        document: Option<String>,
        /// Only commitments whose deadline ends before this date.
        #[arg(long, value_parser = parse_date)]
        due_before: Option<PartialDate>,
        /// Only commitments with this current completion status
        /// (unknown, not-started, limited, substantial, complete).
        #[arg(long)]
        status: Option<String>,
        /// Only commitments whose text or quote contains these words (any case, any language).
        #[arg(long)]
        text: Option<String>,
    },
    /// List summits.
    ///
    /// Example: summitry summits --party kz --from 2023
    Summits {
        /// Only summits of this mechanism.
        #[arg(long)]
        mechanism: Option<String>,
        /// Only summits this party hosted or attended.
        #[arg(long)]
        party: Option<String>,
        /// Only summits that may fall on or after this date.
        #[arg(long, value_parser = parse_date)]
        from: Option<PartialDate>,
        /// Only summits that may fall on or before this date.
        #[arg(long, value_parser = parse_date)]
        to: Option<PartialDate>,
        /// Only summits with this status (planned, held, postponed, cancelled).
        #[arg(long)]
        status: Option<String>,
    },
    /// Compliance scorecard (G20 Research Group method): mean score and percentage, with
    /// unassessed commitments counted apart, never as zero.
    ///
    /// Example: summitry scorecard --mechanism china-central-asia --by party
    Scorecard {
        /// Only this mechanism.
        #[arg(long)]
        mechanism: Option<String>,
        /// Group by party, commitment, area, summit or mechanism.
        #[arg(long, default_value = "party")]
        by: String,
    },
    /// Export the data: JSON, CSV tables, an iCalendar feed, a Markdown report, an SVG
    /// timeline, or the JSON Schema of the data format.
    ///
    /// Exports ignore `--format`: each subcommand has its own. Results go to stdout; redirect
    /// them to a file.
    ///
    /// Example: summitry export ics --mechanism china-central-asia > summits.ics
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// Validate data files and print every problem found.
    ///
    /// Exits 0 when the data is valid, 1 when there is any problem.
    ///
    /// Example: summitry check data/
    Check {
        /// Directories or files to check (default: the bundled dataset).
        paths: Vec<PathBuf>,
    },
    /// Write a deterministic, realistic generated dataset (for benchmarks and trials).
    ///
    /// The same seed and counts always give the same files.
    ///
    /// Example: summitry generate --commitments 100000 --seed 1 /tmp/big
    Generate {
        /// How many commitments in all.
        #[arg(long, default_value_t = 1000)]
        commitments: usize,
        /// The seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How many parties (states with two-letter ids, at most 676).
        #[arg(long, default_value_t = 190)]
        parties: usize,
        /// How many mechanisms.
        #[arg(long, default_value_t = 40)]
        mechanisms: usize,
        /// How many summits per mechanism.
        #[arg(long, default_value_t = 10)]
        summits: usize,
        /// How many assessments per commitment.
        #[arg(long, default_value_t = 3)]
        assessments: usize,
        /// Write into a directory that is not empty: first remove the files an earlier
        /// run wrote there (other files are kept; links are removed, never followed).
        #[arg(long)]
        force: bool,
        /// The directory to write into (created if needed; it must be empty unless
        /// `--force`).
        out_dir: PathBuf,
    },
}

#[derive(Subcommand)]
enum Export {
    /// The whole dataset as one JSON document (`{"format": "summitry/1", "parties": [...], ...}`).
    ///
    /// Example: summitry export json > dataset.json
    Json,
    /// One table as CSV (RFC 4180), for spreadsheets and pandas.
    ///
    /// Example: summitry export csv --table schedule --upcoming 4
    Csv {
        /// The table: summits, commitments, assessments or schedule.
        #[arg(long, value_parser = ["summits", "commitments", "assessments", "schedule"])]
        table: String,
        /// Only this mechanism (schedule table).
        #[arg(long)]
        mechanism: Option<String>,
        /// How many editions not yet held to list per mechanism (schedule table).
        #[arg(long, default_value_t = summitry::DEFAULT_UPCOMING)]
        upcoming: usize,
    },
    /// An iCalendar feed (RFC 5545) of past and upcoming editions, for calendar applications.
    ///
    /// Example: summitry export ics --mechanism china-central-asia > summits.ics
    Ics {
        /// Only this mechanism.
        #[arg(long)]
        mechanism: Option<String>,
        /// How many editions not yet held to include per mechanism.
        #[arg(long, default_value_t = summitry::DEFAULT_UPCOMING)]
        upcoming: usize,
    },
    /// A Markdown report to publish: mechanisms, summits, the schedule ahead, commitments by
    /// area, scorecards and sources.
    ///
    /// Example: summitry export markdown --as-of 2026-01-01 > report.md
    Markdown {
        /// Only this mechanism.
        #[arg(long)]
        mechanism: Option<String>,
        /// How many editions not yet held to show per mechanism.
        #[arg(long, default_value_t = summitry::DEFAULT_UPCOMING)]
        upcoming: usize,
    },
    /// A timeline picture (SVG, 1000 px wide): one lane per mechanism.
    ///
    /// Example: summitry export svg > timeline.svg
    Svg {
        /// Only this mechanism.
        #[arg(long)]
        mechanism: Option<String>,
        /// How many editions not yet held to draw per mechanism.
        #[arg(long, default_value_t = summitry::DEFAULT_UPCOMING)]
        upcoming: usize,
    },
    /// The whole dataset as one TOML document in the data format, in canonical form.
    ///
    /// Loading the output back gives an equal dataset; exporting twice gives the same bytes.
    ///
    /// Example: summitry export toml > all.toml
    Toml,
    /// The JSON Schema (draft 2020-12) of the TOML data files, for Taplo and VS Code.
    ///
    /// Example: summitry export schema > schema/summitry.schema.json
    Schema,
}

fn export(cli: &Cli, what: &Export) -> ExitCode {
    if let Export::Schema = what {
        return emit(Ok(json(&summitry::json_schema())));
    }
    let ds = match load(cli.data.as_ref()) {
        Ok(ds) => ds,
        Err(e) => return report(&e),
    };
    let Some(as_of) = cli.as_of.or_else(today) else {
        return usage("cannot read today's date: give `--as-of`");
    };
    let options = |mechanism: &Option<String>, upcoming: usize| {
        let o = ExportOptions::new()
            .lang(cli.lang.as_str())
            .as_of(as_of)
            .upcoming(upcoming)
            .raw_csv(cli.raw_csv);
        match mechanism {
            Some(m) => o.mechanism(m.clone()),
            None => o,
        }
    };
    match what {
        Export::Schema => ExitCode::SUCCESS,
        Export::Toml => emit(Ok(ds.to_toml())),
        Export::Json => emit(Ok(json(&ds.export_json()))),
        Export::Csv {
            table,
            mechanism,
            upcoming,
        } => emit(
            table
                .parse::<Table>()
                .and_then(|t| ds.export_csv(t, &options(mechanism, *upcoming))),
        ),
        Export::Ics {
            mechanism,
            upcoming,
        } => emit(ds.export_ics(&options(mechanism, *upcoming))),
        Export::Markdown {
            mechanism,
            upcoming,
        } => emit(ds.export_markdown(&options(mechanism, *upcoming))),
        Export::Svg {
            mechanism,
            upcoming,
        } => emit(ds.export_svg(&options(mechanism, *upcoming))),
    }
}

/// `summitry holder MECHANISM [--on DATE]`.
fn holder(cli: &Cli, mechanism: &str, on: Option<PartialDate>) -> ExitCode {
    let ds = match load(cli.data.as_ref()) {
        Ok(ds) => ds,
        Err(e) => return report(&e),
    };
    let Some(on) = on.or(cli.as_of).or_else(today) else {
        return usage("cannot read today's date: give `--on`");
    };
    emit(ds.holder_on(mechanism, on).map(|e| match cli.format {
        Format::Json => json(&summitry::holder_json(e.as_ref())),
        _ => match e {
            None => format!("no edition of `{mechanism}` holds it on {on}"),
            Some(e) => summitry::schedule_text(&ds, std::slice::from_ref(&e), cli.lang.as_str()),
        },
    }))
}

/// `summitry reconcile [MECHANISM]`.
fn reconcile(cli: &Cli, mechanism: Option<&str>) -> ExitCode {
    let ds = match load(cli.data.as_ref()) {
        Ok(ds) => ds,
        Err(e) => return report(&e),
    };
    let items = match mechanism {
        Some(m) => ds.reconcile(m),
        None => Ok(ds
            .mechanisms()
            .iter()
            .flat_map(|m| ds.reconcile(m.id.as_str()).unwrap_or_default())
            .collect()),
    };
    emit(items.map(|items| match cli.format {
        Format::Json => json(&summitry::reconcile_json(&items)),
        _ if items.is_empty() => "no decisions recorded".to_owned(),
        _ => summitry::reconcile_text(&ds, &items, cli.lang.as_str()),
    }))
}

fn load(data: Option<&PathBuf>) -> Result<Dataset, LoadError> {
    match data {
        Some(p) => Loader::new().path(p).load(),
        None => Dataset::bundled(),
    }
}

fn report(err: &LoadError) -> ExitCode {
    let mut e = std::io::stderr().lock();
    let text = err.to_string();
    let label = error_label();
    let text = if label == "error:" {
        text
    } else {
        text.replace("\nerror:", &format!("\n{label}")).replacen(
            "error:",
            label,
            usize::from(text.starts_with("error:")),
        )
    };
    let _ = writeln!(e, "{text}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(path) = &cli.output {
        let _ = OUTPUT.set(path.clone());
    }
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
            let Some(after) = after.or(cli.as_of).or_else(today) else {
                return usage("cannot read today's date: give `--after`");
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
        Command::Commitments {
            area,
            party,
            mechanism,
            summit,
            document,
            due_before,
            status,
            text,
        } => {
            let ds = match load(cli.data.as_ref()) {
                Ok(ds) => ds,
                Err(e) => return report(&e),
            };
            let Some(reference) = cli.as_of.or_else(today) else {
                return usage("cannot read today's date: give `--as-of`");
            };
            let mut q = CommitmentQuery::new();
            let mut opts = ReportOptions::new()
                .lang(cli.lang.as_str())
                .raw_csv(cli.raw_csv)
                .reference(reference.first_day());
            if let Some(a) = area {
                q = q.area(a);
            }
            if let Some(p) = party {
                q = q.party(p.clone());
                opts = opts.party(p);
            }
            if let Some(m) = mechanism {
                q = q.mechanism(m);
            }
            if let Some(s) = summit {
                q = q.summit(s);
            }
            if let Some(d) = document {
                q = q.document(d);
            }
            if let Some(d) = due_before {
                q = q.due_before(d);
            }
            if let Some(s) = status {
                match Completion::ALL.into_iter().find(|c| c.as_str() == s) {
                    Some(c) => q = q.status(c),
                    None => {
                        return usage(&format!(
                            "unknown status `{s}`: use unknown, not-started, limited, substantial or complete"
                        ));
                    }
                }
            }
            if let Some(t) = text {
                q = q.text(t);
            }
            emit(ds.commitments_where(&q).map(|found| match cli.format {
                Format::Json => json(&summitry::commitments_json(&ds, found, &opts)),
                Format::Csv => summitry::commitments_csv(&ds, found, &opts),
                Format::Text => summitry::commitments_text(&ds, found, &opts),
            }))
        }
        Command::Summits {
            mechanism,
            party,
            from,
            to,
            status,
        } => {
            let ds = match load(cli.data.as_ref()) {
                Ok(ds) => ds,
                Err(e) => return report(&e),
            };
            let mut q = SummitQuery::new();
            if let Some(m) = mechanism {
                q = q.mechanism(m);
            }
            if let Some(p) = party {
                q = q.party(p);
            }
            if let Some(f) = from {
                q = q.from(f);
            }
            if let Some(t) = to {
                q = q.to(t);
            }
            if let Some(s) = status {
                match SummitStatus::ALL.into_iter().find(|c| c.as_str() == s) {
                    Some(c) => q = q.status(c),
                    None => {
                        return usage(&format!(
                            "unknown status `{s}`: use planned, held, postponed or cancelled"
                        ));
                    }
                }
            }
            let opts = ReportOptions::new()
                .lang(cli.lang.as_str())
                .raw_csv(cli.raw_csv);
            emit(ds.summits_where(&q).map(|found| match cli.format {
                Format::Json => json(&summitry::summits_json(&ds, found, &opts)),
                Format::Csv => summitry::summits_csv(&ds, found, &opts),
                Format::Text => summitry::summits_text(&ds, found, &opts),
            }))
        }
        Command::Holder { ref mechanism, on } => holder(&cli, mechanism, on),
        Command::Reconcile { ref mechanism } => reconcile(&cli, mechanism.as_deref()),
        Command::Scorecard { mechanism, by } => {
            let ds = match load(cli.data.as_ref()) {
                Ok(ds) => ds,
                Err(e) => return report(&e),
            };
            let by: By = match by.parse() {
                Ok(b) => b,
                Err(e) => return usage(&e.to_string()),
            };
            let mut q = ScorecardQuery::new().by(by);
            if let Some(m) = mechanism {
                q = q.mechanism(m);
            }
            let opts = ReportOptions::new()
                .lang(cli.lang.as_str())
                .raw_csv(cli.raw_csv);
            emit(ds.scorecard(&q).map(|card| match cli.format {
                Format::Json => json(&summitry::scorecard_json(&ds, &card, &opts)),
                Format::Csv => summitry::scorecard_csv(&ds, &card, &opts),
                Format::Text => summitry::scorecard_text(&ds, &card, &opts),
            }))
        }
        Command::Export { ref what } => export(&cli, what),
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
        Command::Generate {
            commitments,
            seed,
            parties,
            mechanisms,
            summits,
            assessments,
            force,
            out_dir,
        } => {
            let g = summitry::Generator {
                parties,
                mechanisms,
                summits_per_mechanism: summits,
                commitments,
                assessments_per_commitment: assessments,
                seed,
            };
            let written = if force {
                g.overwrite_dir(&out_dir)
            } else {
                g.write_dir(&out_dir)
            };
            match written {
                Ok((files, bytes)) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "wrote {files} files ({bytes} bytes) to {}",
                        out_dir.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) if e.kind() == std::io::ErrorKind::DirectoryNotEmpty => usage(&format!(
                    "`{}` is not empty: give `--force` to replace the files an earlier `generate` wrote there",
                    out_dir.display()
                )),
                Err(e) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "{} cannot write `{}`: {e}",
                        error_label(),
                        out_dir.display()
                    );
                    ExitCode::from(OUTPUT_ERROR)
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::replace_file;
    use std::io::Write;

    /// A write that fails half way (as on a full disk) leaves the old file as it was and no
    /// temporary file beside it.
    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = std::env::temp_dir().join(format!("summitry-bin-replace-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("report.md");
        std::fs::write(&path, "the good report").unwrap();
        let err = replace_file(&path, |f| {
            f.write_all(b"half of the new")?;
            Err(std::io::Error::from_raw_os_error(28))
        })
        .unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the good report");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        replace_file(&path, |f| f.write_all(b"the new report")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "the new report");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
