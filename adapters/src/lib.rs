//! Implementations of the application's ports, one module per technology.
//!
//! [`memory`] holds every store in process memory (tests, the demo), [`clock`] reads the system
//! clock and [`argon2`] hashes passwords.

pub mod argon2;
pub mod clock;
pub mod memory;

pub use argon2::Argon2Hasher;
pub use clock::SystemClock;
pub use memory::{
    InMemory, MemoryAppointments, MemoryCategories, MemorySchedules, MemoryServices, MemoryUsers,
};
