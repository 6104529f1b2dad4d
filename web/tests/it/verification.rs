//! Email-address verification: the link in the welcome mail verifies once, the account page
//! shows the state and resends (at most once a minute), and a new address needs verifying
//! again.

use reqwest::{Client, StatusCode};

use crate::helpers::{PASSWORD, TestApp, browser, mailed_link, page, spawn_app, submit};
use crate::wiring::register;

const VERIFY: &str = "/account/verify/";

/// The account page's sentence about the address.
async fn email_state(client: &Client, app: &TestApp) -> String {
    let html = page(client, app, "/account", StatusCode::OK).await;
    let start = html.find(r#"id="email-state""#).expect("the email state");
    let end = start + html[start..].find("</p>").unwrap();
    html[start..end].to_owned()
}

async fn resend(client: &Client, app: &TestApp) -> reqwest::Response {
    submit(client, app, "/account", "/account/verification", &[]).await
}

#[tokio::test]
async fn the_link_in_the_welcome_mail_verifies_the_address_once() {
    let app = spawn_app().await;
    let client = browser();
    register(&app, &client, "robin@example.org").await;
    assert!(
        email_state(&client, &app)
            .await
            .contains("not verified yet")
    );
    let link = mailed_link(&app.outbox_mails(1).await, "robin@example.org", VERIFY);

    let verified = page(&client, &app, &link, StatusCode::OK).await;
    assert!(
        verified.contains("robin@example.org is verified"),
        "{verified}"
    );
    let state = email_state(&client, &app).await;
    assert!(state.contains("<strong>verified</strong>"), "{state}");

    // Used: a clear page with a way to get a new link, for the signed-in owner and for anyone.
    let again = page(&client, &app, &link, StatusCode::NOT_FOUND).await;
    assert!(
        again.contains("invalid, already used or expired"),
        "{again}"
    );
    assert!(again.contains(r#"action="/account/verification""#));
    let stranger = page(&browser(), &app, &link, StatusCode::NOT_FOUND).await;
    assert!(stranger.contains("Log in to get a new link"));
}

#[tokio::test]
async fn a_made_up_or_malformed_link_is_a_clear_not_found_page() {
    let app = spawn_app().await;
    let client = browser();
    for token in ["0".repeat(64), "not-a-token".to_owned()] {
        let html = page(
            &client,
            &app,
            &format!("{VERIFY}{token}"),
            StatusCode::NOT_FOUND,
        )
        .await;
        assert!(html.contains("invalid, already used or expired"), "{html}");
    }
}

#[tokio::test]
async fn the_account_page_resends_a_link_at_most_once_a_minute() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;

    let first = resend(&client, &app).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let link = mailed_link(&app.outbox_mails(1).await, "casey@example.org", VERIFY);
    let second = resend(&client, &app).await;
    assert_eq!(second.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        second
            .text()
            .await
            .unwrap()
            .contains("less than a minute ago")
    );

    page(&client, &app, &link, StatusCode::OK).await;
    let after = resend(&client, &app).await;
    assert_eq!(
        crate::helpers::location(&after),
        "/account?done=verified",
        "a verified address needs no link"
    );
    // The resend answers after the mailer took the mail, so the outbox is complete now.
    assert_eq!(app.outbox_until(|_| true).await.len(), 1, "no second mail");
}

#[tokio::test]
async fn a_new_address_needs_verifying_and_gets_its_own_link() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    let client = app.logged_in("casey@example.org").await;
    resend(&client, &app).await;
    let old_link = mailed_link(&app.outbox_mails(1).await, "casey@example.org", VERIFY);

    let wrong = submit(
        &client,
        &app,
        "/account",
        "/account/email",
        &[
            ("email", "casey.new@example.org"),
            ("password", "not my password"),
        ],
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
        &client,
        &app,
        "/account",
        "/account/email",
        &[("email", "casey.new@example.org"), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    let state = email_state(&client, &app).await;
    assert!(
        state.contains("casey.new@example.org") && state.contains("not verified yet"),
        "{state}"
    );
    // A link mailed to the old address no longer verifies anything.
    page(&client, &app, &old_link, StatusCode::NOT_FOUND).await;

    let mails = app.outbox_mails(2).await;
    let new_link = mailed_link(&mails, "casey.new@example.org", VERIFY);
    let verified = page(&client, &app, &new_link, StatusCode::OK).await;
    assert!(verified.contains("casey.new@example.org is verified"));
}

#[tokio::test]
async fn a_link_opened_while_signed_in_to_another_account_verifies_nothing() {
    let app = spawn_app().await;
    app.customer("casey@example.org").await;
    app.customer("robin@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    resend(&casey, &app).await;
    let link = mailed_link(&app.outbox_mails(1).await, "casey@example.org", VERIFY);

    let robin = app.logged_in("robin@example.org").await;
    let refused = page(&robin, &app, &link, StatusCode::FORBIDDEN).await;
    assert!(refused.contains("another account"), "{refused}");
    assert!(email_state(&casey, &app).await.contains("not verified yet"));
    assert!(email_state(&robin, &app).await.contains("not verified yet"));
}
