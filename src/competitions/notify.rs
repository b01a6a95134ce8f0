//! E-mails about a competition, queued in the caller's transaction.

use chrono::NaiveDateTime;

use super::amend::Recipient;
use super::model::{Amendment, Competition};
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Queues the amendment notice for each recipient.
// TODO(mail): enqueue through crate::mail once the outbox lands.
pub fn amendment(
    _conn: &mut AnyConnection,
    _now: NaiveDateTime,
    _competition: &Competition,
    _amendment: &Amendment,
    _recipients: &[Recipient],
) -> AppResult<()> {
    Ok(())
}
