//! The [`application::ports::WaitlistStore`] contract: one open entry per customer and service,
//! a hold offered once and only on free time (it then blocks the time like a booking), answers
//! and expiry settled once, and the lists in the order customers joined.

use application::ports::{EntryState, OfferError, RepoError, WaitlistEntry};
use application::{AppointmentEvent, ChangeKind};
use chrono::{NaiveTime, TimeDelta};
use domain::{
    Appointment, AppointmentStatus, Capacity, TimeRange, User, WaitWindow, WaitlistEntryId, Zone,
};

use super::{Parties, Stores};
use crate::builders::{a_customer, an_appointment, date, fresh_uuid, utc};

/// Joined at `NOW` plus `n` seconds.
const NOW: &str = "2030-05-01T09:00:00Z";

fn an_entry(parties: &Parties, customer: &User, n: i64) -> WaitlistEntry {
    let hour = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    WaitlistEntry {
        id: WaitlistEntryId::from_uuid(fresh_uuid()),
        service: parties.service.id,
        provider: parties.provider.id,
        customer: customer.id,
        window: WaitWindow::new(
            date(2030, 6, 3),
            date(2030, 6, 3),
            hour(8),
            hour(12),
            Zone::UTC,
        )
        .unwrap(),
        joined_at: utc(NOW) + TimeDelta::seconds(n),
        state: EntryState::Waiting,
        hold: None,
    }
}

/// A held place of `customer` at 10:00 on 2030-06-03, with its event.
fn a_hold(parties: &Parties, customer: &User) -> (Appointment, AppointmentEvent) {
    let hold = an_appointment(&parties.service, customer)
        .build()
        .into_hold();
    let kind = ChangeKind::HoldOffered {
        until: utc("2030-05-01T11:00:00Z"),
    };
    let event = AppointmentEvent::new(kind, &hold, utc(NOW));
    (hold, event)
}

fn one() -> Capacity {
    Capacity::new(1).unwrap()
}

fn june_third() -> TimeRange {
    TimeRange::new(utc("2030-06-03T00:00:00Z"), utc("2030-06-04T00:00:00Z")).unwrap()
}

pub async fn waitlist_keeps_one_open_entry_per_customer_and_service(stores: &Stores) {
    let parties = stores.parties().await;
    let other = stores.add_user(a_customer().build()).await;
    let first = an_entry(&parties, &parties.customer, 0);
    stores.waitlist.join(&first).await.unwrap();
    assert!(matches!(
        stores
            .waitlist
            .join(&an_entry(&parties, &parties.customer, 1))
            .await,
        Err(RepoError::Conflict)
    ));
    let second = an_entry(&parties, &other, 2);
    stores.waitlist.join(&second).await.unwrap();
    let ids = |entries: Vec<WaitlistEntry>| entries.iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(stores
            .waitlist
            .of_provider(parties.provider.id)
            .await
            .unwrap()),
        [first.id, second.id]
    );
    assert_eq!(
        stores.waitlist.by_id(first.id).await.unwrap(),
        Some(first.clone())
    );

    assert!(stores.waitlist.leave(first.id).await.unwrap());
    assert!(!stores.waitlist.leave(first.id).await.unwrap(), "left once");
    assert!(
        stores
            .waitlist
            .of_customer(parties.customer.id)
            .await
            .unwrap()
            .is_empty()
    );
    let again = an_entry(&parties, &parties.customer, 3);
    stores.waitlist.join(&again).await.unwrap();
    assert_eq!(
        ids(stores.waitlist.waiting(utc(NOW), 10).await.unwrap()),
        [second.id, again.id]
    );
    let history = stores
        .waitlist
        .history_of(parties.customer.id)
        .await
        .unwrap();
    assert_eq!(
        ids(history.clone()),
        [first.id, again.id],
        "the left entry too"
    );
    assert_eq!(history[0].state, EntryState::Left);
    assert!(
        stores
            .waitlist
            .waiting(utc("2030-06-04T00:00:00Z"), 10)
            .await
            .unwrap()
            .is_empty(),
        "a window that is over waits no more"
    );
}

pub async fn waitlist_offers_a_hold_once_and_only_on_free_time(stores: &Stores) {
    let parties = stores.parties().await;
    let other = stores.add_user(a_customer().build()).await;
    let (first, second) = (
        an_entry(&parties, &parties.customer, 0),
        an_entry(&parties, &other, 1),
    );
    for entry in [&first, &second] {
        stores.waitlist.join(entry).await.unwrap();
    }
    let until = utc("2030-05-01T11:00:00Z");
    let (hold, event) = a_hold(&parties, &parties.customer);
    stores
        .waitlist
        .offer(first.id, &hold, one(), until, &event)
        .await
        .unwrap();
    let offered = stores.waitlist.by_hold(hold.id).await.unwrap().unwrap();
    assert_eq!((offered.id, offered.state), (first.id, EntryState::Offered));
    assert_eq!(offered.hold.map(|h| h.expires_at), Some(until));
    let in_store = stores.appointments.by_id(hold.id).await.unwrap().unwrap();
    assert_eq!(in_store.status, AppointmentStatus::Held);
    assert_eq!(
        stores
            .appointments
            .busy(parties.provider.id, june_third())
            .await
            .unwrap(),
        [hold.blocked],
        "a hold blocks the provider's time"
    );

    let (same_time, event) = a_hold(&parties, &other);
    assert!(matches!(
        stores
            .waitlist
            .offer(second.id, &same_time, one(), until, &event)
            .await,
        Err(OfferError::Taken)
    ));
    let later = an_appointment(&parties.service, &parties.customer)
        .at("2030-06-03T15:00:00Z")
        .build()
        .into_hold();
    let event = AppointmentEvent::new(event.kind.clone(), &later, utc(NOW));
    assert!(matches!(
        stores
            .waitlist
            .offer(first.id, &later, one(), until, &event)
            .await,
        Err(OfferError::NotWaiting)
    ));
    let booking = an_appointment(&parties.service, &other).build();
    let booked = AppointmentEvent::new(ChangeKind::Booked, &booking, utc(NOW));
    assert!(matches!(
        stores.appointments.insert(&booking, None, &booked).await,
        Err(RepoError::Conflict)
    ));
    let entry = stores.waitlist.by_id(second.id).await.unwrap().unwrap();
    assert_eq!(
        entry.state,
        EntryState::Waiting,
        "a refused offer changes nothing"
    );
}

pub async fn waitlist_settles_a_hold_once_and_a_release_frees_its_time(stores: &Stores) {
    let parties = stores.parties().await;
    let other = stores.add_user(a_customer().build()).await;
    let (first, second) = (
        an_entry(&parties, &parties.customer, 0),
        an_entry(&parties, &other, 1),
    );
    for entry in [&first, &second] {
        stores.waitlist.join(entry).await.unwrap();
    }
    let until = utc("2030-05-01T11:00:00Z");
    let (hold, event) = a_hold(&parties, &parties.customer);
    stores
        .waitlist
        .offer(first.id, &hold, one(), until, &event)
        .await
        .unwrap();
    assert!(
        stores
            .waitlist
            .expired(utc(NOW), 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        stores
            .waitlist
            .expired(until, 10)
            .await
            .unwrap()
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        [first.id]
    );

    let mut released = hold.clone();
    released.release_hold().unwrap();
    let event = AppointmentEvent::new(ChangeKind::HoldReleased, &released, until);
    stores
        .waitlist
        .settle(first.id, &released, hold.revision, &event)
        .await
        .unwrap();
    assert!(matches!(
        stores
            .waitlist
            .settle(first.id, &released, hold.revision, &event)
            .await,
        Err(RepoError::Stale)
    ));
    let settled = stores.waitlist.by_id(first.id).await.unwrap().unwrap();
    assert_eq!(settled.state, EntryState::Released);
    assert!(
        stores
            .appointments
            .busy(parties.provider.id, june_third())
            .await
            .unwrap()
            .is_empty(),
        "a released hold frees its time"
    );

    let (next, event) = a_hold(&parties, &other);
    stores
        .waitlist
        .offer(second.id, &next, one(), until, &event)
        .await
        .unwrap();
    let mut booked = next.clone();
    booked.accept_hold(true, until, utc(NOW)).unwrap();
    let event = AppointmentEvent::new(ChangeKind::Booked, &booked, utc(NOW));
    stores
        .waitlist
        .settle(second.id, &booked, next.revision, &event)
        .await
        .unwrap();
    let settled = stores.waitlist.by_id(second.id).await.unwrap().unwrap();
    assert_eq!(settled.state, EntryState::Booked);
    let now_booked = stores.appointments.by_id(next.id).await.unwrap().unwrap();
    assert_eq!(now_booked.status, AppointmentStatus::Confirmed);
}

pub async fn waitlist_forgets_nobody_but_an_erased_customer_waits_no_more(stores: &Stores) {
    let parties = stores.parties().await;
    let other = stores.add_user(a_customer().build()).await;
    let erased = an_entry(&parties, &parties.customer, 0);
    let kept = an_entry(&parties, &other, 1);
    for entry in [&erased, &kept] {
        stores.waitlist.join(entry).await.unwrap();
    }
    stores
        .personal_data
        .erase(
            parties.customer.id,
            &domain::PersonName::parse("Deleted customer").unwrap(),
            utc(NOW),
        )
        .await
        .unwrap();
    let ids = |entries: Vec<WaitlistEntry>| entries.iter().map(|e| e.id).collect::<Vec<_>>();
    assert_eq!(
        ids(stores.waitlist.waiting(utc(NOW), 10).await.unwrap()),
        [kept.id]
    );
    let history = stores
        .waitlist
        .history_of(parties.customer.id)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].state, EntryState::Left);
}
