//! The words of the interface (headings, column names, statuses, connecting words) in the
//! languages summitry speaks, from message catalogues a translator edits: one TOML file per
//! language in `src/i18n/` (`en.toml`, `uk.toml`, `ru.toml`, `zh.toml`), embedded at build
//! time.
//!
//! A catalogue maps dotted keys to text. `{name}` in a text is a placeholder. A key under
//! `count.` is a plural: one text per CLDR plural category of the language (`one`, `few`,
//! `many`, `other`). A key missing in a language falls back to English. A test checks that
//! every catalogue has every key of the English one, with the same placeholders.
//!
//! Why TOML and not Fluent: `fluent-bundle` 0.16 costs 13 more crates and about 6.5 s of a
//! clean build on one core (`cargo build -j1`: 9.5 s against 3.0 s for `toml` alone, which
//! summitry builds anyway); the catalogues need only placeholders and integer plurals, which
//! take a few lines here.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The languages with a catalogue, English first (the fallback).
pub const MESSAGE_LANGUAGES: [&str; 4] = ["en", "uk", "ru", "zh"];

const SOURCES: [&str; 4] = [
    include_str!("en.toml"),
    include_str!("uk.toml"),
    include_str!("ru.toml"),
    include_str!("zh.toml"),
];

type Catalogue = HashMap<String, String>;

fn catalogues() -> &'static [Catalogue; 4] {
    static CATALOGUES: OnceLock<[Catalogue; 4]> = OnceLock::new();
    CATALOGUES.get_or_init(|| SOURCES.map(|s| parse(s).unwrap_or_default()))
}

/// Parses a catalogue into its dotted keys; `Err` with the parser's message when the file is
/// not TOML or holds something other than tables and strings.
pub(crate) fn parse(text: &str) -> Result<Catalogue, String> {
    let table = toml::de::DeTable::parse(text).map_err(|e| e.to_string())?;
    let mut out = Catalogue::new();
    flatten(&mut out, "", table.get_ref())?;
    Ok(out)
}

fn flatten(out: &mut Catalogue, prefix: &str, t: &toml::de::DeTable<'_>) -> Result<(), String> {
    for (k, v) in t {
        let key = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        match v.get_ref() {
            toml::de::DeValue::String(s) => {
                out.insert(key, s.to_string());
            }
            toml::de::DeValue::Table(t) => flatten(out, &key, t)?,
            _ => return Err(format!("`{key}` is neither a text nor a table")),
        }
    }
    Ok(())
}

/// The raw catalogue of a language of [`MESSAGE_LANGUAGES`] (for tests).
#[cfg(test)]
pub(crate) fn catalogue_source(lang: &str) -> Option<&'static str> {
    let i = MESSAGE_LANGUAGES.iter().position(|l| *l == lang)?;
    SOURCES.get(i).copied()
}

/// The CLDR plural category of a whole number in a language: `one`, `few`, `many` or
/// `other`.
pub(crate) fn plural_category(lang: &str, n: u64) -> &'static str {
    match lang {
        // Ukrainian and Russian share the rule for integers.
        "uk" | "ru" => {
            let (m10, m100) = (n % 10, n % 100);
            if m10 == 1 && m100 != 11 {
                "one"
            } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                "few"
            } else {
                "many"
            }
        }
        "zh" => "other",
        _ if n == 1 => "one",
        _ => "other",
    }
}

/// The interface words of one language, with English for what it lacks.
///
/// ```
/// use summitry::render::Messages;
/// let uk = Messages::new("uk");
/// assert_eq!(uk.get("edition-status.held"), "відбувся");
/// assert_eq!(uk.count("count.commitment", 5), "5 зобов'язань");
/// // A language without a catalogue speaks English.
/// assert_eq!(Messages::new("fr").get("edition-status.held"), "held");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Messages {
    index: usize,
}

impl Messages {
    /// The catalogue for a BCP 47 tag's language (`uk`, `uk-UA`, `zh-Hans`), English when
    /// summitry has none for it.
    pub fn new(lang: &str) -> Messages {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        let index = MESSAGE_LANGUAGES
            .iter()
            .position(|l| l.eq_ignore_ascii_case(primary))
            .unwrap_or(0);
        Messages { index }
    }

    /// English.
    pub fn english() -> Messages {
        Messages { index: 0 }
    }

    /// The language of this catalogue (one of [`MESSAGE_LANGUAGES`]).
    pub fn lang(&self) -> &'static str {
        MESSAGE_LANGUAGES.get(self.index).copied().unwrap_or("en")
    }

    /// The text of `key`: this language's, else English, else the key itself.
    pub fn get<'a>(&self, key: &'a str) -> &'a str {
        let all = catalogues();
        all.get(self.index)
            .and_then(|c| c.get(key))
            .or_else(|| all.first().and_then(|c| c.get(key)))
            .map_or(key, String::as_str)
    }

    /// The text of the vocabulary word `word` (as in data files) of `group` (such as
    /// `summit-status`), else the word itself.
    pub fn word(&self, group: &str, word: &'static str) -> &'static str {
        let key = format!("{group}.{word}");
        let all = catalogues();
        all.get(self.index)
            .and_then(|c| c.get(&key))
            .or_else(|| all.first().and_then(|c| c.get(&key)))
            .map_or(word, String::as_str)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// The plural text of `key` for `n` (the language's plural category), with `{n}`
    /// replaced by the number.
    pub fn count(&self, key: &str, n: usize) -> String {
        self.count_with(key, n, &[])
    }

    /// As [`Messages::count`], with more placeholders.
    pub fn count_with(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let cat = plural_category(self.lang(), n as u64);
        let all = catalogues();
        let pick = |c: &'static Catalogue, cat: &str| c.get(&format!("{key}.{cat}"));
        let text = all
            .get(self.index)
            .and_then(|c| pick(c, cat).or_else(|| pick(c, "other")))
            .or_else(|| {
                all.first().and_then(|en| {
                    pick(en, plural_category("en", n as u64)).or_else(|| pick(en, "other"))
                })
            })
            .map_or(key, String::as_str);
        let n = n.to_string();
        let mut all_args = vec![("n", n.as_str())];
        all_args.extend_from_slice(args);
        fill(text, &all_args)
    }

    /// Every word of English's catalogue, by key (for tests: the words that must not appear
    /// in another language's output).
    pub fn english_words() -> impl Iterator<Item = (&'static str, &'static str)> {
        catalogues()
            .first()
            .into_iter()
            .flat_map(|c| c.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<String> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
            .collect()
    }

    /// The categories a language's plurals must give.
    fn categories(lang: &str) -> &'static [&'static str] {
        match lang {
            "uk" | "ru" => &["one", "few", "many"],
            "zh" => &["other"],
            _ => &["one", "other"],
        }
    }

    #[test]
    fn every_catalogue_parses_and_has_every_key_with_its_placeholders() {
        let en = parse(catalogue_source("en").unwrap()).unwrap();
        let plural_stems: BTreeSet<String> = en
            .keys()
            .filter(|k| k.starts_with("count."))
            .filter_map(|k| k.rsplit_once('.').map(|(s, _)| s.to_owned()))
            .collect();
        assert!(plural_stems.contains("count.commitment"));
        for lang in MESSAGE_LANGUAGES {
            let cat = parse(catalogue_source(lang).unwrap())
                .unwrap_or_else(|e| panic!("{lang}.toml: {e}"));
            let mut missing = Vec::new();
            for (k, v) in en.iter().filter(|(k, _)| !k.starts_with("count.")) {
                match cat.get(k) {
                    None => missing.push(k.clone()),
                    Some(t) => assert_eq!(
                        placeholders(t),
                        placeholders(v),
                        "{lang}.toml `{k}`: placeholders differ from English"
                    ),
                }
            }
            for stem in &plural_stems {
                for c in categories(lang) {
                    let k = format!("{stem}.{c}");
                    match cat.get(&k) {
                        None => missing.push(k),
                        Some(t) => assert!(
                            placeholders(t).contains("n"),
                            "{lang}.toml `{k}` does not show the number"
                        ),
                    }
                }
            }
            assert_eq!(
                missing,
                Vec::<String>::new(),
                "{lang}.toml lacks these keys"
            );
            let extra: Vec<&String> = cat
                .keys()
                .filter(|k| !en.contains_key(*k) && !k.starts_with("count."))
                .collect();
            assert_eq!(
                extra,
                Vec::<&String>::new(),
                "{lang}.toml: keys English lacks"
            );
        }
    }

    #[test]
    fn plural_categories_follow_cldr_for_integers() {
        let uk: Vec<&str> = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111]
            .iter()
            .map(|&n| plural_category("uk", n))
            .collect();
        assert_eq!(
            uk,
            [
                "many", "one", "few", "few", "many", "many", "many", "many", "one", "few", "many",
                "one", "many"
            ]
        );
        assert_eq!(plural_category("en", 1), "one");
        assert_eq!(plural_category("en", 0), "other");
        assert_eq!(plural_category("zh", 1), "other");
    }

    #[test]
    fn lookups_fall_back_to_english_then_to_the_key() {
        assert_eq!(Messages::new("uk-UA").lang(), "uk");
        assert_eq!(Messages::new("ZH-Hans").lang(), "zh");
        assert_eq!(Messages::new("de").lang(), "en");
        assert_eq!(Messages::new("de").get("no.such.key"), "no.such.key");
        assert_eq!(Messages::new("uk").count("count.summit", 21), "21 саміт");
        assert_eq!(Messages::new("en").count("count.summit", 1), "1 summit");
        assert_eq!(Messages::new("en").count("count.summit", 2), "2 summits");
    }

    /// The groups whose keys the code builds from a vocabulary word (`Messages::word` or a
    /// `format!`ed key), and the words each must have.
    fn vocabularies() -> Vec<(&'static str, Vec<&'static str>)> {
        use crate::*;
        vec![
            (
                "edition-status",
                EditionStatus::ALL.map(EditionStatus::as_str).to_vec(),
            ),
            (
                "summit-status",
                SummitStatus::ALL.map(SummitStatus::as_str).to_vec(),
            ),
            ("completion", {
                let mut v = Completion::ALL.map(Completion::as_str).to_vec();
                v.extend(["unassessed", "no-status"]);
                v
            }),
            (
                "kind",
                CommitmentKind::ALL.map(CommitmentKind::as_str).to_vec(),
            ),
            ("strength", Strength::ALL.map(Strength::as_str).to_vec()),
            (
                "deadline",
                DeadlineStateKind::ALL
                    .map(DeadlineStateKind::as_str)
                    .to_vec(),
            ),
            ("scorecard", By::ALL.map(By::as_str).to_vec()),
            ("level", vec!["heads-of-state", "ministerial", "other"]),
            (
                "basis",
                vec!["skip", "swap", "replace", "postpone", "cancel"],
            ),
            ("lang-name", vec!["en", "ru", "zh", "uk", "fr", "es", "ar"]),
        ]
    }

    /// Every Rust source file of the library and the command-line tool, as text.
    fn sources() -> String {
        fn walk(dir: &std::path::Path, out: &mut String) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push_str(&std::fs::read_to_string(&p).unwrap());
                }
            }
        }
        let mut out = String::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out
    }

    /// The string literals passed first to `get`, `format`, `count` or `count_with`.
    fn literal_keys(src: &str) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for f in [".get(", ".format(", ".count(", ".count_with("] {
            for (i, _) in src.match_indices(f) {
                let rest = src[i + f.len()..].trim_start();
                if let Some(lit) = rest.strip_prefix('"') {
                    if let Some((key, _)) = lit.split_once('"') {
                        keys.insert(key.to_owned());
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn every_key_the_code_uses_is_in_english_and_every_english_key_is_used() {
        let en = parse(catalogue_source("en").unwrap()).unwrap();
        let sections: BTreeSet<&str> = en.keys().filter_map(|k| k.split('.').next()).collect();
        let src = sources();
        let used = literal_keys(&src);
        // Literals that look like catalogue keys (a section, a dot) must exist.
        let missing: Vec<&String> = used
            .iter()
            .filter(|k| k.split_once('.').is_some_and(|(s, _)| sections.contains(s)))
            .filter(|k| !en.contains_key(*k) && !en.keys().any(|e| e.starts_with(&format!("{k}."))))
            .collect();
        assert_eq!(
            missing,
            Vec::<&String>::new(),
            "keys used but not in en.toml"
        );
        let vocab = vocabularies();
        for (group, words) in &vocab {
            for w in words {
                assert!(
                    en.contains_key(&format!("{group}.{w}")),
                    "en.toml lacks {group}.{w}"
                );
            }
        }
        let unused: Vec<&String> = en
            .keys()
            .filter(|k| {
                let stem = k.rsplit_once('.').map_or(k.as_str(), |(s, _)| s);
                // Used as a literal anywhere (some keys are chosen by a `match`).
                let quoted = |x: &str| src.contains(&format!("\"{x}\""));
                !quoted(k) && !quoted(stem) && !vocab.iter().any(|(g, _)| stem == *g)
            })
            .collect();
        assert_eq!(
            unused,
            Vec::<&String>::new(),
            "keys in en.toml that no code uses"
        );
    }
}
