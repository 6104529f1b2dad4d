//! iCalendar (RFC 5545) for appointments: the event of one appointment and the invitations
//! mailed with each change. Shared by the mail composer and the calendar feed.
//!
//! Every appointment is one calendar event for its whole life: its UID is derived from the
//! appointment id ([`uid`]) and its SEQUENCE is the appointment's revision, which every change
//! increments. So Gmail, Outlook and Apple Calendar update the same entry on a reschedule
//! (`METHOD:REQUEST`, higher SEQUENCE) and remove it on a cancellation (`METHOD:CANCEL`). Times
//! are written in UTC (`…Z`), which every client converts to its own zone; DTSTAMP is when the
//! change happened.

use application::AppointmentDetails;
use application::ports::InvitationMethod;
use domain::{AppointmentId, AppointmentStatus, User};
use icalendar::{
    Attendee, Calendar, CalendarComponent, Component, Event, EventLike, EventStatus, PartStat,
    Property, Role,
};

/// The product identifier written into every calendar.
pub const PRODUCT_ID: &str = "-//Book Your Services//Appointments//EN";

/// The stable UID of an appointment's calendar event.
pub fn uid(id: AppointmentId) -> String {
    format!("{id}@book-your-services")
}

/// Who sends invitations: the platform's sender address and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organizer {
    /// The address invitations come from (`noreply@…`).
    pub email: String,
    /// Its display name.
    pub name: String,
}

/// How a calendar shows an appointment in `status`: a request or a hold is tentative, a
/// released hold is as gone as a cancellation.
pub fn event_status(status: AppointmentStatus) -> EventStatus {
    match status {
        AppointmentStatus::Requested | AppointmentStatus::Held => EventStatus::Tentative,
        AppointmentStatus::Confirmed | AppointmentStatus::Completed | AppointmentStatus::NoShow => {
            EventStatus::Confirmed
        }
        AppointmentStatus::Cancelled | AppointmentStatus::Released => EventStatus::Cancelled,
    }
}

/// The calendar event of `details`' appointment as it is after the change, with the reader's
/// own wording (e.g. "Haircut with Ann" and the customer's contact for the provider).
pub fn appointment_event(
    details: &AppointmentDetails,
    entry: &EntryText,
    organizer: &Organizer,
) -> Event {
    let appointment = &details.event.appointment;
    let status = event_status(appointment.status);
    Event::with_uid(&uid(appointment.id))
        .sequence(appointment.revision)
        .timestamp(details.event.at)
        .starts(appointment.session.start())
        .ends(appointment.session.end())
        .summary(&entry.summary)
        .description(&entry.description)
        .url(&details.link)
        .status(status)
        .append_property(
            Property::new("ORGANIZER", format!("mailto:{}", organizer.email))
                .add_parameter("CN", &organizer.name)
                .done(),
        )
        .attendee(attendee(&details.provider))
        .attendee(attendee(&details.customer))
        .done()
}

fn attendee(user: &User) -> Attendee {
    Attendee::new(format!("mailto:{}", user.email))
        .cn(user.name.as_str().to_owned())
        .role(Role::ReqParticipant)
        .partstat(PartStat::Accepted)
}

/// A calendar holding `events`, with `METHOD` when it is an invitation.
pub fn calendar(method: Option<InvitationMethod>, events: Vec<Event>) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", PRODUCT_ID));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    if let Some(method) = method {
        calendar.append_property(Property::new("METHOD", method.as_str()));
    }
    for event in events {
        calendar.push(CalendarComponent::Event(event));
    }
    calendar.done()
}

/// How an entry reads in one person's calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryText {
    /// The title.
    pub summary: String,
    /// The text under it.
    pub description: String,
}

/// The invitation mailed with a change: `METHOD:REQUEST` with the event for new and changed
/// appointments, `METHOD:CANCEL` for cancelled ones.
pub fn invitation(
    details: &AppointmentDetails,
    method: InvitationMethod,
    entry: &EntryText,
    organizer: &Organizer,
) -> String {
    calendar(
        Some(method),
        vec![appointment_event(details, entry, organizer)],
    )
    .to_string()
}
