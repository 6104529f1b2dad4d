//! Service categories ("Hair", "Tutoring"), managed by admins and used to filter search.

use crate::id::CategoryId;
use crate::text::{TextError, bounded_text};

bounded_text!(
    /// A category's display name.
    CategoryName, "category name", 2..=60, multiline: false
);

/// A category services can be filed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Identity.
    pub id: CategoryId,
    /// Display name.
    pub name: CategoryName,
    /// URL-safe name, derived from the name when created and stable afterwards.
    pub slug: String,
    /// Order in lists (ascending).
    pub position: i32,
    /// Inactive categories are hidden from filters; their services keep them.
    pub active: bool,
}

impl Category {
    /// A new active category, with its slug derived from the name.
    pub fn new(id: CategoryId, name: CategoryName, position: i32) -> Self {
        let slug = slug_of(name.as_str());
        Self {
            id,
            name,
            slug,
            position,
            active: true,
        }
    }
}

/// Lower-case ASCII letters and digits joined by single dashes; other letters are dropped.
fn slug_of(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn a_slug_is_derived_from_the_name() {
        let name = CategoryName::parse("Hair & Beauty  Salons").unwrap();
        let category = Category::new(CategoryId::from_uuid(Uuid::nil()), name, 1);
        assert_eq!(category.slug, "hair-beauty-salons");
        assert!(category.active);
    }

    #[test]
    fn category_names_need_two_characters() {
        assert!(matches!(
            CategoryName::parse("x"),
            Err(TextError::Length { .. })
        ));
    }
}
