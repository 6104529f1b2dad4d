//! An admin adds a service category.

use std::sync::Arc;

use domain::{Category, CategoryId, CategoryName};
use uuid::Uuid;

use crate::actor::Actor;
use crate::ports::{CategoryStore, RepoError};

/// Why the category was not created.
#[derive(Debug, thiserror::Error)]
pub enum CreateCategoryError {
    /// Only admins manage categories.
    #[error("only admins manage categories")]
    Forbidden,
    /// The name gives no URL name (it has no ASCII letters or digits).
    #[error("the name needs at least one letter a–z or digit for its web address")]
    NoSlug,
    /// Another category has the same URL name.
    #[error("a category with this name already exists")]
    SlugTaken,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Creates categories, active at once.
pub struct CreateCategory {
    categories: Arc<dyn CategoryStore>,
}

impl CreateCategory {
    /// The use case over its port.
    pub fn new(categories: Arc<dyn CategoryStore>) -> Self {
        Self { categories }
    }

    /// Adds a category named `name` at `position` in lists.
    ///
    /// # Errors
    /// See [`CreateCategoryError`].
    #[tracing::instrument(skip(self, actor, name), fields(actor = %actor.id))]
    pub async fn run(
        &self,
        actor: &Actor,
        name: CategoryName,
        position: i32,
    ) -> Result<Category, CreateCategoryError> {
        if !actor.is_admin() {
            return Err(CreateCategoryError::Forbidden);
        }
        let category = Category::new(CategoryId::from_uuid(Uuid::now_v7()), name, position);
        if category.slug.is_empty() {
            return Err(CreateCategoryError::NoSlug);
        }
        self.categories
            .insert(&category)
            .await
            .map_err(|e| match e {
                RepoError::Conflict => CreateCategoryError::SlugTaken,
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

    fn name(n: &str) -> CategoryName {
        CategoryName::parse(n).unwrap()
    }

    #[tokio::test]
    async fn an_admin_creates_an_active_category_with_a_slug() {
        let mut categories = MockCategoryStore::new();
        categories
            .expect_insert()
            .withf(|c| c.slug == "hair-beauty" && c.active)
            .times(1)
            .returning(|_| Ok(()));
        let category = CreateCategory::new(Arc::new(categories))
            .run(&an_admin().actor(), name("Hair & Beauty"), 3)
            .await
            .unwrap();
        assert_eq!(category.position, 3);
    }

    #[tokio::test]
    async fn support_staff_and_providers_cannot_create_categories() {
        for actor in [a_support_agent().actor(), a_provider().actor()] {
            let mut categories = MockCategoryStore::new();
            categories.expect_insert().never();
            let result = CreateCategory::new(Arc::new(categories))
                .run(&actor, name("Hair"), 1)
                .await;
            assert!(
                matches!(result, Err(CreateCategoryError::Forbidden)),
                "{actor:?}"
            );
        }
    }

    #[tokio::test]
    async fn a_taken_slug_is_reported_as_such() {
        let mut categories = MockCategoryStore::new();
        categories
            .expect_insert()
            .returning(|_| Err(RepoError::Conflict));
        let result = CreateCategory::new(Arc::new(categories))
            .run(&an_admin().actor(), name("Hair"), 1)
            .await;
        assert!(matches!(result, Err(CreateCategoryError::SlugTaken)));
    }

    #[tokio::test]
    async fn a_name_without_latin_letters_or_digits_is_refused() {
        let mut categories = MockCategoryStore::new();
        categories.expect_insert().never();
        let result = CreateCategory::new(Arc::new(categories))
            .run(&an_admin().actor(), name("美容院"), 1)
            .await;
        assert!(matches!(result, Err(CreateCategoryError::NoSlug)));
    }
}
