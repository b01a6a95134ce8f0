//! The audit entries of closing, deliberation and finalization, written in
//! the caller's transaction so a change and its record commit together.

use chrono::NaiveDateTime;
use serde_json::Value;

use crate::audit::{self, NewEntry};
use crate::competitions::{Actor, CompetitionId};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Records `action` on a competition. `public`: may the details be shown
/// to everyone now (scores, overrides and early-closure reasons wait for
/// the publication of the results).
pub fn record(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    action: &str,
    competition: &CompetitionId,
    details: Value,
    public: bool,
) -> AppResult<()> {
    let label = if actor.is_admin { "admin" } else { "organizer" };
    let entry = NewEntry::new(action, "competition", Some(competition.to_string()))
        .actor(Some(actor.user_id.clone()), label)
        .competition(competition)
        .details(details)
        .public(public);
    audit::record(conn, now, entry)?;
    Ok(())
}
