//! Rendering query results for people (text), programs (JSON) and spreadsheets (CSV): what
//! the `summitry` command prints.
//!
//! Records and values print themselves with [`Display`](std::fmt::Display) (a party its
//! name, a projected edition `2029  Kyrgyzstan  projected`); the renderers here lay out
//! whole answers: a table of commitments with their status, a scorecard, a schedule.
//!
//! ```
//! use summitry::{CommitmentQuery, Dataset, Day};
//! use summitry::render::{ReportOptions, commitments_text};
//!
//! let ds = Dataset::bundled();
//! let found = ds.commitments_where(&CommitmentQuery::new().party("kz").area("security"))?;
//! let opts = ReportOptions::new().party("kz").reference(Day::new(2026, 1, 1)?);
//! let text = commitments_text(ds, found, &opts);
//! assert!(text.ends_with(" commitments\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Every renderer takes the dataset (to look up names), the records to show and a
//! [`ReportOptions`]. Names of parties, areas, mechanisms, summits and documents are given in
//! [`ReportOptions::lang`] with the fallback of [`Labels::get`](crate::Labels::get); headings
//! are English. Text is wrapped to fit 80 columns.
//!
//! # JSON shapes
//!
//! Stable: fields are only ever added.
//! - commitments: an array of `{"id", "document", "mechanism", "summit" (or null), "text",
//!   "quote" ({"lang", "text", "source"} or null), "areas" [ids], "obligors" [ids], "kind",
//!   "strength", "deadline" (a partial date string or null), "assessments": [{"party",
//!   "status" (or null), "score" (-1, 0, 1 or null), "rater", "as_of", "recorded",
//!   "evidence" [source ids]} or {"party", "status": null, "score": null} when unassessed]}`;
//!   with a reference date, also `"deadline_state"` (`no-deadline`, `overdue`,
//!   `passed-not-assessed`, `due-soon`, `upcoming`, `met`) and `"due_in_days"` (a number for
//!   `due-soon`, else null). The
//!   assessments list the queried party only when [`ReportOptions::party`] is set, else every
//!   obligor; status and score are each the latest that rates one.
//! - summits: an array of `{"id", "mechanism", "edition" (a number or "special"), "date",
//!   "host" (or null), "city" (or null), "status", "online", "participants" [party ids]}`.
//! - scorecards: `{"by", "rows": [row], "total": row}` with row = `{"key", "name", "mean"
//!   (or null), "percent" (or null), "assessed", "unassessed", "score_sum", "statuses":
//!   {"unknown", "not-started", "limited", "substantial", "complete", "unrated"}}`.
//!
//! # CSV
//!
//! RFC 4180: a header row, fields quoted when they contain `,`, `"`, CR or LF (quotes
//! doubled), CRLF line ends. Lists inside a field are joined with `;`.
//!
//! Formulas are neutralised (OWASP, "CSV Injection"): a text cell that starts with `=`, `+`,
//! `-`, `@`, a tab or a carriage return is written with a leading `'`, so a spreadsheet shows
//! it as text and never runs it; numbers (`-1`, `-0.5000`) stay numbers. Programs that need
//! the text exactly ask for [`ReportOptions::raw_csv`] (or read the JSON form).
//!
//! # Text
//!
//! Text for terminals never carries a control sequence: control characters (newlines
//! excepted), C1 controls and bidirectional formatting characters from the data are shown
//! as escapes such as `\u{1b}`.

pub use crate::i18n::{MESSAGE_LANGUAGES, Messages};
pub use crate::report::{
    ReportOptions, agreement_csv, agreement_json, agreement_text, commitments_csv,
    commitments_json, commitments_text, scorecard_csv, scorecard_json, scorecard_text,
    sort_scorecard, summits_csv, summits_json, summits_text,
};
pub use crate::schedule::{
    edition_json, holder_json, reconcile_json, reconcile_text, schedule_csv, schedule_json,
    schedule_table, schedule_text,
};
