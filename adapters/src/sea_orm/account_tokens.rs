//! [`AccountTokens`] on sea-orm: `account_tokens`, keyed by the token's hash.

use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use application::ports::{AccountTokens, RepoError, TokenHash, TokenPurpose};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::error::{begin_write, read_failed, retrying, write_failed};

/// A row of `account_tokens`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "account_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub hash: Vec<u8>,
        /// [`application::ports::TokenPurpose::as_str`].
        pub purpose: String,
        pub user_id: Uuid,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Account tokens in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmAccountTokens {
    db: DatabaseConnection,
}

impl SeaOrmAccountTokens {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// One transaction: find the token, then delete every token of its user for the purpose. Of
    /// two racing
    /// consumers the second finds nothing (PostgreSQL's row lock from the delete; SQLite's
    /// serialized write transactions).
    async fn consume_once(
        &self,
        hash: &TokenHash,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        let txn = begin_write(&self.db).await?;
        let deleted = row::Entity::delete_many()
            .filter(row::Column::Hash.eq(hash.as_bytes().to_vec()))
            .filter(row::Column::Purpose.eq(purpose.as_str()))
            .exec_with_returning(&txn)
            .await
            .map_err(write_failed)?;
        let Some(token) = deleted.into_iter().next() else {
            txn.commit().await.map_err(write_failed)?;
            return Ok(None);
        };
        row::Entity::delete_many()
            .filter(row::Column::UserId.eq(token.user_id))
            .filter(row::Column::Purpose.eq(purpose.as_str()))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        Ok((now < token.expires_at).then(|| UserId::from_uuid(token.user_id)))
    }
}

#[async_trait]
impl AccountTokens for SeaOrmAccountTokens {
    async fn insert(
        &self,
        hash: &TokenHash,
        purpose: TokenPurpose,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let model = row::ActiveModel {
            hash: Set(hash.as_bytes().to_vec()),
            purpose: Set(purpose.as_str().to_owned()),
            user_id: Set(user.as_uuid()),
            expires_at: Set(expires_at),
        };
        row::Entity::insert(model)
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn consume(
        &self,
        hash: &TokenHash,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        retrying(|| self.consume_once(hash, purpose, now)).await
    }

    async fn revoke(&self, user: UserId, purpose: TokenPurpose) -> Result<(), RepoError> {
        row::Entity::delete_many()
            .filter(row::Column::UserId.eq(user.as_uuid()))
            .filter(row::Column::Purpose.eq(purpose.as_str()))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn latest_expiry(
        &self,
        user: UserId,
        purpose: TokenPurpose,
    ) -> Result<Option<DateTime<Utc>>, RepoError> {
        let latest = row::Entity::find()
            .filter(row::Column::UserId.eq(user.as_uuid()))
            .filter(row::Column::Purpose.eq(purpose.as_str()))
            .order_by_desc(row::Column::ExpiresAt)
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(latest.map(|token| token.expires_at))
    }
}
