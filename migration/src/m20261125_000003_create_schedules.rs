//! Providers' schedules: weekly hours and date overrides as JSON, the booking policy as columns.

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Creates `schedules`, one row per provider.
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

// A schedule is read and replaced whole, never queried by its hours, so the hours are one JSON
// document (wall-clock minutes, read in the provider's zone from `users.zone`).
const POSTGRES_UP: &str = r"
CREATE TABLE schedules (
    provider_id           uuid PRIMARY KEY REFERENCES users (id) ON DELETE RESTRICT,
    weekly                jsonb NOT NULL,
    overrides             jsonb NOT NULL,
    min_notice_minutes    integer NOT NULL CHECK (min_notice_minutes >= 0),
    horizon_days          integer NOT NULL CHECK (horizon_days > 0),
    slot_step_minutes     integer CHECK (slot_step_minutes > 0),
    change_cutoff_minutes integer NOT NULL CHECK (change_cutoff_minutes >= 0),
    auto_confirm          boolean NOT NULL
);
";

const SQLITE_UP: &str = r"
CREATE TABLE schedules (
    provider_id           blob PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    weekly                text NOT NULL CHECK (json_valid(weekly)),
    overrides             text NOT NULL CHECK (json_valid(overrides)),
    min_notice_minutes    integer NOT NULL CHECK (min_notice_minutes >= 0),
    horizon_days          integer NOT NULL CHECK (horizon_days > 0),
    slot_step_minutes     integer CHECK (slot_step_minutes > 0),
    change_cutoff_minutes integer NOT NULL CHECK (change_cutoff_minutes >= 0),
    auto_confirm          integer NOT NULL CHECK (auto_confirm IN (0, 1))
) STRICT;
";

const DOWN: &str = "DROP TABLE schedules;";
