//! Test support: `TestApp` boots the real app against a fresh database —
//! a temporary SQLite file, or a new PostgreSQL database on the server named
//! by `TEST_DATABASE_URL` — so tests run in parallel without sharing state.

#![allow(dead_code)]

pub mod browser;
pub mod html;
pub mod people;

pub use browser::Browser;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::Connection;
use rocket::figment::Figment;
use rocket::http::{Header, Status};
use rocket::local::asynchronous::{Client, LocalResponse};
use rocket::{Build, Rocket};

use konkurs::clock::Clock;
use konkurs::db::Db;

pub struct TestApp {
    pub client: Client,
    /// The app's clock: manual, starting at the real time; tests move it.
    pub clock: Clock,
    pub data_dir: tempfile::TempDir,
    main_jar: browser::Jar,
    database_url: String,
    database: TestDatabase,
}

/// A database that lives as long as the test.
pub enum TestDatabase {
    Sqlite,
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    /// Creates the database and returns it with its URL.
    pub fn create(data_dir: &std::path::Path) -> (Self, String) {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("konkurs_test_{}", uuid::Uuid::now_v7().simple());
                let mut conn = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("TEST_DATABASE_URL: {e}"));
                conn.batch_execute(&format!("CREATE DATABASE {name}"))
                    .expect("create test database");
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                let url = format!("{base}/{name}");
                (TestDatabase::Postgres { admin_url, name }, url)
            }
            _ => (
                TestDatabase::Sqlite,
                format!("sqlite://{}", data_dir.join("konkurs.db").display()),
            ),
        }
    }

    pub fn backend() -> &'static str {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(u) if !u.is_empty() => "postgres",
            _ => "sqlite",
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { admin_url, name } = self {
            if let Ok(mut conn) = PgConnection::establish(admin_url) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// The figment a test app starts from: defaults plus its own database and
/// data dir; nothing from the developer's environment leaks in.
pub fn test_figment(data_dir: &std::path::Path, database_url: &str) -> Figment {
    Figment::from(rocket::Config::debug_default())
        .merge(("log_level", "off"))
        .merge(("data_dir", data_dir.display().to_string()))
        .merge(("database_url", database_url))
        .merge(("public_base_url", "http://konkurs.test"))
        .merge(("database_pool_size", 4))
        // Tests send mail by calling Outbox::run_once themselves.
        .merge(("mail_worker", false))
        // Integration tests run as the test binary: point the PDF worker at
        // the real one.
        .merge(("pdf_worker_exe", env!("CARGO_BIN_EXE_konkurs")))
}

impl TestApp {
    pub async fn new() -> TestApp {
        Self::with(|f| f, |r| r).await
    }

    /// Boots the app with a changed figment and/or extra test routes.
    pub async fn with(
        figment: impl FnOnce(Figment) -> Figment,
        rocket: impl FnOnce(Rocket<Build>) -> Rocket<Build>,
    ) -> TestApp {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (database, url) = TestDatabase::create(data_dir.path());
        let clock = Clock::manual(Clock::System.now());
        let app =
            konkurs::build_with_clock(figment(test_figment(data_dir.path(), &url)), clock.clone())
                .expect("app builds");
        let client = Client::untracked(rocket(app)).await.expect("valid rocket");
        TestApp {
            client,
            clock,
            data_dir,
            main_jar: Default::default(),
            database_url: url,
            database,
        }
    }

    /// The URL of this app's database (e.g. for running the real binary on it).
    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    pub fn db(&self) -> &Db {
        self.client.rocket().state::<Db>().expect("db state")
    }

    /// A new browser with an empty cookie jar.
    pub fn browser(&self) -> Browser<'_> {
        Browser::new(&self.client)
    }

    /// The app's main browser (one jar per TestApp).
    pub fn main(&self) -> Browser<'_> {
        Browser::with_jar(&self.client, self.main_jar.clone())
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        self.main().get(path).await
    }

    pub async fn get_with(&self, path: &str, header: Header<'static>) -> TestResponse {
        self.main().get_with(path, Some(header)).await
    }

    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now()
    }
}

/// A response read to the end, so tests can look at it freely.
pub struct TestResponse {
    pub status: Status,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl TestResponse {
    pub async fn read(res: LocalResponse<'_>) -> TestResponse {
        let status = res.status();
        let headers = res
            .headers()
            .iter()
            .map(|h| {
                (
                    h.name().as_str().to_ascii_lowercase(),
                    h.value().to_string(),
                )
            })
            .collect();
        let body = res.into_string().await.unwrap_or_default();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn location(&self) -> &str {
        self.header("location").unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn html(&self) -> html::Html {
        html::Html::parse(&self.body)
    }
}
