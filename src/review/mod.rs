//! The jury review (issue 6): jurors and their affiliations, conflicts of
//! interest with recusal enforced in the data layer, assignment, blind
//! per-criterion scoring, the optional open defence, closing the review,
//! deliberation with overrides and finalization into the frozen results
//! document. The arithmetic lives in the pure `crate::scoring` engine.

pub mod access;
pub mod affiliations;
pub mod assign;
pub mod assign_db;
pub mod closing;
pub mod coi;
pub mod defence;
pub mod document;
pub mod engine;
pub mod finalize;
pub mod ids;
pub mod invitation;
pub mod jury;
pub mod model;
pub mod overrides;
pub mod progress;
pub mod results_build;
pub mod results_inputs;
pub mod results_map;
pub mod routes;
pub mod scores;
pub mod trail;
pub mod verdict_routes;
pub mod verdict_views;

use crate::competitions::{model as comp_model, Competition, CompetitionId, State};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// The competition, if it is in review (declarations and scores are taken
/// only then).
pub fn review_state(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Competition> {
    let c = comp_model::find(conn, id)?.ok_or(AppError::NotFound)?;
    if c.state != State::Review {
        return Err(AppError::Conflict("review-refused-not-in-review".into()));
    }
    Ok(c)
}

pub fn routes() -> Vec<rocket::Route> {
    routes::all()
}
