//! The wording of calendar entries, shared by the Google adapter and the iCalendar feed.

use std::fmt::Write as _;

use application::{AppointmentDetails, ClassRoster};

/// The entry title in the provider's calendar: "<service> with <customer>", or for a class
/// occurrence "<service>: <n> of <places> places booked".
pub(crate) fn provider_title(details: &AppointmentDetails) -> String {
    match &details.roster {
        Some(roster) => format!(
            "{}: {} of {} places booked",
            details.service.name,
            roster.attendees.len(),
            details.service.capacity.places()
        ),
        None => format!("{} with {}", details.service.name, details.customer.name),
    }
}

/// The entry title in the customer's calendar: "<service> with <provider>".
pub(crate) fn customer_title(details: &AppointmentDetails) -> String {
    format!("{} with {}", details.service.name, details.provider.name)
}

/// The entry text in the provider's calendar: service, customer contact, note, link; for a
/// class occurrence, the service and every attendee's contact.
pub(crate) fn provider_description(details: &AppointmentDetails) -> String {
    if let Some(roster) = &details.roster {
        return class_description(details, roster);
    }
    let customer = &details.customer;
    let mut text = format!(
        "Service: {}\nCustomer: {}\nEmail: {}\n",
        details.service.name, customer.name, customer.email
    );
    if let Some(phone) = &customer.phone {
        let _ = writeln!(text, "Phone: {}", phone.as_str());
    }
    finish(&mut text, details);
    text
}

/// The entry text in the customer's calendar: service, provider, note, link.
pub(crate) fn customer_description(details: &AppointmentDetails) -> String {
    let mut text = format!(
        "Service: {}\nWith: {}\n",
        details.service.name, details.provider.name
    );
    finish(&mut text, details);
    text
}

fn class_description(details: &AppointmentDetails, roster: &ClassRoster) -> String {
    let mut text = format!("Service: {}\nAttendees:\n", details.service.name);
    for attendee in &roster.attendees {
        let _ = write!(text, "- {} <{}>", attendee.name, attendee.email);
        if let Some(phone) = &attendee.phone {
            let _ = write!(text, ", {}", phone.as_str());
        }
        text.push('\n');
    }
    text
}

fn finish(text: &mut String, details: &AppointmentDetails) {
    let appointment = &details.event.appointment;
    if appointment.status == domain::AppointmentStatus::Requested {
        text.push_str("Status: waiting for the provider to confirm\n");
    }
    if let Some(note) = &appointment.note {
        let _ = writeln!(text, "Note: {note}");
    }
    let _ = write!(text, "Details: {}", details.link);
}
