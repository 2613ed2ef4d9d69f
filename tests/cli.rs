//! The `summitry` command, run as a user would.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn summitry(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh copy of the bundled data directory in a unique temporary folder.
fn copy_data(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("summitry-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for e in std::fs::read_dir(src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn check_bundled_data_is_silent_and_succeeds() {
    let out = summitry(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let out = summitry(&["check", dir]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn check_names_file_line_column_and_suggests_the_id() {
    let dir = copy_data("typo");
    let file = dir.join("china-central-asia.toml");
    let body = std::fs::read_to_string(&file).unwrap();
    let (line_no, line) = body
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("host = \"kz\""))
        .unwrap();
    let col = line.find("\"kz\"").unwrap() + 1;
    std::fs::write(
        &file,
        body.replacen(line, &line.replacen("\"kz\"", "\"kzz\"", 1), 1),
    )
    .unwrap();
    let out = summitry(&["check", dir.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let place = format!("china-central-asia.toml:{}:{col}", line_no + 1);
    assert!(err.contains(&place), "{err}\nexpected {place}");
    assert!(err.contains("error: unknown party `kzz`"), "{err}");
    assert!(err.contains("= help: did you mean `kz`?"), "{err}");
    assert_eq!(text(&out.stdout), "");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    let out = summitry(&["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = summitry(&["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_path_is_invalid_data() {
    let out = summitry(&["check", "/no/such/summitry/dir"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no such file or directory"),
        "{}",
        text(&out.stderr)
    );
}
