//! Providers' own CalDAV calendars block their time: the CalDAV source reads a real Radicale
//! server (through the app's own wiring, `calendar.backend = "caldav"`) with RFC 6578 sync
//! tokens, or by ctag behind a proxy that hides them, expands recurring events, and fails
//! closed when the server is gone; logins are stored sealed, and URLs naming private
//! addresses are refused.

use std::time::Duration;

use adapters::{CalDavCalendars, CalDavConfig};
use application::actor::Actor;
use application::busy_calendars::BusyCalendarError;
use application::ports::{
    BusySource, BusyTimeSource as _, CalendarLogin, SourceError, SourceMode, SourceStatus,
};
use chrono::TimeDelta;
use domain::User;

use super::busy_sync::{monday_hours, open_provider, status_of};
use super::radicale::{PASSWORD, Radicale, USER};
use super::support::{Backend, Harness};

async fn caldav() -> Harness {
    Harness::with(Backend::CalDav).await
}

fn radicale(h: &Harness) -> &Radicale {
    h.radicale.as_ref().unwrap()
}

fn login(password: &str) -> CalendarLogin {
    CalendarLogin {
        username: USER.to_owned(),
        password: password.to_owned(),
    }
}

async fn add(h: &Harness, provider: &User, url: &str) -> Result<BusySource, BusyCalendarError> {
    let actor = Actor {
        id: provider.id,
        role: provider.role,
    };
    h.choice.add(&actor, url, Some(login(PASSWORD))).await
}

async fn stored(h: &Harness, provider: &User) -> BusySource {
    h.stores.busy_times.sources(provider.id).await.unwrap()[0].clone()
}

/// Monday 23 March 2026: a dentist at 10, lunch marked free at 12, a cancelled call at 14, the
/// gym at 15:30, and a stand-up every weekday at 13:00 since the Friday before.
async fn fill_monday(r: &Radicale) {
    r.make_calendar("work").await;
    r.put_event(
        "work",
        "dentist",
        "20260323T100000Z",
        "20260323T110000Z",
        "",
    )
    .await;
    r.put_event(
        "work",
        "lunch",
        "20260323T120000Z",
        "20260323T130000Z",
        "TRANSP:TRANSPARENT\r\n",
    )
    .await;
    r.put_event(
        "work",
        "call",
        "20260323T140000Z",
        "20260323T150000Z",
        "STATUS:CANCELLED\r\n",
    )
    .await;
    r.put_event("work", "gym", "20260323T153000Z", "20260323T160000Z", "")
        .await;
    r.put_event(
        "work",
        "standup",
        "20260320T130000Z",
        "20260320T133000Z",
        "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR\r\n",
    )
    .await;
}

#[tokio::test]
async fn caldav_events_block_slots_and_a_deleted_one_frees_them_through_sync_tokens() {
    let h = caldav().await;
    let (provider, service) = open_provider(&h).await;
    let r = radicale(&h);
    fill_monday(r).await;
    let url = r.calendar_url("work");
    assert_eq!(
        add(&h, &provider, &url).await.unwrap().mode,
        SourceMode::Events
    );
    let sealed = stored(&h, &provider).await.credentials.unwrap();
    assert!(!sealed.contains(PASSWORD) && !sealed.contains(USER));

    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full, report.failed), (1, 1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "14", "16"]
    );
    assert!(
        stored(&h, &provider)
            .await
            .sync_token
            .unwrap()
            .starts_with("sync:")
    );

    // Nothing changed: one sync-collection request, nothing re-read.
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full), (1, 0));

    // The gym is deleted: the next poll sees the change and frees its hour.
    r.delete_event("work", "gym").await;
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.failed), (1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "14", "15", "16"]
    );
    assert_eq!(status_of(&h, &provider).await, SourceStatus::Ok);
}

#[tokio::test]
async fn a_server_without_sync_collection_is_read_by_ctag() {
    let h = caldav().await;
    let (provider, service) = open_provider(&h).await;
    let r = radicale(&h);
    fill_monday(r).await;
    let proxy = r.without_sync_collection().await;
    add(&h, &provider, &proxy.calendar_url("work"))
        .await
        .unwrap();

    h.busy.run().await.unwrap();
    assert!(
        stored(&h, &provider)
            .await
            .sync_token
            .unwrap()
            .starts_with("ctag:")
    );
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "14", "16"]
    );
    // Unchanged: the ctag alone is asked for.
    h.clock.advance(TimeDelta::minutes(15));
    let before = proxy.log().len();
    h.busy.run().await.unwrap();
    assert_eq!(proxy.log()[before..], ["PROPFIND"]);

    r.delete_event("work", "dentist").await;
    h.clock.advance(TimeDelta::minutes(15));
    let before = proxy.log().len();
    h.busy.run().await.unwrap();
    assert_eq!(proxy.log()[before..], ["PROPFIND", "calendar-query"]);
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "10", "11", "12", "14", "16"]
    );
    assert!(!proxy.log().iter().any(|k| k == "sync-collection"));
}

#[tokio::test]
async fn an_expired_sync_token_reads_the_window_in_full_once() {
    let h = caldav().await;
    let (provider, service) = open_provider(&h).await;
    let r = radicale(&h);
    fill_monday(r).await;
    add(&h, &provider, &r.calendar_url("work")).await.unwrap();
    h.busy.run().await.unwrap();

    let mut source = stored(&h, &provider).await;
    source.sync_token = Some("sync:http://radicale.org/ns/sync/unknown".to_owned());
    h.stores.busy_times.save_source(&source).await.unwrap();
    r.delete_event("work", "gym").await;
    h.clock.advance(TimeDelta::minutes(15));
    let report = h.busy.run().await.unwrap();
    assert_eq!((report.synced, report.full, report.failed), (1, 1, 0));
    assert_eq!(
        monday_hours(&h, &service).await,
        ["09", "11", "12", "14", "15", "16"]
    );
}

#[tokio::test]
async fn a_wrong_app_password_is_refused_and_a_stopped_server_closes_the_slots() {
    let mut h = caldav().await;
    let (provider, service) = open_provider(&h).await;
    let r = radicale(&h);
    fill_monday(r).await;
    let url = r.calendar_url("work");
    let actor = Actor {
        id: provider.id,
        role: provider.role,
    };
    let wrong = h.choice.add(&actor, &url, Some(login("guess"))).await;
    assert!(matches!(wrong, Err(BusyCalendarError::LoginRefused(m)) if m.contains("401")));
    let none = h.choice.add(&actor, &url, None).await;
    assert!(matches!(none, Err(BusyCalendarError::LoginRequired)));

    add(&h, &provider, &url).await.unwrap();
    h.busy.run().await.unwrap();
    assert_eq!(monday_hours(&h, &service).await.len(), 5);

    // The server goes away: reads fail, and once the calendar is stale no slot is offered.
    h.radicale = None;
    h.clock.advance(TimeDelta::minutes(31));
    let report = h.busy.run().await.unwrap();
    assert_eq!(report.failed, 1);
    assert!(matches!(
        status_of(&h, &provider).await,
        SourceStatus::Failing(_)
    ));
    assert_eq!(monday_hours(&h, &service).await, Vec::<String>::new());
}

#[tokio::test]
async fn calendar_urls_naming_private_or_metadata_addresses_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let guarded = CalDavCalendars::new(&CalDavConfig {
        key_path: dir.path().join("caldav.key"),
        allow_private_addresses: false,
        request_timeout: Duration::from_secs(2),
    })
    .unwrap();
    let r = Radicale::start();
    r.make_calendar("work").await;
    let login = login(PASSWORD);
    for (url, reason) in [
        (r.calendar_url("work"), "https://"),
        (
            format!("https://127.0.0.1:{}/{USER}/work/", r.port),
            "loopback",
        ),
        (
            format!("https://localhost:{}/{USER}/work/", r.port),
            "loopback",
        ),
        (
            "https://169.254.169.254/latest/meta-data/".to_owned(),
            "metadata",
        ),
        ("https://[::1]/ann/".to_owned(), "loopback"),
    ] {
        let refused = guarded.calendar(&url, Some(login.clone())).await;
        assert!(
            matches!(&refused, Err(SourceError::AccessGone(m)) if m.contains(reason)),
            "{url}: {refused:?}"
        );
    }
}
