//! The Graph event that mirrors an appointment.

use application::AppointmentDetails;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::calendar_text;

/// The event body for `change`: title, text, session in UTC (Outlook shows it in the reader's
/// zone), `tentative` while the provider has not confirmed (a class occurrence is `busy`).
pub(super) fn body(change: &AppointmentDetails) -> Value {
    let appointment = &change.event.appointment;
    let at = |instant: DateTime<Utc>| json!({ "dateTime": instant.format("%Y-%m-%dT%H:%M:%S").to_string(), "timeZone": "UTC" });
    json!({
        "subject": calendar_text::provider_title(change),
        "body": { "contentType": "text", "content": calendar_text::provider_description(change) },
        "start": at(appointment.session.start()),
        "end": at(appointment.session.end()),
        "showAs": if change.provider_entry().tentative { "tentative" } else { "busy" },
        "isReminderOn": false,
    })
}

/// [`body`] for creating the event: with the entry's key as `transactionId`, so that Graph
/// answers a repeated create (after a lost response) with the event it already made.
pub(super) fn new_body(change: &AppointmentDetails) -> Value {
    let mut body = body(change);
    body["transactionId"] = json!(change.provider_entry().key.as_uuid().to_string());
    body
}
