//! The [`application::ports::CategoryStore`] contract.

use application::ports::RepoError;
use domain::Category;

use super::Stores;
use crate::builders::a_category;

fn names(categories: &[Category]) -> Vec<&str> {
    categories.iter().map(|c| c.name.as_str()).collect()
}

pub async fn category_store_round_trips_every_field(stores: &Stores) {
    let category = a_category()
        .named("Hair & Beauty")
        .at_position(7)
        .inactive()
        .build();
    stores.categories.insert(&category).await.unwrap();
    assert_eq!(
        stores.categories.by_id(category.id).await.unwrap(),
        Some(category)
    );
}

pub async fn category_store_rejects_a_taken_slug(stores: &Stores) {
    stores
        .add_category(a_category().named("Hair").build())
        .await;
    let same_slug = a_category().named("HAIR").build();
    let result = stores.categories.insert(&same_slug).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stores.categories.by_id(same_slug.id).await.unwrap(), None);
}

pub async fn category_store_update_replaces_every_field(stores: &Stores) {
    let old = stores.add_category(a_category().build()).await;
    let mut new = a_category()
        .named("Tutoring")
        .at_position(-3)
        .inactive()
        .build();
    new.id = old.id;
    stores.categories.update(&new).await.unwrap();
    assert_eq!(stores.categories.by_id(old.id).await.unwrap(), Some(new));
}

pub async fn category_store_update_to_a_taken_slug_conflicts(stores: &Stores) {
    let hair = stores
        .add_category(a_category().named("Hair").build())
        .await;
    let yoga = stores
        .add_category(a_category().named("Yoga").build())
        .await;
    let mut changed = yoga.clone();
    changed.slug.clone_from(&hair.slug);
    let result = stores.categories.update(&changed).await;
    assert!(matches!(result, Err(RepoError::Conflict)), "{result:?}");
    assert_eq!(stores.categories.by_id(yoga.id).await.unwrap(), Some(yoga));
}

pub async fn category_store_update_of_a_missing_category_is_not_found(stores: &Stores) {
    let result = stores.categories.update(&a_category().build()).await;
    assert!(matches!(result, Err(RepoError::NotFound)), "{result:?}");
}

pub async fn category_store_lists_by_position_then_name(stores: &Stores) {
    for (name, position) in [("Alpha", 2), ("Zeta", 1), ("Beta", 1), ("Gamma", -1)] {
        let category = a_category().named(name).at_position(position).build();
        stores.add_category(category).await;
    }
    let listed = stores.categories.list(false).await.unwrap();
    assert_eq!(names(&listed), ["Gamma", "Beta", "Zeta", "Alpha"]);
}

pub async fn category_store_lists_inactive_categories_only_when_asked(stores: &Stores) {
    stores
        .add_category(a_category().named("Active").at_position(1).build())
        .await;
    stores
        .add_category(
            a_category()
                .named("Hidden")
                .at_position(2)
                .inactive()
                .build(),
        )
        .await;
    assert_eq!(
        names(&stores.categories.list(false).await.unwrap()),
        ["Active"]
    );
    assert_eq!(
        names(&stores.categories.list(true).await.unwrap()),
        ["Active", "Hidden"]
    );
}
