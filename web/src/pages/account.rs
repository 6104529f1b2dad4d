//! Sign up, log in, log out.

use adapters::catalogue;
use application::register_user::{RegisterError, Registration};
use domain::{Email, Language, NewPassword, PersonName, Role, User, Zone};
use poem::http::StatusCode;
use poem::web::cookie::CookieJar;
use poem::web::{Data, Form, Query};
use poem::{Request, Response, handler};
use serde::{Deserialize, Serialize};

use super::{PageResult, internal, redirect, safe_next, say, text_error, user_error, zone_error};
use crate::limits::{Admission, client_subject};
use crate::login_throttle::{LoginOutcome, attempt_login};
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::{self, Visitor};
use application::ports::SessionUser;

/// The sign-up form as typed (the password is never sent back).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RegisterForm {
    name: String,
    email: String,
    #[serde(skip_serializing)]
    password: String,
    zone: String,
    role: String,
    /// The privacy notice's checkbox: non-empty when ticked.
    #[serde(skip_serializing)]
    accept_privacy: String,
}

/// A message per sign-up field.
#[derive(Debug, Default, Serialize)]
struct RegisterErrors {
    name: Option<String>,
    email: Option<String>,
    password: Option<String>,
    zone: Option<String>,
    role: Option<String>,
    privacy: Option<String>,
}

impl RegisterErrors {
    fn any(&self) -> bool {
        self.name.is_some()
            || self.email.is_some()
            || self.password.is_some()
            || self.zone.is_some()
            || self.role.is_some()
            || self.privacy.is_some()
    }
}

#[derive(Serialize)]
struct RegisterPage<'a> {
    values: &'a RegisterForm,
    errors: RegisterErrors,
}

/// `GET /register`.
#[handler]
pub async fn register_form(
    state: Data<&SharedState>,
    jar: &CookieJar,
    visitor: Visitor,
) -> PageResult {
    let language = visitor.language.clone();
    let (_, session) = visitor::ensure_session(&state, jar, visitor).await?;
    let values = RegisterForm {
        role: "customer".to_owned(),
        ..RegisterForm::default()
    };
    Ok(state.templates.respond(
        StatusCode::OK,
        "register.html",
        &Layout::of(Some(&session), &language),
        &RegisterPage {
            values: &values,
            errors: RegisterErrors::default(),
        },
    ))
}

/// `POST /register`: creates the account and logs it in.
#[handler]
pub async fn register(
    state: Data<&SharedState>,
    jar: &CookieJar,
    visitor: Visitor,
    req: &Request,
    Form(form): Form<RegisterForm>,
) -> PageResult {
    let admitted = sign_up_admitted(&state, req)
        .await
        .map_err(|e| internal(&e, "sign-up limit unavailable"))?;
    if let Admission::Refused(_) = admitted {
        let errors = RegisterErrors {
            email: Some(say(&visitor.language, "h-acct-register-too-many")),
            ..RegisterErrors::default()
        };
        let mut page = register_again(&state, &visitor, &form, errors);
        page.set_status(StatusCode::TOO_MANY_REQUESTS);
        return Ok(page);
    }
    let (registration, mut errors) =
        parse_registration(&form, &visitor.language, &state.privacy.notice_version);
    let outcome = match registration {
        Some(input) if !errors.any() => Some(state.use_cases.register.run(None, input).await),
        _ => None,
    };
    match outcome {
        Some(Ok(user)) => {
            send_welcome(&state, &user);
            let previous = visitor.session.as_ref().map(|(id, _)| id);
            visitor::log_in(&state, jar, previous, SessionUser::from(&user)).await?;
            Ok(redirect("/"))
        }
        Some(Err(RegisterError::EmailTaken)) => {
            errors.email = Some(say(&visitor.language, "h-acct-email-taken"));
            Ok(register_again(&state, &visitor, &form, errors))
        }
        Some(Err(RegisterError::Forbidden)) => {
            errors.role = Some(say(&visitor.language, "h-acct-register-choose-role"));
            Ok(register_again(&state, &visitor, &form, errors))
        }
        Some(Err(RegisterError::PrivacyNoticeNotAccepted)) => {
            errors.privacy = Some(catalogue::text(
                &visitor.language,
                "register-privacy-required",
            ));
            Ok(register_again(&state, &visitor, &form, errors))
        }
        Some(Err(e @ (RegisterError::Hash(_) | RegisterError::Store(_)))) => {
            Err(internal(&e, "sign-up failed"))
        }
        None => Ok(register_again(&state, &visitor, &form, errors)),
    }
}

/// Counts a sign-up from the requesting client (pages and API share the door).
///
/// # Errors
/// When the counters cannot be reached.
pub async fn sign_up_admitted(
    state: &SharedState,
    req: &Request,
) -> Result<Admission, application::ports::RepoError> {
    let client = client_subject(state, req);
    let door = state.limits.doors.registration_client;
    state.limits.admit(&[(door, &client)]).await
}

/// Mails the welcome in the background: a slow or failing mail server must not hold up or
/// undo the sign-up.
pub fn send_welcome(state: &SharedState, user: &User) {
    let state = state.clone();
    let id = user.id;
    tokio::spawn(async move {
        if let Err(e) = state.use_cases.welcome.run(id).await {
            tracing::warn!(error = %application::ports::error_chain(&e), "welcome mail failed");
        }
    });
}

fn register_again(
    state: &SharedState,
    visitor: &Visitor,
    form: &RegisterForm,
    errors: RegisterErrors,
) -> Response {
    state.templates.respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        "register.html",
        &visitor.layout(),
        &RegisterPage {
            values: form,
            errors,
        },
    )
}

/// Checks every field, so all messages show at once (in `language`); `notice_version` is the
/// privacy notice the ticked checkbox accepts.
fn parse_registration(
    form: &RegisterForm,
    language: &Language,
    notice_version: &str,
) -> (Option<Registration>, RegisterErrors) {
    let mut errors = RegisterErrors::default();
    let accepted = if form.accept_privacy.is_empty() {
        errors.privacy = Some(catalogue::text(language, "register-privacy-required"));
        None
    } else {
        Some(notice_version.to_owned())
    };
    let name = PersonName::parse(&form.name)
        .map_err(|e| errors.name = Some(text_error(language, &e)))
        .ok();
    let email = Email::parse(&form.email)
        .map_err(|_| {
            errors.email = Some(say(language, "h-acct-email-invalid"));
        })
        .ok();
    let password = NewPassword::parse(&form.password)
        .map_err(|e| errors.password = Some(user_error(language, &e)))
        .ok();
    let zone_name = if form.zone.trim().is_empty() {
        "UTC"
    } else {
        form.zone.trim()
    };
    let zone = Zone::parse(zone_name)
        .map_err(|e| errors.zone = Some(zone_error(language, &e)))
        .ok();
    let role = match form.role.as_str() {
        "customer" => Some(Role::Customer),
        "provider" => Some(Role::Provider),
        _ => {
            errors.role = Some(say(language, "h-acct-register-choose-role"));
            None
        }
    };
    let registration = match (name, email, password, zone, role) {
        (Some(name), Some(email), Some(password), Some(zone), Some(role)) => Some(Registration {
            email,
            name,
            password,
            zone,
            role,
            language: Some(language.clone()),
            privacy_notice: accepted,
        }),
        _ => None,
    };
    (registration, errors)
}

/// Where to go after logging in.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NextQuery {
    next: String,
}

/// The login form as typed (the password is never sent back).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    #[serde(skip_serializing)]
    password: String,
    next: String,
}

#[derive(Serialize)]
struct LoginPage<'a> {
    values: &'a LoginForm,
    error: Option<String>,
}

/// `GET /privacy`: the operator's privacy notice (`privacy.notice`, or its translation into the
/// visitor's language), which sign-up accepts.
#[handler]
#[allow(clippy::needless_pass_by_value)] // extractors are taken by value
pub fn privacy_notice(state: Data<&SharedState>, visitor: Visitor) -> Response {
    let notice = &state.privacy;
    let text = notice
        .translations
        .get(visitor.language.as_str())
        .unwrap_or(&notice.notice);
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    state.templates.respond(
        StatusCode::OK,
        "privacy.html",
        &visitor.layout(),
        &serde_json::json!({ "version": notice.notice_version, "paragraphs": paragraphs }),
    )
}

/// `GET /login`.
#[handler]
pub async fn login_form(
    state: Data<&SharedState>,
    jar: &CookieJar,
    visitor: Visitor,
    Query(query): Query<NextQuery>,
) -> PageResult {
    let language = visitor.language.clone();
    let (_, session) = visitor::ensure_session(&state, jar, visitor).await?;
    let values = LoginForm {
        next: safe_next(&query.next).to_owned(),
        ..LoginForm::default()
    };
    Ok(state.templates.respond(
        StatusCode::OK,
        "login.html",
        &Layout::of(Some(&session), &language),
        &LoginPage {
            values: &values,
            error: None,
        },
    ))
}

/// `POST /login`: starts a new session (a new id) for the user.
#[handler]
pub async fn login(
    state: Data<&SharedState>,
    jar: &CookieJar,
    req: &Request,
    visitor: Visitor,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let outcome = attempt_login(&state, req, &form.email, &form.password)
        .await
        .map_err(|e| internal(&e, "login failed"))?;
    let (status, error) = match outcome {
        LoginOutcome::LoggedIn(user) => {
            let previous = visitor.session.as_ref().map(|(id, _)| id);
            visitor::log_in(&state, jar, previous, SessionUser::from(&user)).await?;
            return Ok(redirect(safe_next(&form.next)));
        }
        LoginOutcome::Refused(key) => (StatusCode::UNAUTHORIZED, say(&visitor.language, key)),
        LoginOutcome::Throttled => (
            StatusCode::TOO_MANY_REQUESTS,
            say(&visitor.language, "h-acct-login-throttled"),
        ),
    };
    Ok(state.templates.respond(
        status,
        "login.html",
        &visitor.layout(),
        &LoginPage {
            values: &form,
            error: Some(error),
        },
    ))
}

/// `POST /logout`.
#[handler]
pub async fn logout(state: Data<&SharedState>, jar: &CookieJar, visitor: Visitor) -> PageResult {
    visitor::log_out(&state, jar, &visitor).await?;
    Ok(redirect("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invalid_field_gets_its_own_message() {
        let form = RegisterForm {
            name: String::new(),
            email: "nope".into(),
            password: "short".into(),
            zone: "Mars/Base".into(),
            role: "admin".into(),
            accept_privacy: String::new(),
        };
        let (registration, errors) = parse_registration(&form, &english(), "v1");
        assert!(registration.is_none());
        assert!(errors.name.is_some());
        assert!(errors.email.is_some());
        assert!(errors.password.is_some());
        assert!(errors.zone.is_some());
        assert!(errors.role.is_some());
        assert!(errors.privacy.is_some());
    }

    #[test]
    fn an_empty_zone_means_utc() {
        let form = RegisterForm {
            name: "Ann".into(),
            email: "ann@example.org".into(),
            password: "correct horse".into(),
            zone: String::new(),
            role: "provider".into(),
            accept_privacy: "on".into(),
        };
        let (registration, errors) = parse_registration(&form, &english(), "v1");
        assert!(!errors.any());
        let registration = registration.unwrap();
        assert_eq!(registration.zone, Zone::UTC);
        assert_eq!(registration.role, Role::Provider);
        assert_eq!(registration.privacy_notice.as_deref(), Some("v1"));
    }

    #[test]
    fn field_messages_read_as_before() {
        let form = RegisterForm {
            name: String::new(),
            email: "nope".into(),
            password: "short".into(),
            zone: "Mars/Base".into(),
            role: "admin".into(),
            accept_privacy: "on".into(),
        };
        let (_, errors) = parse_registration(&form, &english(), "v1");
        assert_eq!(errors.name.as_deref(), Some("Name is required."));
        assert_eq!(
            errors.zone.as_deref(),
            Some("Unknown time zone \"Mars/Base\": use an IANA name such as Europe/Paris.")
        );
        assert_eq!(errors.role.as_deref(), Some("Choose customer or provider."));
    }

    fn english() -> Language {
        Language::parse("en").unwrap()
    }
}
