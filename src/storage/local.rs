//! Files under a root directory (default `<data_dir>/files/`). A write goes
//! to `<root>/.tmp/<uuid>.part` (same filesystem), is fsynced, then renamed
//! into place, so a reader sees the whole file or none; any failure or a
//! limit breach removes the temp file.

use std::path::{Path, PathBuf};

use tokio::io::AsyncRead;

use super::stream::{copy_limited, prepare_temp_dir, TempPath};
use super::{ObjectKey, ObjectReader, Storage, StorageError, StoredObject};

pub struct LocalStorage {
    root: PathBuf,
    tmp: PathBuf,
}

impl LocalStorage {
    /// Opens (creating if needed) the storage under `root`; clears temp files
    /// a crash may have left.
    pub fn new(root: impl Into<PathBuf>) -> std::io::Result<LocalStorage> {
        let root = root.into();
        // Keys never have a segment starting with `.`, so `.tmp` is ours.
        let tmp = root.join(".tmp");
        prepare_temp_dir(&tmp)?;
        Ok(LocalStorage { root, tmp })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file an object lives in. Safe because `ObjectKey` is validated
    /// (relative, no `..`, no backslash).
    pub fn path_of(&self, key: &ObjectKey) -> PathBuf {
        self.root.join(key.as_str())
    }

    async fn put_at(
        &self,
        key: ObjectKey,
        reader: &mut (dyn AsyncRead + Send + Unpin),
        max_bytes: u64,
    ) -> Result<StoredObject, StorageError> {
        let temp = TempPath::new_in(&self.tmp);
        let mut file = temp.create()?;
        let copied = copy_limited(reader, &mut file, max_bytes).await?;
        file.sync_all().await?;
        drop(file);
        let dest = self.path_of(&key);
        let parent = dest.parent().unwrap_or(&self.root).to_path_buf();
        tokio::fs::create_dir_all(&parent).await?;
        tokio::fs::rename(temp.path(), &dest).await?;
        temp.keep();
        // Make the rename itself durable.
        sync_dir(parent).await;
        Ok(StoredObject {
            key,
            size: copied.size,
            sha256: copied.sha256,
        })
    }
}

async fn sync_dir(dir: PathBuf) {
    let result = tokio::task::spawn_blocking(move || std::fs::File::open(&dir)?.sync_all()).await;
    if let Ok(Err(e)) = result {
        tracing::warn!("fsync of a storage directory failed: {e}");
    }
}

fn not_found(key: &ObjectKey, e: std::io::Error) -> StorageError {
    if e.kind() == std::io::ErrorKind::NotFound {
        StorageError::NotFound(key.to_string())
    } else {
        StorageError::Io(e)
    }
}

#[rocket::async_trait]
impl Storage for LocalStorage {
    async fn put_stream(
        &self,
        reader: &mut (dyn AsyncRead + Send + Unpin),
        max_bytes: u64,
    ) -> Result<StoredObject, StorageError> {
        self.put_at(ObjectKey::generate(), reader, max_bytes).await
    }

    async fn open(&self, key: &ObjectKey) -> Result<ObjectReader, StorageError> {
        let file = tokio::fs::File::open(self.path_of(key))
            .await
            .map_err(|e| not_found(key, e))?;
        Ok(Box::new(file))
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        match tokio::fs::remove_file(self.path_of(key)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }

    async fn exists(&self, key: &ObjectKey) -> Result<bool, StorageError> {
        match tokio::fs::metadata(self.path_of(key)).await {
            Ok(m) => Ok(m.is_file()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    fn backend_name(&self) -> &'static str {
        "local"
    }
}
