//! Telling people about appointment changes (email in production).

use async_trait::async_trait;

use super::DeliveryError;
use crate::events::AppointmentEvent;

/// Tells the customer and the provider about an appointment change. Called by the delivery
/// worker for events the stores recorded; must tolerate being called again for the same event
/// after a crash (at-least-once delivery).
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait Notifier: Send + Sync {
    /// Sends the messages for `event`.
    ///
    /// # Errors
    /// [`DeliveryError::Transient`] to be retried, [`DeliveryError::Permanent`] to give up.
    async fn appointment_changed(&self, event: &AppointmentEvent) -> Result<(), DeliveryError>;
}
