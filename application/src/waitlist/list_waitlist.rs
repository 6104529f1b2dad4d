//! Who waits: a customer's own waitlist entries, and the waitlist of a provider's services.

use std::sync::Arc;

use domain::{PersonName, ServiceName, UserId};

use crate::actor::Actor;
use crate::ports::{RepoError, ServiceStore, UserStore, WaitlistEntry, WaitlistStore};

/// An entry with the names people read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistLine {
    /// The entry.
    pub entry: WaitlistEntry,
    /// The service's name, if it still exists.
    pub service: Option<ServiceName>,
    /// Who waits, if the account still exists.
    pub customer: Option<PersonName>,
}

/// Why a waitlist was not shown.
#[derive(Debug, thiserror::Error)]
pub enum ListWaitlistError {
    /// Not the provider, nor staff.
    #[error("you may not see this waitlist")]
    Forbidden,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Lists open waitlist entries (waiting, or holding a place), in the order they joined.
pub struct ListWaitlist {
    waitlist: Arc<dyn WaitlistStore>,
    services: Arc<dyn ServiceStore>,
    users: Arc<dyn UserStore>,
}

impl ListWaitlist {
    /// The use case over its ports.
    pub fn new(
        waitlist: Arc<dyn WaitlistStore>,
        services: Arc<dyn ServiceStore>,
        users: Arc<dyn UserStore>,
    ) -> Self {
        Self {
            waitlist,
            services,
            users,
        }
    }

    /// The entries `actor` waits with (none for anyone but customers).
    ///
    /// # Errors
    /// [`ListWaitlistError::Store`].
    pub async fn mine(&self, actor: &Actor) -> Result<Vec<WaitlistLine>, ListWaitlistError> {
        let entries = self.waitlist.of_customer(actor.id).await?;
        Ok(self.named(entries).await?)
    }

    /// `entries` with their service's and customer's names.
    async fn named(&self, entries: Vec<WaitlistEntry>) -> Result<Vec<WaitlistLine>, RepoError> {
        let mut lines = Vec::with_capacity(entries.len());
        for entry in entries {
            let service = self.services.by_id(entry.service).await?.map(|s| s.name);
            let customer = self.users.by_id(entry.customer).await?.map(|u| u.name);
            lines.push(WaitlistLine {
                entry,
                service,
                customer,
            });
        }
        Ok(lines)
    }

    /// Who waits for `provider`'s services: for that provider and staff.
    ///
    /// # Errors
    /// [`ListWaitlistError::Forbidden`], [`ListWaitlistError::Store`].
    pub async fn of_provider(
        &self,
        actor: &Actor,
        provider: UserId,
    ) -> Result<Vec<WaitlistLine>, ListWaitlistError> {
        if !actor.is_provider(provider) && !actor.is_staff() {
            return Err(ListWaitlistError::Forbidden);
        }
        let entries = self.waitlist.of_provider(provider).await?;
        Ok(self.named(entries).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::ports::waitlist::MockWaitlistStore;
    use crate::test_support::*;
    use mockall::predicate::eq;

    fn use_case(waitlist: MockWaitlistStore) -> ListWaitlist {
        ListWaitlist::new(
            Arc::new(waitlist),
            Arc::new(MockServiceStore::new()),
            Arc::new(MockUserStore::new()),
        )
    }

    #[tokio::test]
    async fn a_provider_sees_their_own_waitlist_and_nobody_elses() {
        let provider = a_provider().build().id;
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_of_provider()
            .with(eq(provider))
            .times(2)
            .returning(|_| Ok(vec![]));
        let uc = use_case(waitlist);
        uc.of_provider(&a_provider().actor(), provider)
            .await
            .unwrap();
        uc.of_provider(&a_support_agent().actor(), provider)
            .await
            .unwrap();
        for actor in [another_provider().actor(), a_customer().actor()] {
            assert!(matches!(
                uc.of_provider(&actor, provider).await,
                Err(ListWaitlistError::Forbidden)
            ));
        }
    }

    #[tokio::test]
    async fn a_customer_sees_their_own_entries() {
        let customer = a_customer().build().id;
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_of_customer()
            .with(eq(customer))
            .times(1)
            .returning(|_| Ok(vec![]));
        use_case(waitlist)
            .mine(&a_customer().actor())
            .await
            .unwrap();
    }
}
