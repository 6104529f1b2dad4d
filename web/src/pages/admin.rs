//! The administration panel at `/admin`, for staff. Anonymous visitors are sent to log in;
//! everyone else but staff gets a 403 page on every route. Support staff read everything and
//! cancel appointments; the use cases refuse them (403) anything else. Every form is checked
//! by the CSRF guard like any other page's; every change lands in the audit log.

mod appointments;
mod catalog;
mod operations;
mod reviews;
mod users;

use std::collections::BTreeMap;

use application::admin::AdminError;
use application::ports::{Page, PageRequest};
use domain::Language;
use poem::http::StatusCode;
use poem::web::{Data, Query};
use poem::{Response, Route, get, handler, post};
use serde::{Deserialize, Serialize};

use super::{PageResult, internal, language_of, not_found, say, say_with};
use crate::guards::{Staff, not_allowed};
use crate::refusals::{Said, admin_message};
use crate::render::Layout;
use crate::state::SharedState;

/// Every admin route, to nest under `/admin`.
pub fn routes() -> Route {
    Route::new()
        .at("/", get(dashboard))
        .at("/users", get(users::list))
        .at("/users/:id", get(users::show).post(users::edit))
        .at("/users/:id/active", post(users::set_active))
        .at("/users/:id/reset", post(users::send_reset))
        .at("/staff", post(users::add_staff))
        .at(
            "/categories",
            get(catalog::categories).post(catalog::create_category),
        )
        .at("/categories/:id", post(catalog::update_category))
        .at("/services", get(catalog::services))
        .at(
            "/services/:id/deactivate",
            post(catalog::deactivate_service),
        )
        .at("/appointments", get(appointments::list))
        .at("/appointments/:id", get(appointments::show))
        .at("/appointments/:id/cancel", post(appointments::cancel))
        .at("/operations", get(operations::show))
        .at("/deliveries/:id/retry", post(operations::retry_delivery))
        .at("/calendars/:id/resync", post(operations::resync))
        .at("/calendars/:id/delete", post(operations::delete_orphan))
        .at("/calendars/unlinked", get(operations::unlinked))
        .at(
            "/calendars/unlinked/delete",
            post(operations::delete_unlinked),
        )
        .at("/audit", get(audit))
        .at("/reviews", get(reviews::list))
        .at("/reviews/:id", get(reviews::show))
        .at("/reviews/:id/hide", post(reviews::hide))
        .at("/reviews/:id/restore", post(reviews::restore))
        .at("/webhooks", get(super::webhooks::admin_list))
}

/// An [`AdminError`] as a page: 403, 404, a message with 422 or 409, 503, or a logged 500.
fn failure(state: &SharedState, layout: &Layout, error: &AdminError) -> PageResult {
    let (status, title) = match error {
        AdminError::Forbidden => return Ok(not_allowed(state, layout)),
        AdminError::NotFound => return Ok(not_found(state, layout)),
        AdminError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "h-acct-error-bad-title"),
        AdminError::Conflict(_) => (StatusCode::CONFLICT, "h-acct-error-bad-title"),
        AdminError::Unavailable(e) => {
            tracing::warn!(error = %application::ports::error_chain(e.as_ref()), "admin action: outside service failed");
            (StatusCode::SERVICE_UNAVAILABLE, "h-admin-try-later-title")
        }
        AdminError::Store(e) => return Err(internal(e, "admin action failed")),
    };
    let language = language_of(layout);
    let message = say_with(
        &language,
        "h-admin-failure-message",
        [("message", super::arg(&admin_message(&language, error)))],
    );
    Ok(state.templates.respond(
        status,
        "error.html",
        layout,
        &serde_json::json!({
            "title": say(&language, title),
            "message": message,
        }),
    ))
}

/// A message of the catalogue, by key.
struct Key(&'static str);

impl Said for Key {
    fn said(&self, language: &Language) -> String {
        say(language, self.0)
    }
}

/// Renders an admin template with `page`, adding whether the viewer may change things.
fn render<T: Serialize>(state: &SharedState, staff: &Staff, name: &str, page: &T) -> Response {
    render_with(state, staff, StatusCode::OK, name, page)
}

/// [`render`] with another status: a form sent back to be fixed.
fn render_with<T: Serialize>(
    state: &SharedState,
    staff: &Staff,
    status: StatusCode,
    name: &str,
    page: &T,
) -> Response {
    let mut value = serde_json::to_value(page).unwrap_or_default();
    if let Some(map) = value.as_object_mut() {
        map.insert("is_admin".into(), staff.actor.is_admin().into());
    }
    state.templates.respond(status, name, &staff.layout, &value)
}

/// A message per field name; a template shows each beside its field, as the public forms do.
type FieldErrors = BTreeMap<&'static str, String>;

/// A form as the template shows it: the values (as typed, when it is sent back) and the
/// messages beside its fields.
#[derive(Debug, Default, Serialize)]
struct Sent<V> {
    values: V,
    errors: FieldErrors,
}

/// A form sent back to be fixed: its page's status and messages.
struct Refusal {
    status: StatusCode,
    errors: FieldErrors,
}

impl Refusal {
    /// Messages from parsing the fields: 422.
    fn invalid(errors: FieldErrors) -> Self {
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            errors,
        }
    }

    /// A use case's refusal as a message (in `language`) beside `field`: a broken rule (422)
    /// or a clash with existing data (409). Any other error stays an error, for [`failure`].
    fn beside(
        field: &'static str,
        error: AdminError,
        language: &Language,
    ) -> Result<Self, AdminError> {
        let status = match &error {
            AdminError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AdminError::Conflict(_) => StatusCode::CONFLICT,
            _ => return Err(error),
        };
        Ok(Self {
            status,
            errors: FieldErrors::from([(field, admin_message(language, &error))]),
        })
    }
}

/// Parses one field, noting its message (in `language`) under `field` when it is unusable.
fn field<T, E: Said>(
    language: &Language,
    errors: &mut FieldErrors,
    field: &'static str,
    parsed: Result<T, E>,
) -> Option<T> {
    parsed
        .map_err(|e| {
            errors.insert(field, e.said(language));
        })
        .ok()
}

/// `page` and `per_page` from a query string.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PageQuery {
    page: Option<u32>,
}

impl PageQuery {
    fn request(&self) -> PageRequest {
        PageRequest::new(self.page.unwrap_or(1), 25)
    }
}

/// Links to the previous and next pages of `page`, keeping the other `params`.
#[derive(Debug, Serialize)]
struct Pager {
    page: u32,
    pages: u64,
    total: u64,
    previous_url: Option<String>,
    next_url: Option<String>,
}

impl Pager {
    fn of<T>(path: &str, params: &[(&str, &str)], page: &Page<T>) -> Self {
        let number = page.request.page();
        let url = |n: u32| {
            let mut all: Vec<(&str, String)> = params
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (*k, (*v).to_owned()))
                .collect();
            all.push(("page", n.to_string()));
            format!(
                "{path}?{}",
                serde_urlencoded::to_string(&all).unwrap_or_default()
            )
        };
        Self {
            page: number,
            pages: page.page_count(),
            total: page.total,
            previous_url: (number > 1).then(|| url(number - 1)),
            next_url: (u64::from(number) < page.page_count()).then(|| url(number + 1)),
        }
    }
}

/// A time as staff read it: UTC, to the minute.
fn utc(instant: chrono::DateTime<chrono::Utc>) -> String {
    instant.format("%Y-%m-%d %H:%M UTC").to_string()
}

#[derive(Serialize)]
struct Count {
    /// The end of its label's catalogue key (`admin-dashboard-count-<label>`).
    label: &'static str,
    value: u64,
    link: &'static str,
}

impl Count {
    const fn new(label: &'static str, value: u64, link: &'static str) -> Self {
        Self { label, value, link }
    }
}

#[derive(Serialize)]
struct DashboardPage {
    counts: Vec<Count>,
    failed_deliveries: usize,
    calendar_errors: usize,
    tzdb_version: &'static str,
    tzdb_origin: &'static str,
}

/// `GET /admin`: the dashboard.
#[handler]
async fn dashboard(state: Data<&SharedState>, staff: Staff) -> PageResult {
    let d = match state.use_cases.admin.dashboard.run(&staff.actor).await {
        Ok(d) => d,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let page = DashboardPage {
        counts: vec![
            Count::new("providers", d.providers, "/admin/users?role=provider"),
            Count::new("customers", d.customers, "/admin/users?role=customer"),
            Count::new("active-services", d.services, "/admin/services?active=true"),
            Count::new("bookings-today", d.bookings_today, "/admin/appointments"),
            Count::new(
                "bookings-this-week",
                d.bookings_this_week,
                "/admin/appointments",
            ),
            Count::new(
                "cancellations",
                d.cancellations,
                "/admin/appointments?status=cancelled",
            ),
        ],
        failed_deliveries: d.failed_deliveries,
        calendar_errors: d.calendar_errors,
        tzdb_version: domain::zone::installed().version(),
        tzdb_origin: domain::zone::installed().origin(),
    };
    Ok(render(&state, &staff, "admin/dashboard.html", &page))
}

#[derive(Serialize)]
struct AuditRow {
    at: String,
    actor: String,
    action: String,
    target: String,
    before: Option<String>,
    after: Option<String>,
}

#[derive(Serialize)]
struct AuditPage {
    entries: Vec<AuditRow>,
    pager: Pager,
}

/// `GET /admin/audit`: the audit log, newest first.
#[handler]
async fn audit(
    state: Data<&SharedState>,
    staff: Staff,
    Query(query): Query<PageQuery>,
) -> PageResult {
    let log = match state
        .use_cases
        .admin
        .audit
        .run(&staff.actor, query.request())
        .await
    {
        Ok(log) => log,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let page = AuditPage {
        pager: Pager::of("/admin/audit", &[], &log),
        entries: log
            .items
            .into_iter()
            .map(|e| AuditRow {
                at: utc(e.at),
                actor: e.actor.to_string(),
                action: e.action,
                target: e.target,
                before: e.before,
                after: e.after,
            })
            .collect(),
    };
    Ok(render(&state, &staff, "admin/audit.html", &page))
}
