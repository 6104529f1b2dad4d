//! `/account/verify/<token>`: the link mailed to verify an account's email address. It needs
//! no login (the link proves the mailbox); the page says whether it worked and offers a new
//! link when it did not.

use application::verify_email::VerifyEmailError;
use poem::handler;
use poem::http::StatusCode;
use poem::web::cookie::CookieJar;
use poem::web::{Data, Path};
use serde::Serialize;

use super::{PageResult, internal};
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::{self, Visitor};

#[derive(Serialize)]
struct VerifyPage {
    /// The verified address; `None` when the link did not work.
    verified: Option<String>,
    /// The link belongs to another account than the signed-in one.
    wrong_account: bool,
}

/// `GET /account/verify/<token>`: uses the token up and marks the address verified.
#[handler]
pub async fn verify(
    state: Data<&SharedState>,
    jar: &CookieJar,
    visitor: Visitor,
    Path(token): Path<String>,
) -> PageResult {
    let actor = visitor.actor();
    let (status, page) = match state
        .use_cases
        .verify_email
        .run(actor.as_ref(), &token)
        .await
    {
        Ok(user) => (
            StatusCode::OK,
            VerifyPage {
                verified: Some(user.email.as_str().to_owned()),
                wrong_account: false,
            },
        ),
        Err(VerifyEmailError::InvalidToken) => (
            StatusCode::NOT_FOUND,
            VerifyPage {
                verified: None,
                wrong_account: false,
            },
        ),
        Err(VerifyEmailError::WrongAccount) => (
            StatusCode::FORBIDDEN,
            VerifyPage {
                verified: None,
                wrong_account: true,
            },
        ),
        Err(e @ VerifyEmailError::Store(_)) => {
            return Err(internal(&e, "email verification failed"));
        }
    };
    // A session, so the page's "send a new link" form carries a CSRF token.
    let language = visitor.language.clone();
    let (_, session) = visitor::ensure_session(&state, jar, visitor).await?;
    Ok(state.templates.respond(
        status,
        "verify_email.html",
        &Layout::of(Some(&session), &language),
        &page,
    ))
}
