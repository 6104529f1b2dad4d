//! Implementations of the application's ports, one module per technology.
//!
//! [`memory`] holds every store in process memory (tests, the demo), [`sea_orm`] in SQLite or
//! PostgreSQL, [`clock`] reads the system clock and [`argon2`] hashes passwords. Mail:
//! [`mail_templates`] words messages (with [`ical`] invitations), [`smtp`] and
//! [`outbox_folder`] send them.

pub mod argon2;
pub mod clock;
pub mod ical;
pub mod mail_message;
pub mod mail_templates;
pub mod memory;
pub mod outbox_folder;
pub mod sea_orm;
pub mod smtp;

pub use argon2::Argon2Hasher;
pub use clock::SystemClock;
pub use mail_message::MailSender;
pub use mail_templates::TeraMailComposer;
pub use memory::{
    InMemory, MemoryAppointments, MemoryCategories, MemoryDeliveries, MemoryResetTokens,
    MemorySchedules, MemoryServices, MemoryUsers,
};
pub use outbox_folder::OutboxFolderMailer;
pub use smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};
