//! The canonical TOML form of a dataset.
//!
//! One document holds every record, kinds in a fixed order (parties, sources, areas,
//! mechanisms, summits, documents, commitments, assessments), records in dataset order and
//! keys in the order the format states them (`src/load/format.toml`, as FORMAT.md lists
//! them). Optional keys are left out when they are absent, empty or at their default; dates are written as strings (`"2025"`,
//! `"2025-06"`, `"2025-06-17"`, `"2023-05-18/2023-05-19"`), labels as inline tables, and
//! amounts exactly (`9007199254740993`, `0.1`). Loading the output yields a dataset
//! equal to the one exported, and exporting is deterministic.

use crate::load::spec::{self, Table};
use crate::model::*;
use std::fmt::Write as _;

impl Dataset {
    /// The whole dataset as one canonical TOML document in the data format.
    ///
    /// Loading the result (with [`Dataset::from_toml_str`]) gives a dataset equal to this
    /// one, and exporting the same dataset twice gives byte-identical text.
    ///
    /// ```
    /// use summitry::Dataset;
    ///
    /// let data = Dataset::bundled();
    /// let text = data.export_toml_string();
    /// assert_eq!(&Dataset::from_toml_str("export.toml", &text)?, data);
    /// # Ok::<(), summitry::LoadError>(())
    /// ```
    pub fn export_toml_string(&self) -> String {
        let mut w = Writer::default();
        w.out.push_str(
            "# The canonical export of a summitry dataset: every record, in a fixed order.\n",
        );
        for p in self.parties() {
            w.party(p);
        }
        for s in self.sources() {
            w.source(s);
        }
        for a in self.areas() {
            w.area(a);
        }
        for m in self.mechanisms() {
            w.mechanism(m);
        }
        for s in self.summits() {
            w.summit(s);
        }
        for d in self.documents() {
            w.document(d);
        }
        for c in self.commitments() {
            w.commitment(c);
        }
        w.defaults = Defaults::of(self.assessments());
        w.assessment_defaults();
        for a in self.assessments() {
            w.assessment(a);
        }
        w.flush();
        w.out
    }
}

/// Writes a TOML basic string: quotes, with `"`, `\` and control characters escaped.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            // TOML forbids the other C0 controls and DEL in basic strings.
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key, bare when TOML allows it, quoted otherwise.
pub(crate) fn key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { s.to_owned() } else { quote(s) }
}

/// An amount as a TOML number, exactly: an integer when it is a whole number that fits in
/// an `i64` (TOML's integers), else a decimal with a point (`100000000000000000000.0`,
/// `0.1`), which the loader reads from its text, never through an `f64`.
pub(crate) fn amount(a: &Amount) -> String {
    match a.to_i64() {
        Some(n) => n.to_string(),
        None if a.scale() == 0 => format!("{a}.0"),
        None => a.to_string(),
    }
}

fn date(d: &PartialDate) -> String {
    quote(&d.to_string())
}

fn labels(l: &Labels) -> String {
    let items: Vec<String> = l
        .iter()
        .map(|(tag, text)| format!("{} = {}", key(tag.as_str()), quote(text)))
        .collect();
    format!("{{ {} }}", items.join(", "))
}

fn ids<T: AsRef<str>>(list: &[T]) -> String {
    let items: Vec<String> = list.iter().map(|x| quote(x.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

fn host_rule(r: &HostRule) -> String {
    let pairs = match r {
        // `hosts` is left out for this rule; as a side of `alternate` it cannot occur in
        // loaded data, and an empty table would not load.
        HostRule::None => Vec::new(),
        HostRule::Fixed(p) => vec![("fixed", quote(p.as_str()))],
        HostRule::Ordered { list, start } => {
            let mut pairs = vec![("ordered", ids(list))];
            if let Some(p) = start {
                pairs.push(("start", quote(p.as_str())));
            }
            pairs
        }
        HostRule::Alphabetical {
            lang,
            among,
            except,
            start,
        } => {
            let mut pairs = vec![("alphabetical", quote(lang.as_str()))];
            if let Some(among) = among {
                pairs.push(("among", ids(among)));
            }
            if !except.is_empty() {
                pairs.push(("except", ids(except)));
            }
            if let Some(p) = start {
                pairs.push(("start", quote(p.as_str())));
            }
            pairs
        }
        HostRule::Alternate(sides) => {
            let items: Vec<String> = sides.iter().map(host_rule).collect();
            vec![("alternate", format!("[{}]", items.join(", ")))]
        }
    };
    if pairs.is_empty() {
        return "{}".into();
    }
    inline(spec::table(spec::HOSTS), pairs)
}

/// The place of `k` in `table`'s keys (a key the spec does not state goes last, and trips
/// a debug assertion in tests).
fn rank(table: Option<&Table>, k: &str) -> usize {
    let at = table.and_then(|t| t.key(k)).map(|(i, _)| i);
    debug_assert!(
        at.is_some(),
        "the TOML export writes `{k}`, which src/load/spec.rs does not state"
    );
    at.unwrap_or(usize::MAX)
}

/// An inline table of these keys (values in TOML syntax), in the spec's key order.
fn inline(table: &Table, mut pairs: Vec<(&str, String)>) -> String {
    pairs.sort_by_key(|(k, _)| rank(Some(table), k));
    let items: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{} = {v}", key(k)))
        .collect();
    format!("{{ {} }}", items.join(", "))
}

/// What every assessment of two or more shares: written once in `[assessment-defaults]`
/// and left out of the records.
#[derive(Default)]
struct Defaults {
    rater: Option<std::sync::Arc<str>>,
    as_of: Option<PartialDate>,
    recorded: Option<PartialDate>,
    evidence: Option<std::sync::Arc<[SourceId]>>,
}

impl Defaults {
    fn of(all: &[Assessment]) -> Defaults {
        let Some((first, rest)) = all.split_first() else {
            return Defaults::default();
        };
        if rest.is_empty() {
            return Defaults::default();
        }
        Defaults {
            rater: rest
                .iter()
                .all(|a| a.rater == first.rater)
                .then(|| first.rater.clone()),
            as_of: rest
                .iter()
                .all(|a| a.as_of == first.as_of)
                .then_some(first.as_of),
            recorded: rest
                .iter()
                .all(|a| a.recorded == first.recorded)
                .then_some(first.recorded),
            evidence: rest
                .iter()
                .all(|a| a.evidence == first.evidence)
                .then(|| first.evidence.clone()),
        }
    }
}

/// Accumulates the document: each table's keys are kept until the table ends, then written
/// in the spec's order.
#[derive(Default)]
struct Writer {
    out: String,
    table: Option<&'static Table>,
    keys: Vec<(usize, String)>,
    defaults: Defaults,
}

impl Writer {
    /// Starts a table, ending the one before.
    fn header(&mut self, h: &str, table: &'static Table) {
        self.flush();
        let _ = write!(self.out, "\n{h}\n");
        self.table = Some(table);
    }

    /// Writes the keys of the table being written, in the spec's order.
    fn flush(&mut self) {
        self.keys.sort_by_key(|(rank, _)| *rank);
        for (_, line) in self.keys.drain(..) {
            self.out.push_str(&line);
        }
    }

    /// `key = value`, with the value already in TOML syntax.
    fn raw(&mut self, k: &str, v: &str) {
        let rank = rank(self.table, k);
        self.keys.push((rank, format!("{} = {v}\n", key(k))));
    }

    fn text(&mut self, k: &str, v: &str) {
        self.raw(k, &quote(v));
    }

    fn opt_text(&mut self, k: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.text(k, v);
        }
    }

    fn date(&mut self, k: &str, d: &PartialDate) {
        self.raw(k, &date(d));
    }

    fn opt_date(&mut self, k: &str, d: Option<&PartialDate>) {
        if let Some(d) = d {
            self.date(k, d);
        }
    }

    fn ids<T: AsRef<str>>(&mut self, k: &str, list: &[T]) {
        self.raw(k, &ids(list));
    }

    fn opt_ids<T: AsRef<str>>(&mut self, k: &str, list: &[T]) {
        if !list.is_empty() {
            self.ids(k, list);
        }
    }

    fn confidence(&mut self, c: Confidence) {
        if c != Confidence::Confirmed {
            self.text("confidence", c.as_str());
        }
    }

    fn party(&mut self, p: &Party) {
        self.header("[[party]]", spec::table(spec::PARTY));
        self.text("id", p.id.as_str());
        self.text("kind", p.kind.as_str());
        self.raw("name", &labels(&p.name));
        self.opt_ids("sources", &p.sources);
    }

    fn source(&mut self, s: &Source) {
        self.header("[[source]]", spec::table(spec::SOURCE));
        self.text("id", s.id.as_str());
        self.text("publisher", &s.publisher);
        self.text("title", &s.title);
        self.text("lang", s.lang.as_str());
        self.opt_date("date", s.date.as_ref());
        self.opt_text("url", s.url.as_deref());
        self.opt_text("note", s.note.as_deref());
    }

    fn area(&mut self, a: &Area) {
        self.header("[[area]]", spec::table(spec::AREA));
        self.text("id", a.id.as_str());
        self.opt_text("parent", a.parent.as_ref().map(AreaId::as_str));
        self.raw("label", &labels(&a.label));
    }

    fn mechanism(&mut self, m: &Mechanism) {
        self.header("[[mechanism]]", spec::table(spec::MECHANISM));
        self.text("id", m.id.as_str());
        self.raw("name", &labels(&m.name));
        self.text("level", m.level.as_str());
        let members: Vec<String> = m.members.iter().map(membership).collect();
        self.raw("members", &format!("[{}]", members.join(", ")));
        self.opt_date("established", m.established.as_ref());
        self.opt_ids("sources", &m.sources);
        self.opt_text("note", m.note.as_deref());
        if let Some(s) = &m.secretariat {
            self.header("[mechanism.secretariat]", spec::table(spec::SECRETARIAT));
            self.raw("seat", &labels(&s.seat));
            self.opt_date("established", s.established.as_ref());
            self.opt_ids("sources", &s.sources);
        }
        if let Some(s) = &m.schedule {
            self.schedule(s);
        }
    }

    fn schedule(&mut self, s: &Schedule) {
        self.header("[mechanism.schedule]", spec::table(spec::SCHEDULE));
        if s.kind != ScheduleKind::Meetings {
            self.text("kind", s.kind.as_str());
        }
        if let Some(c) = &s.cadence {
            self.text("every", &c.every.to_string());
            self.text("first", &crate::term_label(&c.first));
            if c.first_edition != 1 {
                self.raw("first-edition", &c.first_edition.to_string());
            }
        }
        if s.hosts != HostRule::None {
            let mut rule = host_rule(&s.hosts);
            if let Some(u) = &s.hosts_until {
                rule.truncate(rule.len().saturating_sub(2));
                let _ = write!(rule, ", until = {} }}", date(u));
            }
            self.raw("hosts", &rule);
        }
        if s.hostless_uses_turn {
            self.raw("hostless-uses-turn", "true");
        }
        self.opt_ids("sources", &s.sources);
        self.opt_text("note", s.note.as_deref());
        for c in s.cadence.iter().flat_map(|c| &c.changes) {
            self.header("[[mechanism.schedule.change]]", spec::table(spec::CHANGE));
            self.text("from", &crate::term_label(&c.from));
            self.text("every", &c.every.to_string());
            self.opt_ids("sources", &c.sources);
        }
        for d in &s.decisions {
            self.header(
                "[[mechanism.schedule.decision]]",
                spec::table(spec::DECISION),
            );
            self.edition(d.edition, d.edition_date.as_ref());
            self.opt_date("decided", d.decided.as_ref());
            self.opt_date("date", d.date.as_ref());
            self.opt_text("host", d.host.as_ref().map(PartyId::as_str));
            self.opt_text("document", d.document.as_ref().map(DocumentId::as_str));
            self.confidence(d.confidence);
            self.opt_ids("sources", &d.sources);
            self.opt_text("note", d.note.as_deref());
        }
        for e in &s.exceptions {
            self.header(
                "[[mechanism.schedule.exception]]",
                spec::table(spec::EXCEPTION),
            );
            self.edition(e.edition, e.edition_date.as_ref());
            self.opt_date("decided", e.decided.as_ref());
            self.text("kind", e.kind.as_str());
            match &e.kind {
                ExceptionKind::Swap { with } => self.raw("with", &with.to_string()),
                ExceptionKind::Replace { host } => self.text("host", host.as_str()),
                ExceptionKind::Postpone { date } => self.date("date", date),
                ExceptionKind::Skip | ExceptionKind::Cancel => {}
            }
            self.opt_ids("sources", &e.sources);
            self.opt_text("note", e.note.as_deref());
        }
    }

    /// `edition = N`, or `edition-date` when the data named the edition by its date.
    fn edition(&mut self, n: u32, date: Option<&PartialDate>) {
        match date {
            Some(d) => self.text("edition-date", &crate::term_label(d)),
            None => self.raw("edition", &n.to_string()),
        }
    }

    fn summit(&mut self, s: &Summit) {
        self.header("[[summit]]", spec::table(spec::SUMMIT));
        self.text("id", s.id.as_str());
        self.text("mechanism", s.mechanism.as_str());
        match s.edition {
            Edition::Ordinal(n) => self.raw("edition", &n.to_string()),
            Edition::Special => self.text("edition", "special"),
        }
        if let Some(n) = &s.name {
            self.raw("name", &labels(n));
        }
        self.date("date", &s.date);
        self.opt_text("host", s.host.as_ref().map(PartyId::as_str));
        if let Some(v) = &s.venue {
            let mut pairs = vec![("city", labels(&v.city))];
            if let Some(p) = &v.place {
                pairs.push(("place", labels(p)));
            }
            self.raw("venue", &inline(spec::table(spec::VENUE), pairs));
        }
        if s.online {
            self.raw("online", "true");
        }
        self.text("status", s.status.as_str());
        self.confidence(s.confidence);
        if !s.participants.is_empty() {
            let mut list = String::from("[\n");
            for p in &s.participants {
                let mut pairs = vec![("party", quote(p.party.as_str()))];
                if let Some(x) = &p.person {
                    pairs.push(("person", quote(x)));
                }
                if let Some(x) = &p.role {
                    pairs.push(("role", quote(x)));
                }
                let _ = writeln!(list, "  {},", inline(spec::table(spec::PARTICIPANT), pairs));
            }
            list.push(']');
            self.raw("participants", &list);
        }
        self.opt_ids("sources", &s.sources);
        self.opt_text("note", s.note.as_deref());
    }

    fn document(&mut self, d: &Document) {
        self.header("[[document]]", spec::table(spec::DOCUMENT));
        self.text("id", d.id.as_str());
        self.text("kind", d.kind.as_str());
        self.raw("title", &labels(&d.title));
        self.opt_text("summit", d.summit.as_ref().map(SummitId::as_str));
        self.text("mechanism", d.mechanism.as_str());
        self.date("date", &d.date);
        self.ids("signatories", &d.signatories);
        if d.binding != (d.kind == DocumentKind::Treaty) {
            self.raw("binding", if d.binding { "true" } else { "false" });
        }
        self.opt_ids("sources", &d.sources);
        self.opt_text("note", d.note.as_deref());
    }

    fn commitment(&mut self, c: &Commitment) {
        self.header("[[commitment]]", spec::table(spec::COMMITMENT));
        self.text("id", c.id.as_str());
        self.text("document", c.document.as_str());
        self.opt_text("number", c.number.as_deref());
        self.opt_text("title", c.title.as_deref());
        self.text("text", &c.text);
        if let Some(q) = &c.quote {
            let pairs = vec![
                ("lang", quote(q.lang.as_str())),
                ("text", quote(&q.text)),
                ("source", quote(q.source.as_str())),
            ];
            self.raw("quote", &inline(spec::table(spec::QUOTE), pairs));
        }
        self.ids("areas", &c.areas);
        match &c.obligors {
            Obligors::All => self.text("obligors", "all"),
            Obligors::Parties(ps) => self.ids("obligors", ps),
        }
        self.text("kind", c.kind.as_str());
        self.text("strength", c.strength.as_str());
        if let Some(t) = &c.target {
            let mut pairs = vec![("amount", amount(&t.amount))];
            if let Some(u) = &t.unit {
                pairs.push(("unit", quote(u)));
            }
            if let Some(c) = &t.currency {
                pairs.push(("currency", quote(c)));
            }
            self.raw("target", &inline(spec::table(spec::TARGET), pairs));
        }
        self.opt_date("deadline", c.deadline.as_ref());
        self.opt_ids("reiterates", &c.reiterates);
        self.opt_ids("supersedes", &c.supersedes);
        self.opt_ids("sources", &c.sources);
        self.opt_text("note", c.note.as_deref());
    }

    fn assessment_defaults(&mut self) {
        let d = std::mem::take(&mut self.defaults);
        if d.rater.is_some() || d.as_of.is_some() || d.recorded.is_some() || d.evidence.is_some() {
            self.header(
                "[assessment-defaults]",
                spec::table(spec::ASSESSMENT_DEFAULTS),
            );
            if let Some(r) = &d.rater {
                self.text("rater", r);
            }
            if let Some(x) = &d.as_of {
                self.date("as-of", x);
            }
            if let Some(x) = &d.recorded {
                self.date("recorded", x);
            }
            if let Some(e) = &d.evidence {
                self.ids("evidence", e);
            }
        }
        self.defaults = d;
    }

    fn assessment(&mut self, a: &Assessment) {
        self.header("[[assessment]]", spec::table(spec::ASSESSMENT));
        self.text("commitment", a.commitment.as_str());
        self.text("party", a.party.as_str());
        match a.mark() {
            Some(Mark::Score(s)) => self.raw("score", &s.value().to_string()),
            Some(Mark::NotApplicable) => self.text("score", NOT_APPLICABLE),
            None => {}
        }
        if let Some(s) = a.status {
            self.text("status", s.as_str());
        }
        if self.defaults.rater.is_none() {
            self.text("rater", &a.rater);
        }
        if self.defaults.as_of.is_none() {
            self.date("as-of", &a.as_of);
        }
        if self.defaults.recorded.is_none() {
            self.date("recorded", &a.recorded);
        }
        if self.defaults.evidence.is_none() {
            self.ids("evidence", &a.evidence);
        }
        self.opt_text("note", a.note.as_deref());
    }
}

fn membership(m: &Membership) -> String {
    if m.since.is_none() && m.until.is_none() {
        return quote(m.party.as_str());
    }
    let mut pairs = vec![("party", quote(m.party.as_str()))];
    if let Some(d) = &m.since {
        pairs.push(("since", date(d)));
    }
    if let Some(d) = &m.until {
        pairs.push(("until", date(d)));
    }
    inline(spec::table(spec::MEMBER), pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("l1\nl2\t\r\u{8}\u{c}"), r#""l1\nl2\t\r\b\f""#);
        assert_eq!(quote("\u{0}\u{1f}\u{7f}é"), r#""\u0000\u001F\u007Fé""#);
        assert_eq!(key("zh-Hans"), "zh-Hans");
        assert_eq!(key("a b"), "\"a b\"");
        assert_eq!(key(""), "\"\"");
    }

    #[test]
    fn amounts() {
        let a = |s: &str| amount(&s.parse().unwrap());
        assert_eq!(a("26_000_000_000"), "26000000000");
        assert_eq!(a("2.50"), "2.5");
        assert_eq!(a("1e20"), "100000000000000000000.0");
        assert_eq!(a("9223372036854775807"), "9223372036854775807");
        assert_eq!(a("1e-7"), "0.0000001");
    }
}
