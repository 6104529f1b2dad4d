//! Someone forgot their password: mail them a single-use, expiring reset link.

use std::sync::Arc;

use chrono::TimeDelta;
use domain::Email;

use crate::account_mail::{AccountMailError, send};
use crate::ports::{
    AccountToken, AccountTokens, Clock, Links, Mail, MailComposer, Mailer, TokenPurpose, UserStore,
};

/// Mails a reset link to the owner of an address. Stores only the token's hash; the link (the
/// reset page with the token) works once, for `ttl`.
#[derive(Clone)]
pub struct RequestPasswordReset {
    users: Arc<dyn UserStore>,
    tokens: Arc<dyn AccountTokens>,
    composer: Arc<dyn MailComposer>,
    mailer: Arc<dyn Mailer>,
    clock: Arc<dyn Clock>,
    links: Arc<dyn Links>,
    ttl: TimeDelta,
}

/// The ports [`RequestPasswordReset`] mails through.
pub struct ResetMailing {
    /// Words the mail.
    pub composer: Arc<dyn MailComposer>,
    /// Sends it.
    pub mailer: Arc<dyn Mailer>,
    /// Where the link points.
    pub links: Arc<dyn Links>,
    /// How long a link works (an hour is usual).
    pub ttl: TimeDelta,
}

impl RequestPasswordReset {
    /// The use case over its ports.
    pub fn new(
        users: Arc<dyn UserStore>,
        tokens: Arc<dyn AccountTokens>,
        clock: Arc<dyn Clock>,
        mailing: ResetMailing,
    ) -> Self {
        Self {
            users,
            tokens,
            composer: mailing.composer,
            mailer: mailing.mailer,
            clock,
            links: mailing.links,
            ttl: mailing.ttl,
        }
    }

    /// Sends a reset link if `email` belongs to an active account. Answers the same for unknown
    /// addresses, so the page cannot be used to find out who has an account.
    ///
    /// # Errors
    /// [`AccountMailError`] (only for an existing account).
    #[tracing::instrument(skip_all)]
    pub async fn run(&self, email: &str) -> Result<(), AccountMailError> {
        let Ok(email) = Email::parse(email) else {
            return Ok(());
        };
        let Some((user, _)) = self.users.credentials(&email).await? else {
            return Ok(());
        };
        if !user.active {
            return Ok(());
        }
        let token = AccountToken::generate().map_err(AccountMailError::Prepare)?;
        let expires_at = self.clock.now() + self.ttl;
        self.tokens
            .insert(
                &token.hash(),
                TokenPurpose::PasswordReset,
                user.id,
                expires_at,
            )
            .await?;
        let link = self.links.reset_password(&token);
        tracing::info!(user = %user.id, "password reset link sent");
        send(
            self.composer.as_ref(),
            self.mailer.as_ref(),
            &Mail::PasswordReset {
                to: user,
                link,
                expires_at,
            },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::account_tokens::MockAccountTokens;
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::users::MockUserStore;
    use crate::ports::{EmailMessage, Mailbox, PasswordHash, TokenHash};
    use crate::test_support::*;
    use std::sync::Mutex;

    fn message() -> EmailMessage {
        let c = a_customer().build();
        EmailMessage {
            to: Mailbox {
                email: c.email,
                name: c.name,
            },
            subject: "Reset".into(),
            text: String::new(),
            html: String::new(),
            invitation: None,
            delivery: None,
            unsubscribe: None,
        }
    }

    fn users_with(user: Option<domain::User>) -> MockUserStore {
        let mut users = MockUserStore::new();
        users.expect_credentials().returning(move |_| {
            Ok(user
                .clone()
                .map(|u| (u, PasswordHash::from_phc("x".into()))))
        });
        users
    }

    fn use_case(
        users: MockUserStore,
        tokens: MockAccountTokens,
        composer: MockMailComposer,
        mailer: MockMailer,
    ) -> RequestPasswordReset {
        RequestPasswordReset::new(
            Arc::new(users),
            Arc::new(tokens),
            clock_at(NOW),
            ResetMailing {
                composer: Arc::new(composer),
                mailer: Arc::new(mailer),
                links: links_at("https://book.example.org"),
                ttl: TimeDelta::hours(1),
            },
        )
    }

    #[tokio::test]
    async fn the_owner_gets_a_link_whose_token_is_stored_only_as_a_hash_with_an_expiry() {
        let stored: Arc<Mutex<Option<TokenHash>>> = Arc::default();
        let mut tokens = MockAccountTokens::new();
        let into = stored.clone();
        tokens
            .expect_insert()
            .withf(|_, purpose, user, expires| {
                *purpose == TokenPurpose::PasswordReset
                    && *user == a_customer().build().id
                    && *expires == utc("2026-06-01T09:00:00Z")
            })
            .times(1)
            .returning(move |hash, _, _, _| {
                *into.lock().unwrap() = Some(*hash);
                Ok(())
            });
        let sent_link: Arc<Mutex<Option<String>>> = Arc::default();
        let link_into = sent_link.clone();
        let mut composer = MockMailComposer::new();
        composer.expect_compose().times(1).returning(move |mail| {
            let Mail::PasswordReset {
                link, expires_at, ..
            } = mail
            else {
                panic!("not a reset mail: {mail:?}");
            };
            assert_eq!(*expires_at, utc("2026-06-01T09:00:00Z"));
            *link_into.lock().unwrap() = Some(link.clone());
            Ok(message())
        });
        let mut mailer = MockMailer::new();
        mailer.expect_send().times(1).returning(|_| Ok(()));
        use_case(
            users_with(Some(a_customer().build())),
            tokens,
            composer,
            mailer,
        )
        .run("Customer@Example.org")
        .await
        .unwrap();

        let link = sent_link.lock().unwrap().clone().unwrap();
        let token = link
            .strip_prefix("https://book.example.org/reset-password/")
            .unwrap();
        let token = AccountToken::parse(token).unwrap();
        assert_eq!(stored.lock().unwrap().unwrap(), token.hash());
    }

    #[tokio::test]
    async fn an_unknown_or_deactivated_address_gets_nothing_and_the_same_answer() {
        for user in [None, Some(a_customer().inactive().build())] {
            let mut tokens = MockAccountTokens::new();
            tokens.expect_insert().never();
            let mut mailer = MockMailer::new();
            mailer.expect_send().never();
            let result = use_case(users_with(user), tokens, MockMailComposer::new(), mailer)
                .run("customer@example.org")
                .await;
            assert!(result.is_ok());
        }
    }
}
