//! Track diplomatic commitments: recurring summit mechanisms, the summits they hold, the
//! documents they adopt, the commitments in those documents, whether they were kept, and
//! when and where the next summit is — never inventing a fact, and citing a source for each.
//!
//! ```
//! use summitry::{Dataset, Edition};
//!
//! // The bundled dataset is embedded in the crate: no file system access needed.
//! let ds = Dataset::bundled()?;
//!
//! // The second China–Central Asia summit: Astana, 17 June 2025.
//! let astana = ds
//!     .summits()
//!     .iter()
//!     .find(|s| s.mechanism == "china-central-asia" && s.edition == Edition::Ordinal(2))
//!     .expect("the Astana summit is in the bundled data");
//! assert_eq!(astana.date.to_string(), "2025-06-17");
//! assert_eq!(ds.party_name(astana.host.as_ref().unwrap().as_str(), "uk"), "Казахстан");
//!
//! // China alone promised scholarships; Kazakhstan is not bound by it.
//! let scholarships = ds.commitment("xian-scholarships").unwrap();
//! assert!(scholarships.binds("cn") && !scholarships.binds("kz"));
//! # Ok::<(), summitry::LoadError>(())
//! ```
//!
//! # Overview
//!
//! - [`Dataset`]: a validated, indexed, immutable dataset; get one from
//!   [`Dataset::bundled`], [`Dataset::load_dir`], [`Dataset::from_toml_str`] or a [`Loader`].
//! - [`LoadError`] and [`Diagnostic`]: every problem found while loading, each with file,
//!   line, column, key path, message and suggestion, rendered like the Rust compiler does.
//! - The records: [`Party`], [`Mechanism`] (members, [`Secretariat`], [`Schedule`]),
//!   [`Summit`], [`Document`], [`Commitment`], [`Area`], [`Assessment`], [`Source`].
//! - Values: [`PartialDate`] (a year, month, day or range, compared honestly with
//!   [`DateRelation`]), [`Labels`] (text in several languages with fallback), validated ids
//!   such as [`PartyId`], exact non-negative [`Amount`]s.
//! - Schedules: [`Dataset::schedule`] projects a mechanism's editions ([`ProjectedEdition`]:
//!   ordinal, partial date, host or candidates, status and provenance);
//!   [`Dataset::next_edition`] answers "when and where next"; [`Dataset::reconcile`] compares
//!   decisions with what happened.
//! - Queries: [`Dataset::commitments_where`] with a [`CommitmentQuery`] (area with
//!   sub-areas, obligor, mechanism, summit, document, kind, deadline window, status, text),
//!   [`Dataset::summits_where`], [`Dataset::current_assessment`] and history with `as_of`,
//!   deadline states, G20 Research Group scorecards ([`Dataset::scorecard`]) and one party
//!   across mechanisms ([`Dataset::party_commitments`]); all answered from indexes built at
//!   load time.
//! - Exports ([`ExportOptions`]): the whole dataset as JSON ([`Dataset::export_json`]), CSV
//!   tables ([`Dataset::export_csv`]), an iCalendar feed of editions
//!   ([`Dataset::export_ics`]), a Markdown report ([`Dataset::export_markdown`]), an SVG
//!   timeline ([`Dataset::export_svg`]), and the JSON Schema of the data format
//!   ([`json_schema`]) for editors.
//! - [`Error`]: the domain error of queries, with `is_*` predicates.
//! - [`Generator`]: deterministic, realistic datasets of any size in the real format, for
//!   benchmarks and trials (`summitry generate`).
//!
//! The data format is described in [`mod@format`].
//!
//! # What is not supported
//!
//! - Time zones and times of day: summit dates are calendar dates.
//! - Writing data back in place: a dataset is read-only; edit the TOML files.
//! - Datasets larger than memory: export them to columnar tools instead.

mod error;
mod export;
mod generate;
mod hash;
mod i18n;
mod load;
mod model;
mod neutral;
mod overview;
mod query;
mod report;
mod schedule;

pub use error::Error;
pub use export::{
    DEFAULT_UPCOMING, ExportOptions, JSON_FORMAT, MatrixImport, SVG_WIDTH, Table, json_schema,
};
pub use generate::{Generator, MAX_GENERATED_PARTIES};
pub use i18n::{MESSAGE_LANGUAGES, Messages};
pub use load::{Code, Diagnostic, Limits, LoadError, Loader, UnknownCode};
pub use model::*;
pub use query::{
    Agreement, AssessmentFilter, By, Cell, CommitmentQuery, DUE_SOON_DAYS, DeadlineState,
    DeadlineStateKind, DocumentQuery, Matches, Matrix, MatrixRow, Method, PartyCommitment,
    Scorecard, ScorecardQuery, ScorecardRow, StatusCounts, SummitQuery,
};
pub use report::{
    ReportOptions, agreement_csv, agreement_json, agreement_text, commitments_csv,
    commitments_json, commitments_text, scorecard_csv, scorecard_json, scorecard_text,
    sort_scorecard, summits_csv, summits_json, summits_text,
};
pub use schedule::{
    Anchor, AnchorKind, Basis, Claim, ClaimField, EditionStatus, Outcome, ProjectedEdition,
    Reconciliation, ScheduleIter, holder_json, reconcile_json, reconcile_text, schedule_csv,
    schedule_json, schedule_table, schedule_text,
};

pub mod format {
    #![doc = include_str!("../FORMAT.md")]
}
