//! Typed settings: the embedded `config/default.toml`, then `config/local.toml`, then an
//! operator's file, then `BYS_SECTION__KEY` environment variables.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;

use config::{Config, Environment, File, FileFormat};
use secrecy::SecretString;
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
}

/// The database.
#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    /// Connection URL (may contain a password).
    pub url: SecretString,
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

/// Settings could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// A file was unreadable or a value had the wrong type.
    #[error("invalid configuration: {0}")]
    Invalid(#[from] config::ConfigError),
    /// `server.base_url` is not an http(s) URL.
    #[error("server.base_url must start with http:// or https://, not {0:?}")]
    BaseUrl(String),
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
        if url.is_empty() || url.starts_with("http://") || url.starts_with("https://") {
            Ok(())
        } else {
            Err(SettingsError::BaseUrl(url.to_owned()))
        }
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

    /// Whether cookies must be marked Secure: the app is reached over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url.trim().starts_with("https://")
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
    fn a_missing_extra_file_is_an_error() {
        let result = Settings::from_layers(
            Some(Path::new("/nonexistent/bys.toml")),
            Some(HashMap::new()),
        );
        assert!(result.is_err());
    }
}
