//! Hostile input: oversized and broken bodies, absurd numbers and dates, unknown zones, markup
//! in every text field, forms without their CSRF token and replayed reset links. Each gets a
//! clear 4xx (never a 500), nothing reaches the stores, and markup is shown as text.

use application::ports::{AppointmentFilter, Period};
use chrono::{DateTime, Utc};
use domain::{Role, User};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{
    PASSWORD, TestApp, assert_problem, browser, csrf_token, form_token, page, spawn_app, submit,
};

const SCRIPT: &str = "<script>alert(1)</script>";
/// How the pages write the start of [`SCRIPT`] once escaped.
const ESCAPED: &str = "&lt;script&gt;alert(1)";

/// Every appointment `customer` has, past or future, straight from the store.
async fn stored_appointments(app: &TestApp, customer: &User) -> usize {
    app.stores
        .appointments
        .list(AppointmentFilter {
            customer: Some(customer.id),
            provider: None,
            period: Period::UpcomingAfter(DateTime::<Utc>::MIN_UTC),
            status: None,
            limit: 1000,
        })
        .await
        .unwrap()
        .len()
}

async fn stored_user(app: &TestApp, user: &User) -> User {
    app.stores.users.by_id(user.id).await.unwrap().unwrap()
}

/// Posts `body` as `content_type` to `path` with `client`.
async fn post_raw(
    client: &Client,
    app: &TestApp,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> reqwest::Response {
    client
        .post(app.url(path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn oversized_json_and_form_bodies_are_refused_with_413_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (provider, service) = app.provider_with_service("salon@example.org").await;
    let casey = app.customer("casey@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&customer, &service).await;
    let huge = "x".repeat(2 * 1024 * 1024);

    let booking = json!({"service_id": service.id.to_string(), "start": start, "note": huge});
    let response = customer
        .post(app.url("/api/v1/appointments"))
        .json(&booking)
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PAYLOAD_TOO_LARGE).await;
    assert_eq!(stored_appointments(&app, &casey).await, 0);

    let salon = app.logged_in("salon@example.org").await;
    let token = form_token(&salon, &app, "/provider/services/new").await;
    let response = salon
        .post(app.url("/provider/services"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", "Huge"),
            ("description", huge.as_str()),
            ("duration", "30"),
            ("buffer_before", "0"),
            ("buffer_after", "0"),
            ("price", "10"),
            ("currency", "EUR"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let services = app.stores.services.by_provider(provider.id).await.unwrap();
    assert_eq!(services.len(), 1, "only the seeded service");

    // A streamed body (chunked, no Content-Length) is cut off at the limit as well.
    assert!(
        chunked_upload_status(&app, 3 * 1024 * 1024)
            .await
            .starts_with("HTTP/1.1 413")
    );
    assert_eq!(stored_appointments(&app, &casey).await, 0);
}

/// The status line the app answers a chunked JSON upload of `total` bytes with, sent over a
/// plain socket (reqwest always declares a length for in-memory bodies).
async fn chunked_upload_status(app: &TestApp, total: usize) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.address.trim_start_matches("http://");
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /api/v1/appointments HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![b'x'; 64 * 1024];
    for _ in 0..total / chunk.len() {
        let mut frame = format!("{:x}\r\n", chunk.len()).into_bytes();
        frame.extend_from_slice(&chunk);
        frame.extend_from_slice(b"\r\n");
        // The app may answer and stop reading before everything is sent.
        if socket.write_all(&frame).await.is_err() {
            break;
        }
    }
    let _ = socket.write_all(b"0\r\n\r\n").await;
    let mut answer = vec![0; 64];
    let read = socket.read(&mut answer).await.unwrap_or(0);
    String::from_utf8_lossy(&answer[..read]).into_owned()
}

#[tokio::test]
async fn broken_utf8_in_json_and_form_bodies_is_a_4xx_and_nothing_is_stored() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let casey = app.customer("casey@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&customer, &service).await;

    let mut body = format!(
        r#"{{"service_id":"{}","start":"{start}","note":"caf"#,
        service.id
    )
    .into_bytes();
    body.extend_from_slice(b"\xff\xfe\"}");
    let response = post_raw(
        &customer,
        &app,
        "/api/v1/appointments",
        "application/json",
        body,
    )
    .await;
    assert_problem(response, StatusCode::BAD_REQUEST).await;

    // Raw bytes and percent-encoded ones that do not decode to UTF-8.
    let token = form_token(&customer, &app, "/account").await;
    for note in [b"caf\xe9".as_slice(), b"caf%E9%FF"] {
        let mut form = format!("csrf_token={token}&start={start}&zone=UTC&note=").into_bytes();
        form.extend_from_slice(note);
        let response = post_raw(
            &customer,
            &app,
            &format!("/services/{}/book", service.id),
            "application/x-www-form-urlencoded",
            form,
        )
        .await;
        assert!(response.status().is_client_error(), "{}", response.status());
    }
    assert_eq!(stored_appointments(&app, &casey).await, 0);

    let before = stored_user(&app, &casey).await;
    let token = form_token(&customer, &app, "/account").await;
    let mut form = format!("csrf_token={token}&zone=UTC&phone=&calendar_email=&name=").into_bytes();
    form.extend_from_slice(b"Ca\xc3\x28sey");
    let response = post_raw(
        &customer,
        &app,
        "/account",
        "application/x-www-form-urlencoded",
        form,
    )
    .await;
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_eq!(stored_user(&app, &casey).await, before);
}

#[tokio::test]
async fn huge_and_negative_pagination_values_never_fail_the_server() {
    let app = spawn_app().await;
    app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let max = u32::MAX;
    let big = "99999999999999999999999";
    for query in [
        format!("page={max}&per_page={max}"),
        format!("page={max}"),
        "page=0&per_page=0".to_owned(),
        "page=-1".to_owned(),
        format!("per_page={big}"),
        format!("min_price={}&max_price={}", i64::MIN, i64::MAX),
        "max_duration=-5".to_owned(),
    ] {
        let response = customer
            .get(app.url(&format!("/api/v1/services?{query}")))
            .send()
            .await
            .unwrap();
        let status = response.status();
        assert!(
            status == StatusCode::OK || status.is_client_error(),
            "API {query}: {status}"
        );
        if status.is_client_error() {
            assert_problem(response, status).await;
        } else {
            let body: Value = response.json().await.unwrap();
            assert!(body["per_page"].as_u64().unwrap() <= 100, "{query}: {body}");
        }
        let status = customer
            .get(app.url(&format!("/search?{query}")))
            .send()
            .await
            .unwrap()
            .status();
        assert!(
            status == StatusCode::OK || status.is_client_error(),
            "page {query}: {status}"
        );
    }
    for limit in [max.to_string(), "-1".to_owned(), big.to_owned()] {
        let status = customer
            .get(app.url(&format!("/api/v1/appointments?limit={limit}")))
            .send()
            .await
            .unwrap()
            .status();
        assert!(
            status == StatusCode::OK || status.is_client_error(),
            "limit {limit}: {status}"
        );
    }
}

#[tokio::test]
async fn overlapping_and_backwards_hours_are_refused_and_the_schedule_is_unchanged() {
    let app = spawn_app().await;
    let (provider, _) = app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let before = app.stores.schedules.get(provider.id).await.unwrap();
    let hours = |fields: &'static [(&'static str, &'static str)]| fields;
    for fields in [
        hours(&[
            ("d0_s0", "09:00"),
            ("d0_e0", "12:00"),
            ("d0_s1", "11:00"),
            ("d0_e1", "13:00"),
        ]),
        hours(&[("d1_s0", "17:00"), ("d1_e0", "09:00")]),
        hours(&[("d2_s0", "09:00"), ("d2_e0", "09:00")]),
        hours(&[("d3_s0", "09:00"), ("d3_e0", "25:00")]),
        hours(&[("d4_s0", "-01:00"), ("d4_e0", "10:00")]),
        hours(&[("d5_s0", "9"), ("d5_e0", "")]),
    ] {
        let response = submit(
            &salon,
            &app,
            "/provider/schedule",
            "/provider/schedule/hours",
            fields,
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}"
        );
    }
    for (date, s0, e0) in [
        ("2030-01-01", "14:00", "10:00"),
        ("0001-01-01", "09:00", "10:00"),
        ("9999-12-31", "09:00", "10:00"),
        ("10000-01-01", "09:00", "10:00"),
        ("-0001-01-01", "09:00", "10:00"),
        ("2030-02-30", "09:00", "10:00"),
    ] {
        let response = submit(
            &salon,
            &app,
            "/provider/schedule",
            "/provider/schedule/overrides",
            &[("date", date), ("kind", "hours"), ("s0", s0), ("e0", e0)],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "override on {date}"
        );
    }
    assert_eq!(app.stores.schedules.get(provider.id).await.unwrap(), before);
}

#[tokio::test]
async fn dates_far_in_the_past_or_future_are_refused_or_give_no_slots() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let casey = app.customer("casey@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let slots = |query: String| {
        let url = app.url(&format!("/api/v1/services/{}/slots?{query}", service.id));
        let client = customer.clone();
        async move { client.get(url).send().await.unwrap() }
    };
    // Whole-range windows are too long; windows at the ends of time hold no bookable slot.
    let response = slots("from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z".to_owned()).await;
    assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    for from in ["0001-01-01T00:00:00Z", "9999-12-31T23:00:00Z"] {
        let response = slots(format!("from={from}")).await;
        assert_eq!(response.status(), StatusCode::OK, "from {from}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["slots"], json!([]), "from {from}");
    }
    let response = slots("from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z".to_owned()).await;
    assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    for bad in ["from=10000-01-01T00:00:00Z", "to=0000-00-00T00:00:00Z"] {
        let response = slots(bad.to_owned()).await;
        assert_problem(response, StatusCode::BAD_REQUEST).await;
    }

    for start in [
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:00:00Z",
        "1970-01-01T00:00:00Z",
    ] {
        let response = app.book(&customer, &service, start, None).await;
        assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    assert_eq!(stored_appointments(&app, &casey).await, 0);
}

#[tokio::test]
async fn unknown_time_zones_are_refused_everywhere_a_zone_is_typed() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let casey = app.customer("casey@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let long = "Europe/".repeat(1000);
    for zone in [
        "Mars/Olympus",
        "../../etc/passwd",
        "",
        long.as_str(),
        "+05:00",
    ] {
        let response = customer
            .get(app.url(&format!("/api/v1/services/{}/slots", service.id)))
            .query(&[("zone", zone)])
            .send()
            .await
            .unwrap();
        assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        let response = submit(
            &customer,
            &app,
            "/account",
            "/account",
            &[("name", "Casey"), ("zone", zone)],
        )
        .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{zone:?}"
        );
    }
    assert_eq!(stored_user(&app, &casey).await.zone.name(), "Europe/London");
}

#[tokio::test]
async fn markup_in_every_text_field_is_shown_as_text() {
    let app = spawn_app().await;
    let provider = app
        .seeder
        .user(
            Role::Provider,
            "salon@example.org",
            SCRIPT,
            "Europe/Paris",
            PASSWORD,
        )
        .await
        .unwrap();
    app.seeder
        .hours(&provider, &[0, 1, 2, 3, 4, 5, 6], "09:00", "17:00")
        .await
        .unwrap();
    let category = app.seeder.category(SCRIPT, 1).await.unwrap();
    let service = app
        .seeder
        .service(&provider, SCRIPT, SCRIPT, 60, "25", "EUR", Some(category))
        .await
        .unwrap();
    let casey = app
        .seeder
        .user(
            Role::Customer,
            "casey@example.org",
            SCRIPT,
            "Europe/London",
            PASSWORD,
        )
        .await
        .unwrap();
    let customer = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&customer, &service).await;
    let booked: Value = customer
        .post(app.url("/api/v1/appointments"))
        .json(&json!({"service_id": service.id.to_string(), "start": start, "note": SCRIPT}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let appointment = booked["id"].as_str().expect("booked");
    assert_eq!(stored_appointments(&app, &casey).await, 1);
    let salon = app.logged_in("salon@example.org").await;

    let pages = [
        (&customer, format!("/search?q={}", urlencode(SCRIPT))),
        (&customer, format!("/services/{}", service.id)),
        (
            &customer,
            format!("/services/{}/book?start={}", service.id, urlencode(&start)),
        ),
        (&customer, format!("/providers/{}", provider.id)),
        (&customer, "/dashboard".to_owned()),
        (&customer, "/account".to_owned()),
        (&customer, format!("/appointments/{appointment}")),
        (&salon, "/dashboard".to_owned()),
        (&salon, "/provider/services".to_owned()),
        (&salon, format!("/provider/services/{}/edit", service.id)),
        (&salon, format!("/appointments/{appointment}")),
    ];
    // The home page need not show the new service, but must not run it either.
    let home = page(&customer, &app, "/", StatusCode::OK).await;
    assert!(!home.contains(SCRIPT));
    for (client, path) in pages {
        let html = page(client, &app, &path, StatusCode::OK).await;
        assert!(!html.contains(SCRIPT), "{path} shows markup unescaped");
        assert!(html.contains(ESCAPED), "{path} shows the text escaped");
    }

    // A form sent back with errors shows what was typed, escaped too.
    let response = submit(
        &salon,
        &app,
        "/provider/services/new",
        "/provider/services",
        &[("name", SCRIPT), ("description", SCRIPT), ("duration", "7")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(!html.contains(SCRIPT) && html.contains(ESCAPED));
}

/// `text` percent-encoded for a query string.
fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).unwrap()[1..].to_owned()
}

/// Who posts, where, and which fields.
type Attempt<'a> = (&'a Client, String, Vec<(&'a str, &'a str)>);

#[tokio::test]
async fn state_changing_forms_without_their_csrf_token_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let (provider, service) = app.provider_with_service("salon@example.org").await;
    let casey = app.customer("casey@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let start = app.first_free_slot(&customer, &service).await;
    let schedule = app.stores.schedules.get(provider.id).await.unwrap();
    let casey_before = stored_user(&app, &casey).await;

    let attempts: [Attempt; 7] = [
        (
            &customer,
            format!("/services/{}/book", service.id),
            vec![("start", start.as_str()), ("zone", "UTC")],
        ),
        (
            &customer,
            "/account".to_owned(),
            vec![("name", "Mallory"), ("zone", "UTC")],
        ),
        (
            &customer,
            "/account/password".to_owned(),
            vec![("current", PASSWORD), ("password", "owned by mallory now")],
        ),
        (
            &salon,
            "/provider/services".to_owned(),
            vec![
                ("name", "Forged"),
                ("duration", "30"),
                ("price", "1"),
                ("currency", "EUR"),
            ],
        ),
        (
            &salon,
            "/provider/schedule/hours".to_owned(),
            vec![("d0_s0", "01:00"), ("d0_e0", "02:00")],
        ),
        (
            &salon,
            "/provider/schedule/overrides".to_owned(),
            vec![("date", "2030-01-01"), ("kind", "closed")],
        ),
        (&customer, "/logout".to_owned(), vec![]),
    ];
    for (client, path, fields) in attempts {
        let response = client
            .post(app.url(&path))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "POST {path}");
        // A token from someone else's session does not pass either.
        let foreign = form_token(&browser(), &app, "/login").await;
        let mut forged = fields.clone();
        forged.push(("csrf_token", foreign.as_str()));
        let response = client
            .post(app.url(&path))
            .form(&forged)
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::FORBIDDEN,
            "POST {path} (foreign token)"
        );
    }
    assert_eq!(stored_appointments(&app, &casey).await, 0);
    assert_eq!(stored_user(&app, &casey).await, casey_before);
    assert_eq!(
        app.stores.schedules.get(provider.id).await.unwrap(),
        schedule
    );
    assert_eq!(
        app.stores
            .services
            .by_provider(provider.id)
            .await
            .unwrap()
            .len(),
        1
    );
    // Still logged in, with the old password.
    let me = customer
        .get(app.url("/api/v1/session"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_replayed_password_reset_link_is_refused_and_the_password_stays() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let client = browser();
    let token = form_token(&client, &app, "/forgot-password").await;
    client
        .post(app.url("/forgot-password"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "casey@example.org"),
        ])
        .send()
        .await
        .unwrap();
    let mail = app
        .outbox_mails(1)
        .await
        .concat()
        .replace("=\r\n", "")
        .replace("=\n", "");
    let at = mail.find("/reset-password/").expect("a reset link") + "/reset-password/".len();
    let link: String = mail[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let link = format!("/reset-password/{link}");

    let form = page(&client, &app, &link, StatusCode::OK).await;
    let token = csrf_token(&form);
    let first = "the first new passphrase";
    let reset = |password: &'static str| {
        let client = client.clone();
        let (url, token) = (app.url(&link), token.clone());
        async move {
            client
                .post(url)
                .form(&[("csrf_token", token.as_str()), ("password", password)])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(reset(first).await, StatusCode::SEE_OTHER);
    assert_eq!(reset("a replayed passphrase").await, StatusCode::NOT_FOUND);
    // Made-up tokens are refused the same way; one with markup does not even get the form.
    for fake in ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x"] {
        let url = app.url(&format!("/reset-password/{fake}"));
        let response = client
            .post(url)
            .form(&[
                ("csrf_token", token.as_str()),
                ("password", "a replayed passphrase"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{fake}");
    }
    page(
        &client,
        &app,
        "/reset-password/%3Cscript%3E",
        StatusCode::NOT_FOUND,
    )
    .await;
    let login = |password: &'static str| {
        let url = app.url("/api/v1/session");
        async move {
            browser()
                .post(url)
                .json(&json!({"email": "casey@example.org", "password": password}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        login("a replayed passphrase").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(login(first).await, StatusCode::OK);
}
