//! The public audit log reveals nothing that is not public at that moment:
//! admissibility reasons wait for publication, personal fields never show,
//! and the chain verifies before and after publication.

use serde_json::json;

use crate::competitions_support::{self as cs, utc};
use crate::publication_seed::*;
use konkurs::audit::{self, NewEntry};

#[rocket::async_test]
async fn details_are_deferred_until_publication_and_the_chain_still_verifies() {
    let app = crate::applications_support::app().await;
    let (s, _) = finalized(&app).await;
    // A public entry that carries a personal field (as a careless feature might).
    let id = s.id.clone();
    let now = app.now();
    app.db()
        .write(move |c| {
            let e = NewEntry::new("review.juror_invited", "juror", None)
                .competition(&id)
                .details(json!({"email": "secret.juror@example.org", "role": "member"}))
                .public(true);
            audit::record(c, now, e)?;
            Ok(())
        })
        .await
        .unwrap();
    let anonymous = app.browser();
    let log = format!("/audit?competition={}", s.id);
    let before = anonymous.get(&log).await;
    assert!(!before.body.contains(NOT_ADMITTED_TEXT), "reason deferred");
    assert!(!before.body.contains("secret.juror@example.org"));
    assert!(
        before.html().count(".deferred") >= 5,
        "the five admissibility decisions"
    );
    let verify = anonymous.get("/audit/verify").await.html();
    assert!(
        verify.text("main").contains("цілісний"),
        "{}",
        verify.text("main")
    );

    app.clock.set(utc("2027-03-10 10:00"));
    cs::relogin(&s.b, &s.organizer).await;
    assert!(step(&s.b, &s.id, "publish").await.contains("оприлюднено"));
    let after = anonymous.get(&log).await;
    assert!(
        after.body.contains(NOT_ADMITTED_TEXT),
        "disclosed with the results"
    );
    assert!(!after.body.contains("secret.juror@example.org"), "never");
    assert_eq!(after.html().count(".deferred"), 0);
    let verify = anonymous.get("/audit/verify").await.html();
    assert!(
        verify.text("main").contains("цілісний"),
        "{}",
        verify.text("main")
    );
    let report = app.db().run(|c| audit::verify(c)).await.unwrap();
    assert!(
        matches!(report, audit::VerifyReport::Ok { .. }),
        "{report:?}"
    );
}
