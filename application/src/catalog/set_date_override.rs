//! A provider replaces the hours of one date (a holiday, a late opening) or removes that
//! exception again.

use std::sync::Arc;

use chrono::{NaiveDate, TimeDelta};
use domain::{BookingPolicy, DayHours, Schedule, UserId};

use crate::actor::Actor;
use crate::ports::{Clock, RepoError, ScheduleStore, UserStore};
use crate::provider_schedule;

/// What happens on the date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateOverride {
    /// Work these hours instead of the weekly ones.
    Hours(DayHours),
    /// Closed all day.
    Closed,
    /// Back to the weekly hours.
    Remove,
}

/// Why the override was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SetDateOverrideError {
    /// Only the provider themself or an admin may change their hours.
    #[error("you may not change this provider's hours")]
    Forbidden,
    /// No such provider.
    #[error("no such provider")]
    UnknownProvider,
    /// Hours can only be set for today or later (in the provider's zone).
    #[error("{0} has already passed")]
    DateInPast(NaiveDate),
    /// Hours can be planned at most as far ahead as anyone may book.
    #[error("hours can be planned at most {max_days} days ahead")]
    DateTooFarAhead {
        /// The limit in days.
        max_days: u16,
    },
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Sets or removes date overrides in a provider's schedule.
pub struct SetDateOverride {
    users: Arc<dyn UserStore>,
    schedules: Arc<dyn ScheduleStore>,
    clock: Arc<dyn Clock>,
}

impl SetDateOverride {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        schedules: Arc<dyn ScheduleStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            schedules,
            clock,
        }
    }

    /// Applies `change` to `date` in `provider`'s schedule; returns the schedule. Removing an
    /// override that does not exist succeeds without writing.
    ///
    /// # Errors
    /// See [`SetDateOverrideError`].
    #[tracing::instrument(
        skip(self, actor, change),
        fields(actor = %actor.id, provider = %provider, date = %date)
    )]
    pub async fn run(
        &self,
        actor: &Actor,
        provider: UserId,
        date: NaiveDate,
        change: DateOverride,
    ) -> Result<Schedule, SetDateOverrideError> {
        if !actor.manages_provider(provider) {
            return Err(SetDateOverrideError::Forbidden);
        }
        let (user, mut schedule) = provider_schedule::load(&self.users, &self.schedules, provider)
            .await?
            .ok_or(SetDateOverrideError::UnknownProvider)?;
        let hours = match change {
            DateOverride::Hours(hours) => hours,
            DateOverride::Closed => DayHours::closed(),
            DateOverride::Remove => {
                // Removal is allowed for any date, so stale past overrides can be cleaned up.
                if schedule.overrides.remove(&date).is_some() {
                    self.schedules.put(provider, &schedule).await?;
                }
                return Ok(schedule);
            }
        };
        let today = user.zone.date_of(self.clock.now());
        if date < today {
            return Err(SetDateOverrideError::DateInPast(date));
        }
        let max_days = BookingPolicy::MAX_HORIZON_DAYS;
        if date > today + TimeDelta::days(i64::from(max_days)) {
            return Err(SetDateOverrideError::DateTooFarAhead { max_days });
        }
        schedule.overrides.insert(date, hours);
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
    use domain::WallInterval;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn users_knowing(provider: domain::User) -> Arc<MockUserStore> {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(provider.clone())));
        Arc::new(users)
    }

    fn schedules_holding(schedule: Schedule) -> MockScheduleStore {
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(move |_| Ok(Some(schedule.clone())));
        schedules
    }

    fn use_case(schedules: MockScheduleStore) -> SetDateOverride {
        SetDateOverride::new(
            users_knowing(a_provider().build()),
            Arc::new(schedules),
            clock_at(NOW),
        )
    }

    #[tokio::test]
    async fn the_provider_closes_a_date() {
        let mut schedules = schedules_holding(nine_to_five());
        schedules
            .expect_put()
            .withf(|_, s| s.hours_on(date("2026-06-10")).is_closed())
            .times(1)
            .returning(|_, _| Ok(()));
        use_case(schedules)
            .run(
                &a_provider().actor(),
                a_provider().build().id,
                date("2026-06-10"),
                DateOverride::Closed,
            )
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn the_provider_sets_other_hours_for_a_date() {
        let evening = DayHours::new(vec![WallInterval::parse("18:00", "21:00").unwrap()]).unwrap();
        let mut schedules = schedules_holding(nine_to_five());
        schedules.expect_put().times(1).returning(|_, _| Ok(()));
        let schedule = use_case(schedules)
            .run(
                &a_provider().actor(),
                a_provider().build().id,
                date("2026-06-10"),
                DateOverride::Hours(evening.clone()),
            )
            .await
            .unwrap();
        assert_eq!(schedule.hours_on(date("2026-06-10")), &evening);
    }

    #[tokio::test]
    async fn removing_an_override_restores_the_weekly_hours() {
        let mut with_holiday = nine_to_five();
        with_holiday
            .overrides
            .insert(date("2026-06-10"), DayHours::closed());
        let mut schedules = schedules_holding(with_holiday);
        schedules
            .expect_put()
            .withf(|_, s| s.overrides.is_empty())
            .times(1)
            .returning(|_, _| Ok(()));
        use_case(schedules)
            .run(
                &a_provider().actor(),
                a_provider().build().id,
                date("2026-06-10"),
                DateOverride::Remove,
            )
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn removing_a_missing_override_succeeds_without_writing() {
        let mut schedules = schedules_holding(nine_to_five());
        schedules.expect_put().never();
        let schedule = use_case(schedules)
            .run(
                &a_provider().actor(),
                a_provider().build().id,
                date("2026-06-10"),
                DateOverride::Remove,
            )
            .await
            .unwrap();
        assert_eq!(schedule, nine_to_five());
    }

    #[tokio::test]
    async fn a_provider_cannot_change_another_providers_dates() {
        let mut schedules = MockScheduleStore::new();
        schedules.expect_put().never();
        let result = use_case(schedules)
            .run(
                &another_provider().actor(),
                a_provider().build().id,
                date("2026-06-10"),
                DateOverride::Closed,
            )
            .await;
        assert!(matches!(result, Err(SetDateOverrideError::Forbidden)));
    }

    #[tokio::test]
    async fn a_date_already_past_in_the_providers_zone_is_refused() {
        // NOW is 08:00 UTC on June 1st: already June 1st in Paris, still May 31st in Hawaii.
        let mut schedules = schedules_holding(nine_to_five());
        schedules.expect_put().never();
        let result = SetDateOverride::new(
            users_knowing(a_provider().in_zone("Europe/Paris").build()),
            Arc::new(schedules),
            clock_at(NOW),
        )
        .run(
            &a_provider().actor(),
            a_provider().build().id,
            date("2026-05-31"),
            DateOverride::Closed,
        )
        .await;
        assert!(matches!(result, Err(SetDateOverrideError::DateInPast(_))));
    }

    #[tokio::test]
    async fn today_in_the_providers_zone_may_still_be_changed() {
        let mut schedules = schedules_holding(nine_to_five());
        schedules.expect_put().times(1).returning(|_, _| Ok(()));
        let result = SetDateOverride::new(
            users_knowing(a_provider().in_zone("Pacific/Honolulu").build()),
            Arc::new(schedules),
            clock_at(NOW),
        )
        .run(
            &a_provider().actor(),
            a_provider().build().id,
            date("2026-05-31"),
            DateOverride::Closed,
        )
        .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn a_date_beyond_the_longest_horizon_is_refused() {
        let result = use_case(schedules_holding(nine_to_five()))
            .run(
                &a_provider().actor(),
                a_provider().build().id,
                date("2028-06-02"),
                DateOverride::Closed,
            )
            .await;
        assert!(matches!(
            result,
            Err(SetDateOverrideError::DateTooFarAhead { max_days: 730 })
        ));
    }
}
