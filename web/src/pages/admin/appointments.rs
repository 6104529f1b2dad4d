//! Every appointment: filter, open one, cancel it on someone's behalf with a reason.

use application::admin::appointments::AppointmentRow;
use application::ports::AppointmentQuery;
use chrono::{NaiveDate, TimeDelta};
use domain::{AppointmentId, AppointmentStatus, Note, TextError, TimeRange, UserId};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Form, Query};
use serde::{Deserialize, Serialize};

use super::{
    FieldErrors, Key, PageQuery, Pager, Refusal, Sent, failure, field, render, render_with, utc,
};
use crate::guards::{PathId, Staff};
use crate::pages::{PageResult, language_of, redirect};
use crate::state::SharedState;

#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct AppointmentsQuery {
    provider: String,
    customer: String,
    status: String,
    from: String,
    to: String,
    #[serde(skip_serializing)]
    page: Option<u32>,
}

impl AppointmentsQuery {
    /// Sessions starting from `from` (a date, UTC) up to the end of `to`.
    fn starting(&self) -> Option<TimeRange> {
        let day = |raw: &str| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
        let (from, to) = (day(&self.from), day(&self.to));
        if from.is_none() && to.is_none() {
            return None;
        }
        let start = from
            .unwrap_or(NaiveDate::MIN)
            .and_hms_opt(0, 0, 0)?
            .and_utc();
        let end = to
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or_else(TimeRange::last_writable, |t| {
                t.and_utc() + TimeDelta::days(1)
            });
        TimeRange::new(start, end).ok()
    }
}

#[derive(Serialize)]
struct Row {
    id: String,
    start: String,
    status: &'static str,
    /// Absent when the record is gone (the page says so).
    service: Option<String>,
    provider_id: String,
    provider: Option<String>,
    customer_id: String,
    customer: Option<String>,
    cancellation_reason: Option<String>,
    active: bool,
}

impl From<AppointmentRow> for Row {
    fn from(r: AppointmentRow) -> Self {
        let a = r.appointment;
        let name = |n: Option<domain::PersonName>| n.map(|n| n.as_str().to_owned());
        Self {
            id: a.id.to_string(),
            start: utc(a.session.start()),
            status: a.status.as_str(),
            service: r.service_name.map(|n| n.as_str().to_owned()),
            provider_id: a.provider.to_string(),
            provider: name(r.provider_name),
            customer_id: a.customer.to_string(),
            customer: name(r.customer_name),
            cancellation_reason: a
                .cancellation
                .and_then(|c| c.reason)
                .map(|n| n.as_str().to_owned()),
            active: a.status.is_active(),
        }
    }
}

#[derive(Serialize)]
struct ListPage<'a> {
    form: &'a AppointmentsQuery,
    appointments: Vec<Row>,
    pager: Pager,
    statuses: [&'static str; 5],
}

/// `GET /admin/appointments`: filter by provider, customer, status and start dates.
#[handler]
pub(super) async fn list(
    state: Data<&SharedState>,
    staff: Staff,
    Query(form): Query<AppointmentsQuery>,
) -> PageResult {
    let query = AppointmentQuery {
        provider: form.provider.trim().parse().ok().map(UserId::from_uuid),
        customer: form.customer.trim().parse().ok().map(UserId::from_uuid),
        status: form.status.parse::<AppointmentStatus>().ok(),
        starting: form.starting(),
        page: PageQuery { page: form.page }.request(),
    };
    let found = match state
        .use_cases
        .admin
        .appointments
        .list(&staff.actor, &query)
        .await
    {
        Ok(found) => found,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let params = [
        ("provider", form.provider.as_str()),
        ("customer", form.customer.as_str()),
        ("status", form.status.as_str()),
        ("from", form.from.as_str()),
        ("to", form.to.as_str()),
    ];
    let page = ListPage {
        pager: Pager::of("/admin/appointments", &params, &found),
        appointments: found.items.into_iter().map(Row::from).collect(),
        form: &form,
        statuses: [
            "requested",
            "confirmed",
            "cancelled",
            "completed",
            "no_show",
        ],
    };
    Ok(render(&state, &staff, "admin/appointments.html", &page))
}

#[derive(Serialize)]
struct ShowPage<'a> {
    appointment: Row,
    cancel: Sent<&'a CancelForm>,
}

/// `GET /admin/appointments/{id}`.
#[handler]
pub(super) async fn show(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<AppointmentId>,
) -> PageResult {
    appointment_page(&state, &staff, id, &CancelForm::default(), None).await
}

/// Appointment `id`; after a `refusal`, the cancellation form comes back with the reason as
/// typed and the message beside it.
async fn appointment_page(
    state: &SharedState,
    staff: &Staff,
    id: AppointmentId,
    typed: &CancelForm,
    refusal: Option<Refusal>,
) -> PageResult {
    let row = match state
        .use_cases
        .admin
        .appointments
        .one(&staff.actor, id)
        .await
    {
        Ok(row) => row,
        Err(e) => return failure(state, &staff.layout, &e),
    };
    let (status, errors) = refusal.map_or((StatusCode::OK, FieldErrors::new()), |r| {
        (r.status, r.errors)
    });
    let page = ShowPage {
        appointment: Row::from(row),
        cancel: Sent {
            values: typed,
            errors,
        },
    };
    Ok(render_with(
        state,
        staff,
        status,
        "admin/appointment.html",
        &page,
    ))
}

/// The cancellation form.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(default)]
pub(super) struct CancelForm {
    reason: String,
}

/// `POST /admin/appointments/{id}/cancel`: cancels as staff with a reason.
#[handler]
pub(super) async fn cancel(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<AppointmentId>,
    Form(form): Form<CancelForm>,
) -> PageResult {
    let language = language_of(&staff.layout);
    let mut errors = FieldErrors::new();
    let parsed = Note::parse(form.reason.trim()).map_err(|e| match e {
        TextError::Missing { .. } => Key("h-admin-cancel-reason-missing"),
        TextError::Length { .. } => Key("h-admin-cancel-reason-length"),
        TextError::ControlCharacters { .. } => Key("h-admin-cancel-reason-control"),
    });
    let Some(reason) = field(&language, &mut errors, "reason", parsed) else {
        let refusal = Some(Refusal::invalid(errors));
        return appointment_page(&state, &staff, id, &form, refusal).await;
    };
    match state
        .use_cases
        .admin
        .cancel
        .run(&staff.actor, id, reason)
        .await
    {
        Ok(_) => Ok(redirect(&format!(
            "/admin/appointments/{id}?done=cancelled"
        ))),
        Err(e) => match Refusal::beside("reason", e, &language) {
            Ok(refusal) => appointment_page(&state, &staff, id, &form, Some(refusal)).await,
            Err(e) => failure(&state, &staff.layout, &e),
        },
    }
}
