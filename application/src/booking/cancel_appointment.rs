//! The customer, the provider or staff call an appointment off.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::{
    Appointment, AppointmentId, AppointmentStatus, LifecycleError, Note, Occurrence, Party,
};

use crate::actor::Actor;
use crate::events::{AppointmentEvent, ChangeKind};
use crate::ports::{AppointmentStore, Clock, RepoError, ScheduleStore, SeriesChange, ServiceStore};

/// Why the appointment was not cancelled.
#[derive(Debug, thiserror::Error)]
pub enum CancelAppointmentError {
    /// Neither its customer, nor its provider, nor staff.
    #[error("you may not cancel this appointment")]
    Forbidden,
    /// No such appointment.
    #[error("no such appointment")]
    NotFound,
    /// A lifecycle rule refused (already over, started, past the customer's cut-off).
    #[error(transparent)]
    Rejected(#[from] LifecycleError),
    /// Someone changed the appointment meanwhile; reload and try again.
    #[error("the appointment was changed meanwhile, please try again")]
    ChangedMeanwhile,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Cancels appointments, recording the `Cancelled` event with the change.
#[derive(Clone)]
pub struct CancelAppointment {
    services: Arc<dyn ServiceStore>,
    schedules: Arc<dyn ScheduleStore>,
    appointments: Arc<dyn AppointmentStore>,
    clock: Arc<dyn Clock>,
}

impl CancelAppointment {
    /// The use case over its ports.
    pub fn new(
        services: Arc<dyn ServiceStore>,
        schedules: Arc<dyn ScheduleStore>,
        appointments: Arc<dyn AppointmentStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            services,
            schedules,
            appointments,
            clock,
        }
    }

    /// Cancels appointment `id` on behalf of `actor`, with an optional `reason`. Cancelling an
    /// appointment that is already cancelled succeeds and changes nothing (a repeated click).
    ///
    /// # Errors
    /// See [`CancelAppointmentError`].
    #[tracing::instrument(skip(self, actor, reason), fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
        reason: Option<Note>,
    ) -> Result<Appointment, CancelAppointmentError> {
        let mut appointment = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(CancelAppointmentError::NotFound)?;
        let party = actor
            .party_in(&appointment)
            .ok_or(CancelAppointmentError::Forbidden)?;
        if appointment.status == AppointmentStatus::Cancelled {
            return Ok(appointment);
        }
        let cutoff = self.cutoff_for(party, &appointment).await?;
        cancel_as(
            &*self.appointments,
            &mut appointment,
            party,
            reason,
            cutoff,
            self.clock.now(),
        )
        .await?;
        Ok(appointment)
    }

    /// Cancels appointment `id` and every later occurrence of its series that still holds its
    /// time, in one transaction, each with its own `Cancelled` event (and so its own notices).
    /// For an appointment outside a series this is [`CancelAppointment::run`]. Returns the
    /// occurrences it cancelled, in order.
    ///
    /// # Errors
    /// As [`CancelAppointment::run`]; a lifecycle rule refusing any of the occurrences cancels
    /// none of them.
    #[tracing::instrument(skip(self, actor, reason), fields(actor = %actor.id, appointment = %id))]
    pub async fn run_this_and_following(
        &self,
        actor: &Actor,
        id: AppointmentId,
        reason: Option<Note>,
    ) -> Result<Vec<Appointment>, CancelAppointmentError> {
        let chosen = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(CancelAppointmentError::NotFound)?;
        let party = actor
            .party_in(&chosen)
            .ok_or(CancelAppointmentError::Forbidden)?;
        let Some(series) = chosen.series else {
            let cancelled = self.run(actor, id, reason).await?;
            return Ok(vec![cancelled]);
        };
        let cutoff = self.cutoff_for(party, &chosen).await?;
        let following = self
            .appointments
            .series(series)
            .await?
            .into_iter()
            .filter(|o| o.session.start() >= chosen.session.start() && o.status.is_active());
        self.cancel_together(following, party, reason, cutoff).await
    }

    /// The provider (or staff) calls off the whole class occurrence appointment `id` is a seat
    /// of: every active seat is cancelled in one transaction, each with its own `Cancelled`
    /// event, so every attendee gets the usual notices. For an appointment that is no seat this
    /// is [`CancelAppointment::run`]. Returns the seats it cancelled, in booking order.
    ///
    /// # Errors
    /// [`CancelAppointmentError::Forbidden`] for the customer of a seat (they cancel their own
    /// seat with [`CancelAppointment::run`]), otherwise as [`CancelAppointment::run`]; a rule
    /// refusing any seat cancels none.
    #[tracing::instrument(skip(self, actor, reason), fields(actor = %actor.id, appointment = %id))]
    pub async fn run_occurrence(
        &self,
        actor: &Actor,
        id: AppointmentId,
        reason: Option<Note>,
    ) -> Result<Vec<Appointment>, CancelAppointmentError> {
        let chosen = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(CancelAppointmentError::NotFound)?;
        let party = actor
            .party_in(&chosen)
            .filter(|party| *party != Party::Customer)
            .ok_or(CancelAppointmentError::Forbidden)?;
        let seats = self.appointments.seats(Occurrence::of(&chosen)).await?;
        if !seats.iter().any(|seat| seat.id == chosen.id) {
            return Ok(vec![self.run(actor, id, reason).await?]);
        }
        self.cancel_together(seats, party, reason, TimeDelta::zero())
            .await
    }

    /// Cancels `appointments` by `party` in one transaction, each with its own `Cancelled`
    /// event; a rule refusing any of them cancels none.
    async fn cancel_together(
        &self,
        appointments: impl IntoIterator<Item = Appointment>,
        party: Party,
        reason: Option<Note>,
        cutoff: TimeDelta,
    ) -> Result<Vec<Appointment>, CancelAppointmentError> {
        let now = self.clock.now();
        let mut changes = Vec::new();
        for mut appointment in appointments {
            let expected_revision = appointment.revision;
            appointment.cancel(party, reason.clone(), cutoff, now)?;
            let event = AppointmentEvent::new(
                ChangeKind::Cancelled {
                    by: party,
                    reason: reason.clone(),
                },
                &appointment,
                now,
            );
            changes.push(SeriesChange {
                appointment,
                expected_revision,
                event,
            });
        }
        self.appointments
            .update_series(&changes)
            .await
            .map_err(|e| match e {
                RepoError::Stale | RepoError::NotFound => CancelAppointmentError::ChangedMeanwhile,
                other => other.into(),
            })?;
        Ok(changes.into_iter().map(|c| c.appointment).collect())
    }

    /// The change cut-off that binds `party`: the service's policy if it has one, else the
    /// provider's. Only customers are bound, so nothing is loaded for the others.
    async fn cutoff_for(
        &self,
        party: Party,
        appointment: &Appointment,
    ) -> Result<TimeDelta, RepoError> {
        if party != Party::Customer {
            return Ok(TimeDelta::zero());
        }
        let service_policy = self
            .services
            .by_id(appointment.service)
            .await?
            .and_then(|s| s.policy);
        let policy = match service_policy {
            Some(policy) => policy,
            None => {
                self.schedules
                    .get(appointment.provider)
                    .await?
                    .unwrap_or_default()
                    .policy
            }
        };
        Ok(policy.change_cutoff())
    }
}

/// Cancels `appointment` as `party` at `now`, bound by `cutoff`, and stores it with its
/// `Cancelled` event: the one way appointments are called off, so the notices (mails, calendar,
/// webhooks) always follow from the event.
///
/// # Errors
/// See [`CancelAppointmentError`].
pub(crate) async fn cancel_as(
    store: &dyn AppointmentStore,
    appointment: &mut Appointment,
    party: Party,
    reason: Option<Note>,
    cutoff: TimeDelta,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), CancelAppointmentError> {
    let expected = appointment.revision;
    appointment.cancel(party, reason.clone(), cutoff, now)?;
    let event = AppointmentEvent::new(
        ChangeKind::Cancelled { by: party, reason },
        appointment,
        now,
    );
    store
        .update(appointment, expected, &event)
        .await
        .map_err(|e| match e {
            RepoError::Stale => CancelAppointmentError::ChangedMeanwhile,
            RepoError::NotFound => CancelAppointmentError::NotFound,
            other => other.into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::services::MockServiceStore;
    use crate::test_support::*;
    use domain::BookingPolicy;

    struct Ports {
        services: MockServiceStore,
        schedules: MockScheduleStore,
        appointments: MockAppointmentStore,
    }

    /// `appointment` stored; the service has no policy of its own and the provider's cut-off
    /// is 24 hours (`nine_to_five`).
    fn storing(appointment: Appointment) -> Ports {
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_by_id()
            .returning(move |_| Ok(Some(appointment.clone())));
        Ports {
            services,
            schedules,
            appointments,
        }
    }

    fn accepting_updates(mut p: Ports) -> Ports {
        p.appointments.expect_update().returning(|_, _, _| Ok(()));
        p
    }

    fn use_case(p: Ports, now: &str) -> CancelAppointment {
        CancelAppointment::new(
            Arc::new(p.services),
            Arc::new(p.schedules),
            Arc::new(p.appointments),
            clock_at(now),
        )
    }

    fn id() -> AppointmentId {
        an_appointment().build().id
    }

    #[tokio::test]
    async fn a_customer_cancels_their_appointment_and_the_event_records_who_and_why() {
        let mut p = storing(an_appointment().build());
        p.appointments
            .expect_update()
            .withf(|a, expected, event| {
                a.status == AppointmentStatus::Cancelled
                    && *expected == 3
                    && a.revision == 4
                    && event.kind
                        == ChangeKind::Cancelled {
                            by: Party::Customer,
                            reason: Note::parse("ill").ok(),
                        }
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let cancelled = use_case(p, NOW)
            .run(&a_customer().actor(), id(), Note::parse("ill").ok())
            .await
            .unwrap();
        assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    }

    /// Three seats of one class occurrence, the first being `id()`, all stored.
    fn a_full_class_of_three() -> (Ports, Vec<Appointment>) {
        let seats: Vec<Appointment> = (0..3)
            .map(|n| {
                let mut seat = an_appointment().build();
                if n > 0 {
                    seat.id = AppointmentId::from_uuid(uuid::Uuid::from_u128(1000 + n));
                    seat.customer = another_customer().build().id;
                }
                seat
            })
            .collect();
        let mut p = storing(seats[0].clone());
        let stored = seats.clone();
        p.appointments
            .expect_seats()
            .withf(|occurrence| *occurrence == Occurrence::of(&an_appointment().build()))
            .returning(move |_| Ok(stored.clone()));
        (p, seats)
    }

    #[tokio::test]
    async fn a_provider_cancelling_a_class_cancels_every_seat_each_with_its_event() {
        let (mut p, seats) = a_full_class_of_three();
        let ids: Vec<_> = seats.iter().map(|s| s.id).collect();
        p.appointments
            .expect_update_series()
            .withf(move |changes| {
                changes.iter().map(|c| c.appointment.id).collect::<Vec<_>>() == ids
                    && changes.iter().all(|c| {
                        c.appointment.status == AppointmentStatus::Cancelled
                            && c.event.appointment == c.appointment
                            && c.event.kind
                                == ChangeKind::Cancelled {
                                    by: Party::Provider,
                                    reason: Note::parse("Teacher ill").ok(),
                                }
                    })
            })
            .times(1)
            .returning(|_| Ok(()));
        p.appointments.expect_update().never();
        let cancelled = use_case(p, NOW)
            .run_occurrence(&a_provider().actor(), id(), Note::parse("Teacher ill").ok())
            .await
            .unwrap();
        assert_eq!(cancelled.len(), 3);
    }

    #[tokio::test]
    async fn a_customer_cannot_cancel_a_whole_class() {
        let (mut p, _) = a_full_class_of_three();
        p.appointments.expect_update_series().never();
        let result = use_case(p, NOW)
            .run_occurrence(&a_customer().actor(), id(), None)
            .await;
        assert!(matches!(result, Err(CancelAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn cancelling_the_occurrence_of_a_one_to_one_appointment_cancels_just_it() {
        let mut p = accepting_updates(storing(an_appointment().build()));
        p.appointments.expect_seats().returning(|_| Ok(vec![]));
        p.appointments.expect_update_series().never();
        let cancelled = use_case(p, NOW)
            .run_occurrence(&a_provider().actor(), id(), None)
            .await
            .unwrap();
        assert_eq!(cancelled.len(), 1);
    }

    #[tokio::test]
    async fn a_customer_cannot_cancel_another_customers_appointment() {
        let mut p = storing(an_appointment().build());
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(&another_customer().actor(), id(), None)
            .await;
        assert!(matches!(result, Err(CancelAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn a_provider_cannot_cancel_another_providers_appointment() {
        let result = use_case(storing(an_appointment().build()), NOW)
            .run(&another_provider().actor(), id(), None)
            .await;
        assert!(matches!(result, Err(CancelAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn support_staff_cancel_any_appointment_as_staff() {
        let mut p = storing(an_appointment().build());
        p.appointments
            .expect_update()
            .withf(|_, _, e| {
                matches!(
                    e.kind,
                    ChangeKind::Cancelled {
                        by: Party::Staff,
                        ..
                    }
                )
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        use_case(p, NOW)
            .run(&a_support_agent().actor(), id(), None)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_customer_is_bound_by_the_providers_cutoff() {
        // 23 hours before the 10:00 start, inside the 24-hour cut-off.
        let result = use_case(storing(an_appointment().build()), "2026-06-02T11:00:00Z")
            .run(&a_customer().actor(), id(), None)
            .await;
        assert!(matches!(
            result,
            Err(CancelAppointmentError::Rejected(
                LifecycleError::TooLateToChange { hours: 24 }
            ))
        ));
    }

    #[tokio::test]
    async fn a_services_own_policy_sets_the_cutoff() {
        let lenient = BookingPolicy::new(60, 60, None, 60, true).unwrap();
        let mut p = accepting_updates(storing(an_appointment().build()));
        p.services = MockServiceStore::new();
        p.services
            .expect_by_id()
            .returning(move |_| Ok(Some(a_service().with_policy(lenient).build())));
        p.schedules = MockScheduleStore::new();
        p.schedules.expect_get().never();
        let result = use_case(p, "2026-06-02T11:00:00Z")
            .run(&a_customer().actor(), id(), None)
            .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn the_provider_may_cancel_after_the_customers_cutoff() {
        let p = accepting_updates(storing(an_appointment().build()));
        let result = use_case(p, "2026-06-03T09:00:00Z")
            .run(&a_provider().actor(), id(), None)
            .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn cancelling_a_cancelled_appointment_succeeds_without_writing() {
        let mut p = storing(
            an_appointment()
                .with_status(AppointmentStatus::Cancelled)
                .build(),
        );
        p.appointments.expect_update().never();
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), None)
            .await;
        assert_eq!(result.unwrap().status, AppointmentStatus::Cancelled);
    }

    #[tokio::test]
    async fn a_concurrent_change_is_reported_as_changed_meanwhile() {
        let mut p = storing(an_appointment().build());
        p.appointments
            .expect_update()
            .returning(|_, _, _| Err(RepoError::Stale));
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), None)
            .await;
        assert!(matches!(
            result,
            Err(CancelAppointmentError::ChangedMeanwhile)
        ));
    }

    /// Four weekly occurrences of one series from 2026-06-03 10:00, the second cancelled.
    fn a_series() -> Vec<Appointment> {
        let series = Some(domain::SeriesId::from_uuid(uuid::Uuid::from_u128(77)));
        ["2026-06-03", "2026-06-10", "2026-06-17", "2026-06-24"]
            .iter()
            .enumerate()
            .map(|(n, day)| {
                let mut a = an_appointment()
                    .starting(&format!("{day}T10:00:00Z"))
                    .build();
                a.id = AppointmentId::from_uuid(uuid::Uuid::from_u128(
                    500 + u128::try_from(n).unwrap(),
                ));
                a.series = series;
                if n == 1 {
                    a.status = AppointmentStatus::Cancelled;
                }
                a
            })
            .collect()
    }

    fn storing_series(chosen: usize) -> Ports {
        let all = a_series();
        let mut p = storing(all[chosen].clone());
        p.appointments
            .expect_series()
            .returning(move |_| Ok(a_series()));
        p
    }

    #[tokio::test]
    async fn this_and_following_cancels_the_later_active_occurrences_together() {
        let mut p = storing_series(0);
        p.appointments
            .expect_update_series()
            .withf(|changes| {
                changes.len() == 3
                    && changes.iter().all(|c| {
                        c.appointment.status == AppointmentStatus::Cancelled
                            && c.event.appointment == c.appointment
                            && c.expected_revision + 1 == c.appointment.revision
                    })
            })
            .times(1)
            .returning(|_| Ok(()));
        p.appointments.expect_update().never();
        let cancelled = use_case(p, NOW)
            .run_this_and_following(&a_customer().actor(), a_series()[0].id, None)
            .await
            .unwrap();
        let days: Vec<_> = cancelled.iter().map(|a| a.session.start()).collect();
        assert_eq!(
            days,
            vec![
                utc("2026-06-03T10:00:00Z"),
                utc("2026-06-17T10:00:00Z"),
                utc("2026-06-24T10:00:00Z")
            ]
        );
    }

    #[tokio::test]
    async fn this_and_following_leaves_earlier_occurrences_alone() {
        let mut p = storing_series(2);
        p.appointments
            .expect_update_series()
            .withf(|changes| changes.len() == 2)
            .times(1)
            .returning(|_| Ok(()));
        use_case(p, NOW)
            .run_this_and_following(&a_provider().actor(), a_series()[2].id, None)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn this_and_following_is_forbidden_to_other_customers() {
        let mut p = storing_series(0);
        p.appointments.expect_update_series().never();
        let result = use_case(p, NOW)
            .run_this_and_following(&another_customer().actor(), a_series()[0].id, None)
            .await;
        assert!(matches!(result, Err(CancelAppointmentError::Forbidden)));
    }

    #[tokio::test]
    async fn this_and_following_past_the_cutoff_cancels_nothing() {
        let mut p = storing_series(0);
        p.appointments.expect_update_series().never();
        let result = use_case(p, "2026-06-02T11:00:00Z")
            .run_this_and_following(&a_customer().actor(), a_series()[0].id, None)
            .await;
        assert!(matches!(
            result,
            Err(CancelAppointmentError::Rejected(
                LifecycleError::TooLateToChange { hours: 24 }
            ))
        ));
    }

    #[tokio::test]
    async fn this_and_following_outside_a_series_cancels_the_one_appointment() {
        let p = accepting_updates(storing(an_appointment().build()));
        let cancelled = use_case(p, NOW)
            .run_this_and_following(&a_customer().actor(), id(), None)
            .await
            .unwrap();
        assert_eq!(cancelled.len(), 1);
    }

    #[tokio::test]
    async fn an_unknown_appointment_is_not_found() {
        let mut p = storing(an_appointment().build());
        p.appointments = MockAppointmentStore::new();
        p.appointments.expect_by_id().returning(|_| Ok(None));
        let result = use_case(p, NOW)
            .run(&a_customer().actor(), id(), None)
            .await;
        assert!(matches!(result, Err(CancelAppointmentError::NotFound)));
    }
}
