//! Schedules: when and where the next editions of a mechanism take place, and how sure we
//! are.
//!
//! A mechanism's [`Schedule`](crate::Schedule) is data: a cadence, a host rule, decisions and
//! exceptions. This module turns it, together with the summit records, into a projection:
//! [`Dataset::schedule`] yields every edition in order as a [`ProjectedEdition`], each with
//! the provenance of every claim it makes. [`Dataset::next_edition`] answers "what comes next"
//! from the same iterator, and [`Dataset::reconcile`] compares decisions with what happened.
//!
//! The semantics of every field are documented on [`ScheduleIter`].

mod cadence;
mod projection;
mod reconcile;
mod render;
mod rotation;

crate::model::vocabulary!(EditionStatus, "edition status");

crate::model::vocabulary!(ClaimField, "claim field");

#[cfg(test)]
mod tests;

pub use projection::ScheduleIter;
pub use reconcile::{Outcome, Reconciliation};
#[cfg(test)]
pub(crate) use render::holder_value;
pub(crate) use render::host_text;
#[cfg(test)]
pub(crate) use render::schedule_value;
pub(crate) use render::{decided_words, outcome_words, reconcile_value};
pub use render::{edition_json, holder_json, reconcile_json, reconcile_text};
pub use render::{schedule_csv, schedule_json, schedule_table, schedule_text};

use crate::error::did_you_mean;
use crate::{
    Dataset, DocumentId, Error, ExceptionKind, Mechanism, PartialDate, PartyId, SourceId, SummitId,
};

/// Where an edition stands.
///
/// ```
/// use summitry::EditionStatus;
///
/// assert_eq!("decided".parse::<EditionStatus>()?, EditionStatus::Decided);
/// assert_eq!(EditionStatus::Projected.to_string(), "projected");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditionStatus {
    /// It took place (a summit record with status held).
    Held,
    /// Not held yet, but settled by a confirmed decision or a confirmed planned summit.
    Decided,
    /// Only projected from the rule (possibly corroborated by reports).
    Projected,
    /// It will not take place, or did not.
    Cancelled,
}

impl EditionStatus {
    /// Every status, in the order of an edition's life.
    pub const ALL: [EditionStatus; 4] = [
        EditionStatus::Held,
        EditionStatus::Decided,
        EditionStatus::Projected,
        EditionStatus::Cancelled,
    ];

    /// The word used in output: `held`, `decided`, `projected` or `cancelled`.
    pub fn as_str(self) -> &'static str {
        match self {
            EditionStatus::Held => "held",
            EditionStatus::Decided => "decided",
            EditionStatus::Projected => "projected",
            EditionStatus::Cancelled => "cancelled",
        }
    }
}

/// The field of a [`ProjectedEdition`] that a [`Claim`] supports.
///
/// ```
/// use summitry::ClaimField;
///
/// assert_eq!("host".parse::<ClaimField>()?, ClaimField::Host);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimField {
    /// That the edition exists (with its ordinal).
    Edition,
    /// Its date.
    Date,
    /// Its host.
    Host,
}

impl ClaimField {
    /// Every ClaimField value, in the order of the vocabulary.
    pub const ALL: [ClaimField; 3] = [ClaimField::Edition, ClaimField::Date, ClaimField::Host];

    /// The word used in data files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimField::Edition => "edition",
            ClaimField::Date => "date",
            ClaimField::Host => "host",
        }
    }
}

/// What a [`Claim`] rests on.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let e = ds.schedule("china-central-asia")?.nth(2).ok_or("no edition")?;
/// assert!(e.provenance.iter().any(|c| matches!(c.basis, summitry::Basis::Summit { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "basis", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Basis {
    /// A summit record.
    Summit {
        /// The summit.
        summit: SummitId,
        /// The record's sources.
        sources: Vec<SourceId>,
    },
    /// A confirmed decision.
    Decision {
        /// The document recording it, if it is in the dataset.
        document: Option<DocumentId>,
        /// The decision's sources.
        sources: Vec<SourceId>,
    },
    /// The schedule's rule (cadence or host rule).
    Rule {
        /// The sources stating the rule (and, for a date after a change of cadence, the
        /// change's sources).
        sources: Vec<SourceId>,
        /// For a projected date of a meetings schedule: the edition it is counted from.
        anchor: Option<Anchor>,
    },
    /// No host rule covers the edition: the rule ended (`until`) before its date.
    RuleEnded {
        /// The last date the rule covers.
        until: PartialDate,
        /// The sources stating the rule.
        sources: Vec<SourceId>,
    },
    /// An exception to the rule.
    Exception {
        /// The exception.
        exception: ExceptionKind,
        /// Its sources.
        sources: Vec<SourceId>,
    },
    /// A report that does not settle anything: a reported decision or a reported planned
    /// summit.
    Report {
        /// The reported planned summit, if the report is a summit record.
        summit: Option<SummitId>,
        /// The document of a reported decision, if any.
        document: Option<DocumentId>,
        /// The report's sources.
        sources: Vec<SourceId>,
        /// Whether the report agrees with the value shown (`None` when the report itself
        /// gives the value, nothing else being known).
        agrees: Option<bool>,
    },
}

/// How the date of an [`Anchor`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorKind {
    /// The edition took place on that date.
    Held,
    /// The edition is decided for that date.
    Decided,
    /// The edition was postponed to that date.
    Postponed,
    /// The cadence's first edition (`first`).
    First,
    /// A cadence change starts at that date (`from`).
    Change,
}

/// What a projected date of a meetings schedule is counted from: `periods` periods after
/// edition `edition`, whose date is `date`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Anchor {
    /// The edition counted from.
    pub edition: u32,
    /// Its date.
    pub date: PartialDate,
    /// How its date is known.
    pub how: AnchorKind,
    /// How many periods after it the projected date falls.
    pub periods: u32,
}

impl Anchor {
    /// What the date is counted from, in the language of `m`: `1 period after edition
    /// 25, held 2025-07-24`.
    pub fn text(&self, m: &crate::render::Messages) -> String {
        let n = usize::try_from(self.periods).unwrap_or(usize::MAX);
        let edition = self.edition.to_string();
        let date = self.date.to_string();
        let head = m.count_with("count.periods-after", n, &[("edition", &edition)]);
        let (key, paren) = match self.how {
            AnchorKind::Held => ("decisions.anchor-held", false),
            AnchorKind::Decided => ("decisions.anchor-decided", false),
            AnchorKind::Postponed => ("decisions.anchor-postponed", false),
            AnchorKind::First => ("decisions.anchor-first", true),
            AnchorKind::Change => ("decisions.anchor-change", true),
        };
        let tail = m.format(key, &[("date", &date)]);
        if paren {
            format!("{head} ({tail})")
        } else {
            format!("{head}, {tail}")
        }
    }
}

impl std::fmt::Display for Anchor {
    /// `1 period after edition 25, held 2025-07-24`, `2 periods after edition 1 (the
    /// first, 2023)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(&crate::render::Messages::english()))
    }
}

/// One piece of provenance: a field of an edition and what supports it.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let e = ds.schedule("china-central-asia")?.nth(3).ok_or("no edition")?;
/// let host = e.provenance.iter().find(|c| c.field == summitry::ClaimField::Host).ok_or("no claim")?;
/// assert!(matches!(host.basis, summitry::Basis::Rule { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// The field supported.
    pub field: ClaimField,
    /// What supports it.
    #[serde(flatten)]
    pub basis: Basis,
}

/// One edition of a mechanism as the schedule sees it: held, decided, projected or
/// cancelled.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// // The 2022 virtual summit is special (outside the count): the fifth edition listed is
/// // the fourth summit.
/// let e = ds.schedule("china-central-asia")?.nth(4).ok_or("no edition")?;
/// assert_eq!(e.ordinal, Some(4));
/// assert_eq!(e.to_string(), "2029  Kyrgyzstan  projected");
/// assert_eq!(e.host_name.as_deref(), Some("Kyrgyzstan"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct ProjectedEdition {
    /// The ordinal; `None` for a special edition outside the count.
    pub ordinal: Option<u32>,
    /// The date, as precisely as it is known; `None` when nothing gives one.
    pub date: Option<PartialDate>,
    /// The host, when known or decided by the rule.
    pub host: Option<PartyId>,
    /// When the host is unknown: the parties that may host, sorted by id. Empty when the
    /// host is known.
    pub candidates: Vec<PartyId>,
    /// Where the edition stands.
    pub status: EditionStatus,
    /// The summit record of this edition, if any (including a reported planned summit).
    pub summit: Option<SummitId>,
    /// What supports each field.
    pub provenance: Vec<Claim>,
    /// The host's name in English, when the host is known and has a name (for
    /// [`Display`](std::fmt::Display) and for readers of the JSON form).
    pub host_name: Option<String>,
}

/// The most candidates a [`ProjectedEdition`] lists by id before only counting them.
const MAX_LISTED: usize = 8;

impl std::fmt::Display for ProjectedEdition {
    /// The date, the host (its English name, else its id) or the candidates, and the status,
    /// two spaces apart: `2029  Kyrgyzstan  projected`, `2027  one of KG, KZ, TJ, TM, UZ
    /// projected`. `?` stands for an unknown date. The provenance is in
    /// [`ProjectedEdition::source`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.date {
            Some(d) => write!(f, "{d}  ")?,
            None => f.write_str("?  ")?,
        }
        match (&self.host, &self.host_name) {
            (Some(_), Some(name)) => f.write_str(name)?,
            (Some(h), None) => f.write_str(h.as_str())?,
            (None, _) if self.candidates.is_empty() => f.write_str("host unknown")?,
            (None, _) if self.candidates.len() > MAX_LISTED => {
                write!(f, "one of {} members", self.candidates.len())?
            }
            (None, _) => {
                f.write_str("one of ")?;
                for (i, c) in self.candidates.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&c.as_str().to_uppercase())?;
                }
            }
        }
        write!(f, "  {}", self.status)
    }
}

fn join_ids<T: AsRef<str>>(ids: &[T]) -> String {
    ids.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(", ")
}

fn with_sources(head: &str, sources: &[SourceId]) -> String {
    if sources.is_empty() {
        head.to_owned()
    } else {
        format!("{head} ({})", join_ids(sources))
    }
}

impl Basis {
    fn rank(&self) -> u8 {
        match self {
            Basis::Summit { .. } => 0,
            Basis::Decision { .. } => 1,
            Basis::Exception { .. } => 2,
            Basis::RuleEnded { .. } => 3,
            Basis::Rule { .. } => 4,
            Basis::Report { .. } => 5,
        }
    }

    /// A short description: `summit cca-2023-xian`, `decision in doc (src)`, `rule (src)`,
    /// in the language of `m`.
    fn short(&self, m: &crate::render::Messages) -> String {
        match self {
            Basis::Summit { summit, .. } => m.format("basis.summit", &[("id", summit.as_str())]),
            Basis::Decision { document, sources } => match document {
                Some(d) => with_sources(
                    &m.format("basis.decision-in", &[("document", d.as_str())]),
                    sources,
                ),
                None => with_sources(m.get("basis.decision"), sources),
            },
            Basis::Rule { sources, .. } => with_sources(m.get("basis.rule"), sources),
            Basis::RuleEnded { until, sources } => with_sources(
                &m.format("decisions.rule-ended", &[("date", &until.to_string())]),
                sources,
            ),
            Basis::Exception { exception, sources } => {
                with_sources(m.word("basis", exception.as_str()), sources)
            }
            Basis::Report {
                summit, sources, ..
            } => match summit {
                Some(s) => with_sources(
                    &m.format("basis.reported-at", &[("summit", s.as_str())]),
                    sources,
                ),
                None => with_sources(m.get("basis.reported"), sources),
            },
        }
    }
}

impl ProjectedEdition {
    /// A short provenance string for people: the strongest basis among the claims
    /// (summit record, then decision, exception, end of the host rule, rule, report); when
    /// it is the rule and the date is counted from an earlier edition, what it is counted
    /// from ([`ProjectedEdition::anchor`]); then `; reported (...)` when a report also
    /// speaks about this edition. Examples: `summit cca-2023-xian`, `decision in
    /// xian-declaration-2023 (xinhua-2023-05-19)`, `1 period after edition 25, held
    /// 2025-07-24; rule (src)`,
    /// `no host rule after 2030 (src)`, `no rule` when nothing supports it.
    pub fn source(&self) -> String {
        self.source_in(&crate::render::Messages::english())
    }

    /// [`ProjectedEdition::source`] in the language of `m`.
    pub fn source_in(&self, m: &crate::render::Messages) -> String {
        let best = self.provenance.iter().min_by_key(|c| c.basis.rank());
        let mut out = match (best.map(|c| &c.basis), self.anchor()) {
            // The anchor first, so that it shows when a line is cut.
            (Some(Basis::Rule { sources, .. }), Some(a)) => {
                format!(
                    "{}; {}",
                    a.text(m),
                    with_sources(m.get("basis.rule"), sources)
                )
            }
            (Some(b), _) => b.short(m),
            (None, _) => m.get("basis.no-rule").to_owned(),
        };
        if best.is_some_and(|c| c.basis.rank() < 5) {
            let report = self
                .provenance
                .iter()
                .find(|c| matches!(c.basis, Basis::Report { .. }));
            if let Some(r) = report {
                out.push_str("; ");
                out.push_str(&r.basis.short(m));
            }
        }
        out
    }
}

impl ProjectedEdition {
    /// What the projected date is counted from, for a date given by the cadence of a
    /// meetings schedule after an earlier edition.
    pub fn anchor(&self) -> Option<&Anchor> {
        self.provenance.iter().find_map(|c| match &c.basis {
            Basis::Rule {
                anchor: Some(a), ..
            } if c.field == ClaimField::Date => Some(a),
            _ => None,
        })
    }
}

impl Dataset {
    fn mechanism_or_error(&self, mechanism: &str) -> Result<&Mechanism, Error> {
        self.mechanism(mechanism).ok_or_else(|| {
            Error::unknown(
                "mechanism",
                mechanism,
                did_you_mean(mechanism, self.mechanisms().iter().map(|m| m.id.as_str())),
            )
        })
    }

    /// The schedule of a mechanism: every edition in order, held, decided, projected or
    /// cancelled, with special editions in date order among them.
    ///
    /// The iterator is unbounded for a mechanism with a cadence until dates leave the
    /// supported years (it then ends quietly), and practically unbounded without one (later
    /// editions have no date): take what you need. To start at a date, skip the editions
    /// definitely before it:
    ///
    /// ```
    /// use summitry::{Dataset, PartialDate};
    ///
    /// let ds = Dataset::bundled();
    /// let from: PartialDate = "2030".parse()?;
    /// let editions: Vec<_> = ds
    ///     .schedule("china-central-asia")?
    ///     .skip_while(|e| e.date.is_some_and(|d| d.is_definitely_before(&from)))
    ///     .take(5)
    ///     .collect();
    /// assert_eq!(editions[0].date.map(|d| d.year()), Some(2031));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// See [`ScheduleIter`] for how each field is decided.
    ///
    /// # Errors
    ///
    /// When no mechanism has this id (with a suggestion when one is close).
    pub fn schedule(&self, mechanism: impl AsRef<str>) -> Result<ScheduleIter<'_>, Error> {
        let mechanism = mechanism.as_ref();
        let m = self.mechanism_or_error(mechanism)?;
        Ok(ScheduleIter::new(self, m))
    }

    /// The next edition after `after`, answered from [`Dataset::schedule`].
    ///
    /// It is the first edition in schedule order that:
    /// - is not cancelled;
    /// - if held, has a date definitely after `after` (editions held on or during `after`
    ///   are skipped);
    /// - otherwise has a date that is not definitely before the first day of `after` (a
    ///   decided `2025` is still next when asked after `2025-06-17`);
    /// - or, when undated, is not followed by an edition dated definitely before `after`
    ///   (editions keep their order, so an undated edition sits after the last dated one
    ///   before it).
    ///
    /// For a schedule of terms, it is the first term (not cancelled) that starts after the
    /// last day of `after`; [`Dataset::holder_on`] gives the term that contains a date.
    ///
    /// Returns `None` when the schedule ends (dates beyond the supported years) first.
    ///
    /// # Errors
    ///
    /// When no mechanism has this id.
    ///
    /// ```
    /// use summitry::{Dataset, Day, EditionStatus};
    ///
    /// let ds = Dataset::bundled();
    /// let next = ds.next_edition("china-central-asia", Day::new(2026, 1, 1)?.into())?.ok_or("none")?;
    /// assert_eq!(next.to_string(), "2027  China  projected");
    /// assert_eq!(next.status, EditionStatus::Projected);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_edition(
        &self,
        mechanism: impl AsRef<str>,
        after: PartialDate,
    ) -> Result<Option<ProjectedEdition>, Error> {
        let mechanism = mechanism.as_ref();
        let iter = self.schedule(mechanism)?;
        Ok(projection::next_after(iter, &after))
    }

    /// Who holds a mechanism on a date: the edition in force on `on`.
    ///
    /// - For a schedule of **terms**, the term that contains `on` (with its host or
    ///   candidates and status); `on` may be a day, a month or any date within one term.
    /// - For **meetings**, the latest numbered edition (not cancelled) whose date starts on
    ///   or before the first day of `on`: the host of the last summit chairs until the next.
    ///   An edition known only to a year or a month counts from its first day, so asked
    ///   during a projected `2027` it is that edition, which may not have taken place yet
    ///   (its status says so).
    ///
    /// Returns `None` before the first edition, or when no dated edition is known.
    ///
    /// # Errors
    ///
    /// When no mechanism has this id, or, for terms, when `on` spans more than one term.
    pub fn holder_on(
        &self,
        mechanism: &str,
        on: PartialDate,
    ) -> Result<Option<ProjectedEdition>, Error> {
        let iter = self.schedule(mechanism)?;
        let terms = iter.kind() == crate::ScheduleKind::Terms;
        let mut best = None;
        let mut undated = 0;
        for e in iter {
            if e.ordinal.is_none() {
                continue;
            }
            let Some(d) = e.date else {
                // Without a cadence, editions beyond the records are undated.
                undated += 1;
                if undated > 1000 {
                    break;
                }
                continue;
            };
            undated = 0;
            if terms {
                if d.first_day() > on.last_day() {
                    break;
                }
                if d.last_day() < on.first_day() {
                    continue;
                }
                if d.first_day() <= on.first_day() && on.last_day() <= d.last_day() {
                    return Ok(Some(e));
                }
                return Err(Error::invalid(format!(
                    "{on} spans more than one term of `{mechanism}`: ask for a day or a date within one term"
                )));
            }
            if d.first_day() > on.first_day() {
                break;
            }
            if e.status != EditionStatus::Cancelled {
                best = Some(e);
            }
        }
        Ok(best)
    }

    /// Every decision of a mechanism's schedule, in data order, compared with what
    /// happened: kept, moved (host or date), cancelled, or pending.
    ///
    /// A decided date is kept when the held date overlaps it ([`PartialDate::relation`]):
    /// a decided `2025` is kept by a summit on `2025-06-17`. A decided host is kept unless
    /// the summit record names another host. Reported decisions are reconciled too; their
    /// confidence is in [`Reconciliation::decision`].
    ///
    /// # Errors
    ///
    /// When no mechanism has this id.
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let r = ds.reconcile("china-central-asia")?;
    /// assert_eq!(r.len(), 1); // the Xi'an decision: Kazakhstan in 2025
    /// assert_eq!(r[0].summit.as_ref().map(|s| s.as_str()), Some("cca-2025-astana"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reconcile(&self, mechanism: impl AsRef<str>) -> Result<Vec<Reconciliation>, Error> {
        let mechanism = mechanism.as_ref();
        let m = self.mechanism_or_error(mechanism)?;
        Ok(reconcile::reconcile(self, m))
    }
}
