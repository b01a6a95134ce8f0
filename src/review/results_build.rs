//! The results builder: reads everything the results document is made of
//! and hands it to the pure mapping in [`super::results_map`]. The
//! deliberation page shows its output; finalization freezes it.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::document::{MissingScore, ResultsDoc};
use super::results_map::{
    self, AssignmentRow, ClosureRow, Inputs, JurorRow, OverrideRow, ProposalRow, ScoreRow,
};
use crate::applications::model::state;
use crate::competitions::ids::CompetitionId;
use crate::competitions::model as competitions;
use crate::competitions::rules::RulesDoc;
use crate::db::schema::{
    jurors as j, organizations as o, proposals as p, review_assignments as a,
    review_closures as rc, review_overrides as ro, review_scores as s,
};
use crate::db::AnyConnection;
use crate::error::{AppError, AppResult};

/// The proposal states that appear in the results (every lodged proposal).
pub const IN_RESULTS: [&str; 4] = [
    state::SUBMITTED,
    state::ADMITTED,
    state::NOT_ADMITTED,
    state::WITHDRAWN,
];

/// The results document as it stands at `now` (not frozen). The review must
/// have been closed.
pub fn build(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> AppResult<ResultsDoc> {
    let inputs = load(conn, id, now)?;
    assemble(&inputs)
}

/// [`results_map::assemble`], with an engine refusal as an internal error
/// (stored overrides were checked when they were written).
pub fn assemble(inputs: &Inputs) -> AppResult<ResultsDoc> {
    results_map::assemble(inputs).map_err(|e| AppError::internal(format!("results: {e}")))
}

/// Reads the inputs of the results document.
pub fn load(conn: &mut AnyConnection, id: &CompetitionId, now: NaiveDateTime) -> AppResult<Inputs> {
    let c = competitions::find(conn, id)?.ok_or(AppError::NotFound)?;
    let bytes = competitions::rules_json(conn, id)?.ok_or(AppError::NotFound)?;
    let rules = RulesDoc::parse(&bytes).map_err(|e| AppError::internal(e.to_string()))?;
    let closure = closure(conn, id)?
        .ok_or_else(|| AppError::Conflict("verdict-refused-not-closed".into()))?;
    Ok(Inputs {
        competition_id: id.clone(),
        code: c.code.clone().unwrap_or_default(),
        rules_sha256: c.rules_sha256.clone().unwrap_or_default(),
        fund: c.fund_kopiyky.unwrap_or(rules.fund_kopiyky),
        rules,
        now,
        closure,
        jurors: jurors(conn, id)?,
        proposals: proposals(conn, id)?,
        assignments: assignments(conn, id)?,
        scores: scores(conn, id)?,
        overrides: overrides(conn, id)?,
    })
}

pub fn closure(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Option<ClosureRow>> {
    let row: Option<(NaiveDateTime, Option<String>, String)> = rc::table
        .find(id)
        .select((rc::closed_at, rc::reason, rc::missing_json))
        .first(conn)
        .optional()?;
    row.map(|(closed_at, reason, missing)| {
        let missing: Vec<MissingScore> =
            serde_json::from_str(&missing).map_err(|e| AppError::internal(e.to_string()))?;
        Ok(ClosureRow {
            closed_at,
            reason,
            missing,
        })
    })
    .transpose()
}

/// Jurors who accepted the invitation, by label number.
pub fn jurors(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Vec<JurorRow>> {
    let rows: Vec<(String, String, String, i32, Option<NaiveDateTime>)> = j::table
        .filter(j::competition_id.eq(id))
        .filter(j::accepted_at.is_not_null())
        .order(j::label_number.asc())
        .select((j::id, j::full_name, j::role, j::label_number, j::removed_at))
        .load(conn)?;
    rows.into_iter()
        .map(|(jid, full_name, role, label_number, removed_at)| {
            Ok(JurorRow {
                id: parse_id(&jid)?,
                full_name,
                role,
                label_number,
                removed_at,
            })
        })
        .collect()
}

type ProposalTuple = (
    String,
    Option<String>,
    String,
    String,
    Option<i64>,
    Option<NaiveDateTime>,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn proposals(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Vec<ProposalRow>> {
    let rows: Vec<ProposalTuple> = p::table
        .inner_join(o::table)
        .filter(p::competition_id.eq(id))
        .filter(p::state.eq_any(IN_RESULTS))
        .filter(p::registration_number.is_not_null())
        .order(p::seq.asc())
        .select((
            p::id,
            p::registration_number,
            p::state,
            p::title,
            p::requested_kopiyky,
            p::submitted_at,
            p::decision_reason,
            p::decision_text,
            o::edrpou,
            o::full_name,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(pid, reg, st, title, req, at, dr, dt, edrpou, org)| {
            Ok(ProposalRow {
                id: parse_id(&pid)?,
                registration_number: reg.unwrap_or_default(),
                edrpou,
                organization: org,
                title,
                state: st,
                requested: req.unwrap_or(0),
                submitted_at: at.ok_or_else(|| AppError::internal("lodged without a time"))?,
                decision_reason: dr,
                decision_text: dt,
            })
        })
        .collect()
}

type AssignmentTuple = (
    String,
    String,
    String,
    String,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
);

fn assignments(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Vec<AssignmentRow>> {
    let rows: Vec<AssignmentTuple> = a::table
        .filter(a::competition_id.eq(id))
        .filter(a::active.eq(true))
        .select((
            a::id,
            a::juror_id,
            a::proposal_id,
            a::coi,
            a::submitted_at,
            a::round2_submitted_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(aid, jid, pid, coi, s1, s2)| {
            Ok(AssignmentRow {
                id: parse_id(&aid)?,
                juror_id: parse_id(&jid)?,
                proposal_id: parse_id(&pid)?,
                coi,
                submitted_at: s1,
                round2_submitted_at: s2,
            })
        })
        .collect()
}

fn scores(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Vec<ScoreRow>> {
    let rows: Vec<(String, i32, String, Option<i32>, String)> = s::table
        .inner_join(a::table)
        .filter(a::competition_id.eq(id))
        .filter(a::active.eq(true))
        .select((
            s::assignment_id,
            s::round,
            s::criterion_id,
            s::points,
            s::comment,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(aid, round, criterion_id, points, comment)| {
            Ok(ScoreRow {
                assignment_id: parse_id(&aid)?,
                round,
                criterion_id,
                points,
                comment,
            })
        })
        .collect()
}

pub fn overrides(conn: &mut AnyConnection, id: &CompetitionId) -> AppResult<Vec<OverrideRow>> {
    let rows: Vec<(String, String, Option<i64>, String)> = ro::table
        .filter(ro::competition_id.eq(id))
        .select((ro::proposal_id, ro::action, ro::amount_kopiyky, ro::reason))
        .load(conn)?;
    rows.into_iter()
        .map(|(pid, action, amount, reason)| {
            Ok(OverrideRow {
                proposal_id: parse_id(&pid)?,
                action,
                amount,
                reason,
            })
        })
        .collect()
}

fn parse_id<T: std::str::FromStr>(s: &str) -> AppResult<T> {
    s.parse()
        .map_err(|_| AppError::internal(format!("stored id `{s}` is not an id")))
}
