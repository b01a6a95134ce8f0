//! The organizer's overrides during deliberation (issue 6, item 8): award a
//! different amount or exclude a proposal, always with a written reason that
//! is published with the results. The engine checks every override against
//! the fund, the cap and the request; its refusals become form errors.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::finalize::load_open;
use super::ids::OverrideId;
use super::results_build::{self, IN_RESULTS};
use super::results_map::{self, OverrideRow};
use crate::applications::ProposalId;
use crate::competitions::ids::CompetitionId;
use crate::competitions::input::{money_input, parse_money, MoneyError};
use crate::competitions::lifecycle::REASON_MAX;
use crate::competitions::trail as verdict_audit;
use crate::competitions::Actor;
use crate::db::schema::{proposals as p, review_overrides as ro};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::scoring::ScoringError;
use crate::web::format::money;
use crate::web::forms::FieldErrors;
use crate::web::lang::Lang;

/// What the override form posts: `action` is `award` or `exclude`.
#[derive(Debug, Clone, Default, rocket::FromForm)]
pub struct OverrideForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub action: String,
    #[field(default = String::new())]
    pub amount: String,
    #[field(default = String::new())]
    pub reason: String,
}

crate::has_csrf!(OverrideForm);

impl OverrideForm {
    /// The form filled with a stored override.
    pub fn of(row: &OverrideRow) -> OverrideForm {
        OverrideForm {
            csrf_token: String::new(),
            action: row.action.clone(),
            amount: row.amount.map(money_input).unwrap_or_default(),
            reason: row.reason.clone(),
        }
    }
}

/// A proposal of the competition that is in the results: its registration
/// number, requested amount and state.
pub fn proposal_of(
    conn: &mut AnyConnection,
    competition: &CompetitionId,
    id: &ProposalId,
) -> AppResult<(String, i64, String)> {
    let row: Option<(Option<String>, Option<i64>, String)> = p::table
        .find(id)
        .filter(p::competition_id.eq(competition))
        .filter(p::state.eq_any(IN_RESULTS))
        .select((p::registration_number, p::requested_kopiyky, p::state))
        .first(conn)
        .optional()?;
    match row {
        Some((Some(reg), requested, state)) => Ok((reg, requested.unwrap_or(0), state)),
        _ => Err(AppError::NotFound),
    }
}

/// The stored override of a proposal, if any.
pub fn find(
    conn: &mut AnyConnection,
    competition: &CompetitionId,
    id: &ProposalId,
) -> AppResult<Option<OverrideRow>> {
    Ok(results_build::overrides(conn, competition)?
        .into_iter()
        .find(|o| &o.proposal_id == id))
}

/// Checks the form alone (the engine checks the rest).
fn check(
    form: &OverrideForm,
    requested: i64,
    cap: i64,
    lang: Lang,
) -> Result<OverrideRow, FieldErrors> {
    let mut errors = FieldErrors::new();
    let reason = form.reason.trim();
    let action = form.action.trim();
    let mut amount = None;
    match action {
        "exclude" => {}
        "award" => match parse_money(&form.amount) {
            Ok(0) => errors.add("amount", "verdict-err-amount-positive"),
            Ok(a) if a > requested => errors.add_with(
                "amount",
                "verdict-err-amount-over-request",
                &[("requested", money(requested, lang))],
            ),
            Ok(a) if a > cap => errors.add_with(
                "amount",
                "verdict-err-amount-over-cap",
                &[("cap", money(cap, lang))],
            ),
            Ok(a) => amount = Some(a),
            Err(MoneyError::TooManyDecimals) => errors.add("amount", "verdict-err-amount-decimals"),
            Err(_) => errors.add("amount", "verdict-err-amount-invalid"),
        },
        _ => errors.add("action", "verdict-err-action-required"),
    }
    if reason.is_empty() {
        errors.add("reason", "verdict-err-override-reason-required");
    } else if reason.chars().count() > REASON_MAX {
        errors.add_with(
            "reason",
            "competitions-err-too-long",
            &[("max", REASON_MAX.to_string())],
        );
    }
    errors.into_result()?;
    Ok(OverrideRow {
        proposal_id: ProposalId::new(),
        action: action.to_string(),
        amount,
        reason: reason.to_string(),
    })
}

/// Sets (or replaces) the override of a proposal. `lang` formats the
/// amounts quoted in error messages.
pub fn set(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    (competition, proposal): (&CompetitionId, &ProposalId),
    form: &OverrideForm,
    lang: Lang,
) -> AppResult<Result<(), FieldErrors>> {
    let c = load_open(conn, actor, competition)?;
    let (reg, requested, _) = proposal_of(conn, competition, proposal)?;
    let mut inputs = results_build::load(conn, competition, now)?;
    let cap = inputs.rules.cap_per_proposal_kopiyky;
    let mut row = match check(form, requested, cap, lang) {
        Ok(row) => row,
        Err(errors) => return Ok(Err(errors)),
    };
    row.proposal_id = proposal.clone();
    inputs.overrides.retain(|o| &o.proposal_id != proposal);
    inputs.overrides.push(row.clone());
    match results_map::assemble(&inputs) {
        Ok(_) => {}
        Err(ScoringError::OverridesExceedFund { .. }) => {
            let mut errors = FieldErrors::new();
            errors.add_with(
                "amount",
                "verdict-err-over-fund",
                &[(
                    "fund",
                    money(c.fund_kopiyky.unwrap_or(inputs.fund), Lang::Uk),
                )],
            );
            return Ok(Err(errors));
        }
        Err(ScoringError::InvalidOverride { .. }) => {
            let mut errors = FieldErrors::new();
            errors.add("action", "verdict-err-not-fundable");
            return Ok(Err(errors));
        }
        Err(e) => return Err(AppError::internal(format!("results: {e}"))),
    }
    diesel::delete(
        ro::table
            .filter(ro::competition_id.eq(competition))
            .filter(ro::proposal_id.eq(proposal)),
    )
    .execute(conn)?;
    diesel::insert_into(ro::table)
        .values((
            ro::id.eq(OverrideId::new()),
            ro::competition_id.eq(competition),
            ro::proposal_id.eq(proposal),
            ro::action.eq(&row.action),
            ro::amount_kopiyky.eq(row.amount),
            ro::reason.eq(&row.reason),
            ro::created_by.eq(&actor.user_id),
            ro::created_at.eq(now),
        ))
        .execute(conn)?;
    verdict_audit::record(
        conn,
        now,
        actor,
        "competition.override_set",
        competition,
        json!({
            "registration_number": reg,
            "action": row.action,
            "amount": row.amount,
            "reason": row.reason,
        }),
        false,
    )?;
    Ok(Ok(()))
}

/// Removes the override of a proposal (404 when there is none).
pub fn remove(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    competition: &CompetitionId,
    proposal: &ProposalId,
) -> AppResult<()> {
    load_open(conn, actor, competition)?;
    let (reg, _, _) = proposal_of(conn, competition, proposal)?;
    let old = find(conn, competition, proposal)?.ok_or(AppError::NotFound)?;
    diesel::delete(
        ro::table
            .filter(ro::competition_id.eq(competition))
            .filter(ro::proposal_id.eq(proposal)),
    )
    .execute(conn)?;
    verdict_audit::record(
        conn,
        now,
        actor,
        "competition.override_removed",
        competition,
        json!({
            "registration_number": reg,
            "action": old.action,
            "amount": old.amount,
            "reason": old.reason,
        }),
        false,
    )
}
