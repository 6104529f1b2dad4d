//! Liveness and readiness probes for orchestrators and load balancers.

use std::sync::Arc;
use std::time::Duration;

use adapters::sea_orm::DatabaseConnection;
use application::ports::{ChannelBacklog, DeliveryQueue, RepoError};
use chrono::{DateTime, TimeDelta, Utc};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Json};
use serde::Serialize;

use crate::state::SharedState;
use application::ports::error_chain;

/// `/healthz`: the process is up and serving requests.
#[handler]
pub fn healthz() -> &'static str {
    "ok"
}

/// `/readyz`: 200 while the database answers a round trip in time and no due delivery has
/// waited too long for a worker; 503 otherwise. The body says which, and how far behind each
/// delivery channel is.
#[handler]
pub async fn readyz(state: Data<&SharedState>) -> (StatusCode, Json<Readiness>) {
    let readiness = state.health.check(Utc::now()).await;
    let status = if readiness.ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, Json(readiness))
}

/// What `/readyz` checks: a database round trip and the delivery queue.
#[derive(Clone)]
pub struct HealthCheck {
    /// The database; `None` for the in-memory stores, which are always there.
    pub database: Option<DatabaseConnection>,
    /// The delivery queue.
    pub deliveries: Arc<dyn DeliveryQueue>,
    /// The bound on the round trip (and on reading the queue).
    pub database_timeout: Duration,
    /// Not ready once a due delivery has waited this long for a worker; `None`: report only.
    pub max_delivery_wait: Option<TimeDelta>,
}

/// The answer of `/readyz`.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    /// Whether to send this instance traffic.
    pub ready: bool,
    /// `ok`, `unavailable` (the database refused or failed) or `timeout`.
    pub database: &'static str,
    /// Per delivery channel; empty when the database did not answer.
    pub deliveries: Vec<QueueState>,
}

/// How far behind one delivery channel is.
#[derive(Debug, Clone, Serialize)]
pub struct QueueState {
    /// `customer_email`, `provider_email`, `calendar` or `webhooks`.
    pub channel: &'static str,
    /// Deliveries not yet done or given up on.
    pub pending: u64,
    /// Age of the oldest of them, in seconds.
    pub oldest_pending_seconds: i64,
    /// How long the longest-waiting due delivery has waited for a worker, in seconds.
    pub waiting_seconds: i64,
    /// Deliveries given up on.
    pub failed: u64,
}

impl QueueState {
    fn of(backlog: &ChannelBacklog, now: DateTime<Utc>) -> Self {
        let age =
            |since: Option<DateTime<Utc>>| since.map_or(0, |t| (now - t).num_seconds().max(0));
        Self {
            channel: backlog.channel.as_str(),
            pending: backlog.pending,
            oldest_pending_seconds: age(backlog.oldest_pending),
            waiting_seconds: age(backlog.waiting_since),
            failed: backlog.failed,
        }
    }
}

impl HealthCheck {
    /// Checks the database (`SELECT 1` through the pool, never a cache) and reads the queue,
    /// each within `database_timeout`.
    pub async fn check(&self, now: DateTime<Utc>) -> Readiness {
        let database = match &self.database {
            None => Ok(()),
            Some(db) => bounded(self.database_timeout, adapters::sea_orm::ping(db)).await,
        };
        if let Err(problem) = database {
            return Readiness {
                ready: false,
                database: problem,
                deliveries: Vec::new(),
            };
        }
        let Ok(backlog) = bounded(self.database_timeout, self.deliveries.backlog(now)).await else {
            return Readiness {
                ready: false,
                database: "unavailable",
                deliveries: Vec::new(),
            };
        };
        let deliveries: Vec<QueueState> = backlog.iter().map(|b| QueueState::of(b, now)).collect();
        let stuck = self.max_delivery_wait.is_some_and(|max| {
            deliveries
                .iter()
                .any(|q| TimeDelta::seconds(q.waiting_seconds) > max)
        });
        if stuck {
            tracing::warn!("not ready: due deliveries have waited too long for a worker");
        }
        Readiness {
            ready: !stuck,
            database: "ok",
            deliveries,
        }
    }

    /// The backlog of every channel, within the timeout, for metrics.
    ///
    /// # Errors
    /// `timeout` or `unavailable`.
    pub async fn backlog(&self, now: DateTime<Utc>) -> Result<Vec<ChannelBacklog>, &'static str> {
        bounded(self.database_timeout, self.deliveries.backlog(now)).await
    }
}

/// `call` within `limit`; a failure is logged (as a warning: the caller answers 503).
async fn bounded<T>(
    limit: Duration,
    call: impl Future<Output = Result<T, RepoError>>,
) -> Result<T, &'static str> {
    match tokio::time::timeout(limit, call).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => {
            tracing::warn!(error = %error_chain(&e), "not ready: the database failed");
            Err("unavailable")
        }
        Err(_) => {
            tracing::warn!(?limit, "not ready: the database did not answer in time");
            Err("timeout")
        }
    }
}
