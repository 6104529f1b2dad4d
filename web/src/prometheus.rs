//! Prometheus metrics: the process-wide recorder behind every `metrics::` call, the request
//! counter around all routes, and the `/metrics` scrape endpoint.
//!
//! Anything recorded anywhere through the `metrics` facade (counters, gauges, histograms)
//! appears on `/metrics` once the recorder is installed. Gauges that describe shared state
//! (the connection pool, the delivery queue) are read afresh at each scrape.

use std::sync::{Arc, OnceLock};
use std::time::Instant;

use adapters::sea_orm::pool_usage;
use application::ports::Channel;
use chrono::Utc;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use poem::PathPattern;
use poem::http::{Method, StatusCode, header};
use poem::{Endpoint, IntoResponse, Request, Response, handler};
use secrecy::{ExposeSecret as _, SecretString};

use crate::health::HealthCheck;

/// The request latency histogram.
const REQUEST_DURATION: &str = "bys_http_request_duration_seconds";

/// Latency buckets in seconds: from a cached page to a request that waited out the pool.
const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

/// Installs the Prometheus recorder as the process's `metrics` recorder, once; later calls
/// return the same handle. `None` when another recorder was installed first (logged).
pub fn install() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let installed = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(REQUEST_DURATION.to_owned()), &LATENCY_BUCKETS)
                .and_then(PrometheusBuilder::install_recorder);
            match installed {
                Ok(handle) => {
                    describe();
                    Some(handle)
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot install the metrics recorder; /metrics stays empty");
                    None
                }
            }
        })
        .clone()
}

/// Help texts of the app's own series.
fn describe() {
    metrics::describe_counter!(
        "bys_http_requests_total",
        "HTTP requests answered, by method, route template and status."
    );
    metrics::describe_histogram!(
        REQUEST_DURATION,
        metrics::Unit::Seconds,
        "Time to answer HTTP requests, by method and route template."
    );
    metrics::describe_gauge!(
        "bys_db_pool_connections",
        "Database connections, by state (idle, in_use)."
    );
    metrics::describe_gauge!(
        "bys_db_pool_max_connections",
        "The most connections the pool opens."
    );
    metrics::describe_gauge!(
        "bys_delivery_queue_depth",
        "Deliveries not yet done or given up on, by channel."
    );
    metrics::describe_gauge!(
        "bys_delivery_oldest_pending_age_seconds",
        "Age of the oldest pending delivery, by channel."
    );
    metrics::describe_gauge!(
        "bys_delivery_waiting_seconds",
        "How long the longest-waiting due delivery has waited for a worker, by channel."
    );
    metrics::describe_gauge!(
        "bys_deliveries_failed",
        "Deliveries given up on (listed for admins), by channel."
    );
    metrics::describe_gauge!(
        "bys_calendar_sync_lag_seconds",
        "Age of the oldest calendar update not yet applied."
    );
    metrics::describe_counter!(
        "bys_deliveries_total",
        "Delivery attempts by this instance, by outcome (delivered, retrying, failed, released)."
    );
    metrics::describe_counter!(
        "bys_login_failures_total",
        "Refused logins, pages and API together, by reason (wrong_credentials, deactivated, throttled)."
    );
    metrics::describe_gauge!(
        "bys_metrics_scrape_ok",
        "1 when the last scrape could read the database, else 0."
    );
}

/// Counts every request in `bys_http_requests_total` and times it in
/// `bys_http_request_duration_seconds`, labelled by the route template (`/services/:id`), never
/// the raw path, so the number of series stays bounded; unmatched paths share one label.
pub async fn track<E: Endpoint>(ep: Arc<E>, req: Request) -> poem::Result<Response> {
    let started = Instant::now();
    let method = method_label(req.method());
    let result = ep.call(req).await.map(IntoResponse::into_response);
    let (status, pattern) = match &result {
        Ok(response) => (response.status(), response.data::<PathPattern>()),
        Err(error) => (error.status(), error.data::<PathPattern>()),
    };
    let route = pattern.map_or_else(|| "unmatched".to_owned(), |p| p.0.to_string());
    metrics::counter!(
        "bys_http_requests_total",
        "method" => method,
        "route" => route.clone(),
        "status" => status.as_str().to_owned(),
    )
    .increment(1);
    metrics::histogram!(REQUEST_DURATION, "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    result
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// What `/metrics` needs: the recorder's handle, the state it samples, the token it asks for.
#[derive(Clone)]
pub struct Scrape {
    /// Renders what the recorder collected.
    pub handle: PrometheusHandle,
    /// The database and delivery queue to sample.
    pub health: HealthCheck,
    /// The bearer token scrapers must send; `None`: none needed.
    pub token: Option<SecretString>,
}

/// `/metrics`: the Prometheus text format, after sampling the pool and the queue. 401 without
/// the configured bearer token.
#[handler]
pub async fn serve(scrape: poem::web::Data<&Scrape>, req: &Request) -> Response {
    if let Some(token) = &scrape.token {
        let presented = req
            .header(header::AUTHORIZATION)
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !crate::csrf::constant_time_eq(presented, token.expose_secret()) {
            return StatusCode::UNAUTHORIZED
                .with_header(header::WWW_AUTHENTICATE, "Bearer")
                .into_response();
        }
    }
    sample(&scrape.health).await;
    scrape.handle.run_upkeep();
    scrape
        .handle
        .render()
        .with_content_type("text/plain; version=0.0.4")
        .into_response()
}

/// Sets the gauges that describe shared state: pool use, and the queue by channel.
async fn sample(health: &HealthCheck) {
    if let Some(db) = &health.database {
        let pool = pool_usage(db);
        metrics::gauge!("bys_db_pool_connections", "state" => "idle").set(pool.idle);
        metrics::gauge!("bys_db_pool_connections", "state" => "in_use")
            .set(pool.size.saturating_sub(pool.idle));
        metrics::gauge!("bys_db_pool_max_connections").set(pool.max);
    }
    let now = Utc::now();
    let Ok(backlog) = health.backlog(now).await else {
        metrics::gauge!("bys_metrics_scrape_ok").set(0);
        return;
    };
    metrics::gauge!("bys_metrics_scrape_ok").set(1);
    for b in backlog {
        let channel = b.channel.as_str();
        let age = |since: Option<chrono::DateTime<Utc>>| {
            since.map_or(0.0, |t| (now - t).as_seconds_f64().max(0.0))
        };
        #[allow(clippy::cast_precision_loss, reason = "queue sizes are far below 2^52")]
        {
            metrics::gauge!("bys_delivery_queue_depth", "channel" => channel).set(b.pending as f64);
            metrics::gauge!("bys_deliveries_failed", "channel" => channel).set(b.failed as f64);
        }
        metrics::gauge!("bys_delivery_oldest_pending_age_seconds", "channel" => channel)
            .set(age(b.oldest_pending));
        metrics::gauge!("bys_delivery_waiting_seconds", "channel" => channel)
            .set(age(b.waiting_since));
        if b.channel == Channel::Calendar {
            metrics::gauge!("bys_calendar_sync_lag_seconds").set(age(b.oldest_pending));
        }
    }
}
