//! Inputs that fuzzing singled out, kept with the diagnostics they must produce.
//!
//! Each panic found is kept with its exact input; the hardest inputs from the mutation
//! classes are pinned too, so that a change that makes any of them panic, or lose the place
//! of its problem, fails here first.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use summitry::Loader;

/// `file:line:column: message` for each diagnostic.
#[track_caller]
fn rejected(bytes: &[u8]) -> Vec<String> {
    let e = Loader::new().bytes("f.toml", bytes).load().unwrap_err();
    e.diagnostics()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}: {}",
                d.file().unwrap_or("-"),
                d.line().unwrap_or(0),
                d.column().unwrap_or(0),
                d.message()
            )
        })
        .collect()
}

/// Nesting past the depth limit is reported at the bracket that passes it, before any
/// tree is built (and before `toml`'s own recursion limit of 80 is met).
#[test]
fn array_nested_500_deep() {
    let input = format!("a = {}1{}\n", "[".repeat(500), "]".repeat(500));
    assert_eq!(
        rejected(input.as_bytes()),
        ["f.toml:1:20: nesting deeper than the limit of 16 levels"]
    );
}

#[test]
fn inline_table_nested_500_deep() {
    let input = format!("x = {}1{}\n", "{ a = ".repeat(500), " }".repeat(500));
    assert_eq!(
        rejected(input.as_bytes()),
        ["f.toml:1:95: nesting deeper than the limit of 16 levels"]
    );
}

#[test]
fn alternate_rules_past_the_depth_limit() {
    let mut rule = String::from("{ fixed = \"a\" }");
    for _ in 0..9 {
        rule = format!("{{ alternate = [{rule}, {{ fixed = \"b\" }}] }}");
    }
    let input = format!("[[mechanism]]\n[mechanism.schedule]\nhosts = {rule}\n");
    assert_eq!(
        rejected(input.as_bytes()),
        // The brackets of the value alone pass the limit: reported at the 16th.
        ["f.toml:3:128: nesting deeper than the limit of 16 levels"]
    );
}

#[test]
fn truncated_inside_a_multibyte_character() {
    assert_eq!(
        rejected(b"[[party]]\nid = \"\xe2\x82"),
        ["f.toml:2:7: file is not valid UTF-8"]
    );
    assert_eq!(rejected(b"\xff"), ["f.toml:1:1: file is not valid UTF-8"]);
}

#[test]
fn huge_numbers() {
    let got = rejected(b"[[summit]]\nedition = 99999999999999999999\n");
    assert_eq!(
        got.last().map(String::as_str),
        Some("f.toml:2:11: integer in `summit[0].edition` is too large")
    );
    let got = rejected(b"[[commitment]]\ntarget = { amount = 1e999, currency = \"USD\" }\n");
    assert_eq!(
        got.last().map(String::as_str),
        Some("f.toml:2:21: `commitment[0].target.amount` has more digits than an amount keeps")
    );
    let got = rejected(b"[[commitment]]\ntarget = { amount = inf, currency = \"USD\" }\n");
    assert_eq!(
        got.last().map(String::as_str),
        Some("f.toml:2:21: `commitment[0].target.amount` must be a finite number")
    );
}

#[test]
fn party_ids_differing_only_in_case() {
    let input = b"[[party]]\nid = \"kz\"\nkind = \"state\"\nname = \"Kazakhstan\"\n[[party]]\nid = \"KZ\"\nkind = \"state\"\nname = \"K\"\n";
    assert_eq!(rejected(input), ["f.toml:6:6: duplicate party id `kz`"]);
}

#[test]
fn unclosed_arrays() {
    let got = rejected(b"a = [[[[[[[[[[[[[[[[[[");
    assert_eq!(
        got.first().map(String::as_str),
        Some("f.toml:1:20: nesting deeper than the limit of 16 levels")
    );
    assert!(
        got.iter()
            .skip(1)
            .all(|d| d == "f.toml:1:23: invalid TOML: unclosed array, expected `]`")
    );
}

/// cargo-fuzz found this: a period ending in a multibyte character made `Period::from_str`
/// split a string inside a character (`end byte index 36 is not a char boundary`).
#[test]
fn period_ending_in_a_multibyte_character() {
    let crash = include_bytes!("fuzz_regressions/crash-1f59618f5c67d2abd7d61bb73e3c5aa40a7a7356");
    let got = rejected(crash);
    assert!(got.contains(
        &"f.toml:71:9: invalid period in `mechanism.china-central-asia.schedule.every`: `于2025年在哈萨克斯坦举行。` is not a period: write a count and a unit, like `2y` or `6m`".to_owned()
    ), "{got:#?}");
    let minimal = "[[mechanism]]\n[mechanism.schedule]\nevery = \"1。\"\n";
    let got = rejected(minimal.as_bytes());
    assert!(got.contains(
        &"f.toml:3:9: invalid period in `mechanism[0].schedule.every`: `1。` is not a period: write a count and a unit, like `2y` or `6m`".to_owned()
    ), "{got:#?}");
    assert!("年".parse::<summitry::Period>().is_err());
    assert_eq!(
        "12m".parse::<summitry::Period>().map(|p| p.months()),
        Ok(12)
    );
}
