//! One kind of cached read: bounded, stamped with generations, expiring.

use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use application::ports::RepoError;

use super::ENTRY_LIFETIME;

/// Values of one kind by key, at most `capacity` of them (the least useful are evicted).
pub(super) struct Memo<K, V> {
    entries: quick_cache::sync::Cache<K, Stamped<V>>,
    lifetime: Duration,
    /// Whether readers missing the same key at once share one load.
    shared_loads: bool,
}

#[derive(Clone)]
struct Stamped<V> {
    generation: u64,
    loaded: Instant,
    value: V,
}

impl<K: Eq + Hash + Clone, V: Clone> Memo<K, V> {
    /// Entries live up to [`ENTRY_LIFETIME`].
    pub(super) fn new(capacity: usize) -> Self {
        Self {
            entries: quick_cache::sync::Cache::new(capacity),
            lifetime: ENTRY_LIFETIME,
            shared_loads: false,
        }
    }

    /// Readers that miss the same key at once share one load: for slow loads (an expired
    /// search page costs one query, not one per waiting request). Measured on the booking
    /// path it cost a third of the booking rate, so it is not the default.
    pub(super) fn sharing_loads(self) -> Self {
        Self {
            shared_loads: true,
            ..self
        }
    }

    /// Entries live up to `lifetime` instead.
    pub(super) fn expiring_after(self, lifetime: Duration) -> Self {
        Self { lifetime, ..self }
    }

    /// The value of `key`: from memory if it was loaded at the current `generation` within
    /// its lifetime, otherwise from `load` (and then remembered; failures are not), shared
    /// with concurrent readers if [`Memo::sharing_loads`].
    pub(super) async fn get_or_load(
        &self,
        key: K,
        generation: &AtomicU64,
        load: impl Future<Output = Result<V, RepoError>>,
    ) -> Result<V, RepoError> {
        // Read before loading: a change committed after this moves the generation on, so
        // what is loaded now can never be served under the newer one.
        let current = generation.load(Ordering::Acquire);
        let fresh =
            |hit: &Stamped<V>| hit.generation >= current && hit.loaded.elapsed() < self.lifetime;
        if let Some(hit) = self.entries.get(&key) {
            if fresh(&hit) {
                return Ok(hit.value);
            }
            if self.shared_loads {
                self.entries.remove(&key);
            }
        }
        let stamped = |value: V| Stamped {
            generation: current,
            loaded: Instant::now(),
            value,
        };
        if self.shared_loads {
            match self.entries.get_value_or_guard_async(&key).await {
                Ok(hit) if fresh(&hit) => return Ok(hit.value),
                // Loaded by a reader that began before the latest change: load afresh below.
                Ok(_) => {}
                // This reader loads; the others wait for it (or, if it fails, load themselves).
                Err(guard) => {
                    let value = load.await?;
                    let _ = guard.insert(stamped(value.clone()));
                    return Ok(value);
                }
            }
        }
        let value = load.await?;
        self.entries.insert(key, stamped(value.clone()));
        Ok(value)
    }

    /// Remembers `value` as `key`'s, written just now by this process, at the current
    /// `generation`.
    pub(super) fn put(&self, key: K, generation: &AtomicU64, value: V) {
        self.entries.insert(
            key,
            Stamped {
                generation: generation.load(Ordering::Acquire),
                loaded: Instant::now(),
                value,
            },
        );
    }
}
