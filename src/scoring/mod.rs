//! The jury review's arithmetic: aggregation, ranking and allocation.
//!
//! A pure, deterministic function of the frozen rules, the proposals with
//! their juror scores, and the organizer's overrides ([`compute`]). No
//! database, no I/O, no floating point, no hash-map iteration in the output:
//! the same input (in any order) gives a byte-identical [`Outcome`], so
//! anyone can recompute the published results from the open data.
//!
//! # The published algorithm
//!
//! 1. **Juror total.** For each juror whose score is `submitted` (not
//!    `recused`, not `pending`): `total = Σ points(c) × weight(c)` over all
//!    criteria, an integer. Weights are integers; decimal weights are
//!    published as integers of the same proportion.
//! 2. **Aggregate** of a proposal over its counted totals (recused and
//!    pending jurors are out of the denominator), as an exact fraction:
//!    `mean` = Σ/n; `median` = the middle one, or the mean of the two middle
//!    ones for even n; `trimmed_mean{trim}` drops the `k` highest and `k`
//!    lowest, `k = min(trim, (n−1)/2)`, and takes the mean of the rest;
//!    `sum` = Σ. No counted total → no aggregate (flag `no_scores`; never
//!    ranked, never funded).
//! 3. **Flags.** `divergent` when `max − min` of the totals is strictly
//!    greater than `divergence_threshold` (weighted-total units).
//!    `below_pass_mark` when `aggregate < pass_mark` (passing is inclusive).
//! 4. **Rank.** Admitted proposals with an aggregate, by aggregate
//!    descending; equal aggregates by the `tie_break` rules in order
//!    (`lower_requested_amount_first`, `earlier_submission_first`,
//!    `higher_score_on_criterion`: that criterion's points aggregated by the
//!    same method), then by registration number ascending (byte-wise).
//!    Ranks are 1..n with no gaps and no shared ranks.
//! 5. **Allocation** (see [`allocate::allocate`]) over the ranked proposals
//!    that pass, in rank order: grant `min(requested, cap)` while the fund
//!    lasts; when a grant does not fit, `skip`, `partial` or `stop`.
//! 6. **Overrides** (see [`allocate::apply_overrides`]): applied after the
//!    allocation, each with a published reason; they never re-run it and
//!    never push the total over the fund.
//!
//! Every proposal gets a [`Why`]: a code with parameters, and a sentence in
//! Ukrainian or English ([`Why::why_text`]).

pub mod aggregate;
pub mod allocate;
pub mod model;
pub mod rank;
pub mod ratio;
pub mod validate;
pub mod why;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod testkit;

pub use model::*;
pub use ratio::Ratio;
pub use why::Why;

use aggregate::ProposalScore;
use allocate::Allocation;
use rank::Candidate;

/// Scores, ranks and allocates. `proposals` in any order; the output lists
/// the ranked proposals in rank order, then the rest by registration number.
pub fn compute(
    rules: &Rules,
    proposals: &[Proposal],
    overrides: &[Override],
) -> Result<Outcome, ScoringError> {
    validate::rules(rules)?;
    validate::proposals(proposals)?;
    let mut scores = proposals
        .iter()
        .map(|p| aggregate::score(rules, p).map(Some))
        .collect::<Result<Vec<Option<ProposalScore>>, _>>()?;

    // Admitted proposals with an aggregate are ranked; `ranked[k]` is the
    // proposal index of `candidates[k]`.
    let (ranked, candidates): (Vec<usize>, Vec<Candidate>) = proposals
        .iter()
        .zip(&scores)
        .enumerate()
        .filter(|(_, (p, _))| p.admitted)
        .filter_map(|(i, (p, s))| {
            let s = s.as_ref()?;
            let candidate = Candidate {
                registration_number: &p.registration_number,
                aggregate: s.aggregate?,
                requested: p.requested,
                submitted_at: p.submitted_at,
                criteria: &s.criteria,
            };
            Some((i, candidate))
        })
        .unzip();
    let order: Vec<usize> = rank::order(rules, &candidates)
        .into_iter()
        .map(|k| ranked[k])
        .collect();
    // Ends the borrow of `scores`, whose entries are moved out below.
    drop(candidates);

    let pass_mark = Ratio::integer(rules.pass_mark);
    let aggregate_of = |i: usize| scores[i].as_ref().and_then(|s| s.aggregate);
    let eligible: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| aggregate_of(i).is_some_and(|a| a >= pass_mark))
        .collect();
    let requests: Vec<i64> = eligible.iter().map(|&i| proposals[i].requested).collect();
    let allocations = allocate::allocate(
        rules.fund,
        rules.cap_per_proposal,
        rules.shortfall,
        &requests,
    );

    let n = proposals.len();
    let mut rank_of: Vec<Option<u32>> = vec![None; n];
    let mut tie_broken = vec![false; n];
    for (pos, &i) in order.iter().enumerate() {
        rank_of[i] = Some(u32::try_from(pos + 1).unwrap_or(u32::MAX));
        if pos > 0 && aggregate_of(order[pos - 1]) == aggregate_of(i) {
            tie_broken[i] = true;
            tie_broken[order[pos - 1]] = true;
        }
    }
    let mut allocation_of: Vec<Option<Allocation>> = vec![None; n];
    for (&i, a) in eligible.iter().zip(allocations) {
        allocation_of[i] = Some(a);
    }
    let mut unranked: Vec<usize> = (0..n).filter(|&i| rank_of[i].is_none()).collect();
    unranked.sort_by(|&a, &b| {
        proposals[a]
            .registration_number
            .cmp(&proposals[b].registration_number)
    });

    let mut results: Vec<ProposalResult> = order
        .iter()
        .chain(&unranked)
        .map(|&i| {
            let s = scores[i].take().unwrap_or_else(empty_score);
            let p = &proposals[i];
            let flags = Flags {
                not_admitted: !p.admitted,
                no_scores: s.aggregate.is_none(),
                below_pass_mark: s.aggregate.is_some_and(|a| a < pass_mark),
                divergent: matches!(
                    (s.spread, rules.divergence_threshold),
                    (Some(spread), Some(t)) if spread > t
                ),
                incomplete: s.incomplete,
                tie_broken: tie_broken[i],
                overridden: false,
            };
            let Allocation { awarded, why } = allocation_of[i].take().unwrap_or_else(|| {
                let why = match s.aggregate {
                    _ if !p.admitted => Why::NotAdmitted,
                    None => Why::NoScores,
                    Some(aggregate) => Why::BelowPassMark {
                        aggregate,
                        pass_mark: rules.pass_mark,
                    },
                };
                Allocation { awarded: 0, why }
            });
            ProposalResult {
                registration_number: p.registration_number.clone(),
                rank: rank_of[i],
                aggregate: s.aggregate,
                criteria: s.criteria,
                juror_totals: s.juror_totals,
                spread: s.spread,
                flags,
                requested: p.requested,
                computed_award: awarded,
                computed_why: why.clone(),
                awarded,
                why,
            }
        })
        .collect();

    allocate::apply_overrides(rules, &mut results, overrides)?;
    let total_awarded: i64 = results.iter().map(|r| r.awarded).sum();
    Ok(Outcome {
        proposals: results,
        fund: rules.fund,
        total_awarded,
        fund_remaining: rules.fund - total_awarded,
    })
}

/// Never used: every index is taken exactly once.
fn empty_score() -> ProposalScore {
    ProposalScore {
        aggregate: None,
        criteria: Vec::new(),
        juror_totals: Vec::new(),
        spread: None,
        incomplete: false,
    }
}

#[cfg(test)]
#[path = "compute_tests.rs"]
mod tests;
