//! The rows the results document is made of, as the builder reads them
//! from the database (plain data, so the mapping can be tested alone).

use chrono::NaiveDateTime;

use super::document::MissingScore;
use super::ids::{AssignmentId, JurorId};
use crate::applications::ProposalId;
use crate::competitions::ids::CompetitionId;
use crate::competitions::rules::RulesDoc;

#[derive(Debug, Clone)]
pub struct JurorRow {
    pub id: JurorId,
    pub full_name: String,
    pub role: String,
    pub label_number: i32,
    pub removed_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone)]
pub struct ProposalRow {
    pub id: ProposalId,
    pub registration_number: String,
    pub edrpou: String,
    pub organization: String,
    pub title: String,
    /// The proposal's state code (`admitted`, `not_admitted`, `withdrawn`).
    pub state: String,
    pub requested: i64,
    pub submitted_at: NaiveDateTime,
    pub decision_reason: Option<String>,
    pub decision_text: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AssignmentRow {
    pub id: AssignmentId,
    pub juror_id: JurorId,
    pub proposal_id: ProposalId,
    pub coi: String,
    pub submitted_at: Option<NaiveDateTime>,
    pub round2_submitted_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone)]
pub struct ScoreRow {
    pub assignment_id: AssignmentId,
    pub round: i32,
    pub criterion_id: String,
    pub points: Option<i32>,
    pub comment: String,
}

#[derive(Debug, Clone)]
pub struct OverrideRow {
    pub proposal_id: ProposalId,
    /// `award` or `exclude`.
    pub action: String,
    pub amount: Option<i64>,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct ClosureRow {
    pub closed_at: NaiveDateTime,
    pub reason: Option<String>,
    pub missing: Vec<MissingScore>,
}

/// Everything the document is made of, as read from the database.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub competition_id: CompetitionId,
    pub code: String,
    pub rules: RulesDoc,
    pub rules_sha256: String,
    /// The fund in force.
    pub fund: i64,
    pub now: NaiveDateTime,
    pub closure: ClosureRow,
    pub jurors: Vec<JurorRow>,
    pub proposals: Vec<ProposalRow>,
    /// Active assignments only.
    pub assignments: Vec<AssignmentRow>,
    pub scores: Vec<ScoreRow>,
    pub overrides: Vec<OverrideRow>,
}
