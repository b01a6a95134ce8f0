//! Template data for closing the review, the deliberation rating, the
//! override form and the finalized results.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::closing::Missing;
use super::document::ResultsDoc;
use super::finalize::Finalized;
use super::overrides::OverrideForm;
use super::results_map::Inputs;
use crate::competitions::Competition;
use crate::scoring::{Flags, ProposalResult, Ratio};
use crate::web::lang::Lang;

fn base(c: &Competition, lang: Lang) -> Value {
    json!({
        "id": c.id,
        "code": c.code,
        "title": c.title(lang),
        "manage_url": format!("/organizer/competitions/{}", c.id),
        "deliberation_url": format!("/organizer/competitions/{}/deliberation", c.id),
    })
}

/// Two decimals rounded toward zero, with the language's separator.
pub fn decimal(r: Ratio, lang: Lang) -> String {
    let s = r.to_decimal_string(2);
    match lang {
        Lang::Uk => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The closing page: what is missing, and whether a reason is needed.
pub fn close(c: &Competition, lang: Lang, missing: &[Missing], reason: &str) -> Value {
    json!({
        "c": base(c, lang),
        "missing": missing,
        "complete": missing.is_empty(),
        "reason": reason,
    })
}

/// Fluent keys of the flags that are set, in a fixed order.
pub fn flag_keys(f: &Flags) -> Vec<&'static str> {
    [
        (f.no_scores, "verdict-flag-no-scores"),
        (f.not_admitted, "verdict-flag-not-admitted"),
        (f.below_pass_mark, "verdict-flag-below-pass-mark"),
        (f.divergent, "verdict-flag-divergent"),
        (f.incomplete, "verdict-flag-incomplete"),
        (f.tie_broken, "verdict-flag-tie-broken"),
        (f.overridden, "verdict-flag-overridden"),
    ]
    .into_iter()
    .filter_map(|(on, key)| on.then_some(key))
    .collect()
}

fn row(
    r: &ProposalResult,
    doc: &ResultsDoc,
    ids: &BTreeMap<&str, String>,
    c: &Competition,
    lang: Lang,
    open: bool,
) -> Value {
    let entry = doc
        .proposals
        .iter()
        .find(|p| p.registration_number == r.registration_number);
    let id = ids.get(r.registration_number.as_str());
    json!({
        "rank": r.rank,
        "registration_number": r.registration_number,
        "organization": entry.map(|e| e.organization.as_str()),
        "title": entry.map(|e| e.title.as_str()),
        "requested": r.requested,
        "aggregate": r.aggregate.map(|a| decimal(a, lang)),
        "juror_totals": r.juror_totals.iter().map(|t| json!({"juror": t.juror, "total": t.total})).collect::<Vec<_>>(),
        "flags": flag_keys(&r.flags),
        "computed_award": r.computed_award,
        "awarded": r.awarded,
        "why": r.why.why_text(lang),
        "computed_why": r.flags.overridden.then(|| r.computed_why.why_text(lang)),
        "overridden": r.flags.overridden,
        "override_url": id.filter(|_| open).map(|id| format!("/organizer/competitions/{}/deliberation/{id}/override", c.id)),
    })
}

/// The deliberation page: the computed rating with flags, awards and
/// reasons, and the finalization state.
pub fn deliberation(
    c: &Competition,
    lang: Lang,
    inputs: &Inputs,
    doc: &ResultsDoc,
    finalized: Option<&Finalized>,
) -> Value {
    let open = finalized.is_none();
    let ids: BTreeMap<&str, String> = inputs
        .proposals
        .iter()
        .map(|p| (p.registration_number.as_str(), p.id.to_string()))
        .collect();
    let rows: Vec<Value> = doc
        .outcome
        .proposals
        .iter()
        .map(|r| row(r, doc, &ids, c, lang, open))
        .collect();
    let withdrawn = doc
        .proposals
        .iter()
        .filter(|p| p.status == "withdrawn")
        .count();
    json!({
        "c": base(c, lang),
        "rows": rows,
        "withdrawn": withdrawn,
        "fund": doc.outcome.fund,
        "total_awarded": doc.outcome.total_awarded,
        "fund_remaining": doc.outcome.fund_remaining,
        "review": {
            "closed_at": inputs.closure.closed_at,
            "complete": doc.review.complete,
            "reason": doc.review.early_close_reason,
            "missing": doc.review.missing,
            "rounds": doc.review.rounds,
        },
        "pass_mark": inputs.rules.scoring.pass_mark,
        "divergence_threshold": inputs.rules.scoring.divergence_threshold,
        "open": open,
        "finalized": finalized.map(|f| json!({
            "sha256": f.sha256,
            "finalized_at": f.finalized_at,
            "download_url": format!("/organizer/competitions/{}/results.json", c.id),
        })),
    })
}

/// The override form of one proposal.
pub fn override_form(
    c: &Competition,
    lang: Lang,
    r: &ProposalResult,
    doc: &ResultsDoc,
    proposal_id: &str,
    form: &OverrideForm,
    existing: bool,
) -> Value {
    let entry = doc
        .proposals
        .iter()
        .find(|p| p.registration_number == r.registration_number);
    json!({
        "c": base(c, lang),
        "p": {
            "id": proposal_id,
            "registration_number": r.registration_number,
            "title": entry.map(|e| e.title.as_str()),
            "organization": entry.map(|e| e.organization.as_str()),
            "requested": r.requested,
            "computed_award": r.computed_award,
            "computed_why": r.computed_why.why_text(lang),
            "aggregate": r.aggregate.map(|a| decimal(a, lang)),
        },
        "action_url": format!("/organizer/competitions/{}/deliberation/{proposal_id}/override", c.id),
        "award_checked": form.action == "award",
        "exclude_checked": form.action == "exclude",
        "amount": form.amount,
        "reason": form.reason,
        "existing": existing,
    })
}
