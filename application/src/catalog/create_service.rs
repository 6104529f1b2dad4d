//! A provider adds a service to their offer.

use std::sync::Arc;

use domain::{
    BookingPolicy, Capacity, CategoryId, Description, Price, Role, Service, ServiceId, ServiceName,
    Timing, WebhookEvent,
};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{CategoryStore, Clock, RepoError, ServiceStore};
use crate::webhook_payload::service_notice;

/// The fields a provider edits on a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDetails {
    /// Name shown in search.
    pub name: ServiceName,
    /// Longer text for the service page.
    pub description: Description,
    /// Category for browsing; must be an active category when newly set.
    pub category: Option<CategoryId>,
    /// Duration and buffers.
    pub timing: Timing,
    /// Price per appointment.
    pub price: Price,
    /// A policy for this service only; `None` uses the provider's.
    pub policy: Option<BookingPolicy>,
    /// Places per appointment time; over 1 makes it a class.
    pub capacity: Capacity,
}

/// Why the service was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateServiceError {
    /// Only providers offer services.
    #[error("only provider accounts can offer services")]
    Forbidden,
    /// The category does not exist or is no longer offered.
    #[error("this category is not available")]
    CategoryUnavailable,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Creates services, active at once.
pub struct CreateService {
    services: Arc<dyn ServiceStore>,
    categories: Arc<dyn CategoryStore>,
    clock: Arc<dyn Clock>,
}

impl CreateService {
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

    /// Adds a service with `details` to the acting provider's offer.
    ///
    /// # Errors
    /// See [`CreateServiceError`].
    #[tracing::instrument(skip(self, actor, details), fields(provider = %actor.id))]
    pub async fn run(
        &self,
        actor: &Actor,
        details: ServiceDetails,
    ) -> Result<Service, CreateServiceError> {
        if actor.role != Role::Provider {
            return Err(CreateServiceError::Forbidden);
        }
        if let Some(category) = details.category
            && !category_is_open(&*self.categories, category).await?
        {
            return Err(CreateServiceError::CategoryUnavailable);
        }
        let service = Service {
            id: ServiceId::from_uuid(Uuid::now_v7()),
            provider: actor.id,
            category: details.category,
            name: details.name,
            description: details.description,
            timing: details.timing,
            price: details.price,
            policy: details.policy,
            capacity: details.capacity,
            active: true,
            image: None,
        };
        let notice = service_notice(&service, WebhookEvent::ServiceCreated, self.clock.now());
        self.services.insert(&service, &notice).await?;
        Ok(service)
    }
}

/// Whether `id` names an active category.
pub(crate) async fn category_is_open(
    categories: &dyn CategoryStore,
    id: CategoryId,
) -> Result<bool, RepoError> {
    Ok(categories.by_id(id).await?.is_some_and(|c| c.active))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::categories::MockCategoryStore;
    use crate::ports::services::MockServiceStore;
    use crate::test_support::*;

    fn categories_holding(category: domain::Category) -> MockCategoryStore {
        let mut categories = MockCategoryStore::new();
        categories
            .expect_by_id()
            .returning(move |_| Ok(Some(category.clone())));
        categories
    }

    fn accepting_services() -> MockServiceStore {
        let mut services = MockServiceStore::new();
        services.expect_insert().returning(|_, _| Ok(()));
        services
    }

    #[tokio::test]
    async fn a_provider_creates_an_active_service_of_their_own() {
        let mut services = MockServiceStore::new();
        services
            .expect_insert()
            .withf(|s, notice| {
                s.active
                    && s.provider == a_provider().build().id
                    && notice.event == WebhookEvent::ServiceCreated
                    && notice.provider == s.provider
            })
            .times(1)
            .returning(|_, _| Ok(()));
        let service = CreateService::new(
            Arc::new(services),
            Arc::new(MockCategoryStore::new()),
            clock_at(NOW),
        )
        .run(&a_provider().actor(), service_details())
        .await
        .unwrap();
        assert_eq!(service.name, a_service().build().name);
        assert_eq!(service.image, None);
    }

    #[tokio::test]
    async fn customers_and_staff_cannot_create_services() {
        for actor in [
            a_customer().actor(),
            an_admin().actor(),
            a_support_agent().actor(),
        ] {
            let mut services = MockServiceStore::new();
            services.expect_insert().never();
            let result = CreateService::new(
                Arc::new(services),
                Arc::new(MockCategoryStore::new()),
                clock_at(NOW),
            )
            .run(&actor, service_details())
            .await;
            assert!(
                matches!(result, Err(CreateServiceError::Forbidden)),
                "{actor:?}"
            );
        }
    }

    #[tokio::test]
    async fn an_inactive_category_cannot_be_chosen() {
        let input = ServiceDetails {
            category: Some(a_category().build().id),
            ..service_details()
        };
        let result = CreateService::new(
            Arc::new(accepting_services()),
            Arc::new(categories_holding(a_category().inactive().build())),
            clock_at(NOW),
        )
        .run(&a_provider().actor(), input)
        .await;
        assert!(matches!(
            result,
            Err(CreateServiceError::CategoryUnavailable)
        ));
    }

    #[tokio::test]
    async fn an_unknown_category_cannot_be_chosen() {
        let mut categories = MockCategoryStore::new();
        categories.expect_by_id().returning(|_| Ok(None));
        let input = ServiceDetails {
            category: Some(category_id(501)),
            ..service_details()
        };
        let result = CreateService::new(
            Arc::new(accepting_services()),
            Arc::new(categories),
            clock_at(NOW),
        )
        .run(&a_provider().actor(), input)
        .await;
        assert!(matches!(
            result,
            Err(CreateServiceError::CategoryUnavailable)
        ));
    }

    #[tokio::test]
    async fn an_active_category_is_kept_on_the_service() {
        let input = ServiceDetails {
            category: Some(a_category().build().id),
            ..service_details()
        };
        let service = CreateService::new(
            Arc::new(accepting_services()),
            Arc::new(categories_holding(a_category().build())),
            clock_at(NOW),
        )
        .run(&a_provider().actor(), input)
        .await
        .unwrap();
        assert_eq!(service.category, Some(a_category().build().id));
    }
}
