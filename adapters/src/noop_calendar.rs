//! The calendar sync used when no calendar service is configured: nothing is pushed, and
//! providers subscribe to their iCalendar feed instead ([`crate::ical_feed`]).

use application::AppointmentDetails;
use application::ports::{CalendarSync, DeliveryError};
use async_trait::async_trait;
use domain::{User, UserId};

/// [`CalendarSync`] that does nothing and always succeeds, so calendar deliveries complete at
/// once when the feed is the only calendar.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoopCalendarSync;

#[async_trait]
impl CalendarSync for NoopCalendarSync {
    async fn apply(&self, _change: &AppointmentDetails) -> Result<(), DeliveryError> {
        Ok(())
    }

    async fn provider_changed(&self, _provider: &User) -> Result<(), DeliveryError> {
        Ok(())
    }

    async fn remove_calendar(&self, _provider: UserId) -> Result<(), DeliveryError> {
        Ok(())
    }
}
