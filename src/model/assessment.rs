//! Assessments: the state of one commitment for one party at one time.

use super::{CommitmentId, PartialDate, PartyId, SourceId};
use std::fmt;
use std::sync::Arc;

/// A compliance score on the G20 Research Group scale.
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

/// What an assessment says of a pair (commitment, party): a score, or not applicable.
///
/// Not applicable (`score = "n/a"` in data files) is for a party that signed the document
/// but is not bound by this commitment (for example one binding only the parties to
/// another agreement). It is distinct from "not an obligor" (the pair does not exist), from
/// "not assessed" (no mark yet) and from every score: scorecards count it apart, in neither
/// numerator nor denominator.
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

/// How far a commitment has been carried out (the Open Government Partnership's levels).
///
/// `Unknown` means nobody could tell; it is not the same as `NotStarted`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
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

impl std::str::FromStr for Completion {
    type Err = crate::Error;

    /// Parses the word used in data files (any case).
    fn from_str(s: &str) -> Result<Self, crate::Error> {
        Completion::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                crate::Error::unknown(
                    "completion status",
                    s,
                    crate::error::did_you_mean(s, Completion::ALL.iter().map(|v| v.as_str())),
                )
            })
    }
}

/// The state of one commitment for one party, as assessed by one rater at one time.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
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
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// The completion level, if rated.
    pub status: Option<Completion>,
    /// Who assessed it (one string shared by every assessment of the rater in a load).
    #[serde(serialize_with = "shared_str")]
    pub rater: Arc<str>,
    /// The date the assessment describes.
    pub as_of: PartialDate,
    /// When it was recorded or published.
    pub recorded: PartialDate,
    /// The evidence (one list shared by the assessments and commitments of a load that cite
    /// the same sources).
    #[serde(serialize_with = "slice")]
    pub evidence: Arc<[SourceId]>,
    /// A remark for readers.
    pub note: Option<Box<str>>,
}

impl Assessment {
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

fn slice<S: serde::Serializer>(v: &Arc<[SourceId]>, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&**v, s)
}

fn shared_str<S: serde::Serializer>(v: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v)
}
