//! Counters of attempts in fixed time windows, kept where every instance sees them: the rate
//! limits on logins, account mails, registration, the API and booking.

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use sha2::{Digest, Sha256};

use super::RepoError;

/// What one counter counts: a door (`login-account`, `api-client`, ...) and who knocks at it.
/// The knocker is hashed, so stored keys reveal no email or client address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LimitKey(String);

impl LimitKey {
    /// The counter of `subject` (an email, an address, a user id) at `door`.
    pub fn new(door: &str, subject: &str) -> Self {
        let digest = Sha256::digest(format!("{door}\n{subject}").as_bytes());
        Self(format!("{door}:{}", hex::encode(&digest[..16])))
    }

    /// The key as stored (at most 100 characters for door names up to 67).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One hit on a counter: its key and the start of the window it falls in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The counter.
    pub key: LimitKey,
    /// The start of the current fixed window (every instance computes the same one).
    pub window_start: DateTime<Utc>,
}

impl Hit {
    /// The hit on `key` at `now` in fixed windows of `window`, aligned on the Unix epoch.
    pub fn at(key: LimitKey, now: DateTime<Utc>, window: TimeDelta) -> Self {
        let length = window.num_seconds().max(1);
        let start = now.timestamp().div_euclid(length) * length;
        Self {
            key,
            window_start: DateTime::from_timestamp(start, 0).unwrap_or(now),
        }
    }
}

/// Counts attempts per key in fixed windows, for every instance at once (a database table, or
/// process memory for a single instance). A counter whose stored window is older than the hit's
/// starts again from the hit; a hit for an older window than the stored one counts in the stored
/// window (instances whose clocks differ a little never reset each other's counts).
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait RateLimits: Send + Sync {
    /// Adds one to each counter of `hits` and returns each count in its window, including
    /// this hit, in the order of `hits`. Atomic per counter: concurrent hits are all counted.
    ///
    /// # Errors
    /// [`RepoError::Backend`] when the store fails.
    async fn hit(&self, hits: &[Hit]) -> Result<Vec<u32>, RepoError>;

    /// The count of `hit`'s counter in its window, without adding to it.
    ///
    /// # Errors
    /// [`RepoError::Backend`] when the store fails.
    async fn count(&self, hit: &Hit) -> Result<u32, RepoError>;

    /// Forgets the counter of `key` (a successful login clears its account's failures).
    ///
    /// # Errors
    /// [`RepoError::Backend`] when the store fails.
    async fn clear(&self, key: &LimitKey) -> Result<(), RepoError>;

    /// Deletes counters whose window started before `before`; returns how many.
    ///
    /// # Errors
    /// [`RepoError::Backend`] when the store fails.
    async fn purge(&self, before: DateTime<Utc>) -> Result<u64, RepoError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_door_and_hide_their_subject() {
        let key = LimitKey::new("login-account", "ann@example.org");
        assert!(key.as_str().starts_with("login-account:"));
        assert!(!key.as_str().contains("ann"));
        assert_ne!(key, LimitKey::new("login-address", "ann@example.org"));
    }

    #[test]
    fn windows_are_aligned_so_every_instance_computes_the_same_start() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let key = LimitKey::new("x", "y");
        let hit = Hit::at(key.clone(), at("2026-06-01T10:59:59Z"), TimeDelta::hours(1));
        assert_eq!(hit.window_start, at("2026-06-01T10:00:00Z"));
        let next = Hit::at(key, at("2026-06-01T11:00:00Z"), TimeDelta::hours(1));
        assert_eq!(next.window_start, at("2026-06-01T11:00:00Z"));
    }
}
