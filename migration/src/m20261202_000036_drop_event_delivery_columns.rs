//! The first outbox kept delivery state on each event; `deliveries` (one row per event and
//! channel) has replaced it, so the event rows lose their delivery columns.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Drops `attempts`, `last_error` and `delivered_at` of `appointment_events`, with their index.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, UP, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_DOWN, SQLITE_DOWN).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// SQLite (3.35 and later) refuses to drop a column an index uses, so the index goes first.
const UP: &str = r"
DROP INDEX appointment_events_pending;
ALTER TABLE appointment_events DROP COLUMN attempts;
ALTER TABLE appointment_events DROP COLUMN last_error;
ALTER TABLE appointment_events DROP COLUMN delivered_at;
";

// Nothing ever marked an event delivered, so the columns come back as they always were: no
// attempts, no error, not delivered.
const POSTGRES_DOWN: &str = r"
ALTER TABLE appointment_events
    ADD COLUMN attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN last_error text,
    ADD COLUMN delivered_at timestamptz;
CREATE INDEX appointment_events_pending ON appointment_events (id) WHERE delivered_at IS NULL;
";

const SQLITE_DOWN: &str = r"
ALTER TABLE appointment_events ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE appointment_events ADD COLUMN last_error text;
ALTER TABLE appointment_events ADD COLUMN delivered_at text;
CREATE INDEX appointment_events_pending ON appointment_events (id) WHERE delivered_at IS NULL;
";
