//! [`WebhookStore`] on sea-orm: `webhook_endpoints`, `webhook_messages` (a queue claimed with
//! leases like `deliveries`) and `webhook_attempts`.

use std::collections::HashMap;

use ::sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use ::sea_orm::{
    ActiveValue::NotSet, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    TryInsertResult,
};
use application::ports::{
    ClaimToken, ClaimedMessage, DeliveryId, FailureCount, MessageId, MessageOutcome, RepoError,
    WebhookAttempt, WebhookNotice, WebhookStore,
};
use async_trait::async_trait;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{
    EventTypes, UserId, WebhookDescription, WebhookEndpoint, WebhookEndpointId, WebhookEvent,
    WebhookScope, WebhookSecret, WebhookUrl,
};
use uuid::Uuid;

use super::error::{CorruptRow, begin_write, corrupt, read_failed, retrying, write_failed};

const PENDING: &str = "pending";
const DELIVERED: &str = "delivered";
const FAILED: &str = "failed";

/// A row of `webhook_endpoints`.
mod endpoint {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_endpoints")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub owner_id: Uuid,
        pub scope: String,
        pub url: String,
        pub description: String,
        pub event_types: String,
        pub enabled: bool,
        pub disabled_reason: Option<String>,
        pub secret: String,
        pub previous_secret: Option<String>,
        pub previous_secret_until: Option<DateTimeUtc>,
        pub consecutive_failures: i32,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A row of `webhook_messages`.
/// Rewrites the body of every message that mentions `user` (by id) with `rename`, where it
/// gives a new body, through `db`: an erasure's transaction.
///
/// # Errors
/// When the database fails.
pub(super) async fn rename_party(
    db: &impl ConnectionTrait,
    user: UserId,
    rename: impl Fn(&str) -> Option<String>,
) -> Result<(), ::sea_orm::DbErr> {
    let mentions = format!("%{user}%");
    let rows: Vec<(i64, String)> = message::Entity::find()
        .select_only()
        .column(message::Column::Seq)
        .column(message::Column::Body)
        .filter(message::Column::Body.like(mentions))
        .into_tuple()
        .all(db)
        .await?;
    for (seq, body) in rows {
        if let Some(renamed) = rename(&body) {
            message::Entity::update_many()
                .col_expr(message::Column::Body, Expr::value(renamed))
                .filter(message::Column::Seq.eq(seq))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Retention: forgets the messages created and finished before `before`, and the attempts
/// made before it.
///
/// # Errors
/// When the database fails.
pub(super) async fn prune(
    db: &impl ConnectionTrait,
    before: chrono::DateTime<chrono::Utc>,
) -> Result<(), ::sea_orm::DbErr> {
    message::Entity::delete_many()
        .filter(message::Column::State.ne("pending"))
        .filter(message::Column::CreatedAt.lt(before))
        .exec(db)
        .await?;
    attempt::Entity::delete_many()
        .filter(attempt::Column::AttemptedAt.lt(before))
        .exec(db)
        .await?;
    Ok(())
}

mod message {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_messages")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub seq: i64,
        pub id: String,
        pub endpoint_id: Uuid,
        pub source: Option<Uuid>,
        pub event_type: String,
        pub body: String,
        pub state: String,
        pub attempts: i32,
        pub due_at: DateTimeUtc,
        pub claim: Option<Uuid>,
        pub leased_until: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A row of `webhook_attempts`.
mod attempt {
    use ::sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_attempts")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub seq: i64,
        pub message_id: String,
        pub endpoint_id: Uuid,
        pub event_type: String,
        pub attempted_at: DateTimeUtc,
        pub status: Option<i32>,
        pub duration_ms: i32,
        pub response: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn endpoint_row(e: &WebhookEndpoint) -> endpoint::ActiveModel {
    endpoint::ActiveModel {
        id: Set(e.id.as_uuid()),
        owner_id: Set(e.owner.as_uuid()),
        scope: Set(e.scope.as_str().to_owned()),
        url: Set(e.url.as_str().to_owned()),
        description: Set(e.description.as_str().to_owned()),
        event_types: Set(e
            .events
            .iter()
            .map(WebhookEvent::as_str)
            .collect::<Vec<_>>()
            .join(" ")),
        enabled: Set(e.enabled),
        disabled_reason: Set(e.disabled_reason.clone()),
        secret: Set(e.secret.expose().to_owned()),
        previous_secret: Set(e
            .previous_secret
            .as_ref()
            .map(|(s, _)| s.expose().to_owned())),
        previous_secret_until: Set(e.previous_secret.as_ref().map(|(_, until)| *until)),
        consecutive_failures: Set(i32::try_from(e.consecutive_failures).unwrap_or(i32::MAX)),
        created_at: Set(e.created_at),
    }
}

impl endpoint::Model {
    fn try_into_domain(self) -> Result<WebhookEndpoint, CorruptRow> {
        let previous_secret = match (self.previous_secret, self.previous_secret_until) {
            (Some(secret), Some(until)) => Some((
                WebhookSecret::parse(&secret)
                    .map_err(corrupt("webhook_endpoints.previous_secret"))?,
                until,
            )),
            _ => None,
        };
        Ok(WebhookEndpoint {
            id: WebhookEndpointId::from_uuid(self.id),
            owner: UserId::from_uuid(self.owner_id),
            scope: WebhookScope::parse(&self.scope)
                .ok_or_else(|| corrupt("webhook_endpoints.scope")(&self.scope))?,
            url: WebhookUrl::parse(&self.url).map_err(corrupt("webhook_endpoints.url"))?,
            description: WebhookDescription::parse(&self.description)
                .map_err(corrupt("webhook_endpoints.description"))?,
            events: EventTypes::parse(self.event_types.split(' '))
                .map_err(corrupt("webhook_endpoints.event_types"))?,
            enabled: self.enabled,
            disabled_reason: self.disabled_reason,
            secret: WebhookSecret::parse(&self.secret)
                .map_err(corrupt("webhook_endpoints.secret"))?,
            previous_secret,
            consecutive_failures: u32::try_from(self.consecutive_failures).unwrap_or_default(),
            created_at: self.created_at,
        })
    }
}

fn event(name: &str, field: &'static str) -> Result<WebhookEvent, CorruptRow> {
    WebhookEvent::parse(name).map_err(corrupt(field))
}

fn message_id(text: &str) -> Result<MessageId, CorruptRow> {
    MessageId::parse(text).ok_or_else(|| corrupt("webhook_messages.id")(text))
}

fn new_message(
    endpoint: WebhookEndpointId,
    source: Option<DeliveryId>,
    event: WebhookEvent,
    body: &str,
    now: DateTime<Utc>,
) -> (MessageId, message::ActiveModel) {
    let id = MessageId::new();
    let model = message::ActiveModel {
        seq: NotSet,
        id: Set(id.as_str().to_owned()),
        endpoint_id: Set(endpoint.as_uuid()),
        source: Set(source.map(|s| s.as_uuid())),
        event_type: Set(event.as_str().to_owned()),
        body: Set(body.to_owned()),
        state: Set(PENDING.to_owned()),
        attempts: Set(0),
        due_at: Set(now),
        claim: Set(None),
        leased_until: Set(None),
        created_at: Set(now),
    };
    (id, model)
}

/// Queues `notice` as one message per endpoint that [receives](WebhookEndpoint::receives) it,
/// on `db` (a transaction: another store's change and its messages are saved together), and
/// answers how many it queued. With a `source`, endpoints that already have its message get
/// none.
pub(super) async fn queue_for_receivers(
    db: &impl ConnectionTrait,
    source: Option<DeliveryId>,
    notice: &WebhookNotice,
) -> Result<u32, RepoError> {
    use endpoint::Column;
    let candidates = endpoint::Entity::find()
        .filter(Column::Enabled.eq(true))
        .filter(
            Condition::any()
                .add(Column::Scope.eq(WebhookScope::All.as_str()))
                .add(Column::OwnerId.eq(notice.provider.as_uuid())),
        )
        .all(db)
        .await
        .map_err(read_failed)?;
    let mut queued = 0;
    for row in candidates {
        let endpoint = row.try_into_domain()?;
        if !endpoint.receives(notice.event, notice.provider) {
            continue;
        }
        let (_, model) = new_message(endpoint.id, source, notice.event, &notice.body, notice.at);
        let inserted = message::Entity::insert(model)
            .on_conflict_do_nothing_on([message::Column::Source, message::Column::EndpointId])
            .exec_without_returning(db)
            .await
            .map_err(write_failed)?;
        if let TryInsertResult::Inserted(n) = inserted {
            queued += u32::try_from(n).unwrap_or_default();
        }
    }
    Ok(queued)
}

/// Webhook endpoints and their queue in an SQL database.
#[derive(Debug, Clone)]
pub struct SeaOrmWebhooks {
    db: DatabaseConnection,
}

impl SeaOrmWebhooks {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    async fn claim_once(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<ClaimedMessage>, RepoError> {
        use message::Column;
        let txn = begin_write(&self.db).await?;
        let mut due = message::Entity::find()
            .filter(Column::State.eq(PENDING))
            .filter(Column::DueAt.lte(now))
            .filter(
                Condition::any()
                    .add(Column::LeasedUntil.is_null())
                    .add(Column::LeasedUntil.lte(now)),
            )
            .order_by_asc(Column::Seq)
            .limit(u64::from(limit));
        if self.db.get_database_backend() == DbBackend::Postgres {
            due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let due = due.all(&txn).await.map_err(read_failed)?;
        if due.is_empty() {
            txn.commit().await.map_err(write_failed)?;
            return Ok(Vec::new());
        }
        let claim = ClaimToken::new();
        message::Entity::update_many()
            .col_expr(Column::Attempts, Expr::col(Column::Attempts).add(1))
            .col_expr(Column::Claim, Expr::value(claim.as_uuid()))
            .col_expr(Column::LeasedUntil, Expr::value(now + lease))
            .filter(Column::Seq.is_in(due.iter().map(|m| m.seq)))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        let endpoints: HashMap<Uuid, WebhookEndpoint> = endpoint::Entity::find()
            .filter(endpoint::Column::Id.is_in(due.iter().map(|m| m.endpoint_id)))
            .all(&txn)
            .await
            .map_err(read_failed)?
            .into_iter()
            .map(|row| row.try_into_domain().map(|e| (e.id.as_uuid(), e)))
            .collect::<Result<_, CorruptRow>>()?;
        txn.commit().await.map_err(write_failed)?;
        due.into_iter()
            .map(|m| {
                Ok(ClaimedMessage {
                    id: message_id(&m.id)?,
                    event: event(&m.event_type, "webhook_messages.event_type")?,
                    attempts: u32::try_from(m.attempts).unwrap_or_default() + 1,
                    endpoint: endpoints
                        .get(&m.endpoint_id)
                        .cloned()
                        .ok_or_else(|| corrupt("webhook_messages.endpoint_id")(m.endpoint_id))?,
                    body: m.body,
                    claim,
                })
            })
            .collect::<Result<_, CorruptRow>>()
            .map_err(RepoError::from)
    }

    async fn finish_once(
        &self,
        claimed: &ClaimedMessage,
        outcome: MessageOutcome,
    ) -> Result<(), RepoError> {
        use message::Column;
        let mut update = message::Entity::update_many()
            .col_expr(Column::Claim, Expr::value(Option::<Uuid>::None))
            .col_expr(
                Column::LeasedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            );
        update = match outcome {
            MessageOutcome::Delivered => update.col_expr(Column::State, Expr::value(DELIVERED)),
            MessageOutcome::Failed => update.col_expr(Column::State, Expr::value(FAILED)),
            MessageOutcome::RetryAt(at) => update.col_expr(Column::DueAt, Expr::value(at)),
            MessageOutcome::Released => update.col_expr(
                Column::Attempts,
                Expr::value(i32::try_from(claimed.attempts.saturating_sub(1)).unwrap_or(0)),
            ),
        };
        let updated = update
            .filter(Column::Id.eq(claimed.id.as_str()))
            .filter(Column::State.eq(PENDING))
            .filter(Column::Claim.eq(claimed.claim.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected == 0 {
            return Err(RepoError::Stale);
        }
        Ok(())
    }

    async fn note_failure_once(
        &self,
        id: WebhookEndpointId,
        disable_at: u32,
        reason: &str,
    ) -> Result<FailureCount, RepoError> {
        use endpoint::Column;
        let txn = begin_write(&self.db).await?;
        let mut find = endpoint::Entity::find_by_id(id.as_uuid());
        if self.db.get_database_backend() == DbBackend::Postgres {
            find = find.lock(LockType::Update);
        }
        let row = find
            .one(&txn)
            .await
            .map_err(read_failed)?
            .ok_or(RepoError::NotFound)?;
        let consecutive = u32::try_from(row.consecutive_failures)
            .unwrap_or_default()
            .saturating_add(1);
        let disabled_now = row.enabled && consecutive >= disable_at;
        let mut update = endpoint::Entity::update_many().col_expr(
            Column::ConsecutiveFailures,
            Expr::value(i32::try_from(consecutive).unwrap_or(i32::MAX)),
        );
        if disabled_now {
            update = update
                .col_expr(Column::Enabled, Expr::value(false))
                .col_expr(Column::DisabledReason, Expr::value(reason));
        }
        update
            .filter(Column::Id.eq(id.as_uuid()))
            .exec(&txn)
            .await
            .map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        Ok(FailureCount {
            consecutive,
            disabled_now,
        })
    }
}

#[async_trait]
impl WebhookStore for SeaOrmWebhooks {
    async fn insert(&self, endpoint: &WebhookEndpoint) -> Result<(), RepoError> {
        endpoint::Entity::insert(endpoint_row(endpoint))
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn update(&self, e: &WebhookEndpoint) -> Result<(), RepoError> {
        let mut row = endpoint_row(e);
        row.id = NotSet;
        row.owner_id = NotSet;
        row.created_at = NotSet;
        let updated = endpoint::Entity::update_many()
            .set(row)
            .filter(endpoint::Column::Id.eq(e.id.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected == 0 {
            return Err(RepoError::NotFound);
        }
        Ok(())
    }

    async fn delete(&self, id: WebhookEndpointId) -> Result<(), RepoError> {
        let deleted = endpoint::Entity::delete_by_id(id.as_uuid())
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        if deleted.rows_affected == 0 {
            return Err(RepoError::NotFound);
        }
        Ok(())
    }

    async fn by_id(&self, id: WebhookEndpointId) -> Result<Option<WebhookEndpoint>, RepoError> {
        let row = endpoint::Entity::find_by_id(id.as_uuid())
            .one(&self.db)
            .await
            .map_err(read_failed)?;
        Ok(row.map(endpoint::Model::try_into_domain).transpose()?)
    }

    async fn list(&self, owner: Option<UserId>) -> Result<Vec<WebhookEndpoint>, RepoError> {
        let mut query = endpoint::Entity::find()
            .order_by_asc(endpoint::Column::CreatedAt)
            .order_by_asc(endpoint::Column::Id);
        if let Some(owner) = owner {
            query = query.filter(endpoint::Column::OwnerId.eq(owner.as_uuid()));
        }
        let rows = query.all(&self.db).await.map_err(read_failed)?;
        rows.into_iter()
            .map(endpoint::Model::try_into_domain)
            .collect::<Result<_, CorruptRow>>()
            .map_err(RepoError::from)
    }

    #[tracing::instrument(skip(self, body))]
    async fn fan_out(
        &self,
        source: DeliveryId,
        provider: UserId,
        event: WebhookEvent,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<u32, RepoError> {
        let notice = WebhookNotice {
            provider,
            event,
            body: body.to_owned(),
            at: now,
        };
        queue_for_receivers(&self.db, Some(source), &notice).await
    }

    async fn enqueue(
        &self,
        endpoint: WebhookEndpointId,
        event: WebhookEvent,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<MessageId, RepoError> {
        let (id, model) = new_message(endpoint, None, event, body, now);
        message::Entity::insert(model)
            .exec_without_returning(&self.db)
            .await
            .map_err(write_failed)?;
        Ok(id)
    }

    async fn requeue(
        &self,
        endpoint: WebhookEndpointId,
        id: &MessageId,
        now: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        use message::Column;
        let updated = message::Entity::update_many()
            .col_expr(Column::State, Expr::value(PENDING))
            .col_expr(Column::Attempts, Expr::value(0))
            .col_expr(Column::DueAt, Expr::value(now))
            .col_expr(Column::Claim, Expr::value(Option::<Uuid>::None))
            .col_expr(
                Column::LeasedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(Column::Id.eq(id.as_str()))
            .filter(Column::EndpointId.eq(endpoint.as_uuid()))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected == 0 {
            return Err(RepoError::NotFound);
        }
        Ok(())
    }

    #[tracing::instrument(skip(self))]
    async fn claim(
        &self,
        now: DateTime<Utc>,
        limit: u32,
        lease: TimeDelta,
    ) -> Result<Vec<ClaimedMessage>, RepoError> {
        retrying(|| self.claim_once(now, limit, lease)).await
    }

    async fn finish(
        &self,
        claimed: &ClaimedMessage,
        outcome: MessageOutcome,
    ) -> Result<(), RepoError> {
        retrying(|| self.finish_once(claimed, outcome)).await
    }

    async fn record_attempt(&self, a: &WebhookAttempt) -> Result<(), RepoError> {
        let model = attempt::ActiveModel {
            seq: NotSet,
            message_id: Set(a.message.as_str().to_owned()),
            endpoint_id: Set(a.endpoint.as_uuid()),
            event_type: Set(a.event.as_str().to_owned()),
            attempted_at: Set(a.at),
            status: Set(a.status.map(i32::from)),
            duration_ms: Set(i32::try_from(a.duration_ms).unwrap_or(i32::MAX)),
            response: Set(a.response.clone()),
        };
        attempt::Entity::insert(model)
            .exec_without_returning(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn attempts(
        &self,
        endpoint: WebhookEndpointId,
        limit: u32,
    ) -> Result<Vec<WebhookAttempt>, RepoError> {
        let rows = attempt::Entity::find()
            .filter(attempt::Column::EndpointId.eq(endpoint.as_uuid()))
            .order_by_desc(attempt::Column::Seq)
            .limit(u64::from(limit))
            .all(&self.db)
            .await
            .map_err(read_failed)?;
        rows.into_iter()
            .map(|r| {
                Ok(WebhookAttempt {
                    message: MessageId::parse(&r.message_id)
                        .ok_or_else(|| corrupt("webhook_attempts.message_id")(&r.message_id))?,
                    endpoint: WebhookEndpointId::from_uuid(r.endpoint_id),
                    event: event(&r.event_type, "webhook_attempts.event_type")?,
                    at: r.attempted_at,
                    status: r.status.and_then(|s| u16::try_from(s).ok()),
                    duration_ms: u32::try_from(r.duration_ms).unwrap_or_default(),
                    response: r.response,
                })
            })
            .collect::<Result<_, CorruptRow>>()
            .map_err(RepoError::from)
    }

    async fn note_success(&self, id: WebhookEndpointId) -> Result<(), RepoError> {
        endpoint::Entity::update_many()
            .col_expr(endpoint::Column::ConsecutiveFailures, Expr::value(0))
            .filter(endpoint::Column::Id.eq(id.as_uuid()))
            .exec(&self.db)
            .await
            .map(drop)
            .map_err(write_failed)
    }

    async fn note_failure(
        &self,
        id: WebhookEndpointId,
        disable_at: u32,
        reason: &str,
    ) -> Result<FailureCount, RepoError> {
        retrying(|| self.note_failure_once(id, disable_at, reason)).await
    }

    async fn disable(&self, id: WebhookEndpointId, reason: &str) -> Result<bool, RepoError> {
        use endpoint::Column;
        let updated = endpoint::Entity::update_many()
            .col_expr(Column::Enabled, Expr::value(false))
            .col_expr(Column::DisabledReason, Expr::value(reason))
            .filter(Column::Id.eq(id.as_uuid()))
            .filter(Column::Enabled.eq(true))
            .exec(&self.db)
            .await
            .map_err(write_failed)?;
        if updated.rows_affected > 0 {
            return Ok(true);
        }
        match self.by_id(id).await? {
            Some(_) => Ok(false),
            None => Err(RepoError::NotFound),
        }
    }
}
