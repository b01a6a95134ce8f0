//! The engine's inputs and outputs: plain serde types whose field names are
//! part of the published format (the open-data recomputation reads them), so
//! renaming a field is a breaking change. Money is kopiyky (`i64`); points
//! and weights are integers; aggregates are exact [`Ratio`]s.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ratio::Ratio;
use super::why::Why;

/// The scoring part of a competition's frozen rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// In the published order; per-criterion output follows it.
    pub criteria: Vec<Criterion>,
    pub aggregation: Aggregation,
    /// Inclusive: a proposal passes when `aggregate >= pass_mark`. In the
    /// aggregate's units (see [`Aggregation`]); `0` lets every scored
    /// proposal pass.
    pub pass_mark: i64,
    /// A proposal is flagged divergent when (max − min) of its counted juror
    /// totals is strictly greater than this, in weighted-total units.
    /// `None`: never flagged.
    #[serde(default)]
    pub divergence_threshold: Option<i64>,
    /// Applied in order to proposals with equal aggregates; the registration
    /// number (ascending, byte-wise) is always the final fallback.
    #[serde(default)]
    pub tie_break: Vec<TieBreak>,
    /// The competition's fund, kopiyky.
    pub fund: i64,
    /// The most one proposal may receive, kopiyky. `None`: no cap.
    #[serde(default)]
    pub cap_per_proposal: Option<i64>,
    /// What happens when the next proposal in rank order does not fit in
    /// what remains of the fund.
    pub shortfall: ShortfallRule,
}

/// One published criterion. A juror gives it integer points `0..=max_points`;
/// it contributes `points × weight` to the juror's weighted total.
/// Decimal weights (0.3, 0.2, 0.5) are published as integers of the same
/// proportion (3, 2, 5): exact, and the pass mark is set in those units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    /// `1..=10_000`.
    pub max_points: u32,
    /// `1..=10_000`.
    pub weight: u32,
}

/// How the counted (submitted, not recused) juror totals of one proposal
/// become its aggregate. For mean, median and trimmed mean the aggregate is
/// in one juror's weighted-total units; for sum it is the sum of totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Aggregation {
    /// Σ totals / n.
    Mean,
    /// The middle total; for an even n, the mean of the two middle ones.
    Median,
    /// Drops the `k` highest and `k` lowest totals, `k = min(trim, (n − 1) / 2)`,
    /// and takes the mean of the rest. With `trim = 1`: n = 1 or 2 → plain
    /// mean; n ≥ 3 → one dropped at each end. At least one total always
    /// remains.
    TrimmedMean {
        #[serde(default = "one")]
        trim: u32,
    },
    /// Σ totals (recusals lower it: the competition chose this knowingly).
    Sum,
}

fn one() -> u32 {
    1
}

/// A tie-break rule, `{"rule": "higher_score_on_criterion", "criterion_id": "budget"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum TieBreak {
    /// The smaller requested amount (as requested, before any cap) ranks higher.
    LowerRequestedAmountFirst,
    /// The earlier `submitted_at` ranks higher.
    EarlierSubmissionFirst,
    /// The higher score on that criterion ranks higher: its points (unweighted)
    /// aggregated over the counted jurors by the competition's method
    /// (`CriterionResult::aggregate` in the output).
    HigherScoreOnCriterion { criterion_id: String },
}

/// When the next proposal's grant is more than what remains of the fund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShortfallRule {
    /// Leave it unfunded and go on to the next one that fits.
    Skip,
    /// Give it what remains; the fund is then exhausted.
    Partial,
    /// Leave it and every lower-ranked proposal unfunded.
    Stop,
}

/// One proposal as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Unique within the competition; the final tie-break (byte-wise, so
    /// numbers are expected to be fixed-width, e.g. `2027-003-0042`).
    pub registration_number: String,
    /// Requested amount, kopiyky, `> 0`.
    pub requested: i64,
    /// UTC.
    pub submitted_at: NaiveDateTime,
    /// Passed the admissibility check; only admitted proposals are ranked.
    pub admitted: bool,
    /// One entry per juror assigned to the proposal.
    #[serde(default)]
    pub scores: Vec<JurorScore>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorScore {
    pub juror: String,
    pub status: ScoreStatus,
    /// Criterion id → points. Required (every criterion, `0..=max_points`)
    /// when submitted; ignored otherwise.
    #[serde(default)]
    pub points: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreStatus {
    /// Counted.
    Submitted,
    /// Declared a conflict of interest: not counted, not in the denominator.
    Recused,
    /// Not submitted yet: not counted; flags the proposal `incomplete`.
    Pending,
}

/// An organizer's decision applied after the computed allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Override {
    pub registration_number: String,
    pub action: OverrideAction,
    /// Published; must not be blank.
    pub reason: String,
}

/// `{"kind": "award", "amount": 5000000}` or `{"kind": "exclude"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OverrideAction {
    Award { amount: i64 },
    Exclude,
}

/// The whole result: every proposal, ranked ones first in rank order, then
/// the unranked ones by registration number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub proposals: Vec<ProposalResult>,
    pub fund: i64,
    /// Σ `awarded` (after overrides), kopiyky; never more than `fund`.
    pub total_awarded: i64,
    pub fund_remaining: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalResult {
    pub registration_number: String,
    /// 1..n without gaps over admitted proposals with an aggregate (passing
    /// or not: the passing ones are exactly ranks 1..k). Never shared: the
    /// registration-number fallback decides every tie.
    pub rank: Option<u32>,
    /// `None` when no juror score counts.
    pub aggregate: Option<Ratio>,
    /// In the rules' criterion order.
    pub criteria: Vec<CriterionResult>,
    /// Counted jurors only, by juror id.
    pub juror_totals: Vec<JurorTotal>,
    /// max − min of `juror_totals`; `None` without counted jurors.
    pub spread: Option<i64>,
    pub flags: Flags,
    pub requested: i64,
    /// What the published rule gave, before overrides.
    pub computed_award: i64,
    pub computed_why: Why,
    /// Final amount, kopiyky.
    pub awarded: i64,
    /// Final reason; equals `computed_why` unless overridden.
    pub why: Why,
}

impl ProposalResult {
    /// The final reason as one sentence (see [`Why::why_text`]).
    pub fn why_text(&self, lang: crate::web::lang::Lang) -> String {
        self.why.why_text(lang)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub criterion_id: String,
    /// Mean points (unweighted) over the counted jurors, for display.
    pub mean: Option<Ratio>,
    /// Points aggregated by the competition's method (used by the
    /// `higher_score_on_criterion` tie-break).
    pub aggregate: Option<Ratio>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorTotal {
    pub juror: String,
    /// Σ points × weight.
    pub total: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flags {
    pub not_admitted: bool,
    /// No submitted, non-recused score: never ranked, never funded.
    pub no_scores: bool,
    pub below_pass_mark: bool,
    /// `spread > divergence_threshold`.
    pub divergent: bool,
    /// Some assigned juror has not submitted (status `pending`).
    pub incomplete: bool,
    /// Its aggregate equals a neighbour's in the ranking, so a tie-break
    /// rule decided its place.
    pub tie_broken: bool,
    /// An organizer override changed or confirmed its award.
    pub overridden: bool,
}

/// Why the engine refused its input. Nothing is computed from bad input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScoringError {
    #[error("invalid rules: {0}")]
    InvalidRules(String),
    #[error("proposal {registration_number}: {problem}")]
    InvalidProposal {
        registration_number: String,
        problem: String,
    },
    #[error("override for {registration_number}: {problem}")]
    InvalidOverride {
        registration_number: String,
        problem: String,
    },
    #[error("overrides award {total} kopiyky in total, more than the fund of {fund}")]
    OverridesExceedFund { total: i128, fund: i64 },
}

impl ScoringError {
    pub(crate) fn proposal(reg: &str, problem: impl Into<String>) -> Self {
        ScoringError::InvalidProposal {
            registration_number: reg.to_string(),
            problem: problem.into(),
        }
    }

    pub(crate) fn overriding(reg: &str, problem: impl Into<String>) -> Self {
        ScoringError::InvalidOverride {
            registration_number: reg.to_string(),
            problem: problem.into(),
        }
    }
}
