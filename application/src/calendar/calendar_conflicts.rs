//! Which appointments clash with busy time read from their provider's own calendars.
//!
//! A booking is checked against the busy time known at that moment. An event added in the
//! provider's calendar just before (not read yet) or after the booking does not cancel it: the
//! booking stands, and the provider sees it marked as a conflict once the sync has stored the
//! overlapping interval, until either side moves. The marker is worked out on read from the
//! stored intervals, so it follows every change of them (an event moved away removes it) and
//! needs no stored state.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use domain::{Appointment, AppointmentId, TimeRange, UserId};

use crate::actor::Actor;
use crate::ports::{BusyTimeStore, RepoError};

/// Finds the appointments that overlap their provider's external busy time.
pub struct CalendarConflicts {
    store: Arc<dyn BusyTimeStore>,
}

impl CalendarConflicts {
    /// The use case over the stored busy time.
    pub fn new(store: Arc<dyn BusyTimeStore>) -> Self {
        Self { store }
    }

    /// The ids of those of `appointments` (active ones only) whose session overlaps an
    /// interval of their provider's own calendars. Only the provider and staff learn about it:
    /// for anyone else (a customer) the answer is empty, since it tells about the provider's
    /// private calendar.
    ///
    /// # Errors
    /// When the store fails.
    #[tracing::instrument(skip_all, fields(actor = %actor.id))]
    pub async fn among(
        &self,
        actor: &Actor,
        appointments: &[Appointment],
    ) -> Result<HashSet<AppointmentId>, RepoError> {
        let mut by_provider: BTreeMap<UserId, Vec<&Appointment>> = BTreeMap::new();
        for a in appointments {
            if a.status.is_active() && (a.provider == actor.id || actor.is_staff()) {
                by_provider.entry(a.provider).or_default().push(a);
            }
        }
        let mut conflicts = HashSet::new();
        for (provider, mine) in by_provider {
            let Some(envelope) = envelope(&mine) else {
                continue;
            };
            let busy = self.store.busy(provider, envelope).await?;
            conflicts.extend(
                mine.iter()
                    .filter(|a| busy.iter().any(|b| b.overlaps(&a.session)))
                    .map(|a| a.id),
            );
        }
        Ok(conflicts)
    }
}

/// The smallest range holding every session of `appointments`.
fn envelope(appointments: &[&Appointment]) -> Option<TimeRange> {
    let start = appointments.iter().map(|a| a.session.start()).min()?;
    let end = appointments.iter().map(|a| a.session.end()).max()?;
    TimeRange::new(start, end).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::busy_time::MockBusyTimeStore;
    use crate::test_support::*;
    use domain::AppointmentStatus;

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    /// A store holding one external event, 10:30–11:00 on 2026-06-02.
    fn dentist() -> CalendarConflicts {
        let mut store = MockBusyTimeStore::new();
        store
            .expect_busy()
            .returning(|_, _| Ok(vec![range("2026-06-02T10:30:00Z", "2026-06-02T11:00:00Z")]));
        CalendarConflicts::new(Arc::new(store))
    }

    fn at(id: u128, start: &str, end: &str) -> Appointment {
        let mut a = an_appointment().build();
        a.id = AppointmentId::from_uuid(uuid::Uuid::from_u128(id));
        a.session = range(start, end);
        a.blocked = a.session;
        a
    }

    #[tokio::test]
    async fn the_provider_sees_which_active_appointments_overlap_their_calendar() {
        let overlapping = at(1, "2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z");
        let touching = at(2, "2026-06-02T11:00:00Z", "2026-06-02T12:00:00Z");
        let mut cancelled = at(3, "2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z");
        cancelled.status = AppointmentStatus::Cancelled;
        let found = dentist()
            .among(
                &a_provider().actor(),
                &[overlapping.clone(), touching, cancelled],
            )
            .await
            .unwrap();
        assert_eq!(found, HashSet::from([overlapping.id]));
    }

    #[tokio::test]
    async fn a_customer_never_learns_about_the_providers_calendar() {
        let mut store = MockBusyTimeStore::new();
        store.expect_busy().never();
        let found = CalendarConflicts::new(Arc::new(store))
            .among(
                &a_customer().actor(),
                &[at(1, "2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z")],
            )
            .await
            .unwrap();
        assert!(found.is_empty());
    }
}
