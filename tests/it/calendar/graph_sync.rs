//! What only the Outlook adapter does, over real HTTP against the fake Microsoft Graph and
//! driven by the delivery worker as in production: a lost calendar create found by its name,
//! `Retry-After`, at most four requests in flight per mailbox, and outages across restarts on
//! SQLite and PostgreSQL. What every backend does is in [`super::sync_contract`].

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use adapters::{GraphCredential, MicrosoftCalendarConfig, MicrosoftCalendarSync};
use application::ports::{CalendarSync, DeliveryError};
use application::sync_provider_calendar::SyncProviderCalendar;
use application::{AppointmentDetails, AppointmentEvent, ChangeKind};
use chrono::TimeDelta;
use domain::Appointment;

use super::fake_graph::{self, Fault, GraphCalendar};
use super::support::{Backend, Harness};
use super::sync_contract::{Shop, shop, sync_provider, ten_appointments};
use crate::builders::an_appointment;

const ANN: &str = "ann@contoso.example";

async fn outlook() -> Harness {
    Harness::with(Backend::Microsoft).await
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
async fn a_lost_answer_to_a_calendar_create_makes_no_second_calendar() {
    let h = outlook().await;
    let Shop {
        provider,
        service,
        customer,
    } = shop(&h, ANN).await;
    // Graph makes the calendar but its answer is lost; the retry is answered 409 and the
    // calendar found by its name.
    h.graph.inject(Fault::LoseResponse(504));
    let sync = SyncProviderCalendar::new(h.stores.users.clone(), h.sync.clone());
    assert!(sync.run(provider.id).await.is_err());
    sync.run(provider.id).await.unwrap();
    // The calendar found is the one linked: bookings land in it.
    h.book(&an_appointment(&service, &customer).build()).await;
    h.drain().await;

    assert_eq!(only_calendar(&h, ANN).events.len(), 1);
    let tally = tally(&h);
    assert_eq!(tally.get(&("calendars.create".to_owned(), 504)), Some(&1));
    assert_eq!(tally.get(&("calendars.create".to_owned(), 409)), Some(&1));
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}

/// What the delivery worker loads for a new booking of `appointment`.
fn booked(h: &Harness, appointment: &Appointment, shop: &Shop) -> AppointmentDetails {
    AppointmentDetails {
        event: AppointmentEvent::new(ChangeKind::Booked, appointment, h.clock.now_instant()),
        service: shop.service.clone(),
        customer: shop.customer.clone(),
        provider: shop.provider.clone(),
        link: "https://bys.example/a".to_owned(),
        roster: None,
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
    let details = booked(
        &h,
        &an_appointment(&shop.service, &shop.customer).build(),
        &shop,
    );

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
    let shop = shop(&h, ANN).await;
    sync_provider(&h, &shop.provider).await;
    h.graph.hold_answers(Duration::from_millis(50));
    let mut tasks = tokio::task::JoinSet::new();
    for appointment in ten_appointments(&shop.service, &shop.customer) {
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

/// Ten bookings while Graph answers 503, then 429 (token endpoint included), lost answers, a
/// worker that dies holding claims and an app restart on the database: after recovery one
/// calendar and ten events, none twice.
async fn graph_down_during_ten_bookings_gives_ten_events_once(mut h: Harness) {
    let shop = shop(&h, ANN).await;
    let appointments = ten_appointments(&shop.service, &shop.customer);

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
