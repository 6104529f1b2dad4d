//! Retention: the free texts of appointments (notes, cancellation reasons, also inside their
//! recorded events) and the webhook log are kept for a set period after the appointment ended
//! or was cancelled, then removed by the workers. The appointments themselves stay.

use std::sync::Arc;

use chrono::TimeDelta;

use crate::ports::{Clock, PersonalDataStore, RepoError};

/// Removes what is past the retention period.
pub struct PruneExpiredData {
    store: Arc<dyn PersonalDataStore>,
    clock: Arc<dyn Clock>,
    retention: TimeDelta,
}

impl PruneExpiredData {
    /// The step over its ports, keeping data for `retention`.
    pub fn new(
        store: Arc<dyn PersonalDataStore>,
        clock: Arc<dyn Clock>,
        retention: TimeDelta,
    ) -> Self {
        Self {
            store,
            clock,
            retention,
        }
    }

    /// Prunes what ended or was cancelled more than the retention period ago; how many
    /// appointments lost texts.
    ///
    /// # Errors
    /// When the store fails.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<u64, RepoError> {
        self.store.prune(self.clock.now() - self.retention).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::personal_data::MockPersonalDataStore;
    use crate::test_support::*;

    #[tokio::test]
    async fn what_ended_before_the_retention_period_is_pruned() {
        let mut store = MockPersonalDataStore::new();
        store
            .expect_prune()
            .withf(|before| *before == utc("2024-06-01T10:00:00Z"))
            .times(1)
            .returning(|_| Ok(3));
        let prune = PruneExpiredData::new(
            Arc::new(store),
            clock_at("2026-06-01T10:00:00Z"),
            TimeDelta::days(730),
        );
        assert_eq!(prune.run().await.unwrap(), 3);
    }
}
