//! A provider sets their booking policy (notice, horizon, slot step, change cut-off,
//! confirmation).

use std::sync::Arc;

use domain::{BookingPolicy, Schedule, UserId};

use crate::actor::Actor;
use crate::ports::{RepoError, ScheduleStore, UserStore};
use crate::provider_schedule;

/// Why the policy was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SetBookingPolicyError {
    /// Only the provider themself or an admin may change their policy.
    #[error("you may not change this provider's booking policy")]
    Forbidden,
    /// No such provider.
    #[error("no such provider")]
    UnknownProvider,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Replaces a provider's default booking policy (services with their own policy keep it).
pub struct SetBookingPolicy {
    users: Arc<dyn UserStore>,
    schedules: Arc<dyn ScheduleStore>,
}

impl SetBookingPolicy {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, schedules: Arc<dyn ScheduleStore>) -> Self {
        Self { users, schedules }
    }

    /// Sets `provider`'s policy to `policy` (validated when built); returns the schedule.
    ///
    /// # Errors
    /// See [`SetBookingPolicyError`].
    #[tracing::instrument(skip(self, actor, policy), fields(actor = %actor.id, provider = %provider))]
    pub async fn run(
        &self,
        actor: &Actor,
        provider: UserId,
        policy: BookingPolicy,
    ) -> Result<Schedule, SetBookingPolicyError> {
        if !actor.manages_provider(provider) {
            return Err(SetBookingPolicyError::Forbidden);
        }
        let (_, mut schedule) = provider_schedule::load(&self.users, &self.schedules, provider)
            .await?
            .ok_or(SetBookingPolicyError::UnknownProvider)?;
        schedule.policy = policy;
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

    fn strict() -> BookingPolicy {
        BookingPolicy::new(24 * 60, 30, None, 48 * 60, false).unwrap()
    }

    fn users_knowing_the_provider() -> Arc<MockUserStore> {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        Arc::new(users)
    }

    #[tokio::test]
    async fn the_provider_replaces_their_policy_and_keeps_their_hours() {
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        schedules
            .expect_put()
            .withf(|_, s| s.policy == strict() && s.weekly == nine_to_five().weekly)
            .times(1)
            .returning(|_, _| Ok(()));
        SetBookingPolicy::new(users_knowing_the_provider(), Arc::new(schedules))
            .run(&a_provider().actor(), a_provider().build().id, strict())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_provider_cannot_change_another_providers_policy() {
        let result = SetBookingPolicy::new(
            users_knowing_the_provider(),
            Arc::new(MockScheduleStore::new()),
        )
        .run(
            &another_provider().actor(),
            a_provider().build().id,
            strict(),
        )
        .await;
        assert!(matches!(result, Err(SetBookingPolicyError::Forbidden)));
    }

    #[tokio::test]
    async fn support_staff_cannot_change_a_policy() {
        let result = SetBookingPolicy::new(
            users_knowing_the_provider(),
            Arc::new(MockScheduleStore::new()),
        )
        .run(
            &a_support_agent().actor(),
            a_provider().build().id,
            strict(),
        )
        .await;
        assert!(matches!(result, Err(SetBookingPolicyError::Forbidden)));
    }
}
