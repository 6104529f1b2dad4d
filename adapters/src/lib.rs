//! Implementations of the application's ports, one module per technology.
//!
//! Stores: [`memory`] keeps everything in process memory (tests, the demo), [`sea_orm`] in SQLite
//! or PostgreSQL. Mail: [`mail_templates`] words messages (with [`ical`] invitations), [`smtp`]
//! and [`outbox_folder`] send them. Calendars: [`google_calendar`] pushes appointments to a
//! dedicated Google calendar per provider, [`microsoft_calendar`] does the same in Outlook
//! through Microsoft Graph, [`ical_feed`] writes subscribable feeds, and
//! [`noop_calendar`] pushes nothing (the feed-only default). Images: [`image_pipeline`] validates
//! and resizes uploads, [`local_disk`] and [`s3`] store them. [`argon2`] hashes passwords and
//! [`clock`] reads the system clock. [`read_cache`] keeps hot reads of any store in memory.
//! Webhooks: [`webhook_http`] posts them, behind an SSRF guard.

mod address_guard;
pub mod argon2;
pub mod caldav_calendar;
mod calendar_record;
mod calendar_text;
pub mod catalogue;
pub mod clock;
pub mod google_calendar;
pub mod ical;
pub mod ical_feed;
pub mod image_pipeline;
pub mod local_disk;
pub mod local_format;
pub mod mail_message;
pub mod mail_templates;
pub mod memory;
pub mod microsoft_calendar;
pub mod noop_calendar;
pub mod outbox_folder;
pub mod read_cache;
pub mod s3;
pub mod sea_orm;
pub mod smtp;
pub mod tzdb;
pub mod webhook_http;

pub use argon2::Argon2Hasher;
pub use caldav_calendar::{CalDavCalendars, CalDavConfig};
pub use clock::SystemClock;
pub use google_calendar::{GoogleCalendarConfig, GoogleCalendarSync};
pub use ical_feed::IcalFeedRenderer;
pub use image_pipeline::{ImageLimits, ImagePipeline};
pub use local_disk::{LocalDiskConfig, LocalDiskImages};
pub use mail_message::MailSender;
pub use mail_templates::TeraMailComposer;
pub use memory::{
    InMemory, MemoryAccountTokens, MemoryApiTokens, MemoryAppointments, MemoryBusyTimes,
    MemoryCalendarLinks, MemoryCategories, MemoryDeliveries, MemoryFeedTokens, MemoryRateLimits,
    MemoryReviews, MemorySchedules, MemoryServices, MemoryUsers, MemoryWatchChannels,
    MemoryWebhooks,
};
pub use microsoft_calendar::{GraphCredential, MicrosoftCalendarConfig, MicrosoftCalendarSync};
pub use noop_calendar::NoopCalendarSync;
pub use outbox_folder::OutboxFolderMailer;
pub use s3::{S3Config, S3Credentials, S3Images};
pub use smtp::{SmtpConfig, SmtpMailer, SmtpSecurity};
pub use webhook_http::{HttpWebhookSender, WebhookHttpConfig};
