//! The benchmark dataset (`bys demo --scale bench`) loads into SQLite and PostgreSQL and serves
//! what the load harness relies on: logins, the nearly full day, the search.

use std::sync::Arc;

use adapters::{Argon2Hasher, SystemClock};
use application::ports::Clock as _;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait as _, Database, DbBackend, Statement};
use secrecy::SecretString;
use serde_json::Value;
use web::demo::bench::{self, BENCH_PASSWORD, BenchFacts, BenchSize};
use web::startup::connect_database;

use crate::helpers::{TestApp, browser, settings_in, spawn_app, spawn_with};
use crate::wiring::fresh_postgres;

/// Loads the dataset at factor 1 with `external` events a day in the hot provider's own
/// calendar.
async fn load_into(app: &TestApp, external: usize) -> BenchFacts {
    let db = connect_database(&app.settings).await.unwrap();
    let size = BenchSize {
        factor: 1,
        external_per_day: external,
    };
    bench::load(&db, &Argon2Hasher, SystemClock.now(), size)
        .await
        .unwrap()
}

async fn get_json(app: &TestApp, path: &str) -> Value {
    let response = browser().get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

/// What the harness reads: two free slots on the busiest day (with or without the hot
/// provider's own calendar), search hits, customer logins.
async fn serves_the_harness_cases(app: &TestApp, facts: &BenchFacts) {
    let at =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let slots = get_json(
        app,
        &format!(
            "/api/v1/services/{}/slots?from={}&to={}",
            facts.hot_service,
            at(facts.busiest_day.start()),
            at(facts.busiest_day.end())
        ),
    )
    .await;
    assert_eq!(slots["slots"].as_array().unwrap().len(), 2, "{slots}");

    let found = get_json(
        app,
        &format!(
            "/api/v1/services?q={}&category={}",
            facts.search_term, facts.search_category
        ),
    )
    .await;
    assert!(found["total"].as_u64().unwrap() > 0, "{found}");

    let login = browser()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": facts.customer_emails[0], "password": BENCH_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_bench_dataset_loads_into_sqlite_once() {
    let app = spawn_app().await;
    let facts = load_into(&app, 0).await;
    assert_eq!(facts.appointments, 10_000);
    serves_the_harness_cases(&app, &facts).await;

    let db = connect_database(&app.settings).await.unwrap();
    let again = bench::load(&db, &Argon2Hasher, SystemClock.now(), BenchSize::default()).await;
    assert!(again.is_err(), "a second load must be refused, not doubled");
    app.stop().await;
}

#[tokio::test]
async fn the_bench_dataset_loads_into_postgresql() {
    let (server, name) = fresh_postgres().await;
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.database.url = SecretString::from(format!("{server}/{name}"));
    let app = spawn_with(settings, dir).await;
    // With 20 events a day in the hot provider's calendar, each over a booking: the same two
    // free slots.
    let facts = load_into(&app, 20).await;
    serves_the_harness_cases(&app, &facts).await;
    // Each appointment comes with its booking event, delivered on every channel: history,
    // nothing for the delivery worker to send.
    let db = connect_database(&app.settings).await.unwrap();
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            let row = db
                .query_one_raw(Statement::from_string(DbBackend::Postgres, sql))
                .await
                .unwrap()
                .unwrap();
            row.try_get_by_index::<i64>(0).unwrap()
        }
    };
    assert_eq!(
        count("SELECT count(*) FROM appointment_events").await,
        i64::try_from(facts.appointments).unwrap()
    );
    assert_eq!(
        count("SELECT count(*) FROM deliveries WHERE state = 'done'").await,
        4 * i64::try_from(facts.appointments).unwrap()
    );
    assert_eq!(
        count("SELECT count(*) FROM deliveries WHERE state <> 'done'").await,
        0
    );
    app.stop().await;

    let admin = Database::connect(format!("{server}/postgres"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
}
