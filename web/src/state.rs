//! What every handler can reach: the use cases, sessions, templates. Built once in
//! [`crate::startup`], shared behind an `Arc`.

use std::sync::Arc;

use application::appointment_calendar::AppointmentCalendar;
use application::appointment_parties::AppointmentParties;
use application::authenticate::Authenticate;
use application::book_appointment::BookAppointment;
use application::cancel_appointment::CancelAppointment;
use application::change_password::ChangePassword;
use application::create_service::CreateService;
use application::get_appointment::GetAppointment;
use application::get_profile::GetProfile;
use application::get_schedule::GetSchedule;
use application::get_service::GetService;
use application::list_appointments::ListAppointments;
use application::list_categories::ListCategories;
use application::list_free_slots::ListFreeSlots;
use application::list_provider_services::ListProviderServices;
use application::ports::{CategoryStore, Clock};
use application::register_user::RegisterUser;
use application::reschedule_appointment::RescheduleAppointment;
use application::search_services::SearchServices;
use application::set_booking_policy::SetBookingPolicy;
use application::set_date_override::SetDateOverride;
use application::set_weekly_hours::SetWeeklyHours;
use application::update_appointment_status::UpdateAppointmentStatus;
use application::update_profile::UpdateProfile;
use application::update_service::UpdateService;

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
    /// Confirm, complete or mark a no-show (providers).
    pub update_status: UpdateAppointmentStatus,
    /// Names of the people on an appointment list.
    pub appointment_parties: AppointmentParties,
    /// One appointment as an iCalendar download.
    pub appointment_calendar: AppointmentCalendar,
    /// A provider's services (all of them for the provider).
    pub provider_services: ListProviderServices,
    /// Offer a new service.
    pub create_service: CreateService,
    /// Edit, activate or deactivate a service.
    pub update_service: UpdateService,
    /// A provider's hours, overrides and policy.
    pub get_schedule: GetSchedule,
    /// Replace the weekly hours.
    pub set_weekly_hours: SetWeeklyHours,
    /// Add or remove a date override.
    pub set_date_override: SetDateOverride,
    /// Replace the booking policy.
    pub set_booking_policy: SetBookingPolicy,
    /// Read one's own account.
    pub get_profile: GetProfile,
    /// Edit one's own account.
    pub update_profile: UpdateProfile,
    /// Change one's password.
    pub change_password: ChangePassword,
}

/// Shared application state.
pub struct AppState {
    /// The use cases.
    pub use_cases: UseCases,
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
