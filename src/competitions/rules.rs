//! The frozen rules document. At announcement a complete draft becomes this
//! document, serialized as canonical JSON (keys sorted, no insignificant
//! whitespace, integers only) and hashed with SHA-256. The exact bytes are
//! stored and served, so anyone can check the published hash and re-run the
//! evaluation from the document alone.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::ids::{CompetitionId, CriterionId, RequiredDocumentId};
use super::options::{Aggregation, JuryMode, OrgForm, TieBreak, WhenShort, TRIM_EACH_SIDE};
use super::validate::Checked;
pub use crate::audit::canonical::{canonical_json, sha256_hex};
use crate::scoring;
use crate::web::format::kyiv_rfc3339;

/// Names this document's structure; a new structure gets a new name.
pub const SCHEMA: &str = "konkurs.competition-rules/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesDoc {
    pub schema: String,
    pub competition_id: CompetitionId,
    /// Human number of the competition, e.g. `2027-003`.
    pub code: String,
    /// When the rules were frozen (RFC 3339, Kyiv offset).
    pub announced_at: String,
    pub title: Texts,
    pub description: Texts,
    pub priorities: Vec<String>,
    pub legal_basis: LegalBasis,
    pub eligibility: Eligibility,
    pub currency: String,
    pub fund_kopiyky: i64,
    pub cap_per_proposal_kopiyky: i64,
    pub deadlines: Deadlines,
    pub schedule: Schedule,
    pub documents: Vec<DocumentRule>,
    pub criteria: Vec<CriterionRule>,
    pub scoring: Scoring,
    pub allocation: Allocation,
    pub jury: Jury,
    pub publication: Publication,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Texts {
    pub uk: String,
    pub en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalBasis {
    pub order_number: String,
    /// `YYYY-MM-DD`.
    pub order_date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eligibility {
    pub organization_forms: Vec<OrgForm>,
    pub min_months_registered: i64,
    pub max_proposals_per_organization: i64,
    pub min_own_contribution_percent: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadlines {
    pub timezone: String,
    /// RFC 3339 with the Kyiv offset of that day.
    pub opens_at: String,
    pub closes_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    pub review_from: String,
    pub review_until: String,
    pub results_on: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentRule {
    pub id: RequiredDocumentId,
    pub number: i64,
    pub name: String,
    pub description: String,
    pub required: bool,
    pub max_size_mb: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionRule {
    pub id: CriterionId,
    pub number: i64,
    pub name: String,
    pub description: String,
    pub max_points: i64,
    pub weight: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scoring {
    /// How one juror's total is computed from their points.
    pub juror_total: String,
    /// The highest possible juror total (Σ max_points × weight).
    pub max_total: i64,
    /// How counted (submitted, not recused) juror totals combine, as the
    /// scoring engine names it: `{"method": "median"}`,
    /// `{"method": "trimmed_mean", "trim": 1}`.
    pub aggregation: scoring::Aggregation,
    /// A proposal is in the rating when its score is at least this.
    pub pass_mark: i64,
    /// Flag a proposal when its highest and lowest juror totals differ by
    /// more than this.
    pub divergence_threshold: i64,
    /// Ordered rules for equal scores (`{"rule": …}`); the registration
    /// number (submission order) decides last.
    pub tie_break: Vec<scoring::TieBreak>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    /// Proposals are considered in rank order.
    pub order: String,
    /// Which proposals may be funded.
    pub eligible: String,
    /// Each is funded at its requested amount (never above the cap).
    pub amount: String,
    pub when_next_does_not_fit: scoring::ShortfallRule,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Jury {
    pub mode: JuryMode,
    pub jurors_per_proposal: Option<i64>,
    /// Every criterion's score needs a written comment from the juror.
    #[serde(default)]
    pub comments_required: bool,
    /// The 1049 procedure: individual scoring, an open defence before the
    /// commission, then a second round of scores that counts.
    #[serde(default)]
    pub open_defence: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Publication {
    pub juror_names: bool,
    pub juror_comments: bool,
}

/// The engine's tie-break list for the organizer's choice: each criterion
/// in its published order, or the lower request; then the earlier
/// submission.
pub fn tie_break_steps(rule: TieBreak, criteria: &[CriterionRule]) -> Vec<scoring::TieBreak> {
    let mut steps: Vec<scoring::TieBreak> = match rule {
        TieBreak::CriteriaInOrder => criteria
            .iter()
            .map(|c| scoring::TieBreak::HigherScoreOnCriterion {
                criterion_id: c.id.to_string(),
            })
            .collect(),
        TieBreak::LowerRequest => vec![scoring::TieBreak::LowerRequestedAmountFirst],
        TieBreak::EarlierSubmission => vec![],
    };
    steps.push(scoring::TieBreak::EarlierSubmissionFirst);
    steps
}

/// The engine's aggregation for the organizer's choice.
pub fn engine_aggregation(a: Aggregation) -> scoring::Aggregation {
    match a {
        Aggregation::Mean => scoring::Aggregation::Mean,
        Aggregation::Median => scoring::Aggregation::Median,
        Aggregation::TrimmedMean => scoring::Aggregation::TrimmedMean {
            trim: TRIM_EACH_SIDE,
        },
        Aggregation::Sum => scoring::Aggregation::Sum,
    }
}

/// The engine's shortfall rule for the organizer's choice.
pub fn engine_shortfall(w: WhenShort) -> scoring::ShortfallRule {
    match w {
        WhenShort::Skip => scoring::ShortfallRule::Skip,
        WhenShort::Partial => scoring::ShortfallRule::Partial,
        WhenShort::Stop => scoring::ShortfallRule::Stop,
    }
}

/// Builds the rules of a complete draft (checked in announce mode); `None`
/// when something is missing, which that check rules out.
pub fn build(
    c: &Checked,
    id: &CompetitionId,
    code: &str,
    announced_at: NaiveDateTime,
) -> Option<RulesDoc> {
    let aggregation = c.aggregation?;
    let documents = c
        .documents
        .iter()
        .zip(1..)
        .map(|(d, n)| {
            Some(DocumentRule {
                id: RequiredDocumentId::new(),
                number: n,
                name: d.name.clone(),
                description: d.description.clone(),
                required: d.required,
                max_size_mb: d.max_size_mb?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let criteria = c
        .criteria
        .iter()
        .zip(1..)
        .map(|(k, n)| {
            Some(CriterionRule {
                id: CriterionId::new(),
                number: n,
                name: k.name.clone(),
                description: k.description.clone(),
                max_points: k.max_points?,
                weight: k.weight?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    Some(RulesDoc {
        schema: SCHEMA.into(),
        competition_id: id.clone(),
        code: code.into(),
        announced_at: kyiv_rfc3339(announced_at),
        title: Texts {
            uk: c.title_uk.clone(),
            en: c.title_en.clone(),
        },
        description: Texts {
            uk: c.description_uk.clone()?,
            en: c.description_en.clone(),
        },
        priorities: c.priorities.clone(),
        legal_basis: LegalBasis {
            order_number: c.order_number.clone()?,
            order_date: date(c.order_date)?,
        },
        eligibility: Eligibility {
            organization_forms: c.org_forms.clone(),
            min_months_registered: c.min_months?,
            max_proposals_per_organization: c.max_proposals?,
            min_own_contribution_percent: c.own_percent,
        },
        currency: "UAH".into(),
        fund_kopiyky: c.fund?,
        cap_per_proposal_kopiyky: c.cap?,
        deadlines: Deadlines {
            timezone: "Europe/Kyiv".into(),
            opens_at: kyiv_rfc3339(c.opens_at?),
            closes_at: kyiv_rfc3339(c.closes_at?),
        },
        schedule: Schedule {
            review_from: date(c.review_from)?,
            review_until: date(c.review_until)?,
            results_on: date(c.results_on)?,
        },
        scoring: Scoring {
            juror_total: "sum_of_points_times_weight".into(),
            max_total: c.max_total()?,
            aggregation: engine_aggregation(aggregation),
            pass_mark: c.pass_mark?,
            divergence_threshold: c.divergence?,
            tie_break: tie_break_steps(c.tie_break?, &criteria),
        },
        allocation: Allocation {
            order: "rank".into(),
            eligible: "admitted_with_score_at_least_pass_mark".into(),
            amount: "requested_capped_at_cap_per_proposal".into(),
            when_next_does_not_fit: engine_shortfall(c.when_short?),
        },
        jury: Jury {
            mode: c.jury_mode?,
            jurors_per_proposal: match c.jury_mode? {
                JuryMode::Whole => None,
                JuryMode::PerProposal => Some(c.jurors_per_proposal?),
            },
            comments_required: c.comments_required,
            open_defence: c.open_defence,
        },
        publication: Publication {
            juror_names: c.publish_juror_names,
            juror_comments: c.publish_comments,
        },
        documents,
        criteria,
    })
}

/// The document's canonical bytes and their SHA-256 (lowercase hex).
pub fn freeze(doc: &RulesDoc) -> Result<(String, String), serde_json::Error> {
    let value = serde_json::to_value(doc)?;
    let bytes = canonical_json(&value);
    Ok((sha256_hex(&bytes), bytes))
}

impl RulesDoc {
    /// Parses stored rules bytes.
    pub fn parse(bytes: &str) -> Result<RulesDoc, serde_json::Error> {
        serde_json::from_str(bytes)
    }

    /// The scoring engine's input for these rules. `fund_kopiyky` is the
    /// fund in force (`Competition::fund_kopiyky`: amendments may have
    /// increased it since the rules were frozen).
    pub fn scoring_rules(&self, fund_kopiyky: i64) -> scoring::Rules {
        let s = &self.scoring;
        scoring::Rules {
            criteria: self
                .criteria
                .iter()
                .map(|c| scoring::Criterion {
                    id: c.id.to_string(),
                    max_points: u32::try_from(c.max_points).unwrap_or(0),
                    weight: u32::try_from(c.weight).unwrap_or(0),
                })
                .collect(),
            aggregation: s.aggregation,
            pass_mark: s.pass_mark,
            divergence_threshold: Some(s.divergence_threshold),
            tie_break: s.tie_break.clone(),
            fund: fund_kopiyky,
            cap_per_proposal: Some(self.cap_per_proposal_kopiyky),
            shortfall: self.allocation.when_next_does_not_fit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competitions::validate::{check, tests::complete, Mode};

    fn doc() -> RulesDoc {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 5)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let (c, e) = check(&complete(), now.date(), now, Mode::Announce);
        assert!(e.is_empty());
        build(&c, &CompetitionId::new(), "2026-001", now).expect("complete")
    }

    #[test]
    fn frozen_bytes_are_canonical_and_reproducible() {
        let d = doc();
        let (sha, bytes) = freeze(&d).unwrap();
        assert_eq!(sha, sha256_hex(&bytes));
        assert!(!bytes.contains(": ") && !bytes.contains('\n'));
        // Parse the published bytes and serialize again: the same bytes.
        let parsed = RulesDoc::parse(&bytes).unwrap();
        assert_eq!(parsed, d);
        assert_eq!(freeze(&parsed).unwrap(), (sha.clone(), bytes.clone()));
        let value: serde_json::Value = serde_json::from_str(&bytes).unwrap();
        assert_eq!(canonical_json(&value), bytes);
        assert!(
            bytes.starts_with("{\"allocation\":{"),
            "keys sorted: {bytes}"
        );
        assert!(bytes.contains("\"closes_at\":\"2027-02-10T18:00:00+02:00\""));
        assert!(bytes.contains("Молодь у громадах"), "UTF-8 kept as is");
    }

    #[test]
    fn rules_say_how_to_score_and_allocate() {
        let d = doc();
        assert_eq!(d.scoring.max_total, 25);
        assert_eq!(d.criteria[0].number, 1);
        assert_eq!(d.criteria[0].weight, 2);
        assert_eq!(
            d.scoring.tie_break,
            vec![
                scoring::TieBreak::HigherScoreOnCriterion {
                    criterion_id: d.criteria[0].id.to_string()
                },
                scoring::TieBreak::HigherScoreOnCriterion {
                    criterion_id: d.criteria[1].id.to_string()
                },
                scoring::TieBreak::EarlierSubmissionFirst,
            ]
        );
        assert_eq!(d.jury.jurors_per_proposal, None);
        assert_eq!(d.fund_kopiyky, 100_000_000);
        assert_eq!(
            tie_break_steps(TieBreak::EarlierSubmission, &d.criteria),
            vec![scoring::TieBreak::EarlierSubmissionFirst]
        );
    }

    /// The frozen document feeds the scoring engine as it stands.
    #[test]
    fn the_engine_accepts_the_frozen_rules_and_scores_by_them() {
        let d = doc();
        let rules = d.scoring_rules(120_000_000);
        assert_eq!(rules.fund, 120_000_000, "the fund in force");
        assert_eq!(rules.cap_per_proposal, Some(d.cap_per_proposal_kopiyky));
        scoring::validate::rules(&rules).expect("valid for the engine");
        let at = chrono::NaiveDate::from_ymd_opt(2027, 2, 1)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let proposal = |n: &str, points: [u32; 2]| scoring::Proposal {
            registration_number: n.into(),
            requested: 10_000_000,
            submitted_at: at,
            admitted: true,
            scores: vec![scoring::JurorScore {
                juror: "j1".into(),
                status: scoring::ScoreStatus::Submitted,
                points: d
                    .criteria
                    .iter()
                    .zip(points)
                    .map(|(c, p)| (c.id.to_string(), p))
                    .collect(),
            }],
        };
        // 10×2 + 5×1 = 25 passes (mark 15); 5×2 + 0 = 10 does not.
        let out = scoring::compute(
            &rules,
            &[
                proposal("2026-001-0002", [5, 0]),
                proposal("2026-001-0001", [10, 5]),
            ],
            &[],
        )
        .unwrap();
        let awarded: Vec<_> = out
            .proposals
            .iter()
            .map(|p| (p.registration_number.as_str(), p.awarded))
            .collect();
        assert_eq!(
            awarded,
            vec![("2026-001-0001", 10_000_000), ("2026-001-0002", 0)]
        );
    }
}
