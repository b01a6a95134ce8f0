//! Objects in memory: for tests and ephemeral demos. An object is inserted
//! only once it has been read completely within the limit.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::io::AsyncRead;

use super::stream::copy_limited;
use super::{ObjectKey, ObjectReader, Storage, StorageError, StoredObject};

#[derive(Default)]
pub struct MemoryStorage {
    objects: Mutex<HashMap<ObjectKey, Arc<[u8]>>>,
}

impl MemoryStorage {
    pub fn new() -> MemoryStorage {
        MemoryStorage::default()
    }

    /// Every stored key, sorted (tests check nothing was left behind).
    pub fn keys(&self) -> Vec<ObjectKey> {
        let mut keys: Vec<_> = self.lock().keys().cloned().collect();
        keys.sort();
        keys
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ObjectKey, Arc<[u8]>>> {
        // A panic elsewhere cannot leave the map half-updated (single
        // insert/remove calls), so a poisoned lock is still usable.
        self.objects.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[rocket::async_trait]
impl Storage for MemoryStorage {
    async fn put_stream(
        &self,
        reader: &mut (dyn AsyncRead + Send + Unpin),
        max_bytes: u64,
    ) -> Result<StoredObject, StorageError> {
        let key = ObjectKey::generate();
        let mut buf = Vec::new();
        let copied = copy_limited(reader, &mut buf, max_bytes).await?;
        self.lock().insert(key.clone(), buf.into());
        Ok(StoredObject {
            key,
            size: copied.size,
            sha256: copied.sha256,
        })
    }

    async fn open(&self, key: &ObjectKey) -> Result<ObjectReader, StorageError> {
        let bytes = self
            .lock()
            .get(key)
            .cloned()
            .ok_or_else(|| StorageError::NotFound(key.to_string()))?;
        Ok(Box::new(std::io::Cursor::new(bytes)))
    }

    async fn delete(&self, key: &ObjectKey) -> Result<(), StorageError> {
        self.lock().remove(key);
        Ok(())
    }

    async fn exists(&self, key: &ObjectKey) -> Result<bool, StorageError> {
        Ok(self.lock().contains_key(key))
    }

    fn backend_name(&self) -> &'static str {
        "memory"
    }
}
