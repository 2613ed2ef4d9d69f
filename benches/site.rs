//! Building the static site (`Dataset::export_site`) of a generated dataset, against
//! `summitry check` on the same data: reading, validating and indexing it (issue 17, item
//! 9: the site builds in at most 3 times the time `check` takes).
//!
//! `cargo bench --bench site -- --sample-count 3`; ratios:
//! `cargo bench --bench site -- --sample-count 3 2>&1 | python3 benches/ratios.py`; the
//! site is written under `SUMMITRY_BENCH_DIR` when set (for example `/dev/shm`, to time the
//! work without the disk), else the system's temporary directory.

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

use summitry::export::site::SiteOptions;

const SIZES: [usize; 2] = [10_000, 100_000];

/// A directory for the site of one sample: under `SUMMITRY_BENCH_DIR` when set (to compare
/// a disk with a memory file system such as `/dev/shm`), else the system's temporary
/// directory.
fn out_dir(n: usize) -> std::path::PathBuf {
    let base = std::env::var_os("SUMMITRY_BENCH_DIR")
        .map_or_else(std::env::temp_dir, std::path::PathBuf::from);
    base.join(format!("summitry-bench-site-{n}-{}", std::process::id()))
}

fn main() {
    for n in SIZES {
        // Generate and load outside any timing; build the site once to report its weights.
        let ds = common::dataset(n);
        assert_eq!(ds.commitments().len(), n);
        let dir = out_dir(n);
        let _ = std::fs::remove_dir_all(&dir);
        let s = ds
            .export_site(&dir, &SiteOptions::new(common::now()))
            .unwrap();
        eprintln!(
            "{n} commitments: {} files, {} pages, {} bytes; largest page {} ({} bytes); search index {} files, {} bytes",
            s.files, s.pages, s.bytes, s.largest.0, s.largest.1, s.index.0, s.index.1
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    divan::main();
}

/// `summitry check`: reading every file, checking every rule, resolving references and
/// building the indexes.
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn check(bencher: divan::Bencher, n: usize) {
    bencher
        .with_inputs(|| common::loader(n))
        .bench_values(|loader| {
            let ds = loader.load().unwrap();
            assert_eq!(ds.commitments().len(), n);
            ds
        });
}

/// Writing the whole site of the loaded dataset into an empty directory (removed between
/// samples, outside the timing).
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn site(bencher: divan::Bencher, n: usize) {
    let ds = common::dataset(n);
    let records = ds.mechanisms().len()
        + ds.summits().len()
        + ds.documents().len()
        + ds.commitments().len()
        + ds.parties().len()
        + ds.areas().len();
    bencher
        .with_inputs(|| {
            let dir = out_dir(n);
            let _ = std::fs::remove_dir_all(&dir);
            dir
        })
        .bench_values(|dir| {
            let s = ds
                .export_site(&dir, &SiteOptions::new(common::now()))
                .unwrap();
            assert_eq!(s.pages, records + 4);
            s
        });
    let _ = std::fs::remove_dir_all(out_dir(n));
}
