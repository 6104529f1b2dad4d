//! A per-provider limit on the calls that read providers' own calendars, below Google's quota
//! of 600 requests per minute per user.
//!
//! Each read also names the provider as Google's `quotaUser`, so that Google counts the
//! service account's reads per provider rather than all providers together. The limiter keeps
//! the time of each provider's calls of the last minute (a sliding log: at most
//! [`CALLS_PER_MINUTE`] entries per provider) and makes a call wait until the oldest leaves the
//! minute when the provider is at the limit. Refusals that still come (`429`, `403
//! usageLimits`) are backed off with jitter by the busy-time worker.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use domain::UserId;
use tokio::time::Instant;

/// Calls per provider per minute: Google allows 600 per user, and a sync of ours never needs
/// more than a few.
pub(super) const CALLS_PER_MINUTE: usize = 500;

const MINUTE: Duration = Duration::from_mins(1);

/// The calls of each provider in the last minute.
#[derive(Debug)]
pub(super) struct ProviderQuota {
    limit: usize,
    calls: Mutex<HashMap<UserId, VecDeque<Instant>>>,
}

impl ProviderQuota {
    /// At most `limit` calls per provider in any minute.
    pub(super) fn new(limit: usize) -> Self {
        Self {
            limit: limit.max(1),
            calls: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until `provider` may make another call, and counts it.
    pub(super) async fn acquire(&self, provider: UserId) {
        while let Err(wait) = self.admit(provider, Instant::now()) {
            tracing::debug!(%provider, ?wait, "waiting for the provider's Google quota");
            tokio::time::sleep(wait).await;
        }
    }

    /// Counts a call of `provider` at `now` if it is within the limit; otherwise how long to
    /// wait before asking again.
    fn admit(&self, provider: UserId, now: Instant) -> Result<(), Duration> {
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        // Providers idle for a minute are forgotten, so the map stays small.
        calls.retain(|_, log| log.back().is_some_and(|last| now - *last < MINUTE));
        let log = calls.entry(provider).or_default();
        while log.front().is_some_and(|first| now - *first >= MINUTE) {
            log.pop_front();
        }
        if log.len() < self.limit {
            log.push_back(now);
            return Ok(());
        }
        Err(log
            .front()
            .map_or(MINUTE, |first| MINUTE.saturating_sub(now - *first)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn provider(n: u128) -> UserId {
        UserId::from_uuid(Uuid::from_u128(n))
    }

    #[test]
    fn a_provider_at_the_limit_waits_until_its_oldest_call_leaves_the_minute() {
        let quota = ProviderQuota::new(3);
        let start = Instant::now();
        let at = |seconds| start + Duration::from_secs(seconds);
        assert_eq!(quota.admit(provider(1), at(0)), Ok(()));
        assert_eq!(quota.admit(provider(1), at(10)), Ok(()));
        assert_eq!(quota.admit(provider(1), at(20)), Ok(()));
        assert_eq!(
            quota.admit(provider(1), at(30)),
            Err(Duration::from_secs(30))
        );
        // Another provider has a quota of their own.
        assert_eq!(quota.admit(provider(2), at(30)), Ok(()));
        assert_eq!(quota.admit(provider(1), at(60)), Ok(()));
        assert_eq!(
            quota.admit(provider(1), at(61)),
            Err(Duration::from_secs(9))
        );
    }

    #[test]
    fn the_default_stays_under_googles_600_a_minute() {
        let quota = ProviderQuota::new(CALLS_PER_MINUTE);
        let start = Instant::now();
        let admitted = (0..700)
            .filter(|i| {
                quota
                    .admit(provider(1), start + Duration::from_millis(i * 50))
                    .is_ok()
            })
            .count();
        assert_eq!(admitted, CALLS_PER_MINUTE);
    }
}
