//! The seat part of the [`application::ports::AppointmentStore`] contract: seats of one class
//! occurrence share the provider's time and never exceed the capacity, under concurrency too;
//! nothing else shares it.

use std::sync::Arc;

use application::ports::{IdempotencyKey, RepoError, SeatInsertError};
use application::{AppointmentEvent, ChangeKind};
use chrono::TimeDelta;
use domain::{
    Appointment, AppointmentStatus, Cancellation, Capacity, Occurrence, Party, Reschedule,
    TimeRange,
};

use super::{Parties, Stores};
use crate::builders::{a_customer, a_service, an_appointment, utc};

fn booked(seat: &Appointment) -> AppointmentEvent {
    AppointmentEvent::new(ChangeKind::Booked, seat, utc("2030-05-02T09:00:00Z"))
}

fn places(n: u16) -> Capacity {
    Capacity::new(n).unwrap()
}

async fn book_seat(
    stores: &Stores,
    seat: &Appointment,
    capacity: u16,
) -> Result<(), SeatInsertError> {
    stores
        .appointments
        .insert_seat(seat, places(capacity), None, &booked(seat))
        .await
}

/// A class of `capacity` places with its provider and one stored customer.
async fn a_class(stores: &Stores, capacity: u16) -> Parties {
    stores
        .parties_with(
            a_service()
                .lasting(60)
                .with_buffers(0, 15)
                .seating(capacity),
        )
        .await
}

/// A seat at 10:00 (the builder's start) for a new stored customer.
async fn a_seat(stores: &Stores, parties: &Parties) -> Appointment {
    let customer = stores.add_user(a_customer().build()).await;
    an_appointment(&parties.service, &parties.customer)
        .for_customer(&customer)
        .build()
}

fn day() -> TimeRange {
    TimeRange::new(utc("2030-06-03T00:00:00Z"), utc("2030-06-04T00:00:00Z")).unwrap()
}

fn ten(parties: &Parties) -> Occurrence {
    Occurrence {
        service: parties.service.id,
        start: utc("2030-06-03T10:00:00Z"),
    }
}

pub async fn seat_store_fills_a_class_and_refuses_the_next_seat(stores: &Stores) {
    let class = a_class(stores, 3).await;
    let mut seats = Vec::new();
    for _ in 0..3 {
        let seat = a_seat(stores, &class).await;
        book_seat(stores, &seat, 3).await.unwrap();
        seats.push(seat);
    }
    let fourth = a_seat(stores, &class).await;
    assert!(matches!(
        book_seat(stores, &fourth, 3).await,
        Err(SeatInsertError::Full)
    ));
    assert_eq!(stores.appointments.by_id(fourth.id).await.unwrap(), None);
    let mut found = stores.appointments.seats(ten(&class)).await.unwrap();
    found.sort_by_key(|a| a.id);
    seats.sort_by_key(|a| a.id);
    assert_eq!(found, seats);
}

pub async fn seat_store_frees_the_seat_of_a_cancelled_booking(stores: &Stores) {
    let class = a_class(stores, 2).await;
    let first = a_seat(stores, &class).await;
    let second = a_seat(stores, &class).await;
    book_seat(stores, &first, 2).await.unwrap();
    book_seat(stores, &second, 2).await.unwrap();
    let mut cancelled = first.clone();
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancellation = Some(Cancellation {
        by: Party::Customer,
        reason: None,
        at: utc("2030-05-20T18:45:00Z"),
    });
    cancelled.revision += 1;
    let event = AppointmentEvent::new(
        ChangeKind::Cancelled {
            by: Party::Customer,
            reason: None,
        },
        &cancelled,
        utc("2030-05-20T18:45:00Z"),
    );
    stores
        .appointments
        .update(&cancelled, 0, &event)
        .await
        .unwrap();
    let third = a_seat(stores, &class).await;
    book_seat(stores, &third, 2).await.unwrap();
    assert_eq!(
        stores.appointments.seats(ten(&class)).await.unwrap().len(),
        2
    );
}

pub async fn seat_store_shares_time_only_within_one_occurrence(stores: &Stores) {
    let class = a_class(stores, 5).await;
    book_seat(stores, &a_seat(stores, &class).await, 5)
        .await
        .unwrap();
    // The same class half an hour later overlaps: another occurrence.
    let later = an_appointment(&class.service, &class.customer)
        .at("2030-06-03T10:30:00Z")
        .build();
    assert!(matches!(
        book_seat(stores, &later, 5).await,
        Err(SeatInsertError::Store(RepoError::Conflict))
    ));
    // Another class of the provider at the same start: another occurrence.
    let other = stores
        .add_service(
            a_service()
                .by(&class.provider)
                .lasting(60)
                .seating(5)
                .build(),
        )
        .await;
    let other_seat = an_appointment(&other, &class.customer).build();
    assert!(matches!(
        book_seat(stores, &other_seat, 5).await,
        Err(SeatInsertError::Store(RepoError::Conflict))
    ));
    // A one-to-one appointment over the class.
    let alone = an_appointment(&class.service, &class.customer)
        .at("2030-06-03T10:45:00Z")
        .build();
    assert!(matches!(
        stores
            .appointments
            .insert(&alone, None, &booked(&alone))
            .await,
        Err(RepoError::Conflict)
    ));
    // Back to back after the class and its buffer is free.
    let after = an_appointment(&class.service, &class.customer)
        .at("2030-06-03T11:15:00Z")
        .build();
    book_seat(stores, &after, 5).await.unwrap();
}

pub async fn seat_store_refuses_a_seat_over_a_one_to_one_appointment(stores: &Stores) {
    let class = a_class(stores, 5).await;
    let alone = an_appointment(&class.service, &class.customer).build();
    stores
        .appointments
        .insert(&alone, None, &booked(&alone))
        .await
        .unwrap();
    let seat = a_seat(stores, &class).await;
    assert!(matches!(
        book_seat(stores, &seat, 5).await,
        Err(SeatInsertError::Store(RepoError::Conflict))
    ));
}

pub async fn seat_store_keeps_a_seat_in_its_occurrence_through_a_change_in_place(stores: &Stores) {
    let class = a_class(stores, 5).await;
    let confirmed = a_seat(stores, &class).await;
    let mut requested = a_seat(stores, &class).await;
    requested.status = AppointmentStatus::Requested;
    book_seat(stores, &confirmed, 5).await.unwrap();
    book_seat(stores, &requested, 5).await.unwrap();
    let mut accepted = requested.clone();
    accepted.status = AppointmentStatus::Confirmed;
    accepted.revision += 1;
    let event = AppointmentEvent::new(
        ChangeKind::Confirmed,
        &accepted,
        utc("2030-05-10T08:30:00Z"),
    );
    stores
        .appointments
        .update(&accepted, 0, &event)
        .await
        .unwrap();
    let seats = stores.appointments.seats(ten(&class)).await.unwrap();
    assert_eq!(seats.len(), 2);
    assert!(seats.contains(&accepted));
}

pub async fn seat_store_makes_a_moved_seat_hold_its_time_alone(stores: &Stores) {
    let class = a_class(stores, 5).await;
    let staying = a_seat(stores, &class).await;
    let moving = a_seat(stores, &class).await;
    book_seat(stores, &staying, 5).await.unwrap();
    book_seat(stores, &moving, 5).await.unwrap();
    let shift = TimeDelta::minutes(30);
    let shifted = |r: TimeRange| TimeRange::new(r.start() + shift, r.end() + shift).unwrap();
    let mut moved = moving.clone();
    moved.reschedules.push(Reschedule {
        from: moving.session,
        to: shifted(moving.session),
        by: Party::Provider,
        at: utc("2030-05-10T08:30:00Z"),
    });
    moved.session = shifted(moving.session);
    moved.blocked = shifted(moving.blocked);
    moved.revision += 1;
    let event = AppointmentEvent::new(ChangeKind::Confirmed, &moved, utc("2030-05-10T08:30:00Z"));
    assert!(matches!(
        stores.appointments.update(&moved, 0, &event).await,
        Err(RepoError::Conflict)
    ));
    assert_eq!(
        stores.appointments.seats(ten(&class)).await.unwrap().len(),
        2
    );
}

pub async fn seat_store_counts_seats_per_occurrence_in_a_range(stores: &Stores) {
    let class = a_class(stores, 4).await;
    for _ in 0..3 {
        book_seat(stores, &a_seat(stores, &class).await, 4)
            .await
            .unwrap();
    }
    let noon = an_appointment(&class.service, &class.customer)
        .at("2030-06-03T12:00:00Z")
        .build();
    book_seat(stores, &noon, 4).await.unwrap();
    let alone = an_appointment(&class.service, &class.customer)
        .at("2030-06-03T14:00:00Z")
        .build();
    stores
        .appointments
        .insert(&alone, None, &booked(&alone))
        .await
        .unwrap();

    let found = stores
        .appointments
        .occurrences(class.provider.id, day())
        .await
        .unwrap();
    let seen: Vec<(String, String, u32)> = found
        .iter()
        .map(|o| {
            assert_eq!(o.occurrence.service, class.service.id);
            (
                o.occurrence.start.to_rfc3339(),
                o.blocked.end().to_rfc3339(),
                o.taken,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "2030-06-03T10:00:00+00:00".to_owned(),
                "2030-06-03T11:15:00+00:00".to_owned(),
                3
            ),
            (
                "2030-06-03T12:00:00+00:00".to_owned(),
                "2030-06-03T13:15:00+00:00".to_owned(),
                1
            ),
        ]
    );
    // Busy time still has every seat's range, for the provider's other services.
    let busy = stores
        .appointments
        .busy(class.provider.id, day())
        .await
        .unwrap();
    assert_eq!(busy.len(), 5);
    let morning = TimeRange::new(utc("2030-06-03T11:30:00Z"), utc("2030-06-03T13:00:00Z")).unwrap();
    let only_noon = stores
        .appointments
        .occurrences(class.provider.id, morning)
        .await
        .unwrap();
    assert_eq!(only_noon.len(), 1);
    assert_eq!(only_noon[0].occurrence.start, utc("2030-06-03T12:00:00Z"));
}

pub async fn seat_store_rejects_a_reused_idempotency_key(stores: &Stores) {
    let class = a_class(stores, 5).await;
    let key = IdempotencyKey::parse("class-42").unwrap();
    let first = an_appointment(&class.service, &class.customer).build();
    let again = an_appointment(&class.service, &class.customer).build();
    for (seat, expected_ok) in [(&first, true), (&again, false)] {
        let result = stores
            .appointments
            .insert_seat(seat, places(5), Some(key.clone()), &booked(seat))
            .await;
        assert_eq!(result.is_ok(), expected_ok, "{result:?}");
        if !expected_ok {
            assert!(matches!(
                result,
                Err(SeatInsertError::Store(RepoError::Conflict))
            ));
        }
    }
    let found = stores
        .appointments
        .by_idempotency_key(class.customer.id, &key)
        .await
        .unwrap();
    assert_eq!(found.map(|a| a.id), Some(first.id));
}

pub async fn seat_store_lets_exactly_the_free_seats_go_to_concurrent_bookers(stores: &Stores) {
    let class = a_class(stores, 12).await;
    for _ in 0..9 {
        book_seat(stores, &a_seat(stores, &class).await, 12)
            .await
            .unwrap();
    }
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let seat = a_seat(stores, &class).await;
        let store = Arc::clone(&stores.appointments);
        tasks.spawn(async move {
            store
                .insert_seat(&seat, places(12), None, &booked(&seat))
                .await
        });
    }
    let results = tasks.join_all().await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    let full = results
        .iter()
        .filter(|r| matches!(r, Err(SeatInsertError::Full)))
        .count();
    assert_eq!((won, full), (3, 17), "{results:?}");
    assert_eq!(
        stores.appointments.seats(ten(&class)).await.unwrap().len(),
        12
    );
}
