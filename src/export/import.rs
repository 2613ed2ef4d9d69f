//! Reading a compliance matrix (commitments × parties, as `export csv --table matrix` writes
//! it and as researchers keep it) back into assessment records.

use super::toml::quote;
use crate::error::did_you_mean;
use crate::{Dataset, Error, Mark, NOT_APPLICABLE, PartialDate, Score};
use std::fmt::Write as _;

/// What the records made from a matrix say besides the marks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixImport {
    /// The document whose commitments the rows are.
    pub document: String,
    /// The rater.
    pub rater: String,
    /// When the assessments were recorded.
    pub recorded: PartialDate,
    /// The date they describe (`recorded` when not set).
    pub as_of: Option<PartialDate>,
    /// The source they cite.
    pub evidence: String,
}

/// One field of a CSV file with its line and column (from 1).
struct Field {
    text: String,
    line: usize,
    col: usize,
}

/// RFC 4180 records: quoted fields, doubled quotes, CRLF or LF line ends.
fn records(text: &str) -> Vec<Vec<Field>> {
    let mut out = Vec::new();
    let mut row = Vec::new();
    let (mut line, mut col) = (1, 1);
    let mut field = Field {
        text: String::new(),
        line,
        col,
    };
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                col += 1;
                field.text.push('"');
            }
            (true, '"') => quoted = false,
            (true, '\n') => {
                line += 1;
                col = 1;
                field.text.push('\n');
            }
            (true, c) => field.text.push(c),
            (false, '"') => quoted = true,
            (false, ',') => {
                row.push(std::mem::replace(
                    &mut field,
                    Field {
                        text: String::new(),
                        line,
                        col,
                    },
                ));
            }
            (false, '\r') => {}
            (false, '\n') => {
                row.push(field);
                out.push(std::mem::take(&mut row));
                line += 1;
                col = 1;
                field = Field {
                    text: String::new(),
                    line,
                    col,
                };
            }
            (false, c) => field.text.push(c),
        }
    }
    if !field.text.is_empty() || !row.is_empty() {
        row.push(field);
        out.push(row);
    }
    out
}

/// A cell as the export writes it, with the `'` that keeps a spreadsheet from reading a
/// formula taken off.
fn cell(f: &Field) -> &str {
    f.text.strip_prefix('\'').unwrap_or(&f.text).trim()
}

impl Dataset {
    /// Assessment records (TOML in the data format, with the rater, dates and evidence set
    /// once in `[assessment-defaults]`) from a commitments × parties CSV matrix: a header
    /// `commitment, number, title, <party ids>…[, compliance %]`, a row per commitment of
    /// the document, cells `+1`/`1`, `0`, `-1`, `n/a`, empty (not assessed: no record) or
    /// `not bound`; a last row `compliance %` is ignored.
    ///
    /// # Errors
    ///
    /// With `file:line:column` and a suggestion: an unknown document, party or commitment,
    /// a commitment of another document, a bad cell, a mark for a party the commitment does
    /// not bind, `not bound` for one it binds.
    ///
    /// ```
    /// use summitry::{Dataset, export::MatrixImport};
    ///
    /// let ds = Dataset::bundled();
    /// let c = ds.commitment("xian-heads-of-state-mechanism").ok_or("none")?;
    /// let csv = format!("commitment,number,title,kz\n{},,,+1\n", c.id);
    /// let o = MatrixImport {
    ///     document: c.document.to_string(),
    ///     rater: "me".into(),
    ///     recorded: "2026".parse()?,
    ///     as_of: None,
    ///     evidence: c.sources()[0].to_string(),
    /// };
    /// let toml = ds.import_matrix("m.csv", &csv, &o)?;
    /// assert!(toml.contains("party = \"kz\""), "{toml}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn import_matrix(&self, file: &str, csv: &str, o: &MatrixImport) -> Result<String, Error> {
        let at =
            |f: &Field, msg: String| Error::invalid(format!("{file}:{}:{}: {msg}", f.line, f.col));
        if self.document(&o.document).is_none() {
            let ids = self.documents().iter().map(|d| d.id.as_str());
            return Err(Error::unknown(
                "document",
                &o.document,
                did_you_mean(&o.document, ids),
            ));
        }
        if self.source(&o.evidence).is_none() {
            let ids = self.sources().iter().map(|s| s.id.as_str());
            return Err(Error::unknown(
                "source",
                &o.evidence,
                did_you_mean(&o.evidence, ids),
            ));
        }
        let rows = records(csv);
        let Some((head, body)) = rows.split_first() else {
            return Err(Error::invalid(format!("{file}: empty matrix")));
        };
        let fixed = ["commitment", "number", "title"];
        for (i, want) in fixed.iter().enumerate() {
            match head.get(i) {
                Some(f) if cell(f) == *want => {}
                Some(f) => {
                    return Err(at(
                        f,
                        format!("expected the column `{want}`, found `{}`", cell(f)),
                    ));
                }
                None => {
                    return Err(Error::invalid(format!(
                        "{file}:1: the header needs `commitment,number,title` and party ids"
                    )));
                }
            }
        }
        let mut parties = Vec::new();
        for f in head.iter().skip(fixed.len()) {
            let id = cell(f).to_ascii_lowercase();
            if id == super::csv::MATRIX_PERCENT {
                break;
            }
            if self.party(&id).is_none() {
                let s = did_you_mean(&id, self.parties().iter().map(|p| p.id.as_str()));
                let help = s
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(at(f, format!("unknown party `{id}` in the header{help}")));
            }
            parties.push(id);
        }
        let as_of = o.as_of.unwrap_or(o.recorded);
        let mut out =
            String::from("# Assessments read from a compliance matrix.\n\n[assessment-defaults]\n");
        let _ = writeln!(out, "rater = {}", quote(&o.rater));
        let _ = writeln!(out, "as-of = {}", quote(&as_of.to_string()));
        let _ = writeln!(out, "recorded = {}", quote(&o.recorded.to_string()));
        let _ = writeln!(out, "evidence = [{}]", quote(&o.evidence));
        for row in body {
            let Some(first) = row.first() else { continue };
            let id = cell(first);
            if id == super::csv::MATRIX_PERCENT || (row.len() == 1 && id.is_empty()) {
                continue;
            }
            let Some(c) = self.commitment(id) else {
                let s = did_you_mean(id, self.commitments().iter().map(|c| c.id.as_str()));
                let help = s
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(at(first, format!("unknown commitment `{id}`{help}")));
            };
            if c.document.as_str() != o.document {
                return Err(at(
                    first,
                    format!(
                        "commitment `{id}` is in `{}`, not `{}`",
                        c.document, o.document
                    ),
                ));
            }
            for (party, f) in parties.iter().zip(row.iter().skip(fixed.len())) {
                let text = cell(f);
                let bound = c.binds(party);
                let mark = match text {
                    "" => continue,
                    crate::query::NOT_BOUND if !bound => continue,
                    crate::query::NOT_BOUND => {
                        return Err(at(
                            f,
                            format!(
                                "`{party}` is bound by `{id}`: write a score, `n/a` or nothing"
                            ),
                        ));
                    }
                    NOT_APPLICABLE => Mark::NotApplicable,
                    "+1" | "1" => Mark::Score(Score::FULL),
                    "0" => Mark::Score(Score::PARTIAL),
                    "-1" => Mark::Score(Score::NONE),
                    other => {
                        let hint = match other.to_ascii_lowercase().as_str() {
                            "na" | "n.a." | "n/a." | "not applicable" => {
                                " (write `n/a` for not applicable)"
                            }
                            _ => "",
                        };
                        return Err(at(
                            f,
                            format!(
                                "`{other}` for `{party}` on `{id}` is not a mark: use +1, 0, -1, n/a or nothing{hint}"
                            ),
                        ));
                    }
                };
                if !bound {
                    return Err(at(
                        f,
                        format!(
                            "`{id}` does not bind `{party}`: leave the cell empty or write `not bound`"
                        ),
                    ));
                }
                let _ = write!(
                    out,
                    "\n[[assessment]]\ncommitment = {}\nparty = {}\n",
                    quote(id),
                    quote(party)
                );
                match mark {
                    Mark::Score(s) => {
                        let _ = writeln!(out, "score = {}", s.value());
                    }
                    Mark::NotApplicable => {
                        let _ = writeln!(out, "score = {}", quote(NOT_APPLICABLE));
                    }
                }
            }
        }
        Ok(out)
    }
}
