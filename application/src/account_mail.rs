//! What the account mail use cases share: their error and the compose-then-send step.
//!
//! Account mails (welcome, password reset) are sent directly, not through the delivery queue:
//! the person is waiting for them on the page that asked, so a mail server outage is reported
//! to them ("try again later") instead of being retried behind their back, and a reset link
//! never sits in the outbox.

use crate::ports::{BackendError, DeliveryError, Mail, MailComposer, Mailer, RepoError};

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
