//! iCalendar feeds (RFC 5545) that Google Calendar, Outlook and Apple Calendar subscribe to.
//!
//! Times are written in UTC (`DTSTART:20260329T080000Z`), which every client converts to its own
//! zone without needing a `VTIMEZONE`; the owner's zone is only a display hint
//! (`X-WR-TIMEZONE`). UIDs are derived from appointment ids, so an entry keeps its identity
//! across fetches, and `SEQUENCE` is the appointment's revision.

use application::ports::{BackendError, Feed, FeedAudience, FeedRenderer};
use chrono::TimeDelta;
use domain::AppointmentStatus;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::calendar_text;

/// [`FeedRenderer`] writing iCalendar with the `icalendar` crate.
#[derive(Debug, Clone)]
pub struct IcalFeedRenderer {
    uid_domain: String,
}

impl IcalFeedRenderer {
    /// A renderer whose UIDs end in `@uid_domain` (the site's host name, e.g. `bys.example`).
    pub fn new(uid_domain: impl Into<String>) -> Self {
        Self {
            uid_domain: uid_domain.into(),
        }
    }

    /// The stable UID of an appointment's entry.
    pub fn uid(&self, appointment: domain::AppointmentId) -> String {
        format!("{appointment}@{}", self.uid_domain)
    }
}

impl FeedRenderer for IcalFeedRenderer {
    fn render(&self, feed: &Feed) -> Result<String, BackendError> {
        let mut calendar = Calendar::new();
        calendar
            .name(&feed.title)
            .timezone(feed.zone.name())
            .ttl(&TimeDelta::hours(1));
        for details in &feed.entries {
            let appointment = &details.event.appointment;
            let (title, description) = match feed.audience {
                FeedAudience::Provider => (
                    calendar_text::provider_title(details),
                    calendar_text::provider_description(details),
                ),
                FeedAudience::Customer => (
                    calendar_text::customer_title(details),
                    calendar_text::customer_description(details),
                ),
            };
            let status = match appointment.status {
                AppointmentStatus::Requested => EventStatus::Tentative,
                AppointmentStatus::Cancelled => EventStatus::Cancelled,
                AppointmentStatus::Confirmed
                | AppointmentStatus::Completed
                | AppointmentStatus::NoShow => EventStatus::Confirmed,
            };
            calendar.push(
                Event::new()
                    .uid(&self.uid(appointment.id))
                    .timestamp(feed.generated_at)
                    .sequence(appointment.revision)
                    .summary(&title)
                    .description(&description)
                    .starts(appointment.session.start())
                    .ends(appointment.session.end())
                    .status(status)
                    .url(&details.link)
                    .done(),
            );
        }
        let mut out = String::new();
        std::fmt::write(&mut out, format_args!("{}", calendar.done()))
            .map_err(|e| BackendError::from(e.to_string()))?;
        Ok(out)
    }
}
