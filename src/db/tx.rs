//! Write transactions. On SQLite a deferred transaction that read first and
//! writes later fails at once with SQLITE_BUSY under concurrency; taking the
//! write lock as the first statement makes it wait (busy_timeout) instead.

use diesel::Connection;

use super::{compat, AnyConnection};
use crate::error::AppError;

/// Runs `f` in a transaction that holds the database's write lock from its
/// first statement (SQLite); on PostgreSQL an ordinary transaction.
pub fn write<T>(
    conn: &mut AnyConnection,
    f: impl FnOnce(&mut AnyConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    conn.transaction(|c| {
        compat::begin_write(c)?;
        f(c)
    })
}

impl super::Db {
    /// [`write`] on the blocking pool.
    pub async fn write<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |c| write(c, f)).await
    }
}
