//! Rate-limit counters in memory: one instance's counts, for tests and the demo.

use std::collections::HashMap;
use std::sync::Mutex;

use application::ports::{Hit, LimitKey, RateLimits, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::lock;

/// [`RateLimits`] in memory: key → (window start, count).
#[derive(Debug, Default)]
pub struct MemoryRateLimits {
    counters: Mutex<HashMap<LimitKey, (DateTime<Utc>, u32)>>,
}

#[async_trait]
impl RateLimits for MemoryRateLimits {
    async fn hit(&self, hits: &[Hit]) -> Result<Vec<u32>, RepoError> {
        let mut counters = lock(&self.counters);
        Ok(hits
            .iter()
            .map(|hit| {
                let counter = counters
                    .entry(hit.key.clone())
                    .or_insert((hit.window_start, 0));
                if counter.0 < hit.window_start {
                    *counter = (hit.window_start, 0);
                }
                counter.1 = counter.1.saturating_add(1);
                counter.1
            })
            .collect())
    }

    async fn count(&self, hit: &Hit) -> Result<u32, RepoError> {
        Ok(lock(&self.counters)
            .get(&hit.key)
            .filter(|(start, _)| *start >= hit.window_start)
            .map_or(0, |(_, count)| *count))
    }

    async fn clear(&self, key: &LimitKey) -> Result<(), RepoError> {
        lock(&self.counters).remove(key);
        Ok(())
    }

    async fn purge(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        let mut counters = lock(&self.counters);
        let was = counters.len();
        counters.retain(|_, (start, _)| *start >= before);
        Ok((was - counters.len()) as u64)
    }
}
