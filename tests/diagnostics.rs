//! One test per failure mode of the loader, each pinning the full rendered diagnostic.
//!
//! Every case edits a small valid dataset (`tests/base.toml`) in one place and compares the
//! rendered error with `tests/snapshots/NAME.txt`. Run with `UPDATE_SNAPSHOTS=1` to rewrite
//! the snapshots after a deliberate change, then review the diff.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use summitry::Loader;

const BASE: &str = include_str!("base.toml");

#[track_caller]
fn snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {path}: run with UPDATE_SNAPSHOTS=1"));
    assert_eq!(actual, expected, "snapshot {name} differs");
}

/// Loads the base dataset with one edit and returns the rendered error.
#[track_caller]
fn render(files: &[(&str, &[u8])]) -> String {
    let loader = files
        .iter()
        .fold(Loader::new(), |l, (n, b)| l.bytes(*n, b.to_vec()));
    match loader.load() {
        Ok(_) => panic!("expected the data to be rejected"),
        Err(e) => format!("{e:?}"),
    }
}

#[track_caller]
fn case(name: &str, from: &str, to: &str) {
    assert!(BASE.contains(from), "base does not contain {from:?}");
    let text = BASE.replacen(from, to, 1);
    snapshot(name, &render(&[("data/base.toml", text.as_bytes())]));
}

#[test]
fn base_is_valid() {
    let ds = Loader::new().text("base.toml", BASE).load().unwrap();
    assert_eq!(ds.commitments().len(), 1);
}

#[test]
fn syntax_error() {
    case("syntax_error", "kind = \"policy\"", "kind = \"policy");
}

#[test]
fn wrong_type() {
    case("wrong_type", "edition = 1", "edition = true");
}

#[test]
fn unknown_key() {
    case(
        "unknown_key",
        "status = \"held\"",
        "status = \"held\"\nvenu = \"Xi'an\"",
    );
}

#[test]
fn missing_key() {
    case("missing_key", "status = \"held\"\n", "");
}

#[test]
fn unknown_table() {
    case("unknown_table", "[[summit]]", "[[sumit]]");
}

#[test]
fn duplicate_id_in_two_files() {
    let other = "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan again\"\n";
    snapshot(
        "duplicate_id",
        &render(&[
            ("data/a.toml", BASE.as_bytes()),
            ("data/b.toml", other.as_bytes()),
        ]),
    );
}

#[test]
fn unknown_party_with_suggestion() {
    case("unknown_party", "host = \"cn\"", "host = \"cnn\"");
}

#[test]
fn unknown_mechanism() {
    case(
        "unknown_mechanism",
        "mechanism = \"cca\"",
        "mechanism = \"ccaa\"",
    );
}

#[test]
fn unknown_summit() {
    case("unknown_summit", "summit = \"s1\"", "summit = \"s2\"");
}

#[test]
fn unknown_document() {
    case(
        "unknown_document",
        "document = \"d1\"",
        "document = \"d11\"",
    );
}

#[test]
fn unknown_area() {
    case(
        "unknown_area",
        "areas = [\"security.cyber\"]",
        "areas = [\"security.cyberr\"]",
    );
}

#[test]
fn unknown_source() {
    case(
        "unknown_source",
        "evidence = [\"src-a\"]",
        "evidence = [\"src-b\"]",
    );
}

#[test]
fn unknown_commitment() {
    case(
        "unknown_commitment",
        "commitment = \"c1\"",
        "commitment = \"c2\"",
    );
}

#[test]
fn impossible_date() {
    case(
        "impossible_date",
        "date = 2023-05-19\nhost",
        "date = \"2023-02-30\"\nhost",
    );
}

#[test]
fn range_ending_before_start() {
    case(
        "reversed_range",
        "date = 2023-05-19\nhost",
        "date = \"2023-05-19/2023-05-18\"\nhost",
    );
}

#[test]
fn date_time_instead_of_date() {
    case(
        "date_time",
        "date = 2023-05-19\nhost",
        "date = 2023-05-19T10:00:00Z\nhost",
    );
}

#[test]
fn host_not_a_member() {
    case("host_not_member", "host = \"cn\"", "host = \"ru\"");
}

#[test]
fn participant_not_a_member() {
    case(
        "participant_not_member",
        "{ party = \"kz\", person",
        "{ party = \"ru\", person",
    );
}

#[test]
fn assessment_for_a_non_obligor() {
    case(
        "non_obligor",
        "party = \"cn\"\nscore",
        "party = \"kz\"\nscore",
    );
}

#[test]
fn obligor_not_a_signatory() {
    case(
        "obligor_not_signatory",
        "obligors = [\"cn\"]",
        "obligors = [\"ru\"]",
    );
}

#[test]
fn score_out_of_range() {
    case("score_out_of_range", "score = 1", "score = 2");
}

#[test]
fn empty_text() {
    case(
        "empty_text",
        "text = \"China will provide scholarships.\"",
        "text = \"  \"",
    );
}

#[test]
fn invalid_language_tag() {
    case("invalid_lang", "lang = \"en\"", "lang = \"english\"");
}

#[test]
fn invalid_label_language() {
    case(
        "invalid_label_lang",
        "name = { en = \"China\" }",
        "name = { chinese = \"China\" }",
    );
}

#[test]
fn cycle_in_area_parents() {
    case(
        "area_cycle",
        "id = \"security\"\nlabel",
        "id = \"security\"\nparent = \"security.cyber\"\nlabel",
    );
}

#[test]
fn supersedes_itself() {
    case(
        "supersedes_cycle",
        "strength = \"pledge\"",
        "strength = \"pledge\"\nsupersedes = [\"c1\"]",
    );
}

#[test]
fn file_not_utf8() {
    let mut bytes = BASE.as_bytes().to_vec();
    let at = BASE.find("Report").unwrap();
    bytes.splice(at..at, [0xff, 0xfe]);
    snapshot("not_utf8", &render(&[("data/base.toml", &bytes)]));
}

#[test]
fn unknown_enum_word() {
    case("unknown_status", "status = \"held\"", "status = \"hled\"");
}

#[test]
fn invalid_id() {
    case("invalid_id", "id = \"c1\"", "id = \"C 1\"");
}

#[test]
fn state_id_not_alpha2() {
    case("state_not_alpha2", "id = \"ru\"", "id = \"rus\"");
}

#[test]
fn no_sources() {
    case(
        "no_sources",
        "signatories = [\"cn\", \"kz\"]\nsources = [\"src-a\"]",
        "signatories = [\"cn\", \"kz\"]\nsources = []",
    );
}

#[test]
fn sources_missing() {
    case(
        "sources_missing",
        "signatories = [\"cn\", \"kz\"]\nsources = [\"src-a\"]",
        "signatories = [\"cn\", \"kz\"]",
    );
}

#[test]
fn invalid_period() {
    case("invalid_period", "every = \"2y\"", "every = \"2 years\"");
}

#[test]
fn rule_party_not_member() {
    let text = BASE
        .replacen(", { party = \"ru\", since = 2030 }", "", 1)
        .replacen("{ fixed = \"cn\" }", "{ fixed = \"ru\" }", 1);
    snapshot(
        "rule_not_member",
        &render(&[("data/base.toml", text.as_bytes())]),
    );
}

#[test]
fn duplicate_edition() {
    let extra = BASE.to_owned()
        + "\n[[summit]]\nid = \"s1-again\"\nmechanism = \"cca\"\nedition = 1\ndate = 2023\nstatus = \"held\"\nsources = [\"src-a\"]\n";
    snapshot(
        "duplicate_edition",
        &render(&[("data/base.toml", extra.as_bytes())]),
    );
}

#[test]
fn recorded_before_as_of() {
    case(
        "recorded_before_as_of",
        "recorded = 2025",
        "recorded = 2023",
    );
}

#[test]
fn several_errors_across_files_in_file_and_line_order() {
    let a =
        BASE.replacen("host = \"cn\"", "host = \"xx\"", 1)
            .replacen("score = 1", "score = 5", 1);
    let b = "[[party]]\nid = \"uz\"\nkind = \"stat\"\nname = \"Uzbekistan\"\ncolour = \"blue\"\n";
    let out = render(&[("data/b.toml", b.as_bytes()), ("data/a.toml", a.as_bytes())]);
    snapshot("several_errors", &out);
    // Files in the order given, lines ascending within each file.
    let places: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("-->"))
        .collect();
    assert_eq!(places.len(), 4, "{out}");
    assert!(places[0].contains("data/b.toml:3:") && places[1].contains("data/b.toml:5:"));
    assert!(places[2].contains("data/a.toml:") && places[3].contains("data/a.toml:"));
}

// ---- messages without a test before diagnostic codes (one case each) ----

#[test]
fn labels_without_a_language() {
    case("labels_empty", "name = { en = \"China\" }", "name = {}");
}

#[test]
fn year_beyond_32_bits() {
    case(
        "year_too_large",
        "date = 2023-05-19\nhost",
        "date = 3000000000\nhost",
    );
}

#[test]
fn record_that_is_not_a_table() {
    snapshot(
        "record_not_a_table",
        &render(&[
            ("data/a.toml", BASE.as_bytes()),
            ("data/b.toml", b"party = [1]\n"),
        ]),
    );
}

#[test]
fn members_not_an_array() {
    case(
        "members_not_an_array",
        "members = [\"cn\", \"kz\", { party = \"ru\", since = 2030 }]",
        "members = \"cn\"",
    );
}

#[test]
fn member_neither_id_nor_table() {
    case(
        "member_wrong_type",
        "members = [\"cn\", \"kz\",",
        "members = [\"cn\", 7, \"kz\",",
    );
}

#[test]
fn summit_edition_zero() {
    case("edition_zero", "edition = 1", "edition = 0");
}

#[test]
fn no_areas() {
    case("areas_empty", "areas = [\"security.cyber\"]", "areas = []");
}

#[test]
fn obligors_empty() {
    case("obligors_empty", "obligors = [\"cn\"]", "obligors = []");
}

#[test]
fn obligors_of_the_wrong_type() {
    case("obligors_wrong_type", "obligors = [\"cn\"]", "obligors = 1");
}

#[test]
fn assessment_without_score_or_status() {
    case("no_score_nor_status", "score = 1\n", "");
}

#[test]
fn assessment_without_evidence() {
    case("evidence_empty", "evidence = [\"src-a\"]", "evidence = []");
}

#[test]
fn target_without_unit_or_currency() {
    case(
        "target_without_unit",
        "strength = \"pledge\"",
        "strength = \"pledge\"\ntarget = { amount = 5 }",
    );
}

#[test]
fn cadence_change_before_the_first_edition() {
    case(
        "change_before_first",
        "sources = [\"src-a\"]\n\n[[summit]]",
        "sources = [\"src-a\"]\n\n[[mechanism.schedule.change]]\nfrom = 2020\nevery = \"1y\"\nsources = [\"src-a\"]\n\n[[summit]]",
    );
}

#[test]
fn decision_edition_zero() {
    case(
        "decision_edition_zero",
        "sources = [\"src-a\"]\n\n[[summit]]",
        "sources = [\"src-a\"]\n\n[[mechanism.schedule.decision]]\nedition = 0\ndate = 2030\nsources = [\"src-a\"]\n\n[[summit]]",
    );
}

#[test]
fn decided_host_not_a_member() {
    case(
        "decided_host_not_member",
        "sources = [\"src-a\"]\n\n[[summit]]",
        "sources = [\"src-a\"]\n\n[[mechanism.schedule.decision]]\nedition = 2\ndate = 2025\nhost = \"ru\"\nsources = [\"src-a\"]\n\n[[summit]]",
    );
}

#[test]
fn ordered_rule_empty() {
    case(
        "ordered_empty",
        "hosts = { alternate = [{ fixed = \"cn\" }, { alphabetical = \"en\", except = [\"cn\"] }] }",
        "hosts = { ordered = [] }",
    );
}

#[test]
fn alternate_not_an_array() {
    case(
        "alternate_wrong_type",
        "hosts = { alternate = [{ fixed = \"cn\" }, { alphabetical = \"en\", except = [\"cn\"] }] }",
        "hosts = { alternate = 1 }",
    );
}

#[test]
fn host_rule_naming_no_rule() {
    case(
        "host_rule_empty",
        "hosts = { alternate = [{ fixed = \"cn\" }, { alphabetical = \"en\", except = [\"cn\"] }] }",
        "hosts = {}",
    );
}

#[test]
fn among_on_a_fixed_rule() {
    case(
        "among_on_fixed",
        "{ fixed = \"cn\" }",
        "{ fixed = \"cn\", among = [\"kz\"] }",
    );
}

#[test]
fn exception_key_of_another_kind() {
    case(
        "exception_host_on_skip",
        "sources = [\"src-a\"]\n\n[[summit]]",
        "sources = [\"src-a\"]\n\n[[mechanism.schedule.exception]]\nedition = 3\nkind = \"skip\"\nhost = \"kz\"\nsources = [\"src-a\"]\n\n[[summit]]",
    );
}

#[test]
fn change_not_an_array_of_tables() {
    case(
        "change_wrong_type",
        "first = 2023\n",
        "first = 2023\nchange = 1\n",
    );
}

#[test]
fn participants_not_an_array() {
    case(
        "participants_wrong_type",
        "participants = [{ party = \"kz\", person = \"K. Tokayev\" }]",
        "participants = \"kz\"",
    );
}

#[test]
fn reference_to_a_kind_none_defines() {
    // Without any summit, the document's `summit` names nothing: "no summit is defined".
    let start = BASE.find("[[summit]]").unwrap();
    let end = BASE.find("[[document]]").unwrap();
    let text = format!("{}{}", &BASE[..start], &BASE[end..]);
    snapshot(
        "unknown_none_defined",
        &render(&[("data/base.toml", text.as_bytes())]),
    );
}

#[test]
fn file_that_does_not_exist() {
    let err = Loader::new().path("no/such/file.toml").load().unwrap_err();
    snapshot("file_missing", &format!("{err:?}"));
}

// ---- hostile input (issue 12) ----

#[test]
fn duplicate_label_language_in_another_case() {
    case(
        "duplicate_label_lang",
        "name = { en = \"China\" }",
        "name = { en = \"China\", zh-hans = \"中国\", EN = \"PRC\", zh-Hans = \"中华\" }",
    );
}

#[test]
fn control_character_in_a_text() {
    case(
        "control_character",
        "title = \"Report\"",
        "title = \"Rep\\u001b]0;owned\\u0007ort\"",
    );
}

#[test]
fn control_characters_in_a_key_are_shown_escaped() {
    case(
        "escaped_key",
        "title = \"Report\"",
        "\"tit\\u001b[2Jle\" = \"Report\"",
    );
}

#[test]
fn bidirectional_override_in_an_id() {
    case("bidi_id", "id = \"kz\"", "id = \"k\u{202e}z\"");
}

#[test]
fn long_line_shown_as_a_window() {
    let long = "a".repeat(300);
    case(
        "long_line",
        "name = { en = \"China\" }",
        &format!("name = {{ en = \"{long}\", EN = \"China\" }} # {long}"),
    );
}

#[test]
fn one_line_of_control_characters() {
    // A comment of 40,000 control characters: each one a syntax error; 50 are shown,
    // each with a window of the line, escaped, and the rest are counted.
    let line = format!("# {}", "\u{1b}".repeat(40_000));
    let text = BASE.replacen("[[party]]", &format!("{line}\n[[party]]"), 1);
    let out = render(&[("data/base.toml", text.as_bytes())]);
    assert!(!out.contains('\u{1b}'));
    let first = out.split("\n\n").next().unwrap().to_owned();
    let parts: Vec<&str> = out.split("\n\n").collect();
    let last: Vec<&str> = parts.iter().rev().take(2).copied().collect();
    snapshot(
        "control_line",
        &format!("{first}\n\n...\n\n{}\n\n{}", last[1], last[0]),
    );
    assert_eq!(out.matches("invalid TOML").count(), 50);
    assert!(out.lines().all(|l| l.chars().count() <= 120), "{out}");
}

#[test]
fn score_na_near_miss() {
    case("score_na_near_miss", "score = 1", "score = \"NA\"");
}

#[test]
fn score_other_string() {
    case("score_other_string", "score = 1", "score = \"full\"");
}

#[test]
fn score_number_as_string() {
    case("score_number_as_string", "score = 1", "score = \"+1\"");
}

#[test]
fn not_applicable_with_status() {
    case(
        "not_applicable_with_status",
        "score = 1",
        "score = \"n/a\"\nstatus = \"limited\"",
    );
}

#[test]
fn assessment_defaults_problem_reported_once_at_the_default() {
    // Two assessments rely on a default with an unknown source: one error, at the default.
    let text = BASE.replacen(
        "[[assessment]]\ncommitment = \"c1\"\nparty = \"cn\"\nscore = 1\nrater = \"maintainers\"\nas-of = 2024\nrecorded = 2025\nevidence = [\"src-a\"]",
        "[assessment-defaults]\nrater = \"maintainers\"\nevidence = [\"src-z\"]\n\n[[assessment]]\ncommitment = \"c1\"\nparty = \"cn\"\nscore = 1\nas-of = 2024\nrecorded = 2025\n\n[[assessment]]\ncommitment = \"c1\"\nparty = \"cn\"\nscore = 0\nas-of = 2025\nrecorded = 2025",
        1,
    );
    assert!(text.contains("[assessment-defaults]"));
    snapshot(
        "assessment_defaults_unknown_source",
        &render(&[("data/base.toml", text.as_bytes())]),
    );
}

#[test]
fn assessment_defaults_unknown_key() {
    let text = format!("{BASE}\n[assessment-defaults]\nraters = \"x\"\n");
    snapshot(
        "assessment_defaults_unknown_key",
        &render(&[("data/base.toml", text.as_bytes())]),
    );
}

#[test]
fn assessment_defaults_fill_missing_keys_and_records_override() {
    let text = BASE.replacen(
        "rater = \"maintainers\"\nas-of = 2024\nrecorded = 2025\nevidence = [\"src-a\"]",
        "as-of = 2024\n\n[[assessment]]\ncommitment = \"c1\"\nparty = \"cn\"\nscore = 0\nrater = \"other\"\nas-of = 2025\n\n[assessment-defaults]\nrater = \"maintainers\"\nrecorded = 2025\nevidence = [\"src-a\"]",
        1,
    );
    let ds = Loader::new().text("base.toml", &text).load().unwrap();
    let a = ds.assessments();
    assert_eq!(a.len(), 2);
    assert_eq!(
        (a[0].rater(), a[0].recorded.to_string().as_str()),
        ("maintainers", "2025")
    );
    assert_eq!(
        (a[1].rater(), a[1].as_of.to_string().as_str()),
        ("other", "2025")
    );
    assert_eq!(a[1].evidence()[0].as_str(), "src-a");
    // The canonical export writes the shared values once and loads back equal.
    let toml = ds.export_toml_string();
    assert!(
        toml.contains("\n[assessment-defaults]\nrecorded = \"2025\"\nevidence = [\"src-a\"]\n"),
        "{toml}"
    );
    assert_eq!(
        summitry::Dataset::from_toml_str("export.toml", &toml).unwrap(),
        ds
    );
}
