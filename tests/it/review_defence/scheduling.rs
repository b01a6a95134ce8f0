//! Scheduling checks (the form keeps the input) and who may schedule,
//! change and cancel a session.

use rocket::http::Status;

use super::*;
use crate::competitions_support::{self as cs, flash_after};

#[rocket::async_test]
async fn scheduling_is_checked_and_the_form_keeps_the_input() {
    let app = crate::applications_support::app().await;
    let fx = competition(&app, true, 2).await;
    let (p1, p2) = (&fx.admitted[0].proposal, &fx.admitted[1].proposal);
    let url = sessions_url(&fx.comp);
    let ok = |when: &str, place: &str, link: &str| session(when, place, link, &[(p1, "1")]);

    let past = post(&fx.ob, &url, &ok("2027-02-01T10:00", "Зала 1", "")).await;
    invalid(&past, "starts_at", "пізніше, ніж зараз");
    assert_eq!(
        past.html().attr("#place", "value").as_deref(),
        Some("Зала 1")
    );
    assert_eq!(
        past.html()
            .attr(&format!("#position-{p1}"), "value")
            .as_deref(),
        Some("1")
    );
    let missing = post(&fx.ob, &url, &ok("", "Зала 1", "")).await;
    invalid(&missing, "starts_at", "дату й час");
    let nowhere = post(&fx.ob, &url, &ok(FIRST, "  ", "")).await;
    invalid(&nowhere, "place", "місце");
    for bad in [
        "javascript:alert(1)",
        "meet.example.org/x",
        "ftp://example.org",
        "https://",
    ] {
        let res = post(&fx.ob, &url, &ok(FIRST, "Зала 1", bad)).await;
        invalid(&res, "online_url", "https://");
        assert_eq!(
            res.html().attr("#online_url", "value").as_deref(),
            Some(bad)
        );
    }
    let rejected = &fx.rejected.proposal;
    let res = post(
        &fx.ob,
        &url,
        &session(FIRST, "Зала 1", "", &[(rejected, "1")]),
    )
    .await;
    invalid(&res, "proposals", "лише допущені");
    let res = post(&fx.ob, &url, &session(FIRST, "Зала 1", "", &[])).await;
    invalid(&res, "proposals", "хоча б одну");
    let twice = session(FIRST, "Зала 1", "", &[(p1, "1"), (p2, "1")]);
    let res = post(&fx.ob, &url, &twice).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res.html().text(".error-summary").contains("Номер 1"));
    let res = post(&fx.ob, &url, &session(FIRST, "Зала 1", "", &[(p1, "x")])).await;
    invalid(&res, &format!("position-{p1}"), "цілим числом");
    assert!(
        session_ids(&app, &fx.comp).await.is_empty(),
        "nothing stored"
    );

    // Valid; positions are stored as 1..n in the typed order.
    let fields = session(
        FIRST,
        "Київ, Хрещатик 1, зала 2",
        "https://meet.example.org/defence",
        &[(p2, "3"), (p1, "7")],
    );
    let sid = schedule(&app, &fx, &fields).await;
    let page = fx.ob.get(&url).await;
    let order = page
        .html()
        .texts(&format!("#defence-{sid} .defence-slots li"));
    assert!(
        order[0].starts_with(&fx.admitted[1].number)
            && order[1].starts_with(&fx.admitted[0].number),
        "{order:?}"
    );
    // A proposal may be in one session only.
    let again = session("2027-02-21T10:00", "Зала 3", "", &[(p1, "1")]);
    let res = post(&fx.ob, &url, &again).await;
    invalid(&res, &format!("position-{p1}"), "вже є в засіданні");
    // Changing the session itself keeps its own proposals.
    let res = post(
        &fx.ob,
        &format!("{url}/{sid}"),
        &session("2027-02-20T12:00", "Зала 4", "", &[(p1, "1")]),
    )
    .await;
    assert!(flash_after(&fx.ob, &res).await.contains("змінено"));
    // Now p2 is free again.
    schedule(
        &app,
        &fx,
        &session("2027-02-21T10:00", "Зала 3", "", &[(p2, "1")]),
    )
    .await;
    let actions = cs::audit_actions(&app, &fx.comp).await;
    for a in ["defence.scheduled", "defence.changed"] {
        assert!(actions.contains(&a.to_string()), "{a}");
    }
}

#[rocket::async_test]
async fn who_may_schedule_change_and_cancel() {
    let app = crate::applications_support::app().await;
    let fx = competition(&app, true, 1).await;
    let p1 = &fx.admitted[0].proposal;
    let sid = schedule(&app, &fx, &session(FIRST, "Зала 1", "", &[(p1, "1")])).await;
    let url = sessions_url(&fx.comp);
    let (_, other) = app
        .signed_in(
            "Other Organizer",
            Some(konkurs::accounts::model::Role::Organizer),
        )
        .await;
    let applicant = &fx.admitted[0].browser;
    let anonymous = app.browser();
    let change = session("2027-02-22T10:00", "Захоплено", "", &[(p1, "1")]);
    for (who, b) in [
        ("anonymous", &anonymous),
        ("applicant", applicant),
        ("other organizer", &other),
    ] {
        for path in [
            url.clone(),
            format!("{url}/new"),
            format!("{url}/{sid}/edit"),
        ] {
            let res = b.get(&path).await;
            let to_login = res.status == Status::SeeOther && res.location().starts_with("/login");
            assert!(
                res.status == Status::Forbidden || to_login,
                "{who} GET {path}: {}",
                res.status
            );
        }
        for (path, fields) in [
            (url.clone(), change.clone()),
            (format!("{url}/{sid}"), change.clone()),
            (format!("{url}/{sid}/cancel"), vec![]),
        ] {
            let res = post(b, &path, &fields).await;
            let to_login = res.status == Status::SeeOther && res.location().starts_with("/login");
            assert!(
                res.status == Status::Forbidden || to_login,
                "{who} POST {path}: {}",
                res.status
            );
        }
    }
    assert_eq!(session_ids(&app, &fx.comp).await.len(), 1);
    let page = app
        .browser()
        .get(&format!("/competitions/{}", fx.comp))
        .await;
    assert!(!page.body.contains("Захоплено"));
    assert!(page.body.contains("Зала 1"));
    // The managing organizer may.
    for path in [
        url.clone(),
        format!("{url}/new"),
        format!("{url}/{sid}/edit"),
    ] {
        assert_eq!(fx.ob.get(&path).await.status, Status::Ok, "{path}");
    }
    let list = fx.ob.get(&url).await.html();
    assert_eq!(list.count(&format!("a[href='{url}/{sid}/edit']")), 1);
    assert_eq!(list.count(&format!("form[action='{url}/{sid}/cancel']")), 1);
    let edit = fx.ob.get(&format!("{url}/{sid}/edit")).await.html();
    assert_eq!(edit.attr("#starts_at", "value").as_deref(), Some(FIRST));
    assert_eq!(edit.attr("#place", "value").as_deref(), Some("Зала 1"));
    assert_eq!(
        edit.attr(&format!("#position-{p1}"), "value").as_deref(),
        Some("1")
    );
    assert_eq!(
        edit.attr("form[novalidate]", "action"),
        Some(format!("{url}/{sid}"))
    );
    let res = post(&fx.ob, &format!("{url}/{sid}"), &change).await;
    assert!(flash_after(&fx.ob, &res).await.contains("змінено"));
    let res = post(&fx.ob, &format!("{url}/{sid}/cancel"), &[]).await;
    assert!(flash_after(&fx.ob, &res).await.contains("скасовано"));
}
