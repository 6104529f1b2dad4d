//! A user creates a personal API token for their own account.

use std::sync::Arc;

use domain::{ApiTokenId, TokenName};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{ApiSecret, ApiToken, ApiTokens, BackendError, Clock, RepoError};

/// How many tokens that are not revoked a user may hold.
pub const MAX_ACTIVE_TOKENS: usize = 20;

/// Why no token was created.
#[derive(Debug, thiserror::Error)]
pub enum CreateApiTokenError {
    /// The user already holds [`MAX_ACTIVE_TOKENS`] tokens.
    #[error("you already have {MAX_ACTIVE_TOKENS} tokens; revoke one first")]
    TooMany,
    /// The random source failed.
    #[error("no token could be generated")]
    Random(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Creates API tokens. A token always belongs to the acting user: nobody creates one for
/// someone else.
pub struct CreateApiToken {
    tokens: Arc<dyn ApiTokens>,
    clock: Arc<dyn Clock>,
}

impl CreateApiToken {
    /// The use case over its ports.
    pub fn new(tokens: Arc<dyn ApiTokens>, clock: Arc<dyn Clock>) -> Self {
        Self { tokens, clock }
    }

    /// A new token named `name` for `actor`, with its secret. The caller shows the secret
    /// once; only its hash is kept.
    ///
    /// # Errors
    /// See [`CreateApiTokenError`].
    #[tracing::instrument(skip(self, actor, name), fields(actor = %actor.id))]
    pub async fn run(
        &self,
        actor: &Actor,
        name: TokenName,
    ) -> Result<(ApiToken, ApiSecret), CreateApiTokenError> {
        if self.tokens.active_of(actor.id).await?.len() >= MAX_ACTIVE_TOKENS {
            return Err(CreateApiTokenError::TooMany);
        }
        let secret = ApiSecret::generate().map_err(CreateApiTokenError::Random)?;
        let token = ApiToken {
            id: ApiTokenId::from_uuid(Uuid::now_v7()),
            user: actor.id,
            name,
            created_at: self.clock.now(),
            last_used_at: None,
            revoked_at: None,
        };
        self.tokens.insert(&token, &secret.hash()).await?;
        tracing::info!(token = %token.id, "API token created");
        Ok((token, secret))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::api_tokens::MockApiTokens;
    use crate::test_support::*;

    fn name() -> TokenName {
        TokenName::parse("Laptop script").unwrap()
    }

    #[tokio::test]
    async fn the_token_belongs_to_the_actor_and_only_the_secrets_hash_is_stored() {
        let stored = Arc::new(std::sync::Mutex::new(None));
        let seen = stored.clone();
        let mut tokens = MockApiTokens::new();
        tokens.expect_active_of().returning(|_| Ok(vec![]));
        tokens
            .expect_insert()
            .times(1)
            .returning(move |token, hash| {
                *seen.lock().unwrap() = Some((token.clone(), *hash));
                Ok(())
            });
        let (token, secret) = CreateApiToken::new(Arc::new(tokens), clock_at(NOW))
            .run(&a_customer().actor(), name())
            .await
            .unwrap();
        assert_eq!(token.user, a_customer().build().id);
        assert_eq!(token.name, name());
        assert_eq!(token.created_at, utc(NOW));
        assert_eq!(*stored.lock().unwrap(), Some((token, secret.hash())));
    }

    #[tokio::test]
    async fn a_user_with_the_most_tokens_must_revoke_one_first() {
        let mut tokens = MockApiTokens::new();
        tokens.expect_active_of().returning(|user| {
            let token = ApiToken {
                id: ApiTokenId::from_uuid(Uuid::nil()),
                user,
                name: name(),
                created_at: utc(NOW),
                last_used_at: None,
                revoked_at: None,
            };
            Ok(vec![token; MAX_ACTIVE_TOKENS])
        });
        tokens.expect_insert().never();
        let result = CreateApiToken::new(Arc::new(tokens), clock_at(NOW))
            .run(&a_provider().actor(), name())
            .await;
        assert!(matches!(result, Err(CreateApiTokenError::TooMany)));
    }
}
