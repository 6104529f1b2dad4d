//! Staff see every provider calendar the platform keeps, with how its last sync went.

use std::sync::Arc;

use domain::{PersonName, User};

use crate::actor::Actor;
use crate::ports::{CalendarLinks, ProviderCalendar, RepoError, UserStore};

/// One calendar in the admin list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarOverview {
    /// The calendar and its sync state.
    pub calendar: ProviderCalendar,
    /// Its provider's name, if the account still exists.
    pub provider_name: Option<PersonName>,
    /// Whether nobody needs it any more (see [`is_orphaned`]); only such calendars may be deleted.
    pub orphaned: bool,
}

/// Whether a calendar whose provider account is `owner` (`None`: gone) is orphaned: its owner
/// no longer exists, is deactivated, or is no longer a provider.
pub fn is_orphaned(owner: Option<&User>) -> bool {
    owner.is_none_or(|u| !u.is_bookable_provider())
}

/// Why the list was not returned.
#[derive(Debug, thiserror::Error)]
pub enum ListCalendarsError {
    /// Only staff see this list.
    #[error("only staff see provider calendars")]
    Forbidden,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Lists provider calendars for the admin page.
pub struct ListCalendars {
    links: Arc<dyn CalendarLinks>,
    users: Arc<dyn UserStore>,
}

impl ListCalendars {
    /// The use case over its ports.
    pub fn new(links: Arc<dyn CalendarLinks>, users: Arc<dyn UserStore>) -> Self {
        Self { links, users }
    }

    /// Every provider calendar, failing ones first, then by provider id.
    ///
    /// # Errors
    /// See [`ListCalendarsError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id))]
    pub async fn run(&self, actor: &Actor) -> Result<Vec<CalendarOverview>, ListCalendarsError> {
        if !actor.is_staff() {
            return Err(ListCalendarsError::Forbidden);
        }
        let mut list = Vec::new();
        for calendar in self.links.calendars().await? {
            let owner = self.users.by_id(calendar.provider).await?;
            list.push(CalendarOverview {
                orphaned: is_orphaned(owner.as_ref()),
                provider_name: owner.map(|u| u.name),
                calendar,
            });
        }
        list.sort_by_key(|o| (o.calendar.last_error.is_none(), o.calendar.provider));
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::calendar::MockCalendarLinks;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    #[tokio::test]
    async fn staff_see_failing_calendars_first_and_calendars_of_departed_providers_as_orphaned() {
        let mut links = MockCalendarLinks::new();
        links.expect_calendars().returning(|| {
            let healthy = ProviderCalendar::new(user_id(20));
            let mut failing = ProviderCalendar::new(user_id(21));
            failing.last_error = Some("429 rate limited".into());
            Ok(vec![healthy, failing])
        });
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|id| Ok((id == user_id(20)).then(|| a_provider().build())));
        let list = ListCalendars::new(Arc::new(links), Arc::new(users))
            .run(&a_support_agent().actor())
            .await
            .unwrap();
        assert_eq!(list[0].calendar.provider, user_id(21));
        assert!(list[0].orphaned && list[0].provider_name.is_none());
        assert!(!list[1].orphaned);
    }

    #[tokio::test]
    async fn providers_may_not_see_the_list() {
        let result = ListCalendars::new(
            Arc::new(MockCalendarLinks::new()),
            Arc::new(MockUserStore::new()),
        )
        .run(&a_provider().actor())
        .await;
        assert!(matches!(result, Err(ListCalendarsError::Forbidden)));
    }
}
