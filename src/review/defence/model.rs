//! Defence sessions and their ordered proposals in the database. Queries only.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::applications::model::Proposal;
use crate::applications::ProposalId;
use crate::competitions::CompetitionId;
use crate::db::ids::UserId;
use crate::db::schema::{defence_sessions as ds, defence_slots as dl, proposals};
use crate::db::AnyConnection;
use crate::review::ids::DefenceSessionId;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = ds)]
pub struct Session {
    pub id: DefenceSessionId,
    pub competition_id: CompetitionId,
    pub starts_at: NaiveDateTime,
    pub place: String,
    pub online_url: Option<String>,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub cancelled_at: Option<NaiveDateTime>,
}

impl Session {
    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

    pub fn has_started(&self, now: NaiveDateTime) -> bool {
        self.starts_at <= now
    }
}

/// A competition's sessions (cancelled ones too), earliest first.
pub fn of_competition(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<Vec<Session>> {
    ds::table
        .filter(ds::competition_id.eq(id))
        .order((ds::starts_at.asc(), ds::created_at.asc()))
        .select(Session::as_select())
        .load(conn)
}

pub fn find(conn: &mut AnyConnection, id: &DefenceSessionId) -> QueryResult<Option<Session>> {
    ds::table
        .find(id)
        .select(Session::as_select())
        .first(conn)
        .optional()
}

/// The start of a competition's earliest session that is not cancelled.
pub fn first_start(
    conn: &mut AnyConnection,
    id: &CompetitionId,
) -> QueryResult<Option<NaiveDateTime>> {
    ds::table
        .filter(ds::competition_id.eq(id))
        .filter(ds::cancelled_at.is_null())
        .select(diesel::dsl::min(ds::starts_at))
        .first(conn)
}

/// A session's proposals with their positions, in order.
pub fn slots(conn: &mut AnyConnection, id: &DefenceSessionId) -> QueryResult<Vec<(i32, Proposal)>> {
    dl::table
        .inner_join(proposals::table)
        .filter(dl::session_id.eq(id))
        .order(dl::position.asc())
        .select((dl::position, Proposal::as_select()))
        .load(conn)
}

/// Proposals already in a session of the competition that is not cancelled
/// (leaving out `except`), with that session's start.
pub fn taken(
    conn: &mut AnyConnection,
    competition: &CompetitionId,
    except: Option<&DefenceSessionId>,
) -> QueryResult<Vec<(ProposalId, NaiveDateTime)>> {
    let mut q = dl::table
        .inner_join(ds::table)
        .filter(ds::competition_id.eq(competition))
        .filter(ds::cancelled_at.is_null())
        .select((dl::proposal_id, ds::starts_at))
        .into_boxed();
    if let Some(id) = except {
        q = q.filter(ds::id.ne(id.clone()));
    }
    q.load::<(String, NaiveDateTime)>(conn).map(|rows| {
        rows.into_iter()
            .filter_map(|(p, t)| p.parse().ok().map(|p| (p, t)))
            .collect()
    })
}

pub fn insert(conn: &mut AnyConnection, s: &Session) -> QueryResult<()> {
    diesel::insert_into(ds::table)
        .values(s.clone())
        .execute(conn)
        .map(|_| ())
}

/// Replaces a session's proposals with `order` (positions 1..n).
pub fn put_slots(
    conn: &mut AnyConnection,
    id: &DefenceSessionId,
    order: &[ProposalId],
) -> QueryResult<()> {
    diesel::delete(dl::table.filter(dl::session_id.eq(id))).execute(conn)?;
    for (i, p) in order.iter().enumerate() {
        diesel::insert_into(dl::table)
            .values((
                dl::session_id.eq(id),
                dl::proposal_id.eq(p.as_str()),
                dl::position.eq(i as i32 + 1),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Changes a session that has not started and is not cancelled; 0 rows
/// when it meanwhile started or was cancelled.
pub fn update(conn: &mut AnyConnection, s: &Session, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        ds::table
            .find(&s.id)
            .filter(ds::cancelled_at.is_null())
            .filter(ds::starts_at.gt(now)),
    )
    .set((
        ds::starts_at.eq(s.starts_at),
        ds::place.eq(&s.place),
        ds::online_url.eq(&s.online_url),
        ds::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Cancels a session that has not started; 0 rows otherwise.
pub fn cancel(
    conn: &mut AnyConnection,
    id: &DefenceSessionId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        ds::table
            .find(id)
            .filter(ds::cancelled_at.is_null())
            .filter(ds::starts_at.gt(now)),
    )
    .set((ds::cancelled_at.eq(now), ds::updated_at.eq(now)))
    .execute(conn)
}

/// The most recently changed sessions of every competition (for the feed).
pub fn recent(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<Session>> {
    ds::table
        .order((ds::updated_at.desc(), ds::id.desc()))
        .limit(limit)
        .select(Session::as_select())
        .load(conn)
}
