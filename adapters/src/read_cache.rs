//! A read-through cache in front of the stores that public pages read on every request: a
//! service, its provider and schedule, the categories, search result pages, a provider's busy
//! times (appointments, and the intervals read from their own calendars, each retired by its
//! own kind of write) and login sessions. The slot picker,
//! search and home page then answer from memory while nothing changes, and a signed-in request
//! reads no session row.
//!
//! Staleness is ruled out by generations rather than by timing. Every entry is stamped with
//! the generation of its kind of data read *before* it was loaded, and an entry whose stamp is
//! no longer current is a miss. Generations move:
//! - when a write goes through a cached store of this process (after it succeeded), so a
//!   process always reads its own writes;
//! - when another process writes: the caller feeds [`ReadCache::invalidate`] from the
//!   database's change notifications (PostgreSQL: [`crate::sea_orm::listen_for_changes`]);
//! - all at once with [`ReadCache::invalidate_all`] when such notifications may have been
//!   missed (the listener reconnected).
//!
//! A write that lands between a load and its stamp leaves the entry stale-stamped, so it is
//! never served. Entries also expire after [`ENTRY_LIFETIME`], a bound for anything else.

mod memo;
mod stores;

use std::sync::atomic::{AtomicU64, Ordering};

use application::ports::{
    AppointmentStore, BusySource, BusyTimeStore, CategoryStore, Page, PageRequest,
    PersonalDataStore, ReviewStore, Reviewed, ScheduleStore, SearchQuery, ServiceListing,
    ServiceStore, SessionData, SessionIdHash, SessionStore, UserStore, WaitlistStore,
};
use domain::{Category, Rating, Review, Schedule, Service, ServiceId, TimeRange, User, UserId};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use tokio::task::AbortHandle;

use memo::Memo;
use stores::{
    BusyRetiringWaitlist, CachedAppointments, CachedBusyTimes, CachedCategories, CachedSchedules,
    CachedServices, CachedSessions, CachedUsers, CatalogRetiringErasure, CatalogRetiringReviews,
};

/// How long an entry may be served at most, even if no change was announced: the bound on
/// staleness after writes no instance announces (by hand in `psql`, or on SQLite by another
/// process).
pub const ENTRY_LIFETIME: Duration = Duration::from_mins(1);

/// How long busy times may be served at most. They change with every booking, and another
/// instance announces its bookings after they committed, so one that dies in between leaves
/// its provider's busy times stale this long (the database still refuses a double booking).
pub const BUSY_LIFETIME: Duration = Duration::from_secs(10);

/// Provider generations are striped: a change bumps the stripe of its provider, so memory is
/// bounded and an unrelated provider in the same stripe only costs a reload.
const PROVIDER_STRIPES: usize = 64;

/// What changed, as far as cached reads are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A user, service, category, schedule or review: anything a service page or search shows.
    Catalog,
    /// An appointment of this provider: their busy times.
    Appointments(UserId),
    /// A read of this provider's own calendars (or a calendar connected or removed): the
    /// busy time from them.
    Calendars(UserId),
    /// A session ended (logout, erasure, expiry): every cached session is retired, so a
    /// revoked one is refused by every instance from the next request on.
    Sessions,
}

impl Change {
    /// The payload [`Change::parse`] reads back.
    pub fn payload(&self) -> String {
        match self {
            Self::Catalog => "catalog".to_owned(),
            Self::Appointments(provider) => format!("appointments:{}", provider.as_uuid()),
            Self::Calendars(provider) => format!("calendars:{}", provider.as_uuid()),
            Self::Sessions => "sessions".to_owned(),
        }
    }

    /// Reads a change notification's payload: `catalog`, `sessions`,
    /// `appointments:<provider uuid>` or `calendars:<provider uuid>`.
    pub fn parse(payload: &str) -> Option<Self> {
        match payload.split_once(':') {
            None if payload == "catalog" => Some(Self::Catalog),
            None if payload == "sessions" => Some(Self::Sessions),
            Some((kind, id)) => {
                let provider = UserId::from_uuid(id.parse::<uuid::Uuid>().ok()?);
                match kind {
                    "appointments" => Some(Self::Appointments(provider)),
                    "calendars" => Some(Self::Calendars(provider)),
                    _ => None,
                }
            }
            None => None,
        }
    }
}

/// The cached reads and their generations. Share one per process (in an `Arc`) between the
/// cached stores it wraps and whatever feeds it changes.
pub struct ReadCache {
    catalog: AtomicU64,
    providers: [AtomicU64; PROVIDER_STRIPES],
    calendars: [AtomicU64; PROVIDER_STRIPES],
    sessions_generation: AtomicU64,
    services: Memo<ServiceId, Option<Service>>,
    users: Memo<UserId, Option<User>>,
    schedules: Memo<UserId, Option<Schedule>>,
    categories: Memo<bool, Vec<Category>>,
    searches: Memo<SearchQuery, Page<ServiceListing>>,
    busy: Memo<(UserId, TimeRange), Vec<TimeRange>>,
    external_busy: Memo<(UserId, TimeRange), Vec<TimeRange>>,
    busy_sources: Memo<UserId, Vec<BusySource>>,
    ratings: Memo<Reviewed, Rating>,
    reviews: Memo<(Reviewed, PageRequest), Page<Review>>,
    sessions: Memo<SessionIdHash, Option<SessionData>>,
    /// The task feeding this cache changes, stopped with it.
    feed: Mutex<Option<AbortHandle>>,
    /// Tells other instances about changes written here, if there are any to tell.
    announcer: OnceLock<Announcer>,
}

/// Passes a change written here on to other instances.
pub type Announcer = Box<dyn Fn(Change) + Send + Sync>;

impl Drop for ReadCache {
    fn drop(&mut self) {
        if let Some(feed) = self.feed.get_mut().ok().and_then(Option::take) {
            feed.abort();
        }
    }
}

impl std::fmt::Debug for ReadCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache")
            .field("catalog", &self.catalog)
            .finish_non_exhaustive()
    }
}

impl Default for ReadCache {
    fn default() -> Self {
        Self {
            catalog: AtomicU64::new(0),
            providers: std::array::from_fn(|_| AtomicU64::new(0)),
            calendars: std::array::from_fn(|_| AtomicU64::new(0)),
            sessions_generation: AtomicU64::new(0),
            services: Memo::new(4096),
            users: Memo::new(4096),
            schedules: Memo::new(2048),
            categories: Memo::new(2).sharing_loads(),
            searches: Memo::new(256).sharing_loads(),
            busy: Memo::new(1024).expiring_after(BUSY_LIFETIME),
            external_busy: Memo::new(1024).expiring_after(BUSY_LIFETIME),
            busy_sources: Memo::new(1024).expiring_after(BUSY_LIFETIME),
            ratings: Memo::new(4096),
            reviews: Memo::new(1024),
            sessions: Memo::new(4096),
            feed: Mutex::new(None),
            announcer: OnceLock::new(),
        }
    }
}

impl ReadCache {
    /// An empty cache.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Retires every entry `change` may have made stale.
    pub fn invalidate(&self, change: Change) {
        match change {
            Change::Catalog => self.catalog.fetch_add(1, Ordering::AcqRel),
            Change::Appointments(provider) => self
                .provider_generation(provider)
                .fetch_add(1, Ordering::AcqRel),
            Change::Calendars(provider) => self
                .calendar_generation(provider)
                .fetch_add(1, Ordering::AcqRel),
            Change::Sessions => self.sessions_generation.fetch_add(1, Ordering::AcqRel),
        };
    }

    /// Retires what a write through a cached store of this process changed, and announces it
    /// to other instances.
    pub fn written_here(&self, change: Change) {
        self.invalidate(change);
        if let Some(announce) = self.announcer.get() {
            announce(change);
        }
    }

    /// Announces every change written here with `announcer` from now on (the first one set
    /// stays).
    pub fn announce_with(&self, announcer: Announcer) {
        let _ = self.announcer.set(announcer);
    }

    /// Retires every entry.
    pub fn invalidate_all(&self) {
        self.catalog.fetch_add(1, Ordering::AcqRel);
        self.sessions_generation.fetch_add(1, Ordering::AcqRel);
        for stripe in self.providers.iter().chain(&self.calendars) {
            stripe.fetch_add(1, Ordering::AcqRel);
        }
    }

    /// `users` behind this cache.
    pub fn users(self: &Arc<Self>, users: Arc<dyn UserStore>) -> Arc<dyn UserStore> {
        Arc::new(CachedUsers::new(users, self.clone()))
    }

    /// `services` behind this cache.
    pub fn services(self: &Arc<Self>, services: Arc<dyn ServiceStore>) -> Arc<dyn ServiceStore> {
        Arc::new(CachedServices::new(services, self.clone()))
    }

    /// `categories` behind this cache.
    pub fn categories(
        self: &Arc<Self>,
        categories: Arc<dyn CategoryStore>,
    ) -> Arc<dyn CategoryStore> {
        Arc::new(CachedCategories::new(categories, self.clone()))
    }

    /// `schedules` behind this cache.
    pub fn schedules(
        self: &Arc<Self>,
        schedules: Arc<dyn ScheduleStore>,
    ) -> Arc<dyn ScheduleStore> {
        Arc::new(CachedSchedules::new(schedules, self.clone()))
    }

    /// `appointments` behind this cache (their busy times).
    pub fn appointments(
        self: &Arc<Self>,
        appointments: Arc<dyn AppointmentStore>,
    ) -> Arc<dyn AppointmentStore> {
        Arc::new(CachedAppointments::new(appointments, self.clone()))
    }

    /// `busy_times` behind this cache (the busy intervals read from providers' calendars).
    pub fn busy_times(
        self: &Arc<Self>,
        busy_times: Arc<dyn BusyTimeStore>,
    ) -> Arc<dyn BusyTimeStore> {
        Arc::new(CachedBusyTimes::new(busy_times, self.clone()))
    }

    /// `waitlist` retiring providers' cached busy times when a hold is offered or settled.
    pub fn waitlist(self: &Arc<Self>, waitlist: Arc<dyn WaitlistStore>) -> Arc<dyn WaitlistStore> {
        Arc::new(BusyRetiringWaitlist::new(waitlist, self.clone()))
    }

    /// `reviews` retiring the cached search pages (their ratings) on every write.
    pub fn reviews(self: &Arc<Self>, reviews: Arc<dyn ReviewStore>) -> Arc<dyn ReviewStore> {
        Arc::new(CatalogRetiringReviews::new(reviews, self.clone()))
    }

    /// `personal_data` retiring the catalog (a renamed account) on every erasure.
    pub fn personal_data(
        self: &Arc<Self>,
        personal_data: Arc<dyn PersonalDataStore>,
    ) -> Arc<dyn PersonalDataStore> {
        Arc::new(CatalogRetiringErasure::new(personal_data, self.clone()))
    }

    /// `sessions` behind this cache (sessions by id).
    pub fn sessions(self: &Arc<Self>, sessions: Arc<dyn SessionStore>) -> Arc<dyn SessionStore> {
        Arc::new(CachedSessions::new(sessions, self.clone()))
    }

    /// Ties the task that feeds this cache changes to the cache's life.
    pub fn stop_feed_when_dropped(&self, feed: AbortHandle) {
        if let Ok(mut slot) = self.feed.lock()
            && let Some(previous) = slot.replace(feed)
        {
            previous.abort();
        }
    }

    fn provider_generation(&self, provider: UserId) -> &AtomicU64 {
        &self.providers[stripe(provider)]
    }

    fn calendar_generation(&self, provider: UserId) -> &AtomicU64 {
        &self.calendars[stripe(provider)]
    }
}

/// The generation stripe of `provider`.
fn stripe(provider: UserId) -> usize {
    let (_, low) = provider.as_uuid().as_u64_pair();
    // The remainder is below PROVIDER_STRIPES, so it fits any usize.
    #[allow(clippy::cast_possible_truncation)]
    let stripe = (low % PROVIDER_STRIPES as u64) as usize;
    stripe
}

#[cfg(test)]
mod tests;
