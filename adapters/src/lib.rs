//! Implementations of the application's ports, one module per technology.
//!
//! [`memory`] holds every store in process memory (tests, the demo), [`clock`] reads the system
//! clock and [`argon2`] hashes passwords. Mail: [`mail_templates`] words messages (with
//! [`ical`] invitations), [`smtp`] and [`outbox_folder`] send them. Calendars:
//! [`google_calendar`] pushes appointments to a dedicated Google calendar per provider,
//! [`ical_feed`] writes subscribable feeds, and [`noop_calendar`] pushes nothing (the
//! feed-only default).

pub mod argon2;
mod calendar_text;
pub mod clock;
pub mod google_calendar;
pub mod ical;
pub mod ical_feed;
pub mod mail_message;
pub mod mail_templates;
pub mod memory;
pub mod noop_calendar;
pub mod outbox_folder;
pub mod smtp;

pub use argon2::Argon2Hasher;
pub use clock::SystemClock;
pub use google_calendar::{GoogleCalendarConfig, GoogleCalendarSync};
pub use ical_feed::IcalFeedRenderer;
pub use mail_message::MailSender;
pub use mail_templates::TeraMailComposer;
pub use memory::{
    InMemory, MemoryAppointments, MemoryCalendarLinks, MemoryCategories, MemoryDeliveries,
    MemoryFeedTokens, MemoryResetTokens, MemorySchedules, MemoryServices, MemoryUsers,
};
pub use noop_calendar::NoopCalendarSync;
pub use outbox_folder::OutboxFolderMailer;
pub use smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};
