//! Forgotten passwords: the request form (linked from the login page) mails a single-use,
//! expiring link; `/reset-password/<token>` sets the new password, then the login page follows.

use application::reset_password::ResetPasswordError;
use domain::NewPassword;
use poem::http::StatusCode;
use poem::web::cookie::CookieJar;
use poem::web::{Data, Form, Path};
use poem::{Request, Response, handler};
use serde::{Deserialize, Serialize};

use crate::limits::{Admission, client_subject};
use crate::pages::{PageResult, internal, redirect, user_error};
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::{self, Visitor};

/// The request form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

#[derive(Serialize)]
struct ForgotPage<'a> {
    email: &'a str,
    sent: bool,
    minutes: u32,
}

/// `GET /forgot-password`.
#[handler]
pub async fn request_form(
    state: Data<&SharedState>,
    jar: &CookieJar,
    visitor: Visitor,
) -> PageResult {
    let language = visitor.language.clone();
    let (_, session) = visitor::ensure_session(&state, jar, visitor).await?;
    Ok(state.templates.respond(
        StatusCode::OK,
        "forgot_password.html",
        &Layout::of(Some(&session), &language),
        &ForgotPage {
            email: "",
            sent: false,
            minutes: state.reset_link_minutes,
        },
    ))
}

/// `POST /forgot-password`: mails a link if the address has an account and neither the address
/// nor the client asked too often this hour, and answers the same in every case (at once: the
/// mail goes out in the background) so the form cannot tell who has an account.
#[handler]
pub async fn request(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Form(input): Form<ForgotForm>,
) -> PageResult {
    let email = input.email.trim();
    mail_reset_link(&state, req, email).await;
    Ok(state.templates.respond(
        StatusCode::OK,
        "forgot_password.html",
        &visitor.layout(),
        &ForgotPage {
            email,
            sent: true,
            minutes: state.reset_link_minutes,
        },
    ))
}

/// Mails a reset link to `email` in the background when it has an account and neither the
/// address nor the client asked too often this hour. Says nothing either way, so callers
/// answer the same for every address (the page and the API).
pub async fn mail_reset_link(state: &SharedState, req: &Request, email: &str) {
    let account = email.to_lowercase();
    let client = client_subject(state, req);
    let doors = state.limits.doors;
    let admitted = state
        .limits
        .admit(&[
            (doors.reset_mail_address, &account),
            (doors.reset_mail_client, &client),
        ])
        .await;
    match admitted {
        Ok(Admission::Allowed(_)) => {
            let state = state.clone();
            let email = email.to_owned();
            tokio::spawn(async move {
                if let Err(e) = state.use_cases.request_reset.run(&email).await {
                    // Logged for the operator; the visitor saw the same answer as for any address.
                    tracing::error!(error = %application::ports::error_chain(&e), "reset mail failed");
                }
            });
        }
        Ok(Admission::Refused(tally)) => {
            tracing::info!(
                door = tally.door.name,
                "password reset request over its limit"
            );
        }
        Err(e) => {
            tracing::error!(error = %application::ports::error_chain(&e), "reset mail limit unavailable");
        }
    }
}

/// The new password form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    password: String,
}

#[derive(Serialize)]
struct ResetPage<'a> {
    token: &'a str,
    invalid: bool,
    error: Option<String>,
}

/// `GET /reset-password/<token>`: the form (the token is checked when it is used).
#[handler]
pub async fn reset_form(
    state: Data<&SharedState>,
    jar: &CookieJar,
    visitor: Visitor,
    Path(token): Path<String>,
) -> PageResult {
    let language = visitor.language.clone();
    let (_, session) = visitor::ensure_session(&state, jar, visitor).await?;
    let well_formed = token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    Ok(state.templates.respond(
        if well_formed {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        },
        "reset_password.html",
        &Layout::of(Some(&session), &language),
        &ResetPage {
            token: if well_formed { &token } else { "" },
            invalid: !well_formed,
            error: None,
        },
    ))
}

/// `POST /reset-password/<token>`: uses the token up and sets the password.
#[handler]
pub async fn reset(
    state: Data<&SharedState>,
    visitor: Visitor,
    Path(token): Path<String>,
    Form(input): Form<ResetForm>,
) -> PageResult {
    let again = |status, invalid, error| -> Response {
        state.templates.respond(
            status,
            "reset_password.html",
            &visitor.layout(),
            &ResetPage {
                token: &token,
                invalid,
                error,
            },
        )
    };
    // Checked before the token is used up, so a too-short password does not cost the link.
    let password = match NewPassword::parse(&input.password) {
        Ok(password) => password,
        Err(e) => {
            return Ok(again(
                StatusCode::UNPROCESSABLE_ENTITY,
                false,
                Some(user_error(&visitor.language, &e)),
            ));
        }
    };
    match state.use_cases.reset_password.run(&token, &password).await {
        // The new password works from now on; the person logs in with it.
        Ok(_) => Ok(redirect("/login")),
        Err(ResetPasswordError::InvalidToken) => Ok(again(StatusCode::NOT_FOUND, true, None)),
        Err(e) => Err(internal(&e, "password reset failed")),
    }
}
