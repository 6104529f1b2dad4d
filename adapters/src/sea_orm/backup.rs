//! Backing up and restoring the SQLite database file: an online, consistent copy made by
//! SQLite itself (`VACUUM INTO`), and a restore that refuses while an app has the file open.

use std::path::{Path, PathBuf};
use std::time::Duration;

use ::sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

/// Why a backup or restore failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The backup file exists already (it is never overwritten).
    #[error("{0} exists already; choose a new file name")]
    Exists(PathBuf),
    /// The file to restore is missing, unreadable or not a Book Your Services database.
    #[error("{path} is not a usable backup: {reason}")]
    NotABackup {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Another connection (a running app) has the database open.
    #[error("{0} is in use (is `bys serve` running on it?); stop every instance, then restore")]
    InUse(PathBuf),
    /// The database failed.
    #[error("the database failed")]
    Database(#[from] DbErr),
    /// A file operation failed.
    #[error("cannot {action} {path}")]
    File {
        /// What was being done.
        action: &'static str,
        /// On which file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
}

/// Writes a consistent copy of the SQLite database `db` into the new file `target`, while the
/// app may keep serving (SQLite's `VACUUM INTO` reads one snapshot).
///
/// # Errors
/// [`BackupError::Exists`] when `target` exists; database failures.
pub async fn backup_sqlite(db: &DatabaseConnection, target: &Path) -> Result<(), BackupError> {
    if target.exists() {
        return Err(BackupError::Exists(target.to_owned()));
    }
    let quoted = target.display().to_string().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await?;
    Ok(())
}

/// Replaces the SQLite database file `target` (and its write-ahead log) with the backup
/// `backup`, after checking that the backup is a sound Book Your Services database and that no
/// other connection has `target` open. The folder of `target` is created if missing.
///
/// # Errors
/// [`BackupError::NotABackup`], [`BackupError::InUse`], file and database failures.
pub async fn restore_sqlite(backup: &Path, target: &Path) -> Result<(), BackupError> {
    check_backup(backup).await?;
    if target.exists() && in_use(target).await? {
        return Err(BackupError::InUse(target.to_owned()));
    }
    let file_error = |action, path: &Path| {
        let path = path.to_owned();
        move |source| BackupError::File {
            action,
            path,
            source,
        }
    };
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(file_error("create", folder))?;
    }
    let incoming = with_suffix(target, ".restoring");
    std::fs::copy(backup, &incoming).map_err(file_error("copy the backup to", &incoming))?;
    // The old file's log belongs to the old file: replayed over the restored one it would
    // corrupt it.
    for log in [with_suffix(target, "-wal"), with_suffix(target, "-shm")] {
        match std::fs::remove_file(&log) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(file_error("remove", &log)(e));
            }
            _ => {}
        }
    }
    std::fs::rename(&incoming, target).map_err(file_error("move the restored file to", target))
}

/// `path` with `suffix` appended to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Opens `path` as an SQLite database with one connection and no waiting for locks.
async fn open_alone(path: &Path, mode: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(format!("sqlite://{}?mode={mode}", path.display()));
    options
        .sqlx_logging(false)
        .max_connections(1)
        .min_connections(1)
        .map_sqlx_sqlite_opts(|o| o.busy_timeout(Duration::ZERO));
    Database::connect(options).await
}

/// Checks that `backup` passes SQLite's quick check and has this app's migrations table.
async fn check_backup(backup: &Path) -> Result<(), BackupError> {
    let refuse = |reason: String| BackupError::NotABackup {
        path: backup.to_owned(),
        reason,
    };
    if !backup.is_file() {
        return Err(refuse("no such file".to_owned()));
    }
    let db = open_alone(backup, "ro")
        .await
        .map_err(|e| refuse(e.to_string()))?;
    let check = db
        .query_one_raw(::sea_orm::Statement::from_string(
            db.get_database_backend(),
            "PRAGMA quick_check",
        ))
        .await
        .map_err(|e| refuse(e.to_string()))?
        .and_then(|row| row.try_get_by_index::<String>(0).ok());
    if check.as_deref() != Some("ok") {
        return Err(refuse(format!("integrity check says {check:?}")));
    }
    db.query_one_raw(::sea_orm::Statement::from_string(
        db.get_database_backend(),
        "SELECT count(*) FROM seaql_migrations",
    ))
    .await
    .map_err(|_| refuse("it has no Book Your Services schema".to_owned()))?;
    db.close().await?;
    Ok(())
}

/// Whether another connection has `target` open: in WAL mode every open connection holds a
/// shared lock that keeps others from taking the database in exclusive locking mode.
async fn in_use(target: &Path) -> Result<bool, BackupError> {
    let Ok(db) = open_alone(target, "rw").await else {
        return Ok(true);
    };
    let exclusive = async {
        db.execute_unprepared("PRAGMA locking_mode = EXCLUSIVE")
            .await?;
        db.execute_unprepared("BEGIN EXCLUSIVE").await?;
        db.execute_unprepared("COMMIT").await
    }
    .await;
    db.close().await?;
    Ok(exclusive.is_err())
}
