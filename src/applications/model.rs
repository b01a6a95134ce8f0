//! Proposals and their documents in the database. Queries only.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use super::ids::{ProposalDocumentId, ProposalId};
use crate::competitions::{CompetitionId, RequiredDocumentId};
use crate::db::ids::UserId;
use crate::db::schema::{proposal_documents as pd, proposals as p};
use crate::db::AnyConnection;

/// Proposal states (stored as these codes).
pub mod state {
    pub const DRAFT: &str = "draft";
    pub const SUBMITTED: &str = "submitted";
    pub const WITHDRAWN: &str = "withdrawn";
    pub const ADMITTED: &str = "admitted";
    pub const NOT_ADMITTED: &str = "not_admitted";
    /// States that hold a registration number and count as submitted.
    pub const LODGED: [&str; 3] = [SUBMITTED, ADMITTED, NOT_ADMITTED];
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = p)]
pub struct Proposal {
    pub id: ProposalId,
    pub competition_id: CompetitionId,
    pub organization_id: String,
    pub created_by: UserId,
    pub state: String,
    pub title: String,
    pub draft_json: String,
    pub requested_kopiyky: Option<i64>,
    pub seq: Option<i32>,
    pub registration_number: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub submitted_by: Option<UserId>,
    pub snapshot_json: Option<String>,
    pub receipt_sha256: Option<String>,
    pub withdrawn_at: Option<NaiveDateTime>,
    pub decision_reason: Option<String>,
    pub decision_text: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    pub decided_by: Option<UserId>,
    pub correction_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Proposal {
    pub fn is_lodged(&self) -> bool {
        state::LODGED.contains(&self.state.as_str())
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = pd)]
pub struct Document {
    pub id: ProposalDocumentId,
    pub proposal_id: ProposalId,
    pub required_document_id: RequiredDocumentId,
    pub storage_key: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub pages: i32,
    pub text_chars: i64,
    pub uploaded_by: UserId,
    pub uploaded_at: NaiveDateTime,
}

pub fn insert_draft(
    conn: &mut AnyConnection,
    id: &ProposalId,
    competition: &CompetitionId,
    org: &str,
    user: &UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(p::table)
        .values((
            p::id.eq(id),
            p::competition_id.eq(competition),
            p::organization_id.eq(org),
            p::created_by.eq(user),
            p::state.eq(state::DRAFT),
            p::title.eq(""),
            p::draft_json.eq("{}"),
            p::created_at.eq(now),
            p::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut AnyConnection, id: &ProposalId) -> QueryResult<Option<Proposal>> {
    p::table
        .find(id)
        .select(Proposal::as_select())
        .first(conn)
        .optional()
}

/// Stores a draft's content; 0 rows when it is no longer a draft.
pub fn save_draft(
    conn: &mut AnyConnection,
    id: &ProposalId,
    title: &str,
    json: &str,
    requested: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(p::table.find(id).filter(p::state.eq(state::DRAFT)))
        .set((
            p::title.eq(title),
            p::draft_json.eq(json),
            p::requested_kopiyky.eq(requested),
            p::updated_at.eq(now),
        ))
        .execute(conn)
}

/// Proposals of an organization in a competition that count towards its
/// limit (drafts and lodged ones; withdrawn ones do not).
pub fn count_active(
    conn: &mut AnyConnection,
    competition: &CompetitionId,
    org: &str,
) -> QueryResult<i64> {
    p::table
        .filter(p::competition_id.eq(competition))
        .filter(p::organization_id.eq(org))
        .filter(p::state.ne(state::WITHDRAWN))
        .count()
        .get_result(conn)
}

/// Lodged proposals of an organization in a competition, except one.
pub fn count_lodged_except(
    conn: &mut AnyConnection,
    competition: &CompetitionId,
    org: &str,
    except: &ProposalId,
) -> QueryResult<i64> {
    p::table
        .filter(p::competition_id.eq(competition))
        .filter(p::organization_id.eq(org))
        .filter(p::state.eq_any(state::LODGED))
        .filter(p::id.ne(except))
        .count()
        .get_result(conn)
}

/// The next registration sequence (numbers are never reused).
pub fn next_seq(conn: &mut AnyConnection, competition: &CompetitionId) -> QueryResult<i32> {
    let max: Option<i32> = p::table
        .filter(p::competition_id.eq(competition))
        .select(diesel::dsl::max(p::seq))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

pub struct Submission<'a> {
    pub seq: i32,
    pub number: &'a str,
    pub snapshot: &'a str,
    pub sha256: &'a str,
    pub user: &'a UserId,
    pub now: NaiveDateTime,
}

pub fn set_submitted(
    conn: &mut AnyConnection,
    id: &ProposalId,
    s: Submission<'_>,
) -> QueryResult<usize> {
    diesel::update(p::table.find(id).filter(p::state.eq(state::DRAFT)))
        .set((
            p::state.eq(state::SUBMITTED),
            p::seq.eq(s.seq),
            p::registration_number.eq(s.number),
            p::snapshot_json.eq(s.snapshot),
            p::receipt_sha256.eq(s.sha256),
            p::submitted_at.eq(s.now),
            p::submitted_by.eq(s.user),
            p::updated_at.eq(s.now),
        ))
        .execute(conn)
}

/// Moves `from` → `to`; 0 rows when the state was no longer `from`.
pub fn set_state(
    conn: &mut AnyConnection,
    id: &ProposalId,
    from: &str,
    to: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(p::table.find(id).filter(p::state.eq(from)))
        .set((p::state.eq(to), p::updated_at.eq(now)))
        .execute(conn)
}

pub fn set_withdrawn(
    conn: &mut AnyConnection,
    id: &ProposalId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(p::table.find(id).filter(p::state.eq(state::SUBMITTED)))
        .set((
            p::state.eq(state::WITHDRAWN),
            p::withdrawn_at.eq(now),
            p::updated_at.eq(now),
        ))
        .execute(conn)
}

pub fn set_decision(
    conn: &mut AnyConnection,
    id: &ProposalId,
    to: &str,
    reason: Option<&str>,
    text: Option<&str>,
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(p::table.find(id).filter(p::state.eq(state::SUBMITTED)))
        .set((
            p::state.eq(to),
            p::decision_reason.eq(reason),
            p::decision_text.eq(text),
            p::decided_at.eq(now),
            p::decided_by.eq(by),
            p::correction_until.eq(None::<NaiveDateTime>),
            p::updated_at.eq(now),
        ))
        .execute(conn)
}

pub fn set_correction(
    conn: &mut AnyConnection,
    id: &ProposalId,
    until: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(p::table.find(id).filter(p::state.eq(state::SUBMITTED)))
        .set((p::correction_until.eq(until), p::updated_at.eq(now)))
        .execute(conn)
}

/// Lodged proposals of a competition in registration order.
pub fn lodged(conn: &mut AnyConnection, competition: &CompetitionId) -> QueryResult<Vec<Proposal>> {
    p::table
        .filter(p::competition_id.eq(competition))
        .filter(p::state.eq_any(state::LODGED))
        .order(p::seq.asc())
        .select(Proposal::as_select())
        .load(conn)
}

/// Proposals of the given organizations, newest first.
pub fn of_organizations(conn: &mut AnyConnection, orgs: &[String]) -> QueryResult<Vec<Proposal>> {
    p::table
        .filter(p::organization_id.eq_any(orgs))
        .order(p::created_at.desc())
        .select(Proposal::as_select())
        .load(conn)
}

/// Users who created or submitted a draft or lodged proposal of a
/// competition, plus the members of those organizations (distinct).
pub fn organizations_with_proposals(
    conn: &mut AnyConnection,
    competition: &CompetitionId,
) -> QueryResult<Vec<String>> {
    p::table
        .filter(p::competition_id.eq(competition))
        .filter(p::state.ne(state::WITHDRAWN))
        .select(p::organization_id)
        .distinct()
        .load(conn)
}

pub fn documents(conn: &mut AnyConnection, id: &ProposalId) -> QueryResult<Vec<Document>> {
    pd::table
        .filter(pd::proposal_id.eq(id))
        .select(Document::as_select())
        .load(conn)
}

pub fn document(
    conn: &mut AnyConnection,
    id: &ProposalId,
    rd: &RequiredDocumentId,
) -> QueryResult<Option<Document>> {
    pd::table
        .filter(pd::proposal_id.eq(id))
        .filter(pd::required_document_id.eq(rd))
        .select(Document::as_select())
        .first(conn)
        .optional()
}

/// Inserts the document or replaces the current one (its row is updated in
/// place, so there is always at most one per required document).
pub fn put_document(conn: &mut AnyConnection, d: &Document) -> QueryResult<()> {
    let n = diesel::update(
        pd::table
            .filter(pd::proposal_id.eq(&d.proposal_id))
            .filter(pd::required_document_id.eq(&d.required_document_id)),
    )
    .set((
        pd::storage_key.eq(&d.storage_key),
        pd::file_name.eq(&d.file_name),
        pd::size_bytes.eq(d.size_bytes),
        pd::sha256.eq(&d.sha256),
        pd::pages.eq(d.pages),
        pd::text_chars.eq(d.text_chars),
        pd::uploaded_by.eq(&d.uploaded_by),
        pd::uploaded_at.eq(d.uploaded_at),
    ))
    .execute(conn)?;
    if n == 0 {
        diesel::insert_into(pd::table)
            .values(d.clone())
            .execute(conn)?;
    }
    Ok(())
}
