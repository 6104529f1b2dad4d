//! Services in memory, and the marketplace search over them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use std::cmp::Reverse;

use application::ports::{
    CatalogQuery, Page, RepoError, SearchQuery, ServiceListing, ServiceStore, WebhookNotice,
};
use async_trait::async_trait;
use domain::{Service, ServiceId, UserId};

use super::categories::{CategoryTable, MemoryCategories};
use super::reviews::{MemoryReviews, ReviewTable};
use super::users::{MemoryUsers, UserTable};
use super::webhooks::MemoryWebhooks;
use super::{lock, search};

/// A stored service and when it was added, counted in inserts: "newest first" sorts by it.
#[derive(Debug)]
pub(super) struct ServiceRow {
    pub service: Service,
    pub added: u64,
}

/// Services by id, with the count of inserts so far.
#[derive(Debug, Default)]
pub(super) struct ServiceTable {
    pub rows: HashMap<ServiceId, ServiceRow>,
    inserted: u64,
}

/// [`ServiceStore`] in memory. Search reads the users, categories and reviews of the same
/// [`super::InMemory`]; changes are published to its webhooks.
#[derive(Debug)]
pub struct MemoryServices {
    table: Mutex<ServiceTable>,
    users: Arc<Mutex<UserTable>>,
    categories: Arc<Mutex<CategoryTable>>,
    reviews: Arc<Mutex<ReviewTable>>,
    webhooks: Arc<MemoryWebhooks>,
}

impl MemoryServices {
    /// An empty store whose search reads `users`, `categories` and `reviews`, and whose
    /// changes are queued in `webhooks`.
    pub fn new(
        users: &MemoryUsers,
        categories: &MemoryCategories,
        reviews: &MemoryReviews,
        webhooks: Arc<MemoryWebhooks>,
    ) -> Self {
        Self {
            table: Mutex::default(),
            users: users.table(),
            categories: categories.table(),
            reviews: reviews.table(),
            webhooks,
        }
    }
}

#[async_trait]
impl ServiceStore for MemoryServices {
    async fn insert(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        if table.rows.contains_key(&service.id) {
            return Err(RepoError::Conflict);
        }
        table.inserted += 1;
        let row = ServiceRow {
            service: service.clone(),
            added: table.inserted,
        };
        table.rows.insert(service.id, row);
        self.webhooks.publish(notice);
        Ok(())
    }

    async fn update(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        let row = table.rows.get_mut(&service.id).ok_or(RepoError::NotFound)?;
        row.service = service.clone();
        self.webhooks.publish(notice);
        Ok(())
    }

    async fn by_id(&self, id: ServiceId) -> Result<Option<Service>, RepoError> {
        Ok(lock(&self.table)
            .rows
            .get(&id)
            .map(|row| row.service.clone()))
    }

    async fn by_provider(&self, provider: UserId) -> Result<Vec<Service>, RepoError> {
        let mut services: Vec<Service> = lock(&self.table)
            .rows
            .values()
            .filter(|row| row.service.provider == provider)
            .map(|row| row.service.clone())
            .collect();
        services.sort_by(|a, b| (a.name.as_str(), a.id).cmp(&(b.name.as_str(), b.id)));
        Ok(services)
    }

    async fn search(&self, query: &SearchQuery) -> Result<Page<ServiceListing>, RepoError> {
        // Always services, then users, categories, reviews: the only place holding several
        // locks.
        let services = lock(&self.table);
        let users = lock(&self.users);
        let categories = lock(&self.categories);
        let reviews = lock(&self.reviews);
        Ok(search::run(&services, &users, &categories, &reviews, query))
    }

    async fn catalog(&self, query: &CatalogQuery) -> Result<Page<Service>, RepoError> {
        let text = query.text.as_deref().map(str::to_lowercase);
        let table = lock(&self.table);
        let mut found: Vec<&ServiceRow> = table
            .rows
            .values()
            .filter(|row| query.provider.is_none_or(|p| row.service.provider == p))
            .filter(|row| query.active.is_none_or(|a| row.service.active == a))
            .filter(|row| {
                text.as_deref()
                    .is_none_or(|t| row.service.name.as_str().to_lowercase().contains(t))
            })
            .collect();
        found.sort_by_key(|row| Reverse(row.added));
        let found = found.into_iter().map(|row| row.service.clone()).collect();
        Ok(super::page_of(found, query.page))
    }
}
