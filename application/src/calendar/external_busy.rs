//! What a provider's own calendars block, as availability sees it: the busy intervals the last
//! sync stored. Slots, bookings and moves read it next to appointments; none of them calls the
//! calendar service.
//!
//! It fails closed: while one of the provider's calendars is not known to be current (never
//! read yet, not read successfully for longer than the staleness threshold, or no longer
//! shared), the whole asked range counts as busy, so the provider offers no slots rather than
//! slots that may be double booked. The next successful read reopens them.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use domain::{TimeRange, UserId};

use crate::ports::{BusySource, BusyTimeStore, RepoError, SourceStatus};

/// The default staleness threshold: two missed 15-minute polls.
const DEFAULT_STALE_AFTER_MINUTES: i64 = 30;

/// The stored external busy time of providers.
#[derive(Clone)]
pub struct ExternalBusy {
    store: Arc<dyn BusyTimeStore>,
    stale_after: TimeDelta,
}

impl ExternalBusy {
    /// Over `store`, with sources stale after 30 minutes without a successful read.
    pub fn new(store: Arc<dyn BusyTimeStore>) -> Self {
        Self {
            store,
            stale_after: TimeDelta::minutes(DEFAULT_STALE_AFTER_MINUTES),
        }
    }

    /// The same with sources stale after `stale_after`.
    #[must_use]
    pub const fn stale_after(mut self, stale_after: TimeDelta) -> Self {
        self.stale_after = stale_after;
        self
    }

    /// Whether `source` can be trusted at `now`.
    pub fn is_current(&self, source: &BusySource, now: DateTime<Utc>) -> bool {
        !matches!(source.status, SourceStatus::AccessGone(_))
            && source
                .synced_at
                .is_some_and(|at| now - at <= self.stale_after)
    }

    /// The time within `range` that `provider`'s own calendars block at `now`: their stored
    /// busy intervals, or all of `range` while one of them is not current.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn blocking(
        &self,
        provider: UserId,
        range: TimeRange,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimeRange>, RepoError> {
        let sources = self.store.sources(provider).await?;
        if sources.iter().any(|s| !self.is_current(s, now)) {
            return Ok(vec![range]);
        }
        if sources.is_empty() {
            return Ok(Vec::new());
        }
        self.store.busy(provider, range).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::SourceMode;
    use crate::ports::busy_time::MockBusyTimeStore;
    use crate::test_support::*;

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    fn day() -> TimeRange {
        range("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z")
    }

    fn dentist() -> TimeRange {
        range("2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z")
    }

    /// A store with one source in `status`, last read at `synced_at`, holding the dentist.
    fn store_with(status: SourceStatus, synced_at: Option<&str>) -> ExternalBusy {
        let mut store = MockBusyTimeStore::new();
        let provider = a_provider().build().id;
        let mut source = BusySource::new(provider, "ann@gmail.com".to_owned(), SourceMode::Events);
        source.status = status;
        source.synced_at = synced_at.map(utc);
        store
            .expect_sources()
            .returning(move |_| Ok(vec![source.clone()]));
        store.expect_busy().returning(|_, _| Ok(vec![dentist()]));
        ExternalBusy::new(Arc::new(store))
    }

    async fn blocked(busy: &ExternalBusy, now: &str) -> Vec<TimeRange> {
        busy.blocking(a_provider().build().id, day(), utc(now))
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_calendar_read_recently_blocks_its_events_only() {
        let busy = store_with(SourceStatus::Ok, Some("2026-06-01T08:00:00Z"));
        assert_eq!(blocked(&busy, "2026-06-01T08:30:00Z").await, [dentist()]);
    }

    #[tokio::test]
    async fn a_calendar_not_read_for_longer_than_the_threshold_blocks_everything() {
        let busy = store_with(
            SourceStatus::Failing("503".to_owned()),
            Some("2026-06-01T08:00:00Z"),
        );
        assert_eq!(blocked(&busy, "2026-06-01T08:29:00Z").await, [dentist()]);
        assert_eq!(blocked(&busy, "2026-06-01T08:31:00Z").await, [day()]);
    }

    #[tokio::test]
    async fn a_calendar_never_read_or_no_longer_shared_blocks_everything() {
        let unread = store_with(SourceStatus::Ok, None);
        assert_eq!(blocked(&unread, "2026-06-01T08:00:00Z").await, [day()]);
        let unshared = store_with(
            SourceStatus::AccessGone("404".to_owned()),
            Some("2026-06-01T08:00:00Z"),
        );
        assert_eq!(blocked(&unshared, "2026-06-01T08:01:00Z").await, [day()]);
    }
}
