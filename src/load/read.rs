//! Reading typed values out of the spanned TOML tree, recording every problem.

use super::diag::{Code, Loc, Sink};
use super::spec;
pub(crate) use super::tree::Value;
use super::tree::{Key, Node, Table};
use crate::error::did_you_mean;
use crate::model::{Amount, IdError, Labels, LangTag, PartialDate};
use std::fmt::{self, Display};
use std::rc::Rc;

/// A key path (`commitment.c-1.areas[2]`), written out only when a problem is reported:
/// `base`, then `.key` when there is a key, then `[index]` when there is an index.
#[derive(Clone, Copy)]
pub(crate) struct KeyPath<'a> {
    pub base: &'a dyn Display,
    pub key: Option<&'a str>,
    pub index: Option<usize>,
}

impl Display for KeyPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.base)?;
        if let Some(k) = self.key {
            write!(f, ".{k}")?;
        }
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        Ok(())
    }
}

/// A TOML value's kind, as named in messages.
pub(crate) fn type_name(v: &Node<'_>) -> &'static str {
    match v {
        Node::String(_) => "a string",
        Node::Integer(_) => "an integer",
        Node::Float(_) => "a float",
        Node::Boolean(_) => "a boolean",
        Node::Datetime(d) => {
            if d.date.is_some() && d.time.is_none() {
                "a date"
            } else if d.date.is_none() {
                "a time"
            } else {
                "a date-time"
            }
        }
        Node::Array(_) => "an array",
        Node::Table(_) => "a table",
    }
}

/// Where a reader is: the file, and the sink for problems.
pub(crate) struct Cx<'s> {
    pub file: u32,
    pub sink: &'s mut Sink,
}

impl Cx<'_> {
    pub(crate) fn loc(&self, span: std::ops::Range<usize>) -> Loc {
        Loc::new(self.file, span)
    }

    pub(crate) fn wrong_type(&mut self, v: &Value<'_>, expected: &str, path: &dyn Display) {
        let found = type_name(v.get_ref());
        let loc = self.loc(v.span());
        let help = if expected.contains("date") {
            Some("write a date like `2025-06-17`, a year like `2025`, or a string like \"2025-06\" or \"2025-06-16/2025-06-17\"".to_owned())
        } else {
            None
        };
        self.sink
            .error(
                Code::WrongType,
                loc,
                format!("expected {expected} for `{path}`, found {found}"),
            )
            .path(path)
            .help_opt(help);
    }
}

/// Whether a key is required ([`REQ`]) or optional ([`OPT`]) where it is read.
pub(crate) type Need = bool;
/// A required key.
pub(crate) const REQ: Need = true;
/// An optional key.
pub(crate) const OPT: Need = false;

/// The keys of one table, read one by one, as its [`spec::Table`] states them; unread keys
/// are reported as unknown, or as belonging to another variant. The entries are borrowed
/// from the tree; the keys read are marked in a bit set (a vector only for tables of more
/// than 64 keys).
pub(crate) struct Fields<'a, 'i> {
    entries: &'a [(Key<'i>, Value<'i>)],
    used: u64,
    used_more: Vec<bool>,
    pub span: std::ops::Range<usize>,
    pub path: Rc<str>,
    spec: &'static spec::Table,
    /// The table's variant, once read (`kind = "swap"`, `{ fixed = ... }`).
    variant: Option<&'static str>,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub(crate) fn new(
        table: &'a Table<'i>,
        span: std::ops::Range<usize>,
        path: impl Into<Rc<str>>,
        spec: &'static spec::Table,
    ) -> Self {
        let entries = table.entries();
        let used_more = if entries.len() > 64 {
            vec![false; entries.len()]
        } else {
            Vec::new()
        };
        Fields {
            entries,
            used: 0,
            used_more,
            span,
            path: path.into(),
            spec,
            variant: None,
        }
    }

    /// Sets the table's variant: the keys of other variants are then reported as such.
    pub(crate) fn set_variant(&mut self, variant: &str) {
        let all: &'static [String] = match &self.spec.variant {
            Some(spec::Variant::Word(key)) => match self.spec.key(key).map(|(_, k)| &k.val) {
                Some(spec::Val::Word(words)) => words,
                _ => &[],
            },
            Some(spec::Variant::Presence(keys)) => keys,
            None => &[],
        };
        self.variant = all.iter().find(|v| *v == variant).map(String::as_str);
    }

    fn mark(&mut self, i: usize) {
        if let Some(u) = self.used_more.get_mut(i) {
            *u = true;
        } else if i < 64 {
            self.used |= 1 << i;
        }
    }

    fn is_used(&self, i: usize) -> bool {
        match self.used_more.get(i) {
            Some(u) => *u,
            None => i < 64 && self.used & (1 << i) != 0,
        }
    }

    /// Reads a table value as fields, or reports that it is not a table.
    pub(crate) fn of(
        cx: &mut Cx<'_>,
        v: &'a Value<'i>,
        path: impl Into<Rc<str>>,
        spec: &'static spec::Table,
    ) -> Option<Self> {
        match v.get_ref() {
            Node::Table(t) => Some(Fields::new(t, v.span(), path, spec)),
            _ => {
                let path: Rc<str> = path.into();
                cx.wrong_type(v, "a table", &path);
                None
            }
        }
    }

    /// The path of a key of this table, written out only if a problem is reported.
    pub(crate) fn key_path<'s>(&'s self, key: &'s str) -> KeyPath<'s> {
        KeyPath {
            base: &self.path,
            key: Some(key),
            index: None,
        }
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        super::tree::find(self.entries, key).is_some()
    }

    /// The value of a key, if present, marking it read.
    pub(crate) fn get(&mut self, key: &str) -> Option<&'a Value<'i>> {
        debug_assert!(
            self.spec.key(key).is_some(),
            "the loader reads `{key}` in `{}`, which src/load/spec.rs does not state",
            self.spec.path
        );
        let i = super::tree::find(self.entries, key)?;
        self.mark(i);
        let entries = self.entries;
        entries.get(i).map(|(_, v)| v)
    }

    /// The place of a key's value, or of the table when the key is absent (without
    /// marking the key read).
    pub(crate) fn get_loc(&self, cx: &Cx<'_>, key: &str) -> Loc {
        let span = super::tree::find(self.entries, key)
            .and_then(|i| self.entries.get(i))
            .map_or(self.span.clone(), |(_, v)| v.span());
        cx.loc(span)
    }

    /// The value of a required key, or a "missing key" problem at the table.
    pub(crate) fn req(&mut self, cx: &mut Cx<'_>, key: &str) -> Option<&'a Value<'i>> {
        let v = self.get(key);
        if v.is_none() {
            let loc = cx.loc(self.span.clone());
            cx.sink
                .error(
                    Code::MissingKey,
                    loc,
                    format!("missing key `{key}` in `{}`", self.path),
                )
                .path(format_args!("{}.{key}", self.path))
                .help(format!("add `{key} = ...` to this table"));
        }
        v
    }

    /// Reports every key that was not read: one of another variant as such, any other as
    /// unknown, with a suggestion.
    pub(crate) fn finish(self, cx: &mut Cx<'_>) {
        // In key order, as `toml`'s tables iterate.
        let mut unused: Vec<&Key<'_>> = (0..self.entries.len())
            .filter(|i| !self.is_used(*i))
            .filter_map(|i| self.entries.get(i).map(|(k, _)| k))
            .collect();
        unused.sort_unstable_by(|a, b| a.get_ref().cmp(b.get_ref()));
        for key in unused {
            let k = key.get_ref();
            let loc = cx.loc(key.span());
            if let Some((_, spec)) = self.spec.key(k) {
                // A key of the spec left unread belongs to another variant; when the
                // variant is unknown, its own problem has been reported.
                if self.variant.is_some() && !spec.variants.is_empty() {
                    self.other_variant(cx, loc, spec);
                }
                continue;
            }
            let help = match did_you_mean(k, self.spec.names()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "expected one of {}",
                    self.spec
                        .names()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            cx.sink
                .error(
                    Code::UnknownKey,
                    loc,
                    format!("unknown key `{k}` in `{}`", self.path),
                )
                .path(format_args!("{}.{k}", self.path))
                .help(help);
        }
    }

    /// Reports a key that belongs to other variants than the table's.
    fn other_variant(&self, cx: &mut Cx<'_>, loc: Loc, key: &spec::Key) {
        // `kind = "swap"` for a variant told by a word, `alphabetical` rules for one told by
        // the key that is there.
        let (vs, this, what): (Vec<String>, String, &str) = match &self.spec.variant {
            Some(spec::Variant::Word(w)) => (
                key.variants
                    .iter()
                    .map(|v| format!("`{w} = \"{v}\"`"))
                    .collect(),
                format!("`{w} = \"{}\"`", self.variant.unwrap_or("")),
                "",
            ),
            _ => (
                key.variants.iter().map(|v| format!("`{v}`")).collect(),
                format!("`{}`", self.variant.unwrap_or("")),
                " rules",
            ),
        };
        let message = format!(
            "`{}` applies only to {}{what}, not to {this}",
            self.key_path(&key.name),
            vs.join(" or "),
        );
        let help = format!("remove `{}`, or use {}", key.name, vs.join(" or "));
        cx.sink
            .error(Code::KeyOfOtherVariant, loc, message)
            .help(help);
    }

    // ---- typed readers: `opt_*` for optional keys, `req_*` for required ones; `read` is
    // one of this module's value readers (`text`, `date`, `labels`, ...) ----

    /// The value of `key`, read with `read` (one of this module's value readers: `text`,
    /// `date`, `labels`, ...); a missing key is a problem when it is required.
    pub(crate) fn take<T>(
        &mut self,
        cx: &mut Cx<'_>,
        key: &str,
        need: Need,
        read: impl FnOnce(&mut Cx<'_>, &'a Value<'i>, &dyn Display) -> Option<T>,
    ) -> Option<T> {
        let v = match need {
            REQ => self.req(cx, key)?,
            OPT => self.get(key)?,
        };
        read(cx, v, &self.key_path(key))
    }

    pub(crate) fn req_lang(&mut self, cx: &mut Cx<'_>, key: &str) -> Option<LangTag> {
        let (s, loc) = self.take(cx, key, REQ, string)?;
        lang(cx, &s, loc, &self.key_path(key))
    }

    /// A closed vocabulary word: `status = "held"`.
    pub(crate) fn word_of<T: Copy>(
        &mut self,
        need: Need,
        cx: &mut Cx<'_>,
        key: &str,
        what: &str,
        words: &[(&str, T)],
    ) -> Option<T> {
        self.take(cx, key, need, |cx, v, path| word(cx, v, path, what, words))
    }
}

/// The value as `take` reads it, or a "wrong type" problem naming `expected`.
fn typed<'v, T>(
    cx: &mut Cx<'_>,
    v: &'v Value<'_>,
    path: &dyn Display,
    expected: &str,
    take: impl FnOnce(&'v Node<'_>) -> Option<T>,
) -> Option<T> {
    let got = take(v.get_ref());
    if got.is_none() {
        cx.wrong_type(v, expected, path);
    }
    got
}

/// A boolean.
pub(crate) fn boolean(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<bool> {
    typed(cx, v, path, "a boolean", |n| match n {
        Node::Boolean(b) => Some(*b),
        _ => None,
    })
}

/// The first character refused in a data string: a control character (U+0000 to U+001F,
/// U+007F, and U+0080 to U+009F), but for the line feed and the tab, which lay out texts,
/// and a carriage return just before a line feed (a CRLF line end in a multi-line
/// string). They would reach terminals, SVG, iCalendar and every other output as they are.
fn refused(s: &str) -> Option<char> {
    // Most strings have no byte below 0x20, no DEL and no C1 character (0xC2 0x80-0x9F).
    if !s.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return None;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let ok =
            !c.is_control() || c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n'));
        if !ok {
            return Some(c);
        }
    }
    None
}

/// Reports the first refused character of a string, if any: every string read from data
/// passes here (ids, words, references and texts).
fn no_control(cx: &mut Cx<'_>, s: &str, loc: Loc, path: &dyn Display) -> bool {
    let Some(c) = refused(s) else {
        return true;
    };
    cx.sink
        .error(
            Code::ControlCharacter,
            loc,
            format!("control character U+{:04X} in `{path}`", u32::from(c)),
        )
        .help("remove it: strings hold printable text, line breaks and tabs only");
    false
}

/// A string, borrowed from the parsed tree.
pub(crate) fn str_ref<'v>(
    cx: &mut Cx<'_>,
    v: &'v Value<'_>,
    path: &dyn Display,
) -> Option<(&'v str, Loc)> {
    let loc = cx.loc(v.span());
    let (s, loc) = typed(cx, v, path, "a string", |n| match n {
        Node::String(s) => Some((&**s, loc)),
        _ => None,
    })?;
    no_control(cx, s, loc, path).then_some((s, loc))
}

/// An array of strings, borrowed from the parsed tree, each with its place.
pub(crate) fn strs<'v>(
    cx: &mut Cx<'_>,
    v: &'v Value<'_>,
    path: &dyn Display,
) -> Option<Vec<(&'v str, Loc)>> {
    match v.get_ref() {
        Node::Array(a) => {
            let mut out = Vec::with_capacity(a.len());
            for (i, item) in a.iter().enumerate() {
                let ipath = KeyPath {
                    base: path,
                    key: None,
                    index: Some(i),
                };
                if let Some(s) = str_ref(cx, item, &ipath) {
                    out.push(s);
                }
            }
            Some(out)
        }
        _ => {
            cx.wrong_type(v, "an array of strings", path);
            None
        }
    }
}

pub(crate) fn string(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<(String, Loc)> {
    str_ref(cx, v, path).map(|(s, loc)| (s.to_owned(), loc))
}

/// A string that must not be empty or blank.
pub(crate) fn text(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<String> {
    let (s, loc) = string(cx, v, path)?;
    if s.trim().is_empty() {
        cx.sink
            .error(Code::EmptyText, loc, format!("empty text in `{path}`"))
            .path(path)
            .help("write the text, or remove the key if it is optional");
        return None;
    }
    Some(s)
}

/// A web address: `http` or `https`, with a host, and only the characters a URL may hold,
/// so that no export can turn it into markup or a script (`javascript:`, `data:`, quotes,
/// angle brackets, spaces).
pub(crate) fn url(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<String> {
    let (s, loc) = string(cx, v, path)?;
    if !crate::neutral::web_scheme(&s) {
        cx.sink
            .error(
                Code::InvalidUrl,
                loc,
                format!("`{path}` is not an `http` or `https` address with a host"),
            )
            .help("write the address as a browser shows it, such as `https://example.org/page`");
        return None;
    }
    if !crate::neutral::url_chars(&s) {
        cx.sink
            .error(
                Code::InvalidUrl,
                loc,
                format!("`{path}` holds a character an address may not: a space, quote, angle bracket, backslash or control character"),
            )
            .help("percent-encode it: a space as `%20`, `\"` as `%22`, `<` as `%3C`, `>` as `%3E`");
        return None;
    }
    Some(s)
}

pub(crate) fn int(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<(i64, Loc)> {
    match v.get_ref() {
        Node::Integer(i) => {
            let loc = cx.loc(v.span());
            match i {
                Some(n) => Some((*n, loc)),
                None => {
                    cx.sink
                        .error(
                            Code::IntegerTooLarge,
                            loc,
                            format!("integer in `{path}` is too large"),
                        )
                        .path(path)
                        .help("integers must fit in 64 bits");
                    None
                }
            }
        }
        _ => {
            cx.wrong_type(v, "an integer", path);
            None
        }
    }
}

/// An amount: a non-negative integer or decimal, kept exactly as written (read from the
/// literal's text, never through an `f64`).
pub(crate) fn amount(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<Amount> {
    let parsed = match v.get_ref() {
        Node::Float(text) => text.parse::<Amount>(),
        Node::Integer(Some(n)) => match u64::try_from(*n) {
            Ok(n) => Ok(Amount::from_u64(n)),
            Err(_) => "-1".parse::<Amount>(),
        },
        Node::Integer(None) => {
            let loc = cx.loc(v.span());
            cx.sink
                .error(
                    Code::IntegerTooLarge,
                    loc,
                    format!("integer in `{path}` is too large"),
                )
                .help("integers must fit in 64 bits; write a larger amount with a decimal point or an exponent, such as `100000000000000000000.0` or `1e20`");
            return None;
        }
        _ => {
            cx.wrong_type(v, "a number", path);
            return None;
        }
    };
    match parsed {
        Ok(a) => Some(a),
        Err(e) => {
            let loc = cx.loc(v.span());
            let (code, message, help) = if e.is_negative() {
                (
                    Code::InvalidAmount,
                    format!("`{path}` is negative"),
                    "amounts are zero or more: write the amount without a minus sign",
                )
            } else if e.is_too_many_digits() {
                (
                    Code::InvalidAmount,
                    format!("`{path}` has more digits than an amount keeps"),
                    "an amount has at most 38 significant digits and 38 digits after the decimal point",
                )
            } else {
                (
                    Code::NotFinite,
                    format!("`{path}` must be a finite number"),
                    "write an amount such as `1_500_000_000` or `2.5`",
                )
            };
            cx.sink.error(code, loc, message).path(path).help(help);
            None
        }
    }
}

/// A partial date: an integer year, a string, or a bare TOML local date.
pub(crate) fn date(
    cx: &mut Cx<'_>,
    v: &Value<'_>,
    path: &dyn Display,
) -> Option<(PartialDate, Loc)> {
    let loc = cx.loc(v.span());
    let parsed = match v.get_ref() {
        Node::Integer(_) => {
            let (n, _) = int(cx, v, path)?;
            match i32::try_from(n) {
                Ok(y) => PartialDate::from_year(y),
                Err(_) => {
                    cx.sink.error(
                        Code::InvalidDate,
                        loc,
                        format!(
                            "invalid date in `{path}`: year {n} is out of range ({} to {})",
                            crate::MIN_YEAR,
                            crate::MAX_YEAR
                        ),
                    );
                    return None;
                }
            }
        }
        Node::String(s) => s.parse::<PartialDate>(),
        Node::Datetime(d) if d.date.is_some() && d.time.is_none() && d.offset.is_none() => {
            let dd = d.date?;
            PartialDate::from_ymd(i32::from(dd.year), u32::from(dd.month), u32::from(dd.day))
        }
        _ => {
            cx.wrong_type(v, "a date", path);
            return None;
        }
    };
    match parsed {
        Ok(d) => Some((d, loc)),
        Err(e) => {
            cx.sink
                .error(
                    Code::InvalidDate,
                    loc,
                    format!("invalid date in `{path}`: {e}"),
                )
                .path(path)
                .help("write `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or \"YYYY-MM-DD/YYYY-MM-DD\"");
            None
        }
    }
}

pub(crate) fn lang(cx: &mut Cx<'_>, s: &str, loc: Loc, path: &dyn Display) -> Option<LangTag> {
    match LangTag::new(s) {
        Ok(t) => Some(t),
        Err(_) => {
            cx.sink
                .error(
                    Code::InvalidLang,
                    loc,
                    format!("invalid language tag `{s}` in `{path}`"),
                )
                .path(path)
                .help("use a BCP 47 tag such as `en`, `uk`, `ru` or `zh-Hans`");
            None
        }
    }
}

/// Labels: a plain string (English) or a table of language tag to text.
pub(crate) fn labels(cx: &mut Cx<'_>, v: &Value<'_>, path: &dyn Display) -> Option<Labels> {
    match v.get_ref() {
        Node::String(_) => text(cx, v, path).map(Labels::english),
        Node::Table(t) => {
            let mut out = Labels::new();
            let mut ok = true;
            // Tags are case-insensitive (`en` and `EN`, `zh-hans` and `zh-Hans` are one
            // language): a tag met twice is a duplicate key, reported at the later one (in
            // the file's order) with the place of the first.
            let mut seen: Vec<(LangTag, &str, Loc)> = Vec::new();
            let mut keys: Vec<(&Key<'_>, &Value<'_>)> = t.iter().collect();
            keys.sort_by_key(|(k, _)| k.span().start);
            for (k, val) in keys {
                let kname: &str = k.get_ref();
                let kpath = KeyPath {
                    base: path,
                    key: Some(kname),
                    index: None,
                };
                let kloc = cx.loc(k.span());
                let tag = lang(cx, kname, kloc, path);
                if let Some(tag) = &tag {
                    if let Some((_, fname, first)) = seen.iter().find(|(t, _, _)| t == tag) {
                        cx.sink
                            .error(
                                Code::DuplicateLanguage,
                                kloc,
                                format!("duplicate language `{kname}` in `{path}`"),
                            )
                            .first_at(*first)
                            .help(format!(
                                "language tags are case-insensitive: `{fname}` and `{kname}` are one language; keep one text for it"
                            ));
                        ok = false;
                        continue;
                    }
                    seen.push((tag.clone(), kname, kloc));
                }
                let txt = text(cx, val, &kpath);
                match (tag, txt) {
                    (Some(tag), Some(txt)) => out.insert(tag, txt),
                    _ => ok = false,
                }
            }
            if out.is_empty() && ok {
                let loc = cx.loc(v.span());
                cx.sink
                    .error(Code::EmptyText, loc, format!("empty text in `{path}`"))
                    .path(path)
                    .help("give at least one language, e.g. `{ en = \"...\" }`");
                return None;
            }
            ok.then_some(out)
        }
        _ => {
            cx.wrong_type(v, "a string or a table of languages", path);
            None
        }
    }
}

pub(crate) fn word<T: Copy>(
    cx: &mut Cx<'_>,
    v: &Value<'_>,
    path: &dyn Display,
    what: &str,
    words: &[(&str, T)],
) -> Option<T> {
    let (s, loc) = str_ref(cx, v, path)?;
    if let Some((_, t)) = words.iter().find(|(w, _)| *w == s) {
        return Some(*t);
    }
    let help = match did_you_mean(s, words.iter().map(|(w, _)| *w)) {
        Some(m) => format!("did you mean `{m}`?"),
        None => format!(
            "expected one of {}",
            words
                .iter()
                .map(|(w, _)| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    cx.sink
        .error(
            Code::UnknownWord,
            loc,
            format!("unknown {what} `{s}` in `{path}`"),
        )
        .path(path)
        .help(help);
    None
}

/// Reports an id that fails its syntax check.
pub(crate) fn bad_id(cx: &mut Cx<'_>, s: &str, loc: Loc, path: &dyn Display, _e: &IdError) {
    let bidi = s
        .chars()
        .find(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'));
    let help = match bidi {
        Some(c) => format!(
            "the id holds U+{:04X}, a bidirectional formatting character that reorders the text around it on screen: ids use lowercase ASCII letters, digits, `-`, `_` and `.`",
            u32::from(c)
        ),
        None => "ids use lowercase ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit".to_owned(),
    };
    cx.sink
        .error(
            Code::InvalidId,
            loc,
            format!("invalid id `{s}` in `{path}`"),
        )
        .path(path)
        .help(help);
}
