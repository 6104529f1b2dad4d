//! Sign-up, login, logout, CSRF and throttling through the pages.

use reqwest::{Client, Response, StatusCode};

use crate::helpers::{PASSWORD, TestApp, browser, form_token, spawn_app};

fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("bys_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_owned())
}

async fn who(app: &TestApp, client: &Client) -> StatusCode {
    client
        .get(app.url("/api/v1/session"))
        .send()
        .await
        .unwrap()
        .status()
}

async fn register(app: &TestApp, client: &Client, token: &str, email: &str) -> Response {
    client
        .post(app.url("/register"))
        .form(&[
            ("csrf_token", token),
            ("role", "customer"),
            ("accept_privacy", "on"),
            ("name", "Robin Register"),
            ("email", email),
            ("password", PASSWORD),
            ("zone", "Europe/Paris"),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_visitor_registers_logs_out_and_logs_back_in() {
    let app = spawn_app().await;
    let client = browser();

    let form = client.get(app.url("/register")).send().await.unwrap();
    let anonymous = session_cookie(&form).expect("a session for the form");
    let token = crate::helpers::csrf_token(&form.text().await.unwrap());
    let registered = register(&app, &client, &token, "robin@example.org").await;
    assert_eq!(registered.status(), StatusCode::SEE_OTHER);
    let logged_in = session_cookie(&registered).expect("a new session");
    assert_ne!(anonymous, logged_in, "the session id changes at login");
    assert_eq!(who(&app, &client).await, StatusCode::OK);

    let token = form_token(&client, &app, "/").await;
    let out = client
        .post(app.url("/logout"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(who(&app, &client).await, StatusCode::UNAUTHORIZED);

    let token = form_token(&client, &app, "/login").await;
    let back = client
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "Robin@Example.org"),
            ("password", PASSWORD),
            ("next", "/search"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    assert_eq!(back.headers()["location"], "/search");
    assert_eq!(who(&app, &client).await, StatusCode::OK);
}

#[tokio::test]
async fn a_form_posted_without_its_csrf_token_is_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let client = browser();
    let _ = form_token(&client, &app, "/register").await;

    let without = client
        .post(app.url("/register"))
        .form(&[
            ("role", "customer"),
            ("accept_privacy", "on"),
            ("name", "Mallory"),
            ("email", "mallory@example.org"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    let forged = register(&app, &client, "0000", "mallory@example.org").await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    let login = browser()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": "mallory@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        login.status(),
        StatusCode::UNAUTHORIZED,
        "no account was created"
    );
}

#[tokio::test]
async fn invalid_sign_up_fields_get_messages_and_keep_their_values() {
    let app = spawn_app().await;
    let client = browser();
    let token = form_token(&client, &app, "/register").await;
    let response = client
        .post(app.url("/register"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("role", "customer"),
            ("accept_privacy", "on"),
            ("name", "Kept Name"),
            ("email", "not-an-email"),
            ("password", "short"),
            ("zone", "Mars/Olympus"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    for id in ["email-error", "password-error", "zone-error"] {
        assert!(html.contains(&format!(r#"id="{id}""#)), "{id} missing");
    }
    assert!(!html.contains(r#"id="name-error""#));
    assert!(html.contains(r#"value="Kept Name""#));
    assert!(html.contains(r#"value="not-an-email""#));
    assert!(!html.contains("short"), "the password is never sent back");
}

#[tokio::test]
async fn a_taken_email_is_reported_next_to_the_field() {
    let app = spawn_app().await;
    app.customer("taken@example.org").await;
    let client = browser();
    let token = form_token(&client, &app, "/register").await;
    let response = register(&app, &client, &token, "taken@example.org").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("already exists"));
}

#[tokio::test]
async fn logins_are_throttled_after_repeated_failures_for_an_account() {
    let app = spawn_app().await;
    let client = browser();
    let attempt = || async {
        client
            .post(app.url("/api/v1/session"))
            .json(&serde_json::json!({"email": "nobody@example.org", "password": "wrong password"}))
            .send()
            .await
            .unwrap()
            .status()
    };
    for _ in 0..5 {
        assert_eq!(attempt().await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(attempt().await, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn a_wrong_password_on_the_login_page_says_so_and_keeps_the_email() {
    let app = spawn_app().await;
    app.customer("kim@example.org").await;
    let client = browser();
    let token = form_token(&client, &app, "/login").await;
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "kim@example.org"),
            ("password", "not the password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let html = response.text().await.unwrap();
    assert!(html.contains("Wrong email address or password"));
    assert!(html.contains(r#"value="kim@example.org""#));
}
