//! Webhook endpoints, their message queue and attempt log in memory.

use std::sync::Mutex;

use application::ports::personal_data::rename_in_webhook_body;
use application::ports::{
    ClaimToken, ClaimedMessage, DeliveryId, FailureCount, MessageId, MessageOutcome, RepoError,
    WebhookAttempt, WebhookNotice, WebhookStore,
};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{PersonName, UserId, WebhookEndpoint, WebhookEndpointId, WebhookEvent};

use super::lock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Pending,
    Delivered,
    Failed,
}

#[derive(Debug, Clone)]
struct Message {
    id: MessageId,
    endpoint: WebhookEndpointId,
    source: Option<DeliveryId>,
    event: WebhookEvent,
    body: String,
    state: State,
    attempts: u32,
    due_at: DateTime<Utc>,
    lease: Option<(ClaimToken, DateTime<Utc>)>,
    created_at: DateTime<Utc>,
}

#[derive(Debug, Default)]
struct Tables {
    endpoints: Vec<WebhookEndpoint>,
    messages: Vec<Message>,
    attempts: Vec<WebhookAttempt>,
}

impl Tables {
    fn endpoint(&mut self, id: WebhookEndpointId) -> Result<&mut WebhookEndpoint, RepoError> {
        self.endpoints
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(RepoError::NotFound)
    }

    fn queue(
        &mut self,
        endpoint: WebhookEndpointId,
        source: Option<DeliveryId>,
        event: WebhookEvent,
        body: &str,
        now: DateTime<Utc>,
    ) -> MessageId {
        let id = MessageId::new();
        self.messages.push(Message {
            id: id.clone(),
            endpoint,
            source,
            event,
            body: body.to_owned(),
            state: State::Pending,
            attempts: 0,
            due_at: now,
            lease: None,
            created_at: now,
        });
        id
    }
}

/// [`WebhookStore`] in memory.
#[derive(Debug, Default)]
pub struct MemoryWebhooks {
    tables: Mutex<Tables>,
}

impl MemoryWebhooks {
    /// Queues `notice` for every endpoint that receives it (another store's change).
    pub(super) fn publish(&self, notice: &WebhookNotice) {
        let mut tables = lock(&self.tables);
        let receivers: Vec<WebhookEndpointId> = tables
            .endpoints
            .iter()
            .filter(|e| e.receives(notice.event, notice.provider))
            .map(|e| e.id)
            .collect();
        for endpoint in receivers {
            tables.queue(endpoint, None, notice.event, &notice.body, notice.at);
        }
    }

    /// Makes every message body naming `user` name `pseudonym` instead.
    /// Forgets the messages created and finished before `before`, and the attempts made before it.
    pub(super) fn prune(&self, before: DateTime<Utc>) {
        let mut tables = lock(&self.tables);
        tables
            .messages
            .retain(|m| m.state == State::Pending || m.created_at >= before);
        tables.attempts.retain(|a| a.at >= before);
    }

    pub(super) fn rename_party(&self, user: UserId, pseudonym: &PersonName) {
        for message in &mut lock(&self.tables).messages {
            if let Some(body) = rename_in_webhook_body(&message.body, user, pseudonym) {
                message.body = body;
            }
        }
    }
}

#[async_trait]
impl WebhookStore for MemoryWebhooks {
    async fn insert(&self, endpoint: &WebhookEndpoint) -> Result<(), RepoError> {
        lock(&self.tables).endpoints.push(endpoint.clone());
        Ok(())
    }

    async fn update(&self, endpoint: &WebhookEndpoint) -> Result<(), RepoError> {
        let mut tables = lock(&self.tables);
        *tables.endpoint(endpoint.id)? = endpoint.clone();
        Ok(())
    }

    async fn delete(&self, id: WebhookEndpointId) -> Result<(), RepoError> {
        let mut tables = lock(&self.tables);
        tables.endpoint(id)?;
        tables.endpoints.retain(|e| e.id != id);
        tables.messages.retain(|m| m.endpoint != id);
        tables.attempts.retain(|a| a.endpoint != id);
        Ok(())
    }

    async fn by_id(&self, id: WebhookEndpointId) -> Result<Option<WebhookEndpoint>, RepoError> {
        Ok(lock(&self.tables)
            .endpoints
            .iter()
            .find(|e| e.id == id)
            .cloned())
    }

    async fn list(&self, owner: Option<UserId>) -> Result<Vec<WebhookEndpoint>, RepoError> {
        Ok(lock(&self.tables)
            .endpoints
            .iter()
            .filter(|e| owner.is_none_or(|o| e.owner == o))
            .cloned()
            .collect())
    }

    async fn fan_out(
        &self,
        source: DeliveryId,
        provider: UserId,
        event: WebhookEvent,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<u32, RepoError> {
        let mut tables = lock(&self.tables);
        let receivers: Vec<WebhookEndpointId> = tables
            .endpoints
            .iter()
            .filter(|e| e.receives(event, provider))
            .map(|e| e.id)
            .collect();
        let mut queued = 0;
        for endpoint in receivers {
            let known = tables
                .messages
                .iter()
                .any(|m| m.source == Some(source) && m.endpoint == endpoint);
            if !known {
                tables.queue(endpoint, Some(source), event, body, now);
                queued += 1;
            }
        }
        Ok(queued)
    }

    async fn enqueue(
        &self,
        endpoint: WebhookEndpointId,
        event: WebhookEvent,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<MessageId, RepoError> {
        let mut tables = lock(&self.tables);
        tables.endpoint(endpoint)?;
        Ok(tables.queue(endpoint, None, event, body, now))
    }

    async fn requeue(
        &self,
        endpoint: WebhookEndpointId,
        id: &MessageId,
        now: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut tables = lock(&self.tables);
        let message = tables
            .messages
            .iter_mut()
            .find(|m| m.id == *id && m.endpoint == endpoint)
            .ok_or(RepoError::NotFound)?;
        message.state = State::Pending;
        message.attempts = 0;
        message.due_at = now;
        message.lease = None;
        Ok(())
    }

    async fn claim(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<ClaimedMessage>, RepoError> {
        let mut tables = lock(&self.tables);
        let claim = ClaimToken::new();
        let mut claimed = Vec::new();
        let Tables {
            endpoints,
            messages,
            ..
        } = &mut *tables;
        for m in messages.iter_mut() {
            if claimed.len() >= limit as usize {
                break;
            }
            let due = m.state == State::Pending
                && m.due_at <= now
                && m.lease.is_none_or(|(_, until)| until <= now);
            let Some(endpoint) = endpoints.iter().find(|e| e.id == m.endpoint) else {
                continue;
            };
            if due {
                m.attempts += 1;
                m.lease = Some((claim, now + lease));
                claimed.push(ClaimedMessage {
                    id: m.id.clone(),
                    event: m.event,
                    body: m.body.clone(),
                    attempts: m.attempts,
                    endpoint: endpoint.clone(),
                    claim,
                });
            }
        }
        Ok(claimed)
    }

    async fn finish(
        &self,
        claimed: &ClaimedMessage,
        outcome: MessageOutcome,
    ) -> Result<(), RepoError> {
        let mut tables = lock(&self.tables);
        let message = tables
            .messages
            .iter_mut()
            .find(|m| {
                m.id == claimed.id
                    && m.state == State::Pending
                    && m.lease.is_some_and(|(c, _)| c == claimed.claim)
            })
            .ok_or(RepoError::Stale)?;
        message.lease = None;
        match outcome {
            MessageOutcome::Delivered => message.state = State::Delivered,
            MessageOutcome::Failed => message.state = State::Failed,
            MessageOutcome::RetryAt(at) => message.due_at = at,
            MessageOutcome::Released => message.attempts = claimed.attempts.saturating_sub(1),
        }
        Ok(())
    }

    async fn record_attempt(&self, attempt: &WebhookAttempt) -> Result<(), RepoError> {
        lock(&self.tables).attempts.push(attempt.clone());
        Ok(())
    }

    async fn attempts(
        &self,
        endpoint: WebhookEndpointId,
        limit: u32,
    ) -> Result<Vec<WebhookAttempt>, RepoError> {
        Ok(lock(&self.tables)
            .attempts
            .iter()
            .rev()
            .filter(|a| a.endpoint == endpoint)
            .take(limit as usize)
            .cloned()
            .collect())
    }

    async fn note_success(&self, endpoint: WebhookEndpointId) -> Result<(), RepoError> {
        if let Ok(e) = lock(&self.tables).endpoint(endpoint) {
            e.consecutive_failures = 0;
        }
        Ok(())
    }

    async fn note_failure(
        &self,
        endpoint: WebhookEndpointId,
        disable_at: u32,
        reason: &str,
    ) -> Result<FailureCount, RepoError> {
        let mut tables = lock(&self.tables);
        let e = tables.endpoint(endpoint)?;
        e.consecutive_failures = e.consecutive_failures.saturating_add(1);
        let disabled_now = e.enabled && e.consecutive_failures >= disable_at;
        if disabled_now {
            e.enabled = false;
            e.disabled_reason = Some(reason.to_owned());
        }
        Ok(FailureCount {
            consecutive: e.consecutive_failures,
            disabled_now,
        })
    }

    async fn disable(&self, endpoint: WebhookEndpointId, reason: &str) -> Result<bool, RepoError> {
        let mut tables = lock(&self.tables);
        let e = tables.endpoint(endpoint)?;
        let was = e.enabled;
        e.enabled = false;
        if was {
            e.disabled_reason = Some(reason.to_owned());
        }
        Ok(was)
    }
}
