//! Personal API tokens: created on the account page, accepted by the JSON API as
//! `Authorization: Bearer`, refused once revoked, and acting only as their owner.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::helpers::{
    TestApp, assert_problem, book_first, browser, form_token, location, page, spawn_app, submit,
};

/// The value of the `<input id="{id}" ... value="...">` in `html`.
fn input_value(html: &str, id: &str) -> String {
    let start = html
        .find(&format!(r#"id="{id}""#))
        .unwrap_or_else(|| panic!("an input {id}"));
    let marker = r#"value=""#;
    let value = start + html[start..].find(marker).unwrap() + marker.len();
    let end = value + html[value..].find('"').unwrap();
    html[value..end].to_owned()
}

/// Creates a token named `name` on the account page of `client`; returns its secret.
pub(crate) async fn create_token(app: &TestApp, client: &Client, name: &str) -> String {
    let response = submit(
        client,
        app,
        "/account",
        "/account/api-tokens",
        &[("name", name)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("cache-control").unwrap(),
        "no-store",
        "the page with the secret is not cached"
    );
    let html = response.text().await.unwrap();
    let secret = input_value(&html, "new-token");
    assert!(secret.starts_with("bys_"), "{secret}");
    secret
}

/// A client without cookies: only the bearer token speaks for it.
fn program() -> Client {
    browser()
}

#[tokio::test]
async fn a_token_from_the_account_page_lists_and_books_appointments_without_a_session() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    let casey = app.customer("casey@example.org").await;
    let secret = create_token(&app, &app.logged_in("casey@example.org").await, "Script").await;

    let me: Value = program()
        .get(app.url("/api/v1/session"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], casey.id.to_string());
    let start = app.first_free_slot(&program(), &service).await;
    let booked = program()
        .post(app.url("/api/v1/appointments"))
        .bearer_auth(&secret)
        .json(&serde_json::json!({"service_id": service.id.to_string(), "start": start}))
        .send()
        .await
        .unwrap();
    assert_eq!(booked.status(), StatusCode::CREATED, "no CSRF token needed");
    let booked: Value = booked.json().await.unwrap();
    assert_eq!(booked["customer_id"], casey.id.to_string());
    let mine: Value = program()
        .get(app.url("/api/v1/appointments"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_eq!(mine[0]["id"], booked["id"]);
}

#[tokio::test]
async fn the_account_page_lists_tokens_with_their_last_use_but_never_the_secret_again() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let secret = create_token(&app, &casey, "Nightly export").await;
    let before = page(&casey, &app, "/account", StatusCode::OK).await;
    assert!(before.contains("Nightly export") && before.contains("Never used"));
    program()
        .get(app.url("/api/v1/appointments"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    let after = page(&casey, &app, "/account", StatusCode::OK).await;
    assert!(after.contains("Last used"), "the use is recorded");
    assert!(!after.contains(&secret), "the secret is shown once only");
}

#[tokio::test]
async fn a_revoked_token_and_a_made_up_one_get_a_401_problem() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let secret = create_token(&app, &casey, "Old laptop").await;
    let html = page(&casey, &app, "/account", StatusCode::OK).await;
    let start = html.find("/account/api-tokens/").unwrap();
    let action = &html[start..start + html[start..].find('"').unwrap()];
    assert!(action.ends_with("/revoke"), "{action}");
    let revoked = submit(&casey, &app, "/account", action, &[]).await;
    assert_eq!(revoked.status(), StatusCode::SEE_OTHER);
    assert!(location(&revoked).starts_with("/account?done=token-revoked"));

    let refused = program()
        .get(app.url("/api/v1/appointments"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    let body = assert_problem(refused, StatusCode::UNAUTHORIZED).await;
    assert!(
        body["detail"].as_str().unwrap().contains("revoked"),
        "{body}"
    );
    let made_up = format!("bys_{}", "0".repeat(64));
    for token in [made_up.as_str(), "not-even-a-token"] {
        let refused = program()
            .get(app.url("/api/v1/appointments"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_problem(refused, StatusCode::UNAUTHORIZED).await;
    }
    let listed = page(&casey, &app, "/account", StatusCode::OK).await;
    assert!(
        !listed.contains("Old laptop"),
        "revoked tokens leave the list"
    );
}

#[tokio::test]
async fn customer_as_token_cannot_read_or_revoke_what_is_customer_bs() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("paris@example.org").await;
    app.customer("a@example.org").await;
    app.customer("b@example.org").await;
    let a = app.logged_in("a@example.org").await;
    let b = app.logged_in("b@example.org").await;
    let a_secret = create_token(&app, &a, "A script").await;
    create_token(&app, &b, "B script").await;
    let b_appointment = book_first(&app, &b, &service).await;

    let read = program()
        .get(app.url(&format!("/api/v1/appointments/{b_appointment}")))
        .bearer_auth(&a_secret)
        .send()
        .await
        .unwrap();
    assert_problem(read, StatusCode::FORBIDDEN).await;

    let b_page = page(&b, &app, "/account", StatusCode::OK).await;
    let start = b_page.find("/account/api-tokens/").unwrap();
    let b_revoke = &b_page[start..start + b_page[start..].find('"').unwrap()];
    let attempt = submit(&a, &app, "/account", b_revoke, &[]).await;
    assert_eq!(attempt.status(), StatusCode::NOT_FOUND);
    let still = page(&b, &app, "/account", StatusCode::OK).await;
    assert!(still.contains("B script"), "B keeps the token");
}

#[tokio::test]
async fn a_blank_name_is_refused_beside_the_field_and_a_form_without_csrf_is_refused() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let blank = submit(
        &casey,
        &app,
        "/account",
        "/account/api-tokens",
        &[("name", " ")],
    )
    .await;
    assert_eq!(blank.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = blank.text().await.unwrap();
    assert!(
        html.contains(r#"id="token-name-error""#),
        "message beside the field"
    );
    assert!(!html.contains(r#"id="new-token""#), "no token made");

    form_token(&casey, &app, "/account").await;
    let forged = casey
        .post(app.url("/account/api-tokens"))
        .form(&[("name", "Forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let listed = page(&casey, &app, "/account", StatusCode::OK).await;
    assert!(!listed.contains("Forged"));
}

#[tokio::test]
async fn the_openapi_document_declares_the_cookie_and_the_bearer_token() {
    let app = spawn_app().await;
    let spec: Value = browser()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let schemes = &spec["components"]["securitySchemes"];
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["api_token"]["type"], "http");
    assert_eq!(schemes["api_token"]["scheme"], "bearer");
    let security = spec["paths"]["/appointments"]["get"]["security"].to_string();
    assert!(
        security.contains("session") && security.contains("api_token"),
        "{security}"
    );
}

#[tokio::test]
async fn a_token_is_kept_in_the_database_across_a_restart() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let secret = create_token(&app, &app.logged_in("casey@example.org").await, "Cron").await;
    let app = app.restart().await;
    let response = program()
        .get(app.url("/api/v1/appointments"))
        .bearer_auth(&secret)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}
