//! Load + validate + index a generated dataset, against a bare TOML parse of the same
//! bytes into a generic table (the floor for any TOML-based store).
//!
//! `cargo bench --bench load`; ratios: `cargo bench --bench load | python3 benches/ratios.py`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr,
    clippy::print_stdout,
    missing_docs
)]

mod common;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    for n in SIZES {
        // Generate (and check) outside any timing.
        let ds = common::dataset(n);
        assert_eq!(ds.commitments().len(), n);
        eprintln!(
            "{n} commitments: {} bytes of TOML in {} files",
            common::bytes(n),
            common::files(n).len()
        );
    }
    divan::main();
}

/// Reading every file into a generic spanned TOML table, and nothing else.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn bare_parse(bencher: divan::Bencher, n: usize) {
    let files = common::files(n);
    bencher
        .counter(divan::counter::BytesCount::new(common::bytes(n)))
        .bench(|| {
            let tables = common::bare_parse(files);
            assert!(tables > 0);
        });
}

/// Reading, checking every rule, resolving references and building the indexes, on the
/// calling thread (the default).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load(bencher: divan::Bencher, n: usize) {
    bencher
        .counter(divan::counter::BytesCount::new(common::bytes(n)))
        .with_inputs(|| common::loader(n))
        .bench_values(|loader| {
            let ds = loader.load().unwrap();
            assert_eq!(ds.commitments().len(), n);
            ds
        });
}

/// The same load with a second thread reading and parsing the next files ahead
/// (`Loader::threads(2)`, opt-in): wall-clock time, for more CPU time and memory in all.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load_two_threads(bencher: divan::Bencher, n: usize) {
    bencher
        .counter(divan::counter::BytesCount::new(common::bytes(n)))
        .with_inputs(|| common::loader(n).threads(2))
        .bench_values(|loader| {
            let ds = loader.load().unwrap();
            assert_eq!(ds.commitments().len(), n);
            ds
        });
}
