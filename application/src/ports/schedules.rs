//! Providers' schedules (weekly hours, date overrides, booking policy).

use async_trait::async_trait;
use domain::{Schedule, UserId};

use super::RepoError;

/// Stores one schedule per provider.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait ScheduleStore: Send + Sync {
    /// The schedule of `provider`; `None` if they never set one.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn get(&self, provider: UserId) -> Result<Option<Schedule>, RepoError>;

    /// Replaces the whole schedule of `provider` atomically.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn put(&self, provider: UserId, schedule: &Schedule) -> Result<(), RepoError>;
}
