//! `POST /hooks/google/calendar`: Google's push notifications for the channels opened on
//! providers' calendars. The channel id and token come in headers; the body is empty. Answers
//! 200 for the handshake and for a change (the calendar is read soon), a problem document for
//! anything else: 400 without the headers, 404 for an unknown channel, 403 for a wrong token.

use application::receive_calendar_push::{Notification, PushError};
use poem::web::Data;
use poem::{IntoResponse, Request, Response, handler, http::StatusCode};

use crate::api::problem::Problem;
use crate::state::SharedState;

/// Receives one notification.
#[handler]
pub async fn notify(state: Data<&SharedState>, req: &Request) -> Response {
    let header = |name: &str| req.header(name).map(str::to_owned);
    let (Some(channel_id), Some(state_header)) =
        (header("X-Goog-Channel-ID"), header("X-Goog-Resource-State"))
    else {
        return Problem::bad_request("not a Google Calendar notification").into_response();
    };
    let notification = Notification {
        channel_id,
        token: header("X-Goog-Channel-Token").unwrap_or_default(),
        state: state_header,
    };
    match state
        .use_cases
        .receive_calendar_push
        .run(&notification)
        .await
    {
        Ok(_) => StatusCode::OK.into_response(),
        Err(PushError::UnknownChannel) => Problem::not_found("channel").into_response(),
        Err(PushError::WrongToken) => {
            tracing::info!("refused a calendar notification with a wrong token");
            Problem::forbidden("The channel token does not match.").into_response()
        }
        Err(PushError::Store(e)) => Problem::internal(&e, "calendar notification").into_response(),
    }
}
