//! Audit entries of the jury review, written in the caller's transaction.
//! Nothing here is public: the COI register and the jury list are
//! published with the results.

use chrono::NaiveDateTime;
use serde_json::Value;

use crate::audit::{self, NewEntry};
use crate::competitions::CompetitionId;
use crate::db::ids::UserId;
use crate::db::AnyConnection;
use crate::error::AppResult;

/// Who acted: a user in some capacity (`organizer`, `juror`), or the system.
pub struct By<'a> {
    pub user: Option<&'a UserId>,
    pub label: &'a str,
}

impl<'a> By<'a> {
    pub fn user(user: &'a UserId, label: &'a str) -> Self {
        By {
            user: Some(user),
            label,
        }
    }
    pub fn system() -> Self {
        By {
            user: None,
            label: "system",
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub fn record(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    by: &By<'_>,
    action: &str,
    subject: (&str, String),
    competition: &CompetitionId,
    details: Value,
) -> AppResult<()> {
    let entry = NewEntry::new(action, subject.0, Some(subject.1))
        .actor(by.user.cloned(), by.label)
        .competition(competition)
        .details(details)
        .public(false);
    audit::record(conn, now, entry)?;
    Ok(())
}
