//! Hostile input: the cost of a load must grow with the input, not with its square.
//!
//! - `bad_lines`: a file of N lines that are each a syntax error, against 4N;
//! - `unknown_ids`: a generated dataset of N commitments with every 40th commitment
//!   renamed (so its assessments name an unknown id, and each gets a "did you mean"),
//!   against 4N;
//! - `party_ids`: 100k parties with sequential ids (`s0`, `s1`, ...) against as many with
//!   random ids, to show the id hasher mixes its output.
//!
//! `cargo bench --bench hostile`; the ratios are in PERFORMANCE.md ("Hostile input").

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr,
    clippy::print_stdout,
    missing_docs
)]

use std::fmt::Write as _;
use summitry::{Loader, generate::Generator};

fn main() {
    divan::main();
}

const LINES: [usize; 2] = [10_000, 40_000];

/// N lines, each a syntax error (a key with no value), as in a file damaged by a tool.
fn bad_lines(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        writeln!(s, "broken line {i}").unwrap();
    }
    s
}

#[divan::bench(args = LINES, sample_count = 3, sample_size = 1)]
fn bad_lines_file(bencher: divan::Bencher, n: usize) {
    let text = bad_lines(n);
    bencher
        .with_inputs(|| Loader::new().text("bad.toml", text.clone()))
        .bench_values(|loader| {
            let e = loader.load().unwrap_err();
            // The first 50 problems and the count of the others.
            assert_eq!(e.diagnostics().len(), 51);
            e
        });
}

const COMMITMENTS: [usize; 2] = [2_500, 10_000];

/// The generated dataset of `n` commitments, every 40th commitment renamed (`-c` to
/// `-x`): its assessments then name an id one edit away from it.
fn renamed(n: usize) -> Vec<(String, String)> {
    let mut seen = 0usize;
    Generator::new(n, 1)
        .files()
        .into_iter()
        .map(|(name, text)| {
            let mut out = String::with_capacity(text.len());
            let mut in_commitment = false;
            for line in text.lines() {
                if line.starts_with("[[") {
                    in_commitment = line == "[[commitment]]";
                }
                if in_commitment && line.starts_with("id = \"") {
                    seen += 1;
                    if seen % 40 == 0 {
                        out.push_str(&line.replacen("-c", "-x", 1));
                        out.push('\n');
                        continue;
                    }
                }
                out.push_str(line);
                out.push('\n');
            }
            (name, out)
        })
        .collect()
}

#[divan::bench(args = COMMITMENTS, sample_count = 3, sample_size = 1)]
fn unknown_ids(bencher: divan::Bencher, n: usize) {
    let files = renamed(n);
    bencher
        .with_inputs(|| {
            files
                .iter()
                .fold(Loader::new(), |l, (f, t)| l.text(f.clone(), t.clone()))
        })
        .bench_values(|loader| {
            let e = loader.load().unwrap_err();
            let d = e
                .diagnostics()
                .iter()
                .find(|d| d.message().starts_with("unknown commitment"))
                .unwrap();
            assert!(d.help().unwrap().starts_with("did you mean `"), "{d}");
            e
        });
}

const PARTIES: usize = 100_000;

/// `n` organisations with the given ids.
fn parties(ids: impl Iterator<Item = String>) -> String {
    let mut s = String::new();
    for id in ids {
        writeln!(
            s,
            "[[party]]\nid = \"{id}\"\nkind = \"organisation\"\nname = \"P\"\n"
        )
        .unwrap();
    }
    s
}

fn random_ids(n: usize) -> impl Iterator<Item = String> {
    // xorshift; six characters, as most sequential ids (`s10000` to `s99999`); unique.
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut seen = std::collections::HashSet::new();
    std::iter::from_fn(move || {
        loop {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut id = String::from("r");
            let mut y = x;
            for _ in 0..5 {
                id.push(char::from(
                    b"abcdefghijklmnopqrstuvwxyz0123456789"[(y % 36) as usize],
                ));
                y /= 36;
            }
            if seen.insert(id.clone()) {
                return Some(id);
            }
        }
    })
    .take(n)
}

#[divan::bench(args = ["sequential", "random"], sample_count = 3, sample_size = 1)]
fn party_ids(bencher: divan::Bencher, ids: &str) {
    let text = match ids {
        "sequential" => parties((0..PARTIES).map(|i| format!("s{i}"))),
        _ => parties(random_ids(PARTIES)),
    };
    bencher
        .with_inputs(|| Loader::new().text("parties.toml", text.clone()))
        .bench_values(|loader| {
            let ds = loader.load().unwrap();
            assert_eq!(ds.parties().len(), PARTIES);
            ds
        });
}
