//! Mail end to end: appointment changes recorded by the stores, delivered by the worker through
//! the real SMTP adapter to a real SMTP server process on loopback, checked as received
//! (recipients, subjects, times in each recipient's zone, invitations parsed with an iCalendar
//! parser). Also mail server outages, worker restarts, reminders on a test clock, and the
//! account mails of the whole app (the welcome mail and its verification link).

mod account_mails;
mod appointment_mails;
mod outage;
mod reminders;
mod series_mails;
pub mod smtp_server;
mod world;

use icalendar::{Calendar, CalendarComponent, Component, Event};

use self::smtp_server::ReceivedMail;

/// The invitation of `mail`, parsed: its calendar and its one event. The inline part and the
/// `invite.ics` attachment must be the same calendar.
fn invitation(mail: &ReceivedMail) -> (Calendar, Event) {
    let ics = mail
        .calendar
        .as_ref()
        .expect("an inline text/calendar part");
    assert_eq!(
        mail.attachment.as_ref(),
        Some(ics),
        "the attachment differs"
    );
    let calendar: Calendar = ics.parse().expect("a calendar that parses");
    assert_eq!(
        calendar.property_value("METHOD"),
        mail.calendar_method.as_deref(),
        "METHOD inside and the part's method parameter differ"
    );
    let mut events = calendar.components.iter().filter_map(|c| match c {
        CalendarComponent::Event(e) => Some(e.clone()),
        _ => None,
    });
    let event = events.next().expect("one VEVENT");
    assert!(events.next().is_none(), "more than one VEVENT");
    assert!(event.get_timestamp().is_some(), "no DTSTAMP");
    (calendar, event)
}

/// The mails received for `address`, in arrival order.
fn to(received: &[ReceivedMail], address: &str) -> Vec<ReceivedMail> {
    received
        .iter()
        .filter(|m| m.rcpt_tos == [address.to_owned()])
        .cloned()
        .collect()
}
