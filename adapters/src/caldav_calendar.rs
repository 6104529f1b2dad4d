//! Providers' own CalDAV calendars (Fastmail, Nextcloud, iCloud, Radicale, …) as a busy-time
//! source ([`BusyTimeSource`]); nothing is written to them. A provider enters the calendar's
//! URL, their username and an app-specific password; the login is sealed with AES-256-GCM
//! ([`sealed_login`]) and stored with the source, the key in a file of its own.
//!
//! A small client over `reqwest` (`dav`), not `libdav`: `libdav` brings its own hyper/tower
//! HTTP stack and changes its API with each 0.x release, while the three requests needed here
//! fit in one module and share `reqwest`'s resolver hook, which is where the guard against
//! server-side request forgery ([`AddressGuard`]) checks every address connected to.
//!
//! Reads: without a token, the calendar's `sync-token` (RFC 6578) or else its `getctag` is
//! read first, then every event overlapping the window (`calendar-query` with a time range),
//! expanded ([`events`]); the token is stored as `sync:<token>` or `ctag:<ctag>`. With a
//! sync token, `sync-collection` asks what changed: nothing → nothing to do (one small
//! request at rest); something → the window is read again in full, because a changed
//! recurring event changes a whole series of intervals. A server without `sync-collection`
//! is asked for its ctag instead. An expired sync token (`valid-sync-token`) makes the
//! caller read in full.

mod dav;
mod errors;
mod events;
mod sealed_login;

use std::path::PathBuf;
use std::time::Duration;

use application::ports::{
    BackendError, BusySource, BusyTimeSource, BusyUpdate, CalendarAccess, CalendarLogin,
    ExternalCalendar, SourceError, SourceMode, SourceRead,
};
use async_trait::async_trait;
use domain::TimeRange;
use reqwest::Url;
use reqwest::redirect::{Attempt, Policy};

use crate::address_guard::AddressGuard;

use dav::{Collection, Dav};
use errors::DavError;
use sealed_login::LoginSeal;

/// The prefix of a stored RFC 6578 sync token.
const SYNC: &str = "sync:";
/// The prefix of a stored ctag (servers without `sync-collection`).
const CTAG: &str = "ctag:";
/// Redirects followed (each checked by the address guard).
const MAX_REDIRECTS: usize = 5;

/// The CalDAV source's configuration.
#[derive(Debug, Clone)]
pub struct CalDavConfig {
    /// The file holding the key that seals providers' logins (created when missing).
    pub key_path: PathBuf,
    /// Whether calendar URLs may name loopback, private and link-local addresses (and plain
    /// `http`): only for tests and an intranet server.
    pub allow_private_addresses: bool,
    /// How long one request may take.
    pub request_timeout: Duration,
}

/// Why `url` may not be called: its scheme (`https`, or plain `http` where allowed) or an
/// address written in it.
fn refusal(guard: AddressGuard, plain_http: bool, url: &Url) -> Option<String> {
    match url.scheme() {
        "https" => {}
        "http" if plain_http => {}
        other => {
            return Some(format!(
                "the address must start with https:// (not {other}:)"
            ));
        }
    }
    guard.refusal(url)
}

/// Reads providers' CalDAV calendars.
pub struct CalDavCalendars {
    http: reqwest::Client,
    guard: AddressGuard,
    /// Whether plain `http` URLs are called (only where private addresses are allowed).
    plain_http: bool,
    seal: LoginSeal,
}

impl CalDavCalendars {
    /// The source per `config`.
    ///
    /// # Errors
    /// When the key file cannot be read or created, or the HTTP client cannot be built.
    pub fn new(config: &CalDavConfig) -> Result<Self, BackendError> {
        let plain_http = config.allow_private_addresses;
        let guard = AddressGuard::new(config.allow_private_addresses);
        let seal = LoginSeal::from_key_file(&config.key_path)?;
        let http = reqwest::Client::builder()
            .timeout(config.request_timeout)
            .dns_resolver(guard.resolver())
            .redirect(Policy::custom(move |attempt: Attempt<'_>| {
                if attempt.previous().len() >= MAX_REDIRECTS {
                    attempt.error("too many redirects")
                } else if let Some(refusal) = refusal(guard, plain_http, attempt.url()) {
                    attempt.error(refusal)
                } else {
                    attempt.follow()
                }
            }))
            .build()?;
        Ok(Self {
            http,
            guard,
            plain_http,
            seal,
        })
    }

    /// `calendar_id` as a URL the guard lets the client call.
    async fn url(&self, calendar_id: &str) -> Result<Url, SourceError> {
        let url = Url::parse(calendar_id.trim())
            .map_err(|_| SourceError::AccessGone("not a calendar address (URL)".to_owned()))?;
        if let Some(refusal) = refusal(self.guard, self.plain_http, &url) {
            return Err(SourceError::AccessGone(refusal));
        }
        self.guard
            .check(&url)
            .await
            .map_err(|unreachable| SourceError::AccessGone(unreachable.to_string()))?;
        Ok(url)
    }

    /// The window read in full, after the collection's properties (read now unless given);
    /// the stored token becomes `token` (a `sync-collection` answer's) or the collection's.
    async fn read_whole(
        &self,
        dav: &Dav<'_>,
        window: TimeRange,
        collection: Option<Collection>,
        token: Option<String>,
    ) -> Result<SourceRead, DavError> {
        let collection = match collection {
            Some(known) => known,
            None => dav.collection().await?,
        };
        let token = token
            .or(collection.sync_token)
            .map(|t| format!("{SYNC}{t}"))
            .or_else(|| collection.ctag.map(|c| format!("{CTAG}{c}")));
        let zone = events::calendar_zone(collection.timezone.as_deref());
        let found = dav.events_in(window).await?;
        let mut update = BusyUpdate {
            full: true,
            ..BusyUpdate::default()
        };
        for response in &found.responses {
            let Some(data) = response.props.get("calendar-data") else {
                continue;
            };
            match events::busy_in(data, &response.href, window, zone) {
                Ok(busy) => update.busy.extend(busy),
                // One unreadable event does not close every slot; it is logged.
                Err(error) => {
                    tracing::warn!(href = %response.href, %error, "unreadable calendar event");
                }
            }
        }
        Ok(SourceRead {
            update,
            sync_token: token,
        })
    }

    /// Reads `dav` from the stored `token`.
    async fn read_from(
        &self,
        dav: &Dav<'_>,
        token: Option<&str>,
        window: TimeRange,
    ) -> Result<SourceRead, DavError> {
        let unchanged = |token: String| SourceRead {
            update: BusyUpdate::default(),
            sync_token: Some(token),
        };
        if let Some(sync) = token.and_then(|t| t.strip_prefix(SYNC)) {
            match dav.changes_since(sync).await {
                Ok(changes) => {
                    let next = changes.sync_token.unwrap_or_else(|| sync.to_owned());
                    if changes.responses.is_empty() {
                        return Ok(unchanged(format!("{SYNC}{next}")));
                    }
                    return self.read_whole(dav, window, None, Some(next)).await;
                }
                // No RFC 6578 after all: the ctag tells whether anything changed.
                Err(e) if e.is_unsupported() => {
                    tracing::info!(error = %e, "sync-collection refused, reading by ctag");
                    return self.read_whole(dav, window, None, None).await;
                }
                Err(e) => return Err(e),
            }
        }
        if let Some(ctag) = token.and_then(|t| t.strip_prefix(CTAG)) {
            let collection = dav.collection().await?;
            if collection.sync_token.is_none() && collection.ctag.as_deref() == Some(ctag) {
                return Ok(unchanged(format!("{CTAG}{ctag}")));
            }
            return self.read_whole(dav, window, Some(collection), None).await;
        }
        self.read_whole(dav, window, None, None).await
    }
}

#[async_trait]
impl BusyTimeSource for CalDavCalendars {
    /// Nothing is shared with the platform: the provider gives a login instead.
    fn share_with(&self) -> String {
        String::new()
    }

    fn access(&self) -> CalendarAccess {
        CalendarAccess::Login
    }

    #[tracing::instrument(skip_all)]
    async fn calendar(
        &self,
        calendar_id: &str,
        login: Option<CalendarLogin>,
    ) -> Result<ExternalCalendar, SourceError> {
        let login = login.ok_or_else(|| SourceError::AccessGone("a login is needed".to_owned()))?;
        let url = self.url(calendar_id).await?;
        let dav = Dav {
            http: &self.http,
            url: &url,
            login: &login,
        };
        let collection = dav.collection().await.map_err(DavError::into_source)?;
        if !collection.is_calendar {
            return Err(SourceError::AccessGone(
                "this address is not a calendar".to_owned(),
            ));
        }
        let credentials = self
            .seal
            .seal(url.as_str(), &login)
            .map_err(|e| SourceError::Transient(e.into()))?;
        Ok(ExternalCalendar {
            id: url.to_string(),
            summary: collection.display_name,
            mode: SourceMode::Events,
            credentials: Some(credentials),
        })
    }

    #[tracing::instrument(skip_all, fields(provider = %source.provider))]
    async fn read(
        &self,
        source: &BusySource,
        window: TimeRange,
    ) -> Result<SourceRead, SourceError> {
        let url = self.url(&source.calendar_id).await?;
        let login = source
            .credentials
            .as_deref()
            .ok_or_else(|| "no stored login".to_owned())
            .and_then(|sealed| self.seal.open(url.as_str(), sealed))
            .map_err(|e| SourceError::AccessGone(format!("{e}: add the calendar again")))?;
        let dav = Dav {
            http: &self.http,
            url: &url,
            login: &login,
        };
        self.read_from(&dav, source.sync_token.as_deref(), window)
            .await
            .map_err(DavError::into_source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_is_called_unless_private_addresses_are_allowed() {
        let strict =
            |url: &str| refusal(AddressGuard::new(false), false, &Url::parse(url).unwrap());
        assert!(strict("http://dav.example.org/ann/").is_some());
        assert!(strict("file:///etc/passwd").is_some());
        assert!(strict("https://169.254.169.254/latest/").is_some());
        assert_eq!(strict("https://dav.example.org/ann/work/"), None);
        let open = refusal(
            AddressGuard::new(true),
            true,
            &Url::parse("http://127.0.0.1:5232/ann/").unwrap(),
        );
        assert_eq!(open, None);
    }
}
