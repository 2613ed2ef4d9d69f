//! The `summitry` command-line tool: a thin layer that parses arguments, calls the library
//! and prints.

#[path = "summitry/ids.rs"]
mod ids;
#[path = "summitry/term.rs"]
mod term;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, Subcommand};
use ids::Kind;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use summitry::export::{ExportOptions, Table};
use summitry::render::{Messages, ReportOptions};
use summitry::{
    By, CommitmentKind, CommitmentQuery, Completion, Dataset, LangTag, LoadError, Loader,
    PartialDate, ScorecardQuery, SummitQuery, SummitStatus,
};
use term::error_label;

/// Exit code 3: the results could not be written (a full disk, `/dev/full`, a directory
/// that cannot be written).
const OUTPUT_ERROR: u8 = 3;

/// Where results go: `--output`, else standard output.
static OUTPUT: OnceLock<PathBuf> = OnceLock::new();

fn usage(msg: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "{} {msg}", error_label());
    ExitCode::from(2)
}

/// The output formats of a command whose result is a table.
#[derive(Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
enum TableFormat {
    #[default]
    Text,
    Json,
    Csv,
}

/// The output formats of a command whose result is not a table.
#[derive(Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
enum DocFormat {
    #[default]
    Text,
    Json,
}

/// How a tabular result is printed.
#[derive(clap::Args, Clone, Copy)]
struct TableOut {
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t)]
    format: TableFormat,
    /// Never cut a cell, even on a terminal (cells are never cut when stdout is not a
    /// terminal).
    #[arg(long)]
    wide: bool,
}

/// How a non-tabular result is printed.
#[derive(clap::Args, Clone, Copy)]
struct DocOut {
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t)]
    format: DocFormat,
    /// Never cut a cell, even on a terminal (cells are never cut when stdout is not a
    /// terminal).
    #[arg(long)]
    wide: bool,
}

/// A parser for a library vocabulary: clap lists the words (from the enum's `ALL`) in
/// `--help` and in errors, matches them in any case, and the enum's own `FromStr` parses.
fn vocab<T>(words: impl IntoIterator<Item = &'static str>) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    PossibleValuesParser::new(words).try_map(|s: String| s.to_ascii_lowercase().parse::<T>())
}

fn summit_status() -> impl TypedValueParser<Value = SummitStatus> {
    vocab(SummitStatus::ALL.map(SummitStatus::as_str))
}

fn completion() -> impl TypedValueParser<Value = Completion> {
    vocab(Completion::ALL.map(Completion::as_str))
}

fn commitment_kind() -> impl TypedValueParser<Value = CommitmentKind> {
    vocab(CommitmentKind::ALL.map(CommitmentKind::as_str))
}

fn by() -> impl TypedValueParser<Value = By> {
    vocab(By::ALL.map(By::as_str))
}

fn method() -> impl TypedValueParser<Value = summitry::Method> {
    vocab(summitry::Method::ALL.map(summitry::Method::as_str))
}

fn table() -> impl TypedValueParser<Value = Table> {
    vocab(Table::ALL.map(Table::as_str))
}

fn parse_lang(s: &str) -> Result<LangTag, String> {
    s.parse().map_err(|e: summitry::LangTagError| e.to_string())
}

/// The forms a date takes on the command line, for `--help` and errors.
const DATE_FORMS: &str = "a year (2025), a month (2025-06), a day (2025-06-17), a range \
                          (2025-06-16/2025-06-17) or `today`";

fn parse_date(s: &str) -> Result<PartialDate, String> {
    if s.eq_ignore_ascii_case("today") {
        return today().ok_or_else(|| "cannot read today's date from the clock".to_owned());
    }
    s.parse()
        .map_err(|e: summitry::DateError| format!("{e}\n  use {DATE_FORMS}"))
}

/// A date as [`parse_date`] reads it, or a half-year term (`2025-H2`).
fn parse_term(s: &str) -> Result<PartialDate, String> {
    if s.eq_ignore_ascii_case("today") {
        return parse_date(s);
    }
    summitry::parse_term(s)
        .map_err(|e| format!("{e}\n  use {DATE_FORMS}, or a half-year (2025-H2)"))
}

/// A full date `YYYY-MM-DD`, for `generate --now`.
fn parse_day(s: &str) -> Result<summitry::Day, String> {
    s.parse::<summitry::Day>()
        .map_err(|e| format!("`{s}` is not a date `YYYY-MM-DD`: {e}"))
}

/// Today's date (UTC), from the system clock.
fn today() -> Option<PartialDate> {
    Some(summitry::Day::today().into())
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

/// A renderer's JSON text as a value, to place inside a larger document.
fn value(text: String) -> serde_json::Value {
    serde_json::from_str(&text).unwrap_or(serde_json::Value::Null)
}

fn json(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// Track diplomatic commitments: summits, schedules, promises and compliance.
#[derive(Parser)]
#[command(name = "summitry", version, about, long_about = None, max_term_width = 80)]
#[command(
    after_help = "Dates are a year (2025), a month (2025-06), a day (2025-06-17), a \
range (2025-06-16/2025-06-17) or `today`. Party ids are ISO 3166-1 alpha-2 codes (kz, cn)."
)]
struct Cli {
    /// A data directory or file to use instead of the bundled dataset.
    #[arg(long, global = true, value_name = "PATH")]
    data: Option<PathBuf>,
    /// The language of the interface and the data's labels (BCP 47: en, uk, ru, zh; others
    /// fall back to English).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<LangTag>,
    /// The reference date ("today") of `overview`, `next`, `commitments` and the exports: a
    /// year, month, day, range or `today` [default: today]; other commands refuse it.
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
    /// Show the mechanisms, their summits and next editions, and the commitments by area.
    ///
    /// Example: summitry overview --lang uk
    Overview {
        #[command(flatten)]
        out: DocOut,
    },
    /// List a mechanism's editions: held, decided and projected, with hosts or candidates.
    ///
    /// Example: summitry schedule china-central-asia --count 8 --format json
    Schedule {
        /// The mechanism id.
        mechanism: String,
        /// Start with the first edition not definitely before this date (a year, month,
        /// day, range or `today`).
        #[arg(long, value_parser = parse_date)]
        from: Option<PartialDate>,
        /// How many editions to list.
        #[arg(long, default_value_t = 8)]
        count: usize,
        /// Also list special (unnumbered) editions, which are outside the count.
        #[arg(long)]
        special: bool,
        #[command(flatten)]
        out: TableOut,
    },
    /// The next edition of a mechanism: its date, host or candidates, status and provenance.
    ///
    /// Example: summitry next central-asia-russia --after 2026-01-01
    Next {
        /// The mechanism id.
        mechanism: String,
        /// The reference date: a year, month, day, range or `today` [default: `--as-of`,
        /// else today].
        #[arg(long, value_parser = parse_date)]
        after: Option<PartialDate>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Who holds a mechanism on a date: the term containing it, or for meetings the latest
    /// edition by then, with host or candidates, status and the edition's first and last day.
    ///
    /// Example: summitry holder china-central-asia --on 2026-03-01
    Holder {
        /// The mechanism id.
        mechanism: String,
        /// The date: a year, month, day, range, half-year (2025-H2) or `today` [default:
        /// `--as-of`, else today].
        #[arg(long, value_parser = parse_term)]
        on: Option<PartialDate>,
        #[command(flatten)]
        out: DocOut,
    },
    /// Every decision of a mechanism's schedule (or of all mechanisms) against what
    /// happened: kept, moved, cancelled or pending.
    ///
    /// Example: summitry reconcile china-central-asia --format json
    Reconcile {
        /// The mechanism id (default: every mechanism).
        mechanism: Option<String>,
        #[command(flatten)]
        out: DocOut,
    },
    /// List commitments: what was promised, by whom, in which area, by when, and its status.
    ///
    /// Example: summitry commitments --party cn --area security
    Commitments {
        /// Only this area and its sub-areas.
        #[arg(long)]
        area: Option<String>,
        /// Only commitments binding this party (an ISO 3166-1 alpha-2 code such as `kz`).
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
        /// Only commitments of this kind.
        #[arg(long, ignore_case = true, value_parser = commitment_kind())]
        kind: Option<CommitmentKind>,
        /// Only commitments whose deadline ends before this date (a year, month, day, range
        /// or `today`).
        #[arg(long, value_parser = parse_date)]
        due_before: Option<PartialDate>,
        /// Only commitments with this current completion status.
        #[arg(long, ignore_case = true, value_parser = completion())]
        status: Option<Completion>,
        /// Only commitments whose text or quote contains these words (any case, any language).
        #[arg(long)]
        text: Option<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// List summits.
    ///
    /// Example: summitry summits --party kz --from 2023
    Summits {
        /// Only summits of this mechanism.
        #[arg(long)]
        mechanism: Option<String>,
        /// Only summits this party hosted or attended (an ISO 3166-1 alpha-2 code).
        #[arg(long)]
        party: Option<String>,
        /// Only summits that may fall on or after this date (a year, month, day, range or
        /// `today`).
        #[arg(long, value_parser = parse_date)]
        from: Option<PartialDate>,
        /// Only summits that may fall on or before this date.
        #[arg(long, value_parser = parse_date)]
        to: Option<PartialDate>,
        /// Only summits with this status.
        #[arg(long, ignore_case = true, value_parser = summit_status())]
        status: Option<SummitStatus>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Compliance scorecard (G20 Research Group method): mean score and percentage, with
    /// unassessed commitments counted apart, never as zero.
    ///
    /// Assessments are those known on `--as-of` (default: today).
    ///
    /// Example: summitry scorecard --mechanism china-central-asia --by party --by summit
    Scorecard {
        #[command(flatten)]
        scope: ScorecardScope,
        /// Group by party, commitment, area, summit or mechanism; give it twice for a
        /// cross-tabulation (one row per cell).
        #[arg(long, ignore_case = true, value_parser = by(), default_value = "party", num_args = 1, action = clap::ArgAction::Append)]
        by: Vec<By>,
        /// Only this rater's assessments.
        #[arg(long)]
        rater: Option<String>,
        /// The percentage method: g20rg ((mean + 1) / 2 × 100) or mean (mean × 100).
        #[arg(long, value_parser = method(), default_value = "g20rg")]
        method: summitry::Method,
        /// Order rows by name or by score (compliance percentage, highest first).
        #[arg(long, value_parser = ["name", "score"], default_value = "name")]
        sort: String,
        #[command(flatten)]
        out: TableOut,
    },
    /// How far two raters agree on the pairs both scored: percent agreement and Cohen's
    /// weighted kappa (linear weights on -1/0/+1), as known on `--as-of` (default: today).
    ///
    /// Example: summitry agreement --rater g20rg --rater maintainers --summit s1
    Agreement {
        #[command(flatten)]
        scope: ScorecardScope,
        /// A rater; give it twice.
        #[arg(long, num_args = 1, action = clap::ArgAction::Append)]
        rater: Vec<String>,
        #[command(flatten)]
        out: TableOut,
    },
    /// Export the data: JSON, CSV tables, an iCalendar feed, a Markdown report, an SVG
    /// timeline, or the JSON Schema of the data format.
    ///
    /// Each export has its own format. Results go to stdout; redirect them to a file.
    ///
    /// Example: summitry export ics --mechanism china-central-asia > summits.ics
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// Turn a table into data records (TOML on stdout).
    ///
    /// Example: summitry import matrix scores.csv --document d1 --rater r1 --recorded 2031-12 --evidence src
    Import {
        #[command(subcommand)]
        what: Import,
    },
    /// Explain a diagnostic code: what it means, and a minimal file that triggers it.
    ///
    /// Without a code, list every code.
    ///
    /// Example: summitry explain S0104
    Explain {
        /// The code, as printed in `error[S0104]` (any case).
        code: Option<String>,
    },
    /// Validate data files and print every problem found.
    ///
    /// Exits 0 when the data is valid (saying what it loaded on stderr), 1 when there is
    /// any problem.
    ///
    /// Example: summitry check data/
    Check {
        /// Directories or files to check (default: `--data`, else the bundled dataset).
        paths: Vec<PathBuf>,
        /// Print the problems as text, or as a JSON array of objects (file, line, column,
        /// key_path, severity, message, help) for editors and CI.
        #[arg(long, value_enum, ignore_case = true, default_value_t)]
        format: DocFormat,
        /// Say nothing on success.
        #[arg(short, long)]
        quiet: bool,
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
        /// The date generated as of: summits before it are held, later ones planned
        /// (YYYY-MM-DD) [default: today].
        #[arg(long, value_parser = parse_day)]
        now: Option<summitry::Day>,
        /// Write into a directory that is not empty: first remove the files an earlier
        /// run wrote there (other files are kept; links are removed, never followed).
        #[arg(long)]
        force: bool,
        /// The directory to write into (created if needed; it must be empty unless
        /// `--force`).
        out_dir: PathBuf,
    },
    /// Print a shell completion script.
    ///
    /// Example: summitry completions bash > /etc/bash_completion.d/summitry
    Completions {
        /// The shell.
        #[arg(value_enum, ignore_case = true)]
        shell: Shell,
    },
    /// Print the manual page (roff).
    ///
    /// Example: summitry man > ~/.local/share/man/man1/summitry.1
    Man,
}

/// The shells `completions` writes for.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

/// What a scorecard covers.
#[derive(clap::Args)]
struct ScorecardScope {
    /// Only commitments of this mechanism.
    #[arg(long)]
    mechanism: Option<String>,
    /// Only commitments adopted at this summit.
    #[arg(long)]
    summit: Option<String>,
    /// Only commitments of this document.
    #[arg(long)]
    document: Option<String>,
    /// Only this party's pairs.
    #[arg(long)]
    party: Option<String>,
    /// Only commitments in this area or its sub-areas.
    #[arg(long)]
    area: Option<String>,
}

impl ScorecardScope {
    /// The query for this scope, as known on `as_of`.
    fn query(&self, as_of: PartialDate) -> ScorecardQuery {
        let mut q = ScorecardQuery::new().as_of(as_of);
        for (v, f) in [
            (
                &self.mechanism,
                ScorecardQuery::mechanism as fn(ScorecardQuery, String) -> ScorecardQuery,
            ),
            (&self.summit, ScorecardQuery::summit),
            (&self.document, ScorecardQuery::document),
            (&self.party, ScorecardQuery::party),
            (&self.area, ScorecardQuery::area),
        ] {
            if let Some(v) = v {
                q = f(q, v.clone());
            }
        }
        q
    }
}

/// The agreement command: two raters on the pairs of a scope.
fn agreement(cli: &Cli) -> ExitCode {
    let Command::Agreement { scope, rater, out } = &cli.command else {
        return ExitCode::FAILURE;
    };
    let [a, b] = rater.as_slice() else {
        return usage("give `--rater` exactly twice: `--rater A --rater B`");
    };
    let ds = match load(cli.data.as_ref(), &messages(cli)) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    let Some(as_of) = cli.as_of.or_else(today) else {
        return usage("cannot read today's date: give `--as-of`");
    };
    let opts = ReportOptions::new().raw_csv(cli.raw_csv);
    emit(
        ds.agreement(a, b, &scope.query(as_of))
            .map(|g| match out.format {
                TableFormat::Json => summitry::render::agreement_json(&g),
                TableFormat::Csv => summitry::render::agreement_csv(&g, &opts),
                TableFormat::Text => summitry::render::agreement_text(&g),
            }),
    )
}

/// The scorecard command: the query from the flags, as known on `--as-of` (default: today).
fn scorecard(cli: &Cli) -> ExitCode {
    let Command::Scorecard {
        scope,
        rater,
        by,
        method,
        sort,
        out,
    } = &cli.command
    else {
        return ExitCode::FAILURE;
    };
    let by_score = sort == "score";
    if by.len() > 2 {
        return usage("give `--by` at most twice");
    }
    let ds = match load(cli.data.as_ref(), &messages(cli)) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    let Some(as_of) = cli.as_of.or_else(today) else {
        return usage("cannot read today's date: give `--as-of`");
    };
    let mut q = scope.query(as_of).method(*method);
    if let Some(r) = rater {
        q = q.rater(r.clone());
    }
    for (i, b) in by.iter().enumerate() {
        q = if i == 0 { q.by(*b) } else { q.then_by(*b) };
    }
    let opts = ReportOptions::new()
        .lang(lang(cli))
        .raw_csv(cli.raw_csv)
        .width(term::output_width(out.wide));
    emit(
        ds.scorecard(&q)
            .map(|mut card| {
                summitry::render::sort_scorecard(&ds, &mut card, by_score, lang(cli));
                card
            })
            .map(|card| match out.format {
                TableFormat::Json => summitry::render::scorecard_json(&ds, &card, &opts),
                TableFormat::Csv => summitry::render::scorecard_csv(&ds, &card, &opts),
                TableFormat::Text => summitry::render::scorecard_text(&ds, &card, &opts),
            }),
    )
}

#[derive(Subcommand)]
enum Import {
    /// A commitments × parties CSV matrix (as `export csv --table matrix` writes it) as
    /// assessment records, refusing unknown ids and bad cells with their line and column.
    /// `--as-of` sets the date the assessments describe (default: `--recorded`).
    ///
    /// Example: summitry import matrix scores.csv --document d1 --rater r1 --recorded 2031-12 --evidence src
    Matrix {
        /// The CSV file.
        file: PathBuf,
        /// The document whose commitments the rows are.
        #[arg(long)]
        document: String,
        /// The rater.
        #[arg(long)]
        rater: String,
        /// When the assessments were recorded.
        #[arg(long, value_parser = parse_date)]
        recorded: PartialDate,
        /// The source the assessments cite.
        #[arg(long)]
        evidence: String,
    },
}

/// The import command: a matrix file into assessment records.
fn import(cli: &Cli, what: &Import) -> ExitCode {
    let Import::Matrix {
        file,
        document,
        rater,
        recorded,
        evidence,
    } = what;
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return usage(&format!("cannot read `{}`: {e}", file.display())),
    };
    let ds = match load(cli.data.as_ref(), &messages(cli)) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    let o = summitry::export::MatrixImport {
        document: document.clone(),
        rater: rater.clone(),
        recorded: *recorded,
        as_of: cli.as_of,
        evidence: evidence.clone(),
    };
    emit(ds.import_matrix(&file.display().to_string(), &text, &o))
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
        /// The table: summits, commitments, assessments, schedule, or matrix (commitments ×
        /// parties, as compliance reports print them).
        #[arg(long, ignore_case = true, value_parser = table())]
        table: Table,
        /// Only this mechanism (schedule and matrix tables).
        #[arg(long)]
        mechanism: Option<String>,
        /// Only commitments adopted at this summit (matrix table).
        #[arg(long)]
        summit: Option<String>,
        /// Only this rater's assessments (matrix table).
        #[arg(long)]
        rater: Option<String>,
        /// How many editions not yet held to list per mechanism (schedule table).
        #[arg(long, default_value_t = summitry::export::DEFAULT_UPCOMING)]
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
        #[arg(long, default_value_t = summitry::export::DEFAULT_UPCOMING)]
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
        #[arg(long, default_value_t = summitry::export::DEFAULT_UPCOMING)]
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
        #[arg(long, default_value_t = summitry::export::DEFAULT_UPCOMING)]
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
    /// A static web site: a page per mechanism, summit, document, commitment, party and
    /// area, scorecards, sources, search, a sitemap and the downloads.
    ///
    /// The pages are in `--lang` and show the situation as of `--as-of` (default: today).
    /// Serve the directory with any web server; every link is relative.
    ///
    /// Example: summitry export site --as-of 2026-01-01 --base-url https://example.org/ public/
    Site {
        /// The address the site will be served from, for the sitemap's absolute addresses
        /// (without it the sitemap lists relative paths).
        #[arg(long)]
        base_url: Option<String>,
        /// How many editions not yet held each mechanism page shows.
        #[arg(long, default_value_t = summitry::export::DEFAULT_UPCOMING)]
        upcoming: usize,
        /// Write into a directory that is not empty: first remove the files an earlier
        /// `export site` wrote there (listed in its `.summitry-site`); other files are kept.
        #[arg(long)]
        force: bool,
        /// The directory to write into (created if needed; it must be empty unless
        /// `--force`).
        out_dir: PathBuf,
    },
}

fn export(cli: &Cli, what: &Export) -> ExitCode {
    if let Export::Schema = what {
        return emit(Ok(summitry::export::json_schema()));
    }
    let ds = match load(cli.data.as_ref(), &messages(cli)) {
        Ok(ds) => ds,
        Err(code) => return code,
    };
    if let Export::Site {
        base_url,
        upcoming,
        force,
        out_dir,
    } = what
    {
        return site(cli, &ds, base_url.as_deref(), *upcoming, *force, out_dir);
    }
    let options = |mechanism: &Option<String>, upcoming: usize| {
        let Some(as_of) = cli.as_of.or_else(today) else {
            return Err(usage("cannot read today's date: give `--as-of`"));
        };
        if let Some(m) = mechanism {
            ids::check(&ds, Kind::Mechanism, m).map_err(|e| usage(&e))?;
        }
        let o = ExportOptions::new()
            .lang(lang(cli))
            .as_of(as_of)
            .upcoming(upcoming)
            .raw_csv(cli.raw_csv);
        Ok(match mechanism {
            Some(m) => o.mechanism(m.clone()),
            None => o,
        })
    };
    let result = match what {
        Export::Schema | Export::Site { .. } => return ExitCode::SUCCESS,
        Export::Toml => return emit(Ok(ds.export_toml_string())),
        Export::Json => return emit(Ok(ds.export_json_string())),
        Export::Csv {
            table,
            mechanism,
            summit,
            rater,
            upcoming,
        } => options(mechanism, *upcoming).map(|mut o| {
            if let Some(s) = summit {
                o = o.summit(s.clone());
            }
            if let Some(r) = rater {
                o = o.rater(r.clone());
            }
            ds.export_csv_string(*table, &o)
        }),
        Export::Ics {
            mechanism,
            upcoming,
        } => options(mechanism, *upcoming).map(|o| ds.export_ics_string(&o)),
        Export::Markdown {
            mechanism,
            upcoming,
        } => options(mechanism, *upcoming).map(|o| ds.export_markdown_string(&o)),
        Export::Svg {
            mechanism,
            upcoming,
        } => options(mechanism, *upcoming).map(|o| ds.export_svg_string(&o)),
    };
    match result {
        Ok(out) => emit(out),
        Err(code) => code,
    }
}

/// `summitry export site OUT_DIR`: writes the site, says what it wrote on stderr.
fn site(
    cli: &Cli,
    ds: &Dataset,
    base_url: Option<&str>,
    upcoming: usize,
    force: bool,
    out_dir: &Path,
) -> ExitCode {
    let m = messages(cli);
    let Some(as_of) = cli.as_of.or_else(today) else {
        return usage("cannot read today's date: give `--as-of`");
    };
    if as_of.precision() != summitry::Precision::Day {
        return usage(&format!(
            "the site's date must be a day (YYYY-MM-DD), not `{as_of}`"
        ));
    }
    let mut o = summitry::export::site::SiteOptions::new(as_of.first_day())
        .lang(lang(cli))
        .upcoming(upcoming)
        .force(force);
    if let Some(u) = base_url {
        o = o.base_url(u);
    }
    match ds.export_site(out_dir, &o) {
        Ok(summary) => {
            let line = m.format(
                "generate.wrote",
                &[
                    ("files", &m.count("count.file", summary.files)),
                    ("bytes", &summary.bytes.to_string()),
                    ("dir", &out_dir.display().to_string()),
                ],
            );
            let _ = writeln!(std::io::stderr(), "{line}");
            ExitCode::SUCCESS
        }
        Err(e) if e.is_invalid_argument() => usage(&e.to_string()),
        Err(e) if e.to_string().contains("is not empty") => usage(&format!(
            "`{}` is not empty: give `--force` to replace the files an earlier `export site` wrote there",
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

/// The language asked for, as a tag string (`en` by default).
fn lang(cli: &Cli) -> &str {
    cli.lang.as_ref().map_or("en", LangTag::as_str)
}

fn messages(cli: &Cli) -> Messages {
    Messages::new(lang(cli))
}

/// Loads `--data` or the bundled dataset, with a progress indicator after a second; a
/// missing `--data` path is a usage error (exit 2), invalid data exit 1.
fn load(data: Option<&PathBuf>, m: &Messages) -> Result<Dataset, ExitCode> {
    if let Some(p) = data {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(usage(&format!(
                "`--data {}`: no such file or directory",
                p.display()
            )));
        }
    }
    let _progress = term::Progress::start(m.get("progress.loading"));
    let result = match data {
        Some(p) => Loader::new().path(p).load(),
        None => Dataset::try_bundled().cloned().map_err(Clone::clone),
    };
    result.map_err(|e| report(&e))
}

fn report(err: &LoadError) -> ExitCode {
    let mut e = std::io::stderr().lock();
    let text = format!("{err:?}");
    let label = error_label();
    let text = if label == "error:" {
        text
    } else {
        // `error[S0103]:` and `error:` at the start of a line take the colour.
        let coloured = label.trim_end_matches(':').trim_end_matches("\x1b[0m");
        text.lines()
            .map(|l| match l.strip_prefix("error") {
                Some(rest) if rest.starts_with(['[', ':']) => {
                    let (code, tail) = rest.split_once(':').unwrap_or((rest, ""));
                    format!("{coloured}{code}\x1b[0m:{tail}")
                }
                _ => l.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let _ = writeln!(e, "{text}");
    ExitCode::from(1)
}

/// `summitry explain [CODE]`.
fn explain(code: Option<&str>) -> ExitCode {
    let Some(code) = code else {
        let mut out = String::from("Diagnostic codes (`summitry explain CODE` for one):\n\n");
        for c in summitry::Code::ALL {
            out.push_str(&format!("{c}  {}\n", c.title()));
        }
        return emit(Ok(out));
    };
    match code.parse::<summitry::Code>() {
        Ok(c) => {
            let mut out = format!("{c}: {}\n\n{}\n", c.title(), c.explanation());
            if !c.example().is_empty() {
                out.push_str("\nA minimal example that triggers it:\n\n");
                for line in c.example().lines() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
            emit(Ok(out))
        }
        Err(e) => usage(&e.to_string()),
    }
}

/// The key path a diagnostic's message names (its last `` in `path` ``), if any.
fn key_path(message: &str) -> Option<&str> {
    let (_, tail) = message.rsplit_once(" in `")?;
    tail.strip_suffix('`').filter(|p| !p.contains('`'))
}

/// The diagnostics as JSON objects, for editors and CI annotations.
fn diagnostics_json(err: &LoadError) -> serde_json::Value {
    serde_json::Value::Array(
        err.diagnostics()
            .iter()
            .map(|d| {
                serde_json::json!({
                    "file": d.file(),
                    "line": d.line(),
                    "column": d.column(),
                    "key_path": d.key_path().or_else(|| key_path(d.message())),
                    "severity": "error",
                    "code": d.code().to_string(),
                    "message": d.message(),
                    "help": d.help(),
                    "note": d.note(),
                })
            })
            .collect(),
    )
}

/// How many `.toml` files a path holds (as the loader reads them: a file, or a directory
/// and its subdirectories).
fn toml_files(path: &Path) -> usize {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => toml_files_in(path),
        Ok(m) if m.is_file() => 1,
        _ => 0,
    }
}

fn toml_files_in(dir: &Path) -> usize {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return 0;
    };
    rd.flatten()
        // As the loader: hidden entries skipped, `.toml` in any case.
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
        .map(|e| {
            let p = e.path();
            match std::fs::symlink_metadata(&p) {
                Ok(m) if m.is_dir() => toml_files_in(&p),
                Ok(m)
                    if m.is_file()
                        && p.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("toml")) =>
                {
                    1
                }
                _ => 0,
            }
        })
        .sum()
}

fn check(cli: &Cli, paths: &[PathBuf], format: DocFormat, quiet: bool) -> ExitCode {
    let m = messages(cli);
    let start = std::time::Instant::now();
    let (result, files) = if paths.is_empty() {
        match &cli.data {
            Some(p) => {
                if std::fs::symlink_metadata(p).is_err() {
                    return usage(&format!(
                        "`--data {}`: no such file or directory",
                        p.display()
                    ));
                }
                let _progress = term::Progress::start(m.get("progress.loading"));
                (Loader::new().path(p).load(), toml_files(p))
            }
            None => (
                Dataset::try_bundled().cloned().map_err(Clone::clone),
                Dataset::bundled_files().count(),
            ),
        }
    } else {
        let _progress = term::Progress::start(m.get("progress.loading"));
        (
            paths.iter().fold(Loader::new(), |l, p| l.path(p)).load(),
            paths.iter().map(|p| toml_files(p)).sum(),
        )
    };
    match (result, format) {
        (Ok(_), DocFormat::Json) => emit(Ok("[]".to_owned())),
        (Ok(ds), DocFormat::Text) => {
            if !quiet {
                let secs = format!("{:.2} s", start.elapsed().as_secs_f64());
                let line = m.format(
                    "check.loaded",
                    &[
                        ("files", &m.count("count.file", files)),
                        (
                            "mechanisms",
                            &m.count("count.mechanism", ds.mechanisms().len()),
                        ),
                        ("summits", &m.count("count.summit", ds.summits().len())),
                        (
                            "documents",
                            &m.count("count.document", ds.documents().len()),
                        ),
                        (
                            "commitments",
                            &m.count("count.commitment", ds.commitments().len()),
                        ),
                        (
                            "assessments",
                            &m.count("count.assessment", ds.assessments().len()),
                        ),
                        ("time", &secs),
                    ],
                );
                let _ = writeln!(std::io::stderr(), "{line}");
            }
            ExitCode::SUCCESS
        }
        (Err(e), DocFormat::Json) => {
            let _ = emit(Ok(json(&diagnostics_json(&e))));
            ExitCode::from(1)
        }
        (Err(e), DocFormat::Text) => report(&e),
    }
}

/// The overview as JSON: `{"mechanisms": [{"id", "name", "members" [ids], "established",
/// "secretariat" ({"seat", "established"} or null), "summits" [as `summits --format json`],
/// "next" (as `next --format json`, or null)}], "areas": [{"id", "name", "commitments"
/// [ids]}]}`.
fn overview_json(ds: &Dataset, lang: &str, as_of: PartialDate) -> serde_json::Value {
    use serde_json::json;
    let o = ReportOptions::new().lang(lang);
    let mechanisms: Vec<serde_json::Value> = ds
        .mechanisms()
        .iter()
        .map(|m| {
            let summits: Vec<_> = ds
                .summits_where(&SummitQuery::new().mechanism(m.id.as_str()))
                .map(|it| it.collect::<Vec<_>>())
                .unwrap_or_default();
            let next: Vec<_> = ds
                .next_edition(m.id.as_str(), as_of)
                .ok()
                .flatten()
                .into_iter()
                .collect();
            let next = value(summitry::render::schedule_json(&next))
                .as_array()
                .and_then(|a| a.first().cloned())
                .unwrap_or(serde_json::Value::Null);
            json!({
                "id": m.id.as_str(),
                "name": m.name.get(lang),
                "members": m.members.iter().map(|x| x.party.as_str()).collect::<Vec<_>>(),
                "established": m.established.map(|d| d.to_string()),
                "secretariat": m.secretariat.as_ref().map(|s| json!({
                    "seat": s.seat.get(lang),
                    "established": s.established.map(|d| d.to_string()),
                })),
                "summits": value(summitry::render::summits_json(ds, summits, &o)),
                "next": next,
            })
        })
        .collect();
    let areas: Vec<serde_json::Value> = ds
        .areas()
        .iter()
        .filter(|a| a.parent.is_none())
        .map(|a| {
            let cs: Vec<&str> = ds
                .commitments_where(&CommitmentQuery::new().area(a.id.as_str()))
                .map(|it| it.map(|c| c.id.as_str()).collect())
                .unwrap_or_default();
            json!({ "id": a.id.as_str(), "name": a.label.get(lang), "commitments": cs })
        })
        .collect();
    json!({ "mechanisms": mechanisms, "areas": areas })
}

/// Refuses a global option that a command cannot honour (exit 2).
fn refuse_globals(cli: &Cli) -> Result<(), ExitCode> {
    // What each command refuses: --data, --lang, --as-of, --output, --raw-csv.
    let (name, refused): (&str, [bool; 5]) = match &cli.command {
        Command::Overview { .. } => ("overview", [false, false, false, false, true]),
        Command::Next { .. } => ("next", [false; 5]),
        Command::Holder { .. } => ("holder", [false, false, false, false, true]),
        Command::Reconcile { .. } => ("reconcile", [false, false, true, false, true]),
        Command::Commitments { .. } => ("commitments", [false; 5]),
        Command::Schedule { .. } => ("schedule", [false, false, true, false, false]),
        Command::Summits { .. } => ("summits", [false, false, true, false, false]),
        Command::Scorecard { .. } => ("scorecard", [false; 5]),
        Command::Agreement { .. } => ("agreement", [false; 5]),
        Command::Import { .. } => ("import matrix", [false, true, false, false, true]),
        Command::Check { format, .. } => {
            let text = *format == DocFormat::Text;
            ("check", [false, false, true, text, true])
        }
        Command::Generate { .. } => ("generate", [true, false, true, true, true]),
        Command::Completions { .. } => ("completions", [true, true, true, false, true]),
        Command::Man => ("man", [true, true, true, false, true]),
        Command::Explain { .. } => ("explain", [true, true, true, false, true]),
        Command::Export { what } => match what {
            Export::Schema => ("export schema", [true, true, true, false, true]),
            Export::Toml => ("export toml", [false, true, true, false, true]),
            Export::Json => ("export json", [false, true, true, false, true]),
            Export::Csv { .. } => ("export csv", [false; 5]),
            Export::Ics { .. } => ("export ics", [false, false, false, false, true]),
            Export::Markdown { .. } => ("export markdown", [false, false, false, false, true]),
            Export::Svg { .. } => ("export svg", [false, false, false, false, true]),
            Export::Site { .. } => ("export site", [false, false, false, true, true]),
        },
    };
    let given = [
        ("--data", cli.data.is_some()),
        ("--lang", cli.lang.is_some()),
        ("--as-of", cli.as_of.is_some()),
        ("--output", cli.output.is_some()),
        ("--raw-csv", cli.raw_csv),
    ];
    for ((flag, set), refuse) in given.into_iter().zip(refused) {
        if set && refuse {
            return Err(usage(&format!(
                "`{flag}` has no effect on `summitry {name}`"
            )));
        }
    }
    Ok(())
}

/// `summitry holder MECHANISM [--on DATE]`.
fn holder(
    ds: &Dataset,
    mechanism: &str,
    on: PartialDate,
    format: DocFormat,
    lang: &str,
) -> ExitCode {
    emit(ds.holder_on(mechanism, on).map(|e| match (format, e) {
        (DocFormat::Json, e) => summitry::render::holder_json(e.as_ref()),
        (DocFormat::Text, None) => Messages::new(lang).format(
            "decisions.none-held",
            &[("mechanism", mechanism), ("date", &on.to_string())],
        ),
        (DocFormat::Text, Some(e)) => {
            summitry::render::schedule_text(ds, std::slice::from_ref(&e), lang)
        }
    }))
}

/// `summitry reconcile [MECHANISM]`.
fn reconcile(ds: &Dataset, mechanism: Option<&str>, format: DocFormat, lang: &str) -> ExitCode {
    let items = match mechanism {
        Some(m) => ds.reconcile(m),
        None => Ok(ds
            .mechanisms()
            .iter()
            .flat_map(|m| ds.reconcile(m.id.as_str()).unwrap_or_default())
            .collect()),
    };
    emit(items.map(|items| match format {
        DocFormat::Json => summitry::render::reconcile_json(&items),
        DocFormat::Text if items.is_empty() => Messages::new(lang).get("decisions.none").to_owned(),
        DocFormat::Text => summitry::render::reconcile_text(ds, &items, lang),
    }))
}

fn main() -> ExitCode {
    let matches = Cli::command().color(term::clap_color()).get_matches();
    let cli = match <Cli as clap::FromArgMatches>::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    if let Err(code) = refuse_globals(&cli) {
        return code;
    }
    if let Some(path) = &cli.output {
        let _ = OUTPUT.set(path.clone());
    }
    let m = messages(&cli);
    let lang = lang(&cli).to_owned();
    // Loads the dataset or returns from `main` with the loader's exit code.
    macro_rules! dataset {
        () => {
            match load(cli.data.as_ref(), &m) {
                Ok(ds) => ds,
                Err(code) => return code,
            }
        };
    }
    macro_rules! known {
        ($ds:expr, $kind:expr, $id:expr) => {
            if let Some(id) = $id {
                if let Err(e) = ids::check(&$ds, $kind, id) {
                    return usage(&e);
                }
            }
        };
    }
    match &cli.command {
        Command::Overview { out } => {
            let ds = dataset!();
            let Some(as_of) = cli.as_of.or_else(today) else {
                return usage("cannot read today's date: give `--as-of`");
            };
            match out.format {
                DocFormat::Json => emit(Ok(json(&overview_json(&ds, &lang, as_of)))),
                DocFormat::Text => {
                    let o = ReportOptions::new()
                        .lang(lang.as_str())
                        .reference(as_of.first_day())
                        .width(term::output_width(out.wide));
                    emit(Ok(ds.overview_with(&o)))
                }
            }
        }
        Command::Schedule {
            mechanism,
            from,
            count,
            special,
            out,
        } => {
            let ds = dataset!();
            known!(ds, Kind::Mechanism, Some(mechanism));
            emit(ds.schedule(mechanism).map(|it| {
                let editions: Vec<_> = it
                    .skip_while(|e| match (from, e.date) {
                        (Some(f), Some(d)) => d.is_definitely_before(f),
                        _ => false,
                    })
                    .filter(|e| *special || e.ordinal.is_some())
                    .take(*count)
                    .collect();
                match out.format {
                    TableFormat::Json => summitry::render::schedule_json(&editions),
                    TableFormat::Csv => summitry::render::schedule_csv(
                        &editions,
                        &ReportOptions::new().raw_csv(cli.raw_csv),
                    ),
                    TableFormat::Text => summitry::render::schedule_table(
                        &ds,
                        &editions,
                        &ReportOptions::new()
                            .lang(lang.as_str())
                            .width(term::output_width(out.wide)),
                    ),
                }
            }))
        }
        Command::Next {
            mechanism,
            after,
            out,
        } => {
            let ds = dataset!();
            known!(ds, Kind::Mechanism, Some(mechanism));
            let Some(after) = after.or(cli.as_of).or_else(today) else {
                return usage("cannot read today's date: give `--after`");
            };
            emit(ds.next_edition(mechanism, after).map(|next| {
                let editions: Vec<_> = next.into_iter().collect();
                match out.format {
                    TableFormat::Json => json(
                        value(summitry::render::schedule_json(&editions))
                            .as_array()
                            .and_then(|a| a.first())
                            .unwrap_or(&serde_json::Value::Null),
                    ),
                    TableFormat::Csv => summitry::render::schedule_csv(
                        &editions,
                        &ReportOptions::new().raw_csv(cli.raw_csv),
                    ),
                    _ if editions.is_empty() => m.format(
                        "schedule.none-after",
                        &[("mechanism", mechanism), ("date", &after.to_string())],
                    ),
                    TableFormat::Text => summitry::render::schedule_table(
                        &ds,
                        &editions,
                        &ReportOptions::new()
                            .lang(lang.as_str())
                            .width(term::output_width(out.wide)),
                    ),
                }
            }))
        }
        Command::Commitments {
            area,
            party,
            mechanism,
            summit,
            document,
            kind,
            due_before,
            status,
            text,
            out,
        } => {
            let ds = dataset!();
            known!(ds, Kind::Area, area.as_ref());
            known!(ds, Kind::Party, party.as_ref());
            known!(ds, Kind::Mechanism, mechanism.as_ref());
            known!(ds, Kind::Summit, summit.as_ref());
            known!(ds, Kind::Document, document.as_ref());
            let Some(reference) = cli.as_of.or_else(today) else {
                return usage("cannot read today's date: give `--as-of`");
            };
            // Statuses and scores as known on the reference date, like every other command.
            let mut q = CommitmentQuery::new().as_of(reference);
            let mut opts = ReportOptions::new()
                .assessments(summitry::AssessmentFilter::new().as_of(reference))
                .lang(lang.as_str())
                .raw_csv(cli.raw_csv)
                .reference(reference.first_day())
                .width(term::output_width(out.wide));
            if let Some(a) = area {
                q = q.area(a.clone());
            }
            if let Some(p) = party {
                q = q.party(p.clone());
                opts = opts.party(p.clone());
            }
            if let Some(x) = mechanism {
                q = q.mechanism(x.clone());
            }
            if let Some(s) = summit {
                q = q.summit(s.clone());
            }
            if let Some(d) = document {
                q = q.document(d.clone());
            }
            if let Some(k) = kind {
                q = q.kind(*k);
            }
            if let Some(d) = due_before {
                q = q.due_before(*d);
            }
            if let Some(s) = status {
                q = q.status(*s);
            }
            if let Some(t) = text {
                q = q.text(t.clone());
            }
            emit(ds.commitments_where(&q).map(|found| match out.format {
                TableFormat::Json => summitry::render::commitments_json(&ds, found, &opts),
                TableFormat::Csv => summitry::render::commitments_csv(&ds, found, &opts),
                TableFormat::Text => summitry::render::commitments_text(&ds, found, &opts),
            }))
        }
        Command::Summits {
            mechanism,
            party,
            from,
            to,
            status,
            out,
        } => {
            let ds = dataset!();
            known!(ds, Kind::Mechanism, mechanism.as_ref());
            known!(ds, Kind::Party, party.as_ref());
            let mut q = SummitQuery::new();
            if let Some(x) = mechanism {
                q = q.mechanism(x.clone());
            }
            if let Some(p) = party {
                q = q.party(p.clone());
            }
            if let Some(f) = from {
                q = q.from(*f);
            }
            if let Some(t) = to {
                q = q.to(*t);
            }
            if let Some(s) = status {
                q = q.status(*s);
            }
            let opts = ReportOptions::new()
                .lang(lang.as_str())
                .raw_csv(cli.raw_csv)
                .width(term::output_width(out.wide));
            emit(ds.summits_where(&q).map(|found| match out.format {
                TableFormat::Json => summitry::render::summits_json(&ds, found, &opts),
                TableFormat::Csv => summitry::render::summits_csv(&ds, found, &opts),
                TableFormat::Text => summitry::render::summits_text(&ds, found, &opts),
            }))
        }
        Command::Holder { mechanism, on, out } => {
            let ds = dataset!();
            known!(ds, Kind::Mechanism, Some(mechanism));
            let Some(on) = on.or(cli.as_of).or_else(today) else {
                return usage("cannot read today's date: give `--on`");
            };
            holder(&ds, mechanism, on, out.format, &lang)
        }
        Command::Reconcile { mechanism, out } => {
            let ds = dataset!();
            known!(ds, Kind::Mechanism, mechanism.as_ref());
            reconcile(&ds, mechanism.as_deref(), out.format, &lang)
        }
        Command::Scorecard { .. } => scorecard(&cli),
        Command::Agreement { .. } => agreement(&cli),
        Command::Export { what } => export(&cli, what),
        Command::Import { what } => import(&cli, what),
        Command::Explain { code } => explain(code.as_deref()),
        Command::Check {
            paths,
            format,
            quiet,
        } => check(&cli, paths, *format, *quiet),
        Command::Generate {
            commitments,
            seed,
            parties,
            mechanisms,
            summits,
            assessments,
            now,
            force,
            out_dir,
        } => {
            let defaults = summitry::generate::Generator::default();
            let g = summitry::generate::Generator {
                parties: *parties,
                mechanisms: *mechanisms,
                summits_per_mechanism: *summits,
                commitments: *commitments,
                assessments_per_commitment: *assessments,
                seed: *seed,
                now: now.unwrap_or(defaults.now),
            };
            let written = {
                let _progress = term::Progress::start(m.get("progress.generating"));
                if *force {
                    g.overwrite_dir(out_dir)
                } else {
                    g.write_dir(out_dir)
                }
            };
            match written {
                Ok((files, bytes)) => {
                    let line = m.format(
                        "generate.wrote",
                        &[
                            ("files", &m.count("count.file", files)),
                            ("bytes", &bytes.to_string()),
                            ("dir", &out_dir.display().to_string()),
                        ],
                    );
                    let _ = writeln!(std::io::stderr(), "{line}");
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
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            let sh = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
                Shell::Powershell => clap_complete::Shell::PowerShell,
                Shell::Elvish => clap_complete::Shell::Elvish,
            };
            clap_complete::generate(sh, &mut cmd, "summitry", &mut out);
            emit(Ok(String::from_utf8_lossy(&out).into_owned()))
        }
        Command::Man => {
            let mut out = Vec::new();
            match clap_mangen::Man::new(Cli::command()).render(&mut out) {
                Ok(()) => emit(Ok(String::from_utf8_lossy(&out).into_owned())),
                Err(e) => usage(&format!("cannot render the man page: {e}")),
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
