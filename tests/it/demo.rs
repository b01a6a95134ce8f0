//! `konkurs demo` (the real binary) seeds this test's database; the app
//! then serves the published competition, its open data and statistics to
//! a logged-out visitor, and the recomputation from the published JSON
//! alone gives back the published outcome.

use std::process::Command;

use rocket::http::Status;
use serde_json::Value;

use crate::support::TestApp;
use konkurs::competitions::rules::RulesDoc;
use konkurs::review::document::ResultsDoc;

fn run_demo(
    app: &TestApp,
    data_dir: &std::path::Path,
    stdin_password: &str,
) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_konkurs"))
        .args(["demo", "--password-stdin"])
        .env("ROCKET_DATABASE_URL", app.database_url())
        .env("ROCKET_DATA_DIR", data_dir)
        .env("KONKURS_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("konkurs demo starts");
    writeln!(child.stdin.take().unwrap(), "{stdin_password}").unwrap();
    child.wait_with_output().unwrap()
}

fn competition_id(list_html: &str, title: &str) -> String {
    let doc = scraper::Html::parse_document(list_html);
    let sel = scraper::Selector::parse("a").unwrap();
    doc.select(&sel)
        .find(|a| a.text().collect::<String>().contains(title))
        .and_then(|a| a.value().attr("href"))
        .map(|h| h.trim_start_matches("/competitions/").to_string())
        .unwrap_or_else(|| panic!("{title} listed"))
}

#[rocket::async_test]
async fn the_demo_seeds_a_published_competition_anyone_can_check() {
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let out = run_demo(&app, dir.path(), "Demo-Пароль-для-тестів-2026");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("organizer@demo.konkurs.example"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Demo-Пароль-для-тестів-2026"),
        "password printed"
    );

    let list = app.get("/competitions").await;
    let published = competition_id(&list.body, "Громадянська участь 2026");
    for title in [
        "Відкрита влада громад 2026",
        "Молодь змінює громади 2027",
        "Ветеранські ініціативи 2027",
    ] {
        competition_id(&list.body, title);
    }

    // The rating, jury, COI register and charts, logged out.
    let results = app.get(&format!("/competitions/{published}/results")).await;
    assert_eq!(results.status, Status::Ok);
    let html = results.html();
    assert!(html.count("figure.chart svg") >= 2, "charts");
    assert!(
        results.body.contains("автоматичний самовідвід"),
        "COI register"
    );
    assert!(
        results.body.contains("потенційний конфлікт"),
        "declared conflict"
    );
    assert!(results.body.contains("протокол № 3"), "override reason");

    // The published JSON alone recomputes the outcome.
    let rules = app
        .get(&format!("/competitions/{published}/rules.json"))
        .await;
    let doc = app
        .get(&format!("/competitions/{published}/results.json"))
        .await;
    let rules = RulesDoc::parse(&rules.body).unwrap();
    let doc = ResultsDoc::parse(&doc.body).unwrap();
    assert_eq!(doc.proposals.len(), 40);
    assert_eq!(doc.jury.len(), 5);
    assert_eq!(doc.overrides.len(), 1);
    assert_eq!(doc.recompute(&rules).unwrap(), doc.outcome);
    let funded = doc
        .outcome
        .proposals
        .iter()
        .filter(|p| p.awarded > 0)
        .count();
    assert!(funded > 5 && funded < 38, "some funded, some not: {funded}");

    // Open data.
    let package: Value = app
        .get(&format!("/competitions/{published}/360giving.json"))
        .await
        .json();
    crate::publication_data::validate_360giving(&package);
    assert_eq!(package["grants"].as_array().unwrap().len(), funded);
    let all: Value = app.get("/open-data/360giving.json").await.json();
    crate::publication_data::validate_360giving(&all);
    let csv = app
        .get(&format!("/competitions/{published}/proposals.csv"))
        .await;
    assert_eq!(csv.body.lines().count(), 1 + 40);

    // Statistics count it.
    let stats = app.get("/statistics").await.html();
    assert_eq!(stats.text("#total-competitions"), "4");
    assert_eq!(stats.text("#total-published"), "1");
    assert_eq!(stats.text("#total-funded"), funded.to_string());

    // A second run is refused: the demo is already there.
    let again = run_demo(&app, dir.path(), "x");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds the demo"));
}
