//! Input checks that make the arithmetic safe: with these bounds a juror
//! total is at most 10¹⁰ and a sum over 1,000 jurors at most 10¹³, far
//! inside `i64`.

use std::collections::{BTreeSet, HashSet};

use super::model::{Aggregation, Proposal, Rules, ScoringError, TieBreak};

pub const MAX_CRITERIA: usize = 100;
pub const MAX_POINTS: u32 = 10_000;
pub const MAX_WEIGHT: u32 = 10_000;
pub const MAX_JURORS_PER_PROPOSAL: usize = 1_000;

fn bad(msg: impl Into<String>) -> ScoringError {
    ScoringError::InvalidRules(msg.into())
}

pub fn rules(rules: &Rules) -> Result<(), ScoringError> {
    if rules.criteria.is_empty() {
        return Err(bad("no criteria"));
    }
    if rules.criteria.len() > MAX_CRITERIA {
        return Err(bad(format!("more than {MAX_CRITERIA} criteria")));
    }
    let mut ids = BTreeSet::new();
    for c in &rules.criteria {
        if c.id.trim().is_empty() {
            return Err(bad("a criterion has an empty id"));
        }
        if !ids.insert(c.id.as_str()) {
            return Err(bad(format!("criterion {} is listed twice", c.id)));
        }
        if !(1..=MAX_POINTS).contains(&c.max_points) {
            return Err(bad(format!(
                "criterion {}: max_points must be 1..={MAX_POINTS}",
                c.id
            )));
        }
        if !(1..=MAX_WEIGHT).contains(&c.weight) {
            return Err(bad(format!(
                "criterion {}: weight must be 1..={MAX_WEIGHT}",
                c.id
            )));
        }
    }
    if let Aggregation::TrimmedMean { trim } = rules.aggregation {
        if trim == 0 {
            return Err(bad("trimmed_mean needs trim >= 1 (trim 0 is the mean)"));
        }
    }
    if rules.pass_mark < 0 {
        return Err(bad("pass_mark is negative"));
    }
    if rules.divergence_threshold.is_some_and(|t| t < 0) {
        return Err(bad("divergence_threshold is negative"));
    }
    let mut seen = BTreeSet::new();
    for tb in &rules.tie_break {
        if let TieBreak::HigherScoreOnCriterion { criterion_id } = tb {
            if !ids.contains(criterion_id.as_str()) {
                return Err(bad(format!(
                    "tie-break names unknown criterion {criterion_id}"
                )));
            }
        }
        if !seen.insert(format!("{tb:?}")) {
            return Err(bad("a tie-break rule is listed twice"));
        }
    }
    if rules.fund < 0 {
        return Err(bad("fund is negative"));
    }
    if rules.cap_per_proposal.is_some_and(|c| c <= 0) {
        return Err(bad("cap_per_proposal must be positive"));
    }
    Ok(())
}

/// Structure only; points are checked while they are summed.
pub fn proposals(proposals: &[Proposal]) -> Result<(), ScoringError> {
    // Membership only (never iterated), so a hash set is deterministic here.
    let mut regs = HashSet::with_capacity(proposals.len());
    for p in proposals {
        let reg = p.registration_number.as_str();
        if reg.trim().is_empty() {
            return Err(ScoringError::proposal(reg, "empty registration number"));
        }
        if !regs.insert(reg) {
            return Err(ScoringError::proposal(
                reg,
                "registration number is not unique",
            ));
        }
        if p.requested <= 0 {
            return Err(ScoringError::proposal(
                reg,
                "requested amount must be positive",
            ));
        }
        if p.scores.len() > MAX_JURORS_PER_PROPOSAL {
            return Err(ScoringError::proposal(reg, "too many jurors"));
        }
        let mut jurors = BTreeSet::new();
        for s in &p.scores {
            if !jurors.insert(s.juror.as_str()) {
                return Err(ScoringError::proposal(
                    reg,
                    format!("juror {} scored twice", s.juror),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::model::{JurorScore, ScoreStatus};
    use crate::scoring::testkit::{proposal, rules3};

    fn rules_err(f: impl FnOnce(&mut Rules)) -> String {
        let mut r = rules3();
        f(&mut r);
        rules(&r).unwrap_err().to_string()
    }

    #[test]
    fn accepts_the_fixture() {
        assert_eq!(rules(&rules3()), Ok(()));
    }

    #[test]
    fn rejects_bad_rules() {
        assert!(rules_err(|r| r.criteria.clear()).contains("no criteria"));
        assert!(rules_err(|r| r.criteria[1].id = "a".into()).contains("twice"));
        assert!(rules_err(|r| r.criteria[0].id = " ".into()).contains("empty id"));
        assert!(rules_err(|r| r.criteria[0].max_points = 0).contains("max_points"));
        assert!(rules_err(|r| r.criteria[0].weight = 0).contains("weight"));
        assert!(rules_err(|r| r.criteria[0].weight = MAX_WEIGHT + 1).contains("weight"));
        assert!(
            rules_err(|r| r.aggregation = Aggregation::TrimmedMean { trim: 0 }).contains("trim")
        );
        assert!(rules_err(|r| r.pass_mark = -1).contains("pass_mark"));
        assert!(rules_err(|r| r.divergence_threshold = Some(-1)).contains("divergence"));
        assert!(rules_err(|r| r.fund = -1).contains("fund"));
        assert!(rules_err(|r| r.cap_per_proposal = Some(0)).contains("cap"));
        assert!(
            rules_err(|r| r.tie_break = vec![TieBreak::HigherScoreOnCriterion {
                criterion_id: "zzz".into()
            }])
            .contains("unknown criterion zzz")
        );
        assert!(rules_err(|r| r.tie_break = vec![
            TieBreak::EarlierSubmissionFirst,
            TieBreak::EarlierSubmissionFirst
        ])
        .contains("twice"));
    }

    #[test]
    fn rejects_bad_proposals() {
        let ok = proposal("001", 100, &[]);
        assert_eq!(proposals(std::slice::from_ref(&ok)), Ok(()));
        let err = |ps: &[Proposal]| proposals(ps).unwrap_err().to_string();
        assert!(err(&[ok.clone(), ok.clone()]).contains("not unique"));
        assert!(err(&[proposal("", 100, &[])]).contains("empty"));
        assert!(err(&[proposal("002", 0, &[])]).contains("positive"));
        let mut twice = ok.clone();
        let s = JurorScore {
            juror: "j1".into(),
            status: ScoreStatus::Recused,
            points: Default::default(),
        };
        twice.scores = vec![s.clone(), s];
        assert!(err(&[twice]).contains("juror j1 scored twice"));
    }
}
