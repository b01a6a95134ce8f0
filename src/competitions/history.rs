//! A competition's public history: amendments and lifecycle steps, and the
//! recent ones across competitions for the feed.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::ids::{AmendmentId, CompetitionId, TransitionId};
use super::model::Competition;
use super::state::State;
use crate::db::ids::UserId;
use crate::db::schema::{
    competition_amendments as am, competition_transitions as tr, competitions, users,
};
use crate::db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = am)]
pub struct Amendment {
    pub id: AmendmentId,
    pub competition_id: CompetitionId,
    pub seq: i32,
    pub kind: String,
    pub reason: String,
    pub clarification: Option<String>,
    pub closes_at_before: Option<NaiveDateTime>,
    pub closes_at_after: Option<NaiveDateTime>,
    pub fund_before: Option<i64>,
    pub fund_after: Option<i64>,
    pub author_id: UserId,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = tr)]
pub struct Transition {
    pub id: TransitionId,
    pub competition_id: CompetitionId,
    pub from_state: State,
    pub to_state: State,
    pub reason: Option<String>,
    pub actor_id: UserId,
    pub created_at: NaiveDateTime,
}

pub fn insert_transition(conn: &mut AnyConnection, t: &Transition) -> QueryResult<()> {
    diesel::insert_into(tr::table)
        .values(t.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn transitions(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<Vec<Transition>> {
    tr::table
        .filter(tr::competition_id.eq(id))
        .order((tr::created_at.asc(), tr::id.asc()))
        .select(Transition::as_select())
        .load(conn)
}

pub fn insert_amendment(conn: &mut AnyConnection, a: &Amendment) -> QueryResult<()> {
    diesel::insert_into(am::table)
        .values(a.clone())
        .execute(conn)
        .map(|_| ())
}

pub fn next_amendment_seq(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<i32> {
    let max: Option<i32> = am::table
        .filter(am::competition_id.eq(id))
        .select(diesel::dsl::max(am::seq))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Amendments in order, with their authors' names.
pub fn amendments(
    conn: &mut AnyConnection,
    id: &CompetitionId,
) -> QueryResult<Vec<(Amendment, String)>> {
    am::table
        .inner_join(users::table)
        .filter(am::competition_id.eq(id))
        .order(am::seq.asc())
        .select((Amendment::as_select(), users::name))
        .load(conn)
}

/// Recent amendments with their competitions (for the feed).
pub fn recent_amendments(
    conn: &mut AnyConnection,
    limit: i64,
) -> QueryResult<Vec<(Amendment, Competition)>> {
    am::table
        .inner_join(competitions::table)
        .order(am::created_at.desc())
        .limit(limit)
        .select((Amendment::as_select(), Competition::as_select()))
        .load(conn)
}

/// Recent cancellations of public competitions (for the feed).
pub fn recent_cancellations(
    conn: &mut AnyConnection,
    limit: i64,
) -> QueryResult<Vec<(Transition, Competition)>> {
    tr::table
        .inner_join(competitions::table)
        .filter(tr::to_state.eq(State::Cancelled))
        .filter(competitions::announced_at.is_not_null())
        .order(tr::created_at.desc())
        .limit(limit)
        .select((Transition::as_select(), Competition::as_select()))
        .load(conn)
}
