//! A login for busy calendars the platform cannot read with its own account (CalDAV).

use sea_orm_migration::prelude::*;

use crate::run_sql;

/// Adds `busy_sources.credentials`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, UP, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        run_sql(manager, DOWN, DOWN).await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

// What the calendar adapter needs to read the calendar again, sealed by the adapter (CalDAV:
// the username and app password, encrypted with AES-256-GCM); NULL for Google and Graph.
const UP: &str = "ALTER TABLE busy_sources ADD COLUMN credentials text;";

const DOWN: &str = "ALTER TABLE busy_sources DROP COLUMN credentials;";
