//! The series part of the [`application::ports::AppointmentStore`] contract: occurrences are
//! inserted all or none, a conflict names the occurrence, each occurrence brings its event and
//! deliveries, a series' idempotency key is kept once, and a series is listed, cancelled and
//! moved together.

use std::sync::Arc;

use application::ports::{Channel, IdempotencyKey, RepoError, SeriesChange, SeriesInsertError};
use application::{AppointmentEvent, ChangeKind};
use chrono::TimeDelta;
use domain::{Appointment, AppointmentStatus, Cancellation, Party, SeriesId, TimeRange};
use tokio::sync::Barrier;
use uuid::Uuid;

use super::{Parties, Stores};
use crate::builders::{an_appointment, utc};

fn event(kind: ChangeKind, appointment: &Appointment) -> AppointmentEvent {
    AppointmentEvent::new(kind, appointment, utc("2030-05-02T09:00:00Z"))
}

/// `count` weekly occurrences of one new series from Monday 2030-06-03 10:00 UTC.
fn weekly(parties: &Parties, count: i64) -> Vec<(Appointment, AppointmentEvent)> {
    let series = Some(SeriesId::from_uuid(Uuid::now_v7()));
    (0..count)
        .map(|week| {
            let start = utc("2030-06-03T10:00:00Z") + TimeDelta::weeks(week);
            let mut a = an_appointment(&parties.service, &parties.customer)
                .at(&start.to_rfc3339())
                .build();
            a.series = series;
            let booked = event(ChangeKind::Booked, &a);
            (a, booked)
        })
        .collect()
}

fn series_of(occurrences: &[(Appointment, AppointmentEvent)]) -> SeriesId {
    occurrences[0].0.series.unwrap()
}

pub async fn appointment_store_inserts_a_series_and_lists_it_soonest_first(stores: &Stores) {
    let parties = stores.parties().await;
    let occurrences = weekly(&parties, 4);
    stores
        .appointments
        .insert_series(&occurrences, None)
        .await
        .unwrap();
    let listed = stores
        .appointments
        .series(series_of(&occurrences))
        .await
        .unwrap();
    let expected: Vec<Appointment> = occurrences.into_iter().map(|(a, _)| a).collect();
    assert_eq!(listed, expected);
    assert_eq!(
        stores
            .appointments
            .series(SeriesId::from_uuid(Uuid::now_v7()))
            .await
            .unwrap(),
        vec![]
    );
}

pub async fn appointment_store_inserts_no_occurrence_when_one_conflicts(stores: &Stores) {
    let parties = stores.parties().await;
    let occurrences = weekly(&parties, 6);
    // Someone holds the fifth week already.
    let taken = an_appointment(&parties.service, &parties.customer)
        .at("2030-07-01T10:30:00Z")
        .build();
    stores
        .appointments
        .insert(&taken, None, &event(ChangeKind::Booked, &taken))
        .await
        .unwrap();
    let result = stores.appointments.insert_series(&occurrences, None).await;
    assert!(
        matches!(result, Err(SeriesInsertError::Conflict { occurrence: 4 })),
        "{result:?}"
    );
    assert_eq!(
        stores
            .appointments
            .series(series_of(&occurrences))
            .await
            .unwrap(),
        vec![]
    );
    for (a, _) in &occurrences {
        assert_eq!(stores.appointments.by_id(a.id).await.unwrap(), None);
    }
    // Only the one booking's deliveries exist.
    let claimed = stores
        .deliveries
        .claim(utc("2030-05-02T09:00:00Z"), 100, TimeDelta::minutes(5))
        .await
        .unwrap();
    assert!(claimed.iter().all(|d| d.event.appointment.id == taken.id));
}

pub async fn appointment_store_refuses_a_series_overlapping_itself(stores: &Stores) {
    let parties = stores.parties().await;
    let mut occurrences = weekly(&parties, 3);
    let mut again = occurrences[1].clone();
    again.0.id = an_appointment(&parties.service, &parties.customer)
        .build()
        .id;
    again.1 = event(ChangeKind::Booked, &again.0);
    occurrences.push(again);
    let result = stores.appointments.insert_series(&occurrences, None).await;
    assert!(
        matches!(result, Err(SeriesInsertError::Conflict { occurrence: 3 })),
        "{result:?}"
    );
    assert_eq!(
        stores
            .appointments
            .series(series_of(&occurrences))
            .await
            .unwrap(),
        vec![]
    );
}

pub async fn appointment_store_records_each_occurrences_event_with_its_deliveries(stores: &Stores) {
    let parties = stores.parties().await;
    let occurrences = weekly(&parties, 3);
    stores
        .appointments
        .insert_series(&occurrences, None)
        .await
        .unwrap();
    let claimed = stores
        .deliveries
        .claim(utc("2030-05-02T09:00:00Z"), 100, TimeDelta::minutes(5))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3 * Channel::ALL.len());
    for (_, booked) in &occurrences {
        assert_eq!(
            claimed.iter().filter(|d| d.event == *booked).count(),
            Channel::ALL.len()
        );
    }
}

fn cancelled(a: &Appointment) -> SeriesChange {
    let mut cancelled = a.clone();
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancellation = Some(Cancellation {
        by: Party::Customer,
        reason: None,
        at: utc("2030-05-20T18:45:00Z"),
    });
    cancelled.revision += 1;
    let kind = ChangeKind::Cancelled {
        by: Party::Customer,
        reason: None,
    };
    SeriesChange {
        event: event(kind, &cancelled),
        appointment: cancelled,
        expected_revision: a.revision,
    }
}

pub async fn appointment_store_cancels_occurrences_together(stores: &Stores) {
    let parties = stores.parties().await;
    let occurrences = weekly(&parties, 4);
    stores
        .appointments
        .insert_series(&occurrences, None)
        .await
        .unwrap();
    let changes: Vec<SeriesChange> = occurrences[1..].iter().map(|(a, _)| cancelled(a)).collect();
    stores.appointments.update_series(&changes).await.unwrap();
    let statuses: Vec<AppointmentStatus> = stores
        .appointments
        .series(series_of(&occurrences))
        .await
        .unwrap()
        .iter()
        .map(|a| a.status)
        .collect();
    assert_eq!(
        statuses,
        vec![
            AppointmentStatus::Confirmed,
            AppointmentStatus::Cancelled,
            AppointmentStatus::Cancelled,
            AppointmentStatus::Cancelled
        ]
    );
}

pub async fn appointment_store_cancels_no_occurrence_when_one_is_stale(stores: &Stores) {
    let parties = stores.parties().await;
    let occurrences = weekly(&parties, 3);
    stores
        .appointments
        .insert_series(&occurrences, None)
        .await
        .unwrap();
    let mut changes: Vec<SeriesChange> = occurrences.iter().map(|(a, _)| cancelled(a)).collect();
    changes[2].expected_revision = 7;
    let result = stores.appointments.update_series(&changes).await;
    assert!(matches!(result, Err(RepoError::Stale)), "{result:?}");
    let listed = stores
        .appointments
        .series(series_of(&occurrences))
        .await
        .unwrap();
    assert!(
        listed
            .iter()
            .all(|a| a.status == AppointmentStatus::Confirmed)
    );
}

fn key(raw: &str) -> IdempotencyKey {
    IdempotencyKey::parse(raw).unwrap()
}

/// `weekly` from a later Monday, so it overlaps nothing of an earlier `weekly`.
fn weekly_later(parties: &Parties, count: i64) -> Vec<(Appointment, AppointmentEvent)> {
    weekly(parties, count)
        .into_iter()
        .map(|(mut a, _)| {
            let later = TimeDelta::weeks(20);
            a.session = TimeRange::new(a.session.start() + later, a.session.end() + later).unwrap();
            a.blocked = a.session;
            let booked = event(ChangeKind::Booked, &a);
            (a, booked)
        })
        .collect()
}

pub async fn appointment_store_remembers_a_series_key_on_its_first_occurrence(stores: &Stores) {
    let parties = stores.parties().await;
    let first = weekly(&parties, 3);
    let store = &stores.appointments;
    store
        .insert_series(&first, Some(key("series-1")))
        .await
        .unwrap();
    let keyed = store
        .by_idempotency_key(parties.customer.id, &key("series-1"))
        .await
        .unwrap();
    assert_eq!(keyed, Some(first[0].0.clone()));

    // The same key again, for other times: refused at the first occurrence, nothing written.
    let again = weekly_later(&parties, 3);
    let result = store.insert_series(&again, Some(key("series-1"))).await;
    assert!(
        matches!(result, Err(SeriesInsertError::Conflict { occurrence: 0 })),
        "{result:?}"
    );
    assert_eq!(store.series(series_of(&again)).await.unwrap(), vec![]);
}

pub async fn appointment_store_lets_one_of_two_concurrent_series_with_one_key_win(stores: &Stores) {
    let parties = stores.parties().await;
    let (one, other) = (weekly(&parties, 3), weekly_later(&parties, 3));
    let barrier = Arc::new(Barrier::new(2));
    let tasks: Vec<_> = [one.clone(), other.clone()]
        .into_iter()
        .map(|occurrences| {
            let store = Arc::clone(&stores.appointments);
            let barrier = Arc::clone(&barrier);
            tokio::spawn(async move {
                barrier.wait().await;
                store.insert_series(&occurrences, Some(key("raced"))).await
            })
        })
        .collect();
    let mut won = Vec::new();
    for task in tasks {
        won.push(task.await.unwrap().is_ok());
    }
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
    let winner = if won[0] { &one } else { &other };
    let loser = if won[0] { &other } else { &one };
    let keyed = stores
        .appointments
        .by_idempotency_key(parties.customer.id, &key("raced"))
        .await
        .unwrap();
    assert_eq!(keyed, Some(winner[0].0.clone()));
    assert_eq!(
        stores.appointments.series(series_of(loser)).await.unwrap(),
        vec![]
    );
}

/// `a` moved by `by`, as a lifecycle change with its `Rescheduled` event.
fn moved(a: &Appointment, by: TimeDelta) -> SeriesChange {
    let mut moved = a.clone();
    moved.session = TimeRange::new(a.session.start() + by, a.session.end() + by).unwrap();
    moved.blocked = moved.session;
    moved.revision += 1;
    let kind = ChangeKind::Rescheduled { from: a.session };
    SeriesChange {
        event: event(kind, &moved),
        appointment: moved,
        expected_revision: a.revision,
    }
}

pub async fn appointment_store_moves_no_occurrence_when_the_third_collides(stores: &Stores) {
    let parties = stores.parties().await;
    let occurrences = weekly(&parties, 4);
    stores
        .appointments
        .insert_series(&occurrences, None)
        .await
        .unwrap();
    // Someone holds 12:00 in the third week.
    let taken = an_appointment(&parties.service, &parties.customer)
        .at("2030-06-17T12:30:00Z")
        .build();
    stores
        .appointments
        .insert(&taken, None, &event(ChangeKind::Booked, &taken))
        .await
        .unwrap();
    let changes: Vec<SeriesChange> = occurrences
        .iter()
        .map(|(a, _)| moved(a, TimeDelta::hours(2)))
        .collect();
    let result = stores.appointments.update_series(&changes).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    let listed = stores
        .appointments
        .series(series_of(&occurrences))
        .await
        .unwrap();
    let expected: Vec<Appointment> = occurrences.into_iter().map(|(a, _)| a).collect();
    assert_eq!(listed, expected);
}
