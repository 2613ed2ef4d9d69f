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
    DocumentQuery, Matches, PartyCommitment, Scorecard, ScorecardQuery, ScorecardRow,
    StatusCounts, SummitQuery,
};
