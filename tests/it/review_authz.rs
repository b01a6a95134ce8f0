//! Authorization matrix of the review pages: anonymous, applicant, another
//! organizer, a juror of another competition, a recused juror, the juror.

use rocket::http::Status;

use crate::applications_support::{app, required_docs};
use crate::review_support::*;
use crate::support::{Browser, TestResponse};
use konkurs::accounts::model::Role;

fn denied(r: &TestResponse) -> bool {
    matches!(r.status, Status::NotFound | Status::Forbidden)
        || (r.status == Status::SeeOther && r.location().starts_with("/login"))
}

async fn hit(b: &Browser<'_>, method: &str, path: &str, fields: &[(&str, &str)]) -> TestResponse {
    match method {
        "GET" => b.get(path).await,
        _ => b.submit(path, fields).await,
    }
}

#[rocket::async_test]
async fn review_routes_by_role() {
    let app = app().await;
    let specs = [
        JurorSpec::member("Recused Roksolana").affiliated(0),
        JurorSpec::member("Juror Yurii"),
        JurorSpec::member("Juror Zoia"),
        JurorSpec::member("Juror Taras"),
    ];
    let fx = in_review(&app, 1, &specs).await;
    let p0 = fx.applicants[0].proposal.clone();
    let doc = required_docs(&app, &fx.comp).await[0].id.to_string();
    let recused = assignment_to(&app, &fx.comp, &fx.jurors[0].person.email, &p0)
        .await
        .unwrap();
    let own = assignment_to(&app, &fx.comp, &fx.jurors[1].person.email, &p0)
        .await
        .unwrap();
    declare(&fx.jurors[1].browser, &own.id, "none", "").await;
    // A juror of another competition (same organizer, second competition).
    let other = in_review(&app, 1, &[JurorSpec::member("Elsewhere Eva")]).await;
    let (_, other_org) = app
        .signed_in("Other Organizer", Some(Role::Organizer))
        .await;
    let anon = app.browser();
    let c = &fx.comp;
    let organizer_routes = [
        ("GET", format!("/organizer/competitions/{c}/jury")),
        ("POST", format!("/organizer/competitions/{c}/jury")),
        ("GET", format!("/organizer/competitions/{c}/review")),
        (
            "POST",
            format!("/organizer/competitions/{c}/review/reminders"),
        ),
    ];
    let juror_routes = [
        ("GET", format!("/reviews/{c}")),
        ("GET", format!("/reviews/{c}/affiliations")),
        ("POST", format!("/reviews/{c}/affiliations")),
        ("GET", format!("/reviews/assignments/{}", own.id)),
        ("POST", format!("/reviews/assignments/{}/scores", own.id)),
        ("POST", format!("/reviews/assignments/{}/coi", own.id)),
        ("GET", format!("/proposals/{p0}/documents/{doc}")),
    ];
    let fields = [
        ("full_name", "X"),
        ("email", "x@example.org"),
        ("role", "member"),
        ("edrpou", "1"),
        ("relation", "other"),
        ("note", ""),
        ("action", "draft"),
        ("coi", "none"),
        ("comment", ""),
    ];
    let applicant = &fx.applicants[0].browser;
    let juror_elsewhere = &other.jurors[0].browser;
    let recused_juror = &fx.jurors[0].browser;
    for (m, path) in &organizer_routes {
        for (who, b) in [
            ("anon", &anon),
            ("applicant", applicant),
            ("other organizer", &other_org),
            ("juror elsewhere", juror_elsewhere),
            ("juror", &fx.jurors[1].browser),
        ] {
            let r = hit(b, m, path, &fields).await;
            assert!(denied(&r), "{who} {m} {path}: {}", r.status);
        }
        if *m == "GET" {
            assert_eq!(fx.ob.get(path).await.status, Status::Ok, "organizer {path}");
        }
    }
    for (m, path) in &juror_routes {
        for (who, b) in [
            ("anon", &anon),
            ("applicant", applicant),
            ("other organizer", &other_org),
            ("juror elsewhere", juror_elsewhere),
            ("recused juror", recused_juror),
        ] {
            if who == "applicant" && path.contains("/documents/") {
                continue; // the applicant's own document
            }
            if who == "recused juror"
                && !path.contains("assignments")
                && !path.contains("/documents/")
            {
                continue; // a juror of this competition: their own pages
            }
            let r = hit(b, m, path, &fields).await;
            assert!(denied(&r), "{who} {m} {path}: {}", r.status);
        }
        if *m == "GET" {
            assert_eq!(
                fx.jurors[1].browser.get(path).await.status,
                Status::Ok,
                "juror {path}"
            );
        }
    }
    // The recused juror's own assignment page shows no content; its writes 404.
    let page = recused_juror
        .get(&format!("/reviews/assignments/{}", recused.id))
        .await;
    assert_eq!(page.status, Status::Ok);
    assert_eq!(page.html().count("#proposal-content"), 0);
    let r = recused_juror
        .submit(
            &format!("/reviews/assignments/{}/scores", recused.id),
            &[("action", "draft")],
        )
        .await;
    assert_eq!(r.status, Status::NotFound);
}
