//! Field checkers for the profile form: each adds its own message (a
//! Fluent key) to the errors and returns the normalized value.

use chrono::NaiveDate;

use super::forms::{EARLIEST_DATE, EMAIL_MAX, PHONE_MAX, WEBSITE_MAX};
use super::model::ISO_DATE;
use crate::web::forms::FieldErrors;

/// Message ids are `organizations-<field>-required` / `-too-long`.
pub fn text(e: &mut FieldErrors, field: &str, value: &str, required: bool, max: usize) -> String {
    let v = value.trim();
    let id = field.replace('_', "-");
    if v.is_empty() && required {
        e.add(field, &format!("organizations-{id}-required"));
    } else if v.chars().count() > max {
        e.add_with(
            field,
            &format!("organizations-{id}-too-long"),
            &[("max", max.to_string())],
        );
    } else if v.chars().any(|c| c.is_control()) {
        e.add(field, "organizations-text-control");
    }
    v.to_string()
}

pub fn choice(e: &mut FieldErrors, field: &str, value: &str, known: fn(&str) -> bool) -> String {
    let id = field.replace('_', "-");
    let v = value.trim();
    if v.is_empty() {
        e.add(field, &format!("organizations-{id}-required"));
    } else if !known(v) {
        e.add(field, &format!("organizations-{id}-invalid"));
    }
    v.to_string()
}

/// `YYYY-MM-DD` (what `<input type=date>` sends); `DD.MM.YYYY` is accepted
/// too, for browsers that show a plain text box.
pub fn date(e: &mut FieldErrors, value: &str, today: NaiveDate) -> Option<NaiveDate> {
    let v = value.trim();
    if v.is_empty() {
        e.add("registered_on", "organizations-registered-on-required");
        return None;
    }
    let Some(d) = NaiveDate::parse_from_str(v, ISO_DATE)
        .or_else(|_| NaiveDate::parse_from_str(v, "%d.%m.%Y"))
        .ok()
    else {
        e.add("registered_on", "organizations-registered-on-invalid");
        return None;
    };
    let earliest = NaiveDate::parse_from_str(EARLIEST_DATE, ISO_DATE).unwrap_or(NaiveDate::MIN);
    if d > today {
        e.add("registered_on", "organizations-registered-on-future");
    } else if d < earliest {
        e.add("registered_on", "organizations-registered-on-too-early");
    }
    Some(d)
}

/// A contact address, trimmed and lowercased.
pub fn contact_email(e: &mut FieldErrors, field: &str, value: &str) -> String {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        e.add(field, "organizations-email-required");
    } else if v.len() > EMAIL_MAX
        || !email_address::EmailAddress::is_valid(&v)
        || !v.rsplit('@').next().is_some_and(|d| d.contains('.'))
    {
        e.add(field, "organizations-email-invalid");
    }
    v
}

/// Digits with the usual separators; 10 to 15 digits; `+` only first.
pub fn phone(e: &mut FieldErrors, value: &str) -> String {
    let v = value.trim();
    let allowed = |c: char| c.is_ascii_digit() || " -().".contains(c);
    let body = v.strip_prefix('+').unwrap_or(v);
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if v.is_empty() {
        e.add("phone", "organizations-phone-required");
    } else if v.len() > PHONE_MAX || !body.chars().all(allowed) || !(10..=15).contains(&digits) {
        e.add("phone", "organizations-phone-invalid");
    }
    v.to_string()
}

/// Optional; an `http://` or `https://` address with a host name.
pub fn website(e: &mut FieldErrors, value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let lower = v.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        e.add("website", "organizations-website-scheme");
        return Some(v.to_string());
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_name = host.rsplit_once(':').map_or(host, |(h, _)| h);
    let host_ok = host_name.contains('.')
        && !host_name.starts_with('.')
        && !host_name.ends_with('.')
        && host_name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let bad_char = v
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"'`\\".contains(c));
    if v.chars().count() > WEBSITE_MAX {
        e.add_with(
            "website",
            "organizations-website-too-long",
            &[("max", WEBSITE_MAX.to_string())],
        );
    } else if !host_ok || bad_char {
        e.add("website", "organizations-website-invalid");
    }
    Some(v.to_string())
}
