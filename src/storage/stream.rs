//! The copy loop every backend shares: hash and count while streaming, stop
//! at the first byte past the limit. Plus a temp-file guard that removes the
//! file on any early exit (error, limit, or a dropped future).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::StorageError;

const CHUNK: usize = 64 * 1024;

pub(crate) struct Copied {
    pub size: u64,
    pub sha256: String,
}

/// Copies `reader` into `writer` (flushed at the end). More than `max_bytes`
/// → `TooLarge` before the excess is written anywhere.
pub(crate) async fn copy_limited<W: AsyncWrite + Unpin + ?Sized>(
    reader: &mut (dyn AsyncRead + Send + Unpin),
    writer: &mut W,
    max_bytes: u64,
) -> Result<Copied, StorageError> {
    let mut buf = vec![0u8; CHUNK];
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    loop {
        let n = reader.read(&mut buf).await.map_err(StorageError::Source)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > max_bytes {
            return Err(StorageError::TooLarge { limit: max_bytes });
        }
        hasher.update(&buf[..n]);
        writer.write_all(&buf[..n]).await?;
    }
    writer.flush().await?;
    Ok(Copied {
        size,
        sha256: hex::encode(hasher.finalize()),
    })
}

/// A temporary file that is removed when the guard drops, unless `keep()`
/// was called (after it was renamed into place).
pub(crate) struct TempPath {
    path: Option<PathBuf>,
}

impl TempPath {
    /// A new unique name `<dir>/<uuid>.part` (the file is not created).
    pub fn new_in(dir: &Path) -> TempPath {
        let name = format!("{}.part", uuid::Uuid::now_v7().simple());
        TempPath {
            path: Some(dir.join(name)),
        }
    }

    /// Creates the file (read + write). Synchronously on purpose: with an
    /// async open, a future dropped mid-open would let the blocking thread
    /// create the file after the guard had nothing to remove.
    pub fn create(&self) -> std::io::Result<tokio::fs::File> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(self.path())?;
        Ok(tokio::fs::File::from_std(file))
    }

    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }

    pub fn keep(mut self) {
        self.path = None;
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            // Synchronous on purpose: Drop cannot await, and the file must
            // be gone even if the upload future was cancelled.
            if let Err(e) = std::fs::remove_file(&path) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    tracing::warn!(path = %path.display(), "could not remove temp file: {e}");
                }
            }
        }
    }
}

/// Creates `dir` and removes `*.part` files older than a day in it: what a
/// crash (power loss, SIGKILL) in the middle of a write may leave.
pub(crate) fn prepare_temp_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let cutoff = SystemTime::now() - Duration::from_secs(24 * 3600);
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .map(|t| t < cutoff)
            .unwrap_or(false);
        if stale && path.extension().is_some_and(|e| e == "part") {
            tracing::info!(path = %path.display(), "removing stale temp file");
            let _ = std::fs::remove_file(&path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[rocket::async_test]
    async fn hashes_and_counts() {
        let data = vec![7u8; 200_000];
        let mut out = Vec::new();
        let c = copy_limited(&mut &data[..], &mut out, 200_000)
            .await
            .unwrap();
        assert_eq!(c.size, 200_000);
        assert_eq!(c.sha256, hex::encode(Sha256::digest(&data)));
        assert_eq!(out, data);
    }

    #[rocket::async_test]
    async fn stops_at_the_first_byte_over_the_limit() {
        let data = vec![1u8; 200_001];
        let mut out = Vec::new();
        let e = copy_limited(&mut &data[..], &mut out, 200_000).await;
        assert!(matches!(e, Err(StorageError::TooLarge { limit: 200_000 })));
        assert!(out.len() <= 200_000);
    }

    #[test]
    fn temp_path_is_removed_unless_kept() {
        let dir = tempfile::tempdir().unwrap();
        let t = TempPath::new_in(dir.path());
        std::fs::write(t.path(), b"x").unwrap();
        let p = t.path().to_path_buf();
        drop(t);
        assert!(!p.exists());
        let t = TempPath::new_in(dir.path());
        std::fs::write(t.path(), b"x").unwrap();
        let p = t.path().to_path_buf();
        t.keep();
        assert!(p.exists());
    }
}
