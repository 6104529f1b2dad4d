//! Every repository port on sea-orm, for SQLite (the embedded default) and PostgreSQL.
//!
//! The schema lives in the `migration` crate. The database has the last word on the rules that
//! must hold under concurrency: unique emails, slugs and idempotency keys, and no overlapping
//! active appointments of a provider (an exclusion constraint on PostgreSQL, a trigger inside
//! serialized write transactions on SQLite). Every write that spans tables is one transaction.
//! Rows are private to this module and become domain values through `try_into_domain`; a row
//! the domain refuses is reported as a backend error, never passed on half-valid.

mod account_tokens;
mod api_tokens;
mod appointments;
mod audit;
mod bulk;
mod busy_times;
mod calendar_links;
mod categories;
mod changes;
mod deliveries;
mod error;
mod feed_tokens;
mod outbox;
mod schedules;
mod search;
mod services;
mod sessions;
mod users;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use ::sea_orm::DatabaseConnection;
use ::sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use ::sea_orm::{ConnectOptions, Database, DbErr};

pub use account_tokens::SeaOrmAccountTokens;
pub use api_tokens::SeaOrmApiTokens;
pub use appointments::SeaOrmAppointments;
pub use audit::SeaOrmAuditLog;
pub use bulk::{BulkLoad, bulk_load};
pub use busy_times::SeaOrmBusyTimes;
pub use calendar_links::SeaOrmCalendarLinks;
pub use categories::SeaOrmCategories;
pub use changes::listen_for_changes;
pub use deliveries::SeaOrmDeliveries;
pub use feed_tokens::SeaOrmFeedTokens;
pub use outbox::StoredEvent;
pub use schedules::SeaOrmSchedules;
pub use services::SeaOrmServices;
pub use sessions::{SeaOrmSessions, SessionOwner, StoredSession};
pub use users::SeaOrmUsers;

/// How long an SQLite writer waits for another to finish before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The folder of an SQLite file could not be created.
    #[error("cannot create the database folder {path}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The database refused the connection.
    #[error("cannot connect to the database")]
    Database(#[from] DbErr),
}

/// Opens a connection pool for `url`: `sqlite://./data/bys.db` (the file and its folder are
/// created if missing) or `postgres://user@host:5432/name`.
///
/// SQLite connections use WAL (readers never wait for the writer), enforce foreign keys and
/// wait up to ten seconds for a busy writer instead of failing at once.
///
/// # Errors
/// [`ConnectError`] when the folder cannot be created or the database is unreachable.
pub async fn connect(url: &str) -> Result<DatabaseConnection, ConnectError> {
    let mut options = ConnectOptions::new(url);
    options.sqlx_logging(false);
    if let Some(file) = sqlite_file(url) {
        if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| ConnectError::Folder {
                path: folder.to_owned(),
                source,
            })?;
        }
        options.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
        });
    }
    Ok(Database::connect(options).await?)
}

/// The file of an `sqlite:` URL, unless the database lives in memory.
fn sqlite_file(url: &str) -> Option<&Path> {
    let rest = url.strip_prefix("sqlite:")?;
    let path = rest.strip_prefix("//").unwrap_or(rest);
    let path = path.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| Path::new(path))
}

/// Every store on one connection pool.
#[derive(Debug, Clone)]
pub struct SeaOrmStores {
    /// Users and their password hashes.
    pub users: Arc<SeaOrmUsers>,
    /// Services and the marketplace search.
    pub services: Arc<SeaOrmServices>,
    /// Categories.
    pub categories: Arc<SeaOrmCategories>,
    /// Providers' schedules.
    pub schedules: Arc<SeaOrmSchedules>,
    /// Appointments and their event outbox.
    pub appointments: Arc<SeaOrmAppointments>,
    /// The deliveries the appointments' events fan out into.
    pub deliveries: Arc<SeaOrmDeliveries>,
    /// Password reset and email verification tokens.
    pub account_tokens: Arc<SeaOrmAccountTokens>,
    /// Calendar feed tokens.
    pub feed_tokens: Arc<SeaOrmFeedTokens>,
    /// Provider calendars and their entries at the calendar service.
    pub calendar_links: Arc<SeaOrmCalendarLinks>,
    /// Login sessions.
    pub sessions: Arc<SeaOrmSessions>,
    /// What staff did.
    pub audit: Arc<SeaOrmAuditLog>,
    /// Personal API tokens.
    pub api_tokens: Arc<SeaOrmApiTokens>,
    /// Busy time read from providers' external calendars.
    pub busy_times: Arc<SeaOrmBusyTimes>,
}

impl SeaOrmStores {
    /// The stores on `db`, which must be migrated.
    pub fn new(db: &DatabaseConnection) -> Self {
        Self {
            users: Arc::new(SeaOrmUsers::new(db.clone())),
            services: Arc::new(SeaOrmServices::new(db.clone())),
            categories: Arc::new(SeaOrmCategories::new(db.clone())),
            schedules: Arc::new(SeaOrmSchedules::new(db.clone())),
            appointments: Arc::new(SeaOrmAppointments::new(db.clone())),
            deliveries: Arc::new(SeaOrmDeliveries::new(db.clone())),
            account_tokens: Arc::new(SeaOrmAccountTokens::new(db.clone())),
            feed_tokens: Arc::new(SeaOrmFeedTokens::new(db.clone())),
            calendar_links: Arc::new(SeaOrmCalendarLinks::new(db.clone())),
            sessions: Arc::new(SeaOrmSessions::new(db.clone())),
            audit: Arc::new(SeaOrmAuditLog::new(db.clone())),
            api_tokens: Arc::new(SeaOrmApiTokens::new(db.clone())),
            busy_times: Arc::new(SeaOrmBusyTimes::new(db.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file("sqlite://./data/bys.db?mode=rwc"),
            Some(Path::new("./data/bys.db"))
        );
        assert_eq!(sqlite_file("sqlite:bys.db"), Some(Path::new("bys.db")));
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://postgres@127.0.0.1/bys"), None);
    }
}
