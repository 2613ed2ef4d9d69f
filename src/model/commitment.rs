//! Commitments: promises made in documents.

use super::{Amount, AreaId, CommitmentId, DocumentId, LangTag, PartialDate, PartyId, SourceId};
use std::sync::Arc;

/// The verbatim words of a commitment in the language of its source.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Quote {
    /// The language of the quote.
    pub lang: LangTag,
    /// The words, verbatim.
    pub text: Box<str>,
    /// Where they were published.
    pub source: SourceId,
}

/// Who is bound by a commitment.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Obligors {
    /// Every signatory of the document.
    All,
    /// These parties only ("China will continue to provide scholarships").
    Parties(Box<[PartyId]>),
}

/// What sort of promise a commitment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentKind {
    /// To create or run an institution (a secretariat, a mechanism, a platform).
    Institutional,
    /// To pursue a policy or cooperate in a field.
    Policy,
    /// To provide money: grants, loans, financing.
    Financial,
    /// About meetings: when and where the next ones are.
    Schedule,
}

impl CommitmentKind {
    /// Every kind.
    pub const ALL: [CommitmentKind; 4] = [
        CommitmentKind::Institutional,
        CommitmentKind::Policy,
        CommitmentKind::Financial,
        CommitmentKind::Schedule,
    ];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            CommitmentKind::Institutional => "institutional",
            CommitmentKind::Policy => "policy",
            CommitmentKind::Financial => "financial",
            CommitmentKind::Schedule => "schedule",
        }
    }
}

impl std::str::FromStr for CommitmentKind {
    type Err = crate::Error;

    /// Parses the word used in data files (any case).
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        CommitmentKind::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                crate::Error::unknown(
                    "commitment kind",
                    s,
                    crate::error::did_you_mean(s, CommitmentKind::ALL.iter().map(|v| v.as_str())),
                )
            })
    }
}

/// How strongly a commitment is worded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// Binding wording in a binding instrument ("shall").
    Binding,
    /// A firm promise or decision ("will", "agreed to", "promises").
    Pledge,
    /// Readiness or intention ("express readiness to", "are ready to").
    Readiness,
    /// Support or reaffirmation ("support", "reaffirm", "welcome").
    Support,
}

impl Strength {
    /// Every strength, strongest first.
    pub const ALL: [Strength; 4] = [
        Strength::Binding,
        Strength::Pledge,
        Strength::Readiness,
        Strength::Support,
    ];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Binding => "binding",
            Strength::Pledge => "pledge",
            Strength::Readiness => "readiness",
            Strength::Support => "support",
        }
    }
}

/// A quantified target: an amount with a unit or currency.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Target {
    /// The amount, exact and never negative.
    pub amount: Amount,
    /// What is counted ("scholarships", "training places"), when not money.
    pub unit: Option<String>,
    /// The ISO 4217 currency code, when money (`CNY`, `USD`).
    pub currency: Option<String>,
}

/// A promise in a document.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Commitment {
    /// The id.
    pub id: CommitmentId,
    /// The document that contains it.
    pub document: DocumentId,
    /// Its number or label in the document as printed (`"3"`, `"12a"`, `"II.4"`), if given.
    pub number: Option<Box<str>>,
    /// A short title for tables ("Fossil fuel subsidies"), if given.
    pub title: Option<Box<str>>,
    /// The commitment in English.
    pub text: Box<str>,
    /// The verbatim words in the original language, if recorded.
    pub quote: Option<Box<Quote>>,
    /// The areas it covers (one list shared by the commitments of a load that list the same
    /// areas).
    #[serde(serialize_with = "slice")]
    pub areas: Arc<[AreaId]>,
    /// Who is bound, as written in the data.
    pub obligors: Obligors,
    /// The parties bound, with `all` resolved to the document's signatories (one list shared
    /// by every commitment of the document bound by `all`).
    #[serde(serialize_with = "slice")]
    pub obligor_parties: Arc<[PartyId]>,
    /// What sort of promise.
    pub kind: CommitmentKind,
    /// How strongly worded.
    pub strength: Strength,
    /// A quantified target, if any.
    pub target: Option<Box<Target>>,
    /// By when, if stated.
    pub deadline: Option<PartialDate>,
    /// Earlier commitments this one repeats.
    pub reiterates: Box<[CommitmentId]>,
    /// Earlier commitments this one replaces.
    pub supersedes: Box<[CommitmentId]>,
    /// Sources for the commitment (one list shared by the commitments and assessments of a
    /// load that cite the same sources).
    #[serde(serialize_with = "slice")]
    pub sources: Arc<[SourceId]>,
    /// A remark for readers.
    pub note: Option<Box<str>>,
}

fn slice<T: serde::Serialize, S: serde::Serializer>(v: &Arc<[T]>, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&**v, s)
}

impl Commitment {
    /// Whether `party` is bound by this commitment.
    pub fn binds(&self, party: &str) -> bool {
        self.obligor_parties.iter().any(|p| p.as_str() == party)
    }
}
