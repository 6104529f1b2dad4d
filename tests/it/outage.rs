//! Database outages answered honestly: the app on a PostgreSQL server of the test's own, which
//! is stopped (`pg_ctl stop -m immediate`) while customers book and look at their dashboard,
//! and started again; and the app on SQLite whose data folder is moved away and back. No
//! answer is a 500 or a 401 (or a login redirect), `/readyz` turns 503 within a second,
//! bookings succeed again within two seconds of the database's return, and every acknowledged
//! booking is stored.

mod own_postgres;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode, redirect};
use serde_json::Value;
use tokio::sync::Mutex;
use uuid::Uuid;
use web::settings::Settings;
use web::startup::{Application, Stores};

use self::own_postgres::OwnPostgres;
use crate::crash::app_process::{PASSWORD, seed, stored_appointments};

/// Customers booking at once.
const CUSTOMERS: usize = 6;

/// One answer the app gave (or did not give).
#[derive(Debug, Clone)]
struct Answer {
    what: &'static str,
    sent: Instant,
    answered: Instant,
    /// `None`: no answer (connection refused or cut, timeout).
    status: Option<StatusCode>,
    booked: Option<Uuid>,
    /// The `Retry-After` and `Content-Type` headers of a 503.
    unavailable_headers: Option<(String, String)>,
}

/// Answers, shared by the clients that record them.
type Log = Arc<Mutex<Vec<Answer>>>;

fn settings(url: &str, folder: &Path) -> Settings {
    let mut settings = Settings::defaults().unwrap();
    settings.server.port = 0;
    settings.database.url = url.to_owned().into();
    settings.mail.outbox_folder = folder.join("outbox").display().to_string();
    settings.images.local_root = folder.join("images").display().to_string();
    settings.workers.delivery_interval_ms = 100;
    // Every client here is 127.0.0.1 and books far more than a person would.
    settings.limits.bookings_per_customer_per_hour = 0;
    settings.limits.api_requests_per_client_per_minute = 0;
    settings.limits.api_requests_per_caller_per_minute = 0;
    settings
}

async fn logged_in(address: &str, email: &str) -> Client {
    let client = Client::builder()
        .cookie_store(true)
        .redirect(redirect::Policy::none())
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap();
    let response = client
        .post(format!("{address}/api/v1/session"))
        .json(&serde_json::json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "login");
    client
}

async fn free_starts(address: &str, service: &domain::Service, count: usize) -> Vec<String> {
    let from = chrono::Utc::now() + chrono::TimeDelta::days(1);
    let to = from + chrono::TimeDelta::days(30);
    let slots: Value = Client::new()
        .get(format!("{address}/api/v1/services/{}/slots", service.id))
        .query(&[("from", from.to_rfc3339()), ("to", to.to_rfc3339())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    slots["slots"]
        .as_array()
        .expect("a slot list")
        .iter()
        .take(count)
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

/// Sends `request` and records the answer.
async fn record(
    what: &'static str,
    request: reqwest::RequestBuilder,
    answers: &Mutex<Vec<Answer>>,
) -> Option<StatusCode> {
    let sent = Instant::now();
    let response = request.send().await;
    let answered = Instant::now();
    let (status, booked, unavailable_headers) = match response {
        Ok(r) => {
            let status = r.status();
            let header = |name: &str| {
                r.headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_owned()
            };
            let unavailable_headers = (status == StatusCode::SERVICE_UNAVAILABLE)
                .then(|| (header("retry-after"), header("content-type")));
            let booked = if status == StatusCode::CREATED {
                r.json::<Value>()
                    .await
                    .ok()
                    .and_then(|b| b["id"].as_str().and_then(|id| id.parse().ok()))
            } else {
                None
            };
            (Some(status), booked, unavailable_headers)
        }
        Err(_) => (None, None, None),
    };
    answers.lock().await.push(Answer {
        what,
        sent,
        answered,
        status,
        booked,
        unavailable_headers,
    });
    status
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_postgres_outage_is_answered_503_never_500_or_401_and_bookings_resume_after_the_restart()
{
    let pg = Arc::new(OwnPostgres::start());
    let (down, up) = (pg.clone(), pg.clone());
    Box::pin(survive_outage(
        &pg.url(),
        move || down.stop_immediately(),
        move || up.start_again(),
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_sqlite_file_moved_away_is_answered_503_never_500_or_401_and_bookings_resume_when_it_is_back()
 {
    let place = tempfile::tempdir().unwrap();
    let data = place.path().join("data");
    let away = place.path().join("data-moved-away");
    let url = format!("sqlite://{}/bys.db", data.display());
    let (from, to) = (data.clone(), away.clone());
    Box::pin(survive_outage(
        &url,
        move || std::fs::rename(&from, &to).unwrap(),
        move || std::fs::rename(&away, &data).unwrap(),
    ))
    .await;
}

/// Runs the app on `url` under load, makes the database unavailable with `begin` for five
/// seconds, brings it back with `end`, and checks every answer (see the module docs).
async fn survive_outage(
    url: &str,
    begin: impl FnOnce() + Send + 'static,
    end: impl FnOnce() + Send + 'static,
) {
    let folder = tempfile::tempdir().unwrap();
    let settings = settings(url, folder.path());
    let stores = Stores::open(&settings).await.unwrap();
    let db = stores.database.clone().unwrap();
    let (_provider, service, customers) = seed(&db, CUSTOMERS + 1).await;
    let app = Application::start(&settings, &stores).await.unwrap();
    let address = format!("http://{}", app.address);
    let stop_app = app.stop_handle();
    let server = tokio::spawn(app.run_until_stopped());

    let done = Arc::new(AtomicBool::new(false));
    let answers = Arc::new(Mutex::new(Vec::<Answer>::new()));
    let readyz = Arc::new(Mutex::new(Vec::<Answer>::new()));
    let mut load = start_load(
        &address,
        &service,
        &customers,
        &done,
        (answers.clone(), readyz.clone()),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let stopped_at = Instant::now();
    tokio::task::spawn_blocking(begin).await.unwrap();
    tokio::time::sleep(Duration::from_secs(5)).await;
    // Down until here; the database may answer a little before `end` returns.
    let back_from = Instant::now();
    tokio::task::spawn_blocking(end).await.unwrap();
    let restarted_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(5)).await;
    done.store(true, Ordering::SeqCst);
    while let Some(joined) = load.join_next().await {
        joined.unwrap();
    }

    let answers = answers.lock().await.clone();
    let readyz = readyz.lock().await.clone();
    let count = |what: &str, status: StatusCode| {
        answers
            .iter()
            .filter(|a| a.what == what && a.status == Some(status))
            .count()
    };
    let booked: Vec<Uuid> = answers.iter().filter_map(|a| a.booked).collect();
    let figures = format!(
        "{} answers: bookings 201 = {}, 503 = {}; dashboard 200 = {}, 503 = {}; readyz probes {}",
        answers.len(),
        count("booking", StatusCode::CREATED),
        count("booking", StatusCode::SERVICE_UNAVAILABLE),
        count("dashboard page", StatusCode::OK),
        count("dashboard page", StatusCode::SERVICE_UNAVAILABLE),
        readyz.len(),
    );
    eprintln!("outage figures: {figures}");

    let dishonest: Vec<&Answer> = answers
        .iter()
        .filter(|a| {
            !matches!(
                (a.what, a.status),
                (
                    "booking",
                    Some(StatusCode::CREATED | StatusCode::SERVICE_UNAVAILABLE)
                ) | (
                    "dashboard page",
                    Some(StatusCode::OK | StatusCode::SERVICE_UNAVAILABLE)
                )
            )
        })
        .collect();
    assert!(
        dishonest.is_empty(),
        "answers other than 201/200 or 503: {dishonest:#?} ({figures})"
    );
    assert_unavailable_answers_say_so(&answers);
    assert!(
        count("booking", StatusCode::SERVICE_UNAVAILABLE) > 0
            && count("dashboard page", StatusCode::SERVICE_UNAVAILABLE) > 0,
        "the outage was never seen ({figures})"
    );

    assert_readyz_flipped(&readyz, stopped_at, back_from);
    assert_bookings_resumed(&answers, restarted_at);

    let kept: std::collections::BTreeSet<Uuid> = stored_appointments(&db)
        .await
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let lost: Vec<&Uuid> = booked.iter().filter(|id| !kept.contains(id)).collect();
    assert!(lost.is_empty(), "acknowledged bookings lost: {lost:?}");
    assert!(!booked.is_empty(), "nothing was booked ({figures})");

    stop_app.stop();
    server.await.unwrap().unwrap();
}

/// `/readyz` answered 503 within a second of the stop, and nothing else until the database
/// was being brought back (`back_from`).
fn assert_readyz_flipped(readyz: &[Answer], stopped_at: Instant, back_from: Instant) {
    let flipped = readyz
        .iter()
        .find(|p| p.sent >= stopped_at && p.status == Some(StatusCode::SERVICE_UNAVAILABLE))
        .expect("readyz never answered 503 during the outage");
    let flip = flipped.answered - stopped_at;
    eprintln!("readyz answered 503 {flip:?} after the stop");
    assert!(
        flip < Duration::from_secs(1),
        "readyz turned 503 only after {flip:?}"
    );
    let ready_while_down: Vec<&Answer> = readyz
        .iter()
        .filter(|p| p.sent >= flipped.sent && p.answered < back_from)
        .filter(|p| p.status != Some(StatusCode::SERVICE_UNAVAILABLE))
        .collect();
    assert!(
        ready_while_down.is_empty(),
        "readyz during the outage: {ready_while_down:#?}"
    );
}

/// A booking succeeded within two seconds of the restart, and none failed after that.
fn assert_bookings_resumed(answers: &[Answer], restarted_at: Instant) {
    let first_after = answers
        .iter()
        .filter(|a| a.what == "booking" && a.answered >= restarted_at)
        .filter(|a| a.status == Some(StatusCode::CREATED))
        .map(|a| a.answered)
        .min()
        .expect("no booking succeeded after the restart");
    let recovery = first_after - restarted_at;
    eprintln!("the first booking after the restart succeeded {recovery:?} after it");
    assert!(
        recovery <= Duration::from_secs(2),
        "bookings resumed only after {recovery:?}"
    );
    let late_failures: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.sent >= restarted_at + Duration::from_secs(2))
        .filter(|a| a.status == Some(StatusCode::SERVICE_UNAVAILABLE))
        .collect();
    assert!(
        late_failures.is_empty(),
        "still 503 two seconds after the restart: {late_failures:#?}"
    );
}

/// Starts the clients: [`CUSTOMERS`] booking one free start after another (pausing 100 ms
/// after anything but a 201), one more signed in on the dashboard page, and a `/readyz`
/// probe every 50 ms; they record into `log` (answers, probes) until `done`.
async fn start_load(
    address: &str,
    service: &domain::Service,
    customers: &[domain::User],
    done: &Arc<AtomicBool>,
    log: (Log, Log),
) -> tokio::task::JoinSet<()> {
    let (answers, readyz) = log;
    let address = address.to_owned();
    let starts = Arc::new(free_starts(&address, service, 2000).await);
    let next_start = Arc::new(AtomicUsize::new(0));
    let mut load = tokio::task::JoinSet::new();
    for customer in &customers[..CUSTOMERS] {
        let client = logged_in(&address, customer.email.as_str()).await;
        let (address, service, starts, next_start, answers, done) = (
            address.clone(),
            service.id.to_string(),
            starts.clone(),
            next_start.clone(),
            answers.clone(),
            done.clone(),
        );
        load.spawn(async move {
            while !done.load(Ordering::SeqCst) {
                let n = next_start.fetch_add(1, Ordering::SeqCst);
                let Some(start) = starts.get(n) else { return };
                let request = client
                    .post(format!("{address}/api/v1/appointments"))
                    .json(&serde_json::json!({"service_id": service, "start": start}));
                if record("booking", request, &answers).await != Some(StatusCode::CREATED) {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        });
    }
    // A signed-in customer on the pages: never sent to the login page by an outage.
    let pages = logged_in(&address, customers[CUSTOMERS].email.as_str()).await;
    let (page_address, page_answers, page_done) = (address.clone(), answers.clone(), done.clone());
    load.spawn(async move {
        while !page_done.load(Ordering::SeqCst) {
            let request = pages.get(format!("{page_address}/dashboard"));
            record("dashboard page", request, &page_answers).await;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let (probe_address, probes, probe_done) = (address.clone(), readyz.clone(), done.clone());
    load.spawn(async move {
        let client = Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap();
        while !probe_done.load(Ordering::SeqCst) {
            record(
                "readyz",
                client.get(format!("{probe_address}/readyz")),
                &probes,
            )
            .await;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    });

    load
}

/// Every 503 says when to try again (`Retry-After: 5`): a problem document from the API, a
/// page for people.
fn assert_unavailable_answers_say_so(answers: &[Answer]) {
    for a in answers.iter().filter(|a| a.what != "readyz") {
        if let Some((retry_after, content_type)) = &a.unavailable_headers {
            assert_eq!(retry_after, "5", "Retry-After of a 503 {}", a.what);
            let expected = if a.what == "booking" {
                "application/problem+json"
            } else {
                "text/html"
            };
            assert!(
                content_type.starts_with(expected),
                "{content_type} for a {}",
                a.what
            );
        }
    }
}
