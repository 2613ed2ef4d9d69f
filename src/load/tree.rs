//! The spanned TOML tree the record readers walk.
//!
//! A valid document is built straight from the TOML parser's events (`toml_parser`), into
//! tables kept as small vectors in document order: no hashing, no map per table, keys
//! looked up linearly. Whenever anything is wrong or subtle (a syntax error, a bad escape,
//! a duplicate key, a table defined twice, a dotted key reaching into a table defined by a
//! header, nesting deeper than the parser's limit, a table of more than 64 keys) the fast
//! builder gives up, and the document is parsed again by `toml`'s recovering parser, whose
//! tree is converted: its errors, and so every diagnostic, are exactly those of that
//! parser. The builder copies that parser's semantics and places (spans); a differential
//! test checks that both trees hold the same entries whenever the fast builder succeeds.
//!
//! Entry order: `toml`'s tables iterate in key order (a `BTreeMap`); ours keep document
//! order, and [`Table::iter`] gives key order, for the readers whose output depends on the
//! order (the file's top-level tables, labels, unknown keys, the place of a too-deep
//! value). Key lookups do not depend on it.

use std::borrow::Cow;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml_datetime::Datetime;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::EventReceiver;
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span};

/// The deepest nesting of arrays and inline tables `toml` accepts (its recursion limit).
const MAX_NESTING: u32 = 80;
/// The longest dotted key path `toml` accepts before the last key.
const MAX_PATH: usize = 80;
/// The most entries the fast builder puts in one table (lookups are linear in its size);
/// a larger table is left to `toml`'s parser.
pub(crate) const MAX_TABLE: usize = 64;

/// A place in the file: a byte range, kept in 32 bits (the fast builder only takes texts
/// shorter than 4 GiB; a converted tree saturates).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Place {
    start: u32,
    end: u32,
}

impl Place {
    fn of(s: Span) -> Place {
        Place::range(s.start(), s.end())
    }

    fn range(start: usize, end: usize) -> Place {
        Place {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    fn get(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value and its place.
#[derive(Debug, PartialEq)]
pub(crate) struct Value<'i> {
    place: Place,
    node: Node<'i>,
}

impl<'i> Value<'i> {
    /// The value.
    pub(crate) fn get_ref(&self) -> &Node<'i> {
        &self.node
    }

    /// Its place: the whole value (an array from `[` to `]`, a table from its header).
    pub(crate) fn span(&self) -> Range<usize> {
        self.place.get()
    }
}

/// A TOML value.
#[derive(Debug)]
pub(crate) enum Node<'i> {
    /// A string, decoded.
    String(Cow<'i, str>),
    /// An integer; `None` when it does not fit in 64 bits.
    Integer(Option<i64>),
    /// A float, as written (`1_000.5e3`, `inf`): amounts are read from the text, exactly.
    Float(Cow<'i, str>),
    /// A boolean.
    Boolean(bool),
    /// A date, time or date-time.
    Datetime(Datetime),
    /// An array (or array of tables).
    Array(Array<'i>),
    /// A table (or inline table).
    Table(Table<'i>),
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Node::String(a), Node::String(b)) => a == b,
            (Node::Integer(a), Node::Integer(b)) => a == b,
            (Node::Float(a), Node::Float(b)) => a == b,
            (Node::Boolean(a), Node::Boolean(b)) => a == b,
            (Node::Datetime(a), Node::Datetime(b)) => a == b,
            (Node::Array(a), Node::Array(b)) => a.items == b.items,
            (Node::Table(a), Node::Table(b)) => a.entries == b.entries,
            _ => false,
        }
    }
}

/// A key and its place.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Key<'i> {
    name: Cow<'i, str>,
    place: Place,
}

impl Key<'_> {
    /// The key, decoded.
    pub(crate) fn get_ref(&self) -> &str {
        &self.name
    }

    /// Its place (with its quotes, if quoted).
    pub(crate) fn span(&self) -> Range<usize> {
        self.place.get()
    }
}

/// An array's items.
#[derive(Debug, Default)]
pub(crate) struct Array<'i> {
    items: Vec<Value<'i>>,
    /// Made by `[[...]]` headers (only while building).
    of_tables: bool,
}

impl<'i> std::ops::Deref for Array<'i> {
    type Target = [Value<'i>];
    fn deref(&self) -> &[Value<'i>] {
        &self.items
    }
}

const IMPLICIT: u8 = 1;
const DOTTED: u8 = 2;
const INLINE: u8 = 4;

/// A table: its entries, each key once (in document order when built by the fast builder,
/// in key order when converted).
#[derive(Debug, Default)]
pub(crate) struct Table<'i> {
    entries: Vec<(Key<'i>, Value<'i>)>,
    /// How the table was made (only while building): `IMPLICIT`, `DOTTED`, `INLINE`.
    flags: u8,
}

impl<'i> Table<'i> {
    /// The entries, in no particular order.
    pub(crate) fn entries(&self) -> &[(Key<'i>, Value<'i>)] {
        &self.entries
    }

    /// The entries, in key order (as `toml`'s tables).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&Key<'i>, &Value<'i>)> {
        let mut sorted: Vec<&(Key<'i>, Value<'i>)> = self.entries.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.name.cmp(&b.0.name));
        sorted.into_iter().map(|(k, v)| (k, v))
    }

    /// Where a key is.
    fn find(&self, key: &str) -> Option<usize> {
        find(&self.entries, key)
    }

    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Adds a new key; `None` if it is already there (or the table is full).
    fn insert(&mut self, key: Key<'i>, value: Value<'i>) -> Option<()> {
        if self.entries.len() >= MAX_TABLE || self.find(&key.name).is_some() {
            return None;
        }
        self.entries.push((key, value));
        Some(())
    }

    /// Adds a key known to be new; `None` if the table is full. Gives its index.
    fn push(&mut self, key: Key<'i>, value: Value<'i>) -> Option<usize> {
        if self.entries.len() >= MAX_TABLE {
            return None;
        }
        self.entries.push((key, value));
        Some(self.entries.len() - 1)
    }
}

/// Where a key is in a table's entries.
pub(crate) fn find(entries: &[(Key<'_>, Value<'_>)], key: &str) -> Option<usize> {
    entries.iter().position(|(k, _)| k.name == key)
}

/// A parsed document: its tree, `toml`'s errors, from the fast builder a bound on the
/// tree's depth (the root counting as one level), and the place of a bracket nested past
/// the depth limit (then the tree is empty: nothing was built).
pub(crate) struct Parsed<'i> {
    pub root: Table<'i>,
    pub errors: Vec<toml::de::Error>,
    pub depth_bound: Option<usize>,
    pub too_deep: Option<Range<usize>>,
}

/// Parses a document: the fast builder, or, if it gives up, `toml`'s recovering parser
/// (whose errors are returned). `tokens` is scratch space, reused across files.
///
/// The tokens are first read with a count of the open brackets and braces of values: a
/// value nested `n` deep is at least `n + 1` levels deep in the tree (the root counts), so
/// once that passes `max_depth` the file is too deep, and nothing more is read or built.
/// Without that, a large file of deep inline tables (within `toml`'s own limit of 80) is
/// built whole before the depth is checked, or, past 80, parsed again by `toml`'s parser,
/// which builds a tree of every recovered value (64 MB: 4.6 GB).
pub(crate) fn parse<'i>(text: &'i str, tokens: &mut Vec<Token>, max_depth: usize) -> Parsed<'i> {
    #[cfg(test)]
    let fast = !tests::FORCE_SLOW.with(std::cell::Cell::get);
    #[cfg(not(test))]
    let fast = true;
    if let Err(span) = lex(text, tokens, max_depth) {
        tokens.clear();
        return Parsed {
            root: Table::default(),
            errors: Vec::new(),
            depth_bound: None,
            too_deep: Some(span),
        };
    }
    if let Some((root, bound)) = fast.then(|| parse_lexed(text, tokens)).flatten() {
        return Parsed {
            root,
            errors: Vec::new(),
            depth_bound: Some(bound),
            too_deep: None,
        };
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    Parsed {
        root: from_de(root.into_inner()),
        errors,
        depth_bound: None,
        too_deep: None,
    }
}

/// Lexes a document into `tokens`, counting the brackets and braces open in values (those
/// after a `=`, and inside them; not a header's); stops at the first that opens a value
/// `max_depth` deep (with the root, one level past the limit), and gives its place.
fn lex(text: &str, tokens: &mut Vec<Token>, max_depth: usize) -> Result<(), Range<usize>> {
    use toml_parser::lexer::TokenKind as K;
    tokens.clear();
    let mut open = 0usize;
    let mut after_equals = false;
    for t in Source::new(text).lex() {
        match t.kind() {
            K::LeftSquareBracket | K::LeftCurlyBracket if open > 0 || after_equals => {
                open += 1;
                after_equals = false;
                if open >= max_depth {
                    return Err(t.span().start()..t.span().end());
                }
            }
            K::RightSquareBracket | K::RightCurlyBracket if open > 0 => open -= 1,
            K::Equals => after_equals = open == 0,
            K::Whitespace | K::Comment => {}
            _ if open == 0 => after_equals = false,
            _ => {}
        }
        tokens.push(t);
    }
    Ok(())
}

/// The fast builder: the tree of a valid document and a bound on its depth, or `None`
/// when it gives up.
#[cfg(test)]
pub(crate) fn parse_fast<'i>(text: &'i str, tokens: &mut Vec<Token>) -> Option<(Table<'i>, usize)> {
    tokens.clear();
    tokens.extend(Source::new(text).lex());
    parse_lexed(text, tokens)
}

/// The fast builder on a lexed document.
fn parse_lexed<'i>(text: &'i str, tokens: &[Token]) -> Option<(Table<'i>, usize)> {
    if u32::try_from(text.len()).is_err() {
        return None;
    }
    let source = Source::new(text);
    let mut b = Builder {
        source,
        ok: true,
        root: Table::default(),
        current: Table::default(),
        header: None,
        reading_header: None,
        keys: Vec::new(),
        frames: Vec::new(),
        depth: 0,
        hint: 0,
        marks: 0,
        max_header: 0,
        max_nest: 0,
    };
    let mut errored = false;
    let mut sink = |_: ParseError| errored = true;
    toml_parser::parser::parse_document(tokens, &mut b, &mut sink);
    if errored || !b.ok {
        return None;
    }
    b.finish_table()?;
    if !b.frames.is_empty() || !b.keys.is_empty() || b.reading_header.is_some() {
        return None;
    }
    // The root, two levels (an array and a table) per header key, and one per pending key
    // and open array or inline table (one more for good measure).
    let bound = 2 + 2 * b.max_header + b.max_nest;
    Some((b.root, bound))
}

/// A header: `[path.key]` or `[[path.key]]`.
struct Header<'i> {
    path: Vec<Key<'i>>,
    key: Key<'i>,
    place: Place,
    is_array: bool,
}

/// An array or inline table being read.
enum Frame<'i> {
    Array {
        start: usize,
        items: Vec<Value<'i>>,
    },
    Inline {
        start: usize,
        table: Table<'i>,
        /// Where this table's keys start in `Builder::keys`.
        base: usize,
    },
}

/// Builds the tree from the parser's events, as `toml`'s `document` does from its events.
struct Builder<'i> {
    source: Source<'i>,
    ok: bool,
    root: Table<'i>,
    /// The table the key-values go to: the root's, then each header's.
    current: Table<'i>,
    /// The header of `current` (`None` before the first header).
    header: Option<Header<'i>>,
    /// Inside a header: whether it is an array header, and where it starts.
    reading_header: Option<(bool, usize)>,
    /// The keys read and not yet used: a header's, or a key-value's (a stack, for inline
    /// tables inside key-values).
    keys: Vec<Key<'i>>,
    frames: Vec<Frame<'i>>,
    depth: u32,
    /// The number of keys of the last table finished.
    hint: usize,
    /// The [`mark`]s of the keys of `current` (all ones when unknown).
    marks: u64,
    /// The most keys in a header.
    max_header: usize,
    /// The most pending keys and open arrays and inline tables at any value.
    max_nest: usize,
}

impl<'i> Builder<'i> {
    fn check(&mut self, r: Option<()>) {
        if r.is_none() {
            self.ok = false;
        }
    }

    fn open_header(&mut self, span: Span, is_array: bool) {
        if !self.frames.is_empty() || !self.keys.is_empty() || self.reading_header.is_some() {
            self.ok = false;
            return;
        }
        self.reading_header = Some((is_array, span.start()));
    }

    fn close_header(&mut self, span: Span, is_array: bool) {
        let r = self.close_header_inner(span, is_array);
        self.check(r);
    }

    fn close_header_inner(&mut self, span: Span, is_array: bool) -> Option<()> {
        let (was_array, start) = self.reading_header.take()?;
        if was_array != is_array {
            return None;
        }
        let key = self.keys.pop()?;
        if self.keys.len() >= MAX_PATH {
            return None;
        }
        self.max_header = self.max_header.max(self.keys.len() + 1);
        let path: Vec<Key<'i>> = self.keys.drain(..).collect();
        let header = Header {
            path,
            key,
            place: Place::range(start, span.end()),
            is_array,
        };
        self.finish_table()?;
        self.start_table(header)
    }

    /// Puts the table just read in its place (as `toml`'s `State::finish_table`).
    fn finish_table(&mut self) -> Option<()> {
        let prev = std::mem::take(&mut self.current);
        self.marks = 0;
        self.hint = prev.entries.len();
        let Some(h) = self.header.take() else {
            self.root = prev;
            return Some(());
        };
        let value = Value {
            place: h.place,
            node: Node::Table(prev),
        };
        let parent = descend(&mut self.root, &h.path, false, false)?;
        if h.is_array {
            let i = match parent.find(&h.key.name) {
                Some(i) => i,
                None => {
                    let array = Value {
                        place: h.place,
                        node: Node::Array(Array {
                            items: Vec::new(),
                            of_tables: true,
                        }),
                    };
                    parent.push(h.key, array)?
                }
            };
            match parent.entries.get_mut(i) {
                Some((
                    _,
                    Value {
                        node: Node::Array(a),
                        ..
                    },
                )) if a.of_tables => {
                    a.items.push(value);
                    Some(())
                }
                _ => None,
            }
        } else {
            parent.insert(h.key, value)
        }
    }

    /// Starts a header's table (as `toml`'s `State::start_table`): a table header may
    /// take over a table made implicitly by an earlier header (`[a.b]` then `[a]`).
    fn start_table(&mut self, header: Header<'i>) -> Option<()> {
        if !header.is_array {
            let parent = descend(&mut self.root, &header.path, false, false)?;
            if let Some(i) = parent.find(&header.key.name) {
                let (_, old) = parent.entries.remove(i);
                match old.node {
                    Node::Table(t) if t.has(IMPLICIT) && !t.has(DOTTED) => {
                        self.current = t;
                        self.marks = u64::MAX;
                    }
                    _ => return None,
                }
            }
        }
        self.current.flags &= !(IMPLICIT | DOTTED);
        // Records under one header are alike: room for as many keys as the last one.
        self.current.entries.reserve(self.hint);
        self.header = Some(header);
        Some(())
    }

    /// A value is complete: it goes to the array or inline table being read, or to the
    /// current table.
    fn complete(&mut self, value: Value<'i>) {
        self.max_nest = self.max_nest.max(self.keys.len() + self.depth as usize);
        let r = self.complete_inner(value);
        self.check(r);
    }

    fn complete_inner(&mut self, value: Value<'i>) -> Option<()> {
        match self.frames.last_mut() {
            Some(Frame::Array { items, .. }) => {
                items.push(value);
                Some(())
            }
            Some(Frame::Inline { table, base, .. }) => {
                let base = *base;
                if self.keys.len() <= base {
                    return None;
                }
                let key = self.keys.pop()?;
                let path = self.keys.get(base..)?;
                if path.len() >= MAX_PATH {
                    return None;
                }
                let parent = descend(table, path, true, true)?;
                if parent.has(DOTTED) == path.is_empty() {
                    return None;
                }
                parent.insert(key, value)?;
                self.keys.truncate(base);
                Some(())
            }
            None => {
                if self.reading_header.is_some() {
                    return None;
                }
                let key = self.keys.pop()?;
                if self.keys.is_empty() {
                    // A key whose mark is not among the table's is new: no search.
                    let mark = mark(&key.name);
                    if self.marks & mark == 0 {
                        self.marks |= mark;
                        return self.current.push(key, value).map(|_| ());
                    }
                    return self.current.insert(key, value);
                }
                if self.keys.len() >= MAX_PATH {
                    return None;
                }
                // Dotted keys may add keys to the table itself.
                self.marks = u64::MAX;
                let dotted = true;
                let parent = descend(&mut self.current, &self.keys, dotted, false)?;
                if dotted && !parent.has(IMPLICIT) {
                    return None;
                }
                parent.insert(key, value)?;
                self.keys.clear();
                Some(())
            }
        }
    }

    fn open(&mut self) -> bool {
        self.depth = self.depth.saturating_add(1);
        self.max_nest = self.max_nest.max(self.keys.len() + self.depth as usize);
        if self.depth > MAX_NESTING {
            self.ok = false;
            return false;
        }
        true
    }

    /// The raw text of a key or scalar, with its encoding.
    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Option<Raw<'i>> {
        let text = self.source.input().get(span.start()..span.end())?;
        Some(Raw::new_unchecked(text, encoding, span))
    }

    fn scalar_value(&self, span: Span, encoding: Option<Encoding>) -> Option<Value<'i>> {
        // Plain dates and basic strings without escapes need no decoding.
        let text = self.source.input().get(span.start()..span.end())?;
        let plain = match encoding {
            None => plain_date(text).map(Node::Datetime),
            Some(Encoding::BasicString) => {
                plain_basic_string(text).map(|s| Node::String(Cow::Borrowed(s)))
            }
            _ => None,
        };
        if let Some(node) = plain {
            return Some(Value {
                place: Place::of(span),
                node,
            });
        }
        let raw = self.raw(span, encoding)?;
        let mut failed = false;
        let mut sink = |_: ParseError| failed = true;
        let mut decoded: Cow<'i, str> = Cow::Borrowed("");
        let kind = raw.decode_scalar(&mut decoded, &mut sink);
        if failed {
            return None;
        }
        let node = match kind {
            ScalarKind::String => Node::String(decoded),
            ScalarKind::Boolean(b) => Node::Boolean(b),
            ScalarKind::DateTime => Node::Datetime(decoded.parse::<Datetime>().ok()?),
            ScalarKind::Float => Node::Float(decoded),
            ScalarKind::Integer(radix) => {
                Node::Integer(i64::from_str_radix(&decoded, radix.value()).ok())
            }
        };
        Some(Value {
            place: Place::of(span),
            node,
        })
    }
}

/// The text of a basic string (`"..."`) with no escape and no control character, which
/// decodes to itself; `None` for any other (to be decoded by `toml_parser`).
fn plain_basic_string(raw: &str) -> Option<&str> {
    let body = raw.strip_prefix('"')?.strip_suffix('"')?;
    let plain = |b: u8| b != b'\\' && b != b'"' && (b >= 0x20 || b == b'\t') && b != 0x7f;
    // Eight bytes at a time: a word with no byte below 0x20, no `\`, `"` or DEL is plain.
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let mut chunks = body.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w);
        let special = x.wrapping_sub(ONES * 0x20) & !x & HIGH != 0
            || has_zero(x ^ (ONES * u64::from(b'\\')))
            || has_zero(x ^ (ONES * u64::from(b'"')))
            || has_zero(x ^ (ONES * 0x7f));
        if special && !c.iter().all(|b| plain(*b)) {
            return None;
        }
    }
    chunks.remainder().iter().all(|b| plain(*b)).then_some(body)
}

/// A local date written `YYYY-MM-DD`, read as `toml_datetime` reads it (month 1 to 12,
/// day within the month); `None` for anything else, to be decoded by `toml_parser` (which
/// reports an impossible date).
fn plain_date(raw: &str) -> Option<Datetime> {
    let b = raw.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: Range<usize>| -> Option<u16> {
        b.get(r)?.iter().try_fold(0u16, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))
        })
    };
    let year = num(0..4)?;
    let month = u8::try_from(num(5..7)?).ok()?;
    let day = u8::try_from(num(8..10)?).ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if day < 1 || day > days {
        return None;
    }
    Some(Datetime {
        date: Some(toml_datetime::Date { year, month, day }),
        time: None,
        offset: None,
    })
}

/// One of 64 bits for a key (from its length and first and last bytes): keys with
/// different marks differ.
fn mark(key: &str) -> u64 {
    let b = key.as_bytes();
    let first = u32::from(b.first().copied().unwrap_or(0));
    let last = u32::from(b.last().copied().unwrap_or(0));
    let h = (b.len() as u32) ^ (first << 8) ^ (last << 16);
    1 << (h.wrapping_mul(0x9e37_79b9) >> 26)
}

/// The bytes of unquoted keys: `A-Za-z0-9_-`.
#[allow(clippy::indexing_slicing)] // evaluated at compile time, within bounds
const KEY_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    t
};

/// Whether an unquoted key is valid as it is (`A-Za-z0-9_-`, not empty).
fn plain_key(raw: &str) -> bool {
    !raw.is_empty()
        && raw
            .bytes()
            .all(|b| KEY_BYTES.get(usize::from(b)).copied().unwrap_or(false))
}

/// Goes down a key path from a table, making implicit tables as needed (as `toml`'s
/// `descend_path`, in a document or, with `inline`, in an inline table); `None` where
/// `toml` reports an error.
fn descend<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Key<'i>],
    dotted: bool,
    inline: bool,
) -> Option<&'t mut Table<'i>> {
    for key in path {
        let i = match table.find(&key.name) {
            Some(i) => i,
            None => {
                let mut flags = IMPLICIT;
                if dotted {
                    flags |= DOTTED;
                }
                if inline {
                    flags |= INLINE;
                }
                let value = Value {
                    place: key.place,
                    node: Node::Table(Table {
                        entries: Vec::new(),
                        flags,
                    }),
                };
                table.push(key.clone(), value)?
            }
        };
        let (_, v) = table.entries.get_mut(i)?;
        table = match &mut v.node {
            Node::Array(a) if !inline && a.of_tables => match a.items.last_mut() {
                Some(Value {
                    node: Node::Table(t),
                    ..
                }) => t,
                _ => return None,
            },
            Node::Table(t) => {
                if inline {
                    if dotted && !t.has(IMPLICIT) {
                        return None;
                    }
                } else {
                    if t.has(INLINE) {
                        return None;
                    }
                    if dotted {
                        if !t.has(IMPLICIT) {
                            return None;
                        }
                        t.flags |= DOTTED;
                    }
                }
                t
            }
            _ => return None,
        };
    }
    Some(table)
}

impl EventReceiver for Builder<'_> {
    fn std_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.open_header(span, false);
    }
    fn std_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if self.ok {
            self.close_header(span, false);
        }
    }
    fn array_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.open_header(span, true);
    }
    fn array_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        if self.ok {
            self.close_header(span, true);
        }
    }
    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        if !self.open() {
            return false;
        }
        let base = self.keys.len();
        self.frames.push(Frame::Inline {
            start: span.start(),
            table: Table {
                entries: Vec::new(),
                flags: INLINE,
            },
            base,
        });
        true
    }
    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
        if !self.ok {
            return;
        }
        match self.frames.pop() {
            Some(Frame::Inline { start, table, base }) if self.keys.len() == base => {
                self.complete(Value {
                    place: Place::range(start, span.end()),
                    node: Node::Table(table),
                });
            }
            _ => self.ok = false,
        }
    }
    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        if !self.open() {
            return false;
        }
        self.frames.push(Frame::Array {
            start: span.start(),
            items: Vec::new(),
        });
        true
    }
    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
        if !self.ok {
            return;
        }
        match self.frames.pop() {
            Some(Frame::Array { start, items }) => self.complete(Value {
                place: Place::range(start, span.end()),
                node: Node::Array(Array {
                    items,
                    of_tables: false,
                }),
            }),
            _ => self.ok = false,
        }
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        if !self.ok {
            return;
        }
        if encoding.is_none() {
            if let Some(k) = self.source.input().get(span.start()..span.end()) {
                if plain_key(k) {
                    self.keys.push(Key {
                        name: Cow::Borrowed(k),
                        place: Place::of(span),
                    });
                    return;
                }
            }
        }
        let Some(raw) = self.raw(span, encoding) else {
            self.ok = false;
            return;
        };
        let mut failed = false;
        let mut sink = |_: ParseError| failed = true;
        let mut name: Cow<'_, str> = Cow::Borrowed("");
        raw.decode_key(&mut name, &mut sink);
        if failed
            || encoding
                .is_some_and(|e| matches!(e, Encoding::MlBasicString | Encoding::MlLiteralString))
        {
            self.ok = false;
            return;
        }
        self.keys.push(Key {
            name,
            place: Place::of(span),
        });
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        if !self.ok {
            return;
        }
        match self.scalar_value(span, encoding) {
            Some(v) => self.complete(v),
            None => self.ok = false,
        }
    }
    fn comment(&mut self, span: Span, error: &mut dyn ErrorSink) {
        match self.source.get(span) {
            Some(raw) => raw.decode_comment(error),
            None => self.ok = false,
        }
    }
    fn newline(&mut self, span: Span, error: &mut dyn ErrorSink) {
        // A newline token ending in `\n` is `\n` or `\r\n`: valid.
        if self
            .source
            .input()
            .as_bytes()
            .get(span.end().wrapping_sub(1))
            == Some(&b'\n')
        {
            return;
        }
        match self.source.get(span) {
            Some(raw) => raw.decode_newline(error),
            None => self.ok = false,
        }
    }
    fn error(&mut self, _: Span, _: &mut dyn ErrorSink) {
        self.ok = false;
    }
}

/// Converts `toml`'s tree (the slow path, for documents with problems).
pub(crate) fn from_de(t: DeTable<'_>) -> Table<'_> {
    Table {
        entries: t
            .into_iter()
            .map(|(k, v)| {
                let place = Place::range(k.span().start, k.span().end);
                (
                    Key {
                        name: k.into_inner(),
                        place,
                    },
                    value_from_de(v),
                )
            })
            .collect(),
        flags: 0,
    }
}

fn value_from_de(v: Spanned<DeValue<'_>>) -> Value<'_> {
    let span = v.span();
    let place = Place::range(span.start, span.end);
    let node = match v.into_inner() {
        DeValue::String(s) => Node::String(s),
        DeValue::Integer(i) => Node::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()),
        DeValue::Float(f) => Node::Float(Cow::Owned(f.as_str().to_owned())),
        DeValue::Boolean(b) => Node::Boolean(b),
        DeValue::Datetime(d) => Node::Datetime(d),
        DeValue::Array(a) => Node::Array(Array {
            items: a.into_iter().map(value_from_de).collect(),
            of_tables: false,
        }),
        DeValue::Table(t) => Node::Table(from_de(t)),
    };
    Value { place, node }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

    use super::*;
    use proptest::prelude::*;
    use std::cell::Cell;

    thread_local! {
        /// Makes [`parse`] take the slow path (`toml`'s parser, converted) for every file.
        pub(super) static FORCE_SLOW: Cell<bool> = const { Cell::new(false) };
    }

    /// Loads the bundled files, one of them replaced, by the fast path and by the slow
    /// path: the datasets, or the rendered diagnostics, must be identical.
    fn same_load(replaced: usize, text: &str) -> Result<bool, TestCaseError> {
        let load = |slow: bool| {
            FORCE_SLOW.with(|f| f.set(slow));
            let r = crate::Dataset::bundled_files()
                .enumerate()
                .fold(crate::Loader::new(), |l, (i, (name, t))| {
                    l.text(name, if i == replaced { text } else { t })
                })
                // Sequential: the flag is per thread.
                .threads(1)
                .load();
            FORCE_SLOW.with(|f| f.set(false));
            r
        };
        let (fast, slow) = (load(false), load(true));
        let ok = fast.is_ok();
        match (fast, slow) {
            (Ok(a), Ok(b)) => prop_assert!(
                a.export_toml_string() == b.export_toml_string(),
                "datasets differ:\n{text}"
            ),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "for:\n{}", text),
            (a, b) => prop_assert!(
                false,
                "fast: {:?}\nslow: {:?}\nfor:\n{}",
                a.is_ok(),
                b.is_ok(),
                text
            ),
        }
        Ok(ok)
    }

    #[test]
    fn loads_agree_with_the_slow_path() {
        use proptest::test_runner::{Config, TestRunner};
        let files: Vec<&'static str> = crate::Dataset::bundled_files().map(|(_, t)| t).collect();
        let n = files.len();
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(300);
        let (valid, rejected) = (Cell::new(0u32), Cell::new(0u32));
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let strategy =
            (0..n).prop_flat_map(move |i| (Just(i), mutated(files.get(i).copied().unwrap_or(""))));
        runner
            .run(&strategy, |(i, text)| {
                let fast = parse_fast(&text, &mut Vec::new()).is_some();
                if same_load(i, &text)? {
                    valid.set(valid.get() + 1);
                } else if fast {
                    // Rejected by the readers, not by the parser: the interesting case.
                    rejected.set(rejected.get() + 1);
                }
                Ok(())
            })
            .unwrap();
        assert!(
            valid.get() >= cases / 10,
            "{} valid of {cases}",
            valid.get()
        );
        assert!(
            rejected.get() >= cases / 10,
            "{} rejected by the readers of {cases}",
            rejected.get()
        );
    }

    /// Puts every table's entries in key order.
    fn sort(t: &mut Table<'_>) {
        t.entries.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        for (_, v) in &mut t.entries {
            sort_value(v);
        }
    }

    fn sort_value(v: &mut Value<'_>) {
        match &mut v.node {
            Node::Table(t) => sort(t),
            Node::Array(a) => a.items.iter_mut().for_each(sort_value),
            _ => {}
        }
    }

    fn depth(v: &Value<'_>) -> usize {
        match &v.node {
            Node::Table(t) => 1 + t.entries.iter().map(|(_, x)| depth(x)).max().unwrap_or(0),
            Node::Array(a) => 1 + a.items.iter().map(depth).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// Whether a table of more than `MAX_TABLE` keys is in the tree.
    fn has_big_table(t: &Table<'_>) -> bool {
        fn value(v: &Value<'_>) -> bool {
            match &v.node {
                Node::Table(t) => has_big_table(t),
                Node::Array(a) => a.items.iter().any(value),
                _ => false,
            }
        }
        t.entries.len() > MAX_TABLE || t.entries.iter().any(|(_, v)| value(v))
    }

    /// The fast builder succeeds exactly when `toml` finds no error (or, on a valid
    /// document, gives up only for a table of more than `MAX_TABLE` keys), and then both
    /// trees hold the same entries, places included.
    fn same(text: &str) -> Result<(), TestCaseError> {
        let mut tokens = Vec::new();
        let fast = parse_fast(text, &mut tokens);
        let (de, errors) = DeTable::parse_recoverable(text);
        match fast {
            Some((t, bound)) => {
                let depth = 1 + t.entries.iter().map(|(_, v)| depth(v)).max().unwrap_or(0);
                prop_assert!(depth <= bound, "depth {depth} > bound {bound}:\n{text}");
                prop_assert!(
                    errors.is_empty(),
                    "fast builder accepted a document toml rejects ({:?}):\n{text}",
                    errors.first().map(|e| e.message().to_owned())
                );
                let mut t = t;
                sort(&mut t);
                let slow = from_de(de.into_inner());
                prop_assert_eq!(&t.entries, &slow.entries, "trees differ for:\n{}", text);
            }
            None => prop_assert!(
                !errors.is_empty() || has_big_table(&from_de(de.into_inner())),
                "fast builder gave up on a valid document:\n{text}"
            ),
        }
        Ok(())
    }

    fn check(text: &str) {
        same(text).unwrap();
    }

    #[test]
    fn every_bundled_and_test_file() {
        let mut n = 0;
        for (_, text) in crate::Dataset::bundled_files() {
            check(text);
            assert!(parse_fast(text, &mut Vec::new()).is_some());
            n += 1;
        }
        let root = env!("CARGO_MANIFEST_DIR");
        for p in ["tests/base.toml", "examples/data/example.toml"] {
            let text = std::fs::read_to_string(format!("{root}/{p}")).unwrap();
            check(&text);
            assert!(parse_fast(&text, &mut Vec::new()).is_some());
            n += 1;
        }
        for e in std::fs::read_dir(format!("{root}/tests/fuzz_regressions")).unwrap() {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            check(&String::from_utf8_lossy(&bytes));
            n += 1;
        }
        assert!(n >= 13, "{n} files");
    }

    #[test]
    fn known_documents() {
        for text in [
            "",
            "a = 1",
            "\u{feff}a = 1",
            "a.b.c = 1\na.b.d = 'x'\n[a.e]\nf = 2",
            "[a.b]\nc = 1\n[a]\nd = 2",
            "[a]\nd = 2\n[a.b]\nc = 1",
            "[a]\nb.c = 1\n[a.b.d]\ne = 1",
            "[[a]]\nx = 1\n[[a]]\nx = 2\n[[a.b]]\ny = 3\n[a.c]\nz = 4",
            "[[a.b]]\n[[a]]",
            "a = {b = 1, c.d = [1, {e = 2}], 'f' = \"\"\"\nx\\\n  y\"\"\"}",
            "\"a\" = 1\n'b' = 2\n\"\\u0063\" = 3",
            "i = [0xff, 0o17, 0b101, -1_000, +7, 9223372036854775807, -9223372036854775808]",
            "f = [1.5, -0.0, 1e10, 6.02E+23, 1_000.5, inf, -inf, nan, +nan]",
            "d = [1979-05-27, 1979-05-27T07:32:00Z, 07:32:00, 1979-05-27 07:32:00.999-07:00]",
            "a = [\n  1, # one\n  2,\n]\n",
            "[ a . \"b\" . 'c' ]\nx = 1",
            // Problems: every one must make the fast builder give up.
            "a = 1\na = 2",
            "[a]\n[a]",
            "[a]\nb = 1\n[a.b]",
            "a = [1]\n[[a]]",
            "[[a]]\n[a]",
            "a = {b = 1}\n[a.c]",
            "a = {b = 1}\na.c = 2",
            "[a.b]\n[a]\nb.c = 1",
            "[a]\nb = {}\nb.c = 1",
            "a = 01",
            "a = \"\\q\"",
            "a = 1979-13-45",
            "a = [1, 2",
            "\"\"\"a\"\"\" = 1",
            "a = 1 # \u{7}",
            "a.b = 1\n[a]",
            "a = {x = 1, x = 2}",
            "a = {x.y = 1, x = 2}",
        ] {
            check(text);
        }
        let deep = format!("a = {}1{}", "[".repeat(81), "]".repeat(81));
        check(&deep);
        assert!(parse_fast(&deep, &mut Vec::new()).is_none());
        let ok = format!("a = {}1{}", "[".repeat(80), "]".repeat(80));
        check(&ok);
        let long = format!("{} = 1", vec!["k"; 81].join("."));
        check(&long);
        let keys = |n: usize| (0..n).map(|i| format!("k{i} = {i}\n")).collect::<String>();
        assert!(parse_fast(&keys(MAX_TABLE), &mut Vec::new()).is_some());
        assert!(parse_fast(&keys(MAX_TABLE + 1), &mut Vec::new()).is_none());
        check(&keys(MAX_TABLE + 1));
        check(&format!("[t]\n{}", keys(MAX_TABLE + 1)));
    }

    #[test]
    fn plain_dates() {
        let mut tokens = Vec::new();
        for y in [1900u16, 2000, 2023, 2024, 9999, 0] {
            for m in 0..=13u8 {
                for d in [0u8, 1, 28, 29, 30, 31, 32] {
                    let raw = format!("{y:04}-{m:02}-{d:02}");
                    let slow = format!("x = {raw}")
                        .parse::<String>()
                        .ok()
                        .and_then(|t| {
                            let (de, errors) = DeTable::parse_recoverable(&t);
                            errors.is_empty().then(|| {
                                match de.get_ref().iter().next().map(|(_, v)| v.get_ref()) {
                                    Some(DeValue::Datetime(d)) => Some(*d),
                                    _ => None,
                                }
                            })
                        })
                        .flatten();
                    assert_eq!(plain_date(&raw), slow, "{raw}");
                    check(&format!("x = {raw}"));
                    let _ = parse_fast(&format!("x = {raw}"), &mut tokens);
                }
            }
        }
        for raw in [
            "1979-05-2",
            "1979-05-277",
            "1979/05/27",
            "19a9-05-27",
            "1979-05-27T",
        ] {
            assert_eq!(plain_date(raw), None, "{raw}");
        }
    }

    #[test]
    fn plain_strings() {
        for len in [1, 7, 8, 9, 16, 21] {
            for at in 0..len {
                for b in [0u8, 0x1f, b'\\', b'"', 0x7f, b'\t', b' ', b'~'] {
                    let mut body = vec![b'a'; len];
                    body[at] = b;
                    let body = String::from_utf8(body).unwrap();
                    let raw = format!("\"{body}\"");
                    let plain = plain_basic_string(&raw);
                    let expected = [b'\t', b' ', b'~'].contains(&b);
                    assert_eq!(plain, expected.then_some(body.as_str()), "{raw:?}");
                }
            }
        }
        assert_eq!(plain_basic_string("\"\""), Some(""));
        assert_eq!(plain_basic_string("\"é 日本 é\""), Some("é 日本 é"));
        assert_eq!(plain_basic_string("\""), None);
        assert_eq!(plain_basic_string("'a'"), None);
    }

    fn key() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::sample::select(vec!["a", "b", "c", "id", "x-1", "_", "1", "true"])
                .prop_map(str::to_owned),
            1 => prop::sample::select(vec![
                "\"a\"", "'b'", "\"a.b\"", "\"\\u0061\"", "'x y'", "\"\"", "\"\\t\"", "\"é\"",
                "\"\\q\"", "'''a'''",
            ])
            .prop_map(str::to_owned),
        ]
    }

    fn key_path() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(key(), 1..4),
            prop::sample::select(vec![".", " . ", ". "]),
        )
            .prop_map(|(ks, sep)| ks.join(sep))
    }

    fn scalar() -> impl Strategy<Value = String> {
        let strings = prop::collection::vec(
            prop::sample::select(vec![
                "a",
                "é",
                " ",
                "\\n",
                "\\t",
                "\\\"",
                "\\\\",
                "\\u00e9",
                "\\U0001F600",
                "\\b",
                "\\f",
                "\\r",
                "\\e",
                "\\x41",
                "\\q",
                "#",
                "'",
                "\t",
                "\u{1}",
                "\u{7f}",
                "\u{85}",
                "日本",
                "abcdefgh",
            ]),
            0..12,
        )
        .prop_map(|p| format!("\"{}\"", p.concat()));
        prop_oneof![
            3 => strings,
            1 => prop::sample::select(vec![
                "'lit\\eral'", "''", "\"\"\"\nml\\\n   basic \"\" \"\"\"", "'''\nml lit ''\n'''",
                "\"\"\"\"\"\"", "'''a'''",
            ]).prop_map(str::to_owned),
            2 => prop::sample::select(vec![
                "0", "42", "-17", "+3", "1_000", "0xDEAD_beef", "0o755", "0b1101", "0x0",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "01", "1__0", "0x", "0b2", "1_",
            ]).prop_map(str::to_owned),
            2 => prop::sample::select(vec![
                "3.14", "-0.0", "1e10", "6.02E+23", "1_000.5", "inf", "-inf", "nan", "+nan",
                "1e400", "1.", ".5", "1e", "5e-3",
            ]).prop_map(str::to_owned),
            1 => prop::sample::select(vec!["true", "false", "True"]).prop_map(str::to_owned),
            2 => prop::sample::select(vec![
                "1979-05-27", "1979-05-27T07:32:00Z", "1979-05-27T00:32:00.999999-07:00",
                "07:32:00", "1979-05-27 07:32:00", "1979-05-27T07:32", "2025-13-45",
                "2024-02-30", "1979-05-27t07:32:00z", "07:32",
            ]).prop_map(str::to_owned),
        ]
    }

    fn value() -> impl Strategy<Value = String> {
        scalar().prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                (
                    prop::collection::vec(inner.clone(), 0..4),
                    any::<bool>(),
                    any::<bool>()
                )
                    .prop_map(|(vs, trailing, multiline)| {
                        let sep = if multiline { ",\n  # c\n  " } else { ", " };
                        let tail = if trailing && !vs.is_empty() { "," } else { "" };
                        format!("[{}{tail}]", vs.join(sep))
                    }),
                prop::collection::vec((key_path(), inner), 0..4).prop_map(|kvs| {
                    let kvs: Vec<String> =
                        kvs.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                    format!("{{{}}}", kvs.join(", "))
                }),
            ]
        })
    }

    fn statement() -> impl Strategy<Value = String> {
        prop_oneof![
            6 => (key_path(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
            2 => key_path().prop_map(|k| format!("[{k}]")),
            2 => key_path().prop_map(|k| format!("[[{k}]]")),
            1 => Just("# comment".to_owned()),
            1 => Just(String::new()),
            1 => (key_path(), value()).prop_map(|(k, v)| format!("  {k}={v} # trailing")),
            1 => prop::sample::select(vec!["[", "a =", "= 1", "[[a]", "a = 1 b = 2", "\t", "\r"])
                .prop_map(str::to_owned),
        ]
    }

    fn document() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(statement(), 0..12),
            prop::sample::select(vec!["\n", "\r\n"]),
        )
            .prop_map(|(lines, nl)| lines.join(nl))
    }

    /// A bundled file with a few lines deleted, duplicated, moved or replaced.
    fn mutated_file() -> impl Strategy<Value = String> {
        let files: Vec<&'static str> = crate::Dataset::bundled_files().map(|(_, t)| t).collect();
        prop::sample::select(files).prop_flat_map(mutated)
    }

    /// A text with a few lines deleted, duplicated, moved or replaced.
    fn mutated(text: &'static str) -> impl Strategy<Value = String> {
        (
            Just(text),
            prop::collection::vec(
                (
                    0..5u8,
                    any::<prop::sample::Index>(),
                    any::<prop::sample::Index>(),
                    statement(),
                    value(),
                ),
                0..4,
            ),
        )
            .prop_map(|(text, ops)| {
                let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
                for (op, i, j, s, v) in ops {
                    if lines.is_empty() {
                        break;
                    }
                    let i = i.index(lines.len());
                    let j = j.index(lines.len());
                    match op {
                        0 => {
                            lines.remove(i);
                        }
                        1 => {
                            let l = lines[i].clone();
                            lines.insert(j, l);
                        }
                        2 => {
                            let l = lines.remove(i);
                            lines.insert(j.min(lines.len()), l);
                        }
                        3 => lines[i] = s,
                        // Another value for a key.
                        _ => {
                            if let Some((k, _)) = lines[i].split_once(" = ") {
                                lines[i] = format!("{k} = {v}");
                            }
                        }
                    }
                }
                lines.join("\n")
            })
    }

    /// Runs `same` over generated documents, and checks that both valid and invalid ones
    /// were generated (at least a tenth of each).
    fn run(strategy: impl Strategy<Value = String>) {
        use proptest::test_runner::{Config, TestRunner};
        use std::cell::Cell;
        // `PROPTEST_CASES` for a longer run.
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3000);
        let valid = Cell::new(0u32);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&strategy, |text| {
                if parse_fast(&text, &mut Vec::new()).is_some() {
                    valid.set(valid.get() + 1);
                }
                same(&text)
            })
            .unwrap();
        let valid = valid.get();
        assert!(
            valid >= cases / 10 && cases - valid >= cases / 10,
            "{valid} valid documents of {cases}"
        );
    }

    #[test]
    fn general_documents() {
        run(document());
    }

    #[test]
    fn mutated_data_files() {
        run(mutated_file());
    }
}
