//! Jurors, affiliations, assignments and scores in the database. Queries
//! only; the rules are in the services next to this file.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::ids::{AffiliationId, AssignmentId, JurorId};
use crate::applications::ProposalId;
use crate::competitions::CompetitionId;
use crate::db::ids::UserId;
use crate::db::schema::{
    juror_affiliations as ja, jurors as j, organizations as o, proposals as p,
    review_assignments as ra,
};
use crate::db::AnyConnection;

/// Juror roles, in the order the jury list shows them.
pub const ROLES: [&str; 4] = ["chair", "secretary", "member", "reserve"];
pub const RESERVE: &str = "reserve";

/// Affiliation relations.
pub const RELATIONS: [&str; 4] = ["employee", "governance", "paid", "other"];

/// Conflict-of-interest states of an assignment.
pub mod coi {
    pub const PENDING: &str = "pending";
    pub const NONE: &str = "none";
    pub const POTENTIAL: &str = "potential";
    pub const REAL: &str = "real";
    pub const AUTO: &str = "auto";
    /// States that keep a juror on the proposal (load, denominators).
    pub const ON: [&str; 2] = [PENDING, NONE];
    /// Recusals.
    pub const RECUSED: [&str; 3] = [POTENTIAL, REAL, AUTO];
}

/// Where an assignment came from.
pub mod origin {
    pub const INITIAL: &str = "initial";
    pub const REPLACEMENT: &str = "replacement";
    /// A whole-jury member who joined after the review started.
    pub const LATE: &str = "late";
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = j)]
pub struct Juror {
    pub id: JurorId,
    pub competition_id: CompetitionId,
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub label_number: i32,
    pub user_id: Option<UserId>,
    #[serde(skip)]
    pub token_hash: Option<String>,
    pub invited_by: UserId,
    pub invited_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub removed_at: Option<NaiveDateTime>,
    pub affiliations_note: String,
    pub affiliations_updated_at: Option<NaiveDateTime>,
}

impl Juror {
    pub fn is_reserve(&self) -> bool {
        self.role == RESERVE
    }
    pub fn is_accepted(&self) -> bool {
        self.accepted_at.is_some() && self.removed_at.is_none()
    }
    /// May be assigned: accepted and affiliations confirmed.
    pub fn is_ready(&self) -> bool {
        self.is_accepted() && self.affiliations_updated_at.is_some()
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = ja)]
pub struct Affiliation {
    pub id: AffiliationId,
    pub juror_id: JurorId,
    pub edrpou: String,
    pub relation: String,
    pub note: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = ra)]
pub struct Assignment {
    pub id: AssignmentId,
    pub competition_id: CompetitionId,
    pub juror_id: JurorId,
    pub proposal_id: ProposalId,
    pub origin: String,
    pub coi: String,
    pub coi_comment: Option<String>,
    pub coi_declared_at: Option<NaiveDateTime>,
    pub active: bool,
    pub submitted_at: Option<NaiveDateTime>,
    pub round2_submitted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Assignment {
    pub fn is_recused(&self) -> bool {
        coi::RECUSED.contains(&self.coi.as_str())
    }
}

/// What a juror may see of a proposal before declaring: enough to judge a
/// conflict, nothing of its content.
#[derive(Debug, Clone, Queryable, Serialize)]
pub struct ProposalHead {
    pub id: ProposalId,
    pub registration_number: Option<String>,
    pub title: String,
    pub organization: String,
    pub edrpou: String,
    pub seq: Option<i32>,
}

pub fn jurors(conn: &mut AnyConnection, c: &CompetitionId) -> QueryResult<Vec<Juror>> {
    j::table
        .filter(j::competition_id.eq(c))
        .filter(j::removed_at.is_null())
        .order(j::label_number.asc())
        .select(Juror::as_select())
        .load(conn)
}

pub fn juror(conn: &mut AnyConnection, id: &JurorId) -> QueryResult<Option<Juror>> {
    j::table
        .find(id)
        .filter(j::removed_at.is_null())
        .select(Juror::as_select())
        .first(conn)
        .optional()
}

/// The user's accepted juror row in a competition.
pub fn juror_of(
    conn: &mut AnyConnection,
    user: &UserId,
    c: &CompetitionId,
) -> QueryResult<Option<Juror>> {
    j::table
        .filter(j::competition_id.eq(c))
        .filter(j::user_id.eq(user))
        .filter(j::removed_at.is_null())
        .filter(j::accepted_at.is_not_null())
        .select(Juror::as_select())
        .first(conn)
        .optional()
}

/// Every accepted juror row of a user (one per competition).
pub fn juror_rows_of(conn: &mut AnyConnection, user: &UserId) -> QueryResult<Vec<Juror>> {
    j::table
        .filter(j::user_id.eq(user))
        .filter(j::removed_at.is_null())
        .filter(j::accepted_at.is_not_null())
        .order(j::invited_at.desc())
        .select(Juror::as_select())
        .load(conn)
}

pub fn by_token_hash(conn: &mut AnyConnection, hash: &str) -> QueryResult<Option<Juror>> {
    j::table
        .filter(j::token_hash.eq(hash))
        .filter(j::removed_at.is_null())
        .select(Juror::as_select())
        .first(conn)
        .optional()
}

pub fn affiliations(conn: &mut AnyConnection, juror: &JurorId) -> QueryResult<Vec<Affiliation>> {
    ja::table
        .filter(ja::juror_id.eq(juror))
        .order(ja::created_at.asc())
        .select(Affiliation::as_select())
        .load(conn)
}

/// Affiliation codes of every juror of a competition.
pub fn affiliation_codes(
    conn: &mut AnyConnection,
    c: &CompetitionId,
) -> QueryResult<Vec<(JurorId, String)>> {
    ja::table
        .inner_join(j::table)
        .filter(j::competition_id.eq(c))
        .select((ja::juror_id, ja::edrpou))
        .load(conn)
}

pub fn assignment(conn: &mut AnyConnection, id: &AssignmentId) -> QueryResult<Option<Assignment>> {
    ra::table
        .find(id)
        .select(Assignment::as_select())
        .first(conn)
        .optional()
}

pub fn assignments(conn: &mut AnyConnection, c: &CompetitionId) -> QueryResult<Vec<Assignment>> {
    ra::table
        .filter(ra::competition_id.eq(c))
        .filter(ra::active.eq(true))
        .order((ra::created_at.asc(), ra::id.asc()))
        .select(Assignment::as_select())
        .load(conn)
}

pub fn assignments_of(conn: &mut AnyConnection, juror: &JurorId) -> QueryResult<Vec<Assignment>> {
    ra::table
        .filter(ra::juror_id.eq(juror))
        .filter(ra::active.eq(true))
        .order((ra::created_at.asc(), ra::id.asc()))
        .select(Assignment::as_select())
        .load(conn)
}

pub fn insert_assignment(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    c: &CompetitionId,
    juror: &JurorId,
    proposal: &ProposalId,
    origin: &str,
    coi: &str,
) -> QueryResult<AssignmentId> {
    let id = AssignmentId::new();
    diesel::insert_into(ra::table)
        .values((
            ra::id.eq(&id),
            ra::competition_id.eq(c),
            ra::juror_id.eq(juror),
            ra::proposal_id.eq(proposal),
            ra::origin.eq(origin),
            ra::coi.eq(coi),
            ra::active.eq(true),
            ra::created_at.eq(now),
            ra::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Records a declaration; 0 rows when it was no longer pending/open.
pub fn set_coi(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    id: &AssignmentId,
    from: &[&str],
    to: &str,
    comment: Option<&str>,
) -> QueryResult<usize> {
    diesel::update(
        ra::table
            .find(id)
            .filter(ra::coi.eq_any(from.to_vec()))
            .filter(ra::submitted_at.is_null()),
    )
    .set((
        ra::coi.eq(to),
        ra::coi_comment.eq(comment),
        ra::coi_declared_at.eq(now),
        ra::updated_at.eq(now),
    ))
    .execute(conn)
}

/// Admitted proposals of a competition in registration order, with what a
/// juror sees before declaring.
pub fn admitted_heads(
    conn: &mut AnyConnection,
    c: &CompetitionId,
) -> QueryResult<Vec<ProposalHead>> {
    use crate::applications::model::state::ADMITTED;
    p::table
        .inner_join(o::table.on(o::id.eq(p::organization_id)))
        .filter(p::competition_id.eq(c))
        .filter(p::state.eq(ADMITTED))
        .order(p::seq.asc())
        .select((
            p::id,
            p::registration_number,
            p::title,
            o::full_name,
            o::edrpou,
            p::seq,
        ))
        .load(conn)
}

pub fn head(conn: &mut AnyConnection, id: &ProposalId) -> QueryResult<Option<ProposalHead>> {
    p::table
        .inner_join(o::table.on(o::id.eq(p::organization_id)))
        .filter(p::id.eq(id))
        .select((
            p::id,
            p::registration_number,
            p::title,
            o::full_name,
            o::edrpou,
            p::seq,
        ))
        .first(conn)
        .optional()
}
