//! [`ApiTokens`] on sea-orm: `api_tokens`, one row per token with the hash of its secret.

use ::sea_orm::sea_query::{Expr, Func};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use application::ports::{ApiSecretHash, ApiToken, ApiTokens, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{ApiTokenId, TokenName, UserId};

use super::error::{CorruptRow, corrupt, read_failed, write_failed};
use super::users::found_one;

/// A row of `api_tokens`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub user_id: Uuid,
        pub name: String,
        pub hash: Vec<u8>,
        pub created_at: DateTimeUtc,
        pub last_used_at: Option<DateTimeUtc>,
        pub revoked_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl row::Model {
    fn try_into_domain(self) -> Result<ApiToken, CorruptRow> {
        Ok(ApiToken {
            id: ApiTokenId::from_uuid(self.id),
            user: UserId::from_uuid(self.user_id),
            name: TokenName::parse(&self.name).map_err(corrupt("api_tokens.name"))?,
            created_at: self.created_at,
            last_used_at: self.last_used_at,
            revoked_at: self.revoked_at,
        })
    }
}

/// API tokens in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmApiTokens {
    db: DatabaseConnection,
}

impl SeaOrmApiTokens {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// The token matching `condition`, if any.
    async fn find_one(
        &self,
        condition: impl ::sea_orm::sea_query::IntoCondition + Send,
    ) -> Result<Option<ApiToken>, RepoError> {
        let found = row::Entity::find()
            .filter(condition)
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }
}

#[async_trait]
impl ApiTokens for SeaOrmApiTokens {
    async fn insert(&self, token: &ApiToken, hash: &ApiSecretHash) -> Result<(), RepoError> {
        let model = row::ActiveModel {
            id: Set(token.id.as_uuid()),
            user_id: Set(token.user.as_uuid()),
            name: Set(token.name.as_str().to_owned()),
            hash: Set(hash.as_bytes().to_vec()),
            created_at: Set(token.created_at),
            last_used_at: Set(token.last_used_at),
            revoked_at: Set(token.revoked_at),
        };
        row::Entity::insert(model)
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn by_id(&self, id: ApiTokenId) -> Result<Option<ApiToken>, RepoError> {
        self.find_one(row::Column::Id.eq(id.as_uuid())).await
    }

    async fn by_hash(&self, hash: &ApiSecretHash) -> Result<Option<ApiToken>, RepoError> {
        self.find_one(row::Column::Hash.eq(hash.as_bytes().to_vec()))
            .await
    }

    async fn active_of(&self, user: UserId) -> Result<Vec<ApiToken>, RepoError> {
        let rows = row::Entity::find()
            .filter(row::Column::UserId.eq(user.as_uuid()))
            .filter(row::Column::RevokedAt.is_null())
            .order_by_desc(row::Column::CreatedAt)
            .order_by_desc(row::Column::Id)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(row::Model::try_into_domain)
            .collect::<Result<_, _>>()?)
    }

    async fn revoke(&self, id: ApiTokenId, at: DateTime<Utc>) -> Result<(), RepoError> {
        // COALESCE keeps the first revocation time when a token is revoked twice.
        let updated = row::Entity::update_many()
            .col_expr(
                row::Column::RevokedAt,
                Func::coalesce([Expr::col(row::Column::RevokedAt), Expr::value(at)]).into(),
            )
            .filter(row::Column::Id.eq(id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)
    }

    async fn record_use(&self, id: ApiTokenId, at: DateTime<Utc>) -> Result<(), RepoError> {
        let updated = row::Entity::update_many()
            .col_expr(row::Column::LastUsedAt, Expr::value(at))
            .filter(row::Column::Id.eq(id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        found_one(updated.rows_affected)
    }
}
