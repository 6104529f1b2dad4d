//! The Outlook adapter over real HTTP against the fake Microsoft Graph, driven by the delivery
//! worker as in production: one calendar per provider mailbox, one event per appointment, and
//! the same through outages, throttling, lost answers and restarts.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use adapters::{GraphCredential, MicrosoftCalendarConfig, MicrosoftCalendarSync};
use application::ports::{CalendarSync, DeliveryError};
use application::sync_provider_calendar::SyncProviderCalendar;
use application::{AppointmentDetails, AppointmentEvent, ChangeKind};
use chrono::TimeDelta;
use domain::{Appointment, Service, User};

use super::fake_graph::{self, Fault, GraphCalendar};
use super::support::{Backend, Harness};
use crate::builders::{a_customer, a_provider, a_service, an_appointment};

const ANN: &str = "ann@contoso.example";

async fn outlook() -> Harness {
    Harness::with(Backend::Microsoft).await
}

/// A provider with a mailbox, a service and a customer, all stored.
async fn shop(h: &Harness, mailbox: &str) -> (User, Service, User) {
    let provider = a_provider()
        .named("Ann Provider")
        .with_calendar_email(mailbox)
        .build();
    h.add_user(&provider).await;
    let service = a_service().by(&provider).named("Massage").build();
    h.add_service(&service).await;
    let customer = a_customer().named("Carl Customer").build();
    h.add_user(&customer).await;
    (provider, service, customer)
}

fn ten_appointments(service: &Service, customer: &User) -> Vec<Appointment> {
    (1..=10)
        .map(|day| {
            an_appointment(service, customer)
                .at(&format!("2026-04-{day:02}T10:00:00Z"))
                .build()
        })
        .collect()
}

async fn sync_provider(h: &Harness, provider: &User) {
    SyncProviderCalendar::new(h.stores.users.clone(), h.sync.clone())
        .run(provider.id)
        .await
        .unwrap();
}

fn only_calendar(h: &Harness, mailbox: &str) -> GraphCalendar {
    let calendars = h.graph.calendars(mailbox);
    assert_eq!(calendars.len(), 1, "expected exactly one calendar");
    calendars.into_values().next().unwrap()
}

fn tally(h: &Harness) -> BTreeMap<(String, u16), usize> {
    let mut tally = BTreeMap::new();
    for entry in h.graph.log() {
        *tally.entry(entry).or_insert(0) += 1;
    }
    tally
}

#[tokio::test]
async fn a_provider_gets_one_outlook_calendar_in_their_mailbox_created_once() {
    let h = outlook().await;
    let (provider, service, customer) = shop(&h, ANN).await;
    sync_provider(&h, &provider).await;
    sync_provider(&h, &provider).await;
    h.book(&an_appointment(&service, &customer).build()).await;
    h.drain().await;

    assert_eq!(h.graph.calls("calendars.create"), 1);
    let calendar = only_calendar(&h, ANN);
    assert_eq!(calendar.name, "Book Your Services — Ann Provider");
    assert_eq!(calendar.events.len(), 1);
    assert_eq!(h.graph.token_requests(), 1, "the token is cached");
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn booking_rescheduling_and_cancelling_create_update_and_delete_one_event() {
    let h = outlook().await;
    let (_, service, customer) = shop(&h, ANN).await;
    let mut appointment = an_appointment(&service, &customer)
        .at("2026-04-02T14:00:00Z")
        .build();

    h.book(&appointment).await;
    h.drain().await;
    let event = only_calendar(&h, ANN).events.into_values().next().unwrap();
    assert_eq!(event.subject, "Massage with Carl Customer");
    assert_eq!(event.start, appointment.session.start());
    assert_eq!(event.show_as, "busy");

    h.reschedule(&mut appointment, TimeDelta::days(1)).await;
    h.drain().await;
    let moved = only_calendar(&h, ANN).events.into_values().next().unwrap();
    assert_eq!(moved.start, appointment.session.start());

    h.cancel(&mut appointment).await;
    h.drain().await;
    assert!(only_calendar(&h, ANN).events.is_empty());
    let event_calls: Vec<(String, u16)> = h
        .graph
        .log()
        .into_iter()
        .filter(|(op, _)| op.starts_with("events."))
        .collect();
    assert_eq!(
        event_calls,
        [
            ("events.create".to_owned(), 201),
            ("events.update".to_owned(), 200),
            ("events.delete".to_owned(), 204),
        ]
    );
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_lost_answer_to_a_create_makes_neither_a_second_calendar_nor_a_second_event() {
    let h = outlook().await;
    let (provider, service, customer) = shop(&h, ANN).await;
    // Graph makes the calendar but its answer is lost; the retry is answered 409 and the
    // calendar found by its name.
    h.graph.inject(Fault::LoseResponse(504));
    let sync = SyncProviderCalendar::new(h.stores.users.clone(), h.sync.clone());
    assert!(sync.run(provider.id).await.is_err());
    sync.run(provider.id).await.unwrap();
    // Then an event's answer is lost too; the retry's transactionId gets the event Graph
    // already made.
    h.book(&an_appointment(&service, &customer).build()).await;
    h.graph.inject(Fault::LoseResponse(500));
    h.drain().await;

    let calendar = only_calendar(&h, ANN);
    assert_eq!(calendar.events.len(), 1, "an event was created twice");
    let tally = tally(&h);
    assert_eq!(tally.get(&("calendars.create".to_owned(), 409)), Some(&1));
    assert_eq!(tally.get(&("events.create".to_owned(), 500)), Some(&1));
    assert_eq!(tally.get(&("events.create".to_owned(), 201)), Some(&1));
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}

/// What the delivery worker loads for a new booking of `appointment`.
fn booked(
    h: &Harness,
    appointment: &Appointment,
    shop: &(User, Service, User),
) -> AppointmentDetails {
    let (provider, service, customer) = shop;
    AppointmentDetails {
        event: AppointmentEvent::new(ChangeKind::Booked, appointment, h.clock.now_instant()),
        service: service.clone(),
        customer: customer.clone(),
        provider: provider.clone(),
        link: "https://bys.example/a".to_owned(),
    }
}

#[tokio::test]
async fn a_throttled_mailbox_is_not_called_again_before_its_retry_after() {
    let h = outlook().await;
    let shop = shop(&h, ANN).await;
    // The adapter on the test's clock, so that Graph's Retry-After is measured on it.
    let config = MicrosoftCalendarConfig {
        tenant_id: fake_graph::TENANT.to_owned(),
        client_id: fake_graph::CLIENT_ID.to_owned(),
        credential: GraphCredential::Secret(fake_graph::CLIENT_SECRET.to_owned().into()),
        graph_url: h.graph.graph_url(),
        login_url: h.graph.login_url(),
        request_timeout: Duration::from_secs(2),
        max_concurrent_per_mailbox: 4,
    };
    let sync = MicrosoftCalendarSync::new(config, h.stores.calendar_links.clone(), h.clock.clone())
        .unwrap();
    let details = booked(&h, &an_appointment(&shop.1, &shop.2).build(), &shop);

    h.graph.inject(Fault::Throttle(600));
    let throttled = sync.apply(&details).await;
    assert!(
        matches!(throttled, Err(DeliveryError::Transient(_))),
        "{throttled:?}"
    );
    let calls = h.graph.log().len();
    h.clock.advance(TimeDelta::minutes(9));
    let waiting = sync.apply(&details).await;
    assert!(
        matches!(waiting, Err(DeliveryError::Transient(_))),
        "{waiting:?}"
    );
    assert_eq!(
        h.graph.log().len(),
        calls,
        "a call went out while throttled"
    );
    h.clock.advance(TimeDelta::minutes(2));
    sync.apply(&details).await.unwrap();

    assert_eq!(only_calendar(&h, ANN).events.len(), 1);
    assert_eq!(h.graph.calls("calendars.create"), 2);
}

#[tokio::test]
async fn at_most_four_requests_per_mailbox_are_in_flight() {
    let h = outlook().await;
    let (provider, service, customer) = shop(&h, ANN).await;
    sync_provider(&h, &provider).await;
    h.graph.hold_answers(Duration::from_millis(50));
    let mut tasks = tokio::task::JoinSet::new();
    let shop = (provider, service, customer);
    for appointment in ten_appointments(&shop.1, &shop.2) {
        let details = booked(&h, &appointment, &shop);
        let sync = h.sync.clone();
        tasks.spawn(async move { sync.apply(&details).await });
    }
    while let Some(done) = tasks.join_next().await {
        done.unwrap().unwrap();
    }

    assert!(
        h.graph.most_in_flight() <= 4,
        "{} requests in flight at once",
        h.graph.most_in_flight()
    );
    assert_eq!(only_calendar(&h, ANN).events.len(), 10);
}

/// Ten bookings while Graph answers 503, then 429 (token endpoint included), lost answers, a worker that dies holding claims and an app restart on the
/// database: after recovery one calendar and ten events, none twice.
async fn graph_down_during_ten_bookings_gives_ten_events_once(mut h: Harness) {
    let (_, service, customer) = shop(&h, ANN).await;
    let appointments = ten_appointments(&service, &customer);

    h.graph.go_down(503, None);
    for appointment in &appointments {
        h.book(appointment).await;
    }
    let mut failed_attempts = 0;
    let outage_steps = 5;
    for step in 0..outage_steps {
        if step == 3 {
            h.graph.go_down(429, None); // throttled rather than down, without a Retry-After
        }
        failed_attempts += h.run_worker().await.retrying;
        h.clock.advance(TimeDelta::minutes(11));
    }
    let claimed = h
        .stores
        .deliveries
        .claim(h.clock.now_instant(), 5, TimeDelta::minutes(5))
        .await
        .unwrap()
        .len();
    h.restart().await;
    h.graph.recover();
    h.graph.inject(Fault::LoseResponse(500));
    h.graph.inject(Fault::LoseResponse(503));
    let recovery = h.drain().await;

    let calendar = only_calendar(&h, ANN);
    assert_eq!(calendar.events.len(), 10, "an event was created twice");
    let starts: BTreeSet<_> = calendar.events.values().map(|e| e.start).collect();
    assert_eq!(
        starts,
        appointments.iter().map(|a| a.session.start()).collect()
    );
    assert_eq!(h.graph.violations(), Vec::<String>::new());
    let tally = tally(&h);
    println!("Graph calls by (operation, status): {tally:?}");
    println!(
        "Graph outage figures: 10 bookings, {outage_steps} worker steps while Graph answered 503 \
         then 429: {failed_attempts} failed calendar attempts, retried with backoff; \
         {claimed} claims abandoned by a dead worker, app restarted; after recovery (two lost \
         answers) {} worker steps, {} calendars.create and \
         {} events.create calls: 1 calendar, 10 events, 0 duplicates",
        recovery.len(),
        h.graph.calls("calendars.create"),
        h.graph.calls("events.create"),
    );
}

#[tokio::test]
async fn graph_down_during_ten_bookings_on_sqlite_gives_ten_events_once_after_a_restart() {
    Box::pin(graph_down_during_ten_bookings_gives_ten_events_once(
        Harness::sqlite_with(Backend::Microsoft).await,
    ))
    .await;
}

#[tokio::test]
async fn graph_down_during_ten_bookings_on_postgres_gives_ten_events_once_after_a_restart() {
    Box::pin(graph_down_during_ten_bookings_gives_ten_events_once(
        Harness::postgres_with(Backend::Microsoft).await,
    ))
    .await;
}
