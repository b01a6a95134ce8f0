//! File storage behind one trait: local files (default), S3-compatible object
//! storage, or memory (tests, demos). Keys are generated here, never taken
//! from user input; every write is atomic and hashed (SHA-256) while it
//! streams, and a size limit is enforced while streaming, so an oversized
//! upload is cut off early and leaves nothing behind.

pub mod key;
pub mod local;
pub mod memory;
pub mod s3;
mod settings;
mod stream;

use std::sync::Arc;

use tokio::io::AsyncRead;

pub use key::{InvalidKey, ObjectKey};
pub use local::LocalStorage;
pub use memory::MemoryStorage;
pub use s3::S3Storage;
pub use settings::{Secret, StorageBackend, StorageSettings};

use crate::config::{ConfigError, Settings};
use crate::error::AppError;

/// A readable object, streamed from the backend.
pub type ObjectReader = Box<dyn AsyncRead + Send + Unpin>;

/// What `put_stream` wrote: the generated key, the size in bytes and the
/// lowercase hex SHA-256 of the content (store both next to the key).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredObject {
    pub key: ObjectKey,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The stream had more than `limit` bytes; nothing was kept.
    #[error("the file is larger than the limit of {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("no stored object `{0}`")]
    NotFound(String),
    #[error(transparent)]
    InvalidKey(#[from] InvalidKey),
    /// Reading the incoming stream failed (e.g. the client went away).
    #[error("reading the upload: {0}")]
    Source(std::io::Error),
    #[error("storage i/o: {0}")]
    Io(#[from] std::io::Error),
    #[error("storage backend: {0}")]
    Backend(String),
}

impl StorageError {
    /// The Fluent message for the uploader, when the error is theirs to fix.
    /// `files-too-large` takes `$limit_mb` (see [`StorageError::limit_mb`]).
    pub fn message_key(&self) -> Option<&'static str> {
        match self {
            StorageError::TooLarge { .. } => Some("files-too-large"),
            _ => None,
        }
    }

    /// The limit in megabytes (MiB, one decimal) for `files-too-large`.
    pub fn limit_mb(&self) -> Option<f64> {
        match self {
            StorageError::TooLarge { limit } => {
                Some((*limit as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0)
            }
            _ => None,
        }
    }
}

/// The largest file Rocket itself accepts in a multipart form (bytes): the
/// smaller of its `file` and `data-form` limits.
pub fn server_upload_limit(limits: &rocket::data::Limits) -> u64 {
    [limits.get("file"), limits.get("data-form")]
        .into_iter()
        .flatten()
        .map(|b| b.as_u64())
        .min()
        .unwrap_or(0)
}

impl From<StorageError> for AppError {
    fn from(e: StorageError) -> Self {
        match e {
            // Error pages translate without arguments, hence the generic text.
            StorageError::TooLarge { .. } => {
                AppError::Unprocessable("files-too-large-generic".into())
            }
            StorageError::NotFound(_) => AppError::NotFound,
            StorageError::Source(_) => AppError::Unprocessable("files-upload-broken".into()),
            StorageError::Backend(m) => AppError::Unavailable(m),
            e @ (StorageError::InvalidKey(_) | StorageError::Io(_)) => {
                AppError::Internal(e.to_string())
            }
        }
    }
}

/// Where uploaded files live. Object-safe: the app keeps an
/// `Arc<dyn Storage>` in managed state.
#[rocket::async_trait]
pub trait Storage: Send + Sync {
    /// Streams `reader` into a new object under a fresh generated key,
    /// hashing it on the way. More than `max_bytes` bytes →
    /// `StorageError::TooLarge` and nothing is left behind. The object
    /// appears all at once or not at all.
    async fn put_stream(
        &self,
        reader: &mut (dyn AsyncRead + Send + Unpin),
        max_bytes: u64,
    ) -> Result<StoredObject, StorageError>;

    /// Streams an object's content.
    async fn open(&self, key: &ObjectKey) -> Result<ObjectReader, StorageError>;

    /// Reads a whole object into memory (small files; prefer `open`).
    async fn get(&self, key: &ObjectKey) -> Result<Vec<u8>, StorageError> {
        use tokio::io::AsyncReadExt;
        let mut reader = self.open(key).await?;
        let mut buf = Vec::new();
        reader.read_to_end(&mut buf).await?;
        Ok(buf)
    }

    /// Removes an object; removing a missing one is not an error.
    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError>;

    async fn exists(&self, key: &ObjectKey) -> Result<bool, StorageError>;

    /// `local`, `s3` or `memory` (for logs and the health page).
    fn backend_name(&self) -> &'static str;
}

/// Builds the backend the settings name (called once, in `app::build`).
pub fn from_settings(settings: &Settings) -> Result<Arc<dyn Storage>, ConfigError> {
    let s = &settings.storage;
    Ok(match s.storage_backend {
        StorageBackend::Memory => Arc::new(MemoryStorage::new()),
        StorageBackend::Local => {
            let path = settings.data_dir.join("files");
            let storage =
                LocalStorage::new(&path).map_err(|source| ConfigError::DataDir { path, source })?;
            Arc::new(storage)
        }
        StorageBackend::S3 => {
            let path = settings.data_dir.join("tmp").join("s3-spool");
            let storage = S3Storage::new(&s.s3_config()?, path.clone()).map_err(|e| match e {
                StorageError::Io(source) => ConfigError::DataDir { path, source },
                e => ConfigError::Invalid {
                    key: "storage_backend",
                    message: format!("the S3 client could not be set up: {e}"),
                },
            })?;
            Arc::new(storage)
        }
    })
}
