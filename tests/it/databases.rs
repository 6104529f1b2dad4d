//! Fresh, migrated databases for tests: an SQLite file in a temporary folder, or a new database
//! on the local PostgreSQL server, dropped when the test ends.
//!
//! PostgreSQL tests need a server: `scripts/ensure-postgres` starts (or installs) one on
//! 127.0.0.1:5432. Without it these tests fail, locally and under CI alike; they never skip.
//! `BYS_TEST_POSTGRES_URL` points them at another server (default
//! `postgres://postgres@127.0.0.1:5432`).

use std::time::Duration;

use adapters::sea_orm::{DatabaseConnection, connect};
use sea_orm::{ConnectOptions, ConnectionTrait, Database};
use tempfile::TempDir;
use uuid::Uuid;

/// The server that test databases are created on.
fn postgres_server() -> String {
    std::env::var("BYS_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

/// A migrated SQLite database in a fresh folder; the folder lives as long as the [`TempDir`].
pub async fn fresh_sqlite() -> (DatabaseConnection, TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bys.db", folder.path().display());
    let db = connect(&url).await.unwrap();
    migration::migrate(&db).await.unwrap();
    (db, folder)
}

/// A database on the test server, dropped (with any connections left) when this is dropped.
#[derive(Debug)]
pub struct PostgresDatabase {
    name: String,
}

impl PostgresDatabase {
    /// A new, empty, unmigrated database.
    pub async fn create() -> Self {
        let name = format!("bys_test_{}", Uuid::now_v7().simple());
        let admin = Self::admin().await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        admin.close().await.unwrap();
        Self { name }
    }

    async fn admin() -> DatabaseConnection {
        let url = format!("{}/postgres", postgres_server());
        // Fail fast when no server answers instead of waiting out the pool's default timeout.
        let mut options = ConnectOptions::new(&url);
        options
            .sqlx_logging(false)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(Duration::from_secs(5));
        Database::connect(options).await.unwrap_or_else(|e| {
            panic!(
                "PostgreSQL is needed at {url} ({e}); start it with scripts/ensure-postgres \
                 or set BYS_TEST_POSTGRES_URL"
            )
        })
    }

    /// The database's URL, for an app's settings or an app process.
    pub fn url(&self) -> String {
        format!("{}/{}", postgres_server(), self.name)
    }

    /// A new connection pool on this database, as another app instance would open.
    pub async fn connect(&self) -> DatabaseConnection {
        connect(&self.url()).await.unwrap()
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop runs inside the test's runtime, which cannot be blocked on: use a thread of
        // its own with a runtime of its own.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            runtime.block_on(async {
                let admin = Self::admin().await;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .map(drop)
                    .map_err(std::io::Error::other)
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop test database {}: {dropped:?}", self.name);
        }
    }
}

/// A migrated database on the test server and its guard.
pub async fn fresh_postgres() -> (DatabaseConnection, PostgresDatabase) {
    let database = PostgresDatabase::create().await;
    let db = database.connect().await;
    migration::migrate(&db).await.unwrap();
    (db, database)
}
