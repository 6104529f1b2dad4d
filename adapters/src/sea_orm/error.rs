//! Database errors mapped onto the ports' error cases, and rows the domain refuses.

use std::fmt::Display;
use std::future::Future;
use std::hash::{BuildHasher, Hasher, RandomState};
use std::time::Duration;

use ::sea_orm::sqlx::Error as SqlxError;
use ::sea_orm::sqlx::error::ErrorKind;
use ::sea_orm::sqlx::postgres::PgDatabaseError;
use ::sea_orm::sqlx::sqlite::SqliteError;
use ::sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, RuntimeErr, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
};
use application::ports::{RepoError, StoreUnavailable};

/// The message of the SQLite trigger that stands in for PostgreSQL's exclusion constraint.
const NO_OVERLAP: &str = "appointments_no_overlap";

/// How often a write transaction runs when the database asks for a retry.
const ATTEMPTS: u32 = 8;

/// A stored row that the domain's rules refuse (written by hand or by an older version).
#[derive(Debug, thiserror::Error)]
#[error("stored {field} is invalid: {reason}")]
pub(super) struct CorruptRow {
    field: &'static str,
    reason: String,
}

/// Turns a domain error about `field` into a [`CorruptRow`].
pub(super) fn corrupt<E: Display>(field: &'static str) -> impl FnOnce(E) -> CorruptRow {
    move |e| CorruptRow {
        field,
        reason: e.to_string(),
    }
}

impl From<CorruptRow> for RepoError {
    fn from(e: CorruptRow) -> Self {
        Self::Backend(Box::new(e))
    }
}

/// The database's own error, if the database raised it.
fn database_error(err: &DbErr) -> Option<&(dyn ::sea_orm::sqlx::error::DatabaseError + 'static)> {
    match err {
        DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e))
        | DbErr::Conn(RuntimeErr::SqlxError(e)) => e.as_database_error(),
        _ => None,
    }
}

/// Whether a uniqueness or no-overlap rule refused the write.
fn is_conflict(err: &DbErr) -> bool {
    database_error(err).is_some_and(|e| {
        e.kind() == ErrorKind::UniqueViolation
            // 23P01: exclusion_violation, raised by PostgreSQL's appointments_no_overlap.
            || e.code().as_deref() == Some("23P01")
            || e.message().contains(NO_OVERLAP)
    })
}

/// Whether running the transaction again may succeed: PostgreSQL reports a deadlock (40P01)
/// when two transactions wait on each other's conflicting rows, as concurrent overlapping
/// bookings do; a serialization failure (40001); SQLite's busy codes (5, 517) after the timeout.
fn is_transient(err: &DbErr) -> bool {
    database_error(err)
        .is_some_and(|e| matches!(e.code().as_deref(), Some("40P01" | "40001" | "5" | "517")))
}

/// Whether the database could not be reached, as opposed to refusing or failing the statement:
/// no connection within the pool's acquire timeout, a refused or broken connection, PostgreSQL
/// shutting down or not yet accepting (57P01–57P03), out of connections (53300) or a connection
/// exception (class 08); SQLite busy past its timeout, locked, read-only, out of disk, I/O
/// failures or a file it cannot open.
fn is_unreachable(err: &DbErr) -> bool {
    let sqlx = match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    match sqlx.as_ref() {
        SqlxError::Io(_)
        | SqlxError::Tls(_)
        | SqlxError::Protocol(_)
        | SqlxError::PoolTimedOut
        | SqlxError::PoolClosed
        | SqlxError::WorkerCrashed => true,
        SqlxError::Database(e) => {
            if let Some(pg) = e.try_downcast_ref::<PgDatabaseError>() {
                let code = pg.code();
                code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
            } else if e.try_downcast_ref::<SqliteError>().is_some() {
                // Primary result codes: BUSY, LOCKED, READONLY, IOERR, FULL, CANTOPEN.
                e.code()
                    .and_then(|c| c.parse::<i32>().ok())
                    .is_some_and(|c| matches!(c & 0xff, 5 | 6 | 8 | 10 | 13 | 14))
            } else {
                false
            }
        }
        _ => false,
    }
}

/// A failed write: a conflict, the database out of reach, or a backend failure.
pub(super) fn write_failed(err: DbErr) -> RepoError {
    if is_conflict(&err) {
        RepoError::Conflict
    } else {
        read_failed(err)
    }
}

/// A failed read: the database out of reach, or a backend failure.
pub(super) fn read_failed(err: DbErr) -> RepoError {
    if is_unreachable(&err) {
        RepoError::unavailable(err)
    } else {
        RepoError::Backend(Box::new(err))
    }
}

/// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
/// writers queue instead of failing when a read turns into a write, and checks made inside
/// the transaction cannot be invalidated by another writer before it commits.
pub(super) async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, RepoError> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
    .map_err(write_failed)
}

/// Runs the write transaction `attempt` until it succeeds, fails for good, or has run
/// [`ATTEMPTS`] times. Between runs it waits a random time that doubles each run, so that
/// transactions that deadlocked on each other do not collide again at once.
pub(super) async fn retrying<T, F, Fut>(mut attempt: F) -> Result<T, RepoError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, RepoError>>,
{
    let mut runs = 1;
    loop {
        match attempt().await {
            Err(RepoError::Backend(e) | RepoError::Unavailable(StoreUnavailable(e)))
                if runs < ATTEMPTS && e.downcast_ref::<DbErr>().is_some_and(is_transient) =>
            {
                tracing::debug!(error = %e, runs, "retrying a write transaction");
                tokio::time::sleep(backoff(runs)).await;
                runs += 1;
            }
            result => return result,
        }
    }
}

/// A random wait of up to 2^`runs` milliseconds (`runs` ≥ 1): full jitter.
fn backoff(runs: u32) -> Duration {
    // A freshly keyed SipHash of nothing is a random number; jitter needs no better.
    let random = RandomState::new().build_hasher().finish();
    Duration::from_millis(random % (1_u64 << runs.min(10)))
}
