//! An admin deletes a calendar nobody needs any more (its provider left or was deactivated).

use std::sync::Arc;

use domain::UserId;

use crate::actor::Actor;
use crate::list_calendars::is_orphaned;
use crate::ports::{CalendarSync, DeliveryError, RepoError, UserStore};

/// Why the calendar was not deleted.
#[derive(Debug, thiserror::Error)]
pub enum DeleteOrphanedCalendarError {
    /// Only admins delete calendars.
    #[error("only admins delete calendars")]
    Forbidden,
    /// The provider is active: their calendar is in use.
    #[error("the calendar of an active provider is not orphaned")]
    InUse,
    /// The calendar service failed.
    #[error(transparent)]
    Calendar(#[from] DeliveryError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Deletes orphaned calendars at the calendar service and forgets them.
pub struct DeleteOrphanedCalendar {
    users: Arc<dyn UserStore>,
    sync: Arc<dyn CalendarSync>,
}

impl DeleteOrphanedCalendar {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, sync: Arc<dyn CalendarSync>) -> Self {
        Self { users, sync }
    }

    /// Deletes the calendar of `provider`, provided it is orphaned.
    ///
    /// # Errors
    /// See [`DeleteOrphanedCalendarError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, provider = %provider))]
    pub async fn run(
        &self,
        actor: &Actor,
        provider: UserId,
    ) -> Result<(), DeleteOrphanedCalendarError> {
        if !actor.is_admin() {
            return Err(DeleteOrphanedCalendarError::Forbidden);
        }
        let owner = self.users.by_id(provider).await?;
        if !is_orphaned(owner.as_ref()) {
            return Err(DeleteOrphanedCalendarError::InUse);
        }
        self.sync.remove_calendar(provider).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::calendar::MockCalendarSync;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn users_with(user: Option<domain::User>) -> MockUserStore {
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(move |_| Ok(user.clone()));
        users
    }

    #[tokio::test]
    async fn an_admin_deletes_the_calendar_of_a_deactivated_provider() {
        let mut sync = MockCalendarSync::new();
        sync.expect_remove_calendar()
            .withf(|p| *p == user_id(20))
            .times(1)
            .returning(|_| Ok(()));
        DeleteOrphanedCalendar::new(
            Arc::new(users_with(Some(a_provider().inactive().build()))),
            Arc::new(sync),
        )
        .run(&an_admin().actor(), user_id(20))
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn the_calendar_of_an_active_provider_is_kept() {
        let result = DeleteOrphanedCalendar::new(
            Arc::new(users_with(Some(a_provider().build()))),
            Arc::new(MockCalendarSync::new()),
        )
        .run(&an_admin().actor(), user_id(20))
        .await;
        assert!(matches!(result, Err(DeleteOrphanedCalendarError::InUse)));
    }

    #[tokio::test]
    async fn support_staff_may_not_delete_calendars() {
        let result = DeleteOrphanedCalendar::new(
            Arc::new(MockUserStore::new()),
            Arc::new(MockCalendarSync::new()),
        )
        .run(&a_support_agent().actor(), user_id(20))
        .await;
        assert!(matches!(
            result,
            Err(DeleteOrphanedCalendarError::Forbidden)
        ));
    }
}
