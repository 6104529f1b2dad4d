//! A customer or provider gets a new secret calendar feed URL; the previous one stops working.

use std::sync::Arc;

use domain::{Role, UserId};

use crate::actor::Actor;
use crate::ports::{BackendError, FeedToken, FeedTokens, RepoError, UserStore};

/// Why no token was issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueFeedTokenError {
    /// Only the user themself or an admin may do this.
    #[error("you may not manage this calendar feed")]
    Forbidden,
    /// No such user.
    #[error("no such user")]
    UnknownUser,
    /// Only customers and providers have appointments to show.
    #[error("only customers and providers have a calendar feed")]
    NoAppointments,
    /// The random source failed.
    #[error("no token could be generated")]
    Random(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Creates or rotates a user's feed token.
pub struct IssueFeedToken {
    tokens: Arc<dyn FeedTokens>,
    users: Arc<dyn UserStore>,
}

impl IssueFeedToken {
    /// The use case over its ports.
    pub fn new(tokens: Arc<dyn FeedTokens>, users: Arc<dyn UserStore>) -> Self {
        Self { tokens, users }
    }

    /// A fresh token for `user`'s feed, replacing any earlier one. The caller shows it once, in
    /// the URL `/calendar/<token>.ics`; only its hash is kept.
    ///
    /// # Errors
    /// See [`IssueFeedTokenError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, user = %user))]
    pub async fn run(&self, actor: &Actor, user: UserId) -> Result<FeedToken, IssueFeedTokenError> {
        if actor.id != user && !actor.is_admin() {
            return Err(IssueFeedTokenError::Forbidden);
        }
        let owner = self
            .users
            .by_id(user)
            .await?
            .ok_or(IssueFeedTokenError::UnknownUser)?;
        if !matches!(owner.role, Role::Customer | Role::Provider) {
            return Err(IssueFeedTokenError::NoAppointments);
        }
        let token = FeedToken::generate().map_err(IssueFeedTokenError::Random)?;
        self.tokens.replace(user, &token.hash()).await?;
        Ok(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::feeds::MockFeedTokens;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;

    fn users_with(user: domain::User) -> MockUserStore {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(user.clone())));
        users
    }

    #[tokio::test]
    async fn a_provider_gets_a_token_whose_hash_replaces_the_old_one() {
        let provider = a_provider().build();
        let stored = Arc::new(std::sync::Mutex::new(None));
        let seen = stored.clone();
        let mut tokens = MockFeedTokens::new();
        tokens
            .expect_replace()
            .withf(|user, _| *user == user_id(20))
            .times(1)
            .returning(move |_, hash| {
                *seen.lock().unwrap() = Some(*hash);
                Ok(())
            });
        let token = IssueFeedToken::new(Arc::new(tokens), Arc::new(users_with(provider.clone())))
            .run(&a_provider().actor(), provider.id)
            .await
            .unwrap();
        assert_eq!(*stored.lock().unwrap(), Some(token.hash()));
    }

    #[tokio::test]
    async fn nobody_else_may_issue_a_token_for_a_user() {
        let result = IssueFeedToken::new(
            Arc::new(MockFeedTokens::new()),
            Arc::new(MockUserStore::new()),
        )
        .run(&a_customer().actor(), user_id(20))
        .await;
        assert!(matches!(result, Err(IssueFeedTokenError::Forbidden)));
    }

    #[tokio::test]
    async fn staff_accounts_have_no_feed() {
        let admin = an_admin().build();
        let result = IssueFeedToken::new(
            Arc::new(MockFeedTokens::new()),
            Arc::new(users_with(admin.clone())),
        )
        .run(&an_admin().actor(), admin.id)
        .await;
        assert!(matches!(result, Err(IssueFeedTokenError::NoAppointments)));
    }
}
