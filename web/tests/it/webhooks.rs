//! Webhooks end to end: the app posts to a real receiver process that verifies every signature
//! with the `standardwebhooks` library (Python). Bookings arrive once each, signed, also across a
//! receiver outage and an app restart; a rotated secret and the old one both verify during the
//! overlap; a forged body or a late timestamp is refused by the receiver; the SSRF guard
//! refuses private addresses; a 410 or too many failures disable the endpoint, with one mail;
//! a provider's service changes on the pages arrive as `service.*` events.

mod receiver;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use domain::{
    EventTypes, Role, UserId, WebhookDescription, WebhookEndpoint, WebhookEndpointId, WebhookScope,
    WebhookSecret, WebhookUrl,
};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;
use web::settings::Settings;

use self::receiver::{Answer, Receiver};
use crate::helpers::{TestApp, assert_problem, page, settings_in, spawn_with, submit};

/// Settings for these tests: the receiver is on loopback, so private targets are allowed.
fn settings(dir: &std::path::Path) -> Settings {
    let mut settings = settings_in(dir);
    settings.webhooks.allow_private_targets = true;
    settings.webhooks.interval_ms = 100;
    settings
}

async fn app_with(change: impl FnOnce(&mut Settings)) -> TestApp {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut s = settings(dir.path());
    change(&mut s);
    spawn_with(s, dir).await
}

/// Registers an endpoint for `events` at `url` as `client`; answers its id and secret.
async fn register(app: &TestApp, client: &Client, url: &str, events: &[&str]) -> (String, String) {
    let response = client
        .post(app.url("/api/v1/webhooks"))
        .json(&json!({"url": url, "events": events, "description": "Test receiver"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    (
        created["endpoint"]["id"].as_str().unwrap().to_owned(),
        created["secret"].as_str().unwrap().to_owned(),
    )
}

/// The free starts of the provider's service over the next 60 days.
async fn free_starts(app: &TestApp, client: &Client, service: &domain::Service) -> Vec<String> {
    let from = Utc::now() + TimeDelta::days(1);
    let slots: Value = client
        .get(app.url(&format!("/api/v1/services/{}/slots", service.id)))
        .query(&[
            ("from", from.to_rfc3339()),
            ("to", (from + TimeDelta::days(59)).to_rfc3339()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

/// Books `starts` as `client`, asserting each is acknowledged; answers the appointment ids.
async fn book_all(
    app: &TestApp,
    client: &Client,
    service: &domain::Service,
    starts: &[String],
) -> Vec<String> {
    let mut ids = Vec::new();
    for start in starts {
        let response = app.book(client, service, start, None).await;
        assert_eq!(response.status(), StatusCode::CREATED, "booking {start}");
        let booked: Value = response.json().await.unwrap();
        ids.push(booked["id"].as_str().unwrap().to_owned());
    }
    ids
}

/// The appointment ids of the verified `appointment.booked` messages, with how many times
/// each `webhook-id` arrived verified.
fn verified_bookings(records: &[Value]) -> (BTreeSet<String>, BTreeMap<String, usize>) {
    let mut appointments = BTreeSet::new();
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        if r["verified_by"].as_array().is_none_or(Vec::is_empty) {
            continue;
        }
        let body: Value = serde_json::from_str(r["body"].as_str().unwrap()).unwrap();
        if body["type"] == "appointment.booked" {
            appointments.insert(body["data"]["appointment_id"].as_str().unwrap().to_owned());
            *ids.entry(r["id"].as_str().unwrap().to_owned()).or_default() += 1;
        }
    }
    (appointments, ids)
}

/// Queues a test message to endpoint `hook` as `client`; answers its `webhook-id`.
async fn ping(app: &TestApp, client: &Client, hook: &str) -> String {
    let response = client
        .post(app.url(&format!("/api/v1/webhooks/{hook}/ping")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::ACCEPTED);
    let pinged: Value = response.json().await.unwrap();
    pinged["message_id"].as_str().unwrap().to_owned()
}

/// Polls `path` as `client` until `done` holds for the JSON (up to a minute).
async fn json_until(
    app: &TestApp,
    client: &Client,
    path: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let mut last = Value::Null;
    for _ in 0..600 {
        last = client
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        if done(&last) {
            return last;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    last
}

#[tokio::test]
async fn twenty_bookings_arrive_signed_once_each_across_a_receiver_outage_and_an_app_restart() {
    let mut receiver = Receiver::start();
    let app = app_with(|_| {}).await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let (hook, secret) = register(&app, &provider, &receiver.url(), &["appointment.booked"]).await;
    receiver.verify_with(&[&secret]).await;
    let starts = free_starts(&app, &customer, &service).await;
    assert!(starts.len() >= 20, "{} free starts", starts.len());
    let mut booked = Vec::new();

    // 10 while the receiver is up.
    booked.extend(book_all(&app, &customer, &service, &starts[..10]).await);
    let records = receiver
        .records_until(|r| verified_bookings(r).0.len() >= 10)
        .await;
    assert_eq!(verified_bookings(&records).0.len(), 10);

    // 5 while it is down: each first attempt fails, and goes again 5 s later.
    receiver.stop();
    booked.extend(book_all(&app, &customer, &service, &starts[10..15]).await);
    let attempts = format!("/api/v1/webhooks/{hook}/attempts");
    let failed = json_until(&app, &provider, &attempts, |a| {
        a.as_array()
            .unwrap()
            .iter()
            .filter(|x| x["status"].is_null())
            .count()
            >= 5
    })
    .await;
    assert!(
        failed
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["status"].is_null())
            .all(|x| x["response"]
                .as_str()
                .unwrap()
                .contains("Connection refused")),
        "an attempt without an answer is logged with the reason: {failed}"
    );
    receiver.resume();
    receiver
        .records_until(|r| verified_bookings(r).0.len() >= 15)
        .await;

    // 5 while the app has no workers; it stops and starts again with them.
    let mut settings = app.settings.clone();
    let dir = app.dir.clone();
    app.stop().await;
    settings.workers.enabled = false;
    let quiet = spawn_with(settings.clone(), dir.clone()).await;
    let customer = quiet.logged_in("casey@example.org").await;
    booked.extend(book_all(&quiet, &customer, &service, &starts[15..20]).await);
    quiet.stop().await;
    settings.workers.enabled = true;
    let restarted = spawn_with(settings, dir).await;

    let records = receiver
        .records_until(|r| verified_bookings(r).0.len() >= 20)
        .await;
    let (appointments, ids) = verified_bookings(&records);
    assert_eq!(
        appointments,
        booked.iter().cloned().collect::<BTreeSet<_>>()
    );
    assert_eq!(ids.len(), 20, "one webhook-id per booking");
    assert!(
        ids.values().all(|n| *n == 1),
        "a message arrived twice: {ids:?}"
    );
    for r in &records {
        assert_eq!(r["verified_by"], json!([0]), "every post verifies: {r}");
        assert!(r["signature"].as_str().unwrap().starts_with("v1,"));
        assert!(r["id"].as_str().unwrap().starts_with("msg_"));
    }
    let body: Value = serde_json::from_str(records[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["version"], 1);
    assert!(body["timestamp"].is_string() && body["data"]["start"].is_string());
    restarted.stop().await;
}

#[tokio::test]
async fn creating_editing_and_deactivating_a_service_on_the_pages_arrive_as_signed_service_events()
{
    let receiver = Receiver::start();
    let app = app_with(|_| {}).await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let events = ["service.created", "service.updated", "service.deactivated"];
    let (_, secret) = register(&app, &provider, &receiver.url(), &events).await;
    receiver.verify_with(&[&secret]).await;
    let form = [
        ("name", "Beard trim"),
        ("description", ""),
        ("category", ""),
        ("duration", "30"),
        ("buffer_before", "0"),
        ("buffer_after", "0"),
        ("price", "12.50"),
        ("currency", "EUR"),
    ];
    let id = service.id.to_string();
    let edit = format!("/provider/services/{id}");
    let active = format!("/provider/services/{id}/active");
    for (action, fields) in [
        ("/provider/services", &form[..]),
        (edit.as_str(), &form[..]),
        (active.as_str(), &[("active", "false")][..]),
    ] {
        let done = submit(&provider, &app, "/provider/services", action, fields).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER, "{action}");
    }
    let records = receiver.records_until(|r| r.len() >= 3).await;
    let bodies: Vec<Value> = records
        .iter()
        .inspect(|r| assert_eq!(r["verified_by"], json!([0]), "{r}"))
        .map(|r| serde_json::from_str(r["body"].as_str().unwrap()).unwrap())
        .collect();
    let kinds: BTreeSet<&str> = bodies.iter().map(|b| b["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, BTreeSet::from(events), "{bodies:?}");
    let deactivated = bodies
        .iter()
        .find(|b| b["type"] == "service.deactivated")
        .unwrap();
    assert_eq!(deactivated["data"]["service_id"], id.as_str());
    assert_eq!(deactivated["data"]["name"], "Beard trim");
    assert_eq!(deactivated["data"]["active"], false);
}

#[tokio::test]
async fn after_a_rotation_the_old_and_the_new_secret_both_verify_during_the_overlap() {
    let receiver = Receiver::start();
    let app = app_with(|_| {}).await;
    app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let (hook, old) = register(&app, &provider, &receiver.url(), &["appointment.booked"]).await;
    let rotated: Value = provider
        .post(app.url(&format!("/api/v1/webhooks/{hook}/rotate-secret")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let new = rotated["secret"].as_str().unwrap();
    assert_ne!(new, old);
    assert!(rotated["endpoint"]["previous_secret_until"].is_string());
    receiver.verify_with(&[&old, new]).await;
    ping(&app, &provider, &hook).await;
    let records = receiver.records_until(|r| !r.is_empty()).await;
    assert_eq!(records[0]["verified_by"], json!([0, 1]), "{}", records[0]);
    assert_eq!(
        records[0]["signature"].as_str().unwrap().split(' ').count(),
        2
    );
}

#[tokio::test]
async fn the_receiver_refuses_a_forged_body_and_a_late_timestamp_and_accepts_our_signature() {
    let receiver = Receiver::start();
    let app = app_with(|_| {}).await;
    app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let (hook, secret) = register(&app, &provider, &receiver.url(), &["appointment.booked"]).await;
    receiver.verify_with(&[&secret]).await;
    ping(&app, &provider, &hook).await;
    let sent = receiver.records_until(|r| !r.is_empty()).await[0].clone();
    assert_eq!(sent["verified_by"], json!([0]));
    let id = sent["id"].as_str().unwrap();
    let body = sent["body"].as_str().unwrap();
    // Signed by our own code with the endpoint's secret, at a time of our choosing.
    let endpoint = WebhookEndpoint {
        id: WebhookEndpointId::from_uuid(Uuid::nil()),
        owner: UserId::from_uuid(Uuid::nil()),
        scope: WebhookScope::Own,
        url: WebhookUrl::parse(&receiver.url()).unwrap(),
        description: WebhookDescription::parse("").unwrap(),
        events: EventTypes::parse(["appointment.booked"]).unwrap(),
        enabled: true,
        disabled_reason: None,
        secret: WebhookSecret::parse(&secret).unwrap(),
        previous_secret: None,
        consecutive_failures: 0,
        created_at: Utc::now(),
    };
    let post = |timestamp: chrono::DateTime<Utc>, signature: String, body: String| {
        let url = receiver.url();
        async move {
            Client::new()
                .post(url)
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp.timestamp().to_string())
                .header("webhook-signature", signature)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let at: chrono::DateTime<Utc> =
        chrono::DateTime::from_timestamp(sent["timestamp"].as_str().unwrap().parse().unwrap(), 0)
            .unwrap();
    let forged = body.replace("ping", "appointment.cancelled");
    let refused = post(at, sent["signature"].as_str().unwrap().to_owned(), forged).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("No matching signature")
    );

    let late = Utc::now() - TimeDelta::minutes(10);
    let refused = post(late, endpoint.signature(id, late, body), body.to_owned()).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused.text().await.unwrap().contains("too old"));

    let now = Utc::now();
    let accepted = post(now, endpoint.signature(id, now, body), body.to_owned()).await;
    assert_eq!(accepted.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn the_ssrf_guard_refuses_private_loopback_and_metadata_addresses() {
    let app = app_with(|s| s.webhooks.allow_private_targets = false).await;
    app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    for url in [
        "http://127.0.0.1:8080/hooks",
        "http://localhost/hooks",
        "http://10.0.0.7/hooks",
        "http://192.168.1.1/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/hooks",
        "http://[fd00:ec2::254]/hooks",
        "http://100.64.0.1/hooks",
    ] {
        let response = provider
            .post(app.url("/api/v1/webhooks"))
            .json(&json!({"url": url, "events": ["appointment.booked"]}))
            .send()
            .await
            .unwrap();
        let problem = assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(problem["type"], "/problems/webhook-target-refused", "{url}");
    }
    let bad = provider
        .post(app.url("/api/v1/webhooks"))
        .json(&json!({"url": "ftp://example.org/", "events": ["appointment.booked"]}))
        .send()
        .await
        .unwrap();
    assert_problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    let unknown = provider
        .post(app.url("/api/v1/webhooks"))
        .json(&json!({"url": "https://192.0.2.1/", "events": ["appointment.eaten"]}))
        .send()
        .await
        .unwrap();
    assert_problem(unknown, StatusCode::BAD_REQUEST).await;

    // Allowing private targets never opens the metadata address.
    let open = app_with(|_| {}).await;
    open.provider_with_service("salon@example.org").await;
    let provider = open.logged_in("salon@example.org").await;
    let response = provider
        .post(open.url("/api/v1/webhooks"))
        .json(&json!({"url": "http://169.254.169.254/", "events": ["appointment.booked"]}))
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_counts_as_a_failure() {
    let receiver = Receiver::start();
    receiver.answer(Answer::Redirect).await;
    let app = app_with(|_| {}).await;
    app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let (hook, secret) = register(&app, &provider, &receiver.url(), &["appointment.booked"]).await;
    receiver.verify_with(&[&secret]).await;
    ping(&app, &provider, &hook).await;
    let attempts = json_until(
        &app,
        &provider,
        &format!("/api/v1/webhooks/{hook}/attempts"),
        |a| !a.as_array().unwrap().is_empty(),
    )
    .await;
    assert_eq!(attempts[0]["status"], 307, "{attempts}");
    let records = receiver.records().await;
    assert!(records.iter().all(|r| r["path"] == "/hooks"), "{records:?}");
}

/// The mails in the outbox about a disabled webhook endpoint.
fn disabled_mails(mails: &[String]) -> usize {
    mails
        .iter()
        .filter(|m| m.contains("Your webhook endpoint was disabled"))
        .count()
}

#[tokio::test]
async fn a_410_disables_the_endpoint_and_mails_its_owner() {
    let receiver = Receiver::start();
    receiver.answer(Answer::Gone).await;
    let app = app_with(|_| {}).await;
    app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let (hook, secret) = register(&app, &provider, &receiver.url(), &["appointment.booked"]).await;
    receiver.verify_with(&[&secret]).await;
    ping(&app, &provider, &hook).await;
    let endpoint = json_until(&app, &provider, &format!("/api/v1/webhooks/{hook}"), |e| {
        e["enabled"] == false
    })
    .await;
    assert!(
        endpoint["disabled_reason"]
            .as_str()
            .unwrap()
            .contains("410"),
        "{endpoint}"
    );
    let mails = app.outbox_until(|m| disabled_mails(m) >= 1).await;
    assert_eq!(disabled_mails(&mails), 1);
}

#[tokio::test]
async fn consecutive_failures_disable_the_endpoint_with_one_mail_and_enabling_it_again_resends() {
    let receiver = Receiver::start();
    receiver.answer(Answer::Fail).await;
    let app = app_with(|s| s.webhooks.disable_after_failures = 3).await;
    app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let (hook, secret) = register(&app, &provider, &receiver.url(), &["appointment.booked"]).await;
    receiver.verify_with(&[&secret]).await;
    let first = ping(&app, &provider, &hook).await;
    ping(&app, &provider, &hook).await;
    ping(&app, &provider, &hook).await;
    let endpoint = json_until(&app, &provider, &format!("/api/v1/webhooks/{hook}"), |e| {
        e["enabled"] == false
    })
    .await;
    assert_eq!(endpoint["consecutive_failures"], 3, "{endpoint}");
    let mails = app.outbox_until(|m| disabled_mails(m) >= 1).await;
    assert_eq!(disabled_mails(&mails), 1);

    // Fixed: enable it again and resend the first message, which keeps its id.
    receiver.answer(Answer::Ok).await;
    let enabled = provider
        .put(app.url(&format!("/api/v1/webhooks/{hook}")))
        .json(&json!({"url": receiver.url(), "events": ["appointment.booked"], "enabled": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(enabled.status(), StatusCode::OK);
    let resent = provider
        .post(app.url(&format!("/api/v1/webhooks/{hook}/messages/{first}/resend")))
        .send()
        .await
        .unwrap();
    assert_eq!(resent.status(), StatusCode::ACCEPTED);
    let records = receiver
        .records_until(|r| {
            r.iter()
                .any(|x| x["id"] == first.as_str() && x["answer"] == "ok")
        })
        .await;
    let again: Vec<&Value> = records
        .iter()
        .filter(|r| r["id"] == first.as_str())
        .collect();
    assert!(again.len() >= 2 && again.iter().all(|r| r["verified_by"] == json!([0])));
    let mails = app.outbox_until(|_| true).await;
    assert_eq!(disabled_mails(&mails), 1, "one mail, however many failures");
}

#[tokio::test]
async fn a_provider_registers_an_endpoint_on_the_page_sees_the_secret_once_and_resends_from_the_log()
 {
    let receiver = Receiver::start();
    let app = app_with(|_| {}).await;
    app.provider_with_service("salon@example.org").await;
    let provider = app.logged_in("salon@example.org").await;

    let refused = submit(
        &provider,
        &app,
        "/account/webhooks",
        "/account/webhooks",
        &[("url", "ftp://nowhere"), ("description", "Typed")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("hook-url-error") && html.contains("hook-events-error"),
        "{html}"
    );
    assert!(html.contains(r#"value="Typed""#), "what was typed is kept");

    let created = submit(
        &provider,
        &app,
        "/account/webhooks",
        "/account/webhooks",
        &[
            ("url", &receiver.url()),
            ("event.appointment.booked", "on"),
            ("enabled", "on"),
        ],
    )
    .await;
    assert_eq!(created.status(), StatusCode::OK);
    assert_eq!(created.headers()["cache-control"], "no-store");
    let html = created.text().await.unwrap();
    let start = html.find("whsec_").expect("the secret, shown once");
    let secret = &html[start..start + html[start..].find('"').unwrap()];
    let list = page(&provider, &app, "/account/webhooks", StatusCode::OK).await;
    assert!(!list.contains("whsec_") && list.contains(&receiver.url()));
    let marker = "/account/webhooks/";
    let at = list.rfind(marker).unwrap() + marker.len();
    let hook = &list[at..at + 36];

    receiver.verify_with(&[secret]).await;
    let pinged = submit(
        &provider,
        &app,
        &format!("/account/webhooks/{hook}"),
        &format!("/account/webhooks/{hook}/ping"),
        &[],
    )
    .await;
    assert_eq!(pinged.status(), StatusCode::SEE_OTHER);
    let records = receiver.records_until(|r| !r.is_empty()).await;
    assert_eq!(records[0]["verified_by"], json!([0]));
    let id = records[0]["id"].as_str().unwrap();
    let detail = page(
        &provider,
        &app,
        &format!("/account/webhooks/{hook}"),
        StatusCode::OK,
    )
    .await;
    assert!(
        detail.contains(id) && detail.contains("204"),
        "the attempt is listed"
    );
    let resent = submit(
        &provider,
        &app,
        &format!("/account/webhooks/{hook}"),
        &format!("/account/webhooks/{hook}/resend"),
        &[("message", id)],
    )
    .await;
    assert_eq!(resent.status(), StatusCode::SEE_OTHER);
    let records = receiver.records_until(|r| r.len() >= 2).await;
    assert_eq!(records[1]["id"], id, "resent with the same webhook-id");

    app.staff(Role::Admin, "admin@example.org").await;
    let admin = app.logged_in("admin@example.org").await;
    let admin_list = page(&admin, &app, "/admin/webhooks", StatusCode::OK).await;
    assert!(admin_list.contains(&receiver.url()));
}
