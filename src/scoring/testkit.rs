//! Test fixtures shared by the scoring unit tests.

use chrono::NaiveDate;

use super::model::*;

/// Criteria a (max 10, weight 3), b (max 10, weight 2), c (max 5, weight 1):
/// a juror total is `3a + 2b + c`, at most 55. Mean, pass mark 30, no
/// divergence threshold, fund 1,000.00 UAH, no cap, skip.
pub fn rules3() -> Rules {
    let c = |id: &str, max_points, weight| Criterion {
        id: id.into(),
        max_points,
        weight,
    };
    Rules {
        criteria: vec![c("a", 10, 3), c("b", 10, 2), c("c", 5, 1)],
        aggregation: Aggregation::Mean,
        pass_mark: 30,
        divergence_threshold: None,
        tie_break: vec![],
        fund: 100_000,
        cap_per_proposal: None,
        shortfall: ShortfallRule::Skip,
    }
}

pub fn at(minute: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2027, 3, 1)
        .and_then(|d| d.and_hms_opt(10, minute, 0))
        .unwrap()
}

/// A submitted score with points for a, b, c in order.
pub fn sub(juror: &str, points: [u32; 3]) -> JurorScore {
    JurorScore {
        juror: juror.into(),
        status: ScoreStatus::Submitted,
        points: ["a", "b", "c"]
            .iter()
            .zip(points)
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    }
}

pub fn with_status(juror: &str, status: ScoreStatus) -> JurorScore {
    JurorScore {
        juror: juror.into(),
        status,
        points: Default::default(),
    }
}

/// An admitted proposal submitted at 10:00.
pub fn proposal(reg: &str, requested: i64, scores: &[JurorScore]) -> Proposal {
    Proposal {
        registration_number: reg.into(),
        requested,
        submitted_at: at(0),
        admitted: true,
        scores: scores.to_vec(),
    }
}

/// Points giving the juror total `t` (0..=55) under [`rules3`].
pub fn total(juror: &str, t: u32) -> JurorScore {
    let a = (t / 3).min(10);
    let rest = t - 3 * a;
    let b = (rest / 2).min(10);
    let c = rest - 2 * b;
    assert!(c <= 5, "total {t} not reachable");
    sub(juror, [a, b, c])
}
