//! A bounded fuzz run of the loader, for CI: arbitrary bytes, and structure-aware mutations
//! of the bundled data files. The loader must never panic, and every rejected input must
//! come back with diagnostics that say where the problem is.
//!
//! Case counts are small so that the run takes seconds in a debug build; set
//! `PROPTEST_CASES` for a longer run (see `FUZZING.md`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::sync::atomic::{AtomicU64, Ordering};
use summitry::{LoadError, Loader};

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn runner(default: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default),
        failure_persistence: None,
        ..Config::default()
    })
}

/// The invariant for a rejection: at least one diagnostic, each placed in a named file on a
/// line and column that exist in that file's text (counted from 1; a column may point just
/// past the line's last character), but for the count of the problems of a file past the
/// first 50, which follows them unplaced; the rendering names each diagnostic's place, and
/// has nothing unprintable but line breaks and the tabs of source lines.
fn check_rejection(e: &LoadError, files: &[(&str, &[u8])]) -> Result<(), TestCaseError> {
    prop_assert!(
        !e.diagnostics().is_empty(),
        "a rejection without diagnostics"
    );
    // The full rendering of every diagnostic is the error's `Debug` form.
    let rendered = format!("{e:?}");
    let mut in_file = 0;
    let mut last_file = None;
    for d in e.diagnostics() {
        let text = files.iter().find(|f| Some(f.0) == d.file()).map(|f| f.1);
        prop_assert!(text.is_some(), "diagnostic without a file: {d}");
        if last_file != d.file() {
            in_file = 0;
            last_file = d.file();
        }
        in_file += 1;
        prop_assert!(!d.message().is_empty());
        if d.message().starts_with("and ") && d.message().contains(" more problem") {
            prop_assert_eq!(in_file, 51, "a count not after 50 diagnostics: {}", d);
            prop_assert_eq!((d.line(), d.column()), (None, None));
            continue;
        }
        prop_assert!(in_file <= 50, "more than 50 diagnostics in a file");
        let (Some(line), Some(column)) = (d.line(), d.column()) else {
            return Err(TestCaseError::fail(format!(
                "diagnostic without a place: {d}"
            )));
        };
        let lines: Vec<&[u8]> = text.unwrap().split(|&b| b == b'\n').collect();
        prop_assert!(
            (1..=lines.len()).contains(&line),
            "line {} of {}: {d}",
            line,
            lines.len()
        );
        // Columns count characters, never more than the line's bytes.
        let width = lines[line - 1].len();
        prop_assert!(
            (1..=width + 1).contains(&column),
            "column {} of {}: {d}",
            column,
            width
        );
        let place = format!("{}:{}:{}", d.file().unwrap(), line, column);
        prop_assert!(rendered.contains(&place), "{place} not in {rendered}");
    }
    let bad = rendered.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    prop_assert!(bad.is_none(), "unprintable {:?} in:\n{}", bad, rendered);
    Ok(())
}

#[test]
fn arbitrary_bytes_never_panic() {
    let runs = AtomicU64::new(0);
    runner(2048)
        .run(&prop::collection::vec(any::<u8>(), 0..2048), |bytes| {
            runs.fetch_add(1, Ordering::Relaxed);
            if let Err(e) = Loader::new().bytes("f.toml", bytes.clone()).load() {
                check_rejection(&e, &[("f.toml", &bytes)])?;
            }
            Ok(())
        })
        .unwrap();
    // Every case ran (none rejected by a filter).
    assert_eq!(runs.into_inner(), u64::from(cases(2048)));
}

/// Text made of TOML's punctuation, keywords of the format and odd characters, so that
/// arbitrary input gets past UTF-8 and into the parser and the record readers.
fn tomlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "[",
            "]",
            "[[",
            "]]",
            "{",
            "}",
            "=",
            ",",
            ".",
            "\"",
            "'",
            "\"\"\"",
            "\n",
            " ",
            "#",
            "\\",
            "\\u",
            "-",
            "+",
            "_",
            "0",
            "1",
            "99999999999999999999",
            "1e999",
            "nan",
            "inf",
            "true",
            "2025-06-17",
            "2025-06-17T10:00:00Z",
            "party",
            "source",
            "area",
            "mechanism",
            "summit",
            "document",
            "commitment",
            "assessment",
            "id",
            "kind",
            "name",
            "members",
            "schedule",
            "hosts",
            "alternate",
            "fixed",
            "alphabetical",
            "date",
            "edition",
            "sources",
            "obligors",
            "\"all\"",
            "amount",
            "target",
            "\u{0}",
            "\u{7f}",
            "é",
            "😀",
            "\r",
            "\t",
        ])
        .prop_map(str::to_owned),
        "[a-z0-9 =\"\\[\\]{},.\n-]{1,8}",
    ];
    prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
}

#[test]
fn tomlish_text_never_panics() {
    runner(2048)
        .run(&tomlish(), |text| {
            if let Err(e) = Loader::new().text("f.toml", text.clone()).load() {
                check_rejection(&e, &[("f.toml", text.as_bytes())])?;
            }
            Ok(())
        })
        .unwrap();
}

/// One structure-aware change to a data file.
#[derive(Clone, Debug)]
enum Mutation {
    DropLine(usize),
    DuplicateLine(usize),
    /// Replace the value on a `key = value` line by a value of another type.
    Retype(usize, &'static str),
    /// Change a quoted id on a line to a near miss.
    NearMiss(usize, u8),
    Truncate(usize),
    InvalidUtf8(usize, Vec<u8>),
    HugeNumber(usize, &'static str),
    DeepArray(usize, usize),
    DeepTable(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        at.prop_map(Mutation::DropLine),
        at.prop_map(Mutation::DuplicateLine),
        (
            at,
            prop::sample::select(vec![
                "1",
                "-1",
                "0",
                "1.5",
                "true",
                "[1, 2]",
                "[]",
                "{ a = 1 }",
                "{}",
                "\"\"",
                "\" \"",
                "\"x\"",
                "2025-06-17T10:00:00Z",
                "10:00:00",
                "[\"all\"]",
                "[[1]]",
                "[{ party = 1 }]",
            ])
        )
            .prop_map(|(a, v)| Mutation::Retype(a, v)),
        (at, any::<u8>()).prop_map(|(a, k)| Mutation::NearMiss(a, k)),
        at.prop_map(Mutation::Truncate),
        (
            at,
            prop::sample::select(vec![
                vec![0xff],
                vec![0xc3],
                vec![0xe2, 0x82],
                vec![0xed, 0xa0, 0x80],
                vec![0xf4, 0x90, 0x80, 0x80],
                vec![0x80, 0x80],
            ])
        )
            .prop_map(|(a, b)| Mutation::InvalidUtf8(a, b)),
        (
            at,
            prop::sample::select(vec![
                "99999999999999999999",
                "-99999999999999999999",
                "9223372036854775807",
                "-9223372036854775808",
                "4294967296",
                "1e999",
                "-1e999",
                "0x7fffffffffffffff",
                "0b1",
                "0o777",
                "nan",
                "inf",
                "1_000_000_000_000_000_000",
            ])
        )
            .prop_map(|(a, n)| Mutation::HugeNumber(a, n)),
        (at, 1usize..=500).prop_map(|(a, d)| Mutation::DeepArray(a, d)),
        (at, 1usize..=500).prop_map(|(a, d)| Mutation::DeepTable(a, d)),
    ]
}

/// The `= value` part of a line, as a byte range.
fn value_range(line: &str) -> Option<std::ops::Range<usize>> {
    let eq = line.find(" = ")?;
    let start = eq + 3;
    let end = line.find(" #").filter(|&h| h > start).unwrap_or(line.len());
    Some(start..end)
}

fn apply(text: &[u8], m: &Mutation) -> Vec<u8> {
    let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::DropLine(a) => {
            if !lines.is_empty() {
                lines.remove(a % lines.len());
            }
        }
        Mutation::DuplicateLine(a) => {
            if !lines.is_empty() {
                let i = a % lines.len();
                let l = lines[i].clone();
                lines.insert(i, l);
            }
        }
        Mutation::Retype(a, v) | Mutation::HugeNumber(a, v) => {
            // The first line from `a` on that has a value.
            for k in 0..n {
                let i = (a + k) % n;
                let Some(line) = lines
                    .get(i)
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                else {
                    break;
                };
                if let Some(r) = value_range(&line) {
                    let mut s = line.clone();
                    s.replace_range(r, v);
                    lines[i] = s.into_bytes();
                    break;
                }
            }
        }
        Mutation::NearMiss(a, k) => {
            for j in 0..n {
                let i = (a + j) % n;
                let Some(line) = lines
                    .get(i)
                    .map(|l| String::from_utf8_lossy(l).into_owned())
                else {
                    break;
                };
                let Some(open) = line.find('"') else { continue };
                let Some(len) = line[open + 1..].find('"') else {
                    continue;
                };
                let id = &line[open + 1..open + 1 + len];
                if id.is_empty() || !id.is_ascii() {
                    continue;
                }
                let near = match k % 4 {
                    0 => format!("{id}x"),
                    1 => id[..id.len() - 1].to_owned(),
                    2 => id.to_uppercase(),
                    _ => {
                        let mut b = id.as_bytes().to_vec();
                        let last = b.len() - 1;
                        b.swap(0, last);
                        String::from_utf8(b).unwrap_or_default()
                    }
                };
                let s = format!("{}{near}{}", &line[..=open], &line[open + 1 + len..]);
                lines[i] = s.into_bytes();
                break;
            }
        }
        Mutation::Truncate(a) => {
            let mut t = text.to_vec();
            t.truncate(a % (text.len() + 1));
            return t;
        }
        Mutation::InvalidUtf8(a, bytes) => {
            let mut t = text.to_vec();
            let at = a % (text.len() + 1);
            t.splice(at..at, bytes.iter().copied());
            return t;
        }
        Mutation::DeepArray(a, d) => {
            let l = format!("deep = {}1{}", "[".repeat(*d), "]".repeat(*d));
            lines.insert(a % (lines.len() + 1), l.into_bytes());
        }
        Mutation::DeepTable(a, d) => {
            let l = format!("deep = {}1{}", "{ a = ".repeat(*d), " }".repeat(*d));
            lines.insert(a % (lines.len() + 1), l.into_bytes());
        }
    }
    lines.join(&b'\n')
}

#[test]
fn mutated_data_files_never_panic() {
    let files: Vec<(&str, &str)> = summitry::Dataset::bundled_files().collect();
    let strategy = (
        0..files.len(),
        prop::collection::vec(mutation(), 1..4),
        any::<bool>(),
    );
    runner(1024)
        .run(&strategy, |(which, mutations, all_files)| {
            let mut text = files[which].1.as_bytes().to_vec();
            for m in &mutations {
                text = apply(&text, m);
            }
            // With the other files, references across files resolve as in real use.
            let mut loader = Loader::new();
            for (i, (name, t)) in files.iter().enumerate() {
                if i == which {
                    loader = loader.bytes(*name, text.clone());
                } else if all_files {
                    loader = loader.text(*name, *t);
                }
            }
            if let Err(e) = loader.load() {
                let texts: Vec<(&str, &[u8])> = files
                    .iter()
                    .enumerate()
                    .map(|(i, (n, t))| (*n, if i == which { &text[..] } else { t.as_bytes() }))
                    .collect();
                check_rejection(&e, &texts)?;
            }
            Ok(())
        })
        .unwrap();
}
