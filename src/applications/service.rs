//! Starting and saving drafts. A draft is saved whatever it contains; what
//! blocks submission is computed from it each time it is shown.

use chrono::NaiveDateTime;
use serde_json::json;

use super::forms::ProposalInput;
use super::model::{self, Proposal};
use super::{access, orgs, validate, ProposalId};
use crate::audit::{self, NewEntry};
use crate::competitions::input::kyiv_date_of;
use crate::competitions::service::{self as comp_service, Frozen};
use crate::competitions::{Actor, CompetitionId};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

/// Records `action` on a proposal in the caller's transaction.
pub fn trail(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    label: &str,
    action: &str,
    p: &Proposal,
    details: serde_json::Value,
    public: bool,
) -> AppResult<()> {
    let entry = NewEntry::new(action, "proposal", Some(p.id.to_string()))
        .actor(Some(actor.user_id.clone()), label)
        .competition(&p.competition_id)
        .details(details)
        .public(public);
    audit::record(conn, now, entry)?;
    Ok(())
}

/// Why an organization may not apply (a Fluent key), if it may not.
pub fn ineligibility(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    f: &Frozen,
    org: &orgs::Org,
    except: Option<&ProposalId>,
) -> AppResult<Option<&'static str>> {
    let el = &f.rules.eligibility;
    if !org.form_allowed(&el.organization_forms) {
        return Ok(Some("applications-ineligible-form"));
    }
    if org.months_registered(kyiv_date_of(now)) < el.min_months_registered {
        return Ok(Some("applications-ineligible-too-young"));
    }
    let count = match except {
        None => model::count_active(conn, &f.competition.id, &org.id)?,
        Some(p) => model::count_lodged_except(conn, &f.competition.id, &org.id, p)?,
    };
    if count >= el.max_proposals_per_organization {
        return Ok(Some("applications-ineligible-limit"));
    }
    Ok(None)
}

/// Starts a draft for an organization the actor belongs to.
pub fn create(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    competition: &CompetitionId,
    org_id: &str,
) -> AppResult<ProposalId> {
    let f = comp_service::frozen(conn, competition)?;
    if !f.competition.accepting(now) {
        return Err(AppError::Conflict("applications-not-accepting".into()));
    }
    let org = orgs::find(conn, org_id)?.ok_or(AppError::Forbidden)?;
    if !orgs::is_member(conn, &org.id, &actor.user_id)? {
        return Err(AppError::Forbidden);
    }
    if let Some(key) = ineligibility(conn, now, &f, &org, None)? {
        return Err(AppError::Conflict(key.into()));
    }
    let id = ProposalId::new();
    model::insert_draft(conn, &id, competition, &org.id, &actor.user_id, now)?;
    let p = model::find(conn, &id)?.ok_or(AppError::NotFound)?;
    trail(
        conn,
        now,
        actor,
        "applicant",
        "proposal.created",
        &p,
        json!({"organization_id": org.id}),
        false,
    )?;
    Ok(id)
}

pub fn input_of(p: &Proposal) -> ProposalInput {
    serde_json::from_str(&p.draft_json).unwrap_or_default()
}

/// Stores the draft as typed. Refused once submitted or after the deadline.
pub fn save(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &ProposalId,
    input: &ProposalInput,
) -> AppResult<FieldErrors> {
    let p = access::load_own(conn, actor, id)?;
    let f = comp_service::frozen(conn, &p.competition_id)?;
    if p.state != model::state::DRAFT || !f.competition.accepting(now) {
        return Err(AppError::Conflict("applications-read-only".into()));
    }
    let json = serde_json::to_string(input).map_err(|e| AppError::internal(e.to_string()))?;
    let title: String = input
        .title
        .trim()
        .chars()
        .take(validate::TITLE_MAX)
        .collect();
    let requested = validate::requested(input, &f.rules);
    if model::save_draft(conn, id, &title, &json, requested, now)? == 0 {
        return Err(AppError::Conflict("applications-read-only".into()));
    }
    Ok(validate::check(input, &f.rules).1)
}
