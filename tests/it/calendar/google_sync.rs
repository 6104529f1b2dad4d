//! What only the Google adapter does, over real HTTP and driven by the delivery worker as in
//! production: sharing the calendar with the provider's Gmail address, calendar zones, expired
//! tokens, stalled answers, restarts on SQLite and PostgreSQL, and calendars left behind. What
//! every backend does is in [`super::sync_contract`].

use std::collections::BTreeSet;

use application::admin::operations::{
    DeleteUnlinkedCalendar, ListUnlinkedCalendars, UnlinkedCalendars,
};
use application::admin::{AdminError, Auditor};
use application::ports::Clock;
use application::sync_provider_calendar::SyncProviderCalendar;
use chrono::TimeDelta;
use domain::{Role, User};

use super::fake_google::Fault;
use super::support::Harness;
use super::sync_contract::{Shop, shop, sync_provider, ten_appointments};
use crate::builders::{a_customer, a_provider, a_service, an_appointment};

const GMAIL: &str = "ann.provider@gmail.com";

#[tokio::test]
async fn the_calendar_is_shared_once_in_the_provider_zone_moved_with_the_address_and_unshared() {
    let h = Harness::start().await;
    let Shop { mut provider, .. } = shop(&h, GMAIL).await;
    sync_provider(&h, &provider).await;
    sync_provider(&h, &provider).await;
    let calendar = h.google.only_calendar();
    assert_eq!(calendar.time_zone, "Europe/Paris");
    assert_eq!(
        calendar.acl.values().cloned().collect::<Vec<_>>(),
        [("reader".to_owned(), GMAIL.to_owned())]
    );
    assert_eq!(h.google.calls("acl.insert"), 1);

    provider.calendar_email = Some(domain::Email::parse("ann.new@gmail.com").unwrap());
    h.update_user(&provider).await;
    sync_provider(&h, &provider).await;
    let shared: Vec<String> = h
        .google
        .only_calendar()
        .acl
        .values()
        .map(|(_, email)| email.clone())
        .collect();
    assert_eq!(shared, vec!["ann.new@gmail.com".to_owned()]);
    assert_eq!(h.google.calls("acl.delete"), 1);

    provider.active = false;
    h.update_user(&provider).await;
    sync_provider(&h, &provider).await;
    assert!(h.google.only_calendar().acl.is_empty());
    assert_eq!(h.google.calls("calendars.insert"), 1);
    assert_eq!(h.google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_worker_restart_in_the_middle_with_lost_responses_still_gives_each_booking_one_event() {
    let mut h = Harness::start().await;
    let Shop {
        provider,
        service,
        customer,
    } = shop(&h, GMAIL).await;
    sync_provider(&h, &provider).await;

    h.google.go_down(500);
    for appointment in ten_appointments(&service, &customer) {
        h.book(&appointment).await;
    }
    h.run_worker().await;
    h.clock.advance(TimeDelta::minutes(11));
    h.google.recover();
    // Google created these events but the answers never arrived: a 500, then a stalled reply.
    h.google.inject(Fault::LoseResponse(500));
    h.google.inject(Fault::Stall);
    let first = h.run_worker().await;
    assert!(first.retrying >= 2);
    // A worker claims a batch and dies before recording anything.
    h.stores
        .deliveries
        .claim(h.clock.now(), 5, TimeDelta::minutes(5))
        .await
        .unwrap();
    h.restart().await;
    h.drain().await;

    let calendar = h.google.only_calendar();
    assert_eq!(calendar.live_events().len(), 10);
    assert_eq!(calendar.events.len(), 10, "an event was created twice");
    assert_eq!(h.google.calls("calendars.insert"), 1);
    assert_eq!(h.google.calls("acl.insert"), 1);
    let conflicts = h
        .google
        .log()
        .iter()
        .filter(|(op, status)| op == "events.insert" && *status == 409)
        .count();
    assert_eq!(
        conflicts, 2,
        "each lost insert is found again through its id"
    );
    assert_eq!(h.google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn an_expired_token_is_refreshed_and_the_delivery_retried() {
    let h = Harness::start().await;
    let Shop {
        service, customer, ..
    } = shop(&h, GMAIL).await;
    h.book(&an_appointment(&service, &customer).build()).await;

    h.google.inject(Fault::ExpireTokens);
    let first = h.run_worker().await;
    assert_eq!(first.retrying, 1);
    h.clock.advance(TimeDelta::minutes(11));
    h.drain().await;

    assert_eq!(h.google.token_requests(), 2);
    assert_eq!(h.google.only_calendar().live_events().len(), 1);
}

/// `provider`'s linked calendar at Google is in their zone, shared with `email` only (as a
/// reader) and holds exactly one event per appointment of theirs, in their zone, live while it
/// is not cancelled, linked at its revision.
async fn assert_one_shared_calendar_with_one_event_each(
    h: &Harness,
    provider: &User,
    email: &str,
    appointments: &[domain::Appointment],
) {
    let calendars = h.google.calendars();
    let link = h
        .stores
        .calendar_links
        .calendar(provider.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(link.last_error, None);
    let calendar = &calendars[link.calendar_id.as_deref().unwrap()];
    let zone = provider.zone.name();
    assert_eq!(calendar.time_zone, zone);
    let shared: Vec<(&str, &str)> = calendar
        .acl
        .values()
        .map(|(role, e)| (role.as_str(), e.as_str()))
        .collect();
    assert_eq!(shared, [("reader", email)]);
    assert!(calendar.events.values().all(|e| e.time_zone == zone));
    let mine: Vec<&domain::Appointment> = appointments
        .iter()
        .filter(|a| a.provider == provider.id)
        .collect();
    assert_eq!(
        calendar.events.len(),
        mine.len(),
        "an event was created twice"
    );
    let live: BTreeSet<_> = calendar.live_events().iter().map(|e| e.start).collect();
    let cancelled = |a: &domain::Appointment| a.status == domain::AppointmentStatus::Cancelled;
    let wanted: BTreeSet<_> = mine
        .iter()
        .filter(|a| !cancelled(a))
        .map(|a| a.session.start())
        .collect();
    assert_eq!(live, wanted);
    for appointment in mine {
        let link = h.stores.calendar_links.event(appointment.id).await.unwrap();
        if cancelled(appointment) {
            assert_eq!(link, None);
        } else {
            assert_eq!(link.unwrap().revision, appointment.revision);
        }
    }
}

/// Two providers' calendars in use, then Google goes down while bookings, a reschedule and a
/// cancellation come in, a worker dies holding claims, and the app restarts on its database
/// before Google is back. After recovery each provider still has exactly the one calendar
/// created before the restart, and each appointment exactly one event showing its state.
async fn an_app_restarted_during_an_outage_creates_no_second_calendar_or_event(mut h: Harness) {
    let Shop {
        provider: ann,
        service: ann_service,
        customer,
    } = shop(&h, GMAIL).await;
    let bob = a_provider()
        .named("Bob Provider")
        .in_zone("America/New_York")
        .with_calendar_email("bob.provider@gmail.com")
        .build();
    h.add_user(&bob).await;
    let bob_service = a_service().by(&bob).named("Massage").lasting(60).build();
    h.add_service(&bob_service).await;
    let mut appointments: Vec<domain::Appointment> = ten_appointments(&ann_service, &customer)
        .into_iter()
        .enumerate()
        .map(|(i, mut a)| {
            if i % 2 == 1 {
                a.service = bob_service.id;
                a.provider = bob.id;
            }
            a
        })
        .collect();

    // Before the outage: both calendars exist, four appointments are in them.
    for appointment in &appointments[..4] {
        h.book(appointment).await;
    }
    h.drain().await;
    assert_eq!(h.google.calendars().len(), 2);

    h.google.go_down(503);
    for appointment in &appointments[4..] {
        h.book(appointment).await;
    }
    let (moved, rest) = appointments.split_at_mut(1);
    h.reschedule(&mut moved[0], TimeDelta::hours(2)).await;
    h.cancel(&mut rest[0]).await;
    let mut failed_attempts = 0;
    for _ in 0..3 {
        failed_attempts += h.run_worker().await.retrying;
        h.clock.advance(TimeDelta::minutes(11));
    }
    // A worker claims a batch and dies before recording anything; then the app restarts.
    let abandoned = h
        .stores
        .deliveries
        .claim(h.clock.now(), 5, TimeDelta::minutes(5))
        .await
        .unwrap()
        .len();
    h.restart().await;
    h.run_worker().await;
    h.google.recover();
    let recovery = h.drain().await;

    let calendars = h.google.calendars();
    assert_eq!(calendars.len(), 2, "a provider got a second calendar");
    assert_eq!(h.google.calls("calendars.insert"), 2);
    assert_eq!(h.google.calls("acl.insert"), 2);
    for (provider, email) in [(&ann, GMAIL), (&bob, "bob.provider@gmail.com")] {
        assert_one_shared_calendar_with_one_event_each(&h, provider, email, &appointments).await;
    }
    assert_eq!(h.google.violations(), Vec::<String>::new());
    println!(
        "restart during an outage: 2 providers, 10 bookings (4 before the outage), 1 reschedule \
         and 1 cancellation during it; {failed_attempts} failed calendar attempts in 3 worker \
         steps, {abandoned} claims abandoned by a dead worker, app restarted on its database; \
         after recovery {} worker steps; successful calls in all: {} calendars.insert, {} \
         events.insert, {} events.patch, {} events.delete; 2 calendars, {} events, 0 duplicates",
        recovery.len(),
        h.google.successes("calendars.insert"),
        h.google.successes("events.insert"),
        h.google.successes("events.patch"),
        h.google.successes("events.delete"),
        calendars.values().map(|c| c.events.len()).sum::<usize>(),
    );
}

#[tokio::test]
async fn an_app_on_sqlite_restarted_during_an_outage_creates_no_second_calendar_or_event() {
    Box::pin(
        an_app_restarted_during_an_outage_creates_no_second_calendar_or_event(
            Harness::on_sqlite().await,
        ),
    )
    .await;
}

#[tokio::test]
async fn an_app_on_postgres_restarted_during_an_outage_creates_no_second_calendar_or_event() {
    Box::pin(
        an_app_restarted_during_an_outage_creates_no_second_calendar_or_event(
            Harness::on_postgres().await,
        ),
    )
    .await;
}

#[tokio::test]
async fn a_calendar_left_behind_by_a_lost_response_is_listed_as_unlinked_and_deleted() {
    let h = Harness::start().await;
    let Shop { provider, .. } = shop(&h, GMAIL).await;
    // Google creates the calendar but the answer is lost: the retry creates a second one.
    h.google.inject(Fault::LoseResponse(500));
    let lost = SyncProviderCalendar::new(h.stores.users.clone(), h.sync.clone())
        .run(provider.id)
        .await;
    assert!(lost.is_err());
    sync_provider(&h, &provider).await;
    assert_eq!(h.google.calendars().len(), 2);
    let linked = h
        .stores
        .calendar_links
        .calendar(provider.id)
        .await
        .unwrap()
        .unwrap()
        .calendar_id
        .unwrap();
    let left_behind = h
        .google
        .calendars()
        .into_keys()
        .find(|id| *id != linked)
        .unwrap();
    let wiped_database = h.google.add_calendar("Book Your Services — Someone Gone");
    h.google.set_list_page_size(2);
    let auditor = Auditor::new(h.stores.audit.clone(), h.clock.clone());
    let unlinked = || ListUnlinkedCalendars::new(h.stores.calendar_links.clone(), h.sync.clone());
    let delete = DeleteUnlinkedCalendar::new(unlinked(), h.sync.clone(), auditor);
    let admin = application::Actor::new(a_customer().build().id, Role::Admin);
    let support = application::Actor::new(a_customer().build().id, Role::Support);

    let UnlinkedCalendars::Listed(found) = unlinked().run(&support).await.unwrap() else {
        panic!("Google lists its calendars");
    };
    let mut ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    let mut expected = vec![left_behind.as_str(), wiped_database.as_str()];
    expected.sort_unstable();
    assert_eq!(
        ids, expected,
        "neither the primary, a shared nor a linked calendar"
    );
    assert!(
        h.google.calls("calendarList.list") >= 2,
        "every page is read"
    );

    let refused = delete.run(&admin, &linked).await;
    assert!(matches!(refused, Err(AdminError::NotFound)));
    let refused = delete.run(&support, &left_behind).await;
    assert!(matches!(refused, Err(AdminError::Forbidden)));
    delete.run(&admin, &left_behind).await.unwrap();

    let remaining: BTreeSet<String> = h.google.calendars().into_keys().collect();
    assert_eq!(remaining, BTreeSet::from([linked, wiped_database.clone()]));
    let log = h
        .stores
        .audit
        .list(application::ports::PageRequest::new(1, 10))
        .await
        .unwrap();
    assert_eq!(log.items.len(), 1);
    assert_eq!(log.items[0].action, "calendar.delete_unlinked");
    assert_eq!(log.items[0].target, format!("calendar:{left_behind}"));
    let UnlinkedCalendars::Listed(found) = unlinked().run(&admin).await.unwrap() else {
        panic!("Google lists its calendars");
    };
    assert_eq!(
        found.into_iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![wiped_database]
    );
    assert_eq!(h.google.violations(), Vec::<String>::new());
}
