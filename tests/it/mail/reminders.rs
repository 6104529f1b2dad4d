//! Reminders on a test clock: mailed once, a day ahead, never for a cancelled appointment.

use application::send_reminders::SendReminders;
use chrono::TimeDelta;

use super::smtp_server::SmtpServer;
use super::to;
use super::world::World;

#[tokio::test]
async fn a_reminder_is_mailed_once_a_day_ahead_and_never_for_a_cancelled_appointment() {
    let server = SmtpServer::start();
    let world = World::in_memory(server.port).await;
    let worker = world.worker();
    let kept = world.book(&world.customer, "2030-06-03T10:00:00Z").await;
    let called_off = world.book(&world.customer, "2030-06-03T12:00:00Z").await;
    world.cancel(&called_off).await;
    world.drain(&worker).await;
    let reminders = SendReminders::new(
        world.stores.appointments.clone(),
        world.clock.clone(),
        TimeDelta::hours(24),
        100,
    );
    let reminder_mails = || -> Vec<_> {
        server
            .received()
            .into_iter()
            .filter(|m| m.subject.starts_with("Reminder: "))
            .collect()
    };

    // A minute before the day-ahead mark: nothing yet.
    world.clock.set("2030-06-02T09:59:00Z");
    assert_eq!(reminders.run().await.unwrap(), 0);
    world.drain(&worker).await;
    assert!(reminder_mails().is_empty());

    // A minute after it: one reminder, to each side.
    world.clock.set("2030-06-02T10:01:00Z");
    assert_eq!(reminders.run().await.unwrap(), 1);
    world.drain(&worker).await;
    let sent = reminder_mails();
    assert_eq!(sent.len(), 2);
    let customer = to(&sent, world.customer.email.as_str());
    assert_eq!(
        customer[0].subject,
        format!(
            "Reminder: Haircut with {}, Monday, 3 June 2030 at 06:00\u{2013}07:00 (America/New_York)",
            world.provider.name.as_str()
        )
    );
    assert!(
        customer[0].calendar.is_none(),
        "a reminder is no invitation"
    );
    assert_eq!(to(&sent, world.provider.email.as_str()).len(), 1);
    let link = format!("https://book.example.org/appointments/{}", kept.id);
    assert!(sent.iter().all(|m| m.text.contains(&link)));

    // Later runs, including past the cancelled appointment's mark, send nothing more.
    for now in [
        "2030-06-02T10:02:00Z",
        "2030-06-02T12:01:00Z",
        "2030-06-03T09:00:00Z",
    ] {
        world.clock.set(now);
        assert_eq!(reminders.run().await.unwrap(), 0, "at {now}");
        world.drain(&worker).await;
    }
    assert_eq!(reminder_mails().len(), 2);
}
