//! The current time, injectable so tests control "now".

use chrono::{DateTime, Utc};

/// Tells the current instant.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}
