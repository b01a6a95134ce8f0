//! SEED for the verdict tests (closing, deliberation, overrides,
//! finalization). The competition goes through the real app up to the
//! review (draft, announcement, four submitted proposals, admissibility,
//! review). The jury part — jurors, assignments, scores — is then written
//! directly with diesel in the columns of migration 000600_review, because
//! the jury flow is built on another branch. The coordinator switches this
//! part to the real jury flow (invitations, COI declarations, scoring) once
//! both are merged. Requested amounts are also set directly, so the fixture
//! can exercise allocation without four different budgets.

#![allow(dead_code)]

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rocket::http::Status;

use crate::applications_support::{self as aps, applicant, ready, submit};
use crate::competitions_support::{self as cs, as_refs, with};
use crate::support::people::Person;
use crate::support::{Browser, TestApp};
use konkurs::accounts::model::Role;
use konkurs::applications::ProposalId;
use konkurs::competitions::{model, CompetitionId};
use konkurs::db::schema::{
    jurors as j, proposals as p, review_assignments as a, review_scores as s,
};
use konkurs::review::ids::{AssignmentId, JurorId, ScoreId};

/// A competition in review with its jury.
pub struct Seed<'a> {
    pub organizer: Person,
    pub ob: Browser<'a>,
    pub comp: CompetitionId,
    /// In registration order: (id, registration number).
    pub proposals: Vec<(ProposalId, String)>,
    pub jurors: Vec<(Person, JurorId)>,
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

/// Four proposals (requested 150 000, 100 000, 40 000, 60 000 грн), all
/// admitted, and three accepted jurors; the competition is in review and
/// the clock stands on 2027-02-15.
pub async fn in_review(app: &TestApp) -> Seed<'_> {
    let (organizer, ob) = app
        .signed_in("Orest Organizer", Some(Role::Organizer))
        .await;
    let comp = cs::create_draft(&ob, &fields()).await;
    cs::announce(&ob, &comp).await;
    app.clock.set(aps::open_time());
    let mut ids = Vec::new();
    for name in [
        "Anna Applicant",
        "Borys Applicant",
        "Vira Applicant",
        "Halyna Applicant",
    ] {
        let (_, b, org) = applicant(app, name).await;
        let id = ready(app, &b, &comp, &org).await;
        assert_eq!(submit(&b, &id).await.status, Status::SeeOther);
        ids.push(id);
    }
    app.clock.set(aps::deadline() + chrono::Duration::hours(1));
    cs::relogin(&ob, &organizer).await;
    ob.submit(
        &format!("/organizer/competitions/{comp}/steps/admissibility"),
        &[],
    )
    .await;
    for id in &ids {
        let decision = [("decision", "admit"), ("reason", ""), ("text", "")];
        ob.submit(&format!("/organizer/proposals/{id}/decision"), &decision)
            .await;
    }
    ob.submit(&format!("/organizer/competitions/{comp}/steps/review"), &[])
        .await;
    assert_eq!(
        cs::load(app, &comp).await.state,
        konkurs::competitions::State::Review
    );
    let requested = [15_000_000i64, 10_000_000, 4_000_000, 6_000_000];
    let (keys, key) = (ids.clone(), comp.clone());
    let (proposals, criteria) = app
        .db()
        .run(move |c| {
            let mut out = Vec::new();
            for (id, amount) in keys.iter().zip(requested) {
                diesel::update(p::table.find(id))
                    .set(p::requested_kopiyky.eq(amount))
                    .execute(c)?;
                let reg: Option<String> =
                    p::table.find(id).select(p::registration_number).first(c)?;
                out.push((id.clone(), reg.unwrap_or_default()));
            }
            let criteria = model::criteria(c, &key)?
                .into_iter()
                .map(|k| k.id.to_string())
                .collect::<Vec<_>>();
            Ok((out, criteria))
        })
        .await
        .unwrap();
    let mut jurors = Vec::new();
    for (n, name) in ["Andrii Juror", "Bohdana Juror", "Vasyl Juror"]
        .iter()
        .enumerate()
    {
        let person = app.person(name, None);
        let jid = insert_juror(app, &comp, &person, &organizer, n as i32 + 1, name).await;
        jurors.push((person, jid));
    }
    app.clock.set(t("2027-02-15 10:00"));
    cs::relogin(&ob, &organizer).await;
    Seed {
        organizer,
        ob,
        comp,
        proposals,
        jurors,
        criteria,
    }
}

async fn insert_juror(
    app: &TestApp,
    comp: &CompetitionId,
    person: &Person,
    organizer: &Person,
    label: i32,
    name: &str,
) -> JurorId {
    let id = JurorId::new();
    let (jid, comp, uid, by, email, name) = (
        id.clone(),
        comp.clone(),
        person.id.clone(),
        organizer.id.clone(),
        person.email.clone(),
        name.to_string(),
    );
    app.db()
        .run(move |c| {
            diesel::insert_into(j::table)
                .values((
                    j::id.eq(&jid),
                    j::competition_id.eq(&comp),
                    j::email.eq(&email),
                    j::full_name.eq(&name),
                    j::role.eq(if label == 1 { "chair" } else { "member" }),
                    j::label_number.eq(label),
                    j::user_id.eq(Some(&uid)),
                    j::invited_by.eq(&by),
                    j::invited_at.eq(t("2027-02-11 08:00")),
                    j::expires_at.eq(t("2027-02-18 08:00")),
                    j::accepted_at.eq(Some(t("2027-02-11 09:00"))),
                    j::affiliations_note.eq(""),
                ))
                .execute(c)?;
            Ok(())
        })
        .await
        .unwrap();
    id
}

impl Seed<'_> {
    /// Assigns juror `ji` to proposal `pi` with `coi`; with `points`
    /// (per criterion, in order) the round-1 scores are written and
    /// submitted.
    pub async fn score(
        &self,
        app: &TestApp,
        ji: usize,
        pi: usize,
        coi: &str,
        points: Option<[i32; 2]>,
    ) {
        let (comp, jid, pid) = (
            self.comp.clone(),
            self.jurors[ji].1.clone(),
            self.proposals[pi].0.clone(),
        );
        let (coi, criteria) = (coi.to_string(), self.criteria.clone());
        let at = t("2027-02-14 12:00");
        app.db()
            .run(move |c| {
                let aid = AssignmentId::new();
                diesel::insert_into(a::table)
                    .values((
                        a::id.eq(&aid),
                        a::competition_id.eq(&comp),
                        a::juror_id.eq(&jid),
                        a::proposal_id.eq(&pid),
                        a::origin.eq("whole_jury"),
                        a::coi.eq(&coi),
                        a::coi_declared_at.eq((coi != "pending").then_some(at)),
                        a::active.eq(true),
                        a::submitted_at.eq(points.map(|_| at)),
                        a::created_at.eq(at),
                        a::updated_at.eq(at),
                    ))
                    .execute(c)?;
                for (criterion, pts) in criteria.iter().zip(points.unwrap_or_default()) {
                    if points.is_none() {
                        break;
                    }
                    diesel::insert_into(s::table)
                        .values((
                            s::id.eq(ScoreId::new()),
                            s::assignment_id.eq(&aid),
                            s::round.eq(1),
                            s::criterion_id.eq(criterion),
                            s::points.eq(Some(pts)),
                            s::comment.eq("Обґрунтовано"),
                            s::updated_at.eq(at),
                        ))
                        .execute(c)?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }

    /// The hand-computed fixture (criteria: points × 2 + points × 1):
    /// P1 25, 20, 21 → mean 22; P2 25, 13, juror 3 recused (potential) →
    /// 19, spread 12 > 8: divergent; P3 20, 17, 13 → 16.66…; P4 11, 10 and
    /// juror 3 not submitted → 10.5 (below the pass mark, incomplete) unless
    /// `complete`, when juror 3 gives it 5 + 2 → 12 and the mean is 11.
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
