//! Login throttling per account and per client address, kept in the
//! database so every instance sees the same counts.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::schema::login_attempts;
use crate::db::AnyConnection;

pub const WINDOW: Duration = Duration::minutes(15);
/// Failed logins for one account within the window before it is paused.
pub const MAX_PER_ACCOUNT: i64 = 5;
/// Failed logins from one address within the window (many accounts).
pub const MAX_PER_ADDRESS: i64 = 30;

/// When a login may be tried again, if it is throttled now.
pub fn retry_at(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    email: &str,
    ip: &str,
) -> QueryResult<Option<NaiveDateTime>> {
    let since = now - WINDOW;
    // A successful login ends a run of failures for that account.
    let last_success: Option<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::email.eq(email))
        .filter(login_attempts::success.eq(true))
        .select(diesel::dsl::max(login_attempts::at))
        .first(conn)?;
    let account_since = last_success.map_or(since, |s| s.max(since));
    let account = failures_since(conn, Key::Email(email), account_since, MAX_PER_ACCOUNT)?;
    let address = failures_since(conn, Key::Address(ip), since, MAX_PER_ADDRESS)?;
    Ok([account, address].into_iter().flatten().max())
}

enum Key<'a> {
    Email(&'a str),
    Address(&'a str),
}

/// If at least `max` failures match since `since`, the time the oldest of
/// the last `max` leaves the window.
fn failures_since(
    conn: &mut AnyConnection,
    key: Key<'_>,
    since: NaiveDateTime,
    max: i64,
) -> QueryResult<Option<NaiveDateTime>> {
    let mut query = login_attempts::table
        .filter(login_attempts::success.eq(false))
        .filter(login_attempts::at.gt(since))
        .into_boxed();
    query = match key {
        Key::Email(e) => query.filter(login_attempts::email.eq(e.to_string())),
        Key::Address(ip) => query.filter(login_attempts::ip.eq(ip.to_string())),
    };
    let recent: Vec<NaiveDateTime> = query
        .order(login_attempts::at.desc())
        .limit(max)
        .select(login_attempts::at)
        .load(conn)?;
    Ok(match recent.last() {
        Some(oldest) if recent.len() as i64 >= max => Some(*oldest + WINDOW),
        _ => None,
    })
}

pub fn record(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    email: &str,
    ip: &str,
    success: bool,
) -> QueryResult<()> {
    diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::id.eq(uuid::Uuid::now_v7().to_string()),
            login_attempts::email.eq(email),
            login_attempts::ip.eq(ip),
            login_attempts::at.eq(now),
            login_attempts::success.eq(success),
        ))
        .execute(conn)?;
    // Old attempts say nothing any more.
    diesel::delete(login_attempts::table.filter(login_attempts::at.lt(now - Duration::days(1))))
        .execute(conn)?;
    Ok(())
}
