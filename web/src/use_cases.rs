//! Every use case the app runs, built in one place ([`UseCases::new`]) from the stores and
//! outlets that [`crate::startup`] chose: the handlers' ones, the administration panel's and the
//! background workers'. Serve, the workers, `bys demo`, `bys create-admin` and the tests all take
//! their use cases from here.

use std::sync::Arc;

use adapters::IcalFeedRenderer;
use application::account_mail::VerificationMail;
use application::admin::Auditor;
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
use application::answer_hold::AnswerHold;
use application::answer_move_proposal::AnswerMoveProposal;
use application::appointment_calendar::AppointmentCalendar;
use application::authenticate::Authenticate;
use application::authenticate_api_token::AuthenticateApiToken;
use application::book_appointment::BookAppointment;
use application::book_series::BookSeries;
use application::booking_checks::BookingChecks;
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
use application::delete_orphaned_calendar::DeleteOrphanedCalendar;
use application::deliver_pending::{
    DeliverPending, DeliverySettings, Outlets as DeliveryOutlets, Records as DeliveryRecords,
};
use application::deliver_webhooks::{DeliverWebhooks, DisablingMail, WebhookDeliverySettings};
use application::erase_account::{EraseAccount, ErasurePorts};
use application::export_personal_data::{ExportPersonalData, ExportSources};
use application::external_busy::ExternalBusy;
use application::follow_calendar_edits::{EditsMail, EditsSettings, FollowCalendarEdits};
use application::get_appointment::GetAppointment;
use application::get_profile::GetProfile;
use application::get_schedule::GetSchedule;
use application::get_service::GetService;
use application::issue_feed_token::IssueFeedToken;
use application::join_waitlist::JoinWaitlist;
use application::list_api_tokens::ListApiTokens;
use application::list_appointments::ListAppointments;
use application::list_calendars::ListCalendars;
use application::list_categories::ListCategories;
use application::list_free_slots::ListFreeSlots;
use application::list_provider_services::ListProviderServices;
use application::list_reviews::ListReviews;
use application::list_waitlist::ListWaitlist;
use application::manage_webhooks::ManageWebhooks;
use application::move_following::MoveFollowing;
use application::offer_freed_places::OfferFreedPlaces;
use application::preview_series::PreviewSeries;
use application::prune_expired_data::PruneExpiredData;
use application::receive_calendar_push::ReceiveCalendarPush;
use application::register_user::RegisterUser;
use application::reply_to_review::ReplyToReview;
use application::report_review::ReportReview;
use application::request_password_reset::{RequestPasswordReset, ResetMailing};
use application::reschedule_appointment::RescheduleAppointment;
use application::reset_password::ResetPassword;
use application::resync_calendar::ResyncCalendar;
use application::revoke_api_token::RevokeApiToken;
use application::revoke_feed_token::RevokeFeedToken;
use application::search_services::SearchServices;
use application::send_reminders::SendReminders;
use application::send_verification::SendVerification;
use application::send_welcome::SendWelcome;
use application::set_booking_policy::SetBookingPolicy;
use application::set_date_override::SetDateOverride;
use application::set_weekly_hours::SetWeeklyHours;
use application::stop_review_requests::StopReviewRequests;
use application::sync_busy_times::{BusySyncSettings, SyncBusyTimes};
use application::sync_provider_calendar::SyncProviderCalendar;
use application::update_appointment_status::UpdateAppointmentStatus;
use application::update_profile::UpdateProfile;
use application::update_service::UpdateService;
use application::upload_image::UploadImage;
use application::verify_email::VerifyEmail;
use application::warn_closing_calendars::{WarnClosingCalendars, WarnSettings};
use application::watch_calendars::{WatchCalendars, WatchSettings};
use application::write_review::WriteReview;
use chrono::TimeDelta;

use crate::settings::Settings;
use crate::startup::{Outlets, Stores};

/// Every use case: the ones handlers call (each handler calls one), the administration panel's
/// and the background workers'.
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
    /// Move an occurrence of a series and every later one.
    pub move_following: MoveFollowing,
    /// Customers answer moves their provider made in their own calendar.
    pub answer_move: AnswerMoveProposal,
    /// Join or leave a service's waitlist.
    pub join_waitlist: JoinWaitlist,
    /// Who waits: one's own entries, a provider's waitlist.
    pub list_waitlist: ListWaitlist,
    /// Accept or decline a place held from the waitlist.
    pub answer_hold: AnswerHold,
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
    /// The administration panel's use cases.
    pub admin: AdminUseCases,
    /// The background workers' steps.
    pub background: Background,
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
    /// Mail a password reset link.
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

impl UseCases {
    /// The use cases for work done without serving (`bys create-admin`, data set up before the
    /// app starts): over `stores` and the outlets `settings` name, links under the configured
    /// `server.base_url`.
    ///
    /// # Errors
    /// When an outlet is misconfigured (see [`Outlets::from_settings`]).
    pub async fn offline(settings: &Settings, stores: &Stores) -> anyhow::Result<Self> {
        let base_url = settings.server.base_url.trim();
        let outlets = Outlets::from_settings(settings, stores, base_url).await?;
        Ok(Self::new(settings, stores, &outlets))
    }

    /// Every use case over `stores` and `outlets`, tuned by `settings`. The one place use cases
    /// are built.
    #[allow(
        clippy::too_many_lines,
        reason = "a flat list of every use case reads best; each entry is a constructor call"
    )]
    pub fn new(settings: &Settings, stores: &Stores, outlets: &Outlets) -> Self {
        let m = stores;
        let (clock, hasher, links) = (&outlets.clock, &outlets.hasher, &outlets.links);
        let verification = VerificationMail {
            tokens: m.account_tokens.clone(),
            clock: clock.clone(),
            composer: outlets.composer.clone(),
            mailer: outlets.mailer.clone(),
            links: links.clone(),
            ttl: TimeDelta::hours(i64::from(settings.mail.verify_link_hours)),
        };
        // Shared with the administration panel, which wraps them in its audit log.
        let request_reset = RequestPasswordReset::new(
            m.users.clone(),
            m.account_tokens.clone(),
            clock.clone(),
            ResetMailing {
                composer: outlets.composer.clone(),
                mailer: outlets.mailer.clone(),
                links: links.clone(),
                ttl: TimeDelta::minutes(i64::from(settings.mail.reset_link_minutes)),
            },
        );
        let create_staff = CreateStaffAccount::new(m.users.clone(), hasher.clone(), clock.clone());
        let cancel = CancelAppointment::new(
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            clock.clone(),
        );
        let admin = AdminUseCases::new(
            settings,
            stores,
            outlets,
            (request_reset.clone(), create_staff.clone(), cancel.clone()),
        );
        let external = external_busy(settings, m);
        let reschedule = Arc::new(RescheduleAppointment::new(
            m.users.clone(),
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            external.clone(),
            clock.clone(),
        ));
        let move_following = MoveFollowing::new(
            m.users.clone(),
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            external.clone(),
            clock.clone(),
        );
        let booking_checks = BookingChecks::new(
            m.users.clone(),
            m.services.clone(),
            m.schedules.clone(),
            m.appointments.clone(),
            external.clone(),
            clock.clone(),
        );
        let background = Background::new(settings, stores, outlets, &cancel);
        Self {
            register: RegisterUser::new(
                m.users.clone(),
                m.schedules.clone(),
                hasher.clone(),
                clock.clone(),
            ),
            authenticate: Authenticate::new(m.users.clone(), hasher.clone()),
            current_user: CurrentUser::new(m.users.clone()),
            search: SearchServices::new(m.services.clone()),
            get_service: GetService::new(
                m.services.clone(),
                m.users.clone(),
                m.categories.clone(),
                m.reviews.clone(),
            ),
            categories: ListCategories::new(m.categories.clone()),
            free_slots: ListFreeSlots::new(
                m.users.clone(),
                m.services.clone(),
                m.schedules.clone(),
                m.appointments.clone(),
                external.clone(),
                clock.clone(),
            ),
            book: BookAppointment::new(booking_checks.clone()),
            preview_series: PreviewSeries::new(booking_checks.clone()),
            book_series: BookSeries::new(booking_checks),
            get_appointment: GetAppointment::new(
                m.appointments.clone(),
                m.users.clone(),
                m.services.clone(),
            ),
            list_appointments: ListAppointments::new(
                m.appointments.clone(),
                m.users.clone(),
                m.services.clone(),
                clock.clone(),
            ),
            cancel,
            reschedule: reschedule.clone(),
            move_following,
            answer_move: AnswerMoveProposal::new(
                m.appointments.clone(),
                m.move_proposals.clone(),
                reschedule,
                clock.clone(),
            ),
            join_waitlist: JoinWaitlist::new(
                m.users.clone(),
                m.services.clone(),
                m.schedules.clone(),
                m.waitlist.clone(),
                clock.clone(),
            ),
            list_waitlist: ListWaitlist::new(
                m.waitlist.clone(),
                m.services.clone(),
                m.users.clone(),
            ),
            answer_hold: AnswerHold::new(
                m.schedules.clone(),
                m.appointments.clone(),
                m.waitlist.clone(),
                clock.clone(),
            ),
            welcome: SendWelcome::new(m.users.clone(), verification.clone()),
            verify_email: VerifyEmail::new(
                m.users.clone(),
                m.account_tokens.clone(),
                clock.clone(),
            ),
            stop_review_requests: StopReviewRequests::new(
                m.account_tokens.clone(),
                m.users.clone(),
                clock.clone(),
            ),
            send_verification: SendVerification::new(m.users.clone(), verification),
            change_email: ChangeEmail::new(
                m.users.clone(),
                m.account_tokens.clone(),
                hasher.clone(),
            ),
            request_reset,
            reset_password: ResetPassword::new(
                m.users.clone(),
                m.account_tokens.clone(),
                hasher.clone(),
                clock.clone(),
            ),
            calendar_feed: CalendarFeed::new(
                m.feed_tokens.clone(),
                m.users.clone(),
                m.services.clone(),
                m.appointments.clone(),
                Arc::new(IcalFeedRenderer),
                clock.clone(),
                links.clone(),
            ),
            update_status: UpdateAppointmentStatus::new(m.appointments.clone(), clock.clone()),
            calendar_conflicts: CalendarConflicts::new(m.busy_times.clone()),
            appointment_calendar: AppointmentCalendar::new(
                m.users.clone(),
                m.services.clone(),
                m.appointments.clone(),
                Arc::new(IcalFeedRenderer),
                clock.clone(),
                links.clone(),
            ),
            issue_feed_token: IssueFeedToken::new(m.feed_tokens.clone(), m.users.clone()),
            busy_calendars: BusyCalendarChoice::new(
                outlets.busy_source.clone(),
                m.busy_times.clone(),
                m.calendar_links.clone(),
                external.clone(),
            ),
            receive_calendar_push: ReceiveCalendarPush::new(
                m.watch_channels.clone(),
                outlets.sync_cues.clone(),
            ),
            revoke_feed_token: RevokeFeedToken::new(m.feed_tokens.clone()),
            upload_image: UploadImage::new(
                outlets.images.clone(),
                outlets.storage.clone(),
                m.services.clone(),
                m.users.clone(),
                clock.clone(),
            ),
            create_staff,
            provider_services: ListProviderServices::new(m.users.clone(), m.services.clone()),
            create_service: CreateService::new(
                m.services.clone(),
                m.categories.clone(),
                clock.clone(),
            ),
            update_service: UpdateService::new(
                m.services.clone(),
                m.categories.clone(),
                clock.clone(),
            ),
            get_schedule: GetSchedule::new(m.users.clone(), m.schedules.clone()),
            set_weekly_hours: SetWeeklyHours::new(m.users.clone(), m.schedules.clone()),
            set_date_override: SetDateOverride::new(
                m.users.clone(),
                m.schedules.clone(),
                clock.clone(),
            ),
            set_booking_policy: SetBookingPolicy::new(m.users.clone(), m.schedules.clone()),
            get_profile: GetProfile::new(m.users.clone()),
            update_profile: UpdateProfile::new(m.users.clone()),
            change_password: ChangePassword::new(m.users.clone(), hasher.clone()),
            sync_calendar: SyncProviderCalendar::new(m.users.clone(), outlets.calendar.clone()),
            create_api_token: CreateApiToken::new(m.api_tokens.clone(), clock.clone()),
            list_api_tokens: ListApiTokens::new(m.api_tokens.clone()),
            revoke_api_token: RevokeApiToken::new(m.api_tokens.clone(), clock.clone()),
            authenticate_api_token: AuthenticateApiToken::new(
                m.api_tokens.clone(),
                m.users.clone(),
                clock.clone(),
            ),
            write_review: WriteReview::new(
                m.appointments.clone(),
                m.reviews.clone(),
                clock.clone(),
            ),
            list_reviews: ListReviews::new(m.reviews.clone(), m.users.clone()),
            reply_to_review: ReplyToReview::new(m.reviews.clone(), clock.clone()),
            report_review: ReportReview::new(m.reviews.clone(), clock.clone()),
            webhooks: ManageWebhooks::new(
                m.webhooks.clone(),
                outlets.webhooks.clone(),
                clock.clone(),
                TimeDelta::hours(i64::from(settings.webhooks.secret_overlap_hours)),
            ),
            export_personal_data: ExportPersonalData::new(ExportSources {
                users: m.users.clone(),
                appointments: m.appointments.clone(),
                services: m.services.clone(),
                reviews: m.reviews.clone(),
                api_tokens: m.api_tokens.clone(),
                feed_tokens: m.feed_tokens.clone(),
                audit: m.audit.clone(),
                waitlist: m.waitlist.clone(),
                clock: clock.clone(),
            }),
            erase_account: EraseAccount::new(ErasurePorts {
                users: m.users.clone(),
                hasher: hasher.clone(),
                services: m.services.clone(),
                appointments: m.appointments.clone(),
                storage: outlets.storage.clone(),
                calendar: outlets.calendar.clone(),
                personal_data: m.personal_data.clone(),
                mailer: outlets.mailer.clone(),
                auditor: Auditor::new(m.audit.clone(), clock.clone()),
                clock: clock.clone(),
            }),
            admin,
            background,
        }
    }
}

/// Providers' stored external busy time, stale per `calendar.busy_stale_minutes`.
fn external_busy(settings: &Settings, stores: &Stores) -> ExternalBusy {
    let stale = TimeDelta::minutes(i64::from(settings.calendar.busy_stale_minutes));
    ExternalBusy::new(stores.busy_times.clone()).stale_after(stale)
}

impl AdminUseCases {
    /// The administration panel's use cases over `stores` and `outlets`, around the reset
    /// mailing, staff creation and cancellation that [`UseCases`] share with it.
    fn new(
        settings: &Settings,
        stores: &Stores,
        outlets: &Outlets,
        (request_reset, create_staff, cancel): (
            RequestPasswordReset,
            CreateStaffAccount,
            CancelAppointment,
        ),
    ) -> Self {
        let m = stores;
        let clock = &outlets.clock;
        let auditor = Auditor::new(m.audit.clone(), clock.clone());
        let links = m.calendar_links.clone();
        let sync = outlets.calendar.clone();
        let calendars = || ListCalendars::new(links.clone(), m.users.clone());
        let unlinked = || ListUnlinkedCalendars::new(links.clone(), sync.clone());
        let external = external_busy(settings, m);
        Self {
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
            send_reset: SendResetLink::new(m.users.clone(), request_reset, auditor.clone()),
            add_staff: AddStaff::new(create_staff, auditor.clone()),
            categories: ListAllCategories::new(m.categories.clone()),
            manage_categories: ManageCategories::new(m.categories.clone(), auditor.clone()),
            services: ListAllServices::new(m.services.clone(), m.users.clone()),
            deactivate_service: DeactivateService::new(
                m.services.clone(),
                m.categories.clone(),
                clock.clone(),
                auditor.clone(),
            ),
            appointments: BrowseAppointments::new(
                m.appointments.clone(),
                m.users.clone(),
                m.services.clone(),
            ),
            cancel: CancelOnBehalf::new(m.appointments.clone(), cancel, auditor.clone()),
            operations: ListOperations::new(
                m.deliveries.clone(),
                calendars(),
                m.busy_times.clone(),
                external.clone(),
                clock.clone(),
            ),
            retry_delivery: RetryDelivery::new(
                m.deliveries.clone(),
                clock.clone(),
                auditor.clone(),
            ),
            resync: ResyncAudited::new(
                ResyncCalendar::new(
                    m.users.clone(),
                    m.services.clone(),
                    m.appointments.clone(),
                    sync.clone(),
                    clock.clone(),
                    outlets.links.clone(),
                ),
                auditor.clone(),
            ),
            delete_orphan: DeleteOrphanAudited::new(
                DeleteOrphanedCalendar::new(m.users.clone(), sync.clone()),
                auditor.clone(),
            ),
            unlinked_calendars: unlinked(),
            delete_unlinked: DeleteUnlinkedCalendar::new(unlinked(), sync.clone(), auditor.clone()),
            audit: ListAudit::new(m.audit.clone()),
            review_reports: ListReports::new(m.reviews.clone()),
            moderate_review: ModerateReview::new(m.reviews.clone(), clock.clone(), auditor),
        }
    }
}

/// Reminders recorded per run.
const REMINDER_BATCH: u32 = 100;

/// Messages claimed per run of the webhook worker.
pub const WEBHOOK_BATCH: u32 = 20;

/// The background workers' steps (run by [`crate::workers`]).
pub struct Background {
    /// Mails, calendar updates and the fan-out of webhooks.
    pub deliver: Arc<DeliverPending>,
    /// Deliveries claimed per run of [`Self::deliver`].
    pub delivery_batch: usize,
    /// Reminder mails before appointments.
    pub reminders: Arc<SendReminders>,
    /// Retention; `None` while `workers.retention_days` is 0.
    pub prune: Option<Arc<PruneExpiredData>>,
    /// Signed posts to webhook endpoints.
    pub webhooks: Arc<DeliverWebhooks>,
    /// Reading providers' own calendars; `None` without a calendar service.
    pub busy_times: Option<Arc<BusyTimeSteps>>,
    /// Expired holds released, freed places held for the waitlist.
    pub waitlist: Arc<OfferFreedPlaces>,
}

/// The steps of the busy-time worker.
pub struct BusyTimeSteps {
    /// Reads providers' own calendars.
    pub sync: SyncBusyTimes,
    /// Mails providers whose calendars close their slots.
    pub warn: WarnClosingCalendars,
    /// Keeps push channels open; `None` unless the calendar service pushes.
    pub watch: Option<WatchCalendars>,
    /// Follows what providers do to our entries in their calendars.
    pub edits: FollowCalendarEdits,
}

impl Background {
    /// The workers' steps over `stores` and `outlets`, tuned by `settings.workers`,
    /// `settings.webhooks` and `settings.calendar`.
    fn new(
        settings: &Settings,
        stores: &Stores,
        outlets: &Outlets,
        cancel: &CancelAppointment,
    ) -> Self {
        let (clock, workers) = (&outlets.clock, &settings.workers);
        let delivery = DeliverySettings {
            lease: TimeDelta::seconds(i64::from(workers.delivery_lease_seconds.max(1))),
            ..DeliverySettings::default()
        };
        let delivery_batch = usize::try_from(delivery.batch).unwrap_or(usize::MAX);
        let deliver = DeliverPending::new(
            DeliveryRecords {
                queue: stores.deliveries.clone(),
                users: stores.users.clone(),
                services: stores.services.clone(),
                appointments: stores.appointments.clone(),
                tokens: stores.account_tokens.clone(),
            },
            DeliveryOutlets {
                composer: outlets.composer.clone(),
                mailer: outlets.mailer.clone(),
                calendar: outlets.calendar.clone(),
                webhooks: stores.webhooks.clone(),
                links: outlets.links.clone(),
            },
            clock.clone(),
            delivery,
        );
        let reminders = SendReminders::new(
            stores.appointments.clone(),
            clock.clone(),
            TimeDelta::hours(i64::from(settings.mail.reminder_lead_hours)),
            REMINDER_BATCH,
        );
        let prune = (workers.retention_days > 0).then(|| {
            Arc::new(PruneExpiredData::new(
                stores.personal_data.clone(),
                clock.clone(),
                TimeDelta::days(i64::from(workers.retention_days)),
            ))
        });
        let external = external_busy(settings, stores);
        let waitlist = OfferFreedPlaces::new(
            BookingChecks::new(
                stores.users.clone(),
                stores.services.clone(),
                stores.schedules.clone(),
                stores.appointments.clone(),
                external.clone(),
                clock.clone(),
            ),
            ListFreeSlots::new(
                stores.users.clone(),
                stores.services.clone(),
                stores.schedules.clone(),
                stores.appointments.clone(),
                external,
                clock.clone(),
            ),
            stores.users.clone(),
            stores.appointments.clone(),
            stores.waitlist.clone(),
            clock.clone(),
        );
        let s = &settings.webhooks;
        let webhooks = DeliverWebhooks::new(
            stores.webhooks.clone(),
            outlets.webhooks.clone(),
            DisablingMail {
                users: stores.users.clone(),
                composer: outlets.composer.clone(),
                mailer: outlets.mailer.clone(),
                links: outlets.links.clone(),
            },
            clock.clone(),
            WebhookDeliverySettings {
                batch: WEBHOOK_BATCH,
                // Past the post's timeout, so a slow receiver's message is not claimed twice.
                lease: TimeDelta::seconds(i64::try_from(s.timeout_seconds).unwrap_or(60) * 2 + 30),
                disable_after_failures: s.disable_after_failures.max(1),
            },
        );
        Self {
            deliver: Arc::new(deliver),
            delivery_batch,
            reminders: Arc::new(reminders),
            prune,
            webhooks: Arc::new(webhooks),
            busy_times: BusyTimeSteps::new(settings, stores, outlets, cancel).map(Arc::new),
            waitlist: Arc::new(waitlist),
        }
    }
}

impl BusyTimeSteps {
    /// The steps when a calendar service reads providers' calendars, else `None`; a provider's
    /// deleted entry is cancelled through `cancel`, the handlers' own.
    fn new(
        settings: &Settings,
        stores: &Stores,
        outlets: &Outlets,
        cancel: &CancelAppointment,
    ) -> Option<Self> {
        let source = outlets.busy_source.clone()?;
        let clock = &outlets.clock;
        let warn = WarnClosingCalendars::new(
            stores.busy_times.clone(),
            stores.users.clone(),
            outlets.composer.clone(),
            outlets.mailer.clone(),
            external_busy(settings, stores),
            clock.clone(),
            WarnSettings {
                links: outlets.links.clone(),
                share_with: source.share_with(),
            },
        );
        let sync = SyncBusyTimes::new(
            source,
            stores.busy_times.clone(),
            clock.clone(),
            BusySyncSettings {
                poll_every: TimeDelta::minutes(i64::from(settings.calendar.busy_poll_minutes)),
                ..BusySyncSettings::default()
            },
        );
        let watch = outlets.calendar_watch.clone().map(|watching| {
            let lifetime = watching.target.lifetime;
            WatchCalendars::new(
                stores.busy_times.clone(),
                stores.watch_channels.clone(),
                watching.watch,
                clock.clone(),
                WatchSettings {
                    address: watching.target.address,
                    lifetime,
                    renew_before: (lifetime / 2).min(TimeDelta::days(1)),
                },
            )
        });
        let edits = FollowCalendarEdits::new(
            outlets.calendar.clone(),
            stores.calendar_links.clone(),
            stores.appointments.clone(),
            stores.move_proposals.clone(),
            Arc::new(cancel.clone()),
            (stores.users.clone(), stores.services.clone()),
            EditsMail {
                composer: outlets.composer.clone(),
                mailer: outlets.mailer.clone(),
            },
            clock.clone(),
            outlets.links.clone(),
            // Our entries are read back as often as providers' own calendars.
            EditsSettings {
                every: TimeDelta::minutes(i64::from(settings.calendar.busy_poll_minutes)),
                past: TimeDelta::days(1),
            },
        );
        Some(Self {
            sync,
            warn,
            watch,
            edits,
        })
    }
}
