//! The mail server goes down: bookings still succeed, and every mail arrives exactly once
//! when it is back, also when the app restarts (and abandons claimed deliveries) meanwhile:
//! the restart test keeps its stores in an SQLite file and reopens it, so only the database
//! carries over.

use std::collections::HashSet;

use adapters::ical;
use application::ports::Clock;
use chrono::TimeDelta;
use domain::Appointment;

use icalendar::Component;

use super::invitation;
use super::smtp_server::{ReceivedMail, SmtpServer};
use super::world::World;

/// Twenty bookable starts: 3–6 June 2030, 07:00–11:00 UTC (09:00–13:00 in Paris).
fn twenty_starts() -> Vec<String> {
    (3..=6)
        .flat_map(|day| (7..=11).map(move |hour| format!("2030-06-{day:02}T{hour:02}:00:00Z")))
        .collect()
}

async fn book_twenty(world: &World) -> Vec<Appointment> {
    let mut booked = Vec::new();
    for start in twenty_starts() {
        booked.push(world.book(&world.customer, &start).await);
    }
    booked
}

/// Checks that `received` is exactly one booking mail per side per appointment.
fn assert_each_side_got_each_booking_once(
    world: &World,
    booked: &[Appointment],
    received: &[ReceivedMail],
) {
    let pairs: Vec<(String, String)> = received
        .iter()
        .map(|mail| {
            let (_, event) = invitation(mail);
            (mail.rcpt_tos.join(","), event.get_uid().unwrap().to_owned())
        })
        .collect();
    let distinct: HashSet<&(String, String)> = pairs.iter().collect();
    assert_eq!(distinct.len(), pairs.len(), "a mail arrived twice");
    let expected: HashSet<(String, String)> = booked
        .iter()
        .flat_map(|a| {
            [&world.customer, &world.provider]
                .map(|u| (u.email.as_str().to_owned(), ical::uid(a.id)))
        })
        .collect();
    assert_eq!(distinct, expected.iter().collect());
}

/// No delivery is pending or failed.
async fn assert_nothing_left(world: &World) {
    let queue = &world.stores.deliveries;
    let later = world.clock.now() + TimeDelta::days(30);
    assert_eq!(
        queue
            .claim(later, 100, TimeDelta::minutes(5))
            .await
            .unwrap(),
        vec![]
    );
    assert_eq!(queue.failed(100).await.unwrap(), vec![]);
}

#[tokio::test]
async fn mail_booked_during_an_outage_all_arrives_once_when_the_server_is_back() {
    let mut server = SmtpServer::start();
    let world = World::in_memory(server.port).await;
    server.stop();

    let booked = book_twenty(&world).await;
    assert_eq!(
        booked.len(),
        20,
        "bookings succeed while the mail server is down"
    );
    let worker = world.worker();
    let mut attempts_during_outage = 0;
    let first = world.drain(&worker).await;
    // Calendars and webhook fan-outs yes, mails later.
    assert_eq!((first.delivered, first.retrying), (40, 40));
    attempts_during_outage += first.retrying;
    for _ in 0..3 {
        world.clock.advance(TimeDelta::minutes(10));
        let again = world.drain(&worker).await;
        assert_eq!((again.delivered, again.retrying, again.failed), (0, 40, 0));
        attempts_during_outage += again.retrying;
    }
    assert!(server.received().is_empty());

    server.restart();
    world.clock.advance(TimeDelta::hours(1));
    let recovery = world.drain(&worker).await;
    assert_eq!((recovery.delivered, recovery.retrying), (40, 0));
    assert_eq!(world.drain(&worker).await.claimed, 0);

    let received = server.received();
    assert_eq!(received.len(), 40);
    assert_each_side_got_each_booking_once(&world, &booked, &received);
    assert_nothing_left(&world).await;
    eprintln!(
        "outage: 20 bookings, {attempts_during_outage} failed mail attempts while down, \
         {} mails received after recovery, {} distinct",
        received.len(),
        received.len()
    );
}

#[tokio::test]
async fn mail_survives_an_outage_and_an_app_restart_that_abandoned_claimed_deliveries() {
    let mut server = SmtpServer::start();
    let mut world = World::on_sqlite(server.port).await;
    server.stop();

    let booked = book_twenty(&world).await;
    let before_restart = world.worker();
    let first = world.drain(&before_restart).await;
    assert_eq!(first.retrying, 40);
    // The instance dies in the middle of a batch: ten deliveries claimed, never finished.
    world.clock.advance(TimeDelta::hours(1));
    let abandoned = world
        .stores
        .deliveries
        .claim(world.clock.now(), 10, TimeDelta::minutes(5))
        .await
        .unwrap();
    assert_eq!(abandoned.len(), 10);
    drop(before_restart);
    world.restart().await;

    server.restart();
    let after_restart = world.worker();
    let resumed = world.drain(&after_restart).await;
    assert_eq!(
        resumed.delivered, 30,
        "the abandoned claims wait for their lease"
    );
    world.clock.advance(TimeDelta::minutes(5));
    let released = world.drain(&after_restart).await;
    assert_eq!(released.delivered, 10);

    let received = server.received();
    assert_eq!(received.len(), 40);
    assert_each_side_got_each_booking_once(&world, &booked, &received);
    assert_nothing_left(&world).await;
    eprintln!(
        "outage + restart: 20 bookings, 10 claims abandoned by the crashed instance, \
         {} mails received, none twice",
        received.len()
    );
}
