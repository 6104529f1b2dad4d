//! Mirroring appointments into providers' calendars (Google, an iCalendar feed, ...).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{AppointmentId, Email, User, UserId};

use super::{DeliveryError, RepoError, SourceError};
use crate::events::{AppointmentDetails, ProviderEntry};

/// Keeps a provider's external calendar in step with their appointments. Called by the delivery
/// worker ([`crate::deliver_pending::DeliverPending`]) for each recorded change on the
/// [`Calendar`](super::Channel::Calendar) channel, in order per appointment, at least once: an
/// implementation must be idempotent (applying the same change twice leaves one calendar entry,
/// not two; the appointment's `revision` tells which state is newer). A new calendar service is
/// one module implementing this trait.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait CalendarSync: Send + Sync {
    /// Makes the calendar entry of the change's appointment match the appointment as it is now:
    /// present and current while it is not cancelled, gone once it is. Creates and shares the
    /// provider's calendar first if needed.
    ///
    /// # Errors
    /// [`DeliveryError::Transient`] to be retried, [`DeliveryError::Permanent`] to give up.
    async fn apply(&self, change: &AppointmentDetails) -> Result<(), DeliveryError>;

    /// Brings the provider's calendar and its sharing in line with their account: shared with
    /// their calendar address while they are an active provider, shared with nobody otherwise.
    /// Moving the address moves the share.
    ///
    /// # Errors
    /// As [`CalendarSync::apply`].
    async fn provider_changed(&self, provider: &User) -> Result<(), DeliveryError>;

    /// Deletes the provider's calendar with all its entries and forgets it. Doing so for a
    /// provider without a calendar does nothing.
    ///
    /// # Errors
    /// As [`CalendarSync::apply`].
    async fn remove_calendar(&self, provider: UserId) -> Result<(), DeliveryError>;

    /// An optional capability, for finding calendars no provider is linked to (left behind by
    /// a lost response or a lost database): every calendar the platform's own account owns at
    /// the service, its primary calendar excluded. `None` when the service cannot list them,
    /// which is the default (the feed, no sync).
    ///
    /// # Errors
    /// As [`CalendarSync::apply`].
    async fn owned_calendars(&self) -> Result<Option<Vec<OwnedCalendar>>, DeliveryError> {
        Ok(None)
    }

    /// Deletes the calendar `calendar_id` of the platform's account with all its entries,
    /// whether or not a provider is linked to it (callers check that first); one already gone
    /// counts as deleted. Services that cannot list their calendars cannot delete them either.
    ///
    /// # Errors
    /// As [`CalendarSync::apply`]; by default [`DeliveryError::Permanent`].
    async fn delete_owned_calendar(&self, calendar_id: &str) -> Result<(), DeliveryError> {
        let _ = calendar_id;
        Err(DeliveryError::Permanent(
            "this calendar service cannot delete calendars by id".into(),
        ))
    }

    /// An optional capability, for following what a provider does to our entries in their
    /// calendar ([`crate::follow_calendar_edits`]): the entries of `calendar` that mirror
    /// appointments and changed since `calendar.edits_token`, or, without a token, every such
    /// entry ending after `since`; with the token to start from next time. `None` when the
    /// service's entries are not read back, which is the default.
    ///
    /// # Errors
    /// [`SourceError`]; [`SourceError::TokenExpired`] when the token is no longer accepted
    /// (the caller reads again without one).
    async fn entry_edits(
        &self,
        calendar: &ProviderCalendar,
        since: DateTime<Utc>,
    ) -> Result<Option<EntryEdits>, SourceError> {
        let _ = (calendar, since);
        Ok(None)
    }
}

/// What the calendar service shows now for an entry that mirrors an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryEdit {
    /// The appointment the entry mirrors.
    pub appointment: AppointmentId,
    /// Where the entry starts now; `None` once it was deleted.
    pub start: Option<DateTime<Utc>>,
}

/// What one read of a provider's calendar found among our entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryEdits {
    /// The entries read (changed since the token, or all of them).
    pub entries: Vec<EntryEdit>,
    /// Where the next read starts; `None` when the service gave none.
    pub next_token: Option<String>,
}

/// A calendar that the platform's account owns at the calendar service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedCalendar {
    /// The service's id for it.
    pub id: String,
    /// Its title, as the service shows it.
    pub summary: String,
}

/// A provider's calendar at an external service, and how its last sync went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderCalendar {
    /// Whose calendar.
    pub provider: UserId,
    /// The service's id for the calendar; `None` until it has been created.
    pub calendar_id: Option<String>,
    /// The address the calendar is shared with, if any.
    pub shared_with: Option<Email>,
    /// The service's id for that share, to remove it later.
    pub share_id: Option<String>,
    /// When a sync last succeeded.
    pub last_synced_at: Option<DateTime<Utc>>,
    /// The error of the last sync, if it failed.
    pub last_error: Option<String>,
    /// Where the next read of the provider's changes to our entries starts
    /// ([`CalendarSync::entry_edits`]); `None` reads them all.
    pub edits_token: Option<String>,
}

impl ProviderCalendar {
    /// A calendar not created yet.
    pub const fn new(provider: UserId) -> Self {
        Self {
            provider,
            calendar_id: None,
            shared_with: None,
            share_id: None,
            last_synced_at: None,
            last_error: None,
            edits_token: None,
        }
    }
}

/// Which external calendar entry mirrors an appointment (or a class occurrence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLink {
    /// The appointment; for a class occurrence, its entry key ([`ProviderEntry::key`]).
    pub appointment: AppointmentId,
    /// Its provider (whose calendar holds the entry).
    pub provider: UserId,
    /// The service's id for the entry.
    pub event_id: String,
    /// The appointment revision the entry shows (0 for a class occurrence).
    pub revision: u32,
}

impl EventLink {
    /// The link of `provider`'s entry `event_id` once it shows `entry`.
    pub fn showing(entry: ProviderEntry, provider: UserId, event_id: String) -> Self {
        Self {
            appointment: entry.key,
            provider,
            event_id,
            revision: entry.revision.unwrap_or_default(),
        }
    }

    /// Whether the entry already shows a newer state than `entry` (then it is left alone).
    pub fn shows_newer_than(&self, entry: ProviderEntry) -> bool {
        entry
            .revision
            .is_some_and(|revision| self.revision > revision)
    }
}

/// Remembers which external calendar belongs to which provider and which entry to which
/// appointment, so that adapters update entries instead of adding new ones.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait CalendarLinks: Send + Sync {
    /// The calendar of `provider`, if one was recorded.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn calendar(&self, provider: UserId) -> Result<Option<ProviderCalendar>, RepoError>;

    /// Records `calendar`, replacing what was recorded for its provider.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn save_calendar(&self, calendar: &ProviderCalendar) -> Result<(), RepoError>;

    /// Records where the next read of `provider`'s changes starts, if their calendar is still
    /// `calendar_id` (a calendar created anew starts without a token); other fields stay.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn save_edits_token(
        &self,
        provider: UserId,
        calendar_id: &str,
        token: Option<String>,
    ) -> Result<(), RepoError>;

    /// Forgets the calendar of `provider` and every entry link in it.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn forget_calendar(&self, provider: UserId) -> Result<(), RepoError>;

    /// Every recorded calendar, by provider id.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn calendars(&self) -> Result<Vec<ProviderCalendar>, RepoError>;

    /// The entry mirroring `appointment`, if one was recorded.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn event(&self, appointment: AppointmentId) -> Result<Option<EventLink>, RepoError>;

    /// Records `link`, replacing what was recorded for its appointment.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn save_event(&self, link: &EventLink) -> Result<(), RepoError>;

    /// Forgets the entry of `appointment`; nothing happens if there is none.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn forget_event(&self, appointment: AppointmentId) -> Result<(), RepoError>;
}
