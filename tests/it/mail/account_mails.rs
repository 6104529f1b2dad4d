//! Account mails through the whole app configured for SMTP: a visitor signs up on the page,
//! the real SMTP server receives the welcome mail, and the verification link in it (parsed
//! from the received text part) verifies the address.

use reqwest::StatusCode;
use web::settings::{MailTransport, SmtpSecuritySetting};
use web::startup::Stores;

use super::smtp_server::{ReceivedMail, SmtpServer};
use super::to;
use crate::app::{RunningApp, browser, settings_in};

/// The first `http` URL in `text` containing `/account/verify/`.
fn verify_link(text: &str) -> String {
    text.split_whitespace()
        .find(|word| word.starts_with("http") && word.contains("/account/verify/"))
        .expect("a verification link in the text part")
        .to_owned()
}

/// Waits (up to a generous limit) for the server to have received a mail for `address`.
async fn received_for(server: &SmtpServer, address: &str) -> ReceivedMail {
    for _ in 0..400 {
        if let Some(mail) = to(&server.received(), address).into_iter().next() {
            return mail;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no mail for {address}");
}

#[tokio::test]
async fn the_welcome_mail_received_over_smtp_carries_a_link_that_verifies_the_address() {
    let server = SmtpServer::start();
    let dir = tempfile::tempdir().unwrap();
    let mut settings = settings_in(dir.path());
    settings.mail.transport = MailTransport::Smtp;
    settings.mail.smtp.host = "127.0.0.1".to_owned();
    settings.mail.smtp.port = server.port;
    settings.mail.smtp.security = SmtpSecuritySetting::None;
    let app = RunningApp::start(dir, &settings, Stores::open(&settings).await.unwrap()).await;
    let base = app.base.clone();
    let client = browser();

    let signed_up = app
        .submit(
            &client,
            "/register",
            "/register",
            &[
                ("role", "customer"),
                ("accept_privacy", "on"),
                ("name", "Robin"),
                ("email", "robin@example.org"),
                ("password", "correct horse battery"),
                ("zone", "Europe/Paris"),
            ],
        )
        .await;
    assert_eq!(signed_up.status(), StatusCode::SEE_OTHER);

    let mail = received_for(&server, "robin@example.org").await;
    assert_eq!(mail.subject, "Welcome to Book Your Services, Robin");
    let link = verify_link(&mail.text);
    assert!(
        link.starts_with(&format!("{base}/account/verify/")),
        "{link}"
    );
    assert!(
        mail.html.contains(&format!("href=\"{link}\"")),
        "the HTML part has it too"
    );

    let verified = client.get(&link).send().await.unwrap();
    assert_eq!(verified.status(), StatusCode::OK);
    assert!(
        verified
            .text()
            .await
            .unwrap()
            .contains("robin@example.org is verified")
    );
    let reused = client.get(&link).send().await.unwrap();
    assert_eq!(reused.status(), StatusCode::NOT_FOUND);
}
