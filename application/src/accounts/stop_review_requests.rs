//! Someone follows the opt-out link of a review request mail: that account gets no more of them.
//!
//! The link carries a single-use [`AccountToken`] issued with the mail
//! ([`TokenPurpose::ReviewRequestOptOut`]); holding it is the authorization, so the opt-out works
//! without signing in (also as an RFC 8058 one-click unsubscribe). Signed-in users change the
//! same setting on their profile.

use std::sync::Arc;

use domain::User;

use crate::ports::{AccountToken, AccountTokens, Clock, RepoError, TokenPurpose, UserStore};

/// Why the opt-out did not happen.
#[derive(Debug, thiserror::Error)]
pub enum StopReviewRequestsError {
    /// The link is unknown, used already or expired.
    #[error("this link has been used already or has expired; change the setting on your profile")]
    InvalidLink,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Turns review request mails off for the holder of an opt-out link.
pub struct StopReviewRequests {
    tokens: Arc<dyn AccountTokens>,
    users: Arc<dyn UserStore>,
    clock: Arc<dyn Clock>,
}

impl StopReviewRequests {
    /// The use case over its ports.
    pub fn new(
        tokens: Arc<dyn AccountTokens>,
        users: Arc<dyn UserStore>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            tokens,
            users,
            clock,
        }
    }

    /// Uses up `token` (as found in the link) and turns review requests off for its account;
    /// returns the account.
    ///
    /// # Errors
    /// See [`StopReviewRequestsError`].
    #[tracing::instrument(skip_all)]
    pub async fn run(&self, token: &str) -> Result<User, StopReviewRequestsError> {
        let token = AccountToken::parse(token).ok_or(StopReviewRequestsError::InvalidLink)?;
        let id = self
            .tokens
            .consume(
                &token.hash(),
                TokenPurpose::ReviewRequestOptOut,
                self.clock.now(),
            )
            .await?
            .ok_or(StopReviewRequestsError::InvalidLink)?;
        let mut user = self
            .users
            .by_id(id)
            .await?
            .ok_or(StopReviewRequestsError::InvalidLink)?;
        user.review_requests = false;
        self.users.update(&user).await.map_err(|e| match e {
            RepoError::NotFound => StopReviewRequestsError::InvalidLink,
            other => other.into(),
        })?;
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

    fn use_case(tokens: MockAccountTokens, users: MockUserStore) -> StopReviewRequests {
        StopReviewRequests::new(Arc::new(tokens), Arc::new(users), clock_at(NOW))
    }

    #[tokio::test]
    async fn a_valid_link_turns_review_requests_off_once() {
        let customer = a_customer().build();
        let token = AccountToken::generate().unwrap();
        let mut tokens = MockAccountTokens::new();
        tokens
            .expect_consume()
            .with(
                eq(token.hash()),
                eq(TokenPurpose::ReviewRequestOptOut),
                eq(utc(NOW)),
            )
            .times(1)
            .return_once(move |_, _, _| Ok(Some(customer.id)));
        let mut users = MockUserStore::new();
        let stored = customer.clone();
        users.expect_by_id().return_once(move |_| Ok(Some(stored)));
        users
            .expect_update()
            .withf(|u| !u.review_requests)
            .times(1)
            .returning(|_| Ok(()));
        let user = use_case(tokens, users).run(token.expose()).await.unwrap();
        assert!(!user.review_requests);
    }

    #[tokio::test]
    async fn a_used_or_unknown_link_changes_nothing() {
        let mut tokens = MockAccountTokens::new();
        tokens.expect_consume().returning(|_, _, _| Ok(None));
        let mut users = MockUserStore::new();
        users.expect_update().never();
        let err = use_case(tokens, users)
            .run(AccountToken::generate().unwrap().expose())
            .await
            .unwrap_err();
        assert!(matches!(err, StopReviewRequestsError::InvalidLink));
    }

    #[tokio::test]
    async fn a_malformed_link_is_refused_without_a_lookup() {
        let mut tokens = MockAccountTokens::new();
        tokens.expect_consume().never();
        let err = use_case(tokens, MockUserStore::new())
            .run("not-a-token")
            .await
            .unwrap_err();
        assert!(matches!(err, StopReviewRequestsError::InvalidLink));
    }
}
