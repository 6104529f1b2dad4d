//! Implementations of the application's ports, one module per technology.
//!
//! [`memory`] holds every store in process memory (tests, the demo), [`sea_orm`] in SQLite or
//! PostgreSQL, [`clock`] reads the system clock, [`argon2`] hashes passwords, [`local_disk`] and
//! [`s3`] store images, and [`image_pipeline`] validates and resizes uploads.

pub mod argon2;
pub mod clock;
pub mod image_pipeline;
pub mod local_disk;
pub mod memory;
pub mod s3;
pub mod sea_orm;

pub use argon2::Argon2Hasher;
pub use clock::SystemClock;
pub use image_pipeline::{ImageLimits, ImagePipeline};
pub use local_disk::{LocalDiskConfig, LocalDiskImages};
pub use memory::{
    InMemory, MemoryAppointments, MemoryCategories, MemorySchedules, MemoryServices, MemoryUsers,
};
pub use s3::{S3Config, S3Credentials, S3Images};
