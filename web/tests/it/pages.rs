//! The public pages.

use reqwest::StatusCode;

use crate::helpers::{browser, spawn_app};

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
