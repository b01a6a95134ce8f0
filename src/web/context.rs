//! The page context every handler renders with: language, flash message,
//! language-switch link and asset version, merged with the page's own data.

use rocket::http::{RawStr, Status};
use rocket::request::{FlashMessage, FromRequest, Outcome, Request};
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::lang::{switch_url, Lang};
use super::Web;
use crate::auth::csrf;
use crate::auth::guards::{MaybeUser, Viewer};
use crate::error::{AppError, AppResult};
use crate::web::forms::FieldErrors;

/// Request guard for handlers that render pages.
pub struct PageCtx<'r> {
    pub lang: Lang,
    pub viewer: Option<Viewer>,
    pub web: &'r Web,
    base: Map<String, Value>,
}

#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FlashKind {
    Success,
    Error,
    Info,
}

impl FlashKind {
    fn as_str(self) -> &'static str {
        match self {
            FlashKind::Success => "success",
            FlashKind::Error => "error",
            FlashKind::Info => "info",
        }
    }
}

/// A handler's answer: a page (with its status) or a redirect with a flash.
#[derive(rocket::Responder)]
pub enum PageResponse {
    Page((Status, RawHtml<String>)),
    Redirect(Flash<Redirect>),
    Plain(Redirect),
}

impl PageResponse {
    pub fn ok(html: RawHtml<String>) -> Self {
        PageResponse::Page((Status::Ok, html))
    }
}

/// Post-redirect-get: redirect with a flash message given as a Fluent key.
pub fn redirect_with(to: impl Into<String>, kind: FlashKind, key: &str) -> Flash<Redirect> {
    Flash::new(Redirect::to(to.into()), kind.as_str(), key)
}

/// The usual answer to a state change: success → `to` with `ok_key`; a
/// refusal (`AppError::Conflict`) → `to` with its reason; anything else
/// stays an error (its own page and status).
pub fn back_to<T>(
    to: impl Into<String>,
    result: AppResult<T>,
    ok_key: &str,
) -> AppResult<PageResponse> {
    let (kind, key) = match result {
        Ok(_) => (FlashKind::Success, ok_key.to_string()),
        Err(AppError::Conflict(key)) => (FlashKind::Error, key),
        Err(e) => return Err(e),
    };
    Ok(PageResponse::Redirect(redirect_with(to, kind, &key)))
}

/// Post-redirect-get with a message that takes arguments (e.g. a limit):
/// they travel in the flash cookie as `key?name=value&…`, percent-encoded.
pub fn redirect_with_args(
    to: impl Into<String>,
    kind: FlashKind,
    key: &str,
    args: &[(&str, String)],
) -> Flash<Redirect> {
    let query: Vec<String> = args
        .iter()
        .map(|(k, v)| format!("{k}={}", RawStr::new(v).percent_encode()))
        .collect();
    Flash::new(
        Redirect::to(to.into()),
        kind.as_str(),
        format!("{key}?{}", query.join("&")),
    )
}

/// A message given as `key` or `key?name=value&…` (see
/// [`redirect_with_args`]), translated with its arguments; numbers are
/// passed to Fluent as numbers.
pub fn message_text(i18n: &crate::web::i18n::I18n, lang: Lang, message: &str) -> String {
    let Some((key, query)) = message.split_once('?') else {
        return i18n.t(lang, message, None);
    };
    let mut args = fluent_bundle::FluentArgs::new();
    for (k, v) in query.split('&').filter_map(|p| p.split_once('=')) {
        let v = RawStr::new(v).percent_decode_lossy().into_owned();
        match v.parse::<f64>() {
            Ok(n) => args.set(k.to_string(), n),
            Err(_) => args.set(k.to_string(), v),
        }
    }
    i18n.t(lang, key, Some(&args))
}

/// The fields every page has, from what can be read synchronously.
pub fn base_context(req: &Request<'_>, web: &Web, lang: Lang) -> Map<String, Value> {
    let other = lang.other();
    let mut m = Map::new();
    m.insert("lang".into(), json!(lang.code()));
    m.insert(
        "lang_switch".into(),
        json!({"code": other.code(), "label": other.native_name(), "url": switch_url(req, other)}),
    );
    m.insert("asset_version".into(), json!(web.asset_version));
    m.insert("current_path".into(), json!(req.uri().path().as_str()));
    m.insert("flash".into(), Value::Null);
    m.insert("user".into(), Value::Null);
    m.insert("csrf_token".into(), json!(""));
    m.insert("errors".into(), json!({}));
    m.insert("error_list".into(), json!([]));
    m
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for PageCtx<'r> {
    type Error = AppError;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(web) = req.rocket().state::<Web>() else {
            return Outcome::Error((
                rocket::http::Status::InternalServerError,
                AppError::internal("no web state"),
            ));
        };
        let lang = Lang::of_request(req);
        let mut base = base_context(req, web, lang);
        if let Outcome::Success(Some(flash)) = req.guard::<Option<FlashMessage<'_>>>().await {
            let text = message_text(&web.i18n, lang, flash.message());
            base.insert(
                "flash".into(),
                json!({"kind": flash.kind(), "message": text}),
            );
        }
        base.insert("csrf_token".into(), json!(csrf::token(req)));
        let MaybeUser(viewer) = match req.guard::<MaybeUser>().await {
            Outcome::Success(u) => u,
            _ => MaybeUser(None),
        };
        if let Some(v) = &viewer {
            base.insert(
                "user".into(),
                json!({"name": v.user.name, "email": v.user.email, "verified": v.user.is_verified(),
                       "is_admin": v.is_admin(), "is_organizer": v.is_organizer()}),
            );
        }
        Outcome::Success(PageCtx {
            lang,
            viewer,
            web,
            base,
        })
    }
}

impl PageCtx<'_> {
    /// Sets a base field (used by guards layered on top: user, CSRF token).
    pub fn set(&mut self, key: &str, value: Value) {
        self.base.insert(key.into(), value);
    }

    pub fn t(&self, key: &str) -> String {
        self.web.i18n.t(self.lang, key, None)
    }

    /// Renders a form page again with its errors (422), keeping the input
    /// that `data` carries.
    pub fn render_invalid(
        &self,
        template: &str,
        data: impl Serialize,
        errors: &FieldErrors,
    ) -> AppResult<PageResponse> {
        let mut page = serde_json::to_value(data).map_err(|e| AppError::internal(e.to_string()))?;
        if let (Value::Object(p), Value::Object(e)) =
            (&mut page, errors.to_context(&self.web.i18n, self.lang))
        {
            p.extend(e);
        }
        Ok(PageResponse::Page((
            Status::UnprocessableEntity,
            self.render(template, page)?,
        )))
    }

    /// Renders `template` with the base context and `data`'s fields.
    pub fn render(&self, template: &str, data: impl Serialize) -> AppResult<RawHtml<String>> {
        let mut ctx = self.base.clone();
        match serde_json::to_value(data).map_err(|e| AppError::internal(e.to_string()))? {
            Value::Object(fields) => ctx.extend(fields),
            Value::Null => {}
            _ => return Err(AppError::internal("page data must be an object")),
        }
        Ok(RawHtml(self.web.templates.render(template, &ctx)?))
    }
}
