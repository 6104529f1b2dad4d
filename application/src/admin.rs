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

use domain::{LifecycleError, ReviewError};

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
    /// A rule refused the change.
    #[error("{0}")]
    Invalid(AdminRefusal),
    /// It clashes with existing data (an email or slug taken, a record changed meanwhile).
    #[error("{0}")]
    Conflict(AdminRefusal),
    /// An outside service (mail, calendar) failed; try again later.
    #[error("an outside service failed, try again later")]
    Unavailable(#[source] BackendError),
    /// Storage failed.
    #[error(transparent)]
    Store(RepoError),
}

/// Which rule or clash refused an admin change; the panel and the API word it for their reader.
#[derive(Debug, thiserror::Error)]
pub enum AdminRefusal {
    /// Admins cannot change their own role (so the last admin stays one).
    #[error("you cannot change your own role")]
    OwnRole,
    /// The email address belongs to another account.
    #[error("that email already has an account")]
    EmailTaken,
    /// Admins cannot deactivate themselves.
    #[error("you cannot deactivate yourself")]
    DeactivateYourself,
    /// A deactivated account gets no reset link.
    #[error("reactivate the account before sending a reset link")]
    ResetInactive,
    /// Staff accounts are admins or support.
    #[error("a staff account is an admin or a support account")]
    NotStaff,
    /// A category name needs something to make its web address of.
    #[error("the name needs at least one letter a–z or digit for its web address")]
    CategoryNoSlug,
    /// Another category has that name.
    #[error("a category with this name already exists")]
    CategoryTaken,
    /// The category is inactive or gone.
    #[error("this category is not available")]
    CategoryUnavailable,
    /// Only an orphaned provider calendar can be deleted.
    #[error("the calendar of an active provider is not orphaned")]
    CalendarInUse,
    /// The appointment changed while staff looked at it.
    #[error("the appointment was changed meanwhile, please try again")]
    AppointmentChanged,
    /// The appointment's lifecycle refuses the step.
    #[error("{0}")]
    Appointment(LifecycleError),
    /// The review's rules refuse the moderation.
    #[error("{0}")]
    Review(ReviewError),
    /// The change clashes with stored data.
    #[error("that conflicts with existing data")]
    ClashesWithData,
    /// The record changed since it was read.
    #[error("it changed meanwhile, reload and try again")]
    ChangedMeanwhile,
}

impl From<RepoError> for AdminError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::NotFound => Self::NotFound,
            RepoError::Conflict => Self::Conflict(AdminRefusal::ClashesWithData),
            RepoError::Stale => Self::Conflict(AdminRefusal::ChangedMeanwhile),
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
