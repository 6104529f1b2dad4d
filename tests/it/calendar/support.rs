//! What the calendar tests share: a throwaway service account key, a clock the test moves, mail
//! outlets that accept everything, and a harness wiring the app's stores (in memory, SQLite or
//! PostgreSQL), its Google calendar sync and a delivery worker to a [`FakeGoogle`].

use std::sync::{Arc, Mutex};

use application::busy_calendars::BusyCalendarChoice;
use application::deliver_pending::{
    DeliverPending, DeliveryReport, DeliverySettings, Outlets, Records as DeliveryRecords,
};
use application::external_busy::ExternalBusy;
use application::ports::{
    BackendError, CalendarSync, Clock, DeliveryError, EmailMessage, Mail, MailComposer, Mailbox,
    Mailer, RetryPolicy,
};
use application::sync_busy_times::{BusySyncSettings, SyncBusyTimes};
use application::warn_closing_calendars::{WarnClosingCalendars, WarnSettings};
use application::watch_calendars::{WatchCalendars, WatchSettings};
use application::{AppointmentEvent, ChangeKind};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    Appointment, AppointmentStatus, Cancellation, Email, Party, PersonName, Reschedule, Service,
    User,
};
use secrecy::{ExposeSecret, SecretString};
use tempfile::TempDir;
use web::links::SiteLinks;
use web::settings::{CalendarBackend, Settings};
use web::startup::{MEMORY_URL, Stores};

use super::fake_google::FakeGoogle;
use super::fake_graph::{self, FakeGraph};
use super::radicale::Radicale;
use crate::builders::{a_password_hash, created, utc};
use crate::databases::PostgresDatabase;

/// THROWAWAY TEST-ONLY RSA KEY, generated for these tests with `openssl genpkey`. It signs the
/// service-account JWTs sent to the local fake Google and grants access to nothing anywhere.
const THROWAWAY_TEST_ONLY_RSA_KEY: &str = r"-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDRx2evzVVSU+JN
HzVCXsAkTMF8E0XoOuqGBU902ZBK98Gky/BdcP5gNz7fayKFKY3y3i8C/s10o1Dz
+IUeb5oq3etlCHvMYmD6puwfaJcKdXddk63Vjz/xND6XMXLX8m1HK6UehykahiQ5
XjjMj9EvHWo7ixdKX14tkLN2WSjclKOHEFfwvBLptJnCmV2TiaABrzIyNJrTrZ4G
F74pNEuCsGDOInUgd2oM4y1FT4Os1IHMuTy50BfOJGUf6yRfD+vj28SGzGY9iqWG
7D0N5Ga+/tI74lw9u3jAmrmBai5/tUd12Ngr5b1bkA8ffQHS2+lMBPiytoOJ0bJv
q2JcQ0AvAgMBAAECggEAAq5HK2520CoFQtIKxrHaR7x5XoIKiyixlYvc05PyLZsT
7Oy0QiVvAsDB+23tj4ET8M4ZELM74ekyYCPFY7muYSzb1Lsyhc6eCaX3b4FRKM+O
enIoLwn5GbZ+tETsAEl3TwkGP6kfg9jB/r+u/yI5XJ5GHMOuxQMJ+5AVUwZZqNPx
g69Woy+9HYP0sxavVftLOTWyplQDaxtlekLYL2w6uLlMq3UEA1RbfaAAyBDe2lIY
Utls2QjzxnPWqeE1i34QthhYlPgt6Yn35vPbdlbdE5IQTzUc/RBMbA7L0EqHBswF
J4At+F6zYcocBy4cbQXmY3FJcSUfiddo0GknXAHeOQKBgQDwqcUlgNFcbz5K1WGx
q7uZX/Z85bZRo9AbALITPjIXsIgFEZOwTUt4asW+XbxSNSeSEruJQ/QIUXGc17wP
9sYfOeOQMfWjFwCK71tO3hA+J0def5wFyWjuLebDZnO1QzDtC/2ama5hH456t9tp
iwad764oGlUc+bWGTkoHVeUkuQKBgQDfJchsgdYj++Rv7PJ1wC4/8a2/OaUH46gl
b/pkr0ag9cMPi78S+Kfy3IAKeGq3cjB75Nyg05vtbw+ryay72pNncAb5sufqg/Vp
oeEx/GBVswgIg7/IQ1PEsdCUuOQJQuv9osMZ8f34SGNzTcJsEe90082agx3Kh0Lx
9HTWAivoJwKBgQDJaFssgr00DYllWWTUK3Pp7Qy9BAXsFxsvrgpZ3mBPwRZkn4wp
LNbvZPQu2AWmCwQd1H2MaAlP+NELQOULuyudsHXJFHaNUc/LdnvE6kVPrtGkvUkW
8rNVOab5esF1PlEw4SsRenIcqCs2eq4uiwIzpQXsW/VFNZn8V4LO1szZSQKBgE9g
ETsHtDR4lXl6v4RDKDB2t2ceCiYUROuMOXU3I9h9kzUkcIM/D/7DkIgo7UzzwWtQ
rWpH219J8jkZM+heh7BzmQeZLAWvisxYWNJ/A4V4eZMNylpiGJoO5jMA0Zy5wVgn
XV8NRVnb5gRN1Kq8doEIFkqv+RjhpF6MpkK54wRhAoGAIMqeQDikAFRTkMZ69/c7
TPsyVvkjcfNhh+tXUQLN5gz70OrtpW8T5Dqyo8shHu9AjFcFWHgHkffxzdTwbg/s
oK65brwnrMxl3nFxuepQ15HbsKqHhRM9DEQv35PXGMfjTd1m27CwCP1kyHWicnyX
Sse9qWHTlbp5XJtV1xFnvHY=
-----END PRIVATE KEY-----
";

/// A service account key JSON whose `token_uri` is the fake's.
pub fn service_account_key(google: &FakeGoogle) -> String {
    serde_json::json!({
        "type": "service_account",
        "project_id": "bys-test",
        "private_key_id": "test-only",
        "private_key": THROWAWAY_TEST_ONLY_RSA_KEY,
        "client_email": super::fake_google::SERVICE_ACCOUNT,
        "client_id": "100000000000000000000",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": google.token_uri(),
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/test",
    })
    .to_string()
}

/// A clock that moves only when the test says so.
#[derive(Debug)]
pub struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    pub fn at(instant: &str) -> Arc<Self> {
        Arc::new(Self(Mutex::new(utc(instant))))
    }

    /// The current instant (without importing the `Clock` trait).
    pub fn now_instant(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
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

/// Words every mail the same way; the calendar tests do not look at mails.
struct PlainComposer;

impl MailComposer for PlainComposer {
    fn compose(&self, _mail: &Mail) -> Result<EmailMessage, BackendError> {
        Ok(EmailMessage {
            to: Mailbox {
                email: Email::parse("someone@example.org")?,
                name: PersonName::parse("Someone")?,
            },
            subject: "Appointment".into(),
            text: String::new(),
            html: String::new(),
            invitation: None,
            delivery: None,
            unsubscribe: None,
        })
    }
}

/// Accepts every mail.
struct AcceptingMailer;

#[async_trait]
impl Mailer for AcceptingMailer {
    async fn send(&self, _message: &EmailMessage) -> Result<(), DeliveryError> {
        Ok(())
    }
}

/// Keeps every mail it is given, for the test to read.
#[derive(Default)]
pub struct RecordingMailer(Mutex<Vec<EmailMessage>>);

impl RecordingMailer {
    /// The mails sent so far.
    pub fn sent(&self) -> Vec<EmailMessage> {
        self.0.lock().unwrap().clone()
    }
}

#[async_trait]
impl Mailer for RecordingMailer {
    async fn send(&self, message: &EmailMessage) -> Result<(), DeliveryError> {
        self.0.lock().unwrap().push(message.clone());
        Ok(())
    }
}

/// The stores (in memory, or in an SQLite file or a PostgreSQL database), the fake Google, and
/// one running app process (the app's own wiring of stores and calendar sync from settings,
/// plus a delivery worker on the test's clock) that can be restarted.
pub struct Harness {
    pub google: FakeGoogle,
    /// The fake Microsoft Graph, used with [`Backend::Microsoft`].
    pub graph: FakeGraph,
    /// The CalDAV server, started with [`Backend::CalDav`].
    pub radicale: Option<Radicale>,
    pub stores: Stores,
    pub clock: Arc<TestClock>,
    pub sync: Arc<dyn CalendarSync>,
    worker: DeliverPending,
    /// The busy-time worker's step over the app's Google adapter and stores.
    pub busy: SyncBusyTimes,
    /// Providers choosing their busy calendars.
    pub choice: BusyCalendarChoice,
    /// The push-channel worker's step (Google and Graph have a `push_base_url` set).
    pub watch: Option<WatchCalendars>,
    /// Mails providers whose calendars close their slots (the busy-time worker's second step).
    pub warn: Box<WarnClosingCalendars>,
    /// What `warn` sent (worded by the app's templates).
    pub warnings: Arc<RecordingMailer>,
    settings: Settings,
    _database: Option<PostgresDatabase>,
    /// The key file, and the SQLite file if any.
    _dir: TempDir,
}

/// Which calendar service the harness's app is configured with.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Google,
    Microsoft,
    /// Providers' CalDAV calendars on a Radicale server (busy time only).
    CalDav,
}

/// The backoff in these tests: 30 s doubling up to 10 minutes, 50 attempts.
fn retry_policy() -> RetryPolicy {
    RetryPolicy {
        first_delay: TimeDelta::seconds(30),
        max_delay: TimeDelta::minutes(10),
        max_attempts: 50,
    }
}

impl Harness {
    /// On in-memory stores, which survive [`Harness::restart`] as a database would.
    pub async fn start() -> Self {
        Self::with(Backend::Google).await
    }

    /// On in-memory stores, with `backend`.
    pub async fn with(backend: Backend) -> Self {
        Self::on(|_| MEMORY_URL.to_owned(), None, backend).await
    }

    /// On an SQLite file.
    pub async fn on_sqlite() -> Self {
        Self::sqlite_with(Backend::Google).await
    }

    /// On an SQLite file, with `backend`.
    pub async fn sqlite_with(backend: Backend) -> Self {
        Self::on(
            |dir| format!("sqlite://{}/bys.db?mode=rwc", dir.path().display()),
            None,
            backend,
        )
        .await
    }

    /// On a fresh PostgreSQL database.
    pub async fn on_postgres() -> Self {
        Self::postgres_with(Backend::Google).await
    }

    /// On a fresh PostgreSQL database, with `backend`.
    pub async fn postgres_with(backend: Backend) -> Self {
        let database = PostgresDatabase::create().await;
        let url = database.url();
        Self::on(move |_| url, Some(database), backend).await
    }

    async fn on(
        url: impl FnOnce(&TempDir) -> String,
        database: Option<PostgresDatabase>,
        backend: Backend,
    ) -> Self {
        let google = FakeGoogle::start().await;
        let graph = FakeGraph::start().await;
        let dir = tempfile::tempdir().unwrap();
        let key_path = dir.path().join("google-key.json");
        std::fs::write(&key_path, service_account_key(&google)).unwrap();
        let mut settings = Settings::defaults().unwrap();
        settings.database.url = SecretString::from(url(&dir));
        settings.mail.outbox_folder = dir.path().join("outbox").display().to_string();
        settings.calendar.google.key_path = key_path.display().to_string();
        settings.calendar.google.base_url = google.base_url();
        settings.calendar.google.root_url = google.root_url();
        "https://bys.example".clone_into(&mut settings.calendar.google.push_base_url);
        let microsoft = &mut settings.calendar.microsoft;
        fake_graph::TENANT.clone_into(&mut microsoft.tenant_id);
        fake_graph::CLIENT_ID.clone_into(&mut microsoft.client_id);
        microsoft.client_secret = SecretString::from(fake_graph::CLIENT_SECRET);
        microsoft.graph_url = graph.graph_url();
        microsoft.login_url = graph.login_url();
        // Graph validates the hook before it creates a subscription: one that echoes.
        microsoft.push_base_url = fake_graph::echoing_hook().await;
        settings.calendar.caldav.key_path = dir.path().join("caldav.key").display().to_string();
        // Radicale listens on loopback.
        settings.calendar.caldav.allow_private_addresses = true;
        settings.calendar.backend = match backend {
            Backend::Google => CalendarBackend::Google,
            Backend::Microsoft => CalendarBackend::Microsoft,
            Backend::CalDav => CalendarBackend::CalDav,
        };
        let radicale = matches!(backend, Backend::CalDav).then(Radicale::start);
        settings.calendar.request_timeout_seconds = 2;
        let stores = Stores::open(&settings).await.unwrap();
        let clock = TestClock::at("2026-03-20T08:00:00Z");
        let warnings = Arc::new(RecordingMailer::default());
        let (sync, worker, (busy, choice, warn, watch)) =
            Self::process(&settings, &stores, &clock, &warnings).await;
        Self {
            google,
            graph,
            radicale,
            stores,
            clock,
            sync,
            worker,
            busy,
            choice,
            watch,
            warn,
            warnings,
            settings,
            _database: database,
            _dir: dir,
        }
    }

    /// What the app builds at startup from its settings: the calendar sync (Google, per the
    /// settings) over the stores' calendar links, and the delivery worker.
    async fn process(
        settings: &Settings,
        stores: &Stores,
        clock: &Arc<TestClock>,
        warnings: &Arc<RecordingMailer>,
    ) -> (
        Arc<dyn CalendarSync>,
        DeliverPending,
        (
            SyncBusyTimes,
            BusyCalendarChoice,
            Box<WarnClosingCalendars>,
            Option<WatchCalendars>,
        ),
    ) {
        let outlets = web::startup::Outlets::from_settings(settings, stores, "https://bys.example")
            .await
            .unwrap();
        let sync = outlets.calendar;
        let source = outlets
            .busy_source
            .expect("a calendar backend configures the busy-time source");
        let busy = SyncBusyTimes::new(
            source.clone(),
            stores.busy_times.clone(),
            clock.clone(),
            BusySyncSettings::default(),
        );
        let warn = Box::new(WarnClosingCalendars::new(
            stores.busy_times.clone(),
            stores.users.clone(),
            outlets.composer.clone(),
            warnings.clone(),
            ExternalBusy::new(stores.busy_times.clone()),
            clock.clone(),
            WarnSettings {
                links: Arc::new(SiteLinks::new("https://bys.example")),
                share_with: source.share_with(),
            },
        ));
        let watch = outlets.calendar_watch.clone().map(|watching| {
            WatchCalendars::new(
                stores.busy_times.clone(),
                stores.watch_channels.clone(),
                watching.watch,
                clock.clone(),
                WatchSettings {
                    address: watching.target.address,
                    lifetime: watching.target.lifetime,
                    renew_before: TimeDelta::days(1),
                },
            )
        });
        let choice = BusyCalendarChoice::new(
            Some(source),
            stores.busy_times.clone(),
            stores.calendar_links.clone(),
            ExternalBusy::new(stores.busy_times.clone()),
        );
        let delivery = DeliverySettings {
            retry: retry_policy(),
            ..DeliverySettings::default()
        };
        let worker = DeliverPending::new(
            DeliveryRecords {
                queue: stores.deliveries.clone(),
                users: stores.users.clone(),
                services: stores.services.clone(),
                appointments: stores.appointments.clone(),
                tokens: stores.account_tokens.clone(),
            },
            Outlets {
                composer: Arc::new(PlainComposer),
                mailer: Arc::new(AcceptingMailer),
                calendar: sync.clone(),
                webhooks: stores.webhooks.clone(),
                links: Arc::new(SiteLinks::new("https://bys.example")),
            },
            clock.clone(),
            delivery,
        );
        (sync, worker, (busy, choice, warn, watch))
    }

    /// Stops the app process and starts a new one on the same data: the database is opened
    /// again (in-memory stores are kept, as the stand-in for one), the adapter is built anew
    /// with a new token, and nothing else is kept.
    pub async fn restart(&mut self) {
        if self.settings.database.url.expose_secret() != MEMORY_URL {
            self.stores = Stores::open(&self.settings).await.unwrap();
        }
        let (sync, worker, (busy, choice, warn, watch)) =
            Self::process(&self.settings, &self.stores, &self.clock, &self.warnings).await;
        self.sync = sync;
        self.worker = worker;
        self.busy = busy;
        self.choice = choice;
        self.warn = warn;
        self.watch = watch;
    }

    /// One worker step.
    pub async fn run_worker(&self) -> DeliveryReport {
        self.worker.run().await.unwrap()
    }

    /// Runs the worker, moving the clock past every backoff and lease before each step, until
    /// a step finds nothing to do; returns the reports of the steps that did something.
    pub async fn drain(&self) -> Vec<DeliveryReport> {
        let mut reports = Vec::new();
        loop {
            assert!(
                reports.len() < 100,
                "deliveries still pending after 100 steps"
            );
            self.clock.advance(TimeDelta::minutes(11));
            let report = self.run_worker().await;
            if report.claimed == 0 {
                return reports;
            }
            reports.push(report);
        }
    }

    pub async fn add_user(&self, user: &User) {
        self.stores
            .users
            .insert(user, &a_password_hash())
            .await
            .unwrap();
    }

    pub async fn update_user(&self, user: &User) {
        self.stores.users.update(user).await.unwrap();
    }

    pub async fn add_service(&self, service: &Service) {
        self.stores
            .services
            .insert(service, &created(service))
            .await
            .unwrap();
    }

    /// Stores `appointment` with its booking, as `BookAppointment` does.
    pub async fn book(&self, appointment: &Appointment) {
        let event = AppointmentEvent::new(ChangeKind::Booked, appointment, self.clock.now());
        self.stores
            .appointments
            .insert(appointment, None, &event)
            .await
            .unwrap();
    }

    /// Stores `seat` as a seat of its class `service`, as `BookAppointment` does for a class.
    pub async fn book_seat(&self, seat: &Appointment, service: &Service) {
        let event = AppointmentEvent::new(ChangeKind::Booked, seat, self.clock.now());
        self.stores
            .appointments
            .insert_seat(seat, service.capacity, None, &event)
            .await
            .unwrap();
    }

    /// Moves `appointment` by `by`, recording the reschedule.
    pub async fn reschedule(&self, appointment: &mut Appointment, by: TimeDelta) {
        let before = appointment.clone();
        let to_session =
            domain::TimeRange::new(before.session.start() + by, before.session.end() + by).unwrap();
        appointment.reschedules.push(Reschedule {
            from: before.session,
            to: to_session,
            by: Party::Customer,
            at: self.clock.now(),
        });
        appointment.session = to_session;
        appointment.blocked =
            domain::TimeRange::new(before.blocked.start() + by, before.blocked.end() + by).unwrap();
        appointment.revision += 1;
        let kind = ChangeKind::Rescheduled {
            from: before.session,
        };
        self.record(appointment, before.revision, kind).await;
    }

    /// Cancels `appointment` as its provider.
    pub async fn cancel(&self, appointment: &mut Appointment) {
        let revision = appointment.revision;
        appointment.status = AppointmentStatus::Cancelled;
        appointment.cancellation = Some(Cancellation {
            by: Party::Provider,
            reason: None,
            at: self.clock.now(),
        });
        appointment.revision += 1;
        let kind = ChangeKind::Cancelled {
            by: Party::Provider,
            reason: None,
        };
        self.record(appointment, revision, kind).await;
    }

    async fn record(&self, appointment: &Appointment, expected: u32, kind: ChangeKind) {
        let event = AppointmentEvent::new(kind, appointment, self.clock.now());
        self.stores
            .appointments
            .update(appointment, expected, &event)
            .await
            .unwrap();
    }
}
