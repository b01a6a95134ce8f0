//! Closing the review (issue 6, item 6): when every assignment is submitted
//! or recused, or early by the organizer with a written reason that names
//! the missing ones. Either way the competition moves review → deliberation
//! and the closure is kept (`review_closures`) for the results document.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::json;

use super::document::MissingScore;
use super::results_build;
use super::results_map::{labels, RECUSALS};
use crate::applications::model::state as proposal_state;
use crate::competitions::ids::CompetitionId;
use crate::competitions::lifecycle::{self, REASON_MAX};
use crate::competitions::rules::RulesDoc;
use crate::competitions::trail as verdict_audit;
use crate::competitions::{access, model, Actor, State};
use crate::db::schema::{
    proposals as p, review_assignments as a, review_closures as rc, review_scores as s,
};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

/// What the closing form posts: the reason is required when closing early.
#[derive(Debug, rocket::FromForm)]
pub struct CloseForm {
    pub csrf_token: String,
    #[field(default = String::new())]
    pub reason: String,
}

crate::has_csrf!(CloseForm);

/// One assignment still open: who (name and public label) and which proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub juror_name: String,
    pub juror_label: String,
    pub registration_number: String,
    pub title: String,
}

/// Whether round 2 counts: an open defence and any round-2 score.
pub fn second_round_counts(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<bool> {
    if !super::defence::enabled(conn, id)? {
        return Ok(false);
    }
    let n: i64 = s::table
        .inner_join(a::table)
        .filter(a::competition_id.eq(id))
        .filter(a::active.eq(true))
        .filter(s::round.eq(2))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// (juror, registration number, title, round-1 and round-2 submission).
type OpenRow = (
    String,
    String,
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

/// Active assignments of admitted proposals that are neither recused nor
/// submitted (round 1, and round 2 when the competition has an open
/// defence), by registration number and label: the same rule as
/// `progress::pending_count`, which decides whether closing needs a reason.
pub fn missing(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Vec<Missing>> {
    let two_rounds = super::defence::enabled(conn, id)?;
    let rows: Vec<OpenRow> = a::table
        .inner_join(p::table)
        .filter(a::competition_id.eq(id))
        .filter(a::active.eq(true))
        .filter(a::coi.ne_all(RECUSALS))
        .filter(p::state.eq(proposal_state::ADMITTED))
        .select((
            a::juror_id,
            p::registration_number.assume_not_null(),
            p::title,
            a::submitted_at,
            a::round2_submitted_at,
        ))
        .load(conn)?;
    let publish_names = match model::rules_json(conn, id)? {
        Some(bytes) => {
            RulesDoc::parse(&bytes)
                .map_err(|e| AppError::internal(e.to_string()))?
                .publication
                .juror_names
        }
        None => false,
    };
    let jurors = results_build::jurors(conn, id)?;
    let label_of = labels(publish_names, &jurors);
    let mut out: Vec<(i32, Missing)> = rows
        .into_iter()
        .filter(|(_, _, _, s1, s2)| s1.is_none() || (two_rounds && s2.is_none()))
        .map(|(juror_id, reg, title, _, _)| {
            let juror = jurors.iter().find(|x| x.id.as_str() == juror_id);
            let (name, number) = juror.map_or((String::new(), 0), |x| {
                (x.full_name.clone(), x.label_number)
            });
            let label = juror
                .and_then(|x| label_of.get(&x.id).cloned())
                .unwrap_or_else(|| juror_id.clone());
            (
                number,
                Missing {
                    juror_name: if name.is_empty() { label.clone() } else { name },
                    juror_label: label,
                    registration_number: reg,
                    title,
                },
            )
        })
        .collect();
    out.sort_by(|(n1, a), (n2, b)| {
        a.registration_number
            .cmp(&b.registration_number)
            .then(n1.cmp(n2))
    });
    Ok(out.into_iter().map(|(_, m)| m).collect())
}

/// Whether the review of `id` has been closed.
pub fn is_closed(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<bool> {
    let n: i64 = rc::table.find(id).count().get_result(conn)?;
    Ok(n > 0)
}

/// Closes the review. Complete (nothing missing): no reason needed. Early:
/// `reason` is required (`None`, as from the generic step button, is
/// refused with `competitions-refused-reviews-pending`).
pub fn close(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    reason: Option<&str>,
) -> AppResult<Result<(), FieldErrors>> {
    let c = access::load_managed(conn, actor, id)?;
    if c.state != State::Review {
        return Err(AppError::Conflict(
            "competitions-refused-deliberation-state".into(),
        ));
    }
    let open = missing(conn, id)?;
    let pending = lifecycle::pending_reviews(conn, id)?;
    let complete = pending == 0 && open.is_empty();
    let reason = match (complete, reason.map(str::trim)) {
        (true, _) => None,
        (false, None) => {
            return Err(AppError::Conflict(
                "competitions-refused-reviews-pending".into(),
            ))
        }
        (false, Some(r)) => {
            let mut errors = FieldErrors::new();
            if r.is_empty() {
                errors.add("reason", "verdict-err-close-reason-required");
            } else if r.chars().count() > REASON_MAX {
                errors.add_with(
                    "reason",
                    "competitions-err-too-long",
                    &[("max", REASON_MAX.to_string())],
                );
            }
            if !errors.is_empty() {
                return Ok(Err(errors));
            }
            Some(r)
        }
    };
    let published: Vec<MissingScore> = open
        .iter()
        .map(|m| MissingScore {
            juror: m.juror_label.clone(),
            registration_number: m.registration_number.clone(),
        })
        .collect();
    let missing_json =
        serde_json::to_string(&published).map_err(|e| AppError::internal(e.to_string()))?;
    diesel::insert_into(rc::table)
        .values((
            rc::competition_id.eq(id),
            rc::closed_at.eq(now),
            rc::closed_by.eq(&actor.user_id),
            rc::reason.eq(reason),
            rc::missing_json.eq(&missing_json),
        ))
        .execute(conn)?;
    let (from, to) = (State::Review, State::Deliberation);
    if model::set_state(conn, id, from, to, None, now)? == 0 {
        return Err(AppError::Conflict(
            "competitions-refused-changed-meanwhile".into(),
        ));
    }
    lifecycle::log_transition(conn, now, actor, id, from, to, None)?;
    // An early closure's reason and missing list are published with the
    // results; until then the entry is not public.
    verdict_audit::record(
        conn,
        now,
        actor,
        "competition.deliberation_started",
        id,
        json!({
            "from": from.as_str(),
            "to": to.as_str(),
            "complete": complete,
            "reason": reason,
            "missing": published,
        }),
        complete,
    )?;
    Ok(Ok(()))
}
