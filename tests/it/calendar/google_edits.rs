//! A provider deletes or moves our events in their Google calendar by hand: the worker's
//! [`FollowCalendarEdits`] step reads them back from the fake Google over HTTP and turns them
//! into a cancellation or a move the customer accepts or declines, each exactly once even when
//! the same change is read twice; on SQLite and PostgreSQL.

use std::sync::Arc;

use adapters::TeraMailComposer;
use adapters::ical::Organizer;
use application::answer_move_proposal::AnswerMoveProposal;
use application::cancel_appointment::CancelAppointment;
use application::external_busy::ExternalBusy;
use application::follow_calendar_edits::{
    EditsMail, EditsReport, EditsSettings, FollowCalendarEdits,
};
use application::ports::Clock;
use application::reschedule_appointment::RescheduleAppointment;
use chrono::TimeDelta;
use domain::{Appointment, AppointmentStatus, Party, Schedule, WeeklyHours};

use super::support::{Harness, RecordingMailer};
use super::sync_contract::{Shop, shop, sync_provider};
use crate::builders::{an_appointment, hours, utc};

/// The worker's step over the harness's Google adapter and stores, mailing into `mails`.
fn follow(h: &Harness, mails: &Arc<RecordingMailer>) -> FollowCalendarEdits {
    let s = &h.stores;
    let composer = TeraMailComposer::new(Organizer {
        email: "noreply@bys.example".to_owned(),
        name: "Book Your Services".to_owned(),
    })
    .unwrap();
    FollowCalendarEdits::new(
        h.sync.clone(),
        s.calendar_links.clone(),
        s.appointments.clone(),
        s.move_proposals.clone(),
        Arc::new(CancelAppointment::new(
            s.services.clone(),
            s.schedules.clone(),
            s.appointments.clone(),
            h.clock.clone(),
        )),
        (s.users.clone(), s.services.clone()),
        EditsMail {
            composer: Arc::new(composer),
            mailer: mails.clone(),
        },
        h.clock.clone(),
        Arc::new(web::links::SiteLinks::new("https://bys.example")),
        EditsSettings {
            every: TimeDelta::minutes(15),
            past: TimeDelta::days(1),
        },
    )
}

/// What the customer's answer goes through on the appointment page.
fn answers(h: &Harness) -> AnswerMoveProposal {
    let s = &h.stores;
    let reschedule = RescheduleAppointment::new(
        s.users.clone(),
        s.services.clone(),
        s.schedules.clone(),
        s.appointments.clone(),
        ExternalBusy::new(s.busy_times.clone()),
        h.clock.clone(),
    );
    AnswerMoveProposal::new(
        s.appointments.clone(),
        s.move_proposals.clone(),
        Arc::new(reschedule),
        h.clock.clone(),
    )
}

/// Runs `step` a quarter of an hour later (calendars are read every 15 minutes).
async fn later(h: &Harness, step: &FollowCalendarEdits) -> EditsReport {
    h.clock.advance(TimeDelta::minutes(16));
    step.run().await.unwrap()
}

async fn stored(h: &Harness, appointment: &Appointment) -> Appointment {
    h.stores
        .appointments
        .by_id(appointment.id)
        .await
        .unwrap()
        .unwrap()
}

/// A provider open on weekdays 09:00–17:00 in Paris, their customer in New York, and three
/// appointments (Wednesday to Friday, 1–3 April, 12:00 in Paris) in the provider's calendar.
async fn three_bookings(h: &Harness) -> (Shop, Vec<Appointment>) {
    let Shop {
        provider,
        service,
        mut customer,
    } = shop(h, "ann.provider@gmail.com").await;
    customer.zone = domain::Zone::parse("America/New_York").unwrap();
    h.update_user(&customer).await;
    let day = hours(&[("09:00", "17:00")]);
    let mut weekly = WeeklyHours::new(std::array::from_fn(|_| day.clone()));
    weekly.set(chrono::Weekday::Sat, domain::DayHours::closed());
    weekly.set(chrono::Weekday::Sun, domain::DayHours::closed());
    let schedule = Schedule {
        weekly,
        ..Schedule::default()
    };
    h.stores
        .schedules
        .put(provider.id, &schedule)
        .await
        .unwrap();
    sync_provider(h, &provider).await;
    let booked: Vec<Appointment> = ["2026-04-01", "2026-04-02", "2026-04-03"]
        .iter()
        .map(|d| {
            an_appointment(&service, &customer)
                .at(&format!("{d}T10:00:00Z"))
                .build()
        })
        .collect();
    for appointment in &booked {
        h.book(appointment).await;
    }
    h.drain().await;
    (
        Shop {
            provider,
            service,
            customer,
        },
        booked,
    )
}

async fn deleted_moved_declined_and_accepted_entries_act_once(h: Harness) {
    let (
        Shop {
            provider, customer, ..
        },
        booked,
    ) = three_bookings(&h).await;
    let mails = Arc::new(RecordingMailer::default());
    let step = follow(&h, &mails);
    let first = step.run().await.unwrap();
    assert_eq!(
        first,
        EditsReport {
            read: 1,
            ..EditsReport::default()
        },
        "nothing edited yet"
    );

    let calendar = h.google.only_calendar_id();
    let id = |a: &Appointment| adapters::google_calendar::event_id(a.id);
    let [deleted, declined, accepted] = &booked[..] else {
        unreachable!()
    };
    h.google.delete_event_by_hand(&calendar, &id(deleted));
    h.google
        .move_event_by_hand(&calendar, &id(declined), "2026-04-02T14:00:00Z");
    h.google
        .move_event_by_hand(&calendar, &id(accepted), "2026-04-03T13:00:00Z");
    let report = later(&h, &step).await;
    assert_eq!(
        (report.cancelled, report.proposed, report.mailed),
        (1, 2, 2),
        "{report:?}"
    );
    let cancelled = stored(&h, deleted).await;
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    assert_eq!(cancelled.cancellation.unwrap().by, Party::Provider);
    let subjects: Vec<String> = mails.sent().iter().map(|m| m.subject.clone()).collect();
    assert!(
        subjects
            .iter()
            .all(|s| s.starts_with("Ann Provider proposes a new time: Haircut")),
        "{subjects:?}"
    );
    assert!(
        subjects
            .iter()
            .any(|s| s.ends_with("Thursday, 2 April 2026 at 10:00–11:00 (America/New_York)")),
        "in the customer's zone: {subjects:?}"
    );

    // The same changes read again (a lost token, a second instance): nothing more happens.
    h.stores
        .calendar_links
        .save_edits_token(provider.id, &calendar, None)
        .await
        .unwrap();
    let again = later(&h, &step).await;
    assert_eq!(
        (again.cancelled, again.proposed, again.mailed),
        (0, 0, 0),
        "{again:?}"
    );
    h.drain().await;

    the_customer_keeps_one_and_takes_the_other(&h, &step, &mails, (&provider, &customer), &booked)
        .await;
}

/// The customer keeps Thursday's time and takes Friday's new one: the entry is put back, the
/// provider told, the appointment moved; reading our own writes back changes nothing.
async fn the_customer_keeps_one_and_takes_the_other(
    h: &Harness,
    step: &FollowCalendarEdits,
    mails: &RecordingMailer,
    (provider, customer): (&domain::User, &domain::User),
    booked: &[Appointment],
) {
    let [deleted, declined, accepted] = booked else {
        unreachable!()
    };
    let id = |a: &Appointment| adapters::google_calendar::event_id(a.id);
    let customer_actor = application::Actor::new(customer.id, customer.role);
    let answer = answers(h);
    assert!(
        answer
            .pending(&customer_actor, declined.id)
            .await
            .unwrap()
            .is_some()
    );
    answer.decline(&customer_actor, declined.id).await.unwrap();
    let moved = answer.accept(&customer_actor, accepted.id).await.unwrap();
    assert_eq!(moved.session.start(), utc("2026-04-03T13:00:00Z"));
    assert_eq!(moved.reschedules[0].by, Party::Provider);
    assert!(
        answer
            .pending(&customer_actor, accepted.id)
            .await
            .unwrap()
            .is_none()
    );
    let settled = later(h, step).await;
    assert_eq!(settled.restored, 1, "{settled:?}");
    h.drain().await;
    let events = h.google.only_calendar().events;
    assert_eq!(
        events[&id(declined)].start,
        declined.session.start(),
        "put back"
    );
    assert_eq!(events[&id(accepted)].start, utc("2026-04-03T13:00:00Z"));
    assert_eq!(events[&id(deleted)].status, "cancelled");
    let declined_mail = mails.sent().last().unwrap().clone();
    assert!(
        declined_mail.subject.starts_with("Carl Customer keeps"),
        "{}",
        declined_mail.subject
    );
    assert_eq!(declined_mail.to.email, provider.email);

    // Our own writes read back (the restored and the moved entry) change nothing.
    let quiet = later(h, step).await;
    assert_eq!(
        quiet,
        EditsReport {
            read: 1,
            ..EditsReport::default()
        }
    );
    assert_eq!(stored(h, declined).await.session, declined.session);
    assert!(h.clock.now() > utc("2026-03-20T08:00:00Z"));
    assert_eq!(h.google.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn on_sqlite_deleted_moved_declined_and_accepted_entries_act_once() {
    deleted_moved_declined_and_accepted_entries_act_once(Harness::on_sqlite().await).await;
}

#[tokio::test]
async fn on_postgres_deleted_moved_declined_and_accepted_entries_act_once() {
    deleted_moved_declined_and_accepted_entries_act_once(Harness::on_postgres().await).await;
}
