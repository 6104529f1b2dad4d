//! Series use cases over each backend's stores: a series booked again with its idempotency key
//! (one after the other, or racing) is booked once, and moving "this and following" keeps the
//! provider's local time across a DST change and moves nothing when one occurrence collides.

use std::sync::Arc;

use application::Actor;
use application::book_series::{BookSeries, SeriesBooking, SeriesChoice};
use application::booking_checks::BookingChecks;
use application::external_busy::ExternalBusy;
use application::move_following::{MoveFollowing, MoveFollowingError};
use application::ports::{Channel, Clock, IdempotencyKey};
use application::preview_series::SeriesRequest;
use application::{AppointmentEvent, ChangeKind};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    Appointment, AppointmentId, BookingPolicy, BookingRejection, LifecycleError, Repeat, Role,
    Schedule, SlotStep, WeeklyHours,
};
use tokio::sync::Barrier;

use super::{Parties, Stores};
use crate::builders::{a_customer, a_provider, a_service, an_appointment, hours, utc};

/// "Now" in these tests: Tuesday 2030-10-01 08:00 UTC, weeks before Berlin's clocks go back
/// (Sunday 2030-10-27).
struct FixedClock;

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        utc("2030-10-01T08:00:00Z")
    }
}

/// A Berlin provider open 08:00–18:00 every day (every half hour, 60 days ahead, 24-hour
/// cut-off) with a 60-minute service, and a customer.
async fn berlin(stores: &Stores) -> Parties {
    let provider = stores
        .add_user(a_provider().in_zone("Europe/Berlin").build())
        .await;
    let customer = stores.add_user(a_customer().build()).await;
    let service = stores.add_service(a_service().by(&provider).build()).await;
    let schedule = Schedule {
        weekly: WeeklyHours::new(std::array::from_fn(|_| hours(&[("08:00", "18:00")]))),
        policy: BookingPolicy::new(60, 60, SlotStep::from_minutes(30).ok(), 24 * 60, true).unwrap(),
        ..Schedule::default()
    };
    stores.schedules.put(provider.id, &schedule).await.unwrap();
    Parties {
        provider,
        customer,
        service,
    }
}

fn checks(stores: &Stores) -> BookingChecks {
    BookingChecks::new(
        stores.users.clone(),
        stores.services.clone(),
        stores.schedules.clone(),
        stores.appointments.clone(),
        ExternalBusy::new(stores.busy_times.clone()),
        Arc::new(FixedClock),
    )
}

fn move_following(stores: &Stores) -> MoveFollowing {
    MoveFollowing::new(
        stores.users.clone(),
        stores.services.clone(),
        stores.schedules.clone(),
        stores.appointments.clone(),
        ExternalBusy::new(stores.busy_times.clone()),
        Arc::new(FixedClock),
    )
}

/// Mondays at 09:00 Berlin time from 14 October 2030, four times.
fn mondays(parties: &Parties) -> SeriesRequest {
    SeriesRequest {
        service: parties.service.id,
        first: utc("2030-10-14T07:00:00Z"),
        repeat: Repeat::new(1, 4).unwrap(),
        note: None,
    }
}

fn customer(parties: &Parties) -> Actor {
    Actor::new(parties.customer.id, Role::Customer)
}

async fn book(stores: &Stores, parties: &Parties, key: &str) -> SeriesBooking {
    BookSeries::new(checks(stores))
        .run(
            &customer(parties),
            &mondays(parties),
            SeriesChoice::AllOrNone,
            IdempotencyKey::parse(key),
        )
        .await
        .unwrap()
}

fn ids(appointments: &[Appointment]) -> Vec<AppointmentId> {
    appointments.iter().map(|a| a.id).collect()
}

fn starts(appointments: &[Appointment]) -> Vec<DateTime<Utc>> {
    appointments.iter().map(|a| a.session.start()).collect()
}

/// The events of the deliveries pending now, each going to every channel (both parties' mail,
/// the provider's calendar, webhooks); they are completed, so the next call sees later ones.
async fn events(stores: &Stores) -> Vec<AppointmentEvent> {
    let now = utc("2030-10-01T08:00:00Z");
    let claimed = stores
        .deliveries
        .claim(now, 500, TimeDelta::minutes(5))
        .await
        .unwrap();
    let mut events: Vec<AppointmentEvent> = Vec::new();
    for delivery in &claimed {
        if !events.contains(&delivery.event) {
            events.push(delivery.event.clone());
        }
        stores.deliveries.complete(delivery, now).await.unwrap();
    }
    for event in &events {
        let channels = claimed.iter().filter(|d| d.event == *event).count();
        assert_eq!(channels, Channel::ALL.len(), "{event:?}");
    }
    events
}

pub async fn a_series_booked_again_with_its_key_is_booked_once(stores: &Stores) {
    let parties = berlin(stores).await;
    let first = book(stores, &parties, "series-key").await;
    let again = book(stores, &parties, "series-key").await;
    assert!(!first.replayed);
    assert!(again.replayed);
    assert_eq!(again.series, first.series);
    assert_eq!(ids(&again.booked), ids(&first.booked));
    let listed = stores.appointments.series(first.series).await.unwrap();
    assert_eq!(listed.len(), 4);
    let booked = events(stores).await;
    assert_eq!(booked.len(), 4, "one set of notices");
}

pub async fn a_series_booked_twice_at_once_with_one_key_is_booked_once(stores: &Stores) {
    let parties = Arc::new(berlin(stores).await);
    let barrier = Arc::new(Barrier::new(2));
    let tasks: Vec<_> = (0..2)
        .map(|_| {
            let use_case = BookSeries::new(checks(stores));
            let (parties, barrier) = (Arc::clone(&parties), Arc::clone(&barrier));
            tokio::spawn(async move {
                barrier.wait().await;
                use_case
                    .run(
                        &customer(&parties),
                        &mondays(&parties),
                        SeriesChoice::AllOrNone,
                        IdempotencyKey::parse("raced-key"),
                    )
                    .await
            })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap().unwrap());
    }
    assert_eq!(answers[0].series, answers[1].series);
    assert_eq!(ids(&answers[0].booked), ids(&answers[1].booked));
    assert_eq!(answers.iter().filter(|a| a.replayed).count(), 1);
    assert_eq!(events(stores).await.len(), 4, "one set of notices");
}

pub async fn moving_following_across_the_dst_change_keeps_the_local_time(stores: &Stores) {
    let parties = berlin(stores).await;
    let series = book(stores, &parties, "dst").await;
    let booked_events = events(stores).await.len();
    assert_eq!(booked_events, 4);
    // The second Monday, 21 October 09:00 CEST, to 10:30 CEST.
    let moved = move_following(stores)
        .run(
            &customer(&parties),
            series.booked[1].id,
            utc("2030-10-21T08:30:00Z"),
        )
        .await
        .unwrap();
    let expected = vec![
        utc("2030-10-21T08:30:00Z"),
        // 10:30 CET, after the clocks went back.
        utc("2030-10-28T09:30:00Z"),
        utc("2030-11-04T09:30:00Z"),
    ];
    assert_eq!(starts(&moved), expected);
    let listed = stores.appointments.series(series.series).await.unwrap();
    assert_eq!(listed[0], series.booked[0], "the earlier occurrence stays");
    assert_eq!(starts(&listed[1..]), expected);
    let rescheduled = events(stores).await;
    assert_eq!(
        rescheduled.len(),
        3,
        "one Rescheduled event per moved occurrence"
    );
    for old in &series.booked[1..] {
        let kind = ChangeKind::Rescheduled { from: old.session };
        assert!(
            rescheduled
                .iter()
                .any(|e| e.appointment.id == old.id && e.kind == kind),
            "{old:?} in {rescheduled:?}"
        );
    }
}

pub async fn moving_following_when_the_third_occurrence_would_collide_moves_none(stores: &Stores) {
    let parties = berlin(stores).await;
    let series = book(stores, &parties, "collide").await;
    // Someone holds 11:00 CET on 28 October, where the third occurrence would go.
    let taken = an_appointment(&parties.service, &parties.customer)
        .at("2030-10-28T10:00:00Z")
        .build();
    stores
        .appointments
        .insert(
            &taken,
            None,
            &AppointmentEvent::new(ChangeKind::Booked, &taken, utc("2030-10-01T08:00:00Z")),
        )
        .await
        .unwrap();
    // The first Monday, 14 October 09:00 CEST, to 11:00 CEST.
    let result = move_following(stores)
        .run(
            &customer(&parties),
            series.booked[0].id,
            utc("2030-10-14T09:00:00Z"),
        )
        .await;
    match result {
        Err(MoveFollowingError::Refused { occurrence, reason }) => {
            assert_eq!(occurrence, series.booked[2].session.start());
            assert_eq!(
                reason,
                LifecycleError::Rejected(BookingRejection::SlotTaken)
            );
        }
        other => panic!("{other:?}"),
    }
    let listed = stores.appointments.series(series.series).await.unwrap();
    assert_eq!(listed, series.booked, "nothing moved");
}
