//! The `ObjectStorage` contract, written once and run on local disk and on S3 (moto).

use std::time::Duration;

use adapters::{LocalDiskConfig, LocalDiskImages};
use application::ports::{ObjectStorage, StoredObject};

use super::moto::S3Server;

fn object(bytes: &[u8], content_type: &str) -> StoredObject {
    StoredObject {
        bytes: bytes.to_vec(),
        content_type: content_type.to_owned(),
    }
}

/// What every `ObjectStorage` does.
async fn object_storage_contract(storage: &dyn ObjectStorage) {
    // Put then get returns the bytes and the content type.
    let photo = object(&[0xff, 0xd8, 0xff, 0, 1, 2, 255], "image/jpeg");
    storage
        .put("services/s1/abc/original", photo.clone())
        .await
        .unwrap();
    assert_eq!(
        storage.get("services/s1/abc/original").await.unwrap(),
        Some(photo)
    );

    // Overwriting replaces both.
    let replacement = object(b"\x89PNG replacement", "image/png");
    storage
        .put("services/s1/abc/original", replacement.clone())
        .await
        .unwrap();
    assert_eq!(
        storage.get("services/s1/abc/original").await.unwrap(),
        Some(replacement)
    );

    // Keys are independent, including siblings under one prefix.
    storage
        .put("services/s1/abc/card", object(b"card", "image/jpeg"))
        .await
        .unwrap();
    assert_eq!(
        storage
            .get("services/s1/abc/card")
            .await
            .unwrap()
            .unwrap()
            .bytes,
        b"card"
    );

    // A missing key is `None`, not an error.
    assert_eq!(storage.get("services/s1/missing").await.unwrap(), None);

    // Delete removes; deleting again succeeds; the sibling stays.
    storage.delete("services/s1/abc/original").await.unwrap();
    assert_eq!(storage.get("services/s1/abc/original").await.unwrap(), None);
    storage.delete("services/s1/abc/original").await.unwrap();
    assert!(storage.get("services/s1/abc/card").await.unwrap().is_some());

    // Keys outside the rules are refused.
    for bad in ["../escape", "/absolute", "a//b", ".hidden/x"] {
        assert!(
            storage.put(bad, object(b"x", "text/plain")).await.is_err(),
            "{bad:?}"
        );
    }
}

#[tokio::test]
async fn local_disk_keeps_the_object_storage_contract() {
    let dir = tempfile::tempdir().unwrap();
    let storage = LocalDiskImages::new(LocalDiskConfig {
        root: dir.path().to_owned(),
    });
    object_storage_contract(&storage).await;
}

#[tokio::test]
async fn s3_keeps_the_object_storage_contract() {
    let server = S3Server::start();
    let (storage, _) = server.fresh_bucket().await;
    object_storage_contract(&storage).await;
}

#[tokio::test]
async fn an_s3_presigned_url_serves_the_object_to_a_plain_http_client() {
    let server = S3Server::start();
    let (storage, _) = server.fresh_bucket().await;
    let photo = object(b"\x89PNG not really", "image/png");
    storage
        .put("users/u1/abc/thumb", photo.clone())
        .await
        .unwrap();

    let url = storage
        .presigned_get("users/u1/abc/thumb", Duration::from_mins(5))
        .await
        .unwrap()
        .expect("S3 hands out presigned URLs");
    assert!(url.contains("X-Amz-Signature="), "{url}");
    let response = reqwest::get(&url).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "image/png"
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), photo.bytes);

    // Once deleted, the URL finds nothing.
    storage.delete("users/u1/abc/thumb").await.unwrap();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 404);
}
