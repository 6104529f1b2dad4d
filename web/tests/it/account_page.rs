//! The account page: profile and password.

use reqwest::StatusCode;

use crate::helpers::{PASSWORD, location, page, spawn_app, submit};

#[tokio::test]
async fn a_user_changes_their_zone_and_dashboard_times_follow() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let form = page(&casey, &app, "/account", StatusCode::OK).await;
    assert!(form.contains(r#"value="Europe/London""#));
    assert!(
        form.contains(r#"<option value="Asia/Tokyo">"#),
        "zone suggestions"
    );
    let saved = submit(
        &casey,
        &app,
        "/account",
        "/account",
        &[
            ("name", "Casey C."),
            ("phone", "+44 20 1234 5678"),
            ("zone", "Asia/Tokyo"),
        ],
    )
    .await;
    assert_eq!(location(&saved), "/account?done=profile");
    let dashboard = page(&casey, &app, "/dashboard", StatusCode::OK).await;
    assert!(dashboard.contains("Asia/Tokyo"));
}

#[tokio::test]
async fn an_invalid_profile_is_not_saved_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let response = submit(
        &casey,
        &app,
        "/account",
        "/account",
        &[
            ("name", "Casey"),
            ("zone", "Mars/Olympus"),
            ("calendar_email", "c@gmail.com"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="zone-error""#));
    assert!(html.contains(r#"value="Mars/Olympus""#));
    let form = page(&casey, &app, "/account", StatusCode::OK).await;
    assert!(form.contains(r#"value="Europe/London""#), "unchanged");
}

#[tokio::test]
async fn the_password_changes_only_with_the_current_one() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let wrong = submit(
        &casey,
        &app,
        "/account",
        "/account/password",
        &[("current", "not it at all"), ("new", "a brand new secret")],
    )
    .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong
            .text()
            .await
            .unwrap()
            .contains("not your current password")
    );
    let changed = submit(
        &casey,
        &app,
        "/account",
        "/account/password",
        &[("current", PASSWORD), ("new", "a brand new secret")],
    )
    .await;
    assert_eq!(location(&changed), "/account?done=password");
    let login = crate::helpers::browser()
        .post(app.url("/api/v1/session"))
        .json(&serde_json::json!({"email": "casey@example.org", "password": "a brand new secret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::OK);
}

#[tokio::test]
async fn signed_in_navigation_depends_on_the_role() {
    let app = spawn_app().await;
    app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let provider_nav = page(&salon, &app, "/", StatusCode::OK).await;
    assert!(provider_nav.contains(r#"href="/provider/schedule""#));
    assert!(provider_nav.contains(r#"href="/dashboard""#));
    let customer_nav = page(&casey, &app, "/", StatusCode::OK).await;
    assert!(customer_nav.contains(r#"href="/dashboard""#));
    assert!(!customer_nav.contains(r#"href="/provider/schedule""#));
    assert!(customer_nav.contains(r#"action="/logout""#));
}
