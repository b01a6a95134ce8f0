//! Kyiv time across daylight-saving changes: a deadline typed as 23:59 on a
//! change day means 23:59 in Kyiv that day, stored as the right UTC instant,
//! shown back as 23:59 and enforced at that instant.

use rocket::http::Status;

use crate::competitions_support::*;
use konkurs::accounts::model::Role;
use konkurs::competitions::State;

fn fields_closing(closes: &str, review_from: &str) -> Vec<(String, String)> {
    let f = with(&complete_fields(), "closes_at", closes);
    let f = with(&f, "review_from", review_from);
    let f = with(&f, "review_until", "2027-11-30");
    with(&f, "results_on", "2027-12-10")
}

#[rocket::async_test]
async fn deadlines_on_both_change_days_round_trip() {
    let app = app().await;
    let (org, b) = app.signed_in("Oksana Org", Some(Role::Organizer)).await;
    for (typed, utc_instant, offset, shown) in [
        // Summer time starts at 03:00 on 28.03.2027: 23:59 is UTC+3.
        (
            "2027-03-28T23:59",
            "2027-03-28 20:59",
            "2027-03-28T23:59:00+03:00",
            "28.03.2027 23:59",
        ),
        // Winter time starts at 04:00 on 31.10.2027: 23:59 is UTC+2.
        (
            "2027-10-31T23:59",
            "2027-10-31 21:59",
            "2027-10-31T23:59:00+02:00",
            "31.10.2027 23:59",
        ),
    ] {
        let id = create_draft(&b, &fields_closing(typed, "2027-11-01")).await;
        assert_eq!(
            load(&app, &id).await.closes_at,
            Some(utc(utc_instant)),
            "{typed}"
        );
        let edit = b
            .get(&format!("/organizer/competitions/{id}/edit"))
            .await
            .html();
        assert_eq!(edit.attr("#closes_at", "value").as_deref(), Some(typed));
        announce(&b, &id).await;
        let page = app
            .browser()
            .get(&format!("/competitions/{id}"))
            .await
            .html();
        assert!(
            page.text("dl.summary").contains(shown),
            "{}",
            page.text("dl.summary")
        );
        assert_eq!(
            page.attr("dl.summary strong time", "datetime").as_deref(),
            Some(offset)
        );
        let api = app
            .browser()
            .get(&format!("/api/v1/competitions/{id}"))
            .await
            .json();
        assert_eq!(api["closes_at"], offset);
        assert_eq!(api["rules"]["deadlines"]["closes_at"], offset);
    }
    // The instant is what is enforced: one second before 23:59 Kyiv on the
    // spring change day the call is still open.
    let spring = create_draft(&b, &fields_closing("2027-03-28T23:59", "2027-03-29")).await;
    announce(&b, &spring).await;
    app.clock
        .set(utc("2027-03-28 20:59") - chrono::Duration::seconds(1));
    relogin(&b, &org).await;
    let go = format!("/organizer/competitions/{spring}/steps/admissibility");
    b.submit(&go, &[]).await;
    assert_eq!(load(&app, &spring).await.state, State::Announced);
    app.clock.set(utc("2027-03-28 20:59"));
    b.submit(&go, &[]).await;
    assert_eq!(load(&app, &spring).await.state, State::Admissibility);
}

#[rocket::async_test]
async fn times_the_kyiv_clock_skips_or_repeats_are_refused_clearly() {
    let app = app().await;
    let (_, b) = app.signed_in("Oksana Org", Some(Role::Organizer)).await;
    for (typed, message) in [
        ("2027-03-28T03:30", "Такого часу в Києві цього дня немає"),
        ("2027-10-31T03:30", "настає двічі"),
    ] {
        let res = b
            .submit(
                "/organizer/competitions",
                &as_refs(&fields_closing(typed, "2027-11-01")),
            )
            .await;
        assert_eq!(res.status, Status::UnprocessableEntity, "{typed}");
        let html = res.html();
        assert!(
            html.text("#closes_at-error").contains(message),
            "{typed}: {}",
            html.text("#closes_at-error")
        );
        assert_eq!(html.attr("#closes_at", "value").as_deref(), Some(typed));
    }
}
