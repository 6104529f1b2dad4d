//! A series mails one invitation per occurrence, each its own calendar event; cancelling
//! "this and following" cancels each later event by its own UID.

use adapters::ical;
use icalendar::Component;

use super::smtp_server::SmtpServer;
use super::world::World;
use super::{invitation, to};

#[tokio::test]
async fn a_series_mails_one_event_per_occurrence_and_cancelling_the_following_cancels_each() {
    let server = SmtpServer::start();
    let world = World::in_memory(server.port).await;
    let worker = world.worker();

    // Mondays 3, 10 and 17 June 2030 at 10:00 UTC.
    let series = world
        .book_weekly(&world.customer, "2030-06-03T10:00:00Z", 3)
        .await;
    world.drain(&worker).await;
    let cancelled = world.cancel_following(&series[1]).await;
    assert_eq!(cancelled.len(), 2);
    world.drain(&worker).await;

    let customer = to(&server.received(), world.customer.email.as_str());
    assert_eq!(customer.len(), 5, "three bookings, two cancellations");
    let mut booked_uids = Vec::new();
    for mail in &customer[..3] {
        let (calendar, event) = invitation(mail);
        assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
        assert!(event.property_value("RRULE").is_none());
        booked_uids.push(event.get_uid().unwrap().to_owned());
    }
    let expected: Vec<String> = series.iter().map(|a| ical::uid(a.id)).collect();
    let mut sorted = booked_uids.clone();
    sorted.sort();
    let mut expected_sorted = expected.clone();
    expected_sorted.sort();
    assert_eq!(sorted, expected_sorted, "one event per occurrence");

    let mut cancelled_uids: Vec<String> = customer[3..]
        .iter()
        .map(|mail| {
            let (calendar, event) = invitation(mail);
            assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
            event.get_uid().unwrap().to_owned()
        })
        .collect();
    cancelled_uids.sort();
    let mut later: Vec<String> = expected[1..].to_vec();
    later.sort();
    assert_eq!(cancelled_uids, later);
}
