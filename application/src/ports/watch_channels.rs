//! Push channels: the calendar service tells the platform that a calendar changed (Google's
//! `events.watch`), so that it is read soon instead of at the next poll. A notification is only
//! a cue to read; what it carries is never trusted beyond the channel it names and that
//! channel's token.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::{RepoError, Secret, SecretHash, SecretKind, SourceError};

/// The kind of a channel's token: sent to the service when the channel is opened, echoed back
/// on every notification.
#[derive(Debug)]
pub enum ChannelTokenKind {}

impl SecretKind for ChannelTokenKind {
    const NAME: &'static str = "ChannelToken";
    const PREFIX: &'static str = "bysch_";
}

/// A channel's random token (stored only as its hash).
pub type ChannelToken = Secret<ChannelTokenKind>;

/// A channel's stored token hash.
pub type ChannelTokenHash = SecretHash<ChannelTokenKind>;

/// An open push channel on one of a provider's calendars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchChannel {
    /// The platform's id for the channel (chosen when it is opened, named by each
    /// notification).
    pub id: String,
    /// The service's id for the watched resource, needed to stop the channel.
    pub resource_id: String,
    /// Whose calendar.
    pub provider: UserId,
    /// The watched calendar.
    pub calendar_id: String,
    /// The hash of the channel's token.
    pub token: ChannelTokenHash,
    /// When the service stops sending on it.
    pub expires_at: DateTime<Utc>,
}

/// Keeps the open channels.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait WatchChannelStore: Send + Sync {
    /// Records `channel`, replacing one of the same id.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn save(&self, channel: &WatchChannel) -> Result<(), RepoError>;

    /// The channel `id`, if it is recorded.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn find(&self, id: &str) -> Result<Option<WatchChannel>, RepoError>;

    /// Forgets the channel `id`; nothing happens if there is none.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn remove(&self, id: &str) -> Result<(), RepoError>;

    /// Every channel, by provider, calendar id, then expiry.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn all(&self) -> Result<Vec<WatchChannel>, RepoError>;
}

/// What the service answered when a channel was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedChannel {
    /// The service's id for the watched resource.
    pub resource_id: String,
    /// When the service stops sending on it (it may cut the asked lifetime short).
    pub expires_at: DateTime<Utc>,
}

/// What a channel should deliver and for how long.
#[derive(Debug, Clone)]
pub struct ChannelRequest {
    /// Whose calendar.
    pub provider: UserId,
    /// The calendar to watch.
    pub calendar_id: String,
    /// The platform's id for the channel.
    pub channel_id: String,
    /// The token the service echoes back on every notification.
    pub token: ChannelToken,
    /// The address notifications are posted to.
    pub address: String,
    /// When the channel should end at the latest.
    pub until: DateTime<Utc>,
}

/// Opens and stops push channels at the calendar service.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait CalendarWatch: Send + Sync {
    /// Opens a channel as `request` says.
    ///
    /// # Errors
    /// [`SourceError`]; [`SourceError::AccessGone`] when the calendar is not shared.
    async fn watch(&self, request: ChannelRequest) -> Result<OpenedChannel, SourceError>;

    /// Stops `channel`; one the service no longer knows counts as stopped.
    ///
    /// # Errors
    /// [`SourceError`].
    async fn stop(&self, channel: &WatchChannel) -> Result<(), SourceError>;
}

/// A backend-neutral cue: "read this source soon". Whoever runs the busy-time worker decides
/// when; the cue itself never reads anything.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
pub trait SyncCue: Send + Sync {
    /// Asks for the source `calendar_id` of `provider` to be read soon.
    fn cue(&self, provider: UserId, calendar_id: &str);
}
