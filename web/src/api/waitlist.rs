//! `/api/v1/services/{id}/waitlist` and `/api/v1/waitlist`: join a service's waitlist for a
//! window, see and leave one's entries (a provider: who waits for their services); a place
//! held from the waitlist is answered at `/appointments/{id}/hold`.

use application::answer_hold::{AnswerHoldError, HoldAnswer};
use application::join_waitlist::WaitlistError;
use application::list_waitlist::{ListWaitlistError, WaitlistLine};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use domain::{AppointmentId, Role, ServiceId, WaitWindow, WaitlistEntryId, Zone};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use uuid::Uuid;

use super::appointments::AppointmentView;
use super::problem::{Problem, language, say};
use super::{ApiAuth, ApiTags};
use crate::refusals::{self, Said};
use crate::state::SharedState;

/// When a customer can come: sessions starting on one of the days at or after `from` and
/// ending by `until`, on the clocks of `zone`.
#[derive(Debug, Object)]
pub struct WaitWindowBody {
    /// The first day.
    pub first_day: NaiveDate,
    /// The last day (at most 61 days after the first).
    pub last_day: NaiveDate,
    /// The earliest start, HH:MM.
    #[oai(validator(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub from: String,
    /// The latest end, HH:MM, after `from`.
    #[oai(validator(pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub until: String,
    /// The IANA zone the days and times are read in, e.g. `Europe/Paris`.
    #[oai(validator(min_length = 1, max_length = 64))]
    pub zone: String,
}

/// One waitlist entry.
#[derive(Debug, Object)]
#[oai(rename = "WaitlistEntry")]
pub struct EntryView {
    /// Its id.
    pub id: Uuid,
    /// The service waited for.
    pub service_id: Uuid,
    /// The service's name.
    #[oai(skip_serializing_if_is_none)]
    pub service_name: Option<String>,
    /// Who waits (for the provider's list; the customer's own name on theirs).
    #[oai(skip_serializing_if_is_none)]
    pub customer_name: Option<String>,
    /// The window.
    pub window: WaitWindowBody,
    /// When the customer joined: places are offered in this order.
    pub joined_at: DateTime<Utc>,
    /// The held appointment, once a place is held for the entry.
    #[oai(skip_serializing_if_is_none)]
    pub hold_appointment_id: Option<Uuid>,
    /// Until when the place is held.
    #[oai(skip_serializing_if_is_none)]
    pub hold_expires_at: Option<DateTime<Utc>>,
}

impl From<&WaitlistLine> for EntryView {
    fn from(line: &WaitlistLine) -> Self {
        let (entry, window) = (&line.entry, &line.entry.window);
        Self {
            id: entry.id.as_uuid(),
            service_id: entry.service.as_uuid(),
            service_name: line.service.as_ref().map(|n| n.as_str().to_owned()),
            customer_name: line.customer.as_ref().map(|n| n.as_str().to_owned()),
            window: WaitWindowBody {
                first_day: window.first_day(),
                last_day: window.last_day(),
                from: window.from().format("%H:%M").to_string(),
                until: window.until().format("%H:%M").to_string(),
                zone: window.zone().name().to_owned(),
            },
            joined_at: entry.joined_at,
            hold_appointment_id: entry.hold.map(|h| h.appointment.as_uuid()),
            hold_expires_at: entry.hold.map(|h| h.expires_at),
        }
    }
}

/// The customer's answer to a held place.
#[derive(Debug, Clone, Copy, Enum)]
#[oai(rename_all = "snake_case")]
pub enum HoldChoice {
    /// Book the held place.
    Accept,
    /// Let it go to the next person waiting.
    Decline,
}

/// An answer to a held place.
#[derive(Debug, Object)]
pub struct HoldReply {
    // Described by its type (see `crate::api`).
    pub(crate) answer: HoldChoice,
}

/// The customer is on the waitlist.
#[derive(Debug, ApiResponse)]
pub enum Joined {
    /// The new entry.
    #[oai(status = 201)]
    Created(Json<EntryView>),
}

/// The customer left the waitlist.
#[derive(Debug, ApiResponse)]
pub enum Left {
    /// Nothing to return.
    #[oai(status = 204)]
    Gone,
}

/// Waitlist endpoints.
pub struct WaitlistApi;

fn window_of(body: &WaitWindowBody) -> Result<WaitWindow, Problem> {
    let language = language();
    let invalid = |detail: String| Problem::unprocessable("invalid-window", detail);
    let time = |raw: &str| {
        NaiveTime::parse_from_str(raw, "%H:%M")
            .map_err(|_| invalid(say("h-book-waitlist-times-invalid")))
    };
    let zone = Zone::parse(&body.zone).map_err(|e| invalid(e.said(&language)))?;
    WaitWindow::new(
        body.first_day,
        body.last_day,
        time(&body.from)?,
        time(&body.until)?,
        zone,
    )
    .map_err(|e| invalid(refusals::wait_window_error(&language, &e)))
}

#[OpenApi(tag = "ApiTags::Appointments")]
impl WaitlistApi {
    /// Join a service's waitlist (customers): when a place in the window frees up, it is held
    /// for the first customer waiting for 2 hours, and they are mailed a link to book it.
    #[oai(path = "/services/:id/waitlist", method = "post")]
    async fn join(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<WaitWindowBody>,
    ) -> Result<Joined, Problem> {
        let window = window_of(&body)?;
        let actor = auth.actor();
        let entry = state
            .use_cases
            .join_waitlist
            .run(&actor, ServiceId::from_uuid(id.0), window)
            .await
            .map_err(Problem::from)?;
        let line = WaitlistLine {
            entry,
            service: None,
            customer: None,
        };
        Ok(Joined::Created(Json(EntryView::from(&line))))
    }

    /// Your open waitlist entries (waiting, or holding a place); for a provider, who waits for
    /// their services. In the order they joined.
    #[oai(path = "/waitlist", method = "get")]
    async fn list(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<EntryView>>, Problem> {
        let actor = auth.actor();
        let waitlist = &state.use_cases.list_waitlist;
        let lines = if actor.role == Role::Provider {
            waitlist.of_provider(&actor, actor.id).await
        } else {
            waitlist.mine(&actor).await
        }
        .map_err(Problem::from)?;
        Ok(Json(lines.iter().map(EntryView::from).collect()))
    }

    /// Leave the waitlist. A place already held is declined instead (409 `hold-open`).
    #[oai(path = "/waitlist/:id", method = "delete")]
    async fn leave(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Left, Problem> {
        state
            .use_cases
            .join_waitlist
            .leave(&auth.actor(), WaitlistEntryId::from_uuid(id.0))
            .await
            .map_err(Problem::from)?;
        Ok(Left::Gone)
    }

    /// Answer a place held for you from the waitlist: `accept` books it (the usual booking
    /// mails and calendar entry), `decline` lets it go to the next person waiting.
    #[oai(path = "/appointments/:id/hold", method = "post")]
    async fn answer_hold(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<HoldReply>,
    ) -> Result<Json<AppointmentView>, Problem> {
        let answer = match body.answer {
            HoldChoice::Accept => HoldAnswer::Accept,
            HoldChoice::Decline => HoldAnswer::Decline,
        };
        let appointment = state
            .use_cases
            .answer_hold
            .run(&auth.actor(), AppointmentId::from_uuid(id.0), answer)
            .await
            .map_err(Problem::from)?;
        Ok(Json(AppointmentView::from(&appointment)))
    }
}

/// `e` in the caller's language.
fn said(e: &WaitlistError) -> String {
    refusals::waitlist_error(&language(), e)
}

impl From<WaitlistError> for Problem {
    fn from(e: WaitlistError) -> Self {
        match e {
            WaitlistError::Forbidden => Self::forbidden("problem-forbidden-join-waitlist"),
            WaitlistError::NotFound => Self::not_found("service-or-waitlist-entry"),
            WaitlistError::Unavailable => Self::unprocessable("unavailable", said(&e)),
            WaitlistError::WindowOver => Self::unprocessable("invalid-window", said(&e)),
            WaitlistError::AlreadyWaiting => Self::conflict("already-waiting", said(&e)),
            WaitlistError::HoldOpen => Self::conflict("hold-open", said(&e)),
            WaitlistError::Store(ref source) => Self::internal(source, "the waitlist failed"),
        }
    }
}

impl From<ListWaitlistError> for Problem {
    fn from(e: ListWaitlistError) -> Self {
        match e {
            ListWaitlistError::Forbidden => Self::forbidden("problem-forbidden-see-waitlist"),
            ListWaitlistError::Store(ref source) => Self::internal(source, "the waitlist failed"),
        }
    }
}

impl From<AnswerHoldError> for Problem {
    fn from(e: AnswerHoldError) -> Self {
        match e {
            AnswerHoldError::NotFound => Self::not_found("held-place"),
            AnswerHoldError::Rejected(rule) => Self::from(rule),
            AnswerHoldError::Store(ref source) => Self::internal(source, "answering failed"),
        }
    }
}
