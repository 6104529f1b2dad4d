//! What every handler can reach: the use cases, sessions, templates. Built once in
//! [`crate::startup`], shared behind an `Arc`.

use std::sync::Arc;

use application::admin::appointments::{BrowseAppointments, CancelOnBehalf};
use application::admin::audit::ListAudit;
use application::admin::catalog::{
    DeactivateService, ListAllCategories, ListAllServices, ManageCategories,
};
use application::admin::dashboard::AdminDashboard;
use application::admin::operations::{ListOperations, ResyncAudited, RetryDelivery};
use application::admin::users::{
    AddStaff, EditUser, ListUsers, SendResetLink, SetUserActive, ViewUser,
};
use application::authenticate::Authenticate;
use application::book_appointment::BookAppointment;
use application::cancel_appointment::CancelAppointment;
use application::get_appointment::GetAppointment;
use application::get_service::GetService;
use application::list_appointments::ListAppointments;
use application::list_categories::ListCategories;
use application::list_free_slots::ListFreeSlots;
use application::ports::{CategoryStore, Clock};
use application::register_user::RegisterUser;
use application::reschedule_appointment::RescheduleAppointment;
use application::search_services::SearchServices;

use crate::login_throttle::LoginThrottle;
use crate::render::Templates;
use crate::session::{CookiePolicy, SessionStore};

/// The use cases handlers call; each handler calls one.
pub struct UseCases {
    /// Sign up.
    pub register: RegisterUser,
    /// Log in.
    pub authenticate: Authenticate,
    /// Search the marketplace.
    pub search: SearchServices,
    /// One service's page.
    pub get_service: GetService,
    /// Categories for browsing.
    pub categories: ListCategories,
    /// Free slots of a service.
    pub free_slots: ListFreeSlots,
    /// Book a slot.
    pub book: BookAppointment,
    /// One appointment.
    pub get_appointment: GetAppointment,
    /// A user's appointments.
    pub list_appointments: ListAppointments,
    /// Cancel an appointment.
    pub cancel: CancelAppointment,
    /// Move an appointment.
    pub reschedule: RescheduleAppointment,
}

/// The administration panel's use cases (`/admin`).
pub struct AdminUseCases {
    /// Counts and what needs attention.
    pub dashboard: AdminDashboard,
    /// Account list.
    pub users: ListUsers,
    /// One account.
    pub user: ViewUser,
    /// Edit an account.
    pub edit_user: EditUser,
    /// Deactivate or reactivate an account.
    pub set_active: SetUserActive,
    /// Mail a password reset link; `None` while no mailer is configured.
    pub send_reset: Option<SendResetLink>,
    /// Create staff accounts.
    pub add_staff: AddStaff,
    /// Every category.
    pub categories: ListAllCategories,
    /// Create and change categories.
    pub manage_categories: ManageCategories,
    /// Every service.
    pub services: ListAllServices,
    /// Deactivate a service.
    pub deactivate_service: DeactivateService,
    /// Every appointment.
    pub appointments: BrowseAppointments,
    /// Cancel on someone's behalf.
    pub cancel: CancelOnBehalf,
    /// Failed deliveries and calendars.
    pub operations: ListOperations,
    /// Requeue a failed delivery.
    pub retry_delivery: RetryDelivery,
    /// Re-sync a provider's calendar.
    pub resync: ResyncAudited,
    /// The audit log.
    pub audit: ListAudit,
}

/// Shared application state.
pub struct AppState {
    /// The use cases.
    pub use_cases: UseCases,
    /// The administration panel's use cases.
    pub admin: AdminUseCases,
    /// Where sessions live.
    pub sessions: Arc<dyn SessionStore>,
    /// How session cookies are written.
    pub cookies: CookiePolicy,
    /// Failed-login counting.
    pub throttle: LoginThrottle,
    /// Compiled page templates.
    pub templates: Templates,
    /// The current time.
    pub clock: Arc<dyn Clock>,
    /// A cheap read that proves the stores answer, for `/readyz`.
    pub probe: Arc<dyn CategoryStore>,
}

/// The state as handlers receive it.
pub type SharedState = Arc<AppState>;
