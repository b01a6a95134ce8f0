//! Admissibility after the deadline: the organizer admits a lodged proposal
//! or refuses it with a reason from a list plus free text, and may open a
//! correction window in which the applicant may replace documents. Every
//! step is audited and mailed to the applicant.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use super::model::{self, state, Proposal};
use super::service::trail;
use super::{access, ProposalId};
use crate::competitions::model as comp_model;
use crate::competitions::Actor;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::forms::FieldErrors;

pub const REASONS: [&str; 5] = [
    "missing_documents",
    "ineligible_organization",
    "budget_rules",
    "outside_priorities",
    "other",
];
pub const CORRECTION_MAX_DAYS: i64 = 30;
pub const TEXT_MAX: usize = 2_000;

fn after_deadline(conn: &mut AnyConnection, p: &Proposal, now: NaiveDateTime) -> AppResult<()> {
    let c = comp_model::find(conn, &p.competition_id)?.ok_or(AppError::NotFound)?;
    if c.closes_at.is_none_or(|d| now < d) {
        return Err(AppError::Conflict("applications-before-deadline".into()));
    }
    Ok(())
}

fn notify(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    renderer: &MailRenderer,
    p: &Proposal,
    data: serde_json::Value,
) -> AppResult<()> {
    for uid in super::orgs::member_ids(conn, &p.organization_id)? {
        let Ok(uid) = uid.parse() else { continue };
        let Some(u) = crate::accounts::model::find(conn, &uid)? else {
            continue;
        };
        let mut d = data.clone();
        d["name"] = json!(u.name);
        d["number"] = json!(p.registration_number);
        d["title"] = json!(p.title);
        d["path"] = json!(format!("/proposals/{}", p.id));
        let msg = OutgoingMail {
            to_address: u.email.clone(),
            to_name: Some(u.name.clone()),
            lang: u.lang(),
            template: "proposal-admissibility",
            data: d,
        };
        mail::enqueue(conn, now, renderer, msg)?;
    }
    Ok(())
}

/// Admit (`decision == "admit"`) or not (`"reject"` with a reason).
pub fn decide(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    id: &ProposalId,
    decision: &str,
    reason: &str,
    text: &str,
) -> AppResult<Result<(), FieldErrors>> {
    let p = access::load_managed(conn, actor, id)?;
    after_deadline(conn, &p, now)?;
    if p.state != state::SUBMITTED {
        return Err(AppError::Conflict("applications-already-decided".into()));
    }
    let mut e = FieldErrors::new();
    let text = text.trim();
    let (to, reason) = match decision {
        "admit" => (state::ADMITTED, None),
        "reject" => {
            if !REASONS.contains(&reason) {
                e.add("reason", "applications-err-reason-required");
            }
            (state::NOT_ADMITTED, Some(reason))
        }
        _ => {
            e.add("decision", "applications-err-decision-required");
            (state::SUBMITTED, None)
        }
    };
    if text.chars().count() > TEXT_MAX {
        e.add_with(
            "text",
            "applications-err-too-long",
            &[("max", TEXT_MAX.to_string())],
        );
    }
    if !e.is_empty() {
        return Ok(Err(e));
    }
    let text = (!text.is_empty()).then_some(text);
    if model::set_decision(conn, id, to, reason, text, &actor.user_id, now)? == 0 {
        return Err(AppError::Conflict("applications-already-decided".into()));
    }
    trail(
        conn,
        now,
        actor,
        "organizer",
        "proposal.admissibility",
        &p,
        json!({"decision": to, "reason": reason, "text": text}),
        true,
    )?;
    let reason_key = reason.map(|r| format!("applications-reason-{}", r.replace('_', "-")));
    notify(
        conn,
        now,
        renderer,
        &p,
        json!({"admitted": to == state::ADMITTED,
        "reason_key": reason_key, "text": text, "until": null}),
    )?;
    Ok(Ok(()))
}

/// Opens (or moves) a correction window of `days` days from now.
pub fn open_correction(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    id: &ProposalId,
    days: &str,
) -> AppResult<Result<NaiveDateTime, FieldErrors>> {
    let p = access::load_managed(conn, actor, id)?;
    after_deadline(conn, &p, now)?;
    if p.state != state::SUBMITTED {
        return Err(AppError::Conflict("applications-already-decided".into()));
    }
    let days = match days.trim().parse::<i64>() {
        Ok(d) if (1..=CORRECTION_MAX_DAYS).contains(&d) => d,
        _ => {
            let mut e = FieldErrors::new();
            e.add_with(
                "days",
                "applications-err-days",
                &[("max", CORRECTION_MAX_DAYS.to_string())],
            );
            return Ok(Err(e));
        }
    };
    let until = now + Duration::days(days);
    model::set_correction(conn, id, until, now)?;
    trail(
        conn,
        now,
        actor,
        "organizer",
        "proposal.correction_opened",
        &p,
        json!({"days": days, "until": crate::web::format::kyiv_rfc3339(until)}),
        false,
    )?;
    notify(
        conn,
        now,
        renderer,
        &p,
        json!({"admitted": false, "reason_key": null, "text": null,
        "until": crate::web::format::kyiv_datetime(until)}),
    )?;
    Ok(Ok(until))
}
