//! A signed-in user replaces their password, proving they know the current one.

use std::sync::Arc;

use domain::NewPassword;

use crate::actor::Actor;
use crate::ports::{BackendError, PasswordHasher, RepoError, UserStore};

/// Why the password was not changed.
#[derive(Debug, thiserror::Error)]
pub enum ChangePasswordError {
    /// The current password given is wrong.
    #[error("the current password is wrong")]
    WrongPassword,
    /// The account no longer exists.
    #[error("no such account")]
    UnknownUser,
    /// Hashing or verifying failed.
    #[error("could not secure the password")]
    Hash(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Changes the acting user's own password. Nobody changes another user's password this way,
/// so there is no target to authorize: the current password is the check.
pub struct ChangePassword {
    users: Arc<dyn UserStore>,
    hasher: Arc<dyn PasswordHasher>,
}

impl ChangePassword {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, hasher: Arc<dyn PasswordHasher>) -> Self {
        Self { users, hasher }
    }

    /// Replaces `actor`'s password with `new` if `current` is right.
    ///
    /// # Errors
    /// See [`ChangePasswordError`].
    #[tracing::instrument(skip(self, actor, current, new), fields(user = %actor.id))]
    pub async fn run(
        &self,
        actor: &Actor,
        current: &str,
        new: NewPassword,
    ) -> Result<(), ChangePasswordError> {
        let user = self
            .users
            .by_id(actor.id)
            .await?
            .ok_or(ChangePasswordError::UnknownUser)?;
        let (_, hash) = self
            .users
            .credentials(&user.email)
            .await?
            .ok_or(ChangePasswordError::UnknownUser)?;
        let matches = self
            .hasher
            .verify(current, &hash)
            .await
            .map_err(ChangePasswordError::Hash)?;
        if !matches {
            return Err(ChangePasswordError::WrongPassword);
        }
        let fresh = self
            .hasher
            .hash(&new)
            .await
            .map_err(ChangePasswordError::Hash)?;
        self.users
            .set_password(actor.id, &fresh)
            .await
            .map_err(|e| match e {
                RepoError::NotFound => ChangePasswordError::UnknownUser,
                other => other.into(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PasswordHash;
    use crate::ports::password::MockPasswordHasher;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use mockall::predicate::eq;

    fn known_customer() -> MockUserStore {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_customer().build())));
        users.expect_credentials().returning(|_| {
            Ok(Some((
                a_customer().build(),
                PasswordHash::from_phc("old".into()),
            )))
        });
        users
    }

    fn hasher() -> MockPasswordHasher {
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_verify()
            .returning(|given, _| Ok(given == "old password"));
        hasher
            .expect_hash()
            .returning(|_| Ok(PasswordHash::from_phc("new".into())));
        hasher
    }

    fn new_password() -> NewPassword {
        NewPassword::parse("new password").unwrap()
    }

    #[tokio::test]
    async fn the_right_current_password_stores_a_fresh_hash_for_the_actor() {
        let mut users = known_customer();
        users
            .expect_set_password()
            .with(
                eq(a_customer().build().id),
                eq(PasswordHash::from_phc("new".into())),
            )
            .times(1)
            .returning(|_, _| Ok(()));
        ChangePassword::new(Arc::new(users), Arc::new(hasher()))
            .run(&a_customer().actor(), "old password", new_password())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_wrong_current_password_changes_nothing() {
        let mut users = known_customer();
        users.expect_set_password().never();
        let result = ChangePassword::new(Arc::new(users), Arc::new(hasher()))
            .run(&a_customer().actor(), "guess", new_password())
            .await;
        assert!(matches!(result, Err(ChangePasswordError::WrongPassword)));
    }
}
