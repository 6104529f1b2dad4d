//! The iCalendar feed through its use cases and the in-memory stores, read back with the
//! `icalendar` crate's parser.

use std::sync::Arc;

use adapters::{IcalFeedRenderer, InMemory, MemoryFeedTokens};
use application::calendar_feed::{CalendarFeed, CalendarFeedError};
use application::issue_feed_token::IssueFeedToken;
use application::ports::{AppointmentStore, ServiceStore, UserStore};
use application::{Actor, AppointmentEvent, ChangeKind};
use chrono::{DateTime, Timelike, Utc};
use domain::{Appointment, AppointmentStatus, Cancellation, Party, User};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use web::links::SiteLinks;

use super::support::TestClock;
use crate::builders::{
    a_customer, a_password_hash, a_provider, a_service, an_appointment, created,
};

struct Feeds {
    stores: InMemory,
    tokens: Arc<MemoryFeedTokens>,
    clock: Arc<TestClock>,
}

impl Feeds {
    /// "Now" is Friday 2026-03-27, just before Europe's change to summer time on Sunday.
    fn new() -> Self {
        Self {
            stores: InMemory::new(),
            tokens: Arc::new(MemoryFeedTokens::default()),
            clock: TestClock::at("2026-03-27T12:00:00Z"),
        }
    }

    async fn add_user(&self, user: &User) {
        self.stores
            .users
            .insert(user, &a_password_hash())
            .await
            .unwrap();
    }

    async fn book(&self, appointment: &Appointment) {
        let event = AppointmentEvent::new(ChangeKind::Booked, appointment, appointment.created_at);
        self.stores
            .appointments
            .insert(appointment, None, &event)
            .await
            .unwrap();
    }

    async fn token_for(&self, user: &User) -> String {
        IssueFeedToken::new(self.tokens.clone(), self.stores.users.clone())
            .run(&Actor::new(user.id, user.role), user.id)
            .await
            .unwrap()
            .expose()
            .to_owned()
    }

    async fn fetch(&self, token: &str) -> Result<String, CalendarFeedError> {
        CalendarFeed::new(
            self.tokens.clone(),
            self.stores.users.clone(),
            self.stores.services.clone(),
            self.stores.appointments.clone(),
            Arc::new(IcalFeedRenderer),
            self.clock.clone(),
            Arc::new(SiteLinks::new("https://bys.example")),
        )
        .run(token)
        .await
    }
}

fn utc_start(event: &icalendar::Event) -> DateTime<Utc> {
    match event.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t,
        other => panic!("DTSTART is not a UTC time: {other:?}"),
    }
}

fn events(body: &str) -> Vec<icalendar::Event> {
    let calendar: icalendar::Calendar = body.parse().unwrap();
    calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_provider_feed_parses_and_shows_the_right_instants_across_the_dst_change() {
    let f = Feeds::new();
    let provider = a_provider()
        .named("Ann Provider")
        .in_zone("Europe/Paris")
        .build();
    let customer = a_customer().named("Carl Customer").build();
    f.add_user(&provider).await;
    f.add_user(&customer).await;
    let service = a_service()
        .by(&provider)
        .named("Haircut")
        .lasting(60)
        .build();
    f.stores
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    // 09:00 in Paris on both sides of the change: 08:00 UTC in winter, 07:00 UTC in summer.
    let winter = an_appointment(&service, &customer)
        .at("2026-03-28T08:00:00Z")
        .build();
    let summer = an_appointment(&service, &customer)
        .at("2026-03-30T07:00:00Z")
        .build();
    let mut cancelled = an_appointment(&service, &customer)
        .at("2026-04-01T07:00:00Z")
        .build();
    let long_ago = an_appointment(&service, &customer)
        .at("2026-02-01T09:00:00Z")
        .build();
    for a in [&winter, &summer, &cancelled, &long_ago] {
        f.book(a).await;
    }
    let revision = cancelled.revision;
    cancelled.status = AppointmentStatus::Cancelled;
    cancelled.cancellation = Some(Cancellation {
        by: Party::Customer,
        reason: None,
        at: f.clock.now_instant(),
    });
    cancelled.revision += 1;
    let cancel = AppointmentEvent::new(
        ChangeKind::Cancelled {
            by: Party::Customer,
            reason: None,
        },
        &cancelled,
        f.clock.now_instant(),
    );
    f.stores
        .appointments
        .update(&cancelled, revision, &cancel)
        .await
        .unwrap();

    let token = f.token_for(&provider).await;
    let body = f.fetch(&token).await.unwrap();

    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        body.lines().all(|l| l.len() <= 75),
        "lines must be folded at 75 octets"
    );
    let listed = events(&body);
    assert_eq!(
        listed.len(),
        3,
        "the appointment from two months ago is not listed"
    );
    let paris = domain::zone::Zone::parse("Europe/Paris").unwrap();
    for (event, appointment) in listed.iter().zip([&winter, &summer]) {
        assert_eq!(utc_start(event), appointment.session.start());
        assert_eq!(paris.wall_clock(utc_start(event)).hour(), 9);
        assert_eq!(event.get_summary(), Some("Haircut with Carl Customer"));
        assert_eq!(
            event.get_uid(),
            Some(adapters::ical::uid(appointment.id).as_str())
        );
        assert!(event.get_timestamp().is_some(), "DTSTAMP is required");
    }
    assert_eq!(
        utc_start(&listed[1]) - utc_start(&listed[0]),
        chrono::TimeDelta::hours(47),
        "the summer-time morning is 47 hours after the winter one"
    );
    assert_eq!(
        listed[2].get_status(),
        Some(icalendar::EventStatus::Cancelled)
    );
    assert_eq!(listed[2].get_sequence(), Some(cancelled.revision));

    let again = events(&f.fetch(&token).await.unwrap());
    let uids = |list: &[icalendar::Event]| -> Vec<String> {
        list.iter()
            .map(|e| e.get_uid().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        uids(&again),
        uids(&listed),
        "UIDs are stable across fetches"
    );
}

#[tokio::test]
async fn a_customer_feed_lists_only_their_bookings_named_after_the_provider() {
    let f = Feeds::new();
    let provider = a_provider().named("Ann Provider").build();
    let customer = a_customer().build();
    let other = a_customer().build();
    for u in [&provider, &customer, &other] {
        f.add_user(u).await;
    }
    let service = a_service().by(&provider).named("Massage").build();
    f.stores
        .services
        .insert(&service, &created(&service))
        .await
        .unwrap();
    f.book(
        &an_appointment(&service, &customer)
            .at("2026-04-02T10:00:00Z")
            .build(),
    )
    .await;
    f.book(
        &an_appointment(&service, &other)
            .at("2026-04-03T10:00:00Z")
            .build(),
    )
    .await;

    let body = f.fetch(&f.token_for(&customer).await).await.unwrap();

    let listed = events(&body);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].get_summary(), Some("Massage with Ann Provider"));
}

#[tokio::test]
async fn a_class_is_one_provider_entry_listing_its_attendees_and_one_entry_for_each_of_them() {
    let f = Feeds::new();
    let provider = a_provider().named("Ann Provider").build();
    let bo = a_customer().named("Bo Customer").build();
    let cy = a_customer().named("Cy Customer").build();
    for u in [&provider, &bo, &cy] {
        f.add_user(u).await;
    }
    let yoga = a_service().by(&provider).named("Yoga").seating(12).build();
    f.stores
        .services
        .insert(&yoga, &created(&yoga))
        .await
        .unwrap();
    for customer in [&bo, &cy] {
        let seat = an_appointment(&yoga, customer)
            .at("2026-04-02T07:00:00Z")
            .build();
        let event = AppointmentEvent::new(ChangeKind::Booked, &seat, seat.created_at);
        f.stores
            .appointments
            .insert_seat(&seat, yoga.capacity, None, &event)
            .await
            .unwrap();
    }

    let provider_feed = events(&f.fetch(&f.token_for(&provider).await).await.unwrap());
    assert_eq!(provider_feed.len(), 1, "one entry for the occurrence");
    let class = &provider_feed[0];
    assert_eq!(class.get_summary(), Some("Yoga: 2 of 12 places booked"));
    let text = class.get_description().unwrap();
    assert!(
        text.contains("Bo Customer") && text.contains("Cy Customer"),
        "{text}"
    );
    assert_eq!(class.get_status(), Some(icalendar::EventStatus::Confirmed));

    let bo_feed = events(&f.fetch(&f.token_for(&bo).await).await.unwrap());
    assert_eq!(bo_feed.len(), 1);
    assert_eq!(bo_feed[0].get_summary(), Some("Yoga with Ann Provider"));
    assert_ne!(bo_feed[0].get_uid(), class.get_uid());
}

#[tokio::test]
async fn a_rotated_feed_url_stops_working_and_the_new_one_works() {
    let f = Feeds::new();
    let provider = a_provider().build();
    f.add_user(&provider).await;
    let old = f.token_for(&provider).await;
    let new = f.token_for(&provider).await;

    assert!(matches!(
        f.fetch(&old).await,
        Err(CalendarFeedError::UnknownToken)
    ));
    assert!(f.fetch(&new).await.is_ok());
}
