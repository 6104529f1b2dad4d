//! [`MoveProposalStore`] on sea-orm: `move_proposals`, at most one row per appointment.

use ::sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use application::ports::{MoveProposal, MoveProposalStore, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::AppointmentId;

use super::error::{CorruptRow, read_failed, write_failed};
use super::services::narrow;

/// A row of `move_proposals`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "move_proposals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub appointment_id: Uuid,
        pub revision: i64,
        pub start_at: DateTimeUtc,
        pub proposed_at: DateTimeUtc,
        pub mailed_at: Option<DateTimeUtc>,
        pub declined_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl row::Model {
    fn try_into_domain(self) -> Result<MoveProposal, CorruptRow> {
        Ok(MoveProposal {
            appointment: AppointmentId::from_uuid(self.appointment_id),
            revision: narrow("move_proposals.revision", self.revision)?,
            start: self.start_at,
            proposed_at: self.proposed_at,
            mailed_at: self.mailed_at,
            declined_at: self.declined_at,
        })
    }
}

/// Move proposals in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmMoveProposals {
    db: DatabaseConnection,
}

impl SeaOrmMoveProposals {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// Sets `column` of the proposal for `appointment` to `value` where `only` holds: whether a
/// row changed.
async fn set_where(
    db: &DatabaseConnection,
    appointment: AppointmentId,
    column: row::Column,
    value: Option<DateTime<Utc>>,
    only: Condition,
) -> Result<bool, RepoError> {
    let changed = row::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(row::Column::AppointmentId.eq(appointment.as_uuid()))
        .filter(only)
        .exec(db)
        .await
        .map_err(write_failed)?;
    Ok(changed.rows_affected == 1)
}

#[async_trait]
impl MoveProposalStore for SeaOrmMoveProposals {
    async fn propose(&self, proposal: &MoveProposal) -> Result<bool, RepoError> {
        use row::Column;
        let model = row::ActiveModel {
            appointment_id: Set(proposal.appointment.as_uuid()),
            revision: Set(proposal.revision.into()),
            start_at: Set(proposal.start),
            proposed_at: Set(proposal.proposed_at),
            mailed_at: Set(proposal.mailed_at),
            declined_at: Set(proposal.declined_at),
        };
        // One upsert that leaves an identical proposal alone: of two instances reading the same
        // move, one records it.
        let excluded = Alias::new("excluded");
        let differs = Expr::col((row::Entity, Column::Revision))
            .ne(Expr::col((excluded.clone(), Column::Revision)))
            .or(Expr::col((row::Entity, Column::StartAt))
                .ne(Expr::col((excluded, Column::StartAt))));
        let written = row::Entity::insert(model)
            .on_conflict(
                OnConflict::column(Column::AppointmentId)
                    .update_columns([
                        Column::Revision,
                        Column::StartAt,
                        Column::ProposedAt,
                        Column::MailedAt,
                        Column::DeclinedAt,
                    ])
                    .action_and_where(differs)
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await
            .map_err(write_failed)?;
        Ok(written == 1)
    }

    async fn get(&self, appointment: AppointmentId) -> Result<Option<MoveProposal>, RepoError> {
        let found = row::Entity::find_by_id(appointment.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(found.map(row::Model::try_into_domain).transpose()?)
    }

    async fn open(&self) -> Result<Vec<MoveProposal>, RepoError> {
        use row::Column;
        let rows = row::Entity::find()
            .filter(
                Condition::any()
                    .add(Column::MailedAt.is_null())
                    .add(Column::DeclinedAt.is_not_null()),
            )
            .order_by_asc(Column::ProposedAt)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        rows.into_iter()
            .map(|r| r.try_into_domain().map_err(RepoError::from))
            .collect()
    }

    async fn claim_mail(
        &self,
        appointment: AppointmentId,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let only = Condition::all().add(row::Column::MailedAt.is_null());
        set_where(&self.db, appointment, row::Column::MailedAt, Some(at), only).await
    }

    async fn release_mail(&self, appointment: AppointmentId) -> Result<(), RepoError> {
        set_where(
            &self.db,
            appointment,
            row::Column::MailedAt,
            None,
            Condition::all(),
        )
        .await
        .map(drop)
    }

    async fn decline(
        &self,
        appointment: AppointmentId,
        revision: u32,
        at: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let only = Condition::all()
            .add(row::Column::Revision.eq(i64::from(revision)))
            .add(row::Column::DeclinedAt.is_null());
        set_where(
            &self.db,
            appointment,
            row::Column::DeclinedAt,
            Some(at),
            only,
        )
        .await
    }

    async fn remove(&self, appointment: AppointmentId) -> Result<(), RepoError> {
        row::Entity::delete_by_id(appointment.as_uuid())
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }
}
