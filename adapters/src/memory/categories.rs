//! Categories in memory.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use application::ports::{CategoryStore, RepoError};
use async_trait::async_trait;
use domain::{Category, CategoryId};

use super::lock;

/// Categories by id.
pub(super) type CategoryTable = HashMap<CategoryId, Category>;

/// [`CategoryStore`] in memory. Slugs are unique, as the port requires.
#[derive(Debug, Default)]
pub struct MemoryCategories {
    table: Arc<Mutex<CategoryTable>>,
}

impl MemoryCategories {
    /// The table, shared with the service search.
    pub(super) fn table(&self) -> Arc<Mutex<CategoryTable>> {
        Arc::clone(&self.table)
    }
}

fn slug_taken(table: &CategoryTable, category: &Category) -> bool {
    table
        .values()
        .any(|c| c.id != category.id && c.slug == category.slug)
}

#[async_trait]
impl CategoryStore for MemoryCategories {
    async fn insert(&self, category: &Category) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        if table.contains_key(&category.id) || slug_taken(&table, category) {
            return Err(RepoError::Conflict);
        }
        table.insert(category.id, category.clone());
        Ok(())
    }

    async fn update(&self, category: &Category) -> Result<(), RepoError> {
        let mut table = lock(&self.table);
        if slug_taken(&table, category) {
            return Err(RepoError::Conflict);
        }
        let stored = table.get_mut(&category.id).ok_or(RepoError::NotFound)?;
        *stored = category.clone();
        Ok(())
    }

    async fn by_id(&self, id: CategoryId) -> Result<Option<Category>, RepoError> {
        Ok(lock(&self.table).get(&id).cloned())
    }

    async fn list(&self, include_inactive: bool) -> Result<Vec<Category>, RepoError> {
        let mut categories: Vec<Category> = lock(&self.table)
            .values()
            .filter(|c| include_inactive || c.active)
            .cloned()
            .collect();
        categories.sort_by(|a, b| {
            (a.position, a.name.as_str(), a.id).cmp(&(b.position, b.name.as_str(), b.id))
        });
        Ok(categories)
    }
}
