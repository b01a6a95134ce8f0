//! Money: the published allocation rule over the eligible proposals in rank
//! order, then the organizer's overrides.

use std::collections::BTreeMap;

use super::model::{Override, OverrideAction, ProposalResult, Rules, ScoringError, ShortfallRule};
use super::why::Why;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    pub awarded: i64,
    pub why: Why,
}

/// Allocates `fund` over `requests`: the requested amounts of the eligible
/// (admitted, scored, passing) proposals in rank order. Each one's grant is
/// `min(requested, cap)`. In turn: nothing left → `fund_exhausted`; the grant
/// fits → awarded in full; otherwise the shortfall rule decides (`skip`:
/// unfunded, go on; `partial`: award what remains; `stop`: unfunded, and so
/// is everyone after).
pub fn allocate(
    fund: i64,
    cap: Option<i64>,
    rule: ShortfallRule,
    requests: &[i64],
) -> Vec<Allocation> {
    let mut remaining = fund.max(0);
    let mut stopped = false;
    let none = |why| Allocation { awarded: 0, why };
    requests
        .iter()
        .map(|&requested| {
            let grant = cap.map_or(requested, |c| requested.min(c));
            if stopped {
                return none(Why::FundingStopped);
            }
            if remaining == 0 {
                return none(Why::FundExhausted);
            }
            if grant <= remaining {
                remaining -= grant;
                let why = match cap {
                    Some(cap) if grant < requested => Why::FundedAtCap {
                        amount: grant,
                        requested,
                        cap,
                    },
                    _ => Why::FundedInFull { amount: grant },
                };
                return Allocation {
                    awarded: grant,
                    why,
                };
            }
            let (needed, left) = (grant, remaining);
            match rule {
                ShortfallRule::Skip => none(Why::SkippedDidNotFit {
                    needed,
                    remaining: left,
                }),
                ShortfallRule::Stop => {
                    stopped = true;
                    none(Why::DidNotFitFundingStopped {
                        needed,
                        remaining: left,
                    })
                }
                ShortfallRule::Partial => {
                    remaining = 0;
                    Allocation {
                        awarded: left,
                        why: Why::FundedPartially {
                            amount: left,
                            full: needed,
                        },
                    }
                }
            }
        })
        .collect()
}

/// Applies the organizer's overrides to the computed results. They do not
/// re-run the allocation: money freed by an exclusion stays in the fund
/// unless another override awards it. Refused (nothing applied) when a
/// reason is blank, a registration number is unknown or repeated, an award
/// goes to a proposal that is not admitted, unscored or below the pass mark,
/// an award is negative or above `min(requested, cap)`, or the final total
/// exceeds the fund.
pub fn apply_overrides(
    rules: &Rules,
    results: &mut [ProposalResult],
    overrides: &[Override],
) -> Result<(), ScoringError> {
    if overrides.is_empty() {
        return Ok(());
    }
    let index: BTreeMap<&str, usize> = results
        .iter()
        .enumerate()
        .map(|(i, r)| (r.registration_number.as_str(), i))
        .collect();
    let mut chosen: BTreeMap<usize, &Override> = BTreeMap::new();
    for o in overrides {
        let reg = o.registration_number.as_str();
        let err = |problem: &str| ScoringError::overriding(reg, problem);
        if o.reason.trim().is_empty() {
            return Err(err("a reason is required"));
        }
        let &i = index.get(reg).ok_or_else(|| err("no such proposal"))?;
        if chosen.insert(i, o).is_some() {
            return Err(err("more than one override"));
        }
        if let OverrideAction::Award { amount } = o.action {
            let r = &results[i];
            if r.flags.not_admitted || r.flags.no_scores || r.flags.below_pass_mark {
                return Err(err(
                    "only admitted proposals that pass the pass mark can be funded",
                ));
            }
            let limit = rules
                .cap_per_proposal
                .map_or(r.requested, |c| r.requested.min(c));
            if !(0..=limit).contains(&amount) {
                return Err(err(&format!("award must be 0..={limit} kopiyky")));
            }
        }
    }
    let total: i128 = results
        .iter()
        .enumerate()
        .map(|(i, r)| match chosen.get(&i).map(|o| o.action) {
            Some(OverrideAction::Award { amount }) => i128::from(amount),
            Some(OverrideAction::Exclude) => 0,
            None => i128::from(r.awarded),
        })
        .sum();
    if total > i128::from(rules.fund) {
        return Err(ScoringError::OverridesExceedFund {
            total,
            fund: rules.fund,
        });
    }
    for (i, o) in chosen {
        let r = &mut results[i];
        let reason = o.reason.trim().to_string();
        let computed = r.computed_award;
        (r.awarded, r.why) = match o.action {
            OverrideAction::Award { amount } => (
                amount,
                Why::OverrideAwarded {
                    amount,
                    computed,
                    reason,
                },
            ),
            OverrideAction::Exclude => (0, Why::OverrideExcluded { computed, reason }),
        };
        r.flags.overridden = true;
    }
    Ok(())
}

#[cfg(test)]
#[path = "allocate_tests.rs"]
mod tests;
