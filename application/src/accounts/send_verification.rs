//! A signed-in user asks for a new link that verifies their email address.

use std::sync::Arc;

use chrono::TimeDelta;

use crate::account_mail::{AccountMailError, VerificationMail};
use crate::actor::Actor;
use crate::ports::{RepoError, UserStore};

/// The shortest time between two verification mails to one account, so the button cannot be
/// used to flood a mailbox.
pub const RESEND_INTERVAL: TimeDelta = TimeDelta::minutes(1);

/// Why no verification mail was sent.
#[derive(Debug, thiserror::Error)]
pub enum SendVerificationError {
    /// The address is verified already.
    #[error("your email address is already verified")]
    AlreadyVerified,
    /// The last link went out less than [`RESEND_INTERVAL`] ago.
    #[error("a verification link was sent less than a minute ago")]
    TooSoon,
    /// The account no longer exists.
    #[error("no such account")]
    UnknownUser,
    /// Storage failed or the mail did not go out.
    #[error(transparent)]
    Mail(#[from] AccountMailError),
}

impl From<RepoError> for SendVerificationError {
    fn from(e: RepoError) -> Self {
        Self::Mail(e.into())
    }
}

/// Mails the acting user a fresh verification link for their current address. Earlier links
/// keep working until they expire or one of them is used.
pub struct SendVerification {
    users: Arc<dyn UserStore>,
    verification: VerificationMail,
}

impl SendVerification {
    /// The use case over its ports.
    pub fn new(users: Arc<dyn UserStore>, verification: VerificationMail) -> Self {
        Self {
            users,
            verification,
        }
    }

    /// Sends the link to `actor`'s own address (nobody asks for someone else's).
    ///
    /// # Errors
    /// See [`SendVerificationError`].
    #[tracing::instrument(skip_all, fields(user = %actor.id))]
    pub async fn run(&self, actor: &Actor) -> Result<(), SendVerificationError> {
        let user = self
            .users
            .by_id(actor.id)
            .await?
            .ok_or(SendVerificationError::UnknownUser)?;
        if user.is_email_verified() {
            return Err(SendVerificationError::AlreadyVerified);
        }
        let last = self.verification.last_issued(user.id).await?;
        if last.is_some_and(|at| self.verification.clock.now() < at + RESEND_INTERVAL) {
            return Err(SendVerificationError::TooSoon);
        }
        Ok(self.verification.send_link(user).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::account_tokens::MockAccountTokens;
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::users::MockUserStore;
    use crate::ports::{Mail, TokenPurpose};
    use crate::test_support::*;
    use domain::User;

    fn use_case(user: User, tokens: MockAccountTokens, mailer: MockMailer) -> SendVerification {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(move |_| Ok(Some(user.clone())));
        let mut composer = MockMailComposer::new();
        composer
            .expect_compose()
            .withf(|mail| {
                matches!(mail, Mail::EmailVerification { to, verify }
                if *to == a_customer().build()
                    && verify.url.starts_with("https://book.example.org/account/verify/"))
            })
            .returning(|_| Ok(message_to(&a_customer().build(), "Verify")));
        SendVerification::new(Arc::new(users), verification_mail(tokens, composer, mailer))
    }

    /// Tokens whose newest link expires at `latest` (links work 48 hours).
    fn tokens_with_latest(latest: Option<&'static str>) -> MockAccountTokens {
        let mut tokens = MockAccountTokens::new();
        tokens
            .expect_latest_expiry()
            .withf(|user, purpose| {
                *user == a_customer().build().id && *purpose == TokenPurpose::EmailVerification
            })
            .returning(move |_, _| Ok(latest.map(utc)));
        tokens
    }

    fn sending(times: usize) -> MockMailer {
        let mut mailer = MockMailer::new();
        mailer.expect_send().times(times).returning(|_| Ok(()));
        mailer
    }

    #[tokio::test]
    async fn an_unverified_user_gets_a_fresh_link() {
        let mut tokens = tokens_with_latest(None);
        tokens
            .expect_insert()
            .withf(|_, purpose, _, _| *purpose == TokenPurpose::EmailVerification)
            .times(1)
            .returning(|_, _, _, _| Ok(()));
        use_case(a_customer().build(), tokens, sending(1))
            .run(&a_customer().actor())
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_second_request_within_a_minute_is_refused() {
        // Issued 30 seconds before NOW: expires 48 hours after that.
        let tokens = tokens_with_latest(Some("2026-06-03T07:59:30Z"));
        let result = use_case(a_customer().build(), tokens, sending(0))
            .run(&a_customer().actor())
            .await;
        assert!(matches!(result, Err(SendVerificationError::TooSoon)));
    }

    #[tokio::test]
    async fn a_minute_after_the_last_link_another_may_be_sent() {
        let mut tokens = tokens_with_latest(Some("2026-06-03T07:59:00Z"));
        tokens
            .expect_insert()
            .times(1)
            .returning(|_, _, _, _| Ok(()));
        let result = use_case(a_customer().build(), tokens, sending(1))
            .run(&a_customer().actor())
            .await;
        assert!(result.is_ok());
    }

    #[tokio::test]
    async fn a_verified_address_gets_no_mail() {
        let result = use_case(
            a_customer().verified().build(),
            MockAccountTokens::new(),
            sending(0),
        )
        .run(&a_customer().actor())
        .await;
        assert!(matches!(
            result,
            Err(SendVerificationError::AlreadyVerified)
        ));
    }
}
