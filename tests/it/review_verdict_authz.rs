//! Who may close the review, see the rating, override, finalize and
//! download the frozen results: only the competition's organizer (and an
//! admin). Matrix: route × anonymous / applicant / juror / other organizer.

use rocket::http::Status;

use crate::applications_support as aps;
use crate::competitions_support::{self as cs};
use crate::support::people::PASSWORD;
use crate::verdict_seed::in_review;
use konkurs::accounts::model::Role;
use konkurs::competitions::State;

#[rocket::async_test]
async fn only_the_organizer_closes_deliberates_overrides_finalizes_and_downloads() {
    let app = aps::app().await;
    let seed = in_review(&app).await;
    seed.score_fixture(&app, false).await;
    let anonymous = app.browser();
    let (_, applicant) = app.signed_in("Curious Applicant", None).await;
    let juror = app.browser();
    juror.login(&seed.jurors[0].0.email, PASSWORD).await;
    let (_, other) = app
        .signed_in("Other Organizer", Some(Role::Organizer))
        .await;
    let outsiders = [
        // Sent to sign in.
        ("anonymous", &anonymous, Status::SeeOther),
        ("applicant", &applicant, Status::Forbidden),
        ("juror", &juror, Status::Forbidden),
        ("other organizer", &other, Status::Forbidden),
    ];
    let close = seed.url("/review/close");
    let override_path = seed.url(&format!("/deliberation/{}/override", seed.proposals[0].0));
    let reason = [("reason", "Чужа причина")];
    let award = [
        ("action", "exclude"),
        ("amount", ""),
        ("reason", "Чужа причина"),
    ];

    // During review: closing.
    for (who, b, status) in &outsiders {
        assert_eq!(b.get(&close).await.status, *status, "{who} GET close");
        assert_eq!(
            b.submit(&close, &reason).await.status,
            *status,
            "{who} POST close"
        );
    }
    assert_eq!(cs::load(&app, &seed.comp).await.state, State::Review);
    seed.close_early().await;

    // During deliberation: the rating, overrides, finalization.
    for (who, b, status) in &outsiders {
        let deliberation = b.get(&seed.url("/deliberation")).await;
        assert_eq!(deliberation.status, *status, "{who} GET deliberation");
        assert!(
            !deliberation.body.contains("22,00"),
            "{who} sees no aggregate"
        );
        assert_eq!(
            b.get(&override_path).await.status,
            *status,
            "{who} GET override"
        );
        assert_eq!(
            b.submit(&override_path, &award).await.status,
            *status,
            "{who} POST override"
        );
        assert_eq!(
            b.submit(&seed.url("/finalize"), &[]).await.status,
            *status,
            "{who} finalize"
        );
    }
    let stored = app
        .db()
        .run({
            let id = seed.comp.clone();
            move |c| konkurs::review::results_build::overrides(c, &id)
        })
        .await
        .unwrap();
    assert!(stored.is_empty(), "no outsider override stored");
    assert_eq!(
        seed.ob.submit(&override_path, &award).await.status,
        Status::SeeOther
    );
    assert_eq!(
        seed.ob
            .submit(&format!("{override_path}/remove"), &[])
            .await
            .status,
        Status::SeeOther
    );
    // Nothing to download before finalization, even for the organizer.
    assert_eq!(
        seed.ob.get(&seed.url("/results.json")).await.status,
        Status::NotFound
    );
    assert_eq!(
        seed.ob.submit(&seed.url("/finalize"), &[]).await.status,
        Status::SeeOther
    );
    for (who, b, status) in &outsiders {
        let res = b.get(&seed.url("/results.json")).await;
        assert_eq!(res.status, *status, "{who} GET results.json");
        assert!(!res.body.contains("konkurs.competition-results"), "{who}");
    }
    // Nor is there anything public about the results yet.
    let public = anonymous.get(&format!("/competitions/{}", seed.comp)).await;
    assert!(!public.body.contains("22,00"));
    // An admin may.
    let (_, admin) = app.signed_in("Admin", Some(Role::Admin)).await;
    assert_eq!(
        admin.get(&seed.url("/deliberation")).await.status,
        Status::Ok
    );
    assert_eq!(
        admin.get(&seed.url("/results.json")).await.status,
        Status::Ok
    );
}
