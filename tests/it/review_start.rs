//! Starting the review: refused without an accepted non-reserve juror or
//! while an accepted juror has not confirmed affiliations; pending
//! invitations are ignored; affiliations are validated.

use rocket::http::Status;

use crate::applications_support::app;
use crate::competitions_support::{self as cs};
use crate::review_support::*;
use konkurs::competitions::State;

#[rocket::async_test]
async fn review_start_needs_a_ready_non_reserve_juror() {
    let app = app().await;
    let (organizer, ob, comp) = open_with(&app, &cs::complete_fields()).await;
    let applicants = admitted(&app, &organizer, &ob, &comp, 2).await;
    assert!(step(&ob, &comp, "review").await.contains("хоча б один"));
    // A reserve alone is not enough.
    let r = accepted_juror(&app, &ob, &comp, "Reserve Roman", "reserve").await;
    confirm(&r.browser, &comp).await;
    assert!(step(&ob, &comp, "review").await.contains("хоча б один"));
    // An accepted member who has not confirmed affiliations blocks the start.
    let m = accepted_juror(&app, &ob, &comp, "Member Maria", "member").await;
    assert!(step(&ob, &comp, "review")
        .await
        .contains("підтвердили свої афіліації"));
    assert_eq!(cs::load(&app, &comp).await.state, State::Admissibility);
    // A pending invitation does not block and gets nothing.
    invite(&ob, &comp, "Pending Petro", "pending@example.org", "member").await;
    // Affiliation codes are checked (check digit).
    let good = valid_edrpou();
    let last = good.as_bytes()[7] - b'0';
    let bad = format!("{}{}", &good[..7], (last + 1) % 10);
    let res = add_affiliation(&m.browser, &comp, &bad).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(!res.html().text("#edrpou-error").is_empty());
    let res = add_affiliation(&m.browser, &comp, "1234").await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let code = valid_edrpou();
    assert_eq!(
        add_affiliation(&m.browser, &comp, &code).await.status,
        Status::SeeOther
    );
    let res = add_affiliation(&m.browser, &comp, &code).await;
    assert!(res.html().text("#edrpou-error").contains("вже є"));
    confirm(&m.browser, &comp).await;
    step(&ob, &comp, "review").await;
    assert_eq!(cs::load(&app, &comp).await.state, State::Review);
    // The member (the only non-reserve) got both proposals; the reserve and
    // the pending invitation nothing.
    let rows = assignments(&app, &comp, &m.person.email).await;
    assert_eq!(rows.len(), applicants.len());
    assert!(rows
        .iter()
        .all(|r| r.coi == "pending" && r.origin == "initial"));
    assert!(assignments(&app, &comp, &r.person.email).await.is_empty());
    assert!(assignments(&app, &comp, "pending@example.org")
        .await
        .is_empty());
    let actions = crate::competitions_support::audit_actions(&app, &comp).await;
    assert!(actions.contains(&"review.assigned".to_string()));
    assert!(actions.contains(&"jury.affiliations_confirmed".to_string()));
}

#[rocket::async_test]
async fn whole_jury_assigns_every_member_every_proposal() {
    let app = app().await;
    let specs = [
        JurorSpec::member("W One"),
        JurorSpec::member("W Two"),
        JurorSpec::reserve("W Reserve"),
    ];
    let fx = in_review_with(&app, &whole_jury_fields(), 3, &specs).await;
    for j in &fx.jurors[..2] {
        assert_eq!(assignments(&app, &fx.comp, &j.person.email).await.len(), 3);
    }
    assert!(assignments(&app, &fx.comp, &fx.jurors[2].person.email)
        .await
        .is_empty());
}

#[rocket::async_test]
async fn k_per_proposal_balances_the_load() {
    let app = app().await;
    let specs: Vec<JurorSpec> = ["K1", "K2", "K3", "K4"]
        .into_iter()
        .map(JurorSpec::member)
        .collect();
    let fx = in_review_with(&app, &k_fields(3), 5, &specs).await;
    let mut loads = vec![];
    for j in &fx.jurors {
        loads.push(assignments(&app, &fx.comp, &j.person.email).await.len());
    }
    assert_eq!(loads.iter().sum::<usize>(), 15);
    assert!(
        loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1,
        "{loads:?}"
    );
    for a in &fx.applicants {
        let scores = engine_scores(&app, &fx.comp).await;
        assert_eq!(scores[&a.proposal].len(), 3);
    }
}

#[rocket::async_test]
async fn a_whole_jury_member_who_joins_during_the_review_scores_everything() {
    let app = app().await;
    let fx = in_review_with(
        &app,
        &whole_jury_fields(),
        3,
        &[JurorSpec::member("Early Juror")],
    )
    .await;
    let late = accepted_juror(&app, &fx.ob, &fx.comp, "Late Juror", "member").await;
    // Not seated before the affiliations are confirmed.
    assert!(assignments(&app, &fx.comp, &late.person.email)
        .await
        .is_empty());
    let res = add_affiliation(&late.browser, &fx.comp, &fx.applicants[1].edrpou).await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    assert_eq!(
        confirm(&late.browser, &fx.comp).await.status,
        Status::SeeOther
    );
    let rows = assignments(&app, &fx.comp, &late.person.email).await;
    assert_eq!(rows.len(), 3, "every admitted proposal");
    assert!(rows.iter().all(|r| r.origin == "late"));
    for (i, a) in fx.applicants.iter().enumerate() {
        let row = rows.iter().find(|r| r.proposal == a.proposal).unwrap();
        let expected = if i == 1 { "auto" } else { "pending" };
        assert_eq!(row.coi, expected, "proposal {i}");
    }
    // Confirming again adds nothing.
    assert_eq!(
        confirm(&late.browser, &fx.comp).await.status,
        Status::SeeOther
    );
    assert_eq!(
        assignments(&app, &fx.comp, &late.person.email).await.len(),
        3
    );
    // The newcomer's open work now holds the review open.
    assert!(pending(&app, &fx.comp).await >= 2);
}

#[rocket::async_test]
async fn in_k_mode_a_late_juror_is_only_a_replacement() {
    let app = app().await;
    let specs = [
        JurorSpec::member("A Juror"),
        JurorSpec::member("B Juror"),
        JurorSpec::member("C Juror"),
    ];
    let fx = in_review_with(&app, &k_fields(3), 2, &specs).await;
    let late = accepted_juror(&app, &fx.ob, &fx.comp, "Late Juror", "member").await;
    assert_eq!(
        confirm(&late.browser, &fx.comp).await.status,
        Status::SeeOther
    );
    assert!(assignments(&app, &fx.comp, &late.person.email)
        .await
        .is_empty());
}
