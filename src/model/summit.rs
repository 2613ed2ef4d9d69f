//! Summits: one edition of a mechanism.

use super::{Confidence, Labels, MechanismId, PartialDate, PartyId, SourceId, SummitId};

/// Whether a summit is a numbered edition or a special one outside the count.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let s = ds.summit("cca-2025-astana").ok_or("none")?;
/// assert_eq!(s.edition, summitry::Edition::Ordinal(2));
/// assert_eq!(s.edition.to_string(), "2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
///
/// ```
/// use summitry::SummitStatus;
///
/// assert_eq!("held".parse::<SummitStatus>()?, SummitStatus::Held);
/// assert_eq!(SummitStatus::Postponed.to_string(), "postponed");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// Where a summit takes place.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let v = ds.summit("cca-2025-astana").and_then(|s| s.venue.as_ref()).ok_or("none")?;
/// assert_eq!(v.to_string(), "Astana, Palace of Independence");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Venue {
    /// The city, in each language.
    pub city: Labels,
    /// The building or site, in each language, if known.
    pub place: Option<Labels>,
}

/// Someone who took part in a summit for a party.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let s = ds.summit("cca-2025-astana").ok_or("none")?;
/// assert_eq!(s.participants[0].to_string(), "Xi Jinping, President (cn)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Participant {
    /// The party represented.
    pub party: PartyId,
    /// The person, if known.
    pub person: Option<String>,
    /// Their role ("President", "Ambassador").
    pub role: Option<String>,
}

/// One edition of a mechanism.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let s = ds.summit("cca-2025-astana").ok_or("none")?;
/// assert_eq!(s.to_string(), "Second China–Central Asia Summit (Astana)");
/// assert_eq!(s.city_in("zh"), Some("阿斯塔纳"));
/// assert_eq!(s.date.to_string(), "2025-06-17");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
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

crate::model::vocabulary!(SummitStatus, "summit status");

impl std::fmt::Display for Edition {
    /// The ordinal (`2`) or `special`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Edition::Ordinal(n) => write!(f, "{n}"),
            Edition::Special => f.write_str("special"),
        }
    }
}

impl std::fmt::Display for Venue {
    /// The city in English, then the place when known: `Astana, Palace of Independence`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.city.en())?;
        match &self.place {
            Some(p) if !p.is_empty() => write!(f, ", {}", p.en()),
            _ => Ok(()),
        }
    }
}

impl std::fmt::Display for Participant {
    /// The person and role when known, then the party id: `Xi Jinping, President (cn)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.person, &self.role) {
            (Some(p), Some(r)) => write!(f, "{p}, {r} ({})", self.party),
            (Some(p), None) => write!(f, "{p} ({})", self.party),
            (None, Some(r)) => write!(f, "{r} ({})", self.party),
            (None, None) => write!(f, "{}", self.party),
        }
    }
}

impl std::fmt::Display for Summit {
    /// The English name, or `mechanism #n` without one, then the city when known:
    /// `Second China–Central Asia Summit (Astana)`. Names in other languages:
    /// [`Summit::name_in`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.name.as_ref().map(Labels::en) {
            Some(n) if !n.is_empty() => f.write_str(n)?,
            _ => match self.edition {
                Edition::Ordinal(n) => write!(f, "{} #{n}", self.mechanism)?,
                Edition::Special => write!(f, "{} special", self.mechanism)?,
            },
        }
        match &self.venue {
            Some(v) if !v.city.is_empty() => write!(f, " ({})", v.city.en()),
            _ => Ok(()),
        }
    }
}

impl Summit {
    /// The name in `lang`, with the fallback of [`Labels::get`]; `None` when the summit has
    /// no name beyond its ordinal.
    pub fn name_in(&self, lang: &str) -> Option<&str> {
        self.name.as_ref().and_then(|n| n.get(lang))
    }

    /// The city in `lang`, with the fallback of [`Labels::get`]; `None` when unknown.
    pub fn city_in(&self, lang: &str) -> Option<&str> {
        self.venue.as_ref().and_then(|v| v.city.get(lang))
    }
}
