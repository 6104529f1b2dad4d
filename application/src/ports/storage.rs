//! Object storage for uploaded images (local disk or S3).

use std::time::Duration;

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

/// Stores objects under string keys.
///
/// Contract (checked against every adapter in `tests/`):
/// - Keys are relative paths of `/`-separated segments of ASCII letters, digits, `-`, `_` and `.`,
///   none empty and none starting with `.`; adapters refuse other keys with an error.
/// - `get` returns exactly the bytes and content type of the last `put` under the key; a `put`
///   is atomic: readers see the old object or the new one, never a mix.
/// - Keys built by the upload use case are content-addressed, so callers may treat an object as
///   immutable (cache forever, use the key as a strong `ETag`).
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

    /// A URL from which anyone holding it can `GET` the object under `key` for `expires_in`,
    /// or `None` when this storage cannot hand out URLs (the app then streams the object).
    /// The URL is signed without checking that the object exists.
    ///
    /// # Errors
    /// When the backend fails or refuses the expiry.
    async fn presigned_get(
        &self,
        key: &str,
        expires_in: Duration,
    ) -> Result<Option<String>, BackendError> {
        let _ = (key, expires_in);
        Ok(None)
    }
}

/// Whether `key` follows the key rules of [`ObjectStorage`].
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 512
        && key.split('/').all(|segment| {
            !segment.is_empty()
                && !segment.starts_with('.')
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_relative_paths_without_dot_segments() {
        assert!(is_valid_key("services/0190-ab/3f2a/card"));
        assert!(is_valid_key("a.b_c-d"));
        for bad in [
            "", "/abs", "a//b", "a/", "../up", "a/../b", "a/./b", ".hidden", "a\\b", "a b", "é",
            "a\0b",
        ] {
            assert!(!is_valid_key(bad), "{bad:?} was accepted");
        }
    }
}
