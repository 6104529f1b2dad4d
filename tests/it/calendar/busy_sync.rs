//! Providers' own calendars block their time: the Google adapter reads them from the fake
//! Google (incrementally, every page, through expired tokens and rate limits), the busy-time
//! worker stores what it read, and slots and bookings read the store.

use application::actor::Actor;
use application::book_appointment::{BookAppointment, BookError, BookingInput};
use application::booking_checks::BookingChecks;
use application::busy_calendars::BusyCalendarError;
use application::external_busy::ExternalBusy;
use application::list_free_slots::ListFreeSlots;
use application::ports::{SourceMode, SourceStatus};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{BookingRejection, DayHours, Schedule, Service, TimeRange, User, WeeklyHours};

use super::fake_google::{Fault, SERVICE_ACCOUNT};
use super::support::Harness;
use crate::builders::{a_customer, a_provider, a_service, hours, utc};

/// The provider's main calendar (its id is their Gmail address).
const ANN: &str = "ann.provider@gmail.com";

/// A provider open 09:00–17:00 UTC every day with a 60-minute service, both stored.
pub(super) async fn open_provider(h: &Harness) -> (User, Service) {
    let provider = a_provider().build();
    h.add_user(&provider).await;
    let service = a_service().by(&provider).build();
    h.add_service(&service).await;
    let day: DayHours = hours(&[("09:00", "17:00")]);
    let schedule = Schedule {
        weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
        ..Schedule::default()
    };
    h.stores
        .schedules
        .put(provider.id, &schedule)
        .await
        .unwrap();
    (provider, service)
}

/// Monday after the harness's clock (2026-03-20).
fn monday() -> TimeRange {
    TimeRange::new(utc("2026-03-23T00:00:00Z"), utc("2026-03-24T00:00:00Z")).unwrap()
}

fn free_slots(h: &Harness) -> ListFreeSlots {
    let s = &h.stores;
    ListFreeSlots::new(
        s.users.clone(),
        s.services.clone(),
        s.schedules.clone(),
        s.appointments.clone(),
        ExternalBusy::new(s.busy_times.clone()),
        h.clock.clone(),
    )
}

/// The free starts of `service` on Monday, as hours (`"09"`, ...).
pub(super) async fn monday_hours(h: &Harness, service: &Service) -> Vec<String> {
    free_slots(h)
        .run(None, service.id, monday())
        .await
        .unwrap()
        .slots
        .iter()
        .map(|s: &DateTime<Utc>| s.format("%H").to_string())
        .collect()
}

pub(super) async fn choose(h: &Harness, provider: &User, calendar: &str) -> SourceMode {
    let actor = Actor {
        id: provider.id,
        role: provider.role,
    };
    h.choice.add(&actor, calendar, None).await.unwrap().mode
}

pub(super) async fn status_of(h: &Harness, provider: &User) -> SourceStatus {
    h.stores.busy_times.sources(provider.id).await.unwrap()[0]
        .status
        .clone()
}

#[tokio::test]
async fn busy_events_block_slots_and_free_or_declined_ones_do_not() {
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    h.google.put_own_event_with(
        ANN,
        "lunch",
        "2026-03-23T12:00:00Z",
        "2026-03-23T13:00:00Z",
        |e| {
            e.free = true;
        },
    );
    h.google.put_own_event_with(
        ANN,
        "meeting",
        "2026-03-23T14:00:00Z",
        "2026-03-23T15:00:00Z",
        |e| {
            e.declined = true;
        },
    );
    h.google
        .put_own_event(ANN, "gym", "2026-03-23T15:30:00Z", "2026-03-23T16:00:00Z");
    assert_eq!(choose(&h, &provider, ANN).await, SourceMode::Events);
    assert!(
        monday_hours(&h, &service).await.is_empty(),
        "closed until the calendar's first read"
    );

    let report = h.busy.run().await.unwrap();

    assert_eq!((report.synced, report.failed), (1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "13", "14", "16"]
    );
    assert_eq!(h.google.violations(), Vec::<String>::new());

    // The dentist moves to 09:00 and the gym is deleted: the next poll's incremental read
    // brings both changes, and the cached slots follow.
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T09:00:00Z",
        "2026-03-23T10:00:00Z",
    );
    h.google.delete_own_event(ANN, "gym");
    h.clock.advance(TimeDelta::minutes(15));
    h.busy.run().await.unwrap();
    assert_eq!(
        monday_hours(&h, &service).await,
        ["10", "11", "12", "13", "14", "15", "16"]
    );
    assert_eq!(h.google.calls("events.list"), 2);
}

#[tokio::test]
async fn a_booking_over_an_event_of_the_providers_calendar_is_refused() {
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    let customer = a_customer().build();
    h.add_user(&customer).await;
    h.google.share_own_calendar(ANN, "reader");
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:30:00Z",
        "2026-03-23T11:00:00Z",
    );
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    let s = &h.stores;
    let book = BookAppointment::new(BookingChecks::new(
        s.users.clone(),
        s.services.clone(),
        s.schedules.clone(),
        s.appointments.clone(),
        ExternalBusy::new(s.busy_times.clone()),
        h.clock.clone(),
    ));
    let actor = Actor {
        id: customer.id,
        role: customer.role,
    };
    let at = |start: &str| BookingInput {
        service: service.id,
        start: utc(start),
        note: None,
        idempotency_key: None,
    };
    let refused = book.run(&actor, at("2026-03-23T10:00:00Z")).await;
    assert!(
        matches!(
            refused,
            Err(BookError::Rejected(BookingRejection::SlotTaken))
        ),
        "{refused:?}"
    );
    book.run(&actor, at("2026-03-23T11:00:00Z")).await.unwrap();
}

#[tokio::test]
async fn a_calendar_of_600_events_over_three_pages_is_read_whole() {
    let h = Harness::start().await;
    let (provider, _) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    h.google.set_events_page_size(250);
    let first = utc("2026-03-21T00:00:00Z");
    for i in 0..600 {
        let start = first + TimeDelta::minutes(30 * i);
        let end = start + TimeDelta::minutes(15);
        h.google.put_own_event(
            ANN,
            &format!("e{i:03}"),
            &start.to_rfc3339(),
            &end.to_rfc3339(),
        );
    }
    choose(&h, &provider, ANN).await;

    h.busy.run().await.unwrap();

    assert_eq!(h.google.calls("events.list"), 3);
    let everything = TimeRange::new(first, first + TimeDelta::days(30)).unwrap();
    let stored = h
        .stores
        .busy_times
        .busy(provider.id, everything)
        .await
        .unwrap();
    assert_eq!(stored.len(), 600);
    assert_eq!(stored[599].start(), first + TimeDelta::minutes(30 * 599));
}

#[tokio::test]
async fn an_expired_sync_token_wipes_the_source_and_reads_it_in_full_once() {
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    h.clock.advance(TimeDelta::minutes(15));
    h.busy.run().await.unwrap(); // incremental: nothing new

    // Google forgets the tokens; meanwhile the dentist was deleted and a gym hour added.
    h.google.expire_sync_tokens();
    h.google.delete_own_event(ANN, "dentist");
    h.google
        .put_own_event(ANN, "gym", "2026-03-23T13:00:00Z", "2026-03-23T14:00:00Z");
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();

    assert_eq!((report.synced, report.full, report.failed), (1, 1, 0));
    let lists: Vec<u16> = h
        .google
        .log()
        .into_iter()
        .filter(|(op, _)| op == "events.list")
        .map(|(_, status)| status)
        .collect();
    assert_eq!(lists, [200, 200, 410, 200], "one full read after the 410");
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "10", "11", "12", "14", "15", "16"]
    );
    // Back to incremental reads with the new token.
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full), (1, 0));
    assert_eq!(h.google.calls("events.list"), 5);
}

#[tokio::test]
async fn a_storm_of_rate_limits_is_waited_out_with_growing_delays_and_then_recovers() {
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    for i in 0..8 {
        h.google.inject(if i % 2 == 0 {
            Fault::Status(429)
        } else {
            Fault::Refuse(403, "userRateLimitExceeded")
        });
    }
    // The worker is asked every minute for four hours.
    let before = h.google.calls("events.list");
    let mut attempts_in_first_hour = 0;
    for minute in 1..=240 {
        h.clock.advance(TimeDelta::minutes(1));
        h.busy.run().await.unwrap();
        if minute == 60 {
            attempts_in_first_hour = h.google.calls("events.list") - before;
        }
    }
    // Delays of about 1, 2, 4, 8, 16, 32 minutes (each between half and all of it): at most
    // 7 attempts in the first hour instead of 60; the 8 refusals take at most 1+2+…+32+60+60
    // = 183 minutes (plus a minute of polling each), then reads succeed again.
    assert!(
        (4..=7).contains(&attempts_in_first_hour),
        "{attempts_in_first_hour} attempts in the first hour"
    );
    assert_eq!(status_of(&h, &provider).await, SourceStatus::Ok);
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "13", "14", "15", "16"]
    );
}

#[tokio::test]
async fn a_calendar_shared_free_busy_only_is_polled_with_free_busy_queries() {
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "freeBusyReader");
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    h.google.put_own_event_with(
        ANN,
        "lunch",
        "2026-03-23T12:00:00Z",
        "2026-03-23T13:00:00Z",
        |e| {
            e.free = true;
        },
    );
    assert_eq!(choose(&h, &provider, ANN).await, SourceMode::FreeBusy);

    h.busy.run().await.unwrap();

    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "13", "14", "15", "16"]
    );
    assert_eq!(h.google.calls("events.list"), 0);
    // −7..+180 days in parts of at most 60 days.
    assert_eq!(h.google.calls("freebusy.query"), 4);
    assert_eq!(h.google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_calendar_not_shared_yet_is_refused_with_the_address_to_share_it_with() {
    let h = Harness::start().await;
    let (provider, _) = open_provider(&h).await;
    let actor = Actor {
        id: provider.id,
        role: provider.role,
    };
    let refused = h.choice.add(&actor, ANN, None).await;
    assert!(
        matches!(&refused, Err(BusyCalendarError::NotShared { share_with }) if share_with == SERVICE_ACCOUNT),
        "{refused:?}"
    );
    assert!(
        h.stores
            .busy_times
            .sources(provider.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_calendar_unshared_later_is_marked_access_gone() {
    let h = Harness::start().await;
    let (provider, _) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    h.google.unshare_own_calendar(ANN);
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!(report.failed, 1);
    assert!(matches!(
        status_of(&h, &provider).await,
        SourceStatus::AccessGone(_)
    ));
}

/// Runs the busy-time worker every minute for `minutes` minutes.
async fn poll_for(h: &Harness, minutes: i64) {
    for _ in 0..minutes {
        h.clock.advance(TimeDelta::minutes(1));
        h.busy.run().await.unwrap();
    }
}

#[tokio::test]
async fn a_calendar_not_read_for_too_long_closes_the_slots_until_it_is_read_again() {
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    let open = ["09", "11", "12", "13", "14", "15", "16"];
    assert_eq!(monday_hours(&h, &service).await, open);

    h.google.go_down(503);
    poll_for(&h, 29).await;
    assert_eq!(
        monday_hours(&h, &service).await,
        open,
        "still within 30 minutes"
    );
    assert!(matches!(
        status_of(&h, &provider).await,
        SourceStatus::Failing(_)
    ));
    poll_for(&h, 2).await;
    assert!(monday_hours(&h, &service).await.is_empty(), "stale: closed");

    h.google.recover();
    // The next attempt comes after the current backoff (at most an hour).
    poll_for(&h, 61).await;
    assert_eq!(status_of(&h, &provider).await, SourceStatus::Ok);
    assert_eq!(monday_hours(&h, &service).await, open);
}

#[tokio::test]
async fn a_calendar_no_longer_shared_closes_the_slots_at_once_and_sharing_it_again_reopens_them() {
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    assert_eq!(monday_hours(&h, &service).await.len(), 8);

    h.google.unshare_own_calendar(ANN);
    poll_for(&h, 15).await;
    assert!(matches!(
        status_of(&h, &provider).await,
        SourceStatus::AccessGone(_)
    ));
    assert!(monday_hours(&h, &service).await.is_empty());

    h.google.share_own_calendar(ANN, "reader");
    // Read again after the current backoff (at most an hour).
    poll_for(&h, 61).await;
    assert_eq!(status_of(&h, &provider).await, SourceStatus::Ok);
    assert_eq!(monday_hours(&h, &service).await.len(), 8);
}

#[tokio::test]
async fn a_failing_calendar_is_listed_for_staff_until_it_is_read_again() {
    use application::admin::operations::ListOperations;
    use application::list_calendars::ListCalendars;
    use domain::Role;
    let h = Harness::start().await;
    let (provider, _) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    choose(&h, &provider, ANN).await;
    let s = &h.stores;
    let operations = ListOperations::new(
        s.deliveries.clone(),
        ListCalendars::new(s.calendar_links.clone(), s.users.clone()),
        s.busy_times.clone(),
        ExternalBusy::new(s.busy_times.clone()),
        h.clock.clone(),
    );
    let support = Actor {
        id: provider.id,
        role: Role::Support,
    };
    let listed = |ops: application::admin::operations::Operations| {
        ops.busy_calendars
            .into_iter()
            .map(|b| b.calendar_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        listed(operations.run(&support).await.unwrap()),
        [ANN],
        "unread"
    );
    h.busy.run().await.unwrap();
    assert!(listed(operations.run(&support).await.unwrap()).is_empty());
    h.google.unshare_own_calendar(ANN);
    h.clock.advance(TimeDelta::minutes(15));
    h.busy.run().await.unwrap();
    assert_eq!(
        listed(operations.run(&support).await.unwrap()),
        [ANN],
        "unshared"
    );
}

/// The race of the issue: the provider adds an event in Google while a customer books the same
/// time. The booking check sees only what was read, so the booking is made and stands (it is
/// not cancelled behind anyone's back); once the worker has read the event, that time is no
/// longer offered and the provider sees the booking marked as a conflict. Moving the event
/// away removes the marker.
#[tokio::test]
async fn an_event_added_while_a_customer_books_that_time_leaves_the_booking_standing_and_marked() {
    use application::calendar_conflicts::CalendarConflicts;
    let h = Harness::start().await;
    let (provider, service) = open_provider(&h).await;
    let customer = a_customer().build();
    h.add_user(&customer).await;
    h.google.share_own_calendar(ANN, "reader");
    choose(&h, &provider, ANN).await;
    h.busy.run().await.unwrap();
    assert!(monday_hours(&h, &service).await.contains(&"10".to_owned()));

    // The provider adds a dentist visit at 10:00; before the next read, a customer books 10:00.
    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
    );
    let s = &h.stores;
    let book = BookAppointment::new(BookingChecks::new(
        s.users.clone(),
        s.services.clone(),
        s.schedules.clone(),
        s.appointments.clone(),
        ExternalBusy::new(s.busy_times.clone()),
        h.clock.clone(),
    ));
    let as_customer = Actor {
        id: customer.id,
        role: customer.role,
    };
    let booked = book
        .run(
            &as_customer,
            BookingInput {
                service: service.id,
                start: utc("2026-03-23T10:00:00Z"),
                note: None,
                idempotency_key: None,
            },
        )
        .await
        .unwrap()
        .appointment;
    let conflicts = CalendarConflicts::new(s.busy_times.clone());
    let as_provider = Actor {
        id: provider.id,
        role: provider.role,
    };
    let marked = || async {
        let current = s.appointments.by_id(booked.id).await.unwrap().unwrap();
        assert!(current.status.is_active(), "the booking stands");
        conflicts
            .among(&as_provider, std::slice::from_ref(&current))
            .await
            .unwrap()
            .contains(&booked.id)
    };
    assert!(!marked().await, "the event is not known yet");

    h.clock.advance(TimeDelta::minutes(15));
    h.busy.run().await.unwrap();

    assert!(marked().await, "the provider sees the conflict");
    assert!(
        conflicts
            .among(&as_customer, std::slice::from_ref(&booked))
            .await
            .unwrap()
            .is_empty(),
        "the customer learns nothing of the provider's calendar"
    );
    assert!(!monday_hours(&h, &service).await.contains(&"10".to_owned()));

    h.google.put_own_event(
        ANN,
        "dentist",
        "2026-03-23T14:00:00Z",
        "2026-03-23T15:00:00Z",
    );
    h.clock.advance(TimeDelta::minutes(15));
    h.busy.run().await.unwrap();
    assert!(!marked().await, "the event moved away: no conflict");
}
