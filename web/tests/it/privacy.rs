//! A user's own data. The export is read into strict types (any field missing, added or of
//! another type fails), which are the schema of `bys-export/1`. Erasure leaves no trace of
//! the person's email address or name in any column of any table, in the mail outbox folder
//! or in the image folder, on SQLite and on PostgreSQL, while the other party's history still
//! shows the appointment under the pseudonym.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{Role, Service, User};
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use secrecy::SecretString;
use serde::Deserialize;
use serde_json::json;

use crate::helpers::{
    PASSWORD, TestApp, browser, completed_appointment, form_token, settings_in, spawn_app,
    spawn_with, submit,
};
use crate::wiring::{fresh_postgres, multipart, png};

/// `bys-export/1`, field by field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Export {
    format: String,
    exported_at: DateTime<Utc>,
    profile: Profile,
    appointments: Vec<AppointmentRow>,
    reviews_written: Vec<ReviewRow>,
    reviews_received: Vec<ReviewRow>,
    waitlist: Vec<WaitlistRow>,
    api_tokens: Vec<TokenRow>,
    calendar_feed: Feed,
    audit: Vec<AuditRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct Profile {
    id: uuid::Uuid,
    email: String,
    name: String,
    role: String,
    zone: String,
    phone: Option<String>,
    calendar_email: Option<String>,
    has_photo: bool,
    active: bool,
    email_verified_at: Option<DateTime<Utc>>,
    review_requests: bool,
    language: Option<String>,
    privacy_consent: Option<Consent>,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct Consent {
    version: String,
    accepted_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct AppointmentRow {
    id: uuid::Uuid,
    #[serde(rename = "as")]
    side: String,
    service: Named,
    customer: Named,
    provider: Named,
    status: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    zone: String,
    note: Option<String>,
    booked_at: DateTime<Utc>,
    reschedules: Vec<RescheduleRow>,
    cancellation: Option<CancellationRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Named {
    #[allow(dead_code, reason = "parsed as the schema")]
    id: uuid::Uuid,
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "parsed as the schema")]
struct RescheduleRow {
    from_start: DateTime<Utc>,
    to_start: DateTime<Utc>,
    by: String,
    at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "parsed as the schema")]
struct CancellationRow {
    by: String,
    reason: Option<String>,
    at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct ReviewRow {
    id: uuid::Uuid,
    appointment: uuid::Uuid,
    stars: u8,
    text: Option<String>,
    created_at: DateTime<Utc>,
    reply: Option<String>,
    hidden: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct WaitlistRow {
    id: uuid::Uuid,
    service: Named,
    joined_at: DateTime<Utc>,
    state: String,
    window: WindowRow,
    hold: Option<HoldRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct WindowRow {
    first_day: chrono::NaiveDate,
    last_day: chrono::NaiveDate,
    from: String,
    until: String,
    zone: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "parsed as the schema")]
struct HoldRow {
    appointment: uuid::Uuid,
    expires_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct TokenRow {
    id: uuid::Uuid,
    name: String,
    created_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Feed {
    issued: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "the fields are the schema; some are only parsed")]
struct AuditRow {
    at: DateTime<Utc>,
    action: String,
    target: String,
    by_you: bool,
}

/// Books the first free slot of `service` with a note, through the API.
async fn book_with_note(app: &TestApp, client: &Client, service: &Service, note: &str) -> String {
    let start = app.first_free_slot(client, service).await;
    let booked: serde_json::Value = client
        .post(app.url("/api/v1/appointments"))
        .json(&json!({"service_id": service.id.to_string(), "start": start, "note": note}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    booked["id"].as_str().expect("an appointment id").to_owned()
}

/// Joins the waitlist of `service` for mornings in the first week of 2030, through the API.
async fn join_waitlist(app: &TestApp, client: &Client, service: &Service) {
    let joined = client
        .post(app.url(&format!("/api/v1/services/{}/waitlist", service.id)))
        .json(&json!({"first_day": "2030-01-07", "last_day": "2030-01-11",
                      "from": "09:00", "until": "12:00", "zone": "Europe/London"}))
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), StatusCode::CREATED);
}

/// Reviews the completed appointment `id` through the API; returns the review's id.
async fn review(app: &TestApp, client: &Client, id: domain::AppointmentId, text: &str) -> String {
    let written: serde_json::Value = client
        .put(app.url(&format!("/api/v1/appointments/{id}/review")))
        .json(&json!({"stars": 4, "text": text}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    written["id"].as_str().expect("a review id").to_owned()
}

#[tokio::test]
async fn the_export_holds_what_the_user_sees_in_the_strict_versioned_shape() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let customer = app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    book_with_note(&app, &casey, &service, "Side door please").await;
    let done = completed_appointment(&app, &service, &customer).await;
    review(&app, &casey, done.id, "Lovely").await;
    let created = submit(
        &casey,
        &app,
        "/account",
        "/account/api-tokens",
        &[("name", "Script")],
    )
    .await;
    assert_eq!(created.status(), StatusCode::OK);
    let html = created.text().await.unwrap();
    let marker = r#"id="new-token" type="text" readonly value=""#;
    let start = html.find(marker).expect("the new token shown once") + marker.len();
    let secret = html[start..].split('"').next().unwrap().to_owned();
    assert!(secret.len() > 20);
    submit(&casey, &app, "/account", "/account/calendar-feed", &[]).await;
    join_waitlist(&app, &casey, &service).await;

    let page = casey.get(app.url("/account")).send().await.unwrap();
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("href=\"/account/export\"")
    );
    let download = casey.get(app.url("/account/export")).send().await.unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    let disposition = download.headers()["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"bys-export-")
            && disposition.ends_with(".json\""),
        "{disposition}"
    );
    let raw = download.text().await.unwrap();
    assert!(
        !raw.contains("argon2") && !raw.contains(&secret),
        "no password hash or token secret"
    );
    let export: Export = serde_json::from_str(&raw).unwrap();
    assert_eq!(export.format, "bys-export/1");
    assert_eq!(export.profile.email, "casey@example.org");
    assert_eq!(export.profile.name, "Casey Customer");
    assert_eq!(export.appointments.len(), 2);
    for row in &export.appointments {
        assert_eq!(row.side, "customer");
        assert_eq!(row.provider.name.as_deref(), Some("Salon Test"));
        assert_eq!(row.customer.name.as_deref(), Some("Casey Customer"));
        assert_eq!(row.service.name.as_deref(), Some("Haircut"));
        assert_eq!(row.zone, "Europe/London");
        assert!(row.start < row.end);
    }
    assert!(
        export
            .appointments
            .iter()
            .any(|a| a.note.as_deref() == Some("Side door please"))
    );
    assert_eq!(export.reviews_written.len(), 1);
    assert_eq!(export.reviews_written[0].text.as_deref(), Some("Lovely"));
    assert!(export.reviews_received.is_empty());
    assert_eq!(export.waitlist.len(), 1);
    assert_eq!(export.waitlist[0].service.name.as_deref(), Some("Haircut"));
    assert_eq!(export.waitlist[0].state, "waiting");
    assert_eq!(export.waitlist[0].window.from, "09:00");
    assert_eq!(export.api_tokens.len(), 1);
    assert_eq!(export.api_tokens[0].name, "Script");
    assert!(export.calendar_feed.issued);
    assert!(export.audit.is_empty(), "no staff acted on the account");

    let api: serde_json::Value = casey
        .get(app.url("/api/v1/me/export"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut page: serde_json::Value = serde_json::from_str(&raw).unwrap();
    page["exported_at"] = api["exported_at"].clone();
    assert_eq!(api, page, "the API gives the same document");

    let salon = app.logged_in("salon@example.org").await;
    let provider: Export = salon
        .get(app.url("/api/v1/me/export"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(provider.appointments.len(), 2);
    assert!(provider.appointments.iter().all(|a| a.side == "provider"));
    assert_eq!(provider.reviews_received.len(), 1);
    assert!(provider.exported_at <= Utc::now());
}

/// The people erased and what must not be found after: addresses and names, each word too.
const ZEBULON: (&str, &str) = ("zebulon.quartzfield@example.org", "Zebulon Quartzfield");
const OPHELIA: (&str, &str) = ("ophelia.thistlewood@example.org", "Ophelia Thistlewood");
const NEEDLES: &[&str] = &[
    "zebulon.quartzfield@example.org",
    "zebulon quartzfield",
    "zebulon",
    "quartzfield",
    "ophelia.thistlewood@example.org",
    "ophelia thistlewood",
    "ophelia",
    "thistlewood",
];

async fn person(app: &TestApp, role: Role, (email, name): (&str, &str)) -> User {
    app.seeder
        .user(role, email, name, "Europe/Berlin", PASSWORD)
        .await
        .unwrap()
}

async fn upload_photo(app: &TestApp, client: &Client, action: &str) {
    let token = form_token(client, app, "/account").await;
    let (content_type, body) = multipart("photo", &png(200));
    let uploaded = client
        .post(app.url(&format!("{action}?csrf_token={token}")))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::SEE_OTHER, "{action}");
}

/// Deletes the account `client` is signed in to, after a wrong password first.
async fn delete_account(app: &TestApp, client: &Client) {
    let form = client.get(app.url("/account/delete")).send().await.unwrap();
    assert_eq!(form.status(), StatusCode::OK);
    let refused = submit(
        client,
        app,
        "/account/delete",
        "/account/delete",
        &[("password", "not my password")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let deleted = submit(
        client,
        app,
        "/account/delete",
        "/account/delete",
        &[("password", PASSWORD)],
    )
    .await;
    assert_eq!(deleted.status(), StatusCode::OK);
    assert!(
        deleted
            .text()
            .await
            .unwrap()
            .contains("id=\"account-deleted\"")
    );
    let after = client.get(app.url("/account")).send().await.unwrap();
    assert_eq!(after.status(), StatusCode::SEE_OTHER, "signed out");
}

/// Every `(table, column)` of the database whose text (any column, cast to text, lower-cased)
/// contains a needle.
async fn hits_in_database(db: &DatabaseConnection) -> Vec<String> {
    let backend = db.get_database_backend();
    let listing = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS t, column_name AS c FROM information_schema.columns \
             WHERE table_schema = 'public'"
        }
        _ => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table'"
        }
    };
    let columns = db
        .query_all_raw(Statement::from_string(backend, listing))
        .await
        .unwrap();
    assert!(columns.len() > 50, "every table's columns are listed");
    let mut hits = Vec::new();
    for row in columns {
        let (table, column): (String, String) =
            (row.try_get("", "t").unwrap(), row.try_get("", "c").unwrap());
        for needle in NEEDLES {
            let sql = format!(
                r#"SELECT count(*) AS n FROM "{table}" WHERE lower(CAST("{column}" AS TEXT)) LIKE '%{needle}%'"#
            );
            let found = db
                .query_one_raw(Statement::from_string(backend, sql))
                .await
                .unwrap()
                .unwrap();
            let n: i64 = found.try_get("", "n").unwrap();
            if n > 0 {
                hits.push(format!("{table}.{column} has {needle:?} {n} times"));
            }
        }
    }
    hits
}

/// Every file under `folder` that contains a needle (ignoring case; quoted-printable line
/// breaks undone).
fn hits_in_folder(folder: &Path) -> Vec<String> {
    let mut hits = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return hits;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            hits.extend(hits_in_folder(&path));
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).to_lowercase();
        let unfolded = text
            .replace("=\r\n", "")
            .replace("=\n", "")
            .replace("=40", "@");
        for needle in NEEDLES {
            if text.contains(needle) || unfolded.contains(needle) {
                hits.push(format!("{} has {needle:?}", path.display()));
            }
        }
    }
    hits
}

/// What the erasure test sets up: Zebulon (a customer) and Ophelia (a provider) with past and
/// upcoming appointments, notes, reviews, a reply and photos; the ids the other sides keep.
struct Scene {
    zeb: Client,
    oph: Client,
    cas: Client,
    at_salon: [String; 2],
    with_ophelia: [String; 2],
}

async fn set_up(app: &TestApp) -> Scene {
    let (_, salon_service) = app.provider_with_service("salon@example.org").await;
    let casey = app.customer("casey@example.org").await;
    let zebulon = person(app, Role::Customer, ZEBULON).await;
    let ophelia = person(app, Role::Provider, OPHELIA).await;
    app.seeder
        .hours(&ophelia, &[0, 1, 2, 3, 4, 5, 6], "09:00", "17:00")
        .await
        .unwrap();
    let massage = app
        .seeder
        .service(&ophelia, "Massage", "Relaxing.", 60, "40", "EUR", None)
        .await
        .unwrap();

    // Zebulon books the salon (with a note naming himself), has a reviewed past visit there,
    // and a profile photo.
    let zeb = app.logged_in(ZEBULON.0).await;
    let upcoming_at_salon =
        book_with_note(app, &zeb, &salon_service, "Zebulon Quartzfield, ring twice").await;
    let past_at_salon = completed_appointment(app, &salon_service, &zebulon).await;
    review(
        app,
        &zeb,
        past_at_salon.id,
        "Zebulon Quartzfield says: great",
    )
    .await;
    upload_photo(app, &zeb, "/account/photo").await;

    // Casey books Ophelia, and has a reviewed past visit that Ophelia answered, signing it.
    let cas = app.logged_in("casey@example.org").await;
    let upcoming_with_ophelia = book_with_note(app, &cas, &massage, "See you").await;
    let past_with_ophelia = completed_appointment(app, &massage, &casey).await;
    let review_id = review(app, &cas, past_with_ophelia.id, "Relaxing").await;
    let oph = app.logged_in(OPHELIA.0).await;
    let replied = oph
        .put(app.url(&format!("/api/v1/reviews/{review_id}/reply")))
        .json(&json!({"text": "Thank you, Ophelia Thistlewood"}))
        .send()
        .await
        .unwrap();
    assert_eq!(replied.status(), StatusCode::OK);
    upload_photo(app, &oph, &format!("/services/{}/photo", massage.id)).await;
    Scene {
        zeb,
        oph,
        cas,
        at_salon: [past_at_salon.id.to_string(), upcoming_at_salon],
        with_ophelia: [past_with_ophelia.id.to_string(), upcoming_with_ophelia],
    }
}

async fn erasure_leaves_no_trace_of_the_person(app: TestApp) {
    let scene = set_up(&app).await;
    // The booking mails of both sides are out (two bookings each), naming both.
    let to = |mails: &[String], address: &str| mails.iter().filter(|m| m.contains(address)).count();
    let mails = app
        .outbox_until(|mails| {
            [
                ZEBULON.0,
                OPHELIA.0,
                "salon@example.org",
                "casey@example.org",
            ]
            .iter()
            .all(|address| to(mails, address) >= 2)
        })
        .await;
    assert!(
        mails.iter().any(|m| m.contains(ZEBULON.1)) && mails.iter().any(|m| m.contains(OPHELIA.1))
    );

    delete_account(&app, &scene.zeb).await;
    delete_account(&app, &scene.oph).await;

    // The other sides are told of the cancellations, under the pseudonyms.
    let told = |mails: &[String], address: &str, pseudonym: &str| {
        mails
            .iter()
            .any(|m| m.contains(address) && m.contains(pseudonym))
    };
    let mails = app
        .outbox_until(|mails| {
            told(mails, "salon@example.org", "Deleted customer")
                && told(mails, "casey@example.org", "Deleted provider")
        })
        .await;
    assert!(
        told(&mails, "salon@example.org", "Deleted customer"),
        "the salon is told"
    );
    assert!(
        told(&mails, "casey@example.org", "Deleted provider"),
        "Casey is told"
    );

    let db = app.stores.database.clone().expect("a database");
    let hits = hits_in_database(&db).await;
    assert!(hits.is_empty(), "found in the database: {hits:#?}");
    let hits = hits_in_folder(&app.dir.path().join("outbox"));
    assert!(hits.is_empty(), "found in the outbox: {hits:#?}");
    let images = app.dir.path().join("images");
    let hits = hits_in_folder(&images);
    assert!(hits.is_empty(), "found in the images: {hits:#?}");
    let files = walk(&images);
    assert!(
        files.is_empty(),
        "the photos' objects are deleted: {files:?}"
    );

    the_other_sides_history_renders(&app, &scene).await;
    app.stop().await;
}

/// The salon sees Zebulon's appointments under the pseudonym; Casey's appointments with
/// Ophelia still open, and her export names the pseudonym.
async fn the_other_sides_history_renders(app: &TestApp, scene: &Scene) {
    let salon = app.logged_in("salon@example.org").await;
    for id in &scene.at_salon {
        let page = salon
            .get(app.url(&format!("/appointments/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.unwrap().contains("Deleted customer"));
    }
    // In the reader's language, as their mails and calendar entries name them.
    let german = salon
        .get(app.url(&format!("/appointments/{}", scene.at_salon[0])))
        .header("Accept-Language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(german.contains("Gelöschter Kunde"), "{german}");
    for id in &scene.with_ophelia {
        let page = scene
            .cas
            .get(app.url(&format!("/appointments/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
    }
    let dashboard = scene.cas.get(app.url("/dashboard")).send().await.unwrap();
    let html = dashboard.text().await.unwrap();
    assert!(html.contains(&scene.with_ophelia[0]), "{html}");
    let export: Export = scene
        .cas
        .get(app.url("/api/v1/me/export"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        export
            .appointments
            .iter()
            .all(|a| a.provider.name.as_deref() == Some("Deleted provider")),
        "{export:?}"
    );
}

/// The files under `folder`, recursively.
fn walk(folder: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .flat_map(|e| {
            let path = e.path();
            if path.is_dir() {
                walk(&path)
            } else {
                vec![path]
            }
        })
        .collect()
}

#[tokio::test]
async fn erasure_leaves_no_trace_of_the_person_on_sqlite() {
    erasure_leaves_no_trace_of_the_person(spawn_app().await).await;
}

#[tokio::test]
async fn erasure_leaves_no_trace_of_the_person_on_postgresql() {
    let (server, name) = fresh_postgres().await;
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.database.url = SecretString::from(format!("{server}/{name}"));
    erasure_leaves_no_trace_of_the_person(spawn_with(settings, dir).await).await;
    let admin = sea_orm::Database::connect(format!("{server}/postgres"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
}

#[tokio::test]
async fn the_only_administrator_is_told_to_appoint_another_before_deleting_their_account() {
    let app = spawn_app().await;
    app.staff(Role::Admin, "boss@example.org").await;
    let boss = app.logged_in("boss@example.org").await;
    let refused = submit(
        &boss,
        &app,
        "/account/delete",
        "/account/delete",
        &[("password", PASSWORD)],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("only administrator"));
    let still = boss.get(app.url("/account")).send().await.unwrap();
    assert_eq!(still.status(), StatusCode::OK, "still signed in");
    app.staff(Role::Admin, "deputy@example.org").await;
    delete_account(&app, &boss).await;
}

#[tokio::test]
async fn the_privacy_notice_is_shown_in_the_visitor_s_language_where_the_operator_wrote_one() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.privacy.notice = "We keep your name.".to_owned();
    settings.privacy.translations = [("de".to_owned(), "Wir speichern Ihren Namen.".to_owned())]
        .into_iter()
        .collect();
    let app = spawn_with(settings, dir).await;
    let notice_in = |language: &'static str| {
        let request = browser()
            .get(app.url("/privacy"))
            .header("Accept-Language", language);
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    let german = notice_in("de").await;
    assert!(
        german.contains("<p>Wir speichern Ihren Namen.</p>"),
        "{german}"
    );
    assert!(!german.contains("We keep your name."), "{german}");
    // French has no translation here: the notice as written.
    let french = notice_in("fr").await;
    assert!(french.contains("<p>We keep your name.</p>"), "{french}");
}
