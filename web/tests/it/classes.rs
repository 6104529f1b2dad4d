//! Classes over HTTP: the capacity field of the service form, places left in the API's and the
//! page's slot lists, a full class refused with its own problem, the provider's agenda
//! grouping attendees, and cancelling the whole class.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, assert_problem, page, spawn_app, submit};

/// The service form for a 60-minute class of `capacity` places.
fn class_form(capacity: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("name", "Morning yoga"),
        ("description", "Bring a mat."),
        ("category", ""),
        ("duration", "60"),
        ("buffer_before", "0"),
        ("buffer_after", "0"),
        ("price", "12"),
        ("currency", "EUR"),
        ("capacity", capacity),
    ]
}

async fn json(client: &reqwest::Client, app: &TestApp, path: &str) -> Value {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {path}");
    response.json().await.unwrap()
}

/// The seats left the API lists at `start`, if it lists `start`.
async fn seats_left_at(
    client: &reqwest::Client,
    app: &TestApp,
    service: &str,
    start: &str,
) -> Option<Value> {
    let slots = json(client, app, &format!("/api/v1/services/{service}/slots")).await;
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|slot| slot["start"] == start)
        .map(|slot| slot["seats_left"].clone())
}

#[tokio::test]
async fn customers_fill_a_class_place_by_place_and_the_provider_cancels_it_for_everyone() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("yoga@example.org").await;
    let teacher = app.logged_in("yoga@example.org").await;
    let edit = format!("/provider/services/{}", service.id);
    let saved = submit(
        &teacher,
        &app,
        &format!("{edit}/edit"),
        &edit,
        &class_form("2"),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let id = service.id.to_string();
    let listed = json(&teacher, &app, &format!("/api/v1/services/{id}")).await;
    assert_eq!(listed["capacity"], 2);

    for email in ["a@example.org", "b@example.org", "c@example.org"] {
        app.customer(email).await;
    }
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;
    let c = app.logged_in("c@example.org").await;
    let start = app.first_free_slot(&a, &service).await;
    assert_eq!(
        seats_left_at(&a, &app, &id, &start).await,
        Some(Value::from(2))
    );

    let first = app.book(&a, &service, &start, None).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let first: Value = first.json().await.unwrap();
    // The occurrence is still offered, with one place.
    assert_eq!(
        seats_left_at(&b, &app, &id, &start).await,
        Some(Value::from(1))
    );
    let slot_page = page(&b, &app, &format!("/services/{id}"), StatusCode::OK).await;
    assert!(slot_page.contains("1 of 2 places left"), "{slot_page}");

    let second = app.book(&b, &service, &start, None).await;
    assert_eq!(second.status(), StatusCode::CREATED);
    let full = app.book(&c, &service, &start, None).await;
    let problem = assert_problem(full, StatusCode::CONFLICT).await;
    assert!(
        problem["type"].as_str().unwrap().ends_with("class-full"),
        "{problem}"
    );
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("all 2 places are booked"),
        "{problem}"
    );
    assert_eq!(seats_left_at(&c, &app, &id, &start).await, None);

    let agenda = page(&teacher, &app, "/dashboard", StatusCode::OK).await;
    assert!(agenda.contains("2 of 2 places booked"), "{agenda}");
    assert!(agenda.contains(r#"aria-label="Attendees""#), "{agenda}");

    let seat = first["id"].as_str().unwrap();
    let cancelled = submit(
        &teacher,
        &app,
        &format!("/appointments/{seat}"),
        &format!("/appointments/{seat}/cancel-class"),
        &[("reason", "The teacher is ill.")],
    )
    .await;
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
    for client in [&a, &b] {
        let mine = json(client, &app, "/api/v1/appointments").await;
        let statuses: Vec<&Value> = mine
            .as_array()
            .map(|items| items.iter().map(|a| &a["status"]).collect())
            .unwrap_or_default();
        assert!(!statuses.is_empty(), "{mine}");
        assert!(statuses.iter().all(|s| *s == "cancelled"), "{mine}");
    }
    assert_eq!(
        seats_left_at(&c, &app, &id, &start).await,
        Some(Value::from(2))
    );
}

#[tokio::test]
async fn a_capacity_outside_one_to_a_hundred_is_explained_next_to_the_field() {
    let app = spawn_app().await;
    app.provider_with_service("yoga@example.org").await;
    let teacher = app.logged_in("yoga@example.org").await;
    for (capacity, message) in [
        ("0", "A service has 1 to 100 places, not 0."),
        ("101", "A service has 1 to 100 places, not 101."),
        (
            "twelve",
            "Enter the number of places, 1 for one customer at a time.",
        ),
    ] {
        let response = submit(
            &teacher,
            &app,
            "/provider/services/new",
            "/provider/services",
            &class_form(capacity),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = response.text().await.unwrap();
        assert!(html.contains(r#"id="capacity-error""#), "{html}");
        assert!(html.contains(message), "{capacity}: {html}");
        assert!(
            html.contains(&format!(r#"value="{capacity}""#)),
            "value kept"
        );
    }
}
