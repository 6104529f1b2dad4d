//! The waitlist: customers waiting for a place of a service in a window, first come first
//! served, and the holds offered to them.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, Capacity, ServiceId, UserId, WaitWindow, WaitlistEntryId,
};

use super::RepoError;
use crate::events::AppointmentEvent;

/// Where an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryState {
    /// Waiting for a place.
    Waiting,
    /// A place is held for the customer ([`WaitlistEntry::hold`]).
    Offered,
    /// The customer accepted the hold: it is a booking now.
    Booked,
    /// The hold was declined or expired.
    Released,
    /// The customer left the waitlist.
    Left,
}

impl EntryState {
    /// The stable lower-case name used in storage.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Offered => "offered",
            Self::Booked => "booked",
            Self::Released => "released",
            Self::Left => "left",
        }
    }

    /// The state named `name` by [`EntryState::as_str`].
    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Waiting,
            Self::Offered,
            Self::Booked,
            Self::Released,
            Self::Left,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }

    /// Waiting or holding an offer: the entry still counts as the customer's one place in line.
    pub const fn is_open(self) -> bool {
        matches!(self, Self::Waiting | Self::Offered)
    }
}

/// The place held for an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hold {
    /// The held appointment ([`domain::AppointmentStatus::Held`] until answered).
    pub appointment: AppointmentId,
    /// Until when it is held.
    pub expires_at: DateTime<Utc>,
}

/// One customer waiting for a place of one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitlistEntry {
    /// Its id.
    pub id: WaitlistEntryId,
    /// The service waited for.
    pub service: ServiceId,
    /// Its provider.
    pub provider: UserId,
    /// Who waits.
    pub customer: UserId,
    /// When they can come.
    pub window: WaitWindow,
    /// When they joined: the order places are offered in.
    pub joined_at: DateTime<Utc>,
    /// Where the entry is.
    pub state: EntryState,
    /// The place offered, once one was.
    pub hold: Option<Hold>,
}

/// Why a hold was not offered; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum OfferError {
    /// The time is taken (overlap) or the class is full.
    #[error("the place is taken")]
    Taken,
    /// The entry is no longer waiting.
    #[error("the entry is no longer waiting")]
    NotWaiting,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Stores the waitlist. Offers and their answers change the entry and the held appointment in
/// one transaction, under the same no-overlap guarantee and seat count as bookings: a held
/// appointment blocks its time, so a freed place is held for one entry at most, and an entry
/// holds at most one place.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait WaitlistStore: Send + Sync {
    /// Adds `entry` (waiting).
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when its customer has an open entry for the service already.
    async fn join(&self, entry: &WaitlistEntry) -> Result<(), RepoError>;

    /// Takes entry `id` off the waitlist if it is still waiting; returns whether it was.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn leave(&self, id: WaitlistEntryId) -> Result<bool, RepoError>;

    /// Entry `id`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: WaitlistEntryId) -> Result<Option<WaitlistEntry>, RepoError>;

    /// The entry whose hold is appointment `id`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_hold(&self, id: AppointmentId) -> Result<Option<WaitlistEntry>, RepoError>;

    /// The open entries of `customer`, in the order they joined.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn of_customer(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError>;

    /// Every entry of `customer`, closed ones included, in the order they joined (for the
    /// export of their data).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn history_of(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError>;

    /// The open entries for `provider`'s services, in the order they joined.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn of_provider(&self, provider: UserId) -> Result<Vec<WaitlistEntry>, RepoError>;

    /// Waiting entries whose window has not ended by `now`, in the order they joined, at most
    /// `limit`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn waiting(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError>;

    /// Offers `hold` (a [`domain::AppointmentStatus::Held`] appointment of entry `id`'s
    /// customer and service; a seat when `capacity` is a class) to entry `id` until
    /// `expires_at`, recording `event` with its deliveries, in one transaction: the hold is
    /// inserted under the no-overlap guarantee (and, for a class, counted with the occurrence's
    /// seats), and the entry moves from waiting to offered.
    ///
    /// # Errors
    /// [`OfferError::Taken`], [`OfferError::NotWaiting`] or [`OfferError::Store`].
    async fn offer(
        &self,
        id: WaitlistEntryId,
        hold: &Appointment,
        capacity: Capacity,
        expires_at: DateTime<Utc>,
        event: &AppointmentEvent,
    ) -> Result<(), OfferError>;

    /// Settles entry `id`'s hold: writes `appointment` (accepted, so booked, or released) as
    /// [`AppointmentStore::update`](super::AppointmentStore::update) does at
    /// `expected_revision` with `event`, and moves the entry from offered to booked or
    /// released, in one transaction.
    ///
    /// # Errors
    /// [`RepoError::Stale`] when the hold or the entry moved on meanwhile (someone else settled
    /// it), otherwise as `update`.
    async fn settle(
        &self,
        id: WaitlistEntryId,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError>;

    /// Offered entries whose hold expired by `now`, oldest expiry first, at most `limit`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn expired(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError>;
}
