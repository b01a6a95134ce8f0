//! Localized error pages (HTML) and JSON errors under /api/.

use rocket::http::{ContentType, Status};
use rocket::response::content::RawHtml;
use rocket::serde::json::Json;
use rocket::{catch, catchers, Catcher, Request};
use serde_json::{json, Value};

use super::context::base_context;
use super::lang::Lang;
use super::Web;
use crate::error::ErrorDetail;

pub fn all() -> Vec<Catcher> {
    catchers![default]
}

#[derive(rocket::Responder)]
pub enum ErrorBody {
    Html(RawHtml<String>),
    Json(Json<Value>),
    Plain((ContentType, String)),
    Redirect(rocket::response::Redirect),
}

#[catch(default)]
pub fn default(status: Status, req: &Request<'_>) -> (Status, ErrorBody) {
    let code = match status.code {
        400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 500 | 503 => status.code,
        c if c >= 500 => 500,
        _ => 400,
    };
    let detail = req.local_cache(ErrorDetail::default).0.clone();
    if req.uri().path().starts_with("/api/") {
        let body =
            json!({"error": {"status": status.code, "reason": status.reason(), "detail": detail}});
        return (status, ErrorBody::Json(Json(body)));
    }
    if status == Status::Unauthorized {
        // Pages that need an account send the visitor to sign in and back.
        let next = if req.method() == rocket::http::Method::Get {
            req.uri().to_string()
        } else {
            "/account".into()
        };
        let to = format!(
            "/login?next={}",
            rocket::http::RawStr::new(&next).percent_encode()
        );
        return (
            Status::SeeOther,
            ErrorBody::Redirect(rocket::response::Redirect::to(to)),
        );
    }
    let Some(web) = req.rocket().state::<Web>() else {
        return (
            status,
            ErrorBody::Plain((ContentType::Plain, status.to_string())),
        );
    };
    let lang = Lang::of_request(req);
    let mut ctx = base_context(req, web, lang);
    let message = detail.map(|key| super::context::message_text(&web.i18n, lang, &key));
    ctx.insert("status".into(), json!(status.code));
    ctx.insert("title_key".into(), json!(format!("error-{code}-title")));
    ctx.insert("body_key".into(), json!(format!("error-{code}-body")));
    ctx.insert("detail".into(), json!(message));
    match web.templates.render("errors/error", &ctx) {
        Ok(html) => (status, ErrorBody::Html(RawHtml(html))),
        Err(e) => {
            tracing::error!("error page failed to render: {e}");
            (
                status,
                ErrorBody::Plain((ContentType::Plain, status.to_string())),
            )
        }
    }
}
