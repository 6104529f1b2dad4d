//! `spawn_app()` and what tests share: seeded data, clients, form helpers.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use domain::{Role, Service, User};
use reqwest::{Client, Response, StatusCode};
use secrecy::SecretString;
use serde_json::Value;
use tempfile::TempDir;
use tokio::task::JoinHandle;
use web::demo::Seeder;
use web::settings::Settings;
use web::startup::{Application, StopHandle, Stores};

/// A running app on its own SQLite file (or PostgreSQL database), with its outbox and image
/// folders in a temporary folder.
pub struct TestApp {
    pub address: String,
    /// The separate `/metrics` address (`metrics.listen`), if configured.
    pub metrics_address: Option<std::net::SocketAddr>,
    pub seeder: Seeder,
    pub settings: Settings,
    /// The data folder: database file, outbox, images.
    pub dir: Arc<TempDir>,
    /// The stores behind the app, for tests that set up what no page can (staff accounts,
    /// failed deliveries).
    pub stores: Stores,
    stop: StopHandle,
    running: JoinHandle<anyhow::Result<()>>,
}

/// The defaults with everything under `dir`, a random port and a quick delivery worker.
pub fn settings_in(dir: &Path) -> Settings {
    let mut settings = Settings::defaults().expect("the embedded settings load");
    settings.server.port = 0;
    settings.database.url =
        SecretString::from(format!("sqlite://{}/bys.db?mode=rwc", dir.display()));
    settings.mail.outbox_folder = dir.join("outbox").display().to_string();
    settings.images.local_root = dir.join("images").display().to_string();
    settings.workers.delivery_interval_ms = 50;
    settings
}

/// Starts the app through the real startup on 127.0.0.1 with a random port, on an SQLite file
/// in a fresh temporary folder.
pub async fn spawn_app() -> TestApp {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let settings = settings_in(dir.path());
    spawn_with(settings, dir).await
}

/// Starts the app with `settings`, keeping `dir` alive as long as the app.
pub async fn spawn_with(settings: Settings, dir: Arc<TempDir>) -> TestApp {
    web::telemetry::init_for_tests();
    let stores = Stores::open(&settings).await.expect("the stores open");
    // Boxed: the start-up future is large, and tests hold it inside their own.
    let app = Box::pin(Application::start(&settings, &stores))
        .await
        .expect("the app starts");
    let address = format!("http://{}", app.address);
    let metrics_address = app.metrics_address;
    let seeder = Seeder::new(app.state.use_cases.clone(), &stores);
    let stop = app.stop_handle();
    let running = tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        metrics_address,
        seeder,
        settings,
        dir,
        stores,
        stop,
        running,
    }
}

impl TestApp {
    /// Stops this app: the server and the workers.
    pub async fn stop(self) {
        self.stop.stop();
        self.running.await.unwrap().unwrap();
    }

    /// Stops this app (server and workers) and starts a new one on the same data.
    pub async fn restart(self) -> TestApp {
        self.stop.stop();
        self.running.await.unwrap().unwrap();
        spawn_with(self.settings, self.dir).await
    }

    /// The `.eml` files in the outbox folder, waiting (up to a generous limit, for the
    /// delivery worker) until at least `count` are there.
    pub async fn outbox_mails(&self, count: usize) -> Vec<String> {
        self.outbox_until(|mails| mails.len() >= count).await
    }

    /// The `.eml` files in the outbox folder, waiting (up to a generous limit) until `done`
    /// holds for them.
    pub async fn outbox_until(&self, done: impl Fn(&[String]) -> bool) -> Vec<String> {
        let folder = self.dir.path().join("outbox");
        for _ in 0..400 {
            let mails = read_mails(&folder);
            if done(&mails) {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        read_mails(&folder)
    }
}

fn read_mails(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut mails: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    mails.sort();
    mails
}

pub const PASSWORD: &str = "correct horse battery";

/// A client that keeps cookies, like a browser, and does not follow redirects (so tests see
/// them).
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A provider in Paris, open 09:00–17:00 every day, with a 60-minute haircut.
    pub async fn provider_with_service(&self, email: &str) -> (User, Service) {
        self.provider_in("Europe/Paris", email, ("09:00", "17:00"))
            .await
    }

    /// A provider in `zone`, open `hours` every day, with a 60-minute haircut.
    pub async fn provider_in(
        &self,
        zone: &str,
        email: &str,
        hours: (&str, &str),
    ) -> (User, Service) {
        let provider = self
            .seeder
            .user(Role::Provider, email, "Salon Test", zone, PASSWORD)
            .await
            .unwrap();
        self.seeder
            .hours(&provider, &[0, 1, 2, 3, 4, 5, 6], hours.0, hours.1)
            .await
            .unwrap();
        let service = self
            .seeder
            .service(&provider, "Haircut", "Wash and cut.", 60, "25", "EUR", None)
            .await
            .unwrap();
        (provider, service)
    }

    /// A staff account (`role` admin or support) with [`PASSWORD`], created as the first admin
    /// is (`bys create-admin`).
    pub async fn staff(&self, role: Role, email: &str) -> User {
        self.seeder
            .user(role, email, "Staff Member", "UTC", PASSWORD)
            .await
            .unwrap()
    }

    /// A customer account.
    pub async fn customer(&self, email: &str) -> User {
        self.seeder
            .user(
                Role::Customer,
                email,
                "Casey Customer",
                "Europe/London",
                PASSWORD,
            )
            .await
            .unwrap()
    }

    /// A browser logged in as `email` through the API.
    pub async fn logged_in(&self, email: &str) -> Client {
        let client = browser();
        let response = client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "login as {email}");
        client
    }

    /// The first free slot of `service` (UTC, RFC 3339) as the API lists it.
    pub async fn first_free_slot(&self, client: &Client, service: &Service) -> String {
        self.first_free_slot_from(client, service, None).await
    }

    /// The first free start of `service` at or after `from` (default: the API's window).
    pub async fn first_free_slot_from(
        &self,
        client: &Client,
        service: &Service,
        from: Option<chrono::DateTime<chrono::Utc>>,
    ) -> String {
        let from: Vec<_> = from
            .map(|at| {
                (
                    "from",
                    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                )
            })
            .into_iter()
            .collect();
        let slots: Value = client
            .get(self.url(&format!("/api/v1/services/{}/slots", service.id)))
            .query(&from)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        slots["slots"][0]["start"]
            .as_str()
            .expect("a free slot")
            .to_owned()
    }

    /// Books `start` of `service` through the API.
    pub async fn book(
        &self,
        client: &Client,
        service: &Service,
        start: &str,
        key: Option<&str>,
    ) -> Response {
        let mut request = client
            .post(self.url("/api/v1/appointments"))
            .json(&serde_json::json!({"service_id": service.id.to_string(), "start": start}));
        if let Some(key) = key {
            request = request.header("Idempotency-Key", key);
        }
        request.send().await.unwrap()
    }
}

/// The CSRF token in a page's forms.
pub fn csrf_token(html: &str) -> String {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_owned()
}

/// Fetches `path` and returns the CSRF token of its form.
pub async fn form_token(client: &Client, app: &TestApp, path: &str) -> String {
    let html = client
        .get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    csrf_token(&html)
}

/// Asserts that `response` is a problem document with `status` and returns it.
pub async fn assert_problem(response: Response, status: StatusCode) -> Value {
    assert_eq!(response.status(), status);
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        content_type.starts_with("application/problem+json"),
        "content type {content_type}"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], status.as_u16());
    assert!(body["type"].is_string() && body["title"].is_string());
    body
}

/// Fetches `page` for its CSRF token, then posts `fields` (with the token) to `action`, as a
/// browser submitting a form on that page would.
pub async fn submit(
    client: &Client,
    app: &TestApp,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Response {
    let token = form_token(client, app, page).await;
    let mut form: Vec<(&str, &str)> = fields.to_vec();
    form.push(("csrf_token", token.as_str()));
    client
        .post(app.url(action))
        .form(&form)
        .send()
        .await
        .unwrap()
}

/// The `Location` of a redirect.
pub fn location(response: &Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A GET of `path` as `client`.
pub async fn get(client: &Client, app: &TestApp, path: &str) -> Response {
    client.get(app.url(path)).send().await.unwrap()
}

/// The body of a GET of `path`, asserting `status`.
pub async fn page(client: &Client, app: &TestApp, path: &str, status: StatusCode) -> String {
    let response = get(client, app, path).await;
    assert_eq!(response.status(), status, "GET {path}");
    response.text().await.unwrap()
}

/// Books the first free slot of `service` a day or more ahead as `client` and returns the
/// appointment id: far enough ahead to be cancelled or moved under the default policy's
/// 12-hour cut-off, whatever the time of day the test runs at.
pub async fn book_first(app: &TestApp, client: &Client, service: &Service) -> String {
    let from = chrono::Utc::now() + chrono::TimeDelta::days(1);
    let start = app.first_free_slot_from(client, service, Some(from)).await;
    let booked: Value = app
        .book(client, service, &start, None)
        .await
        .json()
        .await
        .unwrap();
    booked["id"].as_str().expect("an appointment id").to_owned()
}

/// A completed appointment of `customer` with `service` that took place two days ago, stored
/// directly (no page can complete an appointment that has not started).
pub async fn completed_appointment(
    app: &TestApp,
    service: &Service,
    customer: &User,
) -> domain::Appointment {
    past_appointment(app, service, customer, domain::AppointmentStatus::Completed).await
}

/// An appointment of `customer` with `service` that took place two days ago, in `status`,
/// stored directly.
pub async fn past_appointment(
    app: &TestApp,
    service: &Service,
    customer: &User,
    status: domain::AppointmentStatus,
) -> domain::Appointment {
    use application::{AppointmentEvent, ChangeKind};
    use chrono::{DurationRound, TimeDelta, Utc};
    use domain::{Appointment, AppointmentId};
    let start = (Utc::now() - TimeDelta::days(2))
        .duration_trunc(TimeDelta::hours(1))
        .unwrap();
    let appointment = Appointment {
        id: AppointmentId::from_uuid(uuid::Uuid::now_v7()),
        service: service.id,
        provider: service.provider,
        customer: customer.id,
        session: service.timing.session(start),
        blocked: service.timing.blocked(start),
        status,
        note: None,
        created_at: start - TimeDelta::days(1),
        revision: 1,
        reschedules: Vec::new(),
        cancellation: None,
        series: None,
    };
    let booked = AppointmentEvent::new(ChangeKind::Booked, &appointment, appointment.created_at);
    app.stores
        .appointments
        .insert(&appointment, None, &booked)
        .await
        .unwrap();
    appointment
}

/// The path of the newest link starting with `prefix` (`/reset-password/`) in a mail to
/// `email`; the token is the hex digits after the prefix (quoted-printable soft line breaks
/// undone).
pub fn mailed_link(mails: &[String], email: &str, prefix: &str) -> String {
    let unfolded = |m: &String| m.replace("=\r\n", "").replace("=\n", "");
    let mail = mails
        .iter()
        .map(unfolded)
        .rev()
        .find(|m| m.contains(email) && m.contains(prefix))
        .unwrap_or_else(|| panic!("a mail to {email} with a {prefix} link"));
    let start = mail.find(prefix).unwrap() + prefix.len();
    let token: String = mail[start..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    format!("{prefix}{token}")
}
