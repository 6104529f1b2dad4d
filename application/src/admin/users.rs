//! Staff look after accounts: list, view; admins edit, deactivate, send reset links and
//! create further staff accounts.

use std::sync::Arc;

use domain::{Appointment, Email, PersonName, Role, Schedule, Service, User, UserId};

use super::audit::user_json;
use super::{AdminError, AdminRefusal, Auditor, admins_only, staff_only};
use crate::account_mail::AccountMailError;
use crate::actor::Actor;
use crate::create_staff_account::{CreateStaffAccount, CreateStaffError, StaffAccount};
use crate::ports::{
    AppointmentQuery, AppointmentStore, Page, PageRequest, ScheduleStore, ServiceStore, UserQuery,
    UserStore,
};
use crate::request_password_reset::RequestPasswordReset;

/// Lists accounts.
pub struct ListUsers {
    users: Arc<dyn UserStore>,
}

impl ListUsers {
    /// The use case over its port.
    pub fn new(users: Arc<dyn UserStore>) -> Self {
        Self { users }
    }

    /// The page of accounts matching `query`.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but staff; storage failures.
    pub async fn run(&self, actor: &Actor, query: &UserQuery) -> Result<Page<User>, AdminError> {
        staff_only(actor)?;
        Ok(self.users.list(query).await?)
    }
}

/// One account as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserDetail {
    /// The account.
    pub user: User,
    /// The services they provide, active or not.
    pub services: Vec<Service>,
    /// Their latest appointments, as customer or provider.
    pub appointments: Page<Appointment>,
}

/// Shows one account.
pub struct ViewUser {
    users: Arc<dyn UserStore>,
    services: Arc<dyn ServiceStore>,
    appointments: Arc<dyn AppointmentStore>,
}

impl ViewUser {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        services: Arc<dyn ServiceStore>,
        appointments: Arc<dyn AppointmentStore>,
    ) -> Self {
        Self {
            users,
            services,
            appointments,
        }
    }

    /// Account `id` with its services and its latest 50 appointments.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`], [`AdminError::NotFound`], storage failures.
    pub async fn run(&self, actor: &Actor, id: UserId) -> Result<UserDetail, AdminError> {
        staff_only(actor)?;
        let user = self.users.by_id(id).await?.ok_or(AdminError::NotFound)?;
        let mut query = AppointmentQuery {
            page: PageRequest::new(1, 50),
            ..AppointmentQuery::default()
        };
        if user.role == Role::Provider {
            query.provider = Some(id);
        } else {
            query.customer = Some(id);
        }
        Ok(UserDetail {
            services: self.services.by_provider(id).await?,
            appointments: self.appointments.search(&query).await?,
            user,
        })
    }
}

/// What an admin may change on an account.
#[derive(Debug, Clone)]
pub struct UserEdit {
    /// Display name.
    pub name: PersonName,
    /// Login email.
    pub email: Email,
    /// Role.
    pub role: Role,
}

/// Edits an account.
pub struct EditUser {
    users: Arc<dyn UserStore>,
    schedules: Arc<dyn ScheduleStore>,
    auditor: Auditor,
}

impl EditUser {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        schedules: Arc<dyn ScheduleStore>,
        auditor: Auditor,
    ) -> Self {
        Self {
            users,
            schedules,
            auditor,
        }
    }

    /// Applies `edit` to account `id`. A customer made a provider gets an empty schedule, as
    /// a provider who signs up does. Admins cannot change their own role (so the last admin
    /// cannot lock everyone out by mistake).
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::NotFound`],
    /// [`AdminError::Invalid`] for an own role change, [`AdminError::Conflict`] when the email
    /// is taken.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, user = %id))]
    pub async fn run(&self, actor: &Actor, id: UserId, edit: UserEdit) -> Result<User, AdminError> {
        admins_only(actor)?;
        let before = self.users.by_id(id).await?.ok_or(AdminError::NotFound)?;
        if id == actor.id && edit.role != before.role {
            return Err(AdminError::Invalid(AdminRefusal::OwnRole));
        }
        let mut after = before.clone();
        after.name = edit.name;
        after.email = edit.email;
        after.role = edit.role;
        self.users.update(&after).await.map_err(|e| match e {
            crate::ports::RepoError::Conflict => AdminError::Conflict(AdminRefusal::EmailTaken),
            other => other.into(),
        })?;
        if after.role == Role::Provider && self.schedules.get(id).await?.is_none() {
            self.schedules.put(id, &Schedule::default()).await?;
        }
        self.auditor
            .record(
                actor,
                "user.edit",
                format!("user:{id}"),
                Some(user_json(&before)),
                Some(user_json(&after)),
            )
            .await?;
        Ok(after)
    }

    /// Gives account `id` the role `role`, keeping its name and email: [`Self::run`] with
    /// the stored ones, for callers that change only the role (the API).
    ///
    /// # Errors
    /// As [`Self::run`].
    pub async fn change_role(
        &self,
        actor: &Actor,
        id: UserId,
        role: Role,
    ) -> Result<User, AdminError> {
        admins_only(actor)?;
        let stored = self.users.by_id(id).await?.ok_or(AdminError::NotFound)?;
        let edit = UserEdit {
            name: stored.name,
            email: stored.email,
            role,
        };
        self.run(actor, id, edit).await
    }
}

/// Deactivates or reactivates an account. A deactivated provider no longer appears in search
/// and cannot be booked; their appointments stay and staff can cancel them.
pub struct SetUserActive {
    users: Arc<dyn UserStore>,
    auditor: Auditor,
}

impl SetUserActive {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, auditor: Auditor) -> Self {
        Self { users, auditor }
    }

    /// Sets account `id` active or not.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::NotFound`],
    /// [`AdminError::Invalid`] when admins deactivate themselves.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, user = %id, active))]
    pub async fn run(&self, actor: &Actor, id: UserId, active: bool) -> Result<User, AdminError> {
        admins_only(actor)?;
        if id == actor.id && !active {
            return Err(AdminError::Invalid(AdminRefusal::DeactivateYourself));
        }
        let before = self.users.by_id(id).await?.ok_or(AdminError::NotFound)?;
        let mut after = before.clone();
        after.active = active;
        self.users.update(&after).await?;
        let action = if active {
            "user.reactivate"
        } else {
            "user.deactivate"
        };
        self.auditor
            .record(
                actor,
                action,
                format!("user:{id}"),
                Some(user_json(&before)),
                Some(user_json(&after)),
            )
            .await?;
        Ok(after)
    }
}

/// Sends an account a password reset link.
pub struct SendResetLink {
    users: Arc<dyn UserStore>,
    reset: RequestPasswordReset,
    auditor: Auditor,
}

impl SendResetLink {
    /// The use case over its ports and the reset mailing.
    pub fn new(users: Arc<dyn UserStore>, reset: RequestPasswordReset, auditor: Auditor) -> Self {
        Self {
            users,
            reset,
            auditor,
        }
    }

    /// Mails account `id` a reset link (active accounts only).
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::NotFound`],
    /// [`AdminError::Invalid`] for a deactivated account, [`AdminError::Unavailable`] when
    /// the mail could not be sent.
    #[tracing::instrument(skip_all, fields(actor = %actor.id, user = %id))]
    pub async fn run(&self, actor: &Actor, id: UserId) -> Result<(), AdminError> {
        admins_only(actor)?;
        let user = self.users.by_id(id).await?.ok_or(AdminError::NotFound)?;
        if !user.active {
            return Err(AdminError::Invalid(AdminRefusal::ResetInactive));
        }
        self.reset
            .run(user.email.as_str())
            .await
            .map_err(|e| match e {
                AccountMailError::Store(e) => AdminError::from(e),
                AccountMailError::Prepare(e) => AdminError::Unavailable(e),
                AccountMailError::Send(e) => AdminError::Unavailable(Box::new(e)),
            })?;
        self.auditor
            .record(actor, "user.reset_link", format!("user:{id}"), None, None)
            .await?;
        Ok(())
    }
}

/// Creates a further staff account, recorded in the audit log.
pub struct AddStaff {
    create: CreateStaffAccount,
    auditor: Auditor,
}

impl AddStaff {
    /// The use case over the account creation.
    pub fn new(create: CreateStaffAccount, auditor: Auditor) -> Self {
        Self { create, auditor }
    }

    /// Creates the account.
    ///
    /// # Errors
    /// [`AdminError::Forbidden`] for anyone but admins, [`AdminError::Invalid`] for a role
    /// that is not staff, [`AdminError::Conflict`] when the email is taken.
    pub async fn run(&self, actor: &Actor, input: StaffAccount) -> Result<User, AdminError> {
        let user = self
            .create
            .run(Some(actor), input)
            .await
            .map_err(|e| match e {
                CreateStaffError::Forbidden => AdminError::Forbidden,
                CreateStaffError::NotStaff => AdminError::Invalid(AdminRefusal::NotStaff),
                CreateStaffError::EmailTaken => AdminError::Conflict(AdminRefusal::EmailTaken),
                CreateStaffError::Hash(e) => AdminError::Unavailable(e),
                CreateStaffError::Store(e) => AdminError::from(e),
            })?;
        self.auditor
            .record(
                actor,
                "staff.create",
                format!("user:{}", user.id),
                None,
                Some(user_json(&user)),
            )
            .await?;
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::audit::MockAuditLog;
    use crate::ports::schedules::MockScheduleStore;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn auditor(entries: usize) -> Auditor {
        let mut log = MockAuditLog::new();
        log.expect_record().times(entries).returning(|_| Ok(()));
        Auditor::new(Arc::new(log), clock_at("2026-03-20T08:00:00Z"))
    }

    #[tokio::test]
    async fn a_role_change_keeps_the_name_and_email_and_is_audited() {
        let customer = a_customer().build();
        let stored = customer.clone();
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(stored.clone())));
        let (name, email) = (customer.name.clone(), customer.email.clone());
        users
            .expect_update()
            .withf(move |u| u.role == Role::Provider && u.name == name && u.email == email)
            .times(1)
            .returning(|_| Ok(()));
        let mut schedules = MockScheduleStore::new();
        schedules.expect_get().returning(|_| Ok(None));
        schedules.expect_put().times(1).returning(|_, _| Ok(()));
        let changed = EditUser::new(Arc::new(users), Arc::new(schedules), auditor(1))
            .change_role(&an_admin().actor(), customer.id, Role::Provider)
            .await
            .unwrap();
        assert_eq!(changed.role, Role::Provider);
    }

    #[tokio::test]
    async fn support_staff_cannot_change_roles() {
        let mut users = MockUserStore::new();
        users.expect_update().never();
        let result = EditUser::new(
            Arc::new(users),
            Arc::new(MockScheduleStore::new()),
            auditor(0),
        )
        .change_role(&a_support_agent().actor(), user_id(7), Role::Admin)
        .await;
        assert!(matches!(result, Err(AdminError::Forbidden)));
    }
}
