//! [`DeliveryQueue`] on sea-orm: the `deliveries` table, filled by [`enqueue`] in the
//! transaction that records each event.
//!
//! A claim is one write transaction: it selects the due heads of their streams (on PostgreSQL
//! `FOR UPDATE SKIP LOCKED`, so concurrent workers on several instances pass over each other's
//! rows instead of waiting or taking them twice; SQLite serializes write transactions, begun
//! with `BEGIN IMMEDIATE`), then stamps them with the claim, its lease and one more attempt.

use std::collections::HashMap;

use ::sea_orm::sea_query::{Expr, ExprTrait, Func, LockBehavior, LockType};
use ::sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use application::AppointmentEvent;
use application::ports::{
    Channel, ChannelBacklog, ClaimToken, Delivery, DeliveryId, DeliveryQueue, FailedDelivery,
    RepoError,
};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::error::{CorruptRow, begin_write, corrupt, read_failed, retrying, write_failed};
use super::outbox;

const PENDING: &str = "pending";
const DONE: &str = "done";
const FAILED: &str = "failed";

/// Only the oldest pending delivery of its (appointment, channel) stream. Written as "the
/// first of its stream" rather than "no earlier one in its stream" (`NOT EXISTS`): with
/// statistics from before a burst (few pending rows), PostgreSQL checked the `NOT EXISTS` by
/// walking every pending delivery for each candidate (39 ms per claim at 12,000 pending),
/// while the first of a stream is found after a few rows whichever index it picks (0.3 ms).
const HEAD_OF_STREAM: &str = "deliveries.seq = (SELECT head.seq FROM deliveries AS head \
     WHERE head.appointment_id = deliveries.appointment_id \
     AND head.channel = deliveries.channel AND head.state = 'pending' \
     ORDER BY head.appointment_id, head.channel, head.seq LIMIT 1)";

/// A row of `deliveries`.
pub(super) mod row {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "deliveries")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub seq: i64,
        pub id: Uuid,
        pub event_id: i64,
        pub appointment_id: Uuid,
        pub channel: String,
        pub state: String,
        pub attempts: i32,
        pub due_at: Option<DateTimeUtc>,
        pub claim: Option<Uuid>,
        pub leased_until: Option<DateTimeUtc>,
        pub last_error: Option<String>,
        pub finished_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// Clears the errors recorded for the deliveries of `appointments` (a mail server's answer may
/// quote an address), through `db`: an erasure's transaction.
///
/// # Errors
/// When the database fails.
pub(super) async fn forget_errors(
    db: &impl ConnectionTrait,
    appointments: &[Uuid],
) -> Result<(), ::sea_orm::DbErr> {
    row::Entity::update_many()
        .col_expr(row::Column::LastError, Expr::value(Option::<String>::None))
        .filter(row::Column::AppointmentId.is_in(appointments.iter().copied()))
        .exec(db)
        .await
        .map(drop)
}

/// Adds one pending delivery per channel `event` (stored as `event_id`) concerns, through `db`:
/// the transaction that records the event.
pub(super) async fn enqueue(
    db: &impl ConnectionTrait,
    event_id: i64,
    event: &AppointmentEvent,
) -> Result<(), ::sea_orm::DbErr> {
    for channel in Channel::for_change(&event.kind) {
        row::Entity::insert(pending_row(
            event_id,
            event.appointment.id.as_uuid(),
            *channel,
        ))
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

/// A new pending delivery of event `event_id` about `appointment` to `channel`.
fn pending_row(event_id: i64, appointment: Uuid, channel: Channel) -> row::ActiveModel {
    row::ActiveModel {
        seq: NotSet,
        id: Set(Uuid::now_v7()),
        event_id: Set(event_id),
        appointment_id: Set(appointment),
        channel: Set(channel.as_str().to_owned()),
        state: Set(PENDING.to_owned()),
        attempts: Set(0),
        due_at: Set(None),
        claim: Set(None),
        leased_until: Set(None),
        last_error: Set(None),
        finished_at: Set(None),
    }
}

/// A delivery of event `event_id` about `appointment` to `channel`, done at `at` on the first
/// attempt: the history of a bulk load.
pub(super) fn done_row(
    event_id: i64,
    appointment: Uuid,
    channel: Channel,
    at: DateTime<Utc>,
) -> row::ActiveModel {
    row::ActiveModel {
        state: Set(DONE.to_owned()),
        attempts: Set(1),
        finished_at: Set(Some(at)),
        ..pending_row(event_id, appointment, channel)
    }
}

/// The delivery queue in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmDeliveries {
    db: DatabaseConnection,
}

impl SeaOrmDeliveries {
    /// The queue on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// The events of `rows`, by event id.
    async fn events(
        &self,
        db: &impl ConnectionTrait,
        rows: &[row::Model],
    ) -> Result<HashMap<i64, AppointmentEvent>, RepoError> {
        let ids: Vec<i64> = rows.iter().map(|r| r.event_id).collect();
        let stored = outbox::row::Entity::find()
            .filter(outbox::row::Column::Id.is_in(ids))
            .all(db)
            .await
            .map_err(read_failed)?;
        stored
            .into_iter()
            .map(|r| r.try_into_domain().map(|e| (e.id, e.event)))
            .collect::<Result<_, CorruptRow>>()
            .map_err(RepoError::from)
    }

    async fn claim_once(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<Delivery>, RepoError> {
        use row::Column;
        let txn = begin_write(&self.db).await?;
        let postgres = self.db.get_database_backend() == DbBackend::Postgres;
        if postgres {
            // Walk `deliveries_pending_in_order` and stop at the batch. Without fresh statistics
            // (a burst into a new or long-quiet queue, before autovacuum's next analyze) the
            // planner expects a handful of pending rows and reads and sorts the whole backlog
            // instead: 35 ms per claim at 9,000 pending, against 0.14 ms.
            txn.execute_unprepared("SET LOCAL enable_sort = off")
                .await
                .map_err(read_failed)?;
        }
        let mut heads = row::Entity::find()
            .filter(Column::State.eq(PENDING))
            .filter(
                Condition::any()
                    .add(Column::DueAt.is_null())
                    .add(Column::DueAt.lte(now)),
            )
            .filter(
                Condition::any()
                    .add(Column::LeasedUntil.is_null())
                    .add(Column::LeasedUntil.lte(now)),
            )
            .filter(Expr::cust(HEAD_OF_STREAM))
            .order_by_asc(Column::Seq)
            .limit(u64::from(limit));
        if postgres {
            heads = heads.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let heads = heads.all(&txn).await.map_err(read_failed)?;
        if heads.is_empty() {
            txn.commit().await.map_err(write_failed)?;
            return Ok(Vec::new());
        }
        let claim = ClaimToken::new();
        row::Entity::update_many()
            .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
            .col_expr(Column::Claim, Expr::value(claim.as_uuid()))
            .col_expr(Column::LeasedUntil, Expr::value(now + lease))
            .filter(Column::Seq.is_in(heads.iter().map(|r| r.seq)))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        let events = self.events(&txn, &heads).await?;
        txn.commit().await.map_err(write_failed)?;
        heads
            .into_iter()
            .map(|r| {
                let event = events
                    .get(&r.event_id)
                    .cloned()
                    .ok_or_else(|| corrupt("deliveries.event_id")(r.event_id))?;
                Ok(Delivery {
                    id: DeliveryId::from_uuid(r.id),
                    channel: channel(&r.channel)?,
                    event,
                    attempts: attempts(r.attempts) + 1,
                    claim,
                })
            })
            .collect::<Result<_, CorruptRow>>()
            .map_err(RepoError::from)
    }

    /// Finishes the claimed `delivery` with `changes`, provided its claim is still current.
    async fn finish(
        &self,
        delivery: &Delivery,
        changes: row::ActiveModel,
    ) -> Result<(), RepoError> {
        use row::Column;
        let updated = row::Entity::update_many()
            .set(changes)
            .col_expr(Column::Claim, Expr::value(Option::<Uuid>::None))
            .col_expr(
                Column::LeasedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(Column::Id.eq(delivery.id.as_uuid()))
            .filter(Column::State.eq(PENDING))
            .filter(Column::Claim.eq(delivery.claim.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected > 0 {
            return Ok(());
        }
        let exists = row::Entity::find()
            .filter(Column::Id.eq(delivery.id.as_uuid()))
            .count(&self.db)
            .await
            .map_err(read_failed)?
            > 0;
        Err(if exists {
            RepoError::Stale
        } else {
            RepoError::NotFound
        })
    }
}

impl SeaOrmDeliveries {
    /// Per channel, how many deliveries in `state` (and meeting `also`) there are and the
    /// `seq` of the first of them.
    async fn per_channel(
        &self,
        state: &str,
        also: Option<Condition>,
    ) -> Result<HashMap<String, (u64, i64)>, RepoError> {
        use row::Column;
        let mut query = row::Entity::find()
            .select_only()
            .column(Column::Channel)
            .column_as(Expr::from(Func::count(Expr::col(Column::Seq))), "n")
            .column_as(Expr::from(Func::min(Expr::col(Column::Seq))), "first")
            .filter(Column::State.eq(state))
            .group_by(Column::Channel);
        if let Some(also) = also {
            query = query.filter(also);
        }
        let rows: Vec<(String, i64, i64)> = query
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(rows
            .into_iter()
            .map(|(channel, n, first)| (channel, (u64::try_from(n).unwrap_or_default(), first)))
            .collect())
    }
}

fn channel(name: &str) -> Result<Channel, CorruptRow> {
    Channel::parse(name).ok_or_else(|| corrupt("deliveries.channel")(name))
}

fn attempts(stored: i32) -> u32 {
    u32::try_from(stored).unwrap_or_default()
}

fn unchanged() -> row::ActiveModel {
    row::ActiveModel {
        seq: NotSet,
        id: NotSet,
        event_id: NotSet,
        appointment_id: NotSet,
        channel: NotSet,
        state: NotSet,
        attempts: NotSet,
        due_at: NotSet,
        claim: NotSet,
        leased_until: NotSet,
        last_error: NotSet,
        finished_at: NotSet,
    }
}

#[async_trait]
impl DeliveryQueue for SeaOrmDeliveries {
    #[tracing::instrument(skip(self))]
    async fn claim(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<Delivery>, RepoError> {
        retrying(|| self.claim_once(now, limit, lease)).await
    }

    async fn complete(&self, delivery: &Delivery, now: DateTime<Utc>) -> Result<(), RepoError> {
        let changes = row::ActiveModel {
            state: Set(DONE.to_owned()),
            finished_at: Set(Some(now)),
            ..unchanged()
        };
        retrying(|| self.finish(delivery, changes.clone())).await
    }

    async fn retry(
        &self,
        delivery: &Delivery,
        at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), RepoError> {
        let changes = row::ActiveModel {
            due_at: Set(Some(at)),
            last_error: Set(Some(error.to_owned())),
            ..unchanged()
        };
        retrying(|| self.finish(delivery, changes.clone())).await
    }

    async fn give_up(
        &self,
        delivery: &Delivery,
        now: DateTime<Utc>,
        error: &str,
    ) -> Result<(), RepoError> {
        let changes = row::ActiveModel {
            state: Set(FAILED.to_owned()),
            finished_at: Set(Some(now)),
            last_error: Set(Some(error.to_owned())),
            ..unchanged()
        };
        retrying(|| self.finish(delivery, changes.clone())).await
    }

    async fn release(&self, delivery: &Delivery) -> Result<(), RepoError> {
        let before = i32::try_from(delivery.attempts.saturating_sub(1)).unwrap_or(i32::MAX);
        let changes = row::ActiveModel {
            attempts: Set(before),
            ..unchanged()
        };
        retrying(|| self.finish(delivery, changes.clone())).await
    }

    async fn backlog(&self, now: DateTime<Utc>) -> Result<Vec<ChannelBacklog>, RepoError> {
        use row::Column;
        let due = Condition::all()
            .add(
                Condition::any()
                    .add(Column::DueAt.is_null())
                    .add(Column::DueAt.lte(now)),
            )
            .add(
                Condition::any()
                    .add(Column::LeasedUntil.is_null())
                    .add(Column::LeasedUntil.lte(now)),
            );
        let pending = self.per_channel(PENDING, None).await?;
        let waiting = self.per_channel(PENDING, Some(due)).await?;
        let failed = self.per_channel(FAILED, None).await?;
        let heads: Vec<i64> = pending
            .values()
            .chain(waiting.values())
            .map(|c| c.1)
            .collect();
        let heads: HashMap<i64, row::Model> = row::Entity::find()
            .filter(Column::Seq.is_in(heads))
            .all(&self.db)
            .await
            .map_err(read_failed)?
            .into_iter()
            .map(|r| (r.seq, r))
            .collect();
        let enqueued = |r: &row::Model| DeliveryId::from_uuid(r.id).enqueued_at();
        Ok(Channel::ALL
            .into_iter()
            .map(|channel| {
                let head = |counts: &HashMap<String, (u64, i64)>| {
                    counts
                        .get(channel.as_str())
                        .and_then(|(_, seq)| heads.get(seq))
                };
                ChannelBacklog {
                    channel,
                    pending: pending.get(channel.as_str()).map_or(0, |c| c.0),
                    oldest_pending: head(&pending).and_then(enqueued),
                    waiting_since: head(&waiting).map(|r| {
                        [enqueued(r), r.due_at, r.leased_until]
                            .into_iter()
                            .flatten()
                            .max()
                            .unwrap_or(now)
                    }),
                    failed: failed.get(channel.as_str()).map_or(0, |c| c.0),
                }
            })
            .collect())
    }

    async fn failed(&self, limit: u32) -> Result<Vec<FailedDelivery>, RepoError> {
        use row::Column;
        let rows = row::Entity::find()
            .filter(Column::State.eq(FAILED))
            .order_by_desc(Column::FinishedAt)
            .order_by_desc(Column::Seq)
            .limit(u64::from(limit))
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        let events = self.events(&self.db, &rows).await?;
        rows.into_iter()
            .map(|r| {
                Ok(FailedDelivery {
                    id: DeliveryId::from_uuid(r.id),
                    channel: channel(&r.channel)?,
                    event: events
                        .get(&r.event_id)
                        .cloned()
                        .ok_or_else(|| corrupt("deliveries.event_id")(r.event_id))?,
                    attempts: attempts(r.attempts),
                    error: r.last_error.unwrap_or_default(),
                    failed_at: r
                        .finished_at
                        .ok_or_else(|| corrupt("deliveries.finished_at")("missing"))?,
                })
            })
            .collect::<Result<_, CorruptRow>>()
            .map_err(RepoError::from)
    }

    #[tracing::instrument(skip(self))]
    async fn requeue(&self, id: DeliveryId, now: DateTime<Utc>) -> Result<(), RepoError> {
        use row::Column;
        let changes = row::ActiveModel {
            state: Set(PENDING.to_owned()),
            attempts: Set(0),
            due_at: Set(Some(now)),
            claim: Set(None),
            leased_until: Set(None),
            finished_at: Set(None),
            ..unchanged()
        };
        let updated = row::Entity::update_many()
            .set(changes)
            .filter(Column::Id.eq(id.as_uuid()))
            .filter(Column::State.eq(FAILED))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected == 0 {
            return Err(RepoError::NotFound);
        }
        Ok(())
    }
}
