//! iCalendar feeds (RFC 5545) that Google Calendar, Outlook and Apple Calendar subscribe to.
//!
//! Built with the shared [`crate::ical`] module: the same UID as the invitations mailed for the
//! appointment (stable across fetches), `SEQUENCE` = the appointment's revision, times in UTC
//! (`DTSTART:20260329T080000Z`), which every client converts to its own zone without needing a
//! `VTIMEZONE`; the owner's zone is only a display hint (`X-WR-TIMEZONE`). Unlike invitations,
//! feed entries carry no organizer or attendees: the feed is a read-only view. A provider's
//! class occurrence is one entry under its occurrence key, listing the attendees in its text.

use application::ports::{BackendError, Feed, FeedAudience, FeedRenderer};
use chrono::TimeDelta;
use icalendar::{Component, Event, EventLike, EventStatus};

use crate::{calendar_text, ical};

/// [`FeedRenderer`] writing iCalendar with the `icalendar` crate.
#[derive(Debug, Clone, Copy, Default)]
pub struct IcalFeedRenderer;

impl FeedRenderer for IcalFeedRenderer {
    fn render(&self, feed: &Feed) -> Result<String, BackendError> {
        let mut events = Vec::with_capacity(feed.entries.len());
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
            // A provider's class is as its roster says; anything else as its appointment.
            let entry = details.provider_entry();
            let status = match (&details.roster, entry.gone) {
                (Some(_), true) => EventStatus::Cancelled,
                (Some(_), false) => EventStatus::Confirmed,
                (None, _) => ical::event_status(appointment.status),
            };
            events.push(
                Event::with_uid(&ical::uid(entry.key))
                    .timestamp(feed.generated_at)
                    .sequence(entry.revision.unwrap_or_default())
                    .summary(&title)
                    .description(&description)
                    .starts(appointment.session.start())
                    .ends(appointment.session.end())
                    .status(status)
                    .url(&details.link)
                    .done(),
            );
        }
        let mut calendar = ical::calendar(None, events);
        calendar
            .name(&feed.title)
            .timezone(feed.zone.name())
            .ttl(&TimeDelta::hours(1));
        let mut out = String::new();
        std::fmt::write(&mut out, format_args!("{}", calendar.done()))
            .map_err(|e| BackendError::from(e.to_string()))?;
        Ok(out)
    }
}
