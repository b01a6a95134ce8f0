//! Announcement: the rules are frozen into a canonical document whose
//! SHA-256 is published; afterwards the draft cannot be edited.

use rocket::http::Status;
use sha2::{Digest, Sha256};

use crate::competitions_support::*;
use konkurs::competitions::rules::{canonical_json, RulesDoc};
use konkurs::competitions::{model, State};

#[rocket::async_test]
async fn announcing_freezes_and_hashes_the_rules() {
    let app = app().await;
    let (_, b, id) = announced(&app).await;
    let c = load(&app, &id).await;
    assert_eq!(c.state, State::Announced);
    assert_eq!(c.code.as_deref(), Some("2026-001"));
    assert_eq!(c.announced_at, Some(start()));
    let sha = c.rules_sha256.clone().expect("hash stored");

    // The downloadable document is the exact bytes that were hashed …
    let res = app
        .browser()
        .get(&format!("/competitions/{id}/rules.json"))
        .await;
    assert_eq!(res.status, Status::Ok);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(hex::encode(Sha256::digest(res.body.as_bytes())), sha);
    // … in canonical form, so anyone re-serializing it gets the same hash.
    let value: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(canonical_json(&value), res.body);
    // … and it holds what an independent evaluation needs.
    let doc = RulesDoc::parse(&res.body).unwrap();
    assert_eq!(doc.competition_id, id);
    assert_eq!(doc.fund_kopiyky, 100_000_000);
    assert_eq!(doc.cap_per_proposal_kopiyky, 25_000_000);
    assert_eq!(doc.deadlines.closes_at, "2027-02-10T18:00:00+02:00");
    assert_eq!(doc.scoring.pass_mark, 15);
    assert_eq!(doc.scoring.max_total, 25);
    assert_eq!(doc.scoring.divergence_threshold, 8);
    assert_eq!(value["scoring"]["aggregation"]["method"], "median");
    assert_eq!(value["scoring"]["tie_break"][0], "lower_requested_amount");
    assert_eq!(
        value["allocation"]["when_next_does_not_fit"],
        "fund_partially"
    );
    assert_eq!(value["jury"]["jurors_per_proposal"], 3);
    let names: Vec<_> = doc
        .criteria
        .iter()
        .map(|k| (k.number, k.max_points, k.weight))
        .collect();
    assert_eq!(names, vec![(1, 10, 2), (2, 5, 1)]);
    assert_eq!(doc.documents.len(), 2);
    assert!(doc.documents[0].required && !doc.documents[1].required);

    // The frozen lists are in their tables with the same IDs.
    let key = id.clone();
    let (criteria, documents) = app
        .db()
        .run(move |c| {
            Ok((
                model::criteria(c, &key)?,
                model::required_documents(c, &key)?,
            ))
        })
        .await
        .unwrap();
    assert_eq!(
        criteria.iter().map(|k| k.id.clone()).collect::<Vec<_>>(),
        doc.criteria
            .iter()
            .map(|k| k.id.clone())
            .collect::<Vec<_>>()
    );
    assert_eq!(documents[1].name, "Лист підтримки");

    // The public page shows the same hash.
    let page = app.browser().get(&format!("/competitions/{id}")).await;
    assert_eq!(page.html().text("#rules-sha256"), sha);
    assert_eq!(
        audit_actions(&app, &id).await,
        vec!["competition.draft_created", "competition.announced"]
    );
    drop(b);
}

#[rocket::async_test]
async fn the_rules_cannot_be_edited_after_announcement() {
    let app = app().await;
    let (_, b, id) = announced(&app).await;
    let before = stored_texts(&app, &id).await;
    let c_before = load(&app, &id).await;
    let fields = with(&complete_fields(), "fund", "5 000 000");
    let res = b
        .submit(
            &format!("/organizer/competitions/{id}/edit"),
            &as_refs(&fields),
        )
        .await;
    assert!(flash_after(&b, &res).await.contains("змінити не можна"));
    assert_eq!(
        stored_texts(&app, &id).await,
        before,
        "draft and rules unchanged"
    );
    let c = load(&app, &id).await;
    assert_eq!(
        (c.fund_kopiyky, c.updated_at),
        (c_before.fund_kopiyky, c_before.updated_at)
    );
    // The edit form is not offered either, and announcing twice is refused.
    let res = b.get(&format!("/organizer/competitions/{id}/edit")).await;
    assert_eq!(res.status, Status::SeeOther);
    let res = b
        .submit(&format!("/organizer/competitions/{id}/announce"), &[])
        .await;
    assert!(flash_after(&b, &res).await.contains("змінити не можна"));
    assert_eq!(load(&app, &id).await.rules_sha256, c_before.rules_sha256);
}

#[rocket::async_test]
async fn competitions_are_numbered_per_year_of_announcement() {
    let app = app().await;
    let (_, b, _) = announced(&app).await;
    let second = create_draft(&b, &complete_fields()).await;
    let draft = create_draft(&b, &complete_fields()).await;
    announce(&b, &second).await;
    assert_eq!(load(&app, &second).await.code.as_deref(), Some("2026-002"));
    assert_eq!(load(&app, &draft).await.code, None, "drafts have no number");
}
