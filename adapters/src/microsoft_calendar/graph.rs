//! A small Microsoft Graph client for the few endpoints the adapter calls: app-only tokens
//! (client credentials) cached until shortly before they expire, at most a few requests in
//! flight per mailbox, and a mailbox that Graph throttled (`429`/`503` with `Retry-After`) left
//! alone until the time Graph named.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use application::ports::Clock;
use chrono::{DateTime, TimeDelta, Utc};
use reqwest::header::{HeaderValue, RETRY_AFTER};
use reqwest::{Method, Url};
use secrecy::{ExposeSecret as _, SecretString};
use serde_json::Value;
use tokio::sync::Semaphore;

use super::MicrosoftCalendarConfig;
use super::credential::Credential;
use super::errors::GraphError;

/// The one scope of app-only Graph tokens: the application permissions granted to the app.
const SCOPE: &str = "https://graph.microsoft.com/.default";

/// A token is renewed this long before Graph says it expires.
const TOKEN_MARGIN: TimeDelta = TimeDelta::minutes(2);

/// One request: what it is (for errors and logs), whose mailbox it touches, and how.
pub(super) struct Call<'a> {
    /// The operation's name, e.g. `events.create`.
    pub what: &'static str,
    /// The mailbox it touches: the key of the concurrency limit and of throttling.
    pub mailbox: &'a str,
    /// The HTTP method.
    pub method: Method,
    /// The full URL.
    pub url: Url,
    /// A JSON body, if any.
    pub body: Option<&'a Value>,
    /// `Prefer` header values.
    pub prefer: &'a [&'a str],
}

/// An access token and when to stop using it.
struct CachedToken {
    value: SecretString,
    renew_at: DateTime<Utc>,
}

/// A mailbox's share of the client: its request slots and how long Graph asked us to wait.
struct Mailbox {
    slots: Arc<Semaphore>,
    throttled_until: Option<DateTime<Utc>>,
}

/// The client. Cheap to share; one per adapter.
pub(super) struct Graph {
    http: reqwest::Client,
    base: Url,
    token_url: String,
    client_id: String,
    credential: Credential,
    per_mailbox: usize,
    token: tokio::sync::Mutex<Option<CachedToken>>,
    mailboxes: Mutex<HashMap<String, Mailbox>>,
    clock: Arc<dyn Clock>,
}

impl Graph {
    /// A client for `config`; nothing is sent yet.
    pub(super) fn new(
        config: &MicrosoftCalendarConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, GraphError> {
        let base = Url::parse(&format!("{}/", config.graph_url.trim_end_matches('/')))
            .map_err(|e| GraphError::permanent("setup", &format!("graph_url: {e}")))?;
        let http = reqwest::Client::builder()
            .timeout(config.request_timeout)
            .build()
            .map_err(|e| GraphError::permanent("setup", &e.to_string()))?;
        Ok(Self {
            http,
            base,
            token_url: format!(
                "{}/{}/oauth2/v2.0/token",
                config.login_url.trim_end_matches('/'),
                config.tenant_id
            ),
            client_id: config.client_id.clone(),
            credential: Credential::load(&config.credential)?,
            per_mailbox: config.max_concurrent_per_mailbox.max(1),
            token: tokio::sync::Mutex::new(None),
            mailboxes: Mutex::new(HashMap::new()),
            clock,
        })
    }

    /// The URL of `segments` under Graph's base, each segment escaped.
    pub(super) fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url
    }

    /// A `@odata.nextLink` or `@odata.deltaLink` to follow. Only links under Graph's base are
    /// followed, so that a token is never sent anywhere else.
    pub(super) fn link(&self, link: &str) -> Result<Url, GraphError> {
        Url::parse(link)
            .ok()
            .filter(|url| url.as_str().starts_with(self.base.as_str()))
            .ok_or_else(|| GraphError::permanent("link", "a link outside Microsoft Graph"))
    }

    /// Sends `call` and returns its JSON answer (`Null` for an empty one).
    pub(super) async fn send(&self, call: Call<'_>) -> Result<Value, GraphError> {
        let slots = self.admit(call.what, call.mailbox)?;
        let _slot = slots
            .acquire_owned()
            .await
            .map_err(|_| GraphError::transient(call.what, "the client is shutting down"))?;
        let token = self.token().await?;
        let mut request = self
            .http
            .request(call.method, call.url)
            .bearer_auth(token.expose_secret());
        for prefer in call.prefer {
            request = request.header("Prefer", *prefer);
        }
        if let Some(body) = call.body {
            request = request.json(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| GraphError::unanswered(call.what, &e))?;
        let status = response.status().as_u16();
        let retry_after = response.headers().get(RETRY_AFTER).and_then(seconds);
        let text = response
            .text()
            .await
            .map_err(|e| GraphError::unanswered(call.what, &e))?;
        let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status < 300 {
            return Ok(json);
        }
        if status == 401 {
            *self.token.lock().await = None; // the retry fetches a new one
        }
        if let (429 | 503, Some(wait)) = (status, retry_after) {
            self.throttle(call.mailbox, wait);
        }
        let code = json["error"]["code"].as_str().unwrap_or_default();
        Err(GraphError::answered(call.what, status, code))
    }

    /// The mailbox's request slots, unless Graph asked us to wait.
    fn admit(&self, what: &'static str, mailbox: &str) -> Result<Arc<Semaphore>, GraphError> {
        let now = self.clock.now();
        let mut mailboxes = self
            .mailboxes
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let entry = mailboxes
            .entry(mailbox.to_ascii_lowercase())
            .or_insert_with(|| Mailbox {
                slots: Arc::new(Semaphore::new(self.per_mailbox)),
                throttled_until: None,
            });
        match entry.throttled_until {
            Some(until) if now < until => Err(GraphError::throttled(what, until)),
            _ => Ok(entry.slots.clone()),
        }
    }

    fn throttle(&self, mailbox: &str, wait: TimeDelta) {
        let until = self.clock.now() + wait;
        let mut mailboxes = self
            .mailboxes
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(entry) = mailboxes.get_mut(&mailbox.to_ascii_lowercase()) {
            entry.throttled_until = Some(until);
        }
    }

    /// The cached token, or a new one from the token endpoint.
    async fn token(&self) -> Result<SecretString, GraphError> {
        let mut cached = self.token.lock().await;
        let now = self.clock.now();
        if let Some(token) = cached.as_ref().filter(|t| now < t.renew_at) {
            return Ok(token.value.clone());
        }
        let mut form = vec![
            ("client_id", self.client_id.clone()),
            ("scope", SCOPE.to_owned()),
            ("grant_type", "client_credentials".to_owned()),
        ];
        form.extend(
            self.credential
                .proof(&self.client_id, &self.token_url, now)?,
        );
        let response = self
            .http
            .post(&self.token_url)
            .form(&form)
            .send()
            .await
            .map_err(|e| GraphError::unanswered("token", &e))?;
        let status = response.status().as_u16();
        let json: Value = response
            .json()
            .await
            .map_err(|e| GraphError::unanswered("token", &e))?;
        let (Some(value), true) = (json["access_token"].as_str(), status < 300) else {
            // Token failures (Entra down, a secret being rotated) are retried like outages.
            let code = json["error"].as_str().unwrap_or("no access_token");
            return Err(GraphError::transient("token", &format!("{status} {code}")));
        };
        let lifetime = TimeDelta::seconds(json["expires_in"].as_i64().unwrap_or(0));
        let value = SecretString::from(value.to_owned());
        *cached = Some(CachedToken {
            value: value.clone(),
            renew_at: now + lifetime - TOKEN_MARGIN,
        });
        Ok(value)
    }
}

/// A `Retry-After` in seconds (Graph does not send dates).
fn seconds(value: &HeaderValue) -> Option<TimeDelta> {
    let seconds: i64 = value.to_str().ok()?.trim().parse().ok()?;
    Some(TimeDelta::seconds(seconds.clamp(1, 3600)))
}
