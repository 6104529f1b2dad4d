//! The whole app configured for Google (against the fake), through its pages: a provider's
//! Gmail address in the profile shares their calendar and moving it moves the share, an admin's
//! deactivation ends it; staff find a calendar that belongs to no provider, and only an admin
//! deletes it, with the session's CSRF token, leaving an audit entry. And configured for
//! CalDAV (against Radicale): a provider adds a calendar with its URL and an app password.

use application::create_staff_account::StaffAccount;
use domain::{Email, NewPassword, PersonName, Role, Zone};
use reqwest::{Client, StatusCode};
use web::demo::Seeder;
use web::settings::Settings;
use web::startup::Stores;

use super::fake_google::FakeGoogle;
use super::radicale::{self, Radicale};
use super::support::service_account_key;
use crate::app::{PASSWORD, RunningApp, settings_in};

async fn start_app(google: &FakeGoogle) -> RunningApp {
    start_app_with(google, |_| {}).await
}

/// The app for `google`, with `configure` applied to its settings last.
async fn start_app_with(google: &FakeGoogle, configure: impl FnOnce(&mut Settings)) -> RunningApp {
    let dir = tempfile::tempdir().unwrap();
    let key_path = dir.path().join("google-key.json");
    std::fs::write(&key_path, service_account_key(google)).unwrap();
    let mut settings = settings_in(dir.path());
    settings.calendar.backend = web::settings::CalendarBackend::Google;
    settings.calendar.google.key_path = key_path.display().to_string();
    settings.calendar.google.base_url = google.base_url();
    settings.calendar.google.root_url = google.root_url();
    settings.calendar.caldav.key_path = dir.path().join("caldav.key").display().to_string();
    configure(&mut settings);
    let stores = Stores::open(&settings).await.unwrap();
    RunningApp::start(dir, &settings, stores).await
}

/// A browser logged in as a new staff account of `role`, created as the first admin is.
async fn staff(app: &RunningApp, role: Role, email: &str) -> Client {
    app.use_cases
        .create_staff
        .run(
            None,
            StaffAccount {
                email: Email::parse(email).unwrap(),
                name: PersonName::parse("Staff Member").unwrap(),
                role,
                password: NewPassword::parse(PASSWORD).unwrap(),
                zone: Zone::parse("UTC").unwrap(),
            },
        )
        .await
        .unwrap();
    app.logged_in(email).await
}

/// Posts the unlinked calendar deletion form, with the session's CSRF token if `csrf`.
async fn delete(app: &RunningApp, client: &Client, calendar_id: &str, csrf: bool) -> StatusCode {
    let action = "/admin/calendars/unlinked/delete";
    let form = [("calendar_id", calendar_id)];
    if csrf {
        return app
            .submit(client, "/admin/operations", action, &form)
            .await
            .status();
    }
    client
        .post(app.url(action))
        .form(&form)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn staff_see_a_calendar_that_belongs_to_no_provider_and_only_an_admin_deletes_it() {
    let google = FakeGoogle::start().await;
    let app = start_app(&google).await;
    let seeder = Seeder::new(app.use_cases.clone(), &app.stores);
    let mut provider = seeder
        .user(
            Role::Provider,
            "ann@salon.example",
            "Ann Provider",
            "Europe/Paris",
            PASSWORD,
        )
        .await
        .unwrap();
    provider.calendar_email = Some(Email::parse("ann.provider@gmail.com").unwrap());
    app.stores.users.update(&provider).await.unwrap();
    let support = staff(&app, Role::Support, "sam@bys.example").await;
    let admin = staff(&app, Role::Admin, "ada@bys.example").await;
    // The provider's own calendar, created through the admin re-sync, and a leftover.
    let resync = app
        .submit(
            &admin,
            "/admin/operations",
            &format!("/admin/calendars/{}/resync", provider.id),
            &[],
        )
        .await
        .status();
    assert_eq!(resync, StatusCode::SEE_OTHER);
    let linked = google.only_calendar_id();
    let leftover = google.add_calendar("Book Your Services — Left Behind");

    let listed = app.page(&support, "/admin/calendars/unlinked").await;
    assert!(
        listed.contains("Book Your Services — Left Behind"),
        "{listed}"
    );
    assert!(listed.contains(&leftover));
    assert!(
        !listed.contains(&linked),
        "a provider's calendar is not unlinked"
    );
    assert!(!listed.contains(super::fake_google::SERVICE_ACCOUNT));
    assert!(
        !listed.contains("unlinked/delete"),
        "support sees no delete form"
    );
    assert!(
        app.page(&admin, "/admin/calendars/unlinked")
            .await
            .contains("unlinked/delete")
    );

    assert_eq!(
        delete(&app, &support, &leftover, true).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        delete(&app, &admin, &leftover, false).await,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );
    assert_eq!(
        delete(&app, &admin, &linked, true).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(google.calendars().len(), 2);
    assert_eq!(
        delete(&app, &admin, &leftover, true).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        google.calendars().into_keys().collect::<Vec<_>>(),
        vec![linked]
    );
    let audit = app.page(&support, "/admin/audit").await;
    assert!(audit.contains("calendar.delete_unlinked"), "{audit}");
    assert!(audit.contains(&leftover));
    assert!(
        !app.page(&admin, "/admin/calendars/unlinked")
            .await
            .contains(&leftover)
    );
    assert_eq!(google.violations(), Vec::<String>::new());
}

/// The addresses the one calendar is shared with, once `wanted` (the sharing runs in the
/// background after the page answered), or what they are after a generous wait.
async fn shares_once(google: &FakeGoogle, wanted: &[&str]) -> Vec<String> {
    let shares = || -> Vec<String> {
        google
            .calendars()
            .values()
            .flat_map(|c| c.acl.values().map(|(_, email)| email.clone()))
            .collect()
    };
    for _ in 0..200 {
        if shares() == wanted {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    shares()
}

#[tokio::test]
async fn a_gmail_address_in_the_profile_shares_the_calendar_moving_it_moves_the_share_and_deactivation_ends_it()
 {
    let google = FakeGoogle::start().await;
    let app = start_app(&google).await;
    let seeder = Seeder::new(app.use_cases.clone(), &app.stores);
    let provider = seeder
        .user(
            Role::Provider,
            "ann@salon.example",
            "Ann Provider",
            "Europe/Paris",
            PASSWORD,
        )
        .await
        .unwrap();
    let ann = app.logged_in("ann@salon.example").await;
    let admin = staff(&app, Role::Admin, "ada@bys.example").await;
    let profile = |gmail: &'static str| {
        [
            ("name", "Ann Provider"),
            ("phone", ""),
            ("zone", "Europe/Paris"),
            ("calendar_email", gmail),
        ]
    };

    let saved = app
        .submit(
            &ann,
            "/account",
            "/account",
            &profile("ann.provider@gmail.com"),
        )
        .await
        .status();
    assert_eq!(saved, StatusCode::SEE_OTHER);
    assert_eq!(
        shares_once(&google, &["ann.provider@gmail.com"]).await,
        ["ann.provider@gmail.com"]
    );

    let saved = app
        .submit(&ann, "/account", "/account", &profile("ann.new@gmail.com"))
        .await
        .status();
    assert_eq!(saved, StatusCode::SEE_OTHER);
    assert_eq!(
        shares_once(&google, &["ann.new@gmail.com"]).await,
        ["ann.new@gmail.com"]
    );

    let deactivated = app
        .submit(
            &admin,
            "/admin/operations",
            &format!("/admin/users/{}/active", provider.id),
            &[("active", "false")],
        )
        .await
        .status();
    assert_eq!(deactivated, StatusCode::SEE_OTHER);
    assert_eq!(shares_once(&google, &[]).await, Vec::<String>::new());
    assert_eq!(google.calls("calendars.insert"), 1);
    assert_eq!(google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn a_provider_adds_a_calendar_on_the_profile_page_after_sharing_it_and_sees_its_mode() {
    let google = FakeGoogle::start().await;
    let app = start_app(&google).await;
    let seeder = Seeder::new(app.use_cases.clone(), &app.stores);
    seeder
        .user(
            Role::Provider,
            "ann@salon.example",
            "Ann Provider",
            "UTC",
            PASSWORD,
        )
        .await
        .unwrap();
    let ann = app.logged_in("ann@salon.example").await;
    let page = app.page(&ann, "/account").await;
    assert!(page.contains("Calendars that block your time"));
    assert!(
        page.contains(super::fake_google::SERVICE_ACCOUNT),
        "the address to share with"
    );

    // Not shared yet: refused, with the address to share it with.
    let form = [("calendar_id", "ann.provider@gmail.com")];
    let refused = app
        .submit(&ann, "/account", "/account/busy-calendars", &form)
        .await
        .status();
    assert_eq!(refused, StatusCode::UNPROCESSABLE_ENTITY);

    google.share_own_calendar("ann.provider@gmail.com", "freeBusyReader");
    let added = app
        .submit(&ann, "/account", "/account/busy-calendars", &form)
        .await
        .status();
    assert_eq!(added, StatusCode::SEE_OTHER);
    let page = app.page(&ann, "/account").await;
    assert!(page.contains("ann.provider@gmail.com"));
    assert!(page.contains("free/busy only"), "the mode is shown");

    let removed = app
        .submit(&ann, "/account", "/account/busy-calendars/remove", &form)
        .await
        .status();
    assert_eq!(removed, StatusCode::SEE_OTHER);
    let page = app.page(&ann, "/account").await;
    assert!(!page.contains("free/busy only"));
}

#[tokio::test]
async fn a_provider_whose_calendar_was_unshared_sees_a_banner_on_the_dashboard() {
    let google = FakeGoogle::start().await;
    let app = start_app(&google).await;
    let seeder = Seeder::new(app.use_cases.clone(), &app.stores);
    seeder
        .user(
            Role::Provider,
            "ann@salon.example",
            "Ann Provider",
            "UTC",
            PASSWORD,
        )
        .await
        .unwrap();
    let ann = app.logged_in("ann@salon.example").await;
    assert!(
        !app.page(&ann, "/dashboard")
            .await
            .contains("busy-calendars-closing")
    );
    google.share_own_calendar("ann.provider@gmail.com", "reader");
    let form = [("calendar_id", "ann.provider@gmail.com")];
    let added = app
        .submit(&ann, "/account", "/account/busy-calendars", &form)
        .await
        .status();
    assert_eq!(added, StatusCode::SEE_OTHER);
    // Not read yet (the worker runs every minute): the slots are closed and the banner says so.
    let dashboard = app.page(&ann, "/dashboard").await;
    assert!(dashboard.contains("busy-calendars-closing"));
    assert!(dashboard.contains("ann.provider@gmail.com"));
}

#[tokio::test]
async fn a_booking_that_an_event_read_later_overlaps_is_marked_for_the_provider_only() {
    use application::ports::{AppointmentFilter, BusySource, BusyUpdate, Period, SourceMode};
    let google = FakeGoogle::start().await;
    let app = start_app(&google).await;
    let seeder = Seeder::new(app.use_cases.clone(), &app.stores);
    let ann = seeder
        .user(
            Role::Provider,
            "ann@salon.example",
            "Ann Provider",
            "UTC",
            PASSWORD,
        )
        .await
        .unwrap();
    let bob = seeder
        .user(Role::Customer, "bob@example.org", "Bob", "UTC", PASSWORD)
        .await
        .unwrap();
    seeder
        .hours(&ann, &[0, 1, 2, 3, 4, 5, 6], "09:00", "17:00")
        .await
        .unwrap();
    let cut = seeder
        .service(&ann, "Haircut", "A cut.", 60, "25.00", "EUR", None)
        .await
        .unwrap();
    seeder.book_first_free(&bob, &cut, 1).await.unwrap();
    let booked = app
        .stores
        .appointments
        .list(AppointmentFilter {
            customer: None,
            provider: Some(ann.id),
            period: Period::UpcomingAfter(chrono::Utc::now()),
            status: None,
            limit: 10,
        })
        .await
        .unwrap()
        .remove(0);
    let page = format!("/appointments/{}", booked.id);
    let ann_browser = app.logged_in("ann@salon.example").await;
    let bob_browser = app.logged_in("bob@example.org").await;
    assert!(
        !app.page(&ann_browser, &page)
            .await
            .contains("calendar-conflict")
    );

    // The sync stores an event of Ann's own calendar over the booked time (as the worker does
    // after reading it; the calendar is not shared with the fake, so the worker's own reads
    // change nothing stored).
    let mut source = BusySource::new(
        ann.id,
        "ann.provider@gmail.com".to_owned(),
        SourceMode::Events,
    );
    source.synced_at = Some(chrono::Utc::now());
    let update = BusyUpdate {
        full: true,
        busy: vec![("dentist".to_owned(), booked.session)],
        gone: Vec::new(),
    };
    app.stores
        .busy_times
        .record_sync(&source, &update)
        .await
        .unwrap();

    let shown = app.page(&ann_browser, &page).await;
    assert!(
        shown.contains("id=\"calendar-conflict\""),
        "the provider's appointment page"
    );
    let now = app
        .stores
        .appointments
        .by_id(booked.id)
        .await
        .unwrap()
        .unwrap();
    assert!(now.status.is_active(), "still booked");
    assert!(
        app.page(&ann_browser, "/dashboard")
            .await
            .contains("Conflict:"),
        "the provider's agenda"
    );
    assert!(
        !app.page(&bob_browser, &page)
            .await
            .contains("calendar-conflict"),
        "not for the customer"
    );
}

#[tokio::test]
async fn a_caldav_provider_adds_a_calendar_with_its_url_and_an_app_password() {
    let radicale = Radicale::start();
    radicale.make_calendar("work").await;
    let google = FakeGoogle::start().await;
    let app = start_app_with(&google, |s| {
        s.calendar.backend = web::settings::CalendarBackend::CalDav;
        s.calendar.caldav.allow_private_addresses = true; // Radicale is on loopback
    })
    .await;
    let seeder = Seeder::new(app.use_cases.clone(), &app.stores);
    seeder
        .user(
            Role::Provider,
            "ann@salon.example",
            "Ann Provider",
            "UTC",
            PASSWORD,
        )
        .await
        .unwrap();
    let ann = app.logged_in("ann@salon.example").await;
    let page = app.page(&ann, "/account").await;
    assert!(page.contains("Calendar address (CalDAV URL)"));
    assert!(page.contains("App password"));
    assert!(!page.contains("Share with specific people"));

    let url = radicale.calendar_url("work");
    let wrong = [
        ("calendar_id", url.as_str()),
        ("username", radicale::USER),
        ("password", "guess"),
    ];
    let refused = app
        .submit(&ann, "/account", "/account/busy-calendars", &wrong)
        .await
        .status();
    assert_eq!(refused, StatusCode::UNPROCESSABLE_ENTITY);

    let right = [
        ("calendar_id", url.as_str()),
        ("username", radicale::USER),
        ("password", radicale::PASSWORD),
    ];
    let added = app
        .submit(&ann, "/account", "/account/busy-calendars", &right)
        .await
        .status();
    assert_eq!(added, StatusCode::SEE_OTHER);
    let page = app.page(&ann, "/account").await;
    assert!(page.contains(&url));
    let stored = app.stores.busy_times.all_sources().await.unwrap();
    let sealed = stored[0].credentials.as_deref().unwrap();
    assert!(!sealed.contains(radicale::PASSWORD));
}
