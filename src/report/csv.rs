//! A small RFC 4180 CSV writer.
//!
//! Fields containing `,`, `"`, CR or LF are quoted, with quotes doubled; every record,
//! including the last, ends with CRLF as RFC 4180 prescribes.

/// Appends one record to `out`.
pub(crate) fn record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let f = f.as_ref();
        if f.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
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
        record(&mut out, &["id", "text"]);
        record(&mut out, &["a", "plain"]);
        record(&mut out, &["b", "with, comma"]);
        record(&mut out, &["c", "say \"hi\""]);
        record(&mut out, &["d", "two\nlines"]);
        record(&mut out, &["", "Сіань"]);
        assert_eq!(
            out,
            "id,text\r\na,plain\r\nb,\"with, comma\"\r\nc,\"say \"\"hi\"\"\"\r\nd,\"two\nlines\"\r\n,Сіань\r\n"
        );
    }
}
