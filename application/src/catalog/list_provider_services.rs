//! A provider's services: all of them for the provider (and staff), the active ones for everyone else.

use std::sync::Arc;

use domain::{PersonName, Service, UserId, Zone};

use crate::actor::Actor;
use crate::ports::{RepoError, ServiceStore, UserStore};

/// A provider with their services, sorted by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderServices {
    /// The provider's display name.
    pub provider_name: PersonName,
    /// The provider's zone.
    pub zone: Zone,
    /// Storage key prefix of the provider's profile photo, if they uploaded one.
    pub provider_photo: Option<String>,
    /// Whether the viewer manages these services (and so also sees inactive ones).
    pub managed: bool,
    /// The services.
    pub services: Vec<Service>,
}

/// Why the services were not listed.
#[derive(Debug, thiserror::Error)]
pub enum ListProviderServicesError {
    /// No such provider.
    #[error("no such provider")]
    UnknownProvider,
    /// The provider's account is deactivated and the viewer does not manage it: the link they
    /// shared says they take no bookings rather than that they never existed.
    #[error("this provider is not taking bookings")]
    NotBookable,
    /// The stores failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Lists a provider's services.
pub struct ListProviderServices {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
}

impl ListProviderServices {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, services: Arc<dyn ServiceStore>) -> Self {
        Self { users, services }
    }

    /// `provider`'s services as `viewer` may see them.
    ///
    /// # Errors
    /// [`ListProviderServicesError::UnknownProvider`] when the user is not a provider,
    /// [`ListProviderServicesError::NotBookable`] when they are deactivated and the viewer does
    /// not manage them; store failures.
    #[tracing::instrument(skip(self, viewer), fields(provider = %provider))]
    pub async fn run(
        &self,
        viewer: Option<&Actor>,
        provider: UserId,
    ) -> Result<ProviderServices, ListProviderServicesError> {
        let managed = viewer.is_some_and(|a| a.manages_provider(provider));
        let user = self
            .users
            .by_id(provider)
            .await?
            .filter(|u| u.role == domain::Role::Provider)
            .ok_or(ListProviderServicesError::UnknownProvider)?;
        if !(managed || user.active) {
            return Err(ListProviderServicesError::NotBookable);
        }
        let mut services = self.services.by_provider(provider).await?;
        if !managed {
            services.retain(|s| s.active);
        }
        services.sort_by(|a, b| a.name.as_str().cmp(b.name.as_str()));
        Ok(ProviderServices {
            provider_name: user.name,
            zone: user.zone,
            provider_photo: user.photo,
            managed,
            services,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn use_case(provider: domain::User) -> ListProviderServices {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(provider.clone())));
        let owner = a_provider().build().id;
        let mut services = MockServiceStore::new();
        services.expect_by_provider().returning(move |_| {
            Ok(vec![
                a_service().owned_by(owner).build(),
                a_service().owned_by(owner).inactive().build(),
            ])
        });
        ListProviderServices::new(Arc::new(users), Arc::new(services))
    }

    #[tokio::test]
    async fn the_provider_sees_inactive_services_too() {
        let listed = use_case(a_provider().build())
            .run(Some(&a_provider().actor()), a_provider().build().id)
            .await
            .unwrap();
        assert!(listed.managed);
        assert_eq!(listed.services.len(), 2);
    }

    #[tokio::test]
    async fn others_see_only_active_services() {
        let listed = use_case(a_provider().build())
            .run(Some(&a_customer().actor()), a_provider().build().id)
            .await
            .unwrap();
        assert!(!listed.managed);
        assert_eq!(listed.services.len(), 1);
        assert!(listed.services.iter().all(|s| s.active));
    }

    #[tokio::test]
    async fn a_deactivated_provider_is_not_bookable_for_others_but_listed_for_admins() {
        let refused = use_case(a_provider().inactive().build())
            .run(Some(&a_customer().actor()), a_provider().build().id)
            .await;
        assert!(matches!(
            refused,
            Err(ListProviderServicesError::NotBookable)
        ));
        let listed = use_case(a_provider().inactive().build())
            .run(Some(&an_admin().actor()), a_provider().build().id)
            .await;
        assert!(listed.is_ok());
    }

    #[tokio::test]
    async fn a_customer_is_not_a_provider_page() {
        let refused = use_case(a_customer().build())
            .run(None, a_customer().build().id)
            .await;
        assert!(matches!(
            refused,
            Err(ListProviderServicesError::UnknownProvider)
        ));
    }
}
