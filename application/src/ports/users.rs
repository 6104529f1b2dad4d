//! User accounts and their password hashes.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Email, Role, User, UserId};

use super::{Page, PageRequest, PasswordHash, RepoError};

/// Which users an admin list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserQuery {
    /// Text found, ignoring case, in the name or the email.
    pub text: Option<String>,
    /// Only this role.
    pub role: Option<Role>,
    /// Only active (`true`) or deactivated (`false`) accounts.
    pub active: Option<bool>,
    /// Which page.
    pub page: PageRequest,
}

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

    /// Replaces the stored user (all fields but the id and `email_verified_at`). The
    /// verification is kept while the email stays the same and cleared when it changes, so a
    /// profile saved from a stale read neither undoes a verification nor carries one over to a
    /// new address.
    ///
    /// # Errors
    /// [`RepoError::NotFound`], or [`RepoError::Conflict`] when the new email is taken.
    async fn update(&self, user: &User) -> Result<(), RepoError>;

    /// Records that user `id` proved, at `at`, that they read mail at `email`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`] when user `id` does not exist or no longer has `email`.
    async fn mark_email_verified(
        &self,
        id: UserId,
        email: &Email,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError>;

    /// Replaces the password hash of user `id`.
    ///
    /// # Errors
    /// [`RepoError::NotFound`].
    async fn set_password(&self, id: UserId, password: &PasswordHash) -> Result<(), RepoError>;

    /// The page of users matching `query`, newest account first (then by id), with the total
    /// count of matches.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn list(&self, query: &UserQuery) -> Result<Page<User>, RepoError>;
}
