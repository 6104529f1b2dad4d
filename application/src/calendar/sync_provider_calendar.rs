//! After a provider's account changed (calendar address, activation), their calendar's sharing
//! follows: created and shared, moved to the new address, or unshared.

use std::sync::Arc;

use domain::UserId;

use crate::ports::{CalendarSync, DeliveryError, RepoError, UserStore};

/// Why the calendar was not brought in line.
#[derive(Debug, thiserror::Error)]
pub enum SyncProviderCalendarError {
    /// No such user.
    #[error("no such user")]
    UnknownUser,
    /// The calendar service failed; the next appointment change or an admin re-sync repairs
    /// the sharing, since every sync checks it.
    #[error(transparent)]
    Calendar(#[from] DeliveryError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Runs after `UpdateProfile`, account (de)activation and role changes (the web layer starts it
/// in the background); the caller has authorized the change.
pub struct SyncProviderCalendar {
    users: Arc<dyn UserStore>,
    sync: Arc<dyn CalendarSync>,
}

impl SyncProviderCalendar {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, sync: Arc<dyn CalendarSync>) -> Self {
        Self { users, sync }
    }

    /// Brings `provider`'s calendar sharing in line with their stored account. Users who are
    /// not providers are passed on too: one who was a provider until now must stop sharing
    /// (the adapter does nothing for a user without a calendar).
    ///
    /// # Errors
    /// See [`SyncProviderCalendarError`].
    #[tracing::instrument(skip(self), fields(provider = %provider))]
    pub async fn run(&self, provider: UserId) -> Result<(), SyncProviderCalendarError> {
        let user = self
            .users
            .by_id(provider)
            .await?
            .ok_or(SyncProviderCalendarError::UnknownUser)?;
        self.sync.provider_changed(&user).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::calendar::MockCalendarSync;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn users_with(user: domain::User) -> MockUserStore {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(user.clone())));
        users
    }

    #[tokio::test]
    async fn a_provider_change_reaches_the_calendar_with_the_stored_account() {
        let provider = a_provider().inactive().build();
        let mut sync = MockCalendarSync::new();
        sync.expect_provider_changed()
            .withf(|p| p.id == user_id(20) && !p.active)
            .times(1)
            .returning(|_| Ok(()));
        SyncProviderCalendar::new(Arc::new(users_with(provider)), Arc::new(sync))
            .run(user_id(20))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_user_who_is_no_longer_a_provider_is_passed_on_so_their_share_ends() {
        let mut sync = MockCalendarSync::new();
        sync.expect_provider_changed()
            .withf(|u| u.role == domain::Role::Customer)
            .times(1)
            .returning(|_| Ok(()));
        SyncProviderCalendar::new(Arc::new(users_with(a_customer().build())), Arc::new(sync))
            .run(user_id(10))
            .await
            .unwrap();
    }
}
