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
/// assert_eq!(Code::UnknownKey.as_str(), "S0103");
/// assert_eq!("S0103".parse::<Code>(), Ok(Code::UnknownKey));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Code {
    /// S0001: a file or directory cannot be read.
    Unreadable,
    /// S0002: a file is larger than `Limits::max_file_bytes`.
    FileTooLarge,
    /// S0003: a dataset spans more files than `Limits::max_files`.
    TooManyFiles,
    /// S0004: a symbolic link inside a data directory.
    SymbolicLink,
    /// S0005: a file is not UTF-8.
    NotUtf8,
    /// S0006: a file is not valid TOML.
    TomlSyntax,
    /// S0007: tables and arrays nest deeper than `Limits::max_depth`.
    TooDeep,
    /// S0008: the loader itself failed (a bug to report).
    Internal,
    /// S0101: a top-level table that is no kind of record.
    UnknownTable,
    /// S0102: a kind of record written as something other than an array of tables.
    NotArrayOfTables,
    /// S0103: a key the table does not have.
    UnknownKey,
    /// S0104: a key of another variant of the table (`host` on a `skip` exception).
    KeyOfOtherVariant,
    /// S0105: a required key is missing.
    MissingKey,
    /// S0106: a value of the wrong type.
    WrongType,
    /// S0201: an empty or blank text.
    EmptyText,
    /// S0202: an integer too large for 64 bits.
    IntegerTooLarge,
    /// S0203: a number that is not finite.
    NotFinite,
    /// S0204: an invalid date.
    InvalidDate,
    /// S0205: an invalid language tag.
    InvalidLang,
    /// S0206: a word outside a closed vocabulary.
    UnknownWord,
    /// S0207: an id with invalid characters.
    InvalidId,
    /// S0208: a state whose id is not an ISO 3166-1 alpha-2 code.
    StateNotAlpha2,
    /// S0209: an edition number out of range.
    EditionOutOfRange,
    /// S0210: a score other than -1, 0 or 1.
    ScoreOutOfRange,
    /// S0211: an invalid period.
    InvalidPeriod,
    /// S0212: a currency that is not an ISO 4217 code.
    InvalidCurrency,
    /// S0213: an empty list where one item at least is needed.
    EmptyList,
    /// S0214: a fact that cites no source.
    NoSources,
    /// S0215: two dates of one record in the wrong order.
    DatesOutOfOrder,
    /// S0301: a table that needs one key of a set and has none.
    NoneOfKeys,
    /// S0302: a schedule with `first` but no `every`.
    FirstWithoutEvery,
    /// S0303: a host rule that names no rule, or several.
    HostRuleCount,
    /// S0304: an `alternate` host rule with fewer than two sides.
    AlternateTooFew,
    /// S0305: `alternate` host rules nested too deep.
    AlternateTooDeep,
    /// S0401: two records of one kind with one id.
    DuplicateId,
    /// S0402: a reference to an id that no record of that kind has.
    UnknownReference,
    /// S0403: two summit records for one numbered edition.
    DuplicateEdition,
    /// S0501: a document whose mechanism is not its summit's.
    DocumentMechanism,
    /// S0502: a host or participant that is not a member on the date.
    NotAMember,
    /// S0503: a member without a name in the language its host rule orders by.
    MissingRuleName,
    /// S0504: an exception that swaps an edition with itself.
    SwapWithItself,
    /// S0505: an obligor that is not a signatory of the document.
    ObligorNotSignatory,
    /// S0506: an assessment of a party that the commitment does not bind.
    AssessedNotObligor,
    /// S0507: a cycle of `parent` or `supersedes` links.
    Cycle,
}

/// One entry of the registry.
struct Entry {
    code: Code,
    id: &'static str,
    title: &'static str,
    explanation: &'static str,
    example: &'static str,
}

/// The sources, parties and mechanism that most examples start from.
macro_rules! base {
    () => {
        r#"[[source]]
id = "report"
publisher = "Agency"
title = "Report"
lang = "en"

[[party]]
id = "kz"
kind = "state"
name = "Kazakhstan"

[[party]]
id = "uz"
kind = "state"
name = "Uzbekistan"
"#
    };
}

macro_rules! mechanism {
    () => {
        concat!(
            base!(),
            r#"
[[mechanism]]
id = "meeting"
name = "Meeting"
level = "ministerial"
members = ["kz", "uz"]
sources = ["report"]
"#
        )
    };
}

macro_rules! commitment {
    () => {
        concat!(
            mechanism!(),
            r#"
[[area]]
id = "trade"
label = "Trade"

[[document]]
id = "statement"
kind = "joint-statement"
title = "Statement"
mechanism = "meeting"
date = 2025
signatories = ["kz", "uz"]
sources = ["report"]

[[commitment]]
id = "trade-rules"
document = "statement"
text = "The sides will simplify trade rules."
areas = ["trade"]
obligors = ["kz"]
kind = "policy"
strength = "pledge"
sources = ["report"]
"#
        )
    };
}

const FALLBACK: Entry = Entry {
    code: Code::Internal,
    id: "S0008",
    title: "the loader itself failed",
    explanation: "",
    example: "",
};

const ENTRIES: &[Entry] = &[
    Entry {
        code: Code::Unreadable,
        id: "S0001",
        title: "a file or directory cannot be read",
        explanation: "A path given to the loader does not exist, is a directory where a file \
            was expected, or cannot be read (permissions). Nothing is loaded: check the path.",
        example: "summitry check no-such-dir/",
    },
    Entry {
        code: Code::FileTooLarge,
        id: "S0002",
        title: "a file is larger than the limit",
        explanation: "A data file is larger than `Limits::max_file_bytes` (64 MiB by default), \
            so that no input can exhaust memory. Split the file, or raise the limit. The \
            example is any file, loaded with `Limits { max_file_bytes: 10, .. }`.",
        example: base!(),
    },
    Entry {
        code: Code::TooManyFiles,
        id: "S0003",
        title: "a dataset spans more files than the limit",
        explanation: "A dataset spans more files than `Limits::max_files` (10,000 by \
            default). Merge files, or raise the limit. The example is two files, loaded with \
            `Limits { max_files: 1, .. }`.",
        example: base!(),
    },
    Entry {
        code: Code::SymbolicLink,
        id: "S0004",
        title: "a symbolic link inside a data directory",
        explanation: "A data directory is read without following symbolic links, so that a \
            dataset never reads outside its directory. Copy the file in instead of linking it.",
        example: "ln -s /etc/passwd data/linked.toml && summitry check data/",
    },
    Entry {
        code: Code::NotUtf8,
        id: "S0005",
        title: "a file is not UTF-8",
        explanation: "Data files are UTF-8. A file saved in another encoding (Latin-1, \
            Windows-1251) has bytes that are not UTF-8; the caret points at the first. Save \
            the file as UTF-8.",
        example: "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Caf\\xE9\"   # the byte 0xE9, not the character\n",
    },
    Entry {
        code: Code::TomlSyntax,
        id: "S0006",
        title: "a file is not valid TOML",
        explanation: "The TOML parser rejected the file: an unclosed string, a missing `=`, a \
            key defined twice. The message is the parser's. Problems found later at the same \
            place are not reported again.",
        example: "[[party]]\nid = \"kz\nkind = \"state\"\nname = \"Kazakhstan\"\n",
    },
    Entry {
        code: Code::TooDeep,
        id: "S0007",
        title: "tables and arrays nest deeper than the limit",
        explanation: "Tables and arrays nest at most `Limits::max_depth` levels (16 by \
            default; the format needs 6), so that no input can exhaust the stack. The file \
            is not read further.",
        example: "party = [[[[[[[[[[[[[[[[[\"kz\"]]]]]]]]]]]]]]]]]\n",
    },
    Entry {
        code: Code::Internal,
        id: "S0008",
        title: "the loader itself failed",
        explanation: "A thread parsing files stopped unexpectedly. This is a bug in summitry, \
            not in the data: nothing is loaded. Load with `Loader::threads(1)` and report it. \
            No data file triggers it.",
        example: "",
    },
    Entry {
        code: Code::UnknownTable,
        id: "S0101",
        title: "a top-level table that is no kind of record",
        explanation: "A data file holds arrays of tables, one per kind of record: `[[party]]`, \
            `[[source]]`, `[[area]]`, `[[mechanism]]`, `[[summit]]`, `[[document]]`, \
            `[[commitment]]` and `[[assessment]]`. Any other top-level name is rejected, with \
            a suggestion when one is close.",
        example: "[[partie]]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan\"\n",
    },
    Entry {
        code: Code::NotArrayOfTables,
        id: "S0102",
        title: "a kind of record that is not an array of tables",
        explanation: "Each record is a table in an array: write `[[party]]` (two brackets) \
            before each one. `[party]` (one bracket) is a single table.",
        example: "[party]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan\"\n",
    },
    Entry {
        code: Code::UnknownKey,
        id: "S0103",
        title: "a key the table does not have",
        explanation: "Every table is closed: a key it does not have is rejected rather than \
            ignored, so a misspelt key is never silently lost. The help suggests the closest \
            key, or lists the table's keys. FORMAT.md lists every table's keys.",
        example: "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan\"\ncapital = \"Astana\"\n",
    },
    Entry {
        code: Code::KeyOfOtherVariant,
        id: "S0104",
        title: "a key of another variant of the table",
        explanation: "Some tables come in variants, and some keys belong to one variant only: \
            an exception's `with` to `kind = \"swap\"`, its `host` to `kind = \"replace\"`, \
            its `date` to `kind = \"postpone\"`; a host rule's `among` and `except` to an \
            `alphabetical` rule. Such a key on another variant would be ignored, so it is \
            rejected: remove it, or change the variant.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
sources = ["report"]

[[mechanism.schedule.exception]]
edition = 2
kind = "skip"
host = "kz"
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::MissingKey,
        id: "S0105",
        title: "a required key is missing",
        explanation: "The table lacks a key it must have. The caret points at the table; \
            FORMAT.md says which keys each table requires.",
        example: "[[party]]\nid = \"kz\"\nkind = \"state\"\n",
    },
    Entry {
        code: Code::WrongType,
        id: "S0106",
        title: "a value of the wrong type",
        explanation: "The value is of another TOML type than the key takes: a number where a \
            string is expected, a string where a list is expected. The message names both.",
        example: "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = 7\n",
    },
    Entry {
        code: Code::EmptyText,
        id: "S0201",
        title: "an empty or blank text",
        explanation: "Texts and labels are never empty or blank: a blank name says nothing. \
            Write the text, or leave out the key when it is optional.",
        example: "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"  \"\n",
    },
    Entry {
        code: Code::IntegerTooLarge,
        id: "S0202",
        title: "an integer too large for 64 bits",
        explanation: "TOML integers are 64-bit; a larger one cannot be read exactly, so it is \
            rejected rather than rounded.",
        example: "[[source]]\nid = \"report\"\npublisher = \"Agency\"\ntitle = \"Report\"\nlang = \"en\"\ndate = 99999999999999999999\n",
    },
    Entry {
        code: Code::NotFinite,
        id: "S0203",
        title: "a number that is not finite",
        explanation: "An amount is a finite number: `nan` and `inf` are valid TOML, but they \
            are no amount.",
        example: concat!(
            commitment!(),
            "target = { amount = nan, currency = \"EUR\" }\n"
        ),
    },
    Entry {
        code: Code::InvalidDate,
        id: "S0204",
        title: "an invalid date",
        explanation: "A date is a year (`2027`), a month (`\"2025-06\"`), a day (`2025-06-17` \
            or `\"2025-06-17\"`) or a range of days (`\"2023-05-18/2023-05-19\"`). A day \
            that does not exist, a range that ends before it starts, a year outside 1 to \
            9999 or any other text is rejected.",
        example: "[[source]]\nid = \"report\"\npublisher = \"Agency\"\ntitle = \"Report\"\nlang = \"en\"\ndate = \"2025-02-30\"\n",
    },
    Entry {
        code: Code::InvalidLang,
        id: "S0205",
        title: "an invalid language tag",
        explanation: "Languages are BCP 47 tags: `en`, `uk`, `ru`, `zh-Hans`. A language \
            name (`english`) or a malformed tag is rejected, in `lang` keys and as the keys \
            of a label table.",
        example: "[[source]]\nid = \"report\"\npublisher = \"Agency\"\ntitle = \"Report\"\nlang = \"english\"\n",
    },
    Entry {
        code: Code::UnknownWord,
        id: "S0206",
        title: "a word outside a closed vocabulary",
        explanation: "Some keys take one word of a closed list: a party's `kind`, a summit's \
            `status`, a commitment's `strength`. Any other word is rejected, with the closest \
            word or the whole list.",
        example: "[[party]]\nid = \"kz\"\nkind = \"country\"\nname = \"Kazakhstan\"\n",
    },
    Entry {
        code: Code::InvalidId,
        id: "S0207",
        title: "an id with invalid characters",
        explanation: "Ids use lowercase ASCII letters, digits, `-`, `_` and `.`, start with a \
            letter or digit, and are at most 128 bytes. This holds for an id a record \
            declares and for one it refers to. A record with an invalid id is not defined.",
        example: "[[source]]\nid = \"Annual Report\"\npublisher = \"Agency\"\ntitle = \"Report\"\nlang = \"en\"\n",
    },
    Entry {
        code: Code::StateNotAlpha2,
        id: "S0208",
        title: "a state whose id is not an ISO 3166-1 alpha-2 code",
        explanation: "A state's id is its two-letter ISO 3166-1 code (`kz`, `uz`). Other \
            parties (organisations) are `kind = \"organisation\"`, with any valid id. The \
            rejected id is not offered as a suggestion elsewhere.",
        example: "[[party]]\nid = \"kaz\"\nkind = \"state\"\nname = \"Kazakhstan\"\n",
    },
    Entry {
        code: Code::EditionOutOfRange,
        id: "S0209",
        title: "an edition number out of range",
        explanation: "Editions are counted from 1, in a summit's `edition`, a schedule's \
            `first-edition`, and the `edition` and `with` of decisions and exceptions.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
every = "1y"
first = 2020
first-edition = 0
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::ScoreOutOfRange,
        id: "S0210",
        title: "a score other than -1, 0 or 1",
        explanation: "Scores follow the G20 Research Group's scale: -1 (no compliance), 0 \
            (partial) and 1 (full).",
        example: concat!(
            commitment!(),
            r#"
[[assessment]]
commitment = "trade-rules"
party = "kz"
score = 2
rater = "maintainers"
as-of = 2026
recorded = 2026
evidence = ["report"]
"#
        ),
    },
    Entry {
        code: Code::InvalidPeriod,
        id: "S0211",
        title: "an invalid period",
        explanation: "A schedule's period is a count of years or months: `\"1y\"`, `\"2y\"`, \
            `\"6m\"`.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
every = "2w"
first = 2020
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::InvalidCurrency,
        id: "S0212",
        title: "a currency that is not an ISO 4217 code",
        explanation: "A target's currency is a three-letter ISO 4217 code in capitals: `EUR`, \
            `USD`, `CNY`. What is not money takes `unit` instead.",
        example: concat!(
            commitment!(),
            "target = { amount = 10, currency = \"euro\" }\n"
        ),
    },
    Entry {
        code: Code::EmptyList,
        id: "S0213",
        title: "an empty list where one item at least is needed",
        explanation: "Some lists need at least one item: a mechanism's `members`, a \
            commitment's `areas` and listed `obligors`, an `ordered` host rule.",
        example: concat!(
            base!(),
            r#"
[[mechanism]]
id = "meeting"
name = "Meeting"
level = "ministerial"
members = []
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::NoSources,
        id: "S0214",
        title: "a fact that cites no source",
        explanation: "Every fact cites a source: mechanisms, secretariats, schedules, cadence \
            changes, decisions, exceptions, summits and documents need a non-empty `sources`; \
            a commitment needs one unless its `quote` names a source; an assessment needs \
            `evidence`.",
        example: concat!(
            base!(),
            r#"
[[mechanism]]
id = "meeting"
name = "Meeting"
level = "ministerial"
members = ["kz", "uz"]
"#
        ),
    },
    Entry {
        code: Code::DatesOutOfOrder,
        id: "S0215",
        title: "two dates of one record in the wrong order",
        explanation: "Dates that follow each other must: a membership's `until` is not before \
            its `since`, an assessment's `recorded` not before its `as-of`, and a cadence \
            change's `from` comes after the schedule's `first`.",
        example: concat!(
            base!(),
            r#"
[[mechanism]]
id = "meeting"
name = "Meeting"
level = "ministerial"
members = ["kz", { party = "uz", since = 2030, until = 2020 }]
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::NoneOfKeys,
        id: "S0301",
        title: "a table that needs one key of a set and has none",
        explanation: "Some tables need at least one key of a set: an assessment a `score` or \
            a `status`, a schedule decision a `date` or a `host`, a target a `unit` or a \
            `currency`.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
sources = ["report"]

[[mechanism.schedule.decision]]
edition = 1
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::FirstWithoutEvery,
        id: "S0302",
        title: "a schedule with `first` but no `every`",
        explanation: "`first` dates the anchor edition of a regular cadence; without `every` \
            there is no cadence. Give the period, or remove `first` for an irregular \
            mechanism.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
first = 2020
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::HostRuleCount,
        id: "S0303",
        title: "a host rule that names no rule, or several",
        explanation: "A host rule is exactly one of `fixed`, `ordered`, `alphabetical` or \
            `alternate`; sides with their own rules combine under `alternate`. Leave out \
            `hosts` when the host is agreed each time.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
hosts = { fixed = "kz", ordered = ["kz", "uz"] }
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::AlternateTooFew,
        id: "S0304",
        title: "an `alternate` host rule with fewer than two sides",
        explanation: "`alternate` is for sides that take turns, so it has two sides at least. \
            With one side, use its rule directly.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
hosts = { alternate = [{ fixed = "kz" }] }
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::AlternateTooDeep,
        id: "S0305",
        title: "`alternate` host rules nested too deep",
        explanation: "`alternate` rules nest at most 8 deep; real rules need one or two \
            levels. Flatten the rule. (So deep a rule is also deeper than the default \
            `Limits::max_depth`, which rejects it first: the example is loaded with \
            `Limits { max_depth: 64, .. }`.)",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
sources = ["report"]
hosts = { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { alternate = [{ fixed = "kz" }, { fixed = "uz" }] }] }] }] }] }] }] }] }] }
"#
        ),
    },
    Entry {
        code: Code::DuplicateId,
        id: "S0401",
        title: "two records of one kind with one id",
        explanation: "Ids are unique per kind across every file of a dataset. The error is at \
            the later definition; a second place points at the first.",
        example: "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan\"\n\n[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Qazaqstan\"\n",
    },
    Entry {
        code: Code::UnknownReference,
        id: "S0402",
        title: "a reference to an id that no record of that kind has",
        explanation: "Every reference names a record of its kind defined somewhere in the \
            dataset. The help suggests a close id, lists the known ids when they are few, or \
            says that none is defined.",
        example: concat!(
            base!(),
            r#"
[[mechanism]]
id = "meeting"
name = "Meeting"
level = "ministerial"
members = ["kz", "uzb"]
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::DuplicateEdition,
        id: "S0403",
        title: "two summit records for one numbered edition",
        explanation: "Each numbered edition of a mechanism has one summit record. An extra \
            meeting outside the count is `edition = \"special\"`. A second place points at \
            the first record.",
        example: concat!(
            mechanism!(),
            r#"
[[summit]]
id = "meeting-2025"
mechanism = "meeting"
edition = 1
date = 2025
status = "held"
sources = ["report"]

[[summit]]
id = "meeting-2026"
mechanism = "meeting"
edition = 1
date = 2026
status = "held"
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::DocumentMechanism,
        id: "S0501",
        title: "a document whose mechanism is not its summit's",
        explanation: "A document adopted at a summit belongs to the summit's mechanism; its \
            `mechanism` may be left out, and when given it must agree.",
        example: concat!(
            mechanism!(),
            r#"
[[mechanism]]
id = "forum"
name = "Forum"
level = "other"
members = ["kz", "uz"]
sources = ["report"]

[[summit]]
id = "meeting-2025"
mechanism = "meeting"
edition = 1
date = 2025
status = "held"
sources = ["report"]

[[document]]
id = "statement"
kind = "joint-statement"
title = "Statement"
summit = "meeting-2025"
mechanism = "forum"
date = 2025
signatories = ["kz", "uz"]
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::NotAMember,
        id: "S0502",
        title: "a host or participant that is not a member on the date",
        explanation: "A summit's host and participants, a host rule's parties and a decided \
            host are members of the mechanism (on the date, where there is one). The help \
            lists the members then.",
        example: concat!(
            base!(),
            r#"
[[mechanism]]
id = "meeting"
name = "Meeting"
level = "ministerial"
members = ["kz", { party = "uz", since = 2030 }]
sources = ["report"]

[[summit]]
id = "meeting-2025"
mechanism = "meeting"
edition = 1
date = 2025
host = "uz"
status = "held"
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::MissingRuleName,
        id: "S0503",
        title: "a member without a name in the language its host rule orders by",
        explanation: "An alphabetical host rule orders the members by their names in one \
            language; every member needs a name in exactly that language, or the order \
            cannot be told.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
hosts = { alphabetical = "ru" }
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::SwapWithItself,
        id: "S0504",
        title: "an exception that swaps an edition with itself",
        explanation: "A `swap` exchanges the hosts of two editions; `with` names the other \
            one.",
        example: concat!(
            mechanism!(),
            r#"
[mechanism.schedule]
sources = ["report"]

[[mechanism.schedule.exception]]
edition = 2
kind = "swap"
with = 2
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::ObligorNotSignatory,
        id: "S0505",
        title: "an obligor that is not a signatory of the document",
        explanation: "A commitment binds only parties that signed its document. The help \
            lists the signatories.",
        example: concat!(
            mechanism!(),
            r#"
[[area]]
id = "trade"
label = "Trade"

[[document]]
id = "statement"
kind = "joint-statement"
title = "Statement"
mechanism = "meeting"
date = 2025
signatories = ["kz"]
sources = ["report"]

[[commitment]]
id = "trade-rules"
document = "statement"
text = "The sides will simplify trade rules."
areas = ["trade"]
obligors = ["uz"]
kind = "policy"
strength = "pledge"
sources = ["report"]
"#
        ),
    },
    Entry {
        code: Code::AssessedNotObligor,
        id: "S0506",
        title: "an assessment of a party that the commitment does not bind",
        explanation: "A party is assessed only on the commitments that bind it. The help \
            lists the obligors.",
        example: concat!(
            commitment!(),
            r#"
[[assessment]]
commitment = "trade-rules"
party = "uz"
score = 1
rater = "maintainers"
as-of = 2026
recorded = 2026
evidence = ["report"]
"#
        ),
    },
    Entry {
        code: Code::Cycle,
        id: "S0507",
        title: "a cycle of `parent` or `supersedes` links",
        explanation: "Areas form a tree through `parent`, and commitments a history through \
            `supersedes`: neither may loop back on itself. The caret points at the link that \
            closes the cycle in load order.",
        example: "[[area]]\nid = \"trade\"\nparent = \"economy\"\nlabel = \"Trade\"\n\n[[area]]\nid = \"economy\"\nparent = \"trade\"\nlabel = \"Economy\"\n",
    },
];

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
        Code::NoneOfKeys,
        Code::FirstWithoutEvery,
        Code::HostRuleCount,
        Code::AlternateTooFew,
        Code::AlternateTooDeep,
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
    ];

    fn entry(self) -> &'static Entry {
        // The entries are in the order of the variants (a unit test checks it), so the
        // fallback is never taken.
        ENTRIES.get(self as usize).unwrap_or(&FALLBACK)
    }

    /// The code as written in diagnostics: `S0103`.
    pub fn as_str(self) -> &'static str {
        self.entry().id
    }

    /// What the problem is, in a few words: "a key the table does not have".
    pub fn title(self) -> &'static str {
        self.entry().title
    }

    /// A paragraph on what the problem is and how to fix it.
    pub fn explanation(self) -> &'static str {
        self.entry().explanation
    }

    /// A minimal data file that triggers the problem (for the few codes about files rather
    /// than their text, a command or the file as described in the explanation; empty for
    /// [`Code::Internal`], which no data triggers).
    pub fn example(self) -> &'static str {
        self.entry().example
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
        ENTRIES
            .iter()
            .find(|e| e.id.eq_ignore_ascii_case(s))
            .map(|e| e.code)
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_entry_and_codes_are_unique() {
        assert_eq!(ENTRIES.len(), Code::ALL.len());
        for (e, c) in ENTRIES.iter().zip(Code::ALL) {
            assert_eq!(e.code, *c, "entries and ALL in the same order");
        }
        let mut ids: Vec<&str> = ENTRIES.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ENTRIES.len());
        for e in ENTRIES {
            assert!(
                e.id.len() == 5
                    && e.id.starts_with('S')
                    && e.id[1..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                e.id
            );
        }
    }

    #[test]
    fn parses_in_any_case() {
        assert_eq!("s0402".parse::<Code>(), Ok(Code::UnknownReference));
        assert_eq!(
            "E0402".parse::<Code>().map_err(|e| e.to_string()),
            Err("unknown diagnostic code `E0402`: run `summitry explain` for the list".into())
        );
    }
}
