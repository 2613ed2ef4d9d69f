//! Identifiers: validated newtypes, one per kind of record.

use crate::hash::HashMap;
use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

/// Why a string is not a valid identifier.
///
/// ```
/// let err = summitry::PartyId::new("K Z").unwrap_err();
/// assert!(err.to_string().starts_with("`K Z` is not a valid id"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdError {
    pub(crate) message: String,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IdError {}

/// The longest identifier accepted, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// Checks the common identifier syntax: lowercase ASCII letters, digits, `-`, `_` and `.`,
/// starting with a letter or digit.
pub(crate) fn check_id_syntax(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError {
            message: "an id cannot be empty".into(),
        });
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError {
            message: format!("an id is at most {MAX_ID_LEN} bytes long"),
        });
    }
    let first_ok = s
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let rest_ok = s.bytes().all(|b| {
        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.'
    });
    if !first_ok || !rest_ok {
        return Err(IdError {
            message: format!(
                "`{s}` is not a valid id: use lowercase ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit"
            ),
        });
    }
    Ok(())
}

/// An id type built from an already checked, shared string (see [`interned`]).
pub(crate) trait SharedId: Sized {
    fn from_shared(s: Arc<str>) -> Self;
    /// The id's string, shared.
    fn shared(&self) -> Arc<str>;
}

/// The strings interned by a load, each with its number (its symbol).
#[derive(Default)]
struct Interner {
    map: HashMap<Arc<str>, u32>,
    /// The strings by symbol, until [`take_symbols`] takes them.
    strs: Vec<Arc<str>>,
}

thread_local! {
    /// The strings of the ids made by the load running on this thread, so that every
    /// mention of `kz` shares one allocation. Emptied when the load ends.
    static INTERNED: RefCell<Interner> = RefCell::new(Interner::default());
}

/// The shared copy of `s` for the load running on this thread, made on first use.
pub(crate) fn intern(s: &str) -> Arc<str> {
    intern_sym(s).1
}

/// The symbol of `s` (numbered from 0 in order of first use) and its shared copy.
pub(crate) fn intern_sym(s: &str) -> (u32, Arc<str>) {
    INTERNED.with(|cell| {
        let mut i = cell.borrow_mut();
        if let Some((a, n)) = i.map.get_key_value(s) {
            return (*n, Arc::clone(a));
        }
        let n = u32::try_from(i.map.len()).unwrap_or(u32::MAX);
        let a: Arc<str> = Arc::from(s);
        i.map.insert(Arc::clone(&a), n);
        i.strs.push(Arc::clone(&a));
        (n, a)
    })
}

/// Takes the strings interned so far, by symbol, once every file is read.
pub(crate) fn take_symbols() -> Vec<Arc<str>> {
    INTERNED.with(|cell| {
        let mut strs = std::mem::take(&mut cell.borrow_mut().strs);
        strs.shrink_to_fit();
        strs
    })
}

/// Checks an id's syntax and makes it from the shared copy of its string.
pub(crate) fn interned<T: SharedId>(s: &str) -> Option<T> {
    check_id_syntax(s).ok()?;
    Some(T::from_shared(intern(s)))
}

/// Ends interning for the load running on this thread: later loads share nothing with it.
/// Dropping the guard empties the table (the ids keep their strings).
pub(crate) struct InternScope(());

impl InternScope {
    pub(crate) fn begin() -> InternScope {
        InternScope(())
    }
}

impl Drop for InternScope {
    fn drop(&mut self) {
        INTERNED.with(|cell| *cell.borrow_mut() = Interner::default());
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        ///
        /// An id is `Display`, `FromStr` (checking its syntax), serde both ways, and converts
        /// into a `String`; lookups take it or a plain `&str`.
        ///
        /// ```
        #[doc = concat!("let id: summitry::", stringify!($name), " = \"x-1\".parse()?;")]
        /// assert_eq!(id.as_str(), "x-1");
        /// assert_eq!(id.to_string(), "x-1");
        /// assert_eq!(String::from(id), "x-1");
        #[doc = concat!("assert!(\"X 1\".parse::<summitry::", stringify!($name), ">().is_err());")]
        /// # Ok::<(), summitry::IdError>(())
        /// ```
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            /// Reads the id from a string, checking its syntax as [`new`](Self::new) does.
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                Self::new(&s).map_err(serde::de::Error::custom)
            }
        }

        impl SharedId for $name {
            fn from_shared(s: Arc<str>) -> Self {
                Self(s)
            }

            fn shared(&self) -> Arc<str> {
                Arc::clone(&self.0)
            }
        }

        impl $name {
            #[doc = concat!("Makes ", $what, " id, checking its syntax.")]
            ///
            /// # Errors
            ///
            /// When the string is empty, longer than [`MAX_ID_LEN`], or uses characters other
            /// than lowercase ASCII letters, digits, `-`, `_` and `.`.
            pub fn new(s: &str) -> Result<Self, IdError> {
                check_id_syntax(s)?;
                Ok(Self(s.into()))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&*self.0, f)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                String::from(&*id.0)
            }
        }

        impl From<&$name> for String {
            fn from(id: &$name) -> String {
                String::from(&*id.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }
    };
}

id_type!(
    /// The id of a [`Party`](crate::Party): an ISO 3166-1 alpha-2 code for a state (`cn`,
    /// `kz`), any id for an organisation (`eu`, `asean`). Party ids are case-insensitive on
    /// input and stored in lowercase.
    PartyId,
    "a party"
);
id_type!(
    /// The id of a [`Mechanism`](crate::Mechanism), such as `china-central-asia`.
    MechanismId,
    "a mechanism"
);
id_type!(
    /// The id of a [`Summit`](crate::Summit), such as `cca-2023-xian`.
    SummitId,
    "a summit"
);
id_type!(
    /// The id of a [`Document`](crate::Document), such as `xian-declaration-2023`.
    DocumentId,
    "a document"
);
id_type!(
    /// The id of a [`Commitment`](crate::Commitment).
    CommitmentId,
    "a commitment"
);
id_type!(
    /// The id of an [`Area`](crate::Area): dotted by convention (`security.cyber`), though
    /// the hierarchy comes from each area's `parent`.
    AreaId,
    "an area"
);
id_type!(
    /// The id of a [`Source`](crate::Source).
    SourceId,
    "a source"
);

impl PartyId {
    /// Makes a party id from user input, folding ASCII letters to lowercase first
    /// (`"KZ"` becomes `kz`).
    ///
    /// # Errors
    ///
    /// As [`PartyId::new`], after folding.
    pub fn parse_lenient(s: &str) -> Result<Self, IdError> {
        Self::new(&s.to_ascii_lowercase())
    }

    /// Whether this id has the form of an ISO 3166-1 alpha-2 code (two ASCII letters).
    pub fn is_iso_alpha2(&self) -> bool {
        self.0.len() == 2 && self.0.bytes().all(|b| b.is_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax() {
        assert!(PartyId::new("kz").is_ok());
        assert!(AreaId::new("security.cyber").is_ok());
        assert_eq!(
            PartyId::new("KZ").unwrap_err().to_string(),
            "`KZ` is not a valid id: use lowercase ASCII letters, digits, `-`, `_` and `.`, starting with a letter or digit"
        );
        assert_eq!(PartyId::parse_lenient("KZ").unwrap().as_str(), "kz");
        assert!(PartyId::new("").is_err());
        assert!(PartyId::new("-x").is_err());
        assert!(PartyId::new("kz").unwrap().is_iso_alpha2());
        assert!(!PartyId::new("eu1").unwrap().is_iso_alpha2());
    }
}
