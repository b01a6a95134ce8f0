//! The organizer's forms for lodged proposals show problems inline with a
//! summary and keep the input; "file too large" names the limit (the
//! document's own, or the server's); the public list of a competition
//! cancelled after its deadline stays public with the cancellation shown.

use rocket::http::Status;

use crate::applications_support::*;
use crate::competitions_support as cs;
use crate::support::TestApp;

async fn state_of(app: &TestApp, id: &konkurs::applications::ProposalId) -> String {
    let id = id.clone();
    app.db()
        .run(move |c| Ok(konkurs::applications::model::find(c, &id)?.unwrap().state))
        .await
        .unwrap()
}

#[rocket::async_test]
async fn decision_and_correction_errors_are_inline_with_the_input_kept() {
    let app = app().await;
    let (organizer, ob, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Inline Inna").await;
    let id = ready(&app, &b, &comp, &org).await;
    submit(&b, &id).await;
    app.clock.set(deadline() + chrono::Duration::hours(1));
    cs::relogin(&ob, &organizer).await;
    let path = format!("/organizer/proposals/{id}/decision");

    // A rejection without a reason: the reason is marked, the rest kept.
    let res = ob
        .submit(
            &path,
            &[
                ("decision", "reject"),
                ("reason", ""),
                ("text", "Немає підпису"),
            ],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert_eq!(html.count(".error-summary a[href=\"#reason\"]"), 1);
    assert!(html.text("#reason-error").contains("Оберіть причину"));
    assert_eq!(
        html.attr("#reason", "aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(html.text("#text"), "Немає підпису");
    assert_eq!(html.count("#decision-reject[checked]"), 1);
    assert_eq!(html.count(".flash"), 0, "not a flash message");

    // No decision, text too long: both inline, the chosen reason kept.
    let long = "я".repeat(2_001);
    let res = ob
        .submit(
            &path,
            &[("reason", "budget_rules"), ("text", long.as_str())],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert_eq!(html.count(".error-summary a[href=\"#decision\"]"), 1);
    assert_eq!(html.count(".error-summary a[href=\"#text\"]"), 1);
    assert!(html.text("#decision-error").contains("Оберіть рішення"));
    assert!(
        html.text("#text-error").contains("2000") || html.text("#text-error").contains("2 000")
    );
    assert_eq!(
        html.attr("#reason option[selected]", "value").as_deref(),
        Some("budget_rules")
    );
    assert_eq!(state_of(&app, &id).await, "submitted", "nothing decided");

    // The correction window: a bad number of days, inline and kept.
    let res = ob
        .submit(
            &format!("/organizer/proposals/{id}/correction"),
            &[("days", "99")],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert_eq!(html.count(".error-summary a[href=\"#days\"]"), 1);
    assert!(html.text("#days-error").contains("від 1 до 30"));
    assert_eq!(html.attr("#days", "value").as_deref(), Some("99"));

    // Fixed: decided.
    let res = ob
        .submit(
            &path,
            &[
                ("decision", "reject"),
                ("reason", "missing_documents"),
                ("text", ""),
            ],
        )
        .await;
    assert!(cs::flash_after(&ob, &res)
        .await
        .contains("Рішення збережено"));
    assert_eq!(state_of(&app, &id).await, "not_admitted");
}

#[rocket::async_test]
async fn too_large_names_the_documents_limit_in_both_languages() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Large Larysa").await;
    let id = start(&b, &comp, &org).await;
    let letter = required_docs(&app, &comp).await[1].id.to_string();
    let big = [fixture("001-"), vec![b' '; 5 * 1024 * 1024]].concat();
    let uk = upload_flash(&b, &id, &letter, &big).await;
    assert!(uk.starts_with("Файл більший за 5 МБ."), "{uk}");
    b.get("/?lang=en").await;
    let en = upload_flash(&b, &id, &letter, &big).await;
    assert!(en.starts_with("The file is larger than 5 MB."), "{en}");
}

#[rocket::async_test]
async fn over_the_servers_own_limits_the_message_names_that_limit() {
    let app = TestApp::with(
        |f| {
            f.merge(("limits.file", "1MiB"))
                .merge(("limits.data-form", "2MiB"))
        },
        |r| r,
    )
    .await;
    app.clock.set(cs::start());
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Huge Halyna").await;
    let id = start(&b, &comp, &org).await;
    let statute = required_docs(&app, &comp).await[0].id.to_string();
    let path = format!("/proposals/{id}/documents/{statute}");
    // Over the server's file limit (1 MiB; the document allows 10 MB).
    let big = [fixture("001-"), vec![b' '; 1536 * 1024]].concat();
    let res = upload(&b, &path, "big.pdf", &big).await;
    assert_eq!(res.status, Status::SeeOther);
    let flash = cs::flash_after(&b, &res).await;
    assert!(flash.starts_with("Файл більший за 1 МБ."), "{flash}");
    // Over the whole form's limit (2 MiB): an error page naming the limit.
    let huge = [fixture("001-"), vec![b' '; 3 * 1024 * 1024]].concat();
    let res = upload(&b, &path, "huge.pdf", &huge).await;
    assert_eq!(res.status, Status::PayloadTooLarge);
    let main = res.html().text("main");
    assert!(main.contains("Файл більший за 1 МБ."), "{main}");
    assert!(
        b.get(&format!("/proposals/{id}"))
            .await
            .html()
            .count("a[href*=\"/documents/\"]")
            == 0
    );
}

/// A competition with one submitted proposal, cancelled before or after
/// its deadline; the clock ends a day after the deadline.
async fn cancelled_with_one_submission(app: &TestApp, after_deadline: bool) -> String {
    let (organizer, ob, comp) = open_competition(app).await;
    let (_, b, org) = applicant(app, "Cancelled Kateryna").await;
    let id = ready(app, &b, &comp, &org).await;
    submit(&b, &id).await;
    if after_deadline {
        app.clock.set(deadline() + chrono::Duration::hours(2));
        cs::relogin(&ob, &organizer).await;
    }
    let res = ob
        .submit(
            &format!("/organizer/competitions/{comp}/cancel"),
            &[("reason", "Фонд не затверджено")],
        )
        .await;
    assert!(cs::flash_after(&ob, &res)
        .await
        .contains("Конкурс скасовано"));
    app.clock.set(deadline() + chrono::Duration::days(1));
    comp.to_string()
}

#[rocket::async_test]
async fn cancelled_after_the_deadline_the_list_stays_public_with_the_cancellation() {
    let app = app().await;
    let comp = cancelled_with_one_submission(&app, true).await;
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await
        .json();
    assert_eq!(api["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(api["cancelled"]["reason"], "Фонд не затверджено");
    let page = app.get(&format!("/competitions/{comp}/submissions")).await;
    let html = page.html();
    assert!(html.text("#cancelled").contains("скасовано після дедлайну"));
    assert!(html.text("#cancelled").contains("Фонд не затверджено"));
    assert_eq!(html.count("table.submissions tbody tr"), 1);
}

#[rocket::async_test]
async fn cancelled_before_the_deadline_the_list_never_becomes_public() {
    let app = app().await;
    let comp = cancelled_with_one_submission(&app, false).await;
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await
        .json();
    assert_eq!(api["submissions"].as_array().unwrap().len(), 0);
    assert!(api["cancelled"].is_null());
    let html = app
        .get(&format!("/competitions/{comp}/submissions"))
        .await
        .html();
    assert_eq!(html.count("table.submissions"), 0);
    assert_eq!(html.count("#cancelled"), 0);
}

#[rocket::async_test]
async fn an_ongoing_competition_has_no_cancellation_in_the_api() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    app.clock.set(deadline());
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await
        .json();
    assert!(api["cancelled"].is_null());
}
