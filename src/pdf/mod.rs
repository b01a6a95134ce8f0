//! Checking uploaded PDFs and reading their text, isolated from the server.
//!
//! pdf-extract and lopdf panic, loop or allocate gigabytes on hostile input,
//! and a thread cannot be killed, so each file is read by a child process:
//! the same binary run as `konkurs pdf-inspect` (hidden command). The child
//! limits its own address space and CPU time (`setrlimit`) before it reads
//! the file; the parent adds a wall-clock timeout, kills the child on
//! timeout, and maps every outcome to a [`PdfError`] with a message the
//! uploader can act on. Cheap checks (empty file, `%PDF-` magic) run before
//! any process is spawned. [`PdfInspector`] (managed state) also caps how
//! many workers run at once, so a burst of uploads cannot exhaust memory.

pub mod extract;
mod repair;
mod settings;
mod spawn;
pub mod worker;

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio::sync::Semaphore;

pub use settings::PdfSettings;
pub use spawn::inspect;

use crate::config::{ConfigError, Settings};
use crate::error::AppError;

/// Text kept for search, in characters (the count is of the whole text).
pub const DEFAULT_MAX_TEXT_CHARS: usize = 200_000;

/// What a readable PDF holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PdfInfo {
    pub pages: u32,
    /// Characters of text in the whole document (whitespace collapsed);
    /// 0 for a scan without a text layer.
    pub text_chars: u64,
    /// The text, cut to `PdfLimits::max_text_chars` characters.
    pub text: String,
    pub text_truncated: bool,
    /// False when the file is sound but the text of some page could not be
    /// read (`text` holds the rest). Such a file is accepted; it is just not
    /// fully searchable.
    pub text_extracted: bool,
}

/// Why a file is refused (all but `Internal` are the uploader's to fix).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not a PDF")]
    NotPdf,
    #[error("the PDF needs a password to open")]
    Encrypted,
    #[error("the PDF is damaged: {0}")]
    Corrupt(String),
    #[error("reading the PDF took too long")]
    Timeout,
    #[error("the PDF needs too much memory to read")]
    TooComplex,
    /// The worker could not be run (not the file's fault).
    #[error("PDF check failed: {0}")]
    Internal(String),
}

impl PdfError {
    /// The Fluent message for the uploader (`locales/*/files.ftl`).
    pub fn message_key(&self) -> Option<&'static str> {
        Some(match self {
            PdfError::Empty => "files-empty",
            PdfError::NotPdf => "files-not-pdf",
            PdfError::Encrypted => "files-encrypted",
            PdfError::Corrupt(_) => "files-corrupt",
            PdfError::Timeout => "files-timeout",
            PdfError::TooComplex => "files-too-complex",
            PdfError::Internal(_) => return None,
        })
    }
}

impl From<PdfError> for AppError {
    fn from(e: PdfError) -> Self {
        match e.message_key() {
            Some(key) => AppError::Unprocessable(key.into()),
            None => AppError::Internal(e.to_string()),
        }
    }
}

/// A file on disk or bytes in memory.
#[derive(Debug, Clone, Copy)]
pub enum PdfInput<'a> {
    Path(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> From<&'a Path> for PdfInput<'a> {
    fn from(p: &'a Path) -> Self {
        PdfInput::Path(p)
    }
}
impl<'a> From<&'a PathBuf> for PdfInput<'a> {
    fn from(p: &'a PathBuf) -> Self {
        PdfInput::Path(p)
    }
}
impl<'a> From<&'a [u8]> for PdfInput<'a> {
    fn from(b: &'a [u8]) -> Self {
        PdfInput::Bytes(b)
    }
}
impl<'a> From<&'a Vec<u8>> for PdfInput<'a> {
    fn from(b: &'a Vec<u8>) -> Self {
        PdfInput::Bytes(b)
    }
}

#[derive(Debug, Clone)]
pub struct PdfLimits {
    /// The konkurs binary to run as `pdf-inspect`.
    pub worker_exe: PathBuf,
    pub max_memory_mb: u64,
    pub timeout: Duration,
    pub max_text_chars: usize,
}

impl PdfLimits {
    pub fn from_settings(settings: &Settings) -> Result<PdfLimits, ConfigError> {
        let pdf = &settings.pdf;
        Ok(PdfLimits {
            worker_exe: pdf.worker_exe()?,
            max_memory_mb: pdf.pdf_max_memory_mb,
            timeout: Duration::from_secs(pdf.pdf_timeout_seconds),
            max_text_chars: DEFAULT_MAX_TEXT_CHARS,
        })
    }
}

/// Managed state: the limits plus a cap on concurrent workers.
pub struct PdfInspector {
    limits: PdfLimits,
    slots: Semaphore,
}

impl PdfInspector {
    pub fn new(limits: PdfLimits, max_workers: usize) -> PdfInspector {
        PdfInspector {
            limits,
            slots: Semaphore::new(max_workers.max(1)),
        }
    }

    pub fn from_settings(settings: &Settings) -> Result<PdfInspector, ConfigError> {
        Ok(Self::new(
            PdfLimits::from_settings(settings)?,
            settings.pdf.pdf_max_workers,
        ))
    }

    pub fn limits(&self) -> &PdfLimits {
        &self.limits
    }

    /// Like [`inspect`], waiting for a free worker slot first.
    pub async fn inspect(&self, input: impl Into<PdfInput<'_>>) -> Result<PdfInfo, PdfError> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|e| PdfError::Internal(e.to_string()))?;
        inspect(input, &self.limits).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::StorageError;
    use crate::web::i18n::I18n;
    use crate::web::lang::Lang;

    #[test]
    fn every_refusal_has_a_message_in_both_languages() {
        let i18n = I18n::load().unwrap();
        let mut keys: Vec<&str> = [
            PdfError::Empty,
            PdfError::NotPdf,
            PdfError::Encrypted,
            PdfError::Corrupt(String::new()),
            PdfError::Timeout,
            PdfError::TooComplex,
        ]
        .iter()
        .map(|e| e.message_key().unwrap())
        .collect();
        keys.push(StorageError::TooLarge { limit: 1 }.message_key().unwrap());
        keys.extend(["files-too-large-generic", "files-upload-broken"]);
        for lang in Lang::ALL {
            for key in &keys {
                assert!(i18n.has(lang, key), "{key} missing in {}", lang.code());
            }
        }
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("limit_mb", 20.0);
        assert!(i18n
            .t(Lang::Uk, "files-too-large", Some(&args))
            .starts_with("Файл більший за 20 МБ."));
        assert_eq!(PdfError::Internal("x".into()).message_key(), None);
    }
}
