//! Deliveries given up on and provider calendars, with their retry buttons, and calendars at
//! the calendar service that belong to no provider.

use application::admin::operations::UnlinkedCalendars;
use application::ports::{DeliveryId, OwnedCalendar};
use domain::UserId;
use poem::handler;
use poem::web::{Data, Form};
use serde::{Deserialize, Serialize};

use super::{failure, render, utc};
use crate::guards::{PathId, Staff};
use crate::pages::{PageResult, redirect};
use crate::state::SharedState;

#[derive(Serialize)]
struct DeliveryRow {
    id: String,
    channel: &'static str,
    change: &'static str,
    appointment_id: String,
    attempts: u32,
    error: String,
    failed_at: String,
}

#[derive(Serialize)]
struct CalendarRow {
    provider_id: String,
    /// Absent when the account is gone (the page says so).
    provider_name: Option<String>,
    last_synced_at: Option<String>,
    last_error: Option<String>,
    orphaned: bool,
}

/// A provider's own calendar that fails to be read.
#[derive(Serialize)]
struct BusyCalendarRow {
    provider_id: String,
    calendar_id: String,
    mode: &'static str,
    status: &'static str,
    last_read: Option<String>,
    error: Option<String>,
}

#[derive(Serialize)]
struct OperationsPage {
    deliveries: Vec<DeliveryRow>,
    calendars: Vec<CalendarRow>,
    busy_calendars: Vec<BusyCalendarRow>,
}

/// `GET /admin/operations`.
#[handler]
pub(super) async fn show(state: Data<&SharedState>, staff: Staff) -> PageResult {
    let ops = match state.use_cases.admin.operations.run(&staff.actor).await {
        Ok(ops) => ops,
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    let page = OperationsPage {
        deliveries: ops
            .failed_deliveries
            .into_iter()
            .map(|d| DeliveryRow {
                id: d.id.to_string(),
                channel: d.channel.as_str(),
                change: d.event.kind.as_str(),
                appointment_id: d.event.appointment.id.to_string(),
                attempts: d.attempts,
                error: d.error,
                failed_at: utc(d.failed_at),
            })
            .collect(),
        calendars: ops
            .calendars
            .into_iter()
            .map(|c| CalendarRow {
                provider_id: c.calendar.provider.to_string(),
                provider_name: c.provider_name.map(|n| n.as_str().to_owned()),
                last_synced_at: c.calendar.last_synced_at.map(utc),
                last_error: c.calendar.last_error,
                orphaned: c.orphaned,
            })
            .collect(),
        busy_calendars: ops
            .busy_calendars
            .into_iter()
            .map(|s| BusyCalendarRow {
                provider_id: s.provider.to_string(),
                mode: s.mode.as_str(),
                status: s.status.kind(),
                last_read: s.synced_at.map(utc),
                error: s.status.message().map(str::to_owned),
                calendar_id: s.calendar_id,
            })
            .collect(),
    };
    Ok(render(&state, &staff, "admin/operations.html", &page))
}

/// `POST /admin/deliveries/{id}/retry`.
#[handler]
pub(super) async fn retry_delivery(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<DeliveryId>,
) -> PageResult {
    match state
        .use_cases
        .admin
        .retry_delivery
        .run(&staff.actor, id)
        .await
    {
        Ok(()) => Ok(redirect("/admin/operations?done=retried")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}

/// `POST /admin/calendars/{provider id}/resync`.
#[handler]
pub(super) async fn resync(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<UserId>,
) -> PageResult {
    match state.use_cases.admin.resync.run(&staff.actor, id).await {
        Ok(_) => Ok(redirect("/admin/operations?done=resynced")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}

/// `POST /admin/calendars/{provider id}/delete`: deletes an orphaned provider calendar.
#[handler]
pub(super) async fn delete_orphan(
    state: Data<&SharedState>,
    staff: Staff,
    PathId(id): PathId<UserId>,
) -> PageResult {
    match state
        .use_cases
        .admin
        .delete_orphan
        .run(&staff.actor, id)
        .await
    {
        Ok(()) => Ok(redirect("/admin/operations?done=deleted")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}

#[derive(Serialize)]
struct UnlinkedPage {
    /// `false` when the calendar service cannot list its calendars.
    supported: bool,
    calendars: Vec<OwnedCalendarRow>,
}

#[derive(Serialize)]
struct OwnedCalendarRow {
    id: String,
    summary: String,
}

impl From<OwnedCalendar> for OwnedCalendarRow {
    fn from(c: OwnedCalendar) -> Self {
        Self {
            id: c.id,
            summary: c.summary,
        }
    }
}

/// `GET /admin/calendars/unlinked`: calendars at the calendar service that belong to no
/// provider (asked of the service on each visit).
#[handler]
pub(super) async fn unlinked(state: Data<&SharedState>, staff: Staff) -> PageResult {
    let page = match state
        .use_cases
        .admin
        .unlinked_calendars
        .run(&staff.actor)
        .await
    {
        Ok(UnlinkedCalendars::Unsupported) => UnlinkedPage {
            supported: false,
            calendars: Vec::new(),
        },
        Ok(UnlinkedCalendars::Listed(calendars)) => UnlinkedPage {
            supported: true,
            calendars: calendars.into_iter().map(OwnedCalendarRow::from).collect(),
        },
        Err(e) => return failure(&state, &staff.layout, &e),
    };
    Ok(render(
        &state,
        &staff,
        "admin/unlinked_calendars.html",
        &page,
    ))
}

/// The form of a calendar to delete.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct CalendarForm {
    calendar_id: String,
}

/// `POST /admin/calendars/unlinked/delete`: deletes one calendar that belongs to no provider.
#[handler]
pub(super) async fn delete_unlinked(
    state: Data<&SharedState>,
    staff: Staff,
    Form(form): Form<CalendarForm>,
) -> PageResult {
    match state
        .use_cases
        .admin
        .delete_unlinked
        .run(&staff.actor, form.calendar_id.trim())
        .await
    {
        Ok(()) => Ok(redirect("/admin/calendars/unlinked?done=deleted")),
        Err(e) => failure(&state, &staff.layout, &e),
    }
}
