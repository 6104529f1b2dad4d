//! What the account mail use cases share: their error, the compose-then-send step, and
//! [`VerificationMail`], which issues and mails email verification links.
//!
//! Account mails (welcome, password reset, email verification) are sent directly, not through
//! the delivery queue: the person is waiting for them on the page that asked, so a mail server
//! outage is reported to them ("try again later") or logged instead of being retried behind
//! their back, and a link carrying a token never sits in the queue's table.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use domain::{User, UserId};

use crate::ports::{
    AccountToken, AccountTokens, BackendError, Clock, DeliveryError, Links, Mail, MailComposer,
    Mailer, RepoError, TokenPurpose, VerifyLink,
};

/// Why an account mail was not sent.
#[derive(Debug, thiserror::Error)]
pub enum AccountMailError {
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
    /// The mail could not be worded, or a token could not be generated.
    #[error("could not prepare the mail")]
    Prepare(#[source] BackendError),
    /// The mail server did not take the mail.
    #[error("could not send the mail")]
    Send(#[source] DeliveryError),
}

/// Words `mail` and sends it.
pub(crate) async fn send(
    composer: &dyn MailComposer,
    mailer: &dyn Mailer,
    mail: &Mail,
) -> Result<(), AccountMailError> {
    let message = composer.compose(mail).map_err(AccountMailError::Prepare)?;
    mailer.send(&message).await.map_err(AccountMailError::Send)
}

/// Issues email verification links (the verification page with a token, working once, for
/// `ttl`; only the token's hash is stored) and mails them. Shared by the welcome mail and the
/// verification mail use cases.
#[derive(Clone)]
pub struct VerificationMail {
    /// Keeps the tokens' hashes.
    pub tokens: Arc<dyn AccountTokens>,
    /// Dates the links.
    pub clock: Arc<dyn Clock>,
    /// Words the mails.
    pub composer: Arc<dyn MailComposer>,
    /// Sends them.
    pub mailer: Arc<dyn Mailer>,
    /// Where links point.
    pub links: Arc<dyn Links>,
    /// How long a link works.
    pub ttl: TimeDelta,
}

impl VerificationMail {
    /// A fresh link for `user`, its token stored as a hash.
    pub(crate) async fn link_for(&self, user: UserId) -> Result<VerifyLink, AccountMailError> {
        let token = AccountToken::generate().map_err(AccountMailError::Prepare)?;
        let expires_at = self.clock.now() + self.ttl;
        self.tokens
            .insert(
                &token.hash(),
                TokenPurpose::EmailVerification,
                user,
                expires_at,
            )
            .await?;
        Ok(VerifyLink {
            url: self.links.verify_email(&token),
            expires_at,
        })
    }

    /// When the newest stored link of `user` was issued, if one is stored.
    pub(crate) async fn last_issued(
        &self,
        user: UserId,
    ) -> Result<Option<DateTime<Utc>>, RepoError> {
        let latest = self
            .tokens
            .latest_expiry(user, TokenPurpose::EmailVerification)
            .await?;
        Ok(latest.map(|expires_at| expires_at - self.ttl))
    }

    /// Words and sends `mail`.
    pub(crate) async fn send(&self, mail: &Mail) -> Result<(), AccountMailError> {
        send(self.composer.as_ref(), self.mailer.as_ref(), mail).await
    }

    /// Mails `user` a fresh verification link for their current address.
    pub(crate) async fn send_link(&self, user: User) -> Result<(), AccountMailError> {
        let verify = self.link_for(user.id).await?;
        tracing::info!(user = %user.id, "email verification link sent");
        self.send(&Mail::EmailVerification { to: user, verify })
            .await
    }
}
