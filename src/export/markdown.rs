//! A Markdown report a person can publish.

use super::{ExportOptions, edition_city, host_words, mechanism_name, precision_note};
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

fn rule_words(ds: &Dataset, rule: &HostRule, lang: &str) -> String {
    let names = |ps: &[crate::PartyId]| {
        ps.iter()
            .map(|p| ds.party_name(p.as_str(), lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match rule {
        HostRule::None => "agreed each time".to_owned(),
        HostRule::Fixed(p) => ds.party_name(p.as_str(), lang).to_owned(),
        HostRule::Ordered { list, start } => {
            let mut s = format!("in turn: {}", names(list));
            if let Some(p) = start {
                let _ = write!(s, ", starting with {}", ds.party_name(p.as_str(), lang));
            }
            s
        }
        HostRule::Alphabetical {
            lang: l,
            among,
            except,
            start,
        } => {
            let language = match l.primary() {
                "en" => "English".to_owned(),
                "ru" => "Russian".to_owned(),
                "zh" => "Chinese".to_owned(),
                "uk" => "Ukrainian".to_owned(),
                "fr" => "French".to_owned(),
                "es" => "Spanish".to_owned(),
                "ar" => "Arabic".to_owned(),
                _ => format!("`{l}`"),
            };
            let mut s = format!("the members in alphabetical order of their {language} names");
            if let Some(a) = among {
                let _ = write!(s, ", among {}", names(a));
            }
            if !except.is_empty() {
                let _ = write!(s, ", except {}", names(except));
            }
            if let Some(p) = start {
                let _ = write!(s, ", starting with {}", ds.party_name(p.as_str(), lang));
            }
            s
        }
        HostRule::Alternate(sides) => format!(
            "alternating between {}",
            sides
                .iter()
                .map(|r| rule_words(ds, r, lang))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    }
}

fn provenance_words(ds: &Dataset, e: &ProjectedEdition, cites: &Cites) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in &e.provenance {
        let p = match &c.basis {
            Basis::Summit { summit, sources } => {
                format!("summit record `{summit}` {}", cites.of(sources))
            }
            Basis::Decision { document, sources } => {
                let doc = document
                    .as_ref()
                    .and_then(|d| ds.document(d.as_str()))
                    .map(|d| format!(" in {}", md(d.title.en())))
                    .unwrap_or_default();
                format!("decision{doc} {}", cites.of(sources))
            }
            Basis::Rule { sources, anchor } => match anchor {
                Some(a) => format!(
                    "schedule rule {}, {}",
                    cites.of(sources),
                    md(&a.to_string())
                ),
                None => format!("schedule rule {}", cites.of(sources)),
            },
            Basis::RuleEnded { until, sources } => {
                format!("no host rule after {until} {}", cites.of(sources))
            }
            Basis::Exception { exception, sources } => {
                format!("{} exception {}", exception.as_str(), cites.of(sources))
            }
            Basis::Report {
                sources, agrees, ..
            } => {
                let how = match agrees {
                    Some(true) => ", agrees",
                    Some(false) => ", disagrees",
                    None => "",
                };
                format!("single report{how} {}", cites.of(sources))
            }
        };
        let p = p.trim_end().to_owned();
        if !parts.contains(&p) {
            parts.push(p);
        }
    }
    if parts.is_empty() {
        "no schedule rule recorded".to_owned()
    } else {
        parts.join("; ")
    }
}

fn date_words(e: &ProjectedEdition) -> String {
    match e.date {
        Some(d) => match precision_note(&d) {
            Some(_) => format!(
                "{d} ({} only)",
                if d.precision() == crate::Precision::Year {
                    "year"
                } else {
                    "month"
                }
            ),
            None => d.to_string(),
        },
        None => "not known".to_owned(),
    }
}

fn mean_cell(r: &ScorecardRow) -> (String, String) {
    (
        r.mean
            .map_or_else(|| "–".to_owned(), |m| format!("{m:+.2}")),
        r.percent
            .map_or_else(|| "–".to_owned(), |p| format!("{p}%")),
    )
}

fn statuses_words(r: &ScorecardRow) -> String {
    crate::report::status_counts_words(r, "not assessed")
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
    pub fn export_markdown(&self, o: &ExportOptions) -> Result<String, Error> {
        let lang = o.lang.as_str();
        let mechanisms = self.export_mechanisms(o)?;
        let cites = Cites::new(self);
        let mut out = String::new();
        let _ = writeln!(out, "# Summits and commitments\n");
        let names: Vec<String> = mechanisms
            .iter()
            .map(|m| md(mechanism_name(m, lang)))
            .collect();
        let _ = write!(
            out,
            "This report covers {}: {} summits, {} documents, {} commitments and {} compliance assessments, each fact citing its sources (numbered at the end).",
            names.join(", "),
            self.summits()
                .iter()
                .filter(|s| mechanisms.iter().any(|m| m.id == s.mechanism))
                .count(),
            self.documents()
                .iter()
                .filter(|d| mechanisms.iter().any(|m| m.id == d.mechanism))
                .count(),
            self.commitments()
                .iter()
                .filter(|c| self.in_mechanisms(c, &mechanisms))
                .count(),
            self.assessments().len(),
        );
        match o.as_of {
            Some(d) => {
                let _ = writeln!(out, " Situation as of {d}.\n");
            }
            None => out.push_str("\n\n"),
        }
        let _ = writeln!(
            out,
            "Dates are given as precisely as they are known: `2027` means some day in 2027, never 1 January.\n"
        );
        let _ = writeln!(out, "## Mechanisms\n");
        for m in &mechanisms {
            self.md_mechanism(&mut out, m, o, &cites);
        }
        self.md_commitments(&mut out, &mechanisms, o, &cites);
        let _ = writeln!(out, "## Scorecards\n");
        let _ = writeln!(
            out,
            "Mean compliance score per party on the G20 Research Group scale (−1 no compliance, 0 partial, +1 full) and its percentage. Only assessed commitments count; those not assessed are listed apart, never as zero.\n"
        );
        for m in &mechanisms {
            self.md_scorecard(&mut out, m, o);
        }
        let _ = writeln!(out, "## Sources\n");
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
                let mut s = md(self.party_name(x.party.as_str(), lang));
                match (x.since, x.until) {
                    (Some(a), Some(b)) => {
                        let _ = write!(s, " ({a} to {b})");
                    }
                    (Some(a), None) => {
                        let _ = write!(s, " (since {a})");
                    }
                    (None, Some(b)) => {
                        let _ = write!(s, " (until {b})");
                    }
                    (None, None) => {}
                }
                s
            })
            .collect();
        let _ = writeln!(out, "- **Members:** {}", members.join(", "));
        let _ = writeln!(out, "- **Level:** {}", m.level.as_str().replace('-', " "));
        if let Some(e) = m.established {
            let _ = writeln!(out, "- **Established:** {e}");
        }
        match &m.secretariat {
            Some(s) => {
                let since = s
                    .established
                    .map(|d| format!(", since {d}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **Secretariat:** {}{since} {}",
                    md(s.seat.get(lang).unwrap_or("")),
                    cites.of(&s.sources)
                );
            }
            None => {
                let _ = writeln!(out, "- **Secretariat:** none recorded");
            }
        }
        match &m.schedule {
            Some(s) => {
                let cadence = match &s.cadence {
                    Some(c) => {
                        let unit = match (c.every.unit, c.every.count) {
                            (crate::PeriodUnit::Years, 1) => "year".to_owned(),
                            (crate::PeriodUnit::Months, 1) => "month".to_owned(),
                            (crate::PeriodUnit::Years, n) => format!("{n} years"),
                            (crate::PeriodUnit::Months, n) => format!("{n} months"),
                        };
                        match s.kind {
                            crate::ScheduleKind::Terms => {
                                let length = match c.every.count {
                                    1 => format!("a {unit}"),
                                    _ => unit,
                                };
                                format!("terms of {length} from {}", crate::term_label(&c.first))
                            }
                            crate::ScheduleKind::Meetings => {
                                format!("every {unit} from {}", c.first)
                            }
                        }
                    }
                    None => "irregular".to_owned(),
                };
                let until = s
                    .hosts_until
                    .map(|u| format!(" (until {u})"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **Schedule:** {cadence}; hosts: {}{until} {}",
                    md(&rule_words(self, &s.hosts, lang)),
                    cites.of(&s.sources)
                );
            }
            None => {
                let _ = writeln!(out, "- **Schedule:** nothing known");
            }
        }
        if let Some(n) = &m.note {
            let _ = writeln!(out, "- **Note:** {}", md(n));
        }
        out.push('\n');

        let mut summits: Vec<_> = self
            .summits()
            .iter()
            .filter(|s| s.mechanism == m.id)
            .collect();
        summits.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let _ = writeln!(out, "#### Editions recorded\n");
        if summits.is_empty() {
            let _ = writeln!(out, "No edition is recorded.\n");
        } else {
            let _ = writeln!(
                out,
                "| # | Date | Host | City | Status | Documents adopted | Sources |"
            );
            let _ = writeln!(out, "|---|---|---|---|---|---|---|");
            for s in summits {
                let ed = match s.edition {
                    Edition::Ordinal(n) => n.to_string(),
                    Edition::Special => "special".to_owned(),
                };
                let host = s
                    .host
                    .as_ref()
                    .map_or("", |h| self.party_name(h.as_str(), lang));
                let city = match (&s.venue, s.online) {
                    (Some(v), _) => v.city.get(lang).unwrap_or("").to_owned(),
                    (None, true) => "video link".to_owned(),
                    (None, false) => String::new(),
                };
                let mut status = s.status.as_str().to_owned();
                if s.confidence == Confidence::Reported {
                    status.push_str(" (reported by one source)");
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
            let _ = writeln!(out, "#### Decisions and what became of them\n");
            let _ = writeln!(out, "| # | Decided | Outcome | Summit | Sources |");
            let _ = writeln!(out, "|---|---|---|---|---|");
            for r in &decisions {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} |",
                    r.edition,
                    md(&crate::schedule::decided_words(self, &r.decision, lang)),
                    md(&crate::schedule::outcome_words(self, &r.outcome, lang)),
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
        let _ = writeln!(out, "#### Schedule ahead\n");
        if ahead.is_empty() {
            let _ = writeln!(out, "Nothing is known or projected.\n");
            return;
        }
        let _ = writeln!(
            out,
            "*decided*: settled by a confirmed decision or announcement; *projected*: follows from the schedule rule only.\n"
        );
        let _ = writeln!(out, "| # | Date | Host | Status | Based on |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        // Consecutive editions that say the same (undated, same host or candidates, same
        // basis) share one row: `4–8`.
        let mut rows: Vec<(Option<u32>, Option<u32>, [String; 4])> = Vec::new();
        for e in &ahead {
            let mut host = host_words(self, e, lang);
            if let Some(c) = edition_city(self, e, lang) {
                if e.host.is_some() {
                    host = format!("{host} ({c})");
                }
            }
            let cells = [
                date_words(e),
                md(&host),
                e.status.as_str().to_owned(),
                provenance_words(self, e, cites),
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
                _ => "special".to_owned(),
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
        let _ = writeln!(out, "## Commitments by area\n");
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
            let _ = writeln!(out, "No commitment is recorded.\n");
            return;
        }
        let _ = writeln!(
            out,
            "A commitment listed under two areas appears under both. *Bound*: the parties bound by it. *Status*: the latest assessment of each bound party, counted.{}\n",
            if o.as_of.is_some() {
                " Statuses count only assessments recorded by the reference date; the deadline state is on that date."
            } else {
                ""
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
                "| Commitment | Bound | Strength | Deadline | Status | Sources |"
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
                            let _ = write!(deadline, " ({})", st.describe());
                        }
                    }
                }
                let status = by_commitment
                    .get(c.id.as_str())
                    .map(|r| {
                        let mut s = statuses_words(r);
                        if let Some(m) = r.mean {
                            let _ = write!(s, "; mean score {m:+.2}");
                        }
                        s
                    })
                    .unwrap_or_default();
                let mut sources: Vec<&SourceId> = c.sources.iter().collect();
                if let Some(q) = &c.quote {
                    sources.push(&q.source);
                }
                let _ = writeln!(
                    out,
                    "| {} <br>`{}` | {} | {} | {} | {} | {} |",
                    md(&c.text),
                    c.id,
                    bound.join(" "),
                    c.strength.as_str(),
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
        let _ = writeln!(out, "### {}\n", md(mechanism_name(m, lang)));
        if card.total.assessed + card.total.unassessed == 0 {
            let _ = writeln!(out, "No commitment of this mechanism is recorded.\n");
            return;
        }
        if card.total.assessed == 0 {
            let _ = writeln!(
                out,
                "None of its {} commitment–party pairs has a scored assessment yet.\n",
                card.total.unassessed
            );
            return;
        }
        let _ = writeln!(
            out,
            "| Party | Mean score | % | Assessed | Not assessed | Status of commitments |"
        );
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---|");
        for r in card.rows.iter().chain(std::iter::once(&card.total)) {
            let total = std::ptr::eq(r, &card.total);
            let name = if total {
                "**All parties**".to_owned()
            } else {
                md(self.party_name(&r.key, lang))
            };
            let (mean, pct) = mean_cell(r);
            let _ = writeln!(
                out,
                "| {name} | {mean} | {pct} | {} | {} | {} |",
                r.assessed,
                r.unassessed,
                statuses_words(r)
            );
        }
        out.push('\n');
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
