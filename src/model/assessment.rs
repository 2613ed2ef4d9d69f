//! Assessments: the state of one commitment for one party at one time.

use super::{CommitmentId, PartialDate, PartyId, SourceId};
use std::fmt;
use std::sync::Arc;

/// A compliance score on the G20 Research Group scale.
///
/// ```
/// use summitry::Score;
///
/// assert_eq!(Score::new(1)?, Score::FULL);
/// assert_eq!(Score::FULL.to_string(), "+1");
/// assert!(Score::new(2).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Score(i8);

impl Score {
    /// No compliance, or action against the commitment.
    pub const NONE: Score = Score(-1);
    /// Partial compliance or work in progress.
    pub const PARTIAL: Score = Score(0);
    /// Full compliance.
    pub const FULL: Score = Score(1);

    /// Makes a score from -1, 0 or +1.
    ///
    /// # Errors
    ///
    /// When the value is anything else.
    pub fn new(value: i64) -> Result<Score, String> {
        match value {
            -1..=1 => Ok(Score(value as i8)),
            _ => Err(format!(
                "score {value} is out of range: use -1 (no compliance), 0 (partial) or 1 (full)"
            )),
        }
    }

    /// The value: -1, 0 or 1.
    pub fn value(self) -> i8 {
        self.0
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 0 {
            write!(f, "+{}", self.0)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

impl serde::Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i8(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Score {
    /// Reads -1, 0 or 1.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = <i64 as serde::Deserialize>::deserialize(d)?;
        Score::new(v).map_err(serde::de::Error::custom)
    }
}

/// What an assessment says of a pair (commitment, party): a score, or not applicable.
///
/// Not applicable (`score = "n/a"` in data files) is for a party that signed the document
/// but is not bound by this commitment (for example one binding only the parties to
/// another agreement). It is distinct from "not an obligor" (the pair does not exist), from
/// "not assessed" (no mark yet) and from every score: scorecards count it apart, in neither
/// numerator nor denominator.
///
/// ```
/// use summitry::{Mark, Score};
///
/// assert_eq!(Mark::Score(Score::FULL).to_string(), "+1");
/// assert_eq!(Mark::NotApplicable.to_string(), "n/a");
/// assert_eq!(serde_json::to_string(&Mark::NotApplicable)?, r#""n/a""#);
/// assert_eq!(serde_json::from_str::<Mark>("-1")?, Mark::Score(Score::NONE));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mark {
    /// A compliance score.
    Score(Score),
    /// The commitment does not apply to the party.
    NotApplicable,
}

impl Mark {
    /// The score, unless not applicable.
    pub fn score(self) -> Option<Score> {
        match self {
            Mark::Score(s) => Some(s),
            Mark::NotApplicable => None,
        }
    }
}

impl fmt::Display for Mark {
    /// `+1`, `0`, `-1` or `n/a`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mark::Score(s) => s.fmt(f),
            Mark::NotApplicable => f.write_str(NOT_APPLICABLE),
        }
    }
}

/// How data files and outputs write "not applicable".
pub const NOT_APPLICABLE: &str = "n/a";

impl serde::Serialize for Mark {
    /// A score as its number (`1`, `0`, `-1`), not applicable as `"n/a"`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Mark::Score(score) => serde::Serialize::serialize(score, s),
            Mark::NotApplicable => s.serialize_str(NOT_APPLICABLE),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Mark {
    /// Reads -1, 0 or 1, or `"n/a"`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(v) => Score::new(v)
                .map(Mark::Score)
                .map_err(serde::de::Error::custom),
            Raw::Text(t) if t == NOT_APPLICABLE => Ok(Mark::NotApplicable),
            Raw::Text(t) => Err(serde::de::Error::custom(format!(
                "`{t}` is not a mark: use -1, 0, 1 or \"n/a\""
            ))),
        }
    }
}

/// How far a commitment has been carried out (the Open Government Partnership's levels).
///
/// `Unknown` means nobody could tell; it is not the same as `NotStarted`.
///
/// ```
/// use summitry::Completion;
///
/// let c: Completion = "not-started".parse()?;
/// assert_eq!(c, Completion::NotStarted);
/// assert_eq!(c.to_string(), "not-started");
/// assert!("started".parse::<Completion>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Completion {
    /// The evidence does not tell.
    Unknown,
    /// Nothing has been done.
    NotStarted,
    /// Some first steps.
    Limited,
    /// Well under way.
    Substantial,
    /// Done.
    Complete,
}

impl Completion {
    /// Every level.
    pub const ALL: [Completion; 5] = [
        Completion::Unknown,
        Completion::NotStarted,
        Completion::Limited,
        Completion::Substantial,
        Completion::Complete,
    ];

    /// The word used in data files.
    pub fn as_str(self) -> &'static str {
        match self {
            Completion::Unknown => "unknown",
            Completion::NotStarted => "not-started",
            Completion::Limited => "limited",
            Completion::Substantial => "substantial",
            Completion::Complete => "complete",
        }
    }
}

/// The state of one commitment for one party, as assessed by one rater at one time.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let a = ds.current_assessment("xian-heads-of-state-mechanism", "kz")?.ok_or("none")?;
/// assert_eq!(a.status, Some(summitry::Completion::Complete));
/// assert_eq!(a.rater(), "summitry-maintainers");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Assessment {
    /// The commitment assessed.
    pub commitment: CommitmentId,
    /// The party assessed: one of the commitment's obligors.
    pub party: PartyId,
    /// The compliance score, if scored (`None` when not applicable: see
    /// [`not_applicable`](Self::not_applicable)).
    pub score: Option<Score>,
    /// Recorded as not applicable (`score = "n/a"`): the party is not bound by this
    /// commitment although it signed the document. `score` is then `None`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// The completion level, if rated.
    pub status: Option<Completion>,
    /// Who assessed it (one string shared by every assessment of the rater in a load).
    pub(crate) rater: Arc<str>,
    /// The date the assessment describes.
    pub as_of: PartialDate,
    /// When it was recorded or published.
    pub recorded: PartialDate,
    /// The evidence (one list shared by the assessments and commitments of a load that cite
    /// the same sources).
    pub(crate) evidence: Arc<[SourceId]>,
    /// A remark for readers.
    pub(crate) note: Option<Box<str>>,
}

impl Assessment {
    /// Who assessed it.
    pub fn rater(&self) -> &str {
        &self.rater
    }

    /// The evidence.
    pub fn evidence(&self) -> &[SourceId] {
        &self.evidence
    }

    /// A remark for readers.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// What the assessment says of the pair: its score, not applicable, or `None` when it
    /// only rates a completion status.
    pub fn mark(&self) -> Option<Mark> {
        if self.not_applicable {
            Some(Mark::NotApplicable)
        } else {
            self.score.map(Mark::Score)
        }
    }
}

crate::model::vocabulary!(Completion, "completion");

impl fmt::Display for Assessment {
    /// The party, the commitment, then the score and completion known, the as-of date and
    /// the rater: `kz on xian-scholarships: +1, complete, as of 2025-06 (g20rg)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on {}:", self.party, self.commitment)?;
        match (self.score, self.status) {
            (Some(s), Some(c)) => write!(f, " {s}, {c}")?,
            (Some(s), None) => write!(f, " {s}")?,
            (None, Some(c)) => write!(f, " {c}")?,
            (None, None) => f.write_str(" not rated")?,
        }
        write!(f, ", as of {} ({})", self.as_of, self.rater)
    }
}
