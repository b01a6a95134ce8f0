//! A proposal's public page after publication: what it proposed (from its
//! frozen submission snapshot), what it asked for and got, every juror's
//! points per criterion, comments where the competition publishes them,
//! and its documents with their SHA-256 (listed; the rules have no setting
//! that makes the files themselves public).

use serde_json::{json, Value};

use super::access::Published;
use super::funnel::result_of;
use super::views::{decimal_in, reason_parts};
use crate::applications::model::{Document, Proposal};
use crate::review::document::ProposalEntry;
use crate::scoring::{JurorScore, ScoreStatus};
use crate::web::format::money;
use crate::web::lang::Lang;

fn quantity(hundredths: i64, lang: Lang) -> String {
    let s = if hundredths % 100 == 0 {
        (hundredths / 100).to_string()
    } else {
        format!("{}.{:02}", hundredths / 100, hundredths % 100)
    };
    if lang == Lang::Uk {
        s.replace('.', ",")
    } else {
        s
    }
}

/// The budget table from the snapshot's `budget` object.
fn budget(snapshot: &Value, lang: Lang) -> Value {
    let b = &snapshot["budget"];
    let m = |v: &Value| money(v.as_i64().unwrap_or(0), lang);
    let lines: Vec<Value> = b["lines"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|l| {
                    json!({
                        "item": l["item"], "unit": l["unit"],
                        "category_key": format!("applications-category-{}", l["category"].as_str().unwrap_or("other")),
                        "quantity": quantity(l["quantity_hundredths"].as_i64().unwrap_or(0), lang),
                        "unit_price": m(&l["unit_price_kopiyky"]), "total": m(&l["total_kopiyky"]),
                        "requested": m(&l["requested_kopiyky"]), "own": m(&l["own_kopiyky"]),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    json!({"lines": lines, "total": m(&b["total_kopiyky"]), "requested": m(&b["requested_kopiyky"]), "own": m(&b["own_kopiyky"])})
}

/// Criteria as rows, jurors as columns, for one round.
fn score_table(p: &Published, scores: &[JurorScore]) -> Value {
    let rows: Vec<Value> = p
        .frozen
        .rules
        .criteria
        .iter()
        .map(|c| {
            let cells: Vec<Value> = scores
                .iter()
                .map(|s| {
                    let counted = s.status == ScoreStatus::Submitted;
                    json!({
                        "points": s.points.get(c.id.as_str()).filter(|_| counted),
                        "recused": s.status == ScoreStatus::Recused,
                        "pending": s.status == ScoreStatus::Pending,
                    })
                })
                .collect();
            json!({"name": c.name, "max_points": c.max_points, "weight": c.weight, "cells": cells})
        })
        .collect();
    json!({"jurors": scores.iter().map(|s| s.juror.clone()).collect::<Vec<_>>(), "rows": rows})
}

pub fn page(
    p: &Published,
    e: &ProposalEntry,
    row: &Proposal,
    docs: &[Document],
    lang: Lang,
) -> Value {
    let snapshot: Value = row
        .snapshot_json
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Value::Null);
    let project = &snapshot["project"];
    let r = result_of(p, &e.registration_number);
    let names = |id: &str| p.criterion_name(id);
    let comments: Vec<Value> = if p.frozen.rules.publication.juror_comments {
        e.comments
            .iter()
            .map(|c| json!({"juror": c.juror, "criterion": names(&c.criterion_id), "comment": c.comment}))
            .collect()
    } else {
        vec![]
    };
    let documents: Vec<Value> = docs
        .iter()
        .map(|d| {
            let name = p
                .frozen
                .rules
                .documents
                .iter()
                .find(|rd| rd.id == d.required_document_id)
                .map(|rd| rd.name.clone())
                .unwrap_or_default();
            json!({"name": name, "file_name": d.file_name, "size_bytes": d.size_bytes, "sha256": d.sha256})
        })
        .collect();
    let (reason_key, reason) = reason_parts(e.not_admitted_reason.as_deref().unwrap_or(""));
    json!({
        "id": p.id(),
        "competition_title": p.frozen.competition.title(lang),
        "registration_number": e.registration_number,
        "title": e.title,
        "organization": e.organization,
        "edrpou": e.edrpou,
        "admitted": e.status == "admitted",
        "not_admitted": e.status == "not_admitted",
        "reason_key": reason_key,
        "reason": reason,
        "summary": project["summary"],
        "problem": project["problem"],
        "goals": project["goals"],
        "audience": project["audience"],
        "regions": project["regions"],
        "budget": budget(&snapshot, lang),
        "requested": money(e.requested, lang),
        "awarded": money(r.map(|r| r.awarded).unwrap_or(0), lang),
        "rank": r.and_then(|r| r.rank),
        "aggregate": r.and_then(|r| r.aggregate).map(|a| decimal_in(a, lang)),
        "criteria_means": r.map(|r| r.criteria.iter().map(|c| json!({"name": names(&c.criterion_id), "mean": c.mean.map(|m| decimal_in(m, lang))})).collect::<Vec<_>>()),
        "why": r.map(|r| r.why_text(lang)),
        "scores": (!e.scores.is_empty()).then(|| score_table(p, &e.scores)),
        "first_round": e.first_round_scores.as_ref().map(|s| score_table(p, s)),
        "recusals": e.recusals.iter().map(|r| json!({"juror": r.juror, "type_key": format!("publication-coi-{}", r.declared)})).collect::<Vec<_>>(),
        "comments_published": p.frozen.rules.publication.juror_comments,
        "comments": comments,
        "documents": documents,
        "receipt_sha256": row.receipt_sha256,
        "results_url": format!("/competitions/{}/results", p.id()),
    })
}
