//! `/api/v1/webhooks`: providers' and admins' webhook endpoints, their secrets, attempts,
//! resends and test messages (see [`application::manage_webhooks`] for who may do what).

use application::manage_webhooks::{EndpointSettings, ManageWebhookError};
use application::ports::{MessageId, WebhookAttempt};
use chrono::{DateTime, Utc};
use domain::{
    EventTypes, WebhookDescription, WebhookEndpoint, WebhookEndpointId, WebhookError, WebhookEvent,
    WebhookScope, WebhookSecret, WebhookUrl,
};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use uuid::Uuid;

use super::problem::{Problem, language};
use super::{ApiAuth, ApiTags};
use crate::refusals;
use crate::state::SharedState;

/// An event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum EventType {
    /// A new booking.
    #[oai(rename = "appointment.booked")]
    AppointmentBooked,
    /// A requested booking was accepted.
    #[oai(rename = "appointment.confirmed")]
    AppointmentConfirmed,
    /// An appointment moved.
    #[oai(rename = "appointment.moved")]
    AppointmentMoved,
    /// An appointment was cancelled.
    #[oai(rename = "appointment.cancelled")]
    AppointmentCancelled,
    /// An appointment took place.
    #[oai(rename = "appointment.completed")]
    AppointmentCompleted,
    /// The customer did not come.
    #[oai(rename = "appointment.no_show")]
    AppointmentNoShow,
    /// A service was created.
    #[oai(rename = "service.created")]
    ServiceCreated,
    /// A service was changed.
    #[oai(rename = "service.updated")]
    ServiceUpdated,
    /// A service was deactivated.
    #[oai(rename = "service.deactivated")]
    ServiceDeactivated,
    /// A test message (never subscribed to).
    #[oai(rename = "ping")]
    Ping,
}

impl From<WebhookEvent> for EventType {
    fn from(e: WebhookEvent) -> Self {
        match e {
            WebhookEvent::AppointmentBooked => Self::AppointmentBooked,
            WebhookEvent::AppointmentConfirmed => Self::AppointmentConfirmed,
            WebhookEvent::AppointmentMoved => Self::AppointmentMoved,
            WebhookEvent::AppointmentCancelled => Self::AppointmentCancelled,
            WebhookEvent::AppointmentCompleted => Self::AppointmentCompleted,
            WebhookEvent::AppointmentNoShow => Self::AppointmentNoShow,
            WebhookEvent::ServiceCreated => Self::ServiceCreated,
            WebhookEvent::ServiceUpdated => Self::ServiceUpdated,
            WebhookEvent::ServiceDeactivated => Self::ServiceDeactivated,
            WebhookEvent::Ping => Self::Ping,
        }
    }
}

/// Whose events an endpoint receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Scope {
    /// Its owner's own services and appointments (a provider's endpoint).
    Own,
    /// Everyone's (an admin's endpoint).
    All,
}

/// A webhook endpoint. Its secret is shown only when created or rotated.
#[derive(Debug, Object)]
#[oai(rename = "WebhookEndpoint")]
pub struct EndpointView {
    /// Its id.
    pub id: Uuid,
    /// Who registered it.
    pub owner_id: Uuid,
    // Described by its type (see `crate::api`).
    pub(crate) scope: Scope,
    /// Where messages are posted.
    pub url: String,
    /// What it is for.
    pub description: String,
    /// The event types it receives.
    pub events: Vec<EventType>,
    /// Whether messages are sent to it.
    pub enabled: bool,
    /// Why it was disabled automatically (absent otherwise).
    #[oai(skip_serializing_if_is_none)]
    pub disabled_reason: Option<String>,
    /// Failed attempts since the last success.
    pub consecutive_failures: u32,
    /// Until when the secret before the last rotation still signs (absent when none does).
    #[oai(skip_serializing_if_is_none)]
    pub previous_secret_until: Option<DateTime<Utc>>,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

impl From<&WebhookEndpoint> for EndpointView {
    fn from(e: &WebhookEndpoint) -> Self {
        Self {
            id: e.id.as_uuid(),
            owner_id: e.owner.as_uuid(),
            scope: match e.scope {
                WebhookScope::Own => Scope::Own,
                WebhookScope::All => Scope::All,
            },
            url: e.url.to_string(),
            description: e.description.as_str().to_owned(),
            events: e.events.iter().map(EventType::from).collect(),
            enabled: e.enabled,
            disabled_reason: e.disabled_reason.clone(),
            consecutive_failures: e.consecutive_failures,
            previous_secret_until: e.previous_secret.as_ref().map(|(_, until)| *until),
            created_at: e.created_at,
        }
    }
}

/// An endpoint as its owner sets it.
#[derive(Debug, Object)]
pub struct EndpointInput {
    /// Where to post: an `https://` (or `http://`) URL whose host resolves to a public address.
    #[oai(validator(min_length = 1, max_length = 2000))]
    pub url: String,
    /// What it is for (at most 200 characters).
    #[oai(validator(max_length = 200))]
    pub description: Option<String>,
    /// The event types to receive (not `ping`, which is sent on request).
    #[oai(validator(min_items = 1, max_items = 9))]
    pub events: Vec<EventType>,
    /// Whether to send messages (default true); enabling a disabled endpoint clears its
    /// failure count.
    pub enabled: Option<bool>,
}

impl EndpointInput {
    fn try_into_settings(self) -> Result<EndpointSettings, Problem> {
        let language = language();
        let invalid = |e: WebhookError| {
            Problem::unprocessable("invalid-webhook", refusals::webhook_error(&language, &e))
        };
        let names: Vec<&str> = self.events.iter().map(|e| e.wire_name()).collect();
        Ok(EndpointSettings {
            url: WebhookUrl::parse(&self.url).map_err(invalid)?,
            description: WebhookDescription::parse(self.description.as_deref().unwrap_or(""))
                .map_err(|e| invalid(e.into()))?,
            events: EventTypes::parse(names).map_err(invalid)?,
            enabled: self.enabled.unwrap_or(true),
        })
    }
}

impl EventType {
    /// The wire name.
    fn wire_name(self) -> &'static str {
        match self {
            Self::AppointmentBooked => WebhookEvent::AppointmentBooked,
            Self::AppointmentConfirmed => WebhookEvent::AppointmentConfirmed,
            Self::AppointmentMoved => WebhookEvent::AppointmentMoved,
            Self::AppointmentCancelled => WebhookEvent::AppointmentCancelled,
            Self::AppointmentCompleted => WebhookEvent::AppointmentCompleted,
            Self::AppointmentNoShow => WebhookEvent::AppointmentNoShow,
            Self::ServiceCreated => WebhookEvent::ServiceCreated,
            Self::ServiceUpdated => WebhookEvent::ServiceUpdated,
            Self::ServiceDeactivated => WebhookEvent::ServiceDeactivated,
            Self::Ping => WebhookEvent::Ping,
        }
        .as_str()
    }
}

/// An endpoint with its new secret, shown this once.
#[derive(Debug, Object)]
pub struct EndpointWithSecret {
    /// The endpoint.
    pub endpoint: EndpointView,
    /// The signing secret (`whsec_` and base64): verify `webhook-signature` with it. It is not
    /// shown again.
    pub secret: String,
}

impl EndpointWithSecret {
    fn new(endpoint: &WebhookEndpoint, secret: &WebhookSecret) -> Self {
        Self {
            endpoint: endpoint.into(),
            secret: secret.expose().to_owned(),
        }
    }
}

/// One attempt to post a message.
#[derive(Debug, Object)]
#[oai(rename = "WebhookAttempt")]
pub struct AttemptView {
    /// The message's `webhook-id` (resend it with this).
    pub message_id: String,
    // Described by its type (see `crate::api`).
    pub(crate) event: EventType,
    /// When the attempt started.
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status (absent when no answer came).
    #[oai(skip_serializing_if_is_none)]
    pub status: Option<u16>,
    /// How long it took, in milliseconds.
    pub duration_ms: u32,
    /// The start of the answer (at most 1 KiB), or why none came.
    pub response: String,
}

impl From<&WebhookAttempt> for AttemptView {
    fn from(a: &WebhookAttempt) -> Self {
        Self {
            message_id: a.message.to_string(),
            event: a.event.into(),
            at: a.at,
            status: a.status,
            duration_ms: a.duration_ms,
            response: a.response.clone(),
        }
    }
}

/// A message queued for sending.
#[derive(Debug, Object)]
pub struct QueuedMessage {
    /// Its `webhook-id`.
    pub message_id: String,
}

/// An endpoint was registered.
#[derive(ApiResponse)]
enum Created {
    /// With its secret, shown this once.
    #[oai(status = 201)]
    Created(Json<EndpointWithSecret>),
}

/// An endpoint was deleted.
#[derive(ApiResponse)]
enum Deleted {
    /// Gone, with its messages and attempts.
    #[oai(status = 204)]
    Done,
}

/// A message was queued.
#[derive(ApiResponse)]
enum Queued {
    /// The worker posts it shortly.
    #[oai(status = 202)]
    Accepted(Json<QueuedMessage>),
}

fn endpoint_id(id: Uuid) -> WebhookEndpointId {
    WebhookEndpointId::from_uuid(id)
}

/// Webhook endpoints.
pub struct WebhooksApi;

#[OpenApi(tag = "ApiTags::Webhooks")]
impl WebhooksApi {
    /// Your webhook endpoints (providers), or every endpoint (staff).
    #[oai(path = "/webhooks", method = "get")]
    async fn list(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<EndpointView>>, Problem> {
        let endpoints = state.use_cases.webhooks.list(&auth.actor()).await?;
        Ok(Json(endpoints.iter().map(EndpointView::from).collect()))
    }

    /// Register an endpoint (providers: for their own events; admins: for everyone's). The
    /// answer carries its signing secret, shown this once.
    #[oai(path = "/webhooks", method = "post")]
    async fn create(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        body: Json<EndpointInput>,
    ) -> Result<Created, Problem> {
        let settings = body.0.try_into_settings()?;
        let (endpoint, secret) = state
            .use_cases
            .webhooks
            .create(&auth.actor(), settings)
            .await?;
        Ok(Created::Created(Json(EndpointWithSecret::new(
            &endpoint, &secret,
        ))))
    }

    /// One endpoint.
    #[oai(path = "/webhooks/:id", method = "get")]
    async fn get(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Json<EndpointView>, Problem> {
        let endpoint = state
            .use_cases
            .webhooks
            .get(&auth.actor(), endpoint_id(id.0))
            .await?;
        Ok(Json((&endpoint).into()))
    }

    /// Change an endpoint: URL, description, event types, enabled.
    #[oai(path = "/webhooks/:id", method = "put")]
    async fn update(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<EndpointInput>,
    ) -> Result<Json<EndpointView>, Problem> {
        let settings = body.0.try_into_settings()?;
        let endpoint = state
            .use_cases
            .webhooks
            .update(&auth.actor(), endpoint_id(id.0), settings)
            .await?;
        Ok(Json((&endpoint).into()))
    }

    /// Delete an endpoint with its messages and attempts.
    #[oai(path = "/webhooks/:id", method = "delete")]
    async fn delete(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Deleted, Problem> {
        state
            .use_cases
            .webhooks
            .delete(&auth.actor(), endpoint_id(id.0))
            .await?;
        Ok(Deleted::Done)
    }

    /// Give an endpoint a new secret, shown this once. The old one keeps signing next to it
    /// (a second `v1,` signature) until `previous_secret_until`, 24 hours by default.
    #[oai(path = "/webhooks/:id/rotate-secret", method = "post")]
    async fn rotate_secret(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Json<EndpointWithSecret>, Problem> {
        let (endpoint, secret) = state
            .use_cases
            .webhooks
            .rotate_secret(&auth.actor(), endpoint_id(id.0))
            .await?;
        Ok(Json(EndpointWithSecret::new(&endpoint, &secret)))
    }

    /// The latest attempts to post to an endpoint (at most 100), newest first.
    #[oai(path = "/webhooks/:id/attempts", method = "get")]
    async fn attempts(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Json<Vec<AttemptView>>, Problem> {
        let attempts = state
            .use_cases
            .webhooks
            .attempts(&auth.actor(), endpoint_id(id.0))
            .await?;
        Ok(Json(attempts.iter().map(AttemptView::from).collect()))
    }

    /// Send a message again, with the same `webhook-id` and body (receivers drop duplicates
    /// by the id).
    #[oai(path = "/webhooks/:id/messages/:message_id/resend", method = "post")]
    async fn resend(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        /// The message's `webhook-id` (`msg_` and 32 hex digits).
        #[oai(validator(pattern = "^msg_[0-9a-f]{32}$"))]
        message_id: Path<String>,
    ) -> Result<Queued, Problem> {
        let message =
            MessageId::parse(&message_id.0).ok_or_else(|| Problem::not_found("message"))?;
        state
            .use_cases
            .webhooks
            .resend(&auth.actor(), endpoint_id(id.0), &message)
            .await?;
        Ok(Queued::Accepted(Json(QueuedMessage {
            message_id: message.to_string(),
        })))
    }

    /// Send a `ping` test message to an endpoint, whatever it subscribes to.
    #[oai(path = "/webhooks/:id/ping", method = "post")]
    async fn ping(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Queued, Problem> {
        let message = state
            .use_cases
            .webhooks
            .ping(&auth.actor(), endpoint_id(id.0))
            .await?;
        Ok(Queued::Accepted(Json(QueuedMessage {
            message_id: message.to_string(),
        })))
    }
}

impl From<ManageWebhookError> for Problem {
    fn from(e: ManageWebhookError) -> Self {
        match e {
            ManageWebhookError::Forbidden => Self::forbidden("problem-forbidden-webhooks"),
            ManageWebhookError::NotFound => Self::not_found("webhook-endpoint"),
            ManageWebhookError::Refused(_) => Self::unprocessable(
                "webhook-target-refused",
                refusals::target_refused(&language(), &e),
            ),
            ManageWebhookError::Random(ref source) => {
                Self::internal(source.as_ref(), "generating a webhook secret failed")
            }
            ManageWebhookError::Store(ref source) => {
                Self::internal(source, "managing webhooks failed")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_type_keeps_its_wire_name_both_ways() {
        for event in WebhookEvent::SUBSCRIBABLE
            .into_iter()
            .chain([WebhookEvent::Ping])
        {
            assert_eq!(EventType::from(event).wire_name(), event.as_str());
        }
    }
}
