//! An admin rebuilds a provider's calendar from our data: sharing, then every recent and
//! upcoming appointment.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::{AppointmentId, UserId};

use crate::actor::Actor;
use crate::appointment_details::DetailsLoader;
use crate::calendar_feed::{MAX_ENTRIES, RECENT_DAYS};
use crate::ports::{
    AppointmentFilter, AppointmentStore, CalendarSync, Clock, DeliveryError, FeedAudience, Links,
    Period, RepoError, ServiceStore, UserStore,
};

/// What a re-sync did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ResyncReport {
    /// Appointments whose calendar entry now matches our data.
    pub applied: usize,
    /// Appointments the calendar service refused for good, with its error.
    pub refused: Vec<(AppointmentId, String)>,
}

/// Why the re-sync stopped.
#[derive(Debug, thiserror::Error)]
pub enum ResyncCalendarError {
    /// Only admins re-sync calendars.
    #[error("only admins re-sync calendars")]
    Forbidden,
    /// No such provider.
    #[error("no such provider")]
    UnknownProvider,
    /// The calendar service is unavailable; try again later. Entries already synced stay.
    #[error(transparent)]
    Calendar(#[from] DeliveryError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Re-applies a provider's appointments to their calendar. Safe to repeat: every adapter's
/// `apply` is idempotent.
pub struct ResyncCalendar {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    appointments: Arc<dyn AppointmentStore>,
    sync: Arc<dyn CalendarSync>,
    clock: Arc<dyn Clock>,
    links: Arc<dyn Links>,
}

impl ResyncCalendar {
    /// The use case over its ports; entries link to appointment pages by `links`.
    pub fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        appointments: Arc<dyn AppointmentStore>,
        sync: Arc<dyn CalendarSync>,
        clock: Arc<dyn Clock>,
        links: Arc<dyn Links>,
    ) -> Self {
        Self {
            users,
            services,
            appointments,
            sync,
            clock,
            links,
        }
    }

    /// Brings `provider`'s sharing in line, then applies each appointment from
    /// [`RECENT_DAYS`] ago on as it is now (cancelled ones are removed).
    ///
    /// # Errors
    /// See [`ResyncCalendarError`]; the first transient failure stops the run.
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, provider = %provider))]
    pub async fn run(
        &self,
        actor: &Actor,
        provider: UserId,
    ) -> Result<ResyncReport, ResyncCalendarError> {
        if !actor.is_admin() {
            return Err(ResyncCalendarError::Forbidden);
        }
        let user = self
            .users
            .by_id(provider)
            .await?
            .filter(|u| u.role == domain::Role::Provider)
            .ok_or(ResyncCalendarError::UnknownProvider)?;
        self.sync.provider_changed(&user).await?;
        let now = self.clock.now();
        let appointments = self
            .appointments
            .list(AppointmentFilter {
                customer: None,
                provider: Some(provider),
                period: Period::UpcomingAfter(now - TimeDelta::days(RECENT_DAYS)),
                status: None,
                limit: MAX_ENTRIES,
            })
            .await?;
        let mut loader = DetailsLoader::new(
            self.users.clone(),
            self.services.clone(),
            self.links.clone(),
        );
        let mut report = ResyncReport::default();
        for details in loader
            .entries(appointments, now, FeedAudience::Provider)
            .await?
        {
            match self.sync.apply(&details).await {
                Ok(()) => report.applied += 1,
                Err(DeliveryError::Permanent(e)) => {
                    report
                        .refused
                        .push((details.event.appointment.id, e.to_string()));
                }
                Err(transient) => return Err(transient.into()),
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::calendar::MockCalendarSync;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::AppointmentStatus;
    use uuid::Uuid;

    fn resync(sync: MockCalendarSync) -> ResyncCalendar {
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(|id| {
            Ok(Some(if id == user_id(20) {
                a_provider().build()
            } else {
                a_customer().build()
            }))
        });
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_list().returning(|_| {
            let mut cancelled = an_appointment()
                .with_status(AppointmentStatus::Cancelled)
                .build();
            cancelled.id = AppointmentId::from_uuid(Uuid::from_u128(901));
            Ok(vec![an_appointment().build(), cancelled])
        });
        ResyncCalendar::new(
            Arc::new(users),
            Arc::new(services),
            Arc::new(appointments),
            Arc::new(sync),
            clock_at(NOW),
            links_at("https://bys.example"),
        )
    }

    #[tokio::test]
    async fn a_resync_shares_then_applies_every_appointment_as_it_is_now() {
        let mut sync = MockCalendarSync::new();
        sync.expect_provider_changed()
            .times(1)
            .returning(|_| Ok(()));
        sync.expect_apply()
            .withf(|d| d.event.kind.as_str() == "booked")
            .times(1)
            .returning(|_| Ok(()));
        sync.expect_apply()
            .withf(|d| d.event.kind.as_str() == "cancelled")
            .times(1)
            .returning(|_| Ok(()));
        let report = resync(sync)
            .run(&an_admin().actor(), user_id(20))
            .await
            .unwrap();
        assert_eq!(report.applied, 2);
        assert!(report.refused.is_empty());
    }

    #[tokio::test]
    async fn refused_entries_are_reported_and_the_rest_still_synced() {
        let mut sync = MockCalendarSync::new();
        sync.expect_provider_changed().returning(|_| Ok(()));
        sync.expect_apply()
            .withf(|d| d.event.kind.as_str() == "booked")
            .returning(|_| Err(DeliveryError::Permanent("400 invalid".into())));
        sync.expect_apply().returning(|_| Ok(()));
        let report = resync(sync)
            .run(&an_admin().actor(), user_id(20))
            .await
            .unwrap();
        assert_eq!(report.applied, 1);
        assert_eq!(report.refused.len(), 1);
    }

    #[tokio::test]
    async fn a_calendar_outage_stops_the_resync_with_an_error() {
        let mut sync = MockCalendarSync::new();
        sync.expect_provider_changed()
            .returning(|_| Err(DeliveryError::Transient("503".into())));
        let result = resync(sync).run(&an_admin().actor(), user_id(20)).await;
        assert!(matches!(
            result,
            Err(ResyncCalendarError::Calendar(DeliveryError::Transient(_)))
        ));
    }
}
