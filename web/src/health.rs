//! Liveness and readiness probes for orchestrators and load balancers.

use poem::handler;
use poem::http::StatusCode;
use poem::web::Data;

use crate::api::problem::error_chain;
use crate::state::SharedState;

/// `/healthz`: the process is up and serving requests.
#[handler]
pub fn healthz() -> &'static str {
    "ok"
}

/// `/readyz`: the stores answer; 503 while they do not.
#[handler]
pub async fn readyz(state: Data<&SharedState>) -> (StatusCode, &'static str) {
    match state.probe.list(false).await {
        Ok(_) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %error_chain(&e), "not ready: the stores do not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "stores unavailable")
        }
    }
}
