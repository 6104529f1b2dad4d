//! User accounts and their password hashes.

use async_trait::async_trait;
use domain::{Email, User, UserId};

use super::{PasswordHash, RepoError};

/// Stores users. Emails are unique (they are stored normalised by [`domain::Email`]).
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Adds a user with their password hash.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when the email or id is taken.
    async fn insert(&self, user: &User, password: &PasswordHash) -> Result<(), RepoError>;

    /// The user with `id`, if any.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: UserId) -> Result<Option<User>, RepoError>;

    /// The user with `email` and their password hash, for logging in.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn credentials(&self, email: &Email) -> Result<Option<(User, PasswordHash)>, RepoError>;

    /// Replaces the stored user (all fields but the id).
    ///
    /// # Errors
    /// [`RepoError::NotFound`], or [`RepoError::Conflict`] when the new email is taken.
    async fn update(&self, user: &User) -> Result<(), RepoError>;

    /// Replaces the password hash of user `id`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`].
    async fn set_password(&self, id: UserId, password: &PasswordHash) -> Result<(), RepoError>;
}
