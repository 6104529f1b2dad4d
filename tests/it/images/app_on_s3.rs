//! The whole app configured for S3 (`images.backend = "s3"`): a provider uploads a photo through
//! the page, the objects land in the bucket, and the app serves them.

use application::ports::ObjectStorage;
use domain::{Email, Role};
use image::ImageFormat;
use reqwest::StatusCode;
use secrecy::SecretString;
use web::demo::Seeder;
use web::settings::ImageBackend;
use web::startup::Stores;

use super::moto::S3Server;
use super::test_images::photo;
use crate::app::{PASSWORD, RunningApp, csrf_token, settings_in};

#[tokio::test]
async fn the_app_configured_for_s3_stores_and_serves_an_uploaded_photo() {
    let server = S3Server::start();
    let (bucket_store, bucket) = server.fresh_bucket().await;
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings_in(dir.path());
    settings.images.backend = ImageBackend::S3;
    settings.images.s3.bucket = bucket;
    settings.images.s3.region = "us-east-1".to_owned();
    settings.images.s3.endpoint = server.endpoint().to_owned();
    settings.images.s3.path_style = true;
    settings.images.s3.access_key_id = "test".to_owned();
    settings.images.s3.secret_access_key = SecretString::from("test");
    let app = RunningApp::start(dir, &settings, Stores::open(&settings).await.unwrap()).await;
    let (base, stores) = (app.base.clone(), &app.stores);
    let seeder = Seeder::new(app.use_cases.clone(), stores);
    seeder
        .user(
            Role::Provider,
            "ana@salon.example",
            "Ana",
            "Europe/Paris",
            PASSWORD,
        )
        .await
        .unwrap();

    let client = app.logged_in("ana@salon.example").await;
    let token = csrf_token(&app.page(&client, "/account/photo").await);
    let boundary = "----bys-s3-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; \
         filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&photo(300, 200, ImageFormat::Png));
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let uploaded = client
        .post(format!("{base}/account/photo?csrf_token={token}"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);

    let email = Email::parse("ana@salon.example").unwrap();
    let (user, _) = stores.users.credentials(&email).await.unwrap().unwrap();
    let prefix = user.photo.expect("the user record names the photo");
    let in_bucket = bucket_store
        .get(&format!("{prefix}/card"))
        .await
        .unwrap()
        .expect("the card-size image is in the bucket");
    let response = client
        .get(format!("{base}/images/{prefix}/card"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        in_bucket.content_type.as_str()
    );
    assert_eq!(
        response.bytes().await.unwrap().as_ref(),
        in_bucket.bytes.as_slice()
    );
}
