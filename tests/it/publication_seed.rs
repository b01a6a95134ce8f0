//! Finalized competitions for the publication tests, taken through the
//! real app from start to end.
//!
//! [`deliberation`]: announced (fund 250 000 грн), six applicants whose
//! organizations have valid EDRPOU codes submit (one withdraws before the
//! deadline), admissibility (four admitted, one not admitted with a
//! reason), the [`JURY`] invited, accepted and affiliations confirmed (the
//! third lists the first applicant's EDRPOU: an automatic recusal), the
//! review, every COI declared and the [`POINTS`] submitted, the review
//! closed (complete). [`seed_review`] finalizes through the organizer's
//! form and reads back the frozen `ResultsDoc`.

#![allow(dead_code)]

use diesel::prelude::*;
use rocket::http::Status;

use crate::applications_support as aps;
use crate::competitions_support::{self as cs, utc};
use crate::review_support as rs;
use crate::support::people::{Person, PASSWORD};
use crate::support::{Browser, TestApp};
use konkurs::accounts::model::Role;
use konkurs::applications::ProposalId;
use konkurs::competitions::CompetitionId;
use konkurs::db::ids::UserId;
use konkurs::db::schema::{competition_results, proposals, users};
use konkurs::review::document::ResultsDoc;

pub struct Applicant {
    pub person: Person,
    pub proposal: ProposalId,
    pub reg: String,
    /// The organization's (valid) EDRPOU code.
    pub edrpou: String,
}

pub struct Seeded<'a> {
    pub organizer: Person,
    pub b: Browser<'a>,
    pub id: CompetitionId,
    /// In registration order: 0–3 admitted, 4 not admitted, 5 withdrawn.
    pub applicants: Vec<Applicant>,
}

/// The jury in invitation order: (name, role); labels are names (the
/// competition publishes them). The third is affiliated with the first
/// applicant's organization.
pub const JURY: [(&str, &str); 3] = [
    ("Олена Коваль", "chair"),
    ("Петро Мельник", "member"),
    ("Ірина Шевчук", "member"),
];

/// Points (criterion 1 of 10 × 2, criterion 2 of 5 × 1) per admitted
/// proposal and juror; `None` = recused (automatic, affiliation).
/// Medians: 21.5, 22 (divergent: 25 vs 10), 19, 12 (below the pass mark 15).
pub const POINTS: [[Option<(u32, u32)>; 3]; 4] = [
    [Some((9, 5)), Some((8, 4)), None],
    [Some((10, 5)), Some((9, 4)), Some((4, 2))],
    [Some((7, 3)), Some((8, 3)), Some((8, 4))],
    [Some((5, 2)), Some((6, 1)), Some((4, 3))],
];

pub const NOT_ADMITTED_TEXT: &str = "Кошторис містить витрати, яких не дозволяють умови.";

pub async fn step(b: &Browser<'_>, id: &CompetitionId, name: &str) -> String {
    let res = b
        .submit(&format!("/organizer/competitions/{id}/steps/{name}"), &[])
        .await;
    cs::flash_after(b, &res).await
}

/// A competition in deliberation with six applicants, the review scored
/// and closed (see the module doc).
pub async fn deliberation(app: &TestApp) -> Seeded<'_> {
    let (organizer, b) = app
        .signed_in("Orest Organizer", Some(Role::Organizer))
        .await;
    let fields = cs::with(&cs::complete_fields(), "fund", "250 000");
    let id = cs::create_draft(&b, &fields).await;
    cs::announce(&b, &id).await;
    app.clock.set(aps::open_time());
    cs::relogin(&b, &organizer).await;
    let names = [
        "Anna Applicant",
        "Bohdan Applicant",
        "Vira Applicant",
        "Halyna Applicant",
        "Dmytro Applicant",
        "Yevhen Applicant",
    ];
    let mut applicants = vec![];
    for name in names {
        let (person, ab) = app.signed_in(name, None).await;
        let (org, edrpou) = rs::org_with_code(app, &person).await;
        let proposal = aps::ready(app, &ab, &id, &org).await;
        assert_eq!(aps::submit(&ab, &proposal).await.status, Status::SeeOther);
        if name == names[5] {
            let res = ab
                .submit(&format!("/proposals/{proposal}/withdraw"), &[])
                .await;
            assert_eq!(res.status, Status::SeeOther);
        }
        let reg = registration_number(app, &proposal).await;
        applicants.push(Applicant {
            person,
            proposal,
            reg,
            edrpou,
        });
    }
    app.clock.set(utc("2027-02-11 08:00"));
    cs::relogin(&b, &organizer).await;
    step(&b, &id, "admissibility").await;
    for (i, a) in applicants.iter().take(5).enumerate() {
        let fields: Vec<(&str, &str)> = if i < 4 {
            vec![("decision", "admit")]
        } else {
            vec![
                ("decision", "reject"),
                ("reason", "budget_rules"),
                ("text", NOT_ADMITTED_TEXT),
            ]
        };
        let res = b
            .submit(
                &format!("/organizer/proposals/{}/decision", a.proposal),
                &fields,
            )
            .await;
        assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    }
    let jurors = seat_jury(app, &b, &id, &applicants[0].edrpou).await;
    let flash = step(&b, &id, "review").await;
    assert!(flash.contains("оцінювання"), "{flash}");
    score(app, &id, &jurors, &applicants).await;
    let res = b
        .submit(
            &format!("/organizer/competitions/{id}/review/close"),
            &[("reason", "")],
        )
        .await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    assert_eq!(
        cs::load(app, &id).await.state,
        konkurs::competitions::State::Deliberation
    );
    Seeded {
        organizer,
        b,
        id,
        applicants,
    }
}

/// [`deliberation`] plus the finalized results.
pub async fn finalized(app: &TestApp) -> (Seeded<'_>, ResultsDoc) {
    let s = deliberation(app).await;
    let doc = seed_review(app, &s.id, &s.organizer.id).await;
    (s, doc)
}

/// [`finalized`] and published by its organizer.
pub async fn published(app: &TestApp) -> (Seeded<'_>, ResultsDoc) {
    let (s, doc) = finalized(app).await;
    app.clock.set(utc("2027-03-10 10:00"));
    cs::relogin(&s.b, &s.organizer).await;
    let flash = step(&s.b, &s.id, "publish").await;
    assert!(flash.contains("оприлюднено"), "{flash}");
    (s, doc)
}

/// Invites the [`JURY`]; each accepts and confirms their affiliations, the
/// third with `affiliated` (an applicant's EDRPOU) among them.
async fn seat_jury<'a>(
    app: &'a TestApp,
    b: &Browser<'_>,
    id: &CompetitionId,
    affiliated: &str,
) -> Vec<rs::Juror<'a>> {
    let mut jurors = vec![];
    for (i, (name, role)) in JURY.iter().enumerate() {
        let j = rs::accepted_juror(app, b, id, name, role).await;
        if i == 2 {
            let res = rs::add_affiliation(&j.browser, id, affiliated).await;
            assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        }
        let res = rs::confirm(&j.browser, id).await;
        assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        jurors.push(j);
    }
    jurors
}

/// Each juror declares no conflict on every assignment not recused
/// automatically and submits the [`POINTS`].
async fn score(app: &TestApp, id: &CompetitionId, jurors: &[rs::Juror<'_>], a: &[Applicant]) {
    for (j, juror) in jurors.iter().enumerate() {
        for row in rs::assignments(app, id, &juror.person.email).await {
            let i = a
                .iter()
                .position(|x| x.proposal == row.proposal)
                .expect("an admitted proposal");
            let Some((c1, c2)) = POINTS[i][j] else {
                assert_eq!(row.coi, "auto", "juror {j} on proposal {i}");
                continue;
            };
            let res = rs::declare(&juror.browser, &row.id, "none", "").await;
            assert_eq!(res.status, Status::SeeOther, "{}", res.body);
            let (c1, c2) = (c1.to_string(), c2.to_string());
            let sheet = [
                (c1.as_str(), "Обґрунтовано."),
                (c2.as_str(), "Обґрунтовано."),
            ];
            let res = rs::post_scores(app, &juror.browser, id, &row.id, &sheet, "submit").await;
            assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        }
    }
}

async fn registration_number(app: &TestApp, id: &ProposalId) -> String {
    let id = id.clone();
    app.db()
        .run(move |c| {
            Ok(proposals::table
                .find(&id)
                .select(proposals::registration_number)
                .first::<Option<String>>(c)?)
        })
        .await
        .unwrap()
        .expect("submitted")
}

/// Finalizes the results as `organizer` (signed in afresh) through the
/// form and returns the frozen document as stored.
pub async fn seed_review(app: &TestApp, id: &CompetitionId, organizer: &UserId) -> ResultsDoc {
    let uid = organizer.clone();
    let email: String = app
        .db()
        .run(move |c| Ok(users::table.find(&uid).select(users::email).first(c)?))
        .await
        .unwrap();
    let b = app.browser();
    b.login(&email, PASSWORD).await;
    let res = b
        .submit(&format!("/organizer/competitions/{id}/finalize"), &[])
        .await;
    let flash = cs::flash_after(&b, &res).await;
    assert!(flash.contains("затверджено"), "{flash}");
    stored_results(app, id).await
}

/// The frozen results document of a competition, parsed.
pub async fn stored_results(app: &TestApp, id: &CompetitionId) -> ResultsDoc {
    let id = id.clone();
    let bytes: String = app
        .db()
        .run(move |c| {
            Ok(competition_results::table
                .find(&id)
                .select(competition_results::document)
                .first(c)?)
        })
        .await
        .unwrap();
    ResultsDoc::parse(&bytes).expect("a valid results document")
}
