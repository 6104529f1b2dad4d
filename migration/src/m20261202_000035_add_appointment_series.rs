//! Recurring series: occurrences booked together carry one series id, so they can be listed
//! and cancelled together.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `appointments.series_id` (null for single bookings) with its index.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, POSTGRES_UP, SQLITE_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, DOWN, DOWN).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// The no-overlap constraint (PostgreSQL) and triggers (SQLite) stay as they are: every
// occurrence is an appointment row of its own, checked like any other.
const POSTGRES_UP: &str = r"
ALTER TABLE appointments ADD COLUMN series_id uuid;
CREATE INDEX appointments_series ON appointments (series_id, session_start)
    WHERE series_id IS NOT NULL;
";

// `appointments` is a STRICT table: uuids are blobs, as for `id`.
const SQLITE_UP: &str = r"
ALTER TABLE appointments ADD COLUMN series_id blob;
CREATE INDEX appointments_series ON appointments (series_id, session_start)
    WHERE series_id IS NOT NULL;
";

const DOWN: &str = r"
DROP INDEX appointments_series;
ALTER TABLE appointments DROP COLUMN series_id;
";
