//! Selective queries through summitry's indexes, against a naive linear scan over the same
//! records (written here), on the generated 100k-commitment dataset.
//!
//! `cargo bench --bench queries`; ratios: `... | python3 benches/ratios.py`.

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

use std::sync::OnceLock;

const N: usize = 100_000;

fn ds() -> &'static summitry::Dataset {
    common::dataset(N)
}

fn party() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| common::busiest_party(ds()))
}

/// A typical party (the median by commitments bound): the second, labelled variant of the
/// party + area + window query. The first variant keeps the busiest party.
fn median_party() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| common::median_party(ds()))
}

fn main() {
    let ds = ds();
    let p = party();
    let m = median_party();
    // Each query's answer, checked against the scan before anything is timed.
    let answers = [
        (
            "party_area_window",
            format!("{:?}", common::q_party_area_window(ds, p)),
            format!("{:?}", common::scan_party_area_window(ds, p)),
        ),
        (
            "party_area_window_median_party",
            format!("{:?}", common::q_party_area_window(ds, m)),
            format!("{:?}", common::scan_party_area_window(ds, m)),
        ),
        (
            "text",
            format!("{:?}", common::q_text(ds)),
            format!("{:?}", common::scan_text(ds)),
        ),
        (
            "party_across_mechanisms",
            format!("{:?}", common::q_party(ds, p)),
            format!("{:?}", common::scan_party(ds, p)),
        ),
        (
            "scorecard_by_party",
            format!("{:?}", common::q_scorecard(ds)),
            format!("{:?}", common::scan_scorecard(ds)),
        ),
    ];
    eprintln!(
        "{N} commitments, {} assessments; party `{p}` (busiest: {} commitments), median party `{m}` ({} commitments)",
        ds.assessments().len(),
        ds.commitments().iter().filter(|c| c.binds(p)).count(),
        ds.commitments().iter().filter(|c| c.binds(m)).count(),
    );
    for (name, index, scan) in &answers {
        assert_eq!(index, scan, "{name}: index and scan disagree");
        eprintln!("{name}: {index}");
    }
    divan::main();
}

mod party_area_window {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn index() -> usize {
        let n = common::q_party_area_window(ds(), party());
        assert!(n > 0);
        n
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> usize {
        common::scan_party_area_window(ds(), party())
    }
}

/// The same query for a typical party (the median by commitments bound), alongside the
/// busiest-party variant above, which stays the headline number.
mod party_area_window_median_party {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn index() -> usize {
        common::q_party_area_window(ds(), median_party())
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> usize {
        common::scan_party_area_window(ds(), median_party())
    }
}

mod text {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn index() -> usize {
        let n = common::q_text(ds());
        assert!(n > 0);
        n
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> usize {
        common::scan_text(ds())
    }
}

mod party_across_mechanisms {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn index() -> (usize, usize) {
        let n = common::q_party(ds(), party());
        assert!(n.0 > 0);
        n
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> (usize, usize) {
        common::scan_party(ds(), party())
    }
}

mod scorecard_by_party {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn index() -> (usize, u32, i64) {
        let n = common::q_scorecard(ds());
        assert!(n.1 > 0);
        n
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> (usize, u32, i64) {
        common::scan_scorecard(ds())
    }
}
