//! One CSV table per kind of record.

use super::ExportOptions;
use crate::render::ReportOptions;
use crate::report::csv::record;
use crate::{Dataset, Error, PartialDate};

/// The label of the matrix's last column and row.
pub(crate) const MATRIX_PERCENT: &str = "compliance %";

/// A table of [`Dataset::export_csv`].
///
/// ```
/// use summitry::export::Table;
///
/// let t: Table = "schedule".parse()?;
/// assert_eq!(t, Table::Schedule);
/// assert_eq!(t.to_string(), "schedule");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Table {
    /// One row per summit.
    Summits,
    /// One row per commitment.
    Commitments,
    /// One row per assessment.
    Assessments,
    /// One row per edition of each mechanism's schedule: held, decided, projected.
    Schedule,
    /// The compliance report's table: a row per commitment (id, number, short title), a
    /// column per party bound, cells `+1`, `0`, `-1`, `n/a`, empty when not assessed or
    /// `not bound`; a last column and row with the compliance percentages (G20 Research
    /// Group method), as known on the reference date, of one rater if set.
    Matrix,
}

impl Table {
    /// Every table.
    pub const ALL: [Table; 5] = [
        Table::Summits,
        Table::Commitments,
        Table::Assessments,
        Table::Schedule,
        Table::Matrix,
    ];

    /// The word used on the command line: `summits`, `commitments`, `assessments`,
    /// `schedule`.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Summits => "summits",
            Table::Commitments => "commitments",
            Table::Assessments => "assessments",
            Table::Schedule => "schedule",
            Table::Matrix => "matrix",
        }
    }
}

fn date_cells(d: Option<&PartialDate>) -> [String; 4] {
    match d {
        Some(d) => [
            d.to_string(),
            format!("{:?}", d.precision()).to_lowercase(),
            d.first().to_string(),
            d.last().to_string(),
        ],
        None => Default::default(),
    }
}

fn join<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join(";")
}

impl Dataset {
    /// One table as CSV (RFC 4180: a header row, fields quoted when they contain `,`, `"`, CR
    /// or LF, CRLF line ends; lists inside a field joined with `;`). Ids are ids; names are in
    /// [`ExportOptions::lang`]. Every date comes with its `precision` (`year`, `month`, `day`,
    /// `range`) and its first and last possible days, so a spreadsheet can sort and filter
    /// without ever reading `2027` as 1 January 2027.
    ///
    /// A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
    /// leading `'`, so that a spreadsheet shows it as text and never runs it as a formula
    /// (OWASP, "CSV Injection"); numbers (a score of `-1`) stay numbers.
    /// [`ExportOptions::raw_csv`] writes the text as it is, for programs.
    ///
    /// - [`Table::Summits`]: `id, mechanism, edition, name, date, precision, first_day,
    ///   last_day, host, host_name, city, online, status, confidence, participants, sources,
    ///   note`.
    /// - [`Table::Commitments`]: the columns of [`commitments_csv`](crate::render::commitments_csv)
    ///   (`id, mechanism, summit, document, kind, strength, deadline, areas, obligors,
    ///   status, text`, and `deadline_state` when [`ExportOptions::as_of`] is set).
    /// - [`Table::Assessments`]: `commitment, party, score, status, rater, as_of, recorded,
    ///   evidence, note`.
    /// - [`Table::Schedule`]: for each mechanism (or the one in the options), its editions up
    ///   to [`ExportOptions::upcoming`] not yet held: `mechanism, ordinal, date, precision,
    ///   first_day, last_day, host, host_name, candidates, status, summit, source`
    ///   (`ordinal` empty for a special edition; `candidates` `;`-joined when the host is not
    ///   known; `source` the short provenance of
    ///   [`ProjectedEdition::source`](crate::ProjectedEdition::source)).
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism (schedule table only).
    ///
    /// ```
    /// use summitry::export::{ExportOptions, Table};
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let csv = ds.export_csv_string(Table::Commitments, &ExportOptions::new())?;
    /// assert_eq!(csv.lines().count(), ds.commitments().len() + 1); // a header, then one row each
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_csv_string(&self, table: Table, o: &ExportOptions) -> Result<String, Error> {
        let mut out = String::new();
        match table {
            Table::Matrix => {
                let m = self.compliance_matrix(&o.scorecard_query())?;
                let mut head: Vec<String> =
                    ["commitment", "number", "title"].map(String::from).to_vec();
                head.extend(m.parties.iter().map(|p| p.as_str().to_owned()));
                head.push(MATRIX_PERCENT.to_owned());
                record(&mut out, o.raw_csv, &head);
                let pct = |p: Option<i64>| p.map(|p| p.to_string()).unwrap_or_default();
                for r in &m.rows {
                    let mut line = vec![
                        r.commitment.id.to_string(),
                        r.commitment
                            .number
                            .as_deref()
                            .unwrap_or_default()
                            .to_owned(),
                        r.commitment.title.as_deref().unwrap_or_default().to_owned(),
                    ];
                    line.extend(r.cells.iter().map(|c| c.as_text()));
                    line.push(pct(r.percent));
                    record(&mut out, o.raw_csv, &line);
                }
                let mut last = vec![MATRIX_PERCENT.to_owned(), String::new(), String::new()];
                last.extend(m.party_percent.iter().map(|p| pct(*p)));
                last.push(pct(m.total_percent));
                record(&mut out, o.raw_csv, &last);
            }
            Table::Summits => {
                record(
                    &mut out,
                    o.raw_csv,
                    &[
                        "id",
                        "mechanism",
                        "edition",
                        "name",
                        "date",
                        "precision",
                        "first_day",
                        "last_day",
                        "host",
                        "host_name",
                        "city",
                        "online",
                        "status",
                        "confidence",
                        "participants",
                        "sources",
                        "note",
                    ],
                );
                for s in self.summits() {
                    let [date, precision, first, last] = date_cells(Some(&s.date));
                    let host = s.host.as_ref().map(|h| h.as_str()).unwrap_or("");
                    let participants: Vec<&str> =
                        s.participants.iter().map(|p| p.party.as_str()).collect();
                    record(
                        &mut out,
                        o.raw_csv,
                        &[
                            s.id.to_string(),
                            s.mechanism.to_string(),
                            s.edition
                                .ordinal()
                                .map_or_else(|| "special".to_owned(), |n| n.to_string()),
                            s.name
                                .as_ref()
                                .and_then(|n| n.get(&o.lang))
                                .unwrap_or("")
                                .to_owned(),
                            date,
                            precision,
                            first,
                            last,
                            host.to_owned(),
                            if host.is_empty() {
                                String::new()
                            } else {
                                self.party_label(host, &o.lang).to_owned()
                            },
                            s.venue
                                .as_ref()
                                .and_then(|v| v.city.get(&o.lang))
                                .unwrap_or("")
                                .to_owned(),
                            s.online.to_string(),
                            s.status.as_str().to_owned(),
                            s.confidence.as_str().to_owned(),
                            join(&participants),
                            join(&s.sources),
                            s.note.clone().unwrap_or_default(),
                        ],
                    );
                }
            }
            Table::Commitments => {
                let mut ro = ReportOptions::new().lang(o.lang.clone()).raw_csv(o.raw_csv);
                if let Some(a) = o.as_of {
                    ro = ro.reference(a.first_day());
                }
                out = crate::render::commitments_csv(self, self.commitments(), &ro);
            }
            Table::Assessments => {
                record(
                    &mut out,
                    o.raw_csv,
                    &[
                        "commitment",
                        "party",
                        "score",
                        "status",
                        "rater",
                        "as_of",
                        "recorded",
                        "evidence",
                        "note",
                    ],
                );
                for a in self.assessments() {
                    record(
                        &mut out,
                        o.raw_csv,
                        &[
                            a.commitment.to_string(),
                            a.party.to_string(),
                            a.mark().map(|m| m.to_string()).unwrap_or_default(),
                            a.status.map(|s| s.as_str()).unwrap_or("").to_owned(),
                            a.rater.to_string(),
                            a.as_of.to_string(),
                            a.recorded.to_string(),
                            join(&a.evidence),
                            a.note.as_deref().unwrap_or_default().to_owned(),
                        ],
                    );
                }
            }
            Table::Schedule => {
                record(
                    &mut out,
                    o.raw_csv,
                    &[
                        "mechanism",
                        "ordinal",
                        "date",
                        "precision",
                        "first_day",
                        "last_day",
                        "host",
                        "host_name",
                        "candidates",
                        "status",
                        "summit",
                        "source",
                    ],
                );
                for m in self.export_mechanisms(o)? {
                    for e in self.export_editions(m, o) {
                        let [date, precision, first, last] = date_cells(e.date.as_ref());
                        let host = e.host.as_ref().map(|h| h.as_str()).unwrap_or("");
                        record(
                            &mut out,
                            o.raw_csv,
                            &[
                                m.id.to_string(),
                                e.ordinal.map(|n| n.to_string()).unwrap_or_default(),
                                date,
                                precision,
                                first,
                                last,
                                host.to_owned(),
                                if host.is_empty() {
                                    String::new()
                                } else {
                                    self.party_label(host, &o.lang).to_owned()
                                },
                                join(&e.candidates),
                                e.status.as_str().to_owned(),
                                e.summit.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                                e.source(),
                            ],
                        );
                    }
                }
            }
        }
        Ok(out)
    }
}

crate::model::vocabulary!(Table, "table");
