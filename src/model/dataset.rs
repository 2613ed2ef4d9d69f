//! The validated, indexed, in-memory dataset.

use super::SharedId;
use super::{Area, Assessment, Commitment, Document, Mechanism, Party, Source, Summit};
use crate::hash::HashMap;
use std::sync::Arc;

/// Every record of a dataset, before indexing. The loader fills it after validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Records {
    pub parties: Vec<Party>,
    pub sources: Vec<Source>,
    pub areas: Vec<Area>,
    pub mechanisms: Vec<Mechanism>,
    pub summits: Vec<Summit>,
    pub documents: Vec<Document>,
    pub commitments: Vec<Commitment>,
    pub assessments: Vec<Assessment>,
}

/// Positions of records by id, one map per kind.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdMaps {
    pub parties: HashMap<Arc<str>, u32>,
    pub sources: HashMap<Arc<str>, u32>,
    pub areas: HashMap<Arc<str>, u32>,
    pub mechanisms: HashMap<Arc<str>, u32>,
    pub summits: HashMap<Arc<str>, u32>,
    pub documents: HashMap<Arc<str>, u32>,
    pub commitments: HashMap<Arc<str>, u32>,
}

fn map_of<T, I: SharedId>(items: &[T], id: impl Fn(&T) -> &I) -> HashMap<Arc<str>, u32> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| (id(t).shared(), i as u32))
        .collect()
}

impl IdMaps {
    pub(crate) fn build(r: &Records) -> IdMaps {
        IdMaps {
            parties: map_of(&r.parties, |x| &x.id),
            sources: map_of(&r.sources, |x| &x.id),
            areas: map_of(&r.areas, |x| &x.id),
            mechanisms: map_of(&r.mechanisms, |x| &x.id),
            summits: map_of(&r.summits, |x| &x.id),
            documents: map_of(&r.documents, |x| &x.id),
            commitments: map_of(&r.commitments, |x| &x.id),
        }
    }
}

/// A validated dataset: parties, mechanisms, summits, documents, commitments, areas,
/// assessments and sources, with every reference checked and indexes built.
///
/// Get one from [`Dataset::bundled`], [`Dataset::load_dir`], [`Dataset::load_files`] or
/// [`Dataset::from_toml_str`]. Records keep the order in which they were loaded (files in
/// path order, records in file order) unless a method documents another order. A dataset
/// is immutable and `Send + Sync`: share it between threads behind an `Arc`.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// assert!(ds.parties().len() >= 7);
/// let json = serde_json::to_string(ds)?; // the `summitry/1` document
/// assert!(json.starts_with(r#"{"format":"summitry/1","#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Dataset {
    pub(crate) records: Records,
    pub(crate) ids: IdMaps,
    pub(crate) index: crate::query::Index,
}

impl PartialEq for Dataset {
    /// Two datasets are equal when they hold the same records in the same order.
    fn eq(&self, other: &Self) -> bool {
        self.records == other.records
    }
}

macro_rules! accessors {
    ($all:ident, $one:ident, $ty:ty, $what:literal, $example:literal) => {
        #[doc = concat!("Every ", $what, ", in load order.")]
        ///
        /// ```
        /// let ds = summitry::Dataset::bundled();
        #[doc = concat!("assert!(ds.", stringify!($all), "().iter().any(|x| x.id == \"", $example, "\"));")]
        /// ```
        pub fn $all(&self) -> &[$ty] {
            &self.records.$all
        }

        #[doc = concat!("The ", $what, " with this id, if any: the typed id or a string.")]
        ///
        /// ```
        /// let ds = summitry::Dataset::bundled();
        #[doc = concat!("let x = ds.", stringify!($one), "(\"", $example, "\").ok_or(\"missing\")?;")]
        #[doc = concat!("assert!(std::ptr::eq(x, ds.", stringify!($one), "(&x.id).ok_or(\"missing\")?));")]
        #[doc = concat!("assert!(ds.", stringify!($one), "(\"no-such-id\").is_none());")]
        /// # Ok::<(), &str>(())
        /// ```
        pub fn $one(&self, id: impl AsRef<str>) -> Option<&$ty> {
            let i = *self.ids.$all.get(id.as_ref())?;
            self.records.$all.get(i as usize)
        }
    };
}

impl Dataset {
    pub(crate) fn from_records(records: Records) -> Dataset {
        let ids = IdMaps::build(&records);
        let index = crate::query::Index::build(&records, &ids);
        Dataset {
            records,
            ids,
            index,
        }
    }

    accessors!(parties, party, Party, "party", "kz");
    accessors!(sources, source, Source, "source", "ukrinform-2023-05-19");
    accessors!(areas, area, Area, "area", "security.cyber");
    accessors!(
        mechanisms,
        mechanism,
        Mechanism,
        "mechanism",
        "china-central-asia"
    );
    accessors!(summits, summit, Summit, "summit", "cca-2025-astana");
    accessors!(
        documents,
        document,
        Document,
        "document",
        "xian-declaration-2023"
    );
    accessors!(
        commitments,
        commitment,
        Commitment,
        "commitment",
        "xian-scholarships"
    );

    /// Every assessment, in load order.
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// assert!(ds.assessments().iter().all(|a| ds.commitment(&a.commitment).is_some()));
    /// ```
    pub fn assessments(&self) -> &[Assessment] {
        &self.records.assessments
    }

    /// The name of a party in `lang` (falling back to the same primary language, then to
    /// English, as [`Labels::get`](crate::Labels::get) does); `None` when no party has this
    /// id or it has no name at all. Nothing falls back to the id: say what to show instead.
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// assert_eq!(ds.party_name("kz", "ru"), Some("Казахстан"));
    /// assert_eq!(ds.party_name("xx", "en"), None);
    /// ```
    pub fn party_name(&self, id: impl AsRef<str>, lang: &str) -> Option<&str> {
        self.party(id).and_then(|p| p.name.get(lang))
    }

    /// The name of a party in `lang` for a renderer, or its id when the party has no name:
    /// reports and exports show the id rather than nothing.
    pub(crate) fn party_label<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.party_name(id, lang).unwrap_or(id)
    }
}
