//! Implementations of the application's ports, one module per technology.
//!
//! [`memory`] holds every store in process memory (tests, the demo), [`clock`] reads the system
//! clock and [`argon2`] hashes passwords. Calendars: [`google_calendar`] pushes appointments to a
//! dedicated Google calendar per provider, [`ical_feed`] writes subscribable feeds, and
//! [`noop_calendar`] pushes nothing (the feed-only default).

pub mod argon2;
mod calendar_text;
pub mod clock;
pub mod google_calendar;
pub mod ical_feed;
pub mod memory;
pub mod noop_calendar;

pub use argon2::Argon2Hasher;
pub use clock::SystemClock;
pub use google_calendar::{GoogleCalendarConfig, GoogleCalendarSync};
pub use ical_feed::IcalFeedRenderer;
pub use memory::{
    InMemory, MemoryAppointments, MemoryCalendarLinks, MemoryCategories, MemoryDeliveries,
    MemoryFeedTokens, MemoryResetTokens, MemorySchedules, MemoryServices, MemoryUsers,
};
pub use noop_calendar::NoopCalendarSync;
