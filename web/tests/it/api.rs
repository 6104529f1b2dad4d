//! The JSON API: slots, booking, problem documents, authorization.

use adapters::catalogue;
use domain::Language;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{assert_problem, browser, spawn_app};

#[tokio::test]
async fn free_slots_are_given_in_the_requested_zone_and_name_it() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let slots: Value = browser()
        .get(app.url(&format!(
            "/api/v1/services/{}/slots?zone=America/New_York",
            service.id
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(slots["zone"], "America/New_York");
    assert_eq!(slots["provider_zone"], "Europe/Paris");
    let first = &slots["slots"][0];
    let utc: chrono::DateTime<chrono::Utc> = first["start"].as_str().unwrap().parse().unwrap();
    let local =
        chrono::DateTime::parse_from_rfc3339(first["local_start"].as_str().unwrap()).unwrap();
    assert_eq!(utc, local, "the same instant");
    assert!(
        matches!(local.offset().local_minus_utc(), -18000 | -14400),
        "New York's offset, not {}",
        local.offset()
    );
    assert!(matches!(
        first["zone_abbreviation"].as_str(),
        Some("EST" | "EDT")
    ));
}

#[tokio::test]
async fn without_a_zone_slots_are_shown_in_the_providers_zone() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let slots: Value = browser()
        .get(app.url(&format!("/api/v1/services/{}/slots", service.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(slots["zone"], "Europe/Paris");
    let local = slots["slots"][0]["local_start"].as_str().unwrap();
    assert!(
        local.ends_with("+01:00") || local.ends_with("+02:00"),
        "{local}"
    );
}

#[tokio::test]
async fn booking_twice_with_the_same_idempotency_key_returns_the_same_appointment() {
    let app = spawn_app().await;
    let (provider, service) = app.provider_with_service("paris@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&client, &service).await;

    let first = app.book(&client, &service, &start, Some("booking-1")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert_eq!(first.headers().get("idempotent-replayed"), None);
    let first: Value = first.json().await.unwrap();
    let again = app.book(&client, &service, &start, Some("booking-1")).await;
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers().get("idempotent-replayed").unwrap(), "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(first["id"], again["id"]);
    assert_eq!(first["provider_id"], provider.id.to_string());

    let mine: Value = client
        .get(app.url("/api/v1/appointments"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1, "booked once");
}

#[tokio::test]
async fn reusing_an_idempotency_key_for_another_booking_is_a_422_problem() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    let start = app.first_free_slot(&client, &service).await;
    let first = app.book(&client, &service, &start, Some("booking-1")).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let with_a_note = client
        .post(app.url("/api/v1/appointments"))
        .header("Idempotency-Key", "booking-1")
        .json(&serde_json::json!({
            "service_id": service.id.to_string(), "start": start, "note": "Another request"
        }))
        .send()
        .await
        .unwrap();
    let body = assert_problem(with_a_note, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["type"], "/problems/idempotency-key-reused");
}

#[tokio::test]
async fn booking_a_taken_slot_is_a_409_problem() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("a@example.org").await;
    app.customer("b@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;
    let start = app.first_free_slot(&a, &service).await;
    assert_eq!(
        app.book(&a, &service, &start, None).await.status(),
        StatusCode::CREATED
    );
    let body = assert_problem(
        app.book(&b, &service, &start, None).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(body["type"], "/problems/slot-taken");
}

#[tokio::test]
async fn a_time_outside_the_providers_hours_is_a_422_problem() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    // 03:00 in Paris, years ahead of any horizon and outside 09:00–17:00 either way.
    let response = app
        .book(&client, &service, "2027-01-05T02:00:00Z", None)
        .await;
    assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn an_unknown_zone_is_a_422_problem() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let response = browser()
        .get(app.url(&format!(
            "/api/v1/services/{}/slots?zone=Mars/Olympus",
            service.id
        )))
        .send()
        .await
        .unwrap();
    let body = assert_problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body["detail"].as_str().unwrap().contains("Mars/Olympus"));
}

#[tokio::test]
async fn unknown_ids_are_404_problems() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    let nil = uuid::Uuid::nil();
    for path in [
        format!("/api/v1/services/{nil}"),
        format!("/api/v1/services/{nil}/slots"),
        format!("/api/v1/appointments/{nil}"),
    ] {
        let response = client.get(app.url(&path)).send().await.unwrap();
        assert_problem(response, StatusCode::NOT_FOUND).await;
    }
}

#[tokio::test]
async fn malformed_requests_are_400_problems() {
    let app = spawn_app().await;
    let client = browser();
    let response = client
        .get(app.url("/api/v1/services/not-a-uuid"))
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn the_api_needs_a_session_for_appointments() {
    let app = spawn_app().await;
    let response = browser()
        .get(app.url("/api/v1/appointments"))
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_customer_cannot_read_cancel_or_move_another_customers_appointment() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("a@example.org").await;
    app.customer("b@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;
    let start = app.first_free_slot(&a, &service).await;
    let booked: Value = app
        .book(&a, &service, &start, None)
        .await
        .json()
        .await
        .unwrap();
    let id = booked["id"].as_str().unwrap();

    let read = b
        .get(app.url(&format!("/api/v1/appointments/{id}")))
        .send()
        .await
        .unwrap();
    assert_problem(read, StatusCode::FORBIDDEN).await;
    let cancel = b
        .post(app.url(&format!("/api/v1/appointments/{id}/cancel")))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_problem(cancel, StatusCode::FORBIDDEN).await;
    let moved = b
        .post(app.url(&format!("/api/v1/appointments/{id}/reschedule")))
        .json(&serde_json::json!({"start": start}))
        .send()
        .await
        .unwrap();
    assert_problem(moved, StatusCode::FORBIDDEN).await;

    let own = a
        .get(app.url(&format!("/api/v1/appointments/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), StatusCode::OK);
    let still: Value = own.json().await.unwrap();
    assert_eq!(
        still["status"], booked["status"],
        "unchanged by B's attempts"
    );
}

#[tokio::test]
async fn a_customer_cancels_their_own_appointment() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("a@example.org").await;
    let a = app.logged_in("a@example.org").await;
    // A week ahead, well before any change cut-off.
    let slots: Value = a
        .get(app.url(&format!(
                "/api/v1/services/{}/slots?from={}",
                service.id,
                (chrono::Utc::now() + chrono::TimeDelta::days(7))
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let start = slots["slots"][0]["start"].as_str().unwrap().to_owned();
    let booked: Value = app
        .book(&a, &service, &start, None)
        .await
        .json()
        .await
        .unwrap();
    let id = booked["id"].as_str().unwrap();
    let cancelled: Value = a
        .post(app.url(&format!("/api/v1/appointments/{id}/cancel")))
        .json(&serde_json::json!({"reason": "Plans changed"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(cancelled["status"], "cancelled");
}

/// Client generators (openapi-python-client in `tests/client/run`) drop every schema with a
/// property written as `allOf` of a non-object `$ref`, which poem-openapi writes for a
/// documented enum-typed field: such fields take their description from their type.
#[tokio::test]
async fn the_document_gives_generators_no_all_of_around_an_enum() {
    let app = spawn_app().await;
    let document: Value = browser()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let mut wrapped = Vec::new();
    for (name, schema) in schemas {
        let Some(properties) = schema["properties"].as_object() else {
            continue;
        };
        for (field, property) in properties {
            for part in property["allOf"].as_array().into_iter().flatten() {
                let Some(target) = part["$ref"].as_str() else {
                    continue;
                };
                let target = target.trim_start_matches("#/components/schemas/");
                if schemas[target]["type"] != "object" {
                    wrapped.push(format!("{name}.{field} -> {target}"));
                }
            }
        }
    }
    assert!(wrapped.is_empty(), "described enum fields: {wrapped:?}");
}

#[tokio::test]
async fn problems_are_written_in_the_language_accept_language_asks_for() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let problem_in = |accept: Option<&'static str>, path: String| {
        let mut request = browser().get(app.url(&path));
        if let Some(accept) = accept {
            request = request.header("Accept-Language", accept);
        }
        async move { request.send().await.unwrap() }
    };
    let (fr, es) = (
        Language::parse("fr").unwrap(),
        Language::parse("es").unwrap(),
    );

    let missing = format!("/api/v1/services/{}", uuid::Uuid::nil());
    let french = problem_in(Some("fr-CH, fr;q=0.9, en;q=0.5"), missing.clone()).await;
    assert_eq!(french.headers()["content-language"], "fr");
    assert!(
        french
            .headers()
            .get_all("vary")
            .iter()
            .any(|v| v.to_str().unwrap().contains("accept-language"))
    );
    let french = assert_problem(french, StatusCode::NOT_FOUND).await;
    assert_eq!(
        french["title"],
        catalogue::text(&fr, "problem-title-not-found")
    );
    assert_eq!(
        french["detail"],
        catalogue::text_with(&fr, "problem-not-found", [("what", "service".into())])
    );
    let english = assert_problem(problem_in(None, missing).await, StatusCode::NOT_FOUND).await;
    assert_eq!(english["title"], "Not found");
    assert_eq!(english["detail"], "There is no such service.");
    assert_ne!(english["detail"], french["detail"]);

    // A refusal of the domain, worded as the pages word it.
    let slots = format!("/api/v1/services/{}/slots?zone=Mars/Olympus", service.id);
    let spanish = assert_problem(
        problem_in(Some("es"), slots).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        spanish["title"],
        catalogue::text(&es, "problem-title-refused")
    );
    assert_eq!(
        spanish["detail"],
        catalogue::text_with(
            &es,
            "h-book-err-unknown-zone",
            [("zone", "\"Mars/Olympus\"".into())]
        )
    );
    assert_ne!(spanish["title"], "Request refused");
}
