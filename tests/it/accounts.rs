//! Accounts: registration, sign-in, throttling, CSRF, sessions, roles, CLI.

use rocket::http::Status;

use crate::support::people::PASSWORD;
use crate::support::TestApp;
use konkurs::accounts::model::Role;

#[rocket::async_test]
async fn registration_errors_keep_the_input_and_link_to_fields() {
    let app = TestApp::new().await;
    let b = app.browser();
    let res = b
        .submit(
            "/register",
            &[("name", ""), ("email", "olena@"), ("password", "qwerty")],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    let links: Vec<_> = ["name", "email", "password"]
        .iter()
        .map(|f| html.count(&format!(".error-summary a[href='#{f}']")))
        .collect();
    assert_eq!(links, vec![1, 1, 1], "summary links to each field");
    assert_eq!(
        html.attr("#email", "value").as_deref(),
        Some("olena@"),
        "typed e-mail kept"
    );
    assert_eq!(
        html.attr("#password", "value"),
        None,
        "password never echoed"
    );
    assert!(html.text("#password-error").contains("10"));
    assert_eq!(html.attr("#email", "aria-invalid").as_deref(), Some("true"));
}

#[rocket::async_test]
async fn register_then_sign_in_and_out() {
    let app = TestApp::new().await;
    let b = app.browser();
    let fields = [
        ("name", "Олена Коваленко"),
        ("email", "Olena@Example.org "),
        ("password", PASSWORD),
    ];
    let res = b.submit("/register", &fields).await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    assert_eq!(res.location(), "/register/check-email");
    // The same address again (any case) is refused on the field.
    let again = b
        .submit(
            "/register",
            &[
                ("name", "X"),
                ("email", "olena@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(again.status, Status::UnprocessableEntity);
    assert!(again.html().text("#email-error").contains("вже існує"));

    b.login("olena@example.org", PASSWORD).await;
    let account = b.get("/account").await;
    assert_eq!(account.status, Status::Ok);
    assert!(account.body.contains("Олена Коваленко"));
    assert!(account.html().text("main").contains("Не підтверджено"));
    let res = b.logout().await;
    assert_eq!(res.status, Status::SeeOther);
    let res = b.get("/account").await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(res.location(), "/login?next=%2Faccount");
}

#[rocket::async_test]
async fn wrong_password_is_refused_without_a_session() {
    let app = TestApp::new().await;
    let person = app.person("Taras Melnyk", None);
    let b = app.browser();
    let res = b
        .submit(
            "/login",
            &[
                ("email", &person.email),
                ("password", "not the password at all"),
            ],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res
        .html()
        .text(".error-summary")
        .contains("Неправильна адреса"));
    assert_eq!(
        res.html().attr("#email", "value").as_deref(),
        Some(person.email.as_str())
    );
    assert!(!b.has_cookie("session"));
    assert_eq!(b.get("/account").await.status, Status::SeeOther);
}

#[rocket::async_test]
async fn login_is_throttled_per_account_and_released_after_the_window() {
    let app = TestApp::new().await;
    let person = app.person("Iryna Bondar", None);
    let b = app.browser();
    for _ in 0..konkurs::auth::throttle::MAX_PER_ACCOUNT {
        let res = b
            .submit(
                "/login",
                &[
                    ("email", &person.email),
                    ("password", "wrong password here"),
                ],
            )
            .await;
        assert_eq!(res.status, Status::UnprocessableEntity);
    }
    // Now even the right password waits, and the page says until when.
    let res = b
        .submit(
            "/login",
            &[("email", &person.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, Status::TooManyRequests);
    assert!(res
        .html()
        .text(".error-summary")
        .contains("за київським часом"));
    assert!(!b.has_cookie("session"));
    // Another account from the same address is not affected.
    let other = app.person("Petro Shevchenko", None);
    b.login(&other.email, PASSWORD).await;
    app.clock
        .advance(konkurs::auth::throttle::WINDOW + chrono::Duration::seconds(1));
    app.browser().login(&person.email, PASSWORD).await;
}

#[rocket::async_test]
async fn forms_without_a_valid_csrf_token_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let (_, b) = app.signed_in("Oksana Lysenko", None).await;
    for token in [None, Some("forged-token")] {
        let mut fields = vec![];
        if let Some(t) = token {
            fields.push(("csrf_token", t));
        }
        let res = b.post_raw("/logout", &fields).await;
        assert_eq!(res.status, Status::Forbidden, "{token:?}");
        assert!(res.html().text("main").contains("Форма застаріла"));
        assert_eq!(
            b.get("/account").await.status,
            Status::Ok,
            "still signed in"
        );
    }
    // A token from another browser does not work either.
    let other = app.browser();
    let foreign = other.csrf().await;
    let fields = [
        ("csrf_token", foreign.as_str()),
        ("name", "Mallory"),
        ("email", "m@example.org"),
        ("password", PASSWORD),
    ];
    let res = app.browser().post_raw("/register", &fields).await;
    assert_eq!(res.status, Status::Forbidden);
    let taken = app
        .db()
        .run(|c| Ok(konkurs::accounts::model::email_taken(c, "m@example.org")?))
        .await
        .unwrap();
    assert!(!taken, "nothing was created");
}

#[rocket::async_test]
async fn password_change_ends_other_sessions() {
    let app = TestApp::new().await;
    let person = app.person("Andrii Tkachenko", None);
    let (a, b) = (app.browser(), app.browser());
    a.login(&person.email, PASSWORD).await;
    b.login(&person.email, PASSWORD).await;
    let new_password = "золотий-каштан-біля-ратуші";
    let res = a
        .submit(
            "/account/password",
            &[
                ("current_password", "wrong one, sorry"),
                ("new_password", new_password),
            ],
        )
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res
        .html()
        .text("#current_password-error")
        .contains("неправильний"));
    let res = a
        .submit(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
            ],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    assert_eq!(
        a.get("/account").await.status,
        Status::Ok,
        "this browser stays signed in"
    );
    assert_eq!(
        b.get("/account").await.status,
        Status::SeeOther,
        "the other session was revoked"
    );
    let c = app.browser();
    let res = c
        .submit(
            "/login",
            &[("email", &person.email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        res.status,
        Status::UnprocessableEntity,
        "old password no longer works"
    );
    c.login(&person.email, new_password).await;
}

#[rocket::async_test]
async fn role_guards_on_admin_pages() {
    let app = TestApp::new().await;
    let anonymous = app.browser();
    let (user, as_user) = app.signed_in("Plain User", None).await;
    let (_, as_organizer) = app.signed_in("Org User", Some(Role::Organizer)).await;
    let (admin, as_admin) = app.signed_in("Admin User", Some(Role::Admin)).await;
    let page = format!("/admin/users/{}", user.id);
    for path in ["/admin/users", page.as_str()] {
        let res = anonymous.get(path).await;
        assert_eq!(res.status, Status::SeeOther, "{path}");
        assert!(res.location().starts_with("/login?next="), "{path}");
        assert_eq!(as_user.get(path).await.status, Status::Forbidden, "{path}");
        assert_eq!(
            as_organizer.get(path).await.status,
            Status::Forbidden,
            "{path}"
        );
        assert_eq!(as_admin.get(path).await.status, Status::Ok, "{path}");
    }
    // Only an admin can grant a role, and it takes effect.
    let grant = format!("/admin/users/{}/roles", user.id);
    let fields = [("role", "organizer"), ("grant", "true")];
    assert_eq!(
        as_user.submit(&grant, &fields).await.status,
        Status::Forbidden
    );
    assert_eq!(
        as_organizer.submit(&grant, &fields).await.status,
        Status::Forbidden
    );
    assert!(!as_user.get("/account").await.body.contains("Організатор"));
    assert_eq!(
        as_admin.submit(&grant, &fields).await.status,
        Status::SeeOther
    );
    assert!(as_user
        .get("/account")
        .await
        .html()
        .text("main")
        .contains("Організатор"));
    // The last admin keeps the role.
    let own = format!("/admin/users/{}/roles", admin.id);
    let res = as_admin
        .submit(&own, &[("role", "admin"), ("grant", "false")])
        .await;
    assert_eq!(res.status, Status::Conflict);
    assert_eq!(as_admin.get("/admin/users").await.status, Status::Ok);
}

#[rocket::async_test]
async fn next_after_login_goes_back_but_never_off_site() {
    let app = TestApp::new().await;
    let person = app.person("Next Tester", Some(Role::Admin));
    let b = app.browser();
    let res = b
        .submit(
            "/login",
            &[
                ("email", &person.email),
                ("password", PASSWORD),
                ("next", "/admin/users"),
            ],
        )
        .await;
    assert_eq!(res.location(), "/admin/users");
    let b = app.browser();
    let res = b
        .submit(
            "/login",
            &[
                ("email", &person.email),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(res.location(), "/account");
}

#[rocket::async_test]
async fn cli_user_add_creates_an_organizer_who_can_sign_in() {
    let app = TestApp::new().await;
    let run = |args: &[&str], stdin: Option<&str>| {
        use std::io::Write;
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_konkurs"));
        cmd.args(args)
            .env("ROCKET_DATABASE_URL", app.database_url())
            .env("ROCKET_DATA_DIR", app.data_dir.path())
            .env("KONKURS_LOG", "error")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("konkurs runs");
        if let Some(input) = stdin {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        }
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (code, out) = run(
        &[
            "user",
            "add",
            "--email",
            "org@mincult.gov.ua",
            "--name",
            "Мінкульт",
            "--role",
            "organizer",
            "--password-stdin",
        ],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains(PASSWORD), "a given password is not printed");
    let b = app.browser();
    b.login("org@mincult.gov.ua", PASSWORD).await;
    assert!(b
        .get("/account")
        .await
        .html()
        .text("main")
        .contains("Організатор"));
    // Generated password: printed once, and it works.
    let (code, out) = run(
        &[
            "user",
            "add",
            "--email",
            "admin@konkurs.gov.ua",
            "--name",
            "Admin",
            "--role",
            "admin",
        ],
        None,
    );
    assert_eq!(code, Some(0), "{out}");
    let generated = out
        .lines()
        .find_map(|l| l.strip_prefix("password (shown once): "))
        .expect("password printed")
        .trim()
        .to_string();
    app.browser()
        .login("admin@konkurs.gov.ua", &generated)
        .await;
    // A duplicate or a weak password is refused with a message.
    let (code, out) = run(
        &[
            "user",
            "add",
            "--email",
            "org@mincult.gov.ua",
            "--name",
            "X",
            "--password-stdin",
        ],
        Some("long enough password 123\n"),
    );
    assert_ne!(code, Some(0));
    assert!(out.contains("already exists"), "{out}");
    let (code, out) = run(
        &[
            "user",
            "add",
            "--email",
            "weak@example.org",
            "--name",
            "X",
            "--password-stdin",
        ],
        Some("12345\n"),
    );
    assert_ne!(code, Some(0));
    assert!(out.contains("password"), "{out}");
}

#[rocket::async_test]
async fn account_events_are_audited_and_the_chain_verifies() {
    let app = TestApp::new().await;
    let (admin, as_admin) = app.signed_in("Audit Admin", Some(Role::Admin)).await;
    let b = app.browser();
    b.submit(
        "/register",
        &[
            ("name", "Audited Person"),
            ("email", "audited@example.org"),
            ("password", PASSWORD),
        ],
    )
    .await;
    let user = app
        .db()
        .run(|c| {
            Ok(konkurs::accounts::model::find_by_email(
                c,
                "audited@example.org",
            )?)
        })
        .await
        .unwrap()
        .unwrap();
    let res = as_admin
        .submit(
            &format!("/admin/users/{}/roles", user.id),
            &[("role", "organizer"), ("grant", "true")],
        )
        .await;
    assert!(
        res.location().starts_with("/admin/users/"),
        "{}",
        res.location()
    );
    b.login("audited@example.org", PASSWORD).await;
    b.submit(
        "/account/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "вишневий-сад-коло-хати"),
        ],
    )
    .await;
    app.clock.advance(chrono::Duration::seconds(1));
    for _ in 0..=konkurs::auth::throttle::MAX_PER_ACCOUNT {
        app.browser()
            .submit(
                "/login",
                &[
                    ("email", "audited@example.org"),
                    ("password", "wrong wrong wrong"),
                ],
            )
            .await;
    }
    let filter = konkurs::audit::ListFilter {
        competition_id: None,
        before_seq: None,
        limit: 100,
    };
    let entries = app
        .db()
        .run(move |c| konkurs::audit::list(c, &filter))
        .await
        .unwrap();
    let actions: Vec<_> = entries.iter().rev().map(|e| e.action.as_str()).collect();
    for expected in [
        "account.created_by_cli",
        "account.registered",
        "account.role_granted",
        "account.password_changed",
        "account.login_throttled",
    ] {
        assert!(
            actions.contains(&expected),
            "{expected} missing from {actions:?}"
        );
    }
    let grant = entries
        .iter()
        .find(|e| {
            e.action == "account.role_granted" && e.subject_id.as_deref() == Some(user.id.as_str())
        })
        .unwrap();
    assert_eq!(
        grant.actor_id.as_ref(),
        Some(&admin.id),
        "the granting admin is the actor"
    );
    let report = app.db().run(|c| konkurs::audit::verify(c)).await.unwrap();
    assert!(
        matches!(report, konkurs::audit::VerifyReport::Ok { .. }),
        "{report:?}"
    );
}
