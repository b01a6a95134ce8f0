//! The open defence: scheduling checks, who may schedule, publication on the
//! competition page and in the feed, notices to applicants, refusals when
//! the rules do not enable it or the state or time is wrong, and the second
//! round opening with the first session.

use rocket::http::Status;

use crate::competitions_support::{self as cs, flash_after};
use crate::review_defence_support::*;
use crate::support::{TestApp, TestResponse};
use konkurs::competitions::CompetitionId;

async fn round2(app: &TestApp, comp: &CompetitionId) -> bool {
    let (comp, now) = (comp.clone(), app.now());
    app.db()
        .run(move |c| konkurs::review::defence::second_round_open(c, &comp, now))
        .await
        .unwrap()
}

fn invalid(res: &TestResponse, field: &str, needle: &str) {
    assert_eq!(res.status, Status::UnprocessableEntity, "{}", res.body);
    let h = res.html();
    let summary = h.text(".error-summary");
    assert!(summary.contains(needle), "summary: {summary}");
    assert_eq!(
        h.attr(&format!(".error-summary a[href='#{field}']"), "href"),
        Some(format!("#{field}"))
    );
    assert!(
        h.count(&format!("#{field}-error")) == 1,
        "inline error on {field}"
    );
}

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
    let res = post(&fx.ob, &format!("{url}/{sid}"), &change).await;
    assert!(flash_after(&fx.ob, &res).await.contains("змінено"));
    let res = post(&fx.ob, &format!("{url}/{sid}/cancel"), &[]).await;
    assert!(flash_after(&fx.ob, &res).await.contains("скасовано"));
}

#[rocket::async_test]
async fn sessions_are_public_on_the_page_and_in_the_feed() {
    let app = crate::applications_support::app().await;
    let fx = competition(&app, true, 2).await;
    let (a1, a2) = (&fx.admitted[0], &fx.admitted[1]);
    let place = "Київ, вул. Хрещатик 36, зала засідань";
    let link = "https://meet.example.org/konkurs-defence";
    let fields = session(
        FIRST,
        place,
        link,
        &[(&a2.proposal, "1"), (&a1.proposal, "2")],
    );
    let sid = schedule(&app, &fx, &fields).await;
    let page = app
        .browser()
        .get(&format!("/competitions/{}", fx.comp))
        .await;
    let h = page.html();
    assert_eq!(h.text("#defence h2"), "Відкритий захист");
    let section = h.text(&format!("#defence-{sid}"));
    assert!(section.contains("20.02.2027 10:00"), "{section}");
    assert!(section.contains(place) && section.contains(link));
    assert_eq!(
        h.attr(&format!("#defence-{sid} a[href='{link}']"), "href")
            .as_deref(),
        Some(link)
    );
    let rows = h.texts(&format!("#defence-{sid} tbody tr"));
    assert!(
        rows[0].starts_with(&format!("1 {}", a2.number)) && rows[0].contains(&a2.title),
        "{rows:?}"
    );
    assert!(rows[0].contains("ГО «Світанок"), "{rows:?}");
    assert!(rows[1].starts_with(&format!("2 {}", a1.number)), "{rows:?}");
    assert!(!section.contains(&fx.rejected.number));
    let feed = app.browser().get("/feed.atom").await.body;
    assert!(
        feed.contains(&format!("/competitions/{}#defence-{sid}", fx.comp)),
        "{feed}"
    );
    assert!(feed.contains("Відкритий захист: Молодь у громадах 2027"));
    assert!(feed.contains("20.02.2027 10:00") && feed.contains(link));
    // Cancelled: still listed, marked, and the feed entry says so.
    app.clock.advance(chrono::Duration::minutes(5));
    post(
        &fx.ob,
        &format!("{}/{sid}/cancel", sessions_url(&fx.comp)),
        &[],
    )
    .await;
    let page = app
        .browser()
        .get(&format!("/competitions/{}", fx.comp))
        .await;
    assert!(page
        .html()
        .text(&format!("#defence-{sid} h3"))
        .contains("Скасовано"));
    assert_eq!(page.html().count(&format!("#defence-{sid} tbody tr")), 0);
    let feed = app.browser().get("/feed.atom").await.body;
    assert!(feed.contains("Засідання відкритого захисту скасовано: Молодь у громадах 2027"));
    assert_eq!(
        feed.matches(&format!("#defence-{sid}</id>")).count(),
        1,
        "one entry per session"
    );
}

#[rocket::async_test]
async fn applicants_are_notified_of_scheduling_changes_and_cancellation() {
    let app = crate::applications_support::app().await;
    let fx = competition(&app, true, 3).await;
    let [a1, a2, a3] = [&fx.admitted[0], &fx.admitted[1], &fx.admitted[2]];
    let subjects = |email: String| {
        let app = &app;
        async move {
            app.mails_to(&email)
                .await
                .into_iter()
                .map(|m| m.subject)
                .filter(|s| s.contains("захист"))
                .collect::<Vec<_>>()
        }
    };
    let fields = session(
        FIRST,
        "Зала 1",
        "https://meet.example.org/a",
        &[(&a1.proposal, "1"), (&a2.proposal, "2")],
    );
    let sid = schedule(&app, &fx, &fields).await;
    let url = format!("{}/{sid}", sessions_url(&fx.comp));
    let got = subjects(a1.person.email.clone()).await;
    assert_eq!(
        got,
        vec![format!(
            "Пропозиція {}: відкритий захист призначено",
            a1.number
        )]
    );
    let mail = app.mails_to(&a1.person.email).await.pop().unwrap();
    assert!(mail.body_text.contains("20.02.2027 10:00") && mail.body_text.contains("Зала 1"));
    assert!(mail.body_text.contains("https://meet.example.org/a"));
    assert!(mail
        .body_text
        .contains(&format!("/competitions/{}#defence", fx.comp)));
    assert_eq!(subjects(a2.person.email.clone()).await.len(), 1);
    assert!(
        subjects(a3.person.email.clone()).await.is_empty(),
        "not scheduled, not told"
    );
    assert!(subjects(fx.rejected.person.email.clone()).await.is_empty());
    // Moved: a1 stays (changed), a2 is taken out (removed), a3 comes in (scheduled).
    let moved = session(
        "2027-02-20T14:00",
        "Зала 2",
        "",
        &[(&a1.proposal, "1"), (&a3.proposal, "2")],
    );
    let res = post(&fx.ob, &url, &moved).await;
    assert!(flash_after(&fx.ob, &res).await.contains("змінено"));
    assert!(subjects(a1.person.email.clone()).await[1].contains("змінено"));
    let changed = app.mails_to(&a1.person.email).await.pop().unwrap();
    assert!(changed.body_text.contains("20.02.2027 14:00") && changed.body_text.contains("Зала 2"));
    assert!(subjects(a2.person.email.clone()).await[1].contains("вилучено"));
    assert!(subjects(a3.person.email.clone()).await[0].contains("призначено"));
    // Cancelled: everyone still in it is told.
    post(&fx.ob, &format!("{url}/cancel"), &[]).await;
    assert!(subjects(a1.person.email.clone()).await[2].contains("скасовано"));
    assert!(subjects(a3.person.email.clone()).await[1].contains("скасовано"));
    assert_eq!(subjects(a2.person.email.clone()).await.len(), 2);
    let actions = cs::audit_actions(&app, &fx.comp).await;
    assert!(actions.contains(&"defence.cancelled".to_string()));
    // A cancelled session cannot be changed.
    let res = post(&fx.ob, &url, &moved).await;
    assert!(flash_after(&fx.ob, &res).await.contains("скасовано"));
}

#[rocket::async_test]
async fn not_available_unless_the_rules_enable_it_nor_in_the_wrong_state() {
    let app = crate::applications_support::app().await;
    let fx = competition(&app, false, 1).await;
    let url = sessions_url(&fx.comp);
    assert_eq!(fx.ob.get(&url).await.status, Status::NotFound);
    assert_eq!(
        fx.ob.get(&format!("{url}/new")).await.status,
        Status::NotFound
    );
    let fields = session(FIRST, "Зала 1", "", &[(&fx.admitted[0].proposal, "1")]);
    assert_eq!(post(&fx.ob, &url, &fields).await.status, Status::NotFound);
    let manage = fx
        .ob
        .get(&format!("/organizer/competitions/{}", fx.comp))
        .await;
    assert!(!manage.body.contains(&url));
    let public = app
        .browser()
        .get(&format!("/competitions/{}", fx.comp))
        .await;
    assert_eq!(public.html().count("#defence"), 0);
    assert!(!round2(&app, &fx.comp).await);

    // Enabled, but the call is still open: refused with the reason.
    let (organizer, ob) = app
        .signed_in(
            "Second Organizer",
            Some(konkurs::accounts::model::Role::Organizer),
        )
        .await;
    let f = cs::with(&cs::complete_fields(), "open_defence", "true");
    let f = cs::with(&f, "opens_at", "2027-02-15T09:00");
    let f = cs::with(&f, "closes_at", "2027-03-10T18:00");
    let f = cs::with(&f, "review_from", "2027-03-11");
    let f = cs::with(&f, "review_until", "2027-03-20");
    let f = cs::with(&f, "results_on", "2027-03-25");
    let open = cs::create_draft(&ob, &f).await;
    cs::announce(&ob, &open).await;
    let _ = organizer;
    let url = sessions_url(&open);
    let page = ob.get(&url).await;
    assert_eq!(page.status, Status::Ok);
    assert!(page
        .body
        .contains("Другий тур оцінювання відкривається з початком першого засідання"));
    assert_eq!(page.html().count(&format!("a[href='{url}/new']")), 0);
    let res = post(&ob, &url, &session(FIRST, "Зала 1", "", &[])).await;
    assert!(flash_after(&ob, &res)
        .await
        .contains("лише під час перевірки допустимості"));
    let manage = ob.get(&format!("/organizer/competitions/{open}")).await;
    assert_eq!(
        manage.html().attr(&format!("a[href='{url}']"), "href"),
        Some(url.clone())
    );
}

#[rocket::async_test]
async fn the_second_round_opens_when_the_first_session_starts() {
    let app = crate::applications_support::app().await;
    let fx = competition(&app, true, 2).await;
    let (p1, p2) = (&fx.admitted[0].proposal, &fx.admitted[1].proposal);
    assert!(!round2(&app, &fx.comp).await, "no session yet");
    // An earlier session that is cancelled opens nothing.
    let early = schedule(
        &app,
        &fx,
        &session("2027-02-15T10:00", "Зала 0", "", &[(p1, "1")]),
    )
    .await;
    post(
        &fx.ob,
        &format!("{}/{early}/cancel", sessions_url(&fx.comp)),
        &[],
    )
    .await;
    let sid = schedule(&app, &fx, &session(FIRST, "Зала 1", "", &[(p1, "1")])).await;
    schedule(
        &app,
        &fx,
        &session("2027-02-25T10:00", "Зала 2", "", &[(p2, "1")]),
    )
    .await;
    app.clock.set(cs::utc("2027-02-16 08:00"));
    assert!(
        !round2(&app, &fx.comp).await,
        "the cancelled one does not count"
    );
    app.clock.set(first_utc() - chrono::Duration::seconds(1));
    assert!(!round2(&app, &fx.comp).await, "a second before the start");
    app.clock.set(first_utc());
    assert!(round2(&app, &fx.comp).await, "at the start");
    cs::relogin(&fx.ob, &fx.organizer).await;
    let page = fx.ob.get(&sessions_url(&fx.comp)).await;
    assert!(page.body.contains("другий тур оцінювання відкрито"));
    // A session that has started can be neither changed nor cancelled.
    let url = format!("{}/{sid}", sessions_url(&fx.comp));
    let res = post(
        &fx.ob,
        &url,
        &session("2027-03-01T10:00", "Зала 9", "", &[(p1, "1")]),
    )
    .await;
    assert!(flash_after(&fx.ob, &res).await.contains("вже почалося"));
    let res = post(&fx.ob, &format!("{url}/cancel"), &[]).await;
    assert!(flash_after(&fx.ob, &res).await.contains("вже почалося"));
    let res = fx.ob.get(&format!("{url}/edit")).await;
    assert!(flash_after(&fx.ob, &res).await.contains("вже почалося"));
}
