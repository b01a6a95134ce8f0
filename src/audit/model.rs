//! The `audit_log` row and its queries.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::UserId;
use crate::db::schema::audit_log;
use crate::db::AnyConnection;

crate::typed_id!(
    /// One entry of the audit log.
    AuditEntryId
);

/// One entry of the audit log, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: AuditEntryId,
    /// Position in the chain: 1, 2, 3 … without gaps.
    pub seq: i64,
    /// UTC, microsecond precision.
    pub at: NaiveDateTime,
    /// The acting user, if a person acted (no foreign key: the log outlives
    /// accounts and is written before some features exist).
    pub actor_id: Option<UserId>,
    /// "system", "cli", or the actor's role.
    pub actor_label: String,
    /// Dotted, e.g. `competition.announced`.
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<String>,
    pub competition_id: Option<String>,
    /// Canonical JSON.
    pub details: String,
    pub details_sha256: String,
    /// May the details be shown publicly now. Not covered by the hash, so
    /// details can be disclosed later without touching the chain.
    pub public: bool,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// The details if they may be shown publicly.
    pub fn public_details(&self) -> Option<&str> {
        self.public.then_some(self.details.as_str())
    }
}

/// The last entry's seq and hash, if any.
pub fn head(conn: &mut AnyConnection) -> QueryResult<Option<(i64, String)>> {
    audit_log::table
        .select((audit_log::seq, audit_log::hash))
        .order(audit_log::seq.desc())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut AnyConnection, entry: &AuditEntry) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)
        .map(|_| ())
}

/// Up to `limit` entries with seq greater than `after`, oldest first.
pub fn batch_after(
    conn: &mut AnyConnection,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    audit_log::table
        .filter(audit_log::seq.gt(after))
        .order(audit_log::seq.asc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)
}

/// Up to `limit` entries before `before` (if given), newest first,
/// optionally of one competition.
pub fn newest_first(
    conn: &mut AnyConnection,
    competition_id: Option<&str>,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .select(AuditEntry::as_select())
        .order(audit_log::seq.desc())
        .limit(limit)
        .into_boxed();
    if let Some(c) = competition_id {
        query = query.filter(audit_log::competition_id.eq(c.to_string()));
    }
    if let Some(b) = before {
        query = query.filter(audit_log::seq.lt(b));
    }
    query.load(conn)
}
