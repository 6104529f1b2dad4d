//! Every store in process memory, for tests and the demo. Each store keeps its data behind a
//! `std::sync::Mutex` locked only inside synchronous code, never across an `.await`; a store's
//! rules (unique emails, no overlapping appointments) are checked and applied in one critical
//! section, so they hold under any concurrency, as a database constraint would.

mod appointments;
mod categories;
mod schedules;
mod search;
mod services;
mod users;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

pub use appointments::MemoryAppointments;
pub use categories::MemoryCategories;
pub use schedules::MemorySchedules;
pub use services::MemoryServices;
pub use users::MemoryUsers;

/// Every in-memory store, sharing the data that crosses stores: service search reads the
/// users and categories tables.
#[derive(Debug, Clone)]
pub struct InMemory {
    /// Users and their password hashes.
    pub users: Arc<MemoryUsers>,
    /// Services and the marketplace search.
    pub services: Arc<MemoryServices>,
    /// Categories.
    pub categories: Arc<MemoryCategories>,
    /// Providers' schedules.
    pub schedules: Arc<MemorySchedules>,
    /// Appointments and their recorded events.
    pub appointments: Arc<MemoryAppointments>,
}

impl InMemory {
    /// Empty stores.
    pub fn new() -> Self {
        let users = Arc::new(MemoryUsers::default());
        let categories = Arc::new(MemoryCategories::default());
        let services = Arc::new(MemoryServices::new(&users, &categories));
        Self {
            users,
            services,
            categories,
            schedules: Arc::new(MemorySchedules::default()),
            appointments: Arc::new(MemoryAppointments::default()),
        }
    }
}

impl Default for InMemory {
    fn default() -> Self {
        Self::new()
    }
}

/// Locks `table`. A panic while the lock was held cannot leave a table half-changed (every
/// critical section checks first and then changes with infallible operations), so a poisoned
/// lock is still safe to use.
fn lock<T>(table: &Mutex<T>) -> MutexGuard<'_, T> {
    table.lock().unwrap_or_else(PoisonError::into_inner)
}
