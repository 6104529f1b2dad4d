//! [`WatchChannelStore`] on sea-orm: `watch_channels`, one row per open push channel.

use ::sea_orm::sea_query::OnConflict;
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use application::ports::{ChannelTokenHash, RepoError, WatchChannel, WatchChannelStore};
use async_trait::async_trait;
use domain::UserId;

use super::error::{CorruptRow, corrupt, read_failed, write_failed};

/// A row of `watch_channels`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "watch_channels")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub resource_id: String,
        pub provider_id: Uuid,
        pub calendar_id: String,
        pub token_hash: Vec<u8>,
        pub expires_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl row::Model {
    fn try_into_domain(self) -> Result<WatchChannel, CorruptRow> {
        let token: [u8; 32] = self
            .token_hash
            .try_into()
            .map_err(|_| corrupt("watch_channels.token_hash")("not 32 bytes"))?;
        Ok(WatchChannel {
            id: self.id,
            resource_id: self.resource_id,
            provider: UserId::from_uuid(self.provider_id),
            calendar_id: self.calendar_id,
            token: ChannelTokenHash::from_bytes(token),
            expires_at: self.expires_at,
        })
    }
}

/// Push channels in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmWatchChannels {
    db: DatabaseConnection,
}

impl SeaOrmWatchChannels {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl WatchChannelStore for SeaOrmWatchChannels {
    async fn save(&self, channel: &WatchChannel) -> Result<(), RepoError> {
        use row::Column;
        let model = row::ActiveModel {
            id: Set(channel.id.clone()),
            resource_id: Set(channel.resource_id.clone()),
            provider_id: Set(channel.provider.as_uuid()),
            calendar_id: Set(channel.calendar_id.clone()),
            token_hash: Set(channel.token.as_bytes().to_vec()),
            expires_at: Set(channel.expires_at),
        };
        row::Entity::insert(model)
            .on_conflict(
                OnConflict::column(Column::Id)
                    .update_columns([
                        Column::ResourceId,
                        Column::ProviderId,
                        Column::CalendarId,
                        Column::TokenHash,
                        Column::ExpiresAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn find(&self, id: &str) -> Result<Option<WatchChannel>, RepoError> {
        let found = row::Entity::find_by_id(id.to_owned())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }

    async fn remove(&self, id: &str) -> Result<(), RepoError> {
        row::Entity::delete_many()
            .filter(row::Column::Id.eq(id))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn all(&self) -> Result<Vec<WatchChannel>, RepoError> {
        use row::Column;
        let rows = row::Entity::find()
            .order_by_asc(Column::ProviderId)
            .order_by_asc(Column::CalendarId)
            .order_by_asc(Column::ExpiresAt)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(row::Model::try_into_domain)
            .collect::<Result<_, _>>()?)
    }
}
