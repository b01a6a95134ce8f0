//! Embedded migrations, one directory per backend with identical versions.

use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::compat;
use super::AnyConnection;

pub const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Applies pending migrations; returns the versions applied. On PostgreSQL an
/// advisory lock keeps instances starting together from racing.
pub fn run_pending(conn: &mut AnyConnection) -> Result<Vec<String>, String> {
    let _guard = compat::MigrationLock::acquire(conn).map_err(|e| e.to_string())?;
    let applied = match conn {
        AnyConnection::Sqlite(c) => c.run_pending_migrations(SQLITE).map(versions),
        AnyConnection::Postgresql(c) => c.run_pending_migrations(POSTGRES).map(versions),
    };
    compat::MigrationLock::release(conn).map_err(|e| e.to_string())?;
    applied.map_err(|e| e.to_string())
}

fn versions(v: Vec<diesel::migration::MigrationVersion<'_>>) -> Vec<String> {
    v.into_iter().map(|v| v.to_string()).collect()
}
