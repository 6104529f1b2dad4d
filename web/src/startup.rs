//! The only wiring: reads settings, builds adapters and use cases into [`AppState`], builds the
//! routes, binds, and returns a running [`Application`].

use std::net::SocketAddr;
use std::sync::{Arc, Once};

use adapters::memory::InMemory;
use adapters::{Argon2Hasher, MemoryCalendarLinks, NoopCalendarSync, SystemClock};
use anyhow::Context as _;
use application::admin::Auditor;
use application::admin::appointments::{BrowseAppointments, CancelOnBehalf};
use application::admin::audit::ListAudit;
use application::admin::catalog::{
    DeactivateService, ListAllCategories, ListAllServices, ManageCategories,
};
use application::admin::dashboard::AdminDashboard;
use application::admin::operations::{ListOperations, ResyncAudited, RetryDelivery};
use application::admin::users::{AddStaff, EditUser, ListUsers, SetUserActive, ViewUser};
use application::authenticate::Authenticate;
use application::book_appointment::BookAppointment;
use application::cancel_appointment::CancelAppointment;
use application::create_staff_account::CreateStaffAccount;
use application::get_appointment::GetAppointment;
use application::get_service::GetService;
use application::list_appointments::ListAppointments;
use application::list_calendars::ListCalendars;
use application::list_categories::ListCategories;
use application::list_free_slots::ListFreeSlots;
use application::ports::{CalendarLinks, CalendarSync, Clock, PasswordHasher};
use application::register_user::RegisterUser;
use application::reschedule_appointment::RescheduleAppointment;
use application::resync_calendar::ResyncCalendar;
use application::search_services::SearchServices;
use chrono::TimeDelta;
use poem::http::StatusCode;
use poem::listener::{Acceptor, TcpAcceptor};
use poem::middleware::{CookieJarManager, Tracing};
use poem::{Endpoint, EndpointExt, IntoResponse, Request, Response, Route, Server};
use secrecy::ExposeSecret;
use tokio::task::JoinHandle;

use crate::login_throttle::{LoginThrottle, ThrottleLimits};
use crate::render::Templates;
use crate::session::{CookiePolicy, MemorySessions, SessionStore};
use crate::settings::Settings;
use crate::state::{AdminUseCases, AppState, SharedState, UseCases};
use crate::{api, assets, csrf, health, pages};

/// Largest request body accepted (forms and JSON; photos come with their own limit).
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Installs the process-wide rustls crypto provider, once (STACK.md gotcha (d)): several
/// dependencies compile in more than one provider, and then none is chosen automatically.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err only if another provider was installed first, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The stores the app runs on.
pub struct Stores {
    /// Every repository port.
    pub memory: InMemory,
}

impl Stores {
    /// The stores named by the settings. Only the in-memory stores exist so far; the database
    /// URL is reported and otherwise ignored until the database adapter lands.
    pub fn from_settings(settings: &Settings) -> Self {
        tracing::warn!(
            database = %redacted_scheme(settings.database.url.expose_secret()),
            "the database adapter is not built yet: serving from in-memory stores, \
             everything is lost when the process stops"
        );
        Self::in_memory()
    }

    /// Empty in-memory stores.
    pub fn in_memory() -> Self {
        Self {
            memory: InMemory::new(),
        }
    }
}

/// The scheme of a database URL, never its credentials.
fn redacted_scheme(url: &str) -> &str {
    url.split_once(':')
        .map_or("(unparsable)", |(scheme, _)| scheme)
}

/// A running app.
pub struct Application {
    /// The address it listens on.
    pub address: SocketAddr,
    /// The public base URL (configured, or derived from the address).
    pub base_url: String,
    /// The shared state, for tests that look behind the HTTP interface.
    pub state: SharedState,
    server: JoinHandle<std::io::Result<()>>,
}

impl Application {
    /// Builds everything from `settings` on `stores` and starts serving.
    ///
    /// # Errors
    /// When the address cannot be bound or a template does not compile.
    pub async fn start(settings: &Settings, stores: &Stores) -> anyhow::Result<Self> {
        install_crypto_provider();
        let listener = tokio::net::TcpListener::bind(settings.server.bind_address())
            .await
            .with_context(|| format!("cannot listen on {}", settings.server.bind_address()))?;
        let address = listener.local_addr().context("no local address")?;
        let base_url = settings.server.public_url(address);
        let state = Arc::new(build_state(settings, stores)?);
        let acceptor = TcpAcceptor::from_tokio(listener).context("cannot accept connections")?;
        debug_assert!(!acceptor.local_addr().is_empty());
        let pages_state = state.clone();
        let app = routes(&base_url)
            .around(csrf::guard)
            .around(limit_body)
            .catch_all_error(move |e| {
                let page = pages::error_page(&pages_state, e);
                async move { page }
            })
            .with(Tracing)
            .with(CookieJarManager::new())
            .data(state.clone());
        let server = tokio::spawn(Server::new_with_acceptor(acceptor).run(app));
        Ok(Self {
            address,
            base_url,
            state,
            server,
        })
    }

    /// Serves until the server stops (it only stops on an I/O error).
    ///
    /// # Errors
    /// The server's I/O error.
    pub async fn run_until_stopped(self) -> anyhow::Result<()> {
        self.server.await.context("server task failed")??;
        Ok(())
    }
}

/// The use cases and services over `stores`.
///
/// # Errors
/// When a template does not compile.
pub fn build_state(settings: &Settings, stores: &Stores) -> anyhow::Result<AppState> {
    let m = &stores.memory;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let hasher: Arc<dyn PasswordHasher> = Arc::new(Argon2Hasher);
    let use_cases = UseCases {
        register: RegisterUser::new(
            m.users.clone(),
            m.schedules.clone(),
            hasher.clone(),
            clock.clone(),
        ),
        authenticate: Authenticate::new(m.users.clone(), hasher.clone()),
        search: SearchServices::new(m.services.clone()),
        get_service: GetService::new(m.services.clone(), m.users.clone(), m.categories.clone()),
        categories: ListCategories::new(m.categories.clone()),
        free_slots: ListFreeSlots::new(
            m.users.clone(),
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            clock.clone(),
        ),
        book: BookAppointment::new(
            m.users.clone(),
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            clock.clone(),
        ),
        get_appointment: GetAppointment::new(m.appointments.clone()),
        list_appointments: ListAppointments::new(m.appointments.clone(), clock.clone()),
        cancel: CancelAppointment::new(
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            clock.clone(),
        ),
        reschedule: RescheduleAppointment::new(
            m.users.clone(),
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            clock.clone(),
        ),
    };
    let admin = build_admin(stores, &hasher, &clock, &settings.server.base_url);
    // One line to swap when the database-backed session store exists.
    let sessions: Arc<dyn SessionStore> = Arc::new(MemorySessions::default());
    let security = &settings.security;
    Ok(AppState {
        use_cases,
        admin,
        sessions,
        cookies: CookiePolicy {
            secure: settings.server.secure_cookies(),
            idle: TimeDelta::from_std(security.session_idle()).unwrap_or(TimeDelta::days(14)),
        },
        throttle: LoginThrottle::new(ThrottleLimits {
            per_account: security.login_failures_per_account,
            per_address: security.login_failures_per_address,
            window: security.login_window(),
        }),
        templates: Templates::new().context("templates do not compile")?,
        clock,
        probe: m.categories.clone(),
    })
}

/// The administration panel's use cases over `stores`. Calendars: the in-memory links and the
/// no-op sync until the calendar wiring lands; reset links: none until a mailer is wired.
fn build_admin(
    stores: &Stores,
    hasher: &Arc<dyn PasswordHasher>,
    clock: &Arc<dyn Clock>,
    base_url: &str,
) -> AdminUseCases {
    let m = &stores.memory;
    let auditor = Auditor::new(m.audit.clone(), clock.clone());
    let links: Arc<dyn CalendarLinks> = Arc::new(MemoryCalendarLinks::default());
    let sync: Arc<dyn CalendarSync> = Arc::new(NoopCalendarSync);
    let calendars = || ListCalendars::new(links.clone(), m.users.clone());
    AdminUseCases {
        dashboard: AdminDashboard::new(
            m.users.clone(),
            m.services.clone(),
            m.appointments.clone(),
            m.deliveries.clone(),
            calendars(),
            clock.clone(),
        ),
        users: ListUsers::new(m.users.clone()),
        user: ViewUser::new(m.users.clone(), m.services.clone(), m.appointments.clone()),
        edit_user: EditUser::new(m.users.clone(), m.schedules.clone(), auditor.clone()),
        set_active: SetUserActive::new(m.users.clone(), auditor.clone()),
        send_reset: None,
        add_staff: AddStaff::new(
            CreateStaffAccount::new(m.users.clone(), hasher.clone(), clock.clone()),
            auditor.clone(),
        ),
        categories: ListAllCategories::new(m.categories.clone()),
        manage_categories: ManageCategories::new(m.categories.clone(), auditor.clone()),
        services: ListAllServices::new(m.services.clone(), m.users.clone()),
        deactivate_service: DeactivateService::new(
            m.services.clone(),
            m.categories.clone(),
            auditor.clone(),
        ),
        appointments: BrowseAppointments::new(
            m.appointments.clone(),
            m.users.clone(),
            m.services.clone(),
        ),
        cancel: CancelOnBehalf::new(
            m.appointments.clone(),
            CancelAppointment::new(
                m.services.clone(),
                m.schedules.clone(),
                m.appointments.clone(),
                clock.clone(),
            ),
            auditor.clone(),
        ),
        operations: ListOperations::new(m.deliveries.clone(), calendars()),
        retry_delivery: RetryDelivery::new(m.deliveries.clone(), clock.clone(), auditor.clone()),
        resync: ResyncAudited::new(
            ResyncCalendar::new(
                m.users.clone(),
                m.services.clone(),
                m.appointments.clone(),
                sync,
                clock.clone(),
                base_url,
            ),
            auditor.clone(),
        ),
        audit: ListAudit::new(m.audit.clone()),
    }
}

/// Every route: pages, the JSON API and its documents, assets, health.
fn routes(base_url: &str) -> Route {
    pages::routes()
        .nest("/api", api::routes(base_url))
        .nest("/assets", assets::routes())
        .at("/healthz", poem::get(health::healthz))
        .at("/readyz", poem::get(health::readyz))
}

/// Refuses bodies over [`MAX_BODY_BYTES`] with 413: by their declared length, or, for
/// streamed bodies without one, by reading at most that much.
async fn limit_body<E: Endpoint>(ep: Arc<E>, mut req: Request) -> poem::Result<Response> {
    let too_large = || StatusCode::PAYLOAD_TOO_LARGE.into_response();
    let declared = req
        .header(poem::http::header::CONTENT_LENGTH)
        .and_then(|v| v.parse::<usize>().ok());
    let streamed = req.header(poem::http::header::TRANSFER_ENCODING).is_some();
    match declared {
        Some(length) if length > MAX_BODY_BYTES => return Ok(too_large()),
        None if streamed => match req.take_body().into_bytes_limit(MAX_BODY_BYTES).await {
            Ok(bytes) => req.set_body(bytes),
            Err(_) => return Ok(too_large()),
        },
        _ => {}
    }
    ep.call(req).await.map(IntoResponse::into_response)
}
