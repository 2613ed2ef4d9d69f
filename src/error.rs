//! The domain error returned by queries and projections.

use std::fmt;

/// An error from a query, a projection or an export: an unknown id, an invalid argument.
///
/// Load problems are reported separately, as [`LoadError`](crate::LoadError) with one
/// diagnostic per problem. Branch on the kind with the `is_*` predicates; the message is
/// lowercase, without a trailing period, with names in backticks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
enum ErrorKind {
    /// An id that names nothing of that kind in the dataset.
    Unknown {
        what: &'static str,
        id: String,
        suggestion: Option<String>,
    },
    /// An argument that cannot be used.
    Invalid(String),
    /// Writing output failed.
    Io(String),
}

impl Error {
    /// An unknown id of a kind (`"mechanism"`, `"party"`), with a suggestion if one is close.
    pub(crate) fn unknown(what: &'static str, id: &str, suggestion: Option<&str>) -> Error {
        Error {
            kind: ErrorKind::Unknown {
                what,
                id: id.to_owned(),
                suggestion: suggestion.map(str::to_owned),
            },
        }
    }

    /// An invalid argument, with a message saying why.
    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Invalid(message.into()),
        }
    }

    /// A failure to write output.
    pub(crate) fn io(err: &std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io(err.to_string()),
        }
    }

    /// Whether the error is an id that names nothing in the dataset.
    pub fn is_unknown_id(&self) -> bool {
        matches!(self.kind, ErrorKind::Unknown { .. })
    }

    /// Whether the error is an argument that cannot be used.
    pub fn is_invalid_argument(&self) -> bool {
        matches!(self.kind, ErrorKind::Invalid(_))
    }

    /// Whether writing output failed.
    pub fn is_io(&self) -> bool {
        matches!(self.kind, ErrorKind::Io(_))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Unknown {
                what,
                id,
                suggestion,
            } => {
                write!(f, "unknown {what} `{id}`")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
            ErrorKind::Invalid(m) => f.write_str(m),
            ErrorKind::Io(m) => write!(f, "cannot write output: {m}"),
        }
    }
}

impl std::error::Error for Error {}

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely
/// typo (at most a third of the word's length, and at least one edit allowed).
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = levenshtein(&word.to_lowercase(), &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance between two strings, by characters.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        if let Some(c0) = cur.first_mut() {
            *c0 = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(levenshtein("kzz", "kz"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(did_you_mean("kzz", ["kz", "kg", "uz"]), Some("kz"));
        assert_eq!(did_you_mean("xx", ["kz", "kg"]), None);
        assert_eq!(did_you_mean("sumit", ["summit", "source"]), Some("summit"));
        assert_eq!(
            Error::unknown("mechanism", "china-centralasia", Some("china-central-asia"))
                .to_string(),
            "unknown mechanism `china-centralasia` (did you mean `china-central-asia`?)"
        );
    }
}
