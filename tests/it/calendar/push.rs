//! Push channels on providers' own calendars: the worker's step opens one per Google calendar
//! read with event details, replaces it before it expires and stops it when the calendar is
//! removed (against the fake Google); and the whole app, whose hooks Google and Graph post to,
//! reads a calendar when a notification with the channel's token arrives and refuses any other.
//! Graph's subscriptions are created only after the app's hook echoed the validation token.

use std::sync::Arc;
use std::time::Duration;

use adapters::{MicrosoftCalendarSync, SystemClock};
use application::actor::Actor;
use application::ports::{
    BusySource, CalendarWatch, ChannelRequest, ChannelToken, SourceMode, WatchChannel,
};
use application::watch_calendars::WatchReport;
use chrono::TimeDelta;
use domain::{DayHours, Schedule, TimeRange, User, WeeklyHours};
use reqwest::StatusCode;
use secrecy::SecretString;
use web::settings::{CalendarBackend, Settings};
use web::startup::Stores;

use super::busy_sync::{choose, open_provider};
use super::fake_google::FakeGoogle;
use super::fake_graph::{self, FakeGraph, GraphSubscription};
use super::support::{Backend, Harness, service_account_key};
use crate::app::{RunningApp, settings_in};
use crate::builders::{a_provider, hours};

/// The provider's main calendar (its id is their Gmail address).
const ANN: &str = "ann.provider@gmail.com";

fn actor(user: &User) -> Actor {
    Actor {
        id: user.id,
        role: user.role,
    }
}

#[tokio::test]
async fn a_calendar_gets_a_channel_renewed_before_it_expires_and_stopped_when_removed() {
    let h = Harness::start().await;
    let watch = h.watch.as_ref().expect("Google with push_base_url watches");
    let (provider, _) = open_provider(&h).await;
    h.google.share_own_calendar(ANN, "reader");
    h.google
        .share_own_calendar("bob@gmail.com", "freeBusyReader");
    choose(&h, &provider, ANN).await;
    assert_eq!(
        choose(&h, &provider, "bob@gmail.com").await,
        SourceMode::FreeBusy
    );

    let report = watch.run().await.unwrap();

    assert_eq!(
        report.opened, 1,
        "free/busy-only calendars cannot be watched"
    );
    let first = h.google.open_channels(ANN);
    assert_eq!(first.len(), 1);
    assert_eq!(
        first[0].address,
        "https://bys.example/hooks/google/calendar"
    );
    assert!(first[0].token.starts_with("bysch_"));
    assert!(h.google.open_channels("bob@gmail.com").is_empty());
    h.clock.advance(TimeDelta::days(3));
    assert_eq!(watch.run().await.unwrap(), WatchReport::default());

    // The app was away past the channel's end (7 days): the next run opens a new one with a
    // new token and stops the old.
    h.clock.advance(TimeDelta::days(5));
    let report = watch.run().await.unwrap();

    assert_eq!((report.renewed, report.stopped), (1, 1));
    let open = h.google.open_channels(ANN);
    assert_eq!(open.len(), 1);
    assert_ne!(open[0].id, first[0].id);
    assert_ne!(open[0].token, first[0].token);
    let stored = h.stores.watch_channels.all().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, open[0].id);

    h.choice.remove(&actor(&provider), ANN).await.unwrap();
    let report = watch.run().await.unwrap();

    assert_eq!(report.stopped, 1);
    assert!(h.google.open_channels(ANN).is_empty());
    assert!(h.stores.watch_channels.all().await.unwrap().is_empty());
    assert_eq!(h.google.calls("events.watch"), 2);
    assert_eq!(h.google.successes("channels.stop"), 2);
    assert_eq!(h.google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn an_outlook_calendar_gets_a_subscription_renewed_before_it_ends_and_deleted_when_removed() {
    let h = Harness::with(Backend::Microsoft).await;
    let watch = h.watch.as_ref().expect("Graph with push_base_url watches");
    let (provider, _) = open_provider(&h).await;
    h.graph.put_free_own_event(
        OUTLOOK,
        "lunch",
        "2026-03-23T12:00:00Z",
        "2026-03-23T13:00:00Z",
    );
    choose(&h, &provider, OUTLOOK).await;

    assert_eq!(watch.run().await.unwrap().opened, 1);
    let first = h.graph.subscriptions(OUTLOOK);
    assert_eq!(first.len(), 1);
    assert!(
        first[0]
            .notification_url
            .contains("/hooks/microsoft/calendar?channel=")
    );
    assert!(first[0].client_state.starts_with("bysch_"));
    // Asked for 72 hours: left alone for two days, replaced within the last one.
    h.clock.advance(TimeDelta::days(1));
    assert_eq!(watch.run().await.unwrap(), WatchReport::default());
    h.clock.advance(TimeDelta::days(1) + TimeDelta::hours(1));
    let report = watch.run().await.unwrap();

    assert_eq!((report.renewed, report.stopped), (1, 1));
    let renewed = h.graph.subscriptions(OUTLOOK);
    assert_eq!(renewed.len(), 1);
    assert_ne!(renewed[0].id, first[0].id);
    assert_ne!(renewed[0].client_state, first[0].client_state);

    h.choice.remove(&actor(&provider), OUTLOOK).await.unwrap();
    assert_eq!(watch.run().await.unwrap().stopped, 1);
    assert!(h.graph.subscriptions(OUTLOOK).is_empty());
    assert!(h.stores.watch_channels.all().await.unwrap().is_empty());
    assert_eq!(
        (
            h.graph.calls("subscriptions.create"),
            h.graph.calls("subscriptions.delete")
        ),
        (2, 2)
    );
    assert_eq!(h.graph.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn without_a_public_address_no_channel_is_opened() {
    let google = FakeGoogle::start().await;
    let dir = tempfile::tempdir().unwrap();
    let key_path = dir.path().join("google-key.json");
    std::fs::write(&key_path, service_account_key(&google)).unwrap();
    let mut settings = Settings::defaults().unwrap();
    settings.database.url = SecretString::from(web::startup::MEMORY_URL);
    settings.calendar.backend = CalendarBackend::Google;
    settings.calendar.google.key_path = key_path.display().to_string();
    settings.calendar.google.base_url = google.base_url();
    settings.calendar.google.root_url = google.root_url();
    let stores = Stores::open(&settings).await.unwrap();
    let outlets = web::startup::Outlets::from_settings(&settings, &stores, "https://bys.example")
        .await
        .unwrap();
    assert!(outlets.busy_source.is_some());
    assert!(outlets.calendar_watch.is_none());
}

/// Starts the app with `provider` reading `calendar_id`; `backend` sets the calendar service
/// up (given the app's folder and its base URL).
async fn start_app(
    provider: &User,
    calendar_id: &str,
    backend: impl FnOnce(&mut Settings, &std::path::Path, &str),
) -> RunningApp {
    let dir = tempfile::tempdir().unwrap();
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let mut settings = settings_in(dir.path());
    settings.server.port = port;
    backend(&mut settings, dir.path(), &base);
    // Only the first read and the cued ones within the test.
    settings.calendar.busy_poll_minutes = 600;
    let stores = Stores::open(&settings).await.unwrap();
    stores
        .users
        .insert(provider, &crate::builders::a_password_hash())
        .await
        .unwrap();
    let day: DayHours = hours(&[("09:00", "17:00")]);
    let schedule = Schedule {
        weekly: WeeklyHours::new(std::array::from_fn(|_| day.clone())),
        ..Schedule::default()
    };
    stores.schedules.put(provider.id, &schedule).await.unwrap();
    stores
        .busy_times
        .save_source(&BusySource::new(
            provider.id,
            calendar_id.to_owned(),
            SourceMode::Events,
        ))
        .await
        .unwrap();
    let app = RunningApp::start(dir, &settings, stores).await;
    assert_eq!(app.base, base, "the app serves where its channels point");
    app
}

/// Google with push, against `google`.
fn with_google(google: &FakeGoogle) -> impl FnOnce(&mut Settings, &std::path::Path, &str) {
    let key = service_account_key(google);
    let (base_url, root_url) = (google.base_url(), google.root_url());
    move |settings, dir, base| {
        let key_path = dir.join("google-key.json");
        std::fs::write(&key_path, key).unwrap();
        settings.calendar.backend = CalendarBackend::Google;
        settings.calendar.google.key_path = key_path.display().to_string();
        settings.calendar.google.base_url = base_url;
        settings.calendar.google.root_url = root_url;
        base.clone_into(&mut settings.calendar.google.push_base_url);
    }
}

/// Microsoft Graph with change notifications, against `graph`.
fn with_graph(graph: &FakeGraph) -> impl FnOnce(&mut Settings, &std::path::Path, &str) {
    let (graph_url, login_url) = (graph.graph_url(), graph.login_url());
    move |settings, _, base| {
        settings.calendar.backend = CalendarBackend::Microsoft;
        let microsoft = &mut settings.calendar.microsoft;
        fake_graph::TENANT.clone_into(&mut microsoft.tenant_id);
        fake_graph::CLIENT_ID.clone_into(&mut microsoft.client_id);
        microsoft.client_secret = SecretString::from(fake_graph::CLIENT_SECRET);
        microsoft.graph_url = graph_url;
        microsoft.login_url = login_url;
        base.clone_into(&mut microsoft.push_base_url);
    }
}

/// The stored busy times of `provider` over the whole of `day`.
async fn stored_on(app: &RunningApp, provider: &User, day: chrono::NaiveDate) -> Vec<TimeRange> {
    let at = |hour: u32| day.and_hms_opt(hour, 0, 0).unwrap().and_utc();
    app.stores
        .busy_times
        .busy(provider.id, TimeRange::new(at(0), at(23)).unwrap())
        .await
        .unwrap()
}

/// Waits until `done` holds (the app's workers run on their own); fails after 30 s.
async fn until<F: std::future::Future<Output = bool>>(what: &str, mut done: impl FnMut() -> F) {
    for _ in 0..600 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

#[tokio::test]
async fn a_notification_with_the_channels_token_reads_the_calendar_and_any_other_is_refused() {
    let google = FakeGoogle::start().await;
    google.share_own_calendar(ANN, "reader");
    let provider = a_provider().build();
    let app = start_app(&provider, ANN, with_google(&google)).await;
    until("the calendar is read and watched", || async {
        google.successes("events.list") == 1 && google.open_channels(ANN).len() == 1
    })
    .await;
    let channel = google.open_channels(ANN).remove(0);
    assert_eq!(
        channel.address,
        format!("{}/hooks/google/calendar", app.base)
    );
    // A day within the read window of the app's (real) clock.
    let day = (chrono::Utc::now() + TimeDelta::days(3)).date_naive();
    let at = |hour: u32| day.and_hms_opt(hour, 0, 0).unwrap().and_utc();
    let stored = || stored_on(&app, &provider, day);

    // The provider adds a dentist visit; someone who is not Google posts a notification.
    google.put_own_event(ANN, "dentist", &at(10).to_rfc3339(), &at(11).to_rfc3339());
    let forged = format!("bysch_{}", "0".repeat(64));
    assert_eq!(google.notify_with_token(&channel, &forged).await, 403);
    assert_eq!(google.notify_with_token(&channel, "").await, 403);
    let client = reqwest::Client::new();
    let hook = format!("{}/hooks/google/calendar", app.base);
    let unknown = client
        .post(&hook)
        .header("X-Goog-Channel-ID", "no-such-channel")
        .header("X-Goog-Channel-Token", &channel.token)
        .header("X-Goog-Resource-State", "exists")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(
        unknown.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );
    let bare = client.post(&hook).send().await.unwrap();
    assert_eq!(bare.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        google.calls("events.list"),
        1,
        "refused notifications read nothing"
    );
    assert!(stored().await.is_empty());

    // Google's own notification, sent twice: the calendar is read and the visit stored.
    assert_eq!(google.notify(ANN).await, [200]);
    assert_eq!(google.notify(ANN).await, [200]);
    until("the dentist visit is stored", || async {
        stored().await.len() == 1
    })
    .await;
    assert_eq!(stored().await[0], TimeRange::new(at(10), at(11)).unwrap());
    assert!((2..=3).contains(&google.calls("events.list")));
    assert_eq!(google.violations(), Vec::<String>::new());
}

/// The provider's Outlook mailbox.
const OUTLOOK: &str = "ann@contoso.example";

#[tokio::test]
async fn a_graph_subscription_is_validated_and_its_notifications_read_the_calendar() {
    let graph = FakeGraph::start().await;
    let provider = a_provider().build();
    let day = (chrono::Utc::now() + TimeDelta::days(3)).date_naive();
    let at = |hour: u32| day.and_hms_opt(hour, 0, 0).unwrap().and_utc();
    let free = |hour: u32| at(hour).to_rfc3339();
    graph.put_free_own_event(OUTLOOK, "lunch", &free(12), &free(13));
    let app = start_app(&provider, OUTLOOK, with_graph(&graph)).await;
    until("the calendar is read and subscribed to", || async {
        graph.calls("calendarView.delta") == 1 && graph.subscriptions(OUTLOOK).len() == 1
    })
    .await;
    let subscription = graph.subscriptions(OUTLOOK).remove(0);
    let hook = format!("{}/hooks/microsoft/calendar", app.base);
    assert!(
        subscription
            .notification_url
            .starts_with(&format!("{hook}?channel="))
    );
    assert!(subscription.client_state.starts_with("bysch_"));
    assert!(subscription.expires <= chrono::Utc::now() + TimeDelta::hours(72));
    let stored = || stored_on(&app, &provider, day);

    // The provider adds a dentist visit; notifications not from this subscription are refused.
    graph.put_own_event(OUTLOOK, "dentist", &free(10), &free(11));
    let forged = format!("bysch_{}", "0".repeat(64));
    assert_eq!(graph.notify(&subscription, &forged, None).await, 403);
    assert_eq!(graph.notify(&subscription, "", None).await, 403);
    let elsewhere = GraphSubscription {
        notification_url: format!("{hook}?channel=no-such-channel"),
        ..subscription.clone()
    };
    let state = subscription.client_state.as_str();
    assert_eq!(graph.notify(&elsewhere, state, None).await, 404);
    let client = reqwest::Client::new();
    let bare = client.post(&hook).send().await.unwrap();
    assert_eq!(bare.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        graph.calls("calendarView.delta"),
        1,
        "refused ones read nothing"
    );
    assert!(stored().await.is_empty());

    // Graph's own notification: the calendar is read and the visit stored.
    assert_eq!(graph.notify(&subscription, state, None).await, 202);
    until("the dentist visit is stored", || async {
        stored().await.len() == 1
    })
    .await;
    assert_eq!(stored().await[0], TimeRange::new(at(10), at(11)).unwrap());

    // Graph ends the subscription: the channel is forgotten (the worker opens a new one on
    // its next pass) and later notifications on it name an unknown channel.
    assert_eq!(
        graph
            .notify(&subscription, state, Some("subscriptionRemoved"))
            .await,
        202
    );
    assert!(app.stores.watch_channels.all().await.unwrap().is_empty());
    assert_eq!(graph.notify(&subscription, state, None).await, 404);
    assert_eq!(graph.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_graph_subscription_lives_at_most_a_week_and_stopping_it_twice_is_fine() {
    let graph = FakeGraph::start().await;
    let provider = a_provider().build();
    graph.put_free_own_event(
        OUTLOOK,
        "lunch",
        "2030-05-02T12:00:00Z",
        "2030-05-02T13:00:00Z",
    );
    let app = start_app(&provider, OUTLOOK, with_graph(&graph)).await;
    until("the app's subscription exists", || async {
        graph.subscriptions(OUTLOOK).len() == 1
    })
    .await;
    let mut settings = Settings::defaults().unwrap();
    with_graph(&graph)(&mut settings, std::path::Path::new("."), &app.base);
    let adapter = MicrosoftCalendarSync::new(
        settings.calendar.microsoft.config(Duration::from_secs(5)),
        app.stores.calendar_links.clone(),
        Arc::new(SystemClock),
    )
    .unwrap();
    let token = ChannelToken::generate().unwrap();
    let opened = adapter
        .watch(ChannelRequest {
            provider: provider.id,
            calendar_id: OUTLOOK.to_owned(),
            channel_id: "second-channel".to_owned(),
            token: token.clone(),
            address: format!("{}/hooks/microsoft/calendar", app.base),
            until: chrono::Utc::now() + TimeDelta::days(30),
        })
        .await
        .unwrap();

    assert!(opened.expires_at <= chrono::Utc::now() + TimeDelta::days(7));
    assert_eq!(graph.subscriptions(OUTLOOK).len(), 2);
    let channel = WatchChannel {
        id: "second-channel".to_owned(),
        resource_id: opened.resource_id,
        provider: provider.id,
        calendar_id: OUTLOOK.to_owned(),
        token: token.hash(),
        expires_at: opened.expires_at,
    };
    adapter.stop(&channel).await.unwrap();
    adapter.stop(&channel).await.unwrap();
    assert_eq!(graph.subscriptions(OUTLOOK).len(), 1);
    assert_eq!(graph.calls("subscriptions.delete"), 2);
    assert_eq!(graph.violations(), Vec::<String>::new());
}
