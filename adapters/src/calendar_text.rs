//! The wording of calendar entries, shared by the calendar adapters, the iCalendar feed and
//! mail invitations, in the language of the calendar's owner (catalogue `calendar.ftl`).

use std::fmt::Write as _;

use application::{AppointmentDetails, ClassRoster};
use domain::{Language, User};
use fluent_templates::fluent_bundle::FluentValue;

use crate::catalogue;

/// Entry text in one language.
struct Words(Language);

impl Words {
    fn of(reader: &User) -> Self {
        Self(catalogue::language_of(reader))
    }

    fn say<const N: usize>(&self, key: &str, args: [catalogue::Arg; N]) -> String {
        catalogue::text_with(&self.0, key, args)
    }

    /// `person` as the calendar's owner reads them named.
    fn name_of(&self, person: &User) -> FluentValue<'static> {
        FluentValue::from(catalogue::name_of(&self.0, person))
    }
}

fn value(text: &dyn std::fmt::Display) -> FluentValue<'static> {
    FluentValue::from(text.to_string())
}

/// The entry title in the provider's calendar: "<service> with <customer>", or for a class
/// occurrence "<service>: <n> of <places> places booked".
pub(crate) fn provider_title(details: &AppointmentDetails) -> String {
    let words = Words::of(&details.provider);
    match &details.roster {
        Some(roster) => words.say(
            "calendar-title-class",
            [
                ("service", value(&details.service.name)),
                ("booked", FluentValue::from(roster.attendees.len())),
                (
                    "places",
                    FluentValue::from(details.service.capacity.places()),
                ),
            ],
        ),
        None => title(&words, details, &details.customer),
    }
}

/// The entry title in the customer's calendar: "<service> with <provider>".
pub(crate) fn customer_title(details: &AppointmentDetails) -> String {
    title(&Words::of(&details.customer), details, &details.provider)
}

fn title(words: &Words, details: &AppointmentDetails, other: &User) -> String {
    words.say(
        "calendar-title",
        [
            ("service", value(&details.service.name)),
            ("name", words.name_of(other)),
        ],
    )
}

/// The entry text in the provider's calendar: service, customer contact, note, link; for a
/// class occurrence, the service and every attendee's contact.
pub(crate) fn provider_description(details: &AppointmentDetails) -> String {
    let words = Words::of(&details.provider);
    if let Some(roster) = &details.roster {
        return class_description(&words, details, roster);
    }
    let customer = &details.customer;
    let mut lines = vec![
        service_line(&words, details),
        words.say("calendar-customer", [("name", words.name_of(customer))]),
        words.say("calendar-email", [("email", value(&customer.email))]),
    ];
    if let Some(phone) = &customer.phone {
        lines.push(words.say("calendar-phone", [("phone", value(&phone.as_str()))]));
    }
    finish(&words, lines, details)
}

/// The entry text in the customer's calendar: service, provider, note, link.
pub(crate) fn customer_description(details: &AppointmentDetails) -> String {
    let words = Words::of(&details.customer);
    let lines = vec![
        service_line(&words, details),
        words.say(
            "calendar-with",
            [("name", words.name_of(&details.provider))],
        ),
    ];
    finish(&words, lines, details)
}

fn service_line(words: &Words, details: &AppointmentDetails) -> String {
    words.say(
        "calendar-service",
        [("service", value(&details.service.name))],
    )
}

fn class_description(words: &Words, details: &AppointmentDetails, roster: &ClassRoster) -> String {
    let mut text = format!(
        "{}\n{}\n",
        service_line(words, details),
        words.say("calendar-attendees", [])
    );
    for attendee in &roster.attendees {
        let _ = write!(text, "- {} <{}>", attendee.name, attendee.email);
        if let Some(phone) = &attendee.phone {
            let _ = write!(text, ", {}", phone.as_str());
        }
        text.push('\n');
    }
    text
}

fn finish(words: &Words, mut lines: Vec<String>, details: &AppointmentDetails) -> String {
    let appointment = &details.event.appointment;
    if appointment.status == domain::AppointmentStatus::Requested {
        lines.push(words.say("calendar-requested", []));
    }
    if let Some(note) = &appointment.note {
        lines.push(words.say("calendar-note", [("note", value(note))]));
    }
    lines.push(words.say("calendar-details", [("link", value(&details.link))]));
    lines.join("\n")
}
