//! Reading back the entries we keep in a provider's calendar
//! ([`CalendarSync::entry_edits`](application::ports::CalendarSync::entry_edits)), so that a
//! provider who deletes or moves one in Google is heard: incremental `events.list` with a sync
//! token, every page, deleted events included (`showDeleted`); without a token, every entry
//! ending after the given instant. Each entry names its appointment in the private extended
//! property [`APPOINTMENT_PROPERTY`]; a deleted event may come back with its id alone, which
//! is the appointment's id in base32hex ([`super::event_id`]). Events the provider added
//! themselves name no appointment and are skipped.

use application::ports::{EntryEdit, EntryEdits, ProviderCalendar};
use chrono::{DateTime, Utc};
use domain::{AppointmentId, Zone};
use google_calendar3::api::Event;
use uuid::Uuid;

use super::GoogleCalendarSync;
use super::busy::{ListFrom, instant};
use super::errors::CallError;

/// The private extended property holding the appointment id on every event we write.
pub const APPOINTMENT_PROPERTY: &str = "bysAppointment";

/// The appointment an event id of ours stands for (the inverse of [`super::event_id`]).
fn appointment_of_id(id: &str) -> Option<AppointmentId> {
    if id.len() != 26 {
        return None;
    }
    let mut bits: u128 = 0;
    for (i, c) in id.bytes().enumerate() {
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'v' => c - b'a' + 10,
            _ => return None,
        };
        // The top digit holds only the 3 highest of the 128 bits.
        if i == 0 && digit > 7 {
            return None;
        }
        bits = (bits << 5) | u128::from(digit);
    }
    Some(AppointmentId::from_uuid(Uuid::from_u128(bits)))
}

/// The entry `event` is, if it mirrors an appointment.
fn entry(event: &Event, zone: Zone) -> Option<EntryEdit> {
    let property = event
        .extended_properties
        .as_ref()
        .and_then(|p| p.private.as_ref())
        .and_then(|p| p.get(APPOINTMENT_PROPERTY))
        .and_then(|id| id.parse().ok());
    let appointment = property.or_else(|| appointment_of_id(event.id.as_deref()?))?;
    let start = if event.status.as_deref() == Some("cancelled") {
        None
    } else {
        Some(instant(event.start.as_ref(), zone)?)
    };
    Some(EntryEdit { appointment, start })
}

impl GoogleCalendarSync {
    /// `events.list` of the provider's calendar from its edits token, or from `since` without
    /// one.
    pub(super) async fn read_entries(
        &self,
        calendar: &ProviderCalendar,
        calendar_id: &str,
        since: DateTime<Utc>,
    ) -> Result<EntryEdits, CallError> {
        let from = match &calendar.edits_token {
            Some(token) => ListFrom::Token(token),
            None => ListFrom::Span(since, None),
        };
        let listed = self
            .list_events(calendar_id, calendar.provider, from, true)
            .await?;
        Ok(EntryEdits {
            entries: listed
                .events
                .iter()
                .filter_map(|(event, zone)| entry(event, *zone))
                .collect(),
            next_token: listed.sync_token,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    use google_calendar3::api::{EventDateTime, EventExtendedProperties};

    #[test]
    fn an_event_id_of_ours_gives_its_appointment_back() {
        for n in [0, 1, 42, u128::MAX, u128::MAX / 3] {
            let appointment = AppointmentId::from_uuid(Uuid::from_u128(n));
            assert_eq!(
                appointment_of_id(&super::super::event_id(appointment)),
                Some(appointment)
            );
        }
        for foreign in [
            "",
            "abc",
            "8vvvvvvvvvvvvvvvvvvvvvvvvv",
            "0000000000000000000000000w",
        ] {
            assert_eq!(appointment_of_id(foreign), None, "{foreign}");
        }
    }

    #[test]
    fn entries_are_read_from_the_property_or_the_id_and_deleted_ones_have_no_start() {
        let appointment = AppointmentId::from_uuid(Uuid::from_u128(7));
        let start = "2030-06-03T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let moved = Event {
            id: Some("someothercopy".to_owned()),
            start: Some(EventDateTime {
                date_time: Some(start),
                ..EventDateTime::default()
            }),
            extended_properties: Some(EventExtendedProperties {
                private: Some(HashMap::from([(
                    APPOINTMENT_PROPERTY.to_owned(),
                    appointment.to_string(),
                )])),
                shared: None,
            }),
            ..Event::default()
        };
        assert_eq!(
            entry(&moved, Zone::UTC),
            Some(EntryEdit {
                appointment,
                start: Some(start)
            })
        );
        let deleted = Event {
            id: Some(super::super::event_id(appointment)),
            status: Some("cancelled".to_owned()),
            ..Event::default()
        };
        assert_eq!(
            entry(&deleted, Zone::UTC),
            Some(EntryEdit {
                appointment,
                start: None
            })
        );
        let own = Event {
            id: Some("dentist".to_owned()),
            start: moved.start.clone(),
            ..Event::default()
        };
        assert_eq!(entry(&own, Zone::UTC), None);
    }
}
