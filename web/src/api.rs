//! The JSON API under `/api/v1`, described by `OpenAPI` at `/api/openapi.json` with Swagger UI at
//! `/api/docs`. Errors are problem documents (see [`problem`]).
//!
//! Authentication is the session cookie (log in with `POST /api/v1/session` or through the
//! pages). State-changing calls take `application/json` bodies only, which browsers do not send
//! cross-site without CORS approval, and the cookie is SameSite=Lax: together they stand in for
//! the CSRF token the pages use.

pub mod appointments;
pub mod problem;
pub mod services;
pub mod sessions;

use poem::{EndpointExt, IntoEndpoint, IntoResponse, Request, Response, Route};
use poem_openapi::auth::ApiKey;
use poem_openapi::{OpenApiService, SecurityScheme, Tags};

use self::problem::Problem;

use crate::session::{CookiePolicy, SessionId, SessionUser};
use crate::state::SharedState;
use crate::visitor;

/// Groups of operations in the documentation.
#[derive(Debug, Tags)]
pub enum ApiTags {
    /// Logging in and out.
    Sessions,
    /// Searching services and their free slots.
    Services,
    /// Booked appointments.
    Appointments,
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
    let unauthorized = || poem::Error::from_status(poem::http::StatusCode::UNAUTHORIZED);
    let state = req.data::<SharedState>().ok_or_else(unauthorized)?;
    SessionId::parse(&key.key).ok_or_else(unauthorized)?;
    let visitor = visitor::load(state, req.cookie()).await?;
    visitor.user().cloned().ok_or_else(unauthorized)
}

/// `/v1` (the API), `/openapi.json` and `/docs` (Swagger UI), to be nested under `/api` of the
/// server reached at `base_url`.
pub fn routes(base_url: &str) -> Route {
    let api = OpenApiService::new(
        (
            sessions::SessionsApi,
            services::ServicesApi,
            appointments::AppointmentsApi,
        ),
        "Book Your Services",
        env!("CARGO_PKG_VERSION"),
    )
    .description("Search services, see free slots and book appointments.")
    .server(format!("{base_url}/api/v1"));
    let spec = api.spec_endpoint();
    let docs = api.swagger_ui();
    Route::new()
        .at("/openapi.json", spec)
        .nest("/docs", docs)
        .nest("/v1", api.into_endpoint().catch_all_error(as_problem))
}

/// The cookie jar's session id, for endpoints that end or replace the session.
pub fn presented_session(req: &Request) -> Option<SessionId> {
    CookiePolicy::presented(req.cookie())
}

/// Every error the API's own handlers did not already turn into a problem document (unknown
/// routes, wrong methods, unparsable parameters and bodies) as one.
async fn as_problem(error: poem::Error) -> Response {
    use poem::http::StatusCode;
    if error.is_from_response() {
        return error.into_response();
    }
    let problem = match error.status() {
        StatusCode::UNAUTHORIZED => Problem::unauthorized(),
        StatusCode::NOT_FOUND => Problem::not_found("resource"),
        StatusCode::METHOD_NOT_ALLOWED => Problem::bad_request("This method is not allowed here."),
        status if status.is_server_error() => Problem::internal(&error, "request failed"),
        _ => Problem::bad_request(error.to_string()),
    };
    problem.into_response()
}
