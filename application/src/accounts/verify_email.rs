//! Someone opens the verification link mailed to their address.

use std::sync::Arc;

use domain::User;

use crate::actor::Actor;
use crate::ports::{AccountToken, AccountTokens, Clock, RepoError, TokenPurpose, UserStore};

/// Why the address was not verified.
#[derive(Debug, thiserror::Error)]
pub enum VerifyEmailError {
    /// The link is malformed, unknown, used or expired, or its account's address changed since.
    #[error("this verification link is invalid, used or has expired")]
    InvalidToken,
    /// The browser is signed in to another account than the one the link was mailed for.
    #[error("this verification link belongs to another account")]
    WrongAccount,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Uses up a verification token and marks its account's current address verified.
pub struct VerifyEmail {
    users: Arc<dyn UserStore>,
    tokens: Arc<dyn AccountTokens>,
    clock: Arc<dyn Clock>,
}

impl VerifyEmail {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        tokens: Arc<dyn AccountTokens>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            users,
            tokens,
            clock,
        }
    }

    /// Verifies the address of the owner of `token` and returns the owner as now stored.
    /// `actor` is whoever is signed in, if anyone: the link needs no login (it proves the
    /// mailbox), but a browser signed in to another account is refused rather than left
    /// believing its own address was verified. The token stops working either way.
    ///
    /// # Errors
    /// See [`VerifyEmailError`].
    #[tracing::instrument(skip_all)]
    pub async fn run(&self, actor: Option<&Actor>, token: &str) -> Result<User, VerifyEmailError> {
        let token = AccountToken::parse(token).ok_or(VerifyEmailError::InvalidToken)?;
        let now = self.clock.now();
        let owner = self
            .tokens
            .consume(&token.hash(), TokenPurpose::EmailVerification, now)
            .await?
            .ok_or(VerifyEmailError::InvalidToken)?;
        if actor.is_some_and(|a| a.id != owner) {
            return Err(VerifyEmailError::WrongAccount);
        }
        let mut user = self
            .users
            .by_id(owner)
            .await?
            .ok_or(VerifyEmailError::InvalidToken)?;
        self.users
            .mark_email_verified(owner, &user.email, now)
            .await
            .map_err(|e| match e {
                RepoError::NotFound => VerifyEmailError::InvalidToken,
                other => other.into(),
            })?;
        user.email_verified_at = Some(now);
        tracing::info!(user = %owner, "email address verified");
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::account_tokens::MockAccountTokens;
    use crate::ports::users::MockUserStore;
    use crate::test_support::*;
    use mockall::predicate::eq;

    fn tokens_giving(owner: Option<domain::UserId>) -> MockAccountTokens {
        let mut tokens = MockAccountTokens::new();
        tokens
            .expect_consume()
            .with(
                mockall::predicate::always(),
                eq(TokenPurpose::EmailVerification),
                eq(utc(NOW)),
            )
            .times(1)
            .returning(move |_, _, _| Ok(owner));
        tokens
    }

    fn users_holding(user: User) -> MockUserStore {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(user.clone())));
        users
    }

    fn use_case(tokens: MockAccountTokens, users: MockUserStore) -> VerifyEmail {
        VerifyEmail::new(Arc::new(users), Arc::new(tokens), clock_at(NOW))
    }

    fn token() -> AccountToken {
        AccountToken::generate().unwrap()
    }

    #[tokio::test]
    async fn a_valid_link_verifies_its_owners_current_address() {
        let customer = a_customer().build();
        let mut users = users_holding(customer.clone());
        users
            .expect_mark_email_verified()
            .with(eq(customer.id), eq(customer.email.clone()), eq(utc(NOW)))
            .times(1)
            .returning(|_, _, _| Ok(()));
        let verified = use_case(tokens_giving(Some(customer.id)), users)
            .run(None, token().expose())
            .await
            .unwrap();
        assert_eq!(verified.email_verified_at, Some(utc(NOW)));
    }

    #[tokio::test]
    async fn the_owner_signed_in_may_verify_too() {
        let customer = a_customer().build();
        let mut users = users_holding(customer.clone());
        users
            .expect_mark_email_verified()
            .times(1)
            .returning(|_, _, _| Ok(()));
        let verified = use_case(tokens_giving(Some(customer.id)), users)
            .run(Some(&a_customer().actor()), token().expose())
            .await;
        assert!(verified.is_ok());
    }

    #[tokio::test]
    async fn an_expired_used_or_unknown_link_verifies_nothing() {
        // The store answers `None` for all three (see the `AccountTokens` contract).
        let mut users = MockUserStore::new();
        users.expect_mark_email_verified().never();
        let result = use_case(tokens_giving(None), users)
            .run(None, token().expose())
            .await;
        assert!(matches!(result, Err(VerifyEmailError::InvalidToken)));
    }

    #[tokio::test]
    async fn a_link_opened_twice_works_only_the_first_time() {
        let customer = a_customer().build();
        let mut tokens = MockAccountTokens::new();
        let mut answers = vec![None, Some(customer.id)];
        tokens
            .expect_consume()
            .times(2)
            .returning(move |_, _, _| Ok(answers.pop().flatten()));
        let mut users = users_holding(customer);
        users
            .expect_mark_email_verified()
            .times(1)
            .returning(|_, _, _| Ok(()));
        let use_case = use_case(tokens, users);
        let link = token();
        assert!(use_case.run(None, link.expose()).await.is_ok());
        let again = use_case.run(None, link.expose()).await;
        assert!(matches!(again, Err(VerifyEmailError::InvalidToken)));
    }

    #[tokio::test]
    async fn another_signed_in_user_cannot_use_the_link() {
        let mut users = MockUserStore::new();
        users.expect_mark_email_verified().never();
        let result = use_case(tokens_giving(Some(a_customer().build().id)), users)
            .run(Some(&another_customer().actor()), token().expose())
            .await;
        assert!(matches!(result, Err(VerifyEmailError::WrongAccount)));
    }

    #[tokio::test]
    async fn a_link_for_an_address_since_changed_verifies_nothing() {
        let mut users = users_holding(a_customer().build());
        users
            .expect_mark_email_verified()
            .returning(|_, _, _| Err(RepoError::NotFound));
        let result = use_case(tokens_giving(Some(a_customer().build().id)), users)
            .run(None, token().expose())
            .await;
        assert!(matches!(result, Err(VerifyEmailError::InvalidToken)));
    }

    #[tokio::test]
    async fn a_malformed_link_is_refused_without_a_lookup() {
        let mut tokens = MockAccountTokens::new();
        tokens.expect_consume().never();
        let result = use_case(tokens, MockUserStore::new())
            .run(None, "../../etc")
            .await;
        assert!(matches!(result, Err(VerifyEmailError::InvalidToken)));
    }
}
