//! A provider (or staff) reads a provider's schedule for the hours editor.

use std::sync::Arc;

use domain::{Schedule, UserId, Zone};

use crate::actor::Actor;
use crate::ports::{RepoError, ScheduleStore, UserStore};
use crate::provider_schedule;

/// A provider's schedule with the zone its hours are read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSchedule {
    /// Hours, overrides and policy (the empty default if never saved).
    pub schedule: Schedule,
    /// The provider's zone.
    pub zone: Zone,
}

/// Why the schedule was not returned.
#[derive(Debug, thiserror::Error)]
pub enum GetScheduleError {
    /// Only the provider themself and staff see the full schedule.
    #[error("you may not see this provider's schedule")]
    Forbidden,
    /// No such provider.
    #[error("no such provider")]
    UnknownProvider,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Reads providers' schedules. Customers see free slots instead.
pub struct GetSchedule {
    users: Arc<dyn UserStore>,
    schedules: Arc<dyn ScheduleStore>,
}

impl GetSchedule {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, schedules: Arc<dyn ScheduleStore>) -> Self {
        Self { users, schedules }
    }

    /// The schedule of `provider`.
    ///
    /// # Errors
    /// See [`GetScheduleError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, provider = %provider))]
    pub async fn run(
        &self,
        actor: &Actor,
        provider: UserId,
    ) -> Result<ProviderSchedule, GetScheduleError> {
        if !actor.is_provider(provider) && !actor.is_staff() {
            return Err(GetScheduleError::Forbidden);
        }
        let (user, schedule) = provider_schedule::load(&self.users, &self.schedules, provider)
            .await?
            .ok_or(GetScheduleError::UnknownProvider)?;
        Ok(ProviderSchedule {
            schedule,
            zone: user.zone,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn use_case(schedule: Option<Schedule>) -> GetSchedule {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().in_zone("Europe/Paris").build())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(move |_| Ok(schedule.clone()));
        GetSchedule::new(Arc::new(users), Arc::new(schedules))
    }

    #[tokio::test]
    async fn the_provider_reads_their_schedule_with_their_zone() {
        let view = use_case(Some(nine_to_five()))
            .run(&a_provider().actor(), a_provider().build().id)
            .await
            .unwrap();
        assert_eq!(view.schedule, nine_to_five());
        assert_eq!(view.zone.name(), "Europe/Paris");
    }

    #[tokio::test]
    async fn a_provider_who_never_saved_hours_gets_the_empty_default() {
        let view = use_case(None)
            .run(&a_provider().actor(), a_provider().build().id)
            .await
            .unwrap();
        assert_eq!(view.schedule, Schedule::default());
    }

    #[tokio::test]
    async fn support_staff_may_read_any_schedule() {
        let result = use_case(Some(nine_to_five()))
            .run(&a_support_agent().actor(), a_provider().build().id)
            .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn another_provider_or_a_customer_may_not_read_it() {
        for actor in [another_provider().actor(), a_customer().actor()] {
            let result = use_case(Some(nine_to_five()))
                .run(&actor, a_provider().build().id)
                .await;
            assert!(
                matches!(result, Err(GetScheduleError::Forbidden)),
                "{actor:?}"
            );
        }
    }
}
