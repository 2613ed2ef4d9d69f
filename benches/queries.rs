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

fn mechanism() -> &'static str {
    static M: OnceLock<String> = OnceLock::new();
    M.get_or_init(|| common::busiest_mechanism(ds()))
}

/// The scopes of the filtered scorecards: the busiest mechanism, one rater, one date.
fn scope(which: &str) -> common::Scope<'static> {
    let mut s = common::Scope::default();
    match which {
        "mechanism" => s.mechanism = Some(mechanism()),
        "rater" => s.rater = Some(common::RATER),
        _ => s.as_of = Some(common::as_of()),
    }
    s
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
        (
            "scorecard_mechanism",
            format!("{:?}", common::q_scorecard_where(ds, scope("mechanism"))),
            format!("{:?}", common::scan_scorecard_where(ds, scope("mechanism"))),
        ),
        (
            "scorecard_rater",
            format!("{:?}", common::q_scorecard_where(ds, scope("rater"))),
            format!("{:?}", common::scan_scorecard_where(ds, scope("rater"))),
        ),
        (
            "scorecard_as_of",
            format!("{:?}", common::q_scorecard_where(ds, scope("as_of"))),
            format!("{:?}", common::scan_scorecard_where(ds, scope("as_of"))),
        ),
    ];
    eprintln!(
        "scorecard scopes: mechanism `{}`, rater `{}`, as of {}",
        mechanism(),
        common::RATER,
        common::as_of()
    );
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

/// The unfiltered scorecard by party: **tallied at load time**, so `index` times a copy of
/// a stored answer (what the tally adds to the load: see `scorecard_every_mechanism`).
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

/// The by-party scorecard of the busiest mechanism: computed at query time from each pair's
/// view derived at load (latest score and status), grouped per query.
mod scorecard_mechanism {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn index() -> (usize, u32, i64) {
        common::q_scorecard_where(ds(), scope("mechanism"))
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> (usize, u32, i64) {
        common::scan_scorecard_where(ds(), scope("mechanism"))
    }
}

/// The by-party scorecard from one rater's assessments: every pair's latest score and
/// status found at query time.
mod scorecard_rater {
    use super::*;

    #[divan::bench(sample_count = 10)]
    fn index() -> (usize, u32, i64) {
        common::q_scorecard_where(ds(), scope("rater"))
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> (usize, u32, i64) {
        common::scan_scorecard_where(ds(), scope("rater"))
    }
}

/// The by-party scorecard as known at a date: every pair's latest score and status among
/// the assessments recorded by then, found at query time.
mod scorecard_as_of {
    use super::*;

    #[divan::bench(sample_count = 10)]
    fn index() -> (usize, u32, i64) {
        common::q_scorecard_where(ds(), scope("as_of"))
    }

    #[divan::bench(sample_count = 10)]
    fn scan() -> (usize, u32, i64) {
        common::scan_scorecard_where(ds(), scope("as_of"))
    }
}

/// Every mechanism's by-party scorecard in turn: the load-time tally's pass over every
/// pair, at query time; an upper bound on what the tally adds to the load.
mod scorecard_every_mechanism {
    use super::*;

    #[divan::bench(sample_count = 10)]
    fn index() -> (usize, u32, i64) {
        common::q_scorecard_every_mechanism(ds())
    }
}
