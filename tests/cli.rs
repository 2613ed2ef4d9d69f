//! The `summitry` command, run as a user would.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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
    assert_eq!(status[..3], ["held", "held", "projected"]);
    assert!(status[3..].iter().all(|s| *s == "projected"));
    // 2027: projected from the Declaration's rule, one period after the Astana summit; the
    // single secondary report agrees.
    assert!(
        eds[2]["source"]
            .as_str()
            .unwrap()
            .starts_with("one period after edition 2, held 2025-06-17; rule ("),
        "{}",
        eds[2]
    );
    assert!(
        eds[2]["source"].as_str().unwrap().contains("reported"),
        "{}",
        eds[2]
    );
    for e in eds {
        assert_eq!(e["candidates"].as_array().unwrap().len(), 0);
        assert!(e["ordinal"].is_u64());
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
    assert!(text.contains("one of KG, KZ, RU, TJ, TM, UZ"), "{text}");
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
    let n_cn = v.as_array().map_or(0, Vec::len);
    assert!(n_cn >= 6, "{cn}");
    // China's scholarships bind China alone: present for cn, absent for kz.
    let cn_edu = stdout_of(&[
        "commitments",
        "--party",
        "cn",
        "--area",
        "education",
        "--format",
        "csv",
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
    assert!(cn_edu.contains("xian-scholarships"), "{cn_edu}");
    assert!(!kz_edu.contains("xian-scholarships"), "{kz_edu}");
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
    assert!(sec.contains("complete"), "{sec}");
    assert!(sec.contains("xinhua"), "{sec}");
}

// ---- failed output (issue 12, item 2) ----

/// Runs the command with its standard output going to `stdout`.
fn summitry_to(args: &[&str], stdout: Stdio) -> Output {
    Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(stdout)
        .output()
        .unwrap()
}

#[test]
fn a_failed_write_exits_3_and_says_where() {
    for args in [&["export", "toml"][..], &["export", "json"], &["overview"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = summitry_to(args, Stdio::from(full));
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            "error: cannot write to standard output: No space left on device (os error 28)\n"
        );
    }
    let out = summitry(&["export", "json", "--output", "/dev/full"]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr),
        "error: cannot write to `/dev/full`: No space left on device (os error 28)\n"
    );
    let dir = common::temp_dir("cli", "output-missing");
    let missing = dir.join("no-such-dir").join("x.json");
    let out = summitry(&["export", "json", "-o", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: cannot write to `{}`: No such file or directory (os error 2)\n",
            missing.display()
        )
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    // `export json` writes about 95 KB, more than a pipe holds: the reader stops after one
    // byte, as `| head -c1` does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(["export", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).unwrap();
    assert_eq!(&one, b"{");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn output_replaces_a_file_only_when_fully_written() {
    let dir = common::temp_dir("cli", "output");
    let file = dir.join("data.json");
    std::fs::write(&file, "old").unwrap();
    let out = summitry(&["export", "json", "--output", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        stdout_of(&["export", "json"])
    );
    // No temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["data.json"]);
    // A symbolic link at the path is replaced, its target untouched.
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    let out = summitry(&[
        "export",
        "csv",
        "--table",
        "summits",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&link).unwrap().is_file());
    assert!(
        std::fs::read_to_string(&link)
            .unwrap()
            .starts_with("id,mechanism,")
    );
    std::fs::remove_dir_all(dir).unwrap();
}

// ---- generate into a directory (issue 12, item 7) ----

/// Every file below `dir`, as sorted relative paths with `/`.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if std::fs::symlink_metadata(&p).unwrap().is_dir() {
                walk(base, &p, out);
            } else {
                out.push(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn generate(dir: &Path, mechanisms: &str, force: bool) -> Output {
    let mut args = vec![
        "generate",
        "--commitments",
        "60",
        "--mechanisms",
        mechanisms,
        "--summits",
        "3",
    ];
    if force {
        args.push("--force");
    }
    args.push(dir.to_str().unwrap());
    summitry(&args)
}

fn generated_names(mechanisms: usize) -> Vec<String> {
    let g = summitry::Generator {
        commitments: 60,
        mechanisms,
        summits_per_mechanism: 3,
        ..summitry::Generator::default()
    };
    g.files().into_iter().map(|(name, _)| name).collect()
}

#[test]
fn generate_refuses_a_directory_that_is_not_empty() {
    let dir = common::temp_dir("cli", "gen-refuse");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = generate(&dir, "2", false);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: `{}` is not empty: give `--force` to replace the files an earlier `generate` wrote there\n",
            dir.display()
        )
    );
    assert_eq!(tree(&dir), ["notes.txt"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn generate_force_leaves_no_stale_file_and_keeps_others() {
    let dir = common::temp_dir("cli", "gen-force");
    let out = generate(&dir, "5", false);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(tree(&dir), generated_names(5));
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = generate(&dir, "2", true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut want = generated_names(2);
    want.push("notes.txt".to_owned());
    want.sort();
    assert_eq!(tree(&dir), want);
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
    let out = summitry(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn generate_never_writes_through_a_link() {
    let base = common::temp_dir("cli", "gen-links");
    let (dir, outside) = (base.join("out"), base.join("outside"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all(outside.join("victim-dir")).unwrap();
    let victim = outside.join("victim.toml");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join("parties.toml")).unwrap();
    std::os::unix::fs::symlink(outside.join("victim-dir"), dir.join("mechanisms")).unwrap();
    // Not empty: refused, nothing written anywhere.
    let out = generate(&dir, "2", false);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    // With `--force` the links are replaced; their targets are untouched.
    let out = generate(&dir, "2", true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(tree(&outside), ["victim.toml"]);
    assert!(
        std::fs::symlink_metadata(dir.join("parties.toml"))
            .unwrap()
            .is_file()
    );
    assert!(
        std::fs::symlink_metadata(dir.join("mechanisms"))
            .unwrap()
            .is_dir()
    );
    assert_eq!(tree(&dir), generated_names(2));
    std::fs::remove_dir_all(base).unwrap();
}

// ---- CSV formulas (issue 12, item 11) ----

#[test]
fn csv_formulas_are_neutralised_unless_raw() {
    let dir = common::temp_dir("cli", "csv-formula");
    let example = include_str!("../examples/data/example.toml");
    let old = "text = \"Aland will provide 10 million euros in grants.\"";
    assert!(example.contains(old));
    let hostile = example.replacen(old, "text = '=HYPERLINK(\"http://evil.test\",\"x\")'", 1);
    std::fs::write(dir.join("data.toml"), hostile).unwrap();
    let data = dir.to_str().unwrap();
    let safe = "\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"";
    let raw = ",\"=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"";
    for args in [
        &["--data", data, "export", "csv", "--table", "commitments"][..],
        &["--data", data, "commitments", "--format", "csv"],
    ] {
        let out = stdout_of(args);
        assert!(out.contains(&format!(",{safe}")), "{args:?}: {out}");
        let mut with_raw = args.to_vec();
        with_raw.push("--raw-csv");
        let out = stdout_of(&with_raw);
        assert!(out.contains(raw), "{with_raw:?}: {out}");
        assert!(!out.contains("'="), "{with_raw:?}: {out}");
    }
    std::fs::remove_dir_all(dir).unwrap();
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
    assert!(out.contains("unassessed"), "{out}");
    for p in ["cn", "kz", "kg", "tj", "tm", "uz"] {
        assert!(out.lines().any(|l| l.starts_with(p)), "{out}");
    }
    let csv = stdout_of(&[
        "scorecard",
        "--mechanism",
        "china-central-asia",
        "--format",
        "csv",
    ]);
    assert!(csv.lines().count() >= 7, "{csv}");
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
    let uk = stdout_of(&["overview", "--lang", "uk"]);
    assert!(uk.contains("Безпека") || uk.contains("Економіка"), "{uk}");
}

#[test]
fn export_every_format() {
    let json = stdout_of(&["export", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "summitry/1");
    for table in ["summits", "commitments", "assessments", "schedule"] {
        let csv = stdout_of(&["export", "csv", "--table", table, "--as-of", "2026-11-28"]);
        assert!(
            csv.contains("\r\n") && csv.lines().count() > 2,
            "{table}: {csv}"
        );
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
    // No bundled assessment records a failure, so a passed deadline is never "overdue".
    assert!(!c.contains(",overdue"), "{c}");
    assert!(
        c.lines()
            .any(|l| l.starts_with("astana-grants-1-5bn-yuan-2025,")
                && l.ends_with(",passed-not-assessed")),
        "{c}"
    );
}

#[test]
fn commitments_of_kazakhstan_span_the_formats_and_say_when_nobody_assessed() {
    let out = stdout_of(&["--as-of", "2026-12-06", "commitments", "--party", "kz"]);
    assert!(out.ends_with("\n61 commitments\n"), "{out}");
    for id in [
        "c5p1-enhance-partnership",
        "cam-2018-security-councils",
        "xian-heads-of-state-mechanism",
        "euca-2025-strategic-partnership",
        "deca-2023-partnership-dialogue",
        "ica-2022-biennial-summits",
        "cajp-2025-three-priorities",
        "kcaf-2015-secretariat",
    ] {
        assert!(out.contains(&format!("{id}  [")), "{id}\n{out}");
    }
    // The heading would pass 80 columns with the deadline, so the deadline has its own line.
    assert!(
        out.contains(
            "gcca-2023-investment-forum  [policy, pledge]\n    due 2023  (deadline passed, not assessed)\n    A GCC–Central Asia investment forum will be held in Saudi Arabia in the last\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("cam-2024-roadmap-2025-2027  [policy, pledge]  due 2027  (upcoming)\n"),
        "{out}"
    );
    assert!(!out.contains("(overdue)"), "{out}");
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
        &["holder"],
        &["reconcile"],
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
        &["holder", "china-central-asia", "--on", "2026-03-01"],
        &["reconcile"],
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
            dir.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
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
    assert!(summary.contains("total"), "{summary}");
    std::fs::remove_dir_all(base).unwrap();
}

#[test]
fn holder_on_a_date_in_text_and_json() {
    assert_eq!(
        stdout_of(&["holder", "china-central-asia", "--on", "2026-03-01"]),
        "  2  2025-06-17  Kazakhstan  held       summit cca-2025-astana\n"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "holder",
        "china-central-asia",
        "--on",
        "2028-01-01",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "ordinal": 3,
            "date": "2027",
            "host": "cn",
            "candidates": [],
            "status": "projected",
            "summit": "cca-2027",
            "source": v["source"].clone(),
            "first": "2027-01-01",
            "last": "2027-12-31",
            "term": "2027",
        })
    );
    assert!(
        v["source"]
            .as_str()
            .unwrap()
            .starts_with("one period after edition 2, held 2025-06-17; rule ("),
        "{v}"
    );
    // Before the first edition: nothing holds it.
    assert_eq!(
        stdout_of(&["holder", "china-central-asia", "--on", "2020-01-01"]),
        "no edition of `china-central-asia` holds it on 2020-01-01\n"
    );
    let bad = summitry(&["holder", "china-central-asia", "--on", "2025-H3"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("`2025-H3` is not a half-year"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn reconcile_lists_every_decision_and_overview_shows_them() {
    let all = stdout_of(&["reconcile"]);
    assert!(
        all.contains("\ncentral-asia-russia\n    3  decided 2027: pending\n"),
        "{all}"
    );
    assert!(
        all.contains(
            "\nchina-central-asia\n    2  decided 2025, Kazakhstan: kept (cca-2025-astana)\n"
        ),
        "{all}"
    );
    assert_eq!(
        stdout_of(&["reconcile", "china-central-asia"]),
        "china-central-asia\n    2  decided 2025, Kazakhstan: kept (cca-2025-astana)\n"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "reconcile",
        "china-central-asia",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["edition"], 2);
    assert_eq!(v[0]["summit"], "cca-2025-astana");
    assert_eq!(v[0]["outcome"], serde_json::json!({"outcome": "kept"}));
    assert_eq!(v[0]["decided"]["host"], "kz");
    assert_eq!(v[0]["decided"]["date"], "2025");
    let overview = stdout_of(&["overview"]);
    assert!(
        overview.contains(
            "Decisions and what became of them:\n   2. decided 2025, Kazakhstan: kept (cca-2025-astana)\n"
        ),
        "{overview}"
    );
    let md = stdout_of(&["export", "markdown"]);
    assert!(
        md.contains(
            "#### Decisions and what became of them\n\n| # | Decided | Outcome | Summit | Sources |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| 2 | 2025, Kazakhstan | kept | cca-2025-astana |"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&["export", "json"])).unwrap();
    let rec = json["reconciliation"].as_array().unwrap();
    let cca: Vec<_> = rec
        .iter()
        .filter(|r| r["mechanism"] == "china-central-asia")
        .collect();
    assert_eq!(cca.len(), 1);
    assert_eq!(cca[0]["outcome"]["outcome"], "kept");
    // One entry per decision of every mechanism.
    let decisions: usize = json["mechanisms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["schedule"]["decisions"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(rec.len(), decisions);
    let unknown = summitry(&["reconcile", "china-centralasia"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn next_after_a_slip_is_one_period_after_it() {
    let dir = std::env::temp_dir().join(format!("summitry-cli-slip-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("m.toml"),
        r#"
[[source]]
id = "s"
publisher = "Agency"
title = "Report"
lang = "en"

[[party]]
id = "aa"
kind = "state"
name = "Aland"

[[party]]
id = "bb"
kind = "state"
name = "Borduria"

[[mechanism]]
id = "m"
name = "M"
level = "heads-of-state"
members = ["aa", "bb"]
sources = ["s"]

[mechanism.schedule]
every = "1y"
first = 2017
hosts = { ordered = ["aa", "bb"] }
sources = ["s"]

[[summit]]
id = "m-2"
mechanism = "m"
edition = 2
date = 2019-07-24
host = "bb"
status = "held"
sources = ["s"]
"#,
    )
    .unwrap();
    let data = dir.to_str().unwrap();
    assert_eq!(
        stdout_of(&["--data", data, "next", "m", "--after", "2019-08-01"]),
        "  3  2020  Aland  projected  one period after edition 2, held 2019-07-24; rule …\n"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "--data",
        data,
        "next",
        "m",
        "--after",
        "2019-08-01",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        v["source"],
        "one period after edition 2, held 2019-07-24; rule (s)"
    );
    assert_eq!(v["provenance"][1]["anchor"]["edition"], 2);
    assert_eq!(v["provenance"][1]["anchor"]["how"], "held");
    let _ = std::fs::remove_dir_all(&dir);
}
