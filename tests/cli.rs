//! The `summitry` command, run as a user would.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn summitry(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh copy of the bundled data directory in a unique temporary folder.
fn copy_data(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("summitry-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for e in std::fs::read_dir(src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn check_bundled_data_is_silent_and_succeeds() {
    let out = summitry(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stderr), "");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let out = summitry(&["check", dir]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn check_names_file_line_column_and_suggests_the_id() {
    let dir = copy_data("typo");
    let file = dir.join("china-central-asia.toml");
    let body = std::fs::read_to_string(&file).unwrap();
    let (line_no, line) = body
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("host = \"kz\""))
        .unwrap();
    let col = line.find("\"kz\"").unwrap() + 1;
    std::fs::write(
        &file,
        body.replacen(line, &line.replacen("\"kz\"", "\"kzz\"", 1), 1),
    )
    .unwrap();
    let out = summitry(&["check", dir.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let place = format!("china-central-asia.toml:{}:{col}", line_no + 1);
    assert!(err.contains(&place), "{err}\nexpected {place}");
    assert!(err.contains("error: unknown party `kzz`"), "{err}");
    assert!(err.contains("= help: did you mean `kz`?"), "{err}");
    assert_eq!(text(&out.stdout), "");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    let out = summitry(&["check", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = summitry(&["no-such-command"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn missing_path_is_invalid_data() {
    let out = summitry(&["check", "/no/such/summitry/dir"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("no such file or directory"),
        "{}",
        text(&out.stderr)
    );
}

fn stdout_of(args: &[&str]) -> String {
    let out = summitry(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn schedule_of_china_central_asia_as_json() {
    let out = stdout_of(&[
        "schedule",
        "china-central-asia",
        "--count",
        "8",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let eds = v.as_array().unwrap();
    let hosts: Vec<&str> = eds.iter().map(|e| e["host"].as_str().unwrap()).collect();
    assert_eq!(hosts, ["cn", "kz", "cn", "kg", "cn", "tj", "cn", "tm"]);
    let dates: Vec<&str> = eds.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "2023-05-18/2023-05-19",
            "2025-06-17",
            "2027",
            "2029",
            "2031",
            "2033",
            "2035",
            "2037"
        ]
    );
    let status: Vec<&str> = eds.iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(
        status,
        [
            "held",
            "held",
            "projected",
            "projected",
            "projected",
            "projected",
            "projected",
            "projected"
        ]
    );
    // 2027: projected from the Declaration's rule; the single secondary report agrees.
    assert_eq!(
        eds[2]["source"],
        "rule (cnkz-edu-xian-declaration, xinhua-2023-05-19); reported cca-2027 (khabarasia-2025-06-17)"
    );
    let ordinals: Vec<u64> = eds.iter().map(|e| e["ordinal"].as_u64().unwrap()).collect();
    assert_eq!(ordinals, [1, 2, 3, 4, 5, 6, 7, 8]);
    for e in eds {
        assert_eq!(e["candidates"], serde_json::json!([]));
    }
}

#[test]
fn next_central_asia_russia_has_candidates_not_a_host() {
    let out = stdout_of(&[
        "next",
        "central-asia-russia",
        "--after",
        "2026-11-28",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["date"], "2027");
    assert_eq!(v["ordinal"], 3);
    assert!(v["host"].is_null());
    let c: Vec<&str> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert_eq!(c, ["kg", "kz", "ru", "tj", "tm", "uz"]);
    let text = stdout_of(&["next", "central-asia-russia", "--after", "2026-11-28"]);
    assert_eq!(
        text,
        "  3  2027  one of KG, KZ, RU, TJ, TM, UZ  decided    decision (tass-central-asi…\n"
    );
}

#[test]
fn commitments_filtered_by_party_and_area() {
    let cn = stdout_of(&[
        "commitments",
        "--party",
        "cn",
        "--area",
        "security",
        "--format",
        "json",
        "--as-of",
        "2026-11-28",
    ]);
    let v: serde_json::Value = serde_json::from_str(&cn).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "xian-counter-terrorism",
            "xian-drug-trafficking",
            "xian-organised-crime",
            "xian-biosecurity",
            "xian-cybersecurity",
            "xian-emergency-response"
        ]
    );
    // China's scholarships bind China alone: present for cn, absent for kz.
    let cn_edu = stdout_of(&[
        "commitments",
        "--party",
        "cn",
        "--area",
        "education",
        "--format",
        "csv",
        "--as-of",
        "2026-11-28",
    ]);
    let kz_edu = stdout_of(&[
        "commitments",
        "--party",
        "kz",
        "--area",
        "education",
        "--format",
        "csv",
    ]);
    let first_column = |csv: &str| -> Vec<String> {
        csv.lines()
            .map(|l| l.split(',').next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        first_column(&cn_edu),
        [
            "id",
            "astana-training-3000",
            "astana-education-exchange-centre",
            "cca2022-scholarships-1200",
            "cca2022-training-places-5000",
            "xian-scholarships",
            "xian-training-programmes"
        ]
    );
    assert!(
        cn_edu.contains(
            "\nastana-training-3000,china-central-asia,cca-2025-astana,astana-speech-xi-2025,\
             policy,pledge,2027,education,cn,cn:unassessed,\"China will offer 3,000 training \
             opportunities to Central Asian countries over the next two years.\",upcoming\r\n"
        ),
        "{cn_edu}"
    );
    // Every education commitment binds China alone: none for Kazakhstan, only the header.
    assert_eq!(first_column(&kz_edu), ["id"]);
    // The secretariat commitment is complete, with its evidence.
    let sec = stdout_of(&[
        "commitments",
        "--text",
        "secretariat",
        "--party",
        "cn",
        "--as-of",
        "2026-11-28",
    ]);
    assert_eq!(
        sec,
        "xian-secretariat  [institutional, pledge]  (met)
    The mechanism will have a permanent secretariat located in China.
    in: Xi'an Declaration of the China–Central Asia Summit
    (xian-declaration-2023); China–Central Asia Summit
    areas: Institutions and meeting mechanisms
    China: complete, score +1 (summitry-maintainers, as of 2024-03-30; evidence:
    xinhua-2024-03-30, astanatimes-2024-04-secretariat)

1 commitment
"
    );
}

#[test]
fn scorecard_by_party_counts_unassessed_apart() {
    let out = stdout_of(&[
        "scorecard",
        "--mechanism",
        "china-central-asia",
        "--by",
        "party",
    ]);
    // China is bound by 42 of the mechanism's commitments, each state of Central Asia by
    // 29; four of each are scored (the shared ones assessed complete), the rest unassessed.
    assert_eq!(
        out,
        "party                name                     mean     % assessed unassessed
cn                   China                   +1.00  100%        4         38
    complete 4, no status 38
kg                   Kyrgyzstan              +1.00  100%        4         25
    complete 4, no status 25
kz                   Kazakhstan              +1.00  100%        4         25
    complete 4, no status 25
tj                   Tajikistan              +1.00  100%        4         25
    complete 4, no status 25
tm                   Turkmenistan            +1.00  100%        4         25
    complete 4, no status 25
uz                   Uzbekistan              +1.00  100%        4         25
    complete 4, no status 25
total                                        +1.00  100%       24        163
    complete 24, no status 163
"
    );
    let csv = stdout_of(&[
        "scorecard",
        "--mechanism",
        "china-central-asia",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv.replace("\r\n", "\n"),
        "key,name,mean,percent,assessed,unassessed,score_sum,unknown,not-started,limited,substantial,complete,unrated
cn,China,1.0000,100,4,38,4,0,0,0,0,4,38
kg,Kyrgyzstan,1.0000,100,4,25,4,0,0,0,0,4,25
kz,Kazakhstan,1.0000,100,4,25,4,0,0,0,0,4,25
tj,Tajikistan,1.0000,100,4,25,4,0,0,0,0,4,25
tm,Turkmenistan,1.0000,100,4,25,4,0,0,0,0,4,25
uz,Uzbekistan,1.0000,100,4,25,4,0,0,0,0,4,25
total,,1.0000,100,24,163,24,0,0,0,0,24,163
"
    );
}

#[test]
fn unknown_mechanism_is_a_usage_error_with_a_suggestion() {
    let out = summitry(&["schedule", "china-centralasia"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `china-central-asia`?"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn overview_prints_mechanisms_summits_and_areas() {
    let out = stdout_of(&["overview"]);
    assert!(
        out.contains("China–Central Asia Summit [china-central-asia]"),
        "{out}"
    );
    assert!(out.contains("Commitments by area"), "{out}");
    assert!(
        out.contains(
            "Summits:
    * 2022-01-25              video link (held, 1 document(s))
   1. 2023-05-18/2023-05-19   Xi'an (held, host China, 3 document(s))
   2. 2025-06-17              Astana (held, host Kazakhstan, 3 document(s))
   3. 2027                    China (planned, host China, reported by one source)
"
        ),
        "{out}"
    );
    assert!(
        out.contains("\nInstitutions and meeting mechanisms (6)\n"),
        "{out}"
    );
    let uk = stdout_of(&["overview", "--lang", "uk"]);
    assert!(uk.contains("\nЕкономіка (6)\n"), "{uk}");
    assert!(uk.contains("\nБезпека (6)\n"), "{uk}");
}

#[test]
fn export_every_format() {
    let json = stdout_of(&["export", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "summitry/1");
    // A header and one row per record: 12 summits, 42 commitments, 24 assessments; the
    // schedule lists 29 editions.
    for (table, rows) in [
        ("summits", 12),
        ("commitments", 42),
        ("assessments", 24),
        ("schedule", 29),
    ] {
        let csv = stdout_of(&["export", "csv", "--table", table, "--as-of", "2026-11-28"]);
        assert_eq!(csv.matches("\r\n").count(), rows + 1, "{table}: {csv}");
        assert_eq!(csv.lines().count(), rows + 1, "{table}: {csv}");
    }
    let ics = stdout_of(&[
        "export",
        "ics",
        "--mechanism",
        "china-central-asia",
        "--as-of",
        "2026-11-28",
    ]);
    let again = stdout_of(&[
        "export",
        "ics",
        "--mechanism",
        "china-central-asia",
        "--as-of",
        "2026-11-28",
    ]);
    assert_eq!(ics, again);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(
        ics.contains("UID:china-central-asia-3@summitry\r\n"),
        "{ics}"
    );
    assert!(!ics.contains("central-asia-russia"), "{ics}");
    let md = stdout_of(&[
        "export",
        "markdown",
        "--as-of",
        "2026-11-28",
        "--lang",
        "uk",
    ]);
    assert!(md.starts_with("# Summits and commitments"), "{md}");
    assert!(md.contains("Казахстан"), "{md}");
    let svg = stdout_of(&["export", "svg", "--as-of", "2026-11-28"]);
    assert!(svg.starts_with("<?xml"), "{svg}");
    roxmltree::Document::parse(&svg).unwrap();
    let schema = stdout_of(&["export", "schema"]);
    let file = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/summitry.schema.json"),
    )
    .unwrap();
    assert_eq!(schema, file, "regenerate schema/summitry.schema.json");
}

#[test]
fn export_exit_codes() {
    // 2: usage errors (unknown table, unknown mechanism, bad date, missing subcommand).
    for args in [
        &["export", "csv", "--table", "sumits"][..],
        &["export", "ics", "--mechanism", "china-centralasia"],
        &["export", "svg", "--as-of", "June 2026"],
        &["export"],
    ] {
        let out = summitry(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stdout), "", "{args:?}");
    }
    let out = summitry(&["export", "ics", "--mechanism", "china-centralasia"]);
    assert!(text(&out.stderr).contains("did you mean `china-central-asia`?"));
    // Without a terminal (or with NO_COLOR), no escape codes.
    assert!(!text(&out.stderr).contains('\x1b'));
    // 1: invalid data.
    let dir = copy_data("export-bad");
    let file = dir.join("parties.toml");
    let body = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        body.replacen("kind = \"state\"", "kind = \"stat\"", 1),
    )
    .unwrap();
    let out = summitry(&["--data", dir.to_str().unwrap(), "export", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("error: unknown party kind `stat`"));
    std::fs::remove_dir_all(dir).unwrap();
    // 0: the schema needs no data at all.
    let out = summitry(&["--data", "/no/such/dir", "export", "schema"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn global_as_of_sets_today() {
    let a = stdout_of(&[
        "--as-of",
        "2026-11-28",
        "next",
        "central-asia-russia",
        "--format",
        "json",
    ]);
    let b = stdout_of(&[
        "next",
        "central-asia-russia",
        "--after",
        "2026-11-28",
        "--format",
        "json",
    ]);
    assert_eq!(a, b);
    let c = stdout_of(&["commitments", "--as-of", "2030-01-01", "--format", "csv"]);
    let overdue: Vec<&str> = c
        .lines()
        .filter(|l| l.ends_with(",overdue"))
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        overdue,
        [
            "astana-grants-1-5bn-yuan-2025",
            "astana-training-3000",
            "astana-years-of-high-quality-development"
        ]
    );
}

#[test]
fn every_subcommand_help_shows_an_example() {
    for sub in [
        &["overview"][..],
        &["schedule"],
        &["next"],
        &["commitments"],
        &["summits"],
        &["scorecard"],
        &["check"],
        &["export"],
        &["export", "json"],
        &["export", "csv"],
        &["export", "ics"],
        &["export", "markdown"],
        &["export", "svg"],
        &["export", "schema"],
    ] {
        let mut args = sub.to_vec();
        args.push("--help");
        let help = stdout_of(&args);
        assert!(help.contains("Example: summitry "), "{sub:?}:\n{help}");
        for l in help.lines() {
            assert!(l.chars().count() <= 80, "{sub:?}: long line {l:?}");
        }
    }
}

#[test]
fn text_output_fits_80_columns() {
    for args in [
        &["summits"][..],
        &["scorecard", "--by", "party"],
        &["commitments", "--as-of", "2026-11-28"],
        &["schedule", "central-asia-russia"],
        &["next", "central-asia-russia", "--after", "2026-11-28"],
    ] {
        let out = stdout_of(args);
        for l in out.lines() {
            assert!(l.chars().count() <= 80, "{args:?}: {l:?}");
        }
    }
}

#[test]
fn export_toml_loads_back_equal_and_is_stable() {
    let first = stdout_of(&["export", "toml"]);
    let second = stdout_of(&["export", "toml"]);
    assert_eq!(first, second);
    let dir = std::env::temp_dir().join(format!("summitry-cli-toml-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("all.toml"), &first).unwrap();
    // The exported file checks clean, and exporting it again gives the same bytes.
    let out = summitry(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = stdout_of(&["--data", dir.to_str().unwrap(), "export", "toml"]);
    assert_eq!(again, first);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn generated_data_checks_clean_and_is_deterministic() {
    let base = std::env::temp_dir().join(format!("summitry-cli-gen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let (a, b) = (base.join("a"), base.join("b"));
    for dir in [&a, &b] {
        let out = summitry(&[
            "generate",
            "--commitments",
            "300",
            "--seed",
            "7",
            "--now",
            "2026-01-01",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    // The files are the library's for the same counts, seed and date.
    let g = summitry::Generator {
        now: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        ..summitry::Generator::new(300, 7)
    };
    for (name, body) in g.files() {
        assert_eq!(
            std::fs::read_to_string(a.join(&name)).unwrap(),
            body,
            "{name}"
        );
    }
    let out = summitry(&["check", a.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let export =
        |d: &std::path::Path| stdout_of(&["--data", d.to_str().unwrap(), "export", "toml"]);
    assert_eq!(export(&a), export(&b));
    let summary = stdout_of(&[
        "--data",
        a.to_str().unwrap(),
        "scorecard",
        "--by",
        "mechanism",
    ]);
    let total = summary.find("\ntotal ").map(|i| &summary[i + 1..]);
    assert_eq!(
        total,
        Some(concat!(
            "total                                        -0.00   50%      604       1426\n",
            "    complete 100, substantial 105, limited 207, not started 86, unknown 105, no\n",
            "    status 1427\n",
        )),
        "{summary}"
    );
    std::fs::remove_dir_all(base).unwrap();
}

#[test]
fn generate_takes_now_from_its_argument() {
    let base = std::env::temp_dir().join(format!("summitry-cli-now-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let run = |now: &str| {
        let dir = base.join(now);
        let out = summitry(&[
            "generate",
            "--commitments",
            "50",
            "--mechanisms",
            "3",
            "--now",
            now,
            dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        stdout_of(&[
            "--data",
            dir.to_str().unwrap(),
            "summits",
            "--format",
            "csv",
        ])
    };
    // The status column: held before `now`, planned from it on.
    let statuses = |csv: &str, now: &str| {
        let mut held = 0;
        for line in csv.lines().skip(1) {
            let date = line.split(',').next().unwrap();
            let status = line.rsplit(',').next().unwrap();
            assert_eq!(date.len(), 10, "{line}");
            let expected = if date < now { "held" } else { "planned" };
            assert_eq!(status, expected, "{line} (now {now})");
            held += usize::from(date < now);
        }
        held
    };
    let early = statuses(&run("1996-01-01"), "1996-01-01");
    let late = statuses(&run("2010-07-01"), "2010-07-01");
    assert!(early < late, "{early} {late}");
    // Not a full date: a usage error.
    let out = summitry(&["generate", "--now", "2026-13", base.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`2026-13` is not a date `YYYY-MM-DD`"),
        "{}",
        text(&out.stderr)
    );
    std::fs::remove_dir_all(base).unwrap();
}
