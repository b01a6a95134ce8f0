//! The few places where SQLite and PostgreSQL need different SQL, each an
//! explicit match on the backend.

use diesel::connection::SimpleConnection;

use super::AnyConnection;

/// Serializes schema migrations across instances (PostgreSQL advisory lock;
/// SQLite serializes writers by itself).
pub struct MigrationLock;

const MIGRATION_LOCK_KEY: i64 = 0x4b6f_6e6b_7572_73; // "Konkurs"

impl MigrationLock {
    pub fn acquire(conn: &mut AnyConnection) -> diesel::QueryResult<Self> {
        if let AnyConnection::Postgresql(c) = conn {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))?;
        }
        Ok(MigrationLock)
    }

    pub fn release(conn: &mut AnyConnection) -> diesel::QueryResult<()> {
        if let AnyConnection::Postgresql(c) = conn {
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))?;
        }
        Ok(())
    }
}

/// Takes SQLite's write lock at the start of a transaction (the effect of
/// BEGIN IMMEDIATE, which diesel's multi-connection cannot issue).
pub fn begin_write(conn: &mut AnyConnection) -> diesel::QueryResult<()> {
    match conn {
        AnyConnection::Sqlite(c) => c.batch_execute("UPDATE write_lock SET n = n + 1 WHERE id = 1"),
        AnyConnection::Postgresql(_) => Ok(()),
    }
}

/// Serializes one kind of append across instances for the rest of the
/// transaction (PostgreSQL transaction-level advisory lock; on SQLite the
/// write lock taken by [`begin_write`] already serializes).
pub fn lock_for_append(conn: &mut AnyConnection, key: i64) -> diesel::QueryResult<()> {
    match conn {
        AnyConnection::Postgresql(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_xact_lock({key})"))
        }
        AnyConnection::Sqlite(_) => Ok(()),
    }
}

diesel::define_sql_function! {
    /// SQL `lower()`, the same on both backends (ASCII on SQLite).
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}
