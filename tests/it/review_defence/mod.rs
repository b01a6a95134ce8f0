//! The open defence: scheduling checks, who may schedule, publication on the
//! competition page and in the feed, notices to applicants, refusals when
//! the rules do not enable it or the state or time is wrong, and the second
//! round opening with the first session.
//!
//! Builders: a competition whose rules enable the open defence, in
//! admissibility, with admitted proposals (and one not admitted), and
//! helpers to post the session form.

#![allow(dead_code)]

mod publication;
mod rules;
mod scheduling;

use chrono::NaiveDateTime;
use rocket::http::Status;

use crate::applications_support::{self as aps, applicant, deadline, ready, submit};
use crate::competitions_support::{self as cs, as_refs, complete_fields, with};
use crate::support::people::Person;
use crate::support::{Browser, TestApp, TestResponse};
use konkurs::applications::ProposalId;
use konkurs::competitions::CompetitionId;

pub struct Applicant<'a> {
    pub person: Person,
    pub browser: Browser<'a>,
    pub proposal: ProposalId,
    pub number: String,
    pub title: String,
}

pub struct Fx<'a> {
    pub organizer: Person,
    pub ob: Browser<'a>,
    pub comp: CompetitionId,
    /// Admitted, in registration order.
    pub admitted: Vec<Applicant<'a>>,
    /// Lodged but not admitted.
    pub rejected: Applicant<'a>,
}

/// After the deadline: admissibility has started.
pub fn after_deadline() -> NaiveDateTime {
    deadline() + chrono::Duration::hours(1)
}

/// Kyiv wall-clock start of the first test session and its UTC instant.
pub const FIRST: &str = "2027-02-20T10:00";
pub fn first_utc() -> NaiveDateTime {
    cs::utc("2027-02-20 08:00")
}

async fn number(app: &TestApp, id: &ProposalId) -> (String, String) {
    let id = id.clone();
    app.db()
        .run(move |c| {
            let p = konkurs::applications::model::find(c, &id)?.expect("proposal");
            Ok((p.registration_number.unwrap_or_default(), p.title))
        })
        .await
        .unwrap()
}

/// A competition with `open_defence` as given, `admitted` admitted
/// proposals and one not admitted, in admissibility (clock after the deadline).
pub async fn competition(app: &TestApp, open_defence: bool, admitted: usize) -> Fx<'_> {
    let (organizer, ob) = app
        .signed_in(
            "Olena Organizer",
            Some(konkurs::accounts::model::Role::Organizer),
        )
        .await;
    let fields = if open_defence {
        with(&complete_fields(), "open_defence", "true")
    } else {
        complete_fields()
    };
    let comp = cs::create_draft(&ob, &fields).await;
    cs::announce(&ob, &comp).await;
    app.clock.set(aps::open_time());
    let mut lodged = vec![];
    for i in 0..=admitted {
        let (person, browser, org) = applicant(app, &format!("Applicant {i}")).await;
        let proposal = ready(app, &browser, &comp, &org).await;
        assert_eq!(submit(&browser, &proposal).await.status, Status::SeeOther);
        let (number, title) = number(app, &proposal).await;
        lodged.push(Applicant {
            person,
            browser,
            proposal,
            number,
            title,
        });
    }
    app.clock.set(after_deadline());
    cs::relogin(&ob, &organizer).await;
    for a in &lodged {
        cs::relogin(&a.browser, &a.person).await;
    }
    let step = format!("/organizer/competitions/{comp}/steps/admissibility");
    assert_eq!(ob.submit(&step, &[]).await.status, Status::SeeOther);
    let rejected = lodged.pop().expect("one to reject");
    for a in &lodged {
        let d = [("decision", "admit"), ("reason", ""), ("text", "")];
        let res = ob
            .submit(&format!("/organizer/proposals/{}/decision", a.proposal), &d)
            .await;
        assert!(cs::flash_after(&ob, &res)
            .await
            .contains("Рішення збережено"));
    }
    let d = [
        ("decision", "reject"),
        ("reason", "missing_documents"),
        ("text", ""),
    ];
    ob.submit(
        &format!("/organizer/proposals/{}/decision", rejected.proposal),
        &d,
    )
    .await;
    Fx {
        organizer,
        ob,
        comp,
        admitted: lodged,
        rejected,
    }
}

/// Session form fields: start, place, link and `(proposal, position)` pairs.
pub fn session(
    starts_at: &str,
    place: &str,
    url: &str,
    order: &[(&ProposalId, &str)],
) -> Vec<(String, String)> {
    let mut f = vec![
        ("starts_at".to_string(), starts_at.to_string()),
        ("place".to_string(), place.to_string()),
        ("online_url".to_string(), url.to_string()),
    ];
    for (p, pos) in order {
        f.push((format!("positions[{p}]"), pos.to_string()));
    }
    f
}

pub fn sessions_url(comp: &CompetitionId) -> String {
    format!("/organizer/competitions/{comp}/defence")
}

pub async fn post(b: &Browser<'_>, path: &str, fields: &[(String, String)]) -> TestResponse {
    b.submit(path, &as_refs(fields)).await
}

/// Schedules through the form; asserts success; returns the session's ID.
pub async fn schedule(app: &TestApp, fx: &Fx<'_>, fields: &[(String, String)]) -> String {
    let before = session_ids(app, &fx.comp).await;
    let res = post(&fx.ob, &sessions_url(&fx.comp), fields).await;
    let flash = cs::flash_after(&fx.ob, &res).await;
    assert!(flash.contains("призначено"), "{flash}");
    session_ids(app, &fx.comp)
        .await
        .into_iter()
        .find(|id| !before.contains(id))
        .expect("a new session")
}

/// The competition's session IDs (cancelled ones too).
pub async fn session_ids(app: &TestApp, comp: &CompetitionId) -> Vec<String> {
    let comp = comp.clone();
    app.db()
        .run(move |c| Ok(konkurs::review::defence::model::of_competition(c, &comp)?))
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id.to_string())
        .collect()
}

pub async fn round2(app: &TestApp, comp: &CompetitionId) -> bool {
    let (comp, now) = (comp.clone(), app.now());
    app.db()
        .run(move |c| konkurs::review::defence::second_round_open(c, &comp, now))
        .await
        .unwrap()
}

pub fn invalid(res: &TestResponse, field: &str, needle: &str) {
    assert_eq!(res.status, Status::UnprocessableEntity, "{}", res.body);
    let h = res.html();
    let summary = h.text(".error-summary");
    assert!(summary.contains(needle), "summary: {summary}");
    assert_eq!(
        h.attr(&format!(".error-summary a[href='#{field}']"), "href"),
        Some(format!("#{field}"))
    );
    assert!(
        h.count(&format!("#{field}-error")) == 1,
        "inline error on {field}"
    );
}
