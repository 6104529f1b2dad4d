//! The JSON bodies of webhook messages, version 1: `{"type", "timestamp", "version", "data"}`
//! (the Standard Webhooks payload shape). A change to `data` that could break a receiver gets a
//! new `version`.

use chrono::{DateTime, SecondsFormat, Utc};
use domain::{Note, Service, WebhookEndpointId, WebhookEvent};
use serde_json::{Value, json};

use crate::events::{AppointmentDetails, ChangeKind};
use crate::ports::WebhookNotice;

/// The payload version these bodies follow.
pub const PAYLOAD_VERSION: u32 = 1;

/// The webhook event of an appointment change; `None` for reminders, which are not published.
pub const fn appointment_event(kind: &ChangeKind) -> Option<WebhookEvent> {
    match kind {
        ChangeKind::Booked => Some(WebhookEvent::AppointmentBooked),
        ChangeKind::Confirmed => Some(WebhookEvent::AppointmentConfirmed),
        ChangeKind::Rescheduled { .. } => Some(WebhookEvent::AppointmentMoved),
        ChangeKind::Cancelled { .. } => Some(WebhookEvent::AppointmentCancelled),
        ChangeKind::Completed => Some(WebhookEvent::AppointmentCompleted),
        ChangeKind::NoShow => Some(WebhookEvent::AppointmentNoShow),
        ChangeKind::Reminder | ChangeKind::HoldOffered { .. } | ChangeKind::HoldReleased => None,
    }
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn body(event: WebhookEvent, at: DateTime<Utc>, data: &Value) -> String {
    json!({
        "type": event.as_str(),
        "timestamp": rfc3339(at),
        "version": PAYLOAD_VERSION,
        "data": data,
    })
    .to_string()
}

/// The body telling of the appointment change in `details`, with its event; `None` when the
/// change is not published.
pub fn appointment_body(details: &AppointmentDetails) -> Option<(WebhookEvent, String)> {
    let event = appointment_event(&details.event.kind)?;
    let a = &details.event.appointment;
    let mut data = json!({
        "appointment_id": a.id.to_string(),
        "status": a.status.as_str(),
        "start": rfc3339(a.session.start()),
        "end": rfc3339(a.session.end()),
        "service": {"id": a.service.to_string(), "name": details.service.name.as_str()},
        "provider": {"id": a.provider.to_string(), "name": details.provider.name.as_str()},
        "customer": {"id": a.customer.to_string(), "name": details.customer.name.as_str()},
        "link": details.link,
    });
    match &details.event.kind {
        ChangeKind::Rescheduled { from } => {
            data["previous_start"] = json!(rfc3339(from.start()));
            data["previous_end"] = json!(rfc3339(from.end()));
        }
        ChangeKind::Cancelled { by, reason } => {
            data["cancelled_by"] = json!(by.as_str());
            data["reason"] = json!(reason.as_ref().map(Note::as_str));
        }
        _ => {}
    }
    Some((event, body(event, details.event.at, &data)))
}

/// The notice that `service` was created, updated or deactivated (`event`) at `at`.
pub fn service_notice(service: &Service, event: WebhookEvent, at: DateTime<Utc>) -> WebhookNotice {
    let data = json!({
        "service_id": service.id.to_string(),
        "provider_id": service.provider.to_string(),
        "name": service.name.as_str(),
        "category_id": service.category.map(|c| c.to_string()),
        "duration_minutes": service.timing.duration.minutes(),
        "price": {
            "amount": service.price.amount(),
            "currency": service.price.currency_code(),
        },
        "active": service.active,
    });
    WebhookNotice {
        provider: service.provider,
        event,
        body: body(event, at, &data),
        at,
    }
}

/// The body of a test message to `endpoint`.
pub fn ping_body(endpoint: WebhookEndpointId, now: DateTime<Utc>) -> String {
    body(
        WebhookEvent::Ping,
        now,
        &json!({"endpoint_id": endpoint.to_string()}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn a_ping_is_a_versioned_standard_webhooks_payload() {
        let now: DateTime<Utc> = "2026-12-02T10:00:00Z".parse().unwrap();
        let id = WebhookEndpointId::from_uuid(Uuid::from_u128(5));
        let v: Value = serde_json::from_str(&ping_body(id, now)).unwrap();
        assert_eq!(v["type"], "ping");
        assert_eq!(v["timestamp"], "2026-12-02T10:00:00Z");
        assert_eq!(v["version"], 1);
        assert_eq!(v["data"]["endpoint_id"], id.to_string());
    }

    #[test]
    fn a_service_notice_tells_the_service_as_saved() {
        let now: DateTime<Utc> = "2026-12-02T10:00:00Z".parse().unwrap();
        let service = crate::test_support::a_service().build();
        let notice = service_notice(&service, WebhookEvent::ServiceDeactivated, now);
        assert_eq!(notice.provider, service.provider);
        let v: Value = serde_json::from_str(&notice.body).unwrap();
        assert_eq!(v["type"], "service.deactivated");
        assert_eq!(v["data"]["service_id"], service.id.to_string());
        assert_eq!(v["data"]["name"], service.name.as_str());
        assert_eq!(
            v["data"]["price"]["currency"],
            service.price.currency_code()
        );
    }

    #[test]
    fn reminders_are_not_published_and_moves_are() {
        assert_eq!(appointment_event(&ChangeKind::Reminder), None);
        assert_eq!(
            appointment_event(&ChangeKind::NoShow),
            Some(WebhookEvent::AppointmentNoShow)
        );
    }
}
