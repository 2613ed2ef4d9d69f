//! Parties: states and organisations.

use super::{Labels, PartyId, SourceId};

/// Whether a party is a state or an organisation.
///
/// ```
/// use summitry::PartyKind;
///
/// assert_eq!("organisation".parse::<PartyKind>()?, PartyKind::Organisation);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum PartyKind {
    /// A state, identified by its ISO 3166-1 alpha-2 code.
    State,
    /// An international organisation (the EU, the African Union, ...).
    Organisation,
}

impl PartyKind {
    /// Every PartyKind value, in the order of the vocabulary.
    pub const ALL: [PartyKind; 2] = [PartyKind::State, PartyKind::Organisation];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::State => "state",
            PartyKind::Organisation => "organisation",
        }
    }
}

/// A state or organisation that can sign, host, attend or commit.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let kz = ds.party("kz").ok_or("none")?;
/// assert_eq!(kz.to_string(), "Kazakhstan");
/// assert_eq!(kz.name_in("uk"), Some("Казахстан"));
/// assert!(kz.id.is_iso_alpha2());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Party {
    /// The id: an ISO 3166-1 alpha-2 code for a state.
    pub id: PartyId,
    /// State or organisation.
    pub kind: PartyKind,
    /// The name in each language. Alphabetical host rules order parties by the name in the
    /// rule's language, so the form used here matters ("Viet Nam", "Türkiye").
    pub name: Labels,
    /// Sources for the facts about this party.
    pub sources: Vec<SourceId>,
}

crate::model::vocabulary!(PartyKind, "party kind");

impl std::fmt::Display for Party {
    /// The English name (see [`Labels::en`]), or the id when the party has no name at all.
    /// Names in other languages: [`Party::name_in`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(labelled(&self.name, self.id.as_str()))
    }
}

impl Party {
    /// The name in `lang`, falling back to the same primary language (`uk` for `uk-UA`) and
    /// then to English as [`Labels::get`] does; `None` when the party has no name at all.
    pub fn name_in(&self, lang: &str) -> Option<&str> {
        self.name.get(lang)
    }
}

/// The English text of `labels`, or `id` when there is none.
pub(crate) fn labelled<'a>(labels: &'a Labels, id: &'a str) -> &'a str {
    match labels.en() {
        "" => id,
        s => s,
    }
}
