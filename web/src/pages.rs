//! Server-rendered pages for people. Handlers parse the request, call one use case and render.

pub mod account;
pub mod account_data;
pub mod admin;
pub mod api_tokens;
pub mod appointments;
pub mod booking;
pub mod catalog;
pub mod dashboard;
mod month_picker;
pub mod policy_form;
pub mod profile;
pub mod reviews;
pub mod schedule;
pub mod series;
pub mod services;
pub mod unsubscribe;
pub mod verification;
pub mod waitlist;
pub mod webhooks;
mod week_grid;

use std::sync::Arc;

use adapters::catalogue;
use application::ports::error_chain;
use domain::UserId;
use poem::http::{StatusCode, header};
use poem::{IntoResponse, Response, Route, get, post};

pub use crate::failure::sentence;
use crate::failure::{self, RETRY_AFTER_SECONDS};
pub use crate::present::{arg, language_of, say, say_with};
pub use crate::refusals::{text_error, user_error, zone_error};
use crate::render::Layout;
use crate::state::SharedState;

/// What page handlers return; errors are 500s already logged.
pub type PageResult = poem::Result<Response>;

/// Every page route.
pub fn routes() -> Route {
    appointment_routes(Route::new())
        .at("/", get(catalog::home))
        .at("/search", get(catalog::search))
        .at("/services/:id", get(catalog::service))
        .at(
            "/services/:id/book",
            get(booking::confirm).post(booking::book),
        )
        .at(
            "/services/:id/series",
            get(series::preview).post(series::book),
        )
        .at("/dashboard", get(dashboard::dashboard))
        .at("/provider", get(dashboard::provider_home))
        .at(
            "/provider/services",
            get(services::list).post(services::create),
        )
        .at("/provider/services/new", get(services::new_form))
        .at("/provider/services/:id", post(services::update))
        .at("/provider/services/:id/edit", get(services::edit_form))
        .at("/provider/services/:id/active", post(services::set_active))
        .at("/providers/:id", get(services::public))
        .at("/account", get(profile::show).post(profile::save))
        .at("/account/password", post(profile::change_password))
        .at("/account/export", get(account_data::export))
        .at(
            "/account/delete",
            get(account_data::delete_form).post(account_data::delete),
        )
        .at("/account/email", post(profile::change_email))
        .at("/account/verification", post(profile::resend_verification))
        .at("/account/busy-calendars", post(profile::add_busy_calendar))
        .at(
            "/account/busy-calendars/remove",
            post(profile::remove_busy_calendar),
        )
        .at("/account/verify/:token", get(verification::verify))
        .at(
            "/unsubscribe/review-requests/:token",
            get(unsubscribe::ask).post(unsubscribe::confirm),
        )
        .at("/account/api-tokens", post(api_tokens::create))
        .at("/account/api-tokens/:id/revoke", post(api_tokens::revoke))
        .at(
            "/account/webhooks",
            get(webhooks::list).post(webhooks::create),
        )
        .at(
            "/account/webhooks/:id",
            get(webhooks::show).post(webhooks::update),
        )
        .at("/account/webhooks/:id/rotate", post(webhooks::rotate))
        .at("/account/webhooks/:id/ping", post(webhooks::ping))
        .at("/account/webhooks/:id/resend", post(webhooks::resend))
        .at("/account/webhooks/:id/delete", post(webhooks::delete))
        .at("/provider/schedule", get(schedule::show))
        .at("/provider/schedule/hours", post(schedule::save_hours))
        .at(
            "/provider/schedule/overrides",
            post(schedule::save_override),
        )
        .at("/provider/schedule/policy", post(schedule::save_policy))
        .at("/reviews/:id/reply", post(reviews::reply))
        .at(
            "/reviews/:id/report",
            get(reviews::report_form).post(reviews::report),
        )
        .at(
            "/register",
            get(account::register_form).post(account::register),
        )
        .at("/login", get(account::login_form).post(account::login))
        .at("/logout", post(account::logout))
        .at("/language", get(crate::language::switch))
        .at("/privacy", get(account::privacy_notice))
        .nest("/admin", admin::routes())
}

/// `routes` with an appointment's page and what its parties do there.
fn appointment_routes(routes: Route) -> Route {
    routes
        .at("/appointments/:id", get(appointments::show))
        .at("/appointments/:id/cancel", post(appointments::cancel))
        .at(
            "/appointments/:id/cancel-following",
            post(appointments::cancel_following),
        )
        .at(
            "/appointments/:id/move-following",
            post(appointments::move_following),
        )
        .at(
            "/appointments/:id/cancel-class",
            post(appointments::cancel_class),
        )
        .at("/appointments/:id/move", post(appointments::answer_move))
        .at("/appointments/:id/hold", post(appointments::answer_hold))
        .at(
            "/services/:id/waitlist",
            get(waitlist::join_form).post(waitlist::join),
        )
        .at("/waitlist", get(waitlist::list))
        .at("/waitlist/:id/leave", post(waitlist::leave))
        .at(
            "/appointments/:id/status",
            post(appointments::change_status),
        )
        .at(
            "/appointments/:id/reschedule",
            get(appointments::reschedule_form).post(appointments::reschedule),
        )
        .at(
            "/appointments/:id/review",
            get(reviews::write_form).post(reviews::write),
        )
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

/// After an account change that can move or end a provider's calendar share (calendar address,
/// activation, role), brings the sharing in line in the background: the page never waits for
/// the calendar service. If that fails, nothing is lost: every later sync of the provider's
/// appointments checks the share too, and an admin re-sync repairs it.
pub fn follow_calendar_share(state: &SharedState, user: UserId) {
    let state = Arc::clone(state);
    tokio::spawn(async move {
        if let Err(e) = state.use_cases.sync_calendar.run(user).await {
            tracing::warn!(error = %error_chain(&e), %user, "calendar sharing not updated");
        }
    });
}

/// Logs an unexpected failure once, with its cause chain, and turns it into a 500; a store
/// out of reach becomes a 503 (the "temporarily unavailable" page of [`error_page`]).
pub fn internal(error: &(dyn std::error::Error + 'static), context: &str) -> poem::Error {
    if failure::log(error, context) {
        return poem::Error::from_status(StatusCode::SERVICE_UNAVAILABLE);
    }
    poem::Error::from_status(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Errors no handler turned into a page (unknown paths, unparsable forms, failures already
/// logged where they happened) as an HTML page; API errors arrive here already rendered.
pub fn error_page(state: &SharedState, error: poem::Error) -> Response {
    if error.is_from_response() {
        return error.into_response();
    }
    let language = catalogue::default_language();
    let layout = Layout::of(None, &language);
    let status = error.status();
    let (title, message) = match status {
        StatusCode::NOT_FOUND => return not_found(state, &layout),
        StatusCode::SERVICE_UNAVAILABLE => return unavailable(state, &layout),
        s if s.is_server_error() => ("h-acct-error-failed-title", "h-acct-error-failed-message"),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "h-acct-error-too-large-title",
            "h-acct-error-too-large-message",
        ),
        _ => ("h-acct-error-bad-title", "h-acct-error-bad-message"),
    };
    state.templates.respond(
        status,
        "error.html",
        &layout,
        &serde_json::json!({
            "title": say(&language, title),
            "message": say(&language, message),
        }),
    )
}

/// The 503 page: the database is out of reach for a moment; nothing was changed.
pub fn unavailable(state: &SharedState, layout: &Layout) -> Response {
    let language = language_of(layout);
    let mut page = state.templates.respond(
        StatusCode::SERVICE_UNAVAILABLE,
        "error.html",
        layout,
        &serde_json::json!({
            "title": say(&language, "h-acct-error-unavailable-title"),
            "message": say(&language, "h-acct-error-unavailable-message"),
        }),
    );
    page.headers_mut().insert(
        header::RETRY_AFTER,
        header::HeaderValue::from(RETRY_AFTER_SECONDS),
    );
    page
}

/// The 404 page.
pub fn not_found(state: &SharedState, layout: &Layout) -> Response {
    let language = language_of(layout);
    state.templates.respond(
        StatusCode::NOT_FOUND,
        "error.html",
        layout,
        &serde_json::json!({
            "title": say(&language, "h-acct-error-not-found-title"),
            "message": say(&language, "h-acct-error-not-found-message"),
        }),
    )
}

/// A 403 page with `title` and `message` (already in the page's language).
pub fn forbidden(state: &SharedState, layout: &Layout, title: &str, message: &str) -> Response {
    state.templates.respond(
        StatusCode::FORBIDDEN,
        "error.html",
        layout,
        &serde_json::json!({ "title": title, "message": message }),
    )
}

/// A 403 page whose title and message are the catalogue's `title` and `message` keys.
pub fn forbidden_said(
    state: &SharedState,
    layout: &Layout,
    title: &str,
    message: &str,
) -> Response {
    let language = language_of(layout);
    forbidden(
        state,
        layout,
        &say(&language, title),
        &say(&language, message),
    )
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
