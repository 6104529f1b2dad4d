//! Login throttling: failed attempts are counted per account and per client address in a
//! sliding window; past the limit, logins are refused without checking the password.
//!
//! Counts live in this process's memory: a restart forgets them and several instances count
//! separately, which bounds guessing per instance. Good enough until the sessions move into
//! the database.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Limits for [`LoginThrottle`].
#[derive(Debug, Clone, Copy)]
pub struct ThrottleLimits {
    /// Failures allowed per account within `window`.
    pub per_account: u32,
    /// Failures allowed per client address within `window`.
    pub per_address: u32,
    /// The sliding window.
    pub window: Duration,
}

/// Counts failed logins.
#[derive(Debug)]
pub struct LoginThrottle {
    limits: ThrottleLimits,
    failures: Mutex<HashMap<Key, VecDeque<Instant>>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(IpAddr),
}

/// Keys are swept of stale attempts when the table grows past this many entries.
const SWEEP_ABOVE: usize = 10_000;

impl LoginThrottle {
    /// A throttle with `limits` and no failures yet.
    pub fn new(limits: ThrottleLimits) -> Self {
        Self {
            limits,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether a login for `account` (the normalised email) from `address` may be tried at `now`.
    pub fn allows(&self, account: &str, address: Option<IpAddr>, now: Instant) -> bool {
        let mut failures = self.lock();
        let account_ok = Self::recent(
            &mut failures,
            &Key::Account(account.to_owned()),
            now,
            self.limits.window,
        ) < self.limits.per_account;
        let address_ok = address.is_none_or(|ip| {
            Self::recent(&mut failures, &Key::Address(ip), now, self.limits.window)
                < self.limits.per_address
        });
        account_ok && address_ok
    }

    /// Records a failed login.
    pub fn failed(&self, account: &str, address: Option<IpAddr>, now: Instant) {
        let mut failures = self.lock();
        if failures.len() > SWEEP_ABOVE {
            let window = self.limits.window;
            failures.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < window)
            });
        }
        failures
            .entry(Key::Account(account.to_owned()))
            .or_default()
            .push_back(now);
        if let Some(ip) = address {
            failures.entry(Key::Address(ip)).or_default().push_back(now);
        }
    }

    /// Forgets the account's failures after a successful login (the address keeps its count,
    /// so one valid account cannot be used to reset guessing at others).
    pub fn succeeded(&self, account: &str) {
        self.lock().remove(&Key::Account(account.to_owned()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, VecDeque<Instant>>> {
        self.failures.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn recent(
        failures: &mut HashMap<Key, VecDeque<Instant>>,
        key: &Key,
        now: Instant,
        window: Duration,
    ) -> u32 {
        let Some(times) = failures.get_mut(key) else {
            return 0;
        };
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            times.pop_front();
        }
        u32::try_from(times.len()).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> LoginThrottle {
        LoginThrottle::new(ThrottleLimits {
            per_account: 3,
            per_address: 5,
            window: Duration::from_mins(1),
        })
    }

    #[allow(clippy::unnecessary_wraps)] // the throttle takes an optional address
    fn ip(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([10, 0, 0, last]))
    }

    #[test]
    fn an_account_is_locked_after_its_failures_and_unlocked_when_they_age_out() {
        let t = throttle();
        let start = Instant::now();
        for i in 0..3 {
            assert!(t.allows("ann@x.org", ip(i), start));
            t.failed("ann@x.org", ip(i), start);
        }
        assert!(!t.allows("ann@x.org", ip(9), start));
        assert!(t.allows("bob@x.org", ip(9), start));
        assert!(t.allows("ann@x.org", ip(9), start + Duration::from_mins(1)));
    }

    #[test]
    fn an_address_is_locked_after_failures_across_accounts() {
        let t = throttle();
        let now = Instant::now();
        for n in 0..5 {
            t.failed(&format!("user{n}@x.org"), ip(1), now);
        }
        assert!(!t.allows("fresh@x.org", ip(1), now));
        assert!(t.allows("fresh@x.org", ip(2), now));
    }

    #[test]
    fn a_successful_login_clears_the_account_but_not_the_address() {
        let t = throttle();
        let now = Instant::now();
        for _ in 0..3 {
            t.failed("ann@x.org", ip(1), now);
        }
        t.succeeded("ann@x.org");
        assert!(t.allows("ann@x.org", ip(2), now));
        t.failed("a@x.org", ip(1), now);
        t.failed("b@x.org", ip(1), now);
        assert!(!t.allows("c@x.org", ip(1), now));
    }
}
