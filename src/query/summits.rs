//! Summits, documents and memberships.

use super::{Matches, intersect_all, list, resolve, resolve_party};
use crate::{Dataset, Document, DocumentKind, Error, Mechanism, PartialDate, Summit, SummitStatus};

/// Which summits to select; options combine with AND.
///
/// Results are ordered by date (in [`PartialDate`]'s sort order: first day, then last day),
/// then by id.
///
/// The date window keeps every summit that *may* fall in it: [`from`](Self::from) keeps a
/// summit whose last possible day is on or after the first day of `from`, and
/// [`to`](Self::to) one whose first possible day is on or before the last day of `to`. A
/// summit known only as "2025" is therefore in the window `2025-06`..`2025-07`.
///
/// ```
/// use summitry::{SummitQuery, SummitStatus};
///
/// let q = SummitQuery::new().mechanism("china-central-asia").party("kz").status(SummitStatus::Held);
/// # let _ = q;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummitQuery {
    mechanism: Option<String>,
    party: Option<String>,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
    status: Option<SummitStatus>,
}

impl SummitQuery {
    /// A query that selects every summit.
    pub fn new() -> Self {
        SummitQuery::default()
    }

    /// Only summits of this mechanism.
    pub fn mechanism(mut self, id: impl Into<String>) -> Self {
        self.mechanism = Some(id.into());
        self
    }

    /// Only summits this party hosted or attended (listed as host or participant).
    pub fn party(mut self, id: impl Into<String>) -> Self {
        self.party = Some(id.into());
        self
    }

    /// Only summits that may end on or after the first day of `date`.
    pub fn from(mut self, date: PartialDate) -> Self {
        self.from = Some(date);
        self
    }

    /// Only summits that may start on or before the last day of `date`.
    pub fn to(mut self, date: PartialDate) -> Self {
        self.to = Some(date);
        self
    }

    /// Only summits with this status.
    pub fn status(mut self, status: SummitStatus) -> Self {
        self.status = Some(status);
        self
    }
}

/// Which documents to select; options combine with AND. Results come in load order.
///
/// ```
/// use summitry::{DocumentKind, DocumentQuery};
///
/// let ds = summitry::Dataset::bundled();
/// let q = DocumentQuery::new().summit("cca-2023-xian").kind(DocumentKind::Declaration);
/// assert_eq!(ds.documents_where(&q)?.next().map(|d| d.id.as_str()), Some("xian-declaration-2023"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentQuery {
    mechanism: Option<String>,
    summit: Option<String>,
    party: Option<String>,
    kind: Option<DocumentKind>,
}

impl DocumentQuery {
    /// A query that selects every document.
    pub fn new() -> Self {
        DocumentQuery::default()
    }

    /// Only documents of this mechanism.
    pub fn mechanism(mut self, id: impl Into<String>) -> Self {
        self.mechanism = Some(id.into());
        self
    }

    /// Only documents adopted at this summit.
    pub fn summit(mut self, id: impl Into<String>) -> Self {
        self.summit = Some(id.into());
        self
    }

    /// Only documents this party signed or adopted.
    pub fn party(mut self, id: impl Into<String>) -> Self {
        self.party = Some(id.into());
        self
    }

    /// Only documents of this kind.
    pub fn kind(mut self, kind: DocumentKind) -> Self {
        self.kind = Some(kind);
        self
    }
}

impl Dataset {
    /// The summits selected by `query`, by date then id.
    ///
    /// # Errors
    ///
    /// When the mechanism or the party is unknown (with a suggestion).
    ///
    /// ```
    /// use summitry::{SummitQuery, SummitStatus};
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let q = SummitQuery::new().mechanism("china-central-asia").party("kz").status(SummitStatus::Held);
    /// let ids: Vec<&str> = ds.summits_where(&q)?.map(|s| s.id.as_str()).collect();
    /// assert!(ids.contains(&"cca-2025-astana"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn summits_where(&self, q: &SummitQuery) -> Result<Matches<'_, Summit>, Error> {
        let ix = &self.index;
        let mut postings = Vec::new();
        if let Some(m) = &q.mechanism {
            postings.push(list(
                &ix.summits_by_mechanism,
                resolve(&self.ids.mechanisms, "mechanism", m)?,
            ));
        }
        if let Some(p) = &q.party {
            postings.push(list(&ix.summits_by_party, resolve_party(&self.ids, p)?));
        }
        let candidates = intersect_all(postings)
            .unwrap_or_else(|| (0..self.records.summits.len() as u32).collect());
        let mut out: Vec<u32> = candidates
            .into_iter()
            .filter(|&i| {
                self.records.summits.get(i as usize).is_some_and(|s| {
                    q.from.is_none_or(|f| s.date.last() >= f.first())
                        && q.to.is_none_or(|t| s.date.first() <= t.last())
                        && q.status.is_none_or(|st| s.status == st)
                })
            })
            .collect();
        out.sort_by_key(|&i| ix.summit_rank.get(i as usize).copied().unwrap_or(u32::MAX));
        Ok(Matches::new(&self.records.summits, out))
    }

    /// The documents selected by `query`, in load order.
    ///
    /// # Errors
    ///
    /// When the mechanism, the summit or the party is unknown (with a suggestion).
    ///
    /// ```
    /// use summitry::DocumentQuery;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let n = ds.documents_where(&DocumentQuery::new().mechanism("china-central-asia"))?.count();
    /// assert!(n >= 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn documents_where(&self, q: &DocumentQuery) -> Result<Matches<'_, Document>, Error> {
        let ix = &self.index;
        let mut postings = Vec::new();
        if let Some(m) = &q.mechanism {
            postings.push(list(
                &ix.documents_by_mechanism,
                resolve(&self.ids.mechanisms, "mechanism", m)?,
            ));
        }
        if let Some(s) = &q.summit {
            postings.push(list(
                &ix.documents_by_summit,
                resolve(&self.ids.summits, "summit", s)?,
            ));
        }
        if let Some(p) = &q.party {
            postings.push(list(&ix.documents_by_party, resolve_party(&self.ids, p)?));
        }
        let candidates = intersect_all(postings)
            .unwrap_or_else(|| (0..self.records.documents.len() as u32).collect());
        let out = candidates
            .into_iter()
            .filter(|&i| {
                self.records
                    .documents
                    .get(i as usize)
                    .is_some_and(|d| q.kind.is_none_or(|k| d.kind == k))
            })
            .collect();
        Ok(Matches::new(&self.records.documents, out))
    }

    /// The mechanisms `party` belongs to, in load order: on `date` when given (under the
    /// semantics of [`Membership::covers`](crate::Membership::covers)), at any time otherwise.
    ///
    /// # Errors
    ///
    /// When the party is unknown (with a suggestion).
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let ms: Vec<&str> = ds.mechanisms_of("ru", None)?.map(|m| m.id.as_str()).collect();
    /// assert_eq!(ms, ["central-asia-russia"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mechanisms_of(
        &self,
        party: impl AsRef<str>,
        date: Option<PartialDate>,
    ) -> Result<Matches<'_, Mechanism>, Error> {
        let party = party.as_ref();
        let p = resolve_party(&self.ids, party)?;
        let id = self
            .records
            .parties
            .get(p as usize)
            .map_or("", |p| p.id.as_str());
        let out = list(&self.index.mechanisms_by_party, p)
            .iter()
            .copied()
            .filter(|&m| match date {
                None => true,
                Some(d) => self
                    .records
                    .mechanisms
                    .get(m as usize)
                    .is_some_and(|m| m.is_member(id, &d)),
            })
            .collect();
        Ok(Matches::new(&self.records.mechanisms, out))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::query::fixture::{d, dataset};

    #[track_caller]
    fn summits(q: SummitQuery, expected: &[&str]) {
        let ds = dataset();
        let got: Vec<&str> = ds
            .summits_where(&q)
            .unwrap()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn summit_filters() {
        summits(SummitQuery::new(), &["cca-2023", "other-2024", "cca-2025"]);
        summits(
            SummitQuery::new().mechanism("cca"),
            &["cca-2023", "cca-2025"],
        );
        summits(SummitQuery::new().party("ru"), &["other-2024"]);
        summits(
            SummitQuery::new().party("cn"),
            &["cca-2023", "other-2024", "cca-2025"],
        );
        summits(
            SummitQuery::new().party("kz").from(d("2024")),
            &["cca-2025"],
        );
        summits(
            SummitQuery::new().to(d("2024-10-01")),
            &["cca-2023", "other-2024"],
        );
        summits(
            SummitQuery::new().from(d("2023-05-19")).to(d("2023-05-19")),
            &["cca-2023"],
        );
        summits(
            SummitQuery::new().status(SummitStatus::Planned),
            &["other-2024"],
        );
        let ds = dataset();
        assert_eq!(
            ds.summits_where(&SummitQuery::new().party("rus"))
                .unwrap_err()
                .to_string(),
            "unknown party `rus` (did you mean `ru`?)"
        );
    }

    #[test]
    fn document_filters() {
        let ds = dataset();
        let docs = |q: DocumentQuery| -> Vec<&str> {
            ds.documents_where(&q)
                .unwrap()
                .map(|d| d.id.as_str())
                .collect()
        };
        assert_eq!(docs(DocumentQuery::new()), ["xian", "astana", "other-decl"]);
        assert_eq!(
            docs(DocumentQuery::new().mechanism("cca")),
            ["xian", "astana"]
        );
        assert_eq!(docs(DocumentQuery::new().summit("cca-2025")), ["astana"]);
        assert_eq!(docs(DocumentQuery::new().party("ru")), ["other-decl"]);
        assert_eq!(
            docs(DocumentQuery::new().party("cn").kind(DocumentKind::Treaty)),
            ["astana"]
        );
    }

    #[test]
    fn memberships() {
        let ds = dataset();
        let mechs = |p: &str, date: Option<&str>| -> Vec<&str> {
            ds.mechanisms_of(p, date.map(d))
                .unwrap()
                .map(|m| m.id.as_str())
                .collect()
        };
        assert_eq!(mechs("cn", None), ["cca", "other"]);
        assert_eq!(mechs("ru", None), ["other"]);
        assert!(mechs("ru", Some("2023")).is_empty());
        assert_eq!(mechs("ru", Some("2024-03")), ["other"]);
        assert_eq!(mechs("KZ", Some("2030")), ["cca"]);
        assert!(ds.mechanisms_of("xx", None).unwrap_err().is_unknown_id());
    }
}
