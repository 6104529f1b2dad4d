//! The cached stores: each forwards to the store it wraps, answers its hot reads through the
//! [`ReadCache`], and moves the cache's generations on after each successful write.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;

use application::events::AppointmentEvent;
use application::ports::OfferError;
use application::ports::{
    AppointmentFilter, AppointmentQuery, AppointmentStore, BusySource, BusyTimeStore, BusyUpdate,
    CatalogQuery, CategoryStore, IdempotencyKey, Page, PageRequest, PasswordHash,
    PersonalDataStore, RepoError, Report, ReportedReview, ReviewStore, Reviewed, ScheduleStore,
    SearchQuery, SeatInsertError, SeriesChange, SeriesInsertError, ServiceListing, ServiceStore,
    SessionData, SessionIdHash, SessionStore, UserQuery, UserStore, WaitlistEntry, WaitlistStore,
    WebhookNotice,
};
use async_trait::async_trait;
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use domain::{
    Appointment, AppointmentId, Capacity, Category, CategoryId, Email, Occurrence, OccurrenceSeats,
    PersonName, Rating, Review, ReviewId, Schedule, SeriesId, Service, ServiceId, TimeRange, User,
    UserId, WaitlistEntryId,
};

use super::memo::Memo;
use super::{Change, ReadCache};

/// Declares a cached store: the wrapped store and the cache.
macro_rules! cached_store {
    ($(#[$doc:meta])* $name:ident, $port:ident) => {
        $(#[$doc])*
        pub(super) struct $name {
            inner: Arc<dyn $port>,
            cache: Arc<ReadCache>,
        }

        impl $name {
            /// `inner` behind `cache`.
            pub(super) fn new(inner: Arc<dyn $port>, cache: Arc<ReadCache>) -> Self {
                Self { inner, cache }
            }

            /// Passes `result` on; a success retires (and announces) what `change` made stale.
            fn after_write<T>(&self, change: Change, result: Result<T, RepoError>) -> Result<T, RepoError> {
                if result.is_ok() {
                    self.cache.written_here(change);
                }
                result
            }
        }
    };
}

cached_store!(
    /// Users, with accounts by id cached.
    CachedUsers,
    UserStore
);
cached_store!(
    /// Services, with services by id and search pages cached.
    CachedServices,
    ServiceStore
);
cached_store!(
    /// Categories, with the lists (and so each category) cached.
    CachedCategories,
    CategoryStore
);
cached_store!(
    /// Schedules, cached by provider.
    CachedSchedules,
    ScheduleStore
);
cached_store!(
    /// Appointments, with providers' busy times cached.
    CachedAppointments,
    AppointmentStore
);
cached_store!(
    /// Busy intervals from providers' own calendars, cached like appointments' busy times
    /// and retired by calendar reads (not by bookings).
    CachedBusyTimes,
    BusyTimeStore
);
cached_store!(
    /// The waitlist, whose holds block providers' time: offering or settling one retires the
    /// provider's cached busy times like a booking does.
    BusyRetiringWaitlist,
    WaitlistStore
);
cached_store!(
    /// Sessions, cached by id; ending any retires them all (here and, through the database's
    /// notification, in every instance).
    CachedSessions,
    SessionStore
);
cached_store!(
    /// Erasure, which renames an account (and so retires the catalog).
    CatalogRetiringErasure,
    PersonalDataStore
);

#[async_trait]
impl SessionStore for CachedSessions {
    async fn load(
        &self,
        id: &SessionIdHash,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionData>, RepoError> {
        let cache = &self.cache;
        let found = cache
            .sessions
            .get_or_load(*id, &cache.sessions_generation, self.inner.load(id, now))
            .await?;
        // Remembered at an earlier `now`: it may have expired since.
        Ok(found.filter(|s| s.expires_at > now))
    }

    async fn save(&self, id: &SessionIdHash, data: &SessionData) -> Result<(), RepoError> {
        self.inner.save(id, data).await?;
        let cache = &self.cache;
        cache
            .sessions
            .put(*id, &cache.sessions_generation, Some(data.clone()));
        Ok(())
    }

    async fn remove(&self, id: &SessionIdHash) -> Result<(), RepoError> {
        self.after_write(Change::Sessions, self.inner.remove(id).await)
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        self.after_write(Change::Sessions, self.inner.purge_expired(now).await)
    }

    async fn remove_user(&self, user: UserId) -> Result<(), RepoError> {
        self.after_write(Change::Sessions, self.inner.remove_user(user).await)
    }
}

#[async_trait]
impl PersonalDataStore for CatalogRetiringErasure {
    async fn erase(
        &self,
        user: UserId,
        pseudonym: &PersonName,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let result = self.inner.erase(user, pseudonym, at).await;
        self.after_write(Change::Catalog, result)
    }

    async fn prune(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        // Notes and reasons are in no cached read.
        self.inner.prune(before).await
    }
}

#[async_trait]
impl UserStore for CachedUsers {
    async fn insert(&self, user: &User, password: &PasswordHash) -> Result<(), RepoError> {
        self.after_write(Change::Catalog, self.inner.insert(user, password).await)
    }

    async fn by_id(&self, id: UserId) -> Result<Option<User>, RepoError> {
        let cache = &self.cache;
        cache
            .users
            .get_or_load(id, &cache.catalog, self.inner.by_id(id))
            .await
    }

    async fn credentials(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, RepoError> {
        self.inner.credentials(email).await
    }

    async fn update(&self, user: &User) -> Result<(), RepoError> {
        self.after_write(Change::Catalog, self.inner.update(user).await)
    }

    async fn mark_email_verified(
        &self,
        id: UserId,
        email: &Email,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let result = self.inner.mark_email_verified(id, email, at).await;
        self.after_write(Change::Catalog, result)
    }

    async fn set_password(&self, id: UserId, password: &PasswordHash) -> Result<(), RepoError> {
        self.inner.set_password(id, password).await
    }

    async fn list(&self, query: &UserQuery) -> Result<Page<User>, RepoError> {
        self.inner.list(query).await
    }
}

#[async_trait]
impl ServiceStore for CachedServices {
    async fn insert(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError> {
        self.after_write(Change::Catalog, self.inner.insert(service, notice).await)
    }

    async fn update(&self, service: &Service, notice: &WebhookNotice) -> Result<(), RepoError> {
        self.after_write(Change::Catalog, self.inner.update(service, notice).await)
    }

    async fn by_id(&self, id: ServiceId) -> Result<Option<Service>, RepoError> {
        let cache = &self.cache;
        cache
            .services
            .get_or_load(id, &cache.catalog, self.inner.by_id(id))
            .await
    }

    async fn by_provider(&self, provider: UserId) -> Result<Vec<Service>, RepoError> {
        self.inner.by_provider(provider).await
    }

    async fn search(&self, query: &SearchQuery) -> Result<Page<ServiceListing>, RepoError> {
        let cache = &self.cache;
        cache
            .searches
            .get_or_load(query.clone(), &cache.catalog, self.inner.search(query))
            .await
    }

    async fn catalog(&self, query: &CatalogQuery) -> Result<Page<Service>, RepoError> {
        self.inner.catalog(query).await
    }
}

#[async_trait]
impl CategoryStore for CachedCategories {
    async fn insert(&self, category: &Category) -> Result<(), RepoError> {
        self.after_write(Change::Catalog, self.inner.insert(category).await)
    }

    async fn update(&self, category: &Category) -> Result<(), RepoError> {
        self.after_write(Change::Catalog, self.inner.update(category).await)
    }

    /// Found in the cached list of all categories (there are few).
    async fn by_id(&self, id: CategoryId) -> Result<Option<Category>, RepoError> {
        let all = self.list(true).await?;
        Ok(all.into_iter().find(|c| c.id == id))
    }

    async fn list(&self, include_inactive: bool) -> Result<Vec<Category>, RepoError> {
        let cache = &self.cache;
        cache
            .categories
            .get_or_load(
                include_inactive,
                &cache.catalog,
                self.inner.list(include_inactive),
            )
            .await
    }
}

#[async_trait]
impl ScheduleStore for CachedSchedules {
    async fn get(&self, provider: UserId) -> Result<Option<Schedule>, RepoError> {
        let cache = &self.cache;
        cache
            .schedules
            .get_or_load(provider, &cache.catalog, self.inner.get(provider))
            .await
    }

    async fn put(&self, provider: UserId, schedule: &Schedule) -> Result<(), RepoError> {
        self.after_write(Change::Catalog, self.inner.put(provider, schedule).await)
    }
}

/// Busy times of `provider` in `range`, kept in `memo` by whole UTC days around the range so
/// that requests whose ranges start at "now" (which moves every instant) share one entry.
async fn busy_by_whole_days<Load, Loading>(
    memo: &Memo<(UserId, TimeRange), Vec<TimeRange>>,
    generation: &AtomicU64,
    provider: UserId,
    range: TimeRange,
    load: Load,
) -> Result<Vec<TimeRange>, RepoError>
where
    Load: Fn(TimeRange) -> Loading,
    Loading: Future<Output = Result<Vec<TimeRange>, RepoError>>,
{
    let Some(days) = whole_days(range) else {
        return load(range).await;
    };
    let mut busy = memo
        .get_or_load((provider, days), generation, load(days))
        .await?;
    busy.retain(|blocked| blocked.overlaps(&range));
    Ok(busy)
}

/// The whole UTC days around `range`.
fn whole_days(range: TimeRange) -> Option<TimeRange> {
    let day = TimeDelta::days(1);
    let start = range.start().duration_trunc(day).ok()?;
    let end = range
        .end()
        .duration_trunc(day)
        .ok()?
        .checked_add_signed(day)?;
    TimeRange::new(start, end).ok()
}

#[async_trait]
impl AppointmentStore for CachedAppointments {
    async fn insert(
        &self,
        appointment: &Appointment,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let result = self.inner.insert(appointment, key, event).await;
        self.after_write(Change::Appointments(appointment.provider), result)
    }

    async fn update(
        &self,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let result = self
            .inner
            .update(appointment, expected_revision, event)
            .await;
        self.after_write(Change::Appointments(appointment.provider), result)
    }

    async fn insert_seat(
        &self,
        seat: &Appointment,
        capacity: Capacity,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), SeatInsertError> {
        let result = self.inner.insert_seat(seat, capacity, key, event).await;
        if result.is_ok() {
            self.cache.written_here(Change::Appointments(seat.provider));
        }
        result
    }

    /// Not cached: seat counts change with every booking of a class.
    async fn occurrences(
        &self,
        provider: UserId,
        range: TimeRange,
    ) -> Result<Vec<OccurrenceSeats>, RepoError> {
        self.inner.occurrences(provider, range).await
    }

    async fn seats(&self, occurrence: Occurrence) -> Result<Vec<Appointment>, RepoError> {
        self.inner.seats(occurrence).await
    }

    async fn insert_series(
        &self,
        occurrences: &[(Appointment, AppointmentEvent)],
        key: Option<IdempotencyKey>,
    ) -> Result<(), SeriesInsertError> {
        let result = self.inner.insert_series(occurrences, key).await;
        if result.is_ok()
            && let Some((first, _)) = occurrences.first()
        {
            self.cache
                .written_here(Change::Appointments(first.provider));
        }
        result
    }

    async fn update_series(&self, changes: &[SeriesChange]) -> Result<(), RepoError> {
        let result = self.inner.update_series(changes).await;
        if result.is_ok() {
            for change in changes {
                self.cache
                    .written_here(Change::Appointments(change.appointment.provider));
            }
        }
        result
    }

    async fn series(&self, id: SeriesId) -> Result<Vec<Appointment>, RepoError> {
        self.inner.series(id).await
    }

    async fn by_id(&self, id: AppointmentId) -> Result<Option<Appointment>, RepoError> {
        self.inner.by_id(id).await
    }

    async fn by_idempotency_key(
        &self,
        customer: UserId,
        key: &IdempotencyKey,
    ) -> Result<Option<Appointment>, RepoError> {
        self.inner.by_idempotency_key(customer, key).await
    }

    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError> {
        let cache = &self.cache;
        let generation = cache.provider_generation(provider);
        busy_by_whole_days(&cache.busy, generation, provider, range, |r| {
            self.inner.busy(provider, r)
        })
        .await
    }

    async fn list(&self, filter: AppointmentFilter) -> Result<Vec<Appointment>, RepoError> {
        self.inner.list(filter).await
    }

    async fn due_reminders(
        &self,
        window: TimeRange,
        limit: u32,
    ) -> Result<Vec<Appointment>, RepoError> {
        self.inner.due_reminders(window, limit).await
    }

    async fn record_reminder(&self, event: &AppointmentEvent) -> Result<bool, RepoError> {
        self.inner.record_reminder(event).await
    }

    async fn search(&self, query: &AppointmentQuery) -> Result<Page<Appointment>, RepoError> {
        self.inner.search(query).await
    }
}

#[async_trait]
impl BusyTimeStore for CachedBusyTimes {
    async fn record_sync(&self, source: &BusySource, update: &BusyUpdate) -> Result<(), RepoError> {
        let result = self.inner.record_sync(source, update).await;
        self.after_write(Change::Calendars(source.provider), result)
    }

    async fn save_source(&self, source: &BusySource) -> Result<(), RepoError> {
        let result = self.inner.save_source(source).await;
        self.after_write(Change::Calendars(source.provider), result)
    }

    async fn claim_notice(
        &self,
        provider: UserId,
        calendar_id: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let result = self.inner.claim_notice(provider, calendar_id, at).await;
        self.after_write(Change::Calendars(provider), result)
    }

    async fn clear_notice(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError> {
        let result = self.inner.clear_notice(provider, calendar_id).await;
        self.after_write(Change::Calendars(provider), result)
    }

    async fn remove_source(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError> {
        let result = self.inner.remove_source(provider, calendar_id).await;
        self.after_write(Change::Calendars(provider), result)
    }

    /// Cached: availability checks them on every request (fail closed).
    async fn sources(&self, provider: UserId) -> Result<Vec<BusySource>, RepoError> {
        let cache = &self.cache;
        cache
            .busy_sources
            .get_or_load(
                provider,
                cache.calendar_generation(provider),
                self.inner.sources(provider),
            )
            .await
    }

    async fn all_sources(&self) -> Result<Vec<BusySource>, RepoError> {
        self.inner.all_sources().await
    }

    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError> {
        let cache = &self.cache;
        let generation = cache.calendar_generation(provider);
        busy_by_whole_days(&cache.external_busy, generation, provider, range, |r| {
            self.inner.busy(provider, r)
        })
        .await
    }
}

/// Reviews: the public lists and ratings are cached with the catalog (service pages show both),
/// and a write retires the catalog, since a review's stars also change the ratings that cached
/// search pages show.
pub(super) struct CatalogRetiringReviews {
    inner: Arc<dyn ReviewStore>,
    cache: Arc<ReadCache>,
}

impl CatalogRetiringReviews {
    /// `inner` retiring `cache`'s catalog entries.
    pub(super) fn new(inner: Arc<dyn ReviewStore>, cache: Arc<ReadCache>) -> Self {
        Self { inner, cache }
    }

    fn after_write(&self, result: Result<(), RepoError>) -> Result<(), RepoError> {
        if result.is_ok() {
            self.cache.written_here(Change::Catalog);
        }
        result
    }
}

#[async_trait]
impl ReviewStore for CatalogRetiringReviews {
    async fn insert(&self, review: &Review) -> Result<(), RepoError> {
        self.after_write(self.inner.insert(review).await)
    }

    async fn update(&self, review: &Review) -> Result<(), RepoError> {
        self.after_write(self.inner.update(review).await)
    }

    async fn by_id(&self, id: ReviewId) -> Result<Option<Review>, RepoError> {
        self.inner.by_id(id).await
    }

    async fn by_appointment(&self, id: AppointmentId) -> Result<Option<Review>, RepoError> {
        self.inner.by_appointment(id).await
    }

    async fn visible(&self, of: Reviewed, page: PageRequest) -> Result<Page<Review>, RepoError> {
        let cache = &self.cache;
        cache
            .reviews
            .get_or_load((of, page), &cache.catalog, self.inner.visible(of, page))
            .await
    }

    async fn rating(&self, of: Reviewed) -> Result<Rating, RepoError> {
        let cache = &self.cache;
        cache
            .ratings
            .get_or_load(of, &cache.catalog, self.inner.rating(of))
            .await
    }

    async fn report(&self, report: &Report) -> Result<(), RepoError> {
        self.inner.report(report).await
    }

    async fn reported(&self, page: PageRequest) -> Result<Page<ReportedReview>, RepoError> {
        self.inner.reported(page).await
    }

    async fn resolve_reports(&self, review: ReviewId, at: DateTime<Utc>) -> Result<(), RepoError> {
        self.inner.resolve_reports(review, at).await
    }
}

#[async_trait]
impl WaitlistStore for BusyRetiringWaitlist {
    async fn join(&self, entry: &WaitlistEntry) -> Result<(), RepoError> {
        self.inner.join(entry).await
    }

    async fn leave(&self, id: WaitlistEntryId) -> Result<bool, RepoError> {
        self.inner.leave(id).await
    }

    async fn by_id(&self, id: WaitlistEntryId) -> Result<Option<WaitlistEntry>, RepoError> {
        self.inner.by_id(id).await
    }

    async fn by_hold(&self, id: AppointmentId) -> Result<Option<WaitlistEntry>, RepoError> {
        self.inner.by_hold(id).await
    }

    async fn of_customer(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        self.inner.of_customer(customer).await
    }

    async fn history_of(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        self.inner.history_of(customer).await
    }

    async fn of_provider(&self, provider: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        self.inner.of_provider(provider).await
    }

    async fn waiting(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        self.inner.waiting(now, limit).await
    }

    async fn offer(
        &self,
        id: WaitlistEntryId,
        hold: &Appointment,
        capacity: Capacity,
        expires_at: DateTime<Utc>,
        event: &AppointmentEvent,
    ) -> Result<(), OfferError> {
        let result = self
            .inner
            .offer(id, hold, capacity, expires_at, event)
            .await;
        if result.is_ok() {
            self.cache.written_here(Change::Appointments(hold.provider));
        }
        result
    }

    async fn settle(
        &self,
        id: WaitlistEntryId,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let result = self
            .inner
            .settle(id, appointment, expected_revision, event)
            .await;
        self.after_write(Change::Appointments(appointment.provider), result)
    }

    async fn expired(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        self.inner.expired(now, limit).await
    }
}
