//! "Move this and following" over HTTP: the form on an occurrence's page, its refusal beside
//! the field (naming the occurrence in the viewer's zone), and the API operation.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use domain::Zone;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_problem, location, page, spawn_app, submit};

/// A Paris provider open 08:00–20:00 every day, and customers A and B logged in.
async fn salon(app: &TestApp) -> (domain::Service, Client, Client) {
    let (_, service) = app
        .provider_in("Europe/Paris", "x@example.org", ("08:00", "20:00"))
        .await;
    app.customer("a@example.org").await;
    app.customer("b@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;
    (service, a, b)
}

/// A books four weekly occurrences from the first free start three days ahead (08:00 Paris
/// time); their ids and starts.
async fn weekly_series(
    app: &TestApp,
    a: &Client,
    service: &domain::Service,
) -> Vec<(String, DateTime<Utc>)> {
    let day = (Utc::now() + TimeDelta::days(3)).date_naive();
    let from = day.and_time(NaiveTime::MIN).and_utc();
    let start = app.first_free_slot_from(a, service, Some(from)).await;
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
    booked["booked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let start = a["start"].as_str().unwrap().parse().unwrap();
            (a["id"].as_str().unwrap().to_owned(), start)
        })
        .collect()
}

async fn start_of(app: &TestApp, client: &Client, id: &str) -> DateTime<Utc> {
    let a: Value = client
        .get(app.url(&format!("/api/v1/appointments/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    a["start"].as_str().unwrap().parse().unwrap()
}

/// `instant` as a `datetime-local` field in `zone` shows it.
fn local(instant: DateTime<Utc>, zone: &str) -> String {
    Zone::parse(zone)
        .unwrap()
        .wall_clock(instant)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

#[tokio::test]
async fn the_occurrence_page_moves_this_and_following_by_the_same_shift() {
    let app = spawn_app().await;
    let (service, a, _) = salon(&app).await;
    let series = weekly_series(&app, &a, &service).await;
    let second = format!("/appointments/{}?zone=America/New_York", series[1].0);
    let html = page(&a, &app, &second, StatusCode::OK).await;
    assert!(html.contains("Move this and following"), "{html}");
    assert!(html.contains("Cancel this and following"), "{html}");
    let new_start = series[1].1 + TimeDelta::hours(2);
    let typed = local(new_start, "America/New_York");
    let response = submit(
        &a,
        &app,
        &second,
        &format!("/appointments/{}/move-following", series[1].0),
        &[("start", &typed), ("zone", "America/New_York")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).contains("done=moved_following"));
    assert_eq!(start_of(&app, &a, &series[0].0).await, series[0].1);
    for (id, start) in &series[1..] {
        assert_eq!(
            start_of(&app, &a, id).await,
            *start + TimeDelta::hours(2),
            "{id}"
        );
    }
}

#[tokio::test]
async fn a_refused_move_names_the_occurrence_beside_the_field_and_keeps_the_value() {
    let app = spawn_app().await;
    let (service, a, b) = salon(&app).await;
    let series = weekly_series(&app, &a, &service).await;
    // B holds the time the third occurrence would move to.
    let taken = (series[2].1 + TimeDelta::hours(2)).to_rfc3339();
    assert_eq!(
        app.book(&b, &service, &taken, None).await.status(),
        StatusCode::CREATED
    );
    let first = format!("/appointments/{}?zone=America/New_York", series[0].0);
    let typed = local(series[0].1 + TimeDelta::hours(2), "America/New_York");
    let response = submit(
        &a,
        &app,
        &first,
        &format!("/appointments/{}/move-following", series[0].0),
        &[("start", &typed), ("zone", "America/New_York")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="move-error""#), "{html}");
    let third = Zone::parse("America/New_York")
        .unwrap()
        .wall_clock(series[2].1);
    let named = third.format("%a, %-d %b %Y, %H:%M").to_string();
    assert!(html.contains("cannot move, so nothing moved"), "{html}");
    assert!(html.contains(&named), "{named} in {html}");
    assert!(html.contains("(America/New_York)"), "{html}");
    assert!(html.contains(&format!(r#"value="{typed}""#)), "{html}");
    for (id, start) in &series {
        assert_eq!(start_of(&app, &a, id).await, *start, "{id}");
    }
}

#[tokio::test]
async fn an_unreadable_new_time_is_refused_beside_the_field() {
    let app = spawn_app().await;
    let (service, a, _) = salon(&app).await;
    let series = weekly_series(&app, &a, &service).await;
    let first = format!("/appointments/{}", series[0].0);
    let response = submit(
        &a,
        &app,
        &first,
        &format!("{first}/move-following"),
        &[("start", "next tuesday")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="move-error""#), "{html}");
    assert!(html.contains(r#"value="next tuesday""#), "{html}");
}

#[tokio::test]
async fn the_api_moves_this_and_following_or_answers_a_problem() {
    let app = spawn_app().await;
    let (service, a, b) = salon(&app).await;
    let series = weekly_series(&app, &a, &service).await;
    let move_from = |n: usize, start: DateTime<Utc>| {
        a.post(app.url(&format!(
            "/api/v1/appointments/{}/move-following",
            series[n].0
        )))
        .json(&json!({ "start": start.to_rfc3339() }))
        .send()
    };

    // Before the provider opens: 422, nothing moves.
    let early = move_from(1, series[1].1 - TimeDelta::hours(2))
        .await
        .unwrap();
    let problem = assert_problem(early, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["type"], "/problems/booking-rejected", "{problem}");

    // B holds the new time of the last occurrence: 409 naming it, nothing moves.
    let taken = (series[3].1 + TimeDelta::hours(3)).to_rfc3339();
    assert_eq!(
        app.book(&b, &service, &taken, None).await.status(),
        StatusCode::CREATED
    );
    let refused = move_from(1, series[1].1 + TimeDelta::hours(3))
        .await
        .unwrap();
    let problem = assert_problem(refused, StatusCode::CONFLICT).await;
    assert_eq!(problem["type"], "/problems/slot-taken", "{problem}");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains(&series[3].1.to_rfc3339()), "{detail}");
    for (id, start) in &series {
        assert_eq!(start_of(&app, &a, id).await, *start, "{id}");
    }

    let moved = move_from(1, series[1].1 + TimeDelta::hours(1))
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::OK);
    let moved: Value = moved.json().await.unwrap();
    let moved = moved.as_array().unwrap();
    assert_eq!(moved.len(), 3);
    for (view, (id, start)) in moved.iter().zip(&series[1..]) {
        assert_eq!(view["id"], id.as_str());
        let now: DateTime<Utc> = view["start"].as_str().unwrap().parse().unwrap();
        assert_eq!(now, *start + TimeDelta::hours(1));
    }
}
