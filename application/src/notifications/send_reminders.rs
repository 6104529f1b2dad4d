//! Records reminders for confirmed appointments that start soon; the delivery worker mails them.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::TimeRange;

use crate::events::{AppointmentEvent, ChangeKind};
use crate::ports::{AppointmentStore, Clock, RepoError};

/// Finds confirmed appointments starting within the lead time and records one
/// [`ChangeKind::Reminder`] each. The store records a reminder once per session start and only
/// for a still-confirmed appointment, so running this often, or on several instances at once,
/// sends each reminder once and never one for a cancelled appointment.
pub struct SendReminders {
    appointments: Arc<dyn AppointmentStore>,
    clock: Arc<dyn Clock>,
    lead: TimeDelta,
    batch: u32,
}

impl SendReminders {
    /// Reminds `lead` ahead (e.g. 24 hours), handling at most `batch` appointments per run.
    pub fn new(
        appointments: Arc<dyn AppointmentStore>,
        clock: Arc<dyn Clock>,
        lead: TimeDelta,
        batch: u32,
    ) -> Self {
        Self {
            appointments,
            clock,
            lead,
            batch,
        }
    }

    /// Records the reminders due now; returns how many it recorded.
    ///
    /// # Errors
    /// [`RepoError`] from the store.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<usize, RepoError> {
        let now = self.clock.now();
        let Ok(window) = TimeRange::starting_at(now, self.lead) else {
            return Ok(0); // a lead time of zero reminds of nothing
        };
        let due = self.appointments.due_reminders(window, self.batch).await?;
        let mut recorded = 0;
        for appointment in &due {
            let event = AppointmentEvent::new(ChangeKind::Reminder, appointment, now);
            if self.appointments.record_reminder(&event).await? {
                recorded += 1;
            }
        }
        Ok(recorded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::test_support::*;
    use domain::{Appointment, AppointmentId, AppointmentStatus};
    use uuid::Uuid;

    fn appointment(n: u128, start: &str) -> Appointment {
        let session = TimeRange::starting_at(utc(start), TimeDelta::hours(1)).unwrap();
        Appointment {
            id: AppointmentId::from_uuid(Uuid::from_u128(n)),
            service: a_service().build().id,
            provider: a_provider().build().id,
            customer: a_customer().build().id,
            session,
            blocked: session,
            status: AppointmentStatus::Confirmed,
            note: None,
            created_at: utc("2026-05-01T00:00:00Z"),
            revision: 2,
            reschedules: Vec::new(),
            cancellation: None,
            series: None,
        }
    }

    fn use_case(store: MockAppointmentStore) -> SendReminders {
        SendReminders::new(Arc::new(store), clock_at(NOW), TimeDelta::hours(24), 50)
    }

    #[tokio::test]
    async fn reminders_are_recorded_for_appointments_starting_within_the_lead_time() {
        let mut store = MockAppointmentStore::new();
        store
            .expect_due_reminders()
            .withf(|window, limit| {
                window.start() == utc(NOW)
                    && window.end() == utc("2026-06-02T08:00:00Z")
                    && *limit == 50
            })
            .times(1)
            .returning(|_, _| Ok(vec![appointment(1, "2026-06-01T12:00:00Z")]));
        store
            .expect_record_reminder()
            .withf(|e| {
                e.kind == ChangeKind::Reminder
                    && e.appointment == appointment(1, "2026-06-01T12:00:00Z")
                    && e.at == utc(NOW)
            })
            .times(1)
            .returning(|_| Ok(true));
        assert_eq!(use_case(store).run().await.unwrap(), 1);
    }

    #[tokio::test]
    async fn a_reminder_the_store_already_has_is_not_counted() {
        let mut store = MockAppointmentStore::new();
        store.expect_due_reminders().returning(|_, _| {
            Ok(vec![
                appointment(1, "2026-06-01T12:00:00Z"),
                appointment(2, "2026-06-01T13:00:00Z"),
            ])
        });
        store
            .expect_record_reminder()
            .times(2)
            .returning(|e| Ok(e.appointment.id == AppointmentId::from_uuid(Uuid::from_u128(2))));
        assert_eq!(use_case(store).run().await.unwrap(), 1);
    }
}
