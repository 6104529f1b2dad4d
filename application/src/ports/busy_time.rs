//! A provider's own busy time from their external calendars: reading it from the calendar
//! service ([`BusyTimeSource`]) and keeping a copy that availability reads ([`BusyTimeStore`]).
//!
//! Availability never asks the calendar service during a request: a sync (worker) reads the
//! source and records what it found; slots and the booking check read the record.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{TimeRange, UserId};

use super::{BackendError, RepoError};

/// How much of a calendar the platform may see, which decides how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceMode {
    /// Event details ("See all event details"): incremental sync with a sync token.
    Events,
    /// Free/busy only ("See only free/busy"): the busy blocks of a window, polled whole.
    FreeBusy,
}

impl SourceMode {
    /// The stored name: `events` or `free_busy`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Events => "events",
            Self::FreeBusy => "free_busy",
        }
    }

    /// Reads [`SourceMode::as_str`] back.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "events" => Some(Self::Events),
            "free_busy" => Some(Self::FreeBusy),
            _ => None,
        }
    }
}

/// How a source's last sync went.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SourceStatus {
    /// Not synced yet, or the last sync succeeded.
    Ok,
    /// The last sync failed in a way that may pass (network, rate limit, 5xx): the message.
    Failing(String),
    /// The calendar is no longer shared with the platform (or deleted): the message. Nothing
    /// will be read until the provider shares it again.
    AccessGone(String),
}

impl SourceStatus {
    /// The stored name: `ok`, `failing` or `access_gone`.
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Failing(_) => "failing",
            Self::AccessGone(_) => "access_gone",
        }
    }

    /// The error message, if any.
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Ok => None,
            Self::Failing(m) | Self::AccessGone(m) => Some(m),
        }
    }

    /// Reads [`SourceStatus::kind`] and [`SourceStatus::message`] back.
    pub fn from_parts(kind: &str, message: Option<String>) -> Option<Self> {
        let message = message.unwrap_or_default();
        match kind {
            "ok" => Some(Self::Ok),
            "failing" => Some(Self::Failing(message)),
            "access_gone" => Some(Self::AccessGone(message)),
            _ => None,
        }
    }
}

/// One of a provider's external calendars that blocks their time, and its sync state.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BusySource {
    /// Whose calendar.
    pub provider: UserId,
    /// The service's id for the calendar (Google: the Gmail address for the primary one).
    pub calendar_id: String,
    /// How it is read.
    pub mode: SourceMode,
    /// Where the next incremental sync starts (Google's `nextSyncToken`); `None` means the
    /// next sync reads the whole window.
    pub sync_token: Option<String>,
    /// When a sync last succeeded; `None` before the first.
    pub synced_at: Option<DateTime<Utc>>,
    /// How the last sync went.
    pub status: SourceStatus,
    /// When the provider was told that this source closes their slots (one email per
    /// failure). Written only by [`BusyTimeStore::claim_notice`] and
    /// [`BusyTimeStore::clear_notice`]; saving a known source keeps the stored value.
    pub notified_at: Option<DateTime<Utc>>,
    /// What the calendar service's adapter needs to read this calendar again, sealed by it
    /// ([`ExternalCalendar::credentials`]; CalDAV: the provider's login, encrypted); `None`
    /// when the platform's own account reads it. Never shown.
    pub credentials: Option<String>,
}

impl BusySource {
    /// A source not synced yet.
    pub const fn new(provider: UserId, calendar_id: String, mode: SourceMode) -> Self {
        Self {
            provider,
            calendar_id,
            mode,
            sync_token: None,
            synced_at: None,
            status: SourceStatus::Ok,
            notified_at: None,
            credentials: None,
        }
    }
}

/// What one sync found for a source: busy intervals keyed by the service's event id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BusyUpdate {
    /// Whether this is the whole window (every interval not listed is gone) rather than the
    /// changes since the last sync.
    pub full: bool,
    /// Events that block time now, added or replacing the interval of the same id.
    pub busy: Vec<(String, TimeRange)>,
    /// Events that no longer block time (deleted, cancelled, made free, declined).
    pub gone: Vec<String>,
}

/// Keeps the busy intervals read from providers' external calendars, per source, with each
/// source's sync state. Writes are atomic per call: a reader sees a sync's result whole or not
/// at all.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait BusyTimeStore: Send + Sync {
    /// Records `source` (replacing what was recorded for its provider and calendar id, except
    /// `notified_at`, which a known source keeps) and applies `update` to its intervals: with `full`, the intervals become exactly
    /// `update.busy`; otherwise `busy` entries are added or replaced by event id and `gone`
    /// ones removed (unknown ids are ignored).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn record_sync(&self, source: &BusySource, update: &BusyUpdate) -> Result<(), RepoError>;

    /// Records `source`'s state without touching its intervals (a failed sync, a mode change);
    /// a known source keeps its `notified_at`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn save_source(&self, source: &BusySource) -> Result<(), RepoError>;

    /// Marks the source `calendar_id` of `provider` as notified at `at` unless it is marked
    /// already: `true` if this call marked it (its caller sends the one notice), `false` if it
    /// was marked before or there is no such source. Atomic, so that of several app instances
    /// only one notifies.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn claim_notice(
        &self,
        provider: UserId,
        calendar_id: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError>;

    /// Clears the notice mark of a source (it works again, or the notice could not be sent),
    /// so that its next failure notifies again; nothing happens if there is none.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn clear_notice(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError>;

    /// Forgets a source and its intervals; nothing happens if there is none.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn remove_source(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError>;

    /// The sources of `provider`, by calendar id.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn sources(&self, provider: UserId) -> Result<Vec<BusySource>, RepoError>;

    /// Every source, by provider then calendar id.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn all_sources(&self) -> Result<Vec<BusySource>, RepoError>;

    /// The intervals of all `provider`'s sources overlapping `range`, sorted by start
    /// (touching `range` at an end does not count).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError>;
}

/// A calendar as the calendar service shows it to the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalCalendar {
    /// The service's id for it.
    pub id: String,
    /// Its title.
    pub summary: String,
    /// How much the platform may see of it.
    pub mode: SourceMode,
    /// The login it was reached with, sealed for storing with its [`BusySource`]; `None`
    /// without one.
    pub credentials: Option<String>,
}

/// How a provider gives the platform access to their calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarAccess {
    /// They share a calendar with [`BusyTimeSource::share_with`] and enter its id (Google).
    Shared,
    /// They enter their mailbox address; the platform's app reaches every mailbox of the
    /// organisation (Microsoft Graph).
    Mailbox,
    /// They enter the calendar's URL and a [`CalendarLogin`] (CalDAV).
    Login,
}

impl CalendarAccess {
    /// The name pages use: `shared`, `mailbox` or `login`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Mailbox => "mailbox",
            Self::Login => "login",
        }
    }
}

/// A login a provider gives for a calendar the platform's own account cannot reach (CalDAV:
/// their username and an app-specific password). `Debug` never shows the password.
#[derive(Clone, PartialEq, Eq)]
pub struct CalendarLogin {
    /// The username at the calendar service.
    pub username: String,
    /// The (app-specific) password.
    pub password: String,
}

impl std::fmt::Debug for CalendarLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CalendarLogin")
            .field("username", &self.username)
            .field("password", &"***")
            .finish()
    }
}

/// What reading a source returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRead {
    /// The intervals found.
    pub update: BusyUpdate,
    /// The token of the next incremental read (`None` in free/busy mode).
    pub sync_token: Option<String>,
}

/// Why reading a calendar failed, in the cases the sync acts on.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The sync token is no longer valid (Google's `410 Gone`): read the whole window again.
    #[error("the sync token expired")]
    TokenExpired,
    /// The calendar is not shared with the platform (any more), or was deleted.
    #[error("no access to the calendar: {0}")]
    AccessGone(String),
    /// The service's quota was exceeded (`403`/`429` rate limits): back off.
    #[error("rate limited: {0}")]
    RateLimited(String),
    /// Anything else, worth retrying later (network, timeouts, `5xx`).
    #[error("reading the calendar failed")]
    Transient(#[source] BackendError),
}

/// Reads busy time from a calendar service. Implementations only read; they never change the
/// provider's calendars.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait BusyTimeSource: Send + Sync {
    /// The address a provider shares their calendars with (Google: the service account's
    /// email), shown on the profile page.
    fn share_with(&self) -> String;

    /// How a provider gives the platform access to a calendar, which decides what the profile
    /// page asks for.
    fn access(&self) -> CalendarAccess {
        CalendarAccess::Shared
    }

    /// The calendar `calendar_id` as the platform sees it, with the access it gives, reached
    /// with `login` when the service needs one ([`CalendarAccess::Login`]). A service
    /// account cannot list a person's calendars: the provider names each one they shared.
    ///
    /// # Errors
    /// [`SourceError`]; [`SourceError::AccessGone`] when `calendar_id` is not shared (or the
    /// login is refused).
    async fn calendar(
        &self,
        calendar_id: &str,
        login: Option<CalendarLogin>,
    ) -> Result<ExternalCalendar, SourceError>;

    /// The busy intervals of `source` within `window`: the changes since its sync token in
    /// [`SourceMode::Events`] (every page), or all of `window` without a token or in
    /// [`SourceMode::FreeBusy`].
    ///
    /// # Errors
    /// [`SourceError`].
    async fn read(&self, source: &BusySource, window: TimeRange)
    -> Result<SourceRead, SourceError>;
}
