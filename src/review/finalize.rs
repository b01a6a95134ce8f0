//! Finalization (issue 6, item 8): the results document is built once more,
//! frozen as canonical JSON with its SHA-256 into `competition_results`, and
//! audited with the hash, all in one transaction. Afterwards nothing about
//! the evaluation may change; publication serves the exact bytes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde_json::json;

use super::results_build;
use crate::competitions::ids::CompetitionId;
use crate::competitions::trail as verdict_audit;
use crate::competitions::{access, Actor, Competition, State};
use crate::db::ids::UserId;
use crate::db::schema::competition_results as cr;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::web::format::kyiv_rfc3339;

/// The frozen results of a competition (without the document's bytes).
#[derive(Debug, Clone, Queryable)]
pub struct Finalized {
    pub sha256: String,
    pub finalized_at: NaiveDateTime,
    pub finalized_by: UserId,
    pub published_at: Option<NaiveDateTime>,
}

pub fn finalized(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Option<Finalized>> {
    Ok(cr::table
        .find(id)
        .select((
            cr::sha256,
            cr::finalized_at,
            cr::finalized_by,
            cr::published_at,
        ))
        .first(conn)
        .optional()?)
}

/// The frozen document's exact bytes.
pub fn document(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Option<String>> {
    Ok(cr::table
        .find(id)
        .select(cr::document)
        .first(conn)
        .optional()?)
}

/// A competition the actor manages that is in deliberation and not yet
/// finalized: the state in which the rating may still change.
pub fn load_open(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<Competition> {
    let c = access::load_managed(conn, actor, id)?;
    if c.state != State::Deliberation {
        return Err(AppError::Conflict("verdict-refused-state".into()));
    }
    if finalized(conn, id)?.is_some() {
        return Err(AppError::Conflict("verdict-refused-finalized".into()));
    }
    Ok(c)
}

/// Freezes the results; returns the document's SHA-256.
pub fn finalize(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &CompetitionId,
) -> AppResult<String> {
    load_open(conn, actor, id)?;
    let doc = results_build::build(conn, id, now)?;
    let (sha256, bytes) = doc
        .freeze()
        .map_err(|e| AppError::internal(e.to_string()))?;
    diesel::insert_into(cr::table)
        .values((
            cr::competition_id.eq(id),
            cr::document.eq(&bytes),
            cr::sha256.eq(&sha256),
            cr::finalized_at.eq(now),
            cr::finalized_by.eq(&actor.user_id),
        ))
        .execute(conn)?;
    // The hash commits to the results before they are published; it reveals
    // nothing about them.
    verdict_audit::record(
        conn,
        now,
        actor,
        "competition.results_finalized",
        id,
        json!({"sha256": sha256, "finalized_at": kyiv_rfc3339(now)}),
        true,
    )?;
    Ok(sha256)
}
