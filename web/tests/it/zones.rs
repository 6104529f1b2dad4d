//! Current time-zone rules (tzdb 2026f) on every surface: slots, the booking, its mail and .ics.

use domain::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{PASSWORD, browser, spawn_app};

#[tokio::test]
async fn a_vancouver_provider_open_nine_to_noon_offers_utc_minus_seven_starts_in_december_2026() {
    let app = spawn_app().await;
    let provider = app
        .seeder
        .user(
            Role::Provider,
            "physio@example.org",
            "Vancouver Physio",
            "America/Vancouver",
            PASSWORD,
        )
        .await
        .unwrap();
    app.seeder
        .hours(&provider, &[0, 1, 2, 3, 4, 5, 6], "09:00", "12:00")
        .await
        .unwrap();
    let service = app
        .seeder
        .service(&provider, "Physio", "One hour.", 60, "80", "CAD", None)
        .await
        .unwrap();

    let slots: Value = browser()
        .get(app.url(&format!("/api/v1/services/{}/slots", service.id)))
        .query(&[
            ("from", "2026-12-15T00:00:00Z"),
            ("to", "2026-12-16T00:00:00Z"),
            ("zone", "America/Vancouver"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let starts: Vec<&str> = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .filter(|s| s.starts_with("2026-12-15"))
        .collect();
    assert_eq!(
        starts,
        [
            "2026-12-15T16:00:00+00:00",
            "2026-12-15T17:00:00+00:00",
            "2026-12-15T18:00:00+00:00"
        ],
        "09:00, 10:00 and 11:00 at UTC-7 (tzdb 2025b said UTC-8: 17:00Z, 18:00Z, 19:00Z)"
    );
    let first = &slots["slots"][0];
    assert_eq!(first["local_start"], "2026-12-15T09:00:00-07:00");
    assert_eq!(first["zone_abbreviation"], "MST");

    app.customer("casey@example.org").await;
    let casey = app.logged_in("casey@example.org").await;
    let booked = app.book(&casey, &service, starts[0], None).await;
    assert_eq!(booked.status(), StatusCode::CREATED);
    let id = booked.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let to_provider = |mails: &[String]| {
        mails
            .iter()
            .find(|m| m.contains("To: \"Vancouver Physio\" <physio@example.org>"))
            .cloned()
    };
    let mails = app.outbox_until(|m| to_provider(m).is_some()).await;
    let mail = to_provider(&mails).expect("the provider's booking mail");
    assert!(
        mail.contains("Tuesday 15 December 2026, 09:00"),
        "the provider reads 09:00 local: {mail}"
    );
    assert!(mail.contains("America/Vancouver, MST"), "{mail}");
    assert!(mail.contains("DTSTART:20261215T160000Z"), "{mail}");

    let ics = app
        .logged_in("physio@example.org")
        .await
        .get(app.url(&format!("/appointments/{id}.ics")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains("DTSTART:20261215T160000Z"),
        "09:00 in Vancouver is 16:00 UTC: {ics}"
    );
}
