//! What every change leaves behind: an audit entry, in the caller's
//! transaction, so a change and its record commit together.

use chrono::NaiveDateTime;
use serde_json::Value;

use super::access::Actor;
use super::ids::CompetitionId;
use crate::audit::{self, NewEntry};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Records `action` (`competition.announced`, …) on a competition.
/// `public`: may the details be shown to everyone now (drafts are private).
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
