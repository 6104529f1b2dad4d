//! PostgreSQL announces changes to what app instances cache: every write to users, services,
//! categories or schedules notifies `bys_changes` with `catalog`, on commit, to every instance
//! listening, whichever instance (or `psql` session) wrote. These writes are rare.
//!
//! Appointments get no trigger: a `NOTIFY` inside a write transaction holds a database-wide
//! lock through its commit, which serialises commits (pgbench, one INSERT per transaction on
//! this machine: 7,758 tps without, 2,816 with a notifying trigger). The app announces its
//! appointment writes after they committed instead (`adapters::sea_orm::listen_for_changes`).
//!
//! SQLite has no notifications and serves one instance, which invalidates its own cache on
//! write; nothing to do there.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates the notifying triggers on PostgreSQL.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_UP, "").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_DOWN, "").await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// Once per statement; pg_notify folds identical payloads of one transaction into one.
const POSTGRES_UP: &str = r"
CREATE FUNCTION bys_notify_catalog_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('bys_changes', 'catalog');
    RETURN NULL;
END $$;

CREATE TRIGGER users_notify AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION bys_notify_catalog_change();
CREATE TRIGGER services_notify AFTER INSERT OR UPDATE OR DELETE ON services
    FOR EACH STATEMENT EXECUTE FUNCTION bys_notify_catalog_change();
CREATE TRIGGER categories_notify AFTER INSERT OR UPDATE OR DELETE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION bys_notify_catalog_change();
CREATE TRIGGER schedules_notify AFTER INSERT OR UPDATE OR DELETE ON schedules
    FOR EACH STATEMENT EXECUTE FUNCTION bys_notify_catalog_change();
";

const POSTGRES_DOWN: &str = r"
DROP TRIGGER schedules_notify ON schedules;
DROP TRIGGER categories_notify ON categories;
DROP TRIGGER services_notify ON services;
DROP TRIGGER users_notify ON users;
DROP FUNCTION bys_notify_catalog_change();
";
