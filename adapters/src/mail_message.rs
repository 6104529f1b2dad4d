//! Turning a worded [`EmailMessage`] into a MIME message (lettre), shared by every mailer.
//!
//! Layout: `multipart/alternative` with the plain-text and HTML parts; with an invitation, a
//! third alternative `text/calendar; method=…` (what Gmail and Outlook read to show the
//! invitation) inside `multipart/mixed` with the same calendar as an `invite.ics` attachment
//! (what other clients offer to open). Mails one may opt out of carry RFC 8058 one-click
//! `List-Unsubscribe` headers.

use application::ports::{BackendError, DeliveryId, EmailMessage};
use lettre::Message;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

/// The address mails come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSender(Mailbox);

impl MailSender {
    /// `name <address>`.
    ///
    /// # Errors
    /// When `address` is not a valid mail address.
    pub fn new(name: &str, address: &str) -> Result<Self, BackendError> {
        Ok(Self(Mailbox::new(Some(name.to_owned()), address.parse()?)))
    }

    /// The address alone.
    pub fn address(&self) -> String {
        self.0.email.to_string()
    }

    /// The display name.
    pub fn name(&self) -> String {
        self.0.name.clone().unwrap_or_default()
    }

    /// The stable `Message-ID` of the mail carrying `delivery`: `<delivery id@sender's domain>`.
    /// The same delivery sent again (after a crash between the server's acceptance and its
    /// recording) carries the same id, so the receiver can tell it is a duplicate.
    pub fn message_id(&self, delivery: DeliveryId) -> String {
        format!("<{delivery}@{}>", self.0.email.domain())
    }
}

/// The MIME message of `message`, from `sender`.
///
/// # Errors
/// When an address or header is malformed (not worth retrying).
pub fn build(message: &EmailMessage, sender: &MailSender) -> Result<Message, BackendError> {
    let to = Mailbox::new(
        Some(message.to.name.as_str().to_owned()),
        message.to.email.as_str().parse()?,
    );
    let mut builder = Message::builder()
        .from(sender.0.clone())
        .to(to)
        .subject(message.subject.clone());
    // Mails outside the queue (account mails) get a fresh random id from lettre.
    builder = builder.message_id(message.delivery.map(|id| sender.message_id(id)));
    if let Some(url) = &message.unsubscribe {
        // RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the URL.
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    let text = SinglePart::plain(message.text.clone());
    let html = SinglePart::html(message.html.clone());
    let Some(invitation) = &message.invitation else {
        return Ok(builder.multipart(MultiPart::alternative().singlepart(text).singlepart(html))?);
    };
    let calendar_type = ContentType::parse(&format!(
        "text/calendar; charset=utf-8; method={}",
        invitation.method.as_str()
    ))?;
    let alternatives = MultiPart::alternative()
        .singlepart(text)
        .singlepart(html)
        .singlepart(
            SinglePart::builder()
                .content_type(calendar_type)
                .body(invitation.ics.clone()),
        );
    let attachment = Attachment::new("invite.ics".to_owned()).body(
        invitation.ics.clone(),
        ContentType::parse("application/ics")?,
    );
    Ok(builder.multipart(
        MultiPart::mixed()
            .multipart(alternatives)
            .singlepart(attachment),
    )?)
}
