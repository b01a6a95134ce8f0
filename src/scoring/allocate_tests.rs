//! Hand-computed allocations and overrides.

use super::*;
use crate::scoring::testkit::*;
use crate::scoring::{compute, Outcome};

fn run(fund: i64, cap: Option<i64>, rule: ShortfallRule, requests: &[i64]) -> Vec<(i64, Why)> {
    allocate(fund, cap, rule, requests)
        .into_iter()
        .map(|a| (a.awarded, a.why))
        .collect()
}

// Fund 1000; requests in rank order 400, 500, 300, 100.
const REQ: [i64; 4] = [400, 500, 300, 100];

#[test]
fn skip_goes_on_to_the_next_that_fits() {
    assert_eq!(
        run(1000, None, ShortfallRule::Skip, &REQ),
        [
            (400, Why::FundedInFull { amount: 400 }),
            (500, Why::FundedInFull { amount: 500 }),
            (
                0,
                Why::SkippedDidNotFit {
                    needed: 300,
                    remaining: 100
                }
            ),
            (100, Why::FundedInFull { amount: 100 }),
        ]
    );
}

#[test]
fn stop_leaves_everyone_after_the_first_misfit() {
    assert_eq!(
        run(1000, None, ShortfallRule::Stop, &REQ),
        [
            (400, Why::FundedInFull { amount: 400 }),
            (500, Why::FundedInFull { amount: 500 }),
            (
                0,
                Why::DidNotFitFundingStopped {
                    needed: 300,
                    remaining: 100
                }
            ),
            (0, Why::FundingStopped),
        ]
    );
}

#[test]
fn partial_gives_the_rest_then_the_fund_is_exhausted() {
    assert_eq!(
        run(1000, None, ShortfallRule::Partial, &REQ),
        [
            (400, Why::FundedInFull { amount: 400 }),
            (500, Why::FundedInFull { amount: 500 }),
            (
                100,
                Why::FundedPartially {
                    amount: 100,
                    full: 300
                }
            ),
            (0, Why::FundExhausted),
        ]
    );
}

#[test]
fn cap_limits_each_grant() {
    // Cap 450: 600 → 450 (capped), 450 → 450 (in full: it asked exactly the cap),
    // 100 fits the last 100 exactly; then nothing is left.
    assert_eq!(
        run(1000, Some(450), ShortfallRule::Skip, &[600, 450, 100, 1]),
        [
            (
                450,
                Why::FundedAtCap {
                    amount: 450,
                    requested: 600,
                    cap: 450
                }
            ),
            (450, Why::FundedInFull { amount: 450 }),
            (100, Why::FundedInFull { amount: 100 }),
            (0, Why::FundExhausted),
        ]
    );
    // Under partial the shortfall is measured against the capped grant.
    assert_eq!(
        run(500, Some(450), ShortfallRule::Partial, &[400, 900]),
        [
            (400, Why::FundedInFull { amount: 400 }),
            (
                100,
                Why::FundedPartially {
                    amount: 100,
                    full: 450
                }
            ),
        ]
    );
}

#[test]
fn an_empty_fund_funds_nobody() {
    for rule in [
        ShortfallRule::Skip,
        ShortfallRule::Stop,
        ShortfallRule::Partial,
    ] {
        assert_eq!(
            run(0, None, rule, &[1, 2]),
            [(0, Why::FundExhausted), (0, Why::FundExhausted)]
        );
    }
}

/// Ranks P1 (55) > P2 (50) > P3 (45) > LOW (10, below the pass mark 30);
/// NA is not admitted. Fund 250, each asks 100: P3 is skipped (50 left).
fn outcome(overrides: &[Override]) -> Result<Outcome, ScoringError> {
    let mut rules = rules3();
    rules.fund = 250;
    rules.cap_per_proposal = Some(100);
    let mut na = proposal("NA", 100, &[total("j1", 55)]);
    na.admitted = false;
    let ps = [
        proposal("P1", 100, &[total("j1", 55)]),
        proposal("P2", 150, &[total("j1", 50)]),
        proposal("P3", 100, &[total("j1", 45)]),
        proposal("LOW", 100, &[total("j1", 10)]),
        na,
    ];
    compute(&rules, &ps, overrides)
}

fn ov(reg: &str, action: OverrideAction, reason: &str) -> Override {
    Override {
        registration_number: reg.into(),
        action,
        reason: reason.into(),
    }
}

fn get<'a>(o: &'a Outcome, reg: &str) -> &'a ProposalResult {
    o.proposals
        .iter()
        .find(|p| p.registration_number == reg)
        .unwrap()
}

#[test]
fn overrides_apply_after_the_allocation_and_are_recorded() {
    let base = outcome(&[]).unwrap();
    assert_eq!(
        get(&base, "P3").why,
        Why::SkippedDidNotFit {
            needed: 100,
            remaining: 50
        }
    );
    assert_eq!(base.total_awarded, 200);

    let o = outcome(&[
        ov("P2", OverrideAction::Exclude, "  Відмовився від гранту  "),
        ov(
            "P3",
            OverrideAction::Award { amount: 100 },
            "Наступний у рейтингу",
        ),
    ])
    .unwrap();
    let p2 = get(&o, "P2");
    assert_eq!((p2.awarded, p2.computed_award), (0, 100));
    assert_eq!(
        p2.computed_why,
        Why::FundedAtCap {
            amount: 100,
            requested: 150,
            cap: 100
        }
    );
    assert_eq!(
        p2.why,
        Why::OverrideExcluded {
            computed: 100,
            reason: "Відмовився від гранту".into()
        }
    );
    assert!(p2.flags.overridden);
    let p3 = get(&o, "P3");
    assert_eq!(p3.awarded, 100);
    assert_eq!(
        p3.why,
        Why::OverrideAwarded {
            amount: 100,
            computed: 0,
            reason: "Наступний у рейтингу".into()
        }
    );
    assert!(!get(&o, "P1").flags.overridden);
    assert_eq!((o.total_awarded, o.fund_remaining), (200, 50));
}

#[test]
fn an_exclusion_does_not_redistribute() {
    let o = outcome(&[ov("P1", OverrideAction::Exclude, "Подвійне фінансування")]).unwrap();
    assert_eq!(get(&o, "P3").awarded, 0);
    assert_eq!((o.total_awarded, o.fund_remaining), (100, 150));
}

#[test]
fn overrides_are_refused_when_they_break_a_rule() {
    let award = |amount| OverrideAction::Award { amount };
    let err = |o: Override| outcome(&[o]).unwrap_err().to_string();
    assert!(err(ov("P1", OverrideAction::Exclude, "")).contains("reason is required"));
    assert!(err(ov("P1", OverrideAction::Exclude, " \n")).contains("reason is required"));
    assert!(err(ov("ZZ", OverrideAction::Exclude, "x")).contains("no such proposal"));
    assert!(err(ov("LOW", award(10), "x")).contains("pass the pass mark"));
    assert!(err(ov("NA", award(10), "x")).contains("admitted"));
    assert!(err(ov("P1", award(-1), "x")).contains("0..=100"));
    // P2 asked 150 but the cap is 100.
    assert!(err(ov("P2", award(101), "x")).contains("0..=100"));
    // P3 at 100 on top of 200 awarded: 300 > 250.
    assert_eq!(
        outcome(&[ov("P3", award(100), "x")]).unwrap_err(),
        ScoringError::OverridesExceedFund {
            total: 300,
            fund: 250
        }
    );
    let twice = [
        ov("P1", OverrideAction::Exclude, "a"),
        ov("P1", award(5), "b"),
    ];
    assert!(outcome(&twice)
        .unwrap_err()
        .to_string()
        .contains("more than one"));
    // Excluding an unfunded proposal is allowed (a recorded decision).
    assert!(outcome(&[ov("LOW", OverrideAction::Exclude, "x")]).is_ok());
}

#[test]
fn an_award_up_to_the_rest_of_the_fund_is_allowed() {
    let o = outcome(&[ov("P3", OverrideAction::Award { amount: 50 }, "Залишок")]).unwrap();
    assert_eq!((o.total_awarded, o.fund_remaining), (250, 0));
}
