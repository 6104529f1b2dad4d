//! Booking a recurring series from a chosen slot: the preview of every occurrence (free, or
//! why not) with the two choices, then the booking and its confirmation.

use application::Actor;
use application::book_appointment::BookError;
use application::book_series::{BookSeriesError, SeriesBooking, SeriesChoice};
use application::ports::{IdempotencyKey, ServiceListing, random_hex};
use application::preview_series::{OccurrenceCheck, SeriesRequest};
use chrono::{DateTime, Utc};
use domain::{Language, Note, Repeat, Zone};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use serde::{Deserialize, Serialize};

use super::booking::{listing, parse_zone, refusal, too_many_bookings};
use super::catalog::ServiceCard;
use super::{PageResult, internal, not_found, redirect};
use crate::guards::{PathId, SignedIn};
use crate::present::{self, language_of, say};
use crate::refusals;
use crate::render::Layout;
use crate::state::SharedState;

/// The series as the confirmation form and the preview page submit it.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SeriesForm {
    start: String,
    zone: String,
    every: String,
    times: String,
    note: String,
    choice: String,
    /// Fresh for each preview, so a double click or a resubmitted form books once.
    idempotency_key: String,
}

/// One occurrence as the pages list it.
#[derive(Serialize)]
struct OccurrenceRow {
    when: String,
    free: bool,
    reason: Option<String>,
    url: Option<String>,
}

/// A choice in a select.
#[derive(Serialize)]
struct Choice {
    value: u8,
    label: String,
    selected: bool,
}

fn choices(
    values: std::ops::RangeInclusive<u8>,
    chosen: &str,
    label: fn(u8) -> String,
) -> Vec<Choice> {
    values
        .map(|value| Choice {
            value,
            label: label(value),
            selected: chosen == value.to_string(),
        })
        .collect()
}

#[derive(Serialize)]
struct SeriesPage<'a> {
    service: ServiceCard,
    form: &'a SeriesForm,
    every_options: Vec<Choice>,
    times_options: Vec<Choice>,
    zone_name: &'static str,
    occurrences: Vec<OccurrenceRow>,
    free_count: usize,
    total: usize,
    error: Option<String>,
    repeat_error: Option<String>,
    note_error: Option<String>,
    choice_error: Option<String>,
}

#[derive(Serialize)]
struct BookedPage {
    service: ServiceCard,
    zone_name: &'static str,
    booked: Vec<OccurrenceRow>,
    skipped: Vec<OccurrenceRow>,
}

/// What the forms ask for, once parsed.
struct Parsed {
    listing: ServiceListing,
    start: DateTime<Utc>,
    zone: Zone,
    /// The page's language.
    language: Language,
}

fn rows(checks: &[OccurrenceCheck], zone: Zone, language: &Language) -> Vec<OccurrenceRow> {
    checks
        .iter()
        .map(|o| OccurrenceRow {
            when: present::moment_in(language, o.start, zone),
            free: o.refusal.is_none(),
            reason: o.refusal.as_ref().map(|r| refusals::rejection(language, r)),
            url: None,
        })
        .collect()
}

fn blank_page<'a>(parsed: &Parsed, form: &'a SeriesForm) -> SeriesPage<'a> {
    SeriesPage {
        service: ServiceCard::new(&parsed.listing, &parsed.language),
        form,
        every_options: choices(1..=Repeat::MAX_EVERY_WEEKS, &form.every, |n| match n {
            1 => "week".to_owned(),
            n => format!("{n} weeks"),
        }),
        times_options: choices(2..=Repeat::MAX_COUNT, &form.times, |n| format!("{n} times")),
        zone_name: parsed.zone.name(),
        occurrences: Vec::new(),
        free_count: 0,
        total: 0,
        error: None,
        repeat_error: None,
        note_error: None,
        choice_error: None,
    }
}

/// The series `form` asks for, or the messages for the fields that are wrong.
fn request(parsed: &Parsed, form: &SeriesForm, page: &mut SeriesPage<'_>) -> Option<SeriesRequest> {
    let language = &parsed.language;
    let repeat = match (form.every.parse::<u8>(), form.times.parse::<u8>()) {
        (Ok(every), Ok(times)) => {
            Repeat::new(every, times).map_err(|e| refusals::series_error(language, &e))
        }
        _ => Err(say(language, "h-book-series-repeat-invalid")),
    };
    let note = match form.note.trim() {
        "" => Ok(None),
        text => Note::parse(text)
            .map(Some)
            .map_err(|e| refusals::text_error(language, &e)),
    };
    match (repeat, note) {
        (Ok(repeat), Ok(note)) => Some(SeriesRequest {
            service: parsed.listing.service.id,
            first: parsed.start,
            repeat,
            note,
        }),
        (repeat, note) => {
            page.repeat_error = repeat.err();
            page.note_error = note.err();
            None
        }
    }
}

/// The listing, start and zone of `form`, or the response to give instead.
async fn parse(
    state: &SharedState,
    actor: &Actor,
    layout: &Layout,
    id: domain::ServiceId,
    form: &SeriesForm,
) -> Result<Result<Parsed, poem::Response>, poem::Error> {
    let Some(listing) = listing(state, actor, id).await? else {
        return Ok(Err(not_found(state, layout)));
    };
    let Ok(start) = form.start.parse::<DateTime<Utc>>() else {
        return Ok(Err(redirect(&format!("/services/{id}"))));
    };
    let zone = parse_zone(&form.zone, listing.provider_zone);
    Ok(Ok(Parsed {
        listing,
        start,
        zone,
        language: language_of(layout),
    }))
}

/// Fills `page` with the preview of `request`; `Err` with the status and message for a
/// refusal of the whole series.
async fn preview_into(
    state: &SharedState,
    actor: &Actor,
    request: &SeriesRequest,
    (zone, language): (Zone, &Language),
    page: &mut SeriesPage<'_>,
) -> Result<Option<StatusCode>, poem::Error> {
    match state.use_cases.preview_series.run(actor, request).await {
        Ok(checks) => {
            page.free_count = checks.iter().filter(|c| c.refusal.is_none()).count();
            page.total = checks.len();
            page.occurrences = rows(&checks, zone, language);
            Ok(None)
        }
        Err(e) => refused(e, language, page).map(Some),
    }
}

/// Puts a refusal of the whole series on `page`; its status (404: the service is gone).
fn refused(
    e: BookError,
    language: &Language,
    page: &mut SeriesPage<'_>,
) -> poem::Result<StatusCode> {
    Ok(match refusal(e, language)? {
        Some((status, message)) => {
            page.error = Some(message);
            status
        }
        None => StatusCode::NOT_FOUND,
    })
}

/// `GET /services/{id}/series?start=…&zone=…&every=…&times=…`: every occurrence, free or
/// why not, with the choice of booking the free ones or all or none.
#[handler]
pub async fn preview(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<domain::ServiceId>,
    Query(mut form): Query<SeriesForm>,
) -> PageResult {
    let parsed = match parse(&state, &actor, &layout, id, &form).await? {
        Ok(parsed) => parsed,
        Err(response) => return Ok(response),
    };
    parsed.zone.name().clone_into(&mut form.zone);
    form.idempotency_key =
        random_hex().map_err(|e| internal(e.as_ref(), "the random source failed"))?;
    let mut page = blank_page(&parsed, &form);
    let status = match request(&parsed, &form, &mut page) {
        None => StatusCode::UNPROCESSABLE_ENTITY,
        Some(request) => preview_into(
            &state,
            &actor,
            &request,
            (parsed.zone, &parsed.language),
            &mut page,
        )
        .await?
        .unwrap_or(StatusCode::OK),
    };
    if status == StatusCode::NOT_FOUND {
        return Ok(not_found(&state, &layout));
    }
    Ok(state
        .templates
        .respond(status, "series.html", &layout, &page))
}

/// `POST /services/{id}/series`: books the series as chosen and confirms what was booked.
#[handler]
pub async fn book(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<domain::ServiceId>,
    Form(form): Form<SeriesForm>,
) -> PageResult {
    let parsed = match parse(&state, &actor, &layout, id, &form).await? {
        Ok(parsed) => parsed,
        Err(response) => return Ok(response),
    };
    let mut page = blank_page(&parsed, &form);
    let choice = match form.choice.as_str() {
        "only_free" => Some(SeriesChoice::OnlyFree),
        "all_or_none" => Some(SeriesChoice::AllOrNone),
        _ => None,
    };
    let Some(request) = request(&parsed, &form, &mut page) else {
        return Ok(state.templates.respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            "series.html",
            &layout,
            &page,
        ));
    };
    let Some(choice) = choice else {
        page.choice_error = Some(say(&parsed.language, "h-book-series-choose"));
        let shown = (parsed.zone, &parsed.language);
        preview_into(&state, &actor, &request, shown, &mut page).await?;
        return Ok(state.templates.respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            "series.html",
            &layout,
            &page,
        ));
    };
    if let Some(refusal) = too_many_bookings(&state, &actor, &parsed.language).await? {
        page.error = Some(refusal);
        return Ok(state.templates.respond(
            StatusCode::TOO_MANY_REQUESTS,
            "series.html",
            &layout,
            &page,
        ));
    }
    let status = match state
        .use_cases
        .book_series
        .run(
            &actor,
            &request,
            choice,
            IdempotencyKey::parse(&form.idempotency_key),
        )
        .await
    {
        Ok(booking) => {
            let booked = booked_page(&parsed, &booking);
            return Ok(state.templates.respond(
                StatusCode::OK,
                "series_booked.html",
                &layout,
                &booked,
            ));
        }
        Err(BookSeriesError::NotAllFree(_)) => {
            page.error = Some(say(&parsed.language, "h-book-series-not-all-free"));
            StatusCode::CONFLICT
        }
        Err(BookSeriesError::NothingFree) => {
            page.error = Some(say(&parsed.language, "h-book-series-nothing-free"));
            StatusCode::CONFLICT
        }
        Err(BookSeriesError::Book(e)) => match refused(e, &parsed.language, &mut page)? {
            StatusCode::NOT_FOUND => return Ok(not_found(&state, &layout)),
            status => status,
        },
    };
    if status == StatusCode::CONFLICT {
        let shown = (parsed.zone, &parsed.language);
        preview_into(&state, &actor, &request, shown, &mut page).await?;
    }
    Ok(state
        .templates
        .respond(status, "series.html", &layout, &page))
}

fn booked_page(parsed: &Parsed, booking: &SeriesBooking) -> BookedPage {
    let (zone, language) = (parsed.zone, &parsed.language);
    let query = serde_urlencoded::to_string([("zone", zone.name())]).unwrap_or_default();
    BookedPage {
        service: ServiceCard::new(&parsed.listing, language),
        zone_name: zone.name(),
        booked: booking
            .booked
            .iter()
            .map(|a| OccurrenceRow {
                when: present::moment_in(language, a.session.start(), zone),
                free: true,
                reason: None,
                url: Some(format!("/appointments/{}?{query}", a.id)),
            })
            .collect(),
        skipped: rows(&booking.skipped, zone, language),
    }
}
