//! The machine-readable results, each behind the embargo
//! ([`super::access::published`]): the frozen results document as exact
//! bytes, the JSON API, the whole-funnel file, the 360Giving packages and
//! the CSV files (columns documented in docs/open-data.md).

use rocket::http::{ContentType, Header};
use rocket::serde::json::Json;
use rocket::{get, State as Managed};
use serde_json::{json, Value};

use super::access::{self, Published};
use super::{funnel, giving, tables};
use crate::competitions::CompetitionId;
use crate::config::Settings;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// A download: body, file name and (for the results) the SHA-256 header.
#[derive(rocket::Responder)]
pub struct Download {
    body: (ContentType, Vec<u8>),
    disposition: Header<'static>,
    digest: Header<'static>,
}

impl Download {
    fn new(kind: ContentType, body: Vec<u8>, name: String, sha256: Option<&str>) -> Download {
        Download {
            body: (kind, body),
            disposition: Header::new(
                "Content-Disposition",
                format!("inline; filename=\"{name}\""),
            ),
            digest: Header::new("X-Results-SHA256", sha256.unwrap_or("").to_string()),
        }
    }
}

async fn load(db: &Db, id: CompetitionId) -> AppResult<Published> {
    db.run(move |c| access::published(c, &id)).await
}

/// The frozen results document, byte for byte as hashed.
#[get("/competitions/<id>/results.json")]
pub async fn results_json(id: CompetitionId, db: &Managed<Db>) -> AppResult<Download> {
    let p = load(db, id).await?;
    let name = format!("konkurs-{}-results.json", p.code());
    Ok(Download::new(
        ContentType::JSON,
        p.bytes.clone().into_bytes(),
        name,
        Some(&p.sha256),
    ))
}

/// `{"results_sha256", "rules_sha256", "results": {…}}`.
#[get("/api/v1/competitions/<id>/results")]
pub async fn api_results(id: CompetitionId, db: &Managed<Db>) -> AppResult<Json<Value>> {
    let p = load(db, id).await?;
    let results: Value =
        serde_json::from_str(&p.bytes).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(Json(json!({
        "results_sha256": p.sha256,
        "rules_sha256": p.frozen.competition.rules_sha256,
        "results": results,
    })))
}

/// Every evaluated proposal with its scores and outcome (the whole funnel).
#[get("/competitions/<id>/funnel.json")]
pub async fn funnel_json(
    id: CompetitionId,
    db: &Managed<Db>,
    settings: &Managed<Settings>,
) -> AppResult<Json<Value>> {
    let p = load(db, id).await?;
    Ok(Json(funnel::document(&p, settings.base_url())))
}

#[get("/competitions/<id>/360giving.json")]
pub async fn giving_one(
    id: CompetitionId,
    db: &Managed<Db>,
    settings: &Managed<Settings>,
) -> AppResult<Json<Value>> {
    let p = load(db, id).await?;
    Ok(Json(giving::package(
        std::slice::from_ref(&p),
        settings,
        Some(&p),
    )))
}

/// Every published competition in one package.
#[get("/open-data/360giving.json")]
pub async fn giving_all(db: &Managed<Db>, settings: &Managed<Settings>) -> AppResult<Json<Value>> {
    let all = db.run(access::all_published).await?;
    Ok(Json(giving::package(&all, settings, None)))
}

#[get("/competitions/<id>/proposals.csv")]
pub async fn proposals_csv(id: CompetitionId, db: &Managed<Db>) -> AppResult<Download> {
    let p = load(db, id).await?;
    let body = tables::proposals(&p)?;
    let name = format!("konkurs-{}-proposals.csv", p.code());
    Ok(Download::new(csv_type(), body, name, Some(&p.sha256)))
}

#[get("/competitions/<id>/scores.csv")]
pub async fn scores_csv(id: CompetitionId, db: &Managed<Db>) -> AppResult<Download> {
    let p = load(db, id).await?;
    let body = tables::scores(&p)?;
    let name = format!("konkurs-{}-scores.csv", p.code());
    Ok(Download::new(csv_type(), body, name, Some(&p.sha256)))
}

fn csv_type() -> ContentType {
    ContentType::new("text", "csv").with_params(("charset", "utf-8"))
}
