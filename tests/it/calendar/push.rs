//! Push channels on providers' own Google calendars: the worker's step opens one per calendar
//! read with event details, replaces it before it expires and stops it when the calendar is
//! removed (against the fake Google); and the whole app, whose hook Google posts to, reads a
//! calendar when a notification with the channel's token arrives and refuses any other.

use std::time::Duration;

use application::actor::Actor;
use application::ports::{BusySource, SourceMode};
use application::watch_calendars::WatchReport;
use chrono::TimeDelta;
use domain::{DayHours, Schedule, TimeRange, User, WeeklyHours};
use reqwest::StatusCode;
use secrecy::SecretString;
use web::settings::{CalendarBackend, Settings};
use web::startup::{Application, Stores};

use super::busy_sync::{choose, open_provider};
use super::fake_google::FakeGoogle;
use super::support::{Harness, service_account_key};
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
    let outlets = web::startup::Outlets::from_settings(&settings, &stores)
        .await
        .unwrap();
    assert!(outlets.busy_source.is_some());
    assert!(outlets.calendar_watch.is_none());
}

/// The whole app on SQLite, configured for Google with push, serving on a port known in
/// advance (the channel's address must name it), with its workers running.
struct PushedApp {
    base: String,
    stores: Stores,
    _dir: tempfile::TempDir,
}

async fn start_app(google: &FakeGoogle, provider: &User) -> PushedApp {
    let dir = tempfile::tempdir().unwrap();
    let key_path = dir.path().join("google-key.json");
    std::fs::write(&key_path, service_account_key(google)).unwrap();
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let mut settings = Settings::defaults().unwrap();
    settings.server.port = port;
    settings.database.url =
        SecretString::from(format!("sqlite://{}/bys.db?mode=rwc", dir.path().display()));
    settings.mail.outbox_folder = dir.path().join("outbox").display().to_string();
    settings.images.local_root = dir.path().join("images").display().to_string();
    settings.calendar.backend = CalendarBackend::Google;
    settings.calendar.google.key_path = key_path.display().to_string();
    settings.calendar.google.base_url = google.base_url();
    settings.calendar.google.root_url = google.root_url();
    settings.calendar.google.push_base_url.clone_from(&base);
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
            ANN.to_owned(),
            SourceMode::Events,
        ))
        .await
        .unwrap();
    let app = Application::start(&settings, &stores).await.unwrap();
    tokio::spawn(app.run_until_stopped());
    PushedApp {
        base,
        stores,
        _dir: dir,
    }
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
    let app = start_app(&google, &provider).await;
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
    let whole_day = TimeRange::new(at(0), at(23)).unwrap();
    let stored = || async {
        app.stores
            .busy_times
            .busy(provider.id, whole_day)
            .await
            .unwrap()
    };

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
