//! The S3 backend against a real S3-compatible server. Runs only when
//! `TEST_S3_ENDPOINT` is set (e.g. `http://127.0.0.1:9000`; `.ci/run` starts
//! moto for it); without it each test returns at once, saying so. Any
//! access/secret key works with moto; set `TEST_S3_ACCESS_KEY` and
//! `TEST_S3_SECRET_KEY` for a server that checks them.

use s3::creds::Credentials;
use s3::{Bucket, BucketConfiguration, Region};

use super::{files_under, over_limit, round_trip, sample, sha256_hex, storage_of};
use crate::support::TestApp;
use konkurs::storage::{ObjectKey, StorageError};

/// Not us-east-1: rust-s3 then sends a location constraint, which every
/// server accepts (us-east-1 would need RUST_S3_SKIP_LOCATION_CONSTRAINT).
const REGION: &str = "eu-central-1";

struct Server {
    endpoint: String,
    access_key: String,
    secret_key: String,
}

fn server() -> Option<Server> {
    let endpoint = std::env::var("TEST_S3_ENDPOINT")
        .ok()
        .filter(|e| !e.is_empty());
    let Some(endpoint) = endpoint else {
        eprintln!("TEST_S3_ENDPOINT is not set: S3 test skipped (see .ci/run)");
        return None;
    };
    let var = |k: &str| std::env::var(k).unwrap_or_else(|_| "testing".into());
    Some(Server {
        endpoint,
        access_key: var("TEST_S3_ACCESS_KEY"),
        secret_key: var("TEST_S3_SECRET_KEY"),
    })
}

/// A fresh bucket per test, so tests run in parallel; "already exists" is
/// fine (a rerun against the same server).
async fn create_bucket(server: &Server) -> Box<Bucket> {
    let name = format!("konkurs-test-{}", uuid::Uuid::now_v7().simple());
    let region = Region::Custom {
        region: REGION.into(),
        endpoint: server.endpoint.clone(),
    };
    let creds = Credentials::new(
        Some(&server.access_key),
        Some(&server.secret_key),
        None,
        None,
        None,
    )
    .unwrap();
    match Bucket::create_with_path_style(
        &name,
        region.clone(),
        creds.clone(),
        BucketConfiguration::default(),
    )
    .await
    {
        Ok(_) => {}
        Err(s3::error::S3Error::HttpFailWithBody(409, _)) => {}
        Err(e) => panic!("creating bucket {name} at {}: {e}", server.endpoint),
    }
    Bucket::new(&name, region, creds).unwrap().with_path_style()
}

async fn s3_app(server: &Server, bucket: &Bucket) -> TestApp {
    let (endpoint, bucket) = (server.endpoint.clone(), bucket.name());
    let (access, secret) = (server.access_key.clone(), server.secret_key.clone());
    TestApp::with(
        move |f| {
            f.merge(("storage_backend", "s3"))
                .merge(("s3_endpoint", endpoint))
                .merge(("s3_region", REGION))
                .merge(("s3_bucket", bucket))
                .merge(("s3_access_key", access))
                .merge(("s3_secret_key", secret))
        },
        |r| r,
    )
    .await
}

async fn object_count(bucket: &Bucket) -> usize {
    let pages = bucket.list(String::new(), None).await.unwrap();
    pages.iter().map(|p| p.contents.len()).sum()
}

#[rocket::async_test]
async fn round_trip_against_a_real_server() {
    let Some(server) = server() else { return };
    let bucket = create_bucket(&server).await;
    let app = s3_app(&server, &bucket).await;
    let storage = storage_of(&app);
    assert_eq!(storage.backend_name(), "s3");

    round_trip(storage.as_ref(), 300_000).await;
    round_trip(storage.as_ref(), 0).await;
    assert_eq!(object_count(&bucket).await, 0);

    // Larger than rust-s3's 8 MiB chunk: the multipart path.
    let data = sample(9 << 20, 9);
    let stored = storage.put_stream(&mut &data[..], 10 << 20).await.unwrap();
    assert_eq!(stored.sha256, sha256_hex(&data));
    assert!(storage.get(&stored.key).await.unwrap() == data);
    // The object is where the key says, with its hash as metadata.
    let (head, status) = bucket.head_object(stored.key.as_str()).await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(head.content_length, Some(9 << 20));
    let meta = head.metadata.unwrap_or_default();
    assert_eq!(meta.get("sha256"), Some(&stored.sha256));
    storage.delete(&stored.key).await.unwrap();

    let missing = ObjectKey::parse("documents/2026/12/missing").unwrap();
    assert!(!storage.exists(&missing).await.unwrap());
    assert!(matches!(
        storage.open(&missing).await,
        Err(StorageError::NotFound(_))
    ));
    // The spool files are gone after each upload.
    assert!(files_under(&app.data_dir.path().join("tmp")).is_empty());
}

#[rocket::async_test]
async fn over_limit_uploads_nothing_and_leaves_no_spool_file() {
    let Some(server) = server() else { return };
    let bucket = create_bucket(&server).await;
    let app = s3_app(&server, &bucket).await;
    let storage = storage_of(&app);
    over_limit(storage.as_ref()).await;
    assert_eq!(object_count(&bucket).await, 0);
    assert!(files_under(&app.data_dir.path().join("tmp")).is_empty());
}
