//! Competitions in the database: the competition row, its frozen criteria
//! and documents, amendments and lifecycle history. Queries only; the rules
//! live in the services.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::ids::{AmendmentId, CompetitionId, CriterionId, RequiredDocumentId, TransitionId};
use super::state::State;
use crate::db::ids::UserId;
use crate::db::schema::{
    competition_amendments as am, competition_criteria as cc, competition_required_documents as rd,
    competition_transitions as tr, competitions, users,
};
use crate::db::AnyConnection;

/// A competition without its large texts (draft and rules document).
/// `closes_at` and `fund_kopiyky` are the values in force (after amendments).
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = competitions)]
pub struct Competition {
    pub id: CompetitionId,
    pub code: Option<String>,
    pub state: State,
    pub owner_id: UserId,
    pub title_uk: String,
    pub title_en: String,
    pub opens_at: Option<NaiveDateTime>,
    pub closes_at: Option<NaiveDateTime>,
    pub fund_kopiyky: Option<i64>,
    pub cap_kopiyky: Option<i64>,
    pub rules_sha256: Option<String>,
    pub announced_at: Option<NaiveDateTime>,
    pub cancel_reason: Option<String>,
    pub state_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Competition {
    /// Public once announced (a cancelled draft never was).
    pub fn is_public(&self) -> bool {
        self.announced_at.is_some()
    }

    /// Accepting proposals at `now`: announced, opened, deadline not passed.
    pub fn accepting(&self, now: NaiveDateTime) -> bool {
        self.state == State::Announced
            && self.opens_at.is_some_and(|o| o <= now)
            && self.closes_at.is_some_and(|c| now < c)
    }

    /// The title in a language (English falls back to Ukrainian).
    pub fn title(&self, lang: crate::web::lang::Lang) -> &str {
        match lang {
            crate::web::lang::Lang::En if !self.title_en.is_empty() => &self.title_en,
            _ => &self.title_uk,
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = competitions)]
pub struct NewCompetition<'a> {
    pub id: &'a CompetitionId,
    pub state: State,
    pub owner_id: &'a UserId,
    pub title_uk: &'a str,
    pub title_en: &'a str,
    pub search_text: &'a str,
    pub draft_json: &'a str,
    pub opens_at: Option<NaiveDateTime>,
    pub closes_at: Option<NaiveDateTime>,
    pub fund_kopiyky: Option<i64>,
    pub cap_kopiyky: Option<i64>,
    pub state_changed_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What saving a draft changes.
#[derive(AsChangeset)]
#[diesel(table_name = competitions, treat_none_as_null = true)]
pub struct DraftChanges<'a> {
    pub title_uk: &'a str,
    pub title_en: &'a str,
    pub search_text: &'a str,
    pub draft_json: &'a str,
    pub opens_at: Option<NaiveDateTime>,
    pub closes_at: Option<NaiveDateTime>,
    pub fund_kopiyky: Option<i64>,
    pub cap_kopiyky: Option<i64>,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = cc)]
pub struct Criterion {
    pub id: CriterionId,
    pub competition_id: CompetitionId,
    pub number: i32,
    pub name: String,
    pub description: String,
    pub max_points: i32,
    pub weight: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = rd)]
pub struct RequiredDocument {
    pub id: RequiredDocumentId,
    pub competition_id: CompetitionId,
    pub number: i32,
    pub name: String,
    pub description: String,
    pub required: bool,
    pub max_size_mb: i32,
}

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

pub fn insert(conn: &mut AnyConnection, new: NewCompetition<'_>) -> QueryResult<()> {
    diesel::insert_into(competitions::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<Option<Competition>> {
    competitions::table
        .find(id)
        .select(Competition::as_select())
        .first(conn)
        .optional()
}

pub fn draft_json(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<Option<String>> {
    competitions::table
        .find(id)
        .select(competitions::draft_json)
        .first(conn)
        .optional()
}

/// The frozen rules document's exact bytes (none before announcement).
pub fn rules_json(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<Option<String>> {
    competitions::table
        .find(id)
        .select(competitions::rules_json)
        .first::<Option<String>>(conn)
        .optional()
        .map(Option::flatten)
}

/// Saves a draft; 0 rows when it is no longer a draft.
pub fn update_draft(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    changes: DraftChanges<'_>,
) -> QueryResult<usize> {
    diesel::update(
        competitions::table
            .find(id)
            .filter(competitions::state.eq(State::Draft)),
    )
    .set(changes)
    .execute(conn)
}

/// Freezes the rules of a draft; 0 rows when it is no longer a draft.
pub fn set_announced(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    code: &str,
    rules_json: &str,
    rules_sha256: &str,
    search_text: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        competitions::table
            .find(id)
            .filter(competitions::state.eq(State::Draft)),
    )
    .set((
        competitions::code.eq(code),
        competitions::rules_json.eq(rules_json),
        competitions::rules_sha256.eq(rules_sha256),
        competitions::search_text.eq(search_text),
        competitions::announced_at.eq(now),
        competitions::state.eq(State::Announced),
        competitions::state_changed_at.eq(now),
        competitions::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Moves `from` → `to`; 0 rows when the state was no longer `from`.
pub fn set_state(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    from: State,
    to: State,
    cancel_reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        competitions::table
            .find(id)
            .filter(competitions::state.eq(from)),
    )
    .set((
        competitions::state.eq(to),
        competitions::cancel_reason.eq(cancel_reason),
        competitions::state_changed_at.eq(now),
        competitions::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Sets the deadline and fund in force after an amendment, only if state,
/// deadline and fund are still what the amendment was based on.
pub fn set_amended(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    state: State,
    (old_closes, old_fund): (NaiveDateTime, i64),
    (new_closes, new_fund): (NaiveDateTime, i64),
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        competitions::table
            .find(id)
            .filter(competitions::state.eq(state))
            .filter(competitions::closes_at.eq(old_closes))
            .filter(competitions::fund_kopiyky.eq(old_fund)),
    )
    .set((
        competitions::closes_at.eq(new_closes),
        competitions::fund_kopiyky.eq(new_fund),
        competitions::updated_at.eq(now),
    ))
    .execute(conn)
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

pub fn insert_frozen_lists(
    conn: &mut AnyConnection,
    criteria: &[Criterion],
    documents: &[RequiredDocument],
) -> QueryResult<()> {
    // One row at a time: the multi-backend connection has no batch insert.
    for c in criteria {
        diesel::insert_into(cc::table)
            .values(c.clone())
            .execute(conn)?;
    }
    for d in documents {
        diesel::insert_into(rd::table)
            .values(d.clone())
            .execute(conn)?;
    }
    Ok(())
}

pub fn criteria(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<Vec<Criterion>> {
    cc::table
        .filter(cc::competition_id.eq(id))
        .order(cc::number.asc())
        .select(Criterion::as_select())
        .load(conn)
}

pub fn required_documents(
    conn: &mut AnyConnection,
    id: &CompetitionId,
) -> QueryResult<Vec<RequiredDocument>> {
    rd::table
        .filter(rd::competition_id.eq(id))
        .order(rd::number.asc())
        .select(RequiredDocument::as_select())
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

/// Competitions a person manages (all of them for `None`), newest first.
pub fn list_managed(
    conn: &mut AnyConnection,
    owner: Option<&UserId>,
) -> QueryResult<Vec<Competition>> {
    let mut q = competitions::table
        .select(Competition::as_select())
        .order(competitions::created_at.desc())
        .into_boxed();
    if let Some(owner) = owner {
        q = q.filter(competitions::owner_id.eq(owner.clone()));
    }
    q.load(conn)
}

/// Public competitions, filtered by state and a lowercase title fragment;
/// deadline order (soonest first), with the total count for paging.
pub fn list_public(
    conn: &mut AnyConnection,
    state: Option<State>,
    query: &str,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<Competition>, i64)> {
    let filtered = || {
        let mut q = competitions::table
            .filter(competitions::announced_at.is_not_null())
            .into_boxed();
        if let Some(s) = state {
            q = q.filter(competitions::state.eq(s));
        }
        if !query.is_empty() {
            q = q.filter(
                competitions::search_text
                    .like(format!("%{}%", escape_like(query)))
                    .escape('\\'),
            );
        }
        q
    };
    let total = filtered().count().get_result(conn)?;
    let rows = filtered()
        .select(Competition::as_select())
        .order((competitions::announced_at.desc(), competitions::id.desc()))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    Ok((rows, total))
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// How many competitions have a code starting with `prefix` (for numbering).
pub fn count_codes(conn: &mut AnyConnection, prefix: &str) -> QueryResult<i64> {
    competitions::table
        .filter(
            competitions::code
                .like(format!("{}%", escape_like(prefix)))
                .escape('\\'),
        )
        .count()
        .get_result(conn)
}

/// Recently announced competitions (for the feed).
pub fn recently_announced(conn: &mut AnyConnection, limit: i64) -> QueryResult<Vec<Competition>> {
    competitions::table
        .filter(competitions::announced_at.is_not_null())
        .order(competitions::announced_at.desc())
        .limit(limit)
        .select(Competition::as_select())
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
