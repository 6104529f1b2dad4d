//! Login sessions on sea-orm: `sessions`, keyed by the SHA-256 of the session id, so several app
//! instances share them and they survive restarts. The web layer's session port wraps this.

use ::sea_orm::sea_query::OnConflict;
use ::sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use application::ports::RepoError;
use chrono::{DateTime, Utc};
use domain::{Role, UserId};
use sha2::{Digest, Sha256};

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

/// Who is logged in with a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionOwner {
    /// Their id.
    pub id: UserId,
    /// Their role when they logged in.
    pub role: Role,
    /// Their display name.
    pub name: String,
}

/// What a stored session holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// The logged-in user; `None` for a visitor's session.
    pub owner: Option<SessionOwner>,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// When it ends unless used again.
    pub expires_at: DateTime<Utc>,
}

/// Sessions in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmSessions {
    db: DatabaseConnection,
}

/// What is stored for a session id: its SHA-256.
fn id_hash(id: &str) -> Vec<u8> {
    Sha256::digest(id.as_bytes()).to_vec()
}

impl SeaOrmSessions {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// The live session `id`; `None` when unknown or expired at `now`.
    ///
    /// # Errors
    /// [`RepoError::Backend`], also for a row whose role is unknown.
    pub async fn load(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<StoredSession>, RepoError> {
        let found = row::Entity::find_by_id(id_hash(id))
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        let Some(found) = found.filter(|r| r.expires_at > now) else {
            return Ok(None);
        };
        let owner = match (found.user_id, found.role) {
            (Some(user), Some(role)) => Some(SessionOwner {
                id: UserId::from_uuid(user),
                role: role.parse().map_err(corrupt("sessions.role"))?,
                name: found.name.unwrap_or_default(),
            }),
            _ => None,
        };
        Ok(Some(StoredSession {
            owner,
            csrf_token: found.csrf_token,
            expires_at: found.expires_at,
        }))
    }

    /// Creates or replaces the session `id`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    pub async fn save(&self, id: &str, session: &StoredSession) -> Result<(), RepoError> {
        let owner = session.owner.as_ref();
        let model = row::ActiveModel {
            id_hash: Set(id_hash(id)),
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

    /// Ends the session `id`; ending an unknown session succeeds.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    pub async fn remove(&self, id: &str) -> Result<(), RepoError> {
        row::Entity::delete_by_id(id_hash(id))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    /// Ends every session of user `user`.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    pub async fn remove_user(&self, user: UserId) -> Result<(), RepoError> {
        row::Entity::delete_many()
            .filter(row::Column::UserId.eq(user.as_uuid()))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    /// Deletes every session expired at `now`; returns how many.
    ///
    /// # Errors
    /// [`RepoError::Backend`].
    pub async fn purge_expired(&self, now: DateTime<Utc>) -> Result<u64, RepoError> {
        row::Entity::delete_many()
            .filter(row::Column::ExpiresAt.lte(now))
            .exec(&self.db)
            .await
            .map(|r| r.rows_affected)
            .map_err(write_failed)
    }
}
