//! Bulk loading (the benchmark dataset, imports): thousands of rows written in one transaction
//! as multi-row INSERTs, in seconds instead of one round trip and commit per row. The rows are
//! the same the stores write, so everything loaded reads back through the ports as usual.

use ::sea_orm::{
    ActiveModelTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, QuerySelect,
};
use application::ports::{Channel, PasswordHash, RepoError};
use application::{AppointmentEvent, ChangeKind};
use chrono::{DateTime, Utc};
use domain::{Appointment, Category, Schedule, Service, User, UserId};
use uuid::Uuid;

use super::error::{begin_write, read_failed, write_failed};
use super::{appointments, categories, deliveries, outbox, schedules, services, users};

/// Rows per INSERT statement: well below the bind-parameter limits of SQLite (32,766) and
/// PostgreSQL (65,535) for the widest table (16 columns).
const ROWS_PER_STATEMENT: usize = 500;

/// What a bulk load writes. Appointments are stored as they are, without the booking checks of
/// the use cases (the caller vouches for them; the database's overlap rule still applies), each
/// with the history a database that booked it holds: its booking event, with every delivery
/// of it done (no mail or calendar delivery goes out).
#[derive(Debug, Default, Clone)]
pub struct BulkLoad {
    /// Categories.
    pub categories: Vec<Category>,
    /// Users with their password hashes.
    pub users: Vec<(User, PasswordHash)>,
    /// Providers' schedules.
    pub schedules: Vec<(UserId, Schedule)>,
    /// Services (their providers and categories must be in this load or already stored).
    pub services: Vec<Service>,
    /// Appointments (their services, providers and customers likewise).
    pub appointments: Vec<Appointment>,
}

/// Writes everything in `load` in one transaction: all of it or, on error, none.
///
/// # Errors
/// [`RepoError::Conflict`] when a row clashes with a stored one (an email, an id, an
/// overlapping appointment), [`RepoError::Backend`] otherwise.
pub async fn bulk_load(db: &DatabaseConnection, load: &BulkLoad) -> Result<(), RepoError> {
    let txn = begin_write(db).await?;
    insert_all(&txn, load.categories.iter().map(categories::model_of)).await?;
    insert_all(
        &txn,
        load.users
            .iter()
            .map(|(user, hash)| users::new_row(user, hash)),
    )
    .await?;
    let schedule_rows = load
        .schedules
        .iter()
        .map(|(provider, schedule)| schedules::model_of(*provider, schedule))
        .collect::<Result<Vec<_>, _>>()?;
    insert_all(&txn, schedule_rows).await?;
    insert_all(&txn, load.services.iter().map(services::model_of)).await?;
    insert_all(
        &txn,
        load.appointments
            .iter()
            .map(|a| appointments::new_row(a, None)),
    )
    .await?;
    insert_history(&txn, &load.appointments).await?;
    txn.commit().await.map_err(write_failed)
}

/// The booking event of each of `appointments` (occurred at its creation), with its
/// deliveries done. Besides being what a real database holds, this keeps the outbox tables
/// from being empty: PostgreSQL plans a foreign-key check against a table it knows to be empty
/// as a sequential scan and keeps that plan on the connection until the table is analyzed
/// again, which made every booking after a fresh load scan the whole outbox.
async fn insert_history(
    txn: &DatabaseTransaction,
    appointments: &[Appointment],
) -> Result<(), RepoError> {
    let events = appointments
        .iter()
        .map(|a| outbox::new_row(&AppointmentEvent::new(ChangeKind::Booked, a, a.created_at)))
        .collect::<Result<Vec<_>, DbErr>>()
        .map_err(write_failed)?;
    insert_all(txn, events).await?;
    let stored: Vec<(i64, Uuid, DateTime<Utc>)> = outbox::row::Entity::find()
        .select_only()
        .columns([
            outbox::row::Column::Id,
            outbox::row::Column::AppointmentId,
            outbox::row::Column::OccurredAt,
        ])
        .into_tuple()
        .all(txn)
        .await
        .map_err(read_failed)?;
    let channels = Channel::for_change(&ChangeKind::Booked);
    let done = stored.into_iter().flat_map(|(event, appointment, at)| {
        channels
            .iter()
            .map(move |channel| deliveries::done_row(event, appointment, *channel, at))
    });
    insert_all(txn, done).await
}

/// Inserts `rows` in statements of [`ROWS_PER_STATEMENT`].
async fn insert_all<A>(
    txn: &DatabaseTransaction,
    rows: impl IntoIterator<Item = A>,
) -> Result<(), RepoError>
where
    A: ActiveModelTrait + Clone + Send,
{
    let rows: Vec<A> = rows.into_iter().collect();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        A::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(txn)
            .await
            .map_err(write_failed)?;
    }
    Ok(())
}
