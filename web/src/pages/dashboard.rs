//! The signed-in home: a customer's upcoming and past bookings, or a provider's agenda for
//! today, the coming week and what is upcoming.

use application::Actor;
use application::appointment_views::AppointmentView;
use application::get_profile::GetProfileError;
use application::list_appointments::{AppointmentQuery, ListAppointmentsError, Side, Timeframe};
use chrono::{NaiveDate, TimeDelta};
use domain::{Language, Occurrence, Role, TimeRange, Zone};
use poem::handler;
use poem::http::StatusCode;
use poem::web::{Data, Query};
use serde::{Deserialize, Serialize};

use super::appointments::{AppointmentRow, mark_conflicts};
use super::week_grid::{Place, Span};
use super::{PageResult, internal, redirect};
use crate::guards::SignedIn;
use crate::present::{self, language_of, number_arg, say, say_with};
use crate::state::SharedState;

/// What just happened, for the notice after an action.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    done: String,
}

#[derive(Serialize)]
struct DayColumn {
    label: String,
    date: String,
    today: bool,
    appointments: Vec<PlacedRow>,
}

/// An appointment in the week's time grid.
#[derive(Serialize)]
struct PlacedRow {
    #[serde(flatten)]
    row: AppointmentRow,
    place: Place,
}

#[derive(Serialize)]
struct DashboardPage {
    role: &'static str,
    zone: String,
    upcoming: Vec<AppointmentRow>,
    past: Vec<AppointmentRow>,
    today: Vec<AppointmentRow>,
    week: Vec<DayColumn>,
    /// The hours the week's time grid spans.
    week_span: Option<Span>,
    /// Its hour labels.
    week_hours: Vec<String>,
    /// A provider's calendars that close all their slots now (unread, stale or unshared).
    closing_calendars: Vec<String>,
    /// A provider's upcoming class occurrences with their attendees.
    classes: Vec<ClassGroup>,
}

/// One upcoming class occurrence on the provider's agenda.
#[derive(Serialize)]
struct ClassGroup {
    service_name: String,
    when: String,
    /// E.g. "3 of 12 places booked".
    booked: String,
    attendees: Vec<String>,
    /// The page of its first seat, where the whole class can be cancelled.
    url: String,
}

/// Groups the active seats among `views` (shown as `rows`) by class occurrence, in order of
/// start (in `language`).
fn class_groups(
    views: &[AppointmentView],
    rows: &[AppointmentRow],
    language: &Language,
) -> Vec<ClassGroup> {
    let mut groups: Vec<(Occurrence, u16, ClassGroup)> = Vec::new();
    for (view, row) in views.iter().zip(rows) {
        let a = &view.appointment;
        let Some(info) = view.service.as_ref().filter(|s| s.capacity.is_class()) else {
            continue;
        };
        if !a.status.is_active() {
            continue;
        }
        let occurrence = Occurrence::of(a);
        let attendee = row.customer_name().unwrap_or_default().to_owned();
        match groups.iter_mut().find(|(o, _, _)| *o == occurrence) {
            Some((_, _, group)) => group.attendees.push(attendee),
            None => groups.push((
                occurrence,
                info.capacity.places(),
                ClassGroup {
                    service_name: info.name.as_str().to_owned(),
                    when: row.when().to_owned(),
                    booked: String::new(),
                    attendees: vec![attendee],
                    url: row.url().to_owned(),
                },
            )),
        }
    }
    groups
        .into_iter()
        .map(|(_, capacity, mut group)| {
            group.booked = say_with(
                language,
                "h-book-places-booked",
                [
                    ("booked", group.attendees.len().into()),
                    ("capacity", number_arg(capacity)),
                ],
            );
            group
        })
        .collect()
}

/// The viewer's zone, from their account.
pub(super) async fn zone_of(state: &SharedState, actor: &Actor) -> Result<Zone, poem::Error> {
    match state.use_cases.get_profile.run(actor, actor.id).await {
        Ok(user) => Ok(user.zone),
        Err(GetProfileError::Forbidden | GetProfileError::UnknownUser) => Ok(Zone::UTC),
        Err(GetProfileError::Store(e)) => Err(internal(&e, "reading a profile failed")),
    }
}

async fn list(
    state: &SharedState,
    actor: &Actor,
    side: Side,
    timeframe: Timeframe,
    limit: u32,
) -> Result<Vec<AppointmentView>, poem::Error> {
    let query = AppointmentQuery {
        user: actor.id,
        side,
        timeframe,
        status: None,
        limit,
    };
    match state.use_cases.list_appointments.views(actor, query).await {
        Ok(found) => Ok(found),
        Err(ListAppointmentsError::Forbidden) => Ok(Vec::new()),
        Err(ListAppointmentsError::Store(e)) => Err(internal(&e, "listing appointments failed")),
    }
}

/// `GET /dashboard`: rendered by role; staff go to the admin area.
#[handler]
pub async fn dashboard(
    state: Data<&SharedState>,
    SignedIn {
        actor, mut layout, ..
    }: SignedIn,
    Query(query): Query<DashboardQuery>,
) -> PageResult {
    let language = language_of(&layout);
    let notice = match query.done.as_str() {
        "cancelled" => Some("h-book-done-cancelled"),
        "confirmed" => Some("h-book-done-confirmed"),
        "completed" => Some("h-book-done-completed"),
        "no_show" => Some("h-book-done-no-show"),
        _ => None,
    };
    if let Some(key) = notice {
        layout = layout.with_notice(say(&language, key));
    }
    let zone = zone_of(&state, &actor).await?;
    let shown = (zone, &language);
    let page = match actor.role {
        Role::Customer => customer(&state, &actor, shown).await?,
        Role::Provider => provider(&state, &actor, shown).await?,
        Role::Admin | Role::Support => return Ok(redirect("/admin")),
    };
    Ok(state
        .templates
        .respond(StatusCode::OK, "dashboard.html", &layout, &page))
}

async fn rows(
    state: &SharedState,
    actor: &Actor,
    views: &[AppointmentView],
    shown: (Zone, &Language),
) -> Result<Vec<AppointmentRow>, poem::Error> {
    let now = state.clock.now();
    let mut rows: Vec<_> = views
        .iter()
        .map(|view| AppointmentRow::new(view, actor, shown, now))
        .collect();
    mark_conflicts(state, actor, views, &mut rows).await?;
    Ok(rows)
}

async fn customer(
    state: &SharedState,
    actor: &Actor,
    shown: (Zone, &Language),
) -> Result<DashboardPage, poem::Error> {
    let upcoming = list(state, actor, Side::Customer, Timeframe::Upcoming, 100).await?;
    let past = list(state, actor, Side::Customer, Timeframe::Past, 30).await?;
    Ok(DashboardPage {
        role: "customer",
        zone: shown.0.name().to_owned(),
        upcoming: rows(state, actor, &upcoming, shown).await?,
        past: rows(state, actor, &past, shown).await?,
        today: Vec::new(),
        week: Vec::new(),
        week_span: None,
        week_hours: Vec::new(),
        closing_calendars: Vec::new(),
        classes: Vec::new(),
    })
}

/// How many days the provider's week view shows.
const WEEK_DAYS: i64 = 7;

async fn provider(
    state: &SharedState,
    actor: &Actor,
    shown: (Zone, &Language),
) -> Result<DashboardPage, poem::Error> {
    let (zone, language) = shown;
    let today = zone.date_of(state.clock.now());
    let day_start = |d: NaiveDate| zone.start_of_day(d);
    let end = today + TimeDelta::days(WEEK_DAYS);
    let window = TimeRange::new(day_start(today), day_start(end))
        .map_err(|e| internal(&e, "the week's window is empty"))?;
    let week = list(state, actor, Side::Provider, Timeframe::Within(window), 200).await?;
    let upcoming = list(state, actor, Side::Provider, Timeframe::Upcoming, 50).await?;
    let past = list(state, actor, Side::Provider, Timeframe::Past, 20).await?;
    let wall = |view: &AppointmentView| {
        let a = &view.appointment;
        let (start, end) = (a.session.start(), a.session.end());
        (zone.wall_clock(start).time(), zone.wall_clock(end).time())
    };
    let span = Span::covering(week.iter().map(wall));
    let mut columns = Vec::new();
    for n in 0..WEEK_DAYS {
        let date = today + TimeDelta::days(n);
        let on_day: Vec<AppointmentView> = week
            .iter()
            .filter(|view| zone.date_of(view.appointment.session.start()) == date)
            .cloned()
            .collect();
        let placed = rows(state, actor, &on_day, shown).await?;
        columns.push(DayColumn {
            label: present::day_in(language, date),
            date: date.to_string(),
            today: n == 0,
            appointments: on_day
                .iter()
                .zip(placed)
                .map(|(a, row)| {
                    let (start, end) = wall(a);
                    PlacedRow {
                        row,
                        place: span.place(start, end),
                    }
                })
                .collect(),
        });
    }
    let today_rows = columns
        .first()
        .map(|c| c.appointments.iter().map(|p| p.row.clone()).collect())
        .unwrap_or_default();
    // Calendars that close the slots: shown as a banner, so it is noticed the next visit.
    let closing_calendars = match state
        .use_cases
        .busy_calendars
        .list(actor, state.clock.now())
        .await
    {
        Ok(listed) => listed.closing,
        Err(e) => return Err(internal(&e, "listing busy calendars failed")),
    };
    let upcoming_rows = rows(state, actor, &upcoming, shown).await?;
    Ok(DashboardPage {
        closing_calendars,
        role: "provider",
        zone: zone.name().to_owned(),
        classes: class_groups(&upcoming, &upcoming_rows, language),
        upcoming: upcoming_rows,
        past: rows(state, actor, &past, shown).await?,
        today: today_rows,
        week: columns,
        week_hours: span.hour_labels(),
        week_span: Some(span),
    })
}

/// `GET /provider`: the provider's home is the role-aware dashboard.
#[handler]
pub fn provider_home() -> poem::Response {
    redirect("/dashboard")
}
