//! Server-rendered pages for people. Handlers parse the request, call one use case and render.

pub mod account;
pub mod home;

use poem::http::{StatusCode, header};
use poem::{IntoResponse, Response, Route, get};

use crate::api::problem::error_chain;

/// What page handlers return; errors are 500s already logged.
pub type PageResult = poem::Result<Response>;

/// Every page route.
pub fn routes() -> Route {
    Route::new()
        .at("/", get(home::home))
        .at(
            "/register",
            get(account::register_form).post(account::register),
        )
        .at("/login", get(account::login_form).post(account::login))
        .at("/logout", poem::post(account::logout))
}

/// A 303 redirect to `location` (after a form POST, the browser follows with a GET).
pub fn redirect(location: &str) -> Response {
    StatusCode::SEE_OTHER
        .with_header(header::LOCATION, location)
        .into_response()
}

/// `next` if it is a path on this site, else `/` (no open redirects).
pub fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

/// Logs an unexpected failure once, with its cause chain, and turns it into a 500.
pub fn internal(error: &(dyn std::error::Error + 'static), context: &str) -> poem::Error {
    tracing::error!(error = %error_chain(error), "{context}");
    poem::Error::from_status(StatusCode::INTERNAL_SERVER_ERROR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/services/1"), "/services/1");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
