//! A provider sets their regular weekly hours.

use std::sync::Arc;

use domain::{Schedule, UserId, WeeklyHours};

use crate::actor::Actor;
use crate::ports::{RepoError, ScheduleStore, UserStore};
use crate::provider_schedule;

/// Why the hours were not saved.
#[derive(Debug, thiserror::Error)]
pub enum SetWeeklyHoursError {
    /// Only the provider themself or an admin may change their hours.
    #[error("you may not change this provider's hours")]
    Forbidden,
    /// No such provider.
    #[error("no such provider")]
    UnknownProvider,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Replaces a provider's weekly hours, keeping their date overrides and policy. Existing
/// appointments are not touched: they stay booked even outside the new hours.
pub struct SetWeeklyHours {
    users: Arc<dyn UserStore>,
    schedules: Arc<dyn ScheduleStore>,
}

impl SetWeeklyHours {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, schedules: Arc<dyn ScheduleStore>) -> Self {
        Self { users, schedules }
    }

    /// Sets `provider`'s weekly hours to `weekly` (validated when built); returns the schedule.
    ///
    /// # Errors
    /// See [`SetWeeklyHoursError`].
    #[tracing::instrument(skip(self, actor, weekly), fields(actor = %actor.id, provider = %provider))]
    pub async fn run(
        &self,
        actor: &Actor,
        provider: UserId,
        weekly: WeeklyHours,
    ) -> Result<Schedule, SetWeeklyHoursError> {
        if !actor.manages_provider(provider) {
            return Err(SetWeeklyHoursError::Forbidden);
        }
        let (_, mut schedule) = provider_schedule::load(&self.users, &self.schedules, provider)
            .await?
            .ok_or(SetWeeklyHoursError::UnknownProvider)?;
        schedule.weekly = weekly;
        self.schedules.put(provider, &schedule).await?;
        Ok(schedule)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use chrono::{NaiveDate, Weekday};
    use domain::{DayHours, WallInterval};

    fn mornings_on_monday() -> WeeklyHours {
        let mut weekly = WeeklyHours::default();
        weekly.set(
            Weekday::Mon,
            DayHours::new(vec![WallInterval::parse("08:00", "12:00").unwrap()]).unwrap(),
        );
        weekly
    }

    fn users_knowing_the_provider() -> Arc<MockUserStore> {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        Arc::new(users)
    }

    #[tokio::test]
    async fn the_provider_replaces_their_week_and_keeps_overrides_and_policy() {
        let mut existing = nine_to_five();
        let holiday = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
        existing.overrides.insert(holiday, DayHours::closed());
        let mut schedules = MockScheduleStore::new();
        let stored = existing.clone();
        schedules
            .expect_get()
            .returning(move |_| Ok(Some(stored.clone())));
        schedules
            .expect_put()
            .withf(move |_, s| {
                s.weekly == mornings_on_monday()
                    && s.overrides.contains_key(&holiday)
                    && s.policy == nine_to_five().policy
            })
            .times(1)
            .returning(|_, _| Ok(()));
        SetWeeklyHours::new(users_knowing_the_provider(), Arc::new(schedules))
            .run(
                &a_provider().actor(),
                a_provider().build().id,
                mornings_on_monday(),
            )
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_provider_cannot_change_another_providers_hours() {
        let mut schedules = MockScheduleStore::new();
        schedules.expect_put().never();
        let result = SetWeeklyHours::new(users_knowing_the_provider(), Arc::new(schedules))
            .run(
                &another_provider().actor(),
                a_provider().build().id,
                mornings_on_monday(),
            )
            .await;
        assert!(matches!(result, Err(SetWeeklyHoursError::Forbidden)));
    }

    #[tokio::test]
    async fn an_admin_may_set_a_providers_hours() {
        let mut schedules = MockScheduleStore::new();
        schedules.expect_get().returning(|_| Ok(None));
        schedules.expect_put().times(1).returning(|_, _| Ok(()));
        let schedule = SetWeeklyHours::new(users_knowing_the_provider(), Arc::new(schedules))
            .run(
                &an_admin().actor(),
                a_provider().build().id,
                mornings_on_monday(),
            )
            .await
            .unwrap();
        assert_eq!(schedule.weekly, mornings_on_monday());
    }

    #[tokio::test]
    async fn hours_cannot_be_set_for_a_user_who_is_not_a_provider() {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_customer().build())));
        let result = SetWeeklyHours::new(Arc::new(users), Arc::new(MockScheduleStore::new()))
            .run(
                &an_admin().actor(),
                a_customer().build().id,
                mornings_on_monday(),
            )
            .await;
        assert!(matches!(result, Err(SetWeeklyHoursError::UnknownProvider)));
    }
}
