//! The public pages.

use domain::Service;
use reqwest::{Client, StatusCode};

use crate::helpers::{TestApp, browser, csrf_token, spawn_app};

#[tokio::test]
async fn the_home_page_has_a_search_box_and_a_skip_link() {
    let app = spawn_app().await;
    app.provider_with_service("paris@example.org").await;
    let response = browser().get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(html.contains(r##"href="#main""##), "skip link");
    assert!(html.contains(r#"<main id="main""#));
    assert!(html.contains(r#"type="search""#));
    assert!(html.contains("Haircut"), "some services are shown");
}

#[tokio::test]
async fn the_search_page_lists_matching_services() {
    let app = spawn_app().await;
    app.provider_with_service("paris@example.org").await;
    let html = browser()
        .get(app.url("/search?q=haircut"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Haircut"));
    assert!(html.contains("25.00 EUR"));
}

#[tokio::test]
async fn a_search_without_results_says_so() {
    let app = spawn_app().await;
    app.provider_with_service("paris@example.org").await;
    let html = browser()
        .get(app.url("/search?q=submarine"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("No services match"));
}

#[tokio::test]
async fn the_service_page_shows_free_times_in_the_chosen_zone_and_names_it() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let client = browser();
    let tomorrow = (chrono::Utc::now() + chrono::TimeDelta::days(2)).date_naive();
    let html = client
        .get(app.url(&format!(
            "/services/{}?date={tomorrow}&zone=Asia/Tokyo",
            service.id
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Asia/Tokyo"), "the zone is named");
    // 09:00 in Paris is 16:00 or 17:00 in Tokyo.
    assert!(html.contains("16:00") || html.contains("17:00"), "{html}");

    let default = client
        .get(app.url(&format!("/services/{}?date={tomorrow}", service.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        default.contains("Europe/Paris"),
        "the provider's zone without one"
    );
    assert!(default.contains("09:00"));
}

#[tokio::test]
async fn the_month_calendar_browses_months_and_preselects_their_first_free_day() {
    use chrono::{Datelike as _, Months};
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let client = browser();
    let get = |query: String| {
        let url = app.url(&format!("/services/{}?{query}", service.id));
        let client = client.clone();
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let this_month = chrono::Utc::now().date_naive().with_day(1).unwrap();
    let next_month = this_month + Months::new(1);

    let html = get(format!(
        "month={}&zone=Europe/Paris",
        next_month.format("%Y-%m")
    ))
    .await;
    assert!(
        html.contains(&format!(">{}</h3>", next_month.format("%B %Y"))),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"name="date" value="{next_month}""#)),
        "the 1st is chosen"
    );
    // Open 09:00-17:00 every day: eight one-hour times, the day's link says so.
    assert!(html.contains(&format!("{}, 8 free times", next_month.format("%A %-d %B"))));
    let previous = format!("month={}", this_month.format("%Y-%m"));
    assert!(html.contains(&previous) && html.contains(r#"rel="prev""#));
    assert!(html.contains(r#"rel="next""#));
    assert_eq!(
        html.matches(r#"aria-current="date""#).count(),
        1,
        "one chosen day"
    );

    let past = get("month=2020-01&zone=Europe/Paris".to_owned()).await;
    assert!(
        past.contains(&format!(">{}</h3>", this_month.format("%B %Y"))),
        "a past month shows this one"
    );
    assert!(!past.contains(r#"rel="prev""#), "nothing to go back to");
}

#[tokio::test]
async fn an_unknown_service_page_is_a_404_page() {
    let app = spawn_app().await;
    let response = browser()
        .get(app.url(&format!("/services/{}", uuid::Uuid::nil())))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
}

#[tokio::test]
async fn an_unknown_path_is_an_html_404_page() {
    let app = spawn_app().await;
    let response = browser()
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.unwrap().contains("<main id=\"main\""));
}

#[tokio::test]
async fn a_visitor_must_log_in_before_confirming_a_booking() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let response = browser()
        .get(app.url(&format!(
            "/services/{}/book?start=2030-01-01T09:00:00Z",
            service.id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(
        location.starts_with("/login?next=%2Fservices%2F"),
        "{location}"
    );
}

/// The first slot link on a service page.
async fn first_slot_link(app: &TestApp, client: &Client, service: &Service) -> String {
    let date = (chrono::Utc::now() + chrono::TimeDelta::days(2)).date_naive();
    let html = client
        .get(app.url(&format!("/services/{}?date={date}", service.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let marker = format!(r#"href="/services/{}/book?"#, service.id);
    let start = html.find(&marker).expect("a free slot") + r#"href=""#.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].replace("&amp;", "&")
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker).expect(name) + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end]
        .replace("&#x2B;", "+")
        .replace("&#43;", "+")
}

#[tokio::test]
async fn a_customer_books_a_slot_from_the_service_page() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;

    let link = first_slot_link(&app, &client, &service).await;
    let confirm = client.get(app.url(&link)).send().await.unwrap();
    assert_eq!(confirm.status(), StatusCode::OK);
    let html = confirm.text().await.unwrap();
    assert!(html.contains("Europe/Paris"));
    let form = [
        ("csrf_token", csrf_token(&html)),
        ("start", hidden(&html, "start")),
        ("zone", hidden(&html, "zone")),
        ("idempotency_key", hidden(&html, "idempotency_key")),
        ("note", "First visit".to_owned()),
    ];
    let booked = client
        .post(app.url(&format!("/services/{}/book", service.id)))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(booked.status(), StatusCode::SEE_OTHER);
    let location = booked.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("/appointments/"));

    // The same form sent again (a double click) books nothing new.
    let again = client
        .post(app.url(&format!("/services/{}/book", service.id)))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(again.headers()["location"].to_str().unwrap(), location);

    let page = client
        .get(app.url(&location))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Haircut"));
    assert!(page.contains("First visit"));
    assert!(page.contains("confirmed") || page.contains("requested"));
}

#[tokio::test]
async fn a_slot_taken_meanwhile_is_explained_with_other_free_times() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("a@example.org").await;
    app.customer("b@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;

    let link = first_slot_link(&app, &b, &service).await;
    let html = b
        .get(app.url(&link))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = hidden(&html, "start");
    assert_eq!(
        app.book(&a, &service, &start, None).await.status(),
        StatusCode::CREATED
    );

    let response = b
        .post(app.url(&format!("/services/{}/book", service.id)))
        .form(&[
            ("csrf_token", csrf_token(&html)),
            ("start", start),
            ("zone", hidden(&html, "zone")),
            ("idempotency_key", hidden(&html, "idempotency_key")),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = response.text().await.unwrap();
    assert!(page.contains("someone booked that time"));
    assert!(
        page.contains(&format!("/services/{}/book?start=", service.id)),
        "other times are offered"
    );
}

#[tokio::test]
async fn a_service_page_without_a_day_opens_on_the_first_day_with_free_times() {
    use chrono::Datelike as _;
    let app = spawn_app().await;
    let provider = app
        .seeder
        .user(
            domain::Role::Provider,
            "once@example.org",
            "Once A Week",
            "UTC",
            crate::helpers::PASSWORD,
        )
        .await
        .unwrap();
    let open_day = (chrono::Utc::now() + chrono::TimeDelta::days(3)).date_naive();
    let weekday = open_day.weekday().num_days_from_monday() as usize;
    app.seeder
        .hours(&provider, &[weekday], "10:00", "12:00")
        .await
        .unwrap();
    let service = app
        .seeder
        .service(&provider, "Consultation", "", 60, "10", "EUR", None)
        .await
        .unwrap();
    let html = browser()
        .get(app.url(&format!("/services/{}", service.id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!(r#"value="{open_day}""#)),
        "the open day is chosen"
    );
    assert!(html.contains(">10:00<") && html.contains(">11:00<"));
    assert!(html.contains("no free times"), "closed days say so");
}
