//! Authorization matrix, admissibility, and amendment recipients.

use rocket::http::Status;

use crate::applications_support::*;
use crate::competitions_support as cs;
use konkurs::accounts::model::Role;

#[rocket::async_test]
async fn outsiders_cannot_read_edit_download_or_submit() {
    let app = app().await;
    let (organizer, ob, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Owner Olha").await;
    let id = ready(&app, &b, &comp, &org).await;
    let doc = required_docs(&app, &comp).await[0].id.to_string();
    let (_, other, other_org) = applicant(&app, "Other Org").await;
    let _theirs = ready(&app, &other, &comp, &other_org).await;
    let anon = app.browser();
    let reads = [
        format!("/proposals/{id}"),
        format!("/proposals/{id}/edit"),
        format!("/proposals/{id}/documents/{doc}"),
    ];
    for path in &reads {
        // Anonymous visitors are sent to sign in.
        let a = anon.get(path).await;
        assert!(
            a.location().starts_with("/login"),
            "anon {path}: {}",
            a.status
        );
        assert_eq!(
            other.get(path).await.status,
            Status::NotFound,
            "other {path}"
        );
        // An organizer sees nothing of a draft.
        assert_eq!(
            ob.get(path).await.status,
            Status::NotFound,
            "organizer {path}"
        );
    }
    let res = save(&other, &id, &cs::with(&complete(), "title", "Захоплено")).await;
    assert_eq!(res.status, Status::NotFound);
    assert_eq!(submit(&other, &id).await.status, Status::NotFound);
    let up = upload(
        &other,
        &format!("/proposals/{id}/documents/{doc}"),
        "x.pdf",
        &fixture("001-"),
    )
    .await;
    assert_eq!(up.status, Status::NotFound);
    let a = anon.submit(&format!("/proposals/{id}/submit"), &[]).await;
    assert!(a.location().starts_with("/login"), "{}", a.status);
    // A second member of the same organization may act.
    let (m, mb) = app.signed_in("Member Mykola", None).await;
    add_member(&app, &org, &m).await;
    assert_eq!(mb.get(&format!("/proposals/{id}")).await.status, Status::Ok);
    // Nobody else submitted it: the owner still can. After submission the
    // competition's organizer reads and downloads.
    assert!(submit(&b, &id).await.location().ends_with("/receipt"));
    assert_eq!(ob.get(&format!("/proposals/{id}")).await.status, Status::Ok);
    let pdf = ob.get(&format!("/proposals/{id}/documents/{doc}")).await;
    assert_eq!(pdf.status, Status::Ok);
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    // Another organizer does not.
    let (_, ob2) = app
        .signed_in("Other Organizer", Some(Role::Organizer))
        .await;
    assert_eq!(
        ob2.get(&format!("/proposals/{id}")).await.status,
        Status::NotFound
    );
    let _ = organizer;
}

#[rocket::async_test]
async fn eligibility_refusals() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (p, b) = app.signed_in("Young Org", None).await;
    let young = org(&app, &p, "public_organization", "2026-12-01").await;
    let res = b
        .submit(
            &format!("/competitions/{comp}/proposals"),
            &[("organization_id", young.as_str())],
        )
        .await;
    assert!(cs::flash_after(&b, &res).await.contains("менше"));
    let union = org(&app, &p, "trade_union", "2010-01-01").await;
    let res = b
        .submit(
            &format!("/competitions/{comp}/proposals"),
            &[("organization_id", union.as_str())],
        )
        .await;
    assert!(cs::flash_after(&b, &res).await.contains("форма"));
    let ok = org(&app, &p, "charity", "2010-01-01").await;
    start(&b, &comp, &ok).await;
    let res = b
        .submit(
            &format!("/competitions/{comp}/proposals"),
            &[("organization_id", ok.as_str())],
        )
        .await;
    assert!(cs::flash_after(&b, &res).await.contains("найбільшу"));
}

#[rocket::async_test]
async fn admissibility_after_the_deadline_with_reason_and_correction() {
    let app = app().await;
    let (organizer, ob, comp) = open_competition(&app).await;
    let (person, b, org) = applicant(&app, "Admissible Anna").await;
    let id = ready(&app, &b, &comp, &org).await;
    submit(&b, &id).await;
    let decide = |d: &'static str, r: &'static str| {
        let path = format!("/organizer/proposals/{id}/decision");
        let ob = &ob;
        async move {
            ob.submit(
                &path,
                &[
                    ("decision", d),
                    ("reason", r),
                    ("text", "Статут не підписано"),
                ],
            )
            .await
        }
    };
    // Not before the deadline.
    assert!(
        cs::flash_after(&ob, &decide("reject", "missing_documents").await)
            .await
            .contains("лише після дедлайну")
    );
    app.clock.set(deadline() + chrono::Duration::hours(1));
    cs::relogin(&ob, &organizer).await;
    cs::relogin(&b, &person).await;
    // A correction window lets the applicant replace a document (audited).
    let res = ob
        .submit(
            &format!("/organizer/proposals/{id}/correction"),
            &[("days", "3")],
        )
        .await;
    assert!(cs::flash_after(&ob, &res)
        .await
        .contains("Вікно виправлення"));
    let doc = required_docs(&app, &comp).await[0].id.to_string();
    assert!(upload_flash(&b, &id, &doc, &fixture("002-"))
        .await
        .contains("завантажено"));
    // A rejection needs a reason from the list (shown inline; see
    // applications_decisions.rs).
    assert_eq!(
        decide("reject", "").await.status,
        rocket::http::Status::UnprocessableEntity
    );
    assert!(
        cs::flash_after(&ob, &decide("reject", "missing_documents").await)
            .await
            .contains("Рішення збережено")
    );
    let page = b.get(&format!("/proposals/{id}")).await;
    assert!(page.body.contains("Не допущено"));
    assert!(page.body.contains("Статут не підписано"));
    let mails = app.mails_to(&person.email).await;
    assert!(mails.last().unwrap().body_text.contains("не допущено"));
    let actions = cs::audit_actions(&app, &comp).await;
    for a in [
        "proposal.submitted",
        "proposal.correction_opened",
        "proposal.document_replaced",
        "proposal.admissibility",
    ] {
        assert!(actions.contains(&a.to_string()), "{a}");
    }
    // Decided once.
    assert!(cs::flash_after(&ob, &decide("admit", "").await)
        .await
        .contains("вже ухвалено"));
}

#[rocket::async_test]
async fn amendment_recipients_are_members_with_a_draft_or_submitted_proposal() {
    let app = app().await;
    let (_, _, comp) = open_competition(&app).await;
    let (drafter, b1, o1) = applicant(&app, "Drafting Dana").await;
    start(&b1, &comp, &o1).await;
    let (submitter, b2, o2) = applicant(&app, "Submitting Sofia").await;
    let p2 = ready(&app, &b2, &comp, &o2).await;
    submit(&b2, &p2).await;
    let (quitter, b3, o3) = applicant(&app, "Withdrawing Wira").await;
    let p3 = ready(&app, &b3, &comp, &o3).await;
    submit(&b3, &p3).await;
    b3.submit(&format!("/proposals/{p3}/withdraw"), &[]).await;
    let _bystander = applicant(&app, "Bystander Bohdan").await;
    let key = comp.clone();
    let list = app
        .db()
        .run(move |c| konkurs::competitions::amend::amendment_recipients(c, &key))
        .await
        .unwrap();
    let mut emails: Vec<_> = list.iter().map(|r| r.email.clone()).collect();
    emails.sort();
    let mut expected = vec![drafter.email, submitter.email];
    expected.sort();
    assert_eq!(emails, expected);
    let _ = quitter;
}

#[rocket::async_test]
async fn review_cannot_start_while_a_submitted_proposal_awaits_a_decision() {
    use konkurs::competitions::state::State;
    let app = app().await;
    let (organizer, ob, comp) = open_competition(&app).await;
    let (_, b, org) = applicant(&app, "Waiting Wasyl").await;
    let id = ready(&app, &b, &comp, &org).await;
    submit(&b, &id).await;
    app.clock.set(deadline() + chrono::Duration::hours(1));
    cs::relogin(&ob, &organizer).await;
    ob.submit(
        &format!("/organizer/competitions/{comp}/steps/admissibility"),
        &[],
    )
    .await;
    assert_eq!(cs::load(&app, &comp).await.state, State::Admissibility);
    let res = ob
        .submit(&format!("/organizer/competitions/{comp}/steps/review"), &[])
        .await;
    let _ = cs::flash_after(&ob, &res).await;
    assert_eq!(
        cs::load(&app, &comp).await.state,
        State::Admissibility,
        "refused: a decision is pending"
    );
    let decision = [("decision", "admit"), ("reason", ""), ("text", "")];
    ob.submit(&format!("/organizer/proposals/{id}/decision"), &decision)
        .await;
    let juror = crate::review_support::accepted_juror(&app, &ob, &comp, "Jurii", "member").await;
    crate::review_support::confirm(&juror.browser, &comp).await;
    ob.submit(&format!("/organizer/competitions/{comp}/steps/review"), &[])
        .await;
    assert_eq!(cs::load(&app, &comp).await.state, State::Review);
}
