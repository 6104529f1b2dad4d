//! `/unsubscribe/review-requests/<token>`: the opt-out link of review request mails. It needs no
//! login (the single-use link proves the mailbox). The GET only asks, so a mail scanner that
//! opens links changes nothing; the POST (the page's button, or a mail client's RFC 8058
//! one-click `List-Unsubscribe=One-Click`) turns the mails off. The POST carries no CSRF token
//! from a mail client, so the route is exempt from the check ([`crate::csrf`]): the token in the
//! path is its authorization, and it acts on no session.

use application::ports::AccountToken;
use application::stop_review_requests::StopReviewRequestsError;
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
struct UnsubscribePage<'a> {
    /// The link's token, for the confirming form.
    token: &'a str,
    /// What happened: `ask`, `done` or `invalid`.
    outcome: &'static str,
}

/// `GET /unsubscribe/review-requests/<token>`: asks to confirm (a malformed link is a 404 at
/// once; whether the token is still valid shows when it is used).
#[handler]
pub async fn ask(
    state: Data<&SharedState>,
    jar: &CookieJar,
    visitor: Visitor,
    Path(token): Path<String>,
) -> PageResult {
    let language = visitor.language.clone();
    let (_, session) = visitor::ensure_session(&state, jar, visitor).await?;
    let (status, page) = if AccountToken::parse(&token).is_some() {
        (
            StatusCode::OK,
            UnsubscribePage {
                token: &token,
                outcome: "ask",
            },
        )
    } else {
        (
            StatusCode::NOT_FOUND,
            UnsubscribePage {
                token: "",
                outcome: "invalid",
            },
        )
    };
    Ok(state.templates.respond(
        status,
        "unsubscribe.html",
        &Layout::of(Some(&session), &language),
        &page,
    ))
}

/// `POST /unsubscribe/review-requests/<token>`: uses the link up and turns the mails off.
#[handler]
pub async fn confirm(
    state: Data<&SharedState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> PageResult {
    let (status, outcome) = match state.use_cases.stop_review_requests.run(&token).await {
        Ok(_) => (StatusCode::OK, "done"),
        Err(StopReviewRequestsError::InvalidLink) => (StatusCode::NOT_FOUND, "invalid"),
        Err(e @ StopReviewRequestsError::Store(_)) => {
            return Err(internal(&e, "review request opt-out failed"));
        }
    };
    Ok(state.templates.respond(
        status,
        "unsubscribe.html",
        &visitor.layout(),
        &UnsubscribePage { token: "", outcome },
    ))
}
