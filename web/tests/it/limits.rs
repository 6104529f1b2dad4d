//! Rate limits through HTTP: the request past a limit is refused with `429`, `Retry-After` and
//! `RateLimit-*` headers; the counts live in the database, so two instances share them; and
//! "forgot password" answers known and unknown addresses alike, also past its limit.

use std::sync::Arc;
use std::time::Duration;

use chrono::{Timelike, Utc};
use reqwest::{Client, Response, StatusCode};

use crate::helpers::{TestApp, assert_problem, browser, form_token, settings_in, spawn_with};

/// Waits until the current minute has at least 15 s left, so that a test's requests fall in
/// one fixed one-minute window.
async fn early_in_a_minute() {
    while Utc::now().second() >= 45 {
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

fn header(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

async fn search(client: &Client, app: &TestApp) -> Response {
    client
        .get(app.url("/api/v1/services"))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_api_request_past_the_limit_is_refused_with_retry_after_and_rate_limit_headers() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.limits.api_requests_per_client_per_minute = 3;
    let app = spawn_with(settings, dir).await;
    let client = browser();
    early_in_a_minute().await;
    for remaining in ["2", "1", "0"] {
        let response = search(&client, &app).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header(&response, "ratelimit-limit").as_deref(), Some("3"));
        assert_eq!(
            header(&response, "ratelimit-remaining").as_deref(),
            Some(remaining)
        );
        let reset: u64 = header(&response, "ratelimit-reset")
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=60).contains(&reset), "reset {reset}");
    }
    let refused = search(&client, &app).await;
    let retry_after: u64 = header(&refused, "retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "retry after {retry_after}");
    assert_eq!(
        header(&refused, "ratelimit-remaining").as_deref(),
        Some("0")
    );
    assert_eq!(header(&refused, "ratelimit-limit").as_deref(), Some("3"));
    let problem = assert_problem(refused, StatusCode::TOO_MANY_REQUESTS).await;
    assert_eq!(problem["type"], "/problems/too-many-requests");
}

#[tokio::test]
async fn two_instances_on_one_database_share_the_counts() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.limits.api_requests_per_client_per_minute = 4;
    let first = spawn_with(settings.clone(), dir.clone()).await;
    let second = spawn_with(settings, dir).await;
    let client = browser();
    early_in_a_minute().await;
    for app in [&first, &second, &first, &second] {
        assert_eq!(search(&client, app).await.status(), StatusCode::OK);
    }
    assert_eq!(
        search(&client, &second).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        search(&client, &first).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn failed_logins_on_one_instance_lock_the_account_on_another() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let settings = settings_in(dir.path());
    let first = spawn_with(settings.clone(), dir.clone()).await;
    let second = spawn_with(settings, dir).await;
    first.customer("kim@example.org").await;
    let client = browser();
    let attempt = |app: &TestApp, password: &str| {
        client
            .post(app.url("/api/v1/session"))
            .json(&serde_json::json!({"email": "kim@example.org", "password": password}))
            .send()
    };
    for _ in 0..5 {
        let status = attempt(&first, "wrong password").await.unwrap().status();
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let refused = attempt(&second, crate::helpers::PASSWORD).await.unwrap();
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS).await;
}

/// The forgot-password answer for `email`, with the echoed address taken out.
async fn ask_for_a_reset(client: &Client, app: &TestApp, email: &str) -> (StatusCode, String) {
    let token = form_token(client, app, "/forgot-password").await;
    let response = client
        .post(app.url("/forgot-password"))
        .form(&[("email", email), ("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body = response.text().await.unwrap().replace(email, "EMAIL");
    (status, body.replace(&token, "TOKEN"))
}

#[tokio::test]
async fn forgot_password_answers_known_and_unknown_addresses_alike_also_past_its_limit() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.limits.reset_mails_per_address_per_hour = 2;
    settings.limits.reset_mails_per_client_per_hour = 100;
    let app = spawn_with(settings, dir).await;
    app.customer("known@example.org").await;
    let client = browser();
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..4 {
        known.push(ask_for_a_reset(&client, &app, "known@example.org").await);
        unknown.push(ask_for_a_reset(&client, &app, "unknown@example.org").await);
    }
    assert!(known.iter().all(|(status, _)| *status == StatusCode::OK));
    assert_eq!(known, unknown);
    // Two mails went out (the limit), not four; none to the unknown address.
    let mails = app.outbox_mails(2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails_later = app.outbox_mails(2).await;
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert_eq!(mails_later.len(), 2);
    assert!(mails.iter().all(|m| m.contains("known@example.org")));
}

#[tokio::test]
async fn forgot_password_is_limited_per_client_address_too() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.limits.reset_mails_per_client_per_hour = 2;
    let app = spawn_with(settings, dir).await;
    for n in 0..3 {
        app.customer(&format!("person{n}@example.org")).await;
    }
    let client = browser();
    for n in 0..3 {
        let (status, _) = ask_for_a_reset(&client, &app, &format!("person{n}@example.org")).await;
        assert_eq!(status, StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.outbox_mails(2).await.len(), 2);
}

#[tokio::test]
async fn sign_ups_past_the_limit_per_client_address_are_refused() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.limits.registrations_per_client_per_hour = 2;
    let app = spawn_with(settings, dir).await;
    let mut statuses = Vec::new();
    for n in 0..3 {
        let client = browser();
        let token = form_token(&client, &app, "/register").await;
        let email = format!("new{n}@example.org");
        let response = client
            .post(app.url("/register"))
            .form(&[
                ("name", "New Person"),
                ("email", email.as_str()),
                ("password", crate::helpers::PASSWORD),
                ("zone", "Europe/Paris"),
                ("role", "customer"),
                ("accept_privacy", "on"),
                ("csrf_token", token.as_str()),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(response.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::SEE_OTHER,
            StatusCode::SEE_OTHER,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}

#[tokio::test]
async fn booking_attempts_past_the_limit_per_customer_are_refused() {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.limits.bookings_per_customer_per_hour = 1;
    let app = spawn_with(settings, dir).await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&client, &service).await;
    let book = || {
        client
            .post(app.url("/api/v1/appointments"))
            .json(&serde_json::json!({"service_id": service.id.as_uuid(), "start": start}))
            .send()
    };
    assert_eq!(book().await.unwrap().status(), StatusCode::CREATED);
    let refused = book().await.unwrap();
    assert!(header(&refused, "retry-after").is_some());
    assert_problem(refused, StatusCode::TOO_MANY_REQUESTS).await;
}
