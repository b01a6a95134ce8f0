//! Appending to the log and reading it back.

use chrono::{NaiveDateTime, Timelike};
use diesel::connection::{Connection, TransactionManager};
use serde_json::Value;

use super::canonical::{canonical_json, sha256_hex};
use super::chain::{entry_hash, GENESIS_HASH};
use super::model::{self, AuditEntry, AuditEntryId};
use crate::db::ids::UserId;
use crate::db::{compat, AnyConnection};
use crate::error::AppError;

/// PostgreSQL advisory lock key serializing appends across instances
/// ("KonkAudi"; distinct from the migration lock).
pub const APPEND_LOCK_KEY: i64 = 0x4b6f_6e6b_4175_6469;

/// Most entries [`list`] returns at once.
pub const MAX_LIST_LIMIT: i64 = 500;

/// What a feature wants recorded; see [`record`].
///
/// ```ignore
/// audit::record(c, now, NewEntry::new("account.registered", "user", user.id.to_string())
///     .actor(user.id.clone(), "applicant")
///     .details(json!({"email_domain": domain}))
///     .public(false))?;
/// ```
#[derive(Debug, Clone)]
pub struct NewEntry {
    action: String,
    subject_type: String,
    subject_id: Option<String>,
    actor_id: Option<UserId>,
    actor_label: String,
    competition_id: Option<String>,
    details: Value,
    public: bool,
}

impl NewEntry {
    /// `action` is dotted lowercase (`competition.announced`); `subject_type`
    /// names what it happened to (`competition`); `subject_id` is its ID or
    /// `None`. The actor defaults to "system", details to `{}`, public to false.
    pub fn new(
        action: impl Into<String>,
        subject_type: impl Into<String>,
        subject_id: impl Into<Option<String>>,
    ) -> Self {
        NewEntry {
            action: action.into(),
            subject_type: subject_type.into(),
            subject_id: subject_id.into(),
            actor_id: None,
            actor_label: "system".into(),
            competition_id: None,
            details: Value::Object(Default::default()),
            public: false,
        }
    }

    /// Who acted: a user (or `None`) and a label ("cli", a role, …).
    pub fn actor(mut self, user_id: impl Into<Option<UserId>>, label: impl Into<String>) -> Self {
        self.actor_id = user_id.into();
        self.actor_label = label.into();
        self
    }

    /// The competition the entry belongs to (for filtering).
    pub fn competition(mut self, competition_id: impl ToString) -> Self {
        self.competition_id = Some(competition_id.to_string());
        self
    }

    /// Facts worth keeping; stored as canonical JSON. Use integers, not floats.
    pub fn details(mut self, details: Value) -> Self {
        self.details = details;
        self
    }

    /// May the details be shown publicly now.
    pub fn public(mut self, public: bool) -> Self {
        self.public = public;
        self
    }

    fn validate(&self) -> Result<(), String> {
        let word = |w: &str| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        let parts: Vec<&str> = self.action.split('.').collect();
        if parts.len() < 2 || !parts.iter().all(|p| word(p)) {
            return Err(format!("action `{}` is not dotted lowercase", self.action));
        }
        if !word(&self.subject_type) {
            return Err(format!(
                "subject type `{}` is not lowercase",
                self.subject_type
            ));
        }
        if self.actor_label.trim().is_empty() {
            return Err("empty actor label".into());
        }
        Ok(())
    }
}

/// Appends one entry to the chain and returns it.
///
/// Call it from the feature's own write transaction, **inside
/// [`crate::db::tx::write`]** (or [`crate::db::Db::write`]), so the entry
/// commits or rolls back with the change it records. It refuses to run
/// outside a transaction. Appends are serialized in the database (a
/// transaction-level advisory lock on PostgreSQL, held until the caller
/// commits; SQLite's write lock, taken by `tx::write`), so concurrent
/// writers on several instances never fork the chain; the unique
/// constraints on `seq` and `prev_hash` reject a fork should that ever fail.
/// Keep the transaction at PostgreSQL's default READ COMMITTED level, so the
/// head read after the lock is the committed one.
pub fn record(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    entry: NewEntry,
) -> Result<AuditEntry, AppError> {
    entry
        .validate()
        .map_err(|e| AppError::internal(format!("audit: {e}")))?;
    let depth =
        <AnyConnection as Connection>::TransactionManager::transaction_manager_status_mut(conn)
            .transaction_depth()?;
    if depth.is_none() {
        return Err(AppError::internal(
            "audit::record must run inside db::tx::write",
        ));
    }
    compat::lock_for_append(conn, APPEND_LOCK_KEY)?;
    let (seq, prev_hash) = match model::head(conn)? {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    let details = canonical_json(&entry.details);
    let mut row = AuditEntry {
        id: AuditEntryId::new(),
        seq,
        // PostgreSQL keeps microseconds; the hash must see what is stored.
        at: now
            .with_nanosecond(now.nanosecond() / 1000 * 1000)
            .unwrap_or(now),
        actor_id: entry.actor_id,
        actor_label: entry.actor_label,
        action: entry.action,
        subject_type: entry.subject_type,
        subject_id: entry.subject_id,
        competition_id: entry.competition_id,
        details_sha256: sha256_hex(&details),
        details,
        public: entry.public,
        prev_hash,
        hash: String::new(),
    };
    row.hash = entry_hash(&row);
    model::insert(conn, &row)?;
    Ok(row)
}

/// Which entries [`list`] returns.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only this competition's entries.
    pub competition_id: Option<String>,
    /// Only entries older than this seq (the next page after one ending here).
    pub before_seq: Option<i64>,
    /// At most this many (clamped to 1..=[`MAX_LIST_LIMIT`]).
    pub limit: i64,
}

/// Entries newest first, paginated by seq.
pub fn list(conn: &mut AnyConnection, filter: &ListFilter) -> Result<Vec<AuditEntry>, AppError> {
    let limit = filter.limit.clamp(1, MAX_LIST_LIMIT);
    Ok(model::newest_first(
        conn,
        filter.competition_id.as_deref(),
        filter.before_seq,
        limit,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_action_and_subject_type() {
        let ok = NewEntry::new("competition.announced", "competition", None);
        assert!(ok.validate().is_ok());
        assert!(NewEntry::new("a.b_c.d2", "x", None).validate().is_ok());
        for bad in [
            "",
            "announced",
            "Competition.announced",
            "a..b",
            ".a",
            "a.b ",
            "a.2b",
        ] {
            assert!(NewEntry::new(bad, "x", None).validate().is_err(), "{bad:?}");
        }
        for bad in ["", "User", "user id"] {
            assert!(
                NewEntry::new("a.b", bad, None).validate().is_err(),
                "{bad:?}"
            );
        }
        assert!(NewEntry::new("a.b", "x", None)
            .actor(None, " ")
            .validate()
            .is_err());
    }
}
