//! The `mail_outbox` table: insert, claim with a lease, record the outcome.
//! Every state change after the insert is a conditional UPDATE whose
//! affected-row count says whether this worker still owns the row.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::MailId;
use crate::db::schema::mail_outbox::{self, dsl as m};
use crate::db::AnyConnection;

/// Values of `mail_outbox.status`.
pub mod status {
    pub const PENDING: &str = "pending";
    pub const SENDING: &str = "sending";
    pub const SENT: &str = "sent";
    pub const FAILED: &str = "failed";
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = mail_outbox)]
pub struct QueuedMail {
    pub id: MailId,
    pub created_at: NaiveDateTime,
    pub to_address: String,
    pub to_name: Option<String>,
    pub lang: String,
    pub template: String,
    pub data: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<NaiveDateTime>,
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = mail_outbox)]
pub struct NewMail<'a> {
    pub id: &'a MailId,
    pub created_at: NaiveDateTime,
    pub to_address: &'a str,
    pub to_name: Option<&'a str>,
    pub lang: &'a str,
    pub template: &'a str,
    pub data: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub status: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
}

pub fn insert(conn: &mut AnyConnection, mail: &NewMail<'_>) -> QueryResult<()> {
    diesel::insert_into(mail_outbox::table)
        .values(mail)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut AnyConnection, id: &MailId) -> QueryResult<QueuedMail> {
    m::mail_outbox
        .find(id)
        .select(QueuedMail::as_select())
        .first(conn)
}

/// All mail to an address, oldest first (tests, support staff).
pub fn to_address(conn: &mut AnyConnection, address: &str) -> QueryResult<Vec<QueuedMail>> {
    m::mail_outbox
        .filter(m::to_address.eq(address))
        .order((m::created_at, m::id))
        .select(QueuedMail::as_select())
        .load(conn)
}

/// Rows a worker may claim at `now`: pending and due, or `sending` under a
/// lease that has run out (its worker died). Oldest due first.
pub fn due_ids(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<MailId>> {
    m::mail_outbox
        .filter(
            m::status
                .eq(status::PENDING)
                .or(m::status.eq(status::SENDING).and(m::claimed_until.lt(now))),
        )
        .filter(m::next_attempt_at.le(now))
        .order((m::next_attempt_at, m::id))
        .limit(limit)
        .select(m::id)
        .load(conn)
}

/// Claims one row for `worker` until `until`. The condition is re-checked by
/// the database as part of the UPDATE, so of two workers racing for a row
/// exactly one sees an affected row; the other must leave it alone.
pub fn claim(
    conn: &mut AnyConnection,
    id: &MailId,
    worker: &str,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(
        m::mail_outbox
            .filter(m::id.eq(id))
            .filter(
                m::status
                    .eq(status::PENDING)
                    .or(m::status.eq(status::SENDING).and(m::claimed_until.lt(now))),
            )
            .filter(m::next_attempt_at.le(now)),
    )
    .set((
        m::status.eq(status::SENDING),
        m::claimed_by.eq(worker),
        m::claimed_until.eq(until),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// Records a delivery. False when `worker` no longer holds the claim (its
/// lease ran out and another worker took the row).
pub fn mark_sent(
    conn: &mut AnyConnection,
    id: &MailId,
    worker: &str,
    attempts: i32,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let n = diesel::update(owned(id, worker))
        .set((
            m::status.eq(status::SENT),
            m::attempts.eq(attempts),
            m::sent_at.eq(at),
            m::claimed_by.eq(None::<String>),
            m::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

/// Records a failed attempt: back to `pending` until `retry_at`, or `failed`
/// for good when `retry_at` is None (then `at`, the time of giving up, is
/// kept as `next_attempt_at`). False when the claim was lost.
pub fn mark_attempt_failed(
    conn: &mut AnyConnection,
    id: &MailId,
    worker: &str,
    attempts: i32,
    retry_at: Option<NaiveDateTime>,
    at: NaiveDateTime,
    error: &str,
) -> QueryResult<bool> {
    let new_status = match retry_at {
        Some(_) => status::PENDING,
        None => status::FAILED,
    };
    let n = diesel::update(owned(id, worker))
        .set((
            m::status.eq(new_status),
            m::attempts.eq(attempts),
            m::next_attempt_at.eq(retry_at.unwrap_or(at)),
            m::last_error.eq(error),
            m::claimed_by.eq(None::<String>),
            m::claimed_until.eq(None::<NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(n == 1)
}

type Owned<'a> = diesel::dsl::Filter<
    diesel::dsl::Filter<
        diesel::dsl::Filter<mail_outbox::table, diesel::dsl::Eq<m::id, &'a MailId>>,
        diesel::dsl::Eq<m::status, &'static str>,
    >,
    diesel::dsl::Eq<m::claimed_by, &'a str>,
>;

/// The row, if `worker` holds its claim.
fn owned<'a>(id: &'a MailId, worker: &'a str) -> Owned<'a> {
    m::mail_outbox
        .filter(m::id.eq(id))
        .filter(m::status.eq(status::SENDING))
        .filter(m::claimed_by.eq(worker))
}
