//! The embargo: results exist from finalization, but every public route
//! (pages, JSON, CSV, 360Giving) goes through [`published`], which answers
//! 404 until the organizer has published them, so nothing about scores or
//! ranks leaks before publication by any route.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use super::model;
use crate::applications::model as proposals;
use crate::competitions::service::{self as comp_service, Frozen};
use crate::competitions::CompetitionId;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::review::document::ResultsDoc;

/// A competition whose results are public, with everything needed to show
/// them: the frozen rules, the frozen results (document and exact bytes).
pub struct Published {
    pub frozen: Frozen,
    pub doc: ResultsDoc,
    /// The stored bytes of the results document.
    pub bytes: String,
    pub sha256: String,
    pub published_at: NaiveDateTime,
    /// Each proposal's summary from its frozen submission snapshot, by
    /// registration number.
    pub summaries: BTreeMap<String, String>,
}

impl Published {
    pub fn id(&self) -> &CompetitionId {
        &self.frozen.competition.id
    }

    pub fn code(&self) -> &str {
        &self.doc.code
    }

    /// The rules criterion name of an id (the id itself if unknown).
    pub fn criterion_name(&self, id: &str) -> String {
        self.frozen
            .rules
            .criteria
            .iter()
            .find(|c| c.id.as_str() == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

/// The published results of a competition; 404 when the competition is not
/// public or its results are not (yet) published.
pub fn published(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Published> {
    let row = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    let Some(published_at) = row.published_at else {
        return Err(AppError::NotFound);
    };
    let frozen = comp_service::frozen(conn, id)?;
    let doc = ResultsDoc::parse(&row.document).map_err(|e| AppError::internal(e.to_string()))?;
    let summaries = proposals::lodged(conn, id)?
        .into_iter()
        .filter_map(|p| {
            let snapshot: serde_json::Value =
                serde_json::from_str(p.snapshot_json.as_deref()?).ok()?;
            let summary = snapshot["project"]["summary"].as_str()?.to_string();
            Some((p.registration_number?, summary))
        })
        .collect();
    Ok(Published {
        summaries,
        frozen,
        doc,
        bytes: row.document,
        sha256: row.sha256,
        published_at,
    })
}

/// Every published competition, oldest publication first.
pub fn all_published(conn: &mut AnyConnection) -> AppResult<Vec<Published>> {
    model::published_ids(conn)?
        .iter()
        .map(|id| published(conn, id))
        .collect()
}
