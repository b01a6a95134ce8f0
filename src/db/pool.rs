use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;

use crate::config::DatabaseUrl;
use crate::error::AppError;

/// One connection type for both backends; queries use only portable types.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

impl AnyConnection {
    /// Connects by URL scheme, keeping the backend's own error message.
    pub fn connect(url: &DatabaseUrl) -> Result<Self, diesel::ConnectionError> {
        match url {
            DatabaseUrl::Postgres(u) => PgConnection::establish(u).map(Self::Postgresql),
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(path)?;
                // Without these, concurrent writers get "database is locked".
                conn.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                )
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(Self::Sqlite(conn))
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgresql(_))
    }
}

/// r2d2 manager that dispatches on the URL scheme itself.
pub struct Manager {
    url: DatabaseUrl,
}

impl r2d2::ManageConnection for Manager {
    type Connection = AnyConnection;
    type Error = diesel::ConnectionError;

    fn connect(&self) -> Result<AnyConnection, Self::Error> {
        AnyConnection::connect(&self.url)
    }

    fn is_valid(&self, conn: &mut AnyConnection) -> Result<(), Self::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(diesel::ConnectionError::CouldntSetupConfiguration)
    }

    fn has_broken(&self, _conn: &mut AnyConnection) -> bool {
        false
    }
}

pub type DbPool = r2d2::Pool<Manager>;

/// Handle to the pool; cheap to clone. Blocking database work runs off the
/// async runtime through [`Db::run`].
#[derive(Clone)]
pub struct Db {
    pool: DbPool,
    backend: &'static str,
}

impl Db {
    /// Builds the pool without connecting, so a server can start (and report
    /// 503 on /healthz) while its database is briefly away.
    pub fn new(url: &DatabaseUrl, max_size: u32) -> Self {
        let pool = r2d2::Pool::builder()
            .max_size(max_size)
            .min_idle(Some(0))
            .connection_timeout(Duration::from_secs(10))
            .test_on_check_out(false)
            .build_unchecked(Manager { url: url.clone() });
        Db {
            pool,
            backend: url.backend_name(),
        }
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// A connection for blocking code (CLI, migrations, workers).
    pub fn get(&self) -> Result<r2d2::PooledConnection<Manager>, AppError> {
        self.pool
            .get()
            .map_err(|e| AppError::unavailable(e.to_string()))
    }

    /// Runs `f` with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        rocket::tokio::task::spawn_blocking(move || {
            let mut conn = pool
                .get()
                .map_err(|e| AppError::unavailable(e.to_string()))?;
            f(&mut conn)
        })
        .await
        .map_err(|e| AppError::internal(format!("database task failed: {e}")))?
    }

    /// Like [`Db::run`] but gives up on the pool after `timeout` (health checks).
    pub async fn ping(&self, timeout: Duration) -> Result<(), AppError> {
        let pool = self.pool.clone();
        rocket::tokio::task::spawn_blocking(move || {
            let mut conn = pool
                .get_timeout(timeout)
                .map_err(|e| AppError::unavailable(e.to_string()))?;
            conn.batch_execute("SELECT 1").map_err(AppError::from)
        })
        .await
        .map_err(|e| AppError::internal(format!("database task failed: {e}")))?
    }
}
