//! The administration panel's use cases. Staff (admin and support) read everything; support
//! staff may also cancel appointments and moderate reviews; every other change is for admins,
//! and every change is recorded in the [`AuditLog`](crate::ports::AuditLog) through an
//! [`Auditor`].

pub mod appointments;
pub mod audit;
pub mod catalog;
pub mod dashboard;
pub mod operations;
pub mod reviews;
pub mod users;

pub use audit::Auditor;

use crate::actor::Actor;
use crate::ports::{BackendError, RepoError};

/// Why an admin action was refused or failed. The admin use cases share it: they refuse for
/// the same few reasons and the panel shows them the same way.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The actor's role does not allow it.
    #[error("your role does not allow this")]
    Forbidden,
    /// What it names does not exist.
    #[error("not found")]
    NotFound,
    /// A rule refused the change; the message says which.
    #[error("{0}")]
    Invalid(String),
    /// It clashes with existing data (an email or slug taken, a record changed meanwhile).
    #[error("{0}")]
    Conflict(String),
    /// An outside service (mail, calendar) failed; try again later.
    #[error("an outside service failed, try again later")]
    Unavailable(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(RepoError),
}

impl From<RepoError> for AdminError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound => Self::NotFound,
            RepoError::Conflict => Self::Conflict("that conflicts with existing data".into()),
            RepoError::Stale => Self::Conflict("it changed meanwhile, reload and try again".into()),
            other @ (RepoError::Backend(_) | RepoError::Unavailable(_)) => Self::Store(other),
        }
    }
}

/// Refuses anyone but staff.
fn staff_only(actor: &Actor) -> Result<(), AdminError> {
    if actor.is_staff() {
        Ok(())
    } else {
        Err(AdminError::Forbidden)
    }
}

/// Refuses anyone but admins.
fn admins_only(actor: &Actor) -> Result<(), AdminError> {
    if actor.is_admin() {
        Ok(())
    } else {
        Err(AdminError::Forbidden)
    }
}
