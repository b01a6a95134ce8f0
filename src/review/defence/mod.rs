//! The open defence (issue 6, item 5): when the competition's rules enable
//! it, the organizer schedules public sessions (Kyiv time, place, optional
//! online link, order of admitted proposals), published on the competition
//! page and in the feed, with notices to the applicants. The first session's
//! start opens the jurors' second round of scoring.

pub mod feed;
pub mod form;
pub mod model;
pub mod notify;
pub mod routes;
pub mod service;
pub mod views;

use chrono::NaiveDateTime;

use crate::competitions::ids::CompetitionId;
use crate::competitions::model as competitions;
use crate::competitions::rules::RulesDoc;
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
/// enables it, at least one session that was not cancelled is scheduled and
/// the earliest such session has started. Jurors then revise their round-1
/// scores; round 2 counts. A cancelled session opens nothing.
pub fn second_round_open(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> AppResult<bool> {
    if !enabled(conn, id)? {
        return Ok(false);
    }
    Ok(model::first_start(conn, id)?.is_some_and(|t| t <= now))
}

pub fn routes() -> Vec<rocket::Route> {
    use routes::*;
    rocket::routes![index, new_page, edit_page, schedule, change, cancel]
}
