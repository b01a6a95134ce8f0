//! The public audit log pages.

use rocket::http::Status;

use crate::support::TestApp;
use konkurs::accounts::model::Role;

#[rocket::async_test]
async fn public_log_shows_hashes_but_not_private_details() {
    let app = TestApp::new().await;
    let (person, _) = app.signed_in("Private Person", Some(Role::Organizer)).await;
    let res = app.get("/audit").await;
    assert_eq!(res.status, Status::Ok);
    let html = res.html();
    assert!(html.count(".audit-list li") >= 2, "entries are listed");
    assert!(html.text(".audit-list").contains("account.role_granted"));
    assert!(
        !res.body.contains(person.id.as_str()),
        "private subjects stay private"
    );
    assert!(!res.body.contains(&person.email));
    assert!(html
        .text(".audit-list")
        .contains("Подробиці не оприлюднено"));
    assert_eq!(
        html.texts(".audit-list dd.hash")
            .iter()
            .filter(|h| h.len() == 64)
            .count(),
        html.count(".audit-list dd.hash")
    );
}

#[rocket::async_test]
async fn verify_page_reports_intact_and_then_the_first_broken_entry() {
    let app = TestApp::new().await;
    app.person("First", None);
    app.person("Second", None);
    let res = app.get("/audit/verify").await;
    assert_eq!(res.status, Status::Ok);
    assert!(res.html().text("main").contains("Цілісний"), "{}", res.body);
    crate::audit::tamper(
        &app,
        "UPDATE audit_log SET action = 'account.forged' WHERE seq = 2".into(),
    )
    .await;
    let res = app.get("/audit/verify?lang=en").await;
    let text = res.html().text("main");
    assert!(text.contains("Broken"), "{text}");
    assert!(text.contains("2"), "{text}");
}

#[rocket::async_test]
async fn log_pages_by_sequence_number() {
    let app = TestApp::new().await;
    for i in 0..30 {
        app.person(&format!("P{i}"), Some(Role::Organizer)); // two entries each
    }
    let first = app.get("/audit").await.html();
    assert_eq!(first.count(".audit-list > li"), 50);
    let older = first
        .attr("a[href*='before=']", "href")
        .expect("link to older entries");
    let second = app.get(&older.replace("&amp;", "&")).await.html();
    assert_eq!(second.count(".audit-list > li"), 10);
}
