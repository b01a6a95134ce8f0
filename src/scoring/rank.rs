//! The ranking: aggregate descending, then the competition's tie-break rules
//! in their published order, then the registration number ascending. The
//! order is total (registration numbers are unique), so ranks never depend
//! on input order or on the sort algorithm.

use std::cmp::{Ordering, Reverse};

use chrono::NaiveDateTime;

use super::model::{CriterionResult, Rules, TieBreak};
use super::ratio::Ratio;

/// What ranking needs to know about one ranked proposal.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    pub registration_number: &'a str,
    pub aggregate: Ratio,
    pub requested: i64,
    pub submitted_at: NaiveDateTime,
    /// In the rules' criterion order.
    pub criteria: &'a [CriterionResult],
}

/// A tie-break with its criterion resolved to an index.
#[derive(Debug, Clone, Copy)]
enum Key {
    Requested,
    Submitted,
    Criterion(usize),
}

fn keys(rules: &Rules) -> Vec<Key> {
    rules
        .tie_break
        .iter()
        .filter_map(|tb| match tb {
            TieBreak::LowerRequestedAmountFirst => Some(Key::Requested),
            TieBreak::EarlierSubmissionFirst => Some(Key::Submitted),
            // Validation guarantees the id exists.
            TieBreak::HigherScoreOnCriterion { criterion_id } => rules
                .criteria
                .iter()
                .position(|c| &c.id == criterion_id)
                .map(Key::Criterion),
        })
        .collect()
}

fn by_key(key: Key, a: &Candidate, b: &Candidate) -> Ordering {
    match key {
        Key::Requested => a.requested.cmp(&b.requested),
        Key::Submitted => a.submitted_at.cmp(&b.submitted_at),
        Key::Criterion(i) => {
            let score = |c: &Candidate| c.criteria.get(i).and_then(|r| r.aggregate);
            score(b).cmp(&score(a))
        }
    }
}

fn compare_with(keys: &[Key], a: &Candidate, b: &Candidate) -> Ordering {
    b.aggregate
        .cmp(&a.aggregate)
        .then_with(|| {
            keys.iter()
                .map(|&k| by_key(k, a, b))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
        .then_with(|| a.registration_number.cmp(b.registration_number))
}

/// `Less` when `a` ranks above `b`.
pub fn compare(rules: &Rules, a: &Candidate, b: &Candidate) -> Ordering {
    compare_with(&keys(rules), a, b)
}

/// Indices of `candidates` in rank order (the first is rank 1).
///
/// Same order as sorting by [`compare`]; done in two passes for speed on
/// large competitions: by aggregate alone over a compact array, then each
/// run of equal aggregates by the full comparison (runs are short, so the
/// tie-break data they touch stays in cache).
pub fn order(rules: &Rules, candidates: &[Candidate]) -> Vec<usize> {
    let keys = keys(rules);
    let mut by_aggregate: Vec<(Ratio, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (c.aggregate, i))
        .collect();
    by_aggregate.sort_unstable_by_key(|&(a, _)| Reverse(a));
    let mut idx: Vec<usize> = by_aggregate.iter().map(|&(_, i)| i).collect();
    let mut start = 0;
    while start < idx.len() {
        let aggregate = by_aggregate[start].0;
        let len = by_aggregate[start..]
            .iter()
            .take_while(|(a, _)| *a == aggregate)
            .count();
        idx[start..start + len]
            .sort_unstable_by(|&i, &j| compare_with(&keys, &candidates[i], &candidates[j]));
        start += len;
    }
    idx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::testkit::{at, rules3};

    fn crit(a: i64) -> Vec<CriterionResult> {
        ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(i, id)| CriterionResult {
                criterion_id: id.to_string(),
                mean: None,
                aggregate: Some(Ratio::integer(if i == 0 { a } else { 0 })),
            })
            .collect()
    }

    struct C {
        reg: &'static str,
        agg: Ratio,
        requested: i64,
        minute: u32,
        crit: Vec<CriterionResult>,
    }

    fn c(reg: &'static str, agg: i64, requested: i64, minute: u32, crit_a: i64) -> C {
        C {
            reg,
            agg: Ratio::integer(agg),
            requested,
            minute,
            crit: crit(crit_a),
        }
    }

    fn ranked(tie_break: Vec<TieBreak>, cs: &[C]) -> Vec<&'static str> {
        let mut rules = rules3();
        rules.tie_break = tie_break;
        let cands: Vec<Candidate> = cs
            .iter()
            .map(|c| Candidate {
                registration_number: c.reg,
                aggregate: c.agg,
                requested: c.requested,
                submitted_at: at(c.minute),
                criteria: &c.crit,
            })
            .collect();
        order(&rules, &cands)
            .into_iter()
            .map(|i| cs[i].reg)
            .collect()
    }

    #[test]
    fn aggregate_descending_exactly() {
        let mut cs = vec![c("001", 40, 1, 0, 0), c("002", 45, 1, 0, 0)];
        // 121/3 = 40.333… ranks between 40 and 45.
        cs.push(C {
            agg: Ratio::checked_new(121, 3).unwrap(),
            ..c("003", 0, 1, 0, 0)
        });
        assert_eq!(ranked(vec![], &cs), ["002", "003", "001"]);
    }

    #[test]
    fn without_rules_the_registration_number_decides() {
        let cs = [
            c("003", 40, 1, 0, 0),
            c("001", 40, 1, 0, 0),
            c("002", 40, 1, 0, 0),
        ];
        assert_eq!(ranked(vec![], &cs), ["001", "002", "003"]);
    }

    #[test]
    fn lower_requested_amount_first() {
        let cs = [
            c("001", 40, 500, 0, 0),
            c("002", 40, 300, 0, 0),
            c("003", 41, 900, 0, 0),
        ];
        let tb = vec![TieBreak::LowerRequestedAmountFirst];
        assert_eq!(ranked(tb, &cs), ["003", "002", "001"]);
    }

    #[test]
    fn earlier_submission_first() {
        let cs = [
            c("001", 40, 1, 30, 0),
            c("002", 40, 1, 5, 0),
            c("003", 40, 1, 5, 0),
        ];
        let tb = vec![TieBreak::EarlierSubmissionFirst];
        // 002 and 003 tie on time too: the registration number decides.
        assert_eq!(ranked(tb, &cs), ["002", "003", "001"]);
    }

    #[test]
    fn higher_score_on_criterion() {
        let cs = [
            c("001", 40, 1, 0, 7),
            c("002", 40, 1, 0, 9),
            c("003", 40, 1, 0, 8),
        ];
        let tb = vec![TieBreak::HigherScoreOnCriterion {
            criterion_id: "a".into(),
        }];
        assert_eq!(ranked(tb, &cs), ["002", "003", "001"]);
    }

    #[test]
    fn rules_apply_in_their_published_order() {
        // 001 asks less, 002 came earlier.
        let cs = [c("001", 40, 100, 9, 0), c("002", 40, 200, 1, 0)];
        let req = TieBreak::LowerRequestedAmountFirst;
        let time = TieBreak::EarlierSubmissionFirst;
        assert_eq!(ranked(vec![req.clone(), time.clone()], &cs), ["001", "002"]);
        assert_eq!(ranked(vec![time, req], &cs), ["002", "001"]);
        // Equal on the first rule: the second decides.
        let cs = [c("001", 40, 100, 9, 0), c("002", 40, 100, 1, 0)];
        let tb = vec![
            TieBreak::LowerRequestedAmountFirst,
            TieBreak::EarlierSubmissionFirst,
        ];
        assert_eq!(ranked(tb, &cs), ["002", "001"]);
    }
}
