//! Booking a chosen slot: confirm (with a note), book, and the appointment's page.

use application::Actor;
use application::book_appointment::{BookError, BookingInput};
use application::get_service::GetServiceError;
use application::ports::{IdempotencyKey, ServiceListing, random_hex};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{BookingRejection, Language, Note, ServiceId, TimeRange, Zone};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use serde::{Deserialize, Serialize};

use super::catalog::ServiceCard;
use super::{PageResult, internal, not_found, redirect};
use crate::guards::{PathId, SignedIn};
use crate::limits::Admission;
use crate::present::{self, language_of, number_arg, say, say_with};
use crate::refusals;
use crate::state::SharedState;

/// The chosen slot, as the service page links to it.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct BookingForm {
    start: String,
    zone: String,
    note: String,
    idempotency_key: String,
}

#[derive(Serialize)]
struct SlotLink {
    label: String,
    url: String,
}

#[derive(Serialize)]
struct BookPage<'a> {
    service: ServiceCard,
    form: &'a BookingForm,
    when: String,
    when_for_provider: Option<String>,
    error: Option<String>,
    note_error: Option<String>,
    alternatives: Vec<SlotLink>,
}

/// The zone named by `raw`, else `fallback`.
pub(super) fn parse_zone(raw: &str, fallback: Zone) -> Zone {
    Zone::parse(raw).unwrap_or(fallback)
}

/// Service `id` as `actor` sees it; `None` when it is hidden or gone.
pub(super) async fn listing(
    state: &SharedState,
    actor: &Actor,
    id: ServiceId,
) -> Result<Option<ServiceListing>, poem::Error> {
    match state.use_cases.get_service.run(Some(actor), id).await {
        Ok(listing) => Ok(Some(listing)),
        Err(GetServiceError::NotFound) => Ok(None),
        Err(GetServiceError::Store(e)) => Err(internal(&e, "reading a service failed")),
    }
}

fn book_page<'a>(
    listing: &ServiceListing,
    form: &'a BookingForm,
    (start, zone): (DateTime<Utc>, Zone),
    language: &Language,
) -> BookPage<'a> {
    let provider_zone = listing.provider_zone;
    BookPage {
        service: ServiceCard::new(listing, language),
        form,
        when: present::moment_in(language, start, zone),
        when_for_provider: (provider_zone != zone)
            .then(|| present::moment_in(language, start, provider_zone)),
        error: None,
        note_error: None,
        alternatives: Vec::new(),
    }
}

/// `GET /services/{id}/book?start=…&zone=…`: the confirmation form.
#[handler]
pub async fn confirm(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ServiceId>,
    Query(mut form): Query<BookingForm>,
) -> PageResult {
    let Some(listing) = listing(&state, &actor, id).await? else {
        return Ok(not_found(&state, &layout));
    };
    let Ok(start) = form.start.parse::<DateTime<Utc>>() else {
        return Ok(redirect(&format!("/services/{id}")));
    };
    let zone = parse_zone(&form.zone, listing.provider_zone);
    zone.name().clone_into(&mut form.zone);
    // A fresh key per confirmation form: a double click or a resubmitted form books once.
    form.idempotency_key =
        random_hex().map_err(|e| internal(e.as_ref(), "the random source failed"))?;
    let page = book_page(&listing, &form, (start, zone), &language_of(&layout));
    Ok(state
        .templates
        .respond(StatusCode::OK, "book.html", &layout, &page))
}

/// `POST /services/{id}/book`: books the slot and shows the appointment.
#[handler]
pub async fn book(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ServiceId>,
    Form(form): Form<BookingForm>,
) -> PageResult {
    let Some(listing) = listing(&state, &actor, id).await? else {
        return Ok(not_found(&state, &layout));
    };
    let zone = parse_zone(&form.zone, listing.provider_zone);
    let Ok(start) = form.start.parse::<DateTime<Utc>>() else {
        return Ok(redirect(&format!("/services/{id}")));
    };
    let language = language_of(&layout);
    let mut page = book_page(&listing, &form, (start, zone), &language);
    let note = match form.note.trim() {
        "" => None,
        text => match Note::parse(text) {
            Ok(note) => Some(note),
            Err(e) => {
                page.note_error = Some(refusals::text_error(&language, &e));
                return Ok(state.templates.respond(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "book.html",
                    &layout,
                    &page,
                ));
            }
        },
    };
    if let Some(refusal) = too_many_bookings(&state, &actor, &language).await? {
        page.error = Some(refusal);
        return Ok(state.templates.respond(
            StatusCode::TOO_MANY_REQUESTS,
            "book.html",
            &layout,
            &page,
        ));
    }
    let input = BookingInput {
        service: listing.service.id,
        start,
        note,
        idempotency_key: IdempotencyKey::parse(&form.idempotency_key),
    };
    let status = match state.use_cases.book.run(&actor, input).await {
        Ok(booked) => {
            let query = serde_urlencoded::to_string([("zone", zone.name())]).unwrap_or_default();
            return Ok(redirect(&format!(
                "/appointments/{}?{query}",
                booked.appointment.id
            )));
        }
        Err(e) => match refusal(e, &language)? {
            None => return Ok(not_found(&state, &layout)),
            Some((status, message)) => {
                page.error = Some(message);
                if status == StatusCode::CONFLICT {
                    page.alternatives =
                        alternatives(&state, &actor, &listing, (start, zone), &language).await?;
                }
                status
            }
        },
    };
    Ok(state.templates.respond(status, "book.html", &layout, &page))
}

/// How a booking page (one time or a series) answers the booking door's refusal: the status
/// and the sentence (in `language`) beside the form, or `None` when the service does not exist
/// (not found).
pub(super) fn refusal(
    e: BookError,
    language: &Language,
) -> poem::Result<Option<(StatusCode, String)>> {
    Ok(Some(match e {
        BookError::UnknownService => return Ok(None),
        BookError::Store(e) => return Err(internal(&e, "booking failed")),
        BookError::Rejected(BookingRejection::SlotTaken) => (
            StatusCode::CONFLICT,
            say(language, "h-book-slot-taken-sorry"),
        ),
        BookError::Rejected(BookingRejection::ClassFull { places }) => (
            StatusCode::CONFLICT,
            say_with(
                language,
                "h-book-class-full-sorry",
                [("places", number_arg(places))],
            ),
        ),
        BookError::Forbidden => (
            StatusCode::FORBIDDEN,
            say(language, "h-book-err-customers-only"),
        ),
        BookError::KeyReused => (
            StatusCode::UNPROCESSABLE_ENTITY,
            say(language, "h-book-err-key-reused"),
        ),
        BookError::Rejected(rejection) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            refusals::rejection(language, &rejection),
        ),
    }))
}

/// Why `actor` may not book now (the booking door's hourly limit), if they may not, in
/// `language`.
pub(super) async fn too_many_bookings(
    state: &SharedState,
    actor: &Actor,
    language: &Language,
) -> poem::Result<Option<String>> {
    let door = state.limits.doors.booking_customer;
    let admitted = state
        .limits
        .admit(&[(door, &actor.id.to_string())])
        .await
        .map_err(|e| internal(&e, "booking limit unavailable"))?;
    Ok(matches!(admitted, Admission::Refused(_)).then(|| say(language, "h-book-too-many")))
}

/// The next few free times after `after`, for when the chosen one was taken.
async fn alternatives(
    state: &SharedState,
    actor: &Actor,
    listing: &ServiceListing,
    (after, zone): (DateTime<Utc>, Zone),
    language: &Language,
) -> Result<Vec<SlotLink>, poem::Error> {
    let from = after.max(state.clock.now());
    let Ok(window) = TimeRange::new(from, from + TimeDelta::days(7)) else {
        return Ok(Vec::new());
    };
    let free = match state
        .use_cases
        .free_slots
        .run(Some(actor), listing.service.id, window)
        .await
    {
        Ok(free) => free.slots,
        Err(application::list_free_slots::ListFreeSlotsError::Store(e)) => {
            return Err(internal(&e, "listing slots failed"));
        }
        Err(_) => Vec::new(),
    };
    let id = listing.service.id;
    Ok(free
        .into_iter()
        .take(6)
        .map(|start| SlotLink {
            label: present::moment_in(language, start, zone),
            url: format!(
                "/services/{id}/book?{}",
                serde_urlencoded::to_string([
                    ("start", start.to_rfc3339().as_str()),
                    ("zone", zone.name()),
                ])
                .unwrap_or_default()
            ),
        })
        .collect())
}
