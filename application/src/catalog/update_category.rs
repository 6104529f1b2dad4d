//! An admin renames, reorders, hides or shows a category.

use std::sync::Arc;

use domain::{Category, CategoryId, CategoryName};

use crate::actor::Actor;
use crate::ports::{CategoryStore, RepoError};

/// The editable fields of a category. The slug stays as created, so links keep working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryChanges {
    /// Display name.
    pub name: CategoryName,
    /// Order in lists (ascending).
    pub position: i32,
    /// Hidden from filters and new services when `false`; existing services keep it.
    pub active: bool,
}

/// Why the category was not updated.
#[derive(Debug, thiserror::Error)]
pub enum UpdateCategoryError {
    /// Only admins manage categories.
    #[error("only admins manage categories")]
    Forbidden,
    /// No such category.
    #[error("no such category")]
    NotFound,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Updates categories.
pub struct UpdateCategory {
    categories: Arc<dyn CategoryStore>,
}

impl UpdateCategory {
    /// The use case over its port.
    pub fn new(categories: Arc<dyn CategoryStore>) -> Self {
        Self { categories }
    }

    /// Applies `changes` to category `id`; returns it as stored.
    ///
    /// # Errors
    /// See [`UpdateCategoryError`].
    #[tracing::instrument(skip(self, actor, changes), fields(actor = %actor.id, category = %id))]
    pub async fn run(
        &self,
        actor: &Actor,
        id: CategoryId,
        changes: CategoryChanges,
    ) -> Result<Category, UpdateCategoryError> {
        if !actor.is_admin() {
            return Err(UpdateCategoryError::Forbidden);
        }
        let mut category = self
            .categories
            .by_id(id)
            .await?
            .ok_or(UpdateCategoryError::NotFound)?;
        category.name = changes.name;
        category.position = changes.position;
        category.active = changes.active;
        self.categories
            .update(&category)
            .await
            .map_err(|e| match e {
                RepoError::NotFound => UpdateCategoryError::NotFound,
                other => other.into(),
            })?;
        Ok(category)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::categories::MockCategoryStore;
    use crate::test_support::*;

    fn hidden_and_renamed() -> CategoryChanges {
        CategoryChanges {
            name: CategoryName::parse("Hair Salons").unwrap(),
            position: 7,
            active: false,
        }
    }

    #[tokio::test]
    async fn an_admin_renames_and_hides_a_category_keeping_its_slug() {
        let mut categories = MockCategoryStore::new();
        categories
            .expect_by_id()
            .returning(|_| Ok(Some(a_category().build())));
        categories
            .expect_update()
            .withf(|c| c.slug == "hair" && c.name.as_str() == "Hair Salons" && !c.active)
            .times(1)
            .returning(|_| Ok(()));
        let category = UpdateCategory::new(Arc::new(categories))
            .run(
                &an_admin().actor(),
                a_category().build().id,
                hidden_and_renamed(),
            )
            .await
            .unwrap();
        assert_eq!(category.position, 7);
    }

    #[tokio::test]
    async fn support_staff_cannot_change_categories() {
        let result = UpdateCategory::new(Arc::new(MockCategoryStore::new()))
            .run(
                &a_support_agent().actor(),
                a_category().build().id,
                hidden_and_renamed(),
            )
            .await;
        assert!(matches!(result, Err(UpdateCategoryError::Forbidden)));
    }

    #[tokio::test]
    async fn an_unknown_category_is_not_found() {
        let mut categories = MockCategoryStore::new();
        categories.expect_by_id().returning(|_| Ok(None));
        let result = UpdateCategory::new(Arc::new(categories))
            .run(&an_admin().actor(), category_id(999), hidden_and_renamed())
            .await;
        assert!(matches!(result, Err(UpdateCategoryError::NotFound)));
    }
}
