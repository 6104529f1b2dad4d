//! The waitlist pages: a customer joins a service's waitlist for a window of days and times
//! (`/services/{id}/waitlist`), sees and leaves their entries (`/waitlist`); a provider sees
//! who waits for their services (`/waitlist` too). Held places are answered on the held
//! appointment's page.

use application::Actor;
use application::get_service::GetServiceError;
use application::join_waitlist::WaitlistError;
use application::list_waitlist::{ListWaitlistError, WaitlistLine};
use application::ports::EntryState;
use chrono::{NaiveDate, NaiveTime};
use domain::{Language, Role, ServiceId, WaitWindow, WaitWindowError, WaitlistEntryId, Zone};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use serde::{Deserialize, Serialize};

use super::dashboard::zone_of;
use super::{PageResult, forbidden, internal, not_found, redirect};
use crate::guards::{PathId, SignedIn};
use crate::present::{self, language_of, say};
use crate::refusals::{wait_window_error, waitlist_error};
use crate::render::Layout;
use crate::state::SharedState;

/// The join form as typed (and its defaults).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct JoinForm {
    first_day: String,
    last_day: String,
    from: String,
    until: String,
    zone: String,
    /// The day picked on the service page, the default for both days.
    date: String,
}

/// Why a field was refused, beside it.
#[derive(Debug, Default, Serialize)]
struct FieldErrors {
    days: Option<String>,
    times: Option<String>,
}

#[derive(Debug, Serialize)]
struct JoinPage {
    service_id: String,
    service_name: String,
    form: JoinForm,
    errors: FieldErrors,
    error: Option<String>,
}

/// `GET /services/{id}/waitlist`: the form, for the day picked on the service page.
#[handler]
pub async fn join_form(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ServiceId>,
    Query(mut form): Query<JoinForm>,
) -> PageResult {
    let Some(name) = service_name(&state, &actor, id).await? else {
        return Ok(not_found(&state, &layout));
    };
    let zone = form_zone(&state, &actor, &form.zone).await?;
    let today = zone.date_of(state.clock.now());
    let day = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| *d >= today)
        .unwrap_or(today)
        .to_string();
    form = JoinForm {
        first_day: day.clone(),
        last_day: day,
        from: "08:00".to_owned(),
        until: "20:00".to_owned(),
        zone: zone.name().to_owned(),
        date: String::new(),
    };
    Ok(join_page(
        &state,
        &layout,
        id,
        name,
        form,
        FieldErrors::default(),
        None,
        StatusCode::OK,
    ))
}

/// `POST /services/{id}/waitlist`: joins, then shows the customer's waitlist.
#[handler]
pub async fn join(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ServiceId>,
    Form(form): Form<JoinForm>,
) -> PageResult {
    let Some(name) = service_name(&state, &actor, id).await? else {
        return Ok(not_found(&state, &layout));
    };
    let zone = form_zone(&state, &actor, &form.zone).await?;
    let language = language_of(&layout);
    let window = match window_of(&form, zone, &language) {
        Ok(window) => window,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(join_page(
                &state, &layout, id, name, form, errors, None, status,
            ));
        }
    };
    let refused = match state.use_cases.join_waitlist.run(&actor, id, window).await {
        Ok(_) => return Ok(redirect("/waitlist?done=joined")),
        Err(WaitlistError::NotFound) => return Ok(not_found(&state, &layout)),
        Err(WaitlistError::Store(e)) => return Err(internal(&e, "joining a waitlist failed")),
        Err(e) => e,
    };
    let status = match refused {
        WaitlistError::Forbidden => StatusCode::FORBIDDEN,
        WaitlistError::AlreadyWaiting => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let error = Some(waitlist_error(&language, &refused));
    Ok(join_page(
        &state,
        &layout,
        id,
        name,
        form,
        FieldErrors::default(),
        error,
        status,
    ))
}

/// The window the form asks for, or what is wrong with it, by field (in `language`).
fn window_of(form: &JoinForm, zone: Zone, language: &Language) -> Result<WaitWindow, FieldErrors> {
    let day = |raw: &str| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
    let time = |raw: &str| NaiveTime::parse_from_str(raw.trim(), "%H:%M").ok();
    let mut errors = FieldErrors::default();
    let (first, last) = (day(&form.first_day), day(&form.last_day));
    if first.is_none() || last.is_none() {
        errors.days = Some(say(language, "h-book-waitlist-days-invalid"));
    }
    let (from, until) = (time(&form.from), time(&form.until));
    if from.is_none() || until.is_none() {
        errors.times = Some(say(language, "h-book-waitlist-times-invalid"));
    }
    let (Some(first), Some(last), Some(from), Some(until)) = (first, last, from, until) else {
        return Err(errors);
    };
    WaitWindow::new(first, last, from, until, zone).map_err(|e| {
        let message = Some(wait_window_error(language, &e));
        match e {
            WaitWindowError::TimesBackwards => FieldErrors {
                times: message,
                ..FieldErrors::default()
            },
            WaitWindowError::DaysBackwards | WaitWindowError::TooLong => FieldErrors {
                days: message,
                ..FieldErrors::default()
            },
        }
    })
}

/// The zone the form names, else the viewer's own.
async fn form_zone(state: &SharedState, actor: &Actor, raw: &str) -> Result<Zone, poem::Error> {
    match Zone::parse(raw) {
        Ok(zone) => Ok(zone),
        Err(_) => zone_of(state, actor).await,
    }
}

/// The name of service `id`, if it exists.
async fn service_name(
    state: &SharedState,
    actor: &Actor,
    id: ServiceId,
) -> Result<Option<String>, poem::Error> {
    match state.use_cases.get_service.run(Some(actor), id).await {
        Ok(listing) => Ok(Some(listing.service.name.as_str().to_owned())),
        Err(GetServiceError::NotFound) => Ok(None),
        Err(GetServiceError::Store(e)) => Err(internal(&e, "reading a service failed")),
    }
}

#[allow(clippy::too_many_arguments)]
fn join_page(
    state: &SharedState,
    layout: &Layout,
    id: ServiceId,
    service_name: String,
    form: JoinForm,
    errors: FieldErrors,
    error: Option<String>,
    status: StatusCode,
) -> poem::Response {
    let page = JoinPage {
        service_id: id.to_string(),
        service_name,
        form,
        errors,
        error,
    };
    state
        .templates
        .respond(status, "waitlist_join.html", layout, &page)
}

/// One entry as the list shows it.
#[derive(Debug, Serialize)]
struct EntryRow {
    id: String,
    service_id: String,
    service_name: String,
    customer_name: String,
    /// "Tue, 3 Mar 2026 – Thu, 5 Mar 2026, 09:00–12:00 (Europe/Paris)".
    window: String,
    joined: String,
    waiting: bool,
    /// The held appointment's page and until when it is held.
    hold_url: Option<String>,
    held_until: Option<String>,
}

impl EntryRow {
    fn new(line: &WaitlistLine, zone: Zone, language: &Language) -> Self {
        let (entry, window) = (&line.entry, &line.entry.window);
        let days = if window.first_day() == window.last_day() {
            present::day_in(language, window.first_day())
        } else {
            format!(
                "{} – {}",
                present::day_in(language, window.first_day()),
                present::day_in(language, window.last_day())
            )
        };
        let hold = entry.hold.filter(|_| entry.state == EntryState::Offered);
        Self {
            id: entry.id.to_string(),
            service_id: entry.service.to_string(),
            service_name: line.service.as_ref().map_or_else(
                || say(language, "h-book-a-service"),
                |n| n.as_str().to_owned(),
            ),
            customer_name: line
                .customer
                .as_ref()
                .map_or_else(String::new, |n| n.as_str().to_owned()),
            window: format!(
                "{days}, {}–{} ({})",
                window.from().format("%H:%M"),
                window.until().format("%H:%M"),
                window.zone().name()
            ),
            joined: present::moment_in(language, entry.joined_at, zone),
            waiting: entry.state == EntryState::Waiting,
            hold_url: hold.map(|h| {
                let query =
                    serde_urlencoded::to_string([("zone", zone.name())]).unwrap_or_default();
                format!("/appointments/{}?{query}", h.appointment)
            }),
            held_until: hold.map(|h| present::moment_in(language, h.expires_at, zone)),
        }
    }
}

#[derive(Debug, Serialize)]
struct ListPage {
    for_provider: bool,
    entries: Vec<EntryRow>,
}

/// The notice after a redirect here.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    done: String,
}

/// `GET /waitlist`: a customer's entries, or who waits for a provider's services.
#[handler]
pub async fn list(
    state: Data<&SharedState>,
    SignedIn {
        actor, mut layout, ..
    }: SignedIn,
    Query(query): Query<ListQuery>,
) -> PageResult {
    let language = language_of(&layout);
    let notice = match query.done.as_str() {
        "joined" => Some("h-book-waitlist-joined"),
        "left" => Some("h-book-waitlist-left"),
        _ => None,
    };
    if let Some(key) = notice {
        layout = layout.with_notice(say(&language, key));
    }
    let zone = zone_of(&state, &actor).await?;
    let for_provider = actor.role == Role::Provider;
    let lines = if for_provider {
        state
            .use_cases
            .list_waitlist
            .of_provider(&actor, actor.id)
            .await
    } else {
        state.use_cases.list_waitlist.mine(&actor).await
    };
    let lines = match lines {
        Ok(lines) => lines,
        Err(ListWaitlistError::Forbidden) => {
            return Ok(forbidden(
                &state,
                &layout,
                &say(&language, "h-book-waitlist-forbidden-title"),
                &say(&language, "h-book-waitlist-forbidden"),
            ));
        }
        Err(ListWaitlistError::Store(e)) => return Err(internal(&e, "reading a waitlist failed")),
    };
    let page = ListPage {
        for_provider,
        entries: lines
            .iter()
            .map(|line| EntryRow::new(line, zone, &language))
            .collect(),
    };
    Ok(state
        .templates
        .respond(StatusCode::OK, "waitlist.html", &layout, &page))
}

/// `POST /waitlist/{id}/leave`: the customer leaves.
#[handler]
pub async fn leave(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<WaitlistEntryId>,
) -> PageResult {
    match state.use_cases.join_waitlist.leave(&actor, id).await {
        Ok(()) => Ok(redirect("/waitlist?done=left")),
        Err(WaitlistError::NotFound) => Ok(not_found(&state, &layout)),
        Err(WaitlistError::Store(e)) => Err(internal(&e, "leaving a waitlist failed")),
        Err(e) => {
            let language = language_of(&layout);
            Ok(forbidden(
                &state,
                &layout,
                &say(&language, "h-book-waitlist-cannot-leave"),
                &waitlist_error(&language, &e),
            ))
        }
    }
}
