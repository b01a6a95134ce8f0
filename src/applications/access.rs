//! Who may do what with a proposal. Members of the proposing organization
//! read and edit it; the competition's organizers (and admins) read it and
//! its documents once it is lodged; a juror reads its documents only
//! through a conflict-free assignment (`review::access`). Anyone else gets
//! a 404: a proposal's existence is not public before the deadline.

use super::model::{self, state, Proposal};
use super::ProposalId;
use crate::competitions::{access as comp_access, model as comp_model, Actor};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Member,
    Organizer,
}

pub fn role(conn: &mut AnyConnection, actor: &Actor, p: &Proposal) -> AppResult<Option<Role>> {
    if super::orgs::is_member(conn, &p.organization_id, &actor.user_id)? {
        return Ok(Some(Role::Member));
    }
    if p.state != state::DRAFT {
        if let Some(c) = comp_model::find(conn, &p.competition_id)? {
            if actor.may_manage(&c) {
                return Ok(Some(Role::Organizer));
            }
        }
    }
    Ok(None)
}

/// Loads a proposal the actor may read (member or organizer).
pub fn load_readable(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &ProposalId,
) -> AppResult<(Proposal, Role)> {
    let p = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    match role(conn, actor, &p)? {
        Some(r) => Ok((p, r)),
        None => Err(AppError::NotFound),
    }
}

/// Loads a proposal the actor may change (members only).
pub fn load_own(conn: &mut AnyConnection, actor: &Actor, id: &ProposalId) -> AppResult<Proposal> {
    match load_readable(conn, actor, id)? {
        (p, Role::Member) => Ok(p),
        _ => Err(AppError::Forbidden),
    }
}

/// Loads a proposal of a competition the actor manages.
pub fn load_managed(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &ProposalId,
) -> AppResult<Proposal> {
    let p = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    comp_access::load_managed(conn, actor, &p.competition_id)?;
    if p.state == state::DRAFT {
        return Err(AppError::NotFound);
    }
    Ok(p)
}

/// Loads a proposal whose documents the actor may download: a member or
/// organizer, or a juror with a conflict-free assignment to it (a recused
/// or undeclared juror gets a 404).
pub fn load_downloadable(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &ProposalId,
) -> AppResult<Proposal> {
    match load_readable(conn, actor, id) {
        Ok((p, _)) => Ok(p),
        Err(AppError::NotFound) => {
            Ok(crate::review::access::load_for_juror(conn, &actor.user_id, id)?.0)
        }
        Err(e) => Err(e),
    }
}
