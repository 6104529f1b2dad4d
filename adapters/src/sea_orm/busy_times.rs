//! [`BusyTimeStore`] on sea-orm: `busy_sources` (one row per provider calendar that blocks
//! time, with its sync state) and `external_busy` (one row per busy event of a source).

use ::sea_orm::sea_query::{Expr, OnConflict};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ExprTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use application::ports::{
    BusySource, BusyTimeStore, BusyUpdate, RepoError, SourceMode, SourceStatus,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{TimeRange, UserId};

use super::error::{CorruptRow, begin_write, corrupt, read_failed, write_failed};

/// Rows written per `INSERT` of a full sync (SQLite allows 32,766 bound values; 5 a row).
const INSERT_BATCH: usize = 500;

/// A row of `busy_sources`.
mod source_row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "busy_sources")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub provider_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub calendar_id: String,
        pub mode: String,
        pub sync_token: Option<String>,
        pub synced_at: Option<DateTimeUtc>,
        pub status: String,
        pub last_error: Option<String>,
        pub notified_at: Option<DateTimeUtc>,
        pub credentials: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A row of `external_busy`.
mod busy_row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "external_busy")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub provider_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub calendar_id: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub event_id: String,
        pub starts_at: DateTimeUtc,
        pub ends_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl source_row::Model {
    fn try_into_domain(self) -> Result<BusySource, CorruptRow> {
        let mode = SourceMode::parse(&self.mode)
            .ok_or_else(|| corrupt("busy_sources.mode")(format!("unknown mode {:?}", self.mode)))?;
        let status = SourceStatus::from_parts(&self.status, self.last_error).ok_or_else(|| {
            corrupt("busy_sources.status")(format!("unknown status {:?}", self.status))
        })?;
        Ok(BusySource {
            provider: UserId::from_uuid(self.provider_id),
            calendar_id: self.calendar_id,
            mode,
            sync_token: self.sync_token,
            synced_at: self.synced_at,
            status,
            notified_at: self.notified_at,
            credentials: self.credentials,
        })
    }
}

fn source_model(source: &BusySource) -> source_row::ActiveModel {
    source_row::ActiveModel {
        provider_id: Set(source.provider.as_uuid()),
        calendar_id: Set(source.calendar_id.clone()),
        mode: Set(source.mode.as_str().to_owned()),
        sync_token: Set(source.sync_token.clone()),
        synced_at: Set(source.synced_at),
        status: Set(source.status.kind().to_owned()),
        last_error: Set(source.status.message().map(str::to_owned)),
        notified_at: Set(source.notified_at),
        credentials: Set(source.credentials.clone()),
    }
}

async fn upsert_source(db: &impl ConnectionTrait, source: &BusySource) -> Result<(), RepoError> {
    use source_row::Column;
    source_row::Entity::insert(source_model(source))
        .on_conflict(
            OnConflict::columns([Column::ProviderId, Column::CalendarId])
                .update_columns([
                    Column::Mode,
                    Column::SyncToken,
                    Column::SyncedAt,
                    Column::Status,
                    Column::LastError,
                    Column::Credentials,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map(drop)
        .map_err(write_failed)
}

/// External busy intervals in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmBusyTimes {
    db: DatabaseConnection,
}

impl SeaOrmBusyTimes {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl BusyTimeStore for SeaOrmBusyTimes {
    async fn record_sync(&self, source: &BusySource, update: &BusyUpdate) -> Result<(), RepoError> {
        use busy_row::Column;
        let of_source = || {
            Column::ProviderId
                .eq(source.provider.as_uuid())
                .and(Column::CalendarId.eq(source.calendar_id.as_str()))
        };
        let txn = begin_write(&self.db).await?;
        upsert_source(&txn, source).await?;
        if update.full {
            busy_row::Entity::delete_many()
                .filter(of_source())
                .exec(&txn)
                .await
                .map_err(write_failed)?;
        } else if !update.gone.is_empty() {
            for ids in update.gone.chunks(INSERT_BATCH) {
                busy_row::Entity::delete_many()
                    .filter(of_source())
                    .filter(Column::EventId.is_in(ids.iter().map(String::as_str)))
                    .exec(&txn)
                    .await
                    .map_err(write_failed)?;
            }
        }
        for batch in update.busy.chunks(INSERT_BATCH) {
            let rows = batch.iter().map(|(event_id, range)| busy_row::ActiveModel {
                provider_id: Set(source.provider.as_uuid()),
                calendar_id: Set(source.calendar_id.clone()),
                event_id: Set(event_id.clone()),
                starts_at: Set(range.start()),
                ends_at: Set(range.end()),
            });
            busy_row::Entity::insert_many(rows)
                .on_conflict(
                    OnConflict::columns([Column::ProviderId, Column::CalendarId, Column::EventId])
                        .update_columns([Column::StartsAt, Column::EndsAt])
                        .to_owned(),
                )
                .exec_without_returning(&txn)
                .await
                .map_err(write_failed)?;
        }
        txn.commit().await.map_err(write_failed)
    }

    async fn save_source(&self, source: &BusySource) -> Result<(), RepoError> {
        upsert_source(&self.db, source).await
    }

    async fn claim_notice(
        &self,
        provider: UserId,
        calendar_id: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        use source_row::Column;
        // One conditional UPDATE: of two instances claiming at once, one changes the row.
        let claimed = source_row::Entity::update_many()
            .col_expr(Column::NotifiedAt, Expr::value(at))
            .filter(Column::ProviderId.eq(provider.as_uuid()))
            .filter(Column::CalendarId.eq(calendar_id))
            .filter(Column::NotifiedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        Ok(claimed.rows_affected == 1)
    }

    async fn clear_notice(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError> {
        use source_row::Column;
        source_row::Entity::update_many()
            .col_expr(
                Column::NotifiedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(Column::ProviderId.eq(provider.as_uuid()))
            .filter(Column::CalendarId.eq(calendar_id))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn remove_source(&self, provider: UserId, calendar_id: &str) -> Result<(), RepoError> {
        let txn = begin_write(&self.db).await?;
        busy_row::Entity::delete_many()
            .filter(busy_row::Column::ProviderId.eq(provider.as_uuid()))
            .filter(busy_row::Column::CalendarId.eq(calendar_id))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        source_row::Entity::delete_many()
            .filter(source_row::Column::ProviderId.eq(provider.as_uuid()))
            .filter(source_row::Column::CalendarId.eq(calendar_id))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)
    }

    async fn sources(&self, provider: UserId) -> Result<Vec<BusySource>, RepoError> {
        let rows = source_row::Entity::find()
            .filter(source_row::Column::ProviderId.eq(provider.as_uuid()))
            .order_by_asc(source_row::Column::CalendarId)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        rows.into_iter()
            .map(|r| r.try_into_domain().map_err(RepoError::from))
            .collect()
    }

    async fn all_sources(&self) -> Result<Vec<BusySource>, RepoError> {
        let rows = source_row::Entity::find()
            .order_by_asc(source_row::Column::ProviderId)
            .order_by_asc(source_row::Column::CalendarId)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        rows.into_iter()
            .map(|r| r.try_into_domain().map_err(RepoError::from))
            .collect()
    }

    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError> {
        use busy_row::Column;
        let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = busy_row::Entity::find()
            .select_only()
            .columns([Column::StartsAt, Column::EndsAt])
            .filter(Column::ProviderId.eq(provider.as_uuid()))
            .filter(Column::StartsAt.lt(range.end()))
            .filter(Column::EndsAt.gt(range.start()))
            .order_by_asc(Column::StartsAt)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(|(start, end)| TimeRange::new(start, end).map_err(corrupt("external_busy")))
            .collect::<Result<_, _>>()?)
    }
}
