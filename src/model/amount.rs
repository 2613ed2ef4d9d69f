//! Amounts: exact, non-negative decimal numbers.

use std::fmt;
use std::str::FromStr;

/// A non-negative decimal number, kept exactly as written: `9007199254740993` stays
/// `9007199254740993` (an `f64` would make it `9007199254740992`) and `0.1` stays `0.1`.
///
/// An amount has at most [`Amount::MAX_DIGITS`] significant digits and at most
/// [`Amount::MAX_DIGITS`] digits after the decimal point. Equal values are equal amounts:
/// `2.50`, `2.5` and `25e-1` are the same amount, written `2.5`.
///
/// It reads the decimal forms of TOML and JSON numbers (`1_500_000_000`, `2.5`, `1.5e9`, a
/// leading `+`), and writes the shortest plain decimal (`1500000000`, `2.5`). In JSON it is a
/// string (`"9007199254740993"`), because most programs read JSON numbers as doubles.
///
/// ```
/// use summitry::Amount;
///
/// let a: Amount = "9_007_199_254_740_993".parse()?;
/// assert_eq!(a.to_string(), "9007199254740993");
/// assert_eq!("2.50".parse::<Amount>()?, "25e-1".parse::<Amount>()?);
/// assert!("-1".parse::<Amount>().is_err());
/// # Ok::<(), summitry::AmountError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Amount {
    /// The digits, as an integer: the amount is `units / 10^scale`.
    units: u128,
    /// Digits after the decimal point; `units` is not a multiple of 10 when it is not 0.
    scale: u8,
}

/// Why a text is not an [`Amount`].
///
/// ```
/// let err = "-5".parse::<summitry::Amount>().unwrap_err();
/// assert!(err.is_negative());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountError {
    kind: AmountErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum AmountErrorKind {
    Syntax,
    Negative,
    NotFinite,
    TooManyDigits,
}

impl AmountError {
    /// Whether the amount was negative.
    pub fn is_negative(&self) -> bool {
        self.kind == AmountErrorKind::Negative
    }

    /// Whether the amount has more digits than an [`Amount`] keeps.
    pub fn is_too_many_digits(&self) -> bool {
        self.kind == AmountErrorKind::TooManyDigits
    }
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            AmountErrorKind::Syntax => "not a decimal number",
            AmountErrorKind::Negative => "an amount cannot be negative",
            AmountErrorKind::NotFinite => "an amount must be a finite number",
            AmountErrorKind::TooManyDigits => {
                "an amount has at most 38 significant digits and 38 digits after the decimal point"
            }
        })
    }
}

impl std::error::Error for AmountError {}

impl Amount {
    /// The most significant digits, and the most digits after the decimal point, an amount
    /// keeps.
    pub const MAX_DIGITS: u32 = 38;

    /// Zero.
    pub const ZERO: Amount = Amount { units: 0, scale: 0 };

    /// The amount `units / 10^scale`.
    ///
    /// # Errors
    ///
    /// When the value needs more than [`Amount::MAX_DIGITS`] significant digits or digits
    /// after the decimal point.
    pub fn new(units: u128, scale: u32) -> Result<Amount, AmountError> {
        let (mut units, mut scale) = (units, scale);
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        if units == 0 {
            return Ok(Amount::ZERO);
        }
        if scale > Amount::MAX_DIGITS || units >= 10u128.pow(Amount::MAX_DIGITS) {
            return Err(AmountError {
                kind: AmountErrorKind::TooManyDigits,
            });
        }
        Ok(Amount {
            units,
            scale: u8::try_from(scale).unwrap_or(u8::MAX),
        })
    }

    /// A whole amount.
    pub fn from_u64(n: u64) -> Amount {
        Amount {
            units: u128::from(n),
            scale: 0,
        }
    }

    /// The digits as an integer: the amount is `units() / 10^scale()`.
    pub fn units(&self) -> u128 {
        self.units
    }

    /// How many digits follow the decimal point (0 for a whole amount).
    pub fn scale(&self) -> u32 {
        u32::from(self.scale)
    }

    /// The nearest `f64`, for arithmetic where exactness does not matter (a chart).
    pub fn to_f64(&self) -> f64 {
        // Through the decimal text: Rust's parser rounds correctly.
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// The amount as a whole number, when it is one and fits in an `i64`.
    pub fn to_i64(&self) -> Option<i64> {
        if self.scale == 0 {
            i64::try_from(self.units).ok()
        } else {
            None
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.units.to_string();
        let scale = usize::from(self.scale);
        if scale == 0 {
            return f.write_str(&digits);
        }
        if digits.len() > scale {
            let (int, frac) = digits.split_at(digits.len() - scale);
            write!(f, "{int}.{frac}")
        } else {
            write!(f, "0.{}{digits}", "0".repeat(scale - digits.len()))
        }
    }
}

impl FromStr for Amount {
    type Err = AmountError;

    /// Reads `[+]digits[.digits][(e|E)[+|-]digits]`, with `_` allowed between digits (as
    /// TOML writes them).
    fn from_str(s: &str) -> Result<Amount, AmountError> {
        let err = |kind| AmountError { kind };
        let (negative, body) = match s.as_bytes().first() {
            Some(b'-') => (true, s.get(1..).unwrap_or("")),
            Some(b'+') => (false, s.get(1..).unwrap_or("")),
            _ => (false, s),
        };
        if matches!(body, "inf" | "nan") {
            return Err(err(AmountErrorKind::NotFinite));
        }
        let (mantissa, exponent) = match body.find(['e', 'E']) {
            Some(i) => (
                body.get(..i).unwrap_or(""),
                Some(body.get(i + 1..).unwrap_or("")),
            ),
            None => (body, None),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (mantissa, None),
        };
        let digits = |t: &str| -> Result<String, AmountError> {
            let ok = !t.is_empty()
                && !t.starts_with('_')
                && !t.ends_with('_')
                && !t.contains("__")
                && t.bytes().all(|b| b.is_ascii_digit() || b == b'_');
            if ok {
                Ok(t.chars().filter(|c| *c != '_').collect())
            } else {
                Err(err(AmountErrorKind::Syntax))
            }
        };
        let int = digits(int)?;
        let frac = match frac {
            Some(f) => digits(f)?,
            None => String::new(),
        };
        let (exp_negative, exp_digits) = match exponent {
            Some(e) => {
                let (neg, e) = match e.as_bytes().first() {
                    Some(b'-') => (true, e.get(1..).unwrap_or("")),
                    Some(b'+') => (false, e.get(1..).unwrap_or("")),
                    _ => (false, e),
                };
                (neg, digits(e)?)
            }
            None => (false, String::new()),
        };
        // Trailing zeros after the point and leading zeros change nothing.
        let frac = frac.trim_end_matches('0');
        let all = format!("{int}{frac}");
        let all = all.trim_start_matches('0');
        if all.is_empty() {
            return Ok(Amount::ZERO);
        }
        if negative {
            return Err(err(AmountErrorKind::Negative));
        }
        let exp_digits = exp_digits.trim_start_matches('0');
        // A longer exponent is out of range whatever the digits.
        if exp_digits.len() > 6 {
            return Err(err(AmountErrorKind::TooManyDigits));
        }
        let exp = exp_digits.parse::<i64>().unwrap_or(0);
        let exp = if exp_negative { -exp } else { exp };
        let too_many = || err(AmountErrorKind::TooManyDigits);
        if all.len() > Amount::MAX_DIGITS as usize {
            return Err(too_many());
        }
        let mut units: u128 = all.parse().map_err(|_| too_many())?;
        let mut scale = i64::try_from(frac.len()).unwrap_or(i64::MAX) - exp;
        while scale < 0 {
            units = units.checked_mul(10).ok_or_else(too_many)?;
            scale += 1;
        }
        Amount::new(units, u32::try_from(scale).map_err(|_| too_many())?)
    }
}

impl serde::Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Amount {
    /// Reads the decimal string that [`Serialize`](serde::Serialize) writes, exactly, as
    /// [`FromStr`] does.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <String as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn a(s: &str) -> String {
        match s.parse::<Amount>() {
            Ok(a) => a.to_string(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn reads_and_writes_exactly() {
        for (input, want) in [
            ("9007199254740993", "9007199254740993"),
            ("9_007_199_254_740_993", "9007199254740993"),
            ("0.1", "0.1"),
            ("2.50", "2.5"),
            ("25e-1", "2.5"),
            ("1.5e9", "1500000000"),
            ("1E3", "1000"),
            ("+7", "7"),
            ("0", "0"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("0.000", "0"),
            ("007.0700", "7.07"),
            ("1e-38", "0.00000000000000000000000000000000000001"),
            (
                "12345678901234567890123456789012345678",
                "12345678901234567890123456789012345678",
            ),
            ("1.1e37", "11000000000000000000000000000000000000"),
        ] {
            assert_eq!(a(input), want, "{input}");
        }
    }

    #[test]
    fn rejects() {
        let neg = "error: an amount cannot be negative";
        let big = "error: an amount has at most 38 significant digits and 38 digits after the decimal point";
        let syntax = "error: not a decimal number";
        for (input, want) in [
            ("-1", neg),
            ("-0.5", neg),
            ("1e38", big),
            ("123456789012345678901234567890123456789", big),
            ("1e-39", big),
            ("1e999", big),
            ("1e9999999999", big),
            ("inf", "error: an amount must be a finite number"),
            ("-nan", "error: an amount must be a finite number"),
            ("", syntax),
            ("1__0", syntax),
            ("_1", syntax),
            ("1.", syntax),
            (".5", syntax),
            ("1e", syntax),
            ("0x10", syntax),
            ("1 000", syntax),
        ] {
            assert_eq!(a(input), want, "{input}");
        }
    }

    #[test]
    fn serializes_as_a_string() {
        let v = serde_json::to_value("9007199254740993".parse::<Amount>().unwrap()).unwrap();
        assert_eq!(v, serde_json::json!("9007199254740993"));
        assert_eq!("0.1".parse::<Amount>().unwrap().to_f64(), 0.1);
        assert_eq!(Amount::new(2500, 3).unwrap().to_string(), "2.5");
        assert_eq!(Amount::from_u64(5).to_i64(), Some(5));
    }
}
