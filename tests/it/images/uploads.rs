//! Uploads through the real pipeline into real storage: bad files are refused with a message a
//! person understands and leave nothing behind; a replaced photo's objects are deleted.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use adapters::{ImageLimits, ImagePipeline, LocalDiskConfig, LocalDiskImages};
use application::Actor;
use application::ports::services::MockServiceStore;
use application::ports::users::MockUserStore;
use application::ports::{ImageRejection, ObjectStorage};
use application::upload_image::{ImageSize, PhotoOf, UploadError, UploadImage};
use domain::{
    Buffers, Description, Price, Role, Service, ServiceDuration, ServiceId, ServiceName, Timing,
    UserId,
};
use image::{GenericImageView, ImageFormat};
use uuid::Uuid;

use super::moto::S3Server;
use super::test_images::{noise_png, photo, png_declaring, svg_with_script, text_named_jpg};

fn provider() -> Actor {
    Actor::new(UserId::from_uuid(Uuid::from_u128(20)), Role::Provider)
}

fn a_service() -> Service {
    Service {
        id: ServiceId::from_uuid(Uuid::from_u128(100)),
        provider: provider().id,
        category: None,
        name: ServiceName::parse("Haircut").unwrap(),
        description: Description::parse("").unwrap(),
        timing: Timing {
            duration: ServiceDuration::from_minutes(60).unwrap(),
            buffers: Buffers::default(),
        },
        price: Price::new(2500, "EUR").unwrap(),
        capacity: domain::Capacity::ONE,
        policy: None,
        active: true,
        image: None,
    }
}

/// A service store holding one service in memory.
fn one_service(service: &Arc<Mutex<Service>>) -> MockServiceStore {
    let mut services = MockServiceStore::new();
    let read = Arc::clone(service);
    services
        .expect_by_id()
        .returning(move |_| Ok(Some(read.lock().unwrap().clone())));
    let write = Arc::clone(service);
    services.expect_update().returning(move |updated, _| {
        *write.lock().unwrap() = updated.clone();
        Ok(())
    });
    services
}

fn upload_into(storage: Arc<dyn ObjectStorage>, service: &Arc<Mutex<Service>>) -> UploadImage {
    UploadImage::new(
        Arc::new(ImagePipeline::new(ImageLimits::default())),
        storage,
        Arc::new(one_service(service)),
        Arc::new(MockUserStore::new()),
        Arc::new(adapters::SystemClock),
    )
}

/// Each bad upload, the rejection it gets, and words its message must contain.
fn bad_uploads() -> Vec<(&'static str, Vec<u8>, ImageRejection, &'static str)> {
    let truncated = {
        let png = photo(300, 300, ImageFormat::Png);
        png[..png.len() * 2 / 3].to_vec()
    };
    // Pseudo-random pixels barely compress: 1300×1300×3 bytes is over 5 MB as a PNG.
    let oversized = noise_png(1300, 1300);
    let oversized_len = oversized.len() as u64;
    assert!(oversized_len > 5_000_000);
    vec![
        (
            "text renamed .jpg",
            text_named_jpg(),
            ImageRejection::NotAnImage,
            "not a photo",
        ),
        (
            "truncated PNG",
            truncated,
            ImageRejection::Corrupt,
            "damaged or incomplete",
        ),
        (
            "20000×20000 PNG",
            png_declaring(20_000, 20_000),
            ImageRejection::TooManyPixels {
                width: 20_000,
                height: 20_000,
                limit_megapixels: 40,
            },
            "20000×20000 pixels; photos can have at most 40 megapixels",
        ),
        (
            "oversized file",
            oversized,
            ImageRejection::TooLarge {
                size: oversized_len,
                limit: 5_000_000,
            },
            "photos can be at most 5.0 MB",
        ),
        (
            "SVG with a script",
            svg_with_script(),
            ImageRejection::NotAnImage,
            "please upload a JPEG, PNG or WebP image",
        ),
    ]
}

async fn refuses_bad_uploads(upload: &UploadImage, service: &Arc<Mutex<Service>>) {
    let of = PhotoOf::Service(a_service().id);
    for (case, bytes, expected, words) in bad_uploads() {
        match upload.run(&provider(), of, bytes).await {
            Err(UploadError::Rejected(rejection)) => {
                assert_eq!(rejection, expected, "{case}");
                let message = UploadError::Rejected(rejection).to_string();
                assert!(message.contains(words), "{case}: {message:?}");
            }
            other => panic!("{case}: expected a rejection, got {other:?}"),
        }
        assert_eq!(service.lock().unwrap().image, None, "{case}");
    }
}

fn files_under(root: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(root) else {
        return 0;
    };
    entries
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { files_under(&p) } else { 1 })
        .sum()
}

#[tokio::test]
async fn bad_uploads_are_refused_and_nothing_reaches_the_local_disk() {
    let dir = tempfile::tempdir().unwrap();
    let service = Arc::new(Mutex::new(a_service()));
    let storage = Arc::new(LocalDiskImages::new(LocalDiskConfig {
        root: dir.path().join("images"),
    }));
    refuses_bad_uploads(&upload_into(storage, &service), &service).await;
    assert_eq!(files_under(dir.path()), 0);
}

#[tokio::test]
async fn bad_uploads_are_refused_and_nothing_reaches_s3() {
    let server = S3Server::start();
    let (storage, bucket) = server.fresh_bucket().await;
    let client = storage.client().clone();
    let service = Arc::new(Mutex::new(a_service()));
    refuses_bad_uploads(&upload_into(Arc::new(storage), &service), &service).await;
    let listed = client
        .list_objects_v2()
        .bucket(bucket)
        .send()
        .await
        .unwrap();
    assert!(listed.contents().is_empty(), "{:?}", listed.contents());
}

#[tokio::test]
async fn a_photo_replaced_on_s3_gets_new_urls_and_the_old_objects_are_deleted() {
    let server = S3Server::start();
    let (storage, _) = server.fresh_bucket().await;
    let storage = Arc::new(storage);
    let service = Arc::new(Mutex::new(a_service()));
    let upload = upload_into(storage.clone(), &service);
    let of = PhotoOf::Service(a_service().id);

    let first = upload
        .run(&provider(), of, photo(1200, 900, ImageFormat::Jpeg))
        .await
        .unwrap();
    assert_eq!(
        service.lock().unwrap().image.as_deref(),
        Some(first.as_str())
    );
    let card = storage
        .get(&ImageSize::Card.key(&first))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(card.content_type, "image/jpeg");
    assert_eq!(
        image::load_from_memory(&card.bytes).unwrap().dimensions(),
        (800, 600)
    );
    let url = storage
        .presigned_get(&ImageSize::Card.key(&first), Duration::from_mins(1))
        .await
        .unwrap()
        .unwrap();
    let fetched = reqwest::get(&url).await.unwrap().bytes().await.unwrap();
    assert_eq!(fetched.as_ref(), card.bytes);

    let second = upload
        .run(&provider(), of, photo(600, 600, ImageFormat::WebP))
        .await
        .unwrap();
    assert_ne!(second, first);
    assert_eq!(
        service.lock().unwrap().image.as_deref(),
        Some(second.as_str())
    );
    for size in ImageSize::ALL {
        assert!(storage.get(&size.key(&first)).await.unwrap().is_none());
        assert!(storage.get(&size.key(&second)).await.unwrap().is_some());
    }
    let original = storage
        .get(&ImageSize::Original.key(&second))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(original.content_type, "image/webp");
}
