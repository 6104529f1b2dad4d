//! Who waits: a customer's own waitlist entries, and the waitlist of a provider's services.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use domain::{PersonName, ServiceId, ServiceName, UserId};

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

    /// `entries` with their service's and customer's names, each service and customer read
    /// once (a provider's list names the same services over and over).
    async fn named(&self, entries: Vec<WaitlistEntry>) -> Result<Vec<WaitlistLine>, RepoError> {
        let mut services: HashMap<ServiceId, Option<ServiceName>> = HashMap::new();
        let mut customers: HashMap<UserId, Option<PersonName>> = HashMap::new();
        for entry in &entries {
            if let Entry::Vacant(slot) = services.entry(entry.service) {
                slot.insert(self.services.by_id(entry.service).await?.map(|s| s.name));
            }
            if let Entry::Vacant(slot) = customers.entry(entry.customer) {
                slot.insert(self.users.by_id(entry.customer).await?.map(|u| u.name));
            }
        }
        Ok(entries
            .into_iter()
            .map(|entry| WaitlistLine {
                service: services.get(&entry.service).cloned().flatten(),
                customer: customers.get(&entry.customer).cloned().flatten(),
                entry,
            })
            .collect())
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

    #[tokio::test]
    async fn each_service_and_customer_is_read_once_for_the_names() {
        let day = "2026-06-03".parse::<chrono::NaiveDate>().unwrap();
        let hour = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let entry = move |n| WaitlistEntry {
            id: domain::WaitlistEntryId::from_uuid(uuid::Uuid::from_u128(n)),
            service: a_service().build().id,
            provider: a_provider().build().id,
            customer: a_customer().build().id,
            window: domain::WaitWindow::new(day, day, hour(9), hour(12), domain::Zone::UTC)
                .unwrap(),
            joined_at: utc(NOW),
            state: crate::ports::EntryState::Waiting,
            hold: None,
        };
        let mut waitlist = MockWaitlistStore::new();
        waitlist
            .expect_of_provider()
            .returning(move |_| Ok(vec![entry(1), entry(2)]));
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .times(1)
            .returning(|_| Ok(Some(a_service().build())));
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .times(1)
            .returning(|_| Ok(Some(a_customer().build())));
        let lines = ListWaitlist::new(Arc::new(waitlist), Arc::new(services), Arc::new(users))
            .of_provider(&a_provider().actor(), a_provider().build().id)
            .await
            .unwrap();
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| {
            l.service == Some(a_service().build().name)
                && l.customer == Some(a_customer().build().name)
        }));
    }
}
