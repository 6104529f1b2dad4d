//! A customer books a free slot of a service.

use chrono::{DateTime, Utc};
use domain::{Appointment, BookingRejection, Note, ServiceId};

use crate::actor::Actor;
use crate::booking_checks::{Booker, BookingChecks};
use crate::events::{AppointmentEvent, ChangeKind};
use crate::ports::{IdempotencyKey, RepoError, SeatInsertError};

/// What the customer asks for.
#[derive(Debug, Clone)]
pub struct BookingInput {
    /// The service to book.
    pub service: ServiceId,
    /// The chosen start (one of the offered slots).
    pub start: DateTime<Utc>,
    /// A note to the provider.
    pub note: Option<Note>,
    /// Makes a retried request return the first booking instead of a second one.
    pub idempotency_key: Option<IdempotencyKey>,
}

/// The outcome of a booking request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    /// The appointment: new, or the one an earlier request with the same key made.
    pub appointment: Appointment,
    /// Whether this was a repeat of an earlier request with the same idempotency key, which
    /// booked nothing new.
    pub replayed: bool,
}

/// Why a booking failed.
#[derive(Debug, thiserror::Error)]
pub enum BookError {
    /// Only customers book (staff and providers use other flows).
    #[error("only customer accounts can book: log in with a customer account to book")]
    Forbidden,
    /// No such service.
    #[error("no such service")]
    UnknownService,
    /// The idempotency key was used before with a different request (service, start or note).
    #[error("this idempotency key was already used for a different booking")]
    KeyReused,
    /// A booking rule refused the start (includes `SlotTaken` when someone was faster).
    #[error(transparent)]
    Rejected(#[from] BookingRejection),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Books appointments. The store's no-overlap guarantee, not the check here, is what prevents
/// double bookings: a one-to-one booking leaves the overlap with other appointments to it
/// alone (see [`BookingChecks::check_booking`]); the check gives every other reason.
pub struct BookAppointment {
    checks: BookingChecks,
}

impl BookAppointment {
    /// The use case over the booking checks' ports.
    pub fn new(checks: BookingChecks) -> Self {
        Self { checks }
    }

    /// Books `input` for `actor`, or returns the appointment an earlier identical request
    /// with the same idempotency key made (as it is now), marked as replayed.
    ///
    /// The key is looked up only when booking fails: a new key costs no read, and the store's
    /// unique (customer, key) rule turns a concurrent or late retry into a conflict, after
    /// which the earlier booking is found here.
    ///
    /// # Errors
    /// See [`BookError`].
    #[tracing::instrument(skip(self, input), fields(customer = %actor.id, service = %input.service))]
    pub async fn run(&self, actor: &Actor, input: BookingInput) -> Result<Booking, BookError> {
        BookingChecks::authorize(actor)?;
        match self.book(actor, &input).await {
            Err(e @ (BookError::UnknownService | BookError::Rejected(_))) => {
                // A retry finds its own booking in the way, or the service closed since.
                self.earlier_booking(actor, &input).await?.ok_or(e)
            }
            outcome => outcome.map(|appointment| Booking {
                appointment,
                replayed: false,
            }),
        }
    }

    /// Checks and stores a new booking of `input`.
    async fn book(&self, actor: &Actor, input: &BookingInput) -> Result<Appointment, BookError> {
        let bookable = self.checks.open_service(input.service).await?;
        let booker = Booker {
            customer: actor.id,
            note: input.note.as_ref(),
            series: None,
        };
        let appointment = self
            .checks
            .check_booking(&bookable, &booker, input.start)
            .await??;
        let event = AppointmentEvent::new(ChangeKind::Booked, &appointment, appointment.created_at);
        let key = input.idempotency_key.clone();
        let store = &self.checks.appointments;
        let capacity = bookable.service.capacity;
        let inserted = if capacity.is_class() {
            match store.insert_seat(&appointment, capacity, key, &event).await {
                Err(SeatInsertError::Full) => {
                    return Err(BookingRejection::ClassFull {
                        places: capacity.places(),
                    }
                    .into());
                }
                Err(SeatInsertError::Store(e)) => Err(e),
                Ok(()) => Ok(()),
            }
        } else {
            store.insert(&appointment, key, &event).await
        };
        match inserted {
            Ok(()) => Ok(appointment),
            // Someone was faster, or a retry with the same key.
            Err(RepoError::Conflict) => Err(BookingRejection::SlotTaken.into()),
            Err(e) => Err(e.into()),
        }
    }

    /// The booking an earlier request with the same key made, if it asked for the same
    /// service, original start and note; [`BookError::KeyReused`] if it asked for anything else.
    async fn earlier_booking(
        &self,
        actor: &Actor,
        input: &BookingInput,
    ) -> Result<Option<Booking>, BookError> {
        let Some(key) = &input.idempotency_key else {
            return Ok(None);
        };
        match self
            .checks
            .appointments
            .by_idempotency_key(actor.id, key)
            .await?
        {
            // A key that booked a series was not used for a single booking.
            Some(a)
                if a.series.is_none()
                    && a.service == input.service
                    && a.note == input.note
                    && a.booked_start() == input.start =>
            {
                Ok(Some(Booking {
                    appointment: a,
                    replayed: true,
                }))
            }
            Some(_) => Err(BookError::KeyReused),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::external_busy::ExternalBusy;
    use crate::ports::appointments::MockAppointmentStore;
    use crate::ports::busy_time::MockBusyTimeStore;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::services::MockServiceStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::{Role, TimeRange};
    use mockall::predicate::eq;
    use std::sync::Arc;

    pub(crate) struct Ports {
        pub users: MockUserStore,
        pub services: MockServiceStore,
        pub schedules: MockScheduleStore,
        pub appointments: MockAppointmentStore,
        pub external: MockBusyTimeStore,
    }

    /// Ports for a bookable 60-minute service of an open provider with no appointments.
    pub(crate) fn open_for_business() -> Ports {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().build())));
        let mut services = MockServiceStore::new();
        services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().build())));
        let mut schedules = MockScheduleStore::new();
        schedules
            .expect_get()
            .returning(|_| Ok(Some(nine_to_five())));
        let mut appointments = MockAppointmentStore::new();
        appointments.expect_busy().returning(|_, _| Ok(vec![]));
        appointments
            .expect_by_idempotency_key()
            .returning(|_, _| Ok(None));
        Ports {
            users,
            services,
            schedules,
            appointments,
            external: nothing_external(),
        }
    }

    fn use_case(p: Ports) -> BookAppointment {
        BookAppointment::new(checks(p))
    }

    /// The booking checks over `p`, for the series use cases' tests too.
    pub(crate) fn checks(p: Ports) -> BookingChecks {
        BookingChecks::new(
            Arc::new(p.users),
            Arc::new(p.services),
            Arc::new(p.schedules),
            Arc::new(p.appointments),
            ExternalBusy::new(Arc::new(p.external)),
            clock_at(NOW),
        )
    }

    fn input(start: &str) -> BookingInput {
        BookingInput {
            service: a_service().build().id,
            start: utc(start),
            note: None,
            idempotency_key: None,
        }
    }

    #[tokio::test]
    async fn a_customer_books_a_free_slot_and_the_booking_event_is_recorded_with_it() {
        let mut p = open_for_business();
        p.appointments
            .expect_insert()
            .withf(|a, key, event| {
                event.kind == ChangeKind::Booked && event.appointment == *a && key.is_none()
            })
            .times(1)
            .returning(|_, _, _| Ok(()));
        let booking = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await
            .unwrap();
        assert!(!booking.replayed);
        let booked = booking.appointment;
        assert_eq!(booked.customer, a_customer().build().id);
        assert_eq!(booked.provider, a_provider().build().id);
        assert_eq!(booked.session.start(), utc("2026-06-02T10:00:00Z"));
    }

    /// Ports for a class of `places` places whose 10:00 occurrence on 2026-06-02 has `taken`
    /// seats booked.
    fn a_class_with(places: u16, taken: u32) -> Ports {
        a_class_beside(a_service().build().id, places, taken)
    }

    /// Ports for a class of `places` places where the provider's 10:00 on 2026-06-02 holds an
    /// occurrence of `occupying` with `taken` seats booked.
    fn a_class_beside(occupying: ServiceId, places: u16, taken: u32) -> Ports {
        let mut p = open_for_business();
        p.services = MockServiceStore::new();
        p.services
            .expect_by_id()
            .returning(move |_| Ok(Some(a_service().with_capacity(places).build())));
        let ten = TimeRange::new(utc("2026-06-02T10:00:00Z"), utc("2026-06-02T11:00:00Z")).unwrap();
        p.appointments = MockAppointmentStore::new();
        p.appointments
            .expect_busy()
            .returning(move |_, _| Ok(vec![ten; taken as usize]));
        p.appointments.expect_occurrences().returning(move |_, _| {
            Ok(vec![domain::OccurrenceSeats {
                occurrence: domain::Occurrence {
                    service: occupying,
                    start: ten.start(),
                },
                blocked: ten,
                taken,
            }])
        });
        p.appointments.expect_insert().never();
        p
    }

    #[tokio::test]
    async fn a_customer_books_a_seat_in_a_class_the_provider_already_sells() {
        let mut p = a_class_with(12, 9);
        p.appointments
            .expect_insert_seat()
            .withf(|seat, capacity, _, event| {
                capacity.places() == 12
                    && event.kind == ChangeKind::Booked
                    && seat.session.start() == utc("2026-06-02T10:00:00Z")
            })
            .times(1)
            .returning(|_, _, _, _| Ok(()));
        let booking = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await
            .unwrap();
        assert_eq!(booking.appointment.customer, a_customer().build().id);
    }

    #[tokio::test]
    async fn a_full_class_is_refused_before_anything_is_written() {
        let mut p = a_class_with(12, 12);
        p.appointments.expect_insert_seat().never();
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::ClassFull {
                places: 12
            }))
        ));
    }

    #[tokio::test]
    async fn a_class_filled_by_someone_faster_is_reported_full() {
        let mut p = a_class_with(12, 11);
        p.appointments
            .expect_insert_seat()
            .times(1)
            .returning(|_, _, _, _| Err(SeatInsertError::Full));
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::ClassFull {
                places: 12
            }))
        ));
    }

    #[tokio::test]
    async fn a_seat_over_another_classs_occurrence_is_refused_as_taken() {
        let other_class = ServiceId::from_uuid(uuid::Uuid::from_u128(99));
        let mut p = a_class_beside(other_class, 12, 3);
        p.appointments.expect_insert_seat().never();
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::SlotTaken))
        ));
    }

    #[tokio::test]
    async fn only_customers_may_book() {
        for role in [Role::Provider, Role::Admin, Role::Support] {
            let result = use_case(open_for_business())
                .run(&a_user(role).actor(), input("2026-06-02T10:00:00Z"))
                .await;
            assert!(matches!(result, Err(BookError::Forbidden)), "{role:?}");
        }
    }

    #[tokio::test]
    async fn an_unknown_service_is_reported_as_such() {
        let mut p = open_for_business();
        p.services = MockServiceStore::new();
        p.services.expect_by_id().returning(|_| Ok(None));
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(result, Err(BookError::UnknownService)));
    }

    #[tokio::test]
    async fn an_inactive_service_or_provider_cannot_be_booked() {
        let mut p = open_for_business();
        p.services = MockServiceStore::new();
        p.services
            .expect_by_id()
            .returning(|_| Ok(Some(a_service().inactive().build())));
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::Unavailable))
        ));

        let mut p = open_for_business();
        p.users = MockUserStore::new();
        p.users
            .expect_by_id()
            .returning(|_| Ok(Some(a_provider().inactive().build())));
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::Unavailable))
        ));
    }

    #[tokio::test]
    async fn a_taken_slot_is_refused_by_the_store_without_reading_the_appointments() {
        let mut p = open_for_business();
        p.appointments = MockAppointmentStore::new();
        p.appointments.expect_busy().never();
        p.appointments
            .expect_insert()
            .times(1)
            .returning(|_, _, _| Err(RepoError::Conflict));
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::SlotTaken))
        ));
    }

    #[tokio::test]
    async fn a_start_overlapping_an_event_of_the_providers_own_calendar_is_refused() {
        let mut p = open_for_business();
        p.external = MockBusyTimeStore::new();
        p.external
            .expect_sources()
            .returning(|_| Ok(vec![fresh_source()]));
        p.external.expect_busy().returning(|_, _| {
            Ok(vec![
                TimeRange::new(utc("2026-06-02T10:45:00Z"), utc("2026-06-02T11:15:00Z")).unwrap(),
            ])
        });
        p.appointments.expect_insert().never();
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::SlotTaken))
        ));
    }

    /// A store holding `earlier` (booked with a key): a new row at its time or with its key
    /// conflicts, and the key finds it.
    fn holding(earlier: &Appointment) -> MockAppointmentStore {
        let mut appointments = MockAppointmentStore::new();
        appointments
            .expect_insert()
            .returning(|_, _, _| Err(RepoError::Conflict));
        let found = earlier.clone();
        appointments
            .expect_by_idempotency_key()
            .with(eq(a_customer().build().id), eq(key("retry-1")))
            .returning(move |_, _| Ok(Some(found.clone())));
        appointments
    }

    fn key(text: &str) -> IdempotencyKey {
        IdempotencyKey::parse(text).unwrap()
    }

    fn keyed(request: BookingInput) -> BookingInput {
        BookingInput {
            idempotency_key: Some(key("retry-1")),
            ..request
        }
    }

    /// What a first request with key `retry-1` for 10:00 booked.
    async fn first_booking() -> Appointment {
        let mut p = open_for_business();
        p.appointments.expect_insert().returning(|_, _, _| Ok(()));
        use_case(p)
            .run(&a_customer().actor(), keyed(input("2026-06-02T10:00:00Z")))
            .await
            .unwrap()
            .appointment
    }

    #[tokio::test]
    async fn a_new_key_costs_no_read_before_the_write() {
        let mut p = open_for_business();
        p.appointments.expect_by_idempotency_key().never();
        p.appointments
            .expect_insert()
            .withf(|_, key, _| key.as_ref().map(IdempotencyKey::as_str) == Some("retry-1"))
            .times(1)
            .returning(|_, _, _| Ok(()));
        let booking = use_case(p)
            .run(&a_customer().actor(), keyed(input("2026-06-02T10:00:00Z")))
            .await
            .unwrap();
        assert!(!booking.replayed);
    }

    #[tokio::test]
    async fn a_retry_with_the_same_key_returns_the_first_booking() {
        let first = first_booking().await;
        let mut p = open_for_business();
        p.appointments = holding(&first);
        let again = use_case(p)
            .run(&a_customer().actor(), keyed(input("2026-06-02T10:00:00Z")))
            .await
            .unwrap();
        assert_eq!(
            again,
            Booking {
                appointment: first,
                replayed: true
            }
        );
    }

    #[tokio::test]
    async fn a_retry_racing_the_first_request_returns_the_first_booking() {
        let first = first_booking().await;
        let mut p = open_for_business();
        // The first request had not committed when the retry checked the start.
        p.appointments = MockAppointmentStore::new();
        p.appointments
            .expect_insert()
            .times(1)
            .returning(|_, _, _| Err(RepoError::Conflict));
        let found = first.clone();
        p.appointments
            .expect_by_idempotency_key()
            .returning(move |_, _| Ok(Some(found.clone())));
        let again = use_case(p)
            .run(&a_customer().actor(), keyed(input("2026-06-02T10:00:00Z")))
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.appointment, first);
    }

    #[tokio::test]
    async fn a_retry_after_the_service_closed_still_returns_the_first_booking() {
        let first = first_booking().await;
        let mut p = open_for_business();
        p.appointments = holding(&first);
        p.services = MockServiceStore::new();
        p.services.expect_by_id().returning(|_| Ok(None));
        let again = use_case(p)
            .run(&a_customer().actor(), keyed(input("2026-06-02T10:00:00Z")))
            .await
            .unwrap();
        assert!(again.replayed);
    }

    #[tokio::test]
    async fn reusing_a_key_for_another_time_or_note_is_refused() {
        let earlier = first_booking().await;
        let another_time = input("2026-06-02T11:00:00Z");
        let another_note = BookingInput {
            note: Some(Note::parse("Please be quick").unwrap()),
            ..input("2026-06-02T10:00:00Z")
        };
        // The store refuses 11:00 for the key and 10:00 for the time: the key is found either
        // way.
        for request in [another_time, another_note] {
            let mut p = open_for_business();
            p.appointments = holding(&earlier);
            let result = use_case(p).run(&a_customer().actor(), keyed(request)).await;
            assert!(matches!(result, Err(BookError::KeyReused)), "{result:?}");
        }
    }

    #[tokio::test]
    async fn without_a_key_a_taken_slot_reads_no_earlier_booking() {
        let mut p = open_for_business();
        p.appointments.expect_by_idempotency_key().never();
        p.appointments
            .expect_insert()
            .returning(|_, _, _| Err(RepoError::Conflict));
        let result = use_case(p)
            .run(&a_customer().actor(), input("2026-06-02T10:00:00Z"))
            .await;
        assert!(matches!(
            result,
            Err(BookError::Rejected(BookingRejection::SlotTaken))
        ));
    }

    #[tokio::test]
    async fn the_key_of_a_series_is_not_reused_for_a_single_booking() {
        let mut first_of_series = an_appointment().starting("2026-06-02T10:00:00Z").build();
        first_of_series.series = Some(domain::SeriesId::from_uuid(uuid::Uuid::from_u128(77)));
        let mut p = open_for_business();
        p.appointments = MockAppointmentStore::new();
        p.appointments
            .expect_insert()
            .returning(|_, _, _| Err(RepoError::Conflict));
        p.appointments
            .expect_by_idempotency_key()
            .returning(move |_, _| Ok(Some(first_of_series.clone())));
        let request = BookingInput {
            idempotency_key: IdempotencyKey::parse("series-1"),
            ..input("2026-06-02T10:00:00Z")
        };
        let result = use_case(p).run(&a_customer().actor(), request).await;
        assert!(matches!(result, Err(BookError::KeyReused)), "{result:?}");
    }
}
