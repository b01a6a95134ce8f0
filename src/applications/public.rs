//! What is public about proposals: once the deadline has passed, the list
//! of lodged proposals (number, organization, title, requested amount,
//! receipt hash, time). Nothing else yet. Also the JSON API
//! `GET /api/v1/competitions/{id}/submissions` (documented in
//! `src/api/openapi/competitions.json`).

use chrono::NaiveDateTime;
use rocket::serde::json::Json;
use rocket::{get, State as Managed};
use serde_json::{json, Value};

use super::{model, orgs};
use crate::clock::Now;
use crate::competitions::{access, CompetitionId};
use crate::db::{AnyConnection, Db};
use crate::error::AppResult;
use crate::web::format::kyiv_rfc3339;

/// The public list (empty before the deadline or for a non-public call).
pub fn submissions(
    conn: &mut AnyConnection,
    id: &CompetitionId,
    now: NaiveDateTime,
) -> AppResult<Vec<Value>> {
    let c = access::load_public(conn, id)?;
    if c.closes_at.is_none_or(|d| now < d) {
        return Ok(vec![]);
    }
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
    Ok(out)
}

#[get("/api/v1/competitions/<id>/submissions")]
pub async fn api(id: CompetitionId, db: &Managed<Db>, now: Now) -> AppResult<Json<Value>> {
    let list = db.run(move |c| submissions(c, &id, now.0)).await?;
    Ok(Json(json!({"submissions": list})))
}
