//! The Google adapter over real HTTP, driven by the delivery worker as in production.

use std::collections::BTreeSet;
use std::sync::Arc;

use application::admin::operations::{
    DeleteUnlinkedCalendar, ListUnlinkedCalendars, UnlinkedCalendars,
};
use application::admin::{AdminError, Auditor};
use application::delete_orphaned_calendar::DeleteOrphanedCalendar;
use application::list_calendars::ListCalendars;
use application::ports::{CalendarSync, Clock};
use application::sync_provider_calendar::SyncProviderCalendar;
use chrono::TimeDelta;
use domain::{Role, User};

use super::fake_google::Fault;
use super::support::Harness;
use crate::builders::{a_customer, a_provider, a_service, an_appointment};

async fn provider_with_gmail(h: &Harness, gmail: &str) -> User {
    let provider = a_provider()
        .named("Ann Provider")
        .in_zone("Europe/Paris")
        .with_calendar_email(gmail)
        .build();
    h.add_user(&provider).await;
    provider
}

async fn sync_provider(h: &Harness, provider: &User) {
    SyncProviderCalendar::new(h.stores.users.clone(), h.sync.clone())
        .run(provider.id)
        .await
        .unwrap();
}

/// A provider with a service and a customer, all stored; returns (service, customer).
async fn shop(h: &Harness, provider: &User) -> (domain::Service, User) {
    let service = a_service()
        .by(provider)
        .named("Haircut")
        .lasting(60)
        .build();
    h.add_service(&service).await;
    let customer = a_customer()
        .named("Carl Customer")
        .with_phone("+33 6 12 34 56 78")
        .build();
    h.add_user(&customer).await;
    (service, customer)
}

/// Ten appointments on consecutive days at 10:00 UTC.
fn ten_appointments(service: &domain::Service, customer: &User) -> Vec<domain::Appointment> {
    (1..=10)
        .map(|day| {
            an_appointment(service, customer)
                .at(&format!("2026-04-{day:02}T10:00:00Z"))
                .build()
        })
        .collect()
}

#[tokio::test]
async fn a_provider_who_sets_a_gmail_address_gets_one_calendar_shared_once() {
    let h = Harness::start().await;
    let provider = provider_with_gmail(&h, "ann.provider@gmail.com").await;
    sync_provider(&h, &provider).await;
    sync_provider(&h, &provider).await;
    let (service, customer) = shop(&h, &provider).await;
    h.book(&an_appointment(&service, &customer).build()).await;
    h.drain().await;

    assert_eq!(h.google.calls("calendars.insert"), 1);
    assert_eq!(h.google.calls("acl.insert"), 1);
    let calendar = h.google.only_calendar();
    assert_eq!(calendar.summary, "Book Your Services — Ann Provider");
    assert_eq!(calendar.time_zone, "Europe/Paris");
    assert_eq!(
        calendar.acl.values().cloned().collect::<Vec<_>>(),
        vec![("reader".to_owned(), "ann.provider@gmail.com".to_owned())]
    );
    assert_eq!(calendar.live_events().len(), 1);
    assert_eq!(h.google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn changing_the_gmail_address_moves_the_share_and_deactivation_removes_it() {
    let h = Harness::start().await;
    let mut provider = provider_with_gmail(&h, "ann.provider@gmail.com").await;
    sync_provider(&h, &provider).await;

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
async fn booking_rescheduling_and_cancelling_insert_patch_and_delete_one_event() {
    let h = Harness::start().await;
    let provider = a_provider().in_zone("America/New_York").build();
    h.add_user(&provider).await;
    let (service, customer) = shop(&h, &provider).await;
    let mut appointment = an_appointment(&service, &customer)
        .at("2026-04-02T14:00:00Z")
        .with_note("Short on the sides")
        .build();

    h.book(&appointment).await;
    h.drain().await;
    let calendar = h.google.only_calendar();
    let event = calendar.live_events()[0].clone();
    assert_eq!(event.summary, "Haircut with Carl Customer");
    assert!(event.description.contains(customer.email.as_str()));
    assert!(event.description.contains("+33 6 12 34 56 78"));
    assert!(event.description.contains("Short on the sides"));
    assert!(event.description.contains(&format!(
        "https://bys.example/appointments/{}",
        appointment.id
    )));
    assert_eq!(event.start, appointment.session.start());
    assert_eq!(event.time_zone, "America/New_York");

    h.reschedule(&mut appointment, TimeDelta::days(1)).await;
    h.drain().await;
    let moved = h.google.only_calendar().live_events()[0].clone();
    assert_eq!(moved.start, appointment.session.start());

    h.cancel(&mut appointment).await;
    h.drain().await;
    assert!(h.google.only_calendar().live_events().is_empty());

    let event_calls: Vec<(String, u16)> = h
        .google
        .log()
        .into_iter()
        .filter(|(op, _)| op.starts_with("events."))
        .collect();
    assert_eq!(
        event_calls,
        vec![
            ("events.insert".to_owned(), 200),
            ("events.patch".to_owned(), 200),
            ("events.delete".to_owned(), 204),
        ]
    );
    assert_eq!(
        h.google.calendars().values().next().unwrap().events.len(),
        1
    );
    assert_eq!(h.google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn google_down_during_ten_bookings_every_event_appears_once_after_recovery() {
    let h = Harness::start().await;
    let provider = provider_with_gmail(&h, "ann.provider@gmail.com").await;
    let (service, customer) = shop(&h, &provider).await;
    let admin = crate::builders::a_customer().build();
    let admin = application::Actor::new(admin.id, Role::Admin);

    h.google.go_down(503);
    let appointments = ten_appointments(&service, &customer);
    for appointment in &appointments {
        h.book(appointment).await;
    }
    let mut failed_attempts = 0;
    let outage_steps = 5;
    for _ in 0..outage_steps {
        failed_attempts += h.run_worker().await.retrying;
        h.clock.advance(TimeDelta::minutes(11));
    }
    let during = ListCalendars::new(h.stores.calendar_links.clone(), h.stores.users.clone())
        .run(&admin)
        .await
        .unwrap();
    let error = during[0].calendar.last_error.clone().unwrap();
    assert!(error.contains("temporarily_unavailable"), "{error}");
    assert!(h.google.calendars().is_empty());

    h.google.recover();
    let recovery = h.drain().await;
    let calendar = h.google.only_calendar();
    let starts: BTreeSet<_> = calendar.live_events().iter().map(|e| e.start).collect();
    assert_eq!(calendar.events.len(), 10, "an event was created twice");
    assert_eq!(
        starts,
        appointments.iter().map(|a| a.session.start()).collect()
    );
    let mut tally = std::collections::BTreeMap::new();
    for entry in h.google.log() {
        *tally.entry(entry).or_insert(0) += 1;
    }
    println!("calls by (operation, status): {tally:?}");
    assert_eq!(tally.get(&("calendars.insert".to_owned(), 200)), Some(&1));
    let after = ListCalendars::new(h.stores.calendar_links.clone(), h.stores.users.clone())
        .run(&admin)
        .await
        .unwrap();
    assert_eq!(after[0].calendar.last_error, None);
    assert_eq!(h.google.violations(), Vec::<String>::new());
    println!(
        "outage figures: 10 bookings, {outage_steps} worker steps while Google answered 503, \
         {failed_attempts} failed calendar attempts (retried with backoff); after recovery \
         {} steps, {} events.insert calls, {} events in the calendar, 0 duplicates",
        recovery.len(),
        h.google.calls("events.insert"),
        calendar.events.len()
    );
}

#[tokio::test]
async fn a_worker_restart_in_the_middle_with_lost_responses_still_gives_each_booking_one_event() {
    let mut h = Harness::start().await;
    let provider = provider_with_gmail(&h, "ann.provider@gmail.com").await;
    sync_provider(&h, &provider).await;
    let (service, customer) = shop(&h, &provider).await;

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
    let provider = a_provider().build();
    h.add_user(&provider).await;
    let (service, customer) = shop(&h, &provider).await;
    h.book(&an_appointment(&service, &customer).build()).await;

    h.google.inject(Fault::ExpireTokens);
    let first = h.run_worker().await;
    assert_eq!(first.retrying, 1);
    h.clock.advance(TimeDelta::minutes(11));
    h.drain().await;

    assert_eq!(h.google.token_requests(), 2);
    assert_eq!(h.google.only_calendar().live_events().len(), 1);
}

#[tokio::test]
async fn a_rate_limit_is_retried_but_a_rejected_request_is_given_up() {
    let h = Harness::start().await;
    let provider = a_provider().build();
    h.add_user(&provider).await;
    let (service, customer) = shop(&h, &provider).await;
    let appointment = an_appointment(&service, &customer).build();
    h.book(&appointment).await;

    h.google.inject(Fault::Status(429));
    assert_eq!(h.run_worker().await.retrying, 1);
    h.clock.advance(TimeDelta::minutes(11));
    h.google.inject(Fault::Status(400));
    h.drain().await;

    let failed = h.stores.deliveries.failed(10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].event.appointment.id, appointment.id);
    assert_eq!(failed[0].attempts, 2);
}

#[tokio::test]
async fn an_orphaned_calendar_is_deleted_at_google_and_forgotten() {
    let h = Harness::start().await;
    let mut provider = provider_with_gmail(&h, "ann.provider@gmail.com").await;
    sync_provider(&h, &provider).await;
    provider.active = false;
    h.update_user(&provider).await;
    let admin = application::Actor::new(a_customer().build().id, Role::Admin);

    DeleteOrphanedCalendar::new(h.stores.users.clone(), h.sync.clone())
        .run(&admin, provider.id)
        .await
        .unwrap();

    assert!(h.google.calendars().is_empty());
    assert!(
        h.stores
            .calendar_links
            .calendars()
            .await
            .unwrap()
            .is_empty()
    );
    // Nothing left to delete: a second call changes nothing and succeeds.
    let sync: Arc<dyn CalendarSync> = h.sync.clone();
    sync.remove_calendar(provider.id).await.unwrap();
    assert_eq!(h.google.calls("calendars.delete"), 1);
}

/// `provider`'s linked calendar at Google is shared with `email` only and holds exactly one
/// event per appointment of theirs, live while it is not cancelled, linked at its revision.
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
    let shared: Vec<&str> = calendar.acl.values().map(|(_, e)| e.as_str()).collect();
    assert_eq!(shared, vec![email]);
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
    let ann = provider_with_gmail(&h, "ann.provider@gmail.com").await;
    let bob = a_provider()
        .named("Bob Provider")
        .in_zone("America/New_York")
        .with_calendar_email("bob.provider@gmail.com")
        .build();
    h.add_user(&bob).await;
    let (ann_service, customer) = shop(&h, &ann).await;
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
    for (provider, email) in [
        (&ann, "ann.provider@gmail.com"),
        (&bob, "bob.provider@gmail.com"),
    ] {
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
    let provider = provider_with_gmail(&h, "ann.provider@gmail.com").await;
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
