//! Amendments: after announcement the rules document never changes; what
//! may change is public, dated, reasoned and only in the applicants' favour:
//! a later deadline (while the call is open), a clarification, a larger fund
//! (before publication). Each is stored, logged in the audit trail, put in
//! the feed (by being stored) and mailed to people with a proposal.

use chrono::NaiveDateTime;
use serde_json::json;

use super::access::{self, Actor};
use super::forms::AmendForm;
use super::ids::{AmendmentId, CompetitionId};
use super::input::{self, KyivTimeError};
use super::model::{self, Amendment, Competition};
use super::state::State;
use super::trail;
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;
use crate::web::format::kyiv_datetime;
use crate::web::forms::FieldErrors;
use crate::web::lang::Lang;

pub const CLARIFICATION_MAX: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ExtendDeadline,
    Clarification,
    IncreaseFund,
}

impl Kind {
    pub const ALL: [Kind; 3] = [
        Kind::ExtendDeadline,
        Kind::Clarification,
        Kind::IncreaseFund,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::ExtendDeadline => "extend_deadline",
            Kind::Clarification => "clarification",
            Kind::IncreaseFund => "increase_fund",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Fluent key of the page / action title (`competitions-amend-…`).
    pub fn title_key(self) -> String {
        format!("competitions-amend-{}", self.code().replace('_', "-"))
    }

    /// States in which this kind of amendment is possible.
    pub fn allowed_in(self, state: State) -> bool {
        match self {
            Kind::ExtendDeadline => state == State::Announced,
            Kind::Clarification => matches!(
                state,
                State::Announced
                    | State::Admissibility
                    | State::Review
                    | State::Deliberation
                    | State::Published
            ),
            Kind::IncreaseFund => matches!(
                state,
                State::Announced | State::Admissibility | State::Review | State::Deliberation
            ),
        }
    }
}

/// Someone to tell about an amendment.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub lang: Lang,
}

/// Users with a draft or submitted proposal in the competition: the
/// members of every organization with a proposal that is not withdrawn.
pub fn amendment_recipients(
    conn: &mut AnyConnection,
    id: &CompetitionId,
) -> AppResult<Vec<Recipient>> {
    let mut out: Vec<Recipient> = vec![];
    for org in crate::applications::model::organizations_with_proposals(conn, id)? {
        for uid in crate::applications::orgs::member_ids(conn, &org)? {
            let Ok(uid) = uid.parse::<UserId>() else {
                continue;
            };
            if out.iter().any(|r| r.user_id == uid) {
                continue;
            }
            if let Some(u) = crate::accounts::model::find(conn, &uid)? {
                out.push(Recipient {
                    user_id: u.id.clone(),
                    email: u.email.clone(),
                    name: u.name.clone(),
                    lang: u.lang(),
                });
            }
        }
    }
    Ok(out)
}

fn validate(form: &AmendForm, c: &Competition) -> Result<(Kind, Values), FieldErrors> {
    let mut e = FieldErrors::new();
    let kind = Kind::parse(form.kind.trim());
    let reason = form.reason.trim();
    if kind.is_none() {
        e.add("kind", "competitions-err-amendment-kind-required");
    }
    if reason.is_empty() {
        e.add("reason", "competitions-err-reason-required");
    } else if reason.chars().count() > super::lifecycle::REASON_MAX {
        let max = super::lifecycle::REASON_MAX.to_string();
        e.add_with("reason", "competitions-err-too-long", &[("max", max)]);
    }
    let mut v = Values::default();
    match kind {
        Some(Kind::ExtendDeadline) => match input::parse_kyiv(&form.new_closes_at) {
            _ if form.new_closes_at.trim().is_empty() => {
                e.add("new_closes_at", "competitions-err-closes-required")
            }
            Ok(t) if c.closes_at.is_some_and(|old| t <= old) => {
                let old = c.closes_at.map(kyiv_datetime).unwrap_or_default();
                e.add_with(
                    "new_closes_at",
                    "competitions-err-extend-not-later",
                    &[("current", old)],
                );
            }
            Ok(t) => v.closes_at = Some(t),
            Err(KyivTimeError::Invalid) => {
                e.add("new_closes_at", "competitions-err-datetime-invalid")
            }
            Err(KyivTimeError::Nonexistent) => {
                e.add("new_closes_at", "competitions-err-datetime-nonexistent")
            }
            Err(KyivTimeError::Ambiguous) => {
                e.add("new_closes_at", "competitions-err-datetime-ambiguous")
            }
        },
        Some(Kind::IncreaseFund) => match input::parse_money(&form.new_fund) {
            _ if form.new_fund.trim().is_empty() => {
                e.add("new_fund", "competitions-err-fund-required")
            }
            Ok(k) if c.fund_kopiyky.is_some_and(|old| k <= old) => {
                let old = c.fund_kopiyky.map(input::money_input).unwrap_or_default();
                e.add_with(
                    "new_fund",
                    "competitions-err-fund-not-larger",
                    &[("current", old)],
                );
            }
            Ok(k) => v.fund = Some(k),
            Err(_) => e.add("new_fund", "competitions-err-money-invalid"),
        },
        Some(Kind::Clarification) => {
            let text = form.clarification.trim();
            if text.is_empty() {
                e.add("clarification", "competitions-err-clarification-required");
            } else if text.chars().count() > CLARIFICATION_MAX {
                let max = CLARIFICATION_MAX.to_string();
                e.add_with(
                    "clarification",
                    "competitions-err-too-long",
                    &[("max", max)],
                );
            } else {
                v.clarification = Some(text.to_string());
            }
        }
        None => {}
    }
    match kind {
        Some(k) if e.is_empty() => Ok((k, v)),
        _ => Err(e),
    }
}

#[derive(Default)]
struct Values {
    closes_at: Option<NaiveDateTime>,
    fund: Option<i64>,
    clarification: Option<String>,
}

/// Amends an announced competition. State refusals are `Conflict`s; a
/// wrong or missing value is a field error.
pub fn amend(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    form: &AmendForm,
    renderer: &MailRenderer,
) -> AppResult<Result<Amendment, FieldErrors>> {
    let c = access::load_managed(conn, actor, id)?;
    if let Some(kind) = Kind::parse(form.kind.trim()) {
        if !kind.allowed_in(c.state) {
            return Err(AppError::Conflict(format!(
                "competitions-refused-amend-{}",
                kind.code().replace('_', "-")
            )));
        }
        if kind == Kind::ExtendDeadline && c.closes_at.is_some_and(|d| now >= d) {
            return Err(AppError::Conflict(
                "competitions-refused-extend-after-deadline".into(),
            ));
        }
    }
    let (kind, v) = match validate(form, &c) {
        Ok(ok) => ok,
        Err(e) => return Ok(Err(e)),
    };
    let (Some(closes), Some(fund)) = (c.closes_at, c.fund_kopiyky) else {
        return Err(AppError::internal(
            "announced competition without deadline or fund",
        ));
    };
    let new = (v.closes_at.unwrap_or(closes), v.fund.unwrap_or(fund));
    // Also locks the row (PostgreSQL), so amendments of one competition queue.
    if model::set_amended(conn, id, c.state, (closes, fund), new, now)? == 0 {
        return Err(AppError::Conflict(
            "competitions-refused-changed-meanwhile".into(),
        ));
    }
    let a = Amendment {
        id: AmendmentId::new(),
        competition_id: id.clone(),
        seq: model::next_amendment_seq(conn, id)?,
        kind: kind.code().into(),
        reason: form.reason.trim().into(),
        clarification: v.clarification,
        closes_at_before: v.closes_at.and(c.closes_at),
        closes_at_after: v.closes_at,
        fund_before: v.fund.and(c.fund_kopiyky),
        fund_after: v.fund,
        author_id: actor.user_id.clone(),
        created_at: now,
    };
    model::insert_amendment(conn, &a)?;
    trail::record(
        conn,
        now,
        actor,
        "competition.amended",
        id,
        amendment_details(&a),
        true,
    )?;
    let recipients = amendment_recipients(conn, id)?;
    super::notify::amendment(conn, now, renderer, &c, &a, &recipients)?;
    Ok(Ok(a))
}

/// The changed values of an amendment, as the API and the audit log show them.
pub fn amendment_details(a: &Amendment) -> serde_json::Value {
    use crate::web::format::kyiv_rfc3339;
    let mut d = json!({
        "kind": a.kind,
        "seq": a.seq,
        "reason": a.reason,
        "at": kyiv_rfc3339(a.created_at),
    });
    if let (Some(from), Some(to)) = (a.closes_at_before, a.closes_at_after) {
        d["closes_at"] = json!({"from": kyiv_rfc3339(from), "to": kyiv_rfc3339(to)});
    }
    if let (Some(from), Some(to)) = (a.fund_before, a.fund_after) {
        d["fund_kopiyky"] = json!({"from": from, "to": to});
    }
    if let Some(text) = &a.clarification {
        d["clarification"] = json!(text);
    }
    d
}
