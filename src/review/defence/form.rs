//! The session form as typed, and its checks: a Kyiv start in the future, a
//! place, an optional http(s) link, and the order of admitted proposals
//! (a position per proposal; blank = not in this session).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use rocket::form::FromForm;
use rocket::http::uri::Reference;
use serde::Serialize;

use crate::applications::model::Proposal;
use crate::applications::ProposalId;
use crate::competitions::input::{self, KyivTimeError};
use crate::has_csrf;
use crate::web::format::kyiv_datetime;
use crate::web::forms::FieldErrors;

pub const PLACE_MAX: usize = 300;
pub const URL_MAX: usize = 500;

#[derive(Debug, Clone, Default, FromForm, Serialize)]
pub struct SessionForm {
    #[serde(skip)]
    #[field(default = String::new())]
    pub csrf_token: String,
    #[field(default = String::new())]
    pub starts_at: String,
    #[field(default = String::new())]
    pub place: String,
    #[field(default = String::new())]
    pub online_url: String,
    /// Proposal ID → position as typed.
    pub positions: BTreeMap<String, String>,
}
has_csrf!(SessionForm);

/// A checked session: what the service stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Valid {
    pub starts_at: NaiveDateTime,
    pub place: String,
    pub online_url: Option<String>,
    /// Proposals in defence order (position i + 1).
    pub order: Vec<ProposalId>,
}

/// The input ID of a proposal's position field.
pub fn position_field(id: &ProposalId) -> String {
    format!("position-{id}")
}

/// An absolute http or https URL with a host and nothing odd in it.
pub fn is_web_url(s: &str) -> bool {
    if s.chars().count() > URL_MAX || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Ok(r) = Reference::parse(s) else {
        return false;
    };
    let scheme_ok = r
        .scheme()
        .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
    scheme_ok && r.authority().is_some_and(|a| !a.host().is_empty())
}

fn check_start(raw: &str, now: NaiveDateTime, e: &mut FieldErrors) -> Option<NaiveDateTime> {
    if raw.trim().is_empty() {
        e.add("starts_at", "defence-err-starts-required");
        return None;
    }
    match input::parse_kyiv(raw) {
        Ok(t) if t <= now => {
            e.add_with(
                "starts_at",
                "defence-err-starts-past",
                &[("now", kyiv_datetime(now))],
            );
            None
        }
        Ok(t) => Some(t),
        Err(KyivTimeError::Invalid) => {
            e.add("starts_at", "competitions-err-datetime-invalid");
            None
        }
        Err(KyivTimeError::Nonexistent) => {
            e.add("starts_at", "competitions-err-datetime-nonexistent");
            None
        }
        Err(KyivTimeError::Ambiguous) => {
            e.add("starts_at", "competitions-err-datetime-ambiguous");
            None
        }
    }
}

fn check_order(
    form: &SessionForm,
    admitted: &[Proposal],
    taken: &HashMap<ProposalId, NaiveDateTime>,
    e: &mut FieldErrors,
) -> Vec<ProposalId> {
    let mut chosen: Vec<(i64, usize, ProposalId)> = vec![];
    for (key, raw) in &form.positions {
        if raw.trim().is_empty() {
            continue;
        }
        let Some((i, p)) = admitted
            .iter()
            .enumerate()
            .find(|(_, p)| p.id.as_str() == key)
        else {
            e.add("proposals", "defence-err-not-admitted");
            continue;
        };
        let field = position_field(&p.id);
        match input::parse_int(raw, 1..=999) {
            Ok(_) if taken.contains_key(&p.id) => {
                let at = taken.get(&p.id).copied().map(kyiv_datetime);
                e.add_with(
                    &field,
                    "defence-err-in-other-session",
                    &[("at", at.unwrap_or_default())],
                );
            }
            Ok(n) if chosen.iter().any(|(m, _, _)| *m == n) => {
                e.add_with(
                    &field,
                    "defence-err-position-twice",
                    &[("n", n.to_string())],
                );
            }
            Ok(n) => chosen.push((n, i, p.id.clone())),
            Err(_) => e.add(&field, "defence-err-position-invalid"),
        }
    }
    if chosen.is_empty()
        && !e.has("proposals")
        && e.keys().all(|(f, _)| !f.starts_with("position-"))
    {
        e.add("proposals", "defence-err-no-proposals");
    }
    chosen.sort();
    chosen.into_iter().map(|(_, _, id)| id).collect()
}

/// Checks the form against the competition's admitted proposals and those
/// already in another session.
pub fn validate(
    form: &SessionForm,
    admitted: &[Proposal],
    taken: &HashMap<ProposalId, NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<Valid, FieldErrors> {
    let mut e = FieldErrors::new();
    let starts_at = check_start(&form.starts_at, now, &mut e);
    let place = form.place.trim();
    if place.is_empty() {
        e.add("place", "defence-err-place-required");
    } else if place.chars().count() > PLACE_MAX {
        e.add_with(
            "place",
            "defence-err-too-long",
            &[("max", PLACE_MAX.to_string())],
        );
    }
    let url = form.online_url.trim();
    if !url.is_empty() && !is_web_url(url) {
        e.add("online_url", "defence-err-url");
    }
    let order = check_order(form, admitted, taken, &mut e);
    match starts_at {
        Some(starts_at) if e.is_empty() => Ok(Valid {
            starts_at,
            place: place.to_string(),
            online_url: (!url.is_empty()).then(|| url.to_string()),
            order,
        }),
        _ => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_only() {
        assert!(is_web_url("https://meet.example.org/abc-def?x=1"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("ftp://example.org/file"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("example.org/meet"));
        assert!(!is_web_url("https://exa mple.org"));
        assert!(!is_web_url("mailto:someone@example.org"));
    }
}
