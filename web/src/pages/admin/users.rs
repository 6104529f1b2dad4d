//! Accounts: the list, one account, and the changes admins make to them.

use application::admin::AdminError;
use application::admin::users::UserEdit;
use application::create_staff_account::StaffAccount;
use application::ports::UserQuery;
use domain::{Email, Language, NewPassword, PersonName, Role, User, UserId, Zone};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use serde::{Deserialize, Serialize};

use super::{FieldErrors, PageQuery, Pager, Refusal, Sent, failure, field, render_with, utc};
use crate::guards::{PathId, Staff};
use crate::pages::{PageResult, follow_calendar_share, language_of, not_found, redirect};
use crate::state::SharedState;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct UsersQuery {
    q: String,
    role: String,
    active: String,
    #[serde(skip_serializing)]
    page: Option<u32>,
}

#[derive(Serialize)]
struct UserRow {
    id: String,
    name: String,
    email: String,
    role: &'static str,
    active: bool,
    joined: String,
}

impl From<&User> for UserRow {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.to_string(),
            name: u.name.as_str().to_owned(),
            email: u.email.as_str().to_owned(),
            role: u.role.as_str(),
            active: u.active,
            joined: utc(u.created_at),
        }
    }
}

#[derive(Serialize)]
struct UsersPage<'a> {
    form: &'a UsersQuery,
    users: Vec<UserRow>,
    pager: Pager,
    new_staff: Sent<&'a StaffForm>,
}

fn parse_bool(raw: &str) -> Option<bool> {
    match raw {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// `GET /admin/users`: search, filter, page.
#[handler]
pub(super) async fn list(
    state: Data<&SharedState>,
    staff: Staff,
    Query(form): Query<UsersQuery>,
) -> PageResult {
    let new_staff = StaffForm {
        role: "support".to_owned(),
        zone: "UTC".to_owned(),
        ..StaffForm::default()
    };
    users_page(&state, &staff, &form, &new_staff, None).await
}

/// The list as `form` asks, with the new staff account form (sent back after `refusal`).
async fn users_page(
    state: &SharedState,
    staff: &Staff,
    form: &UsersQuery,
    new_staff: &StaffForm,
    refusal: Option<Refusal>,
) -> PageResult {
    let query = UserQuery {
        text: Some(form.q.trim().to_owned()).filter(|t| !t.is_empty()),
        role: form.role.parse().ok(),
        active: parse_bool(&form.active),
        page: PageQuery { page: form.page }.request(),
    };
    let found = match state.use_cases.admin.users.run(&staff.actor, &query).await {
        Ok(found) => found,
        Err(e) => return failure(state, &staff.layout, &e),
    };
    let params = [
        ("q", form.q.as_str()),
        ("role", form.role.as_str()),
        ("active", form.active.as_str()),
    ];
    let (status, errors) = refusal.map_or((StatusCode::OK, FieldErrors::new()), |r| {
        (r.status, r.errors)
    });
    let page = UsersPage {
        pager: Pager::of("/admin/users", &params, &found),
        users: found.items.iter().map(UserRow::from).collect(),
        form,
        new_staff: Sent {
            values: new_staff,
            errors,
        },
    };
    Ok(render_with(state, staff, status, "admin/users.html", &page))
}

#[derive(Serialize)]
struct ServiceRow {
    id: String,
    name: String,
    active: bool,
}

#[derive(Serialize)]
struct AppointmentLine {
    id: String,
    start: String,
    status: &'static str,
}

#[derive(Serialize)]
struct UserPage<'a> {
    user: UserRow,
    is_provider: bool,
    services: Vec<ServiceRow>,
    appointments: Vec<AppointmentLine>,
    appointments_total: u64,
    roles: [&'static str; 4],
    edit: Sent<&'a EditForm>,
}

/// `GET /admin/users/{id}`: profile, services, appointments and (for admins) the forms.
#[handler]
pub(super) async fn show(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<UserId>,
) -> PageResult {
    user_page(&state, &staff, id, None, None).await
}

/// Account `id`'s page; after a `refusal`, its forms come back with the messages beside their
/// fields and the edit form with the values `typed`.
async fn user_page(
    state: &SharedState,
    staff: &Staff,
    id: UserId,
    typed: Option<&EditForm>,
    refusal: Option<Refusal>,
) -> PageResult {
    let detail = match state.use_cases.admin.user.run(&staff.actor, id).await {
        Ok(detail) => detail,
        Err(e) => return failure(state, &staff.layout, &e),
    };
    let stored = EditForm {
        name: detail.user.name.as_str().to_owned(),
        email: detail.user.email.as_str().to_owned(),
        role: detail.user.role.as_str().to_owned(),
    };
    let (status, errors) = refusal.map_or((StatusCode::OK, FieldErrors::new()), |r| {
        (r.status, r.errors)
    });
    let page = UserPage {
        is_provider: detail.user.role == Role::Provider,
        user: UserRow::from(&detail.user),
        services: detail
            .services
            .iter()
            .map(|s| ServiceRow {
                id: s.id.to_string(),
                name: s.name.as_str().to_owned(),
                active: s.active,
            })
            .collect(),
        appointments: detail
            .appointments
            .items
            .iter()
            .map(|a| AppointmentLine {
                id: a.id.to_string(),
                start: utc(a.session.start()),
                status: a.status.as_str(),
            })
            .collect(),
        appointments_total: detail.appointments.total,
        roles: ["customer", "provider", "support", "admin"],
        edit: Sent {
            values: typed.unwrap_or(&stored),
            errors,
        },
    };
    Ok(render_with(state, staff, status, "admin/user.html", &page))
}

/// The edit form.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct EditForm {
    name: String,
    email: String,
    role: String,
}

/// `POST /admin/users/{id}`: saves name, email and role.
#[handler]
pub(super) async fn edit(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<UserId>,
    Form(form): Form<EditForm>,
) -> PageResult {
    let language = language_of(&staff.layout);
    let mut errors = FieldErrors::new();
    let name = field(
        &language,
        &mut errors,
        "name",
        PersonName::parse(&form.name),
    );
    let email = field(&language, &mut errors, "email", Email::parse(&form.email));
    let role = field(&language, &mut errors, "role", form.role.parse::<Role>());
    let (Some(name), Some(email), Some(role)) = (name, email, role) else {
        return user_page(
            &state,
            &staff,
            id,
            Some(&form),
            Some(Refusal::invalid(errors)),
        )
        .await;
    };
    // The use case refuses an email that is taken (409) or an admin's own role change (422).
    let edit = UserEdit { name, email, role };
    match state
        .use_cases
        .admin
        .edit_user
        .run(&staff.actor, id, edit)
        .await
    {
        Ok(_) => {
            follow_calendar_share(&state, id);
            Ok(redirect(&format!("/admin/users/{id}?done=saved")))
        }
        Err(e) => {
            let at = if matches!(e, AdminError::Conflict(_)) {
                "email"
            } else {
                "role"
            };
            match Refusal::beside(at, e, &language) {
                Ok(refusal) => user_page(&state, &staff, id, Some(&form), Some(refusal)).await,
                Err(e) => failure(&state, &staff.layout, &e),
            }
        }
    }
}

/// The (de)activation form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ActiveForm {
    active: String,
}

/// `POST /admin/users/{id}/active`: deactivates (`active=false`) or reactivates.
#[handler]
pub(super) async fn set_active(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<UserId>,
    Form(form): Form<ActiveForm>,
) -> PageResult {
    let Some(active) = parse_bool(&form.active) else {
        return Ok(not_found(&state, &staff.layout));
    };
    match state
        .use_cases
        .admin
        .set_active
        .run(&staff.actor, id, active)
        .await
    {
        Ok(_) => {
            follow_calendar_share(&state, id);
            let done = if active { "reactivated" } else { "deactivated" };
            Ok(redirect(&format!("/admin/users/{id}?done={done}")))
        }
        Err(e) => match Refusal::beside("active", e, &language_of(&staff.layout)) {
            Ok(refusal) => user_page(&state, &staff, id, None, Some(refusal)).await,
            Err(e) => failure(&state, &staff.layout, &e),
        },
    }
}

/// `POST /admin/users/{id}/reset`: mails a password reset link.
#[handler]
pub(super) async fn send_reset(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<UserId>,
) -> PageResult {
    match state.use_cases.admin.send_reset.run(&staff.actor, id).await {
        Ok(()) => Ok(redirect(&format!("/admin/users/{id}?done=reset"))),
        Err(e) => match Refusal::beside("reset", e, &language_of(&staff.layout)) {
            Ok(refusal) => user_page(&state, &staff, id, None, Some(refusal)).await,
            Err(e) => failure(&state, &staff.layout, &e),
        },
    }
}

/// The new staff account form (the password is never sent back).
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct StaffForm {
    email: String,
    name: String,
    role: String,
    #[serde(skip_serializing)]
    password: String,
    zone: String,
}

impl StaffForm {
    /// The account, or a message (in `language`) for each unusable field.
    fn parse(&self, language: &Language) -> Result<StaffAccount, FieldErrors> {
        let mut errors = FieldErrors::new();
        let zone = match self.zone.trim() {
            "" => "UTC",
            zone => zone,
        };
        let parsed = (
            field(language, &mut errors, "email", Email::parse(&self.email)),
            field(language, &mut errors, "name", PersonName::parse(&self.name)),
            field(language, &mut errors, "role", self.role.parse::<Role>()),
            field(
                language,
                &mut errors,
                "password",
                NewPassword::parse(&self.password),
            ),
            field(language, &mut errors, "zone", Zone::parse(zone)),
        );
        match parsed {
            (Some(email), Some(name), Some(role), Some(password), Some(zone)) => Ok(StaffAccount {
                email,
                name,
                role,
                password,
                zone,
            }),
            _ => Err(errors),
        }
    }
}

/// `POST /admin/staff`: creates an admin or support account.
#[handler]
pub(super) async fn add_staff(
    state: Data<&SharedState>,
    staff: Staff,
    Form(form): Form<StaffForm>,
) -> PageResult {
    let everyone = UsersQuery::default();
    let language = language_of(&staff.layout);
    let input = match form.parse(&language) {
        Ok(input) => input,
        Err(errors) => {
            let refusal = Some(Refusal::invalid(errors));
            return users_page(&state, &staff, &everyone, &form, refusal).await;
        }
    };
    // The use case refuses a role that is not staff (422) or an email that is taken (409).
    match state
        .use_cases
        .admin
        .add_staff
        .run(&staff.actor, input)
        .await
    {
        Ok(user) => Ok(redirect(&format!("/admin/users/{}?done=staff", user.id))),
        Err(e) => {
            let at = if matches!(e, AdminError::Conflict(_)) {
                "email"
            } else {
                "role"
            };
            match Refusal::beside(at, e, &language) {
                Ok(refusal) => users_page(&state, &staff, &everyone, &form, Some(refusal)).await,
                Err(e) => failure(&state, &staff.layout, &e),
            }
        }
    }
}
