//! The domain error returned by queries and projections.

/// An error from a query, a projection or an export: an unknown id, an invalid argument.
///
/// Load problems are reported separately, as [`LoadError`](crate::LoadError) with one
/// diagnostic per problem. Branch on the kind with the `is_*` predicates; the message is
/// lowercase, without a trailing period, with names in backticks.
///
/// ```
/// let ds = summitry::Dataset::bundled();
/// let err = ds.schedule("china-centralasia").unwrap_err();
/// assert!(err.is_unknown_id());
/// assert_eq!(err.to_string(), "unknown mechanism `china-centralasia` (did you mean `china-central-asia`?)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(transparent)]
pub struct Error(#[from] ErrorKind);

/// The private kinds of [`Error`]; callers branch with the `is_*` predicates.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
enum ErrorKind {
    /// An id that names nothing of that kind in the dataset.
    #[error("unknown {what} `{id}`{}", suggest(.suggestion))]
    Unknown {
        what: &'static str,
        id: String,
        suggestion: Option<String>,
    },
    /// An argument that cannot be used.
    #[error("{0}")]
    Invalid(String),
    /// Writing an export failed.
    #[error("cannot write the export: {0}")]
    Io(String),
}

fn suggest(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default()
}

impl Error {
    /// An unknown id of a kind (`"mechanism"`, `"party"`), with a suggestion if one is close.
    pub(crate) fn unknown(what: &'static str, id: &str, suggestion: Option<&str>) -> Error {
        Error(ErrorKind::Unknown {
            what,
            id: id.to_owned(),
            suggestion: suggestion.map(str::to_owned),
        })
    }

    /// An invalid argument, with a message saying why.
    pub(crate) fn invalid(message: impl Into<String>) -> Error {
        Error(ErrorKind::Invalid(message.into()))
    }

    /// Writing to an [`std::io::Write`] failed (an export).
    pub(crate) fn io(e: &std::io::Error) -> Error {
        Error(ErrorKind::Io(e.to_string()))
    }

    /// Whether the error is a failure to write an export into its writer.
    pub fn is_io(&self) -> bool {
        matches!(self.0, ErrorKind::Io(_))
    }

    /// Whether the error is an id that names nothing in the dataset.
    pub fn is_unknown_id(&self) -> bool {
        matches!(self.0, ErrorKind::Unknown { .. })
    }

    /// Whether the error is an argument that cannot be used.
    pub fn is_invalid_argument(&self) -> bool {
        matches!(self.0, ErrorKind::Invalid(_))
    }
}

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely
/// typo (at most a third of the word's length, and at least one edit allowed).
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        // The word itself is never a suggestion: it was just rejected.
        if c == word {
            continue;
        }
        let d = levenshtein(&word.to_lowercase(), &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance between two strings, by characters, counting a swap of two neighbours as
/// one edit (optimal string alignment), so `hled` is one edit from `held`.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let at = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        if let Some(x) = d.get_mut(at(i, 0)) {
            *x = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(x) = d.get_mut(at(0, j)) {
            *x = j;
        }
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let (ca, cb) = (a.get(i - 1), b.get(j - 1));
            let cost = usize::from(ca != cb);
            let get = |i, j| d.get(at(i, j)).copied().unwrap_or(usize::MAX / 2);
            let mut v = (get(i - 1, j) + 1)
                .min(get(i, j - 1) + 1)
                .min(get(i - 1, j - 1) + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                v = v.min(get(i - 2, j - 2) + 1);
            }
            if let Some(x) = d.get_mut(at(i, j)) {
                *x = v;
            }
        }
    }
    d.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(levenshtein("kzz", "kz"), 1);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("hled", "held"), 1);
        assert_eq!(did_you_mean("kzz", ["kz", "kg", "uz"]), Some("kz"));
        assert_eq!(did_you_mean("xx", ["kz", "kg"]), None);
        assert_eq!(did_you_mean("sumit", ["summit", "source"]), Some("summit"));
        // The rejected word itself is never suggested, only another one.
        assert_eq!(did_you_mean("host", ["host", "hosts"]), Some("hosts"));
        assert_eq!(did_you_mean("rus", ["rus"]), None);
        assert_eq!(
            Error::unknown("mechanism", "china-centralasia", Some("china-central-asia"))
                .to_string(),
            "unknown mechanism `china-centralasia` (did you mean `china-central-asia`?)"
        );
    }
}
