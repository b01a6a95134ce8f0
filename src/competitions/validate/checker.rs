//! Field-level parsing with the message for each way it can go wrong.

use chrono::{NaiveDate, NaiveDateTime};

use crate::competitions::input::{self, KyivTimeError, MoneyError};
use crate::web::forms::FieldErrors;

pub(super) struct Checker {
    pub(super) errors: FieldErrors,
    pub(super) strict: bool,
}

impl Checker {
    pub(super) fn blank(&mut self, field: &str, required_key: &str) {
        if self.strict {
            self.errors.add(field, required_key);
        }
    }

    pub(super) fn text(
        &mut self,
        field: &str,
        v: &str,
        max: usize,
        required_key: &str,
    ) -> Option<String> {
        let v = v.trim();
        if v.is_empty() {
            self.blank(field, required_key);
            return None;
        }
        if v.chars().count() > max {
            self.errors.add_with(
                field,
                "competitions-err-too-long",
                &[("max", max.to_string())],
            );
            return None;
        }
        Some(v.to_string())
    }

    pub(super) fn optional_text(&mut self, field: &str, v: &str, max: usize) -> Option<String> {
        if v.trim().is_empty() {
            return None;
        }
        self.text(field, v, max, "")
    }

    pub(super) fn int(
        &mut self,
        field: &str,
        v: &str,
        range: std::ops::RangeInclusive<i64>,
        required_key: &str,
        invalid_key: &str,
    ) -> Option<i64> {
        if v.trim().is_empty() {
            self.blank(field, required_key);
            return None;
        }
        let (lo, hi) = (range.start().to_string(), range.end().to_string());
        match input::parse_int(v, range) {
            Ok(n) => Some(n),
            Err(_) => {
                self.errors
                    .add_with(field, invalid_key, &[("min", lo), ("max", hi)]);
                None
            }
        }
    }

    pub(super) fn money(&mut self, field: &str, v: &str, required_key: &str) -> Option<i64> {
        if v.trim().is_empty() {
            self.blank(field, required_key);
            return None;
        }
        match input::parse_money(v) {
            Ok(0) => self.errors.add(field, "competitions-err-money-zero"),
            Ok(k) => return Some(k),
            Err(MoneyError::Invalid) => self.errors.add(field, "competitions-err-money-invalid"),
            Err(MoneyError::TooManyDecimals) => {
                self.errors.add(field, "competitions-err-money-decimals")
            }
            Err(MoneyError::TooLarge) => self.errors.add(field, "competitions-err-money-too-large"),
        }
        None
    }

    pub(super) fn instant(
        &mut self,
        field: &str,
        v: &str,
        required_key: &str,
    ) -> Option<NaiveDateTime> {
        if v.trim().is_empty() {
            self.blank(field, required_key);
            return None;
        }
        match input::parse_kyiv(v) {
            Ok(t) => return Some(t),
            Err(KyivTimeError::Invalid) => {
                self.errors.add(field, "competitions-err-datetime-invalid")
            }
            Err(KyivTimeError::Nonexistent) => self
                .errors
                .add(field, "competitions-err-datetime-nonexistent"),
            Err(KyivTimeError::Ambiguous) => self
                .errors
                .add(field, "competitions-err-datetime-ambiguous"),
        }
        None
    }

    pub(super) fn date(&mut self, field: &str, v: &str, required_key: &str) -> Option<NaiveDate> {
        if v.trim().is_empty() {
            self.blank(field, required_key);
            return None;
        }
        let d = input::parse_date(v);
        if d.is_none() {
            self.errors.add(field, "competitions-err-date-invalid");
        }
        d
    }

    pub(super) fn choice<T>(
        &mut self,
        field: &str,
        v: &str,
        parse: fn(&str) -> Option<T>,
        key: &str,
    ) -> Option<T> {
        if v.trim().is_empty() {
            self.blank(field, key);
            return None;
        }
        let c = parse(v);
        if c.is_none() {
            self.errors.add(field, key);
        }
        c
    }
}
