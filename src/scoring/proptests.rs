//! Property tests: invariants of the money and the order that must hold for
//! any input, and determinism under reordering.

use proptest::prelude::*;

use super::testkit::at;
use super::*;

fn criteria() -> impl Strategy<Value = Vec<Criterion>> {
    prop::collection::vec((1u32..=10, 1u32..=5), 1..=4).prop_map(|cs| {
        cs.into_iter()
            .enumerate()
            .map(|(i, (max_points, weight))| Criterion {
                id: format!("c{i}"),
                max_points,
                weight,
            })
            .collect()
    })
}

/// Kopiyky in `lo*100..=hi*100`; half the time a round hundred, so exact
/// fits (grant == remaining) are common.
fn money(lo: i64, hi: i64) -> impl Strategy<Value = i64> {
    prop_oneof![lo * 100..=hi * 100, (lo..=hi).prop_map(|k| k * 100)]
}

fn aggregation() -> impl Strategy<Value = Aggregation> {
    prop_oneof![
        Just(Aggregation::Mean),
        Just(Aggregation::Median),
        (1u32..=2).prop_map(|trim| Aggregation::TrimmedMean { trim }),
        Just(Aggregation::Sum),
    ]
}

fn shortfall() -> impl Strategy<Value = ShortfallRule> {
    prop_oneof![
        Just(ShortfallRule::Skip),
        Just(ShortfallRule::Partial),
        Just(ShortfallRule::Stop),
    ]
}

fn rules() -> impl Strategy<Value = Rules> {
    (
        criteria(),
        aggregation(),
        0i64..=70,
        prop::option::of(0i64..=50),
        prop::collection::vec(0u8..3, 0..=3),
        money(0, 50),
        prop::option::of(money(1, 20)),
        shortfall(),
    )
        .prop_map(
            |(criteria, aggregation, pass_pct, div_pct, tbs, fund, cap, sf)| {
                // Marks as a share of the best possible juror total, so that
                // some proposals pass and some do not whatever the criteria.
                let best: i64 = criteria
                    .iter()
                    .map(|c| i64::from(c.max_points * c.weight))
                    .sum();
                let mut tie_break: Vec<TieBreak> = Vec::new();
                for t in tbs {
                    let tb = match t {
                        0 => TieBreak::LowerRequestedAmountFirst,
                        1 => TieBreak::EarlierSubmissionFirst,
                        _ => TieBreak::HigherScoreOnCriterion {
                            criterion_id: criteria[0].id.clone(),
                        },
                    };
                    if !tie_break.contains(&tb) {
                        tie_break.push(tb);
                    }
                }
                Rules {
                    criteria,
                    aggregation,
                    pass_mark: best * pass_pct / 100,
                    divergence_threshold: div_pct.map(|d| best * d / 100),
                    tie_break,
                    fund,
                    cap_per_proposal: cap,
                    shortfall: sf,
                }
            },
        )
}

/// Raw material for one juror score: status selector and points seeds.
type RawScore = (u8, Vec<u32>);
/// requested, minute, admitted, scores.
type RawProposal = (i64, u32, bool, Vec<RawScore>);

fn raw_proposals() -> impl Strategy<Value = Vec<RawProposal>> {
    let score = (0u8..10, prop::collection::vec(0u32..=10, 4));
    let proposal = (
        money(1, 20),
        0u32..4,
        prop::bool::weighted(0.9),
        prop::collection::vec(score, 0..=5),
    );
    prop::collection::vec(proposal, 0..=25)
}

/// Builds valid proposals for `rules` (points folded into `0..=max`).
fn build(rules: &Rules, raw: &[RawProposal]) -> Vec<Proposal> {
    raw.iter()
        .enumerate()
        .map(|(i, (requested, minute, admitted, scores))| Proposal {
            registration_number: format!("R{i:03}"),
            requested: *requested,
            submitted_at: at(*minute),
            admitted: *admitted,
            scores: scores
                .iter()
                .enumerate()
                .map(|(j, (status, pts))| JurorScore {
                    juror: format!("j{j}"),
                    status: match status {
                        0 => ScoreStatus::Recused,
                        1 => ScoreStatus::Pending,
                        _ => ScoreStatus::Submitted,
                    },
                    points: rules
                        .criteria
                        .iter()
                        .zip(pts)
                        .map(|(c, p)| (c.id.clone(), p % (c.max_points + 1)))
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

fn grant(rules: &Rules, p: &ProposalResult) -> i64 {
    rules
        .cap_per_proposal
        .map_or(p.requested, |c| p.requested.min(c))
}

fn eligible(p: &ProposalResult) -> bool {
    !(p.flags.not_admitted || p.flags.no_scores || p.flags.below_pass_mark)
}

/// Money invariants that hold with or without overrides.
fn check_money(rules: &Rules, o: &Outcome) -> Result<(), TestCaseError> {
    let sum: i64 = o.proposals.iter().map(|p| p.awarded).sum();
    prop_assert_eq!(sum, o.total_awarded);
    prop_assert!(o.total_awarded <= rules.fund);
    prop_assert_eq!(o.fund_remaining, rules.fund - o.total_awarded);
    for p in &o.proposals {
        prop_assert!(p.awarded >= 0);
        prop_assert!(p.awarded <= p.requested);
        prop_assert!(rules.cap_per_proposal.map_or(true, |c| p.awarded <= c));
        prop_assert!(
            p.awarded == 0 || eligible(p),
            "{} got money",
            p.registration_number
        );
    }
    Ok(())
}

/// The computed allocation follows the rank order and the shortfall rule.
fn check_order(rules: &Rules, o: &Outcome) -> Result<(), TestCaseError> {
    let ranked: Vec<&ProposalResult> = o
        .proposals
        .iter()
        .take_while(|p| p.rank.is_some())
        .collect();
    prop_assert!(o.proposals[ranked.len()..].iter().all(|p| p.rank.is_none()));
    for (i, p) in ranked.iter().enumerate() {
        prop_assert_eq!(p.rank, Some(i as u32 + 1));
        prop_assert!(i == 0 || ranked[i - 1].aggregate >= p.aggregate);
    }
    let passing: Vec<&ProposalResult> = ranked.iter().copied().filter(|p| eligible(p)).collect();
    // Passing proposals are exactly the top of the ranking.
    prop_assert!(ranked[..passing.len()].iter().all(|p| eligible(p)));
    let mut remaining = rules.fund;
    let mut partials = 0;
    let mut stopped = false;
    for p in passing {
        let (g, a) = (grant(rules, p), p.computed_award);
        match rules.shortfall {
            ShortfallRule::Stop if stopped => prop_assert_eq!(a, 0),
            ShortfallRule::Stop if g > remaining => {
                prop_assert_eq!(a, 0);
                stopped = true;
            }
            ShortfallRule::Skip if g > remaining => {
                prop_assert_eq!(a, 0, "skipped only if it did not fit")
            }
            ShortfallRule::Partial if g > remaining => {
                prop_assert_eq!(a, remaining);
                if remaining > 0 {
                    partials += 1;
                }
            }
            _ => prop_assert_eq!(a, g, "a proposal that fits is funded in full"),
        }
        remaining -= a;
    }
    prop_assert!(partials <= 1);
    // Under partial, a partial award is the last one funded.
    if let Some(pos) = o
        .proposals
        .iter()
        .position(|p| matches!(p.computed_why, Why::FundedPartially { .. }))
    {
        prop_assert!(o.proposals[pos + 1..].iter().all(|p| p.computed_award == 0));
    }
    Ok(())
}

/// A deterministic permutation (Fisher–Yates with an LCG).
fn shuffle<T>(v: &mut [T], mut seed: u64) {
    for i in (1..v.len()).rev() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        v.swap(i, (seed >> 33) as usize % (i + 1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn allocation_invariants(rules in rules(), raw in raw_proposals()) {
        let ps = build(&rules, &raw);
        let o = compute(&rules, &ps, &[]).unwrap();
        prop_assert_eq!(o.proposals.len(), ps.len());
        check_money(&rules, &o)?;
        check_order(&rules, &o)?;
        for p in &o.proposals {
            prop_assert_eq!(&p.why, &p.computed_why);
            prop_assert_eq!(p.why.is_funded(), p.awarded > 0);
        }
    }

    #[test]
    fn ranking_follows_the_published_comparison(rules in rules(), raw in raw_proposals()) {
        let ps = build(&rules, &raw);
        let o = compute(&rules, &ps, &[]).unwrap();
        let candidates: Vec<rank::Candidate> = o
            .proposals
            .iter()
            .filter(|r| r.rank.is_some())
            .map(|r| {
                let p = ps.iter().find(|p| p.registration_number == r.registration_number).unwrap();
                rank::Candidate {
                    registration_number: &r.registration_number,
                    aggregate: r.aggregate.unwrap(),
                    requested: p.requested,
                    submitted_at: p.submitted_at,
                    criteria: &r.criteria,
                }
            })
            .collect();
        for pair in candidates.windows(2) {
            prop_assert_eq!(rank::compare(&rules, &pair[0], &pair[1]), std::cmp::Ordering::Less);
        }
    }

    #[test]
    fn deterministic_under_reordering(rules in rules(), raw in raw_proposals(), seed in any::<u64>()) {
        let ps = build(&rules, &raw);
        let a = serde_json::to_string(&compute(&rules, &ps, &[]).unwrap()).unwrap();
        let again = serde_json::to_string(&compute(&rules, &ps, &[]).unwrap()).unwrap();
        prop_assert_eq!(&a, &again);
        let mut shuffled = ps.clone();
        shuffle(&mut shuffled, seed);
        for (k, p) in shuffled.iter_mut().enumerate() {
            shuffle(&mut p.scores, seed ^ k as u64);
        }
        let b = serde_json::to_string(&compute(&rules, &shuffled, &[]).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn overrides_keep_the_money_rules(
        rules in rules(),
        raw in raw_proposals(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), prop::option::of(0i64..=5)), 0..=3),
    ) {
        let ps = build(&rules, &raw);
        prop_assume!(!ps.is_empty());
        let base = compute(&rules, &ps, &[]).unwrap();
        let all: Vec<&ProposalResult> = base.proposals.iter().collect();
        let passing: Vec<&ProposalResult> = all.iter().copied().filter(|p| eligible(p)).collect();
        let overrides: Vec<Override> = picks
            .iter()
            .map(|(idx, quarters)| {
                // Awards go to passing proposals when there are any (refusals
                // of the others are covered by unit tests).
                let pool = if quarters.is_some() && !passing.is_empty() { &passing } else { &all };
                let p = pool[idx.index(pool.len())];
                // 0..=5 quarters of the proposal's limit: 5/4 is always refused.
                let limit = rules.cap_per_proposal.map_or(p.requested, |c| p.requested.min(c));
                let action = quarters.map_or(OverrideAction::Exclude, |q| OverrideAction::Award {
                    amount: limit * q / 4,
                });
                Override {
                    registration_number: p.registration_number.clone(),
                    action,
                    reason: "причина".into(),
                }
            })
            .collect();
        match compute(&rules, &ps, &overrides) {
            Ok(o) => {
                check_money(&rules, &o)?;
                check_order(&rules, &o)?;
                let n = o.proposals.iter().filter(|p| p.flags.overridden).count();
                prop_assert_eq!(n, overrides.len());
            }
            // Only override rules may refuse valid proposals.
            Err(e) => prop_assert!(
                matches!(
                    e,
                    ScoringError::InvalidOverride { .. } | ScoringError::OverridesExceedFund { .. }
                ),
                "unexpected error {:?}",
                e
            ),
        }
    }
}
