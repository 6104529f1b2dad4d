//! Object storage in a folder on the local disk (the embedded default, one app instance).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use application::ports::{BackendError, ObjectStorage, StoredObject, is_valid_key};
use async_trait::async_trait;
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

/// Where [`LocalDiskImages`] keeps its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDiskConfig {
    /// The folder, created on first write, e.g. `./data/images`.
    pub root: PathBuf,
}

/// Stores each object as a plain file `root/{key}`, with its content type in
/// `root/.types/{key}` (keys never have a segment starting with `.`, so the two never meet).
///
/// Writes go to a temporary file in the same folder that is then renamed over the target, so a
/// reader sees the old file or the new one, never a partial one. The content type is written
/// before the object: a concurrent overwrite with a different type can briefly show the new type
/// with the old bytes, which content-addressed keys never do.
#[derive(Debug, Clone)]
pub struct LocalDiskImages {
    root: PathBuf,
}

/// The folder (under the root) holding content types.
const TYPES: &str = ".types";
/// The content type of an object whose type file is missing.
const UNKNOWN_TYPE: &str = "application/octet-stream";

impl LocalDiskImages {
    /// Storage under `config.root`.
    pub fn new(config: LocalDiskConfig) -> Self {
        Self { root: config.root }
    }

    /// The object's file and its content type's file, if `key` is a valid key.
    fn paths(&self, key: &str) -> Result<(PathBuf, PathBuf), BackendError> {
        if !is_valid_key(key) {
            return Err(format!("invalid storage key {key:?}").into());
        }
        // `is_valid_key` admits only relative, dot-free segments: the join stays under root.
        Ok((self.root.join(key), self.root.join(TYPES).join(key)))
    }
}

#[async_trait]
impl ObjectStorage for LocalDiskImages {
    #[tracing::instrument(skip(self, object), fields(bytes = object.bytes.len()))]
    async fn put(&self, key: &str, object: StoredObject) -> Result<(), BackendError> {
        let (data, content_type) = self.paths(key)?;
        write_atomically(&content_type, object.content_type.as_bytes()).await?;
        write_atomically(&data, &object.bytes).await
    }

    #[tracing::instrument(skip(self))]
    async fn get(&self, key: &str) -> Result<Option<StoredObject>, BackendError> {
        let (data, content_type) = self.paths(key)?;
        let bytes = match tokio::fs::read(&data).await {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let content_type = match tokio::fs::read_to_string(&content_type).await {
            Ok(t) => t,
            Err(e) if e.kind() == ErrorKind::NotFound => UNKNOWN_TYPE.to_owned(),
            Err(e) => return Err(e.into()),
        };
        Ok(Some(StoredObject {
            bytes,
            content_type,
        }))
    }

    #[tracing::instrument(skip(self))]
    async fn delete(&self, key: &str) -> Result<(), BackendError> {
        let (data, content_type) = self.paths(key)?;
        remove_if_present(&data).await?;
        remove_if_present(&content_type).await
    }
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it over `path`.
async fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), BackendError> {
    let folder = path.parent().ok_or("a storage path has a parent folder")?;
    tokio::fs::create_dir_all(folder).await?;
    let temp = folder.join(format!(".tmp-{}", Uuid::now_v7()));
    let written = async {
        let mut file = tokio::fs::File::create(&temp).await?;
        file.write_all(bytes).await?;
        file.sync_all().await?;
        tokio::fs::rename(&temp, path).await
    }
    .await;
    if written.is_err() {
        // Best effort: a leftover temporary file is harmless, the error below is what matters.
        let _ = tokio::fs::remove_file(&temp).await;
    }
    Ok(written?)
}

async fn remove_if_present(path: &Path) -> Result<(), BackendError> {
    match tokio::fs::remove_file(path).await {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage() -> (tempfile::TempDir, LocalDiskImages) {
        let dir = tempfile::tempdir().unwrap();
        let storage = LocalDiskImages::new(LocalDiskConfig {
            root: dir.path().join("images"),
        });
        (dir, storage)
    }

    fn object(bytes: &[u8], content_type: &str) -> StoredObject {
        StoredObject {
            bytes: bytes.to_vec(),
            content_type: content_type.to_owned(),
        }
    }

    #[tokio::test]
    async fn an_object_is_a_plain_file_under_the_root() {
        let (dir, storage) = storage();
        storage
            .put("users/1/ab/card", object(b"jpeg bytes", "image/jpeg"))
            .await
            .unwrap();
        let on_disk = std::fs::read(dir.path().join("images/users/1/ab/card")).unwrap();
        assert_eq!(on_disk, b"jpeg bytes");
        assert_eq!(
            storage.get("users/1/ab/card").await.unwrap(),
            Some(object(b"jpeg bytes", "image/jpeg"))
        );
    }

    #[tokio::test]
    async fn keys_that_could_leave_the_root_are_refused() {
        let (dir, storage) = storage();
        let outside = dir.path().join("outside");
        for key in [
            "../outside",
            "a/../../outside",
            outside.to_str().unwrap(),
            "/etc/passwd",
            ".types/x",
            "a\\..\\b",
            "",
        ] {
            assert!(
                storage.put(key, object(b"x", "text/plain")).await.is_err(),
                "{key:?} was accepted"
            );
            assert!(storage.get(key).await.is_err(), "{key:?} was read");
            assert!(storage.delete(key).await.is_err(), "{key:?} was deleted");
        }
        assert!(!outside.exists());
    }

    #[tokio::test]
    async fn a_write_leaves_no_temporary_file_behind() {
        let (dir, storage) = storage();
        storage.put("a/b", object(b"1", "image/png")).await.unwrap();
        storage.put("a/b", object(b"2", "image/png")).await.unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path().join("images/a"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, ["b"]);
    }

    #[tokio::test]
    async fn a_deleted_object_is_gone_and_deleting_again_succeeds() {
        let (_dir, storage) = storage();
        storage.put("a/b", object(b"1", "image/png")).await.unwrap();
        storage.delete("a/b").await.unwrap();
        assert_eq!(storage.get("a/b").await.unwrap(), None);
        storage.delete("a/b").await.unwrap();
    }

    #[tokio::test]
    async fn local_disk_hands_out_no_presigned_urls() {
        let (_dir, storage) = storage();
        let url = storage
            .presigned_get("a/b", std::time::Duration::from_mins(1))
            .await
            .unwrap();
        assert_eq!(url, None);
    }
}
