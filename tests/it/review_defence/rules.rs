//! Refusals (rules without open defence, wrong state, a started session)
//! and the second round opening with the first session.

use rocket::http::Status;

use super::*;
use crate::competitions_support::{self as cs, flash_after};

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
