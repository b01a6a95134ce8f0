//! End-to-end fixtures for [`compute`], hand-computed. Juror totals come from
//! `testkit::total` (rules3: total = 3a + 2b + c).

use super::testkit::*;
use super::*;

fn r(num: i64, den: i64) -> Option<Ratio> {
    Ratio::checked_new(num, den)
}

fn find<'a>(o: &'a Outcome, reg: &str) -> &'a ProposalResult {
    o.proposals
        .iter()
        .find(|p| p.registration_number == reg)
        .unwrap()
}

fn regs(o: &Outcome) -> Vec<&str> {
    o.proposals
        .iter()
        .map(|p| p.registration_number.as_str())
        .collect()
}

/// P1 totals 10, 50, 51; P2 totals 40, 41, 42.
fn two_juries() -> Vec<Proposal> {
    vec![
        proposal(
            "P1",
            100,
            &[total("j1", 10), total("j2", 50), total("j3", 51)],
        ),
        proposal(
            "P2",
            100,
            &[total("j1", 40), total("j2", 41), total("j3", 42)],
        ),
    ]
}

#[test]
fn each_method_end_to_end() {
    let cases = [
        // mean: P1 111/3 = 37, P2 123/3 = 41.
        (Aggregation::Mean, r(37, 1), r(41, 1), ["P2", "P1"]),
        // median: P1 50, P2 41.
        (Aggregation::Median, r(50, 1), r(41, 1), ["P1", "P2"]),
        // trimmed (n = 3): the middle ones, as the median here.
        (
            Aggregation::TrimmedMean { trim: 1 },
            r(50, 1),
            r(41, 1),
            ["P1", "P2"],
        ),
        // sum: 111 and 123.
        (Aggregation::Sum, r(111, 1), r(123, 1), ["P2", "P1"]),
    ];
    for (method, p1, p2, order) in cases {
        let mut rules = rules3();
        rules.aggregation = method;
        let o = compute(&rules, &two_juries(), &[]).unwrap();
        assert_eq!(find(&o, "P1").aggregate, p1, "{method:?}");
        assert_eq!(find(&o, "P2").aggregate, p2, "{method:?}");
        assert_eq!(regs(&o), order, "{method:?}");
        assert_eq!(o.proposals[0].rank, Some(1));
        assert_eq!(o.proposals[1].rank, Some(2));
    }
}

#[test]
fn a_recusal_leaves_the_denominator() {
    let rules = rules3();
    // j3 recused: (40 + 50) / 2 = 45, not 90 / 3 = 30.
    let p = proposal(
        "P1",
        100,
        &[
            total("j1", 40),
            total("j2", 50),
            with_status("j3", ScoreStatus::Recused),
        ],
    );
    let o = compute(&rules, &[p], &[]).unwrap();
    assert_eq!(o.proposals[0].aggregate, r(45, 1));
    assert!(!o.proposals[0].flags.below_pass_mark);
}

#[test]
fn pass_mark_is_inclusive() {
    let rules = rules3(); // pass mark 30
    let ps = [
        proposal("EQ", 100, &[total("j1", 30)]),
        // (29 + 30) / 2 = 29.5: below.
        proposal("LO", 100, &[total("j1", 29), total("j2", 30)]),
    ];
    let o = compute(&rules, &ps, &[]).unwrap();
    let eq = find(&o, "EQ");
    assert!(!eq.flags.below_pass_mark);
    assert_eq!(eq.why, Why::FundedInFull { amount: 100 });
    let lo = find(&o, "LO");
    assert!(lo.flags.below_pass_mark);
    assert_eq!(lo.awarded, 0);
    assert_eq!(lo.rank, Some(2), "below the pass mark is still ranked");
    assert_eq!(
        lo.why,
        Why::BelowPassMark {
            aggregate: Ratio::checked_new(59, 2).unwrap(),
            pass_mark: 30
        }
    );
}

#[test]
fn unranked_proposals_get_a_reason_and_come_last_by_number() {
    let rules = rules3();
    let mut not_admitted = proposal("A", 100, &[total("j1", 55)]);
    not_admitted.admitted = false;
    let ps = [
        proposal("D", 100, &[total("j1", 31)]),
        proposal("C", 100, &[with_status("j1", ScoreStatus::Recused)]),
        not_admitted,
        proposal("B", 100, &[]),
    ];
    let o = compute(&rules, &ps, &[]).unwrap();
    assert_eq!(regs(&o), ["D", "A", "B", "C"]);
    let a = find(&o, "A");
    assert_eq!(
        (a.rank, a.why.clone(), a.awarded),
        (None, Why::NotAdmitted, 0)
    );
    assert!(a.flags.not_admitted);
    assert_eq!(
        a.aggregate,
        r(55, 1),
        "scores of a non-admitted proposal are still shown"
    );
    for reg in ["B", "C"] {
        let p = find(&o, reg);
        assert_eq!((p.rank, p.why.clone(), p.awarded), (None, Why::NoScores, 0));
        assert!(p.flags.no_scores);
    }
}

#[test]
fn divergence_is_strictly_above_the_threshold() {
    let mut rules = rules3();
    rules.divergence_threshold = Some(10);
    let ps = [
        proposal("AT", 100, &[total("j1", 30), total("j2", 40)]),
        proposal("OVER", 100, &[total("j1", 30), total("j2", 41)]),
        proposal("ONE", 100, &[total("j1", 30)]),
    ];
    let o = compute(&rules, &ps, &[]).unwrap();
    assert_eq!(find(&o, "AT").spread, Some(10));
    assert!(!find(&o, "AT").flags.divergent);
    assert_eq!(find(&o, "OVER").spread, Some(11));
    assert!(find(&o, "OVER").flags.divergent);
    assert_eq!(find(&o, "ONE").spread, Some(0));
    rules.divergence_threshold = None;
    let o = compute(&rules, &ps, &[]).unwrap();
    assert!(o.proposals.iter().all(|p| !p.flags.divergent));
}

#[test]
fn incomplete_and_tie_broken_flags() {
    let mut rules = rules3();
    rules.tie_break = vec![TieBreak::LowerRequestedAmountFirst];
    let ps = [
        proposal(
            "X",
            300,
            &[total("j1", 40), with_status("j2", ScoreStatus::Pending)],
        ),
        proposal("Y", 200, &[total("j1", 40)]),
        proposal("Z", 100, &[total("j1", 50)]),
    ];
    let o = compute(&rules, &ps, &[]).unwrap();
    assert_eq!(regs(&o), ["Z", "Y", "X"]);
    assert!(find(&o, "X").flags.incomplete && !find(&o, "Y").flags.incomplete);
    assert!(find(&o, "X").flags.tie_broken && find(&o, "Y").flags.tie_broken);
    assert!(!find(&o, "Z").flags.tie_broken);
}

#[test]
fn money_totals() {
    let mut rules = rules3();
    rules.fund = 250;
    let ps = [
        proposal("P1", 100, &[total("j1", 50)]),
        proposal("P2", 100, &[total("j1", 45)]),
        proposal("P3", 100, &[total("j1", 40)]),
    ];
    let o = compute(&rules, &ps, &[]).unwrap();
    assert_eq!((o.fund, o.total_awarded, o.fund_remaining), (250, 200, 50));
    assert_eq!(
        find(&o, "P3").why,
        Why::SkippedDidNotFit {
            needed: 100,
            remaining: 50
        }
    );
}

#[test]
fn invalid_input_is_refused() {
    let mut rules = rules3();
    rules.fund = -5;
    assert!(matches!(
        compute(&rules, &[], &[]),
        Err(ScoringError::InvalidRules(_))
    ));
    let bad = proposal("P1", 100, &[sub("j1", [11, 0, 0])]);
    assert!(matches!(
        compute(&rules3(), &[bad], &[]),
        Err(ScoringError::InvalidProposal { .. })
    ));
}

#[test]
fn order_of_input_does_not_matter() {
    let mut rules = rules3();
    rules.tie_break = vec![TieBreak::EarlierSubmissionFirst];
    let mut ps = vec![
        proposal("P1", 100, &[total("j2", 40), total("j1", 50)]),
        proposal("P2", 90, &[total("j1", 45), total("j2", 45)]),
        proposal("P3", 80, &[total("j1", 20)]),
        proposal("P4", 70, &[]),
    ];
    let a = serde_json::to_string(&compute(&rules, &ps, &[]).unwrap()).unwrap();
    ps.reverse();
    for p in &mut ps {
        p.scores.reverse();
    }
    let b = serde_json::to_string(&compute(&rules, &ps, &[]).unwrap()).unwrap();
    assert_eq!(a, b);
}

/// The field names are a published format: this fails on any rename.
#[test]
fn output_format_is_stable() {
    let mut rules = rules3();
    rules.criteria.truncate(1);
    let mut p = proposal("2027-001-0001", 100, &[]);
    p.scores = vec![JurorScore {
        juror: "j1".into(),
        status: ScoreStatus::Submitted,
        points: [("a".to_string(), 10)].into_iter().collect(),
    }];
    let o = compute(&rules, &[p], &[]).unwrap();
    let json = serde_json::to_string(&o).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"proposals":[{"registration_number":"2027-001-0001","rank":1,"#,
            r#""aggregate":{"num":30,"den":1},"#,
            r#""criteria":[{"criterion_id":"a","mean":{"num":10,"den":1},"aggregate":{"num":10,"den":1}}],"#,
            r#""juror_totals":[{"juror":"j1","total":30}],"spread":0,"#,
            r#""flags":{"not_admitted":false,"no_scores":false,"below_pass_mark":false,"divergent":false,"#,
            r#""incomplete":false,"tie_broken":false,"overridden":false},"#,
            r#""requested":100,"computed_award":100,"computed_why":{"code":"funded_in_full","amount":100},"#,
            r#""awarded":100,"why":{"code":"funded_in_full","amount":100}}],"#,
            r#""fund":100000,"total_awarded":100,"fund_remaining":99900}"#
        )
    );
    let back: Outcome = serde_json::from_str(&json).unwrap();
    assert_eq!(back, o);
}

#[test]
fn rules_and_inputs_read_from_json() {
    let rules: Rules = serde_json::from_str(
        r#"{"criteria":[{"id":"a","max_points":10,"weight":3}],
            "aggregation":{"method":"trimmed_mean"},"pass_mark":0,
            "tie_break":[{"rule":"higher_score_on_criterion","criterion_id":"a"},
                         {"rule":"earlier_submission_first"}],
            "fund":500,"cap_per_proposal":200,"shortfall":"partial"}"#,
    )
    .unwrap();
    assert_eq!(rules.aggregation, Aggregation::TrimmedMean { trim: 1 });
    assert_eq!(rules.divergence_threshold, None);
    let o: Override = serde_json::from_str(
        r#"{"registration_number":"X","action":{"kind":"award","amount":5},"reason":"r"}"#,
    )
    .unwrap();
    assert_eq!(o.action, OverrideAction::Award { amount: 5 });
    let p: Proposal = serde_json::from_str(
        r#"{"registration_number":"X","requested":5,"submitted_at":"2027-03-01T10:00:00",
            "admitted":true,"scores":[{"juror":"j","status":"recused"}]}"#,
    )
    .unwrap();
    assert_eq!(p.scores[0].status, ScoreStatus::Recused);
}
