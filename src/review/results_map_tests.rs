use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::competitions::ids::CompetitionId;
use crate::competitions::rules::build;
use crate::competitions::rules::RulesDoc;
use crate::competitions::validate::{check, tests::complete, Mode};
use crate::review::document::MissingScore;
use crate::scoring::{Aggregation, Why};

fn at(h: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 2, 20)
        .unwrap()
        .and_hms_opt(h, 0, 0)
        .unwrap()
}

fn rules() -> RulesDoc {
    let now = NaiveDate::from_ymd_opt(2026, 12, 5)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap();
    let (c, e) = check(&complete(), now.date(), now, Mode::Announce);
    assert!(e.is_empty());
    let mut r = build(&c, &CompetitionId::new(), "2027-001", now).unwrap();
    r.scoring.aggregation = Aggregation::Mean;
    r.scoring.pass_mark = 15;
    r.scoring.divergence_threshold = 8;
    r.publication.juror_names = false;
    r.publication.juror_comments = false;
    r
}

fn juror(n: i32, name: &str) -> JurorRow {
    JurorRow {
        id: JurorId::new(),
        full_name: name.into(),
        role: "member".into(),
        label_number: n,
        removed_at: None,
    }
}

fn proposal(reg: &str, st: &str, requested: i64) -> ProposalRow {
    ProposalRow {
        id: ProposalId::new(),
        registration_number: reg.into(),
        edrpou: "12345678".into(),
        organization: "ГО «Світанок»".into(),
        title: "Лабораторії".into(),
        state: st.into(),
        requested,
        submitted_at: at(9),
        decision_reason: None,
        decision_text: None,
    }
}

struct Fixture {
    inputs: Inputs,
    /// (juror index, proposal index) → assignment id.
    a: Vec<AssignmentId>,
}

/// Three jurors on P1: j1 scored (10, 5), j2 auto-recused, j3 declared none
/// but did not submit; j4 has not declared. P2: j1 scored (5, 0).
fn fixture() -> Fixture {
    let rules = rules();
    let (c1, c2) = (
        rules.criteria[0].id.to_string(),
        rules.criteria[1].id.to_string(),
    );
    let jurors = vec![
        juror(2, "Bohdana"),
        juror(1, "Andrii"),
        juror(3, "Vira"),
        juror(4, "Halyna"),
    ];
    let proposals = vec![
        proposal("2027-001-0001", "admitted", 10_000_000),
        proposal("2027-001-0002", "admitted", 20_000_000),
        proposal("2027-001-0003", "not_admitted", 5_000_000),
        proposal("2027-001-0004", "withdrawn", 5_000_000),
    ];
    let assign = |ji: usize, pi: usize, coi: &str, submitted: bool| AssignmentRow {
        id: AssignmentId::new(),
        juror_id: jurors[ji].id.clone(),
        proposal_id: proposals[pi].id.clone(),
        coi: coi.into(),
        submitted_at: submitted.then(|| at(12)),
        round2_submitted_at: None,
    };
    let assignments = vec![
        assign(1, 0, "none", true),
        assign(0, 0, "auto", false),
        assign(2, 0, "none", false),
        assign(3, 0, "pending", false),
        assign(1, 1, "none", true),
    ];
    let score = |ai: usize, round: i32, c: &str, pts: i32, comment: &str| ScoreRow {
        assignment_id: assignments[ai].id.clone(),
        round,
        criterion_id: c.into(),
        points: Some(pts),
        comment: comment.into(),
    };
    let scores = vec![
        score(0, 1, &c2, 5, ""),
        score(0, 1, &c1, 10, "Актуально"),
        score(2, 1, &c1, 1, "чернетка"),
        score(4, 1, &c1, 5, ""),
        score(4, 1, &c2, 0, ""),
    ];
    let a = assignments.iter().map(|x| x.id.clone()).collect();
    let mut p3 = proposals;
    p3[2].decision_reason = Some("missing_documents".into());
    p3[2].decision_text = Some("Немає статуту".into());
    Fixture {
        a,
        inputs: Inputs {
            competition_id: CompetitionId::new(),
            code: "2027-001".into(),
            rules,
            rules_sha256: "ab".repeat(32),
            fund: 100_000_000,
            now: at(15),
            closure: ClosureRow {
                closed_at: at(14),
                reason: Some("Строк минув".into()),
                missing: vec![MissingScore {
                    juror: "Експерт 3".into(),
                    registration_number: "2027-001-0001".into(),
                }],
            },
            jurors,
            proposals: p3,
            assignments,
            scores,
            overrides: Vec::new(),
        },
    }
}

#[test]
fn assignments_become_submitted_recused_or_pending_scores() {
    let f = fixture();
    let doc = assemble(&f.inputs).unwrap();
    let p1 = &doc.proposals[0];
    let got: Vec<(&str, ScoreStatus, usize)> = p1
        .scores
        .iter()
        .map(|s| (s.juror.as_str(), s.status, s.points.len()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Експерт 1", ScoreStatus::Submitted, 2),
            ("Експерт 2", ScoreStatus::Recused, 0),
            ("Експерт 3", ScoreStatus::Pending, 0),
            ("Експерт 4", ScoreStatus::Pending, 0),
        ]
    );
    assert_eq!(
        p1.scores[0]
            .points
            .values()
            .copied()
            .collect::<Vec<_>>()
            .len(),
        2
    );
    assert_eq!(
        p1.recusals,
        vec![Recusal {
            juror: "Експерт 2".into(),
            declared: "auto".into()
        }]
    );
    assert!(p1.comments.is_empty(), "comments are not published here");
    assert_eq!(p1.first_round_scores, None);
    assert_eq!(doc.review.rounds, 1);
    assert!(!doc.review.complete);
    assert_eq!(
        doc.review.early_close_reason.as_deref(),
        Some("Строк минув")
    );
    // The jury by label number; the members by name.
    let labels: Vec<_> = doc.jury.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Експерт 1", "Експерт 2", "Експерт 3", "Експерт 4"]);
    let names: Vec<_> = doc.jury_members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Andrii", "Bohdana", "Halyna", "Vira"]);
}

#[test]
fn statuses_reasons_and_the_outcome_follow_the_engine() {
    let f = fixture();
    let doc = assemble(&f.inputs).unwrap();
    let statuses: Vec<_> = doc.proposals.iter().map(|p| p.status.as_str()).collect();
    assert_eq!(
        statuses,
        ["admitted", "admitted", "not_admitted", "withdrawn"]
    );
    assert_eq!(
        doc.proposals[2].not_admitted_reason.as_deref(),
        Some("missing_documents: Немає статуту")
    );
    assert_eq!(doc.proposals[3].not_admitted_reason, None);
    // Withdrawn proposals are in the document but not evaluated.
    assert_eq!(doc.outcome.proposals.len(), 3);
    // P1: 10×2 + 5 = 25, incomplete (two pending); P2: 5×2 = 10 < 15.
    let p1 = &doc.outcome.proposals[0];
    assert_eq!(p1.registration_number, "2027-001-0001");
    assert_eq!((p1.rank, p1.awarded), (Some(1), 10_000_000));
    assert!(p1.flags.incomplete);
    let p2 = &doc.outcome.proposals[1];
    assert!(p2.flags.below_pass_mark);
    assert_eq!(doc.outcome.proposals[2].why, Why::NotAdmitted);
    assert_eq!(doc.recompute(&f.inputs.rules).unwrap(), doc.outcome);
    let (sha, bytes) = doc.freeze().unwrap();
    assert_eq!(sha, crate::audit::canonical::sha256_hex(&bytes));
    assert_eq!(ResultsDoc::parse(&bytes).unwrap(), doc);
}

#[test]
fn names_comments_and_overrides_when_the_rules_say_so() {
    let mut f = fixture();
    f.inputs.rules.publication.juror_names = true;
    f.inputs.rules.publication.juror_comments = true;
    f.inputs.jurors[3].full_name = "Andrii".into();
    f.inputs.overrides = vec![OverrideRow {
        proposal_id: f.inputs.proposals[0].id.clone(),
        action: "award".into(),
        amount: Some(4_000_000),
        reason: "Частина робіт уже профінансована".into(),
    }];
    let doc = assemble(&f.inputs).unwrap();
    let labels: Vec<_> = doc.proposals[0]
        .scores
        .iter()
        .map(|s| s.juror.as_str())
        .collect();
    assert_eq!(labels, ["Andrii (1)", "Bohdana", "Vira", "Andrii (4)"]);
    // Only the counted score's non-empty comments; a draft's are not published.
    let comments: Vec<_> = doc.proposals[0]
        .comments
        .iter()
        .map(|c| (c.juror.as_str(), c.comment.as_str()))
        .collect();
    assert_eq!(comments, [("Andrii (1)", "Актуально")]);
    assert_eq!(
        doc.overrides[0].action,
        OverrideAction::Award { amount: 4_000_000 }
    );
    assert_eq!(doc.outcome.proposals[0].awarded, 4_000_000);
    assert!(doc.outcome.proposals[0].flags.overridden);
}

#[test]
fn the_second_round_counts_after_an_open_defence() {
    let mut f = fixture();
    let c1 = f.inputs.rules.criteria[0].id.to_string();
    let c2 = f.inputs.rules.criteria[1].id.to_string();
    f.inputs.assignments[0].round2_submitted_at = Some(at(13));
    for (c, pts) in [(c1, 4), (c2, 1)] {
        f.inputs.scores.push(ScoreRow {
            assignment_id: f.a[0].clone(),
            round: 2,
            criterion_id: c,
            points: Some(pts),
            comment: String::new(),
        });
    }
    // Without an open defence round-2 rows are ignored.
    let doc = assemble(&f.inputs).unwrap();
    assert_eq!(doc.review.rounds, 1);
    assert_eq!(doc.outcome.proposals[0].juror_totals[0].total, 25);

    f.inputs.rules.jury.open_defence = true;
    let doc = assemble(&f.inputs).unwrap();
    assert_eq!(doc.review.rounds, 2);
    let p1 = doc
        .outcome
        .proposals
        .iter()
        .find(|p| p.registration_number == "2027-001-0001")
        .unwrap();
    assert_eq!(p1.juror_totals[0].total, 9, "round 2: 4×2 + 1");
    let first = doc.proposals[0].first_round_scores.as_ref().unwrap();
    assert_eq!(first[0].status, ScoreStatus::Submitted);
    assert_eq!(first[0].points.values().sum::<u32>(), 15);
    // P2's juror did not submit round 2: pending in the counted round.
    assert_eq!(doc.proposals[1].scores[0].status, ScoreStatus::Pending);
}

#[test]
fn removed_jurors_leave_the_jury_list() {
    let mut f = fixture();
    f.inputs.jurors[2].removed_at = Some(at(10));
    let doc = assemble(&f.inputs).unwrap();
    assert_eq!(doc.jury.len(), 3);
    assert!(!doc.jury_members.iter().any(|m| m.name == "Vira"));
}
