//! Implementations of the application's ports, one module per technology.
//!
//! [`memory`] holds every store in process memory (tests, the demo), [`clock`] reads the system
//! clock and [`argon2`] hashes passwords.

pub mod argon2;
pub mod clock;
pub mod ical;
pub mod mail_templates;
pub mod memory;

pub use argon2::Argon2Hasher;
pub use clock::SystemClock;
pub use mail_templates::TeraMailComposer;
pub use memory::{
    InMemory, MemoryAppointments, MemoryCategories, MemoryDeliveries, MemoryResetTokens,
    MemorySchedules, MemoryServices, MemoryUsers,
};
