//! Verified reviews through the pages: a customer reviews a completed appointment, the
//! provider replies, someone reports it, staff hide it; ratings follow on every page.

use domain::{AppointmentStatus, ReviewId, Role};
use reqwest::StatusCode;

use crate::helpers::{
    TestApp, book_first, browser, completed_appointment, location, mailed_link, page,
    past_appointment, spawn_app, submit,
};

#[tokio::test]
async fn a_review_goes_from_completed_appointment_to_reply_report_and_hiding() {
    let app = spawn_app().await;
    let (provider, service) = app.provider_with_service("salon@example.org").await;
    let customer = app.customer("ann@example.org").await;
    app.staff(Role::Support, "support@example.org").await;
    let done = completed_appointment(&app, &service, &customer).await;
    let ann = app.logged_in("ann@example.org").await;
    let appointment_page = format!("/appointments/{}", done.id);
    let review_page = format!("{appointment_page}/review");

    let shown = page(&ann, &app, &appointment_page, StatusCode::OK).await;
    assert!(shown.contains("Write a review"), "{shown}");
    let refused = submit(
        &ann,
        &app,
        &review_page,
        &review_page,
        &[("text", "Lovely")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("stars-error") && body.contains("Lovely"),
        "{body}"
    );
    let written = submit(
        &ann,
        &app,
        &review_page,
        &review_page,
        &[("stars", "5"), ("text", "Lovely cut")],
    )
    .await;
    assert_eq!(written.status(), StatusCode::SEE_OTHER);
    assert!(location(&written).ends_with("done=reviewed"));

    let service_page = format!("/services/{}", service.id);
    let public = page(&browser(), &app, &service_page, StatusCode::OK).await;
    assert!(
        public.contains("Lovely cut") && public.contains("5.0"),
        "{public}"
    );
    assert!(public.contains("Reviews come only from customers who completed a booking."));
    assert!(
        !public.contains("/report"),
        "anonymous visitors get no report link"
    );
    let review_id = app
        .stores
        .reviews
        .by_appointment(done.id)
        .await
        .unwrap()
        .unwrap()
        .id;

    let salon = app.logged_in("salon@example.org").await;
    let replied = submit(
        &salon,
        &app,
        &appointment_page,
        &format!("/reviews/{review_id}/reply"),
        &[("text", "Thank you, Ann!")],
    )
    .await;
    assert_eq!(replied.status(), StatusCode::SEE_OTHER);
    let provider_page = page(
        &browser(),
        &app,
        &format!("/providers/{}", provider.id),
        StatusCode::OK,
    )
    .await;
    assert!(provider_page.contains("Thank you, Ann!"));

    report_and_hide(&app, review_id, &service_page).await;
}

/// Another customer reports review `id`; support staff hide it, after which `service_page`
/// neither shows it nor counts it.
async fn report_and_hide(app: &TestApp, review_id: ReviewId, service_page: &str) {
    let bob = {
        app.customer("bob@example.org").await;
        app.logged_in("bob@example.org").await
    };
    let report_page = format!("/reviews/{review_id}/report");
    let too_short = submit(&bob, app, &report_page, &report_page, &[("text", "x")]).await;
    assert_eq!(too_short.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let reported = submit(
        &bob,
        app,
        &report_page,
        &report_page,
        &[("text", "Names another customer")],
    )
    .await;
    assert_eq!(reported.status(), StatusCode::SEE_OTHER);
    let again = submit(
        &bob,
        app,
        &report_page,
        &report_page,
        &[("text", "Again please")],
    )
    .await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    let support = app.logged_in("support@example.org").await;
    let reports = page(&support, app, "/admin/reviews", StatusCode::OK).await;
    assert!(reports.contains("Names another customer"), "{reports}");
    let moderation = format!("/admin/reviews/{review_id}");
    let hidden = submit(
        &support,
        app,
        &moderation,
        &format!("{moderation}/hide"),
        &[("reason", "Personal data of a third person")],
    )
    .await;
    assert_eq!(hidden.status(), StatusCode::SEE_OTHER);
    let after = page(&browser(), app, service_page, StatusCode::OK).await;
    assert!(!after.contains("Lovely cut") && after.contains("No reviews yet"));
    let no_reports = page(&support, app, "/admin/reviews", StatusCode::OK).await;
    assert!(no_reports.contains("No open reports."));
    let audit = page(&support, app, "/admin/audit", StatusCode::OK).await;
    assert!(audit.contains("review.hide"));
}

#[tokio::test]
async fn an_upcoming_appointment_offers_no_review_and_refuses_one() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("ann@example.org").await;
    let ann = app.logged_in("ann@example.org").await;
    let upcoming = book_first(&app, &ann, &service).await;
    let shown = page(
        &ann,
        &app,
        &format!("/appointments/{upcoming}"),
        StatusCode::OK,
    )
    .await;
    assert!(!shown.contains("Write a review"));
    let review_page = format!("/appointments/{upcoming}/review");
    page(&ann, &app, &review_page, StatusCode::FORBIDDEN).await;
    let refused = submit(
        &ann,
        &app,
        &format!("/appointments/{upcoming}"),
        &review_page,
        &[("stars", "5")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("Only a completed appointment can be reviewed."),
        "{body}"
    );
}

#[tokio::test]
async fn search_sorts_by_rating_and_filters_by_minimum_rating() {
    let app = spawn_app().await;
    let (_, liked) = app.provider_with_service("liked@example.org").await;
    let (_, unrated) = app.provider_with_service("quiet@example.org").await;
    let customer = app.customer("ann@example.org").await;
    let done = completed_appointment(&app, &liked, &customer).await;
    let ann = app.logged_in("ann@example.org").await;
    let review_page = format!("/appointments/{}/review", done.id);
    let written = submit(&ann, &app, &review_page, &review_page, &[("stars", "4")]).await;
    assert_eq!(written.status(), StatusCode::SEE_OTHER);

    let filtered = page(
        &browser(),
        &app,
        "/search?min_rating=4&sort=rating",
        StatusCode::OK,
    )
    .await;
    assert!(filtered.contains(&liked.id.to_string()));
    assert!(!filtered.contains(&unrated.id.to_string()));
    assert!(filtered.contains("Rated 4.0 out of 5 from 1 review"));
    let home = page(&browser(), &app, "/", StatusCode::OK).await;
    assert!(home.contains("Rated 4.0 out of 5 from 1 review"));
}

#[tokio::test]
async fn the_api_writes_a_review_lists_it_publicly_and_refuses_bad_stars_as_a_problem() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let customer = app.customer("ann@example.org").await;
    let done = completed_appointment(&app, &service, &customer).await;
    let ann = app.logged_in("ann@example.org").await;
    let url = app.url(&format!("/api/v1/appointments/{}/review", done.id));

    let refused = ann
        .put(&url)
        .json(&serde_json::json!({ "stars": 6 }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let content_type = refused.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/problem+json"),
        "{content_type}"
    );

    let written = ann
        .put(&url)
        .json(&serde_json::json!({ "stars": 3, "text": "Fine" }))
        .send()
        .await
        .unwrap();
    assert_eq!(written.status(), StatusCode::OK);

    let listed: serde_json::Value = browser()
        .get(app.url(&format!("/api/v1/services/{}/reviews", service.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["rating_count"], 1);
    assert_eq!(listed["rating_average"], 3.0);
    assert_eq!(listed["items"][0]["text"], "Fine");
    assert_eq!(
        listed["verification"],
        "Reviews come only from customers who completed a booking."
    );
}

#[tokio::test]
async fn a_completion_mails_one_review_request_whose_link_turns_them_off() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    let customer = app.customer("ann@example.org").await;
    let past = past_appointment(&app, &service, &customer, AppointmentStatus::Confirmed).await;
    let salon = app.logged_in("salon@example.org").await;
    let shown = format!("/appointments/{}", past.id);
    let completed = submit(
        &salon,
        &app,
        &shown,
        &format!("{shown}/status"),
        &[("change", "complete")],
    )
    .await;
    assert_eq!(completed.status(), StatusCode::SEE_OTHER);

    let asks = |mails: &[String]| {
        mails
            .iter()
            .filter(|m| m.contains("Subject: How was"))
            .count()
    };
    let mails = app.outbox_until(|m| asks(m) >= 1).await;
    assert_eq!(asks(&mails), 1, "one review request, to the customer only");
    let request = mails
        .iter()
        .find(|m| m.contains("Subject: How was"))
        .unwrap();
    assert!(request.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    let unfolded = request.replace("=\r\n", "").replace("=\n", "");
    assert!(unfolded.contains(&format!("/appointments/{}/review", past.id)));
    let link = mailed_link(&mails, "ann@example.org", "/unsubscribe/review-requests/");
    let opted_in = || async {
        let user = app.stores.users.by_id(customer.id).await.unwrap().unwrap();
        user.review_requests
    };

    // Opening the link only asks (mail scanners open links).
    let mail_client = browser();
    let ask = page(&mail_client, &app, &link, StatusCode::OK).await;
    assert!(ask.contains("Stop review request emails"), "{ask}");
    assert!(opted_in().await);

    // A mail client's RFC 8058 one-click POST: no session, no CSRF token.
    let one_click = mail_client
        .post(app.url(&link))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(one_click.status(), StatusCode::OK);
    assert!(one_click.text().await.unwrap().contains("unsubscribe-done"));
    assert!(!opted_in().await);
    let again = mail_client.post(app.url(&link)).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert!(again.text().await.unwrap().contains("used already"));

    // The account page shows the setting and turns it back on.
    let ann = app.logged_in("ann@example.org").await;
    let account = page(&ann, &app, "/account", StatusCode::OK).await;
    assert!(
        account.contains(r#"id="review_requests" value="on">"#),
        "{account}"
    );
    let saved = submit(
        &ann,
        &app,
        "/account",
        "/account",
        &[
            ("name", customer.name.as_str()),
            ("zone", customer.zone.name()),
            ("review_requests", "on"),
        ],
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert!(opted_in().await);
}
