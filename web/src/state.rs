//! What every handler can reach: the use cases, sessions, templates. Built once in
//! [`crate::startup`], shared behind an `Arc`.

use std::sync::Arc;
use std::time::Duration;

use application::admin::appointments::{BrowseAppointments, CancelOnBehalf};
use application::admin::audit::ListAudit;
use application::admin::catalog::{
    DeactivateService, ListAllCategories, ListAllServices, ManageCategories,
};
use application::admin::dashboard::AdminDashboard;
use application::admin::operations::{
    DeleteOrphanAudited, DeleteUnlinkedCalendar, ListOperations, ListUnlinkedCalendars,
    ResyncAudited, RetryDelivery,
};
use application::admin::reviews::{ListReports, ModerateReview};
use application::admin::users::{
    AddStaff, EditUser, ListUsers, SendResetLink, SetUserActive, ViewUser,
};
use application::answer_move_proposal::AnswerMoveProposal;
use application::appointment_calendar::AppointmentCalendar;
use application::appointment_parties::AppointmentParties;
use application::authenticate::Authenticate;
use application::authenticate_api_token::AuthenticateApiToken;
use application::book_appointment::BookAppointment;
use application::book_series::BookSeries;
use application::busy_calendars::BusyCalendarChoice;
use application::calendar_conflicts::CalendarConflicts;
use application::calendar_feed::CalendarFeed;
use application::cancel_appointment::CancelAppointment;
use application::change_email::ChangeEmail;
use application::change_password::ChangePassword;
use application::create_api_token::CreateApiToken;
use application::create_service::CreateService;
use application::create_staff_account::CreateStaffAccount;
use application::current_user::CurrentUser;
use application::erase_account::EraseAccount;
use application::export_personal_data::ExportPersonalData;
use application::get_appointment::GetAppointment;
use application::get_profile::GetProfile;
use application::get_schedule::GetSchedule;
use application::get_service::GetService;
use application::issue_feed_token::IssueFeedToken;
use application::list_api_tokens::ListApiTokens;
use application::list_appointments::ListAppointments;
use application::list_categories::ListCategories;
use application::list_free_slots::ListFreeSlots;
use application::list_provider_services::ListProviderServices;
use application::list_reviews::ListReviews;
use application::manage_webhooks::ManageWebhooks;
use application::ports::{Clock, ObjectStorage};
use application::preview_series::PreviewSeries;
use application::receive_calendar_push::ReceiveCalendarPush;
use application::register_user::RegisterUser;
use application::reply_to_review::ReplyToReview;
use application::report_review::ReportReview;
use application::request_password_reset::RequestPasswordReset;
use application::reschedule_appointment::RescheduleAppointment;
use application::reset_password::ResetPassword;
use application::revoke_api_token::RevokeApiToken;
use application::revoke_feed_token::RevokeFeedToken;
use application::search_services::SearchServices;
use application::send_verification::SendVerification;
use application::send_welcome::SendWelcome;
use application::set_booking_policy::SetBookingPolicy;
use application::set_date_override::SetDateOverride;
use application::set_weekly_hours::SetWeeklyHours;
use application::stop_review_requests::StopReviewRequests;
use application::sync_provider_calendar::SyncProviderCalendar;
use application::update_appointment_status::UpdateAppointmentStatus;
use application::update_profile::UpdateProfile;
use application::update_service::UpdateService;
use application::upload_image::UploadImage;
use application::verify_email::VerifyEmail;
use application::write_review::WriteReview;

use crate::health::HealthCheck;
use crate::limits::Limits;
use crate::render::Templates;
use application::ports::SessionStore;

use crate::session::CookiePolicy;
use crate::settings::ImageServing;

/// The use cases handlers call; each handler calls one.
pub struct UseCases {
    /// Sign up.
    pub register: RegisterUser,
    /// Log in.
    pub authenticate: Authenticate,
    /// A session's user as stored now (deactivation and role changes apply at once).
    pub current_user: CurrentUser,
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
    /// Which occurrences of a series are free.
    pub preview_series: PreviewSeries,
    /// Book a series.
    pub book_series: BookSeries,
    /// One appointment.
    pub get_appointment: GetAppointment,
    /// A user's appointments.
    pub list_appointments: ListAppointments,
    /// Cancel an appointment.
    pub cancel: CancelAppointment,
    /// Move an appointment.
    pub reschedule: Arc<RescheduleAppointment>,
    /// Customers answer moves their provider made in their own calendar.
    pub answer_move: AnswerMoveProposal,
    /// The welcome mail after sign-up, with the verification link.
    pub welcome: SendWelcome,
    /// Verify an email address through its link.
    pub verify_email: VerifyEmail,
    /// The opt-out link of review request mails.
    pub stop_review_requests: StopReviewRequests,
    /// Mail a fresh verification link to one's own address.
    pub send_verification: SendVerification,
    /// Change one's email address.
    pub change_email: ChangeEmail,
    /// Mail a password reset link.
    pub request_reset: RequestPasswordReset,
    /// Set a new password with a reset link.
    pub reset_password: ResetPassword,
    /// A user's iCalendar feed.
    pub calendar_feed: CalendarFeed,
    /// Create or rotate a feed token.
    pub issue_feed_token: IssueFeedToken,
    /// Revoke a feed token.
    pub revoke_feed_token: RevokeFeedToken,
    /// Upload or remove a service or profile photo.
    pub upload_image: UploadImage,
    /// Create an admin or support account.
    pub create_staff: CreateStaffAccount,
    /// Confirm, complete or mark a no-show (providers).
    pub update_status: UpdateAppointmentStatus,
    /// Names of the people on an appointment list.
    pub appointment_parties: AppointmentParties,
    /// Which appointments clash with their provider's own calendars (marker for providers).
    pub calendar_conflicts: CalendarConflicts,
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
    /// Providers choose the calendars that block their time.
    pub busy_calendars: BusyCalendarChoice,
    /// Checks calendar push notifications and cues reads.
    pub receive_calendar_push: ReceiveCalendarPush,
    /// Edit one's own account.
    pub update_profile: UpdateProfile,
    /// Change one's password.
    pub change_password: ChangePassword,
    /// Bring a provider's calendar sharing in line after an account change.
    pub sync_calendar: SyncProviderCalendar,
    /// Create a personal API token.
    pub create_api_token: CreateApiToken,
    /// One's own API tokens.
    pub list_api_tokens: ListApiTokens,
    /// Revoke one of one's API tokens.
    pub revoke_api_token: RevokeApiToken,
    /// The user an API token acts for.
    pub authenticate_api_token: AuthenticateApiToken,
    /// Write or change one's review of a completed appointment.
    pub write_review: WriteReview,
    /// The public reviews of a service or provider.
    pub list_reviews: ListReviews,
    /// A provider answers a review.
    pub reply_to_review: ReplyToReview,
    /// Report a review to staff.
    pub report_review: ReportReview,
    /// Webhook endpoints, their attempts, resends and tests.
    pub webhooks: ManageWebhooks,
    /// Download everything stored about oneself.
    pub export_personal_data: ExportPersonalData,
    /// Delete one's own account.
    pub erase_account: EraseAccount,
}

/// How photos are served.
pub struct ImageServingState {
    /// Where they are kept.
    pub storage: Arc<dyn ObjectStorage>,
    /// Stream them, or redirect to the store.
    pub mode: ImageServing,
    /// How long a presigned URL works.
    pub presign_for: Duration,
    /// Largest accepted upload in bytes.
    pub max_upload_bytes: u64,
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
    pub send_reset: SendResetLink,
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
    /// Delete the calendar of a provider who left or was deactivated.
    pub delete_orphan: DeleteOrphanAudited,
    /// Calendars at the calendar service that belong to no provider.
    pub unlinked_calendars: ListUnlinkedCalendars,
    /// Delete one of those.
    pub delete_unlinked: DeleteUnlinkedCalendar,
    /// The audit log.
    pub audit: ListAudit,
    /// Reviews with open reports.
    pub review_reports: ListReports,
    /// Hide or restore a review.
    pub moderate_review: ModerateReview,
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
    /// Rate limits: failed logins, account mails, sign-ups, API requests, bookings.
    pub limits: Limits,
    /// Compiled page templates.
    pub templates: Templates,
    /// The current time.
    pub clock: Arc<dyn Clock>,
    /// What `/readyz` (and `/metrics`) check.
    pub health: HealthCheck,
    /// Photo storage and serving.
    pub images: ImageServingState,
    /// The public base URL, for absolute links (feed addresses).
    pub base_url: String,
    /// How long a password reset link works, in minutes (shown on the request page).
    pub reset_link_minutes: u32,
    /// Whether providers' calendars read with event details are watched with push channels
    /// (shown on the account page).
    pub calendar_push: bool,
}

/// The state as handlers receive it.
pub type SharedState = Arc<AppState>;
