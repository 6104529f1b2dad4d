//! `/api/v1/series`: preview and book a recurring series (the same local time every few
//! weeks); cancelling from one occurrence on is under `/appointments/{id}/cancel-following`.

use application::book_series::{BookSeriesError, SeriesChoice};
use application::preview_series::{OccurrenceCheck, SeriesRequest};
use chrono::{DateTime, Utc};
use domain::{Repeat, ServiceId};
use poem::web::Data;
use poem_openapi::param::Header;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use uuid::Uuid;

use super::appointments::{AppointmentView, booking_admitted, idempotency_key, optional_note};
use super::problem::{Problem, language, say, say_with};
use super::{ApiAuth, ApiTags};
use crate::refusals;
use crate::state::SharedState;

/// A series: a first start, then the same local time (in the provider's zone, across DST
/// changes) every `every_weeks` weeks, `count` times in all.
#[derive(Debug, Object)]
pub struct NewSeries {
    /// The service to book.
    pub service_id: Uuid,
    /// The first occurrence's start, one of the free slots (RFC 3339, any offset).
    pub start: DateTime<Utc>,
    /// Weeks between occurrences.
    #[oai(validator(minimum(value = "1"), maximum(value = "4")))]
    pub every_weeks: u8,
    /// Occurrences in all, the first included.
    #[oai(validator(minimum(value = "2"), maximum(value = "12")))]
    pub count: u8,
    /// A note to the provider, on every occurrence.
    pub note: Option<String>,
}

/// What to book when not every occurrence is free.
#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Choice {
    /// Book the free occurrences, skip the others.
    OnlyFree,
    /// Book every occurrence or none (409 `occurrences-taken` otherwise).
    AllOrNone,
}

/// A series to book.
#[derive(Debug, Object)]
pub struct SeriesOrder {
    /// The series.
    #[oai(flatten)]
    pub series: NewSeries,
    // Described by its type (see `crate::api`).
    pub(crate) choice: Choice,
}

/// One occurrence and whether it can be booked.
#[derive(Debug, Object)]
#[oai(rename = "Occurrence")]
pub struct OccurrenceView {
    /// Its start (UTC).
    pub start: DateTime<Utc>,
    /// Whether it can be booked.
    pub free: bool,
    /// Why not, in the caller's language (absent when free).
    #[oai(skip_serializing_if_is_none)]
    pub reason: Option<String>,
}

impl From<&OccurrenceCheck> for OccurrenceView {
    fn from(o: &OccurrenceCheck) -> Self {
        Self {
            start: o.start,
            free: o.refusal.is_none(),
            reason: o
                .refusal
                .as_ref()
                .map(|r| refusals::rejection(&language(), r)),
        }
    }
}

/// A booked series.
#[derive(Debug, Object)]
#[oai(rename = "Series")]
pub struct SeriesView {
    /// The id the booked occurrences share.
    pub series_id: Uuid,
    /// The booked occurrences, in order.
    pub booked: Vec<AppointmentView>,
    /// The occurrences skipped (only free ones chosen), with their reasons.
    pub skipped: Vec<OccurrenceView>,
}

/// A series was booked, or an earlier one with the same idempotency key is returned.
#[derive(Debug, ApiResponse)]
pub enum SeriesBooked {
    /// The booked occurrences. A replay (a repeat of an earlier request with the same
    /// `Idempotency-Key`) answers 201 too, with that series as it is now, no skipped
    /// occurrences and the header `Idempotent-Replayed: true`.
    #[oai(status = 201)]
    Created(
        Json<SeriesView>,
        /// `true` when this repeats an earlier request and nothing new was booked; absent
        /// otherwise.
        #[oai(header = "Idempotent-Replayed")]
        Option<bool>,
    ),
}

/// Series endpoints.
pub struct SeriesApi;

/// The use cases' request for `body`.
fn request(body: &NewSeries) -> Result<SeriesRequest, Problem> {
    let repeat = Repeat::new(body.every_weeks, body.count).map_err(|e| {
        Problem::unprocessable("invalid-series", refusals::series_error(&language(), &e))
    })?;
    Ok(SeriesRequest {
        service: ServiceId::from_uuid(body.service_id),
        first: body.start,
        repeat,
        note: optional_note(body.note.as_deref())?,
    })
}

#[OpenApi(tag = "ApiTags::Appointments")]
impl SeriesApi {
    /// Which occurrences of a series are free, each checked as a single booking would be
    /// (hours, notice, horizon, buffers, other appointments, the provider's calendars).
    /// Nothing is booked.
    #[oai(path = "/series/preview", method = "post")]
    async fn preview(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        body: Json<NewSeries>,
    ) -> Result<Json<Vec<OccurrenceView>>, Problem> {
        let request = request(&body)?;
        let checks = state
            .use_cases
            .preview_series
            .run(&auth.actor(), &request)
            .await
            .map_err(Problem::from)?;
        Ok(Json(checks.iter().map(OccurrenceView::from).collect()))
    }

    /// Book a series: every occurrence is checked again and the chosen ones are stored in
    /// one transaction, so either all of them are booked or none is. With `all_or_none`,
    /// any occurrence that is not free refuses the whole series (409 `occurrences-taken`);
    /// with `only_free`, it is skipped (409 `nothing-free` when none is free). Send an
    /// `Idempotency-Key` to make retries safe, as for `POST /appointments`: repeating the
    /// request with the same key returns the series booked first (201, with
    /// `Idempotent-Replayed: true`) instead of booking a second one, also when both requests
    /// race; the same key with another series or a single booking is refused with 422
    /// `idempotency-key-reused`.
    #[oai(path = "/series", method = "post")]
    async fn book(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        #[oai(name = "Idempotency-Key")] key: Header<Option<String>>,
        body: Json<SeriesOrder>,
    ) -> Result<SeriesBooked, Problem> {
        let key = idempotency_key(key.0.as_deref())?;
        let request = request(&body.series)?;
        let actor = auth.actor();
        booking_admitted(&state, &actor).await?;
        let choice = match body.choice {
            Choice::OnlyFree => SeriesChoice::OnlyFree,
            Choice::AllOrNone => SeriesChoice::AllOrNone,
        };
        let booking = state
            .use_cases
            .book_series
            .run(&actor, &request, choice, key)
            .await
            .map_err(Problem::from)?;
        Ok(SeriesBooked::Created(
            Json(SeriesView {
                series_id: booking.series.as_uuid(),
                booked: booking.booked.iter().map(AppointmentView::from).collect(),
                skipped: booking.skipped.iter().map(OccurrenceView::from).collect(),
            }),
            booking.replayed.then_some(true),
        ))
    }
}

impl From<BookSeriesError> for Problem {
    fn from(e: BookSeriesError) -> Self {
        match e {
            BookSeriesError::Book(e) => Self::from(e),
            BookSeriesError::NotAllFree(ref refused) => {
                let language = language();
                let dates: Vec<String> = refused
                    .iter()
                    .map(|o| {
                        let reason = o
                            .refusal
                            .as_ref()
                            .map(|r| refusals::rejection(&language, r))
                            .unwrap_or_default();
                        format!("{} ({reason})", o.start.to_rfc3339())
                    })
                    .collect();
                Self::conflict(
                    "occurrences-taken",
                    say_with(
                        "problem-occurrences-taken",
                        [("occurrences", dates.join(", ").into())],
                    ),
                )
            }
            BookSeriesError::NothingFree => {
                Self::conflict("nothing-free", say("h-book-series-nothing-free"))
            }
        }
    }
}
