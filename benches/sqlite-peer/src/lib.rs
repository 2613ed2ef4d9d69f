//! The summitry benchmark queries in SQLite: the same generated dataset, loaded through the
//! summitry library into an in-memory SQLite database with indexes, queried with prepared
//! statements.

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
             rater TEXT, score INTEGER, status TEXT, ord INTEGER);
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
        let mut st = tx.prepare("INSERT INTO assessment VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for (i, x) in a.iter().enumerate() {
            st.execute(params![
                i as i64,
                com_pos.get(x.commitment.as_str()),
                x.party.as_str(),
                x.rater(),
                x.score.map(|s| s.value()),
                x.status.map(|s| s.as_str()),
                rank[i],
            ])?;
        }
    }
    tx.commit()?;
    db.execute_batch(
        "CREATE INDEX commitment_deadline ON commitment (deadline_last, deadline_first);
         CREATE INDEX commitment_area_area ON commitment_area (area, commitment);
         CREATE INDEX assessment_pair ON assessment (commitment, party, ord);
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

/// A scorecard by party: the latest score of every (commitment, obligor) pair.
pub const SCORECARD: &str = "
    WITH latest AS (
        SELECT commitment, party, score FROM (
            SELECT commitment, party, score, row_number() OVER (
                PARTITION BY commitment, party ORDER BY ord DESC) AS rn
            FROM assessment WHERE score IS NOT NULL)
        WHERE rn = 1)
    SELECT o.party, count(l.score), coalesce(sum(l.score), 0), count(*) - count(l.score)
    FROM obligor o LEFT JOIN latest l ON l.commitment = o.commitment AND l.party = o.party
    GROUP BY o.party ORDER BY o.party";

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

/// Runs [`SCORECARD`]: (rows, assessed pairs, score sum).
pub fn scorecard(db: &Connection) -> rusqlite::Result<(usize, u32, i64)> {
    let mut st = db.prepare_cached(SCORECARD)?;
    let mut rows = st.query([])?;
    let (mut n, mut assessed, mut sum) = (0usize, 0u32, 0i64);
    while let Some(r) = rows.next()? {
        n += 1;
        assessed += r.get::<_, i64>(1)? as u32;
        sum += r.get::<_, i64>(2)?;
    }
    Ok((n, assessed, sum))
}
