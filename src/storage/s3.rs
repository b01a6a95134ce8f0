//! An S3-compatible bucket (path-style addressing, so MinIO, Ceph, moto and
//! AWS all work the same way).
//!
//! An upload is first spooled to a local temp file (hashed and size-checked
//! while spooling), then sent with rust-s3's streaming put. Why not stream
//! straight into a multipart upload: the size limit and the hash must be
//! known before the object exists, an aborted multipart upload leaves billed
//! parts behind unless the bucket has a lifecycle rule, and S3 needs a
//! content length per request anyway. The spool is on disk, not in memory,
//! so a large upload costs one file under `<data_dir>/tmp/s3-spool/` for the
//! duration of the request; rust-s3 then reads it in 8 MiB chunks (at most
//! two in flight, see `MAX_PARTS_IN_FLIGHT`).

use std::path::PathBuf;

use s3::creds::Credentials;
use s3::error::S3Error;
use s3::{Bucket, Region};
use tokio::io::{AsyncRead, AsyncSeekExt};

use super::settings::S3Config;
use super::stream::{copy_limited, prepare_temp_dir, TempPath};
use super::{ObjectKey, ObjectReader, Storage, StorageError, StoredObject};

/// rust-s3 otherwise sizes parallel multipart parts from free memory (up to
/// 10 × 8 MiB per upload); two keeps many concurrent uploads affordable.
const MAX_PARTS_IN_FLIGHT: usize = 2;

pub struct S3Storage {
    bucket: Box<Bucket>,
    spool: PathBuf,
}

fn backend(e: impl std::fmt::Display) -> StorageError {
    StorageError::Backend(e.to_string())
}

impl S3Storage {
    /// Sets up the client; does not contact the server (so the app starts
    /// while the storage is briefly unreachable).
    pub fn new(config: &S3Config, spool_dir: PathBuf) -> Result<S3Storage, StorageError> {
        let region = match &config.endpoint {
            Some(endpoint) => Region::Custom {
                region: config.region.clone(),
                endpoint: endpoint.clone(),
            },
            None => config.region.parse().map_err(backend)?,
        };
        let credentials = Credentials::new(
            Some(&config.access_key),
            Some(&config.secret_key.0),
            None,
            None,
            None,
        )
        .map_err(backend)?;
        let bucket = Bucket::new(&config.bucket, region, credentials)
            .map_err(backend)?
            .with_path_style();
        prepare_temp_dir(&spool_dir)?;
        Ok(S3Storage {
            bucket,
            spool: spool_dir,
        })
    }

    pub fn bucket(&self) -> &Bucket {
        &self.bucket
    }

    async fn put_at(
        &self,
        key: ObjectKey,
        reader: &mut (dyn AsyncRead + Send + Unpin),
        max_bytes: u64,
    ) -> Result<StoredObject, StorageError> {
        let temp = TempPath::new_in(&self.spool);
        let mut file = temp.create()?;
        let copied = copy_limited(reader, &mut file, max_bytes).await?;
        file.rewind().await?;
        self.bucket
            .put_object_stream_builder(key.as_str())
            .with_content_type("application/octet-stream")
            .with_metadata("sha256", &copied.sha256)
            .map_err(backend)?
            .with_max_concurrent_chunks(MAX_PARTS_IN_FLIGHT)
            .execute_stream(&mut file)
            .await
            .map_err(backend)?;
        // `temp` drops here: the spool file is removed on every path.
        Ok(StoredObject {
            key,
            size: copied.size,
            sha256: copied.sha256,
        })
    }
}

fn is_not_found(e: &S3Error) -> bool {
    matches!(e, S3Error::HttpFailWithBody(404, _))
}

#[rocket::async_trait]
impl Storage for S3Storage {
    async fn put_stream(
        &self,
        reader: &mut (dyn AsyncRead + Send + Unpin),
        max_bytes: u64,
    ) -> Result<StoredObject, StorageError> {
        self.put_at(ObjectKey::generate(), reader, max_bytes).await
    }

    async fn open(&self, key: &ObjectKey) -> Result<ObjectReader, StorageError> {
        match self.bucket.get_object_stream(key.as_str()).await {
            Ok(stream) => Ok(Box::new(stream)),
            Err(e) if is_not_found(&e) => Err(StorageError::NotFound(key.to_string())),
            Err(e) => Err(backend(e)),
        }
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        match self.bucket.delete_object(key.as_str()).await {
            Err(e) if !is_not_found(&e) => Err(backend(e)),
            _ => Ok(()),
        }
    }

    async fn exists(&self, key: &ObjectKey) -> Result<bool, StorageError> {
        match self.bucket.head_object(key.as_str()).await {
            Ok((_, status)) => Ok((200..300).contains(&status)),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(backend(e)),
        }
    }

    fn backend_name(&self) -> &'static str {
        "s3"
    }
}
