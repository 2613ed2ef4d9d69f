//! Partial dates: a year, a month, a day or a range of days, compared honestly.

use chrono::{Datelike, NaiveDate};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// The earliest year a [`PartialDate`] may name.
pub const MIN_YEAR: i32 = 1;
/// The latest year a [`PartialDate`] may name: 9998, so that the day after any date (the
/// exclusive end of an iCalendar event, `DTEND`) still has a four-digit year.
pub const MAX_YEAR: i32 = 9998;

/// How precisely a [`PartialDate`] is known.
///
/// ```
/// use summitry::{PartialDate, Precision};
///
/// assert_eq!("2025-06".parse::<PartialDate>()?.precision(), Precision::Month);
/// assert_eq!(Precision::Range.to_string(), "range");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year is known: `2027`.
    Year,
    /// The year and month are known: `2025-06`.
    Month,
    /// One day: `2025-06-17`.
    Day,
    /// A range of days, both ends known: `2023-05-18/2023-05-19`.
    Range,
}

impl Precision {
    /// Every Precision value, in the order of the vocabulary.
    pub const ALL: [Precision; 4] = [
        Precision::Year,
        Precision::Month,
        Precision::Day,
        Precision::Range,
    ];

    /// The word used in data files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Range => "range",
        }
    }
}

/// A date known to a year, a month, a day or a range of days.
///
/// Diplomatic dates are often imprecise: "the next summit will be held in 2025". A
/// `PartialDate` keeps exactly what is known and never widens a year into an invented day.
/// It denotes the interval of days from [`first_day`](Self::first_day) to
/// [`last_day`](Self::last_day), both included.
///
/// Equality is structural: `2025` and `2025-01-01/2025-12-31` cover the same days but are
/// not equal, because one is a year and the other a range. Use [`relation`](Self::relation)
/// to ask whether one date is before another; the [`Ord`] implementation is only a total
/// order for sorting (by first day, then last day, then precision).
///
/// ```
/// use summitry::{PartialDate, DateRelation};
///
/// let y: PartialDate = "2025".parse()?;
/// let d: PartialDate = "2025-06-17".parse()?;
/// assert_eq!(y.relation(&d), DateRelation::Overlapping);
/// assert_eq!(d.relation(&"2027".parse()?), DateRelation::Before);
/// assert_eq!(y.to_string(), "2025");
/// # Ok::<(), summitry::DateError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    first: NaiveDate,
    last: NaiveDate,
    precision: Precision,
}

/// One calendar day: what queries take as a reference date ("today") and what
/// [`PartialDate::first_day`] and [`PartialDate::last_day`] return.
///
/// Nothing in summitry reads the clock on its own: call [`Day::today`] (or parse a fixed
/// day) and pass it in, so that answers are reproducible. A `Day` converts into a
/// [`PartialDate`] of day precision, so it can go wherever a query takes a date (`as_of`).
///
/// ```
/// use summitry::{Day, PartialDate};
///
/// let d: Day = "2025-06-17".parse()?;
/// assert_eq!((d.year(), d.month(), d.day()), (2025, 6, 17));
/// assert_eq!(d, Day::new(2025, 6, 17)?);
/// assert!("2025-06".parse::<PartialDate>()?.contains(d));
/// assert_eq!(PartialDate::from(d).to_string(), "2025-06-17");
/// # Ok::<(), summitry::DateError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(NaiveDate);

impl Day {
    /// The day `year-month-day`.
    ///
    /// # Errors
    ///
    /// When the day does not exist (`2023-02-30`) or the year is outside
    /// [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn new(year: i32, month: u32, day: u32) -> Result<Day, DateError> {
        check_year(year)?;
        NaiveDate::from_ymd_opt(year, month, day)
            .map(Day)
            .ok_or_else(|| DateError::new(format!("{year:04}-{month:02}-{day:02} does not exist")))
    }

    /// Today in UTC, from the system clock: the one place summitry reads it, and only when
    /// called. A clock set before 1970 reads as 1970-01-01.
    ///
    /// ```
    /// let today = summitry::Day::today();
    /// assert!(today.year() >= 2024);
    /// ```
    pub fn today() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let date = i64::try_from(secs)
            .ok()
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(|t| t.date_naive())
            .unwrap_or_default();
        Day(date)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        self.0.month()
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// A chrono date as a day (inside the crate).
    #[cfg(test)]
    pub(crate) fn from_naive(date: NaiveDate) -> Day {
        Day(date)
    }

    /// The chrono date (inside the crate).
    pub(crate) fn naive(self) -> NaiveDate {
        self.0
    }
}

impl fmt::Display for Day {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl fmt::Debug for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Day({self})")
    }
}

impl FromStr for Day {
    type Err = DateError;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Day, DateError> {
        let d: PartialDate = s.parse()?;
        if d.precision != Precision::Day {
            return Err(DateError::new(format!(
                "`{}` is not a day: write `YYYY-MM-DD`",
                s.trim()
            )));
        }
        Ok(Day(d.first))
    }
}

impl From<Day> for PartialDate {
    fn from(day: Day) -> PartialDate {
        PartialDate::from_day(day)
    }
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Day {
    /// Reads `YYYY-MM-DD`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How two [`PartialDate`]s relate in time.
///
/// ```
/// use summitry::{DateRelation, PartialDate};
///
/// let a: PartialDate = "2025".parse()?;
/// assert_eq!(a.relation(&"2026-01".parse()?), DateRelation::Before);
/// assert_eq!(a.relation(&"2025-06-17".parse()?), DateRelation::Overlapping);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateRelation {
    /// Every day of the first ends before any day of the second begins.
    Before,
    /// Every day of the first comes after every day of the second.
    After,
    /// The two share at least one possible day: neither order can be claimed.
    Overlapping,
}

impl DateRelation {
    /// Every DateRelation value, in the order of the vocabulary.
    pub const ALL: [DateRelation; 3] = [
        DateRelation::Before,
        DateRelation::After,
        DateRelation::Overlapping,
    ];

    /// The word used in data files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            DateRelation::Before => "before",
            DateRelation::After => "after",
            DateRelation::Overlapping => "overlapping",
        }
    }
}

/// Why a string or number is not a [`PartialDate`].
///
/// ```
/// let err = "2023-02-30".parse::<summitry::PartialDate>().unwrap_err();
/// assert_eq!(err.to_string(), "2023-02-30 does not exist");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    message: String,
}

impl DateError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        DateError {
            message: message.into(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

fn check_year(year: i32) -> Result<(), DateError> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(())
    } else {
        Err(DateError::new(format!(
            "year {year} is out of range ({MIN_YEAR} to {MAX_YEAR})"
        )))
    }
}

impl PartialDate {
    /// A whole year.
    ///
    /// # Errors
    ///
    /// When the year is outside [`MIN_YEAR`]..=[`MAX_YEAR`].
    pub fn from_year(year: i32) -> Result<Self, DateError> {
        check_year(year)?;
        let first = NaiveDate::from_ymd_opt(year, 1, 1);
        let last = NaiveDate::from_ymd_opt(year, 12, 31);
        match (first, last) {
            (Some(first), Some(last)) => Ok(PartialDate {
                first,
                last,
                precision: Precision::Year,
            }),
            _ => Err(DateError::new(format!("year {year} is out of range"))),
        }
    }

    /// A whole month.
    ///
    /// # Errors
    ///
    /// When the year is out of range or the month is not 1 to 12.
    pub fn from_month(year: i32, month: u32) -> Result<Self, DateError> {
        check_year(year)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::new(format!(
                "month {month} does not exist (months are 01 to 12)"
            )));
        }
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        match (first, next.and_then(|n| n.pred_opt())) {
            (Some(first), Some(last)) => Ok(PartialDate {
                first,
                last,
                precision: Precision::Month,
            }),
            _ => Err(DateError::new(format!("{year}-{month:02} is out of range"))),
        }
    }

    /// One day.
    ///
    /// # Errors
    ///
    /// When the day does not exist (`2023-02-30`) or the year is out of range.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        check_year(year)?;
        let d = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            DateError::new(format!("{year:04}-{month:02}-{day:02} does not exist"))
        })?;
        Self::from_naive(d)
    }

    /// One day.
    ///
    /// ```
    /// use summitry::{Day, PartialDate};
    ///
    /// let d = PartialDate::from_day(Day::new(2025, 6, 17)?);
    /// assert_eq!(d.to_string(), "2025-06-17");
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn from_day(day: Day) -> Self {
        PartialDate {
            first: day.0,
            last: day.0,
            precision: Precision::Day,
        }
    }

    /// A range of days, both included.
    ///
    /// # Errors
    ///
    /// When `last` is before `first`.
    ///
    /// ```
    /// use summitry::{Day, PartialDate};
    ///
    /// let d = PartialDate::from_range(Day::new(2023, 5, 18)?, Day::new(2023, 5, 19)?)?;
    /// assert_eq!(d.to_string(), "2023-05-18/2023-05-19");
    /// # Ok::<(), summitry::DateError>(())
    /// ```
    pub fn from_range(first: Day, last: Day) -> Result<Self, DateError> {
        Self::naive_range(first.0, last.0)
    }

    /// One day, from a chrono date, checking its year.
    pub(crate) fn from_naive(date: NaiveDate) -> Result<Self, DateError> {
        check_year(date.year())?;
        Ok(PartialDate {
            first: date,
            last: date,
            precision: Precision::Day,
        })
    }

    /// A range of chrono dates, both included, checking the years.
    pub(crate) fn naive_range(first: NaiveDate, last: NaiveDate) -> Result<Self, DateError> {
        check_year(first.year())?;
        check_year(last.year())?;
        if last < first {
            return Err(DateError::new(format!(
                "the range ends ({last}) before it starts ({first})"
            )));
        }
        Ok(PartialDate {
            first,
            last,
            precision: Precision::Range,
        })
    }

    /// The first day this date may denote.
    pub fn first_day(&self) -> Day {
        Day(self.first)
    }

    /// The last day this date may denote.
    pub fn last_day(&self) -> Day {
        Day(self.last)
    }

    /// The first day, as a chrono date (inside the crate).
    pub(crate) fn first(&self) -> NaiveDate {
        self.first
    }

    /// The last day, as a chrono date (inside the crate).
    pub(crate) fn last(&self) -> NaiveDate {
        self.last
    }

    /// How precisely the date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The calendar year of the first day (`2025` for `2025-06-17`).
    pub fn year(&self) -> i32 {
        self.first.year()
    }

    /// Whether the given day lies within this date.
    pub fn contains(&self, day: Day) -> bool {
        self.first <= day.0 && day.0 <= self.last
    }

    /// How this date relates to `other`: definitely before, definitely after, or
    /// overlapping (neither can be claimed).
    pub fn relation(&self, other: &PartialDate) -> DateRelation {
        if self.last < other.first {
            DateRelation::Before
        } else if self.first > other.last {
            DateRelation::After
        } else {
            DateRelation::Overlapping
        }
    }

    /// Whether every day of this date is before every day of `other`.
    pub fn is_definitely_before(&self, other: &PartialDate) -> bool {
        self.relation(other) == DateRelation::Before
    }

    /// Whether every day of this date is after every day of `other`.
    pub fn is_definitely_after(&self, other: &PartialDate) -> bool {
        self.relation(other) == DateRelation::After
    }

    /// This date moved by a number of months, keeping its precision where it can: a year stays
    /// a year (only when `months` is a multiple of 12), a month stays a month; a day or range
    /// becomes the month it falls in, since a cadence does not fix the day. Returns `None` when
    /// the result leaves the supported years.
    pub fn add_months_coarse(&self, months: i64) -> Option<PartialDate> {
        let y = i64::from(self.first.year());
        let m0 = i64::from(self.first.month0());
        let total = y.checked_mul(12)?.checked_add(m0)?.checked_add(months)?;
        let year = i32::try_from(total.div_euclid(12)).ok()?;
        let month = u32::try_from(total.rem_euclid(12)).ok()? + 1;
        if self.precision == Precision::Year && months % 12 == 0 {
            PartialDate::from_year(year).ok()
        } else {
            PartialDate::from_month(year, month).ok()
        }
    }

    /// The same date reduced to a year.
    pub fn to_year(&self) -> PartialDate {
        PartialDate::from_year(self.first.year()).unwrap_or(*self)
    }
}

impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first
            .cmp(&other.first)
            .then(self.last.cmp(&other.last))
            .then(self.precision.cmp(&other.precision))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = |f: &mut fmt::Formatter<'_>, x: NaiveDate| {
            write!(f, "{:04}-{:02}-{:02}", x.year(), x.month(), x.day())
        };
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.first.year()),
            Precision::Month => write!(f, "{:04}-{:02}", self.first.year(), self.first.month()),
            Precision::Day => d(f, self.first),
            Precision::Range => {
                d(f, self.first)?;
                f.write_str("/")?;
                d(f, self.last)
            }
        }
    }
}

impl fmt::Debug for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PartialDate({self})")
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for PartialDate {
    /// Reads a date from its string form (`"2025"`, `"2025-06-17"`, ...), as
    /// [`FromStr`] does.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

fn parse_num<T: FromStr>(
    s: &str,
    digits: std::ops::RangeInclusive<usize>,
    what: &str,
) -> Result<T, DateError> {
    if !digits.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::new(format!("`{s}` is not a valid {what}")));
    }
    s.parse()
        .map_err(|_| DateError::new(format!("`{s}` is not a valid {what}")))
}

fn parse_single(s: &str) -> Result<PartialDate, DateError> {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => PartialDate::from_year(parse_num(y, 4..=4, "year")?),
        [y, m] => {
            PartialDate::from_month(parse_num(y, 4..=4, "year")?, parse_num(m, 2..=2, "month")?)
        }
        [y, m, d] => PartialDate::from_ymd(
            parse_num(y, 4..=4, "year")?,
            parse_num(m, 2..=2, "month")?,
            parse_num(d, 2..=2, "day")?,
        ),
        _ => Err(DateError::new(format!(
            "`{s}` is not a date: write `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`"
        ))),
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let shape_error = || {
            DateError::new(format!(
                "`{s}` is not a date: write `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DD/YYYY-MM-DD`"
            ))
        };
        if let Some((a, b)) = s.split_once('/') {
            let a = parse_single(a)?;
            let b = parse_single(b)?;
            if a.precision != Precision::Day || b.precision != Precision::Day {
                return Err(DateError::new(format!(
                    "`{s}` is not a date range: both ends must be days, `YYYY-MM-DD/YYYY-MM-DD`"
                )));
            }
            return PartialDate::naive_range(a.first, b.first);
        }
        if s.is_empty() || s.starts_with('-') {
            return Err(shape_error());
        }
        parse_single(s)
    }
}

crate::model::vocabulary!(Precision, "precision");

crate::model::vocabulary!(DateRelation, "date relation");

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn parse_and_display_round_trip() {
        for s in [
            "2025",
            "2025-06",
            "2025-06-17",
            "2023-05-18/2023-05-19",
            "2024-02",
        ] {
            assert_eq!(p(s).to_string(), s);
        }
        assert_eq!(
            p("2024-02").last(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn errors() {
        let e = |s: &str| s.parse::<PartialDate>().unwrap_err().to_string();
        assert_eq!(e("2023-02-30"), "2023-02-30 does not exist");
        assert_eq!(
            e("2025-13"),
            "month 13 does not exist (months are 01 to 12)"
        );
        assert_eq!(
            e("2025-06-17/2025-06-16"),
            "the range ends (2025-06-16) before it starts (2025-06-17)"
        );
        assert_eq!(e("June 2025"), "`June 2025` is not a valid year");
        assert_eq!(e("0000"), "year 0 is out of range (1 to 9998)");
        assert_eq!(
            e("2025/2026"),
            "`2025/2026` is not a date range: both ends must be days, `YYYY-MM-DD/YYYY-MM-DD`"
        );
    }

    #[test]
    fn relations() {
        assert_eq!(
            p("2025").relation(&p("2025-06-17")),
            DateRelation::Overlapping
        );
        assert_eq!(p("2023").relation(&p("2025")), DateRelation::Before);
        assert_eq!(
            p("2025-06-18").relation(&p("2025-06")),
            DateRelation::Overlapping
        );
        assert_eq!(p("2025-07-01").relation(&p("2025-06")), DateRelation::After);
        assert_ne!(
            p("2025"),
            PartialDate::naive_range(p("2025-01-01").first(), p("2025-12-31").first()).unwrap()
        );
    }

    #[test]
    fn coarse_months() {
        assert_eq!(p("2023").add_months_coarse(24).unwrap().to_string(), "2025");
        assert_eq!(
            p("2023-05-19").add_months_coarse(24).unwrap().to_string(),
            "2025-05"
        );
        assert_eq!(
            p("2023").add_months_coarse(6).unwrap().to_string(),
            "2023-07"
        );
        assert!(p("9998").add_months_coarse(12).is_none());
        assert_eq!(
            "9999".parse::<PartialDate>().unwrap_err().to_string(),
            "year 9999 is out of range (1 to 9998)"
        );
    }

    fn arb_date() -> impl Strategy<Value = PartialDate> {
        (1900i32..2100, 1u32..=12, 1u32..=28, 0u32..4, 0i64..40).prop_map(|(y, m, d, k, len)| {
            match k {
                0 => PartialDate::from_year(y).unwrap(),
                1 => PartialDate::from_month(y, m).unwrap(),
                2 => PartialDate::from_ymd(y, m, d).unwrap(),
                _ => {
                    let a = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                    PartialDate::naive_range(a, a + chrono::Duration::days(len)).unwrap()
                }
            }
        })
    }

    proptest! {
        #[test]
        fn display_parses_back(d in arb_date()) {
            prop_assert_eq!(d.to_string().parse::<PartialDate>().unwrap(), d);
        }

        #[test]
        fn relation_is_antisymmetric(a in arb_date(), b in arb_date()) {
            let ab = a.relation(&b);
            let ba = b.relation(&a);
            let expected = match ab {
                DateRelation::Before => DateRelation::After,
                DateRelation::After => DateRelation::Before,
                DateRelation::Overlapping => DateRelation::Overlapping,
            };
            prop_assert_eq!(ba, expected);
            prop_assert_eq!(a.relation(&a), DateRelation::Overlapping);
        }

        /// First and last days, and relations, against days computed here from the parts
        /// the date was built of (not from the date's own methods).
        #[test]
        fn days_and_relation_from_parts(
            a in (1900i32..2100, 1u32..=12, 1u32..=28, 0u32..4, 0i64..40),
            b in (1900i32..2100, 1u32..=12, 1u32..=28, 0u32..4, 0i64..40),
        ) {
            let build = |(y, m, d, k, len): (i32, u32, u32, u32, i64)| {
                let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
                let month_end = |y: i32, m: u32| {
                    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                    day(ny, nm, 1) - chrono::Duration::days(1)
                };
                match k {
                    0 => (PartialDate::from_year(y).unwrap(), day(y, 1, 1), day(y, 12, 31)),
                    1 => (PartialDate::from_month(y, m).unwrap(), day(y, m, 1), month_end(y, m)),
                    2 => (PartialDate::from_ymd(y, m, d).unwrap(), day(y, m, d), day(y, m, d)),
                    _ => {
                        let (first, last) = (day(y, m, d), day(y, m, d) + chrono::Duration::days(len));
                        let range = PartialDate::from_range(Day::from_naive(first), Day::from_naive(last));
                        (range.unwrap(), first, last)
                    }
                }
            };
            let (da, fa, la) = build(a);
            let (db, fb, lb) = build(b);
            prop_assert_eq!((da.first_day().naive(), da.last_day().naive()), (fa, la));
            let expected = if la < fb {
                DateRelation::Before
            } else if fa > lb {
                DateRelation::After
            } else {
                DateRelation::Overlapping
            };
            prop_assert_eq!(da.relation(&db), expected);
            prop_assert_eq!(da.is_definitely_before(&db), la < fb);
            prop_assert_eq!(da.is_definitely_after(&db), fa > lb);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,24}") {
            let _ = s.parse::<PartialDate>();
        }
    }
}
