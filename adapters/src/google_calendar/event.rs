//! The Google event that mirrors an appointment, and its deterministic id.

use application::AppointmentDetails;
use domain::AppointmentId;
use std::collections::HashMap;

use google_calendar3::api::{Event, EventDateTime, EventExtendedProperties, EventSource};

use super::edits::APPOINTMENT_PROPERTY;
use crate::calendar_text;

/// Google's event id for an appointment: the appointment's 128-bit id in lower-case base32hex
/// (digits and `a`–`v`, 26 characters), the alphabet Google allows for client-chosen ids. The
/// same appointment always gets the same id, which makes inserts safe to repeat.
pub fn event_id(appointment: AppointmentId) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
    let mut bits = appointment.as_uuid().as_u128();
    let mut id = vec![0_u8; 26];
    // 26 digits of 5 bits hold 130 bits; the top digit holds the 3 highest bits.
    for digit in id.iter_mut().rev() {
        *digit = ALPHABET[usize::try_from(bits & 31).unwrap_or_default()];
        bits >>= 5;
    }
    String::from_utf8(id).unwrap_or_default()
}

/// The event body for `change` under id `id`: title, text, session in the provider's zone, and
/// the appointment's id as a private extended property (read back by [`super::edits`]). A class
/// occurrence's entry carries no appointment id: changes to it in the calendar are not followed.
pub(super) fn body(change: &AppointmentDetails, id: &str) -> Event {
    let appointment = &change.event.appointment;
    let zone = change.provider.zone.name().to_owned();
    let at = |instant| EventDateTime {
        date_time: Some(instant),
        time_zone: Some(zone.clone()),
        ..EventDateTime::default()
    };
    Event {
        id: Some(id.to_owned()),
        summary: Some(calendar_text::provider_title(change)),
        description: Some(calendar_text::provider_description(change)),
        start: Some(at(appointment.session.start())),
        end: Some(at(appointment.session.end())),
        status: Some(
            if change.provider_entry().tentative {
                "tentative"
            } else {
                "confirmed"
            }
            .to_owned(),
        ),
        source: Some(EventSource {
            title: Some("Book Your Services".to_owned()),
            url: Some(change.link.clone()),
        }),
        extended_properties: change.roster.is_none().then(|| EventExtendedProperties {
            private: Some(HashMap::from([(
                APPOINTMENT_PROPERTY.to_owned(),
                appointment.id.to_string(),
            )])),
            shared: None,
        }),
        ..Event::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn event_ids_are_base32hex_and_differ_per_appointment() {
        let a = event_id(AppointmentId::from_uuid(Uuid::from_u128(1)));
        let b = event_id(AppointmentId::from_uuid(Uuid::from_u128(u128::MAX)));
        assert_eq!(a, "00000000000000000000000001");
        assert_eq!(b, "7vvvvvvvvvvvvvvvvvvvvvvvvv");
        assert!(
            b.bytes()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'v').contains(&c))
        );
    }
}
