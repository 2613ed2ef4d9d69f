//! Sources: where every fact comes from.

use super::{LangTag, PartialDate, SourceId};

/// A publication that facts cite: a news report, an official text, a dataset.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let s = ds.source("ukrinform-2023-05-19").ok_or("none")?;
/// assert_eq!(s.lang.as_str(), "uk");
/// assert!(s.to_string().starts_with(&s.publisher));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// The id that facts cite.
    pub id: SourceId,
    /// Who published it (a news agency, a ministry).
    pub publisher: String,
    /// The title as published, in its own language.
    pub title: String,
    /// Where it can be read, when known.
    pub url: Option<String>,
    /// The language it is written in.
    pub lang: LangTag,
    /// When it was published.
    pub date: Option<PartialDate>,
    /// Anything a reader should know about this source (reliability, how it was found).
    pub note: Option<String>,
}

impl std::fmt::Display for Source {
    /// The publisher, the title and the date when known: `Xinhua: "Title" (2025-06-17)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: \"{}\"", self.publisher, self.title)?;
        if let Some(d) = self.date {
            write!(f, " ({d})")?;
        }
        Ok(())
    }
}
