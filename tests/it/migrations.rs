use std::collections::BTreeSet;
use std::path::Path;

use crate::support::TestApp;

fn versions(backend: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            for file in ["up.sql", "down.sql"] {
                assert!(
                    e.path().join(file).is_file(),
                    "{backend}/{name} has no {file}"
                );
            }
            name
        })
        .collect()
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_versions() {
    let sqlite = versions("sqlite");
    let postgres = versions("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres differ"
    );
}

#[rocket::async_test]
async fn migrations_run_at_start_and_again_are_a_no_op() {
    let app = TestApp::new().await;
    let mut conn = app.db().get().unwrap();
    let again = konkurs::db::migrations::run_pending(&mut conn).unwrap();
    assert!(again.is_empty(), "already applied at start: {again:?}");
}
