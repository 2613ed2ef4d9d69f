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

fn mechanism() -> &'static str {
    static M: OnceLock<String> = OnceLock::new();
    M.get_or_init(|| common::busiest_mechanism(ds()))
}

fn scope(which: &str) -> common::Scope<'static> {
    let mut s = common::Scope::default();
    match which {
        "mechanism" => s.mechanism = Some(mechanism()),
        "rater" => s.rater = Some(common::RATER),
        _ => s.as_of = Some(common::as_of()),
    }
    s
}

/// Each SQL query of the comparison with its parameter.
fn queries() -> Vec<(&'static str, String, peer::Param<'static>)> {
    use peer::Param;
    vec![
        ("party", peer::PARTY.to_owned(), Param::Text(party())),
        (
            "party stored",
            peer::PARTY_STORED.to_owned(),
            Param::Text(party()),
        ),
        ("scorecard", peer::scorecard_sql_all(), Param::None),
        (
            "scorecard stored",
            peer::SCORECARD_STORED.to_owned(),
            Param::None,
        ),
        (
            "scorecard mechanism",
            peer::scorecard_sql_mechanism(),
            Param::Text(mechanism()),
        ),
        (
            "scorecard mechanism stored",
            peer::SCORECARD_MECHANISM_STORED.to_owned(),
            Param::Text(mechanism()),
        ),
        (
            "scorecard rater",
            peer::scorecard_sql_rater(),
            Param::Text(common::RATER),
        ),
        (
            "scorecard as of",
            peer::scorecard_sql_as_of(),
            Param::Day(common::as_of().last_day()),
        ),
    ]
}

fn sql_scorecard(which: usize) -> (usize, u32, i64) {
    static Q: OnceLock<Vec<(&'static str, String, peer::Param<'static>)>> = OnceLock::new();
    let (_, sql, param) = &Q.get_or_init(queries)[which];
    peer::scorecard_with(&db(), sql, *param).unwrap()
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
    assert_eq!(
        peer::party_stored(&db(), p).unwrap(),
        common::q_party(ds, p)
    );
    assert_eq!(sql_scorecard(3), common::q_scorecard(ds));
    let mechanism_card = common::q_scorecard_where(ds, scope("mechanism"));
    assert_eq!(sql_scorecard(4), mechanism_card);
    assert_eq!(sql_scorecard(5), mechanism_card);
    assert_eq!(
        sql_scorecard(6),
        common::q_scorecard_where(ds, scope("rater"))
    );
    assert_eq!(
        sql_scorecard(7),
        common::q_scorecard_where(ds, scope("as_of"))
    );
    // No plan builds an index per run: every lookup has its index.
    for (name, sql, param) in queries() {
        let plan = peer::plan(&db(), &sql, param).unwrap();
        eprintln!("plan of {name}:\n{plan}");
        assert!(
            !plan.contains("AUTOMATIC"),
            "{name} builds an index per run:\n{plan}"
        );
    }
    eprintln!(
        "scorecard scopes: mechanism `{}`, rater `{}`, as of {}",
        mechanism(),
        common::RATER,
        common::as_of()
    );
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

    /// From the `pair` rows stored at load, as summitry reads its own.
    #[divan::bench(sample_count = 20)]
    fn sqlite_stored_pairs() -> (usize, usize) {
        peer::party_stored(&db(), party()).unwrap()
    }
}

/// summitry's answer is **tallied at load time** and cloned here; `sqlite` computes it at
/// query time, `sqlite_stored_tally` reads a tally stored at load.
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

    #[divan::bench(sample_count = 20)]
    fn sqlite_stored_tally() -> (usize, u32, i64) {
        sql_scorecard(3)
    }
}

/// The busiest mechanism's scorecard by party: summitry groups each pair's view derived at
/// load; `sqlite` computes from the assessments, `sqlite_stored_pairs` groups the `pair`
/// rows stored at load (like for like).
mod scorecard_mechanism {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn summitry() -> (usize, u32, i64) {
        common::q_scorecard_where(ds(), scope("mechanism"))
    }

    #[divan::bench(sample_count = 10)]
    fn sqlite() -> (usize, u32, i64) {
        sql_scorecard(4)
    }

    #[divan::bench(sample_count = 20)]
    fn sqlite_stored_pairs() -> (usize, u32, i64) {
        sql_scorecard(5)
    }
}

/// One rater's scorecard by party: both sides find every pair's latest at query time.
mod scorecard_rater {
    use super::*;

    #[divan::bench(sample_count = 10)]
    fn summitry() -> (usize, u32, i64) {
        common::q_scorecard_where(ds(), scope("rater"))
    }

    #[divan::bench(sample_count = 10)]
    fn sqlite() -> (usize, u32, i64) {
        sql_scorecard(6)
    }
}

/// The scorecard by party as known at a date: both sides at query time.
mod scorecard_as_of {
    use super::*;

    #[divan::bench(sample_count = 10)]
    fn summitry() -> (usize, u32, i64) {
        common::q_scorecard_where(ds(), scope("as_of"))
    }

    #[divan::bench(sample_count = 10)]
    fn sqlite() -> (usize, u32, i64) {
        sql_scorecard(7)
    }
}
