//! The waitlist over HTTP: a customer joins for the hour someone else booked, the booking is
//! cancelled, the worker holds the place for them and mails them, they book it from the
//! mailed link; the form says what is wrong next to the field; leaving is one click.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use domain::Zone;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{TestApp, location, page, settings_in, spawn_with, submit};

/// The app with a waitlist worker that runs every second.
async fn app() -> TestApp {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let mut settings = settings_in(dir.path());
    settings.workers.waitlist_interval_seconds = 1;
    spawn_with(settings, dir).await
}

/// The join form's fields for the hour starting at `start`, as Paris clocks read it.
fn the_hour_of(start: &str) -> Vec<(&'static str, String)> {
    let paris = Zone::parse("Europe/Paris").unwrap();
    let start: DateTime<Utc> = start.parse().unwrap();
    let from = paris.wall_clock(start);
    let until = paris.wall_clock(start + TimeDelta::hours(1));
    vec![
        ("first_day", from.date().to_string()),
        ("last_day", from.date().to_string()),
        ("from", from.format("%H:%M").to_string()),
        ("until", until.format("%H:%M").to_string()),
        ("zone", "Europe/Paris".to_owned()),
    ]
}

fn fields<'a>(pairs: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    pairs.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn a_cancelled_hour_is_held_for_the_customer_waiting_and_booked_from_the_mailed_link() {
    let app = app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("first@example.org").await;
    app.customer("waiting@example.org").await;
    let first = app.logged_in("first@example.org").await;
    let waiting = app.logged_in("waiting@example.org").await;
    let from = Utc::now() + TimeDelta::days(2);
    let start = app.first_free_slot_from(&first, &service, Some(from)).await;
    let booked: Value = app
        .book(&first, &service, &start, None)
        .await
        .json()
        .await
        .unwrap();
    let booked_id = booked["id"].as_str().unwrap().to_owned();

    let form_path = format!("/services/{}/waitlist", service.id);
    let window = the_hour_of(&start);
    let joined = submit(&waiting, &app, &form_path, &form_path, &fields(&window)).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&joined), "/waitlist?done=joined");
    let list = page(&waiting, &app, "/waitlist", StatusCode::OK).await;
    assert!(
        list.contains("Haircut") && list.contains("Leave the waitlist"),
        "{list}"
    );
    let again = submit(&waiting, &app, &form_path, &form_path, &fields(&window)).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("already on the waitlist")
    );

    let cancelled = first
        .post(app.url(&format!("/api/v1/appointments/{booked_id}/cancel")))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);

    let mails = app
        .outbox_until(|mails| mails.iter().any(|m| m.contains("A place freed up")))
        .await;
    let offer = mails
        .iter()
        .find(|m| m.contains("A place freed up"))
        .expect("a hold offer mail");
    assert!(offer.contains("waiting@example.org"), "{offer}");
    let unfolded = offer.replace("=\r\n", "").replace("=\n", "");
    let at = unfolded.find("/appointments/").unwrap();
    let hold_path: String = unfolded[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '-')
        .collect();

    // Nobody else can book the held hour meanwhile.
    let taken = app.book(&first, &service, &start, None).await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let held = page(&waiting, &app, &hold_path, StatusCode::OK).await;
    assert!(held.contains("Held for you until"), "{held}");
    let stranger_view = page(&first, &app, &hold_path, StatusCode::FORBIDDEN).await;
    assert!(!stranger_view.contains("Book this place"));

    let accepted = submit(
        &waiting,
        &app,
        &hold_path,
        &format!("{hold_path}/hold"),
        &[("change", "accept"), ("zone", "Europe/Paris")],
    )
    .await;
    assert_eq!(accepted.status(), StatusCode::SEE_OTHER);
    let shown = page(&waiting, &app, &location(&accepted), StatusCode::OK).await;
    assert!(shown.contains("The place is yours"), "{shown}");
    assert!(shown.contains("confirmed"), "{shown}");
    let mails = app
        .outbox_until(|mails| {
            mails
                .iter()
                .filter(|m| m.contains("Booked") || m.contains("New booking"))
                .count()
                >= 2
        })
        .await;
    assert!(
        mails
            .iter()
            .any(|m| m.contains("New booking") && m.contains("salon@example.org")),
        "the provider hears of the booking"
    );
    let list = page(&waiting, &app, "/waitlist", StatusCode::OK).await;
    assert!(list.contains("You are not waiting for anything"), "{list}");
}

#[tokio::test]
async fn the_join_form_says_what_is_wrong_next_to_the_field_and_leaving_takes_one_click() {
    let app = app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("waiting@example.org").await;
    let waiting = app.logged_in("waiting@example.org").await;
    let form_path = format!("/services/{}/waitlist", service.id);
    let form = page(&waiting, &app, &form_path, StatusCode::OK).await;
    assert!(form.contains("Join the waitlist"), "{form}");

    let day = (Utc::now() + TimeDelta::days(3)).date_naive().to_string();
    let mut backwards = vec![
        ("first_day", day.clone()),
        ("last_day", day.clone()),
        ("from", "12:00".to_owned()),
        ("until", "09:00".to_owned()),
        ("zone", "Europe/Paris".to_owned()),
    ];
    let refused = submit(&waiting, &app, &form_path, &form_path, &fields(&backwards)).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains("id=\"times-error\""), "{refused}");
    assert!(
        refused.contains("value=\"12:00\""),
        "the typed values stay: {refused}"
    );

    // A window with no free hour: the provider is closed at night.
    backwards[2].1 = "01:00".to_owned();
    backwards[3].1 = "02:00".to_owned();
    let joined = submit(&waiting, &app, &form_path, &form_path, &fields(&backwards)).await;
    assert_eq!(joined.status(), StatusCode::SEE_OTHER);
    let list = page(&waiting, &app, "/waitlist", StatusCode::OK).await;
    let at = list.find("/waitlist/").unwrap();
    let leave: String = list[at..].chars().take_while(|c| *c != '"').collect();
    let left = submit(&waiting, &app, "/waitlist", &leave, &[]).await;
    assert_eq!(location(&left), "/waitlist?done=left");
    let list = page(&waiting, &app, "/waitlist", StatusCode::OK).await;
    assert!(list.contains("You are not waiting for anything"), "{list}");
}
