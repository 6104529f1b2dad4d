//! The calendar services' push notifications for the channels opened on providers' calendars.
//! A notification is only a cue to read (the use case checks the channel's token); each
//! service's handler maps its own way of saying things:
//! - `POST /hooks/google/calendar`: the channel id and token in headers, an empty body;
//! - `POST /hooks/microsoft/calendar?channel=…`: Graph's validation handshake
//!   (`?validationToken=…`, echoed as text) and JSON batches of change and lifecycle
//!   notifications with the token as `clientState`.
//!
//! A notification that passes is answered 200 (Google) or 202 (Graph); a problem document
//! otherwise: 400 for something that is no notification, 404 for an unknown channel, 403 for a
//! wrong token.

use application::receive_calendar_push::{Notification, PushError, Signal};
use poem::web::{Data, Query};
use poem::{Body, IntoResponse, Request, Response, handler, http::StatusCode};
use serde::Deserialize;

use crate::api::problem::Problem;
use crate::state::SharedState;

/// Receives one Google notification.
#[handler]
pub async fn google(state: Data<&SharedState>, req: &Request) -> Response {
    let header = |name: &str| req.header(name).map(str::to_owned);
    let (Some(channel_id), Some(resource_state)) =
        (header("X-Goog-Channel-ID"), header("X-Goog-Resource-State"))
    else {
        return Problem::bad_request("not a Google Calendar notification").into_response();
    };
    let notification = Notification {
        channel_id,
        token: header("X-Goog-Channel-Token").unwrap_or_default(),
        signal: if resource_state == "sync" {
            Signal::Handshake
        } else {
            Signal::Changed
        },
    };
    match receive(&state, &notification).await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(refusal) => refusal,
    }
}

/// What Graph puts in the hook's query.
#[derive(Debug, Deserialize)]
pub struct GraphQuery {
    /// Sent once when a subscription is created: echo it to prove the hook is ours.
    #[serde(rename = "validationToken")]
    validation_token: Option<String>,
    /// Our channel id, put there when the subscription was created.
    channel: Option<String>,
}

/// A batch of Graph notifications.
#[derive(Debug, Deserialize)]
struct GraphBatch {
    value: Vec<GraphNotification>,
}

/// One Graph change or lifecycle notification (only what is checked or acted on).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphNotification {
    client_state: Option<String>,
    lifecycle_event: Option<String>,
}

/// Receives Graph's validation handshake or one batch of its notifications.
#[handler]
pub async fn microsoft(
    state: Data<&SharedState>,
    Query(query): Query<GraphQuery>,
    body: Body,
) -> Response {
    if let Some(token) = query.validation_token {
        return token
            .with_content_type("text/plain; charset=utf-8")
            .into_response();
    }
    let not_ours = || Problem::bad_request("not a Microsoft Graph notification").into_response();
    let Some(channel_id) = query.channel else {
        return not_ours();
    };
    let Ok(bytes) = body.into_bytes().await else {
        return not_ours();
    };
    let Ok(batch) = serde_json::from_slice::<GraphBatch>(&bytes) else {
        return not_ours();
    };
    for item in batch.value {
        let notification = Notification {
            channel_id: channel_id.clone(),
            token: item.client_state.unwrap_or_default(),
            signal: match item.lifecycle_event.as_deref() {
                Some("subscriptionRemoved") => Signal::Ended,
                // A change, missed changes, or a reauthorization due: the worker replaces
                // channels before they end, so each is only a cue to read.
                _ => Signal::Changed,
            },
        };
        if let Err(refusal) = receive(&state, &notification).await {
            return refusal;
        }
    }
    StatusCode::ACCEPTED.into_response()
}

/// Hands `notification` to the use case; the refusal's response if it is refused.
async fn receive(state: &SharedState, notification: &Notification) -> Result<(), Response> {
    match state
        .use_cases
        .receive_calendar_push
        .run(notification)
        .await
    {
        Ok(_) => Ok(()),
        Err(PushError::UnknownChannel) => Err(Problem::not_found("channel").into_response()),
        Err(PushError::WrongToken) => {
            tracing::info!("refused a calendar notification with a wrong token");
            Err(Problem::forbidden("problem-forbidden-channel").into_response())
        }
        Err(PushError::Store(e)) => {
            Err(Problem::internal(&e, "calendar notification").into_response())
        }
    }
}
