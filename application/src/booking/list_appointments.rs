//! A customer or a provider lists their appointments; staff list anyone's.

use std::sync::Arc;

use domain::{Appointment, AppointmentStatus, Role, TimeRange, UserId};

use crate::actor::Actor;
use crate::appointment_views::{AppointmentView, ViewLoader};
use crate::ports::{
    AppointmentFilter, AppointmentStore, Clock, Period, RepoError, ServiceStore, UserStore,
};

/// Which side of the appointments the listed user is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Appointments the user booked.
    Customer,
    /// Appointments the user performs.
    Provider,
}

/// Which appointments, relative to now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeframe {
    /// Not yet ended, soonest first.
    Upcoming,
    /// Ended, latest first.
    Past,
    /// Overlapping a range (a calendar view), soonest first.
    Within(TimeRange),
}

/// Whose appointments to list, and which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppointmentQuery {
    /// The customer or provider whose appointments to list.
    pub user: UserId,
    /// Which side `user` is on.
    pub side: Side,
    /// Which period.
    pub timeframe: Timeframe,
    /// Only appointments in this status.
    pub status: Option<AppointmentStatus>,
    /// At most this many (clamped to `1..=`[`MAX_LIMIT`]).
    pub limit: u32,
}

/// The most appointments one request returns.
pub const MAX_LIMIT: u32 = 200;

/// Why the list was not returned.
#[derive(Debug, thiserror::Error)]
pub enum ListAppointmentsError {
    /// Only staff list other users' appointments.
    #[error("you may not list these appointments")]
    Forbidden,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Lists appointments for the "my appointments" pages and staff views, bare or with the names
/// lists show.
pub struct ListAppointments {
    appointments: Arc<dyn AppointmentStore>,
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    clock: Arc<dyn Clock>,
}

impl ListAppointments {
    /// The use case over its ports.
    pub fn new(
        appointments: Arc<dyn AppointmentStore>,
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            appointments,
            users,
            services,
            clock,
        }
    }

    /// As [`ListAppointments::run`], each with its service's and customer's names as `actor`
    /// may read them.
    ///
    /// # Errors
    /// See [`ListAppointmentsError`].
    #[tracing::instrument(skip(self, actor, query), fields(actor = %actor.id, user = %query.user))]
    pub async fn views(
        &self,
        actor: &Actor,
        query: AppointmentQuery,
    ) -> Result<Vec<AppointmentView>, ListAppointmentsError> {
        let appointments = self.run(actor, query).await?;
        let mut loader = ViewLoader::new(self.users.clone(), self.services.clone());
        let mut views = Vec::with_capacity(appointments.len());
        for appointment in appointments {
            views.push(loader.view(actor, appointment).await?);
        }
        Ok(views)
    }

    /// The appointments `query` names, if `actor` may see them: their own as customer or
    /// provider, or anyone's for staff.
    ///
    /// # Errors
    /// See [`ListAppointmentsError`].
    #[tracing::instrument(skip(self, actor, query), fields(actor = %actor.id, user = %query.user))]
    pub async fn run(
        &self,
        actor: &Actor,
        query: AppointmentQuery,
    ) -> Result<Vec<Appointment>, ListAppointmentsError> {
        let own = actor.id == query.user
            && matches!(
                (actor.role, query.side),
                (Role::Customer, Side::Customer) | (Role::Provider, Side::Provider)
            );
        if !own && !actor.is_staff() {
            return Err(ListAppointmentsError::Forbidden);
        }
        let now = self.clock.now();
        let period = match query.timeframe {
            Timeframe::Upcoming => Period::UpcomingAfter(now),
            Timeframe::Past => Period::PastBefore(now),
            Timeframe::Within(range) => Period::Within(range),
        };
        let (customer, provider) = match query.side {
            Side::Customer => (Some(query.user), None),
            Side::Provider => (None, Some(query.user)),
        };
        let filter = AppointmentFilter {
            customer,
            provider,
            period,
            status: query.status,
            limit: query.limit.clamp(1, MAX_LIMIT),
        };
        Ok(self.appointments.list(filter).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn query(user: UserId, side: Side) -> AppointmentQuery {
        AppointmentQuery {
            user,
            side,
            timeframe: Timeframe::Upcoming,
            status: None,
            limit: 20,
        }
    }

    fn listing() -> MockAppointmentStore {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_list()
            .returning(|_| Ok(vec![an_appointment().build()]));
        appointments
    }

    fn use_case(appointments: MockAppointmentStore) -> ListAppointments {
        ListAppointments::new(
            Arc::new(appointments),
            Arc::new(MockUserStore::new()),
            Arc::new(MockServiceStore::new()),
            clock_at(NOW),
        )
    }

    #[tokio::test]
    async fn a_customer_lists_their_upcoming_appointments() {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_list()
            .withf(|f| {
                *f == AppointmentFilter {
                    customer: Some(a_customer().build().id),
                    provider: None,
                    period: Period::UpcomingAfter(utc(NOW)),
                    status: None,
                    limit: 20,
                }
            })
            .times(1)
            .returning(|_| Ok(vec![an_appointment().build()]));
        let list = use_case(appointments)
            .run(
                &a_customer().actor(),
                query(a_customer().build().id, Side::Customer),
            )
            .await
            .unwrap();
        assert_eq!(list, vec![an_appointment().build()]);
    }

    #[tokio::test]
    async fn a_provider_lists_their_past_appointments() {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_list()
            .withf(|f| {
                f.provider == Some(a_provider().build().id)
                    && f.customer.is_none()
                    && f.period == Period::PastBefore(utc(NOW))
            })
            .times(1)
            .returning(|_| Ok(vec![]));
        let past = AppointmentQuery {
            timeframe: Timeframe::Past,
            status: None,
            ..query(a_provider().build().id, Side::Provider)
        };
        use_case(appointments)
            .run(&a_provider().actor(), past)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_customer_can_never_list_another_customers_appointments() {
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_list().never();
        let result = use_case(appointments)
            .run(
                &a_customer().actor(),
                query(another_customer().build().id, Side::Customer),
            )
            .await;
        assert!(matches!(result, Err(ListAppointmentsError::Forbidden)));
    }

    #[tokio::test]
    async fn a_customer_cannot_list_as_a_provider() {
        let result = use_case(listing())
            .run(
                &a_customer().actor(),
                query(a_customer().build().id, Side::Provider),
            )
            .await;
        assert!(matches!(result, Err(ListAppointmentsError::Forbidden)));
    }

    #[tokio::test]
    async fn a_provider_cannot_list_another_providers_appointments() {
        let result = use_case(listing())
            .run(
                &a_provider().actor(),
                query(another_provider().build().id, Side::Provider),
            )
            .await;
        assert!(matches!(result, Err(ListAppointmentsError::Forbidden)));
    }

    #[tokio::test]
    async fn support_staff_list_anyones_appointments() {
        let result = use_case(listing())
            .run(
                &a_support_agent().actor(),
                query(a_customer().build().id, Side::Customer),
            )
            .await;
        assert_eq!(result.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_provider_lists_their_requested_appointments_in_a_window() {
        let window = TimeRange::new(utc(NOW), utc(NOW) + chrono::TimeDelta::days(7)).unwrap();
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_list()
            .withf(move |f| {
                *f == AppointmentFilter {
                    customer: None,
                    provider: Some(a_provider().build().id),
                    period: Period::Within(window),
                    status: Some(AppointmentStatus::Requested),
                    limit: 20,
                }
            })
            .times(1)
            .returning(|_| Ok(vec![]));
        let requested = AppointmentQuery {
            timeframe: Timeframe::Within(window),
            status: Some(AppointmentStatus::Requested),
            ..query(a_provider().build().id, Side::Provider)
        };
        use_case(appointments)
            .run(&a_provider().actor(), requested)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn an_oversized_limit_is_clamped() {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_list()
            .withf(|f| f.limit == MAX_LIMIT)
            .times(1)
            .returning(|_| Ok(vec![]));
        let greedy = AppointmentQuery {
            limit: 1_000_000,
            ..query(a_customer().build().id, Side::Customer)
        };
        use_case(appointments)
            .run(&a_customer().actor(), greedy)
            .await
            .unwrap();
    }
}
