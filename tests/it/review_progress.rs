//! The organizer's progress page (overdue jurors), reminders, and the
//! second round of scoring after an open defence.

use rocket::http::Status;

use crate::applications_support::app;
use crate::competitions_support::{self as cs, audit_actions, relogin, utc};
use crate::review_support::*;

#[rocket::async_test]
async fn progress_shows_overdue_jurors_and_reminders_go_to_them() {
    let app = app().await;
    let specs = [
        JurorSpec::member("P1"),
        JurorSpec::member("P2"),
        JurorSpec::member("P3"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let j0 = &fx.jurors[0];
    let row = assignments(&app, &fx.comp, &j0.person.email)
        .await
        .remove(0);
    declare(&j0.browser, &row.id, "none", "").await;
    post_scores(
        &app,
        &j0.browser,
        &fx.comp,
        &row.id,
        &[("5", ""), ("5", "")],
        "submit",
    )
    .await;
    let page = fx
        .ob
        .get(&format!("/organizer/competitions/{}/review", fx.comp))
        .await
        .html();
    assert_eq!(page.count("tr.overdue"), 0);
    // The review ran until 01.03.2027.
    app.clock.set(utc("2027-03-02 10:00"));
    relogin(&fx.ob, &fx.organizer).await;
    let page = fx
        .ob
        .get(&format!("/organizer/competitions/{}/review", fx.comp))
        .await
        .html();
    assert_eq!(page.count("tr.overdue"), 2);
    let before = app.mails_to(&j0.person.email).await.len();
    let res = fx
        .ob
        .submit(
            &format!("/organizer/competitions/{}/review/reminders", fx.comp),
            &[],
        )
        .await;
    assert!(cs::flash_after(&fx.ob, &res)
        .await
        .contains("Нагадування надіслано"));
    assert_eq!(
        app.mails_to(&j0.person.email).await.len(),
        before,
        "done: no reminder"
    );
    for j in &fx.jurors[1..] {
        let link = app.link_in_mail(&j.person.email, "/reviews/").await;
        assert_eq!(link, format!("/reviews/{}", fx.comp));
    }
    assert!(audit_actions(&app, &fx.comp)
        .await
        .contains(&"review.reminders_sent".to_string()));
}

#[rocket::async_test]
async fn the_second_round_after_an_open_defence_starts_from_round_one() {
    let app = app().await;
    let fields = cs::with(&cs::complete_fields(), "open_defence", "true");
    let specs = [
        JurorSpec::member("O1"),
        JurorSpec::member("O2"),
        JurorSpec::member("O3"),
    ];
    let fx = in_review_with(&app, &fields, 1, &specs).await;
    let j = &fx.jurors[0];
    let row = assignments(&app, &fx.comp, &j.person.email).await.remove(0);
    declare(&j.browser, &row.id, "none", "").await;
    post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("6", "Перший"), ("3", "")],
        "submit",
    )
    .await;
    // Three owe round 1, and all three owe round 2.
    assert_eq!(pending(&app, &fx.comp).await, 5);
    let page = j
        .browser
        .get(&format!("/reviews/assignments/{}", row.id))
        .await
        .html();
    assert_eq!(page.count("#score-sheet"), 0, "round 2 not open yet");
    let sql = format!(
        "INSERT INTO defence_sessions (id, competition_id, starts_at, place, online_url, created_by, created_at, updated_at) VALUES ('{}', '{}', '{}', 'Київ', NULL, '{}', '{}', '{}')",
        uuid::Uuid::now_v7(),
        fx.comp,
        app.now().format("%Y-%m-%d %H:%M:%S"),
        fx.organizer.id,
        app.now().format("%Y-%m-%d %H:%M:%S"),
        app.now().format("%Y-%m-%d %H:%M:%S"),
    );
    app.db()
        .run(move |c| Ok(diesel::RunQueryDsl::execute(diesel::sql_query(sql), c)?))
        .await
        .unwrap();
    let crit = criteria(&app, &fx.comp).await;
    let page = j
        .browser
        .get(&format!("/reviews/assignments/{}", row.id))
        .await
        .html();
    assert_eq!(page.count("#score-sheet"), 1);
    assert_eq!(
        page.attr(&format!("#points-{}", crit[0].0), "value")
            .as_deref(),
        Some("6")
    );
    assert_eq!(page.count("#first-round"), 1);
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("8", "Після захисту"), ("3", "")],
        "submit",
    )
    .await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(stored_scores(&app, &row.id, 1).await[0].0, Some(6));
    assert_eq!(stored_scores(&app, &row.id, 2).await[0].0, Some(8));
    assert_eq!(pending(&app, &fx.comp).await, 4);
}
