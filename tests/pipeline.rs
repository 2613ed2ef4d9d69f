//! A load with a second thread parsing ahead (`Loader::threads(2)`) gives exactly what a
//! sequential load (`Loader::threads(1)`) gives: the same dataset, or the same rendered
//! diagnostics, byte for byte.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use summitry::generate::Generator;
use summitry::{Dataset, Limits, LoadError, Loader};

const BASE: &str = include_str!("base.toml");

/// Everything a load gives, written out: the dataset, or every diagnostic with its parts.
fn outcome(r: Result<Dataset, LoadError>) -> String {
    match r {
        Ok(d) => format!("ok\n{}", d.export_toml_string()),
        Err(e) => {
            let parts: Vec<String> = e
                .diagnostics()
                .iter()
                .map(|d| {
                    format!(
                        "{:?} {:?} {:?} {:?}",
                        d.file(),
                        d.line(),
                        d.message(),
                        d.help()
                    )
                })
                .collect();
            format!("error\n{e:?}\n{}", parts.join("\n"))
        }
    }
}

/// Loads with one thread, two, as many as the machine offers (`0`) and the default (one):
/// all must agree. Gives the outcome.
#[track_caller]
fn same(make: impl Fn() -> Loader) -> String {
    let one = outcome(make().threads(1).load());
    let two = outcome(make().threads(2).load());
    assert!(one == two, "sequential and pipelined loads differ");
    let auto = outcome(make().threads(0).load());
    assert!(one == auto, "sequential and automatic loads differ");
    let default = outcome(make().load());
    assert!(one == default, "sequential and default loads differ");
    one
}

/// How many diagnostics each file has (a one-thread load), by file name.
fn problems(loader: Loader) -> std::collections::BTreeMap<String, usize> {
    let mut by_file = std::collections::BTreeMap::new();
    if let Err(e) = loader.threads(1).load() {
        for d in e.diagnostics() {
            *by_file
                .entry(d.file().unwrap_or("-").to_owned())
                .or_insert(0) += 1;
        }
    }
    by_file
}

/// How many diagnostics (of a one-thread load) have a message containing `phrase`.
fn count_messages(loader: Loader, phrase: &str) -> usize {
    loader.threads(1).load().err().map_or(0, |e| {
        e.diagnostics()
            .iter()
            .filter(|d| d.message().contains(phrase))
            .count()
    })
}

fn texts(files: &[(String, Vec<u8>)]) -> Loader {
    files
        .iter()
        .fold(Loader::new(), |l, (n, b)| l.bytes(n.clone(), b.clone()))
}

/// A fresh directory under the system temporary directory.
fn temp_dir(what: &str) -> PathBuf {
    common::temp_dir("pipeline", what)
}

#[test]
fn bundled_data() {
    let out = same(|| Dataset::bundled_files().fold(Loader::new(), |l, (n, t)| l.text(n, t)));
    assert_eq!(
        out,
        format!("ok\n{}", Dataset::bundled().export_toml_string())
    );
}

#[test]
fn examples_and_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = same(|| Loader::new().dir(dir.join("examples/data")));
    let example = include_str!("../examples/data/example.toml");
    let expected = Dataset::from_toml_str("example.toml", example).unwrap();
    assert_eq!(out, format!("ok\n{}", expected.export_toml_string()));
    // The base fixture alone, and with problems in several copies of it: a syntax error,
    // an unknown key, invalid UTF-8, and nesting over the limit.
    let base = same(|| Loader::new().text("base.toml", BASE));
    let expected = Dataset::from_toml_str("base.toml", BASE).unwrap();
    assert_eq!(base, format!("ok\n{}", expected.export_toml_string()));
    let mut files: Vec<(String, Vec<u8>)> = vec![("a.toml".into(), BASE.as_bytes().to_vec())];
    files.push(("b.toml".into(), b"x = = 1\n[summit\n".to_vec()));
    files.push(("c.toml".into(), b"unknown = 1\n".to_vec()));
    files.push(("d.toml".into(), b"x = \"\xff\"\n".to_vec()));
    files.push((
        "e.toml".into(),
        format!("x = {}1{}\n", "[".repeat(17), "]".repeat(17)).into_bytes(),
    ));
    files.push(("f.toml".into(), BASE.as_bytes().to_vec()));
    let out = same(|| texts(&files));
    assert!(out.starts_with("error\n"), "{out}");
    // Every broken file reports, and the good first copy of the base does not; f.toml, the
    // second copy, repeats every id of a.toml.
    let by_file = problems(texts(&files));
    let names: Vec<&str> = by_file.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["b.toml", "c.toml", "d.toml", "e.toml", "f.toml"],
        "{out}"
    );
    assert_eq!(by_file["c.toml"], 1, "{out}");
    assert_eq!(by_file["d.toml"], 1, "{out}");
    assert_eq!(by_file["e.toml"], 1, "{out}");
    // Every fuzz regression input, as files of one load.
    let fuzz = dir.join("tests/fuzz_regressions");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&fuzz)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    inputs.sort();
    let files: Vec<(String, Vec<u8>)> = inputs
        .iter()
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
        .collect();
    if files.len() > 1 {
        same(|| texts(&files));
    }
}

/// Generated files with problems injected in several of them.
fn with_problems(files: &mut [(String, String)]) {
    let n = files.len();
    assert!(n > 40, "{n} files");
    files[1].1.push_str("\nthis is = not toml\n");
    files[7].1.push_str("\n[unknown_table]\nx = 1\n");
    files[n / 2].1 = files[n / 2].1.replacen("id = \"", "id = \"Bad Id ", 1);
    files[n - 3]
        .1
        .push_str(&format!("\nx = {}1{}\n", "[".repeat(20), "]".repeat(20)));
    // A duplicate of a whole file: every id defined twice, found after its text is read.
    files[n - 1].1 = files[n - 2].1.clone();
}

#[test]
fn generated_in_memory() {
    let mut files = Generator::new(300, 7).files();
    let ok = same(|| files.iter().fold(Loader::new(), |l, (n, t)| l.text(n, t)));
    assert!(ok.starts_with("ok\n"));
    with_problems(&mut files);
    let out = same(|| files.iter().fold(Loader::new(), |l, (n, t)| l.text(n, t)));
    assert!(out.starts_with("error\n"), "{out}");
    // Each of the five files changed reports (others may too: a bad id breaks references).
    let by_file = problems(files.iter().fold(Loader::new(), |l, (n, t)| l.text(n, t)));
    let n = files.len();
    for i in [1, 7, n / 2, n - 3, n - 1] {
        assert!(
            by_file.contains_key(&files[i].0),
            "{}: {by_file:?}",
            files[i].0
        );
    }
    // A stricter size limit: some files over it, the others read.
    let limits = Limits {
        max_file_bytes: 2_000,
        ..Limits::default()
    };
    let out = same(|| {
        files
            .iter()
            .fold(Loader::new().limits(limits), |l, (n, t)| l.text(n, t))
    });
    let over = files.iter().filter(|(_, t)| t.len() > 2_000).count();
    assert!(over > 0 && over < files.len());
    let limited = files
        .iter()
        .fold(Loader::new().limits(limits), |l, (n, t)| l.text(n, t));
    assert_eq!(
        count_messages(limited, "more than the limit of 2000 bytes"),
        over,
        "{out}"
    );
}

#[test]
fn generated_on_disk() {
    let dir = temp_dir("gen");
    let generator = Generator::new(300, 11);
    generator.write_dir(&dir).unwrap();
    let ok = same(|| Loader::new().dir(&dir));
    let in_memory = generator
        .files()
        .into_iter()
        .fold(Loader::new(), |l, (n, t)| l.text(n, t))
        .load()
        .unwrap();
    assert_eq!(ok, format!("ok\n{}", in_memory.export_toml_string()));
    // The same problems, on disk, so that texts are dropped and read again; and a file
    // that is not UTF-8.
    let mut files = generator.files();
    with_problems(&mut files);
    for (name, text) in &files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let (name, _) = &files[files.len() / 3];
    std::fs::write(dir.join(name), b"x = \"\xc3\x28\"\n").unwrap();
    let out = same(|| Loader::new().dir(&dir));
    assert!(out.starts_with("error\n"), "{out}");
    assert_eq!(
        count_messages(Loader::new().dir(&dir), "not valid UTF-8"),
        1,
        "{out}"
    );
    // Files given one by one, one of them missing.
    let paths: Vec<PathBuf> = files.iter().map(|(n, _)| dir.join(n)).collect();
    let out = same(|| {
        paths
            .iter()
            .fold(Loader::new(), |l, p| l.path(p))
            .path(dir.join("missing.toml"))
    });
    assert!(out.contains("missing.toml"));
    std::fs::remove_dir_all(&dir).unwrap();
}
