//! The account page: name, phone, time zone, the calendar address of providers, and the
//! password.

use std::sync::LazyLock;

use application::Actor;
use application::change_password::ChangePasswordError;
use application::get_profile::GetProfileError;
use application::update_profile::{Profile, UpdateProfileError};
use domain::{Email, NewPassword, PersonName, Phone, Role, User, Zone};
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use poem::{Request, Response, handler};
use serde::{Deserialize, Serialize};

use super::booking::login_first;
use super::{PageResult, follow_calendar_share, internal, not_found, redirect, sentence};
use crate::render::Layout;
use crate::state::SharedState;
use crate::visitor::Visitor;

/// Every IANA zone name, for the zone field's suggestions.
static ZONE_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
    names.sort_unstable();
    names
});

/// The profile form as typed.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ProfileForm {
    name: String,
    phone: String,
    zone: String,
    calendar_email: String,
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

#[derive(Serialize)]
struct ProfilePage<'a> {
    email: String,
    provider: bool,
    values: &'a ProfileForm,
    errors: ProfileErrors,
    password_errors: PasswordErrors,
    zones: &'a [&'static str],
}

/// The signed-in account, or the page to show instead.
async fn account(
    state: &SharedState,
    layout: &Layout,
    actor: &Actor,
) -> Result<Result<User, Response>, poem::Error> {
    match state.use_cases.get_profile.run(actor, actor.id).await {
        Ok(user) => Ok(Ok(user)),
        Err(GetProfileError::Forbidden | GetProfileError::UnknownUser) => {
            Ok(Err(not_found(state, layout)))
        }
        Err(GetProfileError::Store(e)) => Err(internal(&e, "reading a profile failed")),
    }
}

fn respond(
    state: &SharedState,
    layout: &Layout,
    user: &User,
    status: StatusCode,
    values: &ProfileForm,
    errors: ProfileErrors,
    password_errors: PasswordErrors,
) -> Response {
    let page = ProfilePage {
        email: user.email.as_str().to_owned(),
        provider: user.role == Role::Provider,
        values,
        errors,
        password_errors,
        zones: &ZONE_NAMES,
    };
    state
        .templates
        .respond(status, "profile.html", layout, &page)
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
    req: &Request,
    visitor: Visitor,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let Some(actor) = visitor.actor() else {
        return Ok(login_first(req));
    };
    let mut layout = Layout::of(visitor.data());
    let user = match account(&state, &layout, &actor).await? {
        Ok(user) => user,
        Err(page) => return Ok(page),
    };
    let notice = match query.done.as_str() {
        "profile" => Some("Your profile is saved."),
        "password" => Some("Your password is changed."),
        _ => None,
    };
    if let Some(notice) = notice {
        layout = layout.with_notice(notice);
    }
    let values = ProfileForm::of(&user);
    Ok(respond(
        &state,
        &layout,
        &user,
        StatusCode::OK,
        &values,
        ProfileErrors::default(),
        PasswordErrors::default(),
    ))
}

/// Checks every field, so all messages show at once.
fn parse_profile(form: &ProfileForm, role: Role) -> Result<Profile, ProfileErrors> {
    let mut errors = ProfileErrors::default();
    let name = PersonName::parse(&form.name)
        .map_err(|e| errors.name = Some(sentence(&e.to_string())))
        .ok();
    let phone = match form.phone.trim() {
        "" => Some(None),
        raw => Phone::parse(raw)
            .map(Some)
            .map_err(|e| errors.phone = Some(sentence(&e.to_string())))
            .ok(),
    };
    let zone = Zone::parse(form.zone.trim())
        .map_err(|e| errors.zone = Some(sentence(&e.to_string())))
        .ok();
    let calendar_email = match form.calendar_email.trim() {
        "" => Some(None),
        _ if role != Role::Provider => {
            errors.calendar_email = Some("Only providers share a calendar.".to_owned());
            None
        }
        raw => Email::parse(raw)
            .map(Some)
            .map_err(|_| {
                errors.calendar_email =
                    Some("Enter a Gmail address like name@gmail.com.".to_owned());
            })
            .ok(),
    };
    match (name, phone, zone, calendar_email) {
        (Some(name), Some(phone), Some(zone), Some(calendar_email)) => Ok(Profile {
            name,
            phone,
            zone,
            calendar_email,
        }),
        _ => Err(errors),
    }
}

/// `POST /account`: saves the profile.
#[handler]
pub async fn save(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Form(form): Form<ProfileForm>,
) -> PageResult {
    let Some(actor) = visitor.actor() else {
        return Ok(login_first(req));
    };
    let layout = Layout::of(visitor.data());
    let user = match account(&state, &layout, &actor).await? {
        Ok(user) => user,
        Err(page) => return Ok(page),
    };
    let errors = match parse_profile(&form, user.role) {
        Ok(profile) => match state
            .use_cases
            .update_profile
            .run(&actor, actor.id, profile)
            .await
        {
            Ok(_) => {
                follow_calendar_share(&state, actor.id);
                return Ok(redirect("/account?done=profile"));
            }
            Err(UpdateProfileError::CalendarForProvidersOnly) => ProfileErrors {
                calendar_email: Some("Only providers share a calendar.".to_owned()),
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
    Ok(respond(
        &state,
        &layout,
        &user,
        StatusCode::UNPROCESSABLE_ENTITY,
        &form,
        errors,
        PasswordErrors::default(),
    ))
}

/// `POST /account/password`: changes the password after checking the current one.
#[handler]
pub async fn change_password(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Form(form): Form<PasswordForm>,
) -> PageResult {
    let Some(actor) = visitor.actor() else {
        return Ok(login_first(req));
    };
    let layout = Layout::of(visitor.data());
    let user = match account(&state, &layout, &actor).await? {
        Ok(user) => user,
        Err(page) => return Ok(page),
    };
    let mut errors = PasswordErrors::default();
    match NewPassword::parse(&form.new) {
        Ok(new) => match state
            .use_cases
            .change_password
            .run(&actor, &form.current, new)
            .await
        {
            Ok(()) => return Ok(redirect("/account?done=password")),
            Err(ChangePasswordError::WrongPassword) => {
                errors.current = Some("That is not your current password.".to_owned());
            }
            Err(
                e @ (ChangePasswordError::UnknownUser
                | ChangePasswordError::Hash(_)
                | ChangePasswordError::Store(_)),
            ) => {
                return Err(internal(&e, "changing a password failed"));
            }
        },
        Err(e) => errors.new = Some(sentence(&e.to_string())),
    }
    let values = ProfileForm::of(&user);
    Ok(respond(
        &state,
        &layout,
        &user,
        StatusCode::UNPROCESSABLE_ENTITY,
        &values,
        ProfileErrors::default(),
        errors,
    ))
}
