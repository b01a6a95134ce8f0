//! The `competition_results` row: the frozen results document written at
//! finalization, and when it was published. Queries only.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::competitions::CompetitionId;
use crate::db::schema::competition_results as cr;
use crate::db::AnyConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cr)]
pub struct ResultsRow {
    pub competition_id: CompetitionId,
    /// Canonical JSON, served byte for byte as `results.json`.
    pub document: String,
    pub sha256: String,
    pub finalized_at: NaiveDateTime,
    pub finalized_by: String,
    pub published_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut AnyConnection, id: &CompetitionId) -> QueryResult<Option<ResultsRow>> {
    cr::table
        .find(id)
        .select(ResultsRow::as_select())
        .first(conn)
        .optional()
}

/// Marks the results published; 0 rows when they already were.
pub fn set_published(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(cr::table.find(id).filter(cr::published_at.is_null()))
        .set(cr::published_at.eq(now))
        .execute(conn)
}

/// The IDs of every competition whose results are published, oldest
/// publication first.
pub fn published_ids(conn: &mut AnyConnection) -> QueryResult<Vec<CompetitionId>> {
    cr::table
        .filter(cr::published_at.is_not_null())
        .order((cr::published_at.asc(), cr::competition_id.asc()))
        .select(cr::competition_id)
        .load(conn)
}
