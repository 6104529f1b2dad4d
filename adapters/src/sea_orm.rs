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
mod backup;
mod booking_batches;
mod bulk;
mod busy_times;
mod calendar_links;
mod categories;
mod changes;
mod deliveries;
mod error;
mod feed_tokens;
mod move_proposals;
mod outbox;
mod personal_data;
mod rate_limits;
mod reviews;
mod schedules;
mod search;
mod services;
mod sessions;
mod users;
mod waitlist;
mod watch_channels;
mod webhooks;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use ::sea_orm::DatabaseConnection;
use ::sea_orm::sqlx::postgres::PgSslMode;
use ::sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use ::sea_orm::{ConnectOptions, Database, DbErr};

pub use account_tokens::SeaOrmAccountTokens;
pub use api_tokens::SeaOrmApiTokens;
pub use appointments::SeaOrmAppointments;
pub use audit::SeaOrmAuditLog;
pub use backup::{BackupError, backup_sqlite, restore_sqlite};
pub use bulk::{BulkLoad, bulk_load};
pub use busy_times::SeaOrmBusyTimes;
pub use calendar_links::SeaOrmCalendarLinks;
pub use categories::SeaOrmCategories;
pub use changes::listen_for_changes;
pub use deliveries::SeaOrmDeliveries;
pub use feed_tokens::SeaOrmFeedTokens;
pub use move_proposals::SeaOrmMoveProposals;
pub use personal_data::SeaOrmPersonalData;
pub use rate_limits::SeaOrmRateLimits;
pub use reviews::SeaOrmReviews;
pub use schedules::SeaOrmSchedules;
pub use services::SeaOrmServices;
pub use sessions::SeaOrmSessions;
pub use users::SeaOrmUsers;
pub use waitlist::SeaOrmWaitlist;
pub use watch_channels::SeaOrmWatchChannels;
pub use webhooks::SeaOrmWebhooks;

/// How long an SQLite writer waits for another to finish before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    /// The folder of an SQLite file, or the file, could not be created.
    #[error("cannot create {path}")]
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

/// How the connection pool behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolConfig {
    /// How long a store call waits for a connection (an idle one, or a new one while the
    /// database is away) before failing with [`RepoError::Unavailable`](application::ports::RepoError).
    pub acquire_timeout: Duration,
}

impl Default for PoolConfig {
    /// Three seconds: long enough to ride out a busy moment, short enough that a request fails
    /// fast instead of hanging while the database is down.
    fn default() -> Self {
        Self {
            acquire_timeout: Duration::from_secs(3),
        }
    }
}

/// Opens a connection pool for `url` with the default [`PoolConfig`]; see [`connect_with`].
///
/// # Errors
/// [`ConnectError`] when the folder cannot be created or the database is unreachable.
pub async fn connect(url: &str) -> Result<DatabaseConnection, ConnectError> {
    connect_with(url, PoolConfig::default()).await
}

/// Opens a connection pool for `url`: `sqlite://./data/bys.db` (the file and its folder are
/// created if missing) or `postgres://user@host:5432/name`.
///
/// SQLite connections use WAL (readers never wait for the writer), enforce foreign keys and
/// wait up to ten seconds for a busy writer instead of failing at once; a pooled SQLite
/// connection is used only while the path still names the file it opened. Pooled connections
/// are checked before use, so after a database restart the pool replaces broken ones by itself.
/// PostgreSQL on this machine is reached without TLS unless `sslmode` says otherwise.
///
/// # Errors
/// [`ConnectError`] when the folder cannot be created or the database is unreachable.
pub async fn connect_with(url: &str, pool: PoolConfig) -> Result<DatabaseConnection, ConnectError> {
    let mut options = ConnectOptions::new(url);
    options
        .sqlx_logging(false)
        .acquire_timeout(pool.acquire_timeout)
        .connect_timeout(pool.acquire_timeout)
        .test_before_acquire(true);
    if let Some(file) = sqlite_file(url) {
        if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| ConnectError::Folder {
                path: folder.to_owned(),
                source,
            })?;
        }
        // Created here, once: a connection the pool opens later must find this very file, not
        // make an empty one in its place (an empty file is a valid empty database).
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(file)
            .map_err(|source| ConnectError::Folder {
                path: file.to_owned(),
                source,
            })?;
        let opened = FileIdentity::of(file);
        options.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(false)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT)
        });
        // An open connection keeps working on a file that was moved or deleted (and writes
        // into it would be lost): before each use, check the path still names the file
        // opened; if not, drop the connection, and opening a new one fails until the file is
        // back, so requests are answered "unavailable".
        let path = file.to_owned();
        options.map_sqlx_sqlite_before_acquire(move |_, _| {
            let same = opened.is_some() && FileIdentity::of(&path) == opened;
            Box::pin(async move { Ok(same) })
        });
    }
    if !chooses_tls(url) {
        options.map_sqlx_postgres_opts(|o| {
            if is_loopback(o.get_host()) {
                o.ssl_mode(PgSslMode::Disable)
            } else {
                o
            }
        });
    }
    Ok(Database::connect(options).await?)
}

/// Whether the TLS mode of a PostgreSQL connection was chosen explicitly (`sslmode` in `url` or
/// `PGSSLMODE`). Otherwise a server on this machine is reached without TLS: on loopback it
/// protects nothing and costs a third of the round trips' rate (pgbench `-S`, 4 clients,
/// 2026-12-02: 1,890–2,309 tps with TLS against 3,370–3,380 without; see
/// `docs/PERFORMANCE.md`); remote servers keep sqlx's default, `prefer`.
fn chooses_tls(url: &str) -> bool {
    url.contains("sslmode=") || std::env::var_os("PGSSLMODE").is_some()
}

/// Whether `host` (a name, an address or a socket folder) is this machine.
fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.starts_with('/')
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Which file a path names: its device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    /// The identity of the file at `path`; `None` when there is none.
    fn of(path: &Path) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            std::fs::metadata(path).ok().map(|m| Self {
                device: m.dev(),
                inode: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            std::fs::metadata(path).ok().map(|_| Self {
                device: 0,
                inode: 0,
            })
        }
    }
}

/// Checks that the database answers a round trip (`SELECT 1` on a pooled connection).
///
/// # Errors
/// [`RepoError::Unavailable`](application::ports::RepoError) when it does not, within the
/// pool's acquire timeout.
pub async fn ping(db: &DatabaseConnection) -> Result<(), application::ports::RepoError> {
    db.ping().await.map_err(error::read_failed)
}

/// How many connections the pool holds, and how many of them are idle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUsage {
    /// Open connections.
    pub size: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
}

/// The pool's current [`PoolUsage`].
pub fn pool_usage(db: &DatabaseConnection) -> PoolUsage {
    fn usage<D: ::sea_orm::sqlx::Database>(pool: &::sea_orm::sqlx::Pool<D>) -> PoolUsage {
        PoolUsage {
            size: pool.size(),
            idle: u32::try_from(pool.num_idle()).unwrap_or(u32::MAX),
            max: pool.options().get_max_connections(),
        }
    }
    match db.get_database_backend() {
        ::sea_orm::DbBackend::Postgres => usage(db.get_postgres_connection_pool()),
        _ => usage(db.get_sqlite_connection_pool()),
    }
}

/// The file of an `sqlite:` URL, unless the database lives in memory.
pub fn sqlite_file(url: &str) -> Option<&Path> {
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
    /// Rate-limit counters.
    pub rate_limits: Arc<SeaOrmRateLimits>,
    /// Busy time read from providers' external calendars.
    pub busy_times: Arc<SeaOrmBusyTimes>,
    /// Reviews and their reports.
    pub reviews: Arc<SeaOrmReviews>,
    /// Push channels on providers' own calendars.
    pub watch_channels: Arc<SeaOrmWatchChannels>,
    /// Moves providers made in their calendars, waiting for the customer.
    pub move_proposals: Arc<SeaOrmMoveProposals>,
    /// Webhook endpoints, their messages and attempts.
    pub webhooks: Arc<SeaOrmWebhooks>,
    /// Erasure across every table.
    pub personal_data: Arc<SeaOrmPersonalData>,
    /// Customers waiting for places, with the holds offered to them.
    pub waitlist: Arc<SeaOrmWaitlist>,
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
            rate_limits: Arc::new(SeaOrmRateLimits::new(db.clone())),
            busy_times: Arc::new(SeaOrmBusyTimes::new(db.clone())),
            reviews: Arc::new(SeaOrmReviews::new(db.clone())),
            watch_channels: Arc::new(SeaOrmWatchChannels::new(db.clone())),
            move_proposals: Arc::new(SeaOrmMoveProposals::new(db.clone())),
            webhooks: Arc::new(SeaOrmWebhooks::new(db.clone())),
            personal_data: Arc::new(SeaOrmPersonalData::new(db.clone())),
            waitlist: Arc::new(SeaOrmWaitlist::new(db.clone())),
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

    #[test]
    fn this_machine_is_loopback_addresses_localhost_and_sockets() {
        for host in [
            "127.0.0.1",
            "127.0.0.2",
            "::1",
            "[::1]",
            "localhost",
            "/run/postgresql",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "db.example.org",
            "10.0.0.5",
            "192.168.1.2",
            "::ffff:10.0.0.5",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
