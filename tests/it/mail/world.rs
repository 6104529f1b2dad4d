//! A small marketplace wired for the mail tests: stores (in memory or in an SQLite file), a
//! test clock, the real booking use case, the tera composer, the SMTP mailer pointed at the
//! test server and a recording calendar. [`World::worker`] builds a fresh delivery worker over
//! the same stores; [`World::restart`] also reopens the database, as a restarted app would.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use adapters::ical::Organizer;
use adapters::{MailSender, SmtpConfig, SmtpMailer, SmtpSecurity, TeraMailComposer};
use application::book_appointment::{BookAppointment, BookingInput};
use application::book_series::{BookSeries, SeriesChoice};
use application::booking_checks::BookingChecks;
use application::cancel_appointment::CancelAppointment;
use application::deliver_pending::{
    DeliverPending, DeliveryReport, DeliverySettings, Outlets, Records as DeliveryRecords,
};
use application::external_busy::ExternalBusy;
use application::ports::{CalendarSync, Clock, DeliveryError, RetryPolicy};
use application::preview_series::SeriesRequest;
use application::{Actor, AppointmentDetails, AppointmentEvent, ChangeKind};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    Appointment, BookingPolicy, BusyTimes, Note, Offer, Party, Repeat, Role, Schedule, Service,
    User, WeeklyHours,
};
use web::links::SiteLinks;

use crate::builders::{a_customer, a_password_hash, a_provider, a_service, created, hours, utc};
use crate::contract::{self, Stores};
use crate::databases;
use tempfile::TempDir;

/// "Now" at the start of every mail test: Saturday 2030-06-01 08:00 UTC.
pub const START: &str = "2030-06-01T08:00:00Z";

/// A clock the test moves by hand.
pub struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    pub fn set(&self, now: &str) {
        *self.0.lock().unwrap() = utc(now);
    }

    pub fn advance(&self, by: TimeDelta) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// A calendar that remembers what it was asked to apply.
#[derive(Default)]
pub struct RecordingCalendar(Mutex<Vec<AppointmentEvent>>);

impl RecordingCalendar {
    pub fn applied(&self) -> Vec<AppointmentEvent> {
        self.0.lock().unwrap().clone()
    }
}

#[async_trait]
impl CalendarSync for RecordingCalendar {
    async fn apply(&self, change: &AppointmentDetails) -> Result<(), DeliveryError> {
        self.0.lock().unwrap().push(change.event.clone());
        Ok(())
    }

    async fn provider_changed(&self, _provider: &domain::User) -> Result<(), DeliveryError> {
        Ok(())
    }

    async fn remove_calendar(&self, _provider: domain::UserId) -> Result<(), DeliveryError> {
        Ok(())
    }
}

pub struct World {
    pub stores: Stores,
    /// The SQLite database's URL and folder, when the stores live there.
    database: Option<(String, TempDir)>,
    pub clock: Arc<TestClock>,
    pub calendar: Arc<RecordingCalendar>,
    /// In `Europe/Paris`.
    pub provider: User,
    /// In `America/New_York`.
    pub customer: User,
    /// "Haircut", 60 minutes.
    pub service: Service,
    schedule: Schedule,
    smtp_port: u16,
}

impl World {
    /// In-memory stores.
    pub async fn in_memory(smtp_port: u16) -> Self {
        Self::with(contract::memory().await, None, smtp_port).await
    }

    /// Stores in a fresh SQLite file, which [`World::restart`] reopens.
    pub async fn on_sqlite(smtp_port: u16) -> Self {
        let (db, folder) = databases::fresh_sqlite().await;
        let url = format!("sqlite://{}/bys.db", folder.path().display());
        let stores = contract::sea_orm_stores(&db, Box::new(()));
        Self::with(stores, Some((url, folder)), smtp_port).await
    }

    /// The app stops and starts again: the stores are reopened from the SQLite file (the old
    /// connections dropped), so nothing but the database survives.
    pub async fn restart(&mut self) {
        let (url, _) = self
            .database
            .as_ref()
            .expect("only a database survives a restart");
        let db = adapters::sea_orm::connect(url).await.unwrap();
        self.stores = contract::sea_orm_stores(&db, Box::new(()));
    }

    /// A provider open 09:00–17:00 Paris time every day, booking confirmed at once.
    async fn with(stores: Stores, database: Option<(String, TempDir)>, smtp_port: u16) -> Self {
        let provider = a_provider().in_zone("Europe/Paris").build();
        let customer = a_customer().in_zone("America/New_York").build();
        let service = a_service()
            .by(&provider)
            .named("Haircut")
            .lasting(60)
            .build();
        let schedule = Schedule {
            weekly: WeeklyHours::new(std::array::from_fn(|_| hours(&[("09:00", "17:00")]))),
            policy: BookingPolicy::new(60, 60, None, 24 * 60, true).unwrap(),
            ..Schedule::default()
        };
        for user in [&provider, &customer] {
            stores.users.insert(user, &a_password_hash()).await.unwrap();
        }
        stores
            .services
            .insert(&service, &created(&service))
            .await
            .unwrap();
        stores.schedules.put(provider.id, &schedule).await.unwrap();
        Self {
            stores,
            database,
            clock: Arc::new(TestClock(Mutex::new(utc(START)))),
            calendar: Arc::default(),
            provider,
            customer,
            service,
            schedule,
            smtp_port,
        }
    }

    /// A new delivery worker over the stores, sending to the test server.
    pub fn worker(&self) -> DeliverPending {
        let config = SmtpConfig {
            host: "127.0.0.1".into(),
            port: self.smtp_port,
            security: SmtpSecurity::None,
            credentials: None,
            timeout: Duration::from_secs(10),
        };
        let sender = MailSender::new("Book Your Services", "noreply@book.example.org").unwrap();
        let organizer = Organizer {
            email: sender.address(),
            name: sender.name(),
        };
        DeliverPending::new(
            DeliveryRecords {
                queue: self.stores.deliveries.clone(),
                users: self.stores.users.clone(),
                services: self.stores.services.clone(),
                appointments: self.stores.appointments.clone(),
                tokens: self.stores.account_tokens.clone(),
            },
            Outlets {
                composer: Arc::new(TeraMailComposer::new(organizer).unwrap()),
                mailer: Arc::new(SmtpMailer::new(&config, sender).unwrap()),
                calendar: self.calendar.clone(),
                webhooks: self.stores.webhooks.clone(),
                links: Arc::new(SiteLinks::new("https://book.example.org")),
            },
            self.clock.clone(),
            DeliverySettings {
                batch: 50,
                lease: TimeDelta::minutes(5),
                retry: RetryPolicy::default(),
            },
        )
    }

    /// Runs `worker` until a run claims nothing; returns the summed report.
    pub async fn drain(&self, worker: &DeliverPending) -> DeliveryReport {
        let mut total = DeliveryReport::default();
        loop {
            let report = worker.run().await.unwrap();
            if report.claimed == 0 {
                return total;
            }
            total.claimed += report.claimed;
            total.delivered += report.delivered;
            total.retrying += report.retrying;
            total.failed += report.failed;
        }
    }

    /// `customer` books the service at `start` through the booking use case.
    pub async fn book(&self, customer: &User, start: &str) -> Appointment {
        let book = BookAppointment::new(self.booking_checks());
        let input = BookingInput {
            service: self.service.id,
            start: utc(start),
            note: Some(Note::parse("Short on the sides, please").unwrap()),
            idempotency_key: None,
        };
        book.run(&Actor::new(customer.id, Role::Customer), input)
            .await
            .unwrap()
            .appointment
    }

    /// The booking checks over the world's stores and clock.
    fn booking_checks(&self) -> BookingChecks {
        BookingChecks::new(
            self.stores.users.clone(),
            self.stores.services.clone(),
            self.stores.schedules.clone(),
            self.stores.appointments.clone(),
            ExternalBusy::new(self.stores.busy_times.clone()),
            self.clock.clone(),
        )
    }

    /// `customer` books `count` weekly occurrences from `start`, all or none, through the
    /// series use case.
    pub async fn book_weekly(&self, customer: &User, start: &str, count: u8) -> Vec<Appointment> {
        let request = SeriesRequest {
            service: self.service.id,
            first: utc(start),
            repeat: Repeat::new(1, count).unwrap(),
            note: None,
        };
        BookSeries::new(self.booking_checks())
            .run(
                &Actor::new(customer.id, Role::Customer),
                &request,
                SeriesChoice::AllOrNone,
                None,
            )
            .await
            .unwrap()
            .booked
    }

    /// The provider cancels `appointment` and the later occurrences of its series.
    pub async fn cancel_following(&self, appointment: &Appointment) -> Vec<Appointment> {
        CancelAppointment::new(
            self.stores.services.clone(),
            self.stores.schedules.clone(),
            self.stores.appointments.clone(),
            self.clock.clone(),
        )
        .run_this_and_following(
            &Actor::new(self.provider.id, Role::Provider),
            appointment.id,
            None,
        )
        .await
        .unwrap()
    }

    /// The provider moves `appointment` to `start` (domain rule, then the store).
    pub async fn reschedule(&self, appointment: &Appointment, start: &str) -> Appointment {
        let now = self.clock.now();
        let offer = Offer::of(&self.service, self.provider.zone, &self.schedule);
        let mut moved = appointment.clone();
        moved
            .reschedule(
                Party::Provider,
                utc(start),
                &offer,
                &BusyTimes::default(),
                now,
            )
            .unwrap();
        let kind = ChangeKind::Rescheduled {
            from: appointment.session,
        };
        self.store(&moved, appointment.revision, kind).await;
        moved
    }

    /// The provider cancels `appointment`.
    pub async fn cancel(&self, appointment: &Appointment) -> Appointment {
        let now = self.clock.now();
        let reason = Note::parse("Closed for a family matter").unwrap();
        let mut cancelled = appointment.clone();
        cancelled
            .cancel(
                Party::Provider,
                Some(reason.clone()),
                TimeDelta::zero(),
                now,
            )
            .unwrap();
        let kind = ChangeKind::Cancelled {
            by: Party::Provider,
            reason: Some(reason),
        };
        self.store(&cancelled, appointment.revision, kind).await;
        cancelled
    }

    async fn store(&self, appointment: &Appointment, expected: u32, kind: ChangeKind) {
        let event = AppointmentEvent::new(kind, appointment, self.clock.now());
        self.stores
            .appointments
            .update(appointment, expected, &event)
            .await
            .unwrap();
    }
}
