//! A Markdown report a person can publish.

use super::{ExportOptions, edition_city, mechanism_name, precision_note};
use crate::render::Messages;
use crate::{
    AssessmentFilter, Basis, By, Commitment, Confidence, DUE_SOON_DAYS, Dataset, Edition,
    EditionStatus, Error, HostRule, Mechanism, ProjectedEdition, ScorecardQuery, ScorecardRow,
    SourceId,
};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Escapes text for Markdown: see [`crate::neutral::markdown`].
fn md(s: &str) -> String {
    crate::neutral::markdown(s)
}

/// Source numbers, in dataset order, for citations `[3](#source-3)`.
struct Cites {
    numbers: HashMap<String, usize>,
}

impl Cites {
    fn new(ds: &Dataset) -> Cites {
        Cites {
            numbers: ds
                .sources()
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.to_string(), i + 1))
                .collect(),
        }
    }

    /// `[1](#source-1)[4](#source-4)` for these sources, each once, in number order.
    fn of<'a>(&self, ids: impl IntoIterator<Item = &'a SourceId>) -> String {
        let mut n: Vec<usize> = ids
            .into_iter()
            .filter_map(|s| self.numbers.get(s.as_str()).copied())
            .collect();
        n.sort_unstable();
        n.dedup();
        n.iter()
            .map(|n| format!("[\\[{n}\\]](#source-{n})"))
            .collect::<String>()
    }
}

pub(super) fn rule_words(ds: &Dataset, rule: &HostRule, lang: &str, m: &Messages) -> String {
    let names = |ps: &[crate::PartyId]| {
        ps.iter()
            .map(|p| ds.party_label(p.as_str(), lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match rule {
        HostRule::None => m.get("report.rule.each-time").to_owned(),
        HostRule::Fixed(p) => ds.party_label(p.as_str(), lang).to_owned(),
        HostRule::Ordered { list, start } => {
            let mut s = m.format("report.rule.in-turn", &[("names", &names(list))]);
            if let Some(p) = start {
                let _ = write!(
                    s,
                    ", {}",
                    m.format(
                        "decisions.starting-with",
                        &[("name", ds.party_label(p.as_str(), lang))]
                    )
                );
            }
            s
        }
        HostRule::Alphabetical {
            lang: l,
            among,
            except,
            start,
        } => {
            let key = format!("lang-name.{}", l.primary());
            let language = match m.get(&key) {
                name if name != key => name.to_owned(),
                _ => format!("`{l}`"),
            };
            let mut s = m.format("report.rule.alphabetical", &[("language", &language)]);
            if let Some(a) = among {
                let _ = write!(
                    s,
                    ", {}",
                    m.format("report.rule.among", &[("names", &names(a))])
                );
            }
            if !except.is_empty() {
                let _ = write!(
                    s,
                    ", {}",
                    m.format("report.rule.except", &[("names", &names(except))])
                );
            }
            if let Some(p) = start {
                let _ = write!(
                    s,
                    ", {}",
                    m.format(
                        "decisions.starting-with",
                        &[("name", ds.party_label(p.as_str(), lang))]
                    )
                );
            }
            s
        }
        HostRule::Alternate(sides) => m.format(
            "report.rule.alternating",
            &[(
                "sides",
                &sides
                    .iter()
                    .map(|r| rule_words(ds, r, lang, m))
                    .collect::<Vec<_>>()
                    .join(&format!(" {} ", m.get("report.rule.and"))),
            )],
        ),
    }
}

fn provenance_words(
    ds: &Dataset,
    e: &ProjectedEdition,
    cites: &Cites,
    m: &Messages,
    lang: &str,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in &e.provenance {
        let p = match &c.basis {
            Basis::Summit { summit, sources } => format!(
                "{} {}",
                m.format("report.prov.summit", &[("summit", summit.as_str())]),
                cites.of(sources)
            ),
            Basis::Decision { document, sources } => {
                let head = document
                    .as_ref()
                    .and_then(|d| ds.document(d.as_str()))
                    .map(|d| {
                        let title = d.title.get(lang).unwrap_or(d.id.as_str());
                        m.format("report.prov.decision-in", &[("title", &md(title))])
                    })
                    .unwrap_or_else(|| m.get("report.prov.decision").to_owned());
                format!("{head} {}", cites.of(sources))
            }
            Basis::Rule { sources, anchor } => match anchor {
                Some(a) => format!(
                    "{} {}, {}",
                    m.get("report.prov.rule"),
                    cites.of(sources),
                    md(&a.text(m))
                ),
                None => format!("{} {}", m.get("report.prov.rule"), cites.of(sources)),
            },
            Basis::RuleEnded { until, sources } => {
                format!(
                    "{} {}",
                    m.format("decisions.rule-ended", &[("date", &until.to_string())]),
                    cites.of(sources)
                )
            }
            Basis::Exception { exception, sources } => format!(
                "{} {}",
                m.format(
                    "report.prov.exception",
                    &[("kind", m.word("basis", exception.as_str()))]
                ),
                cites.of(sources)
            ),
            Basis::Report {
                sources, agrees, ..
            } => {
                let key = match agrees {
                    Some(true) => "report.prov.report-agrees",
                    Some(false) => "report.prov.report-disagrees",
                    None => "report.prov.report",
                };
                format!("{} {}", m.get(key), cites.of(sources))
            }
        };
        let p = p.trim_end().to_owned();
        if !parts.contains(&p) {
            parts.push(p);
        }
    }
    if parts.is_empty() {
        m.get("report.prov.none").to_owned()
    } else {
        parts.join("; ")
    }
}

pub(super) fn date_words(e: &ProjectedEdition, m: &Messages) -> String {
    match e.date {
        Some(d) => match precision_note(&d) {
            Some(_) if d.precision() == crate::Precision::Year => {
                m.format("report.year-only", &[("date", &d.to_string())])
            }
            Some(_) => m.format("report.month-only", &[("date", &d.to_string())]),
            None => d.to_string(),
        },
        None => m.get("report.date-unknown").to_owned(),
    }
}

/// The host of an edition: its name, `one of A, B, C` (names), or `host not known`.
pub(super) fn host_words(ds: &Dataset, e: &ProjectedEdition, lang: &str, m: &Messages) -> String {
    match &e.host {
        Some(h) => ds.party_label(h.as_str(), lang).to_owned(),
        None if e.candidates.is_empty() => m.get("report.host-unknown").to_owned(),
        None => m.format(
            "schedule.one-of",
            &[(
                "list",
                &e.candidates
                    .iter()
                    .map(|c| ds.party_label(c.as_str(), lang))
                    .collect::<Vec<_>>()
                    .join(", "),
            )],
        ),
    }
}

/// A commitment's quote when it is in `lang` (same primary subtag), else its text.
pub(super) fn commitment_text<'a>(c: &'a Commitment, lang: &str) -> &'a str {
    let primary = |s: &str| {
        s.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    match &c.quote {
        Some(q) if primary(q.lang.as_str()) == primary(lang) => &q.text,
        _ => &c.text,
    }
}

pub(super) fn mean_cell(r: &ScorecardRow) -> (String, String) {
    (
        r.mean
            .map_or_else(|| "–".to_owned(), |m| format!("{m:+.2}")),
        r.percent
            .map_or_else(|| "–".to_owned(), |p| format!("{p}%")),
    )
}

/// The completion levels recorded in a row, counted; pairs with no completion recorded are
/// left out (their scores, or their absence, are in the other columns).
fn statuses_words(r: &ScorecardRow, m: &Messages) -> String {
    crate::report::status_counts_words(r, m, None)
}

impl Dataset {
    /// A Markdown report a person can publish (CommonMark with GitHub tables):
    ///
    /// 1. a title and what the report covers (with the reference date);
    /// 2. each mechanism: members (with dates of joining and leaving), secretariat,
    ///    schedule rule, a table of its summits, and the schedule ahead with its
    ///    uncertainty (host or "one of …", status, date precision, provenance);
    /// 3. the commitments grouped by top-level area: who is bound, strength, deadline (and
    ///    its state on the reference date), and the current status across obligors;
    /// 4. scorecards by party for each mechanism (G20 Research Group method), with
    ///    unassessed pairs counted apart, never as zero;
    /// 5. the sources (publisher, title, date, address), numbered: every fact above cites
    ///    them as `[n]` links.
    ///
    /// Text from the data is escaped, so no HTML in it is live and no markup forms: `&`, `<`
    /// and `>` as character references, the characters of inline markup (`` ` ``, `*`, `_`,
    /// `[`, `]`, `(`, `)`, `|`, `#`, ...) with a backslash, line breaks as spaces and control
    /// characters as visible escapes, so a title with a `|` cannot break a table either.
    /// Source addresses are links only when they are `http` or `https` addresses with a
    /// host, percent-encoded where Markdown or HTML would read a character (`<`, `>`, `"`,
    /// `(`, spaces, ...); any other address is shown as escaped text.
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism.
    ///
    /// ```
    /// use summitry::export::ExportOptions;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let md = ds.export_markdown_string(&ExportOptions::new().mechanism("china-central-asia"))?;
    /// assert!(md.contains("China–Central Asia Summit"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_markdown_string(&self, o: &ExportOptions) -> Result<String, Error> {
        let lang = o.lang.as_str();
        let m = Messages::new(lang);
        let mechanisms = self.export_mechanisms(o)?;
        let cites = Cites::new(self);
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", m.get("report.title"));
        let names: Vec<String> = mechanisms
            .iter()
            .map(|m| md(mechanism_name(m, lang)))
            .collect();
        let summits = self
            .summits()
            .iter()
            .filter(|s| mechanisms.iter().any(|m| m.id == s.mechanism))
            .count();
        let documents = self
            .documents()
            .iter()
            .filter(|d| mechanisms.iter().any(|m| m.id == d.mechanism))
            .count();
        let commitments = self
            .commitments()
            .iter()
            .filter(|c| self.in_mechanisms(c, &mechanisms))
            .count();
        out.push_str(&m.format(
            "report.covers",
            &[
                ("mechanisms", &names.join(", ")),
                ("summits", &m.count("count.summit", summits)),
                ("documents", &m.count("count.document", documents)),
                ("commitments", &m.count("count.commitment", commitments)),
                (
                    "assessments",
                    &m.count("count.compliance-assessment", self.assessments().len()),
                ),
            ],
        ));
        match o.as_of {
            Some(d) => {
                let _ = writeln!(
                    out,
                    " {}\n",
                    m.format("report.situation", &[("date", &d.to_string())])
                );
            }
            None => out.push_str("\n\n"),
        }
        let _ = writeln!(out, "{}\n", m.get("report.dates-note"));
        let _ = writeln!(out, "## {}\n", m.get("report.mechanisms"));
        for mech in &mechanisms {
            self.md_mechanism(&mut out, mech, o, &cites);
        }
        self.md_commitments(&mut out, &mechanisms, o, &cites);
        let _ = writeln!(out, "## {}\n", m.get("report.scorecards"));
        let _ = writeln!(out, "{}\n", m.get("report.scorecards-note"));
        for mech in &mechanisms {
            self.md_scorecard(&mut out, mech, o);
        }
        let _ = writeln!(out, "## {}\n", m.get("report.sources"));
        for (i, s) in self.sources().iter().enumerate() {
            let n = i + 1;
            let _ = write!(
                out,
                "{n}. <a id=\"source-{n}\"></a>{}: “{}”",
                md(&s.publisher),
                md(&s.title)
            );
            if let Some(d) = s.date {
                let _ = write!(out, ", {d}");
            }
            let _ = write!(out, " ({})", s.lang);
            if let Some(u) = &s.url {
                // Only web addresses become links (the loader accepts no others); anything
                // else, from a dataset built another way, is shown as text.
                if crate::neutral::web_url(u) {
                    let _ = write!(out, ". <{}>", crate::neutral::url_for_markdown(u));
                } else {
                    let _ = write!(out, ". {}", md(u));
                }
            }
            out.push('\n');
        }
        Ok(out)
    }

    fn in_mechanisms(&self, c: &Commitment, mechanisms: &[&Mechanism]) -> bool {
        self.document(c.document.as_str())
            .is_some_and(|d| mechanisms.iter().any(|m| m.id == d.mechanism))
    }

    fn md_mechanism(&self, out: &mut String, m: &Mechanism, o: &ExportOptions, cites: &Cites) {
        let lang = o.lang.as_str();
        let t = Messages::new(lang);
        let _ = writeln!(
            out,
            "### {} {}\n",
            md(mechanism_name(m, lang)),
            cites.of(&m.sources)
        );
        let members: Vec<String> = m
            .members
            .iter()
            .map(|x| {
                let mut s = md(self.party_label(x.party.as_str(), lang));
                match (x.since, x.until) {
                    (Some(a), Some(b)) => {
                        let _ = write!(
                            s,
                            " ({})",
                            t.format(
                                "report.member-between",
                                &[("from", &a.to_string()), ("to", &b.to_string())]
                            )
                        );
                    }
                    (Some(a), None) => {
                        let _ = write!(
                            s,
                            " ({})",
                            t.format("report.member-since", &[("date", &a.to_string())])
                        );
                    }
                    (None, Some(b)) => {
                        let _ = write!(
                            s,
                            " ({})",
                            t.format("report.member-until", &[("date", &b.to_string())])
                        );
                    }
                    (None, None) => {}
                }
                s
            })
            .collect();
        let _ = writeln!(
            out,
            "- **{}:** {}",
            t.get("report.members"),
            members.join(", ")
        );
        let _ = writeln!(
            out,
            "- **{}:** {}",
            t.get("report.level"),
            t.word("level", m.level.as_str())
        );
        if let Some(e) = m.established {
            let _ = writeln!(out, "- **{}:** {e}", t.get("report.established"));
        }
        match &m.secretariat {
            Some(s) => {
                let since = s
                    .established
                    .map(|d| {
                        format!(
                            ", {}",
                            t.format("report.member-since", &[("date", &d.to_string())])
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **{}:** {}{since} {}",
                    t.get("report.secretariat"),
                    md(s.seat.get(lang).unwrap_or("")),
                    cites.of(&s.sources)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "- **{}:** {}",
                    t.get("report.secretariat"),
                    t.get("report.none-recorded")
                );
            }
        }
        match &m.schedule {
            Some(s) => {
                let cadence = match &s.cadence {
                    Some(c) => {
                        let first_day = c.first.to_string();
                        let first = [("first", first_day.as_str())];
                        let n = usize::try_from(c.every.count).unwrap_or(usize::MAX);
                        let every = match (c.every.unit, c.every.count) {
                            (crate::PeriodUnit::Years, 1) => t.format("report.every-year", &first),
                            (crate::PeriodUnit::Months, 1) => {
                                t.format("report.every-month", &first)
                            }
                            (crate::PeriodUnit::Years, _) => {
                                t.count_with("count.every-years", n, &first)
                            }
                            (crate::PeriodUnit::Months, _) => {
                                t.count_with("count.every-months", n, &first)
                            }
                        };
                        match s.kind {
                            crate::ScheduleKind::Terms => t.format(
                                "decisions.terms",
                                &[
                                    ("every", &c.every.to_string()),
                                    ("first", &crate::term_label(&c.first)),
                                ],
                            ),
                            crate::ScheduleKind::Meetings => every,
                        }
                    }
                    None => t.get("report.irregular").to_owned(),
                };
                let until = s
                    .hosts_until
                    .map(|u| {
                        format!(
                            " ({})",
                            t.format("decisions.until", &[("date", &u.to_string())])
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **{}:** {cadence}; {}: {}{until} {}",
                    t.get("report.schedule"),
                    t.get("report.hosts"),
                    md(&rule_words(self, &s.hosts, lang, &t)),
                    cites.of(&s.sources)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "- **{}:** {}",
                    t.get("report.schedule"),
                    t.get("report.nothing-known")
                );
            }
        }
        if let Some(n) = &m.note {
            let _ = writeln!(out, "- **{}:** {}", t.get("report.note"), md(n));
        }
        out.push('\n');

        let mut summits: Vec<_> = self
            .summits()
            .iter()
            .filter(|s| s.mechanism == m.id)
            .collect();
        summits.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let _ = writeln!(out, "#### {}\n", t.get("report.editions"));
        if summits.is_empty() {
            let _ = writeln!(out, "{}\n", t.get("report.no-edition"));
        } else {
            let _ = writeln!(
                out,
                "| # | {} | {} | {} | {} | {} | {} |",
                t.get("report.col.date"),
                t.get("report.col.host"),
                t.get("report.col.city"),
                t.get("report.col.status"),
                t.get("report.col.documents"),
                t.get("report.col.sources")
            );
            let _ = writeln!(out, "|---|---|---|---|---|---|---|");
            for s in summits {
                let ed = match s.edition {
                    Edition::Ordinal(n) => n.to_string(),
                    Edition::Special => t.get("summits.special").to_owned(),
                };
                let host = s
                    .host
                    .as_ref()
                    .map_or("", |h| self.party_label(h.as_str(), lang));
                let city = match (&s.venue, s.online) {
                    (Some(v), _) => v.city.get(lang).unwrap_or("").to_owned(),
                    (None, true) => t.get("overview.video-link").to_owned(),
                    (None, false) => String::new(),
                };
                let mut status = t.word("summit-status", s.status.as_str()).to_owned();
                if s.confidence == Confidence::Reported {
                    let _ = write!(status, " ({})", t.get("overview.reported-once"));
                }
                let docs: Vec<String> = self
                    .documents()
                    .iter()
                    .filter(|d| d.summit.as_ref() == Some(&s.id))
                    .map(|d| md(d.title.get(lang).unwrap_or(d.id.as_str())))
                    .collect();
                let dash = |x: String| if x.is_empty() { "–".to_owned() } else { x };
                let _ = writeln!(
                    out,
                    "| {ed} | {} | {} | {} | {} | {} | {} |",
                    s.date,
                    dash(md(host)),
                    dash(md(&city)),
                    status,
                    dash(docs.join("; ")),
                    cites.of(&s.sources)
                );
            }
            out.push('\n');
        }

        let decisions = self.reconcile(m.id.as_str()).unwrap_or_default();
        if !decisions.is_empty() {
            let _ = writeln!(out, "#### {}\n", t.get("decisions.heading"));
            let _ = writeln!(
                out,
                "| # | {} | {} | {} | {} |",
                t.get("decisions.col-decided"),
                t.get("decisions.col-outcome"),
                t.get("decisions.col-summit"),
                t.get("report.col.sources")
            );
            let _ = writeln!(out, "|---|---|---|---|---|");
            for r in &decisions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    r.edition,
                    md(&crate::schedule::decided_words(self, &r.decision, &t, lang)),
                    md(&crate::schedule::outcome_words(self, &r.outcome, &t, lang)),
                    r.summit.as_ref().map_or("–".to_owned(), |s| md(s.as_str())),
                    cites.of(&r.decision.sources)
                );
            }
            out.push('\n');
        }

        let ahead: Vec<ProjectedEdition> = self
            .export_editions(m, o)
            .into_iter()
            .filter(|e| {
                e.status != EditionStatus::Held
                    && !matches!((o.as_of, e.date), (Some(a), Some(d)) if d.is_definitely_before(&a))
            })
            .collect();
        let _ = writeln!(out, "#### {}\n", t.get("report.ahead"));
        if ahead.is_empty() {
            let _ = writeln!(out, "{}\n", t.get("report.nothing-ahead"));
            return;
        }
        let _ = writeln!(out, "{}\n", t.get("report.ahead-note"));
        let _ = writeln!(
            out,
            "| # | {} | {} | {} | {} |",
            t.get("report.col.date"),
            t.get("report.col.host"),
            t.get("report.col.status"),
            t.get("report.col.based-on")
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
        // Consecutive editions that say the same (undated, same host or candidates, same
        // basis) share one row: `4–8`.
        let mut rows: Vec<(Option<u32>, Option<u32>, [String; 4])> = Vec::new();
        for e in &ahead {
            let mut host = host_words(self, e, lang, &t);
            if let Some(c) = edition_city(self, e, lang) {
                if e.host.is_some() {
                    host = format!("{host} ({c})");
                }
            }
            let cells = [
                date_words(e, &t),
                md(&host),
                t.word("edition-status", e.status.as_str()).to_owned(),
                provenance_words(self, e, cites, &t, lang),
            ];
            match rows.last_mut() {
                Some((Some(_), last, prev))
                    if e.date.is_none()
                        && *prev == cells
                        && e.ordinal.is_some()
                        && last.zip(e.ordinal).is_some_and(|(a, b)| a + 1 == b) =>
                {
                    *last = e.ordinal;
                }
                _ => rows.push((e.ordinal, e.ordinal, cells)),
            }
        }
        for (first, last, [date, host, status, basis]) in rows {
            let ed = match (first, last) {
                (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                (Some(a), _) => a.to_string(),
                _ => t.get("summits.special").to_owned(),
            };
            let _ = writeln!(out, "| {ed} | {date} | {host} | {status} | {basis} |");
        }
        out.push('\n');
    }

    fn md_commitments(
        &self,
        out: &mut String,
        mechanisms: &[&Mechanism],
        o: &ExportOptions,
        cites: &Cites,
    ) {
        let lang = o.lang.as_str();
        let t = Messages::new(lang);
        let _ = writeln!(out, "## {}\n", t.get("overview.commitments-by-area"));
        let mut q = ScorecardQuery::new().by(By::Commitment);
        let mut filter = AssessmentFilter::new();
        if let Some(a) = o.as_of {
            q = q.as_of(a);
            filter = filter.as_of(a);
        }
        let by_commitment: HashMap<String, ScorecardRow> = self
            .scorecard(&q)
            .map(|s| s.rows.into_iter().map(|r| (r.key.clone(), r)).collect())
            .unwrap_or_default();
        let groups = self.commitments_by_top_area(|c| self.in_mechanisms(c, mechanisms));
        if groups.is_empty() {
            let _ = writeln!(out, "{}\n", t.get("report.no-commitment"));
            return;
        }
        let _ = writeln!(
            out,
            "{}{}\n",
            t.get("report.commitments-note"),
            if o.as_of.is_some() {
                format!(" {}", t.get("report.commitments-as-of-note"))
            } else {
                String::new()
            }
        );
        for (ai, cs) in groups {
            let Some(area) = self.areas().get(ai) else {
                continue;
            };
            let _ = writeln!(
                out,
                "### {} ({})\n",
                md(area.label.get(lang).unwrap_or(area.id.as_str())),
                cs.len()
            );
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                t.get("report.col.commitment"),
                t.get("report.col.bound"),
                t.get("report.col.strength"),
                t.get("report.col.deadline"),
                t.get("report.col.status"),
                t.get("report.col.sources")
            );
            let _ = writeln!(out, "|---|---|---|---|---|---|");
            for c in cs {
                let bound: Vec<String> = c
                    .obligor_parties
                    .iter()
                    .map(|p| p.as_str().to_uppercase())
                    .collect();
                let mut deadline = c.deadline.map(|d| d.to_string()).unwrap_or_default();
                if let Some(a) = o.as_of {
                    if c.deadline.is_some() {
                        if let Ok(st) = self.deadline_state(
                            c.id.as_str(),
                            None,
                            &filter,
                            a.first_day(),
                            DUE_SOON_DAYS,
                        ) {
                            let _ =
                                write!(deadline, " ({})", crate::report::describe_deadline(st, &t));
                        }
                    }
                }
                let status = by_commitment
                    .get(c.id.as_str())
                    .map(|r| {
                        let mut parts = Vec::new();
                        let levels = statuses_words(r, &t);
                        if !levels.is_empty() {
                            parts.push(levels);
                        }
                        if let Some(m) = r.mean {
                            parts.push(t.format(
                                "report.mean-score-of",
                                &[
                                    ("score", &format!("{m:+.2}")),
                                    ("scored", &r.assessed.to_string()),
                                    ("pairs", &(r.assessed + r.unassessed).to_string()),
                                ],
                            ));
                        }
                        if r.not_applicable > 0 {
                            parts.push(format!(
                                "{} {}",
                                t.get("scorecard.not-applicable"),
                                r.not_applicable
                            ));
                        }
                        if parts.is_empty() {
                            parts.push(t.get("report.not-assessed").to_owned());
                        }
                        parts.join("; ")
                    })
                    .unwrap_or_default();
                let mut sources: Vec<&SourceId> = c.sources.iter().collect();
                if let Some(q) = &c.quote {
                    sources.push(&q.source);
                }
                let _ = writeln!(
                    out,
                    "| {} <br>`{}` | {} | {} | {} | {} | {} |",
                    md(commitment_text(c, lang)),
                    c.id,
                    bound.join(" "),
                    t.word("strength", c.strength.as_str()),
                    deadline,
                    status,
                    cites.of(sources)
                );
            }
            out.push('\n');
        }
    }

    fn md_scorecard(&self, out: &mut String, m: &Mechanism, o: &ExportOptions) {
        let lang = o.lang.as_str();
        let mut q = ScorecardQuery::new().mechanism(m.id.as_str()).by(By::Party);
        if let Some(a) = o.as_of {
            q = q.as_of(a);
        }
        let Ok(card) = self.scorecard(&q) else {
            return;
        };
        let t = Messages::new(lang);
        let _ = writeln!(out, "### {}\n", md(mechanism_name(m, lang)));
        if card.total.assessed + card.total.unassessed + card.total.not_applicable == 0 {
            let _ = writeln!(out, "{}\n", t.get("report.no-commitment-here"));
            return;
        }
        if card.total.assessed == 0 {
            let _ = writeln!(
                out,
                "{}\n",
                t.count(
                    "count.unscored-pairs",
                    usize::try_from(card.total.unassessed).unwrap_or(usize::MAX)
                )
            );
            return;
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            t.get("report.col.party"),
            t.get("report.col.mean"),
            t.get("report.col.compliance"),
            t.get("report.col.assessed"),
            t.get("report.col.not-assessed"),
            t.get("report.col.not-applicable"),
            t.get("report.col.statuses")
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---|");
        for r in card.rows.iter().chain(std::iter::once(&card.total)) {
            let total = std::ptr::eq(r, &card.total);
            let name = if total {
                format!("**{}**", t.get("report.all-parties"))
            } else {
                md(self.party_label(&r.key, lang))
            };
            let (mean, pct) = mean_cell(r);
            let _ = writeln!(
                out,
                "| {name} | {mean} | {pct} | {} | {} | {} | {} |",
                r.assessed,
                r.unassessed,
                r.not_applicable,
                statuses_words(r, &t)
            );
        }
        out.push('\n');
        self.md_matrix(out, m, o);
    }

    /// The compliance report's own table for a mechanism: commitments × parties.
    fn md_matrix(&self, out: &mut String, m: &Mechanism, o: &ExportOptions) {
        let lang = o.lang.as_str();
        let q = o.scorecard_query().mechanism(m.id.as_str());
        let Ok(mx) = self.compliance_matrix(&q) else {
            return;
        };
        if mx.rows.is_empty() || mx.parties.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "Commitments × parties: +1 full, 0 partial, −1 no compliance, n/a not applicable, – not bound; empty when not assessed.\n"
        );
        let names: Vec<String> = mx
            .parties
            .iter()
            .map(|p| md(self.party_label(p.as_str(), lang)))
            .collect();
        let _ = writeln!(
            out,
            "| No. | Commitment | {} | Compliance % |",
            names.join(" | ")
        );
        let _ = writeln!(out, "|---|---|{}---:|", "---:|".repeat(names.len()));
        let pct = |p: Option<i64>| p.map_or_else(|| "–".to_owned(), |p| format!("{p}%"));
        for r in &mx.rows {
            let c = r.commitment;
            let title = c.title.as_deref().unwrap_or(c.id.as_str());
            let cells: Vec<String> = r
                .cells
                .iter()
                .map(|x| match x {
                    crate::Cell::NotBound => "–".to_owned(),
                    other => other.as_text(),
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                md(c.number.as_deref().unwrap_or("")),
                md(title),
                cells.join(" | "),
                pct(r.percent)
            );
        }
        let totals: Vec<String> = mx.party_percent.iter().map(|p| pct(*p)).collect();
        let _ = writeln!(
            out,
            "| | **Compliance %** | {} | {} |\n",
            totals.join(" | "),
            pct(mx.total_percent)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn escapes_table_cells() {
        assert_eq!(md("a | b"), "a \\| b");
        assert_eq!(md("x_y*z\nw"), "x\\_y\\*z w");
    }
}
