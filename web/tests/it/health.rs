//! Liveness and readiness.

use reqwest::StatusCode;

use crate::helpers::{browser, spawn_app};

#[tokio::test]
async fn healthz_and_readyz_answer_ok() {
    let app = spawn_app().await;
    let client = browser();
    for path in ["/healthz", "/readyz"] {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn the_stylesheet_and_script_are_served_by_the_binary() {
    let app = spawn_app().await;
    let client = browser();
    let css = client.get(app.url("/assets/app.css")).send().await.unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    let js = client.get(app.url("/assets/app.js")).send().await.unwrap();
    assert!(
        js.text()
            .await
            .unwrap()
            .contains("resolvedOptions().timeZone")
    );
}

#[tokio::test]
async fn the_openapi_document_and_swagger_ui_are_served() {
    let app = spawn_app().await;
    let client = browser();
    let spec: serde_json::Value = client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(spec["paths"]["/services/{id}/slots"].is_object(), "{spec}");
    assert!(spec["paths"]["/appointments"]["post"].is_object());
    let docs = client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), StatusCode::OK);
}
