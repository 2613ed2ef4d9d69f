//! The static site (issue 17): hostile text stays text on every page type, two runs write
//! the same bytes, every internal link resolves, `--force` removes only what an earlier
//! export wrote, and `<html lang>` follows the language.
#![cfg(feature = "site")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use summitry::export::site::SiteOptions;
use summitry::{Dataset, Day};

const EXAMPLE: &str = include_str!("../examples/data/example.toml");

/// A text that would be markup, a script, a link or a reordering if it were not escaped, as
/// written inside a TOML basic string.
const HOSTILE_TOML: &str = r#"<script>alert(1)</script>\"><img src=x onerror=alert(1)> [j](javascript:alert(1)) &amp; \u202Eevil' <!--"#;
/// The same text as loaded.
const HOSTILE: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)> [j](javascript:alert(1)) &amp; \u{202e}evil' <!--";
/// How [`HOSTILE`] reads on a page: the bidirectional override shown as a visible escape.
const HOSTILE_SHOWN: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(1)> [j](javascript:alert(1)) &amp; \\u{202e}evil' <!--";

fn day() -> Day {
    Day::new(2034, 1, 1).unwrap()
}

/// A fresh, empty directory for one test.
fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("summitry-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Every file below `dir`, by relative path with `/`, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The example dataset with every text a person reads replaced by one holding [`HOSTILE`].
fn hostile_dataset() -> Dataset {
    let h = HOSTILE_TOML;
    let mut text = EXAMPLE.to_owned();
    for (old, new) in [
        (
            "publisher = \"Example News Agency\"",
            format!("publisher = \"P {h}\""),
        ),
        (
            "title = \"Leaders agree to meet every year\"",
            format!("title = \"T {h}\""),
        ),
        ("note = \"Secondary report.\"", format!("note = \"N {h}\"")),
        (
            "name = { en = \"Aland\",",
            format!("name = {{ en = \"Aland {h}\","),
        ),
        (
            "label = { en = \"Economy\",",
            format!("label = {{ en = \"Economy {h}\","),
        ),
        (
            "label = { en = \"Trade\",",
            format!("label = {{ en = \"Trade {h}\","),
        ),
        (
            "name = { en = \"Example Summit\" }",
            format!("name = {{ en = \"Summit {h}\" }}"),
        ),
        (
            "note = \"A made-up mechanism.\"",
            format!("note = \"M {h}\""),
        ),
        (
            "seat = { en = \"Alandia\" }",
            format!("seat = {{ en = \"Seat {h}\" }}"),
        ),
        (
            "name = { en = \"First Example Summit\" }",
            format!("name = {{ en = \"First {h}\" }}"),
        ),
        (
            "city = { en = \"Alandia\" }",
            format!("city = {{ en = \"City {h}\" }}"),
        ),
        ("person = \"A. Alandson\"", format!("person = \"A {h}\"")),
        (
            "note = \"Opening session on 19 May.\"",
            format!("note = \"O {h}\""),
        ),
        (
            "title = { en = \"Alandia Declaration\" }",
            format!("title = {{ en = \"Declaration {h}\" }}"),
        ),
        (
            "title = \"Trade procedures\"",
            format!("title = \"Trade {h}\""),
        ),
        (
            "text = \"Aland and Borduria will simplify trade procedures.\"",
            format!("text = \"Simplify {h}\""),
        ),
        (
            "text = \"The sides will simplify trade procedures\"",
            format!("text = \"Quote {h}\""),
        ),
        (
            "note = \"Paid in two tranches.\"",
            format!("note = \"Paid {h}\""),
        ),
    ] {
        assert!(text.contains(old), "{old} is not in the example");
        text = text.replacen(old, &new, 1);
    }
    Dataset::from_toml_str("hostile.toml", &text).unwrap()
}

/// Makes HTML5 void elements XML (`<meta ...>` → `<meta .../>`) and drops the doctype, so
/// the page parses as XML. Sound because the templates escape every `<` and `>` in text
/// and attribute values: the next `>` after `<meta` ends that tag.
fn as_xml(html: &str) -> String {
    let html = html
        .strip_prefix("<!DOCTYPE html>")
        .expect("a doctype first");
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let void = ["<meta", "<link", "<input", "<img", "<br", "<hr"]
            .iter()
            .any(|t| rest.starts_with(t) && matches!(rest.as_bytes()[t.len()], b' ' | b'>' | b'/'));
        let end = rest.find('>').expect("a tag ends");
        let tag = &rest[..end];
        out.push_str(tag);
        if void && !tag.ends_with('/') {
            out.push('/');
        }
        out.push('>');
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Checks one page: well-formed, no script but the search script, no event handler, no
/// `javascript:` address, no style attribute, no embedded object; returns its text.
#[track_caller]
fn check_page(path: &str, html: &str) -> String {
    let xml = as_xml(html);
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("{path} is not well-formed: {e}"));
    let mut text = String::new();
    for n in doc.descendants() {
        if n.is_text() {
            text.push_str(n.text().unwrap());
            continue;
        }
        if !n.is_element() {
            assert!(!n.is_comment(), "{path}: a comment");
            continue;
        }
        let name = n.tag_name().name();
        assert!(
            !["iframe", "object", "embed", "style", "base", "form"].contains(&name)
                || (name == "form" && path == "search/index.html"),
            "{path}: <{name}>"
        );
        for a in n.attributes() {
            let an = a.name().to_ascii_lowercase();
            assert!(!an.starts_with("on"), "{path}: attribute {an}");
            assert_ne!(an, "style", "{path}");
            if ["href", "src", "action"].contains(&an.as_str()) {
                let v = a.value().trim().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{path}: {an}={v}");
                assert!(!v.starts_with("data:"), "{path}: {an}={v}");
            }
        }
        match name {
            "script" => {
                assert_eq!(n.attribute("src"), Some("../assets/search.js"), "{path}");
                assert_eq!(path, "search/index.html");
                assert!(n.text().is_none(), "{path}: an inline script");
            }
            "img" => {
                assert_eq!(n.attribute("src"), Some("timeline.svg"), "{path}");
            }
            _ => {}
        }
    }
    assert!(!html.contains('\u{202e}'), "{path}: a raw bidi override");
    text
}

#[test]
fn hostile_text_is_text_on_every_page_type() {
    let ds = hostile_dataset();
    let dir = temp("hostile");
    ds.export_site(&dir, &SiteOptions::new(day())).unwrap();
    let all = files(&dir);
    let kinds = [
        ("index.html", "home"),
        ("mechanism/example-summit/index.html", "mechanism"),
        ("summit/example-2031/index.html", "summit"),
        ("document/example-declaration-2031/index.html", "document"),
        ("commitment/example-trade/index.html", "commitment"),
        ("party/aa/index.html", "party"),
        ("area/economy/index.html", "area"),
        ("scorecards/index.html", "scorecards"),
        ("sources/index.html", "sources"),
        ("search/index.html", "search"),
    ];
    for (path, kind) in kinds {
        let html = String::from_utf8(all[path].clone()).unwrap();
        let text = check_page(path, &html);
        assert!(
            text.contains(HOSTILE_SHOWN),
            "{kind} ({path}) does not show the text"
        );
        assert!(
            !text.contains(HOSTILE),
            "{kind}: the bidi override is shown raw"
        );
        // The escaped forms are in the markup, the raw ones nowhere.
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{kind}"
        );
        assert!(!html.contains("<script>alert"), "{kind}");
        assert!(!html.contains("<img src=x"), "{kind}");
    }
    // Every other page passes the same checks.
    let mut pages = 0;
    for (path, bytes) in &all {
        if path.ends_with(".html") {
            check_page(path, std::str::from_utf8(bytes).unwrap());
            pages += 1;
        }
    }
    let records = ds.mechanisms().len()
        + ds.summits().len()
        + ds.documents().len()
        + ds.commitments().len()
        + ds.parties().len()
        + ds.areas().len();
    assert_eq!((records, pages), (12, records + 4));
    // The sitemap: XML, addresses only.
    let sitemap = std::str::from_utf8(&all["sitemap.xml"]).unwrap();
    let doc = roxmltree::Document::parse(sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(locs.len(), pages);
    assert!(locs.iter().all(|l| !l.contains('<') && !l.contains(' ')));
    assert!(
        doc.descendants()
            .filter(|n| n.is_element())
            .all(|n| ["urlset", "url", "loc"].contains(&n.tag_name().name()))
    );
    // The search index is JSON holding the text as a string.
    let records: serde_json::Value = serde_json::from_slice(&all["search/r/0.json"]).unwrap();
    assert_eq!(records[0][0], "example-trade");
    assert!(records[0][1].as_str().unwrap().contains(HOSTILE_SHOWN));
    for (path, bytes) in &all {
        if path.starts_with("search/") && path.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_runs_write_the_same_bytes() {
    let ds = Dataset::bundled();
    let (a, b) = (temp("det-a"), temp("det-b"));
    let o = SiteOptions::new(Day::new(2026, 1, 1).unwrap());
    let sa = ds.export_site(&a, &o).unwrap();
    let sb = ds.export_site(&b, &o).unwrap();
    assert_eq!(sa, sb);
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(fb[k] == *v, "{k} differs between two runs");
    }
    assert_eq!(sa.files, fa.len());
    assert_eq!(sa.bytes, fa.values().map(|v| v.len() as u64).sum::<u64>());
    // One page per record, plus home, scorecards, sources and search.
    let records = ds.mechanisms().len()
        + ds.summits().len()
        + ds.documents().len()
        + ds.commitments().len()
        + ds.parties().len()
        + ds.areas().len();
    assert_eq!(sa.pages, records + 4);
    assert_eq!(fa.keys().filter(|k| k.ends_with(".html")).count(), sa.pages);
    // The date of the site is printed on its pages.
    let home = String::from_utf8(fa["index.html"].clone()).unwrap();
    assert!(home.contains("Situation as of 2026-01-01."));
    std::fs::remove_dir_all(&a).unwrap();
    std::fs::remove_dir_all(&b).unwrap();
}

/// The files and the summary do not depend on how many threads write the site: a generated
/// dataset of 1,100 commitments (two commitment jobs) on one thread and on four.
#[test]
fn threads_write_the_same_site() {
    let files_in = summitry::generate::Generator {
        now: Day::new(2026, 1, 1).unwrap(),
        ..summitry::generate::Generator::new(1_100, 7)
    }
    .files();
    let ds = files_in
        .iter()
        .fold(summitry::Loader::new(), |l, (n, t)| {
            l.text(n.clone(), t.clone())
        })
        .load()
        .unwrap();
    let (a, b) = (temp("thr-1"), temp("thr-4"));
    let o = SiteOptions::new(Day::new(2026, 1, 1).unwrap());
    let sa = ds.export_site(&a, &o.clone().threads(1)).unwrap();
    let sb = ds.export_site(&b, &o.threads(4)).unwrap();
    assert_eq!(sa, sb);
    let (fa, fb) = (files(&a), files(&b));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(fb[k] == *v, "{k} differs between one thread and four");
    }
    assert_eq!(
        fa.keys().filter(|k| k.starts_with("commitment/")).count(),
        1_100
    );
    assert_eq!(sa.files, fa.len());
    // The largest page, found from the files: the largest size, the first path of that size.
    let mut pages: Vec<(&String, usize)> = fa
        .iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k, v.len()))
        .collect();
    pages.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
    assert_eq!((&sa.largest.0, sa.largest.1 as usize), pages[0]);
    // The manifest lists every file once, in order.
    let manifest = String::from_utf8(fa[".summitry-site"].clone()).unwrap();
    let listed: Vec<&str> = manifest.lines().skip(1).collect();
    let mut expected: Vec<&str> = fa
        .keys()
        .map(String::as_str)
        .filter(|k| *k != ".summitry-site")
        .collect();
    expected.sort_unstable();
    assert_eq!(listed, expected);
    std::fs::remove_dir_all(&a).unwrap();
    std::fs::remove_dir_all(&b).unwrap();
}

/// Every `href`/`src` of a page that is not external, as a path from the site's root.
fn internal_targets(page: &str, html: &str) -> Vec<String> {
    let base: Vec<&str> = page.split('/').collect();
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (i, _) in html.match_indices(attr) {
            let v = &html[i + attr.len()..];
            let v = &v[..v.find('"').unwrap()];
            if v.starts_with("http://") || v.starts_with("https://") {
                continue;
            }
            let v = v.split(['#', '?']).next().unwrap();
            let mut parts: Vec<&str> = base[..base.len() - 1].to_vec();
            for p in v.split('/') {
                match p {
                    "" | "." => {}
                    ".." => {
                        parts.pop().expect("a link above the site's root");
                    }
                    p => parts.push(p),
                }
            }
            let mut target = parts.join("/");
            if v.is_empty() || v.ends_with('/') {
                target = if target.is_empty() {
                    "index.html".to_owned()
                } else {
                    format!("{target}/index.html")
                };
            }
            out.push(target);
        }
    }
    out
}

#[test]
fn every_internal_link_resolves_to_a_file() {
    let dir = temp("links");
    Dataset::bundled()
        .export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1).unwrap()))
        .unwrap();
    let all = files(&dir);
    let mut checked = 0;
    for (path, bytes) in &all {
        if !path.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        for t in internal_targets(path, html) {
            assert!(
                all.contains_key(&t),
                "{path} links to {t}, which is not written"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
    // The home page links the downloads and the calendar feed.
    let home = std::str::from_utf8(&all["index.html"]).unwrap();
    assert!(home.contains(r#"<link rel="alternate" type="text/calendar" title="Calendar of summits" href="summitry.ics">"#));
    for f in ["summitry.ics", "summitry.json", "commitments.csv"] {
        assert!(home.contains(&format!("href=\"{f}\"")), "{f}");
    }
    assert!(all["summitry.ics"].starts_with(b"BEGIN:VCALENDAR\r\n"));
    // The search page keeps its contract with the browser test.
    let search = std::str::from_utf8(&all["search/index.html"]).unwrap();
    for needle in [
        r#"<input type="search" id="q""#,
        r#"<ul id="results">"#,
        r#"<select id="f-party""#,
        r#"<select id="f-area""#,
        r#"<select id="f-status""#,
        r#"<select id="f-deadline""#,
        "<noscript>",
    ] {
        assert!(search.contains(needle), "{needle}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sitemap_addresses_are_absolute_with_a_base_address() {
    let ds = hostile_dataset();
    let dir = temp("sitemap");
    ds.export_site(
        &dir,
        &SiteOptions::new(day()).base_url("https://example.org/t"),
    )
    .unwrap();
    let sitemap = std::fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    assert!(sitemap.starts_with(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://example.org/t/</loc></url><url><loc>https://example.org/t/mechanism/example-summit/</loc></url>"
    ), "{sitemap}");
    let e = ds
        .export_site(
            temp("bad-base"),
            &SiteOptions::new(day()).base_url("javascript:alert(1)"),
        )
        .unwrap_err();
    assert!(e.is_invalid_argument());
    assert_eq!(
        e.to_string(),
        "the base address `javascript:alert(1)` is not an http or https address with a host"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn force_removes_only_what_an_earlier_export_wrote() {
    let ds = hostile_dataset();
    let dir = temp("force");
    std::fs::create_dir_all(dir.join("party")).unwrap();
    std::fs::write(dir.join("keep.txt"), "mine").unwrap();
    std::fs::write(dir.join("party/mine.txt"), "mine too").unwrap();
    let e = ds.export_site(&dir, &SiteOptions::new(day())).unwrap_err();
    assert!(e.is_io());
    assert!(e.to_string().contains("is not empty"), "{e}");
    ds.export_site(&dir, &SiteOptions::new(day()).force(true))
        .unwrap();
    let first = files(&dir);
    // Again: the earlier files are replaced, the user's kept.
    ds.export_site(&dir, &SiteOptions::new(day()).force(true))
        .unwrap();
    assert_eq!(files(&dir), first);
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("party/mine.txt")).unwrap(),
        "mine too"
    );
    // A smaller dataset leaves no stale page behind.
    let start = EXAMPLE
        .find("[[commitment]]\nid = \"example-scholarships\"")
        .unwrap();
    let end = EXAMPLE.find("[assessment-defaults]").unwrap();
    let smaller = format!("{}{}", &EXAMPLE[..start], &EXAMPLE[end..]);
    let small = Dataset::from_toml_str("s.toml", &smaller).unwrap();
    assert!(
        dir.join("commitment/example-scholarships/index.html")
            .exists()
    );
    small
        .export_site(&dir, &SiteOptions::new(day()).force(true))
        .unwrap();
    assert!(!dir.join("commitment/example-scholarships").exists());
    assert!(dir.join("commitment/example-grant/index.html").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
        "mine"
    );
    // A file in the way that summitry did not write is never overwritten.
    let other = temp("force-foreign");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("index.html"), "hand-written").unwrap();
    let e = ds
        .export_site(&other, &SiteOptions::new(day()).force(true))
        .unwrap_err();
    assert!(e.is_io());
    assert!(
        e.to_string()
            .contains("exists and was not written by an earlier site export"),
        "{e}"
    );
    assert_eq!(
        std::fs::read_to_string(other.join("index.html")).unwrap(),
        "hand-written"
    );
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&other).unwrap();
}

#[test]
fn html_lang_follows_the_language_on_every_page() {
    let dir = temp("lang");
    Dataset::bundled()
        .export_site(
            &dir,
            &SiteOptions::new(Day::new(2026, 1, 1).unwrap()).lang("uk"),
        )
        .unwrap();
    let all = files(&dir);
    for (path, bytes) in &all {
        if path.ends_with(".html") {
            assert!(
                bytes.starts_with(b"<!DOCTYPE html><html lang=\"uk\">"),
                "{path}"
            );
        }
    }
    let home = std::str::from_utf8(&all["index.html"]).unwrap();
    assert!(home.contains("<a class=\"skip\" href=\"#main\">Перейти до змісту</a>"));
    assert!(
        home.contains("<title>Саміти та зобов'язання – Саміти та зобов'язання</title>"),
        "{home}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Ascending positions from their differences.
fn undelta(v: &serde_json::Value) -> Vec<usize> {
    let mut p = 0;
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            p += d.as_u64().unwrap() as usize;
            p
        })
        .collect()
}

#[test]
fn the_search_index_finds_the_right_commitments() {
    let ds = Dataset::bundled();
    let dir = temp("index");
    ds.export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1).unwrap()))
        .unwrap();
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.join("search").join(p)).unwrap()).unwrap()
    };
    // A party's facet: the commitments that bind it, by position.
    let want: Vec<usize> = ds
        .commitments()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.obligor_parties().iter().any(|p| p.as_str() == "kz"))
        .map(|(i, _)| i)
        .collect();
    assert!(!want.is_empty());
    assert_eq!(undelta(&read("party/kz.json")), want);
    // A word's postings: the commitments whose text, quote or title holds the word.
    let shard = read("w/sc.json");
    let want: Vec<usize> = ds
        .commitments()
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let all = format!(
                "{} {} {}",
                c.text(),
                c.quote().map_or("", |q| q.text()),
                c.title().unwrap_or("")
            )
            .to_lowercase();
            all.split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w == "scholarships")
        })
        .map(|(i, _)| i)
        .collect();
    assert_eq!(want.len(), 1);
    assert_eq!(undelta(&shard["scholarships"]), want);
    // The records of those positions name the commitments the results link to.
    let meta = read("meta.json");
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    assert_eq!(chunk, 100);
    for p in want {
        let rows = read(&format!("r/{}.json", p / chunk));
        assert_eq!(rows[p % chunk][0], ds.commitments()[p].id.as_str());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The bundled dataset's site in `lang` as of 2026-01-01: its text files by path.
fn bundled_site(name: &str, lang: &str) -> BTreeMap<String, String> {
    let dir = temp(name);
    Dataset::bundled()
        .export_site(
            &dir,
            &SiteOptions::new(Day::new(2026, 1, 1).unwrap()).lang(lang),
        )
        .unwrap();
    let all = files(&dir)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".svg"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    all
}

/// The texts of the `<th scope="col">` cells of a page, tags inside them dropped.
fn column_headings(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in html.split("<th scope=\"col\">").skip(1) {
        let cell = &part[..part.find("</th>").unwrap()];
        let mut text = String::new();
        let mut in_tag = false;
        for c in cell.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        out.push(text);
    }
    out
}

#[test]
fn column_headings_start_with_a_capital_in_every_language() {
    for lang in ["en", "uk", "ru", "zh"] {
        let site = bundled_site(&format!("headings-{lang}"), lang);
        let mut seen = 0;
        for (path, html) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
            for h in column_headings(html) {
                let first = h.chars().next().unwrap();
                assert!(!first.is_lowercase(), "{lang} {path}: heading {h:?}");
                seen += 1;
            }
        }
        assert!(seen > 100, "{lang}: {seen} headings");
        let cards = &site["scorecards/index.html"];
        let page = |p: &str| site[p].as_str();
        match lang {
            "en" => {
                for first in ["Party", "Area", "Mechanism"] {
                    let head = format!(
                        "<thead><tr><th scope=\"col\">{first}</th><th scope=\"col\">Mean score</th><th scope=\"col\">Compliance %</th><th scope=\"col\">Assessed</th><th scope=\"col\">Not assessed</th><th scope=\"col\">Not applicable</th><th scope=\"col\">Status of commitments</th></tr></thead>"
                    );
                    assert!(cards.contains(&head), "{first}");
                }
                assert!(cards.contains("<tr><th scope=\"row\">Total</th>"));
                assert!(page("index.html").contains("<thead><tr><th scope=\"col\">Mechanism</th><th scope=\"col\">#</th><th scope=\"col\">Date</th>"));
                assert!(page("commitment/xian-heads-of-state-mechanism/index.html").contains("<thead><tr><th scope=\"col\">As of</th><th scope=\"col\">Status</th><th scope=\"col\">Rater</th><th scope=\"col\">Recorded</th><th scope=\"col\">Evidence</th><th scope=\"col\">Note</th></tr></thead>"));
                assert!(page("party/kz/index.html").contains("<thead><tr><th scope=\"col\">Commitment</th><th scope=\"col\">Mechanism</th><th scope=\"col\">Status</th><th scope=\"col\">Deadline</th></tr></thead>"));
                assert!(page("summit/cca-2023-xian/index.html").contains("<dt>Mechanism</dt>"));
            }
            "uk" => {
                for first in ["Сторона", "Сфера", "Механізм"] {
                    assert!(
                        cards.contains(&format!("<thead><tr><th scope=\"col\">{first}</th><th scope=\"col\">Середня оцінка</th>")),
                        "{first}"
                    );
                }
                assert!(cards.contains("<tr><th scope=\"row\">Разом</th>"));
                assert!(page("party/kz/index.html").contains(
                    "<th scope=\"col\">Зобов'язання</th><th scope=\"col\">Механізм</th>"
                ));
            }
            "ru" => {
                for first in ["Сторона", "Сфера", "Механизм"] {
                    assert!(
                        cards.contains(&format!("<thead><tr><th scope=\"col\">{first}</th>")),
                        "{first}"
                    );
                }
                assert!(
                    page("commitment/xian-heads-of-state-mechanism/index.html")
                        .contains("<th scope=\"col\">Доказательства</th>")
                );
            }
            _ => {
                for first in ["参与方", "领域", "机制"] {
                    assert!(
                        cards.contains(&format!("<thead><tr><th scope=\"col\">{first}</th>")),
                        "{first}"
                    );
                }
                assert!(cards.contains("<tr><th scope=\"row\">合计</th>"));
            }
        }
    }
}

#[test]
fn a_quote_is_labelled_by_its_language_never_as_the_original() {
    // The Xi'an quotes are Ukrinform's Ukrainian report of a declaration adopted in other
    // languages: the data records their language, not that they are the original.
    for (lang, heading) in [
        ("en", "Quoted in Ukrainian"),
        ("uk", "Цитата українською"),
        ("ru", "Цитата на украинском"),
        ("zh", "引文（乌克兰文）"),
    ] {
        let site = bundled_site(&format!("quote-{lang}"), lang);
        let page = &site["commitment/xian-scholarships/index.html"];
        assert!(
            page.contains(&format!(
                "<h2>{heading}</h2><blockquote lang=\"uk\"><p>Китай"
            )),
            "{lang}: {page}"
        );
        for original in ["original", "оригінал", "оригинал", "原文"] {
            assert!(!page.contains(original), "{lang}: {original}");
        }
    }
    // A language the catalogue has no name for is named by its tag.
    let text = EXAMPLE.replacen("quote = { lang = \"en\",", "quote = { lang = \"kk\",", 1);
    let ds = Dataset::from_toml_str("kk.toml", &text).unwrap();
    let dir = temp("quote-kk");
    ds.export_site(&dir, &SiteOptions::new(day())).unwrap();
    let all = files(&dir);
    let page = std::str::from_utf8(&all["commitment/example-trade/index.html"]).unwrap();
    assert!(
        page.contains("<h2>Quoted in kk</h2><blockquote lang=\"kk\"><p>The sides will simplify trade procedures</p></blockquote>"),
        "{page}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_decisions_table_names_and_links_the_summits() {
    let site = bundled_site("decisions", "en");
    let cca = &site["mechanism/china-central-asia/index.html"];
    assert!(
        cca.contains("<tr><th scope=\"row\">2</th><td>2025, Kazakhstan</td><td>kept</td><td><a href=\"../../summit/cca-2025-astana/\">Second China–Central Asia Summit</a></td>"),
        "{cca}"
    );
    let kca = &site["mechanism/korea-central-asia/index.html"];
    assert!(
        kca.contains("<tr><th scope=\"row\">1</th><td><span class=\"nowrap\">2026-09-16</span>/<span class=\"nowrap\">2026-09-17</span>, Republic of Korea</td><td>pending</td><td><a href=\"../../summit/kca-2026/\">First Republic of Korea–Central Asia Summit</a></td>"),
        "{kca}"
    );
}

/// The "Based on" column names the summit a date or host rests on, linked, never its id.
#[test]
fn provenance_names_the_summit_it_rests_on() {
    let site = bundled_site("prov", "en");
    let kca = &site["mechanism/korea-central-asia/index.html"];
    assert!(
        kca.contains("<td>decided</td><td><a href=\"../../summit/kca-2026/\">the record of First Republic of Korea–Central Asia Summit</a><span class=\"cites\">"),
        "{kca}"
    );
    for (page, html) in &site {
        assert!(
            !html.contains("summit record"),
            "{page} names a summit by its id"
        );
    }
    let uk = bundled_site("prov-uk", "uk");
    assert!(uk["mechanism/korea-central-asia/index.html"].contains(">запис: "));
}

/// `text` with every `<span class="nowrap">…</span>` and then every tag removed.
fn outside_nowrap(text: &str) -> String {
    let mut rest = text;
    let mut kept = String::new();
    while let Some(i) = rest.find("<span class=\"nowrap\">") {
        kept.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = &rest[rest.find("</span>").unwrap() + "</span>".len()..];
    }
    kept.push_str(rest);
    let mut out = String::new();
    let mut in_tag = false;
    for c in kept.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The dates `YYYY-MM` or `YYYY-MM-DD` in a text, found character by character.
fn iso_dates(text: &str) -> Vec<String> {
    let c: Vec<char> = text.chars().collect();
    let d = |i: usize| c.get(i).is_some_and(char::is_ascii_digit);
    let mut out = Vec::new();
    for i in 0..c.len() {
        let starts = i == 0 || !c[i - 1].is_alphanumeric();
        let ends = c.get(i + 7).is_none_or(|x| !x.is_alphanumeric());
        if starts && ends && (i..i + 4).all(d) && c.get(i + 4) == Some(&'-') && d(i + 5) && d(i + 6)
        {
            out.push(c[i..i + 7].iter().collect());
        }
    }
    out
}

#[test]
fn dates_in_tables_do_not_break_at_their_hyphens() {
    let site = bundled_site("nowrap", "en");
    let mut wrapped = 0;
    for (path, html) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        for table in html.split("<table>").skip(1) {
            let table = &table[..table.find("</table>").unwrap()];
            wrapped += table.matches("<span class=\"nowrap\">").count();
            let bare = iso_dates(&outside_nowrap(table));
            assert!(bare.is_empty(), "{path}: {bare:?} outside a nowrap span");
        }
    }
    assert!(wrapped > 100, "{wrapped} dates wrapped");
    // The editions, a commitment's assessments, a party's deadlines, the latest assessments.
    let cca = &site["mechanism/china-central-asia/index.html"];
    assert!(
        cca.contains("<a href=\"../../summit/cca-2023-xian/\">1</a></th><td><span class=\"nowrap\">2023-05-18</span>/<span class=\"nowrap\">2023-05-19</span></td>"),
        "{cca}"
    );
    let css = include_str!("../src/export/site/site.css");
    assert!(css.contains(".nowrap { white-space: nowrap; }"));
}

#[test]
fn every_page_links_the_icon_at_its_depth() {
    let dir = temp("icon");
    Dataset::bundled()
        .export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1).unwrap()))
        .unwrap();
    let all = files(&dir);
    let icon = include_str!("../src/export/site/icon.svg");
    assert!(icon.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_eq!(all["assets/icon.svg"], icon.as_bytes());
    let mut pages = 0;
    for (path, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        let up = "../".repeat(path.matches('/').count());
        let link =
            format!("<link rel=\"icon\" href=\"{up}assets/icon.svg\" type=\"image/svg+xml\">");
        let html = std::str::from_utf8(bytes).unwrap();
        assert_eq!(html.matches(&link).count(), 1, "{path}");
        assert!(
            dir.join(path)
                .parent()
                .unwrap()
                .join(format!("{up}assets/icon.svg"))
                .is_file()
        );
        pages += 1;
    }
    assert!(pages > 100, "{pages}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_one_letter_word_finds_its_words_in_the_shards_whose_key_it_starts() {
    // The search script loads, for a one-character word, every shard listed in `meta.json`
    // whose key starts with that character's key; those shards must hold every word that
    // starts with the character, and the shard of the character alone does not.
    let ds = Dataset::bundled();
    let dir = temp("one-letter");
    ds.export_site(&dir, &SiteOptions::new(Day::new(2026, 1, 1).unwrap()))
        .unwrap();
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.join("search").join(p)).unwrap()).unwrap()
    };
    let meta = read("meta.json");
    let shards: Vec<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    for (letter, key) in [("y", "y"), ("ц", "_446")] {
        // The oracle: commitments with a word of text, quote or title starting with it.
        let want: Vec<usize> = ds
            .commitments()
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                format!(
                    "{} {} {}",
                    c.text(),
                    c.quote().map_or("", |q| q.text()),
                    c.title().unwrap_or("")
                )
                .to_lowercase()
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w.starts_with(letter))
            })
            .map(|(i, _)| i)
            .collect();
        assert!(want.len() >= 2, "{letter}: {want:?}");
        let mut found: Vec<usize> = Vec::new();
        let mut loaded = 0;
        for k in shards.iter().filter(|k| k.starts_with(key)) {
            loaded += 1;
            for (w, list) in read(&format!("w/{k}.json")).as_object().unwrap() {
                if w.starts_with(letter) {
                    found.extend(undelta(list));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        assert_eq!(found, want, "{letter}");
        assert!(loaded > 1, "{letter}: {loaded} shards");
        // No word of one letter `y` or `ц`: the shard of the key alone holds nothing.
        assert!(!shards.contains(&key), "{letter}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
