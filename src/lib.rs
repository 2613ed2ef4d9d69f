//! Track diplomatic commitments: recurring summit mechanisms, the summits they hold, the
//! documents they adopt, the commitments in those documents, whether they were kept, and
//! when and where the next summit is.

mod error;
mod model;
pub mod query;
mod schedule;

pub use error::Error;
pub use model::*;
pub use schedule::{
    Basis, Claim, ClaimField, EditionStatus, Outcome, ProjectedEdition, Reconciliation,
    ScheduleIter, schedule_json, schedule_text,
};
