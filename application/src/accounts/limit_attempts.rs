//! Counting attempts at a door (logins, account mails, sign-ups, API calls, bookings) against
//! its limit, through [`RateLimits`] so that every instance counts together.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};

use crate::ports::rate_limits::{Hit, LimitKey, RateLimits};
use crate::ports::{Clock, RepoError};

/// How many attempts a door lets through per fixed window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Door {
    /// The door's name, in stored keys and metrics (`login-account`, `api-client`, ...).
    pub name: &'static str,
    /// Attempts allowed per window.
    pub max: u32,
    /// The window's length.
    pub window: TimeDelta,
}

/// A counter after an attempt: how much of its window's allowance is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// The door counted at.
    pub door: Door,
    /// Attempts in this window, including this one.
    pub count: u32,
    /// When the window ends and the count starts again.
    pub resets_at: DateTime<Utc>,
}

impl Tally {
    /// Whether the attempt is within the limit.
    pub fn allowed(&self) -> bool {
        self.count <= self.door.max
    }

    /// Attempts left in this window.
    pub fn remaining(&self) -> u32 {
        self.door.max.saturating_sub(self.count)
    }

    /// Whole seconds from `now` until the window ends (at least 1).
    pub fn seconds_to_reset(&self, now: DateTime<Utc>) -> u64 {
        u64::try_from((self.resets_at - now).num_seconds()).map_or(1, |s| s.max(1))
    }
}

/// Counts attempts. Disabled (`enabled = false`), it counts nothing and lets everything
/// through: for load tests, which hammer the app from one address.
pub struct LimitAttempts {
    store: Arc<dyn RateLimits>,
    clock: Arc<dyn Clock>,
    enabled: bool,
}

impl LimitAttempts {
    /// Counting in `store`, unless `enabled` is false.
    pub fn new(store: Arc<dyn RateLimits>, clock: Arc<dyn Clock>, enabled: bool) -> Self {
        Self {
            store,
            clock,
            enabled,
        }
    }

    /// Counts one attempt by each `(door, subject)` and returns their tallies, in order. Doors
    /// with a limit of 0 are not counted (and always allow).
    ///
    /// # Errors
    /// [`RepoError`] when the counters cannot be updated.
    pub async fn hit(&self, knocks: &[(Door, &str)]) -> Result<Vec<Tally>, RepoError> {
        let now = self.clock.now();
        let counted: Vec<(Door, Hit)> = knocks
            .iter()
            .filter(|(door, _)| self.enabled && door.max > 0)
            .map(|(door, subject)| (*door, Hit::at(key(door, subject), now, door.window)))
            .collect();
        if counted.is_empty() {
            return Ok(Vec::new());
        }
        let hits: Vec<Hit> = counted.iter().map(|(_, hit)| hit.clone()).collect();
        let counts = self.store.hit(&hits).await?;
        Ok(counted
            .into_iter()
            .zip(counts)
            .map(|((door, hit), count)| tally(door, &hit, count))
            .collect())
    }

    /// The tally of `subject` at `door` so far, without counting an attempt; `None` when the
    /// door is not counted.
    ///
    /// # Errors
    /// [`RepoError`] when the counter cannot be read.
    pub async fn peek(&self, door: Door, subject: &str) -> Result<Option<Tally>, RepoError> {
        if !self.enabled || door.max == 0 {
            return Ok(None);
        }
        let hit = Hit::at(key(&door, subject), self.clock.now(), door.window);
        let count = self.store.count(&hit).await?;
        Ok(Some(tally(door, &hit, count)))
    }

    /// Forgets the attempts of `subject` at `door`.
    ///
    /// # Errors
    /// [`RepoError`] when the counter cannot be removed.
    pub async fn clear(&self, door: Door, subject: &str) -> Result<(), RepoError> {
        if !self.enabled {
            return Ok(());
        }
        self.store.clear(&key(&door, subject)).await
    }

    /// Deletes counters of windows that ended more than `older_than` ago.
    ///
    /// # Errors
    /// [`RepoError`] when the store fails.
    pub async fn purge(&self, older_than: TimeDelta) -> Result<u64, RepoError> {
        self.store.purge(self.clock.now() - older_than).await
    }

    /// The current time, as the counters see it.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

fn key(door: &Door, subject: &str) -> LimitKey {
    LimitKey::new(door.name, subject)
}

fn tally(door: Door, hit: &Hit, count: u32) -> Tally {
    Tally {
        door,
        count,
        resets_at: hit.window_start + door.window,
    }
}

/// The first refused tally among `tallies`, the one whose window ends last when several are.
pub fn refusal(tallies: &[Tally]) -> Option<Tally> {
    tallies
        .iter()
        .filter(|t| !t.allowed())
        .max_by_key(|t| t.resets_at)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::rate_limits::MockRateLimits;
    use crate::test_support::*;

    const LOGIN: Door = Door {
        name: "login-account",
        max: 2,
        window: TimeDelta::minutes(15),
    };

    fn limits(counts: Vec<u32>, enabled: bool) -> LimitAttempts {
        let mut store = MockRateLimits::new();
        store
            .expect_hit()
            .returning(move |hits| Ok(counts.iter().copied().take(hits.len()).collect()));
        LimitAttempts::new(Arc::new(store), clock_at(NOW), enabled)
    }

    #[tokio::test]
    async fn an_attempt_over_the_limit_is_refused_until_the_window_ends() {
        let tallies = limits(vec![3], true)
            .hit(&[(LOGIN, "ann@example.org")])
            .await
            .unwrap();
        let refused = refusal(&tallies).unwrap();
        assert_eq!(refused.remaining(), 0);
        assert_eq!(refused.resets_at, utc("2026-06-01T08:15:00Z"));
        assert_eq!(refused.seconds_to_reset(utc(NOW)), 15 * 60);
    }

    #[tokio::test]
    async fn an_attempt_within_the_limit_is_allowed_with_what_remains() {
        let tallies = limits(vec![1], true)
            .hit(&[(LOGIN, "ann@example.org")])
            .await
            .unwrap();
        assert!(refusal(&tallies).is_none());
        assert_eq!(tallies[0].remaining(), 1);
    }

    #[tokio::test]
    async fn disabled_limits_count_nothing() {
        let mut store = MockRateLimits::new();
        store.expect_hit().never();
        let limits = LimitAttempts::new(Arc::new(store), clock_at(NOW), false);
        let tallies = limits.hit(&[(LOGIN, "ann@example.org")]).await.unwrap();
        assert!(tallies.is_empty());
    }
}
