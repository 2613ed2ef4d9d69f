//! Every diagnostic code is triggered by a test that checks its rendered text.
//!
//! For each code of [`Code::ALL`], the minimal example of its `summitry explain` entry is
//! loaded (with the limit or the file layout the explanation states, for the few codes
//! about files rather than their text); every diagnostic it gives must carry that code, and
//! the rendered error is compared with `tests/snapshots/codes/CODE.txt`. A new code without
//! a working example fails here. Run with `UPDATE_SNAPSHOTS=1` to rewrite the snapshots
//! after a deliberate change, then review the diff.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use summitry::{Code, Limits, LoadError, Loader};

/// The only code no data can trigger: a parsing thread that stops (a bug in the loader).
const UNTRIGGERABLE: &[Code] = &[Code::Internal];

#[track_caller]
fn snapshot(name: &str, actual: &str) {
    let path = format!(
        "{}/tests/snapshots/codes/{name}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(format!(
            "{}/tests/snapshots/codes",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {path}: run with UPDATE_SNAPSHOTS=1"));
    assert_eq!(actual, expected, "snapshot {name} differs");
}

fn rejected(loader: Loader) -> Rendered {
    match loader.load() {
        Ok(_) => panic!("expected the example to be rejected"),
        Err(e) => Rendered(e),
    }
}

/// A load error whose `Display` is the full rendering (`LoadError`'s `Debug`).
struct Rendered(LoadError);

impl std::fmt::Display for Rendered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::ops::Deref for Rendered {
    type Target = LoadError;
    fn deref(&self) -> &LoadError {
        &self.0
    }
}

/// Loads a code's example the way its explanation says, and gives the error with every
/// path made independent of the machine.
fn trigger(code: Code) -> String {
    let example = code.example();
    match code {
        Code::Unreadable => rejected(Loader::new().dir("no-such-dir/")).to_string(),
        Code::FileTooLarge => rejected(
            Loader::new()
                .limits(Limits {
                    max_file_bytes: 10,
                    ..Limits::default()
                })
                .text("example.toml", example),
        )
        .to_string(),
        Code::AlternateTooDeep => rejected(
            Loader::new()
                .limits(Limits {
                    max_depth: 64,
                    ..Limits::default()
                })
                .text("example.toml", example),
        )
        .to_string(),
        Code::TooManyFiles => rejected(
            Loader::new()
                .limits(Limits {
                    max_files: 1,
                    ..Limits::default()
                })
                .text("a.toml", example)
                .text("b.toml", ""),
        )
        .to_string(),
        Code::SymbolicLink => {
            let dir = common::temp_dir("codes", "symlink");
            let outside_dir = common::temp_dir("codes", "outside");
            let outside = outside_dir.join("target.toml");
            std::fs::write(&outside, "").unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink(&outside, dir.join("linked.toml")).unwrap();
            let text = rejected(Loader::new().dir(&dir)).to_string();
            std::fs::remove_dir_all(&dir).unwrap();
            std::fs::remove_dir_all(&outside_dir).unwrap();
            text.replace(&dir.display().to_string(), "data")
        }
        Code::NotUtf8 => {
            // The example's `\xE9` stands for the byte 0xE9.
            let bytes = example
                .replace("\\xE9", "\u{1}")
                .bytes()
                .map(|b| if b == 1 { 0xE9 } else { b })
                .collect::<Vec<u8>>();
            rejected(Loader::new().bytes("example.toml", bytes)).to_string()
        }
        Code::TooManyProblems => {
            // The first 50 problems carry their own code; the 51st diagnostic counts the rest.
            assert_eq!(example, "[[nope1]]\n[[nope2]]\n");
            let text: String = (1..=51).map(|i| format!("[[nope{i}]]\n")).collect();
            let err = rejected(Loader::new().text("example.toml", text));
            assert_eq!(err.diagnostics().len(), 51);
            err.diagnostics().last().unwrap().to_string()
        }
        _ => rejected(Loader::new().text("example.toml", example)).to_string(),
    }
}

#[test]
fn every_code_is_triggered_by_its_example_and_only_that_code() {
    let mut failures = Vec::new();
    for &code in Code::ALL {
        if UNTRIGGERABLE.contains(&code) {
            assert_eq!(code.example(), "", "{code} has an example: test it");
            continue;
        }
        let rendered = trigger(code);
        let own = format!("error[{code}]: ");
        let codes: Vec<&str> = rendered
            .lines()
            .filter(|l| l.starts_with("error[") && !l.starts_with(&own))
            .collect();
        if !rendered.contains(&own) || !codes.is_empty() {
            failures.push(format!("{code}: {rendered}"));
            continue;
        }
        snapshot(&code.to_string(), &rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_codes_are_data_too() {
    let err = rejected(Loader::new().text("example.toml", Code::KeyOfOtherVariant.example()));
    let codes: Vec<Code> = err.diagnostics().iter().map(|d| d.code()).collect();
    assert_eq!(codes, [Code::KeyOfOtherVariant]);
    let dup = rejected(Loader::new().text("example.toml", Code::DuplicateId.example()));
    let d = &dup.diagnostics()[0];
    assert_eq!(
        (d.code(), d.line(), d.column()),
        (Code::DuplicateId, Some(7), Some(6))
    );
    assert_eq!(
        d.related(),
        Some(("example.toml", 2, 6, "first defined here"))
    );
}
