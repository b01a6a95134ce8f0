//! From juror points to one proposal's aggregate: weighted totals, the
//! aggregation methods, per-criterion figures and the spread.

use super::model::{
    Aggregation, CriterionResult, JurorTotal, Proposal, Rules, ScoreStatus, ScoringError,
};
use super::ratio::Ratio;

/// One proposal's scores, before ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalScore {
    pub aggregate: Option<Ratio>,
    pub criteria: Vec<CriterionResult>,
    pub juror_totals: Vec<JurorTotal>,
    pub spread: Option<i64>,
    pub incomplete: bool,
}

/// Aggregates `values` (any order) by `method`; `None` for no values.
/// Exact: see [`Aggregation`] for each formula.
pub fn aggregate(method: Aggregation, values: &[i64]) -> Option<Ratio> {
    let mut v = values.to_vec();
    v.sort_unstable();
    aggregate_sorted(method, &v)
}

/// [`aggregate`] of values already in ascending order.
fn aggregate_sorted(method: Aggregation, v: &[i64]) -> Option<Ratio> {
    let n = v.len();
    if n == 0 {
        return None;
    }
    Some(match method {
        Aggregation::Mean => Ratio::of_count(v.iter().sum(), n),
        Aggregation::Sum => Ratio::integer(v.iter().sum()),
        Aggregation::Median if n % 2 == 1 => Ratio::integer(v[n / 2]),
        Aggregation::Median => Ratio::of_count(v[n / 2 - 1] + v[n / 2], 2),
        Aggregation::TrimmedMean { trim } => {
            let k = usize::try_from(trim).unwrap_or(usize::MAX).min((n - 1) / 2);
            let kept = &v[k..n - k];
            Ratio::of_count(kept.iter().sum(), kept.len())
        }
    })
}

/// Scores one proposal: checks each submitted score's points against the
/// criteria, counts only submitted scores (recused and pending ones are out
/// of every denominator) and aggregates.
pub fn score(rules: &Rules, p: &Proposal) -> Result<ProposalScore, ScoringError> {
    let reg = p.registration_number.as_str();
    let width = rules.criteria.len();
    let mut totals = Vec::new();
    // Counted jurors' points, one row of `width` per juror (one allocation
    // instead of a vector per criterion: this runs for every proposal).
    let mut matrix: Vec<i64> = Vec::with_capacity(p.scores.len() * width);
    let mut incomplete = false;
    for s in &p.scores {
        match s.status {
            ScoreStatus::Recused => continue,
            ScoreStatus::Pending => {
                incomplete = true;
                continue;
            }
            ScoreStatus::Submitted => {}
        }
        let mut total = 0i64;
        for c in &rules.criteria {
            let Some(&pts) = s.points.get(&c.id) else {
                return Err(ScoringError::proposal(
                    reg,
                    format!("juror {} gave no points for criterion {}", s.juror, c.id),
                ));
            };
            if pts > c.max_points {
                return Err(ScoringError::proposal(
                    reg,
                    format!(
                        "juror {} gave {pts} points for criterion {} (max {})",
                        s.juror, c.id, c.max_points
                    ),
                ));
            }
            total += i64::from(pts) * i64::from(c.weight);
            matrix.push(i64::from(pts));
        }
        // Every criterion was found, so a longer map has an unknown key.
        if s.points.len() != width {
            let unknown = s
                .points
                .keys()
                .find(|k| !rules.criteria.iter().any(|c| &c.id == *k));
            return Err(ScoringError::proposal(
                reg,
                format!(
                    "juror {} scored unknown criterion {}",
                    s.juror,
                    unknown.map_or("?", |k| k.as_str())
                ),
            ));
        }
        totals.push(JurorTotal {
            juror: s.juror.clone(),
            total,
        });
    }
    totals.sort_by(|a, b| a.juror.cmp(&b.juror));
    let mut values: Vec<i64> = totals.iter().map(|t| t.total).collect();
    values.sort_unstable();
    let spread = match (values.first(), values.last()) {
        (Some(min), Some(max)) => Some(max - min),
        _ => None,
    };
    let mut column = Vec::with_capacity(totals.len());
    let criteria = rules
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            column.clear();
            column.extend(matrix.iter().skip(i).step_by(width.max(1)));
            column.sort_unstable();
            CriterionResult {
                criterion_id: c.id.clone(),
                mean: aggregate_sorted(Aggregation::Mean, &column),
                aggregate: aggregate_sorted(rules.aggregation, &column),
            }
        })
        .collect();
    Ok(ProposalScore {
        aggregate: aggregate_sorted(rules.aggregation, &values),
        criteria,
        juror_totals: totals,
        spread,
        incomplete,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::testkit::*;

    fn r(num: i64, den: i64) -> Option<Ratio> {
        Ratio::checked_new(num, den)
    }

    const TRIM1: Aggregation = Aggregation::TrimmedMean { trim: 1 };

    #[test]
    fn mean_and_sum() {
        assert_eq!(aggregate(Aggregation::Mean, &[40, 45, 50]), r(45, 1));
        // (40 + 45) / 2 = 42.5
        assert_eq!(aggregate(Aggregation::Mean, &[45, 40]), r(85, 2));
        // (10 + 11 + 11) / 3 = 32/3, kept exact.
        assert_eq!(aggregate(Aggregation::Mean, &[11, 10, 11]), r(32, 3));
        assert_eq!(aggregate(Aggregation::Sum, &[40, 45, 50]), r(135, 1));
        assert_eq!(aggregate(Aggregation::Mean, &[]), None);
        assert_eq!(aggregate(Aggregation::Sum, &[]), None);
    }

    #[test]
    fn median_odd_and_even() {
        assert_eq!(aggregate(Aggregation::Median, &[50, 10, 40]), r(40, 1));
        assert_eq!(aggregate(Aggregation::Median, &[7]), r(7, 1));
        // Even: the mean of the two middle values, 40 and 45 → 42.5.
        assert_eq!(aggregate(Aggregation::Median, &[55, 40, 10, 45]), r(85, 2));
        assert_eq!(aggregate(Aggregation::Median, &[10, 20]), r(15, 1));
    }

    #[test]
    fn trimmed_mean_at_2_3_5() {
        // n = 2: nothing can be dropped; the plain mean.
        assert_eq!(aggregate(TRIM1, &[10, 21]), r(31, 2));
        // n = 3: drop 0 and 50, keep 30.
        assert_eq!(aggregate(TRIM1, &[50, 0, 30]), r(30, 1));
        // n = 5: drop 1 and 55, keep 20 + 30 + 41 = 91 → 91/3.
        assert_eq!(aggregate(TRIM1, &[41, 55, 1, 20, 30]), r(91, 3));
        // n = 1: the value itself.
        assert_eq!(aggregate(TRIM1, &[12]), r(12, 1));
        // Equal extremes: only one copy of each is dropped.
        assert_eq!(aggregate(TRIM1, &[10, 10, 10, 40]), r(10, 1));
    }

    #[test]
    fn trimmed_mean_with_larger_trim_keeps_at_least_one() {
        let trim2 = Aggregation::TrimmedMean { trim: 2 };
        // n = 5, k = 2: only the median 30 remains.
        assert_eq!(aggregate(trim2, &[1, 20, 30, 41, 55]), r(30, 1));
        // n = 4, k = min(2, 1) = 1: (20 + 30) / 2.
        assert_eq!(aggregate(trim2, &[1, 20, 30, 55]), r(25, 1));
        // n = 2, k = 0.
        assert_eq!(aggregate(trim2, &[1, 20]), r(21, 2));
    }

    #[test]
    fn weighted_totals_and_recusals_change_the_denominator() {
        let rules = rules3();
        // j1: 3·8 + 2·5 + 4 = 38; j2: 3·10 + 2·10 + 5 = 55; j3 recused; j4 pending.
        let p = proposal(
            "001",
            100,
            &[
                sub("j2", [10, 10, 5]),
                sub("j1", [8, 5, 4]),
                with_status("j3", ScoreStatus::Recused),
                with_status("j4", ScoreStatus::Pending),
            ],
        );
        let s = score(&rules, &p).unwrap();
        let totals: Vec<_> = s
            .juror_totals
            .iter()
            .map(|t| (t.juror.as_str(), t.total))
            .collect();
        assert_eq!(totals, [("j1", 38), ("j2", 55)]);
        // (38 + 55) / 2, not / 3 or / 4.
        assert_eq!(s.aggregate, r(93, 2));
        assert_eq!(s.spread, Some(17));
        assert!(s.incomplete);
        // Per-criterion means are unweighted points: a (8+10)/2, b 15/2, c 9/2.
        let means: Vec<_> = s.criteria.iter().map(|c| c.mean).collect();
        assert_eq!(means, [r(9, 1), r(15, 2), r(9, 2)]);
        assert_eq!(s.criteria[0].criterion_id, "a");
    }

    #[test]
    fn per_criterion_aggregate_follows_the_method() {
        let mut rules = rules3();
        rules.aggregation = Aggregation::Median;
        let p = proposal(
            "001",
            100,
            &[
                sub("j1", [2, 0, 0]),
                sub("j2", [9, 0, 0]),
                sub("j3", [10, 0, 0]),
            ],
        );
        let s = score(&rules, &p).unwrap();
        assert_eq!(s.criteria[0].aggregate, r(9, 1));
        assert_eq!(s.criteria[0].mean, r(7, 1));
    }

    #[test]
    fn no_counted_scores_means_no_aggregate() {
        let rules = rules3();
        let p = proposal("001", 100, &[with_status("j1", ScoreStatus::Recused)]);
        let s = score(&rules, &p).unwrap();
        assert_eq!(s.aggregate, None);
        assert_eq!(s.spread, None);
        assert!(s.juror_totals.is_empty());
        assert!(s
            .criteria
            .iter()
            .all(|c| c.mean.is_none() && c.aggregate.is_none()));
        assert!(!s.incomplete);
    }

    #[test]
    fn rejects_bad_points() {
        let rules = rules3();
        let err = |s| {
            score(&rules, &proposal("001", 100, &[s]))
                .unwrap_err()
                .to_string()
        };
        assert!(err(sub("j1", [11, 0, 0])).contains("11 points for criterion a (max 10)"));
        let mut missing = sub("j1", [1, 1, 1]);
        missing.points.remove("b");
        assert!(err(missing).contains("no points for criterion b"));
        let mut extra = sub("j1", [1, 1, 1]);
        extra.points.insert("zz".into(), 1);
        assert!(err(extra).contains("unknown criterion zz"));
        // Points of a recused juror are ignored, not checked.
        let mut recused = sub("j1", [99, 99, 99]);
        recused.status = ScoreStatus::Recused;
        assert!(score(&rules, &proposal("001", 100, &[recused])).is_ok());
    }
}
