//! The only wiring: reads settings, opens the stores, builds adapters and use cases into
//! [`AppState`], builds the routes, binds, starts the background workers, and returns a running
//! [`Application`].

use std::net::SocketAddr;
use std::sync::{Arc, Once};

use adapters::ical::Organizer;
use adapters::memory::InMemory;
use adapters::read_cache::ReadCache;
use adapters::sea_orm::{DatabaseConnection, PoolConfig, SeaOrmStores, listen_for_changes};
use adapters::{
    Argon2Hasher, CalDavCalendars, GoogleCalendarSync, HttpWebhookSender, ImageLimits,
    ImagePipeline, LocalDiskConfig, LocalDiskImages, MailSender, MicrosoftCalendarSync,
    NoopCalendarSync, OutboxFolderMailer, S3Config, S3Credentials, S3Images, SmtpConfig,
    SmtpMailer, SmtpSecurity, SystemClock, TeraMailComposer, WebhookHttpConfig,
};
use anyhow::Context as _;
use application::limit_attempts::LimitAttempts;
use application::ports::{
    AccountTokens, ApiTokens, AppointmentStore, AuditLog, BusyTimeSource, BusyTimeStore,
    CalendarLinks, CalendarSync, CalendarWatch, CategoryStore, Clock, DeliveryQueue, FeedTokens,
    ImageProcessor, Links, MailComposer, Mailer, MoveProposalStore, ObjectStorage, PasswordHasher,
    PersonalDataStore, RateLimits, ReviewStore, ScheduleStore, ServiceStore, SessionStore,
    UserStore, WaitlistStore, WatchChannelStore, WebhookSender, WebhookStore,
};
use chrono::TimeDelta;
use poem::http::StatusCode;
use poem::listener::{Acceptor, TcpAcceptor};
use poem::middleware::{CookieJarManager, Tracing};
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route, Server};
use secrecy::ExposeSecret;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::health::HealthCheck;
use crate::limits::{Doors, Limits};
use crate::links::SiteLinks;
use crate::render::Templates;
use crate::session::CookiePolicy;
use crate::settings::{
    CalendarBackend, ImageBackend, MailTransport, PushTarget, Settings, SmtpSecuritySetting,
    TimeSettings, non_empty,
};
use crate::state::{AppState, ImageServingState, SharedState};
use crate::sync_cues::SyncCues;
use crate::use_cases::UseCases;
use crate::{
    api, assets, calendar_push, csrf, feeds, health, images, pages, password_reset, prometheus,
    workers,
};
use domain::zone::ZoneDatabase;

/// Largest request body accepted (forms and JSON; photos come with their own limit).
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// What a photo upload form may add to the photo's own limit (multipart headers, fields).
const PHOTO_FORM_OVERHEAD: usize = 64 * 1024;

/// Installs the process-wide rustls crypto provider, once (STACK.md gotcha (d)): several
/// dependencies compile in more than one provider, and then none is chosen automatically.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err only if another provider was installed first, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// Puts the newest zone rules at hand into force for this process: the configured or host tzdb
/// folder when it holds a newer release than the binary's, else the binary's own. Call it before
/// anything parses a zone; a later call changes nothing.
pub fn install_zone_rules(settings: &TimeSettings) -> &'static ZoneDatabase {
    let database = domain::zone::install(adapters::tzdb::newest(settings.tzdb_folder()))
        .unwrap_or_else(|_| domain::zone::installed());
    tracing::info!(
        tzdb = database.version(),
        from = database.origin(),
        "time-zone rules"
    );
    database
}

/// The stores the app runs on: the database, or process memory (`database.url = "memory:"`).
#[derive(Clone)]
pub struct Stores {
    /// Users and their password hashes.
    pub users: Arc<dyn UserStore>,
    /// Services and the marketplace search.
    pub services: Arc<dyn ServiceStore>,
    /// Categories.
    pub categories: Arc<dyn CategoryStore>,
    /// Providers' schedules.
    pub schedules: Arc<dyn ScheduleStore>,
    /// Appointments.
    pub appointments: Arc<dyn AppointmentStore>,
    /// The delivery queue.
    pub deliveries: Arc<dyn DeliveryQueue>,
    /// Password reset and email verification tokens.
    pub account_tokens: Arc<dyn AccountTokens>,
    /// Calendar feed tokens.
    pub feed_tokens: Arc<dyn FeedTokens>,
    /// Provider calendars and their entries (Google sync).
    pub calendar_links: Arc<dyn CalendarLinks>,
    /// Login sessions.
    pub sessions: Arc<dyn SessionStore>,
    /// What staff did.
    pub audit: Arc<dyn AuditLog>,
    /// Personal API tokens.
    pub api_tokens: Arc<dyn ApiTokens>,
    /// Rate-limit counters (in the database, so every instance shares them).
    pub rate_limits: Arc<dyn RateLimits>,
    /// The database behind them, for health checks and pool metrics; `None` in memory.
    pub database: Option<DatabaseConnection>,
    /// Busy time read from providers' own calendars.
    pub busy_times: Arc<dyn BusyTimeStore>,
    /// Reviews and their reports.
    pub reviews: Arc<dyn ReviewStore>,
    /// Push channels on providers' own calendars.
    pub watch_channels: Arc<dyn WatchChannelStore>,
    /// Moves providers made in their calendars, waiting for the customer.
    pub move_proposals: Arc<dyn MoveProposalStore>,
    /// Webhook endpoints, their messages and attempts.
    pub webhooks: Arc<dyn WebhookStore>,
    /// Erasure of a person, and retention, across every store.
    pub personal_data: Arc<dyn PersonalDataStore>,
    /// Customers waiting for places, with the holds offered to them.
    pub waitlist: Arc<dyn WaitlistStore>,
}

/// The `database.url` that selects in-memory stores.
pub const MEMORY_URL: &str = "memory:";

impl Stores {
    /// The stores named by the settings, ready to serve: opens the database and brings its
    /// schema up to date (always on SQLite, on PostgreSQL when `database.migrate_on_start`).
    ///
    /// # Errors
    /// When the database cannot be opened or migrated.
    pub async fn open(settings: &Settings) -> anyhow::Result<Self> {
        let url = settings.database.url.expose_secret();
        if url == MEMORY_URL {
            tracing::warn!(
                "serving from in-memory stores: everything is lost when the process stops"
            );
            return Ok(Self::in_memory());
        }
        let db = connect_database(settings).await?;
        if !url.starts_with("postgres") || settings.database.migrate_on_start {
            migrate_database(&db).await?;
        }
        Ok(Self::on_database(&db))
    }

    /// Empty in-memory stores.
    pub fn in_memory() -> Self {
        let m = InMemory::new();
        Self::behind(
            &ReadCache::new(),
            Self {
                users: m.users,
                services: m.services,
                categories: m.categories,
                schedules: m.schedules,
                appointments: m.appointments,
                deliveries: m.deliveries,
                account_tokens: m.account_tokens,
                feed_tokens: m.feed_tokens,
                calendar_links: m.calendar_links,
                sessions: m.sessions,
                audit: m.audit,
                api_tokens: m.api_tokens,
                rate_limits: m.rate_limits,
                database: None,
                busy_times: m.busy_times,
                reviews: m.reviews,
                watch_channels: m.watch_channels,
                move_proposals: m.move_proposals,
                webhooks: m.webhooks,
                personal_data: m.personal_data,
                waitlist: m.waitlist,
            },
        )
    }

    /// The stores on `db`, which must be migrated.
    pub fn on_database(db: &DatabaseConnection) -> Self {
        let s = SeaOrmStores::new(db);
        let cache = ReadCache::new();
        listen_for_changes(db, &cache);
        Self::behind(
            &cache,
            Self {
                users: s.users,
                services: s.services,
                categories: s.categories,
                schedules: s.schedules,
                appointments: s.appointments,
                deliveries: s.deliveries,
                account_tokens: s.account_tokens,
                feed_tokens: s.feed_tokens,
                calendar_links: s.calendar_links,
                sessions: s.sessions,
                audit: s.audit,
                api_tokens: s.api_tokens,
                rate_limits: s.rate_limits,
                database: Some(db.clone()),
                busy_times: s.busy_times,
                reviews: s.reviews,
                watch_channels: s.watch_channels,
                move_proposals: s.move_proposals,
                webhooks: s.webhooks,
                personal_data: s.personal_data,
                waitlist: s.waitlist,
            },
        )
    }

    /// `stores` with the reads of public pages answered from `cache` while nothing changed.
    fn behind(cache: &Arc<ReadCache>, stores: Self) -> Self {
        Self {
            users: cache.users(stores.users),
            services: cache.services(stores.services),
            categories: cache.categories(stores.categories),
            schedules: cache.schedules(stores.schedules),
            appointments: cache.appointments(stores.appointments),
            busy_times: cache.busy_times(stores.busy_times),
            reviews: cache.reviews(stores.reviews),
            personal_data: cache.personal_data(stores.personal_data),
            waitlist: cache.waitlist(stores.waitlist),
            sessions: cache.sessions(stores.sessions),
            ..stores
        }
    }
}

/// The `/metrics` endpoint per `metrics.*`: `None` when off; with a listener of its own when
/// `metrics.listen` names an address, else for the main port (behind the bearer token).
///
/// # Errors
/// When the separate address cannot be bound or the recorder cannot be installed.
async fn metrics_endpoint(
    settings: &Settings,
    state: &SharedState,
) -> anyhow::Result<(Option<prometheus::Scrape>, Option<tokio::net::TcpListener>)> {
    let m = &settings.metrics;
    if !m.enabled {
        return Ok((None, None));
    }
    let handle = prometheus::install().context("cannot install the metrics recorder")?;
    let token = m.bearer_token.clone();
    let scrape = prometheus::Scrape {
        handle,
        health: state.health.clone(),
        token: (!token.expose_secret().is_empty()).then_some(token),
    };
    let listen = m.listen.trim();
    if listen.is_empty() {
        return Ok((Some(scrape), None));
    }
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen for metrics on {listen}"))?;
    Ok((Some(scrape), Some(listener)))
}

/// Opens the database of `database.url` (not `memory:`).
///
/// # Errors
/// When it cannot be opened.
pub async fn connect_database(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database.url.expose_secret();
    let pool = PoolConfig {
        acquire_timeout: settings.database.acquire_timeout(),
    };
    let db = adapters::sea_orm::connect_with(url, pool)
        .await
        .with_context(|| format!("cannot open the {} database", redacted_scheme(url)))?;
    tracing::info!(database = %redacted_scheme(url), "database open");
    Ok(db)
}

/// Applies pending migrations.
///
/// # Errors
/// When a migration fails.
pub async fn migrate_database(db: &DatabaseConnection) -> anyhow::Result<()> {
    migration::migrate(db)
        .await
        .context("cannot bring the database schema up to date")
}

/// The scheme of a database URL, never its credentials.
fn redacted_scheme(url: &str) -> &str {
    url.split_once(':')
        .map_or("(unparsable)", |(scheme, _)| scheme)
}

/// A running app: the server and its background workers.
pub struct Application {
    /// The address it listens on.
    pub address: SocketAddr,
    /// The separate address serving `/metrics` (`metrics.listen`), if any.
    pub metrics_address: Option<SocketAddr>,
    /// The public base URL (configured, or derived from the address).
    pub base_url: String,
    /// The shared state, for tests that look behind the HTTP interface.
    pub state: SharedState,
    server: JoinHandle<std::io::Result<()>>,
    workers: Vec<JoinHandle<()>>,
    stop: StopHandle,
}

/// Asks a running [`Application`] to stop: the server stops accepting and finishes its
/// requests (up to `server.shutdown_grace_seconds`), the delivery worker hands back what it
/// claimed but has not started, and the other workers finish their current step.
#[derive(Debug, Clone)]
pub struct StopHandle(Arc<watch::Sender<bool>>);

impl StopHandle {
    /// Signals the stop.
    pub fn stop(&self) {
        self.0.send_replace(true);
    }
}

impl Application {
    /// Builds everything from `settings` on `stores` and starts serving and the workers
    /// (unless `workers.enabled` is off).
    ///
    /// # Errors
    /// When the address cannot be bound, a template does not compile, or an outside service
    /// (mail, calendar, images) is misconfigured.
    pub async fn start(settings: &Settings, stores: &Stores) -> anyhow::Result<Self> {
        install_crypto_provider();
        let listener = tokio::net::TcpListener::bind(settings.server.bind_address())
            .await
            .with_context(|| format!("cannot listen on {}", settings.server.bind_address()))?;
        let address = listener.local_addr().context("no local address")?;
        let base_url = settings.server.public_url(address);
        let outlets = Outlets::from_settings(settings, stores, &base_url).await?;
        let state = Arc::new(build_state(settings, stores, &outlets, &base_url)?);
        let acceptor = TcpAcceptor::from_tokio(listener).context("cannot accept connections")?;
        debug_assert!(!acceptor.local_addr().is_empty());
        let pages_state = state.clone();
        // Boxed: callers' futures stay small (clippy's large_futures in the tests).
        let (scrape, metrics_listener) = Box::pin(metrics_endpoint(settings, &state)).await?;
        let mut all = routes(&base_url);
        if let (Some(scrape), None) = (&scrape, &metrics_listener) {
            all = all.at(
                "/metrics",
                poem::get(prometheus::serve).data(scrape.clone()),
            );
        }
        let guarded = all.around(csrf::guard).around(limit_body);
        let counted = if scrape.is_some() {
            guarded.around(prometheus::track).boxed()
        } else {
            guarded.boxed()
        };
        let app = counted
            .catch_all_error(move |e| {
                let page = pages::error_page(&pages_state, e);
                async move { page }
            })
            .with(Tracing)
            .with(CookieJarManager::new())
            .data(state.clone());
        let (stop_tx, stop_rx) = watch::channel(false);
        let mut server_stop = stop_rx.clone();
        let server = tokio::spawn(
            Server::new_with_acceptor(acceptor).run_with_graceful_shutdown(
                app,
                async move {
                    let _ = server_stop.wait_for(|stop| *stop).await;
                },
                Some(settings.server.shutdown_grace()),
            ),
        );
        let mut metrics_address = None;
        if let (Some(scrape), Some(listener)) = (scrape, metrics_listener) {
            metrics_address = Some(listener.local_addr().context("no metrics address")?);
            let acceptor =
                TcpAcceptor::from_tokio(listener).context("cannot accept metrics connections")?;
            let mut metrics_stop = stop_rx.clone();
            let only_metrics =
                Route::new().at("/metrics", poem::get(prometheus::serve).data(scrape));
            tokio::spawn(
                Server::new_with_acceptor(acceptor).run_with_graceful_shutdown(
                    only_metrics,
                    async move {
                        let _ = metrics_stop.wait_for(|stop| *stop).await;
                    },
                    Some(std::time::Duration::from_secs(1)),
                ),
            );
        }
        let workers = if settings.workers.enabled {
            workers::spawn(
                settings,
                stores,
                &outlets,
                &state.use_cases.background,
                &stop_rx,
            )
        } else {
            Vec::new()
        };
        Ok(Self {
            address,
            metrics_address,
            base_url,
            state,
            server,
            workers,
            stop: StopHandle(Arc::new(stop_tx)),
        })
    }

    /// A handle that stops this app.
    pub fn stop_handle(&self) -> StopHandle {
        self.stop.clone()
    }

    /// Serves until stopped through a [`StopHandle`] (or an I/O error), then waits for the
    /// workers to finish their current step.
    ///
    /// # Errors
    /// The server's I/O error.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        let served = self.server.await.context("server task failed");
        self.stop.stop();
        for worker in self.workers {
            if let Err(e) = worker.await {
                tracing::warn!(error = %e, "a worker ended abnormally");
            }
        }
        served??;
        Ok(())
    }
}

/// The outside services the app talks to, chosen by the settings.
#[derive(Clone)]
pub struct Outlets {
    /// Words mails.
    pub composer: Arc<dyn MailComposer>,
    /// Sends mails.
    pub mailer: Arc<dyn Mailer>,
    /// Mirrors appointments into calendars.
    pub calendar: Arc<dyn CalendarSync>,
    /// Reads providers' own calendars; `None` without a calendar service.
    pub busy_source: Option<Arc<dyn BusyTimeSource>>,
    /// Opens push channels on providers' own calendars; `None` unless the calendar service is
    /// configured with a public address for its notifications (`push_base_url`).
    pub calendar_watch: Option<CalendarWatching>,
    /// Cues from push notifications to the busy-time worker.
    pub sync_cues: Arc<SyncCues>,
    /// Keeps uploaded photos.
    pub storage: Arc<dyn ObjectStorage>,
    /// Checks and resizes uploads.
    pub images: Arc<dyn ImageProcessor>,
    /// Posts webhooks behind the SSRF guard.
    pub webhooks: Arc<dyn WebhookSender>,
    /// The current time.
    pub clock: Arc<dyn Clock>,
    /// Hashes and checks passwords.
    pub hasher: Arc<dyn PasswordHasher>,
    /// The pages that mails, calendar entries and webhook notices link to.
    pub links: Arc<dyn Links>,
}

impl Outlets {
    /// Mail, calendar and image services per `settings`, the system clock, Argon2, and the
    /// site's pages under `base_url`.
    ///
    /// # Errors
    /// When one of them is misconfigured (a bad sender address, an unreadable Google key).
    pub async fn from_settings(
        settings: &Settings,
        stores: &Stores,
        base_url: &str,
    ) -> anyhow::Result<Self> {
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let mail = &settings.mail;
        let sender = MailSender::new(&mail.from_name, &mail.from_address)
            .map_err(|e| anyhow::anyhow!("mail.from_address is not usable: {e}"))?;
        let composer = TeraMailComposer::new(Organizer {
            email: mail.from_address.clone(),
            name: mail.from_name.clone(),
        })
        .context("mail templates do not compile")?;
        let mailer: Arc<dyn Mailer> = match mail.transport {
            MailTransport::Outbox => {
                tracing::info!(folder = %mail.outbox_folder, "mail goes to the outbox folder");
                Arc::new(OutboxFolderMailer::new(&mail.outbox_folder, sender))
            }
            MailTransport::Smtp => {
                let smtp = &mail.smtp;
                let config = SmtpConfig {
                    host: smtp.host.clone(),
                    port: smtp.port,
                    security: match smtp.security {
                        SmtpSecuritySetting::None => SmtpSecurity::None,
                        SmtpSecuritySetting::StartTls => SmtpSecurity::StartTls,
                        SmtpSecuritySetting::Tls => SmtpSecurity::Tls,
                    },
                    credentials: (!smtp.username.is_empty()).then(|| {
                        (
                            smtp.username.clone(),
                            smtp.password.expose_secret().to_owned(),
                        )
                    }),
                    timeout: std::time::Duration::from_secs(smtp.timeout_seconds),
                };
                Arc::new(SmtpMailer::new(&config, sender).context("cannot set up SMTP")?)
            }
        };
        let calendars = calendar_sync(settings, stores, &clock).await?;
        let webhooks = HttpWebhookSender::new(WebhookHttpConfig {
            timeout: std::time::Duration::from_secs(settings.webhooks.timeout_seconds),
            allow_private_targets: settings.webhooks.allow_private_targets,
        })
        .map_err(|e| anyhow::anyhow!("cannot set up the webhook client: {e}"))?;
        Ok(Self {
            composer: Arc::new(composer),
            mailer,
            calendar: calendars.sync,
            busy_source: calendars.busy_source,
            calendar_watch: calendars.watch,
            sync_cues: Arc::new(SyncCues::default()),
            storage: image_storage(settings).await,
            images: image_pipeline(settings),
            webhooks: Arc::new(webhooks),
            clock,
            hasher: Arc::new(Argon2Hasher),
            links: Arc::new(SiteLinks::new(base_url)),
        })
    }
}

/// Push channels on providers' own calendars: who opens them and where they post.
#[derive(Clone)]
pub struct CalendarWatching {
    /// Opens and stops channels.
    pub watch: Arc<dyn CalendarWatch>,
    /// Where notifications go and how long a channel lives.
    pub target: PushTarget,
}

impl CalendarWatching {
    fn of(watch: Arc<dyn CalendarWatch>, target: Option<PushTarget>) -> Option<Self> {
        target.map(|target| Self { watch, target })
    }
}

/// What the calendar service of `calendar.backend` offers.
struct CalendarOutlets {
    sync: Arc<dyn CalendarSync>,
    busy_source: Option<Arc<dyn BusyTimeSource>>,
    watch: Option<CalendarWatching>,
}

/// The calendar service of `calendar.backend`, which also reads providers' own calendars
/// (and, with a `push_base_url`, watches them); without one, no sync and no busy-time
/// source (feeds only). The one place a backend is chosen.
async fn calendar_sync(
    settings: &Settings,
    stores: &Stores,
    clock: &Arc<dyn Clock>,
) -> anyhow::Result<CalendarOutlets> {
    let c = &settings.calendar;
    let links = stores.calendar_links.clone();
    let clock = clock.clone();
    let timeout = c.request_timeout();
    Ok(match c.backend {
        CalendarBackend::None => CalendarOutlets {
            sync: Arc::new(NoopCalendarSync),
            busy_source: None,
            watch: None,
        },
        CalendarBackend::Google => {
            let google = Arc::new(
                GoogleCalendarSync::connect(c.google.config(timeout), links, clock)
                    .await
                    .context("cannot set up Google Calendar sync")?,
            );
            CalendarOutlets {
                sync: google.clone(),
                busy_source: Some(google.clone()),
                watch: CalendarWatching::of(google, c.google.push()),
            }
        }
        CalendarBackend::Microsoft => {
            let graph = Arc::new(
                MicrosoftCalendarSync::new(c.microsoft.config(timeout), links, clock)
                    .context("cannot set up Microsoft Graph calendar sync")?,
            );
            CalendarOutlets {
                sync: graph.clone(),
                busy_source: Some(graph.clone()),
                watch: CalendarWatching::of(graph, c.microsoft.push()),
            }
        }
        CalendarBackend::CalDav => CalendarOutlets {
            sync: Arc::new(NoopCalendarSync),
            busy_source: Some(Arc::new(
                CalDavCalendars::new(&c.caldav.config(timeout))
                    .map_err(|e| anyhow::anyhow!("cannot set up CalDAV calendars: {e}"))?,
            )),
            watch: None,
        },
    })
}

/// Checks and resizes uploads within `images.max_bytes` and `images.max_pixels`.
pub fn image_pipeline(settings: &Settings) -> Arc<dyn ImageProcessor> {
    Arc::new(ImagePipeline::new(ImageLimits {
        max_bytes: settings.images.max_bytes,
        max_pixels: settings.images.max_pixels,
    }))
}

/// Local disk or S3, per `images.backend`.
pub async fn image_storage(settings: &Settings) -> Arc<dyn ObjectStorage> {
    let images = &settings.images;
    match images.backend {
        ImageBackend::Local => Arc::new(LocalDiskImages::new(LocalDiskConfig {
            root: images.local_root.clone().into(),
        })),
        ImageBackend::S3 => {
            let s3 = &images.s3;
            Arc::new(
                S3Images::new(S3Config {
                    bucket: s3.bucket.clone(),
                    region: s3.region.clone(),
                    endpoint_url: non_empty(&s3.endpoint),
                    force_path_style: s3.path_style,
                    credentials: (!s3.access_key_id.is_empty()).then(|| S3Credentials {
                        access_key_id: s3.access_key_id.clone(),
                        secret_access_key: s3.secret_access_key.clone(),
                    }),
                })
                .await,
            )
        }
    }
}

/// The use cases and services over `stores`.
///
/// # Errors
/// When a template does not compile.
pub fn build_state(
    settings: &Settings,
    stores: &Stores,
    outlets: &Outlets,
    base_url: &str,
) -> anyhow::Result<AppState> {
    let m = stores;
    let clock = outlets.clock.clone();
    let security = &settings.security;
    Ok(AppState {
        use_cases: Arc::new(UseCases::new(settings, stores, outlets)),
        sessions: m.sessions.clone(),
        cookies: CookiePolicy {
            secure: settings.server.secure_cookies(),
            idle: TimeDelta::from_std(security.session_idle()).unwrap_or(TimeDelta::days(14)),
        },
        limits: Limits::new(
            Doors::from_settings(&settings.limits, security),
            LimitAttempts::new(
                m.rate_limits.clone(),
                clock.clone(),
                settings.limits.enabled,
            ),
            proxy_header(&settings.limits.trusted_proxy_header)?,
        ),
        templates: {
            adapters::catalogue::set_default_language(&settings.i18n.language()?);
            Templates::new().context("templates do not compile")?
        },
        clock,
        health: HealthCheck {
            database: m.database.clone(),
            deliveries: m.deliveries.clone(),
            database_timeout: std::time::Duration::from_millis(settings.health.database_timeout_ms),
            max_delivery_wait: Some(settings.health.max_delivery_wait_seconds)
                .filter(|&seconds| seconds > 0)
                .and_then(|seconds| i64::try_from(seconds).ok())
                .and_then(TimeDelta::try_seconds),
        },
        base_url: base_url.to_owned(),
        reset_link_minutes: settings.mail.reset_link_minutes,
        privacy: settings.privacy.clone(),
        calendar_push: outlets.calendar_watch.is_some(),
        images: ImageServingState {
            storage: outlets.storage.clone(),
            mode: settings.images.serve,
            presign_for: std::time::Duration::from_secs(settings.images.presign_seconds),
            max_upload_bytes: settings.images.max_bytes,
        },
    })
}

/// The trusted proxy's client-address header; `None` when the setting is empty.
///
/// # Errors
/// When the setting is not a header name.
fn proxy_header(setting: &str) -> anyhow::Result<Option<poem::http::HeaderName>> {
    let name = setting.trim();
    if name.is_empty() {
        return Ok(None);
    }
    poem::http::HeaderName::from_bytes(name.as_bytes())
        .map(Some)
        .with_context(|| format!("limits.trusted_proxy_header {name:?} is not a header name"))
}

/// Every route: pages, the JSON API and its documents, assets, health.
fn routes(base_url: &str) -> Route {
    pages::routes()
        .nest("/api", api::routes(base_url))
        .at(
            "/forgot-password",
            poem::get(password_reset::request_form).post(password_reset::request),
        )
        .at(
            "/reset-password/:token",
            poem::get(password_reset::reset_form).post(password_reset::reset),
        )
        .at("/calendar/:file", poem::get(feeds::feed))
        .at("/hooks/google/calendar", poem::post(calendar_push::google))
        .at(
            "/hooks/microsoft/calendar",
            poem::post(calendar_push::microsoft),
        )
        .at("/account/calendar-feed", poem::post(feeds::issue))
        .at("/account/calendar-feed/revoke", poem::post(feeds::revoke))
        .at(
            "/account/photo",
            poem::get(images::profile_photo_form).post(images::upload_profile_photo),
        )
        .at(
            "/services/:id/photo",
            poem::get(images::service_photo_form).post(images::upload_service_photo),
        )
        .at("/images/*path", poem::get(images::serve))
        .nest("/assets", assets::routes())
        .at("/favicon.ico", poem::get(assets::icon))
        .at("/healthz", poem::get(health::healthz))
        .at("/readyz", poem::get(health::readyz))
}

/// Refuses bodies over [`MAX_BODY_BYTES`] (photo uploads: `images.max_bytes` plus
/// [`PHOTO_FORM_OVERHEAD`]) with 413 (a problem document under `/api/`): by their declared
/// length, or, for streamed bodies without one, by reading at most that much.
async fn limit_body<E: Endpoint>(ep: Arc<E>, mut req: Request) -> poem::Result<Response> {
    let api = req.uri().path().starts_with("/api/");
    let too_large = || {
        if api {
            api::problem::Problem::payload_too_large().into_response()
        } else {
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        }
    };
    let photo_upload =
        req.method() == poem::http::Method::POST && req.uri().path().ends_with("/photo");
    let limit = match req.data::<SharedState>() {
        Some(state) if photo_upload => usize::try_from(state.images.max_upload_bytes)
            .unwrap_or(usize::MAX)
            .saturating_add(PHOTO_FORM_OVERHEAD),
        _ => MAX_BODY_BYTES,
    };
    let declared = req
        .header(poem::http::header::CONTENT_LENGTH)
        .and_then(|v| v.parse::<usize>().ok());
    let streamed = req.header(poem::http::header::TRANSFER_ENCODING).is_some();
    match declared {
        Some(length) if length > limit => return Ok(too_large()),
        None if streamed => match req.take_body().into_bytes_limit(limit).await {
            Ok(bytes) => req.set_body(bytes),
            Err(_) => return Ok(too_large()),
        },
        _ => {}
    }
    ep.call(req).await.map(IntoResponse::into_response)
}
