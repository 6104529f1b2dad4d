//! An operator (from the command line) or an administrator creates a staff account: an
//! administrator or a support agent. Staff accounts are never self-service.

use std::sync::Arc;

use domain::{Email, NewPassword, PersonName, Role, User, UserId, Zone};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{BackendError, Clock, PasswordHasher, RepoError, UserStore};

/// The new staff member.
#[derive(Debug)]
pub struct StaffAccount {
    /// Login address.
    pub email: Email,
    /// Display name.
    pub name: PersonName,
    /// The initial password.
    pub password: NewPassword,
    /// The zone times are shown in.
    pub zone: Zone,
    /// [`Role::Admin`] or [`Role::Support`].
    pub role: Role,
}

/// Why a staff account was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateStaffError {
    /// The actor is not an administrator.
    #[error("only administrators create staff accounts")]
    Forbidden,
    /// The role is not a staff role.
    #[error("a staff account is an admin or a support account")]
    NotStaff,
    /// Another account uses the address.
    #[error("an account with this email address already exists")]
    EmailTaken,
    /// Hashing the password failed.
    #[error("could not secure the password")]
    Hash(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Creates administrator and support accounts.
#[derive(Clone)]
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

    /// Creates `input`. `actor` is `None` for the operator at the command line (who already
    /// controls the database), otherwise it must be an administrator.
    ///
    /// # Errors
    /// See [`CreateStaffError`].
    #[tracing::instrument(skip(self, actor, input), fields(role = input.role.as_str()))]
    pub async fn run(
        &self,
        actor: Option<&Actor>,
        input: StaffAccount,
    ) -> Result<User, CreateStaffError> {
        if actor.is_some_and(|a| !a.is_admin()) {
            return Err(CreateStaffError::Forbidden);
        }
        if !matches!(input.role, Role::Admin | Role::Support) {
            return Err(CreateStaffError::NotStaff);
        }
        let hash = self
            .hasher
            .hash(&input.password)
            .await
            .map_err(CreateStaffError::Hash)?;
        let user = User::new_account(
            UserId::from_uuid(Uuid::now_v7()),
            input.email,
            input.name,
            input.role,
            input.zone,
            self.clock.now(),
        );
        self.users.insert(&user, &hash).await.map_err(|e| match e {
            RepoError::Conflict => CreateStaffError::EmailTaken,
            other => other.into(),
        })?;
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

    fn use_case(users: MockUserStore) -> CreateStaffAccount {
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_hash()
            .returning(|_| Ok(PasswordHash::from_phc("$argon2id$stub".into())));
        CreateStaffAccount::new(Arc::new(users), Arc::new(hasher), clock_at(NOW))
    }

    fn admin_input(role: Role) -> StaffAccount {
        StaffAccount {
            email: Email::parse("root@example.org").unwrap(),
            name: PersonName::parse("Root").unwrap(),
            password: NewPassword::parse("a long enough password").unwrap(),
            zone: Zone::parse("UTC").unwrap(),
            role,
        }
    }

    #[tokio::test]
    async fn the_operator_creates_an_active_admin() {
        let mut users = MockUserStore::new();
        users
            .expect_insert()
            .withf(|u, _| u.role == Role::Admin && u.active)
            .times(1)
            .returning(|_, _| Ok(()));
        let user = use_case(users)
            .run(None, admin_input(Role::Admin))
            .await
            .unwrap();
        assert_eq!(user.email.as_str(), "root@example.org");
    }

    #[tokio::test]
    async fn an_admin_creates_a_support_agent_but_a_provider_may_not() {
        let mut users = MockUserStore::new();
        users.expect_insert().times(1).returning(|_, _| Ok(()));
        let uc = use_case(users);
        let admin = Actor::new(UserId::from_uuid(Uuid::now_v7()), Role::Admin);
        uc.run(Some(&admin), admin_input(Role::Support))
            .await
            .unwrap();
        let provider = Actor::new(UserId::from_uuid(Uuid::now_v7()), Role::Provider);
        let refused = uc.run(Some(&provider), admin_input(Role::Support)).await;
        assert!(matches!(refused, Err(CreateStaffError::Forbidden)));
    }

    #[tokio::test]
    async fn customer_accounts_are_not_staff_accounts() {
        let refused = use_case(MockUserStore::new())
            .run(None, admin_input(Role::Customer))
            .await;
        assert!(matches!(refused, Err(CreateStaffError::NotStaff)));
    }

    #[tokio::test]
    async fn a_taken_address_is_reported() {
        let mut users = MockUserStore::new();
        users
            .expect_insert()
            .returning(|_, _| Err(RepoError::Conflict));
        let refused = use_case(users).run(None, admin_input(Role::Admin)).await;
        assert!(matches!(refused, Err(CreateStaffError::EmailTaken)));
    }
}
