//! [`FeedTokens`] on sea-orm: `feed_tokens`, one token hash per user.

use ::sea_orm::sea_query::OnConflict;
use ::sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use application::ports::{FeedTokenHash, FeedTokens, RepoError};
use async_trait::async_trait;
use domain::UserId;

use super::error::{read_failed, write_failed};

/// A row of `feed_tokens`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "feed_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: Uuid,
        pub hash: Vec<u8>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Feed tokens in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmFeedTokens {
    db: DatabaseConnection,
}

impl SeaOrmFeedTokens {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl FeedTokens for SeaOrmFeedTokens {
    async fn replace(&self, user: UserId, hash: &FeedTokenHash) -> Result<(), RepoError> {
        let model = row::ActiveModel {
            user_id: Set(user.as_uuid()),
            hash: Set(hash.as_bytes().to_vec()),
        };
        row::Entity::insert(model)
            .on_conflict(
                OnConflict::column(row::Column::UserId)
                    .update_column(row::Column::Hash)
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn revoke(&self, user: UserId) -> Result<(), RepoError> {
        row::Entity::delete_many()
            .filter(row::Column::UserId.eq(user.as_uuid()))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn owner(&self, hash: &FeedTokenHash) -> Result<Option<UserId>, RepoError> {
        let found = row::Entity::find()
            .filter(row::Column::Hash.eq(hash.as_bytes().to_vec()))
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(|r| UserId::from_uuid(r.user_id)))
    }

    async fn issued(&self, user: UserId) -> Result<bool, RepoError> {
        let found = row::Entity::find_by_id(user.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.is_some())
    }
}
