//! iCalendar feeds: the secret tokens in feed URLs and the rendering of a feed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{UserId, Zone};

use super::secret::{Secret, SecretHash, SecretKind};
use super::{BackendError, RepoError};
use crate::events::AppointmentDetails;

/// Feed tokens, as [`SecretKind`].
#[derive(Debug)]
pub enum FeedTokenKind {}

impl SecretKind for FeedTokenKind {
    const NAME: &'static str = "FeedToken";
    const PREFIX: &'static str = "";
}

/// The secret in a feed URL (`/calendar/<token>.ics`): 32 random bytes as 64 lower-case hex
/// digits. Calendar apps keep it and fetch with it unattended, so it is the only credential;
/// only its [`FeedTokenHash`] is stored.
pub type FeedToken = Secret<FeedTokenKind>;

/// The SHA-256 of a [`FeedToken`].
pub type FeedTokenHash = SecretHash<FeedTokenKind>;

/// Stores each user's feed token by hash; a user has at most one, and replacing or revoking it
/// makes the old URL stop working at once.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait FeedTokens: Send + Sync {
    /// Makes `hash` the only feed token of `user`.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] for a hash already stored for someone else, [`RepoError::Backend`].
    async fn replace(&self, user: UserId, hash: &FeedTokenHash) -> Result<(), RepoError>;

    /// Removes the feed token of `user`, if any.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn revoke(&self, user: UserId) -> Result<(), RepoError>;

    /// Whose token `hash` is, if it is stored.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn owner(&self, hash: &FeedTokenHash) -> Result<Option<UserId>, RepoError>;

    /// Whether `user` has a feed token.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn issued(&self, user: UserId) -> Result<bool, RepoError>;
}

/// Whose view a feed gives: titles name the other party.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedAudience {
    /// A provider's feed: "<service> with <customer>", with the customer's contact details.
    Provider,
    /// A customer's feed: "<service> with <provider>".
    Customer,
}

/// What a feed shows: one entry per appointment, cancelled ones included so subscribed apps
/// remove them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The calendar's display name.
    pub title: String,
    /// The owner's zone, as a display hint (times themselves are exact instants).
    pub zone: Zone,
    /// Whose view.
    pub audience: FeedAudience,
    /// When the feed was generated (every entry's DTSTAMP).
    pub generated_at: DateTime<Utc>,
    /// The appointments, soonest first.
    pub entries: Vec<AppointmentDetails>,
}

/// Writes a [`Feed`] as an iCalendar document (RFC 5545). Pure formatting, no I/O.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
pub trait FeedRenderer: Send + Sync {
    /// The document for `feed`.
    ///
    /// # Errors
    /// When writing fails (a bug, not worth retrying).
    fn render(&self, feed: &Feed) -> Result<String, BackendError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_differ_and_parse_back_with_the_same_hash() {
        let a = FeedToken::generate().unwrap();
        let b = FeedToken::generate().unwrap();
        assert_ne!(a, b);
        assert_eq!(FeedToken::parse(a.expose()).unwrap().hash(), a.hash());
    }

    #[test]
    fn malformed_tokens_are_refused_and_never_shown_in_debug_output() {
        assert_eq!(FeedToken::parse("abc"), None);
        assert_eq!(FeedToken::parse(&"G".repeat(64)), None);
        assert_eq!(
            format!("{:?}", FeedToken::generate().unwrap()),
            "FeedToken(***)"
        );
    }
}
