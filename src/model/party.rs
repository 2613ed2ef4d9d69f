//! Parties: states and organisations.

use super::{Labels, PartyId, SourceId};

/// Whether a party is a state or an organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PartyKind {
    /// A state, identified by its ISO 3166-1 alpha-2 code.
    State,
    /// An international organisation (the EU, the African Union, ...).
    Organisation,
}

impl PartyKind {
    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::State => "state",
            PartyKind::Organisation => "organisation",
        }
    }
}

/// A state or organisation that can sign, host, attend or commit.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
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
