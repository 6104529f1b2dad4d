//! A user (or an admin for them) switches their calendar feed URL off.

use std::sync::Arc;

use domain::UserId;

use crate::actor::Actor;
use crate::ports::{FeedTokens, RepoError};

/// Why the token was not revoked.
#[derive(Debug, thiserror::Error)]
pub enum RevokeFeedTokenError {
    /// Only the user themself or an admin may do this.
    #[error("you may not manage this calendar feed")]
    Forbidden,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Revokes a user's feed token; their feed URL answers 404 from then on.
pub struct RevokeFeedToken {
    tokens: Arc<dyn FeedTokens>,
}

impl RevokeFeedToken {
    /// The use case over its port.
    pub fn new(tokens: Arc<dyn FeedTokens>) -> Self {
        Self { tokens }
    }

    /// Revokes `user`'s feed token, if they have one.
    ///
    /// # Errors
    /// See [`RevokeFeedTokenError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id, user = %user))]
    pub async fn run(&self, actor: &Actor, user: UserId) -> Result<(), RevokeFeedTokenError> {
        if actor.id != user && !actor.is_admin() {
            return Err(RevokeFeedTokenError::Forbidden);
        }
        self.tokens.revoke(user).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::feeds::MockFeedTokens;
    use crate::test_support::*;

    #[tokio::test]
    async fn an_admin_revokes_a_users_feed() {
        let mut tokens = MockFeedTokens::new();
        tokens
            .expect_revoke()
            .withf(|u| *u == user_id(10))
            .times(1)
            .returning(|_| Ok(()));
        RevokeFeedToken::new(Arc::new(tokens))
            .run(&an_admin().actor(), user_id(10))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn another_customer_may_not_revoke_a_feed() {
        let result = RevokeFeedToken::new(Arc::new(MockFeedTokens::new()))
            .run(&another_customer().actor(), user_id(10))
            .await;
        assert!(matches!(result, Err(RevokeFeedTokenError::Forbidden)));
    }
}
