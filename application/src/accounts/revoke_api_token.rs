//! A user revokes one of their personal API tokens.

use std::sync::Arc;

use domain::ApiTokenId;

use crate::actor::Actor;
use crate::ports::{ApiTokens, Clock, RepoError};

/// Why the token was not revoked.
#[derive(Debug, thiserror::Error)]
pub enum RevokeApiTokenError {
    /// No such token among the actor's own (someone else's is not revealed to exist).
    #[error("no such token")]
    NotFound,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Revokes API tokens; requests with a revoked token are refused from then on.
pub struct RevokeApiToken {
    tokens: Arc<dyn ApiTokens>,
    clock: Arc<dyn Clock>,
}

impl RevokeApiToken {
    /// The use case over its ports.
    pub fn new(tokens: Arc<dyn ApiTokens>, clock: Arc<dyn Clock>) -> Self {
        Self { tokens, clock }
    }

    /// Revokes `actor`'s token `id`; revoking it again succeeds.
    ///
    /// # Errors
    /// See [`RevokeApiTokenError`].
    #[tracing::instrument(skip(self, actor), fields(actor = %actor.id))]
    pub async fn run(&self, actor: &Actor, id: ApiTokenId) -> Result<(), RevokeApiTokenError> {
        match self.tokens.by_id(id).await? {
            Some(token) if token.user == actor.id => {}
            _ => return Err(RevokeApiTokenError::NotFound),
        }
        match self.tokens.revoke(id, self.clock.now()).await {
            Ok(()) => Ok(()),
            Err(RepoError::NotFound) => Err(RevokeApiTokenError::NotFound),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::ApiToken;
    use crate::ports::api_tokens::MockApiTokens;
    use crate::test_support::*;
    use domain::TokenName;
    use mockall::predicate::eq;
    use uuid::Uuid;

    fn token_id() -> ApiTokenId {
        ApiTokenId::from_uuid(Uuid::from_u128(77))
    }

    fn tokens_holding_one_of(owner: UserBuilder) -> MockApiTokens {
        let user = owner.build().id;
        let mut tokens = MockApiTokens::new();
        tokens.expect_by_id().returning(move |id| {
            Ok(Some(ApiToken {
                id,
                user,
                name: TokenName::parse("CI").unwrap(),
                created_at: utc(NOW),
                last_used_at: None,
                revoked_at: None,
            }))
        });
        tokens
    }

    #[tokio::test]
    async fn the_owner_revokes_their_token_now() {
        let mut tokens = tokens_holding_one_of(a_customer());
        tokens
            .expect_revoke()
            .with(eq(token_id()), eq(utc(NOW)))
            .times(1)
            .returning(|_, _| Ok(()));
        RevokeApiToken::new(Arc::new(tokens), clock_at(NOW))
            .run(&a_customer().actor(), token_id())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn someone_elses_token_is_not_found_and_stays_valid() {
        for actor in [another_customer().actor(), an_admin().actor()] {
            let mut tokens = tokens_holding_one_of(a_customer());
            tokens.expect_revoke().never();
            let result = RevokeApiToken::new(Arc::new(tokens), clock_at(NOW))
                .run(&actor, token_id())
                .await;
            assert!(matches!(result, Err(RevokeApiTokenError::NotFound)));
        }
    }

    #[tokio::test]
    async fn an_unknown_token_is_not_found() {
        let mut tokens = MockApiTokens::new();
        tokens.expect_by_id().returning(|_| Ok(None));
        let result = RevokeApiToken::new(Arc::new(tokens), clock_at(NOW))
            .run(&a_customer().actor(), token_id())
            .await;
        assert!(matches!(result, Err(RevokeApiTokenError::NotFound)));
    }
}
