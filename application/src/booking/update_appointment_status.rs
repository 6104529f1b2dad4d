//! The provider or staff confirm a requested appointment, or record that it took place or that
//! the customer did not come.

use std::sync::Arc;

use domain::{Appointment, AppointmentId, AppointmentStatus, LifecycleError, Party};

use crate::actor::Actor;
use crate::events::{AppointmentEvent, ChangeKind};
use crate::ports::{AppointmentStore, Clock, RepoError};

/// The step to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// Accept a requested booking.
    Confirm,
    /// The appointment took place (once it has started).
    Complete,
    /// The customer did not come (once it has started).
    NoShow,
}

impl StatusChange {
    const fn target(self) -> AppointmentStatus {
        match self {
            Self::Confirm => AppointmentStatus::Confirmed,
            Self::Complete => AppointmentStatus::Completed,
            Self::NoShow => AppointmentStatus::NoShow,
        }
    }
}

/// Why the status was not changed.
#[derive(Debug, thiserror::Error)]
pub enum UpdateAppointmentStatusError {
    /// Not the appointment's provider nor staff (customers cannot confirm or close).
    #[error("you may not change the status of this appointment")]
    Forbidden,
    /// No such appointment.
    #[error("no such appointment")]
    NotFound,
    /// A lifecycle rule refused (closed already, not started yet).
    #[error(transparent)]
    Rejected(#[from] LifecycleError),
    /// Someone changed the appointment meanwhile; reload and try again.
    #[error("the appointment was changed meanwhile, please try again")]
    ChangedMeanwhile,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Moves appointments through confirmation, completion and no-show, recording each event.
pub struct UpdateAppointmentStatus {
    appointments: Arc<dyn AppointmentStore>,
    clock: Arc<dyn Clock>,
}

impl UpdateAppointmentStatus {
    /// The use case over its ports.
    pub fn new(appointments: Arc<dyn AppointmentStore>, clock: Arc<dyn Clock>) -> Self {
        Self {
            appointments,
            clock,
        }
    }

    /// Applies `change` to appointment `id`. Asking for the status it already has succeeds and
    /// changes nothing (a repeated click).
    ///
    /// # Errors
    /// See [`UpdateAppointmentStatusError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
        change: StatusChange,
    ) -> Result<Appointment, UpdateAppointmentStatusError> {
        let mut appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(UpdateAppointmentStatusError::NotFound)?;
        match actor.changing_party(&appointment) {
            Some(Party::Provider | Party::Staff) => {}
            Some(Party::Customer) | None => return Err(UpdateAppointmentStatusError::Forbidden),
        }
        if appointment.status == change.target() {
            return Ok(appointment);
        }
        let now = self.clock.now();
        let expected = appointment.revision;
        let kind = match change {
            StatusChange::Confirm => {
                appointment.confirm()?;
                ChangeKind::Confirmed
            }
            StatusChange::Complete => {
                appointment.complete(now)?;
                ChangeKind::Completed
            }
            StatusChange::NoShow => {
                appointment.mark_no_show(now)?;
                ChangeKind::NoShow
            }
        };
        let event = AppointmentEvent::new(kind, &appointment, now);
        self.appointments
            .update(&appointment, expected, &event)
            .await
            .map_err(|e| match e {
                RepoError::Stale => UpdateAppointmentStatusError::ChangedMeanwhile,
                RepoError::NotFound => UpdateAppointmentStatusError::NotFound,
                other => other.into(),
            })?;
        Ok(appointment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::test_support::*;

    fn storing(appointment: Appointment) -> MockAppointmentStore {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_by_id()
            .returning(move |_| Ok(Some(appointment.clone())));
        appointments
    }

    fn use_case(appointments: MockAppointmentStore, now: &str) -> UpdateAppointmentStatus {
        UpdateAppointmentStatus::new(Arc::new(appointments), clock_at(now))
    }

    fn requested() -> Appointment {
        an_appointment()
            .with_status(AppointmentStatus::Requested)
            .build()
    }

    /// Half an hour into `an_appointment()`.
    const DURING: &str = "2026-06-03T10:30:00Z";

    #[tokio::test]
    async fn the_provider_confirms_a_requested_appointment() {
        let mut appointments = storing(requested());
        appointments
            .expect_update()
            .withf(|a, expected, e| {
                a.status == AppointmentStatus::Confirmed
                    && *expected == 3
                    && e.kind == ChangeKind::Confirmed
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        use_case(appointments, NOW)
            .run(&a_provider().actor(), requested().id, StatusChange::Confirm)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn confirming_a_confirmed_appointment_succeeds_without_writing() {
        let mut appointments = storing(an_appointment().build());
        appointments.expect_update().never();
        let result = use_case(appointments, NOW)
            .run(
                &a_provider().actor(),
                an_appointment().build().id,
                StatusChange::Confirm,
            )
            .await;
        assert_eq!(result.unwrap().status, AppointmentStatus::Confirmed);
    }

    #[tokio::test]
    async fn the_customer_cannot_confirm_their_own_booking() {
        let mut appointments = storing(requested());
        appointments.expect_update().never();
        let result = use_case(appointments, NOW)
            .run(&a_customer().actor(), requested().id, StatusChange::Confirm)
            .await;
        assert!(matches!(
            result,
            Err(UpdateAppointmentStatusError::Forbidden)
        ));
    }

    #[tokio::test]
    async fn another_provider_cannot_close_the_appointment() {
        let result = use_case(storing(an_appointment().build()), DURING)
            .run(
                &another_provider().actor(),
                an_appointment().build().id,
                StatusChange::Complete,
            )
            .await;
        assert!(matches!(
            result,
            Err(UpdateAppointmentStatusError::Forbidden)
        ));
    }

    #[tokio::test]
    async fn the_provider_records_completion_once_it_has_started() {
        let mut appointments = storing(an_appointment().build());
        appointments
            .expect_update()
            .withf(|_, _, e| e.kind == ChangeKind::Completed)
            .times(1)
            .returning(|_, _, _| Ok(()));
        let done = use_case(appointments, DURING)
            .run(
                &a_provider().actor(),
                an_appointment().build().id,
                StatusChange::Complete,
            )
            .await
            .unwrap();
        assert_eq!(done.status, AppointmentStatus::Completed);
    }

    #[tokio::test]
    async fn completion_before_the_start_is_refused() {
        let result = use_case(storing(an_appointment().build()), NOW)
            .run(
                &a_provider().actor(),
                an_appointment().build().id,
                StatusChange::Complete,
            )
            .await;
        assert!(matches!(
            result,
            Err(UpdateAppointmentStatusError::Rejected(
                LifecycleError::NotStarted
            ))
        ));
    }

    #[tokio::test]
    async fn staff_record_a_no_show() {
        let past = an_appointment().starting("2026-05-30T10:00:00Z").build();
        let mut appointments = storing(past.clone());
        appointments
            .expect_update()
            .withf(|_, _, e| e.kind == ChangeKind::NoShow)
            .times(1)
            .returning(|_, _, _| Ok(()));
        let marked = use_case(appointments, NOW)
            .run(&an_admin().actor(), past.id, StatusChange::NoShow)
            .await
            .unwrap();
        assert_eq!(marked.status, AppointmentStatus::NoShow);
    }

    #[tokio::test]
    async fn support_staff_cannot_change_the_status() {
        let past = an_appointment().starting("2026-05-30T10:00:00Z").build();
        let mut appointments = storing(past.clone());
        appointments.expect_update().never();
        let result = use_case(appointments, NOW)
            .run(&a_support_agent().actor(), past.id, StatusChange::NoShow)
            .await;
        assert!(matches!(
            result,
            Err(UpdateAppointmentStatusError::Forbidden)
        ));
    }

    #[tokio::test]
    async fn a_concurrent_change_is_reported_as_changed_meanwhile() {
        let mut appointments = storing(requested());
        appointments
            .expect_update()
            .returning(|_, _, _| Err(RepoError::Stale));
        let result = use_case(appointments, NOW)
            .run(&a_provider().actor(), requested().id, StatusChange::Confirm)
            .await;
        assert!(matches!(
            result,
            Err(UpdateAppointmentStatusError::ChangedMeanwhile)
        ));
    }
}
