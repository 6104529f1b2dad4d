//! A per-provider limit on the calls that read providers' own calendars, below Google's quota
//! of 600 requests per minute per user.
//!
//! Each read also names the provider as Google's `quotaUser`, so that Google counts the
//! service account's reads per provider rather than all providers together. The limiter is
//! governor's keyed GCRA: a burst of [`BURST`] calls, then [`CALLS_PER_MINUTE`] spread over the
//! minute, so no minute holds more than their sum (550). Refusals that still come (`429`,
//! `403 usageLimits`) are backed off with jitter by the busy-time worker.

use std::num::NonZeroU32;

use domain::UserId;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Calls per provider per minute once a burst is spent; a sync of ours needs a few.
const CALLS_PER_MINUTE: NonZeroU32 = NonZeroU32::new(450).unwrap();
/// Calls a provider may make at once.
const BURST: NonZeroU32 = NonZeroU32::new(100).unwrap();

/// Each provider's calls to Google.
pub(super) type ProviderQuota = DefaultKeyedRateLimiter<UserId>;

/// The quota every provider's reads wait for.
fn quota() -> Quota {
    Quota::per_minute(CALLS_PER_MINUTE).allow_burst(BURST)
}

/// A limiter with [`quota`] per provider.
pub(super) fn provider_quota() -> ProviderQuota {
    RateLimiter::keyed(quota())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use governor::clock::FakeRelativeClock;
    use governor::middleware::NoOpMiddleware;
    use governor::state::keyed::DefaultKeyedStateStore;
    use uuid::Uuid;

    use super::*;

    fn provider(n: u128) -> UserId {
        UserId::from_uuid(Uuid::from_u128(n))
    }

    #[test]
    fn no_minute_holds_more_than_googles_600_calls_of_one_provider() {
        let clock = FakeRelativeClock::default();
        let limiter: RateLimiter<UserId, DefaultKeyedStateStore<UserId>, _, NoOpMiddleware<_>> =
            RateLimiter::new(quota(), DefaultKeyedStateStore::default(), clock.clone());
        // A provider asking every 10 ms for two minutes.
        let mut admitted = Vec::new();
        for tick in 0..12_000_u64 {
            if limiter.check_key(&provider(1)).is_ok() {
                admitted.push(tick);
            }
            clock.advance(Duration::from_millis(10));
        }
        let busiest = admitted
            .iter()
            .map(|start| {
                admitted
                    .iter()
                    .filter(|t| (*start..start + 6_000).contains(t))
                    .count()
            })
            .max()
            .unwrap();
        assert!(
            (500..600).contains(&busiest),
            "{busiest} calls in one minute"
        );
        // Another provider has a quota of their own.
        assert!(limiter.check_key(&provider(2)).is_ok());
    }
}
