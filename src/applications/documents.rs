//! Document uploads. The route checks the file (isolated PDF inspection)
//! and streams it to storage; this service decides whether the proposal may
//! take it (before and after), and swaps the row in one transaction. The
//! previous file stays until the new one is fully accepted; its object is
//! deleted by the caller after commit.

use chrono::NaiveDateTime;
use serde_json::json;

use super::ids::ProposalDocumentId;
use super::model::{self, state, Document, Proposal};
use super::service::trail;
use super::{access, ProposalId};
use crate::competitions::model::{self as comp_model, RequiredDocument};
use crate::competitions::{Actor, RequiredDocumentId};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::pdf::PdfInfo;
use crate::storage::StoredObject;

/// Whether the proposal's files may change now: a draft while the call is
/// open, or a lodged proposal inside its correction window.
pub fn may_replace(p: &Proposal, accepting: bool, now: NaiveDateTime) -> bool {
    (p.state == state::DRAFT && accepting)
        || (p.state == state::SUBMITTED && p.correction_until.is_some_and(|u| now < u))
}

/// The required document being uploaded, if the upload may proceed.
pub fn target(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &ProposalId,
    rd: &RequiredDocumentId,
) -> AppResult<RequiredDocument> {
    let p = access::load_own(conn, actor, id)?;
    let c = comp_model::find(conn, &p.competition_id)?.ok_or(AppError::NotFound)?;
    if !may_replace(&p, c.accepting(now), now) {
        return Err(AppError::Conflict("applications-read-only".into()));
    }
    comp_model::required_documents(conn, &p.competition_id)?
        .into_iter()
        .find(|d| &d.id == rd)
        .ok_or(AppError::NotFound)
}

/// Records an accepted file; returns the key of the file it replaced.
pub fn accept(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &ProposalId,
    rd: &RequiredDocumentId,
    stored: &StoredObject,
    info: &PdfInfo,
    file_name: &str,
) -> AppResult<Option<String>> {
    target(conn, now, actor, id, rd)?;
    let p = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    let old = model::document(conn, id, rd)?;
    let doc = Document {
        id: old
            .as_ref()
            .map(|d| d.id.clone())
            .unwrap_or_else(ProposalDocumentId::new),
        proposal_id: id.clone(),
        required_document_id: rd.clone(),
        storage_key: stored.key.as_str().to_string(),
        file_name: file_name.to_string(),
        size_bytes: stored.size as i64,
        sha256: stored.sha256.clone(),
        pages: info.pages as i32,
        text_chars: info.text_chars as i64,
        uploaded_by: actor.user_id.clone(),
        uploaded_at: now,
    };
    model::put_document(conn, &doc)?;
    // Drafts change freely; a replacement in a correction window is audited.
    if p.state != state::DRAFT {
        trail(
            conn,
            now,
            actor,
            "applicant",
            "proposal.document_replaced",
            &p,
            json!({"required_document_id": rd, "sha256": stored.sha256,
                   "previous_sha256": old.as_ref().map(|d| d.sha256.clone())}),
            false,
        )?;
    }
    Ok(old.map(|d| d.storage_key))
}

/// A document the actor may download (members; organizers once lodged;
/// jurors through a conflict-free assignment).
pub fn for_download(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &ProposalId,
    rd: &RequiredDocumentId,
) -> AppResult<Document> {
    access::load_downloadable(conn, actor, id)?;
    model::document(conn, id, rd)?.ok_or(AppError::NotFound)
}
