//! The administration panel: who may reach which route, and each admin action end to end.

use std::sync::Arc;

use chrono::{TimeDelta, Utc};
use domain::{Email, Role, User, UserId};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::{
    PASSWORD, TestApp, browser, get, location, page, settings_in, spawn_app, spawn_with, submit,
};

/// A marketplace with one of each role, a booked appointment, and logged-in browsers.
struct Market {
    app: TestApp,
    provider: User,
    customer: User,
    appointment: String,
    customer_browser: Client,
    provider_browser: Client,
    support: Client,
    admin: Client,
}

async fn market() -> Market {
    market_on(spawn_app().await).await
}

/// The market on an app whose delivery worker ran once at start and then waits an hour, so
/// the booking's deliveries stay pending for the test to handle.
async fn market_without_deliveries() -> Market {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.workers.delivery_interval_ms = 3_600_000;
    market_on(spawn_with(settings, dir).await).await
}

async fn market_on(app: TestApp) -> Market {
    let (provider, service) = app.provider_with_service("pat@salon.example").await;
    let customer = app.customer("casey@example.org").await;
    app.staff(Role::Support, "sam@bys.example").await;
    app.staff(Role::Admin, "ada@bys.example").await;
    let customer_browser = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&customer_browser, &service).await;
    let booked: Value = app
        .book(&customer_browser, &service, &start, None)
        .await
        .json()
        .await
        .unwrap();
    Market {
        provider_browser: app.logged_in("pat@salon.example").await,
        support: app.logged_in("sam@bys.example").await,
        admin: app.logged_in("ada@bys.example").await,
        appointment: booked["id"].as_str().unwrap().to_owned(),
        customer_browser,
        provider,
        customer,
        app,
    }
}

fn read_routes(m: &Market) -> Vec<String> {
    vec![
        "/admin".to_owned(),
        "/admin/users".to_owned(),
        "/admin/users?q=casey&role=customer&active=true".to_owned(),
        format!("/admin/users/{}", m.provider.id),
        "/admin/categories".to_owned(),
        "/admin/services".to_owned(),
        "/admin/appointments".to_owned(),
        format!("/admin/appointments/{}", m.appointment),
        "/admin/operations".to_owned(),
        "/admin/calendars/unlinked".to_owned(),
        "/admin/audit".to_owned(),
    ]
}

/// Every admin form with harmless values; none of them may work for non-staff.
fn write_routes(m: &Market) -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    let customer = m.customer.id;
    vec![
        (
            format!("/admin/users/{customer}"),
            vec![
                ("name", "Renamed"),
                ("email", "casey@example.org"),
                ("role", "customer"),
            ],
        ),
        (
            format!("/admin/users/{customer}/active"),
            vec![("active", "false")],
        ),
        (format!("/admin/users/{customer}/reset"), vec![]),
        (
            "/admin/staff".to_owned(),
            vec![
                ("email", "new@bys.example"),
                ("name", "New Staff"),
                ("role", "admin"),
                ("password", PASSWORD),
            ],
        ),
        (
            "/admin/categories".to_owned(),
            vec![("name", "Gardening"), ("position", "3")],
        ),
        (
            format!("/admin/categories/{}", Uuid::now_v7()),
            vec![("name", "Gardening"), ("position", "3")],
        ),
        (
            format!("/admin/services/{}/deactivate", Uuid::now_v7()),
            vec![],
        ),
        (
            format!("/admin/appointments/{}/cancel", m.appointment),
            vec![("reason", "Provider is ill")],
        ),
        (
            format!("/admin/deliveries/{}/retry", Uuid::now_v7()),
            vec![],
        ),
        (format!("/admin/calendars/{}/resync", m.provider.id), vec![]),
        (format!("/admin/calendars/{}/delete", m.provider.id), vec![]),
        (
            "/admin/calendars/unlinked/delete".to_owned(),
            vec![("calendar_id", "c_1@group.calendar.google.com")],
        ),
    ]
}

#[tokio::test]
async fn anonymous_visitors_are_sent_to_log_in_from_every_admin_page() {
    let m = market().await;
    let anonymous = browser();
    for path in read_routes(&m) {
        let response = get(&anonymous, &m.app, &path).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "GET {path}");
        assert!(
            location(&response).starts_with("/login?next=%2Fadmin"),
            "GET {path}"
        );
    }
}

#[tokio::test]
async fn anonymous_form_posts_to_admin_routes_are_refused() {
    let m = market().await;
    let anonymous = browser();
    for (path, form) in write_routes(&m) {
        let response = anonymous
            .post(m.app.url(&path))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "POST {path}");
    }
}

#[tokio::test]
async fn customers_and_providers_are_refused_every_admin_route() {
    let m = market().await;
    for client in [&m.customer_browser, &m.provider_browser] {
        for path in read_routes(&m) {
            let response = get(client, &m.app, &path).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "GET {path}");
        }
        for (path, form) in write_routes(&m) {
            let response = submit(client, &m.app, "/", &path, &form).await;
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "POST {path}");
        }
    }
    let appointment = page(
        &m.customer_browser,
        &m.app,
        &format!("/appointments/{}", m.appointment),
        StatusCode::OK,
    )
    .await;
    assert!(!appointment.contains("Cancelled appointment"));
}

#[tokio::test]
async fn support_and_admins_read_every_admin_page() {
    let m = market().await;
    for client in [&m.support, &m.admin] {
        for path in read_routes(&m) {
            page(client, &m.app, &path, StatusCode::OK).await;
        }
    }
}

#[tokio::test]
async fn support_staff_may_cancel_but_change_nothing_else() {
    let m = market().await;
    for (path, form) in write_routes(&m) {
        let response = submit(&m.support, &m.app, "/", &path, &form).await;
        if path.ends_with("/cancel") {
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "POST {path}");
        } else {
            assert_eq!(response.status(), StatusCode::FORBIDDEN, "POST {path}");
        }
    }
    let user = page(
        &m.admin,
        &m.app,
        &format!("/admin/users/{}", m.customer.id),
        StatusCode::OK,
    )
    .await;
    assert!(user.contains("Casey Customer") && !user.contains("deactivated"));
    let shown = page(
        &m.support,
        &m.app,
        &format!("/admin/users/{}", m.customer.id),
        StatusCode::OK,
    )
    .await;
    assert!(
        !shown.contains("Deactivate account"),
        "support sees no edit forms"
    );
}

#[tokio::test]
async fn admin_forms_without_the_csrf_token_are_refused() {
    let m = market().await;
    let response = m
        .admin
        .post(m.app.url(&format!("/admin/users/{}/active", m.provider.id)))
        .form(&[("active", "false")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let provider = m.app.stores.users.by_id(m.provider.id).await.unwrap();
    assert!(provider.unwrap().active);
}

#[tokio::test]
async fn a_deactivated_provider_vanishes_from_search_and_keeps_their_appointments() {
    let m = market().await;
    assert!(
        page(
            &m.customer_browser,
            &m.app,
            "/search?q=haircut",
            StatusCode::OK
        )
        .await
        .contains("Salon Test")
    );
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}/active", m.provider.id),
        &[("active", "false")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&response),
        format!("/admin/users/{}?done=deactivated", m.provider.id)
    );
    let results = page(
        &m.customer_browser,
        &m.app,
        "/search?q=haircut",
        StatusCode::OK,
    )
    .await;
    assert!(!results.contains("Salon Test"), "{results}");
    let public = get(
        &m.customer_browser,
        &m.app,
        &format!("/providers/{}", m.provider.id),
    )
    .await;
    assert_eq!(public.status(), StatusCode::NOT_FOUND);
    assert!(
        public
            .text()
            .await
            .unwrap()
            .contains("This provider is not taking bookings.")
    );
    let listed = page(
        &m.admin,
        &m.app,
        &format!("/admin/appointments?provider={}", m.provider.id),
        StatusCode::OK,
    )
    .await;
    assert!(listed.contains(&m.appointment));
    let audit = page(&m.admin, &m.app, "/admin/audit", StatusCode::OK).await;
    assert!(audit.contains("user.deactivate"));
    assert!(audit.contains("&quot;active&quot;:false"), "{audit}");

    submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}/active", m.provider.id),
        &[("active", "true")],
    )
    .await;
    assert!(
        page(
            &m.customer_browser,
            &m.app,
            "/search?q=haircut",
            StatusCode::OK
        )
        .await
        .contains("Salon Test")
    );
}

#[tokio::test]
async fn staff_cancel_an_appointment_on_someones_behalf_with_a_reason() {
    let m = market().await;
    let path = format!("/admin/appointments/{}/cancel", m.appointment);
    let response = submit(
        &m.support,
        &m.app,
        "/",
        &path,
        &[("reason", "The salon flooded")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let shown = page(
        &m.support,
        &m.app,
        &format!("/admin/appointments/{}", m.appointment),
        StatusCode::OK,
    )
    .await;
    assert!(shown.contains("cancelled") && shown.contains("The salon flooded"));
    let customer_view = page(
        &m.customer_browser,
        &m.app,
        &format!("/appointments/{}", m.appointment),
        StatusCode::OK,
    )
    .await;
    assert!(customer_view.contains("Cancelled appointment"));
    let filtered = page(
        &m.admin,
        &m.app,
        "/admin/appointments?status=cancelled",
        StatusCode::OK,
    )
    .await;
    assert!(filtered.contains(&m.appointment));
    let none = page(
        &m.admin,
        &m.app,
        "/admin/appointments?status=confirmed",
        StatusCode::OK,
    )
    .await;
    assert!(!none.contains(&m.appointment));
    assert!(
        page(&m.admin, &m.app, "/admin/audit", StatusCode::OK)
            .await
            .contains("appointment.cancel")
    );
}

#[tokio::test]
async fn a_cancellation_without_a_reason_is_refused() {
    let m = market().await;
    let path = format!("/admin/appointments/{}/cancel", m.appointment);
    let response = submit(&m.admin, &m.app, "/", &path, &[("reason", " ")]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"reason-error\">A reason is needed"),
        "{html}"
    );
    assert!(html.contains("aria-describedby=\"reason-error\""));
}

#[tokio::test]
async fn appointments_filter_by_customer_and_start_dates() {
    let m = market().await;
    let mine = page(
        &m.admin,
        &m.app,
        &format!("/admin/appointments?customer={}", m.customer.id),
        StatusCode::OK,
    )
    .await;
    assert!(mine.contains(&m.appointment));
    let long_ago = page(
        &m.admin,
        &m.app,
        "/admin/appointments?from=2000-01-01&to=2000-01-31",
        StatusCode::OK,
    )
    .await;
    assert!(!long_ago.contains(&m.appointment));
    let today = Utc::now().date_naive();
    let soon = page(
        &m.admin,
        &m.app,
        &format!(
            "/admin/appointments?from={today}&to={}",
            today + TimeDelta::days(30)
        ),
        StatusCode::OK,
    )
    .await;
    assert!(soon.contains(&m.appointment));
    // An open end reaches every later appointment (on SQLite too, which compares times as text).
    let from_today = page(
        &m.admin,
        &m.app,
        &format!("/admin/appointments?from={today}"),
        StatusCode::OK,
    )
    .await;
    assert!(from_today.contains(&m.appointment));
}

#[tokio::test]
async fn an_admin_edits_a_users_name_and_role_and_the_change_is_audited() {
    let m = market().await;
    let path = format!("/admin/users/{}", m.customer.id);
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &path,
        &[
            ("name", "Casey Provider"),
            ("email", "casey@example.org"),
            ("role", "provider"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let stored = m
        .app
        .stores
        .users
        .by_id(m.customer.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.name.as_str(), "Casey Provider");
    assert_eq!(stored.role, Role::Provider);
    let audit = page(&m.admin, &m.app, "/admin/audit", StatusCode::OK).await;
    assert!(audit.contains("user.edit") && audit.contains("Casey Customer"));
}

#[tokio::test]
async fn an_email_that_has_an_account_cannot_be_given_to_another() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}", m.customer.id),
        &[
            ("name", "Casey"),
            ("email", "pat@salon.example"),
            ("role", "customer"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"email-error\">That email already has an account."),
        "{html}"
    );
    assert!(
        html.contains("value=\"pat@salon.example\""),
        "typed values are kept"
    );
}

#[tokio::test]
async fn an_edit_with_unusable_fields_comes_back_with_a_message_beside_each() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}", m.customer.id),
        &[("name", " "), ("email", "not an email"), ("role", "pirate")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for id in ["name-error", "email-error", "role-error"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    assert!(
        html.contains("value=\"not an email\""),
        "typed values are kept"
    );
    let stored = m.app.stores.users.by_id(m.customer.id).await.unwrap();
    assert_eq!(stored.unwrap().name.as_str(), "Casey Customer");
}

#[tokio::test]
async fn users_are_searched_by_name_or_email_and_filtered_by_role() {
    let m = market().await;
    let found = page(&m.support, &m.app, "/admin/users?q=CASEY", StatusCode::OK).await;
    assert!(found.contains("casey@example.org") && !found.contains("pat@salon.example"));
    let providers = page(
        &m.support,
        &m.app,
        "/admin/users?role=provider",
        StatusCode::OK,
    )
    .await;
    assert!(providers.contains("pat@salon.example") && !providers.contains("casey@example.org"));
    let inactive = page(
        &m.support,
        &m.app,
        "/admin/users?active=false",
        StatusCode::OK,
    )
    .await;
    assert!(!inactive.contains("pat@salon.example"));
}

#[tokio::test]
async fn an_admin_creates_a_support_account_that_can_log_in() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        "/admin/staff",
        &[
            ("email", "sue@bys.example"),
            ("name", "Sue Support"),
            ("role", "support"),
            ("password", PASSWORD),
            ("zone", "Europe/Paris"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let sue = m.app.logged_in("sue@bys.example").await;
    page(&sue, &m.app, "/admin/users", StatusCode::OK).await;
    assert!(
        page(&m.admin, &m.app, "/admin/audit", StatusCode::OK)
            .await
            .contains("staff.create")
    );
}

#[tokio::test]
async fn a_staff_account_cannot_be_created_with_a_customer_role() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        "/admin/staff",
        &[
            ("email", "cu@bys.example"),
            ("name", "Not Staff"),
            ("role", "customer"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("id=\"staff-role-error\""), "{html}");
}

#[tokio::test]
async fn a_staff_account_with_unusable_fields_comes_back_with_the_values_kept() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        "/admin/staff",
        &[
            ("email", "nobody-at-example"),
            ("name", "Nora Newhire"),
            ("role", "admin"),
            ("password", "short"),
            ("zone", "Mars/Olympus"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for id in [
        "staff-email-error",
        "staff-password-error",
        "staff-zone-error",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    assert!(!html.contains("id=\"staff-name-error\""));
    assert!(html.contains("value=\"Nora Newhire\"") && html.contains("value=\"Mars/Olympus\""));
    assert!(html.contains("<option value=\"admin\" selected>"));
    assert!(
        !html.contains("value=\"short\""),
        "the password is never sent back"
    );
    assert!(
        html.contains("casey@example.org"),
        "the user list is still shown"
    );
}

#[tokio::test]
async fn a_taken_or_unusable_category_comes_back_beside_its_field() {
    let m = market().await;
    let form = [("name", "Gardening"), ("position", "5")];
    submit(&m.admin, &m.app, "/", "/admin/categories", &form).await;
    let again = submit(&m.admin, &m.app, "/", "/admin/categories", &form).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let html = again.text().await.unwrap();
    assert!(html.contains("id=\"new-name-error\""), "{html}");
    assert!(html.contains("id=\"new-name\" name=\"name\" value=\"Gardening\""));

    let html = page(&m.admin, &m.app, "/admin/categories", StatusCode::OK).await;
    let marker = "action=\"/admin/categories/";
    let start = html.find(marker).unwrap() + marker.len();
    let id = &html[start..start + 36];
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/categories/{id}"),
        &[
            ("name", "Garden Care"),
            ("position", "first"),
            ("active", "true"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!("id=\"c{id}-position-error\"")),
        "{html}"
    );
    assert!(html.contains("value=\"first\""), "typed values are kept");
    assert!(!html.contains("id=\"new-name-error\""));
}

#[tokio::test]
async fn an_admin_creates_renames_reorders_and_deactivates_a_category() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        "/admin/categories",
        &[("name", "Gardening"), ("position", "5")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = page(&m.admin, &m.app, "/admin/categories", StatusCode::OK).await;
    let marker = "action=\"/admin/categories/";
    let start = html.find(marker).unwrap() + marker.len();
    let id = &html[start..start + 36];
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/categories/{id}"),
        &[("name", "Garden Care"), ("position", "1")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let html = page(&m.admin, &m.app, "/admin/categories", StatusCode::OK).await;
    assert!(html.contains("Garden Care") && html.contains("deactivated"));
    let audit = page(&m.admin, &m.app, "/admin/audit", StatusCode::OK).await;
    assert!(audit.contains("category.create") && audit.contains("category.update"));
}

#[tokio::test]
async fn an_admin_deactivates_a_service_and_it_leaves_search() {
    let m = market().await;
    let listed = page(&m.support, &m.app, "/admin/services?q=hair", StatusCode::OK).await;
    assert!(listed.contains("Haircut"));
    let service = first_service_of(&m.app, m.provider.id).await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/services/{service}/deactivate"),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        !page(
            &m.customer_browser,
            &m.app,
            "/search?q=haircut",
            StatusCode::OK
        )
        .await
        .contains("Haircut")
    );
    let inactive = page(
        &m.support,
        &m.app,
        "/admin/services?active=false",
        StatusCode::OK,
    )
    .await;
    assert!(inactive.contains("Haircut"));
}

/// The id of a provider's first service.
async fn first_service_of(app: &TestApp, provider: UserId) -> String {
    app.stores.services.by_provider(provider).await.unwrap()[0]
        .id
        .to_string()
}

#[tokio::test]
async fn an_admin_requeues_a_failed_delivery() {
    let m = market_without_deliveries().await;
    let deliveries = m.app.stores.deliveries.clone();
    let claimed = deliveries
        .claim(Utc::now(), 1, TimeDelta::minutes(5))
        .await
        .unwrap();
    deliveries
        .give_up(&claimed[0], Utc::now(), "550 mailbox unavailable")
        .await
        .unwrap();
    let shown = page(&m.support, &m.app, "/admin/operations", StatusCode::OK).await;
    assert!(shown.contains("550 mailbox unavailable"));
    assert!(
        page(&m.admin, &m.app, "/admin", StatusCode::OK)
            .await
            .contains("1 failed notification")
    );
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/deliveries/{}/retry", claimed[0].id),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(deliveries.failed(10).await.unwrap().is_empty());
    assert!(
        page(&m.admin, &m.app, "/admin/audit", StatusCode::OK)
            .await
            .contains("delivery.retry")
    );
}

#[tokio::test]
async fn an_admin_resyncs_a_providers_calendar() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/calendars/{}/resync", m.provider.id),
        &[],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        page(&m.admin, &m.app, "/admin/audit", StatusCode::OK)
            .await
            .contains("calendar.resync")
    );
}

#[tokio::test]
async fn the_dashboard_counts_the_marketplace() {
    let m = market().await;
    let html = page(&m.support, &m.app, "/admin", StatusCode::OK).await;
    assert!(html.contains("<strong>1</strong> Providers"), "{html}");
    assert!(html.contains("<strong>1</strong> Customers"));
    assert!(html.contains("<strong>1</strong> Active services"));
    assert!(html.contains("<strong>0</strong> Cancellations"));
    let tzdb = format!(
        "Time-zone rules: tzdb <strong>{}</strong>",
        domain::zone::bundled_version()
    );
    assert!(
        html.contains(&tzdb),
        "the dashboard names the tzdb release: {html}"
    );
}

#[tokio::test]
async fn admins_cannot_deactivate_themselves() {
    let m = market().await;
    let admin = account(&m.app, "ada@bys.example").await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}/active", admin.id),
        &[("active", "false")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"active-error\" role=\"alert\">You cannot deactivate yourself."),
        "{html}"
    );
}

/// The account with `email`.
async fn account(app: &TestApp, email: &str) -> User {
    app.stores
        .users
        .credentials(&Email::parse(email).unwrap())
        .await
        .unwrap()
        .unwrap()
        .0
}

#[tokio::test]
async fn a_deactivated_users_open_session_stops_working_at_once() {
    let m = market().await;
    assert_eq!(
        get(&m.provider_browser, &m.app, "/provider/services")
            .await
            .status(),
        StatusCode::OK
    );
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}/active", m.provider.id),
        &[("active", "false")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = get(&m.provider_browser, &m.app, "/provider/services").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&response).starts_with("/login"),
        "{}",
        location(&response)
    );
    let api = get(&m.provider_browser, &m.app, "/api/v1/session").await;
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
    // Reactivating does not bring the ended session back.
    submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}/active", m.provider.id),
        &[("active", "true")],
    )
    .await;
    let api = get(&m.provider_browser, &m.app, "/api/v1/session").await;
    assert_eq!(api.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_demoted_support_user_loses_admin_access_at_once() {
    let m = market().await;
    page(&m.support, &m.app, "/admin/users", StatusCode::OK).await;
    let sam = account(&m.app, "sam@bys.example").await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}", sam.id),
        &[
            ("name", "Sam Former"),
            ("email", "sam@bys.example"),
            ("role", "customer"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    for path in read_routes(&m) {
        let response = get(&m.support, &m.app, &path).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "GET {path}");
    }
    let path = format!("/admin/appointments/{}/cancel", m.appointment);
    let response = submit(&m.support, &m.app, "/", &path, &[("reason", "Gone")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let me: Value = get(&m.support, &m.app, "/api/v1/session")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "customer");
    assert_eq!(me["name"], "Sam Former");
}

#[tokio::test]
async fn a_promoted_customer_reaches_the_admin_pages_without_logging_in_again() {
    let m = market().await;
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        &format!("/admin/users/{}", m.customer.id),
        &[
            ("name", "Casey Customer"),
            ("email", "casey@example.org"),
            ("role", "support"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    page(
        &m.customer_browser,
        &m.app,
        "/admin/appointments",
        StatusCode::OK,
    )
    .await;
}

/// Whether `mail` is addressed to `address` and, once quoted-printable line folds are undone,
/// contains `text`.
fn mail_to_with(mail: &str, address: &str, text: &str) -> bool {
    let unfolded = mail.replace("=\r\n", "").replace("=\n", "");
    mail.lines()
        .any(|line| line.starts_with("To:") && line.contains(address))
        && unfolded.contains(text)
}

#[tokio::test]
async fn an_admin_mails_a_reset_link_but_not_to_a_deactivated_account() {
    let m = market().await;
    let path = format!("/admin/users/{}/reset", m.customer.id);
    let response = submit(&m.admin, &m.app, "/", &path, &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let reset_mail = |mails: &[String]| {
        mails
            .iter()
            .any(|mail| mail_to_with(mail, "casey@example.org", "/reset-password/"))
    };
    assert!(reset_mail(&m.app.outbox_until(reset_mail).await));
    assert!(
        page(&m.admin, &m.app, "/admin/audit", StatusCode::OK)
            .await
            .contains("user.reset_link")
    );

    let active = format!("/admin/users/{}/active", m.customer.id);
    submit(&m.admin, &m.app, "/", &active, &[("active", "false")]).await;
    let response = submit(&m.admin, &m.app, "/", &path, &[]).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("id=\"reset-error\" role=\"alert\">Reactivate the account"),
        "{html}"
    );
}

#[tokio::test]
async fn a_deactivated_providers_appointment_is_cancelled_with_notice_to_the_customer() {
    let m = market().await;
    let active = format!("/admin/users/{}/active", m.provider.id);
    submit(&m.admin, &m.app, "/", &active, &[("active", "false")]).await;
    let path = format!("/admin/appointments/{}/cancel", m.appointment);
    let response = submit(&m.admin, &m.app, "/", &path, &[("reason", "Salon closed")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let notified = |mails: &[String]| {
        mails
            .iter()
            .any(|mail| mail_to_with(mail, "casey@example.org", "Salon closed"))
    };
    assert!(notified(&m.app.outbox_until(notified).await));
}

#[tokio::test]
async fn the_users_list_pages_through_many_accounts_keeping_its_filters() {
    let app = spawn_app().await;
    app.staff(Role::Admin, "ada@bys.example").await;
    for n in 0..26 {
        app.customer(&format!("customer{n:02}@example.org")).await;
    }
    let admin = app.logged_in("ada@bys.example").await;
    let first = page(&admin, &app, "/admin/users?role=customer", StatusCode::OK).await;
    assert!(
        first.contains("26 users") && first.contains("Page 1 of 2"),
        "{first}"
    );
    assert!(first.contains("href=\"/admin/users?role=customer&amp;page=2\""));
    let second = page(
        &admin,
        &app,
        "/admin/users?role=customer&page=2",
        StatusCode::OK,
    )
    .await;
    assert!(second.contains("Page 2 of 2") && !second.contains("ada@bys.example"));
    assert_eq!(second.matches("@example.org</td>").count(), 1, "{second}");
}

#[tokio::test]
async fn the_dashboard_and_operations_page_show_a_failed_calendar_sync() {
    let m = market().await;
    let calendar = application::ports::ProviderCalendar {
        last_error: Some("calendar quota exceeded".to_owned()),
        ..application::ports::ProviderCalendar::new(m.provider.id)
    };
    m.app
        .stores
        .calendar_links
        .save_calendar(&calendar)
        .await
        .unwrap();
    let dashboard = page(&m.support, &m.app, "/admin", StatusCode::OK).await;
    assert!(dashboard.contains("1 calendar sync error<"), "{dashboard}");
    let operations = page(&m.support, &m.app, "/admin/operations", StatusCode::OK).await;
    assert!(
        operations.contains("calendar quota exceeded"),
        "{operations}"
    );
}

#[tokio::test]
async fn an_admin_deletes_the_calendar_of_a_deactivated_provider_only() {
    let m = market().await;
    let path = format!("/admin/calendars/{}/delete", m.provider.id);
    let in_use = submit(&m.admin, &m.app, "/", &path, &[]).await;
    assert_eq!(in_use.status(), StatusCode::CONFLICT);

    let mut provider = m.provider.clone();
    provider.active = false;
    m.app.stores.users.update(&provider).await.unwrap();
    let deleted = submit(&m.admin, &m.app, "/", &path, &[]).await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&deleted), "/admin/operations?done=deleted");
    let audit = page(&m.admin, &m.app, "/admin/audit", StatusCode::OK).await;
    assert!(audit.contains("calendar.delete"), "{audit}");
}

#[tokio::test]
async fn without_google_the_unlinked_calendars_page_says_there_is_nothing_to_find() {
    let m = market().await;
    let html = page(
        &m.admin,
        &m.app,
        "/admin/calendars/unlinked",
        StatusCode::OK,
    )
    .await;
    assert!(html.contains("cannot list its calendars"), "{html}");
    let response = submit(
        &m.admin,
        &m.app,
        "/",
        "/admin/calendars/unlinked/delete",
        &[("calendar_id", "c_1@group.calendar.google.com")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
