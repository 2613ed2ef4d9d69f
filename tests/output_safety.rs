//! Hostile input and the exports (issue 12, the output side): source addresses, exact
//! amounts, the range of years, and every export valid for every accepted date.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use summitry::export::{ExportOptions, Table};
use summitry::{Dataset, Loader};

const EXAMPLE: &str = include_str!("../examples/data/example.toml");

/// The example data file with one text replaced.
#[track_caller]
fn example_with(old: &str, new: &str) -> String {
    assert!(EXAMPLE.contains(old), "{old} is not in the example");
    EXAMPLE.replacen(old, new, 1)
}

/// The line and column (1-based) where `needle` starts in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, col)
}

/// `line:column: message` and `help: ...` of every diagnostic.
#[track_caller]
fn problems(text: &str) -> Vec<String> {
    let e = Loader::new().text("t.toml", text).load().unwrap_err();
    e.diagnostics()
        .iter()
        .flat_map(|d| {
            let mut v = vec![format!(
                "{}:{}: {}",
                d.line().unwrap_or(0),
                d.column().unwrap_or(0),
                d.message()
            )];
            if let Some(h) = d.help() {
                v.push(format!("help: {h}"));
            }
            v
        })
        .collect()
}

// ---- source addresses (item 3) ----

#[test]
fn source_addresses_must_be_web_addresses() {
    let scheme =
        "`source.example-agency-2031-05-20.url` is not an `http` or `https` address with a host";
    let scheme_help =
        "help: write the address as a browser shows it, such as `https://example.org/page`";
    let chars = "`source.example-agency-2031-05-20.url` holds a character an address may not: a space, quote, angle bracket, backslash or control character";
    let chars_help =
        "help: percent-encode it: a space as `%20`, `\"` as `%22`, `<` as `%3C`, `>` as `%3E`";
    for (url, message, help) in [
        ("'javascript:alert(1)'", scheme, scheme_help),
        ("'JavaScript:alert(1)'", scheme, scheme_help),
        (
            "'data:text/html,<script>alert(1)</script>'",
            scheme,
            scheme_help,
        ),
        ("'<img src=x onerror=alert(1)>'", scheme, scheme_help),
        ("'https:///no-host'", scheme, scheme_help),
        ("'ftp://example.org/x'", scheme, scheme_help),
        ("'//example.org/x'", scheme, scheme_help),
        (
            "'https://ok.test/\"><script>alert(1)</script>'",
            chars,
            chars_help,
        ),
        ("'https://ok.test/a b'", chars, chars_help),
        ("'https://ok.test/a\\b'", chars, chars_help),
        ("'https://ok.test/<x>'", chars, chars_help),
        ("\"https://ok.test/\\u202Ex\"", chars, chars_help),
    ] {
        let text = example_with("\"https://example.org/news/1\"", url);
        let (line, col) = place(&text, url);
        assert_eq!(
            problems(&text),
            [format!("{line}:{col}: {message}"), help.to_owned()],
            "{url}"
        );
    }
}

#[test]
fn markdown_links_only_web_addresses_and_escapes_every_text() {
    let text = example_with(
        "\"https://example.org/news/1\"",
        "\"https://example.org/news/(1)_x?a=1&b=2\"",
    )
    .replacen(
        "title = \"Leaders agree to meet every year\"",
        "title = '<img src=x onerror=alert(1)> https://ok.test/\"><script>alert(1)</script> [x](javascript:alert(1)) *a* _b_ `c` | # ~d~ &amp;'",
        1,
    );
    let ds = Dataset::from_toml_str("t.toml", &text).unwrap();
    let md = ds.export_markdown_string(&ExportOptions::new()).unwrap();
    let sources = md.split("## Sources\n\n").nth(1).unwrap();
    assert_eq!(
        sources,
        "1. <a id=\"source-1\"></a>Example News Agency: “&lt;img src=x onerror=alert\\(1\\)&gt; https://ok.test/\"&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\[x\\]\\(javascript:alert\\(1\\)\\) \\*a\\* \\_b\\_ \\`c\\` \\| \\# \\~d\\~ &amp;amp;”, 2031-05-20 (en). <https://example.org/news/%281%29_x?a=1&b=2>\n"
    );
    for live in ["<img", "<script", "](javascript"] {
        assert!(!md.contains(live), "{live} in\n{md}");
    }
}

// ---- amounts (item 12) ----

#[test]
fn amounts_are_exact_through_every_export() {
    for (written, canonical, toml) in [
        ("9007199254740993", "9007199254740993", "9007199254740993"),
        (
            "9_007_199_254_740_993",
            "9007199254740993",
            "9007199254740993",
        ),
        ("0.1", "0.1", "0.1"),
        (
            "1234567890123456789.25",
            "1234567890123456789.25",
            "1234567890123456789.25",
        ),
        ("1e20", "100000000000000000000", "100000000000000000000.0"),
        ("2.50", "2.5", "2.5"),
        ("1_000.000_5", "1000.0005", "1000.0005"),
        ("+7.5e-3", "0.0075", "0.0075"),
        ("0", "0", "0"),
    ] {
        let text = example_with("amount = 10_000_000", &format!("amount = {written}"));
        let ds = Dataset::from_toml_str("t.toml", &text).unwrap();
        let c = ds.commitment("example-grant").unwrap();
        let amount = c.target().unwrap().amount;
        assert_eq!(amount.to_string(), canonical, "{written}");
        // JSON: a string, exactly.
        let json: serde_json::Value = serde_json::from_str(&ds.export_json_string()).unwrap();
        let target = json["commitments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "example-grant")
            .unwrap()["target"]
            .clone();
        assert_eq!(target["amount"], canonical, "{written}");
        // TOML: a number that loads back to the same amount.
        let exported = ds.export_toml_string();
        assert!(
            exported.contains(&format!(
                "target = {{ amount = {toml}, currency = \"EUR\" }}"
            )),
            "{written}: {exported}"
        );
        let back = Dataset::from_toml_str("back.toml", &exported).unwrap();
        assert_eq!(back, ds, "{written}");
    }
}

#[test]
fn negative_and_overlong_amounts_are_rejected() {
    let path = "`commitment.example-grant.target.amount`";
    for (written, message, help) in [
        (
            "-5",
            format!("{path} is negative"),
            "amounts are zero or more: write the amount without a minus sign",
        ),
        (
            "-0.5",
            format!("{path} is negative"),
            "amounts are zero or more: write the amount without a minus sign",
        ),
        (
            "1e40",
            format!("{path} has more digits than an amount keeps"),
            "an amount has at most 38 significant digits and 38 digits after the decimal point",
        ),
        (
            "nan",
            format!("{path} must be a finite number"),
            "write an amount such as `1_500_000_000` or `2.5`",
        ),
        (
            "99999999999999999999",
            format!("integer in {path} is too large"),
            "integers must fit in 64 bits; write a larger amount with a decimal point or an exponent, such as `100000000000000000000.0` or `1e20`",
        ),
    ] {
        let text = example_with("amount = 10_000_000", &format!("amount = {written}"));
        let (line, col) = place(&text, &format!("amount = {written}"));
        assert_eq!(
            problems(&text),
            [
                format!("{line}:{}: {message}", col + 9),
                format!("help: {help}")
            ],
            "{written}"
        );
    }
}

// ---- dates at the edge (item 13) ----

#[test]
fn years_past_9998_are_rejected() {
    for (written, message) in [
        (
            "9999",
            "invalid date in `mechanism.example-summit.schedule.decision[0].date`: year 9999 is out of range (1 to 9998)",
        ),
        (
            "\"9999-12\"",
            "invalid date in `mechanism.example-summit.schedule.decision[0].date`: year 9999 is out of range (1 to 9998)",
        ),
        (
            "10000",
            "invalid date in `mechanism.example-summit.schedule.decision[0].date`: year 10000 is out of range (1 to 9998)",
        ),
    ] {
        let text = example_with("date = 2032 ", &format!("date = {written} "));
        let (line, col) = place(&text, &format!("date = {written} "));
        assert_eq!(
            problems(&text),
            [
                format!("{line}:{}: {message}", col + 7),
                "help: write `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or \"YYYY-MM-DD/YYYY-MM-DD\""
                    .to_owned()
            ],
            "{written}"
        );
    }
}

/// A one-summit dataset whose summit is on `date` (a TOML value).
fn one_summit(date: &str) -> String {
    format!(
        r#"
[[source]]
id = "s"
publisher = "P"
title = "T"
lang = "en"
[[party]]
id = "aa"
kind = "state"
name = "A"
[[mechanism]]
id = "m"
name = "M"
level = "other"
members = ["aa"]
sources = ["s"]
[[summit]]
id = "m-1"
mechanism = "m"
edition = 1
date = {date}
host = "aa"
status = "held"
sources = ["s"]
"#
    )
}

/// An accepted date as TOML, and the iCalendar DTSTART and DTEND it must give (computed
/// here with plain arithmetic, the day after with chrono).
fn accepted_date() -> impl Strategy<Value = (String, String, String)> {
    prop_oneof![
        (1i32..=9998).prop_map(|y| (
            y.to_string(),
            format!("{y:04}0101"),
            format!("{:04}0101", y + 1)
        )),
        (1i32..=9998, 1u32..=12).prop_map(|(y, m)| {
            let end = if m == 12 {
                format!("{:04}0101", y + 1)
            } else {
                format!("{y:04}{:02}01", m + 1)
            };
            (format!("\"{y:04}-{m:02}\""), format!("{y:04}{m:02}01"), end)
        }),
        (1i32..=9998, 1u32..=12, 1u32..=31).prop_filter_map("a real day", |(y, m, d)| {
            let day = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
            let next = day.succ_opt()?;
            Some((
                format!("\"{y:04}-{m:02}-{d:02}\""),
                day.format("%Y%m%d").to_string(),
                next.format("%Y%m%d").to_string(),
            ))
        }),
        Just((
            "\"9998-12-31\"".to_owned(),
            "99981231".to_owned(),
            "99990101".to_owned()
        )),
        Just((
            "\"0001-01-01\"".to_owned(),
            "00010101".to_owned(),
            "00010102".to_owned()
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every accepted date gives a valid calendar (eight-digit dates, DTEND after DTSTART,
    /// parsed by an independent iCalendar reader), a well-formed SVG, and CSV and JSON.
    #[test]
    fn every_accepted_date_exports((date, start, end) in accepted_date()) {
        let ds = Dataset::from_toml_str("t.toml", &one_summit(&date)).unwrap();
        let o = ExportOptions::new();
        let ics = ds.export_ics_string(&o).unwrap();
        let starts = ics.contains(&format!("\r\nDTSTART;VALUE=DATE:{start}\r\n"));
        let ends = ics.contains(&format!("\r\nDTEND;VALUE=DATE:{end}\r\n"));
        prop_assert!(starts && ends, "{ics}");
        prop_assert!(end > start);
        let mut parser = ical::IcalParser::new(ics.as_bytes());
        let cal = parser.next().expect("one calendar");
        prop_assert!(cal.is_ok(), "{ics}");
        prop_assert_eq!(cal.unwrap().events.len(), 1);
        let svg = ds.export_svg_string(&o).unwrap();
        prop_assert!(roxmltree::Document::parse(&svg).is_ok(), "{svg}");
        let csv = ds.export_csv_string(Table::Summits, &o).unwrap();
        prop_assert_eq!(csv.lines().count(), 2);
        prop_assert!(ds.export_markdown_string(&o).is_ok());
        prop_assert_eq!(Dataset::from_toml_str("back.toml", &ds.export_toml_string()).unwrap(), ds);
    }
}
