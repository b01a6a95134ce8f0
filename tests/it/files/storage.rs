//! Local and memory storage through the app's managed `Arc<dyn Storage>`.

use std::pin::Pin;
use std::task::{Context, Poll};

use rocket::futures::future::join_all;
use rocket::futures::FutureExt;
use rocket::http::Status;
use tokio::io::{AsyncRead, ReadBuf};

use super::{files_under, over_limit, round_trip, sample, sha256_hex, storage_of};
use crate::support::TestApp;
use konkurs::error::AppError;
use konkurs::storage::{MemoryStorage, ObjectKey, StorageError};

async fn memory_app() -> TestApp {
    TestApp::with(|f| f.merge(("storage_backend", "memory")), |r| r).await
}

#[rocket::async_test]
async fn local_is_the_default_and_keeps_files_under_data_dir() {
    let app = TestApp::new().await;
    let storage = storage_of(&app);
    assert_eq!(storage.backend_name(), "local");
    let root = app.data_dir.path().join("files");

    let data = sample(300_000, 7);
    let stored = storage.put_stream(&mut &data[..], 1 << 20).await.unwrap();
    let path = root.join(stored.key.as_str());
    assert_eq!(std::fs::read(&path).unwrap(), data);
    assert_eq!(files_under(&root), vec![path.clone()]);
    storage.delete(&stored.key).await.unwrap();
    assert!(!path.exists());

    round_trip(storage.as_ref(), 300_000).await;
    round_trip(storage.as_ref(), 0).await;
    assert_eq!(files_under(&root), Vec::<std::path::PathBuf>::new());
}

#[rocket::async_test]
async fn memory_round_trip() {
    let app = memory_app().await;
    let storage = storage_of(&app);
    assert_eq!(storage.backend_name(), "memory");
    round_trip(storage.as_ref(), 300_000).await;
    round_trip(storage.as_ref(), 1).await;
    // Nothing reached the disk.
    assert!(files_under(&app.data_dir.path().join("files")).is_empty());
}

#[rocket::async_test]
async fn local_over_limit_leaves_no_file_behind() {
    let app = TestApp::new().await;
    let storage = storage_of(&app);
    over_limit(storage.as_ref()).await;
    let left = files_under(&app.data_dir.path().join("files"));
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[rocket::async_test]
async fn memory_over_limit_keeps_nothing() {
    let storage = MemoryStorage::new();
    over_limit(&storage).await;
    assert_eq!(storage.keys(), vec![]);
}

/// Yields some bytes, then fails (a client that goes away).
struct Broken(usize);

impl AsyncRead for Broken {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.0 == 0 {
            return Poll::Ready(Err(std::io::ErrorKind::ConnectionReset.into()));
        }
        self.0 -= 1;
        buf.put_slice(&[b'a'; 1000]);
        Poll::Ready(Ok(()))
    }
}

/// Yields one chunk, then never again (a stalled client).
struct Stalled(bool);

impl AsyncRead for Stalled {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.0 {
            return Poll::Pending;
        }
        self.0 = true;
        buf.put_slice(&[b'a'; 1000]);
        Poll::Ready(Ok(()))
    }
}

#[rocket::async_test]
async fn a_failed_or_abandoned_upload_leaves_no_file_behind() {
    let app = TestApp::new().await;
    let storage = storage_of(&app);
    let e = storage
        .put_stream(&mut Broken(5), 1 << 20)
        .await
        .unwrap_err();
    assert!(matches!(e, StorageError::Source(_)), "{e:?}");
    assert_eq!(AppError::from(e).status(), Status::UnprocessableEntity);

    // The request future is dropped mid-upload (client stalls, server
    // shuts down): the temp file goes with it.
    let mut stalled = Stalled(false);
    let upload = storage.put_stream(&mut stalled, 1 << 20);
    assert!(upload.now_or_never().is_none());
    assert!(stalled.0, "the upload started reading");

    let left = files_under(&app.data_dir.path().join("files"));
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[rocket::async_test]
async fn concurrent_puts_get_distinct_keys_and_keep_their_content() {
    let app = TestApp::new().await;
    let storage = storage_of(&app);
    let blobs: Vec<Vec<u8>> = (0..16)
        .map(|i| sample(20_000 + i * 1000, i as u64))
        .collect();
    let puts = blobs.iter().map(|data| {
        let storage = storage.clone();
        async move { storage.put_stream(&mut &data[..], 1 << 20).await }
    });
    let stored: Vec<_> = join_all(puts)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let mut keys: Vec<_> = stored.iter().map(|s| s.key.clone()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 16);
    for (s, data) in stored.iter().zip(&blobs) {
        assert_eq!(s.sha256, sha256_hex(data));
        assert!(storage.get(&s.key).await.unwrap() == *data);
    }
    assert_eq!(files_under(&app.data_dir.path().join("files")).len(), 16);
}

#[rocket::async_test]
async fn keys_that_could_escape_the_storage_root_are_refused() {
    let app = TestApp::new().await;
    // A file next to the storage root that a `..` key would reach.
    std::fs::write(app.data_dir.path().join("secret_key_copy"), b"x").unwrap();
    for key in [
        "../secret_key_copy",
        "documents/../../secret_key_copy",
        "/etc/passwd",
        "documents\\..\\x",
        "",
    ] {
        let e = key.parse::<ObjectKey>().unwrap_err();
        let e = StorageError::from(e);
        assert!(matches!(e, StorageError::InvalidKey(_)), "{key}");
        // A bad key in the database is a bug: 500, not a user error.
        assert_eq!(AppError::from(e).status(), Status::InternalServerError);
    }
    let storage = storage_of(&app);
    let ok = ObjectKey::parse("documents/2026/12/not-there").unwrap();
    assert!(!storage.exists(&ok).await.unwrap());
    assert!(matches!(
        storage.open(&ok).await,
        Err(StorageError::NotFound(_))
    ));
}

#[test]
fn too_large_maps_to_a_422_with_a_translated_message() {
    let e = StorageError::TooLarge {
        limit: 20 * 1024 * 1024,
    };
    assert_eq!(e.message_key(), Some("files-too-large"));
    assert_eq!(e.limit_mb(), Some(20.0));
    let app_error = AppError::from(e);
    assert_eq!(app_error.status(), Status::UnprocessableEntity);
    assert_eq!(app_error.message_key(), Some("files-too-large-generic"));
}
