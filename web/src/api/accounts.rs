//! `/api/v1/accounts` and `/api/v1/me`: signing up, one's own profile and password, the
//! password-reset mail, and personal API tokens. Each calls the use case its page calls, under
//! the same limits.

use application::change_password::ChangePasswordError;
use application::create_api_token::{CreateApiTokenError, MAX_ACTIVE_TOKENS};
use application::get_profile::GetProfileError;
use application::ports::ApiToken;
use application::register_user::{RegisterError, Registration};
use application::revoke_api_token::RevokeApiTokenError;
use application::update_profile::{Profile, UpdateProfileError};
use chrono::{DateTime, Utc};
use domain::{
    ApiTokenId, Email, Language, NewPassword, PersonName, Phone, Role, TokenName, User, Zone,
};
use poem::Request;
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use uuid::Uuid;

use super::problem::{Problem, language, say, say_with};
use super::{ApiAuth, ApiTags};
use crate::limits::Admission;
use crate::login_throttle::{self, Checked};
use crate::pages::account::{send_welcome, sign_up_admitted};
use crate::pages::follow_calendar_share;
use crate::password_reset::mail_reset_link;
use crate::refusals::Said;
use crate::state::SharedState;

/// The kinds of account anyone may open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum AccountKind {
    /// Books services.
    Customer,
    /// Offers services.
    Provider,
}

/// A sign-up.
#[derive(Debug, Object)]
pub struct NewAccount {
    /// Display name.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub name: String,
    /// Login and notification address.
    #[oai(validator(min_length = 3, max_length = 254))]
    pub email: String,
    /// 8 to 128 characters.
    #[oai(write_only, validator(min_length = 8, max_length = 128))]
    pub password: String,
    /// The IANA zone times are shown in (and a provider's hours are read in); default `UTC`.
    #[oai(validator(max_length = 64))]
    pub zone: Option<String>,
    // Described by its type (see `crate::api`).
    pub(crate) role: AccountKind,
    /// Acceptance of the privacy notice (`GET /privacy`); an account is opened only with
    /// `true`, and records the notice's current version.
    pub accept_privacy_notice: bool,
    /// The language of the account's mails (and pages): a tag of `GET /api/v1/languages`;
    /// default: the first of `Accept-Language` the marketplace speaks, else its default.
    #[oai(validator(max_length = 35))]
    pub language: Option<String>,
}

/// A language the marketplace speaks.
#[derive(Debug, Object)]
#[oai(rename = "Language")]
pub struct LanguageView {
    /// Its tag (`de`), for `language` fields.
    pub tag: String,
    /// Its name in itself (`Deutsch`).
    pub name: String,
}

/// One's own account.
#[derive(Debug, Object)]
#[oai(rename = "Account")]
pub struct AccountView {
    /// User id.
    pub id: Uuid,
    /// Login and notification address.
    pub email: String,
    /// Whether the address was confirmed by a mailed link.
    pub email_verified: bool,
    /// Display name.
    pub name: String,
    /// `customer`, `provider`, `support` or `admin`.
    pub role: String,
    /// The IANA zone times are shown in.
    pub zone: String,
    /// Contact number.
    #[oai(skip_serializing_if_is_none)]
    pub phone: Option<String>,
    /// Providers: the address their dedicated calendar is shared with.
    #[oai(skip_serializing_if_is_none)]
    pub calendar_email: Option<String>,
    /// Whether a review request is mailed after each completed appointment.
    pub review_requests: bool,
    /// The language of their mails and pages (`de`); absent: the browser's, else the
    /// marketplace's default.
    #[oai(skip_serializing_if_is_none)]
    pub language: Option<String>,
    /// When the account was opened.
    pub created_at: DateTime<Utc>,
}

impl From<&User> for AccountView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.as_uuid(),
            email: u.email.as_str().to_owned(),
            email_verified: u.email_verified_at.is_some(),
            name: u.name.as_str().to_owned(),
            role: u.role.as_str().to_owned(),
            zone: u.zone.name().to_owned(),
            phone: u.phone.as_ref().map(|p| p.as_str().to_owned()),
            calendar_email: u.calendar_email.as_ref().map(|e| e.as_str().to_owned()),
            review_requests: u.review_requests,
            language: u.language.as_ref().map(|l| l.as_str().to_owned()),
            created_at: u.created_at,
        }
    }
}

/// The editable profile, as a whole: optional fields left out are cleared.
#[derive(Debug, Object)]
pub struct ProfileInput {
    /// Display name.
    #[oai(validator(min_length = 1, max_length = 100))]
    pub name: String,
    /// The IANA zone times are shown in.
    #[oai(validator(min_length = 1, max_length = 64))]
    pub zone: String,
    /// Contact number.
    #[oai(validator(max_length = 40))]
    pub phone: Option<String>,
    /// Providers only: the Google address to share the dedicated calendar with.
    #[oai(validator(max_length = 254))]
    pub calendar_email: Option<String>,
    /// Mail a review request after each completed appointment (default true).
    pub review_requests: Option<bool>,
    /// The language of one's mails and pages (a tag the marketplace speaks); absent: the
    /// browser's, else the marketplace's default.
    #[oai(validator(max_length = 35))]
    pub language: Option<String>,
}

/// A password change.
#[derive(Debug, Object)]
pub struct PasswordChange {
    /// The password now.
    #[oai(write_only, validator(max_length = 128))]
    pub current_password: String,
    /// The new one: 8 to 128 characters.
    #[oai(write_only, validator(min_length = 8, max_length = 128))]
    pub new_password: String,
}

/// A request for a password-reset link.
#[derive(Debug, Object)]
pub struct ResetRequest {
    /// The account's address.
    #[oai(validator(max_length = 254))]
    pub email: String,
}

/// A personal API token (never its secret).
#[derive(Debug, Object)]
#[oai(rename = "ApiToken")]
pub struct TokenView {
    /// Its id.
    pub id: Uuid,
    /// The owner's name for it.
    pub name: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last authenticated a request (to the minute).
    #[oai(skip_serializing_if_is_none)]
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<&ApiToken> for TokenView {
    fn from(t: &ApiToken) -> Self {
        Self {
            id: t.id.as_uuid(),
            name: t.name.as_str().to_owned(),
            created_at: t.created_at,
            last_used_at: t.last_used_at,
        }
    }
}

/// A token to create.
#[derive(Debug, Object)]
pub struct NewToken {
    /// A name to tell one's tokens apart.
    #[oai(validator(min_length = 1, max_length = 60))]
    pub name: String,
}

/// A new token with its secret, shown this once.
#[derive(Debug, Object)]
pub struct CreatedToken {
    /// The token.
    pub token: TokenView,
    /// `bys_` and 64 hex digits: send it as `Authorization: Bearer <secret>`. Only its hash is
    /// kept, so it cannot be shown again.
    pub secret: String,
}

/// An account was opened.
#[derive(Debug, ApiResponse)]
pub enum Opened {
    /// The account; log in with `POST /session` (a welcome mail is on its way).
    #[oai(status = 201)]
    Created(Json<AccountView>),
}

/// A token was created.
#[derive(Debug, ApiResponse)]
pub enum TokenCreated {
    /// The token and its secret.
    #[oai(status = 201)]
    Created(
        Json<CreatedToken>,
        /// `no-store`: the secret must stay out of caches.
        #[oai(header = "Cache-Control")]
        String,
    ),
}

/// Done, nothing to return.
#[derive(Debug, ApiResponse)]
pub enum Done {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}

/// Accepted for the background.
#[derive(Debug, ApiResponse)]
pub enum Accepted {
    /// Accepted.
    #[oai(status = 202)]
    Accepted,
}

/// Account endpoints.
pub struct AccountsApi;

#[OpenApi(tag = "ApiTags::Accounts")]
impl AccountsApi {
    /// Open a customer or provider account (staff accounts are made by admins). Sign-ups are
    /// limited per client address per hour (429). A provider starts closed every day with the
    /// default booking policy.
    #[oai(path = "/accounts", method = "post")]
    async fn register(
        &self,
        state: Data<&SharedState>,
        req: &Request,
        body: Json<NewAccount>,
    ) -> Result<Opened, Problem> {
        if let Admission::Refused(tally) = sign_up_admitted(&state, req)
            .await
            .map_err(|e| Problem::internal(&e, "sign-up limit unavailable"))?
        {
            return Err(Problem::too_many_requests(
                say("h-acct-register-too-many"),
                Some(state.limits.seconds_to_reset(&tally)),
            ));
        }
        let registration = Registration {
            name: field("name", PersonName::parse(&body.name))?,
            email: Email::parse(&body.email).map_err(|_| {
                Problem::unprocessable("invalid-email", say("h-acct-email-invalid"))
            })?,
            password: field("password", NewPassword::parse(&body.password))?,
            zone: field(
                "zone",
                Zone::parse(body.zone.as_deref().unwrap_or("UTC").trim()),
            )?,
            role: match body.role {
                AccountKind::Customer => Role::Customer,
                AccountKind::Provider => Role::Provider,
            },
            language: Some(match &body.language {
                Some(tag) => spoken(tag)?,
                None => crate::language::of_request(req, None),
            }),
            privacy_notice: body
                .accept_privacy_notice
                .then(|| state.privacy.notice_version.clone()),
        };
        let user = state
            .use_cases
            .register
            .run(None, registration)
            .await
            .map_err(Problem::from)?;
        send_welcome(&state, &user);
        Ok(Opened::Created(Json(AccountView::from(&user))))
    }

    /// The languages the marketplace speaks: its pages, mails and calendar entries.
    #[oai(path = "/languages", method = "get")]
    #[allow(clippy::unused_async)] // operations are async by poem-openapi's contract
    async fn languages(&self) -> Json<Vec<LanguageView>> {
        Json(
            adapters::catalogue::named_languages()
                .iter()
                .map(|language| LanguageView {
                    tag: language.tag.clone(),
                    name: language.name.clone(),
                })
                .collect(),
        )
    }

    /// One's own account.
    #[oai(path = "/me", method = "get")]
    async fn me(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<AccountView>, Problem> {
        let actor = auth.actor();
        let user = state
            .use_cases
            .get_profile
            .run(&actor, actor.id)
            .await
            .map_err(Problem::from)?;
        Ok(Json(AccountView::from(&user)))
    }

    /// Replace one's profile: name, zone, phone, calendar address, review requests. The
    /// email address and password have operations (and pages) of their own.
    #[oai(path = "/me", method = "put")]
    async fn update_me(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        body: Json<ProfileInput>,
    ) -> Result<Json<AccountView>, Problem> {
        let actor = auth.actor();
        let blank = |raw: &Option<String>| {
            raw.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let profile = Profile {
            name: field("name", PersonName::parse(&body.name))?,
            phone: blank(&body.phone)
                .map(|raw| Phone::parse(&raw))
                .transpose()
                .map_err(|e| Problem::unprocessable("invalid-phone", e.said(&language())))?,
            zone: field("zone", Zone::parse(body.zone.trim()))?,
            calendar_email: blank(&body.calendar_email)
                .map(|raw| Email::parse(&raw))
                .transpose()
                .map_err(|_| {
                    Problem::unprocessable(
                        "invalid-calendar-email",
                        say("h-acct-calendar-email-invalid"),
                    )
                })?,
            review_requests: body.review_requests.unwrap_or(true),
            language: body.language.as_deref().map(spoken).transpose()?,
        };
        let user = state
            .use_cases
            .update_profile
            .run(&actor, actor.id, profile)
            .await
            .map_err(Problem::from)?;
        follow_calendar_share(&state, actor.id);
        Ok(Json(AccountView::from(&user)))
    }

    /// Change one's password. The current password is checked under the login throttle:
    /// wrong ones count as failed logins (429 past the limit).
    #[oai(path = "/me/password", method = "put")]
    async fn change_password(
        &self,
        state: Data<&SharedState>,
        req: &Request,
        auth: ApiAuth,
        body: Json<PasswordChange>,
    ) -> Result<Done, Problem> {
        let actor = auth.actor();
        let new = field("new_password", NewPassword::parse(&body.new_password))?;
        let user = state
            .use_cases
            .get_profile
            .run(&actor, actor.id)
            .await
            .map_err(Problem::from)?;
        let checked = login_throttle::check_password(
            &state.limits,
            user.email.as_str(),
            state.limits.client_address(req),
            state
                .use_cases
                .change_password
                .run(&actor, &body.current_password, new),
            |e| matches!(e, ChangePasswordError::WrongPassword),
        )
        .await
        .map_err(|e| Problem::internal(&e, "password check limit unavailable"))?;
        match checked {
            Checked::Throttled => Err(Problem::too_many_requests(
                say("h-acct-too-many-wrong-passwords"),
                None,
            )),
            Checked::Ran(outcome) => outcome.map(|()| Done::NoContent).map_err(Problem::from),
        }
    }

    /// Mail a password-reset link to an address, if it has an account. The answer is the same
    /// for every address, so it tells nobody who has an account; requests are limited per
    /// address and per client address.
    #[oai(path = "/password-resets", method = "post")]
    async fn request_reset(
        &self,
        state: Data<&SharedState>,
        req: &Request,
        body: Json<ResetRequest>,
    ) -> Result<Accepted, Problem> {
        mail_reset_link(&state, req, body.email.trim()).await;
        Ok(Accepted::Accepted)
    }

    /// One's API tokens (not revoked), newest first.
    #[oai(path = "/me/tokens", method = "get")]
    async fn tokens(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<TokenView>>, Problem> {
        let tokens = state
            .use_cases
            .list_api_tokens
            .run(&auth.actor())
            .await
            .map_err(|e| Problem::internal(&e, "listing API tokens failed"))?;
        Ok(Json(tokens.iter().map(TokenView::from).collect()))
    }

    /// Create an API token; its secret is in this answer only.
    #[oai(path = "/me/tokens", method = "post")]
    async fn create_token(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        body: Json<NewToken>,
    ) -> Result<TokenCreated, Problem> {
        let name = field("name", TokenName::parse(&body.name))?;
        let (token, secret) = state
            .use_cases
            .create_api_token
            .run(&auth.actor(), name)
            .await
            .map_err(Problem::from)?;
        Ok(TokenCreated::Created(
            Json(CreatedToken {
                token: TokenView::from(&token),
                secret: secret.expose().to_owned(),
            }),
            "no-store".to_owned(),
        ))
    }

    /// Revoke one of one's API tokens; requests with it are refused from then on.
    #[oai(path = "/me/tokens/:id", method = "delete")]
    async fn revoke_token(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Done, Problem> {
        state
            .use_cases
            .revoke_api_token
            .run(&auth.actor(), ApiTokenId::from_uuid(id.0))
            .await
            .map_err(Problem::from)?;
        Ok(Done::NoContent)
    }
}

/// A field's value, or 422 `invalid-<field>` saying why.
fn field<T, E: Said>(name: &str, parsed: Result<T, E>) -> Result<T, Problem> {
    parsed.map_err(|e| {
        Problem::unprocessable(
            &format!("invalid-{}", name.replace('_', "-")),
            e.said(&language()),
        )
    })
}

/// `tag` as one of the marketplace's languages.
fn spoken(tag: &str) -> Result<Language, Problem> {
    Language::parse(tag)
        .ok()
        .filter(adapters::catalogue::speaks)
        .ok_or_else(|| Problem::unprocessable("unknown-language", say("problem-unknown-language")))
}

impl From<RegisterError> for Problem {
    fn from(e: RegisterError) -> Self {
        match e {
            RegisterError::EmailTaken => Self::conflict("email-taken", say("h-acct-email-taken")),
            RegisterError::Forbidden => Self::forbidden("problem-forbidden-register"),
            RegisterError::PrivacyNoticeNotAccepted => Self::unprocessable(
                "privacy-notice-not-accepted",
                say("problem-privacy-notice-not-accepted"),
            ),
            other @ (RegisterError::Hash(_) | RegisterError::Store(_)) => {
                Self::internal(&other, "sign-up failed")
            }
        }
    }
}

impl From<GetProfileError> for Problem {
    fn from(e: GetProfileError) -> Self {
        match e {
            GetProfileError::Forbidden => Self::forbidden("problem-forbidden-see-profile"),
            GetProfileError::UnknownUser => Self::not_found("account"),
            GetProfileError::Store(ref source) => {
                Self::internal(source, "reading a profile failed")
            }
        }
    }
}

impl From<UpdateProfileError> for Problem {
    fn from(e: UpdateProfileError) -> Self {
        match e {
            UpdateProfileError::Forbidden => Self::forbidden("problem-forbidden-edit-profile"),
            UpdateProfileError::UnknownUser => Self::not_found("account"),
            UpdateProfileError::CalendarForProvidersOnly => Self::unprocessable(
                "invalid-calendar-email",
                say("h-acct-calendar-providers-only"),
            ),
            UpdateProfileError::Store(ref source) => {
                Self::internal(source, "saving a profile failed")
            }
        }
    }
}

impl From<ChangePasswordError> for Problem {
    fn from(e: ChangePasswordError) -> Self {
        match e {
            ChangePasswordError::WrongPassword => {
                Self::unprocessable("wrong-password", say("h-acct-wrong-password"))
            }
            ChangePasswordError::UnknownUser => Self::not_found("account"),
            other @ (ChangePasswordError::Hash(_) | ChangePasswordError::Store(_)) => {
                Self::internal(&other, "changing a password failed")
            }
        }
    }
}

impl From<CreateApiTokenError> for Problem {
    fn from(e: CreateApiTokenError) -> Self {
        match e {
            CreateApiTokenError::TooMany => Self::unprocessable(
                "too-many-tokens",
                say_with(
                    "h-acct-token-too-many",
                    [("max", MAX_ACTIVE_TOKENS.to_string().into())],
                ),
            ),
            other @ (CreateApiTokenError::Random(_) | CreateApiTokenError::Store(_)) => {
                Self::internal(&other, "creating an API token failed")
            }
        }
    }
}

impl From<RevokeApiTokenError> for Problem {
    fn from(e: RevokeApiTokenError) -> Self {
        match e {
            RevokeApiTokenError::NotFound => Self::not_found("token"),
            RevokeApiTokenError::Store(ref source) => {
                Self::internal(source, "revoking an API token failed")
            }
        }
    }
}
