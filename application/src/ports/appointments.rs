//! Appointments, their busy time, and the events recorded with each change.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, Capacity, Occurrence, OccurrenceSeats, SeriesId,
    TimeRange, UserId,
};

use super::{Page, PageRequest, RepoError};
use crate::events::AppointmentEvent;

/// A client-chosen key that makes a retried booking return the first result instead of
/// booking twice. Unique per customer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A key of 1 to 100 visible ASCII characters.
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = (1..=100).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_graphic());
        ok.then(|| Self(raw.to_owned()))
    }

    /// The key.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Which side of now an appointment list covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Sessions ending after the instant, soonest first.
    UpcomingAfter(DateTime<Utc>),
    /// Sessions ended by the instant, latest first.
    PastBefore(DateTime<Utc>),
    /// Sessions overlapping a range, soonest first.
    Within(TimeRange),
}

/// Whose appointments to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppointmentFilter {
    /// Only appointments booked by this customer.
    pub customer: Option<UserId>,
    /// Only appointments with this provider.
    pub provider: Option<UserId>,
    /// Which period.
    pub period: Period,
    /// Only appointments in this status.
    pub status: Option<AppointmentStatus>,
    /// At most this many.
    pub limit: u32,
}

/// Which appointments the staff list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AppointmentQuery {
    /// Only appointments with this provider.
    pub provider: Option<UserId>,
    /// Only appointments booked by this customer.
    pub customer: Option<UserId>,
    /// Only appointments in this status.
    pub status: Option<AppointmentStatus>,
    /// Only sessions starting within this range.
    pub starting: Option<TimeRange>,
    /// Which page.
    pub page: PageRequest,
}

/// One lifecycle change of a series written with the others: the changed appointment, the
/// revision it was read at, and its event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesChange {
    /// The appointment after the change.
    pub appointment: Appointment,
    /// The stored revision the change was made from.
    pub expected_revision: u32,
    /// The change's event.
    pub event: AppointmentEvent,
}

/// Why a series was not inserted; nothing of it was.
#[derive(Debug, thiserror::Error)]
pub enum SeriesInsertError {
    /// The occurrence at this index (from 0) overlaps another active appointment of the
    /// provider (or repeats an id).
    #[error("occurrence {} conflicts with an existing appointment", .occurrence + 1)]
    Conflict {
        /// Its index in the slice passed.
        occurrence: usize,
    },
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Why a seat was not inserted; nothing was.
#[derive(Debug, thiserror::Error)]
pub enum SeatInsertError {
    /// Every seat of the occurrence is booked.
    #[error("the class is full")]
    Full,
    /// Storage failed, or (as [`RepoError::Conflict`]) the seat overlaps an appointment that
    /// is not a seat of its occurrence, or the customer already used the key.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Stores appointments. The store has the last word on overlaps: two active appointments of one
/// provider never have overlapping blocked ranges, whatever the concurrency (a database
/// constraint or serialized writes, not a prior read). Every write records its event in the same
/// transaction, together with one pending delivery per channel the event concerns
/// ([`Channel::for_change`](super::Channel::for_change)), for the
/// [`DeliveryQueue`](super::DeliveryQueue) to hand out: a committed change always has its
/// notifications pending.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait AppointmentStore: Send + Sync {
    /// Adds a new appointment and its `Booked` event; with `key`, remembers it for retries.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when its blocked range overlaps another active appointment of the
    /// provider, or the customer already used `key`.
    async fn insert(
        &self,
        appointment: &Appointment,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError>;

    /// Adds `seat`, an appointment of a class with `capacity` places, as one seat of its
    /// occurrence ([`Occurrence::of`]), with its `Booked` event; with `key`, remembers it for
    /// retries. The store counts the occurrence's active seats and inserts in one step that no
    /// other write of the provider's appointments interleaves with, so concurrent bookings never
    /// exceed `capacity`. A seat's blocked range may overlap the other seats of its occurrence,
    /// nothing else; moving it later makes it an appointment of its own.
    ///
    /// # Errors
    /// [`SeatInsertError::Full`] when `capacity` seats are active, otherwise as
    /// [`AppointmentStore::insert`].
    async fn insert_seat(
        &self,
        seat: &Appointment,
        capacity: Capacity,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), SeatInsertError>;

    /// `provider`'s class occurrences with active seats whose blocked time overlaps `range`,
    /// by start.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn occurrences(
        &self,
        provider: UserId,
        range: TimeRange,
    ) -> Result<Vec<OccurrenceSeats>, RepoError>;

    /// The active seats of `occurrence`, in the order they were booked.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn seats(&self, occurrence: Occurrence) -> Result<Vec<Appointment>, RepoError>;

    /// Adds the occurrences of a series, each with its `Booked` event (and its deliveries), in
    /// one transaction: afterwards either all of them exist or none does. The no-overlap
    /// guarantee decides for each occurrence as for [`AppointmentStore::insert`]. With `key`,
    /// the first occurrence remembers it for retries, as [`AppointmentStore::insert`] does.
    ///
    /// # Errors
    /// [`SeriesInsertError::Conflict`] naming the first occurrence refused (the first, when the
    /// customer already used `key`), otherwise [`SeriesInsertError::Store`].
    async fn insert_series(
        &self,
        occurrences: &[(Appointment, AppointmentEvent)],
        key: Option<IdempotencyKey>,
    ) -> Result<(), SeriesInsertError>;

    /// Applies several lifecycle changes (of one provider's appointments) in one transaction,
    /// each as [`AppointmentStore::update`] would: all or none.
    ///
    /// # Errors
    /// As [`AppointmentStore::update`], for the first change refused.
    async fn update_series(&self, changes: &[SeriesChange]) -> Result<(), RepoError>;

    /// The occurrences of series `id`, soonest session first.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn series(&self, id: SeriesId) -> Result<Vec<Appointment>, RepoError>;

    /// Replaces an appointment changed by a lifecycle step and records `event`, provided the
    /// stored revision is still `expected_revision`.
    ///
    /// # Errors
    /// [`RepoError::Stale`] when the revision moved on, [`RepoError::Conflict`] when a moved
    /// blocked range overlaps another active appointment, [`RepoError::NotFound`].
    async fn update(
        &self,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError>;

    /// The appointment with `id`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: AppointmentId) -> Result<Option<Appointment>, RepoError>;

    /// The appointment `customer` booked with `key`, if any.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_idempotency_key(
        &self,
        customer: UserId,
        key: &IdempotencyKey,
    ) -> Result<Option<Appointment>, RepoError>;

    /// Blocked ranges of `provider`'s active appointments overlapping `range`, sorted by start.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError>;

    /// Appointments matching `filter`, in the order its period names.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn list(&self, filter: AppointmentFilter) -> Result<Vec<Appointment>, RepoError>;

    /// Confirmed appointments whose session starts within `window` and that have no reminder
    /// recorded for that start, soonest first, at most `limit`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn due_reminders(
        &self,
        window: TimeRange,
        limit: u32,
    ) -> Result<Vec<Appointment>, RepoError>;

    /// Records `event` (a [`ChangeKind::Reminder`](crate::ChangeKind::Reminder) of the
    /// appointment as read by [`AppointmentStore::due_reminders`]) with its deliveries, provided
    /// the stored appointment is still confirmed at the event's revision and no reminder was
    /// recorded for its current start. Returns whether it recorded; of concurrent calls for one
    /// appointment, one records. A reschedule makes a new reminder due for the new start.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn record_reminder(&self, event: &AppointmentEvent) -> Result<bool, RepoError>;

    /// The page of appointments matching `query`, latest session start first (then by id),
    /// with the total count of matches.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn search(&self, query: &AppointmentQuery) -> Result<Page<Appointment>, RepoError>;
}
