//! Registering an organization: validation, one profile per EDRPOU, joining.

use rocket::http::Status;

use super::{as_refs, create_org, profile, with};
use crate::support::people::PASSWORD;
use crate::support::TestApp;
use konkurs::organizations::MemberRole;

#[rocket::async_test]
async fn a_verified_user_registers_an_organization_and_owns_it() {
    let app = TestApp::new().await;
    let (olena, b) = app.signed_in("Olena Koval", None).await;
    let form = b.get("/organizations/new").await;
    assert_eq!(form.status, Status::Ok);
    assert_eq!(
        form.html().count("select#oblast option"),
        28,
        "27 regions and a prompt"
    );
    assert_eq!(form.html().count("select#legal_form option"), 9);
    assert_eq!(form.html().count("h1"), 1);
    assert_eq!(
        form.html().attr("#registered_on", "type").as_deref(),
        Some("date")
    );
    let id = create_org(&b, "00019442").await;
    let page = b.get(&format!("/organizations/{id}")).await;
    assert_eq!(page.status, Status::Ok);
    assert_eq!(page.html().count("h1"), 1);
    assert_eq!(
        page.html()
            .count("nav.breadcrumbs a[href='/organizations']"),
        1
    );
    let main = page.html().text("main");
    for expected in [
        "ГО «Світло»",
        "00019442",
        "Громадська організація",
        "14.03.2019",
        "Львівська область",
        "info@svitlo.org.ua",
        "Власник",
    ] {
        assert!(main.contains(expected), "{expected} in {main}");
    }
    assert_eq!(app.role_in(&id, &olena.id).await, Some(MemberRole::Owner));
    let org = app.org(&id).await;
    assert_eq!(
        (org.oblast.as_str(), org.legal_form.as_str()),
        ("UA-46", "public_organization")
    );
    let mine = b.get("/organizations").await;
    assert!(mine.html().text("main table").contains("ГО «Світло»"));
    assert!(
        b.get("/")
            .await
            .html()
            .count("nav a[href='/organizations']")
            == 1
    );
    let actions: Vec<_> = app
        .org_audit(&id)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, vec!["organization.created"]);
}

#[rocket::async_test]
async fn each_invalid_field_is_refused_with_its_message_and_the_input_is_kept() {
    let app = TestApp::new().await;
    let (_, b) = app.signed_in("Taras Bondar", None).await;
    let tomorrow = (konkurs::organizations::forms::kyiv_today(app.now())
        + chrono::Duration::days(1))
    .to_string();
    let cases: Vec<(&str, &str, &str)> = vec![
        ("edrpou", "", "Введіть код ЄДРПОУ"),
        ("edrpou", "32855968", "контрольної цифри"),
        ("edrpou", "3285596a", "лише з цифр"),
        ("edrpou", "1944", "введено 4"),
        ("full_name", "   ", "повну назву"),
        ("legal_form", "", "Оберіть організаційно-правову"),
        ("legal_form", "llc", "зі списку"),
        ("registered_on", "", "дату державної реєстрації"),
        ("registered_on", "2019-02-30", "РРРР-ММ-ДД"),
        ("registered_on", &tomorrow, "в майбутньому"),
        ("oblast", "UA-99", "область зі списку"),
        ("address", "", "адресу організації"),
        ("email", "info@svitlo", "правильному форматі"),
        ("phone", "12-34", "від 10 до 15 цифр"),
        ("website", "svitlo.org.ua", "https://"),
        ("website", "https://svitlo", "правильному форматі"),
    ];
    let base = profile("32855961");
    for (field, value, message) in cases {
        let fields = with(&base, &[(field, value)]);
        let res = b.submit("/organizations", &as_refs(&fields)).await;
        assert_eq!(res.status, Status::UnprocessableEntity, "{field}={value}");
        let html = res.html();
        assert!(
            html.text(&format!("#{field}-error")).contains(message),
            "{field}={value}: {}",
            html.text(&format!("#{field}-error"))
        );
        assert_eq!(html.count(&format!(".error-summary a[href='#{field}']")), 1);
        assert_eq!(html.count(".error-summary li"), 1, "only {field} is wrong");
        // What was typed comes back: text inputs and the chosen options.
        let kept = |f: &str| html.attr(&format!("#{f}"), "value");
        if !["legal_form", "oblast"].contains(&field) {
            let typed = Some(value.to_string()).filter(|v| !v.is_empty());
            assert_eq!(kept(field), typed, "{field} kept");
        }
        if field != "full_name" {
            assert_eq!(kept("full_name").as_deref(), Some(base[1].1.as_str()));
        }
        if field != "oblast" {
            let chosen = html.attr("#oblast option[selected]", "value");
            assert_eq!(chosen.as_deref(), Some("UA-46"));
        }
        if field != "legal_form" {
            let chosen = html.attr("#legal_form option[selected]", "value");
            assert_eq!(chosen.as_deref(), Some("public_organization"));
        }
    }
    assert_eq!(app.org_count().await, 0, "nothing was created");
    // The same messages exist in English.
    b.get("/?lang=en").await;
    let fields = with(&base, &[("edrpou", "32855968")]);
    let res = b.submit("/organizations", &as_refs(&fields)).await;
    assert!(res.html().text("#edrpou-error").contains("check-digit"));
}

#[rocket::async_test]
async fn unverified_users_are_refused_with_the_verify_message() {
    let app = TestApp::new().await;
    let b = app.browser();
    let email = "new.person@example.org";
    let res = b
        .submit(
            "/register",
            &[
                ("name", "New Person"),
                ("email", email),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther);
    b.login(email, PASSWORD).await;
    let res = b.get("/organizations/new").await;
    assert_eq!(res.status, Status::Forbidden);
    assert!(res
        .html()
        .text("main")
        .contains("Спершу підтвердьте адресу"));
    let fields = profile("32855961");
    let res = b.submit("/organizations", &as_refs(&fields)).await;
    assert_eq!(res.status, Status::Forbidden);
    assert!(res
        .html()
        .text("main")
        .contains("Спершу підтвердьте адресу"));
    assert_eq!(app.org_count().await, 0);
    let mine = b.get("/organizations").await;
    assert_eq!(mine.status, Status::Ok);
    assert_eq!(mine.html().count("a[href='/organizations/new']"), 0);
}

#[rocket::async_test]
async fn a_second_claim_on_an_edrpou_names_whom_to_ask_and_creates_nothing() {
    let app = TestApp::new().await;
    let (owner, a) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&a, "05528906").await;
    let (_, b) = app.signed_in("Petro Shevchenko", None).await;
    let fields = with(&profile("05528906"), &[("full_name", "Інша назва")]);
    let res = b.submit("/organizations", &as_refs(&fields)).await;
    assert_eq!(res.status, Status::Conflict);
    let html = res.html();
    assert!(html.text("#edrpou-error").contains("вже зареєстровано"));
    let panel = html.text("#taken");
    assert!(panel.contains("Iryna Melnyk"), "{panel}");
    assert!(
        panel.contains("info@svitlo.org.ua"),
        "the organization's contact"
    );
    assert!(
        !res.body.contains(&owner.email),
        "never the owner's own e-mail"
    );
    assert_eq!(
        html.attr("#full_name", "value").as_deref(),
        Some("Інша назва")
    );
    assert_eq!(
        html.attr("#taken form", "action"),
        Some(format!("/organizations/{id}/join"))
    );
    assert_eq!(app.org_count().await, 1, "nothing created");
    // The owner, trying again, is pointed to their own organization.
    let res = a.submit("/organizations", &as_refs(&fields)).await;
    assert!(res.html().text("#edrpou-error").contains("Ви вже належите"));
    assert_eq!(
        res.html().attr("#taken a.button", "href"),
        Some(format!("/organizations/{id}"))
    );
}

#[rocket::async_test]
async fn a_request_to_join_mails_the_owners_who_can_invite_from_it() {
    let app = TestApp::new().await;
    let (owner, a) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&a, "05528906").await;
    let (asker, b) = app.signed_in("Petro Shevchenko", None).await;
    let join = format!("/organizations/{id}/join");
    let res = b
        .submit(&join, &[("message", "Я бухгалтер організації.")])
        .await;
    assert_eq!(res.status, Status::SeeOther);
    let mails = app.mails_to(&owner.email).await;
    let mail = mails.last().expect("the owner is told");
    assert!(mail.body_text.contains("Petro Shevchenko"));
    assert!(mail.body_text.contains(&asker.email));
    assert!(mail.body_text.contains("Я бухгалтер організації."));
    assert!(mail.body_text.contains(&format!("/organizations/{id}")));
    // Asking again within a week sends nothing more.
    let res = b.submit(&join, &[("message", "")]).await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(app.mails_to(&owner.email).await.len(), mails.len());
    // The owner sees the request and invites from it.
    let page = a.get(&format!("/organizations/{id}")).await;
    assert!(page
        .html()
        .text("tr.join-request")
        .contains("Petro Shevchenko"));
    let res = a
        .submit(
            &format!("/organizations/{id}/invitations"),
            &[("email", &asker.email)],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther);
    let link = app
        .link_in_mail(&asker.email, "/organizations/invitations/")
        .await;
    assert_eq!(b.submit(&link, &[]).await.status, Status::SeeOther);
    assert_eq!(app.role_in(&id, &asker.id).await, Some(MemberRole::Member));
    let page = a.get(&format!("/organizations/{id}")).await;
    assert_eq!(
        page.html().count("tr.join-request"),
        0,
        "answered by joining"
    );
    let actions: Vec<_> = app
        .org_audit(&id)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"organization.join_requested".to_string()));
    // A too-long message is shown again, not lost.
    let (_, c) = app.signed_in("Long Writer", None).await;
    let long = "я".repeat(1001);
    let res = c.submit(&join, &[("message", &long)]).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert_eq!(res.html().text("#message"), long);
}
