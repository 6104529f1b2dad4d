//! Anyone looks at a service's page.

use std::sync::Arc;

use domain::ServiceId;

use crate::actor::Actor;
use crate::ports::{
    CategoryStore, RepoError, ReviewStore, Reviewed, ServiceListing, ServiceStore, UserStore,
};

/// Why the service was not returned.
#[derive(Debug, thiserror::Error)]
pub enum GetServiceError {
    /// No such service, or one hidden from this viewer (inactive, or its provider is):
    /// to the public a withdrawn service is simply gone.
    #[error("no such service")]
    NotFound,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Reads one service with its provider's and category's names and its rating.
pub struct GetService {
    services: Arc<dyn ServiceStore>,
    users: Arc<dyn UserStore>,
    categories: Arc<dyn CategoryStore>,
    reviews: Arc<dyn ReviewStore>,
}

impl GetService {
    /// The use case over its ports.
    pub fn new(
        services: Arc<dyn ServiceStore>,
        users: Arc<dyn UserStore>,
        categories: Arc<dyn CategoryStore>,
        reviews: Arc<dyn ReviewStore>,
    ) -> Self {
        Self {
            services,
            users,
            categories,
            reviews,
        }
    }

    /// Service `id` as listed. Active services of active providers are public; others only
    /// their provider and staff see (`actor` is `None` when anonymous).
    ///
    /// # Errors
    /// See [`GetServiceError`].
    #[tracing::instrument(skip(self, actor), fields(actor = ?actor.map(|a| a.id), service = %id))]
    pub async fn run(
        &self,
        actor: Option<&Actor>,
        id: ServiceId,
    ) -> Result<ServiceListing, GetServiceError> {
        let service = self
            .services
            .by_id(id)
            .await?
            .ok_or(GetServiceError::NotFound)?;
        let provider = self
            .users
            .by_id(service.provider)
            .await?
            .ok_or(GetServiceError::NotFound)?;
        let public = service.active && provider.active;
        let insider = actor.is_some_and(|a| a.is_staff() || a.is_provider(service.provider));
        if !public && !insider {
            return Err(GetServiceError::NotFound);
        }
        let category_name = match service.category {
            Some(category) => self.categories.by_id(category).await?.map(|c| c.name),
            None => None,
        };
        let rating = self.reviews.rating(Reviewed::Service(id)).await?;
        Ok(ServiceListing {
            service,
            provider_name: provider.name,
            provider_zone: provider.zone,
            category_name,
            rating,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::categories::MockCategoryStore;
    use crate::ports::reviews::MockReviewStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::{Rating, Service, User};

    fn use_case(service: Service, provider: User) -> GetService {
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(move |_| Ok(Some(service.clone())));
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(provider.clone())));
        let mut categories = MockCategoryStore::new();
        categories
            .expect_by_id()
            .returning(|_| Ok(Some(a_category().build())));
        let mut reviews = MockReviewStore::new();
        reviews
            .expect_rating()
            .returning(|_| Ok(Rating { count: 2, stars: 9 }));
        GetService::new(
            Arc::new(services),
            Arc::new(users),
            Arc::new(categories),
            Arc::new(reviews),
        )
    }

    #[tokio::test]
    async fn anyone_sees_an_active_service_with_its_provider_and_category() {
        let listing = use_case(
            a_service().in_category(a_category().build().id).build(),
            a_provider().build(),
        )
        .run(None, a_service().build().id)
        .await
        .unwrap();
        assert_eq!(listing.provider_name, a_provider().build().name);
        assert_eq!(listing.category_name, Some(a_category().build().name));
        assert_eq!(listing.rating, Rating { count: 2, stars: 9 });
    }

    #[tokio::test]
    async fn an_inactive_service_is_not_found_by_customers() {
        let result = use_case(a_service().inactive().build(), a_provider().build())
            .run(Some(&a_customer().actor()), a_service().build().id)
            .await;
        assert!(matches!(result, Err(GetServiceError::NotFound)));
    }

    #[tokio::test]
    async fn a_deactivated_providers_service_is_not_found_anonymously() {
        let result = use_case(a_service().build(), a_provider().inactive().build())
            .run(None, a_service().build().id)
            .await;
        assert!(matches!(result, Err(GetServiceError::NotFound)));
    }

    #[tokio::test]
    async fn its_provider_still_sees_an_inactive_service() {
        let result = use_case(a_service().inactive().build(), a_provider().build())
            .run(Some(&a_provider().actor()), a_service().build().id)
            .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn staff_see_an_inactive_service() {
        let result = use_case(a_service().inactive().build(), a_provider().build())
            .run(Some(&a_support_agent().actor()), a_service().build().id)
            .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn another_provider_does_not_see_an_inactive_service() {
        let result = use_case(a_service().inactive().build(), a_provider().build())
            .run(Some(&another_provider().actor()), a_service().build().id)
            .await;
        assert!(matches!(result, Err(GetServiceError::NotFound)));
    }
}
