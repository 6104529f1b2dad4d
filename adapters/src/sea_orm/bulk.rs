//! Bulk loading (the benchmark dataset, imports): thousands of rows written in one transaction
//! as multi-row INSERTs, in seconds instead of one round trip and commit per row. The rows are
//! the same the stores write, so everything loaded reads back through the ports as usual.

use ::sea_orm::{ActiveModelTrait, DatabaseConnection, DatabaseTransaction, EntityTrait};
use application::ports::{PasswordHash, RepoError};
use domain::{Appointment, Category, Schedule, Service, User, UserId};

use super::error::{begin_write, write_failed};
use super::{appointments, categories, schedules, services, users};

/// Rows per INSERT statement: well below the bind-parameter limits of SQLite (32,766) and
/// PostgreSQL (65,535) for the widest table (16 columns).
const ROWS_PER_STATEMENT: usize = 500;

/// What a bulk load writes. Appointments are stored as they are, without outbox events (no
/// mail or calendar delivery) and without the booking checks of the use cases: the caller
/// vouches for them, and the database's overlap rule still applies.
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
    txn.commit().await.map_err(write_failed)
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
