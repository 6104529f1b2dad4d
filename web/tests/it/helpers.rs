//! `spawn_app()` and what tests share: seeded data, clients, form helpers.

use std::sync::Arc;

use adapters::{Argon2Hasher, SystemClock};
use domain::{Role, Service, User};
use reqwest::{Client, Response, StatusCode};
use serde_json::Value;
use web::demo::Seeder;
use web::settings::Settings;
use web::startup::{Application, Stores};

/// A running app on its own in-memory stores.
pub struct TestApp {
    pub address: String,
    pub seeder: Seeder,
    /// The stores behind the app, for tests that set up what no page can (staff accounts,
    /// failed deliveries).
    pub stores: Stores,
}

/// Starts the app through the real startup on 127.0.0.1 with a random port.
pub async fn spawn_app() -> TestApp {
    web::telemetry::init_for_tests();
    let mut settings = Settings::defaults().expect("the embedded settings load");
    settings.server.port = 0;
    let stores = Stores::in_memory();
    let app = Application::start(&settings, &stores)
        .await
        .expect("the app starts");
    let address = format!("http://{}", app.address);
    let seeder = Seeder::new(&stores, Arc::new(Argon2Hasher), Arc::new(SystemClock));
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        seeder,
        stores,
    }
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
        let provider = self
            .seeder
            .user(
                Role::Provider,
                email,
                "Salon Test",
                "Europe/Paris",
                PASSWORD,
            )
            .await
            .unwrap();
        self.seeder
            .hours(&provider, &[0, 1, 2, 3, 4, 5, 6], "09:00", "17:00")
            .await
            .unwrap();
        let service = self
            .seeder
            .service(&provider, "Haircut", "Wash and cut.", 60, "25", "EUR", None)
            .await
            .unwrap();
        (provider, service)
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
        let slots: Value = client
            .get(self.url(&format!("/api/v1/services/{}/slots", service.id)))
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
