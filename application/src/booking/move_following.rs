//! The customer, the provider or staff move an occurrence of a series and every later one by
//! the same shift of the provider's wall-clock time, all or none.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::{
    Appointment, AppointmentId, BookingRejection, BusyTimes, LifecycleError, TimeRange, WallShift,
};

use crate::actor::Actor;
use crate::bookable::Bookable;
use crate::events::{AppointmentEvent, ChangeKind};
use crate::external_busy::ExternalBusy;
use crate::ports::{
    AppointmentStore, Clock, RepoError, ScheduleStore, SeriesChange, ServiceStore, UserStore,
};

/// Why nothing was moved.
#[derive(Debug, thiserror::Error)]
pub enum MoveFollowingError {
    /// Neither its customer, nor its provider, nor staff who may change appointments.
    #[error("you may not move this appointment")]
    Forbidden,
    /// No such appointment.
    #[error("no such appointment")]
    NotFound,
    /// A lifecycle or booking rule refused to move the occurrence that starts at `occurrence`
    /// (its current start), as it would refuse a single move.
    #[error("the appointment at {occurrence} cannot move: {reason}")]
    Refused {
        /// The refused occurrence's current start.
        occurrence: DateTime<Utc>,
        /// Why it cannot move.
        reason: LifecycleError,
    },
    /// The store's no-overlap guarantee refused one of the new times: it was booked meanwhile.
    #[error("one of the new times was just booked, so nothing was moved")]
    Taken,
    /// Someone changed one of the occurrences meanwhile; reload and try again.
    #[error("an appointment of the series was changed meanwhile, please try again")]
    ChangedMeanwhile,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Moves "this and following" occurrences of a series under the rules of a single move
/// ([`RescheduleAppointment`](crate::reschedule_appointment::RescheduleAppointment)), written
/// together with [`AppointmentStore::update_series`], each with its own `Rescheduled` event.
pub struct MoveFollowing {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    schedules: Arc<dyn ScheduleStore>,
    appointments: Arc<dyn AppointmentStore>,
    external: ExternalBusy,
    clock: Arc<dyn Clock>,
}

impl MoveFollowing {
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

    /// Moves appointment `id` to `start` on behalf of `actor`, and every later active
    /// occurrence of its series by the same shift of the provider's wall clock (09:00 → 10:30
    /// moves each later 09:00 to 10:30 local, across DST changes). For an appointment outside
    /// a series only it moves. Returns the occurrences moved, soonest first; moving to the
    /// start it already has changes nothing (a repeated request).
    ///
    /// # Errors
    /// See [`MoveFollowingError`]; any refusal moves none of them.
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, appointment = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: AppointmentId,
        start: DateTime<Utc>,
    ) -> Result<Vec<Appointment>, MoveFollowingError> {
        let chosen = self
            .appointments
            .by_id(id)
            .await?
            .ok_or(MoveFollowingError::NotFound)?;
        let party = actor
            .changing_party(&chosen)
            .ok_or(MoveFollowingError::Forbidden)?;
        let following = self.following(&chosen).await?;
        let from = chosen.session.start();
        if chosen.status.is_active() && from == start {
            return Ok(following);
        }
        let refused = |reason: BookingRejection| MoveFollowingError::Refused {
            occurrence: from,
            reason: LifecycleError::Rejected(reason),
        };
        let bookable = Bookable::load(&self.services, &self.users, &self.schedules, chosen.service)
            .await?
            .filter(Bookable::is_open)
            .ok_or_else(|| refused(BookingRejection::Unavailable))?;
        if bookable.service.capacity.is_class() {
            return Err(refused(BookingRejection::OneClassAtATime));
        }
        let offer = bookable.offer();
        let shift = WallShift::between(bookable.provider.zone, from, start);
        let targets: Vec<DateTime<Utc>> = following
            .iter()
            .map(|o| shift.apply(o.session.start()))
            .collect();
        let now = self.clock.now();
        let busy = self
            .busy_beside(&chosen, &following, &targets, &offer, now)
            .await?;
        let mut changes = Vec::with_capacity(following.len());
        for (mut occurrence, to) in following.into_iter().zip(targets) {
            let expected_revision = occurrence.revision;
            let was = occurrence.session;
            occurrence
                .reschedule(party, to, &offer, &busy, now)
                .map_err(|reason| MoveFollowingError::Refused {
                    occurrence: was.start(),
                    reason,
                })?;
            let event =
                AppointmentEvent::new(ChangeKind::Rescheduled { from: was }, &occurrence, now);
            changes.push(SeriesChange {
                appointment: occurrence,
                expected_revision,
                event,
            });
        }
        // Moving later, the latest occurrence moves first (earlier, the earliest), so none
        // meets another's old time while the transaction runs.
        if start > from {
            changes.reverse();
        }
        self.appointments
            .update_series(&changes)
            .await
            .map_err(|e| match e {
                RepoError::Stale | RepoError::NotFound => MoveFollowingError::ChangedMeanwhile,
                RepoError::Conflict => MoveFollowingError::Taken,
                other @ (RepoError::Backend(_) | RepoError::Unavailable(_)) => other.into(),
            })?;
        let mut moved: Vec<Appointment> = changes.into_iter().map(|c| c.appointment).collect();
        moved.sort_by_key(|a| a.session.start());
        Ok(moved)
    }

    /// `chosen` and the later active occurrences of its series, soonest first.
    async fn following(&self, chosen: &Appointment) -> Result<Vec<Appointment>, RepoError> {
        let Some(series) = chosen.series else {
            return Ok(vec![chosen.clone()]);
        };
        Ok(self
            .appointments
            .series(series)
            .await?
            .into_iter()
            .filter(|o| {
                o.id == chosen.id
                    || (o.session.start() > chosen.session.start() && o.status.is_active())
            })
            .collect())
    }

    /// The provider's busy time over the new times: appointments other than the moving
    /// occurrences (which do not block their own move) and the provider's own calendars.
    async fn busy_beside(
        &self,
        chosen: &Appointment,
        moving: &[Appointment],
        targets: &[DateTime<Utc>],
        offer: &domain::Offer<'_>,
        now: DateTime<Utc>,
    ) -> Result<BusyTimes, RepoError> {
        let blocked: Vec<TimeRange> = targets.iter().map(|t| offer.timing.blocked(*t)).collect();
        let earliest = blocked.iter().map(TimeRange::start).min();
        let latest = blocked.iter().map(TimeRange::end).max();
        let span = earliest
            .zip(latest)
            .and_then(|(start, end)| TimeRange::new(start, end).ok())
            .unwrap_or(chosen.blocked);
        let mut busy = self.appointments.busy(chosen.provider, span).await?;
        busy.retain(|b| !moving.iter().any(|o| o.blocked == *b));
        busy.extend(self.external.blocking(chosen.provider, span, now).await?);
        Ok(BusyTimes::new(busy))
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
    use domain::{AppointmentStatus, Party, SeriesId, User};
    use uuid::Uuid;

    struct Ports {
        users: MockUserStore,
        services: MockServiceStore,
        schedules: MockScheduleStore,
        appointments: MockAppointmentStore,
        external: MockBusyTimeStore,
    }

    /// Weekly occurrences of one series at 10:00 UTC on `days`, the one at `cancelled` (if
    /// any) cancelled.
    fn a_series(days: &[&str], cancelled: Option<usize>) -> Vec<Appointment> {
        let series = Some(SeriesId::from_uuid(Uuid::from_u128(77)));
        days.iter()
            .enumerate()
            .map(|(n, day)| {
                let mut a = an_appointment().starting(day).build();
                a.id = AppointmentId::from_uuid(Uuid::from_u128(500 + n as u128));
                a.series = series;
                if cancelled == Some(n) {
                    a.status = AppointmentStatus::Cancelled;
                }
                a
            })
            .collect()
    }

    /// Wednesdays 3 to 24 June 2026 at 10:00 UTC.
    fn june() -> Vec<Appointment> {
        a_series(
            &[
                "2026-06-03T10:00:00Z",
                "2026-06-10T10:00:00Z",
                "2026-06-17T10:00:00Z",
                "2026-06-24T10:00:00Z",
            ],
            None,
        )
    }

    /// `series` stored with occurrence `chosen` asked for; `provider` open 09:00–17:00 with a
    /// 24-hour cut-off; `busy` the provider's appointments' blocked time.
    fn storing(
        series: Vec<Appointment>,
        chosen: usize,
        provider: User,
        busy: Vec<TimeRange>,
    ) -> Ports {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(provider.clone())));
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        let mut appointments = MockAppointmentStore::new();
        let one = series[chosen].clone();
        appointments
            .expect_by_id()
            .returning(move |_| Ok(Some(one.clone())));
        appointments
            .expect_series()
            .returning(move |_| Ok(series.clone()));
        appointments
            .expect_busy()
            .returning(move |_, _| Ok(busy.clone()));
        Ports {
            users,
            services,
            schedules,
            appointments,
            external: nothing_external(),
        }
    }

    fn june_from(chosen: usize) -> Ports {
        storing(june(), chosen, a_provider().build(), vec![])
    }

    fn use_case(p: Ports, now: &str) -> MoveFollowing {
        MoveFollowing::new(
            Arc::new(p.users),
            Arc::new(p.services),
            Arc::new(p.schedules),
            Arc::new(p.appointments),
            ExternalBusy::new(Arc::new(p.external)),
            clock_at(now),
        )
    }

    fn starts(moved: &[Appointment]) -> Vec<DateTime<Utc>> {
        moved.iter().map(|a| a.session.start()).collect()
    }

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    #[tokio::test]
    async fn a_customer_moves_this_and_following_together_each_with_its_own_event() {
        let mut p = june_from(1);
        p.appointments
            .expect_update_series()
            .withf(|changes| {
                changes.len() == 3
                    // The latest occurrence moves first.
                    && changes.iter().zip(june()[1..].iter().rev()).all(|(c, old)| {
                        c.expected_revision == old.revision
                            && c.appointment.session.start()
                                == old.session.start() + chrono::TimeDelta::hours(4)
                            && c.event.kind == ChangeKind::Rescheduled { from: old.session }
                            && c.event.appointment == c.appointment
                    })
            })
            .times(1)
            .returning(|_| Ok(()));
        let moved = use_case(p, NOW)
            .run(
                &a_customer().actor(),
                june()[1].id,
                utc("2026-06-10T14:00:00Z"),
            )
            .await
            .unwrap();
        assert_eq!(
            starts(&moved),
            vec![
                utc("2026-06-10T14:00:00Z"),
                utc("2026-06-17T14:00:00Z"),
                utc("2026-06-24T14:00:00Z"),
            ]
        );
        assert!(moved.iter().all(|a| a.reschedules[0].by == Party::Customer));
    }

    #[tokio::test]
    async fn its_provider_and_admins_may_move_them() {
        for actor in [a_provider().actor(), an_admin().actor()] {
            let mut p = june_from(0);
            p.appointments
                .expect_update_series()
                .times(1)
                .returning(|_| Ok(()));
            let moved = use_case(p, NOW)
                .run(&actor, june()[0].id, utc("2026-06-03T15:00:00Z"))
                .await
                .unwrap();
            assert_eq!(moved.len(), 4, "{actor:?}");
        }
    }

    #[tokio::test]
    async fn others_may_not_move_them() {
        for actor in [
            another_customer().actor(),
            another_provider().actor(),
            a_support_agent().actor(),
        ] {
            let mut p = june_from(0);
            p.appointments.expect_update_series().never();
            let result = use_case(p, NOW)
                .run(&actor, june()[0].id, utc("2026-06-03T15:00:00Z"))
                .await;
            assert!(
                matches!(result, Err(MoveFollowingError::Forbidden)),
                "{actor:?}: {result:?}"
            );
        }
    }

    #[tokio::test]
    async fn one_occurrence_that_cannot_move_keeps_all_of_them_and_is_named() {
        // Someone else holds the new time of the fourth occurrence.
        let taken = range("2026-06-24T14:00:00Z", "2026-06-24T15:00:00Z");
        let mut p = storing(june(), 1, a_provider().build(), vec![taken]);
        p.appointments.expect_update_series().never();
        let result = use_case(p, NOW)
            .run(
                &a_customer().actor(),
                june()[1].id,
                utc("2026-06-10T14:00:00Z"),
            )
            .await;
        match result {
            Err(MoveFollowingError::Refused { occurrence, reason }) => {
                assert_eq!(occurrence, utc("2026-06-24T10:00:00Z"));
                assert_eq!(
                    reason,
                    LifecycleError::Rejected(BookingRejection::SlotTaken)
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn the_customers_cut_off_binds_the_chosen_occurrence() {
        let mut p = june_from(0);
        p.appointments.expect_update_series().never();
        let result = use_case(p, "2026-06-02T11:00:00Z")
            .run(
                &a_customer().actor(),
                june()[0].id,
                utc("2026-06-03T14:00:00Z"),
            )
            .await;
        assert!(
            matches!(
                result,
                Err(MoveFollowingError::Refused {
                    reason: LifecycleError::TooLateToChange { hours: 24 },
                    ..
                })
            ),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn a_time_taken_while_storing_moves_none_of_them() {
        let mut p = june_from(1);
        p.appointments
            .expect_update_series()
            .returning(|_| Err(RepoError::Conflict));
        let result = use_case(p, NOW)
            .run(
                &a_customer().actor(),
                june()[1].id,
                utc("2026-06-10T14:00:00Z"),
            )
            .await;
        assert!(
            matches!(result, Err(MoveFollowingError::Taken)),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn an_occurrence_changed_meanwhile_moves_none_of_them() {
        let mut p = june_from(1);
        p.appointments
            .expect_update_series()
            .returning(|_| Err(RepoError::Stale));
        let result = use_case(p, NOW)
            .run(
                &a_customer().actor(),
                june()[1].id,
                utc("2026-06-10T14:00:00Z"),
            )
            .await;
        assert!(
            matches!(result, Err(MoveFollowingError::ChangedMeanwhile)),
            "{result:?}"
        );
    }

    #[tokio::test]
    async fn a_week_later_is_not_blocked_by_the_series_own_times_and_the_latest_moves_first() {
        let own: Vec<TimeRange> = june().iter().map(|a| a.blocked).collect();
        let mut p = storing(june(), 1, a_provider().build(), own);
        p.appointments
            .expect_update_series()
            .withf(|changes| {
                changes.len() == 3
                    && changes[0].appointment.session.start() == utc("2026-07-01T10:00:00Z")
                    && changes[2].appointment.session.start() == utc("2026-06-17T10:00:00Z")
            })
            .times(1)
            .returning(|_| Ok(()));
        use_case(p, NOW)
            .run(
                &a_customer().actor(),
                june()[1].id,
                utc("2026-06-17T10:00:00Z"),
            )
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn cancelled_and_earlier_occurrences_stay() {
        let series = a_series(
            &[
                "2026-06-03T10:00:00Z",
                "2026-06-10T10:00:00Z",
                "2026-06-17T10:00:00Z",
                "2026-06-24T10:00:00Z",
            ],
            Some(2),
        );
        let mut p = storing(series.clone(), 1, a_provider().build(), vec![]);
        p.appointments
            .expect_update_series()
            .withf(|changes| changes.len() == 2)
            .times(1)
            .returning(|_| Ok(()));
        let moved = use_case(p, NOW)
            .run(
                &a_customer().actor(),
                series[1].id,
                utc("2026-06-10T15:00:00Z"),
            )
            .await
            .unwrap();
        assert_eq!(
            moved.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![series[1].id, series[3].id]
        );
    }

    #[tokio::test]
    async fn the_new_local_time_holds_across_the_dst_change() {
        // Wednesdays 10:00 in New York: 28 October (EDT), 4 November (EST).
        let series = a_series(&["2026-10-28T14:00:00Z", "2026-11-04T15:00:00Z"], None);
        let provider = a_provider().in_zone("America/New_York").build();
        let mut p = storing(series.clone(), 0, provider, vec![]);
        p.appointments
            .expect_update_series()
            .times(1)
            .returning(|_| Ok(()));
        // 10:00 → 12:00 local.
        let moved = use_case(p, "2026-10-20T08:00:00Z")
            .run(
                &a_customer().actor(),
                series[0].id,
                utc("2026-10-28T16:00:00Z"),
            )
            .await
            .unwrap();
        assert_eq!(
            starts(&moved),
            vec![utc("2026-10-28T16:00:00Z"), utc("2026-11-04T17:00:00Z")]
        );
    }

    #[tokio::test]
    async fn moving_to_the_current_start_changes_nothing() {
        let mut p = june_from(1);
        p.appointments.expect_update_series().never();
        let same = use_case(p, NOW)
            .run(
                &a_customer().actor(),
                june()[1].id,
                june()[1].session.start(),
            )
            .await
            .unwrap();
        assert_eq!(same, june()[1..].to_vec());
    }
}
