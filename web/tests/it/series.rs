//! Recurring series over HTTP: the repeat option after choosing a time, the preview of every
//! occurrence, booking only the free ones or all or none, the API, and cancelling "this and
//! following".

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, location, page, spawn_app, submit};

/// A free start of `service` two days or more ahead, weeks before the booking horizon.
async fn first_start(app: &TestApp, client: &Client, service: &domain::Service) -> String {
    let from = Utc::now() + TimeDelta::days(2);
    app.first_free_slot_from(client, service, Some(from)).await
}

fn weeks_after(start: &str, weeks: i64) -> String {
    let start: DateTime<Utc> = start.parse().unwrap();
    (start + TimeDelta::weeks(weeks)).to_rfc3339()
}

fn query(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap()
}

#[tokio::test]
async fn a_customer_previews_a_weekly_series_and_books_only_the_free_dates() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("x@example.org").await;
    app.customer("a@example.org").await;
    app.customer("b@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;
    let start = first_start(&app, &a, &service).await;
    // Someone else holds the third week.
    let taken = app.book(&b, &service, &weeks_after(&start, 2), None).await;
    assert_eq!(taken.status(), StatusCode::CREATED);

    let confirm = page(
        &a,
        &app,
        &format!(
            "/services/{}/book?{}",
            service.id,
            query(&[("start", &start)])
        ),
        StatusCode::OK,
    )
    .await;
    assert!(confirm.contains("Repeat this booking"), "{confirm}");

    let series_query = query(&[
        ("start", &start),
        ("zone", "Europe/Paris"),
        ("every", "1"),
        ("times", "4"),
    ]);
    let preview_path = format!("/services/{}/series?{series_query}", service.id);
    let preview = page(&a, &app, &preview_path, StatusCode::OK).await;
    assert!(preview.contains("3 of 4 are free"), "{preview}");
    assert!(
        preview.contains("That time is already booked."),
        "{preview}"
    );
    assert!(preview.contains("(Europe/Paris)"), "{preview}");

    let form = |choice: &'static str| {
        vec![
            ("start", start.as_str()),
            ("zone", "Europe/Paris"),
            ("every", "1"),
            ("times", "4"),
            ("choice", choice),
        ]
    };
    let action = format!("/services/{}/series", service.id);
    let all = form("all_or_none");
    let refused = submit(&a, &app, &preview_path, &action, &all).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains("nothing was booked"), "{refused}");
    let mine: Value = a
        .get(app.url("/api/v1/appointments"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 0, "{mine}");

    let free = form("only_free");
    let booked = submit(&a, &app, &preview_path, &action, &free).await;
    assert_eq!(booked.status(), StatusCode::OK);
    let booked = booked.text().await.unwrap();
    assert!(booked.contains("3 appointments booked"), "{booked}");
    assert!(booked.contains("Not booked"), "{booked}");

    let mine: Value = a
        .get(app.url("/api/v1/appointments"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mine = mine.as_array().unwrap();
    assert_eq!(mine.len(), 3);
    assert!(mine.iter().all(|a| a["series_id"] == mine[0]["series_id"]));
    assert!(mine[0]["series_id"].is_string());
}

#[tokio::test]
async fn a_series_form_with_an_impossible_rule_says_so_next_to_the_fields() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("x@example.org").await;
    app.customer("a@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let start = first_start(&app, &a, &service).await;
    let path = format!(
        "/services/{}/series?{}",
        service.id,
        query(&[("start", &start), ("every", "9"), ("times", "40")])
    );
    let html = page(&a, &app, &path, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(html.contains("id=\"repeat-error\""), "{html}");
    assert!(html.contains("every 1 to 4 weeks"), "{html}");
}

#[tokio::test]
async fn the_api_previews_and_books_a_series_all_or_none() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("x@example.org").await;
    app.customer("a@example.org").await;
    app.customer("b@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;
    let start = first_start(&app, &a, &service).await;
    let series = json!({
        "service_id": service.id.to_string(),
        "start": start,
        "every_weeks": 2,
        "count": 3,
    });
    let preview: Value = a
        .post(app.url("/api/v1/series/preview"))
        .json(&series)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let preview = preview.as_array().unwrap();
    assert_eq!(preview.len(), 3);
    assert!(preview.iter().all(|o| o["free"] == true), "{preview:?}");

    // B takes the last occurrence first: all or none books nothing.
    let taken = app.book(&b, &service, &weeks_after(&start, 4), None).await;
    assert_eq!(taken.status(), StatusCode::CREATED);
    let mut order = series.clone();
    order["choice"] = json!("all_or_none");
    let refused = a
        .post(app.url("/api/v1/series"))
        .json(&order)
        .send()
        .await
        .unwrap();
    let problem = assert_problem(refused, StatusCode::CONFLICT).await;
    assert_eq!(problem["type"], "/problems/occurrences-taken", "{problem}");

    order["choice"] = json!("only_free");
    let booked = a
        .post(app.url("/api/v1/series"))
        .json(&order)
        .send()
        .await
        .unwrap();
    assert_eq!(booked.status(), StatusCode::CREATED);
    let booked: Value = booked.json().await.unwrap();
    assert_eq!(booked["booked"].as_array().unwrap().len(), 2, "{booked}");
    assert_eq!(booked["skipped"][0]["free"], false, "{booked}");
    assert_eq!(booked["booked"][0]["series_id"], booked["series_id"]);
}

#[tokio::test]
async fn the_api_document_declares_the_bounds_of_a_series_and_refuses_others() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("x@example.org").await;
    app.customer("a@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let spec: Value = a
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let fields = &spec["components"]["schemas"]["NewSeries"]["properties"];
    assert_eq!(fields["every_weeks"]["maximum"], 4.0, "{fields}");
    assert_eq!(fields["count"]["minimum"], 2.0, "{fields}");
    assert_eq!(fields["count"]["maximum"], 12.0, "{fields}");
    let start = first_start(&app, &a, &service).await;
    let response = a
        .post(app.url("/api/v1/series/preview"))
        .json(&json!({
            "service_id": service.id.to_string(),
            "start": start,
            "every_weeks": 1,
            "count": 13,
        }))
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn cancelling_this_and_following_cancels_the_later_occurrences_together() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("x@example.org").await;
    app.customer("a@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let start = first_start(&app, &a, &service).await;
    let booked: Value = a
        .post(app.url("/api/v1/series"))
        .json(&json!({
            "service_id": service.id.to_string(),
            "start": start,
            "every_weeks": 1,
            "count": 4,
            "choice": "all_or_none",
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<String> = booked["booked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 4, "{booked}");

    let second = format!("/appointments/{}", ids[1]);
    let html = page(&a, &app, &second, StatusCode::OK).await;
    assert!(html.contains("Cancel this and following"), "{html}");
    let response = submit(
        &a,
        &app,
        &second,
        &format!("{second}/cancel-following"),
        &[("reason", "Moving away")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with(&second));

    let mut statuses = Vec::new();
    for id in &ids {
        let a: Value = a
            .get(app.url(&format!("/api/v1/appointments/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        statuses.push(a["status"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        statuses,
        vec!["confirmed", "cancelled", "cancelled", "cancelled"]
    );
}

/// The value of the hidden field `name` in `html`.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker).expect(name) + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_owned()
}

#[tokio::test]
async fn the_series_form_sent_twice_books_the_series_once() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("x@example.org").await;
    app.customer("a@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let start = first_start(&app, &a, &service).await;
    let preview_path = format!(
        "/services/{}/series?{}",
        service.id,
        query(&[
            ("start", &start),
            ("zone", "Europe/Paris"),
            ("every", "1"),
            ("times", "3")
        ])
    );
    let preview = page(&a, &app, &preview_path, StatusCode::OK).await;
    let key = hidden(&preview, "idempotency_key");
    assert!(!key.is_empty(), "{preview}");
    let fields = [
        ("start", start.as_str()),
        ("zone", "Europe/Paris"),
        ("every", "1"),
        ("times", "3"),
        ("choice", "all_or_none"),
        ("idempotency_key", key.as_str()),
    ];
    let action = format!("/services/{}/series", service.id);
    for _ in 0..2 {
        let booked = submit(&a, &app, &preview_path, &action, &fields).await;
        assert_eq!(booked.status(), StatusCode::OK);
        let booked = booked.text().await.unwrap();
        assert!(booked.contains("3 appointments booked"), "{booked}");
    }
    let mine: Value = a
        .get(app.url("/api/v1/appointments"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 3, "{mine}");
}

#[tokio::test]
async fn the_api_books_a_series_once_per_idempotency_key() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("x@example.org").await;
    app.customer("a@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let start = first_start(&app, &a, &service).await;
    let order = json!({
        "service_id": service.id.to_string(),
        "start": start,
        "every_weeks": 1,
        "count": 3,
        "choice": "all_or_none",
    });
    let send = |order: Value| {
        a.post(app.url("/api/v1/series"))
            .header("Idempotency-Key", "series-1")
            .json(&order)
            .send()
    };
    let first = send(order.clone()).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("Idempotent-Replayed").is_none());
    let first: Value = first.json().await.unwrap();
    let again = send(order.clone()).await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["Idempotent-Replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["series_id"], first["series_id"]);
    assert_eq!(again["booked"], first["booked"]);

    let mut other = order;
    other["count"] = json!(2);
    let reused = send(other).await.unwrap();
    let problem = assert_problem(reused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(
        problem["type"], "/problems/idempotency-key-reused",
        "{problem}"
    );
    let mine: Value = a
        .get(app.url("/api/v1/appointments"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 3, "{mine}");
}
