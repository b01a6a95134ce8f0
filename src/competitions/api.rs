//! The read-only JSON API, version 1. Field names are a promise to other
//! programs: add fields if needed, never rename or remove them. Documented
//! in `src/api/openapi/competitions.json`.

use rocket::serde::json::Json;
use rocket::{get, State as Managed};
use serde_json::{json, Value};

use super::ids::CompetitionId;
use super::model::{self, Competition};
use super::{service, views};
use crate::clock::Now;
use crate::config::Settings;
use crate::db::Db;
use crate::error::AppResult;
use crate::web::format::kyiv_rfc3339;

fn instant(t: Option<chrono::NaiveDateTime>) -> Value {
    t.map(kyiv_rfc3339)
        .map(Value::String)
        .unwrap_or(Value::Null)
}

fn url(base: &str, c: &Competition) -> String {
    format!("{base}/competitions/{}", c.id)
}

/// The fields every listing shows.
pub fn list_item(base: &str, c: &Competition) -> Value {
    json!({
        "id": c.id,
        "title": c.title_uk,
        "status": c.state.as_str(),
        "opens_at": instant(c.opens_at),
        "closes_at": instant(c.closes_at),
        "rules_sha256": c.rules_sha256,
        "url": url(base, c),
    })
}

/// Every competition that is not a draft, newest announcement first.
#[get("/api/v1/competitions")]
pub async fn list(db: &Managed<Db>, settings: &Managed<Settings>) -> AppResult<Json<Value>> {
    let rows = db
        .run(|c| Ok(model::list_public(c, None, "", 0, i64::MAX)?.0))
        .await?;
    let base = settings.base_url();
    let items: Vec<_> = rows.iter().map(|c| list_item(base, c)).collect();
    Ok(Json(json!({"competitions": items})))
}

#[get("/api/v1/competitions/<id>")]
pub async fn show(
    id: CompetitionId,
    db: &Managed<Db>,
    settings: &Managed<Settings>,
    now: Now,
) -> AppResult<Json<Value>> {
    let (frozen, amendments, history) = db
        .run(move |c| {
            Ok((
                service::frozen(c, &id)?,
                model::amendments(c, &id)?,
                model::transitions(c, &id)?,
            ))
        })
        .await?;
    let (c, base) = (&frozen.competition, settings.base_url());
    let rules: Value = serde_json::from_str(&frozen.rules_json)
        .map_err(|e| crate::error::AppError::internal(e.to_string()))?;
    let mut v = list_item(base, c);
    let extra = json!({
        "code": c.code,
        "title_en": frozen.rules.title.en,
        "description": frozen.rules.description.uk,
        "description_en": frozen.rules.description.en,
        "announced_at": instant(c.announced_at),
        "accepting_proposals": c.accepting(now.0),
        "currency": "UAH",
        "fund_kopiyky": c.fund_kopiyky,
        "cap_per_proposal_kopiyky": c.cap_kopiyky,
        "cancel_reason": c.cancel_reason,
        "rules_url": format!("{base}/competitions/{}/rules.json", c.id),
        "rules": rules,
        "amendments": amendments.iter().map(|(a, who)| views::amendment_api(a, who)).collect::<Vec<_>>(),
        "history": history.iter().map(|t| json!({"from": t.from_state.as_str(), "to": t.to_state.as_str(), "at": kyiv_rfc3339(t.created_at), "reason": t.reason})).collect::<Vec<_>>(),
    });
    if let (Value::Object(v), Value::Object(extra)) = (&mut v, extra) {
        v.extend(extra);
    }
    Ok(Json(v))
}
