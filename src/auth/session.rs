//! Database sessions, shared by every instance and revocable. The private
//! cookie holds a random token; the table stores only its hash.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use super::secret::{random_token, sha256_hex};
use crate::accounts::model::User;
use crate::db::ids::{SessionId, UserId};
use crate::db::schema::{sessions, users};
use crate::db::AnyConnection;

pub const COOKIE: &str = "session";
/// A session ends this long after login, however active.
pub const MAX_AGE: Duration = Duration::days(14);
/// …or after this long without a request.
pub const IDLE: Duration = Duration::days(2);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(5);

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id: SessionId,
    pub user_id: UserId,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

/// Starts a session; returns it and the token for the cookie.
pub fn create(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    user: &UserId,
    ip: &str,
    user_agent: &str,
) -> QueryResult<(SessionId, String)> {
    let id = SessionId::new();
    let token = random_token();
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(&id),
            sessions::token_hash.eq(sha256_hex(token.as_bytes())),
            sessions::user_id.eq(user),
            sessions::created_at.eq(now),
            sessions::last_seen_at.eq(now),
            sessions::expires_at.eq(now + MAX_AGE),
            sessions::ip.eq(ip),
            sessions::user_agent.eq(user_agent.chars().take(300).collect::<String>()),
        ))
        .execute(conn)?;
    Ok((id, token))
}

/// The live session for a cookie token, with its user.
pub fn lookup(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    token: &str,
) -> QueryResult<Option<(Session, User)>> {
    let found = sessions::table
        .inner_join(users::table)
        .filter(sessions::token_hash.eq(sha256_hex(token.as_bytes())))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .filter(sessions::last_seen_at.gt(now - IDLE))
        .select((Session::as_select(), User::as_select()))
        .first::<(Session, User)>(conn)
        .optional()?;
    if let Some((session, _)) = &found {
        if now - session.last_seen_at > TOUCH_EVERY {
            diesel::update(sessions::table.find(&session.id))
                .set(sessions::last_seen_at.eq(now))
                .execute(conn)?;
        }
    }
    Ok(found)
}

pub fn revoke(conn: &mut AnyConnection, now: NaiveDateTime, id: &SessionId) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .find(id)
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now))
    .execute(conn)
    .map(|_| ())
}

/// Revokes every live session of a user (password change or reset);
/// returns how many.
pub fn revoke_all(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    user: &UserId,
) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now))
    .execute(conn)
}

pub fn count_live(conn: &mut AnyConnection, now: NaiveDateTime, user: &UserId) -> QueryResult<i64> {
    sessions::table
        .filter(sessions::user_id.eq(user))
        .filter(sessions::revoked_at.is_null())
        .filter(sessions::expires_at.gt(now))
        .count()
        .get_result(conn)
}
