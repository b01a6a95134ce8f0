//! An exact non-negative fraction: aggregates (means, medians of an even
//! count, trimmed means) are fractions of integer totals, and ranks must
//! never depend on floating-point rounding.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// `num / den`, always reduced, `den > 0`. Serialized as
/// `{"num": 157, "den": 2}` (= 78.5). Compared exactly (cross-multiplied in
/// `i128`, so no overflow for any `i64` parts).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "RawRatio")]
pub struct Ratio {
    num: i64,
    den: i64,
}

#[derive(Deserialize)]
struct RawRatio {
    num: i64,
    den: i64,
}

impl TryFrom<RawRatio> for Ratio {
    type Error = String;
    fn try_from(raw: RawRatio) -> Result<Self, String> {
        Ratio::checked_new(raw.num, raw.den).ok_or_else(|| "ratio: den must be > 0".to_string())
    }
}

fn gcd(mut a: i64, mut b: i64) -> i64 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    /// `num / den` reduced; `None` unless `den > 0`.
    pub fn checked_new(num: i64, den: i64) -> Option<Ratio> {
        if den <= 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    /// For denominators that are counts the caller knows to be ≥ 1.
    pub(crate) fn of_count(num: i64, count: usize) -> Ratio {
        let den = i64::try_from(count.max(1)).unwrap_or(i64::MAX);
        Ratio::checked_new(num, den).unwrap_or(Ratio { num, den: 1 })
    }

    pub fn integer(n: i64) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    pub fn num(self) -> i64 {
        self.num
    }

    pub fn den(self) -> i64 {
        self.den
    }

    /// The value as a decimal with exactly `places` digits after a `.`,
    /// rounded toward zero: a score below an integer pass mark never
    /// displays as equal to it (59.999… shows as `59.99`, not `60.00`).
    pub fn to_decimal_string(self, places: u32) -> String {
        let scale = 10i128.pow(places);
        let scaled = i128::from(self.num) * scale / i128::from(self.den);
        let sign = if scaled < 0 { "-" } else { "" };
        let abs = scaled.unsigned_abs();
        let int = abs / scale as u128;
        if places == 0 {
            return format!("{sign}{int}");
        }
        let frac = abs % scale as u128;
        format!("{sign}{int}.{frac:0width$}", width = places as usize)
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        (i128::from(self.num) * i128::from(other.den))
            .cmp(&(i128::from(other.num) * i128::from(self.den)))
    }
}

/// Two decimals, rounded toward zero.
impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal_string(2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduces_and_compares_exactly() {
        let r = Ratio::checked_new(314, 4).unwrap();
        assert_eq!((r.num(), r.den()), (157, 2));
        assert_eq!(Ratio::checked_new(0, 5).unwrap().den(), 1);
        assert!(Ratio::checked_new(1, 0).is_none());
        assert!(Ratio::checked_new(1, -2).is_none());
        // 1/3 < 333333/999998 differs only far after any float-like rounding.
        let a = Ratio::checked_new(1, 3).unwrap();
        let b = Ratio::checked_new(333_333, 999_998).unwrap();
        assert!(a < b);
        assert_eq!(Ratio::checked_new(2, 6).unwrap(), a);
        // Cross-multiplication of large parts does not overflow.
        let big = Ratio::checked_new(i64::MAX, 7).unwrap();
        let bigger = Ratio::checked_new(i64::MAX, 6).unwrap();
        assert!(big < bigger);
    }

    #[test]
    fn decimal_rounds_toward_zero() {
        assert_eq!(
            Ratio::checked_new(157, 2).unwrap().to_decimal_string(2),
            "78.50"
        );
        assert_eq!(
            Ratio::checked_new(2, 3).unwrap().to_decimal_string(2),
            "0.66"
        );
        assert_eq!(
            Ratio::checked_new(59_999, 1000).unwrap().to_string(),
            "59.99"
        );
        assert_eq!(Ratio::integer(60).to_string(), "60.00");
        assert_eq!(Ratio::checked_new(7, 2).unwrap().to_decimal_string(0), "3");
        assert_eq!(
            Ratio::checked_new(-7, 2).unwrap().to_decimal_string(1),
            "-3.5"
        );
    }

    #[test]
    fn serde_is_num_den_and_rejects_bad_den() {
        let r = Ratio::checked_new(157, 2).unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"num":157,"den":2}"#);
        let back: Ratio = serde_json::from_str(r#"{"num":314,"den":4}"#).unwrap();
        assert_eq!((back.num(), back.den()), (157, 2));
        assert!(serde_json::from_str::<Ratio>(r#"{"num":1,"den":0}"#).is_err());
    }
}
