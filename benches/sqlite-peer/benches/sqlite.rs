//! The benchmark queries in summitry and in an in-memory SQLite with indexes and prepared
//! statements, side by side in one run, on the same generated 100k-commitment dataset.
//!
//! `cargo bench -p summitry-sqlite-peer`

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr,
    missing_docs
)]

#[path = "../../common/mod.rs"]
mod common;

use rusqlite::Connection;
use std::sync::{Mutex, OnceLock};
use summitry_sqlite_peer as peer;

const N: usize = 100_000;

fn ds() -> &'static summitry::Dataset {
    common::dataset(N)
}

fn party() -> &'static str {
    static P: OnceLock<String> = OnceLock::new();
    P.get_or_init(|| common::busiest_party(ds()))
}

fn db() -> std::sync::MutexGuard<'static, Connection> {
    static DB: OnceLock<Mutex<Connection>> = OnceLock::new();
    DB.get_or_init(|| Mutex::new(peer::sqlite_of(ds()).unwrap()))
        .lock()
        .unwrap()
}

fn window_days() -> (summitry::Day, summitry::Day) {
    let (after, before) = common::window();
    (after.last_day(), before.first_day())
}

fn sql_party_area_window() -> usize {
    let (a, b) = window_days();
    peer::party_area_window(&db(), party(), a, b, common::AREA).unwrap()
}

fn main() {
    let ds = ds();
    let p = party();
    let t = std::time::Instant::now();
    drop(db());
    eprintln!(
        "{N} commitments into SQLite in {:.1?}; party `{p}`",
        t.elapsed()
    );
    assert_eq!(sql_party_area_window(), common::q_party_area_window(ds, p));
    assert_eq!(
        peer::text_fts(&db(), common::TEXT).unwrap(),
        common::q_text(ds)
    );
    assert_eq!(
        peer::text_like(&db(), common::TEXT).unwrap(),
        common::q_text(ds)
    );
    assert_eq!(peer::party(&db(), p).unwrap(), common::q_party(ds, p));
    assert_eq!(peer::scorecard(&db()).unwrap(), common::q_scorecard(ds));
    eprintln!("every query: SQLite and summitry agree");
    divan::main();
}

mod party_area_window {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn summitry() -> usize {
        common::q_party_area_window(ds(), party())
    }

    #[divan::bench(sample_count = 20)]
    fn sqlite() -> usize {
        sql_party_area_window()
    }
}

mod text {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn summitry() -> usize {
        common::q_text(ds())
    }

    #[divan::bench(sample_count = 20)]
    fn sqlite() -> usize {
        peer::text_fts(&db(), common::TEXT).unwrap()
    }

    #[divan::bench(sample_count = 10)]
    fn sqlite_like_scan() -> usize {
        peer::text_like(&db(), common::TEXT).unwrap()
    }
}

mod party_across_mechanisms {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn summitry() -> (usize, usize) {
        common::q_party(ds(), party())
    }

    #[divan::bench(sample_count = 20)]
    fn sqlite() -> (usize, usize) {
        peer::party(&db(), party()).unwrap()
    }
}

mod scorecard_by_party {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn summitry() -> (usize, u32, i64) {
        common::q_scorecard(ds())
    }

    #[divan::bench(sample_count = 10)]
    fn sqlite() -> (usize, u32, i64) {
        peer::scorecard(&db()).unwrap()
    }
}
