//! A user reads their own account (an admin may read anyone's) for the profile form.

use std::sync::Arc;

use domain::{User, UserId};

use crate::actor::Actor;
use crate::ports::{RepoError, UserStore};

/// Why the account was not returned.
#[derive(Debug, thiserror::Error)]
pub enum GetProfileError {
    /// Someone else's account.
    #[error("you may not see this profile")]
    Forbidden,
    /// No such user.
    #[error("no such user")]
    UnknownUser,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Reads an account.
pub struct GetProfile {
    users: Arc<dyn UserStore>,
}

impl GetProfile {
    /// The use case over its port.
    pub fn new(users: Arc<dyn UserStore>) -> Self {
        Self { users }
    }

    /// `user`'s account as `actor` may see it.
    ///
    /// # Errors
    /// See [`GetProfileError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, user = %user))]
    pub async fn run(&self, actor: &Actor, user: UserId) -> Result<User, GetProfileError> {
        if actor.id != user && !actor.is_admin() {
            return Err(GetProfileError::Forbidden);
        }
        self.users
            .by_id(user)
            .await?
            .ok_or(GetProfileError::UnknownUser)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn use_case() -> GetProfile {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_customer().build())));
        GetProfile::new(Arc::new(users))
    }

    #[tokio::test]
    async fn a_user_reads_their_own_account() {
        let user = use_case()
            .run(&a_customer().actor(), a_customer().build().id)
            .await
            .unwrap();
        assert_eq!(user, a_customer().build());
    }

    #[tokio::test]
    async fn another_user_cannot_read_it() {
        let refused = use_case()
            .run(&another_customer().actor(), a_customer().build().id)
            .await;
        assert!(matches!(refused, Err(GetProfileError::Forbidden)));
    }
}
