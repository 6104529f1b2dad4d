//! Appointments as lists and pages show them: with their service's name and provider, and, for
//! the provider's side, the customer's name. Returned by `GetAppointment::view` and
//! `ListAppointments::views`.

use std::collections::HashMap;
use std::sync::Arc;

use domain::{Appointment, Capacity, PersonName, Role, ServiceId, ServiceName, User, UserId, Zone};

use crate::actor::Actor;
use crate::ports::{RepoError, ServiceStore, UserStore};

/// An appointment with the names its viewer reads next to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppointmentView {
    /// The appointment.
    pub appointment: Appointment,
    /// Its service as the viewer may see it; `None` when it is hidden from them (inactive, or
    /// its provider deactivated, for anyone but its provider and staff) or gone.
    pub service: Option<ServiceSummary>,
    /// Its customer's name, for its provider and staff; `None` for customers, who know their
    /// own name, or when the account is gone.
    pub customer_name: Option<PersonName>,
}

/// What a list shows of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSummary {
    /// The service's name.
    pub name: ServiceName,
    /// Its provider's name.
    pub provider_name: PersonName,
    /// Its provider's zone.
    pub provider_zone: Zone,
    /// Places per start: over one for a class.
    pub capacity: Capacity,
}

/// Completes appointments into [`AppointmentView`]s, reading each service and user once.
pub(crate) struct ViewLoader {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    user_cache: HashMap<UserId, Option<User>>,
    service_cache: HashMap<ServiceId, Option<ServiceSummary>>,
}

impl ViewLoader {
    /// A loader over the stores.
    pub(crate) fn new(users: Arc<dyn UserStore>, services: Arc<dyn ServiceStore>) -> Self {
        Self {
            users,
            services,
            user_cache: HashMap::new(),
            service_cache: HashMap::new(),
        }
    }

    /// `appointment` as `actor` (one of its parties, or staff) sees it.
    pub(crate) async fn view(
        &mut self,
        actor: &Actor,
        appointment: Appointment,
    ) -> Result<AppointmentView, RepoError> {
        let service = self.service(actor, appointment.service).await?;
        let customer_name = if actor.role == Role::Customer {
            None
        } else {
            self.user(appointment.customer).await?.map(|u| u.name)
        };
        Ok(AppointmentView {
            appointment,
            service,
            customer_name,
        })
    }

    async fn service(
        &mut self,
        actor: &Actor,
        id: ServiceId,
    ) -> Result<Option<ServiceSummary>, RepoError> {
        if let Some(known) = self.service_cache.get(&id) {
            return Ok(known.clone());
        }
        let mut summary = None;
        if let Some(service) = self.services.by_id(id).await?
            && let Some(provider) = self.user(service.provider).await?
        {
            // As the service's own page: public while it and its provider are active.
            let public = service.active && provider.active;
            let insider = actor.is_staff() || actor.is_provider(service.provider);
            summary = (public || insider).then_some(ServiceSummary {
                name: service.name,
                provider_name: provider.name,
                provider_zone: provider.zone,
                capacity: service.capacity,
            });
        }
        self.service_cache.insert(id, summary.clone());
        Ok(summary)
    }

    async fn user(&mut self, id: UserId) -> Result<Option<User>, RepoError> {
        if let Some(known) = self.user_cache.get(&id) {
            return Ok(known.clone());
        }
        let user = self.users.by_id(id).await?;
        self.user_cache.insert(id, user.clone());
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::Service;

    fn loader(service: Service, provider_active: bool) -> ViewLoader {
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(move |id| {
            Ok(Some(if id == a_customer().build().id {
                a_customer().build()
            } else if provider_active {
                a_provider().build()
            } else {
                a_provider().inactive().build()
            }))
        });
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .times(1)
            .returning(move |_| Ok(Some(service.clone())));
        ViewLoader::new(Arc::new(users), Arc::new(services))
    }

    #[tokio::test]
    async fn the_provider_reads_the_service_and_the_customer_once_for_many_appointments() {
        let mut loader = loader(a_service().build(), true);
        for _ in 0..3 {
            let view = loader
                .view(&a_provider().actor(), an_appointment().build())
                .await
                .unwrap();
            let service = view.service.unwrap();
            assert_eq!(service.name, a_service().build().name);
            assert_eq!(service.provider_name, a_provider().build().name);
            assert_eq!(view.customer_name, Some(a_customer().build().name));
        }
    }

    #[tokio::test]
    async fn a_customer_reads_the_service_and_provider_but_no_customer_name() {
        let view = loader(a_service().build(), true)
            .view(&a_customer().actor(), an_appointment().build())
            .await
            .unwrap();
        assert!(view.service.is_some());
        assert_eq!(view.customer_name, None);
    }

    #[tokio::test]
    async fn an_inactive_service_is_hidden_from_customers_but_not_from_its_provider_or_staff() {
        for (actor, seen) in [
            (a_customer().actor(), false),
            (a_provider().actor(), true),
            (a_support_agent().actor(), true),
        ] {
            let view = loader(a_service().inactive().build(), true)
                .view(&actor, an_appointment().build())
                .await
                .unwrap();
            assert_eq!(view.service.is_some(), seen, "{actor:?}");
        }
    }

    #[tokio::test]
    async fn a_deactivated_providers_service_is_hidden_from_customers() {
        let view = loader(a_service().build(), false)
            .view(&a_customer().actor(), an_appointment().build())
            .await
            .unwrap();
        assert_eq!(view.service, None);
    }
}
