//! The applicant's path: draft with a budget → PDF upload → submission with
//! receipt and snapshot → public list and API at the deadline.

use chrono::Duration;
use rocket::http::Status;
use sha2::{Digest, Sha256};

use crate::applications_support::*;
use crate::competitions_support as cs;

#[rocket::async_test]
async fn draft_upload_submit_receipt_and_public_list() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (person, b, org) = applicant(&app, "Alla Applicant").await;
    let id = ready(&app, &b, &comp, &org).await;

    // Before the deadline nothing about proposals is public.
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await;
    assert_eq!(api.json()["submissions"].as_array().unwrap().len(), 0);

    let res = submit(&b, &id).await;
    assert_eq!(res.location(), format!("/proposals/{id}/receipt"));
    let receipt = b.get(res.location()).await;
    assert_eq!(receipt.status, Status::Ok);
    let html = receipt.html();
    assert_eq!(html.text("#number"), "2026-001-0001");
    let hash = html.text("#receipt-sha256");
    assert_eq!(hash.len(), 64);

    // The snapshot's exact bytes hash to the receipt; it holds the document hash.
    let snap = b.get(&format!("/proposals/{id}/snapshot.json")).await;
    assert_eq!(hex::encode(Sha256::digest(snap.body.as_bytes())), hash);
    let v = snap.json();
    assert_eq!(v["budget"]["requested_kopiyky"], 99_000_00);
    assert_eq!(v["budget"]["total_kopiyky"], 110_000_50);
    assert_eq!(v["project"]["priority"]["number"], 1);
    assert_eq!(v["project"]["priority"]["text"], "Освіта");
    let pdf_sha = hex::encode(Sha256::digest(fixture("001-")));
    assert_eq!(v["documents"][0]["sha256"], pdf_sha);

    // The receipt mail shows number and hash.
    let mails = app.mails_to(&person.email).await;
    let mail = mails.last().unwrap();
    assert!(mail.subject.contains("2026-001-0001"));
    assert!(mail.body_text.contains(&hash));

    // Read-only once submitted.
    assert_eq!(save(&b, &id, &complete()).await.status, Status::SeeOther);
    let stored = app
        .db()
        .run({
            let id = id.clone();
            move |c| Ok(konkurs::applications::model::find(c, &id)?.unwrap())
        })
        .await
        .unwrap();
    assert_eq!(stored.state, "submitted");

    // At the deadline the list is public, as HTML and JSON.
    app.clock.set(deadline());
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await;
    let list = api.json()["submissions"].as_array().unwrap().clone();
    assert_eq!(list.len(), 1);
    let item = list[0].as_object().unwrap();
    let mut keys: Vec<_> = item.keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "edrpou",
            "organization",
            "receipt_sha256",
            "registration_number",
            "requested",
            "submitted_at",
            "title"
        ]
    );
    assert_eq!(item["receipt_sha256"], hash.as_str());
    assert_eq!(item["requested"], 99_000_00);
    let page = app.get(&format!("/competitions/{comp}/submissions")).await;
    assert!(page.body.contains(&hash));
}

#[rocket::async_test]
async fn deadline_one_second_before_and_at_it() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (a1, b1, o1) = applicant(&app, "Early Bird").await;
    let (a2, b2, o2) = applicant(&app, "Late Comer").await;
    let p1 = ready(&app, &b1, &comp, &o1).await;
    let p2 = ready(&app, &b2, &comp, &o2).await;
    app.clock.set(deadline() - Duration::seconds(1));
    cs::relogin(&b1, &a1).await;
    cs::relogin(&b2, &a2).await;
    assert_eq!(
        submit(&b1, &p1).await.location(),
        format!("/proposals/{p1}/receipt")
    );
    app.clock.set(deadline());
    let res = submit(&b2, &p2).await;
    assert!(cs::flash_after(&b2, &res).await.contains("Дедлайн минув"));
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await;
    assert_eq!(api.json()["submissions"].as_array().unwrap().len(), 1);
}

#[rocket::async_test]
async fn an_invalid_draft_is_saved_as_typed_and_blocks_submission() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Typo Maker").await;
    let id = start(&b, &comp, &org).await;
    let fields = cs::with(&complete(), "budget[0].unit_price", "10 000,055");
    let res = save(&b, &id, &fields).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert_eq!(
        html.attr("#budget-0-unit_price", "value").as_deref(),
        Some("10 000,055")
    );
    assert!(html.text(".error-summary").contains("Сума в гривнях"));
    // Reopening shows exactly what was typed.
    let again = b.get(&format!("/proposals/{id}/edit")).await.html();
    assert_eq!(
        again.attr("#budget-0-unit_price", "value").as_deref(),
        Some("10 000,055")
    );
    assert_eq!(
        again.attr("#title", "value").as_deref(),
        Some("Молодіжні лабораторії громад")
    );
    // Over the cap: saved, and submission refused.
    let over = cs::with(
        &cs::with(&complete(), "budget[0].requested", "300000"),
        "budget[0].unit_price",
        "31000",
    );
    let over = cs::with(&over, "budget[0].own", "10000");
    assert_eq!(
        save(&b, &id, &over).await.status,
        Status::UnprocessableEntity
    );
    let res = submit(&b, &id).await;
    assert!(cs::flash_after(&b, &res).await.contains("неповна"));
    let page = b.get(&format!("/proposals/{id}")).await;
    assert!(page.body.contains("перевищує граничну"));
    assert!(page.body.contains("Завантажте документ"));
}

#[rocket::async_test]
async fn concurrent_submissions_get_distinct_gap_free_numbers() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let mut people = vec![];
    for i in 0..6 {
        people.push(applicant(&app, &format!("Applicant {i}")).await);
    }
    let mut ids = vec![];
    for (_, b, o) in &people {
        ids.push(ready(&app, b, &comp, o).await);
    }
    let futures: Vec<_> = people
        .iter()
        .zip(&ids)
        .map(|((_, b, _), id)| submit(b, id))
        .collect();
    for r in rocket::futures::future::join_all(futures).await {
        assert_eq!(r.status, Status::SeeOther);
        assert!(r.location().ends_with("/receipt"), "{}", r.location());
    }
    app.clock.set(deadline());
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await;
    let mut numbers: Vec<String> = api.json()["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["registration_number"].as_str().unwrap().to_string())
        .collect();
    numbers.sort();
    let expected: Vec<String> = (1..=6).map(|n| format!("2026-001-{n:04}")).collect();
    assert_eq!(numbers, expected);
}

#[rocket::async_test]
async fn withdraw_before_the_deadline_keeps_the_number() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Wanda Withdraw").await;
    let id = ready(&app, &b, &comp, &org).await;
    submit(&b, &id).await;
    let res = b.submit(&format!("/proposals/{id}/withdraw"), &[]).await;
    assert!(cs::flash_after(&b, &res).await.contains("відкликано"));
    let actions = cs::audit_actions(&app, &comp).await;
    assert!(actions.contains(&"proposal.withdrawn".to_string()));
    // A new proposal gets the next number, not the withdrawn one's.
    let id2 = ready(&app, &b, &comp, &org).await;
    assert!(submit(&b, &id2).await.location().ends_with("/receipt"));
    app.clock.set(deadline());
    let api = app
        .get(&format!("/api/v1/competitions/{comp}/submissions"))
        .await;
    let list = api.json()["submissions"].as_array().unwrap().clone();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["registration_number"], "2026-001-0002");
}

#[rocket::async_test]
async fn the_competition_page_leads_to_the_application_and_the_list() {
    let app = crate::applications_support::app().await;
    let (_, organizer, comp) = crate::applications_support::open_competition(&app).await;
    let page = app
        .browser()
        .get(&format!("/competitions/{comp}"))
        .await
        .html();
    assert_eq!(
        page.attr("a.button[href$='/apply']", "href"),
        Some(format!("/competitions/{comp}/apply"))
    );
    assert_eq!(
        page.count(&format!("a[href='/competitions/{comp}/submissions']")),
        1
    );
    let manage = organizer
        .get(&format!("/organizer/competitions/{comp}"))
        .await
        .html();
    assert_eq!(
        manage.count(&format!(
            "a[href='/organizer/competitions/{comp}/proposals']"
        )),
        1
    );
    let list = organizer
        .get(&format!("/organizer/competitions/{comp}/proposals"))
        .await;
    assert_eq!(list.status, rocket::http::Status::Ok);
    // After the deadline the button is gone (submissions are closed).
    app.clock
        .set(crate::applications_support::deadline() + chrono::Duration::seconds(1));
    let page = app
        .browser()
        .get(&format!("/competitions/{comp}"))
        .await
        .html();
    assert_eq!(page.count("a.button[href$='/apply']"), 0);
}

#[rocket::async_test]
async fn the_priority_is_required_and_must_be_one_of_the_competitions() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Priority Picker").await;
    let id = start(&b, &comp, &org).await;
    let missing: Vec<_> = complete()
        .into_iter()
        .filter(|(k, _)| k != "priority")
        .collect();
    let res = save(&b, &id, &missing).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    let html = res.html();
    assert!(html.text(".error-summary").contains("Оберіть пріоритет"));
    assert!(html.text("#priority-error").contains("Оберіть пріоритет"));
    assert_eq!(html.count("#priority-2"), 1, "each priority offered");

    let res = save(&b, &id, &cs::with(&complete(), "priority", "3")).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(
        res.html()
            .text("#priority-error")
            .contains("одного із пріоритетів")
            || res
                .html()
                .text("#priority-error")
                .contains("один із пріоритетів")
    );

    let res = save(&b, &id, &cs::with(&complete(), "priority", "2")).await;
    assert_eq!(res.status, Status::SeeOther);
    let again = b.get(&format!("/proposals/{id}/edit")).await.html();
    assert_eq!(again.count("#priority-2[checked]"), 1, "choice kept");
}
