//! Sessions on the public competition page and in the Atom feed, and the
//! notices applicants get.

use super::*;
use crate::competitions_support::{self as cs, flash_after};

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
