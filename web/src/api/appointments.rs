//! `/api/v1/appointments`: book, read, list, cancel and reschedule.

use application::book_appointment::{BookError, BookingInput};
use application::ports::IdempotencyKey;
use chrono::{DateTime, Utc};
use domain::{Appointment, BookingRejection, Note, ServiceId};
use poem::web::Data;
use poem_openapi::param::Header;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};
use uuid::Uuid;

use super::problem::Problem;
use super::{ApiTags, SessionAuth};
use crate::state::SharedState;

/// A booking request.
#[derive(Debug, Object)]
pub struct NewAppointment {
    /// The service to book.
    pub service_id: Uuid,
    /// The start, one of the free slots (RFC 3339, any offset).
    pub start: DateTime<Utc>,
    /// A note to the provider.
    pub note: Option<String>,
}

/// An appointment.
#[derive(Debug, Object)]
#[oai(rename = "Appointment")]
pub struct AppointmentView {
    /// Its id.
    pub id: Uuid,
    /// The booked service.
    pub service_id: Uuid,
    /// The provider.
    pub provider_id: Uuid,
    /// The customer.
    pub customer_id: Uuid,
    /// When the service starts (UTC).
    pub start: DateTime<Utc>,
    /// When it ends (UTC).
    pub end: DateTime<Utc>,
    /// `requested`, `confirmed`, `cancelled`, `completed` or `no_show`.
    pub status: String,
    /// The customer's note.
    pub note: Option<String>,
    /// Incremented by every change.
    pub revision: u32,
    /// When it was booked.
    pub created_at: DateTime<Utc>,
}

impl From<&Appointment> for AppointmentView {
    fn from(a: &Appointment) -> Self {
        Self {
            id: a.id.as_uuid(),
            service_id: a.service.as_uuid(),
            provider_id: a.provider.as_uuid(),
            customer_id: a.customer.as_uuid(),
            start: a.session.start(),
            end: a.session.end(),
            status: a.status.as_str().to_owned(),
            note: a.note.as_ref().map(|n| n.as_str().to_owned()),
            revision: a.revision,
            created_at: a.created_at,
        }
    }
}

/// A booking was made (or an earlier one with the same idempotency key returned).
#[derive(Debug, ApiResponse)]
pub enum Booked {
    /// The appointment.
    #[oai(status = 201)]
    Created(Json<AppointmentView>),
}

/// Appointment endpoints.
pub struct AppointmentsApi;

#[OpenApi(tag = "ApiTags::Appointments")]
impl AppointmentsApi {
    /// Book a free slot. Send an `Idempotency-Key` to make retries safe: repeating a request
    /// with the same key returns the first booking instead of booking twice.
    #[oai(path = "/appointments", method = "post")]
    async fn book(
        &self,
        state: Data<&SharedState>,
        auth: SessionAuth,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: Json<NewAppointment>,
    ) -> Result<Booked, Problem> {
        let idempotency_key = match key.0.as_deref() {
            None => None,
            Some(raw) => Some(IdempotencyKey::parse(raw).ok_or_else(|| {
                Problem::unprocessable(
                    "idempotency-key",
                    "The Idempotency-Key must be 1 to 100 visible ASCII characters.",
                )
            })?),
        };
        let note = body
            .note
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(Note::parse)
            .transpose()
            .map_err(|e| Problem::unprocessable("note", e.to_string()))?;
        let input = BookingInput {
            service: ServiceId::from_uuid(body.service_id),
            start: body.start,
            note,
            idempotency_key,
        };
        let appointment = state
            .use_cases
            .book
            .run(&auth.0.actor(), input)
            .await
            .map_err(Problem::from)?;
        Ok(Booked::Created(Json(AppointmentView::from(&appointment))))
    }
}

impl From<BookError> for Problem {
    fn from(e: BookError) -> Self {
        match e {
            BookError::Forbidden => Self::forbidden(e.to_string()),
            BookError::UnknownService => Self::not_found("service"),
            BookError::KeyReused => Self::unprocessable("idempotency-key-reused", e.to_string()),
            BookError::Rejected(rejection) => Self::from(rejection),
            BookError::Store(ref source) => Self::internal(source, "booking failed"),
        }
    }
}

impl From<BookingRejection> for Problem {
    fn from(r: BookingRejection) -> Self {
        match r {
            BookingRejection::SlotTaken => Self::conflict("slot-taken", "That time was just booked."),
            other => Self::unprocessable("booking-rejected", other.to_string()),
        }
    }
}
