//! iCalendar feeds: `GET /calendar/<token>.ics` for calendar apps, and the logged-in user's
//! forms to create, rotate (`POST /account/calendar-feed`) and turn off
//! (`POST /account/calendar-feed/revoke`) their feed address. The profile page places the forms.

use application::calendar_feed::CalendarFeedError;
use application::issue_feed_token::IssueFeedTokenError;
use application::revoke_feed_token::RevokeFeedTokenError;
use poem::http::{StatusCode, header};
use poem::web::{Data, Path};
use poem::{IntoResponse, Response, handler};
use serde::Serialize;

use crate::pages::{PageResult, internal, redirect};
use crate::state::SharedState;
use crate::visitor::Visitor;

/// `GET /calendar/<token>.ics`: the feed, or 404 for an unknown or revoked token.
#[handler]
pub async fn feed(state: Data<&SharedState>, Path(file): Path<String>) -> PageResult {
    let Some(token) = file.strip_suffix(".ics") else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    match state.use_cases.calendar_feed.run(token).await {
        Ok(document) => Ok(document
            .with_content_type("text/calendar; charset=utf-8")
            .with_header(header::CACHE_CONTROL, "private, max-age=300")
            .into_response()),
        Err(CalendarFeedError::UnknownToken) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(e) => Err(internal(&e, "calendar feed failed")),
    }
}

#[derive(Serialize)]
struct FeedPage {
    url: Option<String>,
}

/// `POST /account/calendar-feed`: a new feed address, replacing the old one, shown once.
#[handler]
pub async fn issue(state: Data<&SharedState>, visitor: Visitor) -> PageResult {
    let Some(actor) = visitor.actor() else {
        return Ok(redirect("/login"));
    };
    match state.use_cases.issue_feed_token.run(&actor, actor.id).await {
        Ok(token) => Ok(page(
            &state,
            &visitor,
            StatusCode::OK,
            Some(format!(
                "{}/calendar/{}.ics",
                state.base_url,
                token.expose()
            )),
        )),
        Err(IssueFeedTokenError::NoAppointments) => Ok(StatusCode::NOT_FOUND.into_response()),
        Err(IssueFeedTokenError::Forbidden | IssueFeedTokenError::UnknownUser) => {
            Ok(StatusCode::FORBIDDEN.into_response())
        }
        Err(e) => Err(internal(&e, "issuing a feed token failed")),
    }
}

/// `POST /account/calendar-feed/revoke`: the feed address stops working.
#[handler]
pub async fn revoke(state: Data<&SharedState>, visitor: Visitor) -> PageResult {
    let Some(actor) = visitor.actor() else {
        return Ok(redirect("/login"));
    };
    match state
        .use_cases
        .revoke_feed_token
        .run(&actor, actor.id)
        .await
    {
        Ok(()) => Ok(page(&state, &visitor, StatusCode::OK, None)),
        Err(RevokeFeedTokenError::Forbidden) => Ok(StatusCode::FORBIDDEN.into_response()),
        Err(e) => Err(internal(&e, "revoking a feed token failed")),
    }
}

fn page(
    state: &SharedState,
    visitor: &Visitor,
    status: StatusCode,
    url: Option<String>,
) -> Response {
    state.templates.respond(
        status,
        "calendar_feed.html",
        &visitor.layout(),
        &FeedPage { url },
    )
}
