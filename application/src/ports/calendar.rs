//! Mirroring appointments into providers' calendars (Google, an iCalendar feed, ...).

use async_trait::async_trait;

use super::DeliveryError;
use crate::events::AppointmentDetails;

/// Keeps a provider's external calendar in step with their appointments. Called by the delivery
/// worker ([`crate::deliver_pending::DeliverPending`]) for each recorded change on the
/// [`Calendar`](super::Channel::Calendar) channel, in order per appointment, at least once: an
/// implementation must be idempotent (applying the same change twice leaves one calendar entry,
/// not two; the appointment's `revision` tells which state is newer). A new calendar service is
/// one module implementing this trait.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait CalendarSync: Send + Sync {
    /// Creates, moves or removes the calendar entry of the event's appointment.
    ///
    /// # Errors
    /// [`DeliveryError::Transient`] to be retried, [`DeliveryError::Permanent`] to give up.
    async fn apply(&self, change: &AppointmentDetails) -> Result<(), DeliveryError>;
}
