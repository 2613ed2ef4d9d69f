//! Language tags (BCP 47) and multilingual labels.

use std::fmt;

/// A BCP 47 language tag such as `en`, `uk`, `zh-Hans` or `uz-Latn-UZ`, normalised to the
/// conventional case (language lowercase, script titlecase, region uppercase).
///
/// The accepted grammar is the common subset of BCP 47: a 2–3 letter primary language,
/// an optional 4-letter script, an optional 2-letter or 3-digit region, and variants of
/// 5–8 alphanumerics (or a digit and three alphanumerics). Extensions and private use
/// subtags are not accepted.
///
/// ```
/// let tag: summitry::LangTag = "zh-hans".parse()?;
/// assert_eq!(tag.as_str(), "zh-Hans");
/// assert_eq!(tag.primary(), "zh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct LangTag(Box<str>);

/// Why a string is not a valid [`LangTag`].
///
/// ```
/// let err = "english".parse::<summitry::LangTag>().unwrap_err();
/// assert!(err.to_string().contains("not a valid BCP 47 language tag"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LangTagError {
    tag: String,
}

impl fmt::Display for LangTagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a valid BCP 47 language tag (e.g. `en`, `uk`, `zh-Hans`)",
            self.tag
        )
    }
}

impl std::error::Error for LangTagError {}

impl LangTag {
    /// Parses and normalises a language tag.
    ///
    /// # Errors
    ///
    /// When the tag does not follow the grammar described on [`LangTag`].
    pub fn new(s: &str) -> Result<Self, LangTagError> {
        let err = || LangTagError { tag: s.to_owned() };
        let mut out = String::with_capacity(s.len());
        let mut parts = s.split(['-', '_']);
        let lang = parts.next().ok_or_else(err)?;
        if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Err(err());
        }
        out.push_str(&lang.to_ascii_lowercase());
        // 0 = expecting script, 1 = expecting region, 2 = variants only
        let mut stage = 0;
        for part in parts {
            let alpha = part.bytes().all(|b| b.is_ascii_alphabetic());
            let digits = part.bytes().all(|b| b.is_ascii_digit());
            let alnum = part.bytes().all(|b| b.is_ascii_alphanumeric());
            out.push('-');
            if stage == 0 && part.len() == 4 && alpha {
                let mut c = part.chars();
                if let Some(first) = c.next() {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(&c.as_str().to_ascii_lowercase());
                }
                stage = 1;
            } else if stage <= 1 && ((part.len() == 2 && alpha) || (part.len() == 3 && digits)) {
                out.push_str(&part.to_ascii_uppercase());
                stage = 2;
            } else if alnum
                && ((5..=8).contains(&part.len())
                    || (part.len() == 4 && part.bytes().next().is_some_and(|b| b.is_ascii_digit())))
            {
                out.push_str(&part.to_ascii_lowercase());
                stage = 2;
            } else {
                return Err(err());
            }
        }
        Ok(LangTag(out.into()))
    }

    /// The tag as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The primary language subtag: `zh` for `zh-Hans`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl std::str::FromStr for LangTag {
    type Err = LangTagError;
    fn from_str(s: &str) -> Result<Self, LangTagError> {
        LangTag::new(s)
    }
}

/// Text in several languages, keyed by [`LangTag`], with a fallback.
///
/// ```
/// use summitry::Labels;
///
/// let mut name = Labels::new();
/// name.insert("en".parse()?, "Kazakhstan");
/// name.insert("uk".parse()?, "Казахстан");
/// assert_eq!(name.get("uk"), Some("Казахстан"));
/// assert_eq!(name.get("uk-UA"), Some("Казахстан")); // same primary language
/// assert_eq!(name.get("fr"), Some("Kazakhstan")); // falls back to English
/// # Ok::<(), summitry::LangTagError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Labels {
    entries: Vec<(LangTag, String)>,
}

impl Labels {
    /// No labels.
    pub fn new() -> Self {
        Labels::default()
    }

    /// Labels with a single English entry.
    pub fn english(text: impl Into<String>) -> Self {
        let mut l = Labels::new();
        l.insert(LangTag(Box::from("en")), text);
        l
    }

    /// Sets the text for a language, replacing any earlier text for the same tag.
    pub fn insert(&mut self, lang: LangTag, text: impl Into<String>) {
        let text = text.into();
        match self.entries.binary_search_by(|(l, _)| l.cmp(&lang)) {
            Ok(i) => {
                if let Some(e) = self.entries.get_mut(i) {
                    e.1 = text;
                }
            }
            Err(i) => self.entries.insert(i, (lang, text)),
        }
    }

    /// The text for exactly this tag, with no fallback.
    pub fn get_exact(&self, lang: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(l, _)| l.as_str().eq_ignore_ascii_case(lang))
            .map(|(_, t)| t.as_str())
    }

    /// The text in `lang`, falling back to the same primary language (`uk` for `uk-UA`),
    /// then to English, then to the first label in tag order.
    pub fn get(&self, lang: &str) -> Option<&str> {
        if let Some(t) = self.get_exact(lang) {
            return Some(t);
        }
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        self.entries
            .iter()
            .find(|(l, _)| l.primary().eq_ignore_ascii_case(primary))
            .or_else(|| self.entries.iter().find(|(l, _)| l.primary() == "en"))
            .or_else(|| self.entries.first())
            .map(|(_, t)| t.as_str())
    }

    /// The English text, or the fallback described on [`get`](Self::get).
    pub fn en(&self) -> &str {
        self.get("en").unwrap_or("")
    }

    /// Every label, in tag order.
    pub fn iter(&self) -> impl Iterator<Item = (&LangTag, &str)> {
        self.entries.iter().map(|(l, t)| (l, t.as_str()))
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of languages.
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

impl<'de> serde::Deserialize<'de> for LangTag {
    /// Reads a tag from a string, checking it as [`LangTag::new`] does.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        LangTag::new(&s).map_err(serde::de::Error::custom)
    }
}

impl<'de> serde::Deserialize<'de> for Labels {
    /// Reads labels from an object of language tag to text.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map =
            <std::collections::BTreeMap<String, String> as serde::Deserialize>::deserialize(d)?;
        let mut labels = Labels::new();
        for (tag, text) in map {
            labels.insert(LangTag::new(&tag).map_err(serde::de::Error::custom)?, text);
        }
        Ok(labels)
    }
}

impl serde::Serialize for Labels {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (l, t) in &self.entries {
            m.serialize_entry(l.as_str(), t)?;
        }
        m.end()
    }
}

impl fmt::Display for Labels {
    /// The English text, with the fallback of [`Labels::en`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.en())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(LangTag::new("zh-hans").unwrap().as_str(), "zh-Hans");
        assert_eq!(LangTag::new("uz_latn_uz").unwrap().as_str(), "uz-Latn-UZ");
        assert_eq!(LangTag::new("es-419").unwrap().as_str(), "es-419");
        assert_eq!(LangTag::new("EN").unwrap().as_str(), "en");
        for bad in ["", "e", "english", "en-", "en-Latn-Latn", "en-x-foo", "12"] {
            assert!(LangTag::new(bad).is_err(), "{bad}");
        }
        assert_eq!(
            LangTag::new("english").unwrap_err().to_string(),
            "`english` is not a valid BCP 47 language tag (e.g. `en`, `uk`, `zh-Hans`)"
        );
    }

    #[test]
    fn fallback() {
        let mut l = Labels::new();
        l.insert(LangTag::new("ru").unwrap(), "Казахстан");
        l.insert(LangTag::new("zh").unwrap(), "哈萨克斯坦");
        assert_eq!(l.get("fr"), Some("Казахстан"));
        l.insert(LangTag::new("en").unwrap(), "Kazakhstan");
        assert_eq!(l.get("fr"), Some("Kazakhstan"));
        assert_eq!(l.get("zh-Hans"), Some("哈萨克斯坦"));
    }
}
