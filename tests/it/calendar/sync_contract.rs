//! The push port's contract ([`CalendarSync`](application::ports::CalendarSync): `apply`,
//! `provider_changed`, `remove_calendar`, and the delivery worker's retries around them),
//! written once and run through the app's own wiring against every backend that writes
//! appointments into providers' calendars: the Google fake and the Graph fake. Each body runs as
//! `calendar::sync_contract::<backend>::<contract>`.
//!
//! A backend joins with one [`Fake`] variant, one arm per [`BookingCalendar`] operation (what the
//! service holds of the provider's calendar, and how it is made to fail) and one
//! `sync_contract!` line.

use std::collections::BTreeMap;

use application::Actor;
use application::delete_orphaned_calendar::DeleteOrphanedCalendar;
use application::list_calendars::ListCalendars;
use application::sync_provider_calendar::SyncProviderCalendar;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{Appointment, Role, Service, User};

use super::fake_google::{self, FakeGoogle};
use super::fake_graph::{self, FakeGraph};
use super::support::{Backend, Harness};
use crate::builders::{a_customer, a_provider, a_service, an_appointment};

/// The provider's calendar address at each service: a Gmail address the calendar is shared
/// with, or the Outlook mailbox it lives in.
const GMAIL: &str = "ann.provider@gmail.com";
const MAILBOX: &str = "ann@contoso.example";

/// A provider (Ann, in Paris, with a calendar address), their one-hour haircut and a customer
/// with a phone number, all stored.
pub(super) struct Shop {
    pub provider: User,
    pub service: Service,
    pub customer: User,
}

/// Stores a [`Shop`] whose provider's calendar address is `address`.
pub(super) async fn shop(h: &Harness, address: &str) -> Shop {
    let provider = a_provider()
        .named("Ann Provider")
        .in_zone("Europe/Paris")
        .with_calendar_email(address)
        .build();
    h.add_user(&provider).await;
    let service = a_service()
        .by(&provider)
        .named("Haircut")
        .lasting(60)
        .build();
    h.add_service(&service).await;
    let customer = a_customer()
        .named("Carl Customer")
        .with_phone("+33 6 12 34 56 78")
        .build();
    h.add_user(&customer).await;
    Shop {
        provider,
        service,
        customer,
    }
}

/// Runs `SyncProviderCalendar` for `provider`, as the profile page does after a change.
pub(super) async fn sync_provider(h: &Harness, provider: &User) {
    SyncProviderCalendar::new(h.stores.users.clone(), h.sync.clone())
        .run(provider.id)
        .await
        .unwrap();
}

/// Ten appointments on consecutive days at 10:00 UTC.
pub(super) fn ten_appointments(service: &Service, customer: &User) -> Vec<Appointment> {
    (1..=10)
        .map(|day| {
            an_appointment(service, customer)
                .at(&format!("2026-04-{day:02}T10:00:00Z"))
                .build()
        })
        .collect()
}

/// The fake behind the harness's backend.
enum Fake<'a> {
    Google(&'a FakeGoogle),
    Graph(&'a FakeGraph),
}

/// The calendar the platform writes a provider's appointments into, as the service holds it.
#[derive(Debug)]
struct Written {
    name: String,
    /// The addresses that see it: whom it is shared with, or the mailbox it lives in.
    seen_by: Vec<String>,
    /// Its events, deleted ones left out, by start.
    events: Vec<Entry>,
}

/// An event of a [`Written`] calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    title: String,
    text: String,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    shown: Shown,
}

/// How an event shows the provider's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Busy,
    Tentative,
}

/// A call the platform made to the service, in the service's own vocabulary mapped to ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Call {
    CreateCalendar,
    DeleteCalendar,
    CreateEvent,
    UpdateEvent,
    DeleteEvent,
}

/// The provider's calendar at the harness's service, and the switches that make it fail.
struct BookingCalendar<'a> {
    fake: Fake<'a>,
}

impl<'a> BookingCalendar<'a> {
    fn of(h: &'a Harness, backend: Backend) -> Self {
        let fake = match backend {
            Backend::Google => Fake::Google(&h.google),
            Backend::Microsoft => Fake::Graph(&h.graph),
            Backend::CalDav => unreachable!("CalDAV takes no pushed appointments"),
        };
        Self { fake }
    }

    /// The provider's calendar address.
    const fn address(&self) -> &'static str {
        match self.fake {
            Fake::Google(_) => GMAIL,
            Fake::Graph(_) => MAILBOX,
        }
    }

    /// The calendars written for the provider (Google: every calendar of the service account,
    /// as each body has one provider).
    fn calendars(&self) -> Vec<Written> {
        let mut calendars: Vec<Written> = match self.fake {
            Fake::Google(google) => google
                .calendars()
                .into_values()
                .map(|c| Written {
                    seen_by: c.acl.values().map(|(_, email)| email.clone()).collect(),
                    events: c
                        .live_events()
                        .into_iter()
                        .map(|e| Entry {
                            title: e.summary.clone(),
                            text: e.description.clone(),
                            start: e.start,
                            end: e.end,
                            shown: shown(&e.status),
                        })
                        .collect(),
                    name: c.summary,
                })
                .collect(),
            Fake::Graph(graph) => graph
                .calendars(MAILBOX)
                .into_values()
                .map(|c| Written {
                    name: c.name,
                    seen_by: vec![MAILBOX.to_owned()],
                    events: c
                        .events
                        .into_values()
                        .map(|e| Entry {
                            shown: shown(&e.show_as),
                            title: e.subject,
                            text: e.body,
                            start: e.start,
                            end: e.end,
                        })
                        .collect(),
                })
                .collect(),
        };
        for calendar in &mut calendars {
            calendar.events.sort_by_key(|e| e.start);
        }
        calendars
    }

    fn only_calendar(&self) -> Written {
        let mut calendars = self.calendars();
        assert_eq!(calendars.len(), 1, "expected exactly one calendar");
        calendars.remove(0)
    }

    /// The calendar and event calls made, in order, with the status answered.
    fn calls(&self) -> Vec<(Call, u16)> {
        let (log, names) = match self.fake {
            Fake::Google(google) => (
                google.log(),
                [
                    "calendars.insert",
                    "calendars.delete",
                    "events.insert",
                    "events.patch",
                    "events.delete",
                ],
            ),
            Fake::Graph(graph) => (
                graph.log(),
                [
                    "calendars.create",
                    "calendars.delete",
                    "events.create",
                    "events.update",
                    "events.delete",
                ],
            ),
        };
        let calls = [
            Call::CreateCalendar,
            Call::DeleteCalendar,
            Call::CreateEvent,
            Call::UpdateEvent,
            Call::DeleteEvent,
        ];
        log.into_iter()
            .filter_map(|(op, status)| {
                let at = names.iter().position(|name| *name == op)?;
                Some((calls[at], status))
            })
            .collect()
    }

    /// How many times `call` was made, whatever the answer.
    fn count(&self, call: Call) -> usize {
        self.calls().iter().filter(|(c, _)| *c == call).count()
    }

    /// How many times `call` succeeded (answered 2xx).
    fn successes(&self, call: Call) -> usize {
        self.calls()
            .iter()
            .filter(|(c, status)| *c == call && *status < 300)
            .count()
    }

    fn token_requests(&self) -> usize {
        match self.fake {
            Fake::Google(google) => google.token_requests(),
            Fake::Graph(graph) => graph.token_requests(),
        }
    }

    /// Requests the service would have refused as malformed.
    fn violations(&self) -> Vec<String> {
        match self.fake {
            Fake::Google(google) => google.violations(),
            Fake::Graph(graph) => graph.violations(),
        }
    }

    /// Every call from now on, the token endpoint's included, answers 503 (without
    /// `Retry-After`).
    fn go_down(&self) {
        match self.fake {
            Fake::Google(google) => google.go_down(503),
            Fake::Graph(graph) => graph.go_down(503, None),
        }
    }

    fn recover(&self) {
        match self.fake {
            Fake::Google(google) => google.recover(),
            Fake::Graph(graph) => graph.recover(),
        }
    }

    /// The next call is done, but answered 500.
    fn lose_next_answer(&self) {
        match self.fake {
            Fake::Google(google) => google.inject(fake_google::Fault::LoseResponse(500)),
            Fake::Graph(graph) => graph.inject(fake_graph::Fault::LoseResponse(500)),
        }
    }

    /// The next call is answered `status` without being done.
    fn refuse_next(&self, status: u16) {
        match self.fake {
            Fake::Google(google) => google.inject(fake_google::Fault::Status(status)),
            Fake::Graph(graph) => graph.inject(fake_graph::Fault::Status(status)),
        }
    }
}

/// `Tentative` for the service's `tentative` marker (Google's status, Graph's `showAs`),
/// `Busy` for any other.
fn shown(marker: &str) -> Shown {
    if marker == "tentative" {
        Shown::Tentative
    } else {
        Shown::Busy
    }
}

fn an_admin() -> Actor {
    Actor::new(a_customer().build().id, Role::Admin)
}

pub async fn a_provider_with_a_calendar_address_gets_one_calendar_created_once(backend: Backend) {
    let h = Harness::with(backend).await;
    let service = BookingCalendar::of(&h, backend);
    let shop = shop(&h, service.address()).await;
    sync_provider(&h, &shop.provider).await;
    sync_provider(&h, &shop.provider).await;
    h.book(&an_appointment(&shop.service, &shop.customer).build())
        .await;
    h.drain().await;

    assert_eq!(service.count(Call::CreateCalendar), 1);
    let calendar = service.only_calendar();
    assert_eq!(calendar.name, "Book Your Services — Ann Provider");
    assert_eq!(calendar.seen_by, [service.address()]);
    assert_eq!(calendar.events.len(), 1);
    assert_eq!(service.token_requests(), 1, "the token is cached");
    assert_eq!(service.violations(), Vec::<String>::new());
}

pub async fn booking_rescheduling_and_cancelling_create_update_and_delete_one_event(
    backend: Backend,
) {
    let h = Harness::with(backend).await;
    let service = BookingCalendar::of(&h, backend);
    let shop = shop(&h, service.address()).await;
    let mut appointment = an_appointment(&shop.service, &shop.customer)
        .at("2026-04-02T14:00:00Z")
        .with_note("Short on the sides")
        .build();

    h.book(&appointment).await;
    h.drain().await;
    let booked = service.only_calendar().events;
    assert_eq!(booked.len(), 1);
    let event = &booked[0];
    assert_eq!(event.title, "Haircut with Carl Customer");
    for expected in [
        shop.customer.email.as_str(),
        "+33 6 12 34 56 78",
        "Short on the sides",
        &format!("https://bys.example/appointments/{}", appointment.id),
    ] {
        assert!(event.text.contains(expected), "{expected} not in {event:?}");
    }
    assert_eq!(
        (event.start, event.end, event.shown),
        (
            appointment.session.start(),
            appointment.session.end(),
            Shown::Busy
        )
    );

    h.reschedule(&mut appointment, TimeDelta::days(1)).await;
    h.drain().await;
    let moved = service.only_calendar().events;
    assert_eq!(
        moved
            .iter()
            .map(|e| (e.start, e.end, e.title.as_str()))
            .collect::<Vec<_>>(),
        [(
            appointment.session.start(),
            appointment.session.end(),
            "Haircut with Carl Customer"
        )]
    );

    h.cancel(&mut appointment).await;
    h.drain().await;
    assert!(service.only_calendar().events.is_empty());
    let calls = service.calls();
    assert!(calls.iter().all(|(_, status)| *status < 300), "{calls:?}");
    assert_eq!(
        calls.into_iter().map(|(call, _)| call).collect::<Vec<_>>(),
        [
            Call::CreateCalendar,
            Call::CreateEvent,
            Call::UpdateEvent,
            Call::DeleteEvent
        ]
    );
    assert_eq!(service.violations(), Vec::<String>::new());
}

pub async fn a_class_occurrence_is_one_event_listing_its_attendees_until_its_last_seat_goes(
    backend: Backend,
) {
    let h = Harness::with(backend).await;
    let service = BookingCalendar::of(&h, backend);
    let shop = shop(&h, service.address()).await;
    let yoga = a_service()
        .by(&shop.provider)
        .named("Morning yoga")
        .seating(12)
        .build();
    h.add_service(&yoga).await;
    let dora = a_customer().named("Dora Customer").build();
    h.add_user(&dora).await;
    let at = "2026-04-02T07:00:00Z";
    let mut carl = an_appointment(&yoga, &shop.customer).at(at).build();
    let mut doras = an_appointment(&yoga, &dora).at(at).build();

    h.book_seat(&carl, &yoga).await;
    h.book_seat(&doras, &yoga).await;
    h.drain().await;
    let events = service.only_calendar().events;
    assert_eq!(events.len(), 1, "one event for the occurrence: {events:?}");
    let event = &events[0];
    assert_eq!(event.title, "Morning yoga: 2 of 12 places booked");
    for expected in [
        "Carl Customer",
        shop.customer.email.as_str(),
        "Dora Customer",
        dora.email.as_str(),
    ] {
        assert!(event.text.contains(expected), "{expected} not in {event:?}");
    }
    assert_eq!(
        (event.start, event.end, event.shown),
        (carl.session.start(), carl.session.end(), Shown::Busy)
    );

    h.cancel(&mut carl).await;
    h.drain().await;
    let events = service.only_calendar().events;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].title, "Morning yoga: 1 of 12 places booked");
    assert!(!events[0].text.contains("Carl Customer"), "{events:?}");
    assert!(events[0].text.contains("Dora Customer"), "{events:?}");

    h.cancel(&mut doras).await;
    h.drain().await;
    assert!(service.only_calendar().events.is_empty());
    assert_eq!(service.count(Call::CreateEvent), 1);
    assert_eq!(service.count(Call::DeleteEvent), 1);
    assert_eq!(service.violations(), Vec::<String>::new());
}

pub async fn the_service_down_during_ten_bookings_gives_ten_events_none_twice_after_recovery(
    backend: Backend,
) {
    let h = Harness::with(backend).await;
    let service = BookingCalendar::of(&h, backend);
    let shop = shop(&h, service.address()).await;
    let admin = an_admin();
    let list = ListCalendars::new(h.stores.calendar_links.clone(), h.stores.users.clone());

    service.go_down();
    let appointments = ten_appointments(&shop.service, &shop.customer);
    for appointment in &appointments {
        h.book(appointment).await;
    }
    let mut failed_attempts = 0;
    let outage_steps = 5;
    for _ in 0..outage_steps {
        failed_attempts += h.run_worker().await.retrying;
        h.clock.advance(TimeDelta::minutes(11));
    }
    let during = list.run(&admin).await.unwrap();
    let error = during[0].calendar.last_error.clone().unwrap();
    // The token endpoint's OAuth error (RFC 6749 §5.2) names the outage.
    assert!(error.contains("temporarily_unavailable"), "{error}");
    assert!(service.calendars().is_empty());

    service.recover();
    let recovery = h.drain().await;
    let calendar = service.only_calendar();
    assert_eq!(
        calendar
            .events
            .iter()
            .map(|e| (e.start, e.end))
            .collect::<Vec<_>>(),
        appointments
            .iter()
            .map(|a| (a.session.start(), a.session.end()))
            .collect::<Vec<_>>(),
        "an event is missing or was created twice"
    );
    let mut tally = BTreeMap::new();
    for call in service.calls() {
        *tally.entry(call).or_insert(0) += 1;
    }
    assert_eq!(service.successes(Call::CreateCalendar), 1);
    let after = list.run(&admin).await.unwrap();
    assert_eq!(after[0].calendar.last_error, None);
    assert_eq!(service.violations(), Vec::<String>::new());
    println!(
        "{backend:?} outage figures: 10 bookings, {outage_steps} worker steps while the service \
         answered 503, {failed_attempts} failed calendar attempts (retried with backoff); after \
         recovery {} steps, calls by (operation, status) {tally:?}: 1 calendar, {} events, \
         0 duplicates",
        recovery.len(),
        calendar.events.len()
    );
}

pub async fn a_lost_answer_to_an_event_create_makes_no_second_event(backend: Backend) {
    let h = Harness::with(backend).await;
    let service = BookingCalendar::of(&h, backend);
    let shop = shop(&h, service.address()).await;
    sync_provider(&h, &shop.provider).await;
    let appointment = an_appointment(&shop.service, &shop.customer).build();

    h.book(&appointment).await;
    service.lose_next_answer();
    h.drain().await;

    let events = service.only_calendar().events;
    assert_eq!(
        events.iter().map(|e| (e.start, e.end)).collect::<Vec<_>>(),
        [(appointment.session.start(), appointment.session.end())],
        "an event was created twice"
    );
    assert!(
        service.calls().contains(&(Call::CreateEvent, 500)),
        "no answer was lost"
    );
    assert_eq!(service.violations(), Vec::<String>::new());
}

pub async fn a_rate_limit_is_retried_but_a_refused_request_is_given_up(backend: Backend) {
    let h = Harness::with(backend).await;
    let service = BookingCalendar::of(&h, backend);
    let shop = shop(&h, service.address()).await;
    let appointment = an_appointment(&shop.service, &shop.customer).build();
    h.book(&appointment).await;

    service.refuse_next(429);
    assert_eq!(h.run_worker().await.retrying, 1);
    h.clock.advance(TimeDelta::minutes(11));
    service.refuse_next(400);
    h.drain().await;

    let failed = h.stores.deliveries.failed(10).await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].event.appointment.id, appointment.id);
    assert_eq!(failed[0].attempts, 2);
    assert!(service.calendars().is_empty());
}

pub async fn a_removed_calendar_is_deleted_at_the_service_and_forgotten(backend: Backend) {
    let h = Harness::with(backend).await;
    let service = BookingCalendar::of(&h, backend);
    let mut shop = shop(&h, service.address()).await;
    h.book(&an_appointment(&shop.service, &shop.customer).build())
        .await;
    h.drain().await;
    assert_eq!(service.only_calendar().events.len(), 1);
    shop.provider.active = false;
    h.update_user(&shop.provider).await;

    DeleteOrphanedCalendar::new(h.stores.users.clone(), h.sync.clone())
        .run(&an_admin(), shop.provider.id)
        .await
        .unwrap();

    assert!(service.calendars().is_empty());
    let links = &h.stores.calendar_links;
    assert!(links.calendars().await.unwrap().is_empty());
    // Nothing left to delete: a second removal changes nothing and succeeds.
    h.sync.remove_calendar(shop.provider.id).await.unwrap();
    assert_eq!(service.count(Call::DeleteCalendar), 1);
    assert_eq!(service.violations(), Vec::<String>::new());
}

/// Runs every contract above against one backend.
macro_rules! sync_contract {
    ($name:ident, $backend:expr) => {
        mod $name {
            use super::*;

            #[tokio::test]
            async fn a_provider_with_a_calendar_address_gets_one_calendar_created_once() {
                super::a_provider_with_a_calendar_address_gets_one_calendar_created_once($backend)
                    .await;
            }

            #[tokio::test]
            async fn booking_rescheduling_and_cancelling_create_update_and_delete_one_event() {
                super::booking_rescheduling_and_cancelling_create_update_and_delete_one_event(
                    $backend,
                )
                .await;
            }

            #[tokio::test]
            async fn a_class_occurrence_is_one_event_listing_its_attendees_until_its_last_seat_goes()
             {
                super::a_class_occurrence_is_one_event_listing_its_attendees_until_its_last_seat_goes(
                    $backend,
                )
                .await;
            }

            #[tokio::test]
            async fn the_service_down_during_ten_bookings_gives_ten_events_none_twice_after_recovery()
             {
                super::the_service_down_during_ten_bookings_gives_ten_events_none_twice_after_recovery(
                    $backend,
                )
                .await;
            }

            #[tokio::test]
            async fn a_lost_answer_to_an_event_create_makes_no_second_event() {
                super::a_lost_answer_to_an_event_create_makes_no_second_event($backend).await;
            }

            #[tokio::test]
            async fn a_rate_limit_is_retried_but_a_refused_request_is_given_up() {
                super::a_rate_limit_is_retried_but_a_refused_request_is_given_up($backend).await;
            }

            #[tokio::test]
            async fn a_removed_calendar_is_deleted_at_the_service_and_forgotten() {
                super::a_removed_calendar_is_deleted_at_the_service_and_forgotten($backend).await;
            }
        }
    };
}

sync_contract!(google, Backend::Google);
sync_contract!(microsoft, Backend::Microsoft);
