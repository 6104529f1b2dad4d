//! The staff operations of the JSON API (`/api/v1/staff/…`): the admin pages' use cases for
//! programs, with their answers as problem documents.

use std::sync::Arc;

use chrono::{TimeDelta, Utc};
use domain::{Role, User};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::api_tokens::create_token;
use crate::helpers::{
    TestApp, assert_problem, book_first, browser, settings_in, spawn_app, spawn_with,
};

/// A marketplace: provider Pat with a service, customer Casey with a booking a day or more
/// ahead, support Sam and admin Ada, each logged in.
struct Staffed {
    app: TestApp,
    provider: User,
    customer: User,
    appointment: String,
    customer_client: Client,
    support: Client,
    admin: Client,
}

async fn staffed_on(app: TestApp) -> Staffed {
    let (provider, service) = app.provider_with_service("pat@salon.example").await;
    let customer = app.customer("casey@example.org").await;
    app.staff(Role::Support, "sam@bys.example").await;
    app.staff(Role::Admin, "ada@bys.example").await;
    let customer_client = app.logged_in("casey@example.org").await;
    let appointment = book_first(&app, &customer_client, &service).await;
    Staffed {
        support: app.logged_in("sam@bys.example").await,
        admin: app.logged_in("ada@bys.example").await,
        customer_client,
        appointment,
        provider,
        customer,
        app,
    }
}

async fn staffed() -> Staffed {
    staffed_on(spawn_app().await).await
}

/// The app's delivery worker runs once at start and then waits an hour, so the booking's
/// deliveries stay pending for the test to fail.
async fn staffed_without_deliveries() -> Staffed {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.workers.delivery_interval_ms = 3_600_000;
    staffed_on(spawn_with(settings, dir).await).await
}

impl Staffed {
    async fn get(&self, client: &Client, path: &str) -> reqwest::Response {
        client
            .get(self.app.url(&format!("/api/v1/staff{path}")))
            .send()
            .await
            .unwrap()
    }

    async fn get_json(&self, client: &Client, path: &str) -> Value {
        let response = self.get(client, path).await;
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.unwrap()
    }

    async fn send(
        &self,
        client: &Client,
        method: reqwest::Method,
        path: &str,
        body: &Value,
    ) -> reqwest::Response {
        client
            .request(method, self.app.url(&format!("/api/v1/staff{path}")))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    async fn put(&self, client: &Client, path: &str, body: &Value) -> reqwest::Response {
        self.send(client, reqwest::Method::PUT, path, body).await
    }

    async fn post(&self, client: &Client, path: &str, body: &Value) -> reqwest::Response {
        self.send(client, reqwest::Method::POST, path, body).await
    }
}

/// The emails of a page of accounts.
fn emails(page: &Value) -> Vec<&str> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn staff_list_accounts_by_role_state_and_text_a_page_at_a_time_with_the_total() {
    let s = staffed().await;
    for n in 0..4 {
        s.app.customer(&format!("extra{n}@example.org")).await;
    }
    let first = s
        .get_json(&s.support, "/users?role=customer&per_page=2")
        .await;
    assert_eq!(first["total"], 5, "{first}");
    assert_eq!(
        (first["page"].as_u64(), first["pages"].as_u64()),
        (Some(1), Some(3))
    );
    assert_eq!(emails(&first).len(), 2);
    let last = s
        .get_json(&s.support, "/users?role=customer&per_page=2&page=3")
        .await;
    assert_eq!(emails(&last).len(), 1);
    let middle = s
        .get_json(&s.support, "/users?role=customer&per_page=2&page=2")
        .await;
    let mut seen: Vec<&str> = [&first, &middle, &last]
        .into_iter()
        .flat_map(emails)
        .collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), 5, "every customer once: {seen:?}");

    let found = s.get_json(&s.admin, "/users?q=CASEY%40EXAMPLE.ORG").await;
    assert_eq!(emails(&found), ["casey@example.org"]);
    assert_eq!(found["items"][0]["role"], "customer");
    assert_eq!(found["items"][0]["active"], true);
    let providers = s.get_json(&s.admin, "/users?role=provider").await;
    assert_eq!(emails(&providers), ["pat@salon.example"]);
    let inactive = s.get_json(&s.admin, "/users?active=false").await;
    assert_eq!(inactive["total"], 0);

    let one = s
        .get_json(&s.support, &format!("/users/{}", s.provider.id))
        .await;
    assert_eq!(one["user"]["email"], "pat@salon.example");
    assert_eq!(one["services"][0]["name"], "Haircut");
    assert_eq!(one["appointments_total"], 1);
    assert_eq!(one["appointments"][0]["id"], s.appointment);

    // Parameters outside the document's rules are refused before any use case runs.
    for bad in [
        "/users?per_page=0",
        "/users?per_page=101",
        "/users?page=0",
        "/users?role=wizard",
        "/users?active=maybe",
    ] {
        assert_problem(s.get(&s.admin, bad).await, StatusCode::BAD_REQUEST).await;
    }
    let missing = format!("/users/{}", uuid::Uuid::now_v7());
    assert_problem(s.get(&s.admin, &missing).await, StatusCode::NOT_FOUND).await;
    assert_problem(
        s.get(&s.admin, "/users/not-a-uuid").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_problem(
        s.get(&s.customer_client, "/users").await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_problem(s.get(&browser(), "/users").await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn an_admin_changes_a_role_support_may_not_and_nobody_changes_their_own() {
    let s = staffed().await;
    let path = format!("/users/{}/role", s.customer.id);
    let refused = s.put(&s.support, &path, &json!({"role": "admin"})).await;
    assert_problem(refused, StatusCode::FORBIDDEN).await;

    let changed = s.put(&s.admin, &path, &json!({"role": "provider"})).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let changed: Value = changed.json().await.unwrap();
    assert_eq!(changed["role"], "provider");
    assert_eq!(changed["email"], "casey@example.org", "name and email kept");
    assert_eq!(changed["name"], "Casey Customer");
    // The new role applies on the next request of the open session.
    let me: Value = s
        .customer_client
        .get(s.app.url("/api/v1/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "provider");

    let admin_id = s.get_json(&s.admin, "/users?role=admin").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let own = s
        .put(
            &s.admin,
            &format!("/users/{admin_id}/role"),
            &json!({"role": "support"}),
        )
        .await;
    assert_problem(own, StatusCode::UNPROCESSABLE_ENTITY).await;
    let unknown = s
        .put(
            &s.admin,
            &format!("/users/{}/role", uuid::Uuid::now_v7()),
            &json!({"role": "support"}),
        )
        .await;
    assert_problem(unknown, StatusCode::NOT_FOUND).await;
    let bad = s.put(&s.admin, &path, &json!({"role": "wizard"})).await;
    assert_problem(bad, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn a_deactivated_accounts_session_and_api_token_stop_working_at_once() {
    let s = staffed().await;
    let token = create_token(&s.app, &s.customer_client, "Script").await;
    let session_by = |token: &str| {
        browser()
            .get(s.app.url("/api/v1/session"))
            .bearer_auth(token)
    };
    assert_eq!(
        session_by(&token).send().await.unwrap().status(),
        StatusCode::OK
    );

    let path = format!("/users/{}/active", s.customer.id);
    let refused = s.put(&s.support, &path, &json!({"active": false})).await;
    assert_problem(refused, StatusCode::FORBIDDEN).await;
    let done = s.put(&s.admin, &path, &json!({"active": false})).await;
    assert_eq!(done.status(), StatusCode::OK);
    assert_eq!(done.json::<Value>().await.unwrap()["active"], false);

    let by_session = s
        .customer_client
        .get(s.app.url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_problem(by_session, StatusCode::UNAUTHORIZED).await;
    let by_token = session_by(&token).send().await.unwrap();
    assert_problem(by_token, StatusCode::UNAUTHORIZED).await;
    let listed = s.get_json(&s.support, "/users?active=false").await;
    assert_eq!(emails(&listed), ["casey@example.org"]);

    // Reactivated, the token works again; the ended session stays ended.
    let again = s.put(&s.admin, &path, &json!({"active": true})).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(
        session_by(&token).send().await.unwrap().status(),
        StatusCode::OK
    );

    let admin_id = s.get_json(&s.admin, "/users?role=admin").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let myself = s
        .put(
            &s.admin,
            &format!("/users/{admin_id}/active"),
            &json!({"active": false}),
        )
        .await;
    assert_problem(myself, StatusCode::UNPROCESSABLE_ENTITY).await;
    let no_body = s.put(&s.admin, &path, &json!({})).await;
    assert_problem(no_body, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn an_admin_creates_renames_and_reorders_categories() {
    let s = staffed().await;
    let created = s
        .post(
            &s.admin,
            "/categories",
            &json!({"name": "Garden Care", "position": 5}),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let garden: Value = created.json().await.unwrap();
    assert_eq!(garden["slug"], "garden-care");
    assert_eq!(garden["active"], true);
    let pets: Value = s
        .post(
            &s.admin,
            "/categories",
            &json!({"name": "Pet Grooming", "position": 7}),
        )
        .await
        .json()
        .await
        .unwrap();

    let taken = s
        .post(&s.admin, "/categories", &json!({"name": "garden care"}))
        .await;
    assert_problem(taken, StatusCode::CONFLICT).await;
    let no_slug = s
        .post(&s.admin, "/categories", &json!({"name": "美容院"}))
        .await;
    assert_problem(no_slug, StatusCode::UNPROCESSABLE_ENTITY).await;
    let short = s.post(&s.admin, "/categories", &json!({"name": "x"})).await;
    assert_problem(short, StatusCode::BAD_REQUEST).await;
    let blank = s
        .post(&s.admin, "/categories", &json!({"name": "   "}))
        .await;
    assert_problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await;
    let by_support = s
        .post(&s.support, "/categories", &json!({"name": "Yoga"}))
        .await;
    assert_problem(by_support, StatusCode::FORBIDDEN).await;

    // Pets move before the garden, renamed and hidden; the URL name stays.
    let path = format!("/categories/{}", pets["id"].as_str().unwrap());
    let updated = s
        .put(
            &s.admin,
            &path,
            &json!({"name": "Pet Care", "position": 1, "active": false}),
        )
        .await;
    assert_eq!(updated.status(), StatusCode::OK);
    let updated: Value = updated.json().await.unwrap();
    assert_eq!(
        (&updated["name"], &updated["slug"], &updated["active"]),
        (&json!("Pet Care"), &json!("pet-grooming"), &json!(false))
    );
    let all = s.get_json(&s.support, "/categories").await;
    let order: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let at = |name: &str| order.iter().position(|n| *n == name).unwrap();
    assert!(at("Pet Care") < at("Garden Care"), "{order:?}");

    let unknown = s
        .put(
            &s.admin,
            &format!("/categories/{}", uuid::Uuid::now_v7()),
            &json!({"name": "Nothing", "position": 1, "active": true}),
        )
        .await;
    assert_problem(unknown, StatusCode::NOT_FOUND).await;
    let partial = s.put(&s.admin, &path, &json!({"name": "Pet Care"})).await;
    assert_problem(partial, StatusCode::BAD_REQUEST).await;
    let by_support = s
        .put(
            &s.support,
            &path,
            &json!({"name": "Pets", "position": 1, "active": true}),
        )
        .await;
    assert_problem(by_support, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn support_cancels_an_appointment_with_a_reason_and_the_customer_is_mailed() {
    let s = staffed().await;
    let path = format!("/appointments/{}/cancel", s.appointment);
    let empty = s.post(&s.support, &path, &json!({"reason": ""})).await;
    assert_problem(empty, StatusCode::BAD_REQUEST).await;
    let blank = s.post(&s.support, &path, &json!({"reason": "   "})).await;
    assert_problem(blank, StatusCode::UNPROCESSABLE_ENTITY).await;
    let by_customer = s
        .post(&s.customer_client, &path, &json!({"reason": "Mine"}))
        .await;
    assert_problem(by_customer, StatusCode::FORBIDDEN).await;

    let cancelled = s
        .post(&s.support, &path, &json!({"reason": "The salon flooded"}))
        .await;
    assert_eq!(cancelled.status(), StatusCode::OK);
    assert_eq!(
        cancelled.json::<Value>().await.unwrap()["status"],
        "cancelled"
    );
    let mailed = |mails: &[String]| {
        mails.iter().any(|m| {
            let unfolded = m.replace("=\r\n", "").replace("=\n", "");
            m.lines()
                .any(|l| l.starts_with("To:") && l.contains("casey@example.org"))
                && unfolded.contains("The salon flooded")
        })
    };
    assert!(
        mailed(&s.app.outbox_until(mailed).await),
        "the customer is told why"
    );

    let listed = s
        .get_json(
            &s.admin,
            &format!(
                "/appointments?status=cancelled&provider={}&customer={}",
                s.provider.id, s.customer.id
            ),
        )
        .await;
    assert_eq!(listed["total"], 1, "{listed}");
    let row = &listed["items"][0];
    assert_eq!(row["appointment"]["id"], s.appointment);
    assert_eq!(row["cancellation_reason"], "The salon flooded");
    assert_eq!(row["customer_name"], "Casey Customer");
    assert_eq!(row["service_name"], "Haircut");
    let one = s
        .get_json(&s.support, &format!("/appointments/{}", s.appointment))
        .await;
    assert_eq!(one["appointment"]["status"], "cancelled");
    assert_eq!(one["provider_name"], "Salon Test");
    let nowhere = format!("/appointments/{}", uuid::Uuid::now_v7());
    assert_problem(s.get(&s.admin, &nowhere).await, StatusCode::NOT_FOUND).await;
    let confirmed = s.get_json(&s.admin, "/appointments?status=confirmed").await;
    assert_eq!(confirmed["total"], 0);

    // A repeated cancellation (a retried request) changes nothing and keeps the first reason.
    let again = s.post(&s.support, &path, &json!({"reason": "Twice"})).await;
    assert_eq!(again.status(), StatusCode::OK);
    let kept = s
        .get_json(&s.support, &format!("/appointments/{}", s.appointment))
        .await;
    assert_eq!(kept["cancellation_reason"], "The salon flooded");
    let unknown = format!("/appointments/{}/cancel", uuid::Uuid::now_v7());
    let unknown = s
        .post(&s.support, &unknown, &json!({"reason": "Ill"}))
        .await;
    assert_problem(unknown, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn appointments_filter_by_a_window_of_start_times_and_page_with_a_total() {
    let s = staffed().await;
    let tomorrow = Utc::now() + TimeDelta::days(1);
    let after = (Utc::now() + TimeDelta::days(400)).to_rfc3339();
    let in_window = s.app.url("/api/v1/staff/appointments");
    let ahead: Value = s
        .admin
        .get(&in_window)
        .query(&[
            ("from", Utc::now().to_rfc3339()),
            ("per_page", "1".to_owned()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (ahead["total"].as_u64(), ahead["per_page"].as_u64()),
        (Some(1), Some(1)),
        "{ahead}"
    );
    let later: Value = s
        .admin
        .get(&in_window)
        .query(&[("from", after.clone())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(later["total"], 0);
    let before: Value = s
        .admin
        .get(&in_window)
        .query(&[("to", (tomorrow - TimeDelta::days(2)).to_rfc3339())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(before["total"], 0);
    let backwards = s
        .admin
        .get(&in_window)
        .query(&[("from", after), ("to", Utc::now().to_rfc3339())])
        .send()
        .await
        .unwrap();
    assert_problem(backwards, StatusCode::UNPROCESSABLE_ENTITY).await;
    for bad in [
        "/appointments?status=lost",
        "/appointments?from=yesterday",
        "/appointments?provider=x",
    ] {
        assert_problem(s.get(&s.admin, bad).await, StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn an_admin_retries_a_failed_delivery_that_staff_see_listed() {
    let s = staffed_without_deliveries().await;
    let deliveries = s.app.stores.deliveries.clone();
    let claimed = deliveries
        .claim(Utc::now(), 1, TimeDelta::minutes(5))
        .await
        .unwrap();
    deliveries
        .give_up(&claimed[0], Utc::now(), "550 mailbox unavailable")
        .await
        .unwrap();
    let listed = s.get_json(&s.support, "/deliveries").await;
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["id"], claimed[0].id.to_string());
    assert_eq!(listed[0]["error"], "550 mailbox unavailable");
    assert_eq!(listed[0]["appointment_id"], s.appointment);

    let path = format!("/deliveries/{}/retry", claimed[0].id);
    assert_problem(
        s.post(&s.support, &path, &json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let retried = s.post(&s.admin, &path, &json!({})).await;
    assert_eq!(retried.status(), StatusCode::ACCEPTED);
    assert!(deliveries.failed(10).await.unwrap().is_empty());
    assert_eq!(s.get_json(&s.support, "/deliveries").await, json!([]));
    // No longer failed: nothing to retry.
    assert_problem(
        s.post(&s.admin, &path, &json!({})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn staff_list_provider_calendars_and_an_admin_resyncs_one() {
    let s = staffed().await;
    assert!(s.get_json(&s.support, "/calendars").await.is_array());
    let path = format!("/calendars/{}/resync", s.provider.id);
    assert_problem(
        s.post(&s.support, &path, &json!({})).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let report = s.post(&s.admin, &path, &json!({})).await;
    assert_eq!(report.status(), StatusCode::OK);
    let report: Value = report.json().await.unwrap();
    assert!(
        report["applied"].is_u64() && report["refused"].is_array(),
        "{report}"
    );
    let unknown = format!("/calendars/{}/resync", uuid::Uuid::now_v7());
    assert_problem(
        s.post(&s.admin, &unknown, &json!({})).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn the_audit_log_lists_the_staff_actions_newest_first_a_page_at_a_time() {
    let s = staffed_without_deliveries().await;
    let customer = s.customer.id;
    s.put(
        &s.admin,
        &format!("/users/{customer}/role"),
        &json!({"role": "customer"}),
    )
    .await
    .error_for_status()
    .unwrap();
    s.put(
        &s.admin,
        &format!("/users/{customer}/active"),
        &json!({"active": false}),
    )
    .await
    .error_for_status()
    .unwrap();
    s.post(&s.admin, "/categories", &json!({"name": "Garden Care"}))
        .await
        .error_for_status()
        .unwrap();
    let cancel = format!("/appointments/{}/cancel", s.appointment);
    s.post(&s.support, &cancel, &json!({"reason": "Salon closed"}))
        .await
        .error_for_status()
        .unwrap();
    let deliveries = &s.app.stores.deliveries;
    let claimed = deliveries
        .claim(Utc::now(), 1, TimeDelta::minutes(5))
        .await
        .unwrap();
    deliveries
        .give_up(&claimed[0], Utc::now(), "550")
        .await
        .unwrap();
    s.post(
        &s.admin,
        &format!("/deliveries/{}/retry", claimed[0].id),
        &json!({}),
    )
    .await
    .error_for_status()
    .unwrap();

    let log = s.get_json(&s.support, "/audit?per_page=100").await;
    let actions: Vec<&str> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "delivery.retry",
            "appointment.cancel",
            "category.create",
            "user.deactivate",
            "user.edit",
        ],
        "newest first"
    );
    assert_eq!(log["total"], 5);
    let deactivation = &log["items"][3];
    assert_eq!(deactivation["target"], format!("user:{customer}"));
    assert_eq!(deactivation["before"]["active"], true);
    assert_eq!(deactivation["after"]["active"], false);
    assert_eq!(log["items"][1]["after"]["reason"], "Salon closed");

    let second = s.get_json(&s.admin, "/audit?per_page=2&page=2").await;
    assert_eq!(
        (second["total"].as_u64(), second["pages"].as_u64()),
        (Some(5), Some(3))
    );
    assert_eq!(second["items"][0]["action"], "category.create");
    assert_problem(
        s.get(&s.admin, "/audit?per_page=500").await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let provider = s.app.logged_in("pat@salon.example").await;
    assert_problem(s.get(&provider, "/audit").await, StatusCode::FORBIDDEN).await;
}
