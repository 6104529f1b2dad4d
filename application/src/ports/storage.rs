//! Object storage for uploaded images (local disk or S3).

use async_trait::async_trait;

use super::BackendError;

/// An object's bytes and media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObject {
    /// The content.
    pub bytes: Vec<u8>,
    /// Its media type, e.g. `image/webp`.
    pub content_type: String,
}

/// Stores immutable objects under string keys.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait ObjectStorage: Send + Sync {
    /// Stores `object` under `key`, replacing any object there.
    ///
    /// # Errors
    /// When the backend fails.
    async fn put(&self, key: &str, object: StoredObject) -> Result<(), BackendError>;

    /// The object under `key`, if any.
    ///
    /// # Errors
    /// When the backend fails.
    async fn get(&self, key: &str) -> Result<Option<StoredObject>, BackendError>;

    /// Removes the object under `key`; removing a missing key succeeds.
    ///
    /// # Errors
    /// When the backend fails.
    async fn delete(&self, key: &str) -> Result<(), BackendError>;
}
