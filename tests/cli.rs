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

/// The counts `check` reports for the bundled dataset, from the dataset itself.
fn bundled_counts() -> String {
    let ds = summitry::Dataset::bundled();
    format!(
        "{} files: {} mechanisms, {} summits, {} documents, {} commitments, {} assessments in ",
        summitry::Dataset::bundled_files().count(),
        ds.mechanisms().len(),
        ds.summits().len(),
        ds.documents().len(),
        ds.commitments().len(),
        ds.assessments().len()
    )
}

#[test]
fn check_says_what_it_loaded_on_one_line_and_quiet_silences_it() {
    let out = summitry(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let expected = format!("checked {}", bundled_counts());
    assert!(err.starts_with(&expected), "{err}\nexpected {expected}");
    assert!(err.ends_with(" s\n") && err.lines().count() == 1, "{err}");
    assert_eq!(text(&out.stdout), "");
    // The same counts from the data directory on disk.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let out = summitry(&["check", dir]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with(&expected),
        "{}",
        text(&out.stderr)
    );
    for q in ["-q", "--quiet"] {
        let out = summitry(&["check", q]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(text(&out.stderr), "");
        assert_eq!(text(&out.stdout), "");
    }
    // In Ukrainian, with Ukrainian plurals (CLDR: one 1, 21…; few 2–4, 22–24…; many else).
    let uk_form = |n: usize, one: &str, few: &str, many: &str| {
        let w = match (n % 10, n % 100) {
            (1, r) if r != 11 => one,
            (2..=4, r) if !(12..=14).contains(&r) => few,
            _ => many,
        };
        format!("{n} {w}")
    };
    let ds = summitry::Dataset::bundled();
    let expected = format!(
        "перевірено {}: {}, {}, ",
        uk_form(
            summitry::Dataset::bundled_files().count(),
            "файл",
            "файли",
            "файлів"
        ),
        uk_form(ds.mechanisms().len(), "механізм", "механізми", "механізмів"),
        uk_form(ds.summits().len(), "саміт", "саміти", "самітів"),
    );
    let uk = text(&summitry(&["check", "--lang", "uk"]).stderr);
    assert!(uk.starts_with(&expected), "{uk}\nexpected {expected}");
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
    assert!(err.contains("error[S0402]: unknown party `kzz`"), "{err}");
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
    // 2027: projected from the Declaration's rule, one period after the Astana summit; the
    // single secondary report agrees.
    assert!(
        eds[2]["source"]
            .as_str()
            .unwrap()
            .starts_with("1 period after edition 2, held 2025-06-17; rule ("),
        "{}",
        eds[2]
    );
    assert!(
        eds[2]["source"].as_str().unwrap().contains("reported"),
        "{}",
        eds[2]
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
        "  3  2027  one of KG, KZ, RU, TJ, TM, UZ  decided    decision (tass-central-asia-russia-summit)\n"
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
             policy,pledge,2027,education,cn,cn:unassessed,,\"China will offer 3,000 training \
             opportunities to Central Asian countries over the next two years.\",upcoming\r\n"
        ),
        "{cn_edu}"
    );
    // Every education commitment of the China–Central Asia mechanism binds China alone;
    // Kazakhstan's one is of the Consultative Meetings.
    assert_eq!(first_column(&kz_edu), ["id", "cam-2023-youth-policy"]);
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
    China: score +1, completion complete (summitry-maintainers, as of
    2024-03-30; evidence: xinhua-2024-03-30, astanatimes-2024-04-secretariat)

1 commitment
"
    );
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
    let g = summitry::generate::Generator {
        commitments: 60,
        mechanisms,
        summits_per_mechanism: 3,
        ..summitry::generate::Generator::default()
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
    // China is bound by 44 of the mechanism's commitments, each state of Central Asia by
    // 30; three of each are scored (and one more rated substantial without a score). Rows
    // sort by name; the method and the pairs left out are stated under the table.
    assert_eq!(
        out,
        "party  name           mean  compliance %  assessed  not assessed  n/a
cn     China         +1.00          100%         3            41    0
    complete 3, substantial 1, no status 40
kz     Kazakhstan    +1.00          100%         3            27    0
    complete 3, substantial 1, no status 26
kg     Kyrgyzstan    +1.00          100%         3            27    0
    complete 3, substantial 1, no status 26
tj     Tajikistan    +1.00          100%         3            27    0
    complete 3, substantial 1, no status 26
tm     Turkmenistan  +1.00          100%         3            27    0
    complete 3, substantial 1, no status 26
uz     Uzbekistan    +1.00          100%         3            27    0
    complete 3, substantial 1, no status 26
total                +1.00          100%        18           176    0
    complete 18, substantial 6, no status 170

method: g20rg — compliance % = (mean + 1) / 2 × 100, rounded half up (G20
Research Group)
rater: summitry-maintainers
pairs not applicable: 0; not assessed: 176; excluded by rater or as-of date: 0
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
        "key,name,mean,percent,assessed,unassessed,score_sum,unknown,not-started,limited,substantial,complete,unrated,not_applicable
cn,China,1.0000,100,3,41,3,0,0,0,1,3,40,0
kz,Kazakhstan,1.0000,100,3,27,3,0,0,0,1,3,26,0
kg,Kyrgyzstan,1.0000,100,3,27,3,0,0,0,1,3,26,0
tj,Tajikistan,1.0000,100,3,27,3,0,0,0,1,3,26,0
tm,Turkmenistan,1.0000,100,3,27,3,0,0,0,1,3,26,0
uz,Uzbekistan,1.0000,100,3,27,3,0,0,0,1,3,26,0
total,,1.0000,100,18,176,18,0,0,0,6,18,170,0
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
    * 2022-01-25              video link (held, 1 document)
   1. 2023-05-18/2023-05-19   Xi'an (held, host China, 3 documents)
   2. 2025-06-17              Astana (held, host Kazakhstan, 3 documents)
   3. 2027                    China (planned, host China, reported by one source)
Decisions and what became of them:
   2. decided 2025, Kazakhstan: kept (cca-2025-astana)
Next: 2027, China (projected; 1 period after edition 2, held 2025-06-17; rule (cnkz-edu-xian-declaration, xinhua-2023-05-19); reported cca-2027 (khabarasia-2025-06-17))
"
        ),
        "{out}"
    );
    assert!(
        out.contains("\nInstitutions and meeting mechanisms (20)\n"),
        "{out}"
    );
    let uk = stdout_of(&["overview", "--lang", "uk"]);
    assert!(uk.contains("\nЕкономіка (11)\n"), "{uk}");
    assert!(uk.contains("\nБезпека (14)\n"), "{uk}");
}

#[test]
fn export_every_format() {
    let json = stdout_of(&["export", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format"], "summitry/1");
    // A header and one row per record: 35 summits, 79 commitments, 52 assessments; the
    // schedule lists 113 editions.
    for (table, rows) in [
        ("summits", 35),
        ("commitments", 79),
        ("assessments", 52),
        ("schedule", 113),
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
    // `--lang uk`: the report's own words are Ukrainian too (issue 15).
    assert!(md.starts_with("# Саміти та зобов'язання\n"), "{md}");
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
    assert!(text(&out.stderr).contains("error[S0206]: unknown party kind `stat`"));
    std::fs::remove_dir_all(dir).unwrap();
    // 0: the schema needs no data at all; `--data` has no effect on it, so it is refused.
    let out = summitry(&["export", "schema"]);
    assert_eq!(out.status.code(), Some(0));
    let out = summitry(&["--data", "/no/such/dir", "export", "schema"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: `--data` has no effect on `summitry export schema`\n"
    );
}

#[test]
fn as_of_sets_today() {
    let a = stdout_of(&[
        "next",
        "central-asia-russia",
        "--as-of",
        "2026-11-28",
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
        &["completions"],
        &["man"],
        &["generate"],
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

/// Runs summitry with extra environment variables.
fn summitry_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_summitry"));
    c.args(args)
        .env("NO_COLOR", "1")
        .env_remove("SUMMITRY_COLUMNS");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

#[test]
fn on_a_terminal_tables_fit_its_width_and_wide_shows_everything() {
    let tables = [
        &["summits"][..],
        &["scorecard", "--by", "party"],
        &["commitments", "--as-of", "2026-11-28"],
        &["schedule", "china-central-asia"],
        &["next", "china-central-asia", "--after", "2026-11-28"],
    ];
    for args in tables {
        // `SUMMITRY_COLUMNS` makes stdout count as a terminal of that width.
        for width in [80, 60] {
            let w = width.to_string();
            let out = summitry_env(args, &[("SUMMITRY_COLUMNS", &w)]);
            assert_eq!(out.status.code(), Some(0));
            for l in text(&out.stdout).lines() {
                assert!(l.chars().count() <= width, "{args:?} at {width}: {l:?}");
            }
        }
    }
    // Cut on a terminal; `--wide` shows the whole provenance.
    let next = ["next", "china-central-asia", "--after", "2026-11-28"];
    let cut = text(&summitry_env(&next, &[("SUMMITRY_COLUMNS", "80")]).stdout);
    assert!(cut.trim_end().ends_with('…'), "{cut}");
    let mut wide = next.to_vec();
    wide.push("--wide");
    let whole = text(&summitry_env(&wide, &[("SUMMITRY_COLUMNS", "80")]).stdout);
    assert!(
        whole.trim_end().ends_with(
            "rule (cnkz-edu-xian-declaration, xinhua-2023-05-19); \
             reported cca-2027 (khabarasia-2025-06-17)"
        ),
        "{whole}"
    );
}

#[test]
fn nothing_is_cut_in_a_pipe() {
    // stdout is a pipe here: the same as `--wide`, and no cell ends with `…`.
    for args in [
        &["summits"][..],
        &["scorecard", "--by", "commitment"],
        &["commitments", "--as-of", "2026-11-28"],
        &["schedule", "china-central-asia"],
        &["next", "china-central-asia", "--after", "2026-11-28"],
    ] {
        let piped = stdout_of(args);
        let mut wide = args.to_vec();
        wide.push("--wide");
        assert_eq!(piped, stdout_of(&wide), "{args:?}");
        assert!(!piped.contains('…'), "{args:?}: {piped}");
    }
    let next = stdout_of(&["next", "china-central-asia", "--after", "2026-11-28"]);
    assert!(
        next.contains("rule (cnkz-edu-xian-declaration, xinhua-2023-05-19); reported cca-2027"),
        "{next}"
    );
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
    let g = summitry::generate::Generator {
        now: summitry::Day::new(2026, 1, 1).unwrap(),
        ..summitry::generate::Generator::new(300, 7)
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
            "total                           -0.00           50%       604          1426    0\n",
            "    complete 100, substantial 105, limited 207, not started 86, unknown 105, no\n",
            "    status 1427\n",
            "\n",
            "method: g20rg \u{2014} compliance % = (mean + 1) / 2 \u{d7} 100, rounded half up (G20\n",
            "Research Group)\n",
            "raters: civic-monitor, g20rg, ogp, policy-watch (each pair from its latest\n",
            "assessment; give --rater to keep one)\n",
            "pairs not applicable: 0; not assessed: 1426; excluded by rater or as-of date: 0\n",
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

#[test]
fn explain_lists_every_code_and_explains_one() {
    let out = summitry(&["explain"]);
    assert_eq!(out.status.code(), Some(0));
    let list = text(&out.stdout);
    assert_eq!(
        list.lines().filter(|l| l.starts_with('S')).count(),
        summitry::Code::ALL.len()
    );
    for c in summitry::Code::ALL {
        let line = format!("{c}  {}", c.title());
        assert!(list.lines().any(|l| l == line), "{line} not in\n{list}");
    }
    let out = summitry(&["explain", "s0104"]);
    assert_eq!(out.status.code(), Some(0));
    let one = text(&out.stdout);
    assert!(
        one.starts_with(
            "S0104: a key of another variant of the table\n\nSome tables come in variants"
        ),
        "{one}"
    );
    assert!(
        one.contains("\n    kind = \"skip\"\n    host = \"kz\"\n"),
        "{one}"
    );
    let out = summitry(&["explain", "E0001"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: unknown diagnostic code `E0001`: run `summitry explain` for the list\n"
    );
}

// Issue 15: a command-line tool that never surprises, in the user's language.

#[test]
fn every_format_offered_is_honoured() {
    let csv = stdout_of(&[
        "schedule",
        "china-central-asia",
        "--count",
        "2",
        "--format",
        "csv",
    ]);
    assert_eq!(
        csv,
        "ordinal,date,host,candidates,status,summit,source\r\n\
         1,2023-05-18/2023-05-19,cn,,held,cca-2023-xian,summit cca-2023-xian\r\n\
         2,2025-06-17,kz,,held,cca-2025-astana,summit cca-2025-astana\r\n"
    );
    let next = stdout_of(&[
        "next",
        "central-asia-russia",
        "--after",
        "2026-01-01",
        "--format",
        "csv",
    ]);
    let mut lines = next.lines();
    assert_eq!(
        lines.next(),
        Some("ordinal,date,host,candidates,status,summit,source")
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("3,2027,,kg;kz;ru;tj;tm;uz,decided,"),
        "{next}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "overview",
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ]))
    .unwrap();
    let mechanisms = v["mechanisms"].as_array().unwrap();
    let ids: Vec<&str> = mechanisms
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    let ds = summitry::Dataset::bundled();
    let expected: Vec<&str> = ds.mechanisms().iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, expected);
    let of = |id: &str| mechanisms.iter().find(|m| m["id"] == id).unwrap();
    assert_eq!(of("china-central-asia")["next"]["date"], "2027");
    assert_eq!(of("china-central-asia")["next"]["host"], "cn");
    assert_eq!(of("central-asia-russia")["next"]["date"], "2027");
    assert_eq!(
        of("china-central-asia")["summits"][1]["id"],
        "cca-2023-xian"
    );
    assert!(v["areas"].as_array().unwrap().len() > 3);
    // A format a command cannot honour is not offered: clap refuses it, exit 2.
    for args in [
        &["overview", "--format", "csv"][..],
        &["check", "--format", "csv"],
        &["export", "json", "--format", "csv"],
        &["generate", "--format", "json", "/tmp/x"],
        &["summits", "--as-of", "2026"],
        &["--format", "json", "overview"],
    ] {
        let out = summitry(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).starts_with("error: "),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stdout), "", "{args:?}");
    }
    // A global flag a command cannot honour is refused with the reason.
    for (args, flag, name) in [
        (&["overview", "--raw-csv"][..], "--raw-csv", "overview"),
        (&["summits", "--as-of", "2026"], "--as-of", "summits"),
        (&["check", "--output", "/tmp/x"], "--output", "check"),
        (&["man", "--lang", "uk"], "--lang", "man"),
        (&["export", "json", "--lang", "uk"], "--lang", "export json"),
    ] {
        let out = summitry(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            format!("error: `{flag}` has no effect on `summitry {name}`\n")
        );
    }
    let out = summitry(&["--data", "/tmp", "generate", "/tmp/x"]);
    assert_eq!(
        text(&out.stderr),
        "error: `--data` has no effect on `summitry generate`\n"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn check_format_json_prints_each_diagnostic_as_an_object() {
    let dir = copy_data("json-diag");
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
    let out = summitry(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let d = &v.as_array().unwrap()[0];
    assert!(
        d["file"]
            .as_str()
            .unwrap()
            .ends_with("china-central-asia.toml"),
        "{d}"
    );
    assert_eq!(d["line"], line_no + 1);
    assert_eq!(d["column"], col);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "S0402");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown party `kzz` in `"),
        "{d}"
    );
    assert!(d["key_path"].as_str().unwrap().ends_with(".host"), "{d}");
    assert_eq!(d["help"], "did you mean `kz`?");
    assert_eq!(stdout_of(&["check", "--format", "json"]).trim(), "[]");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn closed_vocabularies_list_their_values_in_any_case() {
    for (args, values) in [
        (
            &["summits", "--status", "hel"][..],
            "[possible values: planned, held, postponed, cancelled]",
        ),
        (
            &["commitments", "--status", "done"],
            "[possible values: unknown, not-started, limited, substantial, complete]",
        ),
        (
            &["commitments", "--kind", "money"],
            "[possible values: institutional, policy, financial, schedule]",
        ),
        (
            &["scorecard", "--by", "country"],
            "[possible values: party, commitment, area, summit, mechanism]",
        ),
        (
            &["export", "csv", "--table", "nope"],
            "[possible values: summits, commitments, assessments, schedule, matrix]",
        ),
        (
            &["summits", "--format", "xml"],
            "[possible values: text, json, csv]",
        ),
        (
            &["overview", "--format", "xml"],
            "[possible values: text, json]",
        ),
    ] {
        let out = summitry(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(values),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let help = if args[0] == "export" {
            stdout_of(&["export", "csv", "--help"])
        } else {
            stdout_of(&[args[0], "--help"])
        };
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help.contains(values), "{args:?} --help:\n{help}");
    }
    // Any case: `Held` is `held`.
    assert_eq!(
        stdout_of(&["summits", "--status", "Held"]),
        stdout_of(&["summits", "--status", "held"])
    );
    assert_eq!(
        stdout_of(&["scorecard", "--by", "AREA"]),
        stdout_of(&["scorecard", "--by", "area"])
    );
    assert_eq!(
        stdout_of(&["export", "csv", "--table", "Summits", "--as-of", "2026"]),
        stdout_of(&["export", "csv", "--table", "summits", "--as-of", "2026"])
    );
    assert_eq!(
        stdout_of(&["summits", "--format", "JSON"]),
        stdout_of(&["summits", "--format", "json"])
    );
    let financial = stdout_of(&["commitments", "--kind", "Financial", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&financial).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] == "financial"),
        "{v}"
    );
}

#[test]
fn unknown_ids_get_did_you_mean_and_the_short_list() {
    let ds = summitry::Dataset::bundled();
    // The list of known ids when there are at most 12, as the user would type them.
    let list = |what: &str, ids: Vec<&str>| {
        if ids.len() <= 12 {
            format!("\n  known {what}: {}", ids.join(", "))
        } else {
            String::new()
        }
    };
    let out = summitry(&["next", "cca"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: unknown mechanism `cca`\n  help: did you mean `china-central-asia`?{}\n",
            list(
                "mechanisms",
                ds.mechanisms().iter().map(|m| m.id.as_str()).collect()
            )
        )
    );
    let out = summitry(&["commitments", "--party", "kazakhstan"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: unknown party `kazakhstan` (party ids are ISO 3166-1 alpha-2 codes, such as \
             `kz` for Kazakhstan)\n  help: did you mean `kz` (Kazakhstan)?{}\n",
            list(
                "parties",
                ds.parties().iter().map(|p| p.id.as_str()).collect()
            )
        )
    );
    // A short list is shown in full (a dataset of three mechanisms).
    let dir = std::env::temp_dir().join(format!("summitry-cli-short-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("a.toml"),
        "[[party]]\nid = \"kz\"\nkind = \"state\"\nname = { en = \"Kazakhstan\" }\n\n\
         [[party]]\nid = \"cn\"\nkind = \"state\"\nname = { en = \"China\" }\n",
    )
    .unwrap();
    let out = summitry(&[
        "--data",
        dir.to_str().unwrap(),
        "summits",
        "--party",
        "kazakstan",
    ]);
    assert_eq!(
        text(&out.stderr),
        "error: unknown party `kazakstan` (party ids are ISO 3166-1 alpha-2 codes, such as \
         `kz` for Kazakhstan)\n  help: did you mean `kz` (Kazakhstan)?\n  known parties: kz, cn\n"
    );
    std::fs::remove_dir_all(dir).unwrap();
    let out = summitry(&["summits", "--party", "Казахстан"]);
    assert!(
        text(&out.stderr).contains("did you mean `kz` (Kazakhstan)?"),
        "{}",
        text(&out.stderr)
    );
    let out = summitry(&["commitments", "--area", "securty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("did you mean `security`?"),
        "{}",
        text(&out.stderr)
    );
    let out = summitry(&["commitments", "--summit", "cca-2025-astan"]);
    assert!(
        text(&out.stderr).contains("did you mean `cca-2025-astana`?"),
        "{}",
        text(&out.stderr)
    );
    // Ids are case-insensitive.
    assert_eq!(
        stdout_of(&["summits", "--party", "KZ"]),
        stdout_of(&["summits", "--party", "kz"])
    );
}

#[test]
fn dates_name_their_accepted_forms_and_today_works() {
    let out = summitry(&["summits", "--from", "2023/05/01"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "\n  use a year (2025), a month (2025-06), a day (2025-06-17), a range \
                      (2025-06-16/2025-06-17) or `today`\n"
        ),
        "{err}"
    );
    let help = stdout_of(&["summits", "--help"]);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains("(a year, month, day, range or") && help.contains("`today`)"),
        "{help}"
    );
    let top = stdout_of(&["--help"]);
    let top = top.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        top.contains("Dates are a year (2025), a month (2025-06), a day (2025-06-17)"),
        "{top}"
    );
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let today = chrono::DateTime::from_timestamp(secs as i64, 0)
        .unwrap()
        .date_naive()
        .to_string();
    for cmd in [
        &["commitments", "--format", "json"][..],
        &["overview", "--format", "json"],
    ] {
        let mut a = cmd.to_vec();
        a.extend(["--as-of", "today"]);
        let mut b = cmd.to_vec();
        b.extend(["--as-of", &today]);
        assert_eq!(stdout_of(&a), stdout_of(&b), "{cmd:?}");
    }
    assert_eq!(
        stdout_of(&["next", "china-central-asia", "--after", "TODAY"]),
        stdout_of(&["next", "china-central-asia", "--after", &today])
    );
}

#[test]
fn a_missing_data_path_is_a_usage_error_on_one_line() {
    for cmd in ["overview", "check", "summits"] {
        let out = summitry(&["--data", "/no/such/summitry/dir", cmd]);
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert_eq!(
            text(&out.stderr),
            "error: `--data /no/such/summitry/dir`: no such file or directory\n"
        );
    }
}

/// The words and phrases of a catalogue's text, placeholders removed.
fn phrases(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some((before, after)) = rest.split_once('{') {
        out.push(before.to_owned());
        rest = after.split_once('}').map_or("", |(_, a)| a);
    }
    out.push(rest.to_owned());
    out.into_iter()
        .map(|p| p.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|p| p.chars().any(|c| c.is_ascii_alphabetic()))
        .collect()
}

/// Whether `phrase` occurs in `text` as whole words (ids such as `cca-2027` are one word).
fn has_phrase(text: &str, phrase: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

#[test]
fn overview_in_ukrainian_has_no_english_interface_word() {
    let uk = stdout_of(&["overview", "--lang", "uk", "--as-of", "2026-01-01"]);
    assert!(
        uk.contains("\nСаміти:\n") && uk.contains("\nНаступний: 2027, "),
        "{uk}"
    );
    assert!(uk.contains("(відбувся, приймає Казахстан"), "{uk}");
    // Lines starting `  - [` are the data's own commitment texts, English where the data
    // has no Ukrainian quote; everything else is interface or Ukrainian labels.
    let interface: String = uk
        .lines()
        .filter(|l| !l.starts_with("  - ["))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (key, value) in summitry::render::Messages::english_words() {
        for p in phrases(value) {
            if has_phrase(&interface, &p) {
                found.push(format!("{key}: {p:?}"));
            }
        }
    }
    assert_eq!(found, Vec::<String>::new(), "{interface}");
    // A commitment's quote is shown in the language it was said in.
    assert!(uk.contains("  - [CN KZ KG TJ TM UZ] Лідери Китаю"), "{uk}");
    let en = stdout_of(&["overview", "--as-of", "2026-01-01"]);
    assert!(!en.contains("Лідери Китаю"), "{en}");
}

#[test]
fn the_interface_speaks_ukrainian_russian_and_chinese() {
    let s = |lang: &str| {
        stdout_of(&[
            "summits",
            "--mechanism",
            "china-central-asia",
            "--lang",
            lang,
        ])
    };
    assert!(
        s("uk").ends_with("\n4 саміти\n") && s("uk").contains("[відбувся]"),
        "{}",
        s("uk")
    );
    assert!(
        s("ru").ends_with("\n4 саммита\n") && s("ru").contains("[состоялся]"),
        "{}",
        s("ru")
    );
    assert!(
        s("zh").ends_with("\n4 次峰会\n") && s("zh").contains("[已举行]"),
        "{}",
        s("zh")
    );
    // A language without a catalogue falls back to English words.
    assert!(s("fr").ends_with("\n4 summits\n"), "{}", s("fr"));
    let sched = stdout_of(&[
        "schedule",
        "china-central-asia",
        "--lang",
        "uk",
        "--count",
        "4",
    ]);
    assert!(
        sched.contains(" прогноз ") && sched.contains("правило ("),
        "{sched}"
    );
    assert!(
        !sched.contains("projected") && !sched.contains("held"),
        "{sched}"
    );
    let next = stdout_of(&[
        "next",
        "central-asia-russia",
        "--after",
        "2026-01-01",
        "--lang",
        "uk",
    ]);
    assert!(next.contains("одна з: KG, KZ, RU, TJ, TM, UZ"), "{next}");
    let card = stdout_of(&["scorecard", "--lang", "uk"]);
    assert!(card.starts_with("сторона "), "{card}");
    assert!(card.contains("разом"), "{card}");
    // A quote is shown when it is in the language asked for.
    let args = [
        "commitments",
        "--text",
        "scholarship",
        "--as-of",
        "2026-01-01",
    ];
    let mut uk_args = args.to_vec();
    uk_args.extend(["--lang", "uk"]);
    let uk = stdout_of(&uk_args);
    assert!(uk.contains("    цитата: «"), "{uk}");
    assert!(!stdout_of(&args).contains("quote: «"));
}

#[test]
fn no_progress_or_escape_codes_when_stderr_is_not_a_terminal() {
    let dir = std::env::temp_dir().join(format!("summitry-cli-progress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = summitry(&[
        "generate",
        "--commitments",
        "20000",
        "--seed",
        "3",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("wrote ") && err.lines().count() == 1,
        "{err:?}"
    );
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
    let out = summitry(&["--data", dir.to_str().unwrap(), "check"]);
    let err = text(&out.stderr);
    assert!(
        err.starts_with("checked ") && err.lines().count() == 1,
        "{err:?}"
    );
    assert!(!err.contains('\r') && !err.contains('\x1b'), "{err:?}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn completions_man_page_and_colour_conventions() {
    for (shell, marker) in [
        ("bash", "complete -F _summitry"),
        ("zsh", "#compdef summitry"),
        ("fish", "complete -c summitry"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = stdout_of(&["completions", shell]);
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("overview") && out.contains("lang"), "{shell}");
    }
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH summitry 1"), "{man}");
    assert!(
        man.contains("overview") && man.contains("completions"),
        "{man}"
    );
    let out = summitry(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    // Colour: `CLICOLOR_FORCE` colours errors even in a pipe; `NO_COLOR` wins over it.
    let red = summitry_env(&["next", "cca"], &[("CLICOLOR_FORCE", "1")]);
    // `summitry_env` sets NO_COLOR=1: no colour.
    assert!(
        text(&red.stderr).starts_with("error: "),
        "{:?}",
        text(&red.stderr)
    );
    let forced = Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(["next", "cca"])
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(
        text(&forced.stderr).starts_with("\x1b[1;31merror\x1b[0m: "),
        "{:?}",
        text(&forced.stderr)
    );
    let plain = Command::new(env!("CARGO_BIN_EXE_summitry"))
        .args(["next", "cca"])
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap();
    assert!(
        text(&plain.stderr).starts_with("error: "),
        "{:?}",
        text(&plain.stderr)
    );
}

#[test]
fn overview_shows_every_mechanisms_next_edition() {
    let out = stdout_of(&["overview", "--as-of", "2026-01-01"]);
    let ds = summitry::Dataset::bundled();
    // Each mechanism's block: its heading line, then a `Next:` line before the blank line.
    for m in ds.mechanisms() {
        let heading = format!("[{}]\n", m.id);
        let at = out
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading}: {out}"));
        let block = out[at..].split("\n\n").next().unwrap();
        let next = block.lines().find(|l| l.starts_with("Next: "));
        assert!(next.is_some(), "{}: no next edition\n{block}", m.id);
    }
    let next_of = |id: &str| {
        let at = out.find(&format!("[{id}]\n")).unwrap();
        let block = out[at..].split("\n\n").next().unwrap();
        block
            .lines()
            .find(|l| l.starts_with("Next: "))
            .unwrap()
            .to_owned()
    };
    assert!(
        next_of("central-asia-russia")
            .starts_with("Next: 2027, one of KG, KZ, RU, TJ, TM, UZ (decided; "),
        "{}",
        next_of("central-asia-russia")
    );
    assert!(
        next_of("china-central-asia").starts_with(
            "Next: 2027, China (projected; 1 period after edition 2, held 2025-06-17; rule ("
        ),
        "{}",
        next_of("china-central-asia")
    );
}

#[test]
fn markdown_report_in_ukrainian_has_no_english_interface_word() {
    let uk = stdout_of(&[
        "export",
        "markdown",
        "--lang",
        "uk",
        "--as-of",
        "2026-01-01",
    ]);
    assert!(
        uk.contains("почергово: Китай і члени в алфавітному порядку їхніх назв англійською"),
        "{uk}"
    );
    assert!(
        uk.contains("| # | Дата | Господар | Стан | Підстава |"),
        "{uk}"
    );
    // Remove the data's own texts (English where the data has no Ukrainian), longest first,
    // and the sources section (publishers and titles); what is left is the interface.
    let ds = summitry::Dataset::bundled();
    let mut data: Vec<String> = Vec::new();
    data.extend(ds.commitments().iter().map(|c| c.text().to_string()));
    data.extend(
        ds.documents()
            .iter()
            .flat_map(|d| d.title.iter().map(|(_, t)| t.to_owned())),
    );
    data.extend(ds.mechanisms().iter().filter_map(|m| m.note.clone()));
    data.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let (body, _sources) = uk.split_once("\n## Джерела\n").unwrap();
    // Markdown escapes (`\(`, `\*`) undone, so the data's texts can be found.
    let mut interface = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => interface.extend(chars.next()),
            c => interface.push(c),
        }
    }
    for t in &data {
        interface = interface.replace(t.as_str(), "");
    }
    let mut found = Vec::new();
    for (key, value) in summitry::render::Messages::english_words() {
        for p in phrases(value) {
            if has_phrase(&interface, &p) {
                found.push(format!("{key}: {p:?}"));
            }
        }
    }
    assert_eq!(found, Vec::<String>::new(), "{interface}");
    // The English report keeps its words.
    let en = stdout_of(&["export", "markdown", "--as-of", "2026-01-01"]);
    assert!(
        en.contains("alternating between China and the members in alphabetical order"),
        "{en}"
    );
}

/// Vocabulary arguments end in the library's `FromStr` (`--status Held` reads as `held`);
/// a wrong word exits 2 and lists every valid word, taken from the library's vocabularies.
#[test]
fn vocabulary_arguments_parse_through_the_library() {
    for (args, wrong, valid) in [
        (
            &["summits", "--status", "hled"][..],
            "hled",
            &summitry::SummitStatus::ALL.map(|x| x.as_str())[..],
        ),
        (
            &["commitments", "--status", "complet"],
            "complet",
            &summitry::Completion::ALL.map(|x| x.as_str())[..],
        ),
        (
            &["scorecard", "--by", "partyy"],
            "partyy",
            &summitry::By::ALL.map(|x| x.as_str())[..],
        ),
        (
            &["export", "csv", "--table", "sumits"],
            "sumits",
            &summitry::export::Table::ALL.map(|x| x.as_str())[..],
        ),
    ] {
        let out = summitry(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(err.contains(wrong), "{args:?}: {err}");
        for w in valid {
            assert!(err.contains(w), "{args:?}: {w} missing from {err}");
        }
        assert_eq!(text(&out.stdout), "", "{args:?}");
    }
}

// Issue 11: schedules that follow the world.

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
            .starts_with("1 period after edition 2, held 2025-06-17; rule ("),
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
        "  3  2020  Aland  projected  1 period after edition 2, held 2019-07-24; rule (s)\n"
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
        "1 period after edition 2, held 2019-07-24; rule (s)"
    );
    assert_eq!(v["provenance"][1]["anchor"]["edition"], 2);
    assert_eq!(v["provenance"][1]["anchor"]["how"], "held");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---- export site (issue 17) ----

#[test]
fn export_site_writes_a_site_in_the_language_asked_for() {
    let dir = common::temp_dir("cli", "site");
    let out_dir = dir.join("public");
    let d = out_dir.to_str().unwrap();
    let out = summitry(&["export", "site", "--lang", "zh", "--as-of", "2026-01-01", d]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    let files = tree(&out_dir);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(out_dir.join(f)).unwrap().len())
        .sum();
    assert_eq!(
        text(&out.stderr),
        format!("已写入 {} 个文件（{bytes} 字节）到 {d}\n", files.len())
    );
    for page in [
        "index.html",
        "commitment/xian-scholarships/index.html",
        "party/kz/index.html",
        "search/index.html",
    ] {
        let html = std::fs::read_to_string(out_dir.join(page)).unwrap();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"zh\">"),
            "{page}"
        );
    }
    let home = std::fs::read_to_string(out_dir.join("index.html")).unwrap();
    assert!(
        home.contains("<title>峰会与承诺 – 峰会与承诺</title>"),
        "{home}"
    );
    let c =
        std::fs::read_to_string(out_dir.join("commitment/xian-scholarships/index.html")).unwrap();
    assert!(c.contains("<h2>各方评估</h2>"), "{c}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn export_site_refuses_a_directory_that_is_not_empty() {
    let dir = common::temp_dir("cli", "site-refuse");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let d = dir.to_str().unwrap();
    let out = summitry(&["export", "site", "--as-of", "2026-01-01", d]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        format!(
            "error: `{d}` is not empty: give `--force` to replace the files an earlier `export site` wrote there\n"
        )
    );
    assert_eq!(tree(&dir), ["notes.txt"]);
    let out = summitry(&["export", "site", "--as-of", "2026-01-01", "--force", d]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(dir.join("index.html").is_file() && dir.join("notes.txt").is_file());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn export_site_usage_errors() {
    let dir = common::temp_dir("cli", "site-usage");
    let d = dir.join("out");
    let d = d.to_str().unwrap();
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "export",
                "site",
                "--as-of",
                "2026-01-01",
                "--base-url",
                "ftp://x",
                d,
            ],
            "error: the base address `ftp://x` is not an http or https address with a host\n",
        ),
        (
            &["export", "site", "--as-of", "2026", d],
            "error: the site's date must be a day (YYYY-MM-DD), not `2026`\n",
        ),
        (
            &[
                "--output",
                "x.html",
                "export",
                "site",
                "--as-of",
                "2026-01-01",
                d,
            ],
            "error: `--output` has no effect on `summitry export site`\n",
        ),
    ];
    for (args, want) in cases {
        let out = summitry(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stderr), want, "{args:?}");
    }
    // Invalid data: exit 1, nothing written.
    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("a.toml"), "[[party]]\nid = \"kz\"\n").unwrap();
    let out = summitry(&[
        "--data",
        bad.to_str().unwrap(),
        "export",
        "site",
        "--as-of",
        "2026-01-01",
        d,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!Path::new(d).exists());
    std::fs::remove_dir_all(dir).unwrap();
}
