//! Compliance research on an invented dataset (`tests/fixtures/compliance.toml`): three
//! parties (aa Aland, bb Borduria, cc Carpania), two summits, two raters, one pair not
//! applicable. Every expected figure is worked out by hand in the comments, never by calling
//! the crate.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;
use summitry::{By, Cell, Dataset, Mark, Method, Score, ScorecardQuery};

const DATA: &str = include_str!("fixtures/compliance.toml");
const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/compliance.toml"
);

fn ds() -> Dataset {
    Dataset::from_toml_str("compliance.toml", DATA).unwrap()
}

fn d(s: &str) -> summitry::PartialDate {
    s.parse().unwrap()
}

/// (key, key2, assessed, not assessed, n/a, score sum, percent).
type Figures = (String, String, u32, u32, u32, i64, Option<i64>);

/// The figures of each row, then of the total.
fn figures(card: &summitry::Scorecard, m: Method) -> Vec<Figures> {
    card.rows
        .iter()
        .chain(std::iter::once(&card.total))
        .map(|r| {
            (
                r.key.clone(),
                r.key2.clone().unwrap_or_default(),
                r.assessed,
                r.unassessed,
                r.not_applicable,
                r.score_sum,
                r.percent_by(m),
            )
        })
        .collect()
}

fn row(k: &str, k2: &str, a: u32, u: u32, na: u32, sum: i64, p: Option<i64>) -> Figures {
    (k.into(), k2.into(), a, u, na, sum, p)
}

#[test]
fn not_applicable_is_its_own_mark() {
    let ds = ds();
    let a = ds
        .assessments()
        .iter()
        .find(|a| a.commitment.as_str() == "c2" && a.party.as_str() == "bb")
        .unwrap();
    assert!(a.not_applicable);
    assert_eq!(a.score, None);
    assert_eq!(a.mark(), Some(Mark::NotApplicable));
    assert_eq!(Mark::NotApplicable.to_string(), "n/a");
    assert_eq!(Mark::Score(Score::FULL).to_string(), "+1");
    // Defaults filled the rater, dates and evidence.
    assert_eq!(a.rater(), "r1");
    assert_eq!(a.recorded.to_string(), "2031-12");
    // The canonical export writes it back as "n/a" and loads back equal.
    let toml = ds.export_toml_string();
    assert!(toml.contains("party = \"bb\"\nscore = \"n/a\"\n"), "{toml}");
    assert_eq!(Dataset::from_toml_str("export.toml", &toml).unwrap(), ds);
    // Commitments carry a number and a short title.
    let c3 = ds.commitment("c3").unwrap();
    assert_eq!((c3.number(), c3.title()), (Some("1a"), Some("Tariffs")));
    assert_eq!(ds.commitment("c1").unwrap().number(), Some("1"));
}

#[test]
fn scorecard_by_party_rater_r1() {
    // r1 as known on 2031-12-31 (r2 is recorded 2032-01-10, the late r1 mark 2032-03):
    // aa: c1 +1, c2 +1, c3 0, c4 -1 -> 4 assessed, sum 1, mean .25 -> (1.25/2) 62.5 -> 63
    // bb: c1 0, c2 n/a, c3 +1, c4 +1 -> 3 assessed, sum 2, 1 n/a -> (5/3)/2 = 83.3 -> 83
    // cc: c1 -1, c2 none, c3 +1 -> 2 assessed, sum 0, 1 not assessed -> 50
    // total: 9 assessed, sum 3, 1 not assessed, 1 n/a -> (4/3)/2 = 66.7 -> 67
    let q = ScorecardQuery::new().rater("r1").as_of(d("2031-12-31"));
    let card = ds().scorecard(&q).unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("aa", "", 4, 0, 0, 1, Some(63)),
            row("bb", "", 3, 0, 1, 2, Some(83)),
            row("cc", "", 2, 1, 0, 0, Some(50)),
            row("total", "", 9, 1, 1, 3, Some(67)),
        ]
    );
    assert_eq!(card.rater.as_deref(), Some("r1"));
    // Excluded counts pairs with no r1 mark that some other assessment marks: the only pair
    // without an r1 mark is cc/c2, which nobody assessed, so none.
    assert_eq!(card.excluded, 0);
    // The mean method: 25, 67 (66.7), 0, 33 (33.3).
    let card = ds().scorecard(&q.clone().method(Method::Mean)).unwrap();
    let pcts: Vec<Option<i64>> = figures(&card, Method::Mean)
        .into_iter()
        .map(|r| r.6)
        .collect();
    assert_eq!(pcts, vec![Some(25), Some(67), Some(0), Some(33)]);
}

#[test]
fn cross_tab_party_by_summit_and_scopes() {
    // r1 on 2031-12-31, s1 = c1, c2; s2 = c3, c4 (c4 binds aa and bb only).
    // aa s1: +1 +1 -> 100; aa s2: 0 -1 -> sum -1 of 2 -> 25
    // bb s1: 0, n/a -> 50 (1 n/a); bb s2: +1 +1 -> 100
    // cc s1: -1, none -> 0 (1 not assessed); cc s2: +1 -> 100
    let q = ScorecardQuery::new()
        .rater("r1")
        .as_of(d("2031-12-31"))
        .by(By::Party)
        .then_by(By::Summit);
    let card = ds().scorecard(&q).unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("aa", "s1", 2, 0, 0, 2, Some(100)),
            row("aa", "s2", 2, 0, 0, -1, Some(25)),
            row("bb", "s1", 1, 0, 1, 0, Some(50)),
            row("bb", "s2", 2, 0, 0, 2, Some(100)),
            row("cc", "s1", 1, 1, 0, -1, Some(0)),
            row("cc", "s2", 1, 0, 0, 1, Some(100)),
            row("total", "", 9, 1, 1, 3, Some(67)),
        ]
    );
    // --summit s2: aa 25, bb 100, cc 100; total sum 2 of 5 -> (1.4/2) 70.
    let card = ds()
        .scorecard(
            &ScorecardQuery::new()
                .rater("r1")
                .as_of(d("2031-12-31"))
                .summit("s2"),
        )
        .unwrap();
    assert_eq!(card.total.percent, Some(70));
    // --area health (c2, c4): aa +1 -1 -> 50; bb n/a +1 -> 100; cc not assessed.
    let card = ds()
        .scorecard(
            &ScorecardQuery::new()
                .rater("r1")
                .as_of(d("2031-12-31"))
                .area("health"),
        )
        .unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("aa", "", 2, 0, 0, 0, Some(50)),
            row("bb", "", 1, 0, 1, 1, Some(100)),
            row("cc", "", 0, 1, 0, 0, None),
            row("total", "", 3, 1, 1, 1, Some(67)),
        ]
    );
    // --party bb --document d1: c1 0, c2 n/a.
    let card = ds()
        .scorecard(
            &ScorecardQuery::new()
                .as_of(d("2031-12-31"))
                .party("bb")
                .document("d1"),
        )
        .unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("bb", "", 1, 0, 1, 0, Some(50)),
            row("total", "", 1, 0, 1, 0, Some(50))
        ]
    );
}

#[test]
fn one_as_of_rule_and_raters_named() {
    // Any rater, as known on 2032-01-31: r2's marks (recorded later, same as-of) win where
    // r2 assessed; c2 stays r1's. By commitment:
    // c1: +1 -1 -1 -> sum -1 of 3 -> 33; c2: +1, n/a, none -> 100; c3: +1 +1 0 -> 83;
    // c4: -1 0 -> 25. Total: 9 assessed, sum 1 -> (10/9)/2 = 55.6 -> 56.
    let q = ScorecardQuery::new()
        .as_of(d("2032-01-31"))
        .by(By::Commitment);
    let card = ds().scorecard(&q).unwrap();
    let pcts: Vec<(String, Option<i64>)> = figures(&card, Method::G20rg)
        .into_iter()
        .map(|r| (r.0, r.6))
        .collect();
    assert_eq!(
        pcts,
        vec![
            ("c1".into(), Some(33)),
            ("c2".into(), Some(100)),
            ("c3".into(), Some(83)),
            ("c4".into(), Some(25)),
            ("total".into(), Some(56)),
        ]
    );
    assert_eq!(card.raters_used, vec!["r1".to_owned(), "r2".to_owned()]);
    // On 2032-03-31 r1's late mark (c3 cc -1, as of 2032-02) is the latest: c3 +1 +1 -1 -> 67.
    let card = ds().scorecard(&q.clone().as_of(d("2032-03-31"))).unwrap();
    assert_eq!(card.rows[2].percent, Some(67));
    // On 2032-03-10 it is not yet known (recorded "2032-03" ends after the 10th): 83.
    let card = ds().scorecard(&q.clone().as_of(d("2032-03-10"))).unwrap();
    assert_eq!(card.rows[2].percent, Some(83));
    // Before anything was recorded every pair is not assessed, and the 10 marked pairs are
    // excluded by the date (11 pairs, cc/c2 never assessed).
    let card = ds()
        .scorecard(&ScorecardQuery::new().as_of(d("2031-11-30")))
        .unwrap();
    assert_eq!(
        (card.total.assessed, card.total.unassessed, card.excluded),
        (0, 11, 10)
    );
}

#[test]
fn matrix_and_kappa() {
    let data = ds();
    let m = data
        .compliance_matrix(&ScorecardQuery::new().rater("r1").as_of(d("2031-12-31")))
        .unwrap();
    let ids: Vec<&str> = m.parties.iter().map(|p| p.as_str()).collect();
    assert_eq!(ids, ["aa", "bb", "cc"]);
    assert_eq!(m.rows[1].cells[1], Cell::Mark(Mark::NotApplicable));
    assert_eq!(m.rows[1].cells[2], Cell::NotAssessed);
    assert_eq!(m.rows[3].cells[2], Cell::NotBound);
    // Rows: c1 +1 0 -1 -> 50; c2 +1 n/a . -> 100; c3 0 +1 +1 -> 83; c4 -1 +1 -> 50.
    let rows: Vec<Option<i64>> = m.rows.iter().map(|r| r.percent).collect();
    assert_eq!(rows, [Some(50), Some(100), Some(83), Some(50)]);
    assert_eq!(m.party_percent, [Some(63), Some(83), Some(50)]);
    assert_eq!(m.total_percent, Some(67));

    // r1 × r2 on 2032-01-31, pairs both scored (c2 has no r2 mark):
    // (+1,+1) (0,-1) (-1,-1) (0,+1) (+1,+1) (+1,0) (-1,-1) (+1,0): 8 pairs, 4 agree -> 50%.
    // Linear agreement weights 1, .5, 0: po = (4×1 + 4×.5)/8 = .75.
    // Margins r1: -1 2, 0 2, +1 4; r2: -1 3, 0 2, +1 3.
    // pe = [2(3 + .5×2) + 2(.5×3 + 2 + .5×3) + 4(.5×2 + 3)] / 64 = (8 + 10 + 16)/64 = .53125.
    // kappa = (.75 - .53125) / (1 - .53125) = .21875 / .46875 = 7/15.
    let g = ds()
        .agreement("r1", "r2", &ScorecardQuery::new().as_of(d("2032-01-31")))
        .unwrap();
    assert_eq!((g.pairs, g.agreed), (8, 4));
    assert_eq!(g.table, [[2, 0, 0], [1, 0, 1], [0, 2, 2]]);
    assert_eq!(g.percent, Some(50.0));
    assert!(
        (g.kappa.unwrap() - 7.0 / 15.0).abs() < 1e-12,
        "{:?}",
        g.kappa
    );
    // Scoped to s1 (c1 only; c2 has no r2 mark): 3 pairs, agree on aa and cc.
    let g = ds()
        .agreement(
            "r1",
            "r2",
            &ScorecardQuery::new().as_of(d("2032-01-31")).summit("s1"),
        )
        .unwrap();
    assert_eq!((g.pairs, g.agreed), (3, 2));
    // An unknown rater is an error with a suggestion.
    let e = ds()
        .agreement("r1", "r3", &ScorecardQuery::new())
        .unwrap_err();
    assert_eq!(e.to_string(), "unknown rater `r3` (did you mean `r1`?)");
}

/// A tiny CSV reader (RFC 4180: quoted fields, doubled quotes, CRLF), for reading back.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

fn cli(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(["--data", PATH])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn cli_matrix_csv_reads_back() {
    let csv = cli(&[
        "--as-of",
        "2031-12-31",
        "export",
        "csv",
        "--table",
        "matrix",
        "--rater",
        "r1",
    ]);
    let rows = parse_csv(&csv);
    let want: Vec<Vec<&str>> = vec![
        vec![
            "commitment",
            "number",
            "title",
            "aa",
            "bb",
            "cc",
            "compliance %",
        ],
        vec!["c1", "1", "Trade", "+1", "0", "-1", "50"],
        vec!["c2", "2", "Clinics", "+1", "n/a", "", "100"],
        vec!["c3", "1a", "Tariffs", "0", "+1", "+1", "83"],
        vec!["c4", "2", "Vaccines", "-1", "+1", "not bound", "50"],
        vec!["compliance %", "", "", "63", "83", "50", "67"],
    ];
    assert_eq!(rows, want);
    let s2 = parse_csv(&cli(&[
        "--as-of",
        "2031-12-31",
        "export",
        "csv",
        "--table",
        "matrix",
        "--rater",
        "r1",
        "--summit",
        "s2",
    ]));
    assert_eq!(
        s2.last().unwrap(),
        &["compliance %", "", "", "25", "100", "100", "70"]
    );
}

#[test]
fn cli_scorecard_cross_tab_long_form_and_text() {
    let csv = cli(&[
        "--as-of",
        "2031-12-31",
        "scorecard",
        "--rater",
        "r1",
        "--by",
        "party",
        "--by",
        "summit",
        "--format",
        "csv",
    ]);
    let rows = parse_csv(&csv);
    assert_eq!(
        &rows[0][..6],
        ["key", "key2", "name", "mean", "percent", "assessed"]
    );
    assert_eq!(rows[0].last().unwrap(), "not_applicable");
    let cells: Vec<(&str, &str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| {
            (
                r[0].as_str(),
                r[1].as_str(),
                r[4].as_str(),
                r.last().unwrap().as_str(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("aa", "s1", "100", "0"),
            ("aa", "s2", "25", "0"),
            ("bb", "s1", "50", "1"),
            ("bb", "s2", "100", "0"),
            ("cc", "s1", "0", "0"),
            ("cc", "s2", "100", "0"),
            ("total", "", "67", "1"),
        ]
    );
    let text = cli(&[
        "--as-of",
        "2031-12-31",
        "scorecard",
        "--rater",
        "r1",
        "--sort",
        "score",
    ]);
    assert_eq!(
        text,
        "party  name       mean  compliance %  assessed  not assessed  n/a\n\
         bb     Borduria  +0.67           83%         3             0    1\n\
         aa     Aland     +0.25           63%         4             0    0\n\
         cc     Carpania  +0.00           50%         2             1    0\n\
         total            +0.33           67%         9             1    1\n\
         \n\
         method: g20rg — compliance % = (mean + 1) / 2 × 100, rounded half up (G20\n\
         Research Group)\n\
         rater: r1\n\
         pairs not applicable: 1; not assessed: 1; excluded by rater or as-of date: 0\n"
    );
    let json: serde_json::Value = serde_json::from_str(&cli(&[
        "--as-of",
        "2032-01-31",
        "scorecard",
        "--by",
        "commitment",
        "--method",
        "mean",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["method"], "mean");
    assert_eq!(json["raters_used"], serde_json::json!(["r1", "r2"]));
    // Document order and short titles: c1 Trade -33, c2 Clinics 100, c3 Tariffs 67, c4 Vaccines -50.
    let rows: Vec<(String, String, i64)> = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap().into(),
                r["name"].as_str().unwrap().into(),
                r["percent"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("c1".to_owned(), "Trade".to_owned(), -33),
            ("c2".to_owned(), "Clinics".to_owned(), 100),
            ("c3".to_owned(), "Tariffs".to_owned(), 67),
            ("c4".to_owned(), "Vaccines".to_owned(), -50),
        ]
    );
}

#[test]
fn cli_commitments_and_agreement_follow_as_of() {
    // On 2031-12-31 only r1 is known: bb's c1 mark is 0; on 2032-01-31 r2's -1.
    let before = cli(&["--as-of", "2031-12-31", "commitments", "--document", "d1"]);
    assert!(
        before.contains("    Borduria: score 0 (r1, as of 2031-11; evidence: src)\n"),
        "{before}"
    );
    assert!(
        before.contains("    Borduria: not applicable (r1, as of 2031-11; evidence: src)\n"),
        "{before}"
    );
    assert!(before.contains("    Carpania: unassessed\n"), "{before}");
    let after = cli(&["--as-of", "2032-01-31", "commitments", "--document", "d1"]);
    assert!(
        after.contains("    Borduria: score -1 (r2, as of 2031-11; evidence: src)\n"),
        "{after}"
    );
    let text = cli(&[
        "--as-of",
        "2032-01-31",
        "agreement",
        "--rater",
        "r1",
        "--rater",
        "r2",
    ]);
    assert_eq!(
        text,
        "raters: r1 and r2\npairs both scored: 8\nagreement: 4 of 8 (50.0%)\nweighted kappa (linear weights on -1/0/+1): 0.467\n"
    );
}

#[test]
fn import_matrix_round_trips_with_export() {
    let data = ds();
    let o = summitry::export::ExportOptions::new()
        .as_of(d("2031-12-31"))
        .rater("r1")
        .summit("s1")
        .raw_csv(true);
    let csv = data
        .export_csv_string(summitry::export::Table::Matrix, &o)
        .unwrap();
    let import = summitry::export::MatrixImport {
        document: "d1".into(),
        rater: "r3".into(),
        recorded: d("2031-12"),
        as_of: Some(d("2031-11")),
        evidence: "src".into(),
    };
    let toml = data.import_matrix("m.csv", &csv, &import).unwrap();
    // Every record but the assessments, then the imported ones.
    let base = &DATA[..DATA.find("[assessment-defaults]").unwrap()];
    let again = Dataset::from_toml_str("all.toml", &format!("{base}\n{toml}")).unwrap();
    // 5 records: c1 aa bb cc, c2 aa bb (n/a); cc/c2 was empty.
    assert_eq!(again.assessments().len(), 5);
    assert!(again.assessments().iter().all(|a| a.rater() == "r3"));
    let o3 = summitry::export::ExportOptions::new()
        .as_of(d("2031-12-31"))
        .rater("r3")
        .summit("s1")
        .raw_csv(true);
    assert_eq!(
        again
            .export_csv_string(summitry::export::Table::Matrix, &o3)
            .unwrap(),
        csv
    );
}

#[test]
fn import_matrix_refuses_unknown_ids_and_bad_cells_with_their_place() {
    let data = ds();
    let o = summitry::export::MatrixImport {
        document: "d1".into(),
        rater: "r3".into(),
        recorded: d("2031-12"),
        as_of: None,
        evidence: "src".into(),
    };
    let err = |csv: &str| {
        data.import_matrix("m.csv", csv, &o)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err("commitment,number,title,aa,bx\r\nc1,1,T,+1,0\r\n"),
        "m.csv:1:28: unknown party `bx` in the header (did you mean `bb`?)"
    );
    assert_eq!(
        err("commitment,number,title,aa,bb\nc1,1,T,+1,NA\n"),
        "m.csv:2:11: `NA` for `bb` on `c1` is not a mark: use +1, 0, -1, n/a or nothing (write `n/a` for not applicable)"
    );
    assert_eq!(
        err("commitment,number,title,aa\nc9,1,T,+1\n"),
        "m.csv:2:1: unknown commitment `c9` (did you mean `c1`?)"
    );
    assert_eq!(
        err("commitment,number,title,aa\nc3,1,T,+1\n"),
        "m.csv:2:1: commitment `c3` is in `d2`, not `d1`"
    );
    assert_eq!(
        err("commitment,number,title,aa\nc1,1,T,not bound\n"),
        "m.csv:2:8: `aa` is bound by `c1`: write a score, `n/a` or nothing"
    );
    let o2 = summitry::export::MatrixImport {
        document: "d2".into(),
        ..o.clone()
    };
    assert_eq!(
        data.import_matrix("m.csv", "commitment,number,title,cc\nc4,2,V,0\n", &o2)
            .unwrap_err()
            .to_string(),
        "m.csv:2:8: `c4` does not bind `cc`: leave the cell empty or write `not bound`"
    );
}

#[test]
fn unfiltered_scorecards_use_the_latest_mark_of_each_pair() {
    // No rater and no date: each pair's latest assessment by (as-of, recorded) that scores.
    // r2's marks (same as-of as r1's, recorded later) win where r2 assessed; c2 stays r1's;
    // c3/cc is r1's late -1 (as of 2032-02).
    // aa: c1 +1, c2 +1, c3 +1, c4 -1 -> 4 assessed, sum 2, mean .5 -> 75; mean method 50
    // bb: c1 -1, c2 n/a, c3 +1, c4 0 -> 3 assessed, sum 0, 1 n/a -> 50; mean method 0
    // cc: c1 -1, c2 none, c3 -1 -> 2 assessed, sum -2, 1 not assessed -> 0; mean method -100
    // total: 9 assessed, sum 0, 1 not assessed, 1 n/a -> 50; mean method 0
    let card = ds().scorecard(&ScorecardQuery::new()).unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("aa", "", 4, 0, 0, 2, Some(75)),
            row("bb", "", 3, 0, 1, 0, Some(50)),
            row("cc", "", 2, 1, 0, -2, Some(0)),
            row("total", "", 9, 1, 1, 0, Some(50)),
        ]
    );
    let card = ds()
        .scorecard(&ScorecardQuery::new().method(Method::Mean))
        .unwrap();
    assert_eq!(card.method, Method::Mean);
    let pcts: Vec<Option<i64>> = figures(&card, Method::Mean)
        .into_iter()
        .map(|r| r.6)
        .collect();
    assert_eq!(pcts, vec![Some(50), Some(0), Some(-100), Some(0)]);

    // Scoped to s1 (c1, c2), still unfiltered:
    // aa: +1 +1 -> 100; bb: -1, n/a -> 0; cc: -1, none -> 0; total 4 assessed, sum 0 -> 50.
    let card = ds().scorecard(&ScorecardQuery::new().summit("s1")).unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("aa", "", 2, 0, 0, 2, Some(100)),
            row("bb", "", 1, 0, 1, -1, Some(0)),
            row("cc", "", 1, 1, 0, -1, Some(0)),
            row("total", "", 4, 1, 1, 0, Some(50)),
        ]
    );
    // Party by summit, still unfiltered:
    // aa s1 +1 +1 -> 100; aa s2 +1 -1 -> 50; bb s1 -1, n/a -> 0; bb s2 +1 0 -> 75;
    // cc s1 -1, none -> 0; cc s2 -1 -> 0.
    let card = ds()
        .scorecard(&ScorecardQuery::new().by(By::Party).then_by(By::Summit))
        .unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("aa", "s1", 2, 0, 0, 2, Some(100)),
            row("aa", "s2", 2, 0, 0, 0, Some(50)),
            row("bb", "s1", 1, 0, 1, -1, Some(0)),
            row("bb", "s2", 2, 0, 0, 1, Some(75)),
            row("cc", "s1", 1, 1, 0, -1, Some(0)),
            row("cc", "s2", 1, 0, 0, -1, Some(0)),
            row("total", "", 9, 1, 1, 0, Some(50)),
        ]
    );
    // Scoped to one party: its row alone, and a total of it.
    let card = ds().scorecard(&ScorecardQuery::new().party("bb")).unwrap();
    assert_eq!(
        figures(&card, Method::G20rg),
        vec![
            row("bb", "", 3, 0, 1, 0, Some(50)),
            row("total", "", 3, 0, 1, 0, Some(50)),
        ]
    );
}

#[test]
fn nothing_assessed_has_no_percentage_by_any_method() {
    // r1 as known on 2031-10-31: nothing recorded yet, all 11 pairs not assessed.
    let q = ScorecardQuery::new()
        .rater("r1")
        .as_of(d("2031-10-31"))
        .method(Method::Mean);
    let card = ds().scorecard(&q).unwrap();
    assert_eq!((card.total.assessed, card.total.unassessed), (0, 11));
    for m in Method::ALL {
        assert_eq!(card.total.percent_by(m), None, "{m:?}");
    }
    assert_eq!(
        Method::ALL.map(Method::as_str),
        ["g20rg", "mean"],
        "the words of the command line"
    );
    assert_eq!(
        Method::Mean.describe(),
        "compliance % = mean × 100, rounded half up (may be negative)"
    );
    assert_eq!(
        Method::G20rg.describe(),
        "compliance % = (mean + 1) / 2 × 100, rounded half up (G20 Research Group)"
    );
}

#[test]
fn agreement_and_matrix_scoped_to_a_party() {
    // r1 × r2 on 2032-01-31 for bb only: c1 (0,-1), c3 (+1,+1), c4 (+1,0): 3 pairs, 1 agrees.
    // po = (1 + .5 + .5)/3 = 2/3. Margins r1: 0 1, +1 2; r2: -1 1, 0 1, +1 1.
    // pe = [1(.5 + 1 + .5) + 2(0 + .5 + 1)] / 9 = 5/9. kappa = (2/3 - 5/9)/(4/9) = 1/4.
    let g = ds()
        .agreement(
            "r1",
            "r2",
            &ScorecardQuery::new().as_of(d("2032-01-31")).party("bb"),
        )
        .unwrap();
    assert_eq!(g.table, [[0, 0, 0], [1, 0, 0], [0, 1, 1]]);
    assert_eq!((g.pairs, g.agreed), (3, 1));
    assert!((g.kappa.unwrap() - 0.25).abs() < 1e-12, "{:?}", g.kappa);
    // s1 and aa alone: one pair (+1,+1). Chance agreement is total (pe = 1): no kappa.
    let g = ds()
        .agreement(
            "r1",
            "r2",
            &ScorecardQuery::new()
                .as_of(d("2032-01-31"))
                .summit("s1")
                .party("aa"),
        )
        .unwrap();
    assert_eq!((g.pairs, g.agreed, g.percent), (1, 1, Some(100.0)));
    assert_eq!(g.kappa, None);

    // The matrix of one party has that party's column only.
    let data = ds();
    let m = data
        .compliance_matrix(
            &ScorecardQuery::new()
                .rater("r1")
                .as_of(d("2031-12-31"))
                .party("bb"),
        )
        .unwrap();
    let ids: Vec<&str> = m.parties.iter().map(|p| p.as_str()).collect();
    assert_eq!(ids, ["bb"]);
    let cells: Vec<String> = m.rows.iter().map(|r| r.cells[0].to_string()).collect();
    assert_eq!(cells, ["0", "n/a", "+1", "+1"]);
}

#[test]
fn cells_display_as_the_matrix_writes_them() {
    let plus = Cell::Mark(Mark::Score(Score::new(1).unwrap()));
    assert_eq!(
        [
            format!("[{:>10}]", Cell::NotBound),
            format!("[{:>3}]", Cell::NotAssessed),
            format!("[{:<4}]", Cell::Mark(Mark::NotApplicable)),
            format!("[{plus:>3}]"),
        ],
        ["[ not bound]", "[   ]", "[n/a ]", "[ +1]"]
    );
}

#[test]
fn party_commitments_flag_not_applicable() {
    // bb's latest marks: c1 -1 (r2), c2 n/a (r1), c3 +1 (r2), c4 0 (r2).
    let ds = ds();
    let day = summitry::Day::new(2033, 1, 1).unwrap();
    let rows: Vec<(String, bool, Option<i64>)> = ds
        .party_commitments("bb", day)
        .unwrap()
        .map(|r| {
            (
                r.commitment.id.to_string(),
                r.not_applicable,
                r.score.map(|s| i64::from(s.value())),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("c1".to_owned(), false, Some(-1)),
            ("c2".to_owned(), true, None),
            ("c3".to_owned(), false, Some(1)),
            ("c4".to_owned(), false, Some(0)),
        ]
    );
}
