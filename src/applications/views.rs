//! Page data for proposals: the form (rows padded with blanks, each cell
//! with its ID and any error) and the overview (status, blockers,
//! documents, receipt, decision).

use serde_json::{json, Value};

use super::budget::{cell, CATEGORIES};
use super::forms::{ProposalInput, ACTIVITY_ROWS, BUDGET_ROWS, RESULT_ROWS};
use super::model::{Document, Proposal};
use crate::competitions::rules::RulesDoc;
use crate::web::format::{kyiv_datetime, money};
use crate::web::lang::Lang;

fn padded<T: Clone + Default>(
    rows: &std::collections::BTreeMap<usize, T>,
    min: usize,
) -> Vec<(usize, T)> {
    let mut v: Vec<(usize, T)> = rows.iter().map(|(i, r)| (*i, r.clone())).collect();
    let mut next = v.iter().map(|(i, _)| i + 1).max().unwrap_or(0);
    while v.len() < min.max(rows.len() + 2) {
        v.push((next, T::default()));
        next += 1;
    }
    v
}

pub fn form(p: &Proposal, input: &ProposalInput, priorities: &[String]) -> Value {
    let priorities: Vec<_> = priorities
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let n = (i + 1).to_string();
            json!({"number": n, "text": text, "checked": input.priority.trim() == n})
        })
        .collect();
    let activities: Vec<_> = padded(&input.activities, ACTIVITY_ROWS)
        .into_iter()
        .map(|(i, r)| json!({"i": i, "row": r,
            "name_id": format!("activities-{i}-name"), "starts_on_id": format!("activities-{i}-starts_on"),
            "ends_on_id": format!("activities-{i}-ends_on")}))
        .collect();
    let results: Vec<_> = padded(&input.results, RESULT_ROWS)
        .into_iter()
        .map(|(i, r)| json!({"i": i, "row": r, "result_id": format!("results-{i}-result"),
            "indicator_id": format!("results-{i}-indicator"), "target_id": format!("results-{i}-target")}))
        .collect();
    let budget: Vec<_> = padded(&input.budget, BUDGET_ROWS)
        .into_iter()
        .map(|(i, r)| {
            let cats: Vec<_> = CATEGORIES.iter().map(|c| json!({"code": c,
                "label_key": format!("applications-category-{c}"), "selected": r.category == *c})).collect();
            json!({"i": i, "row": r, "categories": cats,
                "item_id": cell(i, "item"), "category_id": cell(i, "category"), "unit_id": cell(i, "unit"),
                "quantity_id": cell(i, "quantity"), "unit_price_id": cell(i, "unit_price"),
                "requested_id": cell(i, "requested"), "own_id": cell(i, "own")})
        })
        .collect();
    json!({"p": {"id": p.id, "title": p.title}, "input": input, "activities": activities,
           "results": results, "budget": budget, "priorities": priorities})
}

pub fn documents(rules: &RulesDoc, docs: &[Document], lang: Lang) -> Vec<Value> {
    let _ = lang;
    rules.documents.iter().map(|rd| {
        let d = docs.iter().find(|d| d.required_document_id == rd.id);
        json!({"id": rd.id, "name": rd.name, "description": rd.description, "required": rd.required,
               "max_size_mb": rd.max_size_mb, "field_id": format!("document-{}", rd.id),
               "file": d.map(|d| json!({"name": d.file_name, "size": d.size_bytes, "sha256": d.sha256,
                   "pages": d.pages, "uploaded_at": kyiv_datetime(d.uploaded_at)}))})
    }).collect()
}

pub fn summary(p: &Proposal, lang: Lang) -> Value {
    json!({
        "id": p.id, "title": if p.title.is_empty() { "—" } else { &p.title },
        "state": p.state, "state_key": format!("applications-state-{}", p.state.replace('_', "-")),
        "number": p.registration_number, "receipt_sha256": p.receipt_sha256,
        "submitted_at": p.submitted_at.map(kyiv_datetime),
        "requested": p.requested_kopiyky.map(|k| money(k, lang)),
        "decision_reason_key": p.decision_reason.as_ref().map(|r| format!("applications-reason-{}", r.replace('_', "-"))),
        "decision_text": p.decision_text, "decided_at": p.decided_at.map(kyiv_datetime),
        "correction_until": p.correction_until.map(kyiv_datetime),
    })
}
