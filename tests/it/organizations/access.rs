//! Who may see and manage an organization: anonymous visitors, unverified
//! and verified strangers, members, owners, organizers and admins, for each
//! of view, edit, invite and remove. A refused action changes nothing.

use rocket::http::Status;

use super::{as_refs, create_org, invite, profile, with};
use crate::support::people::PASSWORD;
use crate::support::{Browser, TestApp};
use konkurs::accounts::model::Role;
use konkurs::organizations::MemberRole;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    /// Sent to the sign-in page.
    SignIn,
    NotFound,
    Forbidden,
    Allowed,
}

fn check(actor: &str, action: &str, status: Status, location: &str, expect: Expect) {
    match expect {
        Expect::SignIn => {
            assert_eq!(status, Status::SeeOther, "{actor} {action}");
            assert!(
                location.starts_with("/login"),
                "{actor} {action}: {location}"
            );
        }
        Expect::NotFound => assert_eq!(status, Status::NotFound, "{actor} {action}"),
        Expect::Forbidden => assert_eq!(status, Status::Forbidden, "{actor} {action}"),
        Expect::Allowed => assert!(
            status == Status::Ok || (status == Status::SeeOther && !location.starts_with("/login")),
            "{actor} {action}: {status} {location}"
        ),
    }
}

#[rocket::async_test]
async fn the_authorization_matrix_holds_and_refusals_change_nothing() {
    use Expect::*;
    let app = TestApp::new().await;
    let (_, owner) = app.signed_in("Owner Person", None).await;
    let id = create_org(&owner, "32855961").await;
    // Two members: one acts, the other is the target of "remove".
    let (member, as_member) = app.signed_in("Member Person", None).await;
    let (target, as_target) = app.signed_in("Target Person", None).await;
    for (p, b) in [(&member, &as_member), (&target, &as_target)] {
        let link = invite(&app, &owner, &id, &p.email).await;
        assert_eq!(b.submit(&link, &[]).await.status, Status::SeeOther);
    }
    let unverified = app.browser();
    unverified
        .submit(
            "/register",
            &[
                ("name", "Not Verified"),
                ("email", "nv@example.org"),
                ("password", PASSWORD),
            ],
        )
        .await;
    unverified.login("nv@example.org", PASSWORD).await;
    let (_, stranger) = app.signed_in("Verified Stranger", None).await;
    let (_, organizer) = app
        .signed_in("Ministry Organizer", Some(Role::Organizer))
        .await;
    let (_, admin) = app.signed_in("Platform Admin", Some(Role::Admin)).await;
    let anonymous = app.browser();

    let actors: Vec<(&str, &Browser<'_>, [Expect; 5])> = vec![
        // view, edit page, edit, invite, remove
        (
            "anonymous",
            &anonymous,
            [SignIn, SignIn, SignIn, SignIn, SignIn],
        ),
        ("unverified", &unverified, [NotFound; 5]),
        ("stranger", &stranger, [NotFound; 5]),
        (
            "member",
            &as_member,
            [Allowed, Forbidden, Forbidden, Forbidden, Forbidden],
        ),
        (
            "organizer",
            &organizer,
            [Allowed, Forbidden, Forbidden, Forbidden, Forbidden],
        ),
        (
            "admin",
            &admin,
            [Allowed, Forbidden, Forbidden, Forbidden, Forbidden],
        ),
        ("owner", &owner, [Allowed; 5]),
    ];
    let org_path = format!("/organizations/{id}");
    let edit_path = format!("{org_path}/edit");
    let invite_path = format!("{org_path}/invitations");
    let remove_path = format!("{org_path}/members/{}/remove", target.id);
    let edited = with(&profile("32855961"), &[("full_name", "Захоплена назва")]);
    for (name, b, expect) in actors {
        let invitee = format!("invitee.{name}@example.org");
        let res = b.get(&org_path).await;
        check(name, "view", res.status, res.location(), expect[0]);
        if expect[0] == Allowed {
            assert!(
                res.html().text("main").contains("info@svitlo.org.ua"),
                "{name} sees contacts"
            );
        } else {
            assert!(
                !res.body.contains("info@svitlo.org.ua"),
                "{name} sees no contacts"
            );
        }
        let res = b.get(&edit_path).await;
        check(name, "edit page", res.status, res.location(), expect[1]);
        let res = b.submit(&edit_path, &as_refs(&edited)).await;
        check(name, "edit", res.status, res.location(), expect[2]);
        let res = b.submit(&invite_path, &[("email", &invitee)]).await;
        check(name, "invite", res.status, res.location(), expect[3]);
        let res = b.submit(&remove_path, &[]).await;
        check(name, "remove", res.status, res.location(), expect[4]);
        if name != "owner" {
            // Nothing changed.
            assert_eq!(
                app.org(&id).await.full_name,
                profile("32855961")[1].1,
                "{name}"
            );
            assert!(
                app.mails_to(&invitee).await.is_empty(),
                "{name}: no invitation"
            );
            assert_eq!(
                app.role_in(&id, &target.id).await,
                Some(MemberRole::Member),
                "{name}"
            );
        }
    }
    // The owner's actions took effect.
    assert_eq!(app.org(&id).await.full_name, "Захоплена назва");
    assert_eq!(app.mails_to("invitee.owner@example.org").await.len(), 1);
    assert_eq!(app.role_in(&id, &target.id).await, None);
    assert_eq!(as_target.get(&org_path).await.status, Status::NotFound);
    // Refused members get the owners-only message.
    let res = as_member.get(&edit_path).await;
    assert!(res.html().text("main").contains("лише власник"));
}
