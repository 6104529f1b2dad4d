//! One of the two parties, or staff, look at an appointment.

use std::sync::Arc;

use domain::{Appointment, AppointmentId};

use crate::actor::Actor;
use crate::appointment_views::{AppointmentView, ViewLoader};
use crate::ports::{AppointmentStore, RepoError, ServiceStore, UserStore};

/// Why the appointment was not returned.
#[derive(Debug, thiserror::Error)]
pub enum GetAppointmentError {
    /// Neither its customer, nor its provider, nor staff.
    #[error("you may not see this appointment")]
    Forbidden,
    /// No such appointment.
    #[error("no such appointment")]
    NotFound,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Reads one appointment with its history, bare or with the names its page shows.
pub struct GetAppointment {
    appointments: Arc<dyn AppointmentStore>,
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
}

impl GetAppointment {
    /// The use case over its ports.
    pub fn new(
        appointments: Arc<dyn AppointmentStore>,
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
    ) -> Self {
        Self {
            appointments,
            users,
            services,
        }
    }

    /// As [`GetAppointment::run`], with its service's and customer's names as `actor` may
    /// read them.
    ///
    /// # Errors
    /// See [`GetAppointmentError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn view(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<AppointmentView, GetAppointmentError> {
        let appointment = self.run(actor, id).await?;
        let mut loader = ViewLoader::new(self.users.clone(), self.services.clone());
        Ok(loader.view(actor, appointment).await?)
    }

    /// Appointment `id`, if `actor` is one of its parties or staff.
    ///
    /// # Errors
    /// See [`GetAppointmentError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
    ) -> Result<Appointment, GetAppointmentError> {
        let appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(GetAppointmentError::NotFound)?;
        if actor.party_in(&appointment).is_none() {
            return Err(GetAppointmentError::Forbidden);
        }
        Ok(appointment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn use_case() -> GetAppointment {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_by_id()
            .returning(|_| Ok(Some(an_appointment().build())));
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(|id| {
            Ok(Some(if id == a_customer().build().id {
                a_customer().build()
            } else {
                a_provider().build()
            }))
        });
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        GetAppointment::new(Arc::new(appointments), Arc::new(users), Arc::new(services))
    }

    #[tokio::test]
    async fn the_provider_sees_the_appointment_with_the_service_and_the_customers_name() {
        let view = use_case()
            .view(&a_provider().actor(), an_appointment().build().id)
            .await
            .unwrap();
        assert_eq!(view.appointment, an_appointment().build());
        assert_eq!(view.service.unwrap().name, a_service().build().name);
        assert_eq!(view.customer_name, Some(a_customer().build().name));
    }

    #[tokio::test]
    async fn the_view_is_refused_to_anyone_else() {
        let result = use_case()
            .view(&another_customer().actor(), an_appointment().build().id)
            .await;
        assert!(matches!(result, Err(GetAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn both_parties_and_staff_see_the_appointment() {
        for actor in [
            a_customer().actor(),
            a_provider().actor(),
            a_support_agent().actor(),
            an_admin().actor(),
        ] {
            let seen = use_case().run(&actor, an_appointment().build().id).await;
            assert_eq!(seen.unwrap(), an_appointment().build(), "{actor:?}");
        }
    }

    #[tokio::test]
    async fn a_customer_never_sees_another_customers_appointment() {
        let result = use_case()
            .run(&another_customer().actor(), an_appointment().build().id)
            .await;
        assert!(matches!(result, Err(GetAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn another_provider_does_not_see_it() {
        let result = use_case()
            .run(&another_provider().actor(), an_appointment().build().id)
            .await;
        assert!(matches!(result, Err(GetAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn an_unknown_appointment_is_not_found() {
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_by_id().returning(|_| Ok(None));
        let result = GetAppointment::new(
            Arc::new(appointments),
            Arc::new(MockUserStore::new()),
            Arc::new(MockServiceStore::new()),
        )
        .run(&a_customer().actor(), an_appointment().build().id)
        .await;
        assert!(matches!(result, Err(GetAppointmentError::NotFound)));
    }
}
