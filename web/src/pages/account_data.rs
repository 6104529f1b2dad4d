//! A user's own data: the export download and deleting the account (`/account/export`,
//! `/account/delete`).

use application::Actor;
use application::erase_account::EraseAccountError;
use application::export_personal_data::ExportError;
use chrono::{DateTime, Utc};
use domain::{Role, User};
use poem::http::{StatusCode, header};
use poem::web::cookie::CookieJar;
use poem::web::{Data, Form};
use poem::{IntoResponse, Request, Response, handler};
use serde::{Deserialize, Serialize};

use super::profile::AccountVisit;
use super::{PageResult, internal, language_of, not_found, say};
use crate::guards::SignedIn;
use crate::login_throttle::{self, Checked};
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor;

/// The download's file name: `bys-export-<UTC date>.json`.
pub fn export_file_name(now: DateTime<Utc>) -> String {
    format!("bys-export-{}.json", now.format("%Y-%m-%d"))
}

/// `GET /account/export`: everything stored about the signed-in user, as a JSON download.
#[handler]
pub async fn export(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
) -> PageResult {
    let doc = match state
        .use_cases
        .export_personal_data
        .run(&actor, actor.id)
        .await
    {
        Ok(doc) => doc,
        Err(ExportError::Forbidden | ExportError::UnknownUser) => {
            return Ok(not_found(&state, &layout));
        }
        Err(e @ ExportError::Store(_)) => return Err(internal(&e, "export failed")),
    };
    let body = serde_json::to_vec_pretty(&doc).map_err(|e| internal(&e, "export failed"))?;
    Ok(Response::builder()
        .content_type("application/json")
        .header(
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"{}\"",
                export_file_name(state.clock.now())
            ),
        )
        .body(body))
}

/// The confirmation form (the password is never sent back).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DeleteForm {
    password: String,
}

#[derive(Serialize)]
struct DeletePage {
    provider: bool,
    /// The name the other side will see instead.
    pseudonym: String,
    error: Option<String>,
    deleted: bool,
}

impl DeletePage {
    fn asking(user: &User, error: Option<String>) -> Self {
        Self {
            provider: user.role == Role::Provider,
            pseudonym: User::erased_name(user.role).as_str().to_owned(),
            error,
            deleted: false,
        }
    }
}

/// `GET /account/delete`: what deleting the account does, and the confirmation form.
#[handler]
#[allow(clippy::unused_async)] // the account is read by the extractor; handlers are async
pub async fn delete_form(state: Data<&SharedState>, visit: AccountVisit) -> PageResult {
    Ok(state.templates.respond(
        StatusCode::OK,
        "delete_account.html",
        &visit.layout,
        &DeletePage::asking(&visit.user, None),
    ))
}

/// `POST /account/delete`: erases the account after checking the password (wrong passwords
/// count like failed logins, per account and per client address), then signs out everywhere.
#[handler]
pub async fn delete(
    state: Data<&SharedState>,
    jar: &CookieJar,
    req: &Request,
    signed_in: SignedIn,
    Form(form): Form<DeleteForm>,
) -> PageResult {
    let visit = AccountVisit::of(&state, signed_in.actor, signed_in.layout.clone()).await?;
    let account = visit.user.email.as_str().to_owned();
    let address = state.limits.client_address(req);
    let checked = login_throttle::check_password(
        &state.limits,
        &account,
        address,
        state
            .use_cases
            .erase_account
            .run(&visit.actor, &form.password),
        |e| matches!(e, EraseAccountError::WrongPassword),
    )
    .await
    .map_err(|e| internal(&e, "password check limit unavailable"))?;
    let outcome = match checked {
        Checked::Throttled => {
            return Ok(again(
                &state,
                &visit,
                StatusCode::TOO_MANY_REQUESTS,
                super::profile::TOO_MANY_WRONG,
            ));
        }
        Checked::Ran(outcome) => outcome,
    };
    match outcome {
        Ok(()) => {
            sign_out_everywhere(&state, jar, &signed_in.visitor, &visit.actor).await?;
            Ok(state.templates.respond(
                StatusCode::OK,
                "delete_account.html",
                &Layout::of(None, &language_of(&visit.layout)),
                &DeletePage {
                    deleted: true,
                    ..DeletePage::asking(&visit.user, None)
                },
            ))
        }
        Err(EraseAccountError::WrongPassword) => Ok(again(
            &state,
            &visit,
            StatusCode::UNPROCESSABLE_ENTITY,
            super::profile::WRONG_PASSWORD,
        )),
        Err(EraseAccountError::LastAdmin) => Ok(again(
            &state,
            &visit,
            StatusCode::CONFLICT,
            "h-acct-delete-last-admin",
        )),
        Err(EraseAccountError::UnknownUser) => Ok(not_found(&state, &visit.layout)),
        Err(e @ (EraseAccountError::Hash(_) | EraseAccountError::Store(_))) => {
            Err(internal(&e, "erasing an account failed"))
        }
    }
}

/// Ends every session of the erased account, this one included (its cookie cleared).
async fn sign_out_everywhere(
    state: &SharedState,
    jar: &CookieJar,
    visitor: &visitor::Visitor,
    actor: &Actor,
) -> poem::Result<()> {
    visitor::log_out(state, jar, visitor).await?;
    state
        .sessions
        .remove_user(actor.id)
        .await
        .map_err(|e| internal(&e, "ending the erased account's sessions failed"))
}

/// The deletion form again in `status`, with the catalogue's message `key`.
fn again(state: &SharedState, visit: &AccountVisit, status: StatusCode, key: &str) -> Response {
    let message = say(&language_of(&visit.layout), key);
    state
        .templates
        .respond(
            status,
            "delete_account.html",
            &visit.layout,
            &DeletePage::asking(&visit.user, Some(message)),
        )
        .into_response()
}
