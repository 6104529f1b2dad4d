//! Booking, moving and cancelling mail both sides, each in their own zone, with invitations
//! that update one calendar event.

use adapters::ical;
use application::ChangeKind;
use icalendar::Component;

use super::smtp_server::SmtpServer;
use super::world::World;
use super::{invitation, to};

#[tokio::test]
async fn booking_moving_and_cancelling_mail_both_sides_with_invitations_for_one_event() {
    let server = SmtpServer::start();
    let world = World::in_memory(server.port).await;
    let worker = world.worker();

    // Monday 3 June 2030, 10:00 UTC = 12:00 in Paris = 06:00 in New York.
    let booked = world.book(&world.customer, "2030-06-03T10:00:00Z").await;
    world.drain(&worker).await;
    let moved = world.reschedule(&booked, "2030-06-04T13:00:00Z").await;
    world.drain(&worker).await;
    world.cancel(&moved).await;
    world.drain(&worker).await;

    let received = server.received();
    assert_eq!(received.len(), 6, "{received:#?}");
    let customer = to(&received, world.customer.email.as_str());
    let provider = to(&received, world.provider.email.as_str());
    assert_eq!((customer.len(), provider.len()), (3, 3));
    let provider_name = world.provider.name.as_str();
    let customer_name = world.customer.name.as_str();

    // The customer reads New York time, the provider Paris time, each with the zone named.
    assert_eq!(
        customer[0].subject,
        format!(
            "Booked: Haircut with {provider_name}, Monday, 3 June 2030 at 06:00\u{2013}07:00 (America/New_York)"
        )
    );
    assert!(customer[0].text.contains("America/New_York, EDT"));
    assert_eq!(
        provider[0].subject,
        format!(
            "New booking: Haircut with {customer_name}, Monday, 3 June 2030 at 12:00\u{2013}13:00 (Europe/Paris)"
        )
    );
    assert!(provider[0].html.contains("Europe/Paris, CEST"));
    assert!(provider[0].text.contains("Short on the sides, please"));
    let link = format!("https://book.example.org/appointments/{}", booked.id);
    for mail in &received {
        assert!(
            mail.text.contains(&link) && mail.html.contains(&link),
            "{mail:#?}"
        );
    }

    // Tuesday 4 June 13:00 UTC = 15:00 Paris = 09:00 New York.
    assert!(customer[1].subject.starts_with(&format!(
        "Moved: Haircut with {provider_name}, Tuesday, 4 June 2030 at 09:00\u{2013}10:00"
    )));
    assert!(
        customer[1]
            .text
            .contains("Was:   Monday, 3 June 2030 at 06:00\u{2013}07:00")
    );
    assert!(
        provider[1]
            .subject
            .contains("Tuesday, 4 June 2030 at 15:00\u{2013}16:00")
    );
    assert!(customer[2].subject.starts_with("Cancelled: "));
    assert!(customer[2].text.contains("cancelled by the provider"));
    assert!(customer[2].text.contains("Closed for a family matter"));
    assert!(provider[2].text.contains("cancelled by you"));

    // One calendar event throughout: same UID, SEQUENCE = revision, UTC times.
    let uid = ical::uid(booked.id);
    let expected = [
        ("REQUEST", 0, "20300603T100000Z", "20300603T110000Z"),
        ("REQUEST", 1, "20300604T130000Z", "20300604T140000Z"),
        ("CANCEL", 2, "20300604T130000Z", "20300604T140000Z"),
    ];
    for mails in [&customer, &provider] {
        for (mail, (method, sequence, start, end)) in mails.iter().zip(expected) {
            let (calendar, event) = invitation(mail);
            assert_eq!(calendar.property_value("METHOD"), Some(method));
            assert_eq!(event.get_uid(), Some(uid.as_str()));
            assert_eq!(event.get_sequence(), Some(sequence));
            assert_eq!(event.property_value("DTSTART"), Some(start));
            assert_eq!(event.property_value("DTEND"), Some(end));
        }
    }
    let (_, last) = invitation(&customer[2]);
    assert_eq!(last.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(
        last.get_summary(),
        Some(format!("Haircut with {provider_name}").as_str())
    );

    // The calendar channel saw the same three changes, in order.
    let kinds: Vec<&str> = world
        .calendar
        .applied()
        .iter()
        .map(|e| e.kind.as_str())
        .collect();
    assert_eq!(kinds, ["booked", "rescheduled", "cancelled"]);
    assert!(matches!(
        world.calendar.applied()[1].kind,
        ChangeKind::Rescheduled { .. }
    ));
}

#[tokio::test]
async fn each_side_is_mailed_in_their_own_language_over_smtp() {
    let server = SmtpServer::start();
    let world = World::on_sqlite(server.port).await;
    for (user, tag) in [(&world.customer, "de"), (&world.provider, "fr")] {
        let speaking = domain::User {
            language: Some(domain::Language::parse(tag).unwrap()),
            ..user.clone()
        };
        world.stores.users.update(&speaking).await.unwrap();
    }
    let worker = world.worker();

    // Monday 3 June 2030, 10:00 UTC = 12:00 in Paris = 06:00 in New York.
    world.book(&world.customer, "2030-06-03T10:00:00Z").await;
    world.drain(&worker).await;

    let received = server.received();
    let customer = to(&received, world.customer.email.as_str());
    let provider = to(&received, world.provider.email.as_str());
    let provider_name = world.provider.name.as_str();
    let customer_name = world.customer.name.as_str();
    assert_eq!(
        customer[0].subject,
        format!(
            "Gebucht: Haircut mit {provider_name}, Montag, 3. Juni 2030 um 06:00\u{2013}07:00 (America/New_York)"
        )
    );
    assert!(
        customer[0].text.contains("Termin ansehen"),
        "{}",
        customer[0].text
    );
    assert_eq!(
        provider[0].subject,
        format!(
            "Nouvelle réservation : Haircut avec {customer_name}, lundi 3 juin 2030 à 12:00\u{2013}13:00 (Europe/Paris)"
        )
    );
    assert!(provider[0].html.contains("lang=\"fr\""));
    let (_, event) = invitation(&provider[0]);
    assert_eq!(
        event.get_summary(),
        Some(format!("Haircut avec {customer_name}").as_str())
    );
}
