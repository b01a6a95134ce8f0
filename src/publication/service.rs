//! Publishing the results: one transaction moves the competition
//! deliberation → published (refused without finalized results), stamps
//! `competition_results.published_at`, writes the audit entry with the
//! results' SHA-256 and queues each applicant's notice.

use chrono::NaiveDateTime;

use super::{model, notify};
use crate::competitions::{lifecycle, Actor, CompetitionId};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};
use crate::mail::MailRenderer;

/// Publishes `id`'s finalized results. Refusals are `Conflict`s with a
/// message key (wrong state, not finalized); someone else's competition is
/// 403, an unknown one 404.
pub fn publish(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    id: &CompetitionId,
) -> AppResult<()> {
    lifecycle::publish(conn, now, actor, id)?;
    if model::set_published(conn, id, now)? == 0 {
        return Err(AppError::Conflict(
            "competitions-refused-changed-meanwhile".into(),
        ));
    }
    let published = super::access::published(conn, id)?;
    notify::applicants(conn, now, renderer, &published)
}
