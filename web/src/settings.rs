//! Typed settings: the embedded `config/default.toml`, then `config/local.toml`, then an
//! operator's file, then `BYS_SECTION__KEY` environment variables.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use adapters::{CalDavConfig, GoogleCalendarConfig, GraphCredential, MicrosoftCalendarConfig};
use chrono::TimeDelta;
use config::{Config, Environment, File, FileFormat};
use domain::Language;
use secrecy::{ExposeSecret as _, SecretString};
use serde::Deserialize;

/// The defaults, compiled in so the binary runs from any directory.
const DEFAULTS: &str = include_str!("../../config/default.toml");

/// An optional file next to the working directory for a developer's own overrides.
const LOCAL_FILE: &str = "config/local.toml";

/// Everything the app reads at startup.
#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    /// Where and how the app is served.
    pub server: ServerSettings,
    /// The database.
    pub database: DatabaseSettings,
    /// Sessions and login throttling.
    pub security: SecuritySettings,
    /// Outgoing mail.
    pub mail: MailSettings,
    /// Calendar sync and feeds.
    pub calendar: CalendarSettings,
    /// Uploaded photos.
    pub images: ImageSettings,
    /// Background workers.
    pub workers: WorkerSettings,
    /// Time-zone rules.
    pub time: TimeSettings,
    /// Languages.
    pub i18n: I18nSettings,
    /// The privacy notice people accept at registration.
    pub privacy: PrivacySettings,
    /// Rate limits on the doors that send mail, create accounts, call the API and book.
    pub limits: LimitSettings,
    /// What `/readyz` checks.
    pub health: HealthSettings,
    /// The Prometheus endpoint.
    pub metrics: MetricsSettings,
    /// Webhooks: signing, delivery and the SSRF guard.
    pub webhooks: WebhookSettings,
}

/// Webhooks: signing, delivery and the SSRF guard.
#[derive(Debug, Clone, Deserialize)]
pub struct WebhookSettings {
    /// Let endpoints resolve to loopback, private, link-local and CGNAT addresses.
    pub allow_private_targets: bool,
    /// The longest a post may take, connecting included, in seconds.
    pub timeout_seconds: u64,
    /// Failed attempts in a row after which an endpoint is disabled (and its owner mailed).
    pub disable_after_failures: u32,
    /// How long a rotated-out secret keeps signing next to the new one, in hours.
    pub secret_overlap_hours: u32,
    /// Pause between runs of the webhook worker when it had no full batch, in milliseconds.
    pub interval_ms: u64,
}

/// Languages.
#[derive(Debug, Clone, Deserialize)]
pub struct I18nSettings {
    /// The marketplace's language: mails and calendar entries of people who chose none, and
    /// pages for browsers that ask for none the catalogue has.
    pub default_language: String,
}

impl I18nSettings {
    /// The default language.
    ///
    /// # Errors
    /// When it is not a language of the catalogue.
    pub fn language(&self) -> anyhow::Result<Language> {
        Language::parse(&self.default_language)
            .ok()
            .filter(adapters::catalogue::speaks)
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "i18n.default_language {:?} is not one of the catalogue's languages ({})",
                    self.default_language,
                    adapters::catalogue::languages()
                        .iter()
                        .map(Language::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

/// The privacy notice.
#[derive(Debug, Clone, Deserialize)]
pub struct PrivacySettings {
    /// The notice's version: what a new account records as accepted. Change it with the text.
    pub notice_version: String,
    /// The notice, shown at `/privacy`: paragraphs separated by blank lines.
    pub notice: String,
    /// The notice in other languages, by language tag (`[privacy.translations]`); a language
    /// without one shows [`Self::notice`].
    #[serde(default)]
    pub translations: HashMap<String, String>,
}

/// Time-zone rules.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TimeSettings {
    /// A tzdb folder to use when it holds a newer release than the binary's; empty means the
    /// host's `/usr/share/zoneinfo`.
    #[serde(default)]
    pub tzdb_path: String,
}

impl TimeSettings {
    /// The configured tzdb folder, if any.
    pub fn tzdb_folder(&self) -> Option<&Path> {
        let path = self.tzdb_path.trim();
        (!path.is_empty()).then(|| Path::new(path))
    }
}

/// Where and how the app is served.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    /// Interface to listen on.
    pub host: String,
    /// TCP port; 0 picks a free one.
    pub port: u16,
    /// The public address; empty means `http://HOST:PORT` as bound.
    #[serde(default)]
    pub base_url: String,
    /// How long requests in flight may take to finish after a stop signal, in seconds.
    pub shutdown_grace_seconds: u64,
}

/// The database.
#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// Connection URL (may contain a password): `sqlite://...`, `postgres://...`, or `memory:`
    /// for throw-away in-memory stores.
    pub url: SecretString,
    /// Run pending migrations when `serve` starts on PostgreSQL (SQLite always does).
    pub migrate_on_start: bool,
    /// How long a request waits for a pooled connection before it is answered 503, in ms.
    pub acquire_timeout_ms: u64,
}

/// What `/readyz` checks.
#[derive(Debug, Clone, Deserialize)]
pub struct HealthSettings {
    /// How long the database round trip may take before the app counts as not ready, in ms.
    pub database_timeout_ms: u64,
    /// Not ready once a due delivery has waited this long for a worker, in seconds; 0: report
    /// the wait only.
    pub max_delivery_wait_seconds: u64,
}

/// The Prometheus endpoint.
#[derive(Debug, Clone, Deserialize)]
pub struct MetricsSettings {
    /// Serve `/metrics` at all.
    pub enabled: bool,
    /// A separate `host:port` serving only `/metrics`; empty: the main port, behind the token.
    pub listen: String,
    /// The bearer token scrapers must send; required on the main port, optional on `listen`.
    pub bearer_token: SecretString,
}

/// How mail leaves the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// Write `.eml` files into a folder (development, tests).
    Outbox,
    /// Send through an SMTP server.
    Smtp,
}

/// Outgoing mail.
#[derive(Debug, Clone, Deserialize)]
pub struct MailSettings {
    /// Outbox folder or SMTP server.
    pub transport: MailTransport,
    /// The folder `.eml` files go to with the outbox transport.
    pub outbox_folder: String,
    /// The sender address.
    pub from_address: String,
    /// The sender's display name.
    pub from_name: String,
    /// How long before an appointment its reminder goes out, in hours.
    pub reminder_lead_hours: u32,
    /// How long a password reset link works, in minutes.
    pub reset_link_minutes: u32,
    /// How long an email verification link works, in hours.
    pub verify_link_hours: u32,
    /// The SMTP server.
    pub smtp: SmtpSettings,
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecuritySetting {
    /// Plain text (a server on the same host or a test server only).
    None,
    /// STARTTLS, usually port 587.
    StartTls,
    /// TLS from the first byte, usually port 465.
    Tls,
}

/// The SMTP server.
#[derive(Debug, Clone, Deserialize)]
pub struct SmtpSettings {
    /// Host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// `none`, `starttls` or `tls`.
    pub security: SmtpSecuritySetting,
    /// Login name; empty for none.
    pub username: String,
    /// Password.
    pub password: SecretString,
    /// How long one exchange may take, in seconds.
    pub timeout_seconds: u64,
}

/// Which calendar service appointments are pushed to and providers' own calendars are read
/// from. Adding a service: a variant, its settings table, and its arm in `startup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarBackend {
    /// Nothing is pushed or read; the iCalendar feeds only.
    None,
    /// Google Calendar with a service account ([`GoogleSettings`]).
    Google,
    /// Microsoft 365 / Outlook through Microsoft Graph ([`MicrosoftSettings`]).
    Microsoft,
    /// Providers' own CalDAV calendars block their time ([`CalDavSettings`]); nothing is
    /// pushed (the feeds only).
    #[serde(rename = "caldav")]
    CalDav,
}

/// Calendar sync and feeds.
#[derive(Debug, Clone, Deserialize)]
pub struct CalendarSettings {
    /// The calendar service, if any.
    pub backend: CalendarBackend,
    /// How long one calendar API call may take before it counts as a transient failure.
    pub request_timeout_seconds: u64,
    /// Minutes between two reads of each calendar that blocks a provider's time.
    pub busy_poll_minutes: u32,
    /// Minutes without a successful read after which such a calendar closes its provider's
    /// slots (fail closed) until it is read again.
    pub busy_stale_minutes: u32,
    /// Google's settings, read with `backend = "google"`.
    pub google: GoogleSettings,
    /// Microsoft Graph's settings, read with `backend = "microsoft"`.
    pub microsoft: MicrosoftSettings,
    /// CalDAV's settings, read with `backend = "caldav"`.
    pub caldav: CalDavSettings,
    /// The key's name before backends had tables of their own; only read to refuse it.
    #[serde(default)]
    google_key_path: Option<String>,
}

impl CalendarSettings {
    /// How long one calendar API call may take.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_seconds)
    }
}

/// Google Calendar with a service account.
#[derive(Debug, Clone, Deserialize)]
pub struct GoogleSettings {
    /// The service account key file.
    pub key_path: String,
    /// The role providers get on their Google calendar.
    pub share_role: String,
    /// The Calendar API's base URL; empty for Google's (tests point it elsewhere).
    pub base_url: String,
    /// The API root URL; empty for Google's.
    pub root_url: String,
    /// The public HTTPS base URL Google posts push notifications to (this app's
    /// `/hooks/google/calendar` under it); empty: no push channels, calendars are only polled.
    pub push_base_url: String,
    /// Hours a push channel is asked to live before it is replaced.
    pub channel_hours: u32,
}

impl GoogleSettings {
    /// Where Google posts notifications and how long a channel lives; `None` without
    /// `push_base_url`.
    pub fn push(&self) -> Option<PushTarget> {
        PushTarget::of(
            &self.push_base_url,
            "/hooks/google/calendar",
            self.channel_hours,
        )
    }

    /// The adapter's configuration.
    pub fn config(&self, request_timeout: Duration) -> GoogleCalendarConfig {
        let mut config = GoogleCalendarConfig::new(self.key_path.trim());
        config.share_role.clone_from(&self.share_role);
        config.base_url = non_empty(&self.base_url);
        config.root_url = non_empty(&self.root_url);
        config.request_timeout = request_timeout;
        config
    }
}

/// Where a calendar service posts its push notifications, and how long a channel is asked to
/// live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushTarget {
    /// The hook's public address.
    pub address: String,
    /// A channel's asked life (at least an hour).
    pub lifetime: TimeDelta,
}

impl PushTarget {
    /// The hook `path` under `base_url`; `None` for an empty base URL.
    fn of(base_url: &str, path: &str, hours: u32) -> Option<Self> {
        non_empty(base_url).map(|base| Self {
            address: format!("{}{path}", base.trim_end_matches('/')),
            lifetime: TimeDelta::hours(i64::from(hours.max(1))),
        })
    }
}

/// Microsoft 365 through Microsoft Graph, with an app registration (client credentials).
#[derive(Debug, Clone, Deserialize)]
pub struct MicrosoftSettings {
    /// The directory (tenant) id.
    pub tenant_id: String,
    /// The application (client) id.
    pub client_id: String,
    /// The client secret (unless `certificate_path` is set).
    pub client_secret: SecretString,
    /// A PEM file with a certificate uploaded to the app registration and its private key;
    /// when set, it proves the app's identity instead of the client secret.
    pub certificate_path: String,
    /// Graph's base URL, version included.
    pub graph_url: String,
    /// The identity platform's address (the token endpoint's host).
    pub login_url: String,
    /// Requests in flight at once per mailbox.
    pub max_concurrent_per_mailbox: usize,
    /// The public HTTPS base URL Graph posts change notifications to (this app's
    /// `/hooks/microsoft/calendar` under it); empty: no subscriptions, calendars are only polled.
    pub push_base_url: String,
    /// Hours a subscription is asked to live before it is replaced (Graph allows 168).
    pub channel_hours: u32,
}

impl MicrosoftSettings {
    /// Where Graph posts notifications and how long a subscription lives; `None` without
    /// `push_base_url`.
    pub fn push(&self) -> Option<PushTarget> {
        PushTarget::of(
            &self.push_base_url,
            "/hooks/microsoft/calendar",
            self.channel_hours,
        )
    }

    /// The adapter's configuration.
    pub fn config(&self, request_timeout: Duration) -> MicrosoftCalendarConfig {
        MicrosoftCalendarConfig {
            tenant_id: self.tenant_id.trim().to_owned(),
            client_id: self.client_id.trim().to_owned(),
            credential: match non_empty(&self.certificate_path) {
                Some(path) => GraphCredential::Certificate(path.into()),
                None => GraphCredential::Secret(self.client_secret.clone()),
            },
            graph_url: self.graph_url.trim().trim_end_matches('/').to_owned(),
            login_url: self.login_url.trim().trim_end_matches('/').to_owned(),
            request_timeout,
            max_concurrent_per_mailbox: self.max_concurrent_per_mailbox.max(1),
        }
    }
}

/// Providers' CalDAV calendars (read only), with their logins sealed under a key file.
#[derive(Debug, Clone, Deserialize)]
pub struct CalDavSettings {
    /// The file with the key that seals providers' logins; created when missing.
    pub key_path: String,
    /// Whether calendar URLs may name loopback, private or link-local addresses (and plain
    /// `http`): tests and intranet servers only.
    pub allow_private_addresses: bool,
}

impl CalDavSettings {
    /// The adapter's configuration.
    pub fn config(&self, request_timeout: Duration) -> CalDavConfig {
        CalDavConfig {
            key_path: self.key_path.trim().into(),
            allow_private_addresses: self.allow_private_addresses,
            request_timeout,
        }
    }
}

/// `None` for an empty setting.
pub fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Where uploaded photos are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageBackend {
    /// Files under a local folder.
    Local,
    /// An S3 bucket.
    S3,
}

/// How photos reach browsers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageServing {
    /// The app streams the bytes.
    Stream,
    /// The app redirects to a presigned storage URL (when the storage gives one).
    Redirect,
}

/// Uploaded photos.
#[derive(Debug, Clone, Deserialize)]
pub struct ImageSettings {
    /// `local` or `s3`.
    pub backend: ImageBackend,
    /// The folder of the local backend.
    pub local_root: String,
    /// Largest accepted upload in bytes.
    pub max_bytes: u64,
    /// Largest accepted width × height.
    pub max_pixels: u64,
    /// `stream` or `redirect`.
    pub serve: ImageServing,
    /// How long a presigned URL works, in seconds.
    pub presign_seconds: u64,
    /// The bucket of the S3 backend.
    pub s3: S3Settings,
}

/// The S3 bucket.
#[derive(Debug, Clone, Deserialize)]
pub struct S3Settings {
    /// The bucket name.
    pub bucket: String,
    /// Its region.
    pub region: String,
    /// An S3-compatible endpoint; empty for AWS.
    pub endpoint: String,
    /// Path-style addressing (most S3-compatible stores).
    pub path_style: bool,
    /// Static access key id; empty: the standard AWS credential chain.
    pub access_key_id: String,
    /// Static secret access key.
    pub secret_access_key: SecretString,
}

/// Background workers run by `serve`.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkerSettings {
    /// Run them in this instance.
    pub enabled: bool,
    /// Pause between delivery runs when the queue had no full batch, in milliseconds.
    pub delivery_interval_ms: u64,
    /// How long a claimed delivery stays hidden from other workers, in seconds: longer than
    /// one delivery can take; a delivery claimed by a crashed instance is sent after it.
    pub delivery_lease_seconds: u32,
    /// Pause between reminder runs, in seconds.
    pub reminder_interval_seconds: u64,
    /// Pause between waitlist runs (expired holds, freed places), in seconds.
    pub waitlist_interval_seconds: u64,
    /// Pause between purges of expired sessions (and retention runs), in seconds.
    pub session_purge_seconds: u64,
    /// Days after an appointment ended or was cancelled until its free texts (notes,
    /// cancellation reasons) and the webhook log are pruned; 0 keeps them.
    pub retention_days: u32,
}

/// Sessions and login throttling.
#[derive(Debug, Clone, Deserialize)]
pub struct SecuritySettings {
    /// Idle lifetime of a session in hours.
    pub session_idle_hours: u32,
    /// Failed logins allowed per account within the window.
    pub login_failures_per_account: u32,
    /// Failed logins allowed per client address within the window.
    pub login_failures_per_address: u32,
    /// The throttling window in minutes.
    pub login_window_minutes: u32,
}

/// Rate limits, counted in the database so every instance shares them. Each is a number of
/// attempts per fixed window; 0 turns that one limit off.
#[derive(Debug, Clone, Deserialize)]
pub struct LimitSettings {
    /// Count at all (off only for load tests that hammer the app from one address).
    pub enabled: bool,
    /// The request header a trusted reverse proxy puts the client's address in (e.g.
    /// `X-Forwarded-For`, rightmost entry used); empty: the TCP peer's address.
    pub trusted_proxy_header: String,
    /// Password reset requests per email address per hour.
    pub reset_mails_per_address_per_hour: u32,
    /// Password reset requests per client address per hour.
    pub reset_mails_per_client_per_hour: u32,
    /// Verification mails asked for per account (its address) per hour.
    pub verification_mails_per_account_per_hour: u32,
    /// Verification mails asked for per client address per hour.
    pub verification_mails_per_client_per_hour: u32,
    /// Sign-up attempts per client address per hour.
    pub registrations_per_client_per_hour: u32,
    /// API requests per API token or session per minute.
    pub api_requests_per_caller_per_minute: u32,
    /// API requests per client address per minute.
    pub api_requests_per_client_per_minute: u32,
    /// Booking attempts (pages and API) per customer per hour.
    pub bookings_per_customer_per_hour: u32,
}

/// Settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A file was unreadable or a value had the wrong type.
    #[error("invalid configuration: {0}")]
    Invalid(#[from] config::ConfigError),
    /// `server.base_url` is not an http(s) URL.
    #[error("server.base_url must start with http:// or https://, not {0:?}")]
    BaseUrl(String),
    /// `limits.trusted_proxy_header` is not a header name.
    #[error("limits.trusted_proxy_header is not a valid header name: {0:?}")]
    ProxyHeader(String),
    /// A setting that was renamed.
    #[error("{0} was renamed: {1}")]
    Renamed(&'static str, &'static str),
    /// `/metrics` on the public port without a token.
    #[error(
        "metrics.enabled on the main port needs metrics.bearer_token (or a separate metrics.listen address)"
    )]
    OpenMetrics,
}

impl Settings {
    /// Loads every layer: embedded defaults, `config/local.toml` if present, `extra_file` if
    /// given (it must exist), then `BYS_*` environment variables.
    ///
    /// # Errors
    /// [`SettingsError`] for an unreadable file or a value of the wrong type.
    pub fn load(extra_file: Option<&Path>) -> Result<Self, SettingsError> {
        Self::from_layers(extra_file, None)
    }

    /// The embedded defaults only, ignoring files and the environment (for tests).
    ///
    /// # Errors
    /// Only if the embedded file is broken, which a test catches.
    pub fn defaults() -> Result<Self, SettingsError> {
        Self::from_layers(None, Some(HashMap::new()))
    }

    /// Loads the layers with `env` standing in for the process environment when given.
    ///
    /// # Errors
    /// As [`Settings::load`].
    pub fn from_layers(
        extra_file: Option<&Path>,
        env: Option<HashMap<String, String>>,
    ) -> Result<Self, SettingsError> {
        let hermetic = env.is_some();
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        if !hermetic {
            builder = builder.add_source(File::with_name(LOCAL_FILE).required(false));
        }
        if let Some(path) = extra_file {
            builder = builder.add_source(File::from(path).required(true));
        }
        let environment = Environment::with_prefix("BYS")
            .prefix_separator("_")
            .separator("__")
            .try_parsing(true)
            .source(env);
        let settings: Self = builder.add_source(environment).build()?.try_deserialize()?;
        settings.check()?;
        Ok(settings)
    }

    fn check(&self) -> Result<(), SettingsError> {
        let url = self.server.base_url.trim();
        if !(url.is_empty() || url.starts_with("http://") || url.starts_with("https://")) {
            return Err(SettingsError::BaseUrl(url.to_owned()));
        }
        let header = self.limits.trusted_proxy_header.trim();
        if !header.is_empty() && poem::http::HeaderName::from_bytes(header.as_bytes()).is_err() {
            return Err(SettingsError::ProxyHeader(header.to_owned()));
        }
        if self.calendar.google_key_path.is_some() {
            return Err(SettingsError::Renamed(
                "calendar.google_key_path",
                "set calendar.backend = \"google\" and calendar.google.key_path",
            ));
        }
        let m = &self.metrics;
        if m.enabled && m.listen.trim().is_empty() && m.bearer_token.expose_secret().is_empty() {
            return Err(SettingsError::OpenMetrics);
        }
        Ok(())
    }
}

impl ServerSettings {
    /// The address to bind.
    pub fn bind_address(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The public base URL without a trailing slash, given the address actually bound.
    pub fn public_url(&self, bound: SocketAddr) -> String {
        let configured = self.base_url.trim().trim_end_matches('/');
        if configured.is_empty() {
            format!("http://{bound}")
        } else {
            configured.to_owned()
        }
    }

    /// How long requests in flight may take to finish after a stop signal.
    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_seconds)
    }

    /// Whether cookies must be marked Secure: the app is reached over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.trim().starts_with("https://")
    }
}

impl DatabaseSettings {
    /// The bound on waiting for a pooled connection.
    pub fn acquire_timeout(&self) -> Duration {
        Duration::from_millis(self.acquire_timeout_ms)
    }
}

impl SecuritySettings {
    /// How long an unused session lives.
    pub fn session_idle(&self) -> Duration {
        Duration::from_secs(u64::from(self.session_idle_hours) * 3600)
    }

    /// The login throttling window.
    pub fn login_window(&self) -> Duration {
        Duration::from_secs(u64::from(self.login_window_minutes) * 60)
    }
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn the_embedded_defaults_serve_on_localhost_8080_with_sqlite() {
        let s = Settings::defaults().unwrap();
        assert_eq!(s.server.bind_address(), "127.0.0.1:8080");
        assert!(s.database.url.expose_secret().starts_with("sqlite://"));
        assert!(!s.server.secure_cookies());
    }

    #[test]
    fn environment_variables_override_nested_keys() {
        let s = Settings::from_layers(
            None,
            Some(env(&[
                ("BYS_SERVER__PORT", "9001"),
                ("BYS_DATABASE__URL", "postgres://u:p@db/bys"),
            ])),
        )
        .unwrap();
        assert_eq!(s.server.port, 9001);
        assert_eq!(s.database.url.expose_secret(), "postgres://u:p@db/bys");
    }

    #[test]
    fn an_https_base_url_makes_cookies_secure_and_is_the_public_url() {
        let s = Settings::from_layers(
            None,
            Some(env(&[(
                "BYS_SERVER__BASE_URL",
                "https://book.example.org/",
            )])),
        )
        .unwrap();
        assert!(s.server.secure_cookies());
        let bound: SocketAddr = "127.0.0.1:8080".parse().unwrap();
        assert_eq!(s.server.public_url(bound), "https://book.example.org");
    }

    #[test]
    fn without_a_base_url_the_public_url_is_the_bound_address() {
        let s = Settings::defaults().unwrap();
        let bound: SocketAddr = "127.0.0.1:41234".parse().unwrap();
        assert_eq!(s.server.public_url(bound), "http://127.0.0.1:41234");
    }

    #[test]
    fn a_base_url_without_a_scheme_is_refused() {
        let result =
            Settings::from_layers(None, Some(env(&[("BYS_SERVER__BASE_URL", "example.org")])));
        assert!(matches!(result, Err(SettingsError::BaseUrl(_))));
    }

    #[test]
    fn limits_are_on_by_default_and_take_the_peer_address() {
        let s = Settings::defaults().unwrap();
        assert!(s.limits.enabled);
        assert!(s.limits.trusted_proxy_header.is_empty());
        assert!(s.limits.reset_mails_per_address_per_hour > 0);
    }

    #[test]
    fn a_malformed_proxy_header_is_refused() {
        let result = Settings::from_layers(
            None,
            Some(env(&[("BYS_LIMITS__TRUSTED_PROXY_HEADER", "not a header")])),
        );
        assert!(matches!(result, Err(SettingsError::ProxyHeader(_))));
    }

    #[test]
    fn metrics_on_the_main_port_without_a_token_are_refused() {
        let open = Settings::from_layers(None, Some(env(&[("BYS_METRICS__ENABLED", "true")])));
        assert!(matches!(open, Err(SettingsError::OpenMetrics)));
        let apart = Settings::from_layers(
            None,
            Some(env(&[
                ("BYS_METRICS__ENABLED", "true"),
                ("BYS_METRICS__LISTEN", "127.0.0.1:9464"),
            ])),
        );
        assert!(apart.is_ok());
    }

    #[test]
    fn the_calendar_backend_and_its_table_come_from_the_environment() {
        let s = Settings::from_layers(
            None,
            Some(env(&[
                ("BYS_CALENDAR__BACKEND", "microsoft"),
                ("BYS_CALENDAR__MICROSOFT__TENANT_ID", "contoso"),
                ("BYS_CALENDAR__MICROSOFT__CLIENT_SECRET", "s3cret"),
            ])),
        )
        .unwrap();
        assert_eq!(s.calendar.backend, CalendarBackend::Microsoft);
        let config = s.calendar.microsoft.config(Duration::from_secs(5));
        assert_eq!(config.tenant_id, "contoso");
        assert!(
            matches!(&config.credential, GraphCredential::Secret(s) if s.expose_secret() == "s3cret")
        );
        assert_eq!(config.graph_url, "https://graph.microsoft.com/v1.0");
        assert_eq!(
            Settings::defaults().unwrap().calendar.backend,
            CalendarBackend::None
        );
        let google = Settings::from_layers(
            None,
            Some(env(&[
                ("BYS_CALENDAR__BACKEND", "google"),
                ("BYS_CALENDAR__GOOGLE__KEY_PATH", "/etc/bys/key.json"),
            ])),
        )
        .unwrap()
        .calendar;
        assert_eq!(google.backend, CalendarBackend::Google);
        let config = google.google.config(Duration::from_secs(5));
        assert_eq!(config.key_path, Path::new("/etc/bys/key.json"));
        assert_eq!(config.share_role, "reader");
    }

    #[test]
    fn the_old_google_key_setting_is_refused_with_its_new_name() {
        let result = Settings::from_layers(
            None,
            Some(env(&[(
                "BYS_CALENDAR__GOOGLE_KEY_PATH",
                "/etc/bys/key.json",
            )])),
        );
        assert!(
            matches!(
                result,
                Err(SettingsError::Renamed("calendar.google_key_path", _))
            ),
            "{result:?}"
        );
    }

    #[test]
    fn a_missing_extra_file_is_an_error() {
        let result = Settings::from_layers(
            Some(Path::new("/nonexistent/bys.toml")),
            Some(HashMap::new()),
        );
        assert!(result.is_err());
    }
}
