//! Members: removal, leaving, ownership, and the audit of each change.

use rocket::http::Status;

use super::{as_refs, create_org, invite, profile, with};
use crate::support::{Browser, TestApp};
use konkurs::organizations::{MemberRole, OrganizationId};

async fn with_member<'a>(
    app: &'a TestApp,
) -> (
    OrganizationId,
    Browser<'a>,
    Browser<'a>,
    konkurs::db::ids::UserId,
    konkurs::db::ids::UserId,
) {
    let (owner, a) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&a, "33951844").await;
    let (member, b) = app.signed_in("Mykola Hnatiuk", None).await;
    let link = invite(app, &a, &id, &member.email).await;
    assert_eq!(b.submit(&link, &[]).await.status, Status::SeeOther);
    (id, a, b, owner.id, member.id)
}

#[rocket::async_test]
async fn the_last_owner_stays_and_ownership_can_be_handed_over() {
    let app = TestApp::new().await;
    let (id, a, b, owner, member) = with_member(&app).await;
    let role = |u: &konkurs::db::ids::UserId| format!("/organizations/{id}/members/{u}/role");
    let remove = |u: &konkurs::db::ids::UserId| format!("/organizations/{id}/members/{u}/remove");
    // The only owner can neither step down nor leave.
    for (path, fields) in [
        (role(&owner), vec![("role", "member")]),
        (remove(&owner), vec![]),
    ] {
        let res = a.submit(&path, &fields).await;
        assert_eq!(res.status, Status::SeeOther);
        let page = a.get(res.location()).await;
        assert!(
            page.html().text(".flash").contains("хоча б один власник"),
            "{path}"
        );
        assert_eq!(app.role_in(&id, &owner).await, Some(MemberRole::Owner));
    }
    // Hand over: make Mykola an owner, then step down.
    assert_eq!(
        a.submit(&role(&member), &[("role", "owner")]).await.status,
        Status::SeeOther
    );
    assert_eq!(app.role_in(&id, &member).await, Some(MemberRole::Owner));
    assert_eq!(
        a.submit(&role(&owner), &[("role", "member")]).await.status,
        Status::SeeOther
    );
    assert_eq!(app.role_in(&id, &owner).await, Some(MemberRole::Member));
    // Now Iryna is a member: she can no longer manage, but she may leave.
    assert_eq!(
        a.submit(&role(&member), &[("role", "member")]).await.status,
        Status::Forbidden
    );
    let res = a.submit(&remove(&owner), &[]).await;
    assert_eq!(res.location(), "/organizations");
    assert_eq!(app.role_in(&id, &owner).await, None);
    assert_eq!(
        a.get(&format!("/organizations/{id}")).await.status,
        Status::NotFound
    );
    // Mykola is the last owner now.
    let res = b.submit(&remove(&member), &[]).await;
    assert!(b
        .get(res.location())
        .await
        .html()
        .text(".flash")
        .contains("хоча б один власник"));
    assert_eq!(app.role_in(&id, &member).await, Some(MemberRole::Owner));
    let actions: Vec<_> = app
        .org_audit(&id)
        .await
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        vec![
            "organization.created",
            "organization.invitation_sent",
            "organization.invitation_accepted",
            "organization.member_role_changed",
            "organization.member_role_changed",
            "organization.member_removed",
        ]
    );
}

#[rocket::async_test]
async fn an_owner_removes_a_member_who_then_sees_nothing() {
    let app = TestApp::new().await;
    let (id, a, b, _, member) = with_member(&app).await;
    assert_eq!(
        b.get(&format!("/organizations/{id}")).await.status,
        Status::Ok
    );
    let res = a
        .submit(&format!("/organizations/{id}/members/{member}/remove"), &[])
        .await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(app.role_in(&id, &member).await, None);
    assert_eq!(
        b.get(&format!("/organizations/{id}")).await.status,
        Status::NotFound
    );
    assert_eq!(b.get("/organizations").await.html().count("main table"), 0);
    let removed = app.org_audit(&id).await.pop().unwrap();
    assert_eq!(removed.action, "organization.member_removed");
    let details: serde_json::Value = serde_json::from_str(&removed.details).unwrap();
    assert_eq!(details["user_id"], member.to_string());
    assert_eq!(details["left"], false);
    assert!(!removed.public, "membership entries name people");
}

#[rocket::async_test]
async fn profile_edits_are_audited_with_old_and_new_values() {
    let app = TestApp::new().await;
    let (owner, a) = app.signed_in("Iryna Melnyk", None).await;
    let id = create_org(&a, "33951844").await;
    let edit = format!("/organizations/{id}/edit");
    let page = a.get(&edit).await;
    assert_eq!(page.status, Status::Ok);
    assert_eq!(
        page.html().attr("#edrpou", "value").as_deref(),
        Some("33951844")
    );
    assert_eq!(
        page.html().attr("#registered_on", "value").as_deref(),
        Some("2019-03-14")
    );
    // An invalid edit changes nothing and keeps the input.
    let base = profile("33951844");
    let bad = with(&base, &[("full_name", "Нова назва"), ("phone", "1")]);
    let res = a.submit(&edit, &as_refs(&bad)).await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert_eq!(
        res.html().attr("#full_name", "value").as_deref(),
        Some("Нова назва")
    );
    assert_eq!(app.org(&id).await.full_name, base[1].1);
    // Saving the same values records nothing.
    let res = a.submit(&edit, &as_refs(&base)).await;
    assert_eq!(res.status, Status::SeeOther);
    assert_eq!(app.org_audit(&id).await.len(), 1);
    let good = with(
        &base,
        &[
            ("full_name", "Нова назва"),
            ("website", ""),
            ("oblast", "UA-30"),
        ],
    );
    let res = a.submit(&edit, &as_refs(&good)).await;
    assert_eq!(res.status, Status::SeeOther);
    let org = app.org(&id).await;
    assert_eq!(
        (org.full_name.as_str(), org.website, org.oblast.as_str()),
        ("Нова назва", None, "UA-30")
    );
    let entry = app.org_audit(&id).await.pop().unwrap();
    assert_eq!(entry.action, "organization.updated");
    assert_eq!(entry.actor_id.as_ref(), Some(&owner.id));
    assert!(!entry.public);
    let details: serde_json::Value = serde_json::from_str(&entry.details).unwrap();
    assert_eq!(
        details,
        serde_json::json!({
            "fields": ["full_name", "oblast", "website"],
            "changes": {
                "full_name": {"old": base[1].1, "new": "Нова назва"},
                "oblast": {"old": "UA-46", "new": "UA-30"},
                "website": {"old": "https://svitlo.org.ua", "new": null},
            }
        })
    );
    let report = app.db().run(konkurs::audit::verify).await.unwrap();
    assert!(
        matches!(report, konkurs::audit::VerifyReport::Ok { .. }),
        "{report:?}"
    );
}

#[rocket::async_test]
async fn an_edit_cannot_take_another_profiles_edrpou() {
    let app = TestApp::new().await;
    let (_, a) = app.signed_in("Iryna Melnyk", None).await;
    let first = create_org(&a, "33951844").await;
    let second = create_org(&a, "32855961").await;
    let fields = profile("33951844");
    let res = a
        .submit(&format!("/organizations/{second}/edit"), &as_refs(&fields))
        .await;
    assert_eq!(res.status, Status::UnprocessableEntity);
    assert!(res.html().text("#edrpou-error").contains("інший профіль"));
    assert_eq!(app.org(&second).await.edrpou, "32855961");
    assert_eq!(app.org(&first).await.edrpou, "33951844");
}
