//! The release binary `bys serve` as a child process on a database, a real SMTP server and the
//! fake Google, killed with SIGKILL when the test says so or when the handle is dropped.
//!
//! The binary is the one `cargo build --release --locked -p web --bin bys` leaves in
//! `$CARGO_TARGET_DIR/release/` (or `target/release/`); `scripts/test` builds it first.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use adapters::sea_orm::DatabaseConnection;
use domain::{Role, Service, User};
use reqwest::{Client, StatusCode};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;
use tempfile::TempDir;
use uuid::Uuid;
use web::demo::Seeder;
use web::settings::Settings;
use web::startup::Stores;
use web::use_cases::UseCases;

use crate::calendar::fake_google::FakeGoogle;
use crate::calendar::support::service_account_key;
use crate::mail::smtp_server::SmtpServer;

/// Every customer's password.
pub const PASSWORD: &str = "crash test password";

/// How long anything here may take before the test fails instead of hanging.
pub const PATIENCE: Duration = Duration::from_mins(2);

/// The release binary.
fn release_binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
        PathBuf::from,
    );
    let binary = target.join("release/bys");
    assert!(
        binary.is_file(),
        "{} is missing: build it with `cargo build --release --locked -p web --bin bys`",
        binary.display()
    );
    binary
}

/// What every app process of a test shares: the mail server, the fake Google and its key.
pub struct Outside {
    pub smtp: SmtpServer,
    pub google: FakeGoogle,
    key: TempDir,
}

impl Outside {
    pub async fn start() -> Self {
        let smtp = SmtpServer::start();
        let google = FakeGoogle::start().await;
        let key = tempfile::tempdir().unwrap();
        std::fs::write(key.path().join("key.json"), service_account_key(&google)).unwrap();
        Self { smtp, google, key }
    }
}

/// A running `bys serve`. Dropping it kills the process.
pub struct AppProcess {
    pub address: String,
    child: Child,
}

impl AppProcess {
    /// Starts `bys serve` on `database_url`, mailing through `outside.smtp` and syncing to
    /// `outside.google`, with or without its background workers; returns once it is ready.
    pub async fn start(database_url: &str, outside: &Outside, workers: bool) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let data = outside.key.path();
        let child = Command::new(release_binary())
            .arg("serve")
            .current_dir(data)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("RUST_LOG", "warn")
            .env("BYS_SERVER__PORT", port.to_string())
            .env("BYS_DATABASE__URL", database_url)
            .env("BYS_MAIL__TRANSPORT", "smtp")
            .env("BYS_MAIL__SMTP__HOST", "127.0.0.1")
            .env("BYS_MAIL__SMTP__PORT", outside.smtp.port.to_string())
            .env("BYS_MAIL__SMTP__SECURITY", "none")
            .env("BYS_CALENDAR__BACKEND", "google")
            .env(
                "BYS_CALENDAR__GOOGLE__KEY_PATH",
                data.join("key.json").display().to_string(),
            )
            .env("BYS_CALENDAR__GOOGLE__BASE_URL", outside.google.base_url())
            .env("BYS_CALENDAR__GOOGLE__ROOT_URL", outside.google.root_url())
            .env("BYS_IMAGES__LOCAL_ROOT", data.join("images"))
            .env("BYS_WORKERS__ENABLED", workers.to_string())
            .env("BYS_WORKERS__DELIVERY_INTERVAL_MS", "100")
            // Deliveries claimed when the process is killed are handed out again after this.
            .env("BYS_WORKERS__DELIVERY_LEASE_SECONDS", "5")
            // Every client here is 127.0.0.1 and books far more than a person would.
            .env("BYS_LIMITS__BOOKINGS_PER_CUSTOMER_PER_HOUR", "0")
            .env("BYS_LIMITS__API_REQUESTS_PER_CLIENT_PER_MINUTE", "0")
            .env("BYS_LIMITS__API_REQUESTS_PER_CALLER_PER_MINUTE", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("the release binary starts");
        let mut app = Self {
            address: format!("http://127.0.0.1:{port}"),
            child,
        };
        app.wait_ready().await;
        app
    }

    async fn wait_ready(&mut self) {
        let client = Client::new();
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("bys serve exited at start-up: {status}");
            }
            let ready = client
                .get(self.url("/readyz"))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if ready.is_ok_and(|r| r.status() == StatusCode::OK) {
                return;
            }
            assert!(started.elapsed() < PATIENCE, "bys serve never got ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// SIGKILL: no shutdown, no flush, in-flight requests cut off.
    pub fn kill(&mut self) {
        // Err only when it has exited already.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for AppProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A provider open around the clock with a 30-minute service, and `customers` customers, all
/// with [`PASSWORD`], created through the app's own registration use case.
pub async fn seed(db: &DatabaseConnection, customers: usize) -> (User, Service, Vec<User>) {
    let stores = Stores::on_database(db);
    let settings = Settings::defaults().unwrap();
    let use_cases = UseCases::offline(&settings, &stores).await.unwrap();
    let seeder = Seeder::new(Arc::new(use_cases), &stores);
    let run = Uuid::now_v7().simple().to_string();
    let provider = seeder
        .user(
            Role::Provider,
            &format!("provider-{run}@example.org"),
            "Pat Provider",
            "UTC",
            PASSWORD,
        )
        .await
        .unwrap();
    seeder
        .hours(&provider, &[0, 1, 2, 3, 4, 5, 6], "00:00", "24:00")
        .await
        .unwrap();
    let service = seeder
        .service(
            &provider,
            "Check-up",
            "Half an hour.",
            30,
            "10",
            "EUR",
            None,
        )
        .await
        .unwrap();
    let mut people = Vec::new();
    for n in 0..customers {
        people.push(
            seeder
                .user(
                    Role::Customer,
                    &format!("customer-{n}-{run}@example.org"),
                    "Casey Customer",
                    "UTC",
                    PASSWORD,
                )
                .await
                .unwrap(),
        );
    }
    (provider, service, people)
}

/// A cookie-keeping client logged in as `user` through `POST /api/v1/session` on `app`.
pub async fn logged_in(app: &AppProcess, user: &User) -> Client {
    let client = Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let response = client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": user.email.as_str(), "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "login");
    client
}

/// The first `count` free starts of `service` (RFC 3339), from a day ahead.
pub async fn free_starts(app: &AppProcess, service: &Service, count: usize) -> Vec<String> {
    let from = chrono::Utc::now() + chrono::TimeDelta::days(1);
    let to = from + chrono::TimeDelta::days(30);
    let slots: Value = Client::new()
        .get(app.url(&format!("/api/v1/services/{}/slots", service.id)))
        .query(&[("from", from.to_rfc3339()), ("to", to.to_rfc3339())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let starts: Vec<String> = slots["slots"]
        .as_array()
        .expect("a slot list")
        .iter()
        .take(count)
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(starts.len(), count, "not enough free slots");
    starts
}

/// `POST /api/v1/appointments` for `start` on the app at `address`: the new appointment's id on 201, `Ok(None)` on
/// any other answer, `Err` when no answer came (connection refused or cut).
pub async fn book(
    client: &Client,
    address: &str,
    service: &Service,
    start: &str,
) -> Result<Option<Uuid>, reqwest::Error> {
    let response = client
        .post(format!("{address}/api/v1/appointments"))
        .json(&serde_json::json!({"service_id": service.id.to_string(), "start": start}))
        .send()
        .await?;
    if response.status() != StatusCode::CREATED {
        return Ok(None);
    }
    let body: Value = response.json().await?;
    Ok(Some(body["id"].as_str().unwrap().parse().unwrap()))
}

/// One row of the delivery queue.
#[derive(Debug, Clone)]
pub struct DeliveryRow {
    pub appointment: Uuid,
    pub channel: String,
    pub state: String,
}

/// The appointments in the database: id and start (UTC, RFC 3339).
pub async fn stored_appointments(db: &DatabaseConnection) -> Vec<(Uuid, String)> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id, session_start FROM appointments",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            let start: chrono::DateTime<chrono::Utc> = r.try_get("", "session_start").unwrap();
            (r.try_get("", "id").unwrap(), start.to_rfc3339())
        })
        .collect()
}

/// Every row of the delivery queue.
pub async fn deliveries(db: &DatabaseConnection) -> Vec<DeliveryRow> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT appointment_id, channel, state FROM deliveries",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| DeliveryRow {
            appointment: r.try_get("", "appointment_id").unwrap(),
            channel: r.try_get("", "channel").unwrap(),
            state: r.try_get("", "state").unwrap(),
        })
        .collect()
}

/// Waits (up to [`PATIENCE`]) until no delivery is pending, and returns the queue.
pub async fn settled_deliveries(db: &DatabaseConnection) -> Vec<DeliveryRow> {
    let started = Instant::now();
    loop {
        let rows = deliveries(db).await;
        if rows.iter().all(|d| d.state != "pending") {
            return rows;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "deliveries still pending: {}",
            rows.iter().filter(|d| d.state == "pending").count()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The appointment a mail is about: the id in its link.
fn appointment_of(text: &str) -> Option<Uuid> {
    let at = text.find("/appointments/")? + "/appointments/".len();
    text.get(at..at + 36)?.parse().ok()
}

/// What the receivers saw.
#[derive(Debug, Clone, Copy)]
pub struct Delivered {
    /// Distinct mails (by `Message-ID`).
    pub mails: usize,
    /// Mails received again with a `Message-ID` already seen: resends after a crash between
    /// the server's acceptance and its recording, which the receiver can drop.
    pub resent: usize,
    /// Live Google events.
    pub calendar_events: usize,
}

/// Checks that every appointment in `appointments` got exactly one booking mail to its
/// customer and one to `provider` as the receiver tells them apart (by `Message-ID`: a resend
/// carries the same one), that no other mail came, that every delivery is done and none is
/// without its appointment, and that each appointment has exactly one live event in Google.
pub async fn assert_delivered_once(
    db: &DatabaseConnection,
    outside: &Outside,
    provider: &User,
    appointments: &[(Uuid, String)],
) -> Delivered {
    let ids: std::collections::BTreeSet<Uuid> = appointments.iter().map(|(id, _)| *id).collect();
    let queue = settled_deliveries(db).await;
    for id in &ids {
        let mut channels: Vec<&str> = queue
            .iter()
            .filter(|d| d.appointment == *id)
            .map(|d| d.channel.as_str())
            .collect();
        channels.sort_unstable();
        assert_eq!(
            channels,
            ["calendar", "customer_email", "provider_email", "webhooks"],
            "the outbox rows of appointment {id}"
        );
    }
    assert!(
        queue.iter().all(|d| ids.contains(&d.appointment)),
        "a delivery without its appointment"
    );
    let failed: Vec<&DeliveryRow> = queue.iter().filter(|d| d.state != "done").collect();
    assert!(failed.is_empty(), "deliveries not done: {failed:?}");

    let mails = outside.smtp.received();
    let mut per_appointment: std::collections::BTreeMap<
        (Uuid, bool),
        std::collections::BTreeSet<String>,
    > = std::collections::BTreeMap::new();
    for mail in &mails {
        let id = appointment_of(&mail.text).expect("a mail naming its appointment");
        let to_provider = mail.rcpt_tos == [provider.email.as_str().to_owned()];
        let message_id = mail.message_id.clone().expect("a mail with a Message-ID");
        per_appointment
            .entry((id, to_provider))
            .or_default()
            .insert(message_id);
    }
    for id in &ids {
        for to_provider in [false, true] {
            assert_eq!(
                per_appointment
                    .get(&(*id, to_provider))
                    .map(std::collections::BTreeSet::len),
                Some(1),
                "distinct mails about {id} to the {}",
                if to_provider { "provider" } else { "customer" }
            );
        }
    }
    let distinct: usize = per_appointment
        .values()
        .map(std::collections::BTreeSet::len)
        .sum();
    assert_eq!(distinct, 2 * ids.len(), "mails about other appointments");

    let mut starts: Vec<String> = outside
        .google
        .calendars()
        .values()
        .flat_map(|c| {
            c.live_events()
                .into_iter()
                .map(|e| e.start.to_rfc3339())
                .collect::<Vec<_>>()
        })
        .collect();
    starts.sort();
    let mut expected: Vec<String> = appointments.iter().map(|(_, s)| s.clone()).collect();
    expected.sort();
    assert_eq!(starts, expected, "one Google event per appointment");
    assert_eq!(outside.google.violations(), Vec::<String>::new());
    Delivered {
        mails: distinct,
        resent: mails.len() - distinct,
        calendar_events: starts.len(),
    }
}
