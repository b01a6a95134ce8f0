//! Who may manage a competition. Policy: the organizer who created it, and
//! any admin. Other organizers of the instance may not (a ministry unit's
//! competitions are its own; an admin can step in). Everyone may read what
//! is public.

use super::ids::CompetitionId;
use super::model::{self, Competition};
use crate::auth::Viewer;
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// The person acting, as services see them (no request types).
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: UserId,
    pub is_admin: bool,
    pub is_organizer: bool,
}

impl Actor {
    pub fn of(viewer: &Viewer) -> Actor {
        Actor {
            user_id: viewer.user.id.clone(),
            is_admin: viewer.is_admin(),
            is_organizer: viewer.is_organizer(),
        }
    }

    /// May create competitions at all.
    pub fn may_create(&self) -> bool {
        self.is_organizer || self.is_admin
    }

    pub fn may_manage(&self, c: &Competition) -> bool {
        self.is_admin || (self.is_organizer && c.owner_id == self.user_id)
    }
}

/// Loads a competition the actor may manage: 404 when it does not exist,
/// 403 when it is someone else's.
pub fn load_managed(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<Competition> {
    let c = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    if !actor.may_manage(&c) {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

/// Loads a competition the public may see (404 for drafts).
pub fn load_public(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Competition> {
    match model::find(conn, id)? {
        Some(c) if c.is_public() => Ok(c),
        _ => Err(AppError::NotFound),
    }
}
