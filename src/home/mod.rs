//! The home page and the health check.

use std::time::Duration;

use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::serde::json::Json;
use rocket::{get, routes, Route, State};
use serde_json::{json, Value};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::web::PageCtx;

pub fn routes() -> Vec<Route> {
    routes![index, healthz, fallback_get, fallback_post]
}

#[get("/")]
fn index(page: PageCtx<'_>) -> AppResult<RawHtml<String>> {
    page.render("home/index", json!({}))
}

/// 200 when the database answers, 503 when it does not (for load balancers).
#[get("/healthz")]
async fn healthz(db: &State<Db>) -> (Status, Json<Value>) {
    match db.ping(Duration::from_secs(2)).await {
        Ok(()) => (
            Status::Ok,
            Json(json!({"status": "ok", "database": db.backend()})),
        ),
        Err(e) => {
            tracing::warn!("health check: database unavailable: {e}");
            (
                Status::ServiceUnavailable,
                Json(json!({"status": "unavailable", "database": db.backend()})),
            )
        }
    }
}

/// Lowest-rank routes: a request whose typed ID did not parse is forwarded
/// here by Rocket (with 422); it is a 404 like any unknown address.
#[get("/<_..>", rank = 1000)]
fn fallback_get() -> AppError {
    AppError::NotFound
}

#[rocket::post("/<_..>", rank = 1000)]
fn fallback_post() -> AppError {
    AppError::NotFound
}
