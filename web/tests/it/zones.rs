//! Current time-zone rules (tzdb 2026f) on every surface: slots, the booking, its mail and .ics.

use std::process::Command;

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{browser, spawn_app};

#[tokio::test]
async fn a_vancouver_provider_open_nine_to_noon_offers_utc_minus_seven_starts_in_december_2026() {
    let app = spawn_app().await;
    let (_, service) = app
        .provider_in(
            "America/Vancouver",
            "physio@example.org",
            ("09:00", "12:00"),
        )
        .await;

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
            .find(|m| m.contains("To: \"Salon Test\" <physio@example.org>"))
            .cloned()
    };
    let mails = app.outbox_until(|m| to_provider(m).is_some()).await;
    let mail = to_provider(&mails).expect("the provider's booking mail");
    assert!(
        mail.contains("Tuesday, 15 December 2026 at 09:00"),
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

fn bys_tzdb(folder: &std::path::Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_bys"))
        .arg("tzdb")
        .env("BYS_TIME__TZDB_PATH", folder)
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn bys_tzdb_names_the_rules_in_use_and_prefers_a_newer_tzdb_folder() {
    let bundled = domain::zone::bundled_version();
    let missing = bys_tzdb(std::path::Path::new("/nonexistent/zoneinfo"));
    assert!(
        missing.starts_with(&format!("tzdb {bundled} (")),
        "{missing}"
    );
    assert!(missing.contains("compiled into the binary"), "{missing}");

    let newer = tempfile::tempdir().unwrap();
    std::fs::write(newer.path().join("tzdata.zi"), "# version 2099a\n").unwrap();
    std::fs::create_dir(newer.path().join("Asia")).unwrap();
    std::fs::copy(
        "/usr/share/zoneinfo/Asia/Tokyo",
        newer.path().join("Asia/Tokyo"),
    )
    .unwrap();
    let used = bys_tzdb(newer.path());
    assert!(
        used.starts_with(&format!("tzdb 2099a (1 zones), {}", newer.path().display())),
        "{used}"
    );
    assert!(
        used.contains(&format!("compiled into the binary: tzdb {bundled}")),
        "{used}"
    );
}
