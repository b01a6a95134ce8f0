//! The autosave endpoint that `assets/js/autosave.js` posts the proposal
//! form to: it stores the draft as typed and answers with the JSON the
//! script shows (`saved_at` in Kyiv time, `complete`); CSRF required;
//! refused for non-members, after the deadline and once submitted.

use rocket::http::Status;

use crate::applications_support::*;
use crate::competitions_support as cs;
use konkurs::applications::ProposalId;

async fn stored_title(app: &crate::support::TestApp, id: &ProposalId) -> String {
    let id = id.clone();
    app.db()
        .run(move |c| Ok(konkurs::applications::model::find(c, &id)?.unwrap().title))
        .await
        .unwrap()
}

#[rocket::async_test]
async fn autosave_stores_the_draft_and_answers_as_the_script_expects() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Avtosave Olha").await;
    let id = start(&b, &comp, &org).await;
    let path = format!("/proposals/{id}/autosave");

    // Half-typed and invalid: stored anyway, reported as not complete.
    let typed = [("title", "Чернетка, що пишеться"), ("summary", "Ще не")];
    let res = b.submit(&path, &typed).await;
    assert_eq!(res.status, Status::Ok, "{}", res.body);
    let v = res.json();
    assert_eq!(v["saved_at"], "15.01.2027 12:00", "Kyiv time of the save");
    assert_eq!(v["complete"], false);
    let form = b.get(&format!("/proposals/{id}/edit")).await.html();
    assert_eq!(
        form.attr("#title", "value").as_deref(),
        Some("Чернетка, що пишеться")
    );
    assert!(form.text("#summary").contains("Ще не"));

    // A complete proposal is reported complete.
    let res = b.submit(&path, &cs::as_refs(&complete())).await;
    assert_eq!(res.json()["complete"], true);

    // No CSRF token: refused, nothing changes.
    let res = b
        .post_raw(&path, &[("title", "Підроблений"), ("csrf_token", "nope")])
        .await;
    assert_eq!(res.status, Status::Forbidden);
    assert_eq!(
        stored_title(&app, &id).await,
        "Молодіжні лабораторії громад"
    );
}

#[rocket::async_test]
async fn autosave_is_refused_for_outsiders_after_the_deadline_and_once_submitted() {
    let app = app().await;
    let (organizer, ob, comp) = open_competition(&app).await;
    let (person, b, org) = applicant(&app, "Avtosave Petro").await;
    let draft = start(&b, &comp, &org).await;
    let lodged = {
        let (_, b2, org2) = applicant(&app, "Avtosave Iryna").await;
        let id = ready(&app, &b2, &comp, &org2).await;
        assert_eq!(submit(&b2, &id).await.status, Status::SeeOther);
        // Its own member cannot autosave it either: it is submitted.
        let res = b2
            .submit(
                &format!("/proposals/{id}/autosave"),
                &[("title", "Змінено")],
            )
            .await;
        assert_eq!(res.status, Status::Conflict);
        id
    };
    assert_eq!(
        stored_title(&app, &lodged).await,
        "Молодіжні лабораторії громад"
    );

    let evil = [("title", "Чужа правка")];
    let (_, stranger) = app.signed_in("Stranger Stepan", None).await;
    for (who, browser) in [("another user", &stranger), ("the organizer", &ob)] {
        let res = browser
            .submit(&format!("/proposals/{draft}/autosave"), &evil)
            .await;
        assert!(
            matches!(res.status, Status::Forbidden | Status::NotFound),
            "{who}: {}",
            res.status
        );
    }
    // Anonymous: sent to sign in.
    let anon = app.browser();
    let res = anon
        .submit(&format!("/proposals/{draft}/autosave"), &evil)
        .await;
    assert_ne!(res.status, Status::Ok);
    assert_eq!(stored_title(&app, &draft).await, "");

    // At the deadline the draft is read-only.
    app.clock.set(deadline());
    cs::relogin(&b, &person).await;
    let res = b
        .submit(&format!("/proposals/{draft}/autosave"), &evil)
        .await;
    assert_eq!(res.status, Status::Conflict);
    assert_eq!(stored_title(&app, &draft).await, "");
    let _ = organizer;
}
