//! Closed vocabularies: the words of data files and the command line, read and written by one
//! macro so that `Display`, `FromStr` and serde agree.

use std::fmt;

/// A word that is not in a vocabulary, from the [`FromStr`](std::str::FromStr) of a
/// vocabulary enum such as [`SummitStatus`](crate::SummitStatus).
///
/// Its message names what was being parsed, suggests the closest word and lists every valid
/// one:
///
/// ```
/// use summitry::SummitStatus;
///
/// let err = "hled".parse::<SummitStatus>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown summit status `hled` (did you mean `held`?): use planned, held, postponed or cancelled"
/// );
/// assert_eq!(err.valid(), ["planned", "held", "postponed", "cancelled"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownWord {
    what: &'static str,
    word: String,
    valid: Vec<&'static str>,
}

impl UnknownWord {
    pub(crate) fn new(what: &'static str, word: &str, valid: Vec<&'static str>) -> UnknownWord {
        UnknownWord {
            what,
            word: word.to_owned(),
            valid,
        }
    }

    /// What was being parsed: `summit status`, `completion`, ...
    pub fn what(&self) -> &str {
        self.what
    }

    /// The word that was given.
    pub fn word(&self) -> &str {
        &self.word
    }

    /// Every valid word, in the vocabulary's order.
    pub fn valid(&self) -> &[&'static str] {
        &self.valid
    }

    /// The valid word closest to the one given, if one is close enough to be a likely typo.
    pub fn suggestion(&self) -> Option<&'static str> {
        crate::error::did_you_mean(&self.word, self.valid.iter().copied())
    }
}

impl fmt::Display for UnknownWord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} `{}`", self.what, self.word)?;
        if let Some(s) = self.suggestion() {
            write!(f, " (did you mean `{s}`?)")?;
        }
        f.write_str(": use ")?;
        let n = self.valid.len();
        for (i, w) in self.valid.iter().enumerate() {
            if i > 0 {
                f.write_str(if i + 1 == n { " or " } else { ", " })?;
            }
            f.write_str(w)?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownWord {}

/// `Display`, `FromStr` (with [`UnknownWord`]) and serde through the `ALL` list and `as_str`
/// of a vocabulary enum.
macro_rules! vocabulary {
    ($ty:ty, $what:literal) => {
        impl ::std::fmt::Display for $ty {
            /// The word used in data files and on the command line.
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::UnknownWord;

            /// Parses the word used in data files and on the command line, in any ASCII case
            /// (`held`, `Held`).
            fn from_str(s: &str) -> Result<Self, $crate::UnknownWord> {
                <$ty>::ALL
                    .into_iter()
                    .find(|x| x.as_str().eq_ignore_ascii_case(s))
                    .ok_or_else(|| {
                        $crate::UnknownWord::new(
                            $what,
                            s,
                            <$ty>::ALL.iter().map(|x| x.as_str()).collect(),
                        )
                    })
            }
        }

        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::string::String as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use vocabulary;
