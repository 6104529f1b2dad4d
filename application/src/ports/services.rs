//! Services and the marketplace search over them.

use async_trait::async_trait;
use domain::{
    CategoryId, CategoryName, PersonName, Rating, Service, ServiceId, Stars, UserId, Zone,
};

use super::{RepoError, WebhookNotice};

/// Which page of results, 1-based, with a bounded page size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    page: u32,
    per_page: u32,
}

impl PageRequest {
    /// The largest page size served.
    pub const MAX_PER_PAGE: u32 = 100;

    /// Page `page` (1-based) of `per_page` items; both are clamped into range, so any input
    /// from a query string is safe.
    pub fn new(page: u32, per_page: u32) -> Self {
        Self {
            page: page.clamp(1, 1_000_000),
            per_page: per_page.clamp(1, Self::MAX_PER_PAGE),
        }
    }

    /// The 1-based page number.
    pub const fn page(&self) -> u32 {
        self.page
    }

    /// Items per page.
    pub const fn per_page(&self) -> u32 {
        self.per_page
    }

    /// How many items come before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(1, 20)
    }
}

/// One page of results and the total count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Items across all pages.
    pub total: u64,
    /// The request this page answers.
    pub request: PageRequest,
}

impl<T> Page<T> {
    /// How many pages there are (at least one, possibly empty).
    pub fn page_count(&self) -> u64 {
        self.total
            .div_ceil(u64::from(self.request.per_page()))
            .max(1)
    }
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SortOrder {
    /// Best text match first (newest first without a text).
    #[default]
    Relevance,
    /// Cheapest first.
    PriceAscending,
    /// Most expensive first.
    PriceDescending,
    /// Most recently created first.
    Newest,
    /// Best average rating first, then most reviews; services without reviews last.
    Rating,
}

/// A marketplace search. Only active services of active providers match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SearchQuery {
    /// Words matched against service name, description, category and provider name.
    pub text: Option<String>,
    /// Only this category.
    pub category: Option<CategoryId>,
    /// Only this provider.
    pub provider: Option<UserId>,
    /// Lowest price in minor units.
    pub min_price: Option<i64>,
    /// Highest price in minor units.
    pub max_price: Option<i64>,
    /// Longest duration in minutes.
    pub max_duration: Option<u16>,
    /// Lowest average rating (services without visible reviews are left out).
    pub min_rating: Option<Stars>,
    /// Order of results.
    pub sort: SortOrder,
    /// Which page.
    pub page: PageRequest,
}

/// A service as shown in lists: with its provider's and category's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceListing {
    /// The service.
    pub service: Service,
    /// Its provider's display name.
    pub provider_name: PersonName,
    /// Its provider's zone.
    pub provider_zone: Zone,
    /// Its category's name, if it has one.
    pub category_name: Option<CategoryName>,
    /// Its rating over its visible reviews.
    pub rating: Rating,
}

/// Which services the admin catalogue shows: every service, active or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogQuery {
    /// Text found, ignoring case, in the service name.
    pub text: Option<String>,
    /// Only this provider's.
    pub provider: Option<UserId>,
    /// Only active (`true`) or deactivated (`false`) services.
    pub active: Option<bool>,
    /// Which page.
    pub page: PageRequest,
}

/// Stores services and searches them.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait ServiceStore: Send + Sync {
    /// Adds a service and queues `notice` for the webhook endpoints, in one transaction.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when the id is taken.
    async fn insert(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError>;

    /// Replaces a service (never deletes: appointments keep referring to it) and queues
    /// `notice` for the webhook endpoints, in one transaction.
    ///
    /// # Errors
    /// [`RepoError::NotFound`].
    async fn update(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError>;

    /// The service with `id`, active or not.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: ServiceId) -> Result<Option<Service>, RepoError>;

    /// All services of `provider`, active or not, by name.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_provider(&self, provider: UserId) -> Result<Vec<Service>, RepoError>;

    /// The page of active services of active providers matching `query`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn search(&self, query: &SearchQuery) -> Result<Page<ServiceListing>, RepoError>;

    /// The page of services matching `query`, active or not and whoever provides them, newest
    /// first, with the total count of matches.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn catalog(&self, query: &CatalogQuery) -> Result<Page<Service>, RepoError>;
}
