//! Who an open session belongs to now: the account as stored, so that a deactivation or a
//! role change applies to sessions opened before it.

use std::sync::Arc;

use domain::{User, UserId};

use crate::ports::{RepoError, UserStore};

/// Resolves a session's user on each request.
pub struct CurrentUser {
    users: Arc<dyn UserStore>,
}

impl CurrentUser {
    /// The use case over its port.
    pub fn new(users: Arc<dyn UserStore>) -> Self {
        Self { users }
    }

    /// Account `id` as it is now, if it still exists and is active; `None` means the
    /// session that names it must end.
    ///
    /// # Errors
    /// Storage failures.
    pub async fn run(&self, id: UserId) -> Result<Option<User>, RepoError> {
        Ok(self.users.by_id(id).await?.filter(|u| u.active))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use domain::Role;

    fn use_case(user: Option<User>) -> CurrentUser {
        let mut users = MockUserStore::new();
        users.expect_by_id().returning(move |_| Ok(user.clone()));
        CurrentUser::new(Arc::new(users))
    }

    #[tokio::test]
    async fn an_active_account_is_returned_with_its_current_role() {
        let demoted = a_customer().with_id(30).build();
        let found = use_case(Some(demoted)).run(user_id(30)).await.unwrap();
        assert_eq!(found.map(|u| u.role), Some(Role::Customer));
    }

    #[tokio::test]
    async fn a_deactivated_account_ends_the_session() {
        let found = use_case(Some(a_provider().inactive().build()))
            .run(user_id(20))
            .await
            .unwrap();
        assert_eq!(found, None);
    }

    #[tokio::test]
    async fn a_removed_account_ends_the_session() {
        let found = use_case(None).run(user_id(20)).await.unwrap();
        assert_eq!(found, None);
    }
}
