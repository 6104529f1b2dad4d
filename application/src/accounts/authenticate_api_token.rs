//! A program presents a personal API token; it acts as the token's owner.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::User;

use crate::ports::{ApiSecret, ApiTokens, Clock, RepoError, UserStore};

/// How stale a token's last-used time may get before a request writes it again: one write a
/// minute at most, not one per request.
const USE_RECORDED_EVERY: TimeDelta = TimeDelta::minutes(1);

/// Why the token does not authenticate.
#[derive(Debug, thiserror::Error)]
pub enum AuthenticateApiTokenError {
    /// Malformed, or no token has this secret.
    #[error("unknown API token")]
    Unknown,
    /// The token was revoked.
    #[error("this API token was revoked")]
    Revoked,
    /// The owner's account is deactivated.
    #[error("this account is deactivated")]
    Deactivated,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Resolves a presented secret to the user it acts for. Anonymous by nature: the token is
/// the credential. The role is read from the account now, not from when the token was made.
pub struct AuthenticateApiToken {
    tokens: Arc<dyn ApiTokens>,
    users: Arc<dyn UserStore>,
    clock: Arc<dyn Clock>,
}

impl AuthenticateApiToken {
    /// The use case over its ports.
    pub fn new(
        tokens: Arc<dyn ApiTokens>,
        users: Arc<dyn UserStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            tokens,
            users,
            clock,
        }
    }

    /// The active owner of the token whose secret is `presented`; records the use.
    ///
    /// # Errors
    /// See [`AuthenticateApiTokenError`].
    #[tracing::instrument(skip_all)]
    pub async fn run(&self, presented: &str) -> Result<User, AuthenticateApiTokenError> {
        let secret = ApiSecret::parse(presented).ok_or(AuthenticateApiTokenError::Unknown)?;
        let token = self
            .tokens
            .by_hash(&secret.hash())
            .await?
            .ok_or(AuthenticateApiTokenError::Unknown)?;
        if token.revoked_at.is_some() {
            return Err(AuthenticateApiTokenError::Revoked);
        }
        let user = self
            .users
            .by_id(token.user)
            .await?
            .ok_or(AuthenticateApiTokenError::Unknown)?;
        if !user.active {
            return Err(AuthenticateApiTokenError::Deactivated);
        }
        let now = self.clock.now();
        if token
            .last_used_at
            .is_none_or(|last| now - last >= USE_RECORDED_EVERY)
        {
            self.tokens.record_use(token.id, now).await?;
        }
        tracing::debug!(user = %user.id, token = %token.id, "authenticated by API token");
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::ApiToken;
    use crate::ports::api_tokens::MockApiTokens;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use chrono::{DateTime, Utc};
    use domain::{ApiTokenId, TokenName};
    use mockall::predicate::eq;
    use uuid::Uuid;

    fn a_token() -> ApiToken {
        ApiToken {
            id: ApiTokenId::from_uuid(Uuid::from_u128(77)),
            user: a_customer().build().id,
            name: TokenName::parse("CI").unwrap(),
            created_at: utc("2026-05-01T00:00:00Z"),
            last_used_at: None,
            revoked_at: None,
        }
    }

    fn tokens_finding(secret: &ApiSecret, token: ApiToken) -> MockApiTokens {
        let hash = secret.hash();
        let mut tokens = MockApiTokens::new();
        tokens
            .expect_by_hash()
            .with(eq(hash))
            .returning(move |_| Ok(Some(token.clone())));
        tokens
    }

    fn users_with(user: User) -> MockUserStore {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .with(eq(user.id))
            .returning(move |_| Ok(Some(user.clone())));
        users
    }

    fn use_case(tokens: MockApiTokens, users: MockUserStore) -> AuthenticateApiToken {
        AuthenticateApiToken::new(Arc::new(tokens), Arc::new(users), clock_at(NOW))
    }

    #[tokio::test]
    async fn a_valid_secret_acts_as_its_owner_and_records_the_use() {
        let secret = ApiSecret::generate().unwrap();
        let mut tokens = tokens_finding(&secret, a_token());
        tokens
            .expect_record_use()
            .with(eq(a_token().id), eq(utc(NOW)))
            .times(1)
            .returning(|_, _| Ok(()));
        let user = use_case(tokens, users_with(a_customer().build()))
            .run(secret.expose())
            .await
            .unwrap();
        assert_eq!(user, a_customer().build());
    }

    #[tokio::test]
    async fn a_use_within_the_minute_is_not_written_again() {
        let secret = ApiSecret::generate().unwrap();
        let recent: DateTime<Utc> = utc(NOW) - TimeDelta::seconds(30);
        let mut tokens = tokens_finding(
            &secret,
            ApiToken {
                last_used_at: Some(recent),
                ..a_token()
            },
        );
        tokens.expect_record_use().never();
        use_case(tokens, users_with(a_customer().build()))
            .run(secret.expose())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_revoked_token_is_refused() {
        let secret = ApiSecret::generate().unwrap();
        let mut tokens = tokens_finding(
            &secret,
            ApiToken {
                revoked_at: Some(utc("2026-05-02T00:00:00Z")),
                ..a_token()
            },
        );
        tokens.expect_record_use().never();
        let result = use_case(tokens, users_with(a_customer().build()))
            .run(secret.expose())
            .await;
        assert!(matches!(result, Err(AuthenticateApiTokenError::Revoked)));
    }

    #[tokio::test]
    async fn the_token_of_a_deactivated_user_is_refused() {
        let secret = ApiSecret::generate().unwrap();
        let mut tokens = tokens_finding(&secret, a_token());
        tokens.expect_record_use().never();
        let result = use_case(tokens, users_with(a_customer().inactive().build()))
            .run(secret.expose())
            .await;
        assert!(matches!(
            result,
            Err(AuthenticateApiTokenError::Deactivated)
        ));
    }

    #[tokio::test]
    async fn unknown_and_malformed_secrets_are_refused() {
        let mut tokens = MockApiTokens::new();
        tokens.expect_by_hash().times(1).returning(|_| Ok(None));
        let uc = use_case(tokens, MockUserStore::new());
        let unknown = uc.run(ApiSecret::generate().unwrap().expose()).await;
        assert!(matches!(unknown, Err(AuthenticateApiTokenError::Unknown)));
        let malformed = uc.run("not-a-token").await;
        assert!(matches!(malformed, Err(AuthenticateApiTokenError::Unknown)));
    }
}
