//! An admin creates a further staff account (admin or support).

use std::sync::Arc;

use domain::{Email, NewPassword, PersonName, Role, User, UserId, Zone};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{BackendError, Clock, PasswordHasher, RepoError, UserStore};

/// The new staff member.
#[derive(Debug)]
pub struct StaffAccountInput {
    /// Their login.
    pub email: Email,
    /// Their display name.
    pub name: PersonName,
    /// [`Role::Admin`] or [`Role::Support`].
    pub role: Role,
    /// Their first password (they can change it, or be sent a reset link).
    pub password: NewPassword,
    /// Their zone.
    pub zone: Zone,
}

/// Why the account was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateStaffAccountError {
    /// Only admins create staff accounts.
    #[error("only admins create staff accounts")]
    Forbidden,
    /// The role is not a staff role.
    #[error("a staff account is an admin or a support account")]
    NotStaff,
    /// The email has an account already.
    #[error("that email already has an account")]
    EmailTaken,
    /// Hashing the password failed.
    #[error("could not hash the password")]
    Hash(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for CreateStaffAccountError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::Conflict => Self::EmailTaken,
            other => Self::Store(other),
        }
    }
}

/// Creates staff accounts.
pub struct CreateStaffAccount {
    users: Arc<dyn UserStore>,
    hasher: Arc<dyn PasswordHasher>,
    clock: Arc<dyn Clock>,
}

impl CreateStaffAccount {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        hasher: Arc<dyn PasswordHasher>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            hasher,
            clock,
        }
    }

    /// Creates the account `input` describes, active at once.
    ///
    /// # Errors
    /// See [`CreateStaffAccountError`].
    #[tracing::instrument(skip_all, fields(actor = %actor.id, role = input.role.as_str()))]
    pub async fn run(
        &self,
        actor: &Actor,
        input: StaffAccountInput,
    ) -> Result<User, CreateStaffAccountError> {
        if !actor.is_admin() {
            return Err(CreateStaffAccountError::Forbidden);
        }
        if !input.role.is_staff() {
            return Err(CreateStaffAccountError::NotStaff);
        }
        let hash = self
            .hasher
            .hash(&input.password)
            .await
            .map_err(CreateStaffAccountError::Hash)?;
        let user = User {
            id: UserId::from_uuid(Uuid::now_v7()),
            email: input.email,
            name: input.name,
            role: input.role,
            zone: input.zone,
            phone: None,
            calendar_email: None,
            active: true,
            photo: None,
            created_at: self.clock.now(),
        };
        self.users.insert(&user, &hash).await?;
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PasswordHash;
    use crate::ports::password::MockPasswordHasher;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn input(role: Role) -> StaffAccountInput {
        StaffAccountInput {
            email: Email::parse("sam@bys.example").unwrap(),
            name: PersonName::parse("Sam Support").unwrap(),
            role,
            password: NewPassword::parse("correct horse battery").unwrap(),
            zone: Zone::parse("Europe/Paris").unwrap(),
        }
    }

    fn use_case(users: MockUserStore) -> CreateStaffAccount {
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_hash()
            .returning(|_| Ok(PasswordHash::from_phc("$argon2id$stub".into())));
        CreateStaffAccount::new(Arc::new(users), Arc::new(hasher), clock_at(NOW))
    }

    #[tokio::test]
    async fn an_admin_creates_an_active_support_account() {
        let mut users = MockUserStore::new();
        users
            .expect_insert()
            .withf(|u, _| u.role == Role::Support && u.active)
            .times(1)
            .returning(|_, _| Ok(()));
        let user = use_case(users)
            .run(&an_admin().actor(), input(Role::Support))
            .await
            .unwrap();
        assert_eq!(user.email.as_str(), "sam@bys.example");
    }

    #[tokio::test]
    async fn support_staff_may_not_create_accounts() {
        let result = use_case(MockUserStore::new())
            .run(&a_support_agent().actor(), input(Role::Admin))
            .await;
        assert!(matches!(result, Err(CreateStaffAccountError::Forbidden)));
    }

    #[tokio::test]
    async fn a_staff_account_cannot_be_a_customer_account() {
        let result = use_case(MockUserStore::new())
            .run(&an_admin().actor(), input(Role::Customer))
            .await;
        assert!(matches!(result, Err(CreateStaffAccountError::NotStaff)));
    }
}
