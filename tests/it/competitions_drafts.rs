//! Drafts: create, validate every field on the page, keep what was typed,
//! edit, and announce only when complete.

use rocket::http::Status;

use crate::competitions_support::*;
use konkurs::accounts::model::Role;
use konkurs::competitions::State;

#[rocket::async_test]
async fn an_organizer_creates_and_edits_a_draft() {
    let app = app().await;
    let (_, b) = app.signed_in("Oksana Org", Some(Role::Organizer)).await;
    let form = b.get("/organizer/competitions/new").await;
    assert_eq!(form.status, Status::Ok);
    assert_eq!(
        form.html().count("input[name='criteria[7].name']"),
        1,
        "8 criterion rows"
    );
    assert_eq!(
        form.html().count("input[name='documents[9].name']"),
        1,
        "10 document rows"
    );
    let id = create_draft(&b, &[("title_uk".into(), "Лише назва".into())]).await;
    let c = load(&app, &id).await;
    assert_eq!((c.state, c.title_uk.as_str()), (State::Draft, "Лише назва"));
    // Fill in everything; the form shows it back.
    let res = b
        .submit(
            &format!("/organizer/competitions/{id}/edit"),
            &as_refs(&complete_fields()),
        )
        .await;
    assert_eq!(flash_after(&b, &res).await, "Чернетку збережено.");
    let edit = b
        .get(&format!("/organizer/competitions/{id}/edit"))
        .await
        .html();
    assert_eq!(edit.attr("#fund", "value").as_deref(), Some("1 000 000"));
    assert_eq!(
        edit.attr("#criteria-1-name", "value").as_deref(),
        Some("Обґрунтованість бюджету")
    );
    assert_eq!(
        edit.attr("#criteria-2-name", "value").as_deref(),
        Some(""),
        "blank row dropped, offered again"
    );
    assert_eq!(
        edit.count("#aggregation-1[checked]"),
        1,
        "median stays chosen"
    );
    assert_eq!(edit.count("input[name=org_forms][checked]"), 2);
    let c = load(&app, &id).await;
    assert_eq!(c.fund_kopiyky, Some(100_000_000));
    assert_eq!(
        c.closes_at,
        Some(utc("2027-02-10 16:00")),
        "18:00 Kyiv in winter is 16:00 UTC"
    );
}

#[rocket::async_test]
async fn invalid_fields_are_named_on_the_page_and_nothing_typed_is_lost() {
    let app = app().await;
    let (_, b) = app.signed_in("Oksana Org", Some(Role::Organizer)).await;
    let mut fields = with(&complete_fields(), "cap", "2 000 000");
    fields = with(&fields, "closes_at", "2027-01-01T10:00");
    fields = with(&fields, "criteria[1].max_points", "сто");
    fields = with(&fields, "title_en", "Keep me");
    let res = b.submit("/organizer/competitions", &as_refs(&fields)).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    for field in ["cap", "closes_at", "criteria-1-max_points"] {
        assert_eq!(
            html.count(&format!(".error-summary a[href='#{field}']")),
            1,
            "{field} in summary"
        );
        assert_eq!(
            html.count(&format!("#{field}-error")),
            1,
            "{field} message on the field"
        );
        assert_eq!(
            html.attr(&format!("#{field}"), "aria-invalid").as_deref(),
            Some("true")
        );
    }
    assert!(html
        .text("#cap-error")
        .contains("не може перевищувати весь фонд"));
    assert!(html
        .text("#closes_at-error")
        .contains("пізнішим за початок"));
    assert_eq!(
        html.attr("#criteria-1-max_points", "value").as_deref(),
        Some("сто")
    );
    assert_eq!(html.attr("#title_en", "value").as_deref(), Some("Keep me"));
    assert_eq!(html.count("#jury_mode-1[checked]"), 1, "choices kept");
    let none = app
        .db()
        .run(|c| Ok(konkurs::competitions::model::list_managed(c, None)?))
        .await
        .unwrap();
    assert!(none.is_empty(), "nothing saved");
}

#[rocket::async_test]
async fn announcing_an_incomplete_draft_shows_what_is_missing() {
    let app = app().await;
    let (_, b) = app.signed_in("Oksana Org", Some(Role::Organizer)).await;
    let fields = with(&complete_fields(), "pass_mark", "");
    let id = create_draft(&b, &fields).await;
    let res = b
        .submit(&format!("/organizer/competitions/{id}/announce"), &[])
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert!(
        html.text("#pass_mark-error").contains("прохідний бал"),
        "{}",
        html.text("main")
    );
    assert_eq!(html.count(".error-summary li"), 1);
    assert_eq!(html.attr("#fund", "value").as_deref(), Some("1 000 000"));
    assert_eq!(load(&app, &id).await.state, State::Draft);
}

#[rocket::async_test]
async fn a_deadline_in_the_past_cannot_be_announced() {
    let app = app().await;
    let (org, b) = app.signed_in("Oksana Org", Some(Role::Organizer)).await;
    let id = create_draft(&b, &complete_fields()).await;
    app.clock.set(utc("2027-02-10 16:00"));
    relogin(&b, &org).await;
    let res = b
        .submit(&format!("/organizer/competitions/{id}/announce"), &[])
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res.html().text("#closes_at-error").contains("уже минув"));
    assert_eq!(load(&app, &id).await.state, State::Draft);
}
