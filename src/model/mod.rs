//! The data model: every concept summitry knows about.

mod amount;
mod area;
mod assessment;
mod commitment;
mod dataset;
mod date;
mod document;
mod id;
mod lang;
mod mechanism;
mod party;
mod source;
mod summit;
mod term;
mod word;

pub use amount::{Amount, AmountError};
pub use area::Area;
pub use assessment::{Assessment, Completion, Mark, NOT_APPLICABLE, Score};
pub use commitment::{Commitment, CommitmentKind, Obligors, Quote, Strength, Target};
pub use dataset::Dataset;
pub(crate) use dataset::{IdMaps, Records};
pub use date::{DateError, DateRelation, Day, MAX_YEAR, MIN_YEAR, PartialDate, Precision};
pub use document::{Document, DocumentKind};
pub use id::{
    AreaId, CommitmentId, DocumentId, IdError, MAX_ID_LEN, MechanismId, PartyId, SourceId, SummitId,
};
pub(crate) use id::{
    InternScope, SharedId, check_id_syntax, intern, intern_sym, interned, take_symbols,
};
pub use lang::{Labels, LangTag, LangTagError};
pub use mechanism::{
    Cadence, CadenceChange, Confidence, Decision, Exception, ExceptionKind, HostRule, Level,
    Mechanism, Membership, Period, PeriodUnit, Schedule, ScheduleKind, Secretariat,
};
pub use party::{Party, PartyKind};
pub use source::Source;
pub use summit::{Edition, Participant, Summit, SummitStatus, Venue};
pub use term::{parse_term, term_label};
pub use word::UnknownWord;
pub(crate) use word::vocabulary;
