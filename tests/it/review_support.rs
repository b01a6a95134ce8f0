//! Builders for jury review tests: a competition taken through submission
//! and admissibility into review with accepted jurors (invited, accepted
//! and affiliations confirmed through the real pages), and helpers to
//! declare and score. Other suites reuse [`in_review`] and [`score_all`].

#![allow(dead_code)]

use chrono::NaiveDateTime;
use diesel::RunQueryDsl;
use rocket::http::Status;

use crate::applications_support::{self as aps, deadline, open_time};
use crate::competitions_support::{self as cs};
use crate::support::people::Person;
use crate::support::{Browser, TestApp, TestResponse};
use konkurs::accounts::model::Role;
use konkurs::applications::ProposalId;
use konkurs::competitions::CompetitionId;
use konkurs::review::ids::AssignmentId;

/// A juror to seat: name, role and the proposals (by index) whose
/// applicant's EDRPOU they list as an affiliation.
#[derive(Clone)]
pub struct JurorSpec {
    pub name: &'static str,
    pub role: &'static str,
    pub affiliated_with: Vec<usize>,
}

impl JurorSpec {
    pub fn member(name: &'static str) -> Self {
        JurorSpec {
            name,
            role: "member",
            affiliated_with: vec![],
        }
    }
    pub fn reserve(name: &'static str) -> Self {
        JurorSpec {
            name,
            role: "reserve",
            affiliated_with: vec![],
        }
    }
    pub fn affiliated(mut self, proposal: usize) -> Self {
        self.affiliated_with.push(proposal);
        self
    }
}

pub struct Applicant<'a> {
    pub person: Person,
    pub browser: Browser<'a>,
    pub proposal: ProposalId,
    pub edrpou: String,
}

pub struct Juror<'a> {
    pub person: Person,
    pub browser: Browser<'a>,
}

pub struct ReviewFixture<'a> {
    pub organizer: Person,
    pub ob: Browser<'a>,
    pub comp: CompetitionId,
    pub applicants: Vec<Applicant<'a>>,
    pub jurors: Vec<Juror<'a>>,
}

/// A valid EDRPOU code (check digit computed by trying the ten endings).
pub fn valid_edrpou() -> String {
    let stem = format!("{:07}", uuid::Uuid::now_v7().as_u128() % 10_000_000);
    (0..10)
        .map(|d| format!("{stem}{d}"))
        .find(|c| konkurs::organizations::edrpou::parse(c).is_ok())
        .expect("one ending is valid")
}

/// An organization with a valid EDRPOU owned by `owner`: (id, edrpou).
pub async fn org_with_code(app: &TestApp, owner: &Person) -> (String, String) {
    let id = uuid::Uuid::now_v7().to_string();
    let code = valid_edrpou();
    let sql = format!(
        "INSERT INTO organizations (id, edrpou, full_name, short_name, legal_form, registered_on, oblast, address, email, phone, website, created_by, created_at, updated_at) \
         VALUES ('{id}', '{code}', 'ГО «Заявник {code}»', '', 'public_organization', '2020-03-01', 'UA-30', 'Київ', 'ngo@example.org', '+380441234567', NULL, '{}', '2026-12-01 10:00:00', '2026-12-01 10:00:00')",
        owner.id
    );
    let member = format!(
        "INSERT INTO organization_members (organization_id, user_id, role, added_at, added_by) VALUES ('{id}', '{}', 'owner', '2026-12-01 10:00:00', NULL)",
        owner.id
    );
    app.db()
        .run(move |c| {
            diesel::sql_query(sql).execute(c)?;
            diesel::sql_query(member).execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    (id, code)
}

/// An organizer with an announced competition built from `fields`, the
/// clock inside its call window.
pub async fn open_with<'a>(
    app: &'a TestApp,
    fields: &[(String, String)],
) -> (Person, Browser<'a>, CompetitionId) {
    app.clock.set(cs::start());
    let (org, b) = app
        .signed_in("Orest Organizer", Some(Role::Organizer))
        .await;
    let id = cs::create_draft(&b, fields).await;
    cs::announce(&b, &id).await;
    app.clock.set(open_time());
    cs::relogin(&b, &org).await;
    (org, b, id)
}

/// Invites `email` to the jury as the organizer; returns the response.
pub async fn invite(
    ob: &Browser<'_>,
    comp: &CompetitionId,
    name: &str,
    email: &str,
    role: &str,
) -> TestResponse {
    ob.submit(
        &format!("/organizer/competitions/{comp}/jury"),
        &[("full_name", name), ("email", email), ("role", role)],
    )
    .await
}

/// A person invited, signed in and accepted (affiliations not confirmed).
pub async fn accepted_juror<'a>(
    app: &'a TestApp,
    ob: &Browser<'_>,
    comp: &CompetitionId,
    name: &str,
    role: &str,
) -> Juror<'a> {
    let (person, browser) = app.signed_in(name, None).await;
    let res = invite(ob, comp, name, &person.email, role).await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    let link = app.link_in_mail(&person.email, "/jury/invitations/").await;
    let res = browser.submit(&link, &[]).await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    assert!(
        res.location().ends_with("/affiliations"),
        "{}",
        res.location()
    );
    Juror { person, browser }
}

pub async fn add_affiliation(b: &Browser<'_>, comp: &CompetitionId, code: &str) -> TestResponse {
    b.submit(
        &format!("/reviews/{comp}/affiliations"),
        &[("edrpou", code), ("relation", "employee"), ("note", "")],
    )
    .await
}

pub async fn confirm(b: &Browser<'_>, comp: &CompetitionId) -> TestResponse {
    b.submit(
        &format!("/reviews/{comp}/affiliations/confirm"),
        &[("affiliations_note", "")],
    )
    .await
}

pub async fn step(ob: &Browser<'_>, comp: &CompetitionId, name: &str) -> String {
    let res = ob
        .submit(&format!("/organizer/competitions/{comp}/steps/{name}"), &[])
        .await;
    cs::flash_after(ob, &res).await
}

/// `n` admitted proposals in admissibility (clock after the deadline).
pub async fn admitted<'a>(
    app: &'a TestApp,
    organizer: &Person,
    ob: &Browser<'_>,
    comp: &CompetitionId,
    n: usize,
) -> Vec<Applicant<'a>> {
    let mut applicants = vec![];
    for i in 0..n {
        let (person, browser) = app.signed_in(&format!("Applicant {i}"), None).await;
        let (org, edrpou) = org_with_code(app, &person).await;
        let proposal = aps::ready(app, &browser, comp, &org).await;
        assert_eq!(
            aps::submit(&browser, &proposal).await.status,
            Status::SeeOther
        );
        applicants.push(Applicant {
            person,
            browser,
            proposal,
            edrpou,
        });
    }
    app.clock.set(deadline() + chrono::Duration::hours(1));
    cs::relogin(ob, organizer).await;
    step(ob, comp, "admissibility").await;
    for a in &applicants {
        let decision = [("decision", "admit"), ("reason", ""), ("text", "")];
        ob.submit(
            &format!("/organizer/proposals/{}/decision", a.proposal),
            &decision,
        )
        .await;
    }
    applicants
}

/// A competition (from `fields`) in review with `n` admitted proposals and
/// the given jurors accepted with their affiliations confirmed.
pub async fn in_review_with<'a>(
    app: &'a TestApp,
    fields: &[(String, String)],
    n: usize,
    specs: &[JurorSpec],
) -> ReviewFixture<'a> {
    let (organizer, ob, comp) = open_with(app, fields).await;
    let applicants = admitted(app, &organizer, &ob, &comp, n).await;
    let mut jurors = vec![];
    for s in specs {
        let j = accepted_juror(app, &ob, &comp, s.name, s.role).await;
        for &p in &s.affiliated_with {
            let res = add_affiliation(&j.browser, &comp, &applicants[p].edrpou).await;
            assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        }
        assert_eq!(confirm(&j.browser, &comp).await.status, Status::SeeOther);
        jurors.push(j);
    }
    let flash = step(&ob, &comp, "review").await;
    assert_eq!(
        cs::load(app, &comp).await.state,
        konkurs::competitions::State::Review,
        "{flash}"
    );
    ReviewFixture {
        organizer,
        ob,
        comp,
        applicants,
        jurors,
    }
}

/// [`in_review_with`] with the standard competition (3 jurors per proposal).
pub async fn in_review<'a>(app: &'a TestApp, n: usize, specs: &[JurorSpec]) -> ReviewFixture<'a> {
    in_review_with(app, &cs::complete_fields(), n, specs).await
}

/// The standard fields with a whole-jury mode.
pub fn whole_jury_fields() -> Vec<(String, String)> {
    let f = cs::with(&cs::complete_fields(), "jury_mode", "whole_jury");
    cs::with(&f, "jurors_per_proposal", "")
}

/// The standard fields with `k` jurors per proposal.
pub fn k_fields(k: usize) -> Vec<(String, String)> {
    cs::with(
        &cs::complete_fields(),
        "jurors_per_proposal",
        &k.to_string(),
    )
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: AssignmentId,
    pub proposal: ProposalId,
    pub coi: String,
    pub origin: String,
    pub submitted_at: Option<NaiveDateTime>,
}

/// A juror's active assignments (by e-mail), oldest first.
pub async fn assignments(app: &TestApp, comp: &CompetitionId, email: &str) -> Vec<Row> {
    let (comp, email) = (comp.clone(), email.to_string());
    app.db()
        .run(move |c| {
            let mut out = vec![];
            for j in konkurs::review::model::jurors(c, &comp)? {
                if j.email != email {
                    continue;
                }
                let mut rows = konkurs::review::model::assignments_of(c, &j.id)?;
                rows.sort_by_key(|a| a.created_at);
                for a in rows {
                    out.push(Row {
                        id: a.id,
                        proposal: a.proposal_id,
                        coi: a.coi,
                        origin: a.origin,
                        submitted_at: a.submitted_at,
                    });
                }
            }
            Ok(out)
        })
        .await
        .unwrap()
}

/// The juror's assignment to a proposal, if any.
pub async fn assignment_to(
    app: &TestApp,
    comp: &CompetitionId,
    email: &str,
    p: &ProposalId,
) -> Option<Row> {
    assignments(app, comp, email)
        .await
        .into_iter()
        .find(|r| &r.proposal == p)
}

pub async fn declare(b: &Browser<'_>, a: &AssignmentId, coi: &str, comment: &str) -> TestResponse {
    b.submit(
        &format!("/reviews/assignments/{a}/coi"),
        &[("coi", coi), ("comment", comment)],
    )
    .await
}

/// The competition's criteria: (id, max points).
pub async fn criteria(app: &TestApp, comp: &CompetitionId) -> Vec<(String, i64)> {
    let comp = comp.clone();
    app.db()
        .run(move |c| Ok(konkurs::competitions::model::criteria(c, &comp)?))
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id.to_string(), i64::from(c.max_points)))
        .collect()
}

/// Posts a score sheet: (points, comment) per criterion in order.
pub async fn post_scores(
    app: &TestApp,
    b: &Browser<'_>,
    comp: &CompetitionId,
    a: &AssignmentId,
    sheet: &[(&str, &str)],
    action: &str,
) -> TestResponse {
    let crit = criteria(app, comp).await;
    let mut fields: Vec<(String, String)> = vec![("action".into(), action.into())];
    for (i, ((id, _), (points, comment))) in crit.iter().zip(sheet).enumerate() {
        fields.push((format!("criteria[{i}].id"), id.clone()));
        fields.push((format!("criteria[{i}].points"), points.to_string()));
        fields.push((format!("criteria[{i}].comment"), comment.to_string()));
    }
    b.submit(
        &format!("/reviews/assignments/{a}/scores"),
        &cs::as_refs(&fields),
    )
    .await
}

/// Every juror declares "none" where undeclared and submits `points` on
/// every criterion (capped at each maximum) of every open assignment.
pub async fn score_all(app: &TestApp, fx: &ReviewFixture<'_>, points: i64) {
    let crit = criteria(app, &fx.comp).await;
    for j in &fx.jurors {
        for row in assignments(app, &fx.comp, &j.person.email).await {
            if row.coi == "pending" {
                let res = declare(&j.browser, &row.id, "none", "").await;
                assert_eq!(res.status, Status::SeeOther, "{}", res.body);
            } else if row.coi != "none" {
                continue;
            }
            if row.submitted_at.is_some() {
                continue;
            }
            let values: Vec<String> = crit
                .iter()
                .map(|(_, m)| points.min(*m).to_string())
                .collect();
            let sheet: Vec<(&str, &str)> = values
                .iter()
                .map(|v| (v.as_str(), "Обґрунтовано"))
                .collect();
            let res = post_scores(app, &j.browser, &fx.comp, &row.id, &sheet, "submit").await;
            assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        }
    }
}

/// `lifecycle::pending_reviews` for the competition.
pub async fn pending(app: &TestApp, comp: &CompetitionId) -> i64 {
    let comp = comp.clone();
    app.db()
        .run(move |c| konkurs::competitions::lifecycle::pending_reviews(c, &comp))
        .await
        .unwrap()
}

/// The engine's view of the round-1 scores, keyed by proposal.
pub async fn engine_scores(
    app: &TestApp,
    comp: &CompetitionId,
) -> std::collections::BTreeMap<ProposalId, Vec<konkurs::scoring::JurorScore>> {
    let comp = comp.clone();
    app.db()
        .run(move |c| konkurs::review::engine::scores(c, &comp, 1))
        .await
        .unwrap()
}

/// A round's stored (points, comment) per criterion, in criterion order.
pub async fn stored_scores(
    app: &TestApp,
    a: &konkurs::review::ids::AssignmentId,
    round: i32,
) -> Vec<(Option<i32>, String)> {
    let a = a.clone();
    app.db()
        .run(move |c| {
            let row = konkurs::review::model::assignment(c, &a)?.unwrap();
            let crit = konkurs::competitions::model::criteria(c, &row.competition_id)?;
            let s = konkurs::review::scores::stored(c, &row, round)?;
            Ok(crit
                .iter()
                .map(|k| {
                    s.iter()
                        .find(|(id, _, _)| *id == k.id.to_string())
                        .map(|(_, p, c)| (*p, c.clone()))
                        .unwrap_or((None, String::new()))
                })
                .collect())
        })
        .await
        .unwrap()
}
