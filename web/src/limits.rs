//! Rate limits at the web's doors: which doors there are, who the client is (the peer, or a
//! trusted proxy's header), and the API's `429` with `Retry-After` and `RateLimit-*` headers.

use std::net::IpAddr;
use std::sync::Arc;

use application::limit_attempts::{Door, LimitAttempts, Tally, refusal};
use application::ports::{RepoError, error_chain};
use chrono::TimeDelta;
use poem::http::{HeaderName, HeaderValue};
use poem::{Endpoint, IntoResponse, Request, Response};

use crate::api::problem::{self, Problem};
use crate::settings::{LimitSettings, SecuritySettings};
use crate::state::SharedState;

/// Every counted door.
#[derive(Debug, Clone, Copy)]
pub struct Doors {
    /// Failed logins per account (normalised email).
    pub login_account: Door,
    /// Failed logins per client address.
    pub login_client: Door,
    /// Password reset requests per email address.
    pub reset_mail_address: Door,
    /// Password reset requests per client address.
    pub reset_mail_client: Door,
    /// Verification mails asked for per account.
    pub verification_mail_account: Door,
    /// Verification mails asked for per client address.
    pub verification_mail_client: Door,
    /// Sign-ups per client address.
    pub registration_client: Door,
    /// API requests per token or session.
    pub api_caller: Door,
    /// API requests per client address.
    pub api_client: Door,
    /// Booking attempts per customer.
    pub booking_customer: Door,
}

const fn door(name: &'static str, max: u32, window: TimeDelta) -> Door {
    Door { name, max, window }
}

impl Doors {
    /// The doors with the configured limits.
    pub fn from_settings(limits: &LimitSettings, security: &SecuritySettings) -> Self {
        let hour = TimeDelta::hours(1);
        let minute = TimeDelta::minutes(1);
        let login_window = TimeDelta::minutes(i64::from(security.login_window_minutes.max(1)));
        Self {
            login_account: door(
                "login-account",
                security.login_failures_per_account,
                login_window,
            ),
            login_client: door(
                "login-client",
                security.login_failures_per_address,
                login_window,
            ),
            reset_mail_address: door(
                "reset-mail-address",
                limits.reset_mails_per_address_per_hour,
                hour,
            ),
            reset_mail_client: door(
                "reset-mail-client",
                limits.reset_mails_per_client_per_hour,
                hour,
            ),
            verification_mail_account: door(
                "verification-mail-account",
                limits.verification_mails_per_account_per_hour,
                hour,
            ),
            verification_mail_client: door(
                "verification-mail-client",
                limits.verification_mails_per_client_per_hour,
                hour,
            ),
            registration_client: door(
                "registration-client",
                limits.registrations_per_client_per_hour,
                hour,
            ),
            api_caller: door(
                "api-caller",
                limits.api_requests_per_caller_per_minute,
                minute,
            ),
            api_client: door(
                "api-client",
                limits.api_requests_per_client_per_minute,
                minute,
            ),
            booking_customer: door(
                "booking-customer",
                limits.bookings_per_customer_per_hour,
                hour,
            ),
        }
    }
}

/// How counting an attempt ended.
#[derive(Debug, Clone)]
pub enum Admission {
    /// Within every limit; the tallies of the doors counted (none when limits are off).
    Allowed(Vec<Tally>),
    /// Over a limit: the tally refused (the one that resets last).
    Refused(Tally),
}

/// The doors, their counters, and where the client's address comes from.
pub struct Limits {
    /// The doors.
    pub doors: Doors,
    attempts: LimitAttempts,
    client_header: Option<HeaderName>,
}

impl Limits {
    /// Limits counted by `attempts`, the client's address read from `client_header` if given.
    pub fn new(doors: Doors, attempts: LimitAttempts, client_header: Option<HeaderName>) -> Self {
        Self {
            doors,
            attempts,
            client_header,
        }
    }

    /// The client's address: the rightmost entry of the trusted proxy's header when one is
    /// configured (the entry that proxy added), else the TCP peer's address.
    pub fn client_address(&self, req: &Request) -> Option<IpAddr> {
        let from_proxy = self.client_header.as_ref().and_then(|name| {
            let value = req.headers().get(name)?.to_str().ok()?;
            value.rsplit(',').next()?.trim().parse::<IpAddr>().ok()
        });
        from_proxy.or_else(|| {
            req.remote_addr()
                .as_socket_addr()
                .map(std::net::SocketAddr::ip)
        })
    }

    /// Counts one attempt by each `(door, subject)`. A refusal is counted in the
    /// `bys_rate_limit_refusals_total` metric, by door.
    ///
    /// # Errors
    /// [`RepoError`] when the counters cannot be updated.
    pub async fn admit(&self, knocks: &[(Door, &str)]) -> Result<Admission, RepoError> {
        let tallies = self.attempts.hit(knocks).await?;
        Ok(match refusal(&tallies) {
            Some(refused) => {
                refused_at(refused.door);
                Admission::Refused(refused)
            }
            None => Admission::Allowed(tallies),
        })
    }

    /// Whether `door` still admits `subject`, without counting an attempt (a refusal is
    /// counted in the metric).
    ///
    /// # Errors
    /// [`RepoError`] when the counter cannot be read.
    pub async fn admits(&self, door: Door, subject: &str) -> Result<bool, RepoError> {
        let tally = self.attempts.peek(door, subject).await?;
        let admits = tally.is_none_or(|t| t.count < door.max);
        if !admits {
            refused_at(door);
        }
        Ok(admits)
    }

    /// Counts one attempt without asking whether it is allowed (failed logins).
    ///
    /// # Errors
    /// [`RepoError`] when the counters cannot be updated.
    pub async fn record(&self, knocks: &[(Door, &str)]) -> Result<(), RepoError> {
        self.attempts.hit(knocks).await.map(drop)
    }

    /// Forgets `subject`'s attempts at `door`.
    ///
    /// # Errors
    /// [`RepoError`] when the counter cannot be removed.
    pub async fn clear(&self, door: Door, subject: &str) -> Result<(), RepoError> {
        self.attempts.clear(door, subject).await
    }

    /// Seconds until `tally`'s window ends.
    pub fn seconds_to_reset(&self, tally: &Tally) -> u64 {
        tally.seconds_to_reset(self.attempts.now())
    }
}

fn refused_at(door: Door) {
    metrics::counter!("bys_rate_limit_refusals_total", "door" => door.name).increment(1);
}

/// The client address as a counter subject (`unknown` when there is none, e.g. in-process
/// tests: they then share one counter).
pub fn address_subject(address: Option<IpAddr>) -> String {
    address.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// Limits every API request per caller (API token, or session cookie) and per client address.
/// Refused: `429` problem document with `Retry-After` and `RateLimit-*` headers; allowed: the
/// response carries the `RateLimit-*` headers of the tightest counter. When the counters cannot
/// be reached the request goes through (and the failure is logged): the limits protect the app,
/// they are not worth an outage of their own.
pub async fn api_limit<E: Endpoint>(ep: Arc<E>, req: Request) -> poem::Result<Response> {
    let Some(state) = req.data::<SharedState>().cloned() else {
        return ep.call(req).await.map(IntoResponse::into_response);
    };
    let limits = &state.limits;
    let caller = caller_subject(&req);
    let address = address_subject(limits.client_address(&req));
    let mut knocks = vec![(limits.doors.api_client, address.as_str())];
    if let Some(caller) = caller.as_deref() {
        knocks.push((limits.doors.api_caller, caller));
    }
    let tallies = match limits.admit(&knocks).await {
        Ok(Admission::Refused(tally)) => {
            let seconds = limits.seconds_to_reset(&tally);
            let mut response = Problem::too_many_requests(
                problem::say_with("problem-too-many-requests", [("seconds", seconds.into())]),
                Some(seconds),
            )
            .into_response();
            set_rate_headers(&mut response, &tally, seconds);
            return Ok(response);
        }
        Ok(Admission::Allowed(tallies)) => tallies,
        Err(e) => {
            tracing::error!(error = %error_chain(&e), "rate limit counters unavailable");
            Vec::new()
        }
    };
    let mut response = ep.call(req).await.map(IntoResponse::into_response)?;
    if let Some(tightest) = tallies.iter().min_by_key(|t| t.remaining()) {
        let seconds = limits.seconds_to_reset(tightest);
        set_rate_headers(&mut response, tightest, seconds);
    }
    Ok(response)
}

/// Who calls, for the per-caller counter: the bearer token or the session id (the counter's
/// [`LimitKey`](application::ports::LimitKey) stores only a SHA-256 of it).
fn caller_subject(req: &Request) -> Option<String> {
    let bearer = req
        .headers()
        .get(poem::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|token| format!("token:{}", token.trim()));
    bearer
        .or_else(|| crate::api::presented_session(req).map(|id| format!("session:{}", id.expose())))
}

/// `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds), as in the IETF
/// draft "`RateLimit` header fields for HTTP".
fn set_rate_headers(response: &mut Response, tally: &Tally, seconds: u64) {
    let headers = response.headers_mut();
    headers.insert("ratelimit-limit", HeaderValue::from(tally.door.max));
    headers.insert("ratelimit-remaining", HeaderValue::from(tally.remaining()));
    headers.insert("ratelimit-reset", HeaderValue::from(seconds));
}

/// Who a page request comes from, as a counter subject.
pub fn client_subject(state: &SharedState, req: &Request) -> String {
    address_subject(state.limits.client_address(req))
}

#[cfg(test)]
mod tests {
    use adapters::{MemoryRateLimits, SystemClock};

    use super::*;

    fn limits(header: Option<&str>) -> Limits {
        let settings = crate::settings::Settings::defaults().unwrap();
        let doors = Doors::from_settings(&settings.limits, &settings.security);
        let attempts = LimitAttempts::new(
            Arc::new(MemoryRateLimits::default()),
            Arc::new(SystemClock),
            true,
        );
        Limits::new(
            doors,
            attempts,
            header.map(|h| HeaderName::from_bytes(h.as_bytes()).unwrap()),
        )
    }

    fn request(forwarded: Option<&str>) -> Request {
        let mut builder = Request::builder();
        if let Some(value) = forwarded {
            builder = builder.header("x-forwarded-for", value);
        }
        builder.finish()
    }

    #[test]
    fn without_a_trusted_header_a_forwarded_address_is_ignored() {
        let limits = limits(None);
        assert_eq!(limits.client_address(&request(Some("203.0.113.9"))), None);
    }

    #[test]
    fn a_trusted_header_gives_its_rightmost_address() {
        let limits = limits(Some("X-Forwarded-For"));
        let address = limits.client_address(&request(Some("198.51.100.1, 203.0.113.9")));
        assert_eq!(address, Some("203.0.113.9".parse().unwrap()));
    }

    #[tokio::test]
    async fn the_attempt_after_the_limit_is_refused() {
        let limits = limits(None);
        let door = limits.doors.reset_mail_address;
        for _ in 0..door.max {
            let admitted = limits.admit(&[(door, "ann@example.org")]).await.unwrap();
            assert!(matches!(admitted, Admission::Allowed(_)));
        }
        let refused = limits.admit(&[(door, "ann@example.org")]).await.unwrap();
        assert!(matches!(refused, Admission::Refused(t) if t.remaining() == 0));
        let other = limits.admit(&[(door, "bob@example.org")]).await.unwrap();
        assert!(matches!(other, Admission::Allowed(_)));
    }
}
