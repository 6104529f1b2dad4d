//! The appointment page when the provider moved the appointment's event in their own calendar:
//! the customer sees the proposed time and accepts it (or declines); the provider sees that it
//! waits for the customer.

use application::ports::MoveProposal;
use chrono::{DateTime, TimeDelta, Utc};
use domain::AppointmentId;
use reqwest::StatusCode;

use crate::helpers::{book_first, location, page, spawn_app, submit};

#[tokio::test]
async fn the_customer_accepts_a_move_the_provider_made_in_their_calendar_once() {
    let app = spawn_app().await;
    let (_, service) = app.provider_with_service("salon@example.org").await;
    app.customer("casey@example.org").await;
    let customer = app.logged_in("casey@example.org").await;
    let provider = app.logged_in("salon@example.org").await;
    let id = book_first(&app, &customer, &service).await;
    let appointment = app
        .stores
        .appointments
        .by_id(id.parse::<AppointmentId>().unwrap())
        .await
        .unwrap()
        .unwrap();
    let after = appointment.session.end() + TimeDelta::minutes(1);
    let proposed: DateTime<Utc> = app
        .first_free_slot_from(&customer, &service, Some(after))
        .await
        .parse()
        .unwrap();
    let proposal = MoveProposal::new(appointment.id, appointment.revision, proposed, Utc::now());
    assert!(app.stores.move_proposals.propose(&proposal).await.unwrap());
    let path = format!("/appointments/{id}");

    let seen = page(&customer, &app, &path, StatusCode::OK).await;
    assert!(seen.contains("New time proposed"), "{seen}");
    assert!(seen.contains("Accept the new time"));
    let waiting = page(&provider, &app, &path, StatusCode::OK).await;
    assert!(waiting.contains("waiting for the customer"), "{waiting}");
    assert!(!waiting.contains("Accept the new time"));

    let accept = [("change", "accept")];
    let action = format!("{path}/move");
    let answered = submit(&customer, &app, &path, &action, &accept).await;
    assert_eq!(answered.status(), StatusCode::SEE_OTHER);
    assert!(location(&answered).contains("done=rescheduled"));
    let moved = app
        .stores
        .appointments
        .by_id(appointment.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.session.start(), proposed);
    let after_move = page(&customer, &app, &path, StatusCode::OK).await;
    assert!(!after_move.contains("New time proposed"));

    let again = submit(&customer, &app, &path, &action, &accept).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains("There is no proposed move to answer")
    );
    app.stop().await;
}
