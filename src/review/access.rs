//! Recusal in the data layer. The only way a juror reads a proposal's
//! content or documents is [`load_for_juror`], which finds nothing unless
//! the juror has an active assignment to it declared free of conflict
//! (`coi = 'none'`). Pending, recused, withdrawn or foreign: not found.

use diesel::prelude::*;

use super::ids::AssignmentId;
use super::model::{self, coi, Assignment, Juror};
use crate::applications::model::{self as proposals, Proposal};
use crate::applications::ProposalId;
use crate::db::ids::UserId;
use crate::db::schema::{jurors as j, review_assignments as ra};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// The proposal and the juror's conflict-free assignment to it.
pub fn load_for_juror(
    conn: &mut AnyConnection,
    user: &UserId,
    proposal: &ProposalId,
) -> AppResult<(Proposal, Assignment)> {
    let a: Option<Assignment> = ra::table
        .inner_join(j::table)
        .filter(j::user_id.eq(user))
        .filter(j::removed_at.is_null())
        .filter(ra::proposal_id.eq(proposal))
        .filter(ra::active.eq(true))
        .filter(ra::coi.eq(coi::NONE))
        .select(Assignment::as_select())
        .first(conn)
        .optional()?;
    let a = a.ok_or(AppError::NotFound)?;
    let p = proposals::find(conn, proposal)?.ok_or(AppError::NotFound)?;
    Ok((p, a))
}

/// Whether the user may read the proposal's content as a juror.
pub fn may_read(conn: &mut AnyConnection, user: &UserId, proposal: &ProposalId) -> AppResult<bool> {
    match load_for_juror(conn, user, proposal) {
        Ok(_) => Ok(true),
        Err(AppError::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}

/// One of the user's own active assignments (any declaration), with the
/// juror row; 404 for anyone else's.
pub fn own_assignment(
    conn: &mut AnyConnection,
    user: &UserId,
    id: &AssignmentId,
) -> AppResult<(Juror, Assignment)> {
    let a = model::assignment(conn, id)?
        .filter(|a| a.active)
        .ok_or(AppError::NotFound)?;
    let juror = model::juror(conn, &a.juror_id)?.ok_or(AppError::NotFound)?;
    if juror.user_id.as_ref() != Some(user) {
        return Err(AppError::NotFound);
    }
    Ok((juror, a))
}
