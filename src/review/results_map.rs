//! The pure half of the results builder: plain rows in, the results
//! document out. No database here, so the mapping from assignments and
//! scores to the engine's input is unit-tested on its own.
//!
//! The mapping, per active assignment of a proposal (jurors by label number):
//! a declared or automatic conflict (`potential`, `real`, `auto`) is a
//! recusal; a declared `none` with the counted round submitted is a counted
//! score with that round's points; anything else (undeclared, not submitted)
//! is pending. The counted round is 2 when the competition has an open
//! defence and any round-2 score exists; round 1 is then published too.

use std::collections::BTreeMap;

use super::document::{
    JurorComment, JuryMember, JuryPerson, ProposalEntry, Recusal, ResultsDoc, ReviewSummary, SCHEMA,
};
use super::ids::{AssignmentId, JurorId};
pub use super::results_inputs::*;
use crate::applications::ProposalId;
use crate::scoring::{JurorScore, Outcome, Override, OverrideAction, ScoreStatus, ScoringError};
use crate::web::format::kyiv_rfc3339;

/// COI values that take a juror off a proposal.
pub const RECUSALS: [&str; 3] = ["potential", "real", "auto"];

/// A juror's public label: the name when the competition publishes names,
/// otherwise `Експерт n`.
pub fn label(publish_names: bool, j: &JurorRow) -> String {
    if publish_names {
        j.full_name.clone()
    } else {
        format!("Експерт {}", j.label_number)
    }
}

/// Labels by juror; equal names get their label number added so that each
/// label stays unique.
pub fn labels(publish_names: bool, jurors: &[JurorRow]) -> BTreeMap<JurorId, String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for j in jurors {
        *count.entry(label(publish_names, j)).or_default() += 1;
    }
    jurors
        .iter()
        .map(|j| {
            let l = label(publish_names, j);
            let l = match count.get(&l) {
                Some(n) if *n > 1 => format!("{l} ({})", j.label_number),
                _ => l,
            };
            (j.id.clone(), l)
        })
        .collect()
}

/// 2 when the competition has an open defence and any round-2 score exists.
pub fn counted_round(inputs: &Inputs) -> u32 {
    let second = inputs.rules.jury.open_defence && inputs.scores.iter().any(|s| s.round == 2);
    if second {
        2
    } else {
        1
    }
}

/// The overrides as the engine takes them (unknown proposals are skipped:
/// the table's foreign key rules them out).
pub fn engine_overrides(proposals: &[ProposalRow], rows: &[OverrideRow]) -> Vec<Override> {
    let regs: BTreeMap<&ProposalId, &str> = proposals
        .iter()
        .map(|p| (&p.id, p.registration_number.as_str()))
        .collect();
    let mut out: Vec<Override> = rows
        .iter()
        .filter_map(|o| {
            let reg = regs.get(&o.proposal_id)?;
            let action = match (o.action.as_str(), o.amount) {
                ("award", Some(amount)) => OverrideAction::Award { amount },
                _ => OverrideAction::Exclude,
            };
            Some(Override {
                registration_number: reg.to_string(),
                action,
                reason: o.reason.clone(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.registration_number.cmp(&b.registration_number));
    out
}

struct Ctx<'a> {
    labels: BTreeMap<JurorId, String>,
    order: BTreeMap<JurorId, i32>,
    scores: BTreeMap<(&'a AssignmentId, i32), Vec<&'a ScoreRow>>,
    criterion_pos: BTreeMap<&'a str, usize>,
}

impl Ctx<'_> {
    fn label(&self, j: &JurorId) -> String {
        self.labels.get(j).cloned().unwrap_or_else(|| j.to_string())
    }

    fn juror_score(&self, a: &AssignmentRow, round: i32) -> JurorScore {
        let juror = self.label(&a.juror_id);
        let submitted = match round {
            2 => a.round2_submitted_at.is_some(),
            _ => a.submitted_at.is_some(),
        };
        if RECUSALS.contains(&a.coi.as_str()) {
            return JurorScore {
                juror,
                status: ScoreStatus::Recused,
                points: BTreeMap::new(),
            };
        }
        if a.coi != "none" || !submitted {
            return JurorScore {
                juror,
                status: ScoreStatus::Pending,
                points: BTreeMap::new(),
            };
        }
        let points = self
            .scores
            .get(&(&a.id, round))
            .into_iter()
            .flatten()
            .filter_map(|s| Some((s.criterion_id.clone(), u32::try_from(s.points?).ok()?)))
            .collect();
        JurorScore {
            juror,
            status: ScoreStatus::Submitted,
            points,
        }
    }
}

/// The document of `inputs`; its outcome is the engine's recomputation from
/// the document itself, so `doc.recompute(rules) == doc.outcome` by
/// construction.
pub fn assemble(inputs: &Inputs) -> Result<ResultsDoc, ScoringError> {
    let rules = &inputs.rules;
    let publish_names = rules.publication.juror_names;
    let round = counted_round(inputs);
    let mut jurors: Vec<&JurorRow> = inputs.jurors.iter().collect();
    jurors.sort_by_key(|j| j.label_number);
    let mut scores: BTreeMap<(&AssignmentId, i32), Vec<&ScoreRow>> = BTreeMap::new();
    for s in &inputs.scores {
        scores
            .entry((&s.assignment_id, s.round))
            .or_default()
            .push(s);
    }
    let ctx = Ctx {
        labels: labels(publish_names, &inputs.jurors),
        order: jurors
            .iter()
            .map(|j| (j.id.clone(), j.label_number))
            .collect(),
        scores,
        criterion_pos: rules
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect(),
    };
    let on_jury = |j: &&&JurorRow| j.removed_at.map_or(true, |r| r > inputs.closure.closed_at);
    let jury = jurors
        .iter()
        .filter(on_jury)
        .map(|j| JuryMember {
            label: ctx.label(&j.id),
            role: j.role.clone(),
        })
        .collect();
    let mut jury_members: Vec<JuryPerson> = jurors
        .iter()
        .filter(on_jury)
        .map(|j| JuryPerson {
            name: j.full_name.clone(),
            role: j.role.clone(),
        })
        .collect();
    jury_members.sort_by(|a, b| a.name.cmp(&b.name).then(a.role.cmp(&b.role)));

    let mut proposals: Vec<&ProposalRow> = inputs.proposals.iter().collect();
    proposals.sort_by(|a, b| a.registration_number.cmp(&b.registration_number));
    let entries = proposals
        .into_iter()
        .map(|p| proposal_entry(inputs, &ctx, p, round))
        .collect();

    let mut doc = ResultsDoc {
        schema: SCHEMA.into(),
        competition_id: inputs.competition_id.clone(),
        code: inputs.code.clone(),
        rules_sha256: inputs.rules_sha256.clone(),
        fund_kopiyky: inputs.fund,
        finalized_at: kyiv_rfc3339(inputs.now),
        review: ReviewSummary {
            closed_at: kyiv_rfc3339(inputs.closure.closed_at),
            complete: inputs.closure.missing.is_empty() && inputs.closure.reason.is_none(),
            early_close_reason: inputs.closure.reason.clone(),
            missing: inputs.closure.missing.clone(),
            rounds: round,
        },
        jury,
        jury_members,
        proposals: entries,
        overrides: engine_overrides(&inputs.proposals, &inputs.overrides),
        outcome: Outcome {
            proposals: Vec::new(),
            fund: inputs.fund,
            total_awarded: 0,
            fund_remaining: inputs.fund,
        },
    };
    doc.outcome = doc.recompute(rules)?;
    Ok(doc)
}

fn proposal_entry(inputs: &Inputs, ctx: &Ctx<'_>, p: &ProposalRow, round: u32) -> ProposalEntry {
    let mut mine: Vec<&AssignmentRow> = inputs
        .assignments
        .iter()
        .filter(|a| a.proposal_id == p.id)
        .collect();
    mine.sort_by_key(|a| (ctx.order.get(&a.juror_id).copied(), a.juror_id.clone()));
    let counted = i32::try_from(round).unwrap_or(1);
    let scores = mine.iter().map(|a| ctx.juror_score(a, counted)).collect();
    let first_round_scores =
        (round == 2).then(|| mine.iter().map(|a| ctx.juror_score(a, 1)).collect());
    let recusals = mine
        .iter()
        .filter(|a| RECUSALS.contains(&a.coi.as_str()))
        .map(|a| Recusal {
            juror: ctx.label(&a.juror_id),
            declared: a.coi.clone(),
        })
        .collect();
    let comments = match inputs.rules.publication.juror_comments {
        false => Vec::new(),
        true => comments(ctx, &mine, counted),
    };
    let not_admitted_reason = (p.state == "not_admitted").then(|| {
        let code = p.decision_reason.clone().unwrap_or_default();
        match p.decision_text.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => format!("{code}: {text}"),
            _ => code,
        }
    });
    ProposalEntry {
        registration_number: p.registration_number.clone(),
        edrpou: p.edrpou.clone(),
        organization: p.organization.clone(),
        title: p.title.clone(),
        status: p.state.clone(),
        not_admitted_reason,
        requested: p.requested,
        submitted_at: p.submitted_at,
        scores,
        first_round_scores,
        recusals,
        comments,
    }
}

/// Non-empty comments of counted (submitted, not recused) scores of the
/// counted round, by juror then criterion order.
fn comments(ctx: &Ctx<'_>, mine: &[&AssignmentRow], round: i32) -> Vec<JurorComment> {
    let mut out = Vec::new();
    for a in mine {
        if ctx.juror_score(a, round).status != ScoreStatus::Submitted {
            continue;
        }
        let mut rows: Vec<&&ScoreRow> = ctx
            .scores
            .get(&(&a.id, round))
            .into_iter()
            .flatten()
            .collect();
        rows.sort_by_key(|s| ctx.criterion_pos.get(s.criterion_id.as_str()).copied());
        for s in rows {
            if !s.comment.trim().is_empty() {
                out.push(JurorComment {
                    juror: ctx.label(&a.juror_id),
                    criterion_id: s.criterion_id.clone(),
                    comment: s.comment.trim().to_string(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "results_map_tests.rs"]
mod tests;
