//! Welcomes a newly registered user by mail, with the link that verifies their address.

use std::sync::Arc;

use domain::UserId;

use crate::account_mail::{AccountMailError, VerificationMail};
use crate::ports::{Mail, RepoError, UserStore};

/// Sends the welcome mail. The web calls it right after registration; a failure there should
/// be logged, not shown as a failed registration (the account page can send the verification
/// link again).
pub struct SendWelcome {
    users: Arc<dyn UserStore>,
    verification: VerificationMail,
}

impl SendWelcome {
    /// The use case; links in the mail come from the verification mail's links.
    pub fn new(users: Arc<dyn UserStore>, verification: VerificationMail) -> Self {
        Self {
            users,
            verification,
        }
    }

    /// Welcomes user `id`.
    ///
    /// # Errors
    /// [`AccountMailError`]; [`RepoError::NotFound`] inside `Store` for an unknown user.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self, id: UserId) -> Result<(), AccountMailError> {
        let user = self.users.by_id(id).await?.ok_or(RepoError::NotFound)?;
        let verify = self.verification.link_for(user.id).await?;
        let link = self.verification.links.home();
        self.verification
            .send(&Mail::Welcome {
                to: user,
                link,
                verify,
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::ports::account_tokens::MockAccountTokens;
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::users::MockUserStore;
    use crate::ports::{AccountToken, DeliveryError, TokenHash, TokenPurpose};
    use crate::test_support::*;

    fn use_case(
        tokens: MockAccountTokens,
        composer: MockMailComposer,
        mailer: MockMailer,
    ) -> SendWelcome {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_customer().build())));
        SendWelcome::new(Arc::new(users), verification_mail(tokens, composer, mailer))
    }

    fn accepting_tokens() -> MockAccountTokens {
        let mut tokens = MockAccountTokens::new();
        tokens.expect_insert().returning(|_, _, _, _| Ok(()));
        tokens
    }

    fn composing() -> MockMailComposer {
        let mut composer = MockMailComposer::new();
        composer
            .expect_compose()
            .returning(|_| Ok(message_to(&a_customer().build(), "Welcome")));
        composer
    }

    #[tokio::test]
    async fn a_new_user_is_welcomed_with_a_verification_link_stored_only_as_a_hash() {
        let stored: Arc<Mutex<Option<TokenHash>>> = Arc::default();
        let into = stored.clone();
        let mut tokens = MockAccountTokens::new();
        tokens
            .expect_insert()
            .withf(|_, purpose, user, expires| {
                *purpose == TokenPurpose::EmailVerification
                    && *user == a_customer().build().id
                    && *expires == utc("2026-06-03T08:00:00Z")
            })
            .times(1)
            .returning(move |hash, _, _, _| {
                *into.lock().unwrap() = Some(*hash);
                Ok(())
            });
        let sent: Arc<Mutex<Option<Mail>>> = Arc::default();
        let sent_into = sent.clone();
        let mut composer = MockMailComposer::new();
        composer.expect_compose().times(1).returning(move |mail| {
            *sent_into.lock().unwrap() = Some(mail.clone());
            Ok(message_to(&a_customer().build(), "Welcome"))
        });
        let mut mailer = MockMailer::new();
        mailer
            .expect_send()
            .withf(|m| *m == message_to(&a_customer().build(), "Welcome"))
            .times(1)
            .returning(|_| Ok(()));
        use_case(tokens, composer, mailer)
            .run(a_customer().build().id)
            .await
            .unwrap();

        let Some(Mail::Welcome { to, link, verify }) = sent.lock().unwrap().clone() else {
            panic!("not a welcome mail");
        };
        assert_eq!(to, a_customer().build());
        assert_eq!(link, "https://book.example.org/");
        assert_eq!(verify.expires_at, utc("2026-06-03T08:00:00Z"));
        let token = verify
            .url
            .strip_prefix("https://book.example.org/account/verify/")
            .and_then(AccountToken::parse)
            .expect("a verification link");
        assert_eq!(stored.lock().unwrap().unwrap(), token.hash());
    }

    #[tokio::test]
    async fn a_mail_server_outage_is_reported() {
        let mut mailer = MockMailer::new();
        mailer
            .expect_send()
            .returning(|_| Err(DeliveryError::Transient("refused".into())));
        let result = use_case(accepting_tokens(), composing(), mailer)
            .run(a_customer().build().id)
            .await;
        assert!(matches!(result, Err(AccountMailError::Send(_))));
    }
}
