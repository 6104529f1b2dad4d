//! What a provider's own calendars block, as availability sees it: the busy intervals the last
//! sync stored. Slots, bookings and moves read it next to appointments; none of them calls the
//! calendar service.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{TimeRange, UserId};

use crate::ports::{BusyTimeStore, RepoError};

/// The stored external busy time of providers.
#[derive(Clone)]
pub struct ExternalBusy {
    store: Arc<dyn BusyTimeStore>,
}

impl ExternalBusy {
    /// Over `store`.
    pub fn new(store: Arc<dyn BusyTimeStore>) -> Self {
        Self { store }
    }

    /// The time within `range` that `provider`'s own calendars block at `now`.
    ///
    /// # Errors
    /// When the store fails.
    pub async fn blocking(
        &self,
        provider: UserId,
        range: TimeRange,
        now: DateTime<Utc>,
    ) -> Result<Vec<TimeRange>, RepoError> {
        let _ = now;
        self.store.busy(provider, range).await
    }
}
