//! Schedule projection throughput: the first 50 editions of every mechanism of a generated
//! dataset (40 mechanisms with every kind of cadence, host rule, decision and exception).
//!
//! `cargo bench --bench schedule`.

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

const EDITIONS: usize = 50;

fn main() {
    let ds = common::dataset(10_000);
    let n = common::project(ds, EDITIONS);
    assert_eq!(n, ds.mechanisms().len() * EDITIONS);
    eprintln!("{} mechanisms, {n} editions per run", ds.mechanisms().len());
    divan::main();
}

#[divan::bench(sample_count = 20)]
fn project_50_editions_of_each_mechanism(bencher: divan::Bencher) {
    let ds = common::dataset(10_000);
    let n = ds.mechanisms().len() * EDITIONS;
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| {
            let got = common::project(ds, EDITIONS);
            assert_eq!(got, n);
            got
        });
}
