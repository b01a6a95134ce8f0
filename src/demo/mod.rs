//! `konkurs demo`: seeds a realistic Ukrainian demo into the configured
//! database through the same services the web pages use (so every rule,
//! hash and audit entry is real): one published competition, one in review,
//! one open for applications, one announced with an amendment.

pub mod call;
pub mod data;
pub mod env;
pub mod jury;
pub mod pdf;
pub mod story;
pub mod verdict;

pub use env::Env;
pub use story::{seed, Report};

use crate::error::AppError;
use crate::web::forms::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    App(#[from] AppError),
}

impl DemoError {
    /// A service refused demo input: names the step and the fields.
    pub fn refused(step: &str, errors: &FieldErrors) -> DemoError {
        let fields: Vec<String> = errors.keys().map(|(f, k)| format!("{f}: {k}")).collect();
        DemoError::Refused(format!("{step} refused: {}", fields.join(", ")))
    }
}
