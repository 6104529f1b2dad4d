//! The whole app started in-process, for the tests that drive it over HTTP (calendars, images,
//! mail), and what they do there as a browser would: log in, read a form's CSRF token, submit.

use std::path::Path;
use std::sync::Arc;

use reqwest::{Client, Response, StatusCode};
use secrecy::SecretString;
use tempfile::TempDir;
use web::settings::Settings;
use web::startup::{Application, Stores};
use web::use_cases::UseCases;

/// The password of the accounts these tests create.
pub const PASSWORD: &str = "correct horse battery";

/// The default settings with a random port and the database, outbox and photos in `dir`.
pub fn settings_in(dir: &Path) -> Settings {
    let mut settings = Settings::defaults().unwrap();
    settings.server.port = 0;
    settings.database.url =
        SecretString::from(format!("sqlite://{}/bys.db?mode=rwc", dir.display()));
    settings.mail.outbox_folder = dir.join("outbox").display().to_string();
    settings.images.local_root = dir.join("images").display().to_string();
    settings
}

/// An app started through the real startup, serving (with its workers) in the background.
pub struct RunningApp {
    /// Its public base URL.
    pub base: String,
    /// The stores behind it, for set-up no page offers.
    pub stores: Stores,
    /// Its use cases, for set-up through them (staff accounts, the demo seeder).
    pub use_cases: Arc<UseCases>,
    /// Its data folder, kept as long as the app.
    _dir: TempDir,
}

impl RunningApp {
    /// Starts the app on `settings` and `stores`, keeping `dir` (its data folder) alive.
    pub async fn start(dir: TempDir, settings: &Settings, stores: Stores) -> Self {
        let app = Application::start(settings, &stores).await.unwrap();
        let base = app.base_url.clone();
        let use_cases = app.state.use_cases.clone();
        tokio::spawn(app.run_until_stopped());
        Self {
            base,
            stores,
            use_cases,
            _dir: dir,
        }
    }

    /// The absolute URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser logged in as `email` (with [`PASSWORD`]) through the API.
    pub async fn logged_in(&self, email: &str) -> Client {
        let client = browser();
        let login = client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), StatusCode::OK, "login as {email}");
        client
    }

    /// The body of a GET of `path`, which must answer 200.
    pub async fn page(&self, client: &Client, path: &str) -> String {
        let response = client.get(self.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.text().await.unwrap()
    }

    /// Posts `form` to `action` with the CSRF token of the form on the page at `page`, as a
    /// browser submitting that form would.
    pub async fn submit(
        &self,
        client: &Client,
        page: &str,
        action: &str,
        form: &[(&str, &str)],
    ) -> Response {
        let token = csrf_token(&self.page(client, page).await);
        let mut fields = form.to_vec();
        fields.push(("csrf_token", &token));
        client
            .post(self.url(action))
            .form(&fields)
            .send()
            .await
            .unwrap()
    }
}

/// A client that keeps cookies, like a browser, and does not follow redirects (so tests see
/// them).
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The CSRF token in a page's forms.
pub fn csrf_token(html: &str) -> String {
    let marker = r#"name="csrf_token" value=""#;
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_owned()
}
