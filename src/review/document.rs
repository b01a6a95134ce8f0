//! The frozen results document (`konkurs.competition-results/1`).
//!
//! Written once at finalization as canonical JSON (keys sorted, integers
//! only) and hashed with SHA-256; publication serves the exact bytes as
//! `results.json`. Together with the rules document it lets anyone re-run
//! the evaluation: [`ResultsDoc::engine_input`] rebuilds the scoring engine's
//! input from the document alone, and [`ResultsDoc::recompute`] checks that
//! `crate::scoring::compute` gives back exactly the stored `outcome`.

use serde::{Deserialize, Serialize};

use crate::audit::canonical::{canonical_json, sha256_hex};
use crate::competitions::ids::CompetitionId;
use crate::competitions::rules::RulesDoc;
use crate::scoring::{self, JurorScore, Outcome, Override, ScoringError};

/// Names this document's structure; a new structure gets a new name.
pub const SCHEMA: &str = "konkurs.competition-results/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultsDoc {
    pub schema: String,
    pub competition_id: CompetitionId,
    /// Human number of the competition, e.g. `2027-003`.
    pub code: String,
    /// SHA-256 of the rules document these results follow.
    pub rules_sha256: String,
    /// The fund in force at finalization (amendments may have raised it
    /// above the frozen rules' fund), kopiyky.
    pub fund_kopiyky: i64,
    /// RFC 3339 with the Kyiv offset.
    pub finalized_at: String,
    pub review: ReviewSummary,
    /// Every juror who was on the jury when the review closed, by label
    /// number: the labels used in scores, recusals and comments.
    pub jury: Vec<JuryMember>,
    /// The commission's members by name (sorted by name). When the
    /// competition does not publish names with scores, this list is not
    /// linked to the labels.
    pub jury_members: Vec<JuryPerson>,
    /// Every submitted proposal (admitted, not admitted, withdrawn), by
    /// registration number.
    pub proposals: Vec<ProposalEntry>,
    /// The organizer's overrides, each with its published reason.
    pub overrides: Vec<Override>,
    /// `scoring::compute(rules, engine_input, overrides)`.
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewSummary {
    /// RFC 3339 with the Kyiv offset.
    pub closed_at: String,
    /// Every assignment was submitted (or recused) when the review closed.
    pub complete: bool,
    /// The organizer's written reason for closing early.
    pub early_close_reason: Option<String>,
    /// Assignments still open when the review was closed early.
    pub missing: Vec<MissingScore>,
    /// 1, or 2 when an open defence round counted.
    pub rounds: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingScore {
    pub juror: String,
    pub registration_number: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JuryMember {
    /// The label used in every score: the juror's name when the competition
    /// publishes names, otherwise `Експерт n`.
    pub label: String,
    /// `chair`, `secretary`, `member` or `reserve`.
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JuryPerson {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalEntry {
    pub registration_number: String,
    pub edrpou: String,
    pub organization: String,
    pub title: String,
    /// `admitted`, `not_admitted` or `withdrawn`.
    pub status: String,
    /// The published reason of a not-admitted proposal.
    pub not_admitted_reason: Option<String>,
    /// Kopiyky.
    pub requested: i64,
    /// UTC, as the engine sees it (`YYYY-MM-DDTHH:MM:SS`).
    pub submitted_at: chrono::NaiveDateTime,
    /// The counted round's scores, one per assigned juror (label), with
    /// status `submitted`, `recused` or `pending`: the engine's input.
    pub scores: Vec<JurorScore>,
    /// Round-1 scores when an open defence round counted (both are
    /// published; the second counts).
    pub first_round_scores: Option<Vec<JurorScore>>,
    pub recusals: Vec<Recusal>,
    /// Juror comments, only when the competition publishes them.
    pub comments: Vec<JurorComment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    pub juror: String,
    /// `auto` (affiliation EDRPOU = applicant EDRPOU), `potential` or `real`.
    pub declared: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorComment {
    pub juror: String,
    pub criterion_id: String,
    pub comment: String,
}

impl ResultsDoc {
    /// The engine's proposals, rebuilt from this document alone
    /// (withdrawn proposals are not evaluated).
    pub fn engine_input(&self) -> Vec<scoring::Proposal> {
        self.proposals
            .iter()
            .filter(|p| p.status != "withdrawn")
            .map(|p| scoring::Proposal {
                registration_number: p.registration_number.clone(),
                requested: p.requested,
                submitted_at: p.submitted_at,
                admitted: p.status == "admitted",
                scores: p.scores.clone(),
            })
            .collect()
    }

    /// Re-runs the evaluation from this document and the rules document.
    pub fn recompute(&self, rules: &RulesDoc) -> Result<Outcome, ScoringError> {
        scoring::compute(
            &rules.scoring_rules(self.fund_kopiyky),
            &self.engine_input(),
            &self.overrides,
        )
    }

    /// The document's canonical bytes and their SHA-256 (lowercase hex).
    pub fn freeze(&self) -> Result<(String, String), serde_json::Error> {
        let value = serde_json::to_value(self)?;
        let bytes = canonical_json(&value);
        Ok((sha256_hex(&bytes), bytes))
    }

    pub fn parse(bytes: &str) -> Result<ResultsDoc, serde_json::Error> {
        serde_json::from_str(bytes)
    }
}
