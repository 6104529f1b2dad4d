//! Accounts: the list, one account, and the changes admins make to them.

use application::admin::users::UserEdit;
use application::create_staff_account::StaffAccount;
use application::ports::UserQuery;
use domain::{Email, NewPassword, PersonName, Role, User, UserId, Zone};
use poem::web::{Data, Form, Path, Query};
use poem::{Request, handler};
use serde::{Deserialize, Serialize};

use super::{PageQuery, Pager, failure, render, staff, utc};
use crate::pages::{PageResult, follow_calendar_share, not_found, redirect};
use crate::state::SharedState;
use crate::visitor::Visitor;

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
    req: &Request,
    visitor: Visitor,
    Query(form): Query<UsersQuery>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let query = UserQuery {
        text: Some(form.q.trim().to_owned()).filter(|t| !t.is_empty()),
        role: form.role.parse().ok(),
        active: parse_bool(&form.active),
        page: PageQuery { page: form.page }.request(),
    };
    let found = match state.admin.users.run(&staff.actor, &query).await {
        Ok(found) => found,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let params = [
        ("q", form.q.as_str()),
        ("role", form.role.as_str()),
        ("active", form.active.as_str()),
    ];
    let page = UsersPage {
        pager: Pager::of("/admin/users", &params, &found),
        users: found.items.iter().map(UserRow::from).collect(),
        form: &form,
    };
    Ok(render(&state, &staff, "admin/users.html", &page))
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
struct UserPage {
    user: UserRow,
    is_provider: bool,
    can_reset: bool,
    services: Vec<ServiceRow>,
    appointments: Vec<AppointmentLine>,
    appointments_total: u64,
    roles: [&'static str; 4],
}

/// `GET /admin/users/{id}`: profile, services, appointments and (for admins) the forms.
#[handler]
pub(super) async fn show(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Path(id): Path<String>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let Some(id) = id.parse::<UserId>().ok() else {
        return Ok(not_found(&state, &staff.layout));
    };
    let detail = match state.admin.user.run(&staff.actor, id).await {
        Ok(detail) => detail,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let page = UserPage {
        is_provider: detail.user.role == Role::Provider,
        can_reset: state.admin.send_reset.is_some(),
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
    };
    Ok(render(&state, &staff, "admin/user.html", &page))
}

/// The edit form.
#[derive(Debug, Default, Deserialize)]
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
    req: &Request,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<EditForm>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let Some(id) = id.parse::<UserId>().ok() else {
        return Ok(not_found(&state, &staff.layout));
    };
    let edit = match (
        PersonName::parse(&form.name),
        Email::parse(&form.email),
        form.role.parse::<Role>(),
    ) {
        (Ok(name), Ok(email), Ok(role)) => UserEdit { name, email, role },
        (Err(e), _, _) => return invalid(&state, &staff, &e.to_string()),
        (_, Err(e), _) | (_, _, Err(e)) => return invalid(&state, &staff, &e.to_string()),
    };
    match state.admin.edit_user.run(&staff.actor, id, edit).await {
        Ok(_) => {
            follow_calendar_share(&state, id);
            Ok(redirect(&format!("/admin/users/{id}?done=saved")))
        }
        Err(e) => failure(&state, &staff.layout, &e),
    }
}

fn invalid(state: &SharedState, staff: &super::Staff, message: &str) -> PageResult {
    failure(
        state,
        &staff.layout,
        &application::admin::AdminError::Invalid(message.to_owned()),
    )
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
    req: &Request,
    visitor: Visitor,
    Path(id): Path<String>,
    Form(form): Form<ActiveForm>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let (Some(id), Some(active)) = (id.parse::<UserId>().ok(), parse_bool(&form.active)) else {
        return Ok(not_found(&state, &staff.layout));
    };
    match state.admin.set_active.run(&staff.actor, id, active).await {
        Ok(_) => {
            follow_calendar_share(&state, id);
            let done = if active { "reactivated" } else { "deactivated" };
            Ok(redirect(&format!("/admin/users/{id}?done={done}")))
        }
        Err(e) => failure(&state, &staff.layout, &e),
    }
}

/// `POST /admin/users/{id}/reset`: mails a password reset link.
#[handler]
pub(super) async fn send_reset(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Path(id): Path<String>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let Some(id) = id.parse::<UserId>().ok() else {
        return Ok(not_found(&state, &staff.layout));
    };
    let Some(send) = &state.admin.send_reset else {
        if !staff.actor.is_admin() {
            return failure(
                &state,
                &staff.layout,
                &application::admin::AdminError::Forbidden,
            );
        }
        return failure(
            &state,
            &staff.layout,
            &application::admin::AdminError::Unavailable("no mailer is configured".into()),
        );
    };
    match send.run(&staff.actor, id).await {
        Ok(()) => Ok(redirect(&format!("/admin/users/{id}?done=reset"))),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}

/// The new staff account form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct StaffForm {
    email: String,
    name: String,
    role: String,
    password: String,
    zone: String,
}

/// `POST /admin/staff`: creates an admin or support account.
#[handler]
pub(super) async fn add_staff(
    state: Data<&SharedState>,
    req: &Request,
    visitor: Visitor,
    Form(form): Form<StaffForm>,
) -> PageResult {
    let staff = match staff(&state, req, &visitor) {
        Ok(staff) => staff,
        Err(response) => return Ok(*response),
    };
    let zone = if form.zone.trim().is_empty() {
        "UTC"
    } else {
        form.zone.trim()
    };
    let input = (|| {
        Ok::<_, String>(StaffAccount {
            email: Email::parse(&form.email).map_err(|e| e.to_string())?,
            name: PersonName::parse(&form.name).map_err(|e| e.to_string())?,
            role: form
                .role
                .parse()
                .map_err(|e: domain::UserError| e.to_string())?,
            password: NewPassword::parse(&form.password).map_err(|e| e.to_string())?,
            zone: Zone::parse(zone).map_err(|e| e.to_string())?,
        })
    })();
    let input = match input {
        Ok(input) => input,
        Err(message) => return invalid(&state, &staff, &message),
    };
    match state.admin.add_staff.run(&staff.actor, input).await {
        Ok(user) => Ok(redirect(&format!("/admin/users/{}?done=staff", user.id))),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}
