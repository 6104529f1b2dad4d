//! Sending mail over SMTP with lettre: plain, STARTTLS or implicit TLS, optional login.

use std::time::Duration;

use application::ports::{DeliveryError, EmailMessage, Mailer};
use async_trait::async_trait;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::mail_message::{self, MailSender};

/// How the connection to the server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain text: only for a server on the same host or a test server.
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587); refuses servers without it.
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// Where and how to reach the mail server. Built by the caller from its settings; never read
/// from the environment here.
#[derive(Clone)]
pub struct SmtpConfig {
    /// Server host name.
    pub host: String,
    /// Server port.
    pub port: u16,
    /// Connection security.
    pub security: SmtpSecurity,
    /// Login name and password, if the server wants them.
    pub credentials: Option<(String, String)>,
    /// How long one exchange with the server may take.
    pub timeout: Duration,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

/// [`Mailer`] over SMTP. A 5xx answer is a permanent failure; everything else (no connection,
/// timeouts, 4xx, TLS trouble) is transient and retried by the delivery worker.
///
/// Connections are pooled, so `send` returns as soon as the server has accepted the message
/// (250 after DATA) and the caller records that before anything else; the pooled connection is
/// checked (NOOP) before it is used again. Mails of a delivery carry the `Message-ID` derived from
/// its id, so a resend after a crash between acceptance and recording is recognisable.
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    sender: MailSender,
}

impl std::fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("sender", &self.sender)
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// A mailer for `config`, sending as `sender`. Connects only when sending.
    ///
    /// # Errors
    /// When the TLS setup for `config.host` fails.
    pub fn new(
        config: &SmtpConfig,
        sender: MailSender,
    ) -> Result<Self, lettre::transport::smtp::Error> {
        let builder = match config.security {
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(config.host.as_str())
            }
            SmtpSecurity::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)?
            }
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)?,
        };
        let mut builder = builder.port(config.port).timeout(Some(config.timeout));
        if let Some((user, password)) = &config.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self {
            transport: builder.build(),
            sender,
        })
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    #[tracing::instrument(skip_all, fields(to = %message.to.email.redacted()))]
    async fn send(&self, message: &EmailMessage) -> Result<(), DeliveryError> {
        let mime = mail_message::build(message, &self.sender).map_err(DeliveryError::Permanent)?;
        match self.transport.send(mime).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_permanent() => Err(DeliveryError::Permanent(Box::new(e))),
            Err(e) => Err(DeliveryError::Transient(Box::new(e))),
        }
    }
}
