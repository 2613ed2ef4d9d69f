//! The exports, checked with independent parsers and validators: `ical` for iCalendar,
//! `boon` for JSON Schema, `roxmltree` for SVG.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::Value;
use std::collections::HashSet;
use summitry::export::{ExportOptions, Table};
use summitry::{Dataset, EditionStatus, PartialDate};
use toml::de::{DeTable, DeValue};

fn ds() -> &'static Dataset {
    Dataset::bundled()
}

fn opts() -> ExportOptions {
    ExportOptions::new().as_of("2026-11-28".parse::<PartialDate>().unwrap())
}

// ---------------------------------------------------------------- JSON

#[test]
fn json_has_every_record_in_the_documented_shape() {
    let ds = ds();
    let mut out = Vec::new();
    ds.export_json(&mut out).unwrap();
    assert_eq!(
        String::from_utf8(out.clone()).unwrap(),
        ds.export_json_string()
    );
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["format"], "summitry/1");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "format",
        "parties",
        "sources",
        "areas",
        "mechanisms",
        "summits",
        "documents",
        "commitments",
        "assessments",
    ] {
        assert!(keys.contains(&k), "{k} missing from {keys:?}");
    }
    assert_eq!(v["parties"].as_array().unwrap().len(), ds.parties().len());
    assert_eq!(
        v["commitments"].as_array().unwrap().len(),
        ds.commitments().len()
    );
    assert_eq!(
        v["assessments"].as_array().unwrap().len(),
        ds.assessments().len()
    );
    let astana = v["summits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "cca-2025-astana")
        .unwrap();
    assert_eq!(astana["date"], "2025-06-17");
    assert_eq!(astana["edition"]["ordinal"], 2);
    assert_eq!(astana["venue"]["city"]["en"], "Astana");
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_tables_have_a_header_and_one_row_per_record() {
    let ds = ds();
    let o = opts();
    let rows = |t: Table| {
        let s = ds.export_csv_string(t, &o).unwrap();
        assert!(s.ends_with("\r\n"), "{t:?}");
        s
    };
    let summits = rows(Table::Summits);
    assert!(summits.starts_with("id,mechanism,edition,name,date,precision,first_day,last_day,"));
    assert_eq!(summits.matches("\r\n").count(), ds.summits().len() + 1);
    assert!(summits.contains("cca-2025-astana,china-central-asia,2,Second China–Central Asia Summit,2025-06-17,day,2025-06-17,2025-06-17,kz,Kazakhstan,Astana,false,held,confirmed,cn;kz;kg;tj;tm;uz,"));
    let assessments = rows(Table::Assessments);
    assert!(
        assessments
            .starts_with("commitment,party,score,status,rater,as_of,recorded,evidence,note\r\n")
    );
    assert_eq!(assessments.lines().count(), ds.assessments().len() + 1);
    let commitments = rows(Table::Commitments);
    assert!(
        commitments
            .lines()
            .next()
            .unwrap()
            .ends_with(",deadline_state")
    );
    let schedule = rows(Table::Schedule);
    assert!(schedule.starts_with(
        "mechanism,ordinal,date,precision,first_day,last_day,host,host_name,candidates,status,summit,source\r\n"
    ));
    // A year is a year: its precision and its whole span, never an invented day.
    assert!(
        schedule.contains(
            "china-central-asia,4,2029,year,2029-01-01,2029-12-31,kg,Kyrgyzstan,,projected,"
        ),
        "{schedule}"
    );
    assert!(
        schedule.contains(",kg;kz;ru;tj;tm;uz,decided,"),
        "{schedule}"
    );
    let one = ds
        .export_csv_string(
            Table::Schedule,
            &opts().mechanism("china-central-asia").upcoming(2),
        )
        .unwrap();
    assert!(
        one.lines()
            .skip(1)
            .all(|l| l.starts_with("china-central-asia,"))
    );
    assert_eq!(one.lines().filter(|l| l.contains(",projected,")).count(), 2);
    let err = ds
        .export_csv_string(Table::Schedule, &opts().mechanism("china-centralasia"))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("did you mean `china-central-asia`?"),
        "{err}"
    );
}

#[test]
fn unrecorded_editions_before_a_held_one_are_not_counted_as_ahead() {
    // The Korea–Central Asia forum has only its 9th, 12th and 17th sessions recorded: the
    // editions in between are behind the last held one, so one edition "ahead" reaches past
    // the 17th to the 18th (decided for 2026).
    let csv = ds()
        .export_csv_string(
            Table::Schedule,
            &opts().mechanism("korea-central-asia-forum").upcoming(1),
        )
        .unwrap();
    let ordinals: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(
        ordinals,
        ["9", "10", "11", "12", "13", "14", "15", "16", "17", "18"]
    );
    assert!(
        csv.contains(
            "\r\nkorea-central-asia-forum,18,2026,year,2026-01-01,2026-12-31,uz,Uzbekistan,"
        ),
        "{csv}"
    );
}

// ---------------------------------------------------------------- iCalendar

#[test]
fn ics_parses_with_an_independent_parser_and_is_stable() {
    let ds = ds();
    let a = ds.export_ics_string(&opts()).unwrap();
    let b = ds.export_ics_string(&opts()).unwrap();
    assert_eq!(a, b, "two runs differ");
    let again = Dataset::bundled().export_ics_string(&opts()).unwrap();
    assert_eq!(a, again);

    // RFC 5545 §3.1: CRLF line ends, at most 75 octets per line.
    assert!(a.ends_with("\r\n"));
    assert!(!a.replace("\r\n", "").contains('\n'), "bare LF");
    for l in a.split("\r\n") {
        assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
    }

    let mut parser = ical::IcalParser::new(a.as_bytes());
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    let prop = |props: &[ical::property::Property], name: &str| -> Option<String> {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(prop(&cal.properties, "VERSION").as_deref(), Some("2.0"));
    assert!(prop(&cal.properties, "PRODID").is_some());
    assert_eq!(
        prop(&cal.properties, "CALSCALE").as_deref(),
        Some("GREGORIAN")
    );

    let mut uids = HashSet::new();
    let mut events = std::collections::HashMap::new();
    for e in &cal.events {
        let uid = prop(&e.properties, "UID").unwrap();
        assert!(uid.ends_with("@summitry"), "{uid}");
        assert!(uids.insert(uid.clone()), "duplicate UID {uid}");
        assert!(prop(&e.properties, "DTSTAMP").is_some());
        let start = prop(&e.properties, "DTSTART").unwrap();
        let end = prop(&e.properties, "DTEND").unwrap();
        assert_eq!(start.len(), 8, "{start}");
        assert!(
            end > start,
            "DTEND {end} not after DTSTART {start} in {uid}"
        );
        let start_param = e
            .properties
            .iter()
            .find(|p| p.name == "DTSTART")
            .and_then(|p| p.params.clone())
            .unwrap();
        assert!(
            start_param
                .iter()
                .any(|(k, v)| k == "VALUE" && v == &["DATE".to_owned()]),
            "{start_param:?}"
        );
        events.insert(uid, e.properties.clone());
    }

    // Every dated edition of every mechanism is in the feed, under its stable UID.
    for m in ds.mechanisms() {
        for e in ds.schedule(m.id.as_str()).unwrap().take(4) {
            if e.date.is_none() {
                continue;
            }
            let uid = match e.ordinal {
                Some(n) => format!("{}-{n}@summitry", m.id),
                None => format!("{}@summitry", e.summit.unwrap()),
            };
            assert!(events.contains_key(&uid), "{uid} missing");
        }
    }

    // Astana, held: confirmed, one day, with its location.
    let astana = &events["china-central-asia-2@summitry"];
    assert_eq!(prop(astana, "DTSTART").as_deref(), Some("20250617"));
    assert_eq!(prop(astana, "DTEND").as_deref(), Some("20250618"));
    assert_eq!(prop(astana, "STATUS").as_deref(), Some("CONFIRMED"));
    assert!(prop(astana, "LOCATION").unwrap().contains("Astana"));
    // Xi'an: a two-day range ends the day after its last day.
    let xian = &events["china-central-asia-1@summitry"];
    assert_eq!(prop(xian, "DTSTART").as_deref(), Some("20230518"));
    assert_eq!(prop(xian, "DTEND").as_deref(), Some("20230520"));
    // 2027, known only to the year: the whole year, tentative, and said so.
    let third = &events["china-central-asia-3@summitry"];
    assert_eq!(prop(third, "DTSTART").as_deref(), Some("20270101"));
    assert_eq!(prop(third, "DTEND").as_deref(), Some("20280101"));
    assert_eq!(prop(third, "STATUS").as_deref(), Some("TENTATIVE"));
    assert!(
        prop(third, "SUMMARY")
            .unwrap()
            .contains("date known to the year only"),
        "{third:?}"
    );
    // Central Asia–Russia 3: decided for 2027, host open: "one of …" candidates.
    let car = &events["central-asia-russia-3@summitry"];
    assert!(prop(car, "LOCATION").unwrap().starts_with("one of "));
    assert_eq!(prop(car, "STATUS").as_deref(), Some("TENTATIVE"));
    // The special virtual summit keeps its summit id as UID.
    assert!(events.contains_key("cca-2022-virtual@summitry"));
    // Escaping: commas in TEXT values are escaped in the raw feed.
    assert!(a.contains("LOCATION:Astana\\, Kazakhstan\r\n"), "{a}");
}

// ---------------------------------------------------------------- JSON Schema

/// A TOML document as JSON, the way Taplo and other TOML-to-JSON converters see it: a local
/// date becomes the string `YYYY-MM-DD`.
fn toml_to_json(text: &str) -> Value {
    fn conv(v: &DeValue<'_>) -> Value {
        match v {
            DeValue::String(s) => Value::String(s.to_string()),
            DeValue::Integer(i) => Value::from(i64::from_str_radix(i.as_str(), i.radix()).unwrap()),
            DeValue::Float(f) => {
                let s: String = f.as_str().chars().filter(|c| *c != '_').collect();
                Value::from(s.parse::<f64>().unwrap())
            }
            DeValue::Boolean(b) => Value::Bool(*b),
            DeValue::Datetime(d) => Value::String(d.to_string()),
            DeValue::Array(a) => Value::Array(a.iter().map(|x| conv(x.get_ref())).collect()),
            DeValue::Table(t) => table(t),
        }
    }
    fn table(t: &DeTable<'_>) -> Value {
        Value::Object(
            t.iter()
                .map(|(k, v)| (k.get_ref().to_string(), conv(v.get_ref())))
                .collect(),
        )
    }
    let root = DeTable::parse(text).unwrap();
    table(root.get_ref())
}

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn new() -> Validator {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler
            .add_resource(
                "http://summitry.test/schema.json",
                serde_json::from_str::<Value>(&summitry::export::json_schema()).unwrap(),
            )
            .unwrap();
        let index = compiler
            .compile("http://summitry.test/schema.json", &mut schemas)
            .unwrap();
        Validator { schemas, index }
    }

    fn check(&self, v: &Value) -> Result<(), String> {
        self.schemas
            .validate(v, self.index)
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn schema_accepts_every_bundled_file_and_the_example() {
    let val = Validator::new();
    let mut n = 0;
    for (name, text) in Dataset::bundled_files() {
        let v = toml_to_json(text);
        if let Err(e) = val.check(&v) {
            panic!("{name} rejected:\n{e}");
        }
        n += 1;
    }
    assert!(n >= 5);
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/example.toml"
    ))
    .unwrap();
    val.check(&toml_to_json(&example)).unwrap();
}

/// An exception of the last mechanism's schedule, of this kind, with these extra keys.
fn exception(kind: &str, extra: &str) -> String {
    format!(
        "\n[[mechanism.schedule.exception]]\nedition = 2\nkind = \"{kind}\"\n{extra}sources = [\"s1\"]\n"
    )
}

#[test]
fn schema_rejects_broken_files() {
    let val = Validator::new();
    let base = r#"
[[source]]
id = "s1"
publisher = "Agency"
title = "Report"
lang = "en"
date = 2025-06-17

[[party]]
id = "kz"
kind = "state"
name = { en = "Kazakhstan", ru = "Казахстан" }

[[mechanism]]
id = "m"
name = "Mechanism"
level = "heads-of-state"
members = ["kz", { party = "uz", since = 2024 }]
sources = ["s1"]

[mechanism.schedule]
every = "2y"
first = 2023
hosts = { alternate = [{ fixed = "kz" }, { alphabetical = "en", except = ["kz"] }] }
sources = ["s1"]

[[summit]]
id = "m-1"
mechanism = "m"
edition = 1
date = "2023-05-18/2023-05-19"
status = "held"
sources = ["s1"]
"#;
    val.check(&toml_to_json(base)).unwrap();
    let broken = [
        (
            "unknown key",
            base.replace("level = ", "levle = \"x\"\nlevel = "),
        ),
        ("unknown table", format!("{base}\n[[sumit]]\nid = \"x\"\n")),
        (
            "wrong type",
            base.replace("edition = 1", "edition = \"first\""),
        ),
        (
            "missing required key",
            base.replace("status = \"held\"\n", ""),
        ),
        (
            "unknown word",
            base.replace("kind = \"state\"", "kind = \"country\""),
        ),
        (
            "bad date",
            base.replace("first = 2023", "first = \"May 2023\""),
        ),
        (
            "two host rules",
            base.replace(
                "{ fixed = \"kz\" }",
                "{ fixed = \"kz\", ordered = [\"kz\"] }",
            ),
        ),
        (
            "empty sources",
            base.replace("members = [", "sources = []\nmembers = [")
                .replace(
                    "sources = [\"s1\"]\n\n[mechanism.schedule]",
                    "\n[mechanism.schedule]",
                ),
        ),
        ("first without every", base.replace("every = \"2y\"\n", "")),
        ("bad id", base.replace("id = \"m-1\"", "id = \"M 1\"")),
        (
            "a key of another variant",
            format!("{base}{}", exception("skip", "host = \"kz\"\n")),
        ),
        (
            "a variant without its key",
            format!("{base}{}", exception("replace", "")),
        ),
        (
            "a decision with neither date nor host",
            format!("{base}\n[[mechanism.schedule.decision]]\nedition = 2\nsources = [\"s1\"]\n"),
        ),
    ];
    val.check(&toml_to_json(&format!(
        "{base}{}",
        exception("replace", "host = \"kz\"\n")
    )))
    .unwrap();
    for (what, text) in broken {
        let v = toml_to_json(&text);
        assert!(val.check(&v).is_err(), "{what}: accepted\n{text}");
    }
}

#[test]
fn shipped_schema_file_is_current() {
    let file = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/summitry.schema.json"
    ))
    .unwrap();
    let expected = summitry::export::json_schema();
    assert!(
        file == expected,
        "schema/summitry.schema.json is stale: run `cargo run -- export schema > schema/summitry.schema.json`"
    );
}

// ---------------------------------------------------------------- SVG

#[test]
fn svg_is_well_formed_and_shows_every_edition() {
    let ds = ds();
    let o = opts();
    let svg = ds.export_svg_string(&o).unwrap();
    assert_eq!(svg, ds.export_svg_string(&o).unwrap());
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1000"));
    let ids: HashSet<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let summits: HashSet<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("data-summit"))
        .collect();
    // Every summit record of the bundled data is drawn.
    for s in ds.summits() {
        assert!(summits.contains(s.id.as_str()), "{} not drawn", s.id);
    }
    // Every dated edition of every mechanism's schedule, held, decided or projected.
    let mut statuses = HashSet::new();
    for m in ds.mechanisms() {
        assert!(ids.contains(format!("lane-{}", m.id).as_str()));
        let mut ahead = 0;
        for e in ds.schedule(m.id.as_str()).unwrap() {
            if e.status != EditionStatus::Held {
                ahead += 1;
            }
            if ahead > summitry::export::DEFAULT_UPCOMING {
                break;
            }
            if e.date.is_none() {
                continue;
            }
            statuses.insert(e.status);
            let id = match e.ordinal {
                Some(n) => format!("{}-{n}", m.id),
                None => e.summit.unwrap().to_string(),
            };
            assert!(ids.contains(id.as_str()), "edition {id} not drawn");
        }
    }
    assert!(statuses.contains(&EditionStatus::Held));
    assert!(statuses.contains(&EditionStatus::Decided));
    assert!(statuses.contains(&EditionStatus::Projected));
    // Deadlines, the legend and the reference date are there.
    assert!(
        doc.descendants()
            .any(|n| n.attribute("class") == Some("deadline"))
    );
    assert!(
        doc.descendants()
            .any(|n| n.attribute("class") == Some("legend"))
    );
    assert!(svg.contains("as of 2026-11-28"));
}

#[test]
fn svg_escapes_names() {
    let text = r#"
[[source]]
id = "s"
publisher = "P"
title = "T"
lang = "en"
[[party]]
id = "aa"
kind = "state"
name = "A & B <\"quoted\"> 'x'"
[[mechanism]]
id = "m"
name = "Talks <A & B>"
level = "other"
members = ["aa"]
sources = ["s"]
[[summit]]
id = "m-1"
mechanism = "m"
edition = 1
date = 2024
host = "aa"
status = "held"
sources = ["s"]
"#;
    let ds = Dataset::from_toml_str("t.toml", text).unwrap();
    let svg = ds.export_svg_string(&ExportOptions::new()).unwrap();
    roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert!(svg.contains("Talks &lt;A &amp; B&gt;"), "{svg}");
    let md = ds.export_markdown_string(&ExportOptions::new()).unwrap();
    assert!(md.contains("Talks &lt;A &amp; B&gt;"), "{md}");
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_report_has_every_part() {
    let ds = ds();
    let md = ds.export_markdown_string(&opts()).unwrap();
    for h in [
        "# Summits and commitments",
        "## Mechanisms",
        "### China–Central Asia Summit",
        "#### Editions recorded",
        "#### Schedule ahead",
        "## Commitments by area",
        "## Scorecards",
        "## Sources",
    ] {
        assert!(md.contains(h), "{h} missing");
    }
    assert!(
        md.contains("- **Secretariat:** Xi'an, since 2024-03-30"),
        "{md}"
    );
    assert!(
        md.contains("| 3 | 2027 (year only) | China | projected |"),
        "{md}"
    );
    assert!(md.contains("one of Kyrgyzstan, Kazakhstan, Russia"), "{md}");
    assert!(md.contains("(#source-1)"));
    assert!(md.contains("1. <a id=\"source-1\"></a>"));
    // Tables: every row has as many cells as its header.
    let mut cols = 0;
    for l in md.lines() {
        if !l.starts_with('|') {
            cols = 0;
            continue;
        }
        let n = l.replace("\\|", "").matches('|').count();
        if cols == 0 {
            cols = n;
        }
        assert_eq!(n, cols, "{l}");
    }
}

#[test]
fn markdown_escapes_pipes_in_cells() {
    let text = r#"
[[source]]
id = "s"
publisher = "P"
title = "T"
lang = "en"
[[party]]
id = "aa"
kind = "state"
name = "Aland"
[[mechanism]]
id = "m"
name = "Talks"
level = "other"
members = ["aa"]
sources = ["s"]
[[summit]]
id = "m-1"
mechanism = "m"
edition = 1
date = 2024
host = "aa"
venue = { city = "Left | Right" }
status = "held"
sources = ["s"]
"#;
    let ds = Dataset::from_toml_str("t.toml", text).unwrap();
    let md = ds.export_markdown_string(&ExportOptions::new()).unwrap();
    assert!(md.contains("Left \\| Right"), "{md}");
}
