//! Scoring: drafts kept on error, submission locks, comments where
//! required, scoring only during the review, blindness, denominators.

use rocket::http::Status;

use crate::applications_support::app;
use crate::competitions_support::{self as cs, audit_actions};
use crate::review_support::*;
use konkurs::competitions::State;
use konkurs::scoring::ScoreStatus;

#[rocket::async_test]
async fn drafts_keep_input_on_error_and_submission_locks() {
    let app = app().await;
    let specs = [
        JurorSpec::member("D1"),
        JurorSpec::member("D2"),
        JurorSpec::member("D3"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let j = &fx.jurors[0];
    let row = assignments(&app, &fx.comp, &j.person.email).await.remove(0);
    declare(&j.browser, &row.id, "none", "").await;
    let crit = criteria(&app, &fx.comp).await;
    // Out of range on criterion 1 (max 10), nothing on criterion 2: a draft
    // re-renders with the error and everything typed.
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("11", "Коментар А"), ("", "")],
        "draft",
    )
    .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    let p0 = format!("points-{}", crit[0].0);
    assert!(html.text(&format!("#{p0}-error")).contains("від 0 до 10"));
    assert_eq!(html.attr(&format!("#{p0}"), "value").as_deref(), Some("11"));
    assert!(html
        .text(&format!("#comment-{}", crit[0].0))
        .contains("Коментар А"));
    assert_eq!(
        html.count(".error-summary li"),
        1,
        "missing points are fine in a draft"
    );
    assert_eq!(
        stored_scores(&app, &row.id, 1).await[0],
        (None, "Коментар А".to_string())
    );
    // A valid partial draft is saved.
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("7", "Коментар А"), ("", "")],
        "draft",
    )
    .await;
    assert!(cs::flash_after(&j.browser, &res)
        .await
        .contains("Чернетку збережено"));
    let page = j
        .browser
        .get(&format!("/reviews/assignments/{}", row.id))
        .await
        .html();
    assert_eq!(page.attr(&format!("#{p0}"), "value").as_deref(), Some("7"));
    // Submission checks every criterion and locks nothing on error.
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("7", ""), ("", "")],
        "submit",
    )
    .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res
        .html()
        .text(&format!("#points-{}-error", crit[1].0))
        .contains("Вкажіть бал"));
    assert!(assignments(&app, &fx.comp, &j.person.email).await[0]
        .submitted_at
        .is_none());
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("7", ""), ("4", "")],
        "submit",
    )
    .await;
    assert!(cs::flash_after(&j.browser, &res)
        .await
        .contains("Оцінки подано"));
    assert!(assignments(&app, &fx.comp, &j.person.email).await[0]
        .submitted_at
        .is_some());
    let page = j
        .browser
        .get(&format!("/reviews/assignments/{}", row.id))
        .await
        .html();
    assert_eq!(page.count("#score-sheet"), 0);
    assert!(page.text("#my-scores").contains('7'));
    // No edits after the lock.
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("1", ""), ("1", "")],
        "submit",
    )
    .await;
    assert!(cs::flash_after(&j.browser, &res)
        .await
        .contains("змінити їх не можна"));
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("1", ""), ("1", "")],
        "draft",
    )
    .await;
    assert!(cs::flash_after(&j.browser, &res)
        .await
        .contains("змінити їх не можна"));
    let s = stored_scores(&app, &row.id, 1).await;
    assert_eq!((s[0].0, s[1].0), (Some(7), Some(4)));
    assert!(audit_actions(&app, &fx.comp)
        .await
        .contains(&"review.scores_submitted".to_string()));
}

#[rocket::async_test]
async fn comments_are_required_where_the_competition_says_so() {
    let app = app().await;
    let fields = cs::with(&cs::complete_fields(), "comments_required", "true");
    let specs = [
        JurorSpec::member("C1"),
        JurorSpec::member("C2"),
        JurorSpec::member("C3"),
    ];
    let fx = in_review_with(&app, &fields, 1, &specs).await;
    let j = &fx.jurors[0];
    let row = assignments(&app, &fx.comp, &j.person.email).await.remove(0);
    declare(&j.browser, &row.id, "none", "").await;
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("7", "Добре"), ("4", " ")],
        "submit",
    )
    .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert_eq!(res.html().count(".error-summary li"), 1);
    // A draft without comments is fine.
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("7", ""), ("4", "")],
        "draft",
    )
    .await;
    assert_eq!(res.status, Status::SeeOther);
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("7", "Добре"), ("4", "Задовільно")],
        "submit",
    )
    .await;
    assert_eq!(res.status, Status::SeeOther);
    assert!(assignments(&app, &fx.comp, &j.person.email).await[0]
        .submitted_at
        .is_some());
}

#[rocket::async_test]
async fn scoring_is_blind_until_the_review_closes() {
    let app = app().await;
    let specs = [
        JurorSpec::member("B1"),
        JurorSpec::member("B2"),
        JurorSpec::member("B3"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let (j0, j1) = (&fx.jurors[0], &fx.jurors[1]);
    let r0 = assignments(&app, &fx.comp, &j0.person.email)
        .await
        .remove(0);
    let r1 = assignments(&app, &fx.comp, &j1.person.email)
        .await
        .remove(0);
    declare(&j0.browser, &r0.id, "none", "").await;
    declare(&j1.browser, &r1.id, "none", "").await;
    post_scores(
        &app,
        &j0.browser,
        &fx.comp,
        &r0.id,
        &[("9", "СЕКРЕТ-А"), ("4", "")],
        "submit",
    )
    .await;
    post_scores(
        &app,
        &j1.browser,
        &fx.comp,
        &r1.id,
        &[("2", "СЕКРЕТ-Б"), ("", "")],
        "draft",
    )
    .await;
    let pages = |id: &konkurs::review::ids::AssignmentId| {
        vec![
            "/reviews".to_string(),
            format!("/reviews/{}", fx.comp),
            format!("/reviews/{}/affiliations", fx.comp),
            format!("/reviews/assignments/{id}"),
        ]
    };
    for (who, row, other) in [(j0, &r0, "СЕКРЕТ-Б"), (j1, &r1, "СЕКРЕТ-А")] {
        for path in pages(&row.id) {
            let page = who.browser.get(&path).await;
            assert_eq!(page.status, Status::Ok, "{path}");
            assert!(
                !page.body.contains(other),
                "{path} shows another juror's scores"
            );
        }
    }
    assert_eq!(
        j1.browser
            .get(&format!("/reviews/assignments/{}", r0.id))
            .await
            .status,
        Status::NotFound
    );
    // The organizer sees counts, not points or comments.
    let page = fx
        .ob
        .get(&format!("/organizer/competitions/{}/review", fx.comp))
        .await;
    assert!(!page.body.contains("СЕКРЕТ"));
    let html = page.html();
    assert!(!html.text("thead").contains("Бал"));
    let first = html.texts("tr.juror-progress").remove(0);
    assert!(first.contains("B1"));
    assert!(html.text("#unfinished").contains('2'));
}

#[rocket::async_test]
async fn recused_jurors_are_out_of_the_denominator_and_the_review_can_close() {
    let app = app().await;
    let specs = [
        JurorSpec::member("E1").affiliated(0),
        JurorSpec::member("E2"),
        JurorSpec::member("E3"),
        JurorSpec::member("E4"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let p0 = fx.applicants[0].proposal.clone();
    assert_eq!(pending(&app, &fx.comp).await, 3);
    assert!(step(&fx.ob, &fx.comp, "deliberation")
        .await
        .contains("оцін"));
    assert_eq!(cs::load(&app, &fx.comp).await.state, State::Review);
    score_all(&app, &fx, 5).await;
    assert_eq!(pending(&app, &fx.comp).await, 0);
    let scores = engine_scores(&app, &fx.comp).await;
    let statuses: Vec<ScoreStatus> = scores[&p0].iter().map(|s| s.status).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == ScoreStatus::Submitted)
            .count(),
        3
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == ScoreStatus::Recused)
            .count(),
        1
    );
    step(&fx.ob, &fx.comp, "deliberation").await;
    assert_eq!(cs::load(&app, &fx.comp).await.state, State::Deliberation);
    // After the review nothing is scored or declared any more.
    let j = &fx.jurors[1];
    let row = assignments(&app, &fx.comp, &j.person.email).await.remove(0);
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("1", ""), ("1", "")],
        "draft",
    )
    .await;
    assert!(cs::flash_after(&j.browser, &res)
        .await
        .contains("лише під час оцінювання"));
}
