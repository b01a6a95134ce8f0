//! Invitations: by e-mail, single use, expiring, for the invited address only.

use rocket::http::Status;

use super::{create_org, invite};
use crate::support::people::PASSWORD;
use crate::support::TestApp;
use konkurs::organizations::MemberRole;

#[rocket::async_test]
async fn an_invited_person_accepts_and_becomes_a_member() {
    let app = TestApp::new().await;
    let (_, owner) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&owner, "00729511").await;
    let (mykola, b) = app.signed_in("Mykola Hnatiuk", None).await;
    assert_eq!(
        b.get(&format!("/organizations/{id}")).await.status,
        Status::NotFound
    );
    // The address is compared without regard to case.
    let shouted = mykola.email.to_uppercase();
    let res = owner
        .submit(
            &format!("/organizations/{id}/invitations"),
            &[("email", &shouted)],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther);
    let link = app
        .link_in_mail(&mykola.email, "/organizations/invitations/")
        .await;
    let mail = app.mails_to(&mykola.email).await.pop().expect("mailed");
    assert!(mail.subject.contains("ГО «Світло»"), "{}", mail.subject);
    assert!(mail.body_text.contains("Iryna Melnyk"));
    // The owner sees the open invitation.
    let page = owner.get(&format!("/organizations/{id}")).await;
    assert!(page.html().text("tr.invitation").contains(&mykola.email));
    // The link shows the invitation; nothing happens until the button.
    let res = b.get(&link).await;
    assert_eq!(res.status, Status::Ok);
    assert!(res.html().text("main").contains("Iryna Melnyk"));
    assert_eq!(app.role_in(&id, &mykola.id).await, None);
    let res = b.submit(&link, &[]).await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(res.location(), format!("/organizations/{id}"));
    assert_eq!(app.role_in(&id, &mykola.id).await, Some(MemberRole::Member));
    let page = b.get(&format!("/organizations/{id}")).await;
    assert_eq!(page.status, Status::Ok);
    assert!(page.html().text("main").contains("Учасник"));
    assert!(b
        .get("/organizations")
        .await
        .html()
        .text("main table")
        .contains("ГО «Світло»"));
    let owner_page = owner.get(&format!("/organizations/{id}")).await;
    assert_eq!(
        owner_page.html().count("tr.invitation"),
        0,
        "no longer open"
    );
    assert_eq!(owner_page.html().count("tr.member"), 2);
}

#[rocket::async_test]
async fn an_invitation_works_once() {
    let app = TestApp::new().await;
    let (_, owner) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&owner, "00729511").await;
    let (mykola, b) = app.signed_in("Mykola Hnatiuk", None).await;
    let link = invite(&app, &owner, &id, &mykola.email).await;
    assert_eq!(b.submit(&link, &[]).await.status, Status::SeeOther);
    // He leaves; the used link does not let him back in.
    let leave = format!("/organizations/{id}/members/{}/remove", mykola.id);
    assert_eq!(b.submit(&leave, &[]).await.status, Status::SeeOther);
    assert_eq!(app.role_in(&id, &mykola.id).await, None);
    let res = b.get(&link).await;
    assert_eq!(res.status, Status::BadRequest);
    assert!(res.html().text("main").contains("вже використано"));
    let res = b.submit(&link, &[]).await;
    assert_eq!(res.status, Status::BadRequest);
    assert_eq!(app.role_in(&id, &mykola.id).await, None);
    // A made-up link is simply unknown.
    let res = b.get("/organizations/invitations/not-a-real-token").await;
    assert_eq!(res.status, Status::BadRequest);
    assert!(res.html().text("main").contains("недійсне"));
}

#[rocket::async_test]
async fn an_expired_invitation_is_refused() {
    let app = TestApp::new().await;
    let (_, owner) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&owner, "00729511").await;
    let (mykola, b) = app.signed_in("Mykola Hnatiuk", None).await;
    let link = invite(&app, &owner, &id, &mykola.email).await;
    app.clock
        .advance(chrono::Duration::days(7) - chrono::Duration::seconds(1));
    // Sessions end sooner than invitations: sign in again.
    b.login(&mykola.email, PASSWORD).await;
    assert_eq!(b.get(&link).await.status, Status::Ok, "a second left");
    app.clock.advance(chrono::Duration::seconds(1));
    let res = b.get(&link).await;
    assert_eq!(res.status, Status::BadRequest);
    let res = b.submit(&link, &[]).await;
    assert_eq!(res.status, Status::BadRequest);
    assert!(res.html().text("main").contains("Строк дії"));
    assert_eq!(app.role_in(&id, &mykola.id).await, None);
}

#[rocket::async_test]
async fn an_invitation_is_for_the_invited_address_only() {
    let app = TestApp::new().await;
    let (_, owner) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&owner, "00729511").await;
    let (mykola, b) = app.signed_in("Mykola Hnatiuk", None).await;
    let (other, c) = app.signed_in("Someone Else", None).await;
    let link = invite(&app, &owner, &id, &mykola.email).await;
    let res = c.get(&link).await;
    assert_eq!(res.status, Status::Forbidden);
    assert!(res.html().text("main").contains("на іншу адресу"));
    assert_eq!(
        res.html()
            .count("form[action^='/organizations/invitations/']"),
        0
    );
    let res = c.submit(&link, &[]).await;
    assert_eq!(res.status, Status::Forbidden);
    assert!(res.html().text("main").contains("на іншу адресу"));
    assert_eq!(app.role_in(&id, &other.id).await, None);
    // The invited person can still use it.
    assert_eq!(b.submit(&link, &[]).await.status, Status::SeeOther);
    assert_eq!(app.role_in(&id, &mykola.id).await, Some(MemberRole::Member));
}

#[rocket::async_test]
async fn a_new_invitee_signs_in_or_registers_and_must_verify_first() {
    let app = TestApp::new().await;
    let (_, owner) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&owner, "00729511").await;
    let email = "newcomer@example.org";
    let link = invite(&app, &owner, &id, email).await;
    let b = app.browser();
    let res = b.get(&link).await;
    assert_eq!(res.status, Status::Ok);
    let login = res.html().attr("main a[href^='/login']", "href").unwrap();
    assert_eq!(login, format!("/login?next={link}"));
    // Anonymous accept: sent to sign in, nothing changes.
    let res = b.submit(&link, &[]).await;
    assert_eq!(res.status, Status::SeeOther);
    assert!(res.location().starts_with("/login"));
    // Registered but not verified: refused with the verify message.
    let res = b
        .submit(
            "/register",
            &[
                ("name", "New Comer"),
                ("email", email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther);
    let res = b
        .submit(
            "/login",
            &[("email", email), ("password", PASSWORD), ("next", &link)],
        )
        .await;
    assert_eq!(res.location(), link, "back to the invitation");
    let res = b.get(&link).await;
    assert!(res.html().text("main").contains("Спершу підтвердьте"));
    let res = b.submit(&link, &[]).await;
    assert_eq!(res.status, Status::Forbidden);
    assert_eq!(
        app.org_audit(&id).await.len(),
        2,
        "created, invited; nothing else"
    );
    // Verified, the same link works.
    let verify = app.link_in_mail(email, "/verify-email/").await;
    b.get(&verify).await;
    assert_eq!(b.submit(&link, &[]).await.status, Status::SeeOther);
    assert_eq!(
        b.get(&format!("/organizations/{id}")).await.status,
        Status::Ok
    );
}

#[rocket::async_test]
async fn a_new_invitation_replaces_the_old_one_and_owners_can_withdraw() {
    let app = TestApp::new().await;
    let (_, owner) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&owner, "00729511").await;
    let (mykola, b) = app.signed_in("Mykola Hnatiuk", None).await;
    let first = invite(&app, &owner, &id, &mykola.email).await;
    let second = invite(&app, &owner, &id, &mykola.email).await;
    assert_ne!(first, second);
    let res = b.submit(&first, &[]).await;
    assert_eq!(res.status, Status::BadRequest);
    assert!(res.html().text("main").contains("відкликано"));
    let page = owner.get(&format!("/organizations/{id}")).await;
    assert_eq!(page.html().count("tr.invitation"), 1);
    let withdraw = page
        .html()
        .attr("tr.invitation form", "action")
        .expect("withdraw button");
    assert_eq!(owner.submit(&withdraw, &[]).await.status, Status::SeeOther);
    assert_eq!(b.submit(&second, &[]).await.status, Status::BadRequest);
    assert_eq!(app.role_in(&id, &mykola.id).await, None);
    let actions: Vec<_> = app
        .org_audit(&id)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        vec![
            "organization.created",
            "organization.invitation_sent",
            "organization.invitation_sent",
            "organization.invitation_revoked",
        ]
    );
}

#[rocket::async_test]
async fn invitation_form_errors_keep_the_address() {
    let app = TestApp::new().await;
    let (owner_person, owner) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&owner, "00729511").await;
    let path = format!("/organizations/{id}/invitations");
    for (email, message) in [
        ("mykola@", "правильному форматі"),
        ("", "Введіть адресу"),
        (owner_person.email.as_str(), "вже учасник"),
    ] {
        let res = owner.submit(&path, &[("email", email)]).await;
        assert_eq!(res.status, Status::UnprocessableEntity, "{email}");
        let html = res.html();
        assert!(html.text("#email-error").contains(message), "{email}");
        assert_eq!(
            html.attr("#email", "value").as_deref(),
            Some(email).filter(|e| !e.is_empty())
        );
        assert_eq!(html.count(".error-summary a[href='#email']"), 1);
    }
    assert!(app.mails_to("mykola@").await.is_empty());
}
