//! Track diplomatic commitments: recurring summit mechanisms, the summits they hold, the
//! documents they adopt, the commitments in those documents, whether they were kept, and
//! when and where the next summit is — never inventing a fact, and citing a source for each.
//!
//! ```
//! use summitry::Dataset;
//!
//! // The bundled dataset is embedded in the crate, parsed once on first use.
//! let ds: &'static Dataset = Dataset::bundled();
//!
//! // Records print themselves; ids and plain strings both look them up.
//! let kz = ds.party("kz").ok_or("no kz")?;
//! assert_eq!(kz.to_string(), "Kazakhstan");
//! assert_eq!(kz.name_in("uk"), Some("Казахстан"));
//! let astana = ds.summit("cca-2025-astana").ok_or("no Astana")?;
//! assert_eq!(astana.host.as_ref(), Some(&kz.id));
//! assert_eq!(format!("{astana} on {}", astana.date),
//!            "Second China–Central Asia Summit (Astana) on 2025-06-17");
//!
//! // China alone promised scholarships; Kazakhstan is not bound by it.
//! let scholarships = ds.commitment("xian-scholarships").ok_or("no commitment")?;
//! assert!(scholarships.binds("cn") && !scholarships.binds(&kz.id));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # A walk through the five tasks
//!
//! Every example below is compiled and run by `cargo test`; each uses `?`, so it reads as it
//! would in a `main` that returns `Result<(), Box<dyn std::error::Error>>`.
//!
//! ## 1. Upcoming editions, with their host or candidates
//!
//! [`Dataset::schedule`] yields a mechanism's editions in order — held, decided, projected —
//! as [`ProjectedEdition`]s; each prints as `date  host  status`, and says what it rests on
//! with [`ProjectedEdition::source`]. [`Dataset::next_edition`] answers "what comes next"
//! after a [`Day`] you choose (summitry never reads the clock unless you call
//! [`Day::today`]).
//!
//! ```
//! use summitry::{Dataset, Day, EditionStatus};
//!
//! let ds = Dataset::bundled();
//! let after = Day::new(2026, 1, 1)?;
//! let upcoming: Vec<String> = ds
//!     .schedule("china-central-asia")?
//!     .filter(|e| e.status != EditionStatus::Held)
//!     .take(2)
//!     .map(|e| e.to_string())
//!     .collect();
//! assert_eq!(upcoming[0], "2027  China  projected");
//! let next = ds.next_edition("china-central-asia", after.into())?.ok_or("no next")?;
//! assert_eq!(next.date.map(|d| d.year()), Some(2027));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! When the rule cannot decide the host, [`ProjectedEdition::candidates`] lists who may
//! host and the edition prints `2029  one of KG, TJ, …  projected`.
//!
//! ## 2. One party's commitments in an area, with their current assessment
//!
//! A [`CommitmentQuery`] selects commitments (area with its sub-areas, party, mechanism,
//! deadline, status, text); [`Dataset::current_assessment`] gives the latest assessment of
//! one commitment for one party, and [`Dataset::party_commitments`] every commitment of a
//! party with its status and deadline state at once.
//!
//! ```
//! use summitry::{CommitmentQuery, Dataset};
//!
//! let ds = Dataset::bundled();
//! let q = CommitmentQuery::new().party("kz").area("security");
//! for c in ds.commitments_where(&q)? {
//!     let status = match ds.current_assessment(&c.id, "kz")? {
//!         Some(a) => a.status.map_or("not rated".to_string(), |s| s.to_string()),
//!         None => "not assessed".to_string(),
//!     };
//!     assert!(c.areas().iter().any(|a| a.as_str().starts_with("security")));
//!     let _line = format!("{}: {c} [{status}]", c.id);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 3. A compliance scorecard by party
//!
//! [`Dataset::scorecard`] follows the G20 Research Group method: one row per key, a mean
//! score and a percentage, with unassessed pairs counted apart and never as zero. A
//! [`Scorecard`] is `Serialize`; [`render::scorecard_text`] lays it out for people.
//!
//! ```
//! use summitry::{By, Dataset, ScorecardQuery};
//!
//! let ds = Dataset::bundled();
//! let card = ds.scorecard(&ScorecardQuery::new().mechanism("china-central-asia").by(By::Party))?;
//! let kz = card.rows.iter().find(|r| r.key == "kz").ok_or("no row for kz")?;
//! assert!(kz.assessed + kz.unassessed > 0);
//! assert_eq!(kz.mean.is_some(), kz.assessed > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## 4. A broken directory's diagnostics
//!
//! Loading reports every problem at once. A [`LoadError`] displays in one line; its `Debug`
//! form renders every [`Diagnostic`] as `summitry check` does, so `?` in `main` prints them
//! all. Each diagnostic also gives its parts: file, line, column, message, help.
//!
//! ```
//! use summitry::Loader;
//!
//! let err = Loader::new()
//!     .text("data/a.toml", "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan\"\nsources = [\"nowhere\"]\n")
//!     .load()
//!     .unwrap_err();
//! let d = &err.diagnostics()[0];
//! assert_eq!((d.file(), d.line(), d.column()), (Some("data/a.toml"), Some(5), Some(12)));
//! assert_eq!(
//!     err.to_string(),
//!     "1 problem in 1 file; first: unknown source `nowhere` in `party.kz.sources[0]` (data/a.toml:5:12)"
//! );
//! assert!(format!("{err:?}").contains(" --> data/a.toml:5:12"));
//! ```
//!
//! For a directory, use [`Dataset::load_dir`] or [`Loader::dir`].
//!
//! ## 5. A dataset from a TOML string
//!
//! [`Dataset::from_toml_str`] loads one text (the format is in [`mod@format`]); the
//! canonical form comes back out with [`Dataset::export_toml_string`], and every export
//! writes into any [`std::io::Write`].
//!
//! ```
//! use summitry::Dataset;
//!
//! let text = r#"
//! [[source]]
//! id = "mfa"
//! publisher = "Ministry of Foreign Affairs"
//! title = "Statement"
//! lang = "en"
//!
//! [[party]]
//! id = "kz"
//! kind = "state"
//! name = { en = "Kazakhstan", ru = "Казахстан" }
//! sources = ["mfa"]
//! "#;
//! let ds = Dataset::from_toml_str("mine.toml", text)?;
//! assert_eq!(ds.party("kz").map(|p| p.to_string()), Some("Kazakhstan".to_string()));
//! let again = Dataset::from_toml_str("again.toml", &ds.export_toml_string())?;
//! assert_eq!(again, ds);
//! let mut json = Vec::new();
//! ds.export_json(&mut json)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`Dataset`]: a validated, indexed, immutable dataset; get one from
//!   [`Dataset::bundled`], [`Dataset::load_dir`], [`Dataset::from_toml_str`] or a [`Loader`].
//! - [`LoadError`] and [`Diagnostic`]: every problem found while loading, each with file,
//!   line, column, message and suggestion, rendered like the Rust compiler does.
//! - The records: [`Party`], [`Mechanism`] (members, [`Secretariat`], [`Schedule`]),
//!   [`Summit`], [`Document`], [`Commitment`], [`Area`], [`Assessment`], [`Source`]. Each
//!   prints itself (`Display`: an English name, a title, a text) and offers names in other
//!   languages through `name_in`-style methods that return `Option`.
//! - Values: [`PartialDate`] (a year, month, day or range, compared honestly with
//!   [`DateRelation`]), [`Day`] (one calendar day: the reference date of queries), [`Labels`]
//!   (text in several languages), validated ids such as [`PartyId`], exact non-negative [`Amount`]s, and closed
//!   vocabularies ([`SummitStatus`], [`Completion`], [`CommitmentKind`], ...) that parse with
//!   [`FromStr`](std::str::FromStr) (errors: [`UnknownWord`]) and print their data-file word.
//!   Every value is `Display`, `FromStr` and serde, round-trip exact.
//! - Schedules: [`Dataset::schedule`], [`Dataset::next_edition`], [`Dataset::reconcile`].
//! - Queries: [`Dataset::commitments_where`] ([`CommitmentQuery`]),
//!   [`Dataset::summits_where`], [`Dataset::documents_where`],
//!   [`Dataset::current_assessment`] and its history with `as_of`, deadline states,
//!   scorecards ([`Dataset::scorecard`]) and one party across mechanisms
//!   ([`Dataset::party_commitments`]); all answered from indexes built at load time, and
//!   every answer is `Serialize`.
//! - [`render`]: text, JSON and CSV layouts of answers, as the command line prints them.
//! - [`export`]: the whole dataset as JSON, CSV tables, an iCalendar feed, a Markdown
//!   report, an SVG timeline, canonical TOML, and the JSON Schema of the data format.
//! - [`generate`]: deterministic, realistic datasets of any size, for benchmarks.
//! - [`Error`]: the domain error of queries and exports, with `is_*` predicates.
//!
//! The data format is described in [`mod@format`].
//!
//! # What is not supported
//!
//! - Time zones and times of day: summit dates are calendar dates.
//! - Writing data back in place: a dataset is read-only; edit the TOML files.
//! - Datasets larger than memory: export them to columnar tools instead.

mod error;
pub mod export;
pub mod generate;
mod hash;
mod i18n;
mod load;
mod model;
mod neutral;
mod overview;
mod query;
pub mod render;
mod report;
mod schedule;

pub use error::Error;
pub use load::{Code, Diagnostic, Limits, LoadError, Loader, UnknownCode};
pub use model::*;
pub use query::{
    Agreement, AssessmentFilter, By, Cell, CommitmentQuery, DUE_SOON_DAYS, DeadlineState,
    DeadlineStateKind, DocumentQuery, Matches, Matrix, MatrixRow, Method, PartyCommitment,
    Scorecard, ScorecardQuery, ScorecardRow, StatusCounts, SummitQuery,
};
pub use schedule::{
    Anchor, AnchorKind, Basis, Claim, ClaimField, EditionStatus, Outcome, ProjectedEdition,
    Reconciliation, ScheduleIter,
};

pub mod format {
    #![doc = include_str!("../FORMAT.md")]
}
