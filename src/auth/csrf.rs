//! CSRF protection: a random token in a private (encrypted) cookie must come
//! back in the `csrf_token` field of every state-changing form. A form
//! without a valid token is refused with 403 before its handler runs.

use rocket::data::{self, Data, FromData};
use rocket::form::{Form, FromForm};
use rocket::http::{Cookie, SameSite, Status};
use rocket::outcome::Outcome;
use rocket::request::Request;

use super::secret::{random_token, same};
use crate::error::{AppError, ErrorDetail};

pub const COOKIE: &str = "csrf";
pub const FIELD: &str = "csrf_token";

struct CachedToken(String);

/// The request's CSRF token, created (and set as a cookie) if missing.
pub fn token(req: &Request<'_>) -> String {
    req.local_cache(|| {
        if let Some(c) = req.cookies().get_private(COOKIE) {
            return CachedToken(c.value().to_string());
        }
        let token = random_token();
        let cookie = Cookie::build((COOKIE, token.clone()))
            .path("/")
            .same_site(SameSite::Lax)
            .http_only(true);
        req.cookies().add_private(cookie);
        CachedToken(token)
    })
    .0
    .clone()
}

/// Forgets the token (after login, so a planted token cannot be reused).
pub fn rotate(req: &Request<'_>) {
    req.cookies().remove_private(COOKIE);
}

/// Forms that carry the token.
pub trait HasCsrf {
    fn csrf_token(&self) -> &str;
}

/// Implements [`HasCsrf`] for form structs with a `csrf_token` field.
#[macro_export]
macro_rules! has_csrf {
    ($($t:ty),+ $(,)?) => {
        $(impl $crate::auth::csrf::HasCsrf for $t {
            fn csrf_token(&self) -> &str { &self.csrf_token }
        })+
    };
}

/// A form with nothing but the token (logout, one-button actions).
#[derive(Debug, FromForm)]
pub struct TokenOnly {
    pub csrf_token: String,
}
has_csrf!(TokenOnly);

/// A form (URL-encoded or multipart) whose CSRF token was checked.
pub struct CsrfForm<T>(pub T);

impl<T> std::ops::Deref for CsrfForm<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn refuse<'r, T>(req: &'r Request<'_>) -> data::Outcome<'r, T, AppError> {
    req.local_cache(|| ErrorDetail(Some("csrf-invalid".into())));
    Outcome::Error((Status::Forbidden, AppError::Forbidden))
}

#[rocket::async_trait]
impl<'r, T: FromForm<'r> + HasCsrf + Send + 'r> FromData<'r> for CsrfForm<T> {
    type Error = AppError;

    async fn from_data(req: &'r Request<'_>, data: Data<'r>) -> data::Outcome<'r, Self> {
        let Some(expected) = req
            .cookies()
            .get_private(COOKIE)
            .map(|c| c.value().to_string())
        else {
            return refuse(req);
        };
        match Form::<T>::from_data(req, data).await {
            Outcome::Success(form) if same(&expected, form.csrf_token()) => {
                Outcome::Success(CsrfForm(form.into_inner()))
            }
            Outcome::Success(_) => refuse(req),
            Outcome::Error((status, errors)) => {
                tracing::debug!("form did not parse: {errors}");
                let multipart = req.content_type().is_some_and(|c| c.is_form_data());
                if multipart && errors.iter().any(|e| e.status() == Status::PayloadTooLarge) {
                    // An upload over Rocket's own limits: say which.
                    let limit = crate::storage::server_upload_limit(req.limits());
                    let mb = crate::storage::StorageError::TooLarge { limit }
                        .limit_mb()
                        .unwrap_or(0.0);
                    let key = format!("files-too-large?limit_mb={mb}");
                    req.local_cache(|| ErrorDetail(Some(key)));
                    let e = AppError::Unprocessable("files-too-large-generic".into());
                    return Outcome::Error((Status::PayloadTooLarge, e));
                }
                Outcome::Error((status, AppError::Unprocessable("error-422-body".into())))
            }
            Outcome::Forward(f) => Outcome::Forward(f),
        }
    }
}
