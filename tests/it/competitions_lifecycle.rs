//! The lifecycle: every transition, its precondition and its refusal;
//! cancellation with a public reason.

use rocket::http::Status;

use crate::competitions_support::*;
use crate::support::Browser;
use konkurs::competitions::{CompetitionId, State};

async fn step(b: &Browser<'_>, id: &CompetitionId, name: &str) -> String {
    let res = b
        .submit(&format!("/organizer/competitions/{id}/steps/{name}"), &[])
        .await;
    flash_after(b, &res).await
}

#[rocket::async_test]
async fn admissibility_starts_only_once_the_deadline_has_passed() {
    let app = app().await;
    let (org, b, id) = announced(&app).await;
    // One second before the deadline (18:00 Kyiv = 16:00 UTC): refused.
    app.clock
        .set(utc("2027-02-10 16:00") - chrono::Duration::seconds(1));
    relogin(&b, &org).await;
    assert!(step(&b, &id, "admissibility")
        .await
        .contains("лише після кінцевого строку"));
    assert_eq!(load(&app, &id).await.state, State::Announced);
    let manage = b.get(&format!("/organizer/competitions/{id}")).await.html();
    assert!(
        manage.text(".countdown").contains("менш ніж за годину"),
        "{}",
        manage.text(".countdown")
    );
    // At the deadline itself: the call is over.
    app.clock.set(utc("2027-02-10 16:00"));
    assert!(step(&b, &id, "admissibility")
        .await
        .contains("перевірка допустимості"));
    let c = load(&app, &id).await;
    assert_eq!(
        (c.state, c.state_changed_at),
        (State::Admissibility, utc("2027-02-10 16:00"))
    );
}

#[rocket::async_test]
async fn every_step_in_order_and_each_out_of_order_step_is_refused() {
    let app = app().await;
    let (org, b, id) = announced(&app).await;
    // Out of order while announced: each later step is refused, nothing moves.
    for (name, message) in [
        ("review", "лише після перевірки допустимості"),
        ("deliberation", "лише під час оцінювання"),
        ("publish", "лише після обговорення"),
        ("close", "лише конкурс з оприлюдненими"),
    ] {
        assert!(step(&b, &id, name).await.contains(message), "{name}");
        assert_eq!(load(&app, &id).await.state, State::Announced, "{name}");
    }
    app.clock.set(utc("2027-02-11 08:00"));
    relogin(&b, &org).await;
    // The review needs a juror who accepted and confirmed affiliations.
    let juror = crate::review_support::accepted_juror(&app, &b, &id, "Jurii", "member").await;
    crate::review_support::confirm(&juror.browser, &id).await;
    let path = [
        ("admissibility", State::Admissibility),
        ("review", State::Review),
        ("deliberation", State::Deliberation),
        ("publish", State::Published),
        ("close", State::Closed),
    ];
    for (i, (name, state)) in path.iter().enumerate() {
        // The step already taken cannot be repeated.
        if i > 0 {
            let (prev, _) = path[i - 1];
            step(&b, &id, prev).await;
            assert_eq!(load(&app, &id).await.state, path[i - 1].1, "{prev} again");
        }
        let manage = b.get(&format!("/organizer/competitions/{id}")).await.html();
        if *name == "deliberation" {
            // Closing the review has its own page (a reason when early).
            let close = format!("/organizer/competitions/{id}/review/close");
            assert_eq!(manage.count(&format!("a[href='{close}']")), 1);
            assert_eq!(b.get(&close).await.status, Status::Ok);
        } else {
            assert_eq!(
                manage
                    .attr(
                        &format!("form[action='/organizer/competitions/{id}/steps/{name}']"),
                        "method"
                    )
                    .as_deref(),
                Some("post"),
                "the page offers {name}"
            );
        }
        if *name == "publish" {
            // Publication needs finalized results (here: nothing to score).
            let res = b
                .submit(&format!("/organizer/competitions/{id}/finalize"), &[])
                .await;
            assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        }
        step(&b, &id, name).await;
        assert_eq!(load(&app, &id).await.state, *state, "after {name}");
    }
    let steps: Vec<String> = audit_actions(&app, &id)
        .await
        .into_iter()
        .filter(|a| a.starts_with("competition."))
        .collect();
    assert_eq!(
        steps,
        vec![
            "competition.draft_created",
            "competition.announced",
            "competition.admissibility_started",
            "competition.review_started",
            "competition.deliberation_started",
            "competition.results_finalized",
            "competition.results_published",
            "competition.closed",
        ]
    );
    let page = app
        .browser()
        .get(&format!("/competitions/{id}"))
        .await
        .html();
    assert_eq!(
        page.count("#history + .timeline li"),
        6,
        "public history of every stage"
    );
    // Unknown steps do not exist.
    let res = b
        .submit(&format!("/organizer/competitions/{id}/steps/reopen"), &[])
        .await;
    assert_eq!(res.status, Status::NotFound);
    // Nothing can be cancelled after publication.
    let res = b
        .submit(
            &format!("/organizer/competitions/{id}/cancel"),
            &[("reason", "Пізно")],
        )
        .await;
    assert!(flash_after(&b, &res).await.contains("скасувати не можна"));
    assert_eq!(load(&app, &id).await.state, State::Closed);
}

#[rocket::async_test]
async fn cancelling_needs_a_public_reason() {
    let app = app().await;
    let (_, b, id) = announced(&app).await;
    let path = format!("/organizer/competitions/{id}/cancel");
    let res = b.submit(&path, &[("reason", "  ")]).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res.html().text("#reason-error").contains("Вкажіть причину"));
    assert_eq!(load(&app, &id).await.state, State::Announced);
    let res = b
        .submit(&path, &[("reason", "Скорочення бюджетних призначень")])
        .await;
    assert!(flash_after(&b, &res).await.contains("Конкурс скасовано"));
    let c = load(&app, &id).await;
    assert_eq!(
        (c.state, c.cancel_reason.as_deref()),
        (State::Cancelled, Some("Скорочення бюджетних призначень"))
    );
    let page = app
        .browser()
        .get(&format!("/competitions/{id}"))
        .await
        .html();
    assert!(page
        .text("main")
        .contains("Скорочення бюджетних призначень"));
    assert!(page.text(".tag").contains("Скасовано"));
    let feed = app.browser().get("/feed.atom").await.body;
    assert!(
        feed.contains("Скасовано конкурс: Молодь у громадах 2027"),
        "{feed}"
    );
    assert!(feed.contains("<summary>Скорочення бюджетних призначень</summary>"));
    // Cancelled is final.
    let res = b.submit(&path, &[("reason", "Ще раз")]).await;
    assert!(flash_after(&b, &res).await.contains("скасувати не можна"));
    assert_eq!(
        audit_actions(&app, &id).await.last().map(String::as_str),
        Some("competition.cancelled")
    );
}

#[rocket::async_test]
async fn a_cancelled_draft_never_becomes_public() {
    let app = app().await;
    let (_, b) = app
        .signed_in(
            "Oksana Org",
            Some(konkurs::accounts::model::Role::Organizer),
        )
        .await;
    let id = create_draft(&b, &complete_fields()).await;
    let res = b
        .submit(
            &format!("/organizer/competitions/{id}/cancel"),
            &[("reason", "Не потрібен")],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(load(&app, &id).await.state, State::Cancelled);
    assert_eq!(
        app.browser()
            .get(&format!("/competitions/{id}"))
            .await
            .status,
        Status::NotFound
    );
    let api = app.browser().get("/api/v1/competitions").await.json();
    assert_eq!(api["competitions"].as_array().unwrap().len(), 0);
    assert!(!app
        .browser()
        .get("/feed.atom")
        .await
        .body
        .contains(&id.to_string()));
}
