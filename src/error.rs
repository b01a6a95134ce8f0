//! One error type for request paths. It carries its HTTP status; a database
//! error is logged and shown as a friendly 500 page, never a panic.

use rocket::http::Status;
use rocket::request::Request;
use rocket::response::{self, Responder};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    /// The request is understood but refused by a rule; the message key is
    /// shown to the user.
    #[error("unprocessable: {0}")]
    Unprocessable(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    pub fn status(&self) -> Status {
        match self {
            AppError::NotFound => Status::NotFound,
            AppError::Unauthorized => Status::Unauthorized,
            AppError::Forbidden => Status::Forbidden,
            AppError::Unprocessable(_) => Status::UnprocessableEntity,
            AppError::Conflict(_) => Status::Conflict,
            AppError::Unavailable(_) => Status::ServiceUnavailable,
            AppError::Database(diesel::result::Error::NotFound) => Status::NotFound,
            AppError::Database(_) | AppError::Internal(_) => Status::InternalServerError,
        }
    }

    pub fn internal(msg: impl Into<String>) -> Self {
        AppError::Internal(msg.into())
    }

    pub fn unavailable(msg: impl Into<String>) -> Self {
        AppError::Unavailable(msg.into())
    }

    /// A user-facing message key (Fluent id) for the error page, when the
    /// error has something more specific to say than its status.
    pub fn message_key(&self) -> Option<&str> {
        match self {
            AppError::Unprocessable(key) | AppError::Conflict(key) => Some(key),
            _ => None,
        }
    }
}

/// What the error catcher shows beyond the status (kept in the request's
/// local cache by the responder).
#[derive(Debug, Default, Clone)]
pub struct ErrorDetail(pub Option<String>);

impl<'r> Responder<'r, 'static> for AppError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        let status = self.status();
        if status.code >= 500 {
            tracing::error!(method = %req.method(), uri = %req.uri(), "{self}");
        } else {
            tracing::debug!(method = %req.method(), uri = %req.uri(), "{self}");
        }
        let detail = self.message_key().map(str::to_string);
        req.local_cache(|| ErrorDetail(detail));
        // The catcher for this status renders the localized page.
        Err(status)
    }
}

impl From<r2d2::Error> for AppError {
    fn from(e: r2d2::Error) -> Self {
        AppError::Unavailable(e.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;
