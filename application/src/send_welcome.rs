//! Welcomes a newly registered user by mail.

use std::sync::Arc;

use domain::UserId;

use crate::account_mail::{AccountMailError, send};
use crate::ports::{Mail, MailComposer, Mailer, RepoError, UserStore};

/// Sends the welcome mail. The web calls it right after registration; a failure there should
/// be logged, not shown as a failed registration.
pub struct SendWelcome {
    users: Arc<dyn UserStore>,
    composer: Arc<dyn MailComposer>,
    mailer: Arc<dyn Mailer>,
    base_url: String,
}

impl SendWelcome {
    /// The use case; links in the mail start at `base_url`.
    pub fn new(
        users: Arc<dyn UserStore>,
        composer: Arc<dyn MailComposer>,
        mailer: Arc<dyn Mailer>,
        base_url: impl Into<String>,
    ) -> Self {
        Self {
            users,
            composer,
            mailer,
            base_url: base_url.into(),
        }
    }

    /// Welcomes user `id`.
    ///
    /// # Errors
    /// [`AccountMailError`]; [`RepoError::NotFound`] inside `Store` for an unknown user.
    #[tracing::instrument(skip(self))]
    pub async fn run(&self, id: UserId) -> Result<(), AccountMailError> {
        let user = self.users.by_id(id).await?.ok_or(RepoError::NotFound)?;
        let link = format!("{}/", self.base_url.trim_end_matches('/'));
        send(
            self.composer.as_ref(),
            self.mailer.as_ref(),
            &Mail::Welcome { to: user, link },
        )
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::mail::{MockMailComposer, MockMailer};
    use crate::ports::users::MockUserStore;
    use crate::ports::{DeliveryError, EmailMessage, Mailbox};
    use crate::test_support::*;

    fn message() -> EmailMessage {
        let c = a_customer().build();
        EmailMessage {
            to: Mailbox {
                email: c.email,
                name: c.name,
            },
            subject: "Welcome".into(),
            text: String::new(),
            html: String::new(),
            invitation: None,
        }
    }

    fn use_case(mailer: MockMailer) -> SendWelcome {
        let mut users = MockUserStore::new();
        users
            .expect_by_id()
            .returning(|_| Ok(Some(a_customer().build())));
        let mut composer = MockMailComposer::new();
        composer
            .expect_compose()
            .withf(|mail| {
                matches!(mail, Mail::Welcome { to, link }
                    if *to == a_customer().build() && link == "https://book.example.org/")
            })
            .returning(|_| Ok(message()));
        SendWelcome::new(
            Arc::new(users),
            Arc::new(composer),
            Arc::new(mailer),
            "https://book.example.org",
        )
    }

    #[tokio::test]
    async fn a_new_user_is_welcomed_with_a_link_to_the_site() {
        let mut mailer = MockMailer::new();
        mailer
            .expect_send()
            .withf(|m| *m == message())
            .times(1)
            .returning(|_| Ok(()));
        use_case(mailer).run(a_customer().build().id).await.unwrap();
    }

    #[tokio::test]
    async fn a_mail_server_outage_is_reported() {
        let mut mailer = MockMailer::new();
        mailer
            .expect_send()
            .returning(|_| Err(DeliveryError::Transient("refused".into())));
        let result = use_case(mailer).run(a_customer().build().id).await;
        assert!(matches!(result, Err(AccountMailError::Send(_))));
    }
}
