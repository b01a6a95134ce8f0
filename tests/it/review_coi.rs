//! Conflicts of interest: automatic recusal by EDRPOU, the declaration
//! that must come before any content, recusal enforced on reads, downloads
//! and score writes, exclusion from denominators, replacements.

use rocket::http::Status;

use crate::applications_support::{app, required_docs};
use crate::competitions_support::{self as cs, audit_actions};
use crate::review_support::*;
use konkurs::scoring::ScoreStatus;

#[rocket::async_test]
async fn content_and_documents_only_after_declaring_no_conflict() {
    let app = app().await;
    let specs = [
        JurorSpec::member("Auto Anna").affiliated(0),
        JurorSpec::member("Bohdan"),
        JurorSpec::member("Vira"),
        JurorSpec::member("Halyna"),
    ];
    let fx = in_review(&app, 2, &specs).await;
    let p0 = fx.applicants[0].proposal.clone();
    let doc = required_docs(&app, &fx.comp).await[0].id.to_string();
    let download = format!("/proposals/{p0}/documents/{doc}");
    // Anna is recused from proposal 0 automatically; three others score it.
    let anna = assignment_to(&app, &fx.comp, &fx.jurors[0].person.email, &p0)
        .await
        .unwrap();
    assert_eq!(anna.coi, "auto");
    let scores = engine_scores(&app, &fx.comp).await;
    let on_p0 = &scores[&p0];
    assert_eq!(
        on_p0
            .iter()
            .filter(|s| s.status == ScoreStatus::Recused)
            .count(),
        1
    );
    assert_eq!(
        on_p0
            .iter()
            .filter(|s| s.status == ScoreStatus::Pending)
            .count(),
        3
    );
    // Bohdan, undeclared: number, title and applicant only.
    let b = &fx.jurors[1];
    let row = assignment_to(&app, &fx.comp, &b.person.email, &p0)
        .await
        .unwrap();
    let page = b
        .browser
        .get(&format!("/reviews/assignments/{}", row.id))
        .await;
    assert_eq!(page.status, Status::Ok);
    let html = page.html();
    assert!(html.text("dl.summary").contains(&fx.applicants[0].edrpou));
    assert_eq!(html.count("#proposal-content"), 0);
    assert_eq!(html.count("#documents"), 0);
    assert!(
        !page.body.contains("Серія практичних лабораторій"),
        "no summary before declaring"
    );
    assert_eq!(b.browser.get(&download).await.status, Status::NotFound);
    assert_eq!(
        b.browser.get(&format!("/proposals/{p0}")).await.status,
        Status::NotFound
    );
    let res = post_scores(
        &app,
        &b.browser,
        &fx.comp,
        &row.id,
        &[("5", ""), ("3", "")],
        "draft",
    )
    .await;
    assert_eq!(res.status, Status::NotFound, "no scores before declaring");
    // A declaration needs a choice.
    let res = declare(&b.browser, &row.id, "", "").await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(!res.html().text("#coi-error").is_empty());
    // Declared none: content and documents.
    assert_eq!(
        declare(&b.browser, &row.id, "none", "").await.status,
        Status::SeeOther
    );
    let page = b
        .browser
        .get(&format!("/reviews/assignments/{}", row.id))
        .await;
    assert!(page.body.contains("Серія практичних лабораторій"));
    assert_eq!(page.html().count("#documents li"), 1);
    assert_eq!(b.browser.get(&download).await.status, Status::Ok);
    // Anna: recused, nothing readable, downloadable or scorable.
    let a = &fx.jurors[0];
    let page = a
        .browser
        .get(&format!("/reviews/assignments/{}", anna.id))
        .await;
    assert_eq!(page.html().count("#proposal-content"), 0);
    assert!(page
        .html()
        .text("#coi-state")
        .contains("Автоматичний відвід"));
    assert_eq!(a.browser.get(&download).await.status, Status::NotFound);
    let res = post_scores(
        &app,
        &a.browser,
        &fx.comp,
        &anna.id,
        &[("5", ""), ("3", "")],
        "submit",
    )
    .await;
    assert_eq!(res.status, Status::NotFound);
    let res = declare(&a.browser, &anna.id, "none", "").await;
    assert!(cs::flash_after(&a.browser, &res)
        .await
        .contains("вже подано"));
    // Someone else's assignment is not found.
    assert_eq!(
        fx.jurors[2]
            .browser
            .get(&format!("/reviews/assignments/{}", row.id))
            .await
            .status,
        Status::NotFound
    );
}

#[rocket::async_test]
async fn a_declared_conflict_recuses_and_a_reserve_replaces() {
    let app = app().await;
    let specs = [
        JurorSpec::member("M1"),
        JurorSpec::member("M2"),
        JurorSpec::member("M3"),
        JurorSpec::reserve("R1"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let p0 = fx.applicants[0].proposal.clone();
    let j = &fx.jurors[1];
    let row = assignment_to(&app, &fx.comp, &j.person.email, &p0)
        .await
        .unwrap();
    // A comment is required for a potential conflict.
    let res = declare(&j.browser, &row.id, "potential", " ").await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(!res.html().text("#comment-error").is_empty());
    assert_eq!(
        res.html().attr("#coi-potential", "checked").as_deref(),
        Some("")
    );
    let res = declare(&j.browser, &row.id, "potential", "Колишній роботодавець").await;
    assert_eq!(res.status, Status::SeeOther);
    let reserve = assignments(&app, &fx.comp, &fx.jurors[3].person.email).await;
    assert_eq!(reserve.len(), 1);
    assert_eq!(
        (reserve[0].origin.as_str(), reserve[0].coi.as_str()),
        ("replacement", "pending")
    );
    let scores = engine_scores(&app, &fx.comp).await;
    assert_eq!(scores[&p0].len(), 4);
    assert_eq!(
        scores[&p0]
            .iter()
            .filter(|s| s.status == ScoreStatus::Recused)
            .count(),
        1
    );
    // M1, M3 and the reserve still owe round 1.
    assert_eq!(pending(&app, &fx.comp).await, 3);
    // The recused juror cannot read or score.
    let res = post_scores(
        &app,
        &j.browser,
        &fx.comp,
        &row.id,
        &[("5", ""), ("3", "")],
        "submit",
    )
    .await;
    assert_eq!(res.status, Status::NotFound);
    // The organizer's COI register shows the declaration.
    let page = fx
        .ob
        .get(&format!("/organizer/competitions/{}/review", fx.comp))
        .await
        .html();
    assert!(page.text("#coi-register").contains("Колишній роботодавець"));
    assert!(page.text("#coi-register").contains("M2"));
    let actions = audit_actions(&app, &fx.comp).await;
    assert!(actions.contains(&"review.coi_declared".to_string()));
    assert!(actions.contains(&"review.replacement_assigned".to_string()));
}

#[rocket::async_test]
async fn an_impossible_replacement_is_shown_to_the_organizer() {
    let app = app().await;
    let specs = [
        JurorSpec::member("S1"),
        JurorSpec::member("S2"),
        JurorSpec::member("S3"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let p0 = fx.applicants[0].proposal.clone();
    let page = fx
        .ob
        .get(&format!("/organizer/competitions/{}/review", fx.comp))
        .await
        .html();
    assert_eq!(page.count("#short-warning"), 0);
    let row = assignment_to(&app, &fx.comp, &fx.jurors[0].person.email, &p0)
        .await
        .unwrap();
    declare(&fx.jurors[0].browser, &row.id, "real", "Я засновник").await;
    let page = fx
        .ob
        .get(&format!("/organizer/competitions/{}/review", fx.comp))
        .await
        .html();
    assert_eq!(page.count("#short-warning"), 1);
    assert!(page.text("#proposal-progress").contains("бракує 1"));
    let actions = audit_actions(&app, &fx.comp).await;
    assert!(actions.contains(&"review.replacement_impossible".to_string()));
}

#[rocket::async_test]
async fn an_affiliation_added_during_the_review_recuses_and_replaces() {
    let app = app().await;
    let specs = [
        JurorSpec::member("A1"),
        JurorSpec::member("A2"),
        JurorSpec::member("A3"),
        JurorSpec::member("A4"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let p0 = fx.applicants[0].proposal.clone();
    assert!(assignments(&app, &fx.comp, &fx.jurors[3].person.email)
        .await
        .is_empty());
    let j = &fx.jurors[0];
    let res = add_affiliation(&j.browser, &fx.comp, &fx.applicants[0].edrpou).await;
    assert_eq!(res.status, Status::SeeOther);
    let row = assignment_to(&app, &fx.comp, &j.person.email, &p0)
        .await
        .unwrap();
    assert_eq!(row.coi, "auto");
    let a4 = assignments(&app, &fx.comp, &fx.jurors[3].person.email).await;
    assert_eq!(a4.len(), 1);
    assert_eq!(a4[0].origin, "replacement");
    // Removing affiliations is closed once the review runs.
    let page = j
        .browser
        .get(&format!("/reviews/{}/affiliations", fx.comp))
        .await
        .html();
    assert_eq!(page.count("tr.affiliation form"), 0);
}
