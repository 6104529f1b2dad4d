//! Every store in process memory, for tests and the demo. Each store keeps its data behind a
//! `std::sync::Mutex` locked only inside synchronous code, never across an `.await`; a store's
//! rules (unique emails, no overlapping appointments) are checked and applied in one critical
//! section, so they hold under any concurrency, as a database constraint would.

mod account_tokens;
mod api_tokens;
mod appointments;
mod audit;
mod busy_times;
mod calendar_links;
mod categories;
mod deliveries;
mod feed_tokens;
mod rate_limits;
mod reviews;
mod schedules;
mod search;
mod services;
mod users;
mod watch_channels;
mod webhooks;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use application::ports::{Page, PageRequest};

pub use account_tokens::MemoryAccountTokens;
pub use api_tokens::MemoryApiTokens;
pub use appointments::MemoryAppointments;
pub use audit::MemoryAuditLog;
pub use busy_times::MemoryBusyTimes;
pub use calendar_links::MemoryCalendarLinks;
pub use categories::MemoryCategories;
pub use deliveries::MemoryDeliveries;
pub use feed_tokens::MemoryFeedTokens;
pub use rate_limits::MemoryRateLimits;
pub use reviews::MemoryReviews;
pub use schedules::MemorySchedules;
pub use services::MemoryServices;
pub use users::MemoryUsers;
pub use watch_channels::MemoryWatchChannels;
pub use webhooks::MemoryWebhooks;

/// Every in-memory store, sharing the data that crosses stores: service search reads the
/// users, categories and reviews tables, and service changes queue webhook messages.
#[derive(Debug, Clone)]
pub struct InMemory {
    /// Users and their password hashes.
    pub users: Arc<MemoryUsers>,
    /// Services and the marketplace search.
    pub services: Arc<MemoryServices>,
    /// Categories.
    pub categories: Arc<MemoryCategories>,
    /// Providers' schedules.
    pub schedules: Arc<MemorySchedules>,
    /// Appointments and their recorded events.
    pub appointments: Arc<MemoryAppointments>,
    /// The deliveries the appointments' events fan out into.
    pub deliveries: Arc<MemoryDeliveries>,
    /// Password reset and email verification tokens.
    pub account_tokens: Arc<MemoryAccountTokens>,
    /// What staff did.
    pub audit: Arc<MemoryAuditLog>,
    /// Personal API tokens.
    pub api_tokens: Arc<MemoryApiTokens>,
    /// Rate-limit counters.
    pub rate_limits: Arc<MemoryRateLimits>,
    /// Busy time read from providers' external calendars.
    pub busy_times: Arc<MemoryBusyTimes>,
    /// Reviews and their reports.
    pub reviews: Arc<MemoryReviews>,
    /// Webhook endpoints, their messages and attempts.
    pub webhooks: Arc<MemoryWebhooks>,
}

impl InMemory {
    /// Empty stores.
    pub fn new() -> Self {
        let users = Arc::new(MemoryUsers::default());
        let categories = Arc::new(MemoryCategories::default());
        let reviews = Arc::new(MemoryReviews::default());
        let webhooks = Arc::new(MemoryWebhooks::default());
        let services = Arc::new(MemoryServices::new(
            &users,
            &categories,
            &reviews,
            Arc::clone(&webhooks),
        ));
        let deliveries = Arc::new(MemoryDeliveries::default());
        Self {
            users,
            services,
            categories,
            schedules: Arc::new(MemorySchedules::default()),
            appointments: Arc::new(MemoryAppointments::with_deliveries(Arc::clone(&deliveries))),
            deliveries,
            account_tokens: Arc::new(MemoryAccountTokens::default()),
            audit: Arc::new(MemoryAuditLog::default()),
            api_tokens: Arc::new(MemoryApiTokens::default()),
            rate_limits: Arc::new(MemoryRateLimits::default()),
            busy_times: Arc::new(MemoryBusyTimes::default()),
            reviews,
            webhooks,
        }
    }
}

impl Default for InMemory {
    fn default() -> Self {
        Self::new()
    }
}

/// Locks `table`. A panic while the lock was held cannot leave a table half-changed (every
/// critical section checks first and then changes with infallible operations), so a poisoned
/// lock is still safe to use.
fn lock<T>(table: &Mutex<T>) -> MutexGuard<'_, T> {
    table.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The page `request` names of `all` (already filtered and sorted), with the total count.
fn page_of<T>(all: Vec<T>, request: PageRequest) -> Page<T> {
    let total = all.len() as u64;
    let skip = usize::try_from(request.offset()).unwrap_or(usize::MAX);
    let items = all
        .into_iter()
        .skip(skip)
        .take(request.per_page() as usize)
        .collect();
    Page {
        items,
        total,
        request,
    }
}
