//! [`AppointmentStore`] on sea-orm: `appointments`, their `appointment_reschedules` history and
//! the `appointment_events` outbox, each change written in one transaction.

use std::collections::HashMap;
use std::sync::Arc;

use ::sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, IntoCondition};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbBackend, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use application::AppointmentEvent;
use application::ports::{
    AppointmentFilter, AppointmentQuery, AppointmentStore, IdempotencyKey, Page, Period, RepoError,
    SeatInsertError, SeriesChange, SeriesInsertError,
};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    Appointment, AppointmentId, AppointmentStatus, Cancellation, Capacity, Note, Occurrence,
    OccurrenceSeats, Reschedule, SeriesId, ServiceId, TimeRange, Timing, UserId,
};
use uuid::Uuid;

use super::booking_batches::{Booking, BookingBatches};
use super::error::{CorruptRow, begin_write, corrupt, read_failed, retrying, write_failed};
use super::outbox;
use super::services::narrow;

/// A row of `appointments`.
pub(super) mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "appointments")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub service_id: Uuid,
        pub provider_id: Uuid,
        pub customer_id: Uuid,
        pub session_start: DateTimeUtc,
        pub session_end: DateTimeUtc,
        pub blocked_start: DateTimeUtc,
        pub blocked_end: DateTimeUtc,
        pub status: String,
        pub note: Option<String>,
        pub created_at: DateTimeUtc,
        pub revision: i64,
        pub cancelled_by: Option<String>,
        pub cancel_reason: Option<String>,
        pub cancelled_at: Option<DateTimeUtc>,
        pub idempotency_key: Option<String>,
        pub series_id: Option<Uuid>,
        /// The class occurrence a seat belongs to ([`super::occurrence_key`]); `None` for a
        /// one-to-one appointment.
        pub occurrence: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The key the seats of `occurrence` share in `appointments.occurrence`: the service id and
/// the start in microseconds (the precision both databases keep).
pub(super) fn occurrence_key(occurrence: Occurrence) -> String {
    format!(
        "{}@{}",
        occurrence.service.as_uuid(),
        occurrence.start.timestamp_micros()
    )
}

/// A row of `appointment_reschedules`: one move, numbered from 0 in the order they happened.
mod reschedule_row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "appointment_reschedules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub appointment_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub position: i32,
        pub from_start: DateTimeUtc,
        pub from_end: DateTimeUtc,
        pub to_start: DateTimeUtc,
        pub to_end: DateTimeUtc,
        pub by_party: String,
        pub moved_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Bookings in force.
const ACTIVE: [&str; 2] = [
    AppointmentStatus::Requested.as_str(),
    AppointmentStatus::Confirmed.as_str(),
];

/// What blocks the provider's time and takes a seat: bookings in force and holds (the statuses
/// the no-overlap constraint covers).
const BLOCKING: [&str; 3] = [
    AppointmentStatus::Requested.as_str(),
    AppointmentStatus::Confirmed.as_str(),
    AppointmentStatus::Held.as_str(),
];

fn range(
    field: &'static str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<TimeRange, CorruptRow> {
    TimeRange::new(start, end).map_err(corrupt(field))
}

impl reschedule_row::Model {
    fn try_into_domain(self) -> Result<Reschedule, CorruptRow> {
        Ok(Reschedule {
            from: range(
                "appointment_reschedules.from",
                self.from_start,
                self.from_end,
            )?,
            to: range("appointment_reschedules.to", self.to_start, self.to_end)?,
            by: self
                .by_party
                .parse()
                .map_err(corrupt("appointment_reschedules.by_party"))?,
            at: self.moved_at,
        })
    }
}

impl row::Model {
    /// The appointment, with its moves in the order they happened.
    fn try_into_domain(self, moves: Vec<reschedule_row::Model>) -> Result<Appointment, CorruptRow> {
        let note = |text: Option<String>, field| {
            text.as_deref()
                .map(Note::parse)
                .transpose()
                .map_err(corrupt(field))
        };
        let cancellation = match (self.cancelled_by, self.cancelled_at) {
            (Some(by), Some(at)) => Some(Cancellation {
                by: by.parse().map_err(corrupt("appointments.cancelled_by"))?,
                reason: note(self.cancel_reason, "appointments.cancel_reason")?,
                at,
            }),
            _ => None,
        };
        Ok(Appointment {
            id: AppointmentId::from_uuid(self.id),
            service: ServiceId::from_uuid(self.service_id),
            provider: UserId::from_uuid(self.provider_id),
            customer: UserId::from_uuid(self.customer_id),
            session: range("appointments.session", self.session_start, self.session_end)?,
            blocked: range("appointments.blocked", self.blocked_start, self.blocked_end)?,
            status: self
                .status
                .parse()
                .map_err(corrupt("appointments.status"))?,
            note: note(self.note, "appointments.note")?,
            created_at: self.created_at,
            revision: narrow("appointments.revision", self.revision)?,
            reschedules: moves
                .into_iter()
                .map(reschedule_row::Model::try_into_domain)
                .collect::<Result<_, _>>()?,
            cancellation,
            series: self.series_id.map(SeriesId::from_uuid),
        })
    }
}

/// The columns a lifecycle step may change.
fn changes_of(a: &Appointment) -> row::ActiveModel {
    let cancellation = a.cancellation.as_ref();
    row::ActiveModel {
        session_start: Set(a.session.start()),
        session_end: Set(a.session.end()),
        blocked_start: Set(a.blocked.start()),
        blocked_end: Set(a.blocked.end()),
        status: Set(a.status.as_str().to_owned()),
        note: Set(a.note.as_ref().map(|n| n.as_str().to_owned())),
        revision: Set(a.revision.into()),
        cancelled_by: Set(cancellation.map(|c| c.by.as_str().to_owned())),
        cancel_reason: Set(cancellation
            .and_then(|c| c.reason.as_ref())
            .map(|n| n.as_str().to_owned())),
        cancelled_at: Set(cancellation.map(|c| c.at)),
        ..row::ActiveModel::default()
    }
}

pub(super) fn new_row(a: &Appointment, key: Option<&IdempotencyKey>) -> row::ActiveModel {
    row::ActiveModel {
        id: Set(a.id.as_uuid()),
        service_id: Set(a.service.as_uuid()),
        provider_id: Set(a.provider.as_uuid()),
        customer_id: Set(a.customer.as_uuid()),
        created_at: Set(a.created_at),
        idempotency_key: Set(key.map(|k| k.as_str().to_owned())),
        series_id: Set(a.series.map(|s| s.as_uuid())),
        ..changes_of(a)
    }
}

/// Queues the transaction behind any other that is writing `provider`'s appointments, until
/// it ends. PostgreSQL checks the no-overlap constraint by waiting for the transactions whose
/// rows overlap; two bookings inserted at the same moment wait for each other, and one is
/// aborted as a deadlock only after `deadlock_timeout` (1 s). In line, the second booking
/// meets the first one committed and gets its conflict at once. SQLite needs nothing: its
/// write transactions already run one at a time.
pub(super) async fn lock_provider(
    txn: &DatabaseTransaction,
    provider: UserId,
) -> Result<(), DbErr> {
    if txn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    // Providers whose ids hash alike share a queue, which costs only waiting.
    let lock = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))",
        [provider.as_uuid().into()],
    );
    txn.execute_raw(lock).await.map(drop)
}

/// Appends the moves of `a` from position `known` on.
async fn add_moves(
    db: &impl ConnectionTrait,
    a: &Appointment,
    known: usize,
) -> Result<(), ::sea_orm::DbErr> {
    let rows: Vec<_> = a
        .reschedules
        .iter()
        .enumerate()
        .skip(known)
        .map(|(position, r)| reschedule_row::ActiveModel {
            appointment_id: Set(a.id.as_uuid()),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            from_start: Set(r.from.start()),
            from_end: Set(r.from.end()),
            to_start: Set(r.to.start()),
            to_end: Set(r.to.end()),
            by_party: Set(r.by.as_str().to_owned()),
            moved_at: Set(r.at),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    reschedule_row::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await
        .map(drop)
}

/// [`AppointmentStore`] on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmAppointments {
    db: DatabaseConnection,
    /// New appointments on PostgreSQL (its common case: one statement).
    batches: Option<Arc<BookingBatches>>,
}

impl SeaOrmAppointments {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        let batches = (db.get_database_backend() == DbBackend::Postgres)
            .then(|| BookingBatches::new(db.get_postgres_connection_pool().clone()));
        Self { db, batches }
    }

    /// The appointments matching `filter`, in order, with their moves.
    async fn load(
        &self,
        filter: impl IntoCondition,
        order: impl FnOnce(::sea_orm::Select<row::Entity>) -> ::sea_orm::Select<row::Entity>,
        limit: Option<u64>,
    ) -> Result<Vec<Appointment>, RepoError> {
        let rows = order(row::Entity::find().filter(filter))
            .limit(limit)
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let mut moves: HashMap<Uuid, Vec<reschedule_row::Model>> = HashMap::new();
        for m in reschedule_row::Entity::find()
            .filter(reschedule_row::Column::AppointmentId.is_in(ids))
            .order_by_asc(reschedule_row::Column::Position)
            .all(&self.db)
            .await
            .map_err(read_failed)?
        {
            moves.entry(m.appointment_id).or_default().push(m);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let own = moves.remove(&r.id).unwrap_or_default();
                r.try_into_domain(own)
            })
            .collect::<Result<_, _>>()?)
    }

    async fn insert_in_transaction(
        &self,
        a: &Appointment,
        key: Option<&IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let txn = begin_write(&self.db).await?;
        lock_provider(&txn, a.provider)
            .await
            .map_err(write_failed)?;
        row::Entity::insert(new_row(a, key))
            .exec_without_returning(&txn)
            .await
            .map_err(write_failed)?;
        add_moves(&txn, a, 0).await.map_err(write_failed)?;
        outbox::record(&txn, event).await.map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)
    }

    async fn insert_seat_once(
        &self,
        seat: &Appointment,
        capacity: Capacity,
        key: Option<&IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<Result<(), SeatInsertError>, RepoError> {
        let txn = begin_write(&self.db).await?;
        lock_provider(&txn, seat.provider)
            .await
            .map_err(write_failed)?;
        if !insert_seat_in(&txn, seat, capacity, key).await? {
            return Ok(Err(SeatInsertError::Full));
        }
        add_moves(&txn, seat, 0).await.map_err(write_failed)?;
        outbox::record(&txn, event).await.map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        Ok(Ok(()))
    }

    /// Inserts the occurrences in one transaction, the first with `key`; `Ok(Err(i))` when
    /// occurrence `i` conflicted (and nothing was written).
    async fn insert_series_once(
        &self,
        occurrences: &[(Appointment, AppointmentEvent)],
        key: Option<&IdempotencyKey>,
    ) -> Result<Result<(), usize>, RepoError> {
        let Some((first, _)) = occurrences.first() else {
            return Ok(Ok(()));
        };
        let txn = begin_write(&self.db).await?;
        // One queue for the whole series: its occurrences are all the same provider's.
        lock_provider(&txn, first.provider)
            .await
            .map_err(write_failed)?;
        for (index, (a, event)) in occurrences.iter().enumerate() {
            // The key goes with the first occurrence; the unique (customer, key) index makes a
            // concurrent retry conflict there.
            let key = if index == 0 { key } else { None };
            let inserted = row::Entity::insert(new_row(a, key))
                .exec_without_returning(&txn)
                .await
                .map_err(write_failed);
            match inserted {
                // Dropping the transaction rolls back the occurrences already inserted.
                Err(RepoError::Conflict) => return Ok(Err(index)),
                other => other?,
            };
            add_moves(&txn, a, 0).await.map_err(write_failed)?;
            outbox::record(&txn, event).await.map_err(write_failed)?;
        }
        txn.commit().await.map_err(write_failed)?;
        Ok(Ok(()))
    }

    /// Applies `changes` in one transaction.
    async fn update_series_once(&self, changes: &[SeriesChange]) -> Result<(), RepoError> {
        let Some(first) = changes.first() else {
            return Ok(());
        };
        let txn = begin_write(&self.db).await?;
        lock_provider(&txn, first.appointment.provider)
            .await
            .map_err(write_failed)?;
        for change in changes {
            update_in(
                &txn,
                &change.appointment,
                change.expected_revision,
                &change.event,
            )
            .await?;
        }
        txn.commit().await.map_err(write_failed)
    }

    async fn update_once(
        &self,
        a: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        let txn = begin_write(&self.db).await?;
        lock_provider(&txn, a.provider)
            .await
            .map_err(write_failed)?;
        update_in(&txn, a, expected_revision, event).await?;
        txn.commit().await.map_err(write_failed)
    }
}

/// Inserts `seat` (an appointment of a class with `capacity`, booked or held) as a seat of
/// its occurrence within `txn`, which holds the provider's lock; false when every seat is
/// taken (nothing written). Under the lock (PostgreSQL) or the one writer (SQLite), no seat of
/// the occurrence can be added or restored between the count and the insert.
pub(super) async fn insert_seat_in(
    txn: &DatabaseTransaction,
    seat: &Appointment,
    capacity: Capacity,
    key: Option<&IdempotencyKey>,
) -> Result<bool, RepoError> {
    let occurrence = occurrence_key(Occurrence::of(seat));
    let taken = row::Entity::find()
        .filter(row::Column::Occurrence.eq(occurrence.as_str()))
        .filter(row::Column::Status.is_in(BLOCKING))
        .count(txn)
        .await
        .map_err(read_failed)?;
    if taken >= u64::from(capacity.places()) {
        return Ok(false);
    }
    let row = row::ActiveModel {
        occurrence: Set(Some(occurrence)),
        ..new_row(seat, key)
    };
    row::Entity::insert(row)
        .exec_without_returning(txn)
        .await
        .map_err(write_failed)?;
    Ok(true)
}

/// Replaces `a` at `expected_revision` within `txn`, with its new moves and `event`.
pub(super) async fn update_in(
    txn: &DatabaseTransaction,
    a: &Appointment,
    expected_revision: u32,
    event: &AppointmentEvent,
) -> Result<(), RepoError> {
    // A seat moved to another start holds its new time alone (SQL reads the old start here).
    let seat_unless_moved = Expr::case(
        Expr::col(row::Column::SessionStart).eq(a.session.start()),
        Expr::col(row::Column::Occurrence),
    )
    .finally(Expr::val(Option::<String>::None));
    let updated = row::Entity::update_many()
        .set(changes_of(a))
        .col_expr(row::Column::Occurrence, seat_unless_moved.into())
        .filter(row::Column::Id.eq(a.id.as_uuid()))
        .filter(row::Column::Revision.eq(i64::from(expected_revision)))
        .exec(txn)
        .await
        .map_err(write_failed)?;
    if updated.rows_affected == 0 {
        let exists = row::Entity::find_by_id(a.id.as_uuid())
            .count(txn)
            .await
            .map_err(read_failed)?
            > 0;
        return Err(if exists {
            RepoError::Stale
        } else {
            RepoError::NotFound
        });
    }
    let known = reschedule_row::Entity::find()
        .filter(reschedule_row::Column::AppointmentId.eq(a.id.as_uuid()))
        .count(txn)
        .await
        .map_err(read_failed)?;
    add_moves(txn, a, usize::try_from(known).unwrap_or(usize::MAX))
        .await
        .map_err(write_failed)?;
    outbox::record(txn, event).await.map_err(write_failed)
}

/// No reminder recorded yet for the appointment's current start.
const NOT_REMINDED: &str = "(reminded_start IS NULL OR reminded_start <> session_start)";

impl SeaOrmAppointments {
    async fn record_reminder_once(&self, event: &AppointmentEvent) -> Result<bool, RepoError> {
        let a = &event.appointment;
        let txn = begin_write(&self.db).await?;
        lock_provider(&txn, a.provider)
            .await
            .map_err(write_failed)?;
        let updated = row::Entity::update_many()
            .col_expr(
                Alias::new("reminded_start"),
                Expr::col(row::Column::SessionStart),
            )
            .filter(row::Column::Id.eq(a.id.as_uuid()))
            .filter(row::Column::Revision.eq(i64::from(a.revision)))
            .filter(row::Column::Status.eq(AppointmentStatus::Confirmed.as_str()))
            .filter(Expr::cust(NOT_REMINDED))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected == 0 {
            txn.commit().await.map_err(write_failed)?;
            return Ok(false);
        }
        outbox::record(&txn, event).await.map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        Ok(true)
    }
}

#[async_trait]
impl AppointmentStore for SeaOrmAppointments {
    #[tracing::instrument(skip_all, fields(appointment = %appointment.id))]
    async fn insert(
        &self,
        appointment: &Appointment,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        // A new appointment has no moves, which the one statement does not write.
        if let Some(batches) = &self.batches
            && appointment.reschedules.is_empty()
        {
            batches
                .book(Booking::new(appointment, key.as_ref(), event)?)
                .await
        } else {
            retrying(|| self.insert_in_transaction(appointment, key.as_ref(), event)).await
        }
    }

    #[tracing::instrument(skip_all, fields(appointment = %seat.id))]
    async fn insert_seat(
        &self,
        seat: &Appointment,
        capacity: Capacity,
        key: Option<IdempotencyKey>,
        event: &AppointmentEvent,
    ) -> Result<(), SeatInsertError> {
        retrying(|| self.insert_seat_once(seat, capacity, key.as_ref(), event)).await?
    }

    async fn occurrences(
        &self,
        provider: UserId,
        range: TimeRange,
    ) -> Result<Vec<OccurrenceSeats>, RepoError> {
        use row::Column;
        let earliest = range.start() - TimeDelta::minutes(Timing::LONGEST_BLOCK_MINUTES);
        let rows: Vec<(Uuid, DateTime<Utc>, DateTime<Utc>, DateTime<Utc>, i64)> =
            row::Entity::find()
                .select_only()
                .column(Column::ServiceId)
                .column(Column::SessionStart)
                .expr(Func::min(Expr::col(Column::BlockedStart)))
                .expr(Func::max(Expr::col(Column::BlockedEnd)))
                .expr(Func::count(Expr::col(Column::Id)))
                .filter(Column::ProviderId.eq(provider.as_uuid()))
                .filter(Column::Status.is_in(BLOCKING))
                .filter(Column::Occurrence.is_not_null())
                .filter(Column::BlockedStart.gt(earliest))
                .filter(Column::BlockedStart.lt(range.end()))
                .filter(Column::BlockedEnd.gt(range.start()))
                .group_by(Column::Occurrence)
                .group_by(Column::ServiceId)
                .group_by(Column::SessionStart)
                .order_by_asc(Column::SessionStart)
                .into_tuple()
                .all(&self.db)
                .await
                .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(|(service, start, blocked_start, blocked_end, taken)| {
                Ok(OccurrenceSeats {
                    occurrence: Occurrence {
                        service: ServiceId::from_uuid(service),
                        start,
                    },
                    blocked: self::range("appointments.blocked", blocked_start, blocked_end)?,
                    taken: narrow("appointments seats", taken)?,
                })
            })
            .collect::<Result<_, CorruptRow>>()?)
    }

    async fn seats(&self, occurrence: Occurrence) -> Result<Vec<Appointment>, RepoError> {
        let condition = Condition::all()
            .add(row::Column::Occurrence.eq(occurrence_key(occurrence)))
            .add(row::Column::Status.is_in(ACTIVE));
        let booking_order = |q: ::sea_orm::Select<row::Entity>| {
            q.order_by_asc(row::Column::CreatedAt)
                .order_by_asc(row::Column::Id)
        };
        self.load(condition, booking_order, None).await
    }

    #[tracing::instrument(skip_all, fields(appointment = %appointment.id))]
    async fn update(
        &self,
        appointment: &Appointment,
        expected_revision: u32,
        event: &AppointmentEvent,
    ) -> Result<(), RepoError> {
        retrying(|| self.update_once(appointment, expected_revision, event)).await
    }

    #[tracing::instrument(skip_all, fields(occurrences = occurrences.len()))]
    async fn insert_series(
        &self,
        occurrences: &[(Appointment, AppointmentEvent)],
        key: Option<IdempotencyKey>,
    ) -> Result<(), SeriesInsertError> {
        retrying(|| self.insert_series_once(occurrences, key.as_ref()))
            .await?
            .map_err(|occurrence| SeriesInsertError::Conflict { occurrence })
    }

    #[tracing::instrument(skip_all, fields(changes = changes.len()))]
    async fn update_series(&self, changes: &[SeriesChange]) -> Result<(), RepoError> {
        retrying(|| self.update_series_once(changes)).await
    }

    async fn series(&self, id: SeriesId) -> Result<Vec<Appointment>, RepoError> {
        self.load(row::Column::SeriesId.eq(id.as_uuid()), soonest_first, None)
            .await
    }

    async fn by_id(&self, id: AppointmentId) -> Result<Option<Appointment>, RepoError> {
        let found = self
            .load(row::Column::Id.eq(id.as_uuid()), |q| q, None)
            .await?;
        Ok(found.into_iter().next())
    }

    async fn by_idempotency_key(
        &self,
        customer: UserId,
        key: &IdempotencyKey,
    ) -> Result<Option<Appointment>, RepoError> {
        let filter = Condition::all()
            .add(row::Column::CustomerId.eq(customer.as_uuid()))
            .add(row::Column::IdempotencyKey.eq(key.as_str()));
        Ok(self.load(filter, |q| q, None).await?.into_iter().next())
    }

    async fn busy(&self, provider: UserId, range: TimeRange) -> Result<Vec<TimeRange>, RepoError> {
        // Both bounds on blocked_start keep the (provider_id, blocked_start) index scan to the
        // window: no appointment blocks longer than Timing::LONGEST_BLOCK_MINUTES. Only the two
        // columns needed are read.
        let earliest = range.start() - TimeDelta::minutes(Timing::LONGEST_BLOCK_MINUTES);
        let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = row::Entity::find()
            .select_only()
            .columns([row::Column::BlockedStart, row::Column::BlockedEnd])
            .filter(row::Column::ProviderId.eq(provider.as_uuid()))
            .filter(row::Column::Status.is_in(BLOCKING))
            .filter(row::Column::BlockedStart.gt(earliest))
            .filter(row::Column::BlockedStart.lt(range.end()))
            .filter(row::Column::BlockedEnd.gt(range.start()))
            .order_by_asc(row::Column::BlockedStart)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(|(start, end)| self::range("appointments.blocked", start, end))
            .collect::<Result<_, _>>()?)
    }

    async fn list(&self, filter: AppointmentFilter) -> Result<Vec<Appointment>, RepoError> {
        use row::Column;
        let mut condition = Condition::all();
        if let Some(customer) = filter.customer {
            condition = condition.add(Column::CustomerId.eq(customer.as_uuid()));
        }
        if let Some(provider) = filter.provider {
            condition = condition.add(Column::ProviderId.eq(provider.as_uuid()));
        }
        if let Some(status) = filter.status {
            condition = condition.add(Column::Status.eq(status.as_str()));
        }
        let limit = Some(u64::from(filter.limit));
        match filter.period {
            Period::UpcomingAfter(now) => {
                let condition = condition.add(Column::SessionEnd.gt(now));
                self.load(condition, soonest_first, limit).await
            }
            Period::PastBefore(now) => {
                let condition = condition.add(Column::SessionEnd.lte(now));
                let latest_first = |q: ::sea_orm::Select<row::Entity>| {
                    q.order_by_desc(Column::SessionStart)
                        .order_by_desc(Column::Id)
                };
                self.load(condition, latest_first, limit).await
            }
            Period::Within(range) => {
                let condition = condition
                    .add(Column::SessionStart.lt(range.end()))
                    .add(Column::SessionEnd.gt(range.start()));
                self.load(condition, soonest_first, limit).await
            }
        }
    }

    async fn due_reminders(
        &self,
        window: TimeRange,
        limit: u32,
    ) -> Result<Vec<Appointment>, RepoError> {
        let condition = Condition::all()
            .add(row::Column::Status.eq(AppointmentStatus::Confirmed.as_str()))
            .add(row::Column::SessionStart.gte(window.start()))
            .add(row::Column::SessionStart.lt(window.end()))
            .add(Expr::cust(NOT_REMINDED));
        self.load(condition, soonest_first, Some(u64::from(limit)))
            .await
    }

    #[tracing::instrument(skip_all, fields(appointment = %event.appointment.id))]
    async fn record_reminder(&self, event: &AppointmentEvent) -> Result<bool, RepoError> {
        retrying(|| self.record_reminder_once(event)).await
    }

    async fn search(&self, query: &AppointmentQuery) -> Result<Page<Appointment>, RepoError> {
        use row::Column;
        let mut condition = Condition::all();
        if let Some(customer) = query.customer {
            condition = condition.add(Column::CustomerId.eq(customer.as_uuid()));
        }
        if let Some(provider) = query.provider {
            condition = condition.add(Column::ProviderId.eq(provider.as_uuid()));
        }
        if let Some(status) = query.status {
            condition = condition.add(Column::Status.eq(status.as_str()));
        }
        if let Some(range) = query.starting {
            condition = condition
                .add(Column::SessionStart.gte(range.start()))
                .add(Column::SessionStart.lt(range.end()));
        }
        let total = row::Entity::find()
            .filter(condition.clone())
            .count(&self.db)
            .await
            .map_err(read_failed)?;
        let page = query.page;
        let latest_first = |q: ::sea_orm::Select<row::Entity>| {
            q.order_by_desc(Column::SessionStart)
                .order_by_desc(Column::Id)
                .offset(page.offset())
        };
        let items = self
            .load(condition, latest_first, Some(u64::from(page.per_page())))
            .await?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }
}

fn soonest_first(q: ::sea_orm::Select<row::Entity>) -> ::sea_orm::Select<row::Entity> {
    q.order_by_asc(row::Column::SessionStart)
        .order_by_asc(row::Column::Id)
}
