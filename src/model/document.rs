//! Documents adopted at summits.

use super::{DocumentId, Labels, MechanismId, PartialDate, PartyId, SourceId, SummitId};

/// The kind of a document.
///
/// ```
/// use summitry::DocumentKind;
///
/// assert_eq!("joint-statement".parse::<DocumentKind>()?, DocumentKind::JointStatement);
/// assert_eq!(DocumentKind::ActionPlan.to_string(), "action-plan");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A declaration (the Xi'an Declaration).
    Declaration,
    /// A joint statement.
    JointStatement,
    /// A communiqué.
    Communique,
    /// A treaty: legally binding.
    Treaty,
    /// An action plan.
    ActionPlan,
    /// A memorandum of understanding.
    Mou,
    /// A list of outcomes or deliverables.
    ListOfOutcomes,
    /// A speech or announcement by one party.
    Speech,
    /// Anything else.
    Other,
}

impl DocumentKind {
    /// Every kind, in the order used in documentation.
    pub const ALL: [DocumentKind; 9] = [
        DocumentKind::Declaration,
        DocumentKind::JointStatement,
        DocumentKind::Communique,
        DocumentKind::Treaty,
        DocumentKind::ActionPlan,
        DocumentKind::Mou,
        DocumentKind::ListOfOutcomes,
        DocumentKind::Speech,
        DocumentKind::Other,
    ];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Declaration => "declaration",
            DocumentKind::JointStatement => "joint-statement",
            DocumentKind::Communique => "communique",
            DocumentKind::Treaty => "treaty",
            DocumentKind::ActionPlan => "action-plan",
            DocumentKind::Mou => "mou",
            DocumentKind::ListOfOutcomes => "list-of-outcomes",
            DocumentKind::Speech => "speech",
            DocumentKind::Other => "other",
        }
    }
}

/// A document: a declaration, joint statement, communiqué, treaty, action plan or MoU.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let d = ds.document("xian-declaration-2023").ok_or("none")?;
/// assert_eq!(d.to_string(), "Xi'an Declaration of the China–Central Asia Summit");
/// assert_eq!(d.signatories.len(), 6);
/// assert_eq!(d.title_in("fr"), Some("Xi'an Declaration of the China–Central Asia Summit"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The id.
    pub id: DocumentId,
    /// The kind of document.
    pub kind: DocumentKind,
    /// The title in each language.
    pub title: Labels,
    /// The mechanism it belongs to.
    pub mechanism: MechanismId,
    /// The summit that adopted it, if any.
    pub summit: Option<SummitId>,
    /// When it was adopted or signed.
    pub date: PartialDate,
    /// The parties that signed or adopted it.
    pub signatories: Vec<PartyId>,
    /// Whether it is legally binding (a treaty) or not (a declaration).
    pub binding: bool,
    /// Sources for the document's existence and content.
    pub sources: Vec<SourceId>,
    /// A remark for readers.
    pub note: Option<String>,
}

crate::model::vocabulary!(DocumentKind, "document kind");

impl std::fmt::Display for Document {
    /// The English title, or the id when the document has no title. Titles in other
    /// languages: [`Document::title_in`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(super::party::labelled(&self.title, self.id.as_str()))
    }
}

impl Document {
    /// The title in `lang`, with the fallback of [`Labels::get`]; `None` when it has none.
    pub fn title_in(&self, lang: &str) -> Option<&str> {
        self.title.get(lang)
    }
}
