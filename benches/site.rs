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
        weights(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    divan::main();
}

/// Prints the weight of each part of a written site: files and bytes by top directory (or
/// file), the largest file of each, and the typical (median) commitment page.
fn weights(dir: &std::path::Path) {
    use std::collections::BTreeMap;
    fn walk(root: &std::path::Path, d: &std::path::Path, out: &mut Vec<(String, u64)>) {
        for e in std::fs::read_dir(d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push((rel, e.metadata().unwrap().len()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    let mut parts: BTreeMap<String, (usize, u64, String, u64)> = BTreeMap::new();
    for (f, n) in &files {
        let mut it = f.split('/');
        let top = it.next().unwrap().to_owned();
        let key = if top == "search" {
            format!("search/{}", it.next().unwrap_or(""))
        } else {
            top
        };
        let e = parts.entry(key).or_default();
        e.0 += 1;
        e.1 += n;
        if *n > e.3 {
            e.2 = f.clone();
            e.3 = *n;
        }
    }
    for (k, (count, bytes, largest, size)) in &parts {
        eprintln!("  {k}: {count} files, {bytes} bytes; largest {largest} ({size} bytes)");
    }
    let mut pages: Vec<u64> = files
        .iter()
        .filter(|(f, _)| f.starts_with("commitment/"))
        .map(|(_, n)| *n)
        .collect();
    pages.sort_unstable();
    eprintln!("  median commitment page: {} bytes", pages[pages.len() / 2]);
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
/// samples, outside the timing), on as many threads as the machine offers (the default).
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn site(bencher: divan::Bencher, n: usize) {
    build(bencher, n, SiteOptions::new(common::now()));
}

/// [`site`] on the calling thread alone (`SiteOptions::threads(1)`).
#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn site_one_thread(bencher: divan::Bencher, n: usize) {
    build(bencher, n, SiteOptions::new(common::now()).threads(1));
}

fn build(bencher: divan::Bencher, n: usize, o: SiteOptions) {
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
            let s = ds.export_site(&dir, &o).unwrap();
            assert_eq!(s.pages, records + 4);
            s
        });
    let _ = std::fs::remove_dir_all(out_dir(n));
}
