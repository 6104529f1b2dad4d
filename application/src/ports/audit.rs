//! The audit log: what staff did, when, and what it changed.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;
use uuid::Uuid;

use super::{Page, PageRequest, RepoError};

/// One recorded staff action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Identity (a v7 UUID, so ids sort by time).
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: UserId,
    /// What was done, a stable dotted name such as `user.deactivate`.
    pub action: String,
    /// What it was done to, such as `user:<uuid>`.
    pub target: String,
    /// The target before, as JSON text, if it existed.
    pub before: Option<String>,
    /// The target after, as JSON text, if it still exists.
    pub after: Option<String>,
}

/// Keeps the audit log. Entries are only ever added, never changed or removed.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait AuditLog: Send + Sync {
    /// Adds `entry`.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when its id is taken.
    async fn record(&self, entry: &AuditEntry) -> Result<(), RepoError>;

    /// One page of entries, newest first (by time, then id).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn list(&self, page: PageRequest) -> Result<Page<AuditEntry>, RepoError>;

    /// Every entry about user `user` (target `user:<id>`) or done by them, oldest first (by
    /// time, then id).
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn about(&self, user: UserId) -> Result<Vec<AuditEntry>, RepoError>;
}
