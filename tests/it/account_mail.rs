//! The mail flows of accounts: verification and password reset links, each
//! single-use and expiring, delivered through the outbox.

use rocket::http::Status;

use crate::support::people::PASSWORD;
use crate::support::TestApp;

async fn register(app: &TestApp, email: &str, lang: &str) {
    let b = app.browser();
    b.get(&format!("/?lang={lang}")).await;
    let res = b
        .submit(
            "/register",
            &[
                ("name", "Hanna Mail"),
                ("email", email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
}

#[rocket::async_test]
async fn verification_mail_link_verifies_once() {
    let app = TestApp::new().await;
    register(&app, "hanna@example.org", "uk").await;
    let mails = app.mails_to("hanna@example.org").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Підтвердьте адресу електронної пошти");
    assert!(
        mails[0]
            .body_text
            .contains("http://konkurs.test/verify-email/"),
        "absolute link with the public base URL"
    );
    let link = app
        .link_in_mail("hanna@example.org", "/verify-email/")
        .await;
    let b = app.browser();
    b.login("hanna@example.org", PASSWORD).await;
    let res = b.get(&link).await;
    assert_eq!((res.status, res.location()), (Status::SeeOther, "/account"));
    assert!(b
        .get("/account")
        .await
        .html()
        .text("main")
        .contains("Підтверджено"));
    let again = b.get(&link).await;
    assert_eq!(again.status, Status::BadRequest);
    assert!(again.html().text("main").contains("вже використано"));
    let bogus = b.get("/verify-email/not-a-real-token").await;
    assert!(bogus.html().text("main").contains("недійсне"));
}

#[rocket::async_test]
async fn verification_mail_is_in_the_recipients_language_and_expires() {
    let app = TestApp::new().await;
    register(&app, "john@example.org", "en").await;
    let mails = app.mails_to("john@example.org").await;
    assert_eq!(mails[0].subject, "Confirm your email address");
    assert_eq!(mails[0].lang, "en");
    let link = app.link_in_mail("john@example.org", "/verify-email/").await;
    app.clock
        .advance(chrono::Duration::days(3) + chrono::Duration::seconds(1));
    let res = app.browser().get(&link).await;
    assert_eq!(res.status, Status::BadRequest);
    assert!(res.html().text("main").contains("Строк дії"));
    // A new link can be sent from the account page; the old one stays dead.
    let b = app.browser();
    b.login("john@example.org", PASSWORD).await;
    assert_eq!(
        b.submit("/account/verify/resend", &[]).await.status,
        Status::SeeOther
    );
    let fresh = app.link_in_mail("john@example.org", "/verify-email/").await;
    assert_ne!(fresh, link);
    assert_eq!(b.get(&fresh).await.status, Status::SeeOther);
}

#[rocket::async_test]
async fn password_reset_by_mail_link() {
    let app = TestApp::new().await;
    let person = app.person("Reset Person", None);
    let other_session = app.browser();
    other_session.login(&person.email, PASSWORD).await;
    let b = app.browser();
    let res = b
        .submit(
            "/password/forgot",
            &[("email", &person.email.to_uppercase())],
        )
        .await;
    assert_eq!(res.location(), "/password/forgot/sent");
    let link = app.link_in_mail(&person.email, "/password/reset/").await;
    let form = b.get(&link).await;
    assert_eq!(form.status, Status::Ok);
    // A weak password is refused on the field; the link still works after.
    let res = b.submit(&link, &[("password", "123")]).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res.html().text("#password-error").contains("10"));
    let new_password = "нічний-потяг-до-Ворохти";
    let res = b.submit(&link, &[("password", new_password)]).await;
    assert_eq!((res.status, res.location()), (Status::SeeOther, "/login"));
    assert_eq!(
        other_session.get("/account").await.status,
        Status::SeeOther,
        "sessions ended"
    );
    b.login(&person.email, new_password).await;
    // Reused: refused, and the password is not changed again.
    let res = app
        .browser()
        .submit(&link, &[("password", "інший-довгий-пароль-зовсім")])
        .await;
    assert_eq!(res.status, Status::BadRequest);
    assert!(res.html().text("main").contains("вже використано"));
    app.browser().login(&person.email, new_password).await;
}

#[rocket::async_test]
async fn password_reset_link_expires_after_an_hour() {
    let app = TestApp::new().await;
    let person = app.person("Late Person", None);
    app.browser()
        .submit("/password/forgot", &[("email", &person.email)])
        .await;
    let link = app.link_in_mail(&person.email, "/password/reset/").await;
    app.clock.advance(chrono::Duration::minutes(61));
    let res = app.browser().get(&link).await;
    assert_eq!(res.status, Status::BadRequest);
    assert!(res.html().text("main").contains("Строк дії"));
    let res = app
        .browser()
        .submit(&link, &[("password", "нічний-потяг-до-Ворохти")])
        .await;
    assert_eq!(res.status, Status::BadRequest);
    app.browser().login(&person.email, PASSWORD).await;
}

#[rocket::async_test]
async fn reset_for_an_unknown_address_looks_the_same_and_sends_nothing() {
    let app = TestApp::new().await;
    let res = app
        .browser()
        .submit("/password/forgot", &[("email", "nobody@example.org")])
        .await;
    assert_eq!(res.location(), "/password/forgot/sent");
    assert!(app.mails_to("nobody@example.org").await.is_empty());
    let res = app
        .browser()
        .submit("/password/forgot", &[("email", "not an address")])
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert_eq!(
        res.html().attr("#email", "value").as_deref(),
        Some("not an address")
    );
}

#[rocket::async_test]
async fn account_mails_reach_the_file_transport() {
    let app = TestApp::new().await;
    register(&app, "eml@example.org", "uk").await;
    let outbox = app
        .client
        .rocket()
        .state::<konkurs::mail::Outbox>()
        .unwrap()
        .clone();
    assert_eq!(outbox.run_once(app.now()).await.unwrap(), 1);
    let dir = app.data_dir.path().join("mail");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("eml@example.org"));
}
