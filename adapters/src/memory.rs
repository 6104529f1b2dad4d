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
mod move_proposals;
mod personal_data;
mod rate_limits;
mod reviews;
mod schedules;
mod search;
mod services;
mod sessions;
mod users;
mod waitlist;
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
pub use move_proposals::MemoryMoveProposals;
pub use personal_data::MemoryPersonalData;
pub use rate_limits::MemoryRateLimits;
pub use reviews::MemoryReviews;
pub use schedules::MemorySchedules;
pub use services::MemoryServices;
pub use sessions::MemorySessions;
pub use users::MemoryUsers;
pub use waitlist::MemoryWaitlist;
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
    /// Calendar feed tokens.
    pub feed_tokens: Arc<MemoryFeedTokens>,
    /// Provider calendars and their entries.
    pub calendar_links: Arc<MemoryCalendarLinks>,
    /// Push channels on providers' own calendars.
    pub watch_channels: Arc<MemoryWatchChannels>,
    /// Moves providers made in their calendars, waiting for the customer.
    pub move_proposals: Arc<MemoryMoveProposals>,
    /// Erasure across all of the above.
    pub personal_data: Arc<MemoryPersonalData>,
    /// Login sessions.
    pub sessions: Arc<MemorySessions>,
    /// Customers waiting for places, with the holds offered to them.
    pub waitlist: Arc<MemoryWaitlist>,
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
        let appointments = Arc::new(MemoryAppointments::with_deliveries(Arc::clone(&deliveries)));
        let personal_data = Arc::new(MemoryPersonalData {
            users: Arc::clone(&users),
            waitlist: Arc::new(MemoryWaitlist::new(Arc::clone(&appointments))),
            appointments,
            deliveries: Arc::clone(&deliveries),
            account_tokens: Arc::default(),
            api_tokens: Arc::default(),
            feed_tokens: Arc::default(),
            calendar_links: Arc::default(),
            busy_times: Arc::default(),
            watch_channels: Arc::default(),
            reviews: Arc::clone(&reviews),
            webhooks: Arc::clone(&webhooks),
            audit: Arc::default(),
        });
        let p = &personal_data;
        Self {
            users,
            services,
            categories,
            schedules: Arc::new(MemorySchedules::default()),
            appointments: Arc::clone(&p.appointments),
            deliveries,
            account_tokens: Arc::clone(&p.account_tokens),
            audit: Arc::clone(&p.audit),
            api_tokens: Arc::clone(&p.api_tokens),
            rate_limits: Arc::new(MemoryRateLimits::default()),
            busy_times: Arc::clone(&p.busy_times),
            reviews,
            webhooks: Arc::clone(&p.webhooks),
            feed_tokens: Arc::clone(&p.feed_tokens),
            calendar_links: Arc::clone(&p.calendar_links),
            watch_channels: Arc::clone(&p.watch_channels),
            move_proposals: Arc::default(),
            waitlist: Arc::clone(&p.waitlist),
            personal_data,
            sessions: Arc::new(MemorySessions::default()),
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
