//! Who may do what: anonymous visitors and plain users may not create, edit,
//! announce, amend or move a competition; another organizer may not touch
//! someone else's; admins may. A refusal is a 403 or a redirect to sign in,
//! and nothing changes.

use rocket::http::Status;

use crate::competitions_support::*;
use crate::support::{Browser, TestApp, TestResponse};
use konkurs::accounts::model::Role;
use konkurs::competitions::{model, CompetitionId, State};

/// Everything about a competition that a refused request must not change.
async fn snapshot(app: &TestApp, id: &CompetitionId) -> String {
    let c = load(app, id).await;
    let texts = stored_texts(app, id).await;
    let key = id.clone();
    let amendments = app
        .db()
        .run(move |c| Ok(model::amendments(c, &key)?.len()))
        .await
        .unwrap();
    format!(
        "{:?} {:?} {:?} {:?} {:?} {texts:?} {amendments}",
        c.state, c.updated_at, c.closes_at, c.fund_kopiyky, c.title_uk
    )
}

fn refused(res: &TestResponse, who: &str, what: &str) {
    let to_login = res.status == Status::SeeOther && res.location().starts_with("/login");
    assert!(
        res.status == Status::Forbidden || to_login,
        "{who} {what}: {} {}",
        res.status,
        res.location()
    );
}

/// A complete draft that can still be announced after the live one closes.
fn later() -> Vec<(String, String)> {
    let f = with(&complete_fields(), "closes_at", "2027-05-10T18:00");
    let f = with(&f, "review_from", "2027-05-11");
    let f = with(&f, "review_until", "2027-06-01");
    with(&f, "results_on", "2027-06-10")
}

/// The state-changing requests, on a draft and on a live competition.
fn posts(draft: &CompetitionId, live: &CompetitionId) -> Vec<(String, Vec<(String, String)>)> {
    let one = |k: &str, v: &str| vec![(k.to_string(), v.to_string())];
    let edit = with(&later(), "title_uk", "Захоплено");
    let mut out = vec![
        (format!("/organizer/competitions/{draft}/edit"), edit),
        (format!("/organizer/competitions/{draft}/announce"), vec![]),
        (
            format!("/organizer/competitions/{live}/amendments"),
            vec![
                ("kind".into(), "increase_fund".into()),
                ("new_fund".into(), "9 000 000".into()),
                ("reason".into(), "x".into()),
            ],
        ),
        (
            format!("/organizer/competitions/{live}/cancel"),
            one("reason", "x"),
        ),
        (
            format!("/organizer/competitions/{draft}/cancel"),
            one("reason", "x"),
        ),
    ];
    for step in [
        "admissibility",
        "review",
        "deliberation",
        "publish",
        "close",
    ] {
        out.push((
            format!("/organizer/competitions/{live}/steps/{step}"),
            vec![],
        ));
    }
    out
}

fn pages(draft: &CompetitionId, live: &CompetitionId) -> Vec<String> {
    vec![
        format!("/organizer/competitions/{live}"),
        format!("/organizer/competitions/{draft}/edit"),
        format!("/organizer/competitions/{live}/amend/extend_deadline"),
        format!("/organizer/competitions/{live}/cancel"),
    ]
}

async fn try_all(
    app: &TestApp,
    b: &Browser<'_>,
    who: &str,
    draft: &CompetitionId,
    live: &CompetitionId,
) {
    let before = (snapshot(app, draft).await, snapshot(app, live).await);
    for path in pages(draft, live) {
        refused(&b.get(&path).await, who, &path);
    }
    for (path, fields) in posts(draft, live) {
        refused(&b.submit(&path, &as_refs(&fields)).await, who, &path);
    }
    let after = (snapshot(app, draft).await, snapshot(app, live).await);
    assert_eq!(before, after, "{who} changed nothing");
}

#[rocket::async_test]
async fn only_the_owner_and_admins_manage_a_competition() {
    let app = app().await;
    let (owner, ob, live) = announced(&app).await;
    let draft = create_draft(&ob, &later()).await;
    // After the deadline of the live one, so every step is possible for someone allowed.
    app.clock.set(utc("2027-02-11 08:00"));
    relogin(&ob, &owner).await;

    let anonymous = app.browser();
    anonymous.get("/").await;
    let (_, user) = app.signed_in("Plain User", None).await;
    let (_, other) = app
        .signed_in("Other Organizer", Some(Role::Organizer))
        .await;
    try_all(&app, &anonymous, "anonymous", &draft, &live).await;
    try_all(&app, &user, "a plain user", &draft, &live).await;
    try_all(&app, &other, "another organizer", &draft, &live).await;

    // Creating: not for anonymous visitors or plain users.
    for (who, b) in [("anonymous", &anonymous), ("a plain user", &user)] {
        refused(&b.get("/organizer/competitions").await, who, "dashboard");
        refused(&b.get("/organizer/competitions/new").await, who, "new");
        refused(
            &b.submit("/organizer/competitions", &as_refs(&complete_fields()))
                .await,
            who,
            "create",
        );
    }
    let all = app
        .db()
        .run(|c| Ok(model::list_managed(c, None)?))
        .await
        .unwrap();
    assert_eq!(all.len(), 2, "nothing created");
    // Another organizer's dashboard does not list the owner's competitions.
    let dash = other.get("/organizer/competitions").await;
    assert_eq!(dash.status, Status::Ok);
    assert!(!dash.body.contains(&live.to_string()));

    // An admin may do all of it.
    let (_, admin) = app.signed_in("Admin", Some(Role::Admin)).await;
    for path in pages(&draft, &live) {
        assert_eq!(admin.get(&path).await.status, Status::Ok, "{path}");
    }
    assert!(admin
        .get("/organizer/competitions")
        .await
        .body
        .contains(&live.to_string()));
    for (path, fields) in posts(&draft, &live).into_iter().take(3) {
        let res = admin.submit(&path, &as_refs(&fields)).await;
        assert_eq!(res.status, Status::SeeOther, "{path}: {}", res.body);
    }
    let d = load(&app, &draft).await;
    assert_eq!(
        (d.state, d.title_uk.as_str()),
        (State::Announced, "Захоплено")
    );
    assert_eq!(load(&app, &live).await.fund_kopiyky, Some(900_000_000));
    admin
        .submit(
            &format!("/organizer/competitions/{live}/steps/admissibility"),
            &[],
        )
        .await;
    assert_eq!(load(&app, &live).await.state, State::Admissibility);
    // The owner still may, too (the review needs a ready juror).
    let juror = crate::review_support::accepted_juror(&app, &ob, &live, "Jurii", "member").await;
    crate::review_support::confirm(&juror.browser, &live).await;
    ob.submit(&format!("/organizer/competitions/{live}/steps/review"), &[])
        .await;
    assert_eq!(load(&app, &live).await.state, State::Review);
}

#[rocket::async_test]
async fn an_unverified_organizer_is_sent_to_verify_first() {
    let app = app().await;
    // A person who registered (unverified) and was then made an organizer.
    let b = app.browser();
    let fields = [
        ("name", "Nadiia New"),
        ("email", "nadiia@example.org"),
        ("password", crate::support::people::PASSWORD),
    ];
    assert_eq!(
        b.submit("/register", &fields).await.status,
        Status::SeeOther
    );
    let id = app
        .db()
        .run(|c| {
            Ok(
                konkurs::accounts::model::find_by_email(c, "nadiia@example.org")?
                    .unwrap()
                    .id,
            )
        })
        .await
        .unwrap();
    let now = app.now();
    app.db()
        .write(move |c| {
            konkurs::accounts::model::grant_role(c, &id, Role::Organizer, None, now)
                .map_err(Into::into)
        })
        .await
        .unwrap();
    b.login("nadiia@example.org", crate::support::people::PASSWORD)
        .await;
    assert_eq!(
        b.get("/organizer/competitions").await.status,
        Status::Forbidden
    );
    refused(
        &b.submit("/organizer/competitions", &as_refs(&complete_fields()))
            .await,
        "unverified",
        "create",
    );
}
