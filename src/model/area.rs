//! Areas: a hierarchical taxonomy of what commitments cover.

use super::{AreaId, Labels};

/// One area of cooperation (`economy`, `economy.trade`, `security.cyber`). A query for an
/// area includes its sub-areas.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let cyber = ds.area("security.cyber").ok_or("no area")?;
/// assert_eq!(cyber.parent.as_ref().map(|p| p.as_str()), Some("security"));
/// assert_eq!(cyber.to_string(), cyber.label.en());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Area {
    /// The id, dotted by convention.
    pub id: AreaId,
    /// The broader area this one belongs to, if any.
    pub parent: Option<AreaId>,
    /// The name in each language.
    pub label: Labels,
}

impl std::fmt::Display for Area {
    /// The English name, or the id when the area has no name.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(super::party::labelled(&self.label, self.id.as_str()))
    }
}
