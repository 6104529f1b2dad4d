//! [`WaitlistStore`] on sea-orm: `waitlist_entries`; offers and their answers write the held
//! appointment (see [`super::appointments`]) and the entry in one transaction.

use ::sea_orm::sea_query::{Expr, ExprTrait};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use application::AppointmentEvent;
use application::ports::{EntryState, Hold, OfferError, RepoError, WaitlistEntry, WaitlistStore};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Timelike, Utc};
use domain::{
    Appointment, AppointmentId, Capacity, ServiceId, UserId, WaitWindow, WaitlistEntryId, Zone,
};

use super::appointments::{insert_seat_in, lock_provider, new_row, update_in};
use super::error::{CorruptRow, begin_write, corrupt, read_failed, retrying, write_failed};
use super::outbox;

/// A row of `waitlist_entries`.
mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "waitlist_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub service_id: Uuid,
        pub provider_id: Uuid,
        pub customer_id: Uuid,
        /// ISO date.
        pub first_day: String,
        /// ISO date.
        pub last_day: String,
        pub from_minute: i32,
        pub until_minute: i32,
        pub zone: String,
        pub joined_at: DateTimeUtc,
        pub state: String,
        pub hold_id: Option<Uuid>,
        pub hold_expires_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Minutes since midnight of `time` (`until` of a window may be midnight at the day's end).
fn minute_of(time: NaiveTime) -> i32 {
    i32::try_from(time.num_seconds_from_midnight() / 60).unwrap_or(0)
}

fn time_at(minute: i32) -> Option<NaiveTime> {
    let minute = u32::try_from(minute).ok()?;
    NaiveTime::from_num_seconds_from_midnight_opt((minute % 1440) * 60, 0)
}

impl row::Model {
    fn try_into_domain(self) -> Result<WaitlistEntry, CorruptRow> {
        let day = |text: &str, field| text.parse::<NaiveDate>().map_err(corrupt(field));
        let time = |minute, field| time_at(minute).ok_or_else(|| corrupt(field)(minute));
        let window = WaitWindow::new(
            day(&self.first_day, "waitlist_entries.first_day")?,
            day(&self.last_day, "waitlist_entries.last_day")?,
            time(self.from_minute, "waitlist_entries.from_minute")?,
            time(self.until_minute, "waitlist_entries.until_minute")?,
            Zone::parse(&self.zone).map_err(corrupt("waitlist_entries.zone"))?,
        )
        .map_err(corrupt("waitlist_entries window"))?;
        let state = EntryState::parse(&self.state)
            .ok_or_else(|| corrupt("waitlist_entries.state")(&self.state))?;
        let hold = match (self.hold_id, self.hold_expires_at) {
            (Some(id), Some(expires_at)) => Some(Hold {
                appointment: AppointmentId::from_uuid(id),
                expires_at,
            }),
            _ => None,
        };
        Ok(WaitlistEntry {
            id: WaitlistEntryId::from_uuid(self.id),
            service: ServiceId::from_uuid(self.service_id),
            provider: UserId::from_uuid(self.provider_id),
            customer: UserId::from_uuid(self.customer_id),
            window,
            joined_at: self.joined_at,
            state,
            hold,
        })
    }
}

fn new_entry(entry: &WaitlistEntry) -> row::ActiveModel {
    let window = &entry.window;
    row::ActiveModel {
        id: Set(entry.id.as_uuid()),
        service_id: Set(entry.service.as_uuid()),
        provider_id: Set(entry.provider.as_uuid()),
        customer_id: Set(entry.customer.as_uuid()),
        first_day: Set(window.first_day().to_string()),
        last_day: Set(window.last_day().to_string()),
        from_minute: Set(minute_of(window.from())),
        until_minute: Set(match minute_of(window.until()) {
            0 => 1440,
            minute => minute,
        }),
        zone: Set(window.zone().name().to_owned()),
        joined_at: Set(entry.joined_at),
        state: Set(entry.state.as_str().to_owned()),
        hold_id: Set(entry.hold.map(|h| h.appointment.as_uuid())),
        hold_expires_at: Set(entry.hold.map(|h| h.expires_at)),
    }
}

const OPEN: [&str; 2] = [EntryState::Waiting.as_str(), EntryState::Offered.as_str()];

/// [`WaitlistStore`] on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmWaitlist {
    db: DatabaseConnection,
}

impl SeaOrmWaitlist {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// The entries matching `filter` in the order they joined, at most `limit`.
    async fn find(
        &self,
        filter: Condition,
        limit: Option<u64>,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        self.find_by(filter, row::Column::JoinedAt, limit).await
    }

    /// The entries matching `filter` ordered by `order` (then id), at most `limit`.
    async fn find_by(
        &self,
        filter: Condition,
        order: row::Column,
        limit: Option<u64>,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        row::Entity::find()
            .filter(filter)
            .order_by_asc(order)
            .order_by_asc(row::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await
            .map_err(read_failed)?
            .into_iter()
            .map(|r| r.try_into_domain().map_err(RepoError::from))
            .collect()
    }

    async fn offer_once(
        &self,
        id: WaitlistEntryId,
        hold: &Appointment,
        capacity: Capacity,
        expires_at: DateTime<Utc>,
        event: &AppointmentEvent,
    ) -> Result<Result<(), OfferError>, RepoError> {
        let txn = begin_write(&self.db).await?;
        lock_provider(&txn, hold.provider)
            .await
            .map_err(write_failed)?;
        // Dropping the transaction on any refusal below rolls back what it wrote.
        let inserted = if capacity.is_class() {
            insert_seat_in(&txn, hold, capacity, None).await
        } else {
            super::appointments::row::Entity::insert(new_row(hold, None))
                .exec_without_returning(&txn)
                .await
                .map(|_| true)
                .map_err(write_failed)
        };
        match inserted {
            Ok(true) => {}
            Ok(false) | Err(RepoError::Conflict) => return Ok(Err(OfferError::Taken)),
            Err(e) => return Err(e),
        }
        let offered = row::Entity::update_many()
            .col_expr(row::Column::State, Expr::val(EntryState::Offered.as_str()))
            .col_expr(row::Column::HoldId, Expr::val(hold.id.as_uuid()))
            .col_expr(row::Column::HoldExpiresAt, Expr::val(expires_at))
            .filter(row::Column::Id.eq(id.as_uuid()))
            .filter(row::Column::State.eq(EntryState::Waiting.as_str()))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        if offered.rows_affected == 0 {
            return Ok(Err(OfferError::NotWaiting));
        }
        outbox::record(&txn, event).await.map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        Ok(Ok(()))
    }

    async fn settle_once(
        &self,
        id: WaitlistEntryId,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let settled = if appointment.status.is_active() {
            EntryState::Booked
        } else {
            EntryState::Released
        };
        let txn = begin_write(&self.db).await?;
        lock_provider(&txn, appointment.provider)
            .await
            .map_err(write_failed)?;
        let updated = row::Entity::update_many()
            .col_expr(row::Column::State, Expr::val(settled.as_str()))
            .filter(row::Column::Id.eq(id.as_uuid()))
            .filter(row::Column::HoldId.eq(appointment.id.as_uuid()))
            .filter(row::Column::State.eq(EntryState::Offered.as_str()))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected == 0 {
            return Err(RepoError::Stale);
        }
        update_in(&txn, appointment, expected_revision, event).await?;
        txn.commit().await.map_err(write_failed)
    }
}

#[async_trait]
impl WaitlistStore for SeaOrmWaitlist {
    async fn join(&self, entry: &WaitlistEntry) -> Result<(), RepoError> {
        row::Entity::insert(new_entry(entry))
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn leave(&self, id: WaitlistEntryId) -> Result<bool, RepoError> {
        let left = row::Entity::update_many()
            .col_expr(row::Column::State, Expr::val(EntryState::Left.as_str()))
            .filter(row::Column::Id.eq(id.as_uuid()))
            .filter(row::Column::State.eq(EntryState::Waiting.as_str()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        Ok(left.rows_affected > 0)
    }

    async fn by_id(&self, id: WaitlistEntryId) -> Result<Option<WaitlistEntry>, RepoError> {
        let found = self
            .find(Condition::all().add(row::Column::Id.eq(id.as_uuid())), None)
            .await?;
        Ok(found.into_iter().next())
    }

    async fn by_hold(&self, id: AppointmentId) -> Result<Option<WaitlistEntry>, RepoError> {
        let found = self
            .find(
                Condition::all().add(row::Column::HoldId.eq(id.as_uuid())),
                None,
            )
            .await?;
        Ok(found.into_iter().next())
    }

    async fn of_customer(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        let filter = Condition::all()
            .add(row::Column::CustomerId.eq(customer.as_uuid()))
            .add(row::Column::State.is_in(OPEN));
        self.find(filter, None).await
    }

    async fn history_of(&self, customer: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        let filter = Condition::all().add(row::Column::CustomerId.eq(customer.as_uuid()));
        self.find(filter, None).await
    }

    async fn of_provider(&self, provider: UserId) -> Result<Vec<WaitlistEntry>, RepoError> {
        let filter = Condition::all()
            .add(row::Column::ProviderId.eq(provider.as_uuid()))
            .add(row::Column::State.is_in(OPEN));
        self.find(filter, None).await
    }

    async fn waiting(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        // Windows are read in their own zones (at most a day off UTC): entries whose last
        // day ended two UTC days ago are over in any zone and stay out of the batch.
        let recent = (now - TimeDelta::days(2)).date_naive().to_string();
        let filter = Condition::all()
            .add(row::Column::State.eq(EntryState::Waiting.as_str()))
            .add(Expr::col(row::Column::LastDay).gte(recent));
        let entries = self.find(filter, Some(u64::from(limit))).await?;
        Ok(entries
            .into_iter()
            .filter(|e| !e.window.is_over(now))
            .collect())
    }

    #[tracing::instrument(skip_all, fields(entry = %id, hold = %hold.id))]
    async fn offer(
        &self,
        id: WaitlistEntryId,
        hold: &Appointment,
        capacity: Capacity,
        expires_at: DateTime<Utc>,
        event: &AppointmentEvent,
    ) -> Result<(), OfferError> {
        retrying(|| self.offer_once(id, hold, capacity, expires_at, event)).await?
    }

    #[tracing::instrument(skip_all, fields(entry = %id, hold = %appointment.id))]
    async fn settle(
        &self,
        id: WaitlistEntryId,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        retrying(|| self.settle_once(id, appointment, expected_revision, event)).await
    }

    async fn expired(
        &self,
        now: DateTime<Utc>,
        limit: u32,
    ) -> Result<Vec<WaitlistEntry>, RepoError> {
        let filter = Condition::all()
            .add(row::Column::State.eq(EntryState::Offered.as_str()))
            .add(row::Column::HoldExpiresAt.lte(now));
        self.find_by(filter, row::Column::HoldExpiresAt, Some(u64::from(limit)))
            .await
    }
}
