//! An appointment's page and what its parties do with it: cancel, move, confirm, complete,
//! mark a no-show, add it to a calendar.

use application::Actor;
use application::answer_hold::{AnswerHoldError, HoldAnswer};
use application::answer_move_proposal::AnswerMoveError;
use application::appointment_calendar::AppointmentCalendarError;
use application::appointment_views::AppointmentView;
use application::cancel_appointment::CancelAppointmentError;
use application::get_appointment::GetAppointmentError;
use application::reschedule_appointment::RescheduleAppointmentError;
use application::update_appointment_status::{StatusChange, UpdateAppointmentStatusError};
use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, BookingRejection, Language, LifecycleError,
    Note, Party, Zone,
};
use poem::http::{StatusCode, header};
use poem::web::{Data, Form, Path, Query};
use poem::{IntoResponse, Response, handler};
use serde::{Deserialize, Serialize};

mod series_move;

pub use series_move::move_following;

use super::{PageResult, forbidden, internal, not_found, redirect};
use crate::guards::{PathId, SignedIn};
use crate::present::{self, arg, language_of, say, say_with};
use crate::refusals;
use crate::render::Layout;
use crate::state::SharedState;

/// An appointment as lists and its page show it, with what the viewer may do.
#[derive(Debug, Clone, Serialize)]
#[allow(clippy::struct_excessive_bools)] // one flag per action button the template shows
pub struct AppointmentRow {
    id: String,
    url: String,
    service_name: String,
    service_id: String,
    other_party: String,
    when: String,
    time: String,
    minutes: i64,
    status: &'static str,
    status_label: &'static str,
    reschedule_url: String,
    note: Option<String>,
    cancel_reason: Option<String>,
    can_cancel: bool,
    /// It is an occurrence of a series, so "this and following" can be cancelled together.
    in_series: bool,
    /// It is a seat in a class, whose provider can cancel the whole class.
    in_class: bool,
    can_reschedule: bool,
    can_confirm: bool,
    can_finish: bool,
    /// It overlaps busy time from the provider's own calendar (shown to the provider).
    conflict: bool,
    /// The customer's name, for the provider's class lists.
    #[serde(skip)]
    customer_name: Option<String>,
}

impl AppointmentRow {
    /// Its page.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// When it starts, as shown.
    pub fn when(&self) -> &str {
        &self.when
    }

    /// Who it is with or for, as shown ("for Ann Lee" to its provider).
    pub fn other_party(&self) -> &str {
        &self.other_party
    }

    /// The customer's name, if known (as the provider sees it).
    pub fn customer_name(&self) -> Option<&str> {
        self.customer_name.as_deref()
    }

    /// The row for `view` seen by `actor` in `zone` at `now`, in `language`.
    pub fn new(
        view: &AppointmentView,
        actor: &Actor,
        (zone, language): (Zone, &Language),
        now: DateTime<Utc>,
    ) -> Self {
        let (a, service) = (&view.appointment, view.service.as_ref());
        let party = actor.party_in(a);
        let provider_side = matches!(party, Some(Party::Provider | Party::Staff));
        let start = a.session.start();
        let before_start = now < start;
        let active = a.status.is_active();
        Self {
            id: a.id.to_string(),
            url: format!(
                "/appointments/{}?{}",
                a.id,
                serde_urlencoded::to_string([("zone", zone.name())]).unwrap_or_default()
            ),
            service_name: service.map_or_else(
                || say(language, "h-book-a-service"),
                |s| s.name.as_str().to_owned(),
            ),
            service_id: a.service.to_string(),
            other_party: match party {
                Some(Party::Customer) => service
                    .map(|s| {
                        say_with(
                            language,
                            "h-book-with",
                            [("name", arg(&present::person(language, &s.provider_name)))],
                        )
                    })
                    .unwrap_or_default(),
                _ => view
                    .customer_name
                    .as_ref()
                    .map(|name| {
                        let name = present::person(language, name);
                        say_with(language, "h-book-for", [("name", arg(&name))])
                    })
                    .unwrap_or_default(),
            },
            when: present::moment_in(language, start, zone),
            time: format!(
                "{}–{}",
                present::clock(start, zone),
                present::clock(a.session.end(), zone)
            ),
            minutes: a.session.length().num_minutes(),
            status: a.status.as_str(),
            status_label: status_label(a.status),
            reschedule_url: format!(
                "/services/{}?{}",
                a.service,
                serde_urlencoded::to_string([
                    ("zone", zone.name()),
                    ("reschedule", a.id.to_string().as_str()),
                ])
                .unwrap_or_default()
            ),
            note: a.note.as_ref().map(|n| n.as_str().to_owned()),
            cancel_reason: a
                .cancellation
                .as_ref()
                .and_then(|c| c.reason.as_ref())
                .map(|r| r.as_str().to_owned()),
            can_cancel: party.is_some() && active && before_start,
            in_series: a.series.is_some(),
            in_class: provider_side && service.is_some_and(|s| s.capacity.is_class()),
            can_reschedule: party.is_some() && active && before_start && service.is_some(),
            can_confirm: provider_side && a.status == AppointmentStatus::Requested,
            can_finish: provider_side && a.status == AppointmentStatus::Confirmed && !before_start,
            conflict: false,
            customer_name: view
                .customer_name
                .as_ref()
                .map(|n| present::person(language, n)),
        }
    }
}

/// The status as people read it.
const fn status_label(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Requested => "awaiting confirmation",
        AppointmentStatus::Confirmed => "confirmed",
        AppointmentStatus::Cancelled => "cancelled",
        AppointmentStatus::Completed => "completed",
        AppointmentStatus::NoShow => "no-show",
        AppointmentStatus::Held => "held from the waitlist",
        AppointmentStatus::Released => "released (not booked)",
    }
}

/// Marks the rows whose appointment overlaps busy time from the provider's own calendars
/// (the provider and staff only; the use case answers nothing for customers).
///
/// # Errors
/// A 500 when the store fails (logged).
pub async fn mark_conflicts(
    state: &SharedState,
    actor: &Actor,
    views: &[AppointmentView],
    rows: &mut [AppointmentRow],
) -> Result<(), poem::Error> {
    let appointments: Vec<Appointment> = views.iter().map(|v| v.appointment.clone()).collect();
    let conflicts = state
        .use_cases
        .calendar_conflicts
        .among(actor, &appointments)
        .await
        .map_err(|e| internal(&e, "reading calendar conflicts failed"))?;
    for (a, row) in appointments.iter().zip(rows.iter_mut()) {
        row.conflict = conflicts.contains(&a.id);
    }
    Ok(())
}

/// Which zone to show an appointment in, and what just happened to it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    zone: String,
    done: String,
}

#[derive(Serialize)]
struct AppointmentPage {
    appointment: AppointmentRow,
    zone: String,
    when_for_provider: Option<String>,
    is_customer: bool,
    error: Option<String>,
    reason: String,
    review: Option<super::reviews::AppointmentReviewView>,
    /// The new start the provider gave the appointment in their own calendar, waiting for the
    /// customer's answer.
    proposed_move: Option<String>,
    /// Until when the place is held for the viewer, a customer from the waitlist.
    held_until: Option<String>,
    /// The "move this and following" field: the start as typed, else the current one (local,
    /// `YYYY-MM-DDTHH:MM`).
    move_start: String,
    /// Why the move of this and following was refused, shown beside its field.
    move_error: Option<String>,
}

/// The zone named by `raw`, else `fallback`.
fn zone_or(raw: &str, fallback: Zone) -> Zone {
    Zone::parse(raw).unwrap_or(fallback)
}

/// Loads the appointment for `actor`, with its names, or the page to show instead (404, 403).
async fn load(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    id: AppointmentId,
) -> Result<Result<AppointmentView, Response>, poem::Error> {
    match state.use_cases.get_appointment.view(actor, id).await {
        Ok(a) => Ok(Ok(a)),
        Err(GetAppointmentError::NotFound) => Ok(Err(not_found(state, layout))),
        Err(GetAppointmentError::Forbidden) => Ok(Err(not_yours(state, layout))),
        Err(GetAppointmentError::Store(e)) => Err(internal(&e, "reading an appointment failed")),
    }
}

fn not_yours(state: &SharedState, layout: &Layout) -> Response {
    let language = language_of(layout);
    forbidden(
        state,
        layout,
        &say(&language, "h-book-not-yours-title"),
        &say(&language, "h-book-not-yours"),
    )
}

/// An action the appointment page refused: its status, message and the reason typed.
struct Refused {
    status: StatusCode,
    message: String,
    reason: String,
    /// For a refused move of this and following, the start typed: the message then goes
    /// beside that field.
    move_start: Option<String>,
}

impl Refused {
    /// A refusal shown above the page, with no field to refill.
    fn plain(status: StatusCode, message: String) -> Self {
        Self {
            status,
            message,
            reason: String::new(),
            move_start: None,
        }
    }
}

/// Renders the appointment page shown in the zone named `zone_name` (else its provider's),
/// with the refusal of a failed action.
async fn page_response(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    view: &AppointmentView,
    zone_name: &str,
    refused: Option<Refused>,
) -> PageResult {
    let appointment = &view.appointment;
    let language = language_of(layout);
    let provider_zone = view.service.as_ref().map_or(Zone::UTC, |s| s.provider_zone);
    let zone = zone_or(zone_name, provider_zone);
    let mut row = AppointmentRow::new(view, actor, (zone, &language), state.clock.now());
    mark_conflicts(
        state,
        actor,
        std::slice::from_ref(view),
        std::slice::from_mut(&mut row),
    )
    .await?;
    let start = appointment.session.start();
    let (status, error, reason, move_start, move_error) = match refused {
        Some(r) => match r.move_start {
            Some(typed) => (r.status, None, r.reason, typed, Some(r.message)),
            None => (r.status, Some(r.message), r.reason, String::new(), None),
        },
        None => (StatusCode::OK, None, String::new(), String::new(), None),
    };
    let move_start = if move_error.is_some() {
        move_start
    } else {
        series_move::local_input(start, zone)
    };
    let page = AppointmentPage {
        appointment: row,
        zone: zone.name().to_owned(),
        when_for_provider: (provider_zone != zone)
            .then(|| present::moment_in(&language, start, provider_zone)),
        is_customer: actor.party_in(appointment) == Some(Party::Customer),
        error,
        reason,
        review: super::reviews::of_appointment(state, actor, appointment.id, &language).await?,
        proposed_move: proposed_move(state, actor, appointment.id)
            .await?
            .map(|start| present::moment_in(&language, start, zone)),
        held_until: state
            .use_cases
            .answer_hold
            .pending(actor, appointment.id)
            .await
            .map_err(|e| internal(&e, "reading a hold failed"))?
            .map(|hold| present::moment_in(&language, hold.expires_at, zone)),
        move_start,
        move_error,
    };
    Ok(state
        .templates
        .respond(status, "appointment.html", layout, &page))
}

/// The start of the move waiting for the customer's answer on appointment `id`, if any.
async fn proposed_move(
    state: &SharedState,
    actor: &Actor,
    id: AppointmentId,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, poem::Error> {
    match state.use_cases.answer_move.pending(actor, id).await {
        Ok(proposal) => Ok(proposal.map(|p| p.start)),
        Err(AnswerMoveError::Store(e)) => Err(internal(&e, "reading a proposed move failed")),
        // The page's own read has authorized the actor already.
        Err(_) => Ok(None),
    }
}

/// `GET /appointments/{id}` (and `/appointments/{id}.ics`, the calendar download): one
/// appointment, for its customer, its provider and staff.
#[handler]
pub async fn show(
    state: Data<&SharedState>,
    SignedIn {
        actor, mut layout, ..
    }: SignedIn,
    Path(raw): Path<String>,
    Query(query): Query<ShowQuery>,
) -> PageResult {
    let ics = raw.strip_suffix(".ics");
    let Ok(id) = ics.unwrap_or(&raw).parse::<AppointmentId>() else {
        return Ok(not_found(&state, &layout));
    };
    if ics.is_some() {
        return calendar(&state, &layout, &actor, id).await;
    }
    let view = match load(&state, &layout, &actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let notice = match query.done.as_str() {
        "cancelled" => Some("h-book-done-cancelled"),
        "rescheduled" => Some("h-book-done-rescheduled"),
        "moved_following" => Some("h-book-done-moved-following"),
        "kept" => Some("h-book-done-kept"),
        "confirmed" => Some("h-book-done-confirmed"),
        "booked" => Some("h-book-done-booked"),
        "released" => Some("h-book-done-released"),
        "completed" => Some("h-book-done-completed"),
        "no_show" => Some("h-book-done-no-show"),
        "reviewed" => Some("h-book-done-reviewed"),
        "replied" => Some("h-book-done-replied"),
        _ => None,
    };
    if let Some(key) = notice {
        let text = say(&language_of(&layout), key);
        layout = layout.with_notice(text);
    }
    page_response(&state, &layout, &actor, &view, &query.zone, None).await
}

/// The `.ics` download of one appointment.
async fn calendar(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    id: AppointmentId,
) -> PageResult {
    match state.use_cases.appointment_calendar.run(actor, id).await {
        Ok(document) => Ok(document
            .with_content_type("text/calendar; charset=utf-8")
            .with_header(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"appointment-{id}.ics\""),
            )
            .into_response()),
        Err(AppointmentCalendarError::NotFound) => Ok(not_found(state, layout)),
        Err(AppointmentCalendarError::Forbidden) => Ok(not_yours(state, layout)),
        Err(e @ (AppointmentCalendarError::Render(_) | AppointmentCalendarError::Store(_))) => {
            Err(internal(&e, "writing an appointment's calendar failed"))
        }
    }
}

/// A form acting on an appointment: the zone to come back to and where to go afterwards.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    zone: String,
    reason: String,
    change: String,
    back: String,
}

impl ActionForm {
    /// Where to go after success: the dashboard, or the appointment page with a notice.
    fn done(&self, id: AppointmentId, what: &str) -> Response {
        if self.back == "dashboard" {
            return redirect(&format!("/dashboard?done={what}"));
        }
        let query = serde_urlencoded::to_string([("zone", self.zone.as_str()), ("done", what)])
            .unwrap_or_default();
        redirect(&format!("/appointments/{id}?{query}"))
    }
}

/// The status and message (in `language`) for a refused change.
fn refusal(language: &Language, e: &LifecycleError) -> (StatusCode, String) {
    let status = match e {
        LifecycleError::Rejected(BookingRejection::SlotTaken) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    (status, refusals::lifecycle(language, e))
}

/// "The appointment was changed meanwhile, please try again." in `language`: a conflict.
fn changed_meanwhile(language: &Language) -> (StatusCode, String) {
    (
        StatusCode::CONFLICT,
        say(language, "h-book-changed-meanwhile"),
    )
}

/// `POST /appointments/{id}/cancel`: either party cancels, with an optional reason.
#[handler]
pub async fn cancel(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    cancel_from(&state, &layout, &actor, id, &form, Scope::One).await
}

/// `POST /appointments/{id}/cancel-following`: either party cancels an occurrence of a series
/// and every later one, together.
#[handler]
pub async fn cancel_following(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    cancel_from(&state, &layout, &actor, id, &form, Scope::Following).await
}

/// `POST /appointments/{id}/cancel-class`: the provider (or staff) cancels the whole class
/// occurrence appointment `id` is a seat of; every attendee is notified.
#[handler]
pub async fn cancel_class(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    cancel_from(&state, &layout, &actor, id, &form, Scope::Class).await
}

/// What a cancellation covers.
#[derive(Clone, Copy)]
enum Scope {
    /// The appointment.
    One,
    /// The appointment and the later occurrences of its series.
    Following,
    /// Every seat of the class occurrence the appointment is a seat of.
    Class,
}

/// Cancels appointment `id` and what else `scope` names.
async fn cancel_from(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    id: AppointmentId,
    form: &ActionForm,
    scope: Scope,
) -> PageResult {
    let view = match load(state, layout, actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let language = language_of(layout);
    let reason = match form.reason.trim() {
        "" => None,
        text => match Note::parse(text) {
            Ok(note) => Some(note),
            Err(e) => {
                let refused = Refused {
                    status: StatusCode::UNPROCESSABLE_ENTITY,
                    message: say_with(
                        &language,
                        "h-book-reason-invalid",
                        [("error", arg(&refusals::text_error(&language, &e)))],
                    ),
                    reason: form.reason.clone(),
                    move_start: None,
                };
                return page_response(state, layout, actor, &view, &form.zone, Some(refused)).await;
            }
        },
    };
    let use_case = &state.use_cases.cancel;
    let cancelled = match scope {
        Scope::One => use_case.run(actor, id, reason).await.map(drop),
        Scope::Following => use_case
            .run_this_and_following(actor, id, reason)
            .await
            .map(drop),
        Scope::Class => use_case.run_occurrence(actor, id, reason).await.map(drop),
    };
    let (status, message) = match cancelled {
        Ok(()) => return Ok(form.done(id, "cancelled")),
        Err(CancelAppointmentError::NotFound) => return Ok(not_found(state, layout)),
        Err(CancelAppointmentError::Forbidden) => return Ok(not_yours(state, layout)),
        Err(CancelAppointmentError::Rejected(e)) => refusal(&language, &e),
        Err(CancelAppointmentError::ChangedMeanwhile) => changed_meanwhile(&language),
        Err(CancelAppointmentError::Store(e)) => return Err(internal(&e, "cancelling failed")),
    };
    let refused = Refused {
        status,
        message: say_with(
            &language,
            "h-book-not-cancelled",
            [("error", arg(&message))],
        ),
        reason: form.reason.clone(),
        move_start: None,
    };
    page_response(state, layout, actor, &view, &form.zone, Some(refused)).await
}

/// `POST /appointments/{id}/move`: the customer accepts (`answer=accept`) or declines
/// (`answer=decline`) the move their provider made in their own calendar.
#[handler]
pub async fn answer_move(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    let view = match load(&state, &layout, &actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let language = language_of(&layout);
    let moves = &state.use_cases.answer_move;
    let answered = match form.change.as_str() {
        "accept" => moves.accept(&actor, id).await.map(|_| "rescheduled"),
        "decline" => moves.decline(&actor, id).await.map(|()| "kept"),
        _ => return Err(poem::Error::from_status(StatusCode::BAD_REQUEST)),
    };
    let (status, message) = match answered {
        Ok(done) => return Ok(form.done(id, done)),
        Err(AnswerMoveError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(AnswerMoveError::Forbidden) => {
            return Ok(forbidden(
                &state,
                &layout,
                &say(&language, "h-book-answer-forbidden-title"),
                &say(&language, "h-book-answer-forbidden"),
            ));
        }
        Err(AnswerMoveError::Rejected(e)) => refusal(&language, &e),
        Err(AnswerMoveError::NoProposal) => {
            (StatusCode::CONFLICT, say(&language, "h-book-no-proposal"))
        }
        Err(AnswerMoveError::Store(e)) => return Err(internal(&e, "answering a move failed")),
    };
    let refused = Refused::plain(status, message);
    page_response(&state, &layout, &actor, &view, &form.zone, Some(refused)).await
}

/// `POST /appointments/{id}/hold`: the customer accepts (`change=accept`) or declines
/// (`change=decline`) the place held for them from the waitlist.
#[handler]
pub async fn answer_hold(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    let view = match load(&state, &layout, &actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let (answer, done) = match form.change.as_str() {
        "accept" => (HoldAnswer::Accept, "booked"),
        "decline" => (HoldAnswer::Decline, "released"),
        _ => return Err(poem::Error::from_status(StatusCode::BAD_REQUEST)),
    };
    let (status, message) = match state.use_cases.answer_hold.run(&actor, id, answer).await {
        Ok(_) => return Ok(form.done(id, done)),
        Err(AnswerHoldError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(AnswerHoldError::Rejected(e)) => refusal(&language_of(&layout), &e),
        Err(AnswerHoldError::Store(e)) => return Err(internal(&e, "answering a hold failed")),
    };
    let refused = Refused::plain(status, message);
    page_response(&state, &layout, &actor, &view, &form.zone, Some(refused)).await
}

/// `POST /appointments/{id}/status`: the provider confirms, completes or marks a no-show.
#[handler]
pub async fn change_status(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<ActionForm>,
) -> PageResult {
    let view = match load(&state, &layout, &actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let (change, done) = match form.change.as_str() {
        "confirm" => (StatusChange::Confirm, "confirmed"),
        "complete" => (StatusChange::Complete, "completed"),
        "no_show" => (StatusChange::NoShow, "no_show"),
        _ => return Err(poem::Error::from_status(StatusCode::BAD_REQUEST)),
    };
    let language = language_of(&layout);
    let (status, message) = match state.use_cases.update_status.run(&actor, id, change).await {
        Ok(_) => return Ok(form.done(id, done)),
        Err(UpdateAppointmentStatusError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(UpdateAppointmentStatusError::Forbidden) => {
            return Ok(forbidden(
                &state,
                &layout,
                &say(&language, "h-book-status-forbidden-title"),
                &say(&language, "h-book-status-forbidden"),
            ));
        }
        Err(UpdateAppointmentStatusError::Rejected(e)) => refusal(&language, &e),
        Err(UpdateAppointmentStatusError::ChangedMeanwhile) => changed_meanwhile(&language),
        Err(UpdateAppointmentStatusError::Store(e)) => {
            return Err(internal(&e, "changing a status failed"));
        }
    };
    let refused = Refused::plain(status, message);
    page_response(&state, &layout, &actor, &view, &form.zone, Some(refused)).await
}

/// The new time picked on the service page's slot picker.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RescheduleForm {
    start: String,
    zone: String,
}

#[derive(Serialize)]
struct ReschedulePage<'a> {
    appointment: AppointmentRow,
    form: &'a RescheduleForm,
    new_when: String,
    picker_url: String,
    error: Option<String>,
}

/// Shows the move from the current time to the picked `start`, with the refusal of a failed
/// move.
fn reschedule_response(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    view: &AppointmentView,
    (form, start): (&RescheduleForm, DateTime<Utc>),
    refused: Option<Refused>,
) -> Response {
    let appointment = &view.appointment;
    let language = language_of(layout);
    let zone = zone_or(
        &form.zone,
        view.service.as_ref().map_or(Zone::UTC, |s| s.provider_zone),
    );
    let (status, error) = refused.map_or((StatusCode::OK, None), |r| (r.status, Some(r.message)));
    let page = ReschedulePage {
        appointment: AppointmentRow::new(view, actor, (zone, &language), state.clock.now()),
        form,
        new_when: present::moment_in(&language, start, zone),
        picker_url: format!(
            "/services/{}?{}",
            appointment.service,
            serde_urlencoded::to_string([
                ("zone", zone.name()),
                ("reschedule", appointment.id.to_string().as_str()),
            ])
            .unwrap_or_default()
        ),
        error,
    };
    state
        .templates
        .respond(status, "reschedule.html", layout, &page)
}

/// `GET /appointments/{id}/reschedule?start=…&zone=…`: confirm the move to the picked time.
#[handler]
pub async fn reschedule_form(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Query(form): Query<RescheduleForm>,
) -> PageResult {
    let view = match load(&state, &layout, &actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let Ok(start) = form.start.parse::<DateTime<Utc>>() else {
        return Ok(redirect(&format!("/appointments/{id}")));
    };
    Ok(reschedule_response(
        &state,
        &layout,
        &actor,
        &view,
        (&form, start),
        None,
    ))
}

/// `POST /appointments/{id}/reschedule`: moves the appointment to the picked time.
#[handler]
pub async fn reschedule(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<RescheduleForm>,
) -> PageResult {
    let view = match load(&state, &layout, &actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let Ok(start) = form.start.parse::<DateTime<Utc>>() else {
        return Ok(redirect(&format!("/appointments/{id}")));
    };
    let language = language_of(&layout);
    let (status, message) = match state.use_cases.reschedule.run(&actor, id, start).await {
        Ok(_) => {
            let query = serde_urlencoded::to_string([
                ("zone", form.zone.as_str()),
                ("done", "rescheduled"),
            ])
            .unwrap_or_default();
            return Ok(redirect(&format!("/appointments/{id}?{query}")));
        }
        Err(RescheduleAppointmentError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(RescheduleAppointmentError::Forbidden) => return Ok(not_yours(&state, &layout)),
        Err(RescheduleAppointmentError::Rejected(e)) => refusal(&language, &e),
        Err(RescheduleAppointmentError::ChangedMeanwhile) => changed_meanwhile(&language),
        Err(RescheduleAppointmentError::Store(e)) => {
            return Err(internal(&e, "rescheduling failed"));
        }
    };
    let refused = Refused {
        status,
        message: say_with(&language, "h-book-not-moved", [("error", arg(&message))]),
        reason: String::new(),
        move_start: None,
    };
    Ok(reschedule_response(
        &state,
        &layout,
        &actor,
        &view,
        (&form, start),
        Some(refused),
    ))
}
