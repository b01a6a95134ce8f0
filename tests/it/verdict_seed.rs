//! The fixture of the verdict tests (closing, deliberation, overrides,
//! finalization), taken through the real app: draft, announcement, four
//! proposals submitted with different budgets, admissibility, three jurors
//! invited, accepted and affiliations confirmed, the review (whole jury);
//! then [`Seed::score_fixture`] declares conflicts of interest and submits
//! scores through the jurors' forms.

#![allow(dead_code)]

use chrono::NaiveDateTime;
use rocket::http::Status;

use crate::applications_support::{self as aps, applicant, submit};
use crate::competitions_support::{self as cs, as_refs, with};
use crate::review_support as rs;
use crate::support::people::Person;
use crate::support::{Browser, TestApp};
use konkurs::accounts::model::Role;
use konkurs::applications::ProposalId;
use konkurs::competitions::{model, CompetitionId};
use konkurs::review::ids::JurorId;

/// A competition in review with its jury.
pub struct Seed<'a> {
    pub organizer: Person,
    pub ob: Browser<'a>,
    pub comp: CompetitionId,
    /// In registration order: (id, registration number).
    pub proposals: Vec<(ProposalId, String)>,
    /// In invitation order (labels `Експерт 1..3`).
    pub jurors: Vec<(Person, JurorId)>,
    /// The jurors' signed-in browsers, in the order of `jurors`.
    pub juror_browsers: Vec<Browser<'a>>,
    /// Criterion IDs in order (max 10 × weight 2, max 5 × weight 1).
    pub criteria: Vec<String>,
}

/// Mean aggregation, pass mark 15, divergence threshold 8, `skip` when the
/// next proposal does not fit, fund 200 000 грн, cap 150 000 грн, names of
/// jurors not published (labels `Експерт n`).
pub fn fields() -> Vec<(String, String)> {
    let f = cs::complete_fields();
    let f = with(&f, "aggregation", "mean");
    let f = with(&f, "when_next_does_not_fit", "skip");
    let f = with(&f, "fund", "200 000");
    let f = with(&f, "cap", "150 000");
    let f = with(&f, "jury_mode", "whole_jury");
    let f = with(&f, "jurors_per_proposal", "");
    f.into_iter()
        .filter(|(k, _)| k != "publish_juror_names")
        .collect()
}

fn t(s: &str) -> NaiveDateTime {
    cs::utc(s)
}

/// The jury in invitation order: (name, role).
pub const JURY: [(&str, &str); 3] = [
    ("Andrii Juror", "chair"),
    ("Bohdana Juror", "member"),
    ("Vasyl Juror", "member"),
];

/// The standard proposal with `requested` hryvnias in total: the first
/// budget line (one unit) carries all but the second line's 9 000, with a
/// quarter of it on top as own contribution.
fn proposal_fields(requested: i64) -> Vec<(String, String)> {
    let first = requested - 9_000;
    let own = first / 4;
    let f = aps::complete();
    let f = with(&f, "budget[0].quantity", "1");
    let f = with(&f, "budget[0].unit_price", &(first + own).to_string());
    let f = with(&f, "budget[0].requested", &first.to_string());
    with(&f, "budget[0].own", &own.to_string())
}

/// A complete proposal requesting `requested` hryvnias: ready to submit.
async fn ready(
    app: &TestApp,
    b: &Browser<'_>,
    comp: &CompetitionId,
    org: &str,
    requested: i64,
) -> ProposalId {
    let id = aps::start(b, comp, org).await;
    let res = aps::save(b, &id, &proposal_fields(requested)).await;
    assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    let docs = aps::required_docs(app, comp).await;
    let flash = aps::upload_flash(b, &id, docs[0].id.as_str(), &aps::fixture("001-")).await;
    assert!(flash.contains("завантажено"), "{flash}");
    id
}

/// Four proposals (requested 150 000, 100 000, 40 000, 60 000 грн), all
/// admitted, and the three [`JURY`] members accepted with their
/// affiliations confirmed; the competition is in review (every juror
/// assigned to every proposal) and the clock stands on 2027-02-15.
pub async fn in_review(app: &TestApp) -> Seed<'_> {
    let (organizer, ob) = app
        .signed_in("Orest Organizer", Some(Role::Organizer))
        .await;
    let comp = cs::create_draft(&ob, &fields()).await;
    cs::announce(&ob, &comp).await;
    app.clock.set(aps::open_time());
    let mut ids = Vec::new();
    for (name, requested) in [
        ("Anna Applicant", 150_000),
        ("Borys Applicant", 100_000),
        ("Vira Applicant", 40_000),
        ("Halyna Applicant", 60_000),
    ] {
        let (_, b, org) = applicant(app, name).await;
        let id = ready(app, &b, &comp, &org, requested).await;
        assert_eq!(submit(&b, &id).await.status, Status::SeeOther);
        ids.push(id);
    }
    app.clock.set(aps::deadline() + chrono::Duration::hours(1));
    cs::relogin(&ob, &organizer).await;
    rs::step(&ob, &comp, "admissibility").await;
    for id in &ids {
        let decision = [("decision", "admit"), ("reason", ""), ("text", "")];
        let res = ob
            .submit(&format!("/organizer/proposals/{id}/decision"), &decision)
            .await;
        assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    }
    let mut seated = Vec::new();
    for (name, role) in JURY {
        let j = rs::accepted_juror(app, &ob, &comp, name, role).await;
        assert_eq!(
            rs::confirm(&j.browser, &comp).await.status,
            Status::SeeOther
        );
        seated.push(j);
    }
    let flash = rs::step(&ob, &comp, "review").await;
    assert_eq!(
        cs::load(app, &comp).await.state,
        konkurs::competitions::State::Review,
        "{flash}"
    );
    let (keys, key) = (ids.clone(), comp.clone());
    let (proposals, criteria, jury) = app
        .db()
        .run(move |c| {
            let mut out = Vec::new();
            for id in &keys {
                let p = konkurs::applications::model::find(c, id)?.expect("submitted");
                out.push((id.clone(), p.registration_number.unwrap_or_default()));
            }
            let criteria = model::criteria(c, &key)?
                .into_iter()
                .map(|k| k.id.to_string())
                .collect::<Vec<_>>();
            Ok((out, criteria, konkurs::review::model::jurors(c, &key)?))
        })
        .await
        .unwrap();
    app.clock.set(t("2027-02-15 10:00"));
    cs::relogin(&ob, &organizer).await;
    let mut jurors = Vec::new();
    let mut juror_browsers = Vec::new();
    for j in seated {
        let row = jury
            .iter()
            .find(|r| r.email == j.person.email)
            .expect("seated");
        cs::relogin(&j.browser, &j.person).await;
        jurors.push((j.person, row.id.clone()));
        juror_browsers.push(j.browser);
    }
    Seed {
        organizer,
        ob,
        comp,
        proposals,
        jurors,
        juror_browsers,
        criteria,
    }
}

impl Seed<'_> {
    /// Juror `ji` declares `coi` on proposal `pi` (a recusal with a
    /// comment); with `points` (per criterion, in order) the round-1
    /// scores are submitted through the score sheet.
    pub async fn score(
        &self,
        app: &TestApp,
        ji: usize,
        pi: usize,
        coi: &str,
        points: Option<[i32; 2]>,
    ) {
        let (person, b) = (&self.jurors[ji].0, &self.juror_browsers[ji]);
        let row = rs::assignment_to(app, &self.comp, &person.email, &self.proposals[pi].0)
            .await
            .expect("whole jury: assigned to every proposal");
        let comment = if coi == "none" {
            ""
        } else {
            "Раніше консультував(-ла) цю організацію."
        };
        let res = rs::declare(b, &row.id, coi, comment).await;
        assert_eq!(res.status, Status::SeeOther, "{}", res.body);
        let Some([c1, c2]) = points else {
            return;
        };
        let (c1, c2) = (c1.to_string(), c2.to_string());
        let sheet = [(c1.as_str(), "Обґрунтовано"), (c2.as_str(), "Обґрунтовано")];
        let res = rs::post_scores(app, b, &self.comp, &row.id, &sheet, "submit").await;
        assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    }

    /// The hand-computed fixture (criteria: points × 2 + points × 1):
    /// P1 25, 20, 21 → mean 22; P2 25, 13, juror 3 recused (potential) →
    /// 19, spread 12 > 8: divergent; P3 20, 17, 13 → 16.66…; P4 11, 10 and
    /// juror 3 declared no conflict but submitted nothing → 10.5 (below the
    /// pass mark, incomplete) unless `complete`, when juror 3 gives it
    /// 5 + 2 → 12 and the mean is 11.
    pub async fn score_fixture(&self, app: &TestApp, complete: bool) {
        let table: [[Option<[i32; 2]>; 3]; 4] = [
            [Some([10, 5]), Some([8, 4]), Some([9, 3])],
            [Some([10, 5]), Some([5, 3]), None],
            [Some([9, 2]), Some([8, 1]), Some([5, 3])],
            [Some([5, 1]), Some([4, 2]), complete.then_some([5, 2])],
        ];
        for (pi, row) in table.iter().enumerate() {
            for (ji, points) in row.iter().enumerate() {
                let coi = match (pi, ji) {
                    (1, 2) => "potential",
                    _ => "none",
                };
                self.score(app, ji, pi, coi, *points).await;
            }
        }
    }

    pub fn url(&self, rest: &str) -> String {
        format!("/organizer/competitions/{}{rest}", self.comp)
    }

    /// Closes the review early with a reason.
    pub async fn close_early(&self) {
        let res = self
            .ob
            .submit(
                &self.url("/review/close"),
                &[("reason", "Строк оцінювання минув")],
            )
            .await;
        assert_eq!(res.status, Status::SeeOther, "{}", res.body);
    }
}

/// Fields as `&str` pairs (for forms).
pub fn refs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    as_refs(f)
}
