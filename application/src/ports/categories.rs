//! Service categories.

use async_trait::async_trait;
use domain::{Category, CategoryId};

use super::RepoError;

/// Stores categories. Slugs are unique.
#[cfg_attr(any(test, feature = "mocks"), mockall::automock)]
#[async_trait]
pub trait CategoryStore: Send + Sync {
    /// Adds a category.
    ///
    /// # Errors
    /// [`RepoError::Conflict`] when the slug is taken.
    async fn insert(&self, category: &Category) -> Result<(), RepoError>;

    /// Replaces a category.
    ///
    /// # Errors
    /// [`RepoError::NotFound`], or [`RepoError::Conflict`] when the slug is taken.
    async fn update(&self, category: &Category) -> Result<(), RepoError>;

    /// The category with `id`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn by_id(&self, id: CategoryId) -> Result<Option<Category>, RepoError>;

    /// All categories ordered by position then name; inactive ones only if asked.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    async fn list(&self, include_inactive: bool) -> Result<Vec<Category>, RepoError>;
}
