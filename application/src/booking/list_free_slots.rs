//! Anyone lists the free start times of a service in a window.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use domain::{BusyTimes, ServiceId, TimeRange, Zone};

use crate::actor::Actor;
use crate::bookable::Bookable;
use crate::external_busy::ExternalBusy;
use crate::ports::{AppointmentStore, Clock, RepoError, ScheduleStore, ServiceStore, UserStore};

/// The longest window one request may ask about, in days (two months of a calendar view).
pub const MAX_WINDOW_DAYS: i64 = 62;

/// The free start instants of a service, with the zone its provider works in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeSlots {
    /// Free starts, ascending.
    pub slots: Vec<DateTime<Utc>>,
    /// For a class: the seats left at each of `slots`, in the same order. Empty for a
    /// one-to-one service, whose free slots each have the provider's time to give.
    pub seats_left: Vec<u16>,
    /// The provider's zone (viewers may show slots in their own).
    pub zone: Zone,
}

/// Why slots were not listed.
#[derive(Debug, thiserror::Error)]
pub enum ListFreeSlotsError {
    /// No such service.
    #[error("no such service")]
    UnknownService,
    /// The service or its provider is not taking bookings.
    #[error("this service is not available for booking")]
    Unavailable,
    /// The window is longer than [`MAX_WINDOW_DAYS`].
    #[error("slots can be listed for at most {max_days} days at a time")]
    WindowTooLong {
        /// The limit in days.
        max_days: i64,
    },
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Lists free slots: the same rules as booking, so every listed slot can be booked unless
/// someone is faster. Busy time read from the provider's own calendars (stored by the last
/// sync, never fetched during the request) blocks slots like appointments do.
pub struct ListFreeSlots {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    schedules: Arc<dyn ScheduleStore>,
    appointments: Arc<dyn AppointmentStore>,
    external: ExternalBusy,
    clock: Arc<dyn Clock>,
}

impl ListFreeSlots {
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

    /// The free starts of `service` within `window`, for anyone (`actor` is `None` when
    /// anonymous).
    ///
    /// # Errors
    /// See [`ListFreeSlotsError`].
    #[tracing::instrument(
        skip(self, actor, window),
        fields(actor = ?actor.map(|a| a.id), service = %service)
    )]
    pub async fn run(
        &self,
        actor: Option<&Actor>,
        service: ServiceId,
        window: TimeRange,
    ) -> Result<FreeSlots, ListFreeSlotsError> {
        if window.length() > TimeDelta::days(MAX_WINDOW_DAYS) {
            return Err(ListFreeSlotsError::WindowTooLong {
                max_days: MAX_WINDOW_DAYS,
            });
        }
        let bookable = Bookable::load(&self.services, &self.users, &self.schedules, service)
            .await?
            .ok_or(ListFreeSlotsError::UnknownService)?;
        if !bookable.is_open() {
            return Err(ListFreeSlotsError::Unavailable);
        }
        let zone = bookable.provider.zone;
        let offer = bookable.offer();
        let now = self.clock.now();
        let Some(starts) = offer
            .bookable_period(now)
            .and_then(|p| p.intersection(&window))
        else {
            return Ok(FreeSlots {
                slots: Vec::new(),
                seats_left: Vec::new(),
                zone,
            });
        };
        // A slot starting at the last instant still blocks its session and buffers after it,
        // and one at the first instant its buffer before.
        let buffers = offer.timing.buffers;
        let minutes = |m: u16| TimeDelta::minutes(i64::from(m));
        let reach = starts.widened(
            minutes(buffers.before_minutes()),
            offer.timing.duration.as_delta() + minutes(buffers.after_minutes()),
        );
        // The provider's own calendars block time like appointments; both are local reads.
        let provider = bookable.provider.id;
        let mut busy = self.appointments.busy(provider, reach).await?;
        let external = self.external.blocking(provider, reach, now).await?;
        let service = &bookable.service;
        if service.capacity.is_class() {
            let sold = self.appointments.occurrences(provider, reach).await?;
            let offered = offer.class_slots(
                service.id,
                service.capacity,
                &busy,
                &external,
                &sold,
                &starts,
                now,
            );
            return Ok(FreeSlots {
                slots: offered.iter().map(|slot| slot.start).collect(),
                seats_left: offered.iter().map(|slot| slot.seats_left).collect(),
                zone,
            });
        }
        busy.extend(external);
        let slots = offer.free_slots(&BusyTimes::new(busy), &starts, now);
        Ok(FreeSlots {
            slots,
            seats_left: Vec::new(),
            zone,
        })
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
    use domain::{Occurrence, OccurrenceSeats, Service};

    struct Ports {
        users: MockUserStore,
        services: MockServiceStore,
        schedules: MockScheduleStore,
        appointments: MockAppointmentStore,
        external: MockBusyTimeStore,
    }

    fn offering(service: Service) -> Ports {
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
        Ports {
            users,
            services,
            schedules,
            appointments: MockAppointmentStore::new(),
            external: nothing_external(),
        }
    }

    fn use_case(p: Ports) -> ListFreeSlots {
        ListFreeSlots::new(
            Arc::new(p.users),
            Arc::new(p.services),
            Arc::new(p.schedules),
            Arc::new(p.appointments),
            ExternalBusy::new(Arc::new(p.external)),
            clock_at(NOW),
        )
    }

    fn range(from: &str, to: &str) -> TimeRange {
        TimeRange::new(utc(from), utc(to)).unwrap()
    }

    fn tuesday() -> TimeRange {
        range("2026-06-02T00:00:00Z", "2026-06-03T00:00:00Z")
    }

    #[tokio::test]
    async fn an_anonymous_visitor_sees_the_free_hours_of_a_day_without_the_booked_one() {
        let mut p = offering(a_service().build());
        p.appointments
            .expect_busy()
            .returning(|_, _| Ok(vec![range("2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z")]));
        let free = use_case(p)
            .run(None, a_service().build().id, tuesday())
            .await
            .unwrap();
        let hours: Vec<_> = free
            .slots
            .iter()
            .map(|s| s.format("%H").to_string())
            .collect();
        assert_eq!(hours, ["09", "11", "12", "13", "14", "15", "16"]);
        assert_eq!(free.zone, Zone::UTC);
    }

    #[tokio::test]
    async fn an_event_in_the_providers_own_calendar_blocks_its_slots_like_an_appointment() {
        let mut p = offering(a_service().build());
        p.appointments.expect_busy().returning(|_, _| Ok(vec![]));
        p.external = MockBusyTimeStore::new();
        p.external
            .expect_sources()
            .returning(|_| Ok(vec![fresh_source()]));
        p.external
            .expect_busy()
            .returning(|_, _| Ok(vec![range("2026-06-02T12:30:00Z", "2026-06-02T14:00:00Z")]));
        let free = use_case(p)
            .run(None, a_service().build().id, tuesday())
            .await
            .unwrap();
        let hours: Vec<_> = free
            .slots
            .iter()
            .map(|s| s.format("%H").to_string())
            .collect();
        assert_eq!(hours, ["09", "10", "11", "14", "15", "16"]);
    }

    #[tokio::test]
    async fn busy_time_is_fetched_around_the_window_by_the_buffers_and_duration() {
        let mut p = offering(a_service().with_buffers(15, 30).build());
        p.appointments
            .expect_busy()
            .withf(|_, r| *r == range("2026-06-01T23:45:00Z", "2026-06-03T01:30:00Z"))
            .times(1)
            .returning(|_, _| Ok(vec![]));
        use_case(p)
            .run(None, a_service().build().id, tuesday())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_window_longer_than_the_cap_is_refused() {
        let p = offering(a_service().build());
        let result = use_case(p)
            .run(
                None,
                a_service().build().id,
                range("2026-06-02T00:00:00Z", "2026-08-03T00:00:01Z"),
            )
            .await;
        assert!(matches!(
            result,
            Err(ListFreeSlotsError::WindowTooLong { max_days: 62 })
        ));
    }

    #[tokio::test]
    async fn an_inactive_service_has_no_slots() {
        let result = use_case(offering(a_service().inactive().build()))
            .run(
                Some(&a_customer().actor()),
                a_service().build().id,
                tuesday(),
            )
            .await;
        assert!(matches!(result, Err(ListFreeSlotsError::Unavailable)));
    }

    #[tokio::test]
    async fn a_deactivated_provider_has_no_slots() {
        let mut p = offering(a_service().build());
        p.users = MockUserStore::new();
        p.users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().inactive().build())));
        let result = use_case(p)
            .run(None, a_service().build().id, tuesday())
            .await;
        assert!(matches!(result, Err(ListFreeSlotsError::Unavailable)));
    }

    #[tokio::test]
    async fn a_window_in_the_past_is_empty_without_asking_the_store() {
        let mut p = offering(a_service().build());
        p.appointments.expect_busy().never();
        let free = use_case(p)
            .run(
                None,
                a_service().build().id,
                range("2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z"),
            )
            .await
            .unwrap();
        assert!(free.slots.is_empty());
    }

    #[tokio::test]
    async fn a_class_lists_its_seats_left_and_keeps_offering_an_occurrence_until_it_is_full() {
        let class = a_service().with_capacity(12).build();
        let mut p = offering(class.clone());
        let ten = range("2026-06-02T10:00:00Z", "2026-06-02T11:00:00Z");
        let noon = range("2026-06-02T12:00:00Z", "2026-06-02T13:00:00Z");
        p.appointments
            .expect_busy()
            .returning(move |_, _| Ok(vec![ten; 9].into_iter().chain([noon; 12]).collect()));
        let sold = move |start: TimeRange, taken| OccurrenceSeats {
            occurrence: Occurrence {
                service: class.id,
                start: start.start(),
            },
            blocked: start,
            taken,
        };
        p.appointments
            .expect_occurrences()
            .times(1)
            .returning(move |_, _| Ok(vec![sold(ten, 9), sold(noon, 12)]));
        let free = use_case(p)
            .run(None, a_service().build().id, tuesday())
            .await
            .unwrap();
        let seats: Vec<_> = free
            .slots
            .iter()
            .map(|s| s.format("%H").to_string())
            .zip(free.seats_left.iter().copied())
            .collect();
        let hour = |h: &str, left| (h.to_owned(), left);
        assert_eq!(
            seats,
            [
                hour("09", 12),
                hour("10", 3),
                hour("11", 12),
                hour("13", 12),
                hour("14", 12),
                hour("15", 12),
                hour("16", 12)
            ]
        );
    }

    #[tokio::test]
    async fn a_one_to_one_service_lists_no_seats_and_reads_no_occurrences() {
        let mut p = offering(a_service().build());
        p.appointments.expect_busy().returning(|_, _| Ok(vec![]));
        p.appointments.expect_occurrences().never();
        let free = use_case(p)
            .run(None, a_service().build().id, tuesday())
            .await
            .unwrap();
        assert_eq!(free.slots.len(), 8);
        assert!(free.seats_left.is_empty());
    }

    #[tokio::test]
    async fn an_unknown_service_is_reported_as_such() {
        let mut p = offering(a_service().build());
        p.services = MockServiceStore::new();
        p.services.expect_by_id().returning(|_| Ok(None));
        let result = use_case(p)
            .run(None, a_service().build().id, tuesday())
            .await;
        assert!(matches!(result, Err(ListFreeSlotsError::UnknownService)));
    }
}
