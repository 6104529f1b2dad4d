//! [`CategoryStore`] on sea-orm: the `categories` table.

use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use application::ports::{CategoryStore, RepoError};
use async_trait::async_trait;
use domain::{Category, CategoryId, CategoryName};

use super::error::{CorruptRow, corrupt, read_failed, write_failed};
use super::users::found_one;

/// A row of `categories`.
pub(super) mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "categories")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub name: String,
        pub slug: String,
        pub position: i32,
        pub active: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl row::Model {
    fn try_into_domain(self) -> Result<Category, CorruptRow> {
        Ok(Category {
            id: CategoryId::from_uuid(self.id),
            name: CategoryName::parse(&self.name).map_err(corrupt("categories.name"))?,
            slug: self.slug,
            position: self.position,
            active: self.active,
        })
    }
}

pub(super) fn model_of(category: &Category) -> row::ActiveModel {
    row::ActiveModel {
        id: Set(category.id.as_uuid()),
        name: Set(category.name.as_str().to_owned()),
        slug: Set(category.slug.clone()),
        position: Set(category.position),
        active: Set(category.active),
    }
}

/// [`CategoryStore`] on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmCategories {
    db: DatabaseConnection,
}

impl SeaOrmCategories {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl CategoryStore for SeaOrmCategories {
    #[tracing::instrument(skip_all, fields(category = %category.id))]
    async fn insert(&self, category: &Category) -> Result<(), RepoError> {
        row::Entity::insert(model_of(category))
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    #[tracing::instrument(skip_all, fields(category = %category.id))]
    async fn update(&self, category: &Category) -> Result<(), RepoError> {
        let updated = row::Entity::update_many()
            .set(model_of(category))
            .filter(row::Column::Id.eq(category.id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)
    }

    async fn by_id(&self, id: CategoryId) -> Result<Option<Category>, RepoError> {
        let found = row::Entity::find_by_id(id.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }

    async fn list(&self, include_inactive: bool) -> Result<Vec<Category>, RepoError> {
        let mut query = row::Entity::find();
        if !include_inactive {
            query = query.filter(row::Column::Active.eq(true));
        }
        let rows = query
            .order_by_asc(row::Column::Position)
            .order_by_asc(row::Column::Name)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(row::Model::try_into_domain)
            .collect::<Result<_, _>>()?)
    }
}
