//! SEED — finalized competitions for the publication tests, until the
//! review's finalization (wt-verdict) is merged; then the coordinator
//! replaces [`seed_review`] with the real jury flow and `finalize`.
//!
//! [`deliberation`] takes a competition through the real app: announced
//! (fund 250 000 грн), six applicants submit (one withdraws before the
//! deadline), admissibility (four admitted, one not admitted with a
//! reason), review, deliberation. [`seed_review`] then writes jurors,
//! assignments (one automatic recusal), scores and the `competition_results`
//! row with a `ResultsDoc` whose `outcome` is `scoring::compute`'s.

#![allow(dead_code)]

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rocket::http::Status;

use crate::applications_support as aps;
use crate::competitions_support::{self as cs, utc};
use crate::support::people::Person;
use crate::support::{Browser, TestApp};
use konkurs::accounts::model::Role;
use konkurs::applications::model::Proposal;
use konkurs::applications::ProposalId;
use konkurs::competitions::rules::RulesDoc;
use konkurs::competitions::{model as comp_model, CompetitionId};
use konkurs::db::ids::UserId;
use konkurs::db::schema::{
    competition_results, jurors, proposals, review_assignments, review_scores,
};
use konkurs::review::document::{
    JuryMember, JuryPerson, ProposalEntry, Recusal, ResultsDoc, ReviewSummary, SCHEMA,
};
use konkurs::scoring::{JurorScore, Outcome, ScoreStatus};

pub struct Applicant {
    pub person: Person,
    pub proposal: ProposalId,
    pub reg: String,
}

pub struct Seeded<'a> {
    pub organizer: Person,
    pub b: Browser<'a>,
    pub id: CompetitionId,
    /// In registration order: 0–3 admitted, 4 not admitted, 5 withdrawn.
    pub applicants: Vec<Applicant>,
}

/// The jury: (name, role); labels are names (the competition publishes them).
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

/// A competition in deliberation with six applicants (see the module doc).
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
        let (person, ab, org) = aps::applicant(app, name).await;
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
    assert!(step(&b, &id, "review").await.contains("оцінювання"));
    step(&b, &id, "deliberation").await;
    Seeded {
        organizer,
        b,
        id,
        applicants,
    }
}

/// [`deliberation`] plus the seeded review and frozen results.
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

fn uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Writes the jury, assignments, scores and the frozen results (SEED).
pub async fn seed_review(app: &TestApp, id: &CompetitionId, organizer: &UserId) -> ResultsDoc {
    let (id, organizer, now) = (id.clone(), organizer.clone(), app.now());
    app.db()
        .write(move |c| Ok(seed_review_in(c, &id, &organizer, now)))
        .await
        .unwrap()
}

fn seed_review_in(
    c: &mut konkurs::db::AnyConnection,
    id: &CompetitionId,
    organizer: &UserId,
    now: NaiveDateTime,
) -> ResultsDoc {
    let comp = comp_model::find(c, id).unwrap().unwrap();
    let rules = RulesDoc::parse(&comp_model::rules_json(c, id).unwrap().unwrap()).unwrap();
    let mut lodged: Vec<Proposal> = proposals::table
        .filter(proposals::competition_id.eq(id))
        .filter(proposals::registration_number.is_not_null())
        .select(Proposal::as_select())
        .load(c)
        .unwrap();
    lodged.sort_by_key(|p| p.seq);
    let juror_ids: Vec<String> = JURY
        .iter()
        .zip(1..)
        .map(|((name, role), n)| {
            let jid = uuid();
            diesel::insert_into(jurors::table)
                .values((
                    jurors::id.eq(&jid),
                    jurors::competition_id.eq(id.as_str()),
                    jurors::email.eq(format!("juror{n}@example.org")),
                    jurors::full_name.eq(*name),
                    jurors::role.eq(*role),
                    jurors::label_number.eq(n),
                    jurors::invited_by.eq(organizer.as_str()),
                    jurors::invited_at.eq(now),
                    jurors::expires_at.eq(now),
                    jurors::accepted_at.eq(Some(now)),
                    jurors::affiliations_note.eq(""),
                ))
                .execute(c)
                .unwrap();
            jid
        })
        .collect();
    let mut entries = vec![];
    for (i, p) in lodged.iter().enumerate() {
        let org = konkurs::applications::orgs::find(c, &p.organization_id)
            .unwrap()
            .unwrap();
        let mut scores = vec![];
        let mut recusals = vec![];
        if p.state == "admitted" {
            for (j, jid) in juror_ids.iter().enumerate() {
                let label = JURY[j].0.to_string();
                let points = POINTS[i][j];
                let aid = uuid();
                diesel::insert_into(review_assignments::table)
                    .values((
                        review_assignments::id.eq(&aid),
                        review_assignments::competition_id.eq(id.as_str()),
                        review_assignments::juror_id.eq(jid),
                        review_assignments::proposal_id.eq(p.id.as_str()),
                        review_assignments::origin.eq("auto"),
                        review_assignments::coi.eq(if points.is_some() { "none" } else { "auto" }),
                        review_assignments::coi_declared_at.eq(Some(now)),
                        review_assignments::active.eq(true),
                        review_assignments::submitted_at.eq(points.map(|_| now)),
                        review_assignments::created_at.eq(now),
                        review_assignments::updated_at.eq(now),
                    ))
                    .execute(c)
                    .unwrap();
                let Some((a, b)) = points else {
                    recusals.push(Recusal {
                        juror: label.clone(),
                        declared: "auto".into(),
                    });
                    scores.push(JurorScore {
                        juror: label,
                        status: ScoreStatus::Recused,
                        points: Default::default(),
                    });
                    continue;
                };
                let mut map = std::collections::BTreeMap::new();
                for (crit, pts) in rules.criteria.iter().zip([a, b]) {
                    diesel::insert_into(review_scores::table)
                        .values((
                            review_scores::id.eq(uuid()),
                            review_scores::assignment_id.eq(&aid),
                            review_scores::round.eq(1),
                            review_scores::criterion_id.eq(crit.id.as_str()),
                            review_scores::points.eq(Some(pts as i32)),
                            review_scores::comment.eq("Обґрунтовано."),
                            review_scores::updated_at.eq(now),
                        ))
                        .execute(c)
                        .unwrap();
                    map.insert(crit.id.to_string(), pts);
                }
                scores.push(JurorScore {
                    juror: label,
                    status: ScoreStatus::Submitted,
                    points: map,
                });
            }
        }
        entries.push(ProposalEntry {
            registration_number: p.registration_number.clone().unwrap(),
            edrpou: org.edrpou.clone(),
            organization: org.full_name.clone(),
            title: p.title.clone(),
            status: p.state.clone(),
            not_admitted_reason: p.decision_reason.clone(),
            requested: p.requested_kopiyky.unwrap(),
            submitted_at: p.submitted_at.unwrap(),
            scores,
            first_round_scores: None,
            recusals,
            comments: vec![],
        });
    }
    let at = konkurs::web::format::kyiv_rfc3339(now);
    let mut doc = ResultsDoc {
        schema: SCHEMA.into(),
        competition_id: id.clone(),
        code: comp.code.clone().unwrap(),
        rules_sha256: comp.rules_sha256.clone().unwrap(),
        fund_kopiyky: comp.fund_kopiyky.unwrap(),
        finalized_at: at.clone(),
        review: ReviewSummary {
            closed_at: at,
            complete: true,
            early_close_reason: None,
            missing: vec![],
            rounds: 1,
        },
        jury: JURY
            .iter()
            .map(|(n, r)| JuryMember {
                label: n.to_string(),
                role: r.to_string(),
            })
            .collect(),
        jury_members: JURY
            .iter()
            .map(|(n, r)| JuryPerson {
                name: n.to_string(),
                role: r.to_string(),
            })
            .collect(),
        proposals: entries,
        overrides: vec![],
        outcome: Outcome {
            proposals: vec![],
            fund: 0,
            total_awarded: 0,
            fund_remaining: 0,
        },
    };
    doc.outcome = doc.recompute(&rules).unwrap();
    let (sha, bytes) = doc.freeze().unwrap();
    diesel::insert_into(competition_results::table)
        .values((
            competition_results::competition_id.eq(id.as_str()),
            competition_results::document.eq(bytes),
            competition_results::sha256.eq(sha),
            competition_results::finalized_at.eq(now),
            competition_results::finalized_by.eq(organizer.as_str()),
        ))
        .execute(c)
        .unwrap();
    doc
}
