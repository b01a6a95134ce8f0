//! Files: the storage backends (local, memory; S3 when `TEST_S3_ENDPOINT`
//! is set) and the isolated PDF checker.

mod pdf;
mod s3;
mod storage;

use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncReadExt, ReadBuf};

use crate::support::TestApp;
use konkurs::storage::{ObjectKey, Storage, StorageError};

pub fn storage_of(app: &TestApp) -> Arc<dyn Storage> {
    app.client
        .rocket()
        .state::<Arc<dyn Storage>>()
        .expect("storage state")
        .clone()
}

pub fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// Deterministic bytes that do not compress to nothing.
pub fn sample(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Every regular file under `dir`, recursively (hidden ones included).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A stream that never ends: proves the limit is enforced while streaming.
pub struct Endless;

impl AsyncRead for Endless {
    fn poll_read(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let n = buf.remaining().min(8192);
        buf.put_slice(&vec![b'x'; n]);
        Poll::Ready(Ok(()))
    }
}

/// Put, read back (whole and streamed), check the hash, delete: the
/// contract every backend must keep.
pub async fn round_trip(storage: &dyn Storage, len: usize) -> ObjectKey {
    let data = sample(len, len as u64);
    let stored = storage
        .put_stream(&mut &data[..], len as u64)
        .await
        .expect("put");
    assert_eq!(stored.size, len as u64);
    assert_eq!(stored.sha256, sha256_hex(&data));
    let key = stored.key.clone();
    assert!(key.as_str().starts_with("documents/"), "{key}");
    assert_eq!(ObjectKey::parse(key.as_str()), Ok(key.clone()));
    assert!(storage.exists(&key).await.unwrap());
    assert!(storage.get(&key).await.unwrap() == data, "content differs");
    let mut streamed = Vec::new();
    storage
        .open(&key)
        .await
        .unwrap()
        .read_to_end(&mut streamed)
        .await
        .unwrap();
    assert!(streamed == data, "streamed content differs");

    storage.delete(&key).await.unwrap();
    assert!(!storage.exists(&key).await.unwrap());
    assert!(matches!(
        storage.get(&key).await,
        Err(StorageError::NotFound(_))
    ));
    // Deleting twice is fine (idempotent, like S3).
    storage.delete(&key).await.unwrap();
    key
}

/// More than the limit: refused, and reading stopped early.
pub async fn over_limit(storage: &dyn Storage) {
    let e = storage.put_stream(&mut Endless, 100_000).await.unwrap_err();
    assert!(
        matches!(e, StorageError::TooLarge { limit: 100_000 }),
        "{e:?}"
    );
    let data = sample(100_001, 1);
    let e = storage
        .put_stream(&mut &data[..], 100_000)
        .await
        .unwrap_err();
    assert!(matches!(e, StorageError::TooLarge { .. }), "{e:?}");
    // Exactly at the limit is fine.
    let stored = storage
        .put_stream(&mut &data[..100_000], 100_000)
        .await
        .unwrap();
    storage.delete(&stored.key).await.unwrap();
}
