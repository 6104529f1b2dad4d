//! [`PasswordResetTokens`] on sea-orm: `password_reset_tokens`, keyed by the token's hash.

use ::sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use application::ports::{PasswordResetTokens, RepoError, TokenHash};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::error::{begin_write, retrying, write_failed};

/// A row of `password_reset_tokens`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "password_reset_tokens")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub hash: Vec<u8>,
        pub user_id: Uuid,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Reset tokens in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmResetTokens {
    db: DatabaseConnection,
}

impl SeaOrmResetTokens {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// One transaction: find the token, then delete every token of its user. Of two racing
    /// consumers the second finds nothing (PostgreSQL's row lock from the delete; SQLite's
    /// serialized write transactions).
    async fn consume_once(
        &self,
        hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        let txn = begin_write(&self.db).await?;
        let deleted = row::Entity::delete_many()
            .filter(row::Column::Hash.eq(hash.as_bytes().to_vec()))
            .exec_with_returning(&txn)
            .await
            .map_err(write_failed)?;
        let Some(token) = deleted.into_iter().next() else {
            txn.commit().await.map_err(write_failed)?;
            return Ok(None);
        };
        row::Entity::delete_many()
            .filter(row::Column::UserId.eq(token.user_id))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        Ok((now < token.expires_at).then(|| UserId::from_uuid(token.user_id)))
    }
}

#[async_trait]
impl PasswordResetTokens for SeaOrmResetTokens {
    async fn insert(
        &self,
        hash: &TokenHash,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let model = row::ActiveModel {
            hash: Set(hash.as_bytes().to_vec()),
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
        now: DateTime<Utc>,
    ) -> Result<Option<UserId>, RepoError> {
        retrying(|| self.consume_once(hash, now)).await
    }
}
