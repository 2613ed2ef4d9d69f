//! The renderers behind [`crate::render`] (documented there).

pub(crate) mod csv;

use crate::render::Messages;
use crate::{
    AssessmentFilter, By, Commitment, Completion, DUE_SOON_DAYS, Dataset, DeadlineState, Scorecard,
    ScorecardRow, Summit,
};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// How to render: the language of names, and for commitments the party, reference date and
/// assessments whose status to show.
///
/// ```
/// use summitry::render::ReportOptions;
///
/// let o = ReportOptions::new().lang("uk").party("kz").reference(summitry::Day::new(2026, 1, 1)?);
/// # let _ = o;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    lang: String,
    party: Option<String>,
    reference: Option<NaiveDate>,
    due_soon_days: u32,
    assessments: AssessmentFilter,
    width: Option<usize>,
    pub(crate) raw_csv: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            lang: "en".to_owned(),
            party: None,
            reference: None,
            due_soon_days: DUE_SOON_DAYS,
            assessments: AssessmentFilter::new(),
            width: Some(WIDTH),
            raw_csv: false,
        }
    }
}

impl ReportOptions {
    /// English names, every obligor's status, no deadline states.
    pub fn new() -> Self {
        ReportOptions::default()
    }

    /// Names in this language (a BCP 47 tag), with fallback.
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = lang.into();
        self
    }

    /// Show the status of this party only (case-insensitive id).
    pub fn party(mut self, party: impl Into<String>) -> Self {
        self.party = Some(party.into().to_ascii_lowercase());
        self
    }

    /// Show deadline states on this date.
    pub fn reference(mut self, day: crate::Day) -> Self {
        self.reference = Some(day.naive());
        self
    }

    /// The due-soon window in days; [`DUE_SOON_DAYS`] unless set.
    pub fn due_soon_days(mut self, days: u32) -> Self {
        self.due_soon_days = days;
        self
    }

    /// CSV for programs: text cells exactly as in the data, without the `'` put before a
    /// cell that a spreadsheet would read as a formula (see the module docs). Never open
    /// such a file in a spreadsheet.
    pub fn raw_csv(mut self, raw: bool) -> Self {
        self.raw_csv = raw;
        self
    }

    /// Statuses from these assessments only (a date, a rater).
    pub fn assessments(mut self, filter: AssessmentFilter) -> Self {
        self.assessments = filter;
        self
    }

    /// The width text fits into, in characters (80 unless set): prose is wrapped and table
    /// cells are cut with `…` to fit. `None` never cuts a cell (for pipes and files); prose is
    /// then wrapped at 80.
    pub fn width(mut self, width: Option<usize>) -> Self {
        self.width = width;
        self
    }

    pub(crate) fn lang_str(&self) -> &str {
        &self.lang
    }

    pub(crate) fn reference_day(&self) -> Option<NaiveDate> {
        self.reference
    }

    pub(crate) fn fit_width(&self) -> Option<usize> {
        self.width
    }

    pub(crate) fn wrap_width(&self) -> usize {
        self.width.unwrap_or(WIDTH).max(20)
    }

    pub(crate) fn messages(&self) -> Messages {
        Messages::new(&self.lang)
    }

    /// Whether a quote in `lang` is in the language asked for (same primary subtag).
    pub(crate) fn speaks(&self, lang: &str) -> bool {
        let primary = |s: &str| {
            s.split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        primary(&self.lang) == primary(lang)
    }
}

/// The default width of text output.
const WIDTH: usize = 80;

/// One party's current standing on one commitment.
struct Standing<'a> {
    party: &'a str,
    status: Option<Completion>,
    mark: Option<crate::Mark>,
    latest: Option<&'a crate::Assessment>,
}

fn standings<'a>(ds: &'a Dataset, c: &'a Commitment, o: &'a ReportOptions) -> Vec<Standing<'a>> {
    let Some(&pos) = ds.ids.commitments.get(c.id.as_str()) else {
        return Vec::new();
    };
    let f = &o.assessments;
    // When the filter lets everything through, each pair's view was derived at load time.
    let pairs = if ds.accepts_all(f) {
        ds.index.pairs_of(pos)
    } else {
        &[]
    };
    c.obligor_parties
        .iter()
        .enumerate()
        .filter(|(_, p)| o.party.as_deref().is_none_or(|q| q == p.as_str()))
        .map(|(j, p)| match pairs.get(j) {
            Some(pair) => Standing {
                party: p.as_str(),
                status: pair.status,
                mark: pair.mark,
                latest: pair
                    .latest()
                    .and_then(|a| ds.records.assessments.get(a as usize)),
            },
            None => Standing {
                party: p.as_str(),
                status: ds.status_at(pos, p.as_str(), f),
                mark: ds.mark_at(pos, p.as_str(), f),
                latest: ds.latest_at(pos, p.as_str(), f, |_| true),
            },
        })
        .collect()
}

fn deadline_state(ds: &Dataset, c: &Commitment, o: &ReportOptions) -> Option<DeadlineState> {
    let r = o.reference?;
    let pos = *ds.ids.commitments.get(c.id.as_str())?;
    Some(ds.deadline_state_at(pos, o.party.as_deref(), &o.assessments, r, o.due_soon_days))
}

fn mechanism_and_summit<'a>(
    ds: &'a Dataset,
    c: &'a Commitment,
) -> (Option<&'a str>, Option<&'a str>) {
    let doc = ds.document(c.document.as_str());
    (
        doc.map(|d| d.mechanism.as_str()),
        doc.and_then(|d| d.summit.as_ref()).map(|s| s.as_str()),
    )
}

/// Appends `text` wrapped at `width` columns (counted in characters), each line indented.
fn wrap(out: &mut String, text: &str, indent: &str, width: usize) {
    let mut col = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if col > 0 && col + 1 + n > width {
            out.push('\n');
            col = 0;
        }
        if col == 0 {
            out.push_str(indent);
            col = indent.chars().count();
        } else {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += n;
    }
    if col > 0 {
        out.push('\n');
    }
}

/// A party's completion for the `status` column: its recorded completion, `unassessed` when
/// nothing at all is recorded, and nothing when only a score is (the `score` column has it).
fn status_cell(s: &Standing<'_>) -> Option<String> {
    match (s.status, s.mark) {
        (Some(c), _) => Some(format!("{}:{}", s.party, c.as_str())),
        (None, None) => Some(format!("{}:unassessed", s.party)),
        (None, Some(_)) => None,
    }
}

/// A mark for JSON: -1, 0, 1, `"n/a"` or null.
pub(crate) fn mark_json(m: Option<crate::Mark>) -> Value {
    match m {
        Some(crate::Mark::Score(s)) => json!(s.value()),
        Some(crate::Mark::NotApplicable) => json!(crate::NOT_APPLICABLE),
        None => Value::Null,
    }
}

/// Commitments as text for people: one block per commitment with its wording, document,
/// areas, each obligor's status (with score, rater, date and evidence) and, with a reference
/// date, its deadline state.
pub fn commitments_text<'a>(
    ds: &Dataset,
    commitments: impl IntoIterator<Item = &'a Commitment>,
    o: &ReportOptions,
) -> String {
    let m = o.messages();
    let width = o.wrap_width();
    let mut out = String::new();
    let mut n = 0;
    for c in commitments {
        n += 1;
        let head = format!(
            "{}  [{}, {}]",
            c.id,
            m.word("kind", c.kind.as_str()),
            m.word("strength", c.strength.as_str())
        );
        let mut when = Vec::new();
        if let Some(d) = c.deadline {
            when.push(m.format("commitments.due", &[("date", &d.to_string())]));
        }
        if let Some(st) = deadline_state(ds, c, o) {
            when.push(format!("({})", describe_deadline(st, &m)));
        }
        let when = when.join("  ");
        out.push_str(&head);
        if !when.is_empty() {
            // The deadline goes on its own indented line when the heading would pass the
            // width.
            if head.chars().count() + 2 + when.chars().count() > width {
                out.push_str("\n    ");
            } else {
                out.push_str("  ");
            }
            out.push_str(&when);
        }
        out.push('\n');
        wrap(&mut out, &c.text, "    ", width);
        if let Some(q) = c.quote.as_ref().filter(|q| o.speaks(q.lang.as_str())) {
            wrap(
                &mut out,
                &format!(
                    "{}: «{}» ({})",
                    m.get("commitments.quote"),
                    q.text,
                    q.source
                ),
                "    ",
                width,
            );
        }
        let (mech, _) = mechanism_and_summit(ds, c);
        let doc = ds
            .document(c.document.as_str())
            .and_then(|d| d.title.get(&o.lang))
            .unwrap_or("");
        let mech = mech
            .and_then(|m| ds.mechanism(m))
            .and_then(|m| m.name.get(&o.lang))
            .unwrap_or("");
        wrap(
            &mut out,
            &format!(
                "{}: {doc} ({}); {mech}",
                m.get("commitments.in"),
                c.document
            ),
            "    ",
            width,
        );
        let areas: Vec<&str> = c
            .areas
            .iter()
            .map(|a| {
                ds.area(a.as_str())
                    .and_then(|x| x.label.get(&o.lang))
                    .unwrap_or(a.as_str())
            })
            .collect();
        wrap(
            &mut out,
            &format!("{}: {}", m.get("commitments.areas"), areas.join(", ")),
            "    ",
            width,
        );
        for s in standings(ds, c, o) {
            // Only what is recorded: a score (or not applicable), a completion, or neither.
            let mut said = Vec::new();
            match s.mark {
                Some(crate::Mark::NotApplicable) => {
                    said.push(m.get("commitments.not-applicable").to_owned())
                }
                Some(mark) => {
                    said.push(m.format("commitments.score", &[("score", &mark.to_string())]))
                }
                None => {}
            }
            if let Some(st) = s.status {
                said.push(m.format(
                    "commitments.completion",
                    &[("status", m.word("completion", st.as_str()))],
                ));
            }
            if said.is_empty() {
                said.push(status_text(None, &m).to_owned());
            }
            let mut line = format!("{}: {}", ds.party_label(s.party, &o.lang), said.join(", "));
            if let Some(a) = s.latest {
                let _ = write!(
                    line,
                    " ({}, {}",
                    a.rater,
                    m.format("commitments.as-of", &[("date", &a.as_of.to_string())])
                );
                if !a.evidence.is_empty() {
                    let ev: Vec<&str> = a.evidence.iter().map(|e| e.as_str()).collect();
                    let _ = write!(
                        line,
                        "; {}: {}",
                        m.get("commitments.evidence"),
                        ev.join(", ")
                    );
                }
                line.push(')');
            }
            wrap(&mut out, &line, "    ", width);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", m.count("count.commitment", n));
    crate::neutral::terminal_owned(out)
}

/// A deadline state in words, in the language of `m`.
pub(crate) fn describe_deadline(st: DeadlineState, m: &Messages) -> String {
    match st {
        DeadlineState::DueSoon { days: 0 } => m.get("deadline.due-today").to_owned(),
        DeadlineState::DueSoon { days } => {
            m.count("count.due-in", usize::try_from(days).unwrap_or(usize::MAX))
        }
        other => m.word("deadline", other.kind().as_str()).to_owned(),
    }
}

/// A completion status in words (`unassessed` when there is none: only where nothing at
/// all is recorded, never beside a score).
fn status_text(s: Option<Completion>, m: &Messages) -> &'static str {
    match s {
        Some(c) => m.word("completion", c.as_str()),
        None => m.word("completion", "unassessed"),
    }
}

/// Commitments as JSON (pretty-printed), in the shape documented on
/// [`render`](crate::render).
pub fn commitments_json<'a>(
    ds: &Dataset,
    commitments: impl IntoIterator<Item = &'a Commitment>,
    o: &ReportOptions,
) -> String {
    pretty(&commitments_value(ds, commitments, o))
}

/// Pretty-printed JSON text.
pub(crate) fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// [`commitments_json`] as a JSON value.
pub(crate) fn commitments_value<'a>(
    ds: &Dataset,
    commitments: impl IntoIterator<Item = &'a Commitment>,
    o: &ReportOptions,
) -> Value {
    let rows = commitments
        .into_iter()
        .map(|c| {
            let (mech, summit) = mechanism_and_summit(ds, c);
            let assessments: Vec<Value> = standings(ds, c, o)
                .into_iter()
                .map(|s| match s.latest {
                    Some(a) => json!({
                        "party": s.party,
                        "status": s.status.map(Completion::as_str),
                        "score": mark_json(s.mark),
                        "rater": &*a.rater,
                        "as_of": a.as_of.to_string(),
                        "recorded": a.recorded.to_string(),
                        "evidence": a.evidence.iter().map(|e| e.as_str()).collect::<Vec<_>>(),
                    }),
                    None => json!({ "party": s.party, "status": null, "score": null }),
                })
                .collect();
            let mut v = json!({
                "id": c.id.as_str(),
                "document": c.document.as_str(),
                "mechanism": mech,
                "summit": summit,
                "text": c.text,
                "quote": c.quote.as_ref().map(|q| json!({
                    "lang": q.lang.as_str(), "text": q.text, "source": q.source.as_str(),
                })),
                "areas": c.areas.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
                "obligors": c.obligor_parties.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                "kind": c.kind.as_str(),
                "strength": c.strength.as_str(),
                "deadline": c.deadline.map(|d| d.to_string()),
                "assessments": assessments,
            });
            if let (Some(st), Some(obj)) = (deadline_state(ds, c, o), v.as_object_mut()) {
                obj.insert("deadline_state".into(), json!(st.kind().as_str()));
                let days = match st {
                    DeadlineState::DueSoon { days } => json!(days),
                    _ => Value::Null,
                };
                obj.insert("due_in_days".into(), days);
            }
            v
        })
        .collect();
    Value::Array(rows)
}

/// Commitments as CSV: one row per commitment with `id, mechanism, summit, document, kind,
/// strength, deadline, areas, obligors, status, score, text`, plus `deadline_state` with a
/// reference date, `;` separating parties within a cell. `status` lists `party:completion`
/// for each shown party whose completion is recorded and `party:unassessed` for one with
/// nothing recorded at all (never beside a score); `score` lists `party:mark` (`+1`, `0`,
/// `-1`, `n/a`) for each shown party with a mark.
pub fn commitments_csv<'a>(
    ds: &Dataset,
    commitments: impl IntoIterator<Item = &'a Commitment>,
    o: &ReportOptions,
) -> String {
    let mut out = String::new();
    let mut header = vec![
        "id",
        "mechanism",
        "summit",
        "document",
        "kind",
        "strength",
        "deadline",
        "areas",
        "obligors",
        "status",
        "score",
        "text",
    ];
    if o.reference.is_some() {
        header.push("deadline_state");
    }
    csv::record(&mut out, o.raw_csv, &header);
    for c in commitments {
        let (mech, summit) = mechanism_and_summit(ds, c);
        let join = |v: Vec<&str>| v.join(";");
        let standings = standings(ds, c, o);
        let status: Vec<String> = standings.iter().filter_map(status_cell).collect();
        let score: Vec<String> = standings
            .iter()
            .filter_map(|s| s.mark.map(|m| format!("{}:{m}", s.party)))
            .collect();
        let mut row = vec![
            c.id.to_string(),
            mech.unwrap_or("").to_owned(),
            summit.unwrap_or("").to_owned(),
            c.document.to_string(),
            c.kind.as_str().to_owned(),
            c.strength.as_str().to_owned(),
            c.deadline.map(|d| d.to_string()).unwrap_or_default(),
            join(c.areas.iter().map(|a| a.as_str()).collect()),
            join(c.obligor_parties.iter().map(|p| p.as_str()).collect()),
            status.join(";"),
            score.join(";"),
            c.text.to_string(),
        ];
        if let Some(st) = deadline_state(ds, c, o) {
            row.push(st.kind().as_str().to_owned());
        }
        csv::record(&mut out, o.raw_csv, &row);
    }
    out
}

fn summit_fields(ds: &Dataset, s: &Summit, o: &ReportOptions) -> [String; 7] {
    [
        s.date.to_string(),
        s.id.to_string(),
        s.mechanism.to_string(),
        s.edition
            .ordinal()
            .map_or_else(|| "special".to_owned(), |n| n.to_string()),
        s.host
            .as_ref()
            .map(|h| ds.party_label(h.as_str(), &o.lang).to_owned())
            .unwrap_or_default(),
        s.venue
            .as_ref()
            .and_then(|v| v.city.get(&o.lang))
            .unwrap_or("")
            .to_owned(),
        s.status.as_str().to_owned(),
    ]
}

/// Summits as text: one line per summit with date, id, edition, host, city and status.
pub fn summits_text<'a>(
    ds: &Dataset,
    summits: impl IntoIterator<Item = &'a Summit>,
    o: &ReportOptions,
) -> String {
    let m = o.messages();
    let width = o.wrap_width();
    let mut out = String::new();
    let mut n = 0;
    for s in summits {
        n += 1;
        let [date, id, _mech, edition, host, city, _status] = summit_fields(ds, s, o);
        let edition = if edition == "special" {
            m.get("summits.special").to_owned()
        } else {
            format!("#{edition}")
        };
        let place = match (host.is_empty(), city.is_empty()) {
            (false, false) => format!("{host}, {city}"),
            (false, true) => host,
            (true, false) => city,
            (true, true) => m.get("summits.host-unknown").to_owned(),
        };
        let status = m.word("summit-status", s.status.as_str());
        let line = format!("{date:<23} {id} {edition}  {place}  [{status}]");
        if line.chars().count() <= width {
            out.push_str(&line);
            out.push('\n');
        } else {
            wrap(&mut out, &line, "", width);
        }
    }
    let _ = writeln!(out, "{}", m.count("count.summit", n));
    crate::neutral::terminal_owned(out)
}

/// Summits as JSON (pretty-printed), in the shape documented on [`render`](crate::render).
pub fn summits_json<'a>(
    ds: &Dataset,
    summits: impl IntoIterator<Item = &'a Summit>,
    o: &ReportOptions,
) -> String {
    pretty(&summits_value(ds, summits, o))
}

/// [`summits_json`] as a JSON value.
pub(crate) fn summits_value<'a>(
    _ds: &Dataset,
    summits: impl IntoIterator<Item = &'a Summit>,
    o: &ReportOptions,
) -> Value {
    Value::Array(
        summits
            .into_iter()
            .map(|s| {
                json!({
                    "id": s.id.as_str(),
                    "mechanism": s.mechanism.as_str(),
                    "edition": s.edition.ordinal().map_or(json!("special"), |n| json!(n)),
                    "date": s.date.to_string(),
                    "host": s.host.as_ref().map(|h| h.as_str()),
                    "city": s.venue.as_ref().and_then(|v| v.city.get(&o.lang)),
                    "status": s.status.as_str(),
                    "online": s.online,
                    "participants": s.participants.iter().map(|p| p.party.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

/// Summits as CSV: `date, id, mechanism, edition, host, city, status` (host and city as
/// names in the chosen language).
pub fn summits_csv<'a>(
    ds: &Dataset,
    summits: impl IntoIterator<Item = &'a Summit>,
    o: &ReportOptions,
) -> String {
    let mut out = String::new();
    csv::record(
        &mut out,
        o.raw_csv,
        &[
            "date",
            "id",
            "mechanism",
            "edition",
            "host",
            "city",
            "status",
        ],
    );
    for s in summits {
        csv::record(&mut out, o.raw_csv, &summit_fields(ds, s, o));
    }
    out
}

fn row_name<'a>(ds: &'a Dataset, by: By, key: &'a str, lang: &str) -> &'a str {
    match by {
        By::Party => ds.party_label(key, lang),
        By::Commitment => ds
            .commitment(key)
            .and_then(|c| c.title.as_deref())
            .unwrap_or(""),
        By::Area => ds.area(key).and_then(|a| a.label.get(lang)).unwrap_or(key),
        By::Summit => ds
            .summit(key)
            .and_then(|s| s.name.as_ref().and_then(|n| n.get(lang)))
            .unwrap_or(key),
        By::Mechanism => ds
            .mechanism(key)
            .and_then(|m| m.name.get(lang))
            .unwrap_or(key),
    }
}

fn mean_text(r: &ScorecardRow) -> String {
    r.mean
        .map_or_else(|| "-".to_owned(), |m| format!("{m:+.2}"))
}

fn percent_text(r: &ScorecardRow, m: crate::Method) -> String {
    r.percent_by(m)
        .map_or_else(|| "-".to_owned(), |p| format!("{p}%"))
}

/// Two raters' agreement as text: pairs, percent agreement, weighted kappa.
pub fn agreement_text(g: &crate::Agreement) -> String {
    let pct = g
        .percent
        .map_or_else(|| "-".to_owned(), |p| format!("{p:.1}%"));
    let kappa = g
        .kappa
        .map_or_else(|| "-".to_owned(), |k| format!("{k:.3}"));
    crate::neutral::terminal_owned(format!(
        "raters: {} and {}\npairs both scored: {}\nagreement: {} of {} ({pct})\nweighted kappa (linear weights on -1/0/+1): {kappa}\n",
        g.rater_a, g.rater_b, g.pairs, g.agreed, g.pairs
    ))
}

/// Two raters' agreement as JSON: `{"raters", "pairs", "agreed", "percent_agreement",
/// "weighted_kappa", "weights": "linear", "table"}` (table rows by the first rater's score
/// −1, 0, +1, columns by the second's), pretty-printed.
pub fn agreement_json(g: &crate::Agreement) -> String {
    pretty(&agreement_value(g))
}

/// [`agreement_json`] as a JSON value.
pub(crate) fn agreement_value(g: &crate::Agreement) -> Value {
    json!({
        "raters": [g.rater_a, g.rater_b],
        "pairs": g.pairs,
        "agreed": g.agreed,
        "percent_agreement": g.percent,
        "weighted_kappa": g.kappa,
        "weights": "linear",
        "table": g.table,
    })
}

/// Two raters' agreement as CSV: `rater_a, rater_b, pairs, agreed, percent_agreement,
/// weighted_kappa`.
pub fn agreement_csv(g: &crate::Agreement, o: &ReportOptions) -> String {
    let mut out = String::new();
    csv::record(
        &mut out,
        o.raw_csv,
        &[
            "rater_a",
            "rater_b",
            "pairs",
            "agreed",
            "percent_agreement",
            "weighted_kappa",
        ],
    );
    csv::record(
        &mut out,
        o.raw_csv,
        &[
            g.rater_a.clone(),
            g.rater_b.clone(),
            g.pairs.to_string(),
            g.agreed.to_string(),
            g.percent.map(|p| format!("{p:.1}")).unwrap_or_default(),
            g.kappa.map(|k| format!("{k:.4}")).unwrap_or_default(),
        ],
    );
    out
}

/// Orders a scorecard's rows by their name (the id where there is none), or with
/// `by_score` by compliance percentage, highest first, rows with none last; ties by name,
/// then by the second key.
pub fn sort_scorecard(ds: &Dataset, s: &mut Scorecard, by_score: bool, lang: &str) {
    let (by, method) = (s.by, s.method);
    let name = |r: &ScorecardRow| {
        let n = row_name(ds, by, &r.key, lang);
        if n.is_empty() {
            r.key.clone()
        } else {
            n.to_owned()
        }
    };
    // Commitments by name are in their order in the data (the document's order).
    let order = |r: &ScorecardRow| {
        if by == By::Commitment && !by_score {
            ds.commitments()
                .iter()
                .position(|c| c.id.as_str() == r.key)
                .unwrap_or(usize::MAX)
        } else {
            0
        }
    };
    s.rows.sort_by_cached_key(|r| {
        let score = if by_score {
            r.percent_by(method).map_or(i64::MAX, |p| -p)
        } else {
            0
        };
        (score, order(r), name(r), r.key.clone(), r.key2.clone())
    });
}

/// The lines under a scorecard: its method, its raters, and the pairs left out of the
/// percentages.
pub(crate) fn scorecard_notes(s: &Scorecard) -> Vec<String> {
    let mut notes = vec![format!(
        "method: {} — {}",
        s.method.as_str(),
        s.method.describe()
    )];
    match (&s.rater, s.raters_used.as_slice()) {
        (Some(r), _) => notes.push(format!("rater: {r}")),
        (None, []) => {}
        (None, [one]) => notes.push(format!("rater: {one}")),
        (None, many) => notes.push(format!(
            "raters: {} (each pair from its latest assessment; give --rater to keep one)",
            many.join(", ")
        )),
    }
    notes.push(format!(
        "pairs not applicable: {}; not assessed: {}; excluded by rater or as-of date: {}",
        s.total.not_applicable, s.total.unassessed, s.excluded
    ));
    notes
}

fn statuses_line(r: &ScorecardRow, m: &Messages) -> String {
    status_counts_words(r, m, Some(m.word("completion", "no-status")))
}

/// The non-zero completion counts of a scorecard row, strongest first (`complete 4,
/// limited 1`), in the language of `m`; `unrated` names pairs with no completion status,
/// which are left out when it is `None`.
pub(crate) fn status_counts_words(r: &ScorecardRow, m: &Messages, unrated: Option<&str>) -> String {
    let s = r.statuses;
    let parts: Vec<String> = [
        (m.word("completion", "complete"), s.complete),
        (m.word("completion", "substantial"), s.substantial),
        (m.word("completion", "limited"), s.limited),
        (m.word("completion", "not-started"), s.not_started),
        (m.word("completion", "unknown"), s.unknown),
        (
            unrated.unwrap_or_default(),
            if unrated.is_some() { s.unrated } else { 0 },
        ),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(w, n)| format!("{w} {n}"))
    .collect();
    parts.join(", ")
}

/// `s` cut to `n` characters, the last one `…` when anything was cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A scorecard as text: a table (key, a second key for a cross-tabulation, name, mean,
/// compliance percentage, assessed, not assessed, not applicable), each row followed by its
/// status counts, then the total, the method, the raters and the pairs left out. Nothing is
/// cut unless [`ReportOptions::width`] is set (a terminal): then keys and names give way.
pub fn scorecard_text(ds: &Dataset, s: &Scorecard, o: &ReportOptions) -> String {
    let m = o.messages();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut head = vec![m.word("scorecard", s.by.as_str()).to_owned()];
    if let Some(b) = s.then_by {
        head.push(m.word("scorecard", b.as_str()).to_owned());
    }
    head.extend(
        [
            "scorecard.name",
            "scorecard.mean",
            "scorecard.compliance",
            "scorecard.assessed",
            "scorecard.unassessed",
            "scorecard.not-applicable",
        ]
        .map(|k| m.get(k).to_owned()),
    );
    table.push(head);
    let rows: Vec<&ScorecardRow> = s.rows.iter().chain(std::iter::once(&s.total)).collect();
    for r in &rows {
        let total = std::ptr::eq(*r, &s.total);
        let mut line = vec![if total {
            m.get("scorecard.total").to_owned()
        } else {
            r.key.clone()
        }];
        if s.then_by.is_some() {
            line.push(r.key2.clone().unwrap_or_default());
        }
        line.push(if total {
            String::new()
        } else {
            crate::neutral::terminal(row_name(ds, s.by, &r.key, &o.lang)).into_owned()
        });
        line.extend([
            mean_text(r),
            percent_text(r, s.method),
            r.assessed.to_string(),
            r.unassessed.to_string(),
            r.not_applicable.to_string(),
        ]);
        table.push(line);
    }
    let cols = table.first().map_or(0, Vec::len);
    let len = |c: &String| c.chars().count();
    let mut widths: Vec<usize> = (0..cols)
        .map(|i| {
            table
                .iter()
                .filter_map(|l| l.get(i))
                .map(len)
                .max()
                .unwrap_or(0)
        })
        .collect();
    // Keys and the name are left-aligned, figures right-aligned.
    let text_cols = cols.saturating_sub(5);
    // Nothing is cut unless the output is a terminal of a known width: then one space
    // between columns, and the keys and name (then the figures' headings) give way.
    let gap = if o.fit_width().is_some() { " " } else { "  " };
    if let Some(w) = o.fit_width() {
        let least: Vec<usize> = (0..cols)
            .map(|i| {
                if i < text_cols {
                    4
                } else {
                    table
                        .iter()
                        .skip(1)
                        .filter_map(|l| l.get(i))
                        .map(len)
                        .max()
                        .unwrap_or(1)
                }
            })
            .collect();
        loop {
            let total = widths.iter().sum::<usize>() + cols.saturating_sub(1);
            if total <= w {
                break;
            }
            let give = (0..cols)
                .filter(|&i| widths.get(i) > least.get(i))
                .max_by_key(|&i| (i < text_cols, widths.get(i).copied().unwrap_or(0)));
            match give.and_then(|i| widths.get_mut(i)) {
                Some(x) => *x -= 1,
                None => break,
            }
        }
    }
    let mut out = String::new();
    for (n, line) in table.iter().enumerate() {
        let cells: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                let c = if len(c) > *w {
                    truncate(c, *w)
                } else {
                    c.clone()
                };
                if i < text_cols {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join(gap).trim_end());
        if let Some(r) = n.checked_sub(1).and_then(|i| rows.get(i)) {
            // Completion only where some is recorded.
            let pairs = r.assessed + r.unassessed + r.not_applicable;
            let st = statuses_line(r, &m);
            if !st.is_empty() && r.statuses.unrated < pairs {
                wrap(&mut out, &st, "    ", o.wrap_width());
            }
        }
    }
    out.push('\n');
    for n in scorecard_notes(s) {
        wrap(&mut out, &n, "", o.wrap_width());
    }
    crate::neutral::terminal_owned(out)
}

fn row_json(ds: &Dataset, s: &Scorecard, r: &ScorecardRow, lang: &str, total: bool) -> Value {
    let (by, method) = (s.by, s.method);
    let s = r.statuses;
    json!({
        "key": r.key,
        "key2": r.key2,
        "name": if total { "" } else { row_name(ds, by, &r.key, lang) },
        "mean": r.mean,
        "percent": r.percent_by(method),
        "assessed": r.assessed,
        "unassessed": r.unassessed,
        "not_applicable": r.not_applicable,
        "score_sum": r.score_sum,
        "statuses": {
            "unknown": s.unknown, "not-started": s.not_started, "limited": s.limited,
            "substantial": s.substantial, "complete": s.complete, "unrated": s.unrated,
        },
    })
}

/// A scorecard as JSON (pretty-printed), in the shape documented on
/// [`render`](crate::render).
pub fn scorecard_json(ds: &Dataset, s: &Scorecard, o: &ReportOptions) -> String {
    pretty(&scorecard_value(ds, s, o))
}

/// [`scorecard_json`] as a JSON value.
pub(crate) fn scorecard_value(ds: &Dataset, s: &Scorecard, o: &ReportOptions) -> Value {
    json!({
        "by": s.by.as_str(),
        "then_by": s.then_by.map(By::as_str),
        "method": s.method.as_str(),
        "rater": s.rater,
        "raters_used": s.raters_used,
        "excluded": s.excluded,
        "rows": s.rows.iter().map(|r| row_json(ds, s, r, &o.lang, false)).collect::<Vec<_>>(),
        "total": row_json(ds, s, &s.total, &o.lang, true),
    })
}

/// A scorecard as CSV: `key, name, mean, percent, assessed, unassessed, score_sum`, then one
/// column per completion level and `unrated`; the last row is the total (key `total`).
/// Empty `mean` and `percent` mean nothing was assessed.
pub fn scorecard_csv(ds: &Dataset, s: &Scorecard, o: &ReportOptions) -> String {
    let mut out = String::new();
    let cross = s.then_by.is_some();
    let mut head = vec!["key"];
    if cross {
        head.push("key2");
    }
    head.extend([
        "name",
        "mean",
        "percent",
        "assessed",
        "unassessed",
        "score_sum",
        "unknown",
        "not-started",
        "limited",
        "substantial",
        "complete",
        "unrated",
        "not_applicable",
    ]);
    csv::record(&mut out, o.raw_csv, &head);
    for r in s.rows.iter().chain(std::iter::once(&s.total)) {
        let total = std::ptr::eq(r, &s.total);
        let st = r.statuses;
        let mut cells = vec![r.key.clone()];
        if cross {
            cells.push(r.key2.clone().unwrap_or_default());
        }
        cells.extend([
            if total {
                String::new()
            } else {
                row_name(ds, s.by, &r.key, &o.lang).to_owned()
            },
            r.mean.map(|m| format!("{m:.4}")).unwrap_or_default(),
            r.percent.map(|p| p.to_string()).unwrap_or_default(),
            r.assessed.to_string(),
            r.unassessed.to_string(),
            r.score_sum.to_string(),
            st.unknown.to_string(),
            st.not_started.to_string(),
            st.limited.to_string(),
            st.substantial.to_string(),
            st.complete.to_string(),
            st.unrated.to_string(),
            r.not_applicable.to_string(),
        ]);
        csv::record(&mut out, o.raw_csv, &cells);
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::query::fixture::{dataset, day};
    use crate::{CommitmentQuery, ScorecardQuery, SummitQuery};

    #[test]
    fn commitments_all_formats() {
        let ds = dataset();
        let cs: Vec<_> = ds
            .commitments_where(&CommitmentQuery::new().party("cn").area("economy"))
            .unwrap()
            .collect();
        let o = ReportOptions::new()
            .party("CN")
            .reference(day("2025-06-10"));
        let text = commitments_text(&ds, cs.iter().copied(), &o);
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(
            text.starts_with("c0-secretariat  [institutional, pledge]  due 2024  (met)\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "    China: score +1, completion complete (g20, as of 2024-01; evidence: src)\n"
            ),
            "{text}"
        );
        assert!(text.ends_with("\n3 commitments\n"), "{text}");
        // c5 (deadline 2024-12, China never assessed): passed, but not called overdue; the
        // heading still fits in 80 columns, so the deadline stays on it.
        assert!(
            text.contains(
                "c5-other  [financial, pledge]  due 2024-12  (deadline passed, not assessed)\n"
            ),
            "{text}"
        );

        let v = commitments_value(&ds, cs.iter().copied(), &o);
        assert_eq!(v[0]["id"], "c0-secretariat");
        assert_eq!(v[0]["deadline_state"], "met");
        assert_eq!(v[0]["assessments"][0]["status"], "complete");
        assert_eq!(v[0]["assessments"][0]["evidence"][0], "src");
        assert_eq!(v[0]["quote"]["lang"], "uk");
        assert_eq!(v[1]["id"], "c3-trade");
        assert_eq!(v[1]["assessments"][0]["status"], Value::Null);
        // c5's deadline has passed and China was never assessed on it.
        assert_eq!(v[2]["id"], "c5-other");
        assert_eq!(v[2]["deadline_state"], "passed-not-assessed");

        let all = ReportOptions::new();
        let csv = commitments_csv(&ds, cs.iter().copied(), &all);
        let first = csv.split("\r\n").nth(1).unwrap();
        assert_eq!(
            first,
            "c0-secretariat,cca,cca-2023,xian,institutional,pledge,2024,economy,cn;kz;kg;uz,cn:complete;kz:complete;kg:not-started;uz:unassessed,cn:+1;kz:+1;kg:-1,Establish a permanent secretariat in Xi'an."
        );
        // c4: both obligors scored, neither has a completion recorded: the status cell is
        // empty (never "unassessed" beside a score) and the scores have their own column.
        let c4: Vec<_> = ds
            .commitments_where(&CommitmentQuery::new().area("security"))
            .unwrap()
            .collect();
        let csv = commitments_csv(&ds, c4.iter().copied(), &all);
        let row = csv.split("\r\n").find(|l| l.starts_with("c4-")).unwrap();
        assert!(
            row.ends_with(",cn;kz,,cn:+1;kz:0,China and Kazakhstan will hold joint counter-terrorism exercises."),
            "{row}"
        );
        assert!(csv.starts_with(
            "id,mechanism,summit,document,kind,strength,deadline,areas,obligors,status,score,text\r\n"
        ));
    }

    #[test]
    fn summits_all_formats() {
        let ds = dataset();
        let ss: Vec<_> = ds.summits_where(&SummitQuery::new()).unwrap().collect();
        let o = ReportOptions::new();
        let text = summits_text(&ds, ss.iter().copied(), &o);
        assert_eq!(
            text,
            "2023-05-18/2023-05-19   cca-2023 special  China  [held]\n\
             2024-10                 other-2024 special  Russia  [planned]\n\
             2025-06-17              cca-2025 special  Kazakhstan  [held]\n\
             3 summits\n"
        );
        let v = summits_value(&ds, ss.iter().copied(), &o);
        assert_eq!(v[0]["participants"], json!(["cn", "kz", "kg", "uz"]));
        assert_eq!(v[1]["edition"], "special");
        let csv = summits_csv(&ds, ss.iter().copied(), &o);
        assert_eq!(csv.lines().count(), 4);
        assert!(csv.contains("2024-10,other-2024,other,special,Russia,,planned\r\n"));
    }

    #[test]
    fn scorecard_all_formats() {
        let ds = dataset();
        let s = ds
            .scorecard(&ScorecardQuery::new().mechanism("cca"))
            .unwrap();
        let o = ReportOptions::new();
        let text = scorecard_text(&ds, &s, &o);
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(
            text.contains("\ncn    China      +0.50          75%        4            1   0\n"),
            "{text}"
        );
        assert!(
            text.contains("\nuz    Uzbekistan     -            -        0            3   0\n"),
            "{text}"
        );
        assert!(text.contains("\ntotal "), "{text}");
        assert!(
            text.contains("\nraters: g20, ogp (each pair from its latest assessment; give --rater to keep\none)\npairs not applicable: 0; not assessed: 8; excluded by rater or as-of date: 0\n"),
            "{text}"
        );
        let v = scorecard_value(&ds, &s, &o);
        assert_eq!(v["by"], "party");
        assert_eq!(v["rows"][0]["key"], "cn");
        assert_eq!(v["rows"][0]["percent"], 75);
        assert_eq!(v["rows"][3]["mean"], Value::Null);
        assert_eq!(v["total"]["unassessed"], 8);
        let csv = scorecard_csv(&ds, &s, &o);
        assert!(
            csv.contains("\r\ncn,China,0.5000,75,4,1,2,0,0,2,0,1,2,0\r\n"),
            "{csv}"
        );
        assert!(
            csv.contains("\r\nuz,Uzbekistan,,,0,3,0,0,0,0,0,0,3,0\r\n"),
            "{csv}"
        );
    }
}
