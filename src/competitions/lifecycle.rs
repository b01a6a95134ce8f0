//! Lifecycle transitions after announcement, one function each:
//! `announced → admissibility → review → deliberation → published → closed`,
//! and `cancel` (with a public reason) from any state before publication.
//! Each checks its preconditions, moves the state only if nobody moved it
//! meanwhile, logs the step and writes an audit entry. A refusal is an
//! `AppError::Conflict` whose message key says why.

use chrono::NaiveDateTime;
use serde_json::json;

use super::access::{self, Actor};
use super::ids::{CompetitionId, TransitionId};
use super::model::{self, Competition, Transition};
use super::state::State;
use super::trail;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

pub const REASON_MAX: usize = 2_000;

fn refuse<T>(key: &str) -> AppResult<T> {
    Err(AppError::Conflict(key.into()))
}

/// Appends a step to the competition's history.
pub fn log_transition(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    from: State,
    to: State,
    reason: Option<&str>,
) -> AppResult<()> {
    model::insert_transition(
        conn,
        &Transition {
            id: TransitionId::new(),
            competition_id: id.clone(),
            from_state: from,
            to_state: to,
            reason: reason.map(str::to_string),
            actor_id: actor.user_id.clone(),
            created_at: now,
        },
    )?;
    Ok(())
}

/// Moves `from → to` after `precondition` accepted the competition.
fn step(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    pair: (State, State),
    wrong_state_key: &str,
    precondition: impl FnOnce(&mut AnyConnection, &Competition) -> AppResult<()>,
) -> AppResult<()> {
    step_with(conn, now, actor, id, pair, wrong_state_key, |conn, c| {
        precondition(conn, c).map(|_| json!({}))
    })
}

/// [`step`] whose precondition also returns extra audit details (an object).
fn step_with(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    (from, to): (State, State),
    wrong_state_key: &str,
    precondition: impl FnOnce(&mut AnyConnection, &Competition) -> AppResult<serde_json::Value>,
) -> AppResult<()> {
    let c = access::load_managed(conn, actor, id)?;
    if c.state != from {
        return refuse(wrong_state_key);
    }
    let mut details = precondition(conn, &c)?;
    if model::set_state(conn, id, from, to, None, now)? == 0 {
        return refuse("competitions-refused-changed-meanwhile");
    }
    log_transition(conn, now, actor, id, from, to, None)?;
    details["from"] = json!(from.as_str());
    details["to"] = json!(to.as_str());
    trail::record(conn, now, actor, audit_action(to), id, details, true)
}

/// The audit action of entering `to`.
fn audit_action(to: State) -> &'static str {
    match to {
        State::Draft => "competition.draft_created",
        State::Announced => "competition.announced",
        State::Admissibility => "competition.admissibility_started",
        State::Review => "competition.review_started",
        State::Deliberation => "competition.deliberation_started",
        State::Published => "competition.results_published",
        State::Closed => "competition.closed",
        State::Cancelled => "competition.cancelled",
    }
}

/// Ends the call: only once the deadline in force has passed.
pub fn start_admissibility(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<()> {
    let pair = (State::Announced, State::Admissibility);
    step(
        conn,
        now,
        actor,
        id,
        pair,
        "competitions-refused-admissibility-state",
        |_, c| match c.closes_at {
            Some(deadline) if now >= deadline => Ok(()),
            _ => refuse("competitions-refused-deadline-not-passed"),
        },
    )
}

/// Starts the jury's review once every proposal has an admissibility
/// decision and the jury is ready; assigns the admitted proposals.
pub fn start_review(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<()> {
    let pair = (State::Admissibility, State::Review);
    step(
        conn,
        now,
        actor,
        id,
        pair,
        "competitions-refused-review-state",
        |conn, c| {
            if pending_admissibility_decisions(conn, &c.id)? > 0 {
                return refuse("competitions-refused-admissibility-pending");
            }
            crate::review::assign_db::check_ready(conn, &c.id)
        },
    )?;
    // Same transaction: the review starts with its assignments or not at all.
    let label = if actor.is_admin { "admin" } else { "organizer" };
    let by = crate::review::trail::By::user(&actor.user_id, label);
    crate::review::assign_db::run_at_start(conn, now, id, &by)
}

/// Closes the review once every assigned scoring is done or recused (the
/// generic step). Closing early with a reason is the review's own page
/// (`crate::review::closing`).
pub fn start_deliberation(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<()> {
    match crate::review::closing::close(conn, now, actor, id, None)? {
        Ok(()) => Ok(()),
        Err(_) => refuse("competitions-refused-reviews-pending"),
    }
}

/// Publishes the results: only from deliberation, and only once the
/// results are finalized (a `competition_results` row exists). The audit
/// entry carries the results document's SHA-256. The rest of publication
/// (`published_at`, notices) is `crate::publication::service::publish`,
/// which calls this in the same transaction.
pub fn publish(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<String> {
    let pair = (State::Deliberation, State::Published);
    let mut sha = String::new();
    step_with(
        conn,
        now,
        actor,
        id,
        pair,
        "competitions-refused-publish-state",
        |conn, c| match crate::publication::model::find(conn, &c.id)? {
            Some(r) if r.published_at.is_none() => {
                sha = r.sha256;
                Ok(json!({"results_sha256": sha}))
            }
            Some(_) => refuse("competitions-refused-publish-state"),
            None => refuse("competitions-refused-not-finalized"),
        },
    )?;
    Ok(sha)
}

/// Closes a published competition.
pub fn close(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<()> {
    let pair = (State::Published, State::Closed);
    step(
        conn,
        now,
        actor,
        id,
        pair,
        "competitions-refused-close-state",
        |_, _| Ok(()),
    )
}

/// Cancels a competition before publication; the reason is published.
pub fn cancel(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
    reason: &str,
) -> AppResult<Result<(), FieldErrors>> {
    let c = access::load_managed(conn, actor, id)?;
    if !c.state.can_cancel() {
        return refuse("competitions-refused-cancel-state");
    }
    let reason = reason.trim();
    let mut errors = FieldErrors::new();
    if reason.is_empty() {
        errors.add("reason", "competitions-err-reason-required");
    } else if reason.chars().count() > REASON_MAX {
        errors.add_with(
            "reason",
            "competitions-err-too-long",
            &[("max", REASON_MAX.to_string())],
        );
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    if model::set_state(conn, id, c.state, State::Cancelled, Some(reason), now)? == 0 {
        return refuse("competitions-refused-changed-meanwhile");
    }
    log_transition(
        conn,
        now,
        actor,
        id,
        c.state,
        State::Cancelled,
        Some(reason),
    )?;
    trail::record(
        conn,
        now,
        actor,
        "competition.cancelled",
        id,
        json!({"from": c.state.as_str(), "reason": reason}),
        c.is_public(),
    )?;
    Ok(Ok(()))
}

/// Submitted proposals still waiting for an admit / not-admit decision.
pub fn pending_admissibility_decisions(
    conn: &mut AnyConnection,
    id: &CompetitionId,
) -> AppResult<i64> {
    use crate::applications::model::state::SUBMITTED;
    use crate::db::schema::proposals as p;
    use diesel::prelude::*;
    Ok(p::table
        .filter(p::competition_id.eq(id))
        .filter(p::state.eq(SUBMITTED))
        .count()
        .get_result(conn)?)
}

/// Assigned scorings neither submitted nor recused: active assignments
/// undeclared or declared free of conflict whose round 1 is not submitted,
/// plus (with an open defence) those whose round 2 is not submitted.
pub fn pending_reviews(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<i64> {
    crate::review::progress::pending_count(conn, id)
}

/// The forward steps by the name used in URLs and on buttons
/// (`admissibility`, `review`, `deliberation`, `publish`, `close`).
pub const STEPS: [(&str, State); 5] = [
    ("admissibility", State::Admissibility),
    ("review", State::Review),
    ("deliberation", State::Deliberation),
    ("publish", State::Published),
    ("close", State::Closed),
];

/// The step that leads out of `state`, if any (announcement is separate).
pub fn step_from(state: State) -> Option<&'static str> {
    let next = state.next()?;
    STEPS
        .iter()
        .find(|(_, to)| *to == next)
        .map(|(name, _)| *name)
}

/// Runs the step named `name`; 404 for an unknown name. Publishing also
/// notifies the applicants, through `renderer`.
pub fn run_step(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &crate::mail::MailRenderer,
    id: &CompetitionId,
    name: &str,
) -> AppResult<()> {
    match name {
        "admissibility" => start_admissibility(conn, now, actor, id),
        "review" => start_review(conn, now, actor, id),
        "deliberation" => start_deliberation(conn, now, actor, id),
        "publish" => crate::publication::service::publish(conn, now, actor, renderer, id),
        "close" => close(conn, now, actor, id),
        _ => Err(AppError::NotFound),
    }
}
