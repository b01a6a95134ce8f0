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
