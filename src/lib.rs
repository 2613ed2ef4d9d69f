//! Track diplomatic commitments: recurring summit mechanisms, the summits they hold, the
//! documents they adopt, the commitments in those documents, whether they were kept, and
//! when and where the next summit is.

mod error;
mod model;
mod query;
mod report;

pub use error::Error;
pub use model::*;
pub use query::{
    AssessmentFilter, By, CommitmentQuery, DUE_SOON_DAYS, DeadlineState, DeadlineStateKind,
    DocumentQuery, Matches, PartyCommitment, Scorecard, ScorecardQuery, ScorecardRow, StatusCounts,
    SummitQuery,
};
pub use report::{
    ReportOptions, commitments_csv, commitments_json, commitments_text, scorecard_csv,
    scorecard_json, scorecard_text, summits_csv, summits_json, summits_text,
};
