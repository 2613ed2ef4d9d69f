//! Reliability: nothing is lost in an export, limits are explicit, and a dataset can be
//! shared between threads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;
use summitry::{Dataset, Limits, LoadError, Loader};

#[track_caller]
fn load(name: &str, text: &str) -> Dataset {
    match Dataset::from_toml_str(name, text) {
        Ok(d) => d,
        Err(e) => panic!("{name} does not load:\n{e}\n--- text ---\n{text}"),
    }
}

/// Every diagnostic message, in order.
fn messages(e: &LoadError) -> Vec<&str> {
    e.diagnostics().iter().map(|d| d.message()).collect()
}

// ---- nothing lost: export, load back, compare ----

#[test]
fn bundled_round_trips() {
    let data = Dataset::bundled();
    let text = data.export_toml_string();
    let back = load("export.toml", &text);
    assert_eq!(&back, data);
    assert_eq!(
        back.export_toml_string(),
        text,
        "exporting the reloaded dataset changes it"
    );
    assert_eq!(data.export_toml_string(), text, "two exports differ");
    // The bundled records, every one of them back.
    let counts = (
        back.parties().len(),
        back.sources().len(),
        back.areas().len(),
        back.mechanisms().len(),
        back.summits().len(),
        back.documents().len(),
        back.commitments().len(),
        back.assessments().len(),
    );
    assert_eq!(counts, (20, 126, 31, 12, 35, 41, 79, 52));
}

#[test]
fn example_round_trips() {
    let example = include_str!("../examples/data/example.toml");
    let data = load("example.toml", example);
    let text = data.export_toml_string();
    assert_eq!(load("export.toml", &text), data);
}

/// A small deterministic generator (xorshift) for the structure of a dataset; the text of
/// strings comes from proptest, so it explores escaping and Unicode.
struct Gen {
    state: u64,
    texts: Vec<String>,
    next_text: usize,
}

impl Gen {
    fn u(&mut self, n: u64) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        if n == 0 { 0 } else { self.state % n }
    }

    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.u(hi - lo + 1)
    }

    fn coin(&mut self) -> bool {
        self.u(2) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.u(items.len() as u64) as usize]
    }

    /// A nonempty subset, in a random order.
    fn subset<T: Clone>(&mut self, items: &[T]) -> Vec<T> {
        let mut out: Vec<T> = items.iter().filter(|_| self.coin()).cloned().collect();
        if out.is_empty() {
            out.push(self.pick(items).clone());
        }
        out
    }

    /// A non-blank text as a TOML string literal.
    fn text(&mut self) -> String {
        let t = self.texts[self.next_text % self.texts.len()].clone();
        self.next_text += 1;
        let t = format!("x{t}");
        toml_str(&t, self.u(4))
    }

    /// A web address (sources accept only `http` and `https` addresses with a host).
    fn url(&mut self) -> String {
        const PATH: [char; 15] = [
            'a', 'Z', '0', '-', '.', '_', '~', '%', '2', '/', '(', ')', '=', 'й', '中',
        ];
        let scheme = ["https", "http", "HTTPS"][self.u(3) as usize];
        let n = self.u(12);
        let path: String = (0..n).map(|_| PATH[self.u(15) as usize]).collect();
        let url = format!("{scheme}://host{}.test/{path}?a=b&c#f", self.u(100));
        toml_str(&url, self.u(4))
    }

    fn date(&mut self, lo: u64, hi: u64) -> String {
        let y = self.range(lo, hi);
        let m = self.range(1, 12);
        let d = self.range(1, 28);
        match self.u(6) {
            0 => format!("{y}"),
            1 => format!("\"{y}\""),
            2 => format!("\"{y:04}-{m:02}\""),
            3 => format!("{y:04}-{m:02}-{d:02}"),
            4 => format!("\"{y:04}-{m:02}-{d:02}\""),
            _ => {
                let d2 = self.range(d, 28);
                format!("\"{y:04}-{m:02}-{d:02}/{y:04}-{m:02}-{d2:02}\"")
            }
        }
    }

    fn labels(&mut self, en: bool) -> String {
        let mut langs: Vec<&str> = ["uk", "ru", "zh-Hans", "kk", "uz-Latn", "es-419"]
            .into_iter()
            .filter(|_| self.u(3) == 0)
            .collect();
        if en || langs.is_empty() {
            langs.insert(0, "en");
        }
        if langs == ["en"] && self.coin() {
            return self.text();
        }
        let items: Vec<String> = langs
            .iter()
            .map(|l| {
                let k = if self.coin() {
                    (*l).to_owned()
                } else {
                    format!("\"{l}\"")
                };
                format!("{k} = {}", self.text())
            })
            .collect();
        format!("{{ {} }}", items.join(", "))
    }

    fn list(items: &[String]) -> String {
        let q: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
        format!("[{}]", q.join(", "))
    }

    fn amount(&mut self) -> String {
        match self.u(4) {
            // Whole amounts past 2^53, where an `f64` would round.
            0 => format!("{}", self.u(1 << 62) + (1 << 53)),
            1 => {
                let n = self.u(1_000_000_000_000);
                let s = n.to_string();
                // Underscores between digits, as people write amounts.
                let mut out = String::new();
                for (i, c) in s.chars().enumerate() {
                    if i > 0 && (s.len() - i) % 3 == 0 {
                        out.push('_');
                    }
                    out.push(c);
                }
                out
            }
            // Decimals, with or without an exponent, within the 38 digits an amount keeps.
            2 => format!("{}.{:03}", self.u(1_000_000_000_000), self.u(1000)),
            _ => format!(
                "{}.{}e{}",
                self.u(10),
                self.u(1_000_000_000_000),
                self.u(40) as i64 - 20
            ),
        }
    }
}

/// A TOML string for `s`: a basic string escaped in one of several styles, or a literal
/// string when `s` allows it.
fn toml_str(s: &str, style: u64) -> String {
    let literal_ok = !s
        .chars()
        .any(|c| c == '\'' || (c.is_control() && c != '\t'));
    if style == 3 && literal_ok {
        return format!("'{s}'");
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        let code = c as u32;
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ if code < 0x20 || code == 0x7f => {
                let _ = write!(out, "\\u{code:04x}");
            }
            // Escape some ordinary characters too: the loader must decode them all.
            c if style == 1 && !c.is_ascii() => {
                let _ = write!(out, "\\U{code:08X}");
            }
            c if style == 2 && code % 3 == 0 => {
                let _ = write!(out, "\\u{:04X}", code.min(0xffff));
                if code > 0xffff {
                    // Not representable in \u: undo, write it whole.
                    for _ in 0..6 {
                        out.pop();
                    }
                    out.push(c);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A random valid dataset in the data format, exercising every table and key.
fn dataset_text(seed: u64, texts: Vec<String>) -> String {
    let mut g = Gen {
        state: seed | 1,
        texts,
        next_text: 0,
    };
    let mut t = String::new();
    let w = &mut t;

    let n_sources = g.range(1, 4);
    let sources: Vec<String> = (0..n_sources).map(|i| format!("src-{i}")).collect();
    for s in &sources {
        let _ = writeln!(w, "[[source]]\nid = \"{s}\"");
        let _ = writeln!(w, "publisher = {}\ntitle = {}", g.text(), g.text());
        let _ = writeln!(w, "lang = \"{}\"", g.pick(&["en", "ru", "ZH-hans", "uk"]));
        if g.coin() {
            let _ = writeln!(w, "date = {}", g.date(1990, 2030));
        }
        if g.coin() {
            let _ = writeln!(w, "url = {}", g.url());
        }
        if g.coin() {
            let _ = writeln!(w, "note = {}", g.text());
        }
    }

    let all_parties = ["aa", "bb", "cc", "dd", "ee", "ff"];
    let parties: Vec<String> = all_parties[..g.range(1, 6) as usize]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    for p in &parties {
        let id = if g.u(4) == 0 {
            p.to_uppercase()
        } else {
            p.clone()
        };
        let _ = writeln!(w, "[[party]]\nid = \"{id}\"");
        let _ = writeln!(w, "kind = \"{}\"", g.pick(&["state", "organisation"]));
        let _ = writeln!(w, "name = {}", g.labels(true));
        if g.coin() {
            let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
        }
    }

    let n_areas = g.range(1, 5);
    let areas: Vec<String> = (0..n_areas).map(|i| format!("area.{i}")).collect();
    for (i, a) in areas.iter().enumerate() {
        let _ = writeln!(w, "[[area]]\nid = \"{a}\"");
        if i > 0 && g.coin() {
            let _ = writeln!(w, "parent = \"{}\"", areas[g.u(i as u64) as usize]);
        }
        let _ = writeln!(w, "label = {}", g.labels(false));
    }

    let n_mech = g.range(1, 3);
    let mechs: Vec<String> = (0..n_mech).map(|i| format!("mech-{i}")).collect();
    let n_docs = g.range(1, 4);
    let docs: Vec<String> = (0..n_docs).map(|i| format!("doc-{i}")).collect();
    let mut members_of: Vec<Vec<String>> = Vec::new();
    for m in &mechs {
        let members = g.subset(&parties);
        members_of.push(members.clone());
        let _ = writeln!(w, "[[mechanism]]\nid = \"{m}\"\nname = {}", g.labels(false));
        let _ = writeln!(
            w,
            "level = \"{}\"",
            g.pick(&["heads-of-state", "ministerial", "other"])
        );
        let items: Vec<String> = members
            .iter()
            .map(|p| match g.u(3) {
                0 => format!("\"{p}\""),
                1 => format!("{{ party = \"{p}\", since = {} }}", g.date(1900, 1990)),
                _ => format!(
                    "{{ party = \"{p}\", since = {}, until = {} }}",
                    g.date(1900, 1990),
                    g.date(2200, 2300)
                ),
            })
            .collect();
        let _ = writeln!(w, "members = [{}]", items.join(", "));
        if g.coin() {
            let _ = writeln!(w, "established = {}", g.date(1950, 1999));
        }
        let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
        if g.coin() {
            let _ = writeln!(w, "note = {}", g.text());
        }
        if g.coin() {
            let _ = writeln!(w, "[mechanism.secretariat]\nseat = {}", g.labels(false));
            if g.coin() {
                let _ = writeln!(w, "established = {}", g.date(1990, 2030));
            }
            let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
        }
        if g.coin() {
            let _ = writeln!(w, "[mechanism.schedule]");
            let cadence = g.coin();
            if cadence {
                let unit = g.pick(&["y", "m"]);
                let _ = writeln!(w, "every = \"{}{unit}\"", g.range(1, 24));
                let _ = writeln!(w, "first = {}", g.range(2000, 2010));
                if g.coin() {
                    let _ = writeln!(w, "first-edition = {}", g.range(1, 5));
                }
            }
            let rule = |g: &mut Gen, members: &[String], top: bool| -> Option<String> {
                match g.u(if top { 5 } else { 3 }) {
                    0 => Some(format!("{{ fixed = \"{}\" }}", g.pick(members))),
                    1 => Some(format!("{{ ordered = {} }}", Gen::list(&g.subset(members)))),
                    2 => {
                        let mut s = String::from("{ alphabetical = \"en\"");
                        if g.coin() {
                            let _ = write!(s, ", among = {}", Gen::list(&g.subset(members)));
                        }
                        if g.coin() {
                            let _ = write!(s, ", except = {}", Gen::list(&g.subset(members)));
                        }
                        s.push_str(" }");
                        Some(s)
                    }
                    3 => None,
                    _ => Some(String::new()),
                }
            };
            match rule(&mut g, &members, true) {
                Some(s) if s.is_empty() => {
                    let a = rule(&mut g, &members, false).unwrap_or_default();
                    let b = rule(&mut g, &members, false).unwrap_or_default();
                    let _ = writeln!(w, "hosts = {{ alternate = [{a}, {b}] }}");
                }
                Some(s) => {
                    let _ = writeln!(w, "hosts = {s}");
                }
                None => {}
            }
            let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
            if g.coin() {
                let _ = writeln!(w, "note = {}", g.text());
            }
            if cadence {
                // Changes from distinct dates (two from one date are an error).
                for k in 0..g.u(3) {
                    let _ = writeln!(w, "[[mechanism.schedule.change]]");
                    let _ = writeln!(w, "from = {}", g.date(2011 + 30 * k, 2040 + 30 * k));
                    let _ = writeln!(w, "every = \"{}m\"", g.range(1, 1200));
                    let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
                }
            }
            // One decision per edition and exceptions on distinct editions, swaps apart:
            // decisions that disagree on one edition must be ordered by date, and an
            // edition swaps once.
            for k in 0..g.u(3) {
                let _ = writeln!(w, "[[mechanism.schedule.decision]]");
                let _ = writeln!(w, "edition = {}", 1 + 10 * k + g.range(0, 9));
                let which = g.u(3);
                if which != 1 {
                    let _ = writeln!(w, "date = {}", g.date(2000, 2100));
                }
                if which != 0 {
                    let _ = writeln!(w, "host = \"{}\"", g.pick(&members));
                }
                if g.coin() {
                    let _ = writeln!(w, "document = \"{}\"", g.pick(&docs));
                }
                if g.coin() {
                    let _ = writeln!(w, "confidence = \"{}\"", g.pick(&["confirmed", "reported"]));
                }
                let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
                if g.coin() {
                    let _ = writeln!(w, "note = {}", g.text());
                }
            }
            for k in 0..g.u(3) {
                let e = 1 + 10 * k + g.range(0, 4);
                let _ = writeln!(w, "[[mechanism.schedule.exception]]\nedition = {e}");
                match g.u(5) {
                    0 => {
                        let _ = writeln!(w, "kind = \"skip\"");
                    }
                    1 => {
                        let _ = writeln!(w, "kind = \"cancel\"");
                    }
                    2 => {
                        let _ = writeln!(w, "kind = \"swap\"\nwith = {}", e + g.range(1, 5));
                    }
                    3 => {
                        let _ = writeln!(w, "kind = \"replace\"\nhost = \"{}\"", g.pick(&members));
                    }
                    _ => {
                        let _ = writeln!(w, "kind = \"postpone\"\ndate = {}", g.date(2000, 2100));
                    }
                }
                let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
                if g.coin() {
                    let _ = writeln!(w, "note = {}", g.text());
                }
            }
        }
    }

    // Summits: editions unique per mechanism.
    let mut summits: Vec<(String, usize)> = Vec::new();
    for (mi, m) in mechs.iter().enumerate() {
        let members = members_of[mi].clone();
        for k in 0..g.u(4) {
            let id = format!("summit-{mi}-{k}");
            let _ = writeln!(w, "[[summit]]\nid = \"{id}\"\nmechanism = \"{m}\"");
            if g.u(4) == 0 {
                let _ = writeln!(w, "edition = \"special\"");
            } else {
                let _ = writeln!(w, "edition = {}", k + 1);
            }
            if g.coin() {
                let _ = writeln!(w, "name = {}", g.labels(false));
            }
            let _ = writeln!(w, "date = {}", g.date(2000, 2100));
            if g.coin() {
                let _ = writeln!(w, "host = \"{}\"", g.pick(&members));
            }
            match g.u(3) {
                0 => {
                    let _ = writeln!(w, "venue = {{ city = {} }}", g.labels(false));
                }
                1 => {
                    let _ = writeln!(
                        w,
                        "venue = {{ city = {}, place = {} }}",
                        g.labels(false),
                        g.labels(false)
                    );
                }
                _ => {}
            }
            if g.coin() {
                let _ = writeln!(w, "online = {}", g.coin());
            }
            let status = g.pick(&["planned", "held", "postponed", "cancelled"]);
            let _ = writeln!(w, "status = \"{status}\"");
            if g.coin() {
                let _ = writeln!(w, "confidence = \"{}\"", g.pick(&["confirmed", "reported"]));
            }
            if g.coin() {
                let ps: Vec<String> = g
                    .subset(&members)
                    .iter()
                    .map(|p| {
                        let mut s = format!("{{ party = \"{p}\"");
                        if g.coin() {
                            let _ = write!(s, ", person = {}", g.text());
                        }
                        if g.coin() {
                            let _ = write!(s, ", role = {}", g.text());
                        }
                        s + " }"
                    })
                    .collect();
                let _ = writeln!(w, "participants = [\n  {},\n]", ps.join(",\n  "));
            }
            let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
            if g.coin() {
                let _ = writeln!(w, "note = {}", g.text());
            }
            summits.push((id, mi));
        }
    }

    let kinds = [
        "declaration",
        "joint-statement",
        "communique",
        "treaty",
        "action-plan",
        "mou",
        "list-of-outcomes",
        "speech",
        "other",
    ];
    let mut signatories_of: Vec<Vec<String>> = Vec::new();
    for d in &docs {
        let _ = writeln!(w, "[[document]]\nid = \"{d}\"");
        let _ = writeln!(
            w,
            "kind = \"{}\"\ntitle = {}",
            g.pick(&kinds),
            g.labels(false)
        );
        let mi = g.u(mechs.len() as u64) as usize;
        let at_summit: Vec<&(String, usize)> = summits.iter().filter(|s| s.1 == mi).collect();
        let with_summit = !at_summit.is_empty() && g.coin();
        if with_summit {
            let _ = writeln!(w, "summit = \"{}\"", g.pick(&at_summit).0);
        }
        if !with_summit || g.coin() {
            let _ = writeln!(w, "mechanism = \"{}\"", mechs[mi]);
        }
        let _ = writeln!(w, "date = {}", g.date(2000, 2100));
        let sigs = g.subset(&parties);
        let _ = writeln!(w, "signatories = {}", Gen::list(&sigs));
        signatories_of.push(sigs);
        if g.coin() {
            let _ = writeln!(w, "binding = {}", g.coin());
        }
        let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
        if g.coin() {
            let _ = writeln!(w, "note = {}", g.text());
        }
    }

    let n_com = g.range(1, 5);
    let mut obligors_of: Vec<Vec<String>> = Vec::new();
    let mut coms: Vec<String> = Vec::new();
    for i in 0..n_com {
        let id = format!("com-{i}");
        let di = g.u(docs.len() as u64) as usize;
        let _ = writeln!(
            w,
            "[[commitment]]\nid = \"{id}\"\ndocument = \"{}\"",
            docs[di]
        );
        let _ = writeln!(w, "text = {}", g.text());
        let quoted = g.coin();
        if quoted {
            let _ = writeln!(
                w,
                "quote = {{ lang = \"{}\", text = {}, source = \"{}\" }}",
                g.pick(&["en", "ru", "zh-Hans"]),
                g.text(),
                g.pick(&sources)
            );
        }
        let _ = writeln!(w, "areas = {}", Gen::list(&g.subset(&areas)));
        let sigs = signatories_of[di].clone();
        if g.coin() {
            let _ = writeln!(w, "obligors = \"all\"");
            obligors_of.push(sigs);
        } else {
            let obl = g.subset(&sigs);
            let _ = writeln!(w, "obligors = {}", Gen::list(&obl));
            obligors_of.push(obl);
        }
        let _ = writeln!(
            w,
            "kind = \"{}\"",
            g.pick(&["institutional", "policy", "financial", "schedule"])
        );
        let _ = writeln!(
            w,
            "strength = \"{}\"",
            g.pick(&["binding", "pledge", "readiness", "support"])
        );
        match g.u(4) {
            0 => {
                let _ = writeln!(
                    w,
                    "target = {{ amount = {}, currency = \"{}\" }}",
                    g.amount(),
                    g.pick(&["CNY", "USD", "EUR"])
                );
            }
            1 => {
                let _ = writeln!(
                    w,
                    "target = {{ amount = {}, unit = {} }}",
                    g.amount(),
                    g.text()
                );
            }
            2 => {
                let _ = writeln!(
                    w,
                    "target = {{ amount = {}, unit = {}, currency = \"USD\" }}",
                    g.amount(),
                    g.text()
                );
            }
            _ => {}
        }
        if g.coin() {
            let _ = writeln!(w, "deadline = {}", g.date(2000, 2100));
        }
        if !coms.is_empty() && g.coin() {
            let _ = writeln!(w, "reiterates = {}", Gen::list(&g.subset(&coms)));
        }
        if !coms.is_empty() && g.coin() {
            let _ = writeln!(w, "supersedes = {}", Gen::list(&g.subset(&coms)));
        }
        if !quoted || g.coin() {
            let _ = writeln!(w, "sources = {}", Gen::list(&g.subset(&sources)));
        }
        if g.coin() {
            let _ = writeln!(w, "note = {}", g.text());
        }
        coms.push(id);
    }

    for _ in 0..g.u(6) {
        let ci = g.u(coms.len() as u64) as usize;
        let _ = writeln!(w, "[[assessment]]\ncommitment = \"{}\"", coms[ci]);
        let _ = writeln!(w, "party = \"{}\"", g.pick(&obligors_of[ci]));
        let which = g.u(3);
        if which != 1 {
            let _ = writeln!(w, "score = {}", g.range(0, 2) as i64 - 1);
        }
        if which != 0 {
            let _ = writeln!(
                w,
                "status = \"{}\"",
                g.pick(&[
                    "unknown",
                    "not-started",
                    "limited",
                    "substantial",
                    "complete"
                ])
            );
        }
        let _ = writeln!(w, "rater = {}", g.text());
        let y = g.range(2000, 2050);
        let _ = writeln!(w, "as-of = {}", g.date(y, y));
        let _ = writeln!(w, "recorded = {}", g.date(y + 1, y + 5));
        let _ = writeln!(w, "evidence = {}", Gen::list(&g.subset(&sources)));
        if g.coin() {
            let _ = writeln!(w, "note = {}", g.text());
        }
    }
    t
}

/// Text that stresses escaping: quotes, backslashes, controls, DEL, and any Unicode.
/// A text the loader accepts: any characters but the control characters other than line
/// breaks and tabs (refused: `control_characters_in_strings_are_rejected`).
fn tricky_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => any::<char>().prop_map(|c| if c.is_control() && c != '\n' && c != '\t' { '¤' } else { c }),
        1 => prop::sample::select(vec![
            '"', '\\', '\n', '\t', '\'', '#', '=', '[', ']', '{', '}', 'é', 'Ї', '中', '😀',
            '\u{feff}', '\u{2028}', '\u{a0}', '\u{202e}',
        ]),
    ];
    prop::collection::vec(ch, 0..12).prop_map(|cs| cs.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn generated_datasets_round_trip(
        seed in any::<u64>(),
        texts in prop::collection::vec(tricky_text(), 1..24),
    ) {
        let text = dataset_text(seed, texts);
        let data = load("generated.toml", &text);
        let exported = data.export_toml_string();
        let back = load("export.toml", &exported);
        prop_assert_eq!(&back, &data);
        prop_assert_eq!(back.export_toml_string(), exported);
    }
}

// ---- concurrency ----

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn dataset_is_send_and_sync() {
    assert_send_sync::<Dataset>();
    assert_send_sync::<LoadError>();
    assert_send_sync::<Loader>();
}

/// Everything a query returns, as text, so answers from different threads can be compared.
fn answers(d: &Dataset) -> String {
    let mut out = String::new();
    for c in d.commitments() {
        let _ = writeln!(out, "{c:?} {:?}", d.commitment(c.id.as_str()));
        for p in c.obligor_parties().iter() {
            let _ = writeln!(
                out,
                "{:?} {:?}",
                d.party(p.as_str()),
                d.party_name(p.as_str(), "ru")
            );
        }
    }
    for s in d.summits() {
        let _ = writeln!(out, "{s:?} {:?}", d.mechanism(s.mechanism.as_str()));
    }
    let _ = writeln!(out, "{:?}", d.assessments());
    out.push_str(&d.export_toml_string());
    out
}

#[test]
fn queries_from_many_threads_agree() {
    let data = Dataset::bundled();
    let expected = answers(data);
    let shared = &data;
    let results: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8).map(|_| s.spawn(|| answers(shared))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results.len(), 8);
    for r in results {
        assert_eq!(r, expected);
    }
}

// ---- limits ----

const EXAMPLE: &str = include_str!("../examples/data/example.toml");

#[test]
fn limit_max_file_bytes() {
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let e = Loader::new()
        .limits(limits)
        .text("big.toml", EXAMPLE)
        .load()
        .unwrap_err();
    assert_eq!(
        messages(&e),
        [format!(
            "`big.toml` is {} bytes, more than the limit of 100 bytes",
            EXAMPLE.len()
        )
        .as_str()]
    );
    assert_eq!(e.diagnostics()[0].file(), Some("big.toml"));
    assert_eq!(
        e.diagnostics()[0].help(),
        Some("split the file, or raise `Limits::max_file_bytes`")
    );
}

#[test]
fn limit_max_file_bytes_on_disk() {
    let dir = temp_dir("size");
    let file = dir.join("big.toml");
    std::fs::write(&file, EXAMPLE).unwrap();
    let limits = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let e = Loader::new().limits(limits).path(&file).load().unwrap_err();
    let name = file.to_string_lossy();
    assert_eq!(
        messages(&e),
        [format!(
            "`{name}` is {} bytes, more than the limit of 100 bytes",
            EXAMPLE.len()
        )
        .as_str()]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn limit_max_files() {
    let limits = Limits {
        max_files: 2,
        ..Limits::default()
    };
    let e = Loader::new()
        .limits(limits)
        .text("a.toml", "")
        .text("b.toml", "")
        .text("c.toml", "")
        .load()
        .unwrap_err();
    assert_eq!(
        messages(&e),
        ["the dataset spans 3 files, more than the limit of 2"]
    );
    assert_eq!(
        e.diagnostics()[0].help(),
        Some("raise `Limits::max_files`, or load fewer files")
    );
}

#[test]
fn limit_max_depth() {
    let limits = Limits {
        max_depth: 4,
        ..Limits::default()
    };
    let e = Loader::new()
        .limits(limits)
        .text("deep.toml", "x = [[[[[1]]]]]\n")
        .load()
        .unwrap_err();
    assert_eq!(messages(&e), ["nesting deeper than the limit of 4 levels"]);
    let d = &e.diagnostics()[0];
    assert_eq!((d.file(), d.line()), (Some("deep.toml"), Some(1)));
    // The default limit of 16 levels accepts every real file.
    assert_eq!(
        Loader::new().text("example.toml", EXAMPLE).load().unwrap(),
        summitry::Dataset::from_toml_str("example.toml", EXAMPLE).unwrap()
    );
    let deep = format!("x = {}1{}\n", "[".repeat(17), "]".repeat(17));
    let e = Loader::new().text("deep.toml", deep).load().unwrap_err();
    assert_eq!(messages(&e), ["nesting deeper than the limit of 16 levels"]);
}

/// A fresh directory under the system temporary directory.
fn temp_dir(what: &str) -> PathBuf {
    common::temp_dir("reliability", what)
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_refused() {
    let outside = temp_dir("outside");
    let target = outside.join("secret.toml");
    std::fs::write(&target, EXAMPLE).unwrap();
    let dir = temp_dir("links");
    std::fs::write(dir.join("ok.toml"), "").unwrap();
    let link = dir.join("linked.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let e = Loader::new().dir(&dir).load().unwrap_err();
    assert_eq!(
        messages(&e),
        [format!("symbolic link `{}` refused", link.to_string_lossy()).as_str()]
    );
    assert_eq!(
        e.diagnostics()[0].help(),
        Some(
            "a dataset reads only the files inside its directory: copy the file in instead of linking it"
        )
    );
    // A linked directory is refused the same way.
    std::fs::remove_file(&link).unwrap();
    let linked_dir = dir.join("more");
    std::os::unix::fs::symlink(&outside, &linked_dir).unwrap();
    let e = Loader::new().dir(&dir).load().unwrap_err();
    assert_eq!(
        messages(&e),
        [format!("symbolic link `{}` refused", linked_dir.to_string_lossy()).as_str()]
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&outside).unwrap();
}

#[test]
fn nonexistent_path() {
    let missing = temp_dir("missing").join("nowhere");
    let e = Loader::new().dir(&missing).load().unwrap_err();
    assert_eq!(
        messages(&e),
        [format!(
            "cannot read `{}`: no such file or directory",
            missing.to_string_lossy()
        )
        .as_str()]
    );
    let file = missing.join("data.toml");
    let e = Loader::new().path(&file).load().unwrap_err();
    assert_eq!(
        messages(&e),
        [format!(
            "cannot read `{}`: no such file or directory",
            file.to_string_lossy()
        )
        .as_str()]
    );
    std::fs::remove_dir_all(missing.parent().unwrap()).unwrap();
}

// ---- hostile input (issue 12): the loader's side ----

#[test]
fn diagnostics_are_capped_per_file() {
    let text: String = (0..200).map(|i| format!("broken line {i}\n")).collect();
    let e = Loader::new().text("bad.toml", text).load().unwrap_err();
    assert_eq!(e.diagnostics().len(), 51);
    let last = e.diagnostics().last().unwrap();
    assert_eq!(last.message(), "and 150 more problems in `bad.toml`");
    assert_eq!((last.file(), last.line()), (Some("bad.toml"), None));
    assert_eq!(
        last.help(),
        Some("only the first 50 problems of a file are shown: fix them and check again")
    );
    assert!(
        format!("{e:?}").ends_with("error: could not load the dataset due to 200 previous errors")
    );
    assert!(
        e.to_string().starts_with("200 problems in 1 file; first: "),
        "{e}"
    );
    // Each file has its own cap.
    let two = Loader::new()
        .text(
            "a.toml",
            (0..60).map(|i| format!("a {i}\n")).collect::<String>(),
        )
        .text("b.toml", "b 1\n")
        .load()
        .unwrap_err();
    let m = messages(&two);
    assert_eq!(m.len(), 52);
    assert_eq!(m[50], "and 10 more problems in `a.toml`");
    assert_eq!(two.diagnostics()[51].file(), Some("b.toml"));
}

#[test]
fn control_characters_in_strings_are_rejected() {
    for (raw, code) in [
        ("\\u0000", "U+0000"),
        ("\\u001f", "U+001F"),
        ("\\u007f", "U+007F"),
        ("\\b", "U+0008"),
        ("\\r", "U+000D"),
        ("\\u009b", "U+009B"),
    ] {
        let text = EXAMPLE.replacen("publisher = \"", &format!("publisher = \"x{raw}"), 1);
        let e = Dataset::from_toml_str("c.toml", &text).unwrap_err();
        assert_eq!(
            messages(&e),
            [
                format!("control character {code} in `source.example-agency-2031-05-20.publisher`")
                    .as_str()
            ],
            "{raw}"
        );
    }
    // Line breaks and tabs lay out texts: accepted.
    let text = EXAMPLE.replacen("publisher = \"", "publisher = \"a\\tb\\nc ", 1);
    assert!(Dataset::from_toml_str("c.toml", &text).is_ok());
    // Also in a multi-line string of a file with CRLF line ends.
    let text = EXAMPLE.replacen(
        "publisher = \"Example News Agency\"",
        "publisher = \"\"\"\r\nExample\tNews\r\nAgency\"\"\"",
        1,
    );
    let ds = Dataset::from_toml_str("c.toml", &text).unwrap();
    assert_eq!(ds.sources()[0].publisher, "Example\tNews\r\nAgency");
}

#[test]
fn deep_nesting_in_a_big_file_stops_at_the_limit() {
    // 2 MB of inline tables 20 deep, the first 17 levels deep on line 1.
    let one = format!("{}1{}", "{ a = ".repeat(20), " }".repeat(20));
    let text: String = (0..12_000).map(|i| format!("x{i} = {one}\n")).collect();
    assert!(text.len() > 2_000_000, "{}", text.len());
    let e = Loader::new().text("deep.toml", text).load().unwrap_err();
    assert_eq!(messages(&e), ["nesting deeper than the limit of 16 levels"]);
    let d = &e.diagnostics()[0];
    // At the 16th brace of line 1: with the root, the 17th level.
    assert_eq!((d.line(), d.column()), (Some(1), Some(6 + 15 * 6)));
}

#[cfg(unix)]
#[test]
fn special_files_are_not_read() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("x.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Opening a FIFO would wait for a writer: it is refused before it is opened.
    let e = Loader::new().dir(&dir).load().unwrap_err();
    assert_eq!(
        messages(&e),
        [format!(
            "`{}` is not a regular file (a device, a FIFO or a socket)",
            fifo.to_string_lossy()
        )
        .as_str()]
    );
    // A device that never ends.
    let e = Loader::new().path("/dev/zero").load().unwrap_err();
    assert_eq!(
        messages(&e),
        ["`/dev/zero` is not a regular file (a device, a FIFO or a socket)"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn directory_reading_skips_hidden_and_non_toml_entries() {
    let outside = temp_dir("outside-readme");
    std::fs::write(outside.join("README.txt"), "not toml").unwrap();
    let dir = temp_dir("hidden");
    std::fs::write(dir.join("ok.toml"), EXAMPLE).unwrap();
    // Hidden files and directories are not data, whatever they hold.
    std::fs::write(dir.join(".draft.toml"), "broken").unwrap();
    std::fs::create_dir(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".git").join("x.toml"), "broken").unwrap();
    // Files that are not TOML are ignored, links to them too.
    std::fs::write(dir.join("notes.txt"), "broken").unwrap();
    std::os::unix::fs::symlink(outside.join("README.txt"), dir.join("README.txt")).unwrap();
    std::os::unix::fs::symlink(outside.join("nowhere"), dir.join("dangling.md")).unwrap();
    let ds = Loader::new().dir(&dir).load().unwrap();
    assert_eq!(ds.summits().len(), 1);
    // The extension is matched in any case: `UP.TOML` is read (here, a second copy).
    std::fs::write(
        dir.join("UP.TOML"),
        "[[party]]\nid = \"zz\"\nkind = \"organisation\"\nname = \"Z\"\n",
    )
    .unwrap();
    let ds = Loader::new().dir(&dir).load().unwrap();
    assert!(ds.parties().iter().any(|p| p.id.as_str() == "zz"));
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&outside).unwrap();
}
