//! The customer, the provider or staff move an appointment to another free time.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{Appointment, AppointmentId, BookingRejection, BusyTimes, LifecycleError};

use crate::actor::Actor;
use crate::bookable::Bookable;
use crate::events::{AppointmentEvent, ChangeKind};
use crate::external_busy::ExternalBusy;
use crate::ports::{AppointmentStore, Clock, RepoError, ScheduleStore, ServiceStore, UserStore};

/// Why the appointment was not moved.
#[derive(Debug, thiserror::Error)]
pub enum RescheduleAppointmentError {
    /// Neither its customer, nor its provider, nor staff.
    #[error("you may not move this appointment")]
    Forbidden,
    /// No such appointment.
    #[error("no such appointment")]
    NotFound,
    /// A lifecycle or booking rule refused; a slot taken meanwhile is
    /// `Rejected(LifecycleError::Rejected(BookingRejection::SlotTaken))`, whether the check here
    /// or the store's no-overlap guarantee caught it.
    #[error(transparent)]
    Rejected(#[from] LifecycleError),
    /// Someone changed the appointment meanwhile; reload and try again.
    #[error("the appointment was changed meanwhile, please try again")]
    ChangedMeanwhile,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

impl From<BookingRejection> for RescheduleAppointmentError {
    fn from(rejection: BookingRejection) -> Self {
        Self::Rejected(LifecycleError::Rejected(rejection))
    }
}

/// Moves appointments under the same rules as booking, keeping the old time in the history.
pub struct RescheduleAppointment {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    schedules: Arc<dyn ScheduleStore>,
    appointments: Arc<dyn AppointmentStore>,
    external: ExternalBusy,
    clock: Arc<dyn Clock>,
}

impl RescheduleAppointment {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        schedules: Arc<dyn ScheduleStore>,
        appointments: Arc<dyn AppointmentStore>,
        external: ExternalBusy,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            services,
            schedules,
            appointments,
            external,
            clock,
        }
    }

    /// Moves appointment `id` to `start` on behalf of `actor`. Moving an active appointment to
    /// the start it already has succeeds and changes nothing (a repeated request).
    ///
    /// # Errors
    /// See [`RescheduleAppointmentError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
        start: DateTime<Utc>,
    ) -> Result<Appointment, RescheduleAppointmentError> {
        let mut appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(RescheduleAppointmentError::NotFound)?;
        let party = actor
            .changing_party(&appointment)
            .ok_or(RescheduleAppointmentError::Forbidden)?;
        if appointment.status.is_active() && appointment.session.start() == start {
            return Ok(appointment);
        }
        let bookable = Bookable::load(
            &self.services,
            &self.users,
            &self.schedules,
            appointment.service,
        )
        .await?
        .filter(Bookable::is_open)
        .ok_or(BookingRejection::Unavailable)?;
        if bookable.service.capacity.is_class() {
            return Err(BookingRejection::OneClassAtATime.into());
        }
        let offer = bookable.offer();
        let blocked = offer.timing.blocked(start);
        let mut busy = self
            .appointments
            .busy(appointment.provider, blocked)
            .await?;
        // The appointment does not block its own move.
        if let Some(own) = busy.iter().position(|b| *b == appointment.blocked) {
            busy.swap_remove(own);
        }
        // Nor may it move onto time the provider's own calendars block.
        busy.extend(
            self.external
                .blocking(appointment.provider, blocked, self.clock.now())
                .await?,
        );
        let now = self.clock.now();
        let expected = appointment.revision;
        let from = appointment.session;
        appointment.reschedule(party, start, &offer, &BusyTimes::new(busy), now)?;
        let event = AppointmentEvent::new(ChangeKind::Rescheduled { from }, &appointment, now);
        self.appointments
            .update(&appointment, expected, &event)
            .await
            .map_err(|e| match e {
                RepoError::Stale => RescheduleAppointmentError::ChangedMeanwhile,
                RepoError::Conflict => BookingRejection::SlotTaken.into(),
                RepoError::NotFound => RescheduleAppointmentError::NotFound,
                other @ (RepoError::Backend(_) | RepoError::Unavailable(_)) => other.into(),
            })?;
        Ok(appointment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::busy_time::MockBusyTimeStore;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::{BookingPolicy, Party, Service, SlotStep, TimeRange};

    struct Ports {
        users: MockUserStore,
        services: MockServiceStore,
        schedules: MockScheduleStore,
        appointments: MockAppointmentStore,
        external: MockBusyTimeStore,
    }

    /// `an_appointment()` (Wednesday 10:00–11:00) stored; the provider is open 09:00–17:00
    /// with a 24-hour cut-off and nothing else booked.
    fn storing(appointment: Appointment) -> Ports {
        ports(appointment, a_service().build())
    }

    fn ports(appointment: Appointment, service: Service) -> Ports {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(move |_| Ok(Some(service.clone())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_by_id()
            .returning(move |_| Ok(Some(appointment.clone())));
        Ports {
            users,
            services,
            schedules,
            appointments,
            external: nothing_external(),
        }
    }

    fn busy_with(mut p: Ports, ranges: Vec<TimeRange>) -> Ports {
        p.appointments
            .expect_busy()
            .returning(move |_, _| Ok(ranges.clone()));
        p
    }

    fn use_case(p: Ports, now: &str) -> RescheduleAppointment {
        RescheduleAppointment::new(
            Arc::new(p.users),
            Arc::new(p.services),
            Arc::new(p.schedules),
            Arc::new(p.appointments),
            ExternalBusy::new(Arc::new(p.external)),
            clock_at(now),
        )
    }

    fn id() -> AppointmentId {
        an_appointment().build().id
    }

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    #[tokio::test]
    async fn a_seat_in_a_class_is_not_moved() {
        let mut p = ports(
            an_appointment().build(),
            a_service().with_capacity(12).build(),
        );
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(RescheduleAppointmentError::Rejected(
                LifecycleError::Rejected(BookingRejection::OneClassAtATime)
            ))
        ));
    }

    #[tokio::test]
    async fn a_customer_moves_their_appointment_and_the_event_keeps_the_old_time() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.appointments
            .expect_update()
            .withf(|a, expected, event| {
                *expected == 3
                    && a.session.start() == utc("2026-06-04T14:00:00Z")
                    && event.kind
                        == ChangeKind::Rescheduled {
                            from: an_appointment().build().session,
                        }
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let moved = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await
            .unwrap();
        assert_eq!(moved.reschedules.len(), 1);
        assert_eq!(moved.reschedules[0].by, Party::Customer);
    }

    #[tokio::test]
    async fn the_appointments_own_time_does_not_block_a_move_that_overlaps_it() {
        let half_hourly =
            BookingPolicy::new(60, 60, SlotStep::from_minutes(30).ok(), 0, true).unwrap();
        let appointment = an_appointment().build();
        let mut p = ports(
            appointment.clone(),
            a_service().with_policy(half_hourly).build(),
        );
        p = busy_with(p, vec![appointment.blocked]);
        p.appointments
            .expect_update()
            .times(1)
            .returning(|_, _, _| Ok(()));
        let moved = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-03T10:30:00Z"))
            .await
            .unwrap();
        assert_eq!(moved.session.start(), utc("2026-06-03T10:30:00Z"));
    }

    #[tokio::test]
    async fn a_time_booked_by_someone_else_is_refused_before_writing() {
        let mut p = busy_with(
            storing(an_appointment().build()),
            vec![range("2026-06-04T14:00:00Z", "2026-06-04T15:00:00Z")],
        );
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(RescheduleAppointmentError::Rejected(
                LifecycleError::Rejected(BookingRejection::SlotTaken)
            ))
        ));
    }

    #[tokio::test]
    async fn a_move_onto_an_event_of_the_providers_own_calendar_is_refused() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.external = MockBusyTimeStore::new();
        p.external
            .expect_sources()
            .returning(|_| Ok(vec![fresh_source()]));
        p.external
            .expect_busy()
            .returning(|_, _| Ok(vec![range("2026-06-04T14:30:00Z", "2026-06-04T16:00:00Z")]));
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(RescheduleAppointmentError::Rejected(
                LifecycleError::Rejected(BookingRejection::SlotTaken)
            ))
        ));
    }

    #[tokio::test]
    async fn losing_the_race_in_the_store_is_reported_as_slot_taken() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.appointments
            .expect_update()
            .returning(|_, _, _| Err(RepoError::Conflict));
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(RescheduleAppointmentError::Rejected(
                LifecycleError::Rejected(BookingRejection::SlotTaken)
            ))
        ));
    }

    #[tokio::test]
    async fn a_concurrent_change_is_reported_as_changed_meanwhile() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.appointments
            .expect_update()
            .returning(|_, _, _| Err(RepoError::Stale));
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(RescheduleAppointmentError::ChangedMeanwhile)
        ));
    }

    #[tokio::test]
    async fn a_customer_cannot_move_another_customers_appointment() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(
                &another_customer().actor(),
                id(),
                utc("2026-06-04T14:00:00Z"),
            )
            .await;
        assert!(matches!(result, Err(RescheduleAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn a_customer_cannot_move_it_after_the_cutoff() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.appointments.expect_update().never();
        let result = use_case(p, "2026-06-02T11:00:00Z")
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(RescheduleAppointmentError::Rejected(
                LifecycleError::TooLateToChange { hours: 24 }
            ))
        ));
    }

    #[tokio::test]
    async fn staff_moves_are_recorded_as_staff() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.appointments.expect_update().returning(|_, _, _| Ok(()));
        let moved = use_case(p, NOW)
            .run(&an_admin().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await
            .unwrap();
        assert_eq!(moved.reschedules[0].by, Party::Staff);
    }

    #[tokio::test]
    async fn support_staff_cannot_move_an_appointment() {
        let mut p = busy_with(storing(an_appointment().build()), vec![]);
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(
                &a_support_agent().actor(),
                id(),
                utc("2026-06-04T14:00:00Z"),
            )
            .await;
        assert!(matches!(result, Err(RescheduleAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn moving_to_the_current_start_succeeds_without_writing() {
        let mut p = storing(an_appointment().build());
        p.appointments.expect_busy().never();
        p.appointments.expect_update().never();
        let same = use_case(p, NOW)
            .run(
                &a_customer().actor(),
                id(),
                an_appointment().build().session.start(),
            )
            .await
            .unwrap();
        assert_eq!(same, an_appointment().build());
    }

    #[tokio::test]
    async fn an_appointment_of_a_deactivated_service_cannot_be_moved() {
        let mut p = ports(an_appointment().build(), a_service().inactive().build());
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), utc("2026-06-04T14:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(RescheduleAppointmentError::Rejected(
                LifecycleError::Rejected(BookingRejection::Unavailable)
            ))
        ));
    }
}
