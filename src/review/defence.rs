//! When the open defence's second round of scoring is open. The defence
//! sessions themselves (scheduling, publication, notices) build on this.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::competitions::ids::CompetitionId;
use crate::competitions::model as competitions;
use crate::competitions::rules::RulesDoc;
use crate::db::schema::defence_sessions;
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// Whether the competition's frozen rules enable an open defence.
pub fn enabled(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<bool> {
    let Some(bytes) = competitions::rules_json(conn, id)? else {
        return Ok(false);
    };
    let rules = RulesDoc::parse(&bytes).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(rules.jury.open_defence)
}

/// The second round opens once the defence has begun: the competition
/// enables it, at least one session is scheduled and the earliest one has
/// started. Jurors then revise their round-1 scores; round 2 counts.
pub fn second_round_open(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> AppResult<bool> {
    if !enabled(conn, id)? {
        return Ok(false);
    }
    let first: Option<NaiveDateTime> = defence_sessions::table
        .filter(defence_sessions::competition_id.eq(id))
        .select(diesel::dsl::min(defence_sessions::starts_at))
        .first(conn)?;
    Ok(first.is_some_and(|t| t <= now))
}
