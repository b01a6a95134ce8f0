//! View models of the public pages: the call with everything an applicant
//! needs, its rules in plain words, the hash and the amendments.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{json, Value};

use super::model::{Amendment, Transition};
use super::options::{label_key, JuryMode, TieBreak};
use super::rules::RulesDoc;
use super::service::Frozen;
use super::views::{amendment, countdown, state, transition};
use crate::web::format::money;
use crate::web::lang::Lang;

/// `2027-04-01` → `01.04.2027`.
fn date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}

fn pick<'a>(uk: &'a str, en: Option<&'a str>, lang: Lang) -> &'a str {
    match (lang, en) {
        (Lang::En, Some(en)) if !en.is_empty() => en,
        _ => uk,
    }
}

/// The rules in plain words: Fluent keys with their arguments.
fn plain_rules(r: &RulesDoc, fund: i64, lang: Lang) -> Value {
    let s = &r.scoring;
    let tie = match s.tie_break.first().map(String::as_str) {
        Some("higher_criterion_scores_in_criteria_order") => TieBreak::CriteriaInOrder,
        Some("lower_requested_amount") => TieBreak::LowerRequest,
        _ => TieBreak::EarlierSubmission,
    };
    json!({
        "max_total": s.max_total,
        "aggregation_key": format!("competitions-plain-{}", label_key("aggregation", s.aggregation.method.code()).trim_start_matches("competitions-")),
        "pass_mark": s.pass_mark,
        "divergence": s.divergence_threshold,
        "tie_break_key": format!("competitions-plain-{}", label_key("tie-break", tie.code()).trim_start_matches("competitions-")),
        "fund_text": money(fund, lang),
        "cap_text": money(r.cap_per_proposal_kopiyky, lang),
        "when_short_key": format!("competitions-plain-{}", label_key("when-short", r.allocation.when_next_does_not_fit.code()).trim_start_matches("competitions-")),
        "jury_whole": r.jury.mode == JuryMode::Whole,
        "jurors_per_proposal": r.jury.jurors_per_proposal,
        "juror_names": r.publication.juror_names,
        "juror_comments": r.publication.juror_comments,
    })
}

/// Everything on a competition's public page.
pub fn detail(
    f: &Frozen,
    amendments: &[(Amendment, String)],
    history: &[Transition],
    lang: Lang,
    now: NaiveDateTime,
) -> Value {
    let (c, r) = (&f.competition, &f.rules);
    let fund = c.fund_kopiyky.unwrap_or(r.fund_kopiyky);
    let e = &r.eligibility;
    json!({
        "id": c.id,
        "code": c.code,
        "title": pick(&r.title.uk, r.title.en.as_deref(), lang),
        "description": pick(&r.description.uk, r.description.en.as_deref(), lang),
        "state": state(c.state),
        "countdown": countdown(c, now),
        "accepting": c.accepting(now),
        "opens_at": c.opens_at,
        "closes_at": c.closes_at,
        "announced_at": c.announced_at,
        "cancel_reason": c.cancel_reason,
        "fund": fund,
        "fund_amended": fund != r.fund_kopiyky,
        "fund_announced": r.fund_kopiyky,
        "cap": r.cap_per_proposal_kopiyky,
        "priorities": r.priorities,
        "legal_basis": {"order_number": r.legal_basis.order_number, "order_date": date(&r.legal_basis.order_date)},
        "org_forms": e.organization_forms.iter().map(|o| label_key("org-form", o.code())).collect::<Vec<_>>(),
        "min_months": e.min_months_registered,
        "max_proposals": e.max_proposals_per_organization,
        "own_percent": e.min_own_contribution_percent,
        "schedule": {"review_from": date(&r.schedule.review_from), "review_until": date(&r.schedule.review_until), "results_on": date(&r.schedule.results_on)},
        "documents": r.documents,
        "criteria": r.criteria.iter().map(|k| json!({"number": k.number, "name": k.name, "description": k.description,
            "max_points": k.max_points, "weight": k.weight, "max_weighted": k.max_points * k.weight})).collect::<Vec<_>>(),
        "plain": plain_rules(r, fund, lang),
        "rules_sha256": c.rules_sha256,
        "rules_url": format!("/competitions/{}/rules.json", c.id),
        "api_url": format!("/api/v1/competitions/{}", c.id),
        "amendments": amendments.iter().map(|(a, who)| amendment(a, who)).collect::<Vec<_>>(),
        "history": history.iter().map(transition).collect::<Vec<_>>(),
    })
}
