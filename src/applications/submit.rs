//! Submission: completeness and the deadline are checked at the moment the
//! request arrives; the registration number (`<year>-<competition number>-
//! <sequence>`, gap-free per competition) is taken under a lock; the
//! canonical snapshot (with each document's SHA-256) is frozen and its
//! SHA-256 becomes the receipt hash; audit entry and receipt mail commit in
//! the same transaction. Withdrawal keeps the number (so no gaps appear).

use chrono::NaiveDateTime;
use serde_json::{json, Value};

use super::model::{self, state, Document, Proposal, Submission};
use super::service::{ineligibility, input_of, trail};
use super::{access, orgs, validate, ProposalId};
use crate::audit::canonical::{canonical_json, sha256_hex};
use crate::competitions::service::{self as comp_service, Frozen};
use crate::competitions::Actor;
use crate::db::{compat, AnyConnection};
use crate::error::{AppError, AppResult};
use crate::mail::{self, MailRenderer, OutgoingMail};
use crate::web::format::kyiv_rfc3339;
use crate::web::forms::FieldErrors;

/// Serializes registration numbering across instances (PostgreSQL).
const NUMBER_LOCK: i64 = 0x7072_6f70_6e75_6d; // "propnum"

pub const SNAPSHOT_SCHEMA: &str = "konkurs.proposal-snapshot/1";

/// Everything that still blocks submission (fields, documents, eligibility).
pub fn blockers(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    p: &Proposal,
    f: &Frozen,
) -> AppResult<FieldErrors> {
    let (_, mut e) = validate::check(&input_of(p), &f.rules);
    let docs = model::documents(conn, &p.id)?;
    for d in f.rules.documents.iter().filter(|d| d.required) {
        if !docs.iter().any(|x| x.required_document_id == d.id) {
            e.add_with(
                &format!("document-{}", d.id),
                "applications-err-document-missing",
                &[("name", d.name.clone())],
            );
        }
    }
    let org = orgs::find(conn, &p.organization_id)?.ok_or(AppError::NotFound)?;
    if let Some(key) = ineligibility(conn, now, f, &org, Some(&p.id))? {
        e.add("organization", key);
    }
    Ok(e)
}

fn snapshot(
    p: &Proposal,
    f: &Frozen,
    org: &orgs::Org,
    number: &str,
    now: NaiveDateTime,
    docs: &[Document],
) -> Value {
    let input = input_of(p);
    let (c, _) = validate::check(&input, &f.rules);
    let documents: Vec<_> = f
        .rules
        .documents
        .iter()
        .filter_map(|rd| {
            let d = docs.iter().find(|d| d.required_document_id == rd.id)?;
            Some(json!({
                "required_document_id": rd.id, "name": rd.name, "file_name": d.file_name,
                "size_bytes": d.size_bytes, "sha256": d.sha256, "pages": d.pages,
            }))
        })
        .collect();
    json!({
        "schema": SNAPSHOT_SCHEMA,
        "proposal_id": p.id,
        "registration_number": number,
        "submitted_at": kyiv_rfc3339(now),
        "competition": {"id": f.competition.id, "code": f.rules.code, "rules_sha256": f.competition.rules_sha256},
        "organization": {"id": org.id, "edrpou": org.edrpou, "name": org.full_name},
        "project": {
            "title": input.title.trim(), "summary": input.summary.trim(), "problem": input.problem.trim(),
            "goals": input.goals.trim(), "audience": input.audience.trim(), "regions": input.regions.trim(),
            "activities": c.activities, "results": c.results,
            "priority": c.priority.as_ref().map(|(n, text)| json!({"number": n, "text": text})),
        },
        "budget": {
            "currency": "UAH", "lines": c.lines,
            "total_kopiyky": c.totals.total_kopiyky,
            "requested_kopiyky": c.totals.requested_kopiyky,
            "own_kopiyky": c.totals.own_kopiyky,
        },
        "declaration_no_double_funding": input.no_double_funding,
        "documents": documents,
    })
}

/// Submits a complete draft; `Err(blockers)` when something is missing.
pub fn submit(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    renderer: &MailRenderer,
    id: &ProposalId,
) -> AppResult<Result<Proposal, FieldErrors>> {
    let p = access::load_own(conn, actor, id)?;
    if p.state != state::DRAFT {
        return Err(AppError::Conflict("applications-already-submitted".into()));
    }
    let f = comp_service::frozen(conn, &p.competition_id)?;
    if !f.competition.accepting(now) {
        return Err(AppError::Conflict("applications-deadline-passed".into()));
    }
    compat::lock_for_append(conn, NUMBER_LOCK)?;
    let blocking = blockers(conn, now, &p, &f)?;
    if !blocking.is_empty() {
        return Ok(Err(blocking));
    }
    let org = orgs::find(conn, &p.organization_id)?.ok_or(AppError::NotFound)?;
    let seq = model::next_seq(conn, &p.competition_id)?;
    let number = format!("{}-{seq:04}", f.rules.code);
    let docs = model::documents(conn, id)?;
    let bytes = canonical_json(&snapshot(&p, &f, &org, &number, now, &docs));
    let sha = sha256_hex(&bytes);
    let sub = Submission {
        seq,
        number: &number,
        snapshot: &bytes,
        sha256: &sha,
        user: &actor.user_id,
        now,
    };
    if model::set_submitted(conn, id, sub)? == 0 {
        return Err(AppError::Conflict("applications-already-submitted".into()));
    }
    let p = model::find(conn, id)?.ok_or(AppError::NotFound)?;
    trail(
        conn,
        now,
        actor,
        "applicant",
        "proposal.submitted",
        &p,
        json!({"registration_number": number, "receipt_sha256": sha}),
        false,
    )?;
    if let Some(user) = crate::accounts::model::find(conn, &actor.user_id)? {
        let data = json!({
            "name": user.name, "number": number, "title": p.title, "competition": f.competition.title_uk,
            "submitted_at": crate::web::format::kyiv_datetime(now), "sha256": sha,
            "path": format!("/proposals/{}/receipt", p.id),
        });
        let msg = OutgoingMail {
            to_address: user.email.clone(),
            to_name: Some(user.name.clone()),
            lang: user.lang(),
            template: "proposal-receipt",
            data,
        };
        mail::enqueue(conn, now, renderer, msg)?;
    }
    Ok(Ok(p))
}

/// Withdraws a submitted proposal before the deadline.
pub fn withdraw(
    conn: &mut AnyConnection,
    now: NaiveDateTime,
    actor: &Actor,
    id: &ProposalId,
) -> AppResult<()> {
    let p = access::load_own(conn, actor, id)?;
    let f = comp_service::frozen(conn, &p.competition_id)?;
    if p.state != state::SUBMITTED || !f.competition.accepting(now) {
        return Err(AppError::Conflict("applications-cannot-withdraw".into()));
    }
    if model::set_withdrawn(conn, id, now)? == 0 {
        return Err(AppError::Conflict("applications-cannot-withdraw".into()));
    }
    trail(
        conn,
        now,
        actor,
        "applicant",
        "proposal.withdrawn",
        &p,
        json!({"registration_number": p.registration_number}),
        false,
    )
}
