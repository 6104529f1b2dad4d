//! The JSON API under `/api/v1`, described by `OpenAPI` at `/api/openapi.json` with Swagger UI at
//! `/api/docs`. Errors are problem documents (see [`problem`]).
//!
//! Authentication is the session cookie (log in with `POST /api/v1/session` or through the
//! pages) or a personal API token (created on the account page) as `Authorization: Bearer
//! <secret>`; every operation that takes one takes the other ([`ApiAuth`]). State-changing calls
//! take `application/json` bodies only, which browsers do not send cross-site without CORS
//! approval, and the cookie is SameSite=Lax: together they stand in for the CSRF token the pages
//! use. A bearer token is never sent by a browser on its own, so it needs no CSRF token either.
//!
//! Fields whose type is an enum carry no doc comment (their type's doc describes them):
//! poem-openapi writes a described `$ref` as an `allOf`, which client generators such as
//! openapi-python-client refuse for anything but objects (`tests/client/run` would fail).

pub mod accounts;
pub mod appointments;
pub mod privacy;
pub mod problem;
pub mod provider;
pub mod reviews;
pub mod series;
pub mod services;
pub mod sessions;
pub mod staff;
pub mod waitlist;
pub mod webhooks;

use application::Actor;
use application::authenticate_api_token::AuthenticateApiTokenError;
use poem::http::StatusCode;
use poem::{EndpointExt, IntoEndpoint, IntoResponse, Request, RequestBody, Response, Route};
use poem_openapi::auth::{ApiKey, Bearer};
use poem_openapi::registry::Registry;
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions, OpenApiService, SecurityScheme, Tags,
};

use self::problem::Problem;

use application::ports::{SessionId, SessionUser};

use crate::session::CookiePolicy;
use crate::state::SharedState;
use crate::visitor;

/// Groups of operations in the documentation.
#[derive(Debug, Tags)]
pub enum ApiTags {
    /// Signing up; one's own account, password and API tokens.
    Accounts,
    /// Logging in and out.
    Sessions,
    /// Searching services and their free slots.
    Services,
    /// Booked appointments.
    Appointments,
    /// A provider's own services, hours, date overrides and booking policy.
    Provider,
    /// Verified reviews of completed appointments, and their moderation.
    Reviews,
    /// Webhook endpoints: signed messages (Standard Webhooks) about bookings and services.
    Webhooks,
    /// Your own data: the export.
    Privacy,
    /// Staff operations (admin and support): accounts, categories, every appointment, failed
    /// deliveries, provider calendars and the audit log.
    Staff,
}

/// The session cookie set at login.
#[derive(SecurityScheme)]
#[oai(
    rename = "session",
    ty = "api_key",
    key_name = "bys_session",
    key_in = "cookie",
    checker = "session_user"
)]
pub struct SessionAuth(SessionUser);

async fn session_user(req: &Request, key: ApiKey) -> poem::Result<SessionUser> {
    let unauthorized = || poem::Error::from_status(StatusCode::UNAUTHORIZED);
    let state = req.data::<SharedState>().ok_or_else(unauthorized)?;
    SessionId::parse(&key.key).ok_or_else(unauthorized)?;
    let visitor = visitor::load(state, req.cookie()).await?;
    visitor.user().cloned().ok_or_else(unauthorized)
}

/// A personal API token, created on the account page.
#[derive(SecurityScheme)]
#[oai(
    rename = "api_token",
    ty = "bearer",
    bearer_format = "bys_<64 hex digits>",
    checker = "token_user"
)]
pub struct TokenAuth(SessionUser);

async fn token_user(req: &Request, bearer: Bearer) -> poem::Result<SessionUser> {
    let state = req
        .data::<SharedState>()
        .ok_or_else(|| poem::Error::from_status(StatusCode::UNAUTHORIZED))?;
    match state
        .use_cases
        .authenticate_api_token
        .run(&bearer.token)
        .await
    {
        Ok(user) => Ok(SessionUser::from(&user)),
        Err(AuthenticateApiTokenError::Store(e)) => {
            let problem = Problem::internal(&e, "checking an API token failed");
            Err(poem::Error::from_response(problem.into_response()))
        }
        Err(refused) => Err(TokenRefused(problem::say(match refused {
            AuthenticateApiTokenError::Revoked => "problem-token-revoked",
            AuthenticateApiTokenError::Deactivated => "h-acct-login-deactivated",
            _ => "problem-token-unknown",
        }))
        .into()),
    }
}

/// A presented API token that does not authenticate, with the reason for its holder.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TokenRefused(pub String);

impl poem::error::ResponseError for TokenRefused {
    fn status(&self) -> StatusCode {
        StatusCode::UNAUTHORIZED
    }
}

/// Who calls an operation: the session cookie is tried first, then the bearer token. When
/// neither authenticates the answer is 401. A session whose lookup failed is not "no
/// session": that failure (503 while the store is out of reach) is the answer, never a 401.
pub enum ApiAuth {
    /// By the session cookie.
    Session(SessionAuth),
    /// By a personal API token.
    Token(TokenAuth),
}

impl<'a> ApiExtractor<'a> for ApiAuth {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::SecurityScheme];
    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        SessionAuth::register(registry);
        TokenAuth::register(registry);
    }

    fn security_schemes() -> Vec<&'static str> {
        let mut schemes = SessionAuth::security_schemes();
        schemes.extend(TokenAuth::security_schemes());
        schemes
    }

    async fn from_request(
        req: &'a Request,
        body: &mut RequestBody,
        param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        // What poem-openapi's derive does, except that a failed session lookup (a server
        // error) ends the search instead of being overwritten by the token's 401.
        match SessionAuth::from_request(req, body, param_opts.clone()).await {
            Ok(session) => return Ok(Self::Session(session)),
            Err(e) if e.status().is_server_error() => return Err(e),
            Err(_) => {}
        }
        TokenAuth::from_request(req, body, param_opts)
            .await
            .map(Self::Token)
    }
}

impl ApiAuth {
    /// The calling user.
    pub fn user(&self) -> &SessionUser {
        match self {
            Self::Session(SessionAuth(user)) | Self::Token(TokenAuth(user)) => user,
        }
    }

    /// The calling user as the actor use cases receive.
    pub fn actor(&self) -> Actor {
        self.user().actor()
    }
}

/// The document's description: what the API does, how to authenticate, how retries work.
const DESCRIPTION: &str = "Search services, see free slots and book appointments.

**Authentication.** Either the `bys_session` cookie (`POST /session`, or log in on the site) or \
a personal API token, created under *API tokens* on the account page and sent as \
`Authorization: Bearer bys_...`. A token acts as its owner; a revoked token, or one of a \
deactivated account, gets 401. Calls with a token need no CSRF token.

**Errors** are problem documents (RFC 9457, `application/problem+json`) whose `title` and \
`detail` are written in the first language of `Accept-Language` the marketplace speaks \
(`GET /languages`), else its default; `Content-Language` names it. `type` never changes with \
the language.

**Rate limits.** Requests are counted per API token or session and per client address in \
one-minute windows; every answer carries `RateLimit-Limit`, `RateLimit-Remaining` and \
`RateLimit-Reset` (seconds). Past a limit the answer is 429 (`/problems/too-many-requests`) \
with `Retry-After`. Booking attempts are also limited per customer per hour.

**Retries.** `POST /appointments` and `POST /series` take an `Idempotency-Key` header. \
Repeating the request with the same key and body books nothing new: it answers 201 again (as \
Stripe does) with the appointment or series as it is now and the header \
`Idempotent-Replayed: true`. The same key with a different body is refused with 422 \
(`/problems/idempotency-key-reused`).

**Webhooks.** Providers (for their own bookings and services) and admins (for everyone's) \
register endpoints under `/webhooks`. Messages follow Standard Webhooks (standardwebhooks.com): \
headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (`v1,` and the base64 \
HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with the base64-decoded part of the `whsec_` \
secret after the prefix); bodies are `{type, timestamp, version, data}`.";

/// `/v1` (the API), `/openapi.json` and `/docs` (Swagger UI), to be nested under `/api` of the
/// server reached at `base_url`.
pub fn routes(base_url: &str) -> Route {
    let api = OpenApiService::new(
        (
            accounts::AccountsApi,
            sessions::SessionsApi,
            services::ServicesApi,
            appointments::AppointmentsApi,
            provider::ProviderApi,
            series::SeriesApi,
            waitlist::WaitlistApi,
            reviews::ReviewsApi,
            webhooks::WebhooksApi,
            privacy::PrivacyApi,
            staff::StaffApi,
        ),
        "Book Your Services",
        env!("CARGO_PKG_VERSION"),
    )
    .description(DESCRIPTION)
    .server(format!("{base_url}/api/v1"));
    let spec = api.spec_endpoint();
    let docs = api.swagger_ui();
    Route::new()
        .at("/openapi.json", spec)
        .nest("/docs", docs)
        .nest(
            "/v1",
            api.into_endpoint()
                .catch_all_error(as_problem)
                .around(crate::limits::api_limit)
                .around(problem::in_callers_language),
        )
}

/// The cookie jar's session id, for endpoints that end or replace the session.
pub fn presented_session(req: &Request) -> Option<SessionId> {
    CookiePolicy::presented(req.cookie())
}

/// Every error the API's own handlers did not already turn into a problem document (unknown
/// routes, wrong methods, unparsable parameters and bodies) as one.
async fn as_problem(error: poem::Error) -> Response {
    if error.is_from_response() {
        return error.into_response();
    }
    let problem = match error.status() {
        StatusCode::UNAUTHORIZED => Problem::unauthorized_by(&error),
        StatusCode::NOT_FOUND => Problem::not_found("resource"),
        StatusCode::METHOD_NOT_ALLOWED => {
            Problem::bad_request(problem::say("problem-method-not-allowed"))
        }
        StatusCode::SERVICE_UNAVAILABLE => Problem::unavailable(),
        status if status.is_server_error() => Problem::internal(&error, "request failed"),
        _ => Problem::bad_request(error.to_string()),
    };
    problem.into_response()
}
