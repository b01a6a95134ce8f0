//! Publishing: only the managing organizer, only from deliberation with
//! finalized results; one transaction sets `published_at`, moves the state,
//! writes the audit entry (with the results' SHA-256) and queues a notice
//! to every applicant.

use rocket::http::Status;

use crate::competitions_support::{self as cs, utc};
use crate::publication_seed::*;
use crate::support::TestApp;
use konkurs::accounts::model::Role;
use konkurs::competitions::State;

async fn published_at(
    app: &TestApp,
    id: &konkurs::competitions::CompetitionId,
) -> Option<chrono::NaiveDateTime> {
    let id = id.clone();
    app.db()
        .run(move |c| Ok(konkurs::publication::model::find(c, &id)?))
        .await
        .unwrap()
        .and_then(|r| r.published_at)
}

#[rocket::async_test]
async fn publishing_is_refused_until_the_results_are_finalized() {
    let app = crate::applications_support::app().await;
    let s = deliberation(&app).await;
    let flash = step(&s.b, &s.id, "publish").await;
    assert!(flash.contains("лише остаточні результати"), "{flash}");
    assert_eq!(cs::load(&app, &s.id).await.state, State::Deliberation);
    // Finalized: now it publishes.
    seed_review(&app, &s.id, &s.organizer.id).await;
    app.clock.set(utc("2027-03-10 10:00"));
    cs::relogin(&s.b, &s.organizer).await;
    assert!(step(&s.b, &s.id, "publish").await.contains("оприлюднено"));
    assert_eq!(cs::load(&app, &s.id).await.state, State::Published);
    assert_eq!(
        published_at(&app, &s.id).await,
        Some(utc("2027-03-10 10:00"))
    );
    // Not twice.
    assert!(step(&s.b, &s.id, "publish")
        .await
        .contains("лише після обговорення"));
}

#[rocket::async_test]
async fn only_the_managing_organizer_or_an_admin_may_publish() {
    let app = crate::applications_support::app().await;
    let (s, _) = finalized(&app).await;
    let path = format!("/organizer/competitions/{}/steps/publish", s.id);
    let (_, other) = app.signed_in("Olha Other", Some(Role::Organizer)).await;
    let (_, applicant) = app.signed_in("Ivan Applicant", None).await;
    for (who, b) in [("other organizer", &other), ("applicant", &applicant)] {
        let res = b.submit(&path, &[]).await;
        assert_eq!(res.status, Status::Forbidden, "{who}");
    }
    let anonymous = app.browser();
    let res = anonymous.submit(&path, &[]).await;
    assert!(
        res.status == Status::Forbidden
            || res.status == Status::Unauthorized
            || res.location().starts_with("/login"),
        "anonymous: {:?}",
        res.status
    );
    assert_eq!(cs::load(&app, &s.id).await.state, State::Deliberation);
    assert_eq!(published_at(&app, &s.id).await, None);
    let (_, admin) = app.signed_in("Adam Admin", Some(Role::Admin)).await;
    let res = admin.submit(&path, &[]).await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(cs::load(&app, &s.id).await.state, State::Published);
}

#[rocket::async_test]
async fn publication_notifies_every_applicant_and_is_audited_with_the_hash() {
    let app = crate::applications_support::app().await;
    let (s, doc) = published(&app).await;
    let (sha, _) = doc.freeze().unwrap();
    for (i, a) in s.applicants.iter().enumerate() {
        let mails: Vec<_> = app
            .mails_to(&a.person.email)
            .await
            .into_iter()
            .filter(|m| m.template == "results-published")
            .collect();
        if i == 5 {
            assert!(mails.is_empty(), "withdrawn: no notice");
            continue;
        }
        assert_eq!(mails.len(), 1, "applicant {i}");
        let m = &mails[0];
        assert!(m.subject.contains(&a.reg), "{}", m.subject);
        assert!(m
            .body_text
            .contains(&format!("/competitions/{}/proposals/{}", s.id, a.reg)));
        let expect = match i {
            0 => "Місце в рейтингу: 2",
            1 => "Місце в рейтингу: 1",
            2 => "частково",
            3 => "нижча за прохідний бал",
            _ => "не допущено",
        };
        assert!(
            m.body_text.contains(expect),
            "applicant {i}: {}",
            m.body_text
        );
    }
    let body = &app
        .mails_to(&s.applicants[1].person.email)
        .await
        .last()
        .unwrap()
        .body_text
        .clone();
    assert!(
        body.contains("99 000,00 грн") || body.contains("99\u{a0}000,00\u{a0}грн"),
        "{body}"
    );
    assert!(body.contains("22,00"), "aggregate: {body}");
    let filter = konkurs::audit::ListFilter {
        competition_id: Some(s.id.to_string()),
        before_seq: None,
        limit: 500,
    };
    let entries = app
        .db()
        .run(move |c| konkurs::audit::list(c, &filter))
        .await
        .unwrap();
    let entry = entries
        .iter()
        .find(|e| e.action == "competition.results_published")
        .expect("audited");
    let details: serde_json::Value = serde_json::from_str(&entry.details).unwrap();
    assert_eq!(details["results_sha256"], sha.as_str());
    assert_eq!(details["to"], "published");
}
