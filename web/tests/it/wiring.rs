//! The app on its real stores and outlets: data and sessions survive restarts, the workers
//! deliver mail to the outbox, password resets, calendar feeds, photos, and the operator
//! commands of the built binary.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::sync::Arc;

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait as _, Database};
use secrecy::SecretString;

use crate::helpers::{
    PASSWORD, TestApp, browser, csrf_token, form_token, mailed_link, settings_in, spawn_app,
    spawn_with,
};

/// Signs `email` up through the form (the client is then logged in).
pub async fn register(app: &TestApp, client: &reqwest::Client, email: &str) {
    let token = form_token(client, app, "/register").await;
    let response = client
        .post(app.url("/register"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("role", "customer"),
            ("accept_privacy", "on"),
            ("name", "Robin Register"),
            ("email", email),
            ("password", PASSWORD),
            ("zone", "Europe/Paris"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

async fn api_login(app: &TestApp, email: &str, password: &str) -> StatusCode {
    browser()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn an_account_survives_a_restart_on_the_same_database_file() {
    let app = spawn_app().await;
    register(&app, &browser(), "robin@example.org").await;

    let app = app.restart().await;

    assert_eq!(
        api_login(&app, "robin@example.org", PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_login_session_survives_a_restart() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;

    let app = app.restart().await;

    let me = client.get(app.url("/api/v1/session")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
}

#[tokio::test]
async fn registering_mails_a_welcome_and_a_booking_mails_both_parties() {
    let app = spawn_app().await;
    register(&app, &browser(), "robin@example.org").await;
    let welcome = app.outbox_mails(1).await;
    assert!(welcome.iter().any(|m| addressed_to(m, "robin@example.org")));

    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&client, &service).await;
    let booked = app.book(&client, &service, &start, None).await;
    assert_eq!(booked.status(), StatusCode::CREATED);

    let to_both = |mails: &[String]| {
        ["casey@example.org", "salon@example.org"]
            .iter()
            .all(|address| mails.iter().any(|m| addressed_to(m, address)))
    };
    let mails = app.outbox_until(to_both).await;
    assert!(to_both(&mails), "mails to the customer and the provider");
}

/// Whether `mail`'s `To:` header names `address`.
fn addressed_to(mail: &str, address: &str) -> bool {
    mail.lines()
        .any(|line| line.starts_with("To:") && line.contains(address))
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_through_the_mailed_link() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let client = browser();
    let login_page = client
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(login_page.contains("href=\"/forgot-password\""));

    let token = form_token(&client, &app, "/forgot-password").await;
    let asked = client
        .post(app.url("/forgot-password"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "casey@example.org"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), StatusCode::OK);
    let link = mailed_link(
        &app.outbox_mails(1).await,
        "casey@example.org",
        "/reset-password/",
    );

    let form = client.get(app.url(&link)).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let token = csrf_token(&form.text().await.unwrap());
    let new_password = "a brand new passphrase";
    let reset = client
        .post(app.url(&link))
        .form(&[("csrf_token", token.as_str()), ("password", new_password)])
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api_login(&app, "casey@example.org", new_password).await,
        StatusCode::OK
    );
    assert_eq!(
        api_login(&app, "casey@example.org", PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );

    let again = client
        .post(app.url(&link))
        .form(&[
            ("csrf_token", token.as_str()),
            ("password", "yet another passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "the link works once");
}

#[tokio::test]
async fn a_customer_subscribes_to_a_feed_that_lists_their_booking_until_revoked() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&client, &service).await;
    app.book(&client, &service, &start, None).await;

    let token = form_token(&client, &app, "/forgot-password").await;
    let page = client
        .post(app.url("/account/calendar-feed"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start_of_url = page.find("/calendar/").expect("the feed address");
    let end = start_of_url + page[start_of_url..].find('"').unwrap();
    let path = page[start_of_url..end].to_owned();

    let feed = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(feed.status(), StatusCode::OK);
    assert!(
        feed.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let calendar: icalendar::Calendar = feed.text().await.unwrap().parse().unwrap();
    assert_eq!(calendar.components.len(), 1, "one appointment");

    let revoked = client
        .post(app.url("/account/calendar-feed/revoke"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), StatusCode::OK);
    let gone = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);
}

pub fn png(side: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(side, side, |x, y| {
        image::Rgb([
            u8::try_from(x % 256).unwrap(),
            u8::try_from(y % 256).unwrap(),
            90,
        ])
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

pub fn multipart(field: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----bys-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; \
         filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[tokio::test]
async fn an_uploaded_photo_is_served_with_etag_revalidation_and_ranges() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let client = app.logged_in("salon@example.org").await;
    let action = format!("/services/{}/photo", service.id);
    let token = form_token(&client, &app, &action).await;

    let (content_type, body) = multipart("photo", b"not an image");
    let refused = client
        .post(app.url(&format!("{action}?csrf_token={token}")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("id=\"photo-error\""));

    let (content_type, body) = multipart("photo", &png(300));
    let unprotected = client
        .post(app.url(&action))
        .header("content-type", content_type.clone())
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(
        unprotected.status(),
        StatusCode::FORBIDDEN,
        "CSRF token needed"
    );
    let uploaded = client
        .post(app.url(&format!("{action}?csrf_token={token}")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);

    // The stored photo's key prefix: `services/<id>/<digest>` (local disk: a folder).
    let folder = app
        .dir
        .path()
        .join(format!("images/services/{}", service.id));
    let digest = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| !name.starts_with('.'))
        .expect("the stored photo");
    let prefix = format!("services/{}/{digest}", service.id);
    let url = app.url(&format!("/images/{prefix}/thumb"));
    let photo = client.get(&url).send().await.unwrap();
    assert_eq!(photo.status(), StatusCode::OK);
    let headers = photo.headers().clone();
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/")
    );
    let etag = headers["etag"].to_str().unwrap().to_owned();
    let whole = photo.bytes().await.unwrap();

    let revalidated = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(revalidated.status(), StatusCode::NOT_MODIFIED);

    let part = client
        .get(&url)
        .header("range", "bytes=0-9")
        .send()
        .await
        .unwrap();
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 0-9/{}", whole.len()).as_str()
    );
    assert_eq!(part.bytes().await.unwrap(), whole.slice(0..10));

    let outside = client
        .get(app.url("/images/../secrets/thumb"))
        .send()
        .await
        .unwrap();
    assert_eq!(outside.status(), StatusCode::NOT_FOUND);
    let placeholder = client
        .get(app.url("/images/default/card"))
        .send()
        .await
        .unwrap();
    assert_eq!(placeholder.headers()["content-type"], "image/svg+xml");
}

#[tokio::test]
async fn cards_and_pages_show_the_photo_or_a_placeholder_with_initials() {
    let app = spawn_app().await;
    let (provider, service) = app.provider_with_service("salon@example.org").await;
    let client = app.logged_in("salon@example.org").await;
    let page = |path: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let search = page("/search?q=haircut".to_owned()).await;
    assert!(
        search.contains(r#"class="picture placeholder card-photo" style="--hue: "#)
            && search.contains(">H</span>"),
        "no photo yet: the service's initial on a colour, {search}"
    );
    let provider_page = page(format!("/providers/{}", provider.id)).await;
    assert!(
        provider_page.contains(">ST</span>"),
        "Salon Test's initials"
    );

    let action = format!("/services/{}/photo", service.id);
    let token = form_token(&client, &app, &action).await;
    let (content_type, body) = multipart("photo", &png(300));
    let uploaded = client
        .post(app.url(&format!("{action}?csrf_token={token}")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER);

    let prefix = format!("/images/services/{}/", service.id);
    for path in [
        "/".to_owned(),
        "/search?q=haircut".to_owned(),
        format!("/providers/{}", provider.id),
        format!("/services/{}", service.id),
    ] {
        let html = page(path.clone()).await;
        let at = html
            .find(r#"<img class="picture"#)
            .unwrap_or_else(|| panic!("a photo on {path}"));
        let img = &html[at..at + html[at..].find('>').unwrap()];
        assert!(
            img.contains(&prefix) && img.contains("/card\""),
            "{path}: {img}"
        );
        assert!(
            img.contains(r#"width="800" height="600""#),
            "{path}: sized, {img}"
        );
        assert!(
            img.contains(" 256w, ") && img.contains(" 800w\""),
            "{path}: {img}"
        );
        let src = &img[img.find("src=\"").unwrap() + 5..];
        let src = &src[..src.find('"').unwrap()];
        let served = client.get(app.url(src)).send().await.unwrap();
        assert_eq!(served.status(), StatusCode::OK, "{path}: {src}");
    }
}

#[tokio::test]
async fn the_demo_marketplace_shows_drawn_pictures_for_every_service_and_provider() {
    let app = spawn_app().await;
    web::demo::seed(&app.seeder).await.unwrap();
    let upload = application::upload_image::UploadImage::new(
        web::startup::image_pipeline(&app.settings),
        web::startup::image_storage(&app.settings).await,
        app.stores.services.clone(),
        app.stores.users.clone(),
        std::sync::Arc::new(adapters::SystemClock),
    );
    web::demo::pictures::add(
        &upload,
        app.stores.users.as_ref(),
        app.stores.services.as_ref(),
    )
    .await
    .unwrap();
    let home = browser()
        .get(app.url("/search?q="))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        home.matches(r#"<img class="picture card-photo""#).count(),
        7,
        "{home}"
    );
    assert!(
        !home.contains("placeholder"),
        "no service without a picture"
    );
}

fn bys(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_bys"));
    command
        .current_dir(dir)
        .env(
            "BYS_DATABASE__URL",
            format!("sqlite://{}/bys.db?mode=rwc", dir.display()),
        )
        .env("RUST_LOG", "warn");
    command
}

#[tokio::test]
async fn the_binary_migrates_and_creates_an_admin_who_can_log_in() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let migrated = bys(dir.path()).arg("migrate").output().unwrap();
    assert!(migrated.status.success(), "{migrated:?}");
    assert!(dir.path().join("bys.db").exists());

    let mut child = bys(dir.path())
        .args([
            "create-admin",
            "--email",
            "root@example.org",
            "--name",
            "Root",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "an admin passphrase").unwrap();
    let created = child.wait_with_output().unwrap();
    assert!(created.status.success(), "{created:?}");

    let again = bys(dir.path())
        .args(["create-admin", "--email", "root@example.org"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(!again.status.success(), "no second account on the address");

    let app = spawn_with(settings_in(dir.path()), dir).await;
    assert_eq!(
        api_login(&app, "root@example.org", "an admin passphrase").await,
        StatusCode::OK
    );
}

/// A fresh database on the local PostgreSQL server (see `scripts/ensure-postgres`); not
/// dropped afterwards only if the test process dies.
pub(crate) async fn fresh_postgres() -> (String, String) {
    let server = std::env::var("BYS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    let name = format!("bys_web_test_{}", uuid::Uuid::now_v7().simple());
    let admin = Database::connect(format!("{server}/postgres"))
        .await
        .expect("PostgreSQL at BYS_TEST_POSTGRES_URL or 127.0.0.1:5432");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await.unwrap();
    (server, name)
}

#[tokio::test]
async fn the_app_runs_on_postgresql_and_keeps_accounts_and_sessions_across_restarts() {
    let (server, name) = fresh_postgres().await;
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.database.url = SecretString::from(format!("{server}/{name}"));
    let app = spawn_with(settings, dir).await;
    let client = browser();
    register(&app, &client, "robin@example.org").await;
    let ready = client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);

    let app = app.restart().await;

    let me = client.get(app.url("/api/v1/session")).send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(
        api_login(&app, "robin@example.org", PASSWORD).await,
        StatusCode::OK
    );
    assert!(!app.outbox_mails(1).await.is_empty(), "the welcome mail");
    app.stop().await;

    let admin = Database::connect(format!("{server}/postgres"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
}
