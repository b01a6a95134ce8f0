//! Ukrainian display formats: money from kopiyky, instants in Kyiv time.

use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Kyiv;

use super::lang::Lang;

/// No-break space: keeps "1 234,50 грн" on one line.
const NBSP: char = '\u{a0}';

/// `123456789` kopiyky → `1 234 567,89 грн` (with no-break spaces).
pub fn money(kopiyky: i64, lang: Lang) -> String {
    let negative = kopiyky < 0;
    let abs = kopiyky.unsigned_abs();
    let (hryvni, kop) = (abs / 100, abs % 100);
    let digits = hryvni.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(NBSP);
        }
        grouped.push(ch);
    }
    let sign = if negative { "−" } else { "" };
    let unit = match lang {
        Lang::Uk => "грн",
        Lang::En => "UAH",
    };
    format!("{sign}{grouped},{kop:02}{NBSP}{unit}")
}

/// A UTC instant shown in Kyiv time: `05.12.2026 14:30`.
pub fn kyiv_datetime(utc: NaiveDateTime) -> String {
    Kyiv.from_utc_datetime(&utc)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// A UTC instant as a Kyiv date: `05.12.2026`.
pub fn kyiv_date(utc: NaiveDateTime) -> String {
    Kyiv.from_utc_datetime(&utc).format("%d.%m.%Y").to_string()
}

/// RFC 3339 with the Kyiv offset, for `<time datetime>` and APIs.
pub fn kyiv_rfc3339(utc: NaiveDateTime) -> String {
    Kyiv.from_utc_datetime(&utc).to_rfc3339()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        let n = |s: String| s.replace(NBSP, " ");
        assert_eq!(n(money(123456789, Lang::Uk)), "1 234 567,89 грн");
        assert_eq!(n(money(123450, Lang::Uk)), "1 234,50 грн");
        assert_eq!(n(money(5, Lang::Uk)), "0,05 грн");
        assert_eq!(n(money(100000, Lang::Uk)), "1 000,00 грн");
        assert_eq!(n(money(-250, Lang::En)), "−2,50 UAH");
    }

    #[test]
    fn kyiv_time_across_dst() {
        let winter =
            NaiveDateTime::parse_from_str("2026-12-04 12:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(kyiv_datetime(winter), "04.12.2026 14:00");
        let summer =
            NaiveDateTime::parse_from_str("2026-07-01 12:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(kyiv_datetime(summer), "01.07.2026 15:00");
    }
}
