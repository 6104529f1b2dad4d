//! The "API tokens" section of the account page: `POST /account/api-tokens` creates a token and
//! shows its secret once; `POST /account/api-tokens/:id/revoke` revokes one. Both forms carry
//! the CSRF token like every page form.

use application::Actor;
use application::create_api_token::{CreateApiTokenError, MAX_ACTIVE_TOKENS};
use application::revoke_api_token::RevokeApiTokenError;
use domain::{ApiTokenId, Language, TokenName, Zone};
use poem::handler;
use poem::http::{StatusCode, header};
use poem::web::{Data, Form};
use serde::{Deserialize, Serialize};

use super::profile::{AccountVisit, Forms};
use super::{PageResult, arg, internal, language_of, not_found, redirect, say_with, text_error};
use crate::guards::{PathId, SignedIn};
use crate::present::moment_in;
use crate::state::SharedState;

/// What the section shows: the create form as typed, a new secret once, the token list.
#[derive(Debug, Default, Serialize)]
pub struct TokensSection {
    /// The name field as typed, kept when it is refused.
    name: String,
    /// Why the name was refused.
    error: Option<String>,
    /// The token just created, with its secret: shown this once only.
    created: Option<CreatedToken>,
    /// The user's tokens, newest first.
    list: Vec<TokenRow>,
}

#[derive(Debug, Serialize)]
struct CreatedToken {
    name: String,
    secret: String,
}

#[derive(Debug, Serialize)]
struct TokenRow {
    id: String,
    name: String,
    created: String,
    last_used: Option<String>,
}

impl TokensSection {
    /// This section with `actor`'s tokens listed, times in `zone` and `language`.
    ///
    /// # Errors
    /// When the store fails (logged).
    pub(super) async fn listing(
        mut self,
        state: &SharedState,
        actor: &Actor,
        zone: Zone,
        language: &Language,
    ) -> Result<Self, poem::Error> {
        let tokens = state
            .use_cases
            .list_api_tokens
            .run(actor)
            .await
            .map_err(|e| internal(&e, "listing API tokens failed"))?;
        self.list = tokens
            .iter()
            .map(|t| TokenRow {
                id: t.id.to_string(),
                name: t.name.as_str().to_owned(),
                created: moment_in(language, t.created_at, zone),
                last_used: t.last_used_at.map(|at| moment_in(language, at, zone)),
            })
            .collect();
        Ok(self)
    }
}

/// The create form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewTokenForm {
    name: String,
}

/// `POST /account/api-tokens`: creates a token and shows the account page with its secret.
#[handler]
pub async fn create(
    state: Data<&SharedState>,
    visit: AccountVisit,
    Form(form): Form<NewTokenForm>,
) -> PageResult {
    let language = language_of(&visit.layout);
    let mut section = TokensSection::default();
    let status = match TokenName::parse(&form.name) {
        Ok(name) => match state
            .use_cases
            .create_api_token
            .run(&visit.actor, name)
            .await
        {
            Ok((token, secret)) => {
                section.created = Some(CreatedToken {
                    name: token.name.as_str().to_owned(),
                    secret: secret.expose().to_owned(),
                });
                StatusCode::OK
            }
            Err(CreateApiTokenError::TooMany) => {
                section.error = Some(say_with(
                    &language,
                    "h-acct-token-too-many",
                    [("max", arg(&MAX_ACTIVE_TOKENS))],
                ));
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Err(e) => return Err(internal(&e, "creating an API token failed")),
        },
        Err(e) => {
            section.error = Some(text_error(&language, &e));
            StatusCode::UNPROCESSABLE_ENTITY
        }
    };
    if section.error.is_some() {
        section.name = form.name;
    }
    let mut page = visit
        .respond(&state, status, Forms::with_tokens(section))
        .await?;
    // The secret is on this page only: keep it out of every cache.
    page.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(page)
}

/// `POST /account/api-tokens/:id/revoke`: revokes one of the user's tokens.
#[handler]
pub async fn revoke(
    state: Data<&SharedState>,
    SignedIn { actor, layout, .. }: SignedIn,
    PathId(id): PathId<ApiTokenId>,
) -> PageResult {
    match state.use_cases.revoke_api_token.run(&actor, id).await {
        Ok(()) => Ok(redirect("/account?done=token-revoked#api-tokens-h")),
        Err(RevokeApiTokenError::NotFound) => Ok(not_found(&state, &layout)),
        Err(e @ RevokeApiTokenError::Store(_)) => Err(internal(&e, "revoking an API token failed")),
    }
}
