//! A small RFC 4180 CSV writer.
//!
//! Fields containing `,`, `"`, CR or LF are quoted, with quotes doubled; every record,
//! including the last, ends with CRLF as RFC 4180 prescribes. Unless `raw`, a text field
//! that a spreadsheet would read as a formula gets a leading `'`
//! ([`crate::neutral::csv_cell`]).

/// Appends one record to `out`; `raw` writes every field as it is (for programs).
pub(crate) fn record<S: AsRef<str>>(out: &mut String, raw: bool, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = if raw {
            std::borrow::Cow::Borrowed(f.as_ref())
        } else {
            crate::neutral::csv_cell(f.as_ref())
        };
        if f.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let mut out = String::new();
        record(&mut out, false, &["id", "text"]);
        record(&mut out, false, &["a", "plain"]);
        record(&mut out, false, &["b", "with, comma"]);
        record(&mut out, false, &["c", "say \"hi\""]);
        record(&mut out, false, &["d", "two\nlines"]);
        record(&mut out, false, &["", "Сіань"]);
        assert_eq!(
            out,
            "id,text\r\na,plain\r\nb,\"with, comma\"\r\nc,\"say \"\"hi\"\"\"\r\nd,\"two\nlines\"\r\n,Сіань\r\n"
        );
    }

    #[test]
    fn formulas_neutralised_unless_raw() {
        let row = [
            "=HYPERLINK(\"x\",\"y\")",
            "-1",
            "@a",
            "+b",
            "-0.5000",
            "\tz",
        ];
        let mut out = String::new();
        record(&mut out, false, &row);
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",-1,'@a,'+b,-0.5000,'\tz\r\n"
        );
        let mut out = String::new();
        record(&mut out, true, &row);
        assert_eq!(
            out,
            "\"=HYPERLINK(\"\"x\"\",\"\"y\"\")\",-1,@a,+b,-0.5000,\tz\r\n"
        );
    }
}
