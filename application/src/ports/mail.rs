//! Email: what to say ([`Mail`]), how it reads ([`MailComposer`], templates in production) and
//! how it travels ([`Mailer`], SMTP or an outbox folder).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Email, PersonName, User};

use super::{BackendError, DeliveryError};
use crate::events::AppointmentDetails;

/// Which side of an appointment a mail is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recipient {
    /// The customer who booked.
    Customer,
    /// The provider.
    Provider,
}

/// What to tell someone, before it is worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mail {
    /// An appointment change or reminder, for one side. Times are shown in the recipient's zone.
    Appointment {
        /// The change with everything it refers to.
        details: Box<AppointmentDetails>,
        /// Who reads it.
        recipient: Recipient,
    },
    /// A new account was opened; the mail also verifies its address.
    Welcome {
        /// The new user.
        to: User,
        /// Where to start (absolute URL).
        link: String,
        /// The link that verifies the new account's address.
        verify: VerifyLink,
    },
    /// Someone asked to verify (again) the address of this account, or changed it.
    EmailVerification {
        /// The account's owner, at the address to verify.
        to: User,
        /// The link that verifies it.
        verify: VerifyLink,
    },
    /// Someone asked to reset the password of this account.
    PasswordReset {
        /// The account's owner.
        to: User,
        /// The single-use reset page (absolute URL, carrying the token).
        link: String,
        /// When the link stops working.
        expires_at: DateTime<Utc>,
    },
    /// A completed appointment's customer is asked, once, to review it.
    ReviewRequest {
        /// The completion with everything it refers to; the customer reads it.
        details: Box<AppointmentDetails>,
        /// The review form (absolute URL).
        review_link: String,
        /// The page that turns these mails off (absolute URL, carrying a single-use token);
        /// also sent as the `List-Unsubscribe` header.
        opt_out_link: String,
    },
    /// One of the provider's own calendars can no longer be read, so their slots are closed.
    CalendarClosing {
        /// The provider.
        to: User,
        /// The calendar's id.
        calendar_id: String,
        /// Why it closes the slots.
        reason: ClosingReason,
        /// The address to share the calendar with.
        share_with: String,
        /// The account page, where calendars are chosen (absolute URL).
        link: String,
    },
    /// The provider moved an appointment's entry in their own calendar: its customer is asked
    /// to accept the new time or keep the old one (on the appointment page, `details.link`).
    MoveProposed {
        /// The appointment as it stands, with everything it refers to.
        details: Box<AppointmentDetails>,
        /// The start the provider chose.
        start: DateTime<Utc>,
    },
    /// The customer kept the time of an appointment whose entry the provider moved: the
    /// provider is told, and the entry is back at that time.
    MoveDeclined {
        /// The appointment as it stands, with everything it refers to.
        details: Box<AppointmentDetails>,
        /// The start the provider had chosen.
        start: DateTime<Utc>,
    },
    /// One of the owner's webhook endpoints was disabled automatically.
    WebhookDisabled {
        /// The endpoint's owner.
        to: User,
        /// The endpoint's URL.
        url: String,
        /// Why it was disabled.
        reason: String,
        /// The endpoint's page, where it is enabled again (absolute URL).
        link: String,
    },
}

/// Why one of a provider's own calendars closes their slots, for [`Mail::CalendarClosing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosingReason {
    /// The calendar is no longer shared with the platform (or was deleted).
    AccessGone,
    /// It could not be read for longer than the staleness threshold.
    Stale,
}

/// A single-use link that verifies an account's email address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyLink {
    /// The absolute URL of the verification page ([`super::Links::verify_email`]).
    pub url: String,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
}

/// A name and address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The address.
    pub email: Email,
    /// The display name.
    pub name: PersonName,
}

/// What an attached invitation asks the calendar app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationMethod {
    /// Add or update the event (new and changed appointments).
    Request,
    /// Remove the event (cancelled appointments).
    Cancel,
}

impl InvitationMethod {
    /// The iTIP method name (`REQUEST`, `CANCEL`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Request => "REQUEST",
            Self::Cancel => "CANCEL",
        }
    }
}

/// An iCalendar invitation sent with a mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Its iTIP method; must match the `METHOD` inside `ics`.
    pub method: InvitationMethod,
    /// The iCalendar text (RFC 5545).
    pub ics: String,
}

/// A worded mail, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailMessage {
    /// The one recipient.
    pub to: Mailbox,
    /// The subject line.
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// A calendar invitation, for appointment mails.
    pub invitation: Option<Invitation>,
    /// The delivery this mail carries, for mails sent through the delivery queue. Mailers
    /// derive the `Message-ID` from it, so a mail sent again after a crash carries the same
    /// one and the receiver can drop the duplicate.
    pub delivery: Option<super::DeliveryId>,
    /// Where the recipient turns mails like this off in one click (RFC 8058), for mails they
    /// may opt out of.
    pub unsubscribe: Option<String>,
}

/// Words mails: subject, plain text, HTML, invitation. Pure formatting, no I/O.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
pub trait MailComposer: Send + Sync {
    /// The message for `mail`.
    ///
    /// # Errors
    /// When a template fails to render (a bug, not worth retrying).
    fn compose(&self, mail: &Mail) -> Result<EmailMessage, BackendError>;
}

/// Sends mails. The sender address is the adapter's configuration.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait Mailer: Send + Sync {
    /// Hands `message` to the mail system.
    ///
    /// # Errors
    /// [`DeliveryError::Transient`] when the server is unreachable or asks to try later (4xx),
    /// [`DeliveryError::Permanent`] when it refuses the message (5xx).
    async fn send(&self, message: &EmailMessage) -> Result<(), DeliveryError>;

    /// Deletes the kept copies of sent mails that mention any of `needles` (ignoring case),
    /// for an erased account: its address and name. Returns how many were deleted. Mail handed
    /// to a mail server is out of reach, so mailers that keep no copies delete nothing.
    ///
    /// # Errors
    /// When the copies cannot be read or deleted.
    async fn forget_mentions(&self, needles: &[String]) -> Result<u64, BackendError> {
        let _ = needles;
        Ok(0)
    }
}
