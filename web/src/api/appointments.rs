//! `/api/v1/appointments`: book, read, list, cancel and reschedule.

use application::Actor;
use application::book_appointment::{BookError, BookingInput};
use application::cancel_appointment::CancelAppointmentError;
use application::get_appointment::GetAppointmentError;
use application::list_appointments::{AppointmentQuery, ListAppointmentsError, Side, Timeframe};
use application::move_following::MoveFollowingError;
use application::ports::IdempotencyKey;
use application::reschedule_appointment::RescheduleAppointmentError;
use application::update_appointment_status::{StatusChange, UpdateAppointmentStatusError};
use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, BookingRejection, LifecycleError, Note, Role,
    ServiceId, TimeRange,
};
use poem::web::Data;
use poem_openapi::param::{Header, Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use uuid::Uuid;

use super::problem::{Problem, language, say, say_with};
use super::{ApiAuth, ApiTags};
use crate::limits::Admission;
use crate::refusals;
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
    /// The customer's note (absent when there is none).
    #[oai(skip_serializing_if_is_none)]
    pub note: Option<String>,
    /// Incremented by every change.
    pub revision: u32,
    /// When it was booked.
    pub created_at: DateTime<Utc>,
    /// The recurring series it belongs to (absent for a single booking).
    #[oai(skip_serializing_if_is_none)]
    pub series_id: Option<Uuid>,
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
            series_id: a.series.map(|s| s.as_uuid()),
        }
    }
}

/// A booking was made, or an earlier one with the same idempotency key is returned.
#[derive(Debug, ApiResponse)]
pub enum Booked {
    /// The appointment. A replay (a repeat of an earlier request with the same
    /// `Idempotency-Key`) answers 201 too, with the appointment as it is now and the header
    /// `Idempotent-Replayed: true`.
    #[oai(status = 201)]
    Created(
        Json<AppointmentView>,
        /// `true` when this repeats an earlier request and nothing new was booked; absent
        /// otherwise.
        #[oai(header = "Idempotent-Replayed")]
        Option<bool>,
    ),
}

/// Why an appointment is cancelled.
#[derive(Debug, Object)]
pub struct Cancellation {
    /// A reason shown to the other party.
    pub reason: Option<String>,
}

/// Where to move an appointment.
#[derive(Debug, Object)]
pub struct NewTime {
    /// The new start, one of the service's free slots (RFC 3339).
    pub start: DateTime<Utc>,
}

/// An appointment's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename = "AppointmentStatus", rename_all = "snake_case")]
pub enum StatusName {
    /// Waiting for the provider to confirm.
    Requested,
    /// Will take place.
    Confirmed,
    /// Called off.
    Cancelled,
    /// Took place.
    Completed,
    /// The customer did not come.
    NoShow,
    /// A freed place held for a customer from the waitlist until they answer.
    Held,
    /// A hold that was declined or expired; never a booking.
    Released,
}

impl From<StatusName> for AppointmentStatus {
    fn from(s: StatusName) -> Self {
        match s {
            StatusName::Requested => Self::Requested,
            StatusName::Confirmed => Self::Confirmed,
            StatusName::Cancelled => Self::Cancelled,
            StatusName::Completed => Self::Completed,
            StatusName::NoShow => Self::NoShow,
            StatusName::Held => Self::Held,
            StatusName::Released => Self::Released,
        }
    }
}

/// A step in an appointment's life, taken by its provider (or staff).
#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum StatusStep {
    /// Accept a requested booking.
    Confirm,
    /// It took place (once it has started).
    Complete,
    /// The customer did not come (once it has started).
    NoShow,
}

/// The step to take.
#[derive(Debug, Object)]
pub struct StatusUpdate {
    // Described by its type (see `crate::api`).
    pub(crate) change: StatusStep,
}

/// Which appointments to list.
#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Which {
    /// Not yet over, soonest first.
    Upcoming,
    /// Over, latest first.
    Past,
}

/// Appointment endpoints.
pub struct AppointmentsApi;

#[OpenApi(tag = "ApiTags::Appointments")]
impl AppointmentsApi {
    /// Book a free slot. Send an `Idempotency-Key` to make retries safe: repeating a request
    /// with the same key and the same body returns the first booking (201, as it is now, with
    /// `Idempotent-Replayed: true`) instead of booking twice; the same key with a different
    /// service, start or note is refused with 422 `idempotency-key-reused`.
    #[oai(path = "/appointments", method = "post")]
    async fn book(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: Json<NewAppointment>,
    ) -> Result<Booked, Problem> {
        let idempotency_key = idempotency_key(key.0.as_deref())?;
        let note = optional_note(body.note.as_deref())?;
        booking_admitted(&state, &auth.actor()).await?;
        let input = BookingInput {
            service: ServiceId::from_uuid(body.service_id),
            start: body.start,
            note,
            idempotency_key,
        };
        let booking = state
            .use_cases
            .book
            .run(&auth.actor(), input)
            .await
            .map_err(Problem::from)?;
        Ok(Booked::Created(
            Json(AppointmentView::from(&booking.appointment)),
            booking.replayed.then_some(true),
        ))
    }

    /// The caller's appointments: as customer for customers, as provider for providers.
    /// Upcoming (soonest first) or past (latest first), or those overlapping the window
    /// `from`–`to` (soonest first; either end may be left open), optionally in one status. To
    /// page through a long list, ask again from the start of the last one received.
    #[oai(path = "/appointments", method = "get")]
    #[allow(clippy::too_many_arguments)] // one per query parameter
    async fn list_mine(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        /// Upcoming (default) or past; ignored when `from` or `to` is given.
        which: Query<Option<Which>>,
        /// Only appointments ending after this instant (RFC 3339).
        from: Query<Option<DateTime<Utc>>>,
        /// Only appointments starting before this instant (RFC 3339).
        to: Query<Option<DateTime<Utc>>>,
        /// Only appointments in this status.
        status: Query<Option<StatusName>>,
        /// At most this many (default 50, at most 200).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
    ) -> Result<Json<Vec<AppointmentView>>, Problem> {
        let actor = auth.actor();
        let side = if actor.role == Role::Provider {
            Side::Provider
        } else {
            Side::Customer
        };
        let timeframe = match (
            open_window(from.0, to.0)?,
            which.0.unwrap_or(Which::Upcoming),
        ) {
            (Some(window), _) => Timeframe::Within(window),
            (None, Which::Upcoming) => Timeframe::Upcoming,
            (None, Which::Past) => Timeframe::Past,
        };
        let query = AppointmentQuery {
            user: actor.id,
            side,
            timeframe,
            status: status.0.map(AppointmentStatus::from),
            limit: limit.0.unwrap_or(50),
        };
        let list = state
            .use_cases
            .list_appointments
            .run(&actor, query)
            .await
            .map_err(Problem::from)?;
        Ok(Json(list.iter().map(AppointmentView::from).collect()))
    }

    /// One appointment, for its customer, its provider and staff.
    #[oai(path = "/appointments/:id", method = "get")]
    async fn get(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Json<AppointmentView>, Problem> {
        let appointment = state
            .use_cases
            .get_appointment
            .run(&auth.actor(), AppointmentId::from_uuid(id.0))
            .await
            .map_err(Problem::from)?;
        Ok(Json(AppointmentView::from(&appointment)))
    }

    /// Cancel an appointment (customers: until the provider's cut-off). Repeating it is
    /// harmless.
    #[oai(path = "/appointments/:id/cancel", method = "post")]
    async fn cancel(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<Cancellation>,
    ) -> Result<Json<AppointmentView>, Problem> {
        let reason = optional_note(body.reason.as_deref())?;
        let appointment = state
            .use_cases
            .cancel
            .run(&auth.actor(), AppointmentId::from_uuid(id.0), reason)
            .await
            .map_err(Problem::from)?;
        Ok(Json(AppointmentView::from(&appointment)))
    }

    /// Cancel an occurrence of a series and every later one still booked, together (each
    /// notified as a single cancellation would be); for an appointment outside a series, the
    /// same as `cancel`. Answers the occurrences cancelled.
    #[oai(path = "/appointments/:id/cancel-following", method = "post")]
    async fn cancel_following(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<Cancellation>,
    ) -> Result<Json<Vec<AppointmentView>>, Problem> {
        let reason = optional_note(body.reason.as_deref())?;
        let cancelled = state
            .use_cases
            .cancel
            .run_this_and_following(&auth.actor(), AppointmentId::from_uuid(id.0), reason)
            .await
            .map_err(Problem::from)?;
        Ok(Json(cancelled.iter().map(AppointmentView::from).collect()))
    }

    /// Cancel the whole class occurrence a place belongs to: every place still booked,
    /// together, each attendee notified as a single cancellation would be. For the provider
    /// and staff only (a customer cancels their own place with `cancel`); for an appointment
    /// that is no place in a class, the same as `cancel`. Answers the places cancelled.
    #[oai(path = "/appointments/:id/cancel-class", method = "post")]
    async fn cancel_class(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<Cancellation>,
    ) -> Result<Json<Vec<AppointmentView>>, Problem> {
        let reason = optional_note(body.reason.as_deref())?;
        let cancelled = state
            .use_cases
            .cancel
            .run_occurrence(&auth.actor(), AppointmentId::from_uuid(id.0), reason)
            .await
            .map_err(Problem::from)?;
        Ok(Json(cancelled.iter().map(AppointmentView::from).collect()))
    }

    /// Confirm a requested booking, or close an appointment that has started as completed or
    /// no-show (its provider and staff). Both parties are told as on the pages, and
    /// subscribed webhooks hear `appointment.confirmed`, `.completed` or `.no_show`.
    #[oai(path = "/appointments/:id/status", method = "post")]
    async fn update_status(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<StatusUpdate>,
    ) -> Result<Json<AppointmentView>, Problem> {
        let change = match body.change {
            StatusStep::Confirm => StatusChange::Confirm,
            StatusStep::Complete => StatusChange::Complete,
            StatusStep::NoShow => StatusChange::NoShow,
        };
        let appointment = state
            .use_cases
            .update_status
            .run(&auth.actor(), AppointmentId::from_uuid(id.0), change)
            .await
            .map_err(Problem::from)?;
        Ok(Json(AppointmentView::from(&appointment)))
    }

    /// Move an appointment to another free slot of its service.
    #[oai(path = "/appointments/:id/reschedule", method = "post")]
    async fn reschedule(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<NewTime>,
    ) -> Result<Json<AppointmentView>, Problem> {
        let appointment = state
            .use_cases
            .reschedule
            .run(&auth.actor(), AppointmentId::from_uuid(id.0), body.start)
            .await
            .map_err(Problem::from)?;
        Ok(Json(AppointmentView::from(&appointment)))
    }

    /// Move an occurrence of a series to `start` and every later one still booked by the same
    /// shift of the provider's local time (10:00 → 11:30 moves each later 10:00 to 11:30
    /// local, also across daylight-saving changes), each checked as `reschedule` checks a move
    /// and notified as a single move would be. All or none: if one cannot move (422, or 409
    /// `slot-taken`), the problem names it and nothing moves. For an appointment outside a
    /// series, the same as `reschedule`. Answers the occurrences moved.
    #[oai(path = "/appointments/:id/move-following", method = "post")]
    async fn move_following(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<NewTime>,
    ) -> Result<Json<Vec<AppointmentView>>, Problem> {
        let moved = state
            .use_cases
            .move_following
            .run(&auth.actor(), AppointmentId::from_uuid(id.0), body.start)
            .await
            .map_err(Problem::from)?;
        Ok(Json(moved.iter().map(AppointmentView::from).collect()))
    }
}

/// The window `from`–`to` of a list's query (either end may be open), `None` without either;
/// 422 `empty-window` when it ends before it starts.
pub(super) fn open_window(
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
) -> Result<Option<TimeRange>, Problem> {
    if from.is_none() && to.is_none() {
        return Ok(None);
    }
    TimeRange::new(
        from.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
        to.unwrap_or_else(TimeRange::last_writable),
    )
    .map(Some)
    .map_err(|_| Problem::unprocessable("empty-window", say("problem-empty-window")))
}

/// The `Idempotency-Key` header's key, if sent; 422 `idempotency-key` when malformed.
pub(super) fn idempotency_key(raw: Option<&str>) -> Result<Option<IdempotencyKey>, Problem> {
    raw.map(|raw| {
        IdempotencyKey::parse(raw).ok_or_else(|| {
            Problem::unprocessable("idempotency-key", say("problem-idempotency-key"))
        })
    })
    .transpose()
}

/// Counts a booking attempt of `actor`; 429 past the per-customer limit.
pub(super) async fn booking_admitted(state: &SharedState, actor: &Actor) -> Result<(), Problem> {
    let limits = &state.limits;
    let customer = actor.id.to_string();
    match limits
        .admit(&[(limits.doors.booking_customer, &customer)])
        .await
    {
        Ok(Admission::Allowed(_)) => Ok(()),
        Ok(Admission::Refused(tally)) => {
            let seconds = limits.seconds_to_reset(&tally);
            Err(Problem::too_many_requests(
                say_with(
                    "problem-too-many-bookings",
                    [("minutes", seconds.div_ceil(60).into())],
                ),
                Some(seconds),
            ))
        }
        Err(e) => Err(Problem::internal(&e, "booking limit unavailable")),
    }
}

/// A note typed by a person; blank means none.
pub(super) fn optional_note(raw: Option<&str>) -> Result<Option<Note>, Problem> {
    raw.filter(|n| !n.trim().is_empty())
        .map(Note::parse)
        .transpose()
        .map_err(|e| Problem::unprocessable("invalid-note", refusals::text_error(&language(), &e)))
}

impl From<ListAppointmentsError> for Problem {
    fn from(e: ListAppointmentsError) -> Self {
        match e {
            ListAppointmentsError::Forbidden => {
                Self::forbidden("problem-forbidden-list-appointments")
            }
            ListAppointmentsError::Store(ref source) => {
                Self::internal(source, "listing appointments failed")
            }
        }
    }
}

impl From<GetAppointmentError> for Problem {
    fn from(e: GetAppointmentError) -> Self {
        match e {
            GetAppointmentError::Forbidden => Self::forbidden("problem-forbidden-see-appointment"),
            GetAppointmentError::NotFound => Self::not_found("appointment"),
            GetAppointmentError::Store(ref source) => {
                Self::internal(source, "reading an appointment failed")
            }
        }
    }
}

impl From<LifecycleError> for Problem {
    fn from(e: LifecycleError) -> Self {
        match e {
            LifecycleError::Rejected(rejection) => Self::from(rejection),
            rule => Self::unprocessable("change-refused", refusals::lifecycle(&language(), &rule)),
        }
    }
}

impl From<CancelAppointmentError> for Problem {
    fn from(e: CancelAppointmentError) -> Self {
        match e {
            CancelAppointmentError::Forbidden => Self::forbidden("problem-forbidden-cancel"),
            CancelAppointmentError::NotFound => Self::not_found("appointment"),
            CancelAppointmentError::Rejected(rule) => Self::from(rule),
            CancelAppointmentError::ChangedMeanwhile => {
                Self::conflict("changed-meanwhile", say("h-book-changed-meanwhile"))
            }
            CancelAppointmentError::Store(ref source) => {
                Self::internal(source, "cancelling failed")
            }
        }
    }
}

impl From<UpdateAppointmentStatusError> for Problem {
    fn from(e: UpdateAppointmentStatusError) -> Self {
        match e {
            UpdateAppointmentStatusError::Forbidden => Self::forbidden("problem-forbidden-status"),
            UpdateAppointmentStatusError::NotFound => Self::not_found("appointment"),
            UpdateAppointmentStatusError::Rejected(rule) => Self::from(rule),
            UpdateAppointmentStatusError::ChangedMeanwhile => {
                Self::conflict("changed-meanwhile", say("h-book-changed-meanwhile"))
            }
            UpdateAppointmentStatusError::Store(ref source) => {
                Self::internal(source, "changing a status failed")
            }
        }
    }
}

impl From<RescheduleAppointmentError> for Problem {
    fn from(e: RescheduleAppointmentError) -> Self {
        match e {
            RescheduleAppointmentError::Forbidden => Self::forbidden("problem-forbidden-move"),
            RescheduleAppointmentError::NotFound => Self::not_found("appointment"),
            RescheduleAppointmentError::Rejected(rule) => Self::from(rule),
            RescheduleAppointmentError::ChangedMeanwhile => {
                Self::conflict("changed-meanwhile", say("h-book-changed-meanwhile"))
            }
            RescheduleAppointmentError::Store(ref source) => {
                Self::internal(source, "rescheduling failed")
            }
        }
    }
}

impl From<MoveFollowingError> for Problem {
    fn from(e: MoveFollowingError) -> Self {
        match e {
            MoveFollowingError::Forbidden => Self::forbidden("problem-forbidden-move"),
            MoveFollowingError::NotFound => Self::not_found("appointment"),
            MoveFollowingError::Refused { occurrence, reason } => {
                let detail = say_with(
                    "h-book-move-following-refused",
                    [
                        ("when", occurrence.to_rfc3339().into()),
                        ("error", refusals::lifecycle(&language(), &reason).into()),
                    ],
                );
                match reason {
                    LifecycleError::Rejected(BookingRejection::SlotTaken) => {
                        Self::conflict("slot-taken", detail)
                    }
                    LifecycleError::Rejected(_) => Self::unprocessable("booking-rejected", detail),
                    _ => Self::unprocessable("change-refused", detail),
                }
            }
            MoveFollowingError::Taken => {
                Self::conflict("slot-taken", say("h-book-move-following-taken"))
            }
            MoveFollowingError::ChangedMeanwhile => {
                Self::conflict("changed-meanwhile", say("h-book-series-changed-meanwhile"))
            }
            MoveFollowingError::Store(ref source) => Self::internal(source, "moving failed"),
        }
    }
}

impl From<BookError> for Problem {
    fn from(e: BookError) -> Self {
        match e {
            BookError::Forbidden => Self::forbidden("problem-forbidden-book"),
            BookError::UnknownService => Self::not_found("service"),
            BookError::KeyReused => Self::unprocessable(
                "idempotency-key-reused",
                say("problem-idempotency-key-reused"),
            ),
            BookError::Rejected(rejection) => Self::from(rejection),
            BookError::Store(ref source) => Self::internal(source, "booking failed"),
        }
    }
}

impl From<BookingRejection> for Problem {
    fn from(r: BookingRejection) -> Self {
        let detail = refusals::rejection(&language(), &r);
        match r {
            BookingRejection::SlotTaken => Self::conflict("slot-taken", detail),
            BookingRejection::ClassFull { .. } => Self::conflict("class-full", detail),
            _ => Self::unprocessable("booking-rejected", detail),
        }
    }
}
