//! A provider edits, deactivates or reactivates one of their services; an admin may take any
//! service off the marketplace.

use std::sync::Arc;

use domain::{Service, ServiceId, WebhookEvent};

use crate::actor::Actor;
use crate::create_service::{ServiceDetails, category_is_open};
use crate::ports::{CategoryStore, Clock, RepoError, ServiceStore};
use crate::webhook_payload::service_notice;

/// What to change.
#[derive(Debug, Clone)]
pub enum ServiceChange {
    /// Replace the editable fields (the image and active flag are kept).
    Edit(ServiceDetails),
    /// Offer the service again.
    Activate,
    /// Take the service off search and booking; its appointments stay.
    Deactivate,
}

/// Why the service was not changed.
#[derive(Debug, thiserror::Error)]
pub enum UpdateServiceError {
    /// Not the service's provider (admins may only deactivate).
    #[error("you may not change this service")]
    Forbidden,
    /// No such service.
    #[error("no such service")]
    UnknownService,
    /// The newly chosen category does not exist or is no longer offered.
    #[error("this category is not available")]
    CategoryUnavailable,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Changes services. Existing appointments keep their time and price: editing the duration
/// affects new bookings only.
pub struct UpdateService {
    services: Arc<dyn ServiceStore>,
    categories: Arc<dyn CategoryStore>,
    clock: Arc<dyn Clock>,
}

impl UpdateService {
    /// The use case over its ports.
    pub fn new(
        services: Arc<dyn ServiceStore>,
        categories: Arc<dyn CategoryStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            services,
            categories,
            clock,
        }
    }

    /// Applies `change` to service `id`; returns the service as stored afterwards.
    /// (De)activating a service already in that state changes nothing and succeeds.
    ///
    /// # Errors
    /// See [`UpdateServiceError`].
    #[tracing::instrument(skip(self, actor, change), fields(actor = %actor.id, service = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: ServiceId,
        change: ServiceChange,
    ) -> Result<Service, UpdateServiceError> {
        let mut service = self
            .services
            .by_id(id)
            .await?
            .ok_or(UpdateServiceError::UnknownService)?;
        let owner = actor.is_provider(service.provider);
        let allowed = owner || (actor.is_admin() && matches!(change, ServiceChange::Deactivate));
        if !allowed {
            return Err(UpdateServiceError::Forbidden);
        }
        let event = if matches!(change, ServiceChange::Deactivate) {
            WebhookEvent::ServiceDeactivated
        } else {
            WebhookEvent::ServiceUpdated
        };
        match change {
            ServiceChange::Edit(details) => {
                // A category deactivated later stays on the services filed under it; only a
                // new choice must be an offered category.
                if let Some(category) = details.category
                    && service.category != Some(category)
                    && !category_is_open(&*self.categories, category).await?
                {
                    return Err(UpdateServiceError::CategoryUnavailable);
                }
                service.name = details.name;
                service.description = details.description;
                service.category = details.category;
                service.timing = details.timing;
                service.price = details.price;
                service.policy = details.policy;
                service.capacity = details.capacity;
            }
            ServiceChange::Activate | ServiceChange::Deactivate => {
                let active = matches!(change, ServiceChange::Activate);
                if service.active == active {
                    return Ok(service);
                }
                service.active = active;
            }
        }
        let notice = service_notice(&service, event, self.clock.now());
        self.services
            .update(&service, &notice)
            .await
            .map_err(|e| match e {
                RepoError::NotFound => UpdateServiceError::UnknownService,
                other => other.into(),
            })?;
        Ok(service)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::categories::MockCategoryStore;
    use crate::ports::services::MockServiceStore;
    use crate::test_support::*;
    use domain::{Price, ServiceName};

    fn holding(service: Service) -> MockServiceStore {
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(move |_| Ok(Some(service.clone())));
        services
    }

    fn use_case(services: MockServiceStore, categories: MockCategoryStore) -> UpdateService {
        UpdateService::new(Arc::new(services), Arc::new(categories), clock_at(NOW))
    }

    fn renamed() -> ServiceChange {
        ServiceChange::Edit(ServiceDetails {
            name: ServiceName::parse("Beard trim").unwrap(),
            price: Price::new(1500, "EUR").unwrap(),
            ..service_details()
        })
    }

    #[tokio::test]
    async fn the_provider_edits_their_service_and_keeps_its_image_and_state() {
        let mut stored = a_service().build();
        stored.image = Some("img/1.webp".into());
        let mut services = holding(stored);
        services
            .expect_update()
            .withf(|s, notice| {
                s.name.as_str() == "Beard trim" && notice.event == WebhookEvent::ServiceUpdated
            })
            .times(1)
            .returning(|_, _| Ok(()));
        let service = use_case(services, MockCategoryStore::new())
            .run(&a_provider().actor(), a_service().build().id, renamed())
            .await
            .unwrap();
        assert_eq!(service.price.minor_units(), 1500);
        assert_eq!(service.image.as_deref(), Some("img/1.webp"));
        assert!(service.active);
    }

    #[tokio::test]
    async fn a_provider_cannot_touch_another_providers_service() {
        let mut services = holding(a_service().owned_by(another_provider().build().id).build());
        services.expect_update().never();
        let uc = use_case(services, MockCategoryStore::new());
        for change in [renamed(), ServiceChange::Deactivate] {
            let result = uc
                .run(&a_provider().actor(), a_service().build().id, change)
                .await;
            assert!(matches!(result, Err(UpdateServiceError::Forbidden)));
        }
    }

    #[tokio::test]
    async fn an_admin_may_deactivate_any_service() {
        let mut services = holding(a_service().build());
        services
            .expect_update()
            .withf(|s, notice| !s.active && notice.event == WebhookEvent::ServiceDeactivated)
            .times(1)
            .returning(|_, _| Ok(()));
        let service = use_case(services, MockCategoryStore::new())
            .run(
                &an_admin().actor(),
                a_service().build().id,
                ServiceChange::Deactivate,
            )
            .await
            .unwrap();
        assert!(!service.active);
    }

    #[tokio::test]
    async fn an_admin_may_not_edit_a_providers_service() {
        let result = use_case(holding(a_service().build()), MockCategoryStore::new())
            .run(&an_admin().actor(), a_service().build().id, renamed())
            .await;
        assert!(matches!(result, Err(UpdateServiceError::Forbidden)));
    }

    #[tokio::test]
    async fn support_staff_may_not_deactivate_services() {
        let result = use_case(holding(a_service().build()), MockCategoryStore::new())
            .run(
                &a_support_agent().actor(),
                a_service().build().id,
                ServiceChange::Deactivate,
            )
            .await;
        assert!(matches!(result, Err(UpdateServiceError::Forbidden)));
    }

    #[tokio::test]
    async fn deactivating_an_inactive_service_succeeds_without_writing() {
        let mut services = holding(a_service().inactive().build());
        services.expect_update().never();
        let service = use_case(services, MockCategoryStore::new())
            .run(
                &a_provider().actor(),
                a_service().build().id,
                ServiceChange::Deactivate,
            )
            .await
            .unwrap();
        assert!(!service.active);
    }

    #[tokio::test]
    async fn the_provider_reactivates_their_service() {
        let mut services = holding(a_service().inactive().build());
        services
            .expect_update()
            .withf(|s, notice| s.active && notice.event == WebhookEvent::ServiceUpdated)
            .times(1)
            .returning(|_, _| Ok(()));
        let service = use_case(services, MockCategoryStore::new())
            .run(
                &a_provider().actor(),
                a_service().build().id,
                ServiceChange::Activate,
            )
            .await
            .unwrap();
        assert!(service.active);
    }

    #[tokio::test]
    async fn a_service_keeps_its_category_after_the_category_is_deactivated() {
        let category = a_category().build().id;
        let mut services = holding(a_service().in_category(category).build());
        services.expect_update().times(1).returning(|_, _| Ok(()));
        let mut categories = MockCategoryStore::new();
        categories.expect_by_id().never();
        let edit = ServiceChange::Edit(ServiceDetails {
            category: Some(category),
            ..service_details()
        });
        let service = use_case(services, categories)
            .run(&a_provider().actor(), a_service().build().id, edit)
            .await
            .unwrap();
        assert_eq!(service.category, Some(category));
    }

    #[tokio::test]
    async fn moving_a_service_into_an_inactive_category_is_refused() {
        let mut services = holding(a_service().build());
        services.expect_update().never();
        let mut categories = MockCategoryStore::new();
        categories
            .expect_by_id()
            .returning(|_| Ok(Some(a_category().inactive().build())));
        let edit = ServiceChange::Edit(ServiceDetails {
            category: Some(a_category().build().id),
            ..service_details()
        });
        let result = use_case(services, categories)
            .run(&a_provider().actor(), a_service().build().id, edit)
            .await;
        assert!(matches!(
            result,
            Err(UpdateServiceError::CategoryUnavailable)
        ));
    }
}
