//! The [`application::ports::DeliveryQueue`] contract, with the fan-out the appointment store
//! performs: one delivery per channel and event, claimed by one worker at a time under a
//! lease, in order per (appointment, channel), retried when due, completed or given up on.

use std::collections::HashSet;
use std::sync::Arc;

use application::ports::{Channel, Delivery, RepoError};
use application::{AppointmentEvent, ChangeKind};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{Appointment, AppointmentStatus, Cancellation, Party};

use super::{Parties, Stores};
use crate::builders::{an_appointment, utc};

const NOW: &str = "2030-05-02T09:00:00Z";

fn now() -> DateTime<Utc> {
    utc(NOW)
}

fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

/// Books a fresh appointment of `parties` at `start`; returns it and its event.
async fn book(stores: &Stores, parties: &Parties, start: &str) -> (Appointment, AppointmentEvent) {
    let appointment = an_appointment(&parties.service, &parties.customer)
        .at(start)
        .build();
    let event = AppointmentEvent::new(ChangeKind::Booked, &appointment, now());
    stores
        .appointments
        .insert(&appointment, None, &event)
        .await
        .unwrap();
    (appointment, event)
}

async fn cancel(stores: &Stores, appointment: &Appointment) -> AppointmentEvent {
    let mut cancelled = appointment.clone();
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancellation = Some(Cancellation {
        by: Party::Provider,
        reason: None,
        at: now(),
    });
    cancelled.revision += 1;
    let kind = ChangeKind::Cancelled {
        by: Party::Provider,
        reason: None,
    };
    let event = AppointmentEvent::new(kind, &cancelled, now());
    stores
        .appointments
        .update(&cancelled, appointment.revision, &event)
        .await
        .unwrap();
    event
}

async fn claim(stores: &Stores, at: DateTime<Utc>, limit: u32) -> Vec<Delivery> {
    stores
        .deliveries
        .claim(at, limit, minutes(5))
        .await
        .unwrap()
}

fn channels(deliveries: &[Delivery]) -> Vec<Channel> {
    let mut channels: Vec<Channel> = deliveries.iter().map(|d| d.channel).collect();
    channels.sort();
    channels
}

pub async fn delivery_queue_fans_each_event_out_into_one_delivery_per_channel(stores: &Stores) {
    let parties = stores.parties().await;
    let (_, booked) = book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let claimed = claim(stores, now(), 10).await;
    assert_eq!(channels(&claimed), Channel::ALL.to_vec());
    for delivery in &claimed {
        assert_eq!(delivery.event, booked);
        assert_eq!(delivery.attempts, 1);
    }
    let ids: HashSet<_> = claimed.iter().map(|d| d.id).collect();
    assert_eq!(ids.len(), Channel::ALL.len());
}

pub async fn delivery_queue_fans_out_every_concurrent_booking_and_nothing_of_the_refused(
    stores: &Stores,
) {
    let parties = stores.parties().await;
    let mut tasks = tokio::task::JoinSet::new();
    for hour in (0..24).step_by(2) {
        // Two hour-long bookings a quarter of an hour apart every other hour: one of each
        // pair is refused.
        for minute in [0, 15] {
            let appointment = an_appointment(&parties.service, &parties.customer)
                .at(&format!("2030-06-03T{hour:02}:{minute:02}:00Z"))
                .build();
            let store = Arc::clone(&stores.appointments);
            tasks.spawn(async move {
                let event = AppointmentEvent::new(ChangeKind::Booked, &appointment, now());
                store
                    .insert(&appointment, None, &event)
                    .await
                    .map(|()| event)
            });
        }
    }
    let results = tasks.join_all().await;
    let booked: Vec<AppointmentEvent> = results.iter().flatten().cloned().collect();
    let refused = results
        .iter()
        .filter(|r| matches!(r, Err(RepoError::Conflict)))
        .count();
    assert_eq!((booked.len(), refused), (12, 12), "{results:?}");

    let claimed = claim(stores, now(), 1000).await;
    assert_eq!(claimed.len(), 12 * Channel::ALL.len());
    for event in &booked {
        let own: Vec<Delivery> = claimed
            .iter()
            .filter(|d| d.event == *event)
            .cloned()
            .collect();
        assert_eq!(channels(&own), Channel::ALL.to_vec(), "{event:?}");
    }
}

pub async fn delivery_queue_creates_nothing_for_a_refused_write_and_a_mail_for_a_completion(
    stores: &Stores,
) {
    let parties = stores.parties().await;
    let (appointment, booked) = book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let clash = an_appointment(&parties.service, &parties.customer)
        .at("2030-06-03T10:30:00Z")
        .build();
    let refused = stores
        .appointments
        .insert(
            &clash,
            None,
            &AppointmentEvent::new(ChangeKind::Booked, &clash, now()),
        )
        .await;
    assert!(matches!(refused, Err(RepoError::Conflict)));
    for delivery in claim(stores, now(), 10).await {
        stores.deliveries.complete(&delivery, now()).await.unwrap();
    }
    let mut done = appointment.clone();
    done.status = AppointmentStatus::Completed;
    done.revision += 1;
    let completed = AppointmentEvent::new(ChangeKind::Completed, &done, now());
    stores
        .appointments
        .update(&done, appointment.revision, &completed)
        .await
        .unwrap();
    // The customer's review request, and the webhooks.
    let claimed = claim(stores, now() + minutes(60), 10).await;
    assert_eq!(
        channels(&claimed),
        vec![Channel::CustomerEmail, Channel::Webhooks]
    );
    assert!(claimed.iter().all(|d| d.event == completed));
    assert_ne!(booked.appointment, done);
}

pub async fn delivery_queue_hides_a_claimed_delivery_until_its_lease_ends(stores: &Stores) {
    let parties = stores.parties().await;
    book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let first = claim(stores, now(), 10).await;
    assert_eq!(first.len(), Channel::ALL.len());
    assert_eq!(claim(stores, now() + minutes(4), 10).await, vec![]);
    // The worker crashed: after the lease, the deliveries are handed out again.
    let again = claim(stores, now() + minutes(5), 10).await;
    assert_eq!(channels(&again), Channel::ALL.to_vec());
    assert!(again.iter().all(|d| d.attempts == 2));
    let first_claims: HashSet<_> = first.iter().map(|d| d.claim).collect();
    assert!(again.iter().all(|d| !first_claims.contains(&d.claim)));
}

pub async fn delivery_queue_never_hands_out_a_completed_delivery_again(stores: &Stores) {
    let parties = stores.parties().await;
    book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let claimed = claim(stores, now(), 1).await;
    assert_eq!(claimed.len(), 1);
    stores
        .deliveries
        .complete(&claimed[0], now())
        .await
        .unwrap();
    let rest = claim(stores, now() + minutes(60), 10).await;
    assert_eq!(rest.len(), Channel::ALL.len() - 1);
    assert!(rest.iter().all(|d| d.id != claimed[0].id));
}

pub async fn delivery_queue_hands_out_a_retried_delivery_again_when_it_is_due(stores: &Stores) {
    let parties = stores.parties().await;
    book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let claimed = claim(stores, now(), 10).await;
    let retried = &claimed[0];
    for other in &claimed[1..] {
        stores.deliveries.complete(other, now()).await.unwrap();
    }
    stores
        .deliveries
        .retry(retried, now() + minutes(2), "421 try later")
        .await
        .unwrap();
    assert_eq!(claim(stores, now() + minutes(1), 10).await, vec![]);
    let again = claim(stores, now() + minutes(2), 10).await;
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempts), (retried.id, 2));
}

pub async fn delivery_queue_hands_out_only_the_oldest_pending_delivery_of_a_stream(
    stores: &Stores,
) {
    let parties = stores.parties().await;
    let (appointment, booked) = book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let cancelled = cancel(stores, &appointment).await;
    let first = claim(stores, now(), 10).await;
    assert_eq!(channels(&first), Channel::ALL.to_vec());
    assert!(first.iter().all(|d| d.event == booked));
    // The customer's booking mail fails and waits; the cancellation must not overtake it.
    let (mail, others): (Vec<Delivery>, Vec<Delivery>) = first
        .into_iter()
        .partition(|d| d.channel == Channel::CustomerEmail);
    stores
        .deliveries
        .retry(&mail[0], now() + minutes(10), "timeout")
        .await
        .unwrap();
    for delivery in &others {
        stores.deliveries.complete(delivery, now()).await.unwrap();
    }
    let second = claim(stores, now() + minutes(1), 10).await;
    assert_eq!(
        channels(&second),
        vec![Channel::ProviderEmail, Channel::Calendar, Channel::Webhooks]
    );
    assert!(second.iter().all(|d| d.event == cancelled));
    for delivery in &second {
        stores.deliveries.complete(delivery, now()).await.unwrap();
    }
    let third = claim(stores, now() + minutes(10), 10).await;
    assert_eq!(third.len(), 1);
    assert_eq!(
        (third[0].channel, &third[0].event),
        (Channel::CustomerEmail, &booked)
    );
    stores.deliveries.complete(&third[0], now()).await.unwrap();
    let last = claim(stores, now() + minutes(11), 10).await;
    assert_eq!(last.len(), 1);
    assert_eq!(
        (last[0].channel, &last[0].event),
        (Channel::CustomerEmail, &cancelled)
    );
}

pub async fn delivery_queue_refuses_to_finish_a_claim_that_was_taken_over(stores: &Stores) {
    let parties = stores.parties().await;
    book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let slow = claim(stores, now(), 1).await.remove(0);
    let taken_over = claim(stores, now() + minutes(5), 1).await.remove(0);
    assert_eq!(slow.id, taken_over.id);
    for result in [
        stores.deliveries.complete(&slow, now()).await,
        stores.deliveries.retry(&slow, now(), "late").await,
        stores.deliveries.give_up(&slow, now(), "late").await,
    ] {
        assert!(matches!(result, Err(RepoError::Stale)), "{result:?}");
    }
    stores
        .deliveries
        .complete(&taken_over, now() + minutes(6))
        .await
        .unwrap();
    let finished_twice = stores.deliveries.complete(&taken_over, now()).await;
    assert!(matches!(finished_twice, Err(RepoError::Stale)));
}

pub async fn delivery_queue_lists_given_up_deliveries_and_moves_on_to_the_next(stores: &Stores) {
    let parties = stores.parties().await;
    let (appointment, booked) = book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let cancelled = cancel(stores, &appointment).await;
    let first = claim(stores, now(), 10).await;
    assert_eq!(stores.deliveries.failed(10).await.unwrap(), vec![]);
    let mut given_up = Vec::new();
    for (n, delivery) in first.iter().enumerate() {
        let at = now() + minutes(i64::try_from(n).unwrap());
        stores
            .deliveries
            .give_up(delivery, at, &format!("550 refused #{n}"))
            .await
            .unwrap();
        given_up.push(delivery.id);
    }
    let failed = stores.deliveries.failed(2).await.unwrap();
    let last = given_up.len() - 1;
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].id, given_up[last]);
    assert_eq!(failed[0].error, format!("550 refused #{last}"));
    assert_eq!(failed[0].event, booked);
    assert_eq!(failed[0].attempts, 1);
    assert_eq!(
        failed[0].failed_at,
        now() + minutes(i64::try_from(last).unwrap())
    );
    assert_eq!(failed[1].id, given_up[last - 1]);
    let next = claim(stores, now(), 10).await;
    assert_eq!(channels(&next), Channel::ALL.to_vec());
    assert!(next.iter().all(|d| d.event == cancelled));
}

pub async fn delivery_queue_hands_each_delivery_to_one_of_many_concurrent_workers(stores: &Stores) {
    let parties = stores.parties().await;
    for day in 3..13 {
        book(stores, &parties, &format!("2030-06-{day:02}T10:00:00Z")).await;
    }
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let queue = Arc::clone(&stores.deliveries);
        workers.spawn(async move {
            let mut mine = Vec::new();
            loop {
                let batch = queue.claim(now(), 3, minutes(5)).await.unwrap();
                if batch.is_empty() {
                    return mine;
                }
                for delivery in batch {
                    queue.complete(&delivery, now()).await.unwrap();
                    mine.push(delivery.id);
                }
            }
        });
    }
    let all: Vec<_> = workers.join_all().await.into_iter().flatten().collect();
    let distinct: HashSet<_> = all.iter().collect();
    assert_eq!((all.len(), distinct.len()), (40, 40));
}

pub async fn delivery_queue_sends_reminders_by_mail_only(stores: &Stores) {
    let parties = stores.parties().await;
    let (appointment, _) = book(stores, &parties, "2030-06-03T10:00:00Z").await;
    for delivery in claim(stores, now(), 10).await {
        stores.deliveries.complete(&delivery, now()).await.unwrap();
    }
    let reminder = AppointmentEvent::new(ChangeKind::Reminder, &appointment, now());
    assert!(
        stores
            .appointments
            .record_reminder(&reminder)
            .await
            .unwrap()
    );
    let claimed = claim(stores, now(), 10).await;
    assert_eq!(
        channels(&claimed),
        vec![Channel::CustomerEmail, Channel::ProviderEmail]
    );
    assert!(claimed.iter().all(|d| d.event == reminder));
}

pub async fn delivery_queue_hands_a_released_claim_back_at_once_as_if_never_claimed(
    stores: &Stores,
) {
    let parties = stores.parties().await;
    book(stores, &parties, "2030-06-03T10:00:00Z").await;
    let claimed = claim(stores, now(), 10).await;
    assert_eq!(claimed.len(), Channel::ALL.len());
    for delivery in &claimed {
        stores.deliveries.release(delivery).await.unwrap();
    }
    // No waiting for the lease: handed out again at once, the attempt not counted.
    let again = claim(stores, now(), 10).await;
    assert_eq!(channels(&again), Channel::ALL.to_vec());
    assert!(again.iter().all(|d| d.attempts == 1), "{again:?}");
    assert!(matches!(
        stores.deliveries.release(&claimed[0]).await,
        Err(RepoError::Stale)
    ));
}

pub async fn delivery_queue_reports_its_backlog_per_channel(stores: &Stores) {
    let parties = stores.parties().await;
    let empty = stores.deliveries.backlog(now()).await.unwrap();
    assert_eq!(
        empty.iter().map(|b| b.channel).collect::<Vec<_>>(),
        Channel::ALL.to_vec()
    );
    assert!(empty.iter().all(|b| b.pending == 0 && b.failed == 0));
    assert!(
        empty
            .iter()
            .all(|b| b.oldest_pending.is_none() && b.waiting_since.is_none())
    );

    let before = Utc::now() - TimeDelta::seconds(1);
    book(stores, &parties, "2030-06-03T10:00:00Z").await;
    book(stores, &parties, "2030-06-04T10:00:00Z").await;
    let claimed = claim(stores, now(), 1).await;
    stores
        .deliveries
        .give_up(&claimed[0], now(), "refused")
        .await
        .unwrap();
    let backlog = stores.deliveries.backlog(now()).await.unwrap();
    for b in &backlog {
        let gave_up = b.channel == claimed[0].channel;
        assert_eq!(b.pending, if gave_up { 1 } else { 2 }, "{b:?}");
        assert_eq!(b.failed, u64::from(gave_up), "{b:?}");
        let enqueued = b.oldest_pending.expect("an oldest pending delivery");
        assert!(enqueued >= before && enqueued <= Utc::now(), "{b:?}");
        assert!(b.waiting_since.is_some(), "due and unclaimed: {b:?}");
    }
    // Claimed (under lease) or waiting for a retry: nothing waits for a worker.
    let all = claim(stores, now(), 10).await;
    for delivery in &all {
        stores
            .deliveries
            .retry(delivery, now() + minutes(30), "down")
            .await
            .unwrap();
    }
    let backlog = stores.deliveries.backlog(now()).await.unwrap();
    assert!(
        backlog.iter().all(|b| b.waiting_since.is_none()),
        "{backlog:?}"
    );
    assert!(
        backlog.iter().all(|b| b.oldest_pending.is_some()),
        "{backlog:?}"
    );
}
