//! Untrusted text made inert for each output: terminals, CSV, Markdown, XML (SVG) and
//! iCalendar. Data is always text, never markup, a formula or a control sequence.
//!
//! The loader rejects control characters in data, but a [`Dataset`](crate::Dataset) can be
//! built in other ways, so every writer also neutralises what its format cannot carry
//! (defence in depth).

use std::borrow::Cow;

/// Whether a character must not reach a terminal raw: C0 controls (newline excepted), DEL,
/// C1 controls (U+0080–U+009F, among them the one-character CSI U+009B), the bidirectional
/// formatting characters (which reorder what is shown: U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators U+2028, U+2029.
pub(crate) fn unprintable(c: char) -> bool {
    matches!(c,
        '\0'..='\x09' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// Text for a terminal: every [`unprintable`] character written as a visible escape,
/// `\u{1b}`, so that data can neither move the cursor, clear the screen, set the window
/// title nor reorder what is shown. Newlines are kept (the renderers' own layout).
pub(crate) fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unprintable) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unprintable(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`terminal`] for an owned text: the same string when nothing needs an escape.
pub(crate) fn terminal_owned(s: String) -> String {
    match terminal(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// Whether a character may appear in an XML 1.0 document (the `Char` production): tab,
/// newline, carriage return and everything from U+0020 but U+FFFE and U+FFFF.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{fffd}' | '\u{10000}'..)
}

/// Whether a character may appear in an iCalendar TEXT value (RFC 5545 §3.3.11): anything
/// but the `CONTROL` characters U+0000–U+0008, U+000A–U+001F and U+007F (a newline is
/// written as the escape `\n`, never raw).
pub(crate) fn ics_char(c: char) -> bool {
    !matches!(c, '\0'..='\x08' | '\x0a'..='\x1f' | '\x7f')
}

/// The characters that make a spreadsheet read a cell as a formula when they come first
/// (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and carriage return.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell is a plain decimal number (`-1`, `+1`, `0.5000`, `42`), which a
/// spreadsheet reads as that number and never as a formula (a compliance matrix writes
/// full compliance as `+1`).
fn plain_number(s: &str) -> bool {
    let digits = s
        .strip_prefix('-')
        .or_else(|| s.strip_prefix('+'))
        .unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// A CSV cell made safe for spreadsheets: a text cell starting with a [`FORMULA_START`]
/// character gets a leading `'`, which spreadsheets show as text and do not display; plain
/// numbers (`-1`, `-0.5000`) stay numbers.
pub(crate) fn csv_cell(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_START) && !plain_number(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Text for Markdown (CommonMark, with GitHub tables), shown as written and never as markup:
/// `&`, `<` and `>` as character references (so no HTML tag, autolink or entity can form);
/// the characters that start or end inline markup backslash-escaped: `\`, `` ` ``, `*`, `_`,
/// `[`, `]`, `(`, `)`, `{`, `}`, `|` (a table cell), `#`, `!`, `~` and `$` (emphasis, code,
/// links, images, headings, strikethrough, math); line breaks as spaces (which would end a
/// table row) and [`unprintable`] characters as visible escapes. The report never starts a
/// line with data, so list and heading markers (`-`, `+`, `1.`, `=`) need no escape.
pub(crate) fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '{' | '}' | '|' | '#' | '!' | '~'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => out.push(' '),
            c if unprintable(c) => out.push_str(&format!("\\\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Whether a source address is one summitry links to: [`web_scheme`] and [`url_chars`].
pub(crate) fn web_url(url: &str) -> bool {
    web_scheme(url) && url_chars(url)
}

/// Whether an address starts `http://` or `https://` (any case) and names a host.
pub(crate) fn web_scheme(url: &str) -> bool {
    let lower = url
        .get(..8)
        .map_or_else(|| url.to_ascii_lowercase(), str::to_ascii_lowercase);
    let rest = if lower.starts_with("https://") {
        url.get(8..)
    } else if lower.starts_with("http://") {
        url.get(7..)
    } else {
        None
    };
    let Some(rest) = rest else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    !host.is_empty()
}

/// Whether an address holds only characters a URL may (RFC 3986: unreserved, reserved, `%`,
/// and non-ASCII letters of internationalised addresses): no space, quote, angle bracket,
/// backslash, backtick, brace, `|`, `^` or [`unprintable`] character.
pub(crate) fn url_chars(url: &str) -> bool {
    url.chars().all(|c| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
        } else {
            !unprintable(c) && !c.is_whitespace()
        }
    })
}

/// A web address written inside a Markdown link destination `<...>` or autolink: characters
/// outside printable ASCII and those with a meaning in Markdown or HTML (`<`, `>`, `"`, `'`,
/// `` ` ``, `(`, `)`, `[`, `]`, `*`, `_`, `\`, spaces) percent-encoded, so the address can
/// neither end the link nor carry markup.
pub(crate) fn url_for_markdown(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~:/?#@!$&+,;=%".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_control_and_bidi() {
        assert_eq!(terminal("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal("x\u{202e}y\u{9b}z\r"), "x\\u{202e}y\\u{9b}z\\u{d}");
        assert_eq!(terminal("two\nlines, Астана"), "two\nlines, Астана");
    }

    #[test]
    fn csv_cells() {
        for (cell, want) in [
            ("=1+2", "'=1+2"),
            // A signed number is a number (a matrix's full compliance), a sum is not.
            ("+1", "+1"),
            ("+1+2", "'+1+2"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-1", "-1"),
            ("-0.5000", "-0.5000"),
            ("12", "12"),
            ("-", "'-"),
            ("-1.", "'-1."),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(csv_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn markdown_text() {
        assert_eq!(
            markdown("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert\\(1\\)&gt;"
        );
        assert_eq!(markdown("a | b\nc"), "a \\| b c");
        assert_eq!(markdown("[x](javascript:y)"), "\\[x\\]\\(javascript:y\\)");
        assert_eq!(markdown("&amp;"), "&amp;amp;");
    }

    #[test]
    fn web_urls() {
        for ok in [
            "https://ok.test/",
            "http://ok.test",
            "HTTPS://example.org/a?b=c&d=(e)#f",
            "https://user@ok.test:8080/x",
            "https://ex.org/Астана",
        ] {
            assert!(web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "<img src=x onerror=alert(1)>",
            "https://ok.test/\"><script>",
            "https://ok.test/a b",
            "https:///path",
            "https://",
            "ftp://ok.test/",
            "//ok.test",
            "https://ok.test/\u{1b}",
            "https://ok.test/<x>",
            "https://ok.test/a\\b",
        ] {
            assert!(!web_url(bad), "{bad}");
        }
    }

    #[test]
    fn urls_in_markdown() {
        assert_eq!(
            url_for_markdown("https://ok.test/\"><script>"),
            "https://ok.test/%22%3E%3Cscript%3E"
        );
        assert_eq!(
            url_for_markdown("https://x.test/a(b)"),
            "https://x.test/a%28b%29"
        );
        assert_eq!(
            url_for_markdown("https://x.test/й"),
            "https://x.test/%D0%B9"
        );
    }

    #[test]
    fn xml_and_ics_chars() {
        assert!(!xml_char('\0') && !xml_char('\u{fffe}') && !xml_char('\x1b'));
        assert!(xml_char('\n') && xml_char('é') && xml_char('\u{10000}'));
        assert!(!ics_char('\x1b') && !ics_char('\x7f') && !ics_char('\n'));
        assert!(ics_char('\t') && ics_char('й'));
    }

    /// Hostile text in every kind of record, put in the dataset directly (not through the
    /// loader, which rejects most of it): every output must still treat it as text.
    mod hostile {
        use super::super::*;
        use crate::export::{ExportOptions, Table};
        use crate::query::fixture::{dataset, records};
        use crate::render::ReportOptions;
        use crate::{
            Cadence, Dataset, HostRule, Labels, LangTag, Period, Schedule, ScorecardQuery, Source,
            SourceId, SummitQuery,
        };

        const TERM: &str = "Evil\x1b]0;pwned\x07\x1b[2J\u{202e}txt\u{9b}31m\0";
        const TERM_SHOWN: &str = "Evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}txt\\u{9b}31m\\u{0}";
        const HTML: &str = "<img src=x onerror=alert(1)>";
        const FORMULA: &str = "=HYPERLINK(\"http://evil.test\",\"x\")";

        fn hostile() -> Dataset {
            let mut r = records();
            r.parties[0].name = Labels::english(format!("{TERM} {HTML}"));
            r.mechanisms[0].name =
                Labels::english(format!("[x](javascript:alert(1)) | *b* {TERM}"));
            r.mechanisms[0].schedule = Some(Schedule {
                kind: crate::ScheduleKind::Meetings,
                hosts_until: None,
                hostless_uses_turn: false,
                cadence: Some(Cadence {
                    every: "2y".parse::<Period>().unwrap(),
                    first: "2023".parse().unwrap(),
                    first_edition: 1,
                    changes: vec![],
                }),
                hosts: HostRule::Fixed(r.parties[0].id.clone()),
                sources: vec![],
                decisions: vec![],
                exceptions: vec![],
                note: Some(TERM.to_owned()),
            });
            r.commitments[0].text = format!("{FORMULA} {HTML}\r\n{TERM}").into();
            let source = |id: &str, url: &str| Source {
                id: SourceId::new(id).unwrap(),
                publisher: TERM.to_owned(),
                title: HTML.to_owned(),
                url: Some(url.to_owned()),
                lang: "en".parse::<LangTag>().unwrap(),
                date: None,
                note: None,
            };
            r.sources = vec![
                source("js", "javascript:alert(1)"),
                source("breakout", "https://ok.test/\"><script>alert(1)</script>"),
                source("fine", "https://ok.test/a_(b)"),
            ];
            Dataset::from_records(r)
        }

        #[track_caller]
        fn terminal_safe(out: &str, shown: &str) {
            assert!(!out.chars().any(|c| unprintable(c) && c != '\n'), "{out:?}");
            assert!(out.contains(shown), "{out}");
        }

        #[test]
        fn terminal_renderers() {
            let ds = hostile();
            let o = ReportOptions::new();
            terminal_safe(&ds.overview(&"en".parse().unwrap()), TERM_SHOWN);
            let all = ds.summits_where(&SummitQuery::new()).unwrap();
            terminal_safe(&crate::render::summits_text(&ds, all, &o), TERM_SHOWN);
            terminal_safe(
                &crate::render::commitments_text(&ds, ds.commitments(), &o),
                TERM_SHOWN,
            );
            // Names are escaped, and never cut.
            let card = ds.scorecard(&ScorecardQuery::new()).unwrap();
            terminal_safe(
                &crate::render::scorecard_text(&ds, &card, &o),
                "\ncn    Evil\\u{1b}]0;pwned\\u{7}",
            );
            let editions: Vec<_> = ds.schedule("cca").unwrap().take(3).collect();
            terminal_safe(
                &crate::render::schedule_text(&ds, &editions, "en"),
                "Evil\\u{1b}]0;pwned\\u{7}",
            );
            // The shape of one line, exactly.
            let text = crate::render::summits_text(
                &ds,
                ds.summits_where(&SummitQuery::new()).unwrap(),
                &o,
            );
            assert!(
                text.contains(&format!(
                    "2023-05-18/2023-05-19 cca-2023 special {TERM_SHOWN} <img src=x\nonerror=alert(1)> [held]\n"
                )),
                "{text}"
            );
        }

        #[test]
        fn markdown_has_no_live_html_and_no_bad_link() {
            let md = hostile()
                .export_markdown_string(&ExportOptions::new())
                .unwrap();
            for live in [
                "<img",
                "<script",
                "](javascript",
                "<javascript",
                "\x1b",
                "\0",
            ] {
                assert!(!md.contains(live), "{live:?} in\n{md}");
            }
            assert!(
                md.contains(
                    "1. <a id=\"source-1\"></a>Evil\\\\u{1b}\\]0;pwned\\\\u{7}\\\\u{1b}\\[2J\\\\u{202e}txt\\\\u{9b}31m\\\\u{0}: “&lt;img src=x onerror=alert\\(1\\)&gt;” (en). javascript:alert\\(1\\)\n"
                ),
                "{md}"
            );
            assert!(
                md.contains(
                    "(en). https://ok.test/\"&gt;&lt;script&gt;alert\\(1\\)&lt;/script&gt;\n"
                ),
                "{md}"
            );
            assert!(md.contains("(en). <https://ok.test/a_%28b%29>\n"), "{md}");
            assert!(
                md.contains("### \\[x\\]\\(javascript:alert\\(1\\)\\) \\| \\*b\\* Evil"),
                "{md}"
            );
        }

        #[test]
        fn svg_is_xml_and_ics_has_no_control_character() {
            let ds = hostile();
            let o = ExportOptions::new().as_of("2024".parse::<crate::PartialDate>().unwrap());
            let svg = ds.export_svg_string(&o).unwrap();
            roxmltree::Document::parse(&svg).expect("well-formed XML");
            assert!(svg.chars().all(xml_char));
            let ics = ds.export_ics_string(&o).unwrap();
            let body = ics.replace("\r\n", "");
            let bad: Vec<char> = body.chars().filter(|c| !ics_char(*c)).collect();
            assert_eq!(bad, Vec::<char>::new());
            assert!(
                ics.contains(
                    "Evil\u{fffd}]0\\;pwned\u{fffd}\u{fffd}[2J\u{202e}txt\u{9b}31m\u{fffd}"
                )
            );
        }

        #[test]
        fn csv_neutralises_formulas_unless_raw() {
            let ds = hostile();
            let csv = ds
                .export_csv_string(Table::Commitments, &ExportOptions::new())
                .unwrap();
            assert!(
                csv.contains(",\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\") <img"),
                "{csv}"
            );
            let raw = ds
                .export_csv_string(Table::Commitments, &ExportOptions::new().raw_csv(true))
                .unwrap();
            assert!(
                raw.contains(",\"=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\") <img"),
                "{raw}"
            );
            // Scores stay numbers: `-1` is not neutralised.
            let a = dataset()
                .export_csv_string(Table::Assessments, &ExportOptions::new())
                .unwrap();
            assert!(a.contains("\r\nc0-secretariat,kg,-1,not-started,"), "{a}");
        }
    }
}
