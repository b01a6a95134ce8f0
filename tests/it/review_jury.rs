//! The jury: invitations (existing account, new account, wrong account,
//! expired and used links), removal before the review, the jury list.

use rocket::http::Status;

use crate::applications_support::app;
use crate::competitions_support::{self as cs, audit_actions};
use crate::review_support::*;

#[rocket::async_test]
async fn an_existing_user_accepts_with_the_invited_address() {
    let app = app().await;
    let (_, ob, comp) = open_with(&app, &cs::complete_fields()).await;
    let j = accepted_juror(&app, &ob, &comp, "Iryna Juror", "chair").await;
    let page = ob
        .get(&format!("/organizer/competitions/{comp}/jury"))
        .await;
    let html = page.html();
    assert_eq!(html.count("tr.juror"), 1);
    assert!(html.text("tr.juror").contains("Iryna Juror"));
    assert!(html.text(".juror-status").contains("Прийнято"));
    assert!(html.text(".juror-affiliations").contains("не підтверджено"));
    // The link works once.
    let link = app
        .link_in_mail(&j.person.email, "/jury/invitations/")
        .await;
    let again = j.browser.get(&link).await;
    assert_eq!(again.status, Status::BadRequest);
    assert!(again.html().text(".panel").contains("вже прийнято"));
    // "My reviews" lists the competition.
    let mine = j.browser.get("/reviews").await.html();
    assert_eq!(mine.count("tr.review-row"), 1);
    let actions = audit_actions(&app, &comp).await;
    assert!(actions.contains(&"jury.invited".to_string()));
    assert!(actions.contains(&"jury.invitation_accepted".to_string()));
}

#[rocket::async_test]
async fn a_new_person_creates_the_account_on_acceptance() {
    let app = app().await;
    let (_, ob, comp) = open_with(&app, &cs::complete_fields()).await;
    let email = "new.juror@example.org";
    invite(&ob, &comp, "Nova Juror", email, "member").await;
    let link = app.link_in_mail(email, "/jury/invitations/").await;
    let anon = app.browser();
    let page = anon.get(&link).await.html();
    assert_eq!(page.attr("#name", "value").as_deref(), Some("Nova Juror"));
    // A weak password is refused, the name kept.
    let res = anon
        .submit(
            &format!("{link}/register"),
            &[("name", "Nova Juror"), ("password", "123")],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(!res.html().text("#password-error").is_empty());
    let res = anon
        .submit(
            &format!("{link}/register"),
            &[
                ("name", "Nova Juror"),
                ("password", crate::support::people::PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    // Signed in, verified by the link, a juror.
    let page = anon.get(res.location()).await;
    assert_eq!(page.status, Status::Ok);
    assert!(page.html().text(".flash").contains("Запрошення прийнято"));
    let user = app
        .db()
        .run(move |c| Ok(konkurs::accounts::model::find_by_email(c, email)?))
        .await
        .unwrap()
        .expect("account created");
    assert!(user.is_verified());
    assert_eq!(anon.get("/reviews").await.html().count("tr.review-row"), 1);
}

#[rocket::async_test]
async fn wrong_account_expired_and_unknown_links_are_refused() {
    let app = app().await;
    let (_, ob, comp) = open_with(&app, &cs::complete_fields()).await;
    let (_, other) = app.signed_in("Other Person", None).await;
    let email = "invited@example.org";
    invite(&ob, &comp, "Invited Person", email, "member").await;
    let link = app.link_in_mail(email, "/jury/invitations/").await;
    assert_eq!(other.get(&link).await.status, Status::Forbidden);
    let res = other.submit(&link, &[]).await;
    assert_eq!(res.status, Status::Forbidden);
    assert!(res.html().text(".panel").contains("іншу адресу"));
    // Unknown token.
    assert_eq!(
        other.get("/jury/invitations/nope").await.status,
        Status::BadRequest
    );
    // Expired: 15 days later nobody can use it, not even to register.
    app.clock.set(app.now() + chrono::Duration::days(15));
    let anon = app.browser();
    let page = anon.get(&link).await;
    assert_eq!(page.status, Status::BadRequest);
    assert!(page.html().text(".panel").contains("Строк дії"));
    let res = anon
        .submit(
            &format!("{link}/register"),
            &[
                ("name", "Invited"),
                ("password", crate::support::people::PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, Status::BadRequest);
    let probe = email.to_string();
    let exists = app
        .db()
        .run(move |c| Ok(konkurs::accounts::model::email_taken(c, &probe)?))
        .await
        .unwrap();
    assert!(!exists, "no account from an expired link");
}

#[rocket::async_test]
async fn invitations_are_validated_and_labels_stay_dense_after_removal() {
    let app = app().await;
    let (_, ob, comp) = open_with(&app, &cs::complete_fields()).await;
    let res = invite(&ob, &comp, " ", "not-an-email", "king").await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert_eq!(html.count(".error-summary li"), 3);
    assert_eq!(
        html.attr("#email", "value").as_deref(),
        Some("not-an-email")
    );
    for (i, name) in ["A One", "B Two", "C Three"].iter().enumerate() {
        let res = invite(&ob, &comp, name, &format!("j{i}@example.org"), "member").await;
        assert_eq!(res.status, Status::SeeOther);
    }
    let dup = invite(&ob, &comp, "Again", "J0@example.org", "member").await;
    assert_eq!(dup.status, Status::UnprocessableEntity);
    assert!(dup.html().text("#email-error").contains("вже запрошено"));
    let jurors = |app: &crate::support::TestApp| {
        let comp = comp.clone();
        let db = app.db().clone();
        async move {
            db.run(move |c| Ok(konkurs::review::model::jurors(c, &comp)?))
                .await
                .unwrap()
        }
    };
    let list = jurors(&app).await;
    let second = list
        .iter()
        .find(|j| j.full_name == "B Two")
        .unwrap()
        .id
        .clone();
    let res = ob
        .submit(
            &format!("/organizer/competitions/{comp}/jury/{second}/remove"),
            &[],
        )
        .await;
    assert!(cs::flash_after(&ob, &res).await.contains("вилучено"));
    let labels: Vec<(String, i32)> = jurors(&app)
        .await
        .into_iter()
        .map(|j| (j.full_name, j.label_number))
        .collect();
    assert_eq!(labels, vec![("A One".into(), 1), ("C Three".into(), 2)]);
    assert!(audit_actions(&app, &comp)
        .await
        .contains(&"jury.removed".to_string()));
}

#[rocket::async_test]
async fn removal_is_refused_once_the_review_started() {
    let app = app().await;
    let fx = in_review(&app, 1, &[JurorSpec::member("Only Juror")]).await;
    let id = app
        .db()
        .run({
            let comp = fx.comp.clone();
            move |c| Ok(konkurs::review::model::jurors(c, &comp)?[0].id.clone())
        })
        .await
        .unwrap();
    let res = fx
        .ob
        .submit(
            &format!("/organizer/competitions/{}/jury/{id}/remove", fx.comp),
            &[],
        )
        .await;
    assert!(cs::flash_after(&fx.ob, &res)
        .await
        .contains("лише до початку"));
    assert_eq!(
        fx.ob
            .get(&format!("/organizer/competitions/{}/jury", fx.comp))
            .await
            .html()
            .count("tr.juror"),
        1
    );
}
