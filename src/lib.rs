//! Track diplomatic commitments: recurring summit mechanisms, the summits they hold, the
//! documents they adopt, the commitments in those documents, whether they were kept, and
//! when and where the next summit is.

mod error;
mod export;
mod load;
mod model;
pub mod query;

pub use error::Error;
pub use load::{Diagnostic, Limits, LoadError, Loader};
pub use model::*;
