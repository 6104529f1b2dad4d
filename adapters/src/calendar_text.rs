//! The wording of calendar entries, shared by the Google adapter and the iCalendar feed.

use std::fmt::Write as _;

use application::AppointmentDetails;

/// The entry title in the provider's calendar: "<service> with <customer>".
pub(crate) fn provider_title(details: &AppointmentDetails) -> String {
    format!("{} with {}", details.service.name, details.customer.name)
}

/// The entry title in the customer's calendar: "<service> with <provider>".
pub(crate) fn customer_title(details: &AppointmentDetails) -> String {
    format!("{} with {}", details.service.name, details.provider.name)
}

/// The entry text in the provider's calendar: service, customer contact, note, link.
pub(crate) fn provider_description(details: &AppointmentDetails) -> String {
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
