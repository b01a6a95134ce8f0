//! Conflict-of-interest declarations: before seeing any content of an
//! assigned proposal the juror declares none, potential or real (with a
//! comment for the latter two). Potential and real are recusals; in
//! k-per-proposal mode a replacement is assigned at once. Every declaration
//! is audited: together they form the COI register.

use chrono::NaiveDateTime;
use serde_json::json;

use super::assign_db;
use super::ids::AssignmentId;
use super::model::{self, coi};
use super::trail::{self, By};
use super::{access, review_state};
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

pub const COMMENT_MAX: usize = 2_000;

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct DeclarationInput {
    pub coi: String,
    pub comment: String,
}

pub fn check(input: &DeclarationInput) -> FieldErrors {
    let mut e = FieldErrors::new();
    let comment = input.comment.trim();
    match input.coi.as_str() {
        coi::NONE => {}
        coi::POTENTIAL | coi::REAL if comment.is_empty() => {
            e.add("comment", "review-err-coi-comment-required")
        }
        coi::POTENTIAL | coi::REAL => {}
        _ => e.add("coi", "review-err-coi-choice"),
    }
    if comment.chars().count() > COMMENT_MAX {
        e.add_with(
            "comment",
            "review-err-too-long",
            &[("max", COMMENT_MAX.to_string())],
        );
    }
    e
}

/// Records the declaration. Returns whether a replacement was needed and
/// found (`None` when no replacement was needed).
pub fn declare(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    user: &UserId,
    id: &AssignmentId,
    input: &DeclarationInput,
) -> AppResult<Result<Option<bool>, FieldErrors>> {
    let (juror, a) = access::own_assignment(conn, user, id)?;
    review_state(conn, &a.competition_id)?;
    if a.coi != coi::PENDING {
        return Err(AppError::Conflict("review-refused-coi-declared".into()));
    }
    let errors = check(input);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let comment = input.comment.trim();
    let comment = (!comment.is_empty()).then_some(comment);
    if model::set_coi(conn, now, id, &[coi::PENDING], &input.coi, comment)? != 1 {
        return Err(AppError::Conflict("review-refused-coi-declared".into()));
    }
    let by = By::user(user, "juror");
    trail::record(
        conn,
        now,
        &by,
        "review.coi_declared",
        ("assignment", id.to_string()),
        &a.competition_id,
        json!({"proposal_id": a.proposal_id, "juror_id": juror.id,
               "label_number": juror.label_number, "coi": input.coi, "comment": comment}),
    )?;
    if input.coi == coi::NONE {
        return Ok(Ok(None));
    }
    let replaced = assign_db::replace(conn, now, &a.competition_id, &a.proposal_id, &by)?;
    Ok(Ok(replaced))
}
