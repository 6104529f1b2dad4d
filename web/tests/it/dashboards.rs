//! Dashboards and what the parties of an appointment do with it through the pages.

use reqwest::StatusCode;

use crate::helpers::{book_first, location, page, spawn_app, submit};

#[tokio::test]
async fn a_customer_sees_their_booking_on_the_dashboard_and_cancels_it_with_a_reason() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let id = book_first(&app, &casey, &service).await;

    let dashboard = page(&casey, &app, "/dashboard", StatusCode::OK).await;
    assert!(dashboard.contains("Your appointments"));
    assert!(dashboard.contains("Haircut"));
    assert!(
        dashboard.contains(&format!("/appointments/{id}")),
        "links to the appointment"
    );
    assert!(
        dashboard.contains("Europe/London"),
        "times name the customer's zone"
    );

    let response = submit(
        &casey,
        &app,
        "/dashboard",
        &format!("/appointments/{id}/cancel"),
        &[("reason", "I am ill"), ("back", "dashboard")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/dashboard?done=cancelled");

    let shown = page(&casey, &app, &format!("/appointments/{id}"), StatusCode::OK).await;
    assert!(shown.contains("Cancelled appointment"));
    assert!(shown.contains("I am ill"), "the reason is kept");
    assert!(
        !shown.contains("Cancel this appointment"),
        "no second cancel"
    );
}

#[tokio::test]
async fn the_provider_confirms_a_request_and_cancels_with_a_reason() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    // Bookings wait for confirmation: the policy form without auto-confirm.
    let saved = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/policy",
        &[
            ("notice_minutes", "60"),
            ("horizon_days", "90"),
            ("slot_step", ""),
            ("cutoff_hours", "12"),
        ],
    )
    .await;
    assert_eq!(location(&saved), "/provider/schedule?done=policy");
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let id = book_first(&app, &casey, &service).await;

    let agenda = page(&salon, &app, "/dashboard", StatusCode::OK).await;
    assert!(agenda.contains("Your agenda"));
    assert!(agenda.contains("This week"));
    // The hour is placed in the week's time grid: 60 minutes are twelve five-minute rows.
    assert!(
        agenda.contains("--span: 12\"") && agenda.contains("style=\"--row: "),
        "{agenda}"
    );
    assert!(agenda.contains("awaiting confirmation"));
    assert!(
        agenda.contains("for Casey Customer"),
        "the customer is named"
    );
    let confirmed = submit(
        &salon,
        &app,
        "/dashboard",
        &format!("/appointments/{id}/status"),
        &[("change", "confirm"), ("back", "dashboard")],
    )
    .await;
    assert_eq!(confirmed.status(), StatusCode::SEE_OTHER);
    let shown = page(&salon, &app, &format!("/appointments/{id}"), StatusCode::OK).await;
    assert!(shown.contains(">confirmed<"), "{shown}");

    let cancelled = submit(
        &salon,
        &app,
        &format!("/appointments/{id}"),
        &format!("/appointments/{id}/cancel"),
        &[("reason", "Closed for a funeral")],
    )
    .await;
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
    let customer_view = page(&casey, &app, &format!("/appointments/{id}"), StatusCode::OK).await;
    assert!(customer_view.contains("Closed for a funeral"));
}

#[tokio::test]
async fn an_appointment_that_has_not_started_cannot_be_marked_completed() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let id = book_first(&app, &casey, &service).await;
    let salon = app.logged_in("salon@example.org").await;
    let response = submit(
        &salon,
        &app,
        "/dashboard",
        &format!("/appointments/{id}/status"),
        &[("change", "complete")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("has not started yet")
    );
}

#[tokio::test]
async fn a_customer_moves_a_booking_through_the_slot_picker() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let id = book_first(&app, &casey, &service).await;

    let appointment = page(&casey, &app, &format!("/appointments/{id}"), StatusCode::OK).await;
    assert!(
        appointment.contains(&format!("reschedule={id}")),
        "offers the picker"
    );
    let picker = page(
        &casey,
        &app,
        &format!("/services/{}?reschedule={id}", service.id),
        StatusCode::OK,
    )
    .await;
    assert!(picker.contains("Pick a new time"));
    let marker = format!("/appointments/{id}/reschedule?");
    let at = picker
        .find(&marker)
        .expect("slots lead to the reschedule form");
    let end = at + picker[at..].find('"').unwrap();
    let link = picker[at..end].replace("&amp;", "&");
    let query: Vec<(String, String)> =
        serde_urlencoded::from_str(link.split_once('?').unwrap().1).unwrap();
    let start = query.iter().find(|(k, _)| k == "start").unwrap().1.clone();

    let confirm = page(&casey, &app, &link, StatusCode::OK).await;
    assert!(confirm.contains("Move your appointment"));
    let response = submit(
        &casey,
        &app,
        &link,
        &format!("/appointments/{id}/reschedule"),
        &[("start", &start), ("zone", "Europe/London")],
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{}",
        location(&response)
    );
    assert!(location(&response).contains("done=rescheduled"));
}

#[tokio::test]
async fn a_customer_cannot_see_cancel_or_move_someone_elses_appointment() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("ann@example.org").await;
    app.customer("bob@example.org").await;
    let ann = app.logged_in("ann@example.org").await;
    let bob = app.logged_in("bob@example.org").await;
    let id = book_first(&app, &ann, &service).await;
    let start = app.first_free_slot(&bob, &service).await;

    page(
        &bob,
        &app,
        &format!("/appointments/{id}"),
        StatusCode::FORBIDDEN,
    )
    .await;
    page(
        &bob,
        &app,
        &format!("/appointments/{id}.ics"),
        StatusCode::FORBIDDEN,
    )
    .await;
    let cancel = submit(
        &bob,
        &app,
        "/dashboard",
        &format!("/appointments/{id}/cancel"),
        &[],
    )
    .await;
    assert_eq!(cancel.status(), StatusCode::FORBIDDEN);
    let reschedule = submit(
        &bob,
        &app,
        "/dashboard",
        &format!("/appointments/{id}/reschedule"),
        &[("start", &start)],
    )
    .await;
    assert_eq!(reschedule.status(), StatusCode::FORBIDDEN);
    let status = submit(
        &bob,
        &app,
        "/dashboard",
        &format!("/appointments/{id}/status"),
        &[("change", "confirm")],
    )
    .await;
    assert_eq!(status.status(), StatusCode::FORBIDDEN);
    let still = page(&ann, &app, &format!("/appointments/{id}"), StatusCode::OK).await;
    assert!(!still.contains("Cancelled appointment"), "nothing changed");
}

#[tokio::test]
async fn both_parties_download_the_appointment_as_an_ics_file() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let id = book_first(&app, &casey, &service).await;
    for client in [&casey, &app.logged_in("salon@example.org").await] {
        let response = client
            .get(app.url(&format!("/appointments/{id}.ics")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
        let body = response.text().await.unwrap();
        assert!(body.contains("BEGIN:VEVENT"));
        assert!(body.contains("Haircut"));
    }
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_log_in() {
    let app = spawn_app().await;
    let response = crate::helpers::browser()
        .get(app.url("/dashboard"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(location(&response).starts_with("/login?next="));
}

#[tokio::test]
async fn a_customer_past_the_cut_off_is_told_why_they_cannot_cancel() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    // Changes only until 30 days before: every booking in the next weeks is past it.
    let saved = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/policy",
        &[
            ("notice_minutes", "60"),
            ("horizon_days", "90"),
            ("cutoff_hours", "720"),
            ("auto_confirm", "on"),
        ],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let id = book_first(&app, &casey, &service).await;
    let response = submit(
        &casey,
        &app,
        &format!("/appointments/{id}"),
        &format!("/appointments/{id}/cancel"),
        &[("reason", "Changed my mind")],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains("It could not be cancelled"), "{html}");
    assert!(html.contains("720 hours before"), "{html}");
    assert!(html.contains("Changed my mind"), "the reason is kept");
}

#[tokio::test]
async fn an_invalid_policy_is_marked_per_field_and_not_saved() {
    let app = spawn_app().await;
    app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let response = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/policy",
        &[
            ("notice_minutes", "soon"),
            ("horizon_days", "90"),
            ("slot_step", "7"),
            ("cutoff_hours", "12"),
            ("hold_minutes", "5"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"id="notice_minutes-error""#));
    assert!(html.contains(r#"id="slot_step-error""#));
    assert!(html.contains(r#"id="hold_minutes-error""#));
    assert!(html.contains(r#"value="soon""#));
    let stored = page(&salon, &app, "/provider/schedule", StatusCode::OK).await;
    assert!(stored.contains(r#"name="notice_minutes" inputmode="numeric" value="60""#));
    assert!(stored.contains(r#"name="hold_minutes" inputmode="numeric" value="120""#));
}

#[tokio::test]
async fn the_hold_period_for_the_waitlist_is_saved_with_the_booking_rules() {
    let app = spawn_app().await;
    app.provider_with_service("salon@example.org").await;
    let salon = app.logged_in("salon@example.org").await;
    let saved = submit(
        &salon,
        &app,
        "/provider/schedule",
        "/provider/schedule/policy",
        &[
            ("notice_minutes", "60"),
            ("horizon_days", "90"),
            ("cutoff_hours", "12"),
            ("auto_confirm", "on"),
            ("hold_minutes", "45"),
        ],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let stored = page(&salon, &app, "/provider/schedule", StatusCode::OK).await;
    assert!(stored.contains(r#"name="hold_minutes" inputmode="numeric" value="45""#));
}
