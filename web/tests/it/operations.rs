//! What operators see: `/readyz` with the delivery queue, Prometheus `/metrics` on the main port
//! (behind a bearer token) or on a port of its own, and `bys serve` stopping on SIGTERM.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::Value;
use web::startup::Stores;
use web::use_cases::UseCases;

use crate::helpers::{PASSWORD, TestApp, book_first, browser, settings_in, spawn_with};

/// An app without workers (deliveries stay pending), with `change` applied to its settings.
async fn app_without_workers(change: impl FnOnce(&mut web::settings::Settings)) -> TestApp {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.workers.enabled = false;
    change(&mut settings);
    spawn_with(settings, dir).await
}

/// A booking by a new customer, whose deliveries (two mails, one calendar update) wait.
async fn one_booking(app: &TestApp) {
    let (_, service) = app.provider_with_service("pro@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    book_first(app, &client, &service).await;
}

#[tokio::test]
async fn readyz_checks_the_database_and_reports_the_delivery_queue() {
    let app = app_without_workers(|_| {}).await;
    one_booking(&app).await;
    let response = browser().get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["ready"], true, "{body}");
    assert_eq!(body["database"], "ok", "{body}");
    let queues = body["deliveries"].as_array().expect("deliveries");
    let channels: BTreeSet<&str> = queues
        .iter()
        .map(|q| q["channel"].as_str().unwrap())
        .collect();
    assert_eq!(
        channels,
        BTreeSet::from(["calendar", "customer_email", "provider_email", "webhooks"])
    );
    assert!(queues.iter().all(|q| q["pending"] == 1), "{body}");
}

#[tokio::test]
async fn readyz_answers_503_once_a_due_delivery_has_waited_too_long_for_a_worker() {
    let app = app_without_workers(|s| s.health.max_delivery_wait_seconds = 1).await;
    one_booking(&app).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let response = browser().get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["database"], "ok", "{body}");
    assert_eq!(body["ready"], false, "{body}");
    let healthz = browser().get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        healthz.status(),
        StatusCode::OK,
        "liveness is not readiness"
    );
}

/// Every series the README lists, after a booking, a page view and a failed login.
const SERIES: [&str; 12] = [
    "bys_http_requests_total{method=\"POST\",route=\"/api/v1/appointments\",status=\"201\"}",
    "bys_http_request_duration_seconds_bucket{method=\"GET\",route=\"/services/:id\"",
    "bys_db_pool_connections{state=\"idle\"}",
    "bys_db_pool_max_connections",
    "bys_delivery_queue_depth{channel=\"calendar\"} 1",
    "bys_delivery_oldest_pending_age_seconds{channel=\"customer_email\"}",
    "bys_delivery_waiting_seconds{channel=\"provider_email\"}",
    "bys_deliveries_failed{channel=\"calendar\"} 0",
    "bys_calendar_sync_lag_seconds",
    "bys_login_failures_total{reason=\"wrong_credentials\"} 1",
    "bys_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}",
    // Recorded by this test through the `metrics` facade, as any other module may.
    "bys_rate_limit_refusals_total{door=\"test\"} 1",
];

#[tokio::test]
async fn metrics_on_the_main_port_need_the_bearer_token_and_list_every_series() {
    let app = app_without_workers(|s| {
        s.metrics.enabled = true;
        s.metrics.bearer_token = SecretString::from("scrape-secret");
    })
    .await;
    one_booking(&app).await;
    let client = browser();
    let (_, service) = app.provider_with_service("other@example.org").await;
    let page = client
        .get(app.url(&format!("/services/{}", service.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let missing = client.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let refused = client
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": "casey@example.org", "password": "wrong"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    metrics::counter!("bys_rate_limit_refusals_total", "door" => "test").increment(1);

    let anonymous = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let wrong = client
        .get(app.url("/metrics"))
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let scraped = client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(scraped.status(), StatusCode::OK);
    let text = scraped.text().await.unwrap();
    for series in SERIES {
        assert!(text.contains(series), "{series} missing from:\n{text}");
    }
    assert!(
        !text.contains(&service.id.to_string()),
        "raw paths must not become labels"
    );
}

#[tokio::test]
async fn metrics_on_a_separate_port_are_not_on_the_main_one() {
    let app = app_without_workers(|s| {
        s.metrics.enabled = true;
        s.metrics.listen = "127.0.0.1:0".to_owned();
    })
    .await;
    let client = browser();
    let main = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(main.status(), StatusCode::NOT_FOUND);
    let address = app.metrics_address.expect("a metrics address");
    let scraped = client
        .get(format!("http://{address}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(scraped.status(), StatusCode::OK);
    let text = scraped.text().await.unwrap();
    assert!(text.contains("bys_delivery_queue_depth"), "{text}");
    assert!(text.contains("bys_http_requests_total"), "{text}");
}

#[tokio::test]
async fn metrics_are_off_by_default() {
    let app = app_without_workers(|_| {}).await;
    let response = browser().get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// Customers booking against the `bys` process while it gets SIGTERM.
const SHUTDOWN_CLIENTS: usize = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigterm_stops_accepting_finishes_requests_and_loses_no_acknowledged_booking() {
    let dir = tempfile::tempdir().unwrap();
    let (db, service) = seed_for_shutdown(&dir).await;
    let (mut child, address) = start_bys(&dir).await;
    let acknowledged = Arc::new(tokio::sync::Mutex::new(Vec::<String>::new()));
    let mut clients = book_until_refused(&address, &service, &acknowledged).await;
    // SIGTERM in the middle of the bookings: once some are acknowledged, long before the
    // clients run out of free times (however fast the app books).
    let waited = Instant::now();
    while acknowledged.lock().await.len() < 20 {
        assert!(waited.elapsed() < Duration::from_secs(30), "no bookings");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let before_term = acknowledged.lock().await.len();
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let signalled = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(10),
            "bys did not stop"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let stopped_after = signalled.elapsed();
    let mut refused = 0;
    while let Some(joined) = clients.join_next().await {
        refused += usize::from(joined.unwrap());
    }
    assert!(status.success(), "bys exited with {status}");
    assert!(refused > 0, "the stopped server still accepted connections");

    let acknowledged = acknowledged.lock().await.clone();
    eprintln!(
        "shutdown figures: {before_term} bookings acknowledged before SIGTERM, {} in all; stopped {stopped_after:?} after it",
        acknowledged.len()
    );
    assert!(before_term > 0, "nothing was booked before SIGTERM");
    let kept = ids_of(&db, "SELECT id FROM appointments").await;
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !kept.contains(*id))
        .collect();
    assert!(lost.is_empty(), "acknowledged bookings lost: {lost:?}");
    let leased = ids_of(
        &db,
        "SELECT id FROM deliveries WHERE state = 'pending' AND claim IS NOT NULL",
    )
    .await;
    assert!(leased.is_empty(), "deliveries left claimed after the stop");
}

/// A provider open around the clock with a 30-minute service and [`SHUTDOWN_CLIENTS`]
/// customers (`c0@example.org`, …) in `dir`'s database; returns a connection to it.
async fn seed_for_shutdown(
    dir: &tempfile::TempDir,
) -> (adapters::sea_orm::DatabaseConnection, domain::Service) {
    let settings = settings_in(dir.path());
    let stores = Stores::open(&settings).await.unwrap();
    let use_cases = UseCases::offline(&settings, &stores).await.unwrap();
    let seeder = web::demo::Seeder::new(Arc::new(use_cases), &stores);
    let provider = seeder
        .user(
            domain::Role::Provider,
            "pro@example.org",
            "Pat",
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
    for n in 0..SHUTDOWN_CLIENTS {
        seeder
            .user(
                domain::Role::Customer,
                &format!("c{n}@example.org"),
                "Casey",
                "UTC",
                PASSWORD,
            )
            .await
            .unwrap();
    }
    (stores.database.clone().unwrap(), service)
}

/// `bys serve` (this build's binary) on `dir`'s database with workers on; returns once ready.
async fn start_bys(dir: &tempfile::TempDir) -> (std::process::Child, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let child = Command::new(env!("CARGO_BIN_EXE_bys"))
        .arg("serve")
        .current_dir(dir.path())
        .env_clear()
        .env("RUST_LOG", "warn")
        .env("BYS_SERVER__PORT", port.to_string())
        .env("BYS_SERVER__SHUTDOWN_GRACE_SECONDS", "5")
        .env(
            "BYS_DATABASE__URL",
            format!("sqlite://{}/bys.db?mode=rwc", dir.path().display()),
        )
        .env("BYS_MAIL__OUTBOX_FOLDER", dir.path().join("outbox"))
        .env("BYS_IMAGES__LOCAL_ROOT", dir.path().join("images"))
        .env("BYS_WORKERS__DELIVERY_INTERVAL_MS", "50")
        // Every client here is 127.0.0.1 and books far more than a person would.
        .env("BYS_LIMITS__BOOKINGS_PER_CUSTOMER_PER_HOUR", "0")
        .env("BYS_LIMITS__API_REQUESTS_PER_CLIENT_PER_MINUTE", "0")
        .env("BYS_LIMITS__API_REQUESTS_PER_CALLER_PER_MINUTE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .expect("bys starts");
    let address = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while !browser()
        .get(format!("{address}/readyz"))
        .send()
        .await
        .is_ok_and(|r| r.status() == StatusCode::OK)
    {
        assert!(
            started.elapsed() < Duration::from_mins(1),
            "bys never got ready"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (child, address)
}

/// [`SHUTDOWN_CLIENTS`] customers booking free starts of `service` one after another into
/// `acknowledged` until the server refuses connections; each task says whether it was refused.
async fn book_until_refused(
    address: &str,
    service: &domain::Service,
    acknowledged: &Arc<tokio::sync::Mutex<Vec<String>>>,
) -> tokio::task::JoinSet<bool> {
    let now = chrono::Utc::now();
    let slots: Value = browser()
        .get(format!("{address}/api/v1/services/{}/slots", service.id))
        .query(&[
            ("from", (now + chrono::TimeDelta::days(1)).to_rfc3339()),
            // 30 days of half-hour slots: 1,440 free times, far more than are booked.
            ("to", (now + chrono::TimeDelta::days(31)).to_rfc3339()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let starts: Vec<String> = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect();
    let mut clients = tokio::task::JoinSet::new();
    for n in 0..SHUTDOWN_CLIENTS {
        let client = browser();
        let login = client
            .post(format!("{address}/api/v1/session"))
            .json(&serde_json::json!({"email": format!("c{n}@example.org"), "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), StatusCode::OK);
        let mine: Vec<String> = starts
            .iter()
            .skip(n)
            .step_by(SHUTDOWN_CLIENTS)
            .cloned()
            .collect();
        let (address, service, acknowledged) = (
            address.to_owned(),
            service.id.to_string(),
            acknowledged.clone(),
        );
        clients.spawn(async move {
            for start in mine {
                let answer = client
                    .post(format!("{address}/api/v1/appointments"))
                    .json(&serde_json::json!({"service_id": service, "start": start}))
                    .send()
                    .await;
                match answer {
                    Ok(r) if r.status() == StatusCode::CREATED => {
                        let body: Value = r.json().await.unwrap();
                        let id = body["id"].as_str().unwrap().to_owned();
                        acknowledged.lock().await.push(id);
                    }
                    Ok(r) => panic!("booking answered {}", r.status()),
                    // After the stop: no longer accepting.
                    Err(e) if e.is_connect() => return true,
                    // A keep-alive connection closed by the stop between two requests.
                    Err(_) => {}
                }
            }
            false
        });
    }
    clients
}

/// The first column (a UUID) of every row `query` returns, as text.
async fn ids_of(db: &adapters::sea_orm::DatabaseConnection, query: &str) -> BTreeSet<String> {
    use sea_orm::ConnectionTrait as _;
    db.query_all_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        query,
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get::<uuid::Uuid>("", "id").unwrap().to_string())
    .collect()
}
