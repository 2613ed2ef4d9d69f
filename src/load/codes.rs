//! Diagnostic codes: every problem the loader reports carries one, as rustc's errors do
//! (`error[S0103]: unknown key ...`), and `summitry explain CODE` prints its entry here.
//!
//! Codes are stable: a code once given keeps its meaning, and a retired code is never
//! reused. They are grouped by hundreds: `S00xx` files and syntax, `S01xx` tables and keys,
//! `S02xx` values, `S03xx` keys that go together, `S04xx` ids and references, `S05xx`
//! checks across records.

use std::fmt;

/// The code of a load diagnostic: what kind of problem it is, stable across versions.
///
/// Its [`Display`](fmt::Display) is the code (`S0103`); [`Code::explanation`] says what it
/// means and [`Code::example`] is a minimal data file that triggers it.
///
/// ```
/// use summitry::{Code, Loader};
///
/// let err = Loader::new()
///     .text("a.toml", "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan\"\ncapital = \"Astana\"\n")
///     .load()
///     .unwrap_err();
/// assert_eq!(err.diagnostics()[0].code(), Code::UnknownKey);
/// assert_eq!(Code::UnknownKey.to_string(), "S0103");
/// assert_eq!("S0103".parse::<Code>(), Ok(Code::UnknownKey));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Code {
    /// S0001: a file or directory cannot be read.
    Unreadable = 1,
    /// S0002: a file is larger than `Limits::max_file_bytes`.
    FileTooLarge = 2,
    /// S0003: a dataset spans more files than `Limits::max_files`.
    TooManyFiles = 3,
    /// S0004: a symbolic link inside a data directory.
    SymbolicLink = 4,
    /// S0005: a file is not UTF-8.
    NotUtf8 = 5,
    /// S0006: a file is not valid TOML.
    TomlSyntax = 6,
    /// S0007: tables and arrays nest deeper than `Limits::max_depth`.
    TooDeep = 7,
    /// S0008: the loader itself failed (a bug to report).
    Internal = 8,
    /// S0009: more problems in one file than are shown (the rest are counted).
    TooManyProblems = 9,
    /// S0101: a top-level table that is no kind of record.
    UnknownTable = 101,
    /// S0102: a kind of record written as something other than an array of tables.
    NotArrayOfTables = 102,
    /// S0103: a key the table does not have.
    UnknownKey = 103,
    /// S0104: a key of another variant of the table (`host` on a `skip` exception).
    KeyOfOtherVariant = 104,
    /// S0105: a required key is missing.
    MissingKey = 105,
    /// S0106: a value of the wrong type.
    WrongType = 106,
    /// S0201: an empty or blank text.
    EmptyText = 201,
    /// S0202: an integer too large for 64 bits.
    IntegerTooLarge = 202,
    /// S0203: a number that is not finite.
    NotFinite = 203,
    /// S0204: an invalid date.
    InvalidDate = 204,
    /// S0205: an invalid language tag.
    InvalidLang = 205,
    /// S0206: a word outside a closed vocabulary.
    UnknownWord = 206,
    /// S0207: an id with invalid characters.
    InvalidId = 207,
    /// S0208: a state whose id is not an ISO 3166-1 alpha-2 code.
    StateNotAlpha2 = 208,
    /// S0209: an edition number out of range.
    EditionOutOfRange = 209,
    /// S0210: a score other than -1, 0 or 1.
    ScoreOutOfRange = 210,
    /// S0211: an invalid period.
    InvalidPeriod = 211,
    /// S0212: a currency that is not an ISO 4217 code.
    InvalidCurrency = 212,
    /// S0213: an empty list where one item at least is needed.
    EmptyList = 213,
    /// S0214: a fact that cites no source.
    NoSources = 214,
    /// S0215: two dates of one record in the wrong order.
    DatesOutOfOrder = 215,
    /// S0216: an address that is not a plain `http` or `https` one.
    InvalidUrl = 216,
    /// S0217: an amount that is negative or has more digits than an amount keeps.
    InvalidAmount = 217,
    /// S0218: a control character in a string.
    ControlCharacter = 218,
    /// S0219: two texts in one language (tags differ only in case).
    DuplicateLanguage = 219,
    /// S0220: a score written as a string other than `"n/a"`.
    NotAScore = 220,
    /// S0301: a table that needs one key of a set and has none.
    NoneOfKeys = 301,
    /// S0302: a schedule with `first` but no `every`.
    FirstWithoutEvery = 302,
    /// S0303: a host rule that names no rule, or several.
    HostRuleCount = 303,
    /// S0304: an `alternate` host rule with fewer than two sides.
    AlternateTooFew = 304,
    /// S0305: `alternate` host rules nested too deep.
    AlternateTooDeep = 305,
    /// S0306: a score of `"n/a"` with a completion status.
    NotApplicableWithStatus = 306,
    /// S0307: two keys that exclude each other.
    ExclusiveKeys = 307,
    /// S0401: two records of one kind with one id.
    DuplicateId = 401,
    /// S0402: a reference to an id that no record of that kind has.
    UnknownReference = 402,
    /// S0403: two summit records for one numbered edition.
    DuplicateEdition = 403,
    /// S0501: a document whose mechanism is not its summit's.
    DocumentMechanism = 501,
    /// S0502: a host or participant that is not a member on the date.
    NotAMember = 502,
    /// S0503: a member without a name in the language its host rule orders by.
    MissingRuleName = 503,
    /// S0504: an exception that swaps an edition with itself.
    SwapWithItself = 504,
    /// S0505: an obligor that is not a signatory of the document.
    ObligorNotSignatory = 505,
    /// S0506: an assessment of a party that the commitment does not bind.
    AssessedNotObligor = 506,
    /// S0507: a cycle of `parent` or `supersedes` links.
    Cycle = 507,
    /// S0508: a decision or exception for a mechanism without a schedule.
    NoSchedule = 508,
    /// S0509: a `start` holder that takes no turn in its rule.
    StartNotInRule = 509,
    /// S0510: decisions, exceptions or changes that contradict each other.
    Contradiction = 510,
    /// S0511: a date that does not fit a schedule of terms.
    NotATerm = 511,
    /// S0512: an edition named by a date that names no edition, or several.
    EditionDateUnmatched = 512,
}

/// The registry: a section per code, `## S0103 title`, a paragraph, and the example in a
/// fenced block (prose, kept apart from the code so that it reads as documentation).
const REGISTRY: &str = include_str!("codes.md");

/// One entry of the registry.
struct Entry {
    number: u16,
    title: &'static str,
    explanation: &'static str,
    example: &'static str,
}

/// The registry's entries, read once.
fn entries() -> &'static [Entry] {
    static ENTRIES: std::sync::OnceLock<Vec<Entry>> = std::sync::OnceLock::new();
    ENTRIES.get_or_init(|| {
        REGISTRY
            .split("\n## ")
            .filter_map(|section| {
                let section = section.strip_prefix("## ").unwrap_or(section);
                let (head, rest) = section.split_once('\n')?;
                let (code, title) = head.split_once(' ')?;
                let number = code.strip_prefix('S')?.parse().ok()?;
                let (explanation, example) = match rest.split_once("```\n") {
                    Some((text, fenced)) => (text, fenced.split("```").next().unwrap_or("")),
                    None => (rest, ""),
                };
                Some(Entry {
                    number,
                    title,
                    explanation: explanation.trim(),
                    example,
                })
            })
            .collect()
    })
}

impl Code {
    /// Every code, in order.
    pub const ALL: &'static [Code] = &[
        Code::Unreadable,
        Code::FileTooLarge,
        Code::TooManyFiles,
        Code::SymbolicLink,
        Code::NotUtf8,
        Code::TomlSyntax,
        Code::TooDeep,
        Code::Internal,
        Code::TooManyProblems,
        Code::UnknownTable,
        Code::NotArrayOfTables,
        Code::UnknownKey,
        Code::KeyOfOtherVariant,
        Code::MissingKey,
        Code::WrongType,
        Code::EmptyText,
        Code::IntegerTooLarge,
        Code::NotFinite,
        Code::InvalidDate,
        Code::InvalidLang,
        Code::UnknownWord,
        Code::InvalidId,
        Code::StateNotAlpha2,
        Code::EditionOutOfRange,
        Code::ScoreOutOfRange,
        Code::InvalidPeriod,
        Code::InvalidCurrency,
        Code::EmptyList,
        Code::NoSources,
        Code::DatesOutOfOrder,
        Code::InvalidUrl,
        Code::InvalidAmount,
        Code::ControlCharacter,
        Code::DuplicateLanguage,
        Code::NotAScore,
        Code::NoneOfKeys,
        Code::FirstWithoutEvery,
        Code::HostRuleCount,
        Code::AlternateTooFew,
        Code::AlternateTooDeep,
        Code::NotApplicableWithStatus,
        Code::ExclusiveKeys,
        Code::DuplicateId,
        Code::UnknownReference,
        Code::DuplicateEdition,
        Code::DocumentMechanism,
        Code::NotAMember,
        Code::MissingRuleName,
        Code::SwapWithItself,
        Code::ObligorNotSignatory,
        Code::AssessedNotObligor,
        Code::Cycle,
        Code::NoSchedule,
        Code::StartNotInRule,
        Code::Contradiction,
        Code::NotATerm,
        Code::EditionDateUnmatched,
    ];

    fn entry(self) -> Option<&'static Entry> {
        entries().iter().find(|e| e.number == self as u16)
    }

    /// What the problem is, in a few words: "a key the table does not have".
    pub fn title(self) -> &'static str {
        self.entry().map_or("", |e| e.title)
    }

    /// A paragraph on what the problem is and how to fix it.
    pub fn explanation(self) -> &'static str {
        self.entry().map_or("", |e| e.explanation)
    }

    /// A minimal data file that triggers the problem (for the few codes about files rather
    /// than their text, a command or the file as described in the explanation; empty for
    /// [`Code::Internal`], which no data triggers).
    pub fn example(self) -> &'static str {
        self.entry().map_or("", |e| e.example)
    }
}

impl fmt::Display for Code {
    /// The code as written in diagnostics: `S0103`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "S{:04}", *self as u16)
    }
}

/// A string that is no diagnostic code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown diagnostic code `{0}`: run `summitry explain` for the list")]
pub struct UnknownCode(String);

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    /// Reads a code, in any case (`S0103`, `s0103`).
    fn from_str(s: &str) -> Result<Code, UnknownCode> {
        let number = s
            .strip_prefix(['S', 's'])
            .filter(|n| n.len() == 4)
            .and_then(|n| n.parse::<u16>().ok());
        Code::ALL
            .iter()
            .copied()
            .find(|c| Some(*c as u16) == number)
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_entry_in_order() {
        let numbers: Vec<u16> = entries().iter().map(|e| e.number).collect();
        let codes: Vec<u16> = Code::ALL.iter().map(|c| *c as u16).collect();
        assert_eq!(
            numbers, codes,
            "codes.md has one section per code, in order"
        );
        for c in Code::ALL {
            assert!(!c.title().is_empty() && !c.explanation().is_empty(), "{c}");
            assert!(!c.explanation().contains('\n'), "{c}: one paragraph");
        }
        // Codes are stable: a few pinned.
        assert_eq!(Code::UnknownKey.to_string(), "S0103");
        assert_eq!(Code::KeyOfOtherVariant.to_string(), "S0104");
        assert_eq!(Code::Cycle.to_string(), "S0507");
    }

    #[test]
    fn parses_in_any_case() {
        assert_eq!("s0402".parse::<Code>(), Ok(Code::UnknownReference));
        assert_eq!(
            "E0402".parse::<Code>().map_err(|e| e.to_string()),
            Err("unknown diagnostic code `E0402`: run `summitry explain` for the list".into())
        );
        assert!("S04020".parse::<Code>().is_err());
    }
}
