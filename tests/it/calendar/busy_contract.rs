//! The busy-time port's contract ([`BusyTimeSource`](application::ports::BusyTimeSource)),
//! written once and run through the app's own wiring against every backend that reads
//! providers' calendars: the Google fake, the Graph fake and a real Radicale (CalDAV). Each
//! body runs as `calendar::busy_contract::<backend>::<contract>`.
//!
//! A backend joins with one [`OwnCalendar`] arm per operation (how a provider's own calendar
//! is prepared and changed at that service) and one `busy_contract!` line.

use application::actor::Actor;
use application::ports::{CalendarLogin, SourceMode, SourceStatus};
use chrono::{DateTime, TimeDelta, Utc};

use super::busy_sync::{monday_hours, open_provider, status_of};
use super::radicale::{PASSWORD, USER};
use super::support::{Backend, Harness};

/// The provider's calendar at the service: Google's shared calendar id, the Graph mailbox, or
/// the Radicale calendar `own`.
const GOOGLE_CALENDAR: &str = "ann@gmail.com";
const MAILBOX: &str = "ann@contoso.example";
const CALDAV_CALENDAR: &str = "own";

/// The provider's own calendar at the harness's service, changed as its app would.
struct OwnCalendar<'a> {
    h: &'a Harness,
    backend: Backend,
}

impl OwnCalendar<'_> {
    /// Makes the calendar exist (and shared, for Google); the id and login to add it with.
    async fn prepare(&self) -> (String, Option<CalendarLogin>) {
        match self.backend {
            Backend::Google => {
                self.h.google.share_own_calendar(GOOGLE_CALENDAR, "reader");
                (GOOGLE_CALENDAR.to_owned(), None)
            }
            Backend::Microsoft => (MAILBOX.to_owned(), None),
            Backend::CalDav => {
                let r = self.h.radicale.as_ref().unwrap();
                r.make_calendar(CALDAV_CALENDAR).await;
                let login = CalendarLogin {
                    username: USER.to_owned(),
                    password: PASSWORD.to_owned(),
                };
                (r.calendar_url(CALDAV_CALENDAR), Some(login))
            }
        }
    }

    /// Puts a busy (or, with `free`, a free) event `id` from `start` to `end`.
    async fn put(&self, id: &str, start: &str, end: &str, free: bool) {
        match self.backend {
            Backend::Google => {
                self.h
                    .google
                    .put_own_event_with(GOOGLE_CALENDAR, id, start, end, |e| e.free = free);
            }
            Backend::Microsoft if free => self.h.graph.put_free_own_event(MAILBOX, id, start, end),
            Backend::Microsoft => self.h.graph.put_own_event(MAILBOX, id, start, end),
            Backend::CalDav => {
                let ical = |at: &str| {
                    at.parse::<DateTime<Utc>>()
                        .unwrap()
                        .format("%Y%m%dT%H%M%SZ")
                        .to_string()
                };
                let extra = if free { "TRANSP:TRANSPARENT\r\n" } else { "" };
                self.h
                    .radicale
                    .as_ref()
                    .unwrap()
                    .put_event(CALDAV_CALENDAR, id, &ical(start), &ical(end), extra)
                    .await;
            }
        }
    }

    async fn delete(&self, id: &str) {
        match self.backend {
            Backend::Google => self.h.google.delete_own_event(GOOGLE_CALENDAR, id),
            Backend::Microsoft => self.h.graph.delete_own_event(MAILBOX, id),
            Backend::CalDav => {
                self.h
                    .radicale
                    .as_ref()
                    .unwrap()
                    .delete_event(CALDAV_CALENDAR, id)
                    .await;
            }
        }
    }
}

async fn add(h: &Harness, provider: &domain::User, id: &str, login: Option<CalendarLogin>) {
    let actor = Actor {
        id: provider.id,
        role: provider.role,
    };
    let added = h.choice.add(&actor, id, login).await.unwrap();
    assert_eq!(added.mode, SourceMode::Events);
}

pub async fn busy_events_block_slots_free_ones_do_not_and_a_deleted_one_frees_its_time(
    backend: Backend,
) {
    let h = Harness::with(backend).await;
    let own = OwnCalendar { h: &h, backend };
    let (provider, service) = open_provider(&h).await;
    let (id, login) = own.prepare().await;
    own.put(
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
        false,
    )
    .await;
    own.put(
        "lunch",
        "2026-03-23T12:00:00Z",
        "2026-03-23T13:00:00Z",
        true,
    )
    .await;
    own.put("gym", "2026-03-23T15:30:00Z", "2026-03-23T16:00:00Z", false)
        .await;
    add(&h, &provider, &id, login).await;

    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full, report.failed), (1, 1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "13", "14", "16"]
    );

    own.delete("gym").await;
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.failed), (1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "13", "14", "15", "16"]
    );
}

pub async fn an_unchanged_calendar_is_read_again_incrementally(backend: Backend) {
    let h = Harness::with(backend).await;
    let own = OwnCalendar { h: &h, backend };
    let (provider, _) = open_provider(&h).await;
    let (id, login) = own.prepare().await;
    own.put(
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
        false,
    )
    .await;
    add(&h, &provider, &id, login).await;
    assert_eq!(h.busy.run().await.unwrap().full, 1);
    let token = h.stores.busy_times.sources(provider.id).await.unwrap()[0]
        .sync_token
        .clone();
    assert!(token.is_some(), "a full read leaves a token");

    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full, report.failed), (1, 0, 0));
}

pub async fn a_calendar_that_cannot_be_read_closes_the_slots_once_stale(backend: Backend) {
    let mut h = Harness::with(backend).await;
    let own = OwnCalendar { h: &h, backend };
    let (provider, service) = open_provider(&h).await;
    let (id, login) = own.prepare().await;
    own.put(
        "dentist",
        "2026-03-23T10:00:00Z",
        "2026-03-23T11:00:00Z",
        false,
    )
    .await;
    add(&h, &provider, &id, login).await;
    h.busy.run().await.unwrap();
    assert_eq!(monday_hours(&h, &service).await.len(), 7);

    match backend {
        Backend::Google => h.google.go_down(503),
        Backend::Microsoft => h.graph.go_down(503, None),
        Backend::CalDav => h.radicale = None, // the server process stops
    }
    h.clock.advance(TimeDelta::minutes(31));
    let report = h.busy.run().await.unwrap();
    assert_eq!(report.failed, 1);
    assert!(matches!(
        status_of(&h, &provider).await,
        SourceStatus::Failing(_)
    ));
    assert_eq!(monday_hours(&h, &service).await, Vec::<String>::new());
}

/// Runs every contract above against one backend.
macro_rules! busy_contract {
    ($name:ident, $backend:expr) => {
        mod $name {
            use super::*;

            #[tokio::test]
            async fn busy_events_block_slots_free_ones_do_not_and_a_deleted_one_frees_its_time() {
                super::busy_events_block_slots_free_ones_do_not_and_a_deleted_one_frees_its_time(
                    $backend,
                )
                .await;
            }

            #[tokio::test]
            async fn an_unchanged_calendar_is_read_again_incrementally() {
                super::an_unchanged_calendar_is_read_again_incrementally($backend).await;
            }

            #[tokio::test]
            async fn a_calendar_that_cannot_be_read_closes_the_slots_once_stale() {
                super::a_calendar_that_cannot_be_read_closes_the_slots_once_stale($backend).await;
            }
        }
    };
}

busy_contract!(google, Backend::Google);
busy_contract!(microsoft, Backend::Microsoft);
busy_contract!(caldav, Backend::CalDav);
