//! Login sessions on sea-orm: `sessions`, keyed by the SHA-256 of the session id, so several app
//! instances share them and they survive restarts.

use ::sea_orm::sea_query::OnConflict;
use ::sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use application::ports::{RepoError, SessionData, SessionIdHash, SessionStore, SessionUser};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::UserId;

use super::error::{corrupt, read_failed, write_failed};

/// A row of `sessions`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id_hash: Vec<u8>,
        pub user_id: Option<Uuid>,
        pub role: Option<String>,
        pub name: Option<String>,
        pub csrf_token: String,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// [`SessionStore`] in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmSessions {
    db: DatabaseConnection,
}

impl SeaOrmSessions {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// The primary key of session `id`.
fn key(id: &SessionIdHash) -> Vec<u8> {
    id.as_bytes().to_vec()
}

#[async_trait]
impl SessionStore for SeaOrmSessions {
    async fn load(
        &self,
        id: &SessionIdHash,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionData>, RepoError> {
        let found = row::Entity::find_by_id(key(id))
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        let Some(found) = found.filter(|r| r.expires_at > now) else {
            return Ok(None);
        };
        let user = match (found.user_id, found.role) {
            (Some(user), Some(role)) => Some(SessionUser {
                id: UserId::from_uuid(user),
                role: role.parse().map_err(corrupt("sessions.role"))?,
                name: found.name.unwrap_or_default(),
                language: None,
            }),
            _ => None,
        };
        Ok(Some(SessionData {
            user,
            csrf_token: found.csrf_token,
            expires_at: found.expires_at,
        }))
    }

    async fn save(&self, id: &SessionIdHash, session: &SessionData) -> Result<(), RepoError> {
        let owner = session.user.as_ref();
        let model = row::ActiveModel {
            id_hash: Set(key(id)),
            user_id: Set(owner.map(|o| o.id.as_uuid())),
            role: Set(owner.map(|o| o.role.as_str().to_owned())),
            name: Set(owner.map(|o| o.name.clone())),
            csrf_token: Set(session.csrf_token.clone()),
            expires_at: Set(session.expires_at),
        };
        row::Entity::insert(model)
            .on_conflict(
                OnConflict::column(row::Column::IdHash)
                    .update_columns([
                        row::Column::UserId,
                        row::Column::Role,
                        row::Column::Name,
                        row::Column::CsrfToken,
                        row::Column::ExpiresAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn remove(&self, id: &SessionIdHash) -> Result<(), RepoError> {
        row::Entity::delete_by_id(key(id))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn remove_user(&self, user: UserId) -> Result<(), RepoError> {
        row::Entity::delete_many()
            .filter(row::Column::UserId.eq(user.as_uuid()))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        row::Entity::delete_many()
            .filter(row::Column::ExpiresAt.lte(now))
            .exec(&self.db)
            .await
            .map(|r| r.rows_affected)
            .map_err(write_failed)
    }
}
