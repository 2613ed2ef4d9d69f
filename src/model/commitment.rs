//! Commitments: promises made in documents.

use super::{Amount, AreaId, CommitmentId, DocumentId, LangTag, PartialDate, PartyId, SourceId};
use std::sync::Arc;

/// The verbatim words of a commitment as a source publishes them, in the source's language:
/// the document's own words or a translation of them (the data records the language, not
/// which of the two).
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let q = ds.commitment("xian-scholarships").and_then(|c| c.quote()).ok_or("no quote")?;
/// assert_eq!(q.lang.as_str(), "uk");
/// assert!(q.text().starts_with("Китай"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Quote {
    /// The language of the quote.
    pub lang: LangTag,
    /// The words, verbatim.
    pub(crate) text: Box<str>,
    /// Where they were published.
    pub source: SourceId,
}

impl Quote {
    /// The words, verbatim.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// Who is bound by a commitment.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let c = ds.commitment("xian-scholarships").ok_or("none")?;
/// assert_eq!(c.obligors.to_string(), "cn");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Obligors {
    /// Every signatory of the document.
    All,
    /// These parties only ("China will continue to provide scholarships").
    Parties(Box<[PartyId]>),
}

/// What sort of promise a commitment is.
///
/// ```
/// use summitry::CommitmentKind;
///
/// assert_eq!("financial".parse::<CommitmentKind>()?, CommitmentKind::Financial);
/// assert_eq!(CommitmentKind::Policy.to_string(), "policy");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
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

/// How strongly a commitment is worded.
///
/// ```
/// use summitry::Strength;
///
/// assert_eq!("readiness".parse::<Strength>()?, Strength::Readiness);
/// assert!(Strength::Binding < Strength::Support); // strongest first
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let c = ds.commitment("astana-grants-1-5bn-yuan-2025").ok_or("none")?;
/// let t = c.target().ok_or("no target")?;
/// assert_eq!(t.currency.as_deref(), Some("CNY"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Target {
    /// The amount, exact and never negative.
    pub amount: Amount,
    /// What is counted ("scholarships", "training places"), when not money.
    pub unit: Option<String>,
    /// The ISO 4217 currency code, when money (`CNY`, `USD`).
    pub currency: Option<String>,
}

/// A promise in a document.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let c = ds.commitment("xian-scholarships").ok_or("none")?;
/// assert_eq!(c.document.as_str(), "xian-declaration-2023");
/// assert_eq!(c.areas()[0].as_str(), "education");
/// assert!(c.to_string().starts_with("China will continue"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Commitment {
    /// The id.
    pub id: CommitmentId,
    /// The document that contains it.
    pub document: DocumentId,
    /// Its number or label in the document as printed (`"3"`, `"12a"`, `"II.4"`), if given.
    pub(crate) number: Option<Box<str>>,
    /// A short title for tables ("Fossil fuel subsidies"), if given.
    pub(crate) title: Option<Box<str>>,
    /// The commitment in English.
    pub(crate) text: Box<str>,
    /// The verbatim words as a source publishes them, if recorded: the original or a
    /// translation (the data records the language, not which).
    pub(crate) quote: Option<Box<Quote>>,
    /// The areas it covers (one list shared by the commitments of a load that list the same
    /// areas).
    pub(crate) areas: Arc<[AreaId]>,
    /// Who is bound, as written in the data.
    pub obligors: Obligors,
    /// The parties bound, with `all` resolved to the document's signatories (one list shared
    /// by every commitment of the document bound by `all`).
    pub(crate) obligor_parties: Arc<[PartyId]>,
    /// What sort of promise.
    pub kind: CommitmentKind,
    /// How strongly worded.
    pub strength: Strength,
    /// A quantified target, if any.
    pub(crate) target: Option<Box<Target>>,
    /// By when, if stated.
    pub deadline: Option<PartialDate>,
    /// Earlier commitments this one repeats.
    pub(crate) reiterates: Box<[CommitmentId]>,
    /// Earlier commitments this one replaces.
    pub(crate) supersedes: Box<[CommitmentId]>,
    /// Sources for the commitment (one list shared by the commitments and assessments of a
    /// load that cite the same sources).
    pub(crate) sources: Arc<[SourceId]>,
    /// A remark for readers.
    pub(crate) note: Option<Box<str>>,
}

impl Commitment {
    /// The commitment in English.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The verbatim words as a source publishes them, if recorded: the original or a
    /// translation (the data records the language, not which).
    pub fn quote(&self) -> Option<&Quote> {
        self.quote.as_deref()
    }

    /// The areas it covers, as listed.
    pub fn areas(&self) -> &[AreaId] {
        &self.areas
    }

    /// The parties bound, with `all` resolved to the document's signatories.
    pub fn obligor_parties(&self) -> &[PartyId] {
        &self.obligor_parties
    }

    /// A quantified target, if any.
    pub fn target(&self) -> Option<&Target> {
        self.target.as_deref()
    }

    /// Earlier commitments this one repeats.
    pub fn reiterates(&self) -> &[CommitmentId] {
        &self.reiterates
    }

    /// Earlier commitments this one replaces.
    pub fn supersedes(&self) -> &[CommitmentId] {
        &self.supersedes
    }

    /// Sources for the commitment.
    pub fn sources(&self) -> &[SourceId] {
        &self.sources
    }

    /// A remark for readers.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// Its number or label in the document as printed (`"3"`, `"12a"`, `"II.4"`), if given.
    pub fn number(&self) -> Option<&str> {
        self.number.as_deref()
    }

    /// A short title for tables ("Fossil fuel subsidies"), if given.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

impl Commitment {
    /// Whether `party` is bound by this commitment.
    pub fn binds(&self, party: impl AsRef<str>) -> bool {
        let party = party.as_ref();
        self.obligor_parties.iter().any(|p| p.as_str() == party)
    }
}

crate::model::vocabulary!(CommitmentKind, "commitment kind");

crate::model::vocabulary!(Strength, "strength");

impl std::fmt::Display for Commitment {
    /// The commitment in English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::fmt::Display for Quote {
    /// The words, verbatim.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::fmt::Display for Obligors {
    /// `all`, or the party ids: `cn, kz`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Obligors::All => f.write_str("all"),
            Obligors::Parties(ps) => {
                for (i, p) in ps.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(p.as_str())?;
                }
                Ok(())
            }
        }
    }
}

impl std::fmt::Display for Target {
    /// The amount, then the currency or unit: `1500000000 CNY`, `3000 scholarships`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.amount)?;
        if let Some(c) = &self.currency {
            write!(f, " {c}")?;
        }
        if let Some(u) = &self.unit {
            write!(f, " {u}")?;
        }
        Ok(())
    }
}
