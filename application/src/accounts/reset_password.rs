//! Sets a new password through a reset link.

use std::sync::Arc;

use domain::{NewPassword, UserId};

use crate::ports::{
    AccountToken, AccountTokens, BackendError, Clock, PasswordHasher, RepoError, TokenPurpose,
    UserStore,
};

/// Why a reset failed.
#[derive(Debug, thiserror::Error)]
pub enum ResetPasswordError {
    /// The link is malformed, unknown, used or expired.
    #[error("this reset link is invalid or has expired; ask for a new one")]
    InvalidToken,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
    /// Hashing failed.
    #[error("could not hash the password")]
    Hashing(#[source] BackendError),
}

/// Uses up a reset token and sets the new password of its user.
pub struct ResetPassword {
    users: Arc<dyn UserStore>,
    tokens: Arc<dyn AccountTokens>,
    hasher: Arc<dyn PasswordHasher>,
    clock: Arc<dyn Clock>,
}

impl ResetPassword {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        tokens: Arc<dyn AccountTokens>,
        hasher: Arc<dyn PasswordHasher>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            tokens,
            hasher,
            clock,
        }
    }

    /// Sets `password` for the owner of `token`; returns who that is. The token (and every
    /// other reset token of the user) stops working, even if this later fails.
    ///
    /// # Errors
    /// See [`ResetPasswordError`].
    #[tracing::instrument(skip_all)]
    pub async fn run(
        &self,
        token: &str,
        password: &NewPassword,
    ) -> Result<UserId, ResetPasswordError> {
        let token = AccountToken::parse(token).ok_or(ResetPasswordError::InvalidToken)?;
        let user = self
            .tokens
            .consume(&token.hash(), TokenPurpose::PasswordReset, self.clock.now())
            .await?
            .ok_or(ResetPasswordError::InvalidToken)?;
        let hash = self
            .hasher
            .hash(password)
            .await
            .map_err(ResetPasswordError::Hashing)?;
        self.users.set_password(user, &hash).await?;
        tracing::info!(user = %user, "password reset");
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::PasswordHash;
    use crate::ports::account_tokens::MockAccountTokens;
    use crate::ports::password::MockPasswordHasher;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use mockall::predicate::eq;

    fn use_case(tokens: MockAccountTokens, users: MockUserStore) -> ResetPassword {
        let mut hasher = MockPasswordHasher::new();
        hasher
            .expect_hash()
            .returning(|_| Ok(PasswordHash::from_phc("$argon2id$new".into())));
        ResetPassword::new(
            Arc::new(users),
            Arc::new(tokens),
            Arc::new(hasher),
            clock_at(NOW),
        )
    }

    fn password() -> NewPassword {
        NewPassword::parse("correct horse battery").unwrap()
    }

    #[tokio::test]
    async fn a_valid_token_sets_the_new_password_of_its_user() {
        let token = AccountToken::generate().unwrap();
        let mut tokens = MockAccountTokens::new();
        tokens
            .expect_consume()
            .with(
                eq(token.hash()),
                eq(TokenPurpose::PasswordReset),
                eq(utc(NOW)),
            )
            .times(1)
            .returning(|_, _, _| Ok(Some(user_id(10))));
        let mut users = MockUserStore::new();
        users
            .expect_set_password()
            .with(
                eq(user_id(10)),
                eq(PasswordHash::from_phc("$argon2id$new".into())),
            )
            .times(1)
            .returning(|_, _| Ok(()));
        let who = use_case(tokens, users)
            .run(token.expose(), &password())
            .await
            .unwrap();
        assert_eq!(who, user_id(10));
    }

    #[tokio::test]
    async fn an_unknown_used_or_expired_token_changes_nothing() {
        let mut tokens = MockAccountTokens::new();
        tokens.expect_consume().returning(|_, _, _| Ok(None));
        let mut users = MockUserStore::new();
        users.expect_set_password().never();
        let result = use_case(tokens, users)
            .run(AccountToken::generate().unwrap().expose(), &password())
            .await;
        assert!(matches!(result, Err(ResetPasswordError::InvalidToken)));
    }

    #[tokio::test]
    async fn a_malformed_token_is_refused_without_a_lookup() {
        let mut tokens = MockAccountTokens::new();
        tokens.expect_consume().never();
        let result = use_case(tokens, MockUserStore::new())
            .run("../../etc", &password())
            .await;
        assert!(matches!(result, Err(ResetPasswordError::InvalidToken)));
    }
}
