//! The account page: name, phone, time zone, the calendar address of providers, the email
//! address (with its verification state, a button to mail a new verification link, and a form
//! to change it), the password, and the personal API tokens (whose forms [`super::api_tokens`]
//! handles), and for providers the calendars of theirs that block their time.

use adapters::catalogue;
use application::Actor;
use application::account_mail::AccountMailError;
use application::busy_calendars::BusyCalendarError;
use application::change_email::ChangeEmailError;
use application::change_password::ChangePasswordError;
use application::get_profile::GetProfileError;
use application::ports::{BusySource, CalendarAccess, CalendarLogin, SourceMode, SourceStatus};
use application::send_verification::SendVerificationError;
use application::update_profile::{Profile, UpdateProfileError};
use domain::{Email, Language, NewPassword, PersonName, Phone, Role, User, Zone};
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use poem::{FromRequest, Request, RequestBody, Response, handler};
use serde::{Deserialize, Serialize};

use super::api_tokens::TokensSection;
use super::{
    PageResult, arg, follow_calendar_share, forbidden_said, internal, language_of, not_found,
    redirect, say, say_with, sentence, text_error, user_error, zone_error,
};
use crate::guards::SignedIn;
use crate::limits::{Admission, client_subject};
use crate::login_throttle::{self, Checked};
use crate::present;
use crate::render::Layout;
use crate::state::SharedState;

/// The profile form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfileForm {
    name: String,
    phone: String,
    zone: String,
    calendar_email: String,
    /// A checkbox: non-empty when ticked.
    review_requests: String,
    /// A language tag of the catalogue; empty follows the browser.
    language: String,
}

impl ProfileForm {
    fn of(user: &User) -> Self {
        Self {
            name: user.name.as_str().to_owned(),
            phone: user
                .phone
                .as_ref()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_default(),
            zone: user.zone.name().to_owned(),
            calendar_email: user
                .calendar_email
                .as_ref()
                .map(|e| e.as_str().to_owned())
                .unwrap_or_default(),
            review_requests: if user.review_requests {
                "on".to_owned()
            } else {
                String::new()
            },
            language: user
                .language
                .as_ref()
                .map(|l| l.as_str().to_owned())
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Default, Serialize)]
struct ProfileErrors {
    name: Option<String>,
    phone: Option<String>,
    zone: Option<String>,
    calendar_email: Option<String>,
}

/// The password form (never sent back).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    current: String,
    new: String,
}

#[derive(Debug, Default, Serialize)]
struct PasswordErrors {
    current: Option<String>,
    new: Option<String>,
}

/// The email change form (the password is never sent back).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct EmailForm {
    email: String,
    #[serde(skip_serializing)]
    password: String,
}

#[derive(Debug, Default, Serialize)]
struct EmailErrors {
    email: Option<String>,
    password: Option<String>,
}

#[derive(Serialize)]
struct ProfilePage<'a> {
    email: String,
    /// The date the address was verified, in the user's zone; `None` while unverified.
    verified_on: Option<String>,
    new_email: String,
    provider: bool,
    values: &'a ProfileForm,
    errors: ProfileErrors,
    password_errors: PasswordErrors,
    email_errors: EmailErrors,
    zones: &'a [String],
    tokens: TokensSection,
    busy: BusySection,
}

/// A provider's calendars that block their time, as the account page shows them.
#[derive(Debug, Default, Serialize)]
pub(super) struct BusySection {
    /// Whether the section shows: to providers, when a calendar service is configured.
    shown: bool,
    /// The address to share calendars with.
    share_with: String,
    /// Whether calendars shared with event details are watched (push) rather than polled.
    pushed: bool,
    /// How calendars are added: `shared` (Google), `mailbox` (Outlook) or `login` (CalDAV).
    access: &'static str,
    calendars: Vec<BusyRow>,
    /// The calendar id (or URL) typed in, kept after an error.
    calendar_id: String,
    /// The username typed in, kept after an error (the password is not).
    username: String,
    error: Option<String>,
}

/// One busy calendar on the account page.
#[derive(Debug, Serialize)]
struct BusyRow {
    id: String,
    mode: String,
    state: String,
    failing: bool,
}

impl BusyRow {
    fn of(
        language: &Language,
        source: &BusySource,
        zone: Zone,
        share_with: &str,
        access: CalendarAccess,
        pushed: bool,
    ) -> Self {
        let mode = match source.mode {
            SourceMode::Events if pushed => "h-acct-busy-mode-events-pushed",
            SourceMode::Events => "h-acct-busy-mode-events",
            SourceMode::FreeBusy => "h-acct-busy-mode-free-busy",
        };
        let (state, failing) = match (&source.status, source.synced_at) {
            (SourceStatus::Ok, Some(at)) => (
                say_with(
                    language,
                    "h-acct-busy-read-at",
                    [("when", arg(&present::moment_in(language, at, zone)))],
                ),
                false,
            ),
            (SourceStatus::Ok, None) => (say(language, "h-acct-busy-waiting"), false),
            (SourceStatus::Failing(_), _) => (say(language, "h-acct-busy-failing"), true),
            (SourceStatus::AccessGone(_), _) if access == CalendarAccess::Login => {
                (say(language, "h-acct-busy-gone-login"), true)
            }
            (SourceStatus::AccessGone(_), _) if access == CalendarAccess::Mailbox => {
                (say(language, "h-acct-busy-gone-mailbox"), true)
            }
            (SourceStatus::AccessGone(_), _) => (
                say_with(
                    language,
                    "h-acct-busy-gone-shared",
                    [("address", arg(share_with))],
                ),
                true,
            ),
        };
        let mode = say(language, mode);
        Self {
            id: source.calendar_id.clone(),
            mode,
            state,
            failing,
        }
    }
}

/// What the page's forms show: typed values (`None`: the stored account) and messages.
#[derive(Debug, Default)]
pub(super) struct Forms {
    values: Option<ProfileForm>,
    errors: ProfileErrors,
    password_errors: PasswordErrors,
    /// The address typed into the email change form.
    new_email: String,
    email_errors: EmailErrors,
    tokens: TokensSection,
    busy: BusySection,
}

impl Forms {
    /// The stored account, with the API tokens section in state `tokens`.
    pub(super) fn with_tokens(tokens: TokensSection) -> Self {
        Self {
            tokens,
            ..Self::default()
        }
    }
}

/// A signed-in visitor on the account page: who acts, their account, and the page layout.
/// Anonymous visitors are sent to log in; an account that is gone gets the 404 page.
pub(super) struct AccountVisit {
    pub(super) actor: Actor,
    pub(super) user: User,
    pub(super) layout: Layout,
}

impl<'a> FromRequest<'a> for AccountVisit {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let SignedIn { actor, layout, .. } = SignedIn::from_request(req, body).await?;
        let Data(state) = Data::<&SharedState>::from_request(req, body).await?;
        Self::of(state, actor, layout).await
    }
}

impl AccountVisit {
    /// The account of `actor`, or "not found" for an account that is gone.
    ///
    /// # Errors
    /// The not-found page, or a failure to read the account (logged).
    pub(super) async fn of(
        state: &SharedState,
        actor: Actor,
        layout: Layout,
    ) -> poem::Result<Self> {
        match state.use_cases.get_profile.run(&actor, actor.id).await {
            Ok(user) => Ok(Self {
                actor,
                user,
                layout,
            }),
            Err(GetProfileError::Forbidden | GetProfileError::UnknownUser) => {
                Err(poem::Error::from_response(not_found(state, &layout)))
            }
            Err(GetProfileError::Store(e)) => Err(internal(&e, "reading a profile failed")),
        }
    }

    /// The account page in `status` with `forms`.
    ///
    /// # Errors
    /// When listing the API tokens fails (logged).
    pub(super) async fn respond(
        &self,
        state: &SharedState,
        status: StatusCode,
        forms: Forms,
    ) -> PageResult {
        respond(state, &self.layout, &self.actor, &self.user, status, forms).await
    }
}

/// The account page of `actor` (whose account is `user`) with `forms`.
async fn respond(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
    user: &User,
    status: StatusCode,
    forms: Forms,
) -> PageResult {
    let language = language_of(layout);
    let values = forms.values.unwrap_or_else(|| ProfileForm::of(user));
    let mut busy = forms.busy;
    if user.role == Role::Provider {
        let listed = state
            .use_cases
            .busy_calendars
            .list(actor, state.clock.now())
            .await
            .map_err(|e| internal(&e, "listing busy calendars failed"))?;
        if let Some(share_with) = listed.share_with {
            busy.shown = true;
            busy.calendars = listed
                .sources
                .iter()
                .map(|s| {
                    BusyRow::of(
                        &language,
                        s,
                        user.zone,
                        &share_with,
                        listed.access,
                        state.calendar_push,
                    )
                })
                .collect();
            busy.share_with = share_with;
            busy.pushed = state.calendar_push;
            busy.access = listed.access.as_str();
        }
    }
    let page = ProfilePage {
        email: user.email.as_str().to_owned(),
        verified_on: user
            .email_verified_at
            .map(|at| present::date_in(&language, user.zone.date_of(at))),
        new_email: forms.new_email,
        provider: user.role == Role::Provider,
        values: &values,
        errors: forms.errors,
        password_errors: forms.password_errors,
        email_errors: forms.email_errors,
        zones: domain::zone::installed().names(),
        tokens: forms
            .tokens
            .listing(state, actor, user.zone, &language)
            .await?,
        busy,
    };
    Ok(state
        .templates
        .respond(status, "profile.html", layout, &page))
}

/// What was just saved, for the notice.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    done: String,
}

/// `GET /account`.
#[handler]
pub async fn show(
    state: Data<&SharedState>,
    mut visit: AccountVisit,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let notice = match query.done.as_str() {
        "profile" => Some("h-acct-done-profile"),
        "password" => Some("h-acct-done-password"),
        "token-revoked" => Some("h-acct-done-token-revoked"),
        "email" => Some("h-acct-done-email"),
        "verification" => Some("h-acct-done-verification"),
        "verified" => Some("h-acct-done-verified"),
        "busy-calendar" => Some("h-acct-done-busy-calendar"),
        "busy-calendar-removed" => Some("h-acct-done-busy-calendar-removed"),
        _ => None,
    };
    if let Some(notice) = notice {
        let notice = say(&language_of(&visit.layout), notice);
        visit.layout = visit.layout.with_notice(notice);
    }
    visit
        .respond(&state, StatusCode::OK, Forms::default())
        .await
}

/// Checks every field, so all messages show at once (in `language`).
fn parse_profile(
    form: &ProfileForm,
    role: Role,
    language: &Language,
) -> Result<Profile, ProfileErrors> {
    let mut errors = ProfileErrors::default();
    let name = PersonName::parse(&form.name)
        .map_err(|e| errors.name = Some(text_error(language, &e)))
        .ok();
    let phone = match form.phone.trim() {
        "" => Some(None),
        raw => Phone::parse(raw)
            .map(Some)
            .map_err(|e| errors.phone = Some(user_error(language, &e)))
            .ok(),
    };
    let zone = Zone::parse(form.zone.trim())
        .map_err(|e| errors.zone = Some(zone_error(language, &e)))
        .ok();
    let calendar_email = match form.calendar_email.trim() {
        "" => Some(None),
        _ if role != Role::Provider => {
            errors.calendar_email = Some(say(language, "h-acct-calendar-providers-only"));
            None
        }
        raw => Email::parse(raw)
            .map(Some)
            .map_err(|_| {
                errors.calendar_email = Some(say(language, "h-acct-calendar-email-invalid"));
            })
            .ok(),
    };
    match (name, phone, zone, calendar_email) {
        (Some(name), Some(phone), Some(zone), Some(calendar_email)) => Ok(Profile {
            name,
            phone,
            zone,
            calendar_email,
            review_requests: !form.review_requests.is_empty(),
            // A choice of the list, or none (the browser's): nothing else can be chosen.
            language: Language::parse(&form.language)
                .ok()
                .filter(catalogue::speaks),
        }),
        _ => Err(errors),
    }
}

/// `POST /account`: saves the profile.
#[handler]
pub async fn save(
    state: Data<&SharedState>,
    visit: AccountVisit,
    Form(form): Form<ProfileForm>,
) -> PageResult {
    let language = language_of(&visit.layout);
    let errors = match parse_profile(&form, visit.user.role, &language) {
        Ok(profile) => match state
            .use_cases
            .update_profile
            .run(&visit.actor, visit.actor.id, profile)
            .await
        {
            Ok(_) => {
                follow_calendar_share(&state, visit.actor.id);
                return Ok(redirect("/account?done=profile"));
            }
            Err(UpdateProfileError::CalendarForProvidersOnly) => ProfileErrors {
                calendar_email: Some(say(&language, "h-acct-calendar-providers-only")),
                ..ProfileErrors::default()
            },
            Err(e @ (UpdateProfileError::Forbidden | UpdateProfileError::UnknownUser)) => {
                return Err(internal(&e, "a user cannot edit their own profile"));
            }
            Err(UpdateProfileError::Store(e)) => {
                return Err(internal(&e, "saving a profile failed"));
            }
        },
        Err(errors) => errors,
    };
    let forms = Forms {
        values: Some(form),
        errors,
        ..Forms::default()
    };
    visit
        .respond(&state, StatusCode::UNPROCESSABLE_ENTITY, forms)
        .await
}

/// `POST /account/password`: changes the password after checking the current one (wrong
/// passwords count like failed logins).
#[handler]
pub async fn change_password(
    state: Data<&SharedState>,
    req: &Request,
    visit: AccountVisit,
    Form(form): Form<PasswordForm>,
) -> PageResult {
    let language = language_of(&visit.layout);
    let mut errors = PasswordErrors::default();
    match NewPassword::parse(&form.new) {
        Ok(new) => {
            let change = state
                .use_cases
                .change_password
                .run(&visit.actor, &form.current, new);
            let checked = password_checked(&state, req, &visit.user, change, |e| {
                matches!(e, ChangePasswordError::WrongPassword)
            })
            .await?;
            match checked {
                Checked::Throttled => errors.current = Some(say(&language, TOO_MANY_WRONG)),
                Checked::Ran(Ok(())) => return Ok(redirect("/account?done=password")),
                Checked::Ran(Err(ChangePasswordError::WrongPassword)) => {
                    errors.current = Some(say(&language, WRONG_PASSWORD));
                }
                Checked::Ran(Err(
                    e @ (ChangePasswordError::UnknownUser
                    | ChangePasswordError::Hash(_)
                    | ChangePasswordError::Store(_)),
                )) => {
                    return Err(internal(&e, "changing a password failed"));
                }
            }
        }
        Err(e) => errors.new = Some(user_error(&language, &e)),
    }
    let forms = Forms {
        password_errors: errors,
        ..Forms::default()
    };
    visit
        .respond(&state, StatusCode::UNPROCESSABLE_ENTITY, forms)
        .await
}

/// Said when the password was not checked because of recent failures (a catalogue key).
pub(super) const TOO_MANY_WRONG: &str = "h-acct-too-many-wrong-passwords";

/// Said when the password typed to confirm a change is wrong (a catalogue key).
pub(super) const WRONG_PASSWORD: &str = "h-acct-wrong-password";

/// `change`, confirmed by `user`'s password, under the login throttle.
async fn password_checked<T, E>(
    state: &SharedState,
    req: &Request,
    user: &User,
    change: impl Future<Output = Result<T, E>>,
    is_wrong: impl Fn(&E) -> bool,
) -> Result<Checked<T, E>, poem::Error> {
    login_throttle::check_password(
        &state.limits,
        user.email.as_str(),
        state.limits.client_address(req),
        change,
        is_wrong,
    )
    .await
    .map_err(|e| internal(&e, "password check limit unavailable"))
}

/// `POST /account/email`: changes the address after checking the password, then mails a
/// verification link to the new one.
#[handler]
pub async fn change_email(
    state: Data<&SharedState>,
    req: &Request,
    visit: AccountVisit,
    Form(form): Form<EmailForm>,
) -> PageResult {
    let language = language_of(&visit.layout);
    let mut errors = EmailErrors::default();
    match Email::parse(&form.email) {
        Ok(email) => {
            let change = state
                .use_cases
                .change_email
                .run(&visit.actor, &form.password, email);
            let checked = password_checked(&state, req, &visit.user, change, |e| {
                matches!(e, ChangeEmailError::WrongPassword)
            })
            .await?;
            match checked {
                Checked::Throttled => errors.password = Some(say(&language, TOO_MANY_WRONG)),
                Checked::Ran(Ok(_)) => {
                    send_verification_in_background(&state, visit.actor);
                    return Ok(redirect("/account?done=email"));
                }
                Checked::Ran(Err(ChangeEmailError::WrongPassword)) => {
                    errors.password = Some(say(&language, WRONG_PASSWORD));
                }
                Checked::Ran(Err(ChangeEmailError::SameAddress)) => {
                    errors.email = Some(say(&language, "h-acct-email-same"));
                }
                Checked::Ran(Err(ChangeEmailError::EmailTaken)) => {
                    errors.email = Some(say(&language, "h-acct-email-taken"));
                }
                Checked::Ran(Err(
                    e @ (ChangeEmailError::UnknownUser
                    | ChangeEmailError::Hash(_)
                    | ChangeEmailError::Store(_)),
                )) => return Err(internal(&e, "changing an email address failed")),
            }
        }
        Err(_) => errors.email = Some(say(&language, "h-acct-email-invalid")),
    }
    let forms = Forms {
        new_email: form.email,
        email_errors: errors,
        ..Forms::default()
    };
    visit
        .respond(&state, StatusCode::UNPROCESSABLE_ENTITY, forms)
        .await
}

/// Mails a verification link to the new address in the background, as the welcome mail is: a
/// slow or failing mail server must not hold up the change (the account page can send another).
fn send_verification_in_background(state: &SharedState, actor: Actor) {
    let state = state.clone();
    tokio::spawn(async move {
        if let Err(e) = state.use_cases.send_verification.run(&actor).await {
            tracing::warn!(
                error = %application::ports::error_chain(&e),
                "verification mail failed"
            );
        }
    });
}

/// `POST /account/verification`: mails a new verification link to the account's address, at
/// most once a minute.
#[handler]
pub async fn resend_verification(
    state: Data<&SharedState>,
    req: &Request,
    SignedIn { actor, layout, .. }: SignedIn,
) -> PageResult {
    let doors = state.limits.doors;
    let account = actor.id.to_string();
    let client = client_subject(&state, req);
    let admitted = state
        .limits
        .admit(&[
            (doors.verification_mail_account, &account),
            (doors.verification_mail_client, &client),
        ])
        .await
        .map_err(|e| internal(&e, "verification mail limit unavailable"))?;
    let (status, notice) = match admitted {
        Admission::Refused(_) => (
            StatusCode::TOO_MANY_REQUESTS,
            "h-acct-verification-too-many",
        ),
        Admission::Allowed(_) => match verification_outcome(&state, &actor).await? {
            Ok(shown) => shown,
            Err(redirected) => return Ok(redirected),
        },
    };
    let mut visit = AccountVisit::of(&state, actor, layout).await?;
    let notice = say(&language_of(&visit.layout), notice);
    visit.layout = visit.layout.with_notice(notice);
    visit.respond(&state, status, Forms::default()).await
}

/// Sends a verification link: the status and notice (a catalogue key) to show on the account
/// page, or the redirect that answers instead.
async fn verification_outcome(
    state: &SharedState,
    actor: &Actor,
) -> Result<Result<(StatusCode, &'static str), Response>, poem::Error> {
    Ok(match state.use_cases.send_verification.run(actor).await {
        Ok(()) => Err(redirect("/account?done=verification")),
        Err(SendVerificationError::AlreadyVerified) => Err(redirect("/account?done=verified")),
        Err(SendVerificationError::TooSoon) => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            "h-acct-verification-too-soon",
        )),
        Err(SendVerificationError::Mail(AccountMailError::Send(e))) => {
            tracing::warn!(error = %application::ports::error_chain(&e), "verification mail failed");
            Ok((
                StatusCode::SERVICE_UNAVAILABLE,
                "h-acct-verification-mail-failed",
            ))
        }
        Err(e) => return Err(internal(&e, "sending a verification link failed")),
    })
}

/// The fields of the busy calendar forms: the calendar id (CalDAV: its URL), and for CalDAV
/// the username and app password.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BusyCalendarForm {
    calendar_id: String,
    username: String,
    password: String,
}

/// `POST /account/busy-calendars`: a provider adds one of their calendars (shared with the
/// platform's calendar account) to those that block their time.
#[handler]
pub async fn add_busy_calendar(
    state: Data<&SharedState>,
    visit: AccountVisit,
    Form(form): Form<BusyCalendarForm>,
) -> PageResult {
    let message = match state
        .use_cases
        .busy_calendars
        .add(
            &visit.actor,
            &form.calendar_id,
            Some(CalendarLogin {
                username: form.username.clone(),
                password: form.password,
            }),
        )
        .await
    {
        Ok(_) => return Ok(redirect("/account?done=busy-calendar")),
        Err(BusyCalendarError::Forbidden) => return Ok(not_a_provider(&state, &visit)),
        Err(BusyCalendarError::Store(e)) => {
            return Err(internal(&e, "adding a busy calendar failed"));
        }
        Err(e) => busy_calendar_error(&language_of(&visit.layout), &e),
    };
    let forms = Forms {
        busy: BusySection {
            calendar_id: form.calendar_id,
            username: form.username,
            error: Some(message),
            ..BusySection::default()
        },
        ..Forms::default()
    };
    visit
        .respond(&state, StatusCode::UNPROCESSABLE_ENTITY, forms)
        .await
}

/// `POST /account/busy-calendars/remove`: a provider's calendar stops blocking their time.
#[handler]
pub async fn remove_busy_calendar(
    state: Data<&SharedState>,
    visit: AccountVisit,
    Form(form): Form<BusyCalendarForm>,
) -> PageResult {
    match state
        .use_cases
        .busy_calendars
        .remove(&visit.actor, &form.calendar_id)
        .await
    {
        Ok(()) => Ok(redirect("/account?done=busy-calendar-removed")),
        Err(BusyCalendarError::Forbidden) => Ok(not_a_provider(&state, &visit)),
        Err(e) => Err(internal(&e, "removing a busy calendar failed")),
    }
}

fn not_a_provider(state: &SharedState, visit: &AccountVisit) -> Response {
    forbidden_said(
        state,
        &visit.layout,
        "h-acct-busy-forbidden-title",
        "h-acct-busy-forbidden-message",
    )
}

/// Why a busy calendar was not added, as a sentence in `language`.
fn busy_calendar_error(language: &Language, error: &BusyCalendarError) -> String {
    match error {
        BusyCalendarError::Forbidden => say(language, "h-acct-busy-error-forbidden"),
        BusyCalendarError::NotConfigured => say(language, "h-acct-busy-error-not-configured"),
        BusyCalendarError::InvalidId => say(language, "h-acct-busy-error-invalid-id"),
        BusyCalendarError::OwnAppointmentsCalendar => {
            say(language, "h-acct-busy-error-own-calendar")
        }
        BusyCalendarError::NotShared { share_with } => say_with(
            language,
            "h-acct-busy-error-not-shared",
            [("address", arg(share_with))],
        ),
        BusyCalendarError::LoginRequired => say(language, "h-acct-busy-error-login-required"),
        // The detail comes from the calendar server; the message ends with a full stop.
        BusyCalendarError::LoginRefused(detail) => sentence(&say_with(
            language,
            "h-acct-busy-error-login-refused",
            [("detail", arg(detail))],
        )),
        BusyCalendarError::Unreachable(_) => say(language, "h-acct-busy-error-unreachable"),
        BusyCalendarError::Store(_) => sentence(&error.to_string()),
    }
}
