//! Summits: one edition of a mechanism.

use super::{Confidence, Labels, MechanismId, PartialDate, PartyId, SourceId, SummitId};

/// Whether a summit is a numbered edition or a special one outside the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// The n-th regular edition, counted from 1.
    Ordinal(u32),
    /// A special (unnumbered) edition.
    Special,
}

impl Edition {
    /// The ordinal, if this is a regular edition.
    pub fn ordinal(self) -> Option<u32> {
        match self {
            Edition::Ordinal(n) => Some(n),
            Edition::Special => None,
        }
    }
}

/// Where a summit stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SummitStatus {
    /// Announced, not yet held.
    Planned,
    /// It took place.
    Held,
    /// Moved to a later date not yet held.
    Postponed,
    /// It will not take place.
    Cancelled,
}

impl SummitStatus {
    /// Every status.
    pub const ALL: [SummitStatus; 4] = [
        SummitStatus::Planned,
        SummitStatus::Held,
        SummitStatus::Postponed,
        SummitStatus::Cancelled,
    ];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            SummitStatus::Planned => "planned",
            SummitStatus::Held => "held",
            SummitStatus::Postponed => "postponed",
            SummitStatus::Cancelled => "cancelled",
        }
    }
}

impl std::str::FromStr for SummitStatus {
    type Err = crate::Error;

    /// Parses the word used in data files (any case).
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        SummitStatus::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                crate::Error::unknown(
                    "summit status",
                    s,
                    crate::error::did_you_mean(s, SummitStatus::ALL.iter().map(|v| v.as_str())),
                )
            })
    }
}

/// Where a summit takes place.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Venue {
    /// The city, in each language.
    pub city: Labels,
    /// The building or site, in each language, if known.
    pub place: Option<Labels>,
}

/// Someone who took part in a summit for a party.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Participant {
    /// The party represented.
    pub party: PartyId,
    /// The person, if known.
    pub person: Option<String>,
    /// Their role ("President", "Ambassador").
    pub role: Option<String>,
}

/// One edition of a mechanism.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Summit {
    /// The id.
    pub id: SummitId,
    /// The mechanism it belongs to.
    pub mechanism: MechanismId,
    /// Its ordinal, or special.
    pub edition: Edition,
    /// A name, if it has one beyond "the n-th summit".
    pub name: Option<Labels>,
    /// When it takes place.
    pub date: PartialDate,
    /// The host, if known.
    pub host: Option<PartyId>,
    /// Where, if known.
    pub venue: Option<Venue>,
    /// Whether it was held by video link.
    pub online: bool,
    /// Where it stands.
    pub status: SummitStatus,
    /// How sure the record is (a planned summit may be only reported).
    pub confidence: Confidence,
    /// Who took part.
    pub participants: Vec<Participant>,
    /// Sources for these facts.
    pub sources: Vec<SourceId>,
    /// A remark for readers.
    pub note: Option<String>,
}
