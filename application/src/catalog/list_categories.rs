//! Anyone lists the categories to browse or file services under.

use std::sync::Arc;

use domain::Category;

use crate::actor::Actor;
use crate::ports::{CategoryStore, RepoError};

/// Why the categories were not listed.
#[derive(Debug, thiserror::Error)]
pub enum ListCategoriesError {
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] RepoError),
}

/// Lists categories: the active ones for everyone, all of them for staff.
pub struct ListCategories {
    categories: Arc<dyn CategoryStore>,
}

impl ListCategories {
    /// The use case over its port.
    pub fn new(categories: Arc<dyn CategoryStore>) -> Self {
        Self { categories }
    }

    /// The categories `actor` may see (`None` when anonymous), by position then name.
    ///
    /// # Errors
    /// See [`ListCategoriesError`].
    #[tracing::instrument(skip(self, actor), fields(actor = ?actor.map(|a| a.id)))]
    pub async fn run(&self, actor: Option<&Actor>) -> Result<Vec<Category>, ListCategoriesError> {
        let include_inactive = actor.is_some_and(Actor::is_staff);
        Ok(self.categories.list(include_inactive).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::categories::MockCategoryStore;
    use crate::test_support::*;
    use mockall::predicate::eq;

    fn listing(include_inactive: bool) -> ListCategories {
        let mut categories = MockCategoryStore::new();
        categories
            .expect_list()
            .with(eq(include_inactive))
            .times(1)
            .returning(|_| Ok(vec![a_category().build()]));
        ListCategories::new(Arc::new(categories))
    }

    #[tokio::test]
    async fn visitors_and_customers_see_active_categories_only() {
        listing(false).run(None).await.unwrap();
        listing(false)
            .run(Some(&a_customer().actor()))
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn staff_see_inactive_categories_too() {
        listing(true)
            .run(Some(&a_support_agent().actor()))
            .await
            .unwrap();
    }
}
