//! [`CalendarLinks`] on sea-orm: `provider_calendars` (one row per provider) and
//! `calendar_event_links` (one row per mirrored appointment), so that the calendar sync finds
//! its calendars and entries again after a restart instead of creating them twice.

use ::sea_orm::sea_query::{Expr, OnConflict};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use application::ports::{CalendarLinks, EventLink, ProviderCalendar, RepoError};
use async_trait::async_trait;
use domain::{AppointmentId, Email, UserId};

use super::error::{CorruptRow, begin_write, corrupt, read_failed, write_failed};
use super::services::narrow;

/// A row of `provider_calendars`.
mod calendar_row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "provider_calendars")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub provider_id: Uuid,
        pub calendar_id: Option<String>,
        pub shared_with: Option<String>,
        pub share_id: Option<String>,
        pub last_synced_at: Option<DateTimeUtc>,
        pub last_error: Option<String>,
        pub edits_token: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A row of `calendar_event_links`.
mod event_row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_event_links")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub appointment_id: Uuid,
        pub provider_id: Uuid,
        pub event_id: String,
        pub revision: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl calendar_row::Model {
    fn try_into_domain(self) -> Result<ProviderCalendar, CorruptRow> {
        Ok(ProviderCalendar {
            provider: UserId::from_uuid(self.provider_id),
            calendar_id: self.calendar_id,
            shared_with: self
                .shared_with
                .as_deref()
                .map(Email::parse)
                .transpose()
                .map_err(corrupt("provider_calendars.shared_with"))?,
            share_id: self.share_id,
            last_synced_at: self.last_synced_at,
            last_error: self.last_error,
            edits_token: self.edits_token,
        })
    }
}

impl event_row::Model {
    fn try_into_domain(self) -> Result<EventLink, CorruptRow> {
        Ok(EventLink {
            appointment: AppointmentId::from_uuid(self.appointment_id),
            provider: UserId::from_uuid(self.provider_id),
            event_id: self.event_id,
            revision: narrow("calendar_event_links.revision", self.revision)?,
        })
    }
}

/// Provider calendars and entry links in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmCalendarLinks {
    db: DatabaseConnection,
}

impl SeaOrmCalendarLinks {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl CalendarLinks for SeaOrmCalendarLinks {
    async fn calendar(&self, provider: UserId) -> Result<Option<ProviderCalendar>, RepoError> {
        let found = calendar_row::Entity::find_by_id(provider.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found
            .map(calendar_row::Model::try_into_domain)
            .transpose()?)
    }

    async fn save_calendar(&self, calendar: &ProviderCalendar) -> Result<(), RepoError> {
        use calendar_row::Column;
        let model = calendar_row::ActiveModel {
            provider_id: Set(calendar.provider.as_uuid()),
            calendar_id: Set(calendar.calendar_id.clone()),
            shared_with: Set(calendar.shared_with.as_ref().map(|e| e.as_str().to_owned())),
            share_id: Set(calendar.share_id.clone()),
            last_synced_at: Set(calendar.last_synced_at),
            last_error: Set(calendar.last_error.clone()),
            edits_token: Set(calendar.edits_token.clone()),
        };
        calendar_row::Entity::insert(model)
            .on_conflict(
                OnConflict::column(Column::ProviderId)
                    .update_columns([
                        Column::CalendarId,
                        Column::SharedWith,
                        Column::ShareId,
                        Column::LastSyncedAt,
                        Column::LastError,
                        Column::EditsToken,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn save_edits_token(
        &self,
        provider: UserId,
        calendar_id: &str,
        token: Option<String>,
    ) -> Result<(), RepoError> {
        use calendar_row::Column;
        calendar_row::Entity::update_many()
            .col_expr(Column::EditsToken, Expr::value(token))
            .filter(Column::ProviderId.eq(provider.as_uuid()))
            .filter(Column::CalendarId.eq(calendar_id))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn forget_calendar(&self, provider: UserId) -> Result<(), RepoError> {
        let txn = begin_write(&self.db).await?;
        event_row::Entity::delete_many()
            .filter(event_row::Column::ProviderId.eq(provider.as_uuid()))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        calendar_row::Entity::delete_by_id(provider.as_uuid())
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)
    }

    async fn calendars(&self) -> Result<Vec<ProviderCalendar>, RepoError> {
        let rows = calendar_row::Entity::find()
            .order_by_asc(calendar_row::Column::ProviderId)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        rows.into_iter()
            .map(|r| r.try_into_domain().map_err(RepoError::from))
            .collect()
    }

    async fn event(&self, appointment: AppointmentId) -> Result<Option<EventLink>, RepoError> {
        let found = event_row::Entity::find_by_id(appointment.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(event_row::Model::try_into_domain).transpose()?)
    }

    async fn save_event(&self, link: &EventLink) -> Result<(), RepoError> {
        use event_row::Column;
        let model = event_row::ActiveModel {
            appointment_id: Set(link.appointment.as_uuid()),
            provider_id: Set(link.provider.as_uuid()),
            event_id: Set(link.event_id.clone()),
            revision: Set(link.revision.into()),
        };
        event_row::Entity::insert(model)
            .on_conflict(
                OnConflict::column(Column::AppointmentId)
                    .update_columns([Column::ProviderId, Column::EventId, Column::Revision])
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn forget_event(&self, appointment: AppointmentId) -> Result<(), RepoError> {
        event_row::Entity::delete_by_id(appointment.as_uuid())
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }
}
