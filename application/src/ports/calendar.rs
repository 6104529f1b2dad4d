//! Mirroring appointments into providers' calendars (Google, an iCalendar feed, ...).

use async_trait::async_trait;

use super::DeliveryError;
use crate::events::AppointmentEvent;

/// Keeps a provider's external calendar in step with their appointments. Implementations must
/// be idempotent: applying the same event twice leaves one calendar entry, not two. A new
/// calendar service is one module implementing this trait.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait CalendarSync: Send + Sync {
    /// Creates, moves or removes the calendar entry of the event's appointment.
    ///
    /// # Errors
    /// [`DeliveryError::Transient`] to be retried, [`DeliveryError::Permanent`] to give up.
    async fn apply(&self, event: &AppointmentEvent) -> Result<(), DeliveryError>;
}
