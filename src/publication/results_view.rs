//! The results page's view model, read only from the frozen results and
//! rules documents: the rating with every juror's scores, the not-admitted
//! proposals, the jury, the COI register, overrides, the review's end, the
//! hashes and the charts.

use serde_json::{json, Value};

use super::access::Published;
use super::funnel::result_of;
use super::views::{decimal_in, reason_parts};
use crate::review::document::ProposalEntry;
use crate::scoring::{OverrideAction, ProposalResult, ScoreStatus};
use crate::web::charts::{BarChart, Row};
use crate::web::format::money;
use crate::web::lang::Lang;

/// Translations the charts need (their captions and headers are data).
pub struct ChartTexts {
    pub scores_caption: String,
    pub scores_label: String,
    pub scores_value: String,
    pub fund_caption: String,
    pub fund_label: String,
    pub fund_value: String,
    pub fund_remaining: String,
}

fn score_cells(p: &Published, e: &ProposalEntry, r: &ProposalResult) -> Vec<Value> {
    p.doc
        .jury
        .iter()
        .map(|j| {
            let s = e.scores.iter().find(|s| s.juror == j.label);
            let total = r.juror_totals.iter().find(|t| t.juror == j.label);
            let status = s.map(|s| s.status);
            let points: Vec<String> = p
                .frozen
                .rules
                .criteria
                .iter()
                .map(|c| {
                    s.and_then(|s| s.points.get(c.id.as_str()))
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "—".into())
                })
                .collect();
            let counted = status == Some(ScoreStatus::Submitted) && total.is_some();
            json!({
                "recused": status == Some(ScoreStatus::Recused),
                "pending": status == Some(ScoreStatus::Pending),
                "none": status.is_none(),
                "counted": counted,
                "total": total.filter(|_| counted).map(|t| t.total),
                "points": points.join(" / "),
            })
        })
        .collect()
}

/// One row of the rating (an admitted proposal).
fn rating_row(p: &Published, e: &ProposalEntry, r: &ProposalResult, lang: Lang) -> Value {
    let scored = r.aggregate.is_some();
    json!({
        "rank": r.rank,
        "registration_number": e.registration_number,
        "url": format!("/competitions/{}/proposals/{}", p.id(), e.registration_number),
        "organization": e.organization,
        "edrpou": e.edrpou,
        "title": e.title,
        "requested": money(e.requested, lang),
        "awarded": money(r.awarded, lang),
        "funded": r.awarded > 0,
        "aggregate": r.aggregate.map(|a| decimal_in(a, lang)),
        "criteria": r.criteria.iter().map(|c| c.mean.map(|m| decimal_in(m, lang))).collect::<Vec<_>>(),
        "jurors": score_cells(p, e, r),
        "divergent": r.flags.divergent,
        "incomplete": r.flags.incomplete,
        "passed": scored && !r.flags.below_pass_mark,
        "scored": scored,
        "overridden": r.flags.overridden,
        "why": r.why_text(lang),
    })
}

fn role_key(role: &str) -> String {
    format!("publication-role-{role}")
}

/// Everything on the results page except the timeline and breadcrumbs.
pub fn page(p: &Published, lang: Lang, texts: &ChartTexts) -> Value {
    let o = &p.doc.outcome;
    let entry = |reg: &str| {
        p.doc
            .proposals
            .iter()
            .find(|e| e.registration_number == reg)
    };
    let rating: Vec<Value> = o
        .proposals
        .iter()
        .filter_map(|r| Some((entry(&r.registration_number)?, r)))
        .filter(|(e, _)| e.status == "admitted")
        .map(|(e, r)| rating_row(p, e, r, lang))
        .collect();
    let not_admitted: Vec<Value> = p
        .doc
        .proposals
        .iter()
        .filter(|e| e.status == "not_admitted")
        .map(|e| {
            let (key, reason) = reason_parts(e.not_admitted_reason.as_deref().unwrap_or(""));
            json!({"registration_number": e.registration_number, "organization": e.organization,
                   "edrpou": e.edrpou, "title": e.title,
                   "url": format!("/competitions/{}/proposals/{}", p.id(), e.registration_number),
                   "reason_key": key, "reason": reason})
        })
        .collect();
    let withdrawn = p
        .doc
        .proposals
        .iter()
        .filter(|e| e.status == "withdrawn")
        .count();
    let coi: Vec<Value> = p
        .doc
        .proposals
        .iter()
        .flat_map(|e| {
            e.recusals.iter().map(move |r| {
                json!({"juror": r.juror, "registration_number": e.registration_number,
                       "title": e.title, "type_key": format!("publication-coi-{}", r.declared)})
            })
        })
        .collect();
    let overrides: Vec<Value> = p
        .doc
        .overrides
        .iter()
        .map(|ov| {
            let (award, amount) = match ov.action {
                OverrideAction::Award { amount } => (true, Some(money(amount, lang))),
                OverrideAction::Exclude => (false, None),
            };
            let computed =
                result_of(p, &ov.registration_number).map(|r| money(r.computed_award, lang));
            json!({"registration_number": ov.registration_number, "award": award, "amount": amount,
                   "computed": computed, "reason": ov.reason})
        })
        .collect();
    let rev = &p.doc.review;
    json!({
        "criteria": p.frozen.rules.criteria.iter().map(|c| json!({"number": c.number, "name": c.name})).collect::<Vec<_>>(),
        "jury": p.doc.jury.iter().map(|j| json!({"label": j.label, "role_key": role_key(&j.role)})).collect::<Vec<_>>(),
        "jury_members": p.doc.jury_members.iter().map(|j| json!({"name": j.name, "role_key": role_key(&j.role)})).collect::<Vec<_>>(),
        "names_linked": p.frozen.rules.publication.juror_names,
        "rating": rating,
        "not_admitted": not_admitted,
        "withdrawn": withdrawn,
        "coi": coi,
        "overrides": overrides,
        "review": {"complete": rev.complete, "early_close_reason": rev.early_close_reason,
                   "missing": rev.missing, "rounds": rev.rounds},
        "fund": money(o.fund, lang),
        "total_awarded": money(o.total_awarded, lang),
        "fund_remaining": money(o.fund_remaining, lang),
        "pass_mark": p.frozen.rules.scoring.pass_mark,
        "charts": [distribution(p, texts), fund_split(p, lang, texts)],
    })
}

/// How many ranked proposals have an aggregate in each fifth of the scale
/// (`[0, w)`, `[w, 2w)`, …, the last bin closed).
pub fn distribution(p: &Published, t: &ChartTexts) -> BarChart {
    let rules = &p.frozen.rules;
    let jurors = p.doc.jury.len().max(1) as i64;
    let top = match rules.scoring.aggregation {
        crate::scoring::Aggregation::Sum => rules.scoring.max_total * jurors,
        _ => rules.scoring.max_total,
    }
    .max(1);
    let bins = 5i64;
    let width = (top + bins - 1) / bins;
    let mut counts = vec![0i64; bins as usize];
    for r in &p.doc.outcome.proposals {
        if let Some(a) = r.aggregate {
            let k = ((a.num() as i128) / (a.den() as i128 * width as i128)) as i64;
            counts[k.clamp(0, bins - 1) as usize] += 1;
        }
    }
    let rows = counts
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let lo = i as i64 * width;
            let hi = if i as i64 == bins - 1 {
                top
            } else {
                lo + width
            };
            Row {
                label: format!("{lo}–{hi}"),
                value: n,
                value_text: n.to_string(),
            }
        })
        .collect();
    BarChart::new(
        "scores",
        &t.scores_caption,
        &t.scores_label,
        &t.scores_value,
        rows,
    )
}

/// The fund: each awarded proposal's amount, then what remains.
pub fn fund_split(p: &Published, lang: Lang, t: &ChartTexts) -> BarChart {
    let o = &p.doc.outcome;
    let mut rows: Vec<Row> = o
        .proposals
        .iter()
        .filter(|r| r.awarded > 0)
        .map(|r| Row {
            label: r.registration_number.clone(),
            value: r.awarded,
            value_text: money(r.awarded, lang),
        })
        .collect();
    rows.push(Row {
        label: t.fund_remaining.clone(),
        value: o.fund_remaining,
        value_text: money(o.fund_remaining, lang),
    });
    BarChart::new("fund", &t.fund_caption, &t.fund_label, &t.fund_value, rows)
}
