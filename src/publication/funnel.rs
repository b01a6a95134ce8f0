//! The whole funnel as one JSON file (`konkurs.funnel/1`): every submitted
//! proposal — awarded, not funded, not admitted, withdrawn — with its
//! status, scores per juror and criterion, aggregate, rank and the reason
//! for its outcome. The same per-proposal object is each 360Giving grant's
//! `additional_data.konkurs` (see docs/open-data.md).

use serde_json::{json, Value};

use super::access::Published;
use super::views::{decimal, hryvnias_number};
use crate::review::document::ProposalEntry;
use crate::scoring::{JurorScore, ProposalResult, ScoreStatus};
use crate::web::lang::Lang;

pub const SCHEMA: &str = "konkurs.funnel/1";

/// The competition's funnel file.
pub fn document(p: &Published, base: &str) -> Value {
    let o = &p.doc.outcome;
    json!({
        "schema": SCHEMA,
        "competition": competition(p, base),
        "currency": "UAH",
        "fund": hryvnias_number(o.fund),
        "total_awarded": hryvnias_number(o.total_awarded),
        "fund_remaining": hryvnias_number(o.fund_remaining),
        "proposals": p.doc.proposals.iter().map(|e| proposal(p, e)).collect::<Vec<_>>(),
    })
}

/// Where the competition and its frozen documents are.
pub fn competition(p: &Published, base: &str) -> Value {
    let c = &p.frozen.competition;
    json!({
        "id": c.id,
        "code": p.code(),
        "title": c.title_uk,
        "title_en": p.frozen.rules.title.en,
        "url": format!("{base}/competitions/{}", c.id),
        "results_url": format!("{base}/competitions/{}/results.json", c.id),
        "results_sha256": p.sha256,
        "rules_url": format!("{base}/competitions/{}/rules.json", c.id),
        "rules_sha256": c.rules_sha256,
    })
}

/// The engine's result for a registration number.
pub fn result_of<'a>(p: &'a Published, reg: &str) -> Option<&'a ProposalResult> {
    p.doc
        .outcome
        .proposals
        .iter()
        .find(|r| r.registration_number == reg)
}

fn status_of(s: ScoreStatus) -> &'static str {
    match s {
        ScoreStatus::Submitted => "submitted",
        ScoreStatus::Recused => "recused",
        ScoreStatus::Pending => "pending",
    }
}

/// Each juror's points in one round.
fn round(scores: &[JurorScore], n: u32) -> impl Iterator<Item = Value> + '_ {
    scores.iter().map(move |s| {
        json!({"juror": s.juror, "round": n, "status": status_of(s.status), "points": s.points})
    })
}

/// Every juror score of a proposal, round by round (round 2 counts when an
/// open defence took place).
pub fn scores(e: &ProposalEntry) -> Vec<Value> {
    match &e.first_round_scores {
        Some(first) => round(first, 1).chain(round(&e.scores, 2)).collect(),
        None => round(&e.scores, 1).collect(),
    }
}

/// One proposal of the funnel.
pub fn proposal(p: &Published, e: &ProposalEntry) -> Value {
    let r = result_of(p, &e.registration_number);
    json!({
        "registration_number": e.registration_number,
        "organization": {"id": format!("UA-EDR-{}", e.edrpou), "edrpou": e.edrpou, "name": e.organization},
        "title": e.title,
        "status": e.status,
        "not_admitted_reason": e.not_admitted_reason,
        "requested": hryvnias_number(e.requested),
        "rank": r.and_then(|r| r.rank),
        "aggregate": r.and_then(|r| r.aggregate).map(decimal),
        "flags": r.map(|r| r.flags),
        "criteria": r.map(|r| r.criteria.iter().map(|c| json!({
            "criterion_id": c.criterion_id,
            "criterion": p.criterion_name(&c.criterion_id),
            "mean": c.mean.map(decimal),
        })).collect::<Vec<_>>()).unwrap_or_default(),
        "scores": scores(e),
        "recusals": e.recusals,
        "awarded": hryvnias_number(r.map(|r| r.awarded).unwrap_or(0)),
        "why": r.map(|r| json!({"code": r.why.code(), "uk": r.why_text(Lang::Uk), "en": r.why_text(Lang::En)})),
    })
}
