//! A plain-text overview of a dataset: mechanisms, their summits, and commitments by area.

use crate::model::{Commitment, Dataset, Edition, Mechanism};
use std::collections::BTreeMap;
use std::fmt::Write as _;

impl Dataset {
    /// A plain-text overview for a person: each mechanism with its members, secretariat,
    /// summits and decisions (with what became of them: kept, moved, cancelled, pending),
    /// then the commitments grouped by top-level area, with labels in `lang`
    /// (falling back to English).
    ///
    /// ```
    /// let ds = summitry::Dataset::bundled();
    /// let text = ds.overview(&"en".parse()?);
    /// assert!(text.contains("China–Central Asia"));
    /// # Ok::<(), summitry::LangTagError>(())
    /// ```
    ///
    /// Characters that would control a terminal (escape sequences, other control
    /// characters, bidirectional overrides) are shown as escapes such as `\u{1b}`.
    pub fn overview(&self, lang: &crate::LangTag) -> String {
        self.overview_with(&crate::render::ReportOptions::new().lang(lang.as_str()))
    }

    /// [`Dataset::overview`] with the interface words and names in [`ReportOptions::lang`]
    /// (a commitment's quote instead of its English text when the quote is in that
    /// language), and, with a [`ReportOptions::reference`] date, each mechanism's next
    /// edition after it.
    ///
    /// ```
    /// use summitry::render::ReportOptions;
    /// let ds = summitry::Dataset::bundled();
    /// let day = summitry::Day::new(2026, 1, 1)?;
    /// let text = ds.overview_with(&ReportOptions::new().lang("uk").reference(day));
    /// assert!(text.contains("Наступний: 2027"));
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    ///
    /// [`ReportOptions::lang`]: crate::render::ReportOptions::lang
    /// [`ReportOptions::reference`]: crate::render::ReportOptions::reference
    pub fn overview_with(&self, o: &crate::render::ReportOptions) -> String {
        let m = o.messages();
        let lang = o.lang_str();
        let mut out = String::new();
        for mech in self.mechanisms() {
            self.overview_mechanism(&mut out, mech, o);
        }
        let heading = m.get("overview.commitments-by-area");
        let _ = writeln!(out, "{heading}");
        let _ = writeln!(out, "{}", "=".repeat(heading.chars().count()));
        let groups = self.commitments_by_top_area(|_| true);
        for (ai, cs) in groups {
            let Some(area) = self.areas().get(ai) else {
                continue;
            };
            let _ = writeln!(
                out,
                "\n{} ({})",
                area.label.get(lang).unwrap_or(area.id.as_str()),
                cs.len()
            );
            for c in cs {
                let who: Vec<String> = c
                    .obligor_parties
                    .iter()
                    .map(|p| p.as_str().to_uppercase())
                    .collect();
                let deadline = c
                    .deadline
                    .map(|d| {
                        format!(
                            " ({})",
                            m.format("overview.by-deadline", &[("date", &d.to_string())])
                        )
                    })
                    .unwrap_or_default();
                let text = match &c.quote {
                    Some(q) if o.speaks(q.lang.as_str()) => &q.text,
                    _ => &c.text,
                };
                let _ = writeln!(out, "  - [{}] {text}{deadline}", who.join(" "));
            }
        }
        crate::neutral::terminal_owned(out)
    }

    /// The commitments that pass `keep`, grouped under the top-level areas they cover (a
    /// commitment appears once under each), keyed by the area's position in load order;
    /// commitments stay in load order within a group.
    pub(crate) fn commitments_by_top_area(
        &self,
        keep: impl Fn(&Commitment) -> bool,
    ) -> BTreeMap<usize, Vec<&Commitment>> {
        let mut groups: BTreeMap<usize, Vec<&Commitment>> = BTreeMap::new();
        for c in self.commitments().iter().filter(|c| keep(c)) {
            let mut tops: Vec<usize> = c
                .areas
                .iter()
                .filter_map(|a| self.ids.areas.get(self.top_area(a.as_str())))
                .map(|&i| i as usize)
                .collect();
            tops.sort_unstable();
            tops.dedup();
            for t in tops {
                groups.entry(t).or_default().push(c);
            }
        }
        groups
    }

    /// The top of an area's hierarchy.
    pub(crate) fn top_area<'a>(&'a self, id: &'a str) -> &'a str {
        let mut cur = id;
        // The loader rejects cycles; the bound keeps this total on any input.
        for _ in 0..self.areas().len() {
            match self.area(cur).and_then(|a| a.parent.as_ref()) {
                Some(p) => cur = p.as_str(),
                None => break,
            }
        }
        cur
    }

    fn overview_mechanism(
        &self,
        out: &mut String,
        mech: &Mechanism,
        o: &crate::render::ReportOptions,
    ) {
        let m = o.messages();
        let lang = o.lang_str();
        let name = mech.name.get(lang).unwrap_or(mech.id.as_str());
        let _ = writeln!(out, "{name} [{}]", mech.id);
        let _ = writeln!(
            out,
            "{}",
            "=".repeat(name.chars().count() + mech.id.as_str().len() + 3)
        );
        let members: Vec<&str> = mech
            .members
            .iter()
            .map(|x| self.party_label(x.party.as_str(), lang))
            .collect();
        let _ = writeln!(out, "{}: {}", m.get("overview.members"), members.join(", "));
        if let Some(est) = mech.established {
            let _ = writeln!(out, "{}: {est}", m.get("overview.established"));
        }
        if let Some(s) = &mech.secretariat {
            let since = s
                .established
                .map(|d| {
                    format!(
                        ", {}",
                        m.format("overview.since", &[("date", &d.to_string())])
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "{}: {}{since}",
                m.get("overview.secretariat"),
                s.seat.get(lang).unwrap_or("")
            );
        }
        let mut summits: Vec<_> = self
            .summits()
            .iter()
            .filter(|s| s.mechanism == mech.id)
            .collect();
        summits.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        let _ = writeln!(out, "{}:", m.get("overview.summits"));
        for s in summits {
            let ed = match s.edition {
                Edition::Ordinal(n) => format!("{n:>2}."),
                Edition::Special => "  *".to_owned(),
            };
            let place = match (&s.venue, &s.host) {
                (Some(v), _) => v.city.get(lang).unwrap_or("").to_owned(),
                (None, Some(h)) => self.party_label(h.as_str(), lang).to_owned(),
                (None, None) if s.online => m.get("overview.video-link").to_owned(),
                (None, None) => m.get("overview.venue-unknown").to_owned(),
            };
            let host = s
                .host
                .as_ref()
                .map(|h| {
                    format!(
                        ", {}",
                        m.format(
                            "overview.host",
                            &[("name", self.party_label(h.as_str(), lang))]
                        )
                    )
                })
                .unwrap_or_default();
            let conf = if s.confidence == crate::Confidence::Reported {
                format!(", {}", m.get("overview.reported-once"))
            } else {
                String::new()
            };
            let docs = self
                .documents()
                .iter()
                .filter(|d| d.summit.as_ref() == Some(&s.id))
                .count();
            let docs = if docs > 0 {
                format!(", {}", m.count("count.document", docs))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {ed} {:<23} {place} ({}{host}{conf}{docs})",
                s.date.to_string(),
                m.word("summit-status", s.status.as_str())
            );
        }
        let decisions = self.reconcile(mech.id.as_str()).unwrap_or_default();
        if !decisions.is_empty() {
            let _ = writeln!(out, "{}:", m.get("decisions.heading"));
            for r in &decisions {
                let summit = r
                    .summit
                    .as_ref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                let what = crate::schedule::decided_words(self, &r.decision, &m, lang);
                let _ = writeln!(
                    out,
                    "  {:>2}. {}: {}{summit}",
                    r.edition,
                    m.format("decisions.decided", &[("what", &what)]),
                    crate::schedule::outcome_words(self, &r.outcome, &m, lang)
                );
            }
        }
        if let Some(day) = o.reference_day() {
            let next = crate::PartialDate::from_naive(day)
                .ok()
                .and_then(|d| self.next_edition(mech.id.as_str(), d).ok());
            let line = match next {
                Some(Some(e)) => {
                    let date = e.date.map_or_else(
                        || m.get("schedule.date-unknown").to_owned(),
                        |d| d.to_string(),
                    );
                    format!(
                        "{date}, {} ({}; {})",
                        crate::schedule::host_text(self, &e, &m, lang),
                        m.word("edition-status", e.status.as_str()),
                        e.source_in(&m)
                    )
                }
                _ => m.get("overview.nothing-next").to_owned(),
            };
            let _ = writeln!(out, "{}: {line}", m.get("overview.next"));
        }
        let _ = writeln!(out);
    }
}
