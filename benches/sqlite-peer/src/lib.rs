//! The summitry benchmark queries in SQLite: the same generated dataset, loaded through the
//! summitry library into an in-memory SQLite database with indexes, queried with prepared
//! statements.
//!
//! SQLite gets what a careful user would give it: an index for every lookup the queries make
//! (no query plan builds an automatic index; `main` of the bench checks the plans), and, like
//! summitry's loader, rows stored at load: `pair`, each (commitment, obligor) pair's latest
//! score and status with the commitment's mechanism, and `party_tally`, the unfiltered
//! scorecard by party. Queries that read those stored rows are named `*_STORED`.

use rusqlite::{Connection, params};
use summitry::Dataset;

/// Days since 0001-01-01, for dates as integers.
fn days(d: summitry::Day) -> i64 {
    let d = chrono::NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()).unwrap_or_default();
    i64::from(chrono::Datelike::num_days_from_ce(&d))
}

/// Copies a dataset into a new in-memory SQLite database with indexes.
///
/// `assessment.ord` ranks assessments in summitry's "latest" order (as-of, then recorded,
/// then load order), so that "the latest" is `ORDER BY ord DESC LIMIT 1`.
pub fn sqlite_of(ds: &Dataset) -> rusqlite::Result<Connection> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch(
        "CREATE TABLE area (id TEXT PRIMARY KEY, parent TEXT);
         CREATE INDEX area_parent ON area (parent);
         CREATE TABLE document (pos INTEGER PRIMARY KEY, id TEXT UNIQUE, mechanism TEXT, summit TEXT);
         CREATE TABLE commitment (pos INTEGER PRIMARY KEY, id TEXT UNIQUE, document INTEGER,
             text TEXT, quote TEXT, deadline_first INTEGER, deadline_last INTEGER);
         CREATE TABLE obligor (party TEXT, commitment INTEGER, PRIMARY KEY (party, commitment)) WITHOUT ROWID;
         CREATE TABLE commitment_area (commitment INTEGER, area TEXT, PRIMARY KEY (commitment, area)) WITHOUT ROWID;
         CREATE TABLE assessment (pos INTEGER PRIMARY KEY, commitment INTEGER, party TEXT,
             rater TEXT, score INTEGER, status TEXT, ord INTEGER, recorded_last INTEGER);
         CREATE VIRTUAL TABLE commitment_fts USING fts5 (text, quote, tokenize = 'trigram');",
    )?;
    let tx = db.transaction()?;
    {
        let mut st = tx.prepare("INSERT INTO area VALUES (?1, ?2)")?;
        for a in ds.areas() {
            st.execute(params![
                a.id.as_str(),
                a.parent.as_ref().map(|p| p.as_str())
            ])?;
        }
        let mut st = tx.prepare("INSERT INTO document VALUES (?1, ?2, ?3, ?4)")?;
        let mut doc_pos = std::collections::HashMap::new();
        for (i, d) in ds.documents().iter().enumerate() {
            doc_pos.insert(d.id.as_str(), i as i64);
            st.execute(params![
                i as i64,
                d.id.as_str(),
                d.mechanism.as_str(),
                d.summit.as_ref().map(|s| s.as_str())
            ])?;
        }
        let mut st = tx.prepare("INSERT INTO commitment VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        let mut fts =
            tx.prepare("INSERT INTO commitment_fts (rowid, text, quote) VALUES (?1, ?2, ?3)")?;
        let mut ob = tx.prepare("INSERT OR IGNORE INTO obligor VALUES (?1, ?2)")?;
        let mut ar = tx.prepare("INSERT OR IGNORE INTO commitment_area VALUES (?1, ?2)")?;
        let mut com_pos = std::collections::HashMap::new();
        for (i, c) in ds.commitments().iter().enumerate() {
            let i = i as i64;
            com_pos.insert(c.id.as_str(), i);
            let quote = c.quote().map(|q| q.text());
            st.execute(params![
                i,
                c.id.as_str(),
                doc_pos.get(c.document.as_str()),
                c.text(),
                quote,
                c.deadline.map(|d| days(d.first_day())),
                c.deadline.map(|d| days(d.last_day())),
            ])?;
            fts.execute(params![i, c.text(), quote])?;
            for p in c.obligor_parties().iter() {
                ob.execute(params![p.as_str(), i])?;
            }
            for a in c.areas().iter() {
                ar.execute(params![i, a.as_str()])?;
            }
        }
        let mut order: Vec<usize> = (0..ds.assessments().len()).collect();
        let a = ds.assessments();
        order.sort_by(|&x, &y| (a[x].as_of, a[x].recorded, x).cmp(&(a[y].as_of, a[y].recorded, y)));
        let mut rank = vec![0i64; order.len()];
        for (r, &i) in order.iter().enumerate() {
            rank[i] = r as i64;
        }
        let mut st =
            tx.prepare("INSERT INTO assessment VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
        for (i, x) in a.iter().enumerate() {
            st.execute(params![
                i as i64,
                com_pos.get(x.commitment.as_str()),
                x.party.as_str(),
                x.rater(),
                x.score.map(|s| s.value()),
                x.status.map(|s| s.as_str()),
                rank[i],
                days(x.recorded.last_day()),
            ])?;
        }
    }
    tx.commit()?;
    db.execute_batch(
        "CREATE INDEX commitment_deadline ON commitment (deadline_last, deadline_first);
         CREATE INDEX commitment_area_area ON commitment_area (area, commitment);
         CREATE INDEX assessment_pair ON assessment (commitment, party, ord);
         CREATE INDEX assessment_rater ON assessment (rater, commitment, party, ord);
         CREATE INDEX commitment_document ON commitment (document);
         CREATE INDEX document_mechanism ON document (mechanism);
         CREATE INDEX obligor_commitment ON obligor (commitment, party);
         -- Stored at load, as summitry's loader stores each pair's view and the tally.
         CREATE TABLE pair (commitment INTEGER, party TEXT, mechanism TEXT, score INTEGER,
             status TEXT, PRIMARY KEY (party, commitment)) WITHOUT ROWID;
         INSERT INTO pair
             SELECT o.commitment, o.party, d.mechanism,
                 (SELECT a.score FROM assessment a WHERE a.commitment = o.commitment
                     AND a.party = o.party AND a.score IS NOT NULL ORDER BY a.ord DESC LIMIT 1),
                 (SELECT a.status FROM assessment a WHERE a.commitment = o.commitment
                     AND a.party = o.party AND a.status IS NOT NULL ORDER BY a.ord DESC LIMIT 1)
             FROM obligor o JOIN commitment c ON c.pos = o.commitment
             JOIN document d ON d.pos = c.document;
         CREATE INDEX pair_mechanism ON pair (mechanism, party, score);
         CREATE TABLE party_tally (party TEXT PRIMARY KEY, assessed INTEGER, score_sum INTEGER,
             unassessed INTEGER) WITHOUT ROWID;
         INSERT INTO party_tally
             SELECT party, count(score), coalesce(sum(score), 0), count(*) - count(score)
             FROM pair GROUP BY party;
         ANALYZE;",
    )?;
    Ok(db)
}

/// Party + area (with sub-areas) + deadline window.
pub const PARTY_AREA_WINDOW: &str = "
    WITH RECURSIVE sub (id) AS (
        SELECT ?4 UNION SELECT area.id FROM area JOIN sub ON area.parent = sub.id)
    SELECT count(*) FROM obligor o JOIN commitment c ON c.pos = o.commitment
    WHERE o.party = ?1 AND c.deadline_first > ?2 AND c.deadline_last < ?3
      AND EXISTS (SELECT 1 FROM commitment_area ca
                  WHERE ca.commitment = c.pos AND ca.area IN sub)";

/// Text search with the FTS5 trigram index (substring, case-insensitive).
pub const TEXT_FTS: &str = "SELECT count(*) FROM commitment_fts WHERE commitment_fts MATCH ?1";

/// Text search by `LIKE` (a scan; ASCII case-insensitive).
pub const TEXT_LIKE: &str = "SELECT count(*) FROM commitment
    WHERE text LIKE '%' || ?1 || '%' OR quote LIKE '%' || ?1 || '%'";

/// One party across mechanisms: each commitment binding it, with its mechanism and the
/// party's latest score and status.
pub const PARTY: &str = "
    SELECT c.pos, d.mechanism,
        (SELECT a.score FROM assessment a WHERE a.commitment = c.pos AND a.party = ?1
            AND a.score IS NOT NULL ORDER BY a.ord DESC LIMIT 1),
        (SELECT a.status FROM assessment a WHERE a.commitment = c.pos AND a.party = ?1
            AND a.status IS NOT NULL ORDER BY a.ord DESC LIMIT 1)
    FROM obligor o JOIN commitment c ON c.pos = o.commitment
    JOIN document d ON d.pos = c.document
    WHERE o.party = ?1 ORDER BY c.pos";

/// A scorecard by party computed at query time, with the assessments and the pairs each
/// restricted by `{assessments}` and `{pairs}`: every pair counts once, and its latest score
/// (by `ord`, walking the `assessment_pair` or `assessment_rater` index in order) once
/// more. A `UNION ALL` and one `GROUP BY`, so no join needs an automatic index (the
/// round-4 query `LEFT JOIN`ed a window over every assessment and built one per run).
fn scorecard_sql(assessments: &str, pairs: &str) -> String {
    format!(
        "SELECT party, sum(a), sum(s), sum(p) - sum(a) FROM (
            SELECT party, 0 AS a, 0 AS s, 1 AS p FROM obligor {pairs}
            UNION ALL
            SELECT party, 1, score, 0 FROM (
                SELECT party, score, row_number() OVER (
                    PARTITION BY commitment, party ORDER BY ord DESC) AS rn
                FROM assessment WHERE score IS NOT NULL {assessments})
            WHERE rn = 1)
        GROUP BY party ORDER BY party"
    )
}

/// The commitments of mechanism `?1`, through the `document_mechanism` and
/// `commitment_document` indexes.
const IN_MECHANISM: &str = "commitment IN (SELECT c.pos FROM document d
    JOIN commitment c ON c.document = d.pos WHERE d.mechanism = ?1)";

/// The scorecard by party over every pair and assessment, computed at query time.
pub fn scorecard_sql_all() -> String {
    scorecard_sql("", "")
}

/// The scorecard by party of the commitments of mechanism `?1`, computed at query time.
pub fn scorecard_sql_mechanism() -> String {
    scorecard_sql(
        &format!("AND {IN_MECHANISM}"),
        &format!("WHERE {IN_MECHANISM}"),
    )
}

/// The scorecard by party from rater `?1`'s assessments, computed at query time.
pub fn scorecard_sql_rater() -> String {
    scorecard_sql("AND rater = ?1", "")
}

/// The scorecard by party from the assessments recorded by day `?1` (days since 0001-01-01
/// of the as-of date's last day), computed at query time.
pub fn scorecard_sql_as_of() -> String {
    scorecard_sql("AND recorded_last <= ?1", "")
}

/// The scorecard by party of mechanism `?1` from the `pair` rows stored at load.
pub const SCORECARD_MECHANISM_STORED: &str = "
    SELECT party, count(score), coalesce(sum(score), 0), count(*) - count(score)
    FROM pair WHERE mechanism = ?1 GROUP BY party ORDER BY party";

/// The unfiltered scorecard by party, tallied at load into `party_tally`.
pub const SCORECARD_STORED: &str =
    "SELECT party, assessed, score_sum, unassessed FROM party_tally ORDER BY party";

/// One party across mechanisms from the `pair` rows stored at load.
pub const PARTY_STORED: &str = "
    SELECT commitment, mechanism, score, status FROM pair WHERE party = ?1 ORDER BY commitment";

/// Runs [`PARTY_AREA_WINDOW`].
pub fn party_area_window(
    db: &Connection,
    party: &str,
    after_last: summitry::Day,
    before_first: summitry::Day,
    area: &str,
) -> rusqlite::Result<usize> {
    let mut st = db.prepare_cached(PARTY_AREA_WINDOW)?;
    st.query_row(
        params![party, days(after_last), days(before_first), area],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n as usize)
}

/// Runs [`TEXT_FTS`] with the words as one phrase.
pub fn text_fts(db: &Connection, words: &str) -> rusqlite::Result<usize> {
    let mut st = db.prepare_cached(TEXT_FTS)?;
    let phrase = format!("\"{}\"", words.replace('"', "\"\""));
    st.query_row(params![phrase], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
}

/// Runs [`TEXT_LIKE`].
pub fn text_like(db: &Connection, words: &str) -> rusqlite::Result<usize> {
    let mut st = db.prepare_cached(TEXT_LIKE)?;
    st.query_row(params![words], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
}

/// Runs [`PARTY`]: (rows, rows with a score).
pub fn party(db: &Connection, party: &str) -> rusqlite::Result<(usize, usize)> {
    let mut st = db.prepare_cached(PARTY)?;
    let mut rows = st.query(params![party])?;
    let (mut n, mut scored) = (0, 0);
    while let Some(r) = rows.next()? {
        let _mechanism: String = r.get(1)?;
        let score: Option<i64> = r.get(2)?;
        let _status: Option<String> = r.get(3)?;
        n += 1;
        scored += usize::from(score.is_some());
    }
    Ok((n, scored))
}

/// Runs [`PARTY_STORED`]: (rows, rows with a score).
pub fn party_stored(db: &Connection, party: &str) -> rusqlite::Result<(usize, usize)> {
    let mut st = db.prepare_cached(PARTY_STORED)?;
    let mut rows = st.query(params![party])?;
    let (mut n, mut scored) = (0, 0);
    while let Some(r) = rows.next()? {
        let _mechanism: String = r.get(1)?;
        let score: Option<i64> = r.get(2)?;
        let _status: Option<String> = r.get(3)?;
        n += 1;
        scored += usize::from(score.is_some());
    }
    Ok((n, scored))
}

/// A parameter of a scorecard query.
#[derive(Clone, Copy, Debug)]
pub enum Param<'a> {
    /// No parameter.
    None,
    /// A mechanism or rater id.
    Text(&'a str),
    /// An as-of date: its last day.
    Day(summitry::Day),
}

/// Runs a scorecard query (one of `scorecard_sql_*` or the `*_STORED` ones): (rows,
/// assessed pairs, score sum).
pub fn scorecard_with(
    db: &Connection,
    sql: &str,
    param: Param<'_>,
) -> rusqlite::Result<(usize, u32, i64)> {
    let mut st = db.prepare_cached(sql)?;
    let mut rows = match param {
        Param::None => st.query([])?,
        Param::Text(t) => st.query(params![t])?,
        Param::Day(d) => st.query(params![days(d)])?,
    };
    let (mut n, mut assessed, mut sum) = (0usize, 0u32, 0i64);
    while let Some(r) = rows.next()? {
        n += 1;
        assessed += r.get::<_, i64>(1)? as u32;
        sum += r.get::<_, i64>(2)?;
    }
    Ok((n, assessed, sum))
}

/// The query plan of `sql`, one line per step (`EXPLAIN QUERY PLAN`).
pub fn plan(db: &Connection, sql: &str, param: Param<'_>) -> rusqlite::Result<String> {
    let sql = format!("EXPLAIN QUERY PLAN {sql}");
    let mut st = db.prepare(&sql)?;
    let mut rows = match param {
        Param::None => st.query([])?,
        Param::Text(t) => st.query(params![t])?,
        Param::Day(d) => st.query(params![days(d)])?,
    };
    let mut out = String::new();
    while let Some(r) = rows.next()? {
        out.push_str(&r.get::<_, String>(3)?);
        out.push('\n');
    }
    Ok(out)
}

/// Runs [`scorecard_sql_all`]: (rows, assessed pairs, score sum).
pub fn scorecard(db: &Connection) -> rusqlite::Result<(usize, u32, i64)> {
    let mut st = db.prepare_cached(&scorecard_sql_all())?;
    let mut rows = st.query([])?;
    let (mut n, mut assessed, mut sum) = (0usize, 0u32, 0i64);
    while let Some(r) = rows.next()? {
        n += 1;
        assessed += r.get::<_, i64>(1)? as u32;
        sum += r.get::<_, i64>(2)?;
    }
    Ok((n, assessed, sum))
}
