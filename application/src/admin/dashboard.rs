//! The admin dashboard: how big the marketplace is and what needs attention.

use std::sync::Arc;

use chrono::{Datelike, TimeDelta, Utc};
use domain::{AppointmentStatus, Role, TimeRange};

use super::{AdminError, staff_only};
use crate::actor::Actor;
use crate::list_calendars::{ListCalendars, ListCalendarsError};
use crate::ports::{
    AppointmentQuery, AppointmentStore, CatalogQuery, Clock, DeliveryQueue, PageRequest,
    ServiceStore, UserQuery, UserStore,
};

/// The most failed deliveries the dashboard counts.
const FAILED_DELIVERIES_COUNTED: u32 = 1000;

/// The dashboard's numbers. Days and weeks are UTC; weeks start on Monday.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dashboard {
    /// Provider accounts (active or not).
    pub providers: u64,
    /// Customer accounts (active or not).
    pub customers: u64,
    /// Active services.
    pub services: u64,
    /// Appointments starting today.
    pub bookings_today: u64,
    /// Appointments starting this week.
    pub bookings_this_week: u64,
    /// Cancelled appointments, ever.
    pub cancellations: u64,
    /// Deliveries given up on (up to a thousand).
    pub failed_deliveries: usize,
    /// Provider calendars whose last sync failed.
    pub calendar_errors: usize,
}

/// Computes the dashboard.
pub struct AdminDashboard {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    appointments: Arc<dyn AppointmentStore>,
    deliveries: Arc<dyn DeliveryQueue>,
    calendars: ListCalendars,
    clock: Arc<dyn Clock>,
}

impl AdminDashboard {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        appointments: Arc<dyn AppointmentStore>,
        deliveries: Arc<dyn DeliveryQueue>,
        calendars: ListCalendars,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            services,
            appointments,
            deliveries,
            calendars,
            clock,
        }
    }

    async fn users_with(&self, role: Role) -> Result<u64, AdminError> {
        let query = UserQuery {
            role: Some(role),
            page: PageRequest::new(1, 1),
            ..UserQuery::default()
        };
        Ok(self.users.list(&query).await?.total)
    }

    async fn appointments_where(&self, query: AppointmentQuery) -> Result<u64, AdminError> {
        let query = AppointmentQuery {
            page: PageRequest::new(1, 1),
            ..query
        };
        Ok(self.appointments.search(&query).await?.total)
    }

    /// The numbers, now.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn run(&self, actor: &Actor) -> Result<Dashboard, AdminError> {
        staff_only(actor)?;
        let now = self.clock.now();
        let today = now
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc();
        let monday = today - TimeDelta::days(i64::from(now.weekday().num_days_from_monday()));
        let range = |start: chrono::DateTime<Utc>, days: i64| {
            TimeRange::new(start, start + TimeDelta::days(days)).ok()
        };
        let calendar_errors = match self.calendars.run(actor).await {
            Ok(list) => list
                .iter()
                .filter(|c| c.calendar.last_error.is_some())
                .count(),
            Err(ListCalendarsError::Forbidden) => return Err(AdminError::Forbidden),
            Err(ListCalendarsError::Store(e)) => return Err(e.into()),
        };
        Ok(Dashboard {
            providers: self.users_with(Role::Provider).await?,
            customers: self.users_with(Role::Customer).await?,
            services: self
                .services
                .catalog(&CatalogQuery {
                    active: Some(true),
                    page: PageRequest::new(1, 1),
                    ..CatalogQuery::default()
                })
                .await?
                .total,
            bookings_today: self
                .appointments_where(AppointmentQuery {
                    starting: range(today, 1),
                    ..AppointmentQuery::default()
                })
                .await?,
            bookings_this_week: self
                .appointments_where(AppointmentQuery {
                    starting: range(monday, 7),
                    ..AppointmentQuery::default()
                })
                .await?,
            cancellations: self
                .appointments_where(AppointmentQuery {
                    status: Some(AppointmentStatus::Cancelled),
                    ..AppointmentQuery::default()
                })
                .await?,
            failed_deliveries: self
                .deliveries
                .failed(FAILED_DELIVERIES_COUNTED)
                .await?
                .len(),
            calendar_errors,
        })
    }
}
