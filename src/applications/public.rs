//! What is public about proposals: once the deadline has passed, the list
//! of lodged proposals (number, organization, title, requested amount,
//! receipt hash, time). Nothing else yet. Also the JSON API
//! `GET /api/v1/competitions/{id}/submissions` (documented in
//! `src/api/openapi/competitions.json`).
//!
//! A competition cancelled *after* its deadline keeps its list: who lodged
//! what by the deadline is already a public fact (each applicant holds a
//! receipt), and a cancellation must not erase it. The cancellation and its
//! reason are shown with the list. A competition cancelled *before* its
//! deadline never reached it: its list never becomes public.

use chrono::NaiveDateTime;
use rocket::serde::json::Json;
use rocket::{get, State as Managed};

use crate::web::{PageCtx, PageResponse};
use serde_json::{json, Value};

use super::{model, orgs};
use crate::clock::Now;
use crate::competitions::{access, CompetitionId, State};
use crate::db::{AnyConnection, Db};
use crate::error::AppResult;
use crate::web::format::kyiv_rfc3339;

/// The public list and, if the competition was cancelled after its
/// deadline, the cancellation (`{"reason", "at"}`).
pub struct PublicList {
    pub submissions: Vec<Value>,
    pub cancelled: Option<Value>,
}

/// The public list (empty before the deadline, for a non-public call, or for
/// a call cancelled before its deadline).
pub fn submissions(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> AppResult<PublicList> {
    let c = access::load_public(conn, id)?;
    let empty = PublicList {
        submissions: vec![],
        cancelled: None,
    };
    let Some(deadline) = c.closes_at.filter(|d| *d <= now) else {
        return Ok(empty);
    };
    let cancelled = if c.state == State::Cancelled {
        if c.state_changed_at < deadline {
            return Ok(empty);
        }
        Some(json!({"reason": c.cancel_reason, "at": kyiv_rfc3339(c.state_changed_at)}))
    } else {
        None
    };
    let mut out = vec![];
    for p in model::lodged(conn, id)? {
        let org = orgs::find(conn, &p.organization_id)?;
        let requested = p
            .snapshot_json
            .as_deref()
            .and_then(|s| serde_json::from_str::<Value>(s).ok())
            .and_then(|v| v["budget"]["requested_kopiyky"].as_i64());
        out.push(json!({
            "registration_number": p.registration_number,
            "edrpou": org.as_ref().map(|o| o.edrpou.clone()),
            "organization": org.as_ref().map(|o| o.full_name.clone()),
            "title": p.title,
            "requested": requested,
            "receipt_sha256": p.receipt_sha256,
            "submitted_at": p.submitted_at.map(kyiv_rfc3339),
        }));
    }
    Ok(PublicList {
        submissions: out,
        cancelled,
    })
}

#[get("/api/v1/competitions/<id>/submissions")]
pub async fn api(id: CompetitionId, db: &Managed<Db>, now: Now) -> AppResult<Json<Value>> {
    let list = db.run(move |c| submissions(c, &id, now.0)).await?;
    Ok(Json(
        json!({"submissions": list.submissions, "cancelled": list.cancelled}),
    ))
}

#[get("/competitions/<id>/submissions")]
pub async fn page(
    page: PageCtx<'_>,
    id: CompetitionId,
    db: &Managed<Db>,
    now: Now,
) -> AppResult<PageResponse> {
    let key = id.clone();
    let (title, list) = db
        .run(move |c| {
            let t = access::load_public(c, &key)?.title_uk;
            Ok((t, submissions(c, &key, now.0)?))
        })
        .await?;
    let rows: Vec<_> = list
        .submissions
        .into_iter()
        .map(|mut r| {
            r["requested_text"] = json!(r["requested"]
                .as_i64()
                .map(|k| crate::web::format::money(k, page.lang)));
            r
        })
        .collect();
    let cancelled = list.cancelled.map(|c| json!({"reason": c["reason"]}));
    Ok(PageResponse::ok(page.render(
        "applications/public",
        json!({"id": id, "title": title, "rows": rows, "cancelled": cancelled}),
    )?))
}
