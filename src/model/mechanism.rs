//! Mechanisms: recurring formats, their members, secretariat and schedule data.

use super::{DocumentId, Labels, LangTag, MechanismId, PartialDate, PartyId, SourceId};
use std::fmt;

/// The level at which a mechanism meets.
///
/// ```
/// use summitry::Level;
///
/// assert_eq!("heads-of-state".parse::<Level>()?, Level::HeadsOfState);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Level {
    /// Heads of state or government.
    HeadsOfState,
    /// Ministers.
    Ministerial,
    /// Officials, experts or anything else.
    Other,
}

impl Level {
    /// Every Level value, in the order of the vocabulary.
    pub const ALL: [Level; 3] = [Level::HeadsOfState, Level::Ministerial, Level::Other];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::HeadsOfState => "heads-of-state",
            Level::Ministerial => "ministerial",
            Level::Other => "other",
        }
    }
}

/// A recurring format: a summit series, a ministerial, a chairmanship.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let m = ds.mechanism("china-central-asia").ok_or("none")?;
/// assert_eq!(m.to_string(), "China–Central Asia Summit");
/// assert_eq!(m.name_in("zh"), Some("中国—中亚峰会"));
/// assert!(m.is_member("kz", &"2025".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Mechanism {
    /// The id.
    pub id: MechanismId,
    /// The name in each language.
    pub name: Labels,
    /// Who meets.
    pub level: Level,
    /// Members with the dates they joined and left.
    pub members: Vec<Membership>,
    /// When the mechanism was formally established, if known.
    pub established: Option<PartialDate>,
    /// Its permanent secretariat, if any.
    pub secretariat: Option<Secretariat>,
    /// How its meetings are scheduled; `None` when nothing is known.
    pub schedule: Option<Schedule>,
    /// Sources for the mechanism's existence, membership and establishment.
    pub sources: Vec<SourceId>,
    /// A remark for readers.
    pub note: Option<String>,
}

impl Mechanism {
    /// Whether `party` is a member on `date`, under the semantics of
    /// [`Membership::covers`].
    pub fn is_member(&self, party: impl AsRef<str>, date: &PartialDate) -> bool {
        let party = party.as_ref();
        self.members
            .iter()
            .any(|m| m.party.as_str() == party && m.covers(date))
    }

    /// The members on `date`, in the order listed in the data.
    pub fn members_on<'a>(
        &'a self,
        date: &'a PartialDate,
    ) -> impl Iterator<Item = &'a PartyId> + 'a {
        self.members
            .iter()
            .filter(move |m| m.covers(date))
            .map(|m| &m.party)
    }
}

/// A party's membership of a mechanism.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let m = ds.mechanism("china-central-asia").ok_or("none")?;
/// let day: summitry::PartialDate = "2025-06-17".parse()?;
/// assert!(m.members.iter().all(|x| x.covers(&day)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Membership {
    /// The member.
    pub party: PartyId,
    /// When it joined; `None` for a founding member.
    pub since: Option<PartialDate>,
    /// The last date it was a member; `None` while it still is.
    pub until: Option<PartialDate>,
}

impl Membership {
    /// Whether this membership covers `date`: the date starts on or after the first day of
    /// `since` and on or before the last day of `until`. A date known only to the year counts
    /// from its first day, so a member who joins in June of a year does not cover a summit
    /// known only as "that year" unless `since` is that year or earlier.
    pub fn covers(&self, date: &PartialDate) -> bool {
        let after_start = self.since.is_none_or(|s| s.first() <= date.first());
        let before_end = self.until.is_none_or(|u| date.first() <= u.last());
        after_start && before_end
    }
}

/// A mechanism's permanent secretariat.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let m = ds.mechanism("china-central-asia").ok_or("none")?;
/// let s = m.secretariat.as_ref().ok_or("no secretariat")?;
/// assert_eq!(s.seat.en(), "Xi'an");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Secretariat {
    /// The city where it sits, in each language.
    pub seat: Labels,
    /// When it started work.
    pub established: Option<PartialDate>,
    /// Sources for these facts.
    pub sources: Vec<SourceId>,
}

/// The unit of a [`Period`].
///
/// ```
/// use summitry::{Period, PeriodUnit};
///
/// assert_eq!("6m".parse::<Period>()?.unit, PeriodUnit::Months);
/// assert_eq!(PeriodUnit::Years.to_string(), "years");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodUnit {
    /// Calendar years.
    Years,
    /// Calendar months.
    Months,
}

impl PeriodUnit {
    /// Every PeriodUnit value, in the order of the vocabulary.
    pub const ALL: [PeriodUnit; 2] = [PeriodUnit::Years, PeriodUnit::Months];

    /// The word used in data files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Years => "years",
            PeriodUnit::Months => "months",
        }
    }
}

/// A cadence period: every N years or N months, written `2y` or `6m` in data files.
///
/// Periods compare by their length in months, so `24m` equals `2y`.
///
/// ```
/// use summitry::Period;
///
/// let two_years: Period = "2y".parse()?;
/// assert_eq!(two_years, "24m".parse()?);
/// assert_eq!(two_years.to_string(), "2y");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// Years or months.
    pub unit: PeriodUnit,
}

impl Period {
    /// The length in months.
    pub fn months(&self) -> i64 {
        match self.unit {
            PeriodUnit::Years => i64::from(self.count) * 12,
            PeriodUnit::Months => i64::from(self.count),
        }
    }
}

impl PartialEq for Period {
    fn eq(&self, other: &Self) -> bool {
        self.months() == other.months()
    }
}

impl Eq for Period {}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            PeriodUnit::Years => write!(f, "{}y", self.count),
            PeriodUnit::Months => write!(f, "{}m", self.count),
        }
    }
}

impl std::str::FromStr for Period {
    type Err = String;

    /// Parses `2y`, `1y`, `6m`: a count from 1 to 1200 and a unit.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a period: write a count and a unit, like `2y` or `6m`");
        // Strip the unit as a character: splitting at a byte offset would panic on
        // multibyte text (found by fuzzing: `every = "...举行。"`).
        let (num, unit) = if let Some(num) = s.strip_suffix('y') {
            (num, PeriodUnit::Years)
        } else if let Some(num) = s.strip_suffix('m') {
            (num, PeriodUnit::Months)
        } else {
            return Err(bad());
        };
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let count: u32 = num.parse().map_err(|_| bad())?;
        if count == 0 || count > 1200 {
            return Err(format!("`{s}`: the count must be from 1 to 1200"));
        }
        Ok(Period { count, unit })
    }
}

/// What the editions of a schedule are: meetings or calendar terms.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ScheduleKind {
    /// Meetings (summits): each edition is due one period after the edition before it as
    /// it actually took place or was decided, so a slip moves the editions after it.
    #[default]
    Meetings,
    /// Calendar terms (chairmanships, presidencies): edition `k` is the `k`-th term of the
    /// cadence, with a first and a last day; terms never drift.
    Terms,
}

impl ScheduleKind {
    /// The word used in data files: `meetings` or `terms`.
    pub fn as_str(self) -> &'static str {
        match self {
            ScheduleKind::Meetings => "meetings",
            ScheduleKind::Terms => "terms",
        }
    }
}

/// How a mechanism schedules its meetings: cadence, host rule, decisions and exceptions.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let m = ds.mechanism("china-central-asia").ok_or("none")?;
/// let s = m.schedule.as_ref().ok_or("no schedule")?;
/// assert_eq!(s.decisions[0].edition, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Schedule {
    /// Meetings (the default) or terms.
    pub kind: ScheduleKind,
    /// How often it meets; `None` when irregular.
    pub cadence: Option<Cadence>,
    /// Who hosts each edition.
    pub hosts: HostRule,
    /// The last date the host rule covers (`until` in the `hosts` table): editions whose
    /// date starts after its last day have no rule, and list the members as candidates.
    pub hosts_until: Option<PartialDate>,
    /// Whether a held edition with no host (an online summit) uses up a turn of the host
    /// rule (`hostless-uses-turn`, default `false`: the next edition takes the turn).
    pub hostless_uses_turn: bool,
    /// The sources that state the rule.
    pub sources: Vec<SourceId>,
    /// Editions decided by a document.
    pub decisions: Vec<Decision>,
    /// Departures from the rule.
    pub exceptions: Vec<Exception>,
    /// A remark for readers.
    pub note: Option<String>,
}

/// How often a mechanism meets, anchored at one edition.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let m = ds.mechanism("china-central-asia").ok_or("none")?;
/// let c = m.schedule.as_ref().and_then(|s| s.cadence.as_ref()).ok_or("no cadence")?;
/// assert_eq!(c.every.to_string(), "2y");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Cadence {
    /// The period between editions.
    pub every: Period,
    /// The date of the anchor edition.
    pub first: PartialDate,
    /// The ordinal of the anchor edition (usually 1).
    pub first_edition: u32,
    /// Changes of period from a date on, in date order.
    pub changes: Vec<CadenceChange>,
}

/// A change of cadence: from `from` on, editions come every `every`, the first of them at
/// `from`.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let changes: usize = ds.mechanisms().iter()
///     .filter_map(|m| m.schedule.as_ref()?.cadence.as_ref())
///     .map(|c| c.changes.len())
///     .sum();
/// assert_eq!(changes, 0); // no bundled mechanism changed its cadence
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct CadenceChange {
    /// The date of the first edition under the new period.
    pub from: PartialDate,
    /// The new period.
    pub every: Period,
    /// Sources for the change.
    pub sources: Vec<SourceId>,
}

/// Who hosts: a composable rule, written as data.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let m = ds.mechanism("china-central-asia").ok_or("none")?;
/// assert!(matches!(m.schedule.as_ref().map(|s| &s.hosts), Some(summitry::HostRule::Alternate(_))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum HostRule {
    /// Agreed each time: no rule decides the host.
    None,
    /// Always the same party.
    Fixed(PartyId),
    /// A cycle over an explicit list of positions: a party may appear more than once, and
    /// holds a turn at each of its positions.
    Ordered {
        /// The positions, in hosting order.
        list: Vec<PartyId>,
        /// The holder of the rule's first turn (it appears once in `list`); `None`: the
        /// first position.
        start: Option<PartyId>,
    },
    /// The mechanism's members at the time of each turn, ordered by their names in `lang`
    /// with that language's collation.
    Alphabetical {
        /// The language whose names and collation order the members.
        lang: LangTag,
        /// Only these parties take part (when they are members), if given.
        among: Option<Vec<PartyId>>,
        /// These parties never take part.
        except: Vec<PartyId>,
        /// The holder of the rule's first turn; `None`: the first name in order.
        start: Option<PartyId>,
    },
    /// Sides take turns; each side keeps its own rotation.
    Alternate(Vec<HostRule>),
}

/// How sure a claim is.
///
/// ```
/// use summitry::Confidence;
///
/// assert_eq!("reported".parse::<Confidence>()?, Confidence::Reported);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Confidence {
    /// Stated by an official text or several independent sources.
    Confirmed,
    /// Reported by a single secondary source: shown, but not treated as settled.
    Reported,
}

impl Confidence {
    /// Every Confidence value, in the order of the vocabulary.
    pub const ALL: [Confidence; 2] = [Confidence::Confirmed, Confidence::Reported];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Confirmed => "confirmed",
            Confidence::Reported => "reported",
        }
    }
}

/// An edition decided by a document: its host, its date, or both.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let m = ds.mechanism("china-central-asia").ok_or("none")?;
/// let d = &m.schedule.as_ref().ok_or("no schedule")?.decisions[0];
/// assert_eq!((d.edition, d.host.as_ref().map(|h| h.as_str())), (2, Some("kz")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Decision {
    /// The ordinal of the edition decided (found from `edition_date` when the data names
    /// the edition by its date).
    pub edition: u32,
    /// The date by which the data names the edition (`edition-date`), if it does.
    pub edition_date: Option<PartialDate>,
    /// When the decision was taken (`decided`); without it, its earliest source's date
    /// orders it among other decisions on the same edition.
    pub decided: Option<PartialDate>,
    /// The date decided, if any.
    pub date: Option<PartialDate>,
    /// The host decided, if any.
    pub host: Option<PartyId>,
    /// The document that records the decision, if it is in the dataset.
    pub document: Option<DocumentId>,
    /// How sure the decision is; a `reported` decision does not make an edition `decided`.
    pub confidence: Confidence,
    /// Sources for the decision.
    pub sources: Vec<SourceId>,
    /// A remark for readers.
    pub note: Option<String>,
}

/// A departure from the schedule rule for one edition.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let exceptions: usize = ds.mechanisms().iter()
///     .filter_map(|m| m.schedule.as_ref())
///     .map(|s| s.exceptions.len())
///     .sum();
/// assert_eq!(exceptions, 0); // the bundled schedules have no exceptions
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Exception {
    /// The edition concerned (found from `edition_date` when the data names the edition
    /// by its date).
    pub edition: u32,
    /// The date by which the data names the edition (`edition-date`), if it does.
    pub edition_date: Option<PartialDate>,
    /// When the exception was decided (`decided`); without it, its earliest source's date
    /// orders it among other exceptions of the same kind on the same edition.
    pub decided: Option<PartialDate>,
    /// What happens to it.
    pub kind: ExceptionKind,
    /// Sources for the exception.
    pub sources: Vec<SourceId>,
    /// A remark for readers.
    pub note: Option<String>,
}

/// What an [`Exception`] does.
///
/// ```
/// use summitry::ExceptionKind;
///
/// assert_eq!(ExceptionKind::Swap { with: 3 }.to_string(), "swap");
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ExceptionKind {
    /// The party whose turn it is gives it up; the turn passes to the next party and later
    /// turns move up by one.
    Skip,
    /// This edition and edition `with` exchange hosts; the rest stays.
    Swap {
        /// The other edition.
        with: u32,
    },
    /// Another party hosts this edition; the rotation continues as if the original holder
    /// had held it.
    Replace {
        /// Who hosts instead.
        host: PartyId,
    },
    /// The edition moves to another date; its ordinal stays.
    Postpone {
        /// The new date.
        date: PartialDate,
    },
    /// The edition does not take place; the turn is used up.
    Cancel,
}

impl ExceptionKind {
    /// The word used in data files.
    pub fn as_str(&self) -> &'static str {
        match self {
            ExceptionKind::Skip => "skip",
            ExceptionKind::Swap { .. } => "swap",
            ExceptionKind::Replace { .. } => "replace",
            ExceptionKind::Postpone { .. } => "postpone",
            ExceptionKind::Cancel => "cancel",
        }
    }
}

crate::model::vocabulary!(Level, "level");

crate::model::vocabulary!(Confidence, "confidence");

crate::model::vocabulary!(PeriodUnit, "period unit");

impl fmt::Display for Mechanism {
    /// The English name, or the id when the mechanism has no name at all. Names in other
    /// languages: [`Mechanism::name_in`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(super::party::labelled(&self.name, self.id.as_str()))
    }
}

impl Mechanism {
    /// The name in `lang`, with the fallback of [`Labels::get`]; `None` when it has no name.
    pub fn name_in(&self, lang: &str) -> Option<&str> {
        self.name.get(lang)
    }
}

impl fmt::Display for ExceptionKind {
    /// The word used in data files: `skip`, `swap`, `replace`, `postpone`, `cancel`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
