//! [`PersonalDataStore`] on sea-orm: erasure as one write transaction over every table that
//! holds something of a person.

use ::sea_orm::sea_query::{Expr, ExprTrait};
use ::sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend,
    DbErr, EntityTrait, QueryFilter, QuerySelect, Statement, Value,
};
use application::AppointmentEvent;
use application::ports::personal_data::{
    erase_event_texts, prune_event_texts, rename_in_webhook_body,
};
use application::ports::{PasswordHash, PersonalDataStore, RepoError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use domain::{Email, PersonName, UserId};
use uuid::Uuid;

use super::error::{begin_write, read_failed, write_failed};
use super::users::found_one;
use super::{appointments, audit, outbox, users};

/// The password hash of an erased account: not a PHC string, so no password verifies.
const ERASED_PASSWORD: &str = "!erased";

/// Rows deleted or cleared per user, keyed by the user's id (`$1`).
const BY_USER: &[&str] = &[
    "DELETE FROM api_tokens WHERE user_id = $1",
    "DELETE FROM account_tokens WHERE user_id = $1",
    "DELETE FROM feed_tokens WHERE user_id = $1",
    "DELETE FROM webhook_endpoints WHERE owner_id = $1",
    "DELETE FROM calendar_event_links WHERE provider_id = $1",
    "DELETE FROM provider_calendars WHERE provider_id = $1",
    "DELETE FROM watch_channels WHERE provider_id = $1",
    "DELETE FROM busy_sources WHERE provider_id = $1",
    "DELETE FROM review_reports WHERE reporter_id = $1",
    "UPDATE waitlist_entries SET state = 'left' WHERE customer_id = $1 AND state = 'waiting'",
    "UPDATE reviews SET body = NULL WHERE customer_id = $1",
    "UPDATE reviews SET reply = NULL, replied_at = NULL WHERE provider_id = $1",
    "UPDATE appointments SET note = NULL, idempotency_key = NULL WHERE customer_id = $1",
    "UPDATE appointments SET cancel_reason = NULL \
     WHERE (customer_id = $1 AND cancelled_by = 'customer') \
        OR (provider_id = $1 AND cancelled_by = 'provider')",
];

/// Erasure on a sea-orm connection.
#[derive(Debug, Clone)]
pub struct SeaOrmPersonalData {
    db: DatabaseConnection,
}

impl SeaOrmPersonalData {
    /// The store on `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl PersonalDataStore for SeaOrmPersonalData {
    #[tracing::instrument(skip_all, fields(user = %user))]
    async fn erase(
        &self,
        user: UserId,
        pseudonym: &PersonName,
        at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let txn = begin_write(&self.db).await?;
        let updated = pseudonymise(&txn, user, pseudonym, at)
            .await
            .map_err(write_failed)?;
        found_one(updated)?;
        erase_rest(&txn, user, pseudonym)
            .await
            .map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        if self.db.get_database_backend() == DbBackend::Sqlite {
            // Merges the search index's segments, so the old name's tokens leave its blobs.
            self.db
                .execute_unprepared(
                    "INSERT INTO service_search (service_search) VALUES ('optimize')",
                )
                .await
                .map_err(read_failed)?;
        }
        Ok(())
    }

    #[tracing::instrument(skip(self))]
    async fn prune(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        use appointments::row::{Column, Entity};
        let txn = begin_write(&self.db).await?;
        let past: Vec<Uuid> = Entity::find()
            .select_only()
            .column(Column::Id)
            .filter(
                Condition::any()
                    .add(Column::SessionEnd.lt(before))
                    .add(Column::CancelledAt.lt(before)),
            )
            .filter(
                Condition::any()
                    .add(Column::Note.is_not_null())
                    .add(Column::CancelReason.is_not_null()),
            )
            .into_tuple()
            .all(&txn)
            .await
            .map_err(read_failed)?;
        for chunk in past.chunks(500) {
            Entity::update_many()
                .col_expr(Column::Note, Expr::value(Option::<String>::None))
                .col_expr(Column::CancelReason, Expr::value(Option::<String>::None))
                .filter(Column::Id.is_in(chunk.iter().copied()))
                .exec(&txn)
                .await
                .map_err(write_failed)?;
            rewrite_events_of(&txn, chunk, prune_event_texts)
                .await
                .map_err(write_failed)?;
        }
        super::webhooks::prune(&txn, before)
            .await
            .map_err(write_failed)?;
        txn.commit().await.map_err(write_failed)?;
        Ok(u64::try_from(past.len()).unwrap_or(u64::MAX))
    }
}

/// Replaces the account's personal data by the pseudonym; returns the rows changed (0: no
/// such user).
async fn pseudonymise(
    db: &impl ConnectionTrait,
    user: UserId,
    pseudonym: &PersonName,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use users::row::{ActiveModel, Column, Entity};
    let erased = ActiveModel {
        email: Set(Email::of_erased(user).as_str().to_owned()),
        name: Set(pseudonym.as_str().to_owned()),
        phone: Set(None),
        calendar_email: Set(None),
        photo: Set(None),
        active: Set(false),
        email_verified_at: Set(None),
        review_requests: Set(false),
        language: Set(None),
        password_hash: Set(PasswordHash::from_phc(ERASED_PASSWORD.to_owned())
            .as_str()
            .to_owned()),
        ..ActiveModel::default()
    };
    let updated = Entity::update_many()
        .set(erased)
        .col_expr(
            Column::ErasedAt,
            Expr::col(Column::ErasedAt).if_null(Expr::value(at)),
        )
        .filter(Column::Id.eq(user.as_uuid()))
        .exec(db)
        .await?;
    Ok(updated.rows_affected)
}

async fn erase_rest(
    db: &impl ConnectionTrait,
    user: UserId,
    pseudonym: &PersonName,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    for sql in BY_USER {
        // PostgreSQL numbers its parameters; SQLite's `?` takes one value per occurrence.
        let (sql, placeholders) = match backend {
            DbBackend::Postgres => ((*sql).to_owned(), 1),
            _ => (sql.replace("$1", "?"), sql.matches("$1").count()),
        };
        let values: Vec<Value> = std::iter::repeat_n(user.as_uuid().into(), placeholders).collect();
        db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
            .await?;
    }
    let appointments: Vec<Uuid> = appointments::row::Entity::find()
        .select_only()
        .column(appointments::row::Column::Id)
        .filter(
            appointments::row::Column::CustomerId
                .eq(user.as_uuid())
                .or(appointments::row::Column::ProviderId.eq(user.as_uuid())),
        )
        .into_tuple()
        .all(db)
        .await?;
    for chunk in appointments.chunks(500) {
        rewrite_events_of(db, chunk, |event| erase_event_texts(event, user)).await?;
        super::deliveries::forget_errors(db, chunk).await?;
    }
    super::webhooks::rename_party(db, user, |body| {
        rename_in_webhook_body(body, user, pseudonym)
    })
    .await?;
    let reviews = super::reviews::ids_of(db, user).await?;
    let mut targets = vec![format!("user:{user}")];
    targets.extend(appointments.iter().map(|id| format!("appointment:{id}")));
    targets.extend(reviews.iter().map(|id| format!("review:{id}")));
    audit::forget_details(db, &targets).await
}

/// Rewrites the recorded events of `appointments` that `rewrite` changes (it says whether it
/// did).
async fn rewrite_events_of(
    db: &impl ConnectionTrait,
    appointments: &[Uuid],
    rewrite: impl Fn(&mut AppointmentEvent) -> bool,
) -> Result<(), DbErr> {
    use outbox::row::{ActiveModel, Column, Entity};
    let rows = Entity::find()
        .filter(Column::AppointmentId.is_in(appointments.iter().copied()))
        .all(db)
        .await?;
    for row in rows {
        let id = row.id;
        let mut stored = row
            .try_into_domain()
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        if !rewrite(&mut stored.event) {
            continue;
        }
        let update = ActiveModel {
            payload: Set(outbox::payload_of(&stored.event)?),
            ..ActiveModel::default()
        };
        Entity::update_many()
            .set(update)
            .filter(Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}
