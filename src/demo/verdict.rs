//! The demo's ending: the review closed, one override with its reason, the
//! results frozen and published (with the applicants told).

use chrono::NaiveDateTime;

use super::call::Account;
use super::env::{organizer, Env};
use super::DemoError;
use crate::competitions::input::money_input;
use crate::competitions::CompetitionId;
use crate::error::AppError;
use crate::review::overrides::{self, OverrideForm};
use crate::review::{closing, finalize, results_build};
use crate::web::lang::Lang;

/// Closes a complete review, so deliberation starts.
pub async fn close(
    env: &Env,
    owner: &Account,
    comp: &CompetitionId,
    at: NaiveDateTime,
) -> Result<(), DemoError> {
    let (a, comp) = (organizer(&owner.id), comp.clone());
    env.db
        .write(move |c| match closing::close(c, at, &a, &comp, None)? {
            Ok(()) => Ok(Ok(())),
            Err(e) => Ok(Err(DemoError::refused("closing the review", &e))),
        })
        .await?
}

/// The organizer's one override, with its published reason: the
/// lowest-ranked funded proposal gets 80 % of its grant.
/// Returns its registration number, if there was one to fund.
pub async fn override_one(
    env: &Env,
    owner: &Account,
    comp: &CompetitionId,
    at: NaiveDateTime,
) -> Result<Option<String>, DemoError> {
    let (a, comp) = (organizer(&owner.id), comp.clone());
    env.db
        .write(move |c| {
            let doc = results_build::build(c, &comp, at)?;
            // The lowest-ranked funded proposal: its organization agreed to
            // a smaller grant, the rest being covered by the local budget.
            let Some(next) = doc.outcome.proposals.iter().rev().find(|p| p.awarded > 0) else {
                return Ok(Ok(None));
            };
            let reduced = next.awarded * 8 / 10 / 100_000 * 100_000;
            let reg = next.registration_number.clone();
            let pid: crate::applications::ProposalId = {
                use crate::db::schema::proposals as p;
                use diesel::prelude::*;
                p::table
                    .filter(p::competition_id.eq(&comp))
                    .filter(p::registration_number.eq(&reg))
                    .select(p::id)
                    .first(c)
                    .optional()?
                    .ok_or(AppError::NotFound)?
            };
            let form = OverrideForm {
                csrf_token: String::new(),
                action: "award".into(),
                amount: money_input(reduced),
                reason: "Організація письмово погодилася на меншу суму: оренду приміщень покриває місцевий бюджет (лист від громади); рішення комісії, протокол № 3.".into(),
            };
            match overrides::set(c, at, &a, (&comp, &pid), &form, Lang::Uk)? {
                Ok(()) => Ok(Ok(Some(reg))),
                Err(e) => Ok(Err(DemoError::refused("override", &e))),
            }
        })
        .await?
}

/// Freezes the results document, then publishes it.
pub async fn finalize_and_publish(
    env: &Env,
    owner: &Account,
    comp: &CompetitionId,
    finalized_at: NaiveDateTime,
    published_at: NaiveDateTime,
) -> Result<(), DemoError> {
    let (a, id) = (organizer(&owner.id), comp.clone());
    env.db
        .write(move |c| finalize::finalize(c, finalized_at, &a, &id))
        .await?;
    let (a, id, renderer) = (organizer(&owner.id), comp.clone(), env.renderer.clone());
    env.db
        .write(move |c| crate::publication::service::publish(c, published_at, &a, &renderer, &id))
        .await?;
    Ok(())
}
