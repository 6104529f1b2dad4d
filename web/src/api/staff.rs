//! `/api/v1/staff`: the administration panel's operations for programs: accounts,
//! categories, every appointment, failed deliveries, provider calendars and the audit log.
//! Each calls the use case its admin page calls, which decides who may: staff (admin and
//! support) read everything, support may also cancel appointments, every other change is for
//! admins, and every change lands in the audit log.

use application::admin::AdminError;
use application::admin::appointments::AppointmentRow;
use application::admin::users::UserDetail;
use application::list_calendars::CalendarOverview;
use application::ports::{
    AppointmentQuery, AuditEntry, Channel, DeliveryId, FailedDelivery, Page, PageRequest, UserQuery,
};
use application::update_category::CategoryChanges;
use chrono::{DateTime, Utc};
use domain::{
    AppointmentId, AppointmentStatus, CategoryId, CategoryName, Note, Role, User, UserId,
};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};
use uuid::Uuid;

use super::appointments::{AppointmentView, StatusName, open_window};
use super::problem::{Problem, language};
use super::services::CategoryView;
use super::{ApiAuth, ApiTags};
use crate::pages::follow_calendar_share;
use crate::refusals::{self, Said};
use crate::state::SharedState;

/// Items per page when `per_page` is not given, as on the admin pages.
const PER_PAGE: u32 = 25;

/// An account's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename = "StaffRole", rename_all = "snake_case")]
pub enum RoleName {
    /// Books and cancels their own appointments.
    Customer,
    /// Offers services.
    Provider,
    /// Staff who read everything and cancel appointments.
    Support,
    /// Staff with every right.
    Admin,
}

impl From<Role> for RoleName {
    fn from(r: Role) -> Self {
        match r {
            Role::Customer => Self::Customer,
            Role::Provider => Self::Provider,
            Role::Support => Self::Support,
            Role::Admin => Self::Admin,
        }
    }
}

impl From<RoleName> for Role {
    fn from(r: RoleName) -> Self {
        match r {
            RoleName::Customer => Self::Customer,
            RoleName::Provider => Self::Provider,
            RoleName::Support => Self::Support,
            RoleName::Admin => Self::Admin,
        }
    }
}

/// Where a delivery goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename = "StaffDeliveryChannel", rename_all = "snake_case")]
pub enum ChannelName {
    /// An email to the customer.
    CustomerEmail,
    /// An email to the provider.
    ProviderEmail,
    /// The provider's calendar.
    Calendar,
    /// The webhook endpoints that receive the event.
    Webhooks,
}

impl From<Channel> for ChannelName {
    fn from(c: Channel) -> Self {
        match c {
            Channel::CustomerEmail => Self::CustomerEmail,
            Channel::ProviderEmail => Self::ProviderEmail,
            Channel::Calendar => Self::Calendar,
            Channel::Webhooks => Self::Webhooks,
        }
    }
}

/// An account as staff see it.
#[derive(Debug, Object)]
#[oai(rename = "StaffUser")]
pub struct UserView {
    /// Its id.
    pub id: Uuid,
    /// Display name.
    pub name: String,
    /// Login email.
    pub email: String,
    // Described by its type (see `crate::api`).
    pub(crate) role: RoleName,
    /// Whether it can log in (and, for a provider, be booked).
    pub active: bool,
    /// The zone its times are shown in (IANA name).
    pub zone: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.as_uuid(),
            name: u.name.as_str().to_owned(),
            email: u.email.as_str().to_owned(),
            role: u.role.into(),
            active: u.active,
            zone: u.zone.name().to_owned(),
            created_at: u.created_at,
        }
    }
}

/// One page of accounts.
#[derive(Debug, Object)]
#[oai(rename = "StaffUserPage")]
pub struct UserPage {
    /// The accounts on this page.
    pub items: Vec<UserView>,
    /// Matches across all pages.
    pub total: u64,
    /// This page (1-based).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// How many pages there are.
    pub pages: u64,
}

/// One of an account's services.
#[derive(Debug, Object)]
#[oai(rename = "StaffUserService")]
pub struct UserServiceView {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Whether it can be booked.
    pub active: bool,
}

/// One account with its services and latest appointments.
#[derive(Debug, Object)]
#[oai(rename = "StaffUserDetail")]
pub struct UserDetailView {
    /// The account.
    pub user: UserView,
    /// The services they provide, active or not.
    pub services: Vec<UserServiceView>,
    /// Their latest 50 appointments, as customer or as provider.
    pub appointments: Vec<AppointmentView>,
    /// How many appointments they have in all.
    pub appointments_total: u64,
}

impl From<&UserDetail> for UserDetailView {
    fn from(d: &UserDetail) -> Self {
        Self {
            user: (&d.user).into(),
            services: d
                .services
                .iter()
                .map(|s| UserServiceView {
                    id: s.id.as_uuid(),
                    name: s.name.as_str().to_owned(),
                    active: s.active,
                })
                .collect(),
            appointments: d
                .appointments
                .items
                .iter()
                .map(AppointmentView::from)
                .collect(),
            appointments_total: d.appointments.total,
        }
    }
}

/// A new role.
#[derive(Debug, Object)]
#[oai(rename = "StaffRoleChange")]
pub struct RoleInput {
    // Described by its type (see `crate::api`).
    pub(crate) role: RoleName,
}

/// Whether an account is active.
#[derive(Debug, Object)]
#[oai(rename = "StaffActiveChange")]
pub struct ActiveInput {
    /// `false` deactivates (the account's sessions and API tokens stop working at once; a
    /// provider leaves search), `true` reactivates. Admins cannot deactivate themselves.
    pub active: bool,
}

/// A category to add.
#[derive(Debug, Object)]
#[oai(rename = "StaffNewCategory")]
pub struct NewCategoryInput {
    /// Display name (2 to 60 characters, with at least one letter a–z or digit for its URL
    /// name).
    #[oai(validator(min_length = 2, max_length = 60))]
    pub name: String,
    /// Order in lists (ascending; default 0).
    pub position: Option<i32>,
}

/// A category as it should be.
#[derive(Debug, Object)]
#[oai(rename = "StaffCategoryChange")]
pub struct CategoryInput {
    /// Display name (2 to 60 characters); the URL name stays as created.
    #[oai(validator(min_length = 2, max_length = 60))]
    pub name: String,
    /// Order in lists (ascending).
    pub position: i32,
    /// `false` hides it from filters and new services (its services keep it); there is no
    /// deleting a category.
    pub active: bool,
}

impl CategoryInput {
    fn try_into_changes(self) -> Result<CategoryChanges, Problem> {
        Ok(CategoryChanges {
            name: category_name(&self.name)?,
            position: self.position,
            active: self.active,
        })
    }
}

fn category_name(raw: &str) -> Result<CategoryName, Problem> {
    CategoryName::parse(raw)
        .map_err(|e| Problem::unprocessable("invalid-category", e.said(&language())))
}

/// An appointment with the names staff need to read it.
#[derive(Debug, Object)]
#[oai(rename = "StaffAppointment")]
pub struct AppointmentRowView {
    /// The appointment.
    pub appointment: AppointmentView,
    /// Its service's name (absent when the service is gone).
    #[oai(skip_serializing_if_is_none)]
    pub service_name: Option<String>,
    /// Its provider's name (absent when the account is gone).
    #[oai(skip_serializing_if_is_none)]
    pub provider_name: Option<String>,
    /// Its customer's name (absent when the account is gone).
    #[oai(skip_serializing_if_is_none)]
    pub customer_name: Option<String>,
    /// Why it was cancelled, when a reason was given.
    #[oai(skip_serializing_if_is_none)]
    pub cancellation_reason: Option<String>,
}

impl From<&AppointmentRow> for AppointmentRowView {
    fn from(r: &AppointmentRow) -> Self {
        let a = &r.appointment;
        Self {
            appointment: a.into(),
            service_name: r.service_name.as_ref().map(|n| n.as_str().to_owned()),
            provider_name: r.provider_name.as_ref().map(|n| n.as_str().to_owned()),
            customer_name: r.customer_name.as_ref().map(|n| n.as_str().to_owned()),
            cancellation_reason: a
                .cancellation
                .as_ref()
                .and_then(|c| c.reason.as_ref())
                .map(|n| n.as_str().to_owned()),
        }
    }
}

/// One page of appointments.
#[derive(Debug, Object)]
#[oai(rename = "StaffAppointmentPage")]
pub struct AppointmentPage {
    /// The appointments on this page.
    pub items: Vec<AppointmentRowView>,
    /// Matches across all pages.
    pub total: u64,
    /// This page (1-based).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// How many pages there are.
    pub pages: u64,
}

/// Why staff cancel an appointment.
#[derive(Debug, Object)]
#[oai(rename = "StaffCancellation")]
pub struct CancelInput {
    /// The reason, told to the customer and the provider (1 to 1000 characters).
    #[oai(validator(min_length = 1, max_length = 1000))]
    pub reason: String,
}

/// A delivery given up on.
#[derive(Debug, Object)]
#[oai(rename = "StaffFailedDelivery")]
pub struct DeliveryView {
    /// Its id (retry it with this).
    pub id: Uuid,
    // Described by its type (see `crate::api`).
    pub(crate) channel: ChannelName,
    /// The change it should have told of, e.g. `booked` or `cancelled`.
    pub change: String,
    /// The appointment concerned.
    pub appointment_id: Uuid,
    /// How many attempts were made.
    pub attempts: u32,
    /// The last error.
    pub error: String,
    /// When it was given up on.
    pub failed_at: DateTime<Utc>,
}

impl From<&FailedDelivery> for DeliveryView {
    fn from(d: &FailedDelivery) -> Self {
        Self {
            id: d.id.as_uuid(),
            channel: d.channel.into(),
            change: d.event.kind.as_str().to_owned(),
            appointment_id: d.event.appointment.id.as_uuid(),
            attempts: d.attempts,
            error: d.error.clone(),
            failed_at: d.failed_at,
        }
    }
}

/// A provider's calendar at the calendar service and how its sync stands.
#[derive(Debug, Object)]
#[oai(rename = "StaffCalendar")]
pub struct CalendarView {
    /// The provider (re-sync with this id).
    pub provider_id: Uuid,
    /// The provider's name (absent when the account is gone).
    #[oai(skip_serializing_if_is_none)]
    pub provider_name: Option<String>,
    /// When a sync last succeeded.
    #[oai(skip_serializing_if_is_none)]
    pub last_synced_at: Option<DateTime<Utc>>,
    /// The error of the last sync, if it failed.
    #[oai(skip_serializing_if_is_none)]
    pub last_error: Option<String>,
    /// Whether nobody needs it any more (its provider is gone, deactivated or no longer a
    /// provider).
    pub orphaned: bool,
}

impl From<&CalendarOverview> for CalendarView {
    fn from(c: &CalendarOverview) -> Self {
        Self {
            provider_id: c.calendar.provider.as_uuid(),
            provider_name: c.provider_name.as_ref().map(|n| n.as_str().to_owned()),
            last_synced_at: c.calendar.last_synced_at,
            last_error: c.calendar.last_error.clone(),
            orphaned: c.orphaned,
        }
    }
}

/// What a re-sync did.
#[derive(Debug, Object)]
#[oai(rename = "StaffResyncReport")]
pub struct ResyncView {
    /// Appointments whose calendar entry now matches.
    pub applied: u64,
    /// Appointments the calendar service refused for good.
    pub refused: Vec<RefusedEntry>,
}

/// An appointment the calendar service refused.
#[derive(Debug, Object)]
#[oai(rename = "StaffResyncRefusal")]
pub struct RefusedEntry {
    /// The appointment.
    pub appointment_id: Uuid,
    /// The calendar service's error.
    pub error: String,
}

/// One staff action.
#[derive(Debug, Object)]
#[oai(rename = "StaffAuditEntry")]
pub struct AuditView {
    /// Its id.
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor_id: Uuid,
    /// What was done, a stable dotted name such as `user.deactivate`.
    pub action: String,
    /// What it was done to, such as `user:<id>`.
    pub target: String,
    /// The target before (absent when it did not exist).
    #[oai(skip_serializing_if_is_none)]
    pub before: Option<serde_json::Value>,
    /// The target after (absent when it no longer exists).
    #[oai(skip_serializing_if_is_none)]
    pub after: Option<serde_json::Value>,
}

/// The log keeps JSON text; a value that does not parse is shown as the text it is.
fn json_of(text: Option<&str>) -> Option<serde_json::Value> {
    text.map(|t| {
        serde_json::from_str(t).unwrap_or_else(|_| serde_json::Value::String(t.to_owned()))
    })
}

impl From<&AuditEntry> for AuditView {
    fn from(e: &AuditEntry) -> Self {
        Self {
            id: e.id,
            at: e.at,
            actor_id: e.actor.as_uuid(),
            action: e.action.clone(),
            target: e.target.clone(),
            before: json_of(e.before.as_deref()),
            after: json_of(e.after.as_deref()),
        }
    }
}

/// One page of the audit log.
#[derive(Debug, Object)]
#[oai(rename = "StaffAuditPage")]
pub struct AuditPage {
    /// The entries on this page, newest first.
    pub items: Vec<AuditView>,
    /// Entries across all pages.
    pub total: u64,
    /// This page (1-based).
    pub page: u32,
    /// Items per page.
    pub per_page: u32,
    /// How many pages there are.
    pub pages: u64,
}

/// A category was added.
#[derive(ApiResponse)]
enum CategoryCreated {
    /// The new category, active.
    #[oai(status = 201)]
    Created(Json<CategoryView>),
}

/// A delivery was put back in the queue.
#[derive(ApiResponse)]
enum Requeued {
    /// Due now: the worker delivers it shortly.
    #[oai(status = 202)]
    Accepted,
}

fn page_request(page: Option<u32>, per_page: Option<u32>) -> PageRequest {
    PageRequest::new(page.unwrap_or(1), per_page.unwrap_or(PER_PAGE))
}

/// Staff endpoints.
pub struct StaffApi;

#[OpenApi(tag = "ApiTags::Staff")]
impl StaffApi {
    /// Accounts, newest first, filtered by role, state and text in the name or email (staff).
    #[oai(path = "/staff/users", method = "get")]
    #[allow(clippy::too_many_arguments)] // one per query parameter
    async fn users(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        /// Only this role.
        role: Query<Option<RoleName>>,
        /// Only active (`true`) or deactivated (`false`) accounts.
        active: Query<Option<bool>>,
        /// Text found, ignoring case, in the name or the email.
        #[oai(validator(max_length = 200))]
        q: Query<Option<String>>,
        /// Page number, from 1.
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))]
        page: Query<Option<u32>>,
        /// Accounts per page (default 25).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        per_page: Query<Option<u32>>,
    ) -> Result<Json<UserPage>, Problem> {
        let query = UserQuery {
            text: q.0.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            role: role.0.map(Role::from),
            active: active.0,
            page: page_request(page.0, per_page.0),
        };
        let found = state
            .use_cases
            .admin
            .users
            .run(&auth.actor(), &query)
            .await
            .map_err(problem("account"))?;
        Ok(Json(UserPage {
            items: found.items.iter().map(UserView::from).collect(),
            total: found.total,
            page: found.request.page(),
            per_page: found.request.per_page(),
            pages: found.page_count(),
        }))
    }

    /// One account with its services and latest appointments (staff).
    #[oai(path = "/staff/users/:id", method = "get")]
    async fn user(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Json<UserDetailView>, Problem> {
        let detail = state
            .use_cases
            .admin
            .user
            .run(&auth.actor(), UserId::from_uuid(id.0))
            .await
            .map_err(problem("account"))?;
        Ok(Json((&detail).into()))
    }

    /// Give an account another role (admins; audited). A customer made a provider gets empty
    /// opening hours; admins cannot change their own role.
    #[oai(path = "/staff/users/:id/role", method = "put")]
    async fn change_role(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<RoleInput>,
    ) -> Result<Json<UserView>, Problem> {
        let id = UserId::from_uuid(id.0);
        let user = state
            .use_cases
            .admin
            .edit_user
            .change_role(&auth.actor(), id, body.role.into())
            .await
            .map_err(problem("account"))?;
        follow_calendar_share(&state, id);
        Ok(Json((&user).into()))
    }

    /// Deactivate or reactivate an account (admins; audited). A deactivated account's sessions
    /// and API tokens stop working at once; its appointments stay.
    #[oai(path = "/staff/users/:id/active", method = "put")]
    async fn set_active(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<ActiveInput>,
    ) -> Result<Json<UserView>, Problem> {
        let id = UserId::from_uuid(id.0);
        let user = state
            .use_cases
            .admin
            .set_active
            .run(&auth.actor(), id, body.active)
            .await
            .map_err(problem("account"))?;
        follow_calendar_share(&state, id);
        Ok(Json((&user).into()))
    }

    /// Every category, inactive ones included, by position then name (staff).
    #[oai(path = "/staff/categories", method = "get")]
    async fn categories(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<CategoryView>>, Problem> {
        let all = state
            .use_cases
            .admin
            .categories
            .run(&auth.actor())
            .await
            .map_err(problem("category"))?;
        Ok(Json(all.iter().map(CategoryView::from).collect()))
    }

    /// Add a category, active at once (admins; audited). Its URL name comes from the name
    /// and must be free (409).
    #[oai(path = "/staff/categories", method = "post")]
    async fn create_category(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        body: Json<NewCategoryInput>,
    ) -> Result<CategoryCreated, Problem> {
        let name = category_name(&body.name)?;
        let category = state
            .use_cases
            .admin
            .manage_categories
            .create(&auth.actor(), name, body.position.unwrap_or(0))
            .await
            .map_err(problem("category"))?;
        Ok(CategoryCreated::Created(Json((&category).into())))
    }

    /// Rename, move, deactivate or reactivate a category (admins; audited).
    #[oai(path = "/staff/categories/:id", method = "put")]
    async fn update_category(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<CategoryInput>,
    ) -> Result<Json<CategoryView>, Problem> {
        let changes = body.0.try_into_changes()?;
        let category = state
            .use_cases
            .admin
            .manage_categories
            .update(&auth.actor(), CategoryId::from_uuid(id.0), changes)
            .await
            .map_err(problem("category"))?;
        Ok(Json((&category).into()))
    }

    /// Every appointment, latest start first, filtered by status, provider, customer and a
    /// window of start times (staff).
    #[oai(path = "/staff/appointments", method = "get")]
    #[allow(clippy::too_many_arguments)] // one per query parameter
    async fn appointments(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        /// Only this status.
        status: Query<Option<StatusName>>,
        /// Only appointments with this provider.
        provider: Query<Option<Uuid>>,
        /// Only appointments of this customer.
        customer: Query<Option<Uuid>>,
        /// Only those starting at or after this instant (RFC 3339).
        from: Query<Option<DateTime<Utc>>>,
        /// Only those starting before this instant (RFC 3339).
        to: Query<Option<DateTime<Utc>>>,
        /// Page number, from 1.
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))]
        page: Query<Option<u32>>,
        /// Appointments per page (default 25).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        per_page: Query<Option<u32>>,
    ) -> Result<Json<AppointmentPage>, Problem> {
        let starting = open_window(from.0, to.0)?;
        let query = AppointmentQuery {
            provider: provider.0.map(UserId::from_uuid),
            customer: customer.0.map(UserId::from_uuid),
            status: status.0.map(AppointmentStatus::from),
            starting,
            page: page_request(page.0, per_page.0),
        };
        let found = state
            .use_cases
            .admin
            .appointments
            .list(&auth.actor(), &query)
            .await
            .map_err(problem("appointment"))?;
        Ok(Json(appointment_page(&found)))
    }

    /// One appointment with its names (staff).
    #[oai(path = "/staff/appointments/:id", method = "get")]
    async fn appointment(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Json<AppointmentRowView>, Problem> {
        let row = state
            .use_cases
            .admin
            .appointments
            .one(&auth.actor(), AppointmentId::from_uuid(id.0))
            .await
            .map_err(problem("appointment"))?;
        Ok(Json((&row).into()))
    }

    /// Cancel an appointment on someone's behalf with a reason (staff, support included;
    /// audited). The customer and the provider are told as for any cancellation.
    #[oai(path = "/staff/appointments/:id/cancel", method = "post")]
    async fn cancel(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
        body: Json<CancelInput>,
    ) -> Result<Json<AppointmentView>, Problem> {
        let reason = Note::parse(&body.reason)
            .map_err(|e| Problem::unprocessable("invalid-reason", e.said(&language())))?;
        let cancelled = state
            .use_cases
            .admin
            .cancel
            .run(&auth.actor(), AppointmentId::from_uuid(id.0), reason)
            .await
            .map_err(problem("appointment"))?;
        Ok(Json((&cancelled).into()))
    }

    /// Deliveries given up on (mail, calendar, webhooks), most recent first, at most 200
    /// (staff).
    #[oai(path = "/staff/deliveries", method = "get")]
    async fn deliveries(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<DeliveryView>>, Problem> {
        let ops = state
            .use_cases
            .admin
            .operations
            .run(&auth.actor())
            .await
            .map_err(problem("delivery"))?;
        Ok(Json(
            ops.failed_deliveries
                .iter()
                .map(DeliveryView::from)
                .collect(),
        ))
    }

    /// Put a failed delivery back in the queue, due now (admins; audited).
    #[oai(path = "/staff/deliveries/:id/retry", method = "post")]
    async fn retry_delivery(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        id: Path<Uuid>,
    ) -> Result<Requeued, Problem> {
        state
            .use_cases
            .admin
            .retry_delivery
            .run(&auth.actor(), DeliveryId::from_uuid(id.0))
            .await
            .map_err(problem("failed-delivery"))?;
        Ok(Requeued::Accepted)
    }

    /// Provider calendars at the calendar service and how their sync stands, failing ones
    /// first (staff).
    #[oai(path = "/staff/calendars", method = "get")]
    async fn calendars(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
    ) -> Result<Json<Vec<CalendarView>>, Problem> {
        let ops = state
            .use_cases
            .admin
            .operations
            .run(&auth.actor())
            .await
            .map_err(problem("calendar"))?;
        Ok(Json(ops.calendars.iter().map(CalendarView::from).collect()))
    }

    /// Rebuild a provider's calendar from their appointments (admins; audited). 503 when the
    /// calendar service fails.
    #[oai(path = "/staff/calendars/:id/resync", method = "post")]
    async fn resync(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        /// The provider's id.
        id: Path<Uuid>,
    ) -> Result<Json<ResyncView>, Problem> {
        let report = state
            .use_cases
            .admin
            .resync
            .run(&auth.actor(), UserId::from_uuid(id.0))
            .await
            .map_err(problem("provider"))?;
        Ok(Json(ResyncView {
            applied: u64::try_from(report.applied).unwrap_or(u64::MAX),
            refused: report
                .refused
                .iter()
                .map(|(appointment, error)| RefusedEntry {
                    appointment_id: appointment.as_uuid(),
                    error: error.clone(),
                })
                .collect(),
        }))
    }

    /// The audit log of staff actions, newest first (staff).
    #[oai(path = "/staff/audit", method = "get")]
    async fn audit(
        &self,
        state: Data<&SharedState>,
        auth: ApiAuth,
        /// Page number, from 1.
        #[oai(validator(minimum(value = "1"), maximum(value = "1000000")))]
        page: Query<Option<u32>>,
        /// Entries per page (default 25).
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))]
        per_page: Query<Option<u32>>,
    ) -> Result<Json<AuditPage>, Problem> {
        let log = state
            .use_cases
            .admin
            .audit
            .run(&auth.actor(), page_request(page.0, per_page.0))
            .await
            .map_err(problem("audit-entry"))?;
        Ok(Json(AuditPage {
            items: log.items.iter().map(AuditView::from).collect(),
            total: log.total,
            page: log.request.page(),
            per_page: log.request.per_page(),
            pages: log.page_count(),
        }))
    }
}

fn appointment_page(found: &Page<AppointmentRow>) -> AppointmentPage {
    AppointmentPage {
        items: found.items.iter().map(AppointmentRowView::from).collect(),
        total: found.total,
        page: found.request.page(),
        per_page: found.request.per_page(),
        pages: found.page_count(),
    }
}

/// An [`AdminError`] as a problem document; `what` names the missing thing in a 404.
fn problem(what: &'static str) -> impl Fn(AdminError) -> Problem {
    move |e| match e {
        AdminError::Forbidden => Problem::forbidden("problem-forbidden-role"),
        AdminError::NotFound => Problem::not_found(what),
        AdminError::Invalid(_) => Problem::unprocessable(
            "staff-action-refused",
            refusals::admin_message(&language(), &e),
        ),
        AdminError::Conflict(_) => {
            Problem::conflict("conflict", refusals::admin_message(&language(), &e))
        }
        AdminError::Unavailable(ref source) => {
            // An outside service (mail, calendar) failed: nothing of ours is broken, try later.
            tracing::warn!(error = %application::ports::error_chain(source.as_ref()), "staff action: outside service failed");
            Problem::unavailable()
        }
        AdminError::Store(ref source) => Problem::internal(source, "staff action failed"),
    }
}
