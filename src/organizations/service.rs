//! What other modules call: look organizations up, ask who belongs to them,
//! and decide who may see or manage one. Synchronous functions on a
//! connection, so callers can use them inside their own transactions.

use diesel::QueryResult;

use super::model::{self, Member, MemberRole, Organization, OrganizationId};
use crate::audit::{self, NewEntry};
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

pub fn find(conn: &mut AnyConnection, org: &OrganizationId) -> QueryResult<Option<Organization>> {
    model::find(conn, org)
}

pub fn find_by_edrpou(conn: &mut AnyConnection, edrpou: &str) -> QueryResult<Option<Organization>> {
    model::find_by_edrpou(conn, edrpou)
}

/// The user's organizations and their role in each, by full name.
pub fn memberships_of(
    conn: &mut AnyConnection,
    user: &UserId,
) -> QueryResult<Vec<(Organization, MemberRole)>> {
    model::memberships_of(conn, user)
}

/// The user's role in the organization, if they belong to it.
pub fn role_of(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
) -> QueryResult<Option<MemberRole>> {
    model::role_of(conn, org, user)
}

/// Owner or member.
pub fn is_member(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
) -> QueryResult<bool> {
    Ok(role_of(conn, org, user)?.is_some())
}

pub fn is_owner(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
) -> QueryResult<bool> {
    Ok(role_of(conn, org, user)? == Some(MemberRole::Owner))
}

/// Members with their account name and e-mail, owners first.
pub fn members(conn: &mut AnyConnection, org: &OrganizationId) -> QueryResult<Vec<Member>> {
    model::members(conn, org)
}

/// What one person may do with one organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub role: Option<MemberRole>,
    /// An organizer or admin of the platform.
    pub staff: bool,
}

impl Access {
    /// Members and platform staff see the organization, its contacts and
    /// its members; nobody else does.
    pub fn can_view(&self) -> bool {
        self.role.is_some() || self.staff
    }

    /// Only owners edit the profile and manage members (staff do not).
    pub fn can_manage(&self) -> bool {
        self.role == Some(MemberRole::Owner)
    }
}

pub fn access(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
    staff: bool,
) -> QueryResult<Access> {
    Ok(Access {
        role: role_of(conn, org, user)?,
        staff,
    })
}

/// What a request needs to go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    View,
    Manage,
}

/// Loads the organization if the person may do `need`: 404 when they may
/// not even see it (so its existence is not confirmed), 403 when they see
/// it but may not manage it.
pub fn load_for(
    conn: &mut AnyConnection,
    org: &OrganizationId,
    user: &UserId,
    staff: bool,
    need: Need,
) -> AppResult<(Organization, Access)> {
    let found = model::find(conn, org)?.ok_or(AppError::NotFound)?;
    let access = access(conn, org, user, staff)?;
    if !access.can_view() {
        return Err(AppError::NotFound);
    }
    if need == Need::Manage && !access.can_manage() {
        return Err(AppError::Forbidden);
    }
    Ok((found, access))
}

/// An organization event in the audit log. Private: profiles carry contact
/// details, and membership entries name people.
pub(super) fn log(
    conn: &mut AnyConnection,
    now: chrono::NaiveDateTime,
    action: &str,
    org: &OrganizationId,
    actor: &UserId,
    details: serde_json::Value,
) -> AppResult<()> {
    let entry = NewEntry::new(action, "organization", Some(org.to_string()))
        .actor(actor.clone(), "user")
        .details(details)
        .public(false);
    audit::record(conn, now, entry)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn who_may_view_and_manage() {
        let a = |role, staff| Access { role, staff };
        assert!(!a(None, false).can_view());
        assert!(a(None, true).can_view() && !a(None, true).can_manage());
        assert!(a(Some(MemberRole::Member), false).can_view());
        assert!(!a(Some(MemberRole::Member), true).can_manage());
        assert!(a(Some(MemberRole::Owner), false).can_manage());
    }
}
