//! The scoring engine's view of the review: per proposal, one
//! [`JurorScore`] per assigned juror, with status `submitted`, `recused`
//! (any recusal: out of the denominator) or `pending`. Juror names are the
//! label numbers as strings; the results document relabels them.

use std::collections::BTreeMap;

use diesel::prelude::*;

use super::model::{self, coi};
use crate::applications::ProposalId;
use crate::competitions::CompetitionId;
use crate::db::schema::review_scores as rs;
use crate::db::AnyConnection;
use crate::error::AppResult;
use crate::scoring::{JurorScore, ScoreStatus};

/// Every proposal's juror scores for `round` (1, or 2 after the defence).
pub fn scores(
    conn: &mut AnyConnection,
    c: &CompetitionId,
    round: i32,
) -> AppResult<BTreeMap<ProposalId, Vec<JurorScore>>> {
    let labels: BTreeMap<_, _> = model::jurors(conn, c)?
        .into_iter()
        .map(|j| (j.id, j.label_number))
        .collect();
    let mut out: BTreeMap<ProposalId, Vec<JurorScore>> = BTreeMap::new();
    for a in model::assignments(conn, c)? {
        let submitted = match round {
            1 => a.submitted_at.is_some(),
            _ => a.round2_submitted_at.is_some(),
        };
        let status = if coi::RECUSED.contains(&a.coi.as_str()) {
            ScoreStatus::Recused
        } else if submitted && a.coi == coi::NONE {
            ScoreStatus::Submitted
        } else {
            ScoreStatus::Pending
        };
        let points = if status == ScoreStatus::Submitted {
            let rows: Vec<(String, Option<i32>)> = rs::table
                .filter(rs::assignment_id.eq(&a.id))
                .filter(rs::round.eq(round))
                .select((rs::criterion_id, rs::points))
                .load(conn)?;
            rows.into_iter()
                .filter_map(|(k, p)| Some((k, u32::try_from(p?).ok()?)))
                .collect()
        } else {
            BTreeMap::new()
        };
        let label = labels.get(&a.juror_id).copied().unwrap_or_default();
        out.entry(a.proposal_id).or_default().push(JurorScore {
            juror: label.to_string(),
            status,
            points,
        });
    }
    for v in out.values_mut() {
        v.sort_by(|x, y| x.juror.cmp(&y.juror));
    }
    Ok(out)
}
