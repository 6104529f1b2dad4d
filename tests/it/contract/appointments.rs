//! The [`application::ports::AppointmentStore`] contract: round trips, the no-overlap rule
//! (buffers included, under concurrency too), idempotency keys, optimistic revisions, busy
//! ranges and lists.

use std::sync::Arc;

use application::ports::{AppointmentFilter, IdempotencyKey, Period, RepoError};
use application::{AppointmentEvent, ChangeKind};
use domain::{
    Appointment, AppointmentStatus, Cancellation, Note, Party, Reschedule, TimeRange, UserId,
};

use super::{Parties, Stores};
use crate::builders::{a_customer, a_service, an_appointment, utc};

fn event(kind: ChangeKind, appointment: &Appointment) -> AppointmentEvent {
    AppointmentEvent::new(kind, appointment, utc("2030-05-02T09:00:00Z"))
}

async fn insert(stores: &Stores, appointment: &Appointment) -> Result<(), RepoError> {
    let booked = event(ChangeKind::Booked, appointment);
    stores.appointments.insert(appointment, None, &booked).await
}

async fn update(
    stores: &Stores,
    appointment: &Appointment,
    expected: u32,
) -> Result<(), RepoError> {
    let changed = event(ChangeKind::Confirmed, appointment);
    stores
        .appointments
        .update(appointment, expected, &changed)
        .await
}

async fn stored(stores: &Stores, appointment: &Appointment) -> Option<Appointment> {
    stores.appointments.by_id(appointment.id).await.unwrap()
}

/// `appointment` moved by its provider to `start`, keeping its length and buffers.
fn moved_to(appointment: &Appointment, start: &str) -> Appointment {
    let shift = utc(start) - appointment.session.start();
    let shifted = |r: TimeRange| TimeRange::new(r.start() + shift, r.end() + shift).unwrap();
    let mut moved = appointment.clone();
    moved.reschedules.push(Reschedule {
        from: appointment.session,
        to: shifted(appointment.session),
        by: Party::Provider,
        at: utc("2030-05-10T08:30:00Z"),
    });
    moved.session = shifted(appointment.session);
    moved.blocked = shifted(appointment.blocked);
    moved.revision += 1;
    moved
}

fn cancelled(appointment: &Appointment) -> Appointment {
    let mut cancelled = appointment.clone();
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancellation = Some(Cancellation {
        by: Party::Customer,
        reason: Some(Note::parse("Feeling ill").unwrap()),
        at: utc("2030-05-20T18:45:00Z"),
    });
    cancelled.revision += 1;
    cancelled
}

fn key(raw: &str) -> IdempotencyKey {
    IdempotencyKey::parse(raw).unwrap()
}

fn starts(appointments: &[Appointment]) -> Vec<String> {
    appointments
        .iter()
        .map(|a| a.session.start().to_rfc3339())
        .collect()
}

pub async fn appointment_store_round_trips_a_new_appointment(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties_with(a_service().with_buffers(10, 5)).await;
    let appointment = an_appointment(&service, &customer)
        .requested()
        .with_note("Please ring twice.\nSecond floor.")
        .build();
    insert(stores, &appointment).await.unwrap();
    assert_eq!(stored(stores, &appointment).await, Some(appointment));
}

pub async fn appointment_store_round_trips_reschedules_and_cancellation(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties_with(a_service().with_buffers(5, 5)).await;
    let original = an_appointment(&service, &customer).build();
    insert(stores, &original).await.unwrap();
    let once = moved_to(&original, "2030-06-03T14:00:00Z");
    update(stores, &once, 0).await.unwrap();
    let twice = moved_to(&once, "2030-06-04T09:00:00Z");
    update(stores, &twice, 1).await.unwrap();
    let last = cancelled(&twice);
    update(stores, &last, 2).await.unwrap();

    let found = stored(stores, &original).await.unwrap();
    assert_eq!(found.reschedules.len(), 2);
    assert_eq!(found, last);
}

pub async fn appointment_store_finds_nothing_for_an_unknown_id(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let never_stored = an_appointment(&service, &customer).build();
    assert_eq!(stored(stores, &never_stored).await, None);
}

pub async fn appointment_store_rejects_overlapping_active_appointments(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let first = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    insert(stores, &first).await.unwrap();
    let overlapping = an_appointment(&service, &customer)
        .at("2030-06-03T10:30:00Z")
        .requested()
        .build();
    let result = insert(stores, &overlapping).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stored(stores, &overlapping).await, None);
}

pub async fn appointment_store_rejects_an_overlap_of_buffers(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties_with(a_service().with_buffers(15, 15)).await;
    // Blocks 09:45–11:15.
    let first = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    insert(stores, &first).await.unwrap();
    // Sessions 10:00–11:00 and 11:15–12:15 do not overlap, but 11:00–12:30 is blocked.
    let next = an_appointment(&service, &customer)
        .at("2030-06-03T11:15:00Z")
        .build();
    let result = insert(stores, &next).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
}

pub async fn appointment_store_accepts_back_to_back_appointments(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties_with(a_service().with_buffers(15, 15)).await;
    for start in [
        "2030-06-03T10:00:00Z", // blocks 09:45–11:15
        "2030-06-03T11:30:00Z", // blocks 11:15–12:45
        "2030-06-03T08:30:00Z", // blocks 08:15–09:45
    ] {
        let appointment = an_appointment(&service, &customer).at(start).build();
        insert(stores, &appointment).await.unwrap();
    }
    let day = TimeRange::new(utc("2030-06-03T00:00:00Z"), utc("2030-06-04T00:00:00Z")).unwrap();
    let provider = service.provider;
    assert_eq!(
        stores.appointments.busy(provider, day).await.unwrap().len(),
        3
    );
}

pub async fn appointment_store_lets_different_providers_book_the_same_time(stores: &Stores) {
    let ann = stores.parties().await;
    let bob = stores.parties().await;
    let at_ann = an_appointment(&ann.service, &ann.customer).build();
    let at_bob = an_appointment(&bob.service, &ann.customer).build();
    insert(stores, &at_ann).await.unwrap();
    insert(stores, &at_bob).await.unwrap();
    assert_eq!(stored(stores, &at_bob).await, Some(at_bob));
}

pub async fn appointment_store_frees_the_time_of_a_cancelled_appointment(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let first = an_appointment(&service, &customer).build();
    insert(stores, &first).await.unwrap();
    update(stores, &cancelled(&first), 0).await.unwrap();
    let same_time = an_appointment(&service, &customer).build();
    insert(stores, &same_time).await.unwrap();
    assert_eq!(stored(stores, &same_time).await, Some(same_time));
}

pub async fn appointment_store_rejects_a_reschedule_into_an_occupied_range(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let morning = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    let noon = an_appointment(&service, &customer)
        .at("2030-06-03T12:00:00Z")
        .build();
    insert(stores, &morning).await.unwrap();
    insert(stores, &noon).await.unwrap();
    let result = update(stores, &moved_to(&noon, "2030-06-03T10:30:00Z"), 0).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stored(stores, &noon).await, Some(noon));
}

pub async fn appointment_store_lets_an_appointment_move_over_its_own_time(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let appointment = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    insert(stores, &appointment).await.unwrap();
    let later = moved_to(&appointment, "2030-06-03T10:30:00Z");
    update(stores, &later, 0).await.unwrap();
    assert_eq!(stored(stores, &appointment).await, Some(later));
}

pub async fn appointment_store_rejects_a_reused_idempotency_key(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let first = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    let retry = an_appointment(&service, &customer)
        .at("2030-06-04T10:00:00Z")
        .build();
    let booked = event(ChangeKind::Booked, &first);
    stores
        .appointments
        .insert(&first, Some(key("retry-1")), &booked)
        .await
        .unwrap();
    let booked = event(ChangeKind::Booked, &retry);
    let result = stores
        .appointments
        .insert(&retry, Some(key("retry-1")), &booked)
        .await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stored(stores, &retry).await, None);

    let by_key = |raw: &'static str| async move {
        let appointments = &stores.appointments;
        appointments
            .by_idempotency_key(customer.id, &key(raw))
            .await
            .unwrap()
    };
    assert_eq!(by_key("retry-1").await, Some(first));
    assert_eq!(by_key("retry-2").await, None);
}

pub async fn appointment_store_scopes_idempotency_keys_to_the_customer(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let other = stores.add_user(a_customer().build()).await;
    let mine = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    let theirs = an_appointment(&service, &other)
        .at("2030-06-03T12:00:00Z")
        .build();
    for appointment in [&mine, &theirs] {
        let booked = event(ChangeKind::Booked, appointment);
        stores
            .appointments
            .insert(appointment, Some(key("same-key")), &booked)
            .await
            .unwrap();
    }
    let by_key = |who: UserId| async move {
        stores
            .appointments
            .by_idempotency_key(who, &key("same-key"))
            .await
            .unwrap()
    };
    assert_eq!(by_key(customer.id).await, Some(mine));
    assert_eq!(by_key(other.id).await, Some(theirs));
}

pub async fn appointment_store_rejects_an_update_of_a_stale_revision(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let requested = an_appointment(&service, &customer).requested().build();
    insert(stores, &requested).await.unwrap();
    let mut confirmed = requested.clone();
    confirmed.status = AppointmentStatus::Confirmed;
    confirmed.revision = 1;
    update(stores, &confirmed, 0).await.unwrap();

    // A second writer that read revision 0 too.
    let result = update(stores, &cancelled(&requested), 0).await;
    assert!(matches!(result, Err(RepoError::Stale)), "{result:?}");
    assert_eq!(stored(stores, &requested).await, Some(confirmed));
}

pub async fn appointment_store_update_of_a_missing_appointment_is_not_found(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let never_stored = an_appointment(&service, &customer).build();
    let result = update(stores, &never_stored, 0).await;
    assert!(matches!(result, Err(RepoError::NotFound)), "{result:?}");
}

pub async fn appointment_store_reports_busy_ranges_of_active_appointments_in_order(
    stores: &Stores,
) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let elsewhere = stores.parties().await;
    let at = |start: &str| an_appointment(&service, &customer).at(start).build();
    let touching_start = at("2030-06-03T08:00:00Z");
    let noon = at("2030-06-03T12:00:00Z");
    let morning = at("2030-06-03T10:00:00Z");
    let called_off = at("2030-06-03T14:00:00Z");
    let across_end = at("2030-06-03T15:30:00Z");
    let after_end = at("2030-06-03T16:30:00Z");
    for appointment in [
        &touching_start,
        &noon,
        &morning,
        &called_off,
        &across_end,
        &after_end,
    ] {
        insert(stores, appointment).await.unwrap();
    }
    update(stores, &cancelled(&called_off), 0).await.unwrap();
    let other_provider = an_appointment(&elsewhere.service, &customer)
        .at("2030-06-03T11:00:00Z")
        .build();
    insert(stores, &other_provider).await.unwrap();

    let range = TimeRange::new(utc("2030-06-03T09:00:00Z"), utc("2030-06-03T16:00:00Z")).unwrap();
    let busy = stores
        .appointments
        .busy(service.provider, range)
        .await
        .unwrap();
    assert_eq!(busy, [morning.blocked, noon.blocked, across_end.blocked]);
}

pub async fn appointment_store_lists_by_customer_and_provider(stores: &Stores) {
    let ann = stores.parties().await;
    let bob = stores.parties().await;
    let ann_with_ann = an_appointment(&ann.service, &ann.customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    let bob_with_ann = an_appointment(&ann.service, &bob.customer)
        .at("2030-06-03T12:00:00Z")
        .build();
    let ann_with_bob = an_appointment(&bob.service, &ann.customer)
        .at("2030-06-03T14:00:00Z")
        .build();
    for appointment in [&ann_with_ann, &bob_with_ann, &ann_with_bob] {
        insert(stores, appointment).await.unwrap();
    }
    let list = |customer: Option<UserId>, provider: Option<UserId>| async move {
        let filter = AppointmentFilter {
            customer,
            provider,
            period: Period::UpcomingAfter(utc("2030-01-01T00:00:00Z")),
            status: None,
            limit: 10,
        };
        stores.appointments.list(filter).await.unwrap()
    };
    let ann_customer = Some(ann.customer.id);
    let ann_provider = Some(ann.provider.id);
    assert_eq!(
        list(ann_customer, None).await,
        [ann_with_ann.clone(), ann_with_bob]
    );
    assert_eq!(
        list(None, ann_provider).await,
        [ann_with_ann.clone(), bob_with_ann]
    );
    assert_eq!(list(ann_customer, ann_provider).await, [ann_with_ann]);
}

/// One appointment of the customer at 10:00–11:00 on each of 2030-06-03 to 2030-06-06.
async fn four_days(stores: &Stores) -> (UserId, Vec<Appointment>) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let mut appointments = Vec::new();
    // Inserted out of order, so that insertion order cannot pass for period order.
    for day in [5, 3, 6, 4] {
        let start = format!("2030-06-0{day}T10:00:00Z");
        let appointment = an_appointment(&service, &customer).at(&start).build();
        insert(stores, &appointment).await.unwrap();
        appointments.push(appointment);
    }
    (customer.id, appointments)
}

async fn list_for(stores: &Stores, customer: UserId, period: Period, limit: u32) -> Vec<String> {
    let filter = AppointmentFilter {
        customer: Some(customer),
        provider: None,
        period,
        status: None,
        limit,
    };
    starts(&stores.appointments.list(filter).await.unwrap())
}

pub async fn appointment_store_lists_upcoming_soonest_first(stores: &Stores) {
    let (customer, _) = four_days(stores).await;
    // The 2030-06-04 session is under way: it ends after now, so it is still upcoming.
    let now = Period::UpcomingAfter(utc("2030-06-04T10:30:00Z"));
    assert_eq!(
        list_for(stores, customer, now, 10).await,
        [
            "2030-06-04T10:00:00+00:00",
            "2030-06-05T10:00:00+00:00",
            "2030-06-06T10:00:00+00:00"
        ]
    );
    assert_eq!(
        list_for(stores, customer, now, 2).await,
        ["2030-06-04T10:00:00+00:00", "2030-06-05T10:00:00+00:00"]
    );
}

pub async fn appointment_store_lists_past_latest_first(stores: &Stores) {
    let (customer, _) = four_days(stores).await;
    // The 2030-06-05 session ends exactly now: it is past.
    let now = Period::PastBefore(utc("2030-06-05T11:00:00Z"));
    assert_eq!(
        list_for(stores, customer, now, 10).await,
        [
            "2030-06-05T10:00:00+00:00",
            "2030-06-04T10:00:00+00:00",
            "2030-06-03T10:00:00+00:00"
        ]
    );
    assert_eq!(
        list_for(stores, customer, now, 1).await,
        ["2030-06-05T10:00:00+00:00"]
    );
}

pub async fn appointment_store_lists_within_a_range(stores: &Stores) {
    let (customer, _) = four_days(stores).await;
    let range = TimeRange::new(utc("2030-06-04T10:30:00Z"), utc("2030-06-06T10:00:00Z")).unwrap();
    assert_eq!(
        list_for(stores, customer, Period::Within(range), 10).await,
        ["2030-06-04T10:00:00+00:00", "2030-06-05T10:00:00+00:00"]
    );
}

pub async fn appointment_store_lets_one_of_many_concurrent_overlapping_inserts_win(
    stores: &Stores,
) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let mut tasks = tokio::task::JoinSet::new();
    for minute in 0..50 {
        // 60-minute sessions starting within 50 minutes of each other: every pair overlaps.
        let start = format!("2030-06-03T10:{minute:02}:00Z");
        let appointment = an_appointment(&service, &customer).at(&start).build();
        let store = Arc::clone(&stores.appointments);
        tasks.spawn(async move {
            let booked = event(ChangeKind::Booked, &appointment);
            store.insert(&appointment, None, &booked).await
        });
    }
    let results = tasks.join_all().await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    let conflicts = results
        .iter()
        .filter(|r| matches!(r, Err(RepoError::Conflict)))
        .count();
    assert_eq!((won, conflicts), (1, 49), "{results:?}");

    let day = TimeRange::new(utc("2030-06-03T00:00:00Z"), utc("2030-06-04T00:00:00Z")).unwrap();
    let busy = stores
        .appointments
        .busy(service.provider, day)
        .await
        .unwrap();
    assert_eq!(busy.len(), 1);
}

pub async fn appointment_store_lets_one_of_many_concurrent_inserts_with_one_key_win(
    stores: &Stores,
) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let mut tasks = tokio::task::JoinSet::new();
    for day in 10..30 {
        // Free times, all with one key: a retry that lost its answer, sent again and again.
        let start = format!("2030-06-{day:02}T10:00:00Z");
        let appointment = an_appointment(&service, &customer).at(&start).build();
        let store = Arc::clone(&stores.appointments);
        tasks.spawn(async move {
            let booked = event(ChangeKind::Booked, &appointment);
            let result = store.insert(&appointment, Some(key("once")), &booked).await;
            (appointment, result)
        });
    }
    let results = tasks.join_all().await;
    let won: Vec<&Appointment> = results
        .iter()
        .filter(|(_, r)| r.is_ok())
        .map(|(a, _)| a)
        .collect();
    let conflicts = results
        .iter()
        .filter(|(_, r)| matches!(r, Err(RepoError::Conflict)))
        .count();
    assert_eq!((won.len(), conflicts), (1, 19), "{results:?}");
    let by_key = stores
        .appointments
        .by_idempotency_key(customer.id, &key("once"))
        .await
        .unwrap();
    assert_eq!(by_key.as_ref(), won.first().copied());
}

fn reminder(appointment: &Appointment) -> AppointmentEvent {
    AppointmentEvent::new(
        ChangeKind::Reminder,
        appointment,
        utc("2030-06-02T10:00:00Z"),
    )
}

/// From 2030-06-03 00:00 UTC for a day.
fn reminder_window() -> TimeRange {
    TimeRange::new(utc("2030-06-03T00:00:00Z"), utc("2030-06-04T00:00:00Z")).unwrap()
}

async fn due(stores: &Stores) -> Vec<String> {
    starts(
        &stores
            .appointments
            .due_reminders(reminder_window(), 10)
            .await
            .unwrap(),
    )
}

pub async fn appointment_store_lists_confirmed_appointments_due_for_a_reminder(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let later = an_appointment(&service, &customer)
        .at("2030-06-03T15:00:00Z")
        .build();
    let sooner = an_appointment(&service, &customer)
        .at("2030-06-03T09:00:00Z")
        .build();
    let unconfirmed = an_appointment(&service, &customer)
        .at("2030-06-03T11:00:00Z")
        .requested()
        .build();
    let called_off = an_appointment(&service, &customer)
        .at("2030-06-03T13:00:00Z")
        .build();
    let outside = an_appointment(&service, &customer)
        .at("2030-06-04T00:00:00Z")
        .build();
    for a in [&later, &sooner, &unconfirmed, &called_off, &outside] {
        insert(stores, a).await.unwrap();
    }
    let gone = cancelled(&called_off);
    update(stores, &gone, 0).await.unwrap();
    assert_eq!(
        due(stores).await,
        ["2030-06-03T09:00:00+00:00", "2030-06-03T15:00:00+00:00"]
    );
    let first = stores
        .appointments
        .due_reminders(reminder_window(), 1)
        .await
        .unwrap();
    assert_eq!(starts(&first), ["2030-06-03T09:00:00+00:00"]);
}

pub async fn appointment_store_records_a_reminder_once_per_start(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let appointment = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    insert(stores, &appointment).await.unwrap();
    assert!(
        stores
            .appointments
            .record_reminder(&reminder(&appointment))
            .await
            .unwrap()
    );
    assert!(
        !stores
            .appointments
            .record_reminder(&reminder(&appointment))
            .await
            .unwrap()
    );
    assert!(due(stores).await.is_empty());

    // Moved to another time of the window: the new start deserves its own reminder.
    let moved = moved_to(&appointment, "2030-06-03T16:00:00Z");
    update(stores, &moved, 0).await.unwrap();
    assert_eq!(due(stores).await, ["2030-06-03T16:00:00+00:00"]);
    assert!(
        stores
            .appointments
            .record_reminder(&reminder(&moved))
            .await
            .unwrap()
    );
    assert!(due(stores).await.is_empty());
}

pub async fn appointment_store_records_no_reminder_for_an_appointment_changed_meanwhile(
    stores: &Stores,
) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let appointment = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    insert(stores, &appointment).await.unwrap();
    let listed = stores
        .appointments
        .due_reminders(reminder_window(), 10)
        .await
        .unwrap();
    // Cancelled between the listing and the recording.
    update(stores, &cancelled(&appointment), 0).await.unwrap();
    let recorded = stores
        .appointments
        .record_reminder(&reminder(&listed[0]))
        .await
        .unwrap();
    assert!(!recorded);
    assert!(due(stores).await.is_empty());
}

pub async fn appointment_store_lets_one_of_many_concurrent_reminders_record(stores: &Stores) {
    let Parties {
        customer, service, ..
    } = stores.parties().await;
    let appointment = an_appointment(&service, &customer)
        .at("2030-06-03T10:00:00Z")
        .build();
    insert(stores, &appointment).await.unwrap();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let store = Arc::clone(&stores.appointments);
        let event = reminder(&appointment);
        tasks.spawn(async move { store.record_reminder(&event).await.unwrap() });
    }
    let recorded = tasks.join_all().await.into_iter().filter(|r| *r).count();
    assert_eq!(recorded, 1);
}
