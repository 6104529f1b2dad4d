//! Webhook endpoints, their message queue and attempt log, and the HTTP sender.
//!
//! # Design
//! - **From the outbox.** An appointment change records a [`Channel::Webhooks`] delivery in its
//!   transaction (see [`super::deliveries`]). The delivery worker turns it into one message per
//!   endpoint that receives the event ([`WebhookStore::fan_out`], idempotent per delivery and
//!   endpoint, so a fan-out repeated after a crash adds nothing).
//! - **Messages** are claimed with a lease like deliveries (one worker at a time, a crashed
//!   worker's claim expires), retried on the Standard Webhooks schedule
//!   ([`domain::webhook::retry_after`]) and keep their `webhook-id` across attempts and resends,
//!   so receivers drop duplicates by it.
//!
//! [`Channel::Webhooks`]: super::Channel::Webhooks

use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{UserId, WebhookEndpoint, WebhookEndpointId, WebhookEvent, WebhookUrl};
use uuid::Uuid;

use super::{ClaimToken, DeliveryId, RepoError};

/// A message's `webhook-id`: `msg_` and a UUID's 32 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageId(String);

impl MessageId {
    /// A new id.
    pub fn new() -> Self {
        Self(format!("msg_{}", Uuid::now_v7().simple()))
    }

    /// A stored or requested id; `None` unless it has the shape [`MessageId::new`] makes.
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix("msg_")?;
        (hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| Self(text.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for MessageId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A message claimed for sending by [`WebhookStore::claim`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMessage {
    /// Its `webhook-id`.
    pub id: MessageId,
    /// What it tells.
    pub event: WebhookEvent,
    /// The JSON body, exactly as signed and sent.
    pub body: String,
    /// Attempts so far, this one included.
    pub attempts: u32,
    /// The endpoint as it is now.
    pub endpoint: WebhookEndpoint,
    /// This claim.
    pub claim: ClaimToken,
}

/// How a claimed message ends this attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageOutcome {
    /// Accepted by the receiver; never sent again unless resent.
    Delivered,
    /// To be tried again from this instant.
    RetryAt(DateTime<Utc>),
    /// Given up on.
    Failed,
    /// Handed back unsent, its attempt not counted (the worker is stopping).
    Released,
}

/// One attempt to post a message, for the endpoint's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookAttempt {
    /// The message.
    pub message: MessageId,
    /// Its endpoint.
    pub endpoint: WebhookEndpointId,
    /// What the message told.
    pub event: WebhookEvent,
    /// When the attempt started.
    pub at: DateTime<Utc>,
    /// The receiver's HTTP status; `None` when no answer came.
    pub status: Option<u16>,
    /// How long it took, in milliseconds.
    pub duration_ms: u32,
    /// The start of the answer's body (at most [`RESPONSE_EXCERPT_BYTES`]), or why no answer came.
    pub response: String,
}

/// The most of an answer's body an attempt keeps.
pub const RESPONSE_EXCERPT_BYTES: usize = 1024;

/// The start of `text`, at most [`RESPONSE_EXCERPT_BYTES`] long, cut at a character boundary.
pub fn excerpt_of(text: &str) -> String {
    let mut end = text.len().min(RESPONSE_EXCERPT_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// An endpoint's failure count after one more failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureCount {
    /// Failed attempts since the last success.
    pub consecutive: u32,
    /// Whether this failure disabled the endpoint (it was enabled before).
    pub disabled_now: bool,
}

/// Stores endpoints, their messages and the attempts to send them.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait WebhookStore: Send + Sync {
    /// Adds a new endpoint.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn insert(&self, endpoint: &WebhookEndpoint) -> Result<(), RepoError>;

    /// Replaces a stored endpoint's fields (URL, events, description, enabled, secrets,
    /// failure count).
    ///
    /// # Errors
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn update(&self, endpoint: &WebhookEndpoint) -> Result<(), RepoError>;

    /// Removes an endpoint with its messages and attempts.
    ///
    /// # Errors
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn delete(&self, id: WebhookEndpointId) -> Result<(), RepoError>;

    /// The endpoint `id`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: WebhookEndpointId) -> Result<Option<WebhookEndpoint>, RepoError>;

    /// The endpoints of `owner`, or every endpoint for `None`, oldest first.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn list(&self, owner: Option<UserId>) -> Result<Vec<WebhookEndpoint>, RepoError>;

    /// Queues `body` as one message per endpoint that [receives](WebhookEndpoint::receives)
    /// `event` about `provider`, due at once, and answers how many it queued. A second call
    /// with the same `source` queues nothing for endpoints that already have its message.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn fan_out(
        &self,
        source: DeliveryId,
        provider: UserId,
        event: WebhookEvent,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<u32, RepoError>;

    /// Queues `body` as a message to endpoint `endpoint` whatever its subscription (a ping).
    ///
    /// # Errors
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn enqueue(
        &self,
        endpoint: WebhookEndpointId,
        event: WebhookEvent,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<MessageId, RepoError>;

    /// Makes message `message` of `endpoint` due again at `now` with its attempts counted from
    /// zero, keeping its id and body (a resend).
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when `endpoint` has no such message, [`RepoError::Backend`].
    async fn requeue(
        &self,
        endpoint: WebhookEndpointId,
        message: &MessageId,
        now: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// Claims up to `limit` pending messages due at `now` and not under another claim's lease,
    /// oldest first; each one's attempts go up by one and it stays hidden until `now + lease`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn claim(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<ClaimedMessage>, RepoError>;

    /// Ends the claim of `message` with `outcome`.
    ///
    /// # Errors
    /// [`RepoError::Stale`] when the claim is no longer current, [`RepoError::Backend`].
    async fn finish(
        &self,
        message: &ClaimedMessage,
        outcome: MessageOutcome,
    ) -> Result<(), RepoError>;

    /// Logs an attempt.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn record_attempt(&self, attempt: &WebhookAttempt) -> Result<(), RepoError>;

    /// The latest `limit` attempts to endpoint `endpoint`, newest first.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn attempts(
        &self,
        endpoint: WebhookEndpointId,
        limit: u32,
    ) -> Result<Vec<WebhookAttempt>, RepoError>;

    /// Sets endpoint `endpoint`'s failure count to zero (an attempt succeeded).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn note_success(&self, endpoint: WebhookEndpointId) -> Result<(), RepoError>;

    /// Counts one more failed attempt to `endpoint`, atomically; when the count reaches
    /// `disable_at` while it is enabled, disables it with `reason`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn note_failure(
        &self,
        endpoint: WebhookEndpointId,
        disable_at: u32,
        reason: &str,
    ) -> Result<FailureCount, RepoError>;

    /// Disables `endpoint` with `reason`; answers whether it was enabled.
    ///
    /// # Errors
    /// [`RepoError::NotFound`], [`RepoError::Backend`].
    async fn disable(&self, endpoint: WebhookEndpointId, reason: &str) -> Result<bool, RepoError>;
}

/// A change to publish to the webhook endpoints that receive `event` about `provider`: queued
/// by the store in the same transaction as the change itself, so it is published exactly when
/// the change is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookNotice {
    /// Whose change it is.
    pub provider: UserId,
    /// What happened.
    pub event: WebhookEvent,
    /// The JSON body ([`crate::webhook_payload`]).
    pub body: String,
    /// When it happened: the messages are due at once.
    pub at: DateTime<Utc>,
}

/// Why a URL may not be posted to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TargetRefused(pub String);

/// A signed message on its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookRequest {
    /// Where.
    pub url: WebhookUrl,
    /// `webhook-id`.
    pub id: MessageId,
    /// `webhook-timestamp`.
    pub timestamp: DateTime<Utc>,
    /// `webhook-signature`.
    pub signature: String,
    /// The JSON body.
    pub body: String,
}

/// What the receiver answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookResponse {
    /// The HTTP status.
    pub status: u16,
    /// The start of the body ([`excerpt_of`]).
    pub excerpt: String,
}

/// Why no answer came.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The URL resolves to an address the guard refuses.
    #[error(transparent)]
    Refused(#[from] TargetRefused),
    /// Resolving, connecting, or waiting for the answer failed (timeout included).
    #[error("{0}")]
    Failed(String),
}

/// Posts webhooks over HTTP, guarding against requests into private networks (SSRF).
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait WebhookSender: Send + Sync {
    /// Whether `url` may be posted to now: its host resolves only to addresses the guard allows.
    ///
    /// # Errors
    /// [`TargetRefused`] with the reason.
    async fn check(&self, url: &WebhookUrl) -> Result<(), TargetRefused>;

    /// Posts `request` to an address of its host the guard allows, following no redirect.
    ///
    /// # Errors
    /// [`SendError`].
    async fn send(&self, request: &WebhookRequest) -> Result<WebhookResponse, SendError>;
}
