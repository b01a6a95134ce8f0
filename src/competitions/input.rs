//! Parsing what organizers type: hryvnias into kopiyky, Kyiv wall-clock
//! times into UTC instants, calendar dates and whole numbers. Each parser
//! says precisely what was wrong, so the form can say it too.

use chrono::offset::LocalResult;
use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Europe::Kyiv;

/// The largest amount accepted anywhere (10 billion hryvnias), far below
/// `i64::MAX` kopiyky so sums of many amounts cannot overflow.
pub const MAX_KOPIYKY: i64 = 10_000_000_000 * 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyError {
    Invalid,
    TooManyDecimals,
    TooLarge,
}

/// `"1 000 000,50"`, `"1000000.5"` or `"250000 грн"` → kopiyky. Spaces
/// (also no-break ones) group digits; a comma or a dot starts the kopiyky.
pub fn parse_money(s: &str) -> Result<i64, MoneyError> {
    let cleaned: String = s
        .trim()
        .trim_end_matches("грн")
        .trim_end_matches("UAH")
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    let (whole, frac) = match cleaned.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    let digits = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) {
        return Err(MoneyError::Invalid);
    }
    if frac.len() > 2 {
        return Err(MoneyError::TooManyDecimals);
    }
    if whole.len() > 15 {
        return Err(MoneyError::TooLarge);
    }
    let hryvni: i64 = whole.parse().map_err(|_| MoneyError::Invalid)?;
    let kop: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| MoneyError::Invalid)? * 10,
        _ => frac.parse().map_err(|_| MoneyError::Invalid)?,
    };
    let total = hryvni
        .checked_mul(100)
        .and_then(|h| h.checked_add(kop))
        .ok_or(MoneyError::TooLarge)?;
    if total > MAX_KOPIYKY {
        return Err(MoneyError::TooLarge);
    }
    Ok(total)
}

/// Kopiyky as the organizer would type them back: `1000000,50` / `250000`.
pub fn money_input(kopiyky: i64) -> String {
    if kopiyky % 100 == 0 {
        (kopiyky / 100).to_string()
    } else {
        format!("{},{:02}", kopiyky / 100, kopiyky % 100)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KyivTimeError {
    /// Not `YYYY-MM-DDTHH:MM` (what `<input type=datetime-local>` sends).
    Invalid,
    /// The clock skips this hour (spring forward).
    Nonexistent,
    /// The clock shows this hour twice (fall back), so it names no instant.
    Ambiguous,
}

/// A Kyiv wall-clock time (`2027-03-28T23:59`, seconds optional, a space
/// instead of `T` accepted) → the UTC instant it means that day.
pub fn parse_kyiv(s: &str) -> Result<NaiveDateTime, KyivTimeError> {
    let s = s.trim().replace(' ', "T");
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&s, f).ok())
        .ok_or(KyivTimeError::Invalid)?;
    match Kyiv.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.naive_utc()),
        LocalResult::None => Err(KyivTimeError::Nonexistent),
        LocalResult::Ambiguous(_, _) => Err(KyivTimeError::Ambiguous),
    }
}

/// A UTC instant as a `datetime-local` value in Kyiv time.
pub fn kyiv_input(utc: NaiveDateTime) -> String {
    Kyiv.from_utc_datetime(&utc)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The Kyiv calendar date of a UTC instant.
pub fn kyiv_date_of(utc: NaiveDateTime) -> NaiveDate {
    Kyiv.from_utc_datetime(&utc).date_naive()
}

/// `2027-04-01` (what `<input type=date>` sends) or `01.04.2027`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .ok()
        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
}

/// A whole number within `range`; `Err(true)` when it is a number outside it.
pub fn parse_int(s: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, bool> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}'))
        .collect();
    let n: i64 = cleaned.parse().map_err(|_| false)?;
    if range.contains(&n) {
        Ok(n)
    } else {
        Err(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn money_in_hryvnias() {
        assert_eq!(parse_money("1 000 000"), Ok(100_000_000));
        assert_eq!(parse_money("1\u{a0}000,5"), Ok(100_050));
        assert_eq!(parse_money("250000.05 грн"), Ok(25_000_005));
        assert_eq!(parse_money("0"), Ok(0));
        assert_eq!(parse_money(""), Err(MoneyError::Invalid));
        assert_eq!(parse_money("-5"), Err(MoneyError::Invalid));
        assert_eq!(parse_money("12,345"), Err(MoneyError::TooManyDecimals));
        assert_eq!(parse_money("1e6"), Err(MoneyError::Invalid));
        assert_eq!(parse_money("10000000001"), Err(MoneyError::TooLarge));
        assert_eq!(
            parse_money("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(money_input(100_050), "1000,50");
        assert_eq!(money_input(100_000_000), "1000000");
    }

    #[test]
    fn kyiv_deadlines_on_dst_change_days() {
        // Summer time starts 28.03.2027 at 03:00 (UTC+2 → UTC+3).
        assert_eq!(parse_kyiv("2027-03-28T23:59"), Ok(utc("2027-03-28 20:59")));
        assert_eq!(parse_kyiv("2027-03-28T01:00"), Ok(utc("2027-03-27 23:00")));
        assert_eq!(
            parse_kyiv("2027-03-28T03:30"),
            Err(KyivTimeError::Nonexistent)
        );
        // Winter time starts 31.10.2027 at 04:00 (UTC+3 → UTC+2).
        assert_eq!(parse_kyiv("2027-10-31T23:59"), Ok(utc("2027-10-31 21:59")));
        assert_eq!(
            parse_kyiv("2027-10-31T03:30"),
            Err(KyivTimeError::Ambiguous)
        );
        assert_eq!(kyiv_input(utc("2027-03-28 20:59")), "2027-03-28T23:59");
        assert_eq!(kyiv_input(utc("2027-10-31 21:59")), "2027-10-31T23:59");
        assert_eq!(parse_kyiv("28.03.2027"), Err(KyivTimeError::Invalid));
        assert_eq!(
            parse_kyiv("2027-03-28 12:00:30"),
            Ok(utc("2027-03-28 09:00") + chrono::Duration::seconds(30))
        );
    }

    #[test]
    fn dates_and_numbers() {
        assert_eq!(
            parse_date("2027-04-01"),
            NaiveDate::from_ymd_opt(2027, 4, 1)
        );
        assert_eq!(
            parse_date("01.04.2027"),
            NaiveDate::from_ymd_opt(2027, 4, 1)
        );
        assert_eq!(parse_date("2027-02-30"), None);
        assert_eq!(parse_date("1900-01-01"), None);
        assert_eq!(parse_int(" 6 ", 0..=120), Ok(6));
        assert_eq!(parse_int("121", 0..=120), Err(true));
        assert_eq!(parse_int("six", 0..=120), Err(false));
        assert_eq!(
            kyiv_date_of(utc("2027-03-28 21:30")),
            NaiveDate::from_ymd_opt(2027, 3, 29).unwrap()
        );
    }
}
