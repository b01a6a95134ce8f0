//! Invitations by e-mail: a single-use link that expires. Only the token's
//! SHA-256 is stored, so the table alone cannot be used to join.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::model::OrganizationId;
use crate::auth::secret::{random_token, sha256_hex};
use crate::db::ids::UserId;
use crate::db::schema::organization_invitations as oi;
use crate::db::AnyConnection;

crate::typed_id!(
    /// An invitation to join an organization.
    InvitationId
);

/// How long an invitation link works.
pub fn lifetime() -> Duration {
    Duration::days(7)
}

/// At most this many open invitations per organization (an owner's account
/// must not become a way to mail strangers in bulk).
pub const MAX_PENDING: i64 = 50;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = oi)]
pub struct Invitation {
    pub id: InvitationId,
    pub organization_id: OrganizationId,
    pub email: String,
    #[serde(skip)]
    pub token_hash: String,
    pub invited_by: UserId,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub accepted_by: Option<UserId>,
    pub revoked_at: Option<NaiveDateTime>,
}

/// Why an invitation link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Unknown,
    Expired,
    Used,
    Revoked,
}

impl Problem {
    pub fn message_key(self) -> &'static str {
        match self {
            Problem::Unknown => "organizations-invitation-unknown",
            Problem::Expired => "organizations-invitation-expired",
            Problem::Used => "organizations-invitation-used",
            Problem::Revoked => "organizations-invitation-revoked",
        }
    }
}

impl Invitation {
    pub fn usable(&self, now: NaiveDateTime) -> Result<(), Problem> {
        if self.accepted_at.is_some() {
            Err(Problem::Used)
        } else if self.revoked_at.is_some() {
            Err(Problem::Revoked)
        } else if self.expires_at <= now {
            Err(Problem::Expired)
        } else {
            Ok(())
        }
    }
}

/// Not accepted, not revoked, not expired.
#[diesel::dsl::auto_type(no_type_alias)]
fn open(now: NaiveDateTime) -> _ {
    oi::accepted_at
        .is_null()
        .and(oi::revoked_at.is_null())
        .and(oi::expires_at.gt(now))
}

/// Issues an invitation; an earlier open one to the same address for the
/// same organization stops working. Returns it and the secret token.
pub fn issue(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    org: &OrganizationId,
    email: &str,
    by: &UserId,
) -> QueryResult<(InvitationId, String)> {
    diesel::update(
        oi::table
            .filter(oi::organization_id.eq(org))
            .filter(oi::email.eq(email))
            .filter(open(now)),
    )
    .set(oi::revoked_at.eq(now))
    .execute(conn)?;
    let id = InvitationId::new();
    let token = random_token();
    diesel::insert_into(oi::table)
        .values((
            oi::id.eq(&id),
            oi::organization_id.eq(org),
            oi::email.eq(email),
            oi::token_hash.eq(sha256_hex(token.as_bytes())),
            oi::invited_by.eq(by),
            oi::created_at.eq(now),
            oi::expires_at.eq(now + lifetime()),
        ))
        .execute(conn)?;
    Ok((id, token))
}

pub fn find_by_token(conn: &mut AnyConnection, token: &str) -> QueryResult<Option<Invitation>> {
    oi::table
        .filter(oi::token_hash.eq(sha256_hex(token.as_bytes())))
        .select(Invitation::as_select())
        .first(conn)
        .optional()
}

/// Uses the invitation up; false if it was used, revoked or expired in the
/// meantime (a conditional update, so two accepts cannot both win).
pub fn mark_accepted(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    id: &InvitationId,
    user: &UserId,
) -> QueryResult<bool> {
    let n = diesel::update(oi::table.find(id).filter(open(now)))
        .set((oi::accepted_at.eq(now), oi::accepted_by.eq(user)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Open invitations of an organization, newest first.
pub fn pending(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    org: &OrganizationId,
) -> QueryResult<Vec<Invitation>> {
    oi::table
        .filter(oi::organization_id.eq(org))
        .filter(open(now))
        .order(oi::created_at.desc())
        .select(Invitation::as_select())
        .load(conn)
}

pub fn count_pending(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    org: &OrganizationId,
) -> QueryResult<i64> {
    oi::table
        .filter(oi::organization_id.eq(org))
        .filter(open(now))
        .count()
        .get_result(conn)
}

/// Withdraws an open invitation; returns its address, or None if it was
/// not open (or not this organization's).
pub fn revoke(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    org: &OrganizationId,
    id: &InvitationId,
) -> QueryResult<Option<String>> {
    let email: Option<String> = oi::table
        .find(id)
        .filter(oi::organization_id.eq(org))
        .filter(open(now))
        .select(oi::email)
        .first(conn)
        .optional()?;
    if email.is_some() {
        diesel::update(oi::table.find(id))
            .set(oi::revoked_at.eq(now))
            .execute(conn)?;
    }
    Ok(email)
}
