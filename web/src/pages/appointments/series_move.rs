//! "Move this and following" on an occurrence's page: a new local start for it, the same shift
//! for every later occurrence of its series.

use application::move_following::MoveFollowingError;
use chrono::{DateTime, NaiveDateTime, Utc};
use domain::{AppointmentId, Zone};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form};
use serde::Deserialize;

use super::{Refused, load, not_yours, page_response, refusal, zone_or};
use crate::guards::{PathId, SignedIn};
use crate::pages::{PageResult, internal, not_found, redirect};
use crate::present::{self, arg, language_of, say, say_with};
use crate::state::SharedState;

/// How the form's field writes a local start (an HTML `datetime-local` value).
const LOCAL_INPUT: &str = "%Y-%m-%dT%H:%M";

/// The new start of the occurrence, as typed in the viewer's zone.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveFollowingForm {
    start: String,
    zone: String,
}

/// `instant` as the form's field shows it in `zone`.
pub(super) fn local_input(instant: DateTime<Utc>, zone: Zone) -> String {
    zone.wall_clock(instant).format(LOCAL_INPUT).to_string()
}

/// The instant `typed` names in `zone` (the earlier one in a fold, the jump in a gap).
fn parse_local(typed: &str, zone: Zone) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(typed.trim(), LOCAL_INPUT)
        .ok()
        .map(|local| zone.earliest_instant(local))
}

/// `POST /appointments/{id}/move-following`: either party moves an occurrence of a series to
/// a new start and every later one by the same shift of the provider's local time, together.
#[handler]
pub async fn move_following(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<MoveFollowingForm>,
) -> PageResult {
    let view = match load(&state, &layout, &actor, id).await? {
        Ok(view) => view,
        Err(page) => return Ok(page),
    };
    let provider_zone = view.service.as_ref().map_or(Zone::UTC, |s| s.provider_zone);
    let zone = zone_or(&form.zone, provider_zone);
    let language = language_of(&layout);
    let (status, message) = match parse_local(&form.start, zone) {
        None => (
            StatusCode::UNPROCESSABLE_ENTITY,
            say_with(
                &language,
                "h-book-move-following-start",
                [(
                    "example",
                    arg(&local_input(view.appointment.session.start(), zone)),
                )],
            ),
        ),
        Some(start) => match state.use_cases.move_following.run(&actor, id, start).await {
            Ok(_) => return Ok(done(id, zone)),
            Err(MoveFollowingError::NotFound) => return Ok(not_found(&state, &layout)),
            Err(MoveFollowingError::Forbidden) => return Ok(not_yours(&state, &layout)),
            Err(MoveFollowingError::Refused { occurrence, reason }) => {
                let (status, why) = refusal(&language, &reason);
                let message = say_with(
                    &language,
                    "h-book-move-following-refused",
                    [
                        (
                            "when",
                            arg(&present::moment_in(&language, occurrence, zone)),
                        ),
                        ("error", arg(&why)),
                    ],
                );
                (status, message)
            }
            Err(MoveFollowingError::Taken) => (
                StatusCode::CONFLICT,
                say(&language, "h-book-move-following-taken"),
            ),
            Err(MoveFollowingError::ChangedMeanwhile) => (
                StatusCode::CONFLICT,
                say(&language, "h-book-series-changed-meanwhile"),
            ),
            Err(MoveFollowingError::Store(e)) => return Err(internal(&e, "moving failed")),
        },
    };
    let refused = Refused {
        status,
        message,
        reason: String::new(),
        move_start: Some(form.start.clone()),
    };
    page_response(&state, &layout, &actor, &view, zone.name(), Some(refused)).await
}

/// The occurrence's page in `zone`, saying what moved.
fn done(id: AppointmentId, zone: Zone) -> poem::Response {
    let query = serde_urlencoded::to_string([("zone", zone.name()), ("done", "moved_following")])
        .unwrap_or_default();
    redirect(&format!("/appointments/{id}?{query}"))
}
