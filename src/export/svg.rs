//! A timeline picture in SVG, written by hand.

use super::{ExportOptions, edition_city, mechanism_name};
use crate::{Dataset, EditionStatus, Error, Mechanism, PartialDate, Precision, ProjectedEdition};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The width of the picture, in pixels.
pub const SVG_WIDTH: u32 = 1000;
const LEFT: f64 = 30.0;
const RIGHT: f64 = 970.0;
const TOP: f64 = 70.0;
const LANE: f64 = 150.0;
const INK: &str = "#1f4e79";
const GREY: &str = "#8a8a8a";
const DEADLINE: &str = "#b03a2e";
const FONT: &str = "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\"";

/// Escapes text and attribute values for XML: `&`, `<`, `>`, `"` and `'`; a character XML
/// 1.0 forbids (a control character, U+FFFE, U+FFFF) becomes U+FFFD, so the picture is
/// always well-formed XML.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if !crate::neutral::xml_char(c) => out.push('\u{fffd}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Maps days to x positions.
struct Scale {
    start: NaiveDate,
    days: f64,
}

impl Scale {
    fn x(&self, d: NaiveDate) -> f64 {
        let n = (d - self.start).num_days() as f64;
        LEFT + (RIGHT - LEFT) * n / self.days
    }

    /// The middle of a partial date.
    fn mid(&self, d: &PartialDate) -> f64 {
        let end = d.last().succ_opt().unwrap_or(d.last());
        (self.x(d.first()) + self.x(end)) / 2.0
    }
}

/// Rows for labels around a lane, nearest first, and where the last label in each ends:
/// each label goes to the first row where it does not overlap the one before it.
struct Rows {
    offsets: &'static [f64],
    right: Vec<f64>,
}

impl Rows {
    fn new(offsets: &'static [f64]) -> Rows {
        Rows {
            offsets,
            right: vec![f64::MIN; offsets.len()],
        }
    }

    /// The vertical offset and text anchor of a label of `text` centred at `x`.
    fn place(&mut self, x: f64, text: &str) -> (f64, &'static str, f64) {
        let w = 6.6 * text.chars().count() as f64;
        let (anchor, left, tx) = if x - w / 2.0 < LEFT {
            ("start", LEFT, LEFT)
        } else if x + w / 2.0 > RIGHT {
            ("end", RIGHT - w, RIGHT)
        } else {
            ("middle", x - w / 2.0, x)
        };
        let row = self
            .right
            .iter()
            .position(|r| *r + 6.0 <= left)
            .unwrap_or_else(|| {
                // Every row is taken here: use the one that frees up first.
                self.right
                    .iter()
                    .enumerate()
                    .min_by(|a, b| a.1.total_cmp(b.1))
                    .map_or(0, |(i, _)| i)
            });
        if let Some(r) = self.right.get_mut(row) {
            *r = left + w;
        }
        (self.offsets.get(row).copied().unwrap_or(0.0), anchor, tx)
    }
}

fn jan1(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

/// A short label: the city (or host, or "one of N") and the year.
fn label(ds: &Dataset, e: &ProjectedEdition, d: &PartialDate, lang: &str) -> String {
    let online = e
        .summit
        .as_ref()
        .and_then(|s| ds.summit(s.as_str()))
        .is_some_and(|s| s.online);
    let place = match (edition_city(ds, e, lang), &e.host) {
        (Some(c), _) => c.to_owned(),
        (None, None) if online => "video link".to_owned(),
        (None, Some(h)) => ds.party_label(h.as_str(), lang).to_owned(),
        (None, None) if e.candidates.is_empty() => "host ?".to_owned(),
        (None, None) => format!("one of {}", e.candidates.len()),
    };
    let year = match d.precision() {
        Precision::Year => format!("{}", d.year()),
        Precision::Month => format!("{}-{:02}", d.year(), d.first().month()),
        _ => format!("{}", d.year()),
    };
    format!("{place} {year}")
}

/// The tooltip of an edition: everything known about it.
fn tooltip(
    ds: &Dataset,
    m: &Mechanism,
    e: &ProjectedEdition,
    d: &PartialDate,
    lang: &str,
) -> String {
    let ed = e
        .ordinal
        .map_or_else(|| "special edition".to_owned(), |n| format!("edition {n}"));
    format!(
        "{}, {ed}: {d}, {}, {}",
        mechanism_name(m, lang),
        super::host_words(ds, e, lang),
        e.status.as_str()
    )
}

/// Draws the mark of one edition at (x, y).
fn mark(out: &mut String, e: &ProjectedEdition, x: f64, y: f64) {
    let (fill, stroke, dash) = match e.status {
        EditionStatus::Held => (INK, INK, ""),
        EditionStatus::Decided => ("#ffffff", INK, ""),
        EditionStatus::Projected => ("#ffffff", INK, " stroke-dasharray=\"2.5 2\""),
        EditionStatus::Cancelled => ("#ffffff", GREY, ""),
    };
    if e.ordinal.is_none() {
        // A special edition: a diamond.
        let _ = write!(
            out,
            "<path d=\"M{:.1} {:.1} l7 7 l-7 7 l-7 -7 z\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}/>",
            x,
            y - 7.0
        );
    } else {
        let _ = write!(
            out,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6.5\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}/>"
        );
    }
    if e.status == EditionStatus::Cancelled {
        let _ = write!(
            out,
            "<path d=\"M{:.1} {:.1} l9 9 m0 -9 l-9 9\" stroke=\"{GREY}\" stroke-width=\"2\"/>",
            x - 4.5,
            y - 4.5
        );
    }
}

impl Dataset {
    /// A timeline picture (SVG, [`SVG_WIDTH`] pixels wide): one lane per mechanism (or the
    /// one in the options), years on the horizontal axis.
    ///
    /// Held editions are filled circles, decided ones outlined circles, projected ones dashed
    /// hollow circles, cancelled ones crossed out; special editions are diamonds. A date known
    /// only to the year or month is drawn as a pale band over that whole span, with the mark
    /// in its middle. Each mark is labelled with the city (or host, or "one of N" candidates)
    /// and the year, and carries a `<title>` tooltip with the full details. Commitment
    /// deadlines are small red triangles under the lane of their mechanism (with a count when
    /// several fall on the same date). A dashed vertical line marks the reference date
    /// ([`ExportOptions::as_of`]). A legend explains every mark. Editions without any date
    /// cannot be placed and are counted under their lane.
    ///
    /// The output is well-formed XML, needs no external font (generic families only) and is
    /// deterministic.
    ///
    /// # Errors
    ///
    /// When the options name an unknown mechanism.
    ///
    /// ```
    /// use summitry::export::ExportOptions;
    ///
    /// let ds = summitry::Dataset::bundled();
    /// let svg = ds.export_svg_string(&ExportOptions::new())?;
    /// assert!(svg.contains("<svg ") && svg.trim_end().ends_with("</svg>"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn export_svg_string(&self, o: &ExportOptions) -> Result<String, Error> {
        let lang = o.lang.as_str();
        let mechanisms = self.export_mechanisms(o)?;
        let lanes: Vec<(&Mechanism, Vec<ProjectedEdition>)> = mechanisms
            .iter()
            .map(|m| (*m, self.export_editions(m, o)))
            .collect();
        // Deadlines per mechanism, grouped by date.
        let mut deadlines: Vec<BTreeMap<PartialDate, Vec<&str>>> = Vec::new();
        for m in &mechanisms {
            let mut by_date: BTreeMap<PartialDate, Vec<&str>> = BTreeMap::new();
            for c in self.commitments() {
                let Some(d) = c.deadline else { continue };
                if self
                    .document(c.document.as_str())
                    .is_some_and(|doc| doc.mechanism == m.id)
                {
                    by_date.entry(d).or_default().push(c.id.as_str());
                }
            }
            deadlines.push(by_date);
        }
        // The years shown.
        let dates = lanes
            .iter()
            .flat_map(|(_, es)| es.iter().filter_map(|e| e.date))
            .chain(deadlines.iter().flat_map(|d| d.keys().copied()))
            .chain(o.as_of);
        let (mut y0, mut y1) = (i32::MAX, i32::MIN);
        for d in dates {
            y0 = y0.min(d.first().year());
            y1 = y1.max(d.last().year());
        }
        if y0 > y1 {
            (y0, y1) = (2000, 2000);
        }
        let (Some(start), Some(end)) = (jan1(y0), jan1(y1 + 1)) else {
            return Err(Error::invalid("the dates cannot be drawn"));
        };
        let scale = Scale {
            start,
            days: ((end - start).num_days().max(1)) as f64,
        };
        let height = TOP + LANE * lanes.len() as f64 + 120.0;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SVG_WIDTH}\" height=\"{height:.0}\" viewBox=\"0 0 {SVG_WIDTH} {height:.0}\" {FONT} font-size=\"12\">"
        );
        let _ = writeln!(
            out,
            "<title>Summit timeline</title>\n<rect x=\"0\" y=\"0\" width=\"{SVG_WIDTH}\" height=\"{height:.0}\" fill=\"#ffffff\"/>"
        );
        let _ = writeln!(
            out,
            "<text x=\"{LEFT}\" y=\"28\" font-size=\"18\" font-weight=\"bold\" fill=\"#222222\">Summit timeline</text>"
        );
        let sub = match o.as_of {
            Some(d) => format!("Held, decided and projected editions; as of {d}"),
            None => "Held, decided and projected editions".to_owned(),
        };
        let _ = writeln!(
            out,
            "<text x=\"{LEFT}\" y=\"46\" fill=\"#555555\">{}</text>",
            xml(&sub)
        );
        // Year grid.
        let years = y1 - y0 + 1;
        let per_year = (RIGHT - LEFT) / f64::from(years.max(1));
        let step = [1, 2, 5, 10, 20, 50, 100, 1000]
            .into_iter()
            .find(|s| per_year * f64::from(*s) >= 36.0)
            .unwrap_or(1000);
        let bottom = TOP + LANE * lanes.len() as f64;
        for y in y0..=y1 + 1 {
            let Some(d) = jan1(y) else { continue };
            let x = scale.x(d);
            let _ = writeln!(
                out,
                "<line x1=\"{x:.1}\" y1=\"{TOP:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"#e4e4e4\"/>"
            );
        }
        for y in y0..=y1 {
            if (y - y0) % step != 0 {
                continue;
            }
            let (Some(a), Some(b)) = (jan1(y), jan1(y + 1)) else {
                continue;
            };
            let x = (scale.x(a) + scale.x(b)) / 2.0;
            let _ = writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555555\">{y}</text>",
                TOP - 6.0
            );
            let _ = writeln!(
                out,
                "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#555555\">{y}</text>",
                bottom + 16.0
            );
        }
        // Lanes.
        for (i, ((m, editions), dl)) in lanes.iter().zip(&deadlines).enumerate() {
            let top = TOP + LANE * i as f64;
            let base = top + 62.0;
            let _ = writeln!(out, "<g class=\"lane\" id=\"lane-{}\">", xml(m.id.as_str()));
            if i % 2 == 1 {
                let _ = writeln!(
                    out,
                    "<rect x=\"0\" y=\"{top:.1}\" width=\"{SVG_WIDTH}\" height=\"{LANE}\" fill=\"#f4f7fa\" fill-opacity=\"0.6\"/>"
                );
            }
            let _ = writeln!(
                out,
                "<text x=\"{LEFT}\" y=\"{:.1}\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">{}</text>",
                top + 20.0,
                xml(mechanism_name(m, lang))
            );
            let _ = writeln!(
                out,
                "<line x1=\"{LEFT}\" y1=\"{base:.1}\" x2=\"{RIGHT}\" y2=\"{base:.1}\" stroke=\"#b8b8b8\" stroke-width=\"1.5\"/>"
            );
            let dated: Vec<(&ProjectedEdition, PartialDate)> = editions
                .iter()
                .filter_map(|e| e.date.map(|d| (e, d)))
                .collect();
            // Bands for imprecise dates, under the marks.
            for (_, d) in &dated {
                if matches!(d.precision(), Precision::Year | Precision::Month) {
                    let x0 = scale.x(d.first());
                    let x1 = scale.x(d.last().succ_opt().unwrap_or(d.last()));
                    let _ = writeln!(
                        out,
                        "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12\" rx=\"3\" fill=\"{INK}\" fill-opacity=\"0.12\"/>",
                        base - 6.0,
                        (x1 - x0).max(1.0)
                    );
                }
            }
            let mut rows = Rows::new(&[-14.0, 22.0, -27.0, 35.0]);
            for (e, d) in &dated {
                let x = scale.mid(d);
                let id = match (e.ordinal, &e.summit) {
                    (Some(n), _) => format!("{}-{n}", m.id),
                    (None, Some(s)) => s.to_string(),
                    (None, None) => format!("{}-special", m.id),
                };
                let _ = write!(
                    out,
                    "<g class=\"edition {}\" id=\"{}\"",
                    e.status.as_str(),
                    xml(&id)
                );
                if let Some(s) = &e.summit {
                    let _ = write!(out, " data-summit=\"{}\"", xml(s.as_str()));
                }
                let _ = write!(
                    out,
                    "><title>{}</title>",
                    xml(&tooltip(self, m, e, d, lang))
                );
                mark(&mut out, e, x, base);
                // Labels go above or below the lane, wherever they do not collide.
                let text = label(self, e, d, lang);
                let (dy, anchor, tx) = rows.place(x, &text);
                let ly = base + dy;
                let colour = if e.status == EditionStatus::Held {
                    "#222222"
                } else {
                    "#444444"
                };
                let style = if e.status == EditionStatus::Held {
                    ""
                } else {
                    " font-style=\"italic\""
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{tx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\" font-size=\"11\" fill=\"{colour}\"{style}>{}</text></g>",
                    xml(&text)
                );
            }
            // Deadlines.
            let dy = base + 52.0;
            let mut drows = Rows::new(&[14.0, 26.0]);
            for (d, ids) in dl {
                // A deadline is the last day by which the commitment is due.
                let x = scale.x(d.last().succ_opt().unwrap_or(d.last()));
                let _ = write!(
                    out,
                    "<g class=\"deadline\"><title>{}</title><path d=\"M{:.1} {:.1} l5 -8 l5 8 z\" fill=\"{DEADLINE}\"/>",
                    xml(&format!("due {d}: {}", ids.join(", "))),
                    x - 5.0,
                    dy + 4.0
                );
                let n = if ids.len() > 1 {
                    format!("{d} ×{}", ids.len())
                } else {
                    d.to_string()
                };
                let (ty, anchor, tx) = drows.place(x, &n);
                let _ = writeln!(
                    out,
                    "<text x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" font-size=\"10\" fill=\"{DEADLINE}\">{}</text></g>",
                    dy + ty,
                    xml(&n)
                );
            }
            let undated = editions.iter().filter(|e| e.date.is_none()).count();
            if undated > 0 {
                let _ = writeln!(
                    out,
                    "<text x=\"{RIGHT}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\" fill=\"#555555\">+ {undated} later edition{} with no date known</text>",
                    top + 20.0,
                    if undated == 1 { "" } else { "s" }
                );
            }
            let _ = writeln!(out, "</g>");
        }
        if let Some(a) = o.as_of {
            let x = scale.x(a.first());
            let _ = writeln!(
                out,
                "<g class=\"as-of\"><line x1=\"{x:.1}\" y1=\"{TOP:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\" stroke=\"{DEADLINE}\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{DEADLINE}\">{}</text></g>",
                x + 4.0,
                bottom - 6.0,
                xml(&format!("as of {a}"))
            );
        }
        self.svg_legend(&mut out, bottom + 40.0);
        let _ = writeln!(out, "</svg>");
        Ok(out)
    }

    fn svg_legend(&self, out: &mut String, y: f64) {
        let _ = writeln!(
            out,
            "<g class=\"legend\" font-size=\"11\" fill=\"#333333\">"
        );
        let items: [(EditionStatus, bool, &str); 5] = [
            (EditionStatus::Held, false, "held"),
            (EditionStatus::Decided, false, "decided, not yet held"),
            (EditionStatus::Projected, false, "projected from the rule"),
            (EditionStatus::Cancelled, false, "cancelled"),
            (
                EditionStatus::Held,
                true,
                "special edition (outside the count)",
            ),
        ];
        let mut x = LEFT + 8.0;
        let mut row_y = y;
        for (status, special, text) in items {
            let e = ProjectedEdition {
                ordinal: if special { None } else { Some(1) },
                date: None,
                host: None,
                candidates: Vec::new(),
                status,
                summit: None,
                provenance: Vec::new(),
                host_name: None,
            };
            mark(out, &e, x, row_y - 4.0);
            let _ = writeln!(
                out,
                "<text x=\"{:.1}\" y=\"{row_y:.1}\">{}</text>",
                x + 12.0,
                xml(text)
            );
            x += 24.0 + 6.2 * text.chars().count() as f64;
            if x > RIGHT - 150.0 {
                x = LEFT + 8.0;
                row_y += 22.0;
            }
        }
        row_y += 24.0;
        x = LEFT;
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"22\" height=\"12\" rx=\"3\" fill=\"{INK}\" fill-opacity=\"0.12\"/><text x=\"{:.1}\" y=\"{row_y:.1}\">date known only to the year or month (the whole span)</text>",
            row_y - 10.0,
            x + 30.0
        );
        let x2 = x + 360.0;
        let _ = writeln!(
            out,
            "<path d=\"M{:.1} {:.1} l5 -8 l5 8 z\" fill=\"{DEADLINE}\"/><text x=\"{:.1}\" y=\"{row_y:.1}\">commitment deadline (due by the end of that date)</text>",
            x2,
            row_y,
            x2 + 16.0
        );
        let x3 = x2 + 310.0;
        let _ = writeln!(
            out,
            "<line x1=\"{x3:.1}\" y1=\"{:.1}\" x2=\"{x3:.1}\" y2=\"{:.1}\" stroke=\"{DEADLINE}\" stroke-dasharray=\"4 3\"/><text x=\"{:.1}\" y=\"{row_y:.1}\">reference date</text>",
            row_y - 12.0,
            row_y + 3.0,
            x3 + 8.0
        );
        let _ = writeln!(out, "</g>");
    }
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn escapes_markup() {
        assert_eq!(xml("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&apos;");
    }
}
