//! A provider's pages: services, schedule, and who may change them.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{location, page, spawn_app, submit};

const NEW_SERVICE: &[(&str, &str)] = &[
    ("name", "Beard trim"),
    ("description", "Hot towel included."),
    ("category", ""),
    ("duration", "30"),
    ("buffer_before", "0"),
    ("buffer_after", "10"),
    ("price", "12.50"),
    ("currency", "EUR"),
];

#[tokio::test]
async fn a_provider_creates_a_service_that_shows_on_their_public_page() {
    let app = spawn_app().await;
    let (provider, _) = app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let response = submit(
        &salon,
        &app,
        "/provider/services/new",
        "/provider/services",
        NEW_SERVICE,
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let list = page(&salon, &app, "/provider/services", StatusCode::OK).await;
    assert!(list.contains("Beard trim"));
    assert!(list.contains("12.50 EUR"));
    let at = list.find("/edit\"").expect("an edit link");
    let start = list[..at].rfind("/provider/services/").unwrap();
    let edit = page(&salon, &app, &list[start..at + 5], StatusCode::OK).await;
    assert!(
        edit.contains(r#"value="Beard trim""#),
        "the form shows the service"
    );
    assert!(
        edit.contains(r#"enctype="multipart/form-data""#),
        "with a photo form"
    );
    let public = page(
        &crate::helpers::browser(),
        &app,
        &format!("/providers/{}", provider.id),
        StatusCode::OK,
    )
    .await;
    assert!(public.contains("Beard trim") && public.contains("Haircut"));
}

#[tokio::test]
async fn an_invalid_service_form_keeps_the_values_and_marks_each_field() {
    let app = spawn_app().await;
    app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let mut fields = NEW_SERVICE.to_vec();
    fields.retain(|(k, _)| !matches!(*k, "duration" | "currency"));
    fields.push(("duration", "7"));
    fields.push(("currency", "XYZ"));
    let response = submit(
        &salon,
        &app,
        "/provider/services/new",
        "/provider/services",
        &fields,
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="duration-error""#));
    assert!(html.contains(r#"id="currency-error""#));
    assert!(html.contains(r#"value="Beard trim""#), "values are kept");
    let list = page(&salon, &app, "/provider/services", StatusCode::OK).await;
    assert!(!list.contains("Beard trim"), "nothing stored");
}

#[tokio::test]
async fn a_deactivated_service_leaves_the_public_page_but_stays_in_the_providers_list() {
    let app = spawn_app().await;
    let (provider, service) = app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let response = submit(
        &salon,
        &app,
        "/provider/services",
        &format!("/provider/services/{}/active", service.id),
        &[("active", "false")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let list = page(&salon, &app, "/provider/services", StatusCode::OK).await;
    assert!(list.contains("inactive"));
    let public = page(
        &crate::helpers::browser(),
        &app,
        &format!("/providers/{}", provider.id),
        StatusCode::OK,
    )
    .await;
    assert!(!public.contains("Haircut"));
    assert!(public.contains("no services to book right now"));
}

#[tokio::test]
async fn a_provider_cannot_edit_another_providers_service() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("one@example.org").await;
    app.provider_with_service("two@example.org").await;
    let two = app.logged_in("two@example.org").await;
    page(
        &two,
        &app,
        &format!("/provider/services/{}/edit", service.id),
        StatusCode::FORBIDDEN,
    )
    .await;
    let edit = submit(
        &two,
        &app,
        "/provider/services",
        &format!("/provider/services/{}", service.id),
        NEW_SERVICE,
    )
    .await;
    assert_eq!(edit.status(), StatusCode::FORBIDDEN);
    let deactivate = submit(
        &two,
        &app,
        "/provider/services",
        &format!("/provider/services/{}/active", service.id),
        &[("active", "false")],
    )
    .await;
    assert_eq!(deactivate.status(), StatusCode::FORBIDDEN);
    let public = page(
        &crate::helpers::browser(),
        &app,
        &format!("/services/{}", service.id),
        StatusCode::OK,
    )
    .await;
    assert!(public.contains("Haircut"), "unchanged and still offered");
}

#[tokio::test]
async fn a_customer_has_no_schedule_or_services_to_edit() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    for path in ["/provider/schedule", "/provider/services"] {
        let response = casey.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
    }
    let hours = submit(
        &casey,
        &app,
        "/dashboard",
        "/provider/schedule/hours",
        &[("d0_s0", "09:00"), ("d0_e0", "17:00")],
    )
    .await;
    assert_eq!(hours.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&hours), "/dashboard");
}

async fn local_starts(app: &crate::helpers::TestApp, service: &domain::Service) -> Vec<String> {
    let slots: Value = crate::helpers::browser()
        .get(app.url(&format!("/api/v1/services/{}/slots", service.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["local_start"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn weekly_hours_with_two_intervals_and_a_day_off_shape_the_free_slots() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let keys: Vec<[String; 4]> = (0..7)
        .map(|d| {
            [
                format!("d{d}_s0"),
                format!("d{d}_e0"),
                format!("d{d}_s1"),
                format!("d{d}_e1"),
            ]
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = Vec::new();
    for [s0, e0, s1, e1] in &keys {
        fields.extend([
            (s0.as_str(), "09:00"),
            (e0.as_str(), "10:00"),
            (s1.as_str(), "15:00"),
            (e1.as_str(), "16:00"),
        ]);
    }
    let saved = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/hours",
        &fields,
    )
    .await;
    assert_eq!(location(&saved), "/provider/schedule?done=hours");
    let editor = page(&salon, &app, "/provider/schedule", StatusCode::OK).await;
    assert!(
        editor.contains(r#"value="15:00""#),
        "the second interval is shown"
    );

    let starts = local_starts(&app, &service).await;
    assert!(!starts.is_empty());
    assert!(
        starts
            .iter()
            .all(|s| s.contains("T09:00:00") || s.contains("T15:00:00")),
        "{starts:?}"
    );

    let paris = domain::zone::Zone::parse("Europe/Paris").unwrap();
    let day_off = paris
        .date_of(chrono::Utc::now() + chrono::TimeDelta::days(3))
        .to_string();
    let added = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/overrides",
        &[("date", &day_off), ("kind", "closed")],
    )
    .await;
    assert_eq!(location(&added), "/provider/schedule?done=override");
    let editor = page(&salon, &app, "/provider/schedule", StatusCode::OK).await;
    assert!(
        editor.contains(&format!(r#"datetime="{day_off}""#)),
        "listed"
    );
    let starts = local_starts(&app, &service).await;
    assert!(!starts.is_empty());
    assert!(
        !starts.iter().any(|s| s.starts_with(&day_off)),
        "{starts:?}"
    );

    let removed = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/overrides",
        &[("date", &day_off), ("action", "remove")],
    )
    .await;
    assert_eq!(location(&removed), "/provider/schedule?done=override");
    let starts = local_starts(&app, &service).await;
    assert!(starts.iter().any(|s| s.starts_with(&day_off)));
}

#[tokio::test]
async fn overlapping_or_reversed_intervals_are_marked_on_their_row_and_nothing_is_saved() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let before = local_starts(&app, &service).await;
    let response = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/hours",
        &[
            ("d0_s0", "09:00"),
            ("d0_e0", "12:00"),
            ("d0_s1", "11:00"),
            ("d0_e1", "13:00"),
            ("d1_s0", "17:00"),
            ("d1_e0", "09:00"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"id="d0_1-error""#),
        "overlap on Monday's second row"
    );
    assert!(html.contains("overlaps"));
    assert!(
        html.contains(r#"id="d1_0-error""#),
        "reversed on Tuesday's row"
    );
    assert!(html.contains("must be before"));
    assert!(html.contains(r#"value="11:00""#), "values are kept");
    assert_eq!(local_starts(&app, &service).await, before, "nothing stored");
}
