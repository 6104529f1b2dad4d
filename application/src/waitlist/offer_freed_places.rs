//! The waitlist worker's step: releases expired holds, then holds a free place for each
//! waiting customer whose window has one, first come first served.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::TimeRange;

use crate::book_appointment::BookError;
use crate::booking_checks::{Booker, BookingChecks};
use crate::events::{AppointmentEvent, ChangeKind};
use crate::list_free_slots::{ListFreeSlots, ListFreeSlotsError};
use crate::ports::{
    AppointmentStore, Clock, OfferError, RepoError, UserStore, WaitlistEntry, WaitlistStore,
};

/// How many entries one step looks at, of each kind.
pub const WAITLIST_BATCH: u32 = 100;

/// What one step did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WaitlistReport {
    /// Holds released because they expired.
    pub released: usize,
    /// Holds offered.
    pub offered: usize,
}

/// Offers freed places to the waitlist. Several instances may run it at once: the store
/// settles each expired hold once (revision check) and holds each place for one entry at
/// most (the no-overlap guarantee and the seat count, as for bookings).
pub struct OfferFreedPlaces {
    checks: BookingChecks,
    slots: ListFreeSlots,
    users: Arc<dyn UserStore>,
    appointments: Arc<dyn AppointmentStore>,
    waitlist: Arc<dyn WaitlistStore>,
    clock: Arc<dyn Clock>,
}

impl OfferFreedPlaces {
    /// The use case over its ports.
    pub fn new(
        checks: BookingChecks,
        slots: ListFreeSlots,
        users: Arc<dyn UserStore>,
        appointments: Arc<dyn AppointmentStore>,
        waitlist: Arc<dyn WaitlistStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            checks,
            slots,
            users,
            appointments,
            waitlist,
            clock,
        }
    }

    /// Releases expired holds, then offers places to waiting entries in the order they joined.
    ///
    /// # Errors
    /// When a store fails; what was done before stays done.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self) -> Result<WaitlistReport, RepoError> {
        let now = self.clock.now();
        let mut report = WaitlistReport::default();
        for entry in self.waitlist.expired(now, WAITLIST_BATCH).await? {
            if self.release(&entry, now).await? {
                report.released += 1;
            }
        }
        for entry in self.waitlist.waiting(now, WAITLIST_BATCH).await? {
            if self.offer_to(&entry, now).await? {
                report.offered += 1;
            }
        }
        Ok(report)
    }

    /// Releases `entry`'s expired hold; false when someone settled it meanwhile.
    async fn release(&self, entry: &WaitlistEntry, now: DateTime<Utc>) -> Result<bool, RepoError> {
        let Some(hold) = entry.hold else {
            return Ok(false);
        };
        let Some(mut place) = self.appointments.by_id(hold.appointment).await? else {
            return Ok(false);
        };
        let revision = place.revision;
        if place.release_hold().is_err() {
            return Ok(false);
        }
        let event = AppointmentEvent::new(ChangeKind::HoldReleased, &place, now);
        match self
            .waitlist
            .settle(entry.id, &place, revision, &event)
            .await
        {
            Ok(()) => Ok(true),
            Err(RepoError::Stale) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Holds the earliest free place in `entry`'s window for it; whether one was held. A
    /// customer whose account was deactivated or erased is passed over.
    async fn offer_to(&self, entry: &WaitlistEntry, now: DateTime<Utc>) -> Result<bool, RepoError> {
        let customer = self.users.by_id(entry.customer).await?;
        if !customer.is_some_and(|c| c.active) {
            return Ok(false);
        }
        let bookable = match self.checks.open_service(entry.service).await {
            Ok(bookable) => bookable,
            Err(BookError::Store(e)) => return Err(e),
            Err(_) => return Ok(false),
        };
        let free = match self
            .slots
            .run(None, entry.service, entry.window.span())
            .await
        {
            Ok(free) => free,
            Err(ListFreeSlotsError::Store(e)) => return Err(e),
            Err(_) => return Ok(false),
        };
        let duration = bookable.offer().timing.duration.as_delta();
        let booker = Booker {
            customer: entry.customer,
            note: None,
            series: None,
        };
        let fitting = free.slots.into_iter().filter(|start| {
            TimeRange::starting_at(*start, duration).is_ok_and(|s| entry.window.accepts(&s))
        });
        for start in fitting {
            let Ok(place) = self.checks.check_one(&bookable, &booker, start).await? else {
                continue;
            };
            let hold = place.into_hold();
            let expires_at =
                (now + bookable.offer().policy.hold_period()).min(hold.session.start());
            let kind = ChangeKind::HoldOffered { until: expires_at };
            let event = AppointmentEvent::new(kind, &hold, now);
            let capacity = bookable.service.capacity;
            match self
                .waitlist
                .offer(entry.id, &hold, capacity, expires_at, &event)
                .await
            {
                Ok(()) => return Ok(true),
                // Someone was faster for this place; the next one may still be free.
                Err(OfferError::Taken) => {}
                Err(OfferError::NotWaiting) => return Ok(false),
                Err(OfferError::Store(e)) => return Err(e),
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::ports::waitlist::MockWaitlistStore;
    use crate::ports::{EntryState, Hold};
    use crate::test_support::*;
    use chrono::{NaiveDate, NaiveTime};
    use domain::{AppointmentStatus, WaitWindow, WaitlistEntryId, Zone};
    use uuid::Uuid;

    /// `a_customer()` waiting for `a_service()` on 2026-06-03, 09:00–12:00 UTC.
    fn waiting() -> WaitlistEntry {
        let day = "2026-06-03".parse::<NaiveDate>().unwrap();
        let hour = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        WaitlistEntry {
            id: WaitlistEntryId::from_uuid(Uuid::from_u128(70)),
            service: a_service().build().id,
            provider: a_provider().build().id,
            customer: a_customer().build().id,
            window: WaitWindow::new(day, day, hour(9), hour(12), Zone::UTC).unwrap(),
            joined_at: utc(NOW),
            state: EntryState::Waiting,
            hold: None,
        }
    }

    /// The step over an open 09:00–17:00 provider with `busy` appointments and `waitlist`.
    fn step(
        customer: domain::User,
        busy: Vec<TimeRange>,
        appointments: MockAppointmentStore,
        waitlist: MockWaitlistStore,
    ) -> OfferFreedPlaces {
        step_on(nine_to_five(), customer, busy, appointments, waitlist)
    }

    /// [`step`] for a provider with `schedule`.
    fn step_on(
        schedule: domain::Schedule,
        customer: domain::User,
        busy: Vec<TimeRange>,
        mut appointments: MockAppointmentStore,
        waitlist: MockWaitlistStore,
    ) -> OfferFreedPlaces {
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(move |id| {
            Ok(Some(if id == customer.id {
                customer.clone()
            } else {
                a_provider().build()
            }))
        });
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(move |_| Ok(Some(schedule.clone())));
        appointments
            .expect_busy()
            .returning(move |_, _| Ok(busy.clone()));
        let users: Arc<dyn crate::ports::UserStore> = Arc::new(users);
        let services: Arc<dyn crate::ports::ServiceStore> = Arc::new(services);
        let schedules: Arc<dyn crate::ports::ScheduleStore> = Arc::new(schedules);
        let appointments: Arc<dyn AppointmentStore> = Arc::new(appointments);
        let external = crate::external_busy::ExternalBusy::new(Arc::new(nothing_external()));
        OfferFreedPlaces::new(
            BookingChecks::new(
                users.clone(),
                services.clone(),
                schedules.clone(),
                appointments.clone(),
                external.clone(),
                clock_at(NOW),
            ),
            ListFreeSlots::new(
                users.clone(),
                services,
                schedules,
                appointments.clone(),
                external,
                clock_at(NOW),
            ),
            users,
            appointments,
            Arc::new(waitlist),
            clock_at(NOW),
        )
    }

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    #[tokio::test]
    async fn the_first_free_time_in_the_window_is_held_for_two_hours_with_a_hold_offered_event() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist.expect_expired().returning(|_, _| Ok(vec![]));
        waitlist
            .expect_waiting()
            .returning(|_, _| Ok(vec![waiting()]));
        waitlist
            .expect_offer()
            .withf(|id, hold, _, until, event| {
                *id == waiting().id
                    && hold.status == AppointmentStatus::Held
                    && hold.customer == a_customer().build().id
                    && hold.session.start() == utc("2026-06-03T10:00:00Z")
                    && *until == utc("2026-06-01T10:00:00Z")
                    && event.kind == ChangeKind::HoldOffered { until: *until }
            })
            .times(1)
            .returning(|_, _, _, _, _| Ok(()));
        // 09:00 is booked; 10:00 is the first free time in the window.
        let busy = vec![range("2026-06-03T09:00:00Z", "2026-06-03T10:00:00Z")];
        let report = step(
            a_customer().build(),
            busy,
            MockAppointmentStore::new(),
            waitlist,
        )
        .run()
        .await
        .unwrap();
        assert_eq!(
            report,
            WaitlistReport {
                released: 0,
                offered: 1
            }
        );
    }

    #[tokio::test]
    async fn the_providers_hold_period_sets_when_the_hold_expires() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist.expect_expired().returning(|_, _| Ok(vec![]));
        waitlist
            .expect_waiting()
            .returning(|_, _| Ok(vec![waiting()]));
        waitlist
            .expect_offer()
            .withf(|_, _, _, until, _| *until == utc("2026-06-01T08:45:00Z"))
            .times(1)
            .returning(|_, _, _, _, _| Ok(()));
        let mut schedule = nine_to_five();
        schedule.policy = schedule.policy.with_hold_minutes(45).unwrap();
        let report = step_on(
            schedule,
            a_customer().build(),
            vec![],
            MockAppointmentStore::new(),
            waitlist,
        )
        .run()
        .await
        .unwrap();
        assert_eq!(report.offered, 1);
    }

    #[tokio::test]
    async fn a_place_taken_meanwhile_is_skipped_for_the_next_one_and_a_full_window_offers_nothing()
    {
        let mut waitlist = MockWaitlistStore::new();
        waitlist.expect_expired().returning(|_, _| Ok(vec![]));
        waitlist
            .expect_waiting()
            .returning(|_, _| Ok(vec![waiting()]));
        let mut tries = 0;
        waitlist
            .expect_offer()
            .times(2)
            .returning(move |_, _, _, _, _| {
                tries += 1;
                if tries == 1 {
                    Err(OfferError::Taken)
                } else {
                    Ok(())
                }
            });
        let report = step(
            a_customer().build(),
            vec![],
            MockAppointmentStore::new(),
            waitlist,
        )
        .run()
        .await
        .unwrap();
        assert_eq!(report.offered, 1);

        let mut full = MockWaitlistStore::new();
        full.expect_expired().returning(|_, _| Ok(vec![]));
        full.expect_waiting().returning(|_, _| Ok(vec![waiting()]));
        full.expect_offer().never();
        let busy = vec![range("2026-06-03T09:00:00Z", "2026-06-03T12:00:00Z")];
        let report = step(
            a_customer().build(),
            busy,
            MockAppointmentStore::new(),
            full,
        )
        .run()
        .await
        .unwrap();
        assert_eq!(report, WaitlistReport::default());
    }

    #[tokio::test]
    async fn an_expired_hold_is_released_and_one_settled_meanwhile_is_left_alone() {
        let offered = WaitlistEntry {
            state: EntryState::Offered,
            hold: Some(Hold {
                appointment: an_appointment().build().id,
                expires_at: utc(NOW),
            }),
            ..waiting()
        };
        for (settled, released) in [(Ok(()), 1), (Err(RepoError::Stale), 0)] {
            let mut appointments = MockAppointmentStore::new();
            appointments.expect_by_id().returning(|_| {
                Ok(Some(
                    an_appointment()
                        .with_status(AppointmentStatus::Held)
                        .build(),
                ))
            });
            let mut waitlist = MockWaitlistStore::new();
            let entry = offered.clone();
            waitlist
                .expect_expired()
                .returning(move |_, _| Ok(vec![entry.clone()]));
            waitlist.expect_waiting().returning(|_, _| Ok(vec![]));
            let mut outcome = Some(settled);
            waitlist
                .expect_settle()
                .withf(|_, a, revision, event| {
                    a.status == AppointmentStatus::Released
                        && *revision == 3
                        && event.kind == ChangeKind::HoldReleased
                })
                .times(1)
                .returning(move |_, _, _, _| outcome.take().unwrap());
            let report = step(a_customer().build(), vec![], appointments, waitlist)
                .run()
                .await
                .unwrap();
            assert_eq!(
                report,
                WaitlistReport {
                    released,
                    offered: 0
                }
            );
        }
    }

    #[tokio::test]
    async fn a_deactivated_customer_is_passed_over() {
        let mut waitlist = MockWaitlistStore::new();
        waitlist.expect_expired().returning(|_, _| Ok(vec![]));
        waitlist
            .expect_waiting()
            .returning(|_, _| Ok(vec![waiting()]));
        waitlist.expect_offer().never();
        let report = step(
            a_customer().inactive().build(),
            vec![],
            MockAppointmentStore::new(),
            waitlist,
        )
        .run()
        .await
        .unwrap();
        assert_eq!(report, WaitlistReport::default());
    }
}
