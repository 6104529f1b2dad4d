//! API errors as RFC 9457 problem documents (`application/problem+json`), written in the
//! caller's language: the first language of `Accept-Language` the catalogue has, else the
//! marketplace's default (see [`in_callers_language`]).

use std::sync::Arc;

use adapters::catalogue::{self, Arg};
use domain::Language;
use poem::http::HeaderValue;
use poem::http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, VARY};
use poem::{Endpoint, IntoResponse, Request, Response};
use poem_openapi::{ApiResponse, Object, payload::Json};

use crate::failure::{self, RETRY_AFTER_SECONDS};
use crate::visitor::SessionFailure;

tokio::task_local! {
    /// The language of the API request being answered.
    static LANGUAGE: Language;
}

/// The language of the API request being answered (the default outside one).
pub fn language() -> Language {
    LANGUAGE
        .try_with(Clone::clone)
        .unwrap_or_else(|_| catalogue::default_language())
}

/// The message `key` in the caller's language.
pub fn say(key: &str) -> String {
    catalogue::text(&language(), key)
}

/// The message `key` in the caller's language, with `args`.
pub fn say_with<const N: usize>(key: &str, args: [Arg; N]) -> String {
    catalogue::text_with(&language(), key, args)
}

/// Middleware: answers the request in the language its `Accept-Language` asks for (problem
/// documents say which in `Content-Language`; every answer varies with the header).
pub async fn in_callers_language<E: Endpoint>(
    next: Arc<E>,
    req: Request,
) -> poem::Result<Response> {
    let language = req
        .header("accept-language")
        .and_then(catalogue::negotiate)
        .unwrap_or_else(catalogue::default_language);
    let tag = HeaderValue::from_str(language.as_str()).ok();
    let mut response = LANGUAGE
        .scope(language, async move {
            match next.call(req).await {
                Ok(output) => output.into_response(),
                Err(error) => error.into_response(),
            }
        })
        .await;
    let headers = response.headers_mut();
    headers.append(VARY, HeaderValue::from_static("accept-language"));
    let is_problem = headers
        .get(CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"application/problem+json"));
    if let (true, Some(tag)) = (is_problem, tag) {
        headers.insert(CONTENT_LANGUAGE, tag);
    }
    Ok(response)
}

/// A problem document.
#[derive(Debug, Clone, PartialEq, Eq, Object)]
#[oai(rename = "Problem")]
pub struct ProblemDocument {
    /// A URI reference naming the kind of problem, e.g. `/problems/slot-taken`.
    #[oai(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, for people.
    #[oai(skip_serializing_if_is_none)]
    pub detail: Option<String>,
}

/// Every error the API returns. Parameters and bodies that do not parse become
/// [`Problem::BadRequest`]; a missing or expired session becomes [`Problem::Unauthorized`].
#[derive(Debug, ApiResponse)]
#[oai(bad_request_handler = "from_request_error")]
pub enum Problem {
    /// The request is malformed (unparsable parameter or body).
    #[oai(status = 400, content_type = "application/problem+json")]
    BadRequest(Json<ProblemDocument>),
    /// Log in first (session cookie missing or expired, API token unknown or revoked).
    #[oai(status = 401, content_type = "application/problem+json")]
    Unauthorized(Json<ProblemDocument>),
    /// Logged in, but not allowed to do this.
    #[oai(status = 403, content_type = "application/problem+json")]
    Forbidden(Json<ProblemDocument>),
    /// No such thing.
    #[oai(status = 404, content_type = "application/problem+json")]
    NotFound(Json<ProblemDocument>),
    /// Conflicts with the current state (e.g. the slot was just taken).
    #[oai(status = 409, content_type = "application/problem+json")]
    Conflict(Json<ProblemDocument>),
    /// `If-Match` names a version that is no longer current: read again and repeat.
    #[oai(status = 412, content_type = "application/problem+json")]
    PreconditionFailed(Json<ProblemDocument>),
    /// The body is larger than the server accepts (1 MiB).
    #[oai(status = 413, content_type = "application/problem+json")]
    PayloadTooLarge(Json<ProblemDocument>),
    /// Well-formed but breaks a rule (e.g. a time outside the provider's hours).
    #[oai(status = 422, content_type = "application/problem+json")]
    Unprocessable(Json<ProblemDocument>),
    /// Too many requests or attempts; try again after `Retry-After` seconds. API requests also
    /// carry `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
    #[oai(status = 429, content_type = "application/problem+json")]
    TooManyRequests(
        Json<ProblemDocument>,
        /// Seconds to wait before trying again.
        #[oai(header = "Retry-After")]
        Option<u64>,
    ),
    /// Something failed on our side; it has been logged.
    #[oai(status = 500, content_type = "application/problem+json")]
    Internal(Json<ProblemDocument>),
    /// The database is out of reach for the moment; nothing was changed. Try again after
    /// `Retry-After` seconds.
    #[oai(status = 503, content_type = "application/problem+json")]
    Unavailable(Json<ProblemDocument>, #[oai(header = "Retry-After")] u32),
}

/// A problem document titled by the catalogue's `problem-title-<title>`.
fn document(kind: &str, title: &str, status: u16, detail: Option<String>) -> Json<ProblemDocument> {
    Json(ProblemDocument {
        kind: format!("/problems/{kind}"),
        title: say(&format!("problem-title-{title}")),
        status,
        detail,
    })
}

impl Problem {
    /// 400: the request could not be parsed.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::BadRequest(document(
            "bad-request",
            "bad-request",
            400,
            Some(detail.into()),
        ))
    }

    /// 401: no valid session and no valid API token.
    pub fn unauthorized() -> Self {
        Self::unauthorized_with(&say("problem-log-in"))
    }

    /// 401 for a refused authentication: why, when an API token was refused.
    pub fn unauthorized_by(error: &poem::Error) -> Self {
        error
            .downcast_ref::<super::TokenRefused>()
            .map_or_else(Self::unauthorized, |refused| {
                Self::unauthorized_with(&refused.0)
            })
    }

    /// 401 saying why the credentials were refused.
    pub fn unauthorized_with(detail: &str) -> Self {
        Self::Unauthorized(document(
            "unauthorized",
            "unauthorized",
            401,
            Some(detail.to_owned()),
        ))
    }

    /// 401 for a log-in with wrong credentials or of a deactivated account.
    pub fn login_refused(detail: String) -> Self {
        Self::Unauthorized(document(
            "login-refused",
            "login-refused",
            401,
            Some(detail),
        ))
    }

    /// 403: not allowed, saying why (the message `key`).
    pub fn forbidden(key: &str) -> Self {
        Self::Forbidden(document("forbidden", "forbidden", 403, Some(say(key))))
    }

    /// 404: nothing with that id (or nothing the caller may know about); `what` is a kind of
    /// thing the message `problem-not-found` names (`appointment`, `webhook-endpoint`, ...).
    pub fn not_found(what: &'static str) -> Self {
        Self::NotFound(document(
            "not-found",
            "not-found",
            404,
            Some(say_with("problem-not-found", [("what", what.into())])),
        ))
    }

    /// 409: conflicts with the current state.
    pub fn conflict(kind: &str, detail: impl Into<String>) -> Self {
        Self::Conflict(document(kind, "conflict", 409, Some(detail.into())))
    }

    /// 412: changed since the version named by `If-Match`.
    pub fn precondition_failed(detail: impl Into<String>) -> Self {
        Self::PreconditionFailed(document(
            "changed-meanwhile",
            "changed-meanwhile",
            412,
            Some(detail.into()),
        ))
    }

    /// 413: the body is over the size limit.
    pub fn payload_too_large() -> Self {
        Self::PayloadTooLarge(document(
            "payload-too-large",
            "payload-too-large",
            413,
            Some(say("problem-payload-too-large")),
        ))
    }

    /// 422: a rule refused the request.
    pub fn unprocessable(kind: &str, detail: impl Into<String>) -> Self {
        Self::Unprocessable(document(kind, "refused", 422, Some(detail.into())))
    }

    /// 429: throttled; try again after `retry_after` seconds when known.
    pub fn too_many_requests(detail: impl Into<String>, retry_after: Option<u64>) -> Self {
        Self::TooManyRequests(
            document(
                "too-many-requests",
                "too-many-requests",
                429,
                Some(detail.into()),
            ),
            retry_after,
        )
    }

    /// 500: logs `error` with its cause chain once, here, and hides it from the client; 503
    /// ([`Problem::unavailable`]) when the cause is a store out of reach.
    pub fn internal(error: &(dyn std::error::Error + 'static), context: &str) -> Self {
        if failure::log(error, context) {
            Self::unavailable()
        } else {
            Self::internal_logged()
        }
    }

    /// 503 with `Retry-After`: the database is out of reach; the request changed nothing.
    pub fn unavailable() -> Self {
        Self::Unavailable(
            document(
                "unavailable",
                "unavailable",
                503,
                Some(say("problem-unavailable")),
            ),
            RETRY_AFTER_SECONDS,
        )
    }

    /// 500 for a failure that was logged where it happened.
    pub fn internal_logged() -> Self {
        Self::Internal(document(
            "internal",
            "internal",
            500,
            Some(say("problem-internal")),
        ))
    }

    /// The document, whatever the status.
    pub fn document(&self) -> &ProblemDocument {
        match self {
            Self::BadRequest(d)
            | Self::Unauthorized(d)
            | Self::Forbidden(d)
            | Self::NotFound(d)
            | Self::Conflict(d)
            | Self::PreconditionFailed(d)
            | Self::PayloadTooLarge(d)
            | Self::Unprocessable(d)
            | Self::TooManyRequests(d, _)
            | Self::Internal(d)
            | Self::Unavailable(d, _) => &d.0,
        }
    }
}

impl From<SessionFailure> for Problem {
    fn from(e: SessionFailure) -> Self {
        if e.unavailable {
            Self::unavailable()
        } else {
            Self::internal_logged()
        }
    }
}

/// Maps poem-openapi's extraction errors: authentication failures to 401, a session store out
/// of reach to 503, failures of ours (already logged) to 500, everything else (bad JSON, bad parameters) to 400.
#[allow(clippy::needless_pass_by_value)] // poem-openapi passes the error by value
fn from_request_error(error: poem::Error) -> Problem {
    let status = error.status();
    if status == poem::http::StatusCode::UNAUTHORIZED {
        Problem::unauthorized_by(&error)
    } else if status == poem::http::StatusCode::SERVICE_UNAVAILABLE {
        Problem::unavailable()
    } else if status.is_server_error() {
        Problem::internal_logged()
    } else {
        Problem::bad_request(error.to_string())
    }
}
